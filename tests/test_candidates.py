"""Title and company candidates: what the page offers, most reliable first, with spans."""

from __future__ import annotations

from extractor.candidates import (
    MAX_CANDIDATES,
    clean_title,
    company_candidates,
    title_candidates,
)

POSTING = """Senior Data Engineer
Job Title: Senior Data Engineer (Platform)
Company: Northwind Analytics

About Northwind Analytics
Northwind Analytics builds forecasting tools. At Northwind Analytics, we value craft.
"""


def _values(cands):
    return [(c.value, c.origin) for c in cands]


def test_page_data_title_ranks_before_a_labelled_line_a_heading_and_a_title_line():
    jsonld = [{"title": "Data Engineer, Platform"}]
    cands = title_candidates(POSTING, jsonld, None, "Staff Data Engineer")
    assert [c.origin for c in cands] == ["jsonld", "labelled", "heading", "line"]
    assert cands[0].value == "Data Engineer, Platform"


def test_a_title_found_in_the_text_carries_its_span_and_one_from_page_data_only_none():
    cands = title_candidates(POSTING, [{"title": "Data Engineer, Platform"}], None, None)
    labelled = next(c for c in cands if c.origin == "labelled")
    assert POSTING[labelled.start:labelled.end] == "Senior Data Engineer (Platform)"
    assert (cands[0].start, cands[0].end) == (-1, -1)


def test_the_same_title_twice_is_one_candidate_whatever_its_case():
    cands = title_candidates("Data Analyst\n", [], {"title": "DATA ANALYST"}, "data analyst")
    assert _values(cands) == [("DATA ANALYST", "field")]


def test_no_more_than_max_candidates_are_offered():
    text = "\n".join(f"Analyst {n}" for n in range(12))
    assert len(title_candidates(text, [], None, None)) == MAX_CANDIDATES


def test_a_title_line_loses_its_contract_prefix_and_its_pay_and_terms_tail():
    assert clean_title("Senior Data Engineer | Remote | $150k") == "Senior Data Engineer"
    assert clean_title("Stage - Assistant marketing") == "Assistant marketing"
    assert clean_title("## Backend Developer - Contract, outside IR35") == "Backend Developer"


def test_a_labelled_company_ranks_before_names_guessed_from_sentences():
    cands = company_candidates(POSTING, [], None)
    assert cands[0].value == "Northwind Analytics" and cands[0].origin == "labelled"
    assert POSTING[cands[0].start:cands[0].end] == "Northwind Analytics"


def test_the_rating_glassdoor_appends_to_a_company_field_is_dropped():
    cands = company_candidates("We build boats.", [], {"Company Name": "Harbor Marine\n4.1"})
    assert _values(cands) == [("Harbor Marine", "field")]


def test_page_data_company_comes_first():
    jsonld = [{"hiringOrganization": {"name": "Contoso Ltd"}}]
    assert company_candidates(POSTING, jsonld, None)[0].value == "Contoso"  # no legal form


def test_a_team_or_a_shouted_section_label_is_not_a_company():
    text = "Engineering is growing fast.\nABOUT US is below.\nAt Fabrikam, we ship weekly.\n"
    assert _values(company_candidates(text, [], None)) == [("Fabrikam", "pattern")]


def test_among_guessed_names_the_one_the_text_repeats_ranks_first():
    text = ("Join Lisbon and help us.\nAt Tailspin Toys, we build toys. Tailspin Toys ships "
            "worldwide and Tailspin Toys is growing.\n")
    assert company_candidates(text, [], None)[0].value == "Tailspin Toys"


def test_title_and_company_columns_are_read_whatever_their_case_and_separators():
    for title_key, company_key in (("Job Title", "Company Name"), ("job_title", "company_name"),
                                   ("JobTitle", "CompanyName"), ("POSITION", "EMPLOYER")):
        fields = {title_key: "Data Engineer", company_key: "Harbor Marine\n4.1"}
        assert _values(title_candidates("We build boats.", [], fields, None)) == [
            ("Data Engineer", "field")], title_key
        assert _values(company_candidates("We build boats.", [], fields)) == [
            ("Harbor Marine", "field")], company_key


def test_a_title_loses_a_suffix_that_states_its_type_or_workplace_but_keeps_others():
    assert clean_title("Registered Nurse | Hybrid") == "Registered Nurse"
    assert clean_title("Data Engineer (Remote)") == "Data Engineer"
    assert clean_title("Field Technician - On-site") == "Field Technician"
    assert clean_title("Designer (Contract)") == "Designer"
    assert clean_title("Research Intern (Summer 2026)") == "Research Intern (Summer 2026)"
    assert clean_title("On-site Technician") == "On-site Technician"


GERMAN_POSTING = """Senior Java-Entwickler (m/w/d)
Nordwind Logistik GmbH
Hamburg · Vollzeit · Hybrid

Die Nordwind Logistik GmbH ist ein Familienunternehmen mit 800 Mitarbeitenden.
"""


def test_a_german_title_line_is_a_title_candidate():
    assert title_candidates(GERMAN_POSTING, [], None, None)[0].value == "Senior Java-Entwickler"
    assert title_candidates("Kanzlei Berger\nServicetechniker:in Wärmepumpen (Vollzeit)\n",
                            [], None, None)[0].value == "Servicetechniker:in Wärmepumpen"
    assert clean_title("Bürokauffrau / Bürokaufmann (Teilzeit, 20 Std./Woche)") == (
        "Bürokauffrau / Bürokaufmann")
    assert clean_title("Junior Buchhalter (w/m/d) in Teilzeit") == "Junior Buchhalter"


def test_a_german_company_is_found_by_its_legal_form_label_or_sentence():
    assert company_candidates(GERMAN_POSTING, [], None)[0].value == "Nordwind Logistik"
    assert company_candidates("Unternehmen: Solaris Energie AG\n", [], None)[0].value == (
        "Solaris Energie")
    text = "Bürokraft (m/w/d)\n\nDie Kanzlei Berger & Söhne sucht eine Bürokraft in Köln.\n"
    assert company_candidates(text, [], None)[0].value == "Kanzlei Berger & Söhne"
