"""An API answer's structured fields (pay, employment type, workplace, level, dates) reach
the record through header lines the parsers read; a table's row keeps its label columns
out; other postings beside the posting never reach the text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from extractor import Settings, extract, resolve_settings
from extractor.codes import country_name
from extractor.load import Document, iter_inputs, load_text
from extractor.parse.dates import dates_in_fields
from extractor.parse.location import parse_locations
from extractor.parse.salary import parse_salaries

BODY = "We are hiring someone to keep our warehouse running smoothly every day of the week."


def header(obj: Any) -> list[str]:
    """The header lines the loader writes above the posting's text."""
    doc = load_text(json.dumps(obj))
    return doc.content.split("\n\n", 1)[0].split("\n")


def posting(**fields: Any) -> dict[str, Any]:
    """An API answer's posting: an id number marks it as one (a table's row is all text)."""
    return {"id": 4411, "title": "Warehouse Operative", "description": BODY, **fields}


@pytest.fixture
def rules() -> Settings:
    return resolve_settings(env={}, strategy="rules", use_cache=False,
                            reference_date=dt.date(2025, 6, 20))


# --- pay ---------------------------------------------------------------------------------

def test_a_pay_object_is_a_salary_line_with_currency_and_period() -> None:
    obj = posting(salary={"min": 5000, "max": 7000, "currency": "BRL", "period": "month"})
    assert "Salary: 5000-7000 BRL per month" in header(obj)


def test_a_schema_org_monetary_amount_is_read_through_its_value() -> None:
    pay = {"@type": "MonetaryAmount", "currency": "USD",
           "value": {"@type": "QuantitativeValue", "minValue": 120000.0, "maxValue": 150000,
                     "unitText": "YEAR"}}
    assert "Salary: 120000-150000 USD per year" in header(posting(baseSalary=pay))


def test_an_hh_salary_range_reads_its_mode_and_the_old_rouble_code() -> None:
    pay = {"from": 300, "to": 400, "currency": "RUR", "mode": {"id": "HOUR", "name": "За час"},
           "frequency": {"id": "WEEKLY"}}
    assert "Salary: 300-400 RUB per hour" in header(posting(salary_range=pay))


def test_flat_min_and_max_columns_with_a_currency_are_one_range() -> None:
    obj = posting(salaryMin=55000, salaryMax=65000, salaryCurrency="EUR",
                  salaryPeriod="per-year-salary")
    assert "Salary: 55000-65000 EUR per year" in header(obj)


def test_greenhouse_pay_ranges_in_cents_are_read_in_units() -> None:
    ranges = [{"min_cents": 12000000, "max_cents": 15000000, "currency_type": "USD"}]
    assert "Salary: 120000-150000 USD" in header(posting(pay_input_ranges=ranges))


def test_a_single_figure_from_only_one_bound_says_from_or_up_to() -> None:
    assert "Salary: from 150000 RUB" in header(posting(salary_from=150000, currency="RUB"))
    assert "Salary: up to 45000 GBP" in header(posting(salary_max=45000, currency="GBP"))


@pytest.mark.parametrize("fields", [
    {"salary_min": 25, "salary_max": 27},  # no currency anywhere: a bare figure is not pay
    {"salary_min": 0, "salary_max": 0, "currency": "USD"},  # zeros say nothing
    {"salary": {"min": True, "max": "lots", "currency": "USD"}},
])
def test_figures_without_a_currency_or_amount_give_no_salary_line(fields: dict[str, Any]) -> None:
    assert not any(line.startswith("Salary:") for line in header(posting(**fields)))


def test_pay_text_is_shown_as_written_with_the_period_a_field_beside_it_states() -> None:
    obj = posting(salary="3 500 – 4 500 BYN", period="в месяц, до вычета налогов")
    assert "Salary: 3 500 – 4 500 BYN per month" in header(obj)


def test_bare_figures_take_the_postings_currency_and_period_columns() -> None:
    obj = posting(salary="28000-32000", salary_currency="GBP", salary_period="annum")
    assert "Salary: 28000-32000 GBP per year" in header(obj)


