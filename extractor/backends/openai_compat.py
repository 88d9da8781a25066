"""Any OpenAI-compatible endpoint (OpenAI, vLLM, llama.cpp server, Ollama) via instructor.

Two retry layers that never stack:
  * transport (429 honouring Retry-After, 5xx, timeouts, connection errors):
    tenacity with exponential backoff and jitter; the SDK's own retries are off;
  * validation: instructor re-asks with the validation error (``validation_retries``).
Output cut off at max_tokens is reported as ``truncated_output`` and not retried:
the same request would be cut off again; nor are a refused key (401/403:
``auth_error``) and an answer over the size cap (``response_too_large``).

Requests go through ``transport.bounded_client``: ``--timeout`` bounds each attempt as
a whole (not each socket read), answers are capped in size, and an interrupted
batch cancels the requests in flight (``cancel``). Every error message is redacted
(``redact``) where it is made, in ``translate_error``.

Several base URLs (comma-separated) form an ``EndpointPool``: each transport attempt
goes to the least busy healthy endpoint, and one that fails a transport attempt sits
out a cooldown while the retry goes straight (no backoff) to another.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from extractor.backends import ModelReply, ModelRequest, Usage, cancel, instructor_kwargs
from extractor.backends.cancel import RequestCancelled
from extractor.backends.redact import display_url, redact, redact_sdk_logs, remember_secrets
from extractor.backends.transport import ResponseTooLarge, bounded_client
from extractor.errors import (
    AuthError,
    ConfigError,
    InvalidOutputError,
    ModelError,
    ResponseTooLargeError,
    TransportError,
    TruncatedOutputError,
)
from extractor.settings import DEFAULT_OPENAI_MODEL, Settings, endpoint_urls

NO_KEY = "sk-no-key-required"  # local servers accept any key; never a real secret
MAX_RETRY_AFTER_S = 86_400.0  # a Retry-After beyond a day is a server bug, not a plan
AUTH_STATUSES = (401, 403)


def _retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (retry-after-ms / Retry-After), if it said.

    Seconds or an HTTP date; a negative or past value is 0, one beyond a day a day;
    ``nan`` and anything unreadable count as not said (the backoff applies).
    """
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        seconds = _header_seconds(str(headers.get(name) or ""), scale)
        if seconds is not None:
            return seconds
    return None


def _header_seconds(value: str, scale: float) -> float | None:
    """A Retry-After value in seconds within [0, MAX_RETRY_AFTER_S], or None."""
    if not value.strip():
        return None
    try:
        seconds = float(value) / scale
    except ValueError:
        seconds = _seconds_until(value) if scale == 1.0 else math.nan
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


def _seconds_until(http_date: str) -> float:
    """Seconds from now until an HTTP date (negative when past), nan when not a date."""
    try:
        when = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError, IndexError):
        return math.nan
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return (when - dt.datetime.now(dt.UTC)).total_seconds()


def is_retryable(exc: BaseException) -> bool:
    """Transport failures worth another try: 408/409/429, 5xx, timeouts, dropped connections.

    Not: a cancelled request, an answer over the size cap (it would come again), or
    anything else. instructor wraps API errors in InstructorRetryException, so the
    chain is searched.
    """
    import openai

    if _in_chain(exc, RequestCancelled, ResponseTooLarge):
        return False
    exc = _root_cause(exc)
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    return False


@dataclass(eq=False)
class Endpoint:
    """One model server: its URL, its client and what the pool knows about it."""

    url: str
    client: Any
    in_flight: int = 0
    down_until: float = 0.0


