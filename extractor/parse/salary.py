"""Pay ranges: "$120k-$150k", "R$ 6.500 a R$ 8.000 por mês", "от 45 000 ₽", "15-25K·13薪".

A figure counts as pay with a currency symbol, code or name next to it and a pay context:
a pay word before it (salary, salário, sueldo, salaire, Gehalt, зарплата, 薪资 ...), a
period after it ("per hour", "per hr", "a yr", "$34 hr", "por mês", "brutos anuales",
"par an", "im Monat", "в месяц", "/月"; past "depending on experience"), a pay word right
after it ("salary", "brutto", "на руки") or a "$120k-$150k" k-range.
Benefit and company money (referral bonus, meal vouchers: "vale-refeição de R$ 35/dia",
"tickets restaurant", "Essenszuschuss", "餐补"; "$11.6 billion in venture capital",
"faturamento de R$ 80 milhões") is not pay: a nearer money-but-not-pay word, a billion
suffix, a million one not right after a salary label, or an amount over ten million
rejects the figure.

The period is only ever read from the text: after the figure, in a label before it
("Hourly:", "Salary (annual):", "annual salary band", "an hourly role paying", "Day rate:",
"年薪"), on the line below a figure that ends its line when that line is the period
("Hourly", "per year"); a "K" suffix does not state one here, except in Chinese, where
"20-35K" (and "15-25K·13薪", thirteen monthly salaries) is a monthly figure (``parse_text``
then reads a "k" range of 10,000 or more as yearly: RECORD.md's "$120k-$150k").

Numbers are read in every locale's form: "1.234,56", "1,234.56", "1 234" (with no-break or
narrow no-break spaces), "5'800", "18,00,000" (lakhs); "k"/"к"/"mil"/"тыс."/"千" are
thousands, "万" ten thousand, "lakh"/"LPA" a hundred thousand (LPA: per year); a million
("млн", "millones", "M") is pay only right after a salary label. "·13薪" and "13th salary"
(months paid) are never an amount. A figure in a list or table under a pay header
("Compensation (base salary, annual):") takes the header's period.

A bare "$" is the US dollar, except next to French pay words (Quebec: "82 000 $ par
année", CAD) and Spanish ones (a peso of a country the figure does not name: no currency
unless the posting states one). "元" is the yuan, or the Taiwan or Hong Kong dollar in a
posting in traditional characters. A figure with no currency ("13K-13K Annually", "Salary
40,000-50,000 annually", "Зарплата: до 200 тыс.") counts only with two of a stated period,
a thousand suffix and a pay label right before it; its currency is the caller's
``default_currency`` (a currency stated elsewhere in the posting) or null, at confidence
0.8. A floor ("from", "ab", "a partir de", "от", "起") sets min only, a ceiling ("up to",
"até", "hasta", "до") max only; a floor and the ceiling right after it in its sentence
("starts at $19 with raises up to $22/hour") are one range, as are two figures of one
period joined by "to" ("$21 per hour to $25 per hour"). Identical ranges stated twice
count once.

``supports`` is grounding's check of a model's range: each amount must be one the text
writes (``stated_amounts``: multipliers applied; counts, dates and phone numbers left out),
its currency and period ones the text names or the parser reads for one of its figures.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.codes import currency_code
from extractor.parse.base import Found, posting_end
from extractor.record import PayPeriod, SalaryRange

MAX_PAY = 10_000_000

# ---------------------------------------------------------------- currency marks

# the ISO 4217 codes a figure may carry (names and symbols: ``_MARKS``, ``extractor.codes``)
_CODES = ("USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|CNY|RMB|INR|RUB|RUR|AMD|PLN|SEK|NOK|DKK|CZK|"
          "HUF|RON|BGN|UAH|KZT|GEL|AZN|BYN|TRY|ILS|AED|SAR|QAR|SGD|HKD|MXN|BRL|ZAR|NGN|"
          "KES|PHP|MYR|IDR|THB|VND|KRW|TWD|EGP|PKR|BDT|LKR|COP|CLP|ARS|PEN|UYU|BOB|PYG|"
          "VES|CRC|GTQ|DOP|UZS|KGS|TJS|MDL|RSD|ISK|MAD|TND")
_SYM = (r"(?:US\$|USD\$|U\$S|C\$|CA\$|CAD\$|A\$|AU\$|NZ\$|HK\$|NT\$|S\$|R\$|RD\$|MX\$|COL\$|"
        r"CLP\$|AR\$|S/\.?(?=\s?\d)|(?<![A-Za-z])S?Fr\.(?=\s?\d)|\$|€|£|₽|₹|¥|￥|֏|₪|₩|₴|₺|₸|₱|"
        r"₦|₫|฿)")
_CODE = rf"(?<![A-Za-z])(?:{_CODES})(?![A-Za-z])"
_WORD_CUR = (r"(?:(?i:руб(?:л(?:ей|я|ь))?\.?|р\.|бел\.?\s?руб\.?|тенге|тг\.|грн\.?|сум(?:ов)?|"
             r"сом(?:ов)?|(?:us\s+)?dollars|d[óo]lares(?:\s+(?:americanos|estadounidenses|"
             r"canadienses))?|euros?|pounds(?:\s+sterling)?|reais|pesos(?:\s+(?:mexicanos|"
             r"colombianos|chilenos|argentinos|uruguayos))?|soles|francs\s+suisses|franken|"
             r"złotych|zł|rupees|drams?|դրամ|r[oу]ubles|rubles)(?![a-zа-яà-ÿ])|"
             r"人民币|美元|欧元|歐元|港[币幣元]|新?[台臺][币幣]|日元|円|元|块)")
_CJK_LOCAL = "cjk"  # "元", "¥": which yuan or dollar the posting's script says
_DOLLAR = "dollar"  # a bare "$": the words around it say which
# marks ``currency_code`` does not know; None: money of no stated currency ("pesos")
_MARKS: dict[str, str | None] = {
    "s/": "PEN", "s/.": "PEN", "soles": "PEN", "₸": "KZT", "тенге": "KZT", "тг.": "KZT",
    "бел. руб.": "BYN", "бел.руб.": "BYN", "бел руб.": "BYN", "грн": "UAH", "грн.": "UAH",
    "сум": "UZS", "сумов": "UZS", "сом": "KGS", "сомов": "KGS", "reais": "BRL",
    "dólares": "USD", "dolares": "USD", "dólares americanos": "USD",
    "dólares estadounidenses": "USD", "dólares canadienses": "CAD", "pesos": None,
    "pesos mexicanos": "MXN", "pesos colombianos": "COP", "pesos chilenos": "CLP",
    "pesos argentinos": "ARS", "pesos uruguayos": "UYU", "francs suisses": "CHF",
    "franken": "CHF", "zł": "PLN", "złotych": "PLN", "nt$": "TWD", "rd$": "DOP",
    "mx$": "MXN", "col$": "COP", "clp$": "CLP", "ar$": "ARS", "u$s": "USD", "₱": "PHP",
    "₦": "NGN", "₫": "VND", "฿": "THB", "人民币": "CNY", "美元": "USD", "欧元": "EUR",
    "歐元": "EUR", "港币": "HKD", "港幣": "HKD", "港元": "HKD", "台币": "TWD", "台幣": "TWD",
    "新台币": "TWD", "新台幣": "TWD", "臺幣": "TWD", "新臺幣": "TWD", "日元": "JPY",
    "円": "JPY", "元": _CJK_LOCAL, "块": _CJK_LOCAL, "¥": _CJK_LOCAL, "￥": _CJK_LOCAL,
    "$": _DOLLAR, "fr.": "CHF", "sfr.": "CHF",
}

# ---------------------------------------------------------------- amounts

# "18,00,000" (Indian lakh grouping) before "1,234,567", "1.234.567", "45 000", "5'800"
_NUM = (r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?|"
        r"\d{1,3}(?:(?:,\s?|[ \t\u00a0\u202f\u2009.'’])\d{3})+(?:[.,]\d{1,2})?|"
        r"\d+(?:[.,]\d{1,2})?)(?![\d])")
_NOT_LETTER = r"(?![^\W\d_])"
_SUFFIX = (rf"(?:[kKкК](?![a-zа-я])|(?i:thousand\b|lakhs?\b|lacs?\b|lpa\b|тыс(?:яч\w*)?\.?|"
           rf"mil{_NOT_LETTER}|tsd\.|tausend\b|млн|млрд|миллион\w*|миллиард\w*|milh(?:ões|ão)|mill(?:ones|ón|ions?)|"
           rf"milliards?|millionen|milliarden|mio\.|mrd\.|trillion\b)|千|万|萬|亿|億|百万|千万|"
           r"[wW](?![A-Za-z])|"
           rf"[mM](?:illion|ln|m|n|il)?{_NOT_LETTER}|[bB](?:illion|n)?{_NOT_LETTER})")
_SCALES = {"k": 1000, "к": 1000, "thousand": 1000, "тыс": 1000, "mil": 1000, "tsd": 1000,
           "tausend": 1000, "千": 1000, "万": 10_000, "萬": 10_000, "w": 10_000,
           "lakh": 100_000, "lakhs": 100_000, "lac": 100_000, "lacs": 100_000, "lpa": 100_000}
# million suffixes: pay only right after a salary label ("Зарплата: 1,5 млн ₽ в год",
# "Salario: 3 millones"), else company money ("R$ 80 milhões", "$190m series C")
_MILLIONS = ("млн", "mio", "mln", "mn", "m", "mm", "百万")
_MILLION_WORDS = ("million", "millón", "millon", "milh", "миллион")
_INLINE_PERIOD = (r"(?i:/\s?(?:hour|hr|h|year|yr|annum|month|mo|week|wk|day|m[eê]s|mois|"
                  r"monat|a[ñn]o|an|jahr|hora|heure|std|stunde|d[ií]a|jour|tag|час|мес|год|"
                  r"день)\b|/\s?(?:月|年|天|日|小时|时|周))")


def _amount(tag: str) -> str:
    return (rf"(?P<{tag}pre>{_SYM}|{_CODE})?[ \t\u00a0]?(?P<{tag}num>{_NUM})"
            rf"(?:[ \t\u00a0]?(?P<{tag}suf>{_SUFFIX}))?(?![a-z\d])"
            rf"(?:\s?(?:de\s)?(?P<{tag}post>{_SYM}|{_CODE}|{_WORD_CUR})(?![ \t]?\d))?"
            rf"(?P<{tag}plus>\+)?(?:\s?(?P<{tag}per>{_INLINE_PERIOD}))?")


_LEAD = (r"(?P<lead>\b(?:up\s+to|from|starting\s+(?:at|from)|starts?\s+at|begins?\s+at|"
         r"in\s+excess\s+of|at\s+least|minimum\s+of|upwards\s+of|[àa]\s+partir\s+de|"
         r"jusqu'à|jusqu’à|dès|ab|bis\s+zu|bis|mindestens|até|hasta|desde|no\s+m[ií]nimo|"
         r"m[ií]nimo\s+de|m[áa]ximo\s+de|(?P<between>between|entre|zwischen))\s+|"
         r"(?<![а-яА-Я])(?:от|до)\s+)?")
_SEP = (r"(?:\s*(?:[-–—~～－〜]|to|and|до|à|bis|至|到)\s*|\s+(?:a|até|hasta|al|au)\s+|"
        r"(?(between)\s+(?:and|e|y|et|und|и)\s+|(?!))|(?=[$€£₽₹]))")
_MONEY = re.compile(rf"(?i:{_LEAD}){_amount('a')}(?:{_SEP}{_amount('b')})?")
_ONE = re.compile(rf"(?i:{_LEAD}){_amount('a')}")
_MIN_LEADS = ("from", "ab", "starting", "start", "begin", "in excess", "at least", "minimum",
              "upwards", "à partir", "a partir", "от", "dès", "mindestens", "desde",
              "no mínimo", "no minimo", "mínimo", "minimo")
_MAX_LEADS = ("up to", "jusqu", "до", "bis", "até", "hasta", "máximo", "maximo")
_MIN_AFTER = re.compile(r"\s*(?:起|以上|и\s+выше)")
# a floor stated before the figure: "KV-Mindestgehalt 3.200 €", "Das Mindestgehalt beträgt"
_FLOOR_BEFORE = re.compile(r"(?i)\bmindest\w*(?:gehalt|lohn|entgelt|vergütung)\b[^\n\d]{0,25}$")
_MAX_AFTER = re.compile(r"\s*(?:以下|以内)")

# ---------------------------------------------------------------- periods

_PERIOD_WORDS: list[tuple[PayPeriod, str]] = [
    ("hour", r"per\s+hour|an?\s+hour|(?:per|an?)\s+hr\b|/\s?h(?:ou)?r\b|/\s?h\b|hourly|p/hr?\b|"
             r"в\s+час|за\s+час|/\s?час\b|de\s+l['’]heure|l['’]heure|par\s+heure|/\s?heure|"
             r"(?:pro|je|die)\s+stunde|/\s?std\b\.?|stündlich|por\s+hora|/\s?hora\b|"
             r"(?:a|à|la|de\s+la)\s+hora\b|/\s?(?:小时|时)|每小时|(?:brutto)?stunden(?:lohn|satz)|"
             r"per\s+uur\b"),
    ("day", r"per\s+day|a\s+day\b|/\s?day|daily|в\s+день|за\s+день|/\s?день|par\s+jour|"
            r"/\s?jour|/\s?j\b|por\s+d[ií]a|/\s?d[ií]a\b|al\s+d[ií]a|ao\s+dia|por\s+di[áa]ria|"
            r"(?:pro|je|am)\s+tag\b|/\s?tag\b|täglich|/\s?(?:天|日)|每天|每日|per\s+dag\b"),
    ("week", r"per\s+week|a\s+week|per\s+wk\b|/\s?w(?:ee)?k\b|weekly|в\s+неделю|за\s+неделю|"
             r"par\s+semaine|hebdomadaire|por\s+semana|a\s+la\s+semana|semana(?:l|les|is)\b|"
             r"(?:pro|je)\s+woche\b|wöchentlich|/\s?(?:周|週)|每周"),
    ("month", r"per\s+(?:calendar\s+)?month|a\s+month|per\s+mo\b|(?:per\s+|/\s?)mth\b|"
              r"/\s?mo(?:nth)?\b|monthly|per\s+mensem|в\s+месяц|"
              r"за\s+месяц|/\s?мес|ежемесячно|par\s+mois|/\s?mois|mensuel\w*|(?:pro|im|je)\s+"
              r"monat\b|/\s?monat\b|monatlich|mtl\.(?!\w)|por\s+m[eê]s|/\s?m[eê]s\b|"
              r"a[lo]\s+m[eê]s|mensa(?:l|is)\b|mensual(?:es)?\b|/\s?月|每月|每个月|"
              r"(?:brutto)?monats(?:gehalt|lohn)|per\s+maand\b|maandelijks"),
    ("year", r"per\s+year|a\s+year|(?:per|an?)\s+yr\b|/\s?y(?:ea)?r\b|/\s?annum|annually|"
             r"annual|per\s+annum|p\.\s?a(?:\.|\b)|(?-i:pa\b)|yearly|в\s+год|за\s+год|/\s?год\b|par\s+an(?:née)?\b|"
             r"/\s?an(?:née)?\b|annuel\w*|(?:pro|im|je)\s+jahr\b|/\s?jahr\b|jährlich|"
             r"por\s+a[ñn]o|/\s?a[ñn]o\b|a[lo]\s+a[ñn]o|anua(?:les|is|l)\b|/\s?年|每年|"
             r"(?:brutto)?jahres(?:gehalt|lohn)|per\s+jaar\b|jaarlijks|lpa\b"),
]
# words that may stand between a figure and its period: "250 USD equivalent in AMD per month",
# "1.200 € brutos mensais", "350 € HT / jour", "350 000 ₸ на руки в месяц", "Fr. 5'800.– pro",
# "$25 - $30 depending on experience per hour"
_FILLER = (r"^(?:\.[–—-])?[\s,;:()*+/–-]*(?:(?:(?-i:[A-Z]{3}|HT|TTC|CLT|PJ)|gross|net[oa]?s?|"
           r"brut[oa]?s?|brute?s?|brutto|netto|l[ií]quid[oa]s?|hors\s+taxes?|base|salary|pay|total|paid|"
           r"in|fixo|fixe|на\s+руки|(?:до|после)\s+вычета(?:\s+налогов)?|before\s+tax\w*|"
           r"pre-tax|after\s+tax\w*|equivalent(?:\s+in\s+\w+)?|(?:depending|based)\s+on\s+"
           r"(?:\w+\s+)?(?:experience|qualifications?|skills)|commensurate\s+with\s+(?:\w+\s+)?"
           r"experience)[\s,;:()/]*){0,3}")
# words that state a period only right after a figure ("$26.00-$29.00hr", "$34 hr"), not
# anywhere in a text ("24 hr support", "hr@acme.com")
_AFTER_FIGURE: dict[PayPeriod, str] = {"hour": r"(?-i:hr|Hr)(?![\w@]|\.\w)"}
_PERIODS: list[tuple[PayPeriod, re.Pattern[str]]] = [
    (p, re.compile(rf"(?i){_FILLER}(?:{'|'.join(filter(None, (r, _AFTER_FIGURE.get(p))))})"))
    for p, r in _PERIOD_WORDS]
_PERIOD_ANYWHERE = [(p, re.compile(rf"(?i){r}")) for p, r in _PERIOD_WORDS]
# what joins a floor to its ceiling: "$19.00 with raises up to $22.00", "from $15.50/hr, up to"
_JOIN_GAP = re.compile(r"[ \t,]*(?:(?:with|and|rising|rises|increasing|growing|going)\b"
                       r"[^\n.;!?\d$€£¥₽₹]{0,30})?")
_TO_GAP = re.compile(r"\s*(?:[-–—]|to)\s*")  # "$21 per hour to $25 per hour"
# the line below a figure that ends its line (one blank line may stand between)
_NEXT_LINE = re.compile(r"[ \t]*\n(?:[ \t]*\n)?(?P<line>[^\n]*)")
_LINE_END = re.compile(r"[\s.,;:)]*")
_PER = re.compile(r"(?i)[ \t]*(?:per\s|/)")
_GLUED = re.compile(r"(?<=[a-zß-ÿа-я])(?=[A-ZÀ-ÞА-Я])")  # lost line breaks: "la horaDeportes"
# "·13薪", "·13-15薪": thirteen (to fifteen) monthly salaries a year, so the figure is monthly
_MONTHS_PAID = re.compile(
    r"^[ \t·・•*×x,，、]*(?:1[2-9]|2[0-4])(?:\s*[-~至]\s*(?:1[2-9]|2[0-4]))?\s*薪")
_PERIOD_LABEL = re.compile(
    r"(?i)(?:\b(?P<p>hourly|annual|yearly|monthly|weekly|daily)\s+(?:base\s+)?(?:(?:pay|salary|"
    r"wage)\s+)?(?:pay|salary|rate|wage|compensation|stipend|income|earnings|equivalent|range|"
    r"band)\b|\b(?P<colon>hourly|annually|annual|yearly|monthly|weekly|daily)[ \t]*[:：]|"
    r"\b(?:salary|pay|wage|rate|range|compensation)\s*\(\s*(?:per\s+)?(?P<par>hour|year|month|"
    r"week|day|hourly|annual|annually|yearly|monthly|weekly|daily)\s*\)|\b(?P<role>hourly)[\s,]+"
    r"(?:[\w-]+[\s,]+)?(?:position|role|job)\b|\b(?P<dayrate>day)[ -]rate\b|\b(?:kv-)?(?:mindest)?"
    r"(?:brutto|netto)?(?P<de>jahres|monats|stunden|wochen|tages)(?:brutto|netto)?(?:gehalt|"
    r"lohn|vergütung|verdienst|satz|entgelt)\b|\b(?:salário|salario|sueldo|remunera[çc][ãa]o|remuneraci[óo]n|salaire|"
    r"rémunération|renta|bolsa|retribuci[óo]n|taux|valor)\s+(?:\w+\s+)?(?P<adj>mensal|mensual|"
    r"mensuel(?:le)?|anual|annuel(?:le)?|semanal|hebdomadaire|di[áa]ri[oa]|journalier|horaire|"
    r"por\s+hora|da\s+hora)\b|\b(?P<tjm>TJM|taux\s+journalier)\b|(?P<ru>месячн|годов|почасов)"
    r"\w*\s+(?:\w+\s+)?(?:зарплат|заработн|оклад|доход|ставк)\w*|(?P<zh>年薪|月薪|日薪|时薪|"
    r"時薪|周薪|年包|月給|年収|時給|日給))")
# the label right before the figure, or within its sentence ("The annual base salary for
# this position is $95,000"), not across a sentence end ("Annual salary review. Rate: $20")
_PERIOD_BEFORE = re.compile(rf"{_PERIOD_LABEL.pattern}(?:[^\n\d]{{0,15}}|[^\n\d.;!?]{{0,30}})$")
_LONE_PERIOD = re.compile(r"(?i)(?P<lone>hourly|annual|annually|yearly|monthly|weekly|daily)")
# what may stand before a period label that is a line of its own: "Pay Rate (hourly)"
_LABEL_LEAD = re.compile(r"(?i)(?:(?:pay|salary|wage|base|compensation)\s+)?")
_BEFORE_PERIOD: dict[str, PayPeriod] = {
    "hourly": "hour", "annual": "year", "yearly": "year", "monthly": "month", "weekly": "week",
    "daily": "day", "annually": "year", "hour": "hour", "year": "year", "month": "month",
    "week": "week", "day": "day", "jahres": "year", "monats": "month", "stunden": "hour",
    "wochen": "week", "tages": "day", "mensal": "month", "mensual": "month", "mensuel": "month",
    "mensuelle": "month", "anual": "year", "annuel": "year", "annuelle": "year",
    "semanal": "week", "hebdomadaire": "week", "diário": "day", "diária": "day",
    "diario": "day", "diaria": "day", "journalier": "day", "horaire": "hour",
    "por hora": "hour", "da hora": "hour", "tjm": "day", "taux journalier": "day",
    "месячн": "month", "годов": "year", "почасов": "hour", "年薪": "year", "年包": "year",
    "年収": "year", "月薪": "month", "月給": "month", "日薪": "day", "日給": "day",
    "时薪": "hour", "時薪": "hour", "時給": "hour", "周薪": "week"}

# ---------------------------------------------------------------- pay and not pay

# "13th salary", "13º salário", "13. Monatsgehalt", "13-я зарплата": a count of payments,
# never an amount; after a figure it says the figure is pay
_NTH_PAY = (r"1[3-6](?:th|º|°|ª|o|e|ème|\.|-?[яй])?\s*(?:month(?:ly)?\s+)?(?:salary|salário|"
            r"salario|sueldo|pay|monatsgehalt|gehalt|mois|зарплат\w*)")
_PAY_WORDS = re.compile(
    r"(?i)\b(?:salary|salaries|pay|paid|payment|compensation|wages?|rate|range|remuneration|"
    r"earn\w*|income|OTE|stipend|base|band|gross|net|salaire|rémunération|rémunéré|gehalt|"
    r"vergütung|lohn|entgelt|bezahlung|verdienst|salário|salario|sueldo|remunera[çc][ãa]o|"
    r"remuneraci[óo]n|retribuci[óo]n|renta|bolsa(?:[- ]aux[ií]lio)?|faixa|pago|paga|"
    r"honor[áa]rios|TJM|taux|fourchette|package|ayuda\s+al\s+estudio|beca|gratification|"
    r"salaria(?:l|le|is|les)|rango|CTC|salaris)\b|зарплат\w*|заработн\w*|оклад\w*|"
    r"доход\w*|з/п|\bзп\b|вознагражд\w*|\bставк\w*|"
    r"(?i:\b\w+(?:gehalt|gehälter|lohn|vergütung)\b)|薪|工资|待遇|报酬|收入|月給|年収|時給")
_NOT_PAY_BEFORE = re.compile(
    r"(?i)\b(?:referr\w*|referral|bonus\w*|bonues|reimburs\w*|tuition|budget|allowance|"
    r"insurance|premiums?|costs?|deductibles?|fees?|fund\w*|raised?|revenue|(?:annual|gross|"
    r"net)\s+sales|sales\s+of|"
    r"turnover|assets|invest\w*|valuation|loans?|worth|discounts?|perks?|donat\w*|spend\w*|"
    r"match\w*|increase|differentials?|clients?|capital|ARR|series|grant|scholarship|"
    r"savings?|price|priced|deals?|maybe|may\s+be|example|relocat\w*|sign(?:ing|[- ]on)|"
    r"equity|stock|RSUs?|shares|options|"
    # pt / es: meal and transport vouchers, allowances, company money
    r"vale\w*|(?-i:VR|VA|VT)|aux[ií]lio\w*|ajuda\s+de\s+custo|reembolso|subs[ií]dio\w*|"
    r"fatura\w*|receita|aporte|capta\w*|rodada|b[ôo]nus|bonifica\w*|(?-i:PLR)|pr[êe]mio\w*|"
    r"desconto\w*|plano|seguro|custo\w*|cost[eo]s?|mensalidade|ticket\w*|cheque\w*|factura\w*|"
    r"inversi[óo]n|ronda|financ\w*|recaud\w*|bono\w*|ayuda|dietas?|descuento\w*|"
    r"presupuesto|"
    # fr / de
    r"titres?[- ]restaurants?|carte\s+(?:swile|d[ée]jeuner|restaurant|repas|tickets?)|"
    r"panier\w*|prime\w*|chiffre\s+d['’]affaires|lev[ée]e\s+de\s+fonds|a\s+lev[ée]|"
    r"mutuelle|indemnit[ée]\w*|remboursement|int[ée]ressement|r[ée]duction\w*|"
    r"subvention\w*|fonds|"
    r"\w*zuschuss\w*|\w*zuschüsse|umsatz\w*|\w*budget|prämie\w*|\w*ticket|sachbezug|"
    r"gutschein\w*|rabatt\w*|kosten|beitrag|kapital|jobrad|zulage\w*|pauschale|"
    r"\w*finanzierung|"
    # ru
    r"компенсац\w*|оборот\w*|выручк\w*|инвестиц\w*|бонус\w*|преми\w*|ДМС|питани\w*|"
    r"скидк\w*|бюджет\w*|стоимост\w*|привлек\w*|раунд\w*|капитал\w*|подъ[её]мны\w*|"
    r"суточны\w*)\b|融资|营收|营业额|销售额|估值|投资|补贴|补助|津贴|餐补|房补|饭补|"
    r"交通补|通讯补|奖金|年终奖|提成|资本|资金|预算|报销|福利|"
    # "a bonus of up to 20% of base salary ($20k)": the money is the bonus (the match ends
    # past the pay word, so it is the nearer word)
    r"\d+(?:[.,]\d+)?\s?%\s+(?i:of|do|del|du|des)\s+(?:\w+\s+){0,2}?(?i:salary|pay|salário|"
    r"salario|sueldo|salaire|gehalts?)\W+")
_NOT_PAY_AFTER = re.compile(
    r"(?i)^[\s()]{0,3}(?:(?!plus\b|and\b|with\b|e\b|y\b|et\b|und\b)[\w-]+\s+){0,2}?"
    r"(?:(?:referr\w*|bonus\w*|stipend|budget|reimburs\w*|allowance|perks?|marketplace|"
    r"credits?|discounts?|fees?|fund\w*|revenue|sales|series|ARR|valuation|raised|round|"
    r"deals?|invest\w*|home[- ]office|equipment|set-?up|wellness|gym|learning|training|"
    r"in\s+(?:funding|revenue|sales|assets|capital|venture|donations|annual)|per\s+(?:employee|"
    r"hire|hired|referr\w*|candidate|client|person|mile|unit)|via|towards?|for\s+each|"
    r"match\w*|savings?|loans?|vale\w*|aux[ií]lio\w*|subs[ií]dio\w*|b[ôo]nus|bono\w*|"
    r"prime\w*|faturamento|factura\w*|receita|chiffre|inversi[óo]n|financ\w*|umsatz\w*|"
    r"\w*zuschuss\w*|\w*budget|prämie\w*|бонус\w*|преми\w*|компенсац\w*|выручк\w*|"
    r"оборот\w*|инвестиц\w*|em\s+benef[ií]cios|de\s+(?:desconto|descuento|r[ée]duction)|"
    r"por\s+(?:funcion[áa]rio|colaborador|pessoa|empleado|persona)|par\s+(?:collaborateur|"
    r"salari[ée])|pro\s+mitarbeiter\w*|на\s+(?:питание|обучение|спорт|фитнес|связь|проезд))\b|"
    r"补贴|补助|津贴|餐补|奖金|融资|营收|预算)")
_LABEL_GAP = re.compile(r"(?i)[\s:：•\-–]*(?:(?:range|rate|band|is|of|from|between|annual|base|"
                        r"starting|de|entre|mensal|mensual|anual|annuel|brut|brutto|"
                        r"salarial)\b[\s:：•\-–]*)*")
_PAY_AFTER = re.compile(
    r"(?i)^\W{0,3}(?:salary|base|OTE|gross|net|brut\w*|brutto|netto|net[oa]s?\b|l[ií]quid\w*|"
    r"(?-i:HT\b)|DOE|depending|based\s+on|commensurate|pro[- ]rata|на\s+руки|до\s+вычета|"
    rf"после\s+вычета|(?:plus\s+|and\s+|e\s+|y\s+|und\s+)?{_NTH_PAY})")
_SALARY_LABEL = re.compile(
    r"(?i)\b(?:salary|salário|salario|sueldo|salaire|gehalt|lohn|remunera[çc][ãa]o|renta|"
    r"remuneraci[óo]n|CTC|salaris)\b|зарплат|заработн|оклад|年薪|月薪|薪资|薪酬|工资")
_BENEFITS = re.compile(r"(?i)benefit|perk|benef[ií]cios|vantagens|beneficios|prestaciones|"
                       r"avantages|leistungen|льгот|福利")
_ROW = re.compile(r"^[ \t]*(?:[-*•·–]|\d{1,2}[.)]|\|)")  # a list item or a table row
_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}")  # a table's rule: "|---|---|"
_SPANISH_WORDS = re.compile(
    r"(?i)\b(?:mensual(?:es)?|al\s+mes|por\s+mes|sueldo|salario|pesos|brutos?|l[ií]quidos?|"
    r"netos?|renta|anual(?:es)?|al\s+año|por\s+hora|la\s+hora|mil|remuneraci[óo]n)\b")
_FRENCH_WORDS = re.compile(
    r"(?i)\b(?:par\s+(?:an|année|mois|heure|semaine)|de\s+l['’]heure|l['’]heure|salaire|"
    r"rémunération|échelle|annuel\w*|taux|brut)\b")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN_PAY_LABEL = re.compile(r"(?:[月年日时時周底]薪|薪[资資酬水]|工[资資])[ \t:：]{0,3}$")
# characters written differently in traditional and simplified Chinese
_TRADITIONAL = frozenset("資經職點區實與為這們個會員務業開發學歷動關應機網電體際營灣")
_SIMPLIFIED = frozenset("资经职点区实与为这们个会员务业开发学历动关应机网电体际营湾")


# ---------------------------------------------------------------- numbers

def _number(raw: str) -> float:
    """Read "45 000", "120,000.50", "45.000", "25,50", "5'800" as a float."""
    raw = re.sub(r"[ \u00a0\u202f\u2009'’]", "", raw)
    if re.search(r"[.,]\d{1,2}$", raw):
        head, tail = raw[:-3 if raw[-3] in ".," else -2], raw[-2:].lstrip(".,")
        return float(re.sub(r"[.,]", "", head) + "." + tail)
    return float(re.sub(r"[.,\s]", "", raw))


def _g(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _scale(suffix: str, millions: bool = False) -> float | None:
    """What a suffix multiplies by; None for billion and the like, and for million unless
    ``millions`` (a salary label stands before the figure, or grounding reads any amount)."""
    key = suffix.lower().rstrip(".")
    scale = _SCALES.get("тыс" if key.startswith("тыс") else key)
    if scale or not millions or key.startswith(("milliard", "миллиард")):
        return scale
    if key in _MILLIONS or key.startswith(_MILLION_WORDS):
        return 1_000_000
    return 10_000_000 if key == "千万" else None


def _scaled(m: re.Match[str], tag: str, millions: bool) -> float | None:
    """The amount of side ``tag`` with its suffix applied; None for an unread suffix."""
    num, suf = _g(m, f"{tag}num"), _g(m, f"{tag}suf")
    if num is None:
        return None
    if suf is None:
        return _number(num)
    scale = _scale(suf, millions)
    return _number(num) * scale if scale else None


def _pair(m: re.Match[str], millions: bool) -> tuple[float | None, float | None]:
    """Both sides of a money match as written, a suffix stated once applying to both
    ("$25-30K", "€50-60K", "25-35万", "6-9 LPA"); None for a side not read or not there."""
    low, high = _scaled(m, "a", millions), _scaled(m, "b", millions)
    scale = _scale(_g(m, "bsuf") or "", millions)
    if low is not None and high is not None and scale and not _g(m, "asuf") \
            and low * scale <= high:
        low *= scale
    return low, high


def _amounts(m: re.Match[str], text: str,
             millions: bool) -> tuple[float | None, float | None] | None:
    """(min, max) of a money match; None when a side is not a plausible amount."""
    low, high = _pair(m, millions)
    if low is None:
        return None
    if _g(m, "bnum") is None:
        return _single(m, text, low)
    if high is None:
        return None
    return (low, high) if low <= high else None


def _single(m: re.Match[str], text: str, value: float) -> tuple[float | None, float | None]:
    lead = (_g(m, "lead") or "").strip().lower()
    if lead.startswith(_MAX_LEADS) or _MAX_AFTER.match(text, m.end()):
        return None, value
    if lead.startswith(_MIN_LEADS) or _g(m, "aplus") or _MIN_AFTER.match(text, m.end()):
        return value, None
    if _FLOOR_BEFORE.search(text, max(0, m.start() - 60), m.start()):
        return value, None
    return value, value


# ---------------------------------------------------------------- currency

def _mark_code(mark: str) -> str | None:
    key = " ".join(mark.strip().lower().split())
    return _MARKS[key] if key in _MARKS else currency_code(mark)


def _han_currency(text: str) -> str:
    """The currency "元" names in ``text``: the yuan; in traditional characters the Taiwan
    dollar, or the Hong Kong dollar where Hong Kong is named; yen in Japanese."""
    if _KANA.search(text) or not _HAN.search(text):
        return "JPY"  # "¥" in a posting with no Chinese
    traditional = sum(ch in _TRADITIONAL for ch in text)
    if traditional <= sum(ch in _SIMPLIFIED for ch in text):
        return "CNY"
    return "HKD" if "香港" in text else "TWD"


def _dollar(m: re.Match[str], text: str) -> str | None:
    """A bare "$": CAD beside French pay words, no stated currency beside Spanish ones."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    window = text[max(line_start, m.start() - 60):m.end() + 40].split("\n", 1)[0]
    if _FRENCH_WORDS.search(window):
        return "CAD"
    return None if _SPANISH_WORDS.search(window) else "USD"


