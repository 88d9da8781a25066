"""parse_education in Portuguese, Spanish, French, German, Chinese and Russian: the degree
words the labelling rules map, wishes, negations and vocational alternatives, and the
look-alikes that are not a degree."""

from __future__ import annotations

import pytest

from extractor.parse.education import parse_education


def _levels(text: str) -> list[tuple[str, float]]:
    return [(f.value, f.confidence) for f in parse_education(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("• Ensino médio completo", [("high_school", 1.0)]),
    ("• Ensino superior completo em Administração", [("bachelor", 1.0)]),
    ("• Superior completo em Engenharia de Produção", [("bachelor", 1.0)]),
    ("• Estar cursando Sistemas de Informação", [("bachelor", 1.0)]),
    ("• Formação: tecnólogo em Redes", [("associate", 1.0)]),
    ("• Mestrado em Estatística", [("master", 1.0)]),
    ("· Licenciatura em Gestão", [("bachelor", 1.0)]),
    ("• Licenciatura en Contaduría o afín", [("bachelor", 1.0)]),
    ("• Grado en Ingeniería Informática", [("bachelor", 1.0)]),
    ("• Titulación en Ingeniería de Telecomunicación", [("bachelor", 1.0)]),
    ("- Ingeniero/a Civil o Industrial", [("bachelor", 1.0)]),
    ("• Técnico Superior en Administración y Finanzas", [("associate", 1.0)]),
    ("• Máster en Ciencia de Datos", [("master", 1.0)]),
    ("• Doctorado en Química", [("doctorate", 1.0)]),
    ("• Bachillerato completo", [("high_school", 1.0)]),
    ("• Baccalauréat en génie logiciel", [("bachelor", 1.0)]),
    ("• Bachelier en comptabilité", [("bachelor", 1.0)]),
    ("• Licence professionnelle en logistique", [("bachelor", 1.0)]),
    ("• DEC en techniques de l'informatique", [("associate", 1.0)]),
    ("• Abgeschlossener Hochschulabschluss in Informatik", [("bachelor", 1.0)]),
    ("• Masterabschluss in Physik", [("master", 1.0)]),
    ("• Abgeschlossene Promotion in Chemie", [("doctorate", 1.0)]),
    ("• Abitur oder Fachhochschulreife", [("high_school", 1.0), ("high_school", 1.0)]),
    ("本科及以上学历，计算机相关专业", [("bachelor", 1.0)]),
    ("大专及以上学历", [("associate", 1.0)]),
    ("硕士及以上学历", [("master", 1.0)]),
    ("2026届本科或硕士在读", [("bachelor", 1.0), ("master", 1.0)]),
    ("— среднее специальное образование", [("associate", 1.0)]),
    ("— студент последнего курса технической специальности", [("bachelor", 1.0)]),
])
def test_a_degree_is_read(text: str, expected: list[tuple[str, float]]) -> None:
    assert _levels(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Diferenciais\n• Pós-graduação ou MBA em Logística", [("master", 0.5)]),
    ("• Máster en Finanzas (deseable)", [("master", 0.5)]),
    ("• Un master en finance serait un plus", [("master", 0.5)]),
    ("• Promotion in Mathematik von Vorteil", [("doctorate", 0.5)]),
    ("加分项：\n• 硕士学历优先", [("master", 0.5)]),
])
def test_a_wished_for_degree_is_weak(text: str, expected: list[tuple[str, float]]) -> None:
    assert _levels(text) == expected


def test_a_bare_chinese_token_counts_only_where_nothing_stronger_is_said() -> None:
    card = "• 高级Go开发工程师\n南山区 · 5-10年 · 大专\n"
    assert _levels(card + "任职要求：\n• 本科及以上学历") == [("associate", 0.5), ("bachelor", 1.0)]
    assert _levels("深圳 3-5年 本科 全职") == [("bachelor", 1.0)]


@pytest.mark.parametrize("text", [
    "• Curso Técnico em Segurança do Trabalho",      # vocational: no record value
    "• Ensino superior não é obrigatório",
    "• Licence de conduire valide",
    "• Aplicar buenas prácticas en el grado de detalle",
    "• Scrum Master in agilen Teams",
    "• Abgeschlossene Ausbildung als Elektriker",
    "• Hochschulabschluss oder eine vergleichbare Ausbildung",
    "• высшее образование или профессиональная переподготовка",
    "学历不限，本科优先",
    "• 博士后研究经历",
    "• Bachiller o equivalente",                      # unclear across countries: null
])
def test_a_look_alike_or_an_optional_degree_gives_no_required_level(text: str) -> None:
    assert [level for level, confidence in _levels(text) if confidence > 0.5] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("- Master oder PhD in Statistik", [("master", 1.0), ("doctorate", 1.0)]),
    ("• Abgeschlossenes Studium der Informatik", [("bachelor", 1.0)]),
    ("• Immatrikulierte:r Student:in der BWL", [("bachelor", 1.0)]),
    ("• Abgeschlossene HTL oder FH/Uni im Bereich Informatik", [("high_school", 1.0)]),
    ("• среднее медицинское образование", [("associate", 1.0)]),
    ("• Ingeniería Industrial o Mecánica titulada", [("bachelor", 1.0)]),
    ("• Título de Enólogo/a o Ingeniero/a Agrónomo/a", [("bachelor", 1.0)]),
    ("Votre profilBTS Fluides Énergies ou équivalent", [("associate", 1.0)]),
    ("學歷要求：大學", [("bachelor", 1.0)]),
])
def test_more_degree_phrasings(text: str, expected: list[tuple[str, float]]) -> None:
    assert _levels(text) == expected


@pytest.mark.parametrize("text", [
    "Bistrô Maré Alta\nSalvador - BA (Rio Vermelho)",   # a state code, not a BA
    "• Abgeschlossenes Studium Maschinenbau oder Techniker",
    "• Abgeschlossenes Studium oder Bilanzbuchhalter (IHK)",
])
def test_a_place_code_or_a_vocational_alternative_is_no_degree(text: str) -> None:
    assert _levels(text) == []


@pytest.mark.parametrize("text", [
    "招聘高中数学教师",                 # a high-school teacher, not a degree
    "• Desejável estar cursando Inglês avançado",
])
def test_a_degree_word_inside_a_job_or_a_course_is_no_degree(text: str) -> None:
    assert _levels(text) == []
