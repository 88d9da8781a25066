"""Several model servers behind one backend: the endpoint list and the pool over it.

``--base-url`` (or OPENAI_BASE_URL) holds one URL or several, comma-separated. An
``EndpointPool`` hands each transport attempt to the least busy healthy endpoint;
one that fails an attempt sits out a cooldown while the retry goes to another.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


def endpoint_urls(base_url: str | None) -> list[str]:
    """The URLs in a comma-separated ``base_url``, stripped, blanks and repeats dropped."""
    urls = (part.strip() for part in (base_url or "").split(","))
    return list(dict.fromkeys(url for url in urls if url))


def endpoints_key(base_url: str | None) -> str | None:
    """The endpoint list in one canonical form (sorted, comma-joined) for cache keys."""
    return ",".join(sorted(endpoint_urls(base_url))) or None


@dataclass(eq=False)
class Endpoint:
    """One model server: its URL, its client and what the pool knows about it."""

    url: str
    client: Any
    in_flight: int = 0
    down_until: float = 0.0


class EndpointPool:
    """Endpoints handed out least busy first (ties round-robin); thread-safe.

    An endpoint marked down is skipped until its cooldown ends; when all are down,
    the one back soonest is used (the pool never blocks or refuses).
    """

    def __init__(self, clients: Mapping[str, Any],
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not clients:
            raise ValueError("an endpoint pool needs at least one endpoint")
        self.endpoints = [Endpoint(url, client) for url, client in clients.items()]
        self._clock = clock
        self._lock = threading.Lock()
        self._next = 0  # where the round-robin tie-break starts

    def __len__(self) -> int:
        return len(self.endpoints)

    def acquire(self) -> Endpoint:
        """The endpoint for the next request; pair with ``release``."""
        with self._lock:
            count = len(self.endpoints)
            ordered = [self.endpoints[(self._next + i) % count] for i in range(count)]
            chosen = _least_busy(ordered, self._clock())
            self._next = (self.endpoints.index(chosen) + 1) % count
            chosen.in_flight += 1
            return chosen

    def release(self, endpoint: Endpoint) -> None:
        with self._lock:
            endpoint.in_flight -= 1

    def mark_down(self, endpoint: Endpoint, seconds: float) -> None:
        """Take ``endpoint`` out of rotation for ``seconds`` from now."""
        with self._lock:
            endpoint.down_until = max(endpoint.down_until, self._clock() + seconds)

    def any_up(self) -> bool:
        """Whether some endpoint is in rotation now."""
        with self._lock:
            now = self._clock()
            return any(e.down_until <= now for e in self.endpoints)


def _least_busy(ordered: list[Endpoint], now: float) -> Endpoint:
    """The first of the fewest in flight among those up, else the one back soonest."""
    up = [e for e in ordered if e.down_until <= now]
    if up:
        return min(up, key=lambda e: e.in_flight)
    return min(ordered, key=lambda e: e.down_until)
