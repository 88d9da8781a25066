"""Candidates from postings that are a body only (a row's description, an API object's
HTML): section headings are no company, requirement lines are no title, and the sentence
that names the role ("a full-time role for a ...") gives the title. Invented texts."""

from __future__ import annotations

import pytest

from extractor.candidates import company_candidates, title_candidates


def _titles(text: str) -> list[tuple[str, str]]:
    return [(c.value, c.origin) for c in title_candidates(text, [], None, None)]


def _companies(text: str) -> list[str]:
    return [c.value for c in company_candidates(text, [], None,
                                                titles=title_candidates(text, [], None, None))]


@pytest.mark.parametrize("heading", ["Benefits", "Overview", "Qualifications", "Level",
                                     "Job ID", "Responsibilities"])
def test_a_section_heading_named_again_is_no_company(heading: str) -> None:
    text = (f"Junior Widget Analyst\n\n{heading}\nWe polish widgets for ferries.\n\n"
            f"{heading}\nA pension and a bicycle.\n")
    assert heading not in _companies(text)


@pytest.mark.parametrize("line", ["Experience as a Widget Inspector",
                                  "Proven experience in widget sales and marketing",
                                  "Strong knowledge of ferry engineering"])
def test_a_requirement_line_is_no_title(line: str) -> None:
    text = f"Glimmerwick builds ferries for lakes.\n{line}\nA valid driving licence\n"
    assert all(value != line for value, _ in _titles(text))


@pytest.mark.parametrize(("sentence", "title"), [
    ("This is a full-time on-site role for a Ferry Widget Designer located in Oslo.",
     "Ferry Widget Designer"),
    ("This is a part-time remote role for an Accounts Payable Clerk at Glimmerwick.",
     "Accounts Payable Clerk"),
    ("Glimmerwick is seeking a hands-on Vice President of Ferry Sales to lead our team.",
     "Vice President of Ferry Sales"),
    ("We are looking for a Senior Widget Engineer who loves boats.", "Senior Widget Engineer"),
])
def test_the_sentence_that_names_the_role_gives_a_title(sentence: str, title: str) -> None:
    text = f"Glimmerwick builds ferries for lakes and fjords.\n{sentence} More text follows.\n"
    assert (title, "sentence") in _titles(text)


def test_a_sentence_naming_no_capitalised_role_gives_no_title() -> None:
    text = "We are looking for a motivated person to join us in the harbour.\n"
    assert not any(origin == "sentence" for _, origin in _titles(text))


def test_a_title_read_from_a_sentence_puts_no_header_around_it() -> None:
    text = ("At Glimmerwick, were proud of our ferries and we build more every year.\n"
            "Glimmerwick is seeking a Ferry Widget Designer to draw boats.\n"
            "At Glimmerwick, you sail on Fridays.\n")
    cands = company_candidates(text, [], None, titles=title_candidates(text, [], None, None))
    assert not [c for c in cands if c.origin in ("header", "byline")]


def test_a_labelled_value_that_is_a_sentence_is_no_company() -> None:
    text = ("Widget Analyst\nOrganization: Proven ability to manage and prioritize a high "
            "volume of ferry requests\n")
    assert not any(name.startswith("Proven") for name in _companies(text))


def test_a_client_partner_title_names_no_client() -> None:
    text = "As a Client Partner, you will partner with ferry owners at Glimmerwick.\n"
    assert "Partner" not in _companies(text)


def test_an_about_the_role_heading_gives_the_title_without_about_the() -> None:
    text = "Glimmerwick builds ferries.\n\nAbout the Senior Ferry Widget Designer\n\nYou draw.\n"
    values = [value for value, _ in _titles(text)]
    assert "Senior Ferry Widget Designer" in values
    assert not any(value.startswith("About") for value in values)


def test_a_labelled_title_glued_to_the_next_label_stops_at_the_glue() -> None:
    text = ("Position Title: Ferry CoordinatorFLSA Classification: Hourly, Exempt "
            "(Full-Time)Reports to: Board\n")
    assert _titles(text)[0] == ("Ferry Coordinator", "labelled")
