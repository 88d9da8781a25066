"""Posting folders for batch tests and benchmarks, and reading an output back."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

POSTING = ("Senior Data Engineer {n}\nAcme Corp\nRemote (US)\n"
           "Salary: $120,000 - $150,000 a year\n{extra}\n")


def make_postings(folder: Path, count: int, extra: dict[int, str] | None = None) -> list[str]:
    """Write ``count`` postings p000.txt...; ``extra[i]`` is appended to posting i."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for n in range(count):
        name = f"p{n:03d}.txt"
        (folder / name).write_text(POSTING.format(n=n, extra=(extra or {}).get(n, "")))
        names.append(name)
    return names


def read_lines(path: Path) -> list[dict]:
    """Every line of a JSONL output, each checked to be complete, valid JSON."""
    data = path.read_bytes()
    assert data == b"" or data.endswith(b"\n"), "torn last line"
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def assert_each_once(lines: list[dict], expected: list[str]) -> None:
    """Every expected source exactly once, in input order."""
    sources = [line["source"] for line in lines]
    duplicates = [s for s, n in Counter(sources).items() if n > 1]
    assert not duplicates, f"written twice: {duplicates[:5]}"
    assert sources == expected
