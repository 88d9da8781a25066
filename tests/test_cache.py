import datetime as dt
import os
from dataclasses import replace

import pytest

from extractor.cache import ResultCache, cache_key, normalise_input
from extractor.load import Document
from extractor.pipeline import extract_documents
from extractor.settings import Settings, resolve_settings
from support.fakes import FakeBackend, choose_first


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


def test_the_source_object_of_a_json_row_is_part_of_the_key():
    parts = {"backend": "embedded"}
    row = {"job_title": "Data Engineer", "companyName": "Acme"}
    assert cache_key(parts, "body", row) != cache_key(parts, "body", {**row, "companyName": "X"})
    assert cache_key(parts, "body", row) != cache_key(parts, "body")
    assert cache_key(parts, "body", row) == cache_key(parts, "body", dict(reversed(row.items())))


def test_text_and_source_object_cannot_be_shifted_into_each_other():
    assert cache_key({}, 'a"', {"b": 1}) != cache_key({}, "a", {'"b': 1})
    assert cache_key({}, "a\0null") != cache_key({}, "a", None)


def test_unicode_forms_keep_their_own_keys():
    # cleaning reads "é" and "e\u0301" differently, so one must never be served for the other
    assert cache_key({}, "Ingénieur") != cache_key({}, "Inge\u0301nieur")


def doc(text: str, source: str = "a.txt") -> Document:
    return Document(source=source, content=text, kind="text")


POSTING = "Senior Firmware Engineer\nAcme Robotics\nBoston, MA\nPosted 2 days ago\n"


@pytest.fixture
def guided(tmp_path):
    return resolve_settings(env={}, cache_dir=tmp_path / "cache", strategy="guided",
                            reference_date=dt.date(2026, 11, 1))


def test_a_model_file_rewritten_in_place_misses(tmp_path, guided):
    model = tmp_path / "model.gguf"
    model.write_bytes(b"weights v1")
    settings = replace(guided, model=str(model))
    list(extract_documents([doc(POSTING)], settings, FakeBackend(choose_first)))
    [warm] = extract_documents([doc(POSTING)], settings, FakeBackend(choose_first))
    model.write_bytes(b"weights v2")  # same name, same size: a retrained model
    os.utime(model, ns=(1, 1))
    [fresh] = extract_documents([doc(POSTING)], settings, FakeBackend(choose_first))
    assert warm.cached and not fresh.cached


def test_a_run_dates_its_records_by_the_date_in_its_cache_key(guided, monkeypatch):
    clock = [dt.date(2026, 11, 1)]
    monkeypatch.setattr(Settings, "today", lambda self: self.reference_date or clock[0])
    run = extract_documents([doc(POSTING, "1"), doc(POSTING.replace("Senior", "Staff"), "2")],
                            replace(guided, reference_date=None), FakeBackend(choose_first))
    first = next(run)
    clock[0] = dt.date(2026, 11, 2)  # midnight passes during the run
    second = next(run)
    assert first.record.date_posted == second.record.date_posted == dt.date(2026, 10, 30)


def test_a_cached_line_tells_the_same_story_as_the_first(guided):
    [first] = extract_documents([doc(POSTING)], guided, FakeBackend(choose_first))
    [again] = extract_documents([doc(POSTING)], guided, FakeBackend(choose_first))
    fresh, cached = first.to_line(), again.to_line()
    assert cached["cached"] and not fresh["cached"]
    for name in ("record", "evidence", "warnings", "sources", "removed"):
        assert cached[name] == fresh[name], name
