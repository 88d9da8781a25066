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
from collections.abc import Iterator, Sequence
from typing import Any

import llama_cpp
import numpy as np
from llama_cpp import Llama

from extractor.backends.drafting import Shape, forced_text

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
        self._forced: list[int] = []

    def sample(self, ctx: Any, idx: int = -1) -> int:
        if self._forced:  # fed behind the last token; its logits were never computed
            token = self._forced.pop(0)
            llama_cpp.llama_sampler_accept(self._grammar, token)
            return token
        pointer = llama_cpp.llama_get_logits_ith(ctx.ctx, idx)
        logits = np.ctypeslib.as_array(pointer, shape=(self._n_vocab,))
        token = int(np.argmax(logits))
        if not self._allows(token, float(logits[token])):
            token = self._masked_argmax(logits)
        llama_cpp.llama_sampler_accept(self._grammar, token)
        return token

    def force(self, tokens: list[int]) -> list[int]:
        """The longest start of ``tokens`` the grammar admits from here, queued: the next
        ``sample`` calls return them in turn instead of reading logits."""
        grammar, admitted = self._grammar, []
        clone = llama_cpp.llama_sampler_clone(grammar)
        if not clone:  # llama.cpp could not copy the grammar: force nothing, ask the model
            self._forced = []
            return []
        self._grammar = clone
        try:
            for token in tokens:
                if not self._allows(token, 0.0):
                    break
                llama_cpp.llama_sampler_accept(self._grammar, token)
                admitted.append(token)
        finally:
            llama_cpp.llama_sampler_free(self._grammar)
            self._grammar = grammar
        self._forced = admitted
        return list(admitted)

    @property
    def forcing(self) -> bool:
        """Whether tokens are queued: the batch being fed carries them."""
        return bool(self._forced)

    def clear_forced(self) -> None:
        self._forced = []

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
    """``Llama`` whose greedy grammar-constrained requests use ``GrammarCheckedGreedy``
    and, when ``answer_shape`` is set, jump over the keys the schema forces.

    ``Llama.generate`` and ``Llama.sample`` pass every sampling argument by keyword.
    Jump-forward rides on llama-cpp-python's speculative loop: after each sampled token
    ``generate`` asks ``draft_model`` for tokens to feed with it, evaluates them, then
    calls ``sample`` at each of their positions and keeps them while they match. Here
    the "draft" is the forced key (``drafting.forced_text``, tokenized) cut to what the
    grammar admits; the sampler returns those tokens at their positions without
    reading logits, and ``eval`` computes the output layer only for the last of them,
    the one position sampled from. Each token still gets its own pass, as in plain
    generation (a many-token pass rounds differently: on 48 multilingual postings 15
    answers changed that way). The answer is then the same token for token wherever the
    model spells the keys as the tokenizer does: 146 of 147 eval postings; the other one
    spelled a key in two tokens, with the same value.
    ``bench/jump_forward.py`` measures it.
    """

    answer_shape: Shape | None = None  # the response schema's key order, per request

    def _init_sampler(self, **kwargs: Any) -> Any:  # type: ignore[override]
        if checks_one_token_first(**kwargs):
            return GrammarCheckedGreedy(self._model, kwargs["grammar"], self._n_vocab)
        return super()._init_sampler(**kwargs)

    def generate(self, tokens: Sequence[int], **kwargs: Any  # type: ignore[override]
                 ) -> Iterator[int]:
        shape = self.answer_shape
        if shape is None or not checks_one_token_first(**kwargs):
            yield from super().generate(tokens, **kwargs)
            return
        start = len(tokens)
        self.draft_model = lambda ids: self._forced_after(ids, start, shape)  # type: ignore[assignment]
        try:
            yield from super().generate(tokens, **kwargs)
        finally:
            self.draft_model = None
            if isinstance(self._sampler, GrammarCheckedGreedy):  # an answer stopped early
                self._sampler.clear_forced()

    def _forced_after(self, ids: Sequence[int], start: int, shape: Shape) -> np.ndarray:
        """The forced tokens after ``ids`` (the prompt's first ``start``), queued in the
        sampler; no more than the context has room for (``generate`` cuts a draft there,
        and a queued token must never outlive the batch it was fed in)."""
        answer = self.detokenize(list(ids[start:])).decode("utf-8", errors="ignore")
        text = forced_text(answer, shape)
        sampler = self._sampler
        if not text or not isinstance(sampler, GrammarCheckedGreedy):
            return np.array([], dtype=np.intc)
        tokens = self.tokenize(text.encode("utf-8"), add_bos=False, special=False)
        room = self._n_ctx - len(ids)
        return np.array(sampler.force(list(tokens)[:max(room, 0)]), dtype=np.intc)

    def eval(self, tokens: Sequence[int]) -> None:
        """As ``Llama.eval``; a batch that carries forced tokens is decoded one token
        per pass, as plain generation decodes it (a many-token pass rounds differently,
        enough to flip near-tied choices later in the answer), with the output layer
        computed only for the last token, the one sampled from."""
        sampler = self._sampler
        if not (isinstance(sampler, GrammarCheckedGreedy) and sampler.forcing):
            super().eval(tokens)
            return
        self._ctx.kv_cache_seq_rm(-1, self.n_tokens, -1)
        for at, token in enumerate(tokens):
            self._batch.set_batch(batch=[token], n_past=self.n_tokens, logits_all=False)
            self._batch.batch.logits[0] = at == len(tokens) - 1
            self._ctx.decode(self._batch)
            self.input_ids[self.n_tokens] = token
            self.n_tokens += 1
        self._requires_eval = False
