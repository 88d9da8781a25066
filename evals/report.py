"""Reports: a terminal table, a JSON report and a self-contained HTML page; comparison."""

from __future__ import annotations

import html
import json
import platform
import subprocess
from pathlib import Path
from typing import Any

from evals.runner import SystemRun, summarise
from evals.score import ALL_FIELDS, HEADLINE_FIELDS


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
    }


def _cpu_count() -> int:
    import os

    return os.cpu_count() or 0


def _case_dict(case: Any) -> dict[str, Any]:
    return {
        "id": f"{case.case.set_name}/{case.case.case_id}",
        "error": case.error,
        "scores": {k: [s.tp, s.fp, s.fn] for k, s in case.scores.items()},
        "expected": case.case.labels,
        "got": case.record,
        "evidence": case.evidence,
        "latency_s": round(case.latency_s, 3),
    }


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


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
                f"{_fmt(m['f1'])} ({_fmt(m['precision'])}/{_fmt(m['recall'])})".ljust(width)
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
                cells.append(_fmt(s["latency_s"][key]))
        lines.append(label.ljust(22) + "".join(c.ljust(width) for c in cells))
    lines.append("cells: F1 (precision/recall) over the headline fields")
    return "\n".join(lines)


def write_json(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )


_CSS = """body{font:14px system-ui,sans-serif;margin:2em;max-width:1200px}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px}
th{background:#f4f4f4}.bad{background:#fde2e2}.good{background:#e2f5e2}
details{margin:.3em 0}pre{white-space:pre-wrap;background:#f8f8f8;padding:.5em}"""


def render_html(report: dict[str, Any]) -> str:
    """One page, no external assets: the field table and per-document diffs."""
    esc = html.escape
    parts = [
        f"<!doctype html><meta charset=utf-8><title>extractor eval</title><style>{_CSS}"
        f"</style><h1>extractor evaluation</h1><p>{esc(report['created'])} · code "
        f"{esc(report['code_version'])} · {esc(report['machine'])} · sets "
        f"{esc(', '.join(report['fixture_sets']))}</p>",
        _html_systems(report),
        _html_fields(report),
    ]
    for system in report["systems"]:
        parts.append(f"<h2>Documents: {esc(system['label'])}</h2>")
        for doc in report["documents"][system["label"]]:
            parts.append(_html_doc(doc))
    return "\n".join(parts)


def _html_systems(report: dict[str, Any]) -> str:
    rows = [
        "<table><tr><th>system</th><th>backend</th><th>model</th><th>strategy</th>"
        "<th>prompt</th><th>schema</th><th>micro F1</th><th>errors</th>"
        "<th>median s</th><th>tokens in/out</th><th>cost $</th></tr>"
    ]
    for s in report["systems"]:
        cells = [
            s["label"],
            s.get("backend"),
            s.get("model"),
            s.get("strategy"),
            s.get("prompt"),
            s.get("schema"),
            _fmt(s["headline"]["micro"]["f1"]),
            f"{s['errors']}/{s['documents']}",
            _fmt(s["latency_s"]["median"]),
            f"{s['tokens']['prompt']}/{s['tokens']['completion']}",
            "-" if s["cost_usd"] is None else f"{s['cost_usd']:.4f}",
        ]
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    return "\n".join(rows) + "</table>"


def _html_fields(report: dict[str, Any]) -> str:
    systems = report["systems"]
    head = "".join(f"<th>{html.escape(s['label'])} F1 (P/R)</th>" for s in systems)
    rows = [f"<table><tr><th>field</th>{head}</tr>"]
    for name in ALL_FIELDS:
        cells = "".join(
            f"<td>{_fmt(m['f1'])} ({_fmt(m['precision'])}/{_fmt(m['recall'])})</td>"
            for m in (s["all_fields"]["fields"][name] for s in systems)
        )
        rows.append(f"<tr><td>{name}</td>{cells}</tr>")
    return "\n".join(rows) + "</table>"


def _html_doc(doc: dict[str, Any]) -> str:
    esc = html.escape
    bad = [k for k, (tp, fp, fn) in doc["scores"].items() if fp or fn]
    rows = []
    for name in sorted(doc["scores"]):
        tp, fp, fn = doc["scores"][name]
        expected = doc["expected"].get(
            name.replace("location_", "locations") if name.startswith("location_") else name
        )
        got = (doc["got"] or {}).get("locations" if name.startswith("location_") else name)
        snippet = json.dumps((doc["evidence"] or {}).get(name), ensure_ascii=False)[:300]
        css = "bad" if fp or fn else ("good" if tp else "")
        rows.append(
            f"<tr class={css}><td>{name}</td><td>{esc(json.dumps(expected, ensure_ascii=False))}"
            f"</td><td>{esc(json.dumps(got, ensure_ascii=False))}</td><td>{esc(snippet)}"
            f"</td></tr>"
        )
    error = f"<p class=bad>error: {esc(json.dumps(doc['error']))}</p>" if doc["error"] else ""
    return (
        f"<details><summary>{esc(doc['id'])}: {len(bad)} field(s) wrong or missing"
        f"</summary>{error}<table><tr><th>field</th><th>expected</th><th>got</th>"
        f"<th>evidence</th></tr>{''.join(rows)}</table></details>"
    )


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
