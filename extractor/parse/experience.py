"""Years of experience asked for: "3+ years of experience" -> 3, "3-5 years" -> 3.

A figure counts when experience is named next to it ("5+ yrs of Python experience",
"Experience: 6+ years", "3 anos de experiência", "experiencia mínima de 2 años", "3 ans
d'expérience minimum", "mindestens 3 Jahre Berufserfahrung", "опыт работы от 1 года",
"3年以上工作经验", "经验3-5年"), after "at least" or "minimum" ("ao menos 1 ano", "al menos
3 años"), or at the start of a list item with a role or an activity after ("3+ years as a
Supervisor", "• 5+ anos como engenheiro", "— от 5 лет в ML"). The lower end of a range is
taken; months are a fraction of a year ("6 meses de experiência" -> 0.5). Company age
("founded 20 years ago", "20 anos de mercado", "Seit 20 Jahren"), ages ("18 years of
age", "mayor de 18 años"), degree lengths ("4 Year University Degree"), contracts and
service years are not experience, nor is a part of a figure before ("8 years, including
2 in a lead role", "davon 3 Jahre", "其中3年"). "No experience required", "sem
experiência", "Нет опыта", "经验不限" give 0. Every stated requirement is returned in
order; the caller takes the least of those asked for (a wish only where nothing is
asked). English wishes ("5 years preferred") get ``WISH_CONFIDENCE``; in the other
languages a wish ("desejável", "von Vorteil", "优先") is not returned: the labels count
only what is asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.parse.base import Found, posting_end
from extractor.parse.numbers import NUMBER_WORD, number

_NUM = (r"(?:(?<![\d.,–-])\d{1,2}(?:\.\d)?|\b(?:one|two|three|four|five|six|seven|eight|"
        r"nine|ten|eleven|twelve|fifteen|twenty|an?)\b)(?:\s*\(\d{1,2}\))?")
_NUM_TO = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\b"
_EN = re.compile(
    r"(?i)(?P<lead>\b(?:at\s+least|(?:a\s+)?minimum(?:\s+of)?|min\.|no\s+less\s+than|"
    rf"not\s+less\s+than)\s+)?(?P<n>{_NUM})\s*(?P<plus>\+|\s+plus\b|\s+or\s+more\b)?\s*"
    rf"(?:(?:-|–|—|to|or)\s*{_NUM_TO}\s*\+?\s*)?-?(?:years?|yrs?)\b['’]?\+?(?!-)")
# a capital may follow: the next line glued on ("experienceAssociate degree")
_EXPERIENCE = re.compile(r"(?i)\bexp(?:erience[ds]?|\.)?(?-i:(?![a-z]))|expérience")
_LABEL_BEFORE = re.compile(r"(?i)\bexperience\w*\b[^.;•\n]{0,40}$")
_ROLE_AFTER = re.compile(
    r"(?i)^\s*(?:in\s+(?:a|an|the)\s+[\w\s/&-]{0,40}?\b(?:role|position|capacity|"
    r"environment|setting)s?|as\s+(?:a|an)\s+\w)")
_LEAD_AFTER = re.compile(r"(?i)^\s*(?:in|as|with|of|working|doing|on|within)\b")
_GERUND_AFTER = re.compile(r"(?i)^\s+[a-z]{2,}ing\b")  # "• 6+ years building services"
_ITEM_START = re.compile(r"[ \t]*(?:[-•*▪✓–]|\d{1,2}[.)])?[ \t]*")  # a line's start to here
_PART_BEFORE = re.compile(r"(?i)\b(?:including|of\s+which|incl\.)\s*$")  # "..., including 2"
_NOT_EXPERIENCE_AFTER = re.compile(
    r"(?i)\b(?:of\s+age|old|ago|degree|college|university|school|stud(?:y|ies)|programs?\b|"
    r"courses?\b|combined|collective)\b|^\W*(?:of\s+)?(?:service|history|business|tradition|"
    r"existence|operations?|warranty|contract|lease|commitment|education)\b")
_NOT_EXPERIENCE_BEFORE = re.compile(
    r"(?i)\b(?:for\s+(?:over|more\s+than|nearly|almost|about|the\s+(?:past|last))|"
    r"over\s+the\s+(?:past|last|next)|founded|established|since|in\s+business|within|"
    r"after|every|each|per)\b[^.;•\n]{0,12}$|(?:aged?|age\s+of)\s*$")
_COMPANY = re.compile(r"(?i)\b(?:our|we|we['’]ve|we['’]re|company|firm|organi[sz]ation)\b|"
                      r"\b(?:with|ha[sv]e?)\s+(?:over|more\s+than|nearly|almost)\s*$")
_SEEKER = re.compile(
    r"(?i)\b(?:you|your|candidates?|applicants?|individual|someone|person|requir\w*|must|"
    r"minimum|at\s+least|seeking|looking|ideal)\b")
_WISH = re.compile(r"(?i)\b(?:prefer\w*|desir\w*|a\s+plus|nice|ideally|bonus|advantage)\b")


def _value(raw: str) -> float:
    return number(re.sub(r"\s*\(.*", "", raw))  # "Two (2)" is 2


def _sentence_before(text: str, start: int) -> str:
    before = text[max(0, start - 120):start]
    return re.split(r"[.;•\n]\s", before)[-1]


def _after(text: str, end: int) -> str:
    """Text right after the years, up to the next figure or sentence end."""
    return re.split(r"\d|\n|[.;•]\s", text[end:end + 70], maxsplit=1)[0]


def _is_requirement(m: re.Match[str], text: str) -> bool:
    """Is an English "N years" about the candidate's experience?"""
    after, before = _after(text, m.end()), _sentence_before(text, m.start())
    exp = _EXPERIENCE.search(after)
    head = after[:exp.start()] if exp else after
    if _NOT_EXPERIENCE_AFTER.search(head) or _NOT_EXPERIENCE_BEFORE.search(before):
        return False
    if _COMPANY.search(before) and not _SEEKER.search(before) or _PART_BEFORE.search(before):
        return False
    if exp or _LABEL_BEFORE.search(before) or _ROLE_AFTER.match(after):
        return True
    line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
    if _ITEM_START.fullmatch(line) and _GERUND_AFTER.match(after):
        return _value(m.group("n")) < 16
    # "minimum of 5 yrs", "5+ yrs": a bare figure, only small and not "for 20+ years"
    bare = not after.strip() or _LEAD_AFTER.match(after)
    small = _value(m.group("n")) < 16 and not re.search(r"(?i)\bfor\s*$", before)
    return bool((m.group("lead") or m.group("plus")) and bare and small)


