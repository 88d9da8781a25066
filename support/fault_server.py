"""A misbehaving OpenAI-compatible server for tests and benchmarks (stdlib only,
127.0.0.1, a thread).

POST /v1/chat/completions answers with a tool call for the requested schema: each
enum (or const) property of ``tools[0].function.parameters`` gets its first value.
A marker in the request's first user message makes it misbehave:

    FAULT:<kind>      on every attempt (the server never answers well)
    FAULT:<kind>xN    on the first N attempts for that posting, then answers well

kinds: 429 (no Retry-After), 429ra (Retry-After: 0), 429neg (Retry-After: -5),
429nan (Retry-After: nan), 429inf (Retry-After: inf), 429date (Retry-After: an HTTP
date a day ahead), 500, 502, 503, stall (sleep past the client's timeout), drop
(close without a response), badjson (arguments that are not JSON), invalid (a value
outside the enum), truncate (finish_reason "length"), echo401 / echo403 (401 / 403
whose message echoes the caller's bearer key), slowbody (a good answer sent one byte
every ``drip_s`` seconds), hugebody (a good answer padded to ``huge_bytes``).

``FaultHTTPServer(always="503")`` misbehaves that way on every request, marker or not.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MARKER = re.compile(r"FAULT:(?P<kind>[a-z0-9]+?)(?:x(?P<times>\d+))?\b")
USAGE = {"prompt_tokens": 50, "completion_tokens": 5, "total_tokens": 55}
RETRY_AFTER = {"429ra": "0", "429neg": "-5", "429nan": "nan", "429inf": "inf",
               "429date": "Wed, 01 Jan 2098 00:00:00 GMT"}


def choose_first(parameters: dict[str, Any]) -> dict[str, Any]:
    """The first allowed value of every enum/const property (what a lazy model says)."""
    answer = {}
    for name, prop in parameters.get("properties", {}).items():
        if "enum" in prop:
            answer[name] = prop["enum"][0]
        elif "const" in prop:
            answer[name] = prop["const"]
    return answer


def completion(name: str, arguments: str, finish_reason: str = "stop") -> dict[str, Any]:
    call = {"id": "call-1", "type": "function", "function": {"name": name, "arguments": arguments}}
    message = {"role": "assistant", "content": None, "tool_calls": [call]}
    return {"id": "fault-1", "object": "chat.completion", "created": 0, "model": "fault",
            "choices": [{"index": 0, "finish_reason": finish_reason, "message": message}],
            "usage": USAGE}


def _posting_text(body: dict[str, Any]) -> str:
    """The user message holding a fault marker (few-shot examples come first), else the last."""
    users = [str(m.get("content") or "") for m in body.get("messages", [])
             if m.get("role") == "user"]
    marked = [text for text in users if MARKER.search(text)]
    return (marked or users or [""])[0 if marked else -1]


class _Handler(BaseHTTPRequestHandler):
    server: FaultHTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # quiet: tests read their own output

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("content-length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        text = _posting_text(body)
        match = MARKER.search(text)
        attempt = self.server.count(text)
        if self.server.delay_s:
            time.sleep(self.server.delay_s)
        if self.server.always:
            self._misbehave(self.server.always, body)
        elif match and (match["times"] is None or attempt <= int(match["times"])):
            self._misbehave(match["kind"], body)
        else:
            self._answer(body)

    def _answer(self, body: dict[str, Any], values: dict[str, Any] | None = None,
                finish_reason: str = "stop", raw: str | None = None) -> None:
        self._send(200, self._good(body, values, finish_reason, raw))

    @staticmethod
    def _good(body: dict[str, Any], values: dict[str, Any] | None = None,
              finish_reason: str = "stop", raw: str | None = None) -> dict[str, Any]:
        function = body["tools"][0]["function"]
        arguments = raw if raw is not None else json.dumps(
            values if values is not None else choose_first(function.get("parameters", {})))
        return completion(function["name"], arguments, finish_reason)

    def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
              ) -> None:
        data = json.dumps(payload).encode()
        self._headers(status, len(data), headers)
        self.wfile.write(data)

    def _headers(self, status: int, length: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in {"content-type": "application/json", **(headers or {})}.items():
            self.send_header(key, value)
        self.send_header("content-length", str(length))
        self.end_headers()

    def _drip(self, body: dict[str, Any]) -> None:
        """A good answer, one byte every ``drip_s`` seconds, until the client hangs up."""
        data = json.dumps(self._good(body)).encode()
        self._headers(200, len(data))
        for index in range(len(data)):
            self.wfile.write(data[index:index + 1])
            self.wfile.flush()
            time.sleep(self.server.drip_s)

    def _huge(self, body: dict[str, Any]) -> None:
        """A good answer whose JSON carries ``huge_bytes`` of padding, sent in 1 MiB writes."""
        head = json.dumps(self._good(body))[:-1].encode() + b', "padding": "'
        tail = b'"}'
        pad = self.server.huge_bytes
        self._headers(200, len(head) + pad + len(tail))
        self.wfile.write(head)
        chunk = b"x" * (1 << 20)
        for start in range(0, pad, len(chunk)):
            self.wfile.write(chunk[:min(len(chunk), pad - start)])
        self.wfile.write(tail)

    def _misbehave(self, kind: str, body: dict[str, Any]) -> None:
        error = {"error": {"message": f"fault {kind}", "type": "fault"}}
        if kind in ("429", "500", "502", "503"):
            self._send(int(kind), error)
        elif kind in RETRY_AFTER:
            self._send(429, error, {"retry-after": RETRY_AFTER[kind]})
        elif kind == "stall":
            time.sleep(self.server.stall_s)
            self._answer(body)
        elif kind == "drop":
            self.close_connection = True  # nothing is sent: the client sees a disconnect
        elif kind == "badjson":
            self._answer(body, raw='{"title": "Unfinished')
        elif kind == "invalid":
            self._answer(body, values={"title": "Chief Vibes Officer", "workplace_type": "moon"})
        elif kind == "truncate":
            self._answer(body, raw='{"title": "Sen', finish_reason="length")
        elif kind in ("echo401", "echo403"):
            key = self.headers.get("authorization", "").removeprefix("Bearer ")
            message = f"Incorrect API key provided: {key} (OPENAI_API_KEY={key})"
            self._send(int(kind[4:]), {"error": {"message": message}})
        elif kind == "slowbody":
            self._drip(body)
        elif kind == "hugebody":
            self._huge(body)
        else:
            self._send(400, {"error": {"message": f"unknown fault {kind}"}})


class FaultHTTPServer(ThreadingHTTPServer):
    """The server; counts attempts per posting text. Use as a context manager."""

    daemon_threads = True
    request_queue_size = 128  # a burst of C connections must not overflow the backlog

    def __init__(self, stall_s: float = 1.5, delay_s: float = 0.0,
                 always: str | None = None, drip_s: float = 1.0,
                 huge_bytes: int = 50 * 1024 * 1024) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stall_s, self.delay_s, self.always = stall_s, delay_s, always
        self.drip_s, self.huge_bytes = drip_s, huge_bytes
        self.attempts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def count(self, text: str) -> int:
        """Record one more attempt for this posting; return the attempt number."""
        with self._lock:
            self.attempts[text] += 1
            return self.attempts[text]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up on a stalled reply is expected here

    def __enter__(self) -> FaultHTTPServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)
