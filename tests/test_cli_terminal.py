"""What `extract` says on the terminal: errors that name the flag and the fix, progress
with a total, a summary with where the lines went and each field's fill rate, nothing
to read, skipped file types, --base-url without a model, a strategy worse on the chosen
model, and --explain. Every run here is rules-only or fails before a model is asked."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from extractor.cli import EXIT_ABORTED, EXIT_OK, EXIT_SOME_FAILED, main

POSTING = "Senior Data Engineer\nAcme Corp\nRemote (US)\nSalary: $120,000 - $150,000 a year\n"
PLAIN = "Junior Analyst\nBeta Ltd\nWe need an analyst.\n"
RULES = ["--strategy", "rules"]


def folder_of(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


# --- errors name the flag and the fix ------------------------------------------------

def test_bad_reference_date_names_the_flag_and_the_value_given(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(POSTING)
    assert main([str(tmp_path / "p.txt"), *RULES, "--reference-date", "2024-13-01"]) == 2
    err = capsys.readouterr().err
    assert err == "extract: --reference-date 2024-13-01: month must be in 1..12; use YYYY-MM-DD\n"


def test_bad_number_flag_names_the_flag_and_what_is_allowed(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(POSTING)
    assert main([str(tmp_path / "p.txt"), *RULES, "--max-tokens", "0"]) == EXIT_ABORTED
    assert capsys.readouterr().err == (
        "extract: --max-tokens 0: use a whole number of at least 1 (tokens per model call)\n")


def test_a_bad_environment_value_keeps_naming_the_variable(tmp_path, capsys, monkeypatch):
    (tmp_path / "p.txt").write_text(POSTING)
    monkeypatch.setenv("EXTRACTOR_STRATEGY", "sometimes")
    assert main([str(tmp_path / "p.txt")]) == EXIT_ABORTED
    assert "EXTRACTOR_STRATEGY" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--block-size", "--workers", "--concurrency", "--limit",
                                  "--max-tokens-total"])
def test_a_count_flag_below_1_is_named_on_its_own(flag, tmp_path, capsys):
    (tmp_path / "p.txt").write_text(POSTING)
    assert main([str(tmp_path / "p.txt"), *RULES, flag, "0"]) == EXIT_ABORTED
    assert capsys.readouterr().err == f"extract: {flag} 0: use a whole number of at least 1\n"


# --- --base-url needs --model and the openai backend ----------------------------------

def test_base_url_without_model_exits_2_naming_both_flags(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(POSTING)
    code = main([str(tmp_path / "p.txt"), "--backend", "openai", "--base-url",
                 "http://127.0.0.1:1/v1", "--no-cache"])
    err = capsys.readouterr().err
    assert code == EXIT_ABORTED
    assert "--base-url needs --model" in err and "gpt-4o-mini" in err


def test_base_url_with_a_model_from_the_environment_is_accepted(tmp_path, capsys, monkeypatch):
    (tmp_path / "p.txt").write_text("")  # fails on load: no request is sent
    monkeypatch.setenv("EXTRACTOR_MODEL", "served-model")
    code = main([str(tmp_path / "p.txt"), "--backend", "openai", "--base-url",
                 "http://127.0.0.1:1/v1", "--quiet"])
    assert code == EXIT_SOME_FAILED
    assert capsys.readouterr().err == ""


def test_base_url_on_the_embedded_backend_says_to_pick_openai(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(POSTING)
    assert main([str(tmp_path / "p.txt"), "--base-url", "http://127.0.0.1:1/v1"]) == 2
    assert "--base-url is for the openai backend: add --backend openai" in (
        capsys.readouterr().err)


def test_openai_base_url_from_the_environment_without_model_warns_and_runs(
        tmp_path, capsys, monkeypatch):
    (tmp_path / "p.txt").write_text("")  # fails on load: no request is sent
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:1/v1")
    code = main([str(tmp_path / "p.txt"), "--backend", "openai", "--quiet"])
    assert code == EXIT_SOME_FAILED  # the empty input's error line, not an abort
    err = capsys.readouterr().err
    assert "warning: OPENAI_BASE_URL is set and no model is named: asking it for " \
           "gpt-4o-mini" in err


# --- a strategy worse on the chosen model ----------------------------------------------

def test_strategy_full_on_the_embedded_model_warns_with_the_measured_figures(tmp_path, capsys):
    (tmp_path / "p.txt").write_text("")  # fails on load: the model is never loaded
    assert main([str(tmp_path / "p.txt"), "--strategy", "full", "--quiet"]) == EXIT_SOME_FAILED
    [warning] = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert warning.startswith("extract: warning: --strategy full on the embedded model is "
                              "slower and worse than guided")
    assert re.search(r"F1 \d\.\d+ vs \d\.\d+", warning), warning


def test_guided_on_the_embedded_model_and_full_on_openai_do_not_warn(tmp_path, capsys):
    (tmp_path / "p.txt").write_text("")
    main([str(tmp_path / "p.txt"), "--strategy", "guided", "--quiet"])
    main([str(tmp_path / "p.txt"), "--backend", "openai", "--model", "m", "--base-url",
          "http://127.0.0.1:1/v1", "--strategy", "full", "--quiet"])
    assert "warning" not in capsys.readouterr().err


# --- nothing to read, skipped file types ---------------------------------------------

def test_an_empty_folder_exits_2_with_a_message(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    assert main([str(tmp_path / "in"), *RULES]) == EXIT_ABORTED
    out, err = capsys.readouterr()
    assert out == "" and err == f"extract: nothing to read in {tmp_path / 'in'}: the folders " \
                                "hold no files\n"


def test_a_folder_of_unsupported_files_exits_2_naming_the_types(tmp_path, capsys):
    folder = folder_of(tmp_path, {"a.docx": "x,y\n", "b.docx": "x,y\n", "sub/c.pdf": "%PDF-1",
                                  ".hidden.txt": POSTING})
    out = tmp_path / "out.jsonl"
    out.write_text("kept\n")
    assert main([str(folder), "-o", str(out), *RULES]) == EXIT_ABORTED
    err = capsys.readouterr().err
    assert "nothing to read in" in err
    assert "skipped 3 files of a type extract does not read: .docx (2), .pdf (1)" in err
    assert out.read_text() == "kept\n"  # refused before the output is opened


def test_skipped_file_types_are_named_and_the_rest_runs(tmp_path, capsys):
    folder = folder_of(tmp_path, {"a.txt": POSTING, "b.docx": "x\n", "notes": "x",
                                  "c.pdf": "%PDF-1"})
    code, out = main([str(folder), *RULES]), capsys.readouterr()
    assert code == EXIT_OK
    assert [json.loads(line)["source"] for line in out.out.splitlines()] == ["a.txt"]
    assert "extract: skipped 3 files of a type extract does not read: .docx (1), .pdf (1), " \
           "no extension (1)" in out.err


def test_excluded_files_are_not_reported_as_skipped(tmp_path, capsys):
    folder = folder_of(tmp_path, {"a.txt": POSTING, "b.docx": "x\n"})
    assert main([str(folder), *RULES, "--exclude", "*.docx"]) == EXIT_OK
    assert "skipped" not in capsys.readouterr().err


def test_globs_that_match_nothing_exit_2_with_a_message(tmp_path, capsys):
    folder = folder_of(tmp_path, {"a.txt": POSTING})
    assert main([str(folder), *RULES, "--include", "nothing/*"]) == EXIT_ABORTED
    assert "extract: no input passes --include/--exclude" in capsys.readouterr().err


def test_a_named_file_of_any_type_is_still_read(tmp_path, capsys):
    (tmp_path / "posting.log").write_text(POSTING)
    assert main([str(tmp_path / "posting.log"), *RULES]) == EXIT_OK
    assert "skipped" not in capsys.readouterr().err


# --- progress with total and ETA, the summary ---------------------------------------

def progress_counts(err: str) -> list[tuple[int, int]]:
    """(done, total) of each progress bar refresh on stderr."""
    return [(int(a), int(b)) for a, b in re.findall(r"\| (\d+)/(\d+) \[", err)]


def test_progress_bar_shows_the_total_and_the_time_left(tmp_path, capsys):
    folder = folder_of(tmp_path, {f"p{n}.txt": POSTING.replace("Acme", f"Co{n}")
                                  for n in range(3)})
    feed = "".join(json.dumps({"description": POSTING}) + "\n" for _ in range(4))
    (folder / "feed.jsonl").write_text(feed + "\n")
    (folder / "list.json").write_text(json.dumps([{"description": POSTING}] * 2))
    assert main([str(folder), *RULES]) == EXIT_OK
    err = capsys.readouterr().err
    # 3 files + 4 JSONL rows (the blank line is none) + 2 array items, from the start
    assert set(progress_counts(err)) >= {(0, 9), (9, 9)}
    assert re.search(r"9/9 \[\d\d:\d\d<\d\d:\d\d", err)  # elapsed<left


def test_progress_total_leaves_out_what_a_resumed_output_holds(tmp_path, capsys):
    folder = folder_of(tmp_path, {f"p{n}.txt": POSTING for n in range(5)})
    out = tmp_path / "out.jsonl"
    assert main([str(folder), "-o", str(out), *RULES, "--limit", "2"]) == EXIT_OK
    capsys.readouterr()
    assert main([str(folder), "-o", str(out), *RULES, "--resume"]) == EXIT_OK
    assert progress_counts(capsys.readouterr().err)[-1] == (3, 3)


def test_quiet_shows_no_progress_and_no_summary(tmp_path, capsys):
    folder = folder_of(tmp_path, {"a.txt": POSTING, "b.txt": PLAIN})
    assert main([str(folder), *RULES, "--quiet"]) == EXIT_OK
    assert capsys.readouterr().err == ""


def test_summary_says_the_lines_went_to_stdout(tmp_path, capsys):
    folder = folder_of(tmp_path, {"a.txt": POSTING, "b.txt": PLAIN})
    main([str(folder), *RULES])
    assert "\noutput: stdout\n" in capsys.readouterr().err


def test_summary_names_the_output_file_and_the_errors_file(tmp_path, capsys):
    folder = folder_of(tmp_path, {"a.txt": POSTING, "b.txt": ""})
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    assert main([str(folder), "-o", str(out), "--errors", str(errors), *RULES]) == 1
    assert f"\noutput: {out}; error lines also in {errors}\n" in capsys.readouterr().err


def test_summary_gives_each_fields_fill_rate_over_this_runs_records(tmp_path, capsys):
    folder = folder_of(tmp_path, {"a.txt": POSTING, "b.txt": PLAIN, "c.txt": ""})
    summary = tmp_path / "summary.json"
    assert main([str(folder), *RULES, "--summary-json", str(summary)]) == EXIT_SOME_FAILED
    err = capsys.readouterr().err
    rates = " ".join(err[err.index("filled (2 records):"):].split())
    assert "title 100%," in rates and "salary 50%," in rates and "apply_url 0%," in rates
    assert all(len(line) <= 100 for line in err.splitlines() if "%" in line)
    data = json.loads(summary.read_text())
    assert data["records"] == 2 and data["fill_rates"]["salary"] == 0.5
    assert data["output"] is None and data["skipped_files"] == {}


def test_summary_json_lists_skipped_file_types(tmp_path, capsys):
    folder = folder_of(tmp_path, {"a.txt": POSTING, "b.docx": "x\n"})
    summary = tmp_path / "summary.json"
    main([str(folder), *RULES, "--quiet", "--summary-json", str(summary)])
    assert json.loads(summary.read_text())["skipped_files"] == {".docx": 1}


# --- --explain ------------------------------------------------------------------------

@pytest.fixture
def posting(tmp_path: Path) -> Path:
    path = tmp_path / "posting.txt"
    path.write_text("Acme Corp\n\nSenior Data Engineer\nRemote (US)\n"
                    "Salary: $120,000 - $150,000 a year\nYou know Python and SQL.\n")
    return path


def explain_rows(out: str) -> dict[str, str]:
    """Field -> the rest of its first table row, box characters removed."""
    rows = {}
    for line in out.splitlines():
        cells = [cell.strip() for cell in re.split(r"[│┃]", line)[1:-1]]
        if cells and cells[0] and cells[0] not in rows:
            rows[cells[0]] = " | ".join(cells[1:]).rstrip()
    return rows


def test_explain_prints_each_field_its_value_and_its_evidence_marked(
        posting, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "140")
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["--explain", str(posting), *RULES]) == EXIT_OK
    out = capsys.readouterr().out
    rows = explain_rows(out)
    assert rows["title"] == "Senior Data Engineer | rules | «Senior Data Engineer»"
    assert rows["salary"] == ("120000-150000 USD / year | rules | Salary: «$120,000 - $150,000 a "
                              "year»")
    assert rows["skills"].startswith("Python; SQL | rules | You know «Python» and SQL.")
    assert rows["apply_url"] == "— |  |"  # unstated fields are listed too, without evidence
    assert str(posting) in out.splitlines()[0]


def test_explain_highlights_the_evidence_in_colour_on_a_terminal(posting, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "140")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert main(["--explain", str(posting), *RULES]) == EXIT_OK
    out = capsys.readouterr().out
    assert re.search(r"\x1b\[[0-9;]*m\$120,000 - \$150,000 a year\x1b\[0m", out)
    assert "«" not in out


def test_explain_of_a_failed_input_prints_the_error_and_exits_1(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    assert main(["--explain", str(tmp_path / "empty.txt"), *RULES]) == EXIT_SOME_FAILED
    assert "failed: empty_input" in capsys.readouterr().out


def test_explain_of_a_feed_shows_its_first_posting_and_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "140")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"description": POSTING}) + "\n"
                    + json.dumps({"description": PLAIN}) + "\n")
    assert main(["--explain", str(feed), *RULES]) == EXIT_OK
    out = capsys.readouterr().out
    assert "feed.jsonl#1" in out and "the first posting of several" in out
    assert explain_rows(out)["title"].startswith("Senior Data Engineer")


@pytest.mark.parametrize("flags", [["--output", "o.jsonl"], ["--workers", "2"], ["--resume"],
                                   ["--include", "*.txt"], ["--format", "csv"]])
def test_explain_refuses_batch_flags_naming_them(flags, posting, capsys):
    assert main(["--explain", str(posting), *RULES, *flags]) == EXIT_ABORTED
    assert f"--explain prints one posting; {flags[0]}" in capsys.readouterr().err


def test_explain_takes_one_input(posting, capsys):
    assert main(["--explain", str(posting), str(posting), *RULES]) == EXIT_ABORTED
    assert "--explain shows one posting: name one file" in capsys.readouterr().err


def test_explain_without_rich_says_how_to_install_it(posting, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "rich.console", None)  # import fails as if absent
    assert main(["--explain", str(posting), *RULES]) == EXIT_ABORTED
    assert "--explain needs rich: pip install 'extractor[explain]'" in capsys.readouterr().err
