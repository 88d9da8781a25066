"""A hostile or damaged cache folder: never a wrong record, never planted code, never a crash.

Every test drives the real ``extract`` command (rules only, so no model) against the
cache folder that conftest points EXTRACTOR_CACHE_DIR at, after damaging it the way
a full disk, a crash, a careless edit or an attacker would.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import diskcache
import pytest

from extractor.cache import ENTRY_TAG, _seal
from extractor.cli import EXIT_OK, main

POSTING = "Senior Data Engineer\nAcme Corp\nRemote (US)\nSalary: $120,000 - $150,000 a year\n"
OTHER = "Junior Web Developer\nGlobex Inc\nBerlin, Germany\nSalary: €50,000 a year\n"
BODY = ("About the role\nYou will build data pipelines in Python and SQL.\n"
        "Requirements\n- 3+ years of experience with Python\nBenefits\n- Health insurance\n")


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return Path(os.environ["EXTRACTOR_CACHE_DIR"])


@pytest.fixture
def postings(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(POSTING)
    (folder / "b.txt").write_text(OTHER)
    return folder


def extract(args: list[str], capsys) -> tuple[int, list[dict]]:
    code = main([*args, "--strategy", "rules"])
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines()]


def titles(lines: list[dict]) -> list[str]:
    return [line["record"]["title"] for line in lines]


def cache_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "extractor.cache" and r.levelno == logging.WARNING]


def warm(postings: Path, capsys) -> list[dict]:
    code, lines = extract([str(postings)], capsys)
    assert code == EXIT_OK and titles(lines) == ["Senior Data Engineer", "Junior Web Developer"]
    return lines


def rows(cache_dir: Path) -> list[tuple]:
    with sqlite3.connect(cache_dir / "cache.db") as con:
        return con.execute("SELECT rowid, key, value FROM Cache ORDER BY rowid").fetchall()


def update_rows(cache_dir: Path, sql: str, params: list[tuple]) -> None:
    con = sqlite3.connect(cache_dir / "cache.db")
    with con:
        con.executemany(sql, params)
    con.close()


def test_jsonl_rows_sharing_a_description_keep_their_own_title_and_company(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(row) + "\n" for row in (
        {"job_title": "Data Engineer", "companyName": "Acme Corp", "description": BODY},
        {"job_title": "Payroll Specialist", "companyName": "Globex Inc", "description": BODY})))
    for _ in range(2):  # a cold run, then a warm one: each row keeps its own entry
        code, lines = extract([str(feed)], capsys)
        assert code == EXIT_OK
        got = [(line["record"]["title"], line["record"]["company"]) for line in lines]
        # legal forms are dropped (the labelling rules), each row keeps its own
        assert got == [("Data Engineer", "Acme"), ("Payroll Specialist", "Globex")]
    assert [line["cached"] for line in lines] == [True, True]


class PlantedCode:
    """Unpickling this creates ``marker``: proof that a cached value ran as code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


@pytest.mark.parametrize("min_file_size", [2**15, 0], ids=["pickle-in-row", "pickle-in-file"])
def test_a_planted_pickle_never_runs_and_is_a_miss(postings, cache_dir, tmp_path, capsys,
                                                   caplog, min_file_size):
    warm(postings, capsys)
    marker = tmp_path / "planted-code-ran"
    planted = diskcache.Cache(str(cache_dir), disk_min_file_size=min_file_size)
    for key in list(planted):  # a real diskcache row, as diskcache itself writes pickles
        planted.set(key, PlantedCode(marker))
    planted.close()
    code, lines = extract([str(postings)], capsys)
    assert not marker.exists()
    assert code == EXIT_OK and titles(lines) == ["Senior Data Engineer", "Junior Web Developer"]
    assert not any(line["cached"] for line in lines)
    assert len(cache_warnings(caplog)) == 1


def test_a_garbled_value_is_a_miss_and_the_record_is_still_right(postings, cache_dir, capsys,
                                                                  caplog):
    warm(postings, capsys)
    update_rows(cache_dir, "UPDATE Cache SET value = ? WHERE rowid = ?",
                [(b"\x80\x04\x95garbage\xff" * 3, rowid) for rowid, _, _ in rows(cache_dir)])
    code, lines = extract([str(postings)], capsys)
    assert code == EXIT_OK and titles(lines) == ["Senior Data Engineer", "Junior Web Developer"]
    assert not any(line["cached"] for line in lines)
    [warning] = cache_warnings(caplog)  # once per run, not once per entry
    assert "altered entries" in warning


