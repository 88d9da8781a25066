"""extractor: typed, grounded JobPosting records from noisy job-posting text.

    >>> from pathlib import Path
    >>> from extractor import extract
    >>> result = extract(Path("posting.html"))
    >>> result.record.title if result.record else result.error

Names are imported lazily so that ``extract --help`` and cached runs start fast.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "ErrorInfo",
    "ExtractorError",
    "InputError",
    "JobPosting",
    "Location",
    "ModelError",
    "Result",
    "SalaryRange",
    "Settings",
    "extract",
    "extract_batch",
    "extract_files",
    "resolve_settings",
]

if TYPE_CHECKING:
    from extractor.errors import ConfigError, ExtractorError, InputError, ModelError
    from extractor.load import Document, LoadFailure
    from extractor.record import JobPosting, Location, SalaryRange
    from extractor.result import ErrorInfo, Result
    from extractor.settings import Settings, resolve_settings

# What one posting may be given as: its text (str), its bytes, a file's path, or a JSON row.
Posting = str | bytes | bytearray | os.PathLike[str] | Mapping[str, Any]
PathArg = str | os.PathLike[str]

_LAZY = {
    "ConfigError": "extractor.errors",
    "ExtractorError": "extractor.errors",
    "InputError": "extractor.errors",
    "ModelError": "extractor.errors",
    "ErrorInfo": "extractor.result",
    "Result": "extractor.result",
    "JobPosting": "extractor.record",
    "Location": "extractor.record",
    "SalaryRange": "extractor.record",
    "Settings": "extractor.settings",
    "resolve_settings": "extractor.settings",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")


def extract(posting: Posting, settings: Settings | None = None, *, source: str | None = None,
            **overrides: Any) -> Result:
    """Extract one posting, given as any of:

    * ``str``: the posting itself (plain text, Markdown, HTML or a JSON string); never a
      file name: pass ``Path(name)`` to read a file;
    * ``bytes``: decoded as a file's are (byte-order mark, UTF-8, the likeliest code page);
    * a path (``pathlib.Path``): read as the ``extract`` command reads a file, by its
      extension (.html, .md, .txt, .json, .jsonl); one posting, else a
      ``multiple_postings`` error result (``extract_files`` gives one result each);
    * a dict: one JSON row, as a line of a JSONL file (``{"title": ..., "description": ...}``;
      a title, company or text that is NaN (pandas' "missing") is read as absent).

    ``source`` names the result (default: the path, or ``"<text>"``). ``overrides`` are
    settings fields (``backend="openai", reference_date="2024-01-01"``) applied on top of
    ``settings`` or of ``resolve_settings()``; None means "not given". Never raises for a
    bad posting or a failed model call: the result carries the error.

    Raises:
        TypeError: ``posting`` is none of the above, ``source`` is not a str, or
            ``settings`` is not a Settings.
        ConfigError: an unknown override name (the message lists the known ones) or a bad
            setting value (the message names the setting and what is allowed).
    """
    if not isinstance(posting, _POSTING_TYPES):
        raise TypeError("extract() takes the posting as str, bytes, a pathlib.Path or a dict "
                        f"(a JSON row), not {_kind(posting)}")
    if source is not None and not isinstance(source, str):
        raise TypeError(f"extract(source=...) must be a str, not {_kind(source)}")
    name = source if source is not None or isinstance(posting, os.PathLike) else "<text>"
    return next(extract_batch([posting], settings, sources=[name], **overrides))


def extract_batch(postings: Iterable[Posting], settings: Settings | None = None, *,
                  sources: Iterable[str | None] | None = None,
                  **overrides: Any) -> Iterator[Result]:
    """Yield one Result per posting, in order; failures are results, never exceptions.

    Each posting is any kind ``extract`` takes (rows of a table: ``df.to_dict("records")``);
    an item of another kind gets an ``invalid_input`` error result. Postings past the end of
    ``sources`` (or given None there) are named by their path, else ``<text#N>``.
    ``settings`` and ``overrides`` as for ``extract``; a bad one raises here, before any
    posting is read.
    """
    if isinstance(postings, _POSTING_TYPES):  # one posting, not many
        raise TypeError("extract_batch() takes an iterable of postings; for one posting use "
                        "extract()")
    # lazy: `extract --help` imports this package: 0.09 s, 0.67 s with the pipeline
    from extractor.pipeline import extract_documents

    names = iter(sources) if sources is not None else iter(())
    docs = (_document(item, next(names, None), i) for i, item in enumerate(postings, 1))
    return extract_documents(docs, _settings(settings, overrides))


def extract_files(paths: PathArg | Iterable[PathArg], settings: Settings | None = None, *,
                  text_field: str | None = None, **overrides: Any) -> Iterator[Result]:
    """Yield one Result per posting in files and folders, read as the ``extract`` command
    reads them: folders walked in sorted order, a .json list or a .jsonl file gives one
    result per posting, each named as the command names it (``a.jsonl#2``). Here a str is
    a path. ``text_field``: the JSON key that holds the posting text (``--text-field``).
    ``settings`` and ``overrides`` as for ``extract``.

    Raises:
        TypeError: a path that is neither str nor os.PathLike, or a ``text_field`` that is
            not a str.
        ConfigError: as for ``extract``.
    """
    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    for number, path in enumerate(given, 1):
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"extract_files() path #{number} must be a str or os.PathLike, "
                            f"not {_kind(path)}")
    listed = [os.fspath(path) for path in given]
    if text_field is not None and not isinstance(text_field, str):
        raise TypeError(f"extract_files(text_field=...) must be a str, not {_kind(text_field)}")
    # lazy: `extract --help` imports this package (see extract_batch)
    from extractor.load import iter_inputs
    from extractor.pipeline import extract_documents

    run_settings = _settings(settings, overrides)
    return extract_documents(iter_inputs(listed, text_field=text_field), run_settings)


_TEXT_TYPES = (str, bytes, bytearray)
_POSTING_TYPES = (*_TEXT_TYPES, os.PathLike, Mapping)


def _kind(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def _settings(settings: Settings | None, overrides: dict[str, Any]) -> Settings:
    # lazy: `extract --help` imports this package (settings and load add 30 ms to 0.09 s)
    from extractor.settings import Settings, resolve_settings

    if settings is None:
        return resolve_settings(**overrides)
    if not isinstance(settings, Settings):
        raise TypeError(f"settings must be an extractor.Settings or None, not {_kind(settings)}; "
                        "pass single settings as keywords (strategy='rules')")
    return settings.with_overrides(**overrides)


def _document(item: Any, name: str | None, number: int) -> Document | LoadFailure:
    """One API input as the loader's Document, or a LoadFailure result for a bad one."""
    # lazy: `extract --help` imports this package (settings and load add 30 ms to 0.09 s)
    from extractor.load import LoadFailure

    if isinstance(item, os.PathLike):
        return _file_document(item, None if name is None else str(name))
    source = f"<text#{number}>" if name is None else str(name)
    if isinstance(item, Mapping):
        return _row_document(item, source)
    if isinstance(item, _TEXT_TYPES):
        return _text_document(item, source)
    return LoadFailure(source, "invalid_input", "expected the posting as str, bytes, a path "
                       f"or a dict (a JSON row), got {_kind(item)}")


def _text_document(text: str | bytes | bytearray, source: str) -> Document | LoadFailure:
    from extractor.load import LoadError, LoadFailure, decode_bytes, text_input

    if isinstance(text, (bytes, bytearray)):
        try:
            text = decode_bytes(bytes(text))
        except LoadError as exc:
            return LoadFailure(source, exc.error_type, exc.message)
    return text_input(text, source)


def _file_document(path: os.PathLike[str], source: str | None) -> Document | LoadFailure:
    """The one posting in a file, read by the loader the CLI uses."""
    from dataclasses import replace
    from itertools import islice

    from extractor.load import LoadFailure, iter_inputs, path_source

    name = source if source is not None else path_source(os.fspath(path))
    if os.path.isdir(path):
        return LoadFailure(name, "invalid_input", f"{name} is a folder; extract_files() "
                           "reads every posting in it, one result each")
    found = list(islice(iter_inputs([os.fspath(path)]), 2))
    if len(found) > 1:
        return LoadFailure(name, "multiple_postings", f"{name} holds several postings; "
                           "extract_files() gives one result each")
    item = found[0] if found else LoadFailure(name, "empty_input", "the file holds no posting")
    return item if source is None else replace(item, source=source)


def _row_document(row: Mapping[str, Any], source: str) -> Document | LoadFailure:
    """A dict row read as the same object on a JSONL line is."""
    import json

    from extractor.load import LoadError, LoadFailure, load_text

    try:
        text = json.dumps(dict(row), ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError) as exc:
        return LoadFailure(source, "invalid_input", f"the row is not JSON-like: {exc}")
    try:
        return load_text(text, source, kind="json")
    except LoadError as exc:
        return LoadFailure(source, exc.error_type, exc.message)
