"""Education parser: degree phrasings from the corpus (English, French, Russian), and
look-alikes that are not degrees."""

from __future__ import annotations

import pytest

from extractor.parse.education import parse_education

# text, expected [(level, confidence)] in order of appearance
CASES = [
    ("Bachelor's degree in CS", [("bachelor", 1.0)]),
    # exports that lost the line break between sentences: the wish is the next sentence's
    ("High School diploma or equivalent.Prior manufacturing experience, preferably in the "
     "chemical industry.", [("high_school", 1.0)]),
    ("Bachelor’s degree requiredCandidates with an MBA preferred",
     [("bachelor", 1.0), ("master", 0.5)]),
    ("A Bachelor's degree would be highly regarded but is not essential", []),
    ("Requires a bachelor’s degree in journalism", [("bachelor", 1.0)]),
    ("BS/MS", [("bachelor", 1.0), ("master", 1.0)]),
    ("- B.Sc. in Physics", [("bachelor", 1.0)]),
    ("- B.S in software engineering", [("bachelor", 1.0)]),
    ("Education:Master's (Required)License", [("master", 1.0)]),
    ("Requirements\n• PhD candidate in Computer Science or a related field", [("doctorate", 1.0)]),
    ("High school diploma or equivalent required.", [("high_school", 1.0)]),
    ("Associate degree in nursing", [("associate", 1.0)]),
    ("10 Years of job-related experience and Associates degree", [("associate", 1.0)]),
    ("12 Years of job-related experience and High School/GED diploma", [("high_school", 1.0)]),
    ("BS and 8 years related experience", [("bachelor", 1.0)]),
    ("BS/BA; 0+ years of relevant experience", [("bachelor", 1.0), ("bachelor", 1.0)]),
    ("MS or PhD in Computer Science", [("master", 1.0), ("doctorate", 1.0)]),
    ("MSEE with 5 years of experience", [("master", 1.0)]),
    ("- University degree in Law ", [("bachelor", 1.0)]),
    ("4 Year University Degree", [("bachelor", 1.0)]),
    ("A four-year college degree", [("bachelor", 1.0)]),
    ("Advanced degree in Data Science, Statistics", [("master", 1.0)]),
    ("Bachelor's degree required, Master's degree preferred.",
     [("bachelor", 1.0), ("master", 0.5)]),
    ("PhD or MBA are highly desirable", [("doctorate", 0.5), ("master", 0.5)]),
    ("- BS/MS degree is a plus.", [("bachelor", 0.5), ("master", 0.5)]),
    ("Preferred Qualifications\nMaster's or Ph.D. degree in Engineering",
     [("master", 0.5), ("doctorate", 0.5)]),
    ("Undergraduate degree required. B.A. or B.S., marketing",
     [("bachelor", 1.0), ("bachelor", 1.0), ("bachelor", 1.0)]),
    ("Высшее профильное образование", [("bachelor", 1.0)]),
    ("Среднее профессиональное или высшее техническое образование.",
     [("associate", 1.0), ("bachelor", 1.0)]),
    ("Образование не ниже среднего профессионального.", [("associate", 1.0)]),
    ("Profil : Bac+5 en informatique", [("master", 1.0)]),
    ("Bac+3 minimum", [("bachelor", 1.0)]),
    ("Formation Bac+2 (BTS, DUT)", [("associate", 1.0), ("associate", 1.0),
                                    ("associate", 1.0)]),
    ("Titulaire d'un diplôme d'ingénieur", [("master", 1.0)]),
    # look-alikes
    ("Proficient in MS Word, MS Excel and MS SQL Server", []),
    ("Scrum Master certification", []),
    ("Master Electrician license", []),
    ("We are hiring a Sales Associate", []),
    ("5+ years of relevant industry or postdoctoral experience.", []),
    ("No degree required", []),
    ("Communication for BSC office;", []),
    ("Offices in Boston, MA/NY", []),
    ("Teach high school students", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_education(text: str, expected: list[tuple[str, float]]) -> None:
    found = parse_education(text)
    assert [(f.value, f.confidence) for f in found] == expected


def test_spans_point_at_the_degree() -> None:
    text = "Requirements:\nBS/MA/MS/PhD in Statistics"
    found = parse_education(text)
    assert [text[f.start:f.end] for f in found] == ["BS", "MA", "MS", "PhD"]
    assert [f.value for f in found] == ["bachelor", "master", "master", "doctorate"]
