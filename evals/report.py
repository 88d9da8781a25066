"""Reports: a terminal table, a JSON report and a self-contained HTML page; comparison."""

from __future__ import annotations

import json
import platform
import subprocess
from pathlib import Path
from typing import Any

from evals.report_page import fmt, render_page
from evals.runner import SystemRun, summarise
from evals.score import HEADLINE_FIELDS


def _git_version() -> str:
    try:
        out = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            timeout=5,
            cwd=Path(__file__).parent,
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def build_report(runs: list[SystemRun], sets: list[str]) -> dict[str, Any]:
    import datetime as dt

    from extractor import __version__

    return {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "code_version": f"{__version__}+{_git_version()}",
        "machine": f"{platform.machine()} {platform.processor() or ''} "
        f"{_cpu_count()} cores, Python {platform.python_version()}".strip(),
        "fixture_sets": sets,
        "systems": [summarise(run) for run in runs],
        "documents": {run.config.label: [_case_dict(c) for c in run.cases] for run in runs},
        "texts": _texts(runs),
    }


def _texts(runs: list[SystemRun]) -> dict[str, str]:
    """Each document's cleaned text, once (the first system's): the report page shows it."""
    texts: dict[str, str] = {}
    for run in runs:
        for case in run.cases:
            if case.text:
                texts.setdefault(_case_id(case), case.text)
    return texts


def _case_id(case: Any) -> str:
    return f"{case.case.set_name}/{case.case.case_id}"


def _cpu_count() -> int:
    import os

    return os.cpu_count() or 0


def _case_dict(case: Any) -> dict[str, Any]:
    return {
        "id": _case_id(case),
        "error": case.error,
        "scores": {k: [s.tp, s.fp, s.fn] for k, s in case.scores.items()},
        "expected": case.case.labels,
        "got": case.record,
        "evidence": case.evidence,
        "latency_s": round(case.latency_s, 3),
    }


def render_table(report: dict[str, Any], fields: tuple[str, ...] = HEADLINE_FIELDS) -> str:
    """Fields as rows, one F1 (P/R) column per system, then micro and run figures."""
    systems = report["systems"]
    width = 26
    head = "field".ljust(22) + "".join(s["label"][: width - 1].ljust(width) for s in systems)
    lines = [head, "-" * len(head)]
    for name in (*fields, "micro"):
        cells = []
        for s in systems:
            m = s["headline"]["micro"] if name == "micro" else s["all_fields"]["fields"][name]
            cells.append(
                f"{fmt(m['f1'])} ({fmt(m['precision'])}/{fmt(m['recall'])})".ljust(width)
            )
        lines.append(name.ljust(22) + "".join(cells))
    for label, key in (
        ("errors", "errors"),
        ("latency median s", "median"),
        ("latency p90 s", "p90"),
        ("tokens in/out", "tokens"),
    ):
        cells = []
        for s in systems:
            if key == "errors":
                cells.append(f"{s['errors']}/{s['documents']}")
            elif key == "tokens":
                cells.append(f"{s['tokens']['prompt']}/{s['tokens']['completion']}")
            else:
                cells.append(fmt(s["latency_s"][key]))
        lines.append(label.ljust(22) + "".join(c.ljust(width) for c in cells))
    lines.append("cells: F1 (precision/recall) over the headline fields")
    return "\n".join(lines)


def write_json(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )


def render_html(report: dict[str, Any]) -> str:
    """One page, no external assets: the tables, then each document's text beside its
    fields, systems side by side (``evals/report_page.py`` says how values are marked)."""
    return render_page(report)


def compare(report: dict[str, Any], baseline: dict[str, Any], threshold: float) -> tuple[str, bool]:
    """Fields and documents that got better or worse; True when past the threshold."""
    lines, regressed = [], False
    base_systems = {s["label"]: s for s in baseline["systems"]}
    for system in report["systems"]:
        old = base_systems.get(system["label"])
        if old is None:
            lines.append(f"{system['label']}: not in the baseline, not compared")
            continue
        for name in (*HEADLINE_FIELDS, "micro"):
            new_f1 = _f1(system, name)
            old_f1 = _f1(old, name)
            if new_f1 is None or old_f1 is None or abs(new_f1 - old_f1) < 1e-9:
                continue
            verdict = "better" if new_f1 > old_f1 else "WORSE"
            lines.append(f"{system['label']}: {name} {verdict} {old_f1:.3f} -> {new_f1:.3f}")
            regressed |= old_f1 - new_f1 > threshold
        lines += _document_changes(system["label"], report, baseline)
    return "\n".join(lines) or "no change against the baseline", regressed


def _f1(system: dict[str, Any], name: str) -> float | None:
    if name == "micro":
        return system["headline"]["micro"]["f1"]
    return system["all_fields"]["fields"][name]["f1"]


def _document_changes(label: str, report: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    old_docs = {d["id"]: d for d in baseline.get("documents", {}).get(label, [])}
    lines = []
    for doc in report["documents"].get(label, []):
        old = old_docs.get(doc["id"])
        if not old:
            continue
        delta = _doc_tp(doc) - _doc_tp(old)
        if delta:
            lines.append(f"  {doc['id']}: {'better' if delta > 0 else 'worse'} ({delta:+g} tp)")
    return lines


def _doc_tp(doc: dict[str, Any]) -> float:
    return sum(tp - fp for name, (tp, fp, _fn) in doc["scores"].items() if name in HEADLINE_FIELDS)
