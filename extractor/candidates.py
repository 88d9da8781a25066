"""Title and company candidates: the short lists the model chooses from, and the rules' pick.

A tiny model cannot be trusted to *write* a title or a company name, but it can
pick one from a handful of strings that the page itself offers. Each candidate
keeps its origin so the merge can prefer page structured data and labelled lines,
and each comes with the span where it appears in the cleaned text (or -1 when it
only came from structured data). Without a model the first candidate is the value.

Where candidates come from, most reliable first (``RANK``):

    jsonld, field   the page's JobPosting data, a JSON row's title or company column
    labelled        "Job title:", "Vaga:", "Puesto:", "Poste :", "Stelle:", "职位：",
                    "Вакансия:"; "Empresa:", "Entreprise :", "Unternehmen:", "公司名称：",
                    "Компания:"; "| Label | value |" rows, a label on its own line above
                    its value, an API object's "empresa:" with its "nombre_comercial:"
    heading         the page's h1, a markdown heading, the line above a job board's
                    "City · 3 days ago · 40 applicants" line
    header          the name on the line under (or, at the very top, above) the title,
                    "Title at Company", a legal-form line ("ООО Ромашка"), "our client, X"
    byline          short top lines the body names again, the parts of a header whose
                    line breaks were lost ("Analista de DadosCajuína Pagamentoshá 3 dias")
    pattern         sentences: "At Acme, we", "A Acme oferece", "Acme es una", "Chez
                    Acme,", "Die Acme sucht", "Компания «Acme»", "Acme是一家"
    line            short lines near the top that read like a job title

The same rules read what a posting's own title and company are NOT: a recruiter's card
(a username line and the lines under it, "Publicado por Ana Souza", "Recruteur : ..."),
a chat message's header, the name of a recruiting agency that posts for a client, a
place, a contract or workplace tag, a department. Titles lose gender markers ("(m/w/d)",
"(H/F)") and trailing workplace, contract, schedule and place tags ("- Remoto",
"| Híbrido", "– CDI", "（北京）"); companies lose their legal form ("GmbH", "Ltda.", "ООО",
"有限公司", for a Chinese name the short form the text itself uses). Other postings'
blocks ("Vagas semelhantes", "相似职位") are cut by the cleaner before this stage.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from extractor.codes import country_index
from extractor.load import COMPANY_KEYS, TITLE_KEYS, company_column, title_column

MAX_CANDIDATES = 6

# Origin ranks: lower is more reliable.
RANK = {"jsonld": 0, "field": 1, "labelled": 2, "heading": 3, "header": 4, "byline": 5,
        "pattern": 6, "line": 7}
TOP_CHARS = 900  # the posting's own header; "similar jobs" sit further down
LABEL_CHARS = 6000  # labelled lines are read this far into the text

# Whether a name is a place ("Lisboa", "Belo Horizonte"); the caller knows the gazetteer.
IsPlace = Callable[[str], bool]


@dataclass(frozen=True)
class Candidate:
    value: str
    origin: str  # one of RANK's keys
    start: int = -1
    end: int = -1


# ---------------------------------------------------------------- letters and words

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"  # capitals (Latin, Latin-1, Latin Extended-A, Cyrillic)
_LO = "a-zß-öø-ÿа-яё"
_CJK = "\u4e00-\u9fff"
_EMOJI = re.compile("[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+")

# Nouns that make a line read as a job title. English and the Romance languages match
# whole words (with a plural); Russian words take any ending; German ones sit at the end
# of compounds ("Softwareentwickler", "Servicetechniker:in"); Chinese ones anywhere.
_EN_NOUNS = (
    "engineer|developer|manager|analyst|scientist|designer|intern|internship|director|lead|"
    "specialist|consultant|assistant|coordinator|officer|architect|administrator|"
    "representative|associate|technician|nurse|accountant|executive|head|writer|operator|"
    "driver|teacher|agent|sales|advisor|adviser|recruiter|researcher|programmer|tutor|"
    "volunteer|rn|lpn|cook|chef|cashier|clerk|bookkeeper|editor|marketer|supervisor|"
    "translator|receptionist|electrician|mechanic|pharmacist|therapist|instructor|trainer|"
    "auditor|lawyer|attorney|paralegal|planner|buyer|inspector|apprentice|trainee|barista|"
    "cleaner|housekeeper|caregiver|dispatcher|controller"
)
_PT_NOUNS = (
    "analista|engenheir[oa]|desenvolvedora?|programadora?|gerente|coordenadora?|supervisora?|"
    "t[ée]cnic[oa]|assistente|auxiliar|atendente|vendedora?|consultora?|especialista|"
    "estagi[áa]ri[oa]|est[áa]gio|diretora?|l[íi]der|cientista|arquitet[oa]|administradora?|"
    "operadora?|motorista|professora?|enfermeir[oa]|contadora?|advogad[oa]|recepcionista|"
    "balconista|repositora?|cozinheir[oa]|gar[çc]om|gar[çc]onete|farmac[êe]utic[oa]|"
    "m[ée]dic[oa]|psic[óo]log[oa]|nutricionista|fisioterapeuta|eletricista|mec[âa]nic[oa]|"
    "soldador|montador|pedreiro|ajudante|porteiro|vigilante|faxineir[oa]|secret[áa]ri[oa]|"
    "redatora?|tradutora?|representante|executiv[oa]|compradora?|almoxarife|estoquista|"
    "conferente|promotora?|corretora?|aprendiz|bolsista|pesquisadora?|instrutora?|monitora?"
)
_ES_NOUNS = (
    "ingenier[oa]|desarrolladora?|jef[ea]|coordinadora?|becari[oa]|practicante|pasante|"
    "directora?|dise[ñn]adora?|cient[íi]fic[oa]|arquitect[oa]|administrativ[oa]|operari[oa]|"
    "conductora?|ch[óo]fer|repartidora?|docente|maestr[oa]|enfermer[oa]|contable|abogad[oa]|"
    "dependient[ea]|cajer[oa]|camarer[oa]|meser[oa]|cociner[oa]|pe[óo]n|fontanero|"
    "alba[ñn]il|limpiadora?|conserje|secretari[oa]|redactora?|traductora?|ejecutiv[oa]|"
    "asesora?|comercial|socorrista|investigadora?|farmac[ée]utic[oa]|responsable|"
    "encargad[oa]|gestora?|teleoperadora?|mozo|carretiller[oa]|reponedora?"
)
_FR_NOUNS = (
    "ing[ée]nieur[e]?|d[ée]veloppeu(?:r|se)|responsable|charg[ée]e?|stagiaire|commerciale?|"
    "analyste|technicien(?:ne)?|conseill(?:er|[èe]re)|vendeu(?:r|se)|gestionnaire|comptable|"
    "juriste|assistante?|direct(?:eur|rice)|consultante?|cariste|boulang(?:er|[èe]re)|"
    "infirmi(?:er|[èe]re)|aide-soignante?|op[ée]rat(?:eur|rice)|pr[ée]parat(?:eur|rice)|"
    "magasini(?:er|[èe]re)|manutentionnaire|chauffeur|livreur|serveu(?:r|se)|"
    "cuisini(?:er|[èe]re)|p[âa]tissi(?:er|[èe]re)|boucher|caissi(?:er|[èe]re)|employ[ée]e?|"
    "secr[ée]taire|r[ée]dact(?:eur|rice)|traduct(?:eur|rice)|architecte|"
    "administrat(?:eur|rice)|enseignante?|professeur|format(?:eur|rice)|[ée]ducat(?:eur|rice)|"
    "animat(?:eur|rice)|auxiliaire|m[ée]decin|pharmacien(?:ne)?|kin[ée]sith[ée]rapeute|"
    "[ée]lectricien|m[ée]canicien|plombier|soudeur|ma[çc]on|menuisier|ouvri(?:er|[èe]re)|"
    "alternante?|apprentie?|coordinat(?:eur|rice)|achet(?:eur|euse)|contr[ôo]leur|auditeur|"
    "avocate?"
)
_RU_STEMS = (
    "инженер|менеджер|разработчик|аналитик|специалист|администратор|бухгалтер|директор|юрист|"
    "дизайнер|водител|продав|оператор|консультант|тестировщик|преподавател|учител|стаж[её]р|"
    "программист|руководител|начальник|сотрудник|работник|мастер|механик|электрик|слесар|"
    "сварщик|токар|повар|официант|бариста|кассир|курьер|грузчик|кладовщик|комплектовщик|"
    "врач|медсестр|фармацевт|провизор|экономист|технолог|конструктор|архитектор|инспектор|"
    "контрол[её]р|координатор|ассистент|секретар|помощник|логист|маркетолог|копирайтер|"
    "редактор|переводчик|рекрутер|мерчендайзер|агент(?!ств)|представител|заместител|тимлид|педагог|"
    "воспитател|тренер|охранник|уборщи|горничн|экспедитор|диспетчер|аудитор|методист|"
    "товаровед|монтажник|наладчик"
)
_DE_ENDINGS = (
    "entwickler|ingenieur|berater|leiter|leitung|referent|sachbearbeiter|kaufmann|kauffrau|"
    "kaufleute|buchhalter|techniker|mechaniker|mechatroniker|elektriker|elektroniker|monteur|"
    "fachkraft|kraft|mitarbeiter|assistenz|sekretär|verkäufer|fahrer|pfleger|erzieher|lehrer|"
    "architekt|werkstudent|praktikant|auszubildende|helfer|lagerist|disponent|betreuer|"
    "therapeut|apotheker|jurist|redakteur|gestalter|programmierer|informatiker|meister|"
    "schlosser|tischler|koch|köchin|kassierer|bäcker|maler|maurer|dachdecker|gärtner|"
    "hausmeister|kommissionierer|angestellte|arzt|ärztin|psychologe|sozialarbeiter|"
    "sozialpädagoge|aushilfe|servicekraft|bedienung"
)
_ZH_NOUNS = (
    "工程师|经理|专员|主管|总监|助理|实习生|实习|设计师|分析师|开发|运营|销售|翻译|协调员|顾问|"
    "会计|出纳|文员|客服|司机|教师|老师|研究员|架构师|产品|测试|主任|店长|厨师|技术员|普工|"
    "质检|采购|专家|负责人|组长|讲师|医生|护士|药师|律师|法务|财务|审计|秘书|前台|保安|保洁|"
    "骑手|营业员|导购|收银员|程序员|编辑|策划|督导|代表|美工|文案|主播|教练|译员"
)
_GENDER_TAG = (r"[(（]\s*(?:[mwfhdx]|div|divers)(?:\s*[/|,]\s*(?:[mwfhdx]|div|divers)){1,3}"
               r"\s*[)）]|\((?:all\s+genders?|alle\s+geschlechter|gn\*?)\)")
_TITLE_WORD = re.compile(
    rf"\b(?:{_EN_NOUNS}|{_PT_NOUNS}|{_ES_NOUNS}|{_FR_NOUNS})(?:s|es)?\b"
    rf"|\b(?:{_RU_STEMS})\w*|\w*(?:{_DE_ENDINGS})(?:in|innen)?\b|{_ZH_NOUNS}|{_GENDER_TAG}",
    re.IGNORECASE,
)
# a marker that ends the title; one inside it stays, so that the title is still as written
_GENDER = re.compile(rf"\s*(?:{_GENDER_TAG})\s*$", re.IGNORECASE)

# ---------------------------------------------------------------- tags on a title

# Words of a title's tail that state its contract, schedule or workplace, not the job
# (the parsers read those values from the text; the labels leave them out of the title).
_TERMS = (
    r"remot[eoa]s?|100\s?%(?:\s?remot[eoa])?|home[\s-]?office|telework|teletrabajo|"
    r"teletrabalho|t[ée]l[ée]travail(?:\s+partiel)?|[àa]\s+distance|hybrid|h[íi]brid[oa]|"
    r"hybride|presencial|pr[ée]sentiel|sur\s+site|on-?site|vor\s+ort|mobiles\s+arbeiten|"
    r"удал[её]нн?о|удал[её]нная\s+работа|удал[её]нка|гибрид\w*|远程|居家办公|线上|"
    r"\bCD[DI]\b|\bCLT\b|\bPJ\b|contract(?:or)?|contrato|freelancer?|aut[óo]nom[oa]|"
    r"indefinido|temporal|tempor[áa]ri[oa]|efetiv[oa]|int[ée]rim|alternance|apprentissage|"
    r"outside\s+ir35|inside\s+ir35|temporary|permanent|per\s+diem|(?:un)?befristet|"
    r"festanstellung|minijob|гпх|full[- ]time|part[- ]time|tiempo\s+(?:completo|parcial)|"
    r"jornada\s+(?:completa|parcial)|medi[oa]\s+(?:tiempo|jornada)|per[íi]odo\s+integral|"
    r"meio\s+per[íi]odo|tempo\s+(?:integral|parcial)|temps\s+(?:plein|partiel)|vollzeit|"
    r"teilzeit|полн\w*\s+занятость|частичн\w*\s+занятость|неполный\s+день|全职|兼职|实习"
)
# a shift, hours, a duration, pay, a region code, filler: all a tag may hold besides terms
_TAG_EXTRA = (
    r"turnos?|ma[ñn]anas?|tardes?|noches?|manh[ãa]s?|noites?|matin|soir|nuit|nachts?|"
    r"fr[üu]hschicht|sp[äa]tschicht|nachtschicht|\d+(?:[.,]\d+)?\s*(?:h|hrs?|horas|heures|"
    r"std\.?|stunden|час\w*|小时)(?:\s*(?:/|por|par|pro)\s*(?:semana|sem|woche|week|semaine))?|"
    r"semanais|semanales|hebdo|\d+\s*(?:meses|mes|mois|monate?|months?|мес\w*|个月)|"
    r"[$€£₽¥]\s?\d[\d.,]*\s?k?|\d[\d.,]*\s?(?:k|€|\$|₽)|LATAM|EMEA|APAC|DACH|EU|UE|"
    r"en|em|de|à|a|in|auf|und|e|y|et|ou|o|or|and|mit|with|basis|possible|possível|posible|"
    r"möglich|only|solo|somente|apenas|uniquement|nur"
)
_TAG_RE = re.compile(rf"(?:(?:{_TERMS}|{_TAG_EXTRA})(?:[\s,/+&.:·-]+|$|(?<=[\u4e00-\u9fff])))+",
                     re.IGNORECASE)
_TAG_CORE = re.compile(rf"(?:{_TERMS})|\d|LATAM|EMEA|APAC|DACH|ma[ñn]ana|tarde|noche|manh[ãa]|"
                       rf"noite|matin|soir|nuit|nacht|schicht", re.IGNORECASE)
_TITLE_TAIL = re.compile(
    rf"\s*(?:[|｜]|\s[–—-]\s(?=[^–—-]*(?:{_TERMS}|\d|[$€£₽]))|\s[$€£₽]\s?\d|"
    rf"\(multiple levels\)|[(（](?:{_TERMS})\b[^()（）]{{0,40}}[)）]\s*$|"
    rf"\s(?:in|auf|en|em)\s+(?:{_TERMS})[\w-]*\s*$).*$",
    re.IGNORECASE,
)
_TITLE_HEAD = re.compile(
    r"^(?:#+\s*)?(?:【[^】\n]{1,16}】\s*|\[[^\]\n]{1,20}\]\s*)?"
    r"(?:(?:stage|alternance|mission freelance|internship|contract|cdd|cdi|urgente?|urgent|"
    r"vaga|oportunidade|急招|急聘|诚聘)\s*[–—:：|｜-]\s*)?",
    re.IGNORECASE,
)
# the last part of a title that a tag may be: "(…)", "（…）", or after " – ", " - ", ", "
_LAST_PART = re.compile(r"(?:\s*[(（][^()（）]{1,60}[)）]|\s+[–—-]\s+[^–—]{1,60}|,\s+[^,]{1,40})$")
_FIRST_PART = re.compile(r"^([^|｜–—:：]{1,30})\s*[|｜–—:：]\s*")
_DIGITS_PAREN = re.compile(r"\s*\(\d{1,6}\)$")  # "Marseille (13)", "Lille (59000)"
# "Cholet (49)", "Lyon (69003)": a French place with its department or postcode
_DEPARTMENT = re.compile(r"[^\d()]{2,40}\s\((?:\d{2}|2[AB]|\d{5})\)")
_ZH_PLACE = re.compile(
    "(?:北京|上海|广州|深圳|杭州|成都|南京|武汉|西安|苏州|天津|重庆|长沙|郑州|青岛|厦门|合肥|"
    "济南|大连|沈阳|宁波|东莞|佛山|无锡|福州|昆明|哈尔滨|长春|石家庄|南昌|贵阳|南宁|太原|兰州|"
    "珠海|常州|温州|香港|澳门|台北|全国)"
)
# names of large cities that are also English words; never read as a place in a title
_NOT_PLACES = frozenset({"mobile", "reading", "orange", "split", "nice", "victoria", "sales",
                         "independence", "temple", "surprise", "normal", "marketing"})

# ---------------------------------------------------------------- labels

def _key(label: str) -> str:
    """A label in the one form compared: no accents, case or separators ("Intitulé du
    poste :" -> "intituleduposte", "job_title" -> "jobtitle")."""
    plain = unicodedata.normalize("NFKD", label.casefold())
    return "".join(c for c in plain if c.isalnum())


def _keys(*words: str) -> frozenset[str]:
    return frozenset(_key(w) for w in words)


TITLE_LABELS = _keys(
    *TITLE_KEYS, "job title", "title", "position", "position title", "role", "job role",
    "vacancy", "opening", "vaga", "cargo", "oportunidade", "título da vaga", "nome da vaga",
    "posição", "puesto", "vacante", "título del puesto", "nombre del puesto", "título",
    "posición", "poste", "intitulé du poste", "intitulé de poste", "intitulé",
    "titre du poste", "stelle", "stellenbezeichnung", "stellentitel", "jobtitel",
    "stellenanzeige", "berufsbezeichnung", "职位", "职位名称", "岗位", "岗位名称", "招聘职位",
    "招聘岗位", "职务", "вакансия", "должность", "позиция", "название вакансии",
)
COMPANY_LABELS = _keys(
    *COMPANY_KEYS, "company name", "employer", "employer name", "organisation",
    "hiring organization", "hiring company", "client", "brand", "brand name", "empresa",
    "nome da empresa", "empresa contratante", "empregador", "contratante", "cliente",
    "razão social", "instituição", "nombre de la empresa", "empleador", "compañía",
    "razón social", "nombre comercial", "entidad", "institución", "entreprise", "société",
    "employeur", "nom de l'entreprise", "filiale", "raison sociale", "établissement",
    "structure", "organisme", "unternehmen", "arbeitgeber", "firma", "firmenname", "betrieb",
    "auftraggeber", "einrichtung", "organisation", "公司", "公司名称", "企业", "企业名称",
    "招聘单位", "招聘企业", "用人单位", "单位名称", "雇主", "客户", "所属公司", "компания",
    "работодатель", "организация", "предприятие", "наниматель", "название компании", "клиент",
    "заказчик",
)
# the keys under an API object's company key that hold its name: "empresa: / nombre: X"
_NAME_SUBKEYS = _keys("name", "nome", "nombre", "nom", "display name", "nombre comercial",
                      "razón social", "razao social", "legal name", "trade name", "short name",
                      "brand name", "名称", "简称", "название")
_LABEL_COLON = re.compile(
    r"^[ \t]*(?:[-•*·▪●>|]+[ \t]*)?(?:\*\*|__)?(?P<label>[^\W\d_][^:：|\n*]{0,38}?)[ \t]*"
    r"(?:\*\*|__)?[ \t]*(?:[:：]|\s[–-]\s)[ \t]*(?:\*\*|__)?[ \t]*(?P<v>[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
_LABEL_PIPE = re.compile(
    r"^[ \t]*\|?[ \t]*(?P<label>[^\W\d_][^:：|\n]{0,38}?)[ \t]*\|[ \t]*(?P<v>[^\n|]+?)[ \t]*\|?"
    r"[ \t]*$", re.MULTILINE,
)
_KEY_VALUE = re.compile(r"[\w .'-]{1,30}[:：]")  # a value that is itself "razon_social: X"
_NEXT_LABEL = re.compile(r"\s+[^\s:：]{1,12}[:：]\s")  # "公司名称：X 法定代表人：Y": X ends there
_LABEL_ALONE = re.compile(r"^[ \t]*(?:\*\*|__)?(?P<label>[^\W\d_][^:：|\n*]{0,38}?)"
                          r"(?:\*\*|__)?[ \t]*[:：]?[ \t]*(?:\*\*|__)?[ \t]*\n(?:[ \t]*\n)?"
                          r"[ \t]*(?P<v>[^\n]{2,80})$", re.MULTILINE)

# ---------------------------------------------------------------- company names

_CONN = (r"(?:of|the|for|and|&|de|du|des|da|do|dos|das|del|la|le|les|los|las|y|e|et|und|für|"
         r"и|di|van|von)")
_WORD = rf"[{_UP}][\w&.'’\-]*"
_NAME = rf"(?P<v>{_WORD}(?:[ \t]+(?:{_WORD}|[0-9][\w&.'\-]*|{_CONN})){{0,4}})"
_NAME_ZH = rf"(?P<v>[{_CJK}A-Za-z0-9]{{2,12}}?)"
# a legal form after a name: "Nordwind Logistik GmbH", "Andina Huarango S.A.C.", "Acme Ltd"
_LEGAL_FORM = (r"(?:GmbH(?:\s*&\s*Co\.\s*KG(?:aA)?)?|gGmbH|mbH|AG|SE|KGaA|KG|OHG|UG"
               r"(?:\s*\(haftungsbeschränkt\))?|e\.\s?V\.|Ltd\.?|Limited|LLC|L\.L\.C\.|LLP|PLC|"
               r"Inc\.?|Corp\.?|Pvt\.?\s*Ltd\.?|Pty\.?\s*Ltd\.?|Private Limited|Ltda\.?|Lda\.?|"
               r"EIRELI|S/A|S\.A\.S\.|S\.A\.C\.|S\.A\.U\.|S\.L\.U\.|S\.A\.|S\.L\.|"
               r"S\.\s?de\s?R\.L\.(?:\s?de\s?C\.V\.)?|S\.A\.\s?de\s?C\.V\.|SARL|SASU|SAS|EURL|SNC|"
               r"B\.V\.|N\.V\.|S\.p\.A\.|S\.r\.l\.|Oy|AB|A/S|ApS|ASA|CJSC|OJSC|JSC|PJSC)(?![\w])")
_LEGAL_PREFIX_WORDS = (r"(?:ООО|ОАО|ЗАО|ПАО|АО|ИП|НКО|ФГУП|ГУП|МУП|OOO|ZAO|OAO|PAO|LLC|CJSC|OJSC|"
                       r"JSC)")
_LEGAL_PREFIX = re.compile(rf"^{_LEGAL_PREFIX_WORDS}\s+")
_LEGAL_SUFFIX = re.compile(rf",?\s+{_LEGAL_FORM}\.?$")
_ZH_LEGAL = re.compile("(?:集团)?(?:股份有限公司|有限责任公司|有限公司)$")
# Chinese names end with what the firm does: "米粒科技", "北辰软件", "澜海医疗"
_ZH_ORG = re.compile(
    "(?:科技|网络|集团|公司|银行|医疗|软件|信息|教育|传媒|文化|电子|智能|数据|证券|保险|汽车|物流|"
    "电商|互联|数码|股份|控股|实业|贸易|咨询|餐饮|地产|制药|药业|生物|能源|新材料|工作室|研究院|"
    "医院|学校|大学)$"
)
_QUOTES = "«»“”„\"'「」『』《》‹›"
# a recruiting agency or headhunter: it posts for the employer, it is not the employer
_AGENCY = re.compile(
    r"head-?hunt|\bhunting\b|recruit|recrut|reclut|talent|personalberatung|personaldienst|"
    r"personalvermittlung|zeitarbeit|staffing|猎头|人才|кадров|рекрут|агентств|подбор",
    re.IGNORECASE,
)
# a company the text does not name: "Empresa confidencial", "某上市公司", "Наш клиент"
_ANONYMOUS = re.compile(
    r"confiden|vertraulich|конфиденц|保密|^某|^一家|\b(?:our|nosso|nossa|nuestro|nuestra|notre|"
    r"unser\w*|наш\w*)\s+(?:client|cliente|kunde|mandant|клиент)|^(?:a|an|uma|um|una|un|une|"
    r"ein|eine|une)\s", re.IGNORECASE,
)
_NOT_A_NAME = {
    "we", "our", "you", "the", "this", "job", "about", "company", "role", "position", "us",
    "apply", "remote", "hybrid", "description", "responsibilities", "requirements",
}
_NOT_A_COMPANY = re.compile(
    r"^(?:data|product|design|engineering|sales|marketing|finance|operations|support|"
    r"people|legal|security|research|(?:\w+ )?team|stage|alternance|mission freelance|"
    r"position summary|job details|loading.*|empresa|compañía|compania|entreprise|\w*ops|gtm|"
    r"go-to-market|growth|platform|infrastructure|customer (?:success|support|experience)|"
    r"business development|sales development|it|information technology|human resources|"
    r"talent acquisition|recruiting|accounting|administration|communications|partnerships|"
    r"revenue|strategy|analytics|creative|content|editorial|manufacturing|logistics|"
    r"procurement|supply chain|quality|r&d|developer relations|solutions|consulting|"
    r"unternehmen|firma|компания|公司|recursos humanos|rrhh|rh|hr|vendas|ventas|ventes|"
    r"vertrieb|tecnologia|tecnología|sobre .*|acerca .*|über .*|à propos.*|о компании|"
    r"requisitos|benef[íi]cios|responsabilidades|descri[çc][ãa]o|descripci[óo]n|funciones|"
    r"aufgaben|profil|missions|обязанности|требования|условия)$",
    re.IGNORECASE,
)
_SHOUTED_LABEL = re.compile(r"^[A-Z\s]+:?$")
_CHROME_LINE = re.compile(
    r"^(?:apply(?: now)?|save|share|logo|sign in|log in|menu|home|careers|jobs|back|"
    r"remote|hybrid|on-?site|full[- ]time|part[- ]time|internship|contract|new)$|"
    r"@|https?://|^[\w ]{2,20}:\s|\s·\s.*\b(?:remote|full[- ]time|part[- ]time|hybrid)\b",
    re.IGNORECASE,
)
# "Company – City", "Company · City · Hybrid", "Company - Columbus, OH": the byline under a title.
_BYLINE = re.compile(r"^(?P<v>[^\n·–—|]{2,60}?)\s+(?:[·–—|]|-\s)\s*\S")
# the name that starts a header line, up to its first separator, digit or bracket
_HEAD_NAME = re.compile(r"^(?P<v>[^\n·•|｜–—,(（\d★:：]{2,80}?)\s*(?:$|[·•|｜–—,(（\d★]|\s-\s)")

# ---------------------------------------------------------------- people and chrome

# A recruiter's card: a username line ("sophie_talents31", "k.meier_recruiting") and the
# lines under it (their headline, "1 sem."), up to a blank line.
_HANDLE = re.compile(r"^[ \t]*(?:@?[a-z0-9]+(?:[._-][a-z0-9]+)*[._][a-z0-9]+[ \t]*$|"
                     r"(?:\*\*)?@[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\*\*)?(?=[ \t]*$|\*?\*?:))")
_CARD_START = re.compile(
    r"^[ \t]*(?:conheça a pessoa que publicou a vaga|meet the hiring team|conoce al equipo|"
    r"rencontrez l['’]équipe|lernen sie das team|познакомьтесь с)", re.IGNORECASE,
)
# lines that name a person who posts or answers, never the employer
_PERSON_LINE = re.compile(
    r"^.*\b(?:posted by|publicad[oa] por|postad[oa] (?:em .{0,30} )?por|publi[ée]e? par|"
    r"veröffentlicht von|опубликовал\w*|разместил\w*)\b.*$|"
    r"^[ \t]*(?:[-•*]\s*)?(?:recruteu(?:r|se)|recruiter|recrutador[a]?|reclutador[a]?|"
    r"contact[oe]?|contato|kontakt|ansprechpartner(?:in)?|контакт\w*|联系人|顾问|hr|rh)"
    r"[ \t]*[:：].*$|"
    r"^[ \t]*\*\*[^*\n]{2,40}\*\*[ \t]+\d{1,2}:\d{2}[ \t]*$|"  # "**Luiza Andrade** 10:42"
    r"^[ \t]*#[\w-]+(?:[ \t]+·.*)?$|"  # a chat channel: "#jobs-intern · heute 08:14"
    rf"^[ \t]*[{_CJK}]{{1,3}}(?:女士|先生|小姐)[ \t]*$",  # "王女士"
    re.IGNORECASE | re.MULTILINE,
)
# "Belo Horizonte, Brasil · há 2 dias · 34 candidaturas": the line under a board's title
_META_LINE = re.compile(
    r"·.*(?:\d+\+?\s*(?:applicants?|candidaturas?|candidatos|solicitudes|postulantes|"
    r"postulaciones|candidatures?|candidats|bewerber\w*|bewerbungen|откликов|отклика|отклик|"
    r"位申请者|人申请|申请者)|\bago\b|\bhá\s+\d|\bhace\s+\d|\bil y a\b|\bvor\s+\d|"
    r"\d+\s*(?:周|天|小时|个月)前|назад)", re.IGNORECASE,
)
_HIRING_VERB = re.compile(
    r"\b(?:ищет|ищем|ищут|busca|buscamos|procura|procuramos|contrata|recrute|recherche|"
    r"sucht|suchen|seeks|is hiring|we(?:'re| are) hiring|está contratando)\b|正在招聘|诚聘",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[ \t]*(?:[•·▪●✓✔►>*+]|[-–—]\s|\d{1,2}[.)]\s|[一二三四五六七八九十]、)")
_SENTENCE_ZH = re.compile("[，。；！？]")
# a label line ("职位：财务总监", "Ort: Bern"), a hashtag, an address: not a title line
_NOT_TITLE_LINE = re.compile(r"^[^:：]{1,24}(?::\s|:$|：)|(?:^|\s)#\w|https?://|www\.|@")
_MD_HEADING = re.compile(r"^#{1,4}[ \t]+(?P<v>[^\n]{2,150})$", re.MULTILINE)
# where a header's name runs into the next field after its line breaks were lost
_GLUED_CUT = re.compile(
    r"(?i)(?:publicad[ao]s?|publi[ée]e?|posted|hace\s+\d|há\s+\d|il y a|vor\s+\d|вчера|"
    r"сегодня|\d+\s*(?:天|周|小时)前)"
)
# "JavaScript", "PostgreSQL": words that join a lower-case and a capital letter themselves
_CAMEL_WORDS = frozenset("""
javascript typescript coffeescript postgresql mysql nosql graphql devops devsecops mlops
finops wordpress woocommerce sharepoint powerpoint powershell powerbi github gitlab bitbucket
linkedin youtube fastapi pytorch netsuite hubspot salesforce quickbooks solidworks autocad
bigquery jetbrains macos ios paypal doordash tiktok openai chatgpt deepmind clickhouse
mongodb dynamodb mariadb rabbitmq activemq nodejs vuejs reactjs nextjs nestjs angularjs
jquery openapi openshift cloudformation elasticsearch datadog servicenow workday successfactors
mcdonald mcdonald's mckinsey
""".split())
_GLUE = re.compile(rf"(?<=[{_LO})\]）])(?=[{_UP}][{_LO}])|(?<=[)）])(?=[{_CJK}])")
_GLUED_LINE_CHARS = 160
_AT_COMPANY = re.compile(rf"^(?P<t>.+?)\s+(?P<w>chez|bei|at|@|в\s+компани[юи]|na|no|en)\s+"
                         rf"[{_QUOTES}]?{_NAME}[{_QUOTES}]?\s*$")
# "Mitarbeiter bei Bedarf", "Ingeniero en Minas": the name must be corroborated first
_AMBIGUOUS_AT = frozenset({"bei", "na", "no", "en"})


# ---------------------------------------------------------------- titles

def title_candidates(
    text: str, jsonld: list[dict[str, Any]], fields: dict[str, Any] | None, hint: str | None,
    *, is_place: IsPlace | None = None,
) -> list[Candidate]:
    """Possible titles of THE posting, most reliable first."""
    own = _without_agency_header(_without_people(text))
    out: list[Candidate] = []
    _add(out, text, _clean_any(_jsonld_value(jsonld, "title"), is_place), "jsonld")
    _add(out, text, _clean_any(title_column(fields), is_place), "field")
    for _, value, start in _labels(own, TITLE_LABELS):
        _add_title(out, text, value, "labelled", start, is_place)
    if hint:
        _add_title(out, text, hint, "heading", text.find(hint), is_place)
    for line, start in _heading_lines(own):
        _add_title(out, text, line, "heading", start, is_place)
    for line, start in _leading_lines(own):
        _add_title(out, text, line, "line", start, is_place)
    return _sorted(out)[:MAX_CANDIDATES]


def clean_title(line: str, is_place: IsPlace | None = None) -> str:
    """The title a line states: without a markdown mark, an emoji, a leading tag
    ("【实习】", "Stage –", "远程兼职｜"), gender markers, a company after "at", or trailing
    pay, contract, schedule, workplace and place tags."""
    title = _TITLE_HEAD.sub("", _strip_marks(line))
    first = _FIRST_PART.match(title)
    if first and _is_tag(first.group(1), is_place):
        title = title[first.end():]
    for _ in range(2):  # "Koch (m/w/d) in Teilzeit": the tag, then the marker before it
        title = _TITLE_TAIL.sub("", title).strip(" -–—|,")
        title = _GENDER.sub("", _strip_tail_tags(title, is_place))
    return title.strip(" -–—|,:") or line.strip()


def _add_title(out: list[Candidate], text: str, line: str, origin: str, start: int,
               is_place: IsPlace | None) -> None:
    title = clean_title(_title_part(line, text), is_place)
    if title and not _is_tag(title, is_place):
        _add(out, text, title, origin, start)


def _title_part(line: str, text: str) -> str:
    """"Data Engineer at Acme" -> "Data Engineer"; "数据分析实习生 - 米粒科技" -> the title."""
    at = _AT_COMPANY.match(_strip_marks(line))
    if at and _names_company(at, text):
        return at.group("t")
    parts = re.split(r"\s+[-–—]\s+", line.strip())
    if len(parts) > 1 and _company_tail(parts[-1]):
        return line.strip()[: -len(parts[-1])].rstrip(" -–—")
    return line


def _company_tail(part: str) -> bool:
    """A title's last part that names the employer: a Chinese firm's name, a legal form."""
    part = _strip_marks(part)
    if re.fullmatch(rf"[{_CJK}A-Za-z0-9]{{2,16}}", part) and re.search(f"[{_CJK}]", part):
        return bool(_ZH_ORG.search(part) or _ZH_LEGAL.search(part))
    return bool(re.search(rf"\s{_LEGAL_FORM}\.?$", part))


def _clean_any(value: Any, is_place: IsPlace | None) -> Any:
    return clean_title(value, is_place) if isinstance(value, str) else value


def _strip_marks(line: str) -> str:
    """A line without markdown emphasis, heading marks, bullets or emoji at its ends."""
    line = re.sub(r"\*\*|__", "", line.strip())
    line = _EMOJI.sub(" ", line)
    return re.sub(r"^(?:#+|[•·▪●>*+]|-\s)\s*", "", line.strip()).strip()


def _strip_tail_tags(title: str, is_place: IsPlace | None) -> str:
    """Drop trailing parts that are tags ("(Remoto - LATAM)", "– Lisboa", "（北京）")."""
    for _ in range(4):
        part = _LAST_PART.search(title)
        if part is None or part.start() == 0:
            return title
        body = part.group(0).strip(" ,–—-")
        if not (_is_tag(body.strip("()（）"), is_place) or _is_place_text(body, is_place)):
            return title
        title = title[: part.start()].rstrip()
    return title


def _is_tag(part: str, is_place: IsPlace | None) -> bool:
    """Whether a title's part states only terms, hours, pay or a place, not the job."""
    part = part.strip(" ()（）[]【】-–—|｜,·")
    if not part:
        return False
    return bool(_TAG_RE.fullmatch(part) and _TAG_CORE.search(part)) or _is_place_text(
        part, is_place)


def _is_place_text(part: str, is_place: IsPlace | None) -> bool:
    """"Lisboa", "Marseille (13)", "（北京）", "Brasil", "São Paulo, SP": a place only."""
    if _DEPARTMENT.fullmatch(part.strip()):
        return True
    name = _DIGITS_PAREN.sub("", part.strip(" ()（）")).strip()
    if not name or name.casefold() in _NOT_PLACES:
        return False
    if _ZH_PLACE.fullmatch(name) or _ZH_PLACE.match(name) and "·" in name:
        return True
    if re.fullmatch(f"[{_CJK}]{{1,6}}[市省区县镇]", name):  # "南山区", "常州市"
        return True
    head = name.split(",")[0].strip()
    return any(_is_country(p) or (is_place is not None and is_place(p)) for p in {name, head})


def _is_country(name: str) -> bool:
    return len(name) > 3 and country_index().get(name.casefold()) is not None


def _heading_lines(text: str) -> Iterator[tuple[str, int]]:
    """Markdown headings near the top that read like a title, and the line a job board
    puts above "City · 3 days ago · 40 applicants"."""
    top = text[:TOP_CHARS * 2]
    for match in _MD_HEADING.finditer(top):
        if _TITLE_WORD.search(match.group("v")) and not _HIRING_VERB.search(match.group("v")):
            yield match.group("v"), match.start("v")
    lines = [item for item in _lines(top) if item[0].strip()]
    for i, (after, _) in enumerate(lines):
        if not _META_LINE.search(after) or _BULLET.match(after):
            continue
        # the title, or (boards that put the company between them) the line above it
        above = [item for item in lines[max(i - 2, 0):i][::-1]
                 if not _BULLET.match(item[0]) and not _META_LINE.search(item[0])]
        title = next((item for item in above if _TITLE_WORD.search(item[0])), None)
        if title:
            yield title


def _leading_lines(text: str, limit: int = 12) -> list[tuple[str, int]]:
    """Short lines near the top that read like a job title."""
    found: list[tuple[str, int]] = []
    for raw, start in _lines(text[:TOP_CHARS]):
        line = _clean_value(raw)
        if _reads_as_title(raw, line):
            found.append((line, start + max(raw.find(line), 0)))
        elif _glued(raw) and not found:
            glued = _glued_parts(raw)
            if len(glued) > 1 and _reads_as_title(glued[0], glued[0]):
                found.append((glued[0], start))
        if len(found) >= limit:
            break
    return found


def _reads_as_title(raw: str, line: str) -> bool:
    words = line.split()
    if not (1 <= len(words) <= 14) or len(line) > 120 or _CHROME_LINE.match(line):
        return False
    if _BULLET.match(raw) or line.endswith((".", "?", "!", ":", "：")) or _HIRING_VERB.search(line):
        return False
    if _NOT_TITLE_LINE.search(line):
        return False
    cjk = re.search(f"[{_CJK}]", line)
    if cjk and (_SENTENCE_ZH.search(line) or len(line) > 30):
        return False
    return bool(_TITLE_WORD.search(line))


# ---------------------------------------------------------------- companies

def company_candidates(
    text: str, jsonld: list[dict[str, Any]], fields: dict[str, Any] | None, *,
    titles: list[Candidate] | None = None, is_place: IsPlace | None = None,
) -> list[Candidate]:
    """Possible hiring-organisation names, most reliable first. ``titles`` (this text's
    title candidates) places the header under the title."""
    own = _without_people(text)
    out: list[Candidate] = []
    _add(out, text, clean_company(_jsonld_value(jsonld, "hiringOrganization", "name")), "jsonld")
    _add(out, text, clean_company(company_column(fields)), "field")  # no Glassdoor rating
    for value, start in _labelled_companies(own, is_place):
        _add(out, text, value, "labelled", start)
    for value, start, origin in _header_names(own, titles or [], is_place):
        _add(out, text, value, origin, start)
    for name, start in _bylines(own, is_place):
        _add(out, text, name, "byline", start)
    for value, start in _pattern_names(own, is_place):
        _add(out, text, value, "pattern", start)
    people = _person_names(text)
    out = [c for c in out if c.value.casefold() not in people]
    return _short_names(_by_support(out, text), text)[:MAX_CANDIDATES]


def clean_company(value: Any) -> Any:
    """A company name as the labels write it: no quotes, markdown, rating, description in
    brackets, or legal form ("Isarsoft Solutions GmbH" -> "Isarsoft Solutions")."""
    if not isinstance(value, str):
        return value
    name = _strip_marks(value.splitlines()[0] if value.strip() else value).strip(_QUOTES + " ")
    quoted = re.search(r"«([^»]{2,60})»", name)  # "Завод «Уралхим»": the name is quoted
    name = quoted.group(1) if quoted else name
    name = re.split(r"\s*[(（]|\s+[·|｜–—]\s*|\s+-\s+|\s+\d[,.]\d\s*★", name)[0]
    name = re.sub(r"(?i)^logo\s+|\s+logo$", "", name)  # "Acme Logo": an image's alt text
    name = _ZH_LEGAL.sub("", name)
    for _ in range(2):
        name = _LEGAL_SUFFIX.sub("", _LEGAL_PREFIX.sub("", name.strip(_QUOTES + " ")))
    return name.strip(_QUOTES + " ,.;")


def _labelled_companies(text: str, is_place: IsPlace | None) -> Iterator[tuple[str, int]]:
    for _, value, start in _labels(text, COMPANY_LABELS):
        name = clean_company(value)
        if _named(name, is_place):
            yield name, start


def _named(name: str, is_place: IsPlace | None) -> bool:
    """A value that names an organisation (not a place, a description or a secret)."""
    if not (2 <= len(name) <= 80) or _ANONYMOUS.search(name) or not _not_junk(name):
        return False
    if name[:1].islower() and not re.search(f"[{_UP}]", name[1:]):
        return False  # "multinacional do setor": a description
    return not _is_place_text(name, is_place)


def _header_names(text: str, titles: list[Candidate],
                  is_place: IsPlace | None) -> Iterator[tuple[str, int, str]]:
    """The name on the line under the title ("Isarsoft Solutions", "**Yerba Buena Apps** —
    Córdoba"), or above it on the first line; the company a title line names ("... at
    Acme", "... - 米粒科技"); the client an agency names ("our client, Acme,")."""
    yield from _client_names(text)
    title = next((c for c in titles if c.start >= 0), None)
    if title is None:
        return
    lines = _lines(text)
    at = next((i for i, (line, start) in enumerate(lines)
               if start <= title.start < start + len(line) + 1), None)
    if at is None:
        return
    yield from _title_line_company(text, lines[at][0], lines[at][1])
    form = title.origin == "labelled"  # "ARQELL CJSC / TITLE: ...": a form's first line
    under, above = _near_title(lines, at)
    for (line, start), heads_form in ((under, False), (above, form)):
        name = _header_name(line, text, is_place, heads_form) if start >= 0 else None
        if name:  # the line above a title that no form labels is a weaker sign
            origin = "header" if heads_form or (line, start) == under else "byline"
            yield name, start + max(line.find(name), 0), origin


def _near_title(lines: list[tuple[str, int]], at: int) -> tuple[tuple[str, int], ...]:
    """The next non-empty line under the title line (a blank line between allowed), then the
    line above it when that is the text's first and the title its second or third line."""
    under = next(((line, s) for line, s in lines[at + 1: at + 3] if line.strip()), ("", -1))
    above = [item for item in lines[:at] if item[0].strip()]
    return under, above[0] if len(above) == 1 and at <= 3 else ("", -1)


def _header_name(line: str, text: str, is_place: IsPlace | None,
                 heads_form: bool = False) -> str | None:
    plain = _strip_marks(line)
    if _META_LINE.search(plain) or _label_key_of(plain) or _HIRING_VERB.search(plain):
        return None
    legal = _legal_name(plain)
    first = _HEAD_NAME.match(plain)
    name = legal or (clean_company(first.group("v")) if first else None)
    if not name or _AGENCY.search(name) or not _plausible_name(name, is_place, shouted=True):
        return None
    whole = re.split(r"\s+[·•|｜–—]\s+|\s+-\s+", plain)[0].strip()
    if whole != name and "," in whole and _mentions(text, whole) >= 2:
        name = whole  # "ProCredit Bank, Georgia", named so again: the comma is the name's
    bold = bool(re.match(r"\s*(?:\*\*|__)", line))
    return name if legal or bold or heads_form or _named_again(name, text) else None


def _named_again(name: str, text: str) -> bool:
    """A header's name is one when the text names the firm again: the whole name, or its
    first word as written ("Fernhill Software" ... "Fernhill makes"). A line under a title
    that the body never repeats is as often a district or a sector ("Zona Sul",
    "Construcción Civil"). A Chinese name is short."""
    if re.search(f"[{_CJK}]", name):
        return re.fullmatch(f"[{_CJK}A-Za-z0-9]{{2,16}}", name) is not None
    first = name.split()[0]
    return _mentions(text, name) >= 2 or (
        len(first) >= 4 and len(re.findall(rf"(?<!\w){re.escape(first)}(?!\w)", text)) >= 2)


def _label_key_of(line: str) -> bool:
    """Whether a line opens with a field label ("Filiale :", "招聘单位 |", "Ubicación")."""
    head = re.split(r"\s*(?::\s|：|[|｜])\s*", line, maxsplit=1)[0]
    key = _key(head)
    short_label = head != line and len(key) <= 12 and bool(re.search(r":\s|：", line[:40]))
    return key in TITLE_LABELS or key in COMPANY_LABELS or short_label


def _legal_name(line: str) -> str | None:
    """The name of a line that is a company with its legal form ("ООО Онега Софт",
    "Saffronleaf Technologies Pvt. Ltd.", "ARQELL CJSC")."""
    head = re.split(r"\s+[·|｜–—]\s+|\s+-\s+", line.strip())[0]
    if _LEGAL_PREFIX.match(head) or re.search(rf"\s{_LEGAL_FORM}\.?$", head):
        name = clean_company(head)
        return name if name and name != head else None
    return None


def _drop_place_words(name: str, is_place: IsPlace | None) -> str:
    """"Decathlux Lille" -> "Decathlux": a place that ends a header's name is not part of it."""
    words = name.split()
    while len(words) > 1 and _is_place_text(words[-1], is_place):
        words.pop()
    return " ".join(words)


def _title_line_company(text: str, line: str, start: int) -> Iterator[tuple[str, int, str]]:
    plain = _strip_marks(line)
    at = _AT_COMPANY.match(plain)
    if at and _names_company(at, text):
        name = clean_company(at.group("v"))
        yield name, start + max(line.find(name), 0), "header"
    parts = re.split(r"\s+[-–—]\s+", plain)
    if len(parts) > 1 and _company_tail(parts[-1]):
        name = clean_company(parts[-1])
        yield name, start + max(line.find(name), 0), "header"


def _names_company(at: re.Match[str], text: str) -> bool:
    """"... at Acme", "... chez Acme": the company; "... bei Bedarf", "... na Zona Sul" only
    when the text names it again (or it has its legal form)."""
    if at.group("w").casefold() not in _AMBIGUOUS_AT:
        return True
    return _mentions(text, clean_company(at.group("v"))) >= 2 or bool(_legal_name(at.group("v")))


_CLIENT = re.compile(
    r"\b(?:our|a)\s+client,?\s+|\b(?:nosso|nossa)\s+cliente,?\s+(?:a\s+|o\s+)?|"
    r"\bnuestro\s+cliente,?\s+|\bnotre\s+client,?\s+|"
    r"\bunsere[ns]?\s+(?:kunden|mandanten),?\s+(?:der|die|des|dem)?\s*|\bнаш\s+клиент\s*[—–-]?\s*",
    re.IGNORECASE,
)


def _client_names(text: str) -> Iterator[tuple[str, int, str]]:
    """"working with our client, Harrowgate Building Society, on": the named client."""
    for match in _CLIENT.finditer(text[:8000]):
        name = re.match(rf"[{_QUOTES}]?{_NAME}", text[match.end(): match.end() + 80])
        if name and _not_junk(name.group("v")) and not _TITLE_WORD.search(name.group("v")):
            value = clean_company(name.group("v"))
            yield value, match.end() + name.start("v"), "header"


def _bylines(text: str, is_place: IsPlace | None) -> Iterator[tuple[str, int]]:
    """Names from the short lines at the top: "Acme – Paris", "ООО Ромашка", "Acme Corp";
    and the name after a title whose line breaks were lost."""
    lines = [item for item in _lines(text) if item[0].strip() and item[1] < TOP_CHARS][:12]
    for raw, start in lines:
        line = raw.strip()
        if _BULLET.match(raw):
            continue
        legal = _legal_name(line)
        if legal and _plausible_name(legal, is_place, shouted=True):
            yield legal, start
            continue
        match = _BYLINE.match(line)
        segment = match.group("v") if match else line
        if _is_place_text(segment, is_place):
            continue
        name = clean_company(segment)
        if _plausible_name(name, is_place) and _mentions(text, name) >= 2:  # named again
            yield name, start
    yield from _glued_company(text, is_place)


def _glued_company(text: str, is_place: IsPlace | None) -> Iterator[tuple[str, int]]:
    """"Atendente de SuporteNuvem Caiçara Hospedagempublicada há 2 semanas": a header with
    its line breaks lost; the part after the title names the company."""
    first = text.lstrip().split("\n", 1)[0]
    parts = _glued_parts(first) if _glued(first) else []
    if len(parts) < 2 or not _reads_as_title(parts[0], parts[0]):
        return
    name = _GLUED_CUT.split(parts[1])[0]
    zh = _ZH_PLACE.search(name)
    name = clean_company(name[: zh.start()] if zh and zh.start() >= 2 else name)
    name = _drop_place_words(name, is_place)
    if _plausible_name(name, is_place) and not _AGENCY.search(name):
        yield name, text.find(name)


def _glued(line: str) -> bool:
    """Whether a line is too long to be a header's line: its line breaks were lost (a
    Chinese character counts twice: it holds about as much as a Latin word's letters)."""
    width = len(line) + len(re.findall(f"[{_CJK}]", line))
    return width > _GLUED_LINE_CHARS or (width > 80 and len(_GLUE.findall(line)) >= 3)


def _glued_parts(line: str) -> list[str]:
    """A line cut where a lower-case letter (or a bracket) runs into a capital: the fields
    of a header whose line breaks were lost. "JavaScript" and the like stay whole."""
    parts, last = [], 0
    for match in _GLUE.finditer(line):
        cut = match.start()
        word_start = max(line.rfind(" ", 0, cut) + 1, 0)
        word_end = next((i for i in range(cut, len(line)) if line[i] in " ,.;:"), len(line))
        word = line[word_start:word_end].casefold()
        if word in _CAMEL_WORDS or cut - word_start <= 2 or any(
                word.startswith(w) for w in _CAMEL_WORDS):
            continue
        parts.append(line[last:cut].strip())
        last = cut
    parts.append(line[last:].strip())
    return [p for p in parts if p]


def _plausible_name(name: str, is_place: IsPlace | None = None, shouted: bool = False) -> bool:
    if not name or any(c.isdigit() for c in name):
        return False
    cjk = re.search(f"[{_CJK}]", name)
    if cjk:
        return (re.fullmatch(f"[{_CJK}A-Za-z]{{2,16}}", name) is not None
                and not _TITLE_WORD.search(name) and not _is_place_text(name, is_place))
    words = name.split()
    named = [w for w in words if not re.fullmatch(_CONN, w)]
    if not (1 <= len(named) <= 7) or len(words) > 10 or not re.match(f"[{_UP}]", name):
        return False
    if any(not re.match(rf"[{_UP}]|{_CONN}$", w) and not re.search(f"[{_UP}]", w)
           for w in words):
        return False  # "Empresa do setor da distribuição": a description
    if _SHOUTED_LABEL.match(name) and not (shouted and len(name) > 3 and ":" not in name):
        return False
    return (not _TITLE_WORD.search(name) and not _CHROME_LINE.search(name)
            and _not_junk(name, shouted) and not _is_tag(name, is_place)
            and not _is_place_text(name, is_place) and not _ANONYMOUS.search(name))


def _not_junk(name: str, shouted: bool = False) -> bool:
    """Not a department, a shouted section label or leftover mojibake."""
    from ftfy.badness import is_bad

    shout = _SHOUTED_LABEL.match(name) and not shouted
    return not (_NOT_A_COMPANY.search(name) or shout or is_bad(name))


# ---------------------------------------------------------------- company sentences

_LATIN_PATTERNS = [
    re.compile(r"^" + _NAME + r"[ \t]+Logo\s*$", re.MULTILINE),
    re.compile(r"^\s*About\s+" + _NAME + r"\s*:?\s*$", re.MULTILINE),
    re.compile(r"\bAt\s+" + _NAME + r",[ \t]+(?:we|our|you)\b"),
    re.compile(r"\bJoin\s+" + _NAME + r"(?:[!.,]|\s+(?:and|as|in|to)\b)"),
    re.compile(r"^" + _NAME + r"[ \t]+(?:is|are|was|est|runs|builds|designs|makes|develops|"
               r"provides|offers|helps|creates|operates|разрабатывает|создает|создаёт|—)\s",
               re.MULTILINE),
    re.compile(r"^\s*(?:Company|Компания)\s+" + _NAME + r",?[ \t]+(?:needs|seeks|is|ищет)",
               re.MULTILINE),
    # German: "Über Brenner" (a heading), "Die Kanzlei Berger sucht", "Bei Acme arbeitest du"
    re.compile(r"^\s*Über\s+(?:die\s+|den\s+|das\s+|uns\s+bei\s+)?" + _NAME + r"\s*:?\s*$",
               re.MULTILINE),
    re.compile(r"(?:^|(?<=[.!?]\s))(?:Die|Der|Das)\s+" + _NAME + r"[ \t]+(?:ist|sucht|bietet|"
               r"entwickelt|gehört|steht|zählt|wurde|betreibt|versorgt|produziert|vertreibt|"
               r"beschäftigt|betreut|unterstützt|plant|baut)\s", re.MULTILINE),
    re.compile(r"\bBei\s+(?:der\s+|dem\s+)?" + _NAME + r"[ \t]+(?:arbeitest|arbeiten|erwartet|"
               r"bist|gestaltest|entwickelst)\b"),
    re.compile(r"\b(?P<v>[" + _UP + r"][\w&.'\-]*(?:[ \t]+[" + _UP + r"0-9&][\w&.'\-]*){0,3}"
               r"[ \t]+" + _LEGAL_FORM + ")"),
]
# Sentences that open with the company, in the languages users feed: "A Acme oferece",
# "Acme es una consultora", "En Acme llevamos", "Acme recrute", "Chez Acme,", "Acme
# reinigt", "Компания «Acme»", "Acme是一家". A name found so is checked like any other.
_ACTS = (
    r"oferece|atua|desenvolve|contrata|busca|procura|opera|reúne|fabrica|produz|presta|ajuda|"
    r"cria|possui|nasceu|conecta|transforma|leva|está\s+(?:contratando|buscando|procurando)|"
    r"ofrece|desarrolla|requiere|selecciona|incorpora|gestiona|produce|lleva|cuenta\s+con|"
    r"nació|crea|recrute|recherche|conçoit|développe|propose|accompagne|accueille|crée|offre|"
    r"opère|exploite|distribue|réunit|emploie|édite|commercialise|aide|gère|sucht|bietet|"
    r"entwickelt|plant|baut|betreibt|versorgt|produziert|vertreibt|beschäftigt|betreut|"
    r"unterstützt|reinigt|liefert|macht|verbindet|gestaltet|hilft|fertigt|berät"
)
_ORG_NOUN = (
    r"(?:empresa|compa[ñn][íi]a|companhia|consultor|startup|scale-?up|fintech|ag[êe]ncia|agencia|"
    r"agence|est[úu]dio|studio|grupo|groupe|cabinet|entreprise|soci[ée]t[ée]|firme|fabricant|"
    r"distribu|rede|red|r[ée]seau|cadeia|cadena|cha[îi]ne|marca|marque|plata?forma|plateforme|"
    r"plattform|unternehmen|firma|familienunternehmen|hersteller|anbieter|dienstleister|"
    r"tour-op[ée]rateur|op[ée]rat|boulangerie|restaurant|h[ôo]tel|cl[íi]nica|clinique|klinik|"
    r"hospital|h[ôo]pital|escola|escuela|[ée]cole|universi|banco|banque|bank|coop[ée]rativ|"
    r"genossenschaft|associa|asociaci|verein|organi[sz]a|institu|funda|stiftung|laborat|"
    r"ind[úu]stri|tienda|loja|boutique|l[íi]der|leader|refer[êe]ncia|referente|r[ée]f[ée]rence|"
    r"multinacional|multinational|provedor|proveedor|fournisseur|prestataire|editor|[ée]diteur|"
    r"segurador|asegurador|assureur|varejista|minorista|d[ée]taillant|holding|pme|pyme|"
    r"handwerksbetrieb|betrieb|konzern|spezialist|sp[ée]cialiste|especialista|fabricante|"
    r"importador|exportador|cervejaria|cervecer[íi]a|brasserie|brauerei|bodega|vin[íi]cola|"
    r"domaine|bureau|escrit[óo]rio|despacho|kanzlei|praxis|apotheke|farm[áa]cia|pharmacie|"
    r"drogaria)\w*"
)
_IS_A = (r"(?:é|es|est|ist|c['’]est)[ \t]+(?:um|uma|un|una|une|ein|eine|einer|um dos|uma das|"
         r"una de las|uno de los|l['’]une? des|eines der|einer der)[ \t]+(?:[\w'’-]+[ \t]+){0,2}"
         + _ORG_NOUN)
_VERB = rf"(?:{_IS_A}|(?:{_ACTS})\b)"
_RU_VERBS = (r"разрабатывает|создает|создаёт|ищет|ищут|приглашает|производит|выполняет|"
             r"предлагает|является|занимается|работает|делает|помогает|развивает|—[ \t]")
_START = r"(?:^|(?<=[.!?]\s))[ \t]*"
_WORLD_PATTERNS = [
    re.compile(_START + r"(?:A|O|As|Os|El|La|Los|Las|Le|Les|L['’])[ \t]*" + _NAME
               + rf"[ \t]*,?[ \t]+(?:{_VERB}|empresa do|empresa del|é|es|est)", re.MULTILINE),
    re.compile(_START + _NAME + rf"[ \t]+{_VERB}", re.MULTILINE),
    re.compile(r"\bEn\s+" + _NAME + r"[ \t]+(?:llevamos|somos|buscamos|creemos|trabajamos|"
               r"queremos|tenemos|estamos|nos)\b"),
    re.compile(r"\b(?:Na|No)\s+" + _NAME + r",\s"),
    re.compile(r"\bChez\s+" + _NAME + r"[ \t]*,"),
    re.compile(r"\bsalarié(?:\(e\)|e)?\s+(?:de\s+|d['’])\s*" + _NAME),
    re.compile(r"\b(?:Rejoignez|Únete a|Junte-se à|Junte-se ao|Súmate a)\s+" + _NAME),
    re.compile(_START + _NAME + rf"[ \t]+(?:{_RU_VERBS})", re.MULTILINE),
    re.compile(r"(?:[Кк]омпани[яию]|ООО|АО|ПАО|ЗАО|ОАО|[Гг]рупп[аы] компаний|[Зз]авод|[Бб]анк|"
               r"[Кк]офейн[яи]|[Рр]есторан|[Мм]агазин|[Сс]еть|[Сс]тудия|[Фф]абрика|[Кк]омбинат|"
               r"[Кк]линика)\s+«(?P<v>[^»\n]{2,40})»"),
    re.compile(r"\bв\s+компани[юи]\s+«?(?P<v>[" + _UP + r"][^»\n,.]{1,40}?)»?(?=[\s,.]|$)"),
]
_ZH_PATTERNS = [
    re.compile(rf"(?:^|(?<=[。！？\n]))[ \t]*{_NAME_ZH}(?:是一家|是一个|是国内|是全球|是中国|"
               rf"是领先|专注于|致力于|成立于|创立于|隶属于)", re.MULTILINE),
    re.compile(rf"(?:^|(?<=[。！？，\n]))[ \t]*{_NAME_ZH}[ \t]*(?:正在招聘|诚聘)", re.MULTILINE),
]
# words that open a sentence but name no one: pronouns, determiners, articles
_NOT_FIRST_WORDS = frozenset("""
você voce vocês ele ela eles elas nosso nossa nossos nossas seu sua este esta esse essa cada
todo toda usted ustedes él nuestro nuestra nuestros nuestras su tu nous vous il elle ils
elles notre nos votre vos ce cette chaque on wir sie er es ihr unser unsere dein deine ihre
jeder we you they our your this each we're мы вы он она они наш наша ваш ваша каждый это
""".split())
_ARTICLES = frozenset("a o as os el la los las le les l' l’ die der das den dem".split())
_ZH_NOT_NAMES = re.compile("^(?:我们|我司|本公司|公司|该公司|这是|我|本|现|因)")


def _pattern_names(text: str, is_place: IsPlace | None) -> Iterator[tuple[str, int]]:
    head = re.sub(r"\*\*|__", "  ", text[:8000])  # same length: spans stay true
    for pattern in _LATIN_PATTERNS:
        for match in pattern.finditer(head):
            if _not_junk(match.group("v")) and (pattern is _LATIN_PATTERNS[-1]
                                                 or not _TITLE_WORD.search(match.group("v"))):
                name = clean_company(_drop_articles(match.group("v")))
                yield name, match.start("v") + max(match.group("v").find(name), 0)
    for pattern in _WORLD_PATTERNS:
        for match in pattern.finditer(head):
            name = clean_company(_sentence_name(match.group("v")))
            if (name and _plausible_name(name, is_place) and not _AGENCY.search(match.group(0))
                    and (len(name.split()) > 1 or "«" in match.group(0)
                         or _mentions(text, name) >= 2)):
                yield name, match.start("v") + match.group("v").find(name)
    for pattern in _ZH_PATTERNS:
        for match in pattern.finditer(head):
            name = match.group("v")
            if not _ZH_NOT_NAMES.match(name) and _plausible_name(name, is_place):
                yield name, match.start("v")


def _sentence_name(name: str) -> str:
    """A name that opens a sentence, without a leading article and a trailing connector:
    "Die Sachsenstrom Energie" -> "Sachsenstrom Energie"; "Wir", "Nosso" -> ""."""
    words = _drop_articles(name).split()
    if words and words[0].casefold() in _NOT_FIRST_WORDS:
        return ""
    return _trim_connectors(" ".join(words))


def _drop_articles(name: str) -> str:
    """"Die Isarsoft Solutions GmbH" -> "Isarsoft Solutions GmbH" ("The" stays: names keep it)."""
    words = name.split()
    while len(words) > 1 and words[0].casefold() in _ARTICLES:
        words.pop(0)
    return " ".join(words)


def _mentions(text: str, name: str) -> int:
    """How often the text names ``name`` as a whole word, in any case."""
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE))


