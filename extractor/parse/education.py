"""Degrees named in a posting: high_school / associate / bachelor / master / doctorate.

Full names ("Bachelor's degree", "Master of Science", "high school diploma or GED",
"Associate degree", "PhD candidate"), abbreviations in a degree context ("BS/MS",
"B.Sc.", "MS in Statistics", "BS and 8 years", "MBA"), French ("Bac+5" master,
"Bac+3" bachelor, "Bac+2" associate, "diplôme d'ingénieur" master, "doctorat") and
Russian ("высшее образование" bachelor, "среднее профессиональное" associate,
"магистр", "кандидат наук") all count, and so do Portuguese, Spanish, German and Chinese
as the labelling rules map them: ensino médio / bachillerato / Abitur / 高中 high_school;
tecnólogo / técnico superior / DEC / 大专 associate; (ensino) superior completo /
licenciatura / grado en / titulación en / bachelier / baccalauréat en / Hochschulabschluss /
本科 bachelor ("cursando", "本科在读": in progress counts); mestrado / máster en /
Masterabschluss / 硕士 master; doutorado / doctorado / Promotion / 博士 doctorate.
Vocational certificates (curso técnico, Ausbildung, CAP) have no value. "MS Word", "Scrum
Master", "Sales Associate", "postdoctoral", "no degree required", "学历不限" and a
vocational alternative ("oder eine vergleichbare Ausbildung", "или переподготовка") do not
count. A wish ("PhD a plus", "Master's preferred", "desejável", "优先", under a
"Diferenciais" header) gets confidence 0.5, and so does a bare Chinese header token
("3-5年 本科") where the posting states the degree more plainly elsewhere. Every mention is
returned in order; the caller takes the least required one.
"""

from __future__ import annotations

import re

from extractor.parse.base import Found, posting_end

