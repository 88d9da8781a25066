"""The batch wing's import paths: the package, and the documented name kept for users."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from extractor.batch import ray as batch_ray


def test_the_old_ray_engine_name_still_gives_extract_dataset_with_a_deprecation_warning():
    sys.modules.pop("extractor.ray_engine", None)
    with pytest.warns(DeprecationWarning, match="extractor.batch.ray"):
        old = importlib.import_module("extractor.ray_engine")
    assert old.extract_dataset is batch_ray.extract_dataset
    assert old.ray_results is batch_ray.ray_results


def test_a_local_batch_run_loads_neither_ray_nor_pyarrow():
    code = ("import sys, extractor.batch.run; "
            "print([m for m in ('ray', 'pyarrow') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
