"""Parquet output: the run writes its JSONL lines (resumable, exactly once) to a sidecar
``FILE.jsonl``; a run that finishes converts them to ``FILE`` in batches (flat memory).

Columns, typed by an explicit schema made from the record's own types (so a file whose
first rows are all failures or all nulls has the same types as any other):

* ``source``, then every record field in the record's order: text and enums as string,
  numbers as float64, dates as date32, ``visa_sponsorship`` as bool, lists as
  list<string>, ``locations`` and ``salary`` as list<struct> with the parts of a Location
  and a SalaryRange (``salary.annual_min`` and ``annual_max`` among them);
* the first place's parts beside ``locations`` (``location_city``, ``location_region``,
  ``location_country``) and the first pay range's beside ``salary`` (``salary_min``,
  ``salary_max``, ``salary_currency``, ``salary_period``, ``salary_annual_min``,
  ``salary_annual_max``), for ``df.groupby("location_city").salary_annual_min.median()``;
* ``error_type``, ``error_message`` (string), ``cached`` (bool), ``prompt_tokens``,
  ``completion_tokens`` (int64), and ``line``: the whole output line as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import types
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from extractor.batch.tables import PLACE_PARTS, place_column, run_values
from extractor.errors import ConfigError
from extractor.record import JobPosting, Location, SalaryRange

BATCH_ROWS = 10_000
FIRST_PAY_PARTS = ("min", "max", "currency", "period", "annual_min", "annual_max")
_RUN_TYPES = {"error_type": "string", "error_message": "string", "cached": "bool_",
              "prompt_tokens": "int64", "completion_tokens": "int64", "line": "string"}
_SCALAR_TYPES = {str: "string", float: "float64", int: "int64", bool: "bool_",
                 dt.date: "date32"}


def sidecar(path: str) -> str:
    """Where the JSONL lines of a Parquet run go while it runs."""
    return f"{path}.jsonl"


def require_pyarrow() -> Any:
    """pyarrow (lazy: an optional dependency, extractor[parquet]).

    Raises:
        ConfigError: it is not installed, saying how to install it.
    """
    try:
        import pyarrow as pa  # lazy: optional dependency (extractor[parquet])
    except ImportError as exc:
        raise ConfigError("Parquet output (-o FILE.parquet or --format parquet) needs "
                          "pyarrow: pip install 'extractor[parquet]'") from exc
    return pa


def arrow_type(annotation: Any) -> Any:
    """The Arrow type of a record annotation (``str | None`` -> string, ``list[Location]``
    -> list<struct<raw, city, region, country>>).

    Raises:
        TypeError: an annotation with no Arrow type here (a new kind of record field).
    """
    pa, origin = require_pyarrow(), get_origin(annotation)
    if origin is Annotated:
        return arrow_type(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        [inner] = [arg for arg in get_args(annotation) if arg is not type(None)]
        return arrow_type(inner)
    if origin is list:
        return pa.list_(arrow_type(get_args(annotation)[0]))
    if origin is Literal:
        return pa.string()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct([(name, arrow_type(info.annotation))
                          for name, info in annotation.model_fields.items()])
    if annotation in _SCALAR_TYPES:
        return getattr(pa, _SCALAR_TYPES[annotation])()
    raise TypeError(f"no Arrow type for the record annotation {annotation!r}: "
                    "add one to extractor.batch.parquet")


def _first_columns(name: str) -> list[tuple[str, Any]]:
    """The first item's parts, as top-level columns beside ``name``'s own."""
    if name == "locations":
        return [(place_column(part), arrow_type(Location.model_fields[part].annotation))
                for part in PLACE_PARTS]
    if name == "salary":
        return [(f"salary_{part}", arrow_type(SalaryRange.model_fields[part].annotation))
                for part in FIRST_PAY_PARTS]
    return []


def schema() -> Any:
    """The explicit Arrow schema of the Parquet output (see the module docstring)."""
    pa = require_pyarrow()
    columns: list[tuple[str, Any]] = [("source", pa.string())]
    for name, info in JobPosting.model_fields.items():
        columns += [(name, arrow_type(info.annotation)), *_first_columns(name)]
    columns += [(name, getattr(pa, kind)()) for name, kind in _RUN_TYPES.items()]
    return pa.schema(columns)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return None


def row(line: dict[str, Any], text: str, dates: frozenset[str]) -> dict[str, Any]:
    """One Parquet row for one output line (``text``: the line as written); ``dates``:
    the date columns, whose ISO text becomes a date."""
    record = dict(line.get("record") or {})
    for name in dates & record.keys():
        record[name] = _date(record[name])
    first_place = (record.get("locations") or [{}])[0]
    first_pay = (record.get("salary") or [{}])[0]
    return {**record, **{place_column(part): first_place.get(part) for part in PLACE_PARTS},
            **{f"salary_{part}": first_pay.get(part) for part in FIRST_PAY_PARTS},
            **run_values(line), "line": text.rstrip("\n")}


def jsonl_to_parquet(source: Path, dest: Path) -> int:
    """Write ``dest`` (atomically: a temp file, then a rename); returns the row count.

    Raises:
        ConfigError: pyarrow is not installed (``pip install 'extractor[parquet]'``).
    """
    pa = require_pyarrow()
    import pyarrow.parquet as pq  # lazy: as pyarrow

    table_schema = schema()
    dates = frozenset(f.name for f in table_schema if pa.types.is_date(f.type))
    tmp, rows = dest.with_name(dest.name + ".tmp"), 0
    with pq.ParquetWriter(tmp, table_schema) as writer, source.open(encoding="utf-8") as lines:
        batch: list[dict[str, Any]] = []
        for text in lines:
            batch.append(row(json.loads(text), text, dates))
            if len(batch) == BATCH_ROWS:
                rows += _write(writer, table_schema, batch)
        rows += _write(writer, table_schema, batch)
    os.replace(tmp, dest)
    return rows


def _write(writer: Any, table_schema: Any, batch: list[dict[str, Any]]) -> int:
    if not batch:
        return 0
    writer.write_table(require_pyarrow().Table.from_pylist(batch, schema=table_schema))
    count = len(batch)
    batch.clear()
    return count
