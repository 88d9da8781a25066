"""bench/ is a package run as ``python -m bench.X``: no sys.path edits, no tests' modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("script", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_a_benchmark_imports_no_test_module_and_edits_no_sys_path(script):
    source = script.read_text(encoding="utf-8")
    modules = imported_modules(ast.parse(source))
    assert not {m for m in modules if m == "tests" or m.startswith("tests.")}
    assert "sys.path" not in source and "noqa: E402" not in source
