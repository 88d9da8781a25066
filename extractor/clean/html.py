"""A page's visible main text: markup bounded, hidden text and chrome cut, the rest
rendered; its JSON-LD and its title hint come aside."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extractor.clean.bounds import bound_markup
from extractor.clean.hidden import cut_hidden
from extractor.clean.jsonld import drop_unshown_titles, extract_jsonld, jsonld_text
from extractor.clean.render import render_text
from extractor.clean.text import note, squash
from extractor.load import repair_mojibake


@dataclass(frozen=True)
class Page:
    """What `html_to_text` finds in a page."""

    text: str
    jsonld: list[dict[str, Any]]
    title_hint: str | None
    warnings: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, absolute href)


_DROP_SELECTOR = (
    "head, script, style, noscript, svg, template, iframe, object, canvas, nav, form, "
    "button, input, select, textarea, dialog, [hidden], [aria-hidden=true], [role=button], "
    "[role=navigation], [role=dialog], [role=contentinfo]"
)
# class/id/aria-label words that mark chrome, and the name reported when it is cut.
_CHROME_WORDS = {
    "cookie": "cookie_banner", "cookies": "cookie_banner", "consent": "cookie_banner",
    "gdpr": "cookie_banner", "nav": "nav", "navi": "nav", "navbar": "nav",
    "navigation": "nav", "breadcrumb": "nav", "breadcrumbs": "nav", "menu": "nav",
    "skip": "nav", "similar": "similar_jobs", "recommended": "similar_jobs",
    "recommendations": "similar_jobs", "related": "similar_jobs", "banner": "banner",
    "newsletter": "banner", "subscribe": "banner", "modal": "banner", "popup": "banner",
    "overlay": "banner", "footer": "footer", "share": "share", "social": "share",
}
_WORD_SPLIT_RE = re.compile(r"[\s_\-]+")
_BIGGEST_CUT = 0.4  # never cut a "chrome" element holding this share of the text...
_SMALL_CUT_CHARS = 200  # ...unless it is this short


def html_to_text(
    markup: str, removed: list[str] | None = None, *, read_chars: int | None = None
) -> Page:
    """Render a page's visible main text (at most about `read_chars` of it); JSON-LD
    JobPostings, the h1 (or <title>) and the visible links come aside."""
    removed = [] if removed is None else removed
    markup, warnings = bound_markup(markup, removed)
    tree = LexborHTMLParser(markup)
    jsonld = extract_jsonld(tree)
    root = tree.body or tree.root
    if root is None:
        return Page("", jsonld, _title_hint(tree, jsonld), warnings)
    cut_hidden(tree, removed)
    heading = _visible_heading(tree)
    title_hint = heading or _title_hint(tree, jsonld)
    links = _links(tree)
    _drop_chrome(tree, root, removed)
    # repaired here, not only by the text passes: the JSON-LD (repaired as it is read) and
    # the title are compared with this text
    text = repair_mojibake(render_text(root, read_chars))
    if read_chars is not None and len(text) > read_chars:
        note(removed, "truncated")
    fallback = jsonld_text(jsonld, text)
    if fallback:
        note(removed, "page_chrome")
        return Page(fallback, jsonld, title_hint, warnings, links)
    return Page(text, drop_unshown_titles(jsonld, text, heading, warnings), title_hint,
                warnings, links)


_MAX_LINKS = 200
_LINK_TEXT_CHARS = 80
_OTHER_JOBS = frozenset({"similar_jobs", "nav", "footer", "share"})


def _links(tree: LexborHTMLParser) -> list[tuple[str, str]]:
    """The visible links with an absolute http(s) target, as (text, href), in page order.

    Read before chrome is cut (an apply button is often a role=button anchor in a header),
    but not from the blocks about other jobs or the site (similar jobs, nav, footer)."""
    links: list[tuple[str, str]] = []
    for node in tree.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        text = squash(node.text(deep=True))
        if (href.lower().startswith(("http://", "https://")) and 0 < len(text)
                <= _LINK_TEXT_CHARS and not _in_other_jobs(node)):
            links.append((text, href))
            if len(links) >= _MAX_LINKS:
                break
    return links


def _in_other_jobs(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in ("nav", "footer") or _chrome_name(parent) in _OTHER_JOBS:
            return True
        parent = parent.parent
    return False


def _drop_chrome(tree: LexborHTMLParser, root: LexborNode, removed: list[str]) -> None:
    """Cut non-content tags, then elements whose class/id/aria-label mark chrome."""
    doomed: dict[int, tuple[LexborNode, str | None]] = {
        node.mem_id: (node, "nav" if node.tag == "nav" else "") for node in
        tree.css(_DROP_SELECTOR)}
    doomed.update((node.mem_id, (node, node.tag)) for node in tree.css("header, footer")
                  if node.css_first("h1") is None)
    _decompose_outermost(doomed, removed)
    total = max(len(root.text(deep=True)), 1)
    doomed = {}
    for node in tree.css("[class], [id], [aria-label]"):
        name = _chrome_name(node)
        if name and node.css_first("h1") is None and _may_cut(len(node.text()), total):
            doomed[node.mem_id] = (node, name)
    _decompose_outermost(doomed, removed)


def _may_cut(chars: int, total: int) -> bool:
    """A guess from class names may cut small parts of a page, never most of it."""
    return chars <= _SMALL_CUT_CHARS or chars < _BIGGEST_CUT * total


def _decompose_outermost(
    doomed: dict[int, tuple[LexborNode, str | None]], removed: list[str]
) -> None:
    """Decompose each doomed node whose ancestors are not doomed (a freed node is not touched)."""
    outermost = [node for node, _ in doomed.values() if not _has_doomed_parent(node, doomed)]
    for _, name in doomed.values():
        if name:
            note(removed, name)
    for node in outermost:
        node.decompose()


def _has_doomed_parent(node: LexborNode, doomed: dict[int, Any]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in doomed:
            return True
        parent = parent.parent
    return False


def _chrome_name(node: LexborNode) -> str | None:
    attrs = node.attributes
    words = " ".join(attrs.get(k) or "" for k in ("class", "id", "aria-label")).lower()
    for word in _WORD_SPLIT_RE.split(words):
        if word in _CHROME_WORDS:
            return _CHROME_WORDS[word]
    return None


def _visible_heading(tree: LexborHTMLParser) -> str | None:
    """The page's main h1 (inside main/article first); hidden ones are already cut."""
    for node in [*tree.css("main h1, article h1"), *tree.css("h1")]:
        text = squash(repair_mojibake(node.text(deep=True)))
        if text:
            return text
    return None


def _title_hint(tree: LexborHTMLParser, jsonld: list[dict[str, Any]]) -> str | None:
    """Without a visible h1: the JSON-LD title, else og:title, else <title>."""
    titles = [p["title"] for p in jsonld if isinstance(p.get("title"), str) and p["title"].strip()]
    if titles:
        return squash(titles[0])
    for selector in ('meta[property="og:title"]', "title"):
        node = tree.css_first(selector)
        if node is not None:
            raw = node.attributes.get("content") if node.tag == "meta" else node.text()
            text = _SITE_SUFFIX_RE.sub("", squash(repair_mojibake(raw or "")))
            if text:
                return text
    return None


_SITE_SUFFIX_RE = re.compile(r"\s+[|–—]\s+[^|–—]*$")  # "Data Engineer – Vercel"
