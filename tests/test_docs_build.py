"""docs/build_evaluation.py: the page is a function of its result files, and the check bites."""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _load(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, DOCS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


render = _load("evaluation_render")
build = _load("build_evaluation")


def metrics(tp, fp, fn, p, r, f1):
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f1}


def system(label, title_f1, salary_f1, micro_f1, errors=0):
    fields = {"title": metrics(9.0, 1.0, 2.0, 0.9, 0.818, title_f1),
              "salary": metrics(5.0, 2.0, 3.0, 0.714, 0.625, salary_f1),
              "skills": metrics(0.0, 0.0, 4.0, None, 0.0, 0.0)}
    block = {"documents": 12, "errors": errors,
             "headline": {"micro": metrics(14.0, 3.0, 5.0, 0.8235, 0.7368, micro_f1)},
             "all_fields": {"fields": fields, "micro": metrics(14.0, 3.0, 9.0, 0.8, 0.6, 0.7)}}
    return {"label": label, "system": "pipeline", "backend": "embedded", "model": "tiny.gguf",
            "strategy": "guided", "prompt": "guided@abc", **block,
            "error_types": {"invalid_output": errors} if errors else {},
            "latency_s": {"median": 0.0421, "p90": 1.2345}, "cost_usd": None,
            "tokens": {"prompt": 4321, "completion": 87}, "latencies_s": [0.01, 0.2, 3.0],
            "by_set": {"synthetic": copy.deepcopy(block)}}


def inputs(**bench):
    summary = {"source": "docs/results/eval.json", "evals_command": "python -m evals --set x",
               "created": "2026-01-02T03:04:05+00:00", "code_version": "9.9.9+cafe",
               "machine": "x86_64 2 cores", "fixture_sets": ["synthetic"],
               "headline_fields": ["title", "salary"],
               "systems": [system("pipeline", 0.8571, 0.6543, 0.7777),
                           system("naive", 0.1234, 0.0, 0.1111, errors=3)]}
    return {"eval": summary, "bench": {name: bench.get(name) for name in render.BENCH_FILES}}


RESULTS = {
    "machine": {"cpu": "Test CPU", "cores": 3, "git": {"commit": "abc1234", "dirty": False}},
    "embedded": {"config": {"set": "synthetic", "n": 7, "naive_n": 2, "strategy": "guided"},
                 "summary": {"postings": 7, "model_calls": 3,
                             "pipeline": {"postings_per_minute": 41.7,
                                          "latency_s": {"median": 0.077, "p90": 2.5}},
                             "model_only": {"calls_s": 9.876, "postings_per_minute": 44.4},
                             "overhead_ratio": 0.0612, "overhead_target": "<= 0.10",
                             "overhead_ratio_in_run": 0.1342,
                             "tokens_cleaning": {"postings": 7,
                                                 "before_cleaning": {"median": 777, "p90": 999},
                                                 "after_cleaning": {"median": 333, "p90": 444}}}},
    "warm": {"config": {"files": 50}, "summary": {"api": {"documents": 50,
                                                          "warm_records_per_s_median": 6543.2,
                                                          "target_records_per_s": ">= 2000"}}},
}
SCALING = {"delay_s": 0.5, "n": 32, "throughput": [
    {"concurrency": 2, "postings_per_s": 3.3, "steady_per_s": 3.9, "ideal_per_s": 4.0,
     "ratio": 0.975},
    {"concurrency": 8, "postings_per_s": 11.1, "steady_per_s": 13.7, "ideal_per_s": 16.0,
     "ratio": 0.856}],
    "memory": [{"files": 1234, "wall_s": 2.0, "peak_rss_mib": 41.6, "per_s": 617.0}]}
RELIABILITY = {"machine": {}, "scenarios": [
    {"group": "fault", "name": "stall_always", "description": "stalls | always", "inputs": 3,
     "ok": 1, "failed": 2, "errors": {"transport_error": 2}, "exactly_once": True},
    {"group": "bad_input", "name": "sigkill_then_resume", "inputs": 1000, "ok": 1000,
     "failed": 0, "errors": {}, "exactly_once": False}]}
