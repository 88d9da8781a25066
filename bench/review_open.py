"""How fast a review page of thousands of postings opens in headless Chromium.

    python -m bench.review_open [--postings 5000] [--rounds 3] [--json bench/review_open.json]

1. A few fixture postings go through the rules (no model) with their text; from their
   lines ``--postings`` lines are made, varied: each its own source, one in 23 failed
   (error, no record), one in 7 with a paragraph appended to its text, one in 5 with a
   warning, one in 11 with a dropped value and a field emptied.
2. ``extractor.review.write_review`` writes the page (its size is reported).
3. Headless Chromium (``support.chromium``, DevTools over a pipe) opens the page
   ``--rounds`` times, each in a new tab. ``ready_ms`` is the page's own
   ``performance.mark("review-ready")``: milliseconds from the start of navigation to the
   first posting shown, the list drawn and the filters wired (the page is interactive).
   ``wall_s`` is from asking for the tab to seeing it ready (the bench's polling included).
   An empty page is opened the same way for the browser's own cost. Then, in the last tab:
   the errors-only filter applied, and "j" (next posting), each timed inside the page.

Target: median ``ready_ms`` < 3000 for 5,000 postings.
"""

from __future__ import annotations

import argparse
import copy
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import (
    BENCH,
    REFERENCE_DATE,
    ROOT,
    machine,
    machine_line,
    median,
    rnd,
    write_json,
)
from extractor import extract_batch
from extractor.review import write_review
from support.chromium import Chromium, Page

FIXTURES = ("01-careers-html-jsonld-backend.html", "02-careers-html-no-jsonld-eu-remote.html",
            "05-jobboard-similar-jobs-data-analyst.txt", "08-markdown-pay-per-level.md",
            "11-monthly-eur-berlin-hybrid.txt", "14-inr-lakh-bengaluru-hybrid.txt",
            "19-fr-cdi-paris-bac5.txt", "25-ru-hh-python-middle.txt")
READY = "document.documentElement.dataset.ready === '1'"
TARGET_MS = 3000


def base_lines() -> list[dict[str, Any]]:
    folder = ROOT / "evals" / "fixtures" / "synthetic"
    paths = [folder / name for name in FIXTURES]
    results = extract_batch([p.read_bytes() for p in paths], sources=[p.name for p in paths],
                            strategy="rules", use_cache=False, reference_date=REFERENCE_DATE)
    return [result.to_line(include_text=True) for result in results]


def varied(bases: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """``count`` lines made from ``bases`` (see the module docstring)."""
    lines = []
    for n in range(count):
        line = copy.deepcopy(bases[n % len(bases)])
        line["source"] = f"board-{n // 500:02d}/{n:05d}-{line['source']}"
        if n % 23 == 0:
            line.update(record=None, evidence={},
                        error={"type": "transport_error", "message": "server down"})
        elif n % 11 == 0:
            line["record"]["skills"] = []
            line["evidence"].pop("skills", None)
            line["warnings"].append("salary: dropped {'min': -1.0}: must not be negative")
        if n % 7 == 0:
            line["text"] += f"\n\nReference {n}: apply through the careers page."
        if n % 5 == 0:
            line["warnings"].append("page data employmentType ['PART_TIME'] contradicts the text")
        lines.append(line)
    return lines


def open_timed(browser: Chromium, url: str) -> tuple[Page, float, float]:
    """A new tab at ``url``, once ready: (page, ready_ms from the page, wall seconds)."""
    started = time.perf_counter()
    page = browser.open(url)
    page.wait_for(READY, timeout=120, every=0.005)
    wall = time.perf_counter() - started
    ready = page.evaluate("performance.getEntriesByName('review-ready')[0].startTime")
    return page, float(ready), wall


def in_page_ms(page: Page, action: str) -> float:
    return float(page.evaluate(f"(() => {{ const t = performance.now(); {action}; "
                               "return performance.now() - t; })()"))


def measure(page_path: Path, rounds: int) -> dict[str, Any]:
    empty = page_path.with_name("empty.html")
    empty.write_text("<!DOCTYPE html><title>empty</title><script>performance.mark("
                     "'review-ready'); document.documentElement.dataset.ready = '1'</script>")
    with Chromium() as browser:
        empty_ms = [open_timed(browser, empty.as_uri())[1] for _ in range(rounds)]
        opened = [open_timed(browser, page_path.as_uri()) for _ in range(rounds)]
        page = opened[-1][0]
        elements = page.evaluate("document.getElementsByTagName('*').length")
        filter_ms = in_page_ms(page, "document.getElementById('f-errors').click()")
        shown = page.evaluate("document.getElementById('count').textContent")
        in_page_ms(page, "document.getElementById('f-errors').click()")
        next_ms = in_page_ms(page, "document.dispatchEvent(new KeyboardEvent('keydown', "
                             "{key: 'j', bubbles: true}))")
    ready = [r for _, r, _ in opened]
    return {"ready_ms": [rnd(r, 1) for r in ready], "ready_ms_median": rnd(median(ready), 1),
            "wall_s": [rnd(w) for _, _, w in opened],
            "empty_page_ready_ms_median": rnd(median(empty_ms), 1),
            "dom_elements_after_ready": elements, "errors_only_filter_ms": rnd(filter_ms, 1),
            "errors_only_shows": shown, "next_posting_ms": rnd(next_ms, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.review_open")
    parser.add_argument("--postings", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", default=str(BENCH / "review_open.json"))
    args = parser.parse_args()
    lines = varied(base_lines(), args.postings)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "review.html"
        started = time.perf_counter()
        shown = write_review(lines, page)
        build_s = time.perf_counter() - started
        size = page.stat().st_size
        figures = measure(page, args.rounds)
    met = figures["ready_ms_median"] is not None and figures["ready_ms_median"] < TARGET_MS
    report = {"machine": machine(), "postings": shown, "page_bytes": size,
              "page_mib": rnd(size / 2**20, 1), "build_s": rnd(build_s), **figures,
              "target_ready_ms": TARGET_MS, "target_met": met}
    write_json(args.json, report)
    print(machine_line(report["machine"]))
    print(f"{shown} postings, page {report['page_mib']} MiB, built in {build_s:.2f}s")
    print(f"ready in {figures['ready_ms']} ms (median {figures['ready_ms_median']}; "
          f"empty page {figures['empty_page_ready_ms_median']} ms); target < {TARGET_MS} ms: "
          f"{'met' if met else 'NOT met'}")
    print(f"{figures['dom_elements_after_ready']} elements in the DOM; errors-only filter "
          f"{figures['errors_only_filter_ms']} ms ({figures['errors_only_shows']}), next "
          f"posting {figures['next_posting_ms']} ms")


if __name__ == "__main__":
    main()
