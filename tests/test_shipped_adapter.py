"""The shipped adapter (extractor/adapters/draft-v1.gguf) loads over the shipped model and
changes its draft answers (model tier; skipped while the package holds no adapter)."""

from __future__ import annotations

import pytest

from extractor.settings import SHIPPED_ADAPTER, Settings

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SHIPPED_ADAPTER.is_file(), reason="no shipped adapter in the package"),
]

POSTING = ("Senior Backend Engineer\nNorthwind Analytics · Lisbon, Portugal · Hybrid\n"
           "Full-time. Posted 2024-03-12.\n\nWe build data tools for retailers. You will "
           "design APIs in Go and Python.\n")


def _draft(adapter: str | None):
    from extractor.backends.embedded import EmbeddedBackend
    from extractor.question import draft_request

    backend = EmbeddedBackend(Settings(adapter=adapter, n_ctx=2048, n_threads=2))
    return backend.complete(draft_request(POSTING)).value


def test_the_shipped_adapter_loads_and_changes_the_draft():
    bare, tuned = _draft(None), _draft(str(SHIPPED_ADAPTER))
    assert tuned.model_dump() != bare.model_dump()
    assert tuned.title == "Senior Backend Engineer"
    assert tuned.company == "Northwind Analytics"
