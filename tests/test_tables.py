"""Typed tables: the format the -o extension names, the CSV columns."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from extractor.batch.run import BatchOptions, BatchRun
from extractor.batch.write import format_for
from extractor.cli import main
from extractor.errors import ConfigError
from extractor.settings import resolve_settings
from support.postings import read_lines

RULES = ["--strategy", "rules", "--quiet"]
POSTING = """Senior Data Engineer
Acme Corp
Location: Austin, TX
Posted 2024-03-01. Apply by 2024-04-30.
Pay: $25 - $30 per hour. Weekend shifts: $300 per day.
Requirements: 3+ years of experience.
Skills: Python, SQL
Visa sponsorship is available.
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(POSTING)
    (folder / "b.txt").write_text("")  # an error line
    return folder


def _run(tmp_path: Path, name: str, *flags: str) -> Path:
    out = tmp_path / name
    main([str(_folder(tmp_path)), "-o", str(out), *RULES, "--reference-date", "2024-03-10",
          *flags])
    return out


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


# --- the -o extension picks the format ---------------------------------------------------

@pytest.mark.parametrize(("output", "fmt"), [
    ("out.csv", "csv"), ("OUT.CSV", "csv"), ("out.parquet", "parquet"), ("out.jsonl", "jsonl"),
    ("out.json", "jsonl"), ("out.txt", "jsonl"), ("out", "jsonl"), (None, "jsonl"),
])
def test_the_output_extension_names_the_format(output, fmt):
    assert format_for(output) == fmt
    assert BatchOptions(output=output).output_format == fmt


def test_an_explicit_format_wins_over_the_extension():
    assert BatchOptions(output="out.csv", format="jsonl").output_format == "jsonl"


def test_dash_o_out_csv_writes_csv_without_a_format_flag(tmp_path):
    rows = _csv_rows(_run(tmp_path, "out.csv"))
    assert [row["source"] for row in rows] == ["a.txt", "b.txt"]
    assert rows[0]["title"] == "Senior Data Engineer" and rows[1]["error_type"] == "empty_input"


def test_dash_o_out_parquet_writes_parquet_without_a_format_flag(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    assert pq.read_table(_run(tmp_path, "out.parquet")).num_rows == 2


def test_dash_o_with_another_extension_writes_jsonl(tmp_path):
    lines = read_lines(_run(tmp_path, "out.txt"))
    assert [line["source"] for line in lines] == ["a.txt", "b.txt"]


def test_format_jsonl_into_a_csv_named_file_writes_jsonl(tmp_path):
    lines = read_lines(_run(tmp_path, "out.csv", "--format", "jsonl"))
    assert lines[0]["record"]["title"] == "Senior Data Engineer"


def test_the_python_batch_api_follows_the_same_extension_rule(tmp_path):
    out = tmp_path / "out.csv"
    options = BatchOptions(output=str(out), progress=False)
    BatchRun([str(_folder(tmp_path))], resolve_settings(strategy="rules"), options).run()
    assert out.read_text(encoding="utf-8").startswith("source,title,")


def test_format_parquet_without_an_output_file_is_refused():
    with pytest.raises(ConfigError, match="--format parquet needs -o FILE"):
        BatchOptions(format="parquet").check(resolve_settings(strategy="rules"))


# --- CSV columns -----------------------------------------------------------------------

def test_csv_has_place_parts_and_every_pay_range_with_its_annual_figures(tmp_path):
    row = _csv_rows(_run(tmp_path, "out.csv"))[0]
    assert row["locations"] == "Austin, TX"
    assert (row["location_city"], row["location_region"], row["location_country"]) == (
        "Austin", "TX", "US")
    assert (row["salary_1_min"], row["salary_1_max"], row["salary_1_period"]) == (
        "25.0", "30.0", "hour")
    assert (row["salary_1_annual_min"], row["salary_1_annual_max"]) == ("52000.0", "62400.0")
    assert (row["salary_2_min"], row["salary_2_period"], row["salary_2_annual_min"]) == (
        "300.0", "day", "78000.0")
    assert row["salary_3_min"] == "" and row["date_posted"] == "2024-03-01"


def test_csv_annual_figures_follow_the_pay_year_flag(tmp_path):
    row = _csv_rows(_run(tmp_path, "out.csv", "--pay-year", "hours=2000,days=250"))[0]
    assert (row["salary_1_annual_min"], row["salary_2_annual_min"]) == ("50000.0", "75000.0")
