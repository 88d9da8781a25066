"""Employment types: full_time / part_time / contract / temporary / internship /
volunteer / per_diem / other.

Only precise contexts count, since "full-time employees get 20 days off" or
"contract negotiations" say nothing about this job:

* a label: "Job Type: Full-time", "TERM: Full time", "Position Type\\nFull Time",
  "Hire Type: 12 Months Contract", "Тип занятости: ...", "Type de contrat : CDI",
  "Contratação: PJ", "Jornada: tiempo completo", "Anstellung: unbefristet", "工作性质 | 全职";
* a header token: a short line, or a part of one between separators, that is only
  the type ("Internship", "Полная занятость", "Remote · Full Time", "(Part-Time)");
* a statement about this job: "This is a full-time on-site role", "on a part-time
  basis", "seeking a part-time AI Trainer", "As the Design Intern", "this internship".

Mappings (the labelling rules of training/own/README.md): contractor / freelance /
independent contractor / 1099 / "проектная работа" / PJ / autônomo / ГПХ / договор
подряда -> contract; temp / seasonal / CDD / intérim / befristet / temporário / contrato
a termo / plazo fijo / término fijo / срочный договор -> temporary; CDI (French only),
unbefristet / Festanstellung (German) -> full_time, as the permanent contract they name,
unless the posting states part-time ("CDI à temps partiel", "Teilzeit, unbefristet");
tempo integral / jornada completa / tiempo completo / 全职 / полный рабочий день ->
full_time; Minijob / meio período / media jornada / 兼职 -> part_time; "Pensum 100 %" ->
full_time; PRN / per diem -> per_diem (per diem only as a label or token, as it is also a
travel allowance); stage (French text only, not "stage de formation"), estágio,
prácticas, Praktikum, 实习, стажировка and apprenticeship -> internship; the French
work-study contracts (alternance, contrat d'apprentissage, de professionnalisation) ->
other. "other" otherwise only when a label says so. A word that names a type in one
language only ("Stage", "CDI", "PJ", "Temporal") counts in text of that language. Each type
is returned once, at its most certain mention.
"""

from __future__ import annotations

import re

from extractor.parse.base import Found, posting_end

