"""Fine-tuning route (issue 15): train a LoRA adapter over the shipped Gemma-3-270M.

Stages, one module each: ``schema`` (what the model answers), ``format`` (the exact
prompt and answer text the runtime call uses), ``data`` (training rows rendered as
real pages and feeds, with targets the visible text states), ``train`` (LoRA training
with checkpoints and resume) and ``convert`` (peft adapter to a GGUF LoRA);
``distil`` is the ``extract-finetune`` command over them for users (extract output or
labels in, an adapter for ``extract --adapter`` out) and ``evaluate`` scores the model
alone. Training needs the ``train`` extra: ``pip install 'extractor[train]'``.
"""
