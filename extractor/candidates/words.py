"""The vocabulary of titles and company names in the languages users feed: the nouns
that make a line a job title, the tags a title loses, the labels, legal forms and words
that mark a name, a person, an agency or a board's meta line. A leaf: only regular
expressions and word sets."""

from __future__ import annotations

import re
import unicodedata

from extractor.load import COMPANY_KEYS, TITLE_KEYS

# ---------------------------------------------------------------- letters

UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"  # capitals (Latin, Latin-1, Latin Extended-A, Cyrillic)

_LO = "a-zß-öø-ÿа-яё"

CJK = "\u4e00-\u9fff"

EMOJI = re.compile("[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+")


# ---------------------------------------------------------------- title words

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
    "cleaner|housekeeper|caregiver|dispatcher|controller|generalist|counselor|counsellor"
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

TITLE_WORD = re.compile(
    rf"\b(?:{_EN_NOUNS}|{_PT_NOUNS}|{_ES_NOUNS}|{_FR_NOUNS})(?:s|es)?\b"
    rf"|\b(?:{_RU_STEMS})|(?:{_DE_ENDINGS})(?:in|innen)?\b|{_ZH_NOUNS}|{_GENDER_TAG}",
    re.IGNORECASE,
)

# a marker that ends the title; one inside it stays, so that the title is still as written
GENDER = re.compile(rf"\s*(?:{_GENDER_TAG}|(?<=\s)[-–]?\s*[mwfhdx](?:/[mwfhdx]){{1,3}})\s*$",
                    re.IGNORECASE)  # "(H/F)", "(m/w/d)", and bare: "Vendeur H/F", "- m/w/d"


# ---------------------------------------------------------------- tags a title loses

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

TAG_RE = re.compile(rf"(?:(?:{_TERMS}|{_TAG_EXTRA})(?:[\s,/+&.:·-]+|$|(?<=[\u4e00-\u9fff])))+",
                     re.IGNORECASE)

TAG_CORE = re.compile(rf"(?:{_TERMS})|\d|LATAM|EMEA|APAC|DACH|ma[ñn]ana|tarde|noche|manh[ãa]|"
                       rf"noite|matin|soir|nuit|nacht|schicht", re.IGNORECASE)

TITLE_TAIL = re.compile(
    rf"\s*(?:[|｜]|\s[–—-]\s(?=[^–—-]*(?:{_TERMS}|\d|[$€£₽]))|\s[$€£₽]\s?\d|"
    rf"\(multiple levels\)|[(（](?:{_TERMS})\b[^()（）]{{0,40}}[)）]\s*$|"
    rf"\s(?:in|auf|en|em)\s+(?:{_TERMS})[\w-]*\s*$|"
    # pay after the title: "Java开发工程师 15-25K", "运营专员8-12K·13薪"
    rf"(?:\s|(?<=[\u4e00-\u9fff）)]))\d[\d.,]*\s?[-–~]\s?\d[\d.,]*\s?(?:k|千|万|元)).*$",
    re.IGNORECASE,
)

TITLE_HEAD = re.compile(
    r"^(?:#+\s*)?(?:【[^】\n]{1,16}】\s*|\[[^\]\n]{1,20}\]\s*)?"
    r"(?:(?:stage|alternance|mission freelance|internship|contract|cdd|cdi|urgente?|urgent|"
    r"vaga|oportunidade|急招|急聘|诚聘)\s*[–—:：|｜-]\s*)?"
    # a classified's opening words: "Vaga para", "Se busca", "Требуется", "招聘"
    r"(?:(?:vaga (?:para|de)|oportunidade para|precisa-se de|contrata-se|se busca|se necesita|"
    r"se requiere|oferta de (?:empleo|trabajo)(?: de| para)?|offre d['’]emploi\s*:?|"
    r"nous recrutons|on recrute|wir suchen(?: ab sofort)?|требуется|требуются|нужен|нужна|"
    r"招聘|急招)\s*[:：]?\s+(?:(?:um|uma|un|una|une?|eine?n?|eine/n|un\(e\))\s+)?)?"
    # a heading about the role: "About the Senior Designer" states the title
    r"(?:about the\s+(?=\S+(?:\s+\S+)?))?",
    re.IGNORECASE,
)

