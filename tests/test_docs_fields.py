"""docs/fields.md is generated from the record's descriptions, and its check bites."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_fields", DOCS / "build_fields.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_fields", module)
    spec.loader.exec_module(module)
    return module


build = _load()


def test_the_committed_field_reference_is_what_the_record_describes():
    assert build.main(["--check"]) == 0
    assert (DOCS / "fields.md").read_text(encoding="utf-8") == build.render()


def test_the_check_fails_on_a_stale_page_and_names_the_fix(tmp_path, capsys):
    page = tmp_path / "fields.md"
    page.write_text(build.render().replace("hiring organisation", "employer"), encoding="utf-8")
    assert build.main(["--check", "--page", str(page)]) == 1
    assert "run python docs/build_fields.py" in capsys.readouterr().err
    assert build.main(["--page", str(page)]) == 0
    assert build.main(["--check", "--page", str(page)]) == 0


def test_each_field_row_has_its_type_and_meaning():
    rows = {line.split(" | ")[0].strip("| "): line for line in build.render().splitlines()
            if line.startswith("| ")}
    assert rows["company"] == "| company | str or null | the hiring organisation's name |"
    assert "| list of [SalaryRange](#salaryrange) |" in rows["salary"]
    assert "| ISO date or null |" in rows["date_posted"]
    assert '| "onsite" / "hybrid" / "remote" or null |' in rows["workplace_type"]
    assert "| number (0 to 60) or null |" in rows["experience_years_min"]


def test_a_pipe_in_a_description_does_not_break_the_table():
    assert build._cell("a | b\n  c") == "a \\| b c"
