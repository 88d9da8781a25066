"""Headless Chromium for the browser tests and benchmarks, driven over the DevTools protocol.

The protocol runs over a pipe (``--remote-debugging-pipe``: the browser reads commands on
its fd 3 and answers on fd 4, each message JSON ending in a NUL byte), so no port is
opened and no websocket client is needed. The flags keep Chromium off the network: on a
closed network its background connections are refused and slow it down.

    with Chromium() as browser:
        page = browser.open(Path("review.html").as_uri())
        page.wait_for("document.documentElement.dataset.ready === '1'")
        page.evaluate("document.title")

``find_chromium()`` is None when no Chromium is installed (tests skip then).
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--mute-audio")


class BrowserError(RuntimeError):
    """Chromium failed, a command returned an error, or an expression threw."""


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _high(fd: int) -> int:
    """``fd`` moved above the low numbers, so placing the child's fds 3 and 4 cannot
    overwrite it."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class Chromium:
    """One headless browser with a fresh profile; a context manager."""

    def __init__(self, binary: str | None = None, window: tuple[int, int] = (1400, 900)) -> None:
        self.binary = binary or find_chromium()
        if self.binary is None:
            raise BrowserError("no chromium on PATH (apt-get install chromium)")
        self.window = window
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Chromium:
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
        to_child_r, self._to_child = (_high(fd) for fd in os.pipe())
        self._from_child, from_child_w = (_high(fd) for fd in os.pipe())

        def place_fds() -> None:  # in the child, before exec: its fds 3 and 4
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        width, height = self.window
        self.process = subprocess.Popen(
            [str(self.binary), *FLAGS, f"--user-data-dir={self._profile.name}",
             f"--window-size={width},{height}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=place_fds)
        os.close(to_child_r)
        os.close(from_child_w)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_child, self._from_child):
            os.close(fd)
        self._profile.cleanup()

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None, timeout: float = 30) -> dict[str, Any]:
        """One command; returns its result (events that arrive meanwhile are kept)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self._events.append(reply)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                raise BrowserError("chromium did not answer in time")
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise BrowserError(f"chromium exited (code {self.process.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def open(self, url: str) -> Page:
        """A new tab, attached, with the page's uncaught errors recorded, sent to ``url``."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        page = Page(self, session["sessionId"])
        page.send("Runtime.enable")
        page.send("Page.navigate", {"url": url})
        return page

    def events(self, method: str, session: str) -> list[dict[str, Any]]:
        return [e for e in self._events if e.get("method") == method
                and e.get("sessionId") == session]


class Page:
    """One attached tab."""

    def __init__(self, browser: Chromium, session: str) -> None:
        self.browser, self.session = browser, session

    def send(self, method: str, params: dict[str, Any] | None = None,
             timeout: float = 30) -> dict[str, Any]:
        return self.browser.send(method, params, self.session, timeout)

    def evaluate(self, expression: str, timeout: float = 30) -> Any:
        """The expression's value (JSON-able), awaited if it is a promise."""
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                               "awaitPromise": True}, timeout)
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise BrowserError(f"{expression[:80]!r} threw: "
                               f"{details.get('exception', {}).get('description', details)}")
        return reply["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30, every: float = 0.01) -> Any:
        """Poll until ``expression`` is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.evaluate(expression, timeout)
            except BrowserError:
                value = None  # the document may not exist yet
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"waited {timeout}s for {expression!r}; the page's "
                                   f"errors: {self.errors() or 'none'}")
            time.sleep(every)

    def errors(self) -> list[str]:
        """The page's uncaught exceptions so far."""
        return [e["params"]["exceptionDetails"].get("exception", {}).get("description", "?")
                for e in self.browser.events("Runtime.exceptionThrown", self.session)]

    def key(self, key: str) -> None:
        """A key pressed and released (as a person would: the page's keydown runs)."""
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": _code(key),
                                                 "text": key if len(key) == 1 and
                                                 kind == "keyDown" else ""})

    def screenshot(self, path: Path) -> None:
        import base64

        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))


def _code(key: str) -> str:
    return f"Key{key.upper()}" if len(key) == 1 and key.isalpha() else key
