"""The project's own training postings (training/own) keep the promises of their README:
every line is complete and valid, every string label is in the text a reader sees, ids
are unique, and no posting shares an employer or a title with the multilingual or heldout
eval sets, so the evals never score what the model was trained on."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest

from extractor.fields import FIELD_NAMES
from extractor.record import JobPosting

ROOT = Path(__file__).resolve().parents[1]
OWN = ROOT / "training" / "own"
TWINS = [ROOT / "evals" / "fixtures" / name / "labels.jsonl"
         for name in ("multilingual", "heldout")]
LAYOUTS = {"careers_html", "board_html", "markdown", "plain", "lost_linebreaks", "api_json",
           "jsonl_row", "linkedin_like", "agency"}
FORMATS = {"txt", "html", "md", "json"}


def _lines() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(OWN.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                out.append((f"{path.name}:{number}", json.loads(line)))
    return out


LINES = _lines()


def _readable(text: str, fmt: str) -> str:
    """The text with HTML entities and JSON escapes undone, as a reader sees it."""
    seen = html.unescape(text)
    if fmt == "json":
        try:
            seen += "\n" + json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return seen


def _strings(labels: dict[str, Any]) -> list[tuple[str, str]]:
    out = [(k, labels[k]) for k in ("title", "company", "apply_url") if labels.get(k)]
    for place in labels.get("locations") or []:
        out += [("location " + k, place[k]) for k in ("raw", "city") if place.get(k)]
    out += [("salary raw", pay["raw"]) for pay in labels.get("salary") or [] if pay.get("raw")]
    return out


def test_there_are_own_postings_in_every_language_users_feed():
    languages = {line["language"] for _, line in LINES}
    assert {"en", "pt", "es", "de", "fr", "zh", "ru"} <= languages


@pytest.mark.parametrize(("where", "line"), LINES, ids=[w for w, _ in LINES])
def test_an_own_posting_is_complete_and_valid(where, line):
    assert line["id"].startswith(f"own-{line['language']}-"), where
    assert Path(where.split(":")[0]).stem == line["language"]
    assert line["layout"] in LAYOUTS and line["format"] in FORMATS
    assert set(line["labels"]) == set(FIELD_NAMES), sorted(set(FIELD_NAMES) ^ set(line["labels"]))
    JobPosting.model_validate(line["labels"])
    assert line["labels"]["language"] == line["language"]


@pytest.mark.parametrize(("where", "line"), LINES, ids=[w for w, _ in LINES])
def test_every_string_label_is_in_the_text(where, line):
    seen = _readable(line["text"], line["format"])
    missing = [(k, v) for k, v in _strings(line["labels"]) if v not in seen]
    assert not missing, missing


def test_own_ids_are_unique():
    ids = [line["id"] for _, line in LINES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("twin_path", TWINS, ids=lambda p: p.parent.name)
def test_no_own_posting_shares_an_employer_or_title_with_an_eval_set(twin_path):
    twin = [json.loads(x)["labels"] for x in twin_path.read_text(encoding="utf-8").splitlines()
            if x]
    taken = {(v or "").casefold() for t in twin for v in (t.get("title"), t.get("company"))}
    ours = {(line["labels"].get(k) or "").casefold() for _, line in LINES
            for k in ("title", "company")}
    assert not (taken & ours) - {""}
