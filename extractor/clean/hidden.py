"""Hidden text: the elements and text of a page that its reader cannot see.

Text a reader of the page cannot see is cut before anything reads the page: it is
where a page hides values and instructions meant for machines ("Salary: $9,999,999" in
a display:none block, a white-on-white <h1>). Hidden means: the hidden or aria-hidden
attribute; display:none, visibility:hidden, opacity under 0.1, a font under 2 px,
off-screen positioning or the sr-only clip, set inline or by a one-class (or one-id)
rule of the page's own <style> blocks; or an inline text colour that the reader cannot
tell from the background under it. Colours from stylesheets are not read: a class may
restyle an element, so its colour is then unknown (and the text kept).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extractor.clean.text import note

NOT_RENDERED = frozenset({"script", "style", "template", "noscript", "head", "title"})
_OFF_SCREEN_PX = -500.0
_MIN_OPACITY = 0.1
_MIN_FONT_PX = 2.0
_MIN_CONTRAST = 1.1  # WCAG contrast ratio: white on white is 1, readable text needs 4.5
_HIDING_PROPERTIES = frozenset({
    "display", "visibility", "opacity", "position", "left", "top", "right", "bottom",
    "text-indent", "clip", "clip-path", "overflow", "width", "height",
})
_STYLING_RE = re.compile(r"color|background|font")
_CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_SIMPLE_SELECTOR_RE = re.compile(r"^[.#]-?[_a-zA-Z][\w-]*$")
_CSS_COMMENT_RE = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_CSS_TOKEN_RE = re.compile(r"[{}]|[^{}]+")
_CSS_RULE_RE = re.compile(r"(?:^|(?<=[{}]))([^{}]++)\{([^{}]*+)\}")  # tried after braces only
_LENGTH_RE = re.compile(r"^(-?\d*\.?\d+)([a-z%]*)$")
_PX_PER_UNIT = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "rem": 16.0, "in": 96.0, "cm": 37.8,
                "mm": 3.78, "q": 0.945, "vw": 10.0, "vh": 10.0, "vmin": 10.0, "vmax": 10.0}
_RELATIVE_UNITS = {"em": 1.0, "%": 0.01, "ex": 0.5, "ch": 0.5}
_NAMED_SIZES = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0,
                "large": 18.0, "x-large": 24.0, "xx-large": 32.0, "xxx-large": 48.0}
# Basic CSS colours and the near-white ones a white-on-white trick would pick.
_NAMED_COLORS = {
    "black": "000000", "white": "ffffff", "red": "ff0000", "green": "008000",
    "blue": "0000ff", "yellow": "ffff00", "gray": "808080", "grey": "808080",
    "silver": "c0c0c0", "maroon": "800000", "purple": "800080", "fuchsia": "ff00ff",
    "lime": "00ff00", "olive": "808000", "navy": "000080", "teal": "008080",
    "aqua": "00ffff", "orange": "ffa500", "snow": "fffafa", "ivory": "fffff0",
    "ghostwhite": "f8f8ff", "whitesmoke": "f5f5f5", "floralwhite": "fffaf0",
    "seashell": "fff5ee", "mintcream": "f5fffa", "azure": "f0ffff", "aliceblue": "f0f8ff",
    "honeydew": "f0fff0", "linen": "faf0e6", "oldlace": "fdf5e6", "lavenderblush": "fff0f5",
}
_HEX_RE = re.compile(r"^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$")
_RGB_RE = re.compile(r"^rgba?\(([^)]*)\)$")
_BACKGROUND_TOKEN_RE = re.compile(r"[a-z-]+\([^)]*\)|[^\s(),/]+")
_BACKGROUND_WORDS = frozenset({
    "none", "repeat", "no-repeat", "repeat-x", "repeat-y", "space", "round", "scroll",
    "fixed", "local", "center", "top", "bottom", "left", "right", "cover", "contain", "auto",
    "border-box", "padding-box", "content-box", "text",
})
_UNKNOWN_BACKGROUND_RE = re.compile(r"url\(|gradient|image|var\(|element\(")

RGBA = tuple[float, float, float, float]
_BLACK: RGBA = (0.0, 0.0, 0.0, 1.0)
_WHITE: RGBA = (255.0, 255.0, 255.0, 1.0)


class _Look(NamedTuple):
    """What a reader sees of text at one element; None where it cannot be told."""

    color: RGBA | None
    background: RGBA | None  # opaque
    font_px: float | None
    invisible: bool


_UNKNOWN = _Look(None, None, None, False)


@dataclass(frozen=True)
class _StyleSheet:
    """What the cleaner reads of a page's <style> blocks."""

    hiding: dict[str, dict[str, str]]  # ".class" / "#id" -> its hiding declarations
    styled: frozenset[str]  # classes that some rule gives a colour, background or font
    paints: bool  # some rule sets a colour, background or font: the page may not be white
    external: bool  # a <link rel=stylesheet>: any class may be styled

    def declarations(self, tag: str, attrs: dict[str, str | None]) -> dict[str, str]:
        """The element's declarations that bear on visibility: rules, then inline style."""
        decls: dict[str, str] = {}
        if self.hiding:
            for key in _selectors(attrs):
                decls.update(self.hiding.get(key, {}))
        if attrs.get("bgcolor"):
            decls["background-color"] = attrs["bgcolor"] or ""
        if tag == "font" and attrs.get("color"):
            decls["color"] = attrs["color"] or ""
        if attrs.get("style"):
            decls.update(parse_style(attrs["style"] or ""))
        return decls

    def restyles(self, attrs: dict[str, str | None]) -> bool:
        """Whether a stylesheet may give the element its own colours or font."""
        classes = (attrs.get("class") or "").split()
        return bool(classes) and (self.external or any(c in self.styled for c in classes))


