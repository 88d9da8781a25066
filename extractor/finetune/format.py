"""The exact text and tokens of one draft call, for training and for the runtime alike.

What llama-cpp-python does with an instructor TOOLS-mode request (checked against
0.3.36 and the shipped Gemma-3-270M GGUF):

* The GGUF carries no ``tokenizer.chat_template``, so a ``Llama`` built without
  ``chat_format`` falls back to ``"llama-2"`` (``[INST] <<SYS>>`` as plain text, which
  Gemma never saw). The draft request therefore asks for ``chat_format="gemma"``
  (``CHAT_FORMAT``): ``<start_of_turn>user\\n...<end_of_turn>\\n<start_of_turn>model\\n``.
  That formatter drops system messages, so the backend folds the system text into the
  first user turn (``gemma_messages``), as Gemma's own template does.
* The prompt is tokenized with ``add_bos=True, special=True``.
* ``tool_choice`` names the one tool, so the answer is grammar-constrained to the
  tool's JSON schema (``ModelDraft``): every key required, in field order, with at
  most one space after ``:`` and ``,`` (``space ::= " "?``). The target is
  ``json.dumps(..., ensure_ascii=False)`` of the validated draft, then Gemma's
  ``<end_of_turn>`` (an end-of-generation token, the one the grammar lets through
  once the object is closed).
"""

from __future__ import annotations

import json
from typing import Any

from extractor.backends.embedded import gemma_messages
from extractor.question import (
    DRAFT_CHAT_FORMAT,
    DRAFT_MAX_TOKENS,
    ModelDraft,
    draft_messages,
    draft_request,
)

END_OF_TURN = "<end_of_turn>"


def prompt_text(messages: list[dict[str, str]]) -> str:
    """The prompt string the embedded backend has llama-cpp-python build for these
    messages (``DRAFT_CHAT_FORMAT``'s formatter over ``gemma_messages``; no BOS)."""
    from llama_cpp.llama_chat_format import format_gemma

    return format_gemma(messages=gemma_messages(messages)).prompt


def answer_text(target: dict[str, Any]) -> str:
    """The grammar-shaped JSON answer for a target, ending with ``<end_of_turn>``."""
    draft = ModelDraft.model_validate(target)
    return json.dumps(draft.model_dump(mode="json"), ensure_ascii=False) + END_OF_TURN


def render_example(text: str, target: dict[str, Any]) -> tuple[str, str]:
    """(prompt_text, answer_text) of one training example."""
    return prompt_text(draft_messages(text)), answer_text(target)


CHAT_FORMAT = DRAFT_CHAT_FORMAT

__all__ = ["CHAT_FORMAT", "DRAFT_MAX_TOKENS", "END_OF_TURN", "Tokens", "answer_text",
           "draft_messages", "draft_request", "prompt_text", "render_example"]


class Tokens:
    """Token ids exactly as llama.cpp makes them for the runtime call (vocab only)."""

    def __init__(self, model_path: str) -> None:
        from llama_cpp import Llama

        from extractor.backends.embedded import _silence_llama_logs

        _silence_llama_logs()
        self.llm = Llama(model_path=model_path, vocab_only=True, verbose=False)

    def prompt(self, prompt: str) -> list[int]:
        return self.llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)

    def example(self, prompt: str, answer: str) -> tuple[list[int], list[int]]:
        """(prompt ids, answer ids); the answer is cut from the joint tokenization so
        the boundary tokenizes as one text would."""
        head = self.prompt(prompt)
        whole = self.llm.tokenize((prompt + answer).encode("utf-8"), add_bos=True, special=True)
        if whole[: len(head)] != head:
            raise ValueError("prompt tokens change when the answer follows; "
                             "the prompt must end at a token boundary")
        return head, whole[len(head):]