WISH_CONFIDENCE = 0.7  # an English wish ("5 years preferred"): asked for less surely


# a wish word that only narrows where the experience is from: "2 years of experience,
# preferably in retail" still asks for 2 years
_WISH_DOMAIN = re.compile(r"(?i)\b(?:prefer\w*|ideally)\s+(?:in|with|within|from|at)\b")
_FLOOR_LEAD = re.compile(r"(?i)\b(?:minimum(?:\s+of)?|min\.?|at\s+least|requires?|required)\s*$")


def _confidence(text: str, start: int, end: int) -> float:
    """1.0 for a figure asked for; WISH_CONFIDENCE for one wished for ("3-5 years
    preferred"), not where a word before the match asks for it ("Requires 3 years",
    "Min 3 years") or the wish only names a domain ("..., preferably in retail"). A lead
    inside the match (``_EN``'s "at least", "minimum of") is not consulted here."""
    before = _sentence_before(text, start)
    around = _WISH_DOMAIN.sub(" ", before + _after(text, end))
    if _FLOOR_LEAD.search(before) or not _WISH.search(around):
        return 1.0
    return WISH_CONFIDENCE


# a form's label and the count after it: "Years of experience: 3", "Years of Experience - 2+"
_EN_COUNT = re.compile(r"(?i)\byears\s+of\s+(?:[a-z-]+\s+)?experience(?:\s+required)?\s*[:\-–]\s*"
                       r"(?P<n>\d{1,2})(?![\d.,%]|\s*(?:months?|mos?)\b)")