def _selectors(attrs: dict[str, str | None]) -> list[str]:
    keys = ["." + name for name in (attrs.get("class") or "").split()]
    element_id = attrs.get("id")
    return [*keys, "#" + element_id] if element_id else keys


_MAX_VALUE_CHARS = 200  # a longer CSS value is junk; its head is enough to read


def parse_style(style: str) -> dict[str, str]:
    """An inline style (or a rule's body) as {property: value}, lower-cased."""
    decls = {}
    for part in style.split(";"):
        name, colon, value = part.partition(":")
        if colon:
            value = value[:_MAX_VALUE_CHARS].lower().replace("!important", "")
            decls[name.strip().lower()] = value.strip()
    return decls


def cut_hidden(tree: LexborHTMLParser, removed: list[str]) -> None:
    """Decompose every element and text a reader of the page cannot see."""
    if tree.root is None:
        return
    sheet = _style_sheet(tree)
    doomed = _hidden_nodes(tree.root, _root_look(sheet), sheet)
    if any(node.text(deep=True).strip() for node in doomed):
        note(removed, "hidden")
    for node in doomed:
        node.decompose()


def _hidden_nodes(root: LexborNode, look: _Look, sheet: _StyleSheet) -> list[LexborNode]:
    """One walk down the tree, carrying what the reader sees; hidden subtrees are not
    entered."""
    doomed: list[LexborNode] = []
    stack = [(root, look, _readable(look))]
    while stack:
        node, look, readable = stack.pop()
        for child in node.iter(include_text=True):
            tag = child.tag or "-"
            if tag == "-text":
                if not readable and (child.text_content or "").strip():
                    doomed.append(child)
            elif tag not in NOT_RENDERED and not tag.startswith("-"):
                attrs = child.attributes
                decls = sheet.declarations(tag, attrs)
                if _gone(attrs, decls):
                    doomed.append(child)
                else:
                    inner = _inherit(look, decls, sheet.restyles(attrs))
                    stack.append((child, inner, readable if inner is look else _readable(inner)))
    return doomed


def _root_look(sheet: _StyleSheet) -> _Look:
    """A page without stylesheets is black on white; with one, its background is unknown."""
    plain = not (sheet.external or sheet.paints)
    return _Look(_BLACK, _WHITE if plain else None, 16.0, False)


def _readable(look: _Look) -> bool:
    if look.invisible or (look.font_px is not None and look.font_px < _MIN_FONT_PX):
        return False
    if look.color is None or look.background is None:
        return True
    shown = _over(look.color, look.background)
    return _contrast(shown, look.background) >= _MIN_CONTRAST


