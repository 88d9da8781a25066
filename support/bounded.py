"""Calls a test must not let hang: run in a thread, bounded by a limit."""

from __future__ import annotations

import threading
import time
from typing import Any


def in_thread(fn: Any, limit_s: float) -> tuple[Any, float]:
    """``fn()``'s outcome and seconds taken; fails the test if it runs past ``limit_s``."""
    outcome: dict[str, Any] = {}

    def call() -> None:
        try:
            outcome["value"] = fn()
        except Exception as exc:  # handed back to the test
            outcome["error"] = exc

    started = time.monotonic()
    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(limit_s)
    assert not worker.is_alive(), f"still running after {limit_s} s"
    return outcome, time.monotonic() - started