def _english(body: str) -> list[Found[float]]:
    found = [Found(_value(m.group("n")), m.start(), m.end(), _confidence(body, m.start(), m.end()))
             for m in _EN.finditer(body) if _is_requirement(m, body)]
    return found + [Found(_value(m.group("n")), m.start(), m.end()) for m in
                    _EN_COUNT.finditer(body)]


@dataclass(frozen=True)
class _Words:
    """One language's words around a requirement of years (regex fragments)."""

    years: str  # the unit: "anos", "Jahre", "лет", "年"
    months: str  # "meses", "Monate": 6 months is 0.5
    experience: str  # "experiência", "Berufserfahrung", "опыт", "经验"
    lead: str  # before the figure: "pelo menos", "mindestens", "от"
    between: str  # from the unit to the experience word: "anos de (sólida) experiência"
    item: str  # after the unit in a list item that starts with the years: "como", gerund
    not_after: str  # after the unit, not experience: company age, age, a contract's length
    company: str  # before, in the sentence: the employer speaks of itself ("somos", "seit")
    seeker: str  # before, in the sentence: the candidate is meant after all ("buscamos")
    wish: str  # the clause is a wish, not asked for ("desejável", "von Vorteil", "优先")
    part: str  # "of which": a part of the figure before ("sendo", "davon", "其中")
    none: str  # no experience asked for ("sem experiência", "Нет опыта", "经验不限")
    negation: str  # turns "sem experiência" around ("não aceitamos ... sem experiência")
    extra: str = "(?!)"  # the language's own forms, with the groups n and unit (y or mo)
    bare: bool = True  # "pelo menos 2 anos" alone counts (not in Russian: "детям от 3 лет")
    item_needs_lead: bool = False  # German items: "• 4+ Jahre Backend-Entwicklung"


_MORE = r"\s*(?:\+|ou\s+mais|o\s+m[áa]s|ou\s+plus|et\s+plus|und\s+mehr|и\s+более|(?:及|或)?以上)?"
_TO = r"(?:-|–|—|\ba\b|\bà\b|\be\b|\by\b|\bet\b|\bbis\b|\bund\b|\baté\b|\bдо\b|至|~)"
_FIGURE = (rf"(?<![\d.,–-])(?<![一二两三四五六七八九十])(?P<n>\d{{1,2}}(?:[.,]5)?|{NUMBER_WORD})"
           rf"(?:-?(?:го|х|ти|и|ух))?(?:\s*{_TO}\s*(?:\d{{1,2}}|{NUMBER_WORD})(?:-?(?:х|ти|и))?)?")
_BULLET = r"(?m)^[ \t]*(?:[-•*▪✓·–—>]|\d{1,2}[.)、])?[ \t]*(?P<at>)"  # "at": the item's text

_PT = _Words(
    years=r"anos?\b", months=r"m[êe]s(?:es)?\b|meses\b",
    experience=r"experi[êe]ncias?|viv[êe]ncia|atua[çc][ãa]o",
    lead=r"(?:no\s+)?m[íi]nimo(?:\s+de)?|pelo\s+menos|ao\s+menos|mais\s+de|acima\s+de|entre",
    between=r"\s+(?:de\s+)?(?:[^\W\d_]+\s+){0,2}?",
    item=r"\s+(?:como|em|no|na|nos|nas|[^\W\d_]+ndo)\b",
    not_after=r"(?:de\s+)?(?:idade|hist[óo]ria|mercado|tradi[çc][ãa]o|exist[êe]ncia|funda[çc][ãa]o|"
              r"casa|empresa|contrato|garantia|vida)\b|no\s+mercado\b",
    company=r"\b(?:h[áa]|somos|temos|nossa?s?|n[óo]s|empresa|companhia|grupo|fundad[ao]|desde|"
            r"atuamos|estamos)\b",
    seeker=r"\b(?:candidat\w*|profissional|voc[êe]|requisit\w*|necess[áa]ri\w*|exig\w*|buscamos|"
           r"procuramos|m[íi]nim[ao]|pelo\s+menos|ao\s+menos)\b",
    wish=r"\b(?:desej[áa]ve(?:l|is)|diferencia(?:l|is)|um\s+plus|preferencia\w*)\b",
    part=r"\b(?:sendo|dos\s+quais|das\s+quais)\b",
    none=r"\bsem\s+experi[êe]ncia(?:\s+pr[ée]via)?\b|\bn[ãa]o\s+(?:[ée]\s+)?(?:necess[áa]ri[ao]|"
         r"exigid[ao]|exigimos|precisa\s+(?:ter\s+)?de)\s+experi[êe]ncia\b|\bexperi[êe]ncia\s+n[ãa]o\s+"
         r"(?:[ée]\s+)?(?:necess[áa]ria|obrigat[óo]ria|exigida)\b",
    negation=r"\bn[ãa]o\b")
