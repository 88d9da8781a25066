"""Posting dates and deadlines in Portuguese, Spanish, French, German, Chinese and Russian:
labels and bylines, relative dates counted from the reference date, month names and the
numeric order each language writes; and dates that are not the posting's."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.merge import Merged, merge_page_data
from extractor.parse.dates import dates_in_fields, parse_dates

REF = dt.date(2025, 6, 20)


def _posted(text: str) -> list[str]:
    return [f.value.isoformat() for f in parse_dates(text, REF)[0]]


def _deadline(text: str) -> list[str]:
    return [f.value.isoformat() for f in parse_dates(text, REF)[1]]


@pytest.mark.parametrize(("text", "expected"), [
    ("Publicada há 3 dias · 52 candidaturas", "2025-06-17"),
    ("Publicado há uma semana", "2025-06-13"),
    ("Vaga publicada hoje", "2025-06-20"),
    ("Publicado ontem", "2025-06-19"),
    ("Publicado hace 2 días", "2025-06-18"),
    ("Publicada hace un mes", "2025-05-20"),
    ("Publiée il y a 5 jours", "2025-06-15"),
    ("Publié hier", "2025-06-19"),
    ("Veröffentlicht vor 2 Tagen", "2025-06-18"),
    ("Online seit gestern", "2025-06-19"),
    ("发布于3天前", "2025-06-17"),
    ("发布时间：昨天", "2025-06-19"),
    ("Вакансия опубликована 2 дня назад", "2025-06-18"),
    ("Опубликовано вчера", "2025-06-19"),
    ("Опубликовано сегодня", "2025-06-20"),
])
def test_a_labelled_relative_date_counts_back_from_the_reference_date(text, expected) -> None:
    assert _posted(text) == [expected]


def test_a_relative_date_counts_from_the_documents_own_reference_date() -> None:
    found, _ = parse_dates("Publicado hace 3 semanas", dt.date(2024, 1, 10))
    assert [f.value for f in found] == [dt.date(2023, 12, 20)]
    assert found[0].confidence < 1.0


@pytest.mark.parametrize(("text", "expected"), [
    ("Data de publicação: 17 de junho de 2025", "2025-06-17"),
    ("Postado em 3 de março de 2025 por Ana", "2025-03-03"),
    ("Fecha de publicación: 17 de junio de 2025", "2025-06-17"),
    ("Publiée le 17 juin 2025", "2025-06-17"),
    ("Veröffentlicht am 17. Juni 2025", "2025-06-17"),
    ("Опубликовано 17 июня 2025 г.", "2025-06-17"),
    ("发布日期：2025年6月17日", "2025-06-17"),
    ("发布时间 | 2025-06-17", "2025-06-17"),
])
def test_month_names_and_formats_of_each_language(text, expected) -> None:
    assert _posted(text) == [expected]


@pytest.mark.parametrize("text", [
    "Publicada em 04/06/2025", "Publicado el 04-06-2025", "Date de publication : 04/06/2025",
    "Online seit: 04.06.2025", "Дата публикации: 04.06.2025",
])
def test_numeric_dates_after_a_label_in_another_language_are_day_first(text) -> None:
    assert _posted(text) == ["2025-06-04"]


def test_an_english_label_leaves_a_numeric_date_that_reads_both_ways_unread() -> None:
    assert _posted("Posted: 04/06/2025") == []


@pytest.mark.parametrize("text", [
    "| Publicado | 11/06/2025 |", "**Publicada em:** 11/06/2025", "Publicada\n11/06/2025",
])
def test_a_label_in_a_table_cell_bold_or_on_the_line_above(text) -> None:
    assert _posted(text) == ["2025-06-11"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Inscrições até 30/06/2025", "2025-06-30"),
    ("Candidaturas até 5 de julho de 2025", "2025-07-05"),
    ("Fecha límite: 15 de julio de 2025", "2025-07-15"),
    ("Postula hasta el 30 de junio de 2025", "2025-06-30"),
    ("Cierre de postulaciones: 30 de junio de 2025", "2025-06-30"),
    ("Recepción de CV hasta el 30 de junio de 2025", "2025-06-30"),
    ("Inscrições encerram em 30/06/2025", "2025-06-30"),
    ("Date limite de candidature : 31/07/2025", "2025-07-31"),
    ("Date limite pour postuler : **30 novembre 2025**", "2025-11-30"),
    ("Bewerbungsschluss: 15.07.2025", "2025-07-15"),
    ("Bewerbungsfrist 31. Juli 2025", "2025-07-31"),
    ("截止日期：2025年7月15日", "2025-07-15"),
    ("报名截止时间 2025-07-15", "2025-07-15"),
    ("Приём откликов до 30.06.2025", "2025-06-30"),
    ("Отклики принимаем до 20 июля 2025", "2025-07-20"),
])
def test_closing_date_labels(text, expected) -> None:
    assert _deadline(text) == [expected]
    assert _posted(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Reanunciada há 2 semanas", "2025-06-06"), ("Publicado de nuevo hace 2 semanas", "2025-06-06"),
    ("Republiée il y a 2 semaines", "2025-06-06"),
])
def test_a_reposted_label_dates_the_posting(text, expected) -> None:
    assert _posted(text) == [expected]


def test_german_may_put_the_label_after_the_date() -> None:
    assert _posted("Vor 3 Tagen veröffentlicht") == ["2025-06-17"]


def test_chinese_puts_the_label_after_the_date() -> None:
    assert _posted("全职 · 3天前发布") == ["2025-06-17"]
    assert _posted("2025-06-17 发布会") == []  # a launch event, not "published"


def test_api_field_names_in_the_text_are_labels() -> None:
    text = "fecha_publicacion: 2025-06-01\nfecha_cierre: 2025-06-30\npublishTime: 2025-06-02"
    assert _posted(text) == ["2025-06-01", "2025-06-02"]
    assert _deadline(text) == ["2025-06-30"]


@pytest.mark.parametrize("byline", [
    "São Paulo, SP · há 2 dias · 30 candidaturas", "Bogotá · hace 2 días · 12 solicitudes",
    "Lyon · il y a 2 jours · 8 candidatures", "Berlin · vor 2 Tagen · 40 Bewerber",
    "中国 上海市 · 2 天前 · 超过 100 位申请者", "Москва · 2 дня назад · 27 откликов",
])
def test_a_relative_date_alone_in_the_byline_dates_the_posting(byline) -> None:
    assert _posted(f"Analista de Dados\nAcme\n{byline}\n\nSobre a vaga\n") == ["2025-06-18"]


def test_a_byline_whose_line_breaks_were_lost_still_dates_the_posting() -> None:
    assert _posted("Monitor de NataciónDeportes SolValenciahace 5 díasContrato") == [
        "2025-06-15"]
    assert _posted("Специалист по охранеЗавод ЛучМинсквчера2 200 BYN") == ["2025-06-19"]
    assert _posted("Coastline runs servers for 2 million players.") == []


def test_a_header_listing_other_postings_with_their_ages_dates_nothing() -> None:
    text = ("Vagas semelhantes\n\nAnalista de BI\nAcme · há 1 dia\n\nCientista de Dados\n"
            "Beta · há 6 dias\n\nAnalista de Dados Pleno\nGama\n\nSobre a vaga\n")
    assert _posted(text) == []


def test_a_relative_date_in_a_sentence_is_not_a_byline() -> None:
    assert _posted("Acme\nA empresa abriu o escritório há 2 semanas em Lisboa.\n") == []
    assert _posted("Jetzt bewerben\nhier\nBerlin\n") == []  # German "hier" is "here"


@pytest.mark.parametrize("text", [
    "A empresa foi fundada em 12/03/2009", "公司成立于2009年3月12日",
    "Компания основана 12.03.2009", "Contrato temporal hasta el 30 de septiembre de 2025",
    "Início: 1 de agosto de 2025",
])
def test_unlabelled_dates_are_not_the_posting_date_or_deadline(text) -> None:
    assert parse_dates(text, REF) == ([], [])


def test_a_posting_date_after_the_reference_date_is_dropped() -> None:
    assert _posted("Publicada em 17/08/2025") == []


def test_dates_of_other_postings_after_a_similar_jobs_heading_are_ignored() -> None:
    assert _posted("Похожие вакансии\nОпубликовано вчера") == []
    assert _posted("Ähnliche Jobs\nVeröffentlicht vor 2 Tagen") == []
    assert _posted("Offres similaires\nPubliée il y a 3 jours") == []


def test_a_json_rows_own_date_columns() -> None:
    fields = {"title": "Dev", "postedAt": "2025-06-03T07:30:00+02:00",
              "fecha_cierre": "2025-07-01", "date": "2025-06-19"}
    assert dates_in_fields(fields) == {"date_posted": ("postedAt", dt.date(2025, 6, 3)),
                                       "valid_through": ("fecha_cierre", dt.date(2025, 7, 1))}
    assert dates_in_fields({"published": "soon", "date": "2025-06-19"}) == {}


def test_a_json_rows_date_columns_fill_the_record_before_the_text() -> None:
    merged = Merged()
    merge_page_data([], merged, fields={"published_at": "2025-05-28T11:02:45+0300"})
    assert merged.values["date_posted"] == dt.date(2025, 5, 28)
    assert merged.sources["date_posted"] == "page"
