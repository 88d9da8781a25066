"""Loading what a hostile or careless user feeds: bytes on stdin, API envelopes, stray NULs,
NFD text and folders that share names (issue 13: defects 7 and 11, and "also found")."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from extractor import extract
from extractor.cli import EXIT_OK, EXIT_SOME_FAILED, main
from extractor.load import (
    Document,
    LoadError,
    LoadFailure,
    decode_bytes,
    iter_inputs,
    load_text,
    stdin_input,
)

REPO = Path(__file__).resolve().parents[1]
RULES = ["--strategy", "rules", "--quiet"]
FRENCH = "Ingénieur logiciel\nLocation: Paris, France\nSalaire : 55 000 EUR par an\n"


def cli_lines(args: list[str], capsys: pytest.CaptureFixture[str]) -> list[dict]:
    assert main([*args, *RULES]) == EXIT_OK
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def one_document(value: object) -> Document:
    return load_text(json.dumps(value))


def file_results(tmp_path: Path, value: object, name: str) -> list[Document | LoadFailure]:
    path = tmp_path / name
    path.write_text(json.dumps(value), encoding="utf-8")
    return list(iter_inputs([path]))


def with_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """stdin as a real text stream over bytes, as the interpreter gives it."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)


# --- 7. bytes on stdin ---------------------------------------------------------------------

