"""Model questions: the prompt plus a small, bounded response schema per strategy.

``guided`` (the embedded default): the model only chooses the title and company
among candidates the page offers (enum-constrained, a few dozen tokens out).
``full`` (strong remote models): the model drafts the whole record from the
cleaned text, under a schema with maxLength/maxItems so no answer can run away;
the merge and grounding stages then check every value against the text.
``draft`` (the embedded model with a fine-tuned adapter, ``extractor.finetune``): the
model drafts a few fields (``ModelDraft``) from the start of the cleaned text, in
exactly the format the adapter was trained on.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from extractor.backends import ModelRequest
from extractor.candidates import Candidate
from extractor.fields import DRAFTED
from extractor.prompt import load_prompt
from extractor.record import EmploymentType, JobPosting, Seniority, WorkplaceType

NONE_OPTION = "none of these"
GUIDED_TEXT_CHARS = 1500  # the title and company sit at the top of a cleaned posting


def _options(cands: list[Candidate]) -> tuple[str, ...]:
    return tuple(c.value for c in cands) + (NONE_OPTION,)


def choice_model(titles: list[Candidate], companies: list[Candidate]) -> type[BaseModel]:
    """A response model whose fields can only take the given options."""
    fields: dict[str, Any] = {}
    if titles:
        fields["title"] = (Literal[_options(titles)], ...)
    if companies:
        fields["company"] = (Literal[_options(companies)], ...)
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


# The whole record as a model drafts it: the fields, types and bounds of
# extractor.fields (DRAFTED), bounded so generation always ends.
Draft: type[BaseModel] = create_model(
    "Draft", __base__=_Bounded, __module__=__name__,
    __doc__="The whole record as a model drafts it; bounded so generation always ends.",
    **DRAFTED,
)


def full_request(text: str, hints: dict[str, Any], reference: str, max_tokens: int) -> ModelRequest:
    """The draft-the-whole-record question, with what the parsers already found as hints."""
    prompt = load_prompt("full")
    messages = prompt.render(
        text=text,
        hints=json.dumps(hints, ensure_ascii=False, default=str) if hints else "{}",
        reference_date=reference,
    )
    return ModelRequest(messages, Draft, max_tokens)


DRAFT_TEXT_CHARS = 1800  # title, company, location and meta lines sit at the top
DRAFT_MAX_TOKENS = 200  # the longest training answer is about 100 tokens
DRAFT_CHAT_FORMAT = "gemma"  # the adapter is trained on Gemma's own turns (finetune/format.py)


class DraftPlace(_Bounded):
    city: str | None = Field(max_length=60)
    region: str | None = Field(max_length=60)
    country: str | None = Field(max_length=2, description="ISO 3166-1 alpha-2")


class ModelDraft(_Bounded):
    """What the model drafts; the parsers and grounding check every value afterwards."""

    # Every key required (null or [] when not stated): the grammar llama-cpp-python
    # compiles from this schema then fixes the key order, so the answer has one shape
    # and the adapter's training target and the runtime answer agree.
    title: str | None = Field(max_length=120)
    company: str | None = Field(max_length=80)
    locations: list[DraftPlace] = Field(max_length=3)
    workplace_type: WorkplaceType | None
    employment_types: list[EmploymentType] = Field(max_length=3)
    seniority: Seniority | None
    date_posted: str | None = Field(max_length=10, description="YYYY-MM-DD")


def draft_messages(text: str) -> list[dict[str, str]]:
    """The draft question's chat messages for a cleaned text (cut to the draft budget)."""
    return load_prompt("draft").render(text=text[:DRAFT_TEXT_CHARS])


def draft_request(text: str, max_tokens: int = DRAFT_MAX_TOKENS) -> ModelRequest:
    """The draft-a-few-fields question the fine-tuned embedded model answers."""
    return ModelRequest(draft_messages(text), ModelDraft, max_tokens, DRAFT_CHAT_FORMAT)


def schema_hash() -> str:
    """Hash of the response schemas the model answers in (part of the cache key)."""
    blob = json.dumps(
        [Draft.model_json_schema(), ModelDraft.model_json_schema(),
         JobPosting.model_json_schema()], sort_keys=True
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]
