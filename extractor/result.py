"""``Result``: the outcome for one input, and its JSONL output line (RECORD.md).

A leaf beside the record: ``assemble`` builds one per document, the pipeline adds the
run's metadata and the cache state, the batch writes its line.

``text`` is the cleaned text the evidence offsets point into (``text[start:end]``, in
code points); the line carries it only when asked (``--include-text``), as most runs
want records, not a second copy of every posting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.backends import Usage
from extractor.errors import ExtractorError
from extractor.record import JobPosting


@dataclass(frozen=True)
class ErrorInfo:
    """Why an input has no record: the output line's ``error`` object. A value, not an
    exception (``extractor.ExtractorError`` is the exception base).

    ``type`` is a short machine name (``empty_input``, ``binary_input``, ``not_found``,
    ``transport_error``, ``invalid_output``...); ``message`` says what a person should do.
    """

    type: str
    message: str

    @classmethod
    def of(cls, exc: ExtractorError) -> ErrorInfo:
        return cls(exc.type, exc.message)

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}


@dataclass
class Result:
    """The outcome for one input: a record or an error, never both."""

    source: str
    record: JobPosting | None = None
    error: ErrorInfo | None = None
    evidence: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # backend, model, prompt, strategy
    usage: Usage = field(default_factory=Usage)
    cached: bool = False
    latency_s: float = 0.0
    text: str | None = None  # the cleaned text; None when the input never got that far

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_line(self, include_text: bool = False) -> dict[str, Any]:
        """The JSONL output line of RECORD.md; with ``include_text``, ending in ``text``."""
        record = self.record.model_dump(mode="json") if self.record is not None else None
        line = {
            "source": self.source,
            "record": record,
            "error": self.error.to_dict() if self.error is not None else None,
            "evidence": self.evidence,
            "warnings": self.warnings,
            **self.meta,
            "cached": self.cached,
            "latency_s": round(self.latency_s, 4),
            "usage": {"prompt_tokens": self.usage.prompt_tokens,
                      "completion_tokens": self.usage.completion_tokens},
        }
        if include_text:
            line["text"] = self.text
        return line
