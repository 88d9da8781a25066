"""``extract``: a thin command line over the library.

Parse arguments, build settings and batch options, run ``extractor.batch.run.BatchRun``,
print a summary on stderr (or, with ``--explain``, one record beside its evidence).
``-o FILE`` is written afresh; with ``--resume`` a rerun keeps the lines FILE already
holds and does only the inputs it lacks.

Exit codes:
    0    every input has a record (in this run and in the resumed output)
    1    some inputs failed: each has an error line
    2    aborted: bad usage or settings, nothing to read, or --max-tokens-total reached
         (rerun with --resume)
    130  interrupted (Ctrl-C or SIGTERM); the lines written are complete: rerun the
         same command with --resume to finish
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from extractor.backends import BACKEND_NAMES, EMBEDDED, OPENAI
from extractor.errors import ConfigError
from extractor.settings import (
    DEFAULT_OPENAI_MODEL,
    Settings,
    environment_variables,
    resolve_settings,
)

if TYPE_CHECKING:
    from extractor.batch.run import BatchRun

EXIT_OK, EXIT_SOME_FAILED, EXIT_ABORTED, EXIT_INTERRUPTED = 0, 1, 2, 130

# setting -> the flag that sets it (settings._FLAGS says the same in its messages; a
# test checks that they agree)
SETTING_FLAGS = {
    "backend": "--backend", "model": "--model", "adapter": "--adapter",
    "base_url": "--base-url", "strategy": "--strategy", "reference_date": "--reference-date",
    "cache_dir": "--cache-dir", "use_cache": "--no-cache", "grounding": "--grounding",
    "max_tokens": "--max-tokens", "timeout": "--timeout", "transport_retries": "--retries",
    "retry_max_wait": "--retry-max-wait", "pay_year": "--pay-year",
    "reference_from_mtime": "--reference-date-from-mtime",
}
# what the environment variables with no flag set
_UNFLAGGED = {
    "api_key": "the API key (openai; no flag: keys stay out of shell history)",
    "n_threads": "llama.cpp threads (embedded; default: all cores)",
    "endpoint_cooldown_s": "seconds a failing --base-url endpoint sits out (default 30)",
}
_SECRET_FLAGS = {"--base-url"}  # may hold credentials: never echoed in a message
# (backend, strategy) -> why it is a poor choice there, as measured: python -m evals --set
# synthetic --limit 20 --system guided= --system full=strategy=full (embedded Gemma-3-270M,
# 2 shared cores, 2026-12: micro F1 0.894 vs 0.901, title 0.95 vs 1.00, date_posted 0.90 vs
# 0.95, latency median 12.2 s vs 2.6 s, completion tokens 445 vs 131)
WORSE_STRATEGY = {
    (EMBEDDED, "full"): "--strategy full on the embedded model is slower and worse than "
    "guided (the default): on 20 synthetic postings headline F1 0.89 vs 0.90 (title 0.95 vs "
    "1.00), median 12.2 s vs 2.6 s a posting",
}
DESCRIPTION = """\
Turn job postings (.txt .md .html .json .jsonl; files or folders) into
validated JobPosting records, one JSONL line per input."""
EXIT_CODES = """\
exit codes: 0 all ok, 1 some inputs failed, 2 aborted (usage, settings,
nothing to read, token budget), 130 interrupted (rerun with --resume)"""
EXAMPLES = """\
examples:
  extract postings/ -o out.jsonl             every posting in a folder, one line each
  extract postings/ -o out.csv --format csv  a table (or --format parquet -o out.parquet)
  extract postings/ -o out.jsonl --resume    finish a stopped run; only missing inputs
  extract --explain posting.html             one record beside its evidence (needs rich)
  extract feed.jsonl --backend openai --model gpt-4o-mini -o out.jsonl   a remote model
