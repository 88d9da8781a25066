"""Title and company candidates in the layouts of the languages users feed (pt, es, fr, de,
zh, ru): labels, bylines, headers, sentences, tags to drop, and what is never a company."""

from __future__ import annotations

import pytest

from extractor.candidates import clean_company, clean_title, company_candidates, title_candidates
from extractor.clean import clean
from extractor.load import Document

CITIES = {"lisboa", "recife", "curitiba", "valparaíso", "lyon", "bremen", "томск", "madrid",
          "porto alegre", "belo horizonte", "bogotá", "campinas"}


def fake_places(name: str) -> bool:
    """A fake gazetteer for these tests: a handful of cities."""
    return name.casefold() in CITIES


def title(text: str, hint: str | None = None) -> str | None:
    cands = title_candidates(text, [], None, hint, is_place=fake_places)
    return cands[0].value if cands else None


def company(text: str, hint: str | None = None) -> str | None:
    titles = title_candidates(text, [], None, hint, is_place=fake_places)
    cands = company_candidates(text, [], None, titles=titles, is_place=fake_places)
    return cands[0].value if cands else None


def cleaned(text: str, kind: str = "text") -> tuple[str, str | None]:
    page = clean(Document("p", text, kind))
    return page.text, page.title_hint


# --- labelled lines -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Vaga: Analista de Suprimentos\nLocal: Curitiba\n", "Analista de Suprimentos"),
    ("Cargo: Operador de Caixa\n", "Operador de Caixa"),
    ("Puesto: Técnico de Mantenimiento\n", "Técnico de Mantenimiento"),
    ("Poste : Gestionnaire de paie\n", "Gestionnaire de paie"),
    ("Stelle: Industriemechaniker\n", "Industriemechaniker"),
    ("Position: Quality Inspector\n", "Quality Inspector"),
    ("职位名称：机械设计工程师\n", "机械设计工程师"),
    ("岗位：仓库管理员\n", "仓库管理员"),
    ("Вакансия: Инженер-сметчик\n", "Инженер-сметчик"),
])
def test_a_labelled_title_line_is_read_in_each_language(text, expected):
    cands = title_candidates(text, [], None, None)
    assert (cands[0].value, cands[0].origin) == (expected, "labelled")


@pytest.mark.parametrize(("text", "expected"), [
    ("Empresa: Jatobá Alimentos\n", "Jatobá Alimentos"),
    ("Empresa contratante: Grupo Aroeira\n", "Grupo Aroeira"),
    ("Entreprise : Atelier Garance\n", "Atelier Garance"),
    ("Unternehmen: Hafenblick Reederei\n", "Hafenblick Reederei"),
    ("Arbeitgeber: Stadtbäckerei Kern\n", "Stadtbäckerei Kern"),
    ("公司名称：青松物流\n", "青松物流"),
    ("公司：远山建设\n", "远山建设"),
    ("Компания: Северный Путь\n", "Северный Путь"),
    ("Работодатель: Уральские Самоцветы\n", "Уральские Самоцветы"),
])
def test_a_labelled_company_line_is_read_in_each_language(text, expected):
    cands = company_candidates(text, [], None)
    assert (cands[0].value, cands[0].origin) == (expected, "labelled")


def test_a_label_in_bold_in_a_table_row_or_above_its_value_is_read():
    assert company("**Entreprise :** Maison Ortie\n") == "Maison Ortie"
    assert company("| Empresa | Laranjeira Têxtil |\n| Local | Americana |\n") == (
        "Laranjeira Têxtil")
    assert company("招聘单位 | 白鹭电子\n工作地点 | 厦门\n") == "白鹭电子"
    assert title("Puesto\nAuxiliar de Farmacia\n\nRequisitos\n- Título técnico\n") == (
        "Auxiliar de Farmacia")


def test_an_api_objects_company_key_gives_the_name_under_it():
    text = ("puesto: Cajero\nempresa:\nrazon_social: Tiendas Molle S.A.C.\n"
            "nombre_comercial: Tiendas Molle\nubicacion: Arequipa\n")
    assert (title(text), company(text)) == ("Cajero", "Tiendas Molle")


def test_a_labelled_company_that_the_text_does_not_name_is_no_company():
    for text in ("Empresa: Confidencial\n", "Empresa: multinacional do setor químico\n",
                 "客户：某上市医药企业（面试前告知）\n", "Company: Confidential\n",
                 "Клиент: наш клиент — федеральная сеть\n"):
        assert company(text) is None, text


# --- titles: what they lose -------------------------------------------------------------

