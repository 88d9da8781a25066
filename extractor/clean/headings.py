"""The heading vocabulary: where a posting's sections start, and where the posting ends.

``SECTION_HEADINGS``  heading phrases by record field (``parse.sections`` reads the items
                      under them; "other" headings end a section);
``COMPANY_HEADINGS``  the "other" headings that start text about the employer ("About
                      us", "About Vercel:", "Who we are", "О компании"), which names the
                      company's products, not the job's skills;
``GLUED_HEADINGS``    the closed list of headings that exports glue to a neighbouring
                      word, put back on a line of their own by the cleaner;
``TAIL_RE``           a line where other postings start ("Similar jobs at X", "Vagas
                      semelhantes", "类似职位", "recommendJobs:"): the cleaner cuts that block
                      and ``parse.base.posting_end`` stops every parser there.

The glued list is narrower than the section phrases on purpose: it must never split a
name ("McDonald", "PayPal"). Five of its headings (``SUBLABEL_HEADINGS``) are not section
headings: inside a section, "Education:" or "Skills:" is a sub-label, and its items still
belong to the section (a test pins this relation, so the lists cannot drift apart).
"""

from __future__ import annotations

import re

_Q = "(?:'|’)?"  # optional apostrophe: "you'll", "you’ll", "youll"
_AND_WORDS = (r"(?:skills|experience|education|requirements|qualifications|abilities|"
              r"competencies|knowledge)")

SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "responsibilities": (
        r"(?:key |main |primary |core |essential |your |job |the |role |principal |general )?"
        r"(?:duties (?:and|&) )?responsibilities(?: (?:and|&) duties)?(?: include)?",
        r"(?:essential |job |main |key |your |primary )?(?:duties|functions)"
        r"(?: (?:and|&) responsibilities)?(?: include)?(?:,? but (?:are )?not limited to)?",
        rf"what you{_Q}ll (?:be )?do(?:ing)?", r"what you will (?:be )?do(?:ing)?",
        r"what will you (?:be )?do(?:ing)?", rf"what you{_Q}ll work on",
        r"what you will work on", r"in this role,? you will", r"(?:your |main |key )?tasks",
        r"(?:vos |les |principales )?missions(?: principales)?", r"vos responsabilit[ée]s",
        r"vos t[âa]ches", r"обязанности", r"(?:ваши |основные )?задачи",
        r"чем (?:вам )?предстоит заниматься", r"(?:deine |ihre )?aufgaben",
    ),
    "preferred_qualifications": (
        r"(?:preferred|desired|desirable|additional|bonus) (?:qualifications?|skills|experience"
        r"|requirements?)", r"preferred", r"nice[\s-]to[\s-]haves?(?: skills)?",
        r"bonus points?(?: if you have)?", rf"it{_Q}s a (?:plus|bonus) if you have",
        r"pluses", r"extra credit", r"preferred (?:qualities|background)", r"good to have",
        r"(?:les )?atouts",
        r"(?:ce )?serait un plus", r"будет плюсом", r"преимуществом будет",
    ),
    "requirements": (
        r"(?:minimum |basic |required |key |essential |job |your |the |mandatory )?"
        rf"(?:qualifications?|requirements?)(?: (?:and|&) {_AND_WORDS})?",
        r"required (?:skills|experience|qualifications)(?: (?:and|&) experience)?",
        rf"(?:skills|experience|education) (?:and|&) {_AND_WORDS}",
        rf"what you{_Q}ll bring", r"what you bring", r"what you will bring",
        rf"what we{_Q}re looking for", r"what we are looking for", r"what we look for",
        r"who you are", r"about you", r"you have", rf"you{_Q}ll have",
        r"you will most likely have", r"your profile", r"your know-how",
        r"your (?:skills|experience|background|qualifications)",
        r"(?:the )?ideal candidate(?: will have)?", r"must[\s-]haves?", r"required",
        r"profil recherch[ée]", r"votre profil", r"comp[ée]tences requises",
        r"требования(?: к кандидату)?", r"мы ждем от вас", r"(?:dein |ihr )?profil",
        r"anforderungen",
    ),
    "benefits": (
        r"(?:our |your |employee |key |the )?benefits(?: (?:and|&) perks)?",
        r"perks(?: (?:and|&) benefits)?", r"what we offer", r"we offer",
        rf"what{_Q}s in it for you", r"why join us", rf"what you{_Q}ll get", r"what you get",
        r"our offer", r"avantages", r"ce que nous (?:vous )?offrons", r"nous (?:vous )?offrons",
        r"pourquoi nous rejoindre", r"условия(?: работы)?", r"мы предлагаем", r"wir bieten",
    ),
    "other": (
        r"about (?:us|the company|the role|the team|the job|the position)", r"about \w+",
        r"company (?:description|overview|profile)", r"role (?:description|overview|summary)",
        r"position (?:summary|overview|description)", r"job (?:description|summary|overview"
        r"|details)", r"description", r"overview", r"summary", r"who we are",
        r"our (?:team|mission|story|company|values)", r"the (?:role|opportunity|team|company)",
        r"your role", r"compensation(?: range)?", r"salary(?: range)?",
        r"(?:us |base )?pay (?:range|rate)", r"remuneration(?:/ ?salary)?", r"how to apply",
        r"application (?:procedures?|deadline|process)", r"to apply",
        r"equal (?:employment )?opportunit\w*", r"eeo\w*", r"top skills", r"similar jobs",
        r"(?:job |work )?location", r"job type", r"schedule", r"start date", r"duration",
        r"additional (?:information|notes|selection criteria)", r"selection process",
        r"disclaimer", r"(?:our )?(?:hiring|interview) process", r"о компании",
        r"ключевые навыки", r"description du poste", r"qui sommes-nous", r"похожие вакансии",
        r"physical (?:requirements|demands)", r"working conditions", r"work environment",
        r"travel required", r"other duties", r"(?:leadership|supervisory) responsibilities",
        r"additional job description",
    ),
}

