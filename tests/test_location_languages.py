"""Locations in Portuguese, Spanish, French, German, Chinese and Russian postings: the labels,
the city and region forms of each country, the gazetteer's native names, and what is not
a place (remote work, a brand, a district of another city)."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.codes import country_code
from extractor.parse import parse_text
from extractor.parse.location import parse_locations
from extractor.parse.places import city_country, country_hints, han_place, header_place


def _places(text: str) -> list[tuple[str | None, str | None, str | None]]:
    """(city, region, country) of every location the rules give for ``text``."""
    facts = parse_text(text, dt.date(2025, 6, 1))
    return [(f.value.city, f.value.region, f.value.country) for f in facts.locations]


@pytest.mark.parametrize(("text", "expected"), [
    ("Localização: Campinas - SP\nContrato: CLT", [("Campinas", "SP", "BR")]),
    ("Local de trabalho: Belo Horizonte/MG", [("Belo Horizonte", "MG", "BR")]),
    ("Cidade: Florianópolis, SC", [("Florianópolis", "SC", "BR")]),
    ("Ubicación: Ciudad de México, CDMX", [("Ciudad de México", "CDMX", "MX")]),
    ("Lugar de trabajo: Rosario, Santa Fe, Argentina", [("Rosario", "Santa Fe", "AR")]),
    ("Ubicación: Miraflores, Lima, Perú", [("Miraflores", "Lima", "PE")]),
    ("Lieu : Angers (49)", [("Angers", "49", "FR")]),
    ("Localisation : Bruxelles, Belgique", [("Bruxelles", None, "BE")]),
    ("Lieu de mission : Rouen (76) – zone industrielle", [("Rouen", "76", "FR")]),
    ("Arbeitsort: München, Bayern", [("München", "Bayern", "DE")]),
    ("Standort: Graz", [("Graz", None, "AT")]),
    ("Einsatzort: Zürich", [("Zürich", None, "CH")]),
    ("工作地点：上海市浦东新区张江路", [("上海市", None, "CN")]),
    ("地点：江苏省苏州市工业园区", [("苏州市", "江苏省", "CN")]),
    ("Город: Казань", [("Казань", None, "RU")]),
    ("Адрес: г. Самара, ул. Ленина, 12", [("Самара", None, "RU")]),
    ("Местоположение: Алматы, Казахстан", [("Алматы", None, "KZ")]),
])
def test_a_labelled_location_in_each_language(text, expected):
    assert _places(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Analista de Sistemas\nBanco Ipê · Porto Alegre - RS · Híbrido\n", ("Porto Alegre", "BR")),
    ("Vendedor Externo\nDistribuidora Sol\nSalvador - BA (Pituba)\n", ("Salvador", "BR")),
    ("Contador/a\nEstudio Pampa — Córdoba, Argentina\n", ("Córdoba", "AR")),
    ("Técnica de laboratorio\nLab Norte · Monterrey, N.L.\n", ("Monterrey", "MX")),
    ("Comptable (H/F)\nCabinet Loire\nNantes (44)\nCDI\n", ("Nantes", "FR")),
    ("Lagerist (m/w/d) in Bielefeld\nLogistik Nord GmbH\n", ("Bielefeld", "DE")),
    ("Pflegekraft\nKlinik Süd · Nürnberg-Langwasser · Teilzeit\n", ("Nürnberg", "DE")),
    ("测试工程师\n星河科技 · 北京·海淀区 · 本科\n", ("北京", "CN")),
    ("运营专员一朵云杭州·西湖区薪资面议", ("杭州", "CN")),
    ("Бухгалтер\nООО Север\nМосква, м. Курская\n", ("Москва", "RU")),
    ("Кассир\nМагазин «Лён», г. Ярославль, ул. Мира, 3\n", ("Ярославль", "RU")),
    ("Юрист\n📍 Астана, Казахстан — офис\n", ("Астана", "KZ")),
])
def test_a_city_in_the_header_lines_in_each_language(text, expected):
    hit = header_place(text)
    assert hit is not None and hit.value == expected
    assert text[hit.start:hit.end] == expected[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("Arbeitsort: 80331 München", [("München", None, "DE")]),
    ("Lieu : 69002 Lyon", [("Lyon", None, "FR")]),
    ("Arbeitsort: CH-8005 Zürich", [("Zürich", None, "CH")]),
    ("Lieu : Paris 11e", [("Paris", None, "FR")]),
    ("Standort: Frankfurt-Höchst", [("Frankfurt", None, "DE")]),
    ("Standort: Baden-Baden", [("Baden-Baden", None, "DE")]),
])
def test_postcodes_arrondissements_and_districts_around_a_labelled_city(text, expected):
    assert _places(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Lieu : Île-de-France", [(None, "Île-de-France", "FR")]),
    ("Arbeitsort: Bayern", [(None, "Bayern", "DE")]),
    ("Ubicación: Jalisco", [(None, "Jalisco", "MX")]),
    ("Arbeitsort: Berlin", [("Berlin", None, "DE")]),  # a city first, though also a Land
])
def test_a_labelled_region_alone_is_a_region_of_its_country(text, expected):
    assert _places(text) == expected


def test_a_lost_line_break_does_not_hide_a_city_in_the_header():
    hit = header_place("Boulanger (H/F)Au Pain DoréDijon (21)Publiée il y a 3 jours")
    assert hit is not None and hit.value == ("Dijon", "FR")
    hit = header_place("ФармацевтАптека ЗдоровьеНовосибирск, м. Площадь Маркса3 дня назад")
    assert hit is not None and hit.value == ("Новосибирск", "RU")


def test_the_area_of_a_city_is_that_city():
    assert _places("Handwerksbetrieb im Raum Hannover sucht Verstärkung\n\nWir bieten ...") == [
        ("Hannover", None, "DE")]


@pytest.mark.parametrize(("value", "expected"), [
    ("江苏省常州市武进区", ("常州市", "江苏省", "CN")),
    ("深圳市南山区科技园", ("深圳市", None, "CN")),
    ("中国 上海市", ("上海市", None, "CN")),
    ("北京·朝阳区", ("北京", None, "CN")),
    ("臺北市信義區", ("臺北市", None, "TW")),
    ("朝阳区", None),  # a district of Beijing, not the city Chaoyang
    ("浦东新区", None),
])
def test_chinese_addresses_give_the_city_as_written(value, expected):
    assert han_place(value) == expected


@pytest.mark.parametrize(("name", "country"), [
    ("São Paulo", "BR"), ("Sao Paulo", "BR"), ("SÃO PAULO", "BR"), ("Porto", "PT"),
    ("Lisboa", "PT"), ("Bogotá", "CO"), ("Antofagasta", "CL"), ("Solothurn", "CH"),
    ("Genève", "CH"), ("Liège", "BE"), ("Köln", "DE"), ("Wien", "AT"), ("Québec", "CA"),
    ("上海", "CN"), ("深圳市", "CN"), ("香港", "HK"), ("Екатеринбург", "RU"), ("Минск", "BY"),
    ("Salvador", "BR"),
])
def test_the_gazetteer_knows_native_names(name, country):
    assert city_country(name) == country


@pytest.mark.parametrize("name", ["Sur", "Mitte", "Victoria", "Florida", "Remoto", "宝安"])
def test_common_words_and_districts_are_not_cities(name):
    assert city_country(name) is None


@pytest.mark.parametrize(("name", "hints", "country"), [
    ("Barcelona", (), None), ("Barcelona", ("ES",), "ES"), ("Valencia", ("ES",), "ES"),
    ("Valencia", ("VE",), "VE"), ("Córdoba", ("AR",), "AR"), ("Córdoba", ("ES",), "ES"),
])
def test_a_city_several_countries_share_is_read_in_the_country_the_posting_names(
        name, hints, country):
    assert city_country(name, hints) == country


def test_the_postings_money_and_country_names_are_its_hints():
    hints = country_hints("Salário: R$ 5.000 por mês\nVaga na Suíça e no Perú")
    assert {"BR", "CH", "PE"} <= hints
    assert "ES" in country_hints("Sueldo: 30.000 € anuales")


def test_an_ambiguous_city_in_the_header_is_read_in_the_postings_currency():
    text = "Programador Java\nTramuntana Software\n• Barcelona\n• Salario: 40.000 € brutos/año\n"
    assert _places(text) == [("Barcelona", None, "ES")]


@pytest.mark.parametrize(("name", "code"), [
    ("Perú", "PE"), ("Bélgica", "BE"), ("Allemagne", "DE"), ("Schweiz", "CH"),
    ("Estados Unidos", "US"), ("Royaume-Uni", "GB"), ("中国", "CN"), ("臺灣", "TW"),
    ("Бельгия", "BE"), ("Salvador", None), ("Granada", None),
])
def test_country_names_in_the_posting_languages(name, code):
    assert country_code(name) == code


@pytest.mark.parametrize("text", [
    "Analista de Dados\nEmpresa X\n• Remoto (Brasil)\n• CLT\n",
    "Desarrollador\nEmpresa Y\n100% remoto desde LATAM\n",
    "Ubicación: Remoto (LATAM)\n",
])
def test_where_remote_work_may_be_done_from_is_not_a_location(text):
    assert _places(text) == []


def test_a_brand_glued_in_camel_case_is_not_a_city():
    text = "Administrador de redes\nConocimientos de MikroTik y Zabbix\n"
    assert header_place(text) is None


def test_a_city_cut_out_of_a_compound_must_be_in_the_postings_country():
    text = ("Erzieher (m/w/d)\n\nKita-Verbund Spree\n\n• Berlin-Pankow\n"
            "• Vergütung: 3.400 € brutto im Monat\n")
    hit = header_place(text)
    assert hit is not None and hit.value == ("Berlin", "DE")


def test_a_brazilian_state_after_a_comma_is_not_read_as_a_canadian_province():
    assert [(f.value.city, f.value.region, f.value.country)
            for f in parse_locations("Nossa equipe fica em Recife, PE e atende o Nordeste.")] == [
        ("Recife", "PE", "BR")]
    assert [(f.value.city, f.value.country)
            for f in parse_locations("Our office in Charlottetown, PE is hiring.")] == [
        ("Charlottetown", "CA")]


def test_a_location_in_a_trailing_similar_jobs_block_is_not_this_postings():
    text = ("Atendente\nLoja Azul\n\nLocal de trabalho: Curitiba - PR\n"
            + "Atender clientes no balcão e organizar o estoque da loja. " * 4
            + "\nVagas semelhantes\nCaixa · Mercado Sol · Local: Londrina - PR\n")
    assert _places(text) == [("Curitiba", "PR", "BR")]
