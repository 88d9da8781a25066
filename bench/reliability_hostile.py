"""The hostile scenarios of bench/reliability.py: wrong data, doubled lines, planted code.

Each scenario runs the real ``extract`` CLI in a subprocess, like the others, and is
judged twice from what it left behind: ``exactly_once`` (the output's sources) and
``correct`` (the scenario's own check: the right title, an untouched input, no
marker file written by a planted pickle, no key in any byte the run wrote...). A
check reads files and exit codes only; it never trusts what the scenario meant to do.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import clean_env

ROOT = Path(__file__).resolve().parents[1]
RULES = ["--strategy", "rules", "--no-cache"]
CACHED_RULES = ["--strategy", "rules"]  # the cache on, as a user runs it
KEY = "token-abc-bench-0123456789SECRET"  # a key that does not start with "sk-"
TITLE_PAGE = ("Data Platform Engineer\nOrbital Freight\nBerlin, Germany\n\n"
              "We build the data platform behind our freight network.\n"
              "Requirements: Python, SQL, Airflow.\n")


@dataclass
class Run:
    """What one command left: exit code, wall time, stderr, and the output's lines."""

    code: int
    wall_s: float
    stderr: bytes
    lines: list[dict[str, Any]] = field(default_factory=list)
    bad_lines: int = 0


def env_for(tmp: Path, **extra: str) -> dict[str, str]:
    return clean_env(XDG_CACHE_HOME=str(tmp / "xdg"), EXTRACTOR_CACHE_DIR=str(tmp / "cache"),
                     PYTHONPATH=str(ROOT), **extra)


def cli(args: list[str], tmp: Path, out: Path | None, *, stdin: bytes | None = None,
        env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    cmd = [sys.executable, "-m", "extractor.cli", *args, "--quiet"]
    cmd += ["-o", str(out)] if out is not None else []
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=tmp, env=env or env_for(tmp), input=stdin,
                          capture_output=True, timeout=timeout)
    run = Run(done.returncode, time.perf_counter() - started, done.stderr)
    data = out.read_bytes() if out is not None and out.exists() else done.stdout
    for raw in data.splitlines():
        try:
            run.lines.append(json.loads(raw))
        except ValueError:
            run.bad_lines += 1
    return run


def record(run: Run, index: int = 0) -> dict[str, Any]:
    lines = run.lines
    return (lines[index].get("record") or {}) if len(lines) > index else {}


def result(name: str, description: str, run: Run, expected: list[str], correct: bool,
           check: str, **notes: Any) -> dict[str, Any]:
    sources = [str(line.get("source")) for line in run.lines]
    errors: dict[str, int] = {}
    for line in run.lines:
        if line.get("error"):
            kind = str(line["error"].get("type"))
            errors[kind] = errors.get(kind, 0) + 1
    return {"group": "hostile", "name": name, "description": description,
            "inputs": len(run.lines), "expected_inputs": len(expected),
            "ok": sum(1 for line in run.lines if line.get("record") and not line.get("error")),
            "failed": sum(errors.values()), "errors": errors,
            "exactly_once": run.bad_lines == 0 and sorted(sources) == sorted(expected),
            "correct": bool(correct), "check": check, "exit_code": run.code,
            "wall_s": round(run.wall_s, 2),
            "traceback": _last_line(run.stderr) if b"Traceback" in run.stderr else None, **notes}


def _last_line(stderr: bytes) -> str:
    return stderr.decode("utf-8", errors="replace").strip().splitlines()[-1]


# --- the cache ---------------------------------------------------------------------------

def shared_description(tmp: Path) -> dict[str, Any]:
    body = "We are hiring across teams. Python and SQL. Apply today."
    rows = [{"job_title": "Backend Engineer", "companyName": "Quill Labs", "description": body},
            {"job_title": "Payroll Specialist", "companyName": "Harbor Foods",
             "description": body}]
    feed = tmp / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    run = cli([str(feed), *CACHED_RULES], tmp, tmp / "out.jsonl")
    titles = [record(run, i).get("title") for i in range(2)]
    companies = [record(run, i).get("company") for i in range(2)]
    return result("cache_shared_description", "two JSONL rows share a description, differ in "
                  "title and company; the cache is on", run, [f"{feed}#1", f"{feed}#2"],
                  titles == ["Backend Engineer", "Payroll Specialist"]
                  and companies == ["Quill Labs", "Harbor Foods"],
                  "each row keeps its own title and company", titles=titles)


