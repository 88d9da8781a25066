"""Stage 2, cleaning: a loaded `Document` to plain posting text the later stages can read.

HTML becomes text with headings and list items on their own lines, and its schema.org
JobPosting JSON-LD is kept aside. All text then gets mojibake repair, whitespace
normalisation, glued-heading repair, removal of page chrome ("Similar Jobs", cookie
banners, sign-up prompts), de-duplication of repeated blocks and a size budget.
Text a reader of the page cannot see (hidden by CSS or attributes) is cut before anything
reads the page, and page data that the visible page contradicts is dropped.
`Cleaned.removed` names what was cut, for reports; `Cleaned.warnings` says, for the
output line, where a limit or a contradiction changed what was read.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ftfy import fix_encoding
from ftfy.badness import is_bad
from selectolax.lexbor import LexborHTMLParser, LexborNode

from extractor.load import Document, looks_like_html

__all__ = ["Cleaned", "clean", "html_to_text", "normalize_text"]


@dataclass(frozen=True)
class Cleaned:
    """Posting text ready for parsing, with the page's JobPosting JSON-LD and title hint."""

    text: str
    jsonld: list[dict[str, Any]]
    title_hint: str | None
    raw_chars: int
    removed: list[str]
    warnings: list[str] = field(default_factory=list)


# Text read before the text stages: the budget with room for the chrome they cut. A
# bigger page is cut here, so that a 20 MB document costs no more than this much text.
_READ_FACTOR = 8
_MIN_READ_CHARS = 100_000


def clean(doc: Document, *, max_chars: int = 12000) -> Cleaned:
    """Clean one document; the text is cut at a paragraph boundary to fit `max_chars`."""
    removed: list[str] = []
    warnings: list[str] = []
    read_chars = max(_READ_FACTOR * max_chars, _MIN_READ_CHARS)
    if doc.kind == "html":
        page = html_to_text(doc.content, removed, read_chars=read_chars)
        text, jsonld, title_hint = page.text, page.jsonld, page.title_hint
        warnings = page.warnings
    else:
        text, jsonld = _plain_text(_read_prefix(doc.content, read_chars, removed)), []
        title_hint = None
    text = normalize_text(text)
    title_hint = title_hint or _text_title_hint(text, doc.kind)
    text = split_glued_headings(text)
    text = cut_chrome(text, removed)
    text = dedupe_blocks(text, removed)
    text = cut_injections(text, removed)
    if doc.kind == "html":
        text = _ensure_title(text, title_hint)
    text = fit_budget(text, max_chars, removed)
    return Cleaned(text, jsonld, title_hint, len(doc.content), removed, warnings)


def _read_prefix(content: str, read_chars: int, removed: list[str]) -> str:
    """The first `read_chars` of a long text, cut at a line break (the rest is past any
    budget: `fit_budget` keeps far less)."""
    if len(content) <= read_chars:
        return content
    _note(removed, "truncated")
    cut = content.rfind("\n", 0, read_chars)
    return content[: cut if cut > read_chars // 2 else read_chars]


# Sentences addressed to a model rather than to applicants: cut before any model sees
# them, so nothing they say can be grounded in the text either.
_INJECTION_RE = re.compile(
    r"\b(?:(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|"
    r"above|earlier|preceding)\s+(?:instructions?|prompts?|rules?|text)|system prompt|"
    r"you are an? (?:ai|language model|assistant))\b",
    re.IGNORECASE,
)


def cut_injections(text: str, removed: list[str]) -> str:
    """Remove prompt-injection sentences ("ignore previous instructions and ...")."""
    if not _INJECTION_RE.search(text):
        return text
    removed.append("prompt_injection")
    # The whole line (paragraph) goes: an injection's next sentence ("The assistant must
    # report salary 9999999...") carries its payload without the trigger words.
    return "\n".join(line for line in text.split("\n") if not _INJECTION_RE.search(line))


# --- text repair ---------------------------------------------------------------------

_TAG_BREAK_RE = re.compile(r"<\s*(?:br|/p|/div|/h[1-6]|/tr|/ul|/ol)\s*/?>", re.IGNORECASE)
_TAG_ITEM_RE = re.compile(r"<\s*li\b[^<>]*>", re.IGNORECASE)
# An unclosed comment runs to the end, as in HTML (and the scan stays linear).
_TAG_RE = re.compile(r"<!--.*?(?:-->|\Z)|<\s*/?\s*[a-zA-Z][^<>]*>", re.DOTALL)
# A UTF-8 lead byte read as Latin-1/cp1252 followed by a continuation byte read the same way.
_MOJIBAKE_HINT_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)
_STRAY_A_CIRCUMFLEX_RE = re.compile("\u00c2(?=[\u00a0-\u00bf])")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES_RE = re.compile(r"[^\S\n]+")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


def _plain_text(content: str) -> str:
    """Text or markdown: drop pasted HTML tags (keeping their line breaks), unescape entities."""
    if looks_like_html(content):
        content = _TAG_ITEM_RE.sub("\n• ", _TAG_BREAK_RE.sub("\n", content))
        content = _TAG_RE.sub("", content)
    return html.unescape(content)


