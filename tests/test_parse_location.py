"""parse_locations and country_code on phrasings taken from real postings."""

from __future__ import annotations

import pytest

from extractor.codes import country_code
from extractor.parse.location import country_sequence, parse_locations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("USA", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("U.S.", "US"),
        ("us", "US"),
        ("UK", "GB"),
        ("England", "GB"),
        ("Deutschland", "DE"),
        ("Germany", "DE"),
        ("Россия", "RU"),
        ("РФ", "RU"),
        ("Russia", "RU"),
        ("Armenia", "AM"),
        ("RA", "AM"),
        ("UAE", "AE"),
        ("CA", "CA"),  # a bare code on a country field is Canada, not California
        ("IN", "IN"),
        ("DE", "DE"),
        ("GBR", "GB"),
        ("Türkiye", "TR"),
        ("South Korea", "KR"),
        ("Vietnam", "VN"),
        (" Canada ", "CA"),
        ("ra", None),  # "RA" only in its exact spelling
        ("Remote", None),
        ("California", None),
        ("EMEA", None),
        ("", None),
        ("Xyzland", None),
    ],
)
def test_country_code(text: str, expected: str | None) -> None:
    assert country_code(text) == expected


Loc = tuple[str | None, str | None, str | None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Location: New York, NY\nAbout us", [("New York", "NY", "US")]),
        ("POSITION LOCATION: Yerevan, Armenia\nJOB DESCRIPTION: ...", [("Yerevan", None, "AM")]),
        ("Location: DE, BE, Berlin\n", [("Berlin", "BE", "DE")]),  # exported "CC, REGION, City"
        ("LOCATION:  Sharjah, UAE", [("Sharjah", None, "AE")]),
        ("LOCATION:  Yerevan, Armenia, Tbilisi, Georgia",
         [("Yerevan", None, "AM"), ("Tbilisi", None, "GE")]),
        ("LOCATION:  Yerevan, Armenia, with travel to regions", [("Yerevan", None, "AM")]),
        ("POSITION LOCATION:   Headquarters, Silver Spring, MD, USA",
         [("Silver Spring", "MD", "US")]),
        ("Job Details\nLevel\nEntry\nJob Location\nRemote, Telework - , VA\nPosition Type",
         [(None, "VA", "US")]),
        ("Reposted 8 Days Ago\nRemote\nHiring Remotely in United States\n13K-13K Annually",
         [(None, None, "US")]),
        ("Data · Remote (United States) · Full Time", [(None, None, "US")]),
        ("Data\nRemote\xa0(United StatesGermanyUnited Kingdom)\nFull Time",
         [(None, None, "US"), (None, None, "DE"), (None, None, "GB")]),
        ("Location: Kolomna, Moscow Oblast", [("Kolomna", "Moscow Oblast", None)]),
        ("Город: Коломна", [("Коломна", None, None)]),
        ("Адрес\nКоломна, улица Астахова, 55\nПоказать на карте", [("Коломна", None, None)]),
        ("Location: 210 W Loop Street, Buda, TX 78610", [("Buda", "TX", "US")]),
        ("Job Locations: Dayton, Ohio", [("Dayton", "OH", "US")]),
        ("Location: Toronto, ON, Canada", [("Toronto", "ON", "CA")]),
        ("Location: US, DC, Washington", [("Washington", "DC", "US")]),
        ("Location: Washington, D.C.", [("Washington", "DC", "US")]),
        ("Location: California, United States", [(None, "CA", "US")]),
        ("Position: Fundraising ConsultantLocation: Nashville, TN Reports to: Director",
         [("Nashville", "TN", "US")]),
        ("Fluent in Mandarin and EnglishLocation: Fontana, CAWorking hours: Monday",
         [("Fontana", "CA", "US")]),
        ("Locations :- Princeton, NJ (Remote is fine) Duration :- Long Term",
         [("Princeton", "NJ", "US")]),
        ("Location: Remote (Haiti, in-country preferred but not required)", [(None, None, "HT")]),
        # a bare city mention refined elsewhere is one place
        ("Location: Palo Alto, CA\nteam based in Palo Alto) Location: Palo AltoAn AmLaw 200",
         [("Palo Alto", "CA", "US")]),
        # prose fallback: City, ST in a sentence when nothing is labelled
        ("Maxar is seeking a Data Scientist to join our team in the Herndon, VA office.",
         [("Herndon", "VA", "US")]),
        ("This is a full-time on-site role located in Brentwood, CA.",
         [("Brentwood", "CA", "US")]),
        # a labelled location wins over the company's office blurb
        ("Hiring Remotely in United States\n\nDropbox Los Angeles, California, USA Office\n"
         "Los Angeles, CA, United States", [(None, None, "US")]),
        # the headquarters blurb is not the job location
        ("SEIA is a wealth management firm headquartered in Los Angeles, CA. This position "
         "can be part remote in our Redondo Beach, California office.",
         [("Redondo Beach", "CA", "US")]),
        # negatives
        ("Location: Remote", []),
        ("Location: Remote (except California)", []),
        ("Work Location: In person", []),
        ("LOCATION:  Yerevan and various regions of Armenia.", []),
        ("Office Location: 5101 N. Cotton Lane, Suite 100 - - - - -", []),
        ("Location: Western State Hospital", []),
        ("Bachelor's degree in Computer Science, MS or PhD preferred.", []),
        ("Proficient computer knowledge (i.e., Zoom, MS Office Suite such as Excel)", []),
        ("We have offices in Atlanta, Georgia and Tbilisi, Georgia.", []),
        ("Skills: AWS, GCP, OR Azure", []),
    ],
)
def test_parse_locations(text: str, expected: list[Loc]) -> None:
    found = parse_locations(text)
    assert [(f.value.city, f.value.region, f.value.country) for f in found] == expected


