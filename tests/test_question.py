"""Model questions: the guided choice, the full draft, their bounded schemas and hash."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from extractor.candidates import Candidate
from extractor.question import (
    GUIDED_TEXT_CHARS,
    NONE_OPTION,
    Draft,
    choice_model,
    full_request,
    guided_request,
    schema_hash,
)

TITLES = [Candidate("Senior Baker", "line", 0, 12), Candidate("Baker", "line", 20, 25)]
COMPANIES = [Candidate("Fournil", "pattern", 30, 37), Candidate("Lyon", "pattern", 40, 44)]


def test_the_choice_accepts_only_the_offered_options_and_none_of_these():
    model = choice_model(TITLES, COMPANIES)
    assert model(title="Baker", company=NONE_OPTION).model_dump() == {
        "title": "Baker", "company": NONE_OPTION}
    with pytest.raises(ValidationError):
        model(title="Pastry Chef", company="Fournil")


def test_the_choice_asks_only_about_fields_that_have_candidates():
    assert set(choice_model(TITLES, []).model_fields) == {"title"}


def test_no_guided_question_when_there_is_nothing_to_choose():
    assert guided_request("Senior Baker at Fournil", [], [], 64) is None


def test_the_guided_question_lists_the_options_and_reads_only_the_top_of_the_text():
    text = "Senior Baker\n" + "x" * (GUIDED_TEXT_CHARS + 500)
    request = guided_request(text, TITLES, [], 64)
    assert request is not None and request.max_tokens == 64
    asked = request.messages[-1]["content"]
    assert "- Senior Baker\n- Baker\n- none of these" in asked
    assert "(no question)" in asked  # no company candidates
    assert text[:GUIDED_TEXT_CHARS] + "\n\nQuestion 1" in asked


def test_the_full_question_passes_the_parsers_hints_and_the_reference_date():
    hints = {"experience_years_min": [3.0]}
    request = full_request("Senior Baker, 3 years", hints, "2025-03-04", 512)
    asked = request.messages[-1]["content"]
    assert json.dumps(hints) in asked and "2025-03-04" in asked
    assert request.response_model is Draft


def test_the_full_question_without_hints_says_so_with_an_empty_object():
    asked = full_request("Senior Baker", {}, "2025-03-04", 512).messages[-1]["content"]
    assert "{}" in asked


def test_the_draft_is_bounded_so_an_answer_cannot_run_away():
    with pytest.raises(ValidationError):
        Draft(title="x" * 121)
    with pytest.raises(ValidationError):
        Draft(skills=["Python"] * 21)
    with pytest.raises(ValidationError):
        Draft(salary_band="L5")  # extra fields are refused


def test_the_schema_hash_is_a_stable_short_hex_digest():
    assert schema_hash() == schema_hash()
    assert len(schema_hash()) == 16 and int(schema_hash(), 16) >= 0