def _currency(m: re.Match[str], text: str) -> tuple[str | None, bool]:
    """The match's currency, and whether any currency mark was there at all.

    A code or name wins over a bare "$" or "元"; a Chinese figure with no mark ("15-25K"
    or "1.5万" beside Chinese words) is in the posting's own currency."""
    marks = [x for x in (_g(m, g) for g in ("apre", "apost", "bpre", "bpost")) if x]
    codes = [_mark_code(x) for x in marks]
    named = [c for c in codes if c and c not in (_CJK_LOCAL, _DOLLAR)]
    if named:
        return named[0], True
    if _DOLLAR in codes:
        return _dollar(m, text), True
    if _CJK_LOCAL in codes or (not marks and _han_figure(m, text)):
        return _han_currency(text), True
    return None, bool(marks)


def _han_figure(m: re.Match[str], text: str) -> bool:
    """A figure on a line of Chinese text with a thousand suffix ("K", "万", "w") or right
    after a Chinese pay label ("月薪：6000-8000")."""
    suffix = (_g(m, "bsuf") or _g(m, "asuf") or "").lower()
    line = _line(text, m)
    if not _HAN.search(line):
        return False
    before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
    if suffix in ("k", "万", "萬", "千", "w", "百万", "千万"):
        return True
    digits = sum(ch.isdigit() for ch in _g(m, "anum") or "")
    return digits >= 3 and bool(_HAN_PAY_LABEL.search(before))


