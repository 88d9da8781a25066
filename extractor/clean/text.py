"""The text passes of cleaning: plain text, repairs, page chrome, repeats and the budget.

Each pass takes text and returns text; a pass that cuts something names it in
``removed`` (``note``), for reports.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ftfy import fix_encoding
from ftfy.badness import is_bad

from extractor.clean.headings import COLON_ONLY, GLUED_HEADINGS, TAIL_RE
from extractor.load import looks_like_html


def read_prefix(content: str, read_chars: int, removed: list[str]) -> str:
    """The first `read_chars` of a long text, cut at a line break (the rest is past any
    budget: `fit_budget` keeps far less)."""
    if len(content) <= read_chars:
        return content
    note(removed, "truncated")
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
    # Cyrillic UTF-8 read as cp1251: "Р"/"С" (a lead byte) before a continuation byte's
    # cp1251 sign ("РЎРёСЃ..." for "Сис..."); Russian spells no such pair
    "|[\u0420\u0421][\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030"
    "\u0409\u2039\u040a\u040c\u040b\u040f\u0452\u2018\u2019\u201c\u201d\u2022\u2013"
    "\u2014\u2122\u0459\u203a\u045a\u045c\u045b\u045f\u040e\u045e\u0408\u00a4\u0490"
    "\u00a6\u00a7\u0401\u00a9\u0404\u00ab\u00ac\u00ae\u0407\u00b0\u00b1\u0406\u0456"
    "\u0491\u00b5\u00b6\u00b7\u0451\u2116\u0454\u00bb\u0458\u0405\u0455\u0457]"
)
_STRAY_A_CIRCUMFLEX_RE = re.compile("\u00c2(?=[\u00a0-\u00bf])")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES_RE = re.compile(r"[^\S\n]+")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


def plain_text(content: str) -> str:
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


def squash(text: str) -> str:
    """Runs of spaces (not line breaks) as one space, the ends trimmed."""
    return _SPACES_RE.sub(" ", text).strip()


def repair_mojibake(text: str) -> str:
    """Fix UTF-8 read as Latin-1 ("donâ\\x80\\x99t" -> "don’t") on the lines that need it."""
    if not _MOJIBAKE_HINT_RE.search(text):  # a cheap scan; ftfy's own check is slower
        return text
    lines = [fix_encoding(line) if is_bad(line) else line for line in text.split("\n")]
    # ftfy leaves a lone "Â¥" alone (it could be real); "Â" before a Latin-1 sign never is.
    return _STRAY_A_CIRCUMFLEX_RE.sub("", "\n".join(lines))


def _alternation(headings: Iterable[str]) -> str:
    """Regex alternation; first letter as written, the rest in any case ("Job description")."""
    ordered = sorted(headings, key=len, reverse=True)
    return "|".join(re.escape(h[0]) + "(?i:" + re.escape(h[1:]) + ")" for h in ordered)


_HEADING_ALT = _alternation(GLUED_HEADINGS)
_LONG_ALT = _alternation(h for h in GLUED_HEADINGS if h not in COLON_ONLY)
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


def cut_chrome(text: str, removed: list[str], title: str | None = None) -> str:
    """Remove "similar jobs" tails, city promos, sign-up prompts and cookie banners. A block
    of other postings ends at the next posting section, or at the posting's own ``title``
    line when the block comes before it (boards that list similar jobs first)."""
    lines = text.split("\n")
    keep: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if TAIL_RE.match(line):  # other postings: cut to the next posting section
            note(removed, "similar_jobs")
            i = _next_posting_section(lines, i + 1, title)
        elif _SECTION_RE.match(line):
            note(removed, "location_promo")
            i = _end_of_section(lines, i + 1)
        elif name := _chrome_line(line):
            note(removed, name)
            i += 1
        else:
            keep.append(line)
            i += 1
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(keep)).strip()


def _chrome_line(line: str) -> str | None:
    return next((name for pattern, name in _LINE_PATTERNS if pattern.match(line)), None)


def _next_posting_section(lines: list[str], start: int, title: str | None = None) -> int:
    own = title.strip() if title else None
    return next((j for j in range(start, len(lines)) if _POSTING_SECTION_RE.match(lines[j])
                 or own and lines[j].strip() == own), len(lines))


def _end_of_section(lines: list[str], start: int) -> int:
    """Index after the first paragraph (run of non-blank lines) from `start`."""
    j = start
    while j < len(lines) and not lines[j]:
        j += 1
    while j < len(lines) and lines[j]:
        j += 1
    return j


def note(removed: list[str], name: str) -> None:
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
    note(removed, "duplicate_block")
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
    note(removed, "truncated")
    head = text[:max_chars]
    for sep in ("\n\n", "\n", " "):
        cut = head.rfind(sep)
        if cut >= max_chars // 2:
            return head[:cut].rstrip()
    return head.rstrip()


def ensure_title(text: str, title_hint: str | None) -> str:
    if title_hint and title_hint not in text:
        return f"{title_hint}\n\n{text}"
    return text


_MD_TITLE_RE = re.compile(r"^#\s+(.+)$")
_HEADER_TITLE_RE = re.compile(r"^Title: (.+)$")


def text_title_hint(text: str, kind: str) -> str | None:
    """The loader's "Title:" header line, or a markdown document's leading "# " heading."""
    first = text.lstrip().split("\n", 1)[0].strip()
    match = _HEADER_TITLE_RE.match(first) or (kind == "markdown" and _MD_TITLE_RE.match(first))
    return match.group(1).strip() if match else None
