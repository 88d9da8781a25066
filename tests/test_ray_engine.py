"""The Ray engine on a local Ray instance (no network): the local engine's records, once each.

Skipped when Ray is not installed (``pip install 'extractor[ray]'``).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from extractor.cli import EXIT_OK, EXIT_SOME_FAILED, main
from support.fault_server import FaultHTTPServer
from support.postings import assert_each_once, make_postings, read_lines

ray = pytest.importorskip("ray")

FIXTURES = Path(__file__).parents[1] / "evals" / "fixtures" / "synthetic"
QUIET = ["--no-cache", "--quiet", "--resume"]


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    """One local Ray instance for the module (starting one takes seconds)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


@pytest.fixture
def server():
    with FaultHTTPServer(stall_s=1.0) as srv:
        yield srv


def remote(server: FaultHTTPServer) -> list[str]:
    return ["--backend", "openai", "--model", "fault", "--base-url", server.base_url,
            "--strategy", "full",
            "--timeout", "2", "--retries", "2", "--retry-max-wait", "0.01"]


def by_source(path: Path) -> dict[str, tuple]:
    """source -> (record, error type): what must not depend on the engine."""
    return {line["source"]: (line["record"], (line["error"] or {}).get("type"))
            for line in read_lines(path)}


def test_ray_engine_gives_the_local_engines_records_from_a_local_server(tmp_path, server):
    extra = {7: "Reference FAULT:invalid (internal).", 99: "Reference FAULT:503x1 (internal).",
             150: "Apply by 2026-12-31. Hybrid, 3 days in the Berlin office."}
    names = make_postings(tmp_path / "in", 300, extra)
    (tmp_path / "in" / "zz-empty.txt").write_text("")
    args = [str(tmp_path / "in"), *QUIET, *remote(server)]
    local, on_ray = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    assert main([*args, "-o", str(local), "--concurrency", "4"]) == EXIT_SOME_FAILED
    assert main([*args, "-o", str(on_ray), "--engine", "ray", "--workers", "2",
                 "--concurrency", "2", "--block-size", "8"]) == EXIT_SOME_FAILED
    assert_each_once(read_lines(on_ray), [*names, "zz-empty.txt"])
    assert by_source(on_ray) == by_source(local)
    errors = {s: e for s, (_, e) in by_source(on_ray).items() if e}
    assert errors == {"p007.txt": "invalid_output", "zz-empty.txt": "empty_input"}


def test_ray_engine_resumes_without_writing_an_input_twice(tmp_path):
    names = make_postings(tmp_path / "in", 200)
    out = tmp_path / "out.jsonl"
    args = [str(tmp_path / "in"), "-o", str(out), "--strategy", "rules", "--engine", "ray",
            *QUIET]
    assert main([*args, "--limit", "70"]) == EXIT_OK
    assert len(read_lines(out)) == 70
    assert main(args) == EXIT_OK
    assert_each_once(read_lines(out), names)


def _worker_pids() -> list[int]:
    """Processes of this machine running a BlockRunner actor (Ray names them so)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if entry.name.isdigit() and cmdline.startswith(b"ray::BlockRunner"):
            pids.append(int(entry.name))
    return pids


def _kill_a_worker_once_output_has(out: Path, lines: int, killed: list[int]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        written = out.read_bytes().count(b"\n") if out.exists() else 0
        pids = _worker_pids()
        if written >= lines and pids:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])
            return
        time.sleep(0.02)


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="finds workers in /proc")
def test_a_worker_killed_mid_run_leaves_each_input_exactly_once(tmp_path):
    names = make_postings(tmp_path / "in", 240)
    out = tmp_path / "out.jsonl"
    killed: list[int] = []
    with FaultHTTPServer(delay_s=0.03) as slow:  # about 8 s of work: time to kill mid-run
        killer = threading.Thread(target=_kill_a_worker_once_output_has,
                                  args=(out, 40, killed), daemon=True)
        killer.start()
        code = main([str(tmp_path / "in"), "-o", str(out), *QUIET, *remote(slow),
                     "--engine", "ray", "--workers", "2", "--block-size", "8"])
        killer.join()
    assert killed, "no worker was killed: the test would prove nothing"
    lines = read_lines(out)
    assert_each_once(lines, names)
    assert len(lines) > 40
    assert code == EXIT_OK and all(line["error"] is None for line in lines), (
        "the dead worker's block should have been run again on its restarted actor")


def test_extract_dataset_maps_postings_to_output_lines():
    from extractor.batch.ray import extract_dataset
    from extractor.settings import Settings

    rows = [{"text": f"Senior Data Engineer {n}\nAcme Corp\nRemote (US)\n", "source": f"r{n}"}
            for n in range(40)] + [{"text": "   ", "source": "blank"}]
    ds = ray.data.from_items(rows)
    out = extract_dataset(ds, Settings(strategy="rules", use_cache=False), workers=2,
                          batch_size=8).take_all()
    got = {row["source"]: row for row in out}
    assert set(got) == {row["source"] for row in rows}
    assert got["blank"]["error_type"] == "empty_input"
    line = json.loads(got["r7"]["line"])
    assert line["source"] == "r7" and line["error"] is None
    assert line["record"]["title"] == "Senior Data Engineer 7"


@pytest.mark.model
def test_ray_engine_runs_the_embedded_model_like_the_local_engine(tmp_path):
    """Each actor loads its own embedded model; records match the in-process run."""
    inputs = tmp_path / "in"
    make_postings(inputs, 20)  # draft asks the model on every posting: keep the run short
    for name in ("05-jobboard-similar-jobs-data-analyst.txt",
                 "10-hourly-warehouse-shift-differential.txt",
                 "16-amd-careercenter-yerevan.txt", "25-ru-hh-python-middle.txt"):
        (inputs / name).write_bytes((FIXTURES / name).read_bytes())
    common = [str(inputs), *QUIET, "--strategy", "draft", "--reference-date", "2026-11-20"]
    local, on_ray = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    assert main([*common, "-o", str(local)]) == EXIT_OK
    assert main([*common, "-o", str(on_ray), "--engine", "ray", "--workers", "2"]) == EXIT_OK
    lines = read_lines(on_ray)
    assert len(lines) == 24
    assert [line["source"] for line in lines] == sorted(line["source"] for line in lines)
    asked = [line for line in lines if line["usage"]["prompt_tokens"] > 0]
    assert asked, "no posting asked the model: the test would not cover the actors' models"
    assert by_source(on_ray) == by_source(local)


def test_block_size_follows_the_workload():
    from extractor.batch.ray import default_block_size
    from extractor.settings import Settings

    assert default_block_size(Settings(strategy="guided")) == 1  # about a second an input
    assert default_block_size(Settings(strategy="rules")) == 16
    assert default_block_size(Settings(backend="openai", base_url="http://127.0.0.1:1")) == 16
