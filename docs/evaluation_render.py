"""docs/evaluation.md as a pure function of the committed result files (no I/O, no matplotlib).

``render_markdown(inputs)`` takes ``{"eval": <eval summary or None>, "bench": {name:
<bench JSON or None>}}`` and returns the page. Every number on it comes from those
dicts; a missing file or key gives "not measured yet" or "-", never a typed figure.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from typing import Any

BUILD = "python docs/build_evaluation.py"
SUMMARY_PATH = "docs/results/eval-summary.json"
# name -> (path, the command that writes it when the JSON does not record one)
BENCH_FILES: dict[str, tuple[str, str]] = {
    "results": ("bench/results.json", "python -m bench.run_all"),
    "batch_scaling": ("bench/batch_scaling.json", "python -m bench.batch_scaling"),
    "reliability": ("bench/reliability.json", "python -m bench.reliability"),
    "ray_engine": ("bench/ray_engine.json", "python -m bench.ray_engine"),
    "loso": ("docs/results/loso.json", "python -m evals.loso --train"),
    "draft_speed": ("bench/draft_speed.json",
                    "python -m bench.draft_speed --adapter extractor/adapters/<shipped>.gguf "
                    "--json bench/draft_speed.json"),
    "jump_forward": ("bench/jump_forward.json",
                     "python -m bench.jump_forward --json bench/jump_forward.json"),
}
THROUGHPUT_TARGET = 30.0  # postings/min, cold, the embedded default on 2 cores
ADAPTER_OVERHEAD_TARGET = 0.10  # the adapter's extra time on the same tokens
# Plots the page links (and build_evaluation.py draws) when their data is there.
PLOTS = {
    "f1": "img/f1_per_field.png",
    "latency": "img/latency.png",
    "tokens": "img/tokens_cleaning.png",
    "concurrency": "img/throughput_vs_concurrency.png",
}
# The issue 15 target per posting language, for languages with enough labelled postings.
LANGUAGE_MIN_POSTINGS = 8
LANGUAGE_TARGET = ">= 0.80"
UNLABELLED = "unlabelled"  # the language of a document whose label names none


# -- small formatting helpers -------------------------------------------------------------

def dig(data: Any, *keys: str | int, default: Any = None) -> Any:
    """``data[k1][k2]...``, or ``default`` as soon as a level is missing."""
    for key in keys:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return default
    return default if data is None else data


def num(value: Any, digits: int = 1) -> str:
    """A figure as text: '-' for missing, yes/no for booleans, thousands separators."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def f3(value: float | None) -> str:
    return num(value, 3)


def pct(ratio: float | None) -> str:
    return "-" if ratio is None else f"{100 * ratio:+.1f}%"


def _cell(value: Any) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def meets(value: float | None, target: str | None) -> str:
    """'yes'/'**no**' for a target stored as text such as '<= 0.10' or '>= 2000'."""
    match = re.fullmatch(r"\s*([<>]=?)\s*([\d.,]+)\s*\S*", target or "")
    if value is None or not match:
        return "-"
    op, bound = match.group(1), float(match.group(2).replace(",", ""))
    ok = {"<": value < bound, "<=": value <= bound, ">": value > bound,
          ">=": value >= bound}[op]
    return "yes" if ok else "**no**"


def not_measured(name: str) -> str:
    path, command = BENCH_FILES[name]
    return f"Not measured yet: run `{command}` (writes `{path}`)."


def command_for(name: str, data: dict[str, Any] | None) -> str:
    return str(dig(data, "command") or BENCH_FILES[name][1])


def provenance(name: str, data: dict[str, Any], command: str) -> list[str]:
    """Where a bench section's figures come from, how to reproduce them, and the machine."""
    return [f"From `{BENCH_FILES[name][0]}`. Reproduce: `{command}`.", "",
            f"Machine: {machine_text(data.get('machine'))}.", ""]


def machine_text(m: dict[str, Any] | None) -> str:
    if not m:
        return "machine not recorded"
    if isinstance(m, str):
        return m
    git = m.get("git") or {}
    commit = git.get("commit") or "?"
    parts = [f"measured {m.get('when') or '?'}",
             f"commit {commit}{' (uncommitted changes)' if git.get('dirty') else ''}",
             f"{m.get('cpu') or '?'}, {num(m.get('cores'))} cores "
             f"({num(m.get('cores_usable'))} usable), {num(m.get('ram_gib'))} GiB RAM",
             f"{m.get('os') or '?'}, Python {m.get('python') or '?'}"]
    load = [f"{label} {m[key]}" for label, key in (("before", "loadavg_before"),
                                                    ("at the end", "loadavg_1_5_15"))
            if m.get(key)]
    if load:
        parts.append("load avg " + ", ".join(load))
    return "; ".join(parts)


# -- accuracy -------------------------------------------------------------------------------

def headline_fields(summary: dict[str, Any], system: dict[str, Any]) -> list[str]:
    known = dig(system, "all_fields", "fields", default={})
    names = summary.get("headline_fields") or list(known)
    return [n for n in names if n in known]


def macro(fields: dict[str, Any], names: Sequence[str]) -> dict[str, float | None]:
    """Unweighted mean over the named fields of each defined precision, recall and F1."""
    out: dict[str, float | None] = {}
    for key in ("precision", "recall", "f1"):
        values = [fields[n][key] for n in names if dig(fields, n, key) is not None]
        out[key] = statistics.fmean(values) if values else None
    return out


