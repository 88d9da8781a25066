"""Workplace type (onsite / hybrid / remote) and where remote applicants may live.

Each rule is a regex with a value and a confidence: labels and header lines
("Location: Remote", "Remote (United States)", a title's "| Hybrid") are near-certain;
statements about the role ("This is a fully remote position") are strong; a bare mention
of remote work is weak. Remote in "remote sensing", "remote monitoring", "remote patient" and
the like is not a workplace. A posting offering several modes gets every mode, each
with its best span; the merge decides.
"""

from __future__ import annotations

import itertools
import re

from extractor.codes import WORKPLACE_WORDS
from extractor.parse.base import Found
from extractor.parse.location import country_sequence, find_countries

MAX_HITS_PER_RULE = 20
_NOT_WORKPLACE = (
    r"(?!\s+(?:sensing|sensor|monitor\w*|patient\w*|access|desktop|control\w*|area|areas|"
    r"location|locations|site|sites|support|villages?|communit\w+|regions?|island\w*|"
    r"learning|diagnos\w+|server\w*|repositor\w+|device\w*|operat\w+|management|"
    r"surveillance|viewing|car|cars|starter|procedures?)\b)"
)
# German words for working away from the office
_DE_AWAY = r"(?:home-?office|mobile[sn]?\s+arbeit(?:en)?|remote-?arbeit)"
_MODE_WORD = (r"(?P<v>(?:fully\s+|100\s?%\s+)?remote(?:ly)?|hybrid|on-?site|on\s+site|"
              r"in[- ]person|in[- ]office|telework|telecommut\w*|virtual)")
_LABEL = (r"(?:job\s+|work\s+|office\s+)?location|work\s*(?:place|site)?\s*(?:type|model|"
          r"arrangement|mode|setting|style|location)|workplace(?:\s+type)?|job\s+type|"
          r"position\s+type|remote\s+status|location\s+type|формат\s+работы")

