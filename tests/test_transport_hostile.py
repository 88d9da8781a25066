"""A hostile model server: keys echoed back, stalls, drips, floods and odd Retry-After values.

Everything runs against tests/fault_server.py on 127.0.0.1; each wait is bounded.
"""

from __future__ import annotations

import json
import math
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from extractor.backends import ModelRequest
from extractor.backends.openai_compat import OpenAIBackend
from extractor.backends.retry import RetryWait
from extractor.cli import EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, main
from extractor.errors import TransportError
from extractor.settings import resolve_settings
from support.bounded import in_thread
from support.fault_server import FaultHTTPServer
from support.postings import assert_each_once, make_postings, read_lines

KEY = "token-abc123-PLAIN-KEY-0042"  # a key that does not start with sk-


class Choice(BaseModel):
    title: Literal["Data Engineer", "none of these"]


def remote(server: FaultHTTPServer, *extra: str, base_url: str | None = None) -> list[str]:
    """CLI flags for the openai backend on the fault server, with fast retries."""
    return ["--backend", "openai", "--model", "fault",
            "--base-url", base_url or server.base_url,
            "--strategy", "full", "--no-cache", "--timeout", "2", "--retries", "2",
            "--retry-max-wait", "0.01", *extra]


def backend_on(server: FaultHTTPServer, **settings: Any) -> OpenAIBackend:
    options = {"timeout": 2.0, "retry_max_wait": 0.01, **settings}
    config = resolve_settings(env={}, backend="openai", base_url=server.base_url,
                              api_key=KEY, model="stub", **options)
    return OpenAIBackend(config)


def ask(backend: OpenAIBackend, text: str) -> Any:
    return backend.complete(ModelRequest([{"role": "user", "content": text}], Choice, 50))


def _all_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


# --- keys and credentials --------------------------------------------------------------

@pytest.mark.parametrize("status", ["401", "403"])
def test_a_refused_key_echoed_by_the_server_is_masked_everywhere_and_not_retried(
        tmp_path, monkeypatch, capfd, status):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    make_postings(tmp_path / "in", 2, {1: f"FAULT:echo{status}"})
    written = tmp_path / "written"
    written.mkdir()
    with FaultHTTPServer() as server:
        code = main([str(tmp_path / "in"), "-o", str(written / "out.jsonl"),
                     "--errors", str(written / "errors.jsonl"),
                     "--summary-json", str(written / "summary.json"), *remote(server)])
        tries = sum(n for text, n in server.attempts.items() if "FAULT" in text)
    assert code == EXIT_SOME_FAILED
    error = read_lines(written / "out.jsonl")[1]["error"]
    assert error["type"] == "auth_error" and "check OPENAI_API_KEY" in error["message"]
    assert "***" in error["message"] and tries == 1  # the server did echo it; no retry
    captured = capfd.readouterr()
    everything = _all_bytes(written) + (captured.out + captured.err).encode()
    assert KEY.encode() not in everything and b"abc123-PLAIN" not in everything


def test_an_echoed_key_never_reaches_log_records(caplog):
    with FaultHTTPServer() as server, caplog.at_level("DEBUG"):
        with pytest.raises(TransportError):
            ask(backend_on(server), "FAULT:echo401")
    assert caplog.records, "instructor and openai log the failed call"
    assert all(KEY not in record.getMessage() and KEY not in (record.exc_text or "")
               for record in caplog.records)


@pytest.mark.parametrize("template", [
    "http://127.0.0.1:{port}/v1?api-key=QSECRET-in-url-77",
    "http://127.0.0.1:{port}/v1?key=QSECRET-in-url-77",
    "http://127.0.0.1:{port}/v1?api-version=1&access_token=QSECRET-in-url-77",
    "http://someone:QSECRET-in-url-77@127.0.0.1:{port}/v1",
])
def test_credentials_in_the_base_url_are_masked_in_transport_errors(tmp_path, template):
    make_postings(tmp_path / "in", 1)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    with FaultHTTPServer(always="503") as server:
        url = template.format(port=server.server_address[1])
        code = main([str(tmp_path / "in"), "-o", str(out), "--errors", str(errors), "--quiet",
                     *remote(server, base_url=url)])
    assert code == EXIT_SOME_FAILED
    error = read_lines(errors)[0]["error"]
    assert error["type"] == "transport_error" and "127.0.0.1" in error["message"]
    assert "***" in error["message"]
    assert b"QSECRET" not in out.read_bytes() + errors.read_bytes()


def test_a_registered_key_is_masked_in_every_form_a_message_may_quote_it():
    from urllib.parse import quote

    from extractor.backends.redact import redact, remember_secrets

    odd = "p@ss/word+Z9\"q"
    remember_secrets(odd, ["http://u:pw-in-the-url@host/v1?sig=SIG-value-123"])
    text = f"raw {odd} quoted {quote(odd, safe='')} json {json.dumps(odd)} pw-in-the-url"
    masked = redact(text + " SIG-value-123")
    assert "p@ss" not in masked and "word" not in masked and "pw-in-the-url" not in masked
    assert "SIG-value" not in masked and masked.count("***") == 5


# --- interrupting a run with stalled requests ------------------------------------------

