"""``extract-finetune``: distil a strong model (or your own labels) into the embedded one.

    extract postings/ --backend openai -o teacher.jsonl        # label once, with any model
    extract-finetune teacher.jsonl --inputs postings/ -o my-adapter.gguf
    extract postings/ --adapter my-adapter.gguf                # the embedded model, tuned

The input file holds one JSON object a line, of either kind:

* an ``extract`` output line (``source``, ``record``): the record is the target; the text
  is read again from ``--inputs`` (the paths given to ``extract``) by its source. Lines
  with an error (no record) are skipped.
* a labels line (``text``, ``labels``, optional ``id`` and ``language``): ``labels`` holds
  JobPosting fields (docs/RECORD.md); a field left out is "not stated". A text that does
  not load as a posting is skipped (and counted), as ``extract`` would fail it.

Either way the text is loaded and cleaned as the pipeline does and cut to what the draft
question shows the model; a value becomes a target only where that text states it
(``targets.build_target``; an employment type, workplace or level only where its parser
reads it there). The examples go to ``RUN/data``; ``train`` trains a LoRA there
(checkpointed, ``--resume`` continues) and ``convert`` writes the GGUF.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.clean import clean
from extractor.errors import ConfigError
from extractor.finetune.convert import ConvertError, convert
from extractor.finetune.data import is_dev, model_text, summary, write_splits
from extractor.finetune.render import Shown
from extractor.finetune.rows import Row, TrainingDataError, own_row, read_jsonl
from extractor.finetune.targets import build_target
from extractor.finetune.train import TrainConfig, check_enough, default_runs_dir, train
from extractor.ground import CHECKS
from extractor.load import Document, LoadError, iter_inputs, load_text
from extractor.record import JobPosting

TRAIN_EXTRA = ("torch", "peft", "transformers", "gguf", "safetensors")
PARSER_READ = ("workplace_type", "employment_types", "seniority")  # enums: the parser's words
MAX_INPUT_CHARS = 12_000  # the cleaner's budget, as Settings.max_input_chars


@dataclass(frozen=True)
class Pair:
    """One labelled text: where it came from, the document, and its JobPosting labels."""

    ident: str
    doc: Document
    labels: dict[str, Any]


# --- reading the input file -------------------------------------------------------------

def read_lines(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(``FILE:LINE``, object) for every line; raises TrainingDataError naming a bad line."""
    if not path.is_file():
        raise TrainingDataError(f"{path} not found: pass an extract output file (JSONL) or "
                                "a labels file")
    numbered = zip(_line_numbers(path), read_jsonl(path), strict=False)
    return [(f"{path}:{number}", line) for number, line in numbered]


def _line_numbers(path: Path) -> Iterator[int]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number


def line_kind(line: dict[str, Any], where: str) -> str:
    """``teacher`` (an extract output line) or ``labels``; raises for anything else."""
    if "source" in line and "record" in line:
        return "teacher"
    if isinstance(line.get("text"), str) and isinstance(line.get("labels"), dict):
        return "labels"
    raise TrainingDataError(f"{where}: neither an extract output line (source, record) nor "
                            "a labels line (text, labels); fix or remove that line")


def valid_labels(labels: Any, where: str) -> dict[str, Any]:
    """The labels as a checked JobPosting's JSON fields; raises naming the line and field."""
    try:
        return JobPosting.model_validate(labels).model_dump(mode="json")
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or "labels"
        raise TrainingDataError(f"{where}: {field}: {error['msg']} (labels are JobPosting "
                                "fields, docs/RECORD.md)") from exc


def labels_pairs(lines: list[tuple[str, dict[str, Any]]]) -> tuple[list[Pair], int]:
    """The labelled texts; and how many texts did not load (as ``extract`` would write
    an error line for them: a JSON object with no text field, say)."""
    pairs, unloadable = [], 0
    for where, line in lines:
        labels = valid_labels(line["labels"], where)
        ident = str(line.get("id") or where)
        try:
            pairs.append(Pair(ident, load_text(line["text"], ident), labels))
        except LoadError:
            unloadable += 1
    return pairs, unloadable


