"""What every parser shares: ``Found`` (a value and its span) and where the posting ends.

A leaf of the parse package: the parsers import it, and it imports only the heading
vocabulary of the cleaner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from extractor.clean.headings import TAIL_RE

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value found in the cleaned text at ``text[start:end]``."""

    value: T
    start: int
    end: int
    confidence: float = 1.0  # 1.0: the rule is certain; lower: the model may overrule


def posting_end(text: str) -> int:
    """Where chrome about other jobs ("Similar Jobs at X", "Vagas semelhantes", "类似职位")
    starts: the parsers read ``text[:posting_end(text)]``. The cleaner cuts the same
    blocks, ending one that comes before the posting where the posting starts; this is for
    text that reaches a parser without it, where a tail line ends what is read."""
    m = TAIL_RE.search(text)
    return m.start() if m else len(text)
