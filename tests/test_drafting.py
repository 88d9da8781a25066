"""The text a JSON answer's schema forces next (jump-forward decoding's draft)."""

from __future__ import annotations

import pytest

from extractor.backends.drafting import Shape, answer_shape_of, forced_text
from extractor.question import Draft, ModelDraft

SHAPE = answer_shape_of(ModelDraft.model_json_schema())


def test_the_draft_schema_fixes_its_key_order_and_the_places_under_it():
    assert SHAPE is not None
    assert SHAPE.keys == ("title", "company", "locations", "workplace_type",
                          "employment_types", "seniority", "date_posted")
    assert SHAPE.nested["locations"].keys == ("city", "region", "country")


def test_a_schema_with_an_optional_property_forces_nothing():
    # the full question's fields are optional: the grammar lets the model skip keys
    assert answer_shape_of(Draft.model_json_schema()) is None


def test_an_object_with_an_optional_property_forces_nothing_inside_it():
    inner = {"type": "object", "properties": {"b": {"type": "string"}}}
    for schema in ({"type": "object", "required": ["a"], "properties": {
                       "a": {"$ref": "#/$defs/Inner"}}, "$defs": {"Inner": inner}},
                   {"type": "object", "required": ["a"], "properties": {"a": inner}}):
        shape = answer_shape_of(schema)
        assert shape == Shape(("a",))
        assert forced_text('{"a": {"', shape) == ""


def test_a_union_of_object_types_forces_nothing():
    union = {"type": "object", "required": ["a"], "properties": {"a": {"anyOf": [
        {"type": "object", "required": ["x"], "properties": {"x": {"type": "string"}}},
        {"type": "object", "required": ["y"], "properties": {"y": {"type": "string"}}}]}}}
    shape = answer_shape_of(union)
    assert shape == Shape(("a",))
    assert forced_text('{"a": {"', shape) == ""


def test_every_forced_text_continues_the_answer_json_dumps_writes():
    import json
    import random

    rng = random.Random(7)
    words = ["Sales", 'Lead \\"A\\"', "{x}", "a, b", '", "company": "', "日本", "🙂", ""]
    assert SHAPE is not None
    for _ in range(300):
        place = {"city": rng.choice(words + [None]), "region": rng.choice([None, "TX"]),
                 "country": rng.choice([None, "US"])}
        answer = json.dumps({
            "title": rng.choice(words + [None]), "company": rng.choice(words + [None]),
            "locations": [place] * rng.randint(0, 2),
            "workplace_type": rng.choice([None, "remote"]),
            "employment_types": rng.sample(["full_time", "contract"], rng.randint(0, 2)),
            "seniority": None, "date_posted": rng.choice([None, "2025-01-02"])},
            ensure_ascii=rng.random() < 0.5)
        for cut in range(len(answer)):
            forced = forced_text(answer[:cut], SHAPE)
            assert answer[cut:].startswith(forced), (answer[:cut], forced)


@pytest.mark.parametrize(("answer", "forced"), [
    ('{"', 'title":'),
    ('{"tit', 'le":'),
    ('{', '"title":'),
    ('{ "', 'title":'),
    ('{"title": "Senior Engineer",', ' "company":'),
    ('{"title": "Senior Engineer", "', 'company":'),
    ('{"title": null, ', '"company":'),
    ('{"title": null, "comp', 'any":'),
    ('{"title": "A", "company": "B", "locations": [{"', 'city":'),
    ('{"title": "A", "company": "B", "locations": [{"city": "Austin", "', 'region":'),
    ('{"title": "A", "company": "B", "locations": [{"city": "Austin", "region": "TX", '
     '"country": "US"}, {"', 'city":'),
    ('{"title": "A", "company": "B", "locations": [{"city": null, "region": null, '
     '"country": "DE"}], "', 'workplace_type":'),
    ('{"title": "A", "company": "B", "locations": [], "workplace_type": null, '
     '"employment_types": ["full_time", "contract"], "', 'seniority":'),
])
def test_the_next_key_is_forced_where_the_schema_puts_one(answer, forced):
    assert SHAPE is not None
    assert forced_text(answer, SHAPE) == forced


@pytest.mark.parametrize("answer", [
    '',
    '{"title":',  # the value is the model's to choose
    '{"title": "',
    '{"title": "Sales, {Lead',  # punctuation inside a value is not structure
    '{"title": "A \\"B\\",',  # an escaped quote does not close the value
    '{"title": "A", "company": "B", "locations": [{"city": "X", "region": "Y", '
    '"country": "Z"}',  # after an item: another item or the end of the list
    '{"title": "A", "company": "B", "locations": [], "workplace_type": null, '
    '"employment_types": [], "seniority": null, "date_posted": null',  # the last key
    '{"titel',  # not the key the schema lists next
    '{"title": "A", "employment_types": [",',  # inside a list of strings
])
def test_nothing_is_forced_where_the_model_has_a_choice(answer):
    assert SHAPE is not None
    assert forced_text(answer, SHAPE) == ""


def test_a_key_the_schema_does_not_list_forces_nothing_after_it():
    shape = Shape(("a", "b"))
    assert forced_text('{"zzz": 1, "', shape) == ""
    assert forced_text('{"a": 1, "', shape) == 'b":'
