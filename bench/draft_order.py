"""Which fields the fine-tuned draft should take before the rules, measured per field.

    python -m bench.draft_order --adapter A.gguf [--set synthetic --set multilingual
                                --set corpus] [--answers FILE] [--threads N] [--json OUT]

1. ask: each eval case's draft question goes once to the embedded model with the
   adapter; the answers (or the error) are kept in ``--answers`` (JSONL, one line per
   case, reused on a rerun that names the same adapter file, size and mtime).
2. replay: ``assemble`` runs on every case with its recorded answer: the rules alone,
   the draft after the rules everywhere (``draft_first=()``), the draft first on one
   field at a time, the draft first everywhere, and the mix this picks.
3. a field goes first when that alone raises the headline micro-F1 (one field at a
   time, so that a title's effect on seniority counts for the title; ties: rules
   first, the model has to earn a field); a field is not taken from the draft at all
   when leaving it out alone raises the micro-F1; the mix is the recommendation for
   ``extractor.merge.DRAFT_FIRST`` and ``DRAFT_UNUSED`` and is scored as a whole.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import machine, machine_line, rnd, write_json
from evals.fixtures_io import Case, load_document, load_set
from evals.score import HEADLINE_FIELDS, aggregate, score_record
from extractor.assemble import assemble
from extractor.backends import ModelReply, ModelRequest, get_backend
from extractor.cache import model_file_key
from extractor.errors import InvalidOutputError, ModelError
from extractor.question import ModelDraft
from extractor.settings import Settings, resolve_settings

EVAL_DATE = dt.date(2026, 11, 28)  # the evals' reference date for cases that give none
DRAFT_FIELDS = tuple(ModelDraft.model_fields)


def case_settings(case: Case, settings: Settings) -> Settings:
    return replace(settings, reference_date=case.reference_date or EVAL_DATE)


def record_answers(cases: list[Case], settings: Settings, path: Path) -> dict[str, Any]:
    """Each case's draft answer (JSON) or error, from ``path`` when it was made with the
    same adapter file, else asked now and written there."""
    identity = model_file_key(settings.adapter)
    if path.is_file():
        kept = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        if kept and kept[0].get("adapter") == identity:
            return {line["id"]: line for line in kept[1:]}
    backend = get_backend(settings)
    answers: dict[str, Any] = {}
    for case in cases:
        answers[case.case_id] = _ask_once(case, settings, backend.complete)
    lines = [{"adapter": identity}, *({"id": k, **v} for k, v in answers.items())]
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                    encoding="utf-8")
    return answers


def _ask_once(case: Case, settings: Settings, ask: Callable[[ModelRequest], ModelReply]
              ) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def recording(request: ModelRequest) -> ModelReply:
        try:
            reply = ask(request)
        except ModelError as exc:
            seen["error"] = exc.message
            raise
        seen["answer"] = reply.value.model_dump(mode="json")
        return reply

    assemble(load_document(case), case_settings(case, settings), recording)
    return seen


def replaying(answer: dict[str, Any]) -> Callable[[ModelRequest], ModelReply]:
    """An ask that answers with the recorded draft (or raises its recorded error)."""
    def ask(request: ModelRequest) -> ModelReply:
        if "answer" not in answer:
            raise InvalidOutputError(answer.get("error", "no answer recorded"))
        return ModelReply(ModelDraft.model_validate(answer["answer"]))
    return ask


def score_variant(cases: list[Case], settings: Settings, answers: dict[str, Any],
                  first: Collection[str], unused: Collection[str] = ()) -> dict[str, Any]:
    """Headline per-field and micro metrics of the draft strategy with ``first`` (and the
    draft's ``unused`` fields not taken)."""
    scores = []
    for case in cases:
        result = assemble(load_document(case), case_settings(case, settings),
                          replaying(answers.get(case.case_id, {})), draft_first=first,
                          draft_unused=unused)
        record = result.record.model_dump(mode="json") if result.record else None
        scores.append({k: v for k, v in score_record(case.labels, record).items()
                       if k in case.scored_fields()})
    return aggregate(scores, HEADLINE_FIELDS).as_dict()


def pick(after: dict[str, Any], alone: dict[str, dict[str, Any]]) -> list[str]:
    """The draft fields that raise the micro-F1 when they alone go first (or, for the
    ``without`` variants, when they alone are left out)."""
    return [name for name in DRAFT_FIELDS
            if (alone[name]["micro"]["f1"] or 0) > (after["micro"]["f1"] or 0)]


def table(variants: dict[str, dict[str, Any]]) -> str:
    rows = ["field".ljust(22) + "".join(name.ljust(22) for name in variants)]
    for f in [*HEADLINE_FIELDS, "micro"]:
        cells = []
        for agg in variants.values():
            m = agg["micro"] if f == "micro" else agg["fields"][f]
            cells.append(f"{rnd(m['f1']) or 0:.3f} ({rnd(m['precision']) or 0:.3f})".ljust(22))
        rows.append(f.ljust(22) + "".join(cells))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.draft_order", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--adapter", required=True, help="GGUF LoRA adapter for the draft")
    p.add_argument("--set", action="append", dest="sets", help="fixture set (repeatable)")
    p.add_argument("--answers", type=Path, default=Path("/tmp/draft_order_answers.jsonl"))
    p.add_argument("--threads", type=int, default=None, help="llama.cpp threads")
    p.add_argument("--json", type=Path, help="write the figures here")
    args = p.parse_args(argv)
    cases = [c for name in (args.sets or ["synthetic"]) for c in load_set(name)]
    settings = resolve_settings(adapter=args.adapter, strategy="draft", use_cache=False,
                                n_threads=args.threads)
    answers = record_answers(cases, settings, args.answers)
    rules = replace(settings, strategy="rules", adapter=None)
    after = score_variant(cases, settings, answers, ())
    alone = {name: score_variant(cases, settings, answers, (name,)) for name in DRAFT_FIELDS}
    without = {name: score_variant(cases, settings, answers, (), (name,))
               for name in DRAFT_FIELDS}
    unused = pick(after, without)
    chosen = [name for name in pick(after, alone) if name not in unused]
    variants = {"rules": score_variant(cases, rules, answers, ()), "draft after rules": after,
                "draft first": score_variant(cases, settings, answers, DRAFT_FIELDS),
                "chosen": score_variant(cases, settings, answers, chosen, unused)}
    print(machine_line())
    print(f"{len(cases)} cases, {sum('error' in a for a in answers.values())} draft errors")
    print(table(variants))
    print("micro-F1 with one field first: " + ", ".join(
        f"{name} {alone[name]['micro']['f1']:.4f}" for name in DRAFT_FIELDS)
        + f" (none first: {after['micro']['f1']:.4f})")
    print("micro-F1 with one field left out: " + ", ".join(
        f"{name} {without[name]['micro']['f1']:.4f}" for name in DRAFT_FIELDS))
    print(f"DRAFT_FIRST = {tuple(chosen)!r}\nDRAFT_UNUSED = {tuple(unused)!r}")
    if args.json:
        write_json(args.json, {"machine": machine(), "adapter": model_file_key(args.adapter),
                               "sets": args.sets, "chosen": chosen, "unused": unused,
                               "variants": variants,
                               "one_field_first": {k: v["micro"] for k, v in alone.items()},
                               "one_field_left_out": {k: v["micro"]
                                                      for k, v in without.items()}})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
