"""The draft the fine-tuned model answers: the fields a small model reads well, short.

Every field is required (null or empty when the text does not state it), so the
grammar llama-cpp-python compiles from this schema fixes the key order and the
answer has exactly one shape: the training target and the runtime answer agree.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from extractor.record import EmploymentType, Seniority, WorkplaceType

DRAFT_TEXT_CHARS = 1800  # title, company, location and meta lines sit at the top


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftPlace(_Strict):
    city: str | None = Field(max_length=60)
    region: str | None = Field(max_length=60)
    country: str | None = Field(max_length=2, description="ISO 3166-1 alpha-2")


class ModelDraft(_Strict):
    """What the model drafts; the parsers and grounding check every value afterwards."""

    title: str | None = Field(max_length=120)
    company: str | None = Field(max_length=80)
    locations: list[DraftPlace] = Field(max_length=3)
    workplace_type: WorkplaceType | None
    employment_types: list[EmploymentType] = Field(max_length=3)
    seniority: Seniority | None
    date_posted: str | None = Field(max_length=10, description="YYYY-MM-DD")


FIELDS: tuple[str, ...] = tuple(ModelDraft.model_fields)


def empty_draft() -> dict[str, object]:
    """The answer for a text that states none of the fields."""
    return {"title": None, "company": None, "locations": [], "workplace_type": None,
            "employment_types": [], "seniority": None, "date_posted": None}
