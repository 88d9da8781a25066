"""README's Python API snippet runs as written, on a posting that works and on one that
fails, with the model replaced by a test fake (the snippet names the embedded default and
an OpenAI model; neither is loaded or called here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import extractor.pipeline
from support.fakes import FakeBackend, choose_first

README = Path(__file__).resolve().parents[1] / "README.md"
POSTING = "<html><body><h1>Junior Analyst</h1><p>Acme Corp</p><p>Salary: $50,000 a year</p>"


def api_snippet(readme: str) -> str:
    """The first ```python block under the "## Python API" heading."""
    section = readme.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"^```python\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
    assert found, "README's Python API section has no ```python block"
    return found.group(1)


@pytest.fixture
def fake_models(monkeypatch):
    fakes: list[FakeBackend] = []

    def fake_backend(settings):
        fakes.append(FakeBackend(choose_first, model_id=f"fake-{settings.backend}"))
        return fakes[-1]

    monkeypatch.setattr(extractor.pipeline, "get_backend", fake_backend)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-fake-for-the-readme-test")  # as a user has set
    return fakes


def run_snippet(folder: Path, monkeypatch, posting: str) -> str:
    (folder / "posting.html").write_text(posting, encoding="utf-8")
    monkeypatch.chdir(folder)
    printed: list[str] = []
    code = compile(api_snippet(README.read_text(encoding="utf-8")), "README.md", "exec")
    exec(code, {"print": lambda *args: printed.append(" ".join(map(str, args)))})
    return "\n".join(printed)


def test_the_snippet_prints_the_record_and_one_line_per_posting(tmp_path, monkeypatch,
                                                                fake_models):
    printed = run_snippet(tmp_path, monkeypatch, POSTING).splitlines()
    assert printed[0].startswith("Junior Analyst [SalaryRange(min=50000.0")
    assert len(printed) == 3
    assert "'title': 'Staff Nurse'" in printed[1] and "'title': 'Junior Analyst'" in printed[2]
    # each model's questions went to its fake (the embedded default, with the shipped
    # adapter, drafts every posting)
    assert [fake.model_id for fake in fake_models if fake.requests] == [
        "fake-embedded", "fake-openai"]


def test_the_snippet_reports_a_failed_posting_instead_of_crashing(tmp_path, monkeypatch,
                                                                  fake_models):
    printed = run_snippet(tmp_path, monkeypatch, "   \n").splitlines()
    assert printed[0] == ("posting.html: empty_input: the input is empty or holds only "
                          "whitespace")


def test_the_snippet_is_found_under_its_heading():
    readme = "# x\n## Python API\ntext\n```python\nprint(1)\n```\n## Other\n```python\nno\n```\n"
    assert api_snippet(readme) == "print(1)\n"