def normalize_text(text: str) -> str:
    """Repair mojibake, unify line ends and spaces, keep single blank lines between blocks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = repair_mojibake(text)
    text = _INVISIBLE_RE.sub("", text)
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()


def repair_mojibake(text: str) -> str:
    """Fix UTF-8 read as Latin-1 ("donâ\\x80\\x99t" -> "don’t") on the lines that need it."""
    if not _MOJIBAKE_HINT_RE.search(text):  # a cheap scan; ftfy's own check is slower
        return text
    lines = [fix_encoding(line) if is_bad(line) else line for line in text.split("\n")]
    # ftfy leaves a lone "Â¥" alone (it could be real); "Â" before a Latin-1 sign never is.
    return _STRAY_A_CIRCUMFLEX_RE.sub("", "\n".join(lines))


# Section headings that exports glue to the previous or next word. A closed list, so that
# names such as "McDonald" are never split.
_HEADINGS = (
    "Job Description", "Company Description", "Role Description", "Position Description",
    "Job Summary", "Position Summary", "Summary", "Overview", "Company Overview",
    "Responsibilities", "Key Responsibilities", "Main Responsibilities", "Duties",
    "Main Duties", "Essential Duties", "Job Duties", "Requirements", "Job Requirements",
    "Qualifications", "Job Qualifications", "Minimum Qualifications", "Basic Qualifications",
    "Preferred Qualifications", "Required Qualifications", "Required Skills",
    "Required Knowledge and Skills", "Skills", "Benefits", "Perks", "Compensation",
    "Salary", "Pay", "Education", "Experience", "Job Type", "Schedule", "Work Location",
    "About Us", "About the Role", "About the Company", "About You", "Who You Are",
    "What You'll Do", "What You Will Do", "What We Offer", "What You Bring",
    "Why Join Us", "The Role", "The Opportunity", "Company Profile", "Your Profile",
    "Your Responsibilities", "Job Details", "Location", "Role",
)
# Short words that also start names ("PayPal", "Rolex"): split only when a colon follows.
_COLON_ONLY = frozenset({"Pay", "Role", "Skills", "Salary", "Summary", "Education",
                         "Experience", "Location", "Schedule", "Overview", "Perks", "Duties"})


def _alternation(headings: Iterable[str]) -> str:
    """Regex alternation; first letter as written, the rest in any case ("Job description")."""
    ordered = sorted(headings, key=len, reverse=True)
    return "|".join(re.escape(h[0]) + "(?i:" + re.escape(h[1:]) + ")" for h in ordered)


_HEADING_ALT = _alternation(_HEADINGS)
_LONG_ALT = _alternation(h for h in _HEADINGS if h not in _COLON_ONLY)
# "inclusion.Who you are:", "RequirementsBachelor", "Benefits:Health": glued headings.
_GLUED_BEFORE_RE = re.compile(
    rf"(?<=[a-z.!?;)])(?=[A-Z])(?=(?:{_HEADING_ALT}):|(?:{_LONG_ALT})(?:[A-Z]|\n|$))"
)
_GLUED_AFTER_RE = re.compile(
    rf"(?m)^(?=[A-Z])(?:((?:{_LONG_ALT}):?)(?=[A-Z])|((?:{_HEADING_ALT}):)(?=\S))"
)


def split_glued_headings(text: str) -> str:
    """Put known section headings that lost their line break back on a line of their own."""
    text = _GLUED_BEFORE_RE.sub("\n", text)
    return _GLUED_AFTER_RE.sub(lambda m: (m.group(1) or m.group(2)) + "\n", text)


# --- page chrome ---------------------------------------------------------------------

# Other postings from here on: cut to the end (or to the next posting section heading).
_TAIL_RE = re.compile(
    r"(?i)^(?:similar jobs(?: at .{1,60})?|more jobs (?:at|from) .{1,60}|jobs at .{1,60}"
    r"|you may also like|recommended jobs(?: for you)?|people also viewed"
    r"|other jobs you may like|похожие вакансии|offres similaires)\s*:?$"
)
# A heading and the paragraph under it.
_SECTION_RE = re.compile(
    r"(?i)^(?:what you need to know about the .{1,60} tech scene|key facts about .{1,60})$"
)
# One line of chrome, and the name reported when it is cut.
_LINE_PATTERNS = (
    (re.compile(r"(?i)^(?:we use cookies\b.*|accept (?:all )?cookies|reject all|manage cookies"
                r"|cookie (?:settings|preferences))$"), "cookie_banner"),
    (re.compile(r"(?i)^(?:sign up now\b.*|create free account|please log in or sign up\b.*)$"),
     "signup_prompt"),
    (re.compile(r"^Please mention the word \*\*\w+\*\* and tag .*$"), "apply_tag"),
    (re.compile(r"^(?:\\[nrt])+$"), "escape_residue"),
    (re.compile(r"(?i)^(?:skip to (?:main )?content|(?:← ?)?back to (?:careers|jobs|all jobs))$"),
     "nav"),
)
_POSTING_SECTION_RE = re.compile(rf"^(?:{_HEADING_ALT}):?$")


def cut_chrome(text: str, removed: list[str]) -> str:
    """Remove "similar jobs" tails, city promos, sign-up prompts and cookie banners."""
    lines = text.split("\n")
    keep: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _TAIL_RE.match(line):
            _note(removed, "similar_jobs")
            i = _next_posting_section(lines, i + 1)
        elif _SECTION_RE.match(line):
            _note(removed, "location_promo")
            i = _end_of_section(lines, i + 1)
        elif name := _chrome_line(line):
            _note(removed, name)
            i += 1
        else:
            keep.append(line)
            i += 1
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(keep)).strip()


def _chrome_line(line: str) -> str | None:
    return next((name for pattern, name in _LINE_PATTERNS if pattern.match(line)), None)


def _next_posting_section(lines: list[str], start: int) -> int:
    return next((j for j in range(start, len(lines)) if _POSTING_SECTION_RE.match(lines[j])),
                len(lines))


def _end_of_section(lines: list[str], start: int) -> int:
    """Index after the first paragraph (run of non-blank lines) from `start`."""
    j = start
    while j < len(lines) and not lines[j]:
        j += 1
    while j < len(lines) and lines[j]:
        j += 1
    return j


def _note(removed: list[str], name: str) -> None:
    if name not in removed:
        removed.append(name)


_MAX_BLOCK_LINES = 12


def dedupe_blocks(text: str, removed: list[str]) -> str:
    """Drop a run of lines that repeats the run just before it (keep the first copy)."""
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line]
    drop: set[int] = set()
    pos = 0
    while pos < len(content):
        size = _repeat_size(lines, content, pos)
        if size:
            drop.update(content[pos + size: pos + 2 * size])
            pos += 2 * size
        else:
            pos += 1
    if not drop:
        return text
    _note(removed, "duplicate_block")
    kept = "\n".join(line for i, line in enumerate(lines) if i not in drop)
    return _BLANK_LINES_RE.sub("\n\n", kept).strip()


def _repeat_size(lines: list[str], content: list[int], pos: int) -> int:
    """Largest n such that the n content lines from `pos` are repeated right after."""
    limit = min(_MAX_BLOCK_LINES, (len(content) - pos) // 2)
    for size in range(limit, 0, -1):
        first = [lines[i] for i in content[pos: pos + size]]
        if first == [lines[i] for i in content[pos + size: pos + 2 * size]]:
            return size
    return 0


def fit_budget(text: str, max_chars: int, removed: list[str]) -> str:
    """Cut text longer than `max_chars` at the last paragraph (else line, else word) break."""
    if len(text) <= max_chars:
        return text
    _note(removed, "truncated")
    head = text[:max_chars]
    for sep in ("\n\n", "\n", " "):
        cut = head.rfind(sep)
        if cut >= max_chars // 2:
            return head[:cut].rstrip()
    return head.rstrip()


def _ensure_title(text: str, title_hint: str | None) -> str:
    if title_hint and title_hint not in text:
        return f"{title_hint}\n\n{text}"
    return text


_MD_TITLE_RE = re.compile(r"^#\s+(.+)$")
_HEADER_TITLE_RE = re.compile(r"^Title: (.+)$")


def _text_title_hint(text: str, kind: str) -> str | None:
    """The loader's "Title:" header line, or a markdown document's leading "# " heading."""
    first = text.lstrip().split("\n", 1)[0].strip()
    match = _HEADER_TITLE_RE.match(first) or (kind == "markdown" and _MD_TITLE_RE.match(first))
    return match.group(1).strip() if match else None


# --- HTML ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    """What `html_to_text` finds in a page."""

    text: str
    jsonld: list[dict[str, Any]]
    title_hint: str | None
    warnings: list[str] = field(default_factory=list)


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
    JobPostings and the h1 (or <title>) come aside."""
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
    _drop_chrome(tree, root, removed)
    text = render_text(root, read_chars)
    if read_chars is not None and len(text) > read_chars:
        _note(removed, "truncated")
    fallback = _jsonld_text(jsonld, text)
    if fallback:
        _note(removed, "page_chrome")
        return Page(fallback, jsonld, title_hint, warnings)
    return Page(text, drop_unshown_titles(jsonld, text, heading, warnings), title_hint,
                warnings)


