"""Salary parser in Portuguese, Spanish, French, German, Chinese and Russian: each locale's
numbers, currencies, range words and periods, and the money in those languages that is
not pay (meal vouchers, allowances, company money, other postings)."""

from __future__ import annotations

import pytest

from extractor.parse.base import posting_end
from extractor.parse.salary import parse_salaries


def _ranges(text: str, default: str | None = None) -> list[tuple]:
    found = parse_salaries(text, default)
    for f in found:
        assert text[f.start:f.end] == f.value.raw
    return [(f.value.min, f.value.max, f.value.currency, f.value.period) for f in found]


@pytest.mark.parametrize(("text", "expected"), [
    ("Faixa salarial: R$ 7.000 a R$ 9.500 por mês", [(7000, 9500, "BRL", "month")]),
    ("Salário: R$ 3.250,00 + benefícios", [(3250, 3250, "BRL", None)]),
    ("Remuneração: R$ 2.400,00 mensais", [(2400, 2400, "BRL", "month")]),
    ("Valor: R$ 85 a R$ 110 por hora (PJ)", [(85, 110, "BRL", "hour")]),
    ("Bolsa-auxílio: R$ 1.600/mês", [(1600, 1600, "BRL", "month")]),
    ("Salário de R$ 4 mil a R$ 5 mil", [(4000, 5000, "BRL", None)]),
    ("Salário: a partir de R$ 5.000", [(5000, None, "BRL", None)]),
    ("Salário: até R$ 6.000 por mês", [(None, 6000, "BRL", "month")]),
    ("Vencimento: 1.350 € a 1.500 € brutos mensais (x14)", [(1350, 1500, "EUR", "month")]),
])
def test_portuguese_pay(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Salario: 36.000 € - 44.000 € brutos anuales", [(36000, 44000, "EUR", "year")]),
    ("Banda salarial: €28.000 - €33.000 bruto/año", [(28000, 33000, "EUR", "year")]),
    ("Sueldo: 2.300.000 COP mensuales", [(2300000, 2300000, "COP", "month")]),
    ("Sueldo: MXN 22,000 a 27,000 mensuales", [(22000, 27000, "MXN", "month")]),
    ("Renta líquida: $1.900.000 a $2.300.000 CLP mensuales", [(1900000, 2300000, "CLP", "month")]),
    ("Remuneración: S/ 3,200 - S/ 3,800 mensuales", [(3200, 3800, "PEN", "month")]),
    ("Pago: 14 € brutos la hora", [(14, 14, "EUR", "hour")]),
    ("Salario: hasta 32.000 € anuales", [(None, 32000, "EUR", "year")]),
    ("Rango salarial: 27K-31K €", [(27000, 31000, "EUR", None)]),
    ("Ayuda al estudio: 650 € al mes", [(650, 650, "EUR", "month")]),
])
def test_spanish_pay(text, expected):
    assert _ranges(text) == expected


def test_a_bare_dollar_beside_spanish_words_is_a_peso_of_no_stated_currency():
    assert _ranges("Sueldo: $18.000 mensuales") == [(18000, 18000, None, "month")]
    assert _ranges("Sueldo: $18.000 mensuales", "MXN") == [(18000, 18000, "MXN", "month")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Salaire : 42 k€ - 48 k€ par an", [(42000, 48000, "EUR", "year")]),
    ("Rémunération : entre 36 000 et 40 000 € brut annuel", [(36000, 40000, "EUR", "year")]),
    ("Salaire : 2 450 € brut par mois", [(2450, 2450, "EUR", "month")]),
    ("Taux horaire : 12,10 € de l'heure", [(12.1, 12.1, "EUR", "hour")]),
    ("TJM : 600 € HT / jour", [(600, 600, "EUR", "day")]),
    ("Salaire : à partir de 38 k€", [(38000, None, "EUR", None)]),
    ("Salaire : 33 – 37 k€ brut/an", [(33000, 37000, "EUR", "year")]),
    ("CHF 95 000 – 105 000 par an", [(95000, 105000, "CHF", "year")]),
])
def test_french_pay(text, expected):
    assert _ranges(text) == expected


def test_a_dollar_written_after_the_figure_beside_french_words_is_canadian():
    assert _ranges("Échelle salariale : 71 000 $ à 84 000 $ par année") == [
        (71000, 84000, "CAD", "year")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Gehalt: 58.000–66.000 € brutto jährlich", [(58000, 66000, "EUR", "year")]),
    ("Gehalt: ab 3.900 € im Monat", [(3900, None, "EUR", "month")]),
    ("Lohn: CHF 6’100 pro Monat", [(6100, 6100, "CHF", "month")]),
    ("Gehalt: zwischen 52.000 und 60.000 € brutto", [(52000, 60000, "EUR", None)]),
    ("+ 16,40 € Stundenlohn plus Zuschläge", [(16.4, 16.4, "EUR", "hour")]),
])
def test_german_pay(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Das KV-Mindestgehalt beträgt 3.350 € brutto pro Monat, Überzahlung möglich",
     [(3350, None, "EUR", "month")]),
    ("Mindestjahresgehalt: 49.000 €", [(49000, None, "EUR", "year")]),
])
def test_a_stated_minimum_salary_is_a_floor(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("薪资：18-28K·14薪", [(18000, 28000, "CNY", "month")]),
    ("薪资：25-40K", [(25000, 40000, "CNY", "month")]),
    ("薪资：1.2万-1.8万/月", [(12000, 18000, "CNY", "month")]),
    ("年薪30-45万", [(300000, 450000, "CNY", "year")]),
    ("薪资：6000-9000元/月", [(6000, 9000, "CNY", "month")]),
    ("日薪：180-220元/天", [(180, 220, "CNY", "day")]),
    ("时薪 60-90元/小时", [(60, 90, "CNY", "hour")]),
    ("月薪9000元以上", [(9000, None, "CNY", "month")]),
    ("月薪：7000-9500", [(7000, 9500, "CNY", "month")]),
    ("年薪：35W-50W", [(350000, 500000, "CNY", "year")]),
])
def test_chinese_pay(text, expected):
    assert _ranges(text) == expected


