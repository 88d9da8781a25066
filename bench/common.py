"""Shared helpers for the benchmarks: the machine they ran on, statistics, JSON output.

Nothing here imports llama_cpp (its version is read from the installed metadata), so
a benchmark can describe the machine without paying for, or polluting, that import.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
VENV_BIN = Path(sys.executable).parent
# A fixed reference date: relative dates resolve the same way on every run, and the
# cache key (which includes it) does not change at midnight.
REFERENCE_DATE = dt.date(2025, 3, 1)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "processor\t: a")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _git() -> dict[str, Any]:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=ROOT, capture_output=True, text=True,
                               timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    return {"commit": head or None, "dirty": bool(dirty)}


def machine() -> dict[str, Any]:
    """What the figures were measured on (load average included: the box may be shared)."""
    try:
        affinity = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        affinity = None
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": affinity,
        "ram_gib": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "llama_cpp_python": _version("llama_cpp_python"),
        "instructor": _version("instructor"),
        "pydantic": _version("pydantic"),
        "diskcache": _version("diskcache"),
        "extractor": _version("extractor"),
        "git": _git(),
        "loadavg_1_5_15": load,
        "gpu": None,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def machine_line(info: dict[str, Any] | None = None) -> str:
    m = info or machine()
    return (f"machine: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable), "
            f"{m['ram_gib']} GiB RAM, {m['os']}, Python {m['python']}, "
            f"llama-cpp-python {m['llama_cpp_python']}, load avg {m['loadavg_1_5_15']}")


def percentile(values: Sequence[float], share: float) -> float | None:
    """Linear-interpolated percentile (share in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = share * (len(ordered) - 1)
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def rnd(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def write_json(path: str | Path, data: Any) -> Path:
    """Write ``data`` as indented JSON (parents created); returns the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n",
                   encoding="utf-8")
    return out


def read_json(path: str | Path) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def python_cmd(module: str, *args: str) -> list[str]:
    """The command that runs a bench module (``bench.X``) with this interpreter, for
    subprocess phases; run it with ``cwd=ROOT``."""
    return [sys.executable, "-m", module, *args]


def clean_env(**extra: str) -> dict[str, str]:
    """os.environ without the EXTRACTOR_* / OPENAI_* settings a developer may have set."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("EXTRACTOR_", "OPENAI_"))}
    env.update(extra)
    return env
