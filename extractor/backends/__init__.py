"""Model backends: one module each, behind the one-method ``Backend`` protocol.

``BACKENDS`` is the one registry of backend names: the settings check, the CLI's
``--backend`` choices and ``get_backend`` all read it. ``get_backend(settings)`` looks
the backend up there and imports its module only then, so ``extract --help`` and a run
served from the cache never import llama.cpp, openai or instructor.

This module is a leaf (it imports only the errors and the endpoint list), so that
``extractor.settings`` can check names against the registry. The modules beside it:

    embedded.py         the in-process GGUF model (llama-cpp-python)
    openai_compat.py    any OpenAI-compatible endpoint
    instructor_glue.py  what both backends pass to instructor and read back from it
    errors.py           SDK and instructor exceptions -> the project's errors, redacted
    redact.py           secrets masked in messages, logs and URLs
    retry.py            which transport failures are retried, and how long to wait
    endpoints.py        the endpoint list of ``--base-url`` and the pool over it
    transport.py        the bounded HTTP transport (deadline, size cap, cancellation)
    cancel.py           cancelling the requests in flight when a run is interrupted
    limited.py          a backend whose requests wait on a request-rate limiter
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from extractor.backends.endpoints import endpoints_key
from extractor.errors import ConfigError

if TYPE_CHECKING:
    from pydantic import BaseModel

EMBEDDED = "embedded"
OPENAI = "openai"

# name -> "module:Class" (the default, Settings.backend, is EMBEDDED)
BACKENDS: dict[str, str] = {
    EMBEDDED: "extractor.backends.embedded:EmbeddedBackend",
    OPENAI: "extractor.backends.openai_compat:OpenAIBackend",
}
BACKEND_NAMES: tuple[str, ...] = tuple(BACKENDS)


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
    # the embedded backend's turn format for this prompt (a llama-cpp-python chat format
    # name: "gemma" for the fine-tuned draft); None: the backend's default. Remote
    # backends send messages as they are and ignore it.
    chat_format: str | None = None


@dataclass
class ModelReply:
    value: BaseModel
    usage: Usage = field(default_factory=Usage)
    attempts: int = 1


class Backend(Protocol):
    @property
    def name(self) -> str:
        """The registry name (or a fake's own), recorded in each output line."""
        ...

    @property
    def model_id(self) -> str:
        """The model this backend answers with, part of the cache key."""
        ...

    def complete(self, request: ModelRequest) -> ModelReply:
        """Answer one request with a validated ``request.response_model`` instance.

        Raises:
            TransportError, TruncatedOutputError, InvalidOutputError.
        """
        ...


class BackendSettings(Protocol):
    """What the registry reads of ``extractor.settings.Settings``: typed here, so that
    this leaf imports nothing of the settings module, which imports it."""

    @property
    def backend(self) -> str:
        ...

    @property
    def model(self) -> str | None:
        ...

    @property
    def adapter(self) -> str | None:
        ...

    @property
    def base_url(self) -> str | None:
        ...

    @property
    def n_threads(self) -> int | None:
        ...

    @property
    def n_ctx(self) -> int:
        ...


_instances: dict[tuple[Any, ...], Backend] = {}


def backend_class(name: str) -> Any:
    """The class registered as ``name`` (its module is imported now).

    Raises:
        ConfigError: ``name`` is not in the registry (the message lists the known ones).
    """
    if name not in BACKENDS:
        raise ConfigError(f"unknown backend {name!r}; known: {', '.join(sorted(BACKENDS))}")
    module_name, _, class_name = BACKENDS[name].partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def get_backend(settings: BackendSettings) -> Backend:
    """The backend for these settings, created once per process and reused."""
    cls = backend_class(settings.backend)
    key = (settings.backend, settings.model, settings.adapter,
           endpoints_key(settings.base_url), settings.n_threads, settings.n_ctx)
    if key not in _instances:
        _instances[key] = cls(settings)
    return _instances[key]


def backend_model_id(settings: BackendSettings) -> str:
    """The model id a backend would use, without loading it (for cache keys)."""
    return str(backend_class(settings.backend).model_id_for(settings))
