"""The eval report page (evals/report.py): right rows, every system, escaped, controls."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from evals.fixtures_io import Case, load_set
from evals.report import build_report, render_html
from evals.report_page import system_marks
from evals.runner import CaseResult, SystemConfig, SystemRun, run_system
from evals.score import score_record
from extractor.settings import resolve_settings

AUSTIN = "01-careers-html-jsonld-backend.html"  # labels: Austin, TX, US


class _Rows(HTMLParser):
    """Every table row as (the row's attributes, the text of each cell)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[dict[str, str | None], list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append((dict(attrs), []))
        elif tag in ("td", "th") and self.rows:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1][1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def table_rows(page: str) -> list[tuple[dict[str, str | None], list[str]]]:
    parser = _Rows()
    parser.feed(page)
    return parser.rows


def field_row(page: str, field: str) -> list[str]:
    """The cells of the one document row for ``field`` (field, expected, then systems)."""
    rows = [cells for _attrs, cells in table_rows(page) if cells and cells[0] == field
            and len(cells) > 1 and "(" not in cells[1]]  # not the F1 (P/R) summary row
    assert len(rows) == 1, rows
    return rows[0]


def rules_run(label: str, files: tuple[str, ...]) -> SystemRun:
    cases = [c for c in load_set("synthetic") if c.case_id in files]
    settings = resolve_settings(strategy="rules", use_cache=False)
    return run_system(SystemConfig(label, "pipeline", settings), cases, progress=False)


@pytest.fixture(scope="module")
def austin_page() -> str:
    return render_html(build_report([rules_run("rules", (AUSTIN,))], ["synthetic"]))


def test_location_rows_show_the_expected_city_and_country(austin_page: str) -> None:
    city = field_row(austin_page, "location_city")
    country = field_row(austin_page, "location_country")
    assert "Austin" in city[1] and "null" not in city[1]
    assert "US" in country[1] and "null" not in country[1]


def test_location_rows_show_the_got_city_and_country_not_the_whole_location(
        austin_page: str) -> None:
    city = field_row(austin_page, "location_city")
    country = field_row(austin_page, "location_country")
    assert "Austin" in city[2] and "raw" not in city[2]
    assert "US" in country[2] and "Austin" not in country[2]


# --- fake systems: a record given by the test, scored as the runner scores it ---------


def fake_result(case: Case, record: dict[str, Any] | None, text: str,
                evidence: dict[str, Any] | None = None) -> CaseResult:
    scored = case.scored_fields()
    scores = {k: v for k, v in score_record(case.labels, record).items() if k in scored}
    return CaseResult(case, record, None, evidence or {}, scores, 0.0, 0, 0, False, text)


def fake_run(label: str, results: list[CaseResult]) -> SystemRun:
    settings = resolve_settings(strategy="rules", use_cache=False)
    return SystemRun(SystemConfig(label, "pipeline", settings), cases=results)


def austin_case() -> Case:
    return next(c for c in load_set("synthetic") if c.case_id == AUSTIN)


AUSTIN_TEXT = "Senior Backend Engineer, Payments\n\nAustin, TX · Hybrid\n\nAbout Lumenfold\n"


def two_systems_page() -> str:
    """fake-right answers the labels; fake-wrong has a title and a city the labels do not."""
    case = austin_case()
    wrong = copy.deepcopy(case.labels)
    wrong["title"] = "About Lumenfold"
    wrong["locations"] = [{"raw": "Dallas", "city": "Dallas", "region": None, "country": "US"}]
    runs = [fake_run("fake-right", [fake_result(case, case.labels, AUSTIN_TEXT)]),
            fake_run("fake-wrong", [fake_result(case, wrong, AUSTIN_TEXT)])]
    return render_html(build_report(runs, ["synthetic"]))


def marks(page: str) -> list[tuple[str, str]]:
    """(class, text) of every mark in the posting texts."""
    return re.findall(r'<mark class="([^"]*)"[^>]*>([^<]*)</mark>', page)


def test_each_system_has_its_own_column_in_a_documents_rows() -> None:
    page = two_systems_page()
    headers = [cells for _a, cells in table_rows(page) if cells[:2] == ["field", "expected"]]
    assert headers == [["field", "expected", "fake-right", "fake-wrong"]]
    assert field_row(page, "location_city")[1:] == ["Austin", "Austin", "\u2260 Dallas"]


def test_a_row_where_a_system_is_wrong_is_marked_a_disagreement() -> None:
    rows = {a["data-field"]: a.get("data-bad") for a, _c in table_rows(two_systems_page())
            if "data-bad" in a}
    assert rows["location_city"] == rows["title"] == "1"
    assert rows["company"] == rows["location_country"] == "0"


def test_posting_text_marks_the_expected_and_each_systems_values() -> None:
    found = marks(two_systems_page())
    # "Senior" is also seniority's value, so the title's mark is cut in two there
    title = [css for css, text in found if text == " Backend Engineer, Payments"]
    assert title and set(title[0].split()) == {"e", "g0"}
    # fake-wrong's title "About Lumenfold", marked wrong ("Lumenfold" is also the company)
    assert ("g1 x1", "About ") in found
    assert not any("x0" in css for css, _t in found)  # fake-right is never wrong


def test_a_value_is_marked_at_its_evidence_span_when_the_span_reads_the_same() -> None:
    case = austin_case()
    text = "Go is listed first. Skills: Go and Rust."
    second = text.rindex("Go")
    doc = {"got": {"skills": ["Go", "Rust"]}, "scores": {"skills": [1, 1, 1]},
           "evidence": {"skills": [{"start": second, "end": second + 2, "text": "Go"},
                                   {"start": 0, "end": 4, "text": "Rust"}]}}  # stale span
    found = system_marks(text, case.labels, doc, "skills", 0, "s")
    got = {(m.start, m.end, m.css) for m in found}
    rust = text.index("Rust")
    assert got == {(second, second + 2, "g0"), (rust, rust + 4, "g0 x0")}


def test_hostile_posting_text_labels_and_records_are_escaped() -> None:
    hostile = "</script><img src=x onerror=alert(1)>"
    case = Case("synthetic", f"{hostile}.txt", Path("unused"), {"title": hostile,
                "company": "<u>Acme</u>"}, None)
    record = {"title": hostile, "company": f"Acme{hostile}"}
    run = fake_run(f"fake{hostile}", [fake_result(case, record, f"{hostile}\nAcme hires.\n")])
    page = render_html(build_report([run], ["synthetic"]))
    assert "<img" not in page
    assert "<u>" not in page
    assert page.count("<script") == 1 and page.count("</script>") == 1
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page


def test_sort_and_filter_controls_are_on_the_page() -> None:
    page = two_systems_page()
    for control in ('<input id=f-field type=search', '<input id=f-doc type=search',
                    '<input id=f-bad type=checkbox', '<select id=f-sys>'):
        assert control in page
    assert page.count("class=sortable") == 4  # systems, fields, documents, each document
    assert "aria-sort" in page and "addEventListener('click'" in page


def test_the_page_loads_nothing_from_elsewhere() -> None:
    page = two_systems_page()
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=|@import|url\(", page)


def test_a_report_made_before_texts_were_carried_still_renders() -> None:
    case = austin_case()
    report = build_report([fake_run("fake", [fake_result(case, case.labels, "")])], ["synthetic"])
    assert report["texts"] == {}
    assert "no posting text in this report" in render_html(report)
    assert field_row(render_html(report), "location_city")[1:] == ["Austin", "Austin"]


# --- in a real browser ---------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(CHROMIUM is None,
                                    reason="chromium is not installed (apt-get install chromium)")


def rendered(page: str, fragment: str, tmp_path: Path) -> str:
    """The DOM after the page's script ran, from headless Chromium."""
    assert CHROMIUM is not None
    path = tmp_path / "eval.html"
    path.write_text(page, encoding="utf-8")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=3000",
               "--dump-dom", path.as_uri() + fragment]
    return subprocess.run(command, capture_output=True, text=True, timeout=120,
                          check=True).stdout


