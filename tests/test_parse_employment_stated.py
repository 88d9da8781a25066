"""Employment types the parser used to miss in exported text. Invented texts."""

from __future__ import annotations

from extractor.parse.employment import parse_employment_types


def kinds(text: str) -> list[str]:
    return [f.value for f in parse_employment_types(text)]


def test_full_time_typed_with_spaces_round_the_hyphen_is_full_time():
    assert kinds("A clinic is looking for a full - time Nurse Practitioner to join.") == [
        "full_time"]


def test_a_type_followed_by_the_weekly_hours_is_this_jobs_type():
    text = "Schedule notes\nVariable part-time, 12-18 hours each weekMust start by 8 AM"
    assert kinds(text) == ["part_time"]
    assert kinds("Nice shop\n\nPart Time – 15 to 20 hours per week – you pick days") == [
        "part_time"]


def test_hours_that_full_time_staff_work_name_no_type_for_this_job():
    assert kinds("Our full-time staff work 40 hours a week in two shifts.") == []


def test_a_type_label_glued_to_the_value_before_it_is_read():
    assert kinds("State/City: US-OH-DaytonType: Full Time Hourly# Openings: 2") == [
        "full_time"]
