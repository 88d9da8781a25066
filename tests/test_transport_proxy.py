"""The whole-request deadline and the size cap hold through an HTTP proxy from the environment.

A plain HTTP forward proxy runs in a thread on 127.0.0.1 in front of support/fault_server.py.
The model server's name (``INTRANET``, under the reserved .invalid domain) resolves only at
the proxy, as an intranet name does behind a corporate proxy: a request that ignores the
proxy fails to connect. The stall, drip and flood run over http://; for https:// the proxy
tunnels CONNECT to a server that never answers the TLS handshake (no local TLS server
with a certificate is set up).
"""

from __future__ import annotations

import base64
import selectors
import socket
import socketserver
import threading
from types import SimpleNamespace
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx2
import pytest
from pydantic import BaseModel

from extractor.backends import ModelRequest
from extractor.backends.openai_compat import OpenAIBackend
from extractor.backends.transport import BoundedTransport, bounded_client, proxy_for
from extractor.errors import ConfigError, ResponseTooLargeError, TransportError
from extractor.settings import resolve_settings
from support.bounded import in_thread
from support.fault_server import FaultHTTPServer

INTRANET = "model-server.invalid"  # resolves only at the proxy
PROXY_USER, PROXY_PASSWORD = "proxy-user", "PSECRET-proxy-42"
PROXY_VARIABLES = [f"{scheme}_proxy" for scheme in ("http", "https", "all", "no")]
PROXY_VARIABLES += [name.upper() for name in PROXY_VARIABLES]


class Choice(BaseModel):
    title: Literal["Data Engineer", "none of these"]


class _Relay(socketserver.BaseRequestHandler):
    server: ForwardProxy

    def handle(self) -> None:
        head, rest = self._read_head()
        if not head:
            return
        self.server.heads.append(head.decode("latin-1"))
        if self.server.refuse:
            self._refuse(head)
            return
        line, _, headers = head.partition(b"\r\n")
        method, target, version = line.split(b" ", 2)
        if method == b"CONNECT":
            upstream = self._connect(urlsplit(f"//{target.decode()}"))
            self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            upstream.sendall(rest)
        else:
            parts = urlsplit(target.decode())
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            upstream = self._connect(parts)
            upstream.sendall(b" ".join([method, path.encode(), version]) + b"\r\n" + headers
                             + b"\r\n\r\n" + rest)
        self._pipe(upstream)

    def _connect(self, parts: Any) -> socket.socket:
        port = self.server.hosts.get(parts.hostname or "", parts.port or 80)
        return socket.create_connection(("127.0.0.1", port))

    def _read_head(self) -> tuple[bytes, bytes]:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(65536)
            if not chunk:
                return b"", b""
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        return head, rest

    def _refuse(self, head: bytes) -> None:
        """407, echoing the credentials it was sent (as a careless proxy's error page may)."""
        sent = next((line.split(b":", 1)[1].strip() for line in head.split(b"\r\n")
                     if line.lower().startswith(b"proxy-authorization:")), b"")
        decoded = base64.b64decode(sent.split(b" ")[-1]) if sent else b""
        body = b'{"error": {"message": "bad proxy login ' + sent + b" " + decoded + b'"}}'
        self.request.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                             b"content-type: application/json\r\n"
                             b"content-length: " + str(len(body)).encode() + b"\r\n\r\n" + body)

    def _pipe(self, upstream: socket.socket) -> None:
        """Bytes both ways until either side closes: stalls and floods pass through as sent."""
        with selectors.DefaultSelector() as selector, upstream:
            selector.register(self.request, selectors.EVENT_READ, upstream)
            selector.register(upstream, selectors.EVENT_READ, self.request)
            while events := selector.select(timeout=30):  # 30 s of silence: give up
                for key, _ in events:
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)


