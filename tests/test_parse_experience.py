"""Experience parser: requirement phrasings from the corpus, and years that are not
experience (company age, ages, degree lengths, service years)."""

from __future__ import annotations

import pytest

from extractor.parse.experience import parse_experience_years

# text, expected values in order of appearance
CASES = [
    ("3+ years of experience", [3]),
    ("· Min 5-year experiences as analytics team lead or manager", [5]),  # hyphenated
    ("a 4-year degree and 3 years of experience", [3]),
    ("our 10-year history of service", []),
    ("3-5 years of experience in sales", [3]),
    ("Qualifications:\n3-5 years’ experience in commercial corporate lending", [3]),
    ("- At least two years of relevant experience ", [2]),
    ("Minimum of 5 yrs experience with SQL", [5]),
    ("Requirements: minimum of 5 yrs", [5]),
    ("• 5+ yrs", [5]),
    ("10+ years of professional work experience, at least 3+ years managing a team", [10, 3]),
    ("Experience:Accounting: 1 year (Required)Language:Mandarin (Required)", [1]),
    ("Experience as a Full-Stack Developer (3+ years)", [3]),
    ("Experience- Two (2) years of experience in counseling or psychotherapy", [2]),
    ("Min. two to three years previous customer service exp.  Real Estate", [2]),
    ("Minimum 2 years in PHP development;Decision making", [2]),
    ("3+ years as a Mortgage Customer Service Supervisor.", [3]),
    ("2-4+ years in a lead design role where you were independent", [2]),
    ("Required:\nBS/BA; 0+ years of relevant experience", [0]),
    ("12 Years of job-related experience and High School/GED diploma\n"
     "4 Years of job-related experience and Doctorate", [12, 4]),
    ("- Relevant work experience not less than 5 years, overseas experience is welcome", [5]),
    ("- Work experience / min. 1-3 years/", [1]),
    ("Job Requirements:4 Year University Degree5+ years of sales experienceStrong", [5]),
    ("Experience3-5 years in a digital marketing role required.", [3]),
    ("We are looking for 5+ years of experience with Java", [5]),
    ("Desirable 4 years experience in industry", [4]),
    ("No prior experience needed. Benefits:", [0]),
    ("Требуемый опыт работы\n: \n1–3 года\nПолная занятость", [1]),
    ("Опыт работы в аналогичной должности от 1-го года.", [1]),
    ("опыт работы от 1 года", [1]),
    ("стаж работы не менее 3-х лет", [3]),
    ("Без опыта", [0]),
    ("Profil : 2 ans d'expérience en développement", [2]),
    ("Une expérience de 3 ans minimum est requise", [3]),
    # not experience
    ("The company was founded 20 years ago in Yerevan.", []),
    ("For over 15 years we have served our clients.", []),
    ("With over 30 years of experience, Acme is a leader in logistics.", []),
    ("Our team has 50 years of combined experience.", []),
    ("Must be at least 18 years of age or older", []),
    ("- 20-35 years old", []),
    ("Applicants must be reporters or editors, 25 to 35-years-old", []),
    ("Completion of at least two years of college level study.", []),
    ("PTO increases after 5 years of service", []),
    ("This is a 2-year contract with possible extension", []),
    ("Serving clients for 20+ years", []),
    ("Internship runs 3-5 years from now", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_experience_years(text: str, expected: list[float]) -> None:
    found = parse_experience_years(text)
    assert [f.value for f in found] == expected
    assert all(isinstance(f.value, float) for f in found)


def test_span_and_wish_confidence() -> None:
    text = "- At least 3 years of experience required\n- 5 years of Go experience preferred"
    found = parse_experience_years(text)
    assert [text[f.start:f.end] for f in found] == ["At least 3 years", "5 years"]
    assert [f.confidence for f in found] == [1.0, 0.7]


def test_other_jobs_after_similar_jobs_are_ignored() -> None:
    text = "Опыт работы от 3 лет\nПохожие вакансии\nОпыт 1-3 года"
    assert [f.value for f in parse_experience_years(text)] == [3]


@pytest.mark.parametrize(("text", "expected"), [
    ("Mindestens 5 Jahre Berufserfahrung in der Softwareentwicklung", [5]),
    ("Erste Berufserfahrung von 1-2 Jahren", [1]),
    ("Mindestens 8 Jahre Erfahrung in der Finanzbuchhaltung, davon 3 Jahre in leitender "
     "Funktion", [8]),
    ("Mindestens 2 Jahre Führungserfahrung", [2]),
    ("• 4+ Jahre Backend-Entwicklung mit Python", [4]),
    ("Seit 20 Jahren sind wir Marktführer", []), ("• 30 Jahre Tradition", []),
    ("Berufseinsteiger willkommen", [0]),
])
def test_german_years_of_experience(text: str, expected: list[float]) -> None:
    assert [f.value for f in parse_experience_years(text)] == expected


def test_the_next_line_glued_on_after_experience_still_names_it() -> None:
    assert [f.value for f in parse_experience_years(
        "What You Need1+ year of clinical research experienceAssociate degree")] == [1]


def test_a_list_item_of_years_and_an_activity_is_a_requirement() -> None:
    assert [f.value for f in parse_experience_years("• 6+ years building backend services")] == [6]
    assert parse_experience_years("Since then we spent 5 years building the product") == []


def test_a_part_of_the_years_before_is_not_a_second_requirement() -> None:
    text = "At least 5 years of work experience in accounting, including 2 years in a lead role"
    assert [f.value for f in parse_experience_years(text)] == [5]


@pytest.mark.parametrize("text", ["No teaching experience is required.", "Freshers welcome"])
def test_no_experience_needed_in_other_words_is_zero(text: str) -> None:
    assert [f.value for f in parse_experience_years(text)] == [0]


@pytest.mark.parametrize(("text", "expected"), [
    ("Years of experience: 3", [3]), ("Years of Experience - 2+", [2]),
    ("Years of experience: 6 months", []),
])
def test_a_form_field_of_years_of_experience(text: str, expected: list[float]) -> None:
    assert [f.value for f in parse_experience_years(text)] == expected