def test_latin1_bytes_on_stdin_give_one_line_not_a_traceback() -> None:
    """The issue's recipe, in a real process: printf 'Ing\\xe9nieur ...' | extract -."""
    data = FRENCH.encode("latin-1")
    done = subprocess.run([str(REPO / ".venv" / "bin" / "extract"), "-", *RULES], input=data,
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == EXIT_OK, done.stderr.decode(errors="replace")
    [line] = [json.loads(x) for x in done.stdout.decode().splitlines()]
    assert line["source"] == "<stdin>" and line["error"] is None
    assert line["record"]["title"] == "Ingénieur logiciel"


def test_cp1252_bytes_on_stdin_decode_as_a_file_would(monkeypatch, capsys) -> None:
    with_stdin(monkeypatch, FRENCH.encode("cp1252"))
    [line] = cli_lines(["-"], capsys)
    assert line["error"] is None and line["record"]["title"] == "Ingénieur logiciel"


def test_utf16_with_bom_on_stdin_decodes(monkeypatch, capsys) -> None:
    with_stdin(monkeypatch, FRENCH.encode("utf-16"))
    [line] = cli_lines(["-"], capsys)
    assert line["record"]["title"] == "Ingénieur logiciel"


def test_binary_on_stdin_is_a_binary_input_line(monkeypatch, capsys) -> None:
    with_stdin(monkeypatch, b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4)
    assert main(["-", *RULES]) != EXIT_OK
    [line] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert line["source"] == "<stdin>" and line["error"]["type"] == "binary_input"


def test_stdin_over_max_bytes_is_too_large_without_reading_it_all() -> None:
    stream = io.BytesIO(b"x" * 5000)
    result = stdin_input(stream, max_bytes=1000)
    assert isinstance(result, LoadFailure) and result.error_type == "too_large"
    assert stream.tell() == 1001  # stopped one byte past the limit


def test_json_on_stdin_is_sniffed_like_load_text(monkeypatch) -> None:
    with_stdin(monkeypatch, json.dumps({"title": "Nurse", "description": "Care."}).encode())
    result = stdin_input(sys.stdin)
    assert isinstance(result, Document) and result.kind == "json"
    assert result.content == "Title: Nurse\n\nCare."


# --- 11. postings inside API envelopes ----------------------------------------------------

def test_posting_under_data_job_is_found_with_its_nested_company() -> None:
    """The issue's recipe: a text key the old list lacked gave no_text_field."""
    envelope = {"data": {"job": {"title": "Backend Engineer", "company": {"name": "Acme"},
                                 "descriptionPlain": "Build APIs in Go."}}}
    doc = one_document(envelope)
    assert doc.content == "Title: Backend Engineer\nCompany: Acme\n\nBuild APIs in Go."
    assert doc.fields == envelope["data"]["job"]


def test_hiring_organization_object_gives_the_company_line() -> None:
    doc = one_document({"result": {"title": "Nurse", "description": "Care for patients.",
                                   "hiringOrganization": {"@type": "Organization",
                                                          "name": "Acme Health"}}})
    assert doc.content.startswith("Title: Nurse\nCompany: Acme Health\n")


def test_envelope_metadata_with_a_description_loses_to_the_titled_job() -> None:
    doc = one_document({"meta": {"description": "Jobs API v2"},
                        "data": {"job": {"title": "Data Engineer", "content": "Move data."}}})
    assert doc.content == "Title: Data Engineer\n\nMove data."


def test_company_object_beside_the_job_is_not_the_posting() -> None:
    doc = one_document({"company": {"name": "Acme", "description": "Acme makes widgets."},
                        "job": {"title": "Welder", "content": "Weld widgets."}})
    assert doc.content == "Title: Welder\n\nWeld widgets."


def test_greenhouse_job_list_gives_one_result_per_job_with_html_unescaped(tmp_path) -> None:
    jobs = {"jobs": [{"id": 1, "title": "Backend Engineer", "location": {"name": "Berlin"},
                      "content": "&lt;p&gt;Build APIs.&lt;/p&gt;"},
                     {"id": 2, "title": "Designer", "location": {"name": "Remote"},
                      "content": "&lt;p&gt;Design things.&lt;/p&gt;"}],
            "meta": {"total": 2}}
    results = file_results(tmp_path, jobs, "board.json")
    assert [r.source.rsplit("#", 1)[1] for r in results] == ["1", "2"]
    assert all(isinstance(r, Document) and r.kind == "html" for r in results)
    assert results[0].content == ("<p>Title: Backend Engineer<br>Location: Berlin</p>\n"  # type: ignore[union-attr]
                                  "<p>Build APIs.</p>")
    assert "Design things." in results[1].content  # type: ignore[union-attr]


def test_lever_posting_reads_its_text_title_location_and_lists() -> None:
    doc = one_document({"text": "Backend Engineer", "categories": {"location": "Berlin"},
                        "description": "<div>Build APIs.</div>",
                        "descriptionPlain": "Build APIs.",
                        "lists": [{"text": "Requirements", "content": "<li>Go</li>"}],
                        "additional": "<p>Pension.</p>"})
    assert doc.content == ("<p>Title: Backend Engineer<br>Location: Berlin</p>\n"
                           "<div>Build APIs.</div>\n\n<h3>Requirements</h3>\n<li>Go</li>\n\n"
                           "<p>Pension.</p>")


def test_ashby_board_gives_each_job_once_without_doubling_html_and_plain(tmp_path) -> None:
    board = {"apiVersion": "1", "jobs": [
        {"title": f"Role {n}", "location": "Remote", "descriptionHtml": f"<p>Body {n}</p>",
         "descriptionPlain": f"Body {n}"} for n in (1, 2, 3)]}
    results = file_results(tmp_path, board, "ashby.json")
    assert [r.content for r in results] == [  # type: ignore[union-attr]
        f"<p>Title: Role {n}<br>Location: Remote</p>\n<p>Body {n}</p>" for n in (1, 2, 3)]


def test_workable_job_joins_its_parts_once_and_reads_the_location_object() -> None:
    doc = one_document({"title": "QA Lead", "full_description": "Test. Python. Gym.",
                        "description": "Test.", "requirements": "Python.", "benefits": "Gym.",
                        "location": {"location_str": "Athens, Greece", "city": "Athens"}})
    assert doc.content == "Title: QA Lead\nLocation: Athens, Greece\n\nTest.\n\nPython.\n\nGym."


def test_smartrecruiters_sections_are_the_body_and_never_the_title() -> None:
    doc = one_document({"name": "Nurse", "company": {"name": "Acme Health"},
                        "location": {"city": "Lyon", "country": "fr"},
                        "jobAd": {"sections": {
                            "companyDescription": {"title": "Company Description",
                                                   "text": "<p>We heal.</p>"},
                            "jobDescription": {"title": "Job Description",
                                               "text": "<p>Care for patients.</p>"}}}})
    assert doc.content == ("<p>Title: Nurse<br>Company: Acme Health<br>Location: Lyon, fr</p>\n"
                           "<h3>Company Description</h3>\n<p>We heal.</p>\n\n"
                           "<h3>Job Description</h3>\n<p>Care for patients.</p>")


def test_recruitee_offer_list_gives_one_result_per_offer(tmp_path) -> None:
    offers = {"offers": [{"title": "Cook", "company_name": "Bistro", "location": "Ghent",
                          "description": "<p>Cook.</p>", "requirements": "<p>Knives.</p>"},
                         {"title": "Waiter", "company_name": "Bistro", "location": "Ghent",
                          "description": "<p>Serve.</p>"}]}
    results = file_results(tmp_path, offers, "offers.json")
    assert [r.content.split("<br>")[0] for r in results] == [  # type: ignore[union-attr]
        "<p>Title: Cook", "<p>Title: Waiter"]
    assert "<p>Knives.</p>" in results[0].content  # type: ignore[union-attr]


def test_json_ld_graph_reads_the_job_posting_not_the_organization() -> None:
    doc = one_document({"@graph": [
        {"@type": "Organization", "name": "Acme", "description": "Acme makes widgets."},
        {"@type": "JobPosting", "title": "Welder", "description": "<p>Weld.</p>",
         "hiringOrganization": {"name": "Acme"},
         "jobLocation": {"address": {"addressLocality": "Ghent", "addressCountry": "BE"}}}]})
    assert doc.content == ("<p>Title: Welder<br>Company: Acme<br>Location: Ghent, Belgium</p>\n"
                           "<p>Weld.</p>")


def test_similar_jobs_beside_the_posting_are_not_postings() -> None:
    doc = one_document({"data": {"job": {"title": "Cook", "description": "Cook."},
                                 "similarJobs": [{"title": "Chef", "description": "Lead."},
                                                 {"title": "Baker", "description": "Bake."}]}})
    assert doc.content == "Title: Cook\n\nCook."


def test_jsonl_line_holding_several_postings_fails_instead_of_keeping_one(tmp_path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"jobs": [{"title": "A", "description": "a"},
                                         {"title": "B", "description": "b"}]}) + "\n"
                    + json.dumps({"data": {"job": {"title": "C", "description": "c"}}}) + "\n")
    first, second = iter_inputs([feed])
    assert isinstance(first, LoadFailure) and first.error_type == "multiple_postings"
    assert "line 1 holds 2 postings" in first.message
    assert isinstance(second, Document) and second.content == "Title: C\n\nc"


