"""Employment-type parser: labels, header tokens and statements from the corpus, and
mentions that say nothing about this job."""

from __future__ import annotations

import pytest

from extractor.parse.employment import parse_employment_types

FRENCH = ("Nous recrutons un développeur pour une durée de 6 mois. Vous travaillerez avec "
          "la équipe et les clients dans le cadre du projet. ")

# text, expected values in order of appearance
CASES = [
    ("Job Type: Full-time", ["full_time"]),
    ("Job Type: Full-timePay: $85,000.00 - $105,000.00 per year", ["full_time"]),
    ("Job Type: Non-Exempt: Full time-in personHours: Monday– Friday", ["full_time"]),
    ("Position Type\nFull Time\nEducation Level", ["full_time"]),
    ("Position Type: Full-Time/Regular", ["full_time"]),
    ("TERM:  Full-time; 40 hours/week", ["full_time"]),
    ("DURATION:  Full time", ["full_time"]),
    ("Hire Type: 12 Months Contract", ["contract"]),
    ("Engagement type:\t\tIndependent Contractor Agreement", ["contract"]),
    ("Duration: 6+ month contract", ["contract"]),
    ("Job Type:\n Freelance\n", ["contract"]),
    ("Job Type: Other", ["other"]),
    ("Built In\n13K-13K Annually\nInternship\nRemote", ["internship"]),
    ("TITLE:  Intern\nINTENDED AUDIENCE:", ["internship"]),
    ("North America Remote / San Francisco · Full-Time", ["full_time"]),
    ("Freelance | 8–20 hrs/week | Remote (EU/UK)", ["contract"]),
    ("Remote (Full Time) \nCompensation: $25 - $27", ["full_time"]),
    ("Child Custody Recommending Counselor (Part-Time)Part-time schedule will", ["part_time"]),
    ("Senior Rails Full-Stack Engineer (m/f, full-time) to start", ["full_time"]),
    ("Temporary", ["temporary"]),
    ("Per diem", ["per_diem"]),
    ("Volunteer", ["volunteer"]),
    ("HIRING FOR ALL SHIFTS TO WORK PRN, WEEKENDS AND/OR HOLIDAYS!", ["per_diem"]),
    ("This is a full-time on-site role for a Fire Sprinkler Designer", ["full_time"]),
    ("This is a remote contract role for a Commercial Loan Officer.", ["contract"]),
    ("to join our team on an independent contract basis, 40 hours per week", ["contract"]),
    ("We are looking for a part-time AI Trainer with experience", ["part_time"]),
    ("Headspace is seeking an experienced Temp Clinical Product Lead", ["temporary"]),
    ("This is a US-based, remote Temp role that runs for about 6 months", ["temporary"]),
    ("Cage Riot Studios seeks a paid intern camera operator/videographer", ["internship"]),
    ("As the Design Intern at BetterHelp, you’ll join a diverse team", ["internship"]),
    ("This is a PAID Summer Internship with potential for full time career", ["internship"]),
    ("Инженер по качеству\nПолная занятость\n, \nполный день", ["full_time"]),
    ("Частичная занятость", ["part_time"]),
    ("Тип занятости: Стажировка", ["internship"]),
    ("Type de contrat : CDI", ["full_time"]),
    (FRENCH + "Contrat en CDD, temps plein.", ["temporary", "full_time"]),
    (FRENCH + "Offre de stage de fin d'études.", ["internship"]),
    (FRENCH + "Poste en alternance.", ["other"]),  # the labelling rules: alternance -> other
    ("Title: Digital Marketing Intern\nCompany: Red Krypton", ["internship"]),
    ("Title: Part Time Quickbooks Bookkeeper\nLocation: CA", ["part_time"]),
    ("Title: Data Analyst (Contract)", ["contract"]),
    ("We are looking for a Customer Service Agent (full-time) in our Headquater in Munich",
     ["full_time"]),
    ("This full-time, hourly role will work on-site at the Bird House", ["full_time"]),
    ("JOB DESCRIPTION: The following full time position starting as soon as possible",
     ["full_time"]),
    # nothing about this job
    ("Title: Internship Program Manager", []),
    ("Title: International Sales Director", []),
    ("Title: Contracts Administrator (Federal Government Contractor)", []),
    ("Vacation: 10 days per year (full-time employees only)", []),
    ("Tuition (full-time only)", []),
    ("opportunity to convert to a full-time role after the summer", []),
    ("And if you do a great job, these companies can hire you full-time.", []),
    ("Full-time employees are eligible for our generous 401(k) match.", []),
    ("Support contract negotiations with vendors", []),
    ("Benefits are prorated to the full-time equivalent (FTE).", []),
    ("We are looking for a Contract Manager to join our legal team", []),
    ("Tuition reimbursement up to $5,250 for full-time, $2,650 for part-time", []),
    ("experience required (either through an internship or work experience)", []),
    ("we're not looking to hire a freelancer or agency at this time", []),
    ("Must be authorized to work in the United States on a full-time basis", []),
    ("Whether you are seeking a full-time career change, apply", []),
    ("Administer PRN medications as ordered", []),
    ("We hold seasonal company events", []),
    ("The next stage of growth is here", []),
    ("Company status: Early stage startup", []),
    ("Experience as a volunteer is a plus", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_employment_types(text: str, expected: list[str]) -> None:
    assert [f.value for f in parse_employment_types(text)] == expected


def test_each_type_once_at_its_best_span() -> None:
    text = "We are seeking a full-time analyst.\nJob Type: Full-time"
    (found,) = parse_employment_types(text)
    assert found.value == "full_time"
    assert found.confidence == 1.0
    assert text[found.start:found.end] == "Full-time"


def test_similar_jobs_are_not_this_job() -> None:
    text = "Internship\nSimilar Jobs at Dropbox\nFull-time\nSenior level"
    assert [f.value for f in parse_employment_types(text)] == ["internship"]


GERMAN = "Wir suchen für unser Team in der Stadt eine engagierte Person mit Erfahrung. "


@pytest.mark.parametrize(("text", "expected"), [
    (GERMAN + "Die Stelle ist in Vollzeit zu besetzen.", ["full_time"]),
    (GERMAN + "Wir bieten einen unbefristeten Arbeitsvertrag.", ["full_time"]),
    (GERMAN + "Anstellung: unbefristet, in Teilzeit (20 Stunden).", ["part_time"]),
    (GERMAN + "Der Vertrag ist befristet auf 12 Monate.", ["temporary"]),
    (GERMAN + "Reinigungskraft auf Minijob-Basis.", ["part_time"]),
    (GERMAN + "Ein Praktikum im Bereich Marketing.", ["internship"]),
    ("Aare Präzision AG, Solothurn · Pensum 100 % · Festanstellung", ["full_time"]),
    ("Nous recrutons un comptable en CDI à temps partiel pour notre agence et vous "
     "rejoindrez une équipe dans la région.", ["part_time"]),
])
def test_german_contract_and_hours_words_are_employment_types(text, expected) -> None:
    assert [f.value for f in parse_employment_types(text)] == expected