def _score_rows(summary: dict[str, Any]) -> list[list[str]]:
    rows = []
    for s in summary.get("systems", []):
        names = headline_fields(summary, s)
        scopes = [(name, block) for name, block in dig(s, "by_set", default={}).items()]
        if len(scopes) != 1:
            scopes.append(("all", s))
        for scope, block in scopes:
            micro = dig(block, "headline", "micro", default={})
            mac = macro(dig(block, "all_fields", "fields", default={}), names)
            rows.append([s.get("label", "?"), scope, num(block.get("documents")),
                         num(block.get("errors")), f3(micro.get("f1")),
                         f3(micro.get("precision")), f3(micro.get("recall")),
                         f3(mac["f1"]), f3(mac["precision"]), f3(mac["recall"])])
    return rows


def _systems_table(summary: dict[str, Any]) -> str:
    rows = []
    for s in summary.get("systems", []):
        cost = s.get("cost_usd")
        rows.append([s.get("label", "?"), s.get("system", "-"), s.get("backend") or "-",
                     f"`{s['model']}`" if s.get("model") else "-", s.get("strategy") or "-",
                     s.get("prompt") or "-", num(dig(s, "latency_s", "median"), 3),
                     num(dig(s, "latency_s", "p90"), 3),
                     f"{num(dig(s, 'tokens', 'prompt'))} / {num(dig(s, 'tokens', 'completion'))}",
                     "-" if cost is None else f"{cost:.4f}"])
    return table(["system", "kind", "backend", "model", "strategy", "prompt",
                  "latency median s", "latency p90 s", "tokens in / out", "cost $"], rows)


def _field_table(summary: dict[str, Any], system: dict[str, Any]) -> str:
    fields = dig(system, "all_fields", "fields", default={})
    headline = set(headline_fields(summary, system))
    sets = list(dig(system, "by_set", default={}))
    rows = []
    for name, m in fields.items():
        per_set = [f3(dig(system, "by_set", s, "all_fields", "fields", name, "f1"))
                   for s in sets]
        rows.append([f"**{name}**" if name in headline else name, f3(m.get("f1")),
                     f3(m.get("precision")), f3(m.get("recall")),
                     f"{num(m.get('tp'), 0)} / {num(m.get('fp'), 0)} / {num(m.get('fn'), 0)}",
                     *per_set])
    return table(["field", "F1", "precision", "recall", "tp / fp / fn",
                  *(f"F1 {s}" for s in sets)], rows)


def _language_counts(systems: list[dict[str, Any]]) -> dict[str, int]:
    """Labelled postings per language, most first (the first system's count wins)."""
    counts: dict[str, int] = {}
    for s in systems:
        for lang, block in s["by_language"].items():
            counts.setdefault(lang, int(block.get("documents") or 0))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _language_cell(block: dict[str, Any] | None, postings: int) -> str:
    """'F1 (P / R)', with the system's own posting count when it differs from the row's."""
    if not block:
        return "-"
    micro = dig(block, "headline", "micro", default={})
    cell = f"{f3(micro.get('f1'))} ({f3(micro.get('precision'))} / {f3(micro.get('recall'))})"
    own = block.get("documents")
    return cell if own == postings else f"{cell} on {num(own)}"


def _below_target(systems: list[dict[str, Any]], lang: str, postings: int) -> str:
    """The systems under the language target, for a language with enough postings."""
    if postings < LANGUAGE_MIN_POSTINGS or lang == UNLABELLED:
        return "-"
    below = [str(s.get("label", "?")) for s in systems
             if meets(dig(s, "by_language", lang, "headline", "micro", "f1"),
                      LANGUAGE_TARGET) != "yes"]
    return ", ".join(below) or "none"


def _language_table(systems: list[dict[str, Any]]) -> str:
    rows = []
    for lang, postings in _language_counts(systems).items():
        marked = f"**{lang}**" if postings >= LANGUAGE_MIN_POSTINGS and lang != UNLABELLED \
            else lang
        rows.append([marked, num(postings),
                     *(_language_cell(dig(s, "by_language", lang), postings) for s in systems),
                     _below_target(systems, lang, postings)])
    return table(["language", "postings",
                  *(f"{s.get('label', '?')} micro F1 (P / R)" for s in systems),
                  f"below {LANGUAGE_TARGET}"], rows)


def language_section(summary: dict[str, Any]) -> list[str]:
    """Micro scores per posting language; nothing for a summary without per-language data."""
    systems = [s for s in summary.get("systems", []) if s.get("by_language")]
    if not systems:
        return []
    missing = [str(s.get("label", "?")) for s in summary.get("systems", [])
               if not s.get("by_language")]
    out = ["### Per language", "",
           "Headline micro scores by posting language (the label's `language`), over all "
           f"fixture sets. Languages in bold have at least {LANGUAGE_MIN_POSTINGS} labelled "
           f"postings; the target is micro F1 {LANGUAGE_TARGET} on each of them.", "",
           _language_table(systems), ""]
    if missing:
        out += [f"No per-language figures for {', '.join(missing)}: scores carried over "
                "from a run that did not store them; rerun to add them.", ""]
    return out


def _carried_lines(summary: dict[str, Any]) -> list[str]:
    """Where a system that was not rerun comes from (its own run's code and sets)."""
    lines = []
    for s in summary.get("systems", []):
        origin = s.get("carried_from")
        if origin:
            lines += [f"**{s.get('label', '?')}** was not rerun: its scores are from the run "
                      f"of {origin.get('created', '?')} at code {origin.get('code_version', '?')} "
                      f"(`{origin.get('evals_command', '?')}`), over "
                      f"{', '.join(origin.get('fixture_sets') or [])} only.", ""]
    return lines


