"""Seniority of the role: from the title first, then from labelled text.

Decisions (the record has no "staff" or "principal" level):

* internship beats everything ("Intern", "Internship", "Co-op", "Стажёр", "Stagiaire").
* executive: "VP", "Vice President", "AVP", "Chief ... Officer", "Chief of Staff",
  "Chief Scientist", "CEO"/"CTO"/..., "President", "Founder". "Account Executive",
  "Executive Assistant", "Chief Cook" and "Chief Accountant" are not executive.
* director: "Director", "Head of", "Directeur", "Директор".
* level words beat job nouns: "Senior Product Manager" is senior, "Entry Level ...
  Manager" is entry. Among them lead > senior > entry.
* lead: "Lead", "Team Lead(er)", "Tech Lead" (not "Lead Generation").
* senior: "Senior", "Sr.", "Snr", "Старший", "Ведущий". "Staff" and "Principal" state no
  level of the record's ("Staff Security Engineer" is labelled null; "Staff Accountant"
  is not senior either).
* entry: "Junior", "Jr", "Entry(-level)", "Graduate", "New Grad", "Apprentice",
  "Trainee", "Младший".
* manager: "Manager", "Mgr", "Supervisor", "Руководитель", "Responsable", "Leiter",
  "Projektleiterin", "Leitung"; German team leads ("Teamleiter", "Teamleitung") are lead.
  Not the individual contributors' role nouns the labels keep null ("Product Manager",
  "Account Manager", "Customer Success Manager"; a "Group Product Manager" manages) nor
  a manager's assistant ("Staff Manager Assistant"): they state no level ("Senior
  Product Manager" is still senior).
* trailing ladder numerals ("Engineer II", "Data Scientist IV") state no level: each
  employer's ladder maps them differently, and the labels keep them null.
* labelled text: "Seniority level: Mid-Senior level" is read as mid with low
  confidence (LinkedIn uses it for most experienced roles); "Associate" and
  "Not Applicable" give nothing. A labelled entry level is dropped where the posting
  asks for three or more years of experience (the board's field contradicts it).
* other languages, as the labelling rules map them: Júnior / 初级 / Einsteiger -> entry;
  Pleno / Semi Senior / SSr / Middle / confirmé / 中级 -> mid; Sênior / 高级 / 资深 / 专家
  -> senior; Líder / chef d'équipe / 组长 -> lead; Gerente / Gestor / Jefe / Encargado /
  Начальник / 经理 / 主管 -> manager; Diretor / Directora / Direktor / 总监 -> director;
  Director General / Geschäftsführer / Presidente / 首席...官 / 总裁 -> executive;
  Estagiário / Estágio / Becario / Pasante / Practicante / 实习 -> internship, also as a
  tag on the title's line that the title leaves out ("Stage – Assistant marketing").
* with no title chosen, a labelled title line ("Cargo: ...", "职位：...") is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.parse.base import Found, posting_end
from extractor.parse.experience import parse_experience_years

_TECH_NOUN = (r"(?:software|data|machine|ml|ai|product|research|security|site|sre|platform|"
              r"backend|back-end|frontend|front-end|full[\s-]?stack|systems?|cloud|devops|"
              r"infrastructure|mobile|ios|android|ux|ui|visual|engineer\w*|scientist|developer|"
              r"designer|architect|analyst|consultant|researcher|program|technical|artist)")

# what follows "Middle" in a title that names the level ("Middle QA Engineer", "Middle
# Python-разработчик"), not a place or a school ("Middle Tennessee", "Middle School")
_IT_WORD = (r"qa|qc|test\w*|java\w*|python\w*|php|go(?:lang)?|\.net|c\+\+|c#|front\w*|back\w*|"
            r"full\w*|devops|1c|1с|sre|bi|разработчик\w*|аналитик\w*|инженер\w*|тестировщик\w*|"
            r"дизайнер\w*|программист\w*")

# (value, confidence, pattern), in priority order: the first that matches the title wins.
# Besides English: Portuguese, Spanish, French, German, Chinese and Russian level words (the
# labelling rules' mapping); Chinese words need no word boundary.
_TITLE_RULES: list[tuple[str, float, re.Pattern[str]]] = [
    ("internship", 0.95, re.compile(r"(?i)\b(?:intern|internship|co-?op|stagiaire|praktikant\w*|"
                                    r"werkstudent\w*|estagi[áa]ri[oa]|est[áa]gio|becari[oa]|"
                                    r"pasante|practicante)\b|стаж[её]р\w*|стажировк\w*|[实實][习習]")),
    ("executive", 0.95, re.compile(r"\b(?:S?VP|EVP|AVP|C[EOTFIMPRDS]O|CXO|PDG)\b|(?i:\bvice[\s-]"
                                   r"president\b|\bchief\s+(?:[\w&-]+\s+){0,3}officer\b|"
                                   r"\bchief\s+(?:of\s+staff|executive|scientist|architect|"
                                   r"economist)\b|\b(?:co-?)?founder\b|(?<!vice )"
                                   r"(?<!vice-)\bpresident\b|генеральн\w+\s+директор\w*|"
                                   r"directeur\s+g[ée]n[ée]ral|\bdirector\s+general\b|"
                                   r"\bdiretor(?:a)?[\s-]+(?:geral|presidente)\b|"
                                   r"\b(?:vice[\s-]?)?presidente?\b|\bgeschäftsführer\w*|"
                                   r"\bvorstand\w*|首席\w{1,4}官|[总總]裁|[总總][经經]理(?!助理|秘))")),
    ("director", 0.95, re.compile(r"(?i)\bdirector\b|\bhead\s+of\b|\bdirect(?:eur|rice)\b|"
                                  r"директор\w*|\bdiretor(?:a)?\b|\bdirectora\b|"
                                  r"\bdirektor(?:in)?\b|[总總][监監](?!助理|秘)")),
    ("lead", 0.85, re.compile(r"(?i)\b(?:team|tech|technical|engineering|squad|group)\s+"
                              r"lead(?:er)?\b|\blead\b(?![\s-](?:gen|based|abatement|paint))|тимлид\w*|"
                              r"\b(?:team|gruppen|schicht)[\s-]?(?:leit(?:er|erin|ung)|lead)\w*|"
                              r"\bl[íi]der\b|\bchef\s+d['’][ée]quipe\b|[组組]長|组长")),
    # "Semi Senior" / "SSr" is the middle level, before "Senior" reads it as senior
    ("mid", 0.9, re.compile(r"(?i)\bsemi[\s-]?s[eé]nior\b|\bssr\b")),
    ("senior", 0.95, re.compile(r"(?i)\bs[eêé]nior\b|\bsr\b\.?|\bsnr\b|старш\w+|ведущ\w+|"
                                r"高[级級]|[资資]深")),
    ("senior", 0.85, re.compile(r"专家")),
    ("entry", 0.95, re.compile(r"(?i)\bj[uú]nior\b|\bjr\b\.?|\bentry[\s-]*level\b|"
                               r"(?<!data )\bentry\b|\bgraduate\b|\bnew\s+grad\b|\bapprentice\b|"
                               r"\btrainee\b|"
                               r"младш\w+|джуниор\w*|d[ée]butant\w*|\b(?:berufs)?einsteiger\w*|"
                               r"\brec[ée]m[\s-]formad[oa]\b|\breci[ée]n\s+egresad[oa]\b|"
                               r"\baprendiz\b|初[级級]|初階")),
    ("mid", 0.85, re.compile(r"(?i)\bmid[\s-]*level\b|\bintermediate\b|\bpleno\b|"
                             r"\bintermedi[áa]ri[oa]\b|\binterm[ée]diaire\b|\bconfirm[ée]e?\b|"
                             rf"\bmiddle\+?(?=\s*(?:$|[)/|,–-])|\s+(?:{_TECH_NOUN}|{_IT_WORD})\b)|"
                             r"мидл\w*|中[级級]")),
    ("manager", 0.8, re.compile(r"(?i)\bmanager\b|\bmgr\b|\bsupervisor(?:a)?\b|руководител\w*|"
                                r"\bresponsable\b|\bchef\s+de\s+(?:projet|service|rayon|secteur|"
                                r"produit|chantier|mission)\b|\b\w*leit(?:er|erin|ung)\b|"
                                r"\bgerente\b|\bgestor(?:a)?\b|\bjef[ea]\b|\bencargad[oa]\b|"
                                r"начальник\w*|[经經]理(?!助理|秘)|主管(?!助理)|店[长長]")),
]

_LEVEL_LABEL = re.compile(
    r"(?im)^[ \t•*\-]*(?:seniority(?:\s+level)?|experience\s+level|career\s+level|job\s+level|"
    r"position\s+level|required\s+experience|level|уровень(?:\s+должности)?|n[íi]vel(?:\s+de\s+"
    r"(?:experi[êe]ncia|experiencia|antig[üu]edad|senioridade|cargo|seniority))?|senioridade|"
    r"niveau(?:\s+hi[ée]rarchique|\s+d['’]exp[ée]rience|\s+de\s+poste)?|karrierestufe|"
    r"erfahrungslevel|职级|级别|职位级别)"
    r"[ \t]*(?:[:：][ \t]*|\n(?:[ \t]*\n)?[ \t]*)(?P<v>[^\n:：]{2,40}?)[ \t]*$"
)
# a level stated of the job in prose: "an entry level position", "offering entry-level sales
# positions", "this senior-level role"
_LEVEL_STATEMENT = re.compile(
    r"(?i)\b(?:an?|this|the|offering|offers?)\s+(?P<v>entry|mid|senior)[\s-]*level\s+"
    r"(?:[\w&/-]+\s+){0,4}?(?:position|role|job|opportunit(?:y|ies))s?\b")
_NEGATION = re.compile(r"(?i)\b(?:not|no|never)\b[^.\n]{0,12}$|n['’]t\s+$")
# an internship the employment parser reads this sure of is the level, where nothing else is
INTERNSHIP_CONFIDENCE = 0.85
# (value, confidence, pattern) for a labelled level; fullmatch on the value. LinkedIn's
# levels in other languages: "Estágio", "Sin experiencia", "Premier emploi", "Berufseinstieg",
# "Pleno-sênior" (its "Mid-Senior level"), "Intermedio", "Confirmé", "Cadre dirigeant"
_LEVEL_VALUES: list[tuple[str, float, re.Pattern[str]]] = [
    ("internship", 0.9, re.compile(r"(?i)intern(?:ship)?|est[áa]gio|pr[áa]cticas|stage|"
                                   r"praktikum|实习|стажировка|стаж[её]р")),
    ("entry", 0.9, re.compile(r"(?i)(?:entry|junior|graduate)(?:[\s-]*level)?|no\s+experience|"
                              r"j[úu]nior|sin\s+experiencia|sem\s+experi[êe]ncia|premier\s+emploi|"
                              r"d[ée]butant|berufseinstieg|einsteiger|初级|начальный|младший")),
    ("mid", 0.5, re.compile(r"(?i)mid[\s-]*senior(?:[\s-]*level)?|pleno[\s-]+s[êe]nior|intermedio|"
                            r"confirm[ée]|mittleres\s+management")),
    ("mid", 0.85, re.compile(r"(?i)(?:mid|middle|intermediate)(?:[\s-]*level)?|pleno|"
                             r"semi[\s-]?senior|interm[ée]diaire|中级|средний")),
    ("senior", 0.85, re.compile(r"(?i)(?:senior|experienced)(?:[\s-]*level)?|s[êé]nior|"
                                r"exp[ée]riment[ée]|experimentado|高级|资深|старший|ведущий")),
    ("lead", 0.85, re.compile(r"(?i)lead(?:[\s-]*level)?")),
    ("manager", 0.85, re.compile(r"(?i)manager(?:[\s-]*level)?|gerente|经理|руководитель")),
    ("director", 0.9, re.compile(r"(?i)director(?:[\s-]*level)?|diretor|directeur|direktor|总监|"
                                 r"директор")),
    ("executive", 0.9, re.compile(r"(?i)executive(?:[\s-]*level)?|c[\s-]*level|vp|executivo|"
                                  r"ejecutivo|cadre\s+dirigeant|geschäftsführung|高管")),
]


# a labelled entry level is contradicted by a requirement of this many years or more
ENTRY_YEARS_MAX = 3
_INTERN_TAG = re.compile(r"(?i)^\W*(?:stage|est[áa]gio|pr[áa]cticas|praktikum)\b(?=\s*[–—:|-])|"
                         r"[(（【\[](?:stage|est[áa]gio|pr[áa]cticas|praktikum|实习)[)）】\]]|"
                         r"[–—|-]\s*(?:stage|est[áa]gio|pr[áa]cticas|praktikum)\s*$")
_TITLE_LABEL = re.compile(
    r"(?im)^[ \t•*\-]*(?:job\s*title|title|job\s*name|cargo|vaga|oportunidade|puesto|"
    r"intitul[ée]\s+du\s+poste|poste|stellenbezeichnung|stelle|职位(?:名称)?|岗位(?:名称)?|"
    r"должность|вакансия)[ \t]*[:：][ \t]*(?P<v>[^\n]{2,120}?)[ \t]*$")


# "Manager" in a role noun that names no level (see the module's decisions)
_ROLE_MANAGER = re.compile(
    r"(?i)(?<!group )\b(?:product|(?:key\s+|regional\s+|national\s+|global\s+)?account|"
    r"customer\s+success)\s+manager\b|\bmanager['’]?s?\s+assistant\b|"
    r"\bassistant\s+to\s+the\s+manager\b")


def title_level(title: str) -> tuple[str, float] | None:
    """(seniority, confidence) named by a job title, or None."""
    title = _ROLE_MANAGER.sub("role", title)
    for value, confidence, pattern in _TITLE_RULES:
        if pattern.search(title):
            return value, confidence
    return None


def _title_span(title: str, text: str) -> tuple[int, int] | None:
    at = text.find(title)
    if at >= 0:
        return at, at + len(title)
    words = [re.escape(w) for w in title.split()]
    if not words:
        return None
    m = re.search(r"\s+".join(words), text, re.IGNORECASE)
    return m.span() if m else None


def _from_title(title: str, text: str) -> list[Found[str]]:
    level = title_level(" ".join(title.split()))
    if level is None:
        return []
    span = _title_span(title.strip(), text)
    if span is None:
        return [Found(level[0], -1, -1, min(level[1], 0.9))]
    return [Found(level[0], span[0], span[1], level[1])]


def _from_labels(text: str) -> list[Found[str]]:
    out: list[Found[str]] = []
    for m in _LEVEL_LABEL.finditer(text):
        raw = m.group("v").strip()
        for value, confidence, pattern in _LEVEL_VALUES:
            if pattern.fullmatch(raw):
                out.append(Found(value, m.start("v"), m.start("v") + len(raw), confidence))
                break
    return out


def _from_statements(text: str) -> list[Found[str]]:
    """Levels stated in prose ("offering entry level sales positions"), not negated ones."""
    return [Found(m.group("v").lower(), m.start("v"), m.end(), 0.7)
            for m in _LEVEL_STATEMENT.finditer(text)
            if not _NEGATION.search(text, max(0, m.start() - 20), m.start())]


def _from_employment(employment: Sequence[Found[str]]) -> list[Found[str]]:
    """An internship stated of the job ("This internship runs ...") as its level."""
    return [Found("internship", f.start, f.end, 0.7) for f in employment
            if f.value == "internship" and f.confidence >= INTERNSHIP_CONFIDENCE][:1]


def _contradicted(found: Found[str], text: str) -> bool:
    """A labelled entry level where the posting asks for years of experience: a board's
    level field ("Premier emploi", "Entry level") that the requirements contradict."""
    if found.value != "entry":
        return False
    years = [f.value for f in parse_experience_years(text) if f.confidence > 0.5]
    return bool(years) and min(years) >= ENTRY_YEARS_MAX


def _from_title_line(title: str, text: str) -> list[Found[str]]:
    """An internship tag on the title's own line that the title leaves out ("Stage –
    Assistant marketing", "【实习】数据分析"): the labels keep such tags out of the title."""
    span = _title_span(title.strip(), text)
    if span is None:
        return []
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", span[1])
    line = text[start:end if end >= 0 else len(text)]
    m = _INTERN_TAG.search(line)
    return [Found("internship", start + m.start(), start + m.end(), 0.9)] if m else []


