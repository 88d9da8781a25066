"""Per-document reference dates: what "Reposted 8 Days Ago" counts from when the caller
gives no --reference-date: a JSON field, a sidecar, or (asked for) the file's mtime."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from extractor.load import Document, LoadFailure, iter_inputs, load_text
from extractor.pipeline import Pipeline, extract_documents
from extractor.settings import resolve_settings

BODY = ("Senior Firmware Engineer\nAcme Robotics\nBoston, MA\nReposted 8 Days Ago\n\n"
        "Build firmware for our robots.\n")
SAVED = dt.date(2024, 3, 12)


def _settings(tmp_path: Path, **kw: object):
    return resolve_settings(env={}, strategy="rules", cache_dir=tmp_path / "cache", **kw)


def _row(**fields: object) -> str:
    return json.dumps({"title": "Senior Firmware Engineer", "description": BODY, **fields})


@pytest.mark.parametrize("fields", [{"scraped_at": "2024-03-12T09:30:00Z"},
                                    {"Date Scraped": "2024-03-12"},
                                    {"crawledAt": 1710235800000},
                                    {"fetched_at": 1710235800}])
def test_a_json_rows_scrape_date_is_its_reference_date(fields):
    assert load_text(_row(**fields)).reference_date == SAVED


def test_an_envelopes_scrape_date_dates_the_posting_inside():
    text = json.dumps({"scraped_at": "2024-03-12", "data": {"job": json.loads(_row())}})
    assert load_text(text).reference_date == SAVED


def test_a_sidecar_dates_its_file_and_is_not_an_input_itself(tmp_path):
    (tmp_path / "page.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "page.txt.meta.json").write_text('{"reference_date": "2024-03-12"}')
    (tmp_path / "alone.meta.json").write_text(_row())  # no companion file: a posting
    results = list(iter_inputs([tmp_path]))
    assert [r.source for r in results] == ["alone.meta.json", "page.txt"]
    assert results[1].reference_date == SAVED and results[0].reference_date is None


def test_a_bad_sidecar_is_a_failure_that_says_what_to_write(tmp_path):
    (tmp_path / "page.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "page.txt.meta.json").write_text('{"saved": "last week"}')
    [failure] = iter_inputs([tmp_path / "page.txt"])
    assert isinstance(failure, LoadFailure) and failure.error_type == "bad_sidecar"
    assert '{"reference_date": "YYYY-MM-DD"}' in failure.message


def test_relative_dates_count_from_the_date_the_document_states(tmp_path):
    [result] = extract_documents([load_text(_row(scraped_at="2024-03-12"))], _settings(tmp_path))
    assert result.record.date_posted == dt.date(2024, 3, 4)
    line = result.to_line()
    assert (line["reference_date"], line["reference_from"]) == ("2024-03-12", "document")


def test_the_callers_reference_date_wins_over_the_documents(tmp_path):
    settings = _settings(tmp_path, reference_date="2025-01-09")
    [result] = extract_documents([load_text(_row(scraped_at="2024-03-12"))], settings)
    assert result.record.date_posted == dt.date(2025, 1, 1)
    assert "reference_from" not in result.to_line()


def test_a_files_modification_day_counts_only_when_asked(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(BODY, encoding="utf-8")
    saved = dt.datetime(2024, 3, 12, 12).timestamp()
    os.utime(path, (saved, saved))
    [doc] = iter_inputs([path])
    assert doc.modified == SAVED
    today = Pipeline(_settings(tmp_path, use_cache=False)).reference_for(doc)
    assert today == (dt.date.today(), None)
    asked = Pipeline(_settings(tmp_path, use_cache=False, reference_from_mtime=True))
    assert asked.reference_for(doc) == (SAVED, "mtime")


def test_the_documents_reference_date_is_part_of_its_cache_key(tmp_path):
    settings = _settings(tmp_path)
    first = Document("a.txt", BODY, "text", reference_date=dt.date(2024, 3, 12))
    later = Document("a.txt", BODY, "text", reference_date=dt.date(2024, 3, 20))
    [a] = extract_documents([first], settings)
    [b] = extract_documents([later], settings)
    [again] = extract_documents([first], settings)
    assert not b.cached and again.cached
    assert (a.record.date_posted, b.record.date_posted) == (dt.date(2024, 3, 4),
                                                            dt.date(2024, 3, 12))