def accuracy_section(summary: dict[str, Any] | None) -> list[str]:
    out = ["## Accuracy", ""]
    if not summary:
        return [*out, f"Not measured yet: run `{BUILD}` (writes `{SUMMARY_PATH}`).", ""]
    command = summary.get("evals_command")
    how = (f"Reproduce: `{BUILD}`, which runs `{command}`." if command else
           f"Imported from an existing eval report ({summary.get('source', '?')}); "
           f"`{BUILD}` reruns the evals.")
    first = (summary.get("systems") or [{}])[0]
    n_head = len(headline_fields(summary, first))
    out += [how, "", *_carried_lines(summary),
            f"Scored field by field against hand-labelled postings (fixture sets: "
            f"{', '.join(summary.get('fixture_sets', []))}; scoring rules in "
            "`evals/score.py`). **micro** pools the true/false positive and false negative "
            f"counts of the {n_head} headline fields (bold below); **macro** is the unweighted "
            "mean of their per-field precision, recall and F1.", "",
            table(["system", "set", "documents", "errors", "micro F1", "micro P", "micro R",
                   "macro F1", "macro P", "macro R"], _score_rows(summary)), "",
            *_system_notes(summary),
            _systems_table(summary), "",
            f"![F1 per headline field and system]({PLOTS['f1']})", "",
            *language_section(summary)]
    for system in summary.get("systems", []):
        out += [f"### Per field: {system.get('label', '?')}", "",
                _field_table(summary, system), ""]
    out += ["### Latency per posting", "",
            "Wall time of each extraction in the eval run above (a cached result reports "
            "its first, uncached run).", "",
            f"![Latency per posting]({PLOTS['latency']})", ""]
    return out


SYSTEM_NOTES = {
    "pipeline": "the default; page data, the parsers and the fine-tuned model's draft "
                "merged field by field and grounded",
    "rules": "the same pipeline asking no model",
    "model": "the fine-tuned model's answer alone, grounded and validated, with no page "
             "data and no parsers; it drafts title, company, locations, workplace type, "
             "employment types, seniority and posting date, so every other field scores "
             "no recall",
    "guided": "the bare base model (no adapter) choosing the title and company among the "
              "page's candidates",
    "naive": "one prompt asking the bare base model for the whole record (evals/naive.py)",
}


def _system_notes(summary: dict[str, Any]) -> list[str]:
    labels = [s.get("label") for s in summary.get("systems", [])]
    notes = [f"**{label}**: {SYSTEM_NOTES[label]}" for label in labels if label in SYSTEM_NOTES]
    return ["; ".join(notes) + ".", ""] if notes else []


# -- speed ----------------------------------------------------------------------------------

def _cold_rows(s: dict[str, Any], cfg: dict[str, Any]) -> list[list[str]]:
    p = s.get("pipeline") or {}
    rows = [
        [f"Cold throughput, {cfg.get('strategy', '-')} ({num(s.get('postings'))} postings, "
         f"{cfg.get('set', '-')}; {num(s.get('model_calls'))} model calls)",
         f"{num(p.get('postings_per_minute'))} postings/min "
         f"({num(p.get('postings_per_minute_incl_model_load'))} incl. "
         f"{num(p.get('model_load_s'), 3)} s model load)", f">= {THROUGHPUT_TARGET:g}",
         meets(p.get("postings_per_minute"), f">= {THROUGHPUT_TARGET}")],
        ["Latency per posting, median / p90",
         f"{num(dig(p, 'latency_s', 'median'), 3)} s / {num(dig(p, 'latency_s', 'p90'), 3)} s",
         "", ""],
        ["Tokens per posting, prompt / completion",
         f"{num(p.get('prompt_tokens_per_posting'))} / "
         f"{num(p.get('completion_tokens_per_posting'))}", "", ""],
    ]
    nv = s.get("naive")
    if nv:
        rows += [[f"Naive baseline, evals/naive.py ({num(nv.get('postings'))} postings)",
                  f"{num(nv.get('postings_per_minute'))} postings/min", "", ""],
                 ["Ours vs naive on the same postings",
                  f"{num(s.get('speedup_vs_naive'), 2)}x", s.get("speedup_target") or "",
                  meets(s.get("speedup_vs_naive"), s.get("speedup_target"))]]
    return rows


def _overhead_rows(s: dict[str, Any]) -> list[list[str]]:
    m, st, target = s.get("model_only") or {}, s.get("steady_state") or {}, s.get(
        "overhead_target")
    return [
        ["Model-only bound: bare llama.cpp calls, same prompts, grammars and output lengths",
         f"{num(m.get('calls_s'), 3)} s = {num(m.get('postings_per_minute'))} postings/min",
         "", ""],
        ["Overhead (pipeline - model-only) / model-only", pct(s.get("overhead_ratio")),
         target or "", meets(s.get("overhead_ratio"), target)],
        ["Same, against the model calls timed inside the pipeline run",
         pct(s.get("overhead_ratio_in_run")), target or "",
         meets(s.get("overhead_ratio_in_run"), target)],
        [f"Overhead after the first {num(st.get('postings_left_out'))} postings (they paid "
         f"{num(st.get('once_per_process_s'), 3)} s of once-per-process costs): vs bound / "
         "in-run", f"{pct(st.get('overhead_ratio'))} / {pct(st.get('overhead_ratio_in_run'))}",
         "", ""],
    ]


