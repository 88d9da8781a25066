"""Error types. Every failure of one input becomes an error line, never a lost batch.

    ExtractorError                 base; ``type`` is the short name written in output lines
    ├── InputError                 the input could not be read or holds no posting text
    ├── ConfigError                bad settings (unknown backend, missing model file...)
    └── ModelError                 the model call failed; carries attempts and usage
        ├── TransportError         429/5xx/timeouts/connection errors after all retries
        │   ├── AuthError          401/403: the server refused the API key (not retried)
        │   └── ResponseTooLargeError  an answer over the size cap (not retried)
        ├── TruncatedOutputError   generation hit max_tokens before the JSON closed
        └── InvalidOutputError     output failed validation after all re-asks
"""

from __future__ import annotations

from typing import Any


class ExtractorError(Exception):
    """Base class; ``type`` names the error in output lines."""

    type = "extractor_error"

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(message)
        self.message = message
        self.context = context

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}


class InputError(ExtractorError):
    type = "input_error"

    def __init__(self, message: str, *, type: str = "input_error") -> None:
        super().__init__(message)
        self.type = type


class ConfigError(ExtractorError):
    type = "config_error"


class ModelError(ExtractorError):
    type = "model_error"

    def __init__(self, message: str, *, attempts: int = 1, raw: str | None = None) -> None:
        super().__init__(message, attempts=attempts)
        self.attempts = attempts
        self.raw = raw


class TransportError(ModelError):
    type = "transport_error"


class AuthError(TransportError):
    type = "auth_error"


class ResponseTooLargeError(TransportError):
    type = "response_too_large"


class TruncatedOutputError(ModelError):
    type = "truncated_output"


class InvalidOutputError(ModelError):
    type = "invalid_output"
