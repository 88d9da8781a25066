"""The last stage, writing: output lines (JSONL or CSV), resume, and the errors file.

The format is the caller's, or the one the output's extension names (``format_for``).

Each line goes out as one ``os.write`` on an append-only descriptor (so a killed run
leaves at most one torn last line) and a regular file is fsynced every ``FSYNC_EVERY``
lines and at close (a pipe, FIFO or device cannot be, and needs not be). Reopening an
existing output resumes it: a torn or unreadable tail is cut off, a later copy of a
line for the same ``source`` (left by versions without the lock) is dropped, and the
``source`` of every complete line goes into the done set, so those inputs are skipped
and every input ends up in the file exactly once. ``OutputLock`` keeps a second run
from writing the same file meanwhile; ``check_writable`` and ``looks_like_output``
let the caller refuse a bad output path before anything is truncated.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import shutil
import stat
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from extractor.batch.tables import COLUMNS, row_values
from extractor.errors import ConfigError
from extractor.outputs import written_kind

FORMATS = ("jsonl", "csv")
# the format an output's extension names; any other extension, and stdout, get jsonl
EXTENSION_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}
FSYNC_EVERY = 100

CSV_COLUMNS: tuple[str, ...] = COLUMNS  # see extractor.batch.tables


class LineFormat(Protocol):
    @property
    def header(self) -> str | None:
        """The first line of a file of this format, if it has one."""
        ...

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
        value = "; ".join(_cell(item) for item in value)
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return text.replace("\r", "\\r").replace("\n", "\\n")


def flatten(line: dict[str, Any]) -> list[str]:
    """The CSV row for one result line: the columns of extractor.batch.tables, as text."""
    values = row_values(line)
    return [_cell(values.get(column)) for column in CSV_COLUMNS]


class CsvFormat:
    """The flat columns (every pay range, the first place's parts, errors); one physical
    line per row."""

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
        raise ConfigError(f"unknown output format {name!r}; known: {', '.join(FORMATS)}")
    return formats[name]


def format_for(output: str | None) -> str:
    """The output format ``output``'s extension names (case-insensitive): csv for
    ``out.csv``, parquet for ``out.parquet``, jsonl for anything else and for stdout."""
    suffix = Path(output).suffix.lower() if output else ""
    return EXTENSION_FORMATS.get(suffix, "jsonl")


def _complete_lines(handle: Any) -> Iterator[tuple[int, bytes]]:
    """(end offset, line) for each newline-terminated line; stops at a torn tail."""
    offset = 0
    for raw in handle:
        if not raw.endswith(b"\n"):
            return
        offset += len(raw)
        yield offset, raw


@dataclass
class Scan:
    """What an existing output holds: each source once, and what was dropped or failed."""

    done: Counter[str] = field(default_factory=Counter)
    failed: int = 0  # error lines among those kept
    duplicates: int = 0  # later copies of a source already seen (dropped)

    def add(self, source: str, failed: bool) -> None:
        if self.done[source]:
            self.duplicates += 1
            return
        self.done[source] = 1
        self.failed += failed


def scan_output(path: Path, fmt: LineFormat) -> Scan:
    """Read an existing output (in any line order); cut a torn or bad last line.

    Raises:
        ConfigError: an unreadable line before the last one: this is not an output
            file of this format, and nothing in it is touched.
    """
    scan, good_end, bad = Scan(), 0, False
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
                scan.add(*parsed)
                good_end = end
        handle.truncate(good_end)
    return scan


def drop_duplicates(path: Path, fmt: LineFormat, lock: OutputLock) -> None:
    """Rewrite ``path`` keeping the first line of each source (through a synced temp file
    moved over it, so a kill leaves either the old file or the new one)."""
    tmp = path.with_name(path.name + ".dedup.tmp")
    seen: set[str] = set()
    with path.open("rb") as source, tmp.open("wb") as dest:
        for end, raw in _complete_lines(source):
            text = raw.decode("utf-8", errors="replace")
            parsed = None if end == len(raw) and text == fmt.header else fmt.parse(text)
            if parsed is None or parsed[0] not in seen:
                dest.write(raw)
            if parsed is not None:
                seen.add(parsed[0])
        dest.flush()
        os.fsync(dest.fileno())
    shutil.copymode(path, tmp)
    lock.replace(tmp)


def _refuse(path: Path) -> None:
    raise ConfigError(f"{path} holds lines that are not this format's output lines; "
                      "choose another output file or pass --overwrite")


def is_pipe_or_device(path: Path) -> bool:
    """True when ``path`` exists and is not a regular file (a FIFO, /dev/stdout, a tty)."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


class OutputLock:
    """An exclusive lock (``flock``) on the output file, held for the whole run.

    A second run on the same file is refused (ConfigError) rather than write every
    input a second time. A pipe, FIFO or device is not locked: it holds nothing to
    resume, and opening a FIFO only to lock it would wait for its reader.
    """

    def __init__(self, path: str | Path | None, flag: str = "-o") -> None:
        self.path = Path(path) if path else None
        self.flag = flag  # the option that named the file, for the refusal
        self._fds: list[int] = []

    def __enter__(self) -> OutputLock:
        if self.path is not None and not is_pipe_or_device(self.path):
            self._fds.append(_locked_fd(self.path, self.flag))
        return self

    def __exit__(self, *exc_info: object) -> None:
        while self._fds:
            os.close(self._fds.pop())

    def replace(self, tmp: Path) -> None:
        """Move ``tmp`` over the locked file, locking ``tmp`` first so no run slips in."""
        assert self.path is not None
        self._fds.append(_locked_fd(tmp, self.flag))
        os.replace(tmp, self.path)
        _sync_folder(self.path.parent)


def _locked_fd(path: Path, flag: str) -> int:
    """A descriptor of ``path`` (created if missing) holding its exclusive lock."""
    for _ in range(3):  # the file at path may be replaced between open and lock
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ConfigError(
                f"{path} is being written by another extract run right now (it holds "
                "the file's lock); wait for that run to finish and rerun with --resume, "
                f"or choose another {flag} file") from None
        if os.path.exists(path) and os.path.samestat(os.fstat(fd), os.stat(path)):
            return fd
        os.close(fd)
    raise ConfigError(f"{path} keeps being replaced by another program; "
                      f"choose another {flag} file")


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def check_writable(flag: str, path: Path) -> None:
    """Raises ConfigError (naming ``flag``) unless ``path`` can be written as an output.

    A regular file needs a writable folder too: resume and Parquet replace it through
    a temp file beside it. Nothing is created or truncated here.
    """
    where = f"{flag} {path}"
    if path.is_dir():
        raise ConfigError(f"{where} is a folder; give a file path")
    if is_pipe_or_device(path):
        if not os.access(path, os.W_OK):
            raise ConfigError(f"{where}: no permission to write to it")
        return
    folder = path.parent
    if not folder.is_dir():
        raise ConfigError(f"{where}: the folder {folder} does not exist; create it first "
                          "or choose another path")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"{where}: no permission to create files in {folder}")
    if path.exists() and not os.access(path, os.W_OK):
        raise ConfigError(f"{where}: no permission to write this file")


