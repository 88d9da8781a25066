"""`extract --help`: grouped, with examples and the environment; the README shows it as
the parser prints it (docs/build_help.py), so the two cannot drift."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from extractor import cli
from extractor.settings import _FLAGS, environment_variables

DOCS = Path(__file__).resolve().parents[1] / "docs"
GROUPS = ("input", "output", "model", "cache", "batch", "limits")
# every flag extract had before the help was grouped, each still there
FLAGS = ("--backend", "--model", "--adapter", "--base-url", "--strategy", "--reference-date",
         "--cache-dir", "--no-cache", "--grounding", "--max-tokens", "--timeout", "--retries",
         "--retry-max-wait", "--output", "--resume", "--overwrite", "--format", "--errors",
         "--summary-json", "--text-field", "--limit", "--include", "--exclude",
         "--concurrency", "--workers", "--engine", "--ray-address", "--block-size",
         "--max-rpm", "--max-tokens-total", "--quiet")


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, DOCS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_help = _load("build_help")


def help_sections() -> dict[str, str]:
    """Group title -> the help text under it."""
    text = build_help.help_text()
    parts = re.split(r"^(\w[^\n]*):\n", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_help_groups_the_flags_under_input_output_model_cache_batch_limits():
    sections = help_sections()
    assert [title for title in sections if title in GROUPS] == list(GROUPS)
    assert "--text-field" in sections["input"] and "--reference-date" in sections["input"]
    assert "--format" in sections["output"] and "--explain" in sections["output"]
    assert "--base-url" in sections["model"] and "--strategy" in sections["model"]
    assert "--no-cache" in sections["cache"]
    assert "--workers" in sections["batch"] and "--engine" in sections["batch"]
    assert "--max-tokens-total" in sections["limits"] and "--timeout" in sections["limits"]


def test_help_keeps_every_existing_flag():
    parser = cli.build_parser()
    known = {option for action in parser._actions for option in action.option_strings}
    assert set(FLAGS) <= known


def test_help_shows_examples_and_exit_codes():
    sections = help_sections()
    examples = [line for line in sections["examples"].splitlines() if line.strip()]
    assert 3 <= len(examples) <= 5
    assert all(line.lstrip().startswith("extract ") for line in examples)
    assert "--explain" in sections["examples"]
    assert "130 interrupted" in build_help.help_text()


def test_help_lists_every_environment_variable_the_settings_read_with_its_flag():
    environment = help_sections()["environment (a flag wins over its variable)"]
    for var in environment_variables():
        assert re.search(rf"^  {var}\b", environment, flags=re.MULTILINE), var
    assert re.search(r"^  EXTRACTOR_BACKEND +--backend$", environment, flags=re.MULTILINE)
    assert re.search(r"^  EXTRACTOR_NO_CACHE=1 +--no-cache$", environment, flags=re.MULTILINE)


def test_the_cli_and_the_settings_messages_agree_on_each_settings_flag():
    assert cli.SETTING_FLAGS == _FLAGS


def test_help_lines_fit_the_width_they_are_rendered_at():
    assert max(len(line) for line in build_help.help_text().splitlines()) <= build_help.WIDTH


def test_readme_help_block_matches_the_parser():
    assert build_help.check() == []


def test_help_check_fails_when_the_readme_block_drifts(tmp_path):
    readme = tmp_path / "README.md"
    fresh = build_help.with_help_block(f"# x\n{build_help.START}\n{build_help.END}\n",
                                       build_help.help_text())
    readme.write_text(fresh.replace("--max-rpm", "--max-rps"), encoding="utf-8")
    assert build_help.check(readme) and "differs" in build_help.check(readme)[0]
    readme.write_text(fresh, encoding="utf-8")
    assert build_help.check(readme) == []


def test_version_prints_the_package_version(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
    assert re.fullmatch(r"extract \d+\.\d+\.\d+\S*\n", capsys.readouterr().out)


def test_version_falls_back_to_the_source_tree_when_not_installed(monkeypatch):
    from importlib import metadata

    import extractor

    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert cli.version() == extractor.__version__


def test_a_usage_error_is_two_lines_naming_the_problem_and_help(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["x.txt", "--no-such-flag"])
    assert done.value.code == cli.EXIT_ABORTED
    err = capsys.readouterr().err
    assert err.splitlines() == ["extract: unrecognized arguments: --no-such-flag",
                                "Run 'extract --help' for the flags and examples."]
