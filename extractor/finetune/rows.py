"""Training rows in one shape: posting body plus the source's labels, from two places.

``../shared/training/*.jsonl``: real postings with the sources' own (distant) labels;
nothing here says a label is in the text: ``targets`` checks that after rendering.
``training/own/*.jsonl``: postings the project wrote, with full labels.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.codes import country_code
from extractor.parse.location import US_STATES
from extractor.parse.places import city_country

MIN_BODY_CHARS = 200
_STATE_CODES = {name.casefold(): code for code, name in US_STATES.items()}

_SENIORITY_LABELS = {
    "entry level": "entry", "mid-senior level": "mid", "director": "director",
    "executive": "executive", "internship": "internship",
}
_EMPLOYMENT_LABELS = {
    "full-time": "full_time", "part-time": "part_time", "contract": "contract",
    "temporary": "temporary", "internship": "internship", "volunteer": "volunteer",
}


class TrainingDataError(ValueError):
    """A training file that cannot be used; the message says which line and what to fix."""


@dataclass
class Place:
    city: str | None = None
    region: str | None = None
    country: str | None = None


@dataclass
class Row:
    """One posting: its body text, what the source says about it, and where it came from."""

    source: str
    row_id: str
    body: str
    language: str = "en"
    title: str | None = None
    company: str | None = None
    location_raw: str | None = None
    places: list[Place] = field(default_factory=list)
    employment: list[str] = field(default_factory=list)
    employment_label: str | None = None  # as the source writes it ("Full-time")
    remote: bool = False
    seniority: str | None = None
    seniority_label: str | None = None  # as the source writes it ("Entry level")
    date_posted: dt.date | None = None
    own: bool = False  # labels written for this text by the project
    own_format: str = "text"
    own_workplace: str | None = None


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSONL file; raises TrainingDataError naming the bad line."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TrainingDataError(f"{path}:{number}: not valid JSON ({exc.msg}); "
                                        "fix or remove that line") from exc
            if not isinstance(value, dict):
                raise TrainingDataError(f"{path}:{number}: expected a JSON object per line")
            yield value


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) and value.strip() not in {"", "NA"} else ""


def _us_place(city: str, region: str) -> Place:
    country = "US" if region.upper() in US_STATES else None
    return Place(city or None, region or None, country)


def parse_city_region(raw: str) -> list[Place]:
    """'Fort Collins, CO' / 'United States' / 'Yerevan, Armenia' as a label, to places.

    A label that is no such plain form ("IREX Main Office; Yerevan") keeps only the
    parts that name a known large city or a country.
    """

    parts = [p.strip() for p in re.split(r"[,;]", raw) if p.strip()]
    if not parts:
        return []
    if len(parts) == 2 and len(parts[-1]) == 2 and parts[-1].isupper():
        return [_us_place(parts[0], parts[-1])]
    if len(parts) == 1 and country_code(parts[0]):
        return [Place(country=country_code(parts[0]))]
    state = _STATE_CODES.get(parts[0].casefold())
    if state and len(parts) <= 2:  # "Michigan, United States": a region, not a city
        return [Place(region=state, country="US")]
    return _known_parts(parts)


def _known_parts(parts: list[str]) -> list[Place]:

    city = next((p for p in parts if city_country(p)), None)
    country = next((country_code(p) for p in parts if country_code(p)), None)
    if city is None and len(parts) == 2 and len(parts[0].split()) <= 3:
        city = parts[0] if country else None
    if city is None and country is None:
        return []
    return [Place(city=city, country=country or (city_country(city) if city else None))]


def _emscad_places(raw: str) -> list[Place]:
    parts = [p.strip() for p in raw.split(",")]
    if len(parts) < 3:
        return []
    country, region, city = parts[0] or None, parts[1] or None, ", ".join(parts[2:]) or None
    if region and (country != "US" or region not in US_STATES):
        region = None  # EMSCAD's non-US region codes ("LND", "I") are not written in text
    return [Place(city, region, country)] if city or country else []


def _epoch_date(value: str) -> dt.date | None:
    try:
        return dt.datetime.fromtimestamp(float(value) / 1000, dt.UTC).date()
    except (TypeError, ValueError):
        return None


def _dmy_date(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def _employment(label: str) -> list[str]:
    value = _EMPLOYMENT_LABELS.get(label.strip().lower())
    return [value] if value else []


def _linkedin(row: dict[str, Any]) -> dict[str, Any]:
    body = "\n\n".join(p for p in (_text(row.get("description")), _text(row.get("skills_desc")))
                       if p)
    return {"body": body, "title": _text(row.get("title")),
            "company": _text(row.get("company_name")),
            "location_raw": _text(row.get("location")),
            "places": parse_city_region(_text(row.get("location"))),
            "employment_label": _text(row.get("formatted_work_type")),
            "employment": _employment(_text(row.get("formatted_work_type"))),
            "remote": row.get("remote_allowed") == "1.0",
            "seniority_label": _text(row.get("formatted_experience_level")),
            "date_posted": _epoch_date(row.get("listed_time", ""))}


def _glassdoor(row: dict[str, Any]) -> dict[str, Any]:
    company = _text(row.get("Company Name")).split("\n")[0].strip()
    return {"body": _text(row.get("Job Description")), "title": _text(row.get("Job Title")),
            "company": company, "location_raw": _text(row.get("Location")),
            "places": parse_city_region(_text(row.get("Location")))}


def _emscad(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("company_profile", "description", "requirements", "benefits")
    body = "\n\n".join(_text(row.get(k)) for k in keys if _text(row.get(k)))
    raw = _text(row.get("location"))
    return {"body": body, "title": _text(row.get("title")), "company": None,
            "location_raw": raw, "places": _emscad_places(raw),
            "employment_label": _text(row.get("employment_type")),
            "employment": _employment(_text(row.get("employment_type"))),
            "remote": row.get("telecommuting") == "1",
            "seniority_label": _text(row.get("required_experience"))}


def _armenia(row: dict[str, Any]) -> dict[str, Any]:
    raw = _text(row.get("Location"))
    return {"body": _text(row.get("jobpost")), "title": _text(row.get("Title")),
            "company": _text(row.get("Company")), "location_raw": raw,
            "places": parse_city_region(raw), "date_posted": _dmy_date(row.get("date", ""))}


SHARED_READERS = {"linkedin_kaggle_2024": _linkedin, "glassdoor_ds_jobs": _glassdoor,
                  "emscad": _emscad, "armenia_careercenter": _armenia}


def _shared_row(line: dict[str, Any], path: Path) -> Row | None:
    source = line.get("source") or path.stem
    reader = SHARED_READERS.get(source)
    if reader is None or not isinstance(line.get("row"), dict):
        raise TrainingDataError(f"{path}: unknown source {source!r} or no 'row' object; "
                                f"known sources: {', '.join(sorted(SHARED_READERS))}")
    values = reader(line["row"])
    if len(values["body"]) < MIN_BODY_CHARS:
        return None
    label = values.get("seniority_label") or ""
    values["seniority"] = _SENIORITY_LABELS.get(label.lower())
    values = {k: (v or None) if isinstance(v, str) else v for k, v in values.items()}
    values["body"] = values["body"] or ""
    return Row(source=source, row_id=str(line.get("id")), **values)


def read_shared(folder: Path) -> list[Row]:
    """Every usable row of the shared training files (bodies under 200 characters dropped)."""
    rows: list[Row] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in read_jsonl(path):
            row = _shared_row(line, path)
            if row is not None:
                rows.append(row)
    return rows


_OWN_REQUIRED = ("id", "text", "labels")


def _own_places(labels: dict[str, Any]) -> list[Place]:
    places = []
    for item in labels.get("locations") or []:
        if isinstance(item, dict):
            place = Place(item.get("city"), item.get("region"), item.get("country"))
            if place.city or place.region or place.country:
                places.append(place)
    return places


def _own_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def own_row(line: dict[str, Any], where: str) -> Row:
    """A project-written posting ({"id","language","format","text","labels",...})."""
    missing = [k for k in _OWN_REQUIRED if k not in line]
    if missing or not isinstance(line.get("labels"), dict):
        raise TrainingDataError(f"{where}: missing {', '.join(missing) or 'labels object'}; "
                                "each line needs id, text and a labels object")
    labels = line["labels"]
    return Row(source="own", row_id=str(line["id"]), body=str(line["text"]),
               language=str(line.get("language") or "en"), title=labels.get("title"),
               company=labels.get("company"), places=_own_places(labels),
               employment=[e for e in labels.get("employment_types") or [] if isinstance(e, str)],
               seniority=labels.get("seniority"), date_posted=_own_date(labels.get("date_posted")),
               own=True, own_format=str(line.get("format") or "text"),
               own_workplace=labels.get("workplace_type"))


def read_own(folder: Path) -> list[Row]:
    """Project-written postings; an absent folder gives none."""
    rows = []
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        for number, line in enumerate(read_jsonl(path), start=1):
            rows.append(own_row(line, f"{path}:{number}"))
    return rows


_SPACE = re.compile(r"\s+")


def group_key(row: Row) -> str:
    """Rows with the same opening text form one group (Glassdoor repeats postings)."""
    return f"{row.source}:{_SPACE.sub(' ', row.body[:400]).strip().lower()}"