def looks_like_output(path: Path, kind: str) -> bool:
    """True when ``path`` is empty or starts like an output of this tool of ``kind``
    (jsonl, csv, summary, parquet or review): overwriting it loses no one's posting."""
    return path.stat().st_size == 0 or written_kind(path) == kind


def _append_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _utf8(text: str) -> bytes:
    """UTF-8 bytes; a stray surrogate (an undecodable name) becomes a JSON-style escape
    rather than an exception that would end the whole run."""
    return text.encode("utf-8", errors="backslashreplace")


class FileSink:
    """Appends lines to a file: one write per line; a regular file is fsynced every
    ``fsync_every`` lines and at close (a pipe or device rejects fsync)."""

    def __init__(self, path: Path, fsync_every: int = FSYNC_EVERY) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._syncs = stat.S_ISREG(os.fstat(self._fd).st_mode)
        self._fsync_every, self._unsynced = fsync_every, 0

    def write(self, text: str) -> None:
        _append_all(self._fd, _utf8(text))
        self._unsynced += 1
        if self._unsynced >= self._fsync_every:
            self._sync()

    def _sync(self) -> None:
        if self._syncs:
            os.fsync(self._fd)
        self._unsynced = 0

    def close(self) -> None:
        self._sync()
        os.close(self._fd)


