"""Grounding a model's values: each field's check, the enum fields asking their parser."""

from __future__ import annotations

import pytest

from extractor.ground import CHECKS, ground
from extractor.merge import Merged
from extractor.record import JobPosting


def _grounded(name: str, value: object, text: str) -> object:
    merged = Merged()
    merged.put(name, value, "model", [])
    ground(merged, text, "drop")
    return merged.values.get(name)


def test_ground_raises_on_a_field_it_has_no_check_for():
    merged = Merged()
    merged.put("salary_band", "L5", "model", [])
    with pytest.raises(LookupError, match="no check for field 'salary_band'"):
        ground(merged, "Band: L5", "drop")


def test_every_record_field_has_a_ground_check():
    assert set(CHECKS) == set(JobPosting.model_fields)


def test_values_from_page_data_and_rules_are_not_checked():
    merged = Merged()
    merged.put("employment_types", ["full_time"], "rules", [])
    merged.put("seniority", "senior", "page", [])
    assert ground(merged, "no words for either", "drop") == []
    assert merged.values == {"employment_types": ["full_time"], "seniority": "senior"}


@pytest.mark.parametrize(("name", "value", "text"), [
    ("employment_types", ["full_time"], "Wir suchen Verstärkung in Vollzeit für Berlin."),
    ("employment_types", ["part_time"], "Die Stelle ist auch in Teilzeit möglich."),
    ("employment_types", ["other"], "Employment type: Other\nLocation: Berlin"),
    ("workplace_type", "remote", "This is a fully remote position."),
    ("workplace_type", "hybrid", "Senior Risk Analyst\nToronto, ON | Hybrid | Permanent"),
    ("visa_sponsorship", True, "Acme sponsors H-1B visas for this role."),
    ("seniority", "senior", "Senior Data Engineer"),
    ("education_level", "master", "A Master's degree in statistics is required."),
    ("visa_sponsorship", False, "We are unable to sponsor work visas."),
    ("experience_years_min", 5, "5+ years of Python"),
    ("salary", [{"min": 120000, "max": 150000, "currency": "USD"}], "$120k-$150k a year"),
])
def test_a_model_value_the_text_states_in_the_parsers_words_is_kept(name, value, text):
    assert _grounded(name, value, text) == value


@pytest.mark.parametrize(("name", "value", "text"), [
    ("employment_types", ["other"], "A full description of the role follows."),
    ("employment_types", ["internship"], "You will build internal tools."),
    ("employment_types", ["contract"], "You will review supplier contracts."),
    ("employment_types", ["internship"], "We are an early stage startup."),
    ("workplace_type", "remote", "This role is not remote."),
    ("workplace_type", "remote", "Experience with remote sensing data."),
    ("seniority", "entry", "Data entry and filing."),
    ("seniority", "senior", "Our staff accountant team."),
    ("education_level", "master", "Certified Scrum Master a plus."),
    ("education_level", "bachelor", "A degree is not required."),
    ("visa_sponsorship", True, "Will you now or in the future require visa sponsorship?"),
])
def test_a_model_value_the_parser_does_not_read_in_the_text_is_dropped(name, value, text):
    assert _grounded(name, value, text) is None


def test_a_models_apply_url_is_kept_only_when_the_text_writes_it_whole():
    text = "Apply at https://jobs.acme.example/engineering/backend/senior-platform-engineer-4821"
    url = text.removeprefix("Apply at ")
    assert _grounded("apply_url", url, text) == url
    assert _grounded("apply_url", url[:-4] + "9999", text) is None
