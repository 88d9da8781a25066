"""What every parser shares: ``Found`` (a value and its span) and where the posting ends.

A leaf of the parse package: the parsers import it, and it imports only the heading
vocabulary of the cleaner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from extractor.clean.headings import LATE_TAIL_RE, TAIL_RE

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value found in the cleaned text at ``text[start:end]``."""

    value: T
    start: int
    end: int
    confidence: float = 1.0  # 1.0: the rule is certain; lower: the model may overrule


def posting_end(text: str) -> int:
    """Where chrome about other jobs ("Similar Jobs at X", "Похожие вакансии") starts: the
    parsers read ``text[:posting_end(text)]``. The cleaner cuts the same lines; this is for
    text that reaches a parser without it.

    The tails the cleaner leaves ("Vagas semelhantes", "类似职位": ``LATE_TAIL_RE``) end the
    posting only in the second half of the text: one nearer the top heads a block of other
    postings before this one, not its end."""
    m = TAIL_RE.search(text)
    end = m.start() if m else len(text)
    late = next((t.start() for t in LATE_TAIL_RE.finditer(text, len(text) // 2, end)), end)
    return min(end, late)
