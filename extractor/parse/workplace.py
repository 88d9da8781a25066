"""Workplace type (onsite / hybrid / remote) and where remote applicants may live.

Each rule is a regex with a value and a confidence: labels and header lines
("Location: Remote", "Remote (United States)", a title's "| Hybrid") are near-certain;
statements about the role ("This is a fully remote position") are strong; a bare mention
of remote work is weak. The same families are read in Portuguese, Spanish, French, German,
Chinese and Russian ("Modalidade: Presencial", "• Remoto (Brasil)", "Analista - Híbrido",
"100 % à distance", "2 Tage pro Woche im Büro", "（远程）", "Формат: офис"), with their
negations ("trabalho remoto não é possível", "不支持远程"). Remote in "remote sensing",
"remote monitoring", "remote patient" and the like is not a workplace. A posting offering
several modes gets every mode, each with its best span; the merge decides.
"""

from __future__ import annotations

import itertools
import re

from extractor.codes import WORKPLACE_WORDS
from extractor.parse.base import Found
from extractor.parse.location import country_sequence, find_countries

MAX_HITS_PER_RULE = 20
_NOT_WORKPLACE = (
    r"(?!\s+(?:sensing|sensor|monitor\w*|patient\w*|access|desktop|control\w*|area|areas|"
    r"location|locations|site|sites|support|villages?|communit\w+|regions?|island\w*|"
    r"learning|diagnos\w+|server\w*|repositor\w+|device\w*|operat\w+|management|"
    r"surveillance|viewing|car|cars|starter|procedures?)\b)"
)
# German words for working away from the office
_DE_AWAY = r"(?:home-?office|mobile[sn]?\s+arbeit(?:en)?|remote-?arbeit)"
_MODE_WORD = (r"(?P<v>(?:fully\s+|100\s?%\s+)?remote(?:ly)?|hybrid|on-?site|on\s+site|"
              r"in[- ]person|in[- ]office|telework|telecommut\w*|virtual)")
_LABEL = (r"(?:job\s+|work\s+|office\s+)?location|work\s*(?:place|site)?\s*(?:type|model|"
          r"arrangement|mode|setting|style|location)|workplace(?:\s+type)?|job\s+type|"
          r"position\s+type|remote\s+status|location\s+type|формат\s+работы")

