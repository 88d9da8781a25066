"""The draft model's training-set builder, on a tiny synthetic row set."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from extractor.finetune.data import BuildOptions, build, build_examples, is_dev, visible_text
from extractor.finetune.render import Shown, render
from extractor.finetune.rows import Place, Row, TrainingDataError, read_own, read_shared
from extractor.finetune.targets import build_target, place_target

BODY = ("We are looking for someone who enjoys building reliable data pipelines. "
        "You will work with analysts and engineers every day.\n\n"
        "Requirements\n- Three years of SQL\n- Python\n\n"
        "Benefits\n- Health insurance\n- Paid leave\n") * 2


def _linkedin_line(job_id: str, title: str, company: str, location: str, body: str = BODY,
                   work_type: str = "Full-time") -> dict:
    return {"id": job_id, "source": "linkedin_kaggle_2024",
            "row": {"job_id": job_id, "title": title, "company_name": company,
                    "location": location, "description": body, "skills_desc": "",
                    "formatted_work_type": work_type, "remote_allowed": "",
                    "formatted_experience_level": "", "listed_time": "1712857887000.0"}}


def _write_shared(folder: Path, lines: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "linkedin_kaggle_2024.jsonl").open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line) + "\n")
    return folder


def _rows(tmp_path: Path) -> list[Row]:
    lines = [_linkedin_line(str(i), f"Data Engineer {i}", f"Acme {i} Corp", "Austin, TX")
             for i in range(6)]
    return read_shared(_write_shared(tmp_path / "shared", lines))


def test_a_label_absent_from_the_text_becomes_null(tmp_path):
    row = _rows(tmp_path)[0]
    visible = visible_text(row.body, "x")
    target = build_target(row, Shown(), visible)
    assert target["title"] is None and target["company"] is None
    assert target["locations"] == []
    assert target["date_posted"] is None  # listed_time is a label, not printed


def test_a_label_the_render_prints_becomes_the_target(tmp_path):
    rows = _rows(tmp_path)
    rng = random.Random(0)
    for _ in range(20):  # some renders drop the title: find one that shows it
        rendered = render(rows[0], rows, rng, layout="meta")
        visible = visible_text(rendered.content, "x")
        if "Data Engineer 0" in visible:
            break
    target = build_target(rows[0], rendered.shown, visible)
    assert target["title"] == "Data Engineer 0"
    assert target["locations"][0]["city"] == "Austin"


def test_similar_jobs_from_other_rows_never_become_the_target(tmp_path):
    rows = _rows(tmp_path)
    rng = random.Random(1)
    for _ in range(30):
        rendered = render(rows[0], rows, rng, layout="board")
        target = build_target(rows[0], rendered.shown, visible_text(rendered.content, "x"))
        assert target["title"] in {None, "Data Engineer 0"}
        assert target["company"] in {None, "Acme 0 Corp"}


def test_a_state_or_country_code_counts_only_where_written_as_a_code():
    assert place_target(Place("Indianapolis", "IN", "US"), "our office in Indianapolis, for us") \
        == {"city": "Indianapolis", "region": None, "country": None}
    assert place_target(Place("Austin", "TX", "US"), "Austin, TX") \
        == {"city": "Austin", "region": "TX", "country": "US"}


def test_employment_type_is_a_target_only_when_the_text_states_it(tmp_path):
    row = _rows(tmp_path)[0]
    assert build_target(row, Shown(), BODY)["employment_types"] == []
    stated = "This is a full-time position.\n\n" + BODY
    assert build_target(row, Shown(), stated)["employment_types"] == ["full_time"]


def test_duplicate_postings_land_in_one_split(tmp_path):
    lines = [_linkedin_line(str(i), "Analyst", "Acme", "Austin, TX") for i in range(40)]
    rows = read_shared(_write_shared(tmp_path / "shared", lines))
    assert len({is_dev(r) for r in rows}) == 1  # same text: same group, same side


def test_build_is_reproducible_and_picks_up_new_own_postings(tmp_path):
    shared = _write_shared(tmp_path / "shared",
                           [_linkedin_line(str(i), f"Role {i}", "Acme", "Austin, TX")
                            for i in range(5)])
    own = tmp_path / "own"
    own.mkdir()
    opts = BuildOptions(shared=shared, own=own, own_copies=2)
    first = build(opts, tmp_path / "a")
    build(opts, tmp_path / "b")
    assert (tmp_path / "a" / "train.jsonl").read_bytes() == (tmp_path / "b" / "train.jsonl") \
        .read_bytes()
    posting = {"id": "own-de-1", "language": "de", "format": "txt",
               "text": "Werkstudent Marketing (m/w/d)\nMüller GmbH\nBerlin\n\n" + BODY,
               "labels": {"title": "Werkstudent Marketing (m/w/d)", "company": "Müller GmbH",
                          "locations": [{"city": "Berlin", "region": None, "country": "DE"}],
                          "employment_types": ["part_time"], "workplace_type": None,
                          "seniority": None, "date_posted": None}}
    (own / "de.jsonl").write_text(json.dumps(posting, ensure_ascii=False) + "\n")
    second = build(opts, tmp_path / "a")
    assert second["examples"] == first["examples"] + 2
    assert second["language"]["de"] == 2


def test_every_example_keeps_its_source_row_layout_and_language(tmp_path):
    rows = _rows(tmp_path)
    examples = build_examples(rows, [], BuildOptions())
    assert {e["source"] for e in examples} == {"linkedin_kaggle_2024"}
    assert all(e["row_id"] and e["layout"] and e["language"] == "en" for e in examples)


def test_a_malformed_own_line_names_the_file_and_line(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "pt.jsonl").write_text('{"id": "a", "text": "x", "labels": {}}\n{"id": "b"}\n')
    with pytest.raises(TrainingDataError, match=r"pt\.jsonl:2: missing text, labels"):
        read_own(own)


def test_glassdoor_company_loses_its_appended_rating(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    line = {"id": "0", "source": "glassdoor_ds_jobs",
            "row": {"Job Title": "Data Scientist", "Company Name": "Healthfirst\n3.1",
                    "Location": "New York, NY", "Job Description": BODY}}
    (folder / "glassdoor_ds_jobs.jsonl").write_text(json.dumps(line) + "\n")
    [row] = read_shared(folder)
    assert row.company == "Healthfirst"
    assert row.places == [Place("New York", "NY", "US")]


@pytest.mark.parametrize("text", ["3 de fevereiro de 2025", "2025-02-03", "03.02.2025",
                                  "2025年2月3日", "February 3, 2025", "3 февраля 2025"])
def test_an_own_posting_date_counts_when_written_as_a_date(text):
    row = Row(source="own", row_id="x", body=text, own=True,
              date_posted=dt.date(2025, 2, 3))
    assert build_target(row, Shown(), f"Vaga\n{text}\n")["date_posted"] == "2025-02-03"


def test_a_relative_date_is_no_date_target_without_a_reference():
    row = Row(source="own", row_id="x", body="", own=True,
              date_posted=dt.date(2025, 2, 3))
    assert build_target(row, Shown(), "há 3 dias. Fundada em 2025")["date_posted"] is None
