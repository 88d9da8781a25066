"""The transport retry policy: which failures are tried again, and how long to wait first.

Retried: 408/409/429, 5xx, timeouts and dropped connections. Not retried: a cancelled
request, an answer over the size cap, a refused key, anything else. The wait is an
exponential backoff with full jitter, overridden by the server's Retry-After, and
none at all while the endpoint pool has another endpoint in rotation.

instructor wraps API errors in its own exceptions, so the cause/context chain is
searched (``in_chain``, ``root_cause``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
import random
from typing import Any

from extractor.backends.cancel import RequestCancelled
from extractor.backends.endpoints import EndpointPool
from extractor.backends.transport import ResponseTooLarge

MAX_RETRY_AFTER_S = 86_400.0  # a Retry-After beyond a day is a server bug, not a plan


def is_retryable(exc: BaseException) -> bool:
    """Transport failures worth another try: 408/409/429, 5xx, timeouts, dropped connections.

    Not: a cancelled request, an answer over the size cap (it would come again), or
    anything else. instructor wraps API errors in InstructorRetryException, so the
    chain is searched.
    """
    import openai  # lazy: a cached run imports this module but never the openai SDK

    if in_chain(exc, RequestCancelled, ResponseTooLarge):
        return False
    exc = root_cause(exc)
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    return False


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (retry-after-ms / Retry-After), if it said.

    Seconds or an HTTP date; a negative or past value is 0, one beyond a day a day;
    ``nan`` and anything unreadable count as not said (the backoff applies).
    """
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        seconds = _header_seconds(str(headers.get(name) or ""), scale)
        if seconds is not None:
            return seconds
    return None


def _header_seconds(value: str, scale: float) -> float | None:
    """A Retry-After value in seconds within [0, MAX_RETRY_AFTER_S], or None."""
    if not value.strip():
        return None
    try:
        seconds = float(value) / scale
    except ValueError:
        seconds = _seconds_until(value) if scale == 1.0 else math.nan
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


def _seconds_until(http_date: str) -> float:
    """Seconds from now until an HTTP date (negative when past), nan when not a date."""
    try:
        when = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError, IndexError):
        return math.nan
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return (when - dt.datetime.now(dt.UTC)).total_seconds()


class RetryWait:
    """Exponential backoff with full jitter, overridden by the server's Retry-After.

    A tenacity ``wait``. Every wait lies in [0, cap]. No wait at all when the pool has
    another endpoint in rotation to try.
    """

    def __init__(self, cap: float, base: float = 0.5, pool: EndpointPool | None = None) -> None:
        self.cap = cap if cap >= 0 else 0.0  # also nan -> 0
        self.base, self.pool = base, pool

    def __call__(self, state: Any) -> float:
        if self.pool is not None and len(self.pool) > 1 and self.pool.any_up():
            return 0.0
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(root_cause(exc)) if exc else None
        if asked is not None:
            return min(asked, self.cap)
        return random.uniform(0, min(self.cap, self.base * 2 ** (state.attempt_number - 1)))


def in_chain(exc: BaseException, *types: type[BaseException]) -> BaseException | None:
    """The first exception of one of ``types`` in ``exc``'s cause/context chain."""
    seen: BaseException | None = exc
    for _ in range(20):
        if seen is None:
            return None
        if isinstance(seen, types):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def root_cause(exc: BaseException) -> BaseException:
    """The API or truncation error behind instructor's wrapper, else ``exc`` itself."""
    import openai  # lazy: a cached run imports this module but never the openai SDK
    from instructor.core.exceptions import IncompleteOutputException  # lazy: as openai

    found = in_chain(exc, openai.APIError, IncompleteOutputException)
    return exc if found is None else found
