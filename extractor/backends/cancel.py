"""Cancelling the model requests in flight when a run is interrupted.

A thread pool runs each job inside ``cancel_scope(event)``; on Ctrl-C or SIGTERM the
pool sets ``event``, and every request of those jobs gives up soon after: a blocked
read within a fraction of a second (see ``extractor.backends.transport``), a backoff
sleep at once, a retry before it starts. Outside any scope nothing is cancelled.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar


class RequestCancelled(Exception):
    """The run was interrupted while this request was in flight."""


_cancel: ContextVar[threading.Event | None] = ContextVar("extractor_cancel", default=None)


@contextlib.contextmanager
def cancel_scope(event: threading.Event) -> Iterator[None]:
    """Requests made in this block give up soon after ``event`` is set."""
    token = _cancel.set(event)
    try:
        yield
    finally:
        _cancel.reset(token)


def current_event() -> threading.Event | None:
    """The cancel event of this thread's scope, if it is in one."""
    return _cancel.get()


def check_cancelled() -> None:
    """Raises RequestCancelled when this thread's run has been cancelled."""
    event = _cancel.get()
    if event is not None and event.is_set():
        raise RequestCancelled("the run was interrupted")


def sleep(seconds: float) -> None:
    """``time.sleep`` that ends early, raising RequestCancelled, when the run is cancelled."""
    event = _cancel.get()
    if event is None:
        time.sleep(seconds)
    elif event.wait(seconds):
        raise RequestCancelled("the run was interrupted")
