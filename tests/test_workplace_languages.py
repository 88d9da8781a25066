"""parse_workplace in Portuguese, Spanish, French, German, Chinese and Russian: labels,
header tokens, title suffixes and statements, and the uses of the same words that state
no workplace (an interview, an allowance, a negation)."""

from __future__ import annotations

import pytest

from extractor.parse.workplace import parse_workplace, supports


def _modes(text: str) -> list[str]:
    return [f.value for f in parse_workplace(text)[0]]


@pytest.mark.parametrize(("text", "mode"), [
    ("Modelo de trabalho: Remoto", "remote"),
    ("Modalidade: presencial em Campinas", "onsite"),
    ("Modalidad: híbrida", "hybrid"),
    ("Ubicación: Remoto", "remote"),
    ("Esquema\nPresencial, tiempo completo", "onsite"),
    ("Lieu de travail : sur site", "onsite"),
    ("Arbeitsmodell: Hybrid", "hybrid"),
    ("Arbeitsort: vor Ort in Köln", "onsite"),
    ("工作方式：远程", "remote"),
    ("办公方式｜现场办公", "onsite"),
    ("Формат: офис, полная занятость", "onsite"),
    ("Modelo: Home office", "remote"),
])
def test_a_labelled_workplace_is_read(text: str, mode: str) -> None:
    found = parse_workplace(text)[0]
    assert [f.value for f in found] == [mode]
    assert found[0].confidence >= 0.95


@pytest.mark.parametrize(("text", "mode"), [
    ("Recife, PE · Híbrido · CLT", "hybrid"),
    ("• Remoto (qualquer estado)", "remote"),
    ("Presencial Meio período", "onsite"),
    ("Sur site Temps plein", "onsite"),
    ("Hybride · CDI", "hybrid"),
    ("• Presencial y remoto (híbrido): 3 días en oficina", "hybrid"),
    ("现场办公 · 全职", "onsite"),
])
def test_a_header_token_is_read(text: str, mode: str) -> None:
    assert _modes(text) == [mode]


@pytest.mark.parametrize(("title", "mode"), [
    ("Desenvolvedor Backend Pleno - Remoto", "remote"),
    ("Analista Contábil | Híbrido", "hybrid"),
    ("Técnico de Manutenção (Presencial)", "onsite"),
    ("Ingeniero de Datos - Remoto", "remote"),
    ("Comptable (Hybride)", "hybrid"),
    ("数据工程师（远程）", "remote"),
    ("Продакт-менеджер — удалённо", "remote"),
])
def test_a_workplace_stated_as_a_title_suffix_is_read(title: str, mode: str) -> None:
    found = parse_workplace(f"{title}\nSobre a vaga\n")[0]
    assert [f.value for f in found] == [mode]
    assert found[0].confidence >= 0.9


@pytest.mark.parametrize(("text", "mode"), [
    ("O trabalho é 100% home office.", "remote"),
    ("Vaga remota, com encontros trimestrais.", "remote"),
    ("Trabajo 100% remoto desde cualquier lugar.", "remote"),
    ("Ofrecemos teletrabajo total.", "remote"),
    ("Le poste est 100 % à distance.", "remote"),
    ("Die Stelle ist vollständig remote.", "remote"),
    ("岗位支持远程办公，时间灵活。", "remote"),
    ("Работа полностью удалённо.", "remote"),
    ("Modelo híbrido com 2 dias no escritório.", "hybrid"),
    ("Trabajarás 2 días por semana en la oficina.", "hybrid"),
    ("Télétravail : 2 jours par semaine.", "hybrid"),
    ("2 Tage pro Woche im Büro, sonst mobil.", "hybrid"),
    ("每周3天到岗，其余时间居家。", "hybrid"),
    ("3 дня в неделю в офисе.", "hybrid"),
    ("Disponibilidade para atuar presencialmente em Jundiaí.", "onsite"),
    ("Trabalho presencial de segunda a sexta.", "onsite"),
    ("Trabajo presencial en nuestra planta.", "onsite"),
    ("Poste sur site à Lyon.", "onsite"),
    ("需要线下到岗。", "onsite"),
])
def test_a_statement_about_the_role_is_read(text: str, mode: str) -> None:
    assert _modes(text) == [mode]


