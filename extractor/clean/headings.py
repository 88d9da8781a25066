"""The heading vocabulary: where a posting's sections start, and where the posting ends.

``SECTION_HEADINGS``  heading phrases by record field (``parse.sections`` reads the items
                      under them; "other" headings end a section);
``COMPANY_HEADINGS``  the "other" headings that start text about the employer ("About
                      us", "About Vercel:", "Who we are", "О компании"), which names the
                      company's products, not the job's skills;
``GLUED_HEADINGS``    the closed list of headings that exports glue to a neighbouring
                      word, put back on a line of their own by the cleaner;
``TAIL_RE``           a line where other postings start ("Similar jobs at X", "Похожие
                      вакансии"): the cleaner cuts from there and ``parse.base.posting_end``
                      stops every parser there;
``LATE_TAIL_RE``      such lines in the other languages users feed ("Vagas semelhantes",
                      "类似职位", "recommendJobs:"), which stop the parsers only late in the
                      text (``parse.base.posting_end`` says why).

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

# Other postings from here on. Each form is a whole line ("Similar jobs", "More jobs at
# Acme", "Jobs at Acme", "Other openings"); a line starting "Similar jobs" or "Похожие
# вакансии" counts whatever follows it.
_TAIL = (
    r"(?:similar|related|recommended|other|more)\s+(?:jobs|vacancies|positions|openings|roles)"
    r"(?:\s+(?:at|from|like\s+this|for\s+you|you\s+may\s+like)\b[^\n]*)?"
    r"|similar\s+jobs\b[^\n]*|more\s+jobs\s+at\b[^\n]*|jobs\s+at\s+[^\n]{1,60}"
    r"|you\s+may\s+also\s+like|people\s+also\s+viewed"
    r"|похожие\s+вакансии\b[^\n]*|offres\s+similaires"
    r"|(?:ähnliche|weitere|passende)\s+(?:jobs|stellen(?:angebote|anzeigen)?|anzeigen)\b[^\n]*"
    r"|das\s+könnte\s+(?:dich|sie)\s+auch\s+interessieren"
    # the same blocks in the other languages users feed
    r"|(?:vagas|ofertas|empleos|vacantes|trabajos|offres(?:\s+d['’]emploi)?|emplois|postes)\s+"
    r"(?:semelhantes|similares|similaires|relacionad[oa]s|recomendad[oa]s|recommandées?)\b[^\n]*"
    r"|(?:outras|mais|otras|más|autres)\s+(?:vagas|ofertas|offres)\b[^\n]{0,60}"
    r"|(?:voc[êe]\s+)?também\s+pode\s+(?:gostar|interessar)[^\n]{0,30}"
    r"|(?:también\s+te\s+puede|te\s+pueden?)\s+interesar[^\n]{0,30}"
    r"|personas\s+que\s+también\s+vieron[^\n]{0,40}|quem\s+viu\s+esta\s+vaga[^\n]{0,40}"
    r"|ces\s+offres\s+pourraient\s+vous\s+intéresser|vous\s+pourriez\s+aussi\s+aimer"
    r"|(?:другие|рекомендуемые)\s+вакансии\b[^\n]{0,60}|вам\s+могут\s+подойти"
    r"|(?:相似|类似|相关|推荐|更多|其他)(?:职位|岗位)(?:推荐)?：?"  # not "相关工作经验…"
    r"|看过(?:该|此|这个)?(?:职位|岗位)的人还看了|猜你喜欢|为你推荐"
    # the same list as an API object's key ("relatedJobs:", "avisos_relacionados:")
    r"|(?:related|recommended|recommend|similar|other|more)[_ ]?(?:jobs?|postings?|positions?|"
    r"vacancies|offers)|(?:avisos|vagas|ofertas|empleos|offres|jobs)_(?:relacionad[oa]s|"
    r"similares|semelhantes|similaires|recomendad[oa]s)"
)
TAIL_RE = re.compile(rf"(?im)^[ \t]*(?:{_TAIL})[ \t:]*$")

# The same in Portuguese, Spanish, French, Russian and Chinese, and as API keys
# ("recommendJobs", "avisos_relacionados"). Pages in these languages put the block before
# the posting as often as after it, where a cut to the next (English) section heading would
# take the posting with it; so the cleaner leaves these lines alone.
_LATE_TAIL = (
    r"vagas?\s+(?:semelhantes|similares|relacionadas|recomendadas|parecidas)"
    r"|(?:outras|mais)\s+vagas(?:\s+(?:da|de|do|na|em)\b[^\n]*)?"
    r"|quem\s+viu\s+(?:esta|essa)\s+vaga\s+tamb[ée]m\s+viu|voc[êe]\s+tamb[ée]m\s+pode\s+gostar"
    r"|(?:ofertas|empleos|vacantes|trabajos|puestos|avisos)\s+(?:similares|relacionad[oa]s|"
    r"recomendad[oa]s|parecid[oa]s)|(?:otras|m[áa]s)\s+(?:ofertas|vacantes)(?:\s+(?:de|en)\b[^\n]*)?"
    r"|tambi[ée]n\s+(?:te|le)\s+puede\s+interesar"
    r"|(?:offres|emplois|postes|annonces)(?:\s+d['’]emploi)?\s+(?:similaires|recommand[ée]es|"
    r"associ[ée]es)|autres\s+offres(?:\s+(?:de|chez)\b[^\n]*)?"
    r"|vous\s+pourriez\s+[êe]tre\s+int[ée]ress[ée]\S*(?:\s+par)?|ces\s+offres\s+pourraient\s+"
    r"vous\s+int[ée]resser|(?:andere|[äa]hnliche)\s+(?:stellen|jobs|angebote)\b[^\n]*"
    r"|(?:другие|рекомендуемые|подходящие)\s+вакансии\b[^\n]*|вакансии,?\s+похожие\s+на\s+эту"
    r"|(?:相似|类似|類似|相关|相關|推荐|推薦|更多|其他)(?:职位|職位|岗位|職缺)|看过该职位的人还看了"
    r"|看過該職位的人還看了|猜你喜欢|为你推荐|為你推薦"
    r"|(?:similar|related|recommend(?:ed)?|other|more)[_ ]?(?:jobs|postings|positions|vacancies|"
    r"offers|listings)|recommend(?:ations)?|(?:avisos|ofertas|vagas|empleos)_(?:relacionad[oa]s|"
    r"similares|semelhantes)"
)
LATE_TAIL_RE = re.compile(rf"(?im)^[ \t]*(?:{_LATE_TAIL})[ \t:：]*$")
