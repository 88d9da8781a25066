"""How long cleaning takes on hostile HTML: deep nesting, huge pages, odd markup.

    python -m bench.hostile_html [--small]

Builds each page in memory, cleans it once with `extractor.clean.clean` and prints its
size, the seconds it took and the warnings it got. `--small` skips the 20 MB pages
(about 15 s of the run on a 2-core machine).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from extractor.clean import clean
from extractor.load import Document

POSTING = "<h1>Line Cook</h1><p>Prepare food on the grill station.</p>"


def nested(depth: int, tag: str = "div") -> str:
    return f"<{tag}>" * depth + POSTING + f"</{tag}>" * depth


PAGES: dict[str, tuple[bool, Callable[[], str]]] = {  # name: (big, build)
    "100,000 nested <div>": (False, lambda: nested(100_000)),
    "200,000 nested <div>": (False, lambda: nested(200_000)),
    "<span> x 100,000 then <div> x 100,000": (
        False, lambda: "<span>" * 100_000 + "<div>x</div>" * 100_000 + POSTING),
    "one tag, 80,000 attributes": (
        False, lambda: "<div " + " ".join(f"a{i}=1" for i in range(80_000)) + ">x</div>"),
    "80,000 distinct attribute names": (
        False, lambda: "".join(f"<b a{i}=1>x</b>" for i in range(80_000))),
    "<select> with 40,000 options": (
        False, lambda: "<div><select>" + "<option>x" * 40_000 + "</select></div>" + POSTING),
    "20 MB: 2,000,000 nested <div>": (True, lambda: nested(2_000_000)),
    "20 MB: 800,000 paragraphs": (True, lambda: POSTING + "<p>Grill steaks daily.</p>" * 800_000),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="skip the 20 MB pages")
    args = parser.parse_args()
    for name, (big, build) in PAGES.items():
        if big and args.small:
            continue
        markup = build()
        start = time.perf_counter()
        cleaned = clean(Document("hostile.html", markup, "html"))
        seconds = time.perf_counter() - start
        print(f"{name:42} {len(markup) / 1e6:6.2f} MB {seconds:7.2f} s  "
              f"{', '.join(cleaned.removed) or '-'}")


if __name__ == "__main__":
    main()
