"""Deterministic field parsers: rules that beat a small model on numbers, dates and enums.

Every parser reads the *cleaned* text and returns ``Found`` items: a value plus the
character span in that text it came from, so the merge and grounding stages can
show evidence for every field. A parser that is not sure returns nothing: null is
better than a guess.

``parse_text`` runs them all and returns one ``Facts``. ``SUPPORTS`` holds each enum or
bool field's check of a value against the text, and the pay ranges', in its parser's own
words (grounding asks it: one vocabulary per field).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractor.parse import education, employment, salary, seniority, visa, workplace
from extractor.parse.apply import parse_apply_url
from extractor.parse.base import Found
from extractor.parse.dates import parse_dates
from extractor.parse.education import parse_education
from extractor.parse.employment import parse_employment_types
from extractor.parse.experience import parse_experience_years
from extractor.parse.language import detect_language
from extractor.parse.location import country_within, parse_locations
from extractor.parse.places import city_country, country_hints, header_place
from extractor.parse.salary import parse_salaries
from extractor.parse.sections import parse_sections
from extractor.parse.skills import parse_skills
from extractor.parse.visa import parse_visa_sponsorship
from extractor.parse.workplace import parse_workplace
from extractor.record import Location

__all__ = ["SUPPORTS", "Facts", "Found", "parse_text"]

# enum and bool fields and pay -> whether the text states a value, as its parser reads it
SUPPORTS: dict[str, Callable[[Any, str], bool]] = {
    "salary": salary.supports,
    "workplace_type": workplace.supports,
    "employment_types": employment.supports,
    "seniority": seniority.supports,
    "education_level": education.supports,
    "visa_sponsorship": visa.supports,
}


@dataclass
class Facts:
    """What the deterministic parsers found, field by field (record field names)."""

    salary: list[Found[Any]] = field(default_factory=list)  # Found[SalaryRange]
    date_posted: list[Found[dt.date]] = field(default_factory=list)
    valid_through: list[Found[dt.date]] = field(default_factory=list)
    employment_types: list[Found[str]] = field(default_factory=list)
    workplace_type: list[Found[str]] = field(default_factory=list)
    remote_regions: list[Found[str]] = field(default_factory=list)
    locations: list[Found[Any]] = field(default_factory=list)  # Found[Location]
    experience_years_min: list[Found[float]] = field(default_factory=list)
    education_level: list[Found[str]] = field(default_factory=list)
    seniority: list[Found[str]] = field(default_factory=list)  # left to parse_seniority
    visa_sponsorship: list[Found[bool]] = field(default_factory=list)
    language: list[Found[str]] = field(default_factory=list)
    skills: list[Found[str]] = field(default_factory=list)
    responsibilities: list[Found[str]] = field(default_factory=list)
    requirements: list[Found[str]] = field(default_factory=list)
    preferred_qualifications: list[Found[str]] = field(default_factory=list)
    benefits: list[Found[str]] = field(default_factory=list)
    apply_url: list[Found[str]] = field(default_factory=list)


def parse_text(text: str, reference_date: dt.date,
               links: Sequence[tuple[str, str]] = ()) -> Facts:
    """Run every deterministic parser but seniority over the cleaned text (and the page's
    visible ``links``, for where to apply). Seniority reads the title first, so it is
    parsed (``parse_seniority``) once the title is chosen."""
    posted, deadline = parse_dates(text, reference_date)
    workplace, regions = parse_workplace(text)
    facts = Facts(
        salary=_salaries(text),
        date_posted=posted,
        valid_through=deadline,
        employment_types=parse_employment_types(text),
        workplace_type=workplace,
        remote_regions=regions,
        locations=_locations(parse_locations(text), text),
        experience_years_min=parse_experience_years(text),
        education_level=parse_education(text),
        visa_sponsorship=parse_visa_sponsorship(text),
        language=detect_language(text),
        skills=parse_skills(text),
        apply_url=parse_apply_url(text, links),
    )
    for name, items in parse_sections(text).items():
        setattr(facts, name, items)
    return facts


_K_SUFFIX = re.compile(r"\d\s*[kK]\b")


def _salaries(text: str) -> list[Found[Any]]:
    """Pay ranges; a figure without a currency borrows the one the posting states elsewhere.

    A "k" range with no stated period is yearly: RECORD.md's "$120k-$150k" example.
    """
    found = parse_salaries(text)
    stated = next((f.value.currency for f in found if f.value.currency), None)
    if stated and any(f.value.currency is None for f in found):
        found = parse_salaries(text, default_currency=stated)
    return [_yearly_if_k(f) for f in found]


# where a "50k" figure is a month's pay, not a year's
_K_NOT_YEARLY = frozenset({"INR", "CNY", "RUB", "JPY", "KRW"})


def _yearly_if_k(found: Found[Any]) -> Found[Any]:
    """A "k" range of 10,000 or more with no period stated as a yearly one."""
    value = found.value
    low = min((v for v in (value.min, value.max) if v is not None), default=0)
    if value.period is None and _K_SUFFIX.search(value.raw) and low >= 10_000 \
            and value.currency not in _K_NOT_YEARLY:
        value = value.model_copy(update={"period": "year"})
        return Found(value, found.start, found.end, found.confidence)
    return found


def _locations(found: list[Found[Any]], text: str) -> list[Found[Any]]:
    """Parsed locations, with countries looked up for large cities stated without one (a
    bare country one of them then lies in is dropped), and, when nothing was parsed, a
    large city (else a country) named in the header lines."""
    out = []
    for item in found:
        loc = item.value
        if loc.city and not loc.country and (
                country := city_country(loc.city, country_hints(text))):
            item = Found(loc.model_copy(update={"country": country}), item.start, item.end,
                         item.confidence)
        out.append(item)
    if out:  # a bare country a city now lies in says nothing more ("Haiti", "Port-au-Prince")
        return [f for f in out if not any(country_within(f.value, g.value) for g in out)]
    hit = header_place(text)
    if hit is None:
        return []
    city, country = hit.value
    location = Location(raw=text[hit.start:hit.end], city=city, country=country)
    return [Found(location, hit.start, hit.end, 0.8)]
