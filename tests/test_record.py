import datetime as dt

import pytest
from pydantic import ValidationError

from extractor.record import JobPosting, Location, SalaryRange


def test_record_normalises_enums_codes_and_lists():
    record = JobPosting.model_validate({
        "title": "  Data   Engineer ",
        "employment_types": ["Full-time", "full_time", "INTERNSHIP"],
        "workplace_type": "On-site",
        "seniority": "Senior",
        "education_level": "PhD",
        "locations": [{"raw": "Yerevan, Armenia", "city": "Yerevan", "country": "Armenia"}],
        "remote_regions": ["United States", "EMEA", "USA"],
        "skills": ["Python", "python", " SQL ", ""],
        "salary": [{"min": 120000, "max": 150000, "currency": "usd", "period": "yearly"}],
        "date_posted": "2024-08-08",
        "language": "EN",
    })
    assert record.title == "Data Engineer"
    assert record.employment_types == ["full_time", "internship"]
    assert record.workplace_type == "onsite"
    assert record.seniority == "senior"
    assert record.education_level == "doctorate"
    assert record.locations[0].country == "AM"
    assert record.remote_regions == ["US", "EMEA"]
    assert record.skills == ["Python", "SQL"]
    assert record.salary[0].currency == "USD" and record.salary[0].period == "year"
    assert record.date_posted == dt.date(2024, 8, 8)
    assert record.language == "en"


@pytest.mark.parametrize("salary", [
    {"min": 150000, "max": 120000, "currency": "USD"},
    {"min": -5, "max": 10, "currency": "USD"},
    {"min": None, "max": None, "currency": "USD"},
    {"min": 10, "max": 20, "currency": "DOLLARZ"},
    {"min": 10, "max": 20, "period": "fortnight"},
])
def test_impossible_salaries_are_rejected(salary):
    with pytest.raises(ValidationError):
        SalaryRange.model_validate(salary)


@pytest.mark.parametrize("fields", [
    {"experience_years_min": 70},
    {"experience_years_min": -1},
    {"employment_types": ["gig"]},
    {"workplace_type": "moon"},
    {"language": "english"},
    {"date_posted": "2024-13-45"},
    {"date_posted": "2024-05-02", "valid_through": "2024-04-01"},
    {"surprise": 1},
])
def test_impossible_record_values_are_rejected(fields):
    with pytest.raises(ValidationError):
        JobPosting.model_validate(fields)


def test_unknown_country_is_rejected_and_blank_is_null():
    with pytest.raises(ValidationError):
        Location(raw="x", country="Atlantis")
    assert Location(raw="x", country="").country is None


def test_single_figure_salary_is_allowed():
    assert SalaryRange(min=45000, max=45000, currency="RUB", period="month").max == 45000


@pytest.mark.parametrize(("spelling", "value"), [
    ("In-person", "onsite"), ("in office", "onsite"), ("Virtual", "remote"),
    ("telework", "remote"), ("Remotely", "remote"), ("Hybrid", "hybrid"),
])
def test_record_reads_every_workplace_word_the_parser_reads(spelling, value):
    """One vocabulary: a mode word the workplace parser maps is a spelling the record takes."""
    assert JobPosting(workplace_type=spelling).workplace_type == value


MODELS = (JobPosting, Location, SalaryRange)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_record_field_and_model_is_described(model):
    assert model.__doc__ and model.__doc__.strip()
    undescribed = [name for name, info in model.model_fields.items()
                   if not (info.description and info.description.strip())]
    assert undescribed == []


def test_the_descriptions_reach_the_record_schema():
    schema = JobPosting.model_json_schema()
    assert schema["properties"]["company"]["description"] == "the hiring organisation's name"
    assert schema["description"].startswith("One job posting's record")
    assert "ISO 4217" in schema["$defs"]["SalaryRange"]["properties"]["currency"]["description"]


def test_the_descriptions_do_not_reach_the_model_questions():
    """The draft and full schemas are fields.py's own (the adapter and cache key depend on
    them): a record description showing up there would change the prompt unmeasured."""
    import json

    from extractor.question import Draft, ModelDraft

    asked = json.dumps([Draft.model_json_schema(), ModelDraft.model_json_schema()])
    described = [info.description for model in MODELS for info in model.model_fields.values()]
    assert [text for text in described if text and text in asked] == []
