"""Posting date and application deadline, from labelled phrases only.

"Posted 3 days ago", "Reposted 8 Days Ago", "Date posted: 2024-08-08", "Вакансия
опубликована 8 августа 2024", "Publiée il y a 3 jours" give the posting date;
"APPLICATION DEADLINE: 20 March 2004", "Apply by ...", "Closing date: ...", "Valid
through ...", "Date limite : ...", "Bewerbungsfrist: ..." give the deadline (German:
"veröffentlicht am 12.03.2024", "vor 3 Tagen", "Stand: ..."). A date without such a label
(an event, a start date, a founding year) is never returned, but for a relative date
standing alone in the header's byline ("Leipzig · vor 3 Wochen · 100 Bewerber"). Relative dates are
resolved against the caller's reference date (confidence 0.9). Dates without a
year ("April 19th") and numeric dates that could be read either way (03/04/2024)
are skipped: their year or order would be a guess. dateparser is imported on first use.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from extractor.parse.base import Found, posting_end

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
          r"январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|"
          r"сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]|janvier|f[ée]vrier|mars|avril|mai|"
          r"juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|"
          r"januar|februar|m[äa]rz|juni|juli|oktober|dezember|okt|dez)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?:\d{4}|\d{2}(?!\d))"
_NUMERIC = r"(?P<num>\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d))"
_SP = r"[ \t\u00a0\u202f]"
_ABSOLUTE = (rf"\d{{4}}-\d{{2}}-\d{{2}}(?!\d)|{_DAY}(?:{_SP}|-)+{_MONTH}(?:{_SP}|[,-])+{_YEAR}"
             rf"(?:\s*г\.?)?|{_MONTH}{_SP}+{_DAY},?{_SP}+\d{{4}}|{_NUMERIC}")
_AGO = (r"(?:\d+|an?|one)\s+(?:minute|min|hour|day|week|month)s?\s+ago|today|yesterday|"
        r"just\s+now|il\s+y\s+a\s+\d+\s+(?:jours?|heures?|semaines?|mois)|aujourd'hui|hier|"
        r"\d+\s+(?:дн(?:я|ей)?|день|час(?:а|ов)?|недел[ьи]|месяц(?:а|ев)?)\s+назад|сегодня|вчера|"
        r"vor\s+(?:\d+|einem|einer)\s+(?:minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?)|"
        r"heute|gestern")
_AHEAD = r"in\s+\d+\s+(?:days?|weeks?)"
_FILL = r"[ \t]*[:\-–]?\s*(?:(?:on|le|by|before|until|is|the|до|с|am|zum)\s+)?"

_POSTED = re.compile(
    r"(?i)(?P<label>\b(?:(?:re)?posted(?:\s+on)?|date\s+posted|posted\s+date|posting\s+date|"
    r"published(?:\s+on)?|publication\s+date|date\s+of\s+(?:posting|publication)|"
    r"opening\s+date|publi[ée]e?|date\s+de\s+publication|mis\s+en\s+ligne|"
    r"ver[öo]ffentlicht(?:\s+am)?|ver[öo]ffentlichungsdatum|datum\s+der\s+ver[öo]ffentlichung|"
    r"eingestellt(?:\s+am)?|online\s+seit|erschienen(?:\s+am)?|inseriert(?:\s+am)?|"
    r"stand(?=\s*:))\b|"
    r"(?:вакансия\s+)?опубликован[аоы]?|дата\s+публикации|публикация\s+вакансии)"
    rf"{_FILL}(?P<date>{_AGO}|{_ABSOLUTE})")
_DEADLINE = re.compile(
    r"(?i)(?P<label>\b(?:application\s+deadline|deadline(?=\s*(?:[:\-–]|is\b|for\s+appl))|"
    r"closing\s+date|apply\s+(?:by|before|no\s+later\s+than)|applications?\s+(?:are\s+)?"
    r"(?:due|close[sd]?|accepted\s+until|must\s+be\s+(?:received|submitted)\s+by)|"
    r"valid\s+(?:through|until)|expir(?:es|ation\s+date|y\s+date)|last\s+date\s+"
    r"(?:to|for)\s+appl\w+|date\s+limite(?:\s+de\s+(?:candidature|d[ée]p[ôo]t))?|"
    r"candidatures?\s+(?:avant\s+le|jusqu'au)|bewerbungs(?:frist|schluss)|"
    r"bewerbung(?:en)?\s+bis(?:\s+zum)?)\b|(?:при[её]м\s+(?:заявок|резюме)|"
    r"срок\s+подачи(?:\s+(?:заявок|резюме|документов))?|вакансия\s+(?:действительна|"
    r"актуальна))(?![а-я]))"
    rf"{_FILL}(?:[^\d\n]{{0,16}}?)(?P<date>{_AHEAD}|{_ABSOLUTE})")
_RELATIVE = re.compile(r"(?i)\s(?:ago|назад)$|il\s+y\s+a|\bin\s+\d|^(?:today|yesterday|just|"
                       r"сегодня|вчера|hier|aujourd|vor\s|heute|gestern)")
_LANGUAGES = ["en", "ru", "fr", "de"]


def _numeric(raw: str) -> dt.date | None:
    """A d/m/y or m/d/y date when only one reading is possible (or dots: d.m.y)."""
    a, b, y = (int(x) for x in re.split(r"[./-]", raw))
    year = y + 2000 if y < 50 else y + 1900 if y < 100 else y
    if "." in raw or a > 12:
        day, month = a, b
    elif b > 12:
        day, month = b, a
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@functools.lru_cache(maxsize=1024)
def _parse(raw: str, reference: dt.date, prefer: str) -> dt.date | None:
    """dateparser on a date phrase, imported on first use (its import is slow)."""
    import dateparser

    base = dt.datetime.combine(reference, dt.time(12, 0))
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer,
                "RETURN_AS_TIMEZONE_AWARE": False}
    found = dateparser.parse(raw, languages=_LANGUAGES, settings=settings)
    return found.date() if found else None


def _date(m: re.Match[str], reference: dt.date, prefer: str) -> dt.date | None:
    """The date of a labelled match; two-digit years are read as the nearest past century."""
    if m.group("num"):
        return _numeric(m.group("num"))
    raw = re.sub(r"(?<=\d)(?:st|nd|rd|th|er)\b|\s*г\.?$", "", m.group("date"))
    short = re.search(r"(?i)[a-zа-яéû.,][\s-]+(\d{2})$", raw)  # "29 July 04", never 2104
    if short:
        year = 2000 + int(short.group(1))
        year = year if year <= reference.year + 5 else year - 100
        raw = raw[:short.start(1)] + str(year)
    return _parse(" ".join(raw.split()), reference, prefer)


def _confidence(m: re.Match[str]) -> float:
    """Relative dates and an "opening date" (may differ from posting) are less certain."""
    if re.match(r"(?i)opening", m["label"]):
        return 0.8
    if _RELATIVE.search(m["date"]):
        return 0.9
    return 1.0


def _found(
    rx: re.Pattern[str], text: str, reference: dt.date, prefer: str
) -> list[Found[dt.date]]:
    out: list[Found[dt.date]] = []
    for m in rx.finditer(text):
        value = _date(m, reference, prefer)
        if value is None or value.year < 1990:
            continue
        if prefer == "past" and value > reference + dt.timedelta(days=1):
            continue
        out.append(Found(value, m.start(), m.end(), _confidence(m)))
    return out


HEADER_CHARS = 800
# a relative date standing alone in the posting's header, between separators: a board's
# byline ("Leipzig · vor 3 Wochen · 100 Bewerber", "• 2 days ago") dates the posting
_HEADER_AGO = re.compile(rf"(?im)(?:^|[·|•▪]|\s[–—-]\s)[ \t]*(?P<date>{_AGO})[ \t]*"
                         r"(?=$|[·|•▪]|\s[–—-]\s)")


def _header_ago(text: str, reference: dt.date) -> list[Found[dt.date]]:
    out: list[Found[dt.date]] = []
    for m in _HEADER_AGO.finditer(text, 0, min(len(text), HEADER_CHARS)):
        value = _parse(" ".join(m.group("date").split()), reference, "past")
        if value is not None and value <= reference:
            out.append(Found(value, m.start("date"), m.end("date"), 0.85))
    return out[:1]


def parse_dates(
    text: str, reference_date: dt.date
) -> tuple[list[Found[dt.date]], list[Found[dt.date]]]:
    """(date_posted candidates, valid_through candidates) from labelled phrases, and for
    the posting date a relative date alone in the header's byline."""
    if isinstance(reference_date, dt.datetime):
        reference_date = reference_date.date()
    body = text[:posting_end(text)]
    posted = _found(_POSTED, body, reference_date, "past") or _header_ago(body, reference_date)
    deadline = _found(_DEADLINE, body, reference_date, "future")
    return posted, deadline
