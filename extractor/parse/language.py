"""Language of the posting (ISO 639-1) with py3langid.

The classifier is restricted to languages job postings here are written in, so a
short English text is not read as Latin or Scots. The model loads once, on first use.

The evidence is a short span, not the whole text: in the passage that weighed most for
the winning language, the first line that reads as that language, at most
``SPAN_CHARS`` characters of it, cut at a word boundary. The language is a property of
the whole text, but a span over all of it made each output line carry a second copy of
the posting (46% of the output's bytes); the text itself is an opt-in output field.
"""

from __future__ import annotations

import functools
from typing import Any

from extractor.parse.base import Found

LANGUAGES: tuple[str, ...] = (
    "en", "fr", "ru", "de", "es", "it", "pt", "nl", "hy", "pl", "uk", "tr", "sv", "da", "no",
    "fi", "cs", "ro", "hu", "el", "ka", "zh", "ja", "ko", "ar", "he", "hi", "id", "vi",
)
MIN_LETTERS = 40
SAMPLE_CHARS = 20_000  # enough to decide; keeps huge pages fast
MIN_CONFIDENCE = 0.3
CHUNK_CHARS = 400
SPAN_CHARS = 60  # the evidence span's longest extent
LINE_LETTERS = 20  # a line with fewer letters is too short to judge alone


@functools.cache
def _identifier() -> Any:
    """The py3langid model, normalised probabilities, restricted to ``LANGUAGES``."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([lang for lang in LANGUAGES if lang in identifier.labels])
    return identifier


Line = tuple[int, str]  # where a line starts in the text, and the line without its end


def _chunks(text: str) -> list[list[Line]]:
    """Runs of whole lines of about ``CHUNK_CHARS`` characters each (joined by newlines;
    blank lines at a run's start left out)."""
    chunks: list[list[Line]] = []
    current: list[Line] = []
    offset = size = 0
    for raw in text.splitlines(keepends=True):
        line = raw.splitlines()[0]
        if current or line:
            size += len(line) + (1 if current else 0)
            current.append((offset, line))
        offset += len(raw)
        if size >= CHUNK_CHARS:
            chunks.append(current)
            current, size = [], 0
    return chunks + [current] if _joined(current).strip() else chunks


def _joined(lines: list[Line]) -> str:
    return "\n".join(line for _, line in lines)


def _evidence(text: str, lines: list[Line], lang: str) -> tuple[int, int]:
    """The span for ``lang`` in a chunk that voted for it: the first line long enough to
    judge that the classifier also reads as ``lang`` (a chunk may start in another
    language), else the chunk's first line with letters."""
    with_letters = [(start, line) for start, line in lines if _letters(line)]
    for start, line in with_letters:
        if _letters(line) >= LINE_LETTERS and _identifier().classify(line)[0] == lang:
            return _span(text, start)
    return _span(text, with_letters[0][0])


def _span(text: str, start: int) -> tuple[int, int]:
    """A span of at most ``SPAN_CHARS`` characters from ``start`` (past leading blanks)
    that stays on one line and ends at a word boundary where it can."""
    while start < len(text) and text[start].isspace():
        start += 1
    window = text[start : start + SPAN_CHARS].split("\n", 1)[0]
    after = text[start + len(window) : start + len(window) + 1]
    if after and not after.isspace() and " " in window:  # it would end inside a word
        window = window[: window.rindex(" ")]
    return start, start + len(window.rstrip())


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def detect_language(text: str) -> list[Found[str]]:
    """One Found with the ISO 639-1 code; [] if too short or unsure.

    The first ``SAMPLE_CHARS`` characters are classified in chunks of whole lines; each
    chunk votes for its language with its letter count times its probability, so a
    bilingual posting goes to the language most of it is written in. The confidence
    is the winner's share of the weighted vote. The span is the start of the chunk that
    gave the winner most weight (see the module docstring).
    """
    sample = text[:SAMPLE_CHARS]
    total = _letters(sample)
    if total < MIN_LETTERS:
        return []
    votes: dict[str, float] = {}
    heaviest: dict[str, tuple[float, list[Line]]] = {}  # language -> its weightiest chunk
    for lines in _chunks(sample):
        chunk = _joined(lines)
        letters = _letters(chunk)
        if letters:
            lang, prob = _identifier().classify(chunk)
            weight = letters * float(prob)
            votes[lang] = votes.get(lang, 0.0) + weight
            if weight > heaviest.get(lang, (-1.0, []))[0]:
                heaviest[lang] = (weight, lines)
    lang = max(votes, key=votes.__getitem__)
    confidence = votes[lang] / total
    if confidence < MIN_CONFIDENCE:
        return []
    return [Found(lang, *_evidence(text, heaviest[lang][1], lang), round(confidence, 4))]
