"""The result cache: diskcache on disk, keyed on everything that changes the answer.

Key = sha256 over: backend, model id, prompt hashes, record schema hash, pipeline
code hash, generation parameters, reference date and the normalised input text.
Change any of them and the lookup misses. The API key is never part of an entry.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any


def normalise_input(text: str) -> str:
    """NFC, unified line ends, trailing spaces dropped: formatting-only edits still hit."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


@lru_cache(maxsize=1)
def code_hash() -> str:
    """Hash of the package's own source, so a parser change cannot serve stale records."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(parts: dict[str, Any], text: str) -> str:
    """sha256 of the key parts (JSON, sorted) and the normalised input."""
    return Keyer(parts)(text)


class Keyer:
    """``cache_key`` with the parts hashed once: a run keys many inputs on the same parts."""

    def __init__(self, parts: dict[str, Any]) -> None:
        self._prefix = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode())
        self._prefix.update(b"\0")

    def __call__(self, text: str) -> str:
        digest = self._prefix.copy()
        digest.update(normalise_input(text).encode())
        return digest.hexdigest()


class ResultCache:
    """A thin wrapper over ``diskcache.Cache`` holding JSON-ready result dicts."""

    def __init__(self, directory: Path) -> None:
        import diskcache

        directory.mkdir(parents=True, exist_ok=True)
        self._cache = diskcache.Cache(str(directory), size_limit=2**32)

    def get(self, key: str) -> dict[str, Any] | None:
        value = self._cache.get(key)
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        self._cache.set(key, value)

    def close(self) -> None:
        self._cache.close()
