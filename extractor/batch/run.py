"""Batch runs: inputs in, one line per input out (resumable), and a summary of the run.

``BatchRun(inputs, settings, options).run()`` streams the inputs (never all at once),
skips those the output file already holds, runs the rest (in threads or worker
processes when asked), writes each line in input order and counts what happened:
``Summary`` (the counts, where the lines went, each field's fill rate, the files
skipped by type) and a progress bar with the total and the time left.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.backends.limited import LimitedBackend, RateLimiter
from extractor.batch.parquet import jsonl_to_parquet, require_pyarrow, sidecar
from extractor.batch.ray import RayOptions, ray_results
from extractor.batch.survey import Survey, survey_inputs
from extractor.batch.workers import make_pool, ordered_map, run_in_worker
from extractor.batch.write import (
    Output,
    OutputLock,
    check_writable,
    format_for,
    is_pipe_or_device,
    line_format,
    looks_like_output,
)
from extractor.errors import ConfigError
from extractor.load import EXTENSION_KINDS, folder_root, iter_inputs, path_source
from extractor.pipeline import Pipeline
from extractor.prices import estimate_cost
from extractor.result import Result
from extractor.review import ReviewSpool
from extractor.settings import Settings

_ITEM_SUFFIX = re.compile(r"#\d+$")  # "feed.jsonl#12": row 12 of feed.jsonl


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs and where its lines go (the model settings live in Settings)."""

    output: str | None = None  # None: stdout (no resume)
    # jsonl | csv | parquet (via a JSONL sidecar, converted at the end); None: by the
    # output's extension (see output_format)
    format: str | None = None
    errors: str | None = None  # error lines also written here (JSONL)
    summary_json: str | None = None  # the caller writes the summary here; checked up front
    overwrite: bool = False  # start the output afresh instead of resuming it
    text_field: str | None = None
    limit: int | None = None  # only the first N inputs (after include/exclude)
    include: tuple[str, ...] = ()  # fnmatch globs on sources ("*" crosses folders)
    exclude: tuple[str, ...] = ()
    concurrency: int = 1  # requests in flight (threads); remote backends
    workers: int | None = None  # worker processes (local) or actors (ray); None: 1 / auto
    engine: str = "local"  # local | ray
    ray_address: str | None = None  # ray: None starts a local instance; "auto" joins one
    block_size: int | None = None  # ray: inputs per actor call; None: by workload
    max_rpm: float | None = None  # model requests per minute
    max_tokens_total: int | None = None  # stop starting inputs once this many are spent
    progress: bool = True
    include_text: bool = False  # each line ends with the cleaned text ("text")
    review: str | None = None  # the review page of this run's lines goes here (HTML)

    @property
    def output_format(self) -> str:
        """``format`` when given, else the one the output's extension names (.jsonl, .csv,
        .parquet); any other extension, and stdout, get jsonl."""
        return self.format or format_for(self.output)

    def check(self, settings: Settings) -> None:
        """Raises ConfigError for options that cannot work together."""
        if self.output_format == "parquet":
            if not self.output:
                raise ConfigError("--format parquet needs -o FILE")
            require_pyarrow()  # before any input is run, not at the end
        else:
            line_format(self.output_format)
        if self.engine not in ("local", "ray"):
            raise ConfigError(f"unknown engine {self.engine!r}; known: local, ray")
        workers = 1 if self.workers is None else self.workers
        if min(self.concurrency, workers, self.block_size or 1) < 1 or (self.limit or 0) < 0:
            raise ConfigError("--concurrency, --workers, --block-size and --limit must be "
                              "positive")
        if self.concurrency > 1 and settings.runs_local_model():
            raise ConfigError("--concurrency is for the openai backend; "
                              "use --workers N to run N embedded models")
        parallel = workers > 1 or self.engine == "ray"
        if self.concurrency > 1 and parallel and self.engine == "local":
            raise ConfigError("use --concurrency (remote backends) or --workers, not both")
        if self.max_rpm is not None and (self.max_rpm <= 0 or parallel):
            raise ConfigError("--max-rpm must be positive; it works in one process only "
                              "(not with --workers or --engine ray)")