def _empty(path: Path) -> None:
    """Start ``path`` afresh; a pipe or device is left alone (opening a FIFO only to
    truncate it would hand its reader an end of file)."""
    if not is_pipe_or_device(path):
        path.write_bytes(b"")


class StdoutSink:
    """Lines to standard output, flushed one by one."""

    def write(self, text: str) -> None:
        sys.stdout.write(_utf8(text).decode("utf-8"))
        sys.stdout.flush()

    def close(self) -> None:
        sys.stdout.flush()


def keep_errors_of(path: Path, done: Counter[str], lock: OutputLock) -> None:
    """Rewrite the errors file to hold only lines of inputs the output already has
    (``lock``: the run's lock on it, moved onto the rewritten file)."""
    if not path.exists() or is_pipe_or_device(path):
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
    lock.replace(tmp)


class Output:
    """Where a batch's lines go: the output (file or stdout), the errors file, resume state.

    ``lock``: an entered OutputLock on ``path`` that the caller holds longer (a Parquet
    run keeps it through the conversion); without one, the Output takes the lock itself
    and releases it at ``close``. A pipe, FIFO or device is never resumed: it is written
    as if afresh.

    Raises:
        ConfigError: another run holds the lock, or the file is not an output of ``fmt``.
    """

    def __init__(self, path: str | None, fmt: str = "jsonl", *, errors: str | None = None,
                 overwrite: bool = False, lock: OutputLock | None = None) -> None:
        self.format = line_format(fmt)
        self.path = Path(path) if path else None
        self._own_lock: OutputLock | None = None
        self._errors_lock: OutputLock | None = None
        if lock is None:
            lock = self._own_lock = OutputLock(self.path).__enter__()
        try:
            if errors:  # two runs sharing one errors file would drop each other's lines
                self._errors_lock = OutputLock(errors, "--errors").__enter__()
            self._open(overwrite, lock)
        except BaseException:
            self._release()
            raise

    def _open(self, overwrite: bool, lock: OutputLock) -> None:
        scan = Scan()
        if self.path and self.path.is_file() and not overwrite:
            scan = scan_output(self.path, self.format)
            if scan.duplicates:
                drop_duplicates(self.path, self.format, lock)
        self.done, self.previous_failed = scan.done, scan.failed
        self.duplicates_dropped = scan.duplicates
        self.resumed = sum(self.done.values())  # lines the output held when opened
        self._sink = self._open_main(overwrite)
        held = self._errors_lock
        self._errors = self._open_errors(held, overwrite) if held and held.path else None

    def _open_main(self, overwrite: bool) -> FileSink | StdoutSink:
        if self.path is None:
            sink: FileSink | StdoutSink = StdoutSink()
        else:
            if overwrite:
                _empty(self.path)
            sink = FileSink(self.path)
        if self.format.header and (self.path is None or self.path.stat().st_size == 0):
            sink.write(self.format.header)
        return sink

    def _open_errors(self, lock: OutputLock, overwrite: bool) -> FileSink:
        assert lock.path is not None
        path = lock.path
        if overwrite or self.path is None:
            _empty(path)
        else:
            keep_errors_of(path, self.done, lock)
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
        try:
            self._sink.close()
            if self._errors is not None:
                self._errors.close()
        finally:
            self._release()

    def _release(self) -> None:
        for held in (self._own_lock, self._errors_lock):
            if held is not None:
                held.__exit__(None, None, None)
        self._own_lock = self._errors_lock = None
