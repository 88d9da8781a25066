"""Merge: one precedence, field by field, between page data, rules and the model.

Precedence (first source that has a value wins):

    field                         1st                 2nd                     3rd
    title, company                page data (JSON-LD / JSON fields)   model's choice among
                                  candidates (guided) or draft (full)   top candidate (rules)
    dates, experience,            page data (JSON-LD)  deterministic parsers    model draft (full)
    education, employment types,
    workplace, regions, visa,
    seniority
    salary, locations             deterministic        page data (JSON-LD       model draft (full)
                                  parsers, completed   baseSalary, jobLocation)
                                  by page data (period
                                  from unitText, region
                                  from addressRegion)
    skills, lists (duties...)     deterministic parsers                  model draft (full)
    language                      deterministic detector
    apply_url                     a JSON row's apply  the text's apply line   the posting's url
                                  column              or apply link (rules)   (JSON row, JSON-LD)

The fine-tuned draft (``draft`` strategy, ``extractor.question.ModelDraft``) goes before
the rules on the fields in ``DRAFT_FIRST`` where the text supports its value (page data
still wins), and fills only what page data and rules left empty elsewhere; the choice
per field was measured on the eval sets (``extractor/finetune/README.md``).

Each merged value keeps its evidence: spans into the cleaned text, or a note that
it came from page structured data. Grounding runs after this.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from extractor.candidates import RANK, Candidate
from extractor.load import APPLY_KEYS, URL_KEYS, url_column
from extractor.parse import Facts
from extractor.parse.base import Found
from extractor.parse.dates import dates_in_fields
from extractor.parse.employment import parse_employment_types
from extractor.parse.experience import WISH_CONFIDENCE
from extractor.question import NONE_OPTION
from extractor.record import EDUCATION_LEVELS, Location, SalaryRange

LIST_FIELDS = (
    "skills", "responsibilities", "requirements", "preferred_qualifications", "benefits",
)
SINGLE_FROM_RULES = (
    "date_posted", "valid_through", "workplace_type", "seniority", "visa_sponsorship",
    "language", "apply_url",
)
# The draft fields that go before the rules: each alone, first, raised the headline
# micro-F1 over the 198 eval postings of all four sets (bench/draft_order.py with the
# shipped draft-v2 adapter: workplace_type 0.9396, none first 0.9391; model card in
# extractor/adapters/README.md).
DRAFT_FIRST: tuple[str, ...] = ("workplace_type",)
# The draft fields never taken: each alone, left out, raised the headline micro-F1 (the
# same bench: company 0.9401 against 0.9391); the rules and page data alone fill it.
DRAFT_UNUSED: tuple[str, ...] = ("company",)


@dataclass
class Merged:
    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # field -> page|rules|model

    def put(self, name: str, value: Any, source: str, spans: list[dict[str, Any]]) -> None:
        self.values[name] = value
        self.sources[name] = source
        if spans:
            self.evidence[name] = spans

    def put_new(self, name: str, value: Any, source: str, spans: list[dict[str, Any]]) -> None:
        """``put`` unless a more reliable source already set the field."""
        if name not in self.values:
            self.put(name, value, source, spans)


def span(found: Found[Any], text: str) -> dict[str, Any]:
    if found.start < 0:
        return {"start": None, "end": None, "text": None}
    return {"start": found.start, "end": found.end, "text": text[found.start : found.end]}


def pick_candidate(
    name: str, cands: list[Candidate], chosen: str | None, merged: Merged, text: str
) -> None:
    """Page data first, then the model's choice, then (rules) the top-ranked candidate."""
    page = [c for c in cands if RANK[c.origin] <= RANK["field"]]
    pick: Candidate | None
    if page:
        pick, source = page[0], "page"
    elif chosen is not None:
        if chosen == NONE_OPTION:
            return
        pick = next((c for c in cands if c.value == chosen), None)
        source = "model"
        if pick is None:  # a drafted (full strategy) value: grounding checks it
            merged.put(name, chosen, "model", [])
            return
    elif cands:
        pick, source = cands[0], "rules"
    else:
        return
    if pick.start >= 0:
        spans = [span(Found(pick.value, pick.start, pick.end), text)]
    else:  # page structured data that the visible text does not repeat
        spans = [{"start": None, "end": None, "text": None, "page_data": pick.origin}]
    merged.put(name, pick.value, source, spans)


def _least(items: list[Found[Any]], order: tuple[str, ...] | None = None) -> Found[Any]:
    if order:
        return min(items, key=lambda f: order.index(f.value) if f.value in order else 99)
    return min(items, key=lambda f: f.value)


def _asked(years: list[Found[Any]]) -> list[Found[Any]]:
    """The figures required, where any is: a wish ("3-5 years preferred") beside a
    requirement ("Five years of experience required") is not the least asked for."""
    return [f for f in years if f.confidence != WISH_CONFIDENCE] or years


