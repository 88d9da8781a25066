"""Shared fixtures: every test gets its own cache and config dirs (never the user's)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
LOCAL_HOSTS = "127.0.0.1,localhost,::1"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "cache"))
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "EXTRACTOR_BACKEND", "EXTRACTOR_MODEL",
                "EXTRACTOR_STRATEGY", "EXTRACTOR_NO_CACHE", "EXTRACTOR_ENDPOINT_COOLDOWN",
                "EXTRACTOR_ADAPTER", "EXTRACTOR_PAY_YEAR"):
        monkeypatch.delenv(var, raising=False)
    for var in ("no_proxy", "NO_PROXY"):  # the tests' servers on 127.0.0.1: never proxied
        monkeypatch.setenv(var, ",".join(filter(None, [os.environ.get(var), LOCAL_HOSTS])))


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("EXTRACTOR_LIVE"):
        return
    skip = pytest.mark.skip(reason="live API test: set EXTRACTOR_LIVE=1 and OPENAI_API_KEY")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)
