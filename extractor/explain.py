"""``extract --explain FILE``: one record beside its evidence, in the terminal (rich).

The first posting of FILE runs through the pipeline with the run's settings (so the
cache serves it when it can), and each field of the record is printed with its value,
where it came from (rules, model, page data) and the text it stands on: the evidence
span highlighted in a few words of the cleaned text around it (the text the evidence
offsets point into). Piped output with no colour marks a span «like this». rich is an
optional dependency (``pip install 'extractor[explain]'``).
"""

from __future__ import annotations

import sys
from typing import Any

from extractor.clean import clean
from extractor.errors import ConfigError
from extractor.load import Document, iter_inputs
from extractor.pipeline import Pipeline
from extractor.record import JobPosting
from extractor.result import Result
from extractor.settings import Settings

CONTEXT = 30  # characters of text shown on each side of a span
SPANS_SHOWN = 3  # per field; the rest are counted
LONGEST_SPAN = 80  # characters; a longer span shows its start and end
HIGHLIGHT = "bold black on yellow"


def explain(path: str, settings: Settings, *, text_field: str | None = None) -> int:
    """Print the record of ``path``'s first posting beside its evidence; 0 when it has a
    record, 1 when it failed (the error is printed).

    Raises:
        ConfigError: rich is not installed, ``path`` holds nothing to read, or the
            settings cannot run.
    """
    console = _console()
    items = iter_inputs([path], text_field=text_field, stdin=sys.stdin)
    first = next(items, None)
    if first is None:
        raise ConfigError(f"--explain: nothing to read in {path}")
    more = next(items, None) is not None
    pipeline = Pipeline(settings)
    try:
        result = pipeline.run(first)
    finally:
        pipeline.close()
    text = clean(first, max_chars=settings.max_input_chars).text if (
        result.ok and isinstance(first, Document)) else ""
    render(result, text, console, more=more)
    return 0 if result.ok else 1


def _console() -> Any:
    try:
        from rich.console import Console
    except ImportError:
        raise ConfigError("--explain needs rich: pip install 'extractor[explain]' "
                          "(or pip install rich)") from None
    return Console(file=sys.stdout, highlight=False)


def render(result: Result, text: str, console: Any, *, more: bool = False) -> None:
    """Print ``result`` on ``console``: a header, a table of fields, the warnings."""
    from rich.text import Text

    console.print(_header(result, more), style="bold")
    if result.record is None:
        error = result.error
        what = f"{error.type}: {error.message}" if error is not None else "no record"
        console.print(Text(f"failed: {what}", style="red"))
        return
    console.print(_table(result, text, _marker(console)))
    for warning in result.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))


def _header(result: Result, more: bool) -> str:
    meta = result.meta
    parts = [result.source, f"backend {meta.get('backend')}", f"strategy {meta.get('strategy')}"]
    if result.cached:
        parts.append("from cache")
    header = " · ".join(str(part) for part in parts)
    return header + ("\n(the first posting of several: name its file to see another)"
                     if more else "")


def _marker(console: Any) -> Any:
    """How a span stands out: colour on a terminal, «guillemets» where there is none."""
    if console.color_system is None:
        return lambda span: f"«{span}»"
    return lambda span: span


def _table(result: Result, text: str, mark: Any) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, header_style="bold")
    table.add_column("field", no_wrap=True)
    table.add_column("value", ratio=2, overflow="fold")
    table.add_column("from", no_wrap=True)
    table.add_column("evidence", ratio=3, overflow="fold")
    values = result.record.model_dump(mode="json") if result.record else {}
    sources = result.meta.get("sources") or {}
    for name in JobPosting.model_fields:
        value = values.get(name)
        if not _stated(value):
            table.add_row(name, Text("—", style="dim"), "", "")
            continue
        spans = result.evidence.get(name) or []
        table.add_row(name, shown(value), str(sources.get(name, "")),
                      _evidence(spans, text, mark))
    return table


def _stated(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def shown(value: Any) -> str:
    """A record value (as JSON) in a few words: lists by "; ", pay as "120000-150000 USD
    / year", a place as its text with what it was read as."""
    if isinstance(value, list):
        items = [shown(item) for item in value]
        return ("\n" if any(len(item) > 24 for item in items) else "; ").join(items)
    if isinstance(value, dict):
        return _shown_object(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _shown_object(value: dict[str, Any]) -> str:
    if "min" in value and "max" in value:
        low, high = (shown(value[k]) if value[k] is not None else "?" for k in ("min", "max"))
        amount = low if low == high else f"{low}-{high}"
        return f"{amount} {value.get('currency') or ''} / {value.get('period') or '?'}"
    parts = [shown(v) for k, v in value.items() if k != "raw" and v is not None]
    raw = value.get("raw")
    return f"{raw} ({', '.join(parts)})" if raw and parts else str(raw or ", ".join(parts))


def _evidence(spans: list[dict[str, Any]], text: str, mark: Any) -> Any:
    from rich.text import Text

    shown_spans = [_snippet(span, text, mark) for span in spans[:SPANS_SHOWN]]
    if len(spans) > SPANS_SHOWN:
        shown_spans.append(Text(f"+{len(spans) - SPANS_SHOWN} more", style="dim"))
    return Text("\n").join(shown_spans)


def _snippet(span: dict[str, Any], text: str, mark: Any) -> Any:
    """The span highlighted in the rest of its line (at most CONTEXT characters either
    side) when the offsets point at it, else the span's own text alone."""
    from rich.text import Text

    quoted, start, end = str(span.get("text", "")), span.get("start"), span.get("end")
    before = after = ""
    if isinstance(start, int) and isinstance(end, int) and text[start:end] == quoted:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = len(text) if text.find("\n", end) < 0 else text.find("\n", end)
        before = text[max(line_start, start - CONTEXT):start]
        after = text[end:min(line_end, end + CONTEXT)]
        before = ("…" if start - CONTEXT > line_start else "") + before
        after += "…" if end + CONTEXT < line_end else ""
    return Text.assemble((before, "dim"), (mark(_flat(_shortened(quoted))), HIGHLIGHT),
                         (after, "dim"))


def _shortened(span: str) -> str:
    if len(span) <= LONGEST_SPAN:
        return span
    return f"{span[:LONGEST_SPAN - 25]} … {span[-20:]}"


def _flat(part: str) -> str:
    """One line: a span over several lines shows its breaks as ↵."""
    return " ↵ ".join(line.strip() for line in part.splitlines() if line.strip())