_ES = _Words(
    years=r"a[ñn]os?\b", months=r"mes(?:es)?\b",
    experience=r"experiencias?|trayectoria",
    lead=r"(?:como\s+)?m[íi]nimo(?:\s+de)?|al\s+menos|por\s+lo\s+menos|m[áa]s\s+de|entre",
    between=r"\s+(?:de\s+)?(?:[^\W\d_]+\s+){0,2}?",
    item=r"\s+(?:como|en|[^\W\d_]+ndo)\b",
    not_after=r"(?:de\s+)?(?:edad|historia|mercado|tradici[óo]n|existencia|contrato|garant[íi]a|"
              r"antig[üu]edad|vida)\b|(?:en\s+el\s+mercado|cumplidos|en\s+adelante)\b",
    company=r"\b(?:hace|somos|llevamos|contamos|tenemos|nuestr[ao]s?|empresa|compa[ñn][íi]a|"
            r"grupo|fundad[ao]|desde)\b",
    seeker=r"\b(?:candidat\w*|profesional|postulante|requisit\w*|requier\w*|necesari\w*|buscamos|"
           r"m[íi]nim[ao]|al\s+menos|indispensable)\b",
    wish=r"\b(?:deseable|valorable|se\s+valorar[áa]|un\s+plus|preferente(?:mente)?|preferible)\b",
    part=r"\b(?:de\s+los\s+cuales|de\s+ellos)\b",
    none=r"\bsin\s+experiencia(?:\s+previa)?\b|\bno\s+(?:se\s+)?(?:requiere|necesita|exige)s?\s+"
         r"experiencia\b|\bexperiencia\s+no\s+(?:requerida|necesaria|excluyente|indispensable)\b",
    negation=r"\bno\b")
_FR = _Words(
    years=r"(?:ans?|ann[ée]es?)\b", months=r"mois\b",
    experience=r"exp[ée]riences?|pratique",
    lead=r"au\s+moins|d['’]au\s+moins|minimum(?:\s+de)?|plus\s+de|entre",
    between=r"\s*(?:minimum\s+)?(?:d['’]|de\s+|en\s+)(?:[^\W\d_]+\s+){0,1}?",
    item=r"\s+(?:en|dans|comme|minimum|au\s+moins)\b",
    not_after=r"(?:d['’]|de\s+)?(?:[âa]ge|existence|histoire|anciennet[ée]|garantie|contrat|"
              r"tradition)\b|(?:sur\s+le\s+march[ée]|r[ée]volus|et\s+plus)\b",
    company=r"\b(?:depuis|nous|notre|nos|soci[ée]t[ée]|entreprise|groupe|fond[ée]e?)\b",
    seeker=r"\b(?:vous|candidat\w*|profil|requis\w*|exig\w*|minimum|au\s+moins|justifiez|"
           r"recherchons)\b",
    wish=r"\b(?:souhait\w*|appr[ée]ci[ée]e?s?|un\s+(?:plus|atout)|id[ée]alement)\b",
    part=r"\bdont\b",
    none=r"\bsans\s+exp[ée]rience\b|\bd[ée]butants?\s+accept[ée]s\b|\b(?:aucune|pas\s+d['’])\s*"
         r"exp[ée]rience\s+(?:n['’]est\s+)?(?:requise|exig[ée]e|n[ée]cessaire)\b",
    negation=r"\b(?:ne|pas|n['’])\b")
