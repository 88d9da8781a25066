"""Draw docs/img/review.png: the review page of the synthetic fixtures (rules, no model),
one posting selected, in headless Chromium at 1400x900.

    python docs/review_screenshot.py [--source 34-relative-yesterday-visa-sponsor.txt]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from extractor import extract_batch
from extractor.review import write_review
from support.chromium import Chromium

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "evals" / "fixtures" / "synthetic"
OUT = ROOT / "docs" / "img" / "review.png"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python docs/review_screenshot.py")
    parser.add_argument("--source", default="34-relative-yesterday-visa-sponsor.txt")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    paths = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md", ".html"))
    results = extract_batch([p.read_bytes() for p in paths], sources=[p.name for p in paths],
                            strategy="rules", use_cache=False,
                            reference_date=dt.date(2025, 3, 1))
    with tempfile.TemporaryDirectory() as tmp, Chromium(window=(1400, 900)) as browser:
        page_path = Path(tmp) / "review.html"
        write_review(results, page_path)
        page = browser.open(page_path.as_uri())
        page.wait_for("document.documentElement.dataset.ready === '1'")
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        # filter to the posting, then clear the filter: the page keeps it selected
        page.evaluate(f"""(() => {{ const box = document.getElementById('f-source');
            for (const value of [{args.source!r}, '']) {{
              box.value = value; box.dispatchEvent(new Event('input')); }} }})()""")
        page.screenshot(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
