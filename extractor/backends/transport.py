"""The HTTP transport of remote backends: bounds that httpx's own timeouts do not give.

httpx times each socket read on its own, so a server sending one byte a second never
times out, and it reads an answer of any size into memory. Every request through
``BoundedTransport`` gets:

  * a deadline for the whole request (connect, send and every read): its read timeout,
    counted from the moment it starts;
  * a cap on the bytes read for its answer (``MAX_RESPONSE_BYTES``), and no
    compressed answers (a small gzip can unpack to gigabytes);
  * cancellation: a blocked read wakes every ``POLL_S`` seconds and gives up once the
    thread's ``cancel_scope`` event is set (``extractor.backends.cancel``; the batch
    pool sets it on Ctrl-C/SIGTERM).

The bounds live at the network-stream level (httpcore's ``NetworkBackend``), the only
place a read blocked on a silent server can be woken.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import httpcore2
import httpx2

from extractor.backends.cancel import RequestCancelled, current_event

MAX_RESPONSE_BYTES = 8 * 1024 * 1024  # an extraction answer is a few kilobytes
POLL_S = 0.2  # how often a blocked read looks at its deadline and the cancel event


class ResponseTooLarge(Exception):
    """The server's answer went past ``MAX_RESPONSE_BYTES``; reading stopped there."""


@dataclass
class _Bounds:
    """What one request may still spend: time until ``deadline``, bytes up to ``limit``."""

    deadline: float  # time.monotonic()
    limit: int
    cancel: threading.Event | None
    received: int = 0

    def timeout(self, asked: float | None) -> float:
        """The smaller of the timeout httpx asked for and the time left; raises when none is."""
        if self.cancel is not None and self.cancel.is_set():
            raise RequestCancelled("the run was interrupted")
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore2.ReadTimeout("the whole request took longer than its timeout")
        return left if asked is None else min(asked, left)

    def count(self, data: bytes) -> bytes:
        self.received += len(data)
        if self.received > self.limit:
            raise ResponseTooLarge(f"the answer is larger than {self.limit // 1024 ** 2} MiB")
        return data


class _BoundedStream(httpcore2.NetworkStream):
    """A connection's stream, bounded by whatever request the calling thread is making."""

    def __init__(self, inner: httpcore2.NetworkStream, local: threading.local) -> None:
        self._inner, self._local = inner, local

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        bounds: _Bounds | None = getattr(self._local, "bounds", None)
        if bounds is None:
            return self._inner.read(max_bytes, timeout)
        give_up = None if timeout is None else time.monotonic() + timeout
        while True:
            wait = bounds.timeout(None if give_up is None else give_up - time.monotonic())
            if wait <= 0:
                raise httpcore2.ReadTimeout("the server sent nothing within the read timeout")
            try:
                return bounds.count(self._inner.read(max_bytes, min(wait, POLL_S)))
            except httpcore2.ReadTimeout:
                continue  # a poll, not yet the deadline: look at it and the cancel event

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        bounds: _Bounds | None = getattr(self._local, "bounds", None)
        self._inner.write(buffer, timeout if bounds is None else bounds.timeout(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore2.NetworkStream:
        bounds: _Bounds | None = getattr(self._local, "bounds", None)
        timeout = timeout if bounds is None else bounds.timeout(timeout)
        return _BoundedStream(self._inner.start_tls(ssl_context, server_hostname, timeout),
                              self._local)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _BoundedNetwork(httpcore2.NetworkBackend):
    """httpcore's network backend, handing out bounded streams."""

    def __init__(self, inner: httpcore2.NetworkBackend, local: threading.local) -> None:
        self._inner, self._local = inner, local

    def _timeout(self, asked: float | None) -> float | None:
        bounds: _Bounds | None = getattr(self._local, "bounds", None)
        return asked if bounds is None else bounds.timeout(asked)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Any = None
                    ) -> httpcore2.NetworkStream:
        stream = self._inner.connect_tcp(host, port, self._timeout(timeout), local_address,
                                         socket_options)
        return _BoundedStream(stream, self._local)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore2.NetworkStream:
        stream = self._inner.connect_unix_socket(path, self._timeout(timeout), socket_options)
        return _BoundedStream(stream, self._local)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class BoundedTransport(httpx2.HTTPTransport):
    """``httpx2.HTTPTransport`` whose requests have a whole-request deadline, a size cap
    and cancellation (see the module docstring)."""

    def __init__(self, max_response_bytes: int = MAX_RESPONSE_BYTES, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_response_bytes = max_response_bytes
        self._local = threading.local()  # the bounds of the request each thread is making
        pool = self._pool  # httpx keeps its httpcore pool here; the network backend is
        # the one hook httpcore offers below its per-read timeouts
        pool._network_backend = _BoundedNetwork(pool._network_backend, self._local)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        timeouts = request.extensions.get("timeout") or {}
        seconds = timeouts.get("read") or timeouts.get("connect")
        deadline = time.monotonic() + (seconds if seconds else float("inf"))
        self._local.bounds = _Bounds(deadline, self.max_response_bytes, current_event())
        response = super().handle_request(request)
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            response.close()
            raise ResponseTooLarge(f"the server sent a {encoding}-compressed answer though "
                                   "none was asked for (its unpacked size is unknown)")
        return response


def bounded_client(timeout: float) -> httpx2.Client:
    """An httpx client for model servers, every request bounded by ``timeout`` in all."""
    limits = httpx2.Limits(max_connections=1000, max_keepalive_connections=100)
    return httpx2.Client(transport=BoundedTransport(limits=limits), timeout=timeout,
                         headers={"accept-encoding": "identity"}, follow_redirects=True)
