"""Source-label agreement: the extractor against the corpus sources' own structured labels.

    python -m bench.agree                          # rules-only over all of shared/corpus
    python -m bench.agree --source emscad --field title --show 10
    python -m bench.agree --system pipeline --out bench/agree.json

Every posting of ``../shared/corpus`` (SOURCES.md) is fed as its source says a user would
feed it (only the text columns of a row; a page or a post whole), through the public
loader, and each field whose label maps onto a record field is compared after
normalising both sides (case, spacing, legal forms, the source's spellings -> RECORD.md's
words; "", "NA", "-1" and 0 are no label). Each labelled field lands in one bucket:
``agree``; ``not_in_text`` (the label's value is nowhere in the cleaned text, so missing
it is not our defect); ``we_null`` (stated, we say nothing); ``disagree``. The labels are
distant: a disagreement is a lead to read, not a verdict. Skips when the corpus is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.codes import country_code, country_name
from extractor.finetune.rows import Place, parse_city_region
from extractor.load import Document, LoadError, LoadFailure, iter_inputs, load_text
from extractor.parse.location import US_STATES

FIELDS = ("title", "company", "location_city", "location_region", "location_country",
          "workplace_type", "employment_types", "seniority", "pay_min", "pay_max",
          "pay_currency", "pay_period", "date_posted", "apply_url")
BUCKETS = ("agree", "disagree", "we_null", "not_in_text")
NO_LABEL = frozenset({"", "na", "n/a", "-1", "none", "null", "0", "0.0"})
# the text columns a user feeds, per row source (SOURCES.md, "text to feed")
TEXT_COLUMNS = {
    "linkedin_kaggle_2024": ("description", "skills_desc"),
    "glassdoor_ds_jobs": ("Job Description",),
    "emscad": ("company_profile", "description", "requirements", "benefits"),
    "remoteok_api": ("description",),
}
LEGAL_FORMS = frozenset({"inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation",
                         "co", "gmbh", "plc", "sa", "ag", "llp", "lp", "pllc", "pc", "bv",
                         "oy", "ab", "srl", "spa", "cjsc", "ojsc", "ooo", "ao", "pjsc"})
_EMPLOYMENT = {"full time": "full_time", "part time": "part_time", "contract": "contract",
               "contractor": "contract", "temporary": "temporary", "internship": "internship",
               "volunteer": "volunteer", "other": "other", "per diem": "per_diem"}
_SENIORITY = {"internship": {"internship"}, "entry level": {"entry"},
              "associate": {"entry", "mid"}, "mid senior level": {"mid", "senior"},
              "director": {"director"}, "executive": {"executive"}}
_PERIODS = {"hourly": "hour", "hour": "hour", "weekly": "week", "week": "week",
            "monthly": "month", "month": "month", "yearly": "year", "year": "year",
            "annual": "year", "daily": "day", "day": "day"}
_CURRENCIES = {"RUR": "RUB"}
# words whose presence means the text states the label (checked on normalised text)
SURFACES: dict[str, tuple[str, ...]] = {
    "remote": ("remote", "telecommut", "work from home", "удален", "удалён"),
    "full_time": ("full time", "fulltime", "полная занятость", "полный день"),
    "part_time": ("part time", "parttime", "частичная"),
    "contract": ("contract", "freelance", "1099"), "temporary": ("temporary", "temp "),
    "internship": ("intern", "стаж"), "volunteer": ("volunteer",), "other": (),
    # a level as postings state one ("entry level", "mid-senior"), not "data entry"
    "entry": ("entry level", "junior", "graduate"),
    "mid": ("mid level", "mid senior", "intermediate"),
    "senior": ("senior", "sr "), "director": ("director",), "executive": ("executive", "chief"),
    "hour": ("hour", "hr", "hourly"), "day": ("day", "daily"), "week": ("week",),
    "month": ("month", "mo ", "мес"), "year": ("year", "annual", "yr", "annum", "год"),
    "USD": ("$", "usd", "dollar"), "RUB": ("руб", "₽", "rub"), "EUR": ("€", "eur"),
    "GBP": ("£", "gbp", "pound"), "AMD": ("amd", "dram"),
}
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_RU_MONTHS = ("января февраля марта апреля мая июня июля августа сентября октября ноября "
              "декабря").split()


# --------------------------------------------------------------------------- normalisers

def norm(value: Any) -> str:
    """Case-folded, entities decoded, every run of non-letters/digits one space."""
    text = unicodedata.normalize("NFKC", html.unescape(str(value))).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


def norm_company(value: Any) -> str:
    """`norm` without a leading "the" or trailing legal forms ("Acme, Inc." -> "acme")."""
    words = norm(value).split()
    words = words[1:] if words[:1] == ["the"] and len(words) > 1 else words
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def norm_url(value: Any) -> str:
    text = str(value).strip()
    return re.sub(r"^https?://(www\.)?", "", text, flags=re.I).rstrip("/").casefold()


def labelled(value: Any) -> str | None:
    """The label as text, or None for the sources' "no label" spellings."""
    if value is None:
        return None
    text = str(value).strip()
    return None if text.casefold() in NO_LABEL else text


