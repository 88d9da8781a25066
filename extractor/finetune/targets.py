"""Targets from labels the visible text states: a label the text does not show is null.

``visible`` is exactly the text the model is given (cleaned, then cut to the draft
budget). Titles, companies and cities must occur in it; a region or country only when
written there (or a US state code that names the country); an employment type or
seniority only when the text says so in words the field's own parser reads; a date
only when the render printed it. Glassdoor's salary estimates are never targets (the
draft has no salary).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from extractor.finetune.render import Shown
from extractor.finetune.rows import Place, Row
from extractor.finetune.schema import empty_draft
from extractor.parse.employment import parse_employment_types
from extractor.parse.location import US_STATES
from extractor.parse.seniority import title_level
from extractor.parse.workplace import parse_workplace

_SPACE = re.compile(r"\s+")
_PARSER_SURE = 0.9  # for rows without a label: a parser finding this sure counts as stated
_TITLE_LEVEL_SURE = 0.8  # a title level this sure is a target ("Accounting Manager")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def occurs(value: str | None, visible: str) -> bool:
    """``value`` is written in ``visible`` (case and whitespace aside, at word edges)."""
    if not value or len(value.strip()) < 2:
        return False
    pattern = r"(?<!\w)" + re.escape(_norm(value)) + r"(?!\w)"
    return re.search(pattern, _norm(visible)) is not None


def code_occurs(code: str | None, visible: str) -> bool:
    """A short code ("US", "IN", "CA") written as such: case matters ("in" is no state)."""
    if not code:
        return False
    return re.search(r"(?<![\w.])" + re.escape(code) + r"(?![\w])", visible) is not None


def _country_shown(code: str | None, visible: str) -> bool:
    import pycountry

    if not code:
        return False
    country = pycountry.countries.get(alpha_2=code)
    names = [country.name, getattr(country, "common_name", "")] if country else []
    names += {"US": ["United States"], "GB": ["United Kingdom"]}.get(code, [])
    codes = [code] + {"US": ["USA", "U.S."], "GB": ["UK"]}.get(code, [])
    return any(occurs(n, visible) for n in names if n) or any(code_occurs(c, visible)
                                                              for c in codes)


def own_place_target(place: Place, visible: str) -> dict[str, Any] | None:
    """A project-written label holds as written when its city (if any) is visible."""
    if place.city and not occurs(place.city, visible):
        return None
    return {"city": place.city, "region": place.region, "country": place.country}


def _region_written(code: str | None, city: str | None, visible: str) -> str | None:
    """A region code counts next to its city ("Austin, TX"), or alone when longer than
    two letters; two-letter codes alone are too often words or other things."""
    if not code:
        return None
    if city and re.search(re.escape(city) + r",?\s+" + re.escape(code) + r"(?!\w)", visible,
                          re.IGNORECASE):
        return code
    return code if len(code) > 2 and occurs(code, visible) else None


def place_target(place: Place, visible: str, raw_shown: bool = False) -> dict[str, Any] | None:
    """The part of a labelled place the text states, or None when it states none of it.
    ``raw_shown``: the label is written as the source wrote it ("Michigan, United States")."""

    city = place.city if occurs(place.city, visible) else None
    region = _region_written(place.region, city, visible)
    state_written = place.region in US_STATES and (
        occurs(f"{city}, {US_STATES[place.region]}", visible) if city else
        raw_shown and occurs(US_STATES[place.region], visible))
    if region is None and state_written:
        region = place.region  # "Austin, Texas" written, code kept as the one form
    country = place.country if _country_shown(place.country, visible) else None
    if country is None and place.country == "US" and region in US_STATES and city:
        country = "US"  # "Austin, TX": the state code names the country
    if not (city or region or country):
        return None
    return {"city": city, "region": region, "country": country}


def _parsed_employment(visible: str) -> dict[str, float]:

    return {f.value: f.confidence for f in parse_employment_types(visible)}


def employment_target(row: Row, visible: str) -> list[str]:
    if row.own:  # labelled for this very text by the project (any language)
        return row.employment[:3]
    parsed = _parsed_employment(visible)
    if row.employment:
        return [e for e in row.employment if e in parsed][:3]
    return [v for v, c in parsed.items() if c >= _PARSER_SURE][:3]


def _parsed_workplace(visible: str) -> dict[str, float]:

    return {f.value: f.confidence for f in parse_workplace(visible)[0]}


def workplace_target(row: Row, visible: str) -> str | None:
    if row.own:
        return row.own_workplace
    parsed = _parsed_workplace(visible)
    if row.remote:
        return "remote" if "remote" in parsed else None
    sure = [v for v, c in parsed.items() if c >= _PARSER_SURE]
    return sure[0] if len(sure) == 1 else None


def seniority_target(row: Row, title: str | None, shown: Shown, visible: str) -> str | None:
    """The row's level when the text names it (a meta line, or the visible title)."""

    if row.own:
        return row.seniority
    if row.seniority and shown.seniority_text and occurs(shown.seniority_text, visible):
        return row.seniority
    level = title_level(title) if title else None
    return level[0] if level and level[1] >= _TITLE_LEVEL_SURE else None


def date_target(row: Row, shown: Shown, visible: str) -> str | None:
    if row.date_posted is None:
        return None
    if shown.date_text and occurs(shown.date_text, visible):
        return row.date_posted.isoformat()
    if row.own and _absolute_date_written(row.date_posted, visible):
        return row.date_posted.isoformat()
    return None


def _absolute_date_written(date: dt.date, visible: str) -> bool:
    """The day and the year are written as one date ("3 de fevereiro de 2025",
    "February 3, 2025", "03.02.2025", "2025年2月3日"), not "há 3 dias" (the draft
    question gives no reference date; the rules resolve relative dates)."""
    day, year, month = rf"(?<!\d)0?{date.day}", str(date.year), r"[^\W\d_]{3,12}\.?"
    forms = (rf"{day}\.?\s*(?:de\s+|of\s+)?{month},?\s*(?:de\s+)?{year}",
             rf"{month}\s+{day}(?:st|nd|rd|th)?,?\s+{year}",
             rf"{day}[./-]\d{{1,2}}[./-]{year}",
             rf"{year}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*0?{date.day}(?!\d)")
    return any(re.search(form, visible) for form in forms)


def _text_value(value: str | None, visible: str, limit: int) -> str | None:
    """The label when written in the text and short enough for the draft schema."""
    if not value or len(value.strip()) > limit or not occurs(value, visible):
        return None
    return value.strip()


def _fits(place: dict[str, Any]) -> bool:
    return all(v is None or len(v) <= limit for v, limit in
               ((place["city"], 60), (place["region"], 60), (place["country"], 2)))


def build_target(row: Row, shown: Shown, visible: str) -> dict[str, Any]:
    """The draft answer for ``row`` as rendered; every value is written in ``visible``."""
    target = empty_draft()
    target["title"] = _text_value(row.title, visible, 120)
    target["company"] = _text_value(row.company, visible, 80)
    raw_shown = occurs(row.location_raw, visible)
    read = own_place_target if row.own else lambda x, v: place_target(x, v, raw_shown)
    places = [p for p in (read(x, visible) for x in row.places) if p and _fits(p)]
    target["locations"] = places[:3]
    target["workplace_type"] = workplace_target(row, visible)
    target["employment_types"] = employment_target(row, visible)
    target["seniority"] = seniority_target(row, target["title"], shown, visible)
    target["date_posted"] = date_target(row, shown, visible)
    return target