"""


# --- the parser: one function per group of flags ------------------------------------

class _Parser(argparse.ArgumentParser):
    """Usage errors in two lines (what is wrong, where to look), not the whole usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ABORTED, f"{self.prog}: {message}\n"
                                f"Run '{self.prog} --help' for the flags and examples.\n")


def _add_input_flags(group: argparse._ArgumentGroup) -> None:
    group.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="files or folders ('-' reads stdin); folders are read "
                       "recursively")
    group.add_argument("--text-field", metavar="KEY",
                       help="JSON/JSONL key or CSV/Parquet column holding the posting text "
                       "(any case; default: description-like names)")
    group.add_argument("--include", action="append", default=[], metavar="GLOB",
                       help="only sources matching GLOB (repeatable; * crosses folders)")
    group.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="skip sources matching GLOB (repeatable)")
    group.add_argument("--limit", type=int, metavar="N", help="only the first N inputs")
    group.add_argument("--reference-date", metavar="YYYY-MM-DD",
                       help="date that relative dates are resolved against (default: the "
                       "date a posting states, in a JSON field such as scraped_at or a "
                       "FILE.meta.json sidecar; else today)")
    group.add_argument("--reference-date-from-mtime", action="store_true",
                       help="without a stated date, count relative dates from each file's "
                       "modification day (copying files changes it)")


def _add_output_flags(group: argparse._ArgumentGroup) -> None:
    group.add_argument("-o", "--output", metavar="FILE",
                       help="output file (default: stdout); written afresh unless --resume")
    group.add_argument("--format", choices=["jsonl", "csv", "parquet"],
                       help="jsonl (the full line), csv (flat columns + error columns) or "
                       "parquet (typed columns + the full line; needs -o and pyarrow); "
                       "default: by the -o extension (.csv, .parquet), else jsonl")
    group.add_argument("--pay-year", metavar="UNIT=N,...",
                       help="hours, days, weeks, months of pay per year for the annual pay "
                       "figures (default hours=2080,days=260,weeks=52,months=12; "
                       "EXTRACTOR_PAY_YEAR)")
    group.add_argument("--resume", action="store_true",
                       help="keep the lines the output file holds; do only the missing inputs")
    group.add_argument("--overwrite", action="store_true",
                       help="start the output file afresh (the default; wins over --resume)")
    group.add_argument("--errors", metavar="FILE", help="also write error lines (JSONL) here")
    group.add_argument("--summary-json", metavar="FILE", help="write the run summary as JSON")
    group.add_argument("--include-text", action="store_true",
                       help="end each line with the cleaned text the evidence offsets "
                       "point into (\"text\")")
    group.add_argument("--review", metavar="FILE.html",
                       help="after the run, write a review page of its postings: each "
                       "text with its fields highlighted, beside its record")
    group.add_argument("--explain", action="store_true",
                       help="print the first input's record beside its evidence, "
                       "highlighted in the text, instead of writing lines (needs rich)")
    group.add_argument("--quiet", action="store_true", help="no progress bar or summary")


def _add_model_flags(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--backend", choices=BACKEND_NAMES,
                       help="model backend (default: embedded, or EXTRACTOR_BACKEND)")
    group.add_argument("--model", metavar="NAME",
                       help="model id (openai) or GGUF path (embedded)")
    group.add_argument("--adapter", metavar="PATH.gguf",
                       help="a fine-tuned LoRA for the embedded model (extract-finetune "
                       "writes one; default: the shipped draft-v2, on the shipped model "
                       "with strategy auto or draft; 'none': the bare model); with it, "
                       "auto asks the draft question (EXTRACTOR_ADAPTER)")
    group.add_argument("--base-url", metavar="URL",
                       help="OpenAI-compatible endpoint, or several comma-separated (least "
                       "busy first; a failing one sits out a while; default: "
                       "OPENAI_BASE_URL); needs --model")
    group.add_argument("--strategy", choices=["auto", "guided", "full", "rules", "draft"],
                       help="what the model is asked: guided (choose among candidates), "
                       "full (draft the record), rules (no model), draft (a few fields, "
                       "for a fine-tuned adapter); auto picks per backend and adapter")
    group.add_argument("--grounding", choices=["drop", "warn"],
                       help="unsupported model values: drop them (default) or keep with a "
                       "warning")