def region_code(value: str) -> str:
    """A US state's name as its code ("California" -> "CA"); anything else normalised."""
    codes = {name.casefold(): code for code, name in US_STATES.items()}
    return codes.get(value.strip().casefold(), value.strip().upper())


def enum_of(table: dict[str, Any], value: Any) -> Any:
    text = labelled(value)
    return None if text is None else table.get(norm(text.split(";")[0]))


# --------------------------------------------------------------------------- labels

@dataclass(frozen=True)
class Want:
    """One labelled field: every item must be among ours; an item that is a frozenset is
    satisfied by any one of its members (a source's "Mid-Senior level" is mid or senior)."""

    items: tuple[Any, ...]
    raw: str


Labels = dict[str, Want]


def want(labels: Labels, name: str, raw: Any, *items: Any) -> None:
    kept = tuple(i for i in items if i not in (None, "", frozenset()))
    if kept:
        labels[name] = Want(kept, str(raw))


def want_text(labels: Labels, name: str, raw: Any) -> None:
    """A text label (a title, a company) kept as the source spells it."""
    want(labels, name, raw, labelled(raw))


def want_places(labels: Labels, raw: Any) -> None:
    """A free-text location label as city, region and country labels."""
    place = labelled(raw)
    add_places(labels, place, label_places(place))


def add_places(labels: Labels, raw: str | None, places: list[Place]) -> None:
    for part in ("city", "region", "country"):
        values = [getattr(p, part) for p in places if getattr(p, part)]
        if part == "region":
            values = [region_code(v) for v in values]
        want(labels, f"location_{part}", raw, *dict.fromkeys(values))


def label_places(raw: str | None) -> list[Place]:
    """A free-text location label as places; "Remote" parts are a workplace, not a place."""
    if not raw or "\n" in raw:
        return []
    parts = [p for p in re.split(r"\s*[,;/]\s*", raw) if p and norm(p) != "remote"]
    if len(parts) > 1 and all(country_code(p) for p in parts):
        return [Place(country=country_code(p)) for p in parts]
    return parse_city_region(", ".join(parts))


def add_pay(labels: Labels, raw: str, low: Any, high: Any,
            currency: str | None = None, period: str | None = None) -> None:
    want(labels, "pay_min", raw, _number(low))
    want(labels, "pay_max", raw, _number(high))
    if _number(low) or _number(high):
        want(labels, "pay_currency", raw, _CURRENCIES.get(currency or "", currency))
        want(labels, "pay_period", raw, period)


def _number(value: Any) -> float | None:
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        return None
    return number if number > 0 else None


def _linkedin(row: dict[str, Any]) -> Labels:
    labels: Labels = {}
    want_text(labels, "title", row.get("title"))
    want_text(labels, "company", row.get("company_name"))
    want_places(labels, row.get("location"))
    if row.get("remote_allowed") == "1.0":
        want(labels, "workplace_type", "remote_allowed 1.0", "remote")
    work = row.get("formatted_work_type")
    want(labels, "employment_types", work, enum_of(_EMPLOYMENT, work))
    level = row.get("formatted_experience_level")
    want(labels, "seniority", level, frozenset(enum_of(_SENIORITY, level) or ()))
    median = labelled(row.get("med_salary"))
    add_pay(labels, f"{row.get('min_salary')}-{row.get('max_salary')}/{median} "
            f"{row.get('currency')} {row.get('pay_period')}",
            labelled(row.get("min_salary")) or median, labelled(row.get("max_salary")) or median,
            labelled(row.get("currency")), enum_of(_PERIODS, row.get("pay_period")))
    want(labels, "date_posted", row.get("listed_time"), _epoch_day(row.get("listed_time"), 1000))
    want(labels, "apply_url", row.get("application_url"), labelled(row.get("application_url")))
    return labels