_END = r"(?-i:(?![a-zа-яёäöüßà-ÿ]))"
# a term starts at a word boundary, or at a Chinese character (Chinese has no spaces)
_START = r"(?:\b|(?=[\u4e00-\u9fff]))"
# a permanent contract's words: full-time evidence unless part-time is stated
_PERMANENT = r"(?-i:CDI)|unbefristet\w*|festanstellung|festangestellt\w*|feste\s+anstellung"
_PERMANENT_RX = re.compile(rf"(?i)^(?:{_PERMANENT})$")
# "full-time", "full time", and "full - time" as some exports type it
_FULL = r"full(?:[\s-]?|\s[-–]\s)time"
_PART = r"part(?:[\s-]?|\s[-–]\s)time"
# the words of each type in English, French, German, Russian, Portuguese, Spanish and Chinese
_TERMS: list[tuple[str, str]] = [
    ("full_time", rf"{_FULL}|полная\s+занятость|полный\s+рабочий\s+день|temps\s+plein|"
                  rf"temps\s+complet|plein\s+temps|vollzeit\w*|pensum\s*:?\s*100\s?%|{_PERMANENT}|"
                  r"tempo\s+(?:integral|inteiro)|per[íi]odo\s+integral|hor[áa]rio\s+integral|"
                  r"jornada\s+(?:integral|completa)|(?:jornada\s+a\s+|horario\s+a\s+)?tiempo\s+"
                  r"completo|全[职職]"),
    ("part_time", rf"{_PART}|частичная\s+занятость|неполн(?:ый\s+рабочий\s+день|ая\s+"
                  r"занятость)|temps\s+partiel|mi-temps|teilzeit\w*|minijob\w*|meio[\s-]per[íi]odo|"
                  r"meio\s+expediente|tempo\s+parcial|jornada\s+parcial|media\s+jornada|medio\s+"
                  r"tiempo|(?:jornada\s+a\s+|horario\s+a\s+)?tiempo\s+parcial|兼[职職]"),
    ("contract", r"contract(?:or)?(?:[\s-]to[\s-]hire)?|freelance(?:r)?|1099|проектная\s+работа|"
                 r"prestataire|(?-i:PJ)|pessoa\s+jur[íi]dica|presta[çc][ãa]o\s+de\s+servi[çc]os|"
                 r"aut[óô]nom[oa]|ind[ée]pendant|freiberuflich\w*|freie[rn]?\s+mitarbeit\w*|"
                 r"(?-i:ГПХ)|договор\w{0,2}\s+(?:гпх|подряда)|самозанят\w*|(?:por|a)\s+honorarios"),
    ("temporary", r"temp(?:orary)?|seasonal|(?-i:CDD)|int[ée]rim\w*|временная\s+работа|"
                  r"befristet\w*|zeitarbeit|arbeitnehmerüberlassung|tempor[áa]ri[oa]|"
                  r"(?:contrato\s+|empleo\s+|trabajo\s+|puesto\s+)?temporal|prazo\s+determinado|(?:contrato\s+)?a\s+termo(?:\s+(?:certo|incerto))?|"
                  r"plazo\s+fijo|(?:a\s+)?t[ée]rmino\s+fijo|contrato\s+(?:eventual|por\s+obra"
                  r"(?:\s+[yo]\s+servicio)?)|(?:contrato|trabajo|empleo|trabalho)\s+de\s+temporada|saisonni[eè]re?|срочный\s+(?:трудовой\s+)?договор|"
                  r"сезонная\s+работа|劳务派遣|临时工"),
    ("internship", r"intern(?:ship)?|стажировк[аи]|stage|apprentice(?:ship)?|praktikum|"
                   r"praktikant(?:in)?|(?:pflicht|orientierungs)praktikum|est[áa]gio|pasant[íi]a|becari[oa]|"
                   r"practicante|pr[áa]cticas(?:\s+profesionales)?|[实實][习習](?![期经經])(?:生)?"),
    ("volunteer", r"volunteer|волонт[её]рство|b[ée]n[ée]volat|voluntariado|ehrenamt(?:lich)?\w*|"
                  r"志愿者|义工"),
    ("per_diem", r"per[\s-]?diem|(?-i:PRN)"),
    # French work-study contracts: the labelling rules' "alternance -> other"
    ("other", r"alternance|apprentissage|contrat\s+de\s+professionnalisation"),
]
_TERM_RX = [(v, re.compile(rf"(?i){_START}(?:{rx}){_END}")) for v, rx in _TERMS]
# terms that name a type only in text of one language: "Stage" in English is a phase, "CDI"
# an acronym, "PJ" initials, "Temporal" a product
_ONE_LANGUAGE = {"stage": "fr", "cdi": "fr", "cdd": "fr", "pj": "pt", "temporal": "es"}
_OTHER = re.compile(r"(?i)^\W*other\W*$")

_LABEL = re.compile(
    r"(?im)(?:\b(?:job|employment|position|work|contract|hire|engagement|role|employee)\s*"
    r"(?:type|status)s?|\btype\s+of\s+(?:employment|contract|position)|\bterm|\bduration|"
    r"^[ \t]*status|^[ \t]*type|(?-i:(?<=[a-z])Type(?=:))|\bschedule|type\s+de\s+contrat|"
    r"type\s+d['’]emploi|"
    r"тип\s+занятости|^[ \t]*занятость)(?:[ \t]*[:\-–][ \t]*|[ \t]*\n[ \t]*)"
    r"(?P<value>[^\n]{1,60})")
_ML_LABEL = re.compile(
    r"(?im)(?:\btipo\s+de\s+(?:contrato|emprego|empleo|vaga|jornada|contrata[çc][ãa]o|"
    r"v[íi]nculo|colaboraci[óo]n)|\btipo_contrato|\bregime\s+de\s+contrata[çc][ãa]o|"
    r"\bcontrata[çc][ãa]o|\bv[íi]nculo|^[ \t*•\-]*(?:contrato|jornada|regime|relaci[óo]n"
    r"(?:\s+laboral)?|modalidad\s+de\s+contrataci[óo]n|carga\s+hor[áa]ria|contrat|"
    r"dur[ée]e\s+du\s+contrat)|\banstellung(?:sart)?|\bbeschäftigungs(?:art|verhältnis|umfang)|"
    r"\bvertragsart|\bstellenart|\barbeitszeit|工作性质|职位类型|工作类型|用工形式|招聘类型|"
    r"职位性质|\bоформление|\bвид\s+занятости|\bграфик(?:\s+работы)?)[ \t*]*"
    r"(?:[:：|｜\-–][ \t*]*|[ \t]*\n[ \t]*)(?P<value>[^\n]{1,60})")
