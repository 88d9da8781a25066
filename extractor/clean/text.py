"""The text passes of cleaning: plain text, repairs, page chrome, repeats and the budget.

Each pass takes text and returns text; a pass that cuts something names it in
``removed`` (``note``), for reports.
"""

from __future__ import annotations

import html
import re
import string
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate

from extractor.clean.headings import COLON_ONLY, GLUED_HEADINGS, SECTION_HEADINGS, TAIL_RE
from extractor.load import looks_like_html, repair_mojibake


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
    # a job board's anti-spam line, appended after the employer's HTML (in a list item
    # when that HTML leaves one open)
    (re.compile(r"^(?:[•·*\-–][ \t]*)?Please mention the word \*\*\w+\*\* and tag .*$"),
     "apply_tag"),
    (re.compile(r"^(?:\\[nrt])+$"), "escape_residue"),
    (re.compile(r"(?i)^(?:skip to (?:main )?content|(?:← ?)?back to (?:careers|jobs|all jobs))$"),
     "nav"),
)
_POSTING_SECTION_RE = re.compile(rf"^(?:{_HEADING_ALT}):?$")
# A section heading of the posting in any language the vocabulary knows, as a whole line
# ("Requisitos:", "## Обязанности"); or any short label line ending in a colon that is
# not an API key ("岗位职责：", "Was wir bieten:", not "empresa:").
_ANY_SECTION_RE = re.compile(
    r"(?i)^(?:#{1,6}[ \t]+)?(?:\*\*)?(?:"
    + "|".join(p for phrases in SECTION_HEADINGS.values() for p in phrases)
    + r")(?:\*\*)?[ \t]*\??[ \t]*[:：]?(?:\*\*)?$"
)
_LABEL_LINE_RE = re.compile(r"^(?![a-z•·*#>\-–—\d])[^\s:：][^:：\n]{0,38}[:：]$")
# The posting's own title on a line: a markdown level-one heading or a labelled title.
_TITLE_LINE_RE = re.compile(
    r"^(?:#[ \t]+\S|(?:Title|Job [Tt]itle|Position|Cargo|Vaga|Puesto|Título del puesto"
    r"|Intitulé du poste|Poste|Stellenbezeichnung|Jobtitel|Stelle|职位名称|岗位名称|职位"
    r"|Должность|Вакансия|Название вакансии)[ \t]*[:：][ \t]*\S)"
)
_SENTENCE_END = ".!?;。！？；"
# Fewer lines and less text than this above a tail, none of them a posting's: the page top.
_TOP_LINES = 4
_TOP_CHARS = 300


def cut_chrome(text: str, removed: list[str], title: str | None = None) -> str:
    """Remove "similar jobs" blocks, city promos, sign-up prompts and cookie banners.

    `title` is the posting's title where the page names it (its h1): a block of other
    postings above it ends there."""
    lines = text.split("\n")
    page = _Page(lines, title) if TAIL_RE.search(text) else None
    keep: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if page is not None and page.tail[i]:  # other postings: cut to where they end
            note(removed, "similar_jobs")
            i = page.block_end(i + 1)
        elif _SECTION_RE.match(line):
            note(removed, "location_promo")
            i = _end_of_section(lines, i + 1)
        elif name := _chrome_line(line):
            note(removed, name)
            i += 1
        else:
            keep.append(line)
            if page is not None:
                page.kept(i)
            i += 1
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(keep)).strip()


def _chrome_line(line: str) -> str | None:
    return next((name for pattern, name in _LINE_PATTERNS if pattern.match(line)), None)