# a title whose line breaks were lost runs into the next label: "House CoordinatorFLSA
# Status: Hourly": it stops at the glue; so does one that runs on into a field's label
# after a space ("Senior Counsel Location: Palo Alto")
GLUED_LABEL = re.compile(
    r"(?<=[a-z]{2})(?=[A-Z][\w ]{1,30}:)|\s+(?=(?:Location|Locations|Salary|Pay|Pay Rate|Rate|"
    r"Compensation|Job Type|Type|Employment Type|Work Type|Schedule|Hours|Shift|Department|"
    r"Start Date|Duration|Reports To|Job ID|Ref|Reference|Deadline|Closing Date)\s?:)")

# the last part of a title that a tag may be: "(…)", "（…）", or after " – ", " - ", ", "
LAST_PART = re.compile(r"(?:\s*[(（][^()（）]{1,60}[)）]|\s+[–—-]\s+[^–—]{1,60}|,\s+[^,]{1,40})$")

FIRST_PART = re.compile(r"^([^|｜–—:：]{1,30})\s*[|｜–—:：]\s*")

DIGITS_PAREN = re.compile(r"\s*\(\d{1,6}\)$")  # "Marseille (13)", "Lille (59000)"

# "Cholet (49)", "Lyon (69003)": a French place with its department or postcode
DEPARTMENT = re.compile(r"[^\d()]{2,40}\s\((?:\d{2}|2[AB]|\d{5})\)")

ZH_PLACE = re.compile(
    "(?:北京|上海|广州|深圳|杭州|成都|南京|武汉|西安|苏州|天津|重庆|长沙|郑州|青岛|厦门|合肥|"
    "济南|大连|沈阳|宁波|东莞|佛山|无锡|福州|昆明|哈尔滨|长春|石家庄|南昌|贵阳|南宁|太原|兰州|"
    "珠海|常州|温州|香港|澳门|台北|全国)"
)

# names of large cities that are also English words; never read as a place in a title
NOT_PLACES = frozenset({"mobile", "reading", "orange", "split", "nice", "victoria", "sales",
                         "independence", "temple", "surprise", "normal", "marketing"})


# ---------------------------------------------------------------- labels

def label_key(label: str) -> str:
    """A label in the one form compared: no accents, case or separators ("Intitulé du
    poste :" -> "intituleduposte", "job_title" -> "jobtitle")."""
    plain = unicodedata.normalize("NFKD", label.casefold())
    return "".join(c for c in plain if c.isalnum())


def _keys(*words: str) -> frozenset[str]:
    return frozenset(label_key(w) for w in words)


