"""The one list of the record's fields, and the tables that are built from it."""

from __future__ import annotations

import pytest

from evals.score import ALL_FIELDS, HEADLINE_FIELDS, LIST_FIELDS, SCALAR_FIELDS
from extractor import fields
from extractor.fields import DRAFTED, FIELD_NAMES, FIELDS
from extractor.ground import CHECKS
from extractor.question import Draft
from extractor.record import JobPosting


def test_the_field_list_follows_the_record_in_its_order():
    assert FIELD_NAMES == tuple(JobPosting.model_fields)


def test_a_record_field_missing_from_the_list_is_an_error_that_names_it(monkeypatch):
    specs = {k: v for k, v in fields._SPECS.items() if k != "benefits"}
    monkeypatch.setattr(fields, "_SPECS", specs)
    with pytest.raises(RuntimeError, match=r"\['benefits'\] are not in extractor/fields.py"):
        fields._fields()


def test_a_listed_field_the_record_lacks_is_an_error_that_names_it(monkeypatch):
    specs = {**fields._SPECS, "salary_band": fields._spec("text", "exact")}
    monkeypatch.setattr(fields, "_SPECS", specs)
    with pytest.raises(RuntimeError, match=r"lists \['salary_band'\], which JobPosting lacks"):
        fields._fields()


def test_list_fields_are_the_record_lists():
    lists = {name for name, info in JobPosting.model_fields.items()
             if str(info.annotation).startswith("list")}
    assert {spec.name for spec in FIELDS if spec.many} == lists


def test_the_draft_has_the_drafted_fields_in_record_order():
    assert tuple(Draft.model_fields) == tuple(DRAFTED)
    assert [n for n in FIELD_NAMES if n in DRAFTED] == list(DRAFTED)


def test_every_field_has_a_ground_check():
    assert set(CHECKS) == set(FIELD_NAMES)


def test_the_scorer_scores_every_field_once():
    scored = {"locations" if name.startswith("location_") else name for name in ALL_FIELDS}
    assert scored == set(FIELD_NAMES)
    assert len(ALL_FIELDS) == len(set(ALL_FIELDS)) == len(SCALAR_FIELDS) + len(LIST_FIELDS)


def test_headline_rows_are_distinct_and_scored():
    ranks = [spec.headline for spec in FIELDS if spec.headline]
    assert len(ranks) == len(set(ranks))
    assert set(HEADLINE_FIELDS) <= set(ALL_FIELDS)


def test_the_scorer_keeps_its_report_order():
    # the per-field rows of eval reports: scalars grouped by how they match, then lists
    assert ALL_FIELDS == (
        "title", "company", "workplace_type", "seniority", "education_level",
        "visa_sponsorship", "language", "date_posted", "valid_through", "experience_years_min",
        "apply_url", "location_country", "location_city", "remote_regions", "employment_types",
        "salary", "skills", "responsibilities", "requirements", "preferred_qualifications",
        "benefits",
    )
    assert HEADLINE_FIELDS == (
        "title", "company", "location_country", "location_city", "workplace_type",
        "employment_types", "seniority", "salary", "experience_years_min", "education_level",
        "visa_sponsorship", "date_posted", "language",
    )
