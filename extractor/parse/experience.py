"""Years of experience asked for: "3+ years of experience" -> 3, "3-5 years" -> 3.

A figure counts when experience is named next to it ("5+ yrs of Python experience",
"Experience: 6+ years", "Minimum 2 years in PHP development", "3+ years as a
Supervisor", "опыт работы от 1 года", "2 ans d'expérience", "mindestens 3 Jahre
Berufserfahrung", "Berufserfahrung von 1-2 Jahren"). The lower end of a range
is taken. Company age ("founded 20 years ago", "for over 15 years we have"), ages
("18 years of age"), degree lengths ("4 Year University Degree") and service years
are not experience. "No experience required" / "без опыта" gives 0. Every stated
requirement is returned in order; the caller takes the least. Wishes ("5 years
preferred") get a lower confidence.
"""

from __future__ import annotations

import re

from extractor.parse.base import Found, posting_end

_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
          "fifteen": 15, "twenty": 20}
_NUM = (r"(?:(?<![\d.,–-])\d{1,2}(?:\.\d)?|\b(?:one|two|three|four|five|six|seven|eight|"
        r"nine|ten|eleven|twelve|fifteen|twenty|an?)\b)(?:\s*\(\d{1,2}\))?")
_NUM_TO = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\b"
_EN = re.compile(
    r"(?i)(?P<lead>\b(?:at\s+least|(?:a\s+)?minimum(?:\s+of)?|min\.|no\s+less\s+than|"
    rf"not\s+less\s+than)\s+)?(?P<n>{_NUM})\s*(?P<plus>\+|\s+plus\b|\s+or\s+more\b)?\s*"
    rf"(?:(?:-|–|—|to|or)\s*{_NUM_TO}\s*\+?\s*)?(?:years?|yrs?)\b['’]?\+?(?!-)")
_RU = re.compile(
    r"(?i)(?:опыт\w*|стаж\w*)(?:\s+работы)?(?:\s+[а-яё-]+){0,4}?\s*[:\-–]?\s*"
    r"(?P<lead>от|не\s+менее|более|свыше|минимум)?\s*(?P<n>\d{1,2}(?:[.,]\d)?)"
    r"(?:-?(?:го|х|ти|и|ух))?(?:\s*[-–]\s*\d{1,2})?\s*(?:год|года|лет)(?![а-я])")
_FR = re.compile(
    r"(?i)(?:\b(?P<n>\d{1,2})\s*(?:(?:à|-)\s*\d{1,2}\s*)?ans?\s+(?:minimum\s+)?"
    r"(?:d['’]|en\s+)exp[ée]rience|exp[ée]rience\w*(?:\s+[\w'’]+){0,4}?\s*[:\-]?\s*"
    r"(?:de\s+|d['’]au\s+moins\s+|minimum\s+|au\s+moins\s+)?(?P<m>\d{1,2})\s*"
    r"(?:(?:à|-)\s*\d{1,2}\s*)?ans?\b)")
_DE = re.compile(
    r"(?i)(?:\b(?P<n>\d{1,2})\s*\+?\s*(?:(?:-|–|bis)\s*\d{1,2}\s*)?jahr(?:e|en)?\s+"
    r"(?:[\wäöüß-]+\s+){0,3}?[\wäöüß]*erfahrung|[\wäöüß]*erfahrung(?:\s+[\wäöüß]+){0,4}?\s*"
    r"[:\-–]?\s*(?:von\s+|seit\s+)?(?:mindestens\s+|min\.\s+|über\s+|mehr\s+als\s+)?"
    r"(?P<m>\d{1,2})\s*\+?\s*(?:(?:-|–|bis)\s*\d{1,2}\s*)?jahr(?:e|en)?\b)")
# an item of a requirement list that starts with the years: "• 4+ Jahre Backend-Entwicklung"
_DE_ITEM = re.compile(r"(?im)^[ \t]*[•*▪✓\-–]?[ \t]*(?:(?P<lead>mindestens|min\.)\s+)?"
                      r"(?P<n>\d{1,2})\s*(?P<plus>\+)?\s*jahr(?:e|en)?\s+(?!urlaub|garantie|"
                      r"alt\b|jung\b|tradition)[\wäöüß]")
_NONE = re.compile(
    r"(?i)\bno\s+(?:prior\s+|previous\s+)?experience\s+(?:is\s+)?(?:required|needed|"
    r"necessary)|без\s+опыта|опыт\s+не\s+(?:требуется|обязателен)|sans\s+exp[ée]rience|"
    r"d[ée]butants?\s+accept[ée]s|keine\s+(?:berufs)?erfahrung\s+(?:nötig|notwendig|"
    r"erforderlich)|(?:quer|berufs)einsteiger(?:innen|\*innen|:innen)?\s+willkommen")

