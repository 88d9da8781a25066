"""Bulleted sections: responsibilities, requirements, preferred qualifications, benefits.

A section starts at a known heading (``clean.headings.SECTION_HEADINGS``:
"Responsibilities", "What you'll bring", "REQUIRED QUALIFICATIONS:", "Profil recherché",
"Обязанности") written on its own line, at the start of a line before a colon or glued
text ("QualificationsCurrently pursuing…"), or mid-line after a sentence end with a
colon ("…benefits.Qualifications:"). It ends at the next heading of any kind, an
ALL-CAPS label, a blank line after plain (unbulleted) lines, or a plain line after
bulleted ones. Items are one per bullet or line; hard-wrapped lines are joined; glued
items ("editorsSet up…", "networks.Support…") are split. Each item is at most 300
characters (cut at a sentence end) and a section keeps at most 20.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from extractor.clean.headings import COMPANY_HEADINGS, SECTION_HEADINGS
from extractor.parse.base import Found

MAX_ITEM = 300
MAX_ITEMS = 20
KEYS: tuple[str, ...] = ("responsibilities", "requirements", "preferred_qualifications",
                         "benefits")


# what may follow a heading phrase: ":" or " - ", the line end, glued text
# ("QualificationsCurrently") or a short lead-in ending the line with ":" ("Requirements
# for this role:")
_HEAD_END = (r"(?=\**[ \t]*(?:\([^()\n]{0,60}\))?[ \t]*\??[ \t]*(?:[:：]|[ \t]+[-–—][ \t]+|\s*$)"
             r"|(?-i:(?<=[a-zа-яё])[A-ZА-ЯЁ])|[^:\n]{0,60}:[ \t]*$)")


def _phrase_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every heading phrase, each in a named group, then ``_HEAD_END``."""
    phrases = [(p, k) for k, ps in SECTION_HEADINGS.items() for p in ps]
    groups = {f"h{i}": k for i, (_, k) in enumerate(phrases)}
    body = "|".join(f"(?P<h{i}>{p})" for i, (p, _) in enumerate(phrases))
    return re.compile(f"(?:{body}){_HEAD_END}", re.IGNORECASE), groups


_PHRASE, _GROUP_KEY = _phrase_table()
_COMPANY = re.compile(f"(?:{'|'.join(COMPANY_HEADINGS)}){_HEAD_END}", re.IGNORECASE)
# what may stand before a heading: marks, bullets, a number, an emoji ("🌎 About us")
_LEAD = re.compile(r"[ \t]*(?:[#*_•▪●■◦\-–—>\u2600-\u27bf\U0001f300-\U0001faff\ufe0f]+[ \t]*)?"
                   r"(?:\d{1,2}[.)][ \t]*)?\**")
_AFTER = re.compile(r"\**[ \t]*(?:\([^()\n]{0,60}\))?[ \t]*\??[ \t]*"
                    r"(?P<sep>[:：]+|[ \t]+[-–—][ \t]+)?[ \t]*")
_MIDLINE = re.compile(r"(?:(?<=[.!?;)\]])[ \t]*|(?<=[a-zа-яё]))(?=[A-ZА-ЯЁ])")
_COLON = re.compile(r"[ \t]*:")
_LINE = re.compile(r"(?m)^[^\n]*$")
_INLINE_BULLET = re.compile(r"(?<=\S)[ \t]*(?=[•·▪●])|(?<=\S)[ \t]+(?=[◦■*]\s)")
# a line that ends any section: legal boilerplate, board footers, tags
_STOP_LINE = re.compile(r"(?i)equal (?:employment )?opportunit|\bEEO\b(?!-)|"
                        r"do(?:es)? not discriminat|please mention the word|(?m:^\s*#\w)|"
                        r"\bE-Verify\b")
_JUNK_ITEM = re.compile(r"(?i)(?:and|or|and/or|#\S+|[A-Z]{1,3} \*\w+)")
_BULLET = re.compile(r"[ \t]*(?:(?:[•·▪●■◦\-–—*>✓✔➢→]|\d{1,2}[.)]|[a-z][.)])[ \t]*)+")
_CAPS_LABEL = re.compile(r"[ \t]*[A-Z][A-Z0-9 /&'’(),.-]{2,60}(?::.*)?$")
_SUBLABEL = re.compile(r"[ \t]*[^\n:]{2,50}:[ \t]*$")
_SENTENCE_GLUE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])(?!(?:Net|NET|Js|Com|Org|Io)\b)")
_CAMEL_GLUE = re.compile(r"\b[a-z]{2,}(?=[A-Z][a-z])")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_DROP_INVISIBLE = str.maketrans("", "", _INVISIBLE)
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")


