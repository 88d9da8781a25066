"""Pay periods written the short or loose way US boards write them: "per hr", "a yr",
"per mth", "$34 hr"; a period label before the figure ("Hourly:", "Salary (annual):",
"an hourly role paying", "Day rate:"); a period after "depending on experience"; the period
on the line below the figure; the two ends of a range stated apart in one sentence
("starts at $19 with raises up to $22/hour", "$21 per hour to $25 per hour") as one range.
And what still states no period: a figure alone, "$68K", a line below that only starts
with a period word.
Every sentence here is invented."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.parse import parse_text
from extractor.parse.salary import parse_salaries, supports


def _ranges(text: str) -> list[tuple]:
    found = parse_salaries(text)
    for f in found:
        assert text[f.start:f.end] == f.value.raw
    return [(f.value.min, f.value.max, f.value.currency, f.value.period) for f in found]


# ---------------------------------------------------------------- short period words


@pytest.mark.parametrize(("text", "expected"), [
    ("Crew leads earn $21 per hr.", [(21, 21, "USD", "hour")]),
    ("Pay is $16.75 an hr", [(16.75, 16.75, "USD", "hour")]),
    ("Tutors: $30 p/hr", [(30, 30, "USD", "hour")]),
    ("Drivers make $34 - $38 hr", [(34, 38, "USD", "hour")]),
    ("Coordinator, $48,000 - $53,000 per yr", [(48000, 53000, "USD", "year")]),
    ("Stipend of $31,500 a yr", [(31500, 31500, "USD", "year")]),
    ("Housing aide: $2,350 per mo", [(2350, 2350, "USD", "month")]),
    ("Fellowship pays $2,900/mth", [(2900, 2900, "USD", "month")]),
    ("Fellowship pays $2,900 per mth", [(2900, 2900, "USD", "month")]),
    ("Retainer of $3,100 per calendar month", [(3100, 3100, "USD", "month")]),
    ("Camp counselors: $640 per wk", [(640, 640, "USD", "week")]),
])
def test_short_period_words_after_a_figure_state_its_period(text, expected):
    assert _ranges(text) == expected


# ---------------------------------------------------------------- a period label before


@pytest.mark.parametrize(("text", "expected"), [
    ("Hourly: $18.40 - $22.10", [(18.4, 22.1, "USD", "hour")]),
    ("Annual: $61,000 - $67,500", [(61000, 67500, "USD", "year")]),
    ("Annually: $61,000", [(61000, 61000, "USD", "year")]),
    ("Yearly: $58,250", [(58250, 58250, "USD", "year")]),
    ("Hourly Range: $18.40 - $22.10", [(18.4, 22.1, "USD", "hour")]),
    ("The hourly range for this opening is $27.50 to $31.00.", [(27.5, 31, "USD", "hour")]),
    ("Annual salary band: $61,000 - $67,500", [(61000, 67500, "USD", "year")]),
    ("Salary (annual): $61,000 - $67,500", [(61000, 67500, "USD", "year")]),
    ("Pay (hourly): $19", [(19, 19, "USD", "hour")]),
    ("Pay rate (per hour): $19 - $23", [(19, 23, "USD", "hour")]),
    ("Salary Range (Annual): $61,000 - $67,500", [(61000, 67500, "USD", "year")]),
    ("This is an hourly position paying $19.10-$23.80.", [(19.1, 23.8, "USD", "hour")]),
    ("The pay for this hourly, non-exempt role is $19-$23.", [(19, 23, "USD", "hour")]),
])
def test_a_period_label_before_a_figure_states_its_period(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Pay: $24.50 - $27.00 depending on experience per hour", [(24.5, 27, "USD", "hour")]),
    ("Pay: $24.50 - $27.00, depending on qualifications, per hour",
     [(24.5, 27, "USD", "hour")]),
    ("Wage $24.50 - $27.00 based on experience per hour", [(24.5, 27, "USD", "hour")]),
    ("Salary: $63,000 - $71,000 commensurate with experience, annually",
     [(63000, 71000, "USD", "year")]),
])
def test_a_period_after_an_experience_clause_is_the_figures_period(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Day rate: $475", [(475, 475, "USD", "day")]),
    ("Contract, day-rate £520 inside IR35", [(520, 520, "GBP", "day")]),
])
def test_a_day_rate_is_a_daily_figure(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Annual bonus: $4,000. Salary: $61,000", [(61000, 61000, "USD", None)]),
    ("Salary: $61,000 depending on experience. Hourly staff get overtime.",
     [(61000, 61000, "USD", None)]),
    ("Salary: $61,000\nAnnual leave: 25 days", [(61000, 61000, "USD", None)]),
    ("Salary: $68K - $74K", [(68000, 74000, "USD", None)]),
    ("Compensation: $85,000 - $100,000 base salary", [(85000, 100000, "USD", None)]),
    ("Pay Rate\n\n$17.25\n\nAbout the store", [(17.25, 17.25, "USD", None)]),
])
def test_a_figure_whose_period_the_text_does_not_state_keeps_period_null(text, expected):
    assert _ranges(text) == expected


# ---------------------------------------------------------------- the period on the line below


@pytest.mark.parametrize(("text", "expected"), [
    ("Pay Range\n$19.00 - $23.00\nHourly\nApply below", [(19, 23, "USD", "hour")]),
    ("$27.00 - $33.00\nper hour", [(27, 33, "USD", "hour")]),
    ("Wage\n$27.00 - $33.00\n\nPer Hour", [(27, 33, "USD", "hour")]),
    ("Salary:\n$55,000 - $65,000\nper year, plus benefits", [(55000, 65000, "USD", "year")]),
    ("Salary Range\n$72,000 - $88,000\nAnnual", [(72000, 88000, "USD", "year")]),
])
def test_a_period_on_the_line_below_a_figure_states_its_period(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize("text", [
    "Salary:\n$61,000\nAnnual review of goals with your manager",
    "Salary:\n$61,000\n- Monthly team offsites",
    "Salary:\n$61,000\n\n\nHourly staff report to the floor lead",
])
def test_a_line_below_that_is_not_only_a_period_states_none(text):
    assert _ranges(text) == [(61000, 61000, "USD", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hourly Pay\n$19.00 - $23.00", [(19, 23, "USD", "hour")]),
    ("Hourly Rate:\n$19.00", [(19, 19, "USD", "hour")]),
    ("Annual Salary Range\n\n$61,000 - $67,000", [(61000, 67000, "USD", "year")]),
    ("Pay Rate (hourly)\n\n$17.25", [(17.25, 17.25, "USD", "hour")]),
    ("Salary (Annual)\n- $61,000 - $67,000", [(61000, 67000, "USD", "year")]),
    ("Hourly\n$19.00 - $23.00", [(19, 23, "USD", "hour")]),
])
def test_a_period_label_on_the_line_above_a_figure_states_its_period(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Annual review\nSalary: $61,000", [(61000, 61000, "USD", None)]),
    ("Hourly and salaried staff welcome\n$61,000 salary", [(61000, 61000, "USD", None)]),
    ("Monthly newsletter\n\n$61,000 base salary", [(61000, 61000, "USD", None)]),
    ("Annual salary reviews in March, 2 of them\n$61,000 salary",
     [(61000, 61000, "USD", None)]),
    ("Hourly Pay\n\n\n$19.00 - $23.00 salary", [(19, 23, "USD", None)]),
])
def test_a_line_above_that_is_not_only_a_period_label_states_none(text, expected):
    assert _ranges(text) == expected


# ---------------------------------------------------------------- a floor and a ceiling


@pytest.mark.parametrize(("text", "expected"), [
    ("Pay starts at $19.00 with raises up to $22.00/hour paid weekly",
     [(19, 22, "USD", "hour")]),
    ("Salary starts at $52,000 and rises up to $60,000 per year", [(52000, 60000, "USD", "year")]),
    ("Wage: from $15.50/hr, up to $18.00", [(15.5, 18, "USD", "hour")]),
    ("Drivers earn $21 per hour to $25 per hour", [(21, 25, "USD", "hour")]),
    ("Rate: $21 an hour - $25 an hour", [(21, 25, "USD", "hour")]),
])
def test_two_ends_of_a_range_stated_apart_in_one_sentence_are_one_range(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Starts at $19/hour; overtime up to $28.50/hour",
     [(19, None, "USD", "hour"), (None, 28.5, "USD", "hour")]),
    ("Salary from $52,000. Up to $60,000 for senior hires.",
     [(52000, None, "USD", None), (None, 60000, "USD", None)]),
    ("Pay: $21 per hour to start, $25 per hour after training",
     [(21, 21, "USD", "hour"), (25, 25, "USD", "hour")]),
    ("Rate: $21 per hour - $900 per week", [(21, 21, "USD", "hour"), (900, 900, "USD", "week")]),
    ("From $19/hour, up to $52,000 a year", [(19, None, "USD", "hour"),
                                               (None, 52000, "USD", "year")]),
    ("Salary from €2,000, up to $3,000 per month", [(2000, None, "EUR", None),
                                                     (None, 3000, "USD", "month")]),
])
def test_a_floor_and_ceiling_apart_or_of_other_periods_or_currencies_stay_two(text, expected):
    assert _ranges(text) == expected


# ---------------------------------------------------------------- grounding


@pytest.mark.parametrize(("text", "value"), [
    ("Crew leads earn $21 per hr.", {"min": 21, "max": 21, "currency": "USD",
                                     "period": "hour"}),
    ("Coordinator, $48,000 - $53,000 per yr", {"min": 48000, "max": 53000,
                                               "currency": "USD", "period": "year"}),
    ("Fellowship pays $2,900/mth", {"min": 2900, "max": 2900, "currency": "USD",
                                    "period": "month"}),
    ("Camp counselors: $640 per wk", {"min": 640, "max": 640, "currency": "USD",
                                      "period": "week"}),
    ("Pay starts at $19.00 with raises up to $22.00/hour", {"min": 19, "max": 22,
                                                            "currency": "USD",
                                                            "period": "hour"}),
])
def test_grounding_accepts_a_period_written_short(text, value):
    assert supports(value, text)


@pytest.mark.parametrize(("text", "value"), [
    ("Crew leads earn $21 per hr.", {"min": 21, "max": 21, "currency": "USD",
                                     "period": "year"}),
    ("Coordinator, $48,000 - $53,000 per yr", {"min": 48000, "max": 53000,
                                               "currency": "USD", "period": "month"}),
    ("Pay starts at $19.00 with raises up to $22.00/hour", {"min": 19, "max": 25,
                                                            "currency": "USD",
                                                            "period": "hour"}),
])
def test_grounding_still_rejects_a_period_or_amount_the_text_does_not_state(text, value):
    assert not supports(value, text)


@pytest.mark.parametrize(("text", "period"), [
    ("Pay: $95k - $110k DOE", "year"),  # RECORD.md reads "$120k-$150k" as a year's range
    ("Salary €42K", "year"),
    ("Salary: $8k", None),  # under 10,000: could be a month's
    ("CTC ₹60k", None),  # a month's pay in rupees
    ("Salary: $90k per month", "month"),  # a stated period wins
])
def test_a_k_figure_of_ten_thousand_or_more_is_yearly_in_the_parsed_facts(text, period):
    [found] = parse_text(text, dt.date(2026, 11, 1)).salary
    assert found.value.period == period
