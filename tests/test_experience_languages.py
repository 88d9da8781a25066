"""Years of experience in Portuguese, Spanish, French, German, Chinese and Russian: the
phrasings of a requirement, number words, months, "no experience"; and years that are
the employer's age, an age, a contract, a wish or part of a figure before."""

from __future__ import annotations

import pytest

from extractor.parse.experience import parse_experience_years


def _years(text: str) -> list[float]:
    return [f.value for f in parse_experience_years(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Requisitos: 3 anos de experiência com vendas consultivas", 3),
    ("Experiência mínima de 2 anos em atendimento", 2),
    ("Experiência de 1 a 3 anos com Excel", 1),
    ("Ter ao menos 1 ano na função de caixa", 1),
    ("Mínimo de 5 anos em gestão de frotas", 5),
    ("Al menos 3 años de experiencia en ventas", 3),
    ("Mínimo 2 años de experiencia como soldador", 2),
    ("Experiencia comprobable de 4 años en nómina", 4),
    ("3 ans d'expérience minimum en comptabilité", 3),
    ("Expérience de 2 à 4 ans sur un poste similaire", 2),
    ("Vous justifiez d'au moins 2 années d'expérience", 2),
    ("Mindestens 3 Jahre Berufserfahrung im Vertrieb", 3),
    ("3+ Jahre Erfahrung mit Java", 3),
    ("Опыт работы от 3 лет", 3),
    ("Опыт работы: 1–3 года", 1),
    ("опыт продаж в B2B от 2 лет", 2),
    ("3年以上工作经验", 3),
    ("经验3-5年", 3),
    ("工作经验：1年及以上", 1),
    ("3-5年Java后端开发经验", 3),
])
def test_a_stated_requirement_of_years(text: str, expected: float) -> None:
    assert _years(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Años de experiencia: 3", 3), ("Anos de experiência: 2 a 4", 2),
    ("Années d'expérience : 2", 2), ("Experiencia: 2 años", 2),
])
def test_a_form_field_of_years_of_experience(text: str, expected: float) -> None:
    assert _years(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("опыт работы от года", 1), ("опыт работы от полугода", 0.5),
])
def test_russian_from_a_year_without_a_figure(text: str, expected: float) -> None:
    assert _years(text) == [expected]


def test_a_chinese_boards_header_line_of_years_and_degree() -> None:
    assert _years("前端开发 15-25K\n1-3年 | 本科 | 全职") == [1]
    assert _years("合同期1-3年 | 续签") == []


def test_a_header_line_repeated_with_other_values_lists_other_postings() -> None:
    text = "南山区 · 5-10年 · 本科\n福田区 · 1-3年 · 大专\n\n后端工程师\n3-5年Python开发经验"
    assert _years(text) == [3]


@pytest.mark.parametrize(("text", "expected"), [
    ("Pelo menos dois anos de experiência em logística", 2),
    ("Experiencia mínima de tres años en puestos similares", 3),
    ("trois ans d'expérience en cuisine", 3),
    ("Zwei Jahre Berufserfahrung als Elektriker", 2),
    ("опыт работы от двух лет", 2),
    ("三年以上销售经验", 3),
])
def test_numbers_written_as_words(text: str, expected: float) -> None:
    assert _years(text) == [expected]


@pytest.mark.parametrize("text", [
    "6 meses de experiência em atendimento", "Experiencia de 6 meses en caja",
    "6 mois d'expérience en vente", "Berufserfahrung von 6 Monaten", "опыт работы от 6 месяцев",
    "6个月以上实习经验",
])
def test_months_of_experience_are_a_fraction_of_a_year(text: str) -> None:
    assert _years(text) == [0.5]


@pytest.mark.parametrize(("text", "expected"), [
    ("• 4+ anos como desenvolvedor backend", 4),
    ("- 3 años liquidando nómina", 3),
    ("- 2 años o más desarrollando con Flutter", 2),
    ("— от 5 лет в разработке", 5),
    ("• 4+ Jahre Backend-Entwicklung mit Go", 4),
])
def test_a_list_item_that_starts_with_the_years_and_a_role_or_activity(text, expected) -> None:
    assert _years(text) == [expected]


@pytest.mark.parametrize("text", [
    "Vaga sem experiência: treinamos você", "Não é necessária experiência anterior",
    "Sin experiencia previa, te formamos", "No se requiere experiencia",
    "Débutants acceptés", "Aucune expérience requise",
    "Ohne Berufserfahrung? Kein Problem", "Quereinsteiger willkommen",
    "Нет опыта", "Опыт работы: не требуется", "经验不限", "工作经验：不限",
])
def test_no_experience_asked_for_is_zero(text: str) -> None:
    assert _years(text) == [0]


def test_a_negated_without_experience_is_not_zero() -> None:
    assert _years("Não aceitamos candidatos sem experiência") == []
    assert _years("No buscamos perfiles sin experiencia") == []


@pytest.mark.parametrize("text", [
    "A empresa, com mais de 20 anos de experiência no setor, está contratando",
    "Há 15 anos no mercado, somos referência em logística",
    "Com 60 anos de história, o grupo atua em todo o Brasil.",
    "Llevamos 25 años ofreciendo soluciones a nuestros clientes",
    "Depuis 30 ans, notre société accompagne les PME",
    "Seit über 40 Jahren sind wir Ihr Partner",
    "Мы на рынке уже 15 лет",
    "公司成立10年，拥有丰富的行业经验", "我们拥有10年以上行业经验",
])
def test_the_employers_age_is_not_experience(text: str) -> None:
    assert _years(text) == []


@pytest.mark.parametrize("text", [
    "Ter no mínimo 18 anos", "Ser mayor de 18 años", "Contrato de 12 meses, renovável",
    "Contrato por 6 meses con posibilidad de renovación", "mindestens 2 Jahre Garantie",
    "Детям от 3 лет скидка",
])
def test_ages_contracts_and_other_years_are_not_experience(text: str) -> None:
    assert _years(text) == []


@pytest.mark.parametrize("text", [
    "Experiência de 2 anos em vendas será um diferencial",
    "Experiencia de 2 años en SAP (deseable)",
    "Une expérience de 2 ans est appréciée",
    "Erste Berufserfahrung von 1-2 Jahren ist von Vorteil",
    "Опыт работы от 2 лет будет преимуществом", "Опыт работы от года будет плюсом",
    "有2年以上财务经验者优先",
])
def test_a_wish_is_not_a_requirement(text: str) -> None:
    assert _years(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Mínimo de 5 anos em gestão, sendo 2 anos em posição de liderança", [5]),
    ("Vous avez 5 ans d'expérience, dont 2 ans en management", [5]),
    ("— от 4 лет в разработке, из них от 1 года в роли тимлида", [4]),
    ("5年以上管理经验，其中2年以上团队管理经验", [5]),
])
def test_a_part_of_the_figure_before_is_not_a_second_requirement(text, expected) -> None:
    assert _years(text) == expected


def test_every_requirement_in_order_with_its_span() -> None:
    text = "Experiencia de 1 año en atención al cliente; 6 meses de experiencia en caja"
    found = parse_experience_years(text)
    assert [(f.value, text[f.start:f.end]) for f in found] == [
        (1, "Experiencia de 1 año"), (0.5, "6 meses de experiencia")]


def test_years_in_a_similar_jobs_block_are_not_this_postings() -> None:
    assert _years("Опыт работы от 3 лет\nПохожие вакансии\nОпыт работы от 1 года") == [3]
    assert _years("Offres similaires\n2 ans d'expérience") == []