def _from_title_label(text: str) -> list[Found[str]]:
    """A level in a labelled title line ("Cargo: Analista Sênior", "职位：财务总监"), read when
    no title was chosen."""
    m = _TITLE_LABEL.search(text[:posting_end(text)])
    if m is None:
        return []
    level = title_level(" ".join(m.group("v").split()))
    if level is None:
        return []
    return [Found(level[0], m.start("v"), m.end("v"), min(level[1], 0.8))]


def parse_seniority(title: str | None, text: str,
                    employment: Sequence[Found[str]] = ()) -> list[Found[str]]:
    """Seniority candidates: an internship tag on the title's line (internship beats every
    level) or else the title's level (with no title, a labelled title line's) first, then
    labelled levels in ``text``, then levels stated in prose; with none of these, an
    internship that the parsed ``employment`` types state surely.

    A title hit spans the title's first occurrence in ``text`` (start = end = -1 and
    confidence at most 0.9 when the title is not in the text).
    """
    if title and title.strip():
        found = _from_title_line(title, text) or _from_title(title, text)
    else:
        found = _from_title_label(text)
    body = text[:posting_end(text)]
    found += [f for f in _from_labels(text) + _from_statements(body)
              if not _contradicted(f, text)]
    return found or _from_employment(employment)


def supports(value: str, text: str) -> bool:
    """Whether ``text`` names level ``value`` in this parser's words: a title word for it
    anywhere ("Senior", "Head of", "Стажёр"; not a role noun's "Product Manager"), or a
    labelled level ("Seniority level: Entry")."""
    words = _ROLE_MANAGER.sub("role", text)
    if any(level == value and rx.search(words) for level, _, rx in _TITLE_RULES):
        return True
    return any(f.value == value for f in _from_labels(text))