@dataclass
class Summary:
    """What a run did; ``inputs`` = ``skipped`` (already in the output) + done + failed."""

    inputs: int = 0
    skipped: int = 0
    done: int = 0
    failed: int = 0
    previous_failed: int = 0  # error lines already in the output when resumed
    cached: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model: str | None = None
    model_seconds: float = 0.0
    wall_seconds: float = 0.0
    stopped: str | None = None  # "token_budget" or "interrupted"
    duplicates_dropped: int = 0  # later copies of a line found in the resumed output
    output: str | None = None  # where the lines are; None: stdout
    errors_file: str | None = None  # error lines also written here
    records: int = 0  # records made in this run (done)
    filled: dict[str, int] = field(default_factory=dict)  # field -> records that state it
    skipped_files: dict[str, int] = field(default_factory=dict)  # suffix -> files not read

    def add(self, result: Result) -> None:
        self.inputs += 1
        if result.error is None:
            self.done += 1
            self._count_filled(result.record)
        else:
            self.failed += 1
            self.errors[result.error.type] += 1
        self.cached += int(result.cached)
        self.prompt_tokens += result.usage.prompt_tokens
        self.completion_tokens += result.usage.completion_tokens
        self.model = self.model or result.meta.get("model")
        if not result.cached:
            self.model_seconds += result.latency_s

    def _count_filled(self, record: Any) -> None:
        if record is None:
            return
        self.records += 1
        for name in type(record).model_fields:  # the record's order, unstated ones too
            self.filled[name] = self.filled.get(name, 0) + _stated(getattr(record, name))

    def fill_rates(self) -> dict[str, float]:
        """Field -> share of this run's records that state it (not null, not empty)."""
        return {name: count / self.records for name, count in self.filled.items()}

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def cost_usd(self) -> float | None:
        return estimate_cost(self.model, self.prompt_tokens, self.completion_tokens)

    def per_minute(self) -> float:
        """Inputs processed (not skipped) per minute of wall time."""
        worked = self.inputs - self.skipped
        return round(60 * worked / self.wall_seconds, 1) if self.wall_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["errors"] = dict(self.errors)
        data["fill_rates"] = {name: round(rate, 4) for name, rate in self.fill_rates().items()}
        data["cost_usd"] = self.cost_usd()
        data["postings_per_minute"] = self.per_minute()
        return data

    def render(self) -> str:
        """The counts, where the lines went, and each field's fill rate (lines <= 100)."""
        lines = [*self._counts(), self._where()]
        if self.records:
            rates = [f"{name} {rate:.0%}" for name, rate in self.fill_rates().items()]
            lead = f"filled ({self.records} record{'s' if self.records != 1 else ''}):"
            lines.extend(_wrapped(lead, rates))
        return "\n".join(lines)

    def _counts(self) -> list[str]:
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        cost = self.cost_usd()
        return [
            f"{self.inputs} inputs: {self.done} done, {self.failed} failed ({errors}), "
            f"{self.skipped} already in the output, {self.cached} from cache",
            f"tokens {self.prompt_tokens} in / {self.completion_tokens} out"
            f"{f' (~${cost:.4f})' if cost is not None else ''}; "
            f"{self.wall_seconds:.2f}s wall, {self.per_minute()} postings/min, "
            f"{self.model_seconds:.2f}s extracting uncached inputs",
        ]

    def _where(self) -> str:
        where = f"output: {self.output or 'stdout'}"
        return where + (f"; error lines also in {self.errors_file}" if self.errors_file else "")

    def write_json(self, path: str) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")


def _wrapped(lead: str, items: list[str], width: int = 100) -> list[str]:
    """``lead`` and the comma-separated ``items`` in lines of at most ``width``, never
    breaking inside an item; later lines indented by two spaces."""
    lines, line = [], lead
    for n, item in enumerate(items):
        piece = item + ("," if n < len(items) - 1 else "")
        if len(line) + 1 + len(piece) > width and line.strip():
            lines.append(line)
            line = " "
        line += " " + piece
    return [*lines, line]


def _stated(value: Any) -> int:
    """1 when a record value states something (False and 0 do), else 0."""
    return int(value is not None and not (isinstance(value, str | list | dict) and not value))


def _inputs(paths: Sequence[str], text_field: str | None) -> Iterator[Any]:
    """The loaded inputs; ``-`` is stdin, read as bytes like a file (see iter_inputs)."""
    return iter_inputs(paths, text_field=text_field, stdin=sys.stdin)