_DE = _Words(
    years=r"jahr(?:e|en|es)?\b", months=r"monat(?:e|en)?\b",
    experience=r"(?<![\wäöüß])[\wäöüß]*?erfahrung(?:en)?|praxis",
    lead=r"mindestens|min\.|wenigstens|über|mehr\s+als",
    between=r"\s+(?:[\wäöüß-]+\s+){0,3}?[\wäöüß-]*?",
    item=r"\s+(?!urlaub|garantie|alt\b|jung\b|tradition)[\wäöüß]",
    not_after=r"(?:alt|jung|garantie|tradition|firmengeschichte|betriebszugeh[öo]rigkeit|laufzeit|"
              r"urlaub)\b|(?:im\s+unternehmen|am\s+markt)\b",
    company=r"\b(?:seit|wir|unser\w*|gegr[üu]ndet|unternehmen|firma)\b",
    seeker=r"\b(?:sie|du|dein\w*|ihr\w*|bewerber\w*|kandidat\w*|mindestens|erforderlich|"
           r"vorausgesetzt|suchen)\b",
    wish=r"\b(?:w[üu]nschenswert|von\s+vorteil|idealerweise|w[äa]re\s+(?:ein\s+)?plus|"
         r"gerne\s+gesehen|vorteilhaft)\b",
    part=r"\bdavon\b",
    none=r"\bohne\s+(?:berufs)?erfahrung\b|\bkeine\s+(?:vorkenntnisse|(?:berufs)?erfahrung)\s+"
         r"(?:nötig|notwendig|erforderlich)\b|\b(?:quer|berufs)einsteiger(?:innen|\*innen|:innen)?"
         r"\s+willkommen\b",
    negation=r"\b(?:nicht|kein\w*)\b", item_needs_lead=True)
_RU = _Words(
    years=r"(?:год(?:а|у)?|лет)\b", months=r"месяц(?:а|ев)?\b",
    experience=r"опыт\w*|стаж\w*",
    lead=r"от|не\s+менее|более|свыше|минимум|больше",
    between=r"\s+(?:[а-яё]+\s+){0,2}?",
    item=r"\s+(?:в|на|работы|опыта|коммерческ\w*)\b",
    not_after=r"(?:на\s+рынке|компании|гарантии|и\s+старше|возраст\w*)\b",
    company=r"\b(?:мы|наш\w*|компани\w*|уже|основан\w*)\b",
    seeker=r"\b(?:кандидат\w*|соискател\w*|требу\w*|необходим\w*|вы|ваш\w*)\b",
    wish=r"\b(?:желательн\w*|будет\s+плюсом|преимуществ\w*|приветству\w*)\b",
    part=r"\b(?:из\s+них|в\s+том\s+числе)\b",
    none=r"\bбез\s+опыта\b|\bнет\s+опыта\b|\bопыт\s+(?:работы\s*)?[:\-–]?\s*не\s+(?:требуется|"
         r"обязателен|нужен)\b",
    negation=r"\bне\b", bare=False,
    # "опыт работы от года": from one year; "от полугода": half a year
    extra=r"(?:опыт\w*|стаж\w*)(?:\s+[\wё-]+){0,4}?\s*[:\-–]?\s*(?:от|не\s+менее|более|свыше|"
          r"минимум)\s+(?P<n>пол(?:у)?)?(?P<unit>(?P<y>года))\b")
_ZH = _Words(
    years=r"年", months=r"个月",
    experience=r"经验|经历|工作年限|experience\w*", lead=r"(?!)",
    between=r"(?:的)?[^，。；,;、\n\d经]{0,20}?",
    item=r"(?!)", not_after=r"(?!)",
    company=r"(?:公司|集团|我们|成立|创立|深耕|专注|品牌)",
    seeker=r"(?:要求|任职|具备|需要?|候选人|应聘)",
    wish=r"(?:优先|加分|更佳|为佳)",
    part=r"其中",
    none=r"经验[:：\s]*不限|无需(?:工作)?经验|无(?:工作)?经验要求|不(?:需要|要求)(?:工作)?经验|零经验|"
         r"接受无经验|无经验可",
    negation=r"(?!)", bare=False,
    # a board's header line: "1-3年 | 本科 | 全职"
    extra=rf"{_FIGURE}\s*(?P<unit>(?P<y>年))(?:及?以上)?\s*[|｜·/]\s*(?:大专|本科|硕士|博士|高中|"
          r"中专|学历不限)")
