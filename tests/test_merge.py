"""Merge: one precedence per field (page data, then rules, then the model), with evidence."""

from __future__ import annotations

import dataclasses
import datetime as dt

from extractor.candidates import Candidate
from extractor.merge import Merged, merge_draft, merge_page_data, merge_rules, pick_candidate
from extractor.parse import Facts
from extractor.parse.base import Found
from extractor.question import NONE_OPTION, Draft

TEXT = "Senior Baker\nBoulangerie Fournil\nAt least 3 years, ideally 5 years, of baking."
HEADING = Candidate("Senior Baker", "heading", 0, 12)
LINE = Candidate("Baker", "line", 7, 12)


def test_page_data_beats_the_models_choice():
    merged = Merged()
    page = Candidate("Head Baker", "jsonld")
    pick_candidate("title", [page, HEADING], "Senior Baker", merged, TEXT)
    assert merged.values["title"] == "Head Baker" and merged.sources["title"] == "page"
    assert merged.evidence["title"] == [
        {"start": None, "end": None, "text": None, "page_data": "jsonld"}]


def test_the_models_choice_among_candidates_keeps_the_candidates_span():
    merged = Merged()
    pick_candidate("title", [HEADING, LINE], "Baker", merged, TEXT)
    assert merged.values["title"] == "Baker" and merged.sources["title"] == "model"
    assert merged.evidence["title"] == [{"start": 7, "end": 12, "text": "Baker"}]


def test_none_of_these_leaves_the_field_empty():
    merged = Merged()
    pick_candidate("title", [HEADING, LINE], NONE_OPTION, merged, TEXT)
    assert "title" not in merged.values


def test_a_drafted_value_no_candidate_offers_is_kept_without_evidence_for_grounding():
    merged = Merged()
    pick_candidate("title", [HEADING], "Pastry Chef", merged, TEXT)
    assert merged.values["title"] == "Pastry Chef" and merged.sources["title"] == "model"
    assert "title" not in merged.evidence


def test_without_a_model_the_top_candidate_is_taken_as_rules():
    merged = Merged()
    pick_candidate("title", [HEADING, LINE], None, merged, TEXT)
    assert (merged.values["title"], merged.sources["title"]) == ("Senior Baker", "rules")


def test_rules_take_the_least_experience_and_the_least_required_degree():
    facts = Facts(
        experience_years_min=[Found(5.0, 59, 66), Found(3.0, 42, 49)],
        education_level=[Found("master", 0, 1), Found("bachelor", 0, 1),
                         Found("high_school", 0, 1, confidence=0.5)],  # 0.5: "a plus"
    )
    merged = Merged()
    merge_rules(facts, TEXT, merged)
    assert merged.values["experience_years_min"] == 3.0
    assert merged.evidence["experience_years_min"] == [{"start": 42, "end": 49,
                                                        "text": "3 years"}]
    assert merged.values["education_level"] == "bachelor"


def test_a_wished_for_figure_beside_a_required_one_is_not_the_least_asked():
    from extractor.parse.experience import parse_experience_years

    text = ("Five years of experience supporting business systems required.\n"
            "Three to five years of experience with data tools preferred.")
    facts = Facts(experience_years_min=parse_experience_years(text))
    assert sorted(f.value for f in facts.experience_years_min) == [3.0, 5.0]
    merged = Merged()
    merge_rules(facts, text, merged)
    assert merged.values["experience_years_min"] == 5.0
    wish = "Three years of experience with data tools preferred."
    merged = Merged()
    merge_rules(Facts(experience_years_min=parse_experience_years(wish)), wish, merged)
    assert merged.values["experience_years_min"] == 3.0  # nothing required: the wish
    domain = ("- Minimum 2 years of experience, preferably in retail.\n"
              "- 5+ years of experience with Excel.")
    merged = Merged()
    merge_rules(Facts(experience_years_min=parse_experience_years(domain)), domain, merged)
    assert merged.values["experience_years_min"] == 2.0  # a floor, its domain wished for


def test_rules_list_each_value_once_and_leave_page_data_alone():
    facts = Facts(skills=[Found("Sourdough", 0, 1), Found("Sourdough", 5, 6)],
                  date_posted=[Found(dt.date(2025, 3, 1), 0, 1)])
    merged = Merged()
    merged.put("date_posted", dt.date(2025, 2, 1), "page", [])
    merge_rules(facts, TEXT, merged)
    assert merged.values["skills"] == ["Sourdough"]
    assert (merged.values["date_posted"], merged.sources["date_posted"]) == (
        dt.date(2025, 2, 1), "page")


def test_page_data_dates_and_employment_type_are_read_in_the_parsers_words():
    merged = Merged()
    jsonld = [{"datePosted": "2025-03-04T09:00:00", "employmentType": ["FULL_TIME", "Teilzeit"]}]
    assert merge_page_data(jsonld, merged) == []
    assert merged.values["date_posted"] == dt.date(2025, 3, 4)
    assert merged.values["employment_types"] == ["full_time", "part_time"]


def test_page_data_employment_type_the_text_contradicts_loses_with_a_warning():
    merged = Merged()
    facts = Facts(employment_types=[Found("part_time", 0, 9)])
    warnings = merge_page_data([{"employmentType": "FULL_TIME"}], merged, facts)
    assert "employment_types" not in merged.values
    assert warnings and "contradicts the page text" in warnings[0]


