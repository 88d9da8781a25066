"""Pay ranges: "$120k-$150k", "$25.50 - $30.00 per hour", "от 45 000 ₽", "€50-60K".

A figure counts as pay with a currency symbol or code next to it and a pay context: a
pay word before it (salary, pay, compensation, range, OTE, зарплата ...), a period
after it ("per hour", "a year", "/month"), a pay word right after it ("salary",
"на руки") or a "$120k-$150k" k-range. Benefit and company money (referral bonus,
tuition reimbursement, "$11.6 billion in venture capital", "$100M ARR") is not pay:
a nearer money-but-not-pay word, a million/billion suffix or an amount over ten
million rejects the figure. The period is only ever read from the text; a "K"
suffix does not state one. A bare figure ("13K-13K Annually", "Salary 40,000-50,000
annually") counts only with a stated period and a k suffix or pay word; its currency is
the caller's ``default_currency`` (a currency stated elsewhere in the posting) or null,
at confidence 0.8. Identical ranges stated twice count once.
"""

from __future__ import annotations

import re

from extractor.codes import currency_code
from extractor.parse.base import Found, posting_end
from extractor.record import PayPeriod, SalaryRange

MAX_PAY = 10_000_000

# ---------------------------------------------------------------- patterns

# the ISO 4217 codes a figure may carry (names and symbols: ``extractor.codes``)
_CODES = ("USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|CNY|RMB|INR|RUB|RUR|AMD|PLN|SEK|NOK|DKK|CZK|"
          "HUF|RON|BGN|UAH|KZT|GEL|AZN|BYN|TRY|ILS|AED|SAR|QAR|SGD|HKD|MXN|BRL|ZAR|NGN|"
          "KES|PHP|MYR|IDR|THB|VND|KRW|TWD|EGP|PKR|BDT|LKR")
_SYM = r"(?:US\$|USD\$|C\$|CA\$|CAD\$|A\$|AU\$|NZ\$|HK\$|S\$|R\$|\$|€|£|₽|₹|¥|֏|₪|₩|₴|₺)"
_CODE = rf"(?<![A-Za-z])(?:{_CODES})(?![A-Za-z])"
_WORD_CUR = (r"(?i:руб(?:л(?:ей|я|ь))?\.?|р\.|(?:us\s+)?dollars|euros?|pounds(?:\s+sterling)?|"
             r"rupees|drams?|դրամ|r[oу]ubles|rubles)(?![a-zа-я])")
_NUM = (r"(?:\d{1,3}(?:(?:,\s?|[ \u00a0\u202f\u2009.'])\d{3})+(?:[.,]\d{1,2})?|"
        r"\d+(?:[.,]\d{1,2})?)(?![\d])")
_SUFFIX = (r"(?:[kK](?![a-z])|thousand\b|тыс\.?|[mM](?:illion|ln|m|n|il)?(?![a-z])|"
           r"[bB](?:illion|n)?(?![a-z])|млн|млрд|trillion\b)")
_INLINE_PERIOD = r"/\s?(?:hour|hr|h|year|yr|annum|month|mo|week|wk|day)\b"


def _amount(tag: str) -> str:
    return (rf"(?P<{tag}pre>{_SYM}|{_CODE})?[ \t\u00a0]?(?P<{tag}num>{_NUM})"
            rf"(?:[ \t\u00a0]?(?P<{tag}suf>{_SUFFIX}))?(?![a-z\d])"
            rf"(?:\s?(?P<{tag}post>{_SYM}|{_CODE}|{_WORD_CUR})(?![ \t]?\d))?"
            rf"(?P<{tag}plus>\+)?(?:\s?(?P<{tag}per>{_INLINE_PERIOD}))?")


_LEAD = (r"(?P<lead>\b(?:up\s+to|from|starting\s+(?:at|from)|starts?\s+at|begins?\s+at|"
         r"in\s+excess\s+of|at\s+least|minimum\s+of|upwards\s+of|à\s+partir\s+de|"
         r"jusqu'à|jusqu’à|ab|bis\s+zu)\s+|(?<![а-яА-Я])(?:от|до)\s+)?")
