"""Leave-one-source-out: how the default pipeline does on a source its adapter never saw.

    python -m evals.loso                 # score what is ready, list what is not
    python -m evals.loso --train         # also train the missing runs (hours each on CPU)
    python -m evals.loso --source emscad --train

For every source of the labelled corpus set (``evals/fixtures/corpus``) with at least
``--min-cases`` labelled postings:

* a source with no row in ``../shared/training`` was left out of the recipe's training
  by construction, so the recipe's own adapter is scored on it (the shipped file, or
  ``<runs>/<recipe>/<recipe>.gguf`` for a recipe not shipped yet);
* any other source gets its own run of the shipped adapter's recipe with that source's
  rows removed (``train --exclude-source``, same data, seed, settings, schedule and
  step), in ``<runs>/<recipe>-loso-<source>``; ``--train`` trains it (resumable: stop at
  any time and rerun), converts it and scores it.

Each source is scored twice over its labelled postings: the default embedded pipeline
with the held-out adapter, and rules-only (also for a source whose run is pending: how
far rules-only is from a perfect record bounds what any pipeline can gain there). The
figures go to ``docs/results/loso.json`` (rewritten after every source), which
``docs/build_evaluation.py`` renders; sources whose run is not done yet are listed there
as pending, with the step their run reached.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.fixtures_io import Case, load_set
from evals.runner import SystemConfig, run_system, summarise

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "results" / "loso.json"
MIN_CASES = 5
COMMAND = "python -m evals.loso --train"


@dataclass(frozen=True)
class Plan:
    """One held-out source: its postings, how many training rows it had, its adapter."""

    source: str
    cases: list[Case]
    training_rows: int
    run: Path | None  # None: not in the training data, the shipped adapter is held out
    adapter: Path


def source_of(case: Case) -> str:
    return case.case_id.split("/", 1)[0]


def by_source(cases: list[Case], min_cases: int) -> dict[str, list[Case]]:
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(source_of(case), []).append(case)
    return {s: c for s, c in sorted(groups.items()) if len(c) >= min_cases}


def training_rows(shared: Path) -> Counter[str]:
    """Rows per source in the shared training files (what a run trains on)."""
    from extractor.finetune.rows import read_shared

    return Counter(row.source for row in read_shared(shared))


def plan(recipe: Any, cases: list[Case], rows: Counter[str], runs: Path,
         min_cases: int = MIN_CASES) -> list[Plan]:
    out = []
    whole = recipe.shipped if recipe.shipped.is_file() else \
        runs / recipe.name / f"{recipe.name}.gguf"  # reproduce -o RUN/RECIPE.gguf
    for source, group in by_source(cases, min_cases).items():
        if rows[source] == 0:
            out.append(Plan(source, group, 0, None, whole))
            continue
        run = runs / f"{recipe.name}-loso-{source}"
        out.append(Plan(source, group, rows[source], run, run / f"{recipe.name}-loso.gguf"))
    return out


def train_held_out(recipe: Any, item: Plan, data: Path) -> None:
    """Train (or continue) the recipe without the source, then convert its last step."""
    from extractor.finetune.convert import checkpoint_adapter, convert
    from extractor.finetune.reproduce import checkpoint_step, run_training

    assert item.run is not None
    item.run.mkdir(parents=True, exist_ok=True)
    run_training(recipe, data, item.run, exclude=(item.source,))
    if checkpoint_step(item.run) == recipe.step:
        convert(checkpoint_adapter(item.run), item.adapter)


def run_step(item: Plan) -> int:
    from extractor.finetune.reproduce import checkpoint_step

    return checkpoint_step(item.run) if item.run is not None and item.run.is_dir() else 0


def headline(label: str, settings: Any, cases: list[Case]) -> dict[str, Any]:
    """Headline micro scores (and the error count) of one pipeline system over ``cases``."""
    summary = summarise(run_system(SystemConfig(label, "pipeline", settings), cases,
                                   progress=False))
    return {**summary["headline"]["micro"], "errors": summary["errors"]}


def rules_score(item: Plan) -> dict[str, Any]:
    """Rules-only over the source's postings (seconds; needs no adapter)."""
    from extractor.settings import resolve_settings

    return headline("rules", resolve_settings(strategy="rules"), item.cases)


def score(item: Plan, rules: dict[str, Any]) -> dict[str, Any]:
    """Pipeline (with the held-out adapter) beside the source's rules-only scores."""
    from extractor.settings import resolve_settings

    pipeline = headline("pipeline", resolve_settings(adapter=str(item.adapter)), item.cases)
    return {"pipeline": pipeline, "delta_f1": round(pipeline["f1"] - rules["f1"], 4)}


