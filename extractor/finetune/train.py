"""Train the draft LoRA adapter on CPU: ``python -m extractor.finetune.train --data DIR``.

transformers loads the shipped GGUF (de-quantised to float32), peft adds a LoRA on
every attention and MLP projection, and AdamW trains it with batch 1 and gradient
accumulation. The loss covers the answer tokens only, and the 262k-word output layer
runs on the answer positions only (it dominates the cost otherwise). Prompt and answer
tokens come from llama.cpp's own tokenizer (``format.Tokens``), as the runtime call
makes them.

A run lives in ``~/.cache/extractor/train-runs/<name>/`` (outside the work tree):
``config.json``, ``log.jsonl`` (loss per step, dev loss every ``--dev-every`` steps),
``checkpoint.pt`` (adapter, optimizer, scheduler, RNG, step and data order, written
atomically every ``--save-every`` steps) and, at the end, ``adapter/`` in peft format.
``--resume`` continues a run exactly where its last checkpoint left it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from extractor.backends.embedded import resolve_model_path
from extractor.finetune.format import Tokens, render_example
from extractor.finetune.rows import TrainingDataError
from extractor.finetune.schema import ModelDraft
from extractor.settings import default_cache_dir

MIN_EXAMPLES = 20
TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
ARCHITECTURE = "Gemma3ForCausalLM"


def default_runs_dir() -> Path:

    return default_cache_dir() / "train-runs"


@dataclass(frozen=True)
class TrainConfig:
    data: str
    run_dir: str
    steps: int = 0  # 0: one pass over the training examples
    epochs: float = 1.0
    rank: int = 16
    alpha: int = 32
    dropout: float = 0.05
    lr: float = 2e-4
    accum: int = 4
    warmup: int = 20
    seed: int = 0
    threads: int = 2
    save_every: int = 25
    dev_every: int = 100
    dev_limit: int = 48
    max_examples: int = 0  # 0: all
    model: str = ""  # GGUF path; "" = the shipped one
    exclude_sources: tuple[str, ...] = ()
    precision: str = "fp32"  # "bf16": the forward pass under CPU bfloat16 autocast (~1.3x)


# --- data -----------------------------------------------------------------------------

def read_examples(path: Path, exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The examples of a train/dev JSONL, checked; raises TrainingDataError naming the line."""
    from pydantic import ValidationError


    if not path.is_file():
        raise TrainingDataError(f"{path} not found; build it with "
                                "python -m extractor.finetune.data --out DIR")
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            example = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TrainingDataError(f"{where}: not valid JSON ({exc.msg})") from exc
        if not isinstance(example, dict) or not isinstance(example.get("text"), str) \
                or not isinstance(example.get("target"), dict):
            raise TrainingDataError(f"{where}: each line needs a 'text' string and a "
                                    "'target' object")
        try:
            ModelDraft.model_validate(example["target"])
        except ValidationError as exc:
            raise TrainingDataError(f"{where}: the target does not fit the draft schema: "
                                    f"{exc.errors()[0]['loc']} {exc.errors()[0]['msg']}") from exc
        if example.get("source") not in exclude:
            examples.append(example)
    return examples


def check_enough(examples: list[dict[str, Any]], path: Path) -> None:
    if len(examples) < MIN_EXAMPLES:
        raise TrainingDataError(f"{path} has {len(examples)} usable examples; at least "
                                f"{MIN_EXAMPLES} are needed (a useful adapter wants thousands)")


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else ""


def tokenize_all(examples: list[dict[str, Any]], tokens: Any) -> list[tuple[list[int], list[int]]]:

    return [tokens.example(*render_example(e["text"], e["target"])) for e in examples]


