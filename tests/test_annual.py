"""Annualised pay: the arithmetic (extractor.annual) and the annual figures in the record."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from extractor import SalaryRange, extract, resolve_settings
from extractor.annual import PayYear, annual_amount
from extractor.cli import EXIT_ABORTED, EXIT_OK, main
from extractor.errors import ConfigError
from support.postings import read_lines

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


# --- in the record: the pipeline fills each pay range's annual figures -----------------

HOURLY = "Barista\nBean Co\nPay: $18 - $22 per hour\nSummer: $900 per week\n"


def _pay(text: str = HOURLY, **overrides) -> list[dict]:
    result = extract(text, strategy="rules", **overrides)
    return result.to_line()["record"]["salary"]


def test_each_pay_range_in_the_record_has_its_annual_figures_beside_the_stated_ones():
    hourly, weekly = _pay()
    assert (hourly["min"], hourly["max"], hourly["period"]) == (18.0, 22.0, "hour")
    assert (hourly["annual_min"], hourly["annual_max"]) == (37_440.0, 45_760.0)
    assert (weekly["annual_min"], weekly["annual_max"]) == (46_800.0, 46_800.0)


def test_a_pay_range_with_no_period_has_null_annual_figures():
    [pay] = _pay("Barista\nBean Co\nCompensation: $5,000 - $6,000\n")
    assert pay["period"] is None and pay["annual_min"] is None and pay["annual_max"] is None


def test_the_pay_year_setting_changes_the_annual_figures():
    hourly, weekly = _pay(pay_year="hours=2000")
    assert hourly["annual_min"] == 36_000.0 and weekly["annual_min"] == 46_800.0


def test_the_pay_year_comes_from_the_environment_when_not_given(monkeypatch):
    monkeypatch.setenv("EXTRACTOR_PAY_YEAR", "weeks=50")
    assert _pay()[1]["annual_min"] == 45_000.0
    assert _pay(pay_year={"weeks": 52})[1]["annual_min"] == 46_800.0  # the argument wins


def test_a_cached_record_takes_the_pay_year_of_the_run_that_reads_it():
    assert _pay()[0]["annual_min"] == 37_440.0  # stored in the cache
    result = extract(HOURLY, strategy="rules", pay_year="hours=1000")
    assert result.cached and result.record.salary[0].annual_min == 18_000.0


def test_a_bad_pay_year_setting_names_the_flag_and_the_variable():
    with pytest.raises(ConfigError, match=r"--pay-year / EXTRACTOR_PAY_YEAR / pay_year: "
                       r"unknown unit 'minutes'"):
        resolve_settings(pay_year="minutes=60")


def test_the_cli_pay_year_flag_sets_the_annual_figures(tmp_path):
    (tmp_path / "p.txt").write_text(HOURLY)
    out = tmp_path / "out.jsonl"
    args = [str(tmp_path / "p.txt"), "-o", str(out), "--strategy", "rules", "--quiet"]
    assert main([*args, "--pay-year", "hours=2000,weeks=50"]) == EXIT_OK
    [line] = read_lines(out)
    assert [s["annual_min"] for s in line["record"]["salary"]] == [36_000.0, 45_000.0]


def test_a_bad_cli_pay_year_exits_2_naming_the_flag(tmp_path, capsys):
    (tmp_path / "p.txt").write_text(HOURLY)
    code = main([str(tmp_path / "p.txt"), "--strategy", "rules", "--pay-year", "days=400"])
    assert code == EXIT_ABORTED
    assert "--pay-year" in capsys.readouterr().err


def test_a_record_refuses_annual_figures_out_of_order_or_negative():
    with pytest.raises(ValidationError, match="annual_min 2.0 is above annual_max 1.0"):
        SalaryRange(min=1, annual_min=2, annual_max=1)
    with pytest.raises(ValidationError, match="pay cannot be negative"):
        SalaryRange(min=1, annual_min=-5)
