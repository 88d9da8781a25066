"""The type-aware scorer: honest tp/fp/fn per field and the aggregate metrics."""

from __future__ import annotations

import json

import pytest

from evals.fixtures.validate import SYNTHETIC_LABELS
from evals.score import (
    ALL_FIELDS,
    HEADLINE_FIELDS,
    FieldScore,
    aggregate,
    score_list,
    score_record,
    token_set_ratio,
)


def salary(lo, hi, currency="USD", period="year"):
    return {"min": lo, "max": hi, "currency": currency, "period": period, "raw": ""}


def loc(city, country, region=None):
    return {"raw": "", "city": city, "region": region, "country": country}


LABEL = {
    "title": "Senior Backend Engineer", "company": "Lumenfold, Inc.",
    "locations": [loc("Austin", "US", "TX")], "workplace_type": "hybrid",
    "employment_types": ["full_time"], "seniority": "senior",
    "salary": [salary(150000, 185000)], "date_posted": "2025-02-17",
    "experience_years_min": 6, "education_level": None, "visa_sponsorship": False,
    "skills": ["Go", "PostgreSQL"], "language": "en",
}


def counts(score: FieldScore) -> tuple[float, float, float]:
    return score.tp, score.fp, score.fn


def changed(field: str, value: object) -> tuple[float, float, float]:
    """Counts for ``field`` when the prediction equals LABEL except for that field."""
    return counts(score_record(LABEL, {**LABEL, field: value})[field])


def test_perfect_prediction_is_all_true_positives() -> None:
    scores = score_record(LABEL, dict(LABEL))
    assert all(s.fp == 0 and s.fn == 0 for s in scores.values())
    result = aggregate([scores])
    assert result.micro.precision == 1.0 and result.micro.recall == 1.0


def test_wrong_value_is_fp_and_fn_and_lowers_precision() -> None:
    scores = score_record(LABEL, {**LABEL, "seniority": "lead"})
    assert counts(scores["seniority"]) == (0, 1, 1)
    metrics = aggregate([scores], ["seniority"]).fields["seniority"]
    assert metrics.precision == 0.0 and metrics.recall == 0.0


def test_missing_value_is_fn_and_lowers_recall_only() -> None:
    scores = score_record(LABEL, {**LABEL, "workplace_type": None})
    assert counts(scores["workplace_type"]) == (0, 0, 1)
    result = aggregate([score_record(LABEL, LABEL), scores], ["workplace_type"])
    assert result.fields["workplace_type"].precision == 1.0
    assert result.fields["workplace_type"].recall == 0.5


def test_value_where_label_is_null_is_fp() -> None:
    scores = score_record(LABEL, {**LABEL, "education_level": "bachelor"})
    assert counts(scores["education_level"]) == (0, 1, 0)


def test_null_vs_null_counts_nothing() -> None:
    scores = score_record(LABEL, dict(LABEL))
    assert counts(scores["education_level"]) == (0, 0, 0)
    assert counts(scores["valid_through"]) == (0, 0, 0)
    assert aggregate([scores], ["education_level"]).fields["education_level"].precision is None


def test_false_is_a_value_not_null() -> None:
    assert changed("visa_sponsorship", None) == (0, 0, 1)
    assert changed("visa_sponsorship", True) == (0, 1, 1)


def test_failed_extraction_counts_every_label_as_fn() -> None:
    scores = score_record(LABEL, None)
    assert all(s.tp == 0 and s.fp == 0 for s in scores.values())
    assert scores["title"].fn == 1 and scores["skills"].fn == 2 and scores["salary"].fn == 1


def test_duplicate_predicted_list_item_is_fp() -> None:
    scores = score_record(LABEL, {**LABEL, "skills": ["Go", "PostgreSQL", "Go"]})
    assert counts(scores["skills"]) == (2, 1, 0)


def test_list_matching_is_one_to_one() -> None:
    score = score_list(["a", "a"], ["a"], lambda x, y: float(x == y), 1.0)
    assert counts(score) == (1, 0, 1)


