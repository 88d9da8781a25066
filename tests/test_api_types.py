"""The public API as typed code uses it. mypy checks this file ([tool.mypy] files in
pyproject.toml): an ``assert_type`` that no longer holds (``Result.record`` typed Any
again, ``error`` a dict) fails ``mypy``; pytest runs the same code for real."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import assert_type

from extractor import (
    ErrorInfo,
    JobPosting,
    Location,
    Result,
    SalaryRange,
    Settings,
    extract,
    extract_batch,
    extract_files,
    resolve_settings,
)

POSTING = "Junior Analyst\nAcme Corp\nBerlin, Germany\nSalary: €50,000 a year\nPosted 2 days ago\n"


def _rules() -> Settings:
    return resolve_settings(env={}, strategy="rules", use_cache=False,
                            reference_date="2024-01-10")


def test_a_result_is_typed_down_to_each_field() -> None:
    result = extract(POSTING, _rules())
    assert_type(result, Result)
    assert_type(result.record, JobPosting | None)
    assert_type(result.error, ErrorInfo | None)
    assert result.record is not None
    record = result.record
    assert_type(record.title, str | None)
    assert_type(record.locations, list[Location])
    assert_type(record.salary, list[SalaryRange])
    assert_type(record.date_posted, dt.date | None)
    assert_type(record.experience_years_min, float | None)
    title: str | None = record.title
    first_pay: float | None = record.salary[0].min if record.salary else None
    assert (title, first_pay, record.date_posted) == ("Junior Analyst", 50000.0,
                                                      dt.date(2024, 1, 8))


def test_a_failure_is_typed_as_an_error_with_type_and_message() -> None:
    result = extract(b"", _rules())
    kind: str | None = result.error.type if result.error is not None else None
    message: str | None = result.error.message if result.error else None
    assert kind == "empty_input" and message
    assert result.record is None


def test_every_input_kind_and_helper_type_checks(tmp_path: Path) -> None:
    path = tmp_path / "posting.txt"
    path.write_text(POSTING, encoding="utf-8")
    row = {"title": "Staff Nurse", "description": "We hire a staff nurse."}
    batch = extract_batch([POSTING, POSTING.encode(), path, row], _rules(),
                          sources=["a", None])
    assert_type(batch, Iterator[Result])
    files = extract_files([tmp_path, str(path)], _rules(), text_field=None)
    assert_type(files, Iterator[Result])
    titles: list[str | None] = [r.record.title if r.record else None for r in batch]
    assert titles == ["Junior Analyst", "Junior Analyst", "Junior Analyst", "Staff Nurse"]
    assert [r.source for r in files] == [str(path), str(path)]  # named as the command does
    assert_type(extract(row, _rules(), source="row-1", timeout=5), Result)
