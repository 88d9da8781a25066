"""The review page: one self-contained HTML file to check each record against its posting.

``write_review(lines, path)`` takes output lines that carry the cleaned text
(``Result.to_line(include_text=True)``, or a JSONL file written with ``--include-text``)
and writes one HTML file with its CSS and JavaScript inline, no network and no external
fonts: per posting the text with every field's evidence highlighted in the field's own
colour, the record beside it, the warnings, the dropped values and the error of a failed
line; filters (errors only, a field missing, a source substring) and keyboard navigation.

The data is one JSON blob in a ``<script type="application/json">`` element, with every
``<``, ``>`` and ``&`` escaped, so no text can close the element; the page builds its DOM
with ``textContent`` only and forbids every script but its own (a CSP hash), so a hostile
posting is shown, never run. Only the selected posting and the visible rows of the list
are in the DOM, so a page of thousands of postings opens at once.

Evidence offsets are code points (Python's ``str``); the page indexes UTF-16 (JavaScript's),
so spans are converted here. A leaf over output lines: it imports no pipeline stage.

    python -m extractor.review out.jsonl -o review.html
"""

from __future__ import annotations

import argparse
import base64
import bisect
import contextlib
import hashlib
import html
import json
import os
import re
import secrets
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import IO, Any

from extractor.errors import InputError
from extractor.outputs import GENERATOR  # the page's <meta name="generator">: marks it ours

_DROPPED = re.compile(r"^[A-Za-z_][\w.]*: dropped ")  # "salary: dropped ...: reason"
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_UNSAFE = re.compile("[<>&]")
NO_TEXT = ("has no \"text\": the review page needs the cleaned text the evidence points "
           "into; rerun extract with --include-text (or with --review FILE)")


def _asset(name: str) -> str:
    return (resources.files("extractor") / "review_page" / name).read_text(encoding="utf-8")