def test_salary_needs_min_max_currency_and_period() -> None:
    for wrong in (salary(150000, 190000), salary(150000, 185000, "CAD"),
                  salary(150000, 185000, period="month"), salary(150000, None),
                  salary(150000, 185000, currency=None)):
        scores = score_record(LABEL, {**LABEL, "salary": [wrong]})
        assert counts(scores["salary"]) == (0, 1, 1), wrong


def test_salary_amounts_match_within_one_percent() -> None:
    close = salary(150500, 184000)
    assert counts(score_record(LABEL, {**LABEL, "salary": [close]})["salary"]) == (1, 0, 0)


def test_salary_null_bound_matches_only_null() -> None:
    label = {"salary": [salary(None, 60000, "RUB", "month")]}
    assert score_record(label, label)["salary"].tp == 1
    got = {"salary": [salary(0, 60000, "RUB", "month")]}
    assert counts(score_record(label, got)["salary"]) == (0, 1, 1)


def test_extra_salary_range_is_fp_not_fn() -> None:
    got = {**LABEL, "salary": [salary(150000, 185000), salary(9999999, 9999999)]}
    assert counts(score_record(LABEL, got)["salary"]) == (1, 1, 0)


def test_experience_years_tolerate_half_a_year() -> None:
    assert changed("experience_years_min", 6.5) == (1, 0, 0)
    assert changed("experience_years_min", 7) == (0, 1, 1)


def test_dates_compare_by_day() -> None:
    assert changed("date_posted", "2025-02-17T09:00:00Z") == (1, 0, 0)
    assert changed("date_posted", "2025-02-18") == (0, 1, 1)


@pytest.mark.parametrize("got", ["Lumenfold", "LUMENFOLD LLC", "Lumenfold Inc", "lumenfold, inc."])
def test_company_matches_without_legal_suffix_and_case(got: str) -> None:
    assert score_record(LABEL, {**LABEL, "company": got})["company"].tp == 1


@pytest.mark.parametrize("label,got", [
    ("ООО Северный Ветер Софт", "Северный Ветер Софт"),
    ("Saffronleaf Technologies Pvt. Ltd.", "Saffronleaf Technologies"),
    ("Quillmark B.V.", "Quillmark"),
])
def test_company_legal_forms_in_other_languages(label: str, got: str) -> None:
    assert score_record({"company": label}, {"company": got})["company"].tp == 1


@pytest.mark.parametrize("got", ["Lumenfield", "Harborline Insurance", "Lumenfold Health Systems"])
def test_company_non_matches(got: str) -> None:
    assert counts(score_record(LABEL, {**LABEL, "company": got})["company"]) == (0, 1, 1)


@pytest.mark.parametrize("got", ["senior backend engineer", "Backend Engineer, Senior",
                                 "Senior Back-end Engineer", "Senior Backend Engineer."])
def test_title_fuzzy_matches(got: str) -> None:
    assert score_record(LABEL, {**LABEL, "title": got})["title"].tp == 1


@pytest.mark.parametrize("got", ["Engineer", "Senior Frontend Engineer",
                                 "Staff Data Engineer", "Backend Engineer"])
def test_title_non_matches(got: str) -> None:
    assert counts(score_record(LABEL, {**LABEL, "title": got})["title"]) == (0, 1, 1)


def test_title_ignores_gender_marker() -> None:
    label = {"title": "Ingénieur Data (H/F)"}
    assert score_record(label, {"title": "Ingénieur Data"})["title"].tp == 1
    assert score_record({"title": "Backend Developer (m/w/d)"},
                        {"title": "Backend Developer"})["title"].tp == 1


def test_token_set_ratio_has_no_subset_shortcut() -> None:
    assert token_set_ratio(["engineer"], ["senior", "backend", "engineer"]) < 0.85
    assert token_set_ratio(["a", "b"], ["b", "a", "a"]) == 1.0


