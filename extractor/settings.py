"""One frozen settings object, resolved with one documented precedence.

Precedence, field by field: an explicit argument to ``resolve_settings`` (the CLI
passes its flags here), then the environment, then the default below.

Environment variables: EXTRACTOR_BACKEND, EXTRACTOR_MODEL, EXTRACTOR_MODEL_PATH,
OPENAI_BASE_URL (one URL, or several separated by commas), OPENAI_API_KEY,
EXTRACTOR_CACHE_DIR, EXTRACTOR_NO_CACHE=1, EXTRACTOR_THREADS, EXTRACTOR_STRATEGY,
EXTRACTOR_ENDPOINT_COOLDOWN (seconds), EXTRACTOR_ADAPTER (a GGUF LoRA for the embedded model),
EXTRACTOR_PAY_YEAR (hours, days, weeks, months of pay per year: "hours=2000,days=250").

Every ``Settings`` is checked when it is made (by ``resolve_settings``, by hand or by
``replace``): a value of the wrong kind or out of range is a ConfigError that names
the flag, the environment variable and the setting, and says what is allowed.
Spellings are normalised on the way in ("2024-01-01" -> a date, "4" -> 4).
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal, get_args

from extractor.annual import PayYear
from extractor.backends import BACKEND_NAMES, EMBEDDED
from extractor.errors import ConfigError

Strategy = Literal["auto", "guided", "full", "rules", "draft"]
Grounding = Literal["drop", "warn"]

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


def default_cache_dir() -> Path:
    """The platform's user cache dir (XDG_CACHE_HOME on Linux) / extractor."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("extractor", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Everything that changes what a run does. Immutable; derive with ``replace``
    or ``with_overrides``.

    Raises:
        ConfigError: a value of the wrong kind or out of range (see ``_CHECKS``).
    """

    backend: str = EMBEDDED  # a name in extractor.backends.BACKENDS
    model: str | None = None  # embedded: a GGUF path or package name; openai: model id
    adapter: str | None = None  # embedded: a GGUF LoRA over the model (extract-finetune)
    base_url: str | None = None  # openai: one URL or several, comma-separated
    api_key: str | None = field(default=None, repr=False)  # never printed, never cached
    # auto = guided on embedded (draft with an adapter), full on remote models
    strategy: Strategy = "auto"
    # what relative dates ("3 days ago") count from; None: the date each document states
    # (a JSON field, a sidecar), else its file's modification day when reference_from_mtime,
    # else today (the run's day)
    reference_date: dt.date | None = None
    reference_from_mtime: bool = False
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
    pay_year: PayYear = PayYear()  # units per year for annual pay (extractor.annual)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            checked = _check(f.name, value)
            if checked is not value:  # a normalised spelling; frozen, so set it directly
                object.__setattr__(self, f.name, checked)
        if self.adapter and self.backend != EMBEDDED:
            raise ConfigError(f"{_label('adapter')}: an adapter applies to the embedded "
                              f"model only, not to backend {self.backend!r}; leave it out "
                              "or use --backend embedded")

    def today(self) -> dt.date:
        return self.reference_date or dt.date.today()

    def resolved_cache_dir(self) -> Path:
        return self.cache_dir or default_cache_dir()

    def resolved_strategy(self) -> Strategy:
        if self.strategy != "auto":
            return self.strategy
        if self.backend != EMBEDDED:
            return "full"
        return "draft" if self.adapter else "guided"

    def runs_local_model(self) -> bool:
        """Whether inputs go through the in-process embedded model (not rules only)."""
        return self.backend == EMBEDDED and self.resolved_strategy() != "rules"

    def with_default_threads(self, threads: int) -> Settings:
        """These settings with ``threads`` model threads, unless the embedded backend's
        thread count was set (other backends have no threads to set)."""
        if self.backend != EMBEDDED or self.n_threads is not None:
            return self
        return replace(self, n_threads=threads)

    def with_overrides(self, **overrides: Any) -> Settings:
        """These settings with ``overrides`` on top (None means "not given"), checked
        and normalised as ``resolve_settings`` does ("2024-01-01" becomes a date).

        Raises:
            ConfigError: an unknown setting name (the message lists the known ones) or a
                bad value.
        """
        _check_names(overrides)
        return replace(self, **_given(overrides))

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


# --- checks: one per field; a value comes in as given, or as text from a flag or env ---

def _choice(options: tuple[str, ...]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        token = value.strip().lower() if isinstance(value, str) else value
        if token not in options:
            raise ValueError(f"{value!r} is not one of {', '.join(options)}")
        return token

    return check


def _text(value: Any) -> str | None:
    """Text or None; the message never repeats the value (it may be an API key)."""
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"expected text (a str), got {type(value).__name__}")


def _folder(value: Any) -> Path | None:
    if value is None:
        return None
    if isinstance(value, (str, os.PathLike)):
        return Path(value).expanduser()
    raise ValueError(f"expected a folder path, got {type(value).__name__}")


def _gguf_file(value: Any) -> str | None:
    """The path of an existing GGUF file (it starts with the GGUF magic bytes); "none"
    (the bare model, no adapter) is None."""
    if value is None or (isinstance(value, str) and value.strip().lower() == NO_ADAPTER):
        return None
    if not isinstance(value, (str, os.PathLike)):
        raise ValueError(f"expected a .gguf file path, got {type(value).__name__}")
    path = Path(value).expanduser()
    if path.suffix.lower() != ".gguf":
        raise ValueError(f"{path} is not a .gguf file; convert a trained adapter with "
                         "python -m extractor.finetune.convert RUN_DIR -o ADAPTER.gguf")
    if not path.is_file():
        raise ValueError(f"{path} not found")
    with path.open("rb") as handle:
        if handle.read(4) != b"GGUF":
            raise ValueError(f"{path} is not a GGUF file (it does not start with 'GGUF')")
    return str(path)


def _date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, str):
        raise ValueError(f"expected a date, got {type(value).__name__}; use YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"{exc}; use YYYY-MM-DD") from None


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _pay_year(value: Any) -> PayYear:
    """A PayYear, its text form ("hours=2000,days=250") or a dict of counts; None: defaults."""
    if value is None:
        return PayYear()
    if isinstance(value, PayYear):
        return value
    if isinstance(value, str):
        return PayYear.parse(value)
    if isinstance(value, dict):
        return PayYear.parse(",".join(f"{unit}={count}" for unit, count in value.items()))
    raise ValueError(f"expected text such as 'hours=2000,days=250', got {type(value).__name__}")


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    token = value.strip().lower() if isinstance(value, str) else None
    if token in _TRUE or token in _FALSE:
        return token in _TRUE
    raise ValueError(f"{value!r} is not true or false ({', '.join(_TRUE + _FALSE)})")


def _number(value: Any, kind: type) -> int | float | None:
    """``value`` as an int (kind int) or a finite float, or None when it is not one."""
    if isinstance(value, str):
        try:
            value = kind(value.strip())
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if kind is int:
        return value if isinstance(value, int) else None
    return float(value) if math.isfinite(value) else None


@dataclass(frozen=True)
class _Range:
    """A number check: kind (int or float), bounds, and how to say what is allowed."""

    kind: type
    low: float | None = None
    high: float | None = None
    above: bool = False  # the low bound itself is not allowed
    unit: str = ""
    unset_ok: bool = False  # None is allowed

    def __call__(self, value: Any) -> int | float | None:
        if value is None and self.unset_ok:
            return None
        number = _number(value, self.kind)
        if number is None or not self._inside(number):
            raise ValueError(f"got {value!r}; use {self.allowed()}")
        return number

    def _inside(self, number: float) -> bool:
        if self.low is not None and (number <= self.low if self.above else number < self.low):
            return False
        return self.high is None or number <= self.high

    def allowed(self) -> str:
        what = "a whole number" if self.kind is int else "a number"
        if self.high is not None:
            what += f" from {self.low:g} to {self.high:g}"
        elif self.low is not None:
            what += f" {'above' if self.above else 'of at least'} {self.low:g}"
        return what + (f" ({self.unit})" if self.unit else "")


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "backend": _choice(BACKEND_NAMES),
    "model": _text,
    "adapter": _gguf_file,
    "base_url": _text,
    "api_key": _text,
    "strategy": _choice(get_args(Strategy)),
    "reference_date": _date,
    "reference_from_mtime": _flag,
    "cache_dir": _folder,
    "use_cache": _flag,
    "grounding": _choice(get_args(Grounding)),
    "temperature": _Range(float, 0, 2),
    "seed": _Range(int),
    "max_tokens": _Range(int, 1, unit="tokens per model call"),
    "max_input_chars": _Range(int, 1, unit="characters"),
    "validation_retries": _Range(int, 0),
    "transport_retries": _Range(int, 0),
    "retry_max_wait": _Range(float, 0, unit="seconds"),
    "timeout": _Range(float, 0, above=True, unit="seconds"),
    "endpoint_cooldown_s": _Range(float, 0, unit="seconds"),
    "n_threads": _Range(int, 1, unit="unset: all cores", unset_ok=True),
    "n_ctx": _Range(int, 1, unit="tokens"),
    "pay_year": _pay_year,
}

_ENV = {
    "backend": "EXTRACTOR_BACKEND",
    "model": "EXTRACTOR_MODEL",
    "adapter": "EXTRACTOR_ADAPTER",
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "strategy": "EXTRACTOR_STRATEGY",
    "cache_dir": "EXTRACTOR_CACHE_DIR",
    "n_threads": "EXTRACTOR_THREADS",
    "endpoint_cooldown_s": "EXTRACTOR_ENDPOINT_COOLDOWN",
    "pay_year": "EXTRACTOR_PAY_YEAR",
}
_NO_CACHE_ENV = "EXTRACTOR_NO_CACHE"
_FLAGS = {  # the CLI flag that sets each field (extractor/cli.py), for error messages
    "backend": "--backend", "model": "--model", "adapter": "--adapter", "base_url": "--base-url",
    "strategy": "--strategy", "reference_date": "--reference-date",
    "reference_from_mtime": "--reference-date-from-mtime", "cache_dir": "--cache-dir",
    "use_cache": "--no-cache", "grounding": "--grounding", "max_tokens": "--max-tokens",
    "timeout": "--timeout", "transport_retries": "--retries",
    "retry_max_wait": "--retry-max-wait", "pay_year": "--pay-year",
}


def _label(name: str) -> str:
    """Every way a person sets ``name``: "--timeout / timeout", "EXTRACTOR_THREADS / n_threads"."""
    env = _NO_CACHE_ENV if name == "use_cache" else _ENV.get(name)
    return " / ".join(part for part in (_FLAGS.get(name), env, name) if part)


def _check(name: str, value: Any) -> Any:
    check = _CHECKS.get(name)
    if check is None:
        raise TypeError(f"Settings.{name} has no check: add one to extractor.settings._CHECKS")
    try:
        return check(value)
    except ValueError as exc:
        # the setting and the bare reason travel along, so the CLI can say them in flags
        raise ConfigError(f"{_label(name)}: {exc}", setting=name, reason=str(exc)) from None


def _check_names(names: Iterable[str]) -> None:
    known = [f.name for f in fields(Settings)]
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ConfigError(f"unknown settings: {', '.join(unknown)}; known: {', '.join(known)}")


def _given(values: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if value is not None}


def _from_env(env: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, var in _ENV.items():
        if env.get(var):
            values[name] = env[var]
    if env.get("EXTRACTOR_MODEL_PATH") and "model" not in values:
        values["model"] = env["EXTRACTOR_MODEL_PATH"]
    if env.get(_NO_CACHE_ENV, "").strip():
        values["use_cache"] = not _check("use_cache", env[_NO_CACHE_ENV])
    return values


# The adapter the project trains and ships (extractor/adapters/, its model card beside it):
# applied by default when a run is the embedded default (shipped base model, strategy
# auto or draft) and no adapter is named; --adapter none asks for the bare model.
SHIPPED_ADAPTER = Path(__file__).resolve().parent / "adapters" / "draft-v2.gguf"
NO_ADAPTER = "none"


def default_adapter(values: dict[str, Any]) -> str | None:
    """The shipped adapter for a run with these settings values, or None: not on another
    backend or model (it was trained for the shipped GGUF), not for strategies other than
    auto and draft (guided and full questions were measured on the bare model)."""
    if values.get("backend", EMBEDDED) != EMBEDDED or values.get("model"):
        return None
    if values.get("strategy", "auto") not in ("auto", "draft"):
        return None
    return str(SHIPPED_ADAPTER) if SHIPPED_ADAPTER.is_file() else None


def resolve_settings(env: dict[str, str] | None = None, **explicit: Any) -> Settings:
    """Build Settings: explicit arguments (None means "not given"), then env, then defaults.

    Raises:
        ConfigError: an unknown setting name, or a value of the wrong kind or out of range
            (the message names the flag, environment variable and setting, and what is
            allowed).
    """
    _check_names(explicit)
    values = _from_env(dict(os.environ) if env is None else env)
    values.update(_given(explicit))
    if values.get("adapter") is None:
        values["adapter"] = default_adapter(values)
    return Settings(**values)


def environment_variables() -> dict[str, str]:
    """Each environment variable ``resolve_settings`` reads -> the setting it fills
    (``extract --help`` lists them)."""
    variables = {var: name for name, var in _ENV.items()}
    variables["EXTRACTOR_MODEL_PATH"] = "model"  # read when EXTRACTOR_MODEL is unset
    variables[_NO_CACHE_ENV] = "use_cache"
    return variables


__all__ = ["Settings", "default_cache_dir", "environment_variables", "replace",
           "resolve_settings"]
