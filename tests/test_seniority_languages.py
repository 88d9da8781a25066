"""parse_seniority in Portuguese, Spanish, French, German, Chinese and Russian: level words
in titles, labelled levels, an internship tag on the title's line and a labelled title line
when no title was chosen; and the look-alikes that are not a level."""

from __future__ import annotations

import pytest

from extractor.parse.seniority import parse_seniority, supports


def _level(title: str | None, text: str) -> str | None:
    found = parse_seniority(title, text)
    return found[0].value if found else None


@pytest.mark.parametrize(("title", "expected"), [
    ("Desenvolvedor Java Pleno", "mid"),
    ("Analista de Sistemas Sênior", "senior"),
    ("Cientista de Dados Júnior", "entry"),
    ("Estagiário de Marketing", "internship"),
    ("Estágio em Engenharia Civil", "internship"),
    ("Gerente de Loja", "manager"),
    ("Diretora Financeira", "director"),
    ("Líder de Produção", "lead"),
    ("Desarrollador Backend Semi Senior", "mid"),
    ("Analista Funcional SSr", "mid"),
    ("Becario de Comunicación", "internship"),
    ("Jefe de Obra", "manager"),
    ("Encargada de Tienda", "manager"),
    ("Director General", "executive"),
    ("Développeur Java confirmé", "mid"),
    ("Chef d'équipe logistique", "lead"),
    ("Chef de rayon", "manager"),
    ("Berufseinsteiger Vertrieb", "entry"),
    ("Geschäftsführer", "executive"),
    ("高级Java开发工程师", "senior"),
    ("资深产品经理", "senior"),        # the level word beats the job noun
    ("初级会计", "entry"),
    ("中级测试工程师", "mid"),
    ("销售经理", "manager"),
    ("财务总监", "director"),
    ("数据分析实习生", "internship"),
    ("Python-разработчик (Middle)", "mid"),
    ("Начальник смены", "manager"),
    ("Младший аналитик", "entry"),
    # not a level
    ("Técnico em Segurança do Trabalho", None),
    ("Auxiliar Administrativo", None),
    ("Middle Office Analyst", None),
    ("Expert-comptable", None),
    ("Stage Manager", "manager"),  # a theatre role: "Stage" is no internship tag here
])
def test_title_level(title: str, expected: str | None) -> None:
    assert _level(title, f"{title}\n\nSobre a vaga: texto.") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Nível de experiência\nPleno-sênior", "mid"),
    ("Senioridade: Sênior", "senior"),
    ("Nivel de experiencia: Sin experiencia", "entry"),
    ("Niveau hiérarchique\nConfirmé", "mid"),
    ("Karrierestufe\nBerufseinstieg", "entry"),
    ("职级\n初级", "entry"),
    ("Уровень\nСтажёр", "internship"),
    ("Nível de experiência\nAssistente", None),   # LinkedIn's "Associate": no level
    ("Уровень\nСпециалист", None),
])
def test_labelled_levels(text: str, expected: str | None) -> None:
    assert _level(None, text) == expected


def test_a_labelled_entry_level_that_the_requirements_contradict_is_dropped() -> None:
    text = "Niveau hiérarchique\nPremier emploi\n\nVotre profil\n• 5 ans d'expérience en C"
    assert parse_seniority("Ingénieur logiciel", text) == []
    assert _level("Ingénieur logiciel", "Niveau hiérarchique\nPremier emploi\n") == "entry"


@pytest.mark.parametrize(("line", "title"), [
    ("## Stage – Assistant(e) chef de projet marketing", "Assistant(e) chef de projet marketing"),
    ("【实习】数据分析 - 某科技", "数据分析"),
    ("Desenvolvedor Front-end (Estágio)", "Desenvolvedor Front-end"),
])
def test_an_internship_tag_on_the_title_line_is_the_level(line: str, title: str) -> None:
    found = parse_seniority(title, f"{line}\n\nTexto da vaga.")
    assert found[0].value == "internship"


@pytest.mark.parametrize(("text", "expected"), [
    ("职位：财务总监\n客户：某上市公司", "director"),
    ("Cargo: Analista de Dados Sênior\nLocal: Recife", "senior"),
    ("jobName: 高级测试工程师\nbrand: 某软件", "senior"),
])
def test_a_labelled_title_line_is_read_when_no_title_was_chosen(text: str,
                                                                 expected: str) -> None:
    found = parse_seniority(None, text)
    assert found[0].value == expected
    assert found[0].confidence <= 0.8


def test_supports_reads_the_same_words() -> None:
    assert supports("mid", "Vaga para Desenvolvedor Pleno")
    assert supports("manager", "质量经理")
    assert not supports("senior", "Desenvolvedor Pleno")


@pytest.mark.parametrize(("title", "expected"), [
    ("Middle QA Engineer", "mid"),
    ("門市店長", "manager"),
    ("资深前端工程師", "senior"),
    ("資深前端工程師", "senior"),
    ("總監", "director"),
    ("总经理", "executive"),
    ("总经理助理", None),        # an assistant to the general manager
    ("经理助理", None),
])
def test_more_title_words(title: str, expected: str | None) -> None:
    assert _level(title, f"{title}\n\n职位描述") == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Middle Python-разработчик", "mid"),
    ("Middle Tennessee Sales Representative", None),   # a place
])
def test_middle_names_the_level_only_before_a_technical_word(title: str,
                                                             expected: str | None) -> None:
    assert _level(title, f"{title}\n\nAbout the job") == expected
