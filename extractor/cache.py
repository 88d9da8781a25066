"""The result cache: a diskcache cache on disk, keyed on everything that changes the answer.

Key = sha256 over: backend, model id (and the model file's identity when the model
setting names a file), prompt hashes, record schema hash, pipeline code hash,
generation parameters, the reference date (the run's, or the one the document states),
the input kind, the normalised input text and
the source object a JSON row was loaded from (canonical JSON). Change any of them
and the lookup misses. The API key is never part of a key or an entry.

What is stored is data, never code, and is checked before it is believed:

* a value is JSON bytes behind an HMAC-SHA256 over the key and the payload, with a
  random secret kept in ``entries.key`` (mode 0600) beside ``cache.db``, so an edited,
  garbled or copied value is a miss, never a wrong record;
* ``SafeDisk`` replaces diskcache's serialiser: it stores bytes in the database row
  only and refuses, on read, any row that is not such bytes (pickles, value files),
  so nothing read from the cache directory is ever unpickled or opened by name;
* diskcache opens with every setting given explicitly, after a Settings table naming
  anything diskcache does not define has refused the directory (diskcache copies
  those names onto its objects).

A damaged cache never stops a run: an entry that cannot be read or checked is a miss,
a cache that cannot be opened or written is bypassed, each with one warning per run.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import sqlite3
import threading
from contextlib import closing
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import diskcache
from diskcache.core import DBNAME, DEFAULT_SETTINGS, METADATA, MODE_RAW, UNKNOWN

log = logging.getLogger(__name__)

SECRET_NAME = "entries.key"
SECRET_BYTES = 32
ENTRY_TAG = b"extractor-entry-1\n"  # the format of a stored value; a new format misses
# Every setting given, so that none is taken from the database's own Settings table.
_SETTINGS = {**DEFAULT_SETTINGS, "size_limit": 2**32}
# diskcache's own value file names ("ab/cd/<28 hex>.val"): the only files it may delete.
_VALUE_FILE_RE = re.compile(r"[0-9a-f]{2}[\\/][0-9a-f]{2}[\\/][0-9a-f]{28}\.val")


def normalise_input(text: str) -> str:
    """Unified line ends, trailing spaces dropped: formatting-only edits still hit.

    Only edits that cleaning undoes anyway are folded; anything the pipeline can
    read differently (Unicode normalisation forms included) keeps its own key.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def canonical_json(value: Any) -> str:
    """One JSON text per value (sorted keys); a non-JSON value is named by type and repr."""
    def tagged(obj: Any) -> dict[str, str]:
        return {f"<{type(obj).__qualname__}>": repr(obj)}

    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=tagged)
    except TypeError:  # keys of mixed types cannot be sorted
        return json.dumps(repr(value), ensure_ascii=False)


