"""Prompt templates: versioned data files, validated when loaded, each with a content hash.

A template file is TOML under ``prompts/`` (shipped inside the wheel as
``extractor/_prompts``). Fields are substituted with ``string.Template``
(``$text``): values are inserted as data and never evaluated, so text inside a
posting cannot reach into the template engine.
"""

from __future__ import annotations

import hashlib
import string
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from extractor.errors import ConfigError


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    user: str
    assistant: str


class PromptTemplate(BaseModel):
    """One prompt: system text, a user template and optional few-shot examples."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    version: str
    description: str = ""
    system: str
    user: str = Field(description="string.Template text; fields like $text")
    examples: tuple[Example, ...] = ()
    sha256: str = ""  # filled from the file bytes when loaded

    def render(self, **fields: str) -> list[dict[str, str]]:
        """Chat messages for this prompt; raises KeyError for a missing field."""
        messages = [{"role": "system", "content": self.system}]
        for example in self.examples:
            messages.append({"role": "user", "content": example.user})
            messages.append({"role": "assistant", "content": example.assistant})
        user = string.Template(self.user).substitute(fields)
        messages.append({"role": "user", "content": user})
        return messages

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]


def prompts_dir() -> Path:
    """Where the templates live: inside the installed package, else the source checkout."""
    packaged = Path(str(resources.files("extractor"))) / "_prompts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "prompts"


def parse_prompt(data: bytes) -> PromptTemplate:
    """Validate a template file's bytes; the hash covers the exact bytes."""
    parsed = tomllib.loads(data.decode("utf-8"))
    parsed["sha256"] = hashlib.sha256(data).hexdigest()
    return PromptTemplate.model_validate(parsed)


@cache
def load_prompt(name: str, directory: Path | None = None) -> PromptTemplate:
    """Load and validate ``<name>.toml``.

    Raises:
        ConfigError: the file is missing or does not validate.
    """
    path = (directory or prompts_dir()) / f"{name}.toml"
    try:
        return parse_prompt(path.read_bytes())
    except FileNotFoundError as exc:
        raise ConfigError(f"prompt template not found: {path}") from exc
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"invalid prompt template {path}: {exc}") from exc