def _warm_rows(w: dict[str, Any]) -> list[list[str]]:
    api, cli, hs = w.get("api") or {}, w.get("cli") or {}, w.get("help_start") or {}
    rows = [
        [f"Warm cache, Python API `extract_documents` ({num(api.get('documents'))} documents)",
         f"{num(api.get('warm_records_per_s_median'))} records/s",
         api.get("target_records_per_s") or "",
         meets(api.get("warm_records_per_s_median"), api.get("target_records_per_s"))],
        [f"Warm cache, CLI `extract DIR -o out.jsonl` ({num(cli.get('files'))} files, "
         "whole command)", f"{num(cli.get('warm_records_per_s_median'))} records/s",
         cli.get("target_records_per_s") or "",
         meets(cli.get("warm_records_per_s_median"), cli.get("target_records_per_s"))],
        ["Cold CLI run, rules only, same files",
         f"{num(cli.get('cold_rules_records_per_s'))} records/s", "", ""],
        [f"`extract --help` start, median of {num(len(hs.get('runs_s') or []))}",
         f"{num(hs.get('median_s'), 3)} s", hs.get("target_s") or "",
         meets(hs.get("median_s"), hs.get("target_s"))],
    ]
    flag = dig(w, "model_check", "model_not_loaded_when_cached")
    if flag is not None:
        rows.append(["A fully cached run imports no `llama_cpp` (API and CLI)", num(flag),
                     "yes", "yes" if flag else "**no**"])
    return rows


def _bench_command(data: dict[str, Any]) -> str:
    emb, warm = dig(data, "embedded", "config", default={}), dig(data, "warm", "config",
                                                                   default={})
    args = [f"--set {emb['set']}" if "set" in emb else "", f"--n {emb['n']}" if "n" in emb
            else "", f"--naive-n {emb['naive_n']}" if "naive_n" in emb else "",
            f"--files {warm['files']}" if "files" in warm else "",
            f"--rounds {warm['rounds']}" if "rounds" in warm else ""]
    return " ".join(["python -m bench.run_all", *(a for a in args if a)])


def _tokens_rows(data: dict[str, Any]) -> list[list[str]]:
    rows = []
    scopes = [(f"{dig(data, 'embedded', 'config', 'set', default='?')} fixture set",
               dig(data, "embedded", "summary", "tokens_cleaning")),
              ("../shared/corpus", data.get("corpus_tokens"))]
    for label, t in scopes:
        if not t:
            continue
        b, a = t.get("before_cleaning") or {}, t.get("after_cleaning") or {}
        rows.append([label, num(t.get("postings")), num(b.get("median"), 0), num(b.get("p90"), 0),
                     num(a.get("median"), 0), num(a.get("p90"), 0),
                     num(dig(t, "clean_ms", "median")), num(dig(t, "clean_ms", "p90"))])
    return rows


def adapter_cost_section(data: dict[str, Any] | None) -> list[str]:
    """What the fine-tuned adapter costs: the same prompt and answer tokens fed through
    llama.cpp over the bare model and with the adapter (bench/draft_speed.py)."""
    out = ["### What the adapter costs", ""]
    same = dig(data, "same_tokens")
    if not same:
        return [*out, not_measured("draft_speed"), ""]
    overhead = same.get("adapter_overhead")
    return [*out, *provenance("draft_speed", data, command_for("draft_speed", data)),
            table(["measure", "result", "target", "met"], [
                [f"Same tokens, bare base model ({num(same.get('calls'))} draft calls, "
                 f"{num(same.get('tokens'))} tokens)", f"{num(same.get('bare_s'), 2)} s", "", ""],
                ["Same tokens, with the adapter", f"{num(same.get('adapter_s'), 2)} s", "", ""],
                ["Adapter overhead", pct(overhead), f"<= {ADAPTER_OVERHEAD_TARGET:.2f}",
                 meets(overhead, f"<= {ADAPTER_OVERHEAD_TARGET}")]]), ""]


def jump_forward_section(data: dict[str, Any] | None) -> list[str]:
    """The draft answer's forced keys fed without the output layer, against plain
    generation, per set: speed and identical answers (bench/jump_forward.py)."""
    out = ["### Jump-forward decoding", ""]
    sets = dig(data, "sets")
    if not sets:
        return [*out, not_measured("jump_forward"), ""]
    rows = [[row.get("set", "?"), num(row.get("postings")),
             f"{num(row.get('plain_sec_per_posting'), 3)} s / "
             f"{num(row.get('jump_sec_per_posting'), 3)} s",
             f"{num(row.get('speedup'), 2)}x",
             f"{num(row.get('answers_identical'))} of {num(row.get('answers_compared'))}",
             f"{num(row.get('records_identical'))} of {num(row.get('postings'))}"]
            for row in sets]
    return [*out, *provenance("jump_forward", data, command_for("jump_forward", data)),
            "The JSON keys the draft schema forces are fed to the model without computing "
            "its output layer for them (`extractor/backends/drafting.py`). Each posting ran "
            "both ways in one process, in alternating order, with no prompt reused; "
            "\"same answer tokens\" counts the postings whose every model answer has the "
            "same token ids both ways.", "",
            table(["set", "postings", "seconds per posting, plain / jump-forward", "speed-up",
                   "same answer tokens", "same records"], rows), ""]


