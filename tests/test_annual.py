"""Annualised pay arithmetic (extractor.annual): periods, defaults, overrides, bad counts."""

from __future__ import annotations

import pytest

from extractor.annual import PayYear, annual_amount

DEFAULT = PayYear()


@pytest.mark.parametrize(("amount", "period", "annual"), [
    (25.0, "hour", 52_000.0),  # 25 x 2080
    (300.0, "day", 78_000.0),  # 300 x 260
    (1_000.0, "week", 52_000.0),
    (4_000.0, "month", 48_000.0),
    (90_000.0, "year", 90_000.0),
])
def test_each_period_is_multiplied_by_its_default_count_per_year(amount, period, annual):
    assert annual_amount(amount, period, DEFAULT) == annual


def test_an_amount_without_a_period_or_a_period_without_an_amount_has_no_annual_figure():
    assert annual_amount(50_000.0, None, DEFAULT) is None
    assert annual_amount(None, "hour", DEFAULT) is None


def test_annual_figures_are_rounded_to_cents():
    assert annual_amount(17.3, "hour", DEFAULT) == 35_984.0
    assert annual_amount(10.005, "week", DEFAULT) == 520.26


def test_overridden_counts_change_only_their_periods():
    year = PayYear.parse("hours=2000, days=250")
    assert annual_amount(20.0, "hour", year) == 40_000.0
    assert annual_amount(100.0, "day", year) == 25_000.0
    assert annual_amount(1_000.0, "week", year) == 52_000.0
    assert year == PayYear(hours=2000, days=250)


def test_fourteen_monthly_payments_are_allowed():
    assert annual_amount(2_000.0, "month", PayYear.parse("months=14")) == 28_000.0


def test_a_singular_unit_name_reads_as_its_plural():
    assert PayYear.parse("Hour=1950") == PayYear(hours=1950)


def test_describe_gives_the_counts_in_the_form_parse_reads():
    assert DEFAULT.describe() == "hours=2080,days=260,weeks=52,months=12"
    assert PayYear.parse(DEFAULT.describe()) == DEFAULT


@pytest.mark.parametrize(("text", "message"), [
    ("minutes=60", "unknown unit 'minutes'; use hours, days, weeks, months"),
    ("hours", "has no '='"),
    ("hours=abc", "hours='abc': use a number above 0 and at most 8784"),
    ("days=0", "days='0': use a number above 0"),
    ("weeks=-52", "weeks='-52'"),
    ("days=400", "at most 366"),
    ("hours=nan", "hours='nan'"),
    ("hours=2000,hours=1900", "hours is given twice"),
])
def test_a_bad_override_is_refused_with_what_to_write(text, message):
    with pytest.raises(ValueError, match=message):
        PayYear.parse(text)


def test_a_pay_year_built_by_hand_is_checked_too():
    with pytest.raises(ValueError, match="months=True"):
        PayYear(months=True)