TITLE_LABELS = _keys(
    *TITLE_KEYS, "job title", "title", "position", "position title", "role", "job role",
    "vacancy", "opening", "vaga", "cargo", "oportunidade", "título da vaga", "nome da vaga",
    "posição", "puesto", "vacante", "título del puesto", "nombre del puesto", "título",
    "posición", "poste", "intitulé du poste", "intitulé de poste", "intitulé",
    "titre du poste", "stelle", "stellenbezeichnung", "stellentitel", "jobtitel",
    "stellenanzeige", "berufsbezeichnung", "职位", "职位名称", "岗位", "岗位名称", "招聘职位",
    "招聘岗位", "职务", "вакансия", "должность", "позиция", "название вакансии",
    "oferta de empleo", "oferta de trabajo", "offre d'emploi", "stellenangebot", "jobangebot",
    "anúncio", "anuncio", "título do anúncio",
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
NAME_SUBKEYS = _keys("name", "nome", "nombre", "nom", "display name", "nombre comercial",
                      "razón social", "razao social", "legal name", "trade name", "short name",
                      "brand name", "名称", "简称", "название")

LABEL_COLON = re.compile(
    r"^[ \t]*(?:[-•*·▪●>|]+[ \t]*)?(?:\*\*|__)?(?P<label>[^\W\d_][^:：|\n*]{0,38}?)[ \t]*"
    r"(?:\*\*|__)?[ \t]*(?:[:：]|\s[–-]\s)[ \t]*(?:\*\*|__)?[ \t]*(?P<v>[^\n]*?)[ \t]*$",
    re.MULTILINE,
)

LABEL_PIPE = re.compile(
    r"^[ \t]*\|?[ \t]*(?P<label>[^\W\d_][^:：|\n]{0,38}?)[ \t]*\|[ \t]*(?P<v>[^\n|]+?)[ \t]*\|?"
    r"[ \t]*$", re.MULTILINE,
)

KEY_VALUE = re.compile(r"[\w .'-]{1,30}[:：]")  # a value that is itself "razon_social: X"

NEXT_LABEL = re.compile(r"\s+[^\s:：]{1,12}[:：]\s")  # "公司名称：X 法定代表人：Y": X ends there

LABEL_ALONE = re.compile(r"^[ \t]*(?:\*\*|__)?(?P<label>[^\W\d_][^:：|\n*]{0,38}?)"
                          r"(?:\*\*|__)?[ \t]*[:：]?[ \t]*(?:\*\*|__)?[ \t]*\n(?:[ \t]*\n)?"
                          r"[ \t]*(?P<v>[^\n]{2,80})$", re.MULTILINE)


# ---------------------------------------------------------------- names and legal forms

CONN = (r"(?:of|the|for|and|&|de|du|des|da|do|dos|das|del|la|le|les|los|las|y|e|et|und|für|"
         r"и|di|van|von)")

_WORD = rf"[{UP}][\w&.'’\-]*"

NAME = rf"(?P<v>{_WORD}(?:[ \t]+(?:{_WORD}|[0-9][\w&.'\-]*|{CONN})){{0,4}})"

NAME_ZH = rf"(?P<v>[{CJK}A-Za-z0-9]{{2,12}}?)"

# a legal form after a name: "Nordwind Logistik GmbH", "Andina Huarango S.A.C.", "Acme Ltd"
LEGAL_FORM = (r"(?:GmbH(?:\s*&\s*Co\.\s*KG(?:aA)?)?|gGmbH|mbH|AG|SE|KGaA|KG|OHG|UG"
               r"(?:\s*\(haftungsbeschränkt\))?|e\.\s?V\.|Ltd\.?|Limited|LLC|L\.L\.C\.|LLP|PLC|"
               r"Inc\.?|Corp\.?|Pvt\.?\s*Ltd\.?|Pty\.?\s*Ltd\.?|Private Limited|Ltda\.?|Lda\.?|"
               r"EIRELI|S/A|S\.A\.S\.|S\.A\.C\.|S\.A\.U\.|S\.L\.U\.|S\.A\.|S\.L\.|"
               r"S\.\s?de\s?R\.L\.(?:\s?de\s?C\.V\.)?|S\.A\.\s?de\s?C\.V\.|SARL|SASU|SAS|EURL|SNC|"
               r"B\.V\.|N\.V\.|S\.p\.A\.|S\.r\.l\.|Oy|AB|A/S|ApS|ASA|CJSC|OJSC|JSC|PJSC)(?![\w])")

_LEGAL_PREFIX_WORDS = (r"(?:ООО|ОАО|ЗАО|ПАО|АО|ИП|НКО|ФГУП|ГУП|МУП|OOO|ZAO|OAO|PAO|LLC|CJSC|OJSC|"
                       r"JSC)")

LEGAL_PREFIX = re.compile(rf"^{_LEGAL_PREFIX_WORDS}\s+")

LEGAL_SUFFIX = re.compile(rf",?\s+{LEGAL_FORM}\.?$")

ZH_LEGAL = re.compile("(?:集团)?(?:股份有限公司|有限责任公司|有限公司)$")

# Chinese names end with what the firm does: "米粒科技", "北辰软件", "澜海医疗"
ZH_ORG = re.compile(
    "(?:科技|网络|集团|公司|银行|医疗|软件|信息|教育|传媒|文化|电子|智能|数据|证券|保险|汽车|物流|"
    "电商|互联|数码|股份|控股|实业|贸易|咨询|餐饮|地产|制药|药业|生物|能源|新材料|工作室|研究院|"
    "医院|学校|大学)$"
)

QUOTES = "«»“”„\"'「」『』《》‹›"

# a recruiting agency or headhunter: it posts for the employer, it is not the employer
AGENCY = re.compile(
    r"head-?hunt|\bhunting\b|recruit|recrut|reclut|talent|personalberatung|personaldienst|"
    r"personalvermittlung|zeitarbeit|staffing|猎头|人才|кадров|рекрут|агентств|подбор",
    re.IGNORECASE,
)

# a company the text does not name: "Empresa confidencial", "某上市公司", "Наш клиент"
ANONYMOUS = re.compile(
    r"confiden|vertraulich|конфиденц|保密|^某|^一家|\b(?:our|nosso|nossa|nuestro|nuestra|notre|"
    r"unser\w*|наш\w*)\s+(?:client|cliente|kunde|mandant|клиент)|^(?:a|an|uma|um|una|un|une|"
    r"ein|eine|une)\s", re.IGNORECASE,
)

NOT_A_NAME = {
    "we", "our", "you", "the", "this", "job", "about", "company", "role", "position", "us",
    "apply", "remote", "hybrid", "description", "responsibilities", "requirements",
}

NOT_A_COMPANY = re.compile(
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
    r"aufgaben|profil|missions|обязанности|требования|условия|"
    # the English section and field headings a body-only posting repeats ("Benefits")
    r"benefits|perks|overview|qualifications|requirements|responsibilities|duties|summary|"
    r"job (?:id|description|summary|type)|(?:company|role|position) description|level|"
    r"compensation|education|skills|"
    # the posting's own words and departments in the other languages
    r"vagas?|oportunidades?|posi[çc][ãa]o|cargo|fun[çc][ãa]o|equipe|time|[áa]rea|puesto|"
    r"vacantes?|ofertas?|posici[óo]n|equipo|poste|offres?|[ée]quipe|mission|stelle|position|"
    r"abteilung|вакансия|должность|команда|позиция|отдел|"
    r"tecnologia da informa[çc][ãa]o|ti|financeiro|comercial|marketing digital|"
    r"log[íi]stica|opera[çc][õo]es|administrativo|jur[íi]dico|atendimento|suporte|"
    r"tecnolog[íi]a de la informaci[óo]n|finanzas|operaciones|administraci[óo]n|"
    r"atenci[óo]n al cliente|informatique|ressources humaines|logistique|op[ée]rations|"
    r"juridique|service client|personal|einkauf|buchhaltung|verwaltung|logistik|"
    r"kundenservice|produktion|ит|продажи|маркетинг|финансы|логистика|бухгалтерия|"
    r"производство|atividades|fun[çc][õo]es|perfil|diferenciais|qualifica[çc][õo]es|tareas|"
    r"requerimientos|ofrecemos|avantages|wir bieten|(?:dein|ihr) profil|"
    r"(?:deine|ihre) aufgaben|задачи|岗位职责|任职要求|福利待遇|职位描述|"
    # a heading glued to the sentence under it: "Equal Opportunity Employer Acme is ..."
    r"equal (?:opportunity|employment) .*)$",
    re.IGNORECASE,
)

SHOUTED_LABEL = re.compile(r"^[A-Z\s]+:?$")

CHROME_LINE = re.compile(
    r"^(?:apply(?: now)?|save|share|logo|sign in|log in|menu|home|careers|jobs|back|"
    r"remote|hybrid|on-?site|full[- ]time|part[- ]time|internship|contract|new)$|"
    r"@|https?://|^[\w ]{2,20}:\s|\s·\s.*\b(?:remote|full[- ]time|part[- ]time|hybrid)\b",
    re.IGNORECASE,
)

# "Company – City", "Company · City · Hybrid", "Company - Columbus, OH": the byline under a title.
BYLINE = re.compile(r"^(?P<v>[^\n·–—|]{2,60}?)\s+(?:[·–—|]|-\s)\s*\S")

# the name that starts a header line, up to its first separator, digit or bracket
HEAD_NAME = re.compile(r"^(?P<v>[^\n·•|｜–—,(（\d★:：]{2,80}?)\s*(?:$|[·•|｜–—,(（\d★]|\s-\s)")


# ---------------------------------------------------------------- people, boards, headers

# A recruiter's card: a username line ("sophie_talents31", "k.meier_recruiting") and the
# lines under it (their headline, "1 sem."), up to a blank line.
HANDLE = re.compile(r"^[ \t]*(?:@?[a-z0-9]+(?:[._-][a-z0-9]+)*[._][a-z0-9]+[ \t]*$|"
                     r"(?:\*\*)?@[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\*\*)?(?=[ \t]*$|\*?\*?:))")

CARD_START = re.compile(
    r"^[ \t]*(?:conheça a pessoa que publicou a vaga|meet the hiring team|conoce al equipo|"
    r"rencontrez l['’]équipe|lernen sie das team|познакомьтесь с)", re.IGNORECASE,
)

# lines that name a person who posts or answers, never the employer
PERSON_LINE = re.compile(
    r"^.*\b(?:posted by|publicad[oa] por|postad[oa] (?:em .{0,30} )?por|publi[ée]e? par|"
    r"veröffentlicht von|опубликовал\w*|разместил\w*)\b.*$|"
    r"^[ \t]*(?:[-•*]\s*)?(?:recruteu(?:r|se)|recruiter|recrutador[a]?|reclutador[a]?|"
    r"contact[oe]?|contato|kontakt|ansprechpartner(?:in)?|контакт\w*|联系人|顾问|hr|rh)"
    r"[ \t]*[:：].*$|"
    r"^[ \t]*\*\*[^*\n]{2,40}\*\*[ \t]+\d{1,2}:\d{2}[ \t]*$|"  # "**Luiza Andrade** 10:42"
    r"^[ \t]*#[\w-]+(?:[ \t]+·.*)?$|"  # a chat channel: "#jobs-intern · heute 08:14"
    rf"^[ \t]*[{CJK}]{{1,3}}(?:女士|先生|小姐)[ \t]*$",  # "王女士"
    re.IGNORECASE | re.MULTILINE,
)

# "Belo Horizonte, Brasil · há 2 dias · 34 candidaturas": the line under a board's title
META_LINE = re.compile(
    r"·.*(?:\d+\+?\s*(?:applicants?|candidaturas?|candidatos|solicitudes|postulantes|"
    r"postulaciones|candidatures?|candidats|bewerber\w*|bewerbungen|откликов|отклика|отклик|"
    r"位申请者|人申请|申请者)|\bago\b|\bhá\s+\d|\bhace\s+\d|\bil y a\b|\bvor\s+\d|"
    r"\d+\s*(?:周|天|小时|个月)前|назад)", re.IGNORECASE,
)

HIRING_VERB = re.compile(
    r"\b(?:ищет|ищем|ищут|busca|buscamos|procura|procuramos|contrata|recrute|recherche|"
    r"sucht|suchen|seeks|is hiring|we(?:'re| are) hiring|está contratando)\b|正在招聘|诚聘",
    re.IGNORECASE,
)

BULLET = re.compile(r"^[ \t]*(?:[•·▪●✓✔►>*+]|[-–—]\s|\d{1,2}[.)]\s|[一二三四五六七八九十]、)")

SENTENCE_ZH = re.compile("[，。；！？]")

# a label line ("职位：财务总监", "Ort: Bern"), a hashtag, an address; a requirement or a
# sentence that lost its bullet or full stop ("Experience as a Loan Officer", "We are
# seeking a ..."): not a title line
NOT_TITLE_LINE = re.compile(
    r"^[^:：]{1,24}(?::[\s-]|:$|：)|(?:^|\s)#\w|https?://|www\.|@|"
    r"(?i:^(?:experience|proven|strong|excellent|solid|demonstrated|ability|abilities|"
    r"knowledge|familiarity|understanding|proficiency|must|minimum|at least|fully|"
    r"we|we're|you|you'll|your|our|this|the ideal|responsible|seeking|looking|as an?)\b)")

# the sentence that names the role: "This is a full-time on-site role for a Fire Safety
# Designer located in ...", "Acme is seeking a hands-on Vice President of Sales to lead";
# what follows is read up to its capitalised words (``titles._sentence_titles``)
# (the article may be missing: "We are looking for Senior Widget Engineer (m/f)")
ROLE_SENTENCE = re.compile(
    r"\b(?:role|position|opening|vacancy|opportunity) for (?:an?|the)\s+|"
    r"\b(?:(?:is|are|we're|currently|now) (?:looking for|hiring|recruiting)(?: for)?|seeking|"
    r"seeks) (?:(?:an?|the)\s+|(?-i:(?=[A-Z])))", re.IGNORECASE)

# the lower-case words a sentence puts between its article and the role: adjectives
# ("passionate and experienced", "calm, patient and tidy"), never a word that ends the
# role or names no one ("to", "in", "who", "person")
ROLE_LEAD = re.compile(
    r"(?:(?!(?:to|in|at|on|for|with|who|that|of|person|people|candidates?|someone|"
    r"individuals?)\b)[a-z][\w-]*(?:,\s+|\s+(?:and|&)\s+|\s+)){0,4}(?=[A-Z])")

MD_HEADING = re.compile(r"^#{1,4}[ \t]+(?P<v>[^\n]{2,150})$", re.MULTILINE)

# where a header's name runs into the next field after its line breaks were lost
GLUED_CUT = re.compile(
    r"(?i)(?:publicad[ao]s?|publi[ée]e?|posted|hace\s+\d|há\s+\d|il y a|vor\s+\d|вчера|"
    r"сегодня|\d+\s*(?:天|周|小时)前)"
)

# "JavaScript", "PostgreSQL": words that join a lower-case and a capital letter themselves
CAMEL_WORDS = frozenset("""
javascript typescript coffeescript postgresql mysql nosql graphql devops devsecops mlops
finops wordpress woocommerce sharepoint powerpoint powershell powerbi github gitlab bitbucket
linkedin youtube fastapi pytorch netsuite hubspot salesforce quickbooks solidworks autocad
bigquery jetbrains macos ios paypal doordash tiktok openai chatgpt deepmind clickhouse
mongodb dynamodb mariadb rabbitmq activemq nodejs vuejs reactjs nextjs nestjs angularjs
jquery openapi openshift cloudformation elasticsearch datadog servicenow workday successfactors
mcdonald mcdonald's mckinsey
""".split())

GLUE = re.compile(rf"(?<=[{_LO})\]）])(?=[{UP}][{_LO}])|(?<=[)）])(?=[{CJK}])")

GLUED_LINE_CHARS = 160
GLUED_HEAD_CHARS = 600  # a glued header's fields are read in this much of its line

AT_COMPANY = re.compile(rf"^(?P<t>.+?)\s+(?P<w>chez|bei|at|@|в\s+компани[юи]|na|no|en)\s+"
                         rf"[{QUOTES}]?{NAME}[{QUOTES}]?\s*$")

# a heading about the firm or the job ("Sobre a Acme", "关于职位"): the sentence patterns
# read the firm's name from it, the header never takes it whole
ABOUT_HEADING = re.compile(
    r"(?i)(?:about|sobre|acerca de|[àa] propos|über|о компании|о нас)\s|关于")
# a header line that opens with the same word: "bei Nordlicht Versicherung AG"
AT_WORD = re.compile(r"^(?:chez|bei|at|@|en|na|no|für|в\s+компании)\s+(?=[" + UP + r"«])")
# "Mitarbeiter bei Bedarf", "Ingeniero en Minas": the name must be corroborated first
AMBIGUOUS_AT = frozenset({"bei", "na", "no", "en"})

CLIENT = re.compile(
    r"\b(?:our|a)\s+(?-i:client),?\s+|\b(?:nosso|nossa)\s+cliente,?\s+(?:a\s+|o\s+)?|"
    r"\bnuestro\s+cliente,?\s+|\bnotre\s+client,?\s+|"
    r"\bunsere[ns]?\s+(?:kunden|mandanten),?\s+(?:der|die|des|dem)?\s*|\bнаш\s+клиент\s*[—–-]?\s*",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- company sentences

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

VERB = rf"(?:{_IS_A}|(?:{_ACTS})\b)"

RU_VERBS = (r"разрабатывает|создает|создаёт|ищет|ищут|приглашает|производит|выполняет|"
             r"предлагает|является|занимается|работает|делает|помогает|развивает|—[ \t]")

START = r"(?:^|(?<=[.!?]\s))[ \t]*"

# words that open a sentence but name no one: pronouns, determiners, articles
NOT_FIRST_WORDS = frozenset("""
você voce vocês ele ela eles elas nosso nossa nossos nossas seu sua este esta esse essa cada
todo toda usted ustedes él nuestro nuestra nuestros nuestras su tu nous vous il elle ils
elles notre nos votre vos ce cette chaque on wir sie er es ihr unser unsere dein deine ihre
jeder we you they our your this each we're мы вы он она они наш наша ваш ваша каждый это
what who why how where when which here there that these those
""".split())

ARTICLES = frozenset("a o as os el la los las le les l' l’ die der das den dem".split())

ZH_NOT_NAMES = re.compile(
    "^(?:我们|我司|本公司|公司|该公司|这是|我|本|现|因|职位|岗位|工作|招聘|这个)")

PERSON_NAME = re.compile(
    r"(?i:posted by|publicad[oa] por|postad[oa] (?:em .{0,30} )?por|publi[ée]e? par|"
    r"veröffentlicht von)[ \t]+" + NAME + r"|(?i:recruteu(?:r|se)|recruiter|recrutador[a]?|"
    r"reclutador[a]?|contact[oe]?|contato|kontakt|ansprechpartner(?:in)?|контактное лицо|"
    r"контакт|консультант)[ \t]*[:：][ \t]*(?:(?i:frau|herr|sr\.|sra\.|mme|m\.|mr\.|ms\.|"
    r"mrs\.|dr\.)[ \t]+)?" + NAME.replace("(?P<v>", "(?P<w>"),
)
