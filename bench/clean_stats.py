"""Size of the corpus before and after cleaning, and how long cleaning takes.

    python -m bench.clean_stats [CORPUS_DIR] [--gguf MODEL.gguf]

Prints, per source folder and overall, the median and p90 of characters and tokens
before (the loaded document) and after (`clean(...).text`), and the median / p90 / max
cleaning time. Tokens are chars / 4 unless --gguf names a model whose tokenizer to use
(llama-cpp-python, vocabulary only). labels.jsonl and SOURCES.md are not postings and
are skipped.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from extractor.clean import clean
from extractor.load import Document, iter_inputs

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NOT_POSTINGS = {"labels.jsonl", "SOURCES.md"}


def corpus_files(root: Path) -> list[Path]:
    """Posting files under `root` (everything but labels and the README)."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name not in NOT_POSTINGS)


def token_counter(gguf: str | None) -> tuple[str, Callable[[str], int]]:
    """A (name, count) pair: the model's tokenizer when given, else chars / 4."""
    if not gguf:
        return "chars/4", lambda text: round(len(text) / 4)
    from llama_cpp import Llama

    model = Llama(model_path=gguf, vocab_only=True, verbose=False)
    return Path(gguf).name, lambda text: len(model.tokenize(text.encode(), add_bos=False))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--gguf", help="count tokens with this GGUF model's tokenizer")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    tokenizer, count = token_counter(args.gguf)
    rows: dict[str, list[tuple[int, int, int, int, float]]] = defaultdict(list)
    for result in iter_inputs(corpus_files(args.corpus)):
        if not isinstance(result, Document):
            print(f"load failure: {result}", file=sys.stderr)
            continue
        start = time.perf_counter()
        text = clean(result).text
        ms = (time.perf_counter() - start) * 1000
        group = Path(result.source).parent.name
        raw = result.content
        rows[group].append((len(raw), len(text), count(raw), count(text), ms))
    rows["ALL"] = [row for group in list(rows) for row in rows[group]]
    print_table(rows, tokenizer)
    return 0


def print_table(rows: dict[str, list[tuple[int, int, int, int, float]]], tokenizer: str) -> None:
    print(f"tokens: {tokenizer}; cells are median / p90")
    header = ("source", "n", "chars before", "chars after", "tokens before", "tokens after",
              "clean ms (med/p90/max)")
    print(" | ".join(header))
    for group, data in rows.items():
        cols = list(zip(*data, strict=True))
        cells = [f"{statistics.median(c):.0f} / {percentile(list(c), 0.9):.0f}" for c in cols[:4]]
        ms = cols[4]
        timing = f"{statistics.median(ms):.1f} / {percentile(list(ms), 0.9):.1f} / {max(ms):.1f}"
        print(" | ".join([group, str(len(data)), *cells, timing]))


if __name__ == "__main__":
    raise SystemExit(main())