def _add_cache_flags(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--cache-dir", metavar="DIR",
                       help="cache directory (default: user cache dir)")
    group.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the cache")


def _add_batch_flags(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--concurrency", type=int, default=1, metavar="N",
                       help="model requests in flight (openai backend; default 1)")
    group.add_argument("--workers", type=int, metavar="N",
                       help="worker processes, each loading the model once (embedded; "
                       "default 1); with --engine ray: actors (default: one per CPU)")
    group.add_argument("--engine", choices=["local", "ray"], default="local",
                       help="local (this machine, the default) or ray (Ray actors, on "
                       "this machine or a cluster; needs extractor[ray])")
    group.add_argument("--ray-address", metavar="ADDR",
                       help="Ray cluster to join ('auto', or ray://HOST:10001); default: "
                       "start a local Ray instance")
    group.add_argument("--block-size", type=int, metavar="N",
                       help="inputs per Ray actor call (default 16; 1 with the embedded "
                       "model, where each input takes about a second)")


def _add_limit_flags(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--max-tokens", type=int, metavar="N",
                       help="generation limit per model call")
    group.add_argument("--max-tokens-total", type=int, metavar="N",
                       help="stop starting inputs once N tokens are spent (exit 2; resumable)")
    group.add_argument("--max-rpm", type=float, metavar="N",
                       help="at most N model requests per minute")
    group.add_argument("--timeout", type=float, metavar="S",
                       help="seconds per HTTP request (openai)")
    group.add_argument("--retries", type=int, metavar="N",
                       help="transport retries after the first try (openai; default 4)")
    group.add_argument("--retry-max-wait", type=float, metavar="S",
                       help="cap in seconds on one backoff sleep, Retry-After included")


_GROUPS = (
    ("input", _add_input_flags),
    ("output", _add_output_flags),
    ("model", _add_model_flags),
    ("cache", _add_cache_flags),
    ("batch", _add_batch_flags),
    ("limits", _add_limit_flags),
)


def _environment_help() -> str:
    """The environment variables the settings read, each with its flag or meaning."""
    lines = ["environment (a flag wins over its variable):"]
    for var, setting in environment_variables().items():
        what = SETTING_FLAGS.get(setting) or _UNFLAGGED.get(setting, setting)
        if var == "EXTRACTOR_MODEL_PATH":
            what += " (when EXTRACTOR_MODEL is unset)"
        lines.append(f"  {var + ('=1' if setting == 'use_cache' else ''):<29} {what}")
    return "\n".join(lines)


def version() -> str:
    """The installed package's version, or the source tree's."""
    from importlib import metadata

    try:
        return metadata.version("extractor")
    except metadata.PackageNotFoundError:
        from extractor import __version__

        return __version__


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="extract",
        usage="%(prog)s [options] INPUT [INPUT ...]\n       %(prog)s --explain FILE [options]",
        description=DESCRIPTION,
        epilog=f"{EXAMPLES}\n{_environment_help()}\n\n{EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the epilog's own lines
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    for title, add_flags in _GROUPS:
        add_flags(parser.add_argument_group(title))
    return parser


# --- flags to settings and options ---------------------------------------------------

def _dest(flag: str) -> str:
    return flag.lstrip("-").replace("-", "_")