def speed_section(data: dict[str, Any] | None, scaling: dict[str, Any] | None,
                  adapter: dict[str, Any] | None = None,
                  jump: dict[str, Any] | None = None) -> list[str]:
    out = ["## Speed", ""]
    if not data:
        out += [not_measured("results"), ""]
    else:
        s = dig(data, "embedded", "summary", default={})
        cfg = dig(data, "embedded", "config", default={})
        head = ["measure", "result", "target", "met"]
        out += provenance("results", data, _bench_command(data))
        out += ["### Cold run, embedded default model", ""]
        out += [table(head, _cold_rows(s, cfg)) if s else not_measured("results"), ""]
        out += ["### Overhead against the model-only bound", ""]
        out += [table(head, _overhead_rows(s)) if s.get("model_only") else
                not_measured("results"), ""]
        out += adapter_cost_section(adapter)
        out += jump_forward_section(jump)
        out += ["### Warm cache", ""]
        warm = dig(data, "warm", "summary")
        out += [table(head, _warm_rows(warm)) if warm else not_measured("results"), ""]
        out += ["### Tokens before and after cleaning", "",
                "Per posting, counted with the embedded model's tokenizer.", ""]
        rows = _tokens_rows(data)
        out += [table(["postings", "n", "before median", "before p90", "after median",
                       "after p90", "clean ms median", "clean ms p90"], rows), "",
                f"![Tokens before and after cleaning]({PLOTS['tokens']})", ""] if rows else [
                    not_measured("results"), ""]
    return out + scaling_section(scaling)


def scaling_command(data: dict[str, Any]) -> str:
    if data.get("command"):
        return str(data["command"])
    levels = " ".join(str(r.get("concurrency")) for r in data.get("throughput") or [])
    files = " ".join(str(r.get("files")) for r in data.get("memory") or [])
    parts = ["python -m bench.batch_scaling", f"--delay {data['delay_s']}"
             if "delay_s" in data else "", f"--n {data['n']}" if "n" in data else "",
             f"--concurrency {levels}" if levels else "", f"--files {files}" if files else ""]
    return " ".join(p for p in parts if p)


def scaling_section(data: dict[str, Any] | None) -> list[str]:
    out = ["### Throughput against concurrency, memory against folder size", ""]
    if not data:
        return [*out, not_measured("batch_scaling"), ""]
    out += [*provenance("batch_scaling", data, scaling_command(data)),
            f"The openai backend against a local server that answers every request after "
            f"D = {num(data.get('delay_s'), 2)} s, {num(data.get('n'))} postings per run. The "
            "steady-state rate is taken between runs of n/2 and n postings, so process "
            "start-up cancels out; the ideal is C/D.", ""]
    rows = [[num(r.get("concurrency")), num(r.get("postings_per_s")),
             num(r.get("steady_per_s")), num(r.get("ideal_per_s")), num(r.get("ratio"), 2)]
            for r in data.get("throughput") or []]
    if rows:
        out += [table(["concurrency C", "whole command, postings/s", "steady state, postings/s",
                       "C/D", "steady / (C/D)"], rows), "",
                f"![Throughput against concurrency]({PLOTS['concurrency']})", ""]
    mem = [[num(r.get("files")), num(r.get("peak_rss_mib"), 0), num(r.get("per_s"), 0),
            num(r.get("wall_s"))] for r in data.get("memory") or []]
    if mem:
        out += ["Peak memory of `extract DIR --strategy rules --no-cache` over folders of tiny "
                "postings:", "",
                table(["files", "peak RSS MiB", "postings/s", "wall s"], mem), ""]
    return out


# -- reliability and Ray --------------------------------------------------------------------

def _loso_row(e: dict[str, Any], least: float) -> list[str]:
    start = [e.get("source", "?"), num(e.get("postings")), num(e.get("training_rows")),
             e.get("adapter", "?")]
    rules = _micro(e.get("rules"))
    if e.get("status") != "done":
        return [*start, f"pending: step {num(e.get('step'))} of {num(e.get('of'))}", rules,
                "", ""]
    return [*start, _micro(e.get("pipeline")), rules, f"{e.get('delta_f1', 0):+.3f}",
            meets(e.get("delta_f1"), f">= {least}")]


def _micro(scores: dict[str, Any] | None) -> str:
    if not scores:
        return ""
    return (f"{f3(scores.get('f1'))} ({f3(scores.get('precision'))} / "
            f"{f3(scores.get('recall'))})")


def loso_section(data: dict[str, Any] | None) -> list[str]:
    """Leave-one-source-out: the default pipeline on sources its adapter never saw."""
    out = ["### Leave one source out", ""]
    if not data:
        return [*out, not_measured("loso"), ""]
    summary = data.get("summary") or {}
    mean = dig(data, "targets", "mean_delta_f1", default=0.08)
    least = dig(data, "targets", "min_delta_f1", default=0.03)
    out += [*provenance("loso", data, command_for("loso", data)),
            f"Recipe `{data.get('recipe', '?')}` at step {num(data.get('step'))}. Each labelled "
            "corpus source is scored with an adapter that never saw it: a source with no rows "
            "in `../shared/training` with the shipped adapter, any other with the same recipe "
            "retrained without that source's rows. Headline micro F1 (precision / recall); "
            f"targets: pipeline beats rules-only by >= {mean} on average and by >= {least} on "
            "every source.", "",
            table(["source", "postings", "training rows", "adapter", "pipeline",
                   "rules-only", "delta F1", f"delta >= {least}"],
                  [_loso_row(e, least) for e in data.get("sources") or []]), "",
            f"{num(summary.get('sources_done'))} sources done, "
            f"{num(summary.get('sources_pending'))} pending; mean delta "
            f"{_signed(summary.get('mean_delta_f1'))} (target >= {mean}), least "
            f"{_signed(summary.get('min_delta_f1'))} (target >= {least}).", "",
            *_loso_ceiling(data.get("sources") or [], least),
            *_loso_mean_ceiling(data.get("sources") or [], mean)]
    return out


