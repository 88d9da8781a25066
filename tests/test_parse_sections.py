"""parse_sections on section layouts seen in real postings."""

from __future__ import annotations

import pytest

from extractor.parse.sections import KEYS, MAX_ITEM, MAX_ITEMS, parse_sections

BUILTIN = """Role Description

Dropbox powers collaboration for over 700 million registered users.

Responsibilities
  • Execute a defined engineering/research project aligned with your research.
  • Implement a prototype that addresses a concrete infrastructure challenge.
Requirements
  • PhD candidate in Computer Science or a related field.
  • Strong coding skills (e.g., Python, Rust, Go, C++).
Preferred Qualifications
  • Prior systems publications or open-source contributions
Compensation
US Pay Range
$12,500$12,500 USD

Top Skills

C++
Go
"""

ARMENIA = """JOB DESCRIPTION:  Under the supervision of the Executive Director,
implement and develop ESDF projects.
JOB RESPONSIBILITIES:
- Conduct quality trainings, seminars, and workshops in accordance with
ESDF strategy
- Participate in the development of new project ideas and project
proposals
REQUIRED QUALIFICATIONS:
Experience:
- Three years of experience in NGO sector
Education:
- University diploma in Education, Social Sciences or other related
field.
APPLICATION PROCEDURES:  Please submit a resume and cover letter to ESDF
office at the following address.
"""

ARMENIA_INLINE = """REQUIRED QUALIFICATIONS:  The trainer should have a very strong
background in journalism training and reporting and have a good command
of English.
APPLICATION PROCEDURES: Applicants are required to submit:
- Short cover letter explaining your interest in participating in the
workshop;
"""

GLASSDOOR = """We are seeking a highly motivated individual.
What you'll do:
Take ownership for designing and maintaining scalable data pipelines.
Design, construct, install, test and maintain data management systems.
Qualifications
Required:
BS/BA; 0+ years of relevant experience
High proficiency in SQL to include schema design
Preferred:
Experience with MPP data warehouses
C3.ai is proud to be an Equal Opportunity and Affirmative Action Employer.
"""

LINKEDIN_GLUED = (
    "My client is on the lookout for a dynamic Software Support Specialist.\n"
    "Responsibilities:Assist users in designing and optimizing their wireless networks."
    "Support Web Application users by identifying issues.Conduct online support sessions.\n"
    "Required Skills:Excellent computer skills.Strong verbal and written communication skills.\n"
)

LINKEDIN_INLINE = (
    "Responsibilities: • Oversees and manages all aspects of daily office operations. "
    "• Supervises and trains office staff. • Manage employee benefits.Qualifications: \n"
    "• Proven experience in Office management or a similar role. • Human Resources experience\n"
)

LINKEDIN_CAMEL = (
    "Role DescriptionThis internship is an exciting opportunity to join our team.\n"
    "QualificationsCurrently pursuing a degree in Marketing or a related fieldExcellent written "
    "and verbal communication skillsStrong understanding of social media platforms\n"
)

VERCEL = """About Vercel:
At Vercel, we believe that liberating the frontend unlocks creativity.
What you will do:
• Own the vision and strategy for your team.
• Connect with customers daily.
About you:
• You consider yourself a T-shaped product leader.
Benefits:
• Competitive compensation and stock options
• Unlimited PTO - 4 weeks recommended per year.
Vercel is committed to fostering and empowering an inclusive community.
Apply
"""

REMOTEOK = """Requirements

• - Education: Degree from a reputable university in Finance or Economics.

• - Linguistic Mastery: Flawless proficiency in English writing.


Please mention the word **ACUMEN** and tag RMjcuMTA5LjExNS4xNTU= when applying.
"""

HH_RU = """  Обязанности:
• Проведение контроля качества и безопасности выпускаемой продукции.
  Требования:
• \u200b\u200bСреднее профессиональное или высшее техническое образование.
  Условия:
• График работы 7:30 - 16:00, 5/2.
• Стабильная заработная плата.
"""

FRENCH = """Vos missions
- Concevoir et développer des API REST
- Participer aux revues de code
Profil recherché
- 3 ans d'expérience en Python
Avantages
- Télétravail partiel
- Tickets restaurant
"""

NICE_TO_HAVE = """What we're looking for:
* 5+ years with Go or Rust
Nice to have:
* Experience with Kubernetes
Bonus points
* Open-source contributions
Perks & Benefits
* Home office stipend
"""

LEAD_IN = """Requirements for this role:
- 3+ years of experience with Python
Benefits include:
- Medical, dental and vision
"""

SINGULAR = """REQUIRED QUALIFICATIONS:
- B.S in software engineering
- Visual Studio.Net ( Visual C++ and Visual Basic )
Preferred Qualification:
- POS programming experience
REMUNERATION/ SALARY:  Competitive
"""

