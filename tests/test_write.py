"""Output writing (extractor.batch.write): line formats, resume scans, the output file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.batch.write import (
    CSV_COLUMNS,
    CsvFormat,
    JsonlFormat,
    Output,
    OutputLock,
    check_writable,
    flatten,
    looks_like_output,
    scan_output,
)
from extractor.errors import ConfigError

PAY = "salary_{n}_min,salary_{n}_max,salary_{n}_currency,salary_{n}_period,salary_{n}_raw," \
    "salary_{n}_annual_min,salary_{n}_annual_max,"
CSV_HEADER = (
    "source,title,company,locations,location_city,location_region,location_country,"
    "workplace_type,remote_regions,employment_types,seniority,"
    + "".join(PAY.format(n=n) for n in (1, 2, 3)) + "salary_more_raw,"
    "date_posted,valid_through,"
    "experience_years_min,education_level,skills,visa_sponsorship,apply_url,language,"
    "error_type,error_message,cached,prompt_tokens,completion_tokens\n"
)


def _line(record=None, **extra):
    return {"source": "a/b.txt", "record": record, "error": None, **extra}


def test_csv_header_keeps_its_columns_and_order():
    assert CsvFormat.header == CSV_HEADER
    assert ",".join(CSV_COLUMNS) + "\n" == CSV_HEADER


def test_csv_row_has_every_pay_range_numbered_and_joins_lists():
    record = {"title": "Baker", "skills": ["bread", "cakes"], "visa_sponsorship": True,
              "salary": [{"min": 30000, "max": 35000, "currency": "EUR", "period": "year",
                          "raw": "30-35k EUR", "annual_min": 30000, "annual_max": 35000},
                         {"min": 15, "max": 16, "period": "hour", "raw": "15-16/h",
                          "annual_min": 31200, "annual_max": 33280}],
              "responsibilities": ["bake"]}
    row = dict(zip(CSV_COLUMNS, flatten(_line(record, cached=True)), strict=True))
    assert row["title"] == "Baker" and row["skills"] == "bread; cakes"
    assert (row["salary_1_min"], row["salary_1_max"], row["salary_1_currency"]) == (
        "30000", "35000", "EUR")
    assert row["salary_1_raw"] == "30-35k EUR" and row["salary_1_annual_max"] == "35000"
    assert (row["salary_2_min"], row["salary_2_period"], row["salary_2_annual_min"]) == (
        "15", "hour", "31200")
    assert row["salary_3_min"] == row["salary_more_raw"] == ""
    assert row["visa_sponsorship"] == "true" and row["cached"] == "true"
    assert "bake" not in row.values()  # long lists stay out of the CSV


def test_csv_row_has_the_first_place_parts_and_every_place_joined():
    record = {"locations": [{"raw": "Lyon, France", "city": "Lyon", "country": "FR"},
                            {"raw": "Austin, TX", "city": "Austin", "region": "TX",
                             "country": "US"}]}
    row = dict(zip(CSV_COLUMNS, flatten(_line(record)), strict=True))
    assert row["locations"] == "Lyon, France | Austin, TX"
    assert (row["location_city"], row["location_region"], row["location_country"]) == (
        "Lyon", "", "FR")


def test_pay_ranges_past_the_third_go_to_one_joined_raw_column():
    pay = [{"min": n, "max": n, "raw": f"${n}"} for n in range(1, 6)]
    row = dict(zip(CSV_COLUMNS, flatten(_line({"salary": pay})), strict=True))
    assert row["salary_3_raw"] == "$3" and row["salary_more_raw"] == "$4 | $5"


def test_csv_row_of_a_failed_input_has_empty_record_cells_and_the_error():
    line = {"source": "x.txt", "record": None,
            "error": {"type": "model_error", "message": "retry later"}}
    row = dict(zip(CSV_COLUMNS, flatten(line), strict=True))
    assert row["error_type"] == "model_error" and row["error_message"] == "retry later"
    assert row["title"] == row["salary_1_min"] == row["location_city"] == ""


def test_a_jsonl_line_reads_back_as_its_source_and_whether_it_failed():
    fmt = JsonlFormat()
    ok = fmt.render(_line({"title": "Baker"}))
    failed = fmt.render({"source": "c.txt", "record": None, "error": {"type": "x"}})
    assert fmt.parse(ok) == ("a/b.txt", False) and fmt.parse(failed) == ("c.txt", True)
    assert fmt.parse("not json\n") is None and fmt.parse('{"record": null}\n') is None


def test_a_csv_line_is_one_physical_line_even_with_newlines_in_a_value():
    fmt = CsvFormat()
    text = fmt.render(_line({"title": "Baker\nLyon"}, source="odd\nname.txt"))
    assert text.count("\n") == 1
    assert fmt.parse(text) == (fmt.key("odd\nname.txt"), False)


def _output_file(tmp_path: Path, *lines: dict, tail: str = "") -> Path:
    path = tmp_path / "out.jsonl"
    path.write_text("".join(JsonlFormat().render(x) for x in lines) + tail, encoding="utf-8")
    return path


def test_a_scan_cuts_a_torn_last_line_and_counts_the_failed_lines(tmp_path: Path):
    path = _output_file(tmp_path, _line(source="a"), {"source": "b", "error": {"type": "x"}},
                        tail='{"source": "c", "rec')
    scan = scan_output(path, JsonlFormat())
    assert dict(scan.done) == {"a": 1, "b": 1} and scan.failed == 1
    assert path.read_text(encoding="utf-8").endswith('"error": {"type": "x"}}\n')


def test_a_file_that_is_not_an_output_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "notes.jsonl"
    path.write_text("my notes\nmore notes\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="choose another output file or pass --overwrite"):
        scan_output(path, JsonlFormat())
    assert path.read_text(encoding="utf-8") == "my notes\nmore notes\n"


def test_resume_skips_each_input_written_before_once(tmp_path: Path):
    path = _output_file(tmp_path, _line(source="a"), _line(source="b"))
    output = Output(str(path))
    try:
        assert output.resumed == 2
        assert output.already_done("a") and not output.already_done("a")
        assert not output.already_done("c")
    finally:
        output.close()


def test_resume_drops_a_later_copy_of_a_source(tmp_path: Path):
    path = _output_file(tmp_path, _line(source="a"), _line(source="b"), _line(source="a"))
    Output(str(path)).close()
    sources = [json.loads(x)["source"] for x in path.read_text(encoding="utf-8").splitlines()]
    assert sources == ["a", "b"]


def test_an_error_line_goes_to_the_errors_file_as_well(tmp_path: Path):
    out, errors = tmp_path / "out.csv", tmp_path / "errors.jsonl"
    output = Output(str(out), "csv", errors=str(errors))
    output.write(_line({"title": "Baker"}, source="ok.txt"))
    output.write({"source": "bad.txt", "record": None, "error": {"type": "input_error"}})
    output.close()
    assert out.read_text(encoding="utf-8").startswith(CSV_HEADER)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert [json.loads(x)["source"] for x in errors.read_text().splitlines()] == ["bad.txt"]


def test_a_second_run_on_the_same_output_is_refused(tmp_path: Path):
    path = tmp_path / "out.jsonl"
    with OutputLock(path), pytest.raises(ConfigError, match="being written by another"):
        OutputLock(path).__enter__()


def test_two_runs_sharing_one_errors_file_are_refused_naming_the_flag(tmp_path: Path):
    errors = tmp_path / "errors.jsonl"
    first = Output(str(tmp_path / "a.jsonl"), errors=str(errors))
    with pytest.raises(ConfigError, match="another --errors file"):
        Output(str(tmp_path / "b.jsonl"), errors=str(errors))
    first.close()
    Output(str(tmp_path / "b.jsonl"), errors=str(errors)).close()  # free once it ends


def test_a_resumed_errors_file_stays_locked_after_its_rewrite(tmp_path: Path):
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    first = Output(str(out), errors=str(errors))
    first.write({"source": "bad.txt", "record": None, "error": {"type": "input_error"}})
    first.close()
    resumed = Output(str(out), errors=str(errors))  # keeps bad.txt's line: a rewrite
    with pytest.raises(ConfigError, match="another --errors file"):
        Output(str(tmp_path / "other.jsonl"), errors=str(errors))
    resumed.close()
    assert [json.loads(x)["source"] for x in errors.read_text().splitlines()] == ["bad.txt"]


def test_an_output_in_a_missing_folder_is_refused_naming_the_flag(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"^-o .*: the folder .* does not exist"):
        check_writable("-o", tmp_path / "missing" / "out.jsonl")


def test_only_an_empty_file_or_one_of_our_outputs_looks_like_an_output(tmp_path: Path):
    ours, theirs = _output_file(tmp_path, _line()), tmp_path / "posting.txt"
    theirs.write_text("Senior Baker at Fournil\n", encoding="utf-8")
    assert looks_like_output(ours, "jsonl") and not looks_like_output(theirs, "jsonl")