def _fill_cache(tmp: Path, count: int = 3) -> tuple[list[str], Path]:
    folder = tmp / "in"
    folder.mkdir(exist_ok=True)
    names = []
    for n in range(count):
        (folder / f"p{n}.txt").write_text(TITLE_PAGE.replace("Engineer", f"Engineer {n}"))
        names.append(f"p{n}.txt")
    first = cli([str(folder), *CACHED_RULES], tmp, tmp / "first.jsonl")
    assert first.code == 0, first.stderr[-500:]
    return names, folder


def _cache_files(tmp: Path) -> list[Path]:
    return sorted(p for p in (tmp / "cache").rglob("*") if p.is_file())


def _garble_sqlite(path: Path) -> int:
    """Overwrite every stored value in every table of one sqlite file; rows touched."""
    touched = 0
    with sqlite3.connect(path) as db:
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            columns = [row[1] for row in db.execute(f"PRAGMA table_info('{table}')")]
            for column in columns:
                if column in ("value", "payload", "data"):
                    touched += db.execute(
                        f"UPDATE '{table}' SET '{column}' = ?", (b"\x00garbled{not json",)
                    ).rowcount
    return touched


def damaged_cache(tmp: Path) -> dict[str, Any]:
    names, folder = _fill_cache(tmp)
    touched = sum(_garble_sqlite(p) for p in _cache_files(tmp) if p.suffix == ".db")
    garbled = cli([str(folder), *CACHED_RULES], tmp, tmp / "garbled.jsonl")
    for path in _cache_files(tmp):
        if path.suffix == ".db":
            path.write_bytes(path.read_bytes()[:100])  # a truncated sqlite file
    truncated = cli([str(folder), *CACHED_RULES], tmp, tmp / "truncated.jsonl")
    good = all(record(run, i).get("title") == f"Data Platform Engineer {i}"
               for run in (garbled, truncated) for i in range(len(names)))
    return result("damaged_cache", "every stored value garbled, then the sqlite file cut to "
                  "100 bytes; rerun after each", truncated, names,
                  good and garbled.code == 0 and truncated.code == 0
                  and not (garbled.stderr + truncated.stderr).count(b"Traceback"),
                  "both reruns exit 0 with the right records, no traceback",
                  rows_garbled=touched)