def _loso_mean_ceiling(entries: list[dict[str, Any]], mean: float) -> list[str]:
    """The mean delta a perfect pipeline would reach over the sources with rules-only
    scores, done or pending (each rules-only F1's distance to 1), when that is below the
    mean target."""
    gaps = [1 - f1 for _, f1 in _rules_f1(entries)]
    if not gaps or sum(gaps) / len(gaps) >= mean:
        return []
    which = (f"these {len(gaps)} sources" if len(gaps) == len(entries)
             else f"the {len(gaps)} sources with rules-only scores")
    pending = ", whatever the pending runs score" if len(gaps) == len(entries) else ""
    return [f"Over {which}, a perfect record on every posting would beat rules-only by "
            f"{_signed(sum(gaps) / len(gaps))} on average: the mean target (>= {mean}) is out "
            f"of reach on them{pending}.", ""]


def _rules_f1(entries: list[dict[str, Any]]) -> list[tuple[str, float]]:
    """(source, rules-only F1) of the sources with rules-only scores, done or pending."""
    return [(str(e.get("source", "?")), f1) for e in entries
            if (f1 := dig(e, "rules", "f1")) is not None]


def _loso_ceiling(entries: list[dict[str, Any]], least: float) -> list[str]:
    """The sources where rules-only leaves less headroom than the per-source target: no
    pipeline can beat it by ``least`` there (F1 stops at 1)."""
    capped = [(source, f1) for source, f1 in _rules_f1(entries) if 1 - f1 < least]
    if not capped:
        return []
    named = ", ".join(f"{source} (rules-only {f3(f1)})" for source, f1 in capped)
    return [f"Out of reach by construction: {named}; a perfect record on every posting "
            f"there would still beat rules-only by less than {least}.", ""]


def _signed(value: float | None) -> str:
    return "-" if value is None else f"{value:+.3f}"


def reliability_section(data: dict[str, Any] | None) -> list[str]:
    out = ["## Reliability", ""]
    if not data:
        return [*out, not_measured("reliability"), ""]
    scenarios = data.get("scenarios") or []
    once = sum(1 for s in scenarios if s.get("exactly_once"))
    out += [*provenance("reliability", data, command_for("reliability", data)),
            f"{once} of {len(scenarios)} scenarios left every input in the output exactly once.",
            ""]
    groups: dict[str, list[dict[str, Any]]] = {}
    for scenario in scenarios:
        groups.setdefault(str(scenario.get("group") or "other"), []).append(scenario)
    checked = [s for s in scenarios if "correct" in s]
    if checked:
        held = sum(1 for s in checked if s.get("correct"))
        out += [f"{held} of {len(checked)} hostile scenarios passed their own check (the "
                "right record, an untouched input, no planted code run, no key written).", ""]
    titles = {"fault": "Faults (server, network, process)", "bad_input": "Bad inputs",
              "hostile": "Hostile inputs (wrong data, doubled lines, planted code, leaks)"}
    for group, items in groups.items():
        out += [f"### {titles.get(group, group)}", "", _scenario_table(items), ""]
    return out


def _scenario_table(items: list[dict[str, Any]]) -> str:
    """One group's table; groups whose rows carry their own check get two more columns."""
    checked = any("correct" in s for s in items)
    header = ["scenario", "what happens", "inputs", "ok", "failed", "errors", "exactly once"]
    rows = []
    for s in items:
        row = [s.get("name", "?"), s.get("description", ""), num(s.get("inputs")),
               num(s.get("ok")), num(s.get("failed")),
               ", ".join(f"{k}: {v}" for k, v in (s.get("errors") or {}).items()) or "-",
               num(s.get("exactly_once"))]
        rows.append(row + ([s.get("check", ""), num(s.get("correct"))] if checked else []))
    return table(header + (["check", "held"] if checked else []), rows)


def ray_section(data: dict[str, Any] | None) -> list[str]:
    out = ["## Ray engine", ""]
    if not data:
        return [*out, not_measured("ray_engine"), ""]
    rows = data.get("rows") or []
    out += [*provenance("ray_engine", data, command_for("ray_engine", data)),
            "Each configuration is a whole `extract` command (a Ray run starts its own local "
            "Ray) over n/2 and n postings; the difference gives the steady rate and the CPU "
            "time per posting (machine-wide, Ray's own processes included). Start-up is the "
            "whole command over one posting.", ""]
    if rows:
        out += [table(["workload", "configuration", "postings", "whole command, postings/s",
                       "steady, postings/s", "CPU ms per posting", "start-up s"],
                      [[r.get("workload", "?"), r.get("config", "?"), num(r.get("postings")),
                        num(r.get("per_s")), num(r.get("steady_per_s")),
                        num(r.get("cpu_ms_per_posting"), 2), num(r.get("startup_s"))]
                       for r in rows]), ""]
    extra = data.get("ray_overhead_per_posting") or {}
    if extra:
        out += [f"What Ray adds (one actor against one process, no model): "
                f"{num(extra.get('cpu_ms'), 2)} ms of CPU and {num(extra.get('wall_ms'), 2)} ms "
                f"of wall time per posting, and {num(extra.get('startup_s'))} s of start-up. "
                "With one actor the driver loads and writes on the other core while the actor "
                "works, which is why the wall figure can be below the CPU one.", ""]
    out += sizing(data)
    return out


