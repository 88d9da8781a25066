"""``Result``: its typed error, and an output line that stays byte for byte the line
RECORD.md describes (the lines below were written by the code before ``ErrorInfo``)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from extractor.backends import Usage
from extractor.batch.write import line_format
from extractor.errors import InvalidOutputError
from extractor.record import JobPosting, Location, SalaryRange
from extractor.result import ErrorInfo, Result

META = {"backend": "rules", "model": None, "strategy": "rules", "prompt": None,
        "schema": "0123456789abcdef", "code": "fedcba9876543210"}

SUCCESS_LINE = (
    '{"source": "postings/a.txt", "record": {"title": "Junior Analyst"'
    ', "company": "Acme Corp", "locations": [{"raw": "Yerevan, Armenia", "city": "Yerevan"'
    ', "region": null, "country": "AM"}], "workplace_type": null, "remote_regions": []'
    ', "employment_types": ["full_time"], "seniority": null, "salary": [{"min": 50000.0'
    ', "max": 50000.0, "currency": "USD", "period": "year", "raw": "$50,000 a year"'
    ', "annual_min": null, "annual_max": null}]'
    ', "date_posted": "2024-01-08", "valid_through": null, "experience_years_min": null'
    ', "education_level": null, "skills": ["SQL", "Excel"], "responsibilities": []'
    ', "requirements": [], "preferred_qualifications": [], "benefits": []'
    ', "visa_sponsorship": null, "apply_url": null, "language": "en"}, "error": null'
    ', "evidence": {"title": [{"start": 0, "end": 14, "text": "Junior Analyst"}]}'
    ', "warnings": ["salary: kept one of two ranges"], "backend": "rules", "model": null'
    ', "strategy": "rules", "prompt": null, "schema": "0123456789abcdef"'
    ', "code": "fedcba9876543210", "cached": false, "latency_s": 0.1235'
    ', "usage": {"prompt_tokens": 12, "completion_tokens": 3}}'
)
FAILURE_LINE = (
    '{"source": "postings/b.pdf", "record": null, "error": {"type": "binary_input"'
    ', "message": "the input looks binary (not text)"}, "evidence": {}, "warnings": []'
    ', "backend": "rules", "model": null, "strategy": "rules", "prompt": null'
    ', "schema": "0123456789abcdef", "code": "fedcba9876543210", "cached": false'
    ', "latency_s": 0.0, "usage": {"prompt_tokens": 0, "completion_tokens": 0}}'
)


def _record() -> JobPosting:
    return JobPosting(
        title="Junior Analyst", company="Acme Corp",
        locations=[Location(raw="Yerevan, Armenia", city="Yerevan", country="AM")],
        employment_types=["full_time"],
        salary=[SalaryRange(min=50000, max=50000, currency="USD", period="year",
                            raw="$50,000 a year")],
        date_posted=dt.date(2024, 1, 8), skills=["SQL", "Excel"], language="en")


def _jsonl(result: Result) -> str:
    return line_format("jsonl").render(result.to_line())


def test_a_success_line_is_byte_for_byte_the_line_before_typed_errors():
    result = Result("postings/a.txt", record=_record(),
                    evidence={"title": [{"start": 0, "end": 14, "text": "Junior Analyst"}]},
                    warnings=["salary: kept one of two ranges"], meta=META,
                    usage=Usage(prompt_tokens=12, completion_tokens=3), latency_s=0.123456)
    assert _jsonl(result) == SUCCESS_LINE + "\n"


def test_a_failure_line_is_byte_for_byte_the_line_before_typed_errors():
    error = ErrorInfo("binary_input", "the input looks binary (not text)")
    result = Result("postings/b.pdf", error=error, meta=META)
    assert _jsonl(result) == FAILURE_LINE + "\n"


def test_the_error_is_a_frozen_value_with_type_and_message():
    error = ErrorInfo.of(InvalidOutputError("the answer did not validate"))
    assert (error.type, error.message) == ("invalid_output", "the answer did not validate")
    assert error.to_dict() == {"type": "invalid_output", "message": "the answer did not validate"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        error.type = "other"  # type: ignore[misc]
    assert not Result("x", error=error).ok and Result("x", record=_record()).ok
