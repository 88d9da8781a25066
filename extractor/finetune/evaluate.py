"""The draft model alone on dev examples: ``python -m extractor.finetune.evaluate``.

Asks the draft question through the embedded backend, the runtime path training
formats for (Gemma's turns, instructor TOOLS mode, grammar-constrained), with or
without an adapter, and reports per-field exact agreement with the dev targets and the time per
posting. This is the model-alone figure, not the pipeline's score (the evals harness
scores the pipeline once the draft strategy is wired in).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from extractor.backends.embedded import EmbeddedBackend, resolve_model_path
from extractor.finetune.schema import FIELDS
from extractor.finetune.train import read_examples, spread
from extractor.question import draft_request
from extractor.settings import Settings


def draft_asker(model_path: str, lora_path: str | None, threads: int) -> Any:
    """A function text -> draft dict, through the embedded backend (no re-ask)."""
    backend = EmbeddedBackend(Settings(model=model_path, adapter=lora_path, n_ctx=2048,
                                       n_threads=threads, validation_retries=0))

    def ask(text: str) -> dict[str, Any]:
        return backend.complete(draft_request(text)).value.model_dump(mode="json")
    return ask


def score(examples: list[dict[str, Any]], ask: Any) -> dict[str, Any]:
    """Per-field share of answers equal to the target, and seconds per posting."""
    hits = dict.fromkeys(FIELDS, 0)
    failures = 0
    started = time.time()
    for example in examples:
        try:
            answer = ask(example["text"])
        except Exception:  # an answer that fails validation counts as wrong everywhere
            failures += 1
            continue
        for name in FIELDS:
            hits[name] += answer[name] == example["target"][name]
    n = max(len(examples), 1)
    return {"examples": len(examples), "failures": failures,
            "exact": {k: round(v / n, 3) for k, v in hits.items()},
            "sec_per_posting": round((time.time() - started) / n, 2)}


def main(argv: list[str] | None = None) -> int:

    parser = argparse.ArgumentParser(prog="python -m extractor.finetune.evaluate")
    parser.add_argument("--dev", type=Path, required=True, help="dev.jsonl")
    parser.add_argument("--lora", help="GGUF LoRA adapter (default: the bare base model)")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    examples = spread(read_examples(args.dev), args.limit)
    ask = draft_asker(str(resolve_model_path(None)), args.lora, args.threads)
    print(json.dumps({"lora": args.lora, **score(examples, ask)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