@pytest.mark.parametrize("marker", ["(m/w/d)", "(w/m/d)", "(H/F)", "(F/H)", "(h/f)", "(m/f/d)",
                                    "(M/F)", "(f/m/x)"])
def test_a_gender_marker_that_ends_a_title_is_dropped(marker):
    assert clean_title(f"Elektroniker {marker}") == "Elektroniker"
    assert clean_title(f"Technicien de maintenance {marker} – CDI") == "Technicien de maintenance"


def test_a_bare_gender_marker_that_ends_a_title_is_dropped():
    assert clean_title("Assistant commercial H/F") == "Assistant commercial"
    assert clean_title("Industriekaufmann - m/w/d") == "Industriekaufmann"
    assert clean_title("Data Engineer I/O") == "Data Engineer I/O"  # not a marker


def test_a_gender_marker_inside_a_title_stays_so_the_title_is_as_written():
    assert clean_title("Sachbearbeiter (m/w/d) Buchhaltung") == "Sachbearbeiter (m/w/d) Buchhaltung"


@pytest.mark.parametrize(("line", "expected"), [
    ("Analista de Dados Pleno - Remoto", "Analista de Dados Pleno"),
    ("Engenheiro de Software Sênior | Híbrido", "Engenheiro de Software Sênior"),
    ("Desenvolvedor Java (PJ) - 100% Remoto", "Desenvolvedor Java"),
    ("Chargé de clientèle – CDI", "Chargé de clientèle"),
    ("Mécanicien poids lourds (H/F) - Intérim", "Mécanicien poids lourds"),
    ("Kassierer (m/w/d) - Vollzeit", "Kassierer"),
    ("Lagerist in Teilzeit", "Lagerist"),
    ("Técnico de Redes – Lisboa", "Técnico de Redes"),
    ("Soldador (Valparaíso)", "Soldador"),
    ("Vendeur – Lyon (69)", "Vendeur"),
    ("高级产品经理（北京）", "高级产品经理"),
    ("Java-разработчик — удалённо", "Java-разработчик"),
    ("Recepcionista (turno tarde)", "Recepcionista"),
    ("Redactora SEO (Remoto - LATAM)", "Redactora SEO"),
    ("Auxiliar de cocina (20h semanales)", "Auxiliar de cocina"),
    ("Consultant SAP (6 mois)", "Consultant SAP"),
])
def test_trailing_workplace_contract_schedule_and_place_tags_leave_the_title(line, expected):
    assert clean_title(line, fake_places) == expected


def test_pay_after_a_chinese_title_leaves_it():
    assert clean_title("Java开发工程师 15-25K") == "Java开发工程师"
    assert clean_title("新媒体运营8-12K·13薪") == "新媒体运营"


def test_seniority_and_a_specialisation_stay_in_the_title():
    assert clean_title("Analista Fiscal Pleno") == "Analista Fiscal Pleno"
    assert clean_title("高级Java开发工程师") == "高级Java开发工程师"
    assert clean_title("Data Engineer (Python)") == "Data Engineer (Python)"
    assert clean_title("Warehouse Associate - Night Shift") == "Warehouse Associate - Night Shift"
    assert clean_title("Assistant(e) de direction") == "Assistant(e) de direction"


def test_a_leading_tag_leaves_the_title():
    assert clean_title("【实习】新媒体运营实习生") == "新媒体运营实习生"
    assert clean_title("远程兼职｜日语翻译") == "日语翻译"
    assert clean_title("Stage – Chargé(e) de communication") == "Chargé(e) de communication"
    assert clean_title("### Estágio em Marketing 🚀") == "Estágio em Marketing"


# --- titles: where they are found ----------------------------------------------------------

def test_a_markdown_heading_is_the_title_not_the_chat_channel_above_it():
    text = ("#vagas-tech · hoje 09:12\n**@rafa.souza**: repassando 👇\n\n---\n"
            "## Desenvolvedora Android Pleno\n**Graviola Apps** — Natal/RN\n")
    assert title(text) == "Desenvolvedora Android Pleno"


def test_the_line_above_a_boards_place_time_applicants_line_is_the_title():
    text = ("joao.rh_poa\nRecrutador | Varejo\n1 sem. •\n\nRepositor de Mercadorias\n"
            "Porto Alegre, Rio Grande do Sul, Brasil · há 5 dias · 18 candidaturas\n\n"
            "A Rede Bergamota está contratando repositores.\n")
    assert title(text) == "Repositor de Mercadorias"
    assert company(text) == "Rede Bergamota"