_LANGUAGES = (_PT, _ES, _FR, _DE, _RU, _ZH)


@dataclass(frozen=True)
class _Rules:
    """One language's patterns, from the most explicit to the least, and its checks."""

    stated: re.Pattern[str]  # "3 anos de experiência", "3-5年Python开发经验"
    counted: re.Pattern[str]  # "Años de experiencia: 3"
    extra: re.Pattern[str]  # the language's own forms ("1-3年 | 本科", "опыт от года")
    labelled: re.Pattern[str]  # "experiência mínima de 2 anos", "Опыт работы: 1–3 года"
    bare: re.Pattern[str]  # "pelo menos 2 anos", "mindestens 3 Jahre"
    item: re.Pattern[str]  # "• 5+ anos como engenheiro", "— от 5 лет в ML"
    none: re.Pattern[str]
    unit: re.Pattern[str]  # the language's years or months: the others are not tried
    item_after: re.Pattern[str]
    not_after: re.Pattern[str]
    part: re.Pattern[str]
    company: re.Pattern[str]
    seeker: re.Pattern[str]
    wish: re.Pattern[str]
    negation: re.Pattern[str]
    bare_counts: bool
    item_needs_lead: bool


def _rules(w: _Words) -> _Rules:
    unit = rf"(?P<unit>(?P<y>{w.years})|(?P<mo>{w.months}))"
    lead = rf"(?:(?P<lead>{w.lead})\s*)"
    years = rf"(?P<unit>(?P<y>{w.years}))"
    return _Rules(
        stated=re.compile(rf"(?i){lead}?{_FIGURE}{_MORE}\s*{unit}{_MORE}{w.between}"
                          rf"(?:{w.experience})"),
        counted=re.compile(rf"(?i)(?P<unit>(?P<y>{w.years}))\s+(?:de\s+|d['’])?(?:{w.experience})"
                           rf"\s*[:\-–]\s*{lead}?{_FIGURE}(?!\s*(?:{w.months}))"),
        extra=re.compile(rf"(?i){w.extra}"),
        labelled=re.compile(rf"(?i)(?:{w.experience})(?:[ \t]+[^\W\d_][\w'’-]*){{0,5}}?\s*"
                            rf"[:\-–|：]?\s*(?:(?:de|von|seit)\s+)?{lead}?{_FIGURE}{_MORE}\s*{unit}"),
        bare=re.compile(rf"(?i){lead}\s*{_FIGURE}{_MORE}\s*{years}"),
        item=re.compile(rf"(?i){_BULLET}{lead}?{_FIGURE}{_MORE}\s*{years}{_MORE}(?={w.item})"),
        none=re.compile(rf"(?i){w.none}"),
        unit=re.compile(rf"(?i){w.years}|{w.months}"),
        item_after=re.compile(rf"(?i){w.item}"),
        not_after=re.compile(rf"(?i)\s*(?:{w.not_after})"),
        part=re.compile(rf"(?i)(?:{w.part})\D{{0,12}}$"),
        company=re.compile(rf"(?i){w.company}"), seeker=re.compile(rf"(?i){w.seeker}"),
        wish=re.compile(rf"(?i){w.wish}"), negation=re.compile(rf"(?i){w.negation}"),
        bare_counts=w.bare, item_needs_lead=w.item_needs_lead)


_RULES = tuple(_rules(words) for words in _LANGUAGES)
_SENTENCE_END = r"[;•\n!?。；！？]|\.\s"
_CLAUSE_END = re.compile(rf"{_SENTENCE_END}|[，,]")


def _clause_before(text: str, start: int, stop: str = _SENTENCE_END) -> str:
    return re.split(stop, text[max(0, start - 120):start])[-1]


def _clause_after(text: str, end: int) -> str:
    rest = text[end:end + 80]
    stop = _CLAUSE_END.search(rest)
    return rest[:stop.start()] if stop else rest


def _years(m: re.Match[str]) -> float:
    """The figure, a month count as a part of a year; a year word alone is one ("от года")
    and "полугода" half of one."""
    raw = m.group("n")
    n = 1.0 if raw is None else 0.5 if raw.lower().startswith("пол") else number(raw)
    return round(n / 12, 2) if m.groupdict().get("mo") else n  # bare and item: years only


