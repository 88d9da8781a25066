"""Posting date and application deadline, from labelled phrases only.

The posting date follows a label ("Posted 3 days ago", "Date posted: 2024-08-08",
"Publicada há 3 dias", "Publicado el 02-06-2025", "Publiée le 3 mars 2024", "Veröffentlicht
am 12.03.2024", "发布时间：2025-03-18", "Вакансия опубликована 8 августа 2024") or, in
Chinese, comes before one ("3天前发布"); the deadline follows one ("Application deadline:",
"Inscrições até", "Fecha límite", "Date limite de candidature", "Bewerbungsschluss",
"截止日期", "Приём откликов до"). A date without such a label (an event, a start date, a
founding year, a contract's end) is never returned, but for a relative date standing
alone in the header's byline ("Leipzig · vor 3 Wochen · 100 Bewerber", "中国 上海市 · 2 周前").

Relative dates ("há 3 dias", "hace 2 semanas", "il y a 5 jours", "vor 2 Tagen", "3天前",
"2 дня назад", "вчера") count back from the caller's reference date (confidence 0.9).
Numeric dates are day first after a label in another language than English (04/08/2025
in a Portuguese posting is 4 August), and with dots (17.06.2025); after an English label
03/04/2024 could be read either way and is skipped, as is a date without a year
("April 19th", "15 de agosto"): its order or year would be a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from extractor.load import DEADLINE_KEYS, POSTED_KEYS
from extractor.parse.base import Found, posting_end
from extractor.parse.numbers import NUMBER_WORD, number

_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "janeiro", "enero", "ene", "janvier", "janv", "januar", "jänner",
        "января", "январь", "янв"),
    2: ("february", "feb", "fevereiro", "fev", "febrero", "février", "fevrier", "févr",
        "fevr", "februar", "февраля", "февраль", "фев"),
    3: ("march", "mar", "março", "marco", "marzo", "mars", "märz", "maerz", "марта", "март"),
    4: ("april", "apr", "abril", "abr", "avril", "avr", "апреля", "апрель", "апр"),
    5: ("may", "maio", "mai", "mayo", "мая", "май"),
    6: ("june", "jun", "junho", "junio", "juin", "juni", "июня", "июнь", "июн"),
    7: ("july", "jul", "julho", "julio", "juillet", "juil", "juli", "июля", "июль", "июл"),
    8: ("august", "aug", "agosto", "ago", "août", "aout", "августа", "август", "авг"),
    9: ("september", "sep", "sept", "setembro", "set", "septiembre", "setiembre", "septembre",
        "сентября", "сентябрь", "сент", "сен"),
    10: ("october", "oct", "outubro", "out", "octubre", "octobre", "oktober", "okt",
         "октября", "октябрь", "окт"),
    11: ("november", "nov", "novembro", "noviembre", "novembre", "ноября", "ноябрь", "нояб",
         "ноя"),
    12: ("december", "dec", "dezembro", "dez", "diciembre", "dic", "décembre", "decembre",
         "déc", "dezember", "декабря", "декабрь", "дек"),
}
_MONTH_NUMBER = {name: n for n, names in _MONTHS.items() for name in names}
_MONTH = (r"(?<![^\W\d_])(?:"
          + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?(?![^\W\d_])")
_SP = r"[ \t\u00a0\u202f]"
_YEAR = r"(?:\d{4}|\d{2})(?!\d)"
_DMY = (rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?(?:{_SP}|-)+(?:de{_SP}+)?(?P<mon>{_MONTH})"
        rf"(?:{_SP}+de(?:l)?{_SP}+|{_SP}*[,-]{_SP}*|{_SP}+)(?P<y>{_YEAR})(?:\s*г\.?)?")
_MDY = rf"(?P<mon>{_MONTH}){_SP}+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?{_SP}+(?P<y>\d{{4}})(?!\d)"
_YMD = (r"(?P<y>\d{4})(?:[./-](?P<m>\d{1,2})[./-](?P<d>\d{1,2})|\s*年\s*(?P<mz>\d{1,2})\s*月"
        r"\s*(?P<dz>\d{1,2})\s*[日号]?)(?!\d)")  # 2025-06-17, 2025/06/17, 2025年6月17日
_NUMERIC = r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)"  # 17/06/2025: order by language
_READERS = tuple(re.compile(rf"(?i){rx}") for rx in (_YMD, _DMY, _MDY))
_ABSOLUTE = "|".join(re.sub(r"\(\?P<\w+>", "(?:", rx) for rx in (_YMD, _DMY, _MDY, _NUMERIC))

_N = rf"(?:\d+|{NUMBER_WORD})"
_END = r"(?![^\W\d_])"  # not inside a word; a digit may follow in glued text
# "N units ago" by language, and the words for today, yesterday and the day before: a
# count back from the reference date
_AGO_COUNTED = (
    rf"{_N}\s+(?:minute|min|hour|hr|day|week|month|mo)s?\s+ago",  # en
    rf"h[áà]\s+{_N}\s+(?:minutos?|horas?|dias?|semanas?|m[êe]s|meses)",  # pt
    rf"{_N}\s+(?:minutos?|horas?|dias?|semanas?|m[êe]s|meses)\s+atr[áa]s",
    rf"hace\s+{_N}\s+(?:minutos?|horas?|d[íi]as?|semanas?|mes(?:es)?)",  # es
    rf"il\s+y\s+a\s+{_N}\s+(?:minutes?|heures?|jours?|semaines?|mois)",  # fr
    rf"vor\s+{_N}\s+(?:minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?)",  # de
    rf"(?:{_N}\s+)?(?:минут[уы]?|час(?:а|ов)?|дн(?:я|ей)|день|недел[юиь]|месяц(?:а|ев)?)\s+назад",
    r"\d+\s*(?:分钟|小时|天|日|周|星期|个月)前",  # zh
)
# days back: the day before yesterday, yesterday, today ("hier" is French)
_DAYS_BACK = {2: r"anteontem|anteayer|avant-hier|vorgestern|позавчера",
              1: r"yesterday|ontem|ayer|hier|gestern|вчера",
              0: r"just\s+now|today|hoje|hoy|aujourd['’]hui|heute|сегодня"}
_DAYS_BACK_ZH = {2: "前天", 1: "昨天", 0: "今天|刚刚"}
_AGO_WORDS = "|".join(_DAYS_BACK.values())
_AGO_ZH_WORDS = "|".join(_DAYS_BACK_ZH.values())
_AGO = rf"{'|'.join(_AGO_COUNTED)}|(?:{_AGO_WORDS}){_END}|{_AGO_ZH_WORDS}"
_AHEAD = r"in\s+\d+\s+(?:days?|weeks?)"

# Labels by language. English ones leave 03/04/2024 unread; the others read it day first.
# API dumps name their fields ("publishTime:", "fecha_publicacion:", "expiresAt:").
_POSTED_EN = (
    r"(?:re)?posted(?:\s+on)?|date\s+posted|posted\s+date|posting\s+date|published(?:\s+on)?|"
    r"publication\s+date|date\s+of\s+(?:posting|publication)|opening\s+date|"
    r"(?:date_?posted|posted_?(?:at|on|date)|publish(?:ed)?_?(?:at|on|date|time)|"
    r"publication_?date)(?=\s*[:=])")
_POSTED_OTHER = (
    # pt, es
    r"(?:re)?publicad[ao](?:\s+de\s+nuevo)?(?:\s+(?:em|el))?|postad[ao](?:\s+em)?|"
    r"(?:re)?anunciad[ao](?:\s+(?:em|el))?|"
    r"divulgad[ao]\s+em|data\s+d[ae]\s+(?:publica[çc][ãa]o|divulga[çc][ãa]o|an[úu]ncio)|"
    r"fecha\s+de\s+publicaci[óo]n|publica(?:[çc][ãa]o|ci[óo]n)(?=\s*:)|"
    r"(?:fecha|data)_?(?:de_?)?publica(?:cion|cao)(?=\s*[:=])|"
    # fr
    r"(?:re)?publi[ée]e?s?(?:\s+le)?|date\s+de\s+(?:publication|parution|mise\s+en\s+ligne)|"
    r"mise?\s+en\s+ligne(?:\s+le)?|parue?\s+le|post[ée]e?\s+le|"
    # de
    r"ver[öo]ffentlicht(?:\s+am)?|ver[öo]ffentlichungsdatum|datum\s+der\s+ver[öo]ffentlichung|"
    r"eingestellt(?:\s+am)?|online\s+seit|erschienen(?:\s+am)?|inseriert(?:\s+am)?|"
    r"erstellt\s+am|stand(?=\s*:)|"
    # ru
    r"(?:вакансия\s+)?(?:опубликован|размещен)[аоы]?|дата\s+(?:публикации|размещения)|"
    r"публикация\s+вакансии")
_POSTED_ZH = r"(?:职位)?发布(?:于|时间|日期)|发布(?=\s*[:：])|刊登(?:日期|时间)"
_DEADLINE_EN = (
    r"application\s+deadline|deadline(?=\s*(?:[:\-–]|is\b|for\s+appl))|closing\s+date|"
    r"apply\s+(?:by|before|no\s+later\s+than)|applications?\s+(?:are\s+)?(?:due|close[sd]?|"
    r"accepted\s+until|must\s+be\s+(?:received|submitted)\s+by)|valid\s+(?:through|until)|"
    r"expir(?:es|ation\s+date|y\s+date)|last\s+date\s+(?:to|for)\s+appl\w+|"
    r"(?:expires_?at|expir(?:y|ation)_?date|valid_?through|closing_?date|"
    r"application_?deadline)(?=\s*[:=])")
_DEADLINE_OTHER = (
    # pt
    r"(?:inscri[çc][õo]es|candidaturas?)\s+(?:abertas\s+)?at[ée]|inscreva-se\s+at[ée]|"
    r"(?:inscri[çc][õo]es|candidaturas)\s+(?:se\s+)?encerram(?:\s+(?:em|no\s+dia))?|"
    r"prazo\s+(?:final\s+)?(?:de|para)\s+(?:inscri[çc](?:[ãa]o|[õo]es)|candidaturas?|envio)|"
    r"envie\s+(?:o\s+)?seu\s+(?:curr[íi]culo|cv)\s+at[ée]|(?:vaga\s+)?v[áa]lida\s+at[ée]|"
    r"encerramento\s+das\s+(?:inscri[çc][õo]es|candidaturas)|"
    r"data\s+(?:limite|de\s+encerramento)(?:\s+(?:de|para)\s+(?:inscri[çc][ãa]o|candidatura))?|"
    # es
    r"fecha\s+l[íi]mite(?:\s+(?:de|para)\s+(?:postulaci[óo]n|postular|aplicar|inscripci[óo]n))?|"
    r"fecha\s+de\s+(?:cierre|vencimiento|expiraci[óo]n)|(?:postula(?:ciones)?|post[úu]late|"
    r"inscripciones|candidaturas?)\s+hasta|plazo\s+(?:de|para)\s+(?:postulaci[óo]n|postular|"
    r"inscripci[óo]n|presentaci[óo]n)|cierre\s+de\s+(?:la\s+)?(?:convocatoria|"
    r"postulaci(?:[óo]n|ones)|inscripci(?:[óo]n|ones))|recepci[óo]n\s+de\s+(?:cv|curr[íi]culums?|"
    r"hojas\s+de\s+vida|postulaciones|candidaturas|solicitudes)\s+hasta|"
    r"(?:vigente|v[áa]lid[ao])\s+hasta|vigencia(?:\s+de\s+la\s+(?:oferta|vacante))?(?=\s*[:\n])|"
    r"(?:fecha_?(?:de_?)?cierre|fecha_?limite)(?=\s*[:=])|"
    # fr
    r"date\s+limite(?:\s+(?:de|pour)\s+(?:candidature|d[ée]p[ôo]t|postuler))?|"
    r"(?:candidatures?|postuler|postulez|candidatez)\s+(?:avant\s+le|jusqu['’]au)|"
    r"cl[ôo]ture\s+des\s+candidatures|date\s+de\s+cl[ôo]ture|offre\s+valable\s+jusqu['’]au|"
    # de
    r"bewerbungs(?:frist|schluss|ende)|bewerbung(?:en)?\s+bis(?:\s+zum)?|einsendeschluss|"
    r"(?:bewerben\s+sie\s+sich|bewirb\s+dich)\s+bis(?:\s+zum)?|ausschreibungsfrist|"
    # ru
    r"(?:при[её]м|сбор)\s+(?:заявок|резюме|откликов|анкет)|(?:отклики|резюме|заявки)\s+"
    r"принима(?:ем|ются)|принима(?:ем|ются)\s+(?:отклики|резюме|заявки)|срок\s+подачи"
    r"(?:\s+(?:заявок|резюме|документов))?|вакансия\s+(?:действительна|актуальна|открыта)|"
    r"крайний\s+срок(?:\s+подачи)?")
_DEADLINE_ZH = r"(?:报名|申请|投递|简历投递)?截止(?:日期|时间)?|有效期至"


def _labels(en: str, other: str, zh: str) -> str:
    """English labels in group ``en``; a label starts and ends at a word's edge, or starts
    with a capital glued to the line before ("...contributionApply by": a lost line break);
    Chinese has no such edges."""
    edge = r"(?:(?<![^\W\d_])|(?-i:(?<=[a-zà-ÿа-яё])(?=[A-ZÀ-ÞА-ЯЁ])))"
    end = r"(?![^\W\d_])"
    return rf"(?P<label>{edge}(?:(?P<en>{en})|{other}){end}|{zh})"


_FILL = (r"[ \t*_]*(?:[:\-–|：][ \t*_|]*)?\s*(?:(?:on|le|el|em|by|before|until|is|the|до|с|am|"
         r"zum)\s+)?[*_]*")
_DATE = rf"(?P<date>(?P<ago>{_AGO})|{_ABSOLUTE})"
_POSTED = re.compile(rf"(?i){_labels(_POSTED_EN, _POSTED_OTHER, _POSTED_ZH)}{_FILL}{_DATE}")
# Chinese and German may put the label after the date: "3天前发布", "vor 3 Tagen veröffentlicht"
_POSTED_AFTER = re.compile(rf"(?i){_DATE}\s*(?P<label>发布(?![会人者])|ver[öo]ffentlicht\b|"
                           r"eingestellt\b)")
_DEADLINE = re.compile(
    rf"(?i){_labels(_DEADLINE_EN, _DEADLINE_OTHER, _DEADLINE_ZH)}{_FILL}"
    rf"(?:(?!contra)[^\d\n]){{0,16}}?(?P<date>{_AHEAD}|{_ABSOLUTE})")


def _numeric(raw: str, day_first: bool, reference: dt.date) -> dt.date | None:
    """A d/m/y date; m/d/y only when the day cannot be a month (and day-first is not the
    convention). Dots are always d.m.y."""
    a, b, y = (int(x) for x in re.split(r"[./-]", raw))
    year = _year(str(y), reference)
    if "." in raw or day_first or a > 12:
        day, month = a, b
    elif b > 12:
        day, month = b, a
    else:
        return None
    return _day(year, month, day)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year(raw: str, reference: dt.date) -> int:
    """A four-digit year, or two digits read in the nearest century ("29 July 04" is 2004)."""
    year = int(raw)
    if year >= 100:
        return year
    year += 2000
    return year if year <= reference.year + 5 else year - 100


def _absolute(raw: str, reference: dt.date, day_first: bool) -> dt.date | None:
    if re.fullmatch(_NUMERIC, raw):
        return _numeric(raw, day_first, reference)
    for rx in _READERS:
        m = rx.fullmatch(raw)
        if m is None:
            continue
        parts = m.groupdict()
        if parts.get("mon"):
            month = _MONTH_NUMBER[parts["mon"].lower().rstrip(".")]
            return _day(_year(parts["y"], reference), month, int(parts["d"]))
        return _day(int(parts["y"]), int(parts["m"] or parts["mz"]), int(parts["d"] or parts["dz"]))
    return None


_UNIT = re.compile(
    r"(?P<minutes>\b(?:minut|mins?\b|минут)|分钟)|(?P<hours>\b(?:hour|hrs?\b|hora|heure|stunde|"
    r"час)|小时)|(?P<days>\b(?:day|d[ií]a|jour|tag|дн|день)|天|日)|(?P<weeks>\b(?:week|semana|"
    r"semaine|woche|недел)|周|星期)|(?P<months>\b(?:month|mo\b|m[êe]s|mois|monat|месяц)|月)",
    re.IGNORECASE)
_COUNT = re.compile(rf"(?i)\d+|{NUMBER_WORD}")


def _relative(raw: str, reference: dt.date) -> dt.date | None:
    """The day ``raw`` ("há 3 dias", "2 дня назад", "昨天") counts back to from noon on the
    reference date; a month back is the same day of the month before (or its last day)."""
    for days, words in (*_DAYS_BACK.items(), *_DAYS_BACK_ZH.items()):
        if re.fullmatch(rf"(?i){words}", raw):
            return reference - dt.timedelta(days=days)
    unit = _UNIT.search(raw)
    if unit is None:
        return None
    counts = _COUNT.findall(raw, 0, unit.start())  # the last before the unit: "il y a 3 jours"
    n = int(number(counts[-1])) if counts else 1  # "неделю назад"
    if unit.lastgroup == "months":
        return _months_back(reference, n)
    noon = dt.datetime.combine(reference, dt.time(12))
    return (noon - dt.timedelta(**{str(unit.lastgroup): n})).date()


def _months_back(reference: dt.date, n: int) -> dt.date:
    month = reference.month - 1 - n
    year, month = reference.year + month // 12, month % 12 + 1
    for day in range(reference.day, 0, -1):
        found = _day(year, month, day)
        if found:
            return found
    raise AssertionError("every month has a first day")


def _date(m: re.Match[str], reference: dt.date) -> dt.date | None:
    raw = " ".join(m.group("date").split())
    if m.groupdict().get("ago"):
        return _relative(raw, reference)
    if raw.startswith("in "):  # "apply by: in 14 days"
        return reference + dt.timedelta(days=int(raw.split()[1]) * (7 if "week" in raw else 1))
    day_first = not m.groupdict().get("en")
    return _absolute(re.sub(r"\s*г\.?$", "", raw), reference, day_first)


def _confidence(m: re.Match[str]) -> float:
    """Relative dates and an "opening date" (may differ from posting) are less certain."""
    if re.match(r"(?i)opening", m["label"]):
        return 0.8
    if m.groupdict().get("ago") or m["date"].startswith("in "):
        return 0.9
    return 1.0


def _found(rx: re.Pattern[str], text: str, reference: dt.date, posted: bool
           ) -> list[Found[dt.date]]:
    out: list[Found[dt.date]] = []
    for m in rx.finditer(text):
        value = _date(m, reference)
        if value is None or value.year < 1990:
            continue
        if posted and value > reference + dt.timedelta(days=1):
            continue
        out.append(Found(value, m.start(), m.end(), _confidence(m)))
    return out


HEADER_CHARS = 800
# a relative date standing alone in the posting's header, between separators: a board's
# byline ("Leipzig · vor 3 Wochen · 100 Bewerber", "• 2 days ago") dates the posting.
# French "hier" is left out: alone on a line it is as likely German "here".
_HEADER_AGO = re.compile(rf"(?im)(?:^|[·|•▪]|\s[–—-]\s)[ \t]*(?!hier\b)(?P<date>{_AGO})[ \t]*"
                         r"(?=$|[·|•▪]|\s[–—-]\s)")
# the same byline where an export lost the header's line breaks: glued to the word before
# ("Valenciahace 5 días", "Hospedagempublicada há 2 semanas"); a lone word only where the
# next line's capital or figure follows it ("Минсквчера2 200 BYN"), never inside a word
# ("players")
_HEADER_GLUED = re.compile(
    rf"(?i)(?<=[^\W\d_])(?<![\u4e00-\u9fff])(?:(?:{_POSTED_EN}|{_POSTED_OTHER})\s+)?"
    rf"(?P<date>{'|'.join(_AGO_COUNTED)}|(?!hier)(?:{_AGO_WORDS})(?-i:(?=[A-ZÀ-ÞА-ЯЁ\d])))")


def _header_ago(text: str, reference: dt.date) -> list[Found[dt.date]]:
    """The header's byline date; none when the header lists several different ones (a
    list of other postings, each with its age, before the posting's own)."""
    out: list[Found[dt.date]] = []
    end = min(len(text), HEADER_CHARS)
    bylines = [*_HEADER_AGO.finditer(text, 0, end), *_HEADER_GLUED.finditer(text, 0, end)]
    for m in sorted(bylines, key=lambda m: m.start()):
        value = _relative(" ".join(m.group("date").split()), reference)
        if value is not None and value <= reference:
            out.append(Found(value, m.start("date"), m.end("date"), 0.85))
    return out[:1] if len({found.value for found in out}) == 1 else []


