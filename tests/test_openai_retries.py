"""The openai backend's retry layers, against a scripted HTTP transport (no network)."""

from __future__ import annotations

import json
from typing import Any, Literal

import httpx2
import pytest
from pydantic import BaseModel

from extractor.backends import ModelRequest
from extractor.backends.openai_compat import OpenAIBackend
from extractor.errors import InvalidOutputError, TransportError, TruncatedOutputError
from extractor.settings import resolve_settings

SECRET = "sk-test-SECRET-0123456789abcdef"


class Choice(BaseModel):
    title: Literal["Data Engineer", "none of these"]


def completion(arguments: str, finish_reason: str = "stop") -> dict[str, Any]:
    call = {"id": "c1", "type": "function", "function": {"name": "Choice", "arguments": arguments}}
    return {
        "id": "x",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": None, "tool_calls": [call]},
            }
        ],
        "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
    }


GOOD = (200, {}, completion('{"title": "Data Engineer"}'))


class ScriptedTransport(httpx2.BaseTransport):
    """Replies from a script, one item per request; an exception item is raised."""

    def __init__(self, script: list[Any]) -> None:
        self.script = list(script)
        self.requests: list[httpx2.Request] = []

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        item = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(item, Exception):
            raise item
        status, headers, body = item
        return httpx2.Response(status, headers=headers, json=body, request=request)


def make_backend(
    script: list[Any], **settings: Any
) -> tuple[OpenAIBackend, ScriptedTransport, list[float]]:
    transport = ScriptedTransport(script)
    config = resolve_settings(
        env={},
        backend="openai",
        base_url="http://stub.invalid/v1",
        api_key=SECRET,
        model="stub",
        **settings,
    )
    backend = OpenAIBackend(config, http_client=httpx2.Client(transport=transport))
    waits: list[float] = []
    backend.sleep = waits.append
    return backend, transport, waits


def ask(backend: OpenAIBackend):
    messages = [{"role": "user", "content": "Title?"}]
    return backend.complete(ModelRequest(messages, Choice, max_tokens=50))


def test_429_with_retry_after_is_waited_out_then_succeeds():
    backend, transport, waits = make_backend(
        [(429, {"retry-after": "1.5"}, {"error": {"message": "slow down"}}), GOOD]
    )
    reply = ask(backend)
    assert reply.value.title == "Data Engineer"
    assert waits == [1.5] and len(transport.requests) == 2
    assert reply.attempts == 2 and reply.usage.prompt_tokens == 11


def test_retry_after_is_capped_by_retry_max_wait():
    backend, _, waits = make_backend(
        [(429, {"retry-after": "3600"}, {"error": {"message": "later"}}), GOOD], retry_max_wait=2.0
    )
    ask(backend)
    assert waits == [2.0]


def test_500_is_retried_with_backoff():
    backend, transport, waits = make_backend(
        [(500, {}, {"error": {"message": "boom"}}), (503, {}, {"error": {"message": "busy"}}), GOOD]
    )
    assert ask(backend).value.title == "Data Engineer"
    assert len(waits) == 2 and all(0 <= w <= 30 for w in waits)
    assert len(transport.requests) == 3


def test_timeouts_are_retried_then_reported_as_transport_error():
    backend, transport, _ = make_backend([httpx2.ReadTimeout("stalled")], transport_retries=2)
    with pytest.raises(TransportError) as info:
        ask(backend)
    assert len(transport.requests) == 3
    assert "3 attempt" in info.value.message


def test_a_400_is_not_retried():
    backend, transport, _ = make_backend([(400, {}, {"error": {"message": "bad request"}})])
    with pytest.raises(TransportError):
        ask(backend)
    assert len(transport.requests) == 1


def test_invalid_json_is_re_asked_through_instructor():
    backend, transport, waits = make_backend(
        [(200, {}, completion('{"title": "Data Eng')), GOOD], validation_retries=1
    )
    assert ask(backend).value.title == "Data Engineer"
    assert len(transport.requests) == 2 and waits == []  # a re-ask, not a transport retry
    second = json.loads(transport.requests[1].content)
    assert len(second["messages"]) > 1  # the re-ask carries the failed answer and the error


def test_output_failing_validation_after_all_re_asks_is_invalid_output():
    bad = (200, {}, completion('{"title": "Chief Vibes Officer"}'))
    backend, transport, _ = make_backend([bad], validation_retries=1)
    with pytest.raises(InvalidOutputError):
        ask(backend)
    assert len(transport.requests) == 2


def test_truncated_reply_is_reported_not_retried():
    cut = (200, {}, completion('{"title": "Data', finish_reason="length"))
    backend, transport, _ = make_backend([cut], validation_retries=2)
    with pytest.raises(TruncatedOutputError):
        ask(backend)
    assert len(transport.requests) == 1


def test_api_key_never_appears_in_error_messages():
    body = {"error": {"message": f"Incorrect API key provided: {SECRET}"}}
    backend, _, _ = make_backend([(401, {}, body)])
    with pytest.raises(TransportError) as info:
        ask(backend)
    assert SECRET not in info.value.message and "sk-" in info.value.message


def test_api_key_never_reaches_sdk_logs(caplog):
    body = {"error": {"message": f"Incorrect API key provided: {SECRET}"}}
    backend, _, _ = make_backend([(401, {}, body)])
    with caplog.at_level("DEBUG"), pytest.raises(TransportError):
        ask(backend)
    assert caplog.records, "instructor logs the failed call"
    assert all(SECRET not in record.getMessage() for record in caplog.records)