def spread(items: list[Any], limit: int) -> list[Any]:
    """At most ``limit`` items, evenly spaced (dev files are grouped by source)."""
    if len(items) <= limit:
        return items
    return [items[i * len(items) // limit] for i in range(limit)]


def data_order(n: int, total: int, seed: int) -> list[int]:
    """Example indices for ``total`` micro-steps: a fresh shuffle per pass."""
    order: list[int] = []
    epoch = 0
    while len(order) < total:
        perm = list(range(n))
        random.Random(f"{seed}:{epoch}").shuffle(perm)
        order += perm
        epoch += 1
    return order[:total]


# --- model ----------------------------------------------------------------------------

def load_model(cfg: TrainConfig) -> Any:
    """The shipped GGUF as a float32 transformers model with a fresh LoRA."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    path = gguf_path(cfg)
    base = AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name,
                                                dtype=torch.float32)
    base.config.architectures = [ARCHITECTURE]
    lora = LoraConfig(r=cfg.rank, lora_alpha=cfg.alpha, lora_dropout=cfg.dropout,
                      target_modules=TARGET_MODULES, task_type="CAUSAL_LM")
    return get_peft_model(base, lora)


def gguf_path(cfg: TrainConfig) -> Path:

    return resolve_model_path(cfg.model or None)


def answer_loss(model: Any, prompt: list[int], answer: list[int]) -> Any:
    """Mean cross-entropy of the answer tokens; logits only where an answer token is
    predicted (position i predicts token i+1)."""
    import torch
    import torch.nn.functional as F

    causal = model.base_model.model  # Gemma3ForCausalLM with LoRA layers inside
    ids = torch.tensor([prompt + answer[:-1]])
    hidden = causal.model(input_ids=ids).last_hidden_state
    start = len(prompt) - 1
    logits = causal.lm_head(hidden[0, start:start + len(answer)])
    return F.cross_entropy(logits.float(), torch.tensor(answer))


def schedule(cfg: TrainConfig, total_steps: int) -> Any:
    def factor(step: int) -> float:
        if step < cfg.warmup:
            return (step + 1) / cfg.warmup
        progress = (step - cfg.warmup) / max(1, total_steps - cfg.warmup)
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
    return factor


# --- checkpoints ----------------------------------------------------------------------

def save_checkpoint(run: Path, model: Any, optimizer: Any, scheduler: Any, state: dict) -> None:
    """One file, written to a temporary name and renamed: a kill never leaves half of it."""
    import torch
    from peft import get_peft_model_state_dict

    blob = {"adapter": get_peft_model_state_dict(model), "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(), "torch_rng": torch.get_rng_state(),
            "python_rng": random.getstate(), **state}
    tmp = run / "checkpoint.pt.tmp"
    torch.save(blob, tmp)
    os.replace(tmp, run / "checkpoint.pt")


def load_checkpoint(run: Path, model: Any, optimizer: Any, scheduler: Any) -> dict[str, Any]:
    import torch
    from peft import set_peft_model_state_dict

    path = run / "checkpoint.pt"
    if not path.is_file():
        raise TrainingDataError(f"--resume: no checkpoint in {run}; start without --resume")
    blob = torch.load(path, weights_only=False)
    set_peft_model_state_dict(model, blob["adapter"])
    optimizer.load_state_dict(blob["optimizer"])
    scheduler.load_state_dict(blob["scheduler"])
    torch.set_rng_state(blob["torch_rng"])
    random.setstate(blob["python_rng"])
    return blob


def save_adapter(run: Path, model: Any) -> Path:
    """The final adapter in peft format, its config naming the architecture, plus the
    base model's config.json (no quantization_config) for the GGUF converter."""
    out = run / "adapter"
    model.save_pretrained(str(out))
    config_path = out / "adapter_config.json"
    config = json.loads(config_path.read_text())
    config.pop("quantization_config", None)
    config["architectures"] = [ARCHITECTURE]
    config_path.write_text(json.dumps(config, indent=2) + "\n")
    base = model.base_model.model.config.to_dict()
    base.pop("quantization_config", None)
    base["architectures"] = [ARCHITECTURE]
    (out / "base").mkdir(exist_ok=True)
    (out / "base" / "config.json").write_text(json.dumps(base, indent=2) + "\n")
    return out


# --- the loop -------------------------------------------------------------------------

def _log(run: Path, record: dict[str, Any]) -> None:
    with (run / "log.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
    print(json.dumps(record), flush=True)


PRECISIONS = ("fp32", "bf16")


def autocast(cfg: TrainConfig) -> Any:
    """The forward pass's precision: float32, or bfloat16 autocast (weights and the LoRA
    stay float32; CPUs with AVX512-BF16 run it about 1.3x faster)."""
    import contextlib

    import torch

    if cfg.precision == "bf16":
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def dev_loss(model: Any, dev: list[tuple[list[int], list[int]]],
             cfg: TrainConfig) -> float | None:
    import torch

    if not dev:
        return None
    model.eval()
    with torch.no_grad(), autocast(cfg):
        losses = [answer_loss(model, p, a).item() for p, a in dev]
    model.train()
    return sum(losses) / len(losses)


_MAY_CHANGE_ON_RESUME = {"threads", "dev_every", "save_every"}


def _check_resume(run: Path, cfg: TrainConfig, resume: bool) -> None:
    saved = run / "config.json"
    if resume:
        if not saved.is_file():
            raise TrainingDataError(f"--resume: {run} holds no run; start without --resume")
        old = json.loads(saved.read_text())
        now = json.loads(json.dumps(asdict(cfg)))
        diff = {k: (old[k], v) for k, v in now.items()
                if k in old and old[k] != v and k not in _MAY_CHANGE_ON_RESUME}
        if diff:
            raise TrainingDataError(f"--resume with other settings than the run: {diff}; "
                                    "pass the run's own arguments")
    elif (run / "checkpoint.pt").exists():
        raise TrainingDataError(f"{run} already holds a run; add --resume or pick --name")


@dataclass
class _Run:
    cfg: TrainConfig
    run: Path
    train: list[tuple[list[int], list[int]]]
    dev: list[tuple[list[int], list[int]]]
    total_steps: int
    order: list[int]


def prepare(cfg: TrainConfig, resume: bool) -> _Run:

    run = Path(cfg.run_dir)
    data = Path(cfg.data)
    _check_resume(run, cfg, resume)
    train_rows = read_examples(data / "train.jsonl", cfg.exclude_sources)
    check_enough(train_rows, data / "train.jsonl")
    if cfg.max_examples:
        train_rows = train_rows[:cfg.max_examples]
    dev_path = data / "dev.jsonl"
    dev_rows = spread(read_examples(dev_path, cfg.exclude_sources), cfg.dev_limit) \
        if dev_path.is_file() else []
    tokens = Tokens(str(gguf_path(cfg)))
    train, dev = tokenize_all(train_rows, tokens), tokenize_all(dev_rows, tokens)
    micro = len(train) * cfg.epochs if not cfg.steps else cfg.steps * cfg.accum
    total_steps = math.ceil(micro / cfg.accum)
    order = data_order(len(train), total_steps * cfg.accum, cfg.seed)
    run.mkdir(parents=True, exist_ok=True)
    if not resume:
        record = {**asdict(cfg), "train_hash": file_hash(data / "train.jsonl"),
                  "train_examples": len(train), "dev_examples": len(dev),
                  "total_steps": total_steps}
        (run / "config.json").write_text(json.dumps(record, indent=1) + "\n")
    return _Run(cfg, run, train, dev, total_steps, order)


def _config_matches_data(r: _Run) -> None:
    saved = json.loads((r.run / "config.json").read_text())
    now = file_hash(Path(r.cfg.data) / "train.jsonl")
    if saved.get("train_hash") != now:
        raise TrainingDataError(f"--resume: {r.cfg.data}/train.jsonl changed since the run "
                                "began; resume on the same data or start a new run")


def train(cfg: TrainConfig, resume: bool = False, stop_after: int = 0) -> Path | None:
    """Run (or continue) training; returns the final adapter folder, or None when
    ``stop_after`` steps were done in this process first (resume later)."""
    import torch

    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    random.seed(cfg.seed)
    r = prepare(cfg, resume)
    model = load_model(cfg)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=0.0)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule(cfg, r.total_steps))
    step = 0
    if resume:
        _config_matches_data(r)
        blob = load_checkpoint(r.run, model, optimizer, scheduler)
        step, r.order = blob["step"], blob["order"]
    done_here = 0
    while step < r.total_steps:
        if stop_after and done_here >= stop_after:
            save_checkpoint(r.run, model, optimizer, scheduler, {"step": step, "order": r.order})
            return None
        step = _one_step(r, model, optimizer, scheduler, params, step)
        done_here += 1
    return save_adapter(r.run, model)


def _one_step(r: _Run, model: Any, optimizer: Any, scheduler: Any, params: list, step: int) -> int:
    import torch

    started, total, answer_tokens = time.time(), 0.0, 0
    for micro in range(r.cfg.accum):
        prompt, answer = r.train[r.order[step * r.cfg.accum + micro]]
        with autocast(r.cfg):
            loss = answer_loss(model, prompt, answer)
        (loss / r.cfg.accum).backward()
        total += loss.detach().item()
        answer_tokens += len(answer)
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad(set_to_none=True)
    step += 1
    record = {"step": step, "of": r.total_steps, "loss": round(total / r.cfg.accum, 4),
              "lr": scheduler.get_last_lr()[0], "answer_tokens": answer_tokens,
              "sec": round(time.time() - started, 2)}
    if step % r.cfg.dev_every == 0 or step == r.total_steps:
        record["dev_loss"] = dev_loss(model, r.dev, r.cfg)
    _log(r.run, record)
    if step % r.cfg.save_every == 0 or step == r.total_steps:
        save_checkpoint(r.run, model, optimizer, scheduler, {"step": step, "order": r.order})
    return step


def parse_args(argv: list[str] | None) -> tuple[TrainConfig, bool, int]:
    p = argparse.ArgumentParser(prog="python -m extractor.finetune.train",
                                description="Train the draft LoRA adapter (CPU).")
    p.add_argument("--data", required=True, help="folder with train.jsonl (and dev.jsonl)")
    p.add_argument("--name", default="draft", help="run name under the runs folder")
    p.add_argument("--run-dir", help=f"run folder (default {default_runs_dir()}/NAME)")
    p.add_argument("--steps", type=int, default=0, help="optimizer steps (0: one epoch)")
    p.add_argument("--epochs", type=float, default=1.0)
    p.add_argument("--rank", type=int, default=16)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--accum", type=int, default=4, help="examples per optimizer step")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--save-every", type=int, default=25)
    p.add_argument("--dev-every", type=int, default=100)
    p.add_argument("--max-examples", type=int, default=0)
    p.add_argument("--exclude-source", action="append", default=[],
                   help="leave this source out (repeatable)")
    p.add_argument("--model", default="", help="GGUF path (default: the shipped model)")
    p.add_argument("--resume", action="store_true", help="continue the run's checkpoint")
    p.add_argument("--precision", choices=PRECISIONS, default="fp32",
                   help="bf16: bfloat16 autocast for the forward pass (faster on CPUs with "
                        "AVX512-BF16)")
    p.add_argument("--stop-after", type=int, default=0,
                   help="checkpoint and stop after this many steps in this process")
    a = p.parse_args(argv)
    run_dir = a.run_dir or str(default_runs_dir() / a.name)
    cfg = TrainConfig(data=str(Path(a.data).resolve()), run_dir=str(Path(run_dir).resolve()),
                      steps=a.steps, epochs=a.epochs, rank=a.rank, alpha=2 * a.rank, lr=a.lr,
                      accum=a.accum, seed=a.seed, threads=a.threads, save_every=a.save_every,
                      dev_every=a.dev_every, max_examples=a.max_examples, model=a.model,
                      exclude_sources=tuple(a.exclude_source), precision=a.precision)
    return cfg, a.resume, a.stop_after


def main(argv: list[str] | None = None) -> int:
    cfg, resume, stop_after = parse_args(argv)
    try:
        out = train(cfg, resume, stop_after)
    except TrainingDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"adapter written to {out}" if out else
          f"stopped after {stop_after} steps; continue with the same command plus --resume")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
