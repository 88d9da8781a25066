"""The progress total counts a row per CSV or Parquet row, as the loader reads them."""

from __future__ import annotations

import pytest

from extractor.batch import survey as survey_module
from extractor.batch.survey import survey_inputs


def _count(folder) -> int:
    return survey_inputs([str(folder)], lambda source: True, count=True).postings


def test_csv_rows_are_counted_without_the_header(tmp_path):
    (tmp_path / "a.csv").write_text('title,description\nA,"one\ntwo"\nB,x\n\nC,y\n')
    assert _count(tmp_path) == 3


def test_parquet_rows_come_from_the_footer_whatever_the_file_size(tmp_path, monkeypatch):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({"title": ["A", "B", "C", "D"], "description": ["x"] * 4})
    pq.write_table(table, tmp_path / "b.parquet")
    monkeypatch.setattr(survey_module, "MAX_BYTES", 10)  # the loader streams Parquet
    assert _count(tmp_path) == 4


def test_a_csv_over_the_size_limit_is_one_result(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_text("title\nA\nB\n")
    monkeypatch.setattr(survey_module, "MAX_BYTES", 5)
    assert _count(tmp_path) == 1
