"""python -m evals: score systems against the labelled fixtures, field by field.

    python -m evals                               # full pipeline + rules-only on fixtures
    python -m evals --baselines                   # + the naive 20-line approach
    python -m evals --set synthetic --set corpus  # corpus needs ../shared
    python -m evals --set multilingual            # pt, es, de, fr, zh, ru (8 each)
    python -m evals --set heldout                 # the same languages, never tuned to
    python -m evals --system "gpt=backend=openai,model=gpt-4o-mini"
    python -m evals --system model=system=model   # the model's answer alone, no rules
    python -m evals --compare evals/baseline.json # exit 1 past the threshold

Writes reports/eval.json and reports/eval.html and prints the table.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields
from pathlib import Path

from evals.fixtures_io import load_set
from evals.report import build_report, compare, render_html, render_table, write_json
from evals.runner import SystemConfig, run_system
from extractor.settings import Settings, resolve_settings

DEFAULT_SYSTEMS = ("pipeline=", "rules=strategy=rules")
NAIVE = "naive=system=naive"
MODEL_ALONE = "model=system=model"  # the default model's answer alone: no page data, no rules


def parse_system(spec: str) -> SystemConfig:
    """``LABEL=key=value,key=value``: keys are Settings fields, plus system=pipeline|model|naive."""
    label, _, rest = spec.partition("=")
    options = dict(item.split("=", 1) for item in rest.split(",") if item)
    system = options.pop("system", "pipeline")
    known = {f.name for f in fields(Settings)}
    unknown = set(options) - known
    if unknown:
        raise SystemExit(f"unknown setting(s) in --system {spec!r}: {', '.join(sorted(unknown))}")
    return SystemConfig(label or system, system, resolve_settings(**options))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", dest="sets",
                        help="fixture set: synthetic (default), multilingual, heldout, corpus")
    parser.add_argument("--system", action="append", dest="systems",
                        help="LABEL=settings (repeatable); default: pipeline and rules")
    parser.add_argument("--baselines", action="store_true", help="also run the naive baseline")
    parser.add_argument("--limit", type=int, help="first N documents per set")
    parser.add_argument("--out", default="reports", help="report folder (default: reports)")
    parser.add_argument("--compare", help="baseline report JSON to compare against")
    parser.add_argument("--threshold", type=float, default=0.02,
                        help="F1 drop on any headline field that fails --compare")
    parser.add_argument("--quiet", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sets = args.sets or ["synthetic"]
    cases = [case for name in sets for case in load_set(name)[: args.limit]]
    if not cases:
        print("no fixtures found (corpus needs ../shared/corpus)", file=sys.stderr)
        return 2
    specs = list(args.systems or DEFAULT_SYSTEMS) + ([NAIVE] if args.baselines else [])
    runs = [run_system(parse_system(spec), cases, progress=not args.quiet) for spec in specs]
    report = build_report(runs, sets)
    out = Path(args.out)
    write_json(report, out / "eval.json")
    (out / "eval.html").write_text(render_html(report), encoding="utf-8")
    print(render_table(report))
    print(f"reports: {out / 'eval.json'}, {out / 'eval.html'}", file=sys.stderr)
    if args.compare:
        text, regressed = compare(report, json.loads(Path(args.compare).read_text()),
                                  args.threshold)
        print(text)
        if regressed:
            print(f"regression past {args.threshold:.2f} F1", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