def merge_rules(facts: Facts, text: str, merged: Merged) -> None:
    """Fill every field the deterministic parsers settled."""
    for name in SINGLE_FROM_RULES:
        items: list[Found[Any]] = getattr(facts, name)
        if items:
            merged.put_new(name, items[0].value, "rules", [span(items[0], text)])
    if facts.experience_years_min:
        best = _least(_asked(facts.experience_years_min))
        merged.put_new("experience_years_min", best.value, "rules", [span(best, text)])
    required = [f for f in facts.education_level if f.confidence > 0.5]  # 0.5: "a plus"
    if required:
        best = _least(required, EDUCATION_LEVELS)
        merged.put_new("education_level", best.value, "rules", [span(best, text)])
    for name in ("salary", "locations", "employment_types", "remote_regions", *LIST_FIELDS):
        items = _unique(getattr(facts, name))
        if items:
            merged.put_new(name, [f.value for f in items], "rules", [span(f, text) for f in items])


def _unique(items: list[Found[Any]]) -> list[Found[Any]]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = repr(item.value)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def merge_page_data(
    jsonld: list[dict[str, Any]], merged: Merged, facts: Facts | None = None,
    fields: dict[str, Any] | None = None,
) -> list[str]:
    """schema.org JobPosting fields that beat rules: dates and employment type; the dates
    and where to apply of ``fields`` (a JSON row's own object). Page data that the visible text
    contradicts loses: an employment type the text states otherwise is left to the
    parsers. Returns warnings for the output line."""
    warnings: list[str] = []
    for item in jsonld:
        for key, name in (("datePosted", "date_posted"), ("validThrough", "valid_through")):
            value = _iso_date(item.get(key))
            if value:
                merged.put_new(name, value, "page", [_page_note(key)])
        warnings += _merge_page_kinds(_page_kinds(item.get("employmentType")), merged, facts)
    for name, (column, day) in dates_in_fields(fields).items():  # a JSON row's "postedAt"
        merged.put_new(name, day, "page", [_page_note(column)])
    _merge_apply_url(jsonld, fields, merged, facts)
    return warnings


def _page_note(key: str) -> dict[str, Any]:
    return {"start": None, "end": None, "text": key}


def _merge_apply_url(jsonld: list[dict[str, Any]], fields: dict[str, Any] | None,
                     merged: Merged, facts: Facts | None) -> None:
    """A JSON row's apply column beats the text; the posting's own address (a url column,
    the JSON-LD ``url``) fills in only when the text states no apply URL."""
    found = url_column(fields, APPLY_KEYS)
    if found is None and facts is not None and facts.apply_url:
        return
    found = found or url_column(fields, URL_KEYS) or _jsonld_url(jsonld)
    if found is not None:
        merged.put_new("apply_url", found[1], "page", [_page_note(found[0])])


def _jsonld_url(jsonld: list[dict[str, Any]]) -> tuple[str, str] | None:
    return next((("url", item["url"].strip()) for item in jsonld
                 if isinstance(item.get("url"), str)
                 and item["url"].strip().lower().startswith(("http://", "https://"))), None)


def _merge_page_kinds(values: list[str], merged: Merged, facts: Facts | None) -> list[str]:
    shown = sorted({found.value for found in facts.employment_types}) if facts else []
    if values and shown and not {v.lower() for v in values} & set(shown):
        return [f"page data employmentType {values} contradicts the page text {shown}; "
                "the text is used"]
    if values:
        merged.put_new("employment_types", values, "page", [{"start": None, "end": None,
                                                            "text": "employmentType"}])
    return []


def _page_kinds(kinds: Any) -> list[str]:
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if not isinstance(kinds, list):
        return []
    return [kind for k in kinds for kind in _employment_kinds(str(k))]


def _employment_kinds(term: str) -> list[str]:
    """A page's employmentType read with the employment parser's words ("Vollzeit,
    unbefristet" -> full_time); a term it does not know stays as written, for validation."""
    words = term.replace("_", " ")  # schema.org spells them FULL_TIME, PER_DIEM
    return [found.value for found in parse_employment_types(words)] or [term.strip()]


def _iso_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


PAY_TOLERANCE = 0.01  # amounts this close are the same figure (page data rounds)
# countries whose own money is written "$" (RECORD.md's "$120k" is USD only where no other
# dollar is the posting's)
LOCAL_DOLLAR = frozenset({"CA", "AU", "NZ", "SG", "HK", "TW", "MX", "CO", "CL", "AR", "UY",
                          "DO"})
_US_DOLLAR_MARK = re.compile(r"(?i)\bUSD\b|\bUS\s?\$|\bU\$S\b|\bUS\s+dollars?\b")


def unstated_dollar(merged: Merged) -> None:
    """A bare "$" the rules read as USD, in a posting placed only in countries with a
    dollar of their own ("Canada (Remote)", "$130,000 - $150,000 a year"): which dollar
    is not stated, so the range keeps no currency."""
    places = merged.values.get("locations") or []
    countries = {_part(place, "country") for place in places}
    if merged.sources.get("salary") != "rules" or not countries or \
            not countries <= LOCAL_DOLLAR:
        return
    merged.values["salary"] = [
        pay.model_copy(update={"currency": None}) if _bare_usd(pay) else pay
        for pay in merged.values["salary"]]