def _about_candidate(m: re.Match[str], text: str, r: _Rules) -> bool:
    """Not the employer's age, a contract, an age, a wish or a part of a figure before."""
    before = _clause_before(text, m.start())
    if r.not_after.match(text, m.end("unit")) or r.part.search(before):
        return False
    if r.company.search(before) and not r.seeker.search(before):
        return False
    clause = _clause_before(text, m.start(), _CLAUSE_END.pattern) + m.group()
    return not r.wish.search(clause + _clause_after(text, m.end()))


def _bare_fits(m: re.Match[str], text: str, r: _Rules) -> bool:
    """"pelo menos 2 anos" with nothing or a place or role after: a small figure only."""
    after = text[m.end():m.end() + 40]
    alone = re.match(r"\s*(?:[,.;:)]|$)", after) or r.item_after.match(after)
    return bool(r.bare_counts and alone and number(m.group("n")) < 16)


def _item_fits(m: re.Match[str], text: str, r: _Rules) -> bool:
    return not r.item_needs_lead or bool(m.group("lead")) or "+" in m.group()


def _always(m: re.Match[str], text: str, r: _Rules) -> bool:
    return True


def _in_language(body: str, r: _Rules) -> list[Found[float]]:
    """One language's requirements, and its "no experience" phrases."""
    found: list[Found[float]] = []
    if not r.unit.search(body):
        return _no_experience(body, r)
    for rx, fits, confidence in ((r.stated, _always, 1.0), (r.counted, _always, 1.0),
                                 (r.labelled, _always, 1.0), (r.bare, _bare_fits, 0.9),
                                 (r.item, _item_fits, 0.8)):
        for m in rx.finditer(body):
            if _about_candidate(m, body, r) and fits(m, body, r):
                start = m.start("at") if "at" in rx.groupindex else m.start()
                found.append(Found(_years(m), start, m.end(), confidence))
    return found + _agreeing(body, r) + _no_experience(body, r)


def _agreeing(body: str, r: _Rules) -> list[Found[float]]:
    """The language's own forms, when they agree: a board's header line ("1-3年 | 本科")
    seen with several values is a list of other postings."""
    found = [Found(_years(m), m.start(), m.end(), 0.9) for m in r.extra.finditer(body)
             if _about_candidate(m, body, r)]
    return found if len({f.value for f in found}) == 1 else []


_WITHOUT = re.compile(r"(?i)(?:sem|sin|sans|ohne|без|нет)\b")


def _no_experience(body: str, r: _Rules) -> list[Found[float]]:
    """"sem experiência", "Нет опыта", "经验不限": 0, unless a negation turns it around
    ("não aceitamos candidatos sem experiência")."""
    out = []
    for m in r.none.finditer(body):
        around = _clause_before(body, m.start()) + " " + _clause_after(body, m.end())
        if _WITHOUT.match(m.group()) and r.negation.search(around):
            continue
        out.append(Found(0.0, m.start(), m.end(), 0.8))
    return out


_NONE_EN = re.compile(r"(?i)\bno\s+(?:[a-z-]+\s+){0,2}?experience\s+(?:is\s+)?(?:required|"
                      r"needed|necessary)|\bfreshers?\s+(?:are\s+)?(?:welcome|can\s+apply)")


def _first_per_span(found: list[Found[float]]) -> list[Found[float]]:
    """In order of appearance; of overlapping finds, the first (the most explicit rule)."""
    kept: list[Found[float]] = []
    for f in found:
        if not any(k.start < f.end and f.start < k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def parse_experience_years(text: str) -> list[Found[float]]:
    """Years of experience asked for, in order of appearance (the caller takes the least
    of those asked for; English wishes carry ``WISH_CONFIDENCE``)."""
    body = text[:posting_end(text)]
    none_en = [Found(0.0, m.start(), m.end(), 0.8) for m in _NONE_EN.finditer(body)]
    found = _english(body) + [f for r in _RULES for f in _in_language(body, r)] + none_en
    return _first_per_span(found)
