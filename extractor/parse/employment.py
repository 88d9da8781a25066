"""Employment types: full_time / part_time / contract / temporary / internship /
volunteer / per_diem / other.

Only precise contexts count, since "full-time employees get 20 days off" or
"contract negotiations" say nothing about this job:

* a label: "Job Type: Full-time", "TERM: Full time", "Position Type\\nFull Time",
  "Hire Type: 12 Months Contract", "Тип занятости: ...", "Type de contrat : CDI";
* a header token: a short line, or a part of one between separators, that is only
  the type ("Internship", "Полная занятость", "Remote · Full Time", "(Part-Time)");
* a statement about this job: "This is a full-time on-site role", "on a part-time
  basis", "seeking a part-time AI Trainer", "As the Design Intern", "this internship".

Mappings: contractor / freelance / independent contractor / 1099 / "проектная
работа" -> contract; temp / seasonal / CDD / intérim / befristet -> temporary; CDI
(French only), unbefristet / Festanstellung (German) -> full_time, as the permanent
contract they name, unless the posting states part-time ("CDI à temps partiel",
"Teilzeit, unbefristet"); Minijob -> part_time; "Pensum 100 %" -> full_time; PRN / per
diem -> per_diem (per diem only as a label or token, as it
is also a travel allowance); stage (French text only, not "stage de formation"),
alternance, apprentissage and apprenticeship -> internship: work-study contracts are
trainee positions and the record has no apprenticeship value. "other" only when a
label says so. Each type is returned once, at its most certain mention.
"""

from __future__ import annotations

import re

from extractor.parse.base import Found, posting_end

_END = r"(?-i:(?![a-zа-яёäöüß]))"
# a permanent contract's words: full-time evidence unless part-time is stated
_PERMANENT = r"(?-i:CDI)|unbefristet\w*|festanstellung|festangestellt\w*"
_PERMANENT_RX = re.compile(rf"(?i)^(?:{_PERMANENT})$")
_TERMS: list[tuple[str, str]] = [
    ("full_time", rf"full[\s-]?time|полная\s+занятость|temps\s+plein|vollzeit\w*|"
                  rf"pensum\s*:?\s*100\s?%|{_PERMANENT}"),
    ("part_time", r"part[\s-]?time|частичная\s+занятость|temps\s+partiel|teilzeit\w*|"
                  r"minijob\w*"),
    ("contract", r"contract(?:or)?(?:[\s-]to[\s-]hire)?|freelance(?:r)?|1099|"
                 r"проектная\s+работа|prestataire"),
    ("temporary", r"temp(?:orary)?|seasonal|(?-i:CDD)|int[ée]rim\w*|временная\s+работа|"
                  r"befristet\w*"),
    ("internship", r"intern(?:ship)?|стажировка|stage|alternance|apprentissage|"
                   r"apprentice(?:ship)?|praktikum"),
    ("volunteer", r"volunteer|волонт[её]рство|b[ée]n[ée]volat"),
    ("per_diem", r"per[\s-]?diem|(?-i:PRN)"),
]
_TERM_RX = [(v, re.compile(rf"(?i)\b(?:{rx}){_END}")) for v, rx in _TERMS]
# terms that name a type only in French text: "Stage" in English is a phase, "CDI" an acronym
_FRENCH_ONLY = frozenset({"stage", "cdi", "cdd"})
_OTHER = re.compile(r"(?i)^\W*other\W*$")

_LABEL = re.compile(
    r"(?im)(?:\b(?:job|employment|position|work|contract|hire|engagement|role|employee)\s*"
    r"(?:type|status)s?|\btype\s+of\s+(?:employment|contract|position)|\bterm|\bduration|"
    r"^[ \t]*status|^[ \t]*type|\bschedule|type\s+de\s+contrat|type\s+d['’]emploi|"
    r"тип\s+занятости|^[ \t]*занятость)(?:[ \t]*[:\-–][ \t]*|[ \t]*\n[ \t]*)"
    r"(?P<value>[^\n]{1,60})")
_TITLE = re.compile(r"(?im)^[ \t]*(?:job\s+)?title[ \t]*:[ \t]*(?P<value>[^\n]{1,150})")
_TITLE_TERM = re.compile(
    rf"(?i)\b(?P<t>intern(?:ship)?|part[\s-]?time|full[\s-]?time|temp(?:orary)?|seasonal|"
    rf"per[\s-]?diem|(?-i:PRN)|volunteer|freelance(?:r)?){_END}(?!\s+(?:program\w*|"
    r"coordinator|manager|recruit\w*|supervisor))|(?:\(|[-–]\s*)(?P<c>contract)\b")
_SEGMENT_SPLIT = re.compile(r"[·|•,;:/\[\]]| [-–] ")
_SEGMENT_TAIL = re.compile(r"(?i)\s+(?:position|role|job|opportunity)$")

_NOT_CONTRACT_JOB = (r"(?!\s+(?:manag\w*|admin\w*|specialist|analyst|negotiat\w*|attorney|"
                     r"lawyer|officer|compliance|review\w*|law|clerk|coordinator))")