def test_yuan_in_traditional_characters_is_the_taiwan_dollar():
    text = "薪資：月薪 42,000~55,000元\n工作地點：台北市信義區，經驗不拘"
    assert _ranges(text) == [(42000, 55000, "TWD", "month")]
    text = "職缺：工程師\n年薪 90萬~120萬，經驗不拘"
    assert _ranges(text) == [(900000, 1200000, "TWD", "year")]


@pytest.mark.parametrize(("text", "expected"), [
    ("от 140 000 до 190 000 ₽ за месяц, на руки", [(140000, 190000, "RUB", "month")]),
    ("Зарплата: от 95 000 руб.", [(95000, None, "RUB", None)]),
    ("Зарплата: до 250 000 ₽", [(None, 250000, "RUB", None)]),
    ("Оклад: 380 000 – 480 000 ₸ на руки в месяц", [(380000, 480000, "KZT", "month")]),
    ("1 900 – 2 400 BYN в месяц до вычета налогов", [(1900, 2400, "BYN", "month")]),
    ("Ставка: 320 – 420 ₽ за час", [(320, 420, "RUB", "hour")]),
])
def test_russian_pay(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize("text", [
    "Salário: a combinar", "Sueldo: a convenir", "Salaire selon profil",
    "Gehalt nach Vereinbarung", "薪资面议", "з/п по договорённости",
])
def test_pay_to_be_agreed_is_no_range(text):
    assert _ranges(text) == []


@pytest.mark.parametrize("text", [
    "Benefícios: vale-refeição de R$ 32/dia, plano de saúde",
    "Auxílio home office de R$ 150 por mês",
    "Subsídio de alimentação de 9,60 €/dia",
    "Tickets restaurant de 9 € par jour travaillé",
    "Carte Swile de 11 € par jour",
    "Essenszuschuss von 6 € pro Tag",
    "Weiterbildungsbudget 1.200 € pro Jahr",
    "餐补：25元/天",
    "Компенсация питания 350 ₽ в день",
    "Bono de productividad de hasta 2.000 € anuales",
])
def test_benefit_money_is_not_pay(text):
    assert _ranges(text) == []


@pytest.mark.parametrize("text", [
    "A empresa faturou R$ 120 milhões em 2024.",
    "Captamos R$ 30 milhões em uma rodada série B.",
    "Con una facturación de 8 millones de euros al año.",
    "Nous avons levé 12 M€ en 2024.",
    "Umsatz von 40 Mio. € im Jahr",
    "公司已完成B轮融资2亿元",
    "注册资本500万元",
    "Оборот компании 3 млрд ₽ в год",
])
def test_company_money_is_not_pay(text):
    assert _ranges(text) == []


@pytest.mark.parametrize("text", [
    "Experiência de 3 a 5 anos em vendas", "3-5年工作经验", "团队规模500-999人",
    "Jornada de 44 horas semanais", "Arbeitszeit Mo.–Fr. 8–17 Uhr",
    "福利与待遇1) 绩效奖金2) 带薪年假", "薪资：1-3年经验优先",
])
def test_figures_with_no_money_are_not_pay(text):
    assert _ranges(text) == []


@pytest.mark.parametrize("tail", [
    "Vagas semelhantes", "Ofertas similares", "Empleos relacionados",
    "Vous pourriez être intéressé(e) par", "Emplois similaires", "类似职位",
    "看过该职位的人还看了", "Другие вакансии компании", "recommendJobs:",
    "avisos_relacionados:",
])
def test_other_postings_pay_after_a_tail_line_is_not_this_postings(tail):
    posting = ("Analista Financeiro\nSalário: R$ 6.000 por mês\n"
               "Atuar no fechamento contábil mensal e nas conciliações bancárias.\n")
    text = f"{posting}{tail}\nContador Sênior · Outra Empresa · R$ 9.000 por mês\n"
    assert text[posting_end(text):].startswith(tail)
    assert _ranges(text) == [(6000, 6000, "BRL", "month")]


def test_a_glued_line_break_does_not_hide_the_period_or_the_pay_word():
    text = "Tiempo parcial12 € brutos la horaDeportes Sur gestiona polideportivos"
    assert _ranges(text) == [(12, 12, "EUR", "hour")]
    assert _ranges("Escala 12x36 diurnaSalário: R$ 3.400,00 + adicional") == [
        (3400, 3400, "BRL", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Salário: R$ 1.234,56", [(1234.56, 1234.56, "BRL", None)]),
    ("Salary: $1,234.56", [(1234.56, 1234.56, "USD", None)]),
    ("Зарплата: 1\u202f234\u202f000 ₽", [(1234000, 1234000, "RUB", None)]),
    ("Salaire : 41\u00a0500 € brut par an", [(41500, 41500, "EUR", "year")]),
    ("Lohn: CHF 5'950", [(5950, 5950, "CHF", None)]),
])
def test_decimal_and_thousand_separators_of_each_locale(text, expected):
    assert _ranges(text) == expected
