"""Places the location parser used to lose: glued exports, split labels, prose refinements.

Every text here is invented; each follows a layout seen in real exported postings.
"""

from __future__ import annotations

from extractor.parse.location import parse_locations
from extractor.parse.places import city_country, header_place

Loc = tuple[str | None, str | None, str | None]


def places(text: str) -> list[Loc]:
    return [(f.value.city, f.value.region, f.value.country) for f in parse_locations(text)]


def test_a_state_code_glued_to_the_next_heading_still_closes_a_city():
    text = ("Shift details\nEvenings, 15 hours a weekRemote or onsite in Springfield, "
            "ILWhat you will do next")
    assert places(text) == [("Springfield", "IL", "US")]


def test_a_city_after_a_job_title_in_prose_is_read_without_the_title():
    text = "Open role: Senior Data Engineer Rockford, IL from our careers page."
    assert places(text) == [("Rockford", "IL", "US")]


def test_a_degree_before_a_state_code_is_still_no_city():
    assert places("A Bachelor of Science, MA or equivalent is required.") == []


def test_a_labelled_city_is_completed_by_a_prose_mention_with_its_state():
    text = ("Paralegal (Litigation) Location: BoiseOur legal team based in Boise, Idaho is "
            "growing.")
    assert places(text) == [("Boise", "ID", "US")]


def test_country_and_state_lines_beside_a_city_line_complete_the_place():
    text = ("General Information\n\nCountry: USA\n\nState: Ohio\n\nCity: Dayton\n\n"
            "Office Location: 12 Elm Street")
    assert places(text) == [("Dayton", "OH", "US")]


def test_a_state_line_of_another_country_is_not_given_to_the_city():
    text = "Country: Canada\nState: Texas\nCity: Springfield"
    assert places(text) == [("Springfield", None, None)]


def test_a_location_label_with_its_value_after_a_blank_line_is_read():
    text = "Requirements follow.\nWork Location:\n\nLyon, France\nWhat we offer: snacks"
    assert places(text) == [("Lyon", None, "FR")]


def test_the_dashed_country_city_state_form_of_tracking_exports_is_read():
    text = "Job Location\n\nUS-Austin-TX-NORTH CAMPUS\n\nWe build bridges."
    assert places(text) == [("Austin", "TX", "US")]
    assert places("Location: US-TX-Austin") == [("Austin", "TX", "US")]
    assert places("Work Location:\n\nUSA OR Salem\n\nMore") == [("Salem", "OR", "US")]


def test_an_office_in_a_city_and_its_country_is_the_place():
    text = "You will sit in our bright office in Porto, Portugal, with sea views."
    assert places(text) == [("Porto", None, "PT")]


def test_an_office_in_a_city_district_and_its_country_gives_the_city():
    text = "Join us in our office in Hamburg-Altona, Germany.With many users we grow."
    assert places(text) == [("Hamburg", None, "DE")]


def test_a_city_with_another_country_after_it_is_not_read_as_there():
    assert places("Our office in Porto, Spain is new.") == []


def test_staff_located_in_company_offices_are_no_job_place():
    text = ("We have grown to 80 employees located in Boulder and Aurora, Colorado and in "
            "Omaha and Lincoln, Nebraska. The role is varied.")
    assert places(text) == []


def test_an_acronym_in_capitals_is_no_city_by_an_alternate_name():
    assert city_country("HIMS") is None
    assert city_country("SÃO PAULO") == "BR"


def test_a_header_line_listing_several_countries_names_no_country():
    text = "We build tools.\nOur hubs sit across the US, Spain, Ireland, Poland, and Japan.\n"
    assert header_place(text) is None
    assert header_place("Data Engineer\nIreland\nMore") is not None


def test_the_firms_own_places_in_a_blurb_are_not_the_jobs():
    blurb = ("Location: Remote\n\nAcme is a distributed company with a major presence in the "
             "San Francisco Bay area and Lenexa, KS.")
    assert places(blurb) == []
    head = ("Procurement Specialist\nWe are a firm headquartered in Bellevue, Washington, with "
            "a strong presence across the United States.\nYou will buy hardware.")
    assert header_place(head) is None
    assert header_place("Procurement Specialist\nBellevue, Washington\n") is not None


def test_the_jobs_own_headquarters_or_presence_is_still_its_place():
    assert places("This hybrid role requires in-office presence in Denver, CO three days a "
                  "week.") == [("Denver", "CO", "US")]
    found = header_place("Office Coordinator\nCorporate Headquarters - Boise, ID\n")
    assert found is not None and found.value == ("Boise", "US")
    found = header_place("Analyst\nDenver · Offices in 12 countries\n")
    assert found is not None and found.value == ("Denver", "US")