def test_a_recruiters_card_gives_neither_title_nor_company():
    text = ("camille.rh\nChargée de recrutement · Industrie\n2 sem. •\n\n"
            "Soudeur TIG\nLyon, Auvergne-Rhône-Alpes, France · il y a 2 semaines · "
            "9 candidatures\n")
    assert title(text) == "Soudeur TIG"
    assert company(text) is None


def test_a_hiring_sentence_or_a_bullet_is_not_a_title_line():
    text = ("**Ветер Плюс** ищет аналитика в команду\n\n### Младший аналитик данных\n\n"
            "- аналитик поддерживает отчёты\n")
    assert title(text) == "Младший аналитик данных"
    assert title("• Analista de custos responsável pelo fechamento\n") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Vaga para Auxiliar de Cozinha\n\nRestaurante no centro contrata.\n", "Auxiliar de Cozinha"),
    ("Se busca Repartidor/a\n\nReparto en moto por el centro.\n", "Repartidor/a"),
    ("Wir suchen ab sofort eine/n Maler (m/w/d)\n\nMalerbetrieb in Ulm.\n", "Maler"),
    ("Nous recrutons un(e) Magasinier\n\nEntrepôt à Rungis.\n", "Magasinier"),
    ("Требуется кладовщик\n\nСклад в Подольске.\n", "кладовщик"),
])
def test_a_classifieds_opening_words_leave_the_title(text, expected):
    assert title(text) == expected


def test_a_title_about_recruiting_is_not_taken_for_an_agencys_header():
    assert title("Chargé de recrutement H/F\n\nCabinet de conseil RH à Nantes.\n") == (
        "Chargé de recrutement")


def test_title_at_company_gives_both_and_an_ambiguous_word_needs_the_name_again():
    text = "Développeur Rust chez Quenelle Labs\n\nQuenelle Labs édite des logiciels.\n"
    assert (title(text), company(text)) == ("Développeur Rust", "Quenelle Labs")
    text = "Analista de Riscos na Seriema Capital\n\nA Seriema Capital é uma gestora.\n"
    assert (title(text), company(text)) == ("Analista de Riscos", "Seriema Capital")
    assert title("Aushilfe bei Veranstaltungen\n\nWir suchen Helfer.\n") == (
        "Aushilfe bei Veranstaltungen")


def test_an_agencys_own_header_gives_no_title():
    text = ("ANDES HEADHUNTERS\nSelección ejecutiva | Energía\n\nGerente de Planta\n\n"
            "Nuestro cliente, una generadora eléctrica, busca un gerente.\n")
    assert title(text) == "Gerente de Planta"
    assert company(text) is None


def test_a_header_whose_line_breaks_were_lost_gives_the_title_and_the_company():
    text = ("Auxiliar de Cozinha (Noite)Cantina Jacarandápublicada há 3 dias Salário a combinar"
            "Somos uma cantina italiana no centro da cidade, com 20 anos de história."
            "AtividadesPreparar ingredientesLimpar a cozinhaRequisitosExperiência em cozinha")
    assert title(text) == "Auxiliar de Cozinha"
    assert company(text) == "Cantina Jacarandá"
    text = ("Kassierer (m/w/d)Frischmarkt OstDresdenvor 2 TagenTeilzeit · 14 € pro Stunde"
            "Frischmarkt Ost betreibt zwölf Filialen in Sachsen.Deine AufgabenKasse")
    assert (title(text), company(text)) == ("Kassierer", "Frischmarkt Ost")


def test_a_camel_case_word_is_not_where_a_glued_header_breaks():
    text = ("Desarrollador JavaScript SeniorPampa Softhace 2 días Tiempo completo "
            "Pampa Soft desarrolla software para el agro desde 2010 en toda la región. "
            "RequisitosReact y Node")
    assert title(text) == "Desarrollador JavaScript Senior"
    assert company(text) == "Pampa Soft"


# --- companies: where they are found -----------------------------------------------------

def test_the_name_under_the_title_is_the_company_when_the_text_names_it_again():
    text = ("Enfermeira Obstétrica\nHospital Ipê Amarelo\nCampinas - SP\n\n"
            "O Hospital Ipê Amarelo contrata.\n")
    assert company(text) == "Hospital Ipê Amarelo"
    text = "Chef de rang (H/F)\n\n**Brasserie Colbert** · Lyon\n\nService du midi.\n"
    assert company(text) == "Brasserie Colbert"