_WORD_RULES: list[tuple[str, re.Pattern[str]]] = [(level, re.compile(rx)) for level, rx in (
    ("doctorate", r"(?i)\bdoctora(?:te|l|t)\b|\bdoctor\s+of\s+(?:philosophy|science|education|"
                  r"business)\b|кандидат\w*\s+(?:[а-яё]+\s+)?наук|доктор\w*\s+наук|"
                  r"\bdoutorado\b|\bdoctorado\b|\babgeschlossene\s+promotion|\bpromotion\s+(?:in|im)\b|"
                  r"\bpromoviert\w*|\bdoktortitel|博士(?!后)"),
    ("master", r"(?i)\bmaster['’]?s\b(?!\s+(?:data|class))|\bmasters?\s+(?:degree|of\s+"
               r"(?:science|arts|business|engineering|fine\s+arts|public|education|social|laws)|"
               r"en\s|1\b|2\b|II\b)|\b(?:graduate|advanced|post-?graduate)\s+degree|"
               r"магистр\w*|dipl[ôo]me\s+d['’]ing[ée]nieur|\bbac\s*\+\s*5\b|\bmestrado\b|"
               r"(?<!scrum\s)\bm[áa]ster\s+(?:en|in|im|universitario|oficial|oder|bzw\.?|ou|o)\s|"
               r"\bmaestr[íi]a\b|"
               r"\bmaster(?:abschluss|studium)\w*|mast[èe]re\s+sp[ée]cialis[ée]|\bdiplom-?(?:ingenieur|"
               r"informatiker|kaufmann|kauffrau|physiker|mathematiker|volkswirt|betriebswirt)\w*"
               r"(?!\s*\(FH\))|\bdipl\.-?\s?(?:ing|inf|kfm|phys|math)\.(?!\s*\(FH\))|硕士|碩士|研究生"),
    ("bachelor", r"(?i)\bbachelor\w*|\bundergraduate\s+degree|\b(?:four|4)[\s-]*year\s+"
                 r"(?:(?:college|university)\s+)?degree|\buniversity\s+(?:degree|diploma)|"
                 r"(?<!неоконченное\s)(?<!незаконченное\s)высш\w*(?:\s+[а-яё]+){0,2}?\s+"
                 r"образован\w*|бакалав\w*|\bbac\s*\+\s*[34]\b|\bbacharel\w*|\blicenciatura\b|"
                 r"\blicence\s+(?:pro(?:fessionnelle)?|en|universitaire|g[ée]n[ée]rale)\b|"
                 r"\b(?:titulaire\s+d['’]une|niveau)\s+licence\b|\bbachelier\b|"
                 r"\bbaccalaur[ée]at\s+en\b|\bgrado\s+(?:en|universitario)\b|\bt[íi]tulo\s+(?:de\s+grado|"
                 r"universitario)|\btitulaci[óo]n\s+(?:universitaria|en)\b|\bestudios\s+universitarios|"
                 r"\btitulad[oa]\s+universitari[oa]|\bcarrera\s+universitaria|\bprofesional\s+"
                 r"(?:titulad|universitari|graduad)\w*|\bestudiante\s+(?:universitari[oa]|de\s+"
                 r"(?:\w+\s+){0,3}?(?:carrera|grado|licenciatura|ingenier[íi]a))|"
                 r"\b(?:ensino|n[íi]vel|forma[çc][ãa]o|curso)\s+superior\b(?!\s+(?:de\s+tecnologia|"
                 r"t[ée]cnico|incompleto))|\bsuperior\s+completo|\bgradua[çc][ãa]o\s+(?:completa|"
                 r"em|conclu[íi]da)\b|\b(?:graduad|formad)[oa]\s+em\b|\bcursando\s+(?:o\s+|a\s+)?"
                 r"(?:ensino\s+superior|gradua[çc][ãa]o|faculdade|bacharelado|licenciatura|"
                 r"(?!(?i:ingl[êe]s|espanhol|franc[êe]s|alem[ãa]o|italiano|excel|ensino\s+m[ée]dio|"
                 r"t[ée]cnico|curso)\b)(?-i:[A-ZÀ-Ý])\w+)|\b(?:fach)?hochschulabschluss|\buniversitätsabschluss|"
                 r"\b(?:fach)?hochschulstudium|\bdiplom(?:-?\w+)?\s*\(FH\)|\bdipl\.-?\s?\w+\.?\s*"
                 r"\(FH\)|студент(?:ы|ов|ка|ом)?\s+(?:\S+\s+){0,2}?курс\w*|выпускник\w*\s+(?:или\s+"
                 r"студент|вуза|университета)|本科|学士|學士|(?<=學歷要求：)大學|(?<=学历要求：)大学|"
                 r"(?:(?m:^)[ \t]*[-•·*–>✓→✔]+[ \t]*|\bt[íi]tulo\s+(?:profesional\s+)?de\s+"
                 r"(?:[\w/]+\s+o\s+)?)(?:t[íi]tulo\s+(?:profesional\s+)?de\s+)?ingenier[oa]"
                 r"(?:/a|\(a\))?\s+(?:civil|industrial|comercial|en|de|mec|el[ée]ctric|inform|"
                 r"qu[íi]mic|agr[óo]nom)\w*|\bingenier[íi]a\s+(?:en\s+)?(?:[\wáéíóú]+\s+){0,3}?"
                 r"(?:titulad[oa]|terminad[oa]|conclu[íi]d[oa])\b|\babgeschlossene[sn]?\s+(?:\w+\s+)?"
                 r"(?:hochschul|fachhochschul|universitäts)?studium\b|\bimmatrikuliert\w*"),
    ("associate", r"(?i)\bassociate['’]?s?\s+degree|\bassociates?\s+of\s+(?:arts|science|"
                  r"applied)|\b(?:two|2)[\s-]*year\s+(?:college\s+)?degree|\bbac\s*\+\s*2\b|"
                  r"(?-i:(?:\b|(?<=[a-zà-ÿ]))(?:BTS|DUT)\b)|средн\w*[\s-]+(?:профессиональн|"
                  r"специальн|медицинск|техническ|фармацевтическ)\w*|"
                  r"не\s+ниже\s+среднего\s+профессиональн\w*|\btecn[óo]log[oa]\b|\bsuperior\s+de\s+"
                  r"tecnologia|\bt[ée]cnico\s+(?:superior|titulad[oa]|de\s+nivel\s+superior|"
                  r"universitario|profesional)\b|\bgrado\s+superior\b|\bFP\s*II\b|dipl[ôo]me\s+"
                  r"d['’][ée]tudes\s+coll[ée]giales|(?-i:\bDEC\b)(?=\s+(?:en|ou|\())|大专|专科|專科"),
    ("high_school", r"(?i)\bhigh[\s-]+school(?:\s+|\s*/\s*)(?:diploma|degree|education|"
                    r"graduate|equivalen\w*|or\s+(?:equivalent|GED)|GED)|(?-i:\bGED\b)|"
                    r"\bsecondary\s+school\s+(?:diploma|certificate)|\bniveau\s+bac\b(?!\s*\+)|"
                    r"средн\w*\s+(?:общ\w*\s+)?образован\w*|\bensino\s+m[ée]dio\b|\bsegundo\s+grau\b|"
                    r"\b12\.?\s*[ºo°]\s*ano\b|\bbachillerato\b|\bbachiller\s+(?:acad[ée]mico|"
                    r"t[ée]cnico)|\bt[íi]tulo\s+de\s+bachiller\b|\bpreparatoria\b|\bsecundari[ao]\s+"
                    r"complet[ao]|\beducaci[óo]n\s+(?:media|secundaria)\s+complet[ao]|\bbac\s+"
                    r"(?:pro(?:fessionnel)?|g[ée]n[ée]ral|technologique)\b|\b(?:fach)?abitur\b|"
                    r"\b(?:fach)?hochschulreife\b|\bmatura\b|\babgeschlossene\s+(?-i:HTL|HAK|HBLA)\b|"
                    r"高中"),
)]
_ABBR_LEVEL = [
    ("doctorate", r"(?i:Ph\.?\s?D\.?|D\.?Phil\.?)"),
    ("master", r"MBA|M\.?Sc\.?|M\.S\.?|MS|M\.A\.?|MA|M\.?Eng\.?|M\.?Tech\.?|MSEE|MSCS|MPH|MPA"),
    ("bachelor", r"B\.?Sc\.?|B\.S\.?|BS|B\.A\.?|BA|B\.?Eng\.?|B\.?Tech\.?|BSEE|BSCS|BBA|BFA"),
    ("associate", r"A\.A\.S\.?|AAS|A\.A\.?|AA|A\.S\.?|AS"),
]
_TOKEN = "|".join(f"(?:{rx})" for _, rx in _ABBR_LEVEL)
_ABBR_GROUP = re.compile(
    rf"(?<![\w.])(?:{_TOKEN})(?![\w])(?:\s*(?:/|,|or|and|,\s*or)\s*(?:{_TOKEN})(?![\w]))*")
