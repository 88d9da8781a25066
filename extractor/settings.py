"""One frozen settings object, resolved with one documented precedence.

Precedence, field by field: an explicit argument to ``resolve_settings`` (the CLI
passes its flags here), then the environment, then the default below.

Environment variables: EXTRACTOR_BACKEND, EXTRACTOR_MODEL, EXTRACTOR_MODEL_PATH,
OPENAI_BASE_URL (one URL, or several separated by commas), OPENAI_API_KEY,
EXTRACTOR_CACHE_DIR, EXTRACTOR_NO_CACHE=1, EXTRACTOR_THREADS, EXTRACTOR_STRATEGY,
EXTRACTOR_ENDPOINT_COOLDOWN (seconds).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

Backend = Literal["embedded", "openai"]
Strategy = Literal["auto", "guided", "full", "rules"]
Grounding = Literal["drop", "warn"]

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


def default_cache_dir() -> Path:
    """The platform's user cache dir (XDG_CACHE_HOME on Linux) / extractor."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("extractor", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Everything that changes what a run does. Immutable; derive with ``replace``."""

    backend: Backend = "embedded"
    model: str | None = None  # embedded: a GGUF path or package name; openai: model id
    base_url: str | None = None  # openai: one URL or several, comma-separated
    api_key: str | None = field(default=None, repr=False)  # never printed, never cached
    strategy: Strategy = "auto"  # auto = guided on embedded, full on remote models
    reference_date: dt.date | None = None  # None: today, for relative dates
    cache_dir: Path | None = None
    use_cache: bool = True
    grounding: Grounding = "drop"
    temperature: float = 0.0
    seed: int = 0
    max_tokens: int = 256  # per model call; guided answers are a few dozen tokens
    max_input_chars: int = 12_000  # cleaned text sent to the model
    validation_retries: int = 1  # instructor re-asks after a validation failure
    transport_retries: int = 4  # tenacity attempts after the first for 429/5xx/timeouts
    retry_max_wait: float = 30.0  # seconds, cap on one backoff sleep (Retry-After too)
    timeout: float = 120.0  # seconds per HTTP request
    endpoint_cooldown_s: float = 30.0  # seconds a failing endpoint sits out (several URLs)
    n_threads: int | None = None  # embedded: llama.cpp threads (None = all cores)
    n_ctx: int = 4096

    def today(self) -> dt.date:
        return self.reference_date or dt.date.today()

    def resolved_cache_dir(self) -> Path:
        return self.cache_dir or default_cache_dir()

    def resolved_strategy(self) -> Strategy:
        if self.strategy != "auto":
            return self.strategy
        return "guided" if self.backend == "embedded" else "full"

    def runs_local_model(self) -> bool:
        """Whether inputs go through the in-process embedded model (not rules only)."""
        return self.backend == "embedded" and self.resolved_strategy() != "rules"

    def with_default_threads(self, threads: int) -> Settings:
        """These settings with ``threads`` model threads, unless the embedded backend's
        thread count was set (other backends have no threads to set)."""
        if self.backend != "embedded" or self.n_threads is not None:
            return self
        return replace(self, n_threads=threads)

    def generation_params(self) -> dict[str, Any]:
        """The parameters that change a model's answer (part of the cache key)."""
        return {
            "temperature": self.temperature,
            "seed": self.seed,
            "max_tokens": self.max_tokens,
            "max_input_chars": self.max_input_chars,
            "n_ctx": self.n_ctx,
            "strategy": self.resolved_strategy(),
            "grounding": self.grounding,
        }


def endpoint_urls(base_url: str | None) -> list[str]:
    """The URLs in a comma-separated ``base_url``, stripped, blanks and repeats dropped."""
    urls = (part.strip() for part in (base_url or "").split(","))
    return list(dict.fromkeys(url for url in urls if url))


def endpoints_key(base_url: str | None) -> str | None:
    """The endpoint list in one canonical form (sorted, comma-joined) for cache keys."""
    return ",".join(sorted(endpoint_urls(base_url))) or None


_ENV = {
    "backend": "EXTRACTOR_BACKEND",
    "model": "EXTRACTOR_MODEL",
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "strategy": "EXTRACTOR_STRATEGY",
    "cache_dir": "EXTRACTOR_CACHE_DIR",
    "n_threads": "EXTRACTOR_THREADS",
    "endpoint_cooldown_s": "EXTRACTOR_ENDPOINT_COOLDOWN",
}


def _from_env(env: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, var in _ENV.items():
        if env.get(var):
            values[name] = env[var]
    if env.get("EXTRACTOR_MODEL_PATH") and "model" not in values:
        values["model"] = env["EXTRACTOR_MODEL_PATH"]
    if env.get("EXTRACTOR_NO_CACHE", "").lower() in {"1", "true", "yes"}:
        values["use_cache"] = False
    return values


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if isinstance(out.get("cache_dir"), str):
        out["cache_dir"] = Path(out["cache_dir"]).expanduser()
    if isinstance(out.get("reference_date"), str):
        out["reference_date"] = dt.date.fromisoformat(out["reference_date"])
    if isinstance(out.get("n_threads"), str):
        out["n_threads"] = int(out["n_threads"])
    if isinstance(out.get("endpoint_cooldown_s"), str):
        out["endpoint_cooldown_s"] = float(out["endpoint_cooldown_s"])
    return out


def resolve_settings(env: dict[str, str] | None = None, **explicit: Any) -> Settings:
    """Build Settings: explicit arguments (None means "not given"), then env, then defaults.

    Raises:
        ConfigError: an unknown setting name or backend.
    """
    from extractor.errors import ConfigError

    known = {f.name for f in fields(Settings)}
    unknown = set(explicit) - known
    if unknown:
        raise ConfigError(f"unknown settings: {', '.join(sorted(unknown))}")
    values = _from_env(dict(os.environ) if env is None else env)
    values.update({k: v for k, v in explicit.items() if v is not None})
    settings = Settings(**_coerce(values))
    if settings.backend not in ("embedded", "openai"):
        raise ConfigError(f"unknown backend {settings.backend!r}; known: embedded, openai")
    return settings


__all__ = ["Settings", "default_cache_dir", "endpoint_urls", "endpoints_key", "replace",
           "resolve_settings"]
