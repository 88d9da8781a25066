"""The last stage, writing: output lines (JSONL or CSV), resume, and the errors file.

Each line goes out as one ``os.write`` on an append-only descriptor (so a killed run
leaves at most one torn last line) and the file is fsynced every ``FSYNC_EVERY``
lines and at close. Reopening an existing output resumes it: a torn or unreadable
tail is cut off, and the ``source`` of every complete line goes into the done set,
so those inputs are skipped and every input ends up in the file exactly once.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

FORMATS = ("jsonl", "csv")
FSYNC_EVERY = 100

CSV_COLUMNS = (
    "source", "title", "company", "locations", "workplace_type", "remote_regions",
    "employment_types", "seniority", "salary_min", "salary_max", "salary_currency",
    "salary_period", "salary_raw", "date_posted", "valid_through", "experience_years_min",
    "education_level", "skills", "visa_sponsorship", "apply_url", "language",
    "error_type", "error_message", "cached", "prompt_tokens", "completion_tokens",
)


class LineFormat(Protocol):
    header: str | None

    def render(self, line: dict[str, Any]) -> str:
        """One output line (ending in a newline) for one result line."""
        ...

    def parse(self, text: str) -> tuple[str, bool] | None:
        """(source, failed) of a complete line written by ``render``; None if unreadable."""
        ...

    def key(self, source: str) -> str:
        """How ``source`` reads back from a line (the done-set key)."""
        ...


class JsonlFormat:
    """The RECORD.md line, as one JSON object per line."""

    header = None

    def render(self, line: dict[str, Any]) -> str:
        return json.dumps(line, ensure_ascii=False) + "\n"

    def parse(self, text: str) -> tuple[str, bool] | None:
        try:
            obj = json.loads(text)
        except ValueError:
            return None
        if not isinstance(obj, dict) or not isinstance(obj.get("source"), str):
            return None
        return obj["source"], obj.get("error") is not None

    def key(self, source: str) -> str:
        return source


def _cell(value: Any) -> str:
    """A CSV cell on one physical line: lists joined with '; ', newlines escaped."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(_cell(v.get("raw") if isinstance(v, dict) else v) for v in value)
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return text.replace("\r", "\\r").replace("\n", "\\n")


def flatten(line: dict[str, Any]) -> list[str]:
    """The CSV row for one result line: main record fields, the first pay range, errors."""
    record = line.get("record") or {}
    pay = (record.get("salary") or [{}])[0]
    error = line.get("error") or {}
    usage = line.get("usage") or {}
    values = {**record, "source": line["source"], "cached": line.get("cached"),
              **{f"salary_{k}": pay.get(k) for k in ("min", "max", "currency", "period", "raw")},
              "error_type": error.get("type"), "error_message": error.get("message"),
              "prompt_tokens": usage.get("prompt_tokens"),
              "completion_tokens": usage.get("completion_tokens")}
    return [_cell(values.get(column)) for column in CSV_COLUMNS]


