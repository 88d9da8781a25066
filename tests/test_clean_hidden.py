"""Text a reader cannot see never supports a value; page data the page contradicts loses."""

from __future__ import annotations

import json

import pytest

from extractor import extract
from extractor.clean import Cleaned, clean
from extractor.load import Document

BODY = ("<p>Line cooks prepare food on the grill station in our busy kitchen.</p>"
        "<p>Salary: $18 - $22 per hour</p>")
PAYLOAD = "Salary: $9,999,999 per year"


def clean_html(markup: str) -> Cleaned:
    return clean(Document("t.html", markup, "html"))


def page(hidden: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><h1>Line Cook</h1>{BODY}{hidden}</body></html>"


def rules(markup: str):  # the full pipeline, rules only
    return extract(markup, strategy="rules", use_cache=False)


# Each hides PAYLOAD from a reader of the page in a different way.
HIDDEN = {
    "class_rule_display_none": ("<div class='hidden'>{}</div>",
                                "<style>.hidden{{display:none}}</style>"),
    "opacity_zero": ("<div style='opacity:0'>{}</div>", ""),
    "zero_font_size": ("<div style='font-size:0'>{}</div>", ""),
    "off_screen_left": ("<div style='position:absolute; left:-9999px'>{}</div>", ""),
    "negative_text_indent": ("<div style='text-indent:-9999px'>{}</div>", ""),
    "zero_clip_rect": ("<span style='position:absolute;clip:rect(0 0 0 0)'>{}</span>", ""),
    "clip_path_inset": ("<span style='clip-path: inset(50%)'>{}</span>", ""),
    "sr_only_class": ("<span class='sr-only'>{}</span>",
                      "<style>.sr-only{{position:absolute;width:1px;height:1px;"
                      "overflow:hidden;clip:rect(0,0,0,0)}}</style>"),
    "text_coloured_like_its_ancestor_background": (
        "<div style='background-color:#FFFFFF'><p style='color:#fff'>{}</p></div>", ""),
    "white_text_on_a_default_white_page": ("<p style='color:white'>{}</p>", ""),
    "display_none_block_holding_most_of_the_page": (
        "<div style='display: none'>{} " + "More hidden words here. " * 30 + "</div>", ""),
}


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_hidden_text_is_cut_in_cleaning(name: str) -> None:
    hidden, head = HIDDEN[name]
    cleaned = clean_html(page(hidden.format(PAYLOAD), head.format()))
    assert "9,999,999" not in cleaned.text
    assert "Line cooks prepare food" in cleaned.text and "$18 - $22" in cleaned.text
    assert "hidden" in cleaned.removed


def test_hidden_salary_is_not_a_pay_range() -> None:
    hidden, head = HIDDEN["display_none_block_holding_most_of_the_page"]
    result = rules(page(hidden.format(PAYLOAD), head))
    assert [(s.min, s.max, s.period) for s in result.record.salary] == [(18, 22, "hour")]


def test_white_on_white_heading_before_the_real_one_is_not_the_title() -> None:
    trap = "<h1 style='color:#fff;background:#fff'>HACKED</h1>"
    markup = page("").replace("<h1>Line Cook</h1>", trap + "<h1>Line Cook</h1>")
    cleaned = clean_html(markup)
    assert cleaned.title_hint == "Line Cook" and "HACKED" not in cleaned.text
    assert rules(markup).record.title == "Line Cook"


def test_visibility_visible_inside_a_hidden_parent_is_kept() -> None:
    markup = page("<div style='visibility:hidden'>Secret<p style='visibility:visible'>"
                  "Shown again</p></div>")
    cleaned = clean_html(markup)
    assert "Shown again" in cleaned.text and "Secret" not in cleaned.text


def test_text_that_a_stylesheet_may_restyle_is_kept() -> None:
    """A class styled by the page's CSS may paint its own background: not provably hidden."""
    head = "<style>.hero{background:url(hero.jpg)}.title{color:#333}</style>"
    markup = page("<div class='hero'><p style='color:#fff'>Join a friendly team</p></div>"
                  "<p class='title' style='color:#fff'>Weekends off</p>", head)
    cleaned = clean_html(markup)
    assert "Join a friendly team" in cleaned.text and "Weekends off" in cleaned.text


def test_class_rule_toggled_by_a_compound_selector_is_not_read_as_hiding() -> None:
    head = "<style>.tab{display:none}.tab.active{display:block}@media print{.x{display:none}}"
    markup = page("<div class='tab active'>Free staff meals</div><p class='x'>Print me</p>",
                  head + "</style>")
    cleaned = clean_html(markup)
    assert "Free staff meals" in cleaned.text and "Print me" in cleaned.text


def test_readable_colours_are_kept() -> None:
    markup = page("<div style='background:#000'><p style='color:#fff'>White on black</p></div>"
                  "<p style='color: rgba(0, 0, 0, 0.8)'>Dark grey</p>")
    cleaned = clean_html(markup)
    assert "White on black" in cleaned.text and "Dark grey" in cleaned.text


# --- page data against the visible page --------------------------------------------------

def jsonld_page(title: str, employment: str = "FULL_TIME", body: str = BODY) -> str:
    posting = {"@type": "JobPosting", "title": title, "employmentType": employment,
               "hiringOrganization": {"@type": "Organization", "name": "Grill House"}}
    return (f"<html><head><script type='application/ld+json'>{json.dumps(posting)}</script>"
            f"</head><body><h1>Line Cook</h1>{body}</body></html>")


def test_page_data_title_not_shown_on_the_page_loses_to_the_visible_heading() -> None:
    result = rules(jsonld_page("Chief Executive Officer"))
    assert result.record.title == "Line Cook"
    assert any("page data title 'Chief Executive Officer' is not shown on the page" in w
               for w in result.warnings)


def test_page_data_title_that_the_heading_shortens_is_kept_without_a_warning() -> None:
    result = rules(jsonld_page("Line Cook (m/w/d)"))
    assert result.record.title == "Line Cook"  # page data's title, its gender marker dropped
    assert not any("page data" in w for w in result.warnings)


def test_page_data_employment_type_the_text_contradicts_loses() -> None:
    body = BODY + "<p>Job type: Part-time</p>"
    result = rules(jsonld_page("Line Cook", "FULL_TIME", body))
    assert result.record.employment_types == ["part_time"]
    assert any("page data employmentType" in w and "part_time" in w for w in result.warnings)


def test_page_data_employment_type_the_text_does_not_state_is_kept() -> None:
    assert rules(jsonld_page("Line Cook", "FULL_TIME")).record.employment_types == ["full_time"]
