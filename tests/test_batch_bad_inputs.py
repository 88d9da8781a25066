"""Bad input in a batch: each gets a clear error line or is processed; nothing else is lost."""

from __future__ import annotations

import json
import os

import pytest

from extractor.cli import EXIT_OK, EXIT_SOME_FAILED, main
from support.postings import POSTING, read_lines

RULES = ["--strategy", "rules", "--no-cache", "--quiet", "--resume"]


def run_folder(folder, tmp_path) -> dict[str, str | None]:
    out = tmp_path / "out.jsonl"
    main([str(folder), "-o", str(out), *RULES])
    lines = read_lines(out)
    assert len({line["source"] for line in lines}) == len(lines)
    return {line["source"]: (line["error"] or {}).get("type") for line in lines}


def test_each_bad_file_gets_its_own_error_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with (folder / "huge.txt").open("wb") as handle:  # 50 MB, sparse: never read whole
        handle.truncate(50 * 1024 * 1024)
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "good.txt").write_text(POSTING.format(n=1, extra=""))
    got = run_folder(folder, tmp_path)
    assert got == {"binary.txt": "binary_input", "deep.json": "malformed_json",
                   "empty.txt": "empty_input", "good.txt": None, "huge.txt": "too_large"}


def test_invalid_utf8_and_legacy_encodings_are_decoded(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Ingénieur données senior\nSociété Générale\nParis, France\nSalaire : 60 000 €\n"
    (folder / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (folder / "latin1.txt").write_bytes(text.replace("€", "EUR").encode("latin-1"))
    (folder / "koi8.txt").write_bytes("Инженер данных\nООО Ромашка\nМосква\n".encode("koi8_r"))
    (folder / "broken-utf8.txt").write_bytes(text.encode() + b"\xff\xfe\xfa trailing")
    got = run_folder(folder, tmp_path)
    assert got == dict.fromkeys(["broken-utf8.txt", "cp1252.txt", "koi8.txt", "latin1.txt"])
    lines = read_lines(tmp_path / "out.jsonl")
    assert lines[1]["record"]["title"].startswith("Ingénieur")


def test_json_array_of_ten_thousand_postings_gives_ten_thousand_lines(tmp_path):
    rows = [{"description": f"Data Engineer {n}"} for n in range(10_000)]
    rows[500] = {"nothing": "here"}
    (tmp_path / "all.json").write_text(json.dumps(rows))
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path / "all.json"), "-o", str(out), *RULES]) == EXIT_SOME_FAILED
    lines = read_lines(out)
    assert [line["source"].rsplit("#", 1)[1] for line in lines] == [
        str(n) for n in range(1, 10_001)]
    assert [line["error"]["type"] for line in lines if line["error"]] == ["no_text_field"]


def test_symlink_loops_and_broken_links_do_not_hang_or_hide_other_files(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "sub" / "good.txt").write_text(POSTING.format(n=2, extra=""))
    got = run_folder(folder, tmp_path)
    assert got == {"broken.txt": "unreadable", "self.txt": "unreadable", "sub/good.txt": None}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files anyway")
def test_unreadable_file_gets_an_error_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "secret.txt").write_text(POSTING.format(n=3, extra=""))
    (folder / "secret.txt").chmod(0)
    assert run_folder(folder, tmp_path) == {"secret.txt": "unreadable"}


def test_odd_file_names_keep_their_names_and_resume(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["a b.txt", "crème brûlée.txt", "line\nbreak.txt", "q?[x]*.txt", "日本.txt"]
    for n, name in enumerate(names):
        (folder / name).write_text(POSTING.format(n=n, extra=""))
    out = tmp_path / "out.jsonl"
    assert main([str(folder), "-o", str(out), "--limit", "3", *RULES]) == EXIT_OK
    assert main([str(folder), "-o", str(out), *RULES]) == EXIT_OK
    assert [line["source"] for line in read_lines(out)] == sorted(names)


def test_odd_file_names_resume_in_csv(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    names = sorted(["x,y.txt", "line\nbreak.txt", 'quote".txt'])
    for n, name in enumerate(names):
        (folder / name).write_text(POSTING.format(n=n, extra=""))
    out = tmp_path / "out.csv"
    args = [str(folder), "-o", str(out), "--format", "csv", *RULES]
    main([*args, "--limit", "2"])
    main(args)
    rows = out.read_text().splitlines()
    assert len(rows) == 1 + len(names)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_gets_an_escaped_source_and_resumes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, name in enumerate([b"a.txt", b"caf\xe9.txt", b"z.txt"]):
        with open(os.path.join(os.fsencode(folder), name), "w") as handle:
            handle.write(POSTING.format(n=n, extra=""))
    out = tmp_path / "out.jsonl"
    assert main([str(folder), "-o", str(out), "--limit", "2", *RULES]) == EXIT_OK
    assert main([str(folder), "-o", str(out), *RULES]) == EXIT_OK
    assert [line["source"] for line in read_lines(out)] == ["a.txt", "caf\\xe9.txt", "z.txt"]
    assert all(line["error"] is None for line in read_lines(out))