def test_empty_json_list_is_one_failure_not_a_missing_result(tmp_path) -> None:
    [result] = file_results(tmp_path, [], "jobs.json")
    assert isinstance(result, LoadFailure) and result.error_type == "empty_input"
    assert result.source.endswith("jobs.json")


def test_load_text_of_an_envelope_list_refuses_to_pick_one() -> None:
    with pytest.raises(LoadError) as info:
        load_text(json.dumps({"jobs": [{"description": "a"}, {"description": "b"}]}))
    assert info.value.error_type == "multiple_postings"


@pytest.mark.parametrize("keys", [
    ("Job Title", "Company Name", "Location", "Job Description"),  # Glassdoor's CSV header
    ("job_title", "company_name", "job_location", "job_description"),
    ("jobTitle", "companyName", "jobLocation", "jobDescription"),
])
def test_columns_match_whatever_their_case_and_separators(keys: tuple[str, ...]) -> None:
    title, company, location, body = keys
    doc = one_document({title: "Sr Data Scientist", company: "Intuit - Data\n4.4",
                        location: "San Diego, CA", body: "Build models.", "Rating": "4.4"})
    assert doc.content == ("Title: Sr Data Scientist\nCompany: Intuit - Data\n"
                           "Location: San Diego, CA\n\nBuild models.")


def test_envelope_posting_reaches_the_record_through_rules() -> None:
    result = extract(json.dumps({"data": {"job": {
        "title": "Backend Engineer", "company": {"name": "Acme Robotics"},
        "location": {"name": "Berlin, Germany"},
        "descriptionPlain": "You will build APIs in Go for Acme Robotics."}}}),
        strategy="rules", use_cache=False)
    assert result.error is None and result.record is not None
    assert (result.record.title, result.record.company) == ("Backend Engineer", "Acme Robotics")
    assert [loc.city for loc in result.record.locations] == ["Berlin"]


# --- NUL bytes ----------------------------------------------------------------------------

def test_one_nul_byte_in_utf8_text_is_dropped_not_binary(tmp_path) -> None:
    path = tmp_path / "post.txt"
    path.write_bytes(FRENCH.encode().replace(b"Paris", b"Pa\x00ris"))
    [result] = list(iter_inputs([path]))
    assert isinstance(result, Document) and result.content == FRENCH


def test_nul_in_a_short_posting_is_dropped() -> None:
    assert decode_bytes(b"Data Engineer\x00") == "Data Engineer"


