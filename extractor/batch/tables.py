"""The flat columns of the CSV and Parquet outputs, from the record's fields.

Which fields have columns comes from ``extractor.fields`` (a field with ``csv=()`` has
none); a field's values spread over columns by its kind:

* pay ranges (``salary``): the first ``PAY_RANGES`` each get numbered columns, one per
  part of a SalaryRange in the record's order: ``salary_1_min``, ``salary_1_max``,
  ``salary_1_currency``, ``salary_1_period``, ``salary_1_raw``, ``salary_1_annual_min``,
  ``salary_1_annual_max``, then ``salary_2_...``; the raw text of any further ranges goes
  to ``salary_more_raw``, joined with " | ". A fixed count, not the file's largest: the
  header is written before the first line and a resumed file keeps it.
* places (``locations``): every place's raw text in ``locations`` joined with " | ", and
  the first place's parts in ``location_city``, ``location_region``, ``location_country``.
* any other field: one column of its own name (CSV joins a list's items with "; ").

Then the run's columns: the error's type and message, whether the line came from the
cache, and the tokens spent.
"""

from __future__ import annotations

from typing import Any

from extractor.fields import FIELDS
from extractor.record import Location, SalaryRange

PAY_RANGES = 3  # pay ranges with numbered columns; the raw text of the rest: salary_more_raw
JOIN = " | "  # between the items of a joined place or pay column
PAY_PARTS: tuple[str, ...] = tuple(SalaryRange.model_fields)
PLACE_PARTS: tuple[str, ...] = tuple(name for name in Location.model_fields if name != "raw")
PAY_MORE = "salary_more_raw"
RUN_COLUMNS = ("error_type", "error_message", "cached", "prompt_tokens", "completion_tokens")


def pay_column(number: int, part: str) -> str:
    """``salary_2_annual_min``: part ``part`` of the ``number``-th pay range (from 1)."""
    return f"salary_{number}_{part}"


def place_column(part: str) -> str:
    """``location_city``: part ``part`` of the first place."""
    return f"location_{part}"


def _field_columns(name: str, kind: str) -> tuple[str, ...]:
    if kind == "salary":
        numbered = (pay_column(n, part) for n in range(1, PAY_RANGES + 1) for part in PAY_PARTS)
        return (*numbered, PAY_MORE)
    if kind == "location":
        return (name, *map(place_column, PLACE_PARTS))
    return (name,)


RECORD_COLUMNS: tuple[str, ...] = tuple(
    column for spec in FIELDS if spec.csv for column in _field_columns(spec.name, spec.kind))
COLUMNS: tuple[str, ...] = ("source", *RECORD_COLUMNS, *RUN_COLUMNS)


def _raws(items: list[dict[str, Any]]) -> str | None:
    return JOIN.join(str(item.get("raw") or "") for item in items) or None


def _pay_values(pay: list[dict[str, Any]]) -> dict[str, Any]:
    values = {pay_column(n, part): item.get(part)
              for n, item in enumerate(pay[:PAY_RANGES], start=1) for part in PAY_PARTS}
    return {**values, PAY_MORE: _raws(pay[PAY_RANGES:])}


def _place_values(name: str, places: list[dict[str, Any]]) -> dict[str, Any]:
    first = places[0] if places else {}
    return {name: _raws(places), **{place_column(part): first.get(part) for part in PLACE_PARTS}}


def record_values(record: dict[str, Any]) -> dict[str, Any]:
    """Each record column's value (a JSON record, as in an output line); a missing one
    (a field not stated, a pay range not there) is absent or None."""
    values: dict[str, Any] = {}
    for spec in FIELDS:
        value = record.get(spec.name)
        if not spec.csv:
            continue
        if spec.kind == "salary":
            values.update(_pay_values(value or []))
        elif spec.kind == "location":
            values.update(_place_values(spec.name, value or []))
        else:
            values[spec.name] = value
    return values


def run_values(line: dict[str, Any]) -> dict[str, Any]:
    """The run's columns of one output line: source, error, cache and token counts."""
    error, usage = line.get("error") or {}, line.get("usage") or {}
    return {"source": line["source"], "error_type": error.get("type"),
            "error_message": error.get("message"), "cached": line.get("cached"),
            "prompt_tokens": usage.get("prompt_tokens"),
            "completion_tokens": usage.get("completion_tokens")}


def row_values(line: dict[str, Any]) -> dict[str, Any]:
    """Every column's value (``COLUMNS``) for one output line."""
    return {**record_values(line.get("record") or {}), **run_values(line)}


__all__ = ["COLUMNS", "JOIN", "PAY_PARTS", "PAY_RANGES", "PLACE_PARTS", "RECORD_COLUMNS",
           "RUN_COLUMNS", "pay_column", "place_column", "record_values", "row_values",
           "run_values"]
