"""assemble on its own: one document in, its Result out (no pipeline, no cache)."""

from __future__ import annotations

import datetime as dt

import pytest

import extractor.assemble as assemble_module
import extractor.parse.seniority as seniority_module
from extractor.assemble import assemble
from extractor.backends import ModelReply, ModelRequest, Usage
from extractor.errors import TransportError
from extractor.load import Document
from extractor.question import Draft
from extractor.result import ErrorInfo
from extractor.settings import resolve_settings

POSTING = """Senior Firmware Engineer
Acme Robotics
Boston, MA
Salary: $120,000 - $150,000 per year
"""


def _settings(strategy: str, **kw: object):
    return resolve_settings(env={}, strategy=strategy, use_cache=False,
                            reference_date=dt.date(2026, 11, 1), **kw)


def _never(request: ModelRequest) -> ModelReply:
    raise AssertionError("rules must not ask the model")


def test_assemble_returns_the_record_evidence_and_sources():
    result = assemble(Document("a.txt", POSTING, "text"), _settings("rules"), _never)
    assert result.ok and result.source == "a.txt"
    assert result.record.title == "Senior Firmware Engineer"
    assert result.record.seniority == "senior"
    assert result.evidence["salary"][0]["text"].startswith("$120,000")
    assert result.meta == {"removed": [], "sources": result.meta["sources"]}
    assert result.meta["sources"]["salary"] == "rules"


def test_a_model_error_is_the_result_with_the_warnings_read_before_it():
    def failing(request: ModelRequest) -> ModelReply:
        raise TransportError("the server is down")

    text = POSTING + "\n\n" + "More duties and details about the team. " * 400
    result = assemble(Document("a.txt", text, "text"), _settings("full", max_input_chars=2000),
                      failing)
    assert result.record is None
    assert result.error == ErrorInfo("transport_error", "the server is down")
    assert "truncated" in result.meta["removed"]
    assert any("max_input_chars" in w for w in result.warnings)


def test_the_model_answer_usage_is_the_results_usage():
    def drafting(request: ModelRequest) -> ModelReply:
        return ModelReply(Draft(title="Senior Firmware Engineer"), Usage(120, 30))

    result = assemble(Document("a.txt", POSTING, "text"), _settings("full"), drafting)
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (120, 30)


def test_seniority_is_parsed_once_with_the_chosen_title(monkeypatch):
    calls: list[str | None] = []
    real = seniority_module.parse_seniority

    def counting(title, text, *more):
        calls.append(title)
        return real(title, text, *more)

    monkeypatch.setattr(seniority_module, "parse_seniority", counting)
    monkeypatch.setattr(assemble_module, "parse_seniority", counting, raising=False)
    assemble(Document("a.txt", POSTING, "text"), _settings("rules"), _never)
    assert calls == ["Senior Firmware Engineer"]


@pytest.mark.parametrize("strategy", ["rules", "guided"])
def test_nothing_to_ask_costs_no_tokens(strategy):
    result = assemble(Document("a.txt", POSTING, "text"), _settings(strategy), _never)
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (0, 0)


def test_a_company_column_in_any_spelling_is_page_data():
    from extractor.load import load_text

    doc = load_text('{"Job_Title": "Data Engineer", "COMPANY_NAME": "Harbor Marine",'
                    ' "Job Description": "We build boats and need a data engineer."}')
    result = assemble(doc, _settings("rules"), _never)
    assert (result.record.title, result.record.company) == ("Data Engineer", "Harbor Marine")
    assert result.meta["sources"]["company"] == "page"
    assert result.meta["sources"]["title"] == "page"


