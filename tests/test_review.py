"""The review page as a file: self-contained, safe to embed any text in, built from an
output that carries the text (``python -m extractor.review``) or by ``extract --review``.
What a person sees in it is checked in a real browser (tests/test_review_browser.py)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from extractor.cli import EXIT_ABORTED, main
from extractor.errors import InputError
from extractor.review import ReviewSpool, page_entry, write_review
from extractor.review import main as review_main
from support.postings import read_lines

POSTING = "Senior Data Engineer\nAcme Corp\nRemote (US)\nSalary: $120,000 - $150,000 a year\n"
HOSTILE = '</script><script>window.__pwned = 1</script><!-- <script> &amp; </SCRIPT >'


def line(text: str | None = POSTING, **extra) -> dict:
    return {"source": "a.txt", "record": {"title": "Senior Data Engineer"}, "error": None,
            "evidence": {"title": [{"start": 0, "end": 20, "text": "Senior Data Engineer"}]},
            "warnings": [], "text": text, **extra}


def data_blob(page: str) -> list[dict]:
    found = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page,
                      re.S)
    assert found
    return json.loads(found.group(1))


def test_page_is_one_file_that_loads_nothing_from_elsewhere(tmp_path):
    write_review([line()], tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text()
    assert not re.search(r"https?://|\bsrc=|@import|url\(|<link", page)
    assert "default-src 'none'" in page  # the CSP forbids fetching anything
    assert page.count("<script") == 2  # the data and the page's own code


def test_script_end_tags_in_posting_text_stay_inside_the_data(tmp_path):
    hostile = line(HOSTILE + "\n" + POSTING, source=HOSTILE, warnings=[HOSTILE],
                   error={"type": "x", "message": HOSTILE})
    write_review([hostile], tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text()
    assert len(re.findall(r"</script", page, re.I)) == 2  # only the page's own two
    [entry] = data_blob(page)
    assert entry["text"].startswith(HOSTILE) and entry["source"] == HOSTILE
    assert entry["warnings"] == [HOSTILE] and entry["error"]["message"] == HOSTILE


def test_the_script_that_runs_is_the_one_the_csp_hash_names(tmp_path):
    import base64
    import hashlib

    write_review([line()], tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text()
    script = page.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page


def test_offsets_are_converted_to_utf16_past_characters_outside_the_bmp():
    text = "\U0001f680\U0001f680 Rocket Engineer"
    start = text.index("Rocket")
    entry = page_entry(line(text, evidence={"title": [
        {"start": start, "end": len(text), "text": "Rocket Engineer"}]}))
    assert entry["spans"]["title"] == [[start + 2, len(text) + 2]]  # each rocket is 2 units
    utf16 = text.encode("utf-16-le")
    assert utf16[2 * (start + 2):].decode("utf-16-le") == "Rocket Engineer"


def test_evidence_without_a_span_is_a_note_and_a_bad_span_is_left_out():
    entry = page_entry(line(evidence={
        "company": [{"start": None, "end": None, "text": None, "page_data": "jsonld"}],
        "date_posted": [{"start": None, "end": None, "text": "datePosted"}],
        "title": [{"start": 5, "end": 999, "text": "?"}, {"start": "0", "end": 4}]}))
    assert entry["notes"] == {"company": ["page data (jsonld)"],
                              "date_posted": ["page data (datePosted)"]}
    assert entry["spans"] == {}


def test_dropped_values_are_listed_apart_from_other_warnings():
    entry = page_entry(line(warnings=["salary: dropped {'min': -5}: must be positive",
                                      "input cut at a section boundary"]))
    assert entry["dropped"] == ["salary: dropped {'min': -5}: must be positive"]
    assert entry["warnings"] == ["input cut at a section boundary"]


def test_a_line_without_text_says_to_rerun_with_include_text(tmp_path):
    page = tmp_path / "r.html"
    page.write_text("an older page")
    no_text = line()
    del no_text["text"]
    with pytest.raises(InputError, match="--include-text"):
        write_review([line(), no_text], page)
    assert page.read_text() == "an older page"  # replaced only by a complete page
    assert list(tmp_path.iterdir()) == [page]  # no temporary file left behind


def test_the_page_gets_the_mode_the_umask_gives_like_any_file(tmp_path):
    umask = os.umask(0o022)
    try:
        write_review([line()], tmp_path / "r.html")
    finally:
        os.umask(umask)
    assert (tmp_path / "r.html").stat().st_mode & 0o777 == 0o644  # not a temporary's 0600


def test_a_failed_input_without_text_is_shown_with_its_error(tmp_path):
    failed = {"source": "b.pdf", "record": None, "evidence": {}, "warnings": [],
              "error": {"type": "binary_input", "message": "binary file"}, "text": None}
    assert write_review([line(), failed], tmp_path / "r.html") == 2
    entries = data_blob((tmp_path / "r.html").read_text())
    assert entries[1]["text"] is None and entries[1]["error"]["type"] == "binary_input"


def test_spool_keeps_lines_out_of_memory_and_writes_the_page(tmp_path):
    with ReviewSpool(tmp_path / "r.html") as spool:
        for n in range(3):
            spool.add(line(source=f"{n}.txt"))
        assert spool.write() == 3
    assert [e["source"] for e in data_blob((tmp_path / "r.html").read_text())] == [
        "0.txt", "1.txt", "2.txt"]


def test_module_builds_the_page_from_an_output_file(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(line()) + "\n\n" + json.dumps(line(source="b.txt")) + "\n")
    assert review_main([str(out), "-o", str(tmp_path / "r.html")]) == 0
    assert "2 postings" in capsys.readouterr().err
    assert len(data_blob((tmp_path / "r.html").read_text())) == 2


def test_module_on_an_output_without_text_exits_2_naming_the_flag(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(POSTING)
    out = tmp_path / "out.jsonl"
    main([str(tmp_path / "a.txt"), "--strategy", "rules", "--no-cache", "-o", str(out)])
    capsys.readouterr()
    assert review_main([str(out), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "line 1" in err and "rerun extract with --include-text" in err
    assert not (tmp_path / "r.html").exists()


def test_extract_review_flag_writes_the_page_with_text_the_output_lacks(tmp_path):
    (tmp_path / "a.txt").write_text(POSTING)
    out, page = tmp_path / "out.jsonl", tmp_path / "review.html"
    code = main([str(tmp_path / "a.txt"), "--strategy", "rules", "--no-cache", "--quiet",
                 "-o", str(out), "--review", str(page)])
    assert code == 0
    [written] = read_lines(out)
    assert "text" not in written
    [entry] = data_blob(page.read_text())
    assert entry["text"].startswith("Senior Data Engineer\nAcme Corp")
    assert entry["record"]["title"] == "Senior Data Engineer" and "title" in entry["spans"]


def test_review_page_inside_the_input_folder_is_not_read_as_a_posting(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(POSTING)
    page = folder / "review.html"
    for _ in range(2):  # the second run finds its own page in the folder
        assert main([str(folder), "--strategy", "rules", "--no-cache", "--quiet",
                     "--review", str(page)]) == 0
    sources = [json.loads(raw)["source"] for raw in capsys.readouterr().out.splitlines()]
    assert sources == ["a.txt", "a.txt"]


def test_review_refuses_to_overwrite_a_posting_in_the_input_folder(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(POSTING)
    (folder / "job.html").write_text("<html><body><h1>Welder</h1></body></html>")
    code = main([str(folder), "--strategy", "rules", "--no-cache", "--quiet",
                 "--review", str(folder / "job.html")])
    assert code == EXIT_ABORTED
    assert "--review" in capsys.readouterr().err
    assert "Welder" in (folder / "job.html").read_text()


def test_page_data_blob_round_trips_every_entry(tmp_path):
    lines = [line(source=f"{n}.txt", text=POSTING + "x" * n) for n in range(5)]
    write_review(lines, Path(tmp_path / "r.html"))
    assert [e["text"] for e in data_blob((tmp_path / "r.html").read_text())] == [
        entry["text"] for entry in lines]


def test_an_interrupted_run_writes_no_page_and_leaves_no_temporary(tmp_path, monkeypatch):
    from extractor.batch.run import BatchOptions, BatchRun
    from extractor.settings import resolve_settings

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(POSTING)
    page = tmp_path / "review.html"
    run = BatchRun([str(folder)], resolve_settings(env={}, strategy="rules", use_cache=False),
                   BatchOptions(output=str(tmp_path / "out.jsonl"), review=str(page),
                                progress=False))
    results = run._results

    def interrupted_after_one(output):  # a fake Ctrl-C after the first line
        yield next(iter(results(output)))
        raise KeyboardInterrupt

    monkeypatch.setattr(run, "_results", interrupted_after_one)
    with pytest.raises(KeyboardInterrupt):
        run.run()
    assert len(read_lines(tmp_path / "out.jsonl")) == 1
    assert not page.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl"]