def document_rows(dom: str) -> dict[str, bool]:
    """Each document row's field and whether it is shown."""
    return {a["data-field"] or "": "hidden" not in a for a, _c in table_rows(dom)
            if "data-bad" in a}


@needs_chromium
def test_in_chromium_only_disagreements_shows_just_the_wrong_rows(tmp_path: Path) -> None:
    dom = rendered(two_systems_page(), "#only=1", tmp_path)
    assert 'data-ready="1"' in dom
    shown = {field for field, visible in document_rows(dom).items() if visible}
    assert shown == {"title", "location_city"}
    assert "1 of 1 documents, 2 field rows" in dom


@needs_chromium
def test_in_chromium_the_field_filter_keeps_one_field_and_the_page_survives_hostile_text(
        tmp_path: Path) -> None:
    hostile = "</script><img src=x onerror=alert(1)>"
    case = austin_case()
    run = fake_run("fake", [fake_result(case, case.labels, f"{hostile}\n{AUSTIN_TEXT}")])
    dom = rendered(render_html(build_report([run], ["synthetic"])), "#field=location_c", tmp_path)
    assert 'data-ready="1"' in dom and "<img" not in dom
    rows = document_rows(dom)
    assert rows["location_city"] and rows["location_country"]
    assert not any(visible for field, visible in rows.items() if not field.startswith("location"))


@needs_chromium
def test_in_chromium_a_click_on_a_header_sorts_the_documents_worst_first(tmp_path: Path) -> None:
    cases = load_set("synthetic")[:2]
    wrong = {**cases[1].labels, "title": "Not the title", "company": None}
    run = fake_run("fake", [fake_result(cases[0], cases[0].labels, AUSTIN_TEXT),
                            fake_result(cases[1], wrong, AUSTIN_TEXT)])
    clicks = ("<script>const th=document.querySelectorAll('#index th')[2];"
              "th.click();th.click();</script>")  # after the page's script, as a person would
    dom = rendered(render_html(build_report([run], ["synthetic"])) + clicks, "", tmp_path)
    assert re.findall(r'<section class="doc" id="(d\d)"', dom) == ["d1", "d0"]
    index = [a.get("data-target") for a, _c in table_rows(dom) if "data-target" in a]
    assert index == ["d1", "d0"] and 'aria-sort="descending"' in dom


@needs_chromium
def test_in_chromium_a_click_on_a_row_picks_out_its_field_in_the_text(tmp_path: Path) -> None:
    click = ("<script>document.querySelector('section.doc tr[data-field=location_city]')"
             ".click();</script>")
    dom = rendered(two_systems_page() + click, "", tmp_path)
    assert re.search(r'<section class="doc focused"', dom)
    picked = re.findall(r'<mark class="([^"]*)" data-f="([^"]*)"', dom)
    assert picked and all(("on" in css.split()) == ("location_city" in fields.split())
                          for css, fields in picked)
    assert any("on" in css.split() for css, _f in picked)