# (value or None = read the mode word, confidence, pattern)
_RULES: list[tuple[str | None, float, re.Pattern[str]]] = [
    (None, 0.95, re.compile(rf"(?im)^[ \t•*\-]*(?:{_LABEL})[ \t]*[:\-–]+[ \t]*"
                            rf"[^\n]{{0,30}}?\b{_MODE_WORD}\b")),
    (None, 0.9, re.compile(r"(?im)^[ \t•*\-]*(?P<v>(?:fully\s+|100\s?%\s+)?remote|hybrid"
                           r"(?:\s+remote)?|on-?site|in[- ]office)"
                           r"(?:[ \t\xa0]*\([^)\n]{0,60}\)|[ \t]*[-–,:|·][ \t]*[^\n]{0,40})?"
                           r"[ \t]*$")),
    # a title's or header's suffix: "Nurse | Hybrid", "Engineer (On-site)", "Call Center-REMOTE"
    (None, 0.9, re.compile(r"(?im)(?:[|·•(]|\s[-–—]|(?<=[^\W\d_])-)[ \t]*(?P<v>(?:fully\s+|"
                           r"100\s?%\s+)?remote|hybrid|on-?site|in[- ]office)[ \t]*"
                           r"(?=\)|[|·•]|\s[-–—]\s|$)")),
    ("remote", 0.95, re.compile(r"(?i)\bhiring\s+remotely\s+in\b|#LI-Remote\b")),
    ("remote", 0.9, re.compile(r"(?i)\bremote(?=[ \t\xa0]*\((?!\s*except))|\(remote\)|"
                               r"\b(?:fully|100\s?%|full|"
                               r"completely|entirely|permanently|totally)[\s-]+remote\b"
                               + _NOT_WORKPLACE)),
    ("remote", 0.9, re.compile(r"(?i)\b(?:role|position|job|opportunity)\s+is\s+(?:\w+\s+)?"
                               r"remote\b|\bremote(?:[ ,]+[\w-]+){0,2}?[ ]+(?:role|position|"
                               r"job|opportunity|internship)s?\b|(?<=[-–|] )remote[ \t]*(?=\n|$)")),
    # "Work From Home" may be glued to the items around it ("PotentialWork From HomeWorld")
    ("remote", 0.7, re.compile(r"(?i)\bremote[\s-]+(?:first|friendly)\b|\bwork(?:ing)?\s+"
                               r"(?:from\s+home|remotely)(?:\b|(?-i:(?=[A-Z][a-z])))|"
                               r"(?-i:(?<=[a-z])Work(?:ing)?\s+[Ff]rom\s+[Hh]ome)(?:\b|"
                               r"(?-i:(?=[A-Z][a-z])))|\bWFH\b|\btelework\w*|"
                               r"\btelecommut\w*|\bremote\s+work(?:ing)?\b" + _NOT_WORKPLACE)),
    ("remote", 0.5, re.compile(r"(?i)\bremote(?:ly)?\b" + _NOT_WORKPLACE)),
    ("hybrid", 0.9, re.compile(r"(?i)\bhybrid[\s-]+(?:work\w*|role|position|job|schedule|model|"
                               r"format|environment|arrangement|set-?up|opportunit\w+|"
                               r"telework|remote|policy|office|options?|basis|workplace)\b|"
                               r"\bhybrid\s*\(|\bpart(?:ly|ially)?[\s-]+remote\b")),
    ("hybrid", 0.85, re.compile(r"(?i)\b[1-4]\s*(?:-\s*[1-4]\s*)?days?\s+(?:a|per|each)\s+week\s+"
                                r"(?:in|at)\s+(?:the\s+|our\s+)?office|\bin[\s-](?:the[\s-])?"
                                r"office\s+[1-4]\s*(?:-\s*[1-4]\s*)?days\b|\b[1-4]\s+days\s+"
                                r"in[\s-](?:the[\s-])?office")),
    ("onsite", 0.85, re.compile(r"(?i)\b5\s*days?\s+(?:a|per|each)\s+week\s+(?:in|at)\s+"
                                r"(?:the\s+|our\s+)?office|\bin[\s-](?:the[\s-])?office\s+5\s*"
                                r"days\b|\b5\s+days\s+in[\s-](?:the[\s-])?office")),
    ("onsite", 0.9, re.compile(r"(?i)\b(?:fully\s+|100\s?%\s+)?on[\s-]?site[\s-]+(?:role|"
                               r"position|job|internship|work|opportunity|only|basis)\b|"
                               r"\b(?:fully|100\s?%)\s+(?:on[\s-]?site|in[\s-]office)\b")),
    ("onsite", 0.75, re.compile(r"(?i)\b(?:work|working|be|report|reporting|based)\s+"
                                r"(?:on[\s-]?site|in[\s-](?:the[\s-])?office|in[\s-]person)\b")),
    # Russian
    ("remote", 0.9, re.compile(r"(?i)удал[её]нн\w*\s+(?:работ\w*|формат\w*)|удал[её]нно\b|"
                               r"удал[её]нк\w*")),
    ("hybrid", 0.9, re.compile(r"(?i)гибридн\w*\s+(?:формат\w*|режим\w*|график\w*)|\bгибрид\b")),
    ("onsite", 0.9, re.compile(r"(?i)на\s+месте\s+работодателя|работа\s+в\s+офисе")),
    # German: "Homeoffice" and "mobiles Arbeiten" part of the week are hybrid, all of it remote;
    # "Homeoffice möglich" (or "nach Absprache", "optional") alone is an option, not an
    # arrangement (the labelling rules)
    ("hybrid", 0.9, re.compile(rf"(?i)\bhybride[snr]?\s+(?:arbeit\w*|arbeitsmodell\w*|modell\w*)|"
                               rf"\b(?:bis\s+zu\s+)?[1-4]\s*(?:-\s*[1-4]\s*)?tage?n?\s+"
                               rf"(?:(?:pro|die|je|in\s+der)\s+woche\s+)?(?:im\s+)?{_DE_AWAY}|"
                               rf"{_DE_AWAY}\s+(?:an\s+)?(?:bis\s+zu\s+)?[1-4]\s*(?:-\s*[1-4]\s*)?"
                               r"tage?n?\b")),
    ("hybrid", 0.8, re.compile(rf"(?i){_DE_AWAY}\s+(?:ist\s+)?(?:teilweise|anteilig|tageweise)|"
                               rf"\b(?:teilweise|anteilig|tageweise)\s+(?:im\s+)?{_DE_AWAY}")),
    ("remote", 0.9, re.compile(rf"(?i)\b(?:100\s?%|vollständig|komplett|ausschließlich|"
                               rf"dauerhaft)\s+(?:im\s+|aus\s+dem\s+|von\s+zu\s+hause\s+)?"
                               rf"(?:{_DE_AWAY}|remote)|\bortsunabhängig\w*")),
    # French
    ("hybrid", 0.9, re.compile(r"(?i)t[ée]l[ée]travail\s+(?:partiel|hybride|occasionnel)|"
                               r"\b[1-4]\s+jours?\s+(?:de\s+)?t[ée]l[ée]travail")),
    ("remote", 0.9, re.compile(r"(?i)100\s?%\s+(?:en\s+)?t[ée]l[ée]travail|t[ée]l[ée]travail\s+"
                               r"(?:complet|total|int[ée]gral)|\bfull\s+remote\b")),
    ("onsite", 0.8, re.compile(r"(?i)\b(?:100\s?%\s+)?(?:en\s+)?pr[ée]sentiel\b|\bsur\s+site\b")),
]

