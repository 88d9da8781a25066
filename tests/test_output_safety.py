"""Output safety: one writer per output, no output over an input, every output path checked
before anything is truncated, pipes written whole, and resume repairing doubled lines."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from extractor.cli import EXIT_ABORTED, EXIT_OK, main
from support.postings import assert_each_once, make_postings, read_lines

RULES = ["--strategy", "rules", "--no-cache", "--quiet"]
STDIN_POSTING = "Data Engineer\nAcme Corp\nPython, SQL\n"


def _start_writer_waiting_on_stdin(tmp_path: Path, args: list[str]) -> subprocess.Popen[str]:
    """A real `extract` run that has opened its output and waits for its stdin input."""
    cmd = [sys.executable, "-m", "extractor.cli", *args, *RULES]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdin=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 30
    while not (tmp_path / "out.jsonl").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # past opening (and, with the fix, locking) the output
    assert proc.poll() is None, proc.communicate()
    return proc


@pytest.mark.parametrize("resume", [["--resume"], []])
def test_a_second_writer_on_the_same_output_is_refused(tmp_path, capsys, monkeypatch, resume):
    names = make_postings(tmp_path / "in", 5)
    args = ["-", "in", "-o", "out.jsonl", *resume]
    first = _start_writer_waiting_on_stdin(tmp_path, args)
    try:
        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STDIN_POSTING.encode())))
        assert main([*args, *RULES]) == EXIT_ABORTED
    finally:
        _, first_err = first.communicate(STDIN_POSTING, timeout=60)
    err = capsys.readouterr().err
    assert "out.jsonl" in err and "another extract run" in err and "--resume" in err
    assert first.returncode == EXIT_OK, first_err
    sources = [line["source"] for line in read_lines(tmp_path / "out.jsonl")]
    assert len(set(sources)) == len(sources) == 6  # each input once
    assert [Path(source).name for source in sources] == ["<stdin>", *names]


def test_resume_drops_lines_an_older_version_wrote_twice(tmp_path, capsys):
    names = make_postings(tmp_path / "in", 6)
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path / "in"), "-o", str(out), "--limit", "4", *RULES]) == EXIT_OK
    lines = out.read_bytes().splitlines(keepends=True)
    later = [json.dumps({**json.loads(lines[n]), "copy": "later"}).encode() + b"\n"
             for n in range(4)]
    out.write_bytes(b"".join([lines[2], lines[0], lines[3], later[0], lines[1], later[2]]))
    assert main([str(tmp_path / "in"), "-o", str(out), "--resume", *RULES]) == EXIT_OK
    kept = read_lines(out)
    assert sorted(line["source"] for line in kept) == names
    assert [line["source"] for line in kept[:4]] == ["p002.txt", "p000.txt", "p003.txt",
                                                    "p001.txt"]
    assert not any("copy" in line for line in kept)
    assert "2 later copies" in capsys.readouterr().err


def test_resume_dropping_duplicates_keeps_the_errors_file_in_step(tmp_path):
    make_postings(tmp_path / "in", 1)
    (tmp_path / "in" / "empty.txt").write_text("")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    args = [str(tmp_path / "in"), "-o", str(out), "--errors", str(errors), *RULES]
    main(args)
    out.write_bytes(out.read_bytes() * 2)
    errors.write_bytes(errors.read_bytes() * 2)
    main([*args, "--resume"])
    assert [line["source"] for line in read_lines(out)] == ["empty.txt", "p000.txt"]
    assert [line["source"] for line in read_lines(errors)] == ["empty.txt"]


def test_output_that_is_the_input_file_is_refused_and_the_input_kept(tmp_path, capsys):
    posting = tmp_path / "a.txt"
    posting.write_text(STDIN_POSTING)
    assert main([str(posting), "-o", str(posting), *RULES]) == EXIT_ABORTED
    assert posting.read_text() == STDIN_POSTING
    assert "-o" in capsys.readouterr().err


def test_output_over_a_posting_in_the_input_folder_is_refused(tmp_path, capsys):
    make_postings(tmp_path / "in", 3)
    target = tmp_path / "in" / "p001.txt"
    before = target.read_bytes()
    assert main([str(tmp_path / "in"), "-o", str(target), *RULES]) == EXIT_ABORTED
    assert target.read_bytes() == before
    assert "input folder" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--errors", "--summary-json"])
def test_a_second_output_over_an_input_is_refused(tmp_path, capsys, flag):
    make_postings(tmp_path / "in", 2)
    target = tmp_path / "in" / "p000.txt"
    before = target.read_bytes()
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path / "in"), "-o", str(out), flag, str(target), *RULES]) == 2
    assert target.read_bytes() == before and not out.exists()
    assert flag in capsys.readouterr().err


@pytest.mark.parametrize(("flag", "other"), [("--errors", "-o"), ("--summary-json", "-o"),
                                             ("--summary-json", "--errors")])
def test_two_outputs_on_one_file_are_refused(tmp_path, capsys, flag, other):
    make_postings(tmp_path / "in", 2)
    shared = tmp_path / "same.jsonl"
    outputs = {"-o": str(tmp_path / "out.jsonl"), "--errors": str(tmp_path / "errors.jsonl"),
               other: str(shared), flag: str(tmp_path / "sub" / ".." / "same.jsonl")}
    (tmp_path / "sub").mkdir()
    argv = [str(tmp_path / "in"), *[x for pair in outputs.items() for x in pair], *RULES]
    assert main(argv) == EXIT_ABORTED
    assert not shared.exists()
    assert f"{flag} " in capsys.readouterr().err


def test_summary_json_in_a_missing_folder_is_refused_before_any_work(tmp_path, capsys):
    make_postings(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    summary = tmp_path / "missing" / "dir" / "s.json"
    assert main([str(tmp_path / "in"), "-o", str(out), "--summary-json", str(summary),
                 *RULES]) == EXIT_ABORTED
    assert not out.exists()
    assert "--summary-json" in capsys.readouterr().err


def test_a_bad_errors_path_leaves_the_existing_output_untouched(tmp_path, capsys):
    make_postings(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path / "in"), "-o", str(out), *RULES]) == EXIT_OK
    before = out.read_bytes()
    assert main([str(tmp_path / "in"), "-o", str(out), "--errors",
                 str(tmp_path / "nowhere" / "e.jsonl"), *RULES]) == EXIT_ABORTED
    assert out.read_bytes() == before
    assert "--errors" in capsys.readouterr().err


def test_output_that_is_a_folder_is_refused(tmp_path, capsys):
    make_postings(tmp_path / "in", 1)
    (tmp_path / "outdir").mkdir()
    assert main([str(tmp_path / "in"), "-o", str(tmp_path / "outdir"), *RULES]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_errors_file_inside_an_input_folder_is_not_read_back(tmp_path):
    names = make_postings(tmp_path / "in", 2)
    (tmp_path / "in" / "bad.txt").write_text("")
    out, errors = tmp_path / "out.jsonl", tmp_path / "in" / "errors.jsonl"
    args = [str(tmp_path / "in"), "-o", str(out), "--errors", str(errors), *RULES]
    main(args)
    main(args)
    assert_each_once(read_lines(out), ["bad.txt", *names])


def _drain_fifo(path: Path, received: list[bytes], stop: threading.Event) -> None:
    """A reader that reopens the FIFO after each end of file, until told to stop."""
    while not stop.is_set():
        with path.open("rb") as handle:
            received.append(handle.read())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("resume", [[], ["--resume"]])
def test_output_to_a_fifo_delivers_every_line(tmp_path, monkeypatch, resume):
    monkeypatch.chdir(tmp_path)
    Path("feed.jsonl").write_text("".join(
        json.dumps({"description": f"Data Engineer {n}\nAcme Corp"}) + "\n" for n in range(250)))
    fifo = tmp_path / "lines.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    stop = threading.Event()
    reader = threading.Thread(target=_drain_fifo, args=(fifo, received, stop), daemon=True)
    reader.start()
    result: dict[str, int] = {}
    argv = ["feed.jsonl", "-o", str(fifo), *resume, *RULES]
    runner = threading.Thread(target=lambda: result.update(code=main(argv)), daemon=True)
    runner.start()
    runner.join(timeout=60)
    stop.set()
    _wake_reader(fifo)
    reader.join(timeout=10)
    assert result.get("code") == EXIT_OK, "the run did not finish" if runner.is_alive() else ""
    lines = b"".join(received).decode().splitlines()
    assert [json.loads(line)["source"] for line in lines] == [
        f"feed.jsonl#{n}" for n in range(1, 251)]


def _wake_reader(fifo: Path) -> None:
    """End the reader's wait in open(), if it is waiting there."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass  # no reader has the FIFO open: it has stopped already