def _epoch_day(value: Any, scale: int) -> str | None:
    number = _number(value)
    return None if number is None else dt.datetime.fromtimestamp(number / scale, dt.UTC).date(
    ).isoformat()


def _glassdoor(row: dict[str, Any]) -> Labels:
    labels: Labels = {}
    want_text(labels, "title", row.get("Job Title"))
    company = str(row.get("Company Name") or "").split("\n")[0]
    want_text(labels, "company", company)
    place = labelled(row.get("Location"))
    want_places(labels, place)
    if place and norm(place) == "remote":
        want(labels, "workplace_type", place, "remote")
    estimate = str(row.get("Salary Estimate") or "")
    pay = re.match(r"\$(\d+)K-\$(\d+)K\s*\(Employer est", estimate)
    if pay:  # Glassdoor's own estimates are never in the text: only the employer's count
        add_pay(labels, estimate, int(pay[1]) * 1000, int(pay[2]) * 1000, "USD", "year")
    return labels


def _emscad(row: dict[str, Any]) -> Labels:
    labels: Labels = {}
    want_text(labels, "title", row.get("title"))
    raw = str(row.get("location") or "")
    parts = [p.strip() for p in raw.split(",")]
    if len(parts) >= 3:
        city = ", ".join(parts[2:]) or None
        region = parts[1] if parts[0] == "US" and parts[1] in US_STATES else None
        want(labels, "location_city", raw, city)
        want(labels, "location_region", raw, region)
        want(labels, "location_country", raw, parts[0] or None)
    if row.get("telecommuting") == "1":
        want(labels, "workplace_type", "telecommuting 1", "remote")
    work = row.get("employment_type")
    want(labels, "employment_types", work, enum_of(_EMPLOYMENT, work))
    level = row.get("required_experience")
    want(labels, "seniority", level, frozenset(enum_of(_SENIORITY, level) or ()))
    pay = re.fullmatch(r"(\d+)-(\d+)", str(row.get("salary_range") or ""))
    if pay:
        add_pay(labels, pay[0], pay[1], pay[2])
    return labels


def _armenia(row: dict[str, Any]) -> Labels:
    labels: Labels = {}
    want_text(labels, "title", row.get("Title"))
    want_text(labels, "company", row.get("Company"))
    want_places(labels, row.get("Location"))
    term = row.get("Term")
    want(labels, "employment_types", term, enum_of(_EMPLOYMENT, term))
    day = labelled(row.get("date"))
    if day:
        want(labels, "date_posted", day, dt.datetime.strptime(day, "%d/%m/%Y").date().isoformat())
    return labels


def _remoteok(row: dict[str, Any]) -> Labels:
    labels: Labels = {}
    want_text(labels, "title", row.get("position"))
    want_text(labels, "company", row.get("company"))
    want_places(labels, row.get("location"))
    want(labels, "workplace_type", "a Remote OK job", "remote")
    add_pay(labels, f"{row.get('salary_min')}-{row.get('salary_max')}", row.get("salary_min"),
            row.get("salary_max"))
    want(labels, "date_posted", row.get("date"), str(row.get("date") or "")[:10] or None)
    want(labels, "apply_url", row.get("apply_url"), labelled(row.get("apply_url")))
    return labels


def _vercel(row: dict[str, Any]) -> Labels:
    labels: Labels = {}
    title = row.get("listing_title")
    extracted = labelled(row.get("repo_extracted_title"))
    options = frozenset(t for t in (labelled(title), extracted) if t)
    want(labels, "title", " | ".join(sorted(options)), options)
    want_places(labels, row.get("listing_location"))
    return labels