_TITLE = re.compile(r"(?im)^[ \t]*(?:job\s+)?title[ \t]*:[ \t]*(?P<value>[^\n]{1,150})")
_TITLE_TERM = re.compile(
    rf"(?i)\b(?P<t>intern(?:ship)?|part[\s-]?time|full[\s-]?time|temp(?:orary)?|seasonal|"
    rf"per[\s-]?diem|(?-i:PRN)|volunteer|freelance(?:r)?){_END}(?!\s+(?:program\w*|"
    r"coordinator|manager|recruit\w*|supervisor))|(?:\(|[-–]\s*)(?P<c>contract)\b")
_SEGMENT_SPLIT = re.compile(r"[·|•,;:/\[\]()（）｜、，]| [-–] ")
_SEGMENT_TAIL = re.compile(r"(?i)\s+(?:position|role|job|opportunity)$")

_NOT_CONTRACT_JOB = (r"(?!\s+(?:manag\w*|admin\w*|specialist|analyst|negotiat\w*|attorney|"
                     r"lawyer|officer|compliance|review\w*|law|clerk|coordinator))")
_PHRASE = (rf"{_FULL}|{_PART}|contract{_NOT_CONTRACT_JOB}|freelance|"
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
    # a type with the week's hours after it: "Part Time – 15 to 20 hours per week"
    (rf"(?i)\b(?P<t>{_FULL}|{_PART})[ \t]*[,:–—-]?[ \t]*"
     r"(?:\d{1,2}[ \t]*(?:-|–|to)[ \t]*)?\d{1,2}\+?[ \t]*(?:hours|hrs)[ \t]*"
     r"(?:per|each|a|/)[ \t]*week(?-i:(?![a-z]))", 0.85),
    (r"(?-i:\b(?P<t>PRN)\b)(?!\s+(?:medication|meds|orders?|dos\w+|drugs?|requests?))", 0.85),
    (r"(?i)(?<![\"'])(?P<t>полная\s+занятость|частичная\s+занятость)(?![\"'])", 0.95),
)]
_FRENCH_STATEMENTS: list[tuple[re.Pattern[str], float]] = [(re.compile(rx), c) for rx, c in (
    (r"(?-i:\b(?P<t>CDI|CDD)\b)", 0.9),
    (r"(?i)\b(?P<t>stage)\b(?!\s+de\s+formation)", 0.8),
    (r"(?i)\b(?P<t>alternance|temps\s+plein|temps\s+partiel|temps\s+complet|plein\s+temps|"
     r"mi-temps|int[ée]rim\w*|contrat\s+de\s+professionnalisation|saisonni[eè]re?)(?![\w-])",
     0.85),
    # "apprentissage automatique" is machine learning, not a contract
    (r"(?i)\b(?:contrat\s+d['’]|en\s+)(?P<t>apprentissage)\b(?!\s+automatique)", 0.85),
)]
# Portuguese, Spanish, French, Russian and Chinese phrases that name a type wherever they
# stand ("CLT · Tempo integral", "Contrato a término fijo", "Mission freelance", "全职"); a
# phrase may start glued to the word before it where an export lost the line breaks
# ("hace 5 díasContrato temporal"). "Becario" and "Practicante" name the role, and count as
# a header token or label value only (an intern job listed under related postings says them).
_GLUED = r"(?:\b|(?<=[a-zà-ÿ])(?-i:(?=[A-ZÀ-Ý])))"
_ML_STATEMENTS: list[tuple[re.Pattern[str], float]] = [(re.compile(rx), c) for rx, c in (
    (rf"(?i){_GLUED}(?P<t>tempo\s+(?:integral|inteiro)|per[íi]odo\s+integral|hor[áa]rio\s+integral|"
     r"jornada\s+(?:integral|completa|parcial)|(?:jornada\s+a\s+|horario\s+a\s+)?tiempo\s+"
     r"(?:completo|parcial)|meio[\s-]per[íi]odo|meio\s+expediente|tempo\s+parcial|media\s+"
     r"jornada|medio\s+tiempo|(?:contrato|empleo|trabajo|puesto)\s+temporal|contrato\s+a\s+"
     r"termo(?:\s+(?:certo|incerto))?|contrato\s+(?:eventual|por\s+obra(?:\s+[yo]\s+servicio)?)|"
     rf"pasant[íi]a){_END}", 0.85),
    # "estágio" is also a stage ("startup em estágio inicial"), "plazo fijo" a term deposit,
    # "pessoa jurídica" and "PJ" a business customer ("conta PJ"): they need a contract's words
    (r"(?i)(?<!em\s)(?<!no\s)\b(?P<t>est[áa]gio)\b(?!\s+(?:probat|inicial|avan[çc]ad|final|atual|"
     r"de\s+desenvolvimento|embrion))", 0.85),
    (r"(?i)\bcontrato\s+(?:a\s+|de\s+)?(?P<t>plazo\s+fijo|t[ée]rmino\s+fijo)\b|\b(?:contrato|vaga|"
     r"trabalho|contrata[çc][ãa]o)\s+(?:por\s+|a\s+|de\s+)?(?P<t2>prazo\s+determinado)\b|"
     r"\bpor\s+(?P<t3>prazo\s+determinado)\b", 0.85),
    (r"(?i)\b(?:como|via|contrata[çc][ãa]o|regime|modelo|contrato)\s+(?:de\s+|como\s+)?"
     r"(?P<t>pessoa\s+jur[íi]dica)\b", 0.85),
    (r"(?i)\b(?:contrato|trabalho|vaga|emprego|cargo)\s+(?P<t>tempor[áa]ri[oa])\b", 0.85),
    # Portuguese text only (``_ONE_LANGUAGE``); "(PJ)" is a header token
    (r"(?:\b(?i:contrata[çc][ãa]o|regime|modelo|contrato|vaga|v[íi]nculo|como|via|formato)"
     r"(?:\s+(?i:é|será))?\s*:?\s*"
     r"(?P<t>PJ)|\b(?P<t2>PJ)\s*(?:ou|/)\s*CLT|\bCLT\s*(?:ou|/|e)\s*(?P<t3>PJ))\b", 0.85),
    (r"(?i)\b(?:contrato|convenio|beca|programa|per[íi]odo|oferta|puesto|estudiante)\s+(?:de|en)"
     r"\s+(?P<t>pr[áa]cticas)\b|\b(?P<t2>pr[áa]cticas)\s+(?:profesionales|curriculares|"
     r"extracurriculares|remuneradas|en\s+empresa|de\s+\d+\s+mes\w*)\b", 0.85),
    (r"(?i)\b(?:como|trabalhador|trabajador|contrato|regime|profissional|profesional)\s+"
     r"(?P<t>aut[óô]nom[oa])\b", 0.85),
    (r"(?i)\b(?:mission|statut|en)\s+(?P<t>freelance)\b", 0.85),
    (rf"(?i)\b(?P<t>temps\s+plein|temps\s+partiel|temps\s+complet|plein\s+temps|mi-temps|"
     rf"(?:contrato|trabajo|empleo|trabalho)\s+de\s+temporada|(?:por|a)\s+honorarios){_END}", 0.85),
    # not "стажировка" alone: Russian postings also call a paid onboarding period so
    (r"(?i)(?P<t>стажировк[аи])\s+(?:в\s+(?:отдел|команд|компани|департамент|банк|офис)|для\s+"
     r"студентов)|программ\w+\s+(?P<t2>стажировк[аи])(?![а-яё])", 0.85),
    (r"(?i)(?P<t>полный\s+рабочий\s+день|неполный\s+рабочий\s+день|неполная\s+занятость|"
     r"проектная\s+работа|временная\s+работа|сезонная\s+работа|срочный\s+(?:трудовой\s+)?"
     r"договор|договор\w{0,2}\s+(?:гпх|подряда)|(?-i:ГПХ)|самозанят\w*)(?![а-яё])", 0.9),
)]
# Chinese: the type words stand anywhere, not in "实习经验" (internship experience), "带实习生"
# (a duty) or after a negation ("不接受兼职")
_CHINESE_STATEMENTS: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"(?<!带)(?<!帶)(?<!指导)(?<!管理)(?<!培养)(?P<t>全[职職]|兼[职職]|[实實][习習]生?|"
                r"劳务派遣|临时工)(?![期经經])"), 0.85),
]
# German text: the type words are statements wherever they stand ("in Teilzeit",
# "Vollzeitstelle", "unbefristeter Arbeitsvertrag", "auf Minijob-Basis")
_GERMAN_STATEMENTS: list[tuple[re.Pattern[str], float]] = [(re.compile(rx), c) for rx, c in (
    (rf"(?i)\b(?P<t>vollzeit\w*|teilzeit\w*|minijob\w*|(?<!un)befristet\w*|{_PERMANENT}|"
     r"(?:pflicht|orientierungs)?praktikum|praktikant(?:in)?|freiberuflich\w*|freie[rn]?\s+mitarbeit\w*|zeitarbeit|"
     r"arbeitnehmerüberlassung)(?![a-zäöüß])", 0.85),
)]
# a candidate's past, a negation, work authorisation or the reader's own wishes
_NOT_THIS_JOB = re.compile(
    r"(?i)\b(?:experience|worked|working|served|previous|prior|former|not|never|no|"
    r"authori[sz]ed|eligible|permitted|convert\w*|conversion|transition\w*|potential|"
    r"possib\w+|lead\s+to|into|future|eventual\w*|after)\b|n['’]t\b|"
    r"\byou(?:\s+are|['’]re)?\s+$|\bif\s+you\b")