def _line(text: str, m: re.Match[str]) -> str:
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    return text[start:len(text) if end < 0 else end]


# ---------------------------------------------------------------- context

def _period_after(text: str, end: int) -> tuple[PayPeriod | None, int]:
    """Period stated right after a figure ("per hour", "por mês", "·13薪"), and its end."""
    paid = _MONTHS_PAID.match(text[end:end + 12])
    if paid:
        return "month", end + paid.end()
    window = _GLUED.split(re.split(r"\d|\n|\.\s", text[end:end + 64], maxsplit=1)[0], 1)[0]
    for period, rx in _PERIODS:
        hit = rx.match(window)
        if hit:
            return period, end + hit.end()
    return None, end


def _period(m: re.Match[str], text: str, header: str) -> tuple[PayPeriod | None, int]:
    """Period of a money match: inline ("/hr"), right after it, "hourly pay of" or "年薪"
    before it, "LPA" (lakh per annum), the ``header`` over its list or table; a Chinese
    "K" figure is monthly."""
    inline = _g(m, "bper") or _g(m, "aper")
    if inline:
        return _period_after(inline, 0)[0], m.end()
    period, end = _period_after(text, m.end())
    if period:
        return period, end
    line = text[max(0, m.start() - 60):m.start()].rsplit("\n", 1)[-1]
    before = _PERIOD_BEFORE.search(line) or _label_above(text, m.start())
    if before:
        return _label_period(before), m.end()
    suffix = (_g(m, "bsuf") or _g(m, "asuf") or "").lower()
    if suffix == "lpa":
        return "year", m.end()
    below = _period_below(text, m.end())
    if below:
        return below, m.end()
    if header:
        return _one_period(header), m.end()
    return ("month" if suffix == "k" and _HAN.search(_line(text, m)) else None), m.end()


