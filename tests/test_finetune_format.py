"""Training text == runtime text: the draft call's prompt tokens and answer shape."""

from __future__ import annotations

import json
import re

import pytest

from extractor.backends.instructor_glue import instructor_model
from extractor.finetune.format import (
    END_OF_TURN,
    Tokens,
    answer_text,
    prompt_text,
)
from extractor.finetune.schema import empty_draft
from extractor.question import DRAFT_TEXT_CHARS, ModelDraft, draft_messages, draft_request

TEXT = "Senior Data Engineer\nAcme Analytics\nAustin, TX\nFull-time\n\nWe build pipelines."
TARGET = {**empty_draft(), "title": "Senior Data Engineer", "company": "Acme Analytics",
          "locations": [{"city": "Austin", "region": "TX", "country": "US"}],
          "employment_types": ["full_time"], "seniority": "senior"}


def _grammar_key_order() -> list[str]:
    """The key order llama-cpp-python's grammar forces for the draft tool's schema."""
    from llama_cpp import llama_grammar

    schema = instructor_model(ModelDraft).openai_schema["parameters"]
    converter = llama_grammar.SchemaConverter(prop_order={}, allow_fetch=False, dotall=False,
                                              raw_pattern=False)
    converter.visit(converter.resolve_refs(schema, ""), "")
    root = next(line for line in converter.format_grammar().splitlines()
                if line.startswith("root ::="))
    return [k.replace("-", "_") for k in re.findall(r"([\w-]+)-kv", root)]


def test_answer_keys_follow_the_order_the_grammar_forces():
    answer = answer_text(TARGET)
    assert answer.endswith(END_OF_TURN)
    keys = list(json.loads(answer.removesuffix(END_OF_TURN)))
    assert keys == _grammar_key_order()


def test_every_draft_field_is_required_so_the_answer_has_one_shape():
    schema = instructor_model(ModelDraft).openai_schema["parameters"]
    assert sorted(schema["required"]) == sorted(schema["properties"])


def test_the_system_text_reaches_the_model_inside_the_user_turn():
    prompt = prompt_text(draft_messages(TEXT))
    assert prompt.startswith("<start_of_turn>user\nExtract the job posting")
    assert prompt.endswith("\n\n" + TEXT + "<end_of_turn>\n<start_of_turn>model\n")
    assert prompt.count("<start_of_turn>") == 2  # one user turn, then the model's


def test_the_text_is_cut_to_the_draft_budget():
    long_text = "x" * (DRAFT_TEXT_CHARS + 500)
    assert "x" * (DRAFT_TEXT_CHARS + 1) not in draft_messages(long_text)[0]["content"]


def _fake_completion(answer_json: str) -> dict:
    return {"id": "fake", "object": "text_completion", "created": 0, "model": "fake",
            "choices": [{"text": answer_json, "index": 0, "logprobs": None,
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


@pytest.mark.model
def test_training_prompt_tokens_match_what_the_runtime_call_tokenizes():
    """The runtime path (EmbeddedBackend.complete -> instructor TOOLS mode ->
    llama-cpp-python's chat handler) hands llama.cpp exactly the prompt tokens training
    uses, for the request the draft strategy sends."""
    from extractor.backends.embedded import EmbeddedBackend
    from extractor.settings import Settings

    backend = EmbeddedBackend(Settings(n_ctx=1024, n_threads=1))
    seen = {}
    answer = answer_text(TARGET)

    def fake_create_completion(**kwargs):  # a fake: records what the handler sends
        seen.update(kwargs)
        return _fake_completion(answer.removesuffix(END_OF_TURN))

    backend.llm.create_completion = fake_create_completion
    reply = backend.complete(draft_request(TEXT))
    tokens = Tokens(str(backend.path))
    assert seen["prompt"] == tokens.prompt(prompt_text(draft_messages(TEXT)))
    assert seen["grammar"] is not None  # the answer is grammar-constrained
    assert reply.value.model_dump(mode="json") == TARGET
