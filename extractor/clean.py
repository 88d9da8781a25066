"""Stage 2, cleaning: a loaded `Document` to plain posting text the later stages can read.

HTML becomes text with headings and list items on their own lines, and its schema.org
JobPosting JSON-LD is kept aside. All text then gets mojibake repair, whitespace
normalisation, glued-heading repair, removal of page chrome ("Similar Jobs", cookie
banners, sign-up prompts), de-duplication of repeated blocks and a size budget.
`Cleaned.removed` names what was cut, for reports.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

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


def clean(doc: Document, *, max_chars: int = 12000) -> Cleaned:
    """Clean one document; the text is cut at a paragraph boundary to fit `max_chars`."""
    removed: list[str] = []
    if doc.kind == "html":
        page = html_to_text(doc.content, removed)
        text, jsonld, title_hint = page.text, page.jsonld, page.title_hint
    else:
        text, jsonld = _plain_text(doc.content), []
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
    return Cleaned(text, jsonld, title_hint, len(doc.content), removed)


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
_TAG_ITEM_RE = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_TAG_RE = re.compile(r"<!--.*?-->|<\s*/?\s*[a-zA-Z][^<>]*>", re.DOTALL)
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
_DISPLAY_NONE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WORD_SPLIT_RE = re.compile(r"[\s_\-]+")
_BIGGEST_CUT = 0.4  # never cut a "chrome" element holding this share of the text...
_SMALL_CUT_CHARS = 200  # ...unless it is this short


def html_to_text(markup: str, removed: list[str] | None = None) -> Page:
    """Render a page's main text; JSON-LD JobPostings and the h1 (or <title>) come aside."""
    removed = [] if removed is None else removed
    tree = LexborHTMLParser(markup)
    jsonld = extract_jsonld(tree)
    title_hint = _title_hint(tree, jsonld)
    root = tree.body or tree.root
    if root is None:
        return Page("", jsonld, title_hint)
    _drop_chrome(tree, root, removed)
    text = render_text(root)
    fallback = _jsonld_text(jsonld, text)
    if fallback:
        _note(removed, "page_chrome")
        text = fallback
    return Page(text, jsonld, title_hint)


def _drop_chrome(tree: LexborHTMLParser, root: LexborNode, removed: list[str]) -> None:
    """Cut non-content tags, then elements whose class/id/aria-label/style mark chrome."""
    doomed = {node.mem_id: (node, "nav" if node.tag == "nav" else "") for node in
              tree.css(_DROP_SELECTOR)}
    doomed.update((node.mem_id, (node, node.tag)) for node in tree.css("header, footer")
                  if node.css_first("h1") is None)
    _decompose_outermost(doomed, removed)
    total = max(len(root.text(deep=True)), 1)
    doomed = {}
    for node in tree.css("[class], [id], [aria-label], [style]"):
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
    if _DISPLAY_NONE_RE.search(attrs.get("style") or ""):
        return "hidden"
    words = " ".join(attrs.get(k) or "" for k in ("class", "id", "aria-label")).lower()
    for word in _WORD_SPLIT_RE.split(words):
        if word in _CHROME_WORDS:
            return _CHROME_WORDS[word]
    return None


def _title_hint(tree: LexborHTMLParser, jsonld: list[dict[str, Any]]) -> str | None:
    """The main h1 (inside main/article first), else the JSON-LD title, og:title, <title>."""
    for node in [*tree.css("main h1, article h1"), *tree.css("h1")]:
        text = _squash(node.text(deep=True))
        if text:
            return text
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
        self.pending_break, self.prefix, self.separator = 0, "", ""

    def _separator_before(self, text: str) -> str:
        """Sibling spans/links: ", " between glued words, " " after ".?!:", else nothing."""
        if self.separator != ", ":
            return self.separator
        last = self.parts[-1][-1:]
        if last.isalnum() and text[0].isalnum():
            return ", "
        return " " if last in ".?!:" and text[0].isalnum() else ""


def render_text(root: LexborNode) -> str:
    """Text of `root`: blocks on their own lines, list items as "• item", cells split by " | "."""
    writer = _Writer()
    meta_rows = _meta_rows(root)
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:  # iterative: deeply nested markup must not hit the recursion limit
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


def _shown_share(body: str, page_text: str) -> float:
    """Share of the description's distinct words (4+ letters) that the page text shows."""
    wanted = set(_WORD_RE.findall(body.lower()))
    shown = set(_WORD_RE.findall(page_text.lower()))
    return len(wanted & shown) / max(len(wanted), 1)


def render_text_from_html(markup: str) -> str:
    """Render an HTML fragment (a JSON-LD description) to text."""
    tree = LexborHTMLParser(markup)
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