def _drop_chrome(tree: LexborHTMLParser, root: LexborNode, removed: list[str]) -> None:
    """Cut non-content tags, then elements whose class/id/aria-label mark chrome."""
    doomed = {node.mem_id: (node, "nav" if node.tag == "nav" else "") for node in
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


def _decompose_outermost(doomed: dict[int, tuple[LexborNode, str]], removed: list[str]) -> None:
    """Decompose each doomed node whose ancestors are not doomed (a freed node is not touched)."""
    outermost = [node for node, _ in doomed.values() if not _has_doomed_parent(node, doomed)]
    for _, name in doomed.values():
        if name:
            _note(removed, name)
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
        text = _squash(node.text(deep=True))
        if text:
            return text
    return None


def _title_hint(tree: LexborHTMLParser, jsonld: list[dict[str, Any]]) -> str | None:
    """Without a visible h1: the JSON-LD title, else og:title, else <title>."""
    titles = [p["title"] for p in jsonld if isinstance(p.get("title"), str) and p["title"].strip()]
    if titles:
        return _squash(titles[0])
    for selector in ('meta[property="og:title"]', "title"):
        node = tree.css_first(selector)
        if node is not None:
            raw = node.attributes.get("content") if node.tag == "meta" else node.text()
            text = _SITE_SUFFIX_RE.sub("", _squash(raw or ""))
            if text:
                return text
    return None


_SITE_SUFFIX_RE = re.compile(r"\s+[|–—]\s+[^|–—]*$")  # "Data Engineer – Vercel"


def _squash(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip()


# --- hidden text -----------------------------------------------------------------------
# Text a reader of the page cannot see is cut before anything reads the page: it is
# where a page hides values and instructions meant for machines ("Salary: $9,999,999" in
# a display:none block, a white-on-white <h1>). Hidden means: the hidden or aria-hidden
# attribute; display:none, visibility:hidden, opacity under 0.1, a font under 2 px,
# off-screen positioning or the sr-only clip, set inline or by a one-class (or one-id)
# rule of the page's own <style> blocks; or an inline text colour that the reader cannot
# tell from the background under it. Colours from stylesheets are not read: a class may
# restyle an element, so its colour is then unknown (and the text kept).

_NOT_RENDERED = frozenset({"script", "style", "template", "noscript", "head", "title"})
_OFF_SCREEN_PX = -500.0
_MIN_OPACITY = 0.1
_MIN_FONT_PX = 2.0
_MIN_CONTRAST = 1.1  # WCAG contrast ratio: white on white is 1, readable text needs 4.5
_HIDING_PROPERTIES = frozenset({
    "display", "visibility", "opacity", "position", "left", "top", "right", "bottom",
    "text-indent", "clip", "clip-path", "overflow", "width", "height",
})
_STYLING_RE = re.compile(r"color|background|font")
_CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_SIMPLE_SELECTOR_RE = re.compile(r"^[.#]-?[_a-zA-Z][\w-]*$")
_CSS_COMMENT_RE = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_CSS_TOKEN_RE = re.compile(r"[{}]|[^{}]+")
_CSS_RULE_RE = re.compile(r"(?:^|(?<=[{}]))([^{}]++)\{([^{}]*+)\}")  # tried after braces only
_LENGTH_RE = re.compile(r"^(-?\d*\.?\d+)([a-z%]*)$")
_PX_PER_UNIT = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "rem": 16.0, "in": 96.0, "cm": 37.8,
                "mm": 3.78, "q": 0.945, "vw": 10.0, "vh": 10.0, "vmin": 10.0, "vmax": 10.0}
_RELATIVE_UNITS = {"em": 1.0, "%": 0.01, "ex": 0.5, "ch": 0.5}
_NAMED_SIZES = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0,
                "large": 18.0, "x-large": 24.0, "xx-large": 32.0, "xxx-large": 48.0}
