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
place a read blocked on a silent server can be woken. httpx offers no public way to pass
one, so ``BoundedTransport`` replaces its pool's private ``_network_backend`` and fails at
construction (``ConfigError``) if an httpcore2 release moved it (the code is written
against ``CHECKED_WITH``), rather than run without the bounds.

Proxies: given a transport, httpx ignores HTTP_PROXY / HTTPS_PROXY / ALL_PROXY, and given
none it mounts plain, unbounded transports for them. ``ProxyRoutes`` reads them itself
(stdlib ``getproxies``; NO_PROXY as curl reads it) and sends each request straight or
through its proxy, every route a ``BoundedTransport``; the proxies' credentials are
registered with ``redact``.
"""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpcore2
import httpx2

from extractor.backends.cancel import RequestCancelled, current_event
from extractor.backends.redact import display_url, redact, remember_secrets
from extractor.errors import ConfigError

MAX_RESPONSE_BYTES = 8 * 1024 * 1024  # an extraction answer is a few kilobytes
POLL_S = 0.2  # how often a blocked read looks at its deadline and the cancel event
CHECKED_WITH = "httpcore2 2.16"  # the release whose private pool hook this transport uses
PROXY_VARIABLES = {"http": "HTTP_PROXY", "https": "HTTPS_PROXY", "all": "ALL_PROXY"}


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
        _bound_network(getattr(self, "_pool", None), self._local)

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


def _bound_network(pool: Any, local: threading.local) -> None:
    """Put the bounded network backend under httpx's pool (the one hook httpcore offers
    below its per-read timeouts); raises ConfigError where the hook is not there."""
    backend = getattr(pool, "_network_backend", None)
    if not (isinstance(pool, httpcore2.ConnectionPool)
            and isinstance(backend, httpcore2.NetworkBackend)):
        raise ConfigError(
            f"httpcore2 {getattr(httpcore2, '__version__', '?')} keeps its network backend "
            "where extractor cannot reach it, so the whole-request deadline and the size cap "
            f"of model requests would not hold: install {CHECKED_WITH}.x (the release "
            "extractor's transport is checked with)")
    pool._network_backend = _BoundedNetwork(backend, local)


def environment_proxies() -> dict[str, str]:
    """The proxies the environment (or the system settings) name: keys http, https, all
    and no (the NO_PROXY list), as ``urllib.request.getproxies`` gives them."""
    return {scheme: url for scheme, url in urllib.request.getproxies().items()
            if scheme in (*PROXY_VARIABLES, "no") and url}


def proxy_for(url: httpx2.URL, proxies: Mapping[str, str]) -> str | None:
    """The proxy a request to ``url`` goes through (its scheme's, else ALL_PROXY's), or
    None: none is named, or NO_PROXY lists the host (``_bypassed``)."""
    proxy = proxies.get(url.scheme) or proxies.get("all")
    if not proxy or _bypassed(url.host, url.port, proxies.get("no", "")):
        return None
    return _with_scheme(proxy)


def _bypassed(host: str, port: int | None, no_proxy: str) -> bool:
    """Whether NO_PROXY lists ``host``, as curl and the stdlib read it: ``*``, the host, or
    a domain above it (a leading dot changes nothing), each optionally with ``:port``."""
    host = host.lower()
    names = [host, f"{host}:{port}"] if port is not None else [host]
    for entry in no_proxy.lower().split(","):
        entry = entry.strip().lstrip(".").strip("[]")
        if entry == "*" or entry and any(name == entry or name.endswith(f".{entry}")
                                         for name in names):
            return True
    return False


def _with_scheme(proxy: str) -> str:
    """A bare ``host:port`` proxy means http://, as curl and httpx read it."""
    return proxy if "://" in proxy or not proxy else f"http://{proxy}"


class ProxyRoutes(httpx2.BaseTransport):
    """Sends each request straight to its server or through the proxy ``proxies`` name
    for it (``proxy_for``); every route is a ``BoundedTransport`` built with ``kwargs``.

    Raises:
        ConfigError: a proxy URL httpx cannot use (named by its variable, credentials masked).
    """

    def __init__(self, proxies: Mapping[str, str], **kwargs: Any) -> None:
        self._proxies = dict(proxies)
        self._direct = BoundedTransport(**kwargs)
        self._via: dict[str, BoundedTransport] = {}
        for scheme, variable in PROXY_VARIABLES.items():
            url = _with_scheme(proxies.get(scheme, ""))
            if url and url not in self._via:
                self._via[url] = _proxied(url, variable, kwargs)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        proxy = proxy_for(request.url, self._proxies)
        return (self._direct if proxy is None else self._via[proxy]).handle_request(request)

    def close(self) -> None:
        for transport in (self._direct, *self._via.values()):
            transport.close()


def _proxied(url: str, variable: str, kwargs: dict[str, Any]) -> BoundedTransport:
    """A ``BoundedTransport`` through the proxy at ``url``; its credentials go to ``redact``."""
    remember_secrets(None, [url])
    try:
        return BoundedTransport(proxy=url, **kwargs)
    except (ValueError, ImportError, httpx2.InvalidURL) as exc:
        raise ConfigError(
            f"{variable} names a proxy extractor cannot use, {display_url(url)} "
            f"({redact(str(exc))}): give it as http://host:port (socks5:// needs the socksio "
            f"package) or unset it (httpx would refuse it too)") from None


def bounded_client(timeout: float) -> httpx2.Client:
    """An httpx client for model servers, every request bounded by ``timeout`` in all,
    straight or through the proxy the environment names (``ProxyRoutes``)."""
    limits = httpx2.Limits(max_connections=1000, max_keepalive_connections=100)
    routes = ProxyRoutes(environment_proxies(), limits=limits)
    # trust_env=False: the routes honour the environment's proxies; httpx must mount no
    # transport of its own for them (it would have no deadline and no size cap)
    return httpx2.Client(transport=routes, trust_env=False, timeout=timeout,
                         headers={"accept-encoding": "identity"}, follow_redirects=True)
