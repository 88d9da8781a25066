"""The Ray engine: the same pipeline in Ray actors, on one machine or a cluster.

Each actor holds one ``Pipeline`` (so one embedded model, or one HTTP client pool for
a remote backend) for its whole life; the model loads once per actor, not per input.

* ``ray_results(items, settings, ...)`` is what ``extract --engine ray`` uses: the
  driver streams inputs in blocks to the actors (a bounded number in flight, each
  block to the least busy actor) and yields results in input order. The driver is
  the only writer, so resume and exactly-once are the local engine's: a worker that
  dies is restarted by Ray and its block is run again; its results reach the output
  once, when the block comes back. A block that fails for good becomes error lines.
* ``extract_dataset(ds, settings)`` maps a Ray Dataset of postings (a ``text`` column,
  optional ``source``) to a Dataset of output lines (``source``, ``error_type`` and
  ``line``, the RECORD.md line as JSON text) with ``map_batches`` over actors.

Ray is an optional extra: ``pip install 'extractor[ray]'``.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any

from extractor.batch.workers import ordered_map
from extractor.errors import ConfigError
from extractor.load import text_input
from extractor.pipeline import Pipeline
from extractor.result import ErrorInfo, Result
from extractor.settings import Settings

ACTOR_RESTARTS = 3  # a worker that dies is restarted this many times (its block re-run)


@dataclass(frozen=True)
class RayOptions:
    """How the Ray engine runs; None means "work it out from the cluster"."""

    address: str | None = None  # None: a local Ray instance; "auto" or ray://host:10001
    workers: int | None = None  # actors; default: one per CPU (per model thread, embedded)
    concurrency: int = 1  # requests in flight inside each actor (remote backends)
    block_size: int | None = None  # inputs per actor call; None: ``default_block_size``


class BlockRunner:
    """One worker's pipeline: runs blocks of inputs, ``concurrency`` at a time."""

    def __init__(self, settings: Settings, concurrency: int = 1) -> None:
        self.pipeline = Pipeline(settings)
        self.concurrency = concurrency
        self.pool = ThreadPoolExecutor(concurrency) if concurrency > 1 else None

    def run_block(self, items: list[Any]) -> list[Any]:
        """One result per input, in order."""
        return list(ordered_map(self.pipeline.run, items, self.pool, 4 * self.concurrency))

    def pid(self) -> int:
        return os.getpid()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        """Ray Data ``map_batches``: a batch of postings to a batch of output lines."""
        texts = list(batch["text"])
        sources = list(batch["source"]) if "source" in batch else [
            f"<row {n}>" for n in range(len(texts))]
        items = [text_input(str(t), str(s)) for t, s in zip(texts, sources, strict=True)]
        results = self.run_block(items)
        lines = [result.to_line() for result in results]
        return {"source": [line["source"] for line in lines],
                "error_type": [(line["error"] or {}).get("type") for line in lines],
                "line": [json.dumps(line, ensure_ascii=False) for line in lines]}