@dataclass
class _State:
    key: str | None = None
    bulleted: bool = False
    spaced: bool = False
    run: int = 0  # items added since the last heading
    items: dict[str, list[list[int]]] = field(default_factory=lambda: {k: [] for k in KEYS})
    last: list[int] | None = None  # [start, end] of the item being built


def _heading(text: str, start: int, end: int) -> tuple[str, int] | None:
    """(section key or "other", where the inline rest starts) if the segment is a heading."""
    lead = _LEAD.match(text, start, end)
    assert lead is not None  # _LEAD also matches nothing
    m = _PHRASE.match(text, lead.end(), end)
    if m is None:
        return None
    after = _AFTER.match(text, m.end(), end)
    assert after is not None  # so does _AFTER
    rest = after.end()
    glued = m.end() == rest < end and text[rest].isupper() and text[m.end() - 1].islower()
    key = _GROUP_KEY[m.lastgroup or ""]
    return (key, rest) if rest == end or after.group("sep") or glued else (key, end)


def _midline_cuts(text: str, start: int, end: int) -> set[int]:
    """Starts of headings inside a line: "…benefits.Qualifications: …", "cycleResponsibilities:"."""
    cuts = set()
    for m in _MIDLINE.finditer(text, start, end):
        phrase = _PHRASE.match(text, m.end(), end)
        if phrase and _COLON.match(text, phrase.end(), end):
            cuts.add(m.end())
    return cuts


def _segments(text: str) -> Iterator[tuple[int, int]]:
    """Lines, further split before mid-line headings and inline bullet glyphs."""
    for line in _LINE.finditer(text):
        if not line.group().strip():
            yield line.start(), line.start()
            continue
        cuts = _midline_cuts(text, line.start() + 1, line.end()) if ":" in line.group() \
            else set()
        cuts |= {m.end() for m in _INLINE_BULLET.finditer(text, line.start(), line.end())}
        bounds = sorted({line.start(), line.end(), *cuts})
        for a, b in zip(bounds, bounds[1:], strict=False):
            if text[a:b].strip():
                yield a, b


def _hard_wrapped(text: str) -> bool:
    lengths = [len(line) for line in text.splitlines() if line.strip()]
    return len(lengths) >= 5 and max(lengths) <= 90 and \
        sum(n >= 55 for n in lengths) >= 0.3 * len(lengths)


def _continues(text: str, state: _State, start: int, end: int, hard: bool) -> bool:
    """Whether a plain segment carries on the item being built (a wrapped line)."""
    if not state.last:
        return False
    gap = text[state.last[1]:start]
    if gap.strip() or gap.count("\n") != 1:
        return False
    prev = text[state.last[0]:state.last[1]].rstrip()
    line = text[start:end].strip()
    if prev.endswith(":") or not line:
        return False
    if line[0].islower():
        return True
    line_start = text.rfind("\n", 0, state.last[1]) + 1
    wrapped = state.last[1] - line_start >= 50
    return hard and wrapped and not prev.endswith((".", "!", "?"))


def _caps_label(line: str) -> bool:
    """An ALL-CAPS label line ("SELECTION PROCESS", "APPLICATION PROCEDURES: ...")."""
    head = line.split(":", 1)[0]
    return bool(_CAPS_LABEL.match(line)) and head.isupper() and \
        sum(ch.isalpha() for ch in head) >= 8


def _ends_section(text: str, state: _State, start: int, end: int) -> bool:
    """A plain line that cannot be an item: an ALL-CAPS label, a long lead-in ending in ":",
    or a prose paragraph after short plain items."""
    line = text[start:end].strip()
    if _caps_label(line) or (line.endswith(":") and len(line) > 60):
        return True
    return not state.bulleted and state.run >= 2 and len(line) > 250 and \
        len(_SENTENCE_END.findall(line)) >= 3


