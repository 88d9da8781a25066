"""Pay written the way postings in many places write it: Chinese 万 / 千 / K with months,
Portuguese "R$ 5 mil", Russian "тыс." and "млн", Swiss "5'800", Indian lakhs, "$120k",
pay tables and lists under a pay header; counts that are never pay ("13薪", "25-35岁",
"招聘3人", "10万+用户"); and grounding a model's pay range written in any of those forms
while still rejecting a figure the text does not state."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.ground import ground
from extractor.merge import Merged
from extractor.parse.salary import parse_salaries, stated_amounts, supports


def _ranges(text: str) -> list[tuple]:
    found = parse_salaries(text)
    for f in found:
        assert text[f.start:f.end] == f.value.raw
    return [(f.value.min, f.value.max, f.value.currency, f.value.period) for f in found]


def _grounded(value: dict[str, Any], text: str) -> list[dict[str, Any]]:
    merged = Merged()
    merged.put("salary", [value], "model", [])
    ground(merged, text, "drop")
    return merged.values.get("salary", [])


# ---------------------------------------------------------------- the parser


@pytest.mark.parametrize(("text", "expected"), [
    ("Salary: ₹18,00,000 – ₹24,00,000 per annum", [(1800000, 2400000, "INR", "year")]),
    ("₹3,00,000 - ₹4,20,000 P.A.", [(300000, 420000, "INR", "year")]),
    ("CTC: INR 6-9 LPA", [(600000, 900000, "INR", "year")]),
    ("Salary: INR 12 lakhs per annum", [(1200000, 1200000, "INR", "year")]),
])
def test_indian_lakh_grouping_and_lakh_suffixes_are_read_whole(text, expected):
    assert _ranges(text) == expected


def test_a_lakh_grouped_figure_is_never_cut_to_its_first_groups():
    (found,) = parse_salaries("Salary: ₹18,00,000 per annum")
    assert found.value.min == 1800000 and found.value.raw == "₹18,00,000 per annum"


@pytest.mark.parametrize(("text", "expected"), [
    ("Зарплата: 1,5 млн руб. в год", [(1500000, 1500000, "RUB", "year")]),
    ("Зарплата: от 1 млн ₽ в год", [(1000000, None, "RUB", "year")]),
    ("Salario: 2,5 millones COP", [(2500000, 2500000, "COP", None)]),
    ("Annual salary: $1.2M", [(1200000, 1200000, "USD", "year")]),
    ("年薪：1-1.5百万", [(1000000, 1500000, "CNY", "year")]),
])
def test_a_million_right_after_a_salary_label_is_pay(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize("text", [
    "range from $10k to $1M+Working with multiple people",
    "Оборот компании 3 млн ₽ в месяц",
    "Pay range: we raised $5M last year",
])
def test_a_million_without_a_salary_label_is_not_pay(text):
    assert _ranges(text) == []


def test_a_million_range_is_not_cut_to_its_first_figure():
    assert (1, 1, None, "year") not in _ranges("年薪：1-1.5百万")


@pytest.mark.parametrize(("text", "expected"), [
    ("CHF 110'000 + 13th salary", [(110000, 110000, "CHF", None)]),
    ("€52,000 plus 13th month salary", [(52000, 52000, "EUR", None)]),
    ("薪资：15-25K·13-15薪", [(15000, 25000, "CNY", "month")]),
    ("薪资：8000-12000，13薪", [(8000, 12000, "CNY", "month")]),
])
def test_a_thirteenth_salary_says_the_figure_before_it_is_pay(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize("text", [
    "Salary: 13th salary plus bonus",
    "福利：13薪，五险一金",
    "Salário: a combinar + 13º salário",
    "CHF 110'000 + 13th salary",
    "薪资：15-25K·13薪",
])
def test_a_count_of_monthly_salaries_is_never_an_amount(text):
    assert all(13 not in (low, high) for low, high, _, _ in _ranges(text))


def test_the_months_paid_count_stays_in_the_raw_text_of_its_range():
    (found,) = parse_salaries("薪资：15-25K·13-15薪 北京")
    assert found.value.raw == "15-25K·13-15薪"


@pytest.mark.parametrize(("text", "expected"), [
    ("Compensation (base salary, annual):\n- Seattle: $168,000 - $198,000\n"
     "- Denver and Atlanta: $151,000 - $178,000\n",
     [(168000, 198000, "USD", "year"), (151000, 178000, "USD", "year")]),
    ("| Level | Annual base salary (USD) |\n|---|---|\n| Engineer II | $130,000 – $155,000 |\n"
     "| Senior Engineer | $160,000 – $195,000 |\n",
     [(130000, 155000, "USD", "year"), (160000, 195000, "USD", "year")]),
    ("Monthly salary by city:\n* Lisbon: €2,400\n* Porto: €2,100\n",
     [(2400, 2400, "EUR", "month"), (2100, 2100, "EUR", "month")]),
])
def test_a_list_or_table_under_a_pay_header_takes_its_period(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize("text", [
    "Benefits:\n- $1,000 learning budget\n- $2,000 home office setup\n",
    "Compensation & Benefits:\n- $2,000 home office setup\n",
    "Perks:\n- $500 per month gym allowance\n",
])
def test_a_list_under_a_benefits_header_is_not_pay(text):
    assert _ranges(text) == []


def test_relocation_sign_on_and_equity_money_under_a_pay_header_is_not_pay():
    text = ("Compensation (annual):\n- Base salary: $120,000 - $140,000\n- Relocation: $5,000\n"
            "- Sign-on: $10,000\n- Stock: $40,000\n")
    assert _ranges(text) == [(120000, 140000, "USD", "year")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The annual base salary for this position is $95,000 - $115,000 CAD.",
     [(95000, 115000, "CAD", "year")]),
    ("Compensation: $62,000 - $74,000 per year (hourly equivalent: $29.81 - $35.58)",
     [(62000, 74000, "USD", "year"), (29.81, 35.58, "USD", "hour")]),
])
def test_a_period_word_earlier_in_the_sentence_sets_the_period(text, expected):
    assert _ranges(text) == expected


def test_a_period_word_before_a_sentence_end_does_not():
    assert _ranges("Annual salary review in May. Sign-on: $2,000 paid on day one") != [
        (2000, 2000, "USD", "year")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Зарплата: от 150к руб", [(150000, None, "RUB", None)]),
    ("Зарплата: 150-200к ₽", [(150000, 200000, "RUB", None)]),
    ("Lohn: Fr. 5'800.– pro Monat", [(5800, 5800, "CHF", "month")]),
    ("Lohn: SFr. 5800 pro Monat", [(5800, 5800, "CHF", "month")]),
    ("Salario: 3 millones de pesos mensuales", [(3000000, 3000000, None, "month")]),
    ("Salario: 2 millones de pesos colombianos", [(2000000, 2000000, "COP", None)]),
])
def test_cyrillic_k_swiss_francs_and_millions_of_pesos(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("£45k pro rata", [(45000, 45000, "GBP", None)]),
    ("月給25万円〜35万円", [(250000, 350000, "JPY", "month")]),
])
def test_pro_rata_pay_and_a_wave_dash_range(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Зарплата: до 200 тыс. на руки", [(None, 200000, None, None)]),
    ("з/п от 150 тыс.", [(150000, None, None, None)]),
    ("Salary: 40-50k", [(40000, 50000, None, None)]),
])
def test_a_thousand_figure_after_a_pay_label_is_pay_of_no_stated_currency(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize("text", [
    "Команда 10к человек", "Fr. Müller leitet das Team", "Зарплата: 5 лет опыта",
    "Founded 2015. 40-50k users",
])
def test_a_thousand_figure_with_no_pay_label_or_money_is_not_pay(text):
    assert _ranges(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Salaris: €5.500 - €6.400 bruto per maand", [(5500, 6400, "EUR", "month")]),
    ("Salaris: € 62.000 per jaar", [(62000, 62000, "EUR", "year")]),
    ("Uurloon: € 18,50 per uur", [(18.5, 18.5, "EUR", "hour")]),
])
def test_dutch_periods(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize("text", [
    "Bonus: up to 20% of base salary ($20k) paid yearly",
    "年龄：25-35岁，招聘3人",
    "服务10万+用户，团队500人",
    "联系电话：138-0013-8000，邮编100080",
    "Founded in 2015, 250 employees, call +1 (555) 123-4567",
    "绩效奖金：10%-20%",
    "薪资：2024年起",
    "月薪：10万+用户",
    "Salario: 25-35 años",
])
def test_counts_percentages_phones_and_years_are_not_pay(text):
    assert _ranges(text) == []


# ---------------------------------------------------------------- amounts the text states


@pytest.mark.parametrize(("text", "amounts"), [
    ("薪资：15-25K·13薪", {15000, 25000}),
    ("1.5万-2万/月", {15000, 20000}),
    ("月薪8千-1.2万", {8000, 12000}),
    ("年薪30-50万", {300000, 500000}),
    ("Salário: R$ 5 mil", {5000}),
    ("R$ 5.000,00 a R$ 7.000,00", {5000, 7000}),
    ("от 150 тыс. руб.", {150000}),
    ("150 000 – 200 000 ₽ на руки", {150000, 200000}),
    ("1,5 млн руб.", {1500000}),
    ("CHF 5'800", {5800}),
    ("$120k-$150k", {120000, 150000}),
    ("€45K", {45000}),
    ("80-100k EUR", {80000, 100000}),
    ("₹18,00,000", {1800000}),
    ("INR 6-9 LPA", {600000, 900000}),
])
def test_stated_amounts_apply_each_forms_multiplier(text, amounts):
    assert stated_amounts(text) == amounts


@pytest.mark.parametrize("text", [
    "13薪", "年龄25-35岁", "招聘3人", "10万+用户", "奖金20%", "5-8 years", "300 employees",
    "2025-03-01", "09:00-18:00", "138-0013-8000", "13th salary", "13º salário",
])
def test_counts_dates_and_phone_numbers_state_no_amount(text):
    assert stated_amounts(text) == set()


# ---------------------------------------------------------------- grounding


@pytest.mark.parametrize(("text", "value"), [
    ("薪资：15-25K·13薪", {"min": 15000, "max": 25000, "currency": "CNY", "period": "month"}),
    ("薪资：1.5万-2万/月", {"min": 15000, "max": 20000, "currency": "CNY", "period": "month"}),
    ("月薪8千-1.2万", {"min": 8000, "max": 12000, "currency": "CNY", "period": "month"}),
    ("年薪30-50万", {"min": 300000, "max": 500000, "currency": "CNY", "period": "year"}),
    ("Salário: R$ 5 mil por mês", {"min": 5000, "max": 5000, "currency": "BRL",
                                   "period": "month"}),
    ("Salário: R$ 5.000,00 a R$ 7.000,00", {"min": 5000, "max": 7000, "currency": "BRL"}),
    ("Зарплата от 150 тыс. руб.", {"min": 150000, "max": None, "currency": "RUB"}),
    ("150 000 – 200 000 ₽ на руки", {"min": 150000, "max": 200000, "currency": "RUB"}),
    ("Lohn: CHF 5'800 pro Monat", {"min": 5800, "max": 5800, "currency": "CHF",
                                    "period": "month"}),
    ("Salary: $120k-$150k", {"min": 120000, "max": 150000, "currency": "USD",
                             "period": "year"}),
    ("Gehalt: €45K", {"min": 45000, "max": 45000, "currency": "EUR"}),
    ("Salary: 80-100k EUR", {"min": 80000, "max": 100000, "currency": "EUR"}),
    ("CTC: ₹18,00,000 per annum", {"min": 1800000, "max": 1800000, "currency": "INR",
                                   "period": "year"}),
    ("Sueldo: $18.000 mensuales", {"min": 18000, "max": 18000, "currency": "MXN",
                                   "period": "month"}),
])
def test_a_model_pay_range_written_in_any_form_the_parser_reads_is_kept(text, value):
    assert _grounded(value, text) == [value]


@pytest.mark.parametrize(("text", "value"), [
    # 15 currency units for "15K", 13 for "13薪": misread scales and counts
    ("薪资：15-25K·13薪", {"min": 15, "max": 25, "currency": "CNY", "period": "month"}),
    ("薪资：15-25K·13薪", {"min": 13, "max": 13, "currency": "CNY", "period": "month"}),
    ("CTC: ₹18,00,000 per annum", {"min": 18, "max": 18, "currency": "INR"}),
    # a figure that is only part of a larger one, a count, an age, a phone number
    ("Salary up to 150000 USD", {"min": 15000, "max": 150000, "currency": "USD"}),
    ("招聘3人，年龄25-35岁，薪资面议", {"min": 25, "max": 35}),
    ("服务10万+用户，薪资面议", {"min": 100000, "max": 100000, "currency": "CNY"}),
    ("Call 138-0013-8000, salary negotiable", {"min": 8000, "max": 8000}),
    ("5+ years of Python, 401(k) match", {"min": 401000, "max": 401000, "currency": "USD"}),
    # a currency or period the text does not name
    ("薪资：15-25K·13薪", {"min": 15000, "max": 25000, "currency": "USD", "period": "month"}),
    ("Gehalt: 65.000 brutto", {"min": 65000, "max": 65000, "currency": "EUR"}),
    ("年薪30-50万", {"min": 300000, "max": 500000, "currency": "CNY", "period": "month"}),
    ("Pay: $25/hr", {"min": 25, "max": 25, "currency": "USD", "period": "year"}),
    # another posting's pay after a "similar jobs" line
    ("Analyst\nSalary: negotiable\nSimilar Jobs at Acme\nData Engineer · $140,000 a year\n",
     {"min": 140000, "max": 140000, "currency": "USD", "period": "year"}),
])
def test_a_model_pay_range_the_text_does_not_state_is_dropped(text, value):
    assert _grounded(value, text) == []


def test_a_currency_written_in_another_spelling_is_the_same_currency():
    assert supports({"min": 15000, "max": 25000, "currency": "RMB"}, "薪资：15-25K·13薪")
    assert supports({"min": 5800, "max": 5800, "currency": "chf"}, "Lohn: CHF 5'800")


def test_a_pay_range_with_no_amount_is_not_supported():
    assert not supports({"min": None, "max": None, "currency": "USD"}, "Salary: $50,000")
