"""Seniority of the role: from the title first, then from labelled text.

Decisions (the record has no "staff" or "principal" level):

* internship beats everything ("Intern", "Internship", "Co-op", "Стажёр", "Stagiaire").
* executive: "VP", "Vice President", "AVP", "Chief ... Officer", "Chief of Staff",
  "Chief Scientist", "CEO"/"CTO"/..., "President", "Founder". "Account Executive",
  "Executive Assistant", "Chief Cook" and "Chief Accountant" are not executive.
* director: "Director", "Head of", "Directeur", "Директор".
* level words beat job nouns: "Senior Product Manager" is senior, "Entry Level ...
  Manager" is entry. Among them lead > senior > entry.
* lead: "Lead", "Team Lead(er)", "Tech Lead" (not "Lead Generation").
* senior: "Senior", "Sr.", "Snr"; "Staff"/"Principal" only before a technical noun
  ("Staff Engineer"), since "Staff Accountant" is not senior; "Старший", "Ведущий".
* entry: "Junior", "Jr", "Entry(-level)", "Graduate", "New Grad", "Apprentice",
  "Trainee", "Младший".
* manager: "Manager", "Mgr", "Supervisor", "Руководитель", "Responsable", "Leiter",
  "Projektleiterin", "Leitung"; German team leads ("Teamleiter", "Teamleitung") are lead.
* trailing level numerals: I -> entry, II -> mid, III/IV/V -> senior (weaker).
* labelled text: "Seniority level: Mid-Senior level" is read as mid with low
  confidence (LinkedIn uses it for most experienced roles); "Associate" and
  "Not Applicable" give nothing.
"""

from __future__ import annotations

import re

from extractor.parse.base import Found

_TECH_NOUN = (r"(?:software|data|machine|ml|ai|product|research|security|site|sre|platform|"
              r"backend|back-end|frontend|front-end|full[\s-]?stack|systems?|cloud|devops|"
              r"infrastructure|mobile|ios|android|ux|ui|visual|engineer\w*|scientist|developer|"
              r"designer|architect|analyst|consultant|researcher|program|technical|artist)")

# (value, confidence, pattern), in priority order: the first that matches the title wins
_TITLE_RULES: list[tuple[str, float, re.Pattern[str]]] = [
    ("internship", 0.95, re.compile(r"(?i)\b(?:intern|internship|co-?op|stagiaire|praktikant\w*|"
                                    r"werkstudent\w*)\b|стаж[её]р\w*|стажировк\w*")),
    ("executive", 0.95, re.compile(r"\b(?:S?VP|EVP|AVP|C[EOTFIMPRDS]O|CXO|PDG)\b|(?i:\bvice[\s-]"
                                   r"president\b|\bchief\s+(?:[\w&-]+\s+){0,3}officer\b|"
                                   r"\bchief\s+(?:of\s+staff|executive|scientist|architect|"
                                   r"economist)\b|\b(?:co-?)?founder\b|(?<!vice )"
                                   r"(?<!vice-)\bpresident\b|генеральн\w+\s+директор\w*|"
                                   r"directeur\s+g[ée]n[ée]ral)")),
    ("director", 0.95, re.compile(r"(?i)\bdirector\b|\bhead\s+of\b|\bdirect(?:eur|rice)\b|"
                                  r"директор\w*")),
    ("lead", 0.85, re.compile(r"(?i)\b(?:team|tech|technical|engineering|squad|group)\s+"
                              r"lead(?:er)?\b|\blead\b(?![\s-](?:gen|based|abatement|paint))|тимлид\w*|"
                              r"\b(?:team|gruppen|schicht)[\s-]?(?:leit(?:er|erin|ung)|lead)\w*")),
    ("senior", 0.95, re.compile(r"(?i)\bsenior\b|\bsr\b\.?|\bsnr\b|старш\w+|ведущ\w+")),
    ("senior", 0.85, re.compile(rf"(?i)\b(?:staff|principal)\s+(?:[\w-]+\s+){{0,2}}"
                                rf"{_TECH_NOUN}\b")),
    ("entry", 0.95, re.compile(r"(?i)\bjunior\b|\bjr\b\.?|\bentry[\s-]*level\b|(?<!data )\bentry\b|"
                               r"\bgraduate\b|\bnew\s+grad\b|\bapprentice\b|\btrainee\b|"
                               r"младш\w+|d[ée]butant\w*")),
    ("mid", 0.85, re.compile(r"(?i)\bmid[\s-]*level\b|\bintermediate\b")),
    ("manager", 0.8, re.compile(r"(?i)\bmanager\b|\bmgr\b|\bsupervisor\b|руководител\w*|"
                                r"\bresponsable\b|\bchef\s+de\s+projet\b|"
                                r"\b\w*leit(?:er|erin|ung)\b")),
    ("entry", 0.7, re.compile(r"(?<=[A-Za-z] )I(?=\s*(?:$|[,(|/–-]))")),
    ("mid", 0.7, re.compile(r"(?<=[A-Za-z] )II(?=\s|$|[,(|/–-])")),
    ("senior", 0.7, re.compile(r"(?<=[A-Za-z] )(?:III|IV)(?=\s|$|[,(|/–-])|"
                               r"(?<=[A-Za-z] )V(?=\s*(?:$|[,(|/–-]))")),
]

