"""Seconds per posting of the draft strategy (fine-tuned adapter) against guided, and what
the adapter itself costs on the same tokens.

    python -m bench.draft_speed --adapter A.gguf [--set synthetic] [--n 12] [--threads 2]
                                [--json OUT]

On the first N postings of the set, in one process, uncached:

1. pipeline: ``extract_documents`` with strategy ``guided`` (the bare model, asked only
   on ties) and with ``draft`` (the adapter, asked on every posting): wall seconds per
   posting, the model's share (time inside ``Backend.complete``), calls and tokens. The
   model is loaded before the clock starts (load time reported apart).
2. same tokens: each draft prompt and the answer the adapter gave, fed to llama.cpp
   token by token as generation feeds them (prompt in one batch, then one answer token
   at a time, no sampling), once over the bare model and once with the adapter:
   the adapter's overhead on identical work.

Timings on a shared machine are only as good as its quiet: the machine line records
the load average; stop other work (a training run: ``kill -STOP``) while this runs.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass, field, replace
from typing import Any

from bench.common import REFERENCE_DATE, machine, machine_line, rnd, write_json
from evals.fixtures_io import load_document, load_set
from extractor.backends import Backend, ModelReply, ModelRequest, get_backend
from extractor.backends.embedded import EmbeddedBackend
from extractor.finetune.format import END_OF_TURN, prompt_text
from extractor.load import Document
from extractor.pipeline import extract_documents
from extractor.settings import Settings, resolve_settings


@dataclass
class TimedBackend:
    """Wraps a backend; keeps the time, request and answer of every call."""

    inner: Backend
    seconds: float = 0.0
    calls: list[tuple[ModelRequest, Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def complete(self, request: ModelRequest) -> ModelReply:
        started = time.perf_counter()
        try:
            reply = self.inner.complete(request)
        finally:
            self.seconds += time.perf_counter() - started
        self.calls.append((request, reply.value))
        return reply


def run_pipeline(docs: list[Document], settings: Settings) -> tuple[dict[str, Any],
                                                                     TimedBackend]:
    started = time.perf_counter()
    backend = TimedBackend(get_backend(settings))
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    results = list(extract_documents(docs, settings, backend))
    wall = time.perf_counter() - started
    n = len(docs)
    usage = [r.usage for r in results]
    return {"strategy": settings.resolved_strategy(), "postings": n,
            "load_s": rnd(loaded, 2), "sec_per_posting": rnd(wall / n),
            "model_sec_per_posting": rnd(backend.seconds / n), "model_calls": len(backend.calls),
            "postings_per_min": rnd(60 * n / wall, 1),
            "errors": sum(1 for r in results if r.error),
            "prompt_tokens": sum(u.prompt_tokens for u in usage),
            "completion_tokens": sum(u.completion_tokens for u in usage)}, backend


def token_work(backend: EmbeddedBackend, calls: list[tuple[ModelRequest, Any]]
               ) -> list[tuple[list[int], list[int]]]:
    """(prompt ids, answer ids) of each draft call, as llama.cpp tokenizes them."""
    work = []
    for request, value in calls:
        prompt = prompt_text(request.messages)
        answer = json.dumps(value.model_dump(mode="json"), ensure_ascii=False) + END_OF_TURN
        head = backend.llm.tokenize(prompt.encode(), add_bos=True, special=True)
        whole = backend.llm.tokenize((prompt + answer).encode(), add_bos=True, special=True)
        work.append((head, whole[len(head):]))
    return work


def feed(settings: Settings, work: list[tuple[list[int], list[int]]]) -> float:
    """Seconds to feed every (prompt, answer) as generation does, without sampling."""
    llm = EmbeddedBackend(settings).llm
    started = time.perf_counter()
    for prompt, answer in work:
        llm.reset()
        llm.eval(prompt)
        for token in answer:
            llm.eval([token])
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.draft_speed", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--adapter", required=True, help="GGUF LoRA adapter")
    p.add_argument("--set", default="synthetic", help="fixture set (default synthetic)")
    p.add_argument("--n", type=int, default=12, help="postings (default 12)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--json", help="write the figures here")
    args = p.parse_args(argv)
    docs = [load_document(case) for case in load_set(args.set)[: args.n]]
    base = resolve_settings(env={}, use_cache=False, n_threads=args.threads,
                            reference_date=REFERENCE_DATE)
    guided, _ = run_pipeline(docs, replace(base, strategy="guided"))
    draft_settings = replace(base, strategy="draft", adapter=args.adapter)
    draft, timed = run_pipeline(docs, draft_settings)
    assert isinstance(timed.inner, EmbeddedBackend)
    work = token_work(timed.inner, timed.calls)
    bare_s, lora_s = feed(replace(base, n_ctx=2048), work), feed(
        replace(draft_settings, n_ctx=2048), work)
    tokens = sum(len(p) + len(a) for p, a in work)
    same = {"calls": len(work), "tokens": tokens, "bare_s": rnd(bare_s, 2),
            "adapter_s": rnd(lora_s, 2), "adapter_overhead": rnd(lora_s / bare_s - 1)}
    print(machine_line())
    for row in (guided, draft):
        print(row)
    print({"same_tokens": same})
    if args.json:
        command = (f"python -m bench.draft_speed --adapter {args.adapter} --set {args.set} "
                   f"--n {args.n} --threads {args.threads} --json {args.json}")
        write_json(args.json, {"command": command, "machine": machine(), "set": args.set,
                               "guided": guided, "draft": draft, "same_tokens": same})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