# (value or None = read the mode word, confidence, pattern)
_RULES: list[tuple[str | None, float, re.Pattern[str]]] = [
    (None, 0.95, re.compile(rf"(?im)^[ \t•*\-]*(?:{_LABEL})[ \t]*[:\-–]+[ \t]*"
                            rf"[^\n]{{0,30}}?\b{_MODE_WORD}\b")),
    (None, 0.9, re.compile(r"(?im)^[ \t•*\-]*(?P<v>(?:fully\s+|100\s?%\s+)?remote|hybrid"
                           r"(?:\s+remote)?|on-?site|in[- ]office)"
                           r"(?:[ \t\xa0]*\([^)\n]{0,60}\)|[ \t]*[-–,:|][ \t]*[^\n]{0,40})?"
                           r"[ \t]*$")),
    # a title's or header's suffix: "Nurse | Hybrid", "Engineer (On-site)", "Call Center-REMOTE"
    (None, 0.9, re.compile(r"(?im)(?:[|·•(]|\s[-–—]|(?<=[^\W\d_])-)[ \t]*(?P<v>(?:fully\s+|"
                           r"100\s?%\s+)?remote|hybrid|on-?site|in[- ]office)[ \t]*"
                           r"(?=\)|[|·•]|\s[-–—]\s|$)")),
    ("remote", 0.95, re.compile(r"(?i)\bhiring\s+remotely\s+in\b|#LI-Remote\b")),
    ("remote", 0.9, re.compile(r"(?i)\bremote(?=[ \t\xa0]*\((?!\s*except))|\(remote\)|"
                               r"\b(?:fully|100\s?%|full|"
                               r"completely|entirely|permanently|totally)[\s-]+remote\b"
                               + _NOT_WORKPLACE)),
    ("remote", 0.9, re.compile(r"(?i)\b(?:role|position|job|opportunity)\s+is\s+(?:\w+\s+)?"
                               r"remote\b|\bremote(?:[ ,]+[\w-]+){0,2}?[ ]+(?:role|position|"
                               r"job|opportunity|internship)s?\b|(?<=[-–|] )remote[ \t]*(?=\n|$)")),
    ("remote", 0.7, re.compile(r"(?i)\bremote[\s-]+(?:first|friendly)\b|\bwork(?:ing)?\s+"
                               r"(?:from\s+home|remotely)\b|\bWFH\b|\btelework\w*|"
                               r"\btelecommut\w*|\bremote\s+work(?:ing)?\b" + _NOT_WORKPLACE)),
    ("remote", 0.5, re.compile(r"(?i)\bremote(?:ly)?\b" + _NOT_WORKPLACE)),
    ("hybrid", 0.9, re.compile(r"(?i)\bhybrid[\s-]+(?:work\w*|role|position|job|schedule|model|"
                               r"format|environment|arrangement|set-?up|opportunit\w+|"
                               r"telework|remote|policy|office|options?|basis|workplace)\b|"
                               r"\bhybrid\s*\(|\bpart(?:ly|ially)?[\s-]+remote\b")),
    ("hybrid", 0.85, re.compile(r"(?i)\b[1-4]\s*(?:-\s*[1-4]\s*)?days?\s+(?:a|per|each)\s+week\s+"
                                r"(?:in|at)\s+(?:the\s+|our\s+)?office|\bin[\s-](?:the[\s-])?"
                                r"office\s+[1-4]\s*(?:-\s*[1-4]\s*)?days\b|\b[1-4]\s+days\s+"
                                r"in[\s-](?:the[\s-])?office")),
    ("onsite", 0.85, re.compile(r"(?i)\b5\s*days?\s+(?:a|per|each)\s+week\s+(?:in|at)\s+"
                                r"(?:the\s+|our\s+)?office|\bin[\s-](?:the[\s-])?office\s+5\s*"
                                r"days\b|\b5\s+days\s+in[\s-](?:the[\s-])?office")),
    ("onsite", 0.9, re.compile(r"(?i)\b(?:fully\s+|100\s?%\s+)?on[\s-]?site[\s-]+(?:role|"
                               r"position|job|internship|work|opportunity|only|basis)\b|"
                               r"\b(?:fully|100\s?%)\s+(?:on[\s-]?site|in[\s-]office)\b")),
    ("onsite", 0.75, re.compile(r"(?i)\b(?:work|working|be|report|reporting|based)\s+"
                                r"(?:on[\s-]?site|in[\s-](?:the[\s-])?office|in[\s-]person)\b")),
    # Russian
    ("remote", 0.9, re.compile(r"(?i)удал[её]нн\w*\s+(?:работ\w*|формат\w*)|удал[её]нно\b|"
                               r"удал[её]нк\w*")),
    ("hybrid", 0.9, re.compile(r"(?i)гибридн\w*\s+(?:формат\w*|режим\w*|график\w*)|\bгибрид\b")),
    ("onsite", 0.9, re.compile(r"(?i)на\s+месте\s+работодателя|работа\s+в\s+офисе")),
    # German: "Homeoffice" and "mobiles Arbeiten" part of the week are hybrid, all of it remote
    ("hybrid", 0.9, re.compile(rf"(?i)\bhybride[snr]?\s+(?:arbeit\w*|arbeitsmodell\w*|modell\w*)|"
                               rf"\b(?:bis\s+zu\s+)?[1-4]\s*(?:-\s*[1-4]\s*)?tage?n?\s+"
                               rf"(?:(?:pro|die|je|in\s+der)\s+woche\s+)?(?:im\s+)?{_DE_AWAY}|"
                               rf"{_DE_AWAY}\s+(?:an\s+)?(?:bis\s+zu\s+)?[1-4]\s*(?:-\s*[1-4]\s*)?"
                               r"tage?n?\b")),
    ("hybrid", 0.8, re.compile(rf"(?i){_DE_AWAY}\s+(?:ist\s+)?(?:möglich|nach\s+absprache|"
                               rf"teilweise|anteilig|tageweise|optional)|\b(?:teilweise|anteilig|"
                               rf"tageweise|flexibles?)\s+(?:im\s+)?{_DE_AWAY}")),
    ("remote", 0.9, re.compile(rf"(?i)\b(?:100\s?%|vollständig|komplett|ausschließlich|"
                               rf"dauerhaft)\s+(?:im\s+|aus\s+dem\s+|von\s+zu\s+hause\s+)?"
                               rf"(?:{_DE_AWAY}|remote)|\bortsunabhängig\w*")),
    # French
    ("hybrid", 0.9, re.compile(r"(?i)t[ée]l[ée]travail\s+(?:partiel|hybride|occasionnel)|"
                               r"\b[1-4]\s+jours?\s+(?:de\s+)?t[ée]l[ée]travail")),
    ("remote", 0.9, re.compile(r"(?i)100\s?%\s+(?:en\s+)?t[ée]l[ée]travail|t[ée]l[ée]travail\s+"
                               r"(?:complet|total|int[ée]gral)|\bfull\s+remote\b")),
    ("onsite", 0.8, re.compile(r"(?i)\b(?:100\s?%\s+)?(?:en\s+)?pr[ée]sentiel\b|\bsur\s+site\b")),
]
_NEGATED = re.compile(r"(?i)\b(?:not|no|non|never)[\s-]+(?:\w+\s+)?$")
_NEGATED_AFTER = re.compile(r"(?i)^[^.\n]{0,25}\bnot\s+(?:available|possible|offered|an\s+"
                            r"option|permitted|allowed|eligible)")