def test_a_header_line_with_at_or_bei_and_a_board_line_that_opens_with_the_company():
    assert company("Teamleiter Vertrieb (m/w/d)\nbei Nordlicht Versicherung AG\nHamburg\n") == (
        "Nordlicht Versicherung")
    text = ("Enfermera de Quirófano\nClínica Arrayán · Madrid · hace 3 días · 25 solicitudes\n\n"
            "En Clínica Arrayán cuidamos de ti.\n")
    assert (title(text), company(text)) == ("Enfermera de Quirófano", "Clínica Arrayán")


def test_a_place_a_district_or_a_sector_under_the_title_is_not_the_company():
    assert company("Gerente de Loja\nCampinas, SP\n\nRequisitos\n- Varejo\n") is None
    assert company("Analista de Nómina\nBogotá, D.C., Colombia · hace 1 día · 40 solicitudes\n"
                   ) is None
    assert company("Vendedor Externo\nZona Sul - São Paulo\n\nRequisitos\n- CNH B\n") is None
    assert company("Jefe de Obra\nConstrucción Civil · Sevilla\n\nFunciones\n- Obra\n") is None


def test_a_line_with_a_legal_form_at_the_top_is_the_company_without_it():
    text = "Бухгалтер\nот 70 000 ₽\nПолная занятость\n\nООО Кедровый Бор\nТомск\n"
    assert company(text) == "Кедровый Бор"
    assert company("ARMOS CJSC\nTITLE: Sales Manager\nLOCATION: Yerevan\n") == "ARMOS"


@pytest.mark.parametrize(("text", "expected"), [
    ("Vendedor\n\nA Casa Mandacaru oferece móveis planejados há 30 anos.\n", "Casa Mandacaru"),
    ("Cajero\n\nSupermercados Ceibo es una cadena de 40 tiendas en Rosario.\n",
     "Supermercados Ceibo"),
    ("Mesero\n\nEn Cevichería Pacífico llevamos 20 años sirviendo.\n", "Cevichería Pacífico"),
    ("Serveur (H/F)\n\nChez Bistrot Garance, nous cuisinons local.\n", "Bistrot Garance"),
    ("Monteur (m/w/d)\n\nDie Solartechnik Nord betreibt Anlagen in Kiel.\n", "Solartechnik Nord"),
    ("Кладовщик\n\nКомпания «Сибирский Лес» производит пиломатериалы.\n", "Сибирский Лес"),
    ("Кладовщик\n\nПриглашаем в компанию «Сосновый Бор» на склад.\n", "Сосновый Бор"),
    ("仓库管理员\n\n青禾物流是一家专注于冷链运输的公司。\n", "青禾物流"),
    ("小学数学老师\n\n青禾教育正在招聘\n", "青禾教育"),
    ("Vendedor\n\nSobre a Pipoca Doce\nNascemos em 1998.\n", "Pipoca Doce"),
    ("Comptable (H/F)\n\nÀ propos de Lumière Conseil\nCabinet RH.\n", "Lumière Conseil"),
    ("运营专员\n\n关于蓝鲸互动\n游戏发行。\n", "蓝鲸互动"),
])
def test_a_sentence_that_opens_with_the_company_names_it_in_each_language(text, expected):
    assert company(text) == expected


def test_a_pronoun_or_a_section_word_that_opens_a_sentence_is_no_company():
    assert company("Ajudante\n\nNosso time desenvolve soluções.\nVocê ajuda clientes.\n") is None
    assert company("Bürokraft\n\nWir sind ein Handwerksbetrieb mit 12 Leuten.\n") is None
    assert company("Аналитик\n\nЗадачи\n— отчёты\n") is None
    assert company("运营专员\n\n关于职位\n负责内容运营。\n") is None


def test_the_postings_own_nouns_and_a_department_are_never_the_company():
    assert company("Analista Fiscal\n\nA Vaga é presencial. Detalhes da vaga abaixo.\n") is None
    text = "Analista de Marketing\nMarketing Digital\n\nO time de Marketing Digital cresce.\n"
    assert company(text) is None
    assert company("Técnico de Soporte\nAtención al Cliente\n\nAtención al Cliente 24h.\n") is None


def test_a_posters_or_contacts_name_is_never_the_company():
    for text in ("Auxiliar de Limpeza\n\nPublicado por Ana Souza\n\nAna Souza responde.\n",
                 "Comptable (H/F)\n\nRecruteur : Julien Morel\n\nJulien Morel est joignable.\n",
                 "Pfleger (m/w/d)\n\nAnsprechpartnerin: Petra Klein\n\nPetra Klein freut sich.\n",
                 "销售代表\n\n联系人：张先生\n", "Водитель\n\nКонтактное лицо: Ирина Петрова\n"):
        assert company(text) is None, text


