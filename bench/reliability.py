"""Reliability report: the real ``extract`` CLI against a misbehaving server and bad input.

    python -m bench.reliability [--out bench/reliability.json]

Each scenario builds its inputs in a temp folder, runs ``python -m extractor.cli`` as a
subprocess and reads the output file back; every count comes from that file, never from
what the scenario expected. ``exactly_once``: every line parses as a JSON object and
the output's sources are the expected sources, each exactly once (nothing lost,
duplicated or invented).

- fault: a few postings against support/fault_server.py on 127.0.0.1 (markers such as
  FAULT:429x2 in the text), ``--backend openai --strategy full --no-cache`` with a
  0.5 s timeout and 2 fast retries, as tests/test_batch_faults.py runs them; each row
  also counts the requests the server saw (``server_requests``: the retries happened).
- bad_input: ``--strategy rules --no-cache`` (no model) over broken files and names,
  plus a run SIGKILLed mid-way and finished with ``--resume``.
- hostile: wrong data, doubled lines, planted code and leaked keys (bench/reliability_hostile.py);
  each row also says whether the scenario's own check (``correct``) held.

Prints a Markdown table and writes JSON (with the machine) to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import BENCH, ROOT, clean_env, machine, machine_line, write_json
from bench.reliability_hostile import hostile_rows
from support.fault_server import FaultHTTPServer
from support.postings import POSTING, make_postings

SECRET = "sk-bench-SECRET-0123456789abcdefXYZ"
RULES = ["--strategy", "rules", "--no-cache"]
FAST = ["--timeout", "0.5", "--retries", "2", "--retry-max-wait", "0.01", "--concurrency", "4"]


@dataclass
class Case:
    """One scenario: what to run ``extract`` on and which sources its output must hold."""

    group: str
    name: str
    description: str
    inputs: list[str]
    expected: list[str]
    flags: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    quiet: bool = True
    notes: dict[str, Any] = field(default_factory=dict)


# --- running and reading back ----------------------------------------------------------

def command(case: Case, out: Path, tmp: Path) -> tuple[list[str], dict[str, str]]:
    cmd = [sys.executable, "-m", "extractor.cli", *case.inputs, "-o", str(out), *case.flags,
           *(["--quiet"] if case.quiet else [])]
    env = clean_env(XDG_CACHE_HOME=str(tmp / "xdg"), EXTRACTOR_CACHE_DIR=str(tmp / "cache"),
                    PYTHONPATH=str(ROOT), **case.env)
    return cmd, env


def read_output(out: Path) -> tuple[list[dict[str, Any]], int]:
    """The lines that parse as JSON objects, and how many did not (a torn tail included)."""
    data = out.read_bytes() if out.exists() else b""
    raws = data.split(b"\n")
    lines, bad = [], int(raws[-1] != b"")
    for raw in raws[:-1]:
        try:
            line = json.loads(raw)
        except ValueError:
            line = None
        if isinstance(line, dict):
            lines.append(line)
        else:
            bad += 1
    return lines, bad


def tally(out: Path, expected: list[str]) -> dict[str, Any]:
    """Counts from the output file, and how its sources compare with ``expected``."""
    lines, bad = read_output(out)
    sources, want = Counter(str(line.get("source")) for line in lines), Counter(expected)
    errors = Counter(str((line.get("error") or {}).get("type")) for line in lines
                     if line.get("error"))
    ok = sum(1 for line in lines if line.get("record") is not None and not line.get("error"))
    return {"inputs": len(lines), "ok": ok, "failed": sum(errors.values()),
            "errors": dict(sorted(errors.items())), "exactly_once": not bad and sources == want,
            "expected_inputs": len(expected), "bad_lines": bad,
            "lost": [ascii(s) for s in sorted(want - sources)][:5],
            "duplicated": [ascii(s) for s, n in sorted(sources.items()) if n > 1][:5],
            "unexpected": [ascii(s) for s in sorted(set(sources) - set(want))][:5]}


def crash_line(stderr: bytes) -> str | None:
    """The last stderr line when the CLI died with a traceback (else None)."""
    if b"Traceback" not in stderr:
        return None
    return stderr.decode("utf-8", errors="replace").strip().splitlines()[-1]


def row(case: Case, out: Path, code: int, wall: float, stderr: bytes) -> dict[str, Any]:
    result = {"group": case.group, "name": case.name, "description": case.description,
              **tally(out, case.expected), "exit_code": code, "wall_s": round(wall, 2),
              "traceback": crash_line(stderr), **case.notes}
    if SECRET in case.env.values():
        seen = (out.read_bytes() if out.exists() else b"") + stderr
        result["key_leaked"] = SECRET[3:].encode() in seen  # "sk-" itself may stay
    return result


def measure(case: Case, tmp: Path) -> dict[str, Any]:
    out = tmp / f"{case.name}.jsonl"
    cmd, env = command(case, out, tmp)
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, timeout=120)
    return row(case, out, done.returncode, time.perf_counter() - started, done.stderr)


# --- fault scenarios --------------------------------------------------------------------

FAULTS: list[tuple[str, str, list[str], int]] = [  # name, description, markers, clean postings
    ("429_burst", "two 429s without Retry-After, then an answer", ["429x2"] * 3, 1),
    ("429_retry_after", "two 429s with Retry-After: 0, then an answer", ["429rax2"] * 3, 1),
    ("5xx_bursts", "a 500, a 502, two 503s, then an answer", ["500x1", "502x1", "503x2"], 1),
    ("stall_once", "one reply stalls 1 s past the 0.5 s timeout, then an answer",
     ["stallx1"] * 2, 1),
    ("stall_always", "every reply stalls past the timeout", ["stall"] * 2, 1),
    ("dropped_connection", "the connection closes without a response (once; always)",
     ["dropx1", "dropx1", "drop"], 1),
    ("invalid_json_arguments", "tool-call arguments that are not JSON (once; always)",
     ["badjsonx1", "badjson"], 1),
    ("validation_failure", "JSON with a value outside the schema's enum, always",
     ["invalid"] * 2, 1),
    ("truncated_output", "reply cut off at max_tokens (finish_reason length), always",
     ["truncate"] * 2, 1),
    ("always_failing_server", "every request fails: 500, 502, 503 or 429, never an answer",
     ["500", "502", "503", "429"], 0),
    ("401_echoes_key", "401 whose message echoes the bearer key (summary on stderr too)",
     ["echo401"] * 2, 1),
]


def fault_case(tmp: Path, spec: tuple[str, str, list[str], int], base_url: str) -> Case:
    name, description, markers, clean = spec
    extra = {n: f"Reference FAULT:{marker} ({name})." for n, marker in enumerate(markers)}
    names = make_postings(tmp / name, len(markers) + clean, extra)
    case = Case("fault", name, description, [str(tmp / name)], names,
                ["--backend", "openai", "--model", "fault", "--base-url", base_url,
                 "--strategy", "full",
                 "--no-cache", *FAST])
    if "echo401" in markers:
        case.env, case.quiet = {"OPENAI_API_KEY": SECRET}, False
    return case


def fault_rows(tmp: Path) -> list[dict[str, Any]]:
    rows = []
    for spec in FAULTS:
        with FaultHTTPServer(stall_s=1.0) as server:
            rows.append(measure(fault_case(tmp, spec, server.base_url), tmp))
            rows[-1]["server_requests"] = sum(server.attempts.values())
    return rows


# --- bad-input scenarios ----------------------------------------------------------------

def posting(n: int) -> str:
    return POSTING.format(n=n, extra="")


def files(folder: Path, contents: dict[str, bytes]) -> list[str]:
    """Write ``contents`` (relative name -> bytes) under ``folder``; the sorted names."""
    for name, data in contents.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return sorted(contents)


def bad_case(tmp: Path, name: str, description: str, expected: list[str]) -> Case:
    return Case("bad_input", name, description, [str(tmp / name)], expected, RULES)


def empty_binary_large(tmp: Path) -> list[Case]:
    cases = []
    for name, description, data in [
        ("empty_file", "a 0-byte .txt", b""),
        ("binary_file", "PNG bytes saved as .txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        ("invalid_utf8", "UTF-8 text with stray \\xff\\xfe\\xfa bytes",
         posting(1).encode() + b"\xff\xfe\xfa trailing"),
    ]:
        cases.append(bad_case(tmp, name, description, files(tmp / name, {"a.txt": data})))
    files(tmp / "file_50mb", {"good.txt": posting(2).encode()})
    with (tmp / "file_50mb" / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the loader must refuse it by size
    return [*cases, bad_case(tmp, "file_50mb", "a 50 MB .txt (sparse) next to a good one",
                             ["good.txt", "huge.txt"])]


def encodings(tmp: Path) -> Case:
    text = "Ingénieur données senior\nSociété Générale\nParis, France\nSalaire : 60 000 EUR\n"
    names = files(tmp / "legacy_encodings", {
        "cp1251.txt": "Инженер данных\nООО Ромашка\nМосква\n".encode("cp1251"),
        "latin1.txt": text.encode("latin-1"), "cp1252.txt": text.encode("cp1252")})
    return bad_case(tmp, "legacy_encodings", "cp1251, latin-1 and cp1252 files", names)


def json_shapes(tmp: Path) -> list[Case]:
    deep = files(tmp / "deep_json", {"array.json": b"[" * 100_000 + b"]" * 100_000,
                                     "object.json": b'{"a":' * 100_000 + b"1" + b"}" * 100_000})
    (tmp / "json_array_10k").mkdir()
    rows = [{"description": posting(n)} for n in range(10_000)]
    (tmp / "json_array_10k" / "all.json").write_text(json.dumps(rows))
    return [bad_case(tmp, "deep_json", "arrays and objects nested 100,000 deep", deep),
            bad_case(tmp, "json_array_10k", "one .json holding an array of 10,000 postings",
                     [f"all.json#{n}" for n in range(1, 10_001)])]


def links_and_permissions(tmp: Path) -> list[Case]:
    loop = tmp / "symlink_loop"
    files(loop, {"sub/good.txt": posting(3).encode()})
    (loop / "sub" / "loop").symlink_to(loop, target_is_directory=True)
    (loop / "self.txt").symlink_to(loop / "self.txt")
    locked = tmp / "unreadable_file"
    names = files(locked, {"good.txt": posting(4).encode(), "secret.txt": posting(5).encode()})
    (locked / "secret.txt").chmod(0)
    case = bad_case(tmp, "unreadable_file", "a chmod 000 file next to a good one", names)
    if os.geteuid() == 0:
        case.notes["note"] = "ran as root: chmod 000 does not stop root, the file was read"
    return [bad_case(tmp, "symlink_loop", "a folder link to its parent and a self-link file",
                     ["self.txt", "sub/good.txt"]), case]


def odd_names(tmp: Path) -> list[Case]:
    names = ["a b.txt", "crème brûlée.txt", "line\nbreak.txt", "q?[x]*.txt", "日本.txt",
             "-dash.txt", "back\\slash.txt", "UPPER.TXT", "x" * 251 + ".txt"]
    contents = {name: posting(n).encode() for n, name in enumerate(names)}
    folder = tmp / "non_utf8_name"
    folder.mkdir()
    for raw in (b"a.txt", b"caf\xe9.txt", b"z.txt"):  # a Latin-1 name on a UTF-8 system
        (folder / os.fsdecode(raw)).write_text(posting(6))
    return [bad_case(tmp, "odd_file_names", "spaces, accents, a newline, glob characters, "
                     "CJK, a leading dash, a backslash, upper case, 255 bytes",
                     files(tmp / "odd_file_names", contents)),
            # the undecodable byte is written as a \xNN escape (extractor.load.path_source)
            bad_case(tmp, "non_utf8_name", "a file name that is not UTF-8 between two good ones",
                     ["a.txt", "caf\\xe9.txt", "z.txt"])]


def resume_after_sigkill(tmp: Path, count: int = 1000, kill_at: int = 150) -> dict[str, Any]:
    """SIGKILL once the output has ``kill_at`` lines, then rerun with --resume."""
    feed = tmp / "feed.jsonl"
    feed.write_text("".join(json.dumps({"description": posting(n)}) + "\n" for n in range(count)))
    case = Case("bad_input", "sigkill_then_resume", f"{count} postings; SIGKILL after "
                f"{kill_at} lines, then the same command with --resume", [feed.name],
                [f"feed.jsonl#{n}" for n in range(1, count + 1)], [*RULES, "--resume"])
    out = tmp / "resume.jsonl"
    cmd, env = command(case, out, tmp)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while proc.poll() is None and time.perf_counter() - started < 60:
        if out.exists() and out.read_bytes().count(b"\n") >= kill_at:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait(timeout=10)
    case.notes = {"killed": proc.returncode == -signal.SIGKILL,
                  "lines_at_kill": out.read_bytes().count(b"\n") if out.exists() else 0}
    done = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, timeout=120)
    return row(case, out, done.returncode, time.perf_counter() - started, done.stderr)


BAD_INPUTS: list[Callable[[Path], Case | list[Case]]] = [
    empty_binary_large, encodings, json_shapes, links_and_permissions, odd_names]


def bad_input_rows(tmp: Path) -> list[dict[str, Any]]:
    cases: list[Case] = []
    for build in BAD_INPUTS:
        built = build(tmp)
        cases.extend(built if isinstance(built, list) else [built])
    return [*(measure(case, tmp) for case in cases), resume_after_sigkill(tmp)]


# --- report -----------------------------------------------------------------------------

def notes(result: dict[str, Any]) -> str:
    parts = [f"{key}: {', '.join(result[key])}" for key in ("lost", "duplicated", "unexpected")
             if result.get(key)]
    if "correct" in result:
        parts.append(f"check {'held' if result['correct'] else '**failed**'}: {result['check']}")
    parts += [f"{key}={result[key]}" for key in ("server_requests", "key_leaked", "killed",
                                                   "lines_at_kill")
              if key in result]
    parts += [str(result[key]) for key in ("traceback", "note") if result.get(key)]
    return "; ".join(parts).replace("|", "\\|")


def print_table(rows: list[dict[str, Any]]) -> None:
    print("| group | scenario | inputs | ok | failed | error types | exactly once | exit "
          "| wall s | notes |\n|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        errors = ", ".join(f"{k} {v}" for k, v in r["errors"].items()) or "-"
        print(f"| {r['group']} | {r['name']} | {r['inputs']}/{r['expected_inputs']} | {r['ok']} "
              f"| {r['failed']} | {errors} | {'yes' if r['exactly_once'] else '**no**'} "
              f"| {r['exit_code']} | {r['wall_s']:.1f} | {notes(r)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(BENCH / "reliability.json"))
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        (tmp / "fault").mkdir()
        (tmp / "bad").mkdir()
        (tmp / "hostile").mkdir()
        rows = fault_rows(tmp / "fault") + bad_input_rows(tmp / "bad")
        rows += hostile_rows(tmp / "hostile", lambda: FaultHTTPServer(stall_s=60.0))
    results = {"machine": machine(), "command": "python -m bench.reliability",
               "wall_s": round(time.perf_counter() - started, 1), "scenarios": rows}
    print_table(rows)
    correct = [r for r in rows if "correct" in r]
    print(f"\ninputs = output lines / expected sources; total wall {results['wall_s']} s; "
          f"{sum(r['correct'] for r in correct)} of {len(correct)} hostile checks held")
    print(f"{machine_line()}\nwrote {write_json(args.out, results)}")


if __name__ == "__main__":
    main()
