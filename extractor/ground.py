"""Grounding: every value must be supported by the cleaned text (or the page's data).

Values from page structured data and from the parsers carry spans already. A value
from the model is searched for in the text; when no support is found it is dropped
(``grounding="drop"``, the default) or kept with a warning (``"warn"``). Either way
the output line says which fields were not grounded.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.merge import Merged

_KEYWORDS: dict[str, dict[str, str]] = {
    "workplace_type": {
        "remote": r"remote|telecommut|work from home|wfh|удал[её]нн|télétravail",
        "hybrid": r"hybrid|гибрид|hybride|télétravail partiel",
        "onsite": r"on-?site|in[- ]office|on location|в офисе|sur site|présentiel",
    },
    "employment_types": {
        "full_time": r"full[- ]?time|полная занятость|temps plein|\bCDI\b",
        "part_time": r"part[- ]?time|частичная|temps partiel",
        "contract": r"contract|freelance|договор|\bCDD\b",
        "temporary": r"temporar|\btemp\b|\bCDD\b|временн",
        "internship": r"intern|стажир|\bstage\b|alternance|apprenti",
        "volunteer": r"volunteer|bénévol|волонт",
        "per_diem": r"per diem|\bPRN\b",
        "other": r".",
    },
    "education_level": {
        "high_school": r"high school|GED|secondary|среднее",
        "associate": r"associate|Bac\s*\+\s*2",
        "bachelor": r"bachelor|\bB\.?S\.?c?\b|\bB\.?A\.?\b|degree|высшее|licence|Bac\s*\+\s*3",
        "master": r"master|\bM\.?S\.?c?\b|MBA|магистр|Bac\s*\+\s*5",
        "doctorate": r"ph\.?d|doctor|doctorate|кандидат наук|doctorat",
    },
    "seniority": {
        "internship": r"intern|стаж|stagiaire",
        "entry": r"entry|junior|\bjr\b|graduate|младш|débutant",
        "mid": r"\bmid\b|intermediate|\bII\b|middle",
        "senior": r"senior|\bsr\b|staff|principal|старш|ведущ|confirmé",
        "lead": r"\blead\b|лид|tech lead",
        "manager": r"manager|менеджер|руководител",
        "director": r"director|head of|директор",
        "executive": r"chief|\bVP\b|vice president|\bC[ETOFM]O\b|executive",
    },
    "visa_sponsorship": {"True": r"visa|sponsor", "False": r"visa|sponsor"},
}


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _has(text: str, value: str) -> int:
    """Start of ``value`` in ``text`` (case and whitespace insensitive), or -1."""
    if not value:
        return -1
    pattern = r"\s+".join(re.escape(part) for part in value.split())
    match = re.search(pattern, text, re.IGNORECASE)
    return match.start() if match else -1


def _number_forms(amount: float) -> list[str]:
    whole = int(amount)
    grouped = f"{whole:,}"
    forms = [grouped, str(whole), grouped.replace(",", " "), grouped.replace(",", ".")]
    if whole % 1000 == 0 and whole >= 1000:
        forms += [f"{whole // 1000}k", f"{whole // 1000} k", f"{whole // 1000}K"]
    if amount != whole:
        forms.append(f"{amount:g}")
    return forms


def _supports_amount(text: str, amount: float | None) -> bool:
    if amount is None:
        return True
    flat = text.replace("\u00a0", " ").replace("\u202f", " ")
    return any(form in flat for form in _number_forms(amount))


def _supports(name: str, value: Any, text: str) -> bool:
    if isinstance(value, list):
        return all(_supports(name, item, text) for item in value)
    if name in _KEYWORDS:
        pattern = _KEYWORDS[name].get(str(value))
        return bool(pattern and re.search(pattern, text, re.IGNORECASE))
    if name == "salary":
        return _supports_amount(text, value.get("min")) and _supports_amount(text, value.get("max"))
    if name == "locations":
        return any(_has(text, str(v)) >= 0 for k, v in value.items() if k != "raw" and v)
    if name == "experience_years_min":
        return re.search(rf"\b{int(value)}\b", text) is not None
    if name in ("date_posted", "valid_through"):
        return str(value)[:4] in text or "ago" in text.casefold()
    if isinstance(value, str):
        return _has(text, value[:60]) >= 0
    return False


def _evidence_for(value: Any, text: str) -> list[dict[str, Any]]:
    if not isinstance(value, str):
        return []
    start = _has(text, value)
    if start < 0:
        return []
    return [{"start": start, "end": start + len(value), "text": text[start : start + len(value)]}]


def ground(merged: Merged, text: str, mode: str) -> list[str]:
    """Check model-sourced values against ``text``; returns warnings for the output line."""
    warnings: list[str] = []
    for name in [n for n, source in merged.sources.items() if source == "model"]:
        value = merged.values[name]
        if isinstance(value, list):
            kept = [item for item in value if _supports(name, item, text)]
            dropped = len(value) - len(kept)
        else:
            supported = _supports(name, value, text)
            kept, dropped = (value if supported else None), (0 if supported else 1)
        if dropped:
            warnings.append(f"{name}: {dropped} value(s) not found in the text")
            if mode == "drop":
                _drop(merged, name, kept)
                continue
        if name not in merged.evidence:
            spans = [s for v in (value if isinstance(value, list) else [value])
                     for s in _evidence_for(v, text)]
            if spans:
                merged.evidence[name] = spans
    return warnings


def _drop(merged: Merged, name: str, kept: Any) -> None:
    if kept:
        merged.values[name] = kept
    else:
        merged.values.pop(name, None)
        merged.sources.pop(name, None)
        merged.evidence.pop(name, None)
