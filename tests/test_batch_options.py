"""Batch options: formats, errors file, limits and globs, stdin, summary, concurrency tools."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from extractor.backends.limited import RateLimiter
from extractor.batch.run import selected
from extractor.batch.workers import ordered_map
from extractor.cli import EXIT_ABORTED, EXIT_OK, EXIT_SOME_FAILED, main
from extractor.prices import estimate_cost
from support.postings import assert_each_once, make_postings, read_lines

RULES = ["--strategy", "rules", "--quiet", "--resume"]


def test_csv_has_flat_main_fields_and_error_columns(tmp_path):
    make_postings(tmp_path / "in", 1)
    (tmp_path / "in" / "z.txt").write_text("")
    out = tmp_path / "out.csv"
    assert main([str(tmp_path / "in"), "-o", str(out), "--format", "csv", *RULES]) == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows[0]["title"] == "Senior Data Engineer 0" and rows[0]["salary_1_min"] == "120000.0"
    assert rows[0]["salary_1_currency"] == "USD" and rows[0]["error_type"] == ""
    assert rows[1]["source"] == "z.txt" and rows[1]["error_type"] == "empty_input"


def test_errors_file_gets_only_error_lines(tmp_path):
    make_postings(tmp_path / "in", 2)
    (tmp_path / "in" / "bad.json").write_text("{")
    errors = tmp_path / "errors.jsonl"
    out = tmp_path / "out.jsonl"
    main([str(tmp_path / "in"), "-o", str(out), "--errors", str(errors), *RULES])
    assert [line["source"] for line in read_lines(errors)] == ["bad.json"]
    assert len(read_lines(out)) == 3


def test_limit_include_and_exclude_pick_inputs(tmp_path):
    make_postings(tmp_path / "in" / "keep", 3)
    make_postings(tmp_path / "in" / "drop", 2)
    out = tmp_path / "out.jsonl"
    main([str(tmp_path / "in"), "-o", str(out), "--include", "keep/*",
          "--exclude", "*001.txt", "--limit", "2", *RULES])
    assert [line["source"] for line in read_lines(out)] == ["keep/p000.txt", "keep/p002.txt"]


def test_globs_match_the_file_of_a_json_row():
    assert selected("feeds/a.jsonl#3", ["feeds/*.jsonl"], [])
    assert not selected("feeds/a.jsonl#3", [], ["*.jsonl"])
    assert selected("x.txt", [], [])


def test_output_inside_an_input_folder_is_not_read_back(tmp_path):
    names = make_postings(tmp_path / "in", 2)
    out = tmp_path / "in" / "out.jsonl"
    assert main([str(tmp_path / "in"), "-o", str(out), *RULES]) == EXIT_OK
    assert main([str(tmp_path / "in"), "-o", str(out), *RULES]) == EXIT_OK
    assert_each_once(read_lines(out), names)


def test_stdin_input(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Data Engineer\nAcme Corp\n"))
    assert main(["-", *RULES]) == EXIT_OK
    [line] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert line["source"] == "<stdin>" and line["record"]["title"] == "Data Engineer"


def test_summary_json_counts_the_run(tmp_path):
    make_postings(tmp_path / "in", 3)
    (tmp_path / "in" / "x.txt").write_text("  ")
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    args = [str(tmp_path / "in"), "-o", str(out), "--summary-json", str(summary), *RULES]
    assert main([*args, "--limit", "2"]) == EXIT_OK
    assert main(args) == EXIT_SOME_FAILED
    data = json.loads(summary.read_text())
    assert (data["inputs"], data["skipped"], data["done"], data["failed"]) == (4, 2, 1, 1)
    assert data["errors"] == {"empty_input": 1} and data["cost_usd"] is None
    assert data["wall_seconds"] > 0 and "postings_per_minute" in data


@pytest.mark.parametrize("flags", [
    ["--concurrency", "2", "--workers", "2"],
    ["--concurrency", "4", "--strategy", "guided"],  # embedded model: use --workers
    ["--workers", "2", "--max-rpm", "10"],
    ["--concurrency", "0"],
])
def test_options_that_cannot_work_together_abort_with_exit_2(tmp_path, flags, capsys):
    make_postings(tmp_path / "in", 1)
    assert main([str(tmp_path / "in"), "--quiet", *flags]) == EXIT_ABORTED
    assert "extract:" in capsys.readouterr().err


def test_workers_run_in_processes_and_keep_input_order(tmp_path):
    names = make_postings(tmp_path / "in", 12)
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path / "in"), "-o", str(out), "--workers", "2", "--no-cache",
                 *RULES]) == EXIT_OK
    assert_each_once(read_lines(out), names)


def test_ordered_map_keeps_order_and_pulls_inputs_lazily():
    from concurrent.futures import ThreadPoolExecutor

    pulled: list[int] = []

    def items():
        for n in range(50):
            pulled.append(n)
            yield n

    with ThreadPoolExecutor(3) as pool:
        results = ordered_map(lambda n: n * n, items(), pool, window=6)
        first = [next(results) for _ in range(5)]
        assert len(pulled) <= 5 + 6  # never more than the window ahead
        rest = list(results)
    assert first + rest == [n * n for n in range(50)]


def test_ordered_map_stops_starting_work_but_yields_what_is_in_flight():
    done: list[int] = []
    results = ordered_map(lambda n: done.append(n) or n, range(10), None, 4,
                          should_stop=lambda: len(done) >= 3)
    assert list(results) == [0, 1, 2]


def test_rate_limiter_spaces_requests_evenly():
    sleeps: list[float] = []
    limiter = RateLimiter(120, clock=lambda: 100.0, sleep=sleeps.append)
    for _ in range(4):
        limiter.acquire()
    assert sleeps == [0.5, 1.0, 1.5]


def test_cost_is_estimated_only_for_models_with_a_known_price():
    assert estimate_cost("gpt-4o-mini", 1_000_000, 1_000_000) == 0.75
    assert estimate_cost("my-local-model", 10, 10) is None


def test_parquet_output_has_one_row_per_input_and_resumes_through_its_sidecar(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    make_postings(tmp_path / "in", 5)
    (tmp_path / "in" / "zz-bad.json").write_text("{not json")
    out = tmp_path / "out.parquet"
    assert main([str(tmp_path / "in"), "-o", str(out), "--format", "parquet", "--limit", "3",
                 *RULES]) == EXIT_OK
    assert pq.read_table(out).num_rows == 3
    code = main([str(tmp_path / "in"), "-o", str(out), "--format", "parquet", *RULES])
    table = pq.read_table(out).to_pydict()
    assert code == 1 and len(table["source"]) == 6 and len(set(table["source"])) == 6
    assert table["error_type"][table["source"].index("zz-bad.json")] == "malformed_json"
    assert json.loads(table["line"][0])["record"]["title"] == "Senior Data Engineer 0"


def test_parquet_needs_an_output_file(capsys):
    assert main(["x.txt", "--format", "parquet", *RULES]) == 2
