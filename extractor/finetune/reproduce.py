"""One command that rebuilds the shipped draft adapter from its recipe.

    python -m extractor.finetune.reproduce [-o draft.gguf] [--run-dir DIR] [--shared DIR]

1. builds the training data from ``../shared/training`` and ``training/own`` with the
   recipe's build options (``python -m extractor.finetune.data``), into ``RUN/data``;
2. trains the recipe's LoRA (``python -m extractor.finetune.train``) in ``RUN``,
   continuing its checkpoint when the folder holds one (a run takes hours on 2 cores:
   stop it at any time and rerun the same command), up to the recipe's step;
3. converts that step's checkpoint to a float16 GGUF LoRA (``convert``) and prints its
   sha256 beside the shipped file's.

The data hash is compared with the shipped run's: code that renders, loads or cleans
postings differently since then gives other training text, and the command says so
(the model card names the commit the shipped run was built at).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from extractor.finetune.data import DEFAULT_OWN, DEFAULT_SHARED, BuildOptions, build
from extractor.finetune.rows import TrainingDataError
from extractor.finetune.train import TrainConfig, default_runs_dir, file_hash, train

SHIPPED_DIR = Path(__file__).resolve().parents[1] / "adapters"


@dataclass(frozen=True)
class Recipe:
    """What the shipped adapter was trained with (the model card prints the same)."""

    name: str
    step: int  # the checkpoint that ships (a multiple of save_every)
    train_hash: str  # file_hash of the built train.jsonl the shipped run trained on
    schedule_steps: int  # the length of its learning-rate schedule (the run's total steps)
    seed: int = 0
    shared_copies: int = 1
    own_copies: int = 3
    train: dict[str, float | int | str] = field(default_factory=dict)  # TrainConfig overrides
    commit: str = ""  # the commit whose tree built the data (checked out, it rebuilds it exactly)

    @property
    def shipped(self) -> Path:
        return SHIPPED_DIR / f"{self.name}.gguf"


DRAFT_V1 = Recipe(name="draft-v1", step=350, train_hash="7e6ae0c08bbf9307", schedule_steps=660)
# draft-v2: the data built from a committed tree (so that commit rebuilds it byte for
# byte), 257 project postings in 7 languages (138 more than v1), a fixed 400-step
# schedule (held-out runs keep it) and bfloat16 autocast.
DRAFT_V2 = Recipe(name="draft-v2", step=400, train_hash="959526065e3c3eb6", schedule_steps=400,
                  train={"steps": 400, "precision": "bf16"}, commit="d21f76c")
RECIPES = {r.name: r for r in (DRAFT_V1, DRAFT_V2)}
SHIPPED = DRAFT_V2  # the recipe of settings.SHIPPED_ADAPTER


def build_data(recipe: Recipe, shared: Path, own: Path, out: Path) -> str:
    opts = BuildOptions(shared=shared, own=own, seed=recipe.seed,
                        shared_copies=recipe.shared_copies, own_copies=recipe.own_copies)
    if not (out / "train.jsonl").is_file():
        stats = build(opts, out)
        print(f"data: {json.dumps(stats['split'])} in {out}")
    digest = file_hash(out / "train.jsonl")
    if digest != recipe.train_hash:
        print(f"note: train.jsonl hash {digest} differs from the shipped run's "
              f"{recipe.train_hash}: the rendering, loading or cleaning code changed since; "
              "the adapter will differ"
              + (f" (check out {recipe.commit} to rebuild the recipe's data exactly)"
                 if recipe.commit else " (the model card names the shipped run's commit)"),
              file=sys.stderr)
    return digest


def checkpoint_step(run: Path) -> int:
    log = run / "log.jsonl"
    if not (run / "checkpoint.pt").is_file() or not log.is_file():
        return 0
    import torch  # lazy: the train extra

    return int(torch.load(run / "checkpoint.pt", weights_only=False)["step"])


def run_training(recipe: Recipe, data: Path, run: Path, exclude: tuple[str, ...] = ()) -> None:
    """Train the recipe in ``run`` up to its step; ``exclude`` leaves sources out (the
    run then keeps the recipe's schedule length rather than one pass over fewer rows)."""
    overrides: dict[str, float | int | str] = dict(recipe.train)
    if exclude:
        overrides["steps"] = recipe.schedule_steps
    cfg = TrainConfig(data=str(data.resolve()), run_dir=str(run.resolve()), seed=recipe.seed,
                      exclude_sources=exclude, **overrides)  # type: ignore[arg-type]
    done = checkpoint_step(run)
    if done < recipe.step:
        print(f"training {recipe.name}: step {done} -> {recipe.step} (progress in "
              f"{run / 'log.jsonl'})")
        train(cfg, resume=done > 0, stop_after=recipe.step - done)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def reproduce(recipe: Recipe, shared: Path, own: Path, run: Path, out: Path) -> Path:
    from extractor.finetune.convert import checkpoint_adapter, convert

    run.mkdir(parents=True, exist_ok=True)
    build_data(recipe, shared, own, run / "data")
    run_training(recipe, run / "data", run)
    step = checkpoint_step(run)
    if step != recipe.step:
        raise TrainingDataError(f"{run} holds step {step}, not the recipe's {recipe.step}: "
                                "its checkpoint went past it; use a new --run-dir")
    convert(checkpoint_adapter(run), out)
    shipped = sha256(recipe.shipped) if recipe.shipped.is_file() else "(not shipped)"
    print(f"wrote {out}\n  sha256 {sha256(out)}\n  shipped {recipe.shipped.name} {shipped}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.finetune.reproduce",
                                     description="Rebuild the shipped draft adapter.")
    parser.add_argument("--recipe", choices=sorted(RECIPES), default=SHIPPED.name,
                        help=f"which recipe (default {SHIPPED.name}, the shipped adapter's)")
    parser.add_argument("-o", "--out", type=Path, help="GGUF to write (default RECIPE.gguf)")
    parser.add_argument("--run-dir", type=Path, help="run folder (default RUNS/RECIPE)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared training folder (default ../shared/training)")
    parser.add_argument("--own", type=Path, default=DEFAULT_OWN)
    args = parser.parse_args(argv)
    recipe = RECIPES[args.recipe]
    run = args.run_dir or default_runs_dir() / recipe.name
    try:
        reproduce(recipe, args.shared, args.own, run, args.out or Path(f"{recipe.name}.gguf"))
    except TrainingDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
