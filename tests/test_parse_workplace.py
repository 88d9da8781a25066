"""parse_workplace: workplace type and remote regions on phrasings from real postings."""

from __future__ import annotations

import pytest

from extractor.parse.workplace import parse_workplace


@pytest.mark.parametrize(
    ("text", "modes", "regions"),
    [
        ("Remote", ["remote"], []),
        ("This role is fully remote and flexible, ideal alongside your existing work.",
         ["remote"], []),
        ("Data · Remote (United States) · Full Time", ["remote"], ["US"]),
        ("Remote\nHiring Remotely in United States\n13K-13K Annually", ["remote"], ["US"]),
        ("Assistant Pricing Manager\nRemote - US only\n", ["remote"], ["US"]),
        ("While this role is flexible and 100% remote, candidates must reside in Canada.",
         ["remote"], ["CA"]),
        ("Data\nRemote\xa0(United StatesGermanyUnited Kingdom)\nFull Time",
         ["remote"], ["US", "DE", "GB"]),
        ("Freelance | 8–20 hrs/week | Remote (EU/UK)", ["remote"], ["EU", "GB"]),
        ("Product Operations Lead\nRemote - Americas\n", ["remote"], ["Americas"]),
        ("This is a remote position located in the United States, and will report to the VP.",
         ["remote"], ["US"]),
        ("All positions can be performed remotely (within the US) regardless of location.",
         ["remote"], ["US"]),
        ("Location: Remote (Haiti, in-country preferred but not required)", ["remote"], ["HT"]),
        ("Canada (Remote)", ["remote"], ["CA"]),
        ("Position Type: Full-Time, Remote", ["remote"], []),
        ("#LI-Remote", ["remote"], []),
        ("Hybrid (3 days in office)", ["hybrid"], []),
        ("We offer hybrid work with two days at home.", ["hybrid"], []),
        ("This position provides hybrid telework opportunities.", ["hybrid"], []),
        ("This position can be part remote and part in-person in our Redondo Beach office.",
         ["hybrid"], []),
        ("You will be expected in the office 3 days a week in office.", ["hybrid"], []),
        ("Work mode: On-site", ["onsite"], []),
        ("This is a full-time on-site role for a Fire Sprinkler Designer located in Brentwood.",
         ["onsite"], []),
        ("This is an on-site internship located in Finksburg, MD.", ["onsite"], []),
        ("Expected in office 5 days a week.", ["onsite"], []),
        ("Ability to Commute: Fontana, CA (Required)\nWork Location: In person", ["onsite"], []),
        ("Формат работы: удалённая работа", ["remote"], []),
        ("Applicants must reside in Canada.", [], ["CA"]),  # residence alone: weak region
        ("Гибридный формат работы", ["hybrid"], []),
        ("Формат работы: на месте работодателя", ["onsite"], []),
        ("Télétravail partiel possible (2 jours par semaine)", ["hybrid"], []),
        ("Poste en 100% télétravail", ["remote"], []),
        # both stated: every mode comes back, the merge decides
        ("Many teams offer hybrid options; some roles are fully remote.", ["hybrid", "remote"], []),
        # negatives
        ("Experience with remote sensing and GIS data", [], []),
        ("Build remote monitoring dashboards for clinicians.", [], []),
        ("Support remote patient monitoring programs.", [], []),
        ("This role is a hybrid of strategic planning, analytics and marketing.", [], []),
        ("Benefits: free onsite parking and onsite training.", [], []),
        ("This position is not remote.", [], []),
        ("Remote work is not available for this role.", [], []),
        ("Provide first-line support to customers by phone and email.", [], []),
    ],
)
def test_parse_workplace(text: str, modes: list[str], regions: list[str]) -> None:
    found_modes, found_regions = parse_workplace(text)
    assert sorted(f.value for f in found_modes) == sorted(modes)
    assert [f.value for f in found_regions] == regions


def test_strong_statement_outranks_bare_mention() -> None:
    modes, _ = parse_workplace("Location: Remote\nYou can work remotely some days.")
    assert len(modes) == 1
    assert modes[0].confidence >= 0.9
    assert modes[0].start == 10


def test_spans_point_into_text() -> None:
    text = "Data · Remote (United States) · Full Time"
    modes, regions = parse_workplace(text)
    assert text[modes[0].start:modes[0].end] == "Remote"
    assert text[regions[0].start:regions[0].end] == "United States"


def test_regions_need_a_remote_statement_or_residence_rule() -> None:
    assert parse_workplace("Our customers are in the United States and Canada.") == ([], [])
    _, strong = parse_workplace("Fully remote. Candidates must reside in Canada.")
    _, weak = parse_workplace("Candidates must reside in Canada.")
    assert strong[0].confidence > weak[0].confidence


@pytest.mark.parametrize(("title", "mode"), [
    ("Registered Nurse | Hybrid", "hybrid"), ("AVP, Underwriting Team Leader | Hybrid", "hybrid"),
    ("Field Technician (On-site)", "onsite"), ("Nurse (Hybrid)", "hybrid"),
    ("Call Center-REMOTE", "remote"), ("Data Engineer - On-site", "onsite"),
    ("Toronto, ON | Hybrid | Permanent", "hybrid"),
])
def test_a_workplace_stated_as_a_title_suffix_is_read(title: str, mode: str) -> None:
    found = parse_workplace(f"{title}\nWe are hiring.\n")[0]
    assert [f.value for f in found] == [mode]
    assert found[0].confidence >= 0.9


@pytest.mark.parametrize("text", ["We offer a non-remote role", "Analyst - remote sensing",
                                  "Pre-hybrid engines"])
def test_a_suffix_that_is_not_a_workplace_is_not_read(text: str) -> None:
    assert parse_workplace(text)[0] == []


@pytest.mark.parametrize(("text", "mode"), [
    ("Bis zu 2 Tage pro Woche mobiles Arbeiten", "hybrid"),
    ("Arbeitsmodell: 2 Tage Homeoffice pro Woche", "hybrid"),
    ("Mobiles Arbeiten an bis zu 3 Tagen pro Woche", "hybrid"), ("Hybrides Arbeiten", "hybrid"),
    ("Homeoffice teilweise", "hybrid"), ("100 % Homeoffice", "remote"),
    ("Die Stelle ist vollständig remote.", "remote"), ("Ortsunabhängiges Arbeiten", "remote"),
])
def test_german_homeoffice_and_mobile_work_are_the_workplace(text: str, mode: str) -> None:
    assert [f.value for f in parse_workplace(text)[0]] == [mode]


@pytest.mark.parametrize("text", ["Homeoffice möglich", "Homeoffice nach Absprache",
                                  "Flexibles Homeoffice"])
def test_homeoffice_as_an_option_is_not_an_arrangement(text: str) -> None:
    # the labelling rules: "Homeoffice möglich" alone is not an arrangement
    assert parse_workplace(text)[0] == []


def test_a_homeoffice_allowance_is_not_a_workplace() -> None:
    assert parse_workplace("Homeoffice-Pauschale von 50 € im Monat")[0] == []


def test_work_from_home_glued_into_a_list_of_perks_is_remote():
    text = "What We Offer:\nFlexible scheduleWork From HomeGreat Training Program"
    assert [f.value for f in parse_workplace(text)[0]] == ["remote"]
