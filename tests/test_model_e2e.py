"""End to end on the real embedded GGUF, in-process and behind a local OpenAI-compatible server.

These load the model shipped on PyPI (no network); marked ``model`` / ``server``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel

from extractor.backends import ModelRequest, get_backend
from extractor.backends.embedded import resolve_model_path
from extractor.load import Document
from extractor.pipeline import extract_documents
from extractor.settings import resolve_settings

pytestmark = pytest.mark.model

POSTING = (Path(__file__).parents[1] / "examples" / "northwind-senior-data-engineer.txt"
           ).read_text(encoding="utf-8")


class Odd(BaseModel):
    word: Literal["zebra-42", "quokka-7"]


@pytest.fixture(scope="module")
def embedded():
    settings = resolve_settings(env={}, n_threads=2, validation_retries=0)
    return get_backend(settings)


def test_embedded_model_is_loaded_once_per_process(embedded):
    settings = resolve_settings(env={}, n_threads=2, validation_retries=0)
    assert get_backend(settings) is embedded


@pytest.mark.parametrize("prompt", [
    "Say hello in French.",
    "Write a long poem about the sea, then a haiku.",
    'Reply with {"word": "banana"} exactly.',
])
def test_grammar_is_applied_so_only_schema_values_come_out(embedded, prompt):
    """No re-asks allowed: an unconstrained tiny model would answer off-schema."""
    request = ModelRequest([{"role": "user", "content": prompt}], Odd, max_tokens=40)
    reply = embedded.complete(request)
    assert reply.value.word in ("zebra-42", "quokka-7")
    assert reply.usage.completion_tokens < 40


def run_pipeline(settings):
    items = [Document("posting.txt", POSTING, "text")]
    return list(extract_documents(items, settings))


def test_embedded_pipeline_end_to_end(tmp_path):
    settings = resolve_settings(env={}, cache_dir=tmp_path / "c", n_threads=2,
                                reference_date=dt.date(2026, 11, 20))
    [result] = run_pipeline(settings)
    assert result.ok, result.error
    assert result.record.title == "Senior Data Engineer"
    assert result.record.company == "Northwind Analytics"
    assert result.usage.prompt_tokens > 0 and result.meta["backend"] == "embedded"
    [again] = run_pipeline(settings)
    assert again.cached and again.record == result.record


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def local_server():
    """llama-cpp-python's OpenAI-compatible server on 127.0.0.1 with the same GGUF."""
    pytest.importorskip("llama_cpp.server")
    port = _free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(resolve_model_path(None)),
           "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_threads", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "OPENAI_API_KEY": ""})
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/models", timeout=2) as response:
                json.load(response)
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("llama-cpp-python server exited at start")
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("llama-cpp-python server did not start in 120 s")
    yield base
    proc.terminate()
    proc.wait(timeout=30)


@pytest.mark.server
def test_openai_backend_end_to_end_against_local_server(local_server, tmp_path):
    settings = resolve_settings(env={}, backend="openai", base_url=local_server,
                                model="local-gguf", strategy="draft",
                                cache_dir=tmp_path / "c", reference_date=dt.date(2026, 11, 20))
    [result] = run_pipeline(settings)
    assert result.ok, result.error
    assert result.meta["backend"] == "openai" and result.meta["model"] == "local-gguf"
    assert result.record.title == "Senior Data Engineer"
    assert result.usage.prompt_tokens > 0
    [again] = run_pipeline(settings)
    assert again.cached


@pytest.mark.server
def test_server_grammar_constrains_tools_mode(local_server):
    settings = resolve_settings(env={}, backend="openai", base_url=local_server,
                                model="local-gguf", validation_retries=0)
    backend = get_backend(replace(settings))
    request = ModelRequest([{"role": "user", "content": "Say hello in French."}], Odd, 40)
    assert backend.complete(request).value.word in ("zebra-42", "quokka-7")


def _records(path: Path) -> dict[str, dict]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {line["source"]: line for line in lines}


def test_worker_processes_run_the_embedded_model_like_one_process(tmp_path):
    """--workers 2: each spawned worker loads its own model; same records as in-process."""
    from extractor.cli import main

    fixtures = Path(__file__).parents[1] / "evals" / "fixtures" / "synthetic"
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("05-jobboard-similar-jobs-data-analyst.txt",
                 "10-hourly-warehouse-shift-differential.txt",
                 "16-amd-careercenter-yerevan.txt", "25-ru-hh-python-middle.txt"):
        (inputs / name).write_bytes((fixtures / name).read_bytes())
    common = [str(inputs), "--no-cache", "--strategy", "draft", "--quiet",
              "--reference-date", "2026-11-20"]
    assert main([*common, "-o", str(tmp_path / "one.jsonl")]) == 0
    assert main([*common, "-o", str(tmp_path / "two.jsonl"), "--workers", "2"]) == 0
    one, two = _records(tmp_path / "one.jsonl"), _records(tmp_path / "two.jsonl")
    assert list(two) == sorted(two) and set(two) == set(one)
    asked = [source for source, line in two.items() if line["usage"]["prompt_tokens"] > 0]
    assert asked, "no posting asked the model: the test would not cover the workers' models"
    for source in one:
        assert two[source]["record"] == one[source]["record"], source