def test_a_range_with_a_period_beats_the_text_and_the_text_beats_one_without() -> None:
    with_period = {"min": 4100, "max": 4100, "currency": "BRL", "unit": "MONTH",
                   "label": "R$ 4.100,00 por mês"}
    assert "Salary: 4100 BRL per month" in header(posting(salary=with_period))
    no_period = {"from": 80000, "to": 110000, "currency": "RUR",
                 "text": "80 000 – 110 000 ₽ в месяц"}
    assert "Salary: 80 000 – 110 000 ₽ в месяц" in header(posting(salary=no_period))


# --- employment type, workplace, level -------------------------------------------------------

def test_enum_values_are_shown_as_words() -> None:
    lines = header(posting(employmentType="FULL_TIME", workplaceType="ON_SITE"))
    assert "Employment type: Full time" in lines and "Workplace: On site" in lines


def test_an_id_and_name_object_shows_its_name() -> None:
    obj = posting(employment={"id": "part", "name": "Частичная занятость"},
                  experience={"id": "noExperience", "name": "Нет опыта"})
    assert {"Employment type: Частичная занятость", "Experience: Нет опыта"} <= set(header(obj))


def test_an_object_without_a_name_shows_its_short_texts() -> None:
    obj = posting(contract={"id": 7, "type": "CLT", "hours": "FULL_TIME"})
    assert "Employment type: CLT, Full time" in header(obj)


def test_a_list_of_types_is_read_item_by_item() -> None:
    lines = header(posting(regime=["Temps plein", "4/5e"], contract="CDI"))
    assert {"Employment type: CDI", "Work type: Temps plein", "Work type: 4/5e"} <= set(lines)


def test_a_true_remote_flag_is_remote_yes_and_a_false_one_says_nothing() -> None:
    assert "Remote: yes" in header(posting(isRemote=True))
    assert "Remote: yes" in header(posting(location={"display": "Remote (US)", "remote": True}))
    assert not any(line.startswith(("Remote", "Workplace")) for line in
                   header(posting(remote=False)))


def test_a_remote_field_in_words_is_the_workplace_as_written() -> None:
    lines = header(posting(remote="partial"))
    assert "Workplace: partial" in lines and "Remote: yes" not in lines


def test_lever_categories_and_greenhouse_custom_fields_are_the_postings_own() -> None:
    lever = posting(categories={"commitment": "Part-time", "location": "Oslo"})
    assert "Employment type: Part-time" in header(lever)
    metadata = [{"id": 1, "name": "Employment Type", "value": "Contract"},
                {"id": 2, "name": "Seniority", "value": "Senior"}]
    assert {"Employment type: Contract", "Seniority: Senior"} <= set(header(posting(
        metadata=metadata)))


def test_a_bare_type_key_gets_a_plain_type_label_and_json_ld_type_is_not_one() -> None:
    lines = header({"@type": "JobPosting", "title": "Nurse", "description": BODY,
                    "type": "vacancy_type_effective", "id": 3})
    assert "Type: Vacancy type effective" in lines
    assert not any("JobPosting" in line for line in lines)


# --- dates -----------------------------------------------------------------------------------

def test_dates_are_shown_under_their_own_keys() -> None:
    lines = header(posting(publicado="há 6 dias", fecha_cierre="20/12/2025",
                           date="2025-01-01"))
    assert "publicado: há 6 dias" in lines and "fecha_cierre: 20/12/2025" in lines
    assert not any(line.startswith("date:") for line in lines)  # a bare date dates nothing


def test_the_merge_reads_an_iso_date_under_a_portuguese_key() -> None:
    assert dates_in_fields({"publicada": "2025-01-27"}) == {
        "date_posted": ("publicada", dt.date(2025, 1, 27))}


# --- what is never read ------------------------------------------------------------------------