def _row(data: dict[str, Any], workload: str, engine: str) -> dict[str, Any]:
    rows = [r for r in data.get("rows") or []
            if r.get("workload") == workload and r.get("engine") == engine]
    return rows[-1] if rows else {}


def sizing(data: dict[str, Any]) -> list[str]:
    """Postings per hour per worker and per server, measured; GPU servers as a formula."""
    embedded, server = _row(data, "embedded", "ray"), _row(data, "server", "ray")
    delay = data.get("delay_s")
    rows = []
    if embedded.get("steady_per_s"):
        rows.append(["one embedded worker (one thread, guided strategy)", "measured",
                     num(3600 * embedded["steady_per_s"] / 2, 0)])
    if server.get("steady_per_s"):
        rows.append([f"one local server answering in {num(delay, 2)} s, 8 requests in flight",
                     "measured", num(3600 * server["steady_per_s"], 0)])
    if server.get("cpu_ms_per_posting"):
        rows.append(["one CPU core of client work with a remote model (cleaning, parsers, "
                     "HTTP, validation; the local test server's own CPU included, so a "
                     "lower bound)", "measured", num(3600_000 / server["cpu_ms_per_posting"], 0)])
    if not rows:
        return []
    rows.append(["one GPU server (vLLM or llama.cpp) answering in L s with S requests in "
                 "flight", "**extrapolated, not measured**", "3600 x S / L"])
    return ["### Sizing", "",
            table(["unit", "how known", "postings per hour"], rows), "",
            "A cluster's rate is the smaller of its servers' sum and its client cores' sum; "
            "size the Ray workers (`--workers` x `--concurrency`) so the servers stay busy: "
            "S requests in flight per server.", ""]


# -- limitations and the page ---------------------------------------------------------------

def _accuracy_limits(summary: dict[str, Any] | None) -> list[str]:
    if not summary:
        return []
    out = []
    counts = {name: dig(summary["systems"][0], "by_set", name, "documents")
              for name in summary.get("fixture_sets", [])} if summary.get("systems") else {}
    if counts:
        out.append("Accuracy rests on " + ", ".join(f"{num(n)} {name}" for name, n in
                                                    counts.items()) + " labelled documents.")
    out += _same_scores(summary)
    for s in summary.get("systems", []):
        fields = dig(s, "all_fields", "fields", default={})
        names = [n for n in headline_fields(summary, s) if dig(fields, n, "f1") is not None]
        weakest = sorted(names, key=lambda n: fields[n]["f1"])[:3]
        micro = dig(s, "headline", "micro", default={})
        line = f"**{s.get('label', '?')}**: weakest headline fields " + ", ".join(
            f"{n} (F1 {f3(fields[n]['f1'])})" for n in weakest)
        if (micro.get("recall") or 0) < (micro.get("precision") or 0):
            line += (f"; recall {f3(micro.get('recall'))} is below precision "
                     f"{f3(micro.get('precision'))}: most errors are values left out, "
                     "not wrong values")
        if s.get("errors"):
            kinds = ", ".join(f"{k}: {v}" for k, v in (s.get("error_types") or {}).items())
            line += f"; {num(s['errors'])} of {num(s.get('documents'))} documents failed ({kinds})"
        out.append(line + ".")
    return out


def _same_scores(summary: dict[str, Any]) -> list[str]:
    """A line for each pair of systems whose headline fields all score the same."""
    def scores(system: dict[str, Any]) -> dict[str, Any]:
        fields = dig(system, "all_fields", "fields", default={})
        return {n: dig(fields, n, "f1") for n in headline_fields(summary, system)}

    systems = summary.get("systems", [])
    return [f"**{a.get('label')}** and **{b.get('label')}** score the same on every headline "
            f"field (micro F1 {f3(dig(a, 'headline', 'micro', 'f1'))}): on these documents "
            f"what sets them apart changed no headline value."
            for i, a in enumerate(systems) for b in systems[i + 1:]
            if scores(a) and scores(a) == scores(b)]


def _speed_limits(data: dict[str, Any] | None, scaling: dict[str, Any] | None) -> list[str]:
    out = []
    m = dig(data, "machine")
    if m:
        out.append(f"Timings come from one {num(m.get('cores'))}-core machine "
                   f"({m.get('cpu') or '?'}) that may have been shared (load average "
                   f"before {m.get('loadavg_before') or '-'}); other load slows model calls "
                   "several-fold.")
    s = dig(data, "embedded", "summary", default={})
    for label, key in (("overhead vs the model-only bound", "overhead_ratio"),
                       ("overhead vs in-run model calls", "overhead_ratio_in_run")):
        if meets(s.get(key), s.get("overhead_target")) == "**no**":
            out.append(f"The {label} ({pct(s[key])}) misses its target "
                       f"({s['overhead_target']}).")
    rows = dig(scaling, "throughput", default=[])
    rated = [r for r in rows if r.get("ratio") is not None]
    if rated:
        worst = min(rated, key=lambda r: r["ratio"])
        out.append(f"Concurrency does not scale perfectly: at C = {num(worst.get('concurrency'))} "
                   f"the steady rate is {num(worst['ratio'], 2)} of C/D.")
    return out