class _Planted:
    """A pickle that, if ever loaded, writes the marker file."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path(self.marker).write_text, ("pickle ran",))


def planted_pickle(tmp: Path) -> dict[str, Any]:
    names, folder = _fill_cache(tmp)
    marker = tmp / "PWNED"
    payload = pickle.dumps(_Planted(str(marker)))
    planted = 0
    for path in _cache_files(tmp):
        if path.suffix != ".db":
            continue
        with sqlite3.connect(path) as db:
            tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master "
                                               "WHERE type='table'")]
            if "Cache" in tables:  # diskcache's table: mode 4 means "unpickle the value"
                planted += db.execute("UPDATE Cache SET mode = 4, value = ?",
                                      (payload,)).rowcount
        (path.parent / "planted.val").write_bytes(payload)  # a value file too
    run = cli([str(folder), *CACHED_RULES], tmp, tmp / "out.jsonl")
    good = all(record(run, i).get("title") == f"Data Platform Engineer {i}"
               for i in range(len(names)))
    return result("planted_pickle", "every cache row replaced by a pickle that writes a "
                  "marker file when loaded", run, names,
                  not marker.exists() and good and run.code == 0,
                  "no marker file; the right records", rows_planted=planted,
                  marker_written=marker.exists())


# --- outputs ------------------------------------------------------------------------------

def output_is_input(tmp: Path) -> dict[str, Any]:
    posting = tmp / "a.txt"
    posting.write_text(TITLE_PAGE)
    before = posting.read_bytes()
    run = cli([str(posting), *RULES], tmp, posting)
    run.lines, run.bad_lines = [], 0  # the "output" is the input: no lines to count
    return result("output_is_input", "extract a.txt -o a.txt", run, [],
                  run.code == 2 and posting.read_bytes() == before,
                  "exit 2 and a.txt unchanged")


def two_writers(tmp: Path, count: int = 2000) -> dict[str, Any]:
    feed = tmp / "feed.jsonl"
    feed.write_text("".join(json.dumps({"description": TITLE_PAGE + f"Ref {n}."}) + "\n"
                            for n in range(count)))
    out = tmp / "out.jsonl"
    cmd = [sys.executable, "-m", "extractor.cli", str(feed), "-o", str(out), *RULES,
           "--resume", "--quiet"]
    started = time.perf_counter()
    procs = [subprocess.Popen(cmd, cwd=tmp, env=env_for(tmp), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE) for _ in range(2)]
    codes = [p.wait(timeout=300) for p in procs]
    stderr = b"".join(p.stderr.read() for p in procs if p.stderr)
    run = Run(max(codes), time.perf_counter() - started, stderr)
    run = _read_into(run, out)
    return result("two_writers", f"two `extract --resume` on one output at once ({count} "
                  "inputs)", run, [f"{feed}#{n}" for n in range(1, count + 1)],
                  sorted(codes) == [0, 2], "one writer runs, the other exits 2",
                  exit_codes=codes)


def _read_into(run: Run, out: Path) -> Run:
    for raw in (out.read_bytes() if out.exists() else b"").splitlines():
        try:
            run.lines.append(json.loads(raw))
        except ValueError:
            run.bad_lines += 1
    return run


# --- what the text says -----------------------------------------------------------------

HIDDEN = """<html><body>
<h1 style="color:#fff;background-color:#fff">HACKED</h1>
<h1>Warehouse Shift Lead</h1>
<p>Harbor Foods - Leeds, United Kingdom</p>
<p style="display:none">Salary: $9,999,999 per year</p>
<p>Lead a team of twelve on the night shift. Forklift licence required.</p>
</body></html>"""


def hidden_text(tmp: Path) -> dict[str, Any]:
    page = tmp / "page.html"
    page.write_text(HIDDEN)
    run = cli([str(page), *RULES], tmp, tmp / "out.jsonl")
    rec = record(run)
    return result("hidden_text", "white-on-white <h1>HACKED</h1> and a display:none salary",
                  run, [str(page)], rec.get("title") == "Warehouse Shift Lead"
                  and not rec.get("salary"), "the visible title; no salary",
                  title=rec.get("title"))


def stdin_non_utf8(tmp: Path) -> dict[str, Any]:
    data = "Ingénieur logiciel\nSociété Lumière\nLyon, France\n\nPython, SQL.\n"
    run = cli(["-", *RULES], tmp, tmp / "out.jsonl", stdin=data.encode("cp1252"))
    title = record(run).get("title")
    return result("stdin_non_utf8", "a cp1252 posting piped to `extract -`", run, ["<stdin>"],
                  title == "Ingénieur logiciel" and run.code == 0,
                  "one line with the decoded title", title=title)


def deep_html(tmp: Path, depth: int = 200_000) -> dict[str, Any]:
    page = tmp / "deep.html"
    page.write_text("<html><body><h1>Night Nurse</h1><p>St Olave Clinic, Leeds</p>"
                    + "<div>" * depth + "deep text" + "</div>" * depth + "</body></html>")
    run = cli([str(page), *RULES], tmp, tmp / "out.jsonl", timeout=300)
    warned = bool(run.lines and run.lines[0].get("warnings"))
    return result("deep_html", f"{depth:,} nested <div>s in one page", run, [str(page)],
                  record(run).get("title") == "Night Nurse" and warned,
                  "the title, and a warning that the nesting was cut",
                  note=f"{run.wall_s:.1f} s for {page.stat().st_size / 1e6:.1f} MB")


def bad_page_field(tmp: Path) -> dict[str, Any]:
    ld = {"@context": "https://schema.org", "@type": "JobPosting", "title": "Lagerist",
          "employmentType": "Vollzeit, unbefristet",
          "hiringOrganization": {"@type": "Organization", "name": "Brenner Logistik"}}
    page = tmp / "page.html"
    page.write_text(f'<html><head><script type="application/ld+json">{json.dumps(ld)}'
                    "</script></head><body><h1>Lagerist</h1><p>Brenner Logistik, Hamburg</p>"
                    "<p>Vollzeit, unbefristet. Staplerschein erforderlich.</p></body></html>")
    run = cli([str(page), *RULES], tmp, tmp / "out.jsonl")
    rec = record(run)
    return result("bad_page_field", "JSON-LD employmentType in free German text", run,
                  [str(page)], rec.get("title") == "Lagerist" and not run.lines[0].get("error"),
                  "a record (the field dropped or mapped), not invalid_output",
                  employment_types=rec.get("employment_types"))


def api_envelope(tmp: Path) -> dict[str, Any]:
    job = {"data": {"job": {"id": 77, "title": "Site Reliability Engineer",
                            "company": {"name": "Quill Labs"},
                            "descriptionHtml": "<p>Keep our platform up. Go, Kubernetes, "
                                               "Terraform.</p><p>Remote within Canada.</p>"}}}
    path = tmp / "job.json"
    path.write_text(json.dumps(job))
    run = cli([str(path), *RULES], tmp, tmp / "out.jsonl")
    rec = record(run)
    return result("api_envelope", 'a job object under {"data": {"job": {...}}}', run,
                  [str(path)], rec.get("title") == "Site Reliability Engineer"
                  and rec.get("company") == "Quill Labs", "title and company found",
                  title=rec.get("title"))


# --- the model server ----------------------------------------------------------------------

def key_not_sk(tmp: Path, base_url: str) -> dict[str, Any]:
    posting = tmp / "p.txt"
    posting.write_text(TITLE_PAGE + "Reference FAULT:echo401.\n")
    env = env_for(tmp, OPENAI_API_KEY=KEY)
    out, errors, summary = tmp / "out.jsonl", tmp / "errors.jsonl", tmp / "summary.json"
    run = cli([str(posting), "--backend", "openai", "--model", "m", "--base-url",
               base_url + "?api-key=" + KEY, "--strategy", "full", "--no-cache",
               "--retries", "1", "--timeout", "2", "--errors", str(errors),
               "--summary-json", str(summary)], tmp, out, env=env)
    written = b"".join(p.read_bytes() for p in (out, errors, summary) if p.exists())
    leaked = KEY.encode() in written + run.stderr
    return result("key_not_sk", "a 401 echoing a key that does not start with sk-, and the "
                  "key in the --base-url query", run, [str(posting)], not leaked,
                  "the key in no output, errors, summary or stderr byte", key_leaked=leaked)


def sigterm_with_concurrency(tmp: Path, base_url: str) -> dict[str, Any]:
    folder = tmp / "stalled"
    folder.mkdir()
    for n in range(8):
        (folder / f"p{n}.txt").write_text(TITLE_PAGE + "Reference FAULT:stall.\n")
    out = tmp / "out.jsonl"
    cmd = [sys.executable, "-m", "extractor.cli", str(folder), "-o", str(out), "--backend",
           "openai", "--model", "m", "--base-url", base_url, "--strategy", "full",
           "--no-cache", "--concurrency", "4", "--timeout", "30", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=tmp, env=env_for(tmp, OPENAI_API_KEY="sk-x"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(3)  # started, requests in flight and stalled
    sent = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = proc.wait()
    exit_s = time.perf_counter() - sent
    run = _read_into(Run(code, exit_s, proc.stderr.read() if proc.stderr else b""), out)
    sources = [str(line.get("source")) for line in run.lines]
    written = sources if set(sources) <= {f"p{n}.txt" for n in range(8)} else []
    return result("sigterm_concurrency", "SIGTERM while 4 requests stall (--timeout 30)", run,
                  written, code == 130 and exit_s < 5 and run.bad_lines == 0,
                  "exit 130 within 5 s, every line written complete",
                  exit_after_signal_s=round(exit_s, 2))


def fifo_output(tmp: Path, count: int = 250) -> dict[str, Any]:
    feed = tmp / "feed.jsonl"
    feed.write_text("".join(json.dumps({"description": TITLE_PAGE + f"Ref {n}."}) + "\n"
                            for n in range(count)))
    fifo = tmp / "out.fifo"
    os.mkfifo(fifo)
    cmd = [sys.executable, "-m", "extractor.cli", str(feed), "-o", str(fifo), *RULES, "--quiet"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=tmp, env=env_for(tmp), stderr=subprocess.PIPE)
    with fifo.open("rb") as reader:  # opens once the writer does
        data = reader.read()
    code = proc.wait(timeout=120)
    run = Run(code, time.perf_counter() - started, proc.stderr.read() if proc.stderr else b"")
    for raw in data.splitlines():
        try:
            run.lines.append(json.loads(raw))
        except ValueError:
            run.bad_lines += 1
    return result("fifo_output", f"-o a FIFO read by another process ({count} inputs)", run,
                  [f"{feed}#{n}" for n in range(1, count + 1)], code == 0,
                  "every line arrives, exit 0")


def summary_into_missing_folder(tmp: Path) -> dict[str, Any]:
    posting = tmp / "a.txt"
    posting.write_text(TITLE_PAGE)
    out = tmp / "out.jsonl"
    run = cli([str(posting), *RULES, "--summary-json", str(tmp / "missing" / "s.json")], tmp,
              out)
    return result("summary_missing_folder", "--summary-json into a folder that does not exist",
                  run, [], run.code == 2 and not out.exists(),
                  "exit 2 before any work; no output file")


def bad_flags(tmp: Path) -> dict[str, Any]:
    posting = tmp / "a.txt"
    posting.write_text(TITLE_PAGE)
    flags = [["--timeout", "0"], ["--max-tokens", "-5"], ["--retry-max-wait", "-1"],
             ["--reference-date", "2024-13-01"], ["--strategy", "nope"]]
    runs = [cli([str(posting), *RULES, *flag], tmp, None) for flag in flags]
    named = all(run.code == 2 and flag[0].encode() in run.stderr and not run.lines
                for run, flag in zip(runs, flags, strict=True))
    return result("bad_flags", "--timeout 0, --max-tokens -5, --retry-max-wait -1, "
                  "--reference-date 2024-13-01, --strategy nope", runs[0], [], named,
                  "each exits 2 with a message naming its flag",
                  exit_codes=[run.code for run in runs])


def nul_and_nfd(tmp: Path) -> dict[str, Any]:
    import unicodedata

    folder = tmp / "in"
    folder.mkdir()
    (folder / "nul.txt").write_bytes(TITLE_PAGE.encode() + b"\x00 stray NUL byte\n")
    nfd = unicodedata.normalize("NFD", "Ingénieur logiciel\nSociété Lumière\nZürich, "
                                "Switzerland\n\nPython, SQL.\n")
    (folder / "nfd.txt").write_text(nfd)
    run = cli([str(folder), *RULES], tmp, tmp / "out.jsonl")
    by_source = {line.get("source"): line.get("record") or {} for line in run.lines}
    nul_ok = by_source.get("nul.txt", {}).get("title") == "Data Platform Engineer"
    nfd_ok = by_source.get("nfd.txt", {}).get("title") == "Ingénieur logiciel"
    return result("nul_and_nfd", "a UTF-8 posting with one NUL byte; a posting in NFD", run,
                  ["nfd.txt", "nul.txt"], nul_ok and nfd_ok,
                  "both read: the title found in each (NFC)")


def same_relative_names(tmp: Path) -> dict[str, Any]:
    for folder in ("a", "b"):
        (tmp / folder).mkdir()
        (tmp / folder / "p.txt").write_text(TITLE_PAGE.replace("Engineer", f"Engineer {folder}"))
    out = tmp / "out.jsonl"
    first = cli(["a", "b", *RULES, "--resume"], tmp, out)
    again = cli(["a", "b", *RULES, "--resume"], tmp, out)
    sources = [str(line.get("source")) for line in again.lines]
    return result("same_relative_names", "two input folders each holding p.txt, run then "
                  "resumed", again, sources, len(set(sources)) == 2 and len(sources) == 2,
                  "two distinct sources, both kept across a resume", sources=sources,
                  first_exit=first.code)


def slow_and_huge_bodies(tmp: Path, base_url: str) -> dict[str, Any]:
    folder = tmp / "in"
    folder.mkdir()
    for name, marker in (("slow.txt", "slowbody"), ("huge.txt", "hugebody"),
                         ("nan.txt", "429nanx1"), ("neg.txt", "429negx1")):
        (folder / name).write_text(TITLE_PAGE + f"Reference FAULT:{marker}.\n")
    run = cli([str(folder), "--backend", "openai", "--model", "m", "--base-url", base_url,
               "--strategy", "full", "--no-cache", "--retries", "1", "--timeout", "3",
               "--retry-max-wait", "0.1"], tmp, tmp / "out.jsonl",
              env=env_for(tmp, OPENAI_API_KEY="sk-x"), timeout=120)
    by_source = {line.get("source"): line for line in run.lines}
    failed = {name: (by_source.get(name, {}).get("error") or {}).get("type")
              for name in ("slow.txt", "huge.txt", "nan.txt", "neg.txt")}
    good = (failed["slow.txt"] is not None and failed["huge.txt"] is not None
            and failed["nan.txt"] is None and failed["neg.txt"] is None and run.wall_s < 60)
    return result("slow_huge_odd_retry", "a body sent a byte at a time past --timeout 3, a "
                  "50 MB body, Retry-After nan and -5", run,
                  ["huge.txt", "nan.txt", "neg.txt", "slow.txt"], good,
                  "the slow and huge answers are error lines within the deadline; the odd "
                  "Retry-After values are retried and succeed", errors_by_source=failed)


Scenario = Callable[[Path], dict[str, Any]]
LOCAL: list[Scenario] = [shared_description, damaged_cache, planted_pickle, output_is_input,
                         two_writers, hidden_text, stdin_non_utf8, deep_html, bad_page_field,
                         api_envelope, fifo_output, summary_into_missing_folder, bad_flags,
                         nul_and_nfd, same_relative_names]
SERVED: list[Callable[[Path, str], dict[str, Any]]] = [key_not_sk, sigterm_with_concurrency,
                                                       slow_and_huge_bodies]


def hostile_rows(tmp: Path, served_url: Callable[[], Any]) -> list[dict[str, Any]]:
    """Every hostile scenario, each in its own folder; ``served_url`` opens a fault server."""
    rows = []
    for scenario in LOCAL:
        folder = tmp / scenario.__name__
        folder.mkdir()
        rows.append(_guarded(scenario.__name__, lambda s=scenario, f=folder: s(f)))
    for served in SERVED:
        folder = tmp / served.__name__
        folder.mkdir()
        with served_url() as server:
            rows.append(_guarded(served.__name__,
                                 lambda s=served, f=folder, u=server.base_url: s(f, u)))
    return rows


def _guarded(name: str, run: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A scenario whose harness itself failed is a failed row, not a lost report."""
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - reported in the row
        return {"group": "hostile", "name": name, "description": "the scenario failed to run",
                "inputs": 0, "expected_inputs": 0, "ok": 0, "failed": 0, "errors": {},
                "exactly_once": False, "correct": False, "check": f"{type(exc).__name__}: "
                f"{exc}"[:300], "exit_code": None, "wall_s": 0.0, "traceback": None}


if __name__ == "__main__":  # quick look: python -m bench.reliability_hostile
    import tempfile

    from support.fault_server import FaultHTTPServer

    with tempfile.TemporaryDirectory() as name:
        for row in hostile_rows(Path(name), lambda: FaultHTTPServer(stall_s=60.0)):
            print(json.dumps({k: row[k] for k in ("name", "exactly_once", "correct",
                                                  "exit_code", "wall_s")}), os.linesep, end="")