class CsvFormat:
    """Flattened main fields plus error columns; one physical line per row."""

    header = ",".join(CSV_COLUMNS) + "\n"

    def render(self, line: dict[str, Any]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(flatten(line))
        return buffer.getvalue()

    def parse(self, text: str) -> tuple[str, bool] | None:
        try:
            row = next(csv.reader([text.rstrip("\n")], strict=True))
        except (csv.Error, StopIteration):
            return None
        if len(row) != len(CSV_COLUMNS):
            return None
        return row[0], bool(row[CSV_COLUMNS.index("error_type")])

    def key(self, source: str) -> str:
        return _cell(source)


def line_format(name: str) -> LineFormat:
    """The format called ``name`` (one of FORMATS)."""
    formats: dict[str, LineFormat] = {"jsonl": JsonlFormat(), "csv": CsvFormat()}
    if name not in formats:
        from extractor.errors import ConfigError

        raise ConfigError(f"unknown output format {name!r}; known: {', '.join(FORMATS)}")
    return formats[name]


def _complete_lines(handle: Any) -> Iterator[tuple[int, bytes]]:
    """(end offset, line) for each newline-terminated line; stops at a torn tail."""
    offset = 0
    for raw in handle:
        if not raw.endswith(b"\n"):
            return
        offset += len(raw)
        yield offset, raw


def scan_output(path: Path, fmt: LineFormat) -> tuple[Counter[str], int]:
    """Read an existing output: (done sources, failed count); cut a torn or bad last line.

    Raises:
        ConfigError: an unreadable line before the last one: this is not an output
            file of this format, and nothing in it is touched.
    """
    done: Counter[str] = Counter()
    failed, good_end, bad = 0, 0, False
    with path.open("r+b") as handle:
        for end, raw in _complete_lines(handle):
            text = raw.decode("utf-8", errors="replace")
            if bad:
                _refuse(path)
            if good_end == 0 and fmt.header is not None and text == fmt.header:
                good_end = end
                continue
            parsed = fmt.parse(text)
            bad = parsed is None
            if parsed is not None:
                done[parsed[0]] += 1
                failed += parsed[1]
                good_end = end
        handle.truncate(good_end)
    return done, failed


def _refuse(path: Path) -> None:
    from extractor.errors import ConfigError

    raise ConfigError(f"{path} holds lines that are not this format's output lines; "
                      "choose another output file or pass --overwrite")


def _append_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _utf8(text: str) -> bytes:
    """UTF-8 bytes; a stray surrogate (an undecodable name) becomes a JSON-style escape
    rather than an exception that would end the whole run."""
    return text.encode("utf-8", errors="backslashreplace")


class FileSink:
    """Appends lines to a file: one write per line, fsync every ``fsync_every`` and at close."""

    def __init__(self, path: Path, fsync_every: int = FSYNC_EVERY) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._fsync_every, self._unsynced = fsync_every, 0

    def write(self, text: str) -> None:
        _append_all(self._fd, _utf8(text))
        self._unsynced += 1
        if self._unsynced >= self._fsync_every:
            os.fsync(self._fd)
            self._unsynced = 0

    def close(self) -> None:
        os.fsync(self._fd)
        os.close(self._fd)


class StdoutSink:
    """Lines to standard output, flushed one by one."""

    def write(self, text: str) -> None:
        sys.stdout.write(_utf8(text).decode("utf-8"))
        sys.stdout.flush()

    def close(self) -> None:
        sys.stdout.flush()


def keep_errors_of(path: Path, done: Counter[str]) -> None:
    """Rewrite the errors file to hold only lines of inputs the output already has."""
    if not path.exists():
        return
    left, kept = Counter(done), []
    with path.open("rb") as handle:
        for _, raw in _complete_lines(handle):
            parsed = JsonlFormat().parse(raw.decode("utf-8", errors="replace"))
            if parsed and left[parsed[0]] > 0:
                left[parsed[0]] -= 1
                kept.append(raw)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(b"".join(kept))
    os.replace(tmp, path)


class Output:
    """Where a batch's lines go: the output (file or stdout), the errors file, resume state."""

    def __init__(self, path: str | None, fmt: str = "jsonl", *, errors: str | None = None,
                 overwrite: bool = False) -> None:
        self.format = line_format(fmt)
        self.path = Path(path) if path else None
        self.done: Counter[str] = Counter()
        self.previous_failed = 0
        if self.path and self.path.exists() and not overwrite:
            self.done, self.previous_failed = scan_output(self.path, self.format)
        self.resumed = sum(self.done.values())  # lines the output held when opened
        self._sink = self._open_main(overwrite)
        self._errors = self._open_errors(Path(errors), overwrite) if errors else None

    def _open_main(self, overwrite: bool) -> FileSink | StdoutSink:
        if self.path is None:
            sink: FileSink | StdoutSink = StdoutSink()
        else:
            if overwrite:
                self.path.write_bytes(b"")
            sink = FileSink(self.path)
        if self.format.header and (self.path is None or self.path.stat().st_size == 0):
            sink.write(self.format.header)
        return sink

    def _open_errors(self, path: Path, overwrite: bool) -> FileSink:
        if overwrite or self.path is None:
            path.write_bytes(b"")
        else:
            keep_errors_of(path, self.done)
        return FileSink(path)

    def already_done(self, source: str) -> bool:
        """True (once per line written before) when the output already has this input."""
        key = self.format.key(source)
        if self.done[key] > 0:
            self.done[key] -= 1
            return True
        return False

    def write(self, line: dict[str, Any]) -> None:
        """Write one result line; an error line goes to the errors file first."""
        if self._errors is not None and line.get("error"):
            self._errors.write(JsonlFormat().render(line))
        self._sink.write(self.format.render(line))

    def close(self) -> None:
        self._sink.close()
        if self._errors is not None:
            self._errors.close()
