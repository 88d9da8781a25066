"""Run systems (pipeline, rules-only, the model alone, naive) over fixture sets and score them."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from dataclasses import dataclass, field, replace
from typing import Any

from evals.fixtures_io import Case, load_document
from evals.score import ALL_FIELDS, HEADLINE_FIELDS, FieldScore, aggregate, score_record
from extractor.clean import clean
from extractor.load import Document
from extractor.prices import estimate_cost
from extractor.settings import Settings


@dataclass(frozen=True)
class SystemConfig:
    label: str
    system: str  # "pipeline", "model" (the model's answer alone, grounded) or "naive"
    settings: Settings


@dataclass
class CaseResult:
    case: Case
    record: dict[str, Any] | None
    error: dict[str, str] | None
    evidence: dict[str, Any]
    scores: dict[str, FieldScore]
    latency_s: float
    prompt_tokens: int
    completion_tokens: int
    cached: bool
    text: str = ""  # the cleaned posting text, which the evidence spans index into


@dataclass
class SystemRun:
    config: SystemConfig
    meta: dict[str, Any] = field(default_factory=dict)
    cases: list[CaseResult] = field(default_factory=list)


def _settings_for(case: Case, settings: Settings) -> Settings:
    return replace(settings, reference_date=case.reference_date or dt.date(2026, 11, 28))


def _run_pipeline(case: Case, settings: Settings) -> CaseResult:
    from extractor.pipeline import extract_documents

    doc = load_document(case)
    [result] = extract_documents([doc], _settings_for(case, settings))
    record = result.record.model_dump(mode="json") if result.record is not None else None
    # A cache hit reports what the first, uncached extraction cost.
    latency = result.meta.get("first_latency_s", result.latency_s)
    usage = result.meta.get("first_usage") or {
        "prompt_tokens": result.usage.prompt_tokens,
        "completion_tokens": result.usage.completion_tokens}
    error = result.error.to_dict() if result.error is not None else None
    scored = _scored(case, record, error, result.evidence, latency,
                     usage["prompt_tokens"], usage["completion_tokens"], result.cached)
    return replace(scored, text=result.text or posting_text(doc, settings))


def _run_model(case: Case, settings: Settings) -> CaseResult:
    """The model's answer alone, grounded and validated: no page data, no rules."""
    from extractor.assemble import assemble

    doc = load_document(case)
    started = time.perf_counter()
    result = assemble(doc, _settings_for(case, settings), _asker(settings), rules=False)
    record = result.record.model_dump(mode="json") if result.record is not None else None
    error = result.error.to_dict() if result.error is not None else None
    scored = _scored(case, record, error, result.evidence, time.perf_counter() - started,
                     result.usage.prompt_tokens, result.usage.completion_tokens, False)
    return replace(scored, text=result.text or "")


_BACKENDS: dict[Settings, Any] = {}  # one loaded model per system, not one per case


def _asker(settings: Settings) -> Any:
    from extractor.backends import get_backend

    if settings not in _BACKENDS:
        _BACKENDS[settings] = get_backend(settings)
    return _BACKENDS[settings].complete


def _run_naive(case: Case, settings: Settings) -> CaseResult:
    from evals.naive import naive_extract
    from extractor.errors import ExtractorError

    started = time.perf_counter()
    try:
        record, usage = naive_extract(case.path.read_text(encoding="utf-8", errors="replace"),
                                      _settings_for(case, settings))
    except ExtractorError as exc:
        scored = _scored(case, None, exc.to_dict(), {}, time.perf_counter() - started, 0, 0,
                         False)
    else:
        scored = _scored(case, record.model_dump(mode="json"), None, {},
                         time.perf_counter() - started, usage.prompt_tokens,
                         usage.completion_tokens, False)
    # shown beside the record in the report (naive read the raw file, but has no spans)
    return replace(scored, text=posting_text(load_document(case), settings))


def posting_text(doc: Document, settings: Settings) -> str:
    """The text the pipeline reads: ``clean`` with the run's budget, as assemble calls it."""
    return clean(doc, max_chars=settings.max_input_chars).text


def _scored(case: Case, record: dict[str, Any] | None, error: Any, evidence: Any,
            latency: float, tokens_in: int, tokens_out: int, cached: bool) -> CaseResult:
    scored = case.scored_fields()
    scores = {k: v for k, v in score_record(case.labels, record).items() if k in scored}
    return CaseResult(case, record, error, evidence, scores, latency, tokens_in, tokens_out,
                      cached)


def run_system(config: SystemConfig, cases: list[Case], progress: bool = True) -> SystemRun:
    run = SystemRun(config, meta=_meta(config))
    step = {"naive": _run_naive, "model": _run_model}.get(config.system, _run_pipeline)
    iterator: Any = cases
    if progress:
        from tqdm import tqdm

        iterator = tqdm(cases, desc=config.label, unit="doc", leave=False)
    for case in iterator:
        run.cases.append(step(case, config.settings))
    return run


def _meta(config: SystemConfig) -> dict[str, Any]:
    from extractor.pipeline import run_meta

    settings = config.settings
    if config.system == "naive":
        settings = replace(settings, strategy="guided")
    meta = run_meta(settings)
    if config.system == "naive":
        meta.update(strategy="naive", prompt="naive (inline, evals/naive.py)")
    return meta


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def summarise(run: SystemRun) -> dict[str, Any]:
    """Per-field and micro metrics, errors, latency, tokens and cost for one system."""
    scores = [c.scores for c in run.cases]
    latencies = [c.latency_s for c in run.cases]
    tokens_in = sum(c.prompt_tokens for c in run.cases)
    tokens_out = sum(c.completion_tokens for c in run.cases)
    return {
        "label": run.config.label,
        "system": run.config.system,
        **run.meta,
        "documents": len(run.cases),
        "errors": sum(1 for c in run.cases if c.error),
        "error_types": _count(c.error["type"] for c in run.cases if c.error),
        "headline": aggregate(scores, HEADLINE_FIELDS).as_dict(),
        "all_fields": aggregate(scores, ALL_FIELDS).as_dict(),
        "latency_s": {"median": _percentile(latencies, 50), "p90": _percentile(latencies, 90),
                      "cached_documents": sum(c.cached for c in run.cases)},
        "tokens": {"prompt": tokens_in, "completion": tokens_out},
        "cost_usd": estimate_cost(run.meta.get("model"), tokens_in, tokens_out),
    }


def _count(items: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out