# the same in other languages, read in the statement's own clause only: a header line before
# it often states the experience asked for ("Опыт работы: не требуется\nЧастичная занятость")
_CLAUSE_START = re.compile(r"[.!?;\n。；！]")
_NOT_THIS_JOB_ML = re.compile(
    r"(?i)\b(?:experi[êe]ncia|experiencia|exp[ée]rience|erfahrung|опыт\w*|posib\w+|"
    r"möglichkeit\w*|efetiva[çc][ãa]o|перевод\w*|после)\b|\b(?:não|nem|sem|sin|kein\w*|nicht|"
    r"не|без)\s+(?:\w+\s+)?$|(?:不|非(?!常)|无(?!论)|没有)\S{0,2}$")
_FRENCH_WORDS = re.compile(r"(?i)\b(?:le|la|les|des|et|vous|nous|une|pour|avec|dans|est|du|au)\b")
_GERMAN_WORDS = re.compile(r"(?i)\b(?:der|die|das|und|mit|für|wir|sie|ist|ein|eine|zu|von|"
                           r"bei|auf|im|du|dein|ihr|ihre|unser|unsere)\b")
_PORTUGUESE_WORDS = re.compile(r"(?i)\b(?:não|você|com|uma|um|do|da|dos|das|na|nas|ao|seu|sua|"
                               r"nosso|nossa|é|são|em|pelo|pela|às)\b")