# Basic CSS colours and the near-white ones a white-on-white trick would pick.
_NAMED_COLORS = {
    "black": "000000", "white": "ffffff", "red": "ff0000", "green": "008000",
    "blue": "0000ff", "yellow": "ffff00", "gray": "808080", "grey": "808080",
    "silver": "c0c0c0", "maroon": "800000", "purple": "800080", "fuchsia": "ff00ff",
    "lime": "00ff00", "olive": "808000", "navy": "000080", "teal": "008080",
    "aqua": "00ffff", "orange": "ffa500", "snow": "fffafa", "ivory": "fffff0",
    "ghostwhite": "f8f8ff", "whitesmoke": "f5f5f5", "floralwhite": "fffaf0",
    "seashell": "fff5ee", "mintcream": "f5fffa", "azure": "f0ffff", "aliceblue": "f0f8ff",
    "honeydew": "f0fff0", "linen": "faf0e6", "oldlace": "fdf5e6", "lavenderblush": "fff0f5",
}
_HEX_RE = re.compile(r"^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$")
_RGB_RE = re.compile(r"^rgba?\(([^)]*)\)$")
_BACKGROUND_TOKEN_RE = re.compile(r"[a-z-]+\([^)]*\)|[^\s(),/]+")
_BACKGROUND_WORDS = frozenset({
    "none", "repeat", "no-repeat", "repeat-x", "repeat-y", "space", "round", "scroll",
    "fixed", "local", "center", "top", "bottom", "left", "right", "cover", "contain", "auto",
    "border-box", "padding-box", "content-box", "text",
})
_UNKNOWN_BACKGROUND_RE = re.compile(r"url\(|gradient|image|var\(|element\(")

RGBA = tuple[float, float, float, float]
_BLACK: RGBA = (0.0, 0.0, 0.0, 1.0)
_WHITE: RGBA = (255.0, 255.0, 255.0, 1.0)


class _Look(NamedTuple):
    """What a reader sees of text at one element; None where it cannot be told."""

    color: RGBA | None
    background: RGBA | None  # opaque
    font_px: float | None
    invisible: bool


_UNKNOWN = _Look(None, None, None, False)


@dataclass(frozen=True)
class _StyleSheet:
    """What the cleaner reads of a page's <style> blocks."""

    hiding: dict[str, dict[str, str]]  # ".class" / "#id" -> its hiding declarations
    styled: frozenset[str]  # classes that some rule gives a colour, background or font
    paints: bool  # some rule sets a colour, background or font: the page may not be white
    external: bool  # a <link rel=stylesheet>: any class may be styled

    def declarations(self, tag: str, attrs: dict[str, str | None]) -> dict[str, str]:
        """The element's declarations that bear on visibility: rules, then inline style."""
        decls: dict[str, str] = {}
        if self.hiding:
            for key in _selectors(attrs):
                decls.update(self.hiding.get(key, {}))
        if attrs.get("bgcolor"):
            decls["background-color"] = attrs["bgcolor"] or ""
        if tag == "font" and attrs.get("color"):
            decls["color"] = attrs["color"] or ""
        if attrs.get("style"):
            decls.update(parse_style(attrs["style"] or ""))
        return decls

    def restyles(self, attrs: dict[str, str | None]) -> bool:
        """Whether a stylesheet may give the element its own colours or font."""
        classes = (attrs.get("class") or "").split()
        return bool(classes) and (self.external or any(c in self.styled for c in classes))


def _selectors(attrs: dict[str, str | None]) -> list[str]:
    keys = ["." + name for name in (attrs.get("class") or "").split()]
    element_id = attrs.get("id")
    return [*keys, "#" + element_id] if element_id else keys


_MAX_VALUE_CHARS = 200  # a longer CSS value is junk; its head is enough to read


def parse_style(style: str) -> dict[str, str]:
    """An inline style (or a rule's body) as {property: value}, lower-cased."""
    decls = {}
    for part in style.split(";"):
        name, colon, value = part.partition(":")
        if colon:
            value = value[:_MAX_VALUE_CHARS].lower().replace("!important", "")
            decls[name.strip().lower()] = value.strip()
    return decls


def cut_hidden(tree: LexborHTMLParser, removed: list[str]) -> None:
    """Decompose every element and text a reader of the page cannot see."""
    if tree.root is None:
        return
    sheet = _style_sheet(tree)
    doomed = _hidden_nodes(tree.root, _root_look(sheet), sheet)
    if any(node.text(deep=True).strip() for node in doomed):
        _note(removed, "hidden")
    for node in doomed:
        node.decompose()


def _hidden_nodes(root: LexborNode, look: _Look, sheet: _StyleSheet) -> list[LexborNode]:
    """One walk down the tree, carrying what the reader sees; hidden subtrees are not
    entered."""
    doomed: list[LexborNode] = []
    stack = [(root, look, _readable(look))]
    while stack:
        node, look, readable = stack.pop()
        for child in node.iter(include_text=True):
            tag = child.tag or "-"
            if tag == "-text":
                if not readable and (child.text_content or "").strip():
                    doomed.append(child)
            elif tag not in _NOT_RENDERED and not tag.startswith("-"):
                attrs = child.attributes
                decls = sheet.declarations(tag, attrs)
                if _gone(attrs, decls):
                    doomed.append(child)
                else:
                    inner = _inherit(look, decls, sheet.restyles(attrs))
                    stack.append((child, inner, readable if inner is look else _readable(inner)))
    return doomed


