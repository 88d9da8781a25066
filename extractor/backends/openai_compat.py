"""Any OpenAI-compatible endpoint (OpenAI, vLLM, llama.cpp server, Ollama) via instructor.

Two retry layers that never stack:
  * transport (429 honouring Retry-After, 5xx, timeouts, connection errors):
    tenacity with exponential backoff and jitter (``retry``); the SDK's own retries
    are off;
  * validation: instructor re-asks with the validation error (``validation_retries``).
Output cut off at max_tokens is reported as ``truncated_output`` and not retried:
the same request would be cut off again; nor are a refused key (401/403:
``auth_error``) and an answer over the size cap (``response_too_large``).

Requests go through ``transport.bounded_client``: ``--timeout`` bounds each attempt as
a whole (not each socket read), answers are capped in size, and an interrupted
batch cancels the requests in flight (``cancel``). Every error message is redacted
where it is made, in ``errors.translate_error``.

Several base URLs (comma-separated) form an ``endpoints.EndpointPool``: each transport
attempt goes to the least busy healthy endpoint, and one that fails a transport
attempt sits out a cooldown while the retry goes straight (no backoff) to another.
"""

from __future__ import annotations

from typing import Any

from extractor.backends import OPENAI, ModelReply, ModelRequest, cancel
from extractor.backends.endpoints import Endpoint, EndpointPool, endpoint_urls
from extractor.backends.errors import translate_error
from extractor.backends.instructor_glue import instructor_kwargs, usage_of
from extractor.backends.redact import redact_sdk_logs, remember_secrets
from extractor.backends.retry import RetryWait, is_retryable, retry_after, root_cause
from extractor.backends.transport import bounded_client
from extractor.errors import ConfigError
from extractor.settings import DEFAULT_OPENAI_MODEL, Settings

NO_KEY = "sk-no-key-required"  # local servers accept any key; never a real secret


class OpenAIBackend:
    name = OPENAI

    def __init__(self, settings: Settings, http_client: Any = None) -> None:
        import instructor  # lazy: model_id_for runs on cached runs; the SDKs are not needed
        import openai  # lazy: as instructor

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
        import tenacity  # lazy: with the SDKs, only once a request is made

        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception(is_retryable),
            wait=RetryWait(self.settings.retry_max_wait, pool=self.pool),
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
                asked = retry_after(root_cause(exc)) or 0.0
                self.pool.mark_down(endpoint, max(self.settings.endpoint_cooldown_s, asked))
            raise
        finally:
            self.pool.release(endpoint)