_EXPERIENCE = re.compile(r"(?i)\bexp(?:erience[ds]?|\.)?(?![a-z])|expérience")
_LABEL_BEFORE = re.compile(r"(?i)\bexperience\w*\b[^.;•\n]{0,40}$")
_ROLE_AFTER = re.compile(
    r"(?i)^\s*(?:in\s+(?:a|an|the)\s+[\w\s/&-]{0,40}?\b(?:role|position|capacity|"
    r"environment|setting)s?|as\s+(?:a|an)\s+\w)")
_LEAD_AFTER = re.compile(r"(?i)^\s*(?:in|as|with|of|working|doing|on|within)\b")
_NOT_EXPERIENCE_AFTER = re.compile(
    r"(?i)\b(?:of\s+age|old|ago|degree|college|university|school|stud(?:y|ies)|programs?\b|"
    r"courses?\b|combined|collective)\b|^\W*(?:of\s+)?(?:service|history|business|tradition|"
    r"existence|operations?|warranty|contract|lease|commitment|education)\b")
_NOT_EXPERIENCE_BEFORE = re.compile(
    r"(?i)\b(?:for\s+(?:over|more\s+than|nearly|almost|about|the\s+(?:past|last))|"
    r"over\s+the\s+(?:past|last|next)|founded|established|since|in\s+business|within|"
    r"after|every|each|per)\b[^.;•\n]{0,12}$|(?:aged?|age\s+of)\s*$")
_COMPANY = re.compile(r"(?i)\b(?:our|we|we['’]ve|we['’]re|company|firm|organi[sz]ation)\b|"
                      r"\b(?:with|ha[sv]e?)\s+(?:over|more\s+than|nearly|almost)\s*$")
_SEEKER = re.compile(
    r"(?i)\b(?:you|your|candidates?|applicants?|individual|someone|person|requir\w*|must|"
    r"minimum|at\s+least|seeking|looking|ideal)\b")
_WISH = re.compile(r"(?i)\b(?:prefer\w*|desir\w*|a\s+plus|nice|ideally|bonus|advantage)\b")


def _value(raw: str) -> float:
    raw = re.sub(r"\s*\(.*", "", raw).strip().lower()
    return float(_WORDS[raw]) if raw in _WORDS else float(raw.replace(",", "."))


def _sentence_before(text: str, start: int) -> str:
    before = text[max(0, start - 120):start]
    return re.split(r"[.;•\n]\s", before)[-1]


def _after(text: str, end: int) -> str:
    """Text right after the years, up to the next figure or sentence end."""
    return re.split(r"\d|\n|[.;•]\s", text[end:end + 70], maxsplit=1)[0]


def _is_requirement(m: re.Match[str], text: str) -> bool:
    """Is an English "N years" about the candidate's experience?"""
    after, before = _after(text, m.end()), _sentence_before(text, m.start())
    exp = _EXPERIENCE.search(after)
    head = after[:exp.start()] if exp else after
    if _NOT_EXPERIENCE_AFTER.search(head) or _NOT_EXPERIENCE_BEFORE.search(before):
        return False
    if _COMPANY.search(before) and not _SEEKER.search(before):
        return False
    if exp or _LABEL_BEFORE.search(before) or _ROLE_AFTER.match(after):
        return True
    # "minimum of 5 yrs", "5+ yrs": a bare figure, only small and not "for 20+ years"
    bare = not after.strip() or _LEAD_AFTER.match(after)
    small = _value(m.group("n")) < 16 and not re.search(r"(?i)\bfor\s*$", before)
    return bool((m.group("lead") or m.group("plus")) and bare and small)


def _confidence(text: str, start: int, end: int) -> float:
    around = _sentence_before(text, start) + _after(text, end)
    return 0.7 if _WISH.search(around) else 1.0


def parse_experience_years(text: str) -> list[Found[float]]:
    """Years of experience asked for, in order of appearance (the caller takes the least)."""
    body = text[:posting_end(text)]
    found: list[Found[float]] = []
    for m in _EN.finditer(body):
        if _is_requirement(m, body):
            found.append(Found(_value(m.group("n")), m.start(), m.end(),
                               _confidence(body, m.start(), m.end())))
    for rx in (_RU, _FR, _DE):
        for m in rx.finditer(body):
            n = m.groupdict().get("n") or m.groupdict().get("m")
            assert n is not None  # both patterns need an n or an m group to match
            found.append(Found(_value(n), m.start(), m.end(), _confidence(body, m.start(),
                                                                          m.end())))
    for m in _DE_ITEM.finditer(body):
        if (m.group("lead") or m.group("plus")) and not any(
                f.start <= m.start("n") < f.end for f in found):
            found.append(Found(_value(m.group("n")), m.start("n"), m.end(), 0.8))
    for m in _NONE.finditer(body):
        found.append(Found(0.0, m.start(), m.end(), 0.8))
    return sorted(found, key=lambda f: f.start)
