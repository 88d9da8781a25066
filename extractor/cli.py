"""``extract``: a thin command line over the library.

Parse arguments, build settings and batch options, run ``extractor.batch.run.BatchRun``,
print a summary on stderr. ``-o FILE`` is written afresh; with ``--resume`` a rerun
keeps the lines FILE already holds and does only the inputs it lacks.

Exit codes:
    0    every input has a record (in this run and in the resumed output)
    1    some inputs failed: each has an error line
    2    aborted: bad usage or settings, or --max-tokens-total reached (rerun with --resume)
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
from typing import Any, NoReturn

from extractor.backends import BACKEND_NAMES
from extractor.errors import ConfigError

EXIT_OK, EXIT_SOME_FAILED, EXIT_ABORTED, EXIT_INTERRUPTED = 0, 1, 2, 130


def _add_model_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", choices=BACKEND_NAMES,
                        help="model backend (default: embedded, or EXTRACTOR_BACKEND)")
    parser.add_argument("--model", help="model id (openai) or GGUF path (embedded)")
    parser.add_argument("--adapter", metavar="PATH.gguf",
                        help="a fine-tuned LoRA for the embedded model (extract-finetune "
                        "writes one); with it, auto asks the draft question (default: "
                        "EXTRACTOR_ADAPTER)")
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint, or several "
                        "comma-separated (least busy first; a failing one sits out a while; "
                        "default: OPENAI_BASE_URL)")
    parser.add_argument("--strategy", choices=["auto", "guided", "full", "rules", "draft"],
                        help="what the model is asked: guided (choose among candidates), "
                        "full (draft the record), rules (no model), draft (a few fields, "
                        "for a fine-tuned adapter); auto picks per backend and adapter")
    parser.add_argument("--reference-date", metavar="YYYY-MM-DD",
                        help="date that relative dates are resolved against (default: the "
                        "date a posting states, in a JSON field such as scraped_at or a "
                        "FILE.meta.json sidecar; else today)")
    parser.add_argument("--reference-date-from-mtime", action="store_true",
                        help="without a stated date, count relative dates from each file's "
                        "modification day (copying files changes it)")
    parser.add_argument("--cache-dir", help="cache directory (default: user cache dir)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument("--grounding", choices=["drop", "warn"],
                        help="unsupported model values: drop them (default) or keep with a warning")
    parser.add_argument("--max-tokens", type=int, help="generation limit per model call")
    parser.add_argument("--timeout", type=float, help="seconds per HTTP request (openai)")
    parser.add_argument("--retries", type=int,
                        help="transport retries after the first try (openai; default 4)")
    parser.add_argument("--retry-max-wait", type=float,
                        help="cap in seconds on one backoff sleep, Retry-After included")


def _add_batch_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output",
                        help="output file (default: stdout); written afresh unless --resume")
    parser.add_argument("--resume", action="store_true",
                        help="keep the lines the output file holds; do only the missing inputs")
    parser.add_argument("--overwrite", action="store_true",
                        help="start the output file afresh (the default; wins over --resume)")
    parser.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl",
                        help="jsonl (the full line), csv (main fields + error columns) or "
                        "parquet (csv columns + the full line; needs -o and pyarrow)")
    parser.add_argument("--errors", metavar="FILE", help="also write error lines (JSONL) here")
    parser.add_argument("--summary-json", metavar="FILE", help="write the run summary as JSON")
    parser.add_argument("--text-field", help="JSON/JSONL key holding the posting text")
    parser.add_argument("--limit", type=int, help="only the first N inputs")
    parser.add_argument("--include", action="append", default=[], metavar="GLOB",
                        help="only sources matching GLOB (repeatable; * crosses folders)")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="skip sources matching GLOB (repeatable)")
    parser.add_argument("--concurrency", type=int, default=1,
                        help="model requests in flight (openai backend; default 1)")
    parser.add_argument("--workers", type=int,
                        help="worker processes, each loading the model once (embedded; "
                        "default 1); with --engine ray: actors (default: one per CPU)")
    parser.add_argument("--engine", choices=["local", "ray"], default="local",
                        help="local (this machine, the default) or ray (Ray actors, on "
                        "this machine or a cluster; needs extractor[ray])")
    parser.add_argument("--ray-address", metavar="ADDR",
                        help="Ray cluster to join ('auto', or ray://HOST:10001); default: "
                        "start a local Ray instance")
    parser.add_argument("--block-size", type=int,
                        help="inputs per Ray actor call (default 16; 1 with the embedded "
                        "model, where each input takes about a second)")
    parser.add_argument("--max-rpm", type=float, help="at most N model requests per minute")
    parser.add_argument("--max-tokens-total", type=int,
                        help="stop starting inputs once N tokens are spent (exit 2; resumable)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extract",
        description="Turn job postings (.txt .md .html .json .jsonl, files or folders) "
        "into validated JobPosting records, one line per input.",
        epilog="exit codes: 0 all ok, 1 some inputs failed, 2 aborted (usage, settings, "
        "token budget), 130 interrupted",
    )
    parser.add_argument("inputs", nargs="+", help="files or folders ('-' reads stdin)")
    _add_model_flags(parser)
    _add_batch_flags(parser)
    return parser


def _setting_values(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the flags give, as keyword arguments of resolve_settings."""
    return dict(
        backend=args.backend,
        model=args.model,
        adapter=args.adapter,
        base_url=args.base_url,
        strategy=args.strategy,
        reference_date=args.reference_date,
        reference_from_mtime=args.reference_date_from_mtime or None,
        cache_dir=args.cache_dir,
        use_cache=False if args.no_cache else None,
        grounding=args.grounding,
        max_tokens=args.max_tokens,
        timeout=args.timeout,
        transport_retries=args.retries,
        retry_max_wait=args.retry_max_wait,
    )