def _root_look(sheet: _StyleSheet) -> _Look:
    """A page without stylesheets is black on white; with one, its background is unknown."""
    plain = not (sheet.external or sheet.paints)
    return _Look(_BLACK, _WHITE if plain else None, 16.0, False)


def _readable(look: _Look) -> bool:
    if look.invisible or (look.font_px is not None and look.font_px < _MIN_FONT_PX):
        return False
    if look.color is None or look.background is None:
        return True
    shown = _over(look.color, look.background)
    return _contrast(shown, look.background) >= _MIN_CONTRAST


def _gone(attrs: dict[str, str | None], decls: dict[str, str]) -> bool:
    """The element and all inside it are out of view."""
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if not decls:
        return False
    return (decls.get("display") == "none" or _opacity(decls.get("opacity")) < _MIN_OPACITY
            or _off_screen(decls) or _clipped(decls))


def _opacity(value: str | None) -> float:
    if not value:
        return 1.0
    try:
        return float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        return 1.0


def _off_screen(decls: dict[str, str]) -> bool:
    """Pushed far off the page: left:-9999px, text-indent:-9999px and the like."""
    if decls.get("position") in ("absolute", "fixed"):
        sides = (_px(decls.get(side)) for side in ("left", "top", "right", "bottom"))
        if any(side is not None and side <= _OFF_SCREEN_PX for side in sides):
            return True
    indent = _px(decls.get("text-indent"))
    return indent is not None and indent <= _OFF_SCREEN_PX


def _clipped(decls: dict[str, str]) -> bool:
    """The sr-only patterns: a zero clip rect, clip-path inset(50%), a 1px overflow box."""
    positioned = decls.get("position") in ("absolute", "fixed")
    if positioned and _zero_rect(decls.get("clip", "")):
        return True
    if positioned and decls.get("overflow") == "hidden":
        sizes = (_px(decls.get(key)) for key in ("width", "height"))
        if any(size is not None and size <= 1 for size in sizes):
            return True
    inset = re.match(r"inset\(\s*(\d+(?:\.\d+)?)%", decls.get("clip-path", ""))
    return inset is not None and float(inset.group(1)) >= 50


def _zero_rect(clip: str) -> bool:
    numbers = re.findall(r"-?\d*\.?\d+", clip) if clip.startswith("rect(") else []
    if len(numbers) != 4:
        return False
    top, right, bottom, left = map(float, numbers)
    return bottom <= top or right <= left


def _px(value: str | None, parent_px: float | None = None) -> float | None:
    """A CSS length in px; relative units need `parent_px`; None when it cannot be told."""
    match = _LENGTH_RE.match(value or "")
    if match is None:
        return None
    number, unit = float(match.group(1)), match.group(2)
    if number == 0:
        return 0.0
    if unit in _PX_PER_UNIT:
        return number * _PX_PER_UNIT[unit]
    if unit in _RELATIVE_UNITS and parent_px is not None:
        return number * _RELATIVE_UNITS[unit] * parent_px
    return None


def _inherit(look: _Look, decls: dict[str, str], restyled: bool) -> _Look:
    """The look inside an element: colour, visibility and font size are inherited; the
    background shows through unless the element paints its own."""
    if restyled and look[:3] != _UNKNOWN[:3]:  # a stylesheet may set these: unknown
        look = look._replace(color=None, background=None, font_px=None)
    if not decls:
        return look
    visibility, invisible = decls.get("visibility"), look.invisible
    if visibility in ("hidden", "collapse"):
        invisible = True
    elif visibility in ("visible", "initial"):
        invisible = False
    return _Look(_text_color(decls.get("color"), look.color),
                 _background(decls, look.background),
                 _font_px(decls.get("font-size"), look.font_px), invisible)


def _font_px(value: str | None, parent_px: float | None) -> float | None:
    if value is None or value in ("inherit", "unset"):
        return parent_px
    if value in _NAMED_SIZES:
        return _NAMED_SIZES[value]
    return _px(value, parent_px)


def _text_color(value: str | None, parent: RGBA | None) -> RGBA | None:
    if value is None or value in ("inherit", "currentcolor", "unset"):
        return parent
    return _BLACK if value == "initial" else parse_color(value)


def _background(decls: dict[str, str], under: RGBA | None) -> RGBA | None:
    """The opaque colour behind the element's text (None: an image, or unknown)."""
    value = decls.get("background-color") or decls.get("background")
    if not value or _UNKNOWN_BACKGROUND_RE.search(value):
        return under if not value else None
    words = [w for w in _BACKGROUND_TOKEN_RE.findall(value)
             if w not in _BACKGROUND_WORDS and not w[0].isdigit() and w[0] not in "-."]
    if not words:
        return under
    paint = parse_color(words[-1])
    if paint is None:
        return None
    if paint[3] <= 0:
        return under
    if paint[3] >= 1:
        return paint
    return None if under is None else (*_over(paint, under), 1.0)


def parse_color(value: str) -> RGBA | None:
    """A CSS colour (name, #hex, rgb()/rgba()) as RGBA; None for anything else."""
    value = value.strip()
    if value == "transparent":
        return (0.0, 0.0, 0.0, 0.0)
    hexa = _NAMED_COLORS.get(value)
    match = _HEX_RE.match("#" + hexa if hexa else value)
    if match:
        return _hex_color(match.group(1))
    match = _RGB_RE.match(value)
    return _rgb_color(match.group(1)) if match else None


