"""Rendering a parsed page as text: blocks on their own lines, list items as "• item",
table cells split by " | ", a row of short facts joined by " · "."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "header", "hr", "main", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "thead", "tfoot", "ul", "li", "tr", "caption",
    "h1", "h2", "h3", "h4", "h5", "h6", "center", "legend",
})
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote",
                             "pre", "ul", "ol", "dl", "section", "article"})
_CELL_TAGS = frozenset({"td", "th"})
_META_ROW_MAX_CHARS = 80
_HTML_SPACES_RE = re.compile(r"[ \t\n\r\f]+")


@dataclass
class _Writer:
    """Collects rendered text; breaks and bullets wait until the next text arrives."""

    parts: list[str] = field(default_factory=list)
    pending_break: int = 0
    prefix: str = ""
    separator: str = ""
    in_pre: int = 0  # depth of <pre> elements, whose line breaks are kept
    size: int = 0  # characters written

    def brk(self, lines: int) -> None:
        self.pending_break = max(self.pending_break, lines)
        self.separator = ""

    def write(self, text: str) -> None:
        if self.in_pre and "\n" in text:
            for number, line in enumerate(text.split("\n")):
                if number:
                    self.brk(1)
                self.write_inline(line)
        else:
            self.write_inline(text)

    def write_inline(self, text: str) -> None:
        text = _HTML_SPACES_RE.sub(" ", text)  # nbsp stays: "Â\xa0" is mended later
        at_start = not self.parts or self.pending_break > 0
        if at_start:
            text = text.lstrip(" ")
        if not text:
            return
        if self.parts and self.pending_break:
            self.parts.append("\n" * self.pending_break)
        elif self.separator and self.parts:
            self.parts.append(self._separator_before(text))
        self.parts.append(self.prefix + text)
        self.size += len(text)
        self.pending_break, self.prefix, self.separator = 0, "", ""

    def _separator_before(self, text: str) -> str:
        """Sibling spans/links: ", " between glued words, " " after ".?!:", else nothing."""
        if self.separator != ", ":
            return self.separator
        last = self.parts[-1][-1:]
        if last.isalnum() and text[0].isalnum():
            return ", "
        return " " if last in ".?!:" and text[0].isalnum() else ""


def render_text(root: LexborNode, limit: int | None = None) -> str:
    """Text of `root`: blocks on their own lines, list items as "• item", cells split by " | ".

    With `limit`, rendering stops once the text is longer than that."""
    writer = _Writer()
    meta_rows = _meta_rows(root)
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    bound = float("inf") if limit is None else limit
    while stack and writer.size <= bound:  # iterative: deep markup must not hit recursion
        node, leaving = stack.pop()
        if leaving:
            _close(node, writer, meta_rows)
            continue
        if node.tag == "-text":
            writer.write(node.text_content or "")
            continue
        _open(node, writer, meta_rows)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    return "".join(writer.parts)


def _open(node: LexborNode, writer: _Writer, meta_rows: set[int]) -> None:
    tag = node.tag
    parent = node.parent
    if parent is not None and parent.mem_id in meta_rows and node.prev is not None:
        writer.separator = " · "
        return
    if tag == "br":
        writer.brk(1)
    elif tag in BLOCK_TAGS:
        writer.in_pre += tag == "pre"
        writer.brk(_break_lines(node))
        if tag == "li":
            writer.prefix = "• "
    elif tag in _CELL_TAGS and node.prev is not None:
        writer.separator = " | "
    elif node.prev is not None and node.prev.tag == tag:
        writer.separator = ", "  # <span>United States</span><span>Germany</span>


def _close(node: LexborNode, writer: _Writer, meta_rows: set[int]) -> None:
    parent = node.parent
    if parent is not None and parent.mem_id in meta_rows:
        return
    if node.tag in BLOCK_TAGS:
        writer.in_pre -= node.tag == "pre"
        writer.brk(_break_lines(node))


def _break_lines(node: LexborNode) -> int:
    """2 (a blank line) around paragraphs and headings, 1 elsewhere and inside list items."""
    if node.tag not in _PARAGRAPH_TAGS:
        return 1
    parent = node.parent
    return 1 if parent is not None and parent.tag == "li" else 2


def _meta_rows(root: LexborNode) -> set[int]:
    """Divs whose children are 2-6 short leaf divs ("Data · Remote (US) · Full Time")."""
    rows: set[int] = set()
    for node in root.css("div"):
        children = [c for c in node.iter() if c.tag != "-text"]
        if 2 <= len(children) <= 6 and all(_is_short_leaf_div(c) for c in children):
            rows.add(node.mem_id)
    return rows


def _is_short_leaf_div(node: LexborNode) -> bool:
    if node.tag != "div" or not 0 < len(node.text(deep=True).strip()) <= _META_ROW_MAX_CHARS:
        return False
    return not any(d.tag in BLOCK_TAGS for d in node.traverse() if d != node)