class ForwardProxy(socketserver.ThreadingTCPServer):
    """A plain HTTP forward proxy on 127.0.0.1; ``hosts`` maps names it alone resolves to
    local ports. Records each request head; ``refuse`` answers 407 to everything."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, hosts: dict[str, int], refuse: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _Relay)
        self.hosts, self.refuse = hosts, refuse
        self.heads: list[str] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def url(self, userinfo: str = "") -> str:
        return f"http://{userinfo}127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> ForwardProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


@pytest.fixture(autouse=True)
def _only_the_proxies_a_test_sets(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def backend_for(host: str, port: int, timeout: float = 1.0, scheme: str = "http"
                ) -> OpenAIBackend:
    config = resolve_settings(env={}, backend="openai", base_url=f"{scheme}://{host}:{port}/v1",
                              api_key="sk-test-key-0001", model="stub", timeout=timeout,
                              transport_retries=0, retry_max_wait=0.01)
    return OpenAIBackend(config)


def ask(backend: OpenAIBackend, text: str) -> Any:
    return backend.complete(ModelRequest([{"role": "user", "content": text}], Choice, 50))


def failure_of(backend: OpenAIBackend, text: str, limit_s: float = 10.0) -> tuple[Exception, float]:
    """The error ``ask`` ends with and the seconds it took; fails past ``limit_s``."""
    outcome, took = in_thread(lambda: ask(backend, text), limit_s)
    assert "error" in outcome, "the request succeeded"
    return outcome["error"], took


def _port(server: FaultHTTPServer) -> int:
    return int(server.server_address[1])


# --- the bounds through the proxy ------------------------------------------------------

@pytest.mark.parametrize("fault", ["stall", "slowbody"])
def test_a_stalled_or_dripping_server_behind_the_proxy_ends_at_the_deadline(monkeypatch, fault):
    with FaultHTTPServer(stall_s=30.0, drip_s=0.3) as server, \
            ForwardProxy({INTRANET: _port(server)}) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url())
        error, took = failure_of(backend_for(INTRANET, _port(server)), f"FAULT:{fault}")
    assert isinstance(error, TransportError), error
    assert "--timeout 1 s for the whole request" in error.message, error.message
    assert took < 5 and len(proxy.heads) == 1  # before: a direct connect, refused by DNS


def test_an_https_server_behind_the_proxy_that_never_answers_ends_at_the_deadline(monkeypatch):
    with socket.create_server(("127.0.0.1", 0)) as silent, \
            ForwardProxy({INTRANET: silent.getsockname()[1]}) as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url())
        backend = backend_for(INTRANET, silent.getsockname()[1], scheme="https")
        error, took = failure_of(backend, "Title?")
    assert isinstance(error, TransportError), error
    assert "--timeout 1 s for the whole request" in error.message, error.message
    assert took < 5 and proxy.heads[0].startswith(f"CONNECT {INTRANET}:")


def test_an_endless_answer_behind_the_proxy_stops_at_the_size_cap(monkeypatch):
    with FaultHTTPServer(huge_bytes=1 << 30) as server, \
            ForwardProxy({INTRANET: _port(server)}) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url())
        error, _ = failure_of(backend_for(INTRANET, _port(server), timeout=30.0),
                              "FAULT:hugebody")
    assert isinstance(error, ResponseTooLargeError), error
    assert "8 MiB" in error.message and len(proxy.heads) == 1


def test_a_no_proxy_host_goes_direct_while_other_hosts_use_the_proxy(monkeypatch):
    with FaultHTTPServer() as server, ForwardProxy({INTRANET: _port(server)}) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url())
        monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
        direct = ask(backend_for("127.0.0.1", _port(server)), "Title?")
        assert direct.value.title == "Data Engineer" and proxy.heads == []
        proxied = ask(backend_for(INTRANET, _port(server)), "Title?")
    assert proxied.value.title == "Data Engineer" and len(proxy.heads) == 1
    assert proxy.heads[0].startswith(f"POST http://{INTRANET}:{_port(server)}/v1/")


@pytest.mark.parametrize(("no_proxy", "url", "direct"), [
    ("", "http://api.example.com/v1", False),
    ("example.com", "http://api.example.com/v1", True),
    ("example.com", "http://example.com/v1", True),
    (".example.com", "http://example.com/v1", True),
    ("example.com", "http://notexample.com/v1", False),
    ("api.example.com:8080", "http://api.example.com:8080/v1", True),
    ("*", "http://anything.test/v1", True),
    ("localhost, 10.0.0.5", "http://10.0.0.5:8000/v1", True),
    ("localhost,*", "http://anything.test/v1", True),
    ("::1", "http://[::1]:8000/v1", True),
    ("api.example.com:9090", "http://api.example.com:8080/v1", False),
])
def test_no_proxy_takes_the_standard_forms(no_proxy, url, direct):
    proxies = {"http": "proxy.corp:3128", "no": no_proxy}
    expected = None if direct else "http://proxy.corp:3128"  # a bare host:port means http://
    assert proxy_for(httpx2.URL(url), proxies) == expected


def test_a_scheme_s_own_proxy_wins_over_all_proxy():
    proxies = {"https": "http://tls-proxy:1", "all": "http://any-proxy:2"}
    assert proxy_for(httpx2.URL("https://api.test/v1"), proxies) == "http://tls-proxy:1"
    assert proxy_for(httpx2.URL("http://api.test/v1"), proxies) == "http://any-proxy:2"


# --- credentials and bad settings ------------------------------------------------------

def test_proxy_credentials_never_appear_in_errors_or_logs(monkeypatch, caplog):
    token = base64.b64encode(f"{PROXY_USER}:{PROXY_PASSWORD}".encode()).decode()
    with FaultHTTPServer() as server, ForwardProxy({}, refuse=True) as proxy, \
            caplog.at_level("DEBUG"):
        monkeypatch.setenv("HTTP_PROXY", proxy.url(f"{PROXY_USER}:{PROXY_PASSWORD}@"))
        error, _ = failure_of(backend_for(INTRANET, _port(server)), "Title?")
    assert f"Proxy-Authorization: Basic {token}" in proxy.heads[0]  # the proxy did get them
    assert isinstance(error, TransportError) and "407" in error.message, error
    assert "***" in error.message  # the proxy echoed them; they were masked
    logged = " ".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    for secret in (PROXY_PASSWORD, token, PROXY_USER):
        assert secret not in error.message and secret not in logged


def test_an_unusable_proxy_setting_is_a_config_error_naming_the_variable(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", f"ftp://{PROXY_USER}:{PROXY_PASSWORD}@proxy.corp:21")
    with pytest.raises(ConfigError) as caught:
        bounded_client(1.0)
    message = caught.value.message
    assert "HTTPS_PROXY" in message and "unset it" in message
    assert PROXY_PASSWORD not in message and PROXY_USER not in message


def test_every_route_of_the_client_is_bounded(monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.corp:3128")
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.corp:3128")
    monkeypatch.setenv("ALL_PROXY", "http://other.corp:3128")
    with bounded_client(1.0) as client:
        assert not client._mounts  # httpx mounted no unbounded transport of its own
        routes = client._transport
        transports = [routes._direct, *routes._via.values()]
    assert len(transports) == 3  # direct, and one per distinct proxy
    assert all(isinstance(t, BoundedTransport) for t in transports)


# --- the private hook the bounds rely on ------------------------------------------------

def test_an_httpx_without_the_network_backend_hook_fails_at_construction(monkeypatch):
    def without_hook(self: Any, **kwargs: Any) -> None:
        self._pool = SimpleNamespace()  # an httpcore whose pool moved its network backend

    monkeypatch.setattr(httpx2.HTTPTransport, "__init__", without_hook)
    with pytest.raises(ConfigError, match="whole-request deadline") as caught:
        BoundedTransport()
    assert "httpcore2" in caught.value.message