def ray_results(
    items: Iterable[Any],
    settings: Settings,
    options: RayOptions | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[Any]:
    """Results for ``items`` (Documents or LoadFailures) from Ray actors, in input order.

    Raises:
        ConfigError: Ray is not installed, or the cluster cannot be reached.
    """
    options = options or RayOptions()
    ray = _start_ray(options.address)
    settings = worker_settings(settings)
    actors = _Actors(ray, settings, options)
    in_flight: deque[tuple[Any, list[Any], int]] = deque()
    blocks = _blocks(items, options.block_size or default_block_size(settings))
    try:
        while True:
            while len(in_flight) < 2 * actors.count and not should_stop():
                block = next(blocks, None)
                if block is None:
                    break
                in_flight.append(actors.submit(block))
            if not in_flight:
                return
            yield from actors.collect(*in_flight.popleft())
    finally:
        for ref, _, _ in in_flight:
            with contextlib.suppress(Exception):  # best effort: the run is ending anyway
                ray.cancel(ref, force=False)


def extract_dataset(ds: Any, settings: Settings, workers: int | None = None,
                    concurrency: int = 1, batch_size: int = 16) -> Any:
    """A Ray Dataset of postings (``text``, optional ``source``) to one of output lines.

    Each output row has ``source``, ``error_type`` (None when the record was made) and
    ``line``: the RECORD.md line as JSON text (``json.loads`` it for the record).
    """
    import ray  # lazy: optional dependency (extractor[ray])

    settings = worker_settings(settings)
    return ds.map_batches(
        BlockRunner, fn_constructor_kwargs={"settings": settings, "concurrency": concurrency},
        batch_size=batch_size, concurrency=workers or default_workers(settings, ray),
        num_cpus=cpus_per_worker(settings))


def worker_settings(settings: Settings) -> Settings:
    """Settings for one actor: an embedded model gets one thread unless told otherwise."""
    return settings.with_default_threads(1)


def default_block_size(settings: Settings) -> int:
    """Inputs per actor call: 16 keeps Ray's per-call cost small next to fast inputs (rules,
    remote models); an embedded model takes about a second an input, so blocks of one
    keep every actor busy to the end instead of one actor holding the last 16."""
    return 1 if settings.runs_local_model() else 16


def cpus_per_worker(settings: Settings) -> float:
    """Ray CPUs an actor reserves: its model threads (embedded), else one."""
    if settings.runs_local_model():
        return float(settings.n_threads or 1)
    return 1.0


def default_workers(settings: Settings, ray: Any) -> int:
    cpus = float(ray.cluster_resources().get("CPU", 1))
    return max(1, int(cpus // cpus_per_worker(settings)))


def _start_ray(address: str | None) -> Any:
    try:
        import ray  # lazy: optional dependency (extractor[ray])
    except ImportError as exc:
        raise ConfigError("--engine ray needs Ray: pip install 'extractor[ray]'") from exc
    if not ray.is_initialized():
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise ConfigError(f"cannot start or reach Ray at {address or 'local'}: {exc}"
                              ) from exc
    return ray


def _blocks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while block := list(islice(iterator, size)):
        yield block


class _Actors:
    """The actor pool: submit a block to the least busy actor; collect its results."""

    def __init__(self, ray: Any, settings: Settings, options: RayOptions) -> None:
        self.ray, self.settings, self.options = ray, settings, options
        count = options.workers or default_workers(settings, ray)
        self._remote = ray.remote(num_cpus=cpus_per_worker(settings),
                                  max_restarts=ACTOR_RESTARTS,
                                  max_task_retries=ACTOR_RESTARTS)(BlockRunner)
        self.actors = [self._new() for _ in range(count)]
        self.busy = [0] * count

    @property
    def count(self) -> int:
        return len(self.actors)

    def _new(self) -> Any:
        return self._remote.remote(self.settings, self.options.concurrency)

    def submit(self, block: list[Any]) -> tuple[Any, list[Any], int]:
        index = min(range(self.count), key=self.busy.__getitem__)
        self.busy[index] += 1
        return self.actors[index].run_block.remote(block), block, index

    def collect(self, ref: Any, block: list[Any], index: int) -> list[Any]:
        """The block's results; a block whose actor died for good becomes error lines."""
        from ray.exceptions import RayActorError, RayTaskError  # lazy: optional dependency

        try:
            return self.ray.get(ref)
        except RayTaskError as exc:
            if isinstance(exc.cause, ConfigError):
                raise exc.cause from None
            return _failed(block, "worker_error", exc)
        except RayActorError as exc:
            self.actors[index] = self._new()  # a fresh actor for the blocks to come
            return _failed(block, "worker_lost", exc)
        finally:
            self.busy[index] -= 1


def _failed(block: list[Any], error_type: str, exc: BaseException) -> list[Any]:
    message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
    return [Result(item.source, error=ErrorInfo(error_type, message))
            for item in block]
