"""How this stage reads the text: lines, labelled lines, the parts a recruiter's card or
an agency's header hold (blanked, so spans stay true), a header whose line breaks were
lost, and whether a part of a line is a tag or a place."""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractor.candidates.base import LABEL_CHARS, IsPlace, text_lines
from extractor.candidates.words import (
    AGENCY,
    CAMEL_WORDS,
    CARD_START,
    CJK,
    CONN,
    DEPARTMENT,
    DIGITS_PAREN,
    EMOJI,
    GLUE,
    GLUED_HEAD_CHARS,
    GLUED_LINE_CHARS,
    HANDLE,
    KEY_VALUE,
    LABEL_ALONE,
    LABEL_COLON,
    LABEL_PIPE,
    NAME_SUBKEYS,
    NEXT_LABEL,
    NOT_PLACES,
    PERSON_LINE,
    PERSON_NAME,
    TAG_CORE,
    TAG_RE,
    TITLE_WORD,
    ZH_PLACE,
    label_key,
)
from extractor.codes import country_index


def strip_marks(line: str) -> str:
    """A line without markdown emphasis, heading marks, bullets or emoji at its ends."""
    line = re.sub(r"\*\*|__", "", line.strip())
    line = EMOJI.sub(" ", line)
    return re.sub(r"^(?:#+|[•·▪●>*+]|-\s)\s*", "", line.strip()).strip()


MAX_PART = 80  # a tag or a place is short; a longer string is neither (and costs no scan)


def is_tag(part: str, is_place: IsPlace | None) -> bool:
    """Whether a title's part states only terms, hours, pay or a place, not the job."""
    part = part.strip(" ()（）[]【】-–—|｜,·")
    if not part or len(part) > MAX_PART:
        return False
    return bool(TAG_RE.fullmatch(part) and TAG_CORE.search(part)) or is_place_text(
        part, is_place)


def is_place_text(part: str, is_place: IsPlace | None) -> bool:
    """"Lisboa", "Marseille (13)", "（北京）", "Brasil", "São Paulo, SP": a place only."""
    if len(part) > MAX_PART:
        return False
    if DEPARTMENT.fullmatch(part.strip()):
        return True
    name = DIGITS_PAREN.sub("", part.strip(" ()（）")).strip()
    if not name or name.casefold() in NOT_PLACES:
        return False
    if ZH_PLACE.fullmatch(name) or ZH_PLACE.match(name) and "·" in name:
        return True
    if re.fullmatch(f"[{CJK}]{{1,6}}[市省区县镇]", name):  # "南山区", "常州市"
        return True
    head = name.split(",")[0].strip()
    return any(_is_country(p) or (is_place is not None and is_place(p)) for p in {name, head})


def _is_country(name: str) -> bool:
    return len(name) > 3 and country_index().get(name.casefold()) is not None


def is_glued(line: str) -> bool:
    """Whether a line is too long to be a header's line: its line breaks were lost (a
    Chinese character counts twice: it holds about as much as a Latin word's letters)."""
    head = line[:GLUED_HEAD_CHARS]
    width = len(line) + len(re.findall(f"[{CJK}]", head))
    return width > GLUED_LINE_CHARS or (width > 80 and len(GLUE.findall(head)) >= 3)


def glued_parts(line: str, limit: int = GLUED_HEAD_CHARS) -> list[str]:
    """The first ``limit`` characters of a line cut where a lower-case letter (or a bracket)
    runs into a capital: the fields of a header whose line breaks were lost. "JavaScript"
    and the like stay whole."""
    head = line[:limit]
    parts, last = [], 0
    for match in GLUE.finditer(head):
        cut = match.start()
        if _inside_camel_word(head, cut):
            continue
        parts.append(head[last:cut].strip())
        last = cut
    parts.append(head[last:].strip())
    return [p for p in parts if p]


def _inside_camel_word(line: str, cut: int) -> bool:
    word_start = line.rfind(" ", 0, cut) + 1
    end = re.compile(r"[\s,.;:]").search(line, cut)
    word = line[word_start: end.start() if end else len(line)].casefold()
    return cut - word_start <= 2 or any(word.startswith(w) for w in CAMEL_WORDS)


def without_people(text: str) -> str:
    """The text with a recruiter's card, poster and contact lines, and chat headers
    blanked (same length, so spans into it are spans into the text)."""
    chars = list(text)
    for start, end in _people_spans(text):
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def without_agency_header(text: str) -> str:
    """The text without its first block when that names a recruiting agency and its line
    of business ("CORDILLERA HEADHUNTERS / Búsqueda ejecutiva | Minería"): no title there."""
    first = text.lstrip("\n").split("\n\n", 1)[0]
    name = first.split("\n", 1)[0]
    if not AGENCY.search(name) or TITLE_WORD.search(name) or len(first) > 200:
        return text  # "Chargé de recrutement H/F" is a title, not an agency
    at = text.find(first)
    return text[:at] + re.sub(r"[^\n]", " ", first) + text[at + len(first):]


def _people_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in PERSON_LINE.finditer(text):
        yield match.start(), match.end()
    lines = text_lines(text)
    for i, (line, start) in enumerate(lines):
        if HANDLE.match(line) or CARD_START.match(line):
            end = next((j for j in range(i + 1, min(i + 5, len(lines))) if not lines[j][0].strip()),
                       min(i + 4, len(lines)))
            last = lines[end - 1]
            yield start, last[1] + len(last[0])


def person_names(text: str) -> set[str]:
    """The names of the people a posting names as its poster or contact ("Publicado por Ana
    Souza", "Recruteur : Julien Morel"): whatever else the text says of them, not a firm."""
    return {trim_connectors(m.group("v") or m.group("w")).casefold()
            for m in PERSON_NAME.finditer(text[:8000])}


def trim_connectors(name: str) -> str:
    words = name.split()
    while len(words) > 1 and re.fullmatch(CONN, words[-1]):
        words.pop()
    return " ".join(words)


def labels_in(text: str, keys: frozenset[str]) -> Iterator[tuple[str, str, int]]:
    """(label, value, start of value) for every labelled line whose label is one of
    ``keys``: "Label: value", "| Label | value |", a label alone above its value, and an
    API object's "empresa:" whose value sits in its "nombre:" under it."""
    head = text[:LABEL_CHARS]
    found: list[tuple[int, str, str]] = []
    for pattern in (LABEL_COLON, LABEL_PIPE, LABEL_ALONE):
        for match in pattern.finditer(head):
            key = label_key(match.group("label"))
            value = NEXT_LABEL.split(match.group("v"))[0].strip(" *_")
            if key in keys and value and not KEY_VALUE.match(value):
                found.append((match.start("v"), match.group("label"), value))
            elif key in keys and pattern is LABEL_COLON:
                found.extend(_nested_names(head, match.end()))
    for start, label, value in sorted(found):
        yield label, value, start


def _nested_names(text: str, after: int) -> Iterator[tuple[int, str, str]]:
    """"empresa:\\nrazon_social: X\\nnombre_comercial: Y": the names under a company key."""
    for match in LABEL_COLON.finditer(text, after, min(len(text), after + 300)):
        if label_key(match.group("label")) in NAME_SUBKEYS and match.group("v").strip():
            yield match.start("v"), match.group("label"), match.group("v").strip()