# Headings of text about the employer rather than the job. "About X" is about the company
# unless X is the role, the team, the job or the reader.
COMPANY_HEADINGS: tuple[str, ...] = (
    r"about (?!(?:the |this |our )?(?:role|team|job|position|opportunity|you|department)\b)"
    r"(?:us|[\w&.'’-]+(?: [\w&.'’-]+){0,3})",
    r"who we are", r"company (?:description|overview|profile)", r"the company",
    r"our (?:mission|story|company|values)", r"о компании", r"о нас", r"qui sommes-nous",
    r"(?:[àa] propos|à propos de nous|à propos de l['’]entreprise)", r"über uns",
    r"wer wir sind", r"das unternehmen", r"sobre (?:nós|nosotros|la empresa|a empresa)",
    r"quiénes somos", r"关于我们", r"公司介绍",
)
SECTION_HEADINGS["other"] += COMPANY_HEADINGS

# Section headings that exports glue to the previous or next word. A closed list, so that
# names such as "McDonald" are never split.
GLUED_HEADINGS: tuple[str, ...] = (
    "Job Description", "Company Description", "Role Description", "Position Description",
    "Job Summary", "Position Summary", "Summary", "Overview", "Company Overview",
    "Responsibilities", "Key Responsibilities", "Main Responsibilities", "Duties",
    "Main Duties", "Essential Duties", "Job Duties", "Requirements", "Job Requirements",
    "Qualifications", "Job Qualifications", "Minimum Qualifications", "Basic Qualifications",
    "Preferred Qualifications", "Required Qualifications", "Required Skills",
    "Required Knowledge and Skills", "Skills", "Benefits", "Perks", "Compensation",
    "Salary", "Pay", "Education", "Experience", "Job Type", "Schedule", "Work Location",
    "About Us", "About the Role", "About the Company", "About You", "Who You Are",
    "What You'll Do", "What You Will Do", "What We Offer", "What You Bring",
    "Why Join Us", "The Role", "The Opportunity", "Company Profile", "Your Profile",
    "Your Responsibilities", "Job Details", "Location", "Role",
)
# Short words that also start names ("PayPal", "Rolex"): split only when a colon follows.
COLON_ONLY = frozenset({"Pay", "Role", "Skills", "Salary", "Summary", "Education",
                        "Experience", "Location", "Schedule", "Overview", "Perks", "Duties"})

# glued headings that ``parse.sections`` reads as sub-labels inside a section
SUBLABEL_HEADINGS = frozenset({"Skills", "Pay", "Education", "Experience", "Role"})