def _part(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, dict) else getattr(value, name, None)


def _bare_usd(pay: Any) -> bool:
    return isinstance(pay, SalaryRange) and pay.currency == "USD" and "$" in pay.raw \
        and not _US_DOLLAR_MARK.search(pay.raw)


def merge_page_details(jsonld: list[dict[str, Any]], merged: Merged) -> None:
    """What the page's JSON-LD adds to the text's own pay and places (after the rules): a
    pay range's period (``baseSalary`` ``unitText``) and currency where the amounts agree,
    a place's region and country (``jobLocation`` ``addressRegion``/``addressCountry``)
    where the city agrees; and the page's pay or places when the text states none."""
    pay = [p for item in jsonld for p in _page_pay(item.get("baseSalary"))]
    places = [p for item in jsonld for p in _page_places(item.get("jobLocation"))]
    _complete("salary", pay, _same_pay, ("period", "currency"), merged, "baseSalary")
    _complete("locations", places, _same_place, ("region", "country"), merged, "jobLocation")


def _complete(name: str, page: list[Any], same: Any, parts: tuple[str, ...], merged: Merged,
              key: str) -> None:
    if not page:
        return
    values = merged.values.get(name)
    if not values:
        merged.put_new(name, page, "page", [_page_note(key)])
        return
    merged.values[name] = [_filled(value, next((p for p in page if same(value, p)), None), parts)
                           for value in values]


def _filled(value: Any, page: Any, parts: tuple[str, ...]) -> Any:
    """``value`` with the ``parts`` it lacks taken from the matching page item."""
    if page is None or not isinstance(value, BaseModel):
        return value
    update = {part: getattr(page, part) for part in parts
              if getattr(value, part) is None and getattr(page, part) is not None}
    return value.model_copy(update=update) if update else value


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= PAY_TOLERANCE * max(abs(a), abs(b))


def _same_pay(value: Any, page: SalaryRange) -> bool:
    return (isinstance(value, SalaryRange) and _close(value.min, page.min)
            and _close(value.max, page.max) and value.currency in (None, page.currency))


def _same_place(value: Any, page: Location) -> bool:
    return (isinstance(value, Location) and bool(value.city) and bool(page.city)
            and str(value.city).casefold() == str(page.city).casefold())


def _page_pay(value: Any) -> list[SalaryRange]:
    """schema.org MonetaryAmount(s): {"currency", "value": {"minValue", "maxValue" or
    "value", "unitText": "MONTH"}}; one that does not read as pay is left out."""
    out = []
    for amount in value if isinstance(value, list) else [value]:
        if not isinstance(amount, dict):
            continue
        inner = amount.get("value")
        inner = inner if isinstance(inner, dict) else {"value": inner}
        single = inner.get("value")
        unit = inner.get("unitText") or amount.get("unitText")
        try:
            out.append(SalaryRange.model_validate({
                "min": inner.get("minValue", single), "max": inner.get("maxValue", single),
                "currency": amount.get("currency") or None,
                "period": unit.lower() if isinstance(unit, str) else None}))
        except ValidationError:
            continue
    return out


def _page_places(value: Any) -> list[Location]:
    """schema.org Place(s) with a PostalAddress: city, region and country as the page
    writes them (the country as its ISO code)."""
    out = []
    for place in value if isinstance(value, list) else [value]:
        address = place.get("address") if isinstance(place, dict) else None
        if not isinstance(address, dict):
            continue
        parts = [_address_part(address.get(k))
                 for k in ("addressLocality", "addressRegion", "addressCountry")]
        try:
            location = Location(raw=", ".join(p for p in parts if p), city=parts[0],
                                region=parts[1], country=parts[2])
        except ValidationError:
            continue
        if location.raw:
            out.append(location)
    return out


def _address_part(value: Any) -> str | None:
    if isinstance(value, dict):  # "addressCountry": {"@type": "Country", "name": "DE"}
        value = value.get("name")
    return value.strip() or None if isinstance(value, str) else None


def merge_draft(draft: BaseModel, merged: Merged, first: Collection[str] = (),
                unused: Collection[str] = ()) -> None:
    """The model's draft (``extractor.question.Draft`` or ``ModelDraft``) fills what page
    data and rules left empty; a field in ``first`` also replaces what the rules set, a
    field in ``unused`` is not taken."""
    for name, value in draft.model_dump().items():
        if value in (None, [], "") or name in unused:
            continue
        if name not in merged.values:
            merged.put(name, _record_value(name, value), "model", [])
        elif name in first and merged.sources.get(name) == "rules":
            merged.evidence.pop(name, None)  # the rules' spans are not the model's
            merged.put(name, _record_value(name, value), "model", [])


def _record_value(name: str, value: Any) -> Any:
    """A drafted value in the record's shape: pay ranges and places get a ``raw``."""
    if name == "salary":
        return [{**s, "raw": ""} for s in value]
    if name == "locations":
        return [{**loc, "raw": ", ".join(v for v in loc.values() if v)} for loc in value]
    return value
