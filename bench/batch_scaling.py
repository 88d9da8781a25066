"""Batch runner scaling: throughput against a server with a fixed delay, memory over a big folder.

    python -m bench.batch_scaling [--delay 1.0] [--concurrency 1 4 8 16] [--n 128]
                                  [--files 2000 10000 100000] [--out bench/batch_scaling.json]

1. A local OpenAI-compatible server (support/fault_server.py, 127.0.0.1) answers every
   request after ``--delay`` seconds. ``extract --strategy full --concurrency C`` should
   reach C/D postings per second once running; the steady-state rate comes from runs
   over ``--n``/2 and ``--n`` postings, so process start-up (imports) cancels out.
2. Peak memory (max RSS of the ``extract`` process) over folders of ``--files`` tiny
   postings with ``--strategy rules --no-cache``: flat means streaming.

The figures are printed as Markdown and written as JSON (with the machine) to ``--out``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import BENCH, ROOT, machine, machine_line, write_json
from support.fault_server import FaultHTTPServer

POSTING = "Data Engineer {n}\nAcme Corp\nRemote (US)\nSalary: $120,000 - $150,000 a year\n"


def write_folder(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"p{n:06d}.txt").write_text(POSTING.format(n=n), encoding="utf-8")
    return folder


# Runs ``extract`` as its own child and prints that child's peak RSS (KiB), so each
# measurement is of one run only.
_PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], "
         "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN)"
         ".ru_maxrss)")


def run_extract(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS in KiB of one ``extract`` run."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, sys.executable, "-m", "extractor.cli",
                           *args, "--quiet"], cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - started, int(done.stdout.strip() or 0)


def throughput(delay: float, levels: list[int], n: int, tmp: Path) -> list[dict[str, float]]:
    """Per level: the whole command's rate over ``n`` postings, and the steady-state rate
    from the difference between ``n`` and ``n/2`` postings (process start-up cancels)."""
    folders = {count: write_folder(tmp / f"remote-{count}", count) for count in (n // 2, n)}
    rows = []
    with FaultHTTPServer(delay_s=delay) as server:
        for level in levels:
            walls = {}
            for count, folder in folders.items():
                walls[count] = run_extract([
                    str(folder), "-o", str(tmp / "remote.jsonl"), "--no-cache", "--backend",
                    "openai", "--model", "fault", "--base-url", server.base_url,
                    "--strategy", "full",
                    "--concurrency", str(level), "--timeout", "30"])[0]
            steady = (n - n // 2) / max(walls[n] - walls[n // 2], 1e-9)
            rows.append({"concurrency": level, "postings_per_s": n / walls[n],
                         "steady_per_s": steady, "ideal_per_s": level / delay,
                         "ratio": steady / (level / delay)})
    return rows


def memory(sizes: list[int], tmp: Path) -> list[dict[str, float]]:
    rows = []
    for count in sizes:
        folder = write_folder(tmp / f"mem-{count}", count)
        wall, rss = run_extract([str(folder), "-o", str(tmp / f"mem-{count}.jsonl"),
                                 "--strategy", "rules", "--no-cache"])
        rows.append({"files": count, "wall_s": wall, "peak_rss_mib": rss / 1024,
                     "per_s": count / wall})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 8, 16])
    parser.add_argument("--n", type=int, default=128)
    parser.add_argument("--files", type=int, nargs="*", default=[2_000, 10_000, 100_000],
                        help="folder sizes for the memory part (none skips it)")
    parser.add_argument("--out", default=str(BENCH / "batch_scaling.json"))
    args = parser.parse_args()
    results = {"machine": machine(), "delay_s": args.delay, "n": args.n}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        results["throughput"] = throughput(args.delay, args.concurrency, args.n, tmp)
        results["memory"] = memory(args.files, tmp)
        print("| concurrency C | whole command, postings/s | steady state, postings/s | C/D "
              "| steady / (C/D) |\n|---|---|---|---|---|")
        for row in results["throughput"]:
            print(f"| {row['concurrency']} | {row['postings_per_s']:.1f} | "
                  f"{row['steady_per_s']:.1f} | {row['ideal_per_s']:.1f} | {row['ratio']:.2f} |")
        print(f"\n(D = {args.delay} s server delay, {args.n} postings per run)\n")
        print("| files | wall s | postings/s | peak RSS MiB |\n|---|---|---|---|")
        for row in results["memory"]:
            print(f"| {row['files']} | {row['wall_s']:.1f} | {row['per_s']:.0f} | "
                  f"{row['peak_rss_mib']:.0f} |")
    print(f"\n{machine_line()}\nwrote {write_json(args.out, results)}")


if __name__ == "__main__":
    main()