_LEVEL_LABEL = re.compile(
    r"(?im)^[ \t•*\-]*(?:seniority(?:\s+level)?|experience\s+level|career\s+level|job\s+level|"
    r"position\s+level|required\s+experience|level|уровень(?:\s+должности)?)"
    r"[ \t]*(?::[ \t]*|\n[ \t]*)(?P<v>[^\n:]{2,40}?)[ \t]*$"
)
# (value, confidence, pattern) for a labelled level; fullmatch on the value
_LEVEL_VALUES: list[tuple[str, float, re.Pattern[str]]] = [
    ("internship", 0.9, re.compile(r"(?i)intern(?:ship)?")),
    ("entry", 0.9, re.compile(r"(?i)(?:entry|junior|graduate)(?:[\s-]*level)?|no\s+experience")),
    ("mid", 0.5, re.compile(r"(?i)mid[\s-]*senior(?:[\s-]*level)?")),
    ("mid", 0.85, re.compile(r"(?i)(?:mid|middle|intermediate)(?:[\s-]*level)?")),
    ("senior", 0.85, re.compile(r"(?i)(?:senior|experienced)(?:[\s-]*level)?")),
    ("lead", 0.85, re.compile(r"(?i)lead(?:[\s-]*level)?")),
    ("manager", 0.85, re.compile(r"(?i)manager(?:[\s-]*level)?")),
    ("director", 0.9, re.compile(r"(?i)director(?:[\s-]*level)?")),
    ("executive", 0.9, re.compile(r"(?i)executive(?:[\s-]*level)?|c[\s-]*level|vp")),
]


def title_level(title: str) -> tuple[str, float] | None:
    """(seniority, confidence) named by a job title, or None."""
    for value, confidence, pattern in _TITLE_RULES:
        if pattern.search(title):
            return value, confidence
    return None


def _title_span(title: str, text: str) -> tuple[int, int] | None:
    at = text.find(title)
    if at >= 0:
        return at, at + len(title)
    words = [re.escape(w) for w in title.split()]
    if not words:
        return None
    m = re.search(r"\s+".join(words), text, re.IGNORECASE)
    return m.span() if m else None


def _from_title(title: str, text: str) -> list[Found[str]]:
    level = title_level(" ".join(title.split()))
    if level is None:
        return []
    span = _title_span(title.strip(), text)
    if span is None:
        return [Found(level[0], -1, -1, min(level[1], 0.9))]
    return [Found(level[0], span[0], span[1], level[1])]


def _from_labels(text: str) -> list[Found[str]]:
    out: list[Found[str]] = []
    for m in _LEVEL_LABEL.finditer(text):
        raw = m.group("v").strip()
        for value, confidence, pattern in _LEVEL_VALUES:
            if pattern.fullmatch(raw):
                out.append(Found(value, m.start("v"), m.start("v") + len(raw), confidence))
                break
    return out


def parse_seniority(title: str | None, text: str) -> list[Found[str]]:
    """Seniority candidates: the title's level first, then labelled levels in ``text``.

    A title hit spans the title's first occurrence in ``text`` (start = end = -1 and
    confidence at most 0.9 when the title is not in the text).
    """
    found = _from_title(title, text) if title and title.strip() else []
    return found + _from_labels(text)


def supports(value: str, text: str) -> bool:
    """Whether ``text`` names level ``value`` in this parser's words: a title word for it
    anywhere ("Senior", "Head of", "Стажёр"), or a labelled level ("Seniority level: Entry")."""
    if any(level == value and rx.search(text) for level, _, rx in _TITLE_RULES):
        return True
    return any(f.value == value for f in _from_labels(text))