class EndpointPool:
    """Endpoints handed out least busy first (ties round-robin); thread-safe.

    An endpoint marked down is skipped until its cooldown ends; when all are down,
    the one back soonest is used (the pool never blocks or refuses).
    """

    def __init__(self, clients: Mapping[str, Any],
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not clients:
            raise ValueError("an endpoint pool needs at least one endpoint")
        self.endpoints = [Endpoint(url, client) for url, client in clients.items()]
        self._clock = clock
        self._lock = threading.Lock()
        self._next = 0  # where the round-robin tie-break starts

    def __len__(self) -> int:
        return len(self.endpoints)

    def acquire(self) -> Endpoint:
        """The endpoint for the next request; pair with ``release``."""
        with self._lock:
            count = len(self.endpoints)
            ordered = [self.endpoints[(self._next + i) % count] for i in range(count)]
            chosen = _least_busy(ordered, self._clock())
            self._next = (self.endpoints.index(chosen) + 1) % count
            chosen.in_flight += 1
            return chosen

    def release(self, endpoint: Endpoint) -> None:
        with self._lock:
            endpoint.in_flight -= 1

    def mark_down(self, endpoint: Endpoint, seconds: float) -> None:
        """Take ``endpoint`` out of rotation for ``seconds`` from now."""
        with self._lock:
            endpoint.down_until = max(endpoint.down_until, self._clock() + seconds)

    def any_up(self) -> bool:
        """Whether some endpoint is in rotation now."""
        with self._lock:
            now = self._clock()
            return any(e.down_until <= now for e in self.endpoints)


def _least_busy(ordered: list[Endpoint], now: float) -> Endpoint:
    """The first of the fewest in flight among those up, else the one back soonest."""
    up = [e for e in ordered if e.down_until <= now]
    if up:
        return min(up, key=lambda e: e.in_flight)
    return min(ordered, key=lambda e: e.down_until)


class _Wait:
    """Exponential backoff with full jitter, overridden by the server's Retry-After.

    Every wait lies in [0, cap]. No wait at all when the pool has another endpoint in
    rotation to try.
    """

    def __init__(self, cap: float, base: float = 0.5, pool: EndpointPool | None = None) -> None:
        self.cap = cap if cap >= 0 else 0.0  # also nan -> 0
        self.base, self.pool = base, pool

    def __call__(self, state: Any) -> float:
        if self.pool is not None and len(self.pool) > 1 and self.pool.any_up():
            return 0.0
        exc = state.outcome.exception() if state.outcome else None
        asked = _retry_after(_root_cause(exc)) if exc else None
        if asked is not None:
            return min(asked, self.cap)
        return random.uniform(0, min(self.cap, self.base * 2 ** (state.attempt_number - 1)))


class OpenAIBackend:
    name = "openai"

    def __init__(self, settings: Settings, http_client: Any = None) -> None:
        import instructor
        import openai

        self.settings = settings
        self.model_id = self.model_id_for(settings)
        urls = endpoint_urls(settings.base_url)
        remember_secrets(settings.api_key, urls)
        # One bounded client for every endpoint: whole-request deadline, size cap, cancel.
        http_client = http_client or bounded_client(settings.timeout)
        clients = {}
        targets: list[str | None] = [*urls] or [None]  # None: OpenAI's own URL
        for url in targets:
            client = openai.OpenAI(
                api_key=settings.api_key or NO_KEY,
                base_url=url,
                max_retries=0,  # tenacity below is the only transport retry layer
                timeout=settings.timeout,
                http_client=http_client,
            )
            clients[url or str(client.base_url)] = instructor.from_openai(
                client, mode=instructor.Mode.TOOLS)
        self.pool = EndpointPool(clients)
        self.sleep = cancel.sleep  # cut short by a cancelled run; tests swap it
        redact_sdk_logs()

    @staticmethod
    def model_id_for(settings: Settings) -> str:
        """The model id; checks the endpoint settings first (called before any input).

        Raises:
            ConfigError: neither an API key nor a base URL is set.
        """
        if not settings.api_key and not endpoint_urls(settings.base_url):
            raise ConfigError(
                "the openai backend needs OPENAI_API_KEY (for OpenAI) or --base-url / "
                "OPENAI_BASE_URL (for a local or self-hosted OpenAI-compatible server)"
            )
        return settings.model or DEFAULT_OPENAI_MODEL

    def complete(self, request: ModelRequest) -> ModelReply:
        import tenacity

        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception(is_retryable),
            wait=_Wait(self.settings.retry_max_wait, pool=self.pool),
            stop=tenacity.stop_after_attempt(self.settings.transport_retries + 1),
            reraise=True,
            sleep=lambda seconds: self.sleep(seconds),
        )
        used: list[Endpoint] = []
        try:
            value, completion = retrying(self._create, request, used)
        except Exception as exc:
            attempts = retrying.statistics.get("attempt_number", 1)
            # from None: the SDK's exceptions quote the server, who may echo the key
            raise translate_error(exc, attempts, used[-1].url if used else None,
                                  self.settings.timeout) from None
        attempts = retrying.statistics.get("attempt_number", 1)
        return ModelReply(value, usage_of(completion), attempts)

    def _create(self, request: ModelRequest, used: list[Endpoint]) -> tuple[Any, Any]:
        """One transport attempt on the pool's pick; a transport failure benches it."""
        cancel.check_cancelled()
        endpoint = self.pool.acquire()
        used.append(endpoint)
        try:
            return endpoint.client.chat.completions.create_with_completion(
                model=self.model_id, **instructor_kwargs(request, self.settings))
        except Exception as exc:
            if is_retryable(exc):
                asked = _retry_after(_root_cause(exc)) or 0.0
                self.pool.mark_down(endpoint, max(self.settings.endpoint_cooldown_s, asked))
            raise
        finally:
            self.pool.release(endpoint)