RAY = {"machine": {}, "delay_s": 0.25, "command": "python -m bench.ray_engine --n 500",
       "rows": [{"config": "ray, 1 actor", "engine": "ray", "workload": "rules",
                 "postings": 500, "per_s": 40.5, "steady_per_s": 88.8,
                 "cpu_ms_per_posting": 3.21, "startup_s": 5.5},
                {"config": "ray, 2 actors", "engine": "ray", "workload": "embedded",
                 "postings": 16, "per_s": 0.4, "steady_per_s": 0.5,
                 "cpu_ms_per_posting": 4000.0, "startup_s": 9.0},
                {"config": "ray, 2 actors x concurrency 4", "engine": "ray",
                 "workload": "server", "postings": 240, "per_s": 20.0, "steady_per_s": 25.0,
                 "cpu_ms_per_posting": 8.0, "startup_s": 6.0}],
       "ray_overhead_per_posting": {"cpu_ms": 7.25, "wall_ms": -0.5, "startup_s": 4.4}}


DRAFT_SPEED = {"machine": {}, "command": "python -m bench.draft_speed --adapter a.gguf",
               "same_tokens": {"calls": 6, "tokens": 2345, "bare_s": 10.0, "adapter_s": 11.5,
                               "adapter_overhead": 0.15}}
JUMP = {"machine": {}, "command": "python -m bench.jump_forward --sets a",
        "sets": [{"set": "a", "postings": 12, "plain_sec_per_posting": 2.25,
                  "jump_sec_per_posting": 1.75, "speedup": 1.29, "answers_identical": 12,
                  "answers_compared": 12, "records_identical": 11, "records_differ": ["x"]}]}
LOSO = {"recipe": "draft-v9", "step": 350, "machine": {},
        "targets": {"mean_delta_f1": 0.08, "min_delta_f1": 0.03},
        "summary": {"sources_done": 1, "sources_pending": 1, "mean_delta_f1": 0.0456,
                    "min_delta_f1": 0.0456},
        "sources": [{"source": "feed_a", "postings": 9, "training_rows": 0, "status": "done",
                     "adapter": "not in the training data: the shipped adapter",
                     "pipeline": {"f1": 0.9123, "precision": 0.95, "recall": 0.877},
                     "rules": {"f1": 0.8667, "precision": 0.9, "recall": 0.835},
                     "delta_f1": 0.0456},
                    {"source": "board_b", "postings": 7, "training_rows": 500,
                     "adapter": "draft-v9 retrained without it", "status": "pending",
                     "step": 125, "of": 350}]}


def test_page_carries_the_leave_one_source_out_figures():
    page = render.render_markdown(inputs(loso=LOSO))
    for text in ("Recipe `draft-v9` at step 350", "| feed_a | 9 | 0 |",
                 "0.912 (0.950 / 0.877) | 0.867 (0.900 / 0.835) | +0.046 | yes |",
                 "| board_b | 7 | 500 | draft-v9 retrained without it | pending: step 125 of 350",
                 "1 sources done, 1 pending; mean delta +0.046 (target >= 0.08)"):
        assert text in page, text
    assert "Out of reach by construction" not in page  # rules-only 0.867 leaves room


def test_a_source_where_rules_only_leaves_no_room_for_the_target_is_named():
    perfect = {**LOSO["sources"][0], "source": "page_c", "rules": {"f1": 0.98},
               "pipeline": {"f1": 1.0}, "delta_f1": 0.02}
    page = render.render_markdown(inputs(loso={**LOSO, "sources": [perfect]}))
    assert ("Out of reach by construction: page_c (rules-only 0.980); a perfect record on "
            "every posting there would still beat rules-only by less than 0.03.") in page
    assert ("Over these 1 sources, a perfect record on every posting would beat "
            "rules-only by +0.020 on average: the mean target (>= 0.08) is out of reach "
            "on them, whatever the pending runs score.") in page


def test_a_pending_source_shows_its_rules_only_scores_and_counts_in_the_ceiling():
    pending = {**LOSO["sources"][1], "rules": {"f1": 0.98, "precision": 0.99,
                                               "recall": 0.97}}
    perfect = {**LOSO["sources"][0], "rules": {"f1": 0.99}, "pipeline": {"f1": 0.99},
               "delta_f1": 0.0}
    page = render.render_markdown(inputs(loso={**LOSO, "sources": [perfect, pending]}))
    assert "pending: step 125 of 350 | 0.980 (0.990 / 0.970) |" in page
    assert "Over these 2 sources, a perfect record on every posting would beat " \
           "rules-only by +0.015 on average" in page
    assert "feed_a (rules-only 0.990), board_b (rules-only 0.980)" in page
    assert "whatever the pending runs score" in page
    no_rules = {**LOSO["sources"][1]}  # an entry written before pending ones had rules
    page = render.render_markdown(inputs(loso={**LOSO, "sources": [perfect, no_rules]}))
    assert "Over the 1 sources with rules-only scores" in page
    assert "whatever the pending runs score" not in page