@pytest.mark.parametrize("text", [
    "Auxílio home office de R$ 100",          # an allowance
    "Etapas: entrevista presencial com o gestor.",
    "Suporte remoto aos clientes.",            # a duty, not the workplace
    "O trabalho remoto não é possível nesta função.",
    "No ofrecemos trabajo remoto.",
    "Le télétravail n'est pas possible.",
    "Homeoffice ist nicht möglich.",
    "本岗位不支持远程办公。",
    "Kunden vor Ort beraten.",                 # German "vor Ort" about customers
    "负责远程运维支持。",                       # remote support is a duty
    "Remoto: no",
])
def test_a_word_that_states_no_workplace_is_not_read(text: str) -> None:
    assert _modes(text) == []


@pytest.mark.parametrize(("text", "regions"), [
    ("• Remoto (Brasil)", ["BR"]),
    ("Modalidad: remoto (desde cualquier provincia de Argentina)", ["AR"]),
    ("Redactor (Remoto - LATAM)", ["LATAM"]),
    ("Modelo: 100% remoto, para residentes no Brasil", ["BR"]),
    ("Lieu : 100 % télétravail (résidence en France uniquement)", ["FR"]),
    ("Arbeitsmodell: Remote\nWohnsitz in Deutschland, Österreich oder der Schweiz",
     ["DE", "AT", "CH"]),
])
def test_where_remote_applicants_may_live(text: str, regions: list[str]) -> None:
    assert [f.value for f in parse_workplace(text)[1]] == regions


def test_a_residence_clause_without_a_remote_statement_is_weak() -> None:
    _, regions = parse_workplace("Apenas para residentes em Portugal.")
    assert [f.value for f in regions] == ["PT"]
    assert regions[0].confidence < 0.9


@pytest.mark.parametrize(("value", "text", "expected"), [
    ("remote", "Somos uma equipe remota; vaga remota para todo o Brasil.", True),
    ("hybrid", "Trabajarás en un esquema híbrido.", True),
    ("onsite", "现场办公", True),
    ("remote", "O trabalho remoto não é possível.", False),
    ("onsite", "Trabajarás en un esquema híbrido.", False),
    ("other", "Remoto", False),
])
def test_supports_reads_the_same_words(value: str, text: str, expected: bool) -> None:
    assert supports(value, text) is expected


@pytest.mark.parametrize(("text", "mode"), [
    ("Efetivo – CLT, Tempo integral, Presencial", "onsite"),
    ("Regime CLT | Tempo integral | PresencialEscala 12x36", "onsite"),  # lost line breaks
    ("Horario: lunes a viernes, presencial en planta", "onsite"),
    ("台北市信義區 ｜ 每週 2 天遠端（混合辦公）", "hybrid"),
    ("工作方式：遠端", "remote"),
    ("Hybrid · Vollzeit", "hybrid"),
])
def test_a_mode_after_a_comma_glued_or_in_traditional_chinese_is_read(text: str,
                                                                      mode: str) -> None:
    assert _modes(text) == [mode]


@pytest.mark.parametrize("text", [
    "Beneficios: posibilidad de trabajo remoto.",
    "Possibilidade de trabalho remoto após o período de experiência.",
])
def test_an_option_of_remote_work_is_not_an_arrangement(text: str) -> None:
    assert _modes(text) == []


def test_a_chinese_intensifier_is_not_a_negation() -> None:
    # 非常 is "very", not the negation 非
    assert _modes("我们非常支持远程办公。") == ["remote"]
