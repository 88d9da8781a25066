"""Stage 1, loading: files, folders, stdin and strings in; `Document` or `LoadFailure` out.

Every input gives exactly one result per posting it holds (a JSONL line, a JSON array
item, an item of a job list inside an API envelope), so a batch can report each input
once. Nothing here raises for bad input: `iter_inputs` turns each problem into a
`LoadFailure` with a short `error_type`.

Text leaves this module in Unicode NFC (files, stdin, strings and JSON string values),
so a posting pasted in NFD ("Zu\\u0308rich") reads the same as its NFC twin.

JSON shapes: a posting is the object that holds posting text (a description-like key),
searched breadth-first through envelopes (``{"data": {"job": {...}}}``,
``{"result": {...}}``); among several, one with a title-like key wins, and a company
object or a section of a posting loses to any other. Its title, company and location
(nested ``{"name": ...}`` objects too) become a short header. Keys are matched in one
form, case-folded, letters and digits only ("Job Title", "job_title" and "jobTitle" are
one key). A ``.json`` file whose postings sit in a list inside an envelope
(``{"jobs": [...]}``) gives one result per item, as a top-level array does. A JSONL
line or a string holds one posting: one that holds several fails as
``multiple_postings`` rather than keep one of them silently. An empty list is an
``empty_input`` failure, not a missing result.

CSV and Parquet files hold a row per posting, each read as a JSON row is (row N is
``FILE#N``, from 1, the header not counted; see the tables section below).

Sources: see `iter_inputs`; stdin is ``<stdin>``, read as bytes like a file.

Reference dates (what "Reposted 8 Days Ago" counts from): a posting may state its own,
in a JSON field (``REFERENCE_KEYS``: ``reference_date``, ``date_scraped``, ``scraped_at``,
``crawled_at``, ``fetched_at``...; an ISO date or datetime, or Unix seconds) or, for a
whole file, in a sidecar beside it, ``<file>.meta.json`` holding
``{"reference_date": "YYYY-MM-DD"}`` (the row's own field wins). A folder walk does not
read a sidecar as an input. Each file's modification day comes along as well
(`Document.modified`), which the pipeline uses only when asked (copying files changes it).
"""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import io
import json
import os
import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from html import escape, unescape
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any, Literal

__all__ = [
    "MAX_BYTES", "Document", "Kind", "LoadError", "LoadFailure", "company_column",
    "decode_bytes", "folder_root", "iter_inputs", "load_text", "looks_like_html", "stdin_input",
    "text_input", "title_column", "url_column",
]

Kind = Literal["text", "markdown", "html", "json"]
MAX_BYTES = 20_000_000  # the largest file or stdin read, unless the caller says otherwise
STDIN_SOURCE = "<stdin>"

EXTENSION_KINDS: dict[str, Kind] = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "json",
    ".csv": "json", ".parquet": "json",  # a row per posting, read as a JSON row is
}
# JSON keys, in the one form `_key` gives them. The parts of a posting's text, joined in
# this order (EMSCAD splits one posting over four); a tuple is alternatives, first found
# wins (Ashby and Lever send the same description as HTML and as plain text).
BODY_KEYS: tuple[tuple[str, ...], ...] = (
    ("companyprofile",),
    ("description", "descriptionhtml", "jobdescription", "descriptiontext", "descriptionplain",
     "fulldescription", "jobpost", "beschreibung", "stellenbeschreibung"),
    ("requirements",), ("benefits",), ("skillsdesc",), ("additional",),
)
WEAK_TEXT_KEYS = ("content", "text", "body")  # each read alone, when no body key is found
# Lists of headed parts: Lever's "lists" [{"text": heading, "content": html}], and
# SmartRecruiters' "jobAd": {"sections": {name: {"title": heading, "text": html}}}.
SECTION_KEYS = ("lists", "sections", "jobad")
# Shown to a reader of the posting itself; rendered as a short header. Label-only
# columns (salary_min, remote_allowed, fraudulent, Rating...) are never read.
TITLE_KEYS = ("title", "jobtitle", "position", "positiontitle", "positionname", "jobname",
              "titel", "stellentitel", "stellenbezeichnung")
COMPANY_KEYS = ("company", "companyname", "hiringorganization", "organization",
                "organizationname", "employer", "employername", "unternehmen", "firma",
                "arbeitgeber")
LOCATION_KEYS = ("location", "joblocation", "locationname", "fulllocation", "locationstr",
                 "standort", "arbeitsort", "einsatzort")
# Where to apply: an apply column (a URL, or {"url": ...}), else the posting's own address.
APPLY_KEYS = ("applyurl", "applicationurl", "applylink", "applicationlink", "apply")
URL_KEYS = ("url", "joburl", "jobpostingurl", "postingurl", "absoluteurl", "hostedurl")
_ADDRESS_KEYS = ("city", "addresslocality", "region", "state", "addressregion", "country",
                 "addresscountry")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)
