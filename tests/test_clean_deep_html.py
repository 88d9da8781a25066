"""Hostile markup is bounded before parsing: the text stays, a warning says what was cut.

Timing lives in bench/hostile_html.py; these tests check behaviour only.
"""

from __future__ import annotations

import json

from extractor import extract
from extractor.clean import MAX_DEPTH, MAX_TAGS, Cleaned, clean
from extractor.load import Document

POSTING = ("<h1>Line Cook</h1><p>Line cooks prepare food on the grill station.</p>"
           "<p>Salary: $18 - $22 per hour</p>")


def clean_html(markup: str) -> Cleaned:
    return clean(Document("t.html", markup, "html"))


def nested(inner: str, depth: int = 20_000, tag: str = "div") -> str:
    return f"<{tag}>" * depth + inner + f"</{tag}>" * depth


def test_deeply_nested_page_keeps_its_text_and_warns() -> None:
    cleaned = clean_html(nested(POSTING))
    assert cleaned.title_hint == "Line Cook"
    assert "Line cooks prepare food on the grill station." in cleaned.text
    assert "deep_nesting" in cleaned.removed
    assert any(f"nested deeper than {MAX_DEPTH}" in w for w in cleaned.warnings)


def test_deeply_nested_page_gives_a_record_with_the_warning() -> None:
    result = extract(nested(POSTING), strategy="rules", use_cache=False)
    assert result.ok and result.record.title == "Line Cook"
    assert [(s.min, s.max) for s in result.record.salary] == [(18, 22)]
    assert any("nested deeper than" in w for w in result.warnings)


def test_flattened_blocks_keep_their_line_breaks() -> None:
    markup = nested("<section>Grill steaks</section><section>Plate salads</section>",
                    depth=MAX_DEPTH + 50)
    assert "Grill steaks\nPlate salads" in clean_html(markup).text


def test_hidden_text_below_the_depth_limit_stays_hidden() -> None:
    hidden = "<div class='x'>Salary: $9,999,999</div><div style='opacity:0'>Bonus $5,000,000</div>"
    markup = "<style>.x{display:none}</style>" + nested(POSTING + hidden, depth=MAX_DEPTH + 10)
    cleaned = clean_html(markup)
    assert "9,999,999" not in cleaned.text and "5,000,000" not in cleaned.text
    assert "Line cooks prepare food" in cleaned.text


def test_page_past_the_tag_limit_is_cut_with_a_warning_and_keeps_its_json_ld() -> None:
    posting = {"@type": "JobPosting", "title": "Line Cook", "datePosted": "2025-03-01"}
    markup = (POSTING + "<span>x</span>" * MAX_TAGS + "<p>Past the limit</p>"
              f"<script type='application/ld+json'>{json.dumps(posting)}</script>")
    cleaned = clean_html(markup)
    assert "Line cooks prepare food" in cleaned.text and "Past the limit" not in cleaned.text
    assert [p["datePosted"] for p in cleaned.jsonld] == ["2025-03-01"]
    assert any(f"more than {MAX_TAGS:,} tags" in w for w in cleaned.warnings)


def test_tag_with_thousands_of_attributes_keeps_the_ones_the_cleaner_reads() -> None:
    attrs = " ".join(f"data-a{i}=1" for i in range(20_000))
    markup = POSTING + f"<div {attrs} style='display:none'>Salary: $9,999,999</div>"
    cleaned = clean_html(markup)
    assert "9,999,999" not in cleaned.text and "Line cooks prepare food" in cleaned.text
    assert any("thousands of attributes" in w for w in cleaned.warnings)


def test_select_with_many_options_is_bounded_and_the_page_kept() -> None:
    markup = POSTING + "<div><select>" + "<option>Pick me" * 50_000 + "</select></div><p>End</p>"
    cleaned = clean_html(markup)
    assert "Line cooks prepare food" in cleaned.text and "End" in cleaned.text
    assert "Pick me" not in cleaned.text and "odd_markup" in cleaned.removed


def test_many_distinct_attribute_names_are_bounded() -> None:
    markup = POSTING + "".join(f"<b data-n{i}=1>w</b>" for i in range(30_000))
    cleaned = clean_html(markup)
    assert "Line cooks prepare food" in cleaned.text and "odd_markup" in cleaned.removed


def test_unclosed_comments_scripts_and_quotes_do_not_eat_the_posting() -> None:
    for tail in ("<!--" * 1000, "<script>" * 1000, "<div a=\"" * 1000, "<a" * 1000):
        cleaned = clean_html(POSTING + tail)
        assert "Line cooks prepare food" in cleaned.text, tail[:10]


def test_ordinary_page_is_not_rewritten() -> None:
    markup = ("<html><body><svg><path d='M0 0'/></svg>" + nested(POSTING, depth=40)
              + "<select><option>A<option>B</select></body></html>")
    cleaned = clean_html(markup)
    assert cleaned.warnings == [] and cleaned.text.startswith("Line Cook")