class _Page:
    """A page's lines as the rules for blocks of other postings read them, each line
    classified once, so that a page of a thousand tail lines costs no more than one.

    A block below the posting (its title, or a posting, kept above the tail line) runs to
    the next posting section, else to the end. Above the posting it ends at the
    posting's own title line (with a posting above, only the page's own title counts),
    else where the posting visibly starts (a section, a paragraph of prose), and never
    takes most of what follows it."""

    def __init__(self, lines: list[str], title: str | None) -> None:
        self.size = len(lines)
        self.tail = [bool(TAIL_RE.match(line)) for line in lines]
        self.hints = [j for j, line in enumerate(lines) if _is_hint(line, title)]
        self.title = [bool(_TITLE_LINE_RE.match(line)) for line in lines]
        for j in self.hints:
            self.title[j] = True
        self.titles = [j for j, is_title in enumerate(self.title) if is_title]
        section = [not self.tail[j] and _is_section(line) for j, line in enumerate(lines)]
        prose = [_is_prose(line) for line in lines]
        self.posting_mark = [section[j] or prose[j] for j in range(self.size)]
        self.next_section, self.next_prose = _next_index(section), _next_index(prose)
        self.next_blank = _next_index([not line for line in lines])
        self.next_content = _next_index([bool(line) for line in lines])
        self.last_blank = _last_blank(lines)
        self.chars = list(accumulate((len(line) for line in lines), initial=0))
        self.above_lines = self.above_chars = 0  # what the lines kept so far hold
        self.title_above = self.mark_above = False

    def kept(self, j: int) -> None:
        """Line `j` is kept: it is above any tail line met from now on."""
        length = self.chars[j + 1] - self.chars[j]
        self.above_lines += length > 0
        self.above_chars += length
        self.title_above |= self.title[j]
        self.mark_above |= self.posting_mark[j]

    def block_end(self, start: int) -> int:
        """Index where the block of other postings whose cards start at `start` ends."""
        stop = self.next_section[start]
        if self.title_above:
            return stop
        posting_above = (self.above_lines >= _TOP_LINES or self.above_chars >= _TOP_CHARS
                         or self.mark_above)
        own_title = self._title_line(start, stop, self.hints if posting_above else self.titles)
        if own_title is not None:
            return own_title
        if posting_above:
            return stop
        return self._top_block_end(start, stop, page_top=self.above_lines == 0)

    def _title_line(self, start: int, stop: int, titles: list[int]) -> int | None:
        """The last title line before the posting's first section (a card may share the
        title; the posting's own comes last), or the first one when no section follows."""
        low, high = bisect_left(titles, start), bisect_left(titles, stop)
        if low == high:
            return None
        return titles[high - 1] if stop < self.size else titles[low]

    def _top_block_end(self, start: int, stop: int, page_top: bool) -> int:
        """Where cards above the posting end: the paragraph where prose starts, else the
        first section. Else the cards run to the end, unless they open the page
        (`page_top`): then a posting follows them. Never most of what follows: then only
        the first card, or none when that one paragraph is most of it."""
        prose = min(self.next_prose[start], stop)
        if prose == self.size and not page_top:
            return prose
        end = self._paragraph_start(start, prose) if prose < self.size else prose
        first_card = self.next_blank[self.next_content[start]]
        rest = self.chars[self.size] - self.chars[start]
        return next((cut for cut in (end, first_card)
                     if 2 * (self.chars[cut] - self.chars[start]) <= rest), start)

    def _paragraph_start(self, start: int, j: int) -> int:
        """The first line of the paragraph holding line `j`, if a blank line after `start`
        bounds it; else `j` itself (cards without blank lines between them)."""
        first = max(self.last_blank[j] + 1, start)
        return first if first > start else j


def _is_section(line: str) -> bool:
    """A heading of the posting; never a lower-case API key ("location:", "skills:")."""
    if not line or line[0] in string.ascii_lowercase:
        return False
    return bool(_POSTING_SECTION_RE.match(line) or _ANY_SECTION_RE.match(line)
                or _LABEL_LINE_RE.match(line))


def _is_hint(line: str, title: str | None) -> bool:
    """The page's own title (its h1) on a line of its own."""
    return bool(title and line) and squash(line).casefold() == squash(title or "").casefold()


def _is_prose(line: str) -> bool:
    """A line of running text, not a card's title, company, place, pay or date."""
    width = len(line) + sum(char >= "\u2e80" for char in line)  # CJK characters count twice
    return width >= 100 or (width >= 40 and line.rstrip()[-1:] in _SENTENCE_END)


def _next_index(flags: list[bool]) -> list[int]:
    """For each index (and one past the end): the first flagged index at or after it,
    else the length."""
    found = [len(flags)] * (len(flags) + 1)
    for j in range(len(flags) - 1, -1, -1):
        found[j] = j if flags[j] else found[j + 1]
    return found


def _last_blank(lines: list[str]) -> list[int]:
    """For each index (and one past the end): the last blank line before it, else -1."""
    found = [-1] * (len(lines) + 1)
    for j, line in enumerate(lines):
        found[j + 1] = found[j] if line else j
    return found


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