def _option_values(args: argparse.Namespace) -> dict[str, Any]:
    """The BatchOptions the flags ask for, as keyword arguments."""
    return dict(
        output=args.output, format=args.format, errors=args.errors,
        summary_json=args.summary_json,
        overwrite=args.overwrite or not args.resume,
        text_field=args.text_field, limit=args.limit, include=tuple(args.include),
        exclude=tuple(args.exclude), concurrency=args.concurrency, workers=args.workers,
        engine=args.engine, ray_address=args.ray_address, block_size=args.block_size,
        max_rpm=args.max_rpm, max_tokens_total=args.max_tokens_total,
        progress=not args.quiet,
    )


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


def _report(args: argparse.Namespace, batch: Any) -> None:
    summary = batch.summary
    if summary.duplicates_dropped:
        print(f"extract: {args.output} held {summary.duplicates_dropped} later copies of "
              "lines already in it (written twice by an older version); dropped them, "
              "kept the first of each", file=sys.stderr)
    if not args.quiet:
        print(summary.render(), file=sys.stderr)
    if args.summary_json:
        try:
            summary.write_json(args.summary_json)
        except OSError as exc:
            print(f"extract: cannot write --summary-json {args.summary_json}: {exc}",
                  file=sys.stderr)
    where = f"the {batch.output_lines} lines in {args.output}" if args.output else "lines written"
    if summary.stopped == "interrupted":
        print(f"extract: interrupted; {where} are complete. Rerun the same command "
              "with --resume to finish.", file=sys.stderr)
    elif summary.stopped == "token_budget":
        print(f"extract: --max-tokens-total reached; {where} are complete. Rerun the same "
              "command with --resume to finish.", file=sys.stderr)


def _exit_code(summary: Any) -> int:
    if summary.stopped == "interrupted":
        return EXIT_INTERRUPTED
    if summary.stopped:
        return EXIT_ABORTED
    return EXIT_OK if summary.failed + summary.previous_failed == 0 else EXIT_SOME_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from extractor.batch.run import BatchOptions, BatchRun  # lazy: --help skips the pipeline
    from extractor.settings import resolve_settings  # lazy: as the batch wing

    try:
        settings = resolve_settings(**_setting_values(args))
        batch = BatchRun(args.inputs, settings, BatchOptions(**_option_values(args)))
    except (ConfigError, ValueError) as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return EXIT_ABORTED
    try:
        with _sigterm_as_interrupt():
            batch.run()
    except (ConfigError, OSError) as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return EXIT_ABORTED
    except KeyboardInterrupt:
        pass  # the summary says so; the lines written are complete
    _report(args, batch)
    return _exit_code(batch.summary)


if __name__ == "__main__":
    sys.exit(main())