def test_a_tables_label_columns_stay_out_of_the_header(tmp_path: Path) -> None:
    row = {"title": "Nurse", "company_name": "Acme", "description": BODY,
           "min_salary": "50000", "max_salary": "60000", "currency": "USD",
           "pay_period": "YEARLY", "employment_type": "Full-time", "telecommuting": "1"}
    path = tmp_path / "rows.csv"
    path.write_text(",".join(row) + "\n" + ",".join(json.dumps(v) for v in row.values()) + "\n",
                    encoding="utf-8")
    for doc in [load_text(json.dumps(row)), *iter_inputs([path])]:
        assert isinstance(doc, Document)
        assert doc.content.split("\n\n")[0] == "Title: Nurse\nCompany: Acme"


def test_other_postings_never_reach_the_header_or_the_text() -> None:
    similar = [{"title": "Forklift Driver", "salary": "$25 an hour",
                "employmentType": "PART_TIME", "description": "Drive forklifts all day."}]
    doc = load_text(json.dumps({"data": {"job": posting(employmentType="FULL_TIME")},
                                "similarJobs": similar, "recommendations": similar}))
    assert "Employment type: Full time" in doc.content
    assert "Forklift" not in doc.content and "$25" not in doc.content


def test_other_postings_are_left_out_of_an_object_read_as_key_value_lines() -> None:
    obj = {"status": "ok", "result": {
        "puesto": "Asistente de Contabilidad", "empresa": "Andina", "salario": "S/ 2,000",
        "funciones": ["Registrar compras y ventas en el sistema contable cada semana",
                      "Elaborar conciliaciones bancarias y reportes para la gerencia",
                      "Apoyar en la declaración mensual de impuestos ante la SUNAT"]},
        "avisos_relacionados": [{"puesto": "Contador General", "empresa": "Grupo Molle",
                                 "salario": "S/ 6,500"}]}
    doc = load_text(json.dumps(obj))
    assert doc.content.startswith("Title: Asistente de Contabilidad\nCompany: Andina\n"
                                  "Salary: S/ 2,000")
    assert "6,500" not in doc.content and "Contador" not in doc.content


def test_a_company_objects_own_fields_are_not_the_postings() -> None:
    obj = posting(company={"name": "Acme", "remote": True, "employmentType": "CONTRACTOR",
                           "salary": {"min": 1, "max": 2, "currency": "USD"}})
    lines = header(obj)
    assert "Company: Acme" in lines and len(lines) == 2


def test_a_pay_object_with_text_is_not_taken_for_the_posting() -> None:
    obj = {"id": 9, "title": "Frontend Jr", "summary": BODY,
           "salary": {"text": "ARS 1.200.000 brutos mensuales", "currency": "ARS"}}
    doc = load_text(json.dumps(obj))
    assert doc.content.startswith("Title: Frontend Jr") and doc.content.endswith(BODY)


def test_a_hostile_object_gives_a_short_header() -> None:
    huge = ["FULL_TIME"] * 100_000
    deep: dict[str, Any] = {"name": "x" * 10_000}
    for _ in range(500):
        deep = {"value": deep}
    obj = posting(employmentType=huge, salary=[deep] * 1000, seniority="Senior " * 5000,
                  metadata=[{"name": "Employment Type", "value": f"T{n}"} for n in range(5000)])
    lines = header(obj)
    assert len(lines) <= 6 and all(len(line) <= 200 for line in lines)


# --- the posting's own keys in other languages ---------------------------------------------------

def test_title_company_place_and_body_keys_in_other_languages() -> None:
    obj = {"id": 1, "cargo": "Vendedor Interno", "empresa": {"nome": "Serra Azul"},
           "cidade": "Goiânia", "estado": "GO", "descricao": BODY}
    doc = load_text(json.dumps(obj))
    assert doc.content.startswith("Title: Vendedor Interno\nCompany: Serra Azul\n"
                                  "Location: Goiânia, GO")


