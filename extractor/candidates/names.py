"""A company name as the labels write it, and whether a string names a firm at all."""

from __future__ import annotations

import re
from typing import Any

from extractor.candidates.base import IsPlace, mentions
from extractor.candidates.reading import is_place_text, is_tag, strip_marks
from extractor.candidates.words import (
    AMBIGUOUS_AT,
    ANONYMOUS,
    CHROME_LINE,
    CJK,
    CONN,
    LEGAL_FORM,
    LEGAL_PREFIX,
    LEGAL_SUFFIX,
    NOT_A_COMPANY,
    QUOTES,
    SHOUTED_LABEL,
    TITLE_WORD,
    UP,
    ZH_LEGAL,
    ZH_ORG,
)


def company_tail(part: str) -> bool:
    """A title's last part that names the employer: a Chinese firm's name, a legal form."""
    part = strip_marks(part)
    if re.fullmatch(rf"[{CJK}A-Za-z0-9]{{2,16}}", part) and re.search(f"[{CJK}]", part):
        return bool(ZH_ORG.search(part) or ZH_LEGAL.search(part))
    return bool(re.search(rf"\s{LEGAL_FORM}\.?$", part))


MAX_NAME = 150  # longer is no name (candidates are at most this long)


def clean_company(value: Any) -> Any:
    """A company name as the labels write it: no quotes, markdown, rating, description in
    brackets, or legal form ("Isarsoft Solutions GmbH" -> "Isarsoft Solutions")."""
    if not isinstance(value, str):
        return value
    first = value.splitlines()[0] if value.strip() else value
    name = strip_marks(first[:MAX_NAME]).strip(QUOTES + " ")
    quoted = re.search(r"«([^»]{2,60})»", name)  # "Завод «Уралхим»": the name is quoted
    name = quoted.group(1) if quoted else name
    name = re.split(r"\s*[(（]|\s+[·|｜–—]\s*|\s+-\s+|\s+\d[,.]\d\s*★", name)[0]
    name = re.sub(r"(?i)^logo\s+|\s+logo$", "", name)  # "Acme Logo": an image's alt text
    name = ZH_LEGAL.sub("", name)
    for _ in range(2):
        name = LEGAL_SUFFIX.sub("", LEGAL_PREFIX.sub("", name.strip(QUOTES + " ")))
    return name.strip(QUOTES + " ,.;")


def legal_name(line: str) -> str | None:
    """The name of a line that is a company with its legal form ("ООО Онега Софт",
    "Saffronleaf Technologies Pvt. Ltd.", "ARQELL CJSC")."""
    head = re.split(r"\s+[·|｜–—]\s+|\s+-\s+", line.strip())[0]
    if LEGAL_PREFIX.match(head) or re.search(rf"\s{LEGAL_FORM}\.?$", head):
        name = clean_company(head)
        return name if name and name != head else None
    return None


def names_company(at: re.Match[str], text: str) -> bool:
    """"... at Acme", "... chez Acme": the company; "... bei Bedarf", "... na Zona Sul" only
    when the text names it again (or it has its legal form)."""
    if at.group("w").casefold() not in AMBIGUOUS_AT:
        return True
    return mentions(text, clean_company(at.group("v"))) >= 2 or bool(legal_name(at.group("v")))


def plausible_name(name: str, is_place: IsPlace | None = None, shouted: bool = False) -> bool:
    """Whether a string found where a name may be reads as a firm's name: short, capitalised
    (or Chinese), no digits, not a job title, a tag, a place, a department or a secret."""
    if not name or len(name) > 80 or any(c.isdigit() for c in name):
        return False
    cjk = re.search(f"[{CJK}]", name)
    if cjk:
        return (re.fullmatch(f"[{CJK}A-Za-z]{{2,16}}", name) is not None
                and not TITLE_WORD.search(name) and not is_place_text(name, is_place))
    words = name.split()
    named = [w for w in words if not re.fullmatch(CONN, w)]
    if not (1 <= len(named) <= 7) or len(words) > 10 or not re.match(f"[{UP}]", name):
        return False
    if any(not re.match(rf"[{UP}]|{CONN}$", w) and not re.search(f"[{UP}]", w)
           for w in words):
        return False  # "Empresa do setor da distribuição": a description
    if SHOUTED_LABEL.match(name) and not (shouted and len(name) > 3 and ":" not in name):
        return False
    return (not TITLE_WORD.search(name) and not CHROME_LINE.search(name)
            and not_junk(name, shouted) and not is_tag(name, is_place)
            and not is_place_text(name, is_place) and not ANONYMOUS.search(name))


def not_junk(name: str, shouted: bool = False) -> bool:
    """Not a department, a shouted section label or leftover mojibake."""
    from ftfy.badness import is_bad

    shout = SHOUTED_LABEL.match(name) and not shouted
    return not (NOT_A_COMPANY.search(name) or shout or is_bad(name))