def test_nul_dense_data_is_still_binary() -> None:
    """UTF-16 without a byte-order mark, or a binary format: half its bytes are NUL."""
    with pytest.raises(LoadError) as info:
        decode_bytes(FRENCH.encode("utf-16-le"))
    assert info.value.error_type == "binary_input"


# --- NFD text -----------------------------------------------------------------------------

NFD_POSTING = unicodedata.normalize(
    "NFD", "Ingénieur logiciel\nLocation: Zürich, Switzerland\nSalaire : 90 000 CHF par an\n")


def test_nfd_text_keeps_its_title_and_city_through_rules() -> None:
    result = extract(NFD_POSTING, strategy="rules", use_cache=False)
    assert result.record is not None
    assert result.record.title == "Ingénieur logiciel"
    assert [(loc.city, loc.country) for loc in result.record.locations] == [("Zürich", "CH")]


def test_nfd_file_bytes_decode_to_nfc(tmp_path) -> None:
    path = tmp_path / "post.txt"
    path.write_bytes(NFD_POSTING.encode())
    [result] = list(iter_inputs([path]))
    assert isinstance(result, Document)
    assert result.content == unicodedata.normalize("NFC", NFD_POSTING)


def test_nfd_json_escapes_come_out_nfc_in_content_and_fields() -> None:
    raw = json.dumps({"title": "Inge\u0301nieur", "location": "Zu\u0308rich",
                      "description": "Cre\u0300me bru\u0302le\u0301e"}, ensure_ascii=True)
    doc = load_text(raw)
    assert doc.content == "Title: Ingénieur\nLocation: Zürich\n\nCrème brûlée"
    assert doc.fields == {"title": "Ingénieur", "location": "Zürich",
                          "description": "Crème brûlée"}


def test_nfd_on_stdin_comes_out_nfc(monkeypatch) -> None:
    with_stdin(monkeypatch, NFD_POSTING.encode())
    result = stdin_input(sys.stdin)
    assert isinstance(result, Document)
    assert result.content == unicodedata.normalize("NFC", NFD_POSTING)


# --- sources of several folders -------------------------------------------------------------

def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, title in ((a, "Data Engineer"), (b, "Sales Manager")):
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "p.txt").write_text(f"{title}\nAcme Corp\n", encoding="utf-8")
    return a, b


def test_two_folders_holding_the_same_name_give_distinct_sources(tmp_path) -> None:
    a, b = two_folders(tmp_path)
    sources = [r.source for r in iter_inputs([a, b])]
    assert sources == [f"{a}/sub/p.txt", f"{b}/sub/p.txt"]


def test_folder_given_relative_keeps_its_name_as_given(tmp_path, monkeypatch) -> None:
    two_folders(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert [r.source for r in iter_inputs(["a/", "./b"])] == ["a/sub/p.txt", "b/sub/p.txt"]


def test_a_single_folder_keeps_sources_relative_to_it(tmp_path) -> None:
    a, _ = two_folders(tmp_path)
    assert [r.source for r in iter_inputs([a])] == ["sub/p.txt"]


def test_resume_over_two_folders_writes_each_posting_once(tmp_path, capsys) -> None:
    a, b = two_folders(tmp_path)
    out = tmp_path / "out.jsonl"
    cli_lines([str(a), str(b), "-o", str(out), "--limit", "1"], capsys)
    cli_lines([str(a), str(b), "-o", str(out), "--resume"], capsys)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(line["source"], line["record"]["title"]) for line in lines] == [
        (f"{a}/sub/p.txt", "Data Engineer"), (f"{b}/sub/p.txt", "Sales Manager")]


def test_output_inside_one_of_two_input_folders_is_not_read_back(tmp_path, capsys) -> None:
    a, b = two_folders(tmp_path)
    out = a / "out.jsonl"
    for _ in range(2):
        cli_lines([str(a), str(b), "-o", str(out), "--resume"], capsys)
    sources = [json.loads(line)["source"] for line in out.read_text().splitlines()]
    assert sources == [f"{a}/sub/p.txt", f"{b}/sub/p.txt"]