# Other postings from here on: "similar jobs", "people also viewed", recommendations, in
# every language users feed, and the keys API objects give such lists ("similarJobs",
# "avisos_relacionados"). Each form is a whole line, in markdown or bold marks or not,
# with a count after it or not ("Vagas semelhantes (12)"); the open forms ("Jobs at
# Acme", "Outras vagas da Acme") take a short tail that is no sentence, so a sentence of
# the posting ("Outras vagas estão abertas no site.") never matches.
_REST = r"(?:\s+[^\n.!?。！？]{1,60})?"  # a short rest of the line: a name, a city, "for you"
_TAIL_EN = (
    r"(?:similar|related|recommended|suggested|other|more)\s+(?:job\s+)?(?:jobs|vacancies"
    r"|positions|openings|roles|postings|listings|opportunities|offers)"
    r"(?:\s+(?:at|from|in|near|like\s+this(?:\s+one)?|for\s+you|you\s+may\s+(?:also\s+)?like"
    r"|you\s+might\s+(?:also\s+)?like)\b[^\n.!?]*)?"
    r"|similar\s+jobs\b[^\n]*|more\s+jobs\s+at\b[^\n]*|jobs\s+at\s+[^\n]{1,60}"
    r"|(?:more\s+)?jobs\s+like\s+this(?:\s+one)?|jobs\s+for\s+you|recommended\s+for\s+you"
    r"|(?:jobs\s+)?you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in)"
    r"|people\s+(?:who\s+viewed\s+this\s+job\s+)?also\s+(?:viewed|applied(?:\s+(?:for|to))?)"
    r"|recently\s+viewed\s+jobs|explore\s+(?:similar|related|more|other)\s+jobs"
)
_TAIL_PT = (
    r"(?:vagas|empregos|oportunidades|ofertas)(?:\s+de\s+emprego)?\s+(?:semelhantes|similares"
    r"|relacionad[ao]s|recomendad[ao]s|sugerid[ao]s|parecid[ao]s)" + _REST +
    r"|(?:vagas|oportunidades|ofertas)\s+que\s+(?:podem|possam)\s+(?:te\s+|lhe\s+)?interessar"
    r"|(?:outras|mais)\s+vagas" + _REST +
    r"|pessoas\s+(?:que\s+viram\s+esta\s+vaga\s+)?também\s+(?:viram|visualizaram"
    r"|se\s+candidataram)|quem\s+viu\s+esta\s+vaga\s+também\s+viu"
    r"|(?:você\s+)?(?:também\s+)?pode\s+(?:se\s+interessar|gostar)(?:\s+por|\s+de)?"
    r"|recomendad[ao]s\s+para\s+você"
)
_TAIL_ES = (
    r"(?:empleos|ofertas|vacantes|trabajos|puestos|avisos)(?:\s+de\s+(?:empleo|trabajo))?"
    r"\s+(?:similares|relacionad[oa]s|recomendad[oa]s|parecid[oa]s|sugerid[oa]s)" + _REST +
    r"|(?:otr[oa]s|más)\s+(?:empleos|ofertas|vacantes|trabajos|puestos|avisos)" + _REST +
    r"|(?:personas\s+que|(?:los\s+)?usuarios|otras\s+personas)\s+también\s+(?:vieron"
    r"|han\s+visto)\b[^\n.!?]{0,40}"
    r"|(?:quienes|(?:las\s+)?personas\s+que)\s+vieron\s+este\s+(?:empleo|aviso|puesto|trabajo"
    r"|anuncio)\s+también\s+vieron"
    r"|(?:también\s+)?te\s+(?:puede|podría|pueden|podrían)\s+interesar"
    r"|(?:empleos|ofertas)\s+que\s+te\s+(?:pueden|podrían)\s+interesar"
    r"|recomendad[oa]s\s+para\s+ti"
)
_TAIL_FR = (
    r"(?:offres|emplois|postes|annonces)(?:\s+d['’]emploi)?\s+(?:similaires|recommandées"
    r"|associées|connexes|proches|suggérées)" + _REST +
    r"|(?:nos\s+|d['’]|les\s+)?autres\s+(?:offres|annonces|postes|emplois)" + _REST +
    r"|vous\s+(?:pourriez|pouvez|pourrez)\s+(?:aussi\s+|également\s+)?être\s+"
    r"intéressée?(?:\(e\))?\s+par|ces\s+offres\s+(?:pourraient|peuvent)\s+vous\s+intéresser"
    r"|(?:les\s+(?:candidats|internautes|membres)|d['’]autres\s+personnes)\s+ont\s+"
    r"(?:aussi|également)\s+consulté|recommandées?\s+pour\s+vous"
)
_TAIL_DE = (
    r"(?:ähnliche|weitere|passende|empfohlene|verwandte)\s+(?:jobs|stellen\w*|jobangebote"
    r"|anzeigen|positionen|vakanzen)\b[^\n]*"
    r"|das\s+könnte\s+(?:dich|sie)\s+auch\s+interessieren"
    r"|andere\s+(?:nutzer|bewerber|kandidaten)(?:\s+\w+){0,3}\s+auch(?:\s+\w+){0,2}"
    r"|andere\s+haben\s+sich\s+auch\s+\w+"
    r"|jobs,?\s+die\s+(?:dich|sie)\s+interessieren\s+könnten|mehr\s+jobs\s+(?:von|bei)\b[^\n]*"
)
_JOBS_ZH = r"(?:职位|職位|岗位|崗位|职缺|職缺|工作机会|工作機會)"  # simplified, traditional
_TAIL_ZH = (
    rf"(?:相似|类似|類似|相关|相關|推荐|推薦|热门|熱門|热招|熱招|更多){_JOBS_ZH}"
    rf"|(?:为你|为您|為你|為您)(?:推荐|推薦)(?:的?{_JOBS_ZH})?|看过(?:该|此|这个){_JOBS_ZH}的人(?:还|也)看(?:了|过)"
    rf"|看過(?:該|此|這個){_JOBS_ZH}的人(?:還|也)看(?:了|過)"
    rf"|(?:该公司|這家公司|这家公司|該公司|公司)?的?(?:其他|其它|更多)(?:在招|实习|實習)?{_JOBS_ZH}"
    r"|(?:其他人|其他用户|大家)(?:还|也|還)看(?:了|过|過)"
    rf"|(?:你|您)?可能(?:还|還)?(?:会|會)?感(?:兴趣|興趣)的{_JOBS_ZH}|猜你喜欢|猜你喜歡"
)
# a Chinese heading may run on into its cards after a space or a bar ("猜你喜欢 前台文员 ...")
_TAIL_ZH = rf"(?:{_TAIL_ZH})(?:[ \t\u3000｜|][^\n]*)?"
_TAIL_RU = (
    r"похожие\s+(?:вакансии|предложения|объявления)\b[^\n]*"
    r"|(?:другие|ещё|еще)\s+(?:вакансии|объявления)" + _REST +
    r"|(?:рекомендуемые|подходящие|рекомендованные)\s+вакансии|вакансии\s+для\s+вас"
    r"|вам\s+(?:также\s+)?(?:могут|может)\s+(?:подойти|понравиться|быть\s+интересн[ыа])"
    r"|вас\s+(?:также\s+)?(?:могут|может)\s+заинтересовать"
    r"|с\s+этой\s+вакансией\s+(?:также\s+)?(?:смотрят|просматривают)"
    r"|вакансии,?\s+похожие\s+на\s+эту"
)
# Keys of API objects, as the loader renders them ("similarJobs:"); a plain word
# ("recommendations", "similar") only in the lower case of a key, never a heading
# ("Recommendations:").
_TAIL_KEYS = (
    r"(?:similar|related|recommend(?:ed)?|suggested|other|more)[_-]?(?:jobs?|vacanc(?:y|ies)"
    r"|positions?|postings?|offers?|listings?|openings?)"
    r"|(?:avisos|vagas|ofertas|empleos|vacantes|offres)[_-](?:relacionad[oa]s|similares"
    r"|semelhantes|similaires|recomendad[oa]s)"
    r"|(?-i:recommend(?:ed|ations)?|jobRecommendations|job_recommendations|recomendaciones"
    r"|recomendações|recomendacoes|recommandations|suggestions|similar|related|рекомендации)"
)
_TAIL = "|".join((_TAIL_EN, _TAIL_PT, _TAIL_ES, _TAIL_FR, _TAIL_DE, _TAIL_ZH, _TAIL_RU,
                  _TAIL_KEYS))
_MARKS = r"(?:#{1,6}[ \t]+)?(?:\*\*|__)?"
_COUNT = r"(?:[ \t]*[(\[（]?[ \t]*\d[\d \t.,]*[)\]）]?)?"
TAIL_RE = re.compile(rf"(?im)^[ \t]*{_MARKS}(?:{_TAIL}){_COUNT}(?:\*\*|__)?[ \t:：]*$")