_SEP = r"(?:\s*(?:[-–—]|to|and|до|à|bis)\s*|(?=[$€£₽₹]))"
_MONEY = re.compile(rf"(?i:{_LEAD}){_amount('a')}(?:{_SEP}{_amount('b')})?")
_ONE = re.compile(rf"(?i:{_LEAD}){_amount('a')}")

_PERIOD_WORDS: list[tuple[PayPeriod, str]] = [
    ("hour", r"per\s+hour|an?\s+hour|/\s?h(?:ou)?r\b|/\s?h\b|hourly|p/h\b|в\s+час|"
             r"de\s+l'heure|par\s+heure|/\s?heure|(?:pro|je|die)\s+stunde|/\s?std\b\.?|"
             r"stündlich"),
    ("day", r"per\s+day|a\s+day\b|/\s?day|daily|в\s+день|par\s+jour|/\s?jour"),
    ("week", r"per\s+week|a\s+week|/\s?w(?:ee)?k\b|weekly|в\s+неделю|par\s+semaine"),
    ("month", r"per\s+month|a\s+month|/\s?mo(?:nth)?\b|monthly|per\s+mensem|в\s+месяц|"
              r"/\s?мес|ежемесячно|par\s+mois|/\s?mois|mensuel\w*|(?:pro|im|je)\s+monat\b|"
              r"/\s?monat\b|monatlich|mtl\.(?!\w)"),
    ("year", r"per\s+year|a\s+year|/\s?y(?:ea)?r\b|/\s?annum|annually|annual|per\s+annum|"
             r"p\.\s?a(?:\.|\b)|(?-i:pa\b)|yearly|в\s+год|par\s+an\b|/\s?an\b|annuel\w*|"
             r"(?:pro|im|je)\s+jahr\b|/\s?jahr\b|jährlich"),
]
# words that may stand between a figure and its period: "250 USD equivalent in AMD per month"
_FILLER = (r"^[\s,;:()*+/–-]*(?:(?:(?-i:[A-Z]{3})|gross|net|brut|brutto|netto|base|salary|pay|"
           r"total|paid|in|before\s+tax\w*|pre-tax|after\s+tax\w*|equivalent(?:\s+in\s+\w+)?)[\s,;:()/]*){0,3}")
_PERIODS: list[tuple[PayPeriod, re.Pattern[str]]] = [
    (p, re.compile(rf"(?i){_FILLER}(?:{r})")) for p, r in _PERIOD_WORDS]
_PAY_WORDS = re.compile(
    r"(?i)\b(?:salary|salaries|pay|paid|payment|compensation|wages?|rate|range|remuneration|"
    r"earn\w*|income|OTE|stipend|base|band|gross|net|salaire|rémunération|rémunéré|gehalt|"
    r"vergütung|lohn)\b|зарплат\w*|заработн\w*|оклад\w*|доход\w*|з/п|\bзп\b|вознагражд\w*|"
    r"(?i:\b\w+(?:gehalt|gehälter|lohn|vergütung)\b)")
_NOT_PAY_BEFORE = re.compile(
    r"(?i)\b(?:referr\w*|referral|bonus\w*|bonues|reimburs\w*|tuition|budget|allowance|"
    r"insurance|premiums?|costs?|deductibles?|fees?|fund\w*|raised?|revenue|(?:annual|gross|"
    r"net)\s+sales|sales\s+of|"
    r"turnover|assets|invest\w*|valuation|loans?|worth|discounts?|perks?|donat\w*|spend\w*|"
    r"match\w*|increase|differentials?|clients?|capital|ARR|series|grant|scholarship|"
    r"savings?|price|priced|deals?|maybe|may\s+be|example)\b")
_NOT_PAY_AFTER = re.compile(
    r"(?i)^[\s()]{0,3}(?:(?!plus\b|and\b|with\b)[\w-]+\s+){0,2}?(?:referr\w*|bonus\w*|"
    r"stipend|budget|reimburs\w*|allowance|perks?|marketplace|credits?|discounts?|fees?|"
    r"fund\w*|revenue|sales|series|ARR|valuation|raised|round|deals?|"
    r"in\s+(?:funding|revenue|sales|assets|capital|venture|donations|annual)|per\s+(?:employee|hire|hired|referr\w*|candidate|"
    r"client|person|mile|unit)|via|towards?|for\s+each|match\w*|savings?|loans?)\b")