def test_apply_url_comes_from_the_rows_apply_column_or_the_pages_apply_link():
    from extractor.load import load_text

    row = load_text('{"position": "Support Engineer", "company": "Acme", "description": '
                    '"<p>Help our customers.</p><p><a href=\\"https://ats.example/acme/1\\">'
                    'Apply here</a></p>", "apply_url": "https://board.example/apply/1"}')
    assert assemble(row, _settings("rules"), _never).record.apply_url == (
        "https://board.example/apply/1")
    page = Document("p.html", '<h1>Support Engineer</h1><p>Help our customers.</p>'
                    '<p><a class="btn" href="https://ats.example/acme/1">Apply now</a></p>', "html")
    result = assemble(page, _settings("rules"), _never)
    assert result.record.apply_url == "https://ats.example/acme/1"
    assert result.evidence["apply_url"][0]["text"] == "Apply now"
    assert assemble(Document("a.txt", POSTING, "text"), _settings("rules"),
                    _never).record.apply_url is None


def test_a_title_suffix_is_the_type_and_workplace_evidence_and_leaves_the_title():
    from extractor.load import load_text

    doc = load_text('{"title": "Registered Nurse | Hybrid", "company": "Mercy Health",'
                    ' "description": "Care for patients on our cardiology ward."}')
    record = assemble(doc, _settings("rules"), _never).record
    assert (record.title, record.workplace_type) == ("Registered Nurse", "hybrid")
    doc = load_text('{"Job Title": "Data Scientist - Contract (Remote)", "Company": "Upside",'
                    ' "Job Description": "Model travel demand for our customers."}')
    record = assemble(doc, _settings("rules"), _never).record
    assert (record.title, record.employment_types, record.workplace_type) == (
        "Data Scientist", ["contract"], "remote")


def test_a_pages_json_ld_unit_and_region_complete_the_pay_and_place_the_text_states():
    ld = ('{"@context": "https://schema.org", "@type": "JobPosting", "title": "Picker",'
          ' "baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "value": {"@type":'
          ' "QuantitativeValue", "minValue": 18.5, "maxValue": 21, "unitText": "HOUR"}},'
          ' "jobLocation": {"@type": "Place", "address": {"addressLocality": "Reno",'
          ' "addressRegion": "Nevada", "addressCountry": "US"}}}')
    page = (f'<html><head><script type="application/ld+json">{ld}</script></head><body>'
            '<h1>Picker</h1><p>Location: Reno</p><p>Pay: $18.50 - $21.00</p>'
            '<p>Pick and pack orders in our warehouse.</p></body></html>')
    record = assemble(Document("p.html", page, "html"), _settings("rules"), _never).record
    assert [(s.min, s.max, s.period) for s in record.salary] == [(18.5, 21, "hour")]
    assert [(p.city, p.region, p.country) for p in record.locations] == [("Reno", "Nevada", "US")]


GERMAN = """Senior Java-Entwickler (m/w/d)
Nordwind Logistik GmbH
Hamburg · Vollzeit
veröffentlicht am 12.03.2024

Über uns
Die Nordwind Logistik GmbH ist ein Familienunternehmen mit 800 Mitarbeitenden.

Deine Aufgaben
- Du entwickelst Microservices mit Java und Spring Boot

Dein Profil
- Mindestens 5 Jahre Berufserfahrung in der Softwareentwicklung

Wir bieten
- Unbefristeter Arbeitsvertrag
- Mobiles Arbeiten an bis zu 3 Tagen pro Woche
- Gehalt: 70.000 – 85.000 € brutto pro Jahr
"""


def test_a_german_posting_gets_its_fields_from_the_rules():
    record = assemble(Document("de.txt", GERMAN, "text"), _settings("rules"), _never).record
    assert (record.title, record.company) == ("Senior Java-Entwickler", "Nordwind Logistik")
    assert [(p.city, p.country) for p in record.locations] == [("Hamburg", "DE")]
    assert (record.employment_types, record.workplace_type, record.seniority) == (
        ["full_time"], "hybrid", "senior")
    assert (record.date_posted, record.experience_years_min) == (dt.date(2024, 3, 12), 5)
    assert [(s.min, s.max, s.currency, s.period) for s in record.salary] == [
        (70000, 85000, "EUR", "year")]
    assert record.language == "de"
