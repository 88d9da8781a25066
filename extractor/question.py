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
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, create_model

from extractor.backends import ModelRequest
from extractor.candidates import Candidate
from extractor.fields import DRAFTED
from extractor.prompt import load_prompt
from extractor.record import JobPosting

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


def schema_hash() -> str:
    """Hash of the response schemas the model answers in (part of the cache key)."""
    blob = json.dumps(
        [Draft.model_json_schema(), JobPosting.model_json_schema()], sort_keys=True
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]