NO_HEADINGS = """We are a fast-growing startup building tools for developers.
Our requirements are simple: curiosity and care.
Responsibilities for this role include a lot of things we cannot list here.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BUILTIN, {
            "responsibilities": [
                "Execute a defined engineering/research project aligned with your research.",
                "Implement a prototype that addresses a concrete infrastructure challenge."],
            "requirements": ["PhD candidate in Computer Science or a related field.",
                             "Strong coding skills (e.g., Python, Rust, Go, C++)."],
            "preferred_qualifications": [
                "Prior systems publications or open-source contributions"],
        }),
        (ARMENIA, {
            "responsibilities": [
                "Conduct quality trainings, seminars, and workshops in accordance with ESDF "
                "strategy",
                "Participate in the development of new project ideas and project proposals"],
            "requirements": ["Three years of experience in NGO sector",
                             "University diploma in Education, Social Sciences or other related "
                             "field."],
        }),
        (ARMENIA_INLINE, {
            "requirements": ["The trainer should have a very strong background in journalism "
                             "training and reporting and have a good command of English."],
        }),
        (GLASSDOOR, {
            "responsibilities": [
                "Take ownership for designing and maintaining scalable data pipelines.",
                "Design, construct, install, test and maintain data management systems."],
            "requirements": ["BS/BA; 0+ years of relevant experience",
                             "High proficiency in SQL to include schema design"],
            "preferred_qualifications": ["Experience with MPP data warehouses"],
        }),
        (LINKEDIN_GLUED, {
            "responsibilities": [
                "Assist users in designing and optimizing their wireless networks.",
                "Support Web Application users by identifying issues.",
                "Conduct online support sessions."],
            "requirements": ["Excellent computer skills.",
                             "Strong verbal and written communication skills."],
        }),
        (LINKEDIN_INLINE, {
            "responsibilities": ["Oversees and manages all aspects of daily office operations.",
                                 "Supervises and trains office staff.",
                                 "Manage employee benefits."],
            "requirements": ["Proven experience in Office management or a similar role.",
                             "Human Resources experience"],
        }),
        (LINKEDIN_CAMEL, {
            "requirements": [
                "Currently pursuing a degree in Marketing or a related field",
                "Excellent written and verbal communication skills",
                "Strong understanding of social media platforms"],
        }),
        (VERCEL, {
            "responsibilities": ["Own the vision and strategy for your team.",
                                 "Connect with customers daily."],
            "requirements": ["You consider yourself a T-shaped product leader."],
            "benefits": ["Competitive compensation and stock options",
                         "Unlimited PTO - 4 weeks recommended per year."],
        }),
        (REMOTEOK, {
            "requirements": [
                "Education: Degree from a reputable university in Finance or Economics.",
                "Linguistic Mastery: Flawless proficiency in English writing."],
        }),
        (HH_RU, {
            "responsibilities": ["Проведение контроля качества и безопасности выпускаемой "
                                 "продукции."],
            "requirements": ["Среднее профессиональное или высшее техническое образование."],
            "benefits": ["График работы 7:30 - 16:00, 5/2.", "Стабильная заработная плата."],
        }),
        (FRENCH, {
            "responsibilities": ["Concevoir et développer des API REST",
                                 "Participer aux revues de code"],
            "requirements": ["3 ans d'expérience en Python"],
            "benefits": ["Télétravail partiel", "Tickets restaurant"],
        }),
        (NICE_TO_HAVE, {
            "requirements": ["5+ years with Go or Rust"],
            "preferred_qualifications": ["Experience with Kubernetes",
                                         "Open-source contributions"],
            "benefits": ["Home office stipend"],
        }),
        (LEAD_IN, {"requirements": ["3+ years of experience with Python"],
                   "benefits": ["Medical, dental and vision"]}),
        (SINGULAR, {"requirements": ["B.S in software engineering",
                                     "Visual Studio.Net ( Visual C++ and Visual Basic )"],
                    "preferred_qualifications": ["POS programming experience"]}),
        (NO_HEADINGS, {}),
        ("", {}),
    ],
)
def test_parse_sections(text: str, expected: dict[str, list[str]]) -> None:
    found = parse_sections(text)
    assert set(found) == set(KEYS)
    assert {k: [f.value for f in v] for k, v in found.items() if v} == expected


@pytest.mark.parametrize("text", [BUILTIN, VERCEL, LINKEDIN_INLINE, HH_RU, FRENCH])
def test_spans_hold_the_item_text(text: str) -> None:
    for items in parse_sections(text).values():
        for f in items:
            assert " ".join(text[f.start:f.end].replace("\u200b", "").split()) == f.value


def test_long_item_is_cut_at_a_sentence_end() -> None:
    first = "Design and build data pipelines for our analytics platform. " * 4
    text = "Responsibilities\n• " + first + "x" * 400 + "\n"
    (item,) = parse_sections(text)["responsibilities"]
    assert len(item.value) <= MAX_ITEM
    assert item.value.endswith("platform.")


def test_at_most_twenty_items() -> None:
    text = "Benefits:\n" + "".join(f"• Perk number {i}\n" for i in range(30))
    items = parse_sections(text)["benefits"]
    assert len(items) == MAX_ITEMS
    assert items[-1].value == "Perk number 19"
