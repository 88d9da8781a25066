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
    sentence        the role a body sentence names: "a full-time role for a Fire Safety
                    Designer located in", "is seeking a Vice President of Sales to"
                    (a title only; no header is read around it)

The same rules read what a posting's own title and company are NOT: a recruiter's card
(a username line and the lines under it, "Publicado por Ana Souza", "Recruteur : ..."),
a chat message's header, the name of a recruiting agency that posts for a client, a
place, a contract or workplace tag, a department. Titles lose gender markers ("(m/w/d)",
"(H/F)") and trailing workplace, contract, schedule and place tags ("- Remoto",
"| Híbrido", "– CDI", "（北京）"); companies lose their legal form ("GmbH", "Ltda.", "ООО",
"有限公司", for a Chinese name the short form the text itself uses). Other postings'
blocks ("Vagas semelhantes", "相似职位") are cut by the cleaner before this stage.

The package, one module per concern, each importing only those above it in this list:

    words.py      the vocabulary (a leaf): title nouns, tags, labels, legal forms, markers
    base.py       Candidate, the origin ranks, the steps every source shares
    reading.py    lines, labels, blanked recruiter cards, glued headers, tags and places
    names.py      a company name as the labels write it; whether a string names a firm
    titles.py     title candidates and ``clean_title``
    companies.py  company candidates
"""

from extractor.candidates.base import MAX_CANDIDATES, RANK, TOP_CHARS, Candidate, IsPlace
from extractor.candidates.companies import company_candidates
from extractor.candidates.names import clean_company
from extractor.candidates.titles import clean_title, title_candidates
from extractor.candidates.words import COMPANY_LABELS, TITLE_LABELS

__all__ = [
    "COMPANY_LABELS", "MAX_CANDIDATES", "RANK", "TITLE_LABELS", "TOP_CHARS", "Candidate",
    "IsPlace", "clean_company", "clean_title", "company_candidates", "title_candidates",
]