def test_the_draft_fills_only_what_page_data_and_rules_left_empty():
    merged = Merged()
    merged.put("title", "Senior Baker", "rules", [])
    draft = Draft(title="Baker", company="Boulangerie Fournil",
                  salary=[{"min": 30000, "max": 34000, "currency": "EUR"}],
                  locations=[{"city": "Lyon", "country": "FR"}])
    merge_draft(draft, merged)
    assert merged.values["title"] == "Senior Baker"
    assert merged.sources["company"] == "model"
    assert merged.values["salary"][0]["raw"] == ""
    assert merged.values["locations"] == [
        {"city": "Lyon", "region": None, "country": "FR", "raw": "Lyon, FR"}]
    assert "skills" not in merged.values  # empty draft fields are not merged


def test_a_draft_field_marked_unused_is_not_taken():
    draft = Draft(title="Baker", company="Boulangerie Fournil",
                  locations=[{"city": "Lyon", "country": "FR"}])
    merged = Merged()
    merge_draft(draft, merged, unused=("locations",))
    assert merged.values["company"] == "Boulangerie Fournil"
    assert "locations" not in merged.values


def test_every_field_the_parsers_report_is_merged():
    # a Facts field that merge_rules does not name would be dropped without a word
    names = {f.name for f in dataclasses.fields(Facts)}
    merged = Merged()
    merge_rules(Facts(**{name: [Found("x", 0, 1)] for name in names}), TEXT, merged)
    assert set(merged.values) == names


def _merged_apply(jsonld, fields, stated=()):
    merged = Merged()
    facts = Facts(apply_url=[Found(url, 0, len(url)) for url in stated])
    merge_page_data(jsonld, merged, facts, fields)
    merge_rules(facts, " ".join(stated), merged)
    return merged.values.get("apply_url"), merged.sources.get("apply_url")


def test_an_apply_column_beats_an_apply_url_in_the_text():
    fields = {"Apply_URL": "https://board.example/apply/9", "url": "https://board.example/9"}
    assert _merged_apply([], fields, ["https://ats.example/jobs/9"]) == (
        "https://board.example/apply/9", "page")
    assert _merged_apply([], {"apply": {"email": "hr@x.example", "url": "https://x.example/j"}}
                         ) == ("https://x.example/j", "page")


def test_the_postings_own_address_fills_in_only_when_the_text_gives_no_apply_url():
    row = {"job_posting_url": "https://board.example/view/3", "application_url": ""}
    assert _merged_apply([], row) == ("https://board.example/view/3", "page")
    assert _merged_apply([], row, ["https://ats.example/3"]) == ("https://ats.example/3", "rules")
    jsonld = [{"@type": "JobPosting", "url": "https://acme.example/careers/3"}]
    assert _merged_apply(jsonld, None) == ("https://acme.example/careers/3", "page")
    assert _merged_apply([{"url": "/careers/3"}], {"url": "jobs/3"}) == (None, None)


def _page_completed(jsonld, **rules):
    from extractor.merge import merge_page_details

    merged = Merged()
    for name, values in rules.items():
        merged.put(name, values, "rules", [])
    merge_page_details(jsonld, merged)
    return merged


PAGE = [{"@type": "JobPosting",
         "baseSalary": {"currency": "RUR", "value": {"unitText": "MONTH", "minValue": 45000}},
         "jobLocation": {"address": {"addressLocality": "Коломна",
                                     "addressRegion": "Московская область",
                                     "addressCountry": "RU"}}}]


def test_page_data_gives_the_period_and_region_the_text_leaves_out_where_it_agrees():
    from extractor.record import Location, SalaryRange

    merged = _page_completed(
        PAGE, salary=[SalaryRange(min=45000, currency="RUB", raw="от 45 000 ₽"),
                      SalaryRange(min=50000, currency="RUB", raw="от 50 000 ₽")],
        locations=[Location(raw="Коломна", city="Коломна")])
    first, other = merged.values["salary"]
    assert (first.period, first.raw) == ("month", "от 45 000 ₽")
    assert other.period is None  # other figures: the page says nothing about them
    place = merged.values["locations"][0]
    assert (place.city, place.region, place.country) == ("Коломна", "Московская область", "RU")
    assert merged.sources["salary"] == "rules"


def test_page_pay_and_places_fill_in_when_the_text_states_none():
    merged = _page_completed(PAGE)
    (pay,) = merged.values["salary"]
    assert (pay.min, pay.max, pay.currency, pay.period) == (45000, None, "RUB", "month")
    (place,) = merged.values["locations"]
    assert (place.city, place.region, place.country) == ("Коломна", "Московская область", "RU")
    assert merged.sources["locations"] == "page"


def _dollar_case(country: str, raw: str) -> Merged:
    from extractor.merge import unstated_dollar
    from extractor.record import Location, SalaryRange

    merged = Merged()
    merged.put("locations", [Location(raw=country, country=country)], "rules", [])
    merged.put("salary", [SalaryRange(min=130000, max=150000, currency="USD", period="year",
                                      raw=raw)], "rules", [])
    unstated_dollar(merged)
    return merged


def test_a_bare_dollar_in_a_posting_placed_in_another_dollar_country_states_no_currency():
    assert _dollar_case("CA", "$130,000 - $150,000 a year").values["salary"][0].currency \
        is None
    assert _dollar_case("US", "$130,000 - $150,000 a year").values["salary"][0].currency \
        == "USD"
    assert _dollar_case("CA", "US$130,000 - US$150,000").values["salary"][0].currency == "USD"
    assert _dollar_case("DE", "$130,000 - $150,000").values["salary"][0].currency == "USD"
