"""Leave-one-source-out planning and reporting (evals/loso.py); no model is loaded."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

from evals import loso
from evals.fixtures_io import Case
from extractor.finetune import reproduce


def _case(path: str) -> Case:
    return Case("corpus", path, Path("/nowhere") / path, {"title": "x"}, dt.date(2024, 1, 1))


CASES = [_case(f"emscad/{i}.json") for i in range(6)] + \
    [_case(f"remoteok_api/{i}.json") for i in range(5)] + [_case("hh_ru_html/1.html")]


def test_sources_with_too_few_labelled_postings_are_not_planned():
    assert list(loso.by_source(CASES, min_cases=5)) == ["emscad", "remoteok_api"]


def test_a_source_absent_from_training_is_scored_with_the_shipped_adapter(tmp_path):
    plans = {p.source: p for p in loso.plan(reproduce.SHIPPED, CASES, Counter(emscad=40),
                                            tmp_path)}
    assert plans["remoteok_api"].run is None
    assert plans["remoteok_api"].adapter == reproduce.SHIPPED.shipped
    held = plans["emscad"]
    assert held.training_rows == 40
    assert held.run == tmp_path / f"{reproduce.SHIPPED.name}-loso-emscad"
    assert held.adapter.parent == held.run


def test_a_source_not_trained_yet_is_pending_with_its_step(tmp_path):
    [held] = [p for p in loso.plan(reproduce.SHIPPED, CASES, Counter(emscad=40), tmp_path)
              if p.run is not None]
    rules = {"f1": 0.9}
    entry = loso.entry(reproduce.SHIPPED, held, rules)
    assert entry["status"] == "pending"
    assert (entry["step"], entry["of"]) == (0, reproduce.SHIPPED.step)
    assert entry["rules"] == rules  # known before the run: it bounds what a pipeline gains
    done = loso.entry(reproduce.SHIPPED, held, rules, {"pipeline": {"f1": 0.95},
                                                       "delta_f1": 0.05})
    assert (done["status"], done["rules"], done["delta_f1"]) == ("done", rules, 0.05)


def test_a_pending_source_is_written_with_its_rules_only_scores(tmp_path, monkeypatch):
    [held] = [p for p in loso.plan(reproduce.SHIPPED, CASES, Counter(emscad=40), tmp_path)
              if p.source == "emscad"]
    monkeypatch.setattr(loso, "rules_score", lambda item: {"f1": 0.8, "of": item.source})
    data = loso.evaluate(reproduce.SHIPPED, [held], tmp_path, train=False,
                         out=tmp_path / "loso.json")
    [e] = data["sources"]
    assert (e["status"], e["rules"]) == ("pending", {"f1": 0.8, "of": "emscad"})
    assert json.loads((tmp_path / "loso.json").read_text())["sources"] == [e]


def test_the_summary_averages_the_done_sources_only():
    done = [{"status": "done", "delta_f1": 0.1}, {"status": "done", "delta_f1": 0.02}]
    summary = loso.summary_of([*done, {"status": "pending"}])
    assert summary == {"sources_done": 2, "sources_pending": 1, "mean_delta_f1": 0.06,
                       "min_delta_f1": 0.02}


def test_a_held_out_run_keeps_the_recipe_schedule_and_leaves_the_source_out(tmp_path,
                                                                          monkeypatch):
    seen = {}

    def fake_train(cfg, resume=False, stop_after=0):
        seen.update(cfg=cfg, resume=resume, stop_after=stop_after)

    monkeypatch.setattr(reproduce, "train", fake_train)
    reproduce.run_training(reproduce.SHIPPED, tmp_path, tmp_path / "run", exclude=("emscad",))
    cfg = seen["cfg"]
    assert cfg.exclude_sources == ("emscad",)
    assert cfg.steps == reproduce.SHIPPED.schedule_steps
    assert seen["stop_after"] == reproduce.SHIPPED.step


def test_the_shipped_run_itself_trains_with_its_recorded_settings(tmp_path, monkeypatch):
    seen = {}
    monkeypatch.setattr(reproduce, "train", lambda cfg, **kw: seen.update(cfg=cfg))
    reproduce.run_training(reproduce.SHIPPED, tmp_path, tmp_path / "run")
    assert seen["cfg"].exclude_sources == ()
    assert seen["cfg"].steps == reproduce.SHIPPED.train.get("steps", 0)


def test_a_run_over_one_source_keeps_the_other_sources_entries(tmp_path, monkeypatch):
    out = tmp_path / "loso.json"
    recipe = reproduce.SHIPPED
    done = {"source": "remoteok_api", "status": "done", "delta_f1": 0.05}
    stale = {"source": "emscad", "status": "pending", "step": 0}
    out.write_text(json.dumps(
        {"recipe": recipe.name, "step": recipe.step, "sources": [done, stale]}))
    [held] = [p for p in loso.plan(recipe, CASES, Counter(emscad=40), tmp_path)
              if p.source == "emscad"]
    monkeypatch.setattr(loso, "rules_score", lambda item: {"f1": 0.9})
    monkeypatch.setattr(loso, "score", lambda item, rules: {"pipeline": {}, "delta_f1": 0.01})
    held.run.mkdir()
    held.adapter.write_bytes(b"GGUF")
    data = loso.evaluate(recipe, [held], tmp_path, train=False, out=out)
    assert [(e["source"], e["status"]) for e in data["sources"]] == [
        ("emscad", "done"), ("remoteok_api", "done")]
    assert data["summary"]["mean_delta_f1"] == 0.03
    # another recipe's or step's entries are not carried over
    out.write_text(json.dumps({"recipe": "other", "sources": [done]}))
    data = loso.evaluate(recipe, [held], tmp_path, train=False, out=out)
    assert [e["source"] for e in data["sources"]] == ["emscad"]
