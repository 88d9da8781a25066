"""Any OpenAI-compatible endpoint (OpenAI, vLLM, llama.cpp server, Ollama) via instructor.

Two retry layers that never stack:
  * transport (429 honouring Retry-After, 5xx, timeouts, connection errors):
    tenacity with exponential backoff and jitter; the SDK's own retries are off;
  * validation: instructor re-asks with the validation error (``validation_retries``).
Output cut off at max_tokens is reported as ``truncated_output`` and not retried:
the same request would be cut off again.

Several base URLs (comma-separated) form an ``EndpointPool``: each transport attempt
goes to the least busy healthy endpoint, and one that fails a transport attempt sits
out a cooldown while the retry goes straight (no backoff) to another.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from extractor.backends import ModelReply, ModelRequest, Usage, instructor_kwargs
from extractor.errors import (
    ConfigError,
    InvalidOutputError,
    TransportError,
    TruncatedOutputError,
)
from extractor.settings import DEFAULT_OPENAI_MODEL, Settings, endpoint_urls

NO_KEY = "sk-no-key-required"  # local servers accept any key; never a real secret


def _retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (Retry-After / retry-after-ms), if any."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    try:
        if headers.get("retry-after-ms"):
            return float(headers["retry-after-ms"]) / 1000
        if headers.get("retry-after"):
            return float(headers["retry-after"])
    except ValueError:
        return None
    return None


def is_retryable(exc: BaseException) -> bool:
    """Transport failures worth another try: 408/409/429, 5xx, timeouts, dropped connections.

    instructor wraps API errors in InstructorRetryException, so the chain is searched.
    """
    import openai

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

    No wait at all when the pool has another endpoint in rotation to try.
    """

    def __init__(self, cap: float, base: float = 0.5, pool: EndpointPool | None = None) -> None:
        self.cap, self.base, self.pool = cap, base, pool

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
        clients = {}
        for url in endpoint_urls(settings.base_url) or [None]:  # None: OpenAI's own URL
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
        self.sleep = time.sleep  # tests swap this to observe backoff
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
            raise translate_error(exc, attempts, used[-1].url if used else None) from exc
        attempts = retrying.statistics.get("attempt_number", 1)
        return ModelReply(value, usage_of(completion), attempts)

    def _create(self, request: ModelRequest, used: list[Endpoint]) -> tuple[Any, Any]:
        """One transport attempt on the pool's pick; a transport failure benches it."""
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


def translate_error(exc: BaseException, attempts: int, endpoint: str | None = None
                    ) -> Exception:
    """Map SDK and instructor exceptions onto the project's error types.

    ``endpoint`` is the URL of the last server tried, named in transport errors.
    """
    from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

    cause = _root_cause(exc)
    url = display_url(endpoint) if endpoint else None
    if isinstance(cause, IncompleteOutputException):
        return TruncatedOutputError(
            "the model hit max_tokens before finishing its answer; raise --max-tokens "
            "or shorten the input", attempts=attempts)
    if is_retryable(cause):
        where = f" (last endpoint {url})" if url else ""
        return TransportError(
            f"the model server kept failing after {attempts} attempt(s){where}: "
            f"{_describe(cause)}", attempts=attempts)
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


def _root_cause(exc: BaseException) -> BaseException:
    """The API or truncation error behind instructor's wrapper, else ``exc`` itself."""
    import openai
    from instructor.core.exceptions import IncompleteOutputException

    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            break
        if isinstance(seen, (openai.APIError, IncompleteOutputException)):
            return seen
        seen = seen.__cause__ or seen.__context__
    return exc


def _is_api_error(exc: BaseException) -> bool:
    import openai

    return isinstance(exc, openai.APIError)


_SECRET = re.compile(r"(sk-|key[-_]?|Bearer\s+)[A-Za-z0-9_\-*.]{6,}", re.IGNORECASE)


def redact(text: str) -> str:
    """Remove anything that looks like an API key from a message."""
    return _SECRET.sub(lambda m: m.group(1) + "***", text)


class RedactingFilter(logging.Filter):
    """Scrubs keys from SDK log records (servers echo a bad key in their 401 message)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True


def redact_sdk_logs() -> None:
    """Attach the filter to every logger instructor, openai and httpx2 have created."""
    names = [n for n in logging.root.manager.loggerDict
             if n.split(".")[0] in ("instructor", "openai", "httpx2", "httpx")]
    for name in names + ["instructor", "openai"]:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())


def display_url(url: str) -> str:
    """``url`` safe to print: any user:password part is masked, keys are redacted."""
    parts = urlsplit(url)
    if "@" in parts.netloc:
        parts = parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2])
    return redact(parts.geturl())


def _describe(exc: BaseException) -> str:
    text = redact(f"{type(exc).__name__}: {exc}")
    return text if len(text) <= 300 else text[:297] + "..."
