"""Output writing (extractor.batch.write): line formats, resume scans, the output file."""

from __future__ import annotations

from extractor.batch.write import CSV_COLUMNS, CsvFormat, flatten

CSV_HEADER = (
    "source,title,company,locations,workplace_type,remote_regions,employment_types,seniority,"
    "salary_min,salary_max,salary_currency,salary_period,salary_raw,date_posted,valid_through,"
    "experience_years_min,education_level,skills,visa_sponsorship,apply_url,language,"
    "error_type,error_message,cached,prompt_tokens,completion_tokens\n"
)


def _line(record=None, **extra):
    return {"source": "a/b.txt", "record": record, "error": None, **extra}


def test_csv_header_keeps_its_columns_and_order():
    assert CsvFormat.header == CSV_HEADER
    assert ",".join(CSV_COLUMNS) + "\n" == CSV_HEADER


def test_csv_row_takes_the_first_pay_range_and_joins_lists():
    record = {"title": "Baker", "skills": ["bread", "cakes"], "visa_sponsorship": True,
              "locations": [{"raw": "Lyon, France"}, {"raw": "Paris"}],
              "salary": [{"min": 30000, "max": 35000, "currency": "EUR", "period": "year",
                          "raw": "30-35k EUR"}, {"min": 1, "max": 2, "raw": "other"}],
              "responsibilities": ["bake"]}
    row = dict(zip(CSV_COLUMNS, flatten(_line(record, cached=True)), strict=True))
    assert row["title"] == "Baker" and row["skills"] == "bread; cakes"
    assert row["locations"] == "Lyon, France; Paris"
    assert (row["salary_min"], row["salary_max"], row["salary_currency"]) == (
        "30000", "35000", "EUR")
    assert row["salary_raw"] == "30-35k EUR"
    assert row["visa_sponsorship"] == "true" and row["cached"] == "true"
    assert "bake" not in row.values()  # long lists stay out of the CSV


def test_csv_row_of_a_failed_input_has_empty_record_cells_and_the_error():
    line = {"source": "x.txt", "record": None,
            "error": {"type": "model_error", "message": "retry later"}}
    row = dict(zip(CSV_COLUMNS, flatten(line), strict=True))
    assert row["error_type"] == "model_error" and row["error_message"] == "retry later"
    assert row["title"] == row["salary_min"] == ""
