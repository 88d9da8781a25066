"""Test doubles. FakeBackend is a fake: scripted answers, never shipped as a default."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from extractor.backends import ModelReply, ModelRequest, Usage
from extractor.errors import ModelError


class FakeBackend:
    """Answers each request by calling ``answer(request)``; counts calls."""

    name = "fake"

    def __init__(self, answer: Callable[[ModelRequest], dict[str, Any] | Exception],
                 model_id: str = "fake-model") -> None:
        self.answer = answer
        self.model_id = model_id
        self.requests: list[ModelRequest] = []

    def complete(self, request: ModelRequest) -> ModelReply:
        self.requests.append(request)
        reply = self.answer(request)
        if isinstance(reply, ModelError):
            raise reply
        value = request.response_model.model_validate(reply)
        return ModelReply(value, Usage(100, 10))


def choose_first(request: ModelRequest) -> dict[str, Any]:
    """Pick the first option of every enum field and leave every other required field
    empty (what a lazy model would do)."""
    schema = request.response_model.model_json_schema()
    required = set(schema.get("required", ()))
    return {name: _lazy(prop) for name, prop in schema["properties"].items()
            if "enum" in prop or name in required}


def _lazy(prop: dict[str, Any]) -> Any:
    if "enum" in prop:
        return prop["enum"][0]
    return [] if prop.get("type") == "array" else None