def test_no_mean_ceiling_is_claimed_where_rules_only_leaves_room():
    page = render.render_markdown(inputs(loso=LOSO))  # rules-only 0.867: room for +0.133
    assert "the mean target" not in page


def test_page_carries_the_accuracy_figures_of_its_input():
    page = render.render_markdown(inputs())
    for text in ("0.857", "0.654", "0.778", "0.123", "0.111", "9.9.9+cafe",
                 "2026-01-02T03:04:05+00:00", "python -m evals --set x", "4,321 / 87",
                 "0.042", "1.234", "](img/f1_per_field.png)", "](img/latency.png)"):
        assert text in page, text
    # macro F1 over the headline fields (title, salary): (0.8571 + 0.6543) / 2
    assert "0.756" in page
    assert "3 of 12 documents failed (invalid_output: 3)" in page


def test_page_carries_the_benchmark_figures_of_its_input():
    page = render.render_markdown(inputs(results=RESULTS, batch_scaling=SCALING,
                                         reliability=RELIABILITY, ray_engine=RAY,
                                         loso=LOSO, draft_speed=DRAFT_SPEED,
                                         jump_forward=JUMP))
    for text in ("41.7 postings/min",
                 "| a | 12 | 2.250 s / 1.750 s | 1.29x | 12 of 12 | 11 of 12 |",
                 "python -m bench.jump_forward --sets a",
                 "| Same tokens, bare base model (6 draft calls, 2,345 tokens) | 10.00 s |",
                 "| Adapter overhead | +15.0% | <= 0.10 | **no** |",
                 "9.876 s = 44.4 postings/min", "+6.1%", "+13.4%",
                 "6,543.2 records/s", "| 777 | 999 | 333 | 444 |", "| 8 | 11.1 | 13.7 | 16.0 |",
                 "| 1,234 | 42 | 617 | 2.0 |", "--delay 0.5 --n 32 --concurrency 2 8",
                 "python -m bench.run_all --set synthetic --n 7 --naive-n 2 --files 50",
                 "stalls \\| always", "transport_error: 2", "1 of 2 scenarios",
                 "| rules | ray, 1 actor | 500 | 40.5 | 88.8 | 3.21 | 5.5 |",
                 "7.25 ms of CPU and -0.50 ms", "4.4 s of start-up",
                 # sizing: 0.5/s over 2 actors = 900/h per worker; 25/s = 90,000/h;
                 # 3,600,000 / 8 ms = 450,000/h per core; GPUs a labelled formula
                 "| 900 |", "| 90,000 |", "| 450,000 |", "**extrapolated, not measured**",
                 "python -m bench.ray_engine --n 500", "sigkill_then_resume",
                 "](img/throughput_vs_concurrency.png)", "](img/tokens_cleaning.png)"):
        assert text in page, text
    assert "misses its target" in page  # the in-run overhead, 13.4% > 10%
    assert "not measured yet" not in page.lower()


@pytest.mark.parametrize("name", ["results", "batch_scaling", "reliability", "ray_engine",
                                  "loso", "draft_speed", "jump_forward"])
def test_a_missing_bench_file_says_not_measured_yet(name):
    present = {"results": RESULTS, "batch_scaling": SCALING, "reliability": RELIABILITY,
               "ray_engine": RAY, "loso": LOSO, "draft_speed": DRAFT_SPEED,
               "jump_forward": JUMP}
    present.pop(name)
    page = render.render_markdown(inputs(**present))
    path, command = render.BENCH_FILES[name]
    assert f"Not measured yet: run `{command}` (writes `{path}`)." in page
    assert f"`{path}` (missing)" in page


def test_missing_keys_render_as_dashes_not_errors():
    page = render.render_markdown(inputs(reliability={"scenarios": [{"name": "odd"}]},
                                         ray_engine={"rows": [{"engine": "ray"}]},
                                         batch_scaling={"throughput": [{"concurrency": 4}]},
                                         results={"embedded": {"summary": {}}}))
    assert "| odd |  | - | - | - | - | - |" in page
    assert "| ? | ? | - | - | - | - | - |" in page
    assert "### Sizing" not in page  # nothing to size from


def test_no_eval_results_points_at_the_command():
    page = render.render_markdown({"eval": None, "bench": {}})
    assert "Not measured yet: run `python docs/build_evaluation.py`" in page
    assert "](img/f1_per_field.png)" not in page