def entry(recipe: Any, item: Plan, rules: dict[str, Any],
          scored: dict[str, Any] | None = None) -> dict[str, Any]:
    """A source's line: ``rules`` always (how far rules-only is from a perfect record
    bounds what any pipeline can gain there); done with ``scored`` (``pipeline`` and
    ``delta_f1``), else pending with its run's step."""
    how = ("not in the training data: the shipped adapter" if item.run is None
           else f"{recipe.name} retrained without it")
    base = {"source": item.source, "postings": len(item.cases),
            "training_rows": item.training_rows, "adapter": how, "rules": rules}
    if scored is None:
        return {**base, "status": "pending", "step": run_step(item), "of": recipe.step}
    return {**base, "status": "done", **scored}


def summary_of(entries: list[dict[str, Any]]) -> dict[str, Any]:
    done = [e for e in entries if e["status"] == "done"]
    deltas = [e["delta_f1"] for e in done]
    return {"sources_done": len(done), "sources_pending": len(entries) - len(done),
            "mean_delta_f1": round(sum(deltas) / len(deltas), 4) if deltas else None,
            "min_delta_f1": min(deltas) if deltas else None}


def report(recipe: Any, entries: list[dict[str, Any]]) -> dict[str, Any]:
    from bench.common import machine

    return {"command": COMMAND, "recipe": recipe.name, "step": recipe.step,
            "machine": machine(), "targets": {"mean_delta_f1": 0.08, "min_delta_f1": 0.03},
            "summary": summary_of(entries), "sources": entries}


def kept_entries(recipe: Any, out: Path, items: list[Plan]) -> list[dict[str, Any]]:
    """The entries ``out`` already holds for the same recipe and step, of sources this
    run does not score (``--source``): a run over one source keeps the others'."""
    try:
        previous = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if previous.get("recipe") != recipe.name or previous.get("step") != recipe.step:
        return []
    ours = {item.source for item in items}
    return [e for e in previous.get("sources", []) if e.get("source") not in ours]


def evaluate(recipe: Any, items: list[Plan], data: Path, train: bool, out: Path) -> dict:
    from bench.common import write_json

    kept = kept_entries(recipe, out, items)
    rules = [rules_score(item) for item in items]
    entries = [entry(recipe, item, r) for item, r in zip(items, rules, strict=True)]

    def whole() -> dict[str, Any]:
        return report(recipe, sorted(kept + entries, key=lambda e: e["source"]))

    for i, item in enumerate(items):
        if item.run is not None and train:
            train_held_out(recipe, item, data)
        if item.adapter.is_file():
            print(f"scoring {item.source} ({len(item.cases)} postings) with {item.adapter}",
                  file=sys.stderr)
            entries[i] = entry(recipe, item, rules[i], score(item, rules[i]))
        write_json(out, whole())
    return whole()


def f1_of(entry: dict[str, Any], system: str) -> str:
    """An entry's F1 for ``system`` ("pipeline", "rules"), or "-" where it has none."""
    f1 = (entry.get(system) or {}).get("f1")
    return "-" if f1 is None else f"{f1:.3f}"


def print_table(data: dict[str, Any]) -> None:
    for e in data["sources"]:
        if e["status"] == "done":
            print(f"{e['source']:<24} {e['postings']:>3}  pipeline {f1_of(e, 'pipeline')}  "
                  f"rules {f1_of(e, 'rules')}  delta {e['delta_f1']:+.3f}")
        else:
            print(f"{e['source']:<24} {e['postings']:>3}  pending (step {e['step']} of "
                  f"{e['of']})  rules {f1_of(e, 'rules')}")
    print(f"summary: {data['summary']}")


def main(argv: list[str] | None = None) -> int:
    from extractor.finetune.data import DEFAULT_OWN, DEFAULT_SHARED
    from extractor.finetune.reproduce import RECIPES, SHIPPED, build_data
    from extractor.finetune.train import default_runs_dir

    parser = argparse.ArgumentParser(prog="python -m evals.loso", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", action="store_true",
                        help="train the held-out runs that are not done (hours each on CPU)")
    parser.add_argument("--recipe", choices=sorted(RECIPES), default=SHIPPED.name,
                        help=f"whose held-out runs (default {SHIPPED.name}, the shipped one)")
    parser.add_argument("--source", action="append", default=[], help="only these sources")
    parser.add_argument("--min-cases", type=int, default=MIN_CASES)
    parser.add_argument("--runs", type=Path, default=default_runs_dir())
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    cases = load_set("corpus")
    if not cases or not args.shared.is_dir():
        print("error: needs ../shared/corpus and ../shared/training beside the checkout",
              file=sys.stderr)
        return 2
    recipe = RECIPES[args.recipe]
    items = plan(recipe, cases, training_rows(args.shared), args.runs, args.min_cases)
    if args.source:
        items = [i for i in items if i.source in set(args.source)]
    data = args.runs / recipe.name / "data"
    if args.train and any(i.run is not None for i in items):
        build_data(recipe, args.shared, DEFAULT_OWN, data)
    print_table(evaluate(recipe, items, data, args.train, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
