"""Stage 1, loading: files, folders and strings in; `Document` or `LoadFailure` out.

Every input gives exactly one result per posting it holds (a JSONL line, a JSON array
item), so a batch can report each input once. Nothing here raises for bad input:
`iter_inputs` turns each problem into a `LoadFailure` with a short `error_type`.
"""

from __future__ import annotations

import heapq
import json
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "Document", "Kind", "LoadError", "LoadFailure", "decode_bytes", "iter_inputs", "load_text",
    "text_input",
    "looks_like_html",
]

Kind = Literal["text", "markdown", "html", "json"]

EXTENSION_KINDS: dict[str, Kind] = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "json",
}
# Keys that hold posting text, strongest first. EMSCAD splits one posting over four.
STRONG_TEXT_KEYS = (
    "company_profile", "description", "Job Description", "job_description",
    "jobDescription", "descriptionHtml", "description_html", "descriptionText",
    "requirements", "benefits", "skills_desc", "jobpost",
)
WEAK_TEXT_KEYS = ("content", "text", "body")
# Shown to a reader of the posting itself; rendered as a short header. Label-only
# columns (salary_min, remote_allowed, fraudulent, Rating...) are never read.
HEADER_KEYS = (("Title", ("title", "position")), ("Company", ("company", "company_name")),
               ("Location", ("location",)))

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
# Control characters and U+FFFD; C1 controls (\x80-\x9f) are left out: mojibake has them.
_UNPRINTABLE_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_HTML_RE = re.compile(
    r"<(?:!doctype\s+html|html|body|p|div|br|ul|ol|li|h[1-6]|span|strong|b|em|a|table)\b[^>]*>",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Document:
    """One posting's text, where it came from, and (for JSON input) the source object."""

    source: str
    content: str
    kind: Kind
    fields: dict[str, Any] | None = None


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
    max_bytes: int = 20_000_000,
    header: bool = True,
) -> Iterator[Document | LoadFailure]:
    """Yield one result per posting found in `paths` (files or folders), in a stable order.

    Folders are walked recursively in sorted order, skipping dot-entries, files with
    other extensions and symlink loops. `text_field` names the JSON key to read instead
    of the known ones; `header=False` leaves out the Title/Company/Location header.
    """
    options = _Options(text_field, max_bytes, header)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, path, set()):
                if isinstance(found, LoadFailure):
                    yield found
                else:
                    yield from _load_file(found, path_source(found, path), options)
        elif path.exists():
            yield from _load_file(path, path_source(raw), options)
        else:
            yield LoadFailure(path_source(raw), "not_found",
                              f"no such file or folder: {path_source(raw)}")


def path_source(path: str | Path, root: Path | None = None) -> str:
    """The ``source`` for a path: relative to ``root``, always valid UTF-8.

    A name whose bytes are not UTF-8 (the OS hands them over as surrogate escapes)
    is written with ``\\xNN`` escapes, the same each run, so resume finds it again.
    """
    name = Path(path).relative_to(root).as_posix() if root is not None else str(path)
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def load_text(text: str, source: str = "<text>", kind: Kind | None = None) -> Document:
    """Wrap a string as a `Document`, sniffing its kind (html, json or text) when not given.

    Raises:
        LoadError: empty text, or JSON without posting text or with several postings.
    """
    text = text.removeprefix("\ufeff")
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


def _walk(folder: Path, root: Path, seen: set[Path]) -> Iterator[Path | LoadFailure]:
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
    """A folder to walk or a file with a known extension; dot-entries are skipped."""
    if entry.name.startswith("."):
        return False
    try:
        is_dir = entry.is_dir()
    except OSError:
        is_dir = False
    return is_dir or os.path.splitext(entry.name)[1].lower() in EXTENSION_KINDS


# --- files ---------------------------------------------------------------------------

