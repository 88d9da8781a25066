"""What ``extract`` and ``extract_batch`` take besides str and bytes: a path, read by the
loader the CLI uses, and a dict row, read as the same object on a JSONL line is; and
``extract_files``, which reads files and folders as the ``extract`` command does."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from extractor import (
    ConfigError,
    ErrorInfo,
    Settings,
    extract,
    extract_batch,
    extract_files,
    resolve_settings,
)
from extractor.cli import main
from support.postings import read_lines

HTML = ("<html><body><nav>Jobs | Sign in</nav><h1>Junior Analyst</h1><p>Acme Corp</p>"
        "<p>Full-time. Salary: $50,000 a year.</p></body></html>")
ROW = {"title": "Staff Nurse", "company": "Mercy Hospital",
       "description": "We are hiring a staff nurse. Part-time. Pay: $30 an hour."}


@pytest.fixture
def rules() -> Settings:
    return resolve_settings(env={}, strategy="rules", use_cache=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "postings"
    root.mkdir()
    (root / "a.html").write_text(HTML, encoding="utf-8")
    (root / "rows.jsonl").write_text(
        json.dumps(ROW) + "\n" + json.dumps({**ROW, "title": "Night Nurse"}) + "\n",
        encoding="utf-8")
    return root


def test_extract_reads_a_path_as_the_cli_reads_the_file(folder, rules):
    result = extract(folder / "a.html", rules)
    assert result.ok and result.source == str(folder / "a.html")
    assert result.record is not None and result.record.title == "Junior Analyst"
    assert "Jobs" not in (result.record.company or "")  # read as HTML: the nav is cut


def test_extract_of_a_path_takes_the_given_source(folder, rules):
    assert extract(folder / "a.html", rules, source="mine").source == "mine"


def test_a_json_file_of_one_row_reads_the_row_fields(tmp_path, rules):
    path = tmp_path / "row.json"
    path.write_text(json.dumps(ROW), encoding="utf-8")
    result = extract(path, rules)
    assert result.record is not None
    assert (result.record.title, result.record.company) == ("Staff Nurse", "Mercy Hospital")


def test_a_file_of_several_postings_is_an_error_result_pointing_to_extract_files(folder, rules):
    result = extract(folder / "rows.jsonl", rules)
    assert result.error == ErrorInfo(
        "multiple_postings",
        f"{folder / 'rows.jsonl'} holds several postings; extract_files() gives one result each")


def test_a_folder_is_an_error_result_pointing_to_extract_files(folder, rules):
    result = extract(folder, rules)
    assert result.error is not None and result.error.type == "invalid_input"
    assert "extract_files()" in result.error.message


def test_a_missing_file_is_an_error_result_not_an_exception(tmp_path, rules):
    result = extract(tmp_path / "nope.html", rules)
    assert result.error is not None and result.error.type == "not_found"


def test_a_dict_row_gives_the_record_its_jsonl_line_gives(folder, rules):
    from_row = extract(ROW, rules)
    from_line = next(extract_files(folder / "rows.jsonl", rules))
    assert from_row.source == "<text>"
    assert from_row.record is not None and from_row.record.company == "Mercy Hospital"
    assert from_row.to_line()["record"] == from_line.to_line()["record"]
    assert from_row.evidence == from_line.evidence


def test_a_nan_title_in_a_row_is_absent_not_the_text_nan(rules):
    result = extract({**ROW, "title": float("nan")}, rules)
    assert result.record is not None and result.record.title != "nan"
    assert result.record.company == "Mercy Hospital"


def test_a_row_without_posting_text_is_an_error_result(rules):
    result = extract({"title": "Staff Nurse", "salary": 30}, rules)
    assert result.error is not None and result.error.type == "no_text_field"


def test_a_row_that_is_not_json_like_is_an_invalid_input_result(rules):
    result = extract({("a", "tuple"): "key", **ROW}, rules)
    assert result.error is not None and result.error.type == "invalid_input"
    assert result.error.message.startswith("the row is not JSON-like: ")


def test_a_batch_mixes_every_kind_and_names_paths_by_their_path(folder, rules):
    postings = ["Junior Analyst\nAcme Corp\n", b"Senior Analyst\nAcme Corp\n", folder / "a.html",
                ROW]
    results = list(extract_batch(postings, rules))
    assert [r.source for r in results] == [
        "<text#1>", "<text#2>", str(folder / "a.html"), "<text#4>"]
    assert [r.record.title if r.record else None for r in results] == [
        "Junior Analyst", "Senior Analyst", "Junior Analyst", "Staff Nurse"]


def test_a_source_that_is_not_a_str_is_a_type_error_naming_source(rules):
    with pytest.raises(TypeError, match=r"^extract\(source=\.\.\.\) must be a str, not int"):
        extract("Junior Analyst\n", rules, source=3)


def test_extract_files_names_and_records_as_the_cli_writes_them(folder, tmp_path, rules):
    out = tmp_path / "out.jsonl"
    assert main([str(folder), "-o", str(out), "--strategy", "rules", "--no-cache"]) == 0
    written = {line["source"]: line["record"] for line in read_lines(out)}
    results = list(extract_files(folder, rules))
    assert [r.source for r in results] == ["a.html", "rows.jsonl#1", "rows.jsonl#2"]
    assert {r.source: r.to_line()["record"] for r in results} == written


def test_extract_files_takes_several_paths_and_a_text_field(tmp_path, rules):
    (tmp_path / "a.json").write_text(json.dumps({"title": "Welder", "ad": "Welder wanted."}))
    (tmp_path / "b.txt").write_text("Junior Analyst\nAcme Corp\n")
    results = list(extract_files([tmp_path / "a.json", str(tmp_path / "b.txt")], rules,
                                 text_field="ad"))
    assert [r.record.title if r.record else r.error for r in results] == [
        "Welder", "Junior Analyst"]


def test_extract_files_checks_its_arguments_before_reading(tmp_path, rules):
    with pytest.raises(TypeError, match=r"^extract_files\(\) path #2 must be a str or "
                                        r"os.PathLike, not None"):
        extract_files([tmp_path, None], rules)
    with pytest.raises(TypeError, match=r"^extract_files\(text_field=\.\.\.\) must be a str"):
        extract_files(tmp_path, rules, text_field=1)
    with pytest.raises(ConfigError, match=r"^--timeout / timeout: got 0"):
        extract_files(tmp_path, rules, timeout=0)


# One value each setting refuses: a setting added without a check here fails the test below.
BAD_SETTINGS = {
    "backend": "nope", "model": 3, "adapter": "adapter.bin", "base_url": 3, "api_key": 3,
    "strategy": "nope", "reference_date": "2024-13-01", "cache_dir": 3, "use_cache": "maybe",
    "grounding": "nope", "temperature": 5, "seed": 1.5, "max_tokens": 0, "max_input_chars": 0,
    "validation_retries": -1, "transport_retries": -1, "retry_max_wait": -1, "timeout": 0,
    "endpoint_cooldown_s": -1, "n_threads": 0, "n_ctx": "many", "pay_year": "hours=0",
    "reference_from_mtime": "maybe",
}


def test_every_setting_has_a_refused_value_listed():
    assert set(BAD_SETTINGS) == {f.name for f in dataclasses.fields(Settings)}


@pytest.mark.parametrize(("name", "value"), sorted(BAD_SETTINGS.items()))
def test_every_override_is_checked_and_the_error_names_it(rules, name, value):
    with pytest.raises(ConfigError) as raised:
        extract("Junior Analyst\n", rules, **{name: value})
    label = str(raised.value).split(": ", 1)[0]
    assert label.split(" / ")[-1] == name