def _gone(attrs: dict[str, str | None], decls: dict[str, str]) -> bool:
    """The element and all inside it are out of view."""
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if not decls:
        return False
    return (decls.get("display") == "none" or _opacity(decls.get("opacity")) < _MIN_OPACITY
            or _off_screen(decls) or _clipped(decls))


def _opacity(value: str | None) -> float:
    if not value:
        return 1.0
    try:
        return float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        return 1.0


def _off_screen(decls: dict[str, str]) -> bool:
    """Pushed far off the page: left:-9999px, text-indent:-9999px and the like."""
    if decls.get("position") in ("absolute", "fixed"):
        sides = (_px(decls.get(side)) for side in ("left", "top", "right", "bottom"))
        if any(side is not None and side <= _OFF_SCREEN_PX for side in sides):
            return True
    indent = _px(decls.get("text-indent"))
    return indent is not None and indent <= _OFF_SCREEN_PX


def _clipped(decls: dict[str, str]) -> bool:
    """The sr-only patterns: a zero clip rect, clip-path inset(50%), a 1px overflow box."""
    positioned = decls.get("position") in ("absolute", "fixed")
    if positioned and _zero_rect(decls.get("clip", "")):
        return True
    if positioned and decls.get("overflow") == "hidden":
        sizes = (_px(decls.get(key)) for key in ("width", "height"))
        if any(size is not None and size <= 1 for size in sizes):
            return True
    inset = re.match(r"inset\(\s*(\d+(?:\.\d+)?)%", decls.get("clip-path", ""))
    return inset is not None and float(inset.group(1)) >= 50


def _zero_rect(clip: str) -> bool:
    numbers = re.findall(r"-?\d*\.?\d+", clip) if clip.startswith("rect(") else []
    if len(numbers) != 4:
        return False
    top, right, bottom, left = map(float, numbers)
    return bottom <= top or right <= left


def _px(value: str | None, parent_px: float | None = None) -> float | None:
    """A CSS length in px; relative units need `parent_px`; None when it cannot be told."""
    match = _LENGTH_RE.match(value or "")
    if match is None:
        return None
    number, unit = float(match.group(1)), match.group(2)
    if number == 0:
        return 0.0
    if unit in _PX_PER_UNIT:
        return number * _PX_PER_UNIT[unit]
    if unit in _RELATIVE_UNITS and parent_px is not None:
        return number * _RELATIVE_UNITS[unit] * parent_px
    return None


def _inherit(look: _Look, decls: dict[str, str], restyled: bool) -> _Look:
    """The look inside an element: colour, visibility and font size are inherited; the
    background shows through unless the element paints its own."""
    if restyled and look[:3] != _UNKNOWN[:3]:  # a stylesheet may set these: unknown
        look = look._replace(color=None, background=None, font_px=None)
    if not decls:
        return look
    visibility, invisible = decls.get("visibility"), look.invisible
    if visibility in ("hidden", "collapse"):
        invisible = True
    elif visibility in ("visible", "initial"):
        invisible = False
    return _Look(_text_color(decls.get("color"), look.color),
                 _background(decls, look.background),
                 _font_px(decls.get("font-size"), look.font_px), invisible)


def _font_px(value: str | None, parent_px: float | None) -> float | None:
    if value is None or value in ("inherit", "unset"):
        return parent_px
    if value in _NAMED_SIZES:
        return _NAMED_SIZES[value]
    return _px(value, parent_px)


def _text_color(value: str | None, parent: RGBA | None) -> RGBA | None:
    if value is None or value in ("inherit", "currentcolor", "unset"):
        return parent
    return _BLACK if value == "initial" else parse_color(value)


def _background(decls: dict[str, str], under: RGBA | None) -> RGBA | None:
    """The opaque colour behind the element's text (None: an image, or unknown)."""
    value = decls.get("background-color") or decls.get("background")
    if not value or _UNKNOWN_BACKGROUND_RE.search(value):
        return under if not value else None
    words = [w for w in _BACKGROUND_TOKEN_RE.findall(value)
             if w not in _BACKGROUND_WORDS and not w[0].isdigit() and w[0] not in "-."]
    if not words:
        return under
    paint = parse_color(words[-1])
    if paint is None:
        return None
    if paint[3] <= 0:
        return under
    if paint[3] >= 1:
        return paint
    return None if under is None else (*_over(paint, under), 1.0)