FIXED_LIMITS = [
    "The labels are ours: the synthetic postings were written for this project and the "
    "corpus labels were made by the same people, so the figures measure agreement with "
    "our reading of each posting.",
    "The embedded default model is small (270M parameters): its fine-tuned draft covers "
    "seven fields and the merge takes it only where measurements say it beats the parsers "
    "(extractor/merge.py, DRAFT_FIRST and DRAFT_UNUSED, chosen by bench/draft_order.py), "
    "so the deterministic parsers still do most of the work.",
    "Free-text list fields (responsibilities, requirements, benefits) are matched by word "
    "overlap, which is lenient; they are not headline fields.",
]


def _reliability_limits(data: dict[str, Any] | None) -> list[str]:
    scenarios = dig(data, "scenarios", default=[])
    broken = [str(s.get("name", "?")) for s in scenarios if s.get("exactly_once") is False]
    wrong = [str(s.get("name", "?")) for s in scenarios if s.get("correct") is False]
    lines = []
    if broken:
        lines.append(f"Not every input ended up in the output exactly once in {len(broken)} "
                     f"reliability scenario(s): {', '.join(broken)}.")
    if wrong:
        lines.append(f"{len(wrong)} hostile scenario(s) failed their own check: "
                     f"{', '.join(wrong)}.")
    return lines


def limitations_section(inputs: dict[str, Any]) -> list[str]:
    bench = inputs.get("bench") or {}
    lines = [*_accuracy_limits(inputs.get("eval")),
             *_speed_limits(bench.get("results"), bench.get("batch_scaling")),
             *_reliability_limits(bench.get("reliability")), *FIXED_LIMITS]
    return ["## Limitations", "", *(f"* {line}" for line in lines), ""]


def header(inputs: dict[str, Any]) -> list[str]:
    summary = inputs.get("eval")
    bench = inputs.get("bench") or {}
    files = [f"`{SUMMARY_PATH}`" + ("" if summary else " (missing)")] + [
        f"`{path}`" + ("" if bench.get(name) else " (missing)")
        for name, (path, _) in BENCH_FILES.items()]
    out = ["# Evaluation", "",
           "<!-- Generated file: do not edit. Regenerate with "
           f"`{BUILD}`; `{BUILD} --check` fails when it drifts. -->", "",
           f"Generated by `{BUILD}` from " + ", ".join(files) + ". "
           f"`{BUILD} --check` (run in CI) fails when this page and those files disagree, "
           "or when the rules-only scores on the synthetic set no longer match.", ""]
    if summary:
        out += [f"Eval report: created {summary.get('created', '?')}, code "
                f"{summary.get('code_version', '?')}, {summary.get('machine', '?')}.", ""]
    return out


def render_markdown(inputs: dict[str, Any]) -> str:
    """The whole page from ``{"eval": summary | None, "bench": {name: data | None}}``."""
    bench = inputs.get("bench") or {}
    lines = [*header(inputs), *accuracy_section(inputs.get("eval")),
             *loso_section(bench.get("loso")),
             *speed_section(bench.get("results"), bench.get("batch_scaling"),
                            bench.get("draft_speed"), bench.get("jump_forward")),
             *reliability_section(bench.get("reliability")), *ray_section(bench.get("ray_engine")),
             *limitations_section(inputs)]
    return "\n".join(lines).rstrip("\n") + "\n"


README_START = "<!-- headline:start (generated by python docs/build_evaluation.py) -->"
README_END = "<!-- headline:end -->"


def readme_headline(inputs: dict[str, Any]) -> str:
    """The README's headline block: accuracy and speed per system, all fixture sets."""
    summary = inputs.get("eval")
    if not summary:
        return f"Not measured yet: run `{BUILD}`."
    rows = []
    for s in summary.get("systems", []):
        micro = dig(s, "headline", "micro", default={})
        rows.append([f"**{s.get('label', '?')}**", s.get("strategy") or "-",
                     num(s.get("documents")), num(s.get("errors")), f3(micro.get("f1")),
                     f3(micro.get("precision")), f3(micro.get("recall")),
                     num(dig(s, "latency_s", "median"), 3), num(dig(s, "latency_s", "p90"), 3)])
    sets = ", ".join(summary.get("fixture_sets", []))
    return "\n".join([
        f"Headline fields, micro-averaged, on the {sets} fixture sets; embedded default "
        f"model, {summary.get('machine', '?')}; from `{SUMMARY_PATH}` (code "
        f"{summary.get('code_version', '?')}):", "",
        table(["system", "strategy", "documents", "errors", "F1", "precision", "recall",
               "latency median s", "latency p90 s"], rows), "",
        "Per field, per set, speed, reliability, the Ray engine and limitations: "
        "[docs/evaluation.md](docs/evaluation.md). How it works and why: "
        "[docs/design.md](docs/design.md)."])


def with_readme_headline(readme: str, inputs: dict[str, Any]) -> str:
    """``readme`` with the text between the headline markers replaced by a fresh render."""
    head, start, rest = readme.partition(README_START)
    _, end, tail = rest.partition(README_END)
    if not start or not end:
        raise ValueError(f"README.md lacks the markers {README_START!r} ... {README_END!r}")
    return f"{head}{README_START}\n{readme_headline(inputs)}\n{README_END}{tail}"


def linked_images(inputs: dict[str, Any]) -> list[str]:
    """The plot paths (relative to docs/) that ``render_markdown`` links for these inputs."""
    return [path for path in PLOTS.values() if f"]({path})" in render_markdown(inputs)]