def test_summary_splits_a_report_by_fixture_set():
    doc = {"error": None, "latency_s": 0.5,
           "scores": {"title": [1.0, 0.0, 0.0], "salary": [0.0, 1.0, 1.0]}}
    report = {"created": "t", "code_version": "v", "machine": "m",
              "fixture_sets": ["synthetic", "corpus"],
              "systems": [{"label": "rules", "headline": {"micro": {"f1": 0.5}}}],
              "documents": {"rules": [{**doc, "id": "synthetic/a"},
                                      {**doc, "id": "corpus/b", "error": {"type": "x"}},
                                      {**doc, "id": "corpus/c"}]}}
    summary = build.summarise_report(report, None, "r.json")
    [rules] = summary["systems"]
    assert rules["by_set"]["synthetic"]["documents"] == 1
    assert rules["by_set"]["corpus"]["errors"] == 1
    assert rules["by_set"]["corpus"]["all_fields"]["fields"]["title"]["tp"] == 2.0
    assert rules["latencies_s"] == [0.5, 0.5, 0.5]
    assert rules["error_documents"] == [{"id": "corpus/b", "type": "x"}]
    assert build.stored_rules(summary) is rules["by_set"]["synthetic"]


def test_rules_comparison_flags_any_f1_change():
    stored = system("rules", 0.8571, 0.6543, 0.7777)
    assert build.compare_rules(stored, copy.deepcopy(stored)) == []
    moved = copy.deepcopy(stored)
    moved["all_fields"]["fields"]["salary"]["f1"] = 0.6544
    assert build.compare_rules(stored, moved) == [
        "rules-only synthetic salary F1: stored 0.6543, now 0.6544"]
    assert build.compare_rules(None, stored)


def test_check_page_shows_a_diff_when_the_page_drifted(tmp_path):
    page = tmp_path / "evaluation.md"
    page.write_text(render.render_markdown(inputs()).replace("0.857", "0.900"))
    [problem, *missing] = build.check_page(inputs(), page)
    assert "differs from a fresh render" in problem
    assert "-| pipeline | synthetic" in problem or "+| **title** | 0.857" in problem
    assert len(missing) == 2  # neither linked plot exists under tmp_path


def test_plots_are_drawn_and_reproducible(tmp_path):
    pytest.importorskip("matplotlib")
    data = inputs(results=RESULTS, batch_scaling=SCALING)
    first = build.write_plots(data, tmp_path / "a")
    second = build.write_plots(data, tmp_path / "b")
    assert sorted(p.relative_to(tmp_path / "a").as_posix() for p in first) == sorted(
        render.linked_images(data))
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert a.read_bytes() == b.read_bytes()


def test_plots_the_page_no_longer_links_are_removed(tmp_path):
    pytest.importorskip("matplotlib")
    stale = tmp_path / "img" / "throughput_vs_concurrency.png"
    stale.parent.mkdir()
    stale.write_bytes(b"old")
    build.write_plots(inputs(), tmp_path)
    assert not stale.exists()
    assert (tmp_path / "img" / "f1_per_field.png").is_file()


def test_systems_that_score_the_same_are_said_to():
    summary = inputs()["eval"]
    twin = copy.deepcopy(summary["systems"][0])
    twin["label"] = "twin"
    summary["systems"].append(twin)
    page = render.render_markdown({"eval": summary, "bench": {}})
    first = summary["systems"][0]["label"]
    assert f"**{first}** and **twin** score the same on every headline field" in page
    assert page.count("score the same on every headline field") == 1


def test_a_kept_system_is_copied_from_the_previous_summary_with_its_origin():
    previous = inputs()["eval"]
    fresh = {**copy.deepcopy(previous), "code_version": "1.0.0+beef",
             "systems": [system("pipeline", 0.9, 0.7, 0.8)]}
    merged = build.carry_systems(fresh, previous, frozenset({"naive"}))
    naive = [s for s in merged["systems"] if s["label"] == "naive"]
    assert [s["label"] for s in merged["systems"]] == ["pipeline", "naive"]
    assert naive[0]["carried_from"]["code_version"] == "9.9.9+cafe"
    page = render.render_markdown({"eval": merged, "bench": {}})
    assert "**naive** was not rerun" in page and "9.9.9+cafe" in page


def test_keeping_a_system_the_previous_summary_lacks_stops_the_build():
    with pytest.raises(SystemExit, match="no gpt"):
        build.carry_systems(inputs()["eval"], inputs()["eval"], frozenset({"gpt"}))


