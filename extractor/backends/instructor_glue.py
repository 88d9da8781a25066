"""What every backend passes to instructor, and what it reads back (token usage).

Both backends ask through instructor's TOOLS mode; the provider-specific part (how
the client is made and patched) stays in each backend's own module.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel

from extractor.backends import ModelRequest, Usage
from extractor.settings import Settings


@functools.lru_cache(maxsize=64)
def instructor_model(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` wrapped for instructor once, not on every call.

    instructor wraps a plain pydantic class anew per request (a ``create_model`` and a
    fresh JSON schema each time): about 20 ms of CPU per request for the ``full``
    schema, the largest cost of a remote call on the client. Handed a wrapped class it
    skips that, and its schema cache (keyed by class) then hits. The wrapper is a
    subclass of ``model``, so answers are still instances of it.
    """
    import instructor  # lazy: a cached run imports the backends but never instructor

    wrapped: type[BaseModel] = instructor.openai_schema(model)
    return wrapped


def instructor_kwargs(request: ModelRequest, settings: Settings) -> dict[str, Any]:
    """The arguments every backend passes to an instructor create call."""
    return {
        "messages": request.messages,
        "response_model": instructor_model(request.response_model),
        "max_tokens": request.max_tokens,
        "temperature": settings.temperature,
        "seed": settings.seed,
        "max_retries": settings.validation_retries,  # instructor's re-ask layer
    }


def usage_of(completion: Any) -> Usage:
    """The token counts of an OpenAI-style completion (zeros when it has none)."""
    usage = getattr(completion, "usage", None)
    if usage is None:
        return Usage()
    return Usage(int(usage.prompt_tokens or 0), int(usage.completion_tokens or 0))