_PHRASE = (rf"full[\s-]?time|part[\s-]?time|contract{_NOT_CONTRACT_JOB}|freelance|"
           r"temp(?:orary)?|seasonal|volunteer|per[\s-]?diem|PRN")
_WORDS = r"(?:[\w,&/-]+\s+){0,5}?"
_STATEMENTS: list[tuple[re.Pattern[str], float]] = [(re.compile(rx), c) for rx, c in (
    (rf"(?i)\b(?:this\s+is\s+an?|is\s+an?|on\s+an?|offer(?:ing)?\s+an?)\s+{_WORDS}"
     rf"(?P<t>{_PHRASE}){_END}(?:\s+{_WORDS}(?:role|position|job|opportunity|basis|"
     r"employment|assignment|engagement|gig|internship)\b)", 0.9),
    (rf"(?i)\b(?:this|the\s+following|the)\s+(?P<t>{_PHRASE}){_END}[\s,]+(?:[\w-]+\s+){{0,2}}?"
     r"(?:role|position|job|opportunity|internship)\b", 0.85),
    (rf"(?i)\((?:[^()\n]{{0,30}}[,/]\s*)?(?P<t>{_PHRASE}|contractor|freelancer){_END}"
     r"(?:\s*[,/][^()\n]{0,30})?\)(?!\s*(?:employees|staff|workers|team|only|positions|roles))",
     0.85),
    (rf"(?i)\b(?:hiring|hire|seeking|seeks|looking\s+for|looking\s+to\s+(?:hire|add)|"
     rf"recruiting|to\s+add)\s+an?\s+{_WORDS}(?P<t>{_PHRASE}|contractor|freelancer|intern)"
     rf"{_END}", 0.85),
    (r"(?i)\bas\s+(?:an?|the|our)\s+(?:independent\s+)?(?:[\w&/-]+\s+){0,4}?"
     r"(?P<t>contractor|freelancer|intern)\b(?!s)", 0.8),
    (r"(?i)\bthe\s+(?:[\w&/-]+\s+){0,4}?(?P<t>intern)\s+will\b", 0.8),
    (r"(?i)\b(?:this|your)\s+(?:[\w-]+\s+){0,2}?(?P<t>internship)\b|\b(?:paid|unpaid|summer|"
     r"winter|spring|fall|remote|on-?site|hybrid|\d+[\s-](?:week|month))\s+(?P<t2>internship)"
     r"\b|\b(?P<t3>internship)\s+(?:position|role|opportunity|program(?:me)?|dates?|period)\b"
     r"(?!\s+(?:manager|coordinator|director|lead|specialist))",
     0.85),
    (r"(?i)\b(?P<t>independent\s+contractor|contract[\s-]to[\s-]hire)\b", 0.85),
    (r"(?-i:\b(?P<t>PRN)\b)(?!\s+(?:medication|meds|orders?|dos\w+|drugs?|requests?))", 0.85),
    (r"(?i)(?<![\"'])(?P<t>полная\s+занятость|частичная\s+занятость)(?![\"'])", 0.95),
)]
_FRENCH_STATEMENTS: list[tuple[re.Pattern[str], float]] = [(re.compile(rx), c) for rx, c in (
    (r"(?-i:\b(?P<t>CDI|CDD)\b)", 0.9),
    (r"(?i)\b(?P<t>stage)\b(?!\s+de\s+formation)", 0.8),
    (r"(?i)\b(?P<t>alternance|apprentissage|temps\s+plein|temps\s+partiel|int[ée]rim\w*)\b",
     0.85),
)]
# German text: the type words are statements wherever they stand ("in Teilzeit",
# "Vollzeitstelle", "unbefristeter Arbeitsvertrag", "auf Minijob-Basis")
_GERMAN_STATEMENTS: list[tuple[re.Pattern[str], float]] = [(re.compile(rx), c) for rx, c in (
    (rf"(?i)\b(?P<t>vollzeit\w*|teilzeit\w*|minijob\w*|(?<!un)befristet\w*|{_PERMANENT}|"
     r"praktikum)(?![a-zäöüß])", 0.85),
)]
# a candidate's past, a negation, work authorisation or the reader's own wishes
_NOT_THIS_JOB = re.compile(
    r"(?i)\b(?:experience|worked|working|served|previous|prior|former|not|never|no|"
    r"authori[sz]ed|eligible|permitted|convert\w*|conversion|transition\w*|potential|"
    r"possib\w+|lead\s+to|into|future|eventual\w*|after)\b|n['’]t\b|"
    r"\byou(?:\s+are|['’]re)?\s+$|\bif\s+you\b")
_FRENCH_WORDS = re.compile(r"(?i)\b(?:le|la|les|des|et|vous|nous|une|pour|avec|dans|est|du|au)\b")
_GERMAN_WORDS = re.compile(r"(?i)\b(?:der|die|das|und|mit|für|wir|sie|ist|ein|eine|zu|von|"
                           r"bei|auf|im|du|dein|ihr|ihre|unser|unsere)\b")
