"""bench.agree: the normalisers, the label readers and the counting, on invented values."""

from __future__ import annotations

from pathlib import Path

from bench import agree
from bench.agree import Posting, Tally, Want


def test_company_names_compare_without_case_legal_forms_or_a_leading_the() -> None:
    assert agree.norm_company("The Widget Works, Inc.") == agree.norm_company("widget works")
    assert agree.norm_company("Acme GmbH") == "acme"
    assert agree.norm_company("Ltd") == "ltd"  # a name that is only a legal form is kept


def test_the_sources_no_label_spellings_are_no_label() -> None:
    assert [agree.labelled(v) for v in ("", "NA", "-1", " n/a ", None, "0")] == [None] * 6
    assert agree.labelled(" Paris ") == "Paris"


def test_apply_urls_compare_without_scheme_www_or_trailing_slash() -> None:
    assert agree.norm_url("https://www.Example.org/jobs/7/") == agree.norm_url(
        "http://example.org/jobs/7")


def test_source_spellings_map_onto_the_record_vocabulary() -> None:
    labels = agree.LABEL_READERS["emscad"]({
        "title": "Widget Polisher", "location": "US, OR, Salem", "telecommuting": "1",
        "employment_type": "Part-time", "required_experience": "Mid-Senior level",
        "salary_range": "30000-40000"})
    assert labels["employment_types"].items == ("part_time",)
    assert labels["seniority"].items == (frozenset({"mid", "senior"}),)
    assert labels["workplace_type"].items == ("remote",)
    assert (labels["location_city"].items, labels["location_region"].items,
            labels["location_country"].items) == (("Salem",), ("OR",), ("US",))
    assert labels["pay_min"].items == (30000.0,) and "pay_currency" not in labels


def test_a_missing_label_adds_no_field() -> None:
    labels = agree.LABEL_READERS["emscad"]({"title": "NA", "location": "", "salary_range": ""})
    assert labels == {}


def test_a_remote_part_of_a_location_label_is_no_place() -> None:
    places = agree.label_places("Remote, Portugal")
    assert [(p.city, p.country) for p in places] == [(None, "PT")]


def test_a_list_of_countries_is_one_place_each() -> None:
    assert [p.country for p in agree.label_places("France, Spain")] == ["FR", "ES"]


def test_amounts_are_found_however_they_are_written() -> None:
    found = agree._numbers_in("from 40,000 to 55 000 a year, or 28.50/hour; bonus 7k")
    assert {40000.0, 55000.0, 28.5, 7000.0} <= found


def test_a_date_counts_as_stated_in_its_common_spellings() -> None:
    label = Want(("2023-03-05",), "05/03/2023")
    assert agree.in_text("date_posted", label, "Posted on March 5, 2023 by HR")
    assert agree.in_text("date_posted", label, "Opening date: 05/03/2023")
    assert not agree.in_text("date_posted", label, "Posted in 2023")


def test_a_frozenset_item_is_met_by_any_of_its_members() -> None:
    label = Want((frozenset({"mid", "senior"}),), "Mid-Senior level")
    assert agree.agrees("seniority", label, ["senior"])
    assert not agree.agrees("seniority", label, ["entry"])


def _posting(labels: dict[str, Want]) -> Posting:
    return Posting("emscad", "emscad/1.json", labels, doc=None)  # type: ignore[arg-type]


def test_each_labelled_field_lands_in_one_bucket() -> None:
    tallies: dict[tuple[str, str], Tally] = {}
    labels = {"title": Want(("Widget Polisher",), "Widget Polisher"),
              "company": Want(("Gadget Co",), "Gadget Co"),
              "location_city": Want(("Salem",), "US, OR, Salem"),
              "employment_types": Want(("part_time",), "Part-time")}
    record = {"title": "Widget polisher", "company": "Gizmo Ltd", "locations": [],
              "employment_types": []}
    text = "Widget Polisher at Gadget Co. Based in Salem."
    agree.count(tallies, _posting(labels), record, text, agree.FIELDS)
    buckets = {name: next(k for k, v in t.counts.items() if v)
               for (_, name), t in tallies.items()}
    assert buckets == {"title": "agree", "company": "disagree", "location_city": "we_null",
                       "employment_types": "not_in_text"}
    assert [e["bucket"] for t in tallies.values() for e in t.examples] == [
        "disagree", "we_null", "not_in_text"]
    assert [line.split(" [")[1].split("]")[0] for line in agree.shown(tallies, 5)] == [
        "disagree, label in text", "we_null, label in text"]


def test_the_tool_skips_when_the_corpus_is_absent(tmp_path: Path, capsys) -> None:
    assert agree.main(["--corpus", str(tmp_path / "nowhere")]) == 0
    assert "skipped" in capsys.readouterr().out


def test_a_country_or_state_code_counts_only_as_written_in_capitals() -> None:
    us, indiana = Want(("US",), "Austin, TX"), Want(("IN",), "Gary, IN")
    assert not agree.in_text("location_country", us, "Join us in our mission.")
    assert agree.in_text("location_country", us, "Based in the US.")
    assert agree.in_text("location_country", us, "Anywhere in the United States")
    assert not agree.in_text("location_region", indiana, "Work in a team.")
    assert agree.in_text("location_region", indiana, "Offices in Indiana and Ohio")


def test_a_pay_period_counts_as_stated_only_beside_a_pay_figure() -> None:
    hourly = Want(("hour",), "HOURLY")
    assert agree.in_text("pay_period", hourly, "Pay: $24.50 an hour, paid weekly.")
    assert agree.in_text("pay_period", hourly, "Hourly rate: $24.50")
    assert not agree.in_text("pay_period", hourly,
                             "Shifts of eight hours. Salary depends on experience.")
    assert not agree.in_text("pay_period", hourly, "Pay: $24.50. " + "x" * 200 + " 40 hours")


def test_a_level_counts_as_stated_as_postings_state_one_not_as_a_word_inside_another() -> None:
    entry = Want(("entry",), "Entry level")
    assert agree.in_text("seniority", entry, "This is an entry-level role.")
    assert not agree.in_text("seniority", entry, "Data entry and filing for the office.")
    mid = Want(("mid",), "Mid level")
    assert agree.in_text("seniority", mid, "Level: Mid-Senior")
    assert not agree.in_text("seniority", mid, "Meetings mid week.")
