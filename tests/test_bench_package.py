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


# --------------------------------------------------------------------------- the model-only bound

class FakeLlama:
    """Stands in for llama_cpp.Llama: answers every chat call with fixed usage."""

    def __init__(self) -> None:
        self.n_threads, self.n_threads_batch, self.n_batch = 2, 2, 512

    def n_ctx(self) -> int:
        return 4096

    def create_chat_completion(self, **kwargs):
        return {"usage": {"prompt_tokens": 7, "completion_tokens": 3},
                "choices": [{"finish_reason": "stop"}]}


class FakeTokenizingLlama:
    """What a chat handler calls first: keeps the formatted prompt, then stops the call."""

    def __init__(self) -> None:
        self.prompts: list[str] = []

    def tokenize(self, text: bytes, **_):
        self.prompts.append(text.decode("utf-8"))
        raise StopIteration


def test_the_recorder_records_the_chat_format_each_call_was_formatted_in():
    from bench.embedded_throughput import CallRecorder

    llm = FakeLlama()
    formats = iter(["gemma", "llama-2"])
    current = {"format": None}
    recorder = CallRecorder(llm, chat_format=lambda: current["format"])
    for _ in range(2):
        current["format"] = next(formats)
        llm.create_chat_completion(messages=[{"role": "user", "content": "x"}])
    assert [c["chat_format"] for c in recorder.calls] == ["gemma", "llama-2"]
    assert [c["prompt_tokens"] for c in recorder.calls] == [7, 7]


def test_the_replay_handler_formats_each_call_in_the_format_set_before_it():
    from bench.embedded_throughput import PerCallChatFormat

    handler = PerCallChatFormat("llama-2")
    llm = FakeTokenizingLlama()
    messages = [{"role": "system", "content": "S"}, {"role": "user", "content": "U"}]
    for chat_format in ("gemma", "llama-2"):
        handler.chat_format = chat_format
        with pytest.raises(StopIteration):
            handler(llama=llm, messages=messages)
    assert "<start_of_turn>user" in llm.prompts[0] and "[INST]" not in llm.prompts[0]
    assert "[INST]" in llm.prompts[1] and "<start_of_turn>" not in llm.prompts[1]


def test_the_bound_loads_the_pipelines_llama_class_and_adapter():
    from types import SimpleNamespace

    from bench.embedded_throughput import (
        PerCallChatFormat,
        llama_class,
        llama_params,
        replay_llama_kwargs,
    )

    backend = SimpleNamespace(llm=FakeLlama(),
                              settings=SimpleNamespace(adapter="/a/draft.gguf", seed=0))
    params = llama_params(backend)
    handler = PerCallChatFormat("llama-2")
    kwargs = replay_llama_kwargs(params, handler)
    assert llama_class(params) is FakeLlama
    assert kwargs["lora_path"] == "/a/draft.gguf" and kwargs["chat_handler"] is handler
    assert (kwargs["n_ctx"], kwargs["n_threads"], kwargs["n_threads_batch"]) == (4096, 2, 2)


def test_a_record_without_class_or_adapter_replays_on_the_bare_llama():
    from llama_cpp import Llama

    from bench.embedded_throughput import PerCallChatFormat, llama_class, replay_llama_kwargs

    params = {"n_ctx": 4096, "n_threads": 2, "n_batch": 512, "seed": 0}
    kwargs = replay_llama_kwargs(params, PerCallChatFormat("llama-2"))
    assert llama_class(params) is Llama
    assert kwargs["lora_path"] is None and kwargs["n_threads_batch"] == 2


def test_prompt_token_match_names_the_replayed_calls_whose_prompt_differs():
    from bench.embedded_throughput import prompt_tokens_match

    pipeline = [{"prompt_tokens": 100}, {"prompt_tokens": 120}]
    assert prompt_tokens_match(pipeline, [{"prompt_tokens": 100}, {"prompt_tokens": 120}]) == {
        "same": True, "calls_differing": [], "pipeline_total": 220, "replay_total": 220}
    other = prompt_tokens_match(pipeline, [{"prompt_tokens": 100}, {"prompt_tokens": 131}])
    assert other["same"] is False and other["calls_differing"] == [1]


def test_bench_settings_take_an_adapter_path_or_none(tmp_path):
    from bench.embedded_throughput import adapter_info, bench_settings

    adapter = tmp_path / "draft.gguf"
    adapter.write_bytes(b"GGUF" + b"\0" * 60)
    with_adapter = bench_settings(None, None, str(adapter))
    bare = bench_settings(None, None, "none")
    assert with_adapter.adapter == str(adapter) and with_adapter.resolved_strategy() == "draft"
    assert bare.adapter is None and bare.resolved_strategy() == "guided"
    assert adapter_info(with_adapter.adapter) == {"path": str(adapter), "name": "draft.gguf",
                                                  "size_bytes": 64}
    assert adapter_info(None) is None