def test_an_agency_that_posts_for_an_unnamed_client_is_no_company():
    text = ("Rekrutierungsagentur «Talent Brücke»\n\nProjektleiter (m/w/d)\n\n"
            "Im Auftrag unseres Mandanten suchen wir einen Projektleiter.\n")
    assert company(text) is None
    assert company("Гл. инженер\n\nКадровое агентство «Профи Кадр» ищет инженера.\n") is None


def test_the_client_an_agency_names_is_the_company():
    text = ("Analista Contábil\n\nA Ponte RH seleciona para nosso cliente, a Cerâmica Tatu, "
            "uma pessoa analista.\n")
    assert company(text) == "Cerâmica Tatu"


# --- legal forms and short names ----------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("Jabuticaba Sistemas Ltda.", "Jabuticaba Sistemas"),
    ("Cobre Andino S.A.", "Cobre Andino"),
    ("Olivares del Sur S.L.", "Olivares del Sur"),
    ("Atelier Garance SAS", "Atelier Garance"),
    ("Maison Ortie SARL", "Maison Ortie"),
    ("Hafenblick Reederei GmbH", "Hafenblick Reederei"),
    ("Aare Werkzeug AG", "Aare Werkzeug"),
    ("ООО «Тайга Трейд»", "Тайга Трейд"),
    ("АО Северсталь Сервис", "Северсталь Сервис"),
    ("OOO Stroy Invest", "Stroy Invest"),  # the Russian form in Latin letters
    ("青松物流有限公司", "青松物流"),
    ("星河数据股份有限公司", "星河数据"),
])
def test_a_companys_legal_form_is_dropped(name, expected):
    assert clean_company(name) == expected


def test_a_chinese_registered_name_gives_way_to_the_short_name_the_text_uses():
    text = ("前端开发工程师\n\n公司名称：杭州星河云图科技有限公司\n\n"
            "星河云图是一家做地图数据的公司。星河云图成立于2015年。\n")
    assert company(text) == "星河云图"


# --- other postings ------------------------------------------------------------------------

@pytest.mark.parametrize("heading", ["Vagas semelhantes", "Ofertas similares",
                                     "Offres similaires", "Ähnliche Jobs", "相似职位",
                                     "Похожие вакансии"])
def test_a_similar_jobs_block_gives_no_title_or_company(heading):
    text, hint = cleaned(f"Soldador MIG\nSoldas Carcará\n\nSoldas Carcará contrata.\n\n{heading}\n"
                         "Gerente Comercial\nVentas Cóndor · Quito\n\nSupervisor de Turno\n"
                         "Fábrica Quetzal · Puebla\n")
    assert "Gerente Comercial" not in text
    titles = [c.value for c in title_candidates(text, [], None, hint)]
    companies = [c.value for c in company_candidates(text, [], None)]
    assert titles == ["Soldador MIG"]
    assert "Ventas Cóndor" not in companies and "Fábrica Quetzal" not in companies


def test_a_chinese_requirement_about_related_experience_does_not_end_the_posting():
    text, _ = cleaned("产品经理\n\n任职要求：\n相关工作经验3年以上\n熟悉Axure\n\n"
                      "星河云图是一家地图公司。\n")
    assert "熟悉Axure" in text and company(text) == "星河云图"


def test_a_similar_jobs_block_before_the_posting_ends_at_the_postings_own_title():
    page = ("<html><body><section><h2>Vagas semelhantes</h2><p>Caixa</p>"
            "<p>Mercado Sabiá · Recife</p></section><main><h1>Padeiro</h1>"
            "<p>Padaria Mandacaru</p><p>Recife · Presencial</p><h2>Sobre</h2>"
            "<p>A Padaria Mandacaru assa pães desde 1980.</p></main></body></html>")
    text, hint = cleaned(page, "html")
    assert "Mercado Sabiá" not in text and "Padaria Mandacaru" in text
    assert title(text, hint) == "Padeiro" and company(text, hint) == "Padaria Mandacaru"


def test_an_api_objects_related_jobs_key_ends_the_posting():
    text, _ = cleaned("jobName: 测试工程师\nbrandName: 北辰软件\nrecommendJobs:\n"
                      "jobName: 运维工程师\nbrandName: 秦川数码\n")
    assert "秦川数码" not in text and company(text) == "北辰软件"


def test_cyrillic_read_as_cp1251_is_repaired_before_the_title_is_read():
    broken = "Системный администратор\nООО Сибирский Хлеб\n".encode().decode("cp1251")
    text, _ = cleaned(broken)
    assert title(text) == "Системный администратор" and company(text) == "Сибирский Хлеб"