_ABBR_ONE = re.compile(rf"(?<![\w.])(?:{_TOKEN})(?![\w])")
_AMBIGUOUS = {"MS", "MA", "BS", "BA", "AA", "AS", "AAS", "A.S", "A.A", "A.S.", "A.A."}
# a state or region code after a place ("Salvador - BA (Rio Vermelho)", "Boston, MA (hybrid)")
_PLACE_BEFORE = re.compile(r"(?<!\w)[A-ZÀ-Ý][\wÀ-ÿ.]+(?:,|[ \t]+[-–])[ \t]*$")
_DEGREE_AFTER = re.compile(
    r"^\s*(?:degree|diploma|\(|in\s+[A-Z]|in\s+(?:a\s+)?(?:related|relevant|technical|"
    r"quantitative)|or\s+(?:equivalent|higher|related)|and\s+\d+\s*\+?\s*years?|"
    r"(?:with|plus)\s+\d+\s*\+?\s*years?|;\s*\d+\s*\+?\s*years?)")
_NEGATED = re.compile(r"(?i)\bno\s+(?:\w+\s+)?degree|\bnot\s+(?:required|necessary|needed|"
                      r"essential|mandatory|compulsory)|"
                      r"\bwithout\s+a\s+degree|\bnot\s+a\s+(?:must|requirement)|"
                      r"\bn[ãa]o\s+(?:é\s+)?(?:exigid|necess[áa]ri|obrigat[óo]ri)|\bsem\s+exig[êe]ncia|"
                      r"\bno\s+(?:es\s+)?(?:necesari|requerid|indispensable|excluyente)|\bpas\s+(?:de\s+"
                      r"dipl[ôo]me|exig[ée]|obligatoire|n[ée]cessaire)|\bnicht\s+(?:erforderlich|"
                      r"notwendig|zwingend|vorausgesetzt)|\bkein(?:e|en)?\s+(?:abschluss|studium)|"
                      r"学历不限|學歷不限|不限学历|不限學歷|不要求学历|\bне\s+(?:обязательн|требуется|важн)|"
                      r"\bбез\s+(?:высшего\s+)?образования")
