"""The pipeline: one loaded input to one result, through the cache, then ``assemble``.

``extract_documents`` streams results for an iterable of loaded inputs, one result per
input, in input order, with failures as results. The cache is consulted first; on a miss
``extractor.assemble`` makes the record (clean -> parse -> ask -> merge -> ground ->
validate), and the backend is created on its first question only, so a cached run never
loads a model. Each pay range's annual figures are worked out last, after the cache, with
the run's pay year (``Settings.pay_year``), so a cached record follows a changed one.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from extractor.annual import PayYear, annual_amount
from extractor.assemble import assemble
from extractor.backends import (
    Backend,
    ModelReply,
    ModelRequest,
    Usage,
    backend_model_id,
    get_backend,
)
from extractor.backends.endpoints import endpoints_key
from extractor.cache import Keyer, ResultCache, code_hash, model_file_key
from extractor.errors import ConfigError, ExtractorError
from extractor.load import Document, LoadFailure
from extractor.prompt import load_prompt
from extractor.question import schema_hash
from extractor.record import JobPosting, SalaryRange
from extractor.result import ErrorInfo, Result
from extractor.settings import Settings


def run_meta(settings: Settings, backend: Backend | None = None) -> dict[str, Any]:
    """What produced a result: recorded in every line and in the cache key."""
    strategy = settings.resolved_strategy()
    prompt = strategy if strategy != "rules" else None  # each question's prompt file
    return {
        "backend": "rules" if strategy == "rules" else (
            backend.name if backend else settings.backend),
        "model": None if strategy == "rules" else (
            backend.model_id if backend else backend_model_id(settings)),
        "strategy": strategy,
        "prompt": f"{prompt}@{load_prompt(prompt).short_hash}" if prompt else None,
        "schema": schema_hash(),
        "code": code_hash(),
    }


class Pipeline:
    """Holds the settings, the cache and (lazily) the backend for a run."""

    def __init__(self, settings: Settings, backend: Backend | None = None) -> None:
        # One reference date for the whole run: the key's date is the date every record
        # of the run resolves "3 days ago" against, even across midnight; unless the
        # caller gave none and a document states its own (see ``reference_for``).
        self._given_date = settings.reference_date
        self.settings = settings = replace(settings, reference_date=settings.today())
        self._backend = backend
        self.meta = run_meta(settings, backend)
        self._keyers = {kind: Keyer({**self._key_parts(), "text_field_kind": kind})
                        for kind in ("text", "markdown", "html", "json")}
        self.cache = ResultCache(settings.resolved_cache_dir()) if settings.use_cache else None

    def _key_parts(self) -> dict[str, Any]:
        """Everything besides the document that the record is made from."""
        settings = self.settings
        local = settings.runs_local_model()
        return {**self.meta, "params": settings.generation_params(),
                "base_url": endpoints_key(settings.base_url),
                "model_file": model_file_key(settings.model) if local else None,
                # a retrained adapter saved over the same name and size must miss too
                "adapter_file": model_file_key(settings.adapter) if local else None}

    def run(self, item: Document | LoadFailure) -> Result:
        """One input to one result; every failure is caught into the result."""
        started = time.perf_counter()
        if isinstance(item, LoadFailure):
            return Result(item.source, error=ErrorInfo(item.error_type, item.message))
        # The source object feeds candidates and page data: rows sharing a body differ here.
        reference, origin = self.reference_for(item)
        key = self._keyers[item.kind](item.content, item.fields, reference.isoformat())
        hit = self._cached(item.source, key, started)
        if hit is not None:
            return _with_annual_pay(hit, self.settings.pay_year)
        result = self._extract(item, reference, origin)
        result.latency_s = time.perf_counter() - started
        if self.cache and result.ok:
            self.cache.set(key, _to_cache(result, self.meta))
        return _with_annual_pay(result, self.settings.pay_year)

    def _cached(self, source: str, key: str, started: float) -> Result | None:
        """The cached result for ``key``; an entry that does not make a Result is a miss."""
        if self.cache is None:
            return None
        hit = self.cache.get(key)
        if hit is None:
            return None
        try:
            return _from_cache(source, hit, self.meta, time.perf_counter() - started)
        except (KeyError, TypeError, ValueError) as exc:  # pydantic's ValidationError too
            self.cache.warn_bad_entry(f"a stored result did not validate: {type(exc).__name__}")
            return None

    def reference_for(self, doc: Document) -> tuple[dt.date, str | None]:
        """The date ``doc``'s relative dates count from, and where it came from: the
        caller's reference date; else the date the document states (a JSON field, its
        file's sidecar: "document"); else, with ``reference_from_mtime``, its file's
        modification day ("mtime"); else the run's day (None)."""
        run_day = self.settings.today()
        if self._given_date is not None:
            return run_day, None
        if doc.reference_date is not None:
            return doc.reference_date, "document"
        if self.settings.reference_from_mtime and doc.modified is not None:
            return doc.modified, "mtime"
        return run_day, None

    def _extract(self, doc: Document, reference: dt.date, origin: str | None) -> Result:
        settings, dated = self.settings, {}
        if origin is not None:
            settings = replace(settings, reference_date=reference)
            dated = {"reference_date": reference.isoformat(), "reference_from": origin}
        try:
            result = assemble(doc, settings, self._ask)
        except ConfigError:
            raise  # the whole run is misconfigured: stop, do not write an error per input
        except ExtractorError as exc:  # raised outside the model call and validation
            result = Result(doc.source, error=ErrorInfo.of(exc))
        return replace(result, meta={**self.meta, **dated, **result.meta})

    def _ask(self, request: ModelRequest) -> ModelReply:
        if self._backend is None:
            self._backend = get_backend(self.settings)
        return self._backend.complete(request)

    def close(self) -> None:
        if self.cache:
            self.cache.close()