def test_an_edited_value_is_a_miss_not_a_wrong_record(postings, cache_dir, capsys):
    warm(postings, capsys)
    edits = [(value.replace(b"Senior Data", b"HACKED Data"), rowid)
             for rowid, _, value in rows(cache_dir) if b"Senior Data" in value]
    assert edits, "the stored value should hold the title"
    update_rows(cache_dir, "UPDATE Cache SET value = ? WHERE rowid = ?", edits)
    code, lines = extract([str(postings)], capsys)
    assert titles(lines) == ["Senior Data Engineer", "Junior Web Developer"]
    assert not lines[0]["cached"] and lines[1]["cached"]


def test_a_value_copied_from_another_input_is_a_miss(postings, cache_dir, capsys):
    warm(postings, capsys)
    (first, _, value_a), (second, _, value_b) = rows(cache_dir)
    update_rows(cache_dir, "UPDATE Cache SET value = ? WHERE rowid = ?",
                [(value_b, first), (value_a, second)])
    code, lines = extract([str(postings)], capsys)
    assert titles(lines) == ["Senior Data Engineer", "Junior Web Developer"]
    assert not any(line["cached"] for line in lines)


def test_an_entry_that_is_not_a_result_is_a_miss(postings, cache_dir, capsys, caplog):
    from extractor.cache import ResultCache

    warm(postings, capsys)
    cache = ResultCache(cache_dir)  # sealed with the cache's own secret, so it passes
    for _, key, _ in rows(cache_dir):
        cache.set(key, {"record": {"title": ["not", "a", "title"]}})
    cache.close()
    code, lines = extract([str(postings)], capsys)
    assert code == EXIT_OK and titles(lines) == ["Senior Data Engineer", "Junior Web Developer"]
    assert len(cache_warnings(caplog)) == 1


@pytest.mark.parametrize("keep", [100, 0.5], ids=["header-only", "half"])
@pytest.mark.parametrize("resume", [False, True], ids=["run", "resume"])
def test_a_truncated_cache_database_is_bypassed_with_one_warning(
        postings, cache_dir, tmp_path, capsys, caplog, keep, resume):
    for name in "cdef":  # enough rows that half the file cuts through them
        (postings / f"{name}.txt").write_text(POSTING.replace("Senior", f"Senior {name}"))
    extract([str(postings)], capsys)
    db = cache_dir / "cache.db"
    size = db.stat().st_size
    with db.open("r+b") as f:
        f.truncate(keep if isinstance(keep, int) else int(size * keep))
    out = tmp_path / "out.jsonl"
    args = [str(postings), "-o", str(out), *(["--resume"] if resume else [])]
    if resume:  # an earlier run that stopped after one line
        first = extract([str(postings / "a.txt"), "--no-cache"], capsys)[1][0]
        out.write_text(json.dumps({**first, "source": "a.txt"}) + "\n")
    caplog.clear()
    code, _ = extract(args, capsys)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert code == EXIT_OK
    assert [line["source"] for line in lines] == [f"{n}.txt" for n in "abcdef"]
    assert all(line["record"]["title"].startswith(("Senior", "Junior")) for line in lines)
    assert len(cache_warnings(caplog)) == 1


def test_a_cache_path_that_is_a_file_is_bypassed(postings, cache_dir, capsys, caplog):
    cache_dir.parent.mkdir(parents=True, exist_ok=True)
    cache_dir.write_text("not a folder")
    code, lines = extract([str(postings)], capsys)
    assert code == EXIT_OK and titles(lines) == ["Senior Data Engineer", "Junior Web Developer"]
    [warning] = cache_warnings(caplog)
    assert "cannot be opened" in warning and str(cache_dir) in warning


def read_only_is_enforced(folder: Path) -> bool:
    """False where this user writes into read-only folders anyway (root, as a rule)."""
    probe = folder / "read-only-probe"
    probe.mkdir()
    probe.chmod(0o555)
    try:
        (probe / "x").touch()
    except PermissionError:
        return True
    finally:
        probe.chmod(0o755)
    return False


