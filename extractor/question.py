"""Model questions: the prompt plus a small, bounded response schema per strategy.

``guided`` (the embedded default): the model only chooses the title and company
among candidates the page offers (enum-constrained, a few dozen tokens out).
``full`` (strong remote models): the model drafts the whole record from the
cleaned text, under a schema with maxLength/maxItems so no answer can run away;
the merge and grounding stages then check every value against the text.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from extractor.backends import ModelRequest
from extractor.candidates import Candidate
from extractor.prompt import load_prompt
from extractor.record import (
    EducationLevel,
    EmploymentType,
    JobPosting,
    PayPeriod,
    Seniority,
    WorkplaceType,
)

NONE_OPTION = "none of these"
GUIDED_TEXT_CHARS = 1500  # the title and company sit at the top of a cleaned posting


def _options(cands: list[Candidate]) -> tuple[str, ...]:
    return tuple(c.value for c in cands) + (NONE_OPTION,)


def choice_model(titles: list[Candidate], companies: list[Candidate]) -> type[BaseModel]:
    """A response model whose fields can only take the given options."""
    fields: dict[str, Any] = {}
    if titles:
        fields["title"] = (Literal[_options(titles)], ...)  # type: ignore[valid-type]
    if companies:
        fields["company"] = (Literal[_options(companies)], ...)  # type: ignore[valid-type]
    return create_model("Choice", __config__=ConfigDict(extra="forbid"), **fields)


def guided_request(
    text: str, titles: list[Candidate], companies: list[Candidate], max_tokens: int
) -> ModelRequest | None:
    """The choose-among-candidates question, or None when there is nothing to choose."""
    if not titles and not companies:
        return None
    prompt = load_prompt("guided")
    messages = prompt.render(
        text=text[:GUIDED_TEXT_CHARS],
        titles=_listing(titles),
        companies=_listing(companies),
    )
    return ModelRequest(messages, choice_model(titles, companies), max_tokens)


def _listing(cands: list[Candidate]) -> str:
    if not cands:
        return "(no question)"
    return "\n".join(f"- {value}" for value in _options(cands))


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


class Draft(_Bounded):
    """The whole record as a model drafts it; bounded so generation always ends."""

    title: str | None = Field(default=None, max_length=120)
    company: str | None = Field(default=None, max_length=80)
    locations: list[DraftLocation] = Field(default_factory=list, max_length=5)
    workplace_type: WorkplaceType | None = None
    remote_regions: list[str] = Field(default_factory=list, max_length=5)
    employment_types: list[EmploymentType] = Field(default_factory=list, max_length=3)
    seniority: Seniority | None = None
    salary: list[DraftSalary] = Field(default_factory=list, max_length=4)
    date_posted: str | None = Field(default=None, max_length=10, description="YYYY-MM-DD")
    valid_through: str | None = Field(default=None, max_length=10, description="YYYY-MM-DD")
    experience_years_min: float | None = Field(default=None, ge=0, le=60)
    education_level: EducationLevel | None = None
    skills: list[Skill] = Field(default_factory=list, max_length=20)
    requirements: list[Item] = Field(default_factory=list, max_length=10)
    visa_sponsorship: bool | None = None


def full_request(text: str, hints: dict[str, Any], reference: str, max_tokens: int) -> ModelRequest:
    """The draft-the-whole-record question, with what the parsers already found as hints."""
    prompt = load_prompt("full")
    messages = prompt.render(
        text=text,
        hints=json.dumps(hints, ensure_ascii=False, default=str) if hints else "{}",
        reference_date=reference,
    )
    return ModelRequest(messages, Draft, max_tokens)


def schema_hash() -> str:
    """Hash of the response schemas the model answers in (part of the cache key)."""
    blob = json.dumps(
        [Draft.model_json_schema(), JobPosting.model_json_schema()], sort_keys=True
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]
