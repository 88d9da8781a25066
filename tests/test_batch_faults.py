"""Batches against a misbehaving local OpenAI-compatible server (tests/fault_server.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli import EXIT_ABORTED, EXIT_OK, EXIT_SOME_FAILED, main
from support.fault_server import FaultHTTPServer
from support.postings import assert_each_once, make_postings, read_lines

SECRET = "sk-test-SECRET-0123456789abcdefXYZ"
# marker -> the error type expected, or None when the server eventually answers
FAULTS: dict[str, str | None] = {
    "429x2": None, "429rax2": None, "500x1": None, "502x1": None, "503x2": None,
    "stallx1": None, "dropx1": None, "badjsonx1": None,
    "429": "transport_error", "503": "transport_error", "stall": "transport_error",
    "drop": "transport_error", "badjson": "invalid_output", "invalid": "invalid_output",
    "truncate": "truncated_output", "echo401": "auth_error",
}


@pytest.fixture
def server():
    with FaultHTTPServer(stall_s=1.0) as srv:
        yield srv


def remote(server: FaultHTTPServer, *extra: str) -> list[str]:
    """Flags for the openai backend on the fault server, with fast retries."""
    return ["--backend", "openai", "--model", "fault", "--base-url", server.base_url,
            "--strategy", "full",
            "--timeout", "0.5", "--retries", "2", "--retry-max-wait", "0.01", "--quiet", *extra]


def mixed_folder(folder: Path, count: int = 30) -> dict[str, str | None]:
    """``count`` postings, the first ones carrying each fault marker; source -> expected."""
    markers = list(FAULTS)
    extra = {n: f"Reference FAULT:{markers[n]} (internal)." for n in range(len(markers))}
    names = make_postings(folder, count, extra)
    return {name: FAULTS[markers[n]] if n < len(markers) else None
            for n, name in enumerate(names)}


def test_every_input_once_with_clear_error_types_under_faults(tmp_path, server):
    expected = mixed_folder(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    args = [str(tmp_path / "in"), "-o", str(out), "--no-cache", "--concurrency", "4", "--resume"]
    assert main([*args, *remote(server)]) == EXIT_SOME_FAILED
    lines = read_lines(out)
    assert_each_once(lines, list(expected))
    got = {line["source"]: (line["error"] or {}).get("type") for line in lines}
    assert got == expected
    ok = [line for line in lines if not line["error"]]
    assert ok and all(line["record"]["title"] == f"Senior Data Engineer {int(line['source'][1:4])}"
                      for line in ok)


def test_token_budget_stops_cleanly_and_a_rerun_finishes(tmp_path, server, capsys):
    names = make_postings(tmp_path / "in", 12)
    out = tmp_path / "out.jsonl"
    args = [str(tmp_path / "in"), "-o", str(out), "--no-cache", "--resume", *remote(server)]
    assert main([*args, "--max-tokens-total", "200"]) == EXIT_ABORTED  # 55 tokens a call
    partial = read_lines(out)
    assert 4 <= len(partial) < len(names)
    assert "Rerun the same command with --resume" in capsys.readouterr().err
    assert main(args) == EXIT_OK
    assert_each_once(read_lines(out), names)


def test_max_rpm_waits_once_per_model_request(tmp_path, server, monkeypatch):
    from extractor.backends.limited import RateLimiter

    calls: list[float] = []
    monkeypatch.setattr(RateLimiter, "acquire", lambda self: calls.append(self.interval))
    make_postings(tmp_path / "in", 5)
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path / "in"), "-o", str(out), *remote(server, "--max-rpm", "120")]) == 0
    assert calls == [0.5] * 5
    assert main([str(tmp_path / "in"), "-o", str(out), "--overwrite",
                 *remote(server, "--max-rpm", "120")]) == 0
    assert len(calls) == 5  # the rerun came from the cache: no requests, no waits


def test_concurrency_keeps_input_order_with_a_slow_server(tmp_path):
    names = make_postings(tmp_path / "in", 16)
    out = tmp_path / "out.jsonl"
    with FaultHTTPServer(delay_s=0.05) as server:
        code = main([str(tmp_path / "in"), "-o", str(out), "--no-cache",
                     *remote(server, "--concurrency", "8")])
    assert code == EXIT_OK
    assert_each_once(read_lines(out), names)


def _all_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_api_key_never_in_output_errors_cache_summary_or_stderr(tmp_path, server, monkeypatch,
                                                                 capfd):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    make_postings(tmp_path / "in", 4, {1: "FAULT:echo401", 2: "FAULT:500", 3: "FAULT:badjson"})
    written = tmp_path / "written"
    written.mkdir()
    main([str(tmp_path / "in"), "-o", str(written / "out.jsonl"), "--errors",
          str(written / "errors.jsonl"), "--summary-json", str(written / "summary.json"),
          "--cache-dir", str(written / "cache"), *remote(server)[:-1]])  # not --quiet
    captured = capfd.readouterr()
    lines = read_lines(written / "out.jsonl")
    assert [bool(line["error"]) for line in lines] == [False, True, True, True]
    assert "sk-***" in json.dumps(lines[1]["error"])  # the server did echo a key
    everything = _all_bytes(written) + (captured.out + captured.err).encode()
    assert SECRET.encode() not in everything
    assert SECRET[3:].encode() not in everything