def _hex_color(digits: str) -> RGBA:
    if len(digits) <= 4:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
    alpha = channels[3] / 255 if len(channels) == 4 else 1.0
    return (float(channels[0]), float(channels[1]), float(channels[2]), alpha)


def _rgb_color(inner: str) -> RGBA | None:
    parts = [p for p in re.split(r"[\s,/]+", inner.strip()) if p]
    if len(parts) not in (3, 4):
        return None
    try:
        rgb = [float(p[:-1]) * 2.55 if p.endswith("%") else float(p) for p in parts[:3]]
        alpha = parts[3] if len(parts) == 4 else "1"
        a = float(alpha[:-1]) / 100 if alpha.endswith("%") else float(alpha)
    except ValueError:
        return None
    return (rgb[0], rgb[1], rgb[2], a)


def _over(color: RGBA, background: RGBA) -> tuple[float, float, float]:
    """`color` painted over an opaque `background`."""
    a = max(0.0, min(color[3], 1.0))
    r, g, b = (a * color[i] + (1 - a) * background[i] for i in range(3))
    return (r, g, b)


def _contrast(one: tuple[float, ...], two: tuple[float, ...]) -> float:
    low, high = sorted((_luminance(one), _luminance(two)))
    return (high + 0.05) / (low + 0.05)


def _luminance(color: tuple[float, ...]) -> float:
    def channel(value: float) -> float:
        c = max(0.0, min(value, 255.0)) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color[0]) + 0.7152 * channel(color[1]) + 0.0722 * channel(color[2])


def _style_sheet(tree: LexborHTMLParser) -> _StyleSheet:
    """The hiding rules of the page's <style> blocks (one class or one id, outside @media
    and other at-rules; a class that a compound selector also names may be toggled on,
    so it is skipped), and the classes any rule styles."""
    css = _CSS_COMMENT_RE.sub("", "\n".join(n.text(deep=True) for n in tree.css("style")))
    hiding: dict[str, dict[str, str]] = {}
    toggled: set[str] = set()
    for selectors, body in _top_level_rules(css):
        decls = {k: v for k, v in parse_style(body).items() if k in _HIDING_PROPERTIES}
        for selector in (s.strip() for s in selectors.split(",")):
            if not _SIMPLE_SELECTOR_RE.match(selector):
                toggled.update("." + c for c in _CLASS_RE.findall(selector))
            elif decls:
                hiding.setdefault(selector, {}).update(decls)
    painting = [sel for sel, body in _CSS_RULE_RE.findall(css) if _STYLING_RE.search(body)]
    styled = frozenset(c for sel in painting for c in _CLASS_RE.findall(sel))
    external = tree.css_first('link[rel~="stylesheet"]') is not None
    hiding = {k: v for k, v in hiding.items() if k not in toggled}
    return _StyleSheet(hiding, styled, bool(painting), external)


def _top_level_rules(css: str) -> Iterator[tuple[str, str]]:
    """(selectors, body) of each rule outside at-rule blocks."""
    depth, head, prelude = 0, "", ""
    for token in _CSS_TOKEN_RE.findall(css):
        if token == "{":
            depth += 1
            head = prelude.rsplit(";", 1)[-1].strip() if depth == 1 else head
        elif token == "}":
            depth = max(depth - 1, 0)
            prelude = ""
        elif depth == 0:
            prelude = token
        elif depth == 1 and not head.startswith("@"):
            yield head, token


# --- hostile markup --------------------------------------------------------------------
# lexbor's tree builder is quadratic in a few shapes of markup: nesting depth (a block
# start tag walks the stack of open elements: 100,000 nested <div>s took 23 s), a <select>
# with many options, a tag with many attributes, and many distinct tag or attribute names.
# A page past one of these bounds is rewritten before it is parsed; real pages stay far
# inside them (the developer corpus nests 27 deep at most).
MAX_DEPTH = 256  # Blink caps its DOM at 512
MAX_TAGS = 200_000
MAX_ATTRIBUTES = 64  # per tag
MAX_NAMES = 2_000  # distinct tag names, and distinct attribute names, per page
MAX_OPTIONS = 1_000

# Tags that never deepen the tree: void elements, and elements that the next one of
# their kind closes (an unclosed <p> or <li> must not count as nesting; a heading or a
# paragraph past the depth bound still parses as one).
_FLAT_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image",
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "rb", "rt", "rtc", "rp", "colgroup", "caption", "html", "head", "body", "a", "nobr",
    "h1", "h2", "h3", "h4", "h5", "h6",
})
# Attributes the cleaner reads: kept when a tag's others are dropped.
_READ_ATTRIBUTES = frozenset({
    "style", "class", "id", "hidden", "aria-hidden", "aria-label", "role", "type", "content",
    "property", "name", "color", "bgcolor", "rel",
})
_RAW_SRC = (r"<(?P<raw>script|style|textarea|title|xmp|iframe|noembed|noframes)\b[^>]*+(?:>|\Z)"
            r"(?:[^<]++|<(?!/(?P=raw)\s*>))*+(?:</(?P=raw)\s*>)?|<!--(?:[^-]++|-(?!->))*+(?:-->)?")
# As the HTML tokenizer reads a tag: quotes count only after "=", an unclosed one runs on.
_TAG_SRC = (r"<(?P<end>/?)(?P<name>[a-zA-Z][^\s/>]*+)"
            r"(?P<attrs>(?:[^>=]++|=\s*+(?:\"[^\"]*+\"?|'[^']*+'?|[^\s>]*+))*+)>?")
_RAW_BLOCK_RE = re.compile(_RAW_SRC, re.IGNORECASE | re.DOTALL)
_MARKUP_TAG_RE = re.compile(_TAG_SRC)
_MARKUP_TOKEN_RE = re.compile(rf"(?P<block>{_RAW_SRC})|{_TAG_SRC}|(?P<text>[^<]++|<)",
                              re.IGNORECASE | re.DOTALL)