@lru_cache(maxsize=1)
def code_hash() -> str:
    """Hash of the package's own source, so a parser change cannot serve stale records."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_file_key(model: str | None) -> str | None:
    """The identity of a model file the settings name (path, size, mtime), else None:
    a retrained model saved over the same name and size must not hit the old answers."""
    if not model:
        return None
    path = Path(model).expanduser()
    try:
        stat = path.stat()
        return f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}" if path.is_file() else None
    except OSError:
        return None


def cache_key(parts: dict[str, Any], text: str, fields: dict[str, Any] | None = None) -> str:
    """sha256 of the key parts (JSON, sorted), the normalised input and its source object."""
    return Keyer(parts)(text, fields)


class Keyer:
    """``cache_key`` with the parts hashed once: a run keys many inputs on the same parts."""

    def __init__(self, parts: dict[str, Any]) -> None:
        self._prefix = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode())
        self._prefix.update(b"\0")

    def __call__(self, text: str, fields: dict[str, Any] | None = None,
                 reference: str = "") -> str:
        """The key of one input: its normalised text, its source object and the reference
        date its relative dates are resolved against (the run's or its own)."""
        digest = self._prefix.copy()
        for part in (normalise_input(text), canonical_json(fields), reference):
            data = part.encode()
            digest.update(len(data).to_bytes(8, "big") + data)  # length first: no ambiguity
        return digest.hexdigest()


class UnsafeEntryError(ValueError):
    """A row of the cache database that this module did not write (a pickle, a file)."""


class SafeDisk(diskcache.Disk):
    """diskcache's serialiser, cut down to bytes in the database row: never a pickle.

    Keys are plain strings; values are bytes stored inline. Reading any other kind of
    row raises ``UnsafeEntryError`` (diskcache would unpickle it or open its file).
    """

    def put(self, key: Any) -> tuple[Any, bool]:
        if type(key) is not str:
            raise TypeError(f"result cache keys are strings, not {type(key).__name__}")
        return key, True

    def get(self, key: Any, raw: bool) -> Any:
        if not raw:
            raise UnsafeEntryError("a pickled key in the cache database was refused")
        return key

    def store(self, value: Any, read: bool, key: Any = UNKNOWN) -> tuple[int, int, None, Any]:
        if type(value) is not bytes or read:
            raise TypeError("the result cache stores bytes only")
        return 0, MODE_RAW, None, sqlite3.Binary(value)

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> bytes:
        if mode != MODE_RAW or filename is not None or not isinstance(value, bytes):
            raise UnsafeEntryError(f"a cache row of mode {mode} was refused (not stored bytes)")
        return value

    def remove(self, file_path: str) -> None:
        """Delete a value file only where diskcache itself would have named it: a planted
        row could name any path on the machine."""
        if isinstance(file_path, str) and _VALUE_FILE_RE.fullmatch(file_path):
            super().remove(file_path)


class CacheUnusableError(Exception):
    """The cache directory cannot serve this run; the message says why."""


class ResultCache:
    """JSON-ready result dicts in a diskcache cache; a broken cache is a miss, never a crash.

    Safe to share between threads (diskcache keeps one connection per thread).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._warned: set[str] = set()
        self._lock = threading.Lock()
        self._cache: diskcache.Cache | None = None
        self._secret = b""
        self._reading = self._writing = False
        try:
            self._secret = _load_secret(directory)
            _refuse_foreign_settings(directory / DBNAME)
            self._cache = diskcache.Cache(str(directory), disk=SafeDisk, **_SETTINGS)
        except Exception as exc:  # noqa: BLE001 - whatever the folder holds, run without it
            self._bypass("opened", exc)
            return
        self._reading = self._writing = True

    def get(self, key: str) -> dict[str, Any] | None:
        """The value stored under ``key``; None for a miss or for any entry that fails."""
        if not self._reading or self._cache is None:
            return None
        try:
            stored = self._cache.get(key)
        except UnsafeEntryError as exc:  # a row this module did not write: a miss
            self.warn_bad_entry(str(exc))
            return None
        except Exception as exc:  # noqa: BLE001 - a database that cannot be read is skipped
            self._reading = self._writing = False
            self._bypass("read", exc)
            return None
        value = None if stored is None else _unseal(self._secret, key, stored)
        if stored is not None and value is None:
            self.warn_bad_entry("a stored value failed its integrity check")
        return value

    def set(self, key: str, value: dict[str, Any]) -> None:
        """Store ``value``; once a write fails, the rest of the run stops writing."""
        if not self._writing or self._cache is None:
            return
        sealed = _seal(self._secret, key, value)  # outside the try: a bad value is a bug
        try:
            self._cache.set(key, sealed)
        except Exception as exc:  # noqa: BLE001 - a cache that cannot be written is skipped
            self._writing = False
            self._warn("write", f"the result cache in {self.directory} cannot be written "
                       f"({_why(exc)}); this run stores no more results in it. Free some "
                       "space or fix the folder's permissions, or choose another cache "
                       "folder (--cache-dir, EXTRACTOR_CACHE_DIR).")

    def warn_bad_entry(self, why: str) -> None:
        """Say once per run that entries were ignored (each one is a miss)."""
        self._warn("entry", f"ignored unreadable or altered entries in the result cache in "
                   f"{self.directory} ({why}); those inputs are extracted afresh. Delete that "
                   "folder if this keeps happening.")

    def close(self) -> None:
        try:
            if self._cache is not None:
                self._cache.close()
        except Exception as exc:  # noqa: BLE001 - closing a broken cache is not an error
            self._warn("close", f"the result cache in {self.directory} did not close "
                       f"cleanly ({_why(exc)})")

    def _bypass(self, verb: str, exc: Exception) -> None:
        self._warn("bypass", f"the result cache in {self.directory} cannot be {verb} "
                   f"({_why(exc)}); this run goes on without it. Delete that folder, or "
                   "choose another (--cache-dir, EXTRACTOR_CACHE_DIR) or none (--no-cache).")

    def _warn(self, kind: str, message: str) -> None:
        with self._lock:
            if kind in self._warned:
                return
            self._warned.add(kind)
        log.warning("extract: %s", message)


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _seal(secret: bytes, key: str, value: dict[str, Any]) -> bytes:
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return ENTRY_TAG + _mac(secret, key, payload) + payload


def _unseal(secret: bytes, key: str, stored: bytes) -> dict[str, Any] | None:
    """The value inside ``stored`` if it carries this cache's MAC for ``key``, else None."""
    head = len(ENTRY_TAG)
    mac, payload = stored[head:head + 32], stored[head + 32:]
    if not stored.startswith(ENTRY_TAG) or not hmac.compare_digest(
            mac, _mac(secret, key, payload)):
        return None
    try:
        value = json.loads(payload)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _mac(secret: bytes, key: str, payload: bytes) -> bytes:
    return hmac.new(secret, ENTRY_TAG + key.encode() + b"\0" + payload, hashlib.sha256).digest()


def _load_secret(directory: Path) -> bytes:
    """This cache's MAC secret, created (0600) on first use.

    A new secret is written to a temporary file, then linked into place: a crash never
    leaves a short one, and of two processes starting at once the first one's wins.

    Raises:
        CacheUnusableError: the secret file is not the expected size.
        OSError: the folder or its secret cannot be created or read.
    """
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / SECRET_NAME
    if not path.exists():
        tmp = directory / f"{SECRET_NAME}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            out.write(secrets.token_bytes(SECRET_BYTES))
        _publish(tmp, path)
    secret = path.read_bytes()
    if len(secret) != SECRET_BYTES:
        raise CacheUnusableError(f"{path.name} holds {len(secret)} bytes, not {SECRET_BYTES}")
    return secret


def _publish(tmp: Path, path: Path) -> None:
    """Move ``tmp`` to ``path`` unless ``path`` appeared meanwhile (then keep that one)."""
    try:
        os.link(tmp, path)  # atomic and exclusive
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links: last writer wins, costing misses
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _refuse_foreign_settings(db_path: Path) -> None:
    """Refuse a database whose Settings table names a setting diskcache does not define.

    Raises:
        CacheUnusableError: such a name is there.
        sqlite3.DatabaseError: the file is not a readable SQLite database.
    """
    if not db_path.exists():
        return
    uri = f"file:{quote(str(db_path.resolve()))}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as con:  # sqlite3's own with only commits
        try:
            names = {row[0] for row in con.execute("SELECT key FROM Settings")}
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return
            raise
    foreign = sorted(str(name) for name in names - set(DEFAULT_SETTINGS) - set(METADATA))
    if foreign:
        raise CacheUnusableError(f"unknown settings in {DBNAME}: {', '.join(foreign[:5])}")
