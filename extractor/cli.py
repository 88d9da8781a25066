"""``extract``: a thin command line over the library.

Parse arguments, build settings, stream inputs through ``extract_documents``,
write JSONL, print a summary on stderr. Exit codes: 0 all inputs ok, 1 some
inputs failed (each has an error line), 2 the run could not start (bad usage or
settings).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

EXIT_OK, EXIT_SOME_FAILED, EXIT_ABORTED = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extract",
        description="Turn job postings (.txt .md .html .json .jsonl, files or folders) "
        "into validated JobPosting records, one JSONL line per input.",
    )
    parser.add_argument("inputs", nargs="+", help="files or folders ('-' reads stdin)")
    parser.add_argument("-o", "--output", help="JSONL output file (default: stdout)")
    parser.add_argument("--backend", choices=["embedded", "openai"],
                        help="model backend (default: embedded, or EXTRACTOR_BACKEND)")
    parser.add_argument("--model", help="model id (openai) or GGUF path (embedded)")
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (default: OPENAI_BASE_URL)")
    parser.add_argument("--strategy", choices=["auto", "guided", "full", "rules"],
                        help="what the model is asked: guided (choose among candidates), "
                        "full (draft the record), rules (no model); auto picks per backend")
    parser.add_argument("--reference-date", metavar="YYYY-MM-DD",
                        help="date that relative dates are resolved against (default: today)")
    parser.add_argument("--cache-dir", help="cache directory (default: user cache dir)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument("--text-field", help="JSON/JSONL key holding the posting text")
    parser.add_argument("--grounding", choices=["drop", "warn"],
                        help="unsupported model values: drop them (default) or keep with a warning")
    parser.add_argument("--max-tokens", type=int, help="generation limit per model call")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    return parser


def _settings(args: argparse.Namespace) -> Any:
    from extractor.settings import resolve_settings

    return resolve_settings(
        backend=args.backend,
        model=args.model,
        base_url=args.base_url,
        strategy=args.strategy,
        reference_date=args.reference_date,
        cache_dir=args.cache_dir,
        use_cache=False if args.no_cache else None,
        grounding=args.grounding,
        max_tokens=args.max_tokens,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from extractor.errors import ConfigError

    try:
        settings = _settings(args)
    except (ConfigError, ValueError) as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return EXIT_ABORTED
    from extractor.run import run_to_jsonl

    try:
        summary = run_to_jsonl(args.inputs, settings, output=args.output,
                               text_field=args.text_field, progress=not args.quiet)
    except ConfigError as exc:
        print(f"extract: {exc}", file=sys.stderr)
        return EXIT_ABORTED
    except KeyboardInterrupt:
        print("extract: interrupted; lines written so far are complete", file=sys.stderr)
        return EXIT_ABORTED
    if not args.quiet:
        print(summary.render(), file=sys.stderr)
    return EXIT_OK if summary.failed == 0 else EXIT_SOME_FAILED


if __name__ == "__main__":
    sys.exit(main())
