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
    from extractor.pipeline import Result
    from extractor.record import JobPosting, Location, SalaryRange
    from extractor.settings import Settings, resolve_settings

_LAZY = {
    "ConfigError": "extractor.errors",
    "ExtractorError": "extractor.errors",
    "InputError": "extractor.errors",
    "ModelError": "extractor.errors",
    "Result": "extractor.pipeline",
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


def extract(text: str, settings: Settings | None = None, *, source: str = "<text>",
            **overrides: Any) -> Result:
    """Extract one posting (plain text, Markdown, HTML or a JSON string).

    ``overrides`` are settings fields (``backend="openai", model="gpt-4o-mini"``)
    applied on top of ``settings`` or of ``resolve_settings()``. Never raises for
    a bad posting or a failed model call: the result carries the error.
    """
    return next(extract_batch([text], settings, sources=[source], **overrides))


def extract_batch(texts: Iterable[str], settings: Settings | None = None, *,
                  sources: Iterable[str] | None = None, **overrides: Any) -> Iterator[Result]:
    """Yield one Result per text, in order; failures are results, never exceptions."""
    from dataclasses import replace

    from extractor.load import text_input
    from extractor.pipeline import extract_documents
    from extractor.settings import resolve_settings

    settings = replace(settings, **overrides) if settings else resolve_settings(**overrides)
    names = iter(sources) if sources is not None else None
    docs = (text_input(text, source=next(names) if names else f"<text#{i}>")
            for i, text in enumerate(texts, 1))
    return extract_documents(docs, settings)
