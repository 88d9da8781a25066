"""Large cities to countries (GeoNames), and cities named in the header lines."""

from __future__ import annotations

import pytest

from extractor.parse.places import city_country, header_city


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
    hit = header_city(text)
    assert (hit.value if hit else None) == expected
    if hit:
        assert text[hit.start:hit.end] == expected[0]