def test_location_wrong_city_right_country() -> None:
    scores = score_record(LABEL, {**LABEL, "locations": [loc("Dallas", "US", "TX")]})
    assert counts(scores["location_country"]) == (1, 0, 0)
    assert counts(scores["location_city"]) == (0, 1, 1)


def test_location_city_when_label_has_none_is_fp() -> None:
    label = {"locations": [loc(None, "US")]}
    scores = score_record(label, {"locations": [loc("Austin", "US")]})
    assert counts(scores["location_country"]) == (1, 0, 0)
    assert counts(scores["location_city"]) == (0, 1, 0)


def test_location_city_ignores_accents_and_case() -> None:
    label = {"locations": [loc("Montréal", "CA")]}
    assert score_record(label, {"locations": [loc("montreal", "CA")]})["location_city"].tp == 1


def test_employment_types_compare_as_exact_items() -> None:
    label = {"employment_types": ["full_time", "temporary"]}
    scores = score_record(label, {"employment_types": ["full_time", "contract"]})
    assert counts(scores["employment_types"]) == (1, 1, 1)


def test_skills_fuzzy_and_aliases() -> None:
    label = {"skills": ["Go", "PostgreSQL", "Kubernetes", "JavaScript"]}
    got = {"skills": ["golang", "Postgres", "kubernetes ", "Java"]}
    assert counts(score_record(label, got)["skills"]) == (3, 1, 1)


def test_text_items_match_by_token_overlap() -> None:
    label = {"responsibilities": ["Design and own services that settle card payments",
                                  "Mentor engineers through code review"]}
    got = {"responsibilities": ["Design and own the services that settle card payments.",
                                "Take part in on-call"]}
    assert counts(score_record(label, got)["responsibilities"]) == (1, 1, 1)


def test_apply_url_ignores_scheme_and_trailing_slash() -> None:
    label = {"apply_url": "mapleton-cancer.example/careers/crc-onc"}
    got = {"apply_url": "https://www.mapleton-cancer.example/careers/crc-onc/"}
    assert score_record(label, got)["apply_url"].tp == 1


def test_aggregate_micro_sums_chosen_fields_only() -> None:
    scores = score_record(LABEL, {**LABEL, "seniority": "lead", "skills": ["Go"]})
    result = aggregate([scores], ["seniority", "title"])
    assert set(result.fields) == {"seniority", "title"}
    assert (result.micro.tp, result.micro.fp, result.micro.fn) == (1, 1, 1)
    assert result.micro.f1 == pytest.approx(0.5)


def test_aggregate_default_fields_and_headline_subset() -> None:
    scores = [score_record(LABEL, LABEL)]
    assert set(aggregate(scores).fields) == set(ALL_FIELDS)
    assert set(aggregate(scores, HEADLINE_FIELDS).fields) == set(HEADLINE_FIELDS)
    with pytest.raises(ValueError, match="unknown fields"):
        aggregate(scores, ["salary_range"])


def test_every_synthetic_label_scores_perfectly_against_itself() -> None:
    for line in SYNTHETIC_LABELS.read_text(encoding="utf-8").splitlines():
        labels = json.loads(line)["labels"]
        scores = score_record(labels, labels)
        assert all(s.fp == 0 and s.fn == 0 for s in scores.values()), json.loads(line)["file"]


def test_score_record_can_limit_fields_for_partial_labels() -> None:
    partial = {"title": "Data Engineer", "locations": [loc("London", "GB")]}
    got = {"title": "Data Engineer", "seniority": "senior", "locations": [loc("London", "GB")]}
    scores = score_record(partial, got, fields=["title", "locations"])
    assert set(scores) == {"title", "location_country", "location_city"}
    assert all(counts(s) == (1, 0, 0) for s in scores.values())
    assert counts(score_record(partial, got)["seniority"]) == (0, 1, 0)


def test_unknown_field_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown fields"):
        score_record(LABEL, LABEL, fields=["titel"])