def _period_below(text: str, end: int) -> PayPeriod | None:
    """The period on the line below a figure that ends its line: a line that is only the
    period ("Hourly", "per year"), or one led by "per" or "/" ("per hour, plus tips"); not
    a line that starts with a period word ("Annual review", "- Monthly offsites")."""
    below = _NEXT_LINE.match(text, end)
    if below is None:
        return None
    line = below["line"]
    for period, rx in _PERIODS:
        hit = rx.match(line)
        if hit and (_LINE_END.fullmatch(line, hit.end()) or _PER.match(line)):
            return period
    return None


def _label_above(text: str, start: int) -> re.Match[str] | None:
    """A period label that is the whole line above a figure starting its line ("Hourly
    Pay", "Pay Rate (hourly)", "Annual Salary Range", "Hourly"); one blank line may stand
    between. Not a line that only starts with one ("Annual salary reviews in March")."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[max(0, line_start - 60):line_start]
    lines = head.rstrip()
    if text[line_start:start].strip() or head.count("\n", len(lines)) > 2:
        return None  # the figure does not start its line, or blank lines stand between
    above = lines.rsplit("\n", 1)[-1].strip()
    label = _PERIOD_LABEL.search(above) or _LONE_PERIOD.fullmatch(above)
    if label is None or not _LABEL_LEAD.fullmatch(above, 0, label.start()):
        return None
    return label if _LINE_END.fullmatch(above, label.end()) else None


def _label_period(label: re.Match[str]) -> PayPeriod:
    return _BEFORE_PERIOD[next(w for w in label.groups() if w).lower()]


def _periods_named(text: str) -> set[PayPeriod]:
    """Every period ``text`` names: "per year", "monthly", "Jahresgehalt", "年薪" ..."""
    named = {period for period, rx in _PERIOD_ANYWHERE if rx.search(text)}
    return named | {_label_period(hit) for hit in _PERIOD_LABEL.finditer(text)}


def _one_period(text: str) -> PayPeriod | None:
    """The period a header names ("Compensation (base salary, annual):"), if only one."""
    named = _periods_named(text)
    return next(iter(named)) if len(named) == 1 else None


def _block_header(m: re.Match[str], text: str) -> str:
    """The pay header over the list or table a figure stands in: "Compensation (base
    salary, annual):" over "- Seattle: $168,000 - $198,000", a table's first row "| Level |
    Annual base salary (USD) |"; "" when the figure is not in one or the header is not
    about pay (benefits, budgets)."""
    start = text.rfind("\n", 0, m.start()) + 1
    if not _ROW.match(text[start:m.start()]):
        return ""
    header, first_row = "", ""
    for above in reversed(text[max(0, start - 2000):start].split("\n")[-13:-1]):
        if _RULE.match(above):
            continue
        if not _ROW.match(above):
            header = above
            break
        first_row = above if above.lstrip().startswith("|") else first_row
    header = f"{header}\n{first_row}".strip()
    if not _PAY_WORDS.search(header) or _NOT_PAY_BEFORE.search(header) \
            or _BENEFITS.search(header):
        return ""
    return header


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


def _salary_label(m: re.Match[str], text: str) -> bool:
    """A salary label right before the figure ("Зарплата:", "Salario:", "年薪"): a million
    suffix after it is pay."""
    line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
    return _pay_label_before(m, text) and bool(_SALARY_LABEL.search(line))


def _has_pay_context(m: re.Match[str], text: str, period: str | None, marked: bool,
                     header: str) -> bool:
    if period or header:
        return True
    if _PAY_WORDS.search(_GLUED.sub(" ", text[max(0, m.start() - 80):m.start()])):
        return True  # "Escala 12x36 diurnaSalário: R$ 3.200,00": a lost line break
    if _PAY_AFTER.search(text[m.end():m.end() + 30]):
        return True
    if _own_line(m, text):
        return marked  # a salary box: "45 000 ₽" on a line of its own
    return bool(_g(m, "bsuf") and (_g(m, "apre") or _g(m, "bpre")))


# ---------------------------------------------------------------- parser

def _salary(m: re.Match[str], text: str, default: str | None) -> Found[SalaryRange] | None:
    """The range a money match states, or None when it is not pay."""
    span = _amounts(m, text, _salary_label(m, text))
    if span is None or any(v is not None and not 0 < v <= MAX_PAY for v in span):
        return None
    header = _block_header(m, text)
    period, end = _period(m, text, header)
    currency, marked = _currency(m, text)
    if not _has_pay_context(m, text, period, marked, header) \
            or _not_pay(text, m.start(), m.end()):
        return None
    if not (_g(m, "apre") or _g(m, "apost") or _g(m, "bpre") or _g(m, "bpost")) \
            and _COUNT.match(text, m.end()):
        return None  # "薪资：2024年起", "月薪：10万+用户": a year, a count of users
    confidence = 1.0
    if currency is None:
        if not (marked or _bare_pay(m, text, period)):
            return None
        currency, confidence = default, 0.8
    raw, start = _raw(m, text, end)
    value = SalaryRange(min=span[0], max=span[1], currency=currency, period=period, raw=raw)
    return Found(value, start, start + len(raw), confidence)


def _bare_pay(m: re.Match[str], text: str, period: str | None) -> bool:
    """A figure with no currency is pay with two of: a stated period, a thousand suffix, a
    pay label right before it ("13K-13K Annually", "Salary 40,000-50,000 annually",
    "Зарплата: до 200 тыс. на руки")."""
    suffix = bool(_g(m, "asuf") or _g(m, "bsuf"))
    return sum((bool(period), suffix, _pay_label_before(m, text))) >= 2


def _raw(m: re.Match[str], text: str, end: int) -> tuple[str, int]:
    """The text of a range, the figure through its period, and where it starts."""
    raw = text[m.start():end]
    if raw.count("(") > raw.count(")") and text[end:end + 1] == ")":
        raw += ")"
    return raw.strip(), m.start() + len(raw) - len(raw.lstrip())


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
        if item is None and _g(m, "bnum") and not any(_g(m, g) for g in ("bpre", "bpost",
                                                                          "bsuf")):
            # "$50,000 and 401(k)": the first figure alone; not "1-1.5百万" (a million range)
            one = _ONE.match(body, m.start())
            item = _salary(one, body, default) if one else None
        if item is None:
            continue
        v = item.value
        key = (v.min, v.max, v.currency, v.period)
        if key not in seen:
            seen.add(key)
            _add_range(found, item)
    return _join_ends(found, body)


def _add_range(found: list[Found[SalaryRange]], item: Found[SalaryRange]) -> None:
    """Append a range; the same amounts in the same currency stated once with a period and
    once without ("R$ 4.100" in a header, "R$ 4.100 por mês" below) are one range, kept
    with its period where it stood first."""
    v = item.value
    for index, other in enumerate(found):
        o = other.value
        if (o.min, o.max, o.currency) == (v.min, v.max, v.currency) and None in (o.period,
                                                                                  v.period):
            if o.period is None:
                found[index] = item
            return
    found.append(item)


def _join_ends(found: list[Found[SalaryRange]], text: str) -> list[Found[SalaryRange]]:
    """Two ends of one range stated as two figures are one range: a floor and the ceiling
    right after it in its sentence ("Pay starts at $19.00 with raises up to $22.00/hour"),
    two figures of one period joined by "to" or a dash ("$21 per hour to $25 per hour")."""
    joined: list[Found[SalaryRange]] = []
    for item in found:
        if joined and (_floor_then_ceiling(joined[-1], item, text)
                       or _point_to_point(joined[-1], item, text)):
            floor = joined[-1]
            raw = text[floor.start:item.end]
            value = floor.value.model_copy(update={
                "max": item.value.max, "period": floor.value.period or item.value.period,
                "raw": raw})
            joined[-1] = Found(value, floor.start, item.end,
                               min(floor.confidence, item.confidence))
        else:
            joined.append(item)
    return joined


def _floor_then_ceiling(floor: Found[SalaryRange], ceiling: Found[SalaryRange],
                        text: str) -> bool:
    low, high = floor.value, ceiling.value
    if low.min is None or low.max is not None or high.min is not None or high.max is None:
        return False
    if low.currency != high.currency or low.min >= high.max:
        return False
    if None not in (low.period, high.period) and low.period != high.period:
        return False
    return _JOIN_GAP.fullmatch(text, floor.end, ceiling.start) is not None


def _point_to_point(low: Found[SalaryRange], high: Found[SalaryRange], text: str) -> bool:
    a, b = low.value, high.value
    if a.min is None or a.min != a.max or b.min is None or b.min != b.max:
        return False
    if a.period is None or (a.currency, a.period) != (b.currency, b.period) or a.min >= b.min:
        return False
    return _TO_GAP.fullmatch(text, low.end, high.start) is not None


# ---------------------------------------------------------------- grounding

_DOLLAR_CODES = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN", "COP", "CLP",
                           "ARS", "UYU", "DOP"})  # currencies a bare "$" may be
_PESO_CODES = frozenset({"MXN", "COP", "CLP", "ARS", "UYU", "DOP", "PHP"})  # "pesos"
_CJK_CODES = frozenset({"CNY", "TWD", "HKD", "JPY"})  # "元", "¥"
_MARK = re.compile(rf"{_SYM}|{_CODE}|{_WORD_CUR}")
# dates, times and phone numbers: "2025-03-01", "01/03/2025", "09:00-18:00", "138-0013-8000"
_CHAIN = re.compile(r"\d+(?:[ \t]?[-/:][ \t]?\d+){2,}")
# what follows a count, not an amount: "13薪", "25-35岁", "招聘3人", "10万+用户", "20%",
# "5 years", "300 employees", "13th"
_COUNT = re.compile(
    r"(?i)(?:th|st|nd|rd|e|ème|[º°ª])(?![a-z])|\+?[ \t]?(?:[%％岁歲人名位个個次家届]|年(?!薪)|"
    r"个?月(?!薪)|薪|用户|用戶|员工|員工|(?:years?|yrs?|anos?|años|ans|jahre\w*|лет|года?|"
    r"months?|meses|monate\w*|employees|people|persons|users|members|staff|customers|clients|funcion[áa]rios|empleados|"
    r"mitarbeiter\w*|сотрудник\w*|человек|пользовател\w*|hours?|horas?|heures?|stunden|"
    r"час\w*|days?|d[ií]as|jours?|tage?|дн\w*)\b)")
_K_FIGURE = re.compile(r"\d[ \t]?[kK](?![a-zA-Z])")  # "$120k": a yearly figure (RECORD.md)
_HAN_MONTHLY = re.compile(r"\d[kK](?![a-zA-Z])|(?:1[2-9]|2[0-4])\s*薪")


def stated_amounts(text: str) -> set[float]:
    """Every amount ``text`` writes, its multiplier applied: "15-25K" is 15000 and 25000
    (never 15), "1.5万" 15000, "8千" 8000, "R$ 5 mil" 5000, "150 тыс." 150000, "1,5 млн"
    1500000, "CHF 5'800" 5800, "₹18,00,000" 1800000. A count ("13薪", "25-35岁", "招聘3人",
    "10万+用户", "20%", "5 years") and a part of a date, time or phone number are not amounts.
    """
    chains = [hit.span() for hit in _CHAIN.finditer(text)]
    amounts: set[float] = set()
    for m in _MONEY.finditer(text):
        if _COUNT.match(text, m.end()) or any(s <= m.start("anum") < e for s, e in chains):
            continue
        amounts.update(v for v in _pair(m, millions=True) if v is not None)
    return amounts


def _currencies(text: str) -> set[str]:
    """The currencies ``text`` names: its codes, symbols and names; a bare "$" may be any
    dollar or peso, "元" and "¥" (or Chinese figures with no mark) the posting's yuan."""
    codes: set[str] = set()
    for mark in _MARK.finditer(text):
        code = _mark_code(mark.group())
        codes |= (_DOLLAR_CODES if code == _DOLLAR else _CJK_CODES if code == _CJK_LOCAL
                  else _PESO_CODES if code is None else {code})
    if _HAN.search(text):
        codes.add(_han_currency(text))
    return codes


