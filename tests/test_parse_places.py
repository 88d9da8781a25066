"""Large cities to countries (GeoNames), and cities named in the header lines."""

from __future__ import annotations

import pytest

from extractor.parse.places import city_country, header_place


@pytest.mark.parametrize(("name", "country"), [
    ("Paris", "FR"), ("Lyon", "FR"), ("Berlin", "DE"), ("Munich", "DE"), ("Leeds", "GB"),
    ("Noida", "IN"), ("Bengaluru", "IN"), ("Gdańsk", "PL"), ("Москва", "RU"),
    ("Казань", "RU"), ("Yerevan", "AM"), ("London", "GB"), ("Atlantis", None),
    ("Data Engineer", None), ("Remote", None),
])
def test_city_country(name, country):
    assert city_country(name) == country


@pytest.mark.parametrize(("text", "expected"), [
    ("Ingénieur Data (H/F)\nMaison Coquelicot – Paris 9e (75009)\nCDI", ("Paris", "FR")),
    ("Backend Developer – Kotlin\nNordlicht GmbH · Berlin-Kreuzberg · Hybrid", ("Berlin", "DE")),
    ("Python-разработчик\nООО Ветер\nМосква, Бауманская", ("Москва", "RU")),
    ("Boston Scientific\nSenior Engineer\nFull-time", None),
    ("Senior Engineer\nRemote\nFull-time", None),
])
def test_header_city(text, expected):
    hit = header_place(text)
    assert (hit.value if hit else None) == expected
    if hit:
        assert text[hit.start:hit.end] == expected[0]


@pytest.mark.parametrize(("name", "country"), [
    ("Armenia", None), ("Jamaica", None), ("Benin", None),  # cities named like a country
    ("CDI", None), ("FRA", None), ("CAN", None),  # airport codes, not names
    ("Singapore", "SG"), ("Guatemala", "GT"), ("Frankfurt", "DE"),
])
def test_a_country_name_or_a_code_in_capitals_is_not_a_city_elsewhere(name, country):
    assert city_country(name) == country


def test_a_country_named_after_a_dash_in_the_header_is_the_country_with_no_city():
    text = "Peace Corps - Armenia\nJOB TITLE: Technical Coordinator\nWork with volunteers."
    hit = header_place(text)
    assert hit is not None and hit.value == (None, "AM")
    assert text[hit.start:hit.end] == "Armenia"


def test_a_city_in_the_header_beats_a_country_named_before_it():
    hit = header_place("Acme GmbH - Germany · Berlin\nWe build boats.")
    assert hit is not None and hit.value == ("Berlin", "DE")
