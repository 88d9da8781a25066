"""Cold embedded throughput, the model-only bound on the same calls, and the naive baseline.

    python -m bench.embedded_throughput [--set synthetic|corpus|all] [--n N]
                                        [--naive-n N] [--threads T] [--adapter PATH|none]
                                        [--json OUT]

Each measurement runs in a fresh Python process with a fresh, empty cache directory
and a fixed reference date, so "cold" means: no cached results, model loaded anew,
llama.cpp's KV cache empty (the GGUF file may still sit in the OS page cache).

1. pipeline: ``extract_documents`` with the embedded default's settings (``--adapter``:
   the shipped adapter when the package holds one, so strategy auto resolves to draft;
   ``none``: the bare model, strategy guided) over N postings. The EmbeddedBackend is
   built first (timed as model load) and handed to the pipeline behind a recording
   wrapper that captures, for every model call, the exact keyword arguments instructor
   passes to ``Llama.create_chat_completion`` (messages, tools, tool_choice grammar,
   max_tokens, temperature, seed), the chat format the backend formatted it in
   (``ModelRequest.chat_format``), the time of that bare call, and its token usage.
2. model-only: a fresh process loads the same GGUF with the same Llama class
   (``GrammarFirstLlama``, given each call's recorded ``answer_shape`` so that it jumps
   over the same keys), adapter (``lora_path``) and parameters, and replays those
   recorded calls, bare, in the same order, each formatted in its recorded chat format
   (a per-call chat handler, as the backend's); the report says whether every replayed
   prompt has the pipeline's token count. Overhead ratio =
   (pipeline wall - model-only time) / model-only time; target <= 10%.
3. naive (evals/naive.py): raw text straight to instructor with the whole JobPosting
   schema, same base model with no adapter (a naive user has none), on the first
   ``--naive-n`` of the same postings (it runs to
   its 768-token limit, so keep it small). Ratio = our postings/min over naive's, on
   the same postings; target >= 2. If that process crashes (llama.cpp refusing the
   schema's grammar, as before 8826488) it is rerun with maxLength stripped, and says so.
4. tokens before/after cleaning (model tokenizer, vocab only; bench/clean_stats.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import (
    REFERENCE_DATE,
    ROOT,
    clean_env,
    machine,
    machine_line,
    median,
    percentile,
    python_cmd,
    read_json,
    rnd,
    write_json,
)

MODULE = "bench.embedded_throughput"
DEFAULT_N = 16
DEFAULT_NAIVE_N = 3


# --------------------------------------------------------------------------- inputs

def pick_cases(set_name: str, n: int | None) -> list[Path]:
    """N posting files from the fixture set(s), spread evenly over the set (stable)."""
    from evals.fixtures_io import load_set

    names = ["synthetic", "corpus"] if set_name == "all" else [set_name]
    paths = [case.path for name in names for case in load_set(name) if case.path.is_file()]
    if not paths:
        raise SystemExit(f"no postings in set {set_name!r} (corpus needs ../shared/corpus)")
    if n is None or n >= len(paths):
        return paths
    step = len(paths) / n
    return [paths[int(i * step)] for i in range(n)]


def load_docs(paths: list[Path]) -> list[Any]:
    """The first posting of each file, through the public loader (as evals do)."""
    from extractor.load import iter_inputs

    return [next(iter(iter_inputs([p]))) for p in paths]


def bench_settings(cache_dir: str | None, threads: int | None,
                   adapter: str | None = None) -> Any:
    """The embedded default's settings; ``adapter``: a GGUF path, "none" (bare model) or
    None (what resolve_settings gives: the shipped adapter when the package holds it)."""
    from extractor.settings import resolve_settings

    return resolve_settings(env={}, backend="embedded", cache_dir=cache_dir,
                            reference_date=REFERENCE_DATE.isoformat(), n_threads=threads,
                            adapter=adapter)


def adapter_info(adapter: str | None) -> dict[str, Any] | None:
    """The adapter a run applied (file name and size, as in the model id), or None."""
    if not adapter:
        return None
    path = Path(adapter)
    return {"path": str(path), "name": path.name, "size_bytes": path.stat().st_size}


# --------------------------------------------------------------------------- recording

def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


class CallRecorder:
    """Wraps ``llm.create_chat_completion`` (the bare call under instructor's patch).

    ``chat_format``: returns the chat format the call in flight is formatted in (the
    backend's per-request format); each recorded call carries it, so a replay formats
    its prompt the same way."""

    def __init__(self, llm: Any, transform: Any = None,
                 chat_format: Callable[[], str | None] | None = None) -> None:
        self.llm = llm
        self.original = llm.create_chat_completion
        self.transform = transform
        self.chat_format = chat_format
        self.calls: list[dict[str, Any]] = []
        self.doc_index = -1
        self.own_s = 0.0  # time spent recording (subtracted from the pipeline's wall)
        llm.create_chat_completion = self  # instance attribute shadows the method

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.transform is not None:
            kwargs = self.transform(kwargs)
        started = time.perf_counter()
        out = self.original(*args, **kwargs)
        elapsed = time.perf_counter() - started
        usage = out.get("usage") or {}
        snapshot = _jsonable(kwargs)
        self.own_s += time.perf_counter() - started - elapsed  # ours, not the pipeline's
        self.calls.append({
            "doc": self.doc_index,
            "kwargs": snapshot,
            "chat_format": self.chat_format() if self.chat_format else None,
            "answer_shape": shape_json(getattr(self.llm, "answer_shape", None)),
            "llama_s": elapsed,
            "prompt_tokens": usage.get("prompt_tokens", 0),
            "completion_tokens": usage.get("completion_tokens", 0),
            "finish_reason": (out.get("choices") or [{}])[0].get("finish_reason"),
        })
        return out


class TimedBackend:
    """The backend the pipeline sees: forwards to the real one and times ``complete``."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name, self.model_id = inner.name, inner.model_id
        self.complete_s = 0.0

    def complete(self, request: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.inner.complete(request)
        finally:
            self.complete_s += time.perf_counter() - started


def llama_params(backend: Any) -> dict[str, Any]:
    """What EmbeddedBackend built its Llama with (so the bound loads the same): the
    class, the adapter, and the context and thread parameters."""
    llm = backend.llm
    cls = type(llm)
    return {"class": f"{cls.__module__}.{cls.__qualname__}",
            "lora_path": backend.settings.adapter,
            "n_ctx": llm.n_ctx(), "n_threads": llm.n_threads,
            "n_threads_batch": llm.n_threads_batch, "n_batch": llm.n_batch,
            "seed": backend.settings.seed}


def shape_json(shape: Any) -> Any:
    """A draft answer's key order (``drafting.Shape``) as JSON, to replay it."""
    return None if shape is None else dataclasses.asdict(shape)


def shape_from(data: Any) -> Any:
    from extractor.backends.drafting import Shape  # lazy: as the replayed Llama

    if not data:
        return None
    return Shape(tuple(data["keys"]), {key: shape_from(sub)
                                       for key, sub in data["nested"].items()})


def backend_chat_format(backend: Any) -> Callable[[], str | None]:
    """The chat format the EmbeddedBackend's chat handler formats the call in flight in."""
    return lambda: backend._chat_format  # set per request, under the backend's lock


class PerCallChatFormat:
    """A ``Llama(chat_handler=...)`` that formats each call in ``self.chat_format``
    (set before the call), through llama-cpp-python's own handler for that format, as
    EmbeddedBackend's chat handler does."""

    def __init__(self, chat_format: str) -> None:
        self.chat_format = chat_format

    def __call__(self, **kwargs: Any) -> Any:
        from llama_cpp.llama_chat_format import get_chat_completion_handler  # lazy

        return get_chat_completion_handler(self.chat_format)(**kwargs)


def _progress(tag: str, i: int, n: int, seconds: float) -> None:
    print(f"[{tag}] {i}/{n} {seconds:.2f}s", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- phases

def phase_pipeline(args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    from extractor.pipeline import extract_documents

    paths = [Path(p) for p in read_json(args.paths)]
    docs = load_docs(paths)
    load_docs_s = time.perf_counter() - started
    settings = bench_settings(args.cache_dir, args.threads, args.adapter)

    t = time.perf_counter()
    from extractor.backends.embedded import EmbeddedBackend

    backend = EmbeddedBackend(settings)
    model_load_s = time.perf_counter() - t
    recorder = CallRecorder(backend.llm, chat_format=backend_chat_format(backend))
    timed = TimedBackend(backend)

    per_doc: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    results = extract_documents(docs, settings, backend=timed)
    for i, doc in enumerate(docs):
        recorder.doc_index = i
        before = time.perf_counter()
        result = next(results)
        took = time.perf_counter() - before
        per_doc.append({
            "source": str(paths[i].name), "kind": getattr(doc, "kind", None),
            "wall_s": took, "latency_s": result.latency_s,
            "prompt_tokens": result.usage.prompt_tokens,
            "completion_tokens": result.usage.completion_tokens,
            "model_calls": sum(1 for c in recorder.calls if c["doc"] == i),
            "error": result.error.type if result.error else None,
            "cached": result.cached,
        })
        _progress("pipeline", i + 1, len(docs), took)
    results.close()
    wall_s = time.perf_counter() - t0 - recorder.own_s
    return {
        "model_path": str(backend.path), "model_id": backend.model_id,
        "strategy": settings.resolved_strategy(), "adapter": adapter_info(settings.adapter),
        "llama_params": llama_params(backend),
        "load_docs_s": load_docs_s, "model_load_s": model_load_s, "wall_s": wall_s,
        "backend_complete_s": timed.complete_s - recorder.own_s,
        "recording_s": recorder.own_s,
        "llama_s": sum(c["llama_s"] for c in recorder.calls),
        "docs": per_doc, "calls": recorder.calls,
    }


def llama_class(params: dict[str, Any]) -> type:
    """The Llama class the pipeline used (a record without one: llama_cpp.Llama)."""
    module, _, name = params.get("class", "llama_cpp.Llama").rpartition(".")
    cls: type = getattr(importlib.import_module(module), name)
    return cls


def replay_llama_kwargs(params: dict[str, Any], handler: PerCallChatFormat) -> dict[str, Any]:
    """The keyword arguments the pipeline's Llama was built with, from its record."""
    threads_batch = params.get("n_threads_batch") or params["n_threads"]
    return {"lora_path": params.get("lora_path"), "chat_handler": handler,
            "n_ctx": params["n_ctx"], "n_threads": params["n_threads"],
            "n_threads_batch": threads_batch, "n_batch": params["n_batch"],
            "seed": params["seed"], "verbose": False}


def _fresh_llama(path: str, params: dict[str, Any], handler: PerCallChatFormat) -> Any:
    from extractor.backends.embedded import _silence_llama_logs

    _silence_llama_logs()
    llm = llama_class(params)(model_path=path, **replay_llama_kwargs(params, handler))
    if params.get("lora_path") and not getattr(llm, "_lora_adapter", None):
        raise SystemExit(f"model-only: llama.cpp refused the adapter {params['lora_path']}")
    return llm


def phase_model_only(args: argparse.Namespace) -> dict[str, Any]:
    from extractor.backends.embedded import DEFAULT_CHAT_FORMAT

    rec = read_json(args.record)
    handler = PerCallChatFormat(DEFAULT_CHAT_FORMAT)
    t = time.perf_counter()
    llm = _fresh_llama(rec["model_path"], rec["llama_params"], handler)
    model_load_s = time.perf_counter() - t
    calls = []
    for i, call in enumerate(rec["calls"]):
        kwargs = dict(call["kwargs"])
        handler.chat_format = call.get("chat_format") or DEFAULT_CHAT_FORMAT
        llm.answer_shape = shape_from(call.get("answer_shape"))  # jump-forward, as recorded
        if args.force_max_tokens:  # the fallback the brief allows: same output lengths
            kwargs["max_tokens"] = max(1, call["completion_tokens"])
        started = time.perf_counter()
        out = llm.create_chat_completion(**kwargs)
        took = time.perf_counter() - started
        usage = out.get("usage") or {}
        calls.append({"llama_s": took, "prompt_tokens": usage.get("prompt_tokens", 0),
                      "completion_tokens": usage.get("completion_tokens", 0)})
        _progress("model-only", i + 1, len(rec["calls"]), took)
    return {"model_load_s": model_load_s, "calls": calls,
            "calls_s": sum(c["llama_s"] for c in calls)}


def _strip_max_length(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Fallback only: drop maxLength from the tool schema.

    Before commit 8826488, JobPosting's 2,000-char strings became a GBNF grammar that
    llama.cpp refuses ("number of rules ... exceeds sane defaults"), after which
    llama-cpp-python crashed (SIGSEGV). The naive phase is rerun this way only when the
    as-is run dies, and the report says so."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "maxLength"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    out = dict(kwargs)
    if "tools" in out:
        out["tools"] = strip(out["tools"])
    return out


def phase_naive(args: argparse.Namespace) -> dict[str, Any]:
    from evals.naive import naive_extract
    from extractor.backends import get_backend
    from extractor.errors import ExtractorError
    from extractor.settings import NO_ADAPTER

    paths = [Path(p) for p in read_json(args.paths)]
    settings = bench_settings(args.cache_dir, args.threads, NO_ADAPTER)
    settings = replace(settings, use_cache=False)
    t = time.perf_counter()
    backend: Any = get_backend(settings)  # naive_extract reuses this per-process one
    model_load_s = time.perf_counter() - t
    recorder = CallRecorder(backend.llm, _strip_max_length if args.strip_max_length else None)
    docs = []
    for i, path in enumerate(paths):
        recorder.doc_index = i
        started = time.perf_counter()
        error = None
        try:
            naive_extract(path.read_text(encoding="utf-8", errors="replace"), settings)
        except ExtractorError as exc:
            error = exc.to_dict()["type"]
        took = time.perf_counter() - started
        mine = [c for c in recorder.calls if c["doc"] == i]
        docs.append({"source": path.name, "latency_s": took, "error": error,
                     "model_calls": len(mine),
                     "prompt_tokens": sum(c["prompt_tokens"] for c in mine),
                     "completion_tokens": sum(c["completion_tokens"] for c in mine)})
        _progress("naive", i + 1, len(paths), took)
    return {"model_load_s": model_load_s, "docs": docs,
            "wall_s": sum(d["latency_s"] for d in docs),
            "grammar": "maxLength stripped" if args.strip_max_length else "as is"}


def token_stats(paths: list[Path], model_path: str) -> dict[str, Any]:
    """Tokens per posting: raw loaded text, cleaned text, the slice the guided prompt sends."""
    from bench.clean_stats import token_counter
    from extractor.backends.embedded import _silence_llama_logs
    from extractor.clean import clean
    from extractor.question import GUIDED_TEXT_CHARS
    from extractor.settings import Settings

    _silence_llama_logs()
    name, count = token_counter(model_path)
    raw, cleaned, sent, clean_ms = [], [], [], []
    max_chars = Settings().max_input_chars
    for doc in load_docs(paths):
        if not hasattr(doc, "content"):
            continue
        started = time.perf_counter()
        text = clean(doc, max_chars=max_chars).text
        clean_ms.append((time.perf_counter() - started) * 1000)
        raw.append(count(doc.content))
        cleaned.append(count(text))
        sent.append(count(text[:GUIDED_TEXT_CHARS]))

    def stats(values: Sequence[float]) -> dict[str, Any]:
        return {"mean": rnd(sum(values) / len(values), 1) if values else None,
                "median": rnd(median(values), 1), "p90": rnd(percentile(values, 0.9), 1),
                "total": sum(values)}

    return {"tokenizer": name, "postings": len(raw), "before_cleaning": stats(raw),
            "after_cleaning": stats(cleaned),
            "guided_text_slice": stats(sent), "clean_ms": stats(clean_ms)}


# --------------------------------------------------------------------------- orchestration

class PhaseCrashed(RuntimeError):
    pass


def _run_phase(phase: str, workdir: Path, **opts: Any) -> dict[str, Any]:
    out = workdir / f"{phase}.json"
    cmd = python_cmd(MODULE, "--phase", phase, "--phase-out", str(out))
    for key, value in opts.items():
        if value is None or value is False:
            continue
        cmd += [f"--{key.replace('_', '-')}"] + ([] if value is True else [str(value)])
    # stderr is filtered: progress lines pass through live, llama.cpp's grammar dumps
    # (megabytes when a grammar fails to parse) are cut to a short tail for the error.
    tail: list[str] = []
    errors: list[str] = []
    with subprocess.Popen(cmd, env=clean_env(), cwd=ROOT, stderr=subprocess.PIPE,
                          text=True, errors="replace") as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith(f"[{phase}]"):
                print(line, end="", file=sys.stderr, flush=True)
            elif len(line) < 300:
                tail = (tail + [line.strip()])[-6:]
                if "error" in line.lower() and len(errors) < 3:
                    errors.append(line.strip())
    if proc.returncode != 0:
        how = (f"signal {-proc.returncode}" if proc.returncode < 0
               else f"exit {proc.returncode}")
        raise PhaseCrashed(f"phase {phase} died ({how}): " + " | ".join(errors or tail))
    return read_json(out)


def _pct_stats(values: list[float]) -> dict[str, Any]:
    return {"median": rnd(median(values)), "p90": rnd(percentile(values, 0.9)),
            "mean": rnd(sum(values) / len(values)) if values else None}


def prompt_tokens_match(pipeline_calls: list[dict[str, Any]],
                        replay_calls: list[dict[str, Any]]) -> dict[str, Any]:
    """Whether every replayed call's prompt has the pipeline's token count (same chat
    format, same text: a call formatted differently shows here)."""
    pairs = list(zip(pipeline_calls, replay_calls, strict=True))
    differing = [i for i, (c, b) in enumerate(pairs) if c["prompt_tokens"] != b["prompt_tokens"]]
    return {"same": not differing, "calls_differing": differing,
            "pipeline_total": sum(c["prompt_tokens"] for c in pipeline_calls),
            "replay_total": sum(b["prompt_tokens"] for b in replay_calls)}


def adapter_label(adapter: dict[str, Any] | None) -> str:
    return f"{adapter['name']} ({adapter['size_bytes']:,} bytes)" if adapter else "none"


def summarise(pipe: dict[str, Any], bound: dict[str, Any] | None,
              naive: dict[str, Any] | None, tokens: dict[str, Any] | None) -> dict[str, Any]:
    docs = pipe["docs"]
    n = len(docs)
    wall = pipe["wall_s"]
    calls = pipe["calls"]
    out: dict[str, Any] = {
        "postings": n,
        "strategy": pipe.get("strategy"),
        "adapter": pipe.get("adapter"),
        "chat_formats": sorted({c.get("chat_format") or "?" for c in calls}),
        "model_calls": len(calls),
        "postings_without_model_call": sum(1 for d in docs if d["model_calls"] == 0),
        "errors": {e: sum(1 for d in docs if d["error"] == e)
                   for e in {d["error"] for d in docs if d["error"]}},
        "pipeline": {
            "model_load_s": rnd(pipe["model_load_s"]),
            "wall_s": rnd(wall),
            "postings_per_minute": rnd(60 * n / wall, 1),
            "postings_per_minute_incl_model_load": rnd(60 * n / (wall + pipe["model_load_s"]), 1),
            "latency_s": _pct_stats([d["latency_s"] for d in docs]),
            "prompt_tokens_per_posting": rnd(sum(d["prompt_tokens"] for d in docs) / n, 1),
            "completion_tokens_per_posting": rnd(
                sum(d["completion_tokens"] for d in docs) / n, 1),
            "prompt_tokens_per_call": _pct_stats([c["prompt_tokens"] for c in calls]),
            "completion_tokens_per_call": _pct_stats([c["completion_tokens"] for c in calls]),
            # where the pipeline's wall time went
            "time_in_llama_s": rnd(pipe["llama_s"]),
            "time_in_backend_wrapper_s": rnd(pipe["backend_complete_s"] - pipe["llama_s"]),
            "time_outside_backend_s": rnd(wall - pipe["backend_complete_s"]),
        },
    }
    if bound is not None:
        model_s = bound["calls_s"]
        replay_out = [c["completion_tokens"] for c in bound["calls"]]
        prompts = prompt_tokens_match(calls, bound["calls"])
        ratios = [b["llama_s"] / c["llama_s"] for b, c in zip(bound["calls"], calls, strict=True)
                  if c["llama_s"] > 0]
        recorded_out = [c["completion_tokens"] for c in calls]
        out["model_only"] = {
            "model_load_s": rnd(bound["model_load_s"]),
            "calls_s": rnd(model_s),
            "postings_per_minute": rnd(60 * n / model_s, 1) if model_s else None,
            "prompt_tokens_same_as_pipeline": prompts["same"],
            "prompt_tokens_calls_differing": prompts["calls_differing"],
            "prompt_tokens_replay_total": prompts["replay_total"],
            "prompt_tokens_pipeline_total": prompts["pipeline_total"],
            "completion_tokens_same_as_pipeline": replay_out == recorded_out,
            "completion_tokens_replay_total": sum(replay_out),
            "completion_tokens_pipeline_total": sum(recorded_out),
            # the same call timed twice (bare, in the pipeline run / in the replay): far from
            # 1.0, or many outliers, means the machine was busy and the ratio below is noise
            "per_call_time_ratio_replay_over_in_run_median": rnd(median(ratios), 3),
            "calls_off_by_more_than_1_5x": sum(1 for r in ratios if r > 1.5 or r < 1 / 1.5),
        }
        out["overhead_ratio"] = rnd((wall - model_s) / model_s, 4) if model_s else None
        total_bound = model_s + bound["model_load_s"]
        out["overhead_ratio_incl_model_load"] = rnd(
            (wall + pipe["model_load_s"] - total_bound) / total_bound, 4) if total_bound else None
        out["overhead_target"] = "<= 0.10"
    if calls:
        # drift-free companion figure: the same bare calls timed inside the pipeline run
        out["overhead_ratio_in_run"] = rnd((wall - pipe["llama_s"]) / pipe["llama_s"], 4)
        # steady state: leave out every posting up to the first one that asked the model,
        # i.e. the once-per-process costs (lazy imports, parser data, first-call setup)
        first = min(c["doc"] for c in calls)
        later_wall = sum(d["wall_s"] for i, d in enumerate(docs) if i > first)
        later_llama = sum(c["llama_s"] for c in calls if c["doc"] > first)
        steady: dict[str, Any] = {
            "postings_left_out": first + 1,
            "once_per_process_s": rnd(sum(d["wall_s"] for d in docs[:first + 1])
                                      - sum(c["llama_s"] for c in calls if c["doc"] <= first)),
            "overhead_ratio_in_run": rnd((later_wall - later_llama) / later_llama, 4)
            if later_llama else None,
        }
        if bound is not None:
            later_bound = sum(b["llama_s"] for b, c in zip(bound["calls"], calls, strict=True)
                              if c["doc"] > first)
            steady["overhead_ratio"] = rnd((later_wall - later_bound) / later_bound, 4) \
                if later_bound else None
        out["steady_state"] = steady
    if naive is not None and naive["docs"]:
        nd = naive["docs"]
        k = len(nd)
        naive_s = naive["wall_s"]
        ours_same = sum(d["latency_s"] for d in docs[:k])
        out["naive"] = {
            "postings": k,
            "grammar": naive.get("grammar"),
            "as_is_crash": naive.get("as_is_crash"),
            "model_load_s": rnd(naive["model_load_s"]),
            "wall_s": rnd(naive_s),
            "postings_per_minute": rnd(60 * k / naive_s, 1),
            "latency_s": _pct_stats([d["latency_s"] for d in nd]),
            "prompt_tokens_per_posting": rnd(sum(d["prompt_tokens"] for d in nd) / k, 1),
            "completion_tokens_per_posting": rnd(sum(d["completion_tokens"] for d in nd) / k, 1),
            "errors": {e: sum(1 for d in nd if d["error"] == e)
                       for e in {d["error"] for d in nd if d["error"]}},
            "ours_on_same_postings_per_minute": rnd(60 * k / ours_same, 1) if ours_same else None,
        }
        out["speedup_vs_naive"] = rnd(naive_s / ours_same, 2) if ours_same else None
        out["speedup_target"] = ">= 2"
    if tokens is not None:
        out["tokens_cleaning"] = tokens
    return out


def report(summary: dict[str, Any], info: dict[str, Any]) -> str:
    p = summary["pipeline"]
    lines = [
        f"embedded, cold cache, {summary.get('strategy')} strategy, adapter "
        f"{adapter_label(summary.get('adapter'))}, chat format "
        f"{'/'.join(summary.get('chat_formats') or ['none (no model call)'])}: "
        f"{summary['postings']} postings "
        f"({summary['model_calls']} model calls, "
        f"{summary['postings_without_model_call']} without one), errors {summary['errors']}",
        f"  model load {p['model_load_s']}s; pipeline wall {p['wall_s']}s -> "
        f"{p['postings_per_minute']} postings/min "
        f"({p['postings_per_minute_incl_model_load']} incl. model load)",
        f"  latency median {p['latency_s']['median']}s, p90 {p['latency_s']['p90']}s; "
        f"tokens per posting: {p['prompt_tokens_per_posting']} prompt, "
        f"{p['completion_tokens_per_posting']} completion",
        f"  wall split: llama {p['time_in_llama_s']}s, instructor/backend "
        f"{p['time_in_backend_wrapper_s']}s, pipeline stages {p['time_outside_backend_s']}s",
    ]
    if "model_only" in summary:
        m = summary["model_only"]
        lines += [
            f"model-only bound (bare create_chat_completion, same Llama class, adapter, chat "
            f"format and kwargs, fresh model): {m['calls_s']}s ({m['postings_per_minute']} "
            f"postings/min), load {m['model_load_s']}s",
            f"  same prompt tokens per call: {m['prompt_tokens_same_as_pipeline']} "
            f"({m['prompt_tokens_replay_total']} replayed / {m['prompt_tokens_pipeline_total']}"
            f" in the pipeline); same completion tokens: "
            f"{m['completion_tokens_same_as_pipeline']}",
            f"  same call, replay time / in-run time: median "
            f"{m['per_call_time_ratio_replay_over_in_run_median']}, "
            f"{m['calls_off_by_more_than_1_5x']} of {summary['model_calls']} calls off by >1.5x"
            " (a busy machine shows here)",
            f"  overhead (pipeline - model-only) / model-only = {summary['overhead_ratio']} "
            f"(target <= 0.10); incl. model load {summary['overhead_ratio_incl_model_load']}",
        ]
    if "overhead_ratio_in_run" in summary:
        st = summary["steady_state"]
        lines += [
            f"  in-run overhead (pipeline wall - its own bare llama calls) / those calls"
            f" = {summary['overhead_ratio_in_run']}",
            f"  steady state (after the first {st['postings_left_out']} posting(s), which paid "
            f"{st['once_per_process_s']}s of once-per-process costs): overhead "
            f"{st.get('overhead_ratio')} vs the bound, {st['overhead_ratio_in_run']} in-run",
        ]
    if "naive" in summary:
        nv = summary["naive"]
        lines += [
            f"naive (evals/naive.py) on the first {nv['postings']}: {nv['postings_per_minute']} "
            f"postings/min, latency median {nv['latency_s']['median']}s, tokens "
            f"{nv['prompt_tokens_per_posting']} prompt / {nv['completion_tokens_per_posting']} "
            f"completion per posting, errors {nv['errors']}",
            f"  grammar: {nv['grammar']}"
            + (f" (evals/naive.py as is crashed: {nv['as_is_crash'][:220]})"
               if nv["as_is_crash"] else ""),
            f"  ours on the same postings {nv['ours_on_same_postings_per_minute']} postings/min; "
            f"speedup {summary['speedup_vs_naive']}x (target >= 2)",
        ]
    if "tokens_cleaning" in summary:
        t = summary["tokens_cleaning"]
        lines.append(
            f"tokens per posting ({t['tokenizer']}), median/p90: before cleaning "
            f"{t['before_cleaning']['median']}/{t['before_cleaning']['p90']}, after "
            f"{t['after_cleaning']['median']}/{t['after_cleaning']['p90']}, guided slice "
            f"{t['guided_text_slice']['median']}/{t['guided_text_slice']['p90']}")
    lines.append(machine_line(info))
    return "\n".join(lines)


def run(set_name: str = "synthetic", n: int | None = DEFAULT_N, naive_n: int = DEFAULT_NAIVE_N,
        threads: int | None = None, model_only: bool = True,
        force_max_tokens: bool = False, adapter: str | None = None) -> dict[str, Any]:
    """All phases; returns {"machine", "config", "summary", "raw"}. ``adapter``: a GGUF
    path, "none" (the bare model) or None (the embedded default's: the shipped one)."""
    info_before = machine()
    paths = pick_cases(set_name, n)
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        work = Path(tmp)
        write_json(work / "paths.json", [str(p) for p in paths])
        pipe = _run_phase("pipeline", work, paths=work / "paths.json",
                          cache_dir=work / "cache-pipeline", threads=threads, adapter=adapter)
        write_json(work / "record.json", pipe)
        bound = _run_phase("model-only", work, record=work / "record.json",
                           force_max_tokens=force_max_tokens) if model_only else None
        naive = None
        if naive_n > 0:
            write_json(work / "naive-paths.json", [str(p) for p in paths[:naive_n]])
            naive_opts = {"paths": work / "naive-paths.json",
                          "cache_dir": work / "cache-naive", "threads": threads}
            crash = None
            try:
                naive = _run_phase("naive", work, **naive_opts)
            except PhaseCrashed as exc:  # evals/naive.py as it is; see _strip_max_length
                crash = str(exc)
                print(f"naive as is crashed; rerunning with maxLength stripped: {crash}",
                      file=sys.stderr)
                naive = _run_phase("naive", work, strip_max_length=True, **naive_opts)
            naive["as_is_crash"] = crash
    tokens = token_stats(paths, pipe["model_path"])
    summary = summarise(pipe, bound, naive, tokens)
    info = machine()
    info["loadavg_before"] = info_before["loadavg_1_5_15"]
    pipe_light = {k: v for k, v in pipe.items() if k != "calls"}
    pipe_light["calls"] = [{k: v for k, v in c.items() if k != "kwargs"} for c in pipe["calls"]]
    return {
        "machine": info,
        "config": {"set": set_name, "n": len(paths), "naive_n": min(naive_n, len(paths)),
                   "reference_date": REFERENCE_DATE.isoformat(), "strategy": pipe["strategy"],
                   "adapter": pipe["adapter"], "naive_adapter": None,
                   "threads": threads, "files": [p.name for p in paths],
                   "force_max_tokens": force_max_tokens},
        "summary": summary,
        "raw": {"pipeline": pipe_light, "model_only": bound, "naive": naive},
    }


def check_adapter(adapter: str | None) -> None:
    """Refuse a bad --adapter before any phase starts (the settings' own message)."""
    from extractor.errors import ConfigError

    try:
        bench_settings(None, None, adapter)
    except ConfigError as exc:
        raise SystemExit(str(exc)) from exc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="synthetic", choices=["synthetic", "corpus", "all"])
    parser.add_argument("--n", type=int, default=DEFAULT_N,
                        help=f"postings (evenly spread over the set; default {DEFAULT_N}, 0 = all)")
    parser.add_argument("--naive-n", type=int, default=DEFAULT_NAIVE_N,
                        help=f"postings for the naive baseline (default {DEFAULT_NAIVE_N}; "
                        "0 skips)")
    parser.add_argument("--threads", type=int, help="llama.cpp threads (default: all cores)")
    parser.add_argument("--adapter", metavar="PATH|none",
                        help="a GGUF LoRA over the model, or none for the bare model (default: "
                        "the embedded default's, i.e. the shipped adapter when present)")
    parser.add_argument("--no-model-only", action="store_true", help="skip the bound")
    parser.add_argument("--force-max-tokens", action="store_true",
                        help="model-only: max_tokens = the recorded completion tokens")
    parser.add_argument("--json", help="write the results here")
    # internal: one phase in this (fresh) process
    parser.add_argument("--phase", choices=["pipeline", "model-only", "naive"],
                        help=argparse.SUPPRESS)
    parser.add_argument("--phase-out", help=argparse.SUPPRESS)
    parser.add_argument("--paths", help=argparse.SUPPRESS)
    parser.add_argument("--record", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", help=argparse.SUPPRESS)
    parser.add_argument("--strip-max-length", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase:
        fn = {"pipeline": phase_pipeline, "model-only": phase_model_only,
              "naive": phase_naive}[args.phase]
        write_json(args.phase_out, fn(args))
        return 0

    check_adapter(args.adapter)
    data = run(args.set, args.n or None, args.naive_n, args.threads,
               model_only=not args.no_model_only, force_max_tokens=args.force_max_tokens,
               adapter=args.adapter)
    print(report(data["summary"], data["machine"]))
    if args.json:
        print(f"wrote {write_json(args.json, data)}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    raise SystemExit(main())
