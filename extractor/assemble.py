"""Assemble one record: clean -> parse -> candidates -> model question -> merge -> ground.

The model is called at most once per document. Which question it gets depends on
the strategy (see ``extractor.question``); ``rules`` asks nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from extractor.candidates import Candidate, company_candidates, title_candidates
from extractor.clean import clean
from extractor.errors import InvalidOutputError
from extractor.ground import ground
from extractor.load import Document
from extractor.merge import Merged, merge_draft, merge_page_data, merge_rules, pick_candidate
from extractor.parse import Facts, parse_text
from extractor.question import Draft, full_request, guided_request
from extractor.record import JobPosting
from extractor.settings import Settings

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from extractor.backends import ModelReply, ModelRequest
    from extractor.result import Result

Ask = Callable[["ModelRequest"], "ModelReply"]


def assemble(doc: Document, settings: Settings, ask: Ask, result: Result) -> None:
    """Fill ``result`` (record, evidence, warnings, usage) for one loaded document."""
    from extractor.parse.seniority import parse_seniority

    cleaned = clean(doc, max_chars=settings.max_input_chars)
    text = cleaned.text
    result.meta["removed"] = cleaned.removed  # blocks cut: nav, similar_jobs, truncated...
    if "truncated" in cleaned.removed:
        result.warnings.append(f"input cut at a section boundary to {settings.max_input_chars} "
                               "characters (max_input_chars); later text was not read")
    result.warnings += cleaned.warnings  # markup limits hit, page data the page contradicts
    titles = title_candidates(text, cleaned.jsonld, doc.fields, cleaned.title_hint)
    companies = company_candidates(text, cleaned.jsonld, doc.fields)
    facts = parse_text(text, settings.today())
    merged = Merged()
    answer = _ask_model(settings, ask, text, titles, companies, facts, result)
    pick_candidate("title", titles, answer.get("title"), merged, text)
    pick_candidate("company", companies, answer.get("company"), merged, text)
    facts.seniority = parse_seniority(merged.values.get("title"), text)
    result.warnings += merge_page_data(cleaned.jsonld, merged, facts)
    merge_rules(facts, text, merged)
    if isinstance(answer.get("draft"), Draft):
        merge_draft(answer["draft"], merged)
    result.warnings += ground(merged, text, settings.grounding)
    result.record, dropped = valid_record(merged)
    result.warnings += dropped
    result.evidence = merged.evidence
    result.meta["sources"] = merged.sources


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


def _ask_model(
    settings: Settings,
    ask: Ask,
    text: str,
    titles: list[Candidate],
    companies: list[Candidate],
    facts: Facts,
    result: Result,
) -> dict[str, Any]:
    strategy = settings.resolved_strategy()
    if strategy == "rules":
        return {}
    if strategy == "guided":
        request = guided_request(text, _open(titles), _open(companies), settings.max_tokens)
    else:
        request = full_request(text, _hints(facts), settings.today().isoformat(),
                               settings.max_tokens)
    if request is None:
        return {}
    reply = ask(request)
    result.usage.add(reply.usage)
    if strategy == "guided":
        return reply.value.model_dump()
    return {"draft": reply.value, **reply.value.model_dump(include={"title", "company"})}


def _open(cands: list[Candidate]) -> list[Candidate]:
    """Candidates worth asking a model about: two or more, none of them settled by page
    data, a label or a heading (the model is a tie-breaker among weak candidates; on the
    fixtures it picked distractors over a labelled or heading candidate)."""
    from extractor.candidates import RANK

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
