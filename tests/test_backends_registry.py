"""The backend registry is the one list of backend names; backend modules stand alone."""

from __future__ import annotations

import subprocess
import sys

import pytest

from extractor.backends import BACKENDS, backend_class
from extractor.cli import build_parser
from extractor.errors import ConfigError
from extractor.settings import Settings


@pytest.mark.parametrize("name", sorted(BACKENDS))
def test_each_registered_backend_class_carries_its_registry_name(name):
    cls = backend_class(name)
    assert cls.name == name and callable(cls.model_id_for)


def test_an_unknown_backend_name_lists_the_registered_ones():
    with pytest.raises(ConfigError, match="unknown backend 'llamafile'; known: embedded, openai"):
        backend_class("llamafile")


def test_settings_and_the_cli_accept_exactly_the_registered_names():
    choices = next(a.choices for a in build_parser()._actions if a.dest == "backend")
    assert list(choices) == list(BACKENDS)
    for name in BACKENDS:
        assert Settings(backend=name).backend == name
    with pytest.raises(ConfigError, match="is not one of embedded, openai"):
        Settings(backend="llamafile")


def test_the_embedded_backend_imports_neither_the_openai_backend_nor_the_sdks():
    code = ("import sys, extractor.backends.embedded; "
            "print(sorted(m for m in ('extractor.backends.openai_compat', 'openai', "
            "'instructor', 'llama_cpp') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
