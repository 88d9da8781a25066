"""Baseline (a): what a user writes in 20 lines. Raw text -> instructor -> the schema.

Same model as the pipeline, no cleaning, no parsers, no candidates, no grounding.
TOOLS mode (grammar-constrained, so the JSON is at least well-formed) and the same
record schema; the answer is cut off at ``max_tokens`` like any other call.
"""

from __future__ import annotations

from typing import Any

from extractor.backends import ModelRequest, get_backend
from extractor.record import JobPosting
from extractor.settings import Settings

NAIVE_MAX_TOKENS = 768


def naive_extract(raw_text: str, settings: Settings) -> tuple[JobPosting, Any]:
    """Return (record, usage); raises the backend's errors (truncation included)."""
    messages = [
        {"role": "system", "content": "Extract the job posting into the schema."},
        {"role": "user", "content": raw_text[: settings.max_input_chars]},
    ]
    reply = get_backend(settings).complete(ModelRequest(messages, JobPosting, NAIVE_MAX_TOKENS))
    return reply.value, reply.usage  # type: ignore[return-value]