_LABEL_GAP = re.compile(r"(?i)[\s:•\-–]*(?:(?:range|rate|band|is|of|from|between|annual|base|"
                        r"starting)\b[\s:•\-–]*)*")
_PAY_AFTER = re.compile(
    r"(?i)^\W{0,3}(?:salary|base|OTE|gross|net|brut|DOE|depending|based\s+on|commensurate|"
    r"на\s+руки|до\s+вычета|после\s+вычета)")
_PERIOD_BEFORE = re.compile(
    r"(?i)(?:\b(?P<p>hourly|annual|yearly|monthly|weekly|daily)\s+(?:base\s+)?(?:pay|salary|"
    r"rate|wage|compensation|stipend|income|earnings)\b|\b(?:brutto|netto)?(?P<de>jahres|"
    r"monats|stunden|wochen|tages)(?:brutto|netto)?(?:gehalt|lohn|vergütung|verdienst|satz)\b)"
    r"[^\n\d]{0,15}$")
_BEFORE_PERIOD: dict[str, PayPeriod] = {
    "hourly": "hour", "annual": "year", "yearly": "year", "monthly": "month", "weekly": "week",
    "daily": "day", "jahres": "year", "monats": "month", "stunden": "hour", "wochen": "week",
    "tages": "day"}
_MIN_LEADS = ("from", "ab", "starting", "start", "begin", "in excess", "at least", "minimum",
              "upwards", "à partir", "от")
_MAX_LEADS = ("up to", "jusqu", "до", "bis zu")
_SCALES = {"k": 1000, "thousand": 1000, "тыс": 1000, "тыс.": 1000}


# ---------------------------------------------------------------- numbers

def _number(raw: str) -> float:
    """Read "45 000", "120,000.50", "45.000", "25,50" as a float."""
    raw = re.sub(r"[ \u00a0\u202f\u2009']", "", raw)
    if re.search(r"[.,]\d{1,2}$", raw):
        head, tail = raw[:-3 if raw[-3] in ".," else -2], raw[-2:].lstrip(".,")
        return float(re.sub(r"[.,]", "", head) + "." + tail)
    return float(re.sub(r"[.,\s]", "", raw))


def _g(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _scaled(m: re.Match[str], tag: str) -> float | None:
    """The amount of side ``tag`` with its k suffix applied; None for million/billion."""
    num, suf = _g(m, f"{tag}num"), _g(m, f"{tag}suf")
    if num is None:
        return None
    if suf is None:
        return _number(num)
    scale = _SCALES.get(suf.lower())
    return _number(num) * scale if scale else None


def _amounts(m: re.Match[str]) -> tuple[float | None, float | None] | None:
    """(min, max) of a money match; None when a side is not a plausible amount."""
    low = _scaled(m, "a")
    if low is None:
        return None
    if _g(m, "bnum") is None:
        return _single(m, low)
    high = _scaled(m, "b")
    if high is None:
        return None
    if _g(m, "bsuf") and not _g(m, "asuf") and low * 1000 <= high:
        low *= 1000  # "$25-30K", "€50-60K"
    return (low, high) if low <= high else None


def _single(m: re.Match[str], value: float) -> tuple[float | None, float | None]:
    lead = (_g(m, "lead") or "").strip().lower()
    if lead.startswith(_MAX_LEADS):
        return None, value
    if lead.startswith(_MIN_LEADS) or _g(m, "aplus"):
        return value, None
    return value, value


def _currency(m: re.Match[str]) -> str | None:
    """The match's currency: a code or name wins over a bare "$"."""
    marks = [x for x in (_g(m, g) for g in ("apre", "apost", "bpre", "bpost")) if x]
    codes = [currency_code(x) for x in marks]
    named = [c for x, c in zip(marks, codes, strict=True) if c and x.strip() != "$"]
    return named[0] if named else next((c for c in codes if c), None)


# ---------------------------------------------------------------- context

def _period_after(text: str, end: int) -> tuple[PayPeriod | None, int]:
    """Period stated right after a figure ("per hour", "a year"), and where it ends."""
    window = re.split(r"\d|\n|\.\s", text[end:end + 40], maxsplit=1)[0]
    for period, rx in _PERIODS:
        hit = rx.match(window)
        if hit:
            return period, end + hit.end()
    return None, end


def _period(m: re.Match[str], text: str) -> tuple[PayPeriod | None, int]:
    """Period of a money match: inline ("/hr"), right after it, or "hourly pay of" before it."""
    inline = _g(m, "bper") or _g(m, "aper")
    if inline:
        return _period_after(inline, 0)[0], m.end()
    period, end = _period_after(text, m.end())
    if period:
        return period, end
    line = text[max(0, m.start() - 60):m.start()].rsplit("\n", 1)[-1]
    before = _PERIOD_BEFORE.search(line)
    word = (before.group("p") or before.group("de")) if before else None
    return (_BEFORE_PERIOD[word.lower()] if word else None), m.end()


def _not_pay(text: str, start: int, end: int) -> bool:
    """Money that is not pay: a benefit, funding or cost word nearer than any pay word."""
    if _NOT_PAY_AFTER.search(text[end:end + 40].split("\n", 1)[0]):
        return True
    before = text[max(0, start - 80):start]
    bad = [h.end() for h in _NOT_PAY_BEFORE.finditer(before)]
    good = [h.end() for h in _PAY_WORDS.finditer(before)]
    return bool(bad) and (not good or bad[-1] > good[-1])


def _own_line(m: re.Match[str], text: str) -> bool:
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:m.start()].strip() and not text[m.end():line_end].strip()