def parse_dates(
    text: str, reference_date: dt.date
) -> tuple[list[Found[dt.date]], list[Found[dt.date]]]:
    """(date_posted candidates, valid_through candidates) from labelled phrases, and for
    the posting date a relative date alone in the header's byline."""
    if isinstance(reference_date, dt.datetime):
        reference_date = reference_date.date()
    body = text[:posting_end(text)]
    posted = sorted(_found(_POSTED, body, reference_date, True)
                    + _found(_POSTED_AFTER, body, reference_date, True), key=lambda f: f.start)
    deadline = _found(_DEADLINE, body, reference_date, False)
    return posted or _header_ago(body, reference_date), deadline


# A JSON posting's own date columns (``POSTED_KEYS``, ``DEADLINE_KEYS``: the loader's, which
# also shows them in the header); the first found holding an ISO date.


def dates_in_fields(fields: Mapping[str, Any] | None) -> dict[str, tuple[str, dt.date]]:
    """``{"date_posted": (column, day), "valid_through": (column, day)}`` from a JSON
    posting's own columns holding an ISO date or datetime ("2025-06-03T07:30:00+02:00")."""
    columns = {"".join(c for c in name.casefold() if c.isalnum()): name for name in fields or {}}
    found: dict[str, tuple[str, dt.date]] = {}
    for name, keys in (("date_posted", POSTED_KEYS), ("valid_through", DEADLINE_KEYS)):
        for key in keys:
            value = (fields or {}).get(columns.get(key, ""))
            day = _iso_day(value) if isinstance(value, str) else None
            if day is not None:
                found[name] = (columns[key], day)
                break
    return found


def _iso_day(value: str) -> dt.date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])", value)
    day = _day(*(int(part) for part in m.groups())) if m else None
    return day if day is not None and day.year >= 1990 else None