# ---------------------------------------------------------------- shared steps

def _clean_value(value: str) -> str:
    return " ".join(value.replace("\n", " ").split()).strip(" -–|:·•")


def _add(out: list[Candidate], text: str, value: Any, origin: str, start: int = -1) -> None:
    if not isinstance(value, str):
        return
    value = _clean_value(value)
    if not (2 <= len(value) <= 150) or value.casefold() in _NOT_A_NAME:
        return
    if any(c.value.casefold() == value.casefold() for c in out):
        return
    found = text.find(value, max(start, 0)) if start >= 0 else -1
    start = found if found >= 0 else text.find(value)
    out.append(Candidate(value, origin, start, start + len(value) if start >= 0 else -1))


def _sorted(cands: list[Candidate]) -> list[Candidate]:
    return sorted(cands, key=lambda c: (RANK[c.origin], c.start if c.start >= 0 else 10**9))


def _jsonld_value(jsonld: list[dict[str, Any]], *path: str) -> Any:
    for item in jsonld:
        value: Any = item
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value:
            return value
    return None


def _lines(text: str) -> list[tuple[str, int]]:
    """Each line with the offset where it starts."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append((line, start))
        start += len(line) + 1
    return out


def _without_people(text: str) -> str:
    """The text with a recruiter's card, poster and contact lines, and chat headers
    blanked (same length, so spans into it are spans into the text)."""
    chars = list(text)
    for start, end in _people_spans(text):
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _without_agency_header(text: str) -> str:
    """The text without its first block when that names a recruiting agency and its line
    of business ("CORDILLERA HEADHUNTERS / Búsqueda ejecutiva | Minería"): no title there."""
    first = text.lstrip("\n").split("\n\n", 1)[0]
    if not _AGENCY.search(first.split("\n", 1)[0]) or len(first) > 200:
        return text
    at = text.find(first)
    return text[:at] + re.sub(r"[^\n]", " ", first) + text[at + len(first):]


def _people_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _PERSON_LINE.finditer(text):
        yield match.start(), match.end()
    lines = _lines(text)
    for i, (line, start) in enumerate(lines):
        if _HANDLE.match(line) or _CARD_START.match(line):
            end = next((j for j in range(i + 1, min(i + 5, len(lines))) if not lines[j][0].strip()),
                       min(i + 4, len(lines)))
            last = lines[end - 1]
            yield start, last[1] + len(last[0])


_PERSON_NAME = re.compile(
    r"(?i:posted by|publicad[oa] por|postad[oa] (?:em .{0,30} )?por|publi[ée]e? par|"
    r"veröffentlicht von)[ \t]+" + _NAME + r"|(?i:recruteu(?:r|se)|recruiter|recrutador[a]?|"
    r"reclutador[a]?|contact[oe]?|contato|kontakt|ansprechpartner(?:in)?|контактное лицо|"
    r"контакт|консультант)[ \t]*[:：][ \t]*(?:(?i:frau|herr|sr\.|sra\.|mme|m\.|mr\.|ms\.|"
    r"mrs\.|dr\.)[ \t]+)?" + _NAME.replace("(?P<v>", "(?P<w>"),
)


def _person_names(text: str) -> set[str]:
    """The names of the people a posting names as its poster or contact ("Publicado por Ana
    Souza", "Recruteur : Julien Morel"): whatever else the text says of them, not a firm."""
    return {_trim_connectors(m.group("v") or m.group("w")).casefold()
            for m in _PERSON_NAME.finditer(text[:8000])}


def _trim_connectors(name: str) -> str:
    words = name.split()
    while len(words) > 1 and re.fullmatch(_CONN, words[-1]):
        words.pop()
    return " ".join(words)


def _labels(text: str, keys: frozenset[str]) -> Iterator[tuple[str, str, int]]:
    """(label, value, start of value) for every labelled line whose label is one of
    ``keys``: "Label: value", "| Label | value |", a label alone above its value, and an
    API object's "empresa:" whose value sits in its "nombre:" under it."""
    head = text[:LABEL_CHARS]
    found: list[tuple[int, str, str]] = []
    for pattern in (_LABEL_COLON, _LABEL_PIPE, _LABEL_ALONE):
        for match in pattern.finditer(head):
            key = _key(match.group("label"))
            value = _NEXT_LABEL.split(match.group("v"))[0].strip(" *_")
            if key in keys and value and not _KEY_VALUE.match(value):
                found.append((match.start("v"), match.group("label"), value))
            elif key in keys and pattern is _LABEL_COLON:
                found.extend(_nested_names(head, match.end()))
    for start, label, value in sorted(found):
        yield label, value, start


def _nested_names(text: str, after: int) -> Iterator[tuple[int, str, str]]:
    """"empresa:\\nrazon_social: X\\nnombre_comercial: Y": the names under a company key."""
    for match in _LABEL_COLON.finditer(text, after, min(len(text), after + 300)):
        if _key(match.group("label")) in _NAME_SUBKEYS and match.group("v").strip():
            yield match.start("v"), match.group("label"), match.group("v").strip()


def _by_support(cands: list[Candidate], text: str) -> list[Candidate]:
    """Rank order, but among guessed names prefer one the text repeats (a real company is
    named again in the body; a city or a tagline is not)."""
    def key(c: Candidate) -> tuple[int, int, int]:
        guessed = RANK[c.origin] >= RANK["byline"]
        repeats = text.count(c.value) if guessed else 0
        return (RANK[c.origin] if not guessed else RANK["byline"], -min(repeats, 3),
                c.start if c.start >= 0 else 10**9)

    return sorted(cands, key=key)


def _short_names(cands: list[Candidate], text: str) -> list[Candidate]:
    """A Chinese registered name ("深圳麦田云科技") gives way to the short name the text uses
    for the same firm ("麦田云"), in its place in the order."""
    out: list[Candidate] = []
    for cand in cands:
        short = next((c for c in cands if c is not cand and len(c.value) < len(cand.value)
                      and c.value in cand.value and re.search(f"[{_CJK}]", c.value)
                      and text.count(c.value) > text.count(cand.value)), None)
        pick = Candidate(short.value, cand.origin, short.start, short.end) if short else cand
        if all(c.value != pick.value for c in out):
            out.append(pick)
    return out
