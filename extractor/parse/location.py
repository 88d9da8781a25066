"""Countries and job locations.

``parse_locations`` finds where the job is based: labelled locations first
("Location: New York, NY", "POSITION LOCATION: Yerevan, Armenia", "Localização: Recife/PE",
"Lieu : Cholet (49)", "Arbeitsort: München", "工作地点：上海市浦东新区", "Город: Казань",
"Remote (United States)", "Hiring Remotely in United States"); only when nothing is
labelled does it fall back to "City, ST" mentions in prose and "im Raum Hannover". US
states, Canadian provinces and Brazilian states ("São Paulo - SP", "Belo Horizonte/MG")
are kept in their two-letter code form, French departments as their number ("Lyon
(69)"); other regions as written. A Chinese address gives its city as written ("深圳市",
"北京") and its province ("江苏省").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from extractor.codes import country_code, country_index
from extractor.parse.base import Found, posting_end
from extractor.parse.employment import names_a_type
from extractor.parse.places import (
    BR_STATES,
    FIRM_PROSE,
    city_country,
    han_place,
    known_city,
    region_country,
)
from extractor.record import Location

US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}
CA_PROVINCES: dict[str, str] = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
    "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
    "SK": "Saskatchewan", "YT": "Yukon",
}
# region code -> country
_REGION_COUNTRY = {**dict.fromkeys(US_STATES, "US"), **dict.fromkeys(CA_PROVINCES, "CA")}
# casefolded region name -> code
_REGION_NAMES = {v.casefold(): k for k, v in {**US_STATES, **CA_PROVINCES}.items()} | {
    "d.c.": "DC", "washington dc": "DC", "washington d.c.": "DC", "québec": "QC",
}
# names that are both a city and a state: read as the city when they come first
_CITY_STATES = {"new york", "washington"}
# "Georgia" is a country and a US state; decide from a few well-known cities only
_GEORGIA_US_CITIES = {"atlanta", "savannah", "augusta", "macon", "athens", "alpharetta",
                      "marietta", "columbus", "roswell", "sandy springs"}
_GEORGIA_GE_CITIES = {"tbilisi", "batumi", "kutaisi", "rustavi"}

NON_PLACE_WORDS = frozenset("""
remote telework telecommute hybrid onsite on-site virtual home anywhere worldwide global
nationwide multiple various several locations location headquarters hq office offices
field tbd flexible in-person remotely usa-remote campus hospital institute inst center
centre university college school clinic building suite street avenue ave road rd
blvd floor department health mental services area metropolitan metro greater region
full-time part-time full part time contract permanent temporary internship freelance
remoto remota presencial híbrido hibrido híbrida teletrabajo teletrabalho télétravail
distanciel hybride homeoffice home-office mobil удаленно удалённо удалёнка удаленка гибрид
офис 远程 在家办公 anywhere qualquer cualquier partout überall bundesweit deutschlandweit
nacional nationwide
""".split())
_PARTICLES = frozenset("de del la le les of on upon am an der sur en y da do dos das von van "
                       "di du el al".split())

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_ZIP = re.compile(r"\s+(?:\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)$")
# a European postcode before the city ("80331 München", "CH-8001 Zürich") and a Paris or
# Lyon arrondissement after it ("Paris 9e")
_ZIP_HEAD = re.compile(r"^(?:[A-Z]{1,2}-)?\d{4,5}[ \t]+(?=[^\W\d_])")
_ARRONDISSEMENT = re.compile(r"[ \t]+\d{1,2}(?:e|er|ème)$")
# the "CC-ST-City" and "CC-City-ST" forms of applicant-tracking exports ("US-TX-Austin",
# "US-Austin-TX-METRO AREA", "USA TX Austin")
_DASHED = re.compile(r"(?P<cc>USA?|CA)(?P<sep>[- ])(?:(?P<r1>[A-Z]{2})(?P=sep)"
                     r"(?P<c1>[A-Z][A-Za-z .'’]*[a-z])|(?P<c2>[A-Z][A-Za-z .'’]*[a-z])(?P=sep)"
                     r"(?P<r2>[A-Z]{2}))(?=-|[ \t]*$)")
_CODED = re.compile(r"(?P<cc>[A-Z]{2}),[ \t]*(?P<region>[A-Z0-9]{0,3})[ \t]*,[ \t]*"
                    r"(?P<city>[^\W\d_][^,;|/()\n]{0,40}?)?"
                    r"(?:[ \t]*(?:/|\bor\b|\band\b|&)[^\n]*)?[ \t]*$")
_STATE_HEAD = re.compile(r"[A-Z]{2}(?=\s+[A-Z]|[A-Z][a-z])")
_PAREN = re.compile(r"\([^()]*\)?")
_GLUE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])")
_ALT_SPLIT = re.compile(r"\s*(?:;|\||/|·|•|\bor\b|&)\s*")
_STOP_CHARS = re.compile(r"\s+[-–—]\s+(?=\w)|[!?:]|\s{3,}|(?<=[a-z]{3})\.(?=\s|$)")
_LABEL = (
    r"(?:job\s+|position\s+|work\s+|office\s+|primary\s+)?locations?(?:\s*\(s\))?|city"
    r"|localiza[çc][ãa]o(?:\s+da\s+vaga)?|local(?:\s+de\s+trabalho)?|cidade"
    r"|ubicaci[oó]n|lugar(?:\s+de\s+trabajo)?|localidad|ciudad"
    r"|lieu(?:\s+de\s+(?:travail|mission))?|lieu\s+d['’]exercice|localisation|ville"
    r"|standort|arbeitsort|einsatzort|dienstort|ort"
    r"|工作地点|工作地點|地点|地點|工作城市|城市|办公地点|辦公地點|上班地点"
    r"|адрес|город|место\s+работы|местоположение"
)
_LABEL_LINE = re.compile(
    rf"(?im)^[ \t]*[•*\-–]?[ \t]*(?:[^\w\s:：]{{1,2}}[ \t]*)?\**(?P<label>{_LABEL})\**[ \t]*"
    r"(?:[:：]+[ \t]*[:\-–]*|[ \t]+[:\-–]+)[ \t]*\**[ \t]*(?P<value>\S[^\n]*)$"
    rf"|^[ \t]*(?P<label2>{_LABEL})[ \t]*[:：]?[ \t]*\n(?:[ \t]*\n)?[ \t]*"
    r"(?P<value2>[^\n]{2,80})$"
)
_INLINE_LABEL = re.compile(
    r"(?:(?<=[.!?)\]|·•])[ \t]*|(?<=[a-z]))(?P<label>(?:Job |Work )?Locations?)[ \t]*:[ \t]*"
    r"(?P<value>[^\n]*)"
)
_REMOTE_IN = re.compile(
    r"(?i)\bhiring\s+remotely\s+in\s+(?P<value>[^\n]{2,80})"
    r"|\bremote[ \t\xa0]*\((?P<paren>[^()\n]{2,80})\)"
)
_CITY_WORD = r"(?:[A-Z][a-z]?\.|[A-Z][a-zA-Z'’]+(?:-[A-Z][a-zA-Z'’]+)*)"
_STATE_ALT = "|".join(sorted(_REGION_COUNTRY))
_STATE_NAME_ALT = "|".join(sorted((re.escape(v) for v in {**US_STATES, **CA_PROVINCES}.values()),
                                  key=len, reverse=True))
_NOT_PRODUCT = r"(?!\s(?:Office|Word|Excel|Project|Teams|Access|Visio|SQL|Dynamics|Azure|Power)\b)"
_CITY_ST = re.compile(
    rf"(?<![\w'’.-])(?P<city>{_CITY_WORD}(?: {_CITY_WORD}){{0,3}}),[ \t]?"
    rf"(?:(?P<code>{_STATE_ALT})(?:(?![\w'’&/-])|(?=[A-Z][a-z]{{2}})){_NOT_PRODUCT}"
    rf"|(?P<name>{_STATE_NAME_ALT})(?![\w'’-]))"
    r"(?:[ \t]+\d{5}(?:-\d{4})?)?"
    r"(?:,?[ \t]+(?P<country>USA|US|United States|U\.S\.A?\.?|Canada)(?![\w]))?"
)
_CITY_LEAD = {"the", "our", "in", "at", "near", "from", "to", "for", "located", "based", "and",
              "of", "a", "an", "downtown", "with", "join", "visit", "this", "position"}
_CITY_BLOCK = NON_PLACE_WORDS | {
    "science", "sciences", "engineering", "arts", "degree", "studies", "management", "business",
    "administration", "mathematics", "statistics", "economics", "finance", "marketing",
    "sales", "nursing", "education", "technology", "systems", "design", "data", "computer",
    "information", "experience", "skills", "bachelor", "master", "masters", "phd", "llc", "inc",
    "corp", "company", "team", "manager", "engineer", "director", "senior", "junior",
    "medicine", "law", "pharmacy", "psychology", "philosophy", "biology", "chemistry",
    "physics", "accounting", "python", "java", "sql", "excel", "northern", "southern",
    "eastern", "western", "central", "zoom",
}
# a Brazilian state after its city: "São Paulo - SP", "Belo Horizonte/MG", "Cajamar, SP"
_BR_CITY = re.compile(
    r"(?P<city>[^\W\d_][^\W\d_'’.]*(?:[ \t]+[^\W\d_][^\W\d_'’.]*){0,4}?)[ \t]*"
    rf"(?P<sep>[-–/,])[ \t]*(?P<uf>{'|'.join(sorted(BR_STATES))})(?![\w'’])"
)
# a French department after its city: "Lyon (69)", "Le Havre (76)"
_FR_CITY = re.compile(
    r"(?P<city>[^\W\d_][^\W\d_'’.-]*(?:[ \t-]+[^\W\d_][^\W\d_'’.]*){0,4}?)[ \t]*"
    r"\((?P<dep>0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])\)"
)
_CITY_PREFIX = re.compile(r"[ \t]*(?:г\.|город\s)[ \t]*(?=[^\W\d_])", re.IGNORECASE)  # "г. Москва"
# "im Raum Hannover", "Großraum Stuttgart", "na região de Campinas": that city's area
_AREA_OF = re.compile(r"\b(?:(?:im\s+)?(?:Groß)?[Rr]aum|na\s+região\s+de|en\s+la\s+zona\s+de)"
                      r"\s+(?P<city>[A-ZÀ-Þ][\w'’.-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+)?)")
# a list of where the firm's staff sit, read to the end of its sentence ("100 employees located
# in Boulder and Denver, Colorado and in Omaha, Nebraska")
_STAFF_IN = re.compile(r"(?i)\b(?:employees|staff|people)\s+(?:located|based)\s+in\b[^.\n]{0,100}$")
_HQ_CONTEXT = re.compile(rf"(?i)(headquarter\w*|\bhq\b|founded|serving|clients in|{FIRM_PROSE})"
                         r"[^.\n]{0,40}$")

# "City, Country" in prose, after words that place the job there ("our office in Auckland,
# New Zealand", "based in Lyon, France"): the country must be the city's
_IN_CITY_COUNTRY = re.compile(
    r"(?i:\boffice\s+in|\bbased\s+in|\blocated\s+in|\bwork(?:ing)?\s+(?:in|from|out\s+of))"
    r"[ \t]+(?P<city>[A-ZÀ-Þ][\w'’.]*(?:[ -][A-ZÀ-Þ][\w'’.]*){0,2}),[ \t]*"
    r"(?P<country>[A-ZÀ-Þ][\w'’]*(?: [A-Z][\w'’]*){0,2}?)(?=[,.;:()\n!?]|\s+[a-z]|\s*$)")
# a posting's own "Country:" / "State:" lines beside a labelled city ("Country: USA",
# "State: Arizona", "City: Glendale")
_SIDE_LABEL = re.compile(r"(?im)^[ \t]*(?P<label>country|state|province)[ \t]*:[ \t]*"
                         r"(?P<value>[^\n:]{2,40}?)[ \t]*$")
SIDE_LABEL_CHARS = 200

LABEL_CONFIDENCE = 0.95
REMOTE_CONFIDENCE = 0.9
PROSE_CONFIDENCE = 0.6


@functools.cache
def _country_seq_regex() -> re.Pattern[str]:
    """One alternation of every country name and alias, longest first (glue-tolerant)."""
    names = {k for k in country_index() if len(k) > 3} | {"usa", "uk", "uae", "рф"}
    alts = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(n).replace(r"\ ", r"[\s.]+") for n in alts)
    codes = r"U\.S\.A\.?|U\.S\.?|U\.K\.?|(?:USA|US|UK)\b"
    return re.compile(rf"(?i:the\s+)?(?:(?i:{body})|{codes})")


_SEQ_SEP = re.compile(r"(?:[\s,/&;|+]|\band\b|\bor\b|\bet\b|\bи\b)*")
# broad areas a remote job may be open to; value is the canonical spelling
AREAS: dict[str, str] = {
    "emea": "EMEA", "apac": "APAC", "latam": "LATAM", "amer": "AMER", "americas": "Americas",
    "the americas": "Americas", "north america": "North America", "south america": "South America",
    "latin america": "Latin America", "central america": "Central America", "europe": "Europe",
    "eu": "EU", "european union": "EU", "asia": "Asia", "asia pacific": "Asia Pacific",
    "asia-pacific": "Asia Pacific", "africa": "Africa", "middle east": "Middle East",
    "oceania": "Oceania", "nordics": "Nordics", "scandinavia": "Scandinavia",
    "worldwide": "Worldwide", "anywhere": "Anywhere", "европа": "Europe", "снг": "CIS",
    "cis": "CIS",
}
_AREA = re.compile("(?i:" + "|".join(re.escape(k).replace(r"\ ", r"\s+")
                                     for k in sorted(AREAS, key=len, reverse=True)) + ")")


def _sequence_item(text: str, pos: int, areas: bool) -> tuple[str, int] | None:
    """(value, end) of the country or area that starts at ``pos``; None if none does."""
    if areas and (m := _AREA.match(text, pos)) and not text[m.end():m.end() + 1].isalpha():
        area = AREAS[" ".join(m.group().split()).casefold()]
        if area != "EU" or m.group() == "EU":
            return area, m.end()
    m = _country_seq_regex().match(text, pos)
    if m is None or (m.end() < len(text) and text[m.end()].islower()):
        return None
    code = country_code(re.sub(r"^the\s+", "", m.group(), flags=re.I))
    return (code, m.end()) if code else None


def _separators_end(text: str, pos: int) -> int:
    """Where the list separators at ``pos`` end (``pos`` when there are none)."""
    sep = _SEQ_SEP.match(text, pos)
    assert sep is not None  # _SEQ_SEP also matches nothing
    return sep.end()


def country_sequence(text: str, areas: bool = False) -> list[tuple[str, int, int]]:
    """Countries listed at the start of ``text`` ("United StatesGermany, UK and Canada").

    Returns (alpha-2, start, end) for each, or with ``areas`` also broad areas
    ("EMEA", "Europe") as their canonical text; stops at the first thing that is
    neither a country, an area nor a list separator.
    """
    out: list[tuple[str, int, int]] = []
    pos = _separators_end(text, 0)
    while (item := _sequence_item(text, pos, areas)) is not None:
        out.append((item[0], pos, item[1]))
        pos = _separators_end(text, item[1])
    return out


def find_countries(text: str, areas: bool = False) -> list[tuple[str, int, int]]:
    """Every country (and with ``areas`` every broad area) named anywhere in ``text``."""
    out: list[tuple[str, int, int]] = []
    for m in re.finditer(r"(?<![\w.])(?=\w)", text):
        if out and m.start() < out[-1][2]:
            continue
        item = _sequence_item(text, m.start(), areas)
        if item is not None:
            out.append((item[0], m.start(), item[1]))
    return out


def _is_name(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 4 or not all(_WORD.fullmatch(w) for w in words):
        return False
    if any(w.casefold().strip(".") in NON_PLACE_WORDS for w in words):
        return False
    return all(w[0].isupper() or w in _PARTICLES for w in words)


def _noise(part: str) -> bool:
    """A part to skip over: a workplace word, an employment type ("CDI", in the employment
    parser's words), a street address, a building."""
    low = part.casefold()
    if any(ch.isdigit() for ch in part) or not part.strip(" -–") or names_a_type(part):
        return True
    return any(w.strip(".-–") in NON_PLACE_WORDS for w in low.split())


def _split_parts(value: str, offset: int) -> Iterator[tuple[str, int]]:
    for m in re.finditer(r"[^,]+", value):
        raw = m.group()
        cut = _postcode_end(raw.strip())
        text = _ARRONDISSEMENT.sub("", _ZIP.sub("", raw.strip()[cut:]))
        pos = offset + m.start() + (len(raw) - len(raw.lstrip())) + cut
        code = _STATE_HEAD.match(text)
        if code and code.group() in _REGION_COUNTRY:
            yield code.group(), pos
            return
        if text:
            yield text, pos


def _postcode_end(part: str) -> int:
    """Where a postcode before a known city ends ("80331 München"); 0 when there is none
    (a street number: "5101 N. Cotton Lane")."""
    head = _ZIP_HEAD.match(part)
    rest = _ARRONDISSEMENT.sub("", part[head.end():]) if head else ""
    return head.end() if head and known_city(rest.split("-", 1)[0]) else 0


def _georgia(city: str | None) -> str | None:
    """Resolve "City, Georgia": "GE", "US" or None when the city is not known."""
    key = (city or "").casefold()
    return "GE" if key in _GEORGIA_GE_CITIES else "US" if key in _GEORGIA_US_CITIES else None


def _classify(part: str, index: int, prev_name: str | None) -> tuple[str, str | None]:
    """Kind of one comma part: noise, region, country, name or stop (and its value)."""
    if _noise(part):
        return "noise", None
    if part.casefold() == "georgia":
        code = _georgia(prev_name)
        return ("region", "GA") if code == "US" else ("country", code) if code else ("stop", None)
    if index > 0 and part in _REGION_COUNTRY:
        return "region", part
    if not (index == 0 and part.casefold() in _CITY_STATES) and part.casefold() in _REGION_NAMES:
        return "region", _REGION_NAMES[part.casefold()]
    if len(part) != 2 or index > 0 or part in ("US", "UK"):
        code = country_code(part)
        if code:
            return "country", code
    if index == 0 and region_country(part) and not known_city(part):
        return "region", part  # "Île-de-France", "Bayern": a region, no city
    return ("name", part) if _is_name(part) else ("stop", None)


def _place_groups(value: str, offset: int) -> Iterator[tuple[list[str], str | None, str | None,
                                                            int, int]]:
    """Group comma parts into places: (names, region, country, start, end). A country
    named again right after its place ("Bristol, England, United Kingdom") is one place."""
    names: list[str] = []
    region = country = None
    start = end = -1
    done: tuple[list[str], str | None, str | None, int, int] | None = None
    for index, (part, pos) in enumerate(_split_parts(value, offset)):
        kind, val = _classify(part, index, names[0] if names else None)
        if kind == "noise":
            continue
        if kind == "stop" or kind == "name" and len(names) >= 2 and region is None:
            break
        if kind == "country" and done and not names and region is None and val == done[2]:
            done = (*done[:4], pos + len(part))
            continue
        if kind == "name" and region is not None:
            yield from [done] if done else []
            yield names, region, country, start, end
            names, region, start, done = [], None, -1, None
        names += [part] if kind == "name" else []
        region = val if kind == "region" else region
        country = val if kind == "country" else None
        start, end = (pos if start < 0 else start), pos + len(part)
        if country is not None:
            if done:
                yield done
            done = (names, region, country, start, end)
            names, region, country, start = [], None, None, -1
    if done:
        yield done
    if start >= 0 and (names or region):
        yield names, region, country, start, end


def _build(names: list[str], region: str | None, country: str | None, raw: str) -> Location:
    city = _district_city(names[0]) if names else None
    if region is None and len(names) > 1:
        region = names[1]
    if region in _REGION_COUNTRY:
        country = country or _REGION_COUNTRY[region]
    elif region and not city:
        country = country or region_country(region)
    return Location(raw=raw, city=city, region=region, country=country)


def _district_city(name: str) -> str:
    """The city of "City-District" ("Berlin-Kreuzberg", "Nürnberg-Langwasser") when the
    gazetteer knows the city and not the whole name."""
    head = name.split("-", 1)[0]
    return head if "-" in name and known_city(head) and not known_city(name, own=True) else name


def _clean_value(value: str) -> str:
    """Cut a labelled value at glued text, separators and trailing prose."""
    value = value.replace("\xa0", " ")
    value = _GLUE.split(value, maxsplit=1)[0]
    value = _PAREN.sub(lambda m: " " * len(m.group()), value)
    return _STOP_CHARS.split(value, maxsplit=1)[0]


def _dashed_place(text: str, start: int, end: int, confidence: float) -> Found[Location] | None:
    """The "US-TX-Austin" / "US-Austin-TX-..." / "USA TX Austin" form, where the code is a
    state of the country."""
    lead = len(text[start:end]) - len(text[start:end].lstrip())
    m = _DASHED.match(text, start + lead, end)
    region = m and (m.group("r1") or m.group("r2"))
    country = m and country_code(m.group("cc"))
    if m is None or country is None or _REGION_COUNTRY.get(region or "") != country:
        return None
    city = m.group("c1") or m.group("c2")
    loc = Location(raw=m.group(), city=city, region=region, country=country)
    return Found(loc, m.start(), m.end(), confidence)


def _coded_place(text: str, start: int, end: int, confidence: float) -> Found[Location] | None:
    """The "CC, REGION, City" form of exported rows ("US, NY, New York", "GB, , "), or the
    dashed one of applicant-tracking systems ("US-TX-Austin")."""
    m = _CODED.match(text, start, end)
    if m is None:
        return _dashed_place(text, start, end, confidence)
    code = country_code(m.group("cc"))
    if code is None:
        return None
    city = " ".join((m.group("city") or "").split()) or None
    stop = m.end("city") if city else m.end("region") if m.group("region") else m.end("cc")
    loc = Location(raw=text[start:stop], city=city, region=m.group("region") or None,
                   country=code)
    return Found(loc, start, stop, confidence)


def _city_start(words: str) -> int | None:
    """Where the place name that ends ``words`` starts ("Presencial em Campinas": at
    "Campinas"): the longest run of last words that reads as a name."""
    for w in re.finditer(r"\S+", words):
        if w.group()[0].isupper() and _is_name(words[w.start():]):
            return w.start()
    return None


def _brazilian(m: re.Match[str]) -> tuple[Location, int] | None:
    """A "City - UF" match: a Brazilian city and state, unless a comma and a code that is
    also a US state or Canadian province ("Salem, MA") leave it to a city the gazetteer
    places in Brazil."""
    at = _city_start(m.group("city"))
    if at is None:
        return None
    city, uf = " ".join(m.group("city")[at:].split()), m.group("uf")
    if m.group("sep") == "," and uf in _REGION_COUNTRY and city_country(city) != "BR":
        return None
    return Location(raw=m.group()[at:], city=city, region=uf, country="BR"), at


def _french(m: re.Match[str]) -> tuple[Location, int] | None:
    at = _city_start(m.group("city"))
    if at is None:
        return None
    city = " ".join(m.group("city")[at:].split())
    return Location(raw=m.group()[at:], city=city, region=m.group("dep"), country="FR"), at


def _regional_places(text: str, start: int, end: int,
                     confidence: float) -> list[Found[Location]]:
    """Places whose region form names their country: "Recife/PE", "Cholet (49)"."""
    out: list[Found[Location]] = []
    for rx, build in ((_BR_CITY, _brazilian), (_FR_CITY, _french)):
        for m in rx.finditer(text, start, end):
            place = build(m)
            if place is not None:
                out.append(Found(place[0], m.start() + place[1], m.end(), confidence))
    return sorted(out, key=lambda f: f.start)


def _han_value(text: str, start: int, end: int, confidence: float) -> list[Found[Location]]:
    """A Chinese address ("上海市浦东新区", "北京·朝阳区"): its city as written, its province."""
    value = text[start:end]
    lead = len(value) - len(value.lstrip())
    raw = re.split(r"[|，,；;]|\s{2,}", value.strip(), maxsplit=1)[0].rstrip()
    place = han_place(raw)
    if place is None:
        return []
    loc = Location(raw=raw, city=place[0], region=place[1], country=place[2])
    return [Found(loc, start + lead, start + lead + len(raw), confidence)]


def _places(text: str, start: int, end: int, confidence: float) -> list[Found[Location]]:
    """Every place named in the labelled value ``text[start:end]``."""
    coded = _coded_place(text, start, end, confidence)
    if coded is not None:
        return [coded]
    prefix = _CITY_PREFIX.match(text, start, end)
    start = prefix.end() if prefix else start
    special = (_han_value(text, start, end, confidence)
               or _regional_places(text, start, end, confidence))
    if special:
        return special
    value = _clean_value(text[start:end])
    out: list[Found[Location]] = []
    pos = 0
    for chunk in _ALT_SPLIT.split(value):
        at = value.find(chunk, pos)
        pos = at + len(chunk)
        for names, region, country, s, e in _place_groups(chunk, start + at):
            loc = _build(names, region, country, text[s:e])
            out.append(Found(loc, s, e, confidence))
    return out


def _remote_places(text: str) -> list[Found[Location]]:
    out: list[Found[Location]] = []
    for m in _REMOTE_IN.finditer(text):
        group = "value" if m.group("value") else "paren"
        base = m.start(group)
        for code, s, e in country_sequence(m.group(group)):
            raw = text[base + s:base + e]
            out.append(Found(Location(raw=raw, country=code), base + s, base + e,
                             REMOTE_CONFIDENCE))
    return out


def _labelled(text: str) -> list[Found[Location]]:
    out: list[Found[Location]] = []
    for m in _LABEL_LINE.finditer(text):
        group = "value" if m.group("label") else "value2"
        out += _places(text, m.start(group), m.end(group), LABEL_CONFIDENCE)
    for m in _INLINE_LABEL.finditer(text):
        if not any(f.start <= m.start("value") < f.end + 1 for f in out):
            out += _places(text, m.start("value"), m.end("value"), LABEL_CONFIDENCE)
    return out + _remote_places(text)


def _prose_city(m: re.Match[str]) -> tuple[str, int] | None:
    words = m.group("city").split(" ")
    start = m.start("city")
    owner = [i for i, w in enumerate(words) if w.endswith(("'s", "’s"))]
    if owner:
        start += sum(len(w) + 1 for w in words[:owner[-1] + 1])
        words = words[owner[-1] + 1:]
    while words and words[0].casefold() in _CITY_LEAD:
        start += len(words.pop(0)) + 1
    blocked = [i for i, w in enumerate(words) if w.casefold() in _CITY_BLOCK]
    if blocked:  # "Principal Design Engineer Marlborough, MA": the city after the title
        start += sum(len(w) + 1 for w in words[:blocked[-1] + 1])
        words = words[blocked[-1] + 1:]
        if not words or not known_city(" ".join(words)):
            return None
    city = " ".join(words)
    return (city, start) if any(ch.islower() for ch in city) else None


def _prose_region(m: re.Match[str], city: str) -> tuple[str, str] | None:
    """(region code, country) of a prose match; None for an unresolved "Georgia". A code
    that is also a Brazilian state ("Recife, PE") after a Brazilian city is that state."""
    region = m.group("code") or _REGION_NAMES[m.group("name").casefold()]
    if region in BR_STATES and not m.group("country") and city_country(city) == "BR":
        return region, "BR"
    if m.group("name") == "Georgia" and not m.group("country") and _georgia(city) != "US":
        return None
    country = country_code(m.group("country")) if m.group("country") else None
    return region, country or _REGION_COUNTRY[region]


def _areas(text: str) -> list[Found[Location]]:
    """"im Raum Hannover", "na região de Campinas": the area of a city the gazetteer knows."""
    out: list[Found[Location]] = []
    for m in _AREA_OF.finditer(text):
        city = m.group("city")
        if known_city(city):
            raw = text[m.start():m.end()].removeprefix("im ").removeprefix("na ")
            start = m.end() - len(raw)
            out.append(Found(Location(raw=raw, city=city), start, m.end(), PROSE_CONFIDENCE))
    return out


def _company_places(text: str, start: int) -> bool:
    """Whether a place at ``start`` is in a blurb about the firm's offices or staff."""
    return bool(_HQ_CONTEXT.search(text, max(0, start - 60), start)
                or _STAFF_IN.search(text, max(0, start - 140), start))


def _prose(text: str) -> list[Found[Location]]:
    """Unlabelled "City, ST" / "City, State" mentions, skipping headquarters blurbs, and the
    area of a city ("im Raum Hannover")."""
    out: list[Found[Location]] = _areas(text)
    for m in _CITY_ST.finditer(text):
        city = _prose_city(m)
        if city is None or _company_places(text, m.start()):
            continue
        place = _prose_region(m, city[0])
        if place is None:
            continue
        loc = Location(raw=text[city[1]:m.end()], city=city[0], region=place[0],
                       country=place[1])
        out.append(Found(loc, city[1], m.end(), PROSE_CONFIDENCE))
    return out


def _city_country(text: str) -> list[Found[Location]]:
    """"our office in Auckland, New Zealand": a city the gazetteer places in that country."""
    out: list[Found[Location]] = []
    for m in _IN_CITY_COUNTRY.finditer(text):
        code = country_code(m.group("country"))
        city = _district_city(m.group("city"))
        if code and city_country(city, (code,)) == code:
            raw = text[m.start("city"):m.end()]
            loc = Location(raw=raw, city=city, country=code)
            out.append(Found(loc, m.start("city"), m.end(), PROSE_CONFIDENCE))
    return out


def _side_labels(text: str, found: Found[Location]) -> dict[str, str]:
    """The region and country that "State:" / "Country:" lines near a labelled place name."""
    near = (max(0, found.start - SIDE_LABEL_CHARS), found.end + SIDE_LABEL_CHARS)
    out: dict[str, str] = {}
    for m in _SIDE_LABEL.finditer(text, *near):
        value, label = m.group("value"), m.group("label").casefold()
        code = (country_code(value) if label == "country"
                else _REGION_NAMES.get(value.casefold(), value))
        if code and (label == "country" or code in _REGION_COUNTRY):
            out.setdefault("country" if label == "country" else "region", code)
    return out


def _completed(text: str, found: Found[Location]) -> Found[Location]:
    """A labelled city given its region and country from the "State:" and "Country:" lines
    beside it, where they agree with each other and with what the place says."""
    loc = found.value
    if not loc.city or loc.region:
        return found
    side = _side_labels(text, found)
    region, country = side.get("region"), side.get("country") or loc.country
    if region is None or _REGION_COUNTRY[region] != (country or _REGION_COUNTRY[region]):
        return found
    if loc.country not in (None, _REGION_COUNTRY[region]):
        return found
    update = {"region": region, "country": _REGION_COUNTRY[region]}
    return Found(loc.model_copy(update=update), found.start, found.end, found.confidence)


def _refining(labelled: list[Found[Location]], prose: list[Found[Location]]
              ) -> list[Found[Location]]:
    """Prose mentions that complete a labelled place ("Location: Palo Alto" and later
    "based in Palo Alto, California"), as sure as the label."""
    return [Found(p.value, p.start, p.end, LABEL_CONFIDENCE) for p in prose
            if any(_covered(f.value, p.value) for f in labelled)]


def _covered(loc: Location, other: Location) -> bool:
    """Whether ``other`` says all ``loc`` says and more ("Palo Alto" vs "Palo Alto, CA")."""
    same_city = (loc.city or "").casefold() == (other.city or "").casefold()
    fields = ((loc.region, other.region), (loc.country, other.country))
    more = (loc.region, loc.country) != (other.region, other.country)
    return same_city and more and all(a in (None, b) for a, b in fields)


def country_within(loc: Location, other: Location) -> bool:
    """Whether ``loc`` names only a country that ``other`` places a city or region in
    ("Haiti" beside "Port-au-Prince, HT"): the country says nothing ``other`` does not."""
    return (loc.country is not None and not loc.city and not loc.region
            and other.country == loc.country and bool(other.city or other.region))


def _dedupe(found: list[Found[Location]]) -> list[Found[Location]]:
    """One Found per place, first mention first; a place another one refines is dropped."""
    seen: set[tuple[str | None, ...]] = set()
    out = []
    for f in sorted(found, key=lambda f: f.start):
        key = ((f.value.city or "").casefold(), f.value.region, f.value.country)
        if key not in seen and not any(_covered(f.value, g.value) for g in found):
            seen.add(key)
            out.append(f)
    return out


def parse_locations(text: str) -> list[Found[Location]]:
    """Where the job is based: labelled locations, else "City, ST" mentions in prose."""
    body = text[:posting_end(text)]
    found = [_completed(body, f) for f in _labelled(body)]
    prose = _prose(body) + _city_country(body)
    return _dedupe(found + _refining(found, prose) if found else prose)
