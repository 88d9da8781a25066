"""A backend whose model requests wait on a request-rate limiter (``--max-rpm``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import cached_property

from extractor.backends import ModelReply, ModelRequest, backend_model_id, get_backend
from extractor.settings import Settings


class RateLimiter:
    """At most ``per_minute`` acquisitions a minute, evenly spaced; safe across threads."""

    def __init__(self, per_minute: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if per_minute <= 0:
            raise ValueError("per_minute must be positive")
        self.interval = 60.0 / per_minute
        self._clock, self._sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> None:
        """Wait for this caller's slot (slots are handed out in call order)."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            self._sleep(slot - now)


class LimitedBackend:
    """The settings' backend, each model request first waiting on a ``RateLimiter``.

    Only real model requests count: cache hits and the rules strategy ask nothing.
    Transport retries inside the backend are not counted again.
    """

    def __init__(self, settings: Settings, limiter: RateLimiter) -> None:
        self.settings, self.limiter = settings, limiter
        self.name = settings.backend

    @cached_property
    def model_id(self) -> str:
        return backend_model_id(self.settings)

    def complete(self, request: ModelRequest) -> ModelReply:
        self.limiter.acquire()
        return get_backend(self.settings).complete(request)