def test_the_cancelling_pool_runs_jobs_in_threads_and_drops_queued_ones_on_cancel():
    from extractor.batch.workers import CancellingThreadPool

    started, release = threading.Event(), threading.Event()
    pool = CancellingThreadPool(1)
    first = pool.submit(lambda: started.set() or (release.wait(5) and 42))
    queued = pool.submit(lambda: 7)
    failing = pool.submit(lambda: 1 / 0)
    assert started.wait(5)
    pool.shutdown(wait=False, cancel_futures=True)
    release.set()
    assert first.result(timeout=5) == 42 and queued.cancelled() and failing.cancelled()
    assert all(thread.daemon for thread in pool._threads)
    pool2 = CancellingThreadPool(2)
    assert pool2.submit(lambda: 2 + 2).result(timeout=5) == 4
    with pytest.raises(ZeroDivisionError):
        pool2.submit(lambda: 1 / 0).result(timeout=5)
    pool2.shutdown()


def _wait_for_lines(path: Path, count: int, limit_s: float = 90.0) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.1)
    raise AssertionError(f"{path} did not reach {count} lines in {limit_s} s")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_with_concurrency_cancels_stalled_requests_and_exits_130(tmp_path, signum):
    names = make_postings(tmp_path / "in", 8, {n: "FAULT:stallx1" for n in range(4, 8)})
    out = tmp_path / "out.jsonl"
    with FaultHTTPServer(stall_s=120.0) as server:
        args = [sys.executable, "-m", "extractor.cli", str(tmp_path / "in"), "-o", str(out),
                "--resume", "--concurrency", "4", "--quiet",
                *remote(server)[:-6], "--timeout", "30"]
        process = subprocess.Popen(args, cwd=tmp_path, stderr=subprocess.PIPE)
        try:
            _wait_for_lines(out, 4)  # the quick four are written; four requests stall
            time.sleep(0.5)
            sent = time.monotonic()
            process.send_signal(signum)
            code = process.wait(timeout=15)  # before the fix: 30 s and more
            took = time.monotonic() - sent
        finally:
            process.kill()
            process.wait()
        assert code == EXIT_INTERRUPTED, process.stderr.read().decode()
        assert took < 15 and b"--resume" in process.stderr.read()
        assert_each_once(read_lines(out), names[:4])
        assert main([*args[3:-2], "--timeout", "5"]) == EXIT_OK  # stallx1: now it answers
    assert_each_once(read_lines(out), names)


def test_cancelling_the_pool_ends_a_request_stalled_on_the_server():
    from extractor.batch.workers import make_pool

    with FaultHTTPServer(stall_s=60.0) as server:
        backend = backend_on(server, timeout=30.0)
        pool = make_pool(backend.settings, concurrency=2, workers=1)
        future = pool.submit(ask, backend, "FAULT:stall")
        while not server.attempts:
            time.sleep(0.05)
        started = time.monotonic()
        pool.shutdown(wait=False, cancel_futures=True)
        error = future.exception(timeout=10)  # before the fix: the 30 s timeout, then retries
        took = time.monotonic() - started
    assert isinstance(error, TransportError) and "interrupted" in error.message and took < 5
    assert sum(server.attempts.values()) == 1  # not retried once cancelled


# --- a whole-request deadline and a size cap -------------------------------------------

def test_a_body_sent_a_byte_a_second_ends_at_the_timeout(tmp_path):
    make_postings(tmp_path / "in", 1, {0: "FAULT:slowbody"})
    out = tmp_path / "out.jsonl"
    with FaultHTTPServer(drip_s=0.5) as server:  # the whole answer would take minutes
        run = lambda: main([str(tmp_path / "in"), "-o", str(out), "--quiet",  # noqa: E731
                            *remote(server), "--retries", "0"])
        outcome, took = in_thread(run, limit_s=30)
    assert outcome["value"] == EXIT_SOME_FAILED and took < 20
    error = read_lines(out)[0]["error"]
    assert error["type"] == "transport_error" and "--timeout 2 s" in error["message"]


def test_a_50_mb_answer_is_refused_with_a_clear_error_and_not_retried(tmp_path):
    make_postings(tmp_path / "in", 2, {1: "FAULT:hugebody"})
    out = tmp_path / "out.jsonl"
    with FaultHTTPServer(huge_bytes=50 * 1024 * 1024) as server:
        code = main([str(tmp_path / "in"), "-o", str(out), "--quiet", *remote(server)])
        tries = sum(n for text, n in server.attempts.items() if "FAULT" in text)
    assert code == EXIT_SOME_FAILED
    first, second = read_lines(out)
    assert first["error"] is None and tries == 1
    assert second["error"]["type"] == "response_too_large"
    assert "8 MiB" in second["error"]["message"]


# --- Retry-After values a server should not send -----------------------------------------

@pytest.mark.parametrize("fault", ["429negx1", "429nanx1", "429infx1", "429datex1"])
def test_an_odd_retry_after_is_clamped_retried_and_ends_ok(fault):
    with FaultHTTPServer() as server:
        backend = backend_on(server, retry_max_wait=0.01)
        waits: list[float] = []
        backend.sleep = waits.append
        reply = ask(backend, f"Title? FAULT:{fault}")
    assert reply.value.title == "Data Engineer" and reply.attempts == 2
    assert len(waits) == 1 and 0 <= waits[0] <= 0.01


@pytest.mark.parametrize("cap", [-1.0, math.nan])
def test_a_negative_or_nan_wait_cap_never_gives_a_negative_wait(cap):
    class State:
        attempt_number, outcome = 3, None

    assert RetryWait(cap)(State()) == 0.0

