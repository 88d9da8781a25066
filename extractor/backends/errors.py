"""SDK and instructor exceptions become the project's errors (``extractor.errors``), redacted.

Every backend raises through ``translate_error``: this is where a server's words (which
may echo the API key) become the error lines, the errors file and the summary, so
every message goes through ``redact`` here.

    IncompleteOutputException (max_tokens hit)     -> TruncatedOutputError
    HTTP 401/403                                   -> AuthError
    an answer over the size cap                    -> ResponseTooLargeError
    a cancelled request, a retryable failure left
    after the last attempt, another API error      -> TransportError
    InstructorRetryException, anything else        -> InvalidOutputError
"""

from __future__ import annotations

from extractor.backends.cancel import RequestCancelled
from extractor.backends.redact import display_url, redact
from extractor.backends.retry import in_chain, is_retryable, root_cause
from extractor.backends.transport import ResponseTooLarge
from extractor.errors import (
    AuthError,
    InvalidOutputError,
    ModelError,
    ResponseTooLargeError,
    TransportError,
    TruncatedOutputError,
)

AUTH_STATUSES = (401, 403)


def translate_error(exc: BaseException, attempts: int, endpoint: str | None = None,
                    timeout: float | None = None) -> ModelError:
    """Map SDK and instructor exceptions onto the project's error types, redacted.

    ``endpoint`` is the URL of the last server tried, named in transport errors;
    ``timeout`` the seconds each attempt had, named when attempts timed out. Every
    message goes through ``redact``: this is where a server's words (which may echo
    the key) become the error lines, the errors file and the summary.
    """
    error = _project_error(exc, attempts, display_url(endpoint) if endpoint else None, timeout)
    error.message = redact(error.message)
    error.args = (error.message,)
    return error


def _project_error(exc: BaseException, attempts: int, url: str | None,
                   timeout: float | None) -> ModelError:
    import openai  # lazy: a cached run imports the backends but never the openai SDK
    from instructor.core.exceptions import (  # lazy: as openai
        IncompleteOutputException,
        InstructorRetryException,
    )

    cause = root_cause(exc)
    if isinstance(cause, IncompleteOutputException):
        return TruncatedOutputError(
            "the model hit max_tokens before finishing its answer; raise --max-tokens "
            "or shorten the input", attempts=attempts)
    status = cause.status_code if isinstance(cause, openai.APIStatusError) else None
    special = _transport_special(exc, cause, status, attempts, url)
    if special is not None:
        return special
    if is_retryable(cause):
        timed_out = isinstance(cause, openai.APITimeoutError)
        where = f" (last endpoint {url})" if url else ""
        return TransportError(
            f"the model server kept failing after {attempts} attempt(s){where}: "
            f"{_describe(cause)}{_timeout_note(timed_out, timeout)}", attempts=attempts)
    if isinstance(cause, openai.APIError):
        where = f" (endpoint {url})" if url else ""
        return TransportError(f"the model server refused the request{where}: {_describe(cause)}",
                              attempts=attempts)
    if isinstance(exc, InstructorRetryException):
        return InvalidOutputError(
            f"the model's answer failed validation after {exc.n_attempts} attempt(s): "
            f"{_describe(exc)}", attempts=exc.n_attempts)
    return InvalidOutputError(f"could not read the model's answer: {_describe(cause)}",
                              attempts=attempts)


def _transport_special(exc: BaseException, cause: BaseException, status: int | None,
                       attempts: int, url: str | None) -> ModelError | None:
    """The failures retrying cannot mend: a refused key, an oversized answer, a cancel."""
    where = f" (endpoint {url})" if url else ""
    if status in AUTH_STATUSES:
        return AuthError(
            f"the model server refused the API key with HTTP {status}{where}; "
            f"check OPENAI_API_KEY (and that it is meant for this server): {_describe(cause)}",
            attempts=attempts)
    too_large = in_chain(exc, ResponseTooLarge)
    if too_large is not None:
        return ResponseTooLargeError(
            f"the model server's answer was refused{where}: {too_large}; a model's answer "
            "here is a few kilobytes, so the server or a proxy in front of it is misbehaving",
            attempts=attempts)
    if in_chain(exc, RequestCancelled) is not None:
        return TransportError("the request was cancelled: the run was interrupted",
                              attempts=attempts)
    return None


def _timeout_note(timed_out: bool, timeout: float | None) -> str:
    if timeout is None or not timed_out:
        return ""
    return f" (each attempt had --timeout {timeout:g} s for the whole request)"


def _describe(exc: BaseException) -> str:
    text = redact(f"{type(exc).__name__}: {exc}")
    return text if len(text) <= 300 else text[:297] + "..."