_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff")
# Tie-break for charset-normalizer, which scores cp1250, cp1252 and cp775 (nearly) the same.
_COHERENCE_TIE = 0.1
_ENCODING_RANK = {name: rank for rank, name in enumerate((
    "cp1252", "cp1251", "latin_1", "iso8859_15", "cp1250", "koi8_r", "gb18030", "big5",
    "shift_jis", "euc_jp", "euc_kr", "cp1253", "cp1254", "cp1255", "cp1256", "iso8859_2",
))}
_SNIFF_BYTES = 65536
_MAX_UNPRINTABLE = 0.1
# UTF-16/32 without a byte-order mark and binary formats are NUL-dense; a stray NUL in a
# text (a bad paste, a C string's end) is not, and is dropped.
_MAX_NUL_SHARE = 0.01
# Control characters and U+FFFD; C1 controls (\x80-\x9f) are left out: mojibake has them.
_UNPRINTABLE_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_HTML_RE = re.compile(
    r"<(?:!doctype\s+html|html|body|p|div|br|ul|ol|li|h[1-6]|span|strong|b|em|a|table)\b[^<>]*>",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Document:
    """One posting's text, where it came from, and (for JSON input) the posting's object;
    the reference date it states (a JSON field or its file's sidecar) and its file's
    modification day, when it has them."""

    source: str
    content: str
    kind: Kind
    fields: dict[str, Any] | None = None
    reference_date: dt.date | None = None
    modified: dt.date | None = field(default=None, compare=False)  # the file's, not the text's


@dataclass(frozen=True)
class LoadFailure:
    """An input that could not be loaded; `error_type` is a short machine name."""

    source: str
    error_type: str
    message: str


class LoadError(Exception):
    """A load problem with its machine name; raised by `load_text`."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message


@dataclass(frozen=True)
class _Options:
    text_field: str | None
    max_bytes: int
    header: bool


def iter_inputs(
    paths: Iterable[str | Path],
    *,
    text_field: str | None = None,
    max_bytes: int = MAX_BYTES,
    header: bool = True,
    stdin: IO[bytes] | IO[str] | None = None,
) -> Iterator[Document | LoadFailure]:
    """Yield one result per posting found in `paths` (files or folders), in a stable order.

    Folders are walked recursively in sorted order, skipping dot-entries, files with
    other extensions and symlink loops. `text_field` names the JSON key to read instead
    of the known ones; `header=False` leaves out the Title/Company/Location header.
    When `stdin` is given, a path ``"-"`` reads it (source ``<stdin>``, see `stdin_input`).

    Sources: a file named on its own keeps its path as given. A file found in a folder
    is named relative to that folder when the folder is the only input; with more than
    one input it keeps the folder as given in front ("a/p.txt" and "b/p.txt" for
    ``a/ b/``), so two folders holding the same name never share a source.
    """
    rest = iter(paths)
    first = list(islice(rest, 2))  # enough to tell one input from several, still streaming
    options = _Options(text_field, max_bytes, header)
    for raw in chain(first, rest):
        path = Path(raw)
        if stdin is not None and str(raw) == "-":
            yield stdin_input(stdin, max_bytes)
        elif path.is_dir():
            yield from _load_folder(path, folder_root(raw, several=len(first) > 1), options)
        elif path.exists():
            yield from _dated_file(path, path_source(raw), options)
        else:
            yield LoadFailure(path_source(raw), "not_found",
                              f"no such file or folder: {path_source(raw)}")


def folder_root(folder: str | Path, *, several: bool) -> Path | None:
    """What the sources of `folder`'s files are relative to (see `iter_inputs`).

    The folder itself when it is the only input; None (the folder stays in front of each
    source) when there are `several` inputs.
    """
    return None if several else Path(folder)


def path_source(path: str | Path, root: Path | None = None) -> str:
    """The ``source`` for a path: relative to ``root``, always valid UTF-8.

    A name whose bytes are not UTF-8 (the OS hands them over as surrogate escapes)
    is written with ``\\xNN`` escapes, the same each run, so resume finds it again.
    """
    name = Path(path).relative_to(root).as_posix() if root is not None else str(path)
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def load_text(text: str, source: str = "<text>", kind: Kind | None = None) -> Document:
    """Wrap a string as a `Document` (NFC), sniffing its kind (html, json or text) when not given.

    Raises:
        LoadError: empty text, or JSON without posting text or with several postings.
    """
    text = _nfc(text.removeprefix("\ufeff"))
    if not text.strip():
        raise LoadError("empty_input", "the text is empty")
    kind = kind or _sniff_kind(text)
    if kind != "json":
        return Document(source, text, kind)
    results = list(_load_json(text, source, _Options(None, len(text), True)))
    if len(results) != 1:
        raise LoadError("multiple_postings", f"the JSON holds {len(results)} postings; "
                        "load it with iter_inputs to get one result each")
    if isinstance(results[0], LoadFailure):
        raise LoadError(results[0].error_type, results[0].message)
    return results[0]


def text_input(text: str, source: str = "<text>") -> Document | LoadFailure:
    """``load_text`` for batch callers: a failure is returned, never raised."""
    try:
        return load_text(text, source)
    except LoadError as exc:
        return LoadFailure(source, exc.error_type, exc.message)


def stdin_input(stream: IO[bytes] | IO[str], max_bytes: int = MAX_BYTES,
                source: str = STDIN_SOURCE) -> Document | LoadFailure:
    """Read a stream (stdin) to its end as one posting, as a file is read.

    Its bytes (a text stream's ``buffer``) go through `decode_bytes`, so any encoding a
    file may have works here too, at most `max_bytes` of them; the kind is sniffed as
    `load_text` does. A failure is returned, never raised.
    """
    try:
        return load_text(decode_bytes(_read_stream(stream, max_bytes)), source)
    except LoadError as exc:
        return LoadFailure(source, exc.error_type, exc.message)


def _read_stream(stream: IO[bytes] | IO[str], max_bytes: int) -> bytes:
    binary = getattr(stream, "buffer", stream)
    try:
        data = binary.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: a closed stream
        raise LoadError("unreadable", f"cannot read standard input: {exc}") from exc
    if isinstance(data, str):  # a text stream with no bytes under it (io.StringIO)
        data = data.encode("utf-8", errors="surrogateescape")
    if len(data) > max_bytes:
        raise LoadError("too_large", f"over the {max_bytes}-byte limit")
    return data


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _sniff_kind(text: str) -> Kind:
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        try:
            value = json.loads(stripped)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, dict | list):
            return "json"
    return "html" if looks_like_html(text) else "text"


def looks_like_html(text: str) -> bool:
    """True when the text holds at least one common HTML block or inline tag."""
    return _HTML_RE.search(text) is not None


# --- folders -------------------------------------------------------------------------

_LIST_CHUNK = 8192  # names held at once while listing one folder


def _load_folder(folder: Path, root: Path | None,
                 options: _Options) -> Iterator[Document | LoadFailure]:
    for found in _walk(folder, root, set()):
        if isinstance(found, LoadFailure):
            yield found
        else:
            yield from _dated_file(found, path_source(found, root), options)


def _walk(folder: Path, root: Path | None, seen: set[Path]) -> Iterator[Path | LoadFailure]:
    """Yield loadable files under `folder`, sorted by name, each real folder once."""
    try:
        resolved = folder.resolve()
        if resolved in seen:
            return
        seen.add(resolved)
        for name in sorted_names(folder):
            entry = folder / name
            if entry.is_dir():
                yield from _walk(entry, root, seen)
            else:
                yield entry  # a broken link or a pipe is reported as unreadable, not skipped
    except (OSError, RuntimeError) as exc:
        yield LoadFailure(path_source(folder, root), "unreadable", f"cannot list folder: {exc}")


def sorted_names(folder: Path, chunk: int = _LIST_CHUNK) -> Iterator[str]:
    """The wanted entry names of `folder` in sorted order, holding at most `chunk` at once.

    Each pass lists the folder again and keeps the `chunk` smallest names after the
    last one yielded, so a folder of 100,000 files runs in the memory of 8,192 names
    (the price: one more listing per chunk, about 40 ms per 100,000 entries).
    """
    last: str | None = None
    while True:
        with os.scandir(folder) as listing:
            batch = heapq.nsmallest(chunk, (entry.name for entry in listing
                                            if (last is None or entry.name > last)
                                            and _wanted(entry)))
        yield from batch
        if len(batch) < chunk:
            return
        last = batch[-1]


def _wanted(entry: os.DirEntry[str]) -> bool:
    """A folder to walk or a file with a known extension; dot-entries and the sidecars of
    other files (``page.html.meta.json``) are skipped."""
    if entry.name.startswith(".") or _is_sidecar(entry.path):
        return False
    try:
        is_dir = entry.is_dir()
    except OSError:
        is_dir = False
    return is_dir or os.path.splitext(entry.name)[1].lower() in EXTENSION_KINDS


# --- files ---------------------------------------------------------------------------

SIDECAR_SUFFIX = ".meta.json"
_SIDECAR_MAX_BYTES = 65536
# JSON keys (in the one form `_key` gives them) that state the day a posting was read
REFERENCE_KEYS = ("referencedate", "datescraped", "scrapedat", "scrapeddate", "scrapedon",
                  "crawledat", "datecrawled", "crawldate", "fetchedat", "datefetched",
                  "retrievedat", "downloadedat", "savedat", "capturedat")


def _is_sidecar(path: str) -> bool:
    return path.endswith(SIDECAR_SUFFIX) and os.path.isfile(path[: -len(SIDECAR_SUFFIX)])


def _dated_file(path: Path, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
    """A file's postings, each with its sidecar's reference date (unless it states its
    own) and the file's modification day."""
    try:
        stated = _sidecar_date(path)
    except LoadError as exc:
        yield LoadFailure(source, exc.error_type, exc.message)
        return
    modified = _modified_day(path)
    for item in _load_file(path, source, options):
        if isinstance(item, Document):
            item = replace(item, reference_date=item.reference_date or stated,
                           modified=modified)
        yield item


def _sidecar_date(path: Path) -> dt.date | None:
    """The reference date ``<file>.meta.json`` states; None when there is no sidecar.

    Raises:
        LoadError: the sidecar is unreadable, not JSON, or states no date.
    """
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return None
    fix = 'write {"reference_date": "YYYY-MM-DD"} there, or remove the file'
    try:
        value = json.loads(decode_bytes(_read_bytes(sidecar, _SIDECAR_MAX_BYTES)))
    except (LoadError, ValueError) as exc:
        raise LoadError("bad_sidecar", f"{sidecar.name} cannot be read ({exc}); {fix}") from exc
    day = _stated_date(value) if isinstance(value, dict) else None
    if day is None:
        raise LoadError("bad_sidecar", f"{sidecar.name} states no reference date; {fix}")
    return day


def _modified_day(path: Path) -> dt.date | None:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError, OverflowError):
        return None


def _stated_date(obj: dict[str, Any]) -> dt.date | None:
    """The day a JSON object says it was read (``REFERENCE_KEYS``), else None."""
    keyed = _keyed(obj)
    return next((day for day in map(_as_day, map(keyed.get, REFERENCE_KEYS)) if day), None)


def _as_day(value: Any) -> dt.date | None:
    """An ISO date or datetime ("2024-03-12", "2024-03-12T09:30:00Z"), or Unix seconds
    (milliseconds past 10^11) as a UTC day."""
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    return None

def _load_file(path: Path, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
    if path.suffix.lower() == ".parquet":  # binary, read by pyarrow in batches
        yield from _load_parquet(path, source, options)
        return
    try:
        text = decode_bytes(_read_bytes(path, options.max_bytes))
    except LoadError as exc:
        yield LoadFailure(source, exc.error_type, exc.message)
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _load_jsonl(text, source, options)
    elif suffix == ".json":
        yield from _load_json(text, source, options)
    elif suffix == ".csv":
        yield from _load_csv(text, source, options)
    else:
        yield Document(source, text, EXTENSION_KINDS.get(suffix, "text"))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read at most max_bytes; a larger file is refused without being read whole."""
    try:
        if not path.is_file():
            raise LoadError("unreadable", f"not a regular file: {path_source(path)}")
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError("too_large", f"{size} bytes is over the {max_bytes}-byte limit")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise LoadError("unreadable", f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise LoadError("too_large", f"over the {max_bytes}-byte limit")
    return data


def decode_bytes(data: bytes) -> str:
    """Bytes to NFC text: BOM first, then UTF-8, then charset-normalizer's best guess.

    Binary is told by magic numbers and by proportion: NUL-dense data (a binary format,
    UTF-16 without a byte-order mark) is refused, a stray NUL in a text is dropped.

    Raises:
        LoadError: empty_input, binary_input or decode_error.
    """
    if not data.strip():
        raise LoadError("empty_input", "the input is empty or holds only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_with(data[len(bom):], encoding))
    if data.startswith(_BINARY_MAGIC) or _nul_dense(data[:_SNIFF_BYTES]):
        raise LoadError("binary_input", "the input looks binary (not text)")
    data = data.replace(b"\x00", b"")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _checked(_guess_decode(data))


def _nul_dense(sample: bytes) -> bool:
    nuls = sample.count(0)
    return nuls > 1 and nuls > _MAX_NUL_SHARE * len(sample)


def _decode_with(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError("decode_error", f"invalid {encoding} after its byte-order mark") from exc


def _guess_decode(data: bytes) -> str:
    """charset-normalizer's best guess; among near-equal guesses, the most common code page."""
    from charset_normalizer import from_bytes

    # NUL-dense data stopped earlier, so UTF-16/32 without a byte-order mark is not plausible.
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        raise LoadError("decode_error", "cannot tell the text encoding; save the file as UTF-8")
    best = matches[0]
    tied = [m for m in matches if m.chaos == best.chaos
            and m.coherence >= best.coherence - _COHERENCE_TIE]
    return str(min(tied, key=lambda m: _ENCODING_RANK.get(m.encoding, len(_ENCODING_RANK))))


def _checked(text: str) -> str:
    """Refuse text that is blank or mostly unprintable once decoded; give the rest as NFC."""
    sample = text[:_SNIFF_BYTES]
    if len(_UNPRINTABLE_RE.findall(sample)) > _MAX_UNPRINTABLE * len(sample):
        raise LoadError("binary_input", "the input is mostly unprintable characters")
    text = text.replace("\x00", "")
    if not text.strip():
        raise LoadError("empty_input", "the input is empty or holds only whitespace")
    return _nfc(text)


# --- tables: CSV and Parquet, a row per posting ------------------------------------------
# Each row is read as a JSON row is (`_posting`): its text from `text_field` or the known
# text columns, column names in any case and spelling, every column kept in the fields.
# Row N (from 1, the header not counted) is "FILE#N"; an empty cell is null.

_CSV_DELIMITERS = ",;\t|"
PARQUET_BATCH_ROWS = 1024  # rows read from a Parquet file at a time


def _load_csv(text: str, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
    # a posting's text may be longer than csv's 128 KiB default; the file was size-checked
    csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text))
    rows = 0
    try:
        header = next(reader, None)
        for rows, cells in enumerate(reader, start=1):
            yield _csv_row(header or [], cells, f"{source}#{rows}", options)
    except csv.Error as exc:
        yield LoadFailure(f"{source}#{rows + 1}", "malformed_csv",
                          f"unreadable CSV at line {reader.line_num}: {exc}")
        return
    if rows == 0:
        yield LoadFailure(source, "empty_input", "the CSV holds a header and no rows")


def _csv_delimiter(text: str) -> str:
    """The header line's delimiter (, ; tab or |); a comma when it cannot be told. Quoting
    stays the usual (excel) one: a header line has too few quotes to tell it."""
    try:
        return csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=_CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _csv_row(header: list[str], cells: list[str], source: str,
             options: _Options) -> Document | LoadFailure:
    if len(cells) > len(header):
        return LoadFailure(source, "malformed_csv", f"the row has {len(cells)} cells and "
                           f"the header {len(header)}: quote cells that hold the delimiter")
    row = {_nfc(name): _nfc(cell) if cell.strip() else None
           for name, cell in zip(header, cells, strict=False)}
    return _posting(row, source, options)


def _load_parquet(path: Path, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
    try:
        import pyarrow.parquet as pq  # lazy: an optional dependency (extractor[parquet])
    except ImportError:
        yield LoadFailure(source, "unsupported_input", "reading .parquet needs pyarrow: "
                          "pip install 'extractor[parquet]'")
        return
    number = 0
    try:
        for number, row in enumerate(_parquet_rows(pq, path), start=1):
            yield _posting(_json_value(row), f"{source}#{number}", options)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield LoadFailure(f"{source}#{number + 1}" if number else source, "unreadable",
                          f"cannot read Parquet: {exc}")
        return
    if number == 0:
        yield LoadFailure(source, "empty_input", "the Parquet file holds no rows")


def _parquet_rows(pq: Any, path: Path) -> Iterator[dict[str, Any]]:
    with pq.ParquetFile(path) as table:
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            yield from batch.to_pylist()


def _json_value(value: Any) -> Any:
    """A Parquet value as a JSON row would hold it: dates as ISO text, text as NFC."""
    if isinstance(value, str):
        return _nfc(value)
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return _nfc(value.decode("utf-8", errors="replace"))
    if isinstance(value, Decimal):
        return float(value)
    return value


# --- JSON ----------------------------------------------------------------------------

def _load_jsonl(text: str, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield from _load_json(line, f"{source}#{number}", options, line_number=number)


def _load_json(
    text: str, source: str, options: _Options, line_number: int | None = None
) -> Iterator[Document | LoadFailure]:
    try:
        value = json.loads(text, object_pairs_hook=_nfc_object)
    except json.JSONDecodeError as exc:
        line = line_number or exc.lineno
        yield LoadFailure(source, "malformed_json",
                          f"invalid JSON at line {line} column {exc.colno}: {exc.msg}")
        return
    except RecursionError:
        yield LoadFailure(source, "malformed_json", "JSON nested too deeply to read")
        return
    items = _posting_list(value, options.text_field)
    if items == []:
        yield LoadFailure(source, "empty_input", "the JSON list holds no postings")
    elif items is None:
        yield _posting(value, source, options)
    elif line_number is None:
        for number, item in enumerate(items, start=1):
            yield _posting(item, f"{source}#{number}", options)
    elif len(items) == 1:
        yield _posting(items[0], source, options)
    else:
        yield LoadFailure(source, "multiple_postings",
                          f"line {line_number} holds {len(items)} postings; write one posting "
                          "per line, or save the list as a .json file to get one result each")


def _nfc_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json's object hook: keys, string values and strings in list values as NFC."""
    return {_nfc(key): _nfc_value(value) for key, value in pairs}


def _nfc_value(value: Any) -> Any:
    if isinstance(value, str):
        return _nfc(value)
    if isinstance(value, list):
        return [_nfc(item) if isinstance(item, str) else item for item in value]
    return value


def _posting(value: Any, source: str, options: _Options) -> Document | LoadFailure:
    """One JSON value to one posting: a plain string, or the dict that holds the posting."""
    if isinstance(value, str) and value.strip():
        value = _nfc(value)
        return Document(source, value, "html" if looks_like_html(value) else "text")
    found = _find_posting(value, options.text_field) or _readable_posting(value, options)
    if found is None:
        return LoadFailure(source, "no_text_field", _missing_text_message(value, options))
    body = _unescaped(found.body)
    kind: Kind = "html" if looks_like_html(body) else "json"
    header = _header_lines(found) if options.header else []
    day = _stated_date(found.obj) or (_stated_date(value) if isinstance(value, dict) else None)
    return Document(source, _with_header(header, body, kind), kind, fields=found.obj,
                    reference_date=day)


def _unescaped(body: str) -> str:
    """HTML sent entity-escaped (Greenhouse's "content": "&lt;p&gt;...") as HTML."""
    if "&lt;" in body and not looks_like_html(body):
        html = unescape(body)
        if looks_like_html(html):
            return html
    return body


# --- finding the posting in a JSON value -----------------------------------------------

@dataclass(frozen=True)
class _Found:
    obj: dict[str, Any]  # the posting's own object
    aside: bool  # it sits in a company object or a posting's section: no title of its own
    body: str


def _key(name: Any) -> str:
    """A JSON key in the one form compared: case-folded, letters and digits only."""
    return "".join(char for char in str(name).casefold() if char.isalnum())


def _keyed(obj: dict[str, Any]) -> dict[str, Any]:
    keyed: dict[str, Any] = {}
    for name, value in obj.items():
        keyed.setdefault(_key(name), value)
    return keyed


def _find_posting(value: Any, text_field: str | None) -> _Found | None:
    """The dict holding the posting: breadth-first (no recursion) over every dict.

    Ranked by: not a company object or a section of a posting; a title-like key; body
    keys before generic ones; more posting signals (company, place); the first met.
    """
    best: tuple[tuple[bool, int, int, int, int], _Found] | None = None
    for index, (aside, obj) in enumerate(_dicts_breadth_first(value)):
        keyed = _keyed(obj)
        text = _text_of(keyed, text_field)
        if text is None:
            continue
        strength, body = text
        weight = 3 if _is_jobposting(obj) else _title_weight(keyed, aside)
        signals = (_company(keyed) != "") + (_location(keyed) != "")
        rank = (aside, -weight, strength, -signals, index)
        if best is None or rank < best[0]:
            best = (rank, _Found(obj, aside, body))
    return None if best is None else best[1]


def _posting_list(value: Any, text_field: str | None) -> list[Any] | None:
    """The items of a JSON value that is a list of postings, or holds one in an envelope.

    None when the value is one posting: it, or a dict reached without entering a list,
    holds posting text ({"data": {"job": {...}}}), or no list in it holds postings.
    """
    if isinstance(value, list):
        return value
    lists: list[list[Any]] = []
    for _, obj in _dicts_breadth_first(value, into_lists=False):
        keyed = _keyed(obj)
        if _text_of(keyed, text_field) is not None:
            return None
        lists.extend(item for item in obj.values() if isinstance(item, list))
    return next((items for items in lists if _lists_postings(items, text_field)), None)


def _lists_postings(items: list[Any], text_field: str | None) -> bool:
    """True for a list of dicts most of which read as postings."""
    if not items or not all(isinstance(item, dict) for item in items):
        return False
    postings = sum(_posting_like(item, text_field) for item in items)
    return 2 * postings > len(items)


def _posting_like(obj: dict[str, Any], text_field: str | None) -> bool:
    """Posting text, or a title with a company or a place (a job list without bodies)."""
    if obj.get("@type") is not None and not _is_jobposting(obj):  # Organization, WebPage...
        return False
    keyed = _keyed(obj)
    if _text_of(keyed, text_field) is not None:
        return True
    return _title(keyed, False) != "" and any(key in keyed for key in (*COMPANY_KEYS,
                                                                       *LOCATION_KEYS))


def _is_jobposting(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    return kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind)


def _dicts_breadth_first(
    value: Any, into_lists: bool = True
) -> Iterator[tuple[bool, dict[str, Any]]]:
    """Every dict in `value`, shallowest first, each with its `_Found.aside` flag."""
    queue: deque[tuple[bool, Any]] = deque([(False, value)])
    while queue:
        aside, item = queue.popleft()
        if isinstance(item, dict):
            yield aside, item
            queue.extend((aside or _key(name) in _ASIDE_KEYS, child)
                         for name, child in item.items()
                         if into_lists or not isinstance(child, list))
        elif isinstance(item, list) and into_lists:
            queue.extend((aside, child) for child in item)


_ASIDE_KEYS = frozenset((*COMPANY_KEYS, *SECTION_KEYS))


def _text_of(keyed: dict[str, Any], text_field: str | None) -> tuple[int, str] | None:
    """(strength, text): 0 for `text_field` or the body keys joined, then each weak key."""
    if text_field:
        text = _as_text(keyed.get(_key(text_field)))
        return (0, text) if text else None
    body = "\n\n".join(part for part in (_part(keyed, keys) for keys in _BODY_PARTS) if part)
    if body:
        return 0, body
    for strength, key in enumerate(WEAK_TEXT_KEYS, start=1):
        text = _as_text(keyed.get(key))
        if text:
            return strength, text
    return None


# The body's parts: BODY_KEYS, with the headed sections after the description.
_BODY_PARTS = (*BODY_KEYS[:2], SECTION_KEYS, *BODY_KEYS[2:])


def _part(keyed: dict[str, Any], keys: tuple[str, ...]) -> str:
    """The first of `keys` that holds text (headed sections for SECTION_KEYS)."""
    for key in keys:
        value = keyed.get(key)
        text = _sections_text(value) if key in SECTION_KEYS else _as_text(value)
        if text:
            return text
    return ""


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(v.strip() for v in value if v.strip())
    return ""


def _sections_text(value: Any) -> str:
    """Headed parts ([{"text": "Requirements", "content": "<li>.."}, ...]) as one text."""
    if isinstance(value, dict):
        inner = _keyed(value).get("sections")  # SmartRecruiters: "jobAd": {"sections": ...}
        value = inner if isinstance(inner, dict | list) else value
    if isinstance(value, dict):
        value = list(value.values())
    if not isinstance(value, list):
        return ""
    parts = [_section(_keyed(item)) for item in value if isinstance(item, dict)]
    return "\n\n".join(part for part in parts if part)


def _section(keyed: dict[str, Any]) -> str:
    body_key = next((k for k in ("content", "description", "body", "text")
                     if _as_text(keyed.get(k))), None)
    if body_key is None:
        return ""
    body = _as_text(keyed[body_key])
    heading = next((_single_line(keyed.get(k)) for k in ("title", "name", "text")
                    if k != body_key and _single_line(keyed.get(k))), "")
    if not heading:
        return body
    return f"<h3>{escape(heading)}</h3>\n{body}" if looks_like_html(body) else f"{heading}\n{body}"


# --- the header ------------------------------------------------------------------------

def _header_lines(found: _Found) -> list[str]:
    """Title, company and location lines from the posting's own object."""
    keyed = _keyed(found.obj)
    values = (("Title", _title(keyed, found.aside)), ("Company", _company(keyed)),
              ("Location", _location(keyed)))
    return [f"{label}: {value}" for label, value in values if value]


def _single_line(value: Any) -> str:
    text = _as_text(value)
    return "" if "\n" in text else text


def _title_weight(keyed: dict[str, Any], aside: bool) -> int:
    """How surely the dict names a job: 2 a title key, 1 another name for one."""
    if not _title(keyed, aside):
        return 0
    return 2 if any(_single_line(keyed.get(key)) for key in TITLE_KEYS) else 1


def _title(keyed: dict[str, Any], aside: bool) -> str:
    """The job's title; a company's or a section's own name is none."""
    if aside:
        return ""
    title = next((t for t in map(_single_line, map(keyed.get, TITLE_KEYS)) if t), "")
    if not title:  # SmartRecruiters calls the title "name"
        title = _single_line(keyed.get("name"))
    if not title and isinstance(keyed.get("categories"), dict):  # Lever calls it "text"
        title = _single_line(keyed.get("text"))
    return title


def title_column(obj: dict[str, Any] | None) -> str:
    """A JSON posting's title column, read as its header line is ("" when it has none);
    column names in any case or spelling ("Job Title", "job_title", "JobTitle")."""
    return _title(_keyed(obj), False) if obj else ""


def company_column(obj: dict[str, Any] | None) -> str:
    """A JSON posting's company column, read as its header line is ("" when it has none)."""
    return _company(_keyed(obj)) if obj else ""


def url_column(obj: dict[str, Any] | None, keys: tuple[str, ...]) -> tuple[str, str] | None:
    """(column name, absolute http(s) URL) of the first of ``keys`` (``APPLY_KEYS``,
    ``URL_KEYS``) that holds one in a JSON posting; ``{"url": ...}`` objects too."""
    names: dict[str, str] = {}
    for name in obj or {}:
        names.setdefault(_key(name), name)
    for key in keys:
        value = (obj or {}).get(names.get(key, ""))
        if isinstance(value, dict):
            value = _keyed(value).get("url")
        if isinstance(value, str) and re.match(r"(?i)https?://\S+$", value.strip()):
            return names[key], value.strip()
    return None


def _company(keyed: dict[str, Any]) -> str:
    for key in COMPANY_KEYS:
        value = keyed.get(key)
        if isinstance(value, dict):  # "company": {"name": ...}, "hiringOrganization"
            value = _keyed(value).get("name")
        if isinstance(value, str) and value.strip():
            return value.strip().splitlines()[0].strip()  # Glassdoor adds "\n4.4", a rating
    return ""


def _location(keyed: dict[str, Any]) -> str:
    values = [keyed.get(key) for key in LOCATION_KEYS]
    categories = keyed.get("categories")
    if isinstance(categories, dict):  # Lever
        values.append(_keyed(categories).get("location"))
    return next((place for place in map(_place, values) if place), "")


def _place(value: Any) -> str:
    """A place as written: a string, {"name": ...}, an address's parts, or a list of them."""
    names = [_place_name(item) for item in (value if isinstance(value, list) else [value])]
    return "; ".join(dict.fromkeys(name for name in names if name))


_PLACE_NAME_KEYS = ("name", "label", "displayname", *LOCATION_KEYS[2:])


def _place_name(value: Any) -> str:
    if not isinstance(value, dict):
        return _single_line(value)
    keyed = _keyed(value)
    name = next((n for n in map(_single_line, map(keyed.get, _PLACE_NAME_KEYS)) if n), "")
    address = keyed.get("address")  # schema.org jobLocation: {"address": {...}}
    if name or isinstance(address, str):
        return name or _single_line(address)
    parts = _keyed(address) if isinstance(address, dict) else keyed
    return ", ".join(dict.fromkeys(p for p in map(_single_line, map(parts.get, _ADDRESS_KEYS))
                                   if p))


def _with_header(header: list[str], body: str, kind: Kind) -> str:
    if not header:
        return body
    if kind == "html":
        return "<p>" + "<br>".join(escape(line) for line in header) + "</p>\n" + body
    return "\n".join(header) + "\n\n" + body


# An object with none of the known text keys ({"puesto": ..., "funciones": [...]}, keys in
# another language) is read as a person reading the API answer would: its text values,
# each under its key. Only when it holds this much text, so a bare record is still refused.
_READABLE_MIN_CHARS = 200
_READABLE_MAX_DEPTH = 8


def _readable_posting(value: Any, options: _Options) -> _Found | None:
    """The whole object as "key: value" lines, when no text key is found anywhere."""
    if options.text_field or not isinstance(value, dict):
        return None
    lines = _readable_lines(value, 0)
    body = "\n".join(lines)
    if sum(len(line) for line in lines) < _READABLE_MIN_CHARS:
        return None
    return _Found(value, False, body)


def _readable_lines(value: Any, depth: int) -> list[str]:
    """Text and numbers under their keys, lists as items, nested objects indented."""
    if depth > _READABLE_MAX_DEPTH or not isinstance(value, dict):
        return []
    lines: list[str] = []
    indent = "  " * depth
    for name, child in value.items():
        if isinstance(child, str | int | float) and not isinstance(child, bool):
            text = str(child).strip()
            if text:
                lines.append(f"{indent}{name}: {text}")
        elif isinstance(child, list):
            items = [str(item).strip() for item in child if isinstance(item, str | int | float)]
            lines += [f"{indent}{name}:"] + [f"{indent}- {item}" for item in items if item]
            for item in child:
                lines += _readable_lines(item, depth + 1)
        elif isinstance(child, dict):
            lines += [f"{indent}{name}:", *_readable_lines(child, depth + 1)]
    return lines


def _missing_text_message(value: Any, options: _Options) -> str:
    wanted = options.text_field or "description-like"
    if isinstance(value, dict):
        keys = ", ".join(sorted(map(str, value))[:12])
        return (f"no {wanted} text field found (top-level keys: {keys}); "
                "name the field to read with text_field")
    return f"no {wanted} text field found in a JSON {type(value).__name__}"
