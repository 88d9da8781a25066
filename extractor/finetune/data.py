"""Build the draft model's training set: ``python -m extractor.finetune.data --out DIR``.

Rows come from ``../shared/training`` (never from ``../shared/corpus``: that is what
the evals score) and from the project's own postings (``training/own``). Each row is
rendered as a page or feed (``render``), then loaded and cleaned by the project's own
stages exactly as the pipeline does, cut to the draft budget, and given a target from
the labels that text states (``targets``). Output: ``train.jsonl`` and ``dev.jsonl``,
one example a line with its source, row id, layout and language, so a run can leave a
source out. Re-running picks up new own postings; the same seed gives the same files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.clean import clean
from extractor.finetune.render import Rendered, render, render_own
from extractor.finetune.rows import Row, group_key, read_own, read_shared
from extractor.finetune.schema import DRAFT_TEXT_CHARS, FIELDS
from extractor.finetune.targets import build_target
from extractor.load import LoadError, load_text

DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "training"
DEFAULT_OWN = Path(__file__).resolve().parents[2] / "training" / "own"
DEV_SHARE = 20  # one group in 20 goes to dev


@dataclass(frozen=True)
class BuildOptions:
    shared: Path = DEFAULT_SHARED
    own: Path = DEFAULT_OWN
    seed: int = 0
    shared_copies: int = 1
    own_copies: int = 3
    max_chars: int = 12000  # the cleaner's budget, as Settings.max_input_chars


def model_text(cleaned_text: str) -> str:
    """The part of the cleaned text the draft question shows the model."""
    return cleaned_text[:DRAFT_TEXT_CHARS]


def visible_text(content: str, source: str, max_chars: int = 12000) -> str | None:
    """Load and clean a rendered input as the pipeline does; None when it does not load."""
    try:
        doc = load_text(content, source)
    except LoadError:
        return None
    return model_text(clean(doc, max_chars=max_chars).text)


def is_dev(row: Row) -> bool:
    digest = hashlib.sha256(group_key(row).encode()).digest()
    return digest[0] % DEV_SHARE == 0


def _example(row: Row, rendered: Rendered, copy: int, opts: BuildOptions) -> dict[str, Any] | None:
    source = f"{row.source}/{row.row_id}#{copy}"
    text = visible_text(rendered.content, source, opts.max_chars)
    if not text or not text.strip():
        return None
    return {"id": source, "source": row.source, "row_id": row.row_id,
            "layout": rendered.layout, "language": row.language,
            "split": "dev" if is_dev(row) else "train", "text": text,
            "target": build_target(row, rendered.shown, text)}


def _rng(opts: BuildOptions, row: Row, copy: int) -> random.Random:
    return random.Random(f"{opts.seed}:{row.source}:{row.row_id}:{copy}")


def build_examples(shared: list[Row], own: list[Row], opts: BuildOptions) -> list[dict[str, Any]]:
    """Every rendering of every row, in a stable order."""
    examples = []
    for row in shared:
        for copy in range(opts.shared_copies):
            examples.append(_example(row, render(row, shared, _rng(opts, row, copy)), copy, opts))
    for row in own:
        for copy in range(opts.own_copies):
            rendered = render_own(row, shared + own, _rng(opts, row, copy), copy)
            if rendered is not None:
                examples.append(_example(row, rendered, copy, opts))
    return [e for e in examples if e is not None]


def write_splits(examples: list[dict[str, Any]], out: Path) -> dict[str, int]:
    """``train.jsonl`` and ``dev.jsonl`` under ``out``; returns the line count of each."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for split in ("train", "dev"):
        rows = [e for e in examples if e["split"] == split]
        tmp = out / f".{split}.jsonl.tmp"
        with tmp.open("w", encoding="utf-8") as handle:
            for example in rows:
                handle.write(json.dumps(example, ensure_ascii=False) + "\n")
        tmp.replace(out / f"{split}.jsonl")
        counts[split] = len(rows)
    return counts


def _is_null(value: Any) -> bool:
    return value is None or value == []


def summary(examples: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Counts per split, source, layout and language, and the null share per field."""
    examples = list(examples)
    nulls = {f: sum(_is_null(e["target"][f]) for e in examples) for f in FIELDS}
    total = max(len(examples), 1)
    return {"examples": len(examples),
            "split": dict(Counter(e["split"] for e in examples)),
            "source": dict(Counter(e["source"] for e in examples)),
            "layout": dict(Counter(e["layout"] for e in examples)),
            "language": dict(Counter(e["language"] for e in examples)),
            "null_share": {f: round(n / total, 3) for f, n in nulls.items()}}


def build(opts: BuildOptions, out: Path) -> dict[str, Any]:
    shared = read_shared(opts.shared)
    own = read_own(opts.own)
    examples = build_examples(shared, own, opts)
    stats = summary(examples)
    stats["written"] = write_splits(examples, out)
    (out / "stats.json").write_text(json.dumps(stats, indent=1) + "\n", encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.finetune.data",
                                     description="Build train/dev JSONL for the draft model.")
    parser.add_argument("--out", type=Path, required=True, help="folder for train/dev.jsonl")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--own", type=Path, default=DEFAULT_OWN)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shared-copies", type=int, default=1)
    parser.add_argument("--own-copies", type=int, default=3)
    args = parser.parse_args(argv)
    opts = BuildOptions(args.shared, args.own, args.seed, args.shared_copies, args.own_copies)
    print(json.dumps(build(opts, args.out), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