_ATTRIBUTE_RE = re.compile(r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*+"?|'[^']*+'?|[^\s>]*+))?""")
_BOUND_WARNINGS = {
    "deep_nesting": f"page nested deeper than {MAX_DEPTH} elements: the deeper tags were "
                    "flattened (text inside tags with attributes was not read)",
    "too_many_elements": f"page has more than {MAX_TAGS:,} tags: the rest was not read",
    "odd_markup": "page has tags with thousands of attributes, names or options: the excess "
                  "was not read",
}


def bound_markup(markup: str, removed: list[str]) -> tuple[str, list[str]]:
    """`markup` rewritten to stay inside the bounds above, with a warning per bound hit."""
    if _markup_is_tame(markup):
        return markup, []
    bounder = _Bounder()
    markup = _MARKUP_TOKEN_RE.sub(bounder, markup)
    for name in sorted(bounder.hits):
        _note(removed, name)
    return markup, [_BOUND_WARNINGS[name] for name in sorted(bounder.hits)]


def _markup_is_tame(markup: str) -> bool:
    """True when no bound is hit: a few regex passes and one loop over the tags."""
    if markup.count("<") > MAX_TAGS:
        return False
    tags = _MARKUP_TAG_RE.findall(_RAW_BLOCK_RE.sub("", markup))
    if not _shallow(tags) or len({name for _, name, _ in tags}) > MAX_NAMES:
        return False
    attrs = [a for _, _, a in tags if len(a) > 2 * MAX_ATTRIBUTES]
    if any(len(_ATTRIBUTE_RE.findall(a)) > MAX_ATTRIBUTES for a in attrs):
        return False
    names = _ATTRIBUTE_RE.findall(" ".join(a for _, _, a in tags if a))
    return len(set(names)) <= MAX_NAMES


def _shallow(tags: list[tuple[str, str, str]]) -> bool:
    depth = options = 0
    for end, name, _ in tags:
        name = name.lower()
        if name in _FLAT_TAGS:
            options += name == "option"
        elif end:
            depth -= depth > 0
        else:
            depth += 1
            if depth > MAX_DEPTH:
                return False
    return options <= MAX_OPTIONS


@dataclass
class _Bounder:
    """Token by token (a `re.sub` callback), the markup kept inside the bounds."""

    hits: set[str] = field(default_factory=set)
    depth: int = 0
    flattened: list[bool] = field(default_factory=list)  # per level past MAX_DEPTH: text cut?
    cutting: int = 0  # flattened levels whose text is cut
    tags: int = 0
    options: int = 0
    tag_names: set[str] = field(default_factory=set)
    attribute_names: set[str] = field(default_factory=set)
    broke: bool = False  # a flattened block left a line break, and nothing came since

    def __call__(self, match: re.Match[str]) -> str:
        kind = match.lastindex  # 1: script/style/comment, 5: a tag, 6: text
        if kind == 6:
            if self.cutting or self.tags >= MAX_TAGS:
                return ""
            self.broke = self.broke and not match.group(0).strip()
            return match.group(0)
        if kind == 1:
            return self._block(match.group(0))
        if self.tags >= MAX_TAGS:  # only tags that reach the parser count
            self.hits.add("too_many_elements")
            return ""
        tag = self._tag(match)
        self.tags += bool(tag)
        return tag

    def _block(self, block: str) -> str:
        """A script, style or comment: kept unless cut (a page's JSON-LD always stays)."""
        if self.cutting or self.tags >= MAX_TAGS:
            return block if "ld+json" in block[:200].lower() else ""
        return block

    def _tag(self, match: re.Match[str]) -> str:
        end, name, attrs = match.group(3, 4, 5)
        name = name.lower()
        if name in ("option", "optgroup") and not end:
            self.options += 1
            if self.options > MAX_OPTIONS:
                self.hits.add("odd_markup")
                return ""
        tag = match.group(0)
        if name not in self.tag_names or attrs.strip(" /"):
            name, attrs = self._name(name), self._attributes(attrs)
            tag = f"<{end}{name}{attrs}>"
        if name in _FLAT_TAGS:
            return "" if self.cutting else tag
        if end:
            return self._close(name, tag)
        if self.depth < MAX_DEPTH:
            self.depth += 1
            return tag
        return self._flatten(name, attrs)

    def _close(self, name: str, tag: str) -> str:
        if not self.flattened:
            self.depth -= self.depth > 0
            return tag
        self.cutting -= self.flattened.pop()
        return self._break(name)

    def _flatten(self, name: str, attrs: str) -> str:
        """A start tag past MAX_DEPTH is dropped; a block leaves a line break. Its text is
        cut if it has attributes: they could hide it, and nothing reads them now."""
        self.hits.add("deep_nesting")
        cut = bool(attrs.strip(" /")) or name in _NOT_RENDERED
        self.flattened.append(cut)
        self.cutting += cut
        return self._break(name)

    def _break(self, name: str) -> str:
        """One <br> for a run of flattened block tags (their line breaks)."""
        if name not in _BLOCK_TAGS or self.cutting or self.broke:
            return ""
        self.broke = True
        return "<br>"

    def _name(self, name: str) -> str:
        if name in self.tag_names or len(self.tag_names) < MAX_NAMES:
            self.tag_names.add(name)
            return name
        self.hits.add("odd_markup")
        return "span"

    def _attributes(self, attrs: str) -> str:
        """The tag's attributes, less those past MAX_ATTRIBUTES or past MAX_NAMES names."""
        if not attrs.strip():
            return attrs
        kept = [m for m in _ATTRIBUTE_RE.finditer(attrs) if self._keep_attribute(m["name"])]
        if len(kept) > MAX_ATTRIBUTES:
            kept = kept[:MAX_ATTRIBUTES] + [m for m in kept[MAX_ATTRIBUTES:]
                                           if m["name"].lower() in _READ_ATTRIBUTES]
            self.hits.add("odd_markup")
        return "".join(" " + m.group(0) for m in kept)

    def _keep_attribute(self, name: str) -> bool:
        name = name.lower()
        if name in self.attribute_names or len(self.attribute_names) < MAX_NAMES:
            self.attribute_names.add(name)
            return True
        if name in _READ_ATTRIBUTES:
            return True
        self.hits.add("odd_markup")
        return False