@pytest.mark.parametrize(
    "text",
    [
        "POSITION LOCATION: Yerevan, Armenia\n",
        "Location: Chicago, IL 60601",
        "Data · Remote (United States) · Full Time",
        "join our team in the Herndon, VA office.",
    ],
)
def test_location_spans_point_at_raw(text: str) -> None:
    for f in parse_locations(text):
        assert text[f.start:f.end] == f.value.raw
        assert 0 < f.confidence <= 1


def test_labelled_beats_prose_confidence() -> None:
    labelled = parse_locations("Location: Austin, TX")[0]
    prose = parse_locations("Our team in Austin, TX is growing.")[0]
    assert labelled.confidence > prose.confidence


def test_country_sequence_glued_and_stops_at_prose() -> None:
    assert [c for c, _, _ in country_sequence("United StatesGermanyUnited Kingdom)")] == [
        "US", "DE", "GB"]
    assert [c for c, _, _ in country_sequence("the United States or Canada to apply")] == [
        "US", "CA"]
    assert country_sequence("Indiana") == []


def test_a_header_that_names_only_a_country_gives_that_country_and_no_city():
    import datetime as dt

    from extractor.parse import parse_text

    text = ("Peace Corps - Armenia\nJOB TITLE: Technical Coordinator\n"
            "POSITION LOCATION: The trainers will live in a village\n")
    facts = parse_text(text, dt.date(2004, 4, 1))
    assert [(f.value.city, f.value.country) for f in facts.locations] == [(None, "AM")]


@pytest.mark.parametrize("text", ["Lieu : Paris, CDI", "Location: Lyon · CDI",
                                  "Lieu de travail : Paris / CDI", "Location: CDI, Paris"])
def test_an_employment_type_beside_a_place_is_not_a_place(text):
    places = [(f.value.city, f.value.region) for f in parse_locations(text)]
    assert len(places) == 1 and "CDI" not in places[0] and places[0][0] in ("Paris", "Lyon")


def test_cdi_beside_the_place_of_a_french_posting_is_full_time_evidence():
    import datetime as dt

    from extractor.parse import parse_text

    text = ("Ingénieur data (H/F)\nLieu : Paris, CDI\n\nNous recherchons un ingénieur pour "
            "notre équipe. Vous travaillerez avec les équipes produit et la direction.\n")
    facts = parse_text(text, dt.date(2025, 1, 1))
    assert [(f.value.city, f.value.country) for f in facts.locations] == [("Paris", "FR")]
    assert [f.value for f in facts.employment_types] == ["full_time"]


def test_a_bare_country_that_a_stated_city_lies_in_is_not_a_second_place():
    import datetime as dt

    from extractor.parse import parse_text

    text = ("AI Specialist Haitian Creole\nLocation: Port-au-Prince\n\nWe are looking for "
            "specialists.\nLocation: Remote (Haiti, in-country preferred but not required)\n")
    facts = parse_text(text, dt.date(2026, 3, 1))
    assert [(f.value.city, f.value.country) for f in facts.locations] == [
        ("Port-au-Prince", "HT")]
    other = "Location: Lyon\nLocation: Belgium\n"  # another country stays
    assert [(f.value.city, f.value.country) for f in
            parse_text(other, dt.date(2026, 3, 1)).locations] == [("Lyon", "FR"), (None, "BE")]
