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

from extractor.load import company_column, title_column

MAX_CANDIDATES = 6

# Origin ranks: lower is more reliable.
RANK = {"jsonld": 0, "field": 1, "labelled": 2, "heading": 3, "byline": 4, "pattern": 5,
        "line": 6}
TOP_CHARS = 900  # the posting's own header; "similar jobs" sit further down

_TITLE_LABEL = re.compile(
    r"^\s*(?:job\s+title|title|position(?:\s+title)?|role|poste|intitulé du poste|"
    r"должность|вакансия|stellenbezeichnung|stellentitel|jobtitel|stellenanzeige|titel)"
    r"\s*[:\-–]\s*(?P<v>.{3,120}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_COMPANY_LABEL = re.compile(
    r"^\s*(?:company(?:\s+name)?|employer|organi[sz]ation|hiring organi[sz]ation|"
    r"entreprise|société|компания|работодатель|unternehmen|arbeitgeber|firma)\s*[:\-–]\s*"
    r"(?P<v>.{2,80}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_NAME = (r"(?P<v>[A-ZÄÖÜ][\w&.'\-]*(?:\s+(?:[A-ZÄÖÜ0-9][\w&.'\-]*|of|and|&|de|du|und|für)"
         r"){0,4})")
# a legal form after a name: "Nordwind Logistik GmbH", "Aare Präzision AG", "Acme Ltd"
_LEGAL_FORM = (r"(?:GmbH(?:\s*&\s*Co\.\s*KG(?:aA)?)?|gGmbH|AG|SE|KGaA|KG|OHG|UG"
               r"(?:\s*\(haftungsbeschränkt\))?|e\.\s?V\.|Ltd\.?|LLC|Inc\.?|S\.A\.|SARL|SAS|"
               r"B\.V\.|N\.V\.|S\.p\.A\.|S\.r\.l\.|Oy|AB|A/S)(?![\w])")
_COMPANY_PATTERNS = [
    re.compile(r"^" + _NAME + r"\s+Logo\s*$", re.MULTILINE),
    re.compile(r"^\s*About\s+" + _NAME + r"\s*:?\s*$", re.MULTILINE),
    re.compile(r"\bAt\s+" + _NAME + r",\s+(?:we|our|you)\b"),
    re.compile(r"\bJoin\s+" + _NAME + r"(?:[!.,]|\s+(?:and|as|in|to)\b)"),
    re.compile(r"^" + _NAME + r"\s+(?:is|are|was|est|runs|builds|designs|makes|develops|"
               r"provides|offers|helps|creates|operates|разрабатывает|создает|создаёт|—)\s",
               re.MULTILINE),
    re.compile(r"^\s*(?:Company|Компания)\s+" + _NAME + r",?\s+(?:needs|seeks|is|ищет)",
               re.MULTILINE),
    # German: "Über Brenner" (a heading), "Die Kanzlei Berger sucht", "Bei Acme arbeitest du"
    re.compile(r"^\s*Über\s+(?:die\s+|den\s+|das\s+|uns\s+bei\s+)?" + _NAME + r"\s*:?\s*$",
               re.MULTILINE),
    re.compile(r"(?:^|(?<=[.!?]\s))(?:Die|Der|Das)\s+" + _NAME + r"\s+(?:ist|sucht|bietet|"
               r"entwickelt|gehört|steht|zählt|wurde|betreibt|versorgt|produziert|vertreibt|"
               r"beschäftigt|betreut|unterstützt|plant|baut)\s", re.MULTILINE),
    re.compile(r"\bBei\s+(?:der\s+|dem\s+)?" + _NAME + r"\s+(?:arbeitest|arbeiten|erwartet|"
               r"bist|gestaltest|entwickelst)\b"),
    re.compile(r"\b(?P<v>[A-ZÄÖÜ][\w&.'\-]*(?:\s+[A-ZÄÖÜ0-9&][\w&.'\-]*){0,3}\s+"
               + _LEGAL_FORM + ")"),
]
_NOT_A_NAME = {
    "we", "our", "you", "the", "this", "job", "about", "company", "role", "position", "us",
    "apply", "remote", "hybrid", "description", "responsibilities", "requirements",
}
_CHROME_LINE = re.compile(
    r"^(?:apply(?: now)?|save|share|logo|sign in|log in|menu|home|careers|jobs|back|"
    r"remote|hybrid|on-?site|full[- ]time|part[- ]time|internship|contract|new)$|"
    r"@|https?://|^[\w ]{2,20}:\s|\s·\s.*\b(?:remote|full[- ]time|part[- ]time|hybrid)\b",
    re.IGNORECASE,
)
# Trailing parts of a title line that are not the title: pay, contract terms, the workplace,
# hype. The parsers read the type and workplace they state from the line itself (the
# labels leave "| Hybrid", "– Contract – Outside IR35", "– CDI" out of the title).
_TERMS_TAIL = (r"\bCD[DI]\b|contract|freelance|outside ir35|inside ir35|remote|hybrid|"
               r"on-?site|temporary|full[- ]time|part[- ]time|vollzeit|teilzeit|minijob|"
               r"(?:un)?befristet")