def utf16_offsets(text: str) -> list[int]:
    """Code-point positions of the characters outside the BMP (two UTF-16 units each)."""
    return [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []


def _to_utf16(offset: int, astral: list[int]) -> int:
    return offset + bisect.bisect_left(astral, offset)


def _spans(evidence: Any, text: str | None) -> tuple[dict[str, list[list[int]]], dict[str, Any]]:
    """Each field's spans as UTF-16 [start, end] pairs inside ``text``, and the notes of
    evidence that has no span (page data)."""
    spans: dict[str, list[list[int]]] = {}
    notes: dict[str, list[str]] = {}
    astral = utf16_offsets(text) if text else []
    for name, items in (evidence.items() if isinstance(evidence, dict) else ()):
        for item in items if isinstance(items, list) else ():
            if not isinstance(item, dict):
                continue
            pair = _in_text(item.get("start"), item.get("end"), text)
            if pair:
                spans.setdefault(str(name), []).append([_to_utf16(n, astral) for n in pair])
            elif item.get("start") is None:
                notes.setdefault(str(name), []).append(_note(item))
    return spans, notes


def _in_text(start: Any, end: Any, text: str | None) -> tuple[int, int] | None:
    """(start, end) when both are offsets of a non-empty span inside ``text``."""
    if not text or not all(type(v) is int for v in (start, end)):
        return None
    return (start, end) if 0 <= start < end <= len(text) else None


def _note(item: dict[str, Any]) -> str:
    origin = item.get("page_data") or item.get("text")
    return f"page data ({origin})" if origin else "page data"


def page_entry(line: dict[str, Any], where: str = "the line") -> dict[str, Any]:
    """The page's data for one output line.

    Raises:
        InputError: the line has no ``text`` (written without --include-text).
    """
    if "text" not in line:
        raise InputError(f"{where} {NO_TEXT}", type="no_text")
    text = line["text"] if isinstance(line["text"], str) else None
    spans, notes = _spans(line.get("evidence"), text)
    warnings = [str(w) for w in line.get("warnings") or [] if w is not None]
    return {
        "source": str(line.get("source")),
        "text": text,
        "record": _dict_or_none(line.get("record")),
        "error": _dict_or_none(line.get("error")),
        "spans": spans,
        "notes": notes,
        "warnings": [w for w in warnings if not _DROPPED.match(w)],
        "dropped": [w for w in warnings if _DROPPED.match(w)],
        "sources": _dict_or_none(line.get("sources")) or {},
        "cached": bool(line.get("cached")),
    }


def _dict_or_none(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) else None


def safe_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: no ``<``, ``>`` or ``&`` survives
    (they appear only inside JSON strings, where ``\\u003c`` means the same)."""
    return _UNSAFE.sub(lambda m: _ESCAPES[m.group()], json.dumps(value, ensure_ascii=False))


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def _head(title: str, script: str) -> str:
    csp = (f"default-src 'none'; script-src {_script_hash(script)}; "
           "style-src 'unsafe-inline'; img-src data:")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta name=\"generator\" content=\"{GENERATOR}\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>\n{_asset('page.css')}</style>\n"
        f"</head>\n<body>\n{_asset('body.html')}"
    )


def _write_page(entries: Iterator[dict[str, Any]], out: IO[str], title: str) -> int:
    """The page for ``entries`` written to ``out``; returns how many postings it shows."""
    script = _asset("page.js")
    out.write(_head(title, script))
    out.write('<script type="application/json" id="review-data">[')
    count = 0
    for entry in entries:
        out.write(("," if count else "") + "\n" + safe_json(entry))
        count += 1
    out.write(f"\n]</script>\n<script>{script}</script>\n</body>\n</html>\n")
    return count


def _as_line(item: Any) -> dict[str, Any]:
    """An output line, from a line or a Result (``extract_batch``'s items)."""
    if hasattr(item, "to_line"):
        line: dict[str, Any] = item.to_line(include_text=True)
        return line
    if not isinstance(item, dict):
        raise InputError(f"expected an output line (a JSON object), got {type(item).__name__}",
                         type="invalid_line")
    return item


def write_review(lines: Iterable[Any], path: str | os.PathLike[str],
                 title: str = "extractor review") -> int:
    """Write the review page for ``lines`` (output lines with ``text``, or Results) to
    ``path``, replacing it only once the whole page is written. Returns the postings shown.

    Raises:
        InputError: a line has no ``text`` (the message says to rerun with
            --include-text) or is not an output line; ``path`` is left as it was.
        OSError: ``path`` cannot be written.
    """
    target = Path(path)
    entries = (page_entry(_as_line(item), f"line {n}") for n, item in enumerate(lines, 1))
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # os.open with 0o666: the page gets the umask's mode, as any file the user writes
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with open(handle, "w", encoding="utf-8", errors="backslashreplace") as out:
            count = _write_page(entries, out, title)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return count


class ReviewSpool:
    """The lines of a run kept for its review page, in a temporary file (a long run holds
    none in memory); ``write`` makes the page once the run is over. A context manager."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path
        self._file = tempfile.TemporaryFile(  # closed by __exit__
            "w+", encoding="utf-8", errors="surrogatepass")

    def add(self, line: dict[str, Any]) -> None:
        self._file.write(json.dumps(line, ensure_ascii=False) + "\n")

    def write(self) -> int:
        """The page for every line added; returns how many postings it shows."""
        self._file.seek(0)
        return write_review((json.loads(raw) for raw in self._file), self.path)

    def __enter__(self) -> ReviewSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()


def read_lines(path: str, stdin: IO[str] | None = None) -> Iterator[dict[str, Any]]:
    """The output lines of a JSONL file (``-``: stdin), blank lines skipped.

    Raises:
        InputError: a line is not a JSON object (named by its number).
    """
    with contextlib.ExitStack() as stack:
        handle = stdin or sys.stdin if path == "-" else stack.enter_context(
            open(path, encoding="utf-8", errors="surrogateescape"))
        for number, raw in enumerate(handle, 1):
            if raw.strip():
                yield _parsed(raw, f"line {number}")


def _parsed(raw: str, where: str) -> dict[str, Any]:
    try:
        line = json.loads(raw)
    except ValueError as exc:
        raise InputError(f"{where} is not JSON ({exc}); the review page reads the JSONL "
                         "that extract writes", type="invalid_line") from exc
    if not isinstance(line, dict):
        raise InputError(f"{where} is not an output line (a JSON object)", type="invalid_line")
    return line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extractor.review",
        description="Build the review page (one self-contained HTML file) from an output "
        "file that extract wrote with --include-text.")
    parser.add_argument("input", help="the JSONL output file ('-' reads stdin)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.html",
                        help="where the page goes (replaced once it is complete)")
    parser.add_argument("--title", default="extractor review", help="the page's title")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.input != "-" and Path(args.input).resolve() == Path(args.output).resolve():
        print("extractor.review: -o is the input file; give the page its own file",
              file=sys.stderr)
        return 2
    try:
        count = write_review(read_lines(args.input), args.output, args.title)
    except InputError as exc:
        print(f"extractor.review: {args.input}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"extractor.review: {exc}", file=sys.stderr)
        return 2
    print(f"extractor.review: {count} postings in {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
