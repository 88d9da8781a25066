"""Build docs/evaluation.md and its plots from the eval and benchmark reports.

    python docs/build_evaluation.py                      # run the evals, then write the page
    python docs/build_evaluation.py --systems "gpt=backend=openai,model=gpt-4o-mini"
    python docs/build_evaluation.py --skip-evals         # reuse docs/results/eval-summary.json
    python docs/build_evaluation.py --from-report reports/eval.json
    python docs/build_evaluation.py --check              # CI: fail when the page has drifted

The evals (pipeline, rules, the model alone and naive on the embedded default, plus any
``--systems``) run offline over the project's own fixture sets and, when ../shared/corpus
is there, the corpus set. The
full report goes to docs/results/eval.json (not committed: megabytes of per-document
records); what the page needs (per-system, per-set and per-field scores, latencies,
tokens, errors) goes to docs/results/eval-summary.json, which is committed. Benchmarks
are not run here (they take many minutes): the page reads bench/*.json as committed.

``--check`` needs no model and takes seconds: it renders the page from the committed
JSON and compares it with docs/evaluation.md, then reruns the rules-only system on the
synthetic set and compares its F1 with the stored one.
"""

from __future__ import annotations

import argparse
import difflib
import json
import shlex
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
for _path in (str(ROOT), str(DOCS)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from evaluation_render import (  # noqa: E402
    BENCH_FILES,
    UNLABELLED,
    linked_images,
    render_markdown,
    with_readme_headline,
)

RESULTS = DOCS / "results"
SUMMARY = RESULTS / "eval-summary.json"
FULL_REPORT = RESULTS / "eval.json"
PAGE = DOCS / "evaluation.md"
README = ROOT / "README.md"
TOLERANCE = 1e-9


# -- eval report -> compact summary ---------------------------------------------------------

def headline_micro(scores: list[Mapping[str, Any]]) -> dict[str, Any]:
    """Micro precision, recall and F1 pooled over the headline fields."""
    from evals.score import HEADLINE_FIELDS, aggregate

    return {"micro": aggregate(scores, HEADLINE_FIELDS).as_dict()["micro"]}


def set_scores(scores: list[Mapping[str, Any]], errors: int) -> dict[str, Any]:
    """Aggregate per-document FieldScores the way evals does (same function, same order)."""
    from evals.score import ALL_FIELDS, aggregate

    return {"documents": len(scores), "errors": errors, "headline": headline_micro(scores),
            "all_fields": aggregate(scores, ALL_FIELDS).as_dict()}


def _doc_scores(doc: dict[str, Any]) -> dict[str, Any]:
    from evals.score import FieldScore

    return {name: FieldScore(*counts) for name, counts in doc["scores"].items()}


def _errors(docs: list[dict[str, Any]]) -> int:
    return sum(1 for d in docs if d["error"])


def doc_language(doc: Mapping[str, Any]) -> str:
    """The posting language of a report document: its label's ``language`` field."""
    return str((doc.get("expected") or {}).get("language") or UNLABELLED)


def language_scores(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Headline micro scores per posting language (the label's), most postings first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        groups.setdefault(doc_language(doc), []).append(doc)
    order = sorted(groups, key=lambda lang: (-len(groups[lang]), lang))
    return {lang: {"documents": len(groups[lang]),
                   "errors": _errors(groups[lang]),
                   "headline": headline_micro([_doc_scores(d) for d in groups[lang]])}
            for lang in order}


def summarise_report(report: dict[str, Any], evals_command: str | None,
                     source: str) -> dict[str, Any]:
    """What the page needs from a full eval report, per system and per fixture set."""
    from evals.score import HEADLINE_FIELDS

    systems = []
    for system in report["systems"]:
        docs = report.get("documents", {}).get(system["label"], [])
        by_set = {}
        for name in report["fixture_sets"]:
            subset = [d for d in docs if d["id"].split("/", 1)[0] == name]
            by_set[name] = set_scores([_doc_scores(d) for d in subset], _errors(subset))
        compact = {k: v for k, v in system.items() if k != "headline"}
        compact["headline"] = {"micro": system["headline"]["micro"]}
        compact["by_set"] = by_set
        compact["by_language"] = language_scores(docs)
        compact["latencies_s"] = [d["latency_s"] for d in docs]
        compact["error_documents"] = [{"id": d["id"], "type": (d["error"] or {}).get("type")}
                                      for d in docs if d["error"]]
        systems.append(compact)
    return {"source": source, "evals_command": evals_command,
            **{k: report.get(k) for k in ("created", "code_version", "machine", "fixture_sets")},
            "headline_fields": list(HEADLINE_FIELDS), "systems": systems}


def run_evals(extra_specs: list[str], keep: frozenset[str] = frozenset()
              ) -> tuple[dict[str, Any], str]:
    """Run pipeline, rules, the model alone, naive (+ extras) over the fixture sets; the
    report and command.

    Systems labelled in ``keep`` are not run (``carry_systems`` copies them over)."""
    from evals.__main__ import DEFAULT_SYSTEMS, MODEL_ALONE, NAIVE, parse_system
    from evals.fixtures_io import OWN_SETS, load_set
    from evals.report import build_report, render_table, write_json
    from evals.runner import run_system

    sets = [*OWN_SETS] + (["corpus"] if load_set("corpus") else [])
    cases = [case for name in sets for case in load_set(name)]
    specs = [spec for spec in (*DEFAULT_SYSTEMS, MODEL_ALONE, NAIVE, *extra_specs)
             if spec.partition("=")[0] not in keep]
    runs = [run_system(parse_system(spec), cases) for spec in specs]
    report = build_report(runs, sets)
    write_json(report, FULL_REPORT)
    print(render_table(report))
    set_args = " ".join(f"--set {name}" for name in sets)
    system_args = (" ".join(f"--system {shlex.quote(spec)}" for spec in specs)
                   if extra_specs or keep else "--baselines")
    return report, f"python -m evals {set_args} {system_args}"


def carry_systems(summary: dict[str, Any], previous: dict[str, Any] | None,
                  keep: frozenset[str]) -> dict[str, Any]:
    """``summary`` plus the ``keep`` systems of the previous summary, each saying where
    it comes from (a slow system, such as the naive baseline, need not be rerun for a
    page whose other systems changed)."""
    if not keep:
        return summary
    found = [s for s in (previous or {}).get("systems", []) if s.get("label") in keep]
    missing = keep - {s.get("label") for s in found}
    if missing:
        raise SystemExit(f"--keep-system: no {', '.join(sorted(missing))} in {SUMMARY}")
    origin = {k: (previous or {}).get(k) for k in ("created", "code_version", "evals_command",
                                                   "fixture_sets")}
    carried = [{**s, "carried_from": s.get("carried_from") or origin} for s in found]
    return {**summary, "systems": [*summary["systems"], *carried]}


# -- inputs, plots, page --------------------------------------------------------------------

def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def load_inputs(summary_path: Path = SUMMARY, root: Path = ROOT) -> dict[str, Any]:
    return {"eval": read_json(summary_path),
            "bench": {name: read_json(root / path) for name, (path, _) in BENCH_FILES.items()}}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.style.use("default")
    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9,
                         "svg.hashsalt": "extractor", "path.simplify": False})
    return plt


def _save(fig: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=100, metadata={"Software": None})
    fig.clf()


def plot_f1(summary: dict[str, Any], path: Path) -> None:
    plt = _pyplot()
    systems = summary["systems"]
    names = [n for n in summary.get("headline_fields", []) if n in
             systems[0]["all_fields"]["fields"]]
    fig, ax = plt.subplots(figsize=(11, 4.5))
    width = 0.8 / len(systems)
    for i, system in enumerate(systems):
        values = [system["all_fields"]["fields"][n]["f1"] or 0.0 for n in names]
        values.append(system["headline"]["micro"]["f1"] or 0.0)
        ax.bar([x + (i - (len(systems) - 1) / 2) * width for x in range(len(names) + 1)],
               values, width, label=system["label"])
    ax.set_xticks(range(len(names) + 1), [*names, "micro"], rotation=35, ha="right")
    ax.set_ylim(0, 1.15)
    ax.set_ylabel("F1")
    ax.set_title("F1 per headline field, all fixture sets")
    ax.legend(loc="upper center", ncols=len(systems))
    ax.grid(axis="y", alpha=0.3)
    _save(fig, path)
    plt.close(fig)


def plot_latency(summary: dict[str, Any], path: Path) -> None:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4))
    for system in summary["systems"]:
        values = sorted(max(v, 1e-3) for v in system.get("latencies_s") or [])
        if values:
            shares = [(i + 1) / len(values) for i in range(len(values))]
            ax.step(values, shares, where="post", label=system["label"])
    ax.set_xscale("log")
    ax.set_xlabel("latency per posting, s (log scale)")
    ax.set_ylabel("share of postings at or below")
    ax.set_title("Latency per posting (eval run)")
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    _save(fig, path)
    plt.close(fig)


