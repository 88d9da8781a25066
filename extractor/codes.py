"""Codes and the words that name them: a leaf that imports nothing of the package.

``country_code`` maps a country name, code or common alias to ISO 3166-1 alpha-2;
``currency_code`` a currency code, symbol or name to ISO 4217; ``enum_token`` an enum
spelling ("Full-time", "on-site") to the record's value. The record's validators and
the parsers read these same tables, so a spelling is taught in one place.
"""

from __future__ import annotations

import functools
import re
from typing import Any

# ---------------------------------------------------------------- countries

# casefolded, dots removed -> alpha-2; pycountry's names and codes are added lazily
COUNTRY_ALIASES: dict[str, str] = {
    "usa": "US", "us": "US", "united states": "US", "united states of america": "US",
    "the united states": "US", "the us": "US", "the usa": "US",
    "u.s.": "US", "u.s.a.": "US", "u.k.": "GB", "u.a.e.": "AE",
    "uk": "GB", "united kingdom": "GB", "the uk": "GB", "great britain": "GB", "britain": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "deutschland": "DE", "russia": "RU", "россия": "RU", "рф": "RU",
    "российская федерация": "RU", "uae": "AE", "emirates": "AE", "south korea": "KR",
    "korea": "KR", "north korea": "KP", "vietnam": "VN", "czech republic": "CZ",
    "iran": "IR", "syria": "SY", "laos": "LA", "moldova": "MD", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "taiwan": "TW", "turkey": "TR", "ivory coast": "CI",
    "macedonia": "MK", "holland": "NL", "the netherlands": "NL", "nederland": "NL",
    "brasil": "BR", "méxico": "MX", "españa": "ES", "italia": "IT", "polska": "PL",
    "schweiz": "CH", "suisse": "CH", "österreich": "AT", "sverige": "SE", "norge": "NO",
    "danmark": "DK", "suomi": "FI", "éire": "IE", "burma": "MM", "hong kong": "HK",
    "palestine": "PS", "cape verde": "CV", "swaziland": "SZ", "the philippines": "PH",
    "հայաստան": "AM", "армения": "AM", "грузия": "GE", "германия": "DE",
    "сша": "US", "великобритания": "GB", "франция": "FR", "испания": "ES", "италия": "IT",
    "китай": "CN", "польша": "PL", "украина": "UA", "україна": "UA", "беларусь": "BY",
    "белоруссия": "BY", "казахстан": "KZ", "узбекистан": "UZ", "кыргызстан": "KG",
    "азербайджан": "AZ", "турция": "TR", "израиль": "IL", "канада": "CA",
    # names pycountry's translations (``_TRANSLATIONS``) do not give
    "eua": "US", "ee uu": "US", "eeuu": "US", "inglaterra": "GB", "holanda": "NL",
    "rússia": "RU", "rusia": "RU", "russland": "RU", "russie": "RU",
    "coreia do sul": "KR", "corea del sur": "KR", "corée du sud": "KR", "südkorea": "KR",
    "台湾": "TW", "臺灣": "TW", "台灣": "TW", "香港": "HK", "中国香港": "HK", "韩国": "KR",
    "киргизия": "KG", "молдавия": "MD",
}
# the languages whose country names (pycountry's translations) the index knows
_TRANSLATIONS = ("pt", "pt_BR", "es", "fr", "de", "zh_CN", "zh_TW", "ru")
# translated names that are also common words ("gana": Spanish "wins"; "chili" the pepper)
# or the names of large cities ("Salvador" is El Salvador in French and a city in Brazil;
# "Granada" Grenada and "Guadalupe" Guadeloupe in Spanish)
_NOT_COUNTRY_WORDS = frozenset({"gana", "chili", "benim", "island", "salvador", "granada",
                                "guadalupe"})
# whole-token aliases that only count in their exact spelling
_EXACT_ALIASES = {"RA": "AM", "U.S.": "US", "U.S.A.": "US", "U.K.": "GB"}


def country_key(text: str) -> str:
    """The form country names are looked up in: dots dropped, spaces single, casefolded."""
    return " ".join(text.replace(".", " ").split()).casefold()


@functools.cache
def country_index() -> dict[str, str]:
    """Casefolded names and codes of every ISO 3166-1 country, in English and in the
    languages of ``_TRANSLATIONS`` ("Perú", "Allemagne", "Schweiz", "中国", "Бельгия"),
    plus the aliases."""
    import pycountry  # lazy: 60-110 ms to import; only the first code lookup pays it

    index: dict[str, str] = {}
    for c in pycountry.countries:
        index[c.alpha_2.casefold()] = c.alpha_2
        index[c.alpha_3.casefold()] = c.alpha_2
        for name in _names(c):
            index[country_key(name)] = c.alpha_2
    for key, code in _translated_names(pycountry).items():
        index.setdefault(key, code)
    index.update({country_key(k): v for k, v in COUNTRY_ALIASES.items()})
    return index


def _names(country: Any) -> list[str]:
    return [n for n in (getattr(country, a, None) for a in ("name", "official_name",
                                                             "common_name")) if n]


def _head(name: str) -> str:
    """A name without its description after a comma ("Taïwan, province de Chine" ->
    "Taïwan"); a bare article after one stays ("Salvador, El" is not "Salvador")."""
    head, _, tail = name.partition(", ")
    return head if len(tail.split()) >= 2 else name