def _load_file(path: Path, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
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
    """Bytes to text: BOM first, then UTF-8, then charset-normalizer's best guess.

    Raises:
        LoadError: empty_input, binary_input or decode_error.
    """
    if not data.strip():
        raise LoadError("empty_input", "the file is empty or holds only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_with(data[len(bom):], encoding))
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:_SNIFF_BYTES]:
        raise LoadError("binary_input", "the file looks binary (not text)")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _checked(_guess_decode(data))


def _decode_with(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError("decode_error", f"invalid {encoding} after its byte-order mark") from exc


def _guess_decode(data: bytes) -> str:
    """charset-normalizer's best guess; among near-equal guesses, the most common code page."""
    from charset_normalizer import from_bytes

    # No NUL byte got this far, so UTF-16/32 without a byte-order mark is not plausible.
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        raise LoadError("decode_error", "cannot tell the text encoding; save the file as UTF-8")
    best = matches[0]
    tied = [m for m in matches if m.chaos == best.chaos
            and m.coherence >= best.coherence - _COHERENCE_TIE]
    return str(min(tied, key=lambda m: _ENCODING_RANK.get(m.encoding, len(_ENCODING_RANK))))


def _checked(text: str) -> str:
    """Refuse text that is blank or mostly unprintable once decoded."""
    if not text.strip():
        raise LoadError("empty_input", "the file is empty or holds only whitespace")
    sample = text[:_SNIFF_BYTES]
    if len(_UNPRINTABLE_RE.findall(sample)) > _MAX_UNPRINTABLE * len(sample):
        raise LoadError("binary_input", "the file is mostly unprintable characters")
    return text


# --- JSON ----------------------------------------------------------------------------

def _load_jsonl(text: str, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield from _load_json(line, f"{source}#{number}", options, line_number=number)


def _load_json(
    text: str, source: str, options: _Options, line_number: int | None = None
) -> Iterator[Document | LoadFailure]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        line = line_number or exc.lineno
        yield LoadFailure(source, "malformed_json",
                          f"invalid JSON at line {line} column {exc.colno}: {exc.msg}")
        return
    except RecursionError:
        yield LoadFailure(source, "malformed_json", "JSON nested too deeply to read")
        return
    if isinstance(value, list) and line_number is None:
        for number, item in enumerate(value, start=1):
            yield _posting(item, f"{source}#{number}", options)
    else:
        yield _posting(value, source, options)


def _posting(value: Any, source: str, options: _Options) -> Document | LoadFailure:
    """One JSON value to one posting: a plain string, or the first dict with posting text."""
    if isinstance(value, str) and value.strip():
        return Document(source, value, "html" if looks_like_html(value) else "text")
    found = _find_posting(value, options.text_field)
    if found is None:
        return LoadFailure(source, "no_text_field", _missing_text_message(value, options))
    obj, body = found
    kind: Kind = "html" if looks_like_html(body) else "json"
    header = _header_lines(obj) if options.header else []
    return Document(source, _with_header(header, body, kind), kind, fields=obj)


def _find_posting(value: Any, text_field: str | None) -> tuple[dict[str, Any], str] | None:
    """Breadth-first (no recursion) to the first dict with posting text."""
    # Strong keys are joined (EMSCAD's four fields); generic ones are taken one at a time.
    key_sets = [(text_field,)] if text_field else [STRONG_TEXT_KEYS]
    key_sets += [] if text_field else [(key,) for key in WEAK_TEXT_KEYS]
    for keys in key_sets:
        for obj in _dicts_breadth_first(value):
            body = _join_text(obj, keys)
            if body:
                return obj, body
    return None


def _dicts_breadth_first(value: Any) -> Iterator[dict[str, Any]]:
    queue: deque[Any] = deque([value])
    while queue:
        item = queue.popleft()
        if isinstance(item, dict):
            yield item
            queue.extend(item.values())
        elif isinstance(item, list):
            queue.extend(item)


def _join_text(obj: dict[str, Any], keys: Iterable[str]) -> str:
    parts = [_as_text(obj.get(key)) for key in keys]
    return "\n\n".join(p for p in parts if p)


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(v.strip() for v in value if v.strip())
    return ""


def _header_lines(obj: dict[str, Any]) -> list[str]:
    lines = []
    for label, keys in HEADER_KEYS:
        value = next((_as_text(obj.get(k)) for k in keys if _as_text(obj.get(k))), "")
        if value and "\n" not in value:
            lines.append(f"{label}: {value}")
    return lines


def _with_header(header: list[str], body: str, kind: Kind) -> str:
    if not header:
        return body
    if kind == "html":
        return "<p>" + "<br>".join(escape(line) for line in header) + "</p>\n" + body
    return "\n".join(header) + "\n\n" + body


def _missing_text_message(value: Any, options: _Options) -> str:
    wanted = options.text_field or "description-like"
    if isinstance(value, dict):
        keys = ", ".join(sorted(map(str, value))[:12])
        return (f"no {wanted} text field found (top-level keys: {keys}); "
                "name the field to read with text_field")
    return f"no {wanted} text field found in a JSON {type(value).__name__}"
