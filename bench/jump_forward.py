"""What jump-forward decoding saves, and a check that it changes no answer.

    python -m bench.jump_forward [--sets synthetic,multilingual,heldout] [--n N]
                                 [--threads 2] [--json OUT]

With an adapter, the embedded backend feeds the JSON keys the draft schema forces
without computing the model's output layer for them (``extractor.backends.drafting``,
``sampling.GrammarFirstLlama``). On the postings of each set, in one process with the
model loaded once and no cache, the default pipeline (the shipped adapter) runs on each
posting twice, jump-forward off (``EmbeddedBackend.jump_forward = False``) and on, in
alternating order and with no prompt reused from the run before. Reported per set:
seconds per posting each way, the model's share, on how many postings every model
answer has the same token ids both ways, and on how many the output record is the same;
every posting whose answer tokens or record differ is listed by path. Timings
are only as good as the machine's quiet (the machine line records its load; pause a
training run with ``kill -STOP`` while this runs).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bench.common import REFERENCE_DATE, machine, machine_line, rnd, write_json
from bench.draft_speed import TimedBackend
from evals.fixtures_io import load_document, load_set
from extractor.backends import get_backend
from extractor.backends.embedded import EmbeddedBackend
from extractor.load import Document
from extractor.pipeline import extract_documents
from extractor.settings import Settings, resolve_settings

SETS = "synthetic,multilingual,heldout"


@dataclass
class Side:
    """One way of running (jump-forward off or on): its times, and per posting the
    token ids of each model answer and the output line."""

    wall: float = 0.0
    model: float = 0.0
    answers: list[list[list[int]]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


class TokenRecorder:
    """Wraps ``llm.generate`` (instance attribute): the token ids of every answer."""

    def __init__(self, llm: Any) -> None:
        self.generate = llm.generate
        self.answers: list[list[int]] = []
        llm.generate = self

    def __call__(self, tokens: Any, **kwargs: Any) -> Iterator[int]:
        self.answers.append([])
        for token in self.generate(tokens, **kwargs):
            self.answers[-1].append(int(token))
            yield token


def run_one(doc: Document, settings: Settings, backend: TimedBackend, recorder: TokenRecorder,
            side: Side, jump: bool) -> None:
    """The pipeline on one posting, with jump-forward off or on, added to ``side``."""
    assert isinstance(backend.inner, EmbeddedBackend)
    backend.inner.jump_forward = jump
    # no prompt reuse from the run before (the same posting): a reused prefix splits the
    # prompt's batches differently, which alone can flip a near-tied token
    backend.inner.llm.reset()
    backend.seconds = 0.0
    recorder.answers = []
    started = time.perf_counter()
    results = list(extract_documents([doc], settings, backend))
    side.wall += time.perf_counter() - started
    side.model += backend.seconds
    side.answers.append(recorder.answers)
    side.lines += [r.record.model_dump_json() if r.record else f"error: {r.error}"
                   for r in results]


def compare(name: str, docs: list[Document], settings: Settings, backend: TimedBackend,
            recorder: TokenRecorder) -> dict[str, Any]:
    """Each posting both ways, the order alternating (off-on, on-off, ...), so that
    drift in the machine's speed falls on both sides alike."""
    plain, jump = Side(), Side()
    for i, doc in enumerate(docs):
        for on in ((False, True) if i % 2 == 0 else (True, False)):
            run_one(doc, settings, backend, recorder, jump if on else plain, on)
    n = len(docs)
    tokens_differ = [doc.source for doc, a, b in zip(docs, plain.answers, jump.answers,
                                                     strict=True) if a != b]
    differ = [doc.source for doc, a, b in zip(docs, plain.lines, jump.lines, strict=True)
              if a != b]
    return {"set": name, "postings": n, "model_calls": sum(map(len, jump.answers)),
            "plain_sec_per_posting": rnd(plain.wall / n),
            "jump_sec_per_posting": rnd(jump.wall / n),
            "plain_postings_per_min": rnd(60 * n / plain.wall, 1),
            "jump_postings_per_min": rnd(60 * n / jump.wall, 1),
            "plain_model_sec_per_posting": rnd(plain.model / n),
            "jump_model_sec_per_posting": rnd(jump.model / n),
            "speedup": rnd(plain.wall / jump.wall, 2),
            "answers_identical": n - len(tokens_differ), "answers_compared": n,
            "answers_differ": tokens_differ,
            "records_identical": n - len(differ), "records_differ": differ}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.jump_forward", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sets", default=SETS, help=f"fixture sets (default {SETS})")
    p.add_argument("--n", type=int, help="the first N postings of each set (default all)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--json", help="write the figures here")
    args = p.parse_args(argv)
    settings = resolve_settings(env={}, use_cache=False, n_threads=args.threads,
                                reference_date=REFERENCE_DATE)
    backend = TimedBackend(get_backend(settings))
    assert isinstance(backend.inner, EmbeddedBackend)
    recorder = TokenRecorder(backend.inner.llm)
    rows = []
    for name in args.sets.split(","):
        docs = [load_document(case) for case in load_set(name)[: args.n]]
        rows.append(compare(name, docs, settings, backend, recorder))
        print(rows[-1], flush=True)
    print(machine_line())
    if args.json:
        command = f"python -m bench.jump_forward --sets {args.sets} --threads {args.threads}"
        command += f" --n {args.n}" if args.n else ""
        write_json(args.json, {"command": command + f" --json {args.json}",
                               "machine": machine(), "sets": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
