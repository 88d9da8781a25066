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


DRAFT_POSTINGS = [
    "Senior Backend Engineer, Payments\nLumenfold · Austin, TX (Hybrid)\nFull-time\n\n"
    "We are looking for an engineer to own our payment APIs.",
    "Pflegefachkraft (m/w/d) in Teilzeit\nKlinikum Nordhafen, Bremen\n\nWir suchen ab "
    "sofort eine Pflegefachkraft für unsere Intensivstation.",
    "Stage - Assistant marketing H/F\nMaison Verlaine - Lyon (hybride)\nStage de 6 mois.",
]


@pytest.mark.model
def test_jump_forward_feeds_the_forced_keys_and_gives_the_same_answers(monkeypatch):
    from bench.jump_forward import TokenRecorder
    from extractor.backends import sampling
    from extractor.backends.embedded import EmbeddedBackend
    from extractor.question import draft_request
    from extractor.settings import resolve_settings

    settings = resolve_settings(env={}, use_cache=False, n_threads=2)
    assert settings.adapter, "the shipped adapter is missing"
    backend = EmbeddedBackend(settings)
    forced: list[int] = []
    force = sampling.GrammarCheckedGreedy.force

    def counted(self, tokens):
        admitted = force(self, tokens)
        forced.append(len(admitted))
        return admitted

    monkeypatch.setattr(sampling.GrammarCheckedGreedy, "force", counted)
    recorder = TokenRecorder(backend.llm)
    values, token_ids = {}, {}
    for jump in (False, True):
        backend.jump_forward = jump
        values[jump], recorder.answers = [], []
        for text in DRAFT_POSTINGS:
            backend.llm.reset()  # no prompt reused: a reused prefix alone can flip a token
            values[jump].append(backend.complete(draft_request(text)).value.model_dump())
        token_ids[jump] = recorder.answers
    assert token_ids[True] == token_ids[False]
    assert values[True] == values[False]
    # every key of the draft answer but the first few tokens was fed, none asked for
    assert sum(forced) >= 20 * len(DRAFT_POSTINGS)
    assert all(value["title"] for value in values[True])


@pytest.mark.model
def test_the_bare_model_is_not_jumped():
    from extractor.backends.embedded import EmbeddedBackend
    from extractor.question import draft_request
    from extractor.settings import resolve_settings

    backend = EmbeddedBackend(resolve_settings(env={}, use_cache=False, n_threads=2,
                                               adapter="none"))
    seen = []
    generate = type(backend.llm).generate

    def spy(self, tokens, **kwargs):
        seen.append(self.answer_shape)
        yield from generate(self, tokens, **kwargs)

    backend.llm.generate = spy.__get__(backend.llm)
    backend.complete(draft_request(DRAFT_POSTINGS[0]))
    assert seen == [None]


@pytest.mark.model
def test_a_wrong_key_order_is_cut_to_what_the_grammar_admits(monkeypatch):
    from llama_cpp import LlamaGrammar

    from extractor.backends import sampling
    from extractor.backends.drafting import Shape
    from extractor.backends.embedded import resolve_model_path
    from extractor.backends.sampling import GrammarFirstLlama

    llm = GrammarFirstLlama(model_path=str(resolve_model_path(None)), n_ctx=512,
                            n_threads=2, seed=0, verbose=False)
    llm.answer_shape = Shape(("title", "years", "workplace"))  # the grammar says otherwise
    cuts = []
    force = sampling.GrammarCheckedGreedy.force

    def spied(self, tokens):
        admitted = force(self, tokens)
        cuts.append((len(tokens), len(admitted)))
        return admitted

    monkeypatch.setattr(sampling.GrammarCheckedGreedy, "force", spied)
    grammar = LlamaGrammar.from_json_schema(json.dumps(SCHEMA), verbose=False)
    text = llm.create_completion(f"Posting: {POSTINGS[0]}\nJSON:", grammar=grammar,
                                 temperature=0, max_tokens=48)["choices"][0]["text"]
    assert list(json.loads(text)) == ["title", "workplace", "years"]
    assert any(admitted < offered for offered, admitted in cuts)  # "years" was refused