def teacher_pairs(lines: list[tuple[str, dict[str, Any]]], inputs: list[str],
                  text_field: str | None) -> tuple[list[Pair], int]:
    """The records with their documents, read again from ``inputs``; and how many lines
    had no record (an error line)."""
    records = {str(line["source"]): (where, line["record"]) for where, line in lines
               if line.get("record") is not None}
    if not records:
        raise TrainingDataError("no line of the input holds a record (every line is an error "
                                "line); rerun extract on inputs that succeed")
    if not inputs:
        raise TrainingDataError("the input holds extract output lines: pass the inputs you "
                                "gave extract with --inputs PATH, so each source's text can "
                                "be read again")
    pairs = [Pair(doc.source, doc, valid_labels(records[doc.source][1], records[doc.source][0]))
             for doc in _documents(inputs, text_field) if doc.source in records]
    if not pairs:
        raise TrainingDataError(f"none of the {len(records)} sources in the input were found "
                                f"under --inputs {' '.join(inputs)}: pass the same inputs "
                                "(and --text-field) you gave extract, from the same folder")
    return pairs, len(lines) - len(records)


def _documents(inputs: list[str], text_field: str | None) -> Iterator[Document]:
    for item in iter_inputs(inputs, text_field=text_field):
        if isinstance(item, Document):
            yield item


# --- examples ---------------------------------------------------------------------------

def stated_target(labels: dict[str, Any], visible: str, ident: str) -> dict[str, Any]:
    """The draft target: the labels the visible text states (else null or empty)."""
    row = own_row({"id": ident, "text": visible, "labels": labels}, ident)
    target = build_target(row, Shown(), visible)
    for name in PARSER_READ:
        check, value = CHECKS[name], target[name]
        if isinstance(value, list):
            target[name] = [v for v in value if check(v, visible)]
        elif value is not None and not check(value, visible):
            target[name] = None
    return target


def example(pair: Pair) -> dict[str, Any] | None:
    """The training example of one pair; None when its cleaned text is empty."""
    visible = model_text(clean(pair.doc, max_chars=MAX_INPUT_CHARS).text)
    if not visible.strip():
        return None
    split = "dev" if is_dev(Row(source="distil", row_id=pair.ident, body=visible)) else "train"
    return {"id": pair.ident, "source": "distil", "row_id": pair.ident, "layout": "user",
            "language": pair.labels.get("language") or "en", "split": split,
            "text": visible, "target": stated_target(pair.labels, visible, pair.ident)}


def build_data(path: Path, inputs: list[str], text_field: str | None,
               out: Path) -> dict[str, Any]:
    """Write ``out/train.jsonl`` and ``out/dev.jsonl`` from the input file; returns the
    counts (examples, per split, skipped lines, null share per field).

    Raises:
        TrainingDataError: a malformed line (named), or no usable line at all.
    """
    lines = read_lines(path)
    if not lines:
        raise TrainingDataError(f"{path} is empty")
    kinds = {line_kind(line, where) for where, line in lines}
    if len(kinds) > 1:
        raise TrainingDataError(f"{path} mixes extract output lines and labels lines; "
                                "give one kind per file")
    if kinds == {"teacher"}:
        pairs, skipped = teacher_pairs(lines, inputs, text_field)
    else:
        pairs, skipped = labels_pairs(lines)
    examples = [e for e in map(example, pairs) if e is not None]
    check_enough([e for e in examples if e["split"] == "train"], path)
    stats = {**summary(examples), "skipped_lines": skipped,
             "empty_texts_skipped": len(pairs) - len(examples)}
    stats["written"] = write_splits(examples, out)
    (out / "stats.json").write_text(json.dumps(stats, indent=1) + "\n", encoding="utf-8")
    return stats


