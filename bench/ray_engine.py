"""Local engine vs Ray engine on this machine: throughput, start-up, Ray's cost per posting.

    python -m bench.ray_engine [--n 20000] [--server-n 960] [--delay 0.25] [--model-n 24]
                               [--out bench/ray_engine.json]

Every run is a whole ``extract`` command (a fresh process; the Ray runs start their own
local Ray instance). Each configuration runs over ``N/2`` and ``N`` postings (the
difference gives the steady rate and CPU per posting) and over one posting (start-up:
imports and Ray; that posting needs no model, so model loading is not in it).

Workloads:
* ``rules``: tiny postings, no model: the pipeline's own cost, so Ray's overhead per
  posting shows (Ray with one actor against one local process).
* ``server``: a local OpenAI-compatible server (support/fault_server.py) answering after
  ``--delay`` seconds, 8 requests in flight either way.
* ``embedded``: synthetic fixtures with the embedded model (guided), one process with
  both cores against two workers or actors of one thread each.

Printed as Markdown, written as JSON (with the machine) to ``--out``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.batch_scaling import POSTING, write_folder
from bench.common import BENCH, REFERENCE_DATE, ROOT, machine, machine_line, write_json
from support.fault_server import FaultHTTPServer

FIXTURES = ROOT / "evals" / "fixtures" / "synthetic"


def fixture_folder(folder: Path, count: int) -> Path:
    """``count`` synthetic fixtures (cycled, renamed so each is its own input)."""
    folder.mkdir(parents=True, exist_ok=True)
    fixtures = sorted(FIXTURES.glob("*.txt"))
    for n in range(count):
        source = fixtures[n % len(fixtures)]
        (folder / f"{n:04d}-{source.name}").write_bytes(source.read_bytes())
    return folder


def busy_cpu_s() -> float:
    """CPU seconds this machine has spent busy since boot, all processes (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run_once(folder: Path, out: Path, flags: list[str]) -> tuple[float, float]:
    """Wall seconds and machine CPU seconds of one whole ``extract`` command.

    CPU is counted machine-wide, so Ray's own processes (raylet, actors) are in it; the
    machine should be otherwise idle (its load average is recorded with the results).
    """
    out.unlink(missing_ok=True)
    cpu = busy_cpu_s()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor.cli", str(folder), "-o", str(out),
                    "--no-cache", "--quiet", "--reference-date", REFERENCE_DATE.isoformat(),
                    *flags], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, busy_cpu_s() - cpu


def measure(label: str, engine: str, workload: str, folders: dict[int, Path], tmp: Path,
            flags: list[str]) -> dict[str, object]:
    """Steady rate and CPU per posting of one configuration, from runs over two folder
    sizes (the difference cancels start-up), and start-up: a run over one posting."""
    runs = {count: run_once(folder, tmp / "out.jsonl", flags) for count, folder in folders.items()}
    single = tmp / "single"
    if not single.exists():
        single.mkdir()
        (single / "one.txt").write_text(POSTING.format(n=0), encoding="utf-8")
    startup = run_once(single, tmp / "out.jsonl", flags)[0]
    walls = {count: wall for count, (wall, _) in runs.items()}
    small, big = sorted(walls)
    rate = (big - small) / max(walls[big] - walls[small], 1e-9)
    cpu_ms = 1000 * (runs[big][1] - runs[small][1]) / (big - small)
    row = {"config": label, "engine": engine, "workload": workload, "postings": big,
           "wall_s": round(walls[big], 2), "per_s": round(big / walls[big], 3),
           "steady_per_s": round(rate, 3), "startup_s": round(startup, 2),
           "cpu_ms_per_posting": round(cpu_ms, 3),
           "flags": " ".join(flags)}
    print(f"  {label}: {row['steady_per_s']} postings/s steady, {row['cpu_ms_per_posting']} ms "
          f"CPU per posting, start-up {row['startup_s']} s", flush=True)
    return row


