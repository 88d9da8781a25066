"""Stage 2, cleaning: a loaded `Document` to plain posting text the later stages can read.

HTML becomes text with headings and list items on their own lines, and its schema.org
JobPosting JSON-LD is kept aside. All text then gets mojibake repair, whitespace
normalisation, glued-heading repair, removal of page chrome ("Similar Jobs", cookie
banners, sign-up prompts), de-duplication of repeated blocks and a size budget.
Text a reader of the page cannot see (hidden by CSS or attributes) is cut before anything
reads the page, and page data that the visible page contradicts is dropped.
`Cleaned.removed` names what was cut, for reports; `Cleaned.warnings` says, for the
output line, where a limit or a contradiction changed what was read.

    headings.py   the heading vocabulary and the tail of other postings (``TAIL_RE``)
    text.py       the text passes: plain text, repairs, chrome, repeats, the budget
    html.py       a page's visible main text (bounds, hidden text, chrome, rendering)
    bounds.py     hostile markup rewritten inside the parser's bounds
    hidden.py     what a reader of the page cannot see
    render.py     a parsed page as text
    jsonld.py     the page's JobPosting JSON-LD
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.clean.bounds import MAX_DEPTH, MAX_TAGS
from extractor.clean.html import html_to_text
from extractor.clean.text import (
    cut_chrome,
    cut_injections,
    dedupe_blocks,
    ensure_title,
    fit_budget,
    normalize_text,
    plain_text,
    read_prefix,
    split_glued_headings,
    text_title_hint,
)
from extractor.load import Document

__all__ = [
    "MAX_DEPTH", "MAX_TAGS", "Cleaned", "clean", "cut_chrome", "html_to_text", "normalize_text",
    "split_glued_headings",
]


@dataclass(frozen=True)
class Cleaned:
    """Posting text ready for parsing, with the page's JobPosting JSON-LD, title hint and
    visible links (text, absolute href) aside."""

    text: str
    jsonld: list[dict[str, Any]]
    title_hint: str | None
    raw_chars: int
    removed: list[str]
    warnings: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


# Text read before the text stages: the budget with room for the chrome they cut. A
# bigger page is cut here, so that a 20 MB document costs no more than this much text.
_READ_FACTOR = 8
_MIN_READ_CHARS = 100_000


def clean(doc: Document, *, max_chars: int = 12000) -> Cleaned:
    """Clean one document; the text is cut at a paragraph boundary to fit `max_chars`."""
    removed: list[str] = []
    warnings: list[str] = []
    links: list[tuple[str, str]] = []
    read_chars = max(_READ_FACTOR * max_chars, _MIN_READ_CHARS)
    if doc.kind == "html":
        page = html_to_text(doc.content, removed, read_chars=read_chars)
        text, jsonld, title_hint = page.text, page.jsonld, page.title_hint
        warnings, links = page.warnings, page.links
    else:
        text, jsonld = plain_text(read_prefix(doc.content, read_chars, removed)), []
        title_hint = None
    text = normalize_text(text)
    title_hint = title_hint or text_title_hint(text, doc.kind)
    text = split_glued_headings(text)
    text = cut_chrome(text, removed, title_hint)
    text = dedupe_blocks(text, removed)
    text = cut_injections(text, removed)
    if doc.kind == "html":
        text = ensure_title(text, title_hint)
    text = fit_budget(text, max_chars, removed)
    if not text:
        warnings.append(_nothing_left(doc, removed))
    return Cleaned(text, jsonld, title_hint, len(doc.content), removed, warnings, links)


def _nothing_left(doc: Document, removed: list[str]) -> str:
    """The warning for a document that cleans to no text: all of it chrome, or hidden."""
    cut = f" (cut: {', '.join(removed)})" if removed else ""
    row = "; --text-field names the row's column that holds it" if doc.fields else ""
    return (f"no posting text is left after cleaning{cut}: check that the input holds the "
            f"posting{row}")
