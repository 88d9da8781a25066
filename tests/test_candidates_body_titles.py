"""Titles a body-only posting states in its sentences and paragraphs: the role a sentence
names after its adjectives, a title glued to the paragraph it opens, a title line that
runs into a label. Invented texts."""

from __future__ import annotations

import pytest

from extractor.candidates import clean_title, title_candidates


def _titles(text: str) -> list[tuple[str, str]]:
    return [(c.value, c.origin) for c in title_candidates(text, [], None, None)]


def _values(text: str) -> list[str]:
    return [value for value, _ in _titles(text)]


@pytest.mark.parametrize(("sentence", "title"), [
    ("Glimmerwick has a permanent opportunity for a Senior Ferry Generalist in Oslo.",
     "Senior Ferry Generalist"),
    ("We are seeking a cheerful and seasoned Director of Lake Ferry Widgets to lead us.",
     "Director of Lake Ferry Widgets"),
    ("Glimmerwick is now seeking a calm, patient and tidy Ferry Widget Inspector to join us.",
     "Ferry Widget Inspector"),
    ("We are looking for Senior Ferry Widget Engineer (m/f, full-time) to start soon.",
     "Senior Ferry Widget Engineer"),
    ("Glimmerwick is a boat studio in Bergen seeking a Freelance Widget Consultant for May.",
     "Freelance Widget Consultant"),
])
def test_the_role_a_sentence_names_after_its_adjectives_is_a_title(sentence: str,
                                                                  title: str) -> None:
    text = f"Glimmerwick builds ferries for lakes and fjords.\n{sentence} More text follows.\n"
    assert (title, "sentence") in _titles(text)


def test_a_sentence_with_a_long_lower_case_run_names_no_role() -> None:
    text = ("We are seeking a person to help with the Ferry Widget Engineer on Sundays.\n"
            "Glimmerwick builds ferries.\n")
    assert not any(origin == "sentence" for _, origin in _titles(text))


def _profile(words: int = 200) -> str:
    return ("Glimmerwick builds ferries for lakes and fjords and hires crews " * words)[:1200]


def test_a_title_glued_to_the_paragraph_it_opens_is_a_title() -> None:
    text = (f"{_profile()}\n\nSenior Ferry Widget DesignerAs a member of our ferry team you "
            "will draw widgets for boats and lakes.\n")
    assert "Senior Ferry Widget Designer" in _values(text)


def test_a_glued_paragraph_opening_with_a_sentence_gives_no_title() -> None:
    text = (f"{_profile()}\n\nResponsibilities for the ferry teamAs a member of our team you "
            "will draw widgets for boats and lakes.\n")
    assert not any(value.startswith("Responsibilities") for value in _values(text))


@pytest.mark.parametrize(("line", "title"), [
    ("Senior Ferry Counsel - Maritime Law (Lake acquisitions) Location: Bergen",
     "Senior Ferry Counsel - Maritime Law (Lake acquisitions)"),
    ("Widget Analyst Salary: 40,000 a year", "Widget Analyst"),
])
def test_a_title_line_stops_before_a_label_after_it(line: str, title: str) -> None:
    assert clean_title(line) == title


def test_a_title_with_a_colon_inside_keeps_it() -> None:
    assert clean_title("Director of Engineering: Ferry Widgets") == (
        "Director of Engineering: Ferry Widgets")


def test_a_role_named_without_an_article_in_the_plural_is_no_title() -> None:
    text = "Glimmerwick builds ferries.\nWe are looking for Ferry Widget Specialists to help.\n"
    assert not any(origin == "sentence" for _, origin in _titles(text))


def test_a_paragraph_cut_inside_a_glued_name_gives_no_title() -> None:
    text = (f"{_profile()}\n\nAs a Senior Ferry Engineer at GlimmerWick, you will draw widgets "
            "for boats and lakes every day.\n")
    assert not any(value.startswith("As a") for value in _values(text))


def test_a_line_with_a_dashed_label_is_no_title() -> None:
    text = (f"{_profile()}\n\nJob Position :- Ferry Widget Specialist (lakes)Locations :- "
            "Bergen (Remote is fine) Duration :- Long Term and more words here\n")
    assert not any(value.startswith("Job Position") for value in _values(text))


def test_the_value_under_a_label_that_is_not_a_title_label_is_no_title() -> None:
    text = ("Requisition Type:\n\nRegular\n\nJob Family:\n\nWidget Engineers\n\n"
            "Job Description:\n\nAt Glimco, people build ferries.\n")
    assert "Widget Engineers" not in _values(text)


def test_the_value_under_a_title_label_is_still_a_title() -> None:
    text = "Position:\n\nWidget Engineer\n\nJob Description:\n\nAt Glimco, people build ferries.\n"
    assert "Widget Engineer" in _values(text)


def test_the_line_under_a_lone_heading_with_a_colon_is_still_a_title() -> None:
    text = "About the role:\n\nSenior Widget Engineer\n\nAt Glimco, people build ferries.\n"
    assert "Senior Widget Engineer" in _values(text)
