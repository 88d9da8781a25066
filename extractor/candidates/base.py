"""A candidate, the origin ranks, and the small steps every source shares."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from extractor.candidates.words import NOT_A_NAME

MAX_CANDIDATES = 6


# Origin ranks: lower is more reliable.
RANK = {"jsonld": 0, "field": 1, "labelled": 2, "heading": 3, "header": 4, "byline": 5,
        "pattern": 6, "line": 7, "sentence": 8}


TOP_CHARS = 900  # the posting's own header; "similar jobs" sit further down


LABEL_CHARS = 6000  # labelled lines are read this far into the text


# Whether a name is a place ("Lisboa", "Belo Horizonte"); the caller knows the gazetteer.
IsPlace = Callable[[str], bool]


@dataclass(frozen=True)
class Candidate:
    value: str
    origin: str  # one of RANK's keys
    start: int = -1
    end: int = -1


def mentions(text: str, name: str, exact: bool = False) -> int:
    """How often the text names ``name`` as a whole word, in any case (``exact``: as
    written, so that "Vaga" is not counted where the text says "vaga")."""
    flags = 0 if exact else re.IGNORECASE
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags))


def squashed(value: str) -> str:
    return " ".join(value.replace("\n", " ").split()).strip(" -–|:·•")


def add_candidate(out: list[Candidate], text: str, value: Any, origin: str,
                  start: int = -1) -> None:
    """Add ``value`` (a str) to ``out`` unless it is too short, too long or already there;
    its span is its first place in ``text`` from ``start`` on."""
    if not isinstance(value, str):
        return
    value = squashed(value)
    if not (2 <= len(value) <= 150) or value.casefold() in NOT_A_NAME:
        return
    if any(c.value.casefold() == value.casefold() for c in out):
        return
    found = text.find(value, max(start, 0)) if start >= 0 else -1
    start = found if found >= 0 else text.find(value)
    out.append(Candidate(value, origin, start, start + len(value) if start >= 0 else -1))


def by_rank(cands: list[Candidate]) -> list[Candidate]:
    return sorted(cands, key=lambda c: (RANK[c.origin], c.start if c.start >= 0 else 10**9))


def jsonld_value(jsonld: list[dict[str, Any]], *path: str) -> Any:
    for item in jsonld:
        value: Any = item
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value:
            return value
    return None


def text_lines(text: str) -> list[tuple[str, int]]:
    """Each line with the offset where it starts."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append((line, start))
        start += len(line) + 1
    return out
