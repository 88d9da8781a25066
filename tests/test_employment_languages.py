"""parse_employment_types in Portuguese, Spanish, French, German, Chinese and Russian:
labels, header tokens, title suffixes and statements, and the same words where they say
nothing about this job (a past internship, a negation, a product, a related posting)."""

from __future__ import annotations

import pytest

from extractor.parse.employment import parse_employment_types, supports

PORTUGUESE = ("Somos uma empresa de tecnologia com sede em Curitiba e buscamos uma pessoa "
              "para o nosso time de dados. ")
SPANISH = ("Somos una empresa del sector con oficinas en Madrid y buscamos a una persona para "
           "nuestro equipo de operaciones y el área de ventas. ")


def _types(text: str) -> list[str]:
    return [f.value for f in parse_employment_types(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Tipo de contrato: CLT\nJornada: tempo integral", ["full_time"]),
    ("Tipo de emprego\nMeio período", ["part_time"]),
    ("Contratação: PJ, direto com o cliente", ["contract"]),
    ("tipo_contrato: Plazo fijo (6 meses)", ["temporary"]),
    ("Jornada: Tiempo completo", ["full_time"]),
    ("Anstellung: unbefristet, Vollzeit", ["full_time"]),
    ("Beschäftigungsart: Teilzeit", ["part_time"]),
    ("工作性质 | 全职", ["full_time"]),
    ("职位类型：兼职", ["part_time"]),
    ("Оформление: договор ГПХ", ["contract"]),
    ("Type de contrat : Alternance", ["other"]),
])
def test_a_labelled_type_is_read(text: str, expected: list[str]) -> None:
    assert _types(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Cajamar, SP · Presencial · CLT · Tempo integral", ["full_time"]),
    ("Presencial · Jornada completa · Contrato a término indefinido", ["full_time"]),
    ("Contrato temporal · Media jornada (20 h)", ["temporary", "part_time"]),
    ("Tempo inteiro, trabalho presencial", ["full_time"]),
    ("Contrato a termo certo de 12 meses", ["temporary"]),
    ("深圳·南山区 3-5年 本科 全职", ["full_time"]),
    ("远程兼职｜技术文档翻译", ["part_time"]),
    ("Полный рабочий день", ["full_time"]),
    ("Оформление по договору подряда", ["contract"]),
])
def test_a_header_token_or_phrase_is_read(text: str, expected: list[str]) -> None:
    assert _types(text) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Engenheiro de Dados Sênior (PJ) - 100% Remoto", ["contract"]),
    ("Vendedor (Temporário)", ["temporary"]),
    ("Atendente - Meio período", ["part_time"]),
    ("Auxiliar administrativo – Tiempo parcial", ["part_time"]),
    ("Servicetechniker (Vollzeit)", ["full_time"]),
    ("运营专员（兼职）", ["part_time"]),
])
def test_a_type_stated_as_a_title_suffix_is_read(title: str, expected: list[str]) -> None:
    assert _types(f"{title}\n\n{PORTUGUESE}") == expected


@pytest.mark.parametrize(("text", "expected"), [
    (PORTUGUESE + "A contratação é PJ.", ["contract"]),
    (PORTUGUESE + "Oferecemos estágio remunerado de 6 meses.", ["internship"]),
    (SPANISH + "Ofrecemos contrato de prácticas de seis meses.", ["internship"]),
    (SPANISH + "Contrato por obra y servicio.", ["temporary"]),
    ("Mission freelance – Développeur PHP (3 mois)", ["contract"]),
    ("岗位：数据分析实习生，每周到岗4天", ["internship"]),
    ("Оплачиваемая стажировка в отделе аналитики", ["internship"]),
    ("Wir suchen für unser Büro und die Buchhaltung eine Person in freier Mitarbeit, die mit "
     "uns wächst.", ["contract"]),
    ("Monitor de natación en hace 5 díasContrato temporal hasta junio", ["temporary"]),
])
def test_a_statement_about_this_job_is_read(text: str, expected: list[str]) -> None:
    assert _types(text) == expected


@pytest.mark.parametrize("text", [
    PORTUGUESE + "Experiência de estágio em análise de dados.",   # the candidate's past
    PORTUGUESE + "Vaga CLT, sem PJ.",                             # a negation
    "Skills: Temporal, Kafka, Go",                                # a product, not Spanish
    "Team: PJ, Anna and Tom",                                     # initials, not Portuguese
    SPANISH + "Aplicamos buenas prácticas de desarrollo.",        # good practices
    "有实习经验者优先",                                            # internship experience
    "实习期3个月",                                                 # probation period
    "Experience in apprentissage automatique (machine learning).",
    "Servidor em estágio probatório.",
])
def test_a_word_that_says_nothing_about_this_job_is_not_read(text: str) -> None:
    assert _types(text) == []


def test_a_related_posting_naming_an_intern_role_is_not_this_job() -> None:
    text = ("puesto: Asistente de Contabilidad\njornada: Tiempo completo\n"
            "avisos_relacionados:\npuesto: Practicante de Contabilidad")
    assert _types(text) == ["full_time"]


def test_portuguese_pj_counts_only_in_portuguese_text() -> None:
    assert _types(PORTUGUESE + "Modelo de contratação: CLT ou PJ.") == ["contract"]
    assert supports("contract", PORTUGUESE + "Regime PJ.")
    assert not supports("contract", "Team lead: PJ Smith")


def test_alternance_is_other_as_the_labelling_rules_say() -> None:
    assert supports("other", "Nous recrutons en alternance pour la rentrée de septembre.")


@pytest.mark.parametrize(("text", "expected"), [
    ("CDI temps plein (35 h), du lundi au vendredi.", ["full_time"]),  # too short to be French
    ("Contrato de temporada, jornada completa (40 h).", ["temporary", "full_time"]),
    ("Contrato: por honorarios", ["contract"]),
    ("- Pflichtpraktikum, Vollzeit (39 Std.)", ["internship", "full_time"]),
    ("工作性質：全職", ["full_time"]),
    ("🎓 Prácticas de 6 meses con convenio", ["internship"]),
])
def test_more_phrases_are_read(text: str, expected: list[str]) -> None:
    assert _types(text) == expected


@pytest.mark.parametrize("text", [
    PORTUGUESE + "Somos uma startup em estágio inicial.",           # a stage, not an internship
    PORTUGUESE + "Atendimento a clientes PJ e abertura de conta PJ.",  # business customers
    SPANISH + "Gestionar depósitos a plazo fijo de los clientes.",  # a term deposit
    PORTUGUESE + "Somos uma empresa de prestação de serviços.",
    SPANISH + "Participa en nuestro programa de voluntariado.",     # a benefit
    "Оплачиваемая стажировка первые две недели, далее работа в штате.",  # onboarding
    "负责带实习生，指导新人",                                           # a duty
])
def test_company_words_that_look_like_a_type_are_not_read(text: str) -> None:
    assert _types(text) == []
