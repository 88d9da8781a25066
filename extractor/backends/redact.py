"""Secrets out of everything the tool prints or writes: one place, used by every backend.

A backend that holds credentials registers them (``remember_secrets``: the API key,
and the user, password and key-like query values of its endpoint URLs). ``redact``
masks those values wherever they appear, whatever they look like (a key need not
start with ``sk-``), and anything shaped like a key or a ``key=value`` credential.

Where it applies: a backend's errors are redacted where they are made (the openai
backend's ``translate_error``), before they become output lines, the errors file,
the summary or a message on stderr; SDK log records by ``RedactingFilter``; URLs
through ``display_url``.
"""

from __future__ import annotations

import base64
import json
import logging
import re
import threading
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit

MASK = "***"
MIN_SECRET_CHARS = 6  # shorter values would mask ordinary words; no real key is this short

# Query parameters that carry credentials (api-key=, key=, access_token=, sig=...).
_KEY_PARAM = re.compile(r"key|token|secret|passw|pwd|auth|sig|credential|session", re.I)
_SHAPED = re.compile(r"(sk-|key[-_]|Bearer\s+)[A-Za-z0-9_\-*.]{6,}", re.IGNORECASE)
_KEY_VALUE = re.compile(
    r"(?<![A-Za-z])((?:api[-_]?key|key|access[-_]?token|token|secret|password|passwd|sig)"
    r"\s*[=:]\s*)([^\s&'\",;:(){}\[\]*][^\s&'\",;(){}\[\]]{3,})", re.IGNORECASE)

_secrets: set[str] = set()
_lock = threading.Lock()


def remember_secrets(api_key: str | None, urls: Iterable[str]) -> None:
    """Register the values ``redact`` must mask from now on (for this process)."""
    values = [api_key or ""] + [value for url in urls for value in url_secrets(url)]
    forms = {form for value in values if len(value) >= MIN_SECRET_CHARS
             for form in _written_forms(value)}
    with _lock:
        _secrets.update(forms)


def url_secrets(url: str) -> list[str]:
    """The credentials in a URL: its user and password, the Basic token httpx sends for
    them (to a proxy, say), and key-like query values."""
    parts = urlsplit(url)
    found = [parts.username or "", parts.password or ""]
    found += [value for name, value in parse_qsl(parts.query) if _KEY_PARAM.search(name)]
    return [unquote(value) for value in found if value] + _basic_token(*found[:2])


def _basic_token(user: str, password: str) -> list[str]:
    if not user and not password:
        return []
    return [base64.b64encode(f"{unquote(user)}:{unquote(password)}".encode()).decode()]


def _written_forms(value: str) -> set[str]:
    """``value`` as it may appear in a message: raw, percent-encoded, JSON-escaped."""
    return {value, quote(value, safe=""), json.dumps(value)[1:-1]}


def _mask(secret: str) -> str:
    return "sk-" + MASK if secret.startswith("sk-") else MASK


def redact(text: str) -> str:
    """``text`` with every registered secret and anything shaped like a key masked."""
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)  # longest first: no partial leftovers
    for secret in known:
        if secret in text:
            text = text.replace(secret, _mask(secret))
    text = _KEY_VALUE.sub(lambda m: m.group(1) + MASK, text)
    return _SHAPED.sub(lambda m: m.group(1) + MASK, text)


def display_url(url: str) -> str:
    """``url`` safe to print: user and password masked, and every query value."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{MASK}@{netloc.rpartition('@')[2]}"
    query = "&".join(f"{name}={MASK}" for name, _ in parse_qsl(parts.query,
                                                                 keep_blank_values=True))
    return redact(urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)))


class RedactingFilter(logging.Filter):
    """Scrubs secrets from log records: their message, arguments and traceback text."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


SDK_LOGGERS = ("instructor", "openai", "httpx", "httpx2", "httpcore", "httpcore2")


def redact_sdk_logs() -> None:
    """Attach the filter to the SDK loggers and every logger created under them so far.

    A filter on a logger sees only records logged there, not its children's, so each
    existing child gets its own; backends call this again once their SDKs are imported.
    """
    names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] in SDK_LOGGERS]
    for name in [*names, *SDK_LOGGERS]:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