def test_a_country_code_in_an_address_is_the_countrys_name() -> None:
    obj = posting(location={"city": "Córdoba", "province": "Córdoba", "country": "AR"})
    assert "Location: Córdoba, Argentina" in header(obj)


def test_a_place_with_city_parts_is_read_from_them_not_its_street() -> None:
    obj = posting(location={"city": "西安", "address": "西安市高新区锦业路1号"})
    assert "Location: 西安" in header(obj)


def test_a_hidden_employer_is_no_company() -> None:
    assert not any(line.startswith("Company") for line in header(posting(empresa="Confidencial")))
    hidden = posting(empresa={"nome": "Empresa Confidencial", "confidencial": True})
    assert not any(line.startswith("Company") for line in header(hidden))


def test_a_body_given_as_an_object_of_parts_is_read_under_their_headings() -> None:
    obj = posting(description={"responsibilities": ["Plan the shifts", "Train new starters"],
                               "niceToHave": "A forklift licence"})
    doc = load_text(json.dumps(obj))
    assert "Responsibilities\nPlan the shifts\nTrain new starters" in doc.content
    assert "Nice to have\nA forklift licence" in doc.content


def test_a_list_of_other_postings_is_not_a_feed_of_this_one(tmp_path: Path) -> None:
    obj = {"result": {"puesto": "Asistente", "empresa": "Andina",
                      "funciones": [BODY, "Registrar compras y ventas en el sistema contable",
                                    "Elaborar conciliaciones bancarias cada semana"]},
           "relacionados": [{"puesto": "Contador", "empresa": "Molle"},
                            {"puesto": "Auditor", "empresa": "Molle"}]}
    path = tmp_path / "job.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    [doc] = iter_inputs([path])
    assert isinstance(doc, Document) and doc.content.startswith("Title: Asistente")
    assert "Contador" not in doc.content


# --- the parsers read the header lines -------------------------------------------------------

def test_the_record_takes_the_structured_fields(rules: Settings) -> None:
    obj = {"data": {"job": posting(
        salary={"min": 5000, "max": 7000, "currency": "BRL", "period": "month"},
        employmentType="FULL_TIME", workplaceType="REMOTE", seniorityLevel="Senior",
        publishedAt="2025-06-03T07:30:00+02:00")}}
    record = extract(obj, rules).record
    assert record is not None
    assert [(s.min, s.max, s.currency, s.period) for s in record.salary] == [
        (5000, 7000, "BRL", "month")]
    assert record.employment_types == ["full_time"] and record.workplace_type == "remote"
    assert record.seniority == "senior" and record.date_posted == dt.date(2025, 6, 3)


@pytest.mark.parametrize(("fields", "name", "value"), [
    ({"workplace": "ON_SITE"}, "workplace_type", "onsite"),
    ({"workplace": {"type": "HYBRID"}}, "workplace_type", "hybrid"),
    ({"remote": True}, "workplace_type", "remote"),
    ({"jobType": "全职"}, "employment_types", ["full_time"]),
    ({"tipo_contrato": "Plazo fijo"}, "employment_types", ["temporary"]),
    ({"type": "Part-time"}, "employment_types", ["part_time"]),
    ({"work_type": "CONTRACTOR"}, "employment_types", ["contract"]),
    ({"employmentType": ["INTERN"]}, "employment_types", ["internship"]),
    ({"experienceLevel": "Entry level"}, "seniority", "entry"),
    ({"level": "Director"}, "seniority", "director"),
])
def test_the_parsers_read_each_header_line(rules: Settings, fields: dict[str, Any], name: str,
                                           value: Any) -> None:
    record = extract(posting(**fields), rules).record
    assert record is not None and getattr(record, name) == value


def test_a_cdi_with_part_time_hours_beside_it_is_part_time(rules: Settings) -> None:
    obj = posting(contrat="CDI", duree_hebdo="Temps partiel 24 h",
                  description="Vous vendez nos pains et viennoiseries en boutique chaque matin.")
    record = extract(obj, rules).record
    assert record is not None and record.employment_types == ["part_time"]


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