# Portuguese, Spanish, French, German, Chinese and Russian mode words, each alternation
# tried hybrid first so "teletrabajo parcial" is not read as remote. Portuguese "home office"
# is working from home (remote); a bare one ("Auxílio home office") is not read, nor
# "presencial" alone ("entrevista presencial"). Letters of Latin and Cyrillic scripts bound
# the words (``_B0``/``_B1``); Chinese needs no boundary.
_LETTER = "A-Za-zÀ-ɏЀ-ӿ"
_B0, _B1 = rf"(?<![{_LETTER}])", rf"(?![{_LETTER}])"
_ML_HYBRID = (r"semi-?presencial|(?:t[ée]l[ée]travail|teletrabajo|home[\s-]?office|remot[oa])\s+"
              r"(?:partiel|parcial)|parcialmente\s+remot[oa]|presencial\s+(?:y|e|o|/|\+)\s+"
              r"remot[oa]|remot[oa]\s+(?:y|e|/|\+)\s+presencial|h[íi]brid[oa]s?|hybride|"
              r"гибрид(?:н\w+\s+(?:формат|режим|график)\w*)?|混合[办辦]公|混合模式|混合")
_ML_REMOTE = (r"100\s?%\s*(?:en\s+|em\s+)?(?:home[\s-]?office|teletrabajo|t[ée]l[ée]travail)|"
              r"(?:100\s?%\s*|totalmente\s+|completamente\s+|full\s+)?(?:en\s+|em\s+)?remot[oa]s?|"
              r"t[ée]l[ée]travail\s+(?:complet|total|int[ée]gral)|teletrabajo\s+(?:total|completo)|"
              r"full\s+t[ée]l[ée]travail|(?:100\s?%\s*)?(?:[àa]\s+distance|a\s+distancia)|"
              r"(?:полностью\s+)?удал[её]нн?о|удал[её]нн(?:ая|ый)\s+(?:работа|формат)\w*|"
              r"удал[её]нка|(?:远程|遠程|遠端|遠距)(?:[办辦]公|工作)?|居家[办辦]公|在家[办辦]公")
