"""Salary parser: phrasings seen in the developer corpus (LinkedIn, Remote OK, EMSCAD,
CareerCenter.am, hh.ru, Built In), and money that is not pay."""

from __future__ import annotations

import pytest

from extractor.codes import currency_code
from extractor.parse.base import posting_end
from extractor.parse.salary import parse_salaries

# text, default currency, expected [(min, max, currency, period)]
CASES = [
    ("Salary: $120k-$150k", None, [(120000, 150000, "USD", None)]),
    ("$120k-$150k", None, [(120000, 150000, "USD", None)]),
    ("\n$85,000 - $110,000 a year\n", None, [(85000, 110000, "USD", "year")]),
    ("Built In header\n13K-13K Annually\nInternship", "USD", [(13000, 13000, "USD", "year")]),
    ("13K-13K Annually", None, [(13000, 13000, None, "year")]),
    ("Compensation:• Salary 40,000-50,000 annually", None, [(40000, 50000, None, "year")]),
    ("Schedule: 6 - 10 hours a week, 20 days per year of PTO", None, []),
    ("5K-10K steps a day keep you healthy", None, []),
    ("Compensation\nUS Pay Range\n$12,500$12,500 USD\n", None, [(12500, 12500, "USD", None)]),
    ("Paid InternshipRate: $20 per hourHours: Scheduled", None, [(20, 20, "USD", "hour")]),
    ("Pay: $25/hr", None, [(25, 25, "USD", "hour")]),
    ("Compensation: $25.50 - $30.00 per hour", None, [(25.5, 30, "USD", "hour")]),
    ("Compensation: $25 - $27 (per hour)", None, [(25, 27, "USD", "hour")]),
    ("Pay: $18-20/hour\nExpected hours: 35 – 45 per week", None, [(18, 20, "USD", "hour")]),
    ("Инженер по качеству\nот \n45\u00a0000\n₽\nдо вычета налогов", None,
     [(45000, None, "RUB", None)]),
    ("Зарплата\n45 000 ₽\n", None, [(45000, 45000, "RUB", None)]),
    ("от 45 000 руб. на руки", None, [(45000, None, "RUB", None)]),
    ("Зарплата: от 45 000 до 60 000 руб. в месяц", None, [(45000, 60000, "RUB", "month")]),
    ("Salary €50-60K plus equity", None, [(50000, 60000, "EUR", None)]),
    ("€2,500–3,500/month (contractor)", None, [(2500, 3500, "EUR", "month")]),
    ("Salary: £30,000 - £35,000 per annum", None, [(30000, 35000, "GBP", "year")]),
    ("our cash compensation salary range for this role is £57,000-£70,000. Final", None,
     [(57000, 70000, "GBP", None)]),
    ("REMUNERATION/ SALARY:  900 $ in a month + relocation package", None,
     [(900, 900, "USD", "month")]),
    ("REMUNERATION/ SALARY:  250 USD equivalent in AMD per month (net)", None,
     [(250, 250, "USD", "month")]),
    ("REMUNERATION/ SALARY:  Equivalent of 500-650 USD depending on the level", None,
     [(500, 650, "USD", None)]),
    ("REMUNERATION/ SALARY:  Salary range is $25-30 K. Benefits include health", None,
     [(25000, 30000, "USD", None)]),
    ("REMUNERATION/ SALARY:  $ 450 USD", None, [(450, 450, "USD", None)]),
    ("REMUNERATION/ SALARY:  Starting from $350", None, [(350, None, "USD", None)]),
    ("REMUNERATION/ SALARY:  up to $200", None, [(None, 200, "USD", None)]),
    ("Salary: 150000 AMD", None, [(150000, 150000, "AMD", None)]),
    ("Salary: 150000 դրամ", None, [(150000, 150000, "AMD", None)]),
    ("a competitive salary (up to £45k for this position)", None, [(None, 45000, "GBP", None)]),
    ("Salary: from 1000 USD", None, [(1000, None, "USD", None)]),
    ("Salary floor for this role begins at $110,000+ per year", None,
     [(110000, None, "USD", "year")]),
    ("Compensation for this position consists of $220,000+ salary + 10-12% commission. "
     "OTE is $350,000 - $400,000.", None,
     [(220000, None, "USD", None), (350000, 400000, "USD", None)]),
    ("Compensation range: \t $1800 - $2200 AUD / Monthly", None, [(1800, 2200, "AUD", "month")]),
    ("Salary Range: PLN 350,700 - 474,400 + Benefits + Equity", None,
     [(350700, 474400, "PLN", None)]),
    ("The salary range for this position is $60,675- $101, 125 annually.", None,
     [(60675, 101125, "USD", "year")]),
    ("Salary Range:\n\n$130,000/year - $150,000/year + equity + benefits", None,
     [(130000, 150000, "USD", "year")]),
    ("The appointed candidate will be offered an hourly pay of $20. Please note", None,
     [(20, 20, "USD", "hour")]),
    ("Pay: $45,000.00 - $77,000.00 per year, annual salary Hourly equivalent: $26.70 to "
     "$36.36/hr", None, [(45000, 77000, "USD", "year"), (26.7, 36.36, "USD", "hour")]),
    ("Part-Time (W-2 employee)$15 per hour x 12-15 hours per week", None,
     [(15, 15, "USD", "hour")]),
    ("Hours & Compensation $60 - $70 per hour for 6 - 10 hours a week", None,
     [(60, 70, "USD", "hour")]),
    ("Compensation:• Salary 40,000-50,000 annually • TMRS Retirement Plan", "USD",
     [(40000, 50000, "USD", "year")]),
    ("Salary: $50,000 + bonus and 401(k)", None, [(50000, 50000, "USD", None)]),
    ("Salaire : 40 000 € brut par an", None, [(40000, 40000, "EUR", "year")]),
    # a header repeated on the page counts once
    ("13K-13K Annually\nInternship\n13K-13K Annually\nInternship", "USD",
     [(13000, 13000, "USD", "year")]),
    # other jobs' pay after "Similar Jobs at X" is not this posting's
    ("Pay Range\n$12,500 USD\n\nSimilar Jobs at Dropbox\n\n200K-271K Annually\n", "USD",
     [(12500, 12500, "USD", None)]),
    # not pay
    ("Salary: DOE", None, []),
    ("Salary: Negotiable", None, []),
    ("Competitive salary and equity.", None, []),
    ("REMUNERATION:   30's-40's", None, []),
    ("Dropbox powers collaboration for over 700 million registered users worldwide.", None, []),
    ("We have raised $11.6 billion in venture capital", None, []),
    ("Nasdaq Stockholm with annual sales in 2020 of approximately $10 billion.", None, []),
    ("Talented operator who has led teams at companies crossing $100M ARR", None, []),
    ("fueled by a recent $190m series C round.", None, []),
    ("range from $10k to $1M+Working with multiple people", None, []),
    ("Offering $1,000 Referral Bonus for each successful referral.", None, []),
    ("earn $500 - $1,000 per hired referral", None, []),
    ("Tuition reimbursement up to $5,250 for full-time, $2,650 for part-time", None, []),
    ("Premium cost is $600/year after that.", None, []),
    ("a minimal monthly cost ($50 per month for most employees)", None, []),
    ("$100/month education budget with more expensive items", None, []),
    ("A $500 training stipend is eligible after criteria are met", None, []),
    ("Access to a $200K+ perk marketplace with discounts", None, []),
    ("Benefits: 401(k) with 4% match, founded in 2024, call 555-0134", None, []),
    ("Salary Range: $140.88 - $49.69 Hourly", None, []),
    ("one client may be $2,500 in compensation and another maybe $20,000)", None, []),
]