_TITLE_TAIL = re.compile(
    rf"\s*(?:\||\s[–—-]\s(?=[^–—-]*(?:{_TERMS_TAIL}|\d|[$€£₽]))|\s[$€£₽]\s?\d|"
    rf"\(multiple levels\)|\((?:{_TERMS_TAIL})\b[^()]{{0,40}}\)\s*$|"
    rf"\s(?:in|auf)\s+(?:{_TERMS_TAIL})[\w-]*\s*$).*$",
    re.IGNORECASE,
)
_TITLE_HEAD = re.compile(
    r"^(?:#+\s*)?(?:(?:stage|alternance|mission freelance|internship|contract|cdd|cdi)"
    r"\s*[–—:-]\s*)?",
    re.IGNORECASE,
)
_NOT_A_COMPANY = re.compile(
    r"^(?:data|product|design|engineering|sales|marketing|finance|operations|support|"
    r"people|legal|security|research|(?:\w+ )?team|stage|alternance|mission freelance|"
    r"position summary|job details|loading.*)$",
    re.IGNORECASE,
)
_SHOUTED_LABEL = re.compile(r"^[A-Z\s]+:?$")
# "Company – City", "Company · City · Hybrid", "Company - Columbus, OH": the byline under a title.
_BYLINE = re.compile(r"^(?P<v>[^\n·–—|]{2,60}?)\s+(?:[·–—|]|-\s)\s*\S")
_LEGAL_PREFIX = re.compile(r"^(?:ООО|ОАО|ЗАО|ПАО|АО|ИП)\s+")
_TITLE_WORD = re.compile(
    r"\b(?:engineer|developer|manager|analyst|scientist|designer|intern|director|lead|"
    r"specialist|consultant|assistant|coordinator|officer|architect|administrator|"
    r"representative|associate|technician|nurse|accountant|executive|head|writer|"
    r"operator|driver|teacher|agent|sales|advisor|recruiter|researcher|programmer|"
    r"tutor|volunteer|rn|lpn|cook|chef|cashier|clerk|bookkeeper|editor|marketer|"
    r"инженер|менеджер|разработчик|аналитик|специалист|администратор|бухгалтер|директор|"
    r"юрист|дизайнер|водитель|продавец|оператор|консультант|тестировщик|преподаватель|"
    r"учитель|стажер|стажёр|программист|руководитель|"
    r"ingénieur|développeur|responsable|chargé|stagiaire|commercial|analyste|technicien|"
    r"conseiller|vendeur|gestionnaire|comptable|juriste|assistant)\w*"
    # German job nouns, inside compounds too ("Softwareentwickler", "Servicetechniker:in")
    r"|\w*(?:entwickler|ingenieur|berater|leiter|leitung|referent|sachbearbeiter|kaufmann|"
    r"kauffrau|kaufleute|buchhalter|techniker|mechaniker|mechatroniker|elektriker|elektroniker|"
    r"monteur|fachkraft|kraft|mitarbeiter|assistenz|sekretär|verkäufer|fahrer|pfleger|erzieher|"
    r"lehrer|architekt|werkstudent|praktikant|auszubildende|helfer|lagerist|disponent|"
    r"betreuer|therapeut|apotheker|jurist|redakteur|gestalter|programmierer|informatiker|"
    r"meister|schlosser|tischler|koch|köchin)(?:in|innen)?\b"
    # a gender tag marks a German or Austrian job title: "(m/w/d)", "(w/m/d)", "(all genders)"
    r"|\((?:[mwdfxi]|div)(?:\s*/\s*(?:[mwdfxi]|div)){1,3}\)|\(all\s+genders?\)",
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
    _add(out, text, _clean_any(_jsonld_value(jsonld, "title")), "jsonld")
    _add(out, text, _clean_any(title_column(fields)), "field")
    for match in _TITLE_LABEL.finditer(text[:4000]):
        _add(out, text, clean_title(match.group("v")), "labelled")
    _add(out, text, clean_title(hint) if hint else None, "heading")
    for line in _leading_lines(text):
        _add(out, text, clean_title(line), "line")
    return _sorted(out)[:MAX_CANDIDATES]


def _clean_any(value: Any) -> Any:
    return clean_title(value) if isinstance(value, str) else value


def clean_title(line: str) -> str:
    """Drop a markdown mark, a contract prefix and trailing pay/terms from a title line."""
    title = _TITLE_HEAD.sub("", line.strip())
    return _TITLE_TAIL.sub("", title).strip(" -–—|,") or line.strip()


def _leading_lines(text: str, limit: int = 12) -> list[str]:
    """Short lines near the top that read like a job title."""
    lines = []
    for raw in text[:TOP_CHARS].splitlines():
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
    _add(out, text, company_column(fields), "field")  # without Glassdoor's "\n3.1" rating
    for match in _COMPANY_LABEL.finditer(text[:6000]):
        _add(out, text, match.group("v"), "labelled")
    for name in _bylines(text):
        _add(out, text, name, "byline")
    for pattern in _COMPANY_PATTERNS:
        for match in pattern.finditer(text[:8000]):
            if _not_junk(match.group("v")):
                _add(out, text, match.group("v"), "pattern")
    return _by_support(out, text)[:MAX_CANDIDATES]


def _bylines(text: str) -> list[str]:
    """Names from the short lines at the top: "Acme – Paris", "ООО Ромашка", "Acme Corp"."""
    names = []
    for raw in text[:TOP_CHARS].splitlines()[:8]:
        line = raw.strip()
        match = _BYLINE.match(line)
        name = match.group("v") if match else line
        name = _LEGAL_PREFIX.sub("", name).strip()
        if _plausible_name(name) and text.count(name) >= 2:  # named again in the body
            names.append(name)
    return names


def _plausible_name(name: str) -> bool:
    return (1 <= len(name.split()) <= 5 and name[:1].isupper() and not _TITLE_WORD.search(name)
            and not _CHROME_LINE.search(name) and _not_junk(name)
            and not any(c.isdigit() for c in name))


def _not_junk(name: str) -> bool:
    """Not a department, a shouted section label or leftover mojibake."""
    from ftfy.badness import is_bad

    return not (_NOT_A_COMPANY.search(name) or _SHOUTED_LABEL.match(name) or is_bad(name))


def _by_support(cands: list[Candidate], text: str) -> list[Candidate]:
    """Rank order, but among guessed names prefer one the text repeats (a real company is
    named again in the body; a city or a tagline is not)."""
    def key(c: Candidate) -> tuple[int, int, int]:
        guessed = RANK[c.origin] >= RANK["byline"]
        repeats = text.count(c.value) if guessed else 0
        return (RANK[c.origin] if not guessed else RANK["byline"], -min(repeats, 3),
                c.start if c.start >= 0 else 10**9)

    return sorted(cands, key=key)
