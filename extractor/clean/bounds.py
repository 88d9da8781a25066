"""Hostile markup: a page past a parsing bound is rewritten before it is parsed.

lexbor's tree builder is quadratic in a few shapes of markup: nesting depth (a block
start tag walks the stack of open elements: 100,000 nested <div>s took 23 s), a <select>
with many options, a tag with many attributes, and many distinct tag or attribute names.
A page past one of these bounds is rewritten before it is parsed; real pages stay far
inside them (the developer corpus nests 27 deep at most).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.clean.hidden import NOT_RENDERED
from extractor.clean.render import BLOCK_TAGS
from extractor.clean.text import note

MAX_DEPTH = 256  # Blink caps its DOM at 512
MAX_TAGS = 200_000
MAX_ATTRIBUTES = 64  # per tag
MAX_NAMES = 2_000  # distinct tag names, and distinct attribute names, per page
MAX_OPTIONS = 1_000

# Tags that never deepen the tree: void elements, and elements that the next one of
# their kind closes (an unclosed <p> or <li> must not count as nesting; a heading or a
# paragraph past the depth bound still parses as one).
_FLAT_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image",
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "rb", "rt", "rtc", "rp", "colgroup", "caption", "html", "head", "body", "a", "nobr",
    "h1", "h2", "h3", "h4", "h5", "h6",
})
# Attributes the cleaner reads: kept when a tag's others are dropped.
_READ_ATTRIBUTES = frozenset({
    "style", "class", "id", "hidden", "aria-hidden", "aria-label", "role", "type", "content",
    "property", "name", "color", "bgcolor", "rel",
})
_RAW_SRC = (r"<(?P<raw>script|style|textarea|title|xmp|iframe|noembed|noframes)\b[^>]*+(?:>|\Z)"
            r"(?:[^<]++|<(?!/(?P=raw)\s*>))*+(?:</(?P=raw)\s*>)?|<!--(?:[^-]++|-(?!->))*+(?:-->)?")
# As the HTML tokenizer reads a tag: quotes count only after "=", an unclosed one runs on.
_TAG_SRC = (r"<(?P<end>/?)(?P<name>[a-zA-Z][^\s/>]*+)"
            r"(?P<attrs>(?:[^>=]++|=\s*+(?:\"[^\"]*+\"?|'[^']*+'?|[^\s>]*+))*+)>?")
_RAW_BLOCK_RE = re.compile(_RAW_SRC, re.IGNORECASE | re.DOTALL)
_MARKUP_TAG_RE = re.compile(_TAG_SRC)
_MARKUP_TOKEN_RE = re.compile(rf"(?P<block>{_RAW_SRC})|{_TAG_SRC}|(?P<text>[^<]++|<)",
                              re.IGNORECASE | re.DOTALL)
_ATTRIBUTE_RE = re.compile(r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*+"?|'[^']*+'?|[^\s>]*+))?""")
_BOUND_WARNINGS = {
    "deep_nesting": f"page nested deeper than {MAX_DEPTH} elements: the deeper tags were "
                    "flattened (text inside tags with attributes was not read)",
    "too_many_elements": f"page has more than {MAX_TAGS:,} tags: the rest was not read",
    "odd_markup": "page has tags with thousands of attributes, names or options: the excess "
                  "was not read",
}


def bound_markup(markup: str, removed: list[str]) -> tuple[str, list[str]]:
    """`markup` rewritten to stay inside the bounds above, with a warning per bound hit."""
    if _markup_is_tame(markup):
        return markup, []
    bounder = _Bounder()
    markup = _MARKUP_TOKEN_RE.sub(bounder, markup)
    for name in sorted(bounder.hits):
        note(removed, name)
    return markup, [_BOUND_WARNINGS[name] for name in sorted(bounder.hits)]


def _markup_is_tame(markup: str) -> bool:
    """True when no bound is hit: a few regex passes and one loop over the tags."""
    if markup.count("<") > MAX_TAGS:
        return False
    tags = _MARKUP_TAG_RE.findall(_RAW_BLOCK_RE.sub("", markup))
    if not _shallow(tags) or len({name for _, name, _ in tags}) > MAX_NAMES:
        return False
    attrs = [a for _, _, a in tags if len(a) > 2 * MAX_ATTRIBUTES]
    if any(len(_ATTRIBUTE_RE.findall(a)) > MAX_ATTRIBUTES for a in attrs):
        return False
    names = _ATTRIBUTE_RE.findall(" ".join(a for _, _, a in tags if a))
    return len(set(names)) <= MAX_NAMES