def selected(source: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """True when ``source`` (or its file, for a JSON row) passes the include/exclude globs."""
    names = {source, _ITEM_SUFFIX.sub("", source)}
    hits = lambda globs: any(fnmatch.fnmatchcase(n, g) for n in names for g in globs)  # noqa: E731
    return (not include or hits(include)) and not hits(exclude)


def output_paths(opts: BatchOptions) -> list[tuple[str, Path]]:
    """Every file a run writes, each with the flag that names it."""
    named = [("-o", opts.output), ("--errors", opts.errors),
             ("--summary-json", opts.summary_json), ("--review", opts.review)]
    if opts.output_format == "parquet" and opts.output:
        named.insert(1, ("-o (its JSONL sidecar)", sidecar(opts.output)))
    return [(flag, Path(path)) for flag, path in named if path]


def check_outputs(inputs: Sequence[str], opts: BatchOptions) -> None:
    """Refuse, before any file is opened for writing, outputs that cannot be written,
    that name one file twice, or that would overwrite an input.

    Raises:
        ConfigError: naming the flag and what to do.
    """
    outputs = output_paths(opts)
    for flag, path in outputs:
        check_writable(flag, path)
    for n, (flag, path) in enumerate(outputs):
        for other_flag, other in outputs[:n]:
            if _same_file(path, other):
                raise ConfigError(f"{flag} {path} is the same file as {other_flag}; "
                                  "give each output its own file")
        _refuse_input(flag, path, inputs, _kind(flag, opts.output_format))


def _same_file(a: Path, b: Path) -> bool:
    """Two names of one regular file (a pipe or device may well take two streams)."""
    if is_pipe_or_device(a) or is_pipe_or_device(b):
        return False
    if a.exists() and b.exists():
        return a.samefile(b)
    return a.resolve() == b.resolve()


def _kind(flag: str, fmt: str) -> str:
    """What the file behind ``flag`` holds (see write.looks_like_output)."""
    named = {"--summary-json": "summary", "--review": "review"}
    return named.get(flag) or (fmt if flag == "-o" else "jsonl")


def _refuse_input(flag: str, path: Path, inputs: Sequence[str], kind: str) -> None:
    """Raises ConfigError when writing ``path`` would destroy an input posting."""
    for raw in inputs:
        given = Path(raw)
        if raw == "-" or not given.exists():
            continue
        if given.is_dir():
            if _read_from(given, path) and not looks_like_output(path, kind):
                raise ConfigError(f"{flag} {path} is a posting in the input folder {raw}; "
                                  "writing it would destroy that input: choose another "
                                  "output file")
        elif _same_file(path, given):
            raise ConfigError(f"{flag} {path} is also an input; writing it would destroy "
                              "that input: choose another output file")


def _read_from(folder: Path, path: Path) -> bool:
    """True when walking ``folder`` would load the existing file ``path``."""
    if not path.is_file():
        return False
    target, root = path.resolve(), folder.resolve()
    if not target.is_relative_to(root):
        return False
    hidden = any(part.startswith(".") for part in target.relative_to(root).parts)
    return not hidden and target.suffix.lower() in EXTENSION_KINDS


def _own_outputs(paths: Sequence[str], opts: BatchOptions) -> tuple[str, ...]:
    """Globs that keep a batch from reading its own outputs inside an input folder."""
    folders = [(raw, Path(raw).resolve()) for raw in paths if raw != "-" and Path(raw).is_dir()]
    targets = [path.resolve() for _, path in output_paths(opts)]
    # the source the loader gives that file (with the folder in front when several inputs)
    return tuple(_glob_escape(path_source(Path(raw) / target.relative_to(folder),
                                          folder_root(raw, several=len(paths) > 1)))
                 for target in targets for raw, folder in folders if target.is_relative_to(folder))


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


@contextlib.contextmanager
def _progress(total: int | None, enabled: bool) -> Iterator[Callable[[], None]]:
    """A step function for each line written; with ``enabled``, a bar on stderr with
    the total (an estimate, raised if passed) and the time left."""
    if not enabled or total == 0:
        yield lambda: None
        return
    from tqdm import tqdm  # lazy: 45 ms, and only runs over many inputs show progress

    with tqdm(total=total, unit="posting", file=sys.stderr, dynamic_ncols=True) as bar:
        def step() -> None:
            if bar.total is not None and bar.n >= bar.total:
                bar.total = bar.n + 1
            bar.update()

        yield step


class BatchRun:
    """One batch: ``run()`` it; ``summary`` is filled as lines are written (also on Ctrl-C)."""

    def __init__(self, inputs: Sequence[str], settings: Settings,
                 options: BatchOptions | None = None) -> None:
        self.inputs, self.settings = list(inputs), settings
        self.options = options or BatchOptions()
        self.options.check(settings)
        check_outputs(self.inputs, self.options)
        self.summary = Summary(errors_file=self.options.errors)
        self.output_lines = 0  # complete lines in the output (resumed + written)
        self.reviewed = 0  # postings on the review page (--review)
        self._survey: Survey | None = None

    def survey(self) -> Survey:
        """What the inputs hold (see ``batch.survey``), walked once per run; with the
        progress bar on, the postings are counted too."""
        if self._survey is None:
            opts = self.options
            exclude = opts.exclude + _own_outputs(self.inputs, opts)
            self._survey = survey_inputs(
                self.inputs, lambda source: selected(source, opts.include, exclude),
                count=self._shows_progress())
            self.summary.skipped_files = dict(self._survey.skipped)
        return self._survey

    def run(self) -> Summary:
        """Extract every input not yet in the output; write each line in input order.

        Raises:
            ConfigError: the run is misconfigured, or another run is writing the same
                output file (nothing more is started).
            KeyboardInterrupt: after closing the output; every line written is complete.
        """
        self.survey()  # the files skipped by type go into the summary
        path, fmt = self.options.output, self.options.output_format
        if fmt == "parquet":
            path, fmt = sidecar(str(path)), "jsonl"
        with OutputLock(path) as lock:  # held until the Parquet file is written too
            return self._run_locked(path, fmt, lock)

    def _run_locked(self, path: str | None, fmt: str, lock: OutputLock) -> Summary:
        opts, started = self.options, time.perf_counter()
        output = Output(path, fmt, errors=opts.errors, overwrite=opts.overwrite, lock=lock)
        self.summary.previous_failed, self.output_lines = output.previous_failed, output.resumed
        self.summary.duplicates_dropped, self.summary.output = output.duplicates_dropped, path
        try:
            with _progress(self._total(output.resumed), self._shows_progress()) as step:
                for result in self._reviewed(self._results(output)):
                    output.write(result.to_line(include_text=opts.include_text))
                    self.output_lines += 1
                    self.summary.add(result)
                    step()
        except KeyboardInterrupt:
            self.summary.stopped = "interrupted"
            raise
        finally:
            output.close()
            self.summary.wall_seconds = time.perf_counter() - started
        if opts.output_format == "parquet" and self.summary.stopped is None:
            jsonl_to_parquet(Path(str(path)), Path(str(opts.output)))
            self.summary.output = opts.output
        return self.summary

    def _reviewed(self, results: Iterator[Result]) -> Iterator[Result]:
        """``results`` passed through; with --review each line is kept (with its text) and
        the page is written once they run out (also at --max-tokens-total; not when the
        run is interrupted)."""
        if not self.options.review:
            yield from results
            return
        with ReviewSpool(self.options.review) as spool:
            for result in results:
                spool.add(result.to_line(include_text=True))
                yield result
            self.reviewed = spool.write()

    def _shows_progress(self) -> bool:
        return self.options.progress and self._many()

    def _many(self) -> bool:
        return len(self.inputs) > 1 or any(Path(p).is_dir() for p in self.inputs if p != "-")

    def _total(self, resumed: int) -> int | None:
        """Lines this run is expected to write: the postings found, within --limit, less
        those already in a resumed output (None when not counted)."""
        if not self._shows_progress():
            return None
        postings = self.survey().postings
        if self.options.limit is not None:
            postings = min(postings, self.options.limit)
        return max(postings - resumed, 0)

    def _todo(self, output: Any) -> Iterator[Any]:
        """Inputs to run: included, within --limit, not already in the output."""
        opts = self.options
        exclude = opts.exclude + _own_outputs(self.inputs, opts)
        position = 0
        for item in _inputs(self.inputs, opts.text_field):
            if not selected(item.source, opts.include, exclude):
                continue
            position += 1
            if opts.limit is not None and position > opts.limit:
                return
            if output.already_done(item.source):
                self.summary.inputs += 1
                self.summary.skipped += 1
                continue
            yield item

    def _over_budget(self) -> bool:
        budget = self.options.max_tokens_total
        if budget is not None and self.summary.tokens >= budget:
            self.summary.stopped = "token_budget"
            return True
        return False

    def _results(self, output: Any) -> Iterator[Any]:
        if self.options.engine == "ray":
            opts = self.options
            ray_opts = RayOptions(opts.ray_address, opts.workers, opts.concurrency,
                                  opts.block_size)
            yield from ray_results(self._todo(output), self.settings, ray_opts,
                                   self._over_budget)
            return
        yield from self._local_results(output)

    def _local_results(self, output: Any) -> Iterator[Any]:
        opts = self.options
        workers = opts.workers or 1
        pool = make_pool(self.settings, opts.concurrency, workers)
        pipeline = None if workers > 1 else self._pipeline()
        run_one = run_in_worker if pipeline is None else pipeline.run
        window = 4 * max(opts.concurrency, workers)
        try:
            yield from ordered_map(run_one, self._todo(output), pool, window, self._over_budget)
        finally:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            if pipeline is not None:
                pipeline.close()

    def _pipeline(self) -> Any:
        rpm = self.options.max_rpm
        backend = LimitedBackend(self.settings, RateLimiter(rpm)) if rpm else None
        return Pipeline(self.settings, backend)
