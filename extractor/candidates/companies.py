"""Company candidates: labels, the header around the title, bylines and sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from extractor.candidates.base import (
    MAX_CANDIDATES,
    RANK,
    TOP_CHARS,
    Candidate,
    IsPlace,
    add_candidate,
    jsonld_value,
    mentions,
    text_lines,
)
from extractor.candidates.names import (
    clean_company,
    company_tail,
    legal_name,
    names_company,
    not_junk,
    plausible_name,
)
from extractor.candidates.reading import (
    glued_parts,
    is_glued,
    is_place_text,
    labels_in,
    person_names,
    strip_marks,
    trim_connectors,
    without_people,
)
from extractor.candidates.titles import reads_as_title
from extractor.candidates.words import (
    ABOUT_HEADING,
    AGENCY,
    ANONYMOUS,
    ARTICLES,
    AT_COMPANY,
    AT_WORD,
    BULLET,
    BYLINE,
    CJK,
    CLIENT,
    COMPANY_LABELS,
    CONN,
    GLUED_CUT,
    HEAD_NAME,
    HIRING_VERB,
    LEGAL_FORM,
    META_LINE,
    NAME,
    NAME_ZH,
    NOT_FIRST_WORDS,
    QUOTES,
    RU_VERBS,
    START,
    TITLE_LABELS,
    TITLE_WORD,
    UP,
    VERB,
    ZH_NOT_NAMES,
    ZH_PLACE,
    label_key,
)
from extractor.load import company_column


def company_candidates(
    text: str, jsonld: list[dict[str, Any]], fields: dict[str, Any] | None, *,
    titles: list[Candidate] | None = None, is_place: IsPlace | None = None,
) -> list[Candidate]:
    """Possible hiring-organisation names, most reliable first. ``titles`` (this text's
    title candidates) places the header under the title."""
    own = without_people(text)
    out: list[Candidate] = []
    page_name = jsonld_value(jsonld, "hiringOrganization", "name")
    add_candidate(out, text, clean_company(page_name), "jsonld")
    add_candidate(out, text, clean_company(company_column(fields)), "field")  # no Glassdoor rating
    for value, start in _labelled_companies(own, is_place):
        add_candidate(out, text, value, "labelled", start)
    for value, start, origin in _header_names(own, titles or [], is_place):
        add_candidate(out, text, value, origin, start)
    for name, start in _bylines(own, is_place):
        add_candidate(out, text, name, "byline", start)
    for value, start in _pattern_names(own, is_place):
        add_candidate(out, text, value, "pattern", start)
    people = person_names(text)
    out = [c for c in out if c.value.casefold() not in people]
    return _short_names(_full_names(_by_support(out, text)), text)[:MAX_CANDIDATES]


def _labelled_companies(text: str, is_place: IsPlace | None) -> Iterator[tuple[str, int]]:
    for _, value, start in labels_in(text, COMPANY_LABELS):
        name = clean_company(value)
        if _named(name, is_place):
            yield name, start


def _named(name: str, is_place: IsPlace | None) -> bool:
    """A value that names an organisation (not a place, a description or a secret)."""
    if not (2 <= len(name) <= 80) or ANONYMOUS.search(name) or not not_junk(name):
        return False
    if name[:1].islower() and not re.search(f"[{UP}]", name[1:]):
        return False  # "multinacional do setor": a description
    if len([w for w in name.split() if w[:1].islower() and not re.fullmatch(CONN, w)]) >= 3:
        return False  # "Proven ability to manage requests": a sentence after the label
    return not is_place_text(name, is_place)


def _header_names(text: str, titles: list[Candidate],
                  is_place: IsPlace | None) -> Iterator[tuple[str, int, str]]:
    """The name on the line under the title ("Isarsoft Solutions", "**Yerba Buena Apps** —
    Córdoba"), or above it on the first line; the company a title line names ("... at
    Acme", "... - 米粒科技"); the client an agency names ("our client, Acme,")."""
    yield from _client_names(text)
    # a title read from a sentence sits in the body: no header around it
    title = next((c for c in titles if c.start >= 0 and c.origin != "sentence"), None)
    if title is None:
        return
    lines = text_lines(text)
    at = next((i for i, (line, start) in enumerate(lines)
               if start <= title.start < start + len(line) + 1), None)
    if at is None:
        return
    yield from _title_line_company(text, lines[at][0], lines[at][1])
    form = title.origin == "labelled"  # "ARQELL CJSC / TITLE: ...": a form's first line
    under, above = _near_title(lines, at)
    for (line, start), heads_form in ((under, False), (above, form)):
        name = _header_name(line, text, is_place, heads_form) if start >= 0 else None
        if name:  # the line above a title that no form labels is a weaker sign
            origin = "header" if heads_form or (line, start) == under else "byline"
            yield name, start + max(line.find(name), 0), origin


def _near_title(lines: list[tuple[str, int]], at: int) -> tuple[tuple[str, int], ...]:
    """The next non-empty line under the title line (a blank line between allowed), then the
    line above it when that is the text's first and the title its second or third line."""
    under = next(((line, s) for line, s in lines[at + 1: at + 3] if line.strip()), ("", -1))
    above = [item for item in lines[:at] if item[0].strip()]
    return under, above[0] if len(above) == 1 and at <= 3 else ("", -1)


def _header_name(line: str, text: str, is_place: IsPlace | None,
                 heads_form: bool = False) -> str | None:
    plain = _join_spaced_hyphens(AT_WORD.sub("", strip_marks(line)), text)  # "bei Nordlicht AG"
    if _label_key_of(plain) or HIRING_VERB.search(plain) or ABOUT_HEADING.match(plain) or (
            META_LINE.search(plain) and not _named_before_a_place(plain, is_place)):
        return None
    legal = legal_name(plain)
    first = HEAD_NAME.match(plain)
    name = legal or (clean_company(first.group("v")) if first else None)
    if not name or AGENCY.search(name) or not plausible_name(name, is_place, shouted=True):
        return None
    whole = re.split(r"\s+[·•|｜–—]\s+|\s+-\s+", plain)[0].strip()
    if whole != name and "," in whole and mentions(text, whole) >= 2:
        name = whole  # "ProCredit Bank, Georgia", named so again: the comma is the name's
    name = name.replace(_JOINED, " - ")
    bold = bool(re.match(r"\s*(?:\*\*|__)", line))
    return name if legal or bold or heads_form or _named_again(name, text) else None


_SPACED_HYPHEN = re.compile(rf"\b([{UP}][\w'’]*) - ([{UP}][\w'’]*)\b")
_JOINED = "\u2063"  # stands for a name's own spaced hyphen while the line is cut at " - "


def _join_spaced_hyphens(line: str, text: str) -> str:
    """"Kiwi - Lime Bottlers CJSC": a name's own hyphen, spaced out, is not the " - " before a
    place when the text writes the two words joined elsewhere ("Kiwi-Lime", "Kiwi Lime")."""
    def join(match: re.Match[str]) -> str:
        first, second = match.groups()
        joined = f"{first}-{second}" in text or f"{first} {second}" in text
        return f"{first}{_JOINED}{second}" if joined else match.group(0)

    return _SPACED_HYPHEN.sub(join, line)


def _named_before_a_place(line: str, is_place: IsPlace | None) -> bool:
    """"Mate Cloud · Buenos Aires, Argentina · hace 3 días": a board's meta line that opens
    with the company, before the place (most open with the place: no company there)."""
    parts = re.split(r"\s+·\s+", line)
    return len(parts) > 2 and not is_place_text(parts[0], is_place) and is_place_text(
        parts[1], is_place)


def _named_again(name: str, text: str) -> bool:
    """A header's name is one when the text names the firm again: the whole name, or its
    first word as written ("Fernhill Software" ... "Fernhill makes"). A line under a title
    that the body never repeats is as often a district or a sector ("Zona Sul",
    "Construcción Civil"). A Chinese name is short."""
    if re.search(f"[{CJK}]", name):
        return re.fullmatch(f"[{CJK}A-Za-z0-9]{{2,16}}", name) is not None
    first = name.split()[0]
    return mentions(text, name) >= 2 or (len(first) >= 4 and mentions(text, first, exact=True) >= 2)


def _label_key_of(line: str) -> bool:
    """Whether a line opens with a field label ("Filiale :", "招聘单位 |", "Ubicación")."""
    head = re.split(r"\s*(?::\s|：|[|｜])\s*", line, maxsplit=1)[0]
    key = label_key(head)
    short_label = head != line and len(key) <= 12 and bool(re.search(r":\s|：", line[:40]))
    return key in TITLE_LABELS or key in COMPANY_LABELS or short_label


def _drop_place_words(name: str, is_place: IsPlace | None) -> str:
    """"Decathlux Lille" -> "Decathlux": a place that ends a header's name is not part of it."""
    words = name.split()
    while len(words) > 1 and is_place_text(words[-1], is_place):
        words.pop()
    return " ".join(words)


def _title_line_company(text: str, line: str, start: int) -> Iterator[tuple[str, int, str]]:
    plain = strip_marks(line)
    at = AT_COMPANY.match(plain)
    if at and names_company(at, text):
        name = clean_company(at.group("v"))
        yield name, start + max(line.find(name), 0), "header"
    parts = re.split(r"\s+[-–—]\s+", plain)
    if len(parts) > 1 and company_tail(parts[-1]):
        name = clean_company(parts[-1])
        yield name, start + max(line.find(name), 0), "header"


def _client_names(text: str) -> Iterator[tuple[str, int, str]]:
    """"working with our client, Harrowgate Building Society, on": the named client."""
    for match in CLIENT.finditer(text[:8000]):
        name = re.match(rf"[{QUOTES}]?{NAME}", text[match.end(): match.end() + 80])
        if name and not_junk(name.group("v")) and not TITLE_WORD.search(name.group("v")):
            value = clean_company(name.group("v"))
            yield value, match.end() + name.start("v"), "header"


def _bylines(text: str, is_place: IsPlace | None) -> Iterator[tuple[str, int]]:
    """Names from the short lines at the top: "Acme – Paris", "ООО Ромашка", "Acme Corp";
    and the name after a title whose line breaks were lost."""
    lines = [item for item in text_lines(text) if item[0].strip() and item[1] < TOP_CHARS][:12]
    for raw, start in lines:
        line = raw.strip()
        if BULLET.match(raw) or ABOUT_HEADING.match(line):  # "About Acme": the pattern reads it
            continue
        legal = legal_name(line)
        if legal and plausible_name(legal, is_place, shouted=True):
            yield legal, start
            continue
        match = BYLINE.match(line)
        segment = match.group("v") if match else line
        if is_place_text(segment, is_place) or (
                match and TITLE_WORD.search(line[match.end("v"):])):
            continue  # "Advanced Analytics - Data Scientist will": a team before a role
        name = clean_company(segment)
        if plausible_name(name, is_place) and mentions(text, name) >= 2:  # named again
            yield name, start
    yield from _glued_company(text, is_place)


def _glued_company(text: str, is_place: IsPlace | None) -> Iterator[tuple[str, int]]:
    """"Atendente de SuporteNuvem Caiçara Hospedagempublicada há 2 semanas": a header with
    its line breaks lost; the part after the title names the company."""
    first = text.lstrip().split("\n", 1)[0]
    parts = glued_parts(first) if is_glued(first) else []
    if len(parts) < 2 or not reads_as_title(parts[0], parts[0]):
        return
    name = GLUED_CUT.split(parts[1])[0]
    zh = ZH_PLACE.search(name)
    name = clean_company(name[: zh.start()] if zh and zh.start() >= 2 else name)
    name = _drop_place_words(name, is_place)
    if plausible_name(name, is_place) and not AGENCY.search(name):
        yield name, text.find(name)


# a heading about the firm: "About Acme", "Sobre a Acme", "À propos de Acme", "Über Brenner"
# (its name may be in capitals: "About KTW")
_ABOUT_PATTERNS = [
    re.compile(r"^\s*About\s+" + NAME + r"\s*:?\s*$", re.MULTILINE),
    re.compile(r"^\s*(?:Sobre\s+(?:a|o|as|os)\s+|Acerca\s+de\s+(?:la\s+|el\s+)?|"
               r"[ÀA]\s+propos\s+(?:de\s+(?:la\s+|l['’])?|d['’]|du\s+|des\s+)|"
               r"О\s+компании\s+«?)" + NAME + r"»?\s*:?\s*$", re.MULTILINE),
    re.compile(r"^\s*Über\s+(?:die\s+|den\s+|das\s+|uns\s+bei\s+)?" + NAME + r"\s*:?\s*$",
               re.MULTILINE),
]

# a name with its legal form: "Nordwind Logistik GmbH", "Roe Writing and Editing Services LLC"
_LEGAL_PATTERN = re.compile(
    r"\b(?P<v>[" + UP + r"][\w&.'\-]*(?:[ \t]+(?:[" + UP + r"0-9&][\w&.'\-]*|" + CONN
    + r")){0,5},?[ \t]+" + LEGAL_FORM + ")")

_LATIN_PATTERNS = [
    re.compile(r"^" + NAME + r"[ \t]+Logo\s*$", re.MULTILINE),
    *_ABOUT_PATTERNS,
    re.compile(r"\bAt\s+" + NAME + r",[ \t]+(?:we|our|you)\b"),
    re.compile(r"\bJoin\s+" + NAME + r"(?:[!.,]|\s+(?:and|as|in|to)\b)"),
    re.compile(r"^" + NAME + r"[ \t]+(?:is|are|was|est|runs|builds|designs|makes|develops|"
               r"provides|offers|helps|creates|operates|разрабатывает|создает|создаёт|—)\s",
               re.MULTILINE),
    re.compile(r"^\s*(?:Company|Компания)\s+" + NAME + r",?[ \t]+(?:needs|seeks|is|ищет)",
               re.MULTILINE),
    # "The Council of Lake Ferrymen (CLF) seeks a", "Acme is seeking a": a sentence's subject
    re.compile(r"(?:^|(?<=[.!?]\s))[ \t]*(?:The[ \t]+)?" + NAME + r"(?:[ \t]+\([A-Z]{2,8}\))?"
               r"[ \t]+(?:seeks|is seeking|is looking for|is hiring)\s", re.MULTILINE),
    # German: "Die Kanzlei Berger sucht", "Bei Acme arbeitest du"
    re.compile(r"(?:^|(?<=[.!?]\s))(?:Die|Der|Das)\s+" + NAME + r"[ \t]+(?:ist|sucht|bietet|"
               r"entwickelt|gehört|steht|zählt|wurde|betreibt|versorgt|produziert|vertreibt|"
               r"beschäftigt|betreut|unterstützt|plant|baut)\s", re.MULTILINE),
    re.compile(r"\bBei\s+(?:der\s+|dem\s+)?" + NAME + r"[ \t]+(?:arbeitest|arbeiten|erwartet|"
               r"bist|gestaltest|entwickelst)\b"),
    _LEGAL_PATTERN,
]


_WORLD_PATTERNS = [
    re.compile(START + r"(?:A|O|As|Os|El|La|Los|Las|Le|Les|L['’])[ \t]*" + NAME
               + rf"[ \t]*,?[ \t]+(?:{VERB}|empresa do|empresa del|é|es|est)", re.MULTILINE),
    re.compile(START + NAME + rf"[ \t]+{VERB}", re.MULTILINE),
    re.compile(r"\bEn\s+" + NAME + r"[ \t]+(?:llevamos|somos|buscamos|creemos|trabajamos|"
               r"queremos|tenemos|estamos|nos)\b"),
    re.compile(r"\b(?:Na|No)\s+" + NAME + r",\s"),
    re.compile(r"\bChez\s+" + NAME + r"[ \t]*,"),
    re.compile(r"\bsalarié(?:\(e\)|e)?\s+(?:de\s+|d['’])\s*" + NAME),
    re.compile(r"\b(?:Rejoignez|Únete a|Junte-se à|Junte-se ao|Súmate a)\s+" + NAME),
    re.compile(START + NAME + rf"[ \t]+(?:{RU_VERBS})", re.MULTILINE),
    re.compile(r"(?:[Кк]омпани[яию]|ООО|АО|ПАО|ЗАО|ОАО|[Гг]рупп[аы] компаний|[Зз]авод|[Бб]анк|"
               r"[Кк]офейн[яи]|[Рр]есторан|[Мм]агазин|[Сс]еть|[Сс]тудия|[Фф]абрика|[Кк]омбинат|"
               r"[Кк]линика)\s+«(?P<v>[^»\n]{2,40})»"),
    re.compile(r"\bв\s+компани[юи]\s+«?(?P<v>[" + UP + r"][^»\n,.]{1,40}?)»?(?=[\s,.]|$)"),
]


_ZH_PATTERNS = [
    re.compile(rf"^[ \t]*关于{NAME_ZH}$", re.MULTILINE),  # "关于麦田云": about the firm
    re.compile(rf"(?:^|(?<=[。！？\n]))[ \t]*{NAME_ZH}(?:是一家|是一个|是国内|是全球|是中国|"
               rf"是领先|专注于|致力于|成立于|创立于|隶属于)", re.MULTILINE),
    re.compile(rf"(?:^|(?<=[。！？，\n]))[ \t]*{NAME_ZH}[ \t]*(?:正在招聘|诚聘)", re.MULTILINE),
]


def _pattern_names(text: str, is_place: IsPlace | None) -> Iterator[tuple[str, int]]:
    head = re.sub(r"\*\*|__", "  ", text[:8000])  # same length: spans stay true
    for pattern in _LATIN_PATTERNS:
        for match in pattern.finditer(head):
            name = _latin_name(match.group("v"), pattern)
            if name:
                yield name, match.start("v") + max(match.group("v").find(name), 0)
    for pattern in _WORLD_PATTERNS:
        for match in pattern.finditer(head):
            name = clean_company(_sentence_name(match.group("v")))
            if (name and plausible_name(name, is_place) and not AGENCY.search(match.group(0))
                    and (len(name.split()) > 1 or "«" in match.group(0)
                         or mentions(text, name, exact=True) >= 2)):
                yield name, match.start("v") + match.group("v").find(name)
    for pattern in _ZH_PATTERNS:
        for match in pattern.finditer(head):
            name = match.group("v")
            if not ZH_NOT_NAMES.match(name) and plausible_name(name, is_place):
                yield name, match.start("v")


def _latin_name(found: str, pattern: re.Pattern[str]) -> str:
    """The name an English pattern found, or "" for a fragment: a question or a pronoun
    ("What is offered"), a verb line ("Delivers and provides"), a heading glued to it."""
    found = _GLUED_HEADING.sub("", found)  # "Company DescriptionJane Roe LLC": after the glue
    shouted = pattern in _ABOUT_PATTERNS and _ACRONYM.fullmatch(found) is not None
    if not not_junk(found, shouted) or (pattern is not _LEGAL_PATTERN
                                        and TITLE_WORD.search(found)):
        return ""
    name = str(clean_company(_drop_articles(found)))
    words = name.split() or [""]
    if _not_first(words[0]) or re.fullmatch(CONN, words[-1]):
        return ""  # "SQL and SAS" read as a firm with its legal form: "SQL and"
    return name


def _not_first(word: str) -> bool:
    """A word no firm's name opens with ("Nous", "This", "Cada"); a word in capitals is
    initials, not the pronoun it spells in another language ("CE Learning Systems")."""
    return word.casefold() in NOT_FIRST_WORDS and not (
        _initials(word) and word.casefold() not in _ENGLISH_WORDS)


def _initials(word: str) -> bool:
    """A word in capitals ("CE", "LA"): a firm's initials where a name opens with it."""
    return len(word) > 1 and word.isupper()


_ENGLISH_WORDS = frozenset({"we", "you", "they", "our", "your", "this", "each", "what", "who",
                            "why", "how", "where", "when", "which", "here", "there", "that",
                            "these", "those"})  # in capitals still these words


_ACRONYM = re.compile(r"[A-Z]{2,6}")  # "About KTW": a firm's initials, not a shouted label
# a section heading a lost line break glued to the name after it ("DescriptionJane Roe")
_GLUED_HEADING = re.compile(r"^.*?(?:Description|Overview|Summary|Profile|About)(?=[A-Z][a-z])")


def _sentence_name(name: str) -> str:
    """A name that opens a sentence, without a leading article and a trailing connector:
    "Die Sachsenstrom Energie" -> "Sachsenstrom Energie"; "Wir", "Nosso" -> ""."""
    words = _drop_articles(name).split()
    if words and _not_first(words[0]):
        return ""
    return trim_connectors(" ".join(words))


def _drop_articles(name: str) -> str:
    """"Die Isarsoft Solutions GmbH" -> "Isarsoft Solutions GmbH" ("The" stays: names keep it;
    so do initials: "LA Fitness")."""
    words = name.split()
    while len(words) > 1 and words[0].casefold() in ARTICLES and not _initials(words[0]):
        words.pop(0)
    return " ".join(words)


def _by_support(cands: list[Candidate], text: str) -> list[Candidate]:
    """Rank order, but among guessed names prefer one the text repeats (a real company is
    named again in the body; a city or a tagline is not)."""
    def key(c: Candidate) -> tuple[int, int, int]:
        guessed = RANK[c.origin] >= RANK["byline"]
        repeats = text.count(c.value) if guessed else 0
        return (RANK[c.origin] if not guessed else RANK["byline"], -min(repeats, 3),
                c.start if c.start >= 0 else 10**9)

    return sorted(cands, key=key)


def _full_names(cands: list[Candidate]) -> list[Candidate]:
    """A guessed short name ("At Orbit, we") gives way to the fuller one another guess
    found before it ("About Orbit AI:"), in its place in the order: a text introduces a firm
    by its full name, then shortens it ("Cage Riot is ..." then "Cage Riot Studios seeks"
    names a part of it)."""
    out: list[Candidate] = []
    for cand in cands:
        full = next((c for c in cands if _guessed(c) and _guessed(cand)
                     and 0 <= c.start < cand.start and _extends(c.value, cand.value)), None)
        pick = Candidate(full.value, cand.origin, full.start, full.end) if full else cand
        if all(c.value != pick.value for c in out):
            out.append(pick)
    return out


def _guessed(cand: Candidate) -> bool:
    return RANK[cand.origin] >= RANK["byline"]


def _extends(full: str, short: str) -> bool:
    """"Orbit AI" extends "Orbit": one or two more capitalised words after it."""
    extra = full[len(short):].split() if full.startswith(short + " ") else []
    return 1 <= len(extra) <= 2 and all(re.match(f"[{UP}]", word) for word in extra)


def _short_names(cands: list[Candidate], text: str) -> list[Candidate]:
    """A Chinese registered name ("深圳麦田云科技") gives way to the short name the text uses
    for the same firm ("麦田云"), in its place in the order."""
    out: list[Candidate] = []
    for cand in cands:
        short = next((c for c in cands if c is not cand and len(c.value) < len(cand.value)
                      and c.value in cand.value and re.search(f"[{CJK}]", c.value)
                      and text.count(c.value) > text.count(cand.value)), None)
        pick = Candidate(short.value, cand.origin, short.start, short.end) if short else cand
        if all(c.value != pick.value for c in out):
            out.append(pick)
    return out