_ML_ONSITE = (r"(?:100\s?%\s*)?presencial(?:mente)?|(?:100\s?%\s*)?(?:en\s+)?pr[ée]sentiel|"
              r"sur\s+site|vor\s+ort|(?:in\s+)?präsenz|на\s+месте\s+работодателя|[现現][场場][办辦]公|"
              r"[线線]下(?:[办辦]公|到[岗崗])?|到[岗崗][办辦]公|坐班")
_ML_MODE = (rf"{_B0}(?:(?P<hybrid>{_ML_HYBRID})|(?P<remote>{_ML_REMOTE})|"
            rf"(?P<onsite>{_ML_ONSITE}))(?!\w)")
_ML_GLUED_MODE = (rf"(?i:{_B0}(?:(?P<hybrid>{_ML_HYBRID})|(?P<remote>{_ML_REMOTE})|"
                  rf"(?P<onsite>{_ML_ONSITE})))")
# after a label the value may be a bare office ("Формат: офис") or home office ("Modelo: Home
# office") or an English word ("Arbeitsmodell: Hybrid"): the label says it is the workplace
# (but not after a count: "Arbeitsmodell: 2 Tage Homeoffice" is hybrid)
_ML_LABEL_MODE = (rf"{_B0}(?:(?P<hybrid>{_ML_HYBRID}|hybrid)|(?P<remote>{_ML_REMOTE}|"
                  rf"home[\s-]?office|remote)|(?P<onsite>{_ML_ONSITE}|офис|в\s+офисе|"
                  r"on-?site))(?!\w)")
_ML_LABEL = (r"modelo(?:\s+de\s+trabalho|\s+de\s+trabajo)?|modalidade?(?:\s+de\s+trabalho|"
             r"\s+de\s+trabajo)?|regime(?:\s+de\s+trabalho)?|formato(?:\s+de\s+trabalho|\s+de\s+"
             r"trabajo)?|esquema(?:\s+de\s+trabajo)?|(?:tipo\s+de\s+)?local\s+de\s+trabalho|"
             r"localiza[çc][ãa]o|(?:tipo\s+de\s+)?lugar\s+de\s+trabajo|ubicaci[óo]n|"
             r"lieu(?:\s+de\s+travail)?|mode\s+de\s+travail|modalit[ée]s?(?:\s+de\s+travail)?|"
             r"type\s+de\s+lieu\s+de\s+travail|arbeitsmodell|arbeitsort|arbeitsplatz|standort|"
             r"einsatzort|arbeitsweise|工作方式|办公方式|工作形式|办公形式|形式|工作地点|地点|"
             r"工作模式|办公模式|формат(?:\s+работы)?|место\s+работы|график(?:\s+работы)?|"
             r"режим\s+работы")
_ML_DAYS = (r"[1-4]\s*(?:x|vezes?|d[ií]as?)\s+(?:(?:por|na|a\s+la|/)\s*semana\s+)?"
            r"(?:no\s+escrit[óo]rio|presenciais|presencial(?:es)?|de\s+home\s*office|en\s+(?:la\s+)?oficina|de\s+"
            r"teletrabajo|de\s+trabajo\s+remoto)|[1-4]\s*jours?\s+(?:(?:par|/)\s*semaine\s+)?"
            r"(?:au\s+bureau|sur\s+site|en\s+pr[ée]sentiel)|t[ée]l[ée]travail\s*:?\s*[1-4]\s*"
            r"jours?|[1-4]\s*tage?\s+(?:(?:pro|die|je|in\s+der)\s+woche\s+)?(?:im\s+büro|vor\s+ort|"
            r"in\s+präsenz)|[1-4]\s*(?:дн[яей]|день)\s+(?:в\s+неделю\s+)?(?:в\s+офисе|удал[её]нно|"
            r"из\s+дома)|每[周週]\s*(?:[1-4一二三四两兩]\s*天)\s*(?:到[岗崗]|坐班|在?[办辦]公室|居家|"
            r"远程|遠程|遠端|遠距)")
