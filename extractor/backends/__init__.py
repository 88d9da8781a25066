"""Model backends: one module each, behind the one-method ``Backend`` protocol.

``get_backend(settings)`` looks the backend up in a small registry and imports its
module only then, so a run served from the cache never imports llama.cpp or openai.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel

from extractor.errors import ConfigError
from extractor.settings import Settings, endpoints_key


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, other: Usage) -> None:
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens


@dataclass(frozen=True)
class ModelRequest:
    messages: list[dict[str, str]]
    response_model: type[BaseModel]
    max_tokens: int


@dataclass
class ModelReply:
    value: BaseModel
    usage: Usage = field(default_factory=Usage)
    attempts: int = 1


@functools.lru_cache(maxsize=64)
def instructor_model(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` wrapped for instructor once, not on every call.

    instructor wraps a plain pydantic class anew per request (a ``create_model`` and a
    fresh JSON schema each time): about 20 ms of CPU per request for the ``full``
    schema, the largest cost of a remote call on the client. Handed a wrapped class it
    skips that, and its schema cache (keyed by class) then hits. The wrapper is a
    subclass of ``model``, so answers are still instances of it.
    """
    import instructor

    return instructor.openai_schema(model)


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


class Backend(Protocol):
    name: str
    model_id: str

    def complete(self, request: ModelRequest) -> ModelReply:
        """Answer one request with a validated ``request.response_model`` instance.

        Raises:
            TransportError, TruncatedOutputError, InvalidOutputError.
        """
        ...


_REGISTRY = {
    "embedded": "extractor.backends.embedded:EmbeddedBackend",
    "openai": "extractor.backends.openai_compat:OpenAIBackend",
}

_instances: dict[tuple[Any, ...], Backend] = {}


def get_backend(settings: Settings) -> Backend:
    """The backend for these settings, created once per process and reused."""
    if settings.backend not in _REGISTRY:
        known = ", ".join(sorted(_REGISTRY))
        raise ConfigError(f"unknown backend {settings.backend!r}; known: {known}")
    key = (settings.backend, settings.model, endpoints_key(settings.base_url),
           settings.n_threads, settings.n_ctx)
    if key not in _instances:
        module_name, _, class_name = _REGISTRY[settings.backend].partition(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        _instances[key] = cls(settings)
    return _instances[key]


def backend_model_id(settings: Settings) -> str:
    """The model id a backend would use, without loading it (for cache keys)."""
    module_name, _, class_name = _REGISTRY[settings.backend].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return str(cls.model_id_for(settings))
