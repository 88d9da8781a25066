"""Settings are checked when made: a bad flag, argument or environment value is a
ConfigError that names the flag / variable / setting and says what is allowed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from extractor.cli import EXIT_ABORTED, main
from extractor.errors import ConfigError
from extractor.settings import Settings, resolve_settings

BAD_VALUES = [
    ("timeout", 0, "--timeout / timeout: got 0; use a number above 0 (seconds)"),
    ("timeout", -1.5, "--timeout / timeout: got -1.5"),
    ("max_tokens", -5, "--max-tokens / max_tokens: got -5; use a whole number of at least 1"),
    ("max_tokens", 0, "--max-tokens / max_tokens: got 0"),
    ("retry_max_wait", -1, "--retry-max-wait / retry_max_wait: got -1; use a number of at least 0"),
    ("transport_retries", -1, "--retries / transport_retries: got -1; use a whole number of at "
                              "least 0"),
    ("validation_retries", -1, "validation_retries: got -1"),
    ("n_threads", -2, "EXTRACTOR_THREADS / n_threads: got -2; use a whole number of at least 1"),
    ("n_threads", 0, "EXTRACTOR_THREADS / n_threads: got 0"),
    ("n_ctx", 0, "n_ctx: got 0; use a whole number of at least 1"),
    ("max_input_chars", -1, "max_input_chars: got -1"),
    ("temperature", 2.5, "temperature: got 2.5; use a number from 0 to 2"),
    ("temperature", -0.1, "temperature: got -0.1; use a number from 0 to 2"),
    ("temperature", float("nan"), "temperature: got nan"),
    ("endpoint_cooldown_s", -1, "EXTRACTOR_ENDPOINT_COOLDOWN / endpoint_cooldown_s: got -1"),
    ("max_tokens", 2.5, "--max-tokens / max_tokens: got 2.5; use a whole number"),
    ("max_tokens", True, "--max-tokens / max_tokens: got True"),
    ("strategy", "nope", "--strategy / EXTRACTOR_STRATEGY / strategy: 'nope' is not one of "
                         "auto, guided, full, rules"),
    ("grounding", "maybe", "--grounding / grounding: 'maybe' is not one of drop, warn"),
    ("backend", "llamafile", "--backend / EXTRACTOR_BACKEND / backend: 'llamafile' is not one "
                             "of embedded, openai"),
    ("reference_date", "2024-13-01",
     "--reference-date / reference_date: month must be in 1..12; use YYYY-MM-DD"),
    ("reference_date", "yesterday", "--reference-date / reference_date: "),
    ("reference_date", 20240101, "--reference-date / reference_date: expected a date, got int"),
    ("use_cache", "perhaps", "--no-cache / EXTRACTOR_NO_CACHE / use_cache: 'perhaps' is not "
                             "true or false"),
    ("cache_dir", 7, "--cache-dir / EXTRACTOR_CACHE_DIR / cache_dir: expected a folder path"),
]


@pytest.mark.parametrize(("name", "value", "message"), BAD_VALUES)
def test_resolve_settings_rejects_a_bad_value_naming_the_setting_and_what_is_allowed(
    name, value, message
):
    with pytest.raises(ConfigError) as caught:
        resolve_settings(env={}, **{name: value})
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(("name", "value", "message"), BAD_VALUES[:6])
def test_settings_made_by_hand_or_by_replace_are_checked_too(name, value, message):
    with pytest.raises(ConfigError, match="^" + message.split(":")[0]):
        Settings(**{name: value})
    with pytest.raises(ConfigError, match="^" + message.split(":")[0]):
        replace(Settings(), **{name: value})


def test_the_bounds_themselves_are_allowed():
    settings = resolve_settings(env={}, temperature=2, retry_max_wait=0, transport_retries=0,
                                validation_retries=0, max_tokens=1, n_threads=1, timeout=0.01)
    assert (settings.temperature, settings.retry_max_wait, settings.max_tokens) == (2.0, 0.0, 1)
    assert isinstance(settings.temperature, float)


def test_text_values_are_normalised_on_the_way_in():
    settings = resolve_settings(env={}, reference_date="2024-02-29", max_tokens="64",
                                timeout="2.5", use_cache="false", strategy=" Rules ",
                                cache_dir="~/somewhere")
    assert settings.reference_date == dt.date(2024, 2, 29)
    assert (settings.max_tokens, settings.timeout, settings.use_cache) == (64, 2.5, False)
    assert settings.strategy == "rules"
    assert settings.cache_dir == Path("~/somewhere").expanduser()


@pytest.mark.parametrize(("env", "message"), [
    ({"EXTRACTOR_THREADS": "abc"},
     "EXTRACTOR_THREADS / n_threads: got 'abc'; use a whole number of at least 1"),
    ({"EXTRACTOR_THREADS": "-3"}, "EXTRACTOR_THREADS / n_threads: got '-3'"),
    ({"EXTRACTOR_ENDPOINT_COOLDOWN": "soon"},
     "EXTRACTOR_ENDPOINT_COOLDOWN / endpoint_cooldown_s: got 'soon'"),
    ({"EXTRACTOR_STRATEGY": "fast"}, "--strategy / EXTRACTOR_STRATEGY / strategy: 'fast'"),
    ({"EXTRACTOR_BACKEND": "gpu"}, "--backend / EXTRACTOR_BACKEND / backend: 'gpu'"),
    ({"EXTRACTOR_NO_CACHE": "sometimes"}, "--no-cache / EXTRACTOR_NO_CACHE / use_cache"),
])
def test_a_bad_environment_value_gives_the_same_clear_error(env, message):
    with pytest.raises(ConfigError) as caught:
        resolve_settings(env=env)
    assert str(caught.value).startswith(message)


def test_environment_values_are_read_as_their_types():
    settings = resolve_settings(env={"EXTRACTOR_THREADS": "3", "EXTRACTOR_NO_CACHE": "1",
                                     "EXTRACTOR_ENDPOINT_COOLDOWN": "2.5"})
    assert (settings.n_threads, settings.use_cache, settings.endpoint_cooldown_s) == (3, False, 2.5)
    assert resolve_settings(env={"EXTRACTOR_NO_CACHE": "0"}).use_cache is True


def test_unknown_setting_names_list_the_known_ones():
    with pytest.raises(ConfigError, match=r"unknown settings: timout; known: backend, .*timeout"):
        resolve_settings(env={}, timout=5)


def test_an_api_key_of_the_wrong_type_is_not_repeated_in_the_message():
    with pytest.raises(ConfigError) as caught:
        resolve_settings(env={}, api_key=12345678)
    assert "12345678" not in str(caught.value)
    assert str(caught.value).startswith("OPENAI_API_KEY / api_key: expected text")


@pytest.mark.parametrize(("flags", "message"), [  # in the words of the flag typed
    (["--timeout", "0"], "--timeout 0.0: use a number above 0 (seconds)"),
    (["--timeout", "-3"], "--timeout -3.0: use a number above 0"),
    (["--max-tokens", "-5"], "--max-tokens -5: use a whole number of at least 1"),
    (["--max-tokens", "0"], "--max-tokens 0: use a whole number of at least 1"),
    (["--retry-max-wait", "-1"], "--retry-max-wait -1.0: use a number of at least 0"),
    (["--retries", "-1"], "--retries -1: use a whole number of at least 0"),
    (["--reference-date", "2024-13-01"],
     "--reference-date 2024-13-01: month must be in 1..12; use YYYY-MM-DD"),
])
def test_cli_rejects_a_bad_flag_with_exit_2_and_a_clear_message(flags, message, tmp_path, capsys):
    src = tmp_path / "p.txt"
    src.write_text("Junior Analyst\nAcme Corp\n")
    assert main([str(src), "--strategy", "rules", *flags]) == EXIT_ABORTED
    captured = capsys.readouterr()
    assert f"extract: {message}" in captured.err
    assert captured.out == ""


def test_cli_rejects_a_bad_environment_value_with_exit_2(tmp_path, capsys, monkeypatch):
    src = tmp_path / "p.txt"
    src.write_text("Junior Analyst\nAcme Corp\n")
    monkeypatch.setenv("EXTRACTOR_THREADS", "abc")
    assert main([str(src), "--strategy", "rules"]) == EXIT_ABORTED
    assert "extract: EXTRACTOR_THREADS / n_threads: got 'abc'" in capsys.readouterr().err
