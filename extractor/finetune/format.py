"""The exact text and tokens of one draft call, for training and for the runtime alike.

What llama-cpp-python does with an instructor TOOLS-mode request (checked against
0.3.36 and the shipped Gemma-3-270M GGUF):

* The GGUF carries no ``tokenizer.chat_template``, so a ``Llama`` built without
  ``chat_format`` falls back to ``"llama-2"`` (``[INST] <<SYS>>`` as plain text, which
  Gemma never saw). The draft call therefore uses ``chat_format="gemma"``
  (``CHAT_FORMAT``): ``<start_of_turn>user\\n...<end_of_turn>\\n<start_of_turn>model\\n``.
  That formatter drops system messages, so the draft question folds its system text
  into the user turn, as Gemma's own template does.
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

from extractor.backends import ModelRequest
from extractor.finetune.schema import DRAFT_TEXT_CHARS, ModelDraft
from extractor.prompt import load_prompt

CHAT_FORMAT = "gemma"
END_OF_TURN = "<end_of_turn>"
DRAFT_MAX_TOKENS = 200


def draft_messages(text: str) -> list[dict[str, str]]:
    """The chat messages of the draft question for a cleaned text (cut to the budget)."""
    rendered = load_prompt("draft").render(text=text[:DRAFT_TEXT_CHARS])
    system = [m["content"] for m in rendered if m["role"] == "system"]
    turns = [dict(m) for m in rendered if m["role"] != "system"]
    if system and turns and turns[0]["role"] == "user":
        turns[0]["content"] = "\n\n".join(system) + "\n\n" + turns[0]["content"]
    return turns


def draft_request(text: str, max_tokens: int = DRAFT_MAX_TOKENS) -> ModelRequest:
    """The request the runtime sends (through ``instructor_kwargs``) for one posting."""
    return ModelRequest(draft_messages(text), ModelDraft, max_tokens)


def prompt_text(messages: list[dict[str, str]]) -> str:
    """The prompt string llama-cpp-python's ``CHAT_FORMAT`` formatter builds (no BOS)."""
    from llama_cpp.llama_chat_format import format_gemma

    return format_gemma(messages=messages).prompt


def answer_text(target: dict[str, Any]) -> str:
    """The grammar-shaped JSON answer for a target, ending with ``<end_of_turn>``."""
    draft = ModelDraft.model_validate(target)
    return json.dumps(draft.model_dump(mode="json"), ensure_ascii=False) + END_OF_TURN


def render_example(text: str, target: dict[str, Any]) -> tuple[str, str]:
    """(prompt_text, answer_text) of one training example."""
    return prompt_text(draft_messages(text)), answer_text(target)


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
