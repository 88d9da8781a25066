"""Grounding: every value must be supported by the cleaned text (or the page's data).

Values from page structured data and from the parsers carry spans already. A value
from the model is checked by its field's check in ``CHECKS``: an enum value or a pay
range by its parser's ``supports`` (the parser's own words: one vocabulary per field; a
pay range's amounts in any form the salary parser reads, "15K", "1.5万", "R$ 5 mil",
"150 тыс.", with its currency and period named), a string by a search in the text (a URL
whole), a number, a date or a place by its parts. When no support is found the value is
dropped (``grounding="drop"``, the default) or kept with a warning (``"warn"``). Either
way the output line says which fields were not grounded. A field with no check is a
programming error, raised, never a silent drop.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from extractor.fields import FIELDS, FieldSpec, Kind
from extractor.merge import Merged
from extractor.parse import SUPPORTS


def _has(text: str, value: str) -> int:
    """Start of ``value`` in ``text`` (case and whitespace insensitive), or -1."""
    if not value:
        return -1
    pattern = r"\s+".join(re.escape(part) for part in value.split())
    match = re.search(pattern, text, re.IGNORECASE)
    return match.start() if match else -1


def _supports_string(value: Any, text: str) -> bool:
    return isinstance(value, str) and _has(text, value[:60]) >= 0


def _supports_url(value: Any, text: str) -> bool:
    """The whole URL is written in the text (not only its first characters)."""
    return isinstance(value, str) and bool(value) and value.casefold() in text.casefold()


def _supports_location(value: dict[str, Any], text: str) -> bool:
    return any(_has(text, str(v)) >= 0 for k, v in value.items() if k != "raw" and v)


def _supports_number(value: float, text: str) -> bool:
    return re.search(rf"\b{int(value)}\b", text) is not None


def _supports_date(value: Any, text: str) -> bool:
    return str(value)[:4] in text or "ago" in text.casefold()


Check = Callable[[Any, str], bool]
# a field's kind (extractor.fields) -> the check its model values must pass
GENERIC: dict[Kind, Check] = {
    "text": _supports_string,
    "url": _supports_url,
    "number": _supports_number,
    "date": _supports_date,
    "location": _supports_location,
}


def _check_for(spec: FieldSpec) -> Check | None:
    """An enum, bool or pay field's parser check (extractor.parse.SUPPORTS), else its
    kind's."""
    return SUPPORTS.get(spec.name) or GENERIC.get(spec.kind)


# record field -> the check a model's value (or each item of a list) must pass; an enum or
# bool field whose parser has no check is left out, and grounding raises on it
CHECKS: dict[str, Check] = {
    spec.name: check for spec in FIELDS if (check := _check_for(spec)) is not None
}


def _supports(name: str, value: Any, text: str) -> bool:
    """Whether ``text`` supports the model's ``value`` for field ``name``.

    Raises:
        LookupError: ``name`` has no check in ``CHECKS``: an enum or bool field needs its
            parser's ``supports`` in ``extractor.parse.SUPPORTS``; any other field its
            kind in ``extractor.fields``.
    """
    check = CHECKS.get(name)
    if check is None:
        raise LookupError(f"grounding has no check for field {name!r}: add its parser's "
                          "supports() to extractor.parse.SUPPORTS (enum and bool fields), "
                          "or give it a kind in extractor/fields.py")
    return check(value, text)


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
            kept: Any = [item for item in value if _supports(name, item, text)]
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
