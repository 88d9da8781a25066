"""One bad field does not cost the record: a value that fails validation is dropped with
its evidence and a warning, and the rest of the record stands."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from extractor import extract
from extractor.assemble import valid_record
from extractor.errors import InvalidOutputError
from extractor.merge import Merged


def page(**jsonld: object) -> str:
    data = {"@context": "https://schema.org", "@type": "JobPosting", "title": "Data Engineer",
            "hiringOrganization": {"name": "Acme GmbH"}, **jsonld}
    return f"""<html><head><script type="application/ld+json">{json.dumps(data)}</script>
</head><body><h1>Data Engineer</h1><p>Acme GmbH sucht einen Data Engineer in Berlin.</p>
<p>Salary: 60,000 - 70,000 EUR per year</p></body></html>"""


def rules(text: str):
    return extract(text, strategy="rules", use_cache=False)


def test_german_page_employment_type_is_read_with_the_parsers_words():
    result = rules(page(employmentType="Vollzeit, unbefristet"))
    assert result.ok, result.error
    assert result.record.employment_types == ["full_time"]
    assert result.record.title == "Data Engineer" and result.record.company == "Acme"


def test_an_unknown_page_employment_type_is_dropped_with_a_warning_and_the_record_stands():
    result = rules(page(employmentType="Sabbatical"))
    assert result.ok, result.error
    assert result.record.employment_types == []
    assert "employment_types" not in result.evidence
    assert any(w.startswith("employment_types: dropped 'Sabbatical': not one of "
                            "'full_time'") for w in result.warnings)
    assert result.record.title == "Data Engineer"
    assert result.record.salary[0].min == 60000


def test_only_the_failing_items_of_a_list_are_dropped():
    result = rules(page(employmentType=["FULL_TIME", "Sabbatical", "PART_TIME"]))
    assert result.ok, result.error
    assert result.record.employment_types == ["full_time", "part_time"]
    assert result.evidence["employment_types"] == [
        {"start": None, "end": None, "text": "employmentType"}]
    dropped = [w for w in result.warnings if "dropped" in w]
    assert len(dropped) == 1 and "'Sabbatical'" in dropped[0]


def test_dates_out_of_order_in_page_data_drop_both_dates_not_the_record():
    result = rules(page(employmentType="FULL_TIME", datePosted="2024-05-01",
                        validThrough="2024-01-01"))
    assert result.ok, result.error
    assert (result.record.date_posted, result.record.valid_through) == (None, None)
    assert "date_posted: dropped 2024-05-01: valid_through is before date_posted" in result.warnings
    assert result.record.employment_types == ["full_time"]


def test_a_dropped_list_item_takes_its_own_span_with_it():
    merged = Merged()
    spans = [{"start": 0, "end": 9, "text": "Full-time"}, {"start": 20, "end": 24, "text": "Gig!"}]
    merged.put("employment_types", ["Full-time", "gig"], "rules", spans)
    merged.put("experience_years_min", 70, "rules", [{"start": 30, "end": 38, "text": "70 years"}])
    merged.put("title", "Analyst", "rules", [{"start": 40, "end": 47, "text": "Analyst"}])
    record, warnings = valid_record(merged)
    assert record.employment_types == ["full_time"] and record.title == "Analyst"
    assert record.experience_years_min is None
    assert merged.evidence["employment_types"] == spans[:1]
    assert "experience_years_min" not in merged.evidence
    assert "experience_years_min" not in merged.sources
    assert warnings == [
        "employment_types: dropped 'gig': not one of 'full_time', 'part_time', 'contract', "
        "'temporary', 'internship', 'volunteer', 'per_diem' or 'other'",
        "experience_years_min: dropped 70: Input should be less than or equal to 60",
    ]


def test_a_bad_salary_range_is_dropped_and_the_good_one_kept():
    merged = Merged()
    good = {"min": 50000, "max": 60000, "currency": "USD", "period": "year", "raw": "$50-60k"}
    bad = {"min": 90000, "max": 10, "currency": "USD", "period": "year", "raw": "odd"}
    merged.put("salary", [bad, good], "model", [])
    merged.put("date_posted", dt.date(2024, 1, 2), "page", [])
    record, warnings = valid_record(merged)
    assert [s.min for s in record.salary] == [50000]
    assert record.date_posted == dt.date(2024, 1, 2)
    assert len(warnings) == 1 and warnings[0].startswith("salary: dropped {'min': 90000")
    assert "salary min 90000.0 is above max 10.0" in warnings[0]


def test_a_record_that_fails_with_no_value_to_blame_is_still_invalid(monkeypatch):
    from pydantic import ValidationError

    from extractor import assemble

    def fails_always(values):
        raise ValidationError.from_exception_data("JobPosting", [
            {"type": "value_error", "loc": (), "input": values,
             "ctx": {"error": ValueError("nothing to blame")}}])

    monkeypatch.setattr(assemble.JobPosting, "model_validate", fails_always)
    merged = Merged()
    merged.put("title", "Analyst", "rules", [])
    with pytest.raises(InvalidOutputError, match="failed validation"):
        valid_record(merged)