_WISH = re.compile(r"(?i)\b(?:prefer\w*|desir\w*|a\s+plus|nice|ideally|bonus|highly\s+regarded|"
                   r"advantage\w*|welcome|желательн\w*|приветствуется|souhait\w*|desej[áa]vel|"
                   r"diferencia(?:l|is)|valoriza\w*|deseable|valorar[áa]|valorable|"
                   r"(?:un|um|es\s+un)\s+plus|"
                   r"pr[ée]f[ée]rence|id[ée]alement|atout|vorteil|wünschenswert|idealerweise|"
                   r"преимуществ\w*|плюсом)|优先|優先|加分")
# a vocational alternative: no degree is required ("высшее образование или переподготовка",
# "Hochschulabschluss oder eine vergleichbare Ausbildung")
_NON_DEGREE_OR = re.compile(
    r"(?i)\b(?:или|либо)\s+(?:профессиональн\w*\s+)?(?:переподготовк|курс)\w*|\boder\s+(?:eine\s+)?"
    r"(?:vergleichbare|gleichwertige|abgeschlossene)\s+(?:qualifikation|\w*ausbildung)|\boder\s+"
    r"(?:eine\s+)?(?:kaufmännische\s+|technische\s+)?(?:berufs)?ausbildung|\boder\s+(?:staatlich\s+"
    r"geprüfte[rn]?\s+)?(?:techniker|meister|fachwirt)\w*|\boder\s+[^,.;\n]{0,40}\((?:IHK|HWK)\)")
# a Chinese degree word as a bare header token ("3-5年 本科 全职") states the degree only
# where the posting says nothing stronger ("本科及以上学历"): similar-job cards repeat such
# tokens
_CJK_DEGREE = re.compile(r"本科|学士|學士|硕士|碩士|研究生|博士|大专|专科|專科|高中")
_CJK_TOKEN_EDGE = re.compile(r"[\s|｜·•、，,/:：()（）\[\]]")
_CJK_AFTER = re.compile(r"^\S{0,2}?(?:及以上|以上|学历|學歷|在读|在讀|毕业|畢業|或)")
_CJK_BEFORE = re.compile(r"(?:学历|學歷|要求|统招)[:：\s]*$")


# a clause ends at ". ", "; ", a bullet or a line break, and where an export lost the line
# break between two sentences ("or equivalent.Prior experience", "will NOT be
# consideredBachelor’s degree required")
_CLAUSE_END = re.compile(r"[.;](?=\s|$)|[•\n]|[.;!?](?=[A-Z])|(?<=[a-z])(?=[A-Z][a-z]{2})")
_WISH_HEADER = re.compile(r"(?i)\b(?:preferred|desired|bonus|nice[\s-]to[\s-]have|nice\s+if|"
                          r"would\s+be\s+nice|pluses|stand\s+out|желательно|souhait\w*|"
                          r"diferenciais|diferencial|desej[áa]vel|valoramos|se\s+valorar[áa]|"
                          r"deseable|suma\s+si|atouts|un\s+plus|wünschenswert|von\s+vorteil|"
                          r"будет\s+плюсом|преимуществом)|加分项|加分條件|加分条件|优先|優先")
