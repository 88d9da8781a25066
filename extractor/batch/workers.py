"""Running many inputs at once: bounded windows of work and the workers that run them.

``ordered_map`` keeps at most ``window`` items in flight and yields results in input
order, pulling inputs lazily (never all of them at once). Threads serve remote
backends (``--concurrency``); worker processes, each with its own pipeline and so
its own model, serve the embedded backend (``--workers``).

The threads are a ``CancellingThreadPool``: shutting it down with ``cancel_futures``
(what a run does on Ctrl-C or SIGTERM) also cancels the model requests in flight,
and its threads are daemons, so the process never waits for a stalled server.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

from extractor.backends.cancel import cancel_scope
from extractor.pipeline import Pipeline
from extractor.settings import Settings

T = TypeVar("T")
R = TypeVar("R")


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    pool: Executor | None,
    window: int,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[R]:
    """``fn`` over ``items`` with at most ``window`` in flight; results in input order.

    ``should_stop`` is asked before each new item is started: once it says True no
    more are started, and those in flight are still yielded. Without a pool the
    items run one by one in this thread.
    """
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            if should_stop():
                break
            if pool is None:
                yield fn(item)
                continue
            pending.append(pool.submit(fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


_worker_pipeline: Any = None  # set in each worker process by _start_worker


def _start_worker(settings: Settings) -> None:
    """Worker process start: build its pipeline once; Ctrl-C is the parent's to handle."""
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_pipeline = Pipeline(settings)


def run_in_worker(item: Any) -> Any:
    """Run one input on this worker process's pipeline."""
    return _worker_pipeline.run(item)


def threads_per_worker(settings: Settings, workers: int) -> Settings:
    """Split the cores among ``workers`` embedded models unless threads were set: two
    models of two threads each on two cores spin against each other and run slower
    than one."""
    return settings.with_default_threads(max(1, (os.cpu_count() or 1) // workers))


def make_pool(settings: Settings, concurrency: int, workers: int) -> Executor | None:
    """A process pool for ``workers`` > 1, a thread pool for ``concurrency`` > 1, else None."""
    if workers > 1:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker,
                                   initargs=(threads_per_worker(settings, workers),))
    if concurrency > 1:
        return CancellingThreadPool(concurrency, name="extract")
    return None


_Job = tuple[Future[Any], Callable[..., Any], tuple[Any, ...], dict[str, Any]]


class CancellingThreadPool(Executor):
    """``threads`` daemon threads whose jobs' model requests a shutdown can cancel.

    ``ThreadPoolExecutor`` joins its threads when the interpreter exits, so a request
    stalled on a silent server kept an interrupted run alive for minutes. Here
    ``shutdown(cancel_futures=True)`` drops the queued jobs and sets the event that
    every running job's requests watch (``extractor.backends.cancel``); they give up
    within a fraction of a second, and nothing waits for them at exit.
    """

    def __init__(self, threads: int, name: str = "pool") -> None:
        self.cancelled = threading.Event()
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._closed = False
        self._threads = [threading.Thread(target=self._work, name=f"{name}-{n}", daemon=True)
                         for n in range(threads)]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        if self._closed:
            raise RuntimeError("cannot submit to a pool that was shut down")
        future: Future[R] = Future()
        self._jobs.put((future, fn, args, kwargs))
        return future

    def _work(self) -> None:
        with cancel_scope(self.cancelled):
            while (job := self._jobs.get()) is not None:
                future, fn, args, kwargs = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(fn(*args, **kwargs))
                except BaseException as exc:  # the job's failure belongs to its future
                    future.set_exception(exc)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking jobs; with ``cancel_futures`` drop queued ones and cancel the
        requests of running ones; with ``wait`` join the threads."""
        self._closed = True
        if cancel_futures:
            self.cancelled.set()
            self._drop_queued()
        for _ in self._threads:
            self._jobs.put(None)
        if wait:
            for thread in self._threads:
                thread.join()

    def _drop_queued(self) -> None:
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            if job is not None:
                job[0].cancel()
