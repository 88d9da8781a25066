from dataclasses import replace

import pytest

from extractor.cache import ResultCache, cache_key, normalise_input
from extractor.settings import resolve_settings


def test_normalised_input_ignores_formatting_only_edits():
    assert normalise_input("Title  \r\nBody\r\n\n") == normalise_input("Title\nBody")
    assert cache_key({"a": 1}, "x\r\n") == cache_key({"a": 1}, "x")


@pytest.mark.parametrize("change", [
    {"model": "other-model"},
    {"prompt": "guided@000000000000"},
    {"schema": "ffff"},
    {"code": "eeee"},
    {"backend": "openai"},
    {"params": {"temperature": 0.7}},
])
def test_any_change_to_the_key_parts_misses(change):
    parts = {"backend": "embedded", "model": "m", "prompt": "guided@abc", "schema": "s",
             "code": "c", "params": {"temperature": 0.0}}
    assert cache_key(parts, "text") != cache_key({**parts, **change}, "text")


def test_changing_the_input_misses():
    assert cache_key({}, "Senior Engineer") != cache_key({}, "Junior Engineer")


def test_result_cache_round_trips(tmp_path):
    cache = ResultCache(tmp_path / "c")
    assert cache.get("k") is None
    cache.set("k", {"record": {"title": "x"}})
    assert cache.get("k") == {"record": {"title": "x"}}
    cache.close()


def test_settings_precedence_explicit_then_env_then_default(tmp_path):
    env = {"EXTRACTOR_BACKEND": "openai", "OPENAI_BASE_URL": "http://127.0.0.1:1/v1",
           "OPENAI_API_KEY": "sk-secret"}
    settings = resolve_settings(env=env)
    assert settings.backend == "openai" and settings.base_url.endswith("/v1")
    assert resolve_settings(env=env, backend="embedded").backend == "embedded"
    assert resolve_settings(env={}).backend == "embedded"
    assert "sk-secret" not in repr(settings)
    assert replace(settings, model="x").api_key == "sk-secret"


def test_generation_params_exclude_the_api_key():
    settings = resolve_settings(env={"OPENAI_API_KEY": "sk-secret"})
    assert "sk-secret" not in repr(settings.generation_params())