_ML_WORK = (r"trabalho|trabajo|vaga|posi[çc][ãa]o|puesto|empleo|oportunidade?|modelo|regime|"
            r"modalidade?|formato|esquema|posici[óo]n|jornada|travail|poste|mission|emploi|format")
_ML_RULES: list[tuple[str | None, float, re.Pattern[str]]] = [
    (None, 0.95, re.compile(rf"(?im)^[ \t•*\-#>]*(?:{_ML_LABEL})[ \t*]*(?:[:：|｜\-–]+|\n)"
                            rf"[ \t*]*[^\n\d]{{0,30}}?{_ML_LABEL_MODE}")),
    # a header token: "• Remoto (Brasil)", "Presencial Meio período", "Híbrido · CLT"
    (None, 0.9, re.compile(rf"(?im)^[ \t•*\-·>]*{_ML_MODE}(?:[ \t\xa0]*[(（][^)）\n]{{0,60}}[)）]|"
                           r"[ \t]*[-–,:|·｜][ \t]*[^\n]{0,40}|[ \t]+[^\n]{0,30})?[ \t]*$")),
    # a title's or header's suffix: "Analista - Remoto", "Ingénieur (Hybride)", "（远程）"
    (None, 0.9, re.compile(rf"(?im)(?:[|·•(（｜,，]|\s[-–—])[ \t]*{_ML_MODE}[ \t]*"
                           r"(?=[)）]|[|·•｜,，]|\s[-–—]\s|$)")),
    # a header token glued to the next line's first word where an export lost the line
    # breaks ("Tempo integral | PresencialEscala 12x36")
    (None, 0.85, re.compile(rf"(?m)(?:[|·•,，]|\s[-–—])[ \t]*{_ML_GLUED_MODE}(?-i:[A-ZÀ-Ý])")),
    ("hybrid", 0.92, re.compile(rf"(?i){_ML_DAYS}")),
    ("hybrid", 0.9, re.compile(rf"(?i)\b(?:{_ML_WORK})\s+(?:de\s+(?:trabalho|trabajo|travail)\s+)?"
                               r"h[íi]brid[oa]|\bh[íi]brid[oa]\s*[(:]|\bhybride\s*[(:]|"
                               r"\b(?:mode|en|travail|format)\s+hybride\b|混合办公|部分远程")),
    ("remote", 0.9, re.compile(rf"(?i)\b(?:{_ML_WORK})\s+(?:de\s+(?:trabalho|trabajo)\s+)?"
                               r"(?:100\s?%\s+|totalmente\s+|completamente\s+|integralmente\s+)?"
                               r"remot[oa]\b|\b(?:100\s?%|totalmente|completamente|integralmente)"
                               r"\s+(?:en\s+|em\s+)?remot[oa]\b|\btrabalh\w*\s+(?:de\s+casa|"
                               r"remotamente|em\s+home[\s-]?office)|\btrabaj\w*\s+(?:desde\s+casa|"
                               r"remotamente|en\s+remoto)|100\s?%\s*home[\s-]?office|\b(?:trabalho|"
                               r"regime|modelo|vaga)\s+(?:em\s+|de\s+)?home[\s-]?office\b|"
                               r"(?:100\s?%|totalmente|completamente|enti[èe]rement)\s+(?:[àa]|en)"
                               r"\s+(?:distance|distancia)|\b(?:travail|poste|mission|emploi)\s+"
                               r"(?:100\s?%\s+)?(?:[àa]\s+distance|en\s+t[ée]l[ée]travail)\b|"
                               r"\bteletrabajo\s+(?:100\s?%|total|completo)|100\s?%\s+(?:en\s+)?"
                               r"teletrabajo|(?:远程|遠程|遠端)(?:[办辦]公|工作|兼[职職]|全[职職]|"
                               r"[岗崗]位|[职職]位)|居家[办辦]公|在家[办辦]公|完全(?:远程|遠端)|"
                               r"全远程|可远程|支持远程")),
    ("onsite", 0.9, re.compile(rf"(?i)\b(?:{_ML_WORK})\s+(?:de\s+(?:trabalho|trabajo)\s+)?"
                               r"(?:100\s?%\s+)?presencial\b|\b100\s?%\s+presencial\b|\b(?:atuar|"
                               r"trabalhar|trabajar|laborar)\s+(?:de\s+forma\s+|de\s+manera\s+)?"
                               r"presencial(?:mente)?\b|\bpresencialmente\s+(?:em|en|no|na)\b|"
                               r"\b(?:de\s+forma|en\s+modalidad)\s+presencial\b|\bposte\s+sur\s+"
                               r"site\b|\bpresencial\s+(?:en|em|no|na)\s+(?:la\s+|el\s+|nuestras?\s+|"
                               r"a\s+)?(?:planta|oficinas?|sitio|sede|tienda|escrit[óo]rio|unidade|"
                               r"loja|f[áa]brica|obra)\b|[现現][场場][办辦]公|[线線]下(?:[办辦]公|到[岗崗]|"
                               r"工作)|到[岗崗][办辦]公|坐班|驻场办公")),
]
_RULES += _ML_RULES
# a negation, or an option ("Posibilidad de trabajo remoto"): like "Homeoffice möglich", an
# option is not an arrangement
_NEGATED = re.compile(r"(?i)\b(?:not|no|non|never|não|nem|sem|sin|pas\s+de|sans|kein\w*|nicht|"
                      r"не|нет|без)[\s-]+(?:\w+\s+)?$|(?:不|非(?!常)|无(?!论))\w{0,3}$|\b(?:posibilidad|"
                      r"possibilidade|possibilit[ée]|opci[óo]n|op[çc][ãa]o)\s+(?:de|d['’])\s*"
                      r"(?:\w+\s+)?$")