def parse_color(value: str) -> RGBA | None:
    """A CSS colour (name, #hex, rgb()/rgba()) as RGBA; None for anything else."""
    value = value.strip()
    if value == "transparent":
        return (0.0, 0.0, 0.0, 0.0)
    hexa = _NAMED_COLORS.get(value)
    match = _HEX_RE.match("#" + hexa if hexa else value)
    if match:
        return _hex_color(match.group(1))
    match = _RGB_RE.match(value)
    return _rgb_color(match.group(1)) if match else None


def _hex_color(digits: str) -> RGBA:
    if len(digits) <= 4:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
    alpha = channels[3] / 255 if len(channels) == 4 else 1.0
    return (float(channels[0]), float(channels[1]), float(channels[2]), alpha)


def _rgb_color(inner: str) -> RGBA | None:
    parts = [p for p in re.split(r"[\s,/]+", inner.strip()) if p]
    if len(parts) not in (3, 4):
        return None
    try:
        rgb = [float(p[:-1]) * 2.55 if p.endswith("%") else float(p) for p in parts[:3]]
        alpha = parts[3] if len(parts) == 4 else "1"
        a = float(alpha[:-1]) / 100 if alpha.endswith("%") else float(alpha)
    except ValueError:
        return None
    return (rgb[0], rgb[1], rgb[2], a)


def _over(color: RGBA, background: RGBA) -> tuple[float, float, float]:
    """`color` painted over an opaque `background`."""
    a = max(0.0, min(color[3], 1.0))
    r, g, b = (a * color[i] + (1 - a) * background[i] for i in range(3))
    return (r, g, b)


def _contrast(one: tuple[float, ...], two: tuple[float, ...]) -> float:
    low, high = sorted((_luminance(one), _luminance(two)))
    return (high + 0.05) / (low + 0.05)


def _luminance(color: tuple[float, ...]) -> float:
    def channel(value: float) -> float:
        c = max(0.0, min(value, 255.0)) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color[0]) + 0.7152 * channel(color[1]) + 0.0722 * channel(color[2])


def _style_sheet(tree: LexborHTMLParser) -> _StyleSheet:
    """The hiding rules of the page's <style> blocks (one class or one id, outside @media
    and other at-rules; a class that a compound selector also names may be toggled on,
    so it is skipped), and the classes any rule styles."""
    css = _CSS_COMMENT_RE.sub("", "\n".join(n.text(deep=True) for n in tree.css("style")))
    hiding: dict[str, dict[str, str]] = {}
    toggled: set[str] = set()
    for selectors, body in _top_level_rules(css):
        decls = {k: v for k, v in parse_style(body).items() if k in _HIDING_PROPERTIES}
        for selector in (s.strip() for s in selectors.split(",")):
            if not _SIMPLE_SELECTOR_RE.match(selector):
                toggled.update("." + c for c in _CLASS_RE.findall(selector))
            elif decls:
                hiding.setdefault(selector, {}).update(decls)
    painting = [sel for sel, body in _CSS_RULE_RE.findall(css) if _STYLING_RE.search(body)]
    styled = frozenset(c for sel in painting for c in _CLASS_RE.findall(sel))
    external = tree.css_first('link[rel~="stylesheet"]') is not None
    hiding = {k: v for k, v in hiding.items() if k not in toggled}
    return _StyleSheet(hiding, styled, bool(painting), external)


def _top_level_rules(css: str) -> Iterator[tuple[str, str]]:
    """(selectors, body) of each rule outside at-rule blocks."""
    depth, head, prelude = 0, "", ""
    for token in _CSS_TOKEN_RE.findall(css):
        if token == "{":
            depth += 1
            head = prelude.rsplit(";", 1)[-1].strip() if depth == 1 else head
        elif token == "}":
            depth = max(depth - 1, 0)
            prelude = ""
        elif depth == 0:
            prelude = token
        elif depth == 1 and not head.startswith("@"):
            yield head, token

