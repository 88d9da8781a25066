"""The shipped adapter is the embedded default's, and only where it was trained to apply."""

from __future__ import annotations

import pytest

from extractor import settings as settings_module
from extractor.settings import resolve_settings


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    path = tmp_path / "draft-v1.gguf"
    path.write_bytes(b"GGUF" + b"\0" * 60)
    monkeypatch.setattr(settings_module, "SHIPPED_ADAPTER", path)
    return path


def test_the_embedded_default_applies_the_shipped_adapter_and_asks_the_draft(shipped):
    settings = resolve_settings(env={})
    assert settings.adapter == str(shipped)
    assert settings.resolved_strategy() == "draft"


@pytest.mark.parametrize("explicit", [
    {"adapter": "none"}, {"adapter": "NONE"}, {"strategy": "guided"}, {"strategy": "full"},
    {"strategy": "rules"}, {"model": "other.gguf"},
])
def test_the_bare_model_where_the_adapter_does_not_apply(shipped, explicit):
    settings = resolve_settings(env={}, **explicit)
    assert settings.adapter is None


def test_the_environment_can_ask_for_the_bare_model(shipped):
    assert resolve_settings(env={"EXTRACTOR_ADAPTER": "none"}).adapter is None


def test_another_backend_gets_no_adapter(shipped):
    settings = resolve_settings(env={}, backend="openai", model="m", base_url="http://x")
    assert settings.adapter is None and settings.resolved_strategy() == "full"


def test_a_named_adapter_wins_over_the_shipped_one(shipped, tmp_path):
    mine = tmp_path / "mine.gguf"
    mine.write_bytes(b"GGUF" + b"\0" * 60)
    assert resolve_settings(env={}, adapter=str(mine)).adapter == str(mine)


def test_without_a_shipped_file_the_default_stays_the_bare_model(tmp_path, monkeypatch):
    monkeypatch.setattr(settings_module, "SHIPPED_ADAPTER", tmp_path / "absent.gguf")
    settings = resolve_settings(env={})
    assert settings.adapter is None and settings.resolved_strategy() == "guided"
