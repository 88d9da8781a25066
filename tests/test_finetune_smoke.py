"""Training smoke test: a few LoRA steps on a tiny built set, converted to GGUF and
applied by llama-cpp-python. Skipped where the ``train`` extra is not installed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.finetune.rows import TrainingDataError

BODY = ("We are looking for someone who enjoys building reliable data pipelines. "
        "You will work with analysts and engineers every day.\n\n"
        "Requirements\n- Three years of SQL\n- Python\n")


def _shared(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    with (folder / "linkedin_kaggle_2024.jsonl").open("w", encoding="utf-8") as handle:
        for i in range(n):
            row = {"job_id": str(i), "title": f"Data Engineer {i}", "company_name": f"Acme {i}",
                   "location": "Austin, TX", "description": f"Role {i}. " + BODY * 2,
                   "formatted_work_type": "Full-time", "listed_time": "1712857887000.0"}
            handle.write(json.dumps({"id": str(i), "source": "linkedin_kaggle_2024",
                                     "row": row}) + "\n")
    return folder


def _built(tmp_path: Path, n: int) -> Path:
    from extractor.finetune.data import BuildOptions, build

    build(BuildOptions(shared=_shared(tmp_path / "shared", n), own=tmp_path / "none"),
          tmp_path / "data")
    return tmp_path / "data"


def test_too_little_data_is_a_clear_error(tmp_path):
    from extractor.finetune.train import TrainConfig, prepare

    data = _built(tmp_path, 5)
    with pytest.raises(TrainingDataError, match="at least 20 are needed"):
        prepare(TrainConfig(data=str(data), run_dir=str(tmp_path / "run")), resume=False)


def test_a_malformed_training_line_names_its_line(tmp_path):
    from extractor.finetune.train import read_examples

    path = tmp_path / "train.jsonl"
    path.write_text('{"text": "a", "target": {}}\n{"text": 1}\n')
    with pytest.raises(TrainingDataError, match=r"train\.jsonl:1: the target does not fit"):
        read_examples(path)
    path.write_text('not json\n')
    with pytest.raises(TrainingDataError, match=r"train\.jsonl:1: not valid JSON"):
        read_examples(path)


def test_resume_refuses_other_settings_than_the_run(tmp_path):
    from extractor.finetune.train import TrainConfig, _check_resume

    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text(json.dumps({"rank": 16, "lr": 0.0002}))
    cfg = TrainConfig(data="d", run_dir=str(run), rank=8)
    with pytest.raises(TrainingDataError, match="other settings"):
        _check_resume(run, cfg, resume=True)


def test_an_unexpected_adapter_tensor_is_refused():
    gguf = pytest.importorskip("gguf")
    from extractor.finetune.convert import ConvertError, gguf_tensor_name

    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.GEMMA3, 18)
    assert gguf_tensor_name("base_model.model.model.layers.3.mlp.up_proj.lora_B.weight",
                            names) == "blk.3.ffn_up.weight.lora_b"
    with pytest.raises(ConvertError, match="only LoRA A/B"):
        gguf_tensor_name("base_model.model.lm_head.weight", names)


@pytest.mark.model
def test_a_few_steps_train_convert_and_change_the_embedded_answer(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("peft")
    pytest.importorskip("transformers")
    from llama_cpp import Llama

    from extractor.backends.embedded import resolve_model_path
    from extractor.finetune.convert import checkpoint_adapter, convert
    from extractor.finetune.train import TrainConfig, train

    data = _built(tmp_path, 30)
    cfg = TrainConfig(data=str(data), run_dir=str(tmp_path / "run"), steps=3, rank=2, alpha=4,
                      lr=1e-2, accum=1, warmup=1, save_every=2, dev_every=3, dev_limit=2)
    adapter = train(cfg)
    config = json.loads((adapter / "adapter_config.json").read_text())
    assert config["architectures"] == ["Gemma3ForCausalLM"]
    assert "quantization_config" not in config
    assert [json.loads(x)["step"] for x in (tmp_path / "run" / "log.jsonl").open()] == [1, 2, 3]
    gguf_file = convert(adapter, tmp_path / "adapter.gguf")
    from_checkpoint = convert(checkpoint_adapter(tmp_path / "run"), tmp_path / "ckpt.gguf")
    assert from_checkpoint.read_bytes() == gguf_file.read_bytes()  # last checkpoint = step 3
    prompt = "<start_of_turn>user\nSenior Data Engineer at Acme<end_of_turn>\n"
    texts = []
    for lora in (None, str(gguf_file)):
        llm = Llama(model_path=str(resolve_model_path(None)), n_ctx=256, lora_path=lora,
                    verbose=False)
        out = llm.create_completion(prompt, max_tokens=12, temperature=0)
        texts.append(out["choices"][0]["text"])
    assert texts[0] != texts[1]  # lr 1e-2 for 3 steps: the adapter must show
