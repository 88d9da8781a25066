"""parse_skills on skill mentions (and traps) from real postings."""

from __future__ import annotations

import pytest

from extractor.parse.skills import parse_skills


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strong coding skills (e.g., Python, Rust, Go, C++) plus an ability to prototype.",
         ["Python", "Rust", "Go", "C++"]),
        ("Top Skills\n\nC++\nGo\nPython\nRust\n", ["C++", "Go", "Python", "Rust"]),
        ("Experience in at least one of these languages: Python, R, VBA, Java, C++",
         ["Python", "R", "VBA", "Java", "C++"]),
        ("Software development skills in a language such as Rust, Go, C#, C++, Ruby or Java.",
         ["Rust", "Go", "C#", "C++", "Ruby", "Java"]),
        ("Proficiency with Python, Django, PostgreSQL, and Vue.js",
         ["Python", "Django", "PostgreSQL", "Vue.js"]),
        ("We use postgres, Postgres and k8s in production.", ["PostgreSQL", "Kubernetes"]),
        ("Experience with Docker and Kubernetes is a huge plus.", ["Docker", "Kubernetes"]),
        ("Tools: Spark, Pandas, SciKit-Learn, TensorFlow, Keras, SQL",
         ["Spark", "pandas", "scikit-learn", "TensorFlow", "Keras", "SQL"]),
        ("Experience with deep learning frameworks such as TensorFlow, Keras, or Torch",
         ["TensorFlow", "Keras", "PyTorch"]),
        ("Proficient in Microsoft Office 365(Word, Excel, Teams)", ["Microsoft Office", "Excel"]),
        ("Proficiency in AutoCAD and other design software", ["AutoCAD"]),
        ("Familiarity with design software (e.g., Canva) is a plus", ["Canva"]),
        ("The Staff Product Designer will drive design strategy. Top Skills: Figma", ["Figma"]),
        ("Solid understanding of lean and agile practices, in particular SCRUM",
         ["Agile", "Scrum"]),
        ("Establish GitOps workflows and integrate CI/CD pipelines on AWS/GCP",
         ["CI/CD", "AWS", "Google Cloud"]),
        ("Whole web stack (Ruby/Ruby on Rails, JavaScript, SQL, HTML, CSS)",
         ["Ruby", "Ruby on Rails", "JavaScript", "SQL", "HTML", "CSS"]),
        ("Experience with: Git, matplotlib, seaborn, HTML5, CSS3, JavaScript, Flask, Docker, AWS.",
         ["Git", "Matplotlib", "Seaborn", "HTML", "CSS", "JavaScript", "Flask", "Docker", "AWS"]),
        ("Knowledge of SQL, Alteryx, and Microsoft Office preferred.",
         ["SQL", "Alteryx", "Microsoft Office"]),
        ("Good knowledge of Microsoft Visual Studio.Net and .NET Core", [".NET"]),
        ("CRM experience (Salesforce preferred)", ["Salesforce"]),
        ("Strong SQL skills with Snowflake, dbt and Airflow", ["SQL", "Snowflake", "dbt",
                                                               "Airflow"]),
        ("Golang microservices", ["Go", "Microservices"]),
        # the word, not the skill
        ("Let's go! Go-to-market strategy and go live.", []),
        ("Excel at communicating with stakeholders.", []),
        ("React quickly to changes in the market.", []),
        ("Guard rails and safety rails on site.", []),
        ("Oracle is hiring analysts.", []),
        ("Rapid tests for HIV and Hepatitis C (HCV) on the OraQuick platform.", []),
        ("Communicate with C-suite executives.", []),
        ("Spark innovation and curiosity in the team.", []),
        ("A swift response to a rusty pipe in the R&D lab.", []),
        ("Visit github.com/our-org or python.org for details.", []),
        ("Spring 2028 graduation; summer internship.", []),
        ("Top Skills: AngularCSSHTMLJavaScriptMongoDBMySQLNode.jsPostgresPythonReact", []),
        ("Assistance in the office, word processing and filing.", []),
    ],
)
def test_parse_skills(text: str, expected: list[str]) -> None:
    assert [f.value for f in parse_skills(text)] == expected


def test_first_mention_and_span() -> None:
    text = "We love python. Python and PYTHON again, plus Go, Rust."
    found = parse_skills(text)
    assert [(f.value, text[f.start:f.end]) for f in found] == [
        ("Python", "python"), ("Go", "Go"), ("Rust", "Rust")]


def test_similar_jobs_chrome_is_not_read() -> None:
    text = ("Requirements\n• Python and Rust\n\nSimilar Jobs at Dropbox\n"
            "Top Skills: Figma\nTop Skills: Adobe Premiere Pro")
    assert [f.value for f in parse_skills(text)] == ["Python", "Rust"]


def test_list_only_names_are_weaker() -> None:
    found = {f.value: f.confidence for f in parse_skills("Python, Go")}
    assert found["Go"] < found["Python"]


ABOUT = """Data Engineer

About Vercel:

Our globally-distributed team works asynchronously to lead the React ecosystem and
serve developers at large companies such as Figma.

About the Role:

You will build our warehouse in Python and SQL.

Requirements
- Experience with dbt and Snowflake
"""


def test_skills_are_not_taken_from_text_about_the_company():
    assert [f.value for f in parse_skills(ABOUT)] == ["Python", "SQL", "dbt", "Snowflake"]


def test_a_list_of_skills_in_the_company_text_still_counts():
    text = "🌎 About us\nWe are 40 engineers. Our stack: Go, Rust, Kubernetes and AWS.\n\n" \
           "Requisitos\n• SQL avanzado\n"
    assert [f.value for f in parse_skills(text)] == ["Go", "Rust", "Kubernetes", "AWS", "SQL"]


def test_company_text_ends_at_the_next_heading_known_or_not():
    from extractor.parse.sections import company_spans

    text = "Sobre a empresa\nA Cajuína usa Python.\n\nResponsabilidades\n• Python e SQL\n"
    (start, end), = company_spans(text)
    assert text[start:end].startswith("Sobre a empresa") and "Responsabilidades" not in \
        text[start:end]
    assert [f.value for f in parse_skills(text)] == ["Python", "SQL"]
    assert parse_skills("About the Role\nYou will build React apps.\n")[0].value == "React"


def test_a_company_label_line_is_not_text_about_the_company():
    text = "Title: Backend Developer\nCompany: Acme\n\nWe need someone fluent in Python and AWS.\n"
    assert [f.value for f in parse_skills(text)] == ["Python", "AWS"]
