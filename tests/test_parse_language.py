"""detect_language on short posting fragments in the languages of the corpus."""

from __future__ import annotations

import pytest

from extractor.parse.language import detect_language


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
    assert (found.start, found.end) == (0, len(text))
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


def test_long_text_spans_whole_input() -> None:
    text = "We build tools for developers and care about quality. " * 2000
    (found,) = detect_language(text)
    assert (found.value, found.start, found.end) == ("en", 0, len(text))
