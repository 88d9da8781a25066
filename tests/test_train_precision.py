"""train --precision: float32 by default, bfloat16 autocast on request (no model loaded)."""

from __future__ import annotations

import pytest

from extractor.finetune.train import TrainConfig, autocast, parse_args


def test_precision_is_float32_unless_asked():
    cfg, _, _ = parse_args(["--data", "/tmp/x"])
    assert cfg.precision == "fp32"
    cfg, _, _ = parse_args(["--data", "/tmp/x", "--precision", "bf16"])
    assert cfg.precision == "bf16"


def test_an_unknown_precision_is_refused_naming_the_choices(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--data", "/tmp/x", "--precision", "fp8"])
    assert "fp32" in capsys.readouterr().err


def test_bf16_runs_the_forward_pass_in_bfloat16():
    torch = pytest.importorskip("torch")
    layer = torch.nn.Linear(4, 4)
    with autocast(TrainConfig(data="x", run_dir="y", precision="bf16")):
        assert layer(torch.ones(1, 4)).dtype == torch.bfloat16
    with autocast(TrainConfig(data="x", run_dir="y")):
        assert layer(torch.ones(1, 4)).dtype == torch.float32
