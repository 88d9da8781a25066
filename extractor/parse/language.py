"""Language of the posting (ISO 639-1) with py3langid.

The classifier is restricted to languages job postings here are written in, so a
short English text is not read as Latin or Scots. The model loads once, on first use.
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


@functools.cache
def _identifier() -> Any:
    """The py3langid model, normalised probabilities, restricted to ``LANGUAGES``."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([lang for lang in LANGUAGES if lang in identifier.labels])
    return identifier


def _chunks(text: str) -> list[str]:
    """Runs of whole lines of about ``CHUNK_CHARS`` characters each."""
    chunks, current = [], ""
    for line in text.splitlines():
        current = f"{current}\n{line}" if current else line
        if len(current) >= CHUNK_CHARS:
            chunks.append(current)
            current = ""
    return chunks + [current] if current.strip() else chunks


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def detect_language(text: str) -> list[Found[str]]:
    """One Found with the ISO 639-1 code spanning the whole text; [] if too short or unsure.

    The first ``SAMPLE_CHARS`` characters are classified in chunks of whole lines; each
    chunk votes for its language with its letter count times its probability, so a
    bilingual posting goes to the language most of it is written in. The confidence
    is the winner's share of the weighted vote.
    """
    sample = text[:SAMPLE_CHARS]
    total = _letters(sample)
    if total < MIN_LETTERS:
        return []
    votes: dict[str, float] = {}
    for chunk in _chunks(sample):
        letters = _letters(chunk)
        if letters:
            lang, prob = _identifier().classify(chunk)
            votes[lang] = votes.get(lang, 0.0) + letters * float(prob)
    lang = max(votes, key=votes.__getitem__)
    confidence = votes[lang] / total
    if confidence < MIN_CONFIDENCE:
        return []
    return [Found(lang, 0, len(text), round(confidence, 4))]
