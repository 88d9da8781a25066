"""Several OpenAI-compatible endpoints: the pool, and the backend spreading and failing over."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections import Counter
from typing import Any, Literal

import httpx2
import pytest
from pydantic import BaseModel

from extractor.backends import ModelRequest, get_backend
from extractor.backends.endpoints import EndpointPool, endpoint_urls, endpoints_key
from extractor.backends.openai_compat import OpenAIBackend
from extractor.errors import InvalidOutputError, TransportError
from extractor.load import Document
from extractor.pipeline import extract_documents
from extractor.settings import resolve_settings
from support.fault_server import FaultHTTPServer, completion

SECRET = "sk-test-SECRET-0123456789abcdef"


class Choice(BaseModel):
    title: Literal["Data Engineer", "none of these"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def pool_of(*urls: str, clock: FakeClock | None = None) -> EndpointPool:
    return EndpointPool({url: None for url in urls}, clock=clock or FakeClock())


def urls_of(pool: EndpointPool, count: int) -> list[str]:
    """The URLs of ``count`` requests made one after another."""
    picked = []
    for _ in range(count):
        endpoint = pool.acquire()
        picked.append(endpoint.url)
        pool.release(endpoint)
    return picked


# --- settings ---------------------------------------------------------------------------

def test_base_url_splits_on_commas_ignoring_blanks_spaces_and_repeats():
    assert endpoint_urls(" http://a/v1 , http://b/v1,,http://a/v1 ") == ["http://a/v1",
                                                                          "http://b/v1"]
    assert endpoint_urls("http://a/v1") == ["http://a/v1"]
    assert endpoint_urls(None) == [] and endpoint_urls(" , ") == []


def test_endpoints_key_ignores_order_and_spacing():
    assert endpoints_key("http://b/v1, http://a/v1") == endpoints_key("http://a/v1,http://b/v1")
    assert endpoints_key("http://a/v1") == "http://a/v1"
    assert endpoints_key(None) is None


def test_cooldown_comes_from_the_environment_as_a_float():
    assert resolve_settings(env={}).endpoint_cooldown_s == 30.0
    env = {"EXTRACTOR_ENDPOINT_COOLDOWN": "2.5"}
    assert resolve_settings(env=env).endpoint_cooldown_s == 2.5
    assert resolve_settings(env=env, endpoint_cooldown_s=7.0).endpoint_cooldown_s == 7.0


# --- the pool ---------------------------------------------------------------------------

def test_ties_are_broken_round_robin():
    assert urls_of(pool_of("a", "b", "c"), 7) == ["a", "b", "c", "a", "b", "c", "a"]


def test_the_endpoint_with_fewest_in_flight_is_chosen():
    pool = pool_of("a", "b", "c")
    a, b, c = pool.acquire(), pool.acquire(), pool.acquire()
    assert [a.url, b.url, c.url] == ["a", "b", "c"]
    pool.release(b)
    assert pool.acquire() is b  # a and c are still busy
    pool.release(a)
    pool.release(c)
    assert pool.acquire().url in {"a", "c"} and b.in_flight == 1


def test_a_marked_down_endpoint_sits_out_its_cooldown_then_returns():
    clock = FakeClock()
    pool = pool_of("a", "b", "c", clock=clock)
    pool.mark_down(pool.endpoints[0], 10)
    assert "a" not in urls_of(pool, 6)
    clock.now += 9.9
    assert "a" not in urls_of(pool, 3)
    clock.now += 0.1
    assert "a" in urls_of(pool, 3)


def test_when_all_are_down_the_one_back_soonest_is_used():
    clock = FakeClock()
    pool = pool_of("a", "b", "c", clock=clock)
    for endpoint, seconds in zip(pool.endpoints, (30, 5, 20), strict=True):
        pool.mark_down(endpoint, seconds)
    assert not pool.any_up()
    assert urls_of(pool, 3) == ["b", "b", "b"]  # never blocks, never fails


def test_marking_down_again_never_shortens_a_cooldown():
    clock = FakeClock()
    pool = pool_of("a", "b", clock=clock)
    pool.mark_down(pool.endpoints[0], 30)
    pool.mark_down(pool.endpoints[0], 1)
    clock.now += 2
    assert urls_of(pool, 2) == ["b", "b"]


def test_pool_counts_stay_right_under_many_threads():
    pool = pool_of("a", "b", "c")
    used: Counter[str] = Counter()
    lock = threading.Lock()

    def work() -> None:
        for _ in range(300):
            endpoint = pool.acquire()
            with lock:
                used[endpoint.url] += 1
            pool.release(endpoint)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(used.values()) == 1800 and set(used) == {"a", "b", "c"}
    assert all(e.in_flight == 0 for e in pool.endpoints)


# --- the backend against local fault servers -----------------------------------------------

def backend_for(*urls: str, **settings: Any) -> tuple[OpenAIBackend, list[float]]:
    config = resolve_settings(env={}, backend="openai", base_url=", ".join(urls),
                              api_key=SECRET, model="stub", timeout=2.0, **settings)
    backend = OpenAIBackend(config)
    waits: list[float] = []
    backend.sleep = waits.append
    return backend, waits


def ask(backend: OpenAIBackend, text: str = "Title?") -> Any:
    return backend.complete(ModelRequest([{"role": "user", "content": text}], Choice, 50))


def attempts(server: FaultHTTPServer) -> int:
    return sum(server.attempts.values())


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"  # nothing listens here now


@pytest.fixture
def servers():
    with FaultHTTPServer() as a, FaultHTTPServer() as b, FaultHTTPServer() as c:
        yield [a, b, c]


def test_requests_spread_over_every_healthy_server(servers):
    backend, waits = backend_for(*(s.base_url for s in servers))
    for n in range(9):
        assert ask(backend, f"Title {n}?").value.title == "Data Engineer"
    assert [attempts(s) for s in servers] == [3, 3, 3] and waits == []


def test_concurrent_requests_reach_every_server():
    with FaultHTTPServer(delay_s=0.02) as a, FaultHTTPServer(delay_s=0.02) as b:
        backend, _ = backend_for(a.base_url, b.base_url)
        threads = [threading.Thread(target=ask, args=(backend, f"T{n}")) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert attempts(a) + attempts(b) == 8 and attempts(a) >= 2 and attempts(b) >= 2
    assert all(e.in_flight == 0 for e in backend.pool.endpoints)


def test_a_server_answering_503_is_benched_and_the_others_answer_without_backoff():
    with FaultHTTPServer(always="503") as bad, FaultHTTPServer() as good, \
            FaultHTTPServer() as other:
        backend, waits = backend_for(bad.base_url, good.base_url, other.base_url)
        replies = [ask(backend, f"Title {n}?") for n in range(6)]
    assert all(r.value.title == "Data Engineer" for r in replies)
    assert attempts(bad) == 1  # out of rotation after its first failure
    assert attempts(good) + attempts(other) == 6
    assert all(w == 0 for w in waits)  # the retry went straight to another server
    assert replies[0].attempts == 2


def test_a_dead_url_in_the_list_is_skipped():
    with FaultHTTPServer() as good:
        backend, waits = backend_for(closed_port_url(), good.base_url)
        replies = [ask(backend, f"Title {n}?") for n in range(4)]
    assert all(r.value.title == "Data Engineer" for r in replies)
    assert attempts(good) == 4 and all(w == 0 for w in waits)
    assert backend.pool.endpoints[0].down_until > time.monotonic()


def test_when_every_server_fails_the_error_names_the_last_endpoint():
    with FaultHTTPServer(always="503") as a, FaultHTTPServer(always="503") as b:
        backend, waits = backend_for(a.base_url, b.base_url, transport_retries=2)
        with pytest.raises(TransportError) as info:
            ask(backend)
    message = info.value.message
    assert "after 3 attempt(s) (last endpoint http://127.0.0.1:" in message
    assert a.base_url in message or b.base_url in message
    assert SECRET not in message
    assert waits[0] == 0 and waits[1] > 0  # backoff only once both were down


def test_validation_failures_do_not_bench_an_endpoint():
    with FaultHTTPServer(always="invalid") as a, FaultHTTPServer() as b:
        backend, _ = backend_for(a.base_url, b.base_url)
        with pytest.raises(InvalidOutputError):
            ask(backend)
    assert all(e.down_until == 0 for e in backend.pool.endpoints)


class HostRoutes(httpx2.BaseTransport):
    """Answers by host: ``slow`` asks to retry after 120 s, any other host answers well."""

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        if request.url.host == "slow":
            return httpx2.Response(429, headers={"retry-after": "120"},
                                   json={"error": {"message": "later"}}, request=request)
        return httpx2.Response(200, request=request,
                               json=completion("Choice", '{"title": "Data Engineer"}'))


def test_a_long_retry_after_outlasts_the_cooldown():
    config = resolve_settings(env={}, backend="openai", base_url="http://slow/v1,http://ok/v1",
                              model="stub", endpoint_cooldown_s=1.0)
    backend = OpenAIBackend(config, http_client=httpx2.Client(transport=HostRoutes()))
    waits: list[float] = []
    backend.sleep = waits.append
    assert ask(backend).value.title == "Data Engineer"
    slow = backend.pool.endpoints[0]
    assert slow.down_until - time.monotonic() > 100 and waits == [0.0]


def test_the_cache_key_ignores_the_order_of_the_urls(tmp_path, servers):
    a, b, _ = servers
    posting = "Senior Data Engineer\nAcme Corp\nRemote (US)\nSalary: $120,000 a year\n"
    docs = [Document(source=f"{n}.txt", content=posting.replace("Senior", f"Senior {n}"),
                     kind="text") for n in range(3)]

    def run(base_url: str) -> list[Any]:
        settings = resolve_settings(env={}, backend="openai", base_url=base_url, model="stub",
                                    strategy="full", cache_dir=tmp_path / "cache", timeout=2.0,
                                    reference_date=dt.date(2026, 11, 1))
        return list(extract_documents(docs, settings))

    first = run(f"{a.base_url},{b.base_url}")
    assert all(r.ok and not r.cached for r in first)
    spent = attempts(a) + attempts(b)
    second = run(f" {b.base_url} , {a.base_url}")
    assert all(r.ok and r.cached for r in second)
    assert attempts(a) + attempts(b) == spent == 3


def test_one_backend_instance_whatever_the_order_of_the_urls():
    def settings(base_url: str) -> Any:
        return resolve_settings(env={}, backend="openai", base_url=base_url, model="stub")

    assert get_backend(settings("http://x1/v1,http://x2/v1")) is get_backend(
        settings("http://x2/v1, http://x1/v1"))