_ENGLISH_WORDS = re.compile(r"(?i)\b(?:the|and|you|with|for|our|will|are|is|to)\b")


def names_a_type(term: str) -> bool:
    """Whether ``term`` is, whole, an employment type's word ("CDI", "Vollzeit", "Contract"):
    the place parser skips these, so "Lieu : Paris, CDI" is not a region "CDI"."""
    return _kind(term) is not None


def _kind(term: str) -> str | None:
    """The employment type a matched term names."""
    for value, rx in _TERM_RX:
        if rx.fullmatch(term.strip()):
            return value
    return None


def _labelled(text: str) -> list[Found[str]]:
    out = []
    for m in _LABEL.finditer(text):
        value, start = m.group("value"), m.start("value")
        for kind, rx in _TERM_RX:
            out += [Found(kind, start + t.start(), start + t.end(), 1.0)
                    for t in rx.finditer(value)]
        if _OTHER.match(value):
            out.append(Found("other", start, start + len(value.rstrip()), 1.0))
    return out


def _titled(text: str) -> list[Found[str]]:
    """A type named in a "Title:" line: "Digital Marketing Intern", "Part Time Bookkeeper"."""
    out = []
    for m in _TITLE.finditer(text):
        for t in _TITLE_TERM.finditer(m.group("value")):
            group = "t" if t.group("t") else "c"
            kind = _kind(t.group(group))
            if kind:
                start = m.start("value") + t.start(group)
                out.append(Found(kind, start, start + len(t.group(group)), 0.9))
    return out


def _segments(text: str) -> list[Found[str]]:
    """Header tokens: a short line, or a part of one, that is only the type."""
    out, pos = [], 0
    for line in text.split("\n"):
        if len(line) <= 120:
            for part in _SEGMENT_SPLIT.split(line):
                term = _SEGMENT_TAIL.sub("", part.strip().strip(":.").strip())
                kind = _kind(term) if term else None
                if kind:
                    start = text.index(term, pos)
                    out.append(Found(kind, start, start + len(term), 0.9))
        pos += len(line) + 1
    return out


def _statements(text: str, rules: list[tuple[re.Pattern[str], float]]) -> list[Found[str]]:
    """Statements about this job, not "experience as an intern" or "not hiring a freelancer"."""
    out = []
    for rx, confidence in rules:
        for m in rx.finditer(text):
            if _NOT_THIS_JOB.search(text[max(0, m.start() - 50):m.start()]):
                continue
            group = next(g for g in ("t", "t2", "t3") if m.groupdict().get(g))
            kind = _kind(m.group(group))
            if kind:
                out.append(Found(kind, m.start(group), m.end(group), confidence))
    return out


def _is_french(text: str) -> bool:
    french = len(_FRENCH_WORDS.findall(text))
    return french >= 5 and french > len(_ENGLISH_WORDS.findall(text))


def _is_german(text: str) -> bool:
    german = len(_GERMAN_WORDS.findall(text))
    return german >= 5 and german > len(_ENGLISH_WORDS.findall(text))


def _permanent_only(found: Found[str], text: str, kinds: set[str]) -> bool:
    """A full-time reading that rests on a permanent contract's word, where the posting
    states part-time: the contract is permanent, the hours are not full."""
    return (found.value == "full_time" and "part_time" in kinds
            and _PERMANENT_RX.match(text[found.start:found.end]) is not None)


def parse_employment_types(text: str) -> list[Found[str]]:
    """Employment types stated for this job, each once, in order of appearance."""
    body = text[:posting_end(text)]
    found = _segments(body) + _titled(body) + _statements(body, _STATEMENTS)
    if _is_french(body):
        found += _statements(body, _FRENCH_STATEMENTS) + _labelled(body)
    else:  # "Stage" in English text is a phase; "CDI" alone may be an acronym
        found = [f for f in found if body[f.start:f.end].lower() not in _FRENCH_ONLY]
        found += [f for f in _labelled(body) if body[f.start:f.end].lower() != "stage"]
    if _is_german(body):
        found += _statements(body, _GERMAN_STATEMENTS)
    kinds = {f.value for f in found}
    best: dict[str, Found[str]] = {}
    for f in sorted(found, key=lambda f: (-f.confidence, f.start)):
        if not _permanent_only(f, body, kinds):
            best.setdefault(f.value, f)
    return sorted(best.values(), key=lambda f: f.start)


def supports(value: str, text: str) -> bool:
    """Whether ``text`` names employment type ``value`` in this parser's words, anywhere
    (grounding a model's value needs no label or statement): "Vollzeit" supports full_time.
    "other" counts only where a label says so ("Employment type: Other")."""
    if value == "other":
        return any(f.value == "other" for f in _labelled(text))
    rx = dict(_TERM_RX).get(value)
    if rx is None:
        return False
    french = _is_french(text)
    return any(french or m.group().lower() not in _FRENCH_ONLY for m in rx.finditer(text))
