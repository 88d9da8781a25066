"""The Built In page of ../shared/corpus/builtin_seed: the posting, not its page chrome."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.load import iter_inputs
from extractor.pipeline import extract_documents
from extractor.settings import resolve_settings

pytestmark = pytest.mark.corpus

CHROME_SKILLS = {"Figma", "Adobe Premiere Pro", "Loom", "Angular", "React", "MongoDB",
                 "MySQL", "Node.js", "JavaScript", "CSS", "HTML", "Postgres", "PostgreSQL"}


def extract_builtin(corpus, tmp_path, strategy):
    path = corpus / "builtin_seed" / "dropbox-phd-systems-ai-ml-research-intern.txt"
    settings = resolve_settings(env={}, strategy=strategy, cache_dir=tmp_path / "c",
                                reference_date=dt.date(2026, 11, 28), n_threads=2)
    [result] = extract_documents(iter_inputs([path]), settings)
    assert result.ok, result.error
    return result.record


@pytest.mark.parametrize("strategy", ["rules", pytest.param("guided", marks=pytest.mark.model)])
def test_builtin_page_fields_come_from_the_posting_only(corpus, tmp_path, strategy):
    record = extract_builtin(corpus, tmp_path, strategy)
    assert record.title == "PhD Systems & AI/ML Research Intern (Summer 2026)"
    assert record.company == "Dropbox"
    assert record.workplace_type == "remote"
    assert {loc.country for loc in record.locations} | set(record.remote_regions) >= {"US"}
    assert "internship" in record.employment_types
    pay = {(s.min, s.max) for s in record.salary}
    assert pay == {(13000, 13000), (12500, 12500)}
    assert {"C++", "Go", "Python", "Rust"} <= set(record.skills)
    assert not CHROME_SKILLS & set(record.skills)
    assert record.date_posted == dt.date(2026, 11, 20)
