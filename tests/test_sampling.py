"""The grammar-checked greedy sampler answers exactly as llama-cpp-python's own chain."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("llama_cpp")

from extractor.backends.sampling import checks_one_token_first  # noqa: E402

GRAMMAR = object()  # any grammar object: the predicate only asks whether there is one


@pytest.mark.parametrize("kwargs", [
    {"temp": 0.0, "grammar": GRAMMAR},
    {"temp": 0.0, "grammar": GRAMMAR, "top_k": 40, "top_p": 0.95, "min_p": 0.05},
])
def test_greedy_grammar_requests_take_the_one_token_check(kwargs):
    assert checks_one_token_first(**kwargs)


@pytest.mark.parametrize("kwargs", [
    {"temp": 0.0, "grammar": None},
    {"temp": 0.8, "grammar": GRAMMAR},
    {"temp": 0.0, "grammar": GRAMMAR, "repeat_penalty": 1.1},
    {"temp": 0.0, "grammar": GRAMMAR, "presence_penalty": 0.5},
    {"temp": 0.0, "grammar": GRAMMAR, "frequency_penalty": 0.5},
    {"temp": 0.0, "grammar": GRAMMAR, "mirostat_mode": 2},
    {"temp": 0.0, "grammar": GRAMMAR, "logits_processor": [lambda ids, logits: logits]},
])
def test_other_sampling_keeps_llama_cpp_pythons_chain(kwargs):
    assert not checks_one_token_first(**kwargs)


SCHEMA = {"type": "object", "properties": {
    "title": {"type": "string"},
    "workplace": {"enum": ["onsite", "hybrid", "remote"]},
    "years": {"type": "integer"}}, "required": ["title", "workplace", "years"]}

POSTINGS = [
    "Senior Data Engineer (Remote). Acme Corp is hiring. 5+ years of Python and SQL.",
    "Pflegefachkraft (m/w/d) in Teilzeit, Berlin. Mindestens 2 Jahre Berufserfahrung.",
    "Stage - Assistant marketing H/F, Lyon, hybride, 6 mois.",
]


@pytest.mark.model
def test_grammar_checked_greedy_gives_the_stock_answer_token_for_token():
    from llama_cpp import Llama, LlamaGrammar

    from extractor.backends.embedded import resolve_model_path
    from extractor.backends.sampling import GrammarFirstLlama

    path = str(resolve_model_path(None))
    answers = {}
    for cls in (Llama, GrammarFirstLlama):
        llm = cls(model_path=path, n_ctx=512, n_threads=2, seed=0, verbose=False)
        grammar = LlamaGrammar.from_json_schema(json.dumps(SCHEMA), verbose=False)
        answers[cls.__name__] = [
            llm.create_completion(f"Posting: {text}\nJSON:", grammar=grammar, temperature=0,
                                  max_tokens=48)["choices"][0]["text"]
            for text in POSTINGS]
    assert answers["GrammarFirstLlama"] == answers["Llama"]
    assert all(answer.lstrip().startswith("{") for answer in answers["Llama"])