def test_a_read_only_cache_folder_still_completes_the_run(postings, cache_dir, tmp_path, capsys,
                                                          caplog):
    if not read_only_is_enforced(tmp_path):
        pytest.skip("this user writes into read-only folders anyway (root)")
    warm(postings, capsys)
    (postings / "c.txt").write_text(POSTING.replace("Senior", "Staff"))
    for path in [*cache_dir.iterdir(), cache_dir]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        code, lines = extract([str(postings)], capsys)
    finally:
        for path in [cache_dir, *cache_dir.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert code == EXIT_OK
    assert titles(lines) == ["Senior Data Engineer", "Junior Web Developer", "Staff Data Engineer"]
    assert 1 <= len(cache_warnings(caplog)) <= 2  # cannot be opened, or written


# The child warms up first (lazy loaders such as language detection unpack files), then
# lets every file grow to LIMIT bytes only: past it a write fails as on a full disk.
FULL_DISK_CHILD = """
import resource, signal, sys
from extractor.cli import main
main([sys.argv[1], "--strategy", "rules", "--no-cache", "--quiet", "-o", sys.argv[2]])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main([sys.argv[4], "--strategy", "rules"]))
"""


@pytest.mark.parametrize("limit_kib", [64, 256], ids=["full-at-open", "full-mid-run"])
def test_a_full_disk_under_the_cache_still_completes_the_run(tmp_path, cache_dir, limit_kib):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(40):  # each entry adds tens of KiB of journal: 256 KiB fill up
        (folder / f"p{number:02}.txt").write_text(POSTING.replace("Senior", f"Senior {number}"))
    warmup = tmp_path / "warmup.txt"
    warmup.write_text(POSTING + "Python, SQL, Kafka and Spark every day.\n" * 40)
    cmd = [sys.executable, "-c", FULL_DISK_CHILD, str(warmup), str(tmp_path / "warmup.jsonl"),
           str(limit_kib * 1024), str(folder)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parents[1])
    assert done.returncode == EXIT_OK, done.stderr
    assert "Traceback" not in done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["record"]["title"] for line in lines] == [
        f"Senior {number} Data Engineer" for number in range(40)]
    assert done.stderr.count("the result cache in") == 1, done.stderr


def test_foreign_settings_in_the_cache_database_are_never_applied(postings, cache_dir, capsys,
                                                                   caplog):
    warm(postings, capsys)
    # diskcache copies each Settings row onto its objects: this one would replace its
    # serialiser with a string (and a cleverer one could redirect its folder).
    update_rows(cache_dir, "INSERT INTO Settings VALUES (?, ?)", [("_disk", "planted")])
    code, lines = extract([str(postings)], capsys)
    assert code == EXIT_OK and titles(lines) == ["Senior Data Engineer", "Junior Web Developer"]
    [warning] = cache_warnings(caplog)
    assert "_disk" in warning


def test_a_planted_row_cannot_delete_files_outside_the_cache(postings, cache_dir, tmp_path,
                                                             capsys):
    warm(postings, capsys)
    victim = tmp_path / "precious" / "thesis.txt"
    victim.parent.mkdir()
    victim.write_text("years of work")
    # expired, so diskcache's eviction deletes "its" value file on the next write
    update_rows(cache_dir, "INSERT INTO Cache (key, raw, store_time, expire_time, access_time,"
                " mode, filename, value) VALUES (?, 1, 0, 1, 0, 2, ?, NULL)",
                [("planted", str(victim))])
    (postings / "c.txt").write_text(POSTING.replace("Senior", "Staff"))  # a miss: one write
    code, lines = extract([str(postings)], capsys)
    assert code == EXIT_OK and lines[2]["record"]["title"] == "Staff Data Engineer"
    assert victim.read_text() == "years of work"


MAC_END = len(ENTRY_TAG) + hashlib.sha256().digest_size


def _payload(stored: bytes) -> bytes:
    """The JSON of a stored entry, read by its format: the entry tag, the HMAC-SHA256 (32
    random-looking bytes that may hold any byte, "{" too), then the JSON payload."""
    assert stored.startswith(ENTRY_TAG)
    return stored[MAC_END:]


def test_an_entry_reads_back_by_its_format_when_its_mac_holds_a_brace():
    value = {"record": {"title": "Senior Data Engineer"}}
    sealed = next(entry for n in range(1000)  # about one secret in eight gives one
                  if b"{" in (entry := _seal(n.to_bytes(4, "big"), "k", value))[:MAC_END])
    assert json.loads(_payload(sealed)) == value


def test_cached_values_are_json_bytes_never_pickles(postings, cache_dir, capsys):
    warm(postings, capsys)
    with sqlite3.connect(cache_dir / "cache.db") as con:
        stored = con.execute("SELECT mode, filename, value FROM Cache").fetchall()
    assert stored and all(mode == diskcache.core.MODE_RAW and name is None
                          for mode, name, _ in stored)
    for *_, value in stored:
        assert json.loads(_payload(value))["record"]["title"] in {"Senior Data Engineer",
                                                                  "Junior Web Developer"}
        with pytest.raises(pickle.UnpicklingError):
            pickle.loads(value)
    assert (cache_dir / "entries.key").stat().st_mode & 0o077 == 0  # the MAC secret is private
