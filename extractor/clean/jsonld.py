"""A page's schema.org JobPosting JSON-LD: read loosely, shown as text when the page hides
its description, and trusted only where the visible page agrees."""

from __future__ import annotations

import html
import json
import re
from collections import deque
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from extractor.clean.bounds import bound_markup
from extractor.clean.hidden import cut_hidden
from extractor.clean.render import render_text
from extractor.clean.text import normalize_text, squash
from extractor.load import repair_mojibake

_TRAILING_COMMA_RE = re.compile(r",\s*([}\]])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def extract_jsonld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """schema.org JobPosting objects from the page's ld+json scripts (lists, @graph, nested)."""
    postings: list[dict[str, Any]] = []
    for node in tree.css('script[type="application/ld+json"]'):
        value = _parse_loose_json(node.text(deep=True))
        postings.extend(_job_postings(value))
    return postings


def _parse_loose_json(raw: str) -> Any:
    """json.loads that also takes CDATA/comment wrappers, trailing commas and raw controls;
    string values come with their mojibake repaired, as the page text does."""
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    for attempt in (raw, _TRAILING_COMMA_RE.sub(r"\1", _CONTROL_RE.sub(" ", raw))):
        try:
            return json.loads(attempt, strict=False, object_pairs_hook=_repaired_object)
        except (ValueError, RecursionError):
            continue
    return None


def _repaired_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return {key: _repaired_value(value) for key, value in pairs}


def _repaired_value(value: Any) -> Any:
    if isinstance(value, str):
        return repair_mojibake(value)
    if isinstance(value, list):
        return [repair_mojibake(item) if isinstance(item, str) else item for item in value]
    return value


def _job_postings(value: Any) -> Iterator[dict[str, Any]]:
    queue: deque[Any] = deque([value])
    while queue:
        item = queue.popleft()
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if "JobPosting" in types:
                yield item
            else:
                queue.extend(v for v in item.values() if isinstance(v, dict | list))


_MIN_JSONLD_CHARS = 200
_SHOWN_SHARE = 0.6
_WORD_RE = re.compile(r"\w{4,}")


def jsonld_text(jsonld: list[dict[str, Any]], page_text: str) -> str | None:
    """The JSON-LD posting as text, when the page text does not show its description."""
    posting = next((p for p in jsonld if isinstance(p.get("description"), str)), None)
    if posting is None:
        return None
    body = normalize_text(render_text_from_html(posting["description"]))
    if len(body) < _MIN_JSONLD_CHARS or _shown_share(body, page_text) >= _SHOWN_SHARE:
        return None
    return "\n".join(_jsonld_header(posting) + ["", body])


def drop_unshown_titles(
    jsonld: list[dict[str, Any]], text: str, heading: str | None, warnings: list[str]
) -> list[dict[str, Any]]:
    """Page data loses to the visible page: a JSON-LD title that the page text does not
    show, and that differs from the page's visible heading, is dropped (with a warning)."""
    if not heading:
        return jsonld
    shown = f" {_words(text)} "
    kept = []
    for posting in jsonld:
        title = posting.get("title")
        if isinstance(title, str) and not _title_agrees(title, heading, shown):
            warnings.append(f"page data title {squash(title)!r} is not shown on the page; "
                            f"the visible heading {heading!r} is used")
            posting = {key: value for key, value in posting.items() if key != "title"}
        kept.append(posting)
    return kept


def _title_agrees(title: str, heading: str, shown: str) -> bool:
    """Shown in the text, or one of title and heading holds the other ("Nurse (m/w/d)")."""
    words, head = f" {_words(title)} ", f" {_words(heading)} "
    return not words.strip() or words in shown or words in head or head in words


def _words(text: str) -> str:
    return " ".join(_ANY_WORD_RE.findall(html.unescape(text).casefold()))


_ANY_WORD_RE = re.compile(r"\w+")


def _shown_share(body: str, page_text: str) -> float:
    """Share of the description's distinct words (4+ letters) that the page text shows."""
    wanted = set(_WORD_RE.findall(body.lower()))
    shown = set(_WORD_RE.findall(page_text.lower()))
    return len(wanted & shown) / max(len(wanted), 1)


def render_text_from_html(markup: str) -> str:
    """Render an HTML fragment (a JSON-LD description) to text, bounded and without the
    text it hides, as a page is."""
    tree = LexborHTMLParser(bound_markup(markup, [])[0])
    cut_hidden(tree, [])
    root = tree.body or tree.root
    return render_text(root) if root is not None else ""


def _jsonld_header(posting: dict[str, Any]) -> list[str]:
    lines = []
    if isinstance(posting.get("title"), str):
        lines.append(posting["title"])
    org = posting.get("hiringOrganization")
    if isinstance(org, dict) and isinstance(org.get("name"), str):
        lines.append(f"Company: {org['name']}")
    location = _jsonld_location(posting.get("jobLocation"))
    if location:
        lines.append(f"Location: {location}")
    return lines


def _jsonld_location(value: Any) -> str:
    places = value if isinstance(value, list) else [value]
    names = []
    for place in places:
        address = place.get("address") if isinstance(place, dict) else None
        if isinstance(address, dict):
            keys = ("addressLocality", "addressRegion", "addressCountry")
            parts = [address.get(k) for k in keys]
            names.append(", ".join(p for p in parts if isinstance(p, str) and p))
    return "; ".join(n for n in names if n)