_NEGATED_AFTER = re.compile(
    r"(?i)^[^.\n]{0,25}\bnot\s+(?:available|possible|offered|an\s+option|permitted|allowed|"
    r"eligible)|^[ \t]*[:：\-–][ \t]*(?:no|não|non|nein|нет|否)\b|"
    r"^\W{0,3}(?:\w+\s+)?(?:não\s+(?:é\s+)?(?:possível|permitid|aceit|oferecid)|"
    r"no\s+(?:es\s+|está\s+)?(?:posible|disponible|se\s+ofrece|aplica|permitid)|"
    r"n['’](?:est|sera)\s+pas|pas\s+(?:possible|envisageable)|nicht\s+(?:möglich|vorgesehen|"
    r"gestattet)|ausgeschlossen|не\s+(?:предусмотрен|рассматрива|возможн)|невозможн|"
    r"不(?:支持|接受|可|提供))")

_REGION_TRIGGERS = re.compile(
    r"(?i)\bhiring\s+remotely\s+in\s+|\bremote(?:ly)?[ \t\xa0]*\((?:(?:within|from|in|only)\s+)?"
    r"(?:the\s+)?|\bremote[ \t]*[-–—,:|][ \t]*(?:only[ \t]+)?(?:in[ \t]+)?(?:the[ \t]+)?|"
    r"\bremote\b[^.\n]{0,60}?\b(?:located|based|residing)\s+(?:in|within)\s+(?:the\s+)?|"
    r"\bremote\b[^.\n]{0,40}?\bwithin\s+(?:the\s+)?"
)
# a residence requirement ("must reside in Canada") names where applicants may live
_RESIDENCE = re.compile(
    r"(?i)\b(?:must|should|need\s+to|required\s+to)\s+(?:be\s+)?(?:reside|live|located|based|"
    r"residing|living)\s+(?:in|within)\s+(?:the\s+)?"
)
# the same in other languages; the countries are read anywhere in the clause that follows
# ("Remoto (desde cualquier provincia de Argentina)", "Wohnsitz in Deutschland, Österreich
# oder der Schweiz")
_ML_REGION_TRIGGERS = re.compile(
    r"(?i)(?<![^\W\d_])(?:remot[oa]s?|t[ée]l[ée]travail|teletrabajo|home\s*office|удал[её]нн?о)"
    r"[ \t\xa0*]*(?:[(（]|[-–—,:|][ \t]*)")
