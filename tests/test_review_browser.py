"""The review page in a real browser: headless Chromium (Debian's ``chromium``) opens it
and the tests read what a person would see. Skipped when Chromium is not installed
(``.ci/run`` installs it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor import extract_batch
from extractor.review import write_review
from support.chromium import Chromium, Page, find_chromium

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed"),
    pytest.mark.timeout(60),
]

# A labelled posting: each line below is where the rules find one field.
POSTING = """Senior Firmware Engineer
Acme Robotics
Boston, MA
Full-time
Work model: hybrid
Salary: $120,000 - $150,000 per year
Posted on 2026-10-20

We are looking for an engineer who writes careful embedded code for our robots.

Requirements
- 5+ years of experience with C and Rust
- Bachelor's degree in Electrical Engineering

Benefits
- Health insurance
"""
READY = "document.documentElement.dataset.ready === '1'"
HOSTILE = '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    with Chromium() as chromium:
        yield chromium


def _lines(texts: list[str], sources: list[str]) -> list[dict]:
    results = extract_batch(texts, sources=sources, strategy="rules", use_cache=False,
                            reference_date=dt.date(2026, 11, 1))
    return [result.to_line(include_text=True) for result in results]


def _open(browser: Chromium, lines: list[dict], path: Path) -> Page:
    write_review(lines, path)
    page = browser.open(path.as_uri())
    page.wait_for(READY, timeout=20)
    return page


FAILED = {"source": "broken/scan.pdf", "record": None, "evidence": {}, "warnings": [],
          "error": {"type": "binary_input", "message": "a binary file, not a posting"},
          "text": None}


@pytest.fixture
def page(browser: Chromium, tmp_path: Path) -> Page:
    lines = _lines([POSTING, POSTING.replace("Senior", "Junior")],
                   ["jobs/acme-senior.txt", "jobs/acme-junior.txt"])
    return _open(browser, [lines[0], FAILED, lines[1]], tmp_path / "review.html")


def _marks(page: Page) -> dict[str, list[str]]:
    """Each field's highlighted pieces of text in the shown posting."""
    return page.evaluate("""(() => { const out = {};
        for (const m of document.querySelectorAll('#text mark'))
          for (const f of m.dataset.fields.split(' ')) (out[f] = out[f] || []).push(m.textContent);
        return out; })()""")


def test_every_field_with_evidence_is_highlighted_in_the_text(page: Page) -> None:
    line = _lines([POSTING], ["jobs/acme-senior.txt"])[0]
    spanned = {name for name, spans in line["evidence"].items()
               if any(s["start"] is not None for s in spans)}
    assert {"title", "salary", "locations", "employment_types", "workplace_type",
            "experience_years_min", "education_level", "requirements", "benefits",
            "date_posted"} <= spanned
    marks = _marks(page)
    assert set(marks) == spanned
    assert "".join(marks["title"]) == "Senior Firmware Engineer"
    assert "".join(marks["salary"]).startswith("$120,000 - $150,000")
    assert "5+ years" in "".join(marks["experience_years_min"])


def test_each_field_has_its_own_colour_in_the_legend(page: Page) -> None:
    colours = page.evaluate("Array.from(document.querySelectorAll('#legend .chip'))"
                            ".map(c => [c.textContent, getComputedStyle(c).backgroundColor])")
    names = [name for name, _ in colours]
    assert "title" in names and "salary" in names
    assert len({colour for _, colour in colours}) == len(colours)


def test_the_record_is_shown_beside_the_text(page: Page) -> None:
    rows = page.evaluate("Array.from(document.querySelectorAll('.record tr'))"
                         ".map(r => r.cells[0].textContent + '=' + r.cells[1].textContent)")
    assert "title=Senior Firmware Engineer" in rows
    assert "employment_types=full_time" in rows


def test_errors_only_filter_shows_only_the_failed_line(page: Page) -> None:
    assert page.evaluate("document.getElementById('count').textContent") == "3 of 3 postings"
    page.evaluate("document.getElementById('f-errors').click()")
    assert page.evaluate("document.getElementById('count').textContent") == "1 of 3 postings"
    rows = page.evaluate("Array.from(document.querySelectorAll('.row .src'), r => r.textContent)")
    assert rows == ["broken/scan.pdf"]
    shown = page.evaluate("document.querySelector('#posting .error').textContent")
    assert shown == "binary_input: a binary file, not a posting"


def test_source_and_missing_field_filters(page: Page) -> None:
    page.evaluate("""(() => { const box = document.getElementById('f-source');
        box.value = 'JUNIOR'; box.dispatchEvent(new Event('input')); })()""")
    assert page.evaluate("document.getElementById('posting').dataset.source") == \
        "jobs/acme-junior.txt"
    assert page.evaluate("document.getElementById('count').textContent") == "1 of 3 postings"
    page.evaluate("""(() => { document.getElementById('f-source').value = '';
        const pick = document.getElementById('f-missing');
        pick.value = 'apply_url'; pick.dispatchEvent(new Event('change')); })()""")
    # neither record has an apply_url; the failed line has no record to lack one
    assert page.evaluate("document.getElementById('count').textContent") == "2 of 3 postings"
    page.evaluate("""(() => { const pick = document.getElementById('f-missing');
        pick.value = 'title'; pick.dispatchEvent(new Event('change')); })()""")
    assert page.evaluate("document.getElementById('count').textContent") == "0 of 3 postings"


def test_j_and_k_move_to_the_next_and_previous_posting(page: Page) -> None:
    source = "document.getElementById('posting').dataset.source"
    assert page.evaluate(source) == "jobs/acme-senior.txt"
    page.key("j")
    assert page.evaluate(source) == "broken/scan.pdf"
    page.key("ArrowDown")
    assert page.evaluate(source) == "jobs/acme-junior.txt"
    page.key("k")
    assert page.evaluate(source) == "broken/scan.pdf"


def test_hostile_text_is_shown_and_never_run(browser: Chromium, tmp_path: Path) -> None:
    [line] = _lines([HOSTILE + "\n" + POSTING], [HOSTILE])
    line["warnings"] = [HOSTILE]
    line["record"]["company"] = HOSTILE
    page = _open(browser, [line], tmp_path / "hostile.html")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('#posting img, #posting script').length") == 0
    assert page.evaluate("document.getElementById('text').textContent").startswith(HOSTILE)
    assert page.evaluate("document.querySelector('#posting h2').textContent") == HOSTILE
    shown = page.evaluate(
        "Array.from(document.querySelectorAll('.record li, .record td'), e => e.textContent)")
    assert shown.count(HOSTILE) == 2  # the company and the warning, as text