def _hh(row: dict[str, Any]) -> Labels:
    posting = row.get("jsonld_JobPosting") or {}
    labels: Labels = {}
    want_text(labels, "title", posting.get("title"))
    company = (posting.get("hiringOrganization") or {}).get("name")
    want_text(labels, "company", company)
    address = ((posting.get("jobLocation") or {}).get("address") or {})
    want(labels, "location_city", address, labelled(address.get("addressLocality")))
    country = address.get("addressCountry")
    country = country.get("name") if isinstance(country, dict) else country
    want(labels, "location_country", country, country_code(str(country or "")))
    work = str(posting.get("employmentType") or "").replace("_", " ")
    want(labels, "employment_types", work, enum_of(_EMPLOYMENT, work))
    pay = (posting.get("baseSalary") or {})
    value = pay.get("value") or {}
    add_pay(labels, json.dumps(pay, ensure_ascii=False), value.get("minValue"),
            value.get("maxValue"), labelled(pay.get("currency")),
            enum_of(_PERIODS, value.get("unitText")))
    want(labels, "date_posted", posting.get("datePosted"),
         str(posting.get("datePosted") or "")[:10] or None)
    return labels


LABEL_READERS: dict[str, Callable[[dict[str, Any]], Labels]] = {
    "linkedin_kaggle_2024": _linkedin, "glassdoor_ds_jobs": _glassdoor, "emscad": _emscad,
    "armenia_careercenter": _armenia, "remoteok_api": _remoteok,
    "vercel_careers_html": _vercel, "hh_ru_html": _hh,
}
SOURCES = tuple(LABEL_READERS)


# --------------------------------------------------------------------------- our side

def ours(name: str, record: dict[str, Any] | None) -> list[Any]:
    """Our values for one compared field, normalised as the labels are."""
    if record is None:
        return []
    if name.startswith("location_"):
        part = name.removeprefix("location_")
        values = [loc.get(part) for loc in record.get("locations") or [] if loc.get(part)]
        return [region_code(v) for v in values] if part == "region" else values
    if name.startswith("pay_"):
        key = name.removeprefix("pay_")
        return [r.get(key) for r in record.get("salary") or [] if r.get(key) is not None]
    value = record.get(name)
    return list(value) if isinstance(value, list) else ([] if value is None else [value])


def _same(name: str, label: Any, value: Any) -> bool:
    if isinstance(label, float) or isinstance(value, (int, float)):
        try:
            return abs(float(label) - float(value)) < 0.01
        except (TypeError, ValueError):
            return False
    if name == "company":
        return norm_company(label) == norm_company(value)
    if name == "apply_url":
        return norm_url(label) == norm_url(value)
    if name == "location_country":
        return str(label).upper() == str(value).upper()
    return norm(label) == norm(value)


def _item_agrees(name: str, item: Any, values: list[Any]) -> bool:
    options = item if isinstance(item, frozenset) else (item,)
    return any(_same(name, option, value) for option in options for value in values)


def agrees(name: str, label: Want, values: list[Any]) -> bool:
    return all(_item_agrees(name, item, values) for item in label.items)


# --------------------------------------------------------------------------- stated in text?

def in_text(name: str, label: Want, text: str) -> bool:
    """Whether the cleaned text states the label's value at all (every item, any option)."""
    plain, numbers = f" {norm(text)} ", _numbers_in(text)
    return all(any(_stated(name, option, plain, numbers, text)
                   for option in (item if isinstance(item, frozenset) else (item,)))
               for item in label.items)


def _stated(name: str, value: Any, plain: str, numbers: set[float], text: str) -> bool:
    if isinstance(value, float):
        return value in numbers
    if name == "date_posted":
        return any(form in plain for form in _date_forms(str(value)))
    if name == "apply_url":
        return norm_url(value) in text.casefold()
    if name in ("location_country", "location_region"):
        return _place_stated(name, str(value), plain, text)
    if name in ("pay_period", "pay_currency"):
        return _near_pay(SURFACES.get(str(value), (str(value).casefold(),)), text)
    if str(value) in SURFACES:
        return any(form in plain or form in text.casefold() for form in SURFACES[str(value)])
    wanted = norm_company(value) if name == "company" else norm(value)
    return f" {wanted} " in plain