def _shallow(tags: list[tuple[str, str, str]]) -> bool:
    depth = options = 0
    for end, name, _ in tags:
        name = name.lower()
        if name in _FLAT_TAGS:
            options += name == "option"
        elif end:
            depth -= depth > 0
        else:
            depth += 1
            if depth > MAX_DEPTH:
                return False
    return options <= MAX_OPTIONS


@dataclass
class _Bounder:
    """Token by token (a `re.sub` callback), the markup kept inside the bounds."""

    hits: set[str] = field(default_factory=set)
    depth: int = 0
    flattened: list[bool] = field(default_factory=list)  # per level past MAX_DEPTH: text cut?
    cutting: int = 0  # flattened levels whose text is cut
    tags: int = 0
    options: int = 0
    tag_names: set[str] = field(default_factory=set)
    attribute_names: set[str] = field(default_factory=set)
    broke: bool = False  # a flattened block left a line break, and nothing came since

    def __call__(self, match: re.Match[str]) -> str:
        kind = match.lastindex  # 1: script/style/comment, 5: a tag, 6: text
        if kind == 6:
            if self.cutting or self.tags >= MAX_TAGS:
                return ""
            self.broke = self.broke and not match.group(0).strip()
            return match.group(0)
        if kind == 1:
            return self._block(match.group(0))
        if self.tags >= MAX_TAGS:  # only tags that reach the parser count
            self.hits.add("too_many_elements")
            return ""
        tag = self._tag(match)
        self.tags += bool(tag)
        return tag

    def _block(self, block: str) -> str:
        """A script, style or comment: kept unless cut (a page's JSON-LD always stays)."""
        if self.cutting or self.tags >= MAX_TAGS:
            return block if "ld+json" in block[:200].lower() else ""
        return block

    def _tag(self, match: re.Match[str]) -> str:
        end, name, attrs = match.group(3, 4, 5)
        name = name.lower()
        if name in ("option", "optgroup") and not end:
            self.options += 1
            if self.options > MAX_OPTIONS:
                self.hits.add("odd_markup")
                return ""
        tag = match.group(0)
        if name not in self.tag_names or attrs.strip(" /"):
            name, attrs = self._name(name), self._attributes(attrs)
            tag = f"<{end}{name}{attrs}>"
        if name in _FLAT_TAGS:
            return "" if self.cutting else tag
        if end:
            return self._close(name, tag)
        if self.depth < MAX_DEPTH:
            self.depth += 1
            return tag
        return self._flatten(name, attrs)

    def _close(self, name: str, tag: str) -> str:
        if not self.flattened:
            self.depth -= self.depth > 0
            return tag
        self.cutting -= self.flattened.pop()
        return self._break(name)

    def _flatten(self, name: str, attrs: str) -> str:
        """A start tag past MAX_DEPTH is dropped; a block leaves a line break. Its text is
        cut if it has attributes: they could hide it, and nothing reads them now."""
        self.hits.add("deep_nesting")
        cut = bool(attrs.strip(" /")) or name in NOT_RENDERED
        self.flattened.append(cut)
        self.cutting += cut
        return self._break(name)

    def _break(self, name: str) -> str:
        """One <br> for a run of flattened block tags (their line breaks)."""
        if name not in BLOCK_TAGS or self.cutting or self.broke:
            return ""
        self.broke = True
        return "<br>"

    def _name(self, name: str) -> str:
        if name in self.tag_names or len(self.tag_names) < MAX_NAMES:
            self.tag_names.add(name)
            return name
        self.hits.add("odd_markup")
        return "span"

    def _attributes(self, attrs: str) -> str:
        """The tag's attributes, less those past MAX_ATTRIBUTES or past MAX_NAMES names."""
        if not attrs.strip():
            return attrs
        kept = [m for m in _ATTRIBUTE_RE.finditer(attrs) if self._keep_attribute(m["name"])]
        if len(kept) > MAX_ATTRIBUTES:
            kept = kept[:MAX_ATTRIBUTES] + [m for m in kept[MAX_ATTRIBUTES:]
                                           if m["name"].lower() in _READ_ATTRIBUTES]
            self.hits.add("odd_markup")
        return "".join(" " + m.group(0) for m in kept)

    def _keep_attribute(self, name: str) -> bool:
        name = name.lower()
        if name in self.attribute_names or len(self.attribute_names) < MAX_NAMES:
            self.attribute_names.add(name)
            return True
        if name in _READ_ATTRIBUTES:
            return True
        self.hits.add("odd_markup")
        return False

