"""Batch runs: inputs in, one JSONL line per input out, and a summary of the run."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from extractor.settings import Settings


@dataclass
class Summary:
    inputs: int = 0
    done: int = 0
    failed: int = 0
    cached: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_seconds: float = 0.0
    wall_seconds: float = 0.0

    def add(self, result: Any) -> None:
        self.inputs += 1
        if result.ok:
            self.done += 1
        else:
            self.failed += 1
            self.errors[result.error["type"]] += 1
        self.cached += int(result.cached)
        self.prompt_tokens += result.usage.prompt_tokens
        self.completion_tokens += result.usage.completion_tokens
        if not result.cached:
            self.model_seconds += result.latency_s

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["errors"] = dict(self.errors)
        per_min = 60 * self.inputs / self.wall_seconds if self.wall_seconds else 0.0
        data["postings_per_minute"] = round(per_min, 1)
        return data

    def render(self) -> str:
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        return (
            f"{self.inputs} inputs: {self.done} done, {self.failed} failed ({errors}), "
            f"{self.cached} from cache; tokens {self.prompt_tokens} in / "
            f"{self.completion_tokens} out; {self.wall_seconds:.2f}s wall, "
            f"{self.model_seconds:.2f}s extracting uncached inputs"
        )


def _inputs(paths: Sequence[str], text_field: str | None) -> Iterator[Any]:
    from extractor.load import iter_inputs, text_input

    for path in paths:
        if path == "-":
            yield text_input(sys.stdin.read(), source="<stdin>")
        else:
            yield from iter_inputs([path], text_field=text_field)


def _progress(items: Iterator[Any], enabled: bool, count_hint: int) -> Iterator[Any]:
    if not enabled or count_hint <= 1:
        return items
    from tqdm import tqdm

    return iter(tqdm(items, unit="posting", file=sys.stderr, dynamic_ncols=True))


def run_to_jsonl(
    inputs: Sequence[str],
    settings: Settings,
    *,
    output: str | None = None,
    text_field: str | None = None,
    progress: bool = True,
) -> Summary:
    """Extract every input and write its line, flushed as it is done."""
    from extractor.pipeline import extract_documents

    started = time.perf_counter()
    summary = Summary()
    many = len(inputs) > 1 or any(Path(p).is_dir() for p in inputs if p != "-")
    sink: IO[str] = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        results = extract_documents(_inputs(inputs, text_field), settings)
        for result in _progress(results, progress, 2 if many else 1):
            sink.write(json.dumps(result.to_line(), ensure_ascii=False) + "\n")
            sink.flush()
            summary.add(result)
    finally:
        if output:
            sink.close()
    summary.wall_seconds = time.perf_counter() - started
    return summary
