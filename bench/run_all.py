"""Run every benchmark with sensible defaults; write bench/results.json; print a Markdown table.

    python -m bench.run_all [--n 16] [--naive-n 3] [--set synthetic] [--files 2000]
                            [--rounds 3] [--adapter PATH|none] [--skip-embedded]
                            [--skip-warm] [--out PATH]

* bench/embedded_throughput.py: cold embedded throughput of the embedded default (the
  shipped adapter when present, draft; ``--adapter none``: the bare model, guided), the
  model-only bound (bare llama-cpp-python calls with the recorded prompts, chat formats,
  grammars and adapter) and the overhead
  ratio, the naive baseline and the speedup over it, tokens before/after cleaning;
* bench/warm_cache.py: warm-cache records/s through the API and the CLI, ``extract
  --help`` start time, and whether a fully cached run loads the model;
* tokens before/after cleaning over ../shared/corpus too, when it is there
  (bench/clean_stats.py's corpus walk, the model's tokenizer).

Timings depend on the machine and on what else runs on it: the JSON records the CPU,
cores, RAM, versions and the load average before and after.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from bench import embedded_throughput, warm_cache
from bench.common import BENCH, machine, machine_line, write_json


def corpus_tokens() -> dict[str, Any] | None:
    """Tokens before/after cleaning over every posting file in ../shared/corpus."""
    from bench.clean_stats import DEFAULT_CORPUS, corpus_files
    from extractor.backends.embedded import resolve_model_path

    if not DEFAULT_CORPUS.is_dir():
        return None
    return embedded_throughput.token_stats(corpus_files(DEFAULT_CORPUS),
                                           str(resolve_model_path(None)))


def _ok(value: float | None, good: bool) -> str:
    if value is None:
        return "n/a"
    return "yes" if good else "**no**"


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:+.1f}%"


def markdown(results: dict[str, Any]) -> str:
    rows: list[tuple[str, str, str, str]] = []
    emb = results.get("embedded")
    if emb:
        s, cfg = emb["summary"], emb["config"]
        p = s["pipeline"]
        rows += [
            (f"Cold embedded throughput, {cfg.get('strategy')}, adapter "
             f"{embedded_throughput.adapter_label(cfg.get('adapter'))} ({cfg['n']} postings, "
             f"{cfg['set']}; {s['model_calls']} model calls)",
             f"{p['postings_per_minute']} postings/min ({p['postings_per_minute_incl_model_load']}"
             f" incl. {p['model_load_s']} s model load)", "", ""),
            ("Latency per posting, median / p90",
             f"{p['latency_s']['median']} s / {p['latency_s']['p90']} s", "", ""),
            ("Tokens per posting, prompt / completion",
             f"{p['prompt_tokens_per_posting']} / {p['completion_tokens_per_posting']}", "", ""),
        ]
        if "model_only" in s:
            m = s["model_only"]
            ratio = s["overhead_ratio"]
            rows += [
                ("Model-only bound (bare `create_chat_completion`, same Llama class, adapter, "
                 "chat formats, prompts, grammars, output lengths; fresh model; same prompt "
                 f"tokens: {m.get('prompt_tokens_same_as_pipeline', 'not recorded')})",
                 f"{m['calls_s']} s = {m['postings_per_minute']} postings/min", "", ""),
                ("Pipeline overhead vs model-only: (pipeline - model) / model",
                 _pct(ratio), "<= 10%", _ok(ratio, ratio is not None and ratio <= 0.10)),
            ]
        if "overhead_ratio_in_run" in s:
            r = s["overhead_ratio_in_run"]
            st = s["steady_state"]
            r2 = st.get("overhead_ratio")
            rows += [
                ("Same, against the bare calls timed inside the pipeline run",
                 _pct(r), "<= 10%", _ok(r, r is not None and r <= 0.10)),
                (f"Overhead after the first {st['postings_left_out']} posting(s) (they paid "
                 f"{st['once_per_process_s']} s once-per-process costs): vs bound / in-run",
                 f"{_pct(r2)} / {_pct(st['overhead_ratio_in_run'])}", "", ""),
            ]
        if "naive" in s:
            nv = s["naive"]
            sp = s["speedup_vs_naive"]
            grammar = "" if not nv["as_is_crash"] else " (maxLength stripped: as-is crashes)"
            rows += [
                (f"Naive baseline, evals/naive.py ({nv['postings']} postings){grammar}",
                 f"{nv['postings_per_minute']} postings/min, {nv['prompt_tokens_per_posting']} /"
                 f" {nv['completion_tokens_per_posting']} tokens per posting", "", ""),
                ("Ours vs naive on the same postings", f"{sp}x", ">= 2x",
                 _ok(sp, sp is not None and sp >= 2)),
            ]
        t = s.get("tokens_cleaning")
        if t:
            rows.append((f"Tokens per posting before / after cleaning, median ({cfg['set']})",
                         f"{t['before_cleaning']['median']:.0f} / "
                         f"{t['after_cleaning']['median']:.0f} (guided prompt slice "
                         f"{t['guided_text_slice']['median']:.0f})", "", ""))
    ct = results.get("corpus_tokens")
    if ct:
        rows.append((f"Tokens per posting before / after cleaning, median (../shared/corpus, "
                     f"{ct['postings']} postings)",
                     f"{ct['before_cleaning']['median']:.0f} / {ct['after_cleaning']['median']:.0f}"
                     f" (p90 {ct['before_cleaning']['p90']:.0f} / "
                     f"{ct['after_cleaning']['p90']:.0f})", "", ""))
    warm = results.get("warm")
    if warm:
        s = warm["summary"]
        api, cli, hs, mc = s["api"], s["cli"], s["help_start"], s["model_check"]
        a, c, h = api["warm_records_per_s_median"], cli["warm_records_per_s_median"], \
            hs["median_s"]
        rows += [
            (f"Warm cache, Python API `extract_documents` ({api['documents']} docs)",
             f"{a} records/s", ">= 2,000/s", _ok(a, a is not None and a >= 2000)),
            (f"Warm cache, CLI `extract DIR -o out.jsonl` ({cli['files']} files, whole command)",
             f"{c} records/s", ">= 500/s", _ok(c, c is not None and c >= 500)),
            ("`extract --help` cold start, median of 5", f"{h} s", "< 1 s",
             _ok(h, h is not None and h < 1)),
        ]
        if mc:
            flag = mc["model_not_loaded_when_cached"]
            rows.append(("Fully cached embedded run imports no `llama_cpp` (API and CLI)",
                         "yes" if flag else "no", "yes", _ok(1, flag)))
    out = ["| Measure | Result | Target | Met |", "|---|---|---|---|"]
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    out.append("")
    out.append(f"{machine_line(results['machine'])}; load avg before "
               f"{results['machine'].get('loadavg_before')}.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="synthetic", choices=["synthetic", "corpus", "all"])
    parser.add_argument("--n", type=int, default=embedded_throughput.DEFAULT_N)
    parser.add_argument("--naive-n", type=int, default=embedded_throughput.DEFAULT_NAIVE_N)
    parser.add_argument("--threads", type=int)
    parser.add_argument("--adapter", metavar="PATH|none",
                        help="embedded: a GGUF LoRA, or none (default: the shipped adapter)")
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model-check-n", type=int, default=2)
    parser.add_argument("--skip-embedded", action="store_true")
    parser.add_argument("--skip-warm", action="store_true")
    parser.add_argument("--out", default=str(BENCH / "results.json"))
    args = parser.parse_args(argv)
    if not args.skip_embedded:
        embedded_throughput.check_adapter(args.adapter)

    started = time.perf_counter()
    info = machine()
    results: dict[str, Any] = {"machine": info}
    if not args.skip_warm:  # first: it is short, and needs no model for its main figures
        results["warm"] = warm_cache.run(args.files, args.rounds, args.model_check_n)
        print(warm_cache.report(results["warm"]["summary"], results["warm"]["machine"]),
              flush=True)
    if not args.skip_embedded:
        results["embedded"] = embedded_throughput.run(args.set, args.n or None, args.naive_n,
                                                      args.threads, adapter=args.adapter)
        print(embedded_throughput.report(results["embedded"]["summary"],
                                         results["embedded"]["machine"]), flush=True)
    results["corpus_tokens"] = corpus_tokens()
    end = machine()
    results["machine"] = {**end, "loadavg_before": info["loadavg_1_5_15"]}
    results["total_s"] = round(time.perf_counter() - started, 1)
    table = markdown(results)
    results["markdown"] = table
    print()
    print(table)
    print(f"\nwrote {write_json(args.out, results)} ({results['total_s']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
