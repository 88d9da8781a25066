"""peft LoRA adapter -> GGUF LoRA that ``Llama(model_path=..., lora_path=...)`` applies.

``python -m extractor.finetune.convert RUN/adapter -o adapter.gguf`` (or ``RUN`` for the
last checkpoint of a run still training)

This writes what llama.cpp's ``convert_lora_to_gguf.py`` (vendored in the
llama-cpp-python sdist) writes for a Gemma 3 adapter, with the ``gguf`` package alone:
no sdist, no base-model download. For Gemma 3 that converter renames the tensors and
changes no values (no q/k permutation; the norm +1 shift touches no LoRA target):
``base_model.model.model.layers.N.self_attn.q_proj.lora_A.weight`` becomes
``blk.N.attn_q.weight.lora_a``, same shape, float16 by default (that converter's default
``--outtype f16``; ``--outtype f32`` keeps training precision); metadata ``general.type=adapter``,
``adapter.type=lora``, ``adapter.lora.alpha``. Checked tensor for tensor against that
converter's output (README).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from extractor.finetune.train import ARCHITECTURE, TARGET_MODULES

ARCH = "gemma3"
_PEFT_NAME = re.compile(
    r"^base_model\.model\.model\.layers\.(?P<block>\d+)\.(?P<module>[\w.]+)\."
    r"lora_(?P<side>[AB])\.weight$")


class ConvertError(ValueError):
    """An adapter this converter cannot write; the message says why."""


def gguf_tensor_name(peft_name: str, name_map: object) -> str:
    """``...layers.3.mlp.up_proj.lora_B.weight`` -> ``blk.3.ffn_up.weight.lora_b``."""
    match = _PEFT_NAME.match(peft_name)
    if match is None:
        raise ConvertError(f"unexpected tensor {peft_name!r}: only LoRA A/B matrices of "
                           "the decoder layers can be converted")
    hf = f"model.layers.{match['block']}.{match['module']}"
    base = name_map.get_name(hf)  # type: ignore[attr-defined]
    if base is None:
        raise ConvertError(f"no GGUF name for {hf!r} in the {ARCH} tensor map")
    return f"{base}.weight.lora_{match['side'].lower()}"


def _read_adapter(folder: Path) -> tuple[dict[str, object], dict[str, object]]:
    from safetensors.torch import load_file

    config_path, weights = folder / "adapter_config.json", folder / "adapter_model.safetensors"
    if not config_path.is_file() or not weights.is_file():
        raise ConvertError(f"{folder} is no peft adapter folder (needs adapter_config.json and "
                           "adapter_model.safetensors)")
    config = json.loads(config_path.read_text(encoding="utf-8"))
    if config.get("peft_type", "LORA") != "LORA":
        raise ConvertError(f"only LoRA adapters convert; this one is {config['peft_type']}")
    return config, load_file(str(weights))


def checkpoint_adapter(run: Path) -> Path:
    """The adapter of the run's last checkpoint as a peft folder (``RUN/checkpoint-adapter``),
    without loading the base model: for a look at a run that is still training."""
    import torch
    from safetensors.torch import save_file


    path = run / "checkpoint.pt"
    if not path.is_file():
        raise ConvertError(f"no checkpoint in {run} yet (one is written every "
                           "--save-every steps)")
    blob = torch.load(path, weights_only=False)
    cfg = json.loads((run / "config.json").read_text())
    out = run / "checkpoint-adapter"
    out.mkdir(exist_ok=True)
    save_file({k: v.contiguous() for k, v in blob["adapter"].items()},
              str(out / "adapter_model.safetensors"))
    config = {"peft_type": "LORA", "r": cfg["rank"], "lora_alpha": cfg["alpha"],
              "target_modules": TARGET_MODULES, "task_type": "CAUSAL_LM",
              "architectures": [ARCHITECTURE], "step": blob["step"]}
    (out / "adapter_config.json").write_text(json.dumps(config, indent=2) + "\n")
    return out


OUT_TYPES = ("f16", "f32")


def convert(adapter: Path, out: Path, n_blocks: int = 18, outtype: str = "f16") -> Path:
    """Write ``out`` (GGUF LoRA) from a peft adapter folder; returns ``out``."""
    import gguf
    import numpy as np

    if outtype not in OUT_TYPES:
        raise ConvertError(f"--outtype must be one of {', '.join(OUT_TYPES)}, not {outtype!r}")
    dtype = np.float16 if outtype == "f16" else np.float32

    config, tensors = _read_adapter(adapter)
    name_map = gguf.get_tensor_name_map(gguf.MODEL_ARCH.GEMMA3, n_blocks)
    tmp = out.with_name(out.name + ".tmp")
    writer = gguf.GGUFWriter(str(tmp), ARCH)
    writer.add_type(gguf.GGUFType.ADAPTER)
    writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
    writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(config["lora_alpha"]))
    writer.add_name("extractor draft adapter")
    for name in sorted(tensors):
        array = tensors[name].float().contiguous().numpy().astype(dtype)  # type: ignore[attr-defined]
        writer.add_tensor(gguf_tensor_name(name, name_map), array)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.finetune.convert",
                                     description="Convert a peft LoRA adapter to GGUF.")
    parser.add_argument("adapter", type=Path,
                        help="peft adapter folder (RUN/adapter), or a run folder: its last "
                             "checkpoint is converted (a run still training)")
    parser.add_argument("-o", "--out", type=Path, required=True, help="GGUF file to write")
    parser.add_argument("--outtype", choices=OUT_TYPES, default="f16",
                        help="tensor type in the GGUF (default f16, half the size of f32)")
    args = parser.parse_args(argv)
    try:
        adapter = args.adapter
        if (adapter / "checkpoint.pt").is_file() or (adapter / "log.jsonl").is_file():
            adapter = checkpoint_adapter(adapter)
        print(f"wrote {convert(adapter, args.out, outtype=args.outtype)}")
    except ConvertError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
