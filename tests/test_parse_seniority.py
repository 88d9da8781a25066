"""parse_seniority: titles and labelled levels from real postings."""

from __future__ import annotations

import pytest

from extractor.parse.seniority import parse_seniority


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior Software Engineer", "senior"),
        ("Sr. Data Analyst", "senior"),
        ("Senior Product Manager, Collaboration", "senior"),  # level word beats job noun
        ("Lead Level Designer", "lead"),
        ("Product Operations Lead", "lead"),
        ("Montessori Lead Guide, Primary", "lead"),
        ("Head of Content (m/f)", "director"),
        ("Director Product Management", "director"),
        ("Vice President, GTM Operations", "executive"),
        ("Associate Vice President Direct Mail Content", "executive"),
        ("AVP, Underwriting Team Leader | Hybrid", "executive"),
        ("Co-Founder", "executive"),
        ("Chief Technology Officer", "executive"),
        ("Security Intern", "internship"),
        ("PhD Systems & AI/ML Research Intern (Summer 2026)", "internship"),
        ("Jr. Data Engineer", "entry"),
        ("Junior Developer", "entry"),
        ("Entry Level Safety Compliance Manager", "entry"),
        ("Graduate Software Engineer", "entry"),
        ("Office Manager", "manager"),
        ("Accounting Supervisor", "manager"),
        ("Старший бухгалтер", "senior"),
        ("Стажёр-аналитик", "internship"),
        # negatives: no level in the title
        ("Enterprise Account Executive, APAC", None),
        ("Executive Assistant", None),
        ("Staff Accountant", None),
        ("Data Entry Clerk", None),
        ("Lead Generation Specialist", None),
        ("Middle School Teacher", None),
        ("Internal Auditor", None),
        ("Chief Financial Specialist", None),
        ("Инженер по качеству", None),
        ("Web Developer", None),
        # a ladder numeral and an individual contributor's "Manager" state no level
        ("Software Engineer II", None),
        ("Frontend Engineer II Core Product", None),
        ("Data Scientist IV", None),
        ("Staff Data Scientist - Analytics", None),
        ("FT - Principal Design Engineer", None),
        ("Staff Security Engineer", None),
        ("Product Manager, Usage and Billing", None),
        ("Regional Account Manager", None),
        ("Customer Success Manager – DACH", None),
        ("Staff Manager Assistant", None),
    ],
)
def test_title_level(title: str, expected: str | None) -> None:
    text = f"{title}\n\nAbout the job: we build things."
    found = parse_seniority(title, text)
    assert (found[0].value if found else None) == expected
    if found:
        assert (found[0].start, found[0].end) == (0, len(title))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Job Details\nLevel\nEntry\nJob Location\nRemote", ["entry"]),
        ("Seniority level\nMid-Senior level\nEmployment type\nFull-time", ["mid"]),
        ("Experience level: Entry level", ["entry"]),
        ("Seniority level: Internship", ["internship"]),
        ("Career level: Senior", ["senior"]),
        ("Seniority level\nDirector", ["director"]),
        ("Seniority level\nExecutive", ["executive"]),
        ("Seniority level\nNot Applicable", []),
        ("Seniority level\nAssociate", []),
        ("Level of English: fluent", []),
        ("We are a senior-friendly company with entry points for all.", []),
    ],
)
def test_labelled_levels(text: str, expected: list[str]) -> None:
    assert [f.value for f in parse_seniority(None, text)] == expected


def test_title_then_label_in_order() -> None:
    text = "Jr. Data Engineer\n\nJob Details\nLevel\nEntry\n"
    found = parse_seniority("Jr. Data Engineer", text)
    assert [(f.value, f.start) for f in found] == [("entry", 0), ("entry", text.index("Entry"))]


def test_title_missing_from_text() -> None:
    found = parse_seniority("Senior Engineer", "A posting whose title is elsewhere.")
    assert [(f.value, f.start, f.end, f.confidence) for f in found] == [("senior", -1, -1, 0.9)]


def test_mid_senior_is_weak() -> None:
    (found,) = parse_seniority(None, "Seniority level: Mid-Senior level")
    assert found.confidence < 0.7


@pytest.mark.parametrize(("title", "expected"), [
    ("Teamleitung Kundenservice (m/w/d)", "lead"), ("Teamleiter Vertrieb", "lead"),
    ("Leiter Finanzbuchhaltung (m/w/d)", "manager"), ("Projektleiterin Bau", "manager"),
    ("Senior Java-Entwickler (m/w/d)", "senior"), ("Junior Buchhalter (w/m/d)", "entry"),
])
def test_german_titles_give_their_level(title: str, expected: str) -> None:
    assert parse_seniority(title, f"{title}\n\nWir suchen dich.")[0].value == expected


def test_a_role_nouns_manager_does_not_ground_a_manager_level() -> None:
    from extractor.parse.seniority import supports

    assert not supports("manager", "Product Manager, Billing\nYou own the roadmap.")
    assert supports("manager", "Product Manager\nYou report to the Engineering Manager.")
    assert supports("senior", "Senior Product Manager")
