"""The record's fields in one list, with what each stage needs to know about each one.

``FIELDS`` follows ``JobPosting.model_fields`` (the record's order) and adds, per field:

* ``kind``: what the value is, for grounding: ``text``, ``url``, ``number``, ``date``,
  ``salary``, ``location``, or ``enum`` / ``bool`` (checked by the field's parser's ``supports``);
* ``score``: how ``evals.score`` compares a prediction with a label (``exact``, ``title``,
  ``company``, ``date``, ``years``, ``url``, ``salary``, ``skill``, ``text``, or
  ``location``, scored as ``location_country`` and ``location_city``);
* ``headline``: the field's row in the eval's headline table (0: not a headline field);
* ``csv``: whether it has columns in the CSV and Parquet tables: its own name, or none
  (long lists); ``extractor.batch.tables`` spreads pay ranges and places over columns
  (``salary_1_min``, ``location_city``);
* ``draft``: its type and bounds in the model's draft (``extractor.question.Draft``), or
  None when the model does not draft it.

A field of the record with no entry here (or an entry for no field) fails at import,
so adding a field is: its parser, the record, and one ``_spec`` line below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_origin

from pydantic import BaseModel, ConfigDict, Field

from extractor.record import (
    EducationLevel,
    EmploymentType,
    JobPosting,
    PayPeriod,
    Seniority,
    WorkplaceType,
)

Kind = Literal["text", "url", "number", "date", "salary", "location", "enum", "bool"]
DraftSpec = tuple[Any, Any]  # (annotation, default or pydantic Field) for create_model


@dataclass(frozen=True)
class FieldSpec:
    """One record field and what the stages need to know about it."""

    name: str
    kind: Kind
    score: str
    many: bool  # a list in the record
    csv: tuple[str, ...]
    headline: int = 0
    draft: DraftSpec | None = None


class _Bounded(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftLocation(_Bounded):
    city: str | None = Field(default=None, max_length=60)
    region: str | None = Field(default=None, max_length=60)
    country: str | None = Field(default=None, max_length=60)


class DraftSalary(_Bounded):
    min: float | None = None
    max: float | None = None
    currency: str | None = Field(default=None, max_length=3)
    period: PayPeriod | None = None


Skill = Annotated[str, Field(max_length=40)]
Item = Annotated[str, Field(max_length=200)]


def _text(size: int) -> DraftSpec:
    return (str | None, Field(default=None, max_length=size))


def _items(annotation: Any, count: int) -> DraftSpec:
    return (list[annotation], Field(default_factory=list, max_length=count))


def _one(annotation: Any) -> DraftSpec:
    return (annotation | None, None)


def _date() -> DraftSpec:
    return (str | None, Field(default=None, max_length=10, description="YYYY-MM-DD"))


def _spec(kind: Kind, score: str, *, headline: int = 0, csv: tuple[str, ...] | None = None,
          draft: DraftSpec | None = None) -> dict[str, Any]:
    return {"kind": kind, "score": score, "headline": headline, "csv": csv, "draft": draft}


_SPECS: dict[str, dict[str, Any]] = {
    "title": _spec("text", "title", headline=1, draft=_text(120)),
    "company": _spec("text", "company", headline=2, draft=_text(80)),
    "locations": _spec("location", "location", headline=3, draft=_items(DraftLocation, 5)),
    "workplace_type": _spec("enum", "exact", headline=4, draft=_one(WorkplaceType)),
    "remote_regions": _spec("text", "exact", draft=_items(str, 5)),
    "employment_types": _spec("enum", "exact", headline=5, draft=_items(EmploymentType, 3)),
    "seniority": _spec("enum", "exact", headline=6, draft=_one(Seniority)),
    "salary": _spec("salary", "salary", headline=7, draft=_items(DraftSalary, 4)),
    "date_posted": _spec("date", "date", headline=11, draft=_date()),
    "valid_through": _spec("date", "date", draft=_date()),
    "experience_years_min": _spec("number", "years", headline=8,
                                  draft=(float | None, Field(default=None, ge=0, le=60))),
    "education_level": _spec("enum", "exact", headline=9, draft=_one(EducationLevel)),
    "skills": _spec("text", "skill", draft=_items(Skill, 20)),
    "responsibilities": _spec("text", "text", csv=()),
    "requirements": _spec("text", "text", csv=(), draft=_items(Item, 10)),
    "preferred_qualifications": _spec("text", "text", csv=()),
    "benefits": _spec("text", "text", csv=()),
    "visa_sponsorship": _spec("bool", "exact", headline=10, draft=_one(bool)),
    "apply_url": _spec("url", "url"),
    "language": _spec("text", "exact", headline=12),
}


def _columns(name: str, parts: tuple[str, ...] | None) -> tuple[str, ...]:
    """Table columns: the field's own (None) or none (())."""
    return (name,) if parts is None else parts


def _fields() -> tuple[FieldSpec, ...]:
    """FieldSpecs in the record's order; a field missing on either side is an error."""
    record = JobPosting.model_fields
    extra = sorted(set(_SPECS) - set(record))
    if extra:
        raise RuntimeError(f"extractor/fields.py lists {extra}, which JobPosting lacks: "
                           "remove them or add them to extractor/record.py")
    missing = sorted(set(record) - set(_SPECS))
    if missing:
        raise RuntimeError(f"JobPosting fields {missing} are not in extractor/fields.py: "
                           "add a _spec line for each (see 'Adding a field' in docs/design.md)")
    return tuple(
        FieldSpec(name, many=get_origin(info.annotation) is list,
                  **{**_SPECS[name], "csv": _columns(name, _SPECS[name]["csv"])})
        for name, info in record.items()
    )


FIELDS: tuple[FieldSpec, ...] = _fields()
FIELD_NAMES: tuple[str, ...] = tuple(spec.name for spec in FIELDS)
BY_NAME: dict[str, FieldSpec] = {spec.name: spec for spec in FIELDS}
# name -> DraftSpec; typed Any as create_model(**DRAFTED) wants its keyword arguments
DRAFTED: dict[str, Any] = {spec.name: spec.draft for spec in FIELDS if spec.draft}

__all__ = ["BY_NAME", "DRAFTED", "FIELDS", "FIELD_NAMES", "DraftLocation",
           "DraftSalary", "FieldSpec", "Kind"]
