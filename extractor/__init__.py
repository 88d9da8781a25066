"""extractor: typed, grounded JobPosting records from noisy job-posting text.

    >>> from extractor import extract
    >>> result = extract(open("posting.html").read())
    >>> result.record.title, result.record.salary

Names are imported lazily so that ``extract --help`` and cached runs start fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
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
    "resolve_settings",
]

if TYPE_CHECKING:
    from extractor.errors import ConfigError, ExtractorError, InputError, ModelError
    from extractor.load import Document, LoadFailure
    from extractor.record import JobPosting, Location, SalaryRange
    from extractor.result import Result
    from extractor.settings import Settings, resolve_settings

_LAZY = {
    "ConfigError": "extractor.errors",
    "ExtractorError": "extractor.errors",
    "InputError": "extractor.errors",
    "ModelError": "extractor.errors",
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


def extract(text: str | bytes, settings: Settings | None = None, *, source: str = "<text>",
            **overrides: Any) -> Result:
    """Extract one posting (plain text, Markdown, HTML or a JSON string; bytes are decoded
    as a file's are: byte-order mark, UTF-8, then the likeliest code page).

    ``overrides`` are settings fields (``backend="openai", reference_date="2024-01-01"``)
    applied on top of ``settings`` or of ``resolve_settings()``; None means "not given".
    Never raises for a bad posting or a failed model call: the result carries the error.

    Raises:
        TypeError: ``text`` is not str or bytes, or ``settings`` is not a Settings.
        ConfigError: an unknown override name (the message lists the known ones) or a bad
            setting value.
    """
    if not isinstance(text, _TEXT_TYPES):
        raise TypeError(f"extract() takes the posting as str or bytes, not {_kind(text)}")
    return next(extract_batch([text], settings, sources=[source], **overrides))


def extract_batch(texts: Iterable[str | bytes], settings: Settings | None = None, *,
                  sources: Iterable[str] | None = None, **overrides: Any) -> Iterator[Result]:
    """Yield one Result per text, in order; failures are results, never exceptions.

    An item that is neither str nor bytes gets an ``invalid_input`` error result. Texts
    past the end of ``sources`` are named ``<text#N>``. ``settings`` and ``overrides`` as
    for ``extract``; a bad one raises here, before any text is read.
    """
    if isinstance(texts, _TEXT_TYPES):
        raise TypeError("extract_batch() takes an iterable of texts; for one text use extract()")
    # lazy: `extract --help` imports this package: 0.09 s, 0.67 s with the pipeline
    from extractor.pipeline import extract_documents

    names = iter(sources) if sources is not None else iter(())
    docs = (_document(text, _source(next(names, None), i)) for i, text in enumerate(texts, 1))
    return extract_documents(docs, _settings(settings, overrides))


_TEXT_TYPES = (str, bytes, bytearray)


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


def _source(name: Any, number: int) -> str:
    return f"<text#{number}>" if name is None else str(name)


def _document(text: Any, source: str) -> Document | LoadFailure:
    """One API input as the loader's Document, or a LoadFailure result for a bad one."""
    # lazy: `extract --help` imports this package (settings and load add 30 ms to 0.09 s)
    from extractor.load import LoadError, LoadFailure, decode_bytes, text_input

    if isinstance(text, (bytes, bytearray)):
        try:
            text = decode_bytes(bytes(text))
        except LoadError as exc:
            return LoadFailure(source, exc.error_type, exc.message)
    if not isinstance(text, str):
        return LoadFailure(source, "invalid_input",
                           f"expected the posting as str or bytes, got {_kind(text)}")
    return text_input(text, source)
