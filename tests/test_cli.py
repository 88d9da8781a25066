"""The `extract` command: files and folders in, one JSONL line per input out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.cli import EXIT_ABORTED, EXIT_OK, EXIT_SOME_FAILED, main

POSTING = "Senior Data Engineer\nAcme Corp\nRemote (US)\nSalary: $120,000 - $150,000 a year\n"


def run_cli(args: list[str], capsys) -> tuple[int, list[dict], str]:
    code = main([*args, "--strategy", "rules"])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_bad_inputs_get_error_lines_and_the_rest_is_unaffected(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(POSTING)
    (folder / "b.json").write_text('{"description": "broken", ')
    (folder / "c.txt").write_text("")
    (folder / "d.html").write_bytes(b"\x00\x01\x02binary\x00\xff" * 50)
    (folder / "e.txt").write_text(POSTING.replace("Senior", "Junior"))
    code, lines, err = run_cli([str(folder)], capsys)
    assert code == EXIT_SOME_FAILED
    assert [line["source"] for line in lines] == ["a.txt", "b.json", "c.txt", "d.html", "e.txt"]
    errors = {line["source"]: line["error"]["type"] for line in lines if line["error"]}
    assert errors == {"b.json": "malformed_json", "c.txt": "empty_input", "d.html": "binary_input"}
    assert lines[0]["record"]["title"] == "Senior Data Engineer"
    assert lines[4]["record"]["title"] == "Junior Data Engineer"
    assert "5 inputs: 2 done, 3 failed" in err


def test_output_file_and_second_run_from_cache(tmp_path, capsys):
    src = tmp_path / "p.txt"
    src.write_text(POSTING)
    out = tmp_path / "out.jsonl"
    assert main([str(src), "-o", str(out), "--strategy", "rules"]) == EXIT_OK
    first = json.loads(out.read_text())
    # a plain rerun resumes (nothing left to do); --overwrite starts afresh, from the cache
    assert main([str(src), "-o", str(out), "--strategy", "rules", "--overwrite"]) == EXIT_OK
    err = capsys.readouterr().err
    second = json.loads(out.read_text())
    assert "1 from cache" in err
    assert second["cached"] and second["record"] == first["record"]
    assert len(out.read_text().splitlines()) == 1


def test_no_cache_flag_skips_the_cache(tmp_path, capsys):
    src = tmp_path / "p.txt"
    src.write_text(POSTING)
    main([str(src), "--strategy", "rules"])
    capsys.readouterr()
    code, lines, err = run_cli([str(src), "--no-cache"], capsys)
    assert not lines[0]["cached"] and "0 from cache" in err


def test_jsonl_input_gives_one_line_per_row_with_its_own_errors(tmp_path, capsys):
    src = tmp_path / "feed.jsonl"
    src.write_text(json.dumps({"description": POSTING}) + "\n{not json\n"
                   + json.dumps({"description": POSTING.replace("Data", "ML")}) + "\n")
    code, lines, _ = run_cli([str(src)], capsys)
    assert [line["source"].split("#")[-1] for line in lines] == ["1", "2", "3"]
    assert lines[1]["error"]["type"] == "malformed_json"
    assert lines[2]["record"]["title"] == "Senior ML Engineer"


def test_bad_settings_abort_with_exit_2(capsys):
    assert main(["x.txt", "--reference-date", "2024-13-45"]) == EXIT_ABORTED
    assert "extract:" in capsys.readouterr().err


def test_openai_backend_without_key_or_url_is_a_clear_error(tmp_path, capsys):
    src = tmp_path / "p.txt"
    src.write_text(POSTING)
    code = main([str(src), "--backend", "openai", "--strategy", "full", "--no-cache"])
    out, err = capsys.readouterr()
    assert code == EXIT_ABORTED
    assert "OPENAI_API_KEY" in err


def test_help_does_not_import_heavy_modules():
    probe = ("import sys; from extractor.cli import build_parser; build_parser(); "
             "heavy = [m for m in ('pydantic', 'instructor', 'llama_cpp', 'openai') "
             "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parents[1])
    assert out.stdout.strip() == "[]"


@pytest.mark.model
def test_embedded_default_end_to_end_via_cli(tmp_path):
    example = Path(__file__).parents[1] / "examples" / "northwind-senior-data-engineer.txt"
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "extractor.cli", str(example), "-o", str(out),
           "--reference-date", "2026-11-28"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    [line] = [json.loads(x) for x in out.read_text().splitlines()]
    assert line["record"]["title"] == "Senior Data Engineer"
    assert line["backend"] == "embedded" and line["usage"]["prompt_tokens"] > 0


def test_reference_date_from_mtime_flag_counts_from_each_files_modification_day(tmp_path,
                                                                               capsys):
    import datetime as dt
    import os

    src = tmp_path / "p.txt"
    src.write_text(POSTING + "Posted 3 days ago\n")
    saved = dt.datetime(2024, 3, 12, 12).timestamp()
    os.utime(src, (saved, saved))
    code, [line], _ = run_cli([str(src), "--no-cache", "--reference-date-from-mtime"], capsys)
    assert code == EXIT_OK and line["record"]["date_posted"] == "2024-03-09"
    assert line["reference_from"] == "mtime"
