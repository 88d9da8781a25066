"""Assemble one record: clean -> parse -> candidates -> model question -> merge -> ground
-> validate.

The model is called at most once per document. Which question it gets depends on
the strategy (see ``extractor.question``); ``rules`` asks nothing. ``assemble`` returns
the document's ``Result``; the pipeline adds the run's metadata and the cache.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from extractor.backends import ModelReply, ModelRequest, Usage
from extractor.candidates import RANK, Candidate, company_candidates, title_candidates
from extractor.clean import Cleaned, clean
from extractor.errors import InvalidOutputError, ModelError, TruncatedOutputError
from extractor.ground import ground
from extractor.load import Document
from extractor.merge import (
    DRAFT_FIRST,
    DRAFT_UNUSED,
    Merged,
    merge_draft,
    merge_page_data,
    merge_page_details,
    merge_rules,
    pick_candidate,
    unstated_dollar,
)
from extractor.parse import Facts, parse_text
from extractor.parse.places import city_country
from extractor.parse.seniority import parse_seniority
from extractor.question import Draft, ModelDraft, draft_request, full_request, guided_request
from extractor.record import JobPosting
from extractor.result import ErrorInfo, Result
from extractor.settings import Settings

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

Ask = Callable[[ModelRequest], ModelReply]


@dataclass(frozen=True)
class _Read:
    """What the cleaned text offers before any model is asked."""

    cleaned: Cleaned
    titles: list[Candidate]
    companies: list[Candidate]
    facts: Facts  # every parser but seniority, which waits for the chosen title
    reference: dt.date  # what relative dates ("3 days ago") are resolved against
    fields: dict[str, Any] | None = None  # a JSON row's own object (its page data)


def assemble(doc: Document, settings: Settings, ask: Ask,
             draft_first: Collection[str] = DRAFT_FIRST,
             draft_unused: Collection[str] = DRAFT_UNUSED, *, rules: bool = True) -> Result:
    """One loaded document to its result: the record with its evidence, warnings and usage;
    or, when the model call or the record's validation fails, the error with the warnings
    and usage up to then. ``draft_first``: the fields where a ``draft`` answer goes before
    the rules (``extractor.merge.DRAFT_FIRST``; bench/draft_order.py measures others);
    ``draft_unused``: the draft fields not taken (``extractor.merge.DRAFT_UNUSED``).
    ``rules=False`` keeps only the model's answer (grounded and validated like any other):
    no page data, no rules; the evals' "model alone" system, which measures what the
    model does on its own.

    Raises:
        ConfigError: the run is misconfigured (from ``ask``): the caller stops the run.
    """
    cleaned = clean(doc, max_chars=settings.max_input_chars)
    read = _read(doc, cleaned, settings.today())
    warnings = _cleaning_warnings(cleaned, settings.max_input_chars)
    meta: dict[str, Any] = {"removed": cleaned.removed}  # blocks cut: nav, similar_jobs...
    try:
        answer, usage, notes = _ask_model(ask, settings, read)
    except ModelError as exc:
        return Result(doc.source, error=ErrorInfo.of(exc), warnings=warnings, meta=meta,
                      text=cleaned.text)
    warnings += notes
    merged, notes = (_merged(read, answer, settings.grounding, draft_first, draft_unused)
                     if rules else _answer_alone(answer, read.cleaned.text, settings.grounding))
    warnings += notes
    try:
        record, dropped = valid_record(merged)
    except InvalidOutputError as exc:
        return Result(doc.source, error=ErrorInfo.of(exc), warnings=warnings, meta=meta,
                      usage=usage, text=cleaned.text)
    return Result(doc.source, record=record, evidence=merged.evidence, warnings=warnings + dropped,
                  meta={**meta, "sources": merged.sources}, usage=usage, text=cleaned.text)


def _read(doc: Document, cleaned: Cleaned, reference: dt.date) -> _Read:
    text = cleaned.text
    facts = parse_text(text, reference, cleaned.links)
    is_place = _place_names(facts)
    titles = title_candidates(text, cleaned.jsonld, doc.fields, cleaned.title_hint,
                              is_place=is_place)
    companies = company_candidates(text, cleaned.jsonld, doc.fields, titles=titles,
                                   is_place=is_place)
    return _Read(cleaned, titles, companies, facts, reference, doc.fields)


def _place_names(facts: Facts) -> Callable[[str], bool]:
    """Whether a name is a place: one the location parser found in this text, or a large
    city of the gazetteer (so neither becomes a company or stays in a title)."""
    found = {name.casefold() for item in facts.locations
             for name in (item.value.city, item.value.raw) if name}
    return lambda name: name.casefold() in found or city_country(name) is not None


def _cleaning_warnings(cleaned: Cleaned, max_chars: int) -> list[str]:
    """The input cut to the budget, markup limits hit, page data the page contradicts."""
    cut = [f"input cut at a section boundary to {max_chars} characters (max_input_chars); "
           "later text was not read"] if "truncated" in cleaned.removed else []
    return cut + cleaned.warnings


def _merged(read: _Read, answer: dict[str, Any], grounding: str, draft_first: Collection[str],
            unused: Collection[str]) -> tuple[Merged, list[str]]:
    """Page data, rules and the model's answer merged field by field, then grounded; with
    the warnings both give. Seniority is parsed here, once the title is chosen."""
    text, merged, draft = read.cleaned.text, Merged(), answer.get("draft")
    draft_first = [name for name in draft_first if name not in unused]
    first = (_supported(draft, text, draft_first) if isinstance(draft, ModelDraft)
             else frozenset())
    for name, cands in (("title", read.titles), ("company", read.companies)):
        chosen = getattr(draft, name) if name in first else answer.get(name)
        pick_candidate(name, cands, chosen, merged, text)
    level = parse_seniority(merged.values.get("title"), text, read.facts.employment_types)
    facts = replace(read.facts, seniority=level)
    warnings = merge_page_data(read.cleaned.jsonld, merged, facts, read.fields)
    merge_rules(facts, text, merged)
    merge_page_details(read.cleaned.jsonld, merged)
    if isinstance(draft, (Draft, ModelDraft)):
        merge_draft(draft, merged, first, unused)
    unstated_dollar(merged)
    return merged, warnings + ground(merged, text, grounding)


def _answer_alone(answer: dict[str, Any], text: str, grounding: str
                  ) -> tuple[Merged, list[str]]:
    """The model's answer on its own, grounded: what it drafted (``draft``, ``full``) or
    the title and company it chose (``guided``)."""
    merged, draft = Merged(), answer.get("draft")
    if isinstance(draft, (Draft, ModelDraft)):
        merge_draft(draft, merged)
    for name in ("title", "company"):
        if name not in merged.values and answer.get(name):
            merged.put(name, answer[name], "model", [])
    return merged, ground(merged, text, grounding)


def _supported(draft: ModelDraft, text: str, names: Collection[str]) -> frozenset[str]:
    """The fields of ``names`` whose drafted value the text supports: there the draft
    goes before the rules; an unsupported value only fills an empty field (and
    grounding then checks it as any other)."""
    scratch = Merged()
    merge_draft(draft, scratch)
    ground(scratch, text, "drop")
    return frozenset(name for name in names if name in scratch.values)


def valid_record(merged: Merged) -> tuple[JobPosting, list[str]]:
    """The merged values as a JobPosting, and one warning per value dropped. A value that
    fails validation is dropped from ``merged`` with its evidence, and the rest is validated
    again: one bad field does not cost the record (of a list, only the items that fail).

    Raises:
        InvalidOutputError: the record fails in a way no dropped value explains.
    """
    warnings: list[str] = []
    while True:  # each round drops at least one value, so this ends
        try:
            return JobPosting.model_validate(merged.values), warnings
        except ValidationError as exc:
            notes = _drop_failing(exc, merged)
            if not notes:
                raise InvalidOutputError(f"the merged record failed validation: {exc}") from exc
            warnings += notes


def _drop_failing(exc: ValidationError, merged: Merged) -> list[str]:
    """Drop each value an error is about; returns one warning per value dropped."""
    notes: list[str] = []
    for name, errors in _errors_by_field(exc, merged.values).items():
        item_errors = any(len(e["loc"]) > 1 and isinstance(e["loc"][1], int) for e in errors)
        if item_errors and isinstance(merged.values[name], list):
            dropped = _drop_items(name, merged)
            if dropped:
                notes += dropped
                continue
        notes.append(f"{name}: dropped {_shown(merged.values[name])}: {_reason(errors[0])}")
        _forget(name, merged)
    return notes


def _errors_by_field(
    exc: ValidationError, values: dict[str, Any]
) -> dict[str, list[ErrorDetails]]:
    """Errors grouped by the field they are about. An error about the whole record
    ("valid_through is before date_posted") is about every field its message names."""
    by_field: dict[str, list[ErrorDetails]] = {}
    for error in exc.errors():
        loc = error["loc"]
        names = [str(loc[0])] if loc else [
            name for name in values if re.search(rf"\b{re.escape(name)}\b", error["msg"])]
        for name in names:
            if name in values:
                by_field.setdefault(name, []).append(error)
    return by_field


def _drop_items(name: str, merged: Merged) -> list[str]:
    """Drop the items of list field ``name`` that fail validation on their own."""
    items = merged.values[name]
    bad = {i: reason for i, item in enumerate(items) if (reason := _item_failure(name, item))}
    if not bad:
        return []
    kept = [item for i, item in enumerate(items) if i not in bad]
    if not kept:
        _forget(name, merged)
    else:
        merged.values[name] = kept
        _drop_spans(merged, name, len(items), set(bad))
    return [f"{name}: dropped {_shown(items[i])}: {reason}" for i, reason in bad.items()]


def _drop_spans(merged: Merged, name: str, count: int, bad: set[int]) -> None:
    """With one span per item, drop the spans of the dropped items; a span for the whole
    list (a page-data note) stays."""
    evidence = merged.evidence.get(name, [])
    if len(evidence) == count:
        merged.evidence[name] = [span for i, span in enumerate(evidence) if i not in bad]


def _item_failure(name: str, item: Any) -> str | None:
    """Why ``item`` alone fails as the value of list field ``name``; None when it passes."""
    try:
        JobPosting.model_validate({name: [item]})
    except ValidationError as exc:
        return _reason(exc.errors()[0])
    return None


def _reason(error: ErrorDetails) -> str:
    if error["type"] == "literal_error":
        return f"not one of {error.get('ctx', {}).get('expected', 'the allowed values')}"
    return error["msg"].removeprefix("Value error, ")


def _shown(value: Any, limit: int = 80) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _forget(name: str, merged: Merged) -> None:
    for table in (merged.values, merged.evidence, merged.sources):
        table.pop(name, None)


def _question(settings: Settings, read: _Read) -> ModelRequest | None:
    """The strategy's question for this document; None when there is nothing to ask."""
    strategy, text = settings.resolved_strategy(), read.cleaned.text
    if strategy == "rules":
        return None
    if strategy == "guided":
        return guided_request(text, _open(read.titles), _open(read.companies),
                              settings.max_tokens)
    if strategy == "draft":
        return draft_request(text, settings.max_tokens)
    return full_request(text, _hints(read.facts), read.reference.isoformat(),
                        settings.max_tokens)


