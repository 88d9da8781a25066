"""Company names a body-only posting states, whole and without the words around them: an
"About X" heading's short capitals, a name with "and" in it, a name whose own hyphen is
spaced, the full name an "About" heading gives; and fragments that are no company (a
question, a verb line, an equal-opportunity heading, a team before a role). Invented texts."""

from __future__ import annotations

from extractor.candidates import company_candidates, title_candidates


def _companies(text: str) -> list[str]:
    return [c.value for c in company_candidates(text, [], None,
                                                titles=title_candidates(text, [], None, None))]


def test_an_about_heading_gives_a_name_in_capitals() -> None:
    text = ("Location: Bergen\n\nAbout FLIMB\n\nFLIMB has built ferries since 1907!\n\n"
            "FLIMB is a maker of widgets.\n\nWhat You'll Love About FLIMB\n\nBoats.\n")
    names = _companies(text)
    assert names[:1] == ["FLIMB"]
    assert "About FLIMB" not in names


def test_an_equal_opportunity_heading_glued_to_the_name_is_no_company() -> None:
    text = ("Ferry Widget Intern\nYou will polish widgets.\n"
            "Equal Opportunity Employer Glimco is an equal opportunity employer and follows "
            "the law.\n")
    assert not any(name.startswith("Equal Opportunity") for name in _companies(text))


def test_a_legal_name_with_and_after_a_glued_heading_is_whole() -> None:
    text = ("Company DescriptionJane Roe Writing and Editing Services LLC offers ghostwriting "
            "to clients.\nBlog Writer wanted for our ferry blog.\n")
    assert _companies(text)[:1] == ["Jane Roe Writing and Editing Services"]


def test_a_question_heading_is_no_company() -> None:
    text = "Ferry Widget Engineer\nYou polish widgets.\nWhat is offered:A boat and a pension.\n"
    assert "What" not in _companies(text)


def test_a_verb_line_that_lost_its_bullet_is_no_company() -> None:
    text = ("Ferry Data Modeler\nCreate widget models.\nDelivers and provides feedback for "
            "widget policies.\nAssists with boats.\n")
    assert not any(name.startswith("Delivers") for name in _companies(text))


def test_a_name_whose_hyphen_is_spaced_in_its_header_stays_whole() -> None:
    text = ("Glimmer - Wick Ferries Armenia CJSC\nTITLE: Ferry Engineer\nLOCATION: Yerevan\n"
            "ABOUT COMPANY: Glimmer Wick Ferries Armenia is part of Glimmer-Wick Group.\n")
    assert _companies(text)[:1] == ["Glimmer - Wick Ferries Armenia"]


def test_a_name_split_at_a_spaced_dash_elsewhere_stays_split() -> None:
    text = "Glimmerwick Ferries CJSC - Yerevan\nTITLE: Ferry Engineer\nGlimmerwick builds.\n"
    assert _companies(text)[:1] == ["Glimmerwick Ferries"]


def test_the_full_name_of_an_about_heading_beats_its_short_form() -> None:
    text = ("About Glimco AI:\n\nAt Glimco, we help ferries use widgets. Glimco is small.\n"
            "Glimco hires. Glimco grows.\n")
    assert _companies(text)[:1] == ["Glimco AI"]


def test_the_body_that_seeks_a_role_names_the_company_with_its_initials() -> None:
    text = ("Position: Communications Intern\nReports to: Director\n"
            "The Council of Northern Lake Ferrymen (CNLF) seeks a Communications Intern to "
            "support CNLF.\n")
    assert "Council of Northern Lake Ferrymen" in _companies(text)


def test_a_team_before_a_role_is_no_company() -> None:
    text = ("Job Overview:\n\nWidget Analytics - Data Scientist will build ferry models.\n"
            "The Widget Analytics Data Scientist roles are new.\n")
    assert "Widget Analytics" not in _companies(text)


def test_a_name_written_in_camel_case_keeps_its_head() -> None:
    text = "Ferry Widget Director\nVelaCore Technologies Inc. builds widgets for ferries.\n"
    assert "VelaCore Technologies" in _companies(text)


def test_tools_listed_before_a_legal_form_word_are_no_company() -> None:
    text = ("Ferry Data Engineer\nYou know tools such as Python, R, SQL and SAS well.\n"
            "Strong knowledge of widgets.\n")
    assert not any(name.startswith("SQL") for name in _companies(text))


def test_a_name_that_opens_with_it_in_capitals_is_kept() -> None:
    text = ("Ferry Widget Analyst\nYou polish widgets.\n\nIT Widgets is an equal opportunity "
            "employer.\n")
    assert "IT Widgets" in _companies(text)


def test_a_part_of_the_firm_named_after_the_firm_does_not_replace_it() -> None:
    text = ("Company Description\nGlimco Ferry is a widget maker for lakes. Glimco Ferry grows.\n"
            "Role Description\nGlimco Ferry Studios seeks a camera operator for our boats.\n")
    assert _companies(text)[:1] == ["Glimco Ferry"]


def test_a_name_opening_with_initials_that_spell_a_pronoun_or_article_stays_whole() -> None:
    text = ("Web Developer - PHP\n\nCE Learning Systems is looking for a Web Developer to join "
            "our small team.\n")
    assert _companies(text)[:1] == ["CE Learning Systems"]
    assert _companies("Trainer\n\nLA Fitness is hiring a trainer for its gyms.\n")[:1] == [
        "LA Fitness"]
    assert _companies("Développeur\n\nCe poste est ouvert à Lyon.\n") == []  # the pronoun
