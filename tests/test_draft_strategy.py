"""The draft strategy: a fine-tuned adapter over the embedded model, wired through the
settings, the cache key, the question's exact format and the merge (fakes), and a tiny
real adapter loaded by llama-cpp-python (model tier)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

import pytest

import extractor.question as question_module
from extractor.assemble import assemble
from extractor.backends import ModelReply, ModelRequest
from extractor.errors import ConfigError, InvalidOutputError, ModelError
from extractor.finetune.data import visible_text
from extractor.finetune.format import prompt_text
from extractor.finetune.schema import empty_draft
from extractor.load import load_text
from extractor.merge import Merged, merge_draft
from extractor.pipeline import extract_documents
from extractor.question import ModelDraft, draft_messages, schema_hash
from extractor.settings import Settings, resolve_settings
from support.fakes import FakeBackend

POSTING = """Acme Robotics
Senior Firmware Engineer
Boston, MA
Full-time

We build warehouse robots. You will write firmware for our motor controllers.
"""


def gguf_file(path: Path, body: bytes = b"\0" * 12) -> Path:
    """A file with the GGUF magic bytes: enough for the settings check (not for llama.cpp)."""
    path.write_bytes(b"GGUF" + body)
    return path


def draft(**values: object) -> ModelDraft:
    return ModelDraft.model_validate({**empty_draft(), **values})


def drafting(**values: object):
    """A fake model answer function: the same draft for every request."""
    return lambda request: {**empty_draft(), **values}


def _settings(tmp_path: Path, **kw: object) -> Settings:
    return resolve_settings(env={}, cache_dir=tmp_path / "cache",
                            reference_date=dt.date(2026, 11, 1), **kw)


# --- settings ---------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "body", "message"), [
    ("missing.gguf", None, "missing.gguf not found"),
    ("adapter.bin", b"GGUF", "is not a .gguf file; convert a trained adapter"),
    ("adapter.gguf", b"PK\x03\x04", "is not a GGUF file"),
])
def test_an_adapter_must_be_an_existing_gguf_file(tmp_path, name, body, message):
    path = tmp_path / name
    if body is not None:
        path.write_bytes(body)
    with pytest.raises(ConfigError, match="^--adapter / EXTRACTOR_ADAPTER / adapter: ") as caught:
        resolve_settings(env={}, adapter=str(path))
    assert message in str(caught.value)


def test_the_adapter_comes_from_the_environment_and_loses_to_the_argument(tmp_path):
    env_file, arg_file = gguf_file(tmp_path / "env.gguf"), gguf_file(tmp_path / "arg.gguf")
    assert resolve_settings(env={"EXTRACTOR_ADAPTER": str(env_file)}).adapter == str(env_file)
    assert resolve_settings(env={"EXTRACTOR_ADAPTER": str(env_file)},
                            adapter=str(arg_file)).adapter == str(arg_file)


def test_an_adapter_with_a_remote_backend_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="applies to the embedded model only"):
        resolve_settings(env={}, backend="openai", adapter=str(gguf_file(tmp_path / "a.gguf")))


def test_auto_asks_the_draft_question_only_when_an_adapter_is_given(tmp_path):
    adapter = str(gguf_file(tmp_path / "a.gguf"))
    assert resolve_settings(env={}, adapter="none").resolved_strategy() == "guided"
    assert resolve_settings(env={}, adapter=adapter).resolved_strategy() == "draft"
    assert resolve_settings(env={}, backend="openai").resolved_strategy() == "full"
    assert resolve_settings(env={}, adapter=adapter,
                            strategy="guided").resolved_strategy() == "guided"


# --- cache key and model id -------------------------------------------------------------

def test_the_cache_key_changes_with_the_adapter_file(tmp_path):
    adapter = gguf_file(tmp_path / "a.gguf", b"weights v1")
    settings = _settings(tmp_path, model=str(gguf_file(tmp_path / "m.gguf")),
                         adapter=str(adapter))
    answer = drafting(title="Senior Firmware Engineer")

    def run(s: Settings):
        [result] = extract_documents([load_text(POSTING, "p.txt")], s, FakeBackend(answer))
        return result

    assert not run(settings).cached and run(settings).cached
    adapter.write_bytes(b"GGUFweights v2")  # retrained, saved over the same name and size
    os.utime(adapter, ns=(1, 1))
    assert not run(settings).cached
    other = gguf_file(tmp_path / "b.gguf", b"weights v1")
    assert not run(replace(settings, adapter=str(other))).cached


def test_the_model_id_names_the_adapter(tmp_path):
    from extractor.backends.embedded import EmbeddedBackend

    model, adapter = gguf_file(tmp_path / "m.gguf"), gguf_file(tmp_path / "tuned.gguf")
    bare = EmbeddedBackend.model_id_for(Settings(model=str(model)))
    tuned = EmbeddedBackend.model_id_for(Settings(model=str(model), adapter=str(adapter)))
    assert bare == "m.gguf:16" and tuned == "m.gguf:16+lora:tuned.gguf:16"


def test_the_schema_hash_covers_the_draft_schema(monkeypatch):
    before = schema_hash()
    monkeypatch.setattr(question_module, "ModelDraft", question_module.DraftPlace)
    assert schema_hash() != before


# --- the question -----------------------------------------------------------------------

@pytest.mark.parametrize("content", [
    POSTING,
    "<html><body><nav>Jobs | About</nav><h1>Senior Firmware Engineer</h1>"
    "<p>Acme Robotics, Boston, MA</p><p>We build robots.</p></body></html>",
])
def test_the_pipelines_draft_question_is_what_training_formats(tmp_path, content):
    fake = FakeBackend(drafting())
    settings = _settings(tmp_path, strategy="draft", use_cache=False)
    list(extract_documents([load_text(content, "p")], settings, fake))
    [request] = fake.requests
    trained_on = draft_messages(visible_text(content, "p"))
    assert request.response_model is ModelDraft and request.chat_format == "gemma"
    assert prompt_text(request.messages) == prompt_text(trained_on)


# --- merge ------------------------------------------------------------------------------

def test_a_draft_field_in_first_replaces_the_rules_but_not_page_data():
    merged = Merged()
    merged.put("locations", [{"raw": "Boston, MA", "city": "Boston"}], "rules",
               [{"start": 0, "end": 10, "text": "Boston, MA"}])
    merged.put("company", "Acme Robotics", "page", [])
    merge_draft(draft(locations=[{"city": "Cambridge", "region": "MA", "country": "US"}],
                      company="Acme"), merged, first={"locations", "company"})
    assert merged.values["locations"] == [
        {"city": "Cambridge", "region": "MA", "country": "US", "raw": "Cambridge, MA, US"}]
    assert merged.sources["locations"] == "model" and "locations" not in merged.evidence
    assert merged.values["company"] == "Acme Robotics"


def test_a_draft_field_not_in_first_fills_only_an_empty_field():
    merged = Merged()
    merged.put("seniority", "senior", "rules", [])
    merge_draft(draft(seniority="lead", employment_types=["contract"]), merged, first=())
    assert merged.values["seniority"] == "senior"
    assert merged.values["employment_types"] == ["contract"]


def _assembled(answer, first=("title", "locations")):
    settings = resolve_settings(env={}, strategy="draft", use_cache=False,
                                reference_date=dt.date(2026, 11, 1))
    return assemble(load_text(POSTING, "p.txt"), settings, answer, draft_first=first)


def test_a_supported_draft_value_goes_before_the_rules_candidate():
    result = _assembled(lambda r: ModelReply(draft(title="Firmware Engineer")))
    assert result.record.title == "Firmware Engineer"  # the rules would take the first line
    assert result.meta["sources"]["title"] == "model"


def test_an_unsupported_draft_value_leaves_the_rules_value_and_is_dropped():
    result = _assembled(lambda r: ModelReply(draft(
        title="Chief Robot Officer", locations=[{"city": "Paris", "region": None,
                                                 "country": None}])))
    rules = _assembled(lambda r: ModelReply(draft()), first=())
    assert result.record.title == rules.record.title
    assert [loc.city for loc in result.record.locations] == ["Boston"]


def test_without_draft_first_the_rules_keep_their_fields():
    result = _assembled(lambda r: ModelReply(draft(title="Firmware Engineer",
                                                   seniority="mid")), first=())
    rules = _assembled(lambda r: ModelReply(draft()), first=())
    assert result.record.title == rules.record.title
    assert result.record.seniority == rules.record.seniority == "senior"


def test_a_draft_that_fails_validation_leaves_the_rules_record_with_a_warning():
    def failing(request: ModelRequest) -> ModelReply:
        raise InvalidOutputError("the answer did not validate")

    result = _assembled(failing)
    assert result.ok and result.record.title
    assert any(w.startswith("draft: the answer did not validate") for w in result.warnings)


def test_the_model_alone_keeps_only_its_grounded_answer():
    settings = resolve_settings(env={}, strategy="draft", use_cache=False,
                                reference_date=dt.date(2026, 11, 1))
    answer = lambda r: ModelReply(draft(  # noqa: E731
        title="Firmware Engineer", company="Globex", employment_types=["full_time"]))
    result = assemble(load_text(POSTING, "p.txt"), settings, answer, rules=False)
    record = result.record
    assert record.title == "Firmware Engineer" and record.employment_types == ["full_time"]
    assert record.company is None  # "Globex" is not in the text: grounding drops it
    assert record.locations == [] and record.seniority is None  # no rules, nothing drafted
    assert set(result.meta["sources"].values()) == {"model"}


def test_the_model_alone_with_an_answer_that_fails_is_an_empty_record_not_the_rules():
    def failing(request: ModelRequest) -> ModelReply:
        raise InvalidOutputError("the answer did not validate")

    settings = resolve_settings(env={}, strategy="draft", use_cache=False,
                                reference_date=dt.date(2026, 11, 1))
    result = assemble(load_text(POSTING, "p.txt"), settings, failing, rules=False)
    assert result.record.title is None and result.record.company is None
    assert any(w.startswith("draft: the answer did not validate") for w in result.warnings)


# --- a real adapter (model tier) --------------------------------------------------------

# Gemma-3-270M: 18 blocks; attn_q maps 640 -> 1024 (ggml shape [640, 1024])
BLOCKS, HIDDEN, Q_OUT = 18, 640, 1024


def tiny_adapter(path: Path, rank: int = 2, scale: float = 0.05, seed: int = 0) -> Path:
    """A random rank-2 LoRA on every attn_q, written as llama.cpp reads adapters
    (``extractor.finetune.convert`` writes trained ones the same way)."""
    gguf = pytest.importorskip("gguf")
    import numpy as np

    rng = np.random.default_rng(seed)
    writer = gguf.GGUFWriter(str(path), "gemma3")
    writer.add_type(gguf.GGUFType.ADAPTER)
    writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
    writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(rank))
    for block in range(BLOCKS):
        a = rng.normal(0, scale, (rank, HIDDEN)).astype(np.float32)
        b = rng.normal(0, scale * 40, (Q_OUT, rank)).astype(np.float32)
        writer.add_tensor(f"blk.{block}.attn_q.weight.lora_a", a)
        writer.add_tensor(f"blk.{block}.attn_q.weight.lora_b", b)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


@pytest.mark.model
def test_an_adapter_loads_and_changes_the_embedded_models_answer(tmp_path):
    from extractor.backends.embedded import EmbeddedBackend

    adapter = tiny_adapter(tmp_path / "tiny.gguf")
    prompt = prompt_text(draft_messages(POSTING))
    texts = []
    for path in (None, str(adapter)):
        backend = EmbeddedBackend(Settings(adapter=path, n_threads=1, n_ctx=1024))
        out = backend.llm.create_completion(prompt, max_tokens=12, temperature=0)
        texts.append(out["choices"][0]["text"])
    assert texts[0] != texts[1]
    assert backend.model_id.endswith(f"+lora:tiny.gguf:{adapter.stat().st_size}")


@pytest.mark.model
def test_a_file_that_is_no_adapter_is_a_clear_config_error(tmp_path):
    from extractor.backends.embedded import EmbeddedBackend

    with pytest.raises(ConfigError, match="could not load the adapter .*extract-finetune"):
        EmbeddedBackend(Settings(adapter=str(gguf_file(tmp_path / "junk.gguf")), n_ctx=256))


@pytest.mark.model
def test_the_guided_question_keeps_its_measured_turn_format():
    from extractor.backends.embedded import EmbeddedBackend
    from extractor.candidates import Candidate
    from extractor.question import guided_request

    backend = EmbeddedBackend(Settings(n_threads=1, n_ctx=2048))
    seen = {}

    def fake_create_completion(**kwargs):  # a fake: records the prompt, answers nothing
        seen.update(kwargs)
        raise RuntimeError("recorded")

    backend.llm.create_completion = fake_create_completion
    titles = [Candidate("Senior Firmware Engineer", "line", 0, 24),
              Candidate("Acme Robotics", "line", 25, 38)]
    with pytest.raises(ModelError):
        backend.complete(guided_request(POSTING, titles, [], 32))
    prompt = backend.llm.detokenize(seen["prompt"]).decode()
    assert "[INST]" in prompt and "<start_of_turn>" not in prompt