_REQUIRED_HEADER = re.compile(r"(?i)\b(?:required|requirements?|minimum|basic|must|"
                              r"qualifications|education|what\s+you|about\s+you|требования|"
                              r"requisitos|requerimientos|exig[êe]ncias|qualifica[çc][õo]es|perfil|"
                              r"profil|anforderungen)|任职要求|任职资格|岗位要求|任職要求|職位要求")


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a mention: between ". ", "; ", "•" or line breaks."""
    lefts = [m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 300), start)]
    right = _CLAUSE_END.search(text, end)
    return (lefts[-1] if lefts else max(0, start - 300)), (right.start() if right else len(text))


def _under_wish_header(text: str, start: int) -> bool:
    """Is the mention under a "Preferred Qualifications" / "Bonus points" header?"""
    for line in reversed(text[max(0, start - 800):start].split("\n")[:-1]):
        line = line.strip()
        if not line or len(line) > 60 or (line[0] in "•·-*–" and not line.endswith(":")):
            continue
        if _WISH_HEADER.search(line):
            return True
        if _REQUIRED_HEADER.search(line):
            return False
    return False


def _is_wish(text: str, start: int, end: int, starts: list[int]) -> bool:
    """Is the mention a wish? Its comma part, or later mention-free parts, say "preferred"."""
    left, right = _clause_bounds(text, start, end)
    own_end = text.find(",", end, right)
    own_start = text.rfind(",", left, start) + 1 or left
    if _WISH.search(text[own_start:right if own_end < 0 else own_end]):
        return True
    later = [s for s in starts if s > end and s < right and (own_end < 0 or s > own_end)]
    tail_end = later[0] if later else right
    if own_end < 0 or own_end > tail_end:
        return False
    tail = text[own_end:tail_end]
    return bool(_WISH.search(tail.rsplit(",", 1)[0] if later else tail))


def _abbr_level(token: str) -> str:
    for level, rx in _ABBR_LEVEL:
        if re.fullmatch(rx, token):
            return level
    raise ValueError(token)


def _abbreviations(text: str) -> list[tuple[str, int, int]]:
    """Degree abbreviations: "BS/MS", "B.Sc.", "MS in Statistics", "MBA" (not "MS Word")."""
    out = []
    for group in _ABBR_GROUP.finditer(text):
        tokens = list(_ABBR_ONE.finditer(group.group()))
        plain = {t.group().rstrip(".") for t in tokens}
        slashed = len(tokens) > 1 and "/" in group.group()
        if plain <= _AMBIGUOUS and not slashed and (
                not _DEGREE_AFTER.match(text[group.end():])
                or _PLACE_BEFORE.search(text[max(0, group.start() - 40):group.start()])):
            continue
        if len(tokens) == 1 and _abbr_level(tokens[0].group()) == "associate" and not re.match(
                r"\s*degree", text[group.end():]):
            continue
        out += [(_abbr_level(t.group()), group.start() + t.start(), group.start() + t.end())
                for t in tokens]
    return out


def parse_education(text: str) -> list[Found[str]]:
    """Degree levels named in ``text``, in order (the caller takes the least required)."""
    body = text[:posting_end(text)]
    hits = [(level, m.start(), m.end()) for level, rx in _WORD_RULES for m in rx.finditer(body)]
    hits += _abbreviations(body)
    hits.sort(key=lambda h: (h[1], -h[2]))
    starts = [h[1] for h in hits]
    stated = any(_cjk_stated(body, s, e) for _, s, e in hits if _CJK_DEGREE.fullmatch(body[s:e]))
    found: list[Found[str]] = []
    for level, start, end in hits:
        left, right = _clause_bounds(body, start, end)
        if ((found and start < found[-1].end) or _NEGATED.search(body[left:right])
                or _NON_DEGREE_OR.search(body[end:right]) or _cjk_unstated(body, start, end)):
            continue
        wish = (_is_wish(body, start, end, starts) or _under_wish_header(body, start)
                or (stated and _CJK_DEGREE.fullmatch(body[start:end]) is not None
                    and not _cjk_stated(body, start, end)))
        found.append(Found(level, start, end, 0.5 if wish else 1.0))
    return found


def _cjk_unstated(text: str, start: int, end: int) -> bool:
    """A Chinese degree word inside other words, not a requirement nor a header token:
    "高中数学教师" (a high-school teacher), "本科生导师"."""
    if not _CJK_DEGREE.fullmatch(text[start:end]) or _cjk_stated(text, start, end):
        return False
    return not (_CJK_TOKEN_EDGE.match(text[end:end + 1] or " ")
                and _CJK_TOKEN_EDGE.match(text[start - 1:start] or " "))


def _cjk_stated(text: str, start: int, end: int) -> bool:
    """A Chinese degree word in a requirement ("本科及以上学历", "学历：本科", "本科在读")."""
    return bool(_CJK_AFTER.search(text[end:end + 6])
                or _CJK_BEFORE.search(text[max(0, start - 6):start]))


def supports(value: str, text: str) -> bool:
    """Whether ``text`` names degree ``value`` the way this parser reads one (a negated
    mention, "Scrum Master" or a bare "degree" does not count; a wished-for one does)."""
    return any(f.value == value for f in parse_education(text))