def usage_of(completion: Any) -> Usage:
    usage = getattr(completion, "usage", None)
    if usage is None:
        return Usage()
    return Usage(int(usage.prompt_tokens or 0), int(usage.completion_tokens or 0))


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
    from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

    cause = _root_cause(exc)
    if isinstance(cause, IncompleteOutputException):
        return TruncatedOutputError(
            "the model hit max_tokens before finishing its answer; raise --max-tokens "
            "or shorten the input", attempts=attempts)
    special = _transport_special(exc, cause, attempts, url)
    if special is not None:
        return special
    if is_retryable(cause):
        where = f" (last endpoint {url})" if url else ""
        return TransportError(
            f"the model server kept failing after {attempts} attempt(s){where}: "
            f"{_describe(cause)}{_timeout_note(cause, timeout)}", attempts=attempts)
    if _is_api_error(cause):
        where = f" (endpoint {url})" if url else ""
        return TransportError(f"the model server refused the request{where}: {_describe(cause)}",
                              attempts=attempts)
    if isinstance(exc, InstructorRetryException):
        return InvalidOutputError(
            f"the model's answer failed validation after {exc.n_attempts} attempt(s): "
            f"{_describe(exc)}", attempts=exc.n_attempts)
    return InvalidOutputError(f"could not read the model's answer: {_describe(cause)}",
                              attempts=attempts)


def _transport_special(exc: BaseException, cause: BaseException, attempts: int,
                       url: str | None) -> ModelError | None:
    """The failures retrying cannot mend: a refused key, an oversized answer, a cancel."""
    import openai

    where = f" (endpoint {url})" if url else ""
    if isinstance(cause, openai.APIStatusError) and cause.status_code in AUTH_STATUSES:
        return AuthError(
            f"the model server refused the API key with HTTP {cause.status_code}{where}; "
            f"check OPENAI_API_KEY (and that it is meant for this server): {_describe(cause)}",
            attempts=attempts)
    too_large = _in_chain(exc, ResponseTooLarge)
    if too_large is not None:
        return ResponseTooLargeError(
            f"the model server's answer was refused{where}: {too_large}; a model's answer "
            "here is a few kilobytes, so the server or a proxy in front of it is misbehaving",
            attempts=attempts)
    if _in_chain(exc, RequestCancelled) is not None:
        return TransportError("the request was cancelled: the run was interrupted",
                              attempts=attempts)
    return None


def _timeout_note(cause: BaseException, timeout: float | None) -> str:
    import openai

    if timeout is None or not isinstance(cause, openai.APITimeoutError):
        return ""
    return f" (each attempt had --timeout {timeout:g} s for the whole request)"


def _in_chain(exc: BaseException, *types: type[BaseException]) -> BaseException | None:
    """The first exception of one of ``types`` in ``exc``'s cause/context chain."""
    seen: BaseException | None = exc
    for _ in range(20):
        if seen is None:
            return None
        if isinstance(seen, types):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _root_cause(exc: BaseException) -> BaseException:
    """The API or truncation error behind instructor's wrapper, else ``exc`` itself."""
    import openai
    from instructor.core.exceptions import IncompleteOutputException

    found = _in_chain(exc, openai.APIError, IncompleteOutputException)
    return exc if found is None else found


def _is_api_error(exc: BaseException) -> bool:
    import openai

    return isinstance(exc, openai.APIError)


def _describe(exc: BaseException) -> str:
    text = redact(f"{type(exc).__name__}: {exc}")
    return text if len(text) <= 300 else text[:297] + "..."