_ML_RESIDENCE = re.compile(
    r"(?i)\b(?:residentes?|resid(?:ir|indo|am|an)|morar|moradores?)\s+(?:no|na|nos|nas|em|en|el|"
    r"la)\b|\bradicad[oa]s?\s+en\b|\bdesde\s+cualquier\s+(?:lugar|parte|provincia|ciudad|"
    r"regi[óo]n|punto)\s+de\b|\bde\s+qualquer\s+(?:lugar|parte|cidade|estado|regi[ãa]o)\s+"
    r"d[oa]\b|\br[ée]sid(?:ence|ant|ante|er|ents?)\s+en\b|\bwohnsitz\s+in\b|\bwohnhaft\s+in\b|"
    r"\bansässig\s+in\b|\bпроживающ\w+\s+в\b|居住在|常驻")
_CLAUSE_END = re.compile(r"[)）\n.;。；]")
_BASED = re.compile(r"\b(?P<c>U\.S\.|US|USA|UK|EU|[A-Z][a-z]+(?: [A-Z][a-z]+)?)-based\b")
_REMOTE = re.compile(r"(?i)\bremote")
_SHORT_REMOTE_LINE = re.compile(r"(?im)^[ \t]*(?:\S+[ \t]+){0,6}?\S*\bremote\b\S*"
                                r"(?:[ \t]+\S+){0,6}[ \t]*$")


def _mode(found: str) -> str | None:
    key = " ".join(found.lower().split())
    key = re.sub(r"^(?:fully|100\s?%)\s+", "", key)
    return "remote" if key.startswith("telecommut") else WORKPLACE_WORDS.get(key)


def _negated(text: str, start: int, end: int) -> bool:
    return bool(_NEGATED.search(text[max(0, start - 20):start])
                or re.search(r"(?i)\bnot\b", text[start:end])
                or _NEGATED_AFTER.search(text[end:end + 60]))


def _hits(text: str) -> list[Found[str]]:
    """Every rule's hits (the first ``MAX_HITS_PER_RULE`` of each), negations dropped."""
    out: list[Found[str]] = []
    for value, confidence, pattern in _RULES:
        for m in itertools.islice(pattern.finditer(text), MAX_HITS_PER_RULE):
            mode, span = _mode_and_span(m, value)
            if mode and not _negated(text, *span):
                out.append(Found(mode, span[0], span[1], confidence))
    return out


def _mode_and_span(m: re.Match[str], value: str | None) -> tuple[str | None, tuple[int, int]]:
    """A rule's mode and span: its fixed value and the whole match, else the mode word read
    (group "v") or the mode group that matched ("hybrid", "remote", "onsite")."""
    if value is not None:
        return value, m.span()
    if "v" in m.re.groupindex:
        return _mode(m.group("v")), m.span("v")
    group = next(g for g in ("hybrid", "remote", "onsite") if m.group(g) is not None)
    return group, m.span(group)


def _overlapped(f: Found[str], found: list[Found[str]]) -> bool:
    """Whether a stronger hit covers this one ("hybrid telework" is not also remote)."""
    return any(g.confidence > f.confidence and g.start < f.end and f.start < g.end
               for g in found)


def _best_per_value(found: list[Found[str]]) -> list[Found[str]]:
    best: dict[str, Found[str]] = {}
    for f in (f for f in found if not _overlapped(f, found)):
        old = best.get(f.value)
        if old is None or (f.confidence, -f.start) > (old.confidence, -old.start):
            best[f.value] = f
    return sorted(best.values(), key=lambda f: f.start)


def _after(pattern: re.Pattern[str], text: str, confidence: float) -> list[Found[str]]:
    """Countries and areas listed right after each match of ``pattern``."""
    out: list[Found[str]] = []
    for m in pattern.finditer(text):
        for value, s, e in country_sequence(text[m.end():m.end() + 120], areas=True):
            out.append(Found(value, m.end() + s, m.end() + e, confidence))
    return out