def run_all(args: argparse.Namespace, tmp: Path) -> list[dict[str, object]]:
    rows = []
    rules = {n: write_folder(tmp / f"rules-{n}", n) for n in (args.n // 2, args.n)}
    for label, engine, flags in [
        ("local, 1 process", "local", []),
        ("ray, 1 actor", "ray", ["--engine", "ray", "--workers", "1"]),
        ("ray, 2 actors", "ray", ["--engine", "ray", "--workers", "2"]),
    ]:
        rows.append(measure(label, engine, "rules", rules, tmp, ["--strategy", "rules", *flags]))
    server_inputs = {n: write_folder(tmp / f"server-{n}", n)
                     for n in (args.server_n // 2, args.server_n)}
    with FaultHTTPServer(delay_s=args.delay) as server:
        remote = ["--backend", "openai", "--model", "fault", "--base-url", server.base_url,
                  "--strategy", "full",
                  "--timeout", "30"]
        for label, engine, flags in [
            ("local, concurrency 8", "local", ["--concurrency", "8"]),
            ("ray, 2 actors x concurrency 4", "ray",
             ["--engine", "ray", "--workers", "2", "--concurrency", "4"]),
        ]:
            rows.append(measure(label, engine, "server", server_inputs, tmp, [*remote, *flags]))
    model = {n: fixture_folder(tmp / f"model-{n}", n) for n in (args.model_n // 2, args.model_n)}
    for label, engine, flags in [
        ("local, 1 process x 2 threads", "local", []),
        ("local, 2 workers x 1 thread", "local", ["--workers", "2"]),
        ("ray, 2 actors x 1 thread", "ray", ["--engine", "ray", "--workers", "2"]),
    ]:
        rows.append(measure(label, engine, "embedded", model, tmp, ["--strategy", "guided",
                                                                     *flags]))
    return rows


def overhead(rows: list[dict[str, object]]) -> dict[str, float]:
    """Ray's cost per posting on the rules workload (no model): one actor against one
    process, as machine CPU time and as wall time (with one actor the driver loads and
    writes on the other core while the actor works, so wall time can even drop)."""
    rules = {row["config"]: row for row in rows if row["workload"] == "rules"}
    ray, local = rules["ray, 1 actor"], rules["local, 1 process"]
    return {"cpu_ms": round(ray["cpu_ms_per_posting"] - local["cpu_ms_per_posting"], 3),
            "wall_ms": round(1000 * (1 / ray["steady_per_s"] - 1 / local["steady_per_s"]), 3),
            "startup_s": round(ray["startup_s"] - local["startup_s"], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="postings, rules workload")
    parser.add_argument("--server-n", type=int, default=960, help="postings, server workload")
    parser.add_argument("--delay", type=float, default=0.25, help="server delay, seconds")
    parser.add_argument("--model-n", type=int, default=24, help="postings, embedded workload")
    parser.add_argument("--out", default=str(BENCH / "ray_engine.json"))
    args = parser.parse_args()
    results = {"machine": machine(), "delay_s": args.delay,
               "command": " ".join(["python -m bench.ray_engine", *sys.argv[1:]])}
    with tempfile.TemporaryDirectory() as name:
        results["rows"] = run_all(args, Path(name))
    results["ray_overhead_per_posting"] = extra = overhead(results["rows"])
    print("\n| workload | configuration | postings | whole command, postings/s | "
          "steady, postings/s | CPU ms/posting | start-up s |\n|---|---|---|---|---|---|---|")
    for row in results["rows"]:
        print(f"| {row['workload']} | {row['config']} | {row['postings']} | {row['per_s']} | "
              f"{row['steady_per_s']} | {row['cpu_ms_per_posting']} | {row['startup_s']} |")
    print(f"\nRay adds {extra['cpu_ms']} ms CPU and {extra['wall_ms']} ms wall per posting, "
          f"{extra['startup_s']} s start-up (one actor vs one process, rules workload)")
    print(f"\n{machine_line()}\nwrote {write_json(args.out, results)}")


if __name__ == "__main__":
    main()
