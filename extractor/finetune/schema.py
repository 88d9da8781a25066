"""The draft the fine-tuned model answers: ``extractor.question.ModelDraft``, here with
what training adds (the field names, the all-null answer).

Every field is required (null or empty when the text does not state it), so the
grammar llama-cpp-python compiles from this schema fixes the key order and the
answer has exactly one shape: the training target and the runtime answer agree.
"""

from __future__ import annotations

from extractor.question import DRAFT_TEXT_CHARS, DraftPlace, ModelDraft

FIELDS: tuple[str, ...] = tuple(ModelDraft.model_fields)


def empty_draft() -> dict[str, object]:
    """The answer for a text that states none of the fields."""
    return {"title": None, "company": None, "locations": [], "workplace_type": None,
            "employment_types": [], "seniority": None, "date_posted": None}


__all__ = ["DRAFT_TEXT_CHARS", "FIELDS", "DraftPlace", "ModelDraft", "empty_draft"]