# --- the command ------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="extract-finetune",
        description="Train a LoRA adapter for the embedded model from extract output "
        "(a strong model's records) or from your own labels, and write it as GGUF.",
        epilog="then: extract INPUT... --adapter ADAPTER.gguf")
    p.add_argument("input", type=Path, help="extract output JSONL (source, record) or "
                   "labels JSONL (text, labels)")
    p.add_argument("-o", "--output", type=Path, required=True, help="ADAPTER.gguf to write")
    p.add_argument("--inputs", action="append", default=[], metavar="PATH",
                   help="the inputs given to extract (repeatable): their texts are read again")
    p.add_argument("--text-field", help="JSON/JSONL key holding the posting text, as for extract")
    p.add_argument("--run-dir", type=Path,
                   help=f"data, checkpoints and log (default {default_runs_dir()}/NAME, "
                   "NAME the output's stem)")
    p.add_argument("--resume", action="store_true",
                   help="continue the run's last checkpoint on the run's own data")
    p.add_argument("--steps", type=int, default=0, help="optimizer steps (0: one epoch)")
    p.add_argument("--epochs", type=float, default=1.0, help="passes when --steps is 0")
    p.add_argument("--rank", type=int, default=16, help="LoRA rank")
    p.add_argument("--lr", type=float, default=2e-4, help="learning rate")
    p.add_argument("--threads", type=int, default=2, help="CPU threads for training")
    p.add_argument("--data-only", action="store_true",
                   help="build RUN/data (train.jsonl, dev.jsonl, stats.json) and stop")
    return p


def check_args(args: argparse.Namespace) -> None:
    """Raises ConfigError for an argument that cannot work, before any data is read."""
    if args.output.suffix.lower() != ".gguf":
        raise ConfigError(f"-o {args.output}: the adapter is written as GGUF; name it *.gguf")
    if not args.output.parent.is_dir():
        raise ConfigError(f"-o {args.output}: folder {args.output.parent} does not exist")
    for name, value, low in (("--steps", args.steps, 0), ("--rank", args.rank, 1),
                             ("--threads", args.threads, 1)):
        if value < low:
            raise ConfigError(f"{name} {value}: use a whole number of at least {low}")
    if args.lr <= 0 or args.epochs <= 0:
        raise ConfigError("--lr and --epochs must be above 0")
    for path in args.inputs:
        if not Path(path).exists():
            raise ConfigError(f"--inputs {path}: not found")


def run_dir(args: argparse.Namespace) -> Path:
    return (args.run_dir or default_runs_dir() / args.output.stem).expanduser().resolve()


def prepare_data(args: argparse.Namespace, run: Path) -> Path:
    """RUN/data, built from the input; on --resume the run's own data is kept."""
    data = run / "data"
    if args.resume and (data / "train.jsonl").is_file():
        print(f"extract-finetune: --resume: training on the run's data in {data}",
              file=sys.stderr)
        return data
    stats = build_data(args.input, args.inputs, args.text_field, data)
    print(json.dumps({k: stats[k] for k in ("examples", "split", "null_share",
                                            "skipped_lines", "empty_texts_skipped")}),
          file=sys.stderr)
    return data


def missing_train_extra() -> list[str]:
    return [name for name in TRAIN_EXTRA if importlib.util.find_spec(name) is None]


def train_and_convert(args: argparse.Namespace, run: Path, data: Path) -> Path:
    """Train (or resume) on ``data`` in ``run``, then write the GGUF adapter."""
    cfg = TrainConfig(data=str(data), run_dir=str(run), steps=args.steps, epochs=args.epochs,
                      rank=args.rank, alpha=2 * args.rank, lr=args.lr, threads=args.threads)
    adapter = train(cfg, resume=args.resume)
    if adapter is None:  # only with stop_after, which this command never sets
        raise TrainingDataError(f"training stopped early; rerun with --resume ({run})")
    return convert(adapter, args.output)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        check_args(args)
        run = run_dir(args)
        data = prepare_data(args, run)
        if args.data_only:
            print(f"extract-finetune: training data in {data}", file=sys.stderr)
            return 0
        missing = missing_train_extra()
        if missing:
            raise ConfigError(f"training needs {', '.join(missing)}: "
                              "pip install 'extractor[train]'")
        out = train_and_convert(args, run, data)
    except (ConfigError, TrainingDataError, ConvertError) as exc:
        print(f"extract-finetune: {exc}", file=sys.stderr)
        return 2
    print(f"extract-finetune: wrote {out}; use it with: extract INPUT... --adapter {out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