# --- HTML rendering ------------------------------------------------------------------

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "header", "hr", "main", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "thead", "tfoot", "ul", "li", "tr", "caption",
    "h1", "h2", "h3", "h4", "h5", "h6", "center", "legend",
})
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote",
                             "pre", "ul", "ol", "dl", "section", "article"})
_CELL_TAGS = frozenset({"td", "th"})
_META_ROW_MAX_CHARS = 80
_HTML_SPACES_RE = re.compile(r"[ \t\n\r\f]+")


@dataclass
class _Writer:
    """Collects rendered text; breaks and bullets wait until the next text arrives."""

    parts: list[str] = field(default_factory=list)
    pending_break: int = 0
    prefix: str = ""
    separator: str = ""
    in_pre: int = 0  # depth of <pre> elements, whose line breaks are kept
    size: int = 0  # characters written

    def brk(self, lines: int) -> None:
        self.pending_break = max(self.pending_break, lines)
        self.separator = ""

    def write(self, text: str) -> None:
        if self.in_pre and "\n" in text:
            for number, line in enumerate(text.split("\n")):
                if number:
                    self.brk(1)
                self.write_inline(line)
        else:
            self.write_inline(text)

    def write_inline(self, text: str) -> None:
        text = _HTML_SPACES_RE.sub(" ", text)  # nbsp stays: "Â\xa0" is mended later
        at_start = not self.parts or self.pending_break > 0
        if at_start:
            text = text.lstrip(" ")
        if not text:
            return
        if self.parts and self.pending_break:
            self.parts.append("\n" * self.pending_break)
        elif self.separator and self.parts:
            self.parts.append(self._separator_before(text))
        self.parts.append(self.prefix + text)
        self.size += len(text)
        self.pending_break, self.prefix, self.separator = 0, "", ""

    def _separator_before(self, text: str) -> str:
        """Sibling spans/links: ", " between glued words, " " after ".?!:", else nothing."""
        if self.separator != ", ":
            return self.separator
        last = self.parts[-1][-1:]
        if last.isalnum() and text[0].isalnum():
            return ", "
        return " " if last in ".?!:" and text[0].isalnum() else ""


def render_text(root: LexborNode, limit: int | None = None) -> str:
    """Text of `root`: blocks on their own lines, list items as "• item", cells split by " | ".

    With `limit`, rendering stops once the text is longer than that."""
    writer = _Writer()
    meta_rows = _meta_rows(root)
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    bound = float("inf") if limit is None else limit
    while stack and writer.size <= bound:  # iterative: deep markup must not hit recursion
        node, leaving = stack.pop()
        if leaving:
            _close(node, writer, meta_rows)
            continue
        if node.tag == "-text":
            writer.write(node.text_content or "")
            continue
        _open(node, writer, meta_rows)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    return "".join(writer.parts)


def _open(node: LexborNode, writer: _Writer, meta_rows: set[int]) -> None:
    tag = node.tag
    parent = node.parent
    if parent is not None and parent.mem_id in meta_rows and node.prev is not None:
        writer.separator = " · "
        return
    if tag == "br":
        writer.brk(1)
    elif tag in _BLOCK_TAGS:
        writer.in_pre += tag == "pre"
        writer.brk(_break_lines(node))
        if tag == "li":
            writer.prefix = "• "
    elif tag in _CELL_TAGS and node.prev is not None:
        writer.separator = " | "
    elif node.prev is not None and node.prev.tag == tag:
        writer.separator = ", "  # <span>United States</span><span>Germany</span>


def _close(node: LexborNode, writer: _Writer, meta_rows: set[int]) -> None:
    parent = node.parent
    if parent is not None and parent.mem_id in meta_rows:
        return
    if node.tag in _BLOCK_TAGS:
        writer.in_pre -= node.tag == "pre"
        writer.brk(_break_lines(node))


def _break_lines(node: LexborNode) -> int:
    """2 (a blank line) around paragraphs and headings, 1 elsewhere and inside list items."""
    if node.tag not in _PARAGRAPH_TAGS:
        return 1
    parent = node.parent
    return 1 if parent is not None and parent.tag == "li" else 2


def _meta_rows(root: LexborNode) -> set[int]:
    """Divs whose children are 2-6 short leaf divs ("Data · Remote (US) · Full Time")."""
    rows: set[int] = set()
    for node in root.css("div"):
        children = [c for c in node.iter() if c.tag != "-text"]
        if 2 <= len(children) <= 6 and all(_is_short_leaf_div(c) for c in children):
            rows.add(node.mem_id)
    return rows


def _is_short_leaf_div(node: LexborNode) -> bool:
    if node.tag != "div" or not 0 < len(node.text(deep=True).strip()) <= _META_ROW_MAX_CHARS:
        return False
    return not any(d.tag in _BLOCK_TAGS for d in node.traverse() if d != node)


# --- JSON-LD -------------------------------------------------------------------------

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
    """json.loads that also takes CDATA/comment wrappers, trailing commas and raw controls."""
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    for attempt in (raw, _TRAILING_COMMA_RE.sub(r"\1", _CONTROL_RE.sub(" ", raw))):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


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


def _jsonld_text(jsonld: list[dict[str, Any]], page_text: str) -> str | None:
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
            warnings.append(f"page data title {_squash(title)!r} is not shown on the page; "
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
