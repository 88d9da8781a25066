"""What the inputs hold, before a run reads them: postings to expect, files skipped.

A folder walk reads only the file types the loader knows (``SUPPORTED``); the others
are skipped. ``survey_inputs`` counts them by suffix, so the CLI can say "skipped 3
files: .csv (2), .pdf (1)" and refuse a run with nothing to read, and it estimates the
postings to come (one per file, a line per JSONL row, an item per top-level JSON array
item, a row per CSV or Parquet row) for the progress bar's total. It walks as the
loader does (dot-entries skipped, each real folder once) and applies the same
``--include``/``--exclude`` test to files.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractor.load import EXTENSION_KINDS, MAX_BYTES, folder_root, path_source

# The suffixes a folder walk loads (load._wanted reads EXTENSION_KINDS): a new input
# type the loader reads is one entry there, or one more set joined here.
SUPPORTED: frozenset[str] = frozenset(EXTENSION_KINDS)
NO_SUFFIX = "no extension"

Selected = Callable[[str], bool]  # source -> passes --include/--exclude


@dataclass
class Survey:
    """Inputs found: ``inputs`` (named files, stdin, missing paths, supported files in
    folders), ``postings`` expected from them (0 when not counted), ``skipped`` files
    of other types found in folders, by suffix."""

    inputs: int = 0
    postings: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def skipped_note(self) -> str | None:
        """"skipped 3 files: .csv (2), .pdf (1)", or None when none were skipped."""
        if not self.skipped:
            return None
        total = sum(self.skipped.values())
        kinds = ", ".join(f"{suffix} ({count})" for suffix, count in
                          sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        return (f"skipped {total} file{'s' if total != 1 else ''} of a type extract does "
                f"not read: {kinds}; it reads {' '.join(sorted(SUPPORTED))}")


def survey_inputs(paths: Sequence[str], selected: Selected, *, count: bool) -> Survey:
    """Walk ``paths`` as the loader will; ``count`` also estimates the postings."""
    survey = Survey()
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            root = folder_root(raw, several=len(paths) > 1)
            _survey_folder(path, root, selected, survey, count)
        else:  # stdin, a file named on its own (read whatever its type), a missing path
            survey.inputs += 1
            survey.postings += _postings(path) if count and raw != "-" else 1
    return survey


def _survey_folder(folder: Path, root: Path | None, selected: Selected, survey: Survey,
                   count: bool) -> None:
    for path in _files(folder, set()):
        if not selected(path_source(path, root)):
            continue
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED:
            survey.skipped[suffix or NO_SUFFIX] += 1
            continue
        survey.inputs += 1
        survey.postings += _postings(path) if count else 1


def _files(folder: Path, seen: set[Path]) -> Iterator[Path]:
    """Every file under ``folder`` but dot-entries, each real folder once, streamed;
    an unreadable folder is left to the loader, which reports it."""
    try:
        resolved = folder.resolve()
        if resolved in seen:
            return
        seen.add(resolved)
        with os.scandir(folder) as listing:
            for entry in listing:
                if entry.name.startswith("."):
                    continue
                path = folder / entry.name
                if _is_dir(entry):
                    yield from _files(path, seen)
                else:
                    yield path
    except (OSError, RuntimeError):
        return


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _postings(path: Path) -> int:
    """About how many results the loader gives for ``path`` (1 when unsure)."""
    counter = _COUNTERS.get(path.suffix.lower())
    if counter is None:
        return 1
    try:
        return counter(path)
    except (OSError, ValueError, RecursionError, ImportError):
        return 1


def _read_whole(count: Callable[[bytes], int]) -> Callable[[Path], int]:
    """``count`` over the file's bytes, for the types the loader reads whole: a file over
    ``MAX_BYTES`` is one result (the loader fails it as too_large)."""
    def counter(path: Path) -> int:
        if path.stat().st_size > MAX_BYTES:
            return 1
        return count(path.read_bytes())
    return counter


def _jsonl_rows(data: bytes) -> int:
    return sum(1 for line in data.splitlines() if line.strip())


def _json_items(data: bytes) -> int:
    value = json.loads(data)
    return max(1, len(value)) if isinstance(value, list) else 1


def _csv_rows(data: bytes) -> int:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace")))
    return max(1, sum(1 for row in rows if any(cell.strip() for cell in row)) - 1)


def _parquet_rows(path: Path) -> int:
    """The row count in the file's footer: the loader streams Parquet at any size."""
    import pyarrow.parquet as pq  # lazy: the parquet extra

    return max(1, pq.ParquetFile(path).metadata.num_rows)


_COUNTERS: dict[str, Callable[[Path], int]] = {
    ".jsonl": _read_whole(_jsonl_rows), ".json": _read_whole(_json_items),
    ".csv": _read_whole(_csv_rows), ".parquet": _parquet_rows}
