"""Files this tool writes, told apart from postings by how they start.

Two users: the loader skips them inside an input folder (an earlier run's ``out.jsonl``
is not a feed of postings: read again, its lines would come back as doubled, wrong
records), and a batch overwrites a file inside an input folder only when it is one of
them (``extractor.batch.run.check_outputs``).
"""

from __future__ import annotations

import json
from pathlib import Path

PEEK_BYTES = 1 << 20  # an output line is far shorter; a posting file may be longer
_START_BYTES = 1 << 14  # enough for a CSV header, the review page's head, a Parquet magic
GENERATOR = "extractor review"  # the review page's <meta name="generator">
_REVIEW_MARK = f'<meta name="generator" content="{GENERATOR}">'.encode()
_LINE_KEYS = frozenset({"source", "record", "error"})  # every JSONL output or errors line
_SUMMARY_KEYS = frozenset({"inputs", "wall_seconds"})  # --summary-json
# every CSV or Parquet output row (extractor.batch.tables.RUN_COLUMNS, after "source")
_TABLE_COLUMNS = frozenset({"source", "error_type", "error_message", "cached"})


def written_kind(path: Path) -> str | None:
    """``"jsonl"``, ``"summary"``, ``"csv"``, ``"parquet"`` or ``"review"`` when ``path``
    starts like that output of this tool; None for anything else (an empty file too).
    Reads 16 KB of most files; up to 1 MB of one that starts with ``{``."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_START_BYTES)
            if head.lstrip().startswith(b"{"):  # a JSON line: --include-text makes it long
                head += handle.read(PEEK_BYTES - len(head))
    except OSError:
        return None
    if head.startswith(b"PAR1"):
        return "parquet" if _TABLE_COLUMNS <= _parquet_columns(path) else None
    if _REVIEW_MARK in head[:1024]:
        return "review"
    text = head.decode("utf-8", errors="replace")
    first = text.split("\n", 1)[0]
    if _TABLE_COLUMNS <= set(first.strip().split(",")):
        return "csv"
    return _json_kind(text, first) if text.lstrip().startswith("{") else None


def _json_kind(text: str, first: str) -> str | None:
    for kind, body, keys in (("jsonl", first, _LINE_KEYS), ("summary", text, _SUMMARY_KEYS)):
        try:
            obj = json.loads(body)
        except (ValueError, RecursionError):  # not JSON, cut at the peek, or nested deep
            continue
        if isinstance(obj, dict) and keys <= obj.keys():
            return kind
    return None


def _parquet_columns(path: Path) -> set[str]:
    try:
        import pyarrow.parquet as pq  # lazy: an optional dependency (extractor[parquet])

        return set(pq.read_schema(path).names)
    except (ImportError, OSError, ValueError):  # pyarrow's ArrowInvalid is a ValueError
        return set()
