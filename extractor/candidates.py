"""Title and company candidates: the short lists the model chooses from.

A tiny model cannot be trusted to *write* a title or a company name, but it can
pick one from a handful of strings that the page itself offers. Each candidate
keeps its origin so the merge can prefer page structured data and labelled lines,
and each comes with the span where it appears in the cleaned text (or -1 when it
only came from structured data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MAX_CANDIDATES = 6

# Origin ranks: lower is more reliable.
RANK = {"jsonld": 0, "field": 1, "labelled": 2, "heading": 3, "pattern": 4, "line": 5}

_TITLE_LABEL = re.compile(
    r"^\s*(?:job\s+title|title|position(?:\s+title)?|role|poste|intitulé du poste|"
    r"должность|вакансия)\s*[:\-–]\s*(?P<v>.{3,120}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_COMPANY_LABEL = re.compile(
    r"^\s*(?:company(?:\s+name)?|employer|organi[sz]ation|hiring organi[sz]ation|"
    r"entreprise|société|компания|работодатель)\s*[:\-–]\s*(?P<v>.{2,80}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_NAME = r"(?P<v>[A-Z][\w&.'\-]*(?:\s+(?:[A-Z0-9][\w&.'\-]*|of|and|&|de|du)){0,4})"
_COMPANY_PATTERNS = [
    re.compile(r"^" + _NAME + r"\s+Logo\s*$", re.MULTILINE),
    re.compile(r"^\s*About\s+" + _NAME + r"\s*:?\s*$", re.MULTILINE),
    re.compile(r"\bAt\s+" + _NAME + r",\s+(?:we|our|you)\b"),
    re.compile(r"\bJoin\s+" + _NAME + r"(?:[!.,]|\s+(?:and|as|in|to)\b)"),
    re.compile(r"(?:^|\.\s+)" + _NAME + r"\s+is\s+(?:a|an|the)\s+(?:leading|global|fast|"
               r"growing|world|premier|top|\w+(?:-\w+)?\s+(?:company|startup|firm|agency|"
               r"platform|provider|bank|group))", re.MULTILINE),
]
_NOT_A_NAME = {
    "we", "our", "you", "the", "this", "job", "about", "company", "role", "position", "us",
    "apply", "remote", "hybrid", "description", "responsibilities", "requirements",
}
_CHROME_LINE = re.compile(
    r"^(?:apply(?: now)?|save|share|logo|sign in|log in|menu|home|careers|jobs|back|"
    r"remote|hybrid|on-?site|full[- ]time|part[- ]time|internship|contract|new)$",
    re.IGNORECASE,
)
_TITLE_WORD = re.compile(
    r"\b(?:engineer|developer|manager|analyst|scientist|designer|intern|director|lead|"
    r"specialist|consultant|assistant|coordinator|officer|architect|administrator|"
    r"representative|associate|technician|nurse|accountant|executive|head|writer|"
    r"operator|driver|teacher|agent|sales|advisor|recruiter|researcher|programmer|"
    r"инженер|менеджер|разработчик|аналитик|специалист|ingénieur|développeur|chef|"
    r"responsable|chargé|stagiaire|commercial)\w*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    value: str
    origin: str  # one of RANK's keys
    start: int = -1
    end: int = -1


def _clean_value(value: str) -> str:
    return " ".join(value.replace("\n", " ").split()).strip(" -–|:·•")


def _add(out: list[Candidate], text: str, value: Any, origin: str) -> None:
    if not isinstance(value, str):
        return
    value = _clean_value(value)
    if not (2 <= len(value) <= 150) or value.casefold() in _NOT_A_NAME:
        return
    if any(c.value.casefold() == value.casefold() for c in out):
        return
    start = text.find(value)
    out.append(Candidate(value, origin, start, start + len(value) if start >= 0 else -1))


def _sorted(cands: list[Candidate]) -> list[Candidate]:
    return sorted(cands, key=lambda c: (RANK[c.origin], c.start if c.start >= 0 else 10**9))


def _jsonld_value(jsonld: list[dict[str, Any]], *path: str) -> Any:
    for item in jsonld:
        value: Any = item
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value:
            return value
    return None


def title_candidates(
    text: str, jsonld: list[dict[str, Any]], fields: dict[str, Any] | None, hint: str | None
) -> list[Candidate]:
    """Possible titles of THE posting, most reliable first."""
    out: list[Candidate] = []
    _add(out, text, _jsonld_value(jsonld, "title"), "jsonld")
    for key in ("title", "position", "Job Title", "job_title", "Title"):
        _add(out, text, (fields or {}).get(key), "field")
    for match in _TITLE_LABEL.finditer(text[:4000]):
        _add(out, text, match.group("v"), "labelled")
    _add(out, text, hint, "heading")
    for line in _leading_lines(text):
        _add(out, text, line, "line")
    return _sorted(out)[:MAX_CANDIDATES]


def _leading_lines(text: str, limit: int = 12) -> list[str]:
    """Short lines near the top that read like a job title."""
    lines = []
    for raw in text[:2500].splitlines():
        line = _clean_value(raw)
        words = line.split()
        if not (1 <= len(words) <= 14) or len(line) > 120 or _CHROME_LINE.match(line):
            continue
        if _TITLE_WORD.search(line) and not line.endswith((".", "?", "!")):
            lines.append(line)
        if len(lines) >= limit:
            break
    return lines


def company_candidates(
    text: str, jsonld: list[dict[str, Any]], fields: dict[str, Any] | None
) -> list[Candidate]:
    """Possible hiring-organisation names, most reliable first."""
    out: list[Candidate] = []
    _add(out, text, _jsonld_value(jsonld, "hiringOrganization", "name"), "jsonld")
    for key in ("company", "company_name", "Company Name", "Company", "companyName"):
        value = (fields or {}).get(key)
        if isinstance(value, str):  # Glassdoor appends "\n3.1" (its rating) to the name
            value = value.split("\n")[0]
        _add(out, text, value, "field")
    for match in _COMPANY_LABEL.finditer(text[:6000]):
        _add(out, text, match.group("v"), "labelled")
    for pattern in _COMPANY_PATTERNS:
        for match in pattern.finditer(text[:8000]):
            _add(out, text, match.group("v"), "pattern")
    return _sorted(out)[:MAX_CANDIDATES]
