"""An API answer's structured fields (pay, employment type, workplace, level, dates) reach
the record through header lines the parsers read; a table's row keeps its label columns
out; other postings beside the posting never reach the text."""

from __future__ import annotations

from extractor.codes import country_name
from extractor.parse.location import parse_locations
from extractor.parse.salary import parse_salaries

# --- parser rules the header needed ---------------------------------------------------------

def test_a_range_stated_with_and_without_its_period_is_one_range() -> None:
    found = parse_salaries("Salary: 80000-110000 RUB\n\nЗарплата 80 000 – 110 000 RUB в месяц.")
    assert [(f.value.min, f.value.max, f.value.currency, f.value.period) for f in found] == [
        (80000, 110000, "RUB", "month")]


def test_a_country_named_again_after_its_place_is_one_place() -> None:
    [place] = parse_locations("Location: Bristol, England, United Kingdom\n\nWe hire.")
    assert (place.value.raw, place.value.city, place.value.country) == (
        "Bristol, England, United Kingdom", "Bristol", "GB")
    two = parse_locations("Location: London, UK, Manchester, UK\n\nWe hire.")
    assert [p.value.city for p in two] == ["London", "Manchester"]


def test_a_country_code_has_an_english_name_without_commas() -> None:
    assert country_name("ES") == "Spain" and country_name("KR") == "South Korea"
    assert country_name("DEU") == "Germany" and country_name("Spain") is None
