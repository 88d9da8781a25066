"""The text a JSON answer's schema forces next, so the sampler need not ask the model.

Generation on 2 cores costs one forward pass per answer token, most of it in the
262k-word output layer, and about half of a draft answer's tokens are JSON keys its
schema fixes (``", "company":`` after the title, ``"region":`` after the city...). When
every property of every object is required, llama-cpp-python's grammar admits those
keys only in the schema's order, so the model has nothing to choose there but how to
spell them in tokens. ``forced_text`` says what that text is at any point of a partial
answer; ``sampling.GrammarFirstLlama`` feeds its tokens (as the tokenizer splits the
text, which is how the adapter saw its training answers) without computing the output
layer for them, and samples again only after them: jump-forward decoding. Nothing is
forced inside an object with an optional property, or under a union of object types.

This module is a leaf: plain text, no llama.cpp.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Shape:
    """The property order of one JSON object in the answer schema, and the shapes of
    the objects nested under its keys (an array key: its items' shape)."""

    keys: tuple[str, ...]
    nested: dict[str, Shape] = field(default_factory=dict)

    def after(self, key: str | None) -> str | None:
        """The key the schema lists after ``key`` (the first for None), if any."""
        if key is None:
            return self.keys[0] if self.keys else None
        if key not in self.keys:
            return None
        at = self.keys.index(key) + 1
        return self.keys[at] if at < len(self.keys) else None


def _shape(node: dict[str, Any], defs: dict[str, Any], depth: int) -> Shape | None:
    """The key order of the object ``node`` describes (an array: its items'); None for a
    scalar, for an object with an optional property (the grammar lets the model skip
    it, so no key there is forced) and for a union of several object types."""
    node = _resolved(node, defs)
    if depth > 8:
        return None
    if node.get("type") == "array" or "items" in node:
        return _shape(node.get("items", {}), defs, depth + 1)
    options = [_resolved(option, defs) for option in node.get("anyOf", [])]
    objects = [option for option in options if "properties" in option or "items" in option]
    if objects:
        return _shape(objects[0], defs, depth + 1) if len(objects) == 1 else None
    properties = node.get("properties")
    if not isinstance(properties, dict) or set(node.get("required", ())) != set(properties):
        return None
    nested = {key: sub for key, value in properties.items()
              if (sub := _shape(value, defs, depth + 1)) is not None}
    return Shape(tuple(properties), nested)


def _resolved(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return dict(defs.get(ref.removeprefix("#/$defs/"), {}))
    return node


@dataclass
class _Frame:
    shape: Shape | None
    is_object: bool
    last_key: str | None = None
    wants_key: bool = False


@dataclass
class _Scan:
    """Where a partial JSON text stands: open objects/arrays, and an open string."""

    frames: list[_Frame]
    in_string: bool = False
    in_key: bool = False
    key_text: str = ""
    escaped: bool = False


def scan(text: str, root: Shape) -> _Scan:
    state = _Scan(frames=[])
    for char in text:
        if state.in_string:
            _string_char(state, char)
        else:
            _structure_char(state, char, root)
    return state


def _string_char(state: _Scan, char: str) -> None:
    if state.escaped:
        state.escaped = False
    elif char == "\\":
        state.escaped = True
    elif char == '"':
        state.in_string = False
        if state.in_key and state.frames:
            state.frames[-1].last_key = state.key_text
            state.frames[-1].wants_key = False
        return
    if state.in_key:
        state.key_text += char


def _structure_char(state: _Scan, char: str, root: Shape) -> None:
    top = state.frames[-1] if state.frames else None
    if char in "{[":
        shape = root if top is None else (top.shape if not top.is_object or top.shape is None
                                          else top.shape.nested.get(top.last_key or ""))
        state.frames.append(_Frame(shape, is_object=char == "{", wants_key=char == "{"))
    elif char in "}]":
        if state.frames:
            state.frames.pop()
    elif char == ",":
        if top is not None and top.is_object:
            top.wants_key = True
    elif char == '"':
        state.in_string, state.escaped = True, False
        state.in_key = top is not None and top.is_object and top.wants_key
        state.key_text = ""


def forced_text(answer: str, root: Shape) -> str:
    """The text the schema's key order makes come next after ``answer`` ('' if none):
    the next key and its colon, spaced as ``json.dumps`` spaces them (`` "region":``
    after a comma, ``"title":`` after a brace), or the rest of a key the answer has
    opened (``company":``).

    The grammar also admits other whitespace around a key, and any split of a key
    into tokens; those are the choices taken from the model, which is why only a model
    trained on ``json.dumps`` answers is sent here (the draft question on an adapter:
    ``EmbeddedBackend``). The bare model writes ``{ "title"`` and spells ``year`` ``s``."""
    state = scan(answer, root)
    top = state.frames[-1] if state.frames else None
    if top is None or not top.is_object or top.shape is None:
        return ""
    key = top.shape.after(top.last_key)
    if key is None:
        return ""
    if state.in_string:
        if state.in_key and key.startswith(state.key_text):
            return key[len(state.key_text):] + '":'
        return ""
    if top.wants_key:
        return (" " if answer.endswith(",") else "") + f'"{key}":'
    return ""


def answer_shape_of(schema: dict[str, Any]) -> Shape | None:
    """The key order of a pydantic JSON schema (``model_json_schema()``), $refs resolved;
    None unless its root object requires all its properties (only then does the
    grammar fix the keys). A nested object with an optional property forces nothing
    inside it."""
    return _shape(schema, schema.get("$defs", {}), depth=0)