_REGION_TRIGGERS = re.compile(
    r"(?i)\bhiring\s+remotely\s+in\s+|\bremote(?:ly)?[ \t\xa0]*\((?:(?:within|from|in|only)\s+)?"
    r"(?:the\s+)?|\bremote[ \t]*[-–—,:|][ \t]*(?:only[ \t]+)?(?:in[ \t]+)?(?:the[ \t]+)?|"
    r"\bremote\b[^.\n]{0,60}?\b(?:located|based|residing)\s+(?:in|within)\s+(?:the\s+)?|"
    r"\bremote\b[^.\n]{0,40}?\bwithin\s+(?:the\s+)?"
)
# a residence requirement ("must reside in Canada") names where applicants may live
_RESIDENCE = re.compile(
    r"(?i)\b(?:must|should|need\s+to|required\s+to)\s+(?:be\s+)?(?:reside|live|located|based|"
    r"residing|living)\s+(?:in|within)\s+(?:the\s+)?"
)
_BASED = re.compile(r"\b(?P<c>U\.S\.|US|USA|UK|EU|[A-Z][a-z]+(?: [A-Z][a-z]+)?)-based\b")
_REMOTE = re.compile(r"(?i)\bremote")
_SHORT_REMOTE_LINE = re.compile(r"(?im)^[ \t]*(?:\S+[ \t]+){0,6}?\S*\bremote\b\S*"
                                r"(?:[ \t]+\S+){0,6}[ \t]*$")


def _mode(found: str) -> str | None:
    key = " ".join(found.lower().split())
    key = re.sub(r"^(?:fully|100\s?%)\s+", "", key)
    return "remote" if key.startswith("telecommut") else WORKPLACE_WORDS.get(key)


def _negated(text: str, start: int, end: int) -> bool:
    return bool(_NEGATED.search(text[max(0, start - 20):start])
                or re.search(r"(?i)\bnot\b", text[start:end])
                or _NEGATED_AFTER.search(text[end:end + 60]))


def _hits(text: str) -> list[Found[str]]:
    """Every rule's hits (the first ``MAX_HITS_PER_RULE`` of each), negations dropped."""
    out: list[Found[str]] = []
    for value, confidence, pattern in _RULES:
        for m in itertools.islice(pattern.finditer(text), MAX_HITS_PER_RULE):
            span = m.span("v") if value is None else m.span()
            mode = value or _mode(m.group("v"))
            if mode and not _negated(text, *span):
                out.append(Found(mode, span[0], span[1], confidence))
    return out