def plot_tokens(results: dict[str, Any], path: Path) -> None:
    plt = _pyplot()
    scopes = [(results.get("embedded", {}).get("config", {}).get("set", "fixtures"),
               results.get("embedded", {}).get("summary", {}).get("tokens_cleaning")),
              ("corpus", results.get("corpus_tokens"))]
    labels, before, after = [], [], []
    for scope, stats in scopes:
        for stat in ("median", "p90"):
            if stats:
                labels.append(f"{scope}\n{stat}")
                before.append(stats["before_cleaning"][stat])
                after.append(stats["after_cleaning"][stat])
    fig, ax = plt.subplots(figsize=(7, 4))
    xs = range(len(labels))
    ax.bar([x - 0.2 for x in xs], before, 0.4, label="before cleaning")
    ax.bar([x + 0.2 for x in xs], after, 0.4, label="after cleaning")
    ax.set_xticks(list(xs), labels)
    ax.set_ylabel("tokens per posting")
    ax.set_title("Tokens before and after cleaning")
    ax.legend()
    ax.grid(axis="y", alpha=0.3)
    _save(fig, path)
    plt.close(fig)


def plot_concurrency(scaling: dict[str, Any], path: Path) -> None:
    plt = _pyplot()
    rows = scaling["throughput"]
    levels = [r["concurrency"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(levels, [r["ideal_per_s"] for r in rows], "k--", label="ideal C/D")
    ax.plot(levels, [r["steady_per_s"] for r in rows], "o-", label="steady state")
    ax.plot(levels, [r["postings_per_s"] for r in rows], "s:", label="whole command")
    ax.set_xlabel("concurrency C")
    ax.set_ylabel("postings/s")
    ax.set_title(f"Throughput against concurrency, server delay D = {scaling.get('delay_s')} s")
    ax.legend()
    ax.grid(alpha=0.3)
    _save(fig, path)
    plt.close(fig)


def write_plots(inputs: dict[str, Any], out_dir: Path = DOCS) -> list[Path]:
    """Draw the plots the page links (paths relative to ``out_dir``); remove the others."""
    drawers = {"img/f1_per_field.png": lambda p: plot_f1(inputs["eval"], p),
               "img/latency.png": lambda p: plot_latency(inputs["eval"], p),
               "img/tokens_cleaning.png": lambda p: plot_tokens(inputs["bench"]["results"], p),
               "img/throughput_vs_concurrency.png":
                   lambda p: plot_concurrency(inputs["bench"]["batch_scaling"], p)}
    linked = set(linked_images(inputs))
    written = []
    for rel, draw in drawers.items():
        path = out_dir / rel
        if rel in linked:
            draw(path)
            written.append(path)
        else:
            path.unlink(missing_ok=True)
    return written


# -- check ----------------------------------------------------------------------------------

def check_page(inputs: dict[str, Any], page: Path = PAGE) -> list[str]:
    """Problems with the committed page: a diff against a fresh render, missing images."""
    fresh = render_markdown(inputs)
    old = page.read_text(encoding="utf-8") if page.is_file() else ""
    problems = []
    if fresh != old:
        diff = difflib.unified_diff(old.splitlines(), fresh.splitlines(), "committed",
                                    "rendered", lineterm="", n=1)
        head = "\n".join(list(diff)[:40])
        problems.append(f"{_relative(page)} differs from a fresh render:\n{head}")
    problems += [f"{_relative(page.parent / rel)} is linked but missing"
                 for rel in linked_images(inputs) if not (page.parent / rel).is_file()]
    return problems


def check_readme(inputs: dict[str, Any], readme: Path = README) -> list[str]:
    """Problems with the README's generated headline block."""
    old = readme.read_text(encoding="utf-8")
    try:
        fresh = with_readme_headline(old, inputs)
    except ValueError as exc:
        return [str(exc)]
    return [] if fresh == old else [f"{_relative(readme)}: the headline block differs from "
                                    "a fresh render"]


def rules_rerun() -> dict[str, Any]:
    """Rules-only (no model, no cache, no env settings) on the synthetic set, scored."""
    from evals.fixtures_io import load_set
    from evals.runner import SystemConfig, run_system
    from extractor.settings import resolve_settings

    settings = resolve_settings(env={}, strategy="rules", use_cache=False)
    run = run_system(SystemConfig("rules", "pipeline", settings), load_set("synthetic"),
                     progress=False)
    return set_scores([c.scores for c in run.cases], sum(1 for c in run.cases if c.error))


def compare_rules(stored: dict[str, Any] | None, fresh: dict[str, Any]) -> list[str]:
    if not stored:
        return ["no rules-only figures for the synthetic set in docs/results/eval-summary.json"]
    pairs = [("micro", stored["headline"]["micro"]["f1"], fresh["headline"]["micro"]["f1"])]
    pairs += [(name, stored["all_fields"]["fields"].get(name, {}).get("f1"), m["f1"])
              for name, m in fresh["all_fields"]["fields"].items()]
    return [f"rules-only synthetic {name} F1: stored {old}, now {new}" for name, old, new
            in pairs if (old is None) != (new is None)
            or (old is not None and abs(old - new) > TOLERANCE)]


def stored_rules(summary: dict[str, Any] | None) -> dict[str, Any] | None:
    for system in (summary or {}).get("systems", []):
        if system.get("label") == "rules":
            return system.get("by_set", {}).get("synthetic")
    return None


def run_check() -> int:
    inputs = load_inputs()
    problems = check_page(inputs) + check_readme(inputs)
    fresh = rules_rerun()
    problems += compare_rules(stored_rules(inputs["eval"]), fresh)
    present = [path for name, (path, _) in BENCH_FILES.items() if inputs["bench"][name]]
    for problem in problems:
        print(problem, file=sys.stderr)
    verdict = "FAILED" if problems else "ok"
    print(f"check {verdict}: docs/evaluation.md and the README headline against a render of "
          f"{SUMMARY.relative_to(ROOT)} + {len(present)} bench file(s) "
          f"({', '.join(present) or 'none'}); rules-only on "
          f"the synthetic set ({fresh['documents']} documents): micro F1 "
          f"{fresh['headline']['micro']['f1']:.4f} and {len(fresh['all_fields']['fields'])} "
          "field F1s against the stored figures")
    if problems:
        print("regenerate with: python docs/build_evaluation.py (or --skip-evals)",
              file=sys.stderr)
    return 1 if problems else 0


# -- command line ---------------------------------------------------------------------------

def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return path.name


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python docs/build_evaluation.py",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--systems", "--system", action="append", default=[],
                        metavar="LABEL=k=v,...",
                        help="extra system for the evals (repeatable), as python -m evals "
                        "--system takes it: any OpenAI-compatible model lands on the page")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--skip-evals", action="store_true",
                      help="reuse the committed docs/results/eval-summary.json")
    mode.add_argument("--from-report", type=Path, metavar="PATH",
                      help="summarise an existing python -m evals report instead of running")
    parser.add_argument("--keep-system", action="append", default=[], metavar="LABEL",
                        help="do not rerun this system (e.g. naive, 30+ minutes): copy its "
                        "scores from the committed summary, marked with where they come from")
    mode.add_argument("--check", action="store_true",
                      help="fail when docs/evaluation.md or the rules-only scores drifted")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.check:
        return run_check()
    if args.from_report:
        report = json.loads(args.from_report.read_text(encoding="utf-8"))
        summary = summarise_report(report, None, _relative(args.from_report))
    elif not args.skip_evals:
        keep = frozenset(args.keep_system)
        report, command = run_evals(args.systems, keep)
        summary = carry_systems(summarise_report(report, command, _relative(FULL_REPORT)),
                                read_json(SUMMARY), keep)
    if args.from_report or not args.skip_evals:
        RESULTS.mkdir(parents=True, exist_ok=True)
        SUMMARY.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    inputs = load_inputs()
    PAGE.write_text(render_markdown(inputs), encoding="utf-8")
    README.write_text(with_readme_headline(README.read_text(encoding="utf-8"), inputs),
                      encoding="utf-8")
    plots = write_plots(inputs)
    print(f"wrote {PAGE.relative_to(ROOT)}, the README headline and {len(plots)} plot(s) "
          "under docs/img/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
