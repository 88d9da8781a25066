"""detect_language on short posting fragments in the languages of the corpus."""

from __future__ import annotations

import pytest

from extractor.parse.language import SPAN_CHARS, detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We are looking for an experienced data engineer to join our platform team.", "en"),
        ("As a PhD Systems & AI/ML Research Intern, you'll work on infrastructure problems, "
         "build prototypes, run benchmarks, and document findings.", "en"),
        ("The trainer should have a very strong background in journalism training and "
         "reporting and have a good command of English.", "en"),
        ("Nous recherchons un développeur Python expérimenté pour rejoindre notre équipe "
         "à Paris. Télétravail partiel possible.", "fr"),
        ("Проведение контроля качества и безопасности выпускаемой продукции, а также контроля "
         "технологических режимов производства.", "ru"),
        ("Среднее профессиональное или высшее техническое образование. Опыт работы в "
         "аналогичной должности от 1-го года.", "ru"),
        ("Wir suchen einen erfahrenen Softwareentwickler für unser Team in Berlin.", "de"),
        ("Buscamos un desarrollador con experiencia en Python y bases de datos relacionales.",
         "es"),
        ("Cerchiamo uno sviluppatore esperto da inserire nel nostro team di Milano.", "it"),
        ("Procuramos um desenvolvedor com experiência em Python para a nossa equipa em Lisboa.",
         "pt"),
        ("Wij zoeken een ervaren ontwikkelaar voor ons team in Amsterdam met kennis van Python.",
         "nl"),
        ("Szukamy doświadczonego programisty do naszego zespołu w Warszawie.", "pl"),
        ("Մենք փնտրում ենք փորձառու ծրագրավորող մեր թիմի համար Երևանում։", "hy"),
        ("JOB RESPONSIBILITIES: REVIEWS NON-IMMIGRANT VISA APPLICATIONS AND CHECKS "
         "DOCUMENTATION FOR ACCEPTABILITY.", "en"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    (found,) = detect_language(text)
    assert found.value == expected
    assert found.start == 0 and 0 < found.end <= min(SPAN_CHARS, len(text))
    assert text[found.end : found.end + 1] in ("", " ")  # ends at a word boundary
    assert 0.3 <= found.confidence <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Senior Python Developer",
        "$120k-$150k | Remote | Full-time",
        "12345 67890 !!! ??? ... ---",
        "C++, Go, Rust",
    ],
)
def test_too_short_gives_nothing(text: str) -> None:
    assert detect_language(text) == []


def test_long_text_gets_a_short_span_not_the_whole_text() -> None:
    text = "We build tools for developers and care about quality. " * 2000
    (found,) = detect_language(text)
    assert found.value == "en"
    assert found.start == 0 and found.end <= SPAN_CHARS
    expected = "We build tools for developers and care about quality. We"  # 57, not past 60
    assert text[found.start : found.end] == expected


def test_span_lies_in_the_passage_written_in_the_winning_language() -> None:
    german = "Wir suchen einen erfahrenen Softwareentwickler für unser Team in Berlin.\n"
    english = "We are looking for an experienced data engineer to join our platform team.\n"
    text = german + english * 12
    (found,) = detect_language(text)
    assert found.value == "en"
    assert found.start >= len(german)
    assert text[found.start : found.end] in english


def test_span_stays_on_one_line_and_skips_leading_blanks() -> None:
    text = "\n\n   We are looking for an experienced data engineer\nto join our platform team."
    (found,) = detect_language(text)
    assert text[found.start : found.end] == "We are looking for an experienced data engineer"


def test_span_skips_a_line_too_short_to_judge() -> None:
    text = "Python\nWe are looking for an experienced data engineer to join our team."
    (found,) = detect_language(text)
    assert text[found.start : found.end].startswith("We are looking")
