"""Blocks of other postings ("similar jobs", "people also viewed", recommendations) in the
languages users feed: the cleaner cuts them and no value of theirs reaches the record,
whether the block comes after the posting or before it (clean/headings.py ``TAIL_RE``,
clean/text.py ``cut_chrome``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest

from extractor import extract
from extractor.clean import cut_chrome
from extractor.clean.headings import TAIL_RE
from extractor.parse.base import posting_end
from extractor.parse.salary import parse_salaries

# --- the vocabulary --------------------------------------------------------------------

TAIL_HEADINGS = [
    # English forms
    "Jobs you may be interested in", "Recently viewed jobs", "Similar job postings",
    "People who viewed this job also viewed", "More jobs like this", "**Similar jobs**",
    # Portuguese
    "Vagas semelhantes", "Vagas relacionadas", "Outras vagas", "Outras vagas da Jacarandá",
    "Pessoas também viram", "Vagas recomendadas para você", "Vagas semelhantes (12)",
    "## Vagas similares", "Ofertas de emprego semelhantes", "Vagas que podem te interessar",
    # Spanish
    "Ofertas similares", "Empleos similares", "Ofertas relacionadas", "Otras ofertas",
    "Otras ofertas de Ceiba en Quito", "Personas que también vieron este empleo",
    "Ofertas de empleo similares", "Te puede interesar",
    "Las personas que vieron este aviso también vieron",
    # French
    "Offres similaires", "Offres d'emploi similaires", "Vous pourriez être intéressé(e) par",
    "Nos autres offres", "Autres offres de Bocage Conseil", "Ces offres pourraient vous intéresser",
    # German
    "Ähnliche Jobs", "Andere Nutzer sahen auch", "Passende Stellenangebote",
    "Das könnte Sie auch interessieren", "Empfohlene Jobs für dich",
    # Chinese
    "相似职位", "类似职位", "相关职位", "推荐职位", "为你推荐", "看过该职位的人还看了", "其他职位",
    "该公司其他职位", "相似职位（8）", "热招职位", "其他人还看了", "相似職缺",
    "猜你喜欢 会计助理 6-8K 海港物流",  # a heading run on into its cards
    # Russian
    "Похожие вакансии", "Другие вакансии компании", "Вам могут подойти", "Рекомендуемые вакансии",
    "Похожие вакансии 25", "Другие вакансии работодателя:", "Похожие объявления",
    # keys of API objects, as the loader renders them
    "avisos_relacionados:", "recommendJobs:", "recommendations:", "similarJobs:",
    "related_vacancies:", "recomendaciones:", "recommend:",
]


@pytest.mark.parametrize("heading", TAIL_HEADINGS)
def test_a_heading_of_other_postings_ends_the_posting_in_every_language(heading):
    text = f"Posting\nBody text.\n\n{heading}\nOther job · R$ 9.999 por mês · €99,000\n"
    assert TAIL_RE.match(heading)
    assert text[posting_end(text):].startswith(heading)
    assert parse_salaries(text) == []
    assert cut_chrome(text, []) == "Posting\nBody text."


KEPT_LINES = [
    "Outras vagas estão abertas no nosso site.",  # a sentence, not a heading
    "Experiência de 2 anos em funções semelhantes",
    "Personas que también vieron este empleo se postularon.",
    "【卓越人才猎头】高端职位推荐",  # a posting's title line
    "相关工作经验3年以上",
    "Мы предлагаем другие вакансии в нашей компании.",
    "Recommendations",  # a heading of the posting's own, not an API key
    "Recommended:", "Related:",
    "Other duties as assigned",
]


@pytest.mark.parametrize("line", KEPT_LINES)
def test_a_line_of_the_posting_that_starts_like_a_tail_heading_is_kept(line):
    text = f"Posting\n{line}\nSalário: R$ 5.000 por mês"
    assert not TAIL_RE.match(line)
    assert posting_end(text) == len(text)
    assert cut_chrome(text, []) == text


# --- pages: the block before or after the posting -----------------------------------------

@dataclass(frozen=True)
class Page:
    lang: str
    heading: str
    cards: tuple[tuple[str, str, str], ...]  # title, company and place, pay
    title: str
    company: str
    meta: tuple[str, ...]
    sections: tuple[tuple[str, tuple[str, ...]], ...]

    def html(self, block_first: bool) -> str:
        cards = "".join(f"<div class='card'><h3>{t}</h3><p>{c}</p><p>{p}</p></div>"
                        for t, c, p in self.cards)
        block = f"<section class='bloco'><h2>{self.heading}</h2>{cards}</section>"
        meta = "".join(f"<li>{m}</li>" for m in self.meta)
        sections = "".join(f"<h2>{h}</h2><ul>{''.join(f'<li>{i}</li>' for i in items)}</ul>"
                           for h, items in self.sections)
        main = f"<main><h1>{self.title}</h1><p>{self.company}</p><ul>{meta}</ul>{sections}</main>"
        body = block + main if block_first else main + block
        return f"<html lang='{self.lang}'><body>{body}</body></html>"

    def card_values(self) -> list[str]:
        return [value for card in self.cards for value in card]


PAGES = [
    Page("pt", "Vagas semelhantes",
         (("Analista de BI Sênior", "Seguradora Ipê · Recife - PE", "R$ 12.000 por mês"),
          ("Cientista de Dados Júnior", "Banco Jatobá · Curitiba - PR", "R$ 5.000 por mês")),
         "Engenheiro de Dados Pleno", "Cacau Digital",
         ("Salvador - BA", "CLT · Período integral", "Publicada em 12/05/2025"),
         (("Responsabilidades", ("Construir pipelines de dados em Airflow",)),
          ("Requisitos", ("3 anos de experiência com engenharia de dados",)))),
    Page("es", "Empleos similares",
         (("Desarrollador PHP", "Hostal Norte · Sevilla", "28.000 € - 32.000 € bruto/año"),
          ("Analista QA", "Grupo Olivo · Valencia", "30.000 € bruto/año")),
         "Ingeniero de Software Senior", "Atalaya Tecnología",
         ("Bilbao", "Jornada completa", "45.000 € - 52.000 € bruto/año",
          "Publicada el 12/05/2025"),
         (("Funciones", ("Diseñar servicios en Go",)),
          ("Requisitos", ("5 años de experiencia con Go",)))),
    Page("fr", "Offres d'emploi similaires",
         (("Comptable (H/F)", "Cabinet Durance · Avignon", "32 – 36 k€ brut/an"),
          ("Contrôleur de gestion (H/F)", "Groupe Luberon · Nîmes", "45 k€ brut/an")),
         "Responsable administratif et financier (H/F)", "Garrigue Industrie",
         ("Montpellier (34)", "CDI – Temps plein", "55 – 62 k€ brut/an", "Publiée le 12/05/2025"),
         (("Vos missions", ("Piloter la clôture mensuelle",)),
          ("Votre profil", ("8 ans d'expérience minimum",)))),
    Page("de", "Ähnliche Jobs",
         (("Buchhalter (m/w/d)", "Elbtal GmbH · Dresden", "45.000 € brutto/Jahr"),
          ("Controller (m/w/d)", "Spreewerk AG · Cottbus", "58.000 € brutto/Jahr")),
         "Leiter Finanzbuchhaltung (m/w/d)", "Saaleblick Logistik GmbH",
         ("Leipzig", "Vollzeit", "70.000 – 80.000 € brutto/Jahr", "Veröffentlicht am 12.05.2025"),
         (("Ihre Aufgaben", ("Verantwortung für den Monatsabschluss",)),
          ("Ihr Profil", ("Mindestens 6 Jahre Berufserfahrung",)))),
    Page("zh", "看过该职位的人还看了",
         (("Java开发工程师", "云杉科技 · 杭州", "25-35K"),
          ("测试工程师", "青橙网络 · 苏州", "12-18K")),
         "数据分析师", "蓝鲸数据", ("成都·高新区", "全职", "15-25K", "发布于2025-05-12"),
         (("岗位职责：", ("负责业务数据分析与报表搭建",)),
          ("任职要求：", ("3年以上数据分析经验",)))),
    Page("ru", "Похожие вакансии",
         (("Бухгалтер", "ООО Вектор · Казань", "от 70 000 ₽"),
          ("Экономист", "АО Север · Пермь", "от 90 000 ₽")),
         "Главный бухгалтер", "ООО Ладога Трейд",
         ("Санкт-Петербург", "Полная занятость", "Вакансия опубликована 12 мая 2025"),
         (("Обязанности:", ("ведение бухгалтерского учёта",)),
          ("Требования:", ("опыт работы главным бухгалтером от 5 лет",)))),
]
IDS = [page.lang for page in PAGES]


def _extract(page: Page, block_first: bool):
    return extract(page.html(block_first), strategy="rules", reference_date="2025-06-01")


def _record_values(result) -> str:
    record = result.record
    values = [record.title, record.company, *(place.raw for place in record.locations),
              *(pay.raw for pay in record.salary)]
    return "\n".join(value for value in values if value)


def _labelled(name: str) -> str:
    """A title or company as the record gives it: no gender marker, no legal form."""
    return re.sub(r"\s+(?:\((?:H/F|m/w/d)\)|GmbH)$", "", name)


@pytest.mark.parametrize("block_first", [True, False], ids=["block-first", "block-last"])
@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_the_posting_survives_a_block_of_other_postings_before_or_after_it(page, block_first):
    result = _extract(page, block_first)
    assert result.record.title == _labelled(page.title)
    assert result.record.date_posted == dt.date(2025, 5, 12)
    assert page.company in result.text
    assert all(meta in result.text for meta in page.meta)
    assert "similar_jobs" in result.meta["removed"]


@pytest.mark.parametrize("block_first", [True, False], ids=["block-first", "block-last"])
@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_no_value_of_a_block_of_other_postings_reaches_the_record(page, block_first):
    result = _extract(page, block_first)
    values = _record_values(result)
    for card_value in page.card_values():
        assert card_value not in result.text
        assert all(part not in values for part in card_value.split(" · "))


def test_a_block_before_the_posting_ends_at_the_posting_s_title_not_at_its_first_section():
    """The title, company and meta lines between the block and the first section stay."""
    german = PAGES[3]
    result = _extract(german, block_first=True)
    assert result.record.company == _labelled(german.company)
    assert [place.raw for place in result.record.locations] == ["Leipzig"]
    assert [pay.raw for pay in result.record.salary] == ["70.000 – 80.000 € brutto/Jahr"]


def test_a_card_sharing_the_posting_s_title_does_not_end_the_block():
    text = ("Vagas semelhantes\nAnalista Fiscal\nBanco Jatobá · Curitiba\n\nAnalista Fiscal\n"
            "Mandacaru Contábil\nNatal - RN\n\nRequisitos:\n• CRC ativo")
    kept = cut_chrome(text, [], title="Analista Fiscal")
    assert kept == "Analista Fiscal\nMandacaru Contábil\nNatal - RN\n\nRequisitos:\n• CRC ativo"


# --- text without a known title -------------------------------------------------------------

def test_cards_before_a_plain_text_posting_end_where_its_prose_paragraph_starts():
    text = ("Pessoas também viram\nAnalista de BI Sênior\nSeguradora Ipê · Recife - PE\n"
            "R$ 12.000 por mês\n\nEngenheiro de Dados Pleno\nCacau Digital · Salvador - BA\n"
            "A Cacau Digital atende redes de varejo em todo o Nordeste brasileiro desde 2012, "
            "com 200 pessoas.\n\nResponsabilidades\n• Construir pipelines")
    kept = cut_chrome(text, [])
    assert kept.startswith("Engenheiro de Dados Pleno\nCacau Digital · Salvador - BA\n")
    assert "R$ 12.000" not in kept and "Seguradora" not in kept


def test_cards_before_a_markdown_posting_end_at_its_level_one_heading():
    text = ("## Vagas relacionadas\n- **Analista de BI** · Seguradora Ipê · Recife\n\n"
            "# Engenheiro de Dados Pleno\n**Cacau Digital** · Salvador - BA\n\n"
            "## Responsabilidades\n- Construir pipelines")
    assert cut_chrome(text, []).startswith("# Engenheiro de Dados Pleno\n**Cacau Digital**")


def test_cards_opening_a_page_with_no_mark_of_the_posting_take_only_the_first_card():
    """Never most of the posting: with no title, section or prose to end the block at,
    only the first card goes."""
    posting = ("数据分析师\n蓝鲸数据 · 成都\n15-25K\n负责业务数据分析与报表搭建\n"
               "支持产品团队的指标体系建设\n熟练使用SQL和Python\n3年以上数据分析经验")
    text = f"相似职位\n• Java开发 25-35K\n云杉科技 · 杭州\n\n{posting}"
    assert cut_chrome(text, []) == posting


def test_a_block_between_the_posting_s_header_and_its_sections_ends_at_the_next_section():
    text = ("Главный бухгалтер\nООО Ладога Трейд\nСанкт-Петербург\nПолная занятость\n\n"
            "Вам могут подойти\nБухгалтер · ООО Вектор · Казань · от 70 000 ₽\n\n"
            "Обязанности:\n• ведение учёта")
    assert cut_chrome(text, []) == ("Главный бухгалтер\nООО Ладога Трейд\nСанкт-Петербург\n"
                                    "Полная занятость\n\nОбязанности:\n• ведение учёта")


def test_a_block_after_the_posting_is_cut_to_the_end_even_with_prose_in_its_cards():
    text = ("Vendedor\nTienda Nogal · Rosario\n• Atención al cliente\n• Reposición\n\n"
            "Otras ofertas\nCajero · Súper Ceibo · Córdoba\nBuscamos cajero con experiencia en "
            "atención al público para turno tarde, de lunes a sábado.\nRepositor · Depósito Sur")
    assert cut_chrome(text, []) == ("Vendedor\nTienda Nogal · Rosario\n• Atención al cliente\n"
                                    "• Reposición")


def test_cards_an_api_object_lists_after_the_posting_are_cut():
    text = ("puesto: Analista Contable\nempresa: Quillay Servicios\nciudad: Valparaíso\n"
            "salario: $ 900.000 mensuales\navisos_relacionados:\npuesto: Contador Senior\n"
            "empresa: Grupo Litre\nciudad: Antofagasta\nsalario: $ 2.500.000 mensuales")
    kept = cut_chrome(text, [])
    assert kept.endswith("salario: $ 900.000 mensuales")
    assert "Antofagasta" not in kept and "2.500.000" not in kept


def test_a_heading_line_unknown_to_the_vocabulary_ends_a_block_when_it_ends_in_a_colon():
    text = ("Lagerist (m/w/d)\nHafenkante Logistik\nBremen\nVollzeit\n\nÄhnliche Jobs\n"
            "Fahrer (m/w/d) · Weserfracht · Nienburg · 14 € pro Stunde\n\nWas Sie mitbringen:\n"
            "• Staplerschein")
    assert cut_chrome(text, []) == ("Lagerist (m/w/d)\nHafenkante Logistik\nBremen\nVollzeit\n\n"
                                    "Was Sie mitbringen:\n• Staplerschein")


def test_a_lower_case_api_key_inside_the_cards_does_not_end_the_block():
    text = ("title: Analista Contable\ncompany: Quillay Servicios\ncity: Valparaíso\n"
            "description: Registrar facturas y conciliar cuentas.\nsimilarJobs:\n"
            "title: Contador Senior\nlocation:\ncity: Antofagasta\nsalary:\n"
            "text: $ 2.500.000 mensuales")
    kept = cut_chrome(text, [])
    assert kept.endswith("description: Registrar facturas y conciliar cuentas.")
