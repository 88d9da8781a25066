"""The public Python API: pinned names, one-call extract, batch with errors as results."""

from __future__ import annotations

import extractor
from extractor import extract, extract_batch, resolve_settings


def test_public_names_are_pinned():
    assert sorted(extractor.__all__) == [
        "ConfigError", "ErrorInfo", "ExtractorError", "InputError", "JobPosting", "Location",
        "ModelError", "Result", "SalaryRange", "Settings", "extract", "extract_batch",
        "extract_files", "resolve_settings",
    ]
    for name in extractor.__all__:
        assert getattr(extractor, name) is not None


def test_extract_one_text_with_setting_overrides():
    result = extract("Junior Analyst\nAcme Corp\nFull-time\nSalary: $50,000 a year\n",
                     strategy="rules", source="mine")
    assert result.ok and result.source == "mine"
    assert result.record.title == "Junior Analyst"
    assert result.record.salary[0].min == 50000


def test_batch_yields_one_result_per_text_in_order_with_errors_as_results():
    settings = resolve_settings(strategy="rules")
    texts = ["Junior Analyst\nAcme Corp\n", "", "{broken json", "Senior Analyst\nAcme Corp\n"]
    results = list(extract_batch(texts, settings))
    assert [r.ok for r in results] == [True, False, True, True]
    assert results[1].error.type == "empty_input"
    assert results[3].record.title == "Senior Analyst"