def _in_clause(pattern: re.Pattern[str], text: str, confidence: float) -> list[Found[str]]:
    """Countries and areas named in the clause after each match of ``pattern`` (up to a
    bracket, a line break or a sentence end), "Anywhere" and "Worldwide" left out."""
    out: list[Found[str]] = []
    for m in pattern.finditer(text):
        clause = text[m.end():m.end() + 100]
        stop = _CLAUSE_END.search(clause)
        for value, s, e in find_countries(clause[:stop.start() if stop else None], areas=True):
            if value not in ("Anywhere", "Worldwide"):
                out.append(Found(value, m.end() + s, m.end() + e, confidence))
    return out


def _residence(text: str, confidence: float) -> list[Found[str]]:
    return _after(_RESIDENCE, text, confidence) + _in_clause(_ML_RESIDENCE, text, confidence)


def _region_hits(text: str) -> list[Found[str]]:
    out = (_after(_REGION_TRIGGERS, text, 0.9) + _residence(text, 0.9)
           + _in_clause(_ML_REGION_TRIGGERS, text, 0.9))
    for m in _SHORT_REMOTE_LINE.finditer(text):
        for value, s, e in find_countries(m.group(), areas=True):
            if value not in ("Anywhere", "Worldwide"):
                out.append(Found(value, m.start() + s, m.start() + e, 0.85))
    for m in _BASED.finditer(text):
        sentence = text[max(0, m.start() - 60):m.end() + 60]
        code = find_countries(m.group("c").replace(".", "") if "." in m.group("c")
                              else m.group("c"), areas=True)
        if code and _REMOTE.search(sentence) and len(code) == 1:
            out.append(Found(code[0][0], m.start("c"), m.end("c"), 0.8))
    return out


def _dedupe(found: list[Found[str]]) -> list[Found[str]]:
    best: dict[str, Found[str]] = {}
    for f in sorted(found, key=lambda f: (-f.confidence, f.start)):
        best.setdefault(f.value, f)
    return sorted(best.values(), key=lambda f: f.start)


def parse_workplace(text: str) -> tuple[list[Found[str]], list[Found[str]]]:
    """(workplace_type candidates, remote_regions candidates) found in ``text``.

    Workplace values are "onsite", "hybrid" or "remote", one candidate per value.
    Remote regions are ISO 3166-1 alpha-2 codes where a country is meant, else the
    area as written in canonical case ("EMEA", "Europe"); they are only read next
    to a remote statement or a residence requirement (weaker when the text never says
    the job is remote or hybrid).
    """
    modes = _best_per_value(_hits(text))
    if modes:
        return modes, _dedupe(_region_hits(text))
    return modes, _dedupe(_residence(text, 0.6))


# mode words that name a workplace wherever they stand ("Toronto | Hybrid | Permanent");
# not "virtual" or "in person", which also name meetings ("virtual interviews")
_MENTION = re.compile(r"(?i)\b(?P<v>remote(?:ly)?|hybrid|on-?site|on\s+site|in[- ]office|"
                      r"telework|telecommut\w*)\b" + _NOT_WORKPLACE)

_ML_MENTION = re.compile(rf"(?i){_ML_MODE}")


def supports(value: str, text: str) -> bool:
    """Whether ``text`` names workplace ``value`` in this parser's words: by any of its
    rules, or a mode word anywhere (grounding a model's value needs no label). A negated
    mention ("not remote") or a non-workplace one ("remote sensing") does not count."""
    if any(f.value == value for f in _hits(text)):
        return True
    if any(_mode(m.group("v")) == value and not _negated(text, *m.span("v"))
           for m in _MENTION.finditer(text)):
        return True
    return value in _ML_MENTION.groupindex and any(
        m.group(value) is not None and not _negated(text, *m.span(value))
        for m in _ML_MENTION.finditer(text))