def test_an_object_without_known_text_keys_is_read_as_its_text_values_under_their_keys(
        tmp_path: Path) -> None:
    row = {"status": "ok", "result": {
        "puesto": "Asistente de Contabilidad", "empresa": {"nombre_comercial": "Andina Huarango"},
        "ubicacion": "San Isidro, Lima, Perú",
        "funciones": ["Registrar las facturas de proveedores en el sistema contable",
                      "Conciliar las cuentas bancarias cada semana",
                      "Preparar los reportes mensuales para la gerencia de finanzas"]}}
    [doc] = file_results(tmp_path, row, "aviso.json")
    assert isinstance(doc, Document)
    assert "puesto: Asistente de Contabilidad" in doc.content
    assert "- Conciliar las cuentas bancarias cada semana" in doc.content
    assert "nombre_comercial: Andina Huarango" in doc.content


def test_a_bare_record_without_text_is_still_refused(tmp_path: Path) -> None:
    [failure] = file_results(tmp_path, {"id": 7, "salary_min": "1000"}, "row.json")
    assert isinstance(failure, LoadFailure) and failure.error_type == "no_text_field"


def test_html_sniffing_is_linear_on_tags_that_never_close() -> None:
    # "[^>]*" rescanned the rest of the text from every "<li": 90 KB took 2.4 s
    text = "<li" * 30_000 + "\n<p>Senior Data Engineer</p>"
    assert load_text(text).kind == "html"


# --- an earlier run's outputs left in an input folder -----------------------------------

def test_an_earlier_runs_output_in_the_input_folder_is_skipped_not_read_back(
        tmp_path, capsys) -> None:
    a, _ = two_folders(tmp_path)
    cli_lines([str(a), "-o", str(a / "first.jsonl"), "--include-text"], capsys)
    # the skipped file is reported as an input that failed (exit 1), in its own line
    assert main([str(a), "-o", str(a / "second.jsonl"), *RULES]) == EXIT_SOME_FAILED
    lines = [json.loads(line) for line in (a / "second.jsonl").read_text().splitlines()]
    assert [line["source"] for line in lines] == ["first.jsonl", "sub/p.txt"]
    assert lines[0]["error"]["type"] == "extractor_output"
    assert "name the file itself" in lines[0]["error"]["message"]
    assert lines[1]["record"]["title"] == "Data Engineer"  # the posting, once


@pytest.mark.parametrize(("name", "body"), [
    ("errors.jsonl", '{"source": "x.txt", "record": null, "error": {"type": "empty_input"}}\n'),
    ("summary.json", json.dumps({"inputs": 3, "wall_seconds": 1.5, "ok": 3}, indent=2)),
    ("out.csv", "source,title,company,error_type,error_message,cached\nx.txt,A,B,,,false\n"),
    ("review.html", '<!doctype html><meta name="generator" content="extractor review">'),
])
def test_each_kind_of_output_is_known_by_how_it_starts(tmp_path, name, body) -> None:
    (tmp_path / name).write_text(body, encoding="utf-8")
    [failure] = iter_inputs([tmp_path])
    assert isinstance(failure, LoadFailure) and failure.error_type == "extractor_output"


@pytest.mark.parametrize(("name", "body"), [
    ("feed.jsonl", '{"source": "LinkedIn", "title": "Data Engineer", "description": "'
                   'Build pipelines in Python for the finance team."}\n'),
    ("jobs.csv", "source,title,description\nboard,Data Engineer,Build pipelines in Python\n"),
])
def test_postings_with_a_source_column_are_still_postings(tmp_path, name, body) -> None:
    (tmp_path / name).write_text(body, encoding="utf-8")
    [doc] = iter_inputs([tmp_path])
    assert isinstance(doc, Document) and "Build pipelines" in doc.content


def test_an_output_named_on_its_own_is_read_as_the_user_asked(tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"source": "x.txt", "record": {"title": "A"}, "error": null, '
                   '"text": "Data Engineer at Acme. Build pipelines in Python."}\n')
    [doc] = iter_inputs([out])
    assert isinstance(doc, Document)


def test_a_parquet_output_is_known_by_its_columns_a_parquet_of_postings_is_read(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"source": ["x.txt"], "title": ["A"], "error_type": [None],
                             "error_message": [None], "cached": [False]}), tmp_path / "o.parquet")
    pq.write_table(pa.table({"title": ["Data Engineer"], "description": [
        "Build pipelines in Python for the finance team."]}), tmp_path / "p.parquet")
    failure, doc = iter_inputs([tmp_path])
    assert isinstance(failure, LoadFailure) and failure.error_type == "extractor_output"
    assert isinstance(doc, Document) and doc.source == "p.parquet#1"