def _period_stated(period: str, text: str) -> bool:
    """Whether ``text`` names ``period``; a "k" figure is yearly (RECORD.md's "$120k-$150k")
    and a Chinese "K" figure ("20-35K", "15-25K·13薪") monthly, as the parser reads them."""
    if period in _periods_named(text) or period in _periods_read(text):
        return True
    if period == "year" and _K_FIGURE.search(text):
        return True
    return period == "month" and bool(_HAN.search(text)) and bool(_HAN_MONTHLY.search(text))


def _periods_read(text: str) -> set[PayPeriod | None]:
    """The periods the parser reads for the figures of ``text`` ("$34 hr", a period on the
    line below a figure): a period it reads is one the text states."""
    return {found.value.period for found in parse_salaries(text)}


def supports(value: dict[str, Any], text: str) -> bool:
    """Whether ``text`` states the pay range ``value`` (a ``SalaryRange`` as a dict): each
    amount written as a figure in any form the parser reads ("15K", "1.5万", "R$ 5 mil",
    "150 тыс.", "5'800"), its currency named, its period named. Other postings' pay (after a
    "Similar jobs" line) is not this posting's."""
    body = text[:posting_end(text)]
    amounts = [a for a in (value.get("min"), value.get("max")) if a is not None]
    if not amounts:
        return False
    stated = stated_amounts(body)
    if not all(any(abs(a - s) < 0.005 for s in stated) for a in amounts):
        return False
    currency, period = value.get("currency"), value.get("period")
    if currency and (currency_code(currency) or currency.upper()) not in _currencies(body):
        return False  # "RMB" is CNY
    return not period or _period_stated(period, body)
