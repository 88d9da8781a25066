"""Seniority the posting states outside its title: a label over a blank line, a level said
of the job in prose, an internship the employment parser reads. Invented texts."""

from __future__ import annotations

from extractor import extract
from extractor.parse.employment import parse_employment_types
from extractor.parse.seniority import parse_seniority


def levels(text: str, title: str | None = None) -> list[str]:
    return [f.value for f in parse_seniority(title, text, parse_employment_types(text))]


def test_a_level_label_with_its_value_after_a_blank_line_is_read():
    text = "Answer customer calls.\n\nExperience Level\n\nEntry Level\n\nAbout Us\n"
    assert levels(text) == ["entry"]


def test_an_entry_level_position_stated_in_prose_is_entry():
    text = "Graduates join the bakery as a Shift Assistant in an entry level position."
    assert levels(text) == ["entry"]
    assert levels("Our shop is now offering entry-level retail and stock positions.") == ["entry"]


def test_a_negated_level_statement_gives_nothing():
    assert levels("Please note this is not an entry level position.") == []


def test_an_entry_level_statement_against_years_asked_gives_nothing():
    text = "This is an entry level role. You need 5 years of experience in retail."
    assert levels(text) == []


def test_an_internship_the_job_is_gives_the_internship_level_when_nothing_else_does():
    text = "Our press team is looking to add a helper this summer. This internship runs 10 weeks."
    assert levels(text) == ["internship"]


def test_a_title_level_beats_an_internship_read_from_the_text():
    text = "Senior Editor\nThis internship is not for you; we mentor interns."
    assert levels(text, "Senior Editor") == ["senior"]


def test_a_past_internship_asked_for_gives_no_level():
    assert levels("Previous internship experience in sales is preferred.") == []


def test_the_rules_pipeline_gives_an_internship_its_level_from_the_employment_read():
    text = ("Our press team is looking to add a helper to our growing team this summer. "
            "This internship runs 10 weeks and pays a stipend.")
    result = extract(text, strategy="rules", use_cache=False)
    assert result.ok, result.error
    assert result.record.employment_types == ["internship"]
    assert result.record.seniority == "internship"
