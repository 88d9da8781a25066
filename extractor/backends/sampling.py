"""Greedy, grammar-constrained sampling that checks the grammar on one token first.

llama-cpp-python 0.3 samples a grammar-constrained answer with the chain
penalties -> grammar -> greedy: every generated token runs the grammar over the whole
vocabulary (262,144 pieces for Gemma 3), which costs about as much as the model's own
forward pass on 2 cores (extractor/finetune/README.md, "Speed"). llama.cpp's own
sampler (``common_sampler_sample``) avoids that: it samples without the grammar, asks
the grammar about that one token, and only when the grammar refuses it applies the
grammar to every candidate and samples again.

``GrammarCheckedGreedy`` does the same for greedy decoding (temperature 0, the
project's default). The answer is the same token for token: the greedy token of the
raw logits, when the grammar allows it, is also the greedy token of the masked
logits (masking only lowers other tokens); otherwise the masked argmax is taken, as
the chain does. ``Llama._init_sampler`` is replaced only for requests where that
holds (a grammar, temperature 0, neutral penalties, no logits processors, no
mirostat); every other request keeps llama-cpp-python's own chain.
"""

from __future__ import annotations

import ctypes
from typing import Any

import llama_cpp
import numpy as np
from llama_cpp import Llama

NEG_INF = float("-inf")


class GrammarCheckedGreedy:
    """The sampler object ``Llama.generate`` calls ``sample(ctx, idx)`` on."""

    def __init__(self, model: Any, grammar: Any, n_vocab: int) -> None:
        self._grammar = llama_cpp.llama_sampler_init_grammar(
            model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8"))
        if not self._grammar:
            raise ValueError("llama.cpp could not compile the answer's grammar")
        self._n_vocab = n_vocab
        self._one = (llama_cpp.llama_token_data * 1)()
        self._all = (llama_cpp.llama_token_data * n_vocab)()
        self._all_view = np.ctypeslib.as_array(self._all)
        self._all_view["id"] = np.arange(n_vocab, dtype=np.int32)

    def sample(self, ctx: Any, idx: int = -1) -> int:
        pointer = llama_cpp.llama_get_logits_ith(ctx.ctx, idx)
        logits = np.ctypeslib.as_array(pointer, shape=(self._n_vocab,))
        token = int(np.argmax(logits))
        if not self._allows(token, float(logits[token])):
            token = self._masked_argmax(logits)
        llama_cpp.llama_sampler_accept(self._grammar, token)
        return token

    def _allows(self, token: int, logit: float) -> bool:
        entry = self._one[0]
        entry.id, entry.logit, entry.p = token, logit, 0.0  # type: ignore[assignment]
        self._apply(self._one, 1)
        return bool(self._one[0].logit != NEG_INF)

    def _masked_argmax(self, logits: np.ndarray) -> int:
        self._all_view["logit"] = logits
        self._all_view["p"] = 0.0
        self._apply(self._all, self._n_vocab)
        return int(np.argmax(self._all_view["logit"]))

    def _apply(self, data: Any, size: int) -> None:
        array = llama_cpp.llama_token_data_array(
            data=ctypes.cast(data, ctypes.POINTER(llama_cpp.llama_token_data)),
            size=size, selected=-1, sorted=False)
        llama_cpp.llama_sampler_apply(self._grammar, ctypes.byref(array))

    def close(self) -> None:
        if self._grammar:
            llama_cpp.llama_sampler_free(self._grammar)
            self._grammar = None

    def __del__(self) -> None:
        self.close()


def checks_one_token_first(temp: float = 0.8, grammar: Any = None,
                           logits_processor: Any = None, repeat_penalty: float = 1.0,
                           frequency_penalty: float = 0.0, presence_penalty: float = 0.0,
                           mirostat_mode: int = 0, **_: Any) -> bool:
    """Whether a request's sampling is greedy under a grammar with nothing else in the
    chain, so ``GrammarCheckedGreedy`` answers exactly as llama-cpp-python would."""
    neutral = repeat_penalty == 1.0 and frequency_penalty == 0.0 and presence_penalty == 0.0
    return (grammar is not None and temp == 0.0 and not logits_processor and neutral
            and mirostat_mode == 0)


class GrammarFirstLlama(Llama):
    """``Llama`` whose greedy grammar-constrained requests use ``GrammarCheckedGreedy``.
    ``Llama.generate`` and ``Llama.sample`` pass every sampling argument by keyword."""

    def _init_sampler(self, **kwargs: Any) -> Any:  # type: ignore[override]
        if checks_one_token_first(**kwargs):
            return GrammarCheckedGreedy(self._model, kwargs["grammar"], self._n_vocab)
        return super()._init_sampler(**kwargs)