def _translated_names(pycountry: Any) -> dict[str, str]:
    """Country names in the ``_TRANSLATIONS`` languages, also without a description after a
    comma (``_head``); a name two countries share is left out."""
    import gettext

    found: dict[str, set[str]] = {}
    for lang in _TRANSLATIONS:
        names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang],
                                    fallback=True)
        for c in pycountry.countries:
            for name in (names.gettext(n) for n in _names(c)):
                for form in {name, _head(name)}:
                    found.setdefault(country_key(form), set()).add(c.alpha_2)
    return {k: next(iter(v)) for k, v in found.items()
            if len(v) == 1 and k not in _NOT_COUNTRY_WORDS}


@functools.lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-2 for a country name, alpha-2/alpha-3 code or alias; else None.

    A bare two-letter code is read as a country ("CA" -> "CA", Canada): callers that
    parse "City, CA" must check US states first (``parse_locations`` does).
    """
    text = text.strip().strip(",;:()[]").strip()
    if not text or len(text) > 60:
        return None
    if text in _EXACT_ALIASES:
        return _EXACT_ALIASES[text]
    key = country_key(text)
    if key == "ra":
        return None
    return country_index().get(key)


@functools.lru_cache(maxsize=512)
def country_name(code: str) -> str | None:
    """The English short name of an ISO 3166-1 alpha-2 or alpha-3 code ("ES" -> "Spain");
    None for another text, or a name with a comma in it ("Korea, Republic of")."""
    if not re.fullmatch(r"[A-Z]{2,3}", code):
        return None
    import pycountry  # lazy, as in country_index

    countries = pycountry.countries
    country = countries.get(alpha_2=code) if len(code) == 2 else countries.get(alpha_3=code)
    name = getattr(country, "common_name", None) or getattr(country, "name", None)
    return name if name and "," not in name else None


# ---------------------------------------------------------------- currencies

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd$": "USD", "c$": "CAD", "ca$": "CAD", "cad$": "CAD",
    "a$": "AUD", "au$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL",
    "€": "EUR", "£": "GBP", "₽": "RUB", "₹": "INR", "¥": "JPY", "֏": "AMD", "₪": "ILS",
    "₩": "KRW", "₴": "UAH", "₺": "TRY", "zł": "PLN", "руб": "RUB", "руб.": "RUB",
    "рубль": "RUB", "рубля": "RUB", "рублей": "RUB", "р.": "RUB", "rur": "RUB",
    "դրամ": "AMD", "dram": "AMD", "drams": "AMD", "dollar": "USD", "dollars": "USD",
    "us dollar": "USD", "us dollars": "USD", "euro": "EUR", "euros": "EUR",
    "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
    "rupee": "INR", "rupees": "INR", "rs": "INR", "rs.": "INR", "ruble": "RUB",
    "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "yen": "JPY",
    "canadian dollars": "CAD", "australian dollars": "AUD", "swiss francs": "CHF",
}


@functools.lru_cache(maxsize=512)
def currency_code(text: str) -> str | None:
    """ISO 4217 code for a currency code, symbol or name ("$" -> "USD"); None if unknown."""
    key = " ".join(text.strip().lower().split())
    code = CURRENCY_SYMBOLS.get(key) or (key.upper() if re.fullmatch(r"[a-z]{3}", key) else None)
    if code == "RMB":
        code = "CNY"
    import pycountry  # lazy: 60-110 ms to import; only the first code lookup pays it

    if code and pycountry.currencies.get(alpha_3=code):
        return code
    try:
        return pycountry.currencies.lookup(key).alpha_3
    except LookupError:
        return None


# ---------------------------------------------------------------- enum spellings

# the words a posting or a model uses for a workplace mode (lower-cased, spaces single)
WORKPLACE_WORDS: dict[str, str] = {
    "remote": "remote", "remotely": "remote", "telework": "remote", "virtual": "remote",
    "telecommute": "remote", "hybrid": "hybrid", "onsite": "onsite", "on-site": "onsite",
    "on site": "onsite", "in-person": "onsite", "in person": "onsite", "in-office": "onsite",
    "in office": "onsite", "office": "onsite",
}
# other spellings of the record's enum values (employment type, pay period, degree, level)
ENUM_ALIASES: dict[str, str] = {
    **WORKPLACE_WORDS,
    "full-time": "full_time", "fulltime": "full_time", "full time": "full_time",
    "part-time": "part_time", "parttime": "part_time", "part time": "part_time",
    "contractor": "contract", "temp": "temporary", "intern": "internship",
    "per diem": "per_diem", "hourly": "hour", "daily": "day",
    "weekly": "week", "monthly": "month", "yearly": "year", "annual": "year",
    "annually": "year", "phd": "doctorate", "masters": "master", "bachelors": "bachelor",
    "high school": "high_school", "entry level": "entry", "mid level": "mid",
}


def enum_token(value: Any) -> Any:
    """Lower-case an enum spelling and map common aliases ("Full-time" -> "full_time")."""
    if not isinstance(value, str):
        return value
    token = value.strip().lower()
    return ENUM_ALIASES.get(token, token.replace("-", "_").replace(" ", "_"))