def _ask_model(ask: Ask, settings: Settings,
               read: _Read) -> tuple[dict[str, Any], Usage, list[str]]:
    """The strategy's question asked: the answer, its usage and warnings. A ``draft``
    answer that fails validation or runs out of tokens costs only the draft (a warning):
    the rules make a whole record on their own.

    Raises:
        ModelError: the model call failed (for ``draft``: other than its answer).
    """
    strategy = settings.resolved_strategy()
    try:
        return (*_answer(ask, _question(settings, read), strategy), [])
    except (InvalidOutputError, TruncatedOutputError) as exc:
        if strategy != "draft":
            raise
        return {}, Usage(), [f"draft: {exc.message}; the record comes from page data and rules"]


def _answer(ask: Ask, request: ModelRequest | None, strategy: str) -> tuple[dict[str, Any], Usage]:
    """The model's answer and its usage: the chosen title and company (``guided``), the
    draft with its title and company (``full``), the draft alone (``draft``: merge decides
    per field)."""
    if request is None:
        return {}, Usage()
    reply = ask(request)
    value = reply.value
    if strategy == "guided":
        return value.model_dump(), replace(reply.usage)
    if strategy == "draft":
        return {"draft": value}, replace(reply.usage)
    return {"draft": value, **value.model_dump(include={"title", "company"})}, replace(reply.usage)


def _open(cands: list[Candidate]) -> list[Candidate]:
    """Candidates worth asking a model about: two or more, none of them settled by page
    data, a label or a heading (the model is a tie-breaker among weak candidates; on the
    fixtures it picked distractors over a labelled or heading candidate)."""
    if len(cands) < 2 or any(RANK[c.origin] <= RANK["heading"] for c in cands):
        return []
    return cands


def _hints(facts: Facts) -> dict[str, Any]:
    hints: dict[str, Any] = {}
    for name in ("salary", "date_posted", "valid_through", "employment_types",
                 "workplace_type", "experience_years_min", "education_level"):
        items = getattr(facts, name)
        if items:
            hints[name] = [_plain(f.value) for f in items]
    return hints


def _plain(value: Any) -> Any:
    return value.model_dump(exclude={"raw"}) if hasattr(value, "model_dump") else value
