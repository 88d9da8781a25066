"""Stated visa sponsorship: True ("visa sponsorship available"), False ("we are unable
to sponsor", "must be authorized to work in the US without sponsorship").

A sentence counts only when it is about immigration: "visa/H-1B/immigration
sponsorship", "require sponsorship", "sponsorship now or in the future", or a
sponsor word next to visa / work-authorisation words. Event, book or government
"sponsors" are not visas. Questions ("Will you require sponsorship?") and "with or
without sponsorship" state nothing. A negation in the same clause makes it False;
an offer word (available, provide, will sponsor) without one makes it True.
"""

from __future__ import annotations

import re

from extractor.parse.base import Found

# a sentence; a line break before a lower-case word is hard wrapping, not a new sentence
_SENTENCE = re.compile(r"(?:[^.!?\n]|\n(?=[ \t]*[a-z]))+[.!?]?")
_SPONSOR = re.compile(r"(?i)\bsponsor\w*|\bvisa\s+(?:support|assistance)\b|"
                      r"визов\w+\s+поддержк\w*|parrainage")
_STRONG = re.compile(
    r"(?i)\b(?:visa|immigration|h-?1b|work\s+permit|employment|work)\s+sponsorship|"
    r"\b(?:requir\w*|need\w*)\s+(?:\w+\s+){0,4}?sponsorship|\bsponsorship\s+(?:\w+\s+){0,2}?"
    r"(?:now\s+or\s+in\s+the\s+future|for\s+(?:employment|work))|\bwithout\s+(?:\w+\s+){0,3}?"
    r"sponsorship|\bsponsor\w*\s+(?:\w+\s+){0,3}?(?:visas?|h-?1b|work\s+(?:permits?|"
    r"authori[sz]ation))|\bvisa\s+(?:support|assistance)|визов\w+\s+поддержк|parrainage\s+"
    r"(?:de\s+)?visa")
_CONTEXT = re.compile(
    r"(?i)\bvisas?\b|\bh-?1b\b|\bimmigra\w*|\bwork\s+authori[sz]ation|\bauthori[sz]ed\s+to\s+"
    r"work|\beligible\s+to\s+work|\blegally\b|\bwork\s+permit|\bgreen\s+card|\bcitizen\w*|\bright\s+to\s+work")
# "with or without sponsorship", "visa assistance in the future": nothing stated for now
_UNCLEAR = re.compile(
    r"(?i)\bwith\s+or\s+without\b|\bwhether\b|(?<!now or )\bin\s+the\s+future")
_NEGATION = re.compile(
    r"(?i)\b(?:not|no|unable|cannot|never|without|nor)\b|n['’]t\b|\bне\b|\bpas\b|\baucun")
_NEGATED_AFTER = re.compile(r"(?i)\b(?:is|are)\s+not\b|\bnot\s+(?:available|provided|offered|"
                            r"possible|an\s+option|supported)")
_OFFER = re.compile(
    r"(?i)\bavailable\b|\bprovide[sd]?\b|\boffer(?:s|ed|ing)?\b|\b(?:will|can|do|does|we)\s+"
    r"sponsor\b|\bwilling\s+to\s+sponsor|\bopen\s+to\s+sponsor\w*|\bsupport(?:s|ed)?\b|"
    r"\beligible\s+for\b|\bпредостав\w*|\bоформ\w*|\bpossible\b")
_CLAUSE = re.compile(r",|;|\bbut\b|\bhowever\b", re.I)


def _clause_of(sentence: str, pos: int) -> str:
    """The clause of ``sentence`` holding position ``pos`` (split at , ; but however)."""
    cuts = [0] + [m.end() for m in _CLAUSE.finditer(sentence)] + [len(sentence)]
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a <= pos < b:
            return sentence[a:b]
    return sentence


def _polarity(sentence: str, before: str, offer: bool = True) -> bool | None:
    """True / False when the sentence states sponsorship, None when it does not. With
    ``offer`` False, an immigration-sponsorship sentence without a negation is True even
    without an offer word ("Acme sponsors H-1B visas for this role")."""
    hit = _SPONSOR.search(sentence)
    if not hit or sentence.rstrip().endswith("?") or _UNCLEAR.search(sentence):
        return None
    weak = re.match(r"(?i)sponsor(?:ship|ing)?$", hit.group())  # not "sponsors", "sponsored"
    if not (_STRONG.search(sentence) or (weak and _CONTEXT.search(before + sentence))):
        return None
    clause = _clause_of(sentence, hit.start())
    if _NEGATION.search(clause[:clause.find(hit.group())]) or _NEGATED_AFTER.search(clause):
        return False
    if re.search(r"(?i)without\s+(?:\w+\s+){0,3}?sponsor", sentence):
        return False
    return True if not offer or _OFFER.search(clause) else None


def parse_visa_sponsorship(text: str) -> list[Found[bool]]:
    """Sponsorship statements in ``text``, in order; [] when none is stated."""
    found: list[Found[bool]] = []
    for m in _SENTENCE.finditer(text):
        value = _polarity(m.group(), text[max(0, m.start() - 200):m.start()])
        if value is not None:
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            found.append(Found(value, start, m.start() + len(m.group().rstrip()), 1.0))
    return found


def supports(value: bool, text: str) -> bool:
    """Whether a sentence of ``text`` states sponsorship ``value`` (True: offered, False:
    not) as this parser reads one, an offer word not needed; a question or "with or
    without sponsorship" states neither."""
    return any(_polarity(m.group(), text[max(0, m.start() - 200):m.start()], offer=False)
               is value for m in _SENTENCE.finditer(text))