def _overlapped(f: Found[str], found: list[Found[str]]) -> bool:
    """Whether a stronger hit covers this one ("hybrid telework" is not also remote)."""
    return any(g.confidence > f.confidence and g.start < f.end and f.start < g.end
               for g in found)


def _best_per_value(found: list[Found[str]]) -> list[Found[str]]:
    best: dict[str, Found[str]] = {}
    for f in (f for f in found if not _overlapped(f, found)):
        old = best.get(f.value)
        if old is None or (f.confidence, -f.start) > (old.confidence, -old.start):
            best[f.value] = f
    return sorted(best.values(), key=lambda f: f.start)


def _after(pattern: re.Pattern[str], text: str, confidence: float) -> list[Found[str]]:
    """Countries and areas listed right after each match of ``pattern``."""
    out: list[Found[str]] = []
    for m in pattern.finditer(text):
        for value, s, e in country_sequence(text[m.end():m.end() + 120], areas=True):
            out.append(Found(value, m.end() + s, m.end() + e, confidence))
    return out


def _region_hits(text: str) -> list[Found[str]]:
    out = _after(_REGION_TRIGGERS, text, 0.9) + _after(_RESIDENCE, text, 0.9)
    for m in _SHORT_REMOTE_LINE.finditer(text):
        for value, s, e in find_countries(m.group(), areas=True):
            if value not in ("Anywhere", "Worldwide"):
                out.append(Found(value, m.start() + s, m.start() + e, 0.85))
    for m in _BASED.finditer(text):
        sentence = text[max(0, m.start() - 60):m.end() + 60]
        code = find_countries(m.group("c").replace(".", "") if "." in m.group("c")
                              else m.group("c"), areas=True)
        if code and _REMOTE.search(sentence) and len(code) == 1:
            out.append(Found(code[0][0], m.start("c"), m.end("c"), 0.8))
    return out


def _dedupe(found: list[Found[str]]) -> list[Found[str]]:
    best: dict[str, Found[str]] = {}
    for f in sorted(found, key=lambda f: (-f.confidence, f.start)):
        best.setdefault(f.value, f)
    return sorted(best.values(), key=lambda f: f.start)


def parse_workplace(text: str) -> tuple[list[Found[str]], list[Found[str]]]:
    """(workplace_type candidates, remote_regions candidates) found in ``text``.

    Workplace values are "onsite", "hybrid" or "remote", one candidate per value.
    Remote regions are ISO 3166-1 alpha-2 codes where a country is meant, else the
    area as written in canonical case ("EMEA", "Europe"); they are only read next
    to a remote statement or a residence requirement (weaker when the text never says
    the job is remote or hybrid).
    """
    modes = _best_per_value(_hits(text))
    if modes:
        return modes, _dedupe(_region_hits(text))
    return modes, _dedupe(_after(_RESIDENCE, text, 0.6))


# mode words that name a workplace wherever they stand ("Toronto | Hybrid | Permanent");
# not "virtual" or "in person", which also name meetings ("virtual interviews")
_MENTION = re.compile(r"(?i)\b(?P<v>remote(?:ly)?|hybrid|on-?site|on\s+site|in[- ]office|"
                      r"telework|telecommut\w*)\b" + _NOT_WORKPLACE)


def supports(value: str, text: str) -> bool:
    """Whether ``text`` names workplace ``value`` in this parser's words: by any of its
    rules, or a mode word anywhere (grounding a model's value needs no label). A negated
    mention ("not remote") or a non-workplace one ("remote sensing") does not count."""
    if any(f.value == value for f in _hits(text)):
        return True
    return any(_mode(m.group("v")) == value and not _negated(text, *m.span("v"))
               for m in _MENTION.finditer(text))
