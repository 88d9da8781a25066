"""Parquet output: the run writes its JSONL lines (resumable, exactly once) to a sidecar
``FILE.jsonl``; a run that finishes converts them to ``FILE`` in batches (flat memory).

Columns: the CSV columns (main fields, first pay range, error type and message) as
strings, plus ``line``: the whole output line as JSON, so nothing is lost.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from extractor.batch.write import CSV_COLUMNS, flatten
from extractor.errors import ConfigError

BATCH_ROWS = 10_000


def sidecar(path: str) -> str:
    """Where the JSONL lines of a Parquet run go while it runs."""
    return f"{path}.jsonl"


def jsonl_to_parquet(source: Path, dest: Path) -> int:
    """Write ``dest`` (atomically: a temp file, then a rename); returns the row count.

    Raises:
        ConfigError: pyarrow is not installed (``pip install 'extractor[parquet]'``).
    """
    try:
        import pyarrow as pa  # lazy: optional dependency (extractor[parquet])
        import pyarrow.parquet as pq  # lazy: as pyarrow
    except ImportError as exc:
        raise ConfigError("--format parquet needs pyarrow: pip install 'extractor[parquet]'"
                          ) from exc
    names = [*CSV_COLUMNS, "line"]
    schema = pa.schema([(name, pa.string()) for name in names])
    tmp, rows = dest.with_name(dest.name + ".tmp"), 0
    with pq.ParquetWriter(tmp, schema) as writer, source.open(encoding="utf-8") as lines:
        batch: list[list[str]] = []
        for text in lines:
            batch.append([*flatten(json.loads(text)), text.rstrip("\n")])
            if len(batch) == BATCH_ROWS:
                rows += _write(writer, schema, names, batch)
        rows += _write(writer, schema, names, batch)
    os.replace(tmp, dest)
    return rows


def _write(writer: object, schema: object, names: list[str], batch: list[list[str]]) -> int:
    import pyarrow as pa  # lazy: optional dependency (extractor[parquet])

    if not batch:
        return 0
    columns = list(zip(*batch, strict=True))
    writer.write_table(pa.table(dict(zip(names, columns, strict=True)), schema=schema))  # type: ignore[attr-defined]
    count = len(batch)
    batch.clear()
    return count