def _add_line(text: str, state: _State, start: int, end: int, hard: bool) -> None:
    """Feed one segment of a section to ``state``: a new item, a wrapped line or the end."""
    bullet = _BULLET.match(text, start, end)
    is_bullet = bullet is not None and bullet.end() > start
    body = bullet.end() if bullet is not None and is_bullet else start
    items = state.items[state.key or ""]
    if not is_bullet and _continues(text, state, start, end, hard):
        state.last[1] = end  # type: ignore[index]  # _continues holds only when last is set
    elif _STOP_LINE.search(text, start, end) or not is_bullet and _ends_section(text, state,
                                                                                 start, end):
        state.key = None
    elif not is_bullet and _SUBLABEL.fullmatch(text, start, end):
        state.last = None
    elif not is_bullet and state.bulleted:
        state.key = None
    else:
        state.bulleted = state.bulleted or (is_bullet and not state.run)
        state.last = [body, end]
        state.run += 1
        items.append(state.last)


def _walk(text: str) -> _State:
    state = _State()
    hard = _hard_wrapped(text)
    for start, end in _segments(text):
        head = _heading(text, start, end) if start < end else None
        if head is not None:
            key, rest = head
            state.key, state.last = (key if key != "other" else None), None
            state.bulleted = state.spaced = False
            state.run = 0
            if state.key and rest < end and text[rest:end].strip():
                state.last = [rest, end]
                state.run = 1
                state.items[state.key].append(state.last)
            continue
        if state.key is None:
            continue
        if start == end:  # blank line
            has_items = state.run > 0 and state.last is not None
            if has_items and not state.bulleted and not state.spaced:
                state.key = None
            state.spaced = state.spaced or not has_items
            continue
        _add_line(text, state, start, end, hard)
    return state


def _split_glued(text: str, start: int, end: int, camel: bool) -> Iterator[tuple[int, int]]:
    cuts = {m.start() for m in _SENTENCE_GLUE.finditer(text, start, end)}
    if camel:
        cuts |= {m.end() for m in _CAMEL_GLUE.finditer(text, start, end)}
    bounds = sorted({start, end, *cuts})
    yield from zip(bounds, bounds[1:], strict=False)


def _cap(text: str, start: int, end: int) -> int:
    """End of the item cut to ``MAX_ITEM`` characters, at a sentence end when possible."""
    if len(" ".join(text[start:end].split())) <= MAX_ITEM:
        return end
    limit = start
    while limit < end and len(" ".join(text[start:limit + 1].split())) <= MAX_ITEM:
        limit += 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, limit)]
    if ends and ends[-1] - start >= 40:
        return ends[-1]
    space = text.rfind(" ", start, limit)
    return space if space > start else limit


def _items(text: str, spans: list[list[int]], camel: bool) -> list[Found[str]]:
    out: list[Found[str]] = []
    for start, end in spans:
        for s, e in _split_glued(text, start, end, camel):
            bullet = _BULLET.match(text, s, e)
            s = bullet.end() if bullet else s
            while s < e and (text[s].isspace() or text[s] in _INVISIBLE):
                s += 1
            e = _cap(text, s, len(text[:e].rstrip()))
            value = " ".join(text[s:e].translate(_DROP_INVISIBLE).split()).strip(" ,;")
            if len(value) >= 3 and any(ch.isalpha() for ch in value) and \
                    not _JUNK_ITEM.fullmatch(value):
                out.append(Found(value, s, e))
            if len(out) >= MAX_ITEMS:
                return out
    return out


# a short line that reads as a heading in any language ("Responsabilidades", "Requisitos")
_HEADING_LIKE = re.compile(r"[ \t#*]*[^\W\d_][^\n.,;!?•]{0,48}[ \t*]*:?[ \t]*")


def company_spans(text: str) -> list[tuple[int, int]]:
    """Where text about the employer runs: from a company heading ("About us", "About
    Vercel:", "Who we are") to the next heading, known or heading-like (a short line of
    at most six words)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for s, e in _segments(text):
        known = s < e and _heading(text, s, e) is not None
        lead = _LEAD.match(text, s, e) if known else None
        company = lead is not None and _COMPANY.match(text, lead.end(), e) is not None
        if company and start is None:
            start = s
        elif start is not None and not company and (known or _heading_like(text, s, e)):
            spans.append((start, s))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _heading_like(text: str, start: int, end: int) -> bool:
    return (start < end and len(text[start:end].split()) <= 6
            and _HEADING_LIKE.fullmatch(text, start, end) is not None)


def parse_sections(text: str) -> dict[str, list[Found[str]]]:
    """Items under each known heading, by record field (all four keys always present)."""
    state = _walk(text)
    camel = len(_CAMEL_GLUE.findall(text)) >= 2
    return {key: _items(text, state.items[key], camel) for key in KEYS}