def _with_annual_pay(result: Result, year: PayYear) -> Result:
    """``result`` with each pay range's annual_min and annual_max for ``year``."""
    if result.record is not None and result.record.salary:
        pay = [_annualised(salary, year) for salary in result.record.salary]
        result.record = result.record.model_copy(update={"salary": pay})
    return result


def _annualised(salary: SalaryRange, year: PayYear) -> SalaryRange:
    return salary.model_copy(update={
        "annual_min": annual_amount(salary.min, salary.period, year),
        "annual_max": annual_amount(salary.max, salary.period, year)})


def _to_cache(result: Result, meta: dict[str, Any]) -> dict[str, Any]:
    line = result.to_line()
    entry = {k: line[k] for k in ("record", "evidence", "warnings", "usage", "latency_s")}
    entry["text"] = result.text  # a hit can still write --include-text and --review
    # what the document added to the line (blocks removed, each field's source)
    entry["meta"] = {k: v for k, v in result.meta.items() if k not in meta}
    return entry


def _from_cache(
    source: str, hit: dict[str, Any], meta: dict[str, Any], latency: float
) -> Result:
    result = Result(source, cached=True, latency_s=latency)
    result.record = JobPosting.model_validate(hit["record"])
    result.evidence, result.warnings = dict(hit["evidence"]), list(hit["warnings"])
    result.text = _text(hit["text"])
    result.meta = {**dict(hit["meta"]), **meta, "first_latency_s": hit["latency_s"],
                   "first_usage": hit["usage"]}
    result.usage = Usage()  # a hit spends no tokens
    return result


def _text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"a cached text must be a string, not {type(value).__name__}")
    return value


def extract_documents(
    items: Iterable[Document | LoadFailure], settings: Settings, backend: Backend | None = None
) -> Iterator[Result]:
    """One result per input, in input order, errors as results.

    ``backend`` overrides the one the settings name (tests pass a fake here).
    """
    pipeline = Pipeline(settings, backend)
    try:
        for item in items:
            yield pipeline.run(item)
    finally:
        pipeline.close()