_SPANISH_WORDS = re.compile(r"(?i)\b(?:el|los|las|con|una|del|al|y|es|su|sus|nuestro|nuestra|muy|"
                            r"usted|está)\b")
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
    for m in [*_LABEL.finditer(text), *_ML_LABEL.finditer(text)]:
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
                term = _SEGMENT_TAIL.sub("", part.strip().strip(":.").lstrip("-–*> ").strip())
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
            if _not_this_job(text, m.start()):
                continue
            group = next(g for g in ("t", "t2", "t3") if m.groupdict().get(g))
            kind = _kind(m.group(group))
            if kind:
                out.append(Found(kind, m.start(group), m.end(group), confidence))
    return out


def _not_this_job(text: str, start: int) -> bool:
    before = text[max(0, start - 50):start]
    return bool(_NOT_THIS_JOB.search(before)
                or _NOT_THIS_JOB_ML.search(_CLAUSE_START.split(before)[-1]))


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


def _written_in(text: str) -> set[str]:
    """The languages of ``text`` whose one-language terms may be read (``_ONE_LANGUAGE``)."""
    english = len(_ENGLISH_WORDS.findall(text))
    portuguese = len(_PORTUGUESE_WORDS.findall(text))
    spanish = len(_SPANISH_WORDS.findall(text))
    out = {"fr"} if _is_french(text) else set()
    if portuguese >= 5 and portuguese > max(english, spanish):
        out.add("pt")
    if spanish >= 5 and spanish > max(english, portuguese):
        out.add("es")
    return out


def _in_its_language(found: Found[str], text: str, languages: set[str]) -> bool:
    language = _ONE_LANGUAGE.get(text[found.start:found.end].lower())
    return language is None or language in languages


def parse_employment_types(text: str) -> list[Found[str]]:
    """Employment types stated for this job, each once, in order of appearance."""
    body = text[:posting_end(text)]
    languages = _written_in(body)
    found = (_segments(body) + _titled(body) + _statements(body, _STATEMENTS)
             + _statements(body, _ML_STATEMENTS) + _statements(body, _CHINESE_STATEMENTS))
    # "Stage" in English text is a phase; "CDI" alone may be an acronym, "PJ" initials
    found = [f for f in found if _in_its_language(f, body, languages)]
    labelled = _labelled(body)
    if "fr" in languages:
        found += _statements(body, _FRENCH_STATEMENTS) + labelled
    else:
        found += [f for f in labelled if body[f.start:f.end].lower() != "stage"]
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
        return any(f.value == "other" for f in _labelled(text) + _statements(
            text, _FRENCH_STATEMENTS))
    rx = dict(_TERM_RX).get(value)
    if rx is None:
        return False
    languages = _written_in(text)
    return any(_ONE_LANGUAGE.get(m.group().lower(), "any") in languages | {"any"}
               for m in rx.finditer(text))
