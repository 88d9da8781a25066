"""Assemble one record: clean -> parse -> candidates -> model question -> merge -> ground.

The model is called at most once per document. Which question it gets depends on
the strategy (see ``extractor.question``); ``rules`` asks nothing.
"""

from __future__ import annotations

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
from extractor.settings import Settings

if TYPE_CHECKING:
    from extractor.backends import ModelReply, ModelRequest
    from extractor.pipeline import Result

Ask = Callable[["ModelRequest"], "ModelReply"]


def assemble(doc: Document, settings: Settings, ask: Ask, result: Result) -> None:
    """Fill ``result`` (record, evidence, warnings, usage) for one loaded document."""
    from extractor.parse.seniority import parse_seniority
    from extractor.record import JobPosting

    cleaned = clean(doc, max_chars=settings.max_input_chars)
    text = cleaned.text
    result.meta["removed"] = cleaned.removed  # blocks cut: nav, similar_jobs, truncated...
    if "truncated" in cleaned.removed:
        result.warnings.append(f"input cut at a section boundary to {settings.max_input_chars} "
                               "characters (max_input_chars); later text was not read")
    titles = title_candidates(text, cleaned.jsonld, doc.fields, cleaned.title_hint)
    companies = company_candidates(text, cleaned.jsonld, doc.fields)
    facts = parse_text(text, settings.today())
    merged = Merged()
    answer = _ask_model(settings, ask, text, titles, companies, facts, result)
    pick_candidate("title", titles, answer.get("title"), merged, text)
    pick_candidate("company", companies, answer.get("company"), merged, text)
    facts.seniority = parse_seniority(merged.values.get("title"), text)
    merge_page_data(cleaned.jsonld, merged)
    merge_rules(facts, text, merged)
    if isinstance(answer.get("draft"), Draft):
        merge_draft(answer["draft"], merged)
    result.warnings += ground(merged, text, settings.grounding)
    try:
        result.record = JobPosting.model_validate(merged.values)
    except ValidationError as exc:
        raise InvalidOutputError(f"the merged record failed validation: {exc}") from exc
    result.evidence = merged.evidence
    result.meta["sources"] = merged.sources


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