def _pay_label_before(m: re.Match[str], text: str) -> bool:
    """A bare figure right after a pay label on its line: "Salary 40,000", "Pay range: 15"."""
    line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
    hits = list(_PAY_WORDS.finditer(line))
    return bool(hits) and bool(_LABEL_GAP.fullmatch(line[hits[-1].end():]))


def _has_pay_context(m: re.Match[str], text: str, period: str | None) -> bool:
    if period:
        return True
    if _PAY_WORDS.search(text[max(0, m.start() - 80):m.start()]):
        return True
    if _PAY_AFTER.search(text[m.end():m.end() + 30]):
        return True
    if _own_line(m, text):
        return bool(_currency(m))  # a salary box: "45 000 ₽" on a line of its own
    return bool(_g(m, "bsuf") and (_g(m, "apre") or _g(m, "bpre")))


# ---------------------------------------------------------------- parser

def _salary(m: re.Match[str], text: str, default: str | None) -> Found[SalaryRange] | None:
    """The range a money match states, or None when it is not pay."""
    span = _amounts(m)
    if span is None or any(v is not None and not 0 < v <= MAX_PAY for v in span):
        return None
    period, end = _period(m, text)
    currency = _currency(m)
    if not _has_pay_context(m, text, period) or _not_pay(text, m.start(), m.end()):
        return None
    confidence = 1.0
    if currency is None:
        if not (period and (_g(m, "asuf") or _pay_label_before(m, text))):
            return None
        currency, confidence = default, 0.8
    raw = text[m.start():end]
    if raw.count("(") > raw.count(")") and text[end:end + 1] == ")":
        raw += ")"
    start = m.start() + len(raw) - len(raw.lstrip())
    value = SalaryRange(min=span[0], max=span[1], currency=currency, period=period,
                        raw=raw.strip())
    return Found(value, start, start + len(raw.strip()), confidence)


def parse_salaries(text: str, default_currency: str | None = None) -> list[Found[SalaryRange]]:
    """Every pay range stated in ``text``, in order, identical ranges counted once.

    ``default_currency`` is used for a bare figure ("13K-13K Annually") only; the
    caller passes a currency stated elsewhere in the same posting, else it stays null.
    """
    default = currency_code(default_currency) if default_currency else None
    body = text[:posting_end(text)]
    found: list[Found[SalaryRange]] = []
    seen: set[tuple[object, ...]] = set()
    for m in _MONEY.finditer(body):
        item = _salary(m, body, default)
        if item is None and _g(m, "bnum") and not (_g(m, "bpre") or _g(m, "bpost")):
            one = _ONE.match(body, m.start())  # "$50,000 and 401(k)": the first figure alone
            item = _salary(one, body, default) if one else None
        if item is None:
            continue
        v = item.value
        key = (v.min, v.max, v.currency, v.period)
        if key not in seen:
            seen.add(key)
            found.append(item)
    return found