def _place_stated(name: str, code: str, plain: str, text: str) -> bool:
    """A country or a US state by name (any case) or by its code as written ("US", "IN":
    upper case, so the words "us" and "in" do not count)."""
    if re.search(rf"(?<![\w.]){re.escape(code)}(?![\w])", text):
        return True
    if name == "location_region":
        names: tuple[str, ...] = (US_STATES.get(code, ""),)
    else:
        names = (country_name(code) or "", *_COUNTRY_ALIASES.get(code, ()))
    return any(f" {norm(form)} " in plain for form in names if form)


_PAY_FIGURE = re.compile(r"[$€£₽]\s?\d|\d[\d,.]*\s?(?:k\b|usd|eur|gbp|rub|руб|amd|dram)")


def _near_pay(forms: tuple[str, ...], text: str, before: int = 40, after: int = 80) -> bool:
    """A pay period or currency counts as stated only beside a pay figure ("$25 an hour",
    "Hourly rate: $25"), not as any "hour" or "year" anywhere in the text."""
    low = text.casefold()
    return any(form in low[max(0, m.start() - before):m.end() + after]
               for m in _PAY_FIGURE.finditer(low) for form in forms)


_COUNTRY_ALIASES = {"US": ("USA", "U.S.A", "America"), "GB": ("UK", "England", "Britain"),
                    "RU": ("Россия",)}


def _date_forms(iso: str) -> tuple[str, ...]:
    day = dt.date.fromisoformat(iso)
    month, ru = _MONTHS[day.month - 1], _RU_MONTHS[day.month - 1]
    return tuple(norm(form) for form in (
        iso, f"{day:%d/%m/%Y}", f"{day:%m/%d/%Y}", f"{day:%d.%m.%Y}",
        f"{day.day} {month} {day.year}", f"{month} {day.day} {day.year}",
        f"{day.day} {month[:3]} {day.year}", f"{month[:3]} {day.day} {day.year}",
        f"{day.day} {ru} {day.year}", f"{day.day} {ru}"))


_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:[,. \u00a0]\d{3})+|\d+)([.,]\d{1,2})?(?!\d)\s*([kK])?")


def _numbers_in(text: str) -> set[float]:
    """Every amount written in the text: "40,000", "40 000", "40k", "28.50"."""
    found: set[float] = set()
    for whole, cents, thousand in _NUMBER.findall(text):
        value = float(re.sub(r"\D", "", whole) + (cents.replace(",", ".") if cents else ""))
        found.add(value * 1000 if thousand else value)
    return found


# --------------------------------------------------------------------------- the run

@dataclass
class Posting:
    source: str
    file: str
    labels: Labels
    doc: Document | LoadFailure


def feed(corpus: Path, line: dict[str, Any]) -> Document | LoadFailure:
    """The posting as SOURCES.md says to feed it: a row's text columns only, else the file."""
    path = corpus / line["file"]
    columns = TEXT_COLUMNS.get(line["source"])
    if columns is None:
        return next(iter(iter_inputs([path])))
    row = json.loads(path.read_text(encoding="utf-8"))
    kept = {key: row[key] for key in columns if isinstance(row.get(key), str) and row[key]}
    try:
        return load_text(json.dumps(kept, ensure_ascii=False), line["file"], kind="json")
    except LoadError as exc:
        return LoadFailure(line["file"], exc.error_type, exc.message)


