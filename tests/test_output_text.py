"""The opt-in ``text`` of an output line (the cleaned text the evidence points into), and the
``language`` evidence, which no longer copies the whole text."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from extractor.batch.run import BatchOptions, BatchRun
from extractor.cli import main
from extractor.errors import TransportError
from extractor.load import Document
from extractor.parse.language import SPAN_CHARS
from extractor.pipeline import extract_documents
from extractor.settings import resolve_settings
from support.fakes import FakeBackend
from support.postings import read_lines

POSTING = """Senior Firmware Engineer
Acme Robotics
Boston, MA
Full-time
Salary: $120,000 - $150,000 per year
We are looking for an engineer who writes careful embedded code for our robots.
Requirements
- 5+ years of experience with C and Rust
- Bachelor's degree in Electrical Engineering
"""


@pytest.fixture
def settings(tmp_path):
    return resolve_settings(env={}, cache_dir=tmp_path / "cache", strategy="rules",
                            reference_date=dt.date(2026, 11, 1))


def _one(settings, text: str = POSTING, backend=None):
    [result] = extract_documents([Document("a.txt", text, "text")], settings, backend)
    return result


def test_line_has_no_text_unless_asked(settings):
    result = _one(settings)
    assert "text" not in result.to_line()
    assert result.to_line(include_text=True)["text"] == result.text


def test_every_evidence_span_points_into_the_included_text(settings):
    line = _one(settings).to_line(include_text=True)
    spans = [s for items in line["evidence"].values() for s in items if s["start"] is not None]
    assert len(spans) >= 6
    for span in spans:
        assert line["text"][span["start"] : span["end"]] == span["text"]


def test_language_evidence_is_a_short_span_not_the_whole_text(settings):
    result = _one(settings)
    (span,) = result.evidence["language"]
    assert 0 < span["end"] - span["start"] <= SPAN_CHARS
    assert span["text"] == "Senior Firmware Engineer"  # the first line that reads as English


def test_a_cached_result_keeps_its_text(settings):
    first = _one(settings)
    second = _one(settings)
    assert second.cached and second.text == first.text and first.text


def test_a_failed_model_call_keeps_the_text_it_read(tmp_path):
    full = resolve_settings(env={}, cache_dir=tmp_path / "c", strategy="full")  # always asks
    result = _one(full, backend=FakeBackend(lambda r: TransportError("down", attempts=1)))
    assert result.error is not None and result.error.type == "transport_error"
    assert "Senior Firmware Engineer" in result.to_line(include_text=True)["text"]


def test_batch_include_text_option_writes_the_text(tmp_path, settings):
    (tmp_path / "a.txt").write_text(POSTING)
    for include, out in ((True, tmp_path / "with.jsonl"), (False, tmp_path / "without.jsonl")):
        BatchRun([str(tmp_path / "a.txt")], settings,
                 BatchOptions(output=str(out), include_text=include, progress=False)).run()
    [with_text], [without] = read_lines(tmp_path / "with.jsonl"), read_lines(
        tmp_path / "without.jsonl")
    assert "Senior Firmware Engineer" in with_text["text"] and "text" not in without


def test_cli_include_text_flag(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(POSTING)
    code = main([str(tmp_path / "a.txt"), "--strategy", "rules", "--no-cache", "--include-text"])
    [line] = [json.loads(raw) for raw in capsys.readouterr().out.splitlines()]
    assert code == 0 and line["text"].startswith("Senior Firmware Engineer")