@pytest.mark.parametrize(("text", "default", "expected"), CASES)
def test_parse_salaries(text: str, default: str | None, expected: list[tuple]) -> None:
    found = parse_salaries(text, default)
    got = [(f.value.min, f.value.max, f.value.currency, f.value.period) for f in found]
    assert got == expected
    for f in found:
        assert text[f.start:f.end] == f.value.raw


def test_raw_and_span_cover_the_figure_and_its_period() -> None:
    text = "Benefits:\nPay: $25.50 - $30.00 per hour, paid weekly"
    (found,) = parse_salaries(text)
    assert found.value.raw == "$25.50 - $30.00 per hour"
    assert text[found.start:found.end] == "$25.50 - $30.00 per hour"
    assert found.confidence == 1.0


def test_default_currency_lowers_confidence() -> None:
    (found,) = parse_salaries("13K-13K Annually", "usd")
    assert found.value.currency == "USD"
    assert found.confidence < 1.0


@pytest.mark.parametrize(("text", "code"), [
    ("$", "USD"), ("usd", "USD"), ("USD", "USD"), ("€", "EUR"), ("euros", "EUR"),
    ("£", "GBP"), ("₽", "RUB"), ("руб", "RUB"), ("руб.", "RUB"), ("RUR", "RUB"),
    ("AMD", "AMD"), ("դրամ", "AMD"), ("CAD", "CAD"), ("C$", "CAD"), ("A$", "AUD"),
    ("₹", "INR"), ("Armenian Dram", "AMD"), ("pln", "PLN"), (" Gbp ", "GBP"),
    ("xyz", None), ("dollarz", None), ("", None),
])
def test_currency_code(text: str, code: str | None) -> None:
    assert currency_code(text) == code


def test_posting_end() -> None:
    text = "Job\nPay: $1\nSimilar Jobs at Dropbox\nOther job"
    assert text[posting_end(text):].startswith("Similar Jobs")
    assert posting_end("no chrome here") == len("no chrome here")


@pytest.mark.parametrize(("text", "expected"), [
    ("Gehalt: 65.000 – 78.000 € brutto/Jahr", [(65000, 78000, "EUR", "year")]),
    ("Vergütung: 2.400 € brutto monatlich", [(2400, 2400, "EUR", "month")]),
    ("Bruttojahresgehalt ab 42.000 €", [(42000, None, "EUR", "year")]),
    ("Stundenlohn: 13,50 €", [(13.5, 13.5, "EUR", "hour")]),
    ("CHF 5'800 – 6'400 pro Monat", [(5800, 6400, "CHF", "month")]),
    ("Vergütung: 85.000 – 100.000 € p.a. zzgl. Bonus", [(85000, 100000, "EUR", "year")]),
    ("Gehalt bis zu 60.000 € im Jahr", [(None, 60000, "EUR", "year")]),
    ("Remote-Budget 1.500 € pro Jahr", []),
])
def test_german_pay_words_and_periods(text: str, expected: list[tuple]) -> None:
    got = [(f.value.min, f.value.max, f.value.currency, f.value.period)
           for f in parse_salaries(text)]
    assert got == expected
