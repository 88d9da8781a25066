"""Typed tables: the format the -o extension names, the CSV columns, the typed Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from extractor.batch.parquet import arrow_type, jsonl_to_parquet, schema
from extractor.batch.run import BatchOptions, BatchRun
from extractor.batch.write import CSV_COLUMNS, format_for
from extractor.cli import EXIT_OK, EXIT_SOME_FAILED, main
from extractor.errors import ConfigError
from extractor.settings import resolve_settings
from support.postings import make_postings, read_lines

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


# --- Parquet types ---------------------------------------------------------------------

def _parquet(tmp_path: Path) -> object:
    pq = pytest.importorskip("pyarrow.parquet")
    return pq.read_table(_run(tmp_path, "out.parquet"))


def test_parquet_has_numeric_date_bool_and_list_columns(tmp_path):
    pa = pytest.importorskip("pyarrow")
    table = _parquet(tmp_path)
    types = {field.name: field.type for field in table.schema}
    assert pa.types.is_floating(types["salary_min"]) and pa.types.is_floating(
        types["salary_annual_min"]) and pa.types.is_floating(types["experience_years_min"])
    assert pa.types.is_date32(types["date_posted"]) and pa.types.is_date32(types["valid_through"])
    assert pa.types.is_boolean(types["visa_sponsorship"]) and pa.types.is_boolean(types["cached"])
    assert pa.types.is_integer(types["prompt_tokens"])
    assert pa.types.is_list(types["skills"]) and pa.types.is_string(types["skills"].value_type)
    assert pa.types.is_string(types["location_city"]) and pa.types.is_string(types["line"])


def test_parquet_pay_ranges_and_places_are_lists_of_structs(tmp_path):
    pa = pytest.importorskip("pyarrow")
    table = _parquet(tmp_path)
    salary, places = table.schema.field("salary").type, table.schema.field("locations").type
    assert pa.types.is_list(salary) and pa.types.is_struct(salary.value_type)
    parts = {salary.value_type.field(i).name: salary.value_type.field(i).type
             for i in range(salary.value_type.num_fields)}
    assert pa.types.is_floating(parts["annual_min"]) and pa.types.is_string(parts["period"])
    assert pa.types.is_struct(places.value_type)
    assert places.value_type.field("city").type == pa.string()


def test_parquet_values_read_back_typed(tmp_path):
    rows = _parquet(tmp_path).to_pylist()
    first = rows[0]
    assert first["salary_min"] == 25.0 and first["salary_annual_min"] == 52_000.0
    assert [s["annual_min"] for s in first["salary"]] == [52_000.0, 78_000.0]
    assert first["date_posted"] == dt.date(2024, 3, 1) and first["visa_sponsorship"] is True
    assert first["skills"] == ["Python", "SQL"] and first["location_city"] == "Austin"
    assert first["locations"][0]["region"] == "TX" and first["cached"] is False
    assert json.loads(first["line"])["source"] == "a.txt"
    assert rows[1]["error_type"] == "empty_input" and rows[1]["salary"] is None


def test_parquet_median_annual_pay_by_city_is_one_line_of_pandas(tmp_path):
    pytest.importorskip("pandas")
    frame = _parquet(tmp_path).to_pandas()
    assert frame.groupby("location_city").salary_annual_min.median().to_dict() == {
        "Austin": 52_000.0}


def test_parquet_of_only_failed_inputs_keeps_the_record_types(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    out = tmp_path / "out.parquet"
    assert main([str(tmp_path / "in"), "-o", str(out), *RULES]) == EXIT_SOME_FAILED
    table = pq.read_table(out)
    assert table.num_rows == 1 and table.schema == schema()
    assert pa.types.is_floating(table.schema.field("salary_annual_max").type)


def test_parquet_reads_an_older_line_without_annual_figures(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    line = {"source": "old.txt", "error": None, "cached": True,
            "record": {"title": "Baker", "date_posted": "2023-01-31",
                       "salary": [{"min": 1.0, "max": 2.0, "period": "hour", "raw": "$1-2"}]}}
    sidecar, out = tmp_path / "out.parquet.jsonl", tmp_path / "out.parquet"
    sidecar.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert jsonl_to_parquet(sidecar, out) == 1
    [row] = pq.read_table(out).to_pylist()
    assert row["salary_min"] == 1.0 and row["salary_annual_min"] is None
    assert row["date_posted"] == dt.date(2023, 1, 31) and row["skills"] is None


def test_parquet_resumes_and_still_types_every_row(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    make_postings(tmp_path / "in", 4)
    out = tmp_path / "out.parquet"
    args = [str(tmp_path / "in"), "-o", str(out), *RULES, "--resume"]
    assert main([*args, "--limit", "2"]) == EXIT_OK
    assert main(args) == EXIT_OK
    table = pq.read_table(out)
    assert table.column("salary_annual_min").to_pylist() == [120_000.0] * 4


def test_a_record_type_with_no_arrow_type_is_an_error_naming_the_module():
    pytest.importorskip("pyarrow")
    with pytest.raises(TypeError, match="add one to extractor.batch.parquet"):
        arrow_type(complex)


# --- the columns are documented --------------------------------------------------------

OUTPUT_DOC = (Path(__file__).resolve().parents[1] / "docs" / "output.md").read_text("utf-8")


def test_every_csv_column_is_in_docs_output_md():
    documented = {column.replace("salary_1_", "salary_N_") for column in CSV_COLUMNS
                  if not column.startswith(("salary_2_", "salary_3_"))}
    missing = [c for c in sorted(documented) if f"`{c}`" not in OUTPUT_DOC]
    assert not missing, f"add to docs/output.md: {missing}"


def test_every_parquet_column_is_in_docs_output_md():
    pytest.importorskip("pyarrow")
    missing = [f.name for f in schema() if f"`{f.name}`" not in OUTPUT_DOC]
    assert not missing, f"add to docs/output.md: {missing}"


def test_parquet_output_without_pyarrow_is_refused_before_any_input_runs(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    options = BatchOptions(output=str(tmp_path / "out.parquet"))
    with pytest.raises(ConfigError, match=r"-o FILE.parquet .* pip install 'extractor\[parquet\]'"):
        BatchRun([str(_folder(tmp_path))], resolve_settings(strategy="rules"), options)
    assert not (tmp_path / "out.parquet.jsonl").exists()