def _setting_values(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the flags give, as keyword arguments of resolve_settings."""
    values = {name: getattr(args, _dest(flag)) for name, flag in SETTING_FLAGS.items()}
    values["use_cache"] = False if args.no_cache else None
    values["reference_from_mtime"] = args.reference_date_from_mtime or None
    return values


def _option_values(args: argparse.Namespace) -> dict[str, Any]:
    """The BatchOptions the flags ask for, as keyword arguments."""
    return dict(
        output=args.output, format=args.format, errors=args.errors,
        summary_json=args.summary_json, include_text=args.include_text, review=args.review,
        overwrite=args.overwrite or not args.resume,
        text_field=args.text_field, limit=args.limit, include=tuple(args.include),
        exclude=tuple(args.exclude), concurrency=args.concurrency, workers=args.workers,
        engine=args.engine, ray_address=args.ray_address, block_size=args.block_size,
        max_rpm=args.max_rpm, max_tokens_total=args.max_tokens_total,
        progress=not args.quiet,
    )


_COUNT_FLAGS = ("--limit", "--concurrency", "--workers", "--block-size", "--max-tokens-total")
# batch flags that --explain (one posting, printed) has no use for
_BATCH_ONLY = ("--output", "--format", "--resume", "--include-text", "--review", "--errors",
               "--summary-json", "--include", "--exclude", "--limit", "--concurrency",
               "--workers", "--engine", "--ray-address", "--block-size", "--max-rpm",
               "--max-tokens-total")


def _check_explain(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Raises ConfigError when --explain comes with several inputs or a batch flag."""
    if len(args.inputs) != 1:
        raise ConfigError(f"--explain shows one posting: name one file, not "
                          f"{len(args.inputs)} inputs")
    for flag in _BATCH_ONLY:
        if getattr(args, _dest(flag)) != parser.get_default(_dest(flag)):
            raise ConfigError(f"--explain prints one posting; {flag} is for batch runs: "
                              "leave it out")


def _check_counts(args: argparse.Namespace) -> None:
    """Raises ConfigError naming the first count flag below 1."""
    for flag in _COUNT_FLAGS:
        value = getattr(args, _dest(flag))
        if value is not None and value < 1:
            raise ConfigError(f"{flag} {value}: use a whole number of at least 1")


def _flag_message(exc: ConfigError, args: argparse.Namespace) -> str:
    """A settings error in the words of the flag the user typed, when one was."""
    flag = SETTING_FLAGS.get(exc.context.get("setting", ""))
    reason = exc.context.get("reason")
    value = getattr(args, _dest(flag), None) if flag else None
    if flag is None or reason is None or value is None or value is False:
        return exc.message  # from the environment, or not one setting: its own words
    if flag in _SECRET_FLAGS:
        return f"{flag}: {reason}"
    return f"{flag} {value}: {reason.removeprefix(f'got {value!r}; ')}"


def _check_endpoint(args: argparse.Namespace, settings: Settings) -> str | None:
    """Raises ConfigError for --base-url without its backend or model; returns a warning
    when OPENAI_BASE_URL (not the flag) leaves the model to the default."""
    if args.base_url and settings.backend != OPENAI:
        raise ConfigError("--base-url is for the openai backend: add --backend openai "
                          "(or set EXTRACTOR_BACKEND=openai)")
    remote = settings.backend == OPENAI and settings.resolved_strategy() != "rules"
    if not remote or settings.model or not settings.base_url:
        return None
    if args.base_url:
        raise ConfigError("--base-url needs --model: name the model the endpoint serves "
                          f"(--model NAME or EXTRACTOR_MODEL); {DEFAULT_OPENAI_MODEL} is "
                          "the default only for OpenAI itself")
    return (f"OPENAI_BASE_URL is set and no model is named: asking it for "
            f"{DEFAULT_OPENAI_MODEL}; name the model it serves with --model or EXTRACTOR_MODEL")


def _warnings(args: argparse.Namespace, settings: Settings) -> list[str]:
    """What to say before the run about flags that work but are a poor choice."""
    found = [_check_endpoint(args, settings),
             WORSE_STRATEGY.get((settings.backend, settings.resolved_strategy()))]
    return [warning for warning in found if warning]


# --- running -------------------------------------------------------------------------

def _interrupt(signum: int, frame: Any) -> NoReturn:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the run like Ctrl-C (main thread only; restored afterwards)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _say(message: str) -> None:
    print(f"extract: {message}", file=sys.stderr)


def _nothing_to_read(args: argparse.Namespace, batch: BatchRun) -> str | None:
    """Why the inputs hold no posting to read (checked before the run), or None."""
    survey = batch.survey()
    if survey.inputs or args.include or args.exclude:
        return None  # globs may pick JSON rows: the run itself tells (see _report)
    found = survey.skipped_note() or "the folders hold no files"
    return f"nothing to read in {' '.join(args.inputs)}: {found}"


def _report(args: argparse.Namespace, batch: Any) -> None:
    summary = batch.summary
    if summary.duplicates_dropped:
        _say(f"{args.output} held {summary.duplicates_dropped} later copies of lines already "
             "in it (written twice by an older version); dropped them, kept the first of each")
    if not args.quiet:
        print(summary.render(), file=sys.stderr)
    if args.summary_json:
        try:
            summary.write_json(args.summary_json)
        except OSError as exc:
            _say(f"cannot write --summary-json {args.summary_json}: {exc}")
    where = f"the {batch.output_lines} lines in {args.output}" if args.output else "lines written"
    if summary.stopped == "interrupted":
        _say(f"interrupted; {where} are complete. Rerun the same command with --resume "
             "to finish.")
    elif summary.stopped == "token_budget":
        _say(f"--max-tokens-total reached; {where} are complete. Rerun the same command "
             "with --resume to finish.")
    elif summary.inputs == 0:
        _say("no input passes --include/--exclude: check the globs (they match the source "
             "path relative to the input folder)")


def _exit_code(summary: Any) -> int:
    if summary.stopped == "interrupted":
        return EXIT_INTERRUPTED
    if summary.stopped or summary.inputs == 0:
        return EXIT_ABORTED
    return EXIT_OK if summary.failed + summary.previous_failed == 0 else EXIT_SOME_FAILED


def _prepare(args: argparse.Namespace,
             parser: argparse.ArgumentParser) -> tuple[Settings, BatchRun | None]:
    """Settings and the batch (None with --explain), checked; prints the warnings.

    Raises:
        ConfigError: naming the flag and the fix.
    """
    from extractor.batch.run import BatchOptions, BatchRun  # lazy: --help skips the pipeline

    if args.explain:
        _check_explain(args, parser)
    _check_counts(args)
    try:
        settings = resolve_settings(**_setting_values(args))
    except ConfigError as exc:
        raise ConfigError(_flag_message(exc, args)) from None
    for warning in _warnings(args, settings):
        _say(f"warning: {warning}")
    if args.explain:
        return settings, None
    return settings, BatchRun(args.inputs, settings, BatchOptions(**_option_values(args)))


def _run(args: argparse.Namespace, batch: BatchRun) -> int:
    problem = _nothing_to_read(args, batch)
    if problem:
        _say(problem)
        return EXIT_ABORTED
    note = batch.survey().skipped_note()
    if note and not args.quiet:
        _say(note)
    try:
        with _sigterm_as_interrupt():
            batch.run()
    except (ConfigError, OSError) as exc:
        _say(str(exc))
        return EXIT_ABORTED
    except KeyboardInterrupt:
        pass  # the summary says so; the lines written are complete
    _report(args, batch)
    return _exit_code(batch.summary)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings, batch = _prepare(args, parser)
        if batch is None:
            from extractor.explain import explain  # lazy: rich, only here

            return explain(args.inputs[0], settings, text_field=args.text_field)
    except (ConfigError, ValueError) as exc:
        _say(str(exc))
        return EXIT_ABORTED
    return _run(args, batch)


if __name__ == "__main__":
    sys.exit(main())
