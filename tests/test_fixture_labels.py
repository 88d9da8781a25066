"""The fixture labels validator: the synthetic set is clean and bad lines are caught."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.fixtures.validate import SYNTHETIC_LABELS, main, validate_labels
from extractor.record import JobPosting

FULL_RECORD = {  # every field, most of them empty
    **JobPosting().model_dump(mode="json"),
    "title": "Barista", "company": "Example Cafe", "employment_types": ["part_time"],
    "language": "en",
}


def _write(tmp_path: Path, *rows: dict, posting: str = "01-barista.txt") -> Path:
    (tmp_path / posting).write_text("Barista at Example Cafe, part-time.\n", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return labels


def test_synthetic_labels_are_valid() -> None:
    assert validate_labels(SYNTHETIC_LABELS) == []


OWN_LABELS = [Path(__file__).resolve().parents[1] / "evals" / "fixtures" / name / "labels.jsonl"
              for name in ("multilingual", "heldout")]


@pytest.mark.parametrize("labels", OWN_LABELS, ids=lambda p: p.parent.name)
def test_the_other_own_sets_are_valid(labels: Path) -> None:
    assert validate_labels(labels) == []


def test_synthetic_set_has_at_least_44_postings() -> None:
    rows = SYNTHETIC_LABELS.read_text(encoding="utf-8").splitlines()
    assert len([r for r in rows if r.strip()]) >= 44


def test_good_line_in_tmp_path_is_valid(tmp_path: Path) -> None:
    labels = _write(tmp_path, {"file": "01-barista.txt", "labels": FULL_RECORD})
    assert validate_labels(labels) == []


def test_salary_with_min_above_max_is_an_error(tmp_path: Path) -> None:
    bad = {**FULL_RECORD, "salary": [
        {"min": 9, "max": 5, "currency": "USD", "period": "hour", "raw": "$9-$5"}]}
    errors = validate_labels(_write(tmp_path, {"file": "01-barista.txt", "labels": bad}))
    assert len(errors) == 1 and "salary" in errors[0]


def test_unknown_enum_value_is_an_error(tmp_path: Path) -> None:
    bad = {**FULL_RECORD, "workplace_type": "sometimes"}
    errors = validate_labels(_write(tmp_path, {"file": "01-barista.txt", "labels": bad}))
    assert any("workplace_type" in e for e in errors)


def test_missing_posting_file_is_an_error(tmp_path: Path) -> None:
    labels = _write(tmp_path, {"file": "01-barista.txt", "labels": FULL_RECORD},
                    {"file": "02-gone.txt", "labels": FULL_RECORD})
    errors = validate_labels(labels)
    assert errors == [f"labels.jsonl:2: 02-gone.txt: file not found in {tmp_path}"]


def test_missing_field_and_non_canonical_value_are_errors(tmp_path: Path) -> None:
    partial = {k: v for k, v in FULL_RECORD.items() if k != "skills"}
    partial["employment_types"] = ["Part-time"]
    errors = validate_labels(_write(tmp_path, {"file": "01-barista.txt", "labels": partial}))
    assert any("lack field 'skills'" in e for e in errors)
    assert any("employment_types" in e and "part_time" in e for e in errors)


def test_unlabelled_file_bad_json_and_bad_reference_date_are_errors(tmp_path: Path) -> None:
    labels = _write(tmp_path, {"file": "01-barista.txt", "labels": FULL_RECORD,
                               "reference_date": "14/03/2025"})
    (tmp_path / "02-extra.txt").write_text("Another posting", encoding="utf-8")
    with labels.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    errors = validate_labels(labels)
    assert any("reference_date" in e for e in errors)
    assert any("not JSON" in e for e in errors)
    assert any("02-extra.txt has no labels line" in e for e in errors)


def test_main_exits_non_zero_on_errors(tmp_path: Path, capsys) -> None:
    labels = _write(tmp_path, {"file": "01-barista.txt", "labels": {"title": 3}})
    assert main([str(labels)]) == 1
    assert "labels.jsonl:1:" in capsys.readouterr().out


def test_partial_labels_under_another_root(tmp_path: Path) -> None:
    postings = tmp_path / "corpus"
    postings.mkdir()
    (postings / "a.txt").write_text("Barista wanted", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"file": "a.txt", "labels": {"title": "Barista"}}) + "\n",
                      encoding="utf-8")
    assert validate_labels(labels, root=postings, complete=False) == []
    assert any("lack field" in e for e in validate_labels(labels, root=postings))


def test_corpus_labels_are_valid_against_shared_corpus(corpus: Path) -> None:
    labels = Path(__file__).parents[1] / "evals" / "fixtures" / "corpus" / "labels.jsonl"
    rows = [r for r in labels.read_text(encoding="utf-8").splitlines() if r.strip()]
    assert len(rows) >= 40
    assert validate_labels(labels, root=corpus, complete=False) == []
