"""Stage 1, loading: files, folders, encodings and JSON shapes to Documents or LoadFailures."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractor.load import (
    Document,
    LoadError,
    LoadFailure,
    decode_bytes,
    iter_inputs,
    load_text,
    sorted_names,
)

POSTING = "Data Engineer\nWe need Python and SQL. Salary $100k-$120k."


def load_one(path: Path, **kwargs: object) -> Document | LoadFailure:
    results = list(iter_inputs([path], **kwargs))  # type: ignore[arg-type]
    assert len(results) == 1, results
    return results[0]


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# --- bytes and encodings ---------------------------------------------------------------

def test_plain_text_file_loads_with_the_path_as_given(tmp_path: Path) -> None:
    path = write(tmp_path, "post.txt", POSTING)
    result = load_one(path)
    assert result == Document(str(path), POSTING, "text")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    result = load_one(write(tmp_path, "post.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert isinstance(result, LoadFailure) and result.error_type == "binary_input"


def test_text_dense_with_nul_bytes_is_binary(tmp_path: Path) -> None:
    result = load_one(write(tmp_path, "post.txt", b"Engineer\x00\x01\x02 wanted" * 10))
    assert isinstance(result, LoadFailure) and result.error_type == "binary_input"


def test_mostly_control_characters_is_binary() -> None:
    with pytest.raises(LoadError) as info:
        decode_bytes(bytes(range(1, 32)) * 20 + b"job")
    assert info.value.error_type == "binary_input"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace_file_is_empty_input(tmp_path: Path, data: bytes) -> None:
    result = load_one(write(tmp_path, "post.txt", data))
    assert isinstance(result, LoadFailure) and result.error_type == "empty_input"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    result = load_one(write(tmp_path, "post.txt", b"\xef\xbb\xbf" + POSTING.encode()))
    assert isinstance(result, Document) and result.content == POSTING


def test_utf16_with_bom_decodes(tmp_path: Path) -> None:
    result = load_one(write(tmp_path, "post.txt", POSTING.encode("utf-16")))
    assert isinstance(result, Document) and result.content == POSTING


def test_utf8_bom_before_json_still_parses(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + json.dumps({"description": POSTING}).encode()
    result = load_one(write(tmp_path, "post.json", data), header=False)
    assert isinstance(result, Document) and result.content == POSTING


def test_cp1251_russian_text_decodes() -> None:
    text = "Требуется инженер по качеству. Опыт работы от 1 года, зарплата от 45 000 рублей."
    assert decode_bytes(text.encode("cp1251")) == text


def test_latin1_text_decodes() -> None:
    text = "Ingénieur qualité à Paris, salaire négociable. Señor desarrollador, España."
    assert decode_bytes(text.encode("latin-1")) == text


def misread(text: str) -> str:
    """`text` as a feed holds it when its UTF-8 was once read as Latin-1 (mojibake)."""
    return text.encode("utf-8").decode("latin-1")


def test_json_values_with_mojibake_are_repaired(tmp_path: Path) -> None:
    # an API object's fields reach the record as the loader gives them
    row = {"position": "Barista Trainer", "company": misread("Brückner Kaffee"),
           "location": misread("Gdańsk"), "tags": [misread("café")],
           "description": f"<p>We don{misread('’')}t roast alone.</p>"}
    result = load_one(write(tmp_path, "row.json", json.dumps(row)))
    assert isinstance(result, Document) and result.fields is not None
    assert result.fields["company"] == "Brückner Kaffee"
    assert result.fields["location"] == "Gdańsk"
    assert result.fields["tags"] == ["café"]
    assert "We don’t roast alone." in result.content


def test_csv_cells_with_mojibake_are_repaired(tmp_path: Path) -> None:
    table = ("title,company,description\n"
             f"Roaster,{misread('Café Nord')},Roast and pack {misread('–')} daily.\n")
    result = load_one(write(tmp_path, "rows.csv", table))
    assert isinstance(result, Document) and result.fields is not None
    assert result.fields["company"] == "Café Nord"
    assert "Roast and pack – daily." in result.content


def test_real_accents_in_json_values_are_left_alone(tmp_path: Path) -> None:
    row = {"company": "Société Générale Â", "description": "Ingénieur à Zürich, ¥ 5 000."}
    result = load_one(write(tmp_path, "row.json", json.dumps(row)))
    assert isinstance(result, Document) and result.fields is not None
    assert result.fields["company"] == "Société Générale Â"
    assert result.content.endswith("Ingénieur à Zürich, ¥ 5 000.")


def test_file_over_max_bytes_is_too_large(tmp_path: Path) -> None:
    result = load_one(write(tmp_path, "post.txt", "x" * 2000), max_bytes=1000)
    assert isinstance(result, LoadFailure) and result.error_type == "too_large"
    assert "1000" in result.message


def test_missing_path_is_not_found(tmp_path: Path) -> None:
    result = load_one(tmp_path / "nope.txt")
    assert isinstance(result, LoadFailure) and result.error_type == "not_found"


# --- files and folders -------------------------------------------------------------------

def test_kind_follows_the_extension(tmp_path: Path) -> None:
    kinds = {name: load_one(write(tmp_path, name, POSTING)).kind  # type: ignore[union-attr]
             for name in ("a.txt", "b.md", "c.markdown", "d.html", "e.HTM")}
    assert kinds == {"a.txt": "text", "b.md": "markdown", "c.markdown": "markdown",
                     "d.html": "html", "e.HTM": "html"}


def test_explicit_file_with_other_extension_is_read_as_text(tmp_path: Path) -> None:
    result = load_one(write(tmp_path, "posting.log", POSTING))
    assert isinstance(result, Document) and result.kind == "text"


def test_folder_is_walked_sorted_recursively_with_relative_sources(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.html", "sub/deeper/d.txt", "skip.pdf", "notes.docx",
                 ".hidden.txt", ".git/e.txt"):
        write(tmp_path, name, POSTING)
    sources = [r.source for r in iter_inputs([tmp_path])]
    assert sources == ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.txt"]


def test_folder_listing_in_chunks_keeps_sorted_order(tmp_path: Path) -> None:
    names = [f"p{n:03d}.txt" for n in range(37)] + ["zz.md", "a.pdf", "sub"]
    for name in names[:-1]:
        write(tmp_path, name, POSTING)
    (tmp_path / "sub").mkdir()
    wanted = sorted(name for name in names if name != "a.pdf")
    for chunk in (1, 5, 36, 37, 38, 1000):  # boundaries below, at and above the count
        assert list(sorted_names(tmp_path, chunk=chunk)) == wanted


def test_odd_file_names_load(tmp_path: Path) -> None:
    names = ["with space.txt", "ünïcödé.txt", "-dash.txt", "hash#1.txt", "semi;colon.txt"]
    for name in names:
        write(tmp_path, name, POSTING)
    results = list(iter_inputs([tmp_path]))
    assert sorted(r.source for r in results) == sorted(names)
    assert all(isinstance(r, Document) for r in results)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    write(tmp_path, "jobs/a.txt", POSTING)
    (tmp_path / "jobs" / "loop").symlink_to(tmp_path / "jobs", target_is_directory=True)
    (tmp_path / "jobs" / "up").symlink_to(tmp_path, target_is_directory=True)
    sources = [r.source for r in iter_inputs([tmp_path / "jobs"])]
    assert sources == ["a.txt"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_broken_symlink_in_folder_is_reported_not_dropped(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    result = load_one(tmp_path)
    assert isinstance(result, LoadFailure) and result.error_type == "unreadable"
    assert result.source == "gone.txt"


def test_each_input_gives_results_in_argument_order(tmp_path: Path) -> None:
    a, b = write(tmp_path, "z.txt", POSTING), write(tmp_path, "a.txt", POSTING)
    assert [r.source for r in iter_inputs([a, b, tmp_path / "x.txt"])] == [
        str(a), str(b), str(tmp_path / "x.txt")]


# --- JSON --------------------------------------------------------------------------------

def test_malformed_json_reports_line_and_column(tmp_path: Path) -> None:
    result = load_one(write(tmp_path, "post.json", '{\n  "description": "x",\n  oops\n}'))
    assert isinstance(result, LoadFailure) and result.error_type == "malformed_json"
    assert "line 3 column 3" in result.message


def test_jsonl_bad_line_fails_alone(tmp_path: Path) -> None:
    lines = [json.dumps({"description": "First posting"}), "{not json", "",
             json.dumps({"description": "Third posting"})]
    results = list(iter_inputs([write(tmp_path, "jobs.jsonl", "\n".join(lines))]))
    assert [r.source.rsplit("#", 1)[1] for r in results] == ["1", "2", "4"]
    assert isinstance(results[1], LoadFailure) and results[1].error_type == "malformed_json"
    assert "line 2" in results[1].message
    assert [r.content for r in results if isinstance(r, Document)] == [
        "First posting", "Third posting"]


def test_json_array_gives_one_document_per_item(tmp_path: Path) -> None:
    items = [{"description": "One"}, {"description": "Two"}, {"unrelated": 1}]
    path = write(tmp_path, "jobs.json", json.dumps(items))
    results = list(iter_inputs([path]))
    assert [r.source for r in results] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert isinstance(results[2], LoadFailure) and results[2].error_type == "no_text_field"


def test_page_state_blob_finds_the_nested_posting(tmp_path: Path) -> None:
    blob = {"props": {"pageProps": {"nav": [{"label": "Jobs"}],
                                    "vacancy": {"title": "Engineer", "salary_min": 5,
                                                "description": "<p>Build things</p>"}}}}
    result = load_one(write(tmp_path, "page.json", json.dumps(blob)))
    assert isinstance(result, Document) and result.kind == "html"
    assert "Build things" in result.content and "Title: Engineer" in result.content
    assert result.fields is not None and result.fields["salary_min"] == 5


def test_description_key_beats_generic_text_key_higher_up(tmp_path: Path) -> None:
    blob = {"text": "Apply now", "job": {"description": "The real posting"}}
    result = load_one(write(tmp_path, "page.json", json.dumps(blob)))
    assert isinstance(result, Document) and result.content == "The real posting"


def test_deeply_nested_json_fails_cleanly(tmp_path: Path) -> None:
    result = load_one(write(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000))
    assert isinstance(result, LoadFailure) and result.error_type == "malformed_json"


def test_moderately_nested_json_is_walked_without_recursion(tmp_path: Path) -> None:
    value: object = {"description": "Deep posting"}
    for _ in range(900):
        value = {"child": value}
    result = load_one(write(tmp_path, "deep.json", json.dumps(value)))
    assert isinstance(result, Document) and result.content == "Deep posting"


def test_emscad_fields_are_joined_in_order(tmp_path: Path) -> None:
    row = {"company_profile": "We are Acme.", "description": "You will code.",
           "requirements": "Python.", "benefits": "Pension.", "fraudulent": "0"}
    result = load_one(write(tmp_path, "row.json", json.dumps(row)))
    assert isinstance(result, Document)
    assert result.content == "We are Acme.\n\nYou will code.\n\nPython.\n\nPension."


def test_header_uses_reader_facing_keys_and_never_label_columns(tmp_path: Path) -> None:
    row = {"title": "Nurse", "company_name": "Acme Health", "location": "Austin, TX",
           "description": "Care for patients.", "min_salary": "50000", "pay_period": "YEARLY",
           "remote_allowed": "1.0", "formatted_experience_level": "Entry level",
           "Salary Estimate": "$1K", "Rating": "4.1", "fraudulent": "1"}
    result = load_one(write(tmp_path, "row.json", json.dumps(row)))
    assert isinstance(result, Document)
    assert result.content == ("Title: Nurse\nCompany: Acme Health\nLocation: Austin, TX\n\n"
                              "Care for patients.")


def test_header_can_be_left_out(tmp_path: Path) -> None:
    row = {"position": "Nurse", "company": "Acme", "description": "Care for patients."}
    result = load_one(write(tmp_path, "row.json", json.dumps(row)), header=False)
    assert isinstance(result, Document) and result.content == "Care for patients."


def test_text_field_overrides_the_known_keys(tmp_path: Path) -> None:
    row = {"description": "short", "posting_body": "The full posting text"}
    result = load_one(write(tmp_path, "row.json", json.dumps(row)), text_field="posting_body",
                      header=False)
    assert isinstance(result, Document) and result.content == "The full posting text"


def test_json_without_text_field_names_the_keys(tmp_path: Path) -> None:
    result = load_one(write(tmp_path, "row.json", json.dumps({"salary": 1, "id": 2})))
    assert isinstance(result, LoadFailure) and result.error_type == "no_text_field"
    assert "id, salary" in result.message


# --- load_text ---------------------------------------------------------------------------

def test_load_text_sniffs_html_json_and_text() -> None:
    assert load_text("<div><h1>Engineer</h1><p>Python</p></div>").kind == "html"
    assert load_text(POSTING).kind == "text"
    doc = load_text(json.dumps({"description": "Plain posting", "title": "Engineer"}))
    assert doc.kind == "json" and doc.content == "Title: Engineer\n\nPlain posting"
    assert load_text(POSTING, kind="markdown").kind == "markdown"


def test_load_text_keeps_text_that_only_looks_like_json() -> None:
    assert load_text("[Remote] Engineer - apply now").kind == "text"


@pytest.mark.parametrize(("text", "error_type"), [
    ("  \n ", "empty_input"),
    (json.dumps({"id": 1}), "no_text_field"),
    (json.dumps([{"description": "a"}, {"description": "b"}]), "multiple_postings"),
])
def test_load_text_raises_load_error(text: str, error_type: str) -> None:
    with pytest.raises(LoadError) as info:
        load_text(text)
    assert info.value.error_type == error_type


def test_german_json_keys_give_the_header_and_the_body(tmp_path: Path) -> None:
    row = {"titel": "Werkstudent Data Science", "unternehmen": "Solaris Energie AG",
           "standort": "Berlin", "beschreibung": "Du arbeitest mit Python und SQL."}
    [doc] = iter_inputs([write(tmp_path, "row.json", json.dumps(row))])
    assert doc.content.splitlines()[:3] == ["Title: Werkstudent Data Science",
                                            "Company: Solaris Energie AG", "Location: Berlin"]
    assert doc.content.endswith("Du arbeitest mit Python und SQL.")
