"""The Python API given what a careless or hostile caller gives it: clear TypeErrors and
ConfigErrors for bad arguments, bytes decoded like files, failures in a batch as results."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor import ConfigError, ErrorInfo, extract, extract_batch, resolve_settings

POSTING = "Junior Analyst\nAcme Corp\nFull-time\nPosted 2 days ago\n"


@pytest.fixture
def rules():
    return resolve_settings(env={}, strategy="rules", use_cache=False)


@pytest.mark.parametrize("bad", [None, 123, ["a list"], ("a", "tuple"), 1.5])
def test_extract_of_a_non_posting_is_a_type_error_naming_the_kinds_it_takes(bad):
    with pytest.raises(TypeError, match=r"^extract\(\) takes the posting as str, bytes, a "
                                        r"pathlib.Path or a dict \(a JSON row\), not "):
        extract(bad, strategy="rules", use_cache=False)


def test_extract_accepts_utf8_bytes():
    result = extract(POSTING.encode(), strategy="rules", use_cache=False)
    assert result.ok and result.record.title == "Junior Analyst"


def test_extract_decodes_legacy_encoded_bytes_like_a_file():
    text = "Ingénieur Logiciel\nSociété Générale\nCDI\nLe poste est basé à Paris.\n"
    result = extract(text.encode("cp1252"), strategy="rules", use_cache=False)
    assert result.ok and result.record.title == "Ingénieur Logiciel"


def test_binary_bytes_are_an_error_result_not_an_exception():
    result = extract(b"\x00\x01\x02\xff" * 64, strategy="rules", use_cache=False)
    assert not result.ok and result.error.type == "binary_input"


def test_overrides_on_a_settings_object_are_coerced_like_resolve_settings(rules):
    result = extract(POSTING, rules, reference_date="2024-01-10")
    assert result.ok and result.record.date_posted == dt.date(2024, 1, 8)
    assert extract(POSTING, rules, max_tokens="64").ok


@pytest.mark.parametrize(("overrides", "message"), [
    ({"reference_date": "2024-13-01"},
     "--reference-date / reference_date: month must be in 1..12; use YYYY-MM-DD"),
    ({"timeout": 0}, "--timeout / timeout: got 0"),
    ({"strategy": "nope"}, "--strategy / EXTRACTOR_STRATEGY / strategy: 'nope' is not one of"),
])
def test_bad_override_values_are_config_errors_with_or_without_settings(rules, overrides, message):
    with pytest.raises(ConfigError) as on_settings:
        extract(POSTING, rules, **overrides)
    with pytest.raises(ConfigError) as alone:
        extract(POSTING, **overrides)
    assert str(on_settings.value).startswith(message)
    assert str(alone.value).startswith(message)


def test_unknown_override_names_list_the_known_ones(rules):
    with pytest.raises(ConfigError, match=r"unknown settings: refrence_date; known: .*"
                                          r"reference_date"):
        extract(POSTING, rules, refrence_date="2024-01-01")
    with pytest.raises(ConfigError, match=r"unknown settings: refrence_date; known: "):
        extract(POSTING, refrence_date="2024-01-01")


def test_settings_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError, match=r"settings must be an extractor.Settings or None, not str"):
        extract(POSTING, "rules")


def test_a_none_inside_a_batch_is_an_error_result_and_the_batch_goes_on(rules):
    texts = ["Junior Analyst\nAcme Corp\n", None, 42, b"Senior Analyst\nAcme Corp\n"]
    results = list(extract_batch(texts, rules, sources=["a", "b", "c", "d"]))
    assert [r.source for r in results] == ["a", "b", "c", "d"]
    assert [r.ok for r in results] == [True, False, False, True]
    assert results[1].error == ErrorInfo(
        "invalid_input", "expected the posting as str, bytes, a path or a dict (a JSON row), "
        "got None")
    assert results[2].error.type == "invalid_input" and "int" in results[2].error.message
    assert results[3].record.title == "Senior Analyst"


def test_a_batch_with_fewer_sources_than_texts_names_the_rest(rules):
    results = list(extract_batch(["Junior Analyst\nAcme\n", "Senior Analyst\nAcme\n"], rules,
                                 sources=["first"]))
    assert [r.source for r in results] == ["first", "<text#2>"]


def test_extract_batch_of_one_string_is_a_type_error_not_one_posting_per_character(rules):
    with pytest.raises(TypeError, match=r"iterable of postings; for one posting use extract"):
        extract_batch("Junior Analyst\nAcme Corp\n", rules)


@pytest.mark.parametrize("one", [b"Junior Analyst\n", {"title": "Analyst", "text": "..."}])
def test_extract_batch_of_one_bytes_or_one_row_is_a_type_error(rules, one):
    with pytest.raises(TypeError, match=r"iterable of postings; for one posting use extract"):
        extract_batch(one, rules)
