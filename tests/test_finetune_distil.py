"""extract-finetune: its argument and data errors (no torch needed), the examples it builds
from extract output or labels, and (model tier, with torch) a short run to a GGUF that
the embedded backend loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import extractor.finetune.distil as distil
from extractor.finetune.distil import main

CITIES = ["Austin, TX", "Denver, CO", "Boston, MA", "Seattle, WA", "Chicago, IL"]


def posting(i: int) -> str:
    return (f"Data Engineer {i}\nAcme Analytics {i}\n{CITIES[i % 5]}\nFull-time\n\n"
            "You will build pipelines with analysts and engineers every day. "
            "We value clear writing and careful reviews.\n")


def labels(i: int, **extra: object) -> dict:
    city, region = CITIES[i % 5].split(", ")
    return {"title": f"Data Engineer {i}", "company": f"Acme Analytics {i}",
            "locations": [{"raw": CITIES[i % 5], "city": city, "region": region,
                           "country": "US"}],
            "employment_types": ["full_time"], **extra}


def write_jsonl(path: Path, lines: list) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n"
                            for x in lines), encoding="utf-8")
    return path


def labels_file(tmp_path: Path, n: int = 25, **extra: object) -> Path:
    return write_jsonl(tmp_path / "labels.jsonl",
                       [{"id": f"p{i}", "text": posting(i), "labels": labels(i, **extra)}
                        for i in range(n)])


def run(tmp_path: Path, *args: str) -> int:
    return main([*args, "--run-dir", str(tmp_path / "run")])


def examples(tmp_path: Path) -> list[dict]:
    data = tmp_path / "run" / "data"
    return [json.loads(line) for split in ("train", "dev")
            for line in (data / f"{split}.jsonl").read_text().splitlines()]


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "adapter.bin"], "name it *.gguf"),
    (["-o", "missing/adapter.gguf"], "does not exist"),
    (["--steps", "-1"], "--steps -1: use a whole number of at least 0"),
    (["--rank", "0"], "--rank 0: use a whole number of at least 1"),
    (["--inputs", "nowhere/"], "--inputs nowhere/: not found"),
])
def test_bad_arguments_exit_2_before_any_data_is_read(tmp_path, capsys, monkeypatch, args,
                                                      message):
    monkeypatch.chdir(tmp_path)
    code = run(tmp_path, "no-such.jsonl", "-o", "a.gguf", *args)
    assert code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(("lines", "message"), [
    ([{"id": "a", "text": "x", "labels": {}}, "not json"], r"labels.jsonl:2: not valid JSON"),
    ([{"text": "x"}], r"labels.jsonl:1: neither an extract output line"),
    ([{"text": "x", "labels": {"seniority": "boss"}}], r"labels.jsonl:1: seniority: "),
    ([{"source": "a.txt", "record": {}}, {"text": "x", "labels": {}}], "mixes"),
    ([], "is empty"),
])
def test_malformed_input_is_a_clear_error_naming_the_line(tmp_path, capsys, lines, message):
    path = write_jsonl(tmp_path / "labels.jsonl", lines)
    assert run(tmp_path, str(path), "-o", str(tmp_path / "a.gguf"), "--data-only") == 2
    assert message in capsys.readouterr().err


def test_too_few_examples_is_a_clear_error(tmp_path, capsys):
    path = labels_file(tmp_path, n=5)
    assert run(tmp_path, str(path), "-o", str(tmp_path / "a.gguf"), "--data-only") == 2
    assert "at least 20 are needed" in capsys.readouterr().err


def test_a_missing_file_is_a_clear_error(tmp_path, capsys):
    assert run(tmp_path, str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "a.gguf")) == 2
    assert "none.jsonl not found" in capsys.readouterr().err


def test_a_text_that_does_not_load_is_skipped_and_counted(tmp_path):
    path = labels_file(tmp_path)
    with path.open("a") as handle:  # a JSON object with no text field: extract fails it
        handle.write(json.dumps({"id": "j", "text": json.dumps({"title": "Cook", "salary": 9}),
                                 "labels": {"title": "Cook"}}) + "\n")
    assert run(tmp_path, str(path), "-o", str(tmp_path / "a.gguf"), "--data-only") == 0
    stats = json.loads((tmp_path / "run" / "data" / "stats.json").read_text())
    assert stats["examples"] == 25 and stats["skipped_lines"] == 1


def test_targets_keep_only_what_the_text_states(tmp_path):
    path = labels_file(tmp_path, seniority="lead", workplace_type="remote")
    assert run(tmp_path, str(path), "-o", str(tmp_path / "a.gguf"), "--data-only") == 0
    built = examples(tmp_path)
    assert len(built) == 25
    target = next(e for e in built if e["id"] == "p3")["target"]
    assert target["title"] == "Data Engineer 3" and target["company"] == "Acme Analytics 3"
    assert target["locations"] == [{"city": "Seattle", "region": "WA", "country": "US"}]
    assert target["employment_types"] == ["full_time"]  # "Full-time" is written
    assert target["seniority"] is None and target["workplace_type"] is None  # not written


def _teacher(tmp_path: Path, n: int = 25) -> tuple[Path, Path]:
    folder = tmp_path / "postings"
    folder.mkdir()
    lines = []
    for i in range(n):
        (folder / f"p{i:02}.txt").write_text(posting(i), encoding="utf-8")
        lines.append({"source": f"p{i:02}.txt", "record": labels(i), "error": None})
    lines.append({"source": "broken.txt", "record": None,
                  "error": {"type": "input_error", "message": "empty"}})
    return write_jsonl(tmp_path / "teacher.jsonl", lines), folder


def test_extract_output_is_read_with_the_texts_of_its_inputs(tmp_path, capsys):
    teacher, folder = _teacher(tmp_path)
    code = run(tmp_path, str(teacher), "--inputs", str(folder), "-o", str(tmp_path / "a.gguf"),
               "--data-only")
    assert code == 0, capsys.readouterr().err
    stats = json.loads((tmp_path / "run" / "data" / "stats.json").read_text())
    assert stats["examples"] == 25 and stats["skipped_lines"] == 1
    assert {e["target"]["title"] for e in examples(tmp_path)} == {
        f"Data Engineer {i}" for i in range(25)}


def test_extract_output_needs_its_inputs(tmp_path, capsys):
    teacher, folder = _teacher(tmp_path)
    assert run(tmp_path, str(teacher), "-o", str(tmp_path / "a.gguf")) == 2
    assert "--inputs PATH" in capsys.readouterr().err
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text(posting(1))
    assert run(tmp_path, str(teacher), "--inputs", str(other), "-o",
               str(tmp_path / "a.gguf")) == 2
    assert "none of the 25 sources" in capsys.readouterr().err


def test_without_the_train_extra_the_message_says_what_to_install(tmp_path, capsys,
                                                                   monkeypatch):
    monkeypatch.setattr(distil, "missing_train_extra", lambda: ["torch", "peft"])
    assert run(tmp_path, str(labels_file(tmp_path)), "-o", str(tmp_path / "a.gguf")) == 2
    assert "training needs torch, peft: pip install 'extractor[train]'" in \
        capsys.readouterr().err


@pytest.mark.model
def test_a_short_run_writes_an_adapter_the_embedded_backend_applies(tmp_path):
    for name in ("torch", "peft", "transformers", "gguf", "safetensors"):
        pytest.importorskip(name)
    from extractor.backends.embedded import EmbeddedBackend
    from extractor.settings import Settings

    out = tmp_path / "tiny.gguf"
    code = run(tmp_path, str(labels_file(tmp_path)), "-o", str(out), "--steps", "1",
               "--rank", "2", "--threads", "1")
    assert code == 0 and out.is_file()
    backend = EmbeddedBackend(Settings(adapter=str(out), n_threads=1, n_ctx=512))
    assert backend.model_id.endswith(f"+lora:tiny.gguf:{out.stat().st_size}")
