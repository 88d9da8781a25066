"""Resume and exactly-once output: reruns skip what is written; a killed run loses nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from extractor.cli import EXIT_OK, EXIT_SOME_FAILED, main
from support.postings import assert_each_once, make_postings, read_lines

RULES = ["--strategy", "rules", "--quiet", "--resume"]


def test_resume_skips_records_already_written(tmp_path, capsys):
    names = make_postings(tmp_path / "in", 6)
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path / "in"), "-o", str(out), "--limit", "2", *RULES]) == EXIT_OK
    assert len(read_lines(out)) == 2
    rerun = [str(tmp_path / "in"), "-o", str(out), "--strategy", "rules", "--resume"]
    assert main(rerun) == EXIT_OK
    assert_each_once(read_lines(out), names)
    assert "6 inputs: 4 done, 0 failed (none), 2 already in the output" in capsys.readouterr().err


def test_torn_last_line_is_cut_and_that_input_written_again(tmp_path):
    names = make_postings(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    main([str(tmp_path / "in"), "-o", str(out), "--limit", "3", *RULES])
    data = out.read_bytes()
    out.write_bytes(data[: len(data) - 25])  # a kill in the middle of the third line
    assert main([str(tmp_path / "in"), "-o", str(out), *RULES]) == EXIT_OK
    assert_each_once(read_lines(out), names)


def test_last_line_that_is_not_json_is_replaced(tmp_path):
    names = make_postings(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    main([str(tmp_path / "in"), "-o", str(out), "--limit", "2", *RULES])
    with out.open("ab") as handle:
        handle.write(b'{"source": "p002.txt", "record": \n')
    main([str(tmp_path / "in"), "-o", str(out), *RULES])
    assert_each_once(read_lines(out), names)


def test_overwrite_starts_afresh(tmp_path):
    names = make_postings(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"source": "p000.txt", "record": None, "error": None}) + "\n")
    assert main([str(tmp_path / "in"), "-o", str(out), "--overwrite", *RULES]) == EXIT_OK
    lines = read_lines(out)
    assert_each_once(lines, names)
    assert lines[0]["record"]["title"] == "Senior Data Engineer 0"


def test_previous_failures_still_count_in_the_exit_code(tmp_path):
    make_postings(tmp_path / "in", 2)
    (tmp_path / "in" / "bad.txt").write_text("")
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path / "in"), "-o", str(out), *RULES]) == EXIT_SOME_FAILED
    assert main([str(tmp_path / "in"), "-o", str(out), *RULES]) == EXIT_SOME_FAILED
    assert len(read_lines(out)) == 3


def test_errors_file_keeps_only_inputs_the_output_has(tmp_path):
    make_postings(tmp_path / "in", 2)
    (tmp_path / "in" / "a-empty.txt").write_text("")
    (tmp_path / "in" / "b-empty.txt").write_text("")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    args = [str(tmp_path / "in"), "-o", str(out), "--errors", str(errors), *RULES]
    main([*args, "--limit", "1"])
    with errors.open("a") as handle:  # killed after the error line, before the output line
        handle.write(json.dumps({"source": "b-empty.txt", "error": {"type": "x"}}) + "\n")
    main(args)
    assert [line["source"] for line in read_lines(errors)] == ["a-empty.txt", "b-empty.txt"]
    assert [line["source"] for line in read_lines(out) if line["error"]] == [
        "a-empty.txt", "b-empty.txt"]


def test_csv_output_resumes_with_header_once(tmp_path):
    make_postings(tmp_path / "in", 3)
    out = tmp_path / "out.csv"
    args = [str(tmp_path / "in"), "-o", str(out), "--format", "csv", *RULES]
    main([*args, "--limit", "2"])
    text = out.read_text()
    out.write_text(text[:-10])  # torn last row
    main(args)
    rows = out.read_text().splitlines()
    assert rows[0].startswith("source,title,company")
    assert [row.split(",")[0] for row in rows[1:]] == ["p000.txt", "p001.txt", "p002.txt"]


def _feed(path: Path, count: int) -> list[str]:
    rows = [json.dumps({"description": f"Data Engineer {n}\nAcme Corp\nPython, SQL"})
            for n in range(count)]
    path.write_text("\n".join(rows) + "\n")
    return [f"feed.jsonl#{n}" for n in range(1, count + 1)]


def _run_and_kill(cmd: list[str], cwd: Path, out: Path, after_lines: int) -> None:
    """Start the CLI; SIGKILL it once the output has at least ``after_lines`` lines."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 25
    while proc.poll() is None and time.monotonic() < deadline:
        if out.exists() and out.read_bytes().count(b"\n") >= after_lines:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait(timeout=10)


def test_sigkill_at_random_points_then_resume_writes_every_input_once(tmp_path):
    expected = _feed(tmp_path / "feed.jsonl", 400)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extractor.cli", "feed.jsonl", "-o", str(out), "--resume",
           "--strategy", "rules", "--no-cache", "--quiet"]
    rng = random.Random(20240601)
    cut_short = 0
    for after in sorted(rng.sample(range(1, 390), 3)):
        _run_and_kill(cmd, tmp_path, out, after)
        cut_short += read_lines_allowing_torn_tail(out) < len(expected)
    assert cut_short, "no kill landed mid-run"
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert_each_once(read_lines(out), expected)


def read_lines_allowing_torn_tail(path: Path) -> int:
    """Between kills: every complete line is valid JSON (the last may be torn); their count."""
    complete = path.read_bytes().split(b"\n")[:-1]
    for line in complete:
        json.loads(line)
    return len(complete)


def test_ctrl_c_stops_cleanly_says_how_to_resume_and_the_rerun_finishes(tmp_path):
    expected = _feed(tmp_path / "feed.jsonl", 400)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extractor.cli", "feed.jsonl", "-o", str(out), "--resume",
           "--strategy", "rules", "--no-cache", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 25
    while time.monotonic() < deadline and not (out.exists() and out.read_bytes().count(b"\n") > 20):
        time.sleep(0.005)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Rerun the same command with --resume" in err
    assert 20 < len(read_lines(out)) < len(expected)
    assert subprocess.run(cmd, cwd=tmp_path, timeout=60).returncode == 0
    assert_each_once(read_lines(out), expected)


def test_an_output_file_of_another_kind_is_refused_not_truncated(tmp_path, capsys):
    make_postings(tmp_path / "in", 2)
    out = tmp_path / "notes.txt"
    out.write_text("my notes\nmore notes\n")
    assert main([str(tmp_path / "in"), "-o", str(out), *RULES]) == 2
    assert out.read_text() == "my notes\nmore notes\n"
    assert "--overwrite" in capsys.readouterr().err