def postings(corpus: Path, sources: Iterable[str]) -> Iterator[Posting]:
    for source in sources:
        for text in (corpus / source / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            if text.strip():
                line = json.loads(text)
                yield Posting(source, line["file"], LABEL_READERS[source](line["labels"]),
                              feed(corpus, line))


@dataclass
class Tally:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    examples: list[dict[str, Any]] = field(default_factory=list)


def bucket(name: str, label: Want, values: list[Any], text: str) -> str:
    if agrees(name, label, values):
        return "agree"
    if not in_text(name, label, text):
        return "not_in_text"
    return "we_null" if not values else "disagree"


def count(tallies: dict[tuple[str, str], Tally], posting: Posting,
          record: dict[str, Any] | None, text: str, fields: Iterable[str]) -> None:
    """Add one posting's compared fields to the per source x field tallies."""
    for name in fields:
        label = posting.labels.get(name)
        if label is None:
            continue
        values = ours(name, record)
        kind = bucket(name, label, values, text)
        tally = tallies.setdefault((posting.source, name), Tally())
        tally.counts[kind] += 1
        if kind != "agree":
            tally.examples.append({"file": posting.file, "label": label.raw,
                                   "ours": values, "bucket": kind})


def run(corpus: Path, sources: list[str], fields: list[str], system: str
        ) -> dict[tuple[str, str], Tally]:
    from extractor.pipeline import extract_documents
    from extractor.settings import resolve_settings

    settings = resolve_settings(use_cache=False, reference_date=dt.date(2026, 11, 28),
                                strategy="rules" if system == "rules" else None)
    items = list(postings(corpus, sources))
    tallies: dict[tuple[str, str], Tally] = {}
    for posting, result in zip(items, extract_documents([p.doc for p in items], settings),
                               strict=True):
        record = result.record.model_dump(mode="json") if result.record is not None else None
        count(tallies, posting, record, result.text or "", fields)
    return tallies


# --------------------------------------------------------------------------- output

def ordered(tallies: dict[tuple[str, str], Tally]) -> list[tuple[tuple[str, str], Tally]]:
    """Sources in SOURCES.md's order, fields in FIELDS' order."""
    return sorted(tallies.items(), key=lambda kv: (SOURCES.index(kv[0][0]),
                                                   FIELDS.index(kv[0][1])))


def table(tallies: dict[tuple[str, str], Tally]) -> list[str]:
    head = f"{'source':22} {'field':17} {'n':>4} " + " ".join(f"{b:>11}" for b in BUCKETS)
    rows = [head + "  agree/stated"]
    for (source, name), tally in ordered(tallies):
        c = tally.counts
        stated = sum(c.values()) - c["not_in_text"]
        share = f"{c['agree'] / stated:.2f}" if stated else "-"
        rows.append(f"{source:22} {name:17} {sum(c.values()):>4} "
                    + " ".join(f"{c[b]:>11}" for b in BUCKETS) + f"  {share:>12}")
    return rows


def shown(tallies: dict[tuple[str, str], Tally], limit: int) -> list[str]:
    """The first `limit` disagreements per source x field whose label the text states
    (the JSON keeps the not-in-text ones too)."""
    lines: list[str] = []
    for (source, name), tally in ordered(tallies):
        stated = [e for e in tally.examples if e["bucket"] != "not_in_text"]
        for example in stated[:limit]:
            lines.append(f"{source} {name} [{example['bucket']}, label in text] "
                         f"{example['file']}: label {example['label']!r} "
                         f"ours {example['ours']!r}")
    return lines


def as_json(tallies: dict[tuple[str, str], Tally], system: str) -> dict[str, Any]:
    return {"system": system, "buckets": list(BUCKETS),
            "rows": [{"source": s, "field": f, **t.counts, "examples": t.examples}
                     for (s, f), t in ordered(tallies)]}


def build_parser() -> argparse.ArgumentParser:
    from evals.fixtures_io import SHARED_CORPUS

    parser = argparse.ArgumentParser(prog="python -m bench.agree", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", action="append", choices=SOURCES,
                        help="only this source (repeatable; default all)")
    parser.add_argument("--field", action="append", choices=FIELDS,
                        help="only this field (repeatable; default all)")
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="print the first N disagreements per source x field")
    parser.add_argument("--system", choices=("rules", "pipeline"), default="rules")
    parser.add_argument("--corpus", type=Path, default=SHARED_CORPUS,
                        help=f"the developer corpus folder (default {SHARED_CORPUS})")
    parser.add_argument("--out", type=Path, help="also write the counts and examples as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not (args.corpus / "SOURCES.md").is_file():
        print(f"skipped: no developer corpus at {args.corpus} (pass --corpus PATH)")
        return 0
    tallies = run(args.corpus, args.source or list(SOURCES), args.field or list(FIELDS),
                  args.system)
    print("\n".join(table(tallies)))
    if args.show:
        print("\n".join(shown(tallies, args.show)))
    if args.out:
        from bench.common import write_json

        print(f"wrote {write_json(args.out, as_json(tallies, args.system))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