def _doc(doc_id, language, title, salary, error=None):
    """A fake report document: its label's language and (tp, fp, fn) for two fields."""
    return {"id": doc_id, "error": error, "latency_s": 0.1,
            "expected": {"language": language} if language else {},
            "scores": {"title": list(title), "salary": list(salary)}}


def _two_language_report():
    docs = [_doc("synthetic/a", "en", (1.0, 0.0, 0.0), (1.0, 0.0, 0.0)),
            _doc("corpus/b", "en", (1.0, 0.0, 0.0), (0.0, 1.0, 1.0)),
            _doc("multilingual/c", "de", (0.0, 0.0, 1.0), (1.0, 0.0, 0.0),
                 error={"type": "x"}),
            _doc("synthetic/d", None, (0.0, 1.0, 0.0), (0.0, 0.0, 0.0))]
    return {"created": "t", "code_version": "v", "machine": "m",
            "fixture_sets": ["synthetic", "multilingual", "corpus"],
            "systems": [{"label": "rules", "headline": {"micro": {"f1": 0.5}}}],
            "documents": {"rules": docs}}


def test_summary_scores_each_posting_language_over_all_sets():
    [rules] = build.summarise_report(_two_language_report(), None, "r.json")["systems"]
    by_language = rules["by_language"]
    assert list(by_language) == ["en", "de", render.UNLABELLED]  # most postings first
    en, de = by_language["en"], by_language["de"]
    # en: tp 3, fp 1, fn 1 over both sets -> P = R = F1 = 0.75
    assert (en["documents"], en["errors"]) == (2, 0)
    assert en["headline"]["micro"]["f1"] == pytest.approx(0.75)
    assert en["headline"]["micro"]["precision"] == pytest.approx(0.75)
    # de: tp 1, fp 0, fn 1 -> P 1.0, R 0.5, F1 2/3
    assert (de["documents"], de["errors"]) == (1, 1)
    assert de["headline"]["micro"]["recall"] == pytest.approx(0.5)
    assert de["headline"]["micro"]["f1"] == pytest.approx(2 / 3)
    assert by_language[render.UNLABELLED]["headline"]["micro"]["fp"] == 1.0


def _with_languages(summary, label, **languages):
    """``summary`` whose system ``label`` holds per-language blocks: lang=(postings, P, R, F1)."""
    for s in summary["systems"]:
        if s["label"] == label:
            s["by_language"] = {lang: {"documents": n, "errors": 0,
                                       "headline": {"micro": metrics(0, 0, 0, p, r, f1)}}
                                for lang, (n, p, r, f1) in languages.items()}
    return summary


def test_page_has_a_per_language_table_marking_languages_with_enough_postings():
    summary = _with_languages(inputs()["eval"], "pipeline", en=(20, 0.9, 0.8, 0.8471),
                              zh=(3, 0.5, 0.25, 0.3333))
    _with_languages(summary, "naive", en=(20, 0.3, 0.2, 0.24), zh=(3, 0.1, 0.1, 0.1))
    page = render.render_markdown({"eval": summary, "bench": {}})
    assert ("| language | postings | pipeline micro F1 (P / R) | naive micro F1 (P / R) "
            "| below >= 0.80 |") in page
    assert "| **en** | 20 | 0.847 (0.900 / 0.800) | 0.240 (0.300 / 0.200) | naive |" in page
    assert "| zh | 3 | 0.333 (0.500 / 0.250) | 0.100 (0.100 / 0.100) | - |" in page
    assert "at least 8 labelled postings; the target is micro F1 >= 0.80" in page


def test_a_system_without_per_language_figures_is_named_not_shown():
    summary = _with_languages(inputs()["eval"], "pipeline", de=(8, 0.9, 0.8, 0.8471))
    page = render.render_markdown({"eval": summary, "bench": {}})
    assert "| **de** | 8 | 0.847 (0.900 / 0.800) | none |" in page
    assert "No per-language figures for naive" in page


def test_a_summary_without_per_language_figures_renders_no_language_section():
    page = render.render_markdown(inputs())
    assert "### Per language" not in page and "micro F1 (P / R)" not in page


def test_a_system_scored_on_other_postings_of_a_language_says_how_many():
    summary = _with_languages(inputs()["eval"], "pipeline", fr=(14, 0.9, 0.8, 0.8471))
    _with_languages(summary, "naive", fr=(6, 0.3, 0.2, 0.24))
    page = render.render_markdown({"eval": summary, "bench": {}})
    assert "| **fr** | 14 | 0.847 (0.900 / 0.800) | 0.240 (0.300 / 0.200) on 6 | naive |" in page
