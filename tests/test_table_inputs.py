"""CSV and Parquet files as input: a row per posting, read as a JSON row is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractor.cli import EXIT_OK, main
from extractor.load import Document, LoadFailure, iter_inputs
from support.postings import read_lines

BODY = "We need a data engineer with Python and SQL. Salary: $120,000 - $150,000 a year."
CELL = f'"{BODY}"'  # a CSV cell: the commas in it are quoted


def _load(path: Path, **kwargs) -> list[Document | LoadFailure]:
    return list(iter_inputs([path], **kwargs))


def _csv(tmp_path: Path, text: str, name: str = "jobs.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_each_csv_row_is_one_posting_named_by_its_row_number(tmp_path):
    path = _csv(tmp_path, f"title,company,description\nData Engineer,Acme,{CELL}\n"
                          f"Baker,Fournil,\"Bake bread, daily\"\n")
    first, second = _load(path)
    assert [first.source, second.source] == [f"{path}#1", f"{path}#2"]
    assert first.content.startswith("Title: Data Engineer\nCompany: Acme\n\nWe need")
    assert second.content.endswith("Bake bread, daily")
    assert first.fields == {"title": "Data Engineer", "company": "Acme", "description": BODY}


def test_csv_column_names_match_in_any_case_and_spelling(tmp_path):
    path = _csv(tmp_path, f"Job Title,COMPANY_NAME,Job Description\nData Engineer,Acme,{CELL}\n")
    [doc] = _load(path)
    assert doc.content.startswith("Title: Data Engineer\nCompany: Acme\n\n")
    assert doc.content.endswith(BODY)


def test_the_text_field_names_the_csv_column_to_read_in_any_case(tmp_path):
    path = _csv(tmp_path, f"id,Body Text,notes\n7,{CELL},ignore me\n")
    [doc] = _load(path, text_field="body_text")
    assert doc.content == BODY and doc.fields["notes"] == "ignore me"


def test_a_csv_row_with_no_text_column_fails_naming_the_columns(tmp_path):
    path = _csv(tmp_path, "id,salary_min\n7,1000\n")
    [failure] = _load(path)
    assert isinstance(failure, LoadFailure) and failure.error_type == "no_text_field"
    assert "id, salary_min" in failure.message


def test_an_empty_csv_cell_is_null_and_a_quoted_cell_may_span_lines(tmp_path):
    path = _csv(tmp_path, f'title,company,description\nData Engineer,,"{BODY}\nSecond line"\n')
    [doc] = _load(path)
    assert doc.fields["company"] is None and doc.content.endswith("Second line")


def test_a_semicolon_or_tab_separated_csv_is_read_by_its_header(tmp_path):
    semi = _csv(tmp_path, f"title;description\nData Engineer;{BODY}\n", "semi.csv")
    tabs = _csv(tmp_path, f"title\tdescription\nData Engineer\t{BODY}\n", "tabs.csv")
    assert [d.fields["title"] for d in _load(semi) + _load(tabs)] == ["Data Engineer"] * 2


def test_a_csv_row_with_more_cells_than_the_header_fails_alone(tmp_path):
    path = _csv(tmp_path, f"title,description\nA,{CELL}\nB,one,two\nC,{CELL}\n")
    results = _load(path)
    assert [type(r).__name__ for r in results] == ["Document", "LoadFailure", "Document"]
    assert results[1].source == f"{path}#2" and results[1].error_type == "malformed_csv"


def test_a_csv_with_only_a_header_is_an_empty_input(tmp_path):
    [failure] = _load(_csv(tmp_path, "title,description\n"))
    assert failure.error_type == "empty_input"


def _parquet(tmp_path: Path, rows: list[dict], name: str = "jobs.parquet") -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / name
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def test_each_parquet_row_is_one_posting_with_its_columns_as_fields(tmp_path):
    path = _parquet(tmp_path, [
        {"Title": "Data Engineer", "Description": BODY, "posted": dt.date(2024, 3, 1),
         "tags": ["python", "sql"], "salary": 120000.0},
        {"Title": "Baker", "Description": "Bake bread daily.", "posted": None,
         "tags": [], "salary": None},
    ])
    first, second = _load(path)
    assert [first.source, second.source] == [f"{path}#1", f"{path}#2"]
    assert first.content.startswith("Title: Data Engineer\n\nWe need")
    assert first.fields["posted"] == "2024-03-01" and first.fields["tags"] == ["python", "sql"]
    assert first.fields["salary"] == 120000.0 and second.fields["posted"] is None


def test_the_text_field_names_the_parquet_column(tmp_path):
    path = _parquet(tmp_path, [{"id": 1, "Posting_Body": BODY}])
    [doc] = _load(path, text_field="posting body")
    assert doc.content == BODY


def test_a_file_named_parquet_that_is_not_one_is_one_unreadable_input(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"not a parquet file at all")
    [failure] = _load(path)
    assert failure.source == str(path) and failure.error_type == "unreadable"


def test_a_folder_walk_reads_csv_and_parquet_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _csv(folder, f"title,description\nA,{CELL}\n", "a.csv")
    _parquet(folder, [{"title": "B", "description": BODY}], "b.parquet")
    assert [r.source for r in _load(folder)] == ["a.csv#1", "b.parquet#1"]


def test_extract_over_a_csv_writes_one_line_per_row(tmp_path):
    path = _csv(tmp_path, f"title,company,description\nData Engineer,Acme,{CELL}\n"
                          f"Baker,Fournil,Bake bread. Pay: $20 per hour.\n")
    out = tmp_path / "out.jsonl"
    assert main([str(path), "-o", str(out), "--strategy", "rules", "--quiet"]) == EXIT_OK
    lines = read_lines(out)
    assert [line["source"] for line in lines] == [f"{path}#1", f"{path}#2"]
    assert [line["record"]["title"] for line in lines] == ["Data Engineer", "Baker"]
    assert lines[1]["record"]["salary"][0]["annual_min"] == 41_600.0


@pytest.mark.parametrize("name", ["out.csv", "out.parquet"])
def test_a_table_output_inside_the_input_folder_is_not_read_back(tmp_path, name):
    pq = pytest.importorskip("pyarrow.parquet") if name.endswith(".parquet") else None
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "p.txt").write_text(f"Data Engineer\nAcme Corp\n{BODY}\n")
    out = folder / name
    args = [str(folder), "-o", str(out), "--strategy", "rules", "--quiet", "--resume"]
    assert main(args) == EXIT_OK
    assert main(args) == EXIT_OK  # the second run finds out.* in the folder it reads
    if pq is None:
        sources = [row.split(",", 1)[0] for row in out.read_text().splitlines()[1:]]
    else:
        sources = pq.read_table(out).column("source").to_pylist()
    assert sources == ["p.txt"]
