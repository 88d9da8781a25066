"""Posting date and deadline parser: labelled phrases from the corpus, and dates that
are not labelled as posting or deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.parse.dates import parse_dates

REF = dt.date(2024, 8, 10)

# text, expected posted dates, expected deadlines (ISO strings)
CASES = [
    ("Dropbox\nReposted 8 Days Ago\nRemote", ["2024-08-02"], []),
    ("Posted 3 days ago", ["2024-08-07"], []),
    ("Posted An Hour Ago", ["2024-08-10"], []),
    ("Posted yesterday", ["2024-08-09"], []),
    ("Posted 2 weeks ago", ["2024-07-27"], []),
    ("Posted on March 3, 2024", ["2024-03-03"], []),
    ("Date posted: 2024-08-08", ["2024-08-08"], []),
    ("Date posted: 18-Mar-2024", ["2024-03-18"], []),
    ("Posted on 08.08.2024", ["2024-08-08"], []),
    ("Вакансия опубликована \n8\u00a0августа\u00a02024\n в \nКоломне", ["2024-08-08"], []),
    ("Опубликовано 8 августа 2024", ["2024-08-08"], []),
    ("Публикация вакансии 2 дня назад", ["2024-08-08"], []),
    ("Publiée il y a 3 jours", ["2024-08-07"], []),
    ("Publié le 3 mars 2024", ["2024-03-03"], []),
    ("OPENING DATE:  17 July 2004\nAPPLICATION DEADLINE:  30 July 2004",
     ["2004-07-17"], ["2004-07-30"]),
    ("APPLICATION DEADLINE:   20 March 2004", [], ["2004-03-20"]),
    ("APPLICATION DEADLINE:  May 19, 2004", [], ["2004-05-19"]),
    ("APPLICATION DEADLINE:  June 4 2004", [], ["2004-06-04"]),
    ("APPLICATION DEADLINE:  25 June 2004, 5:30 PM", [], ["2004-06-25"]),
    ("APPLICATION DEADLINE:  29 July 04", [], ["2004-07-29"]),
    ("Please apply by September 1, 2024.", [], ["2024-09-01"]),
    ("Closing date: 15/07/2024", [], ["2024-07-15"]),
    ("Valid through 2024-09-01", [], ["2024-09-01"]),
    ("Deadline: 1 September 2024", [], ["2024-09-01"]),
    ("Applications are due by October 4, 2024", [], ["2024-10-04"]),
    ("Date limite : 30 septembre 2024", [], ["2024-09-30"]),
    ("Приём заявок до 20 сентября 2024", [], ["2024-09-20"]),
    # not labelled, or no usable date
    ("APPLICATION DEADLINE:  Open\nSTART DATE/ TIME:  23 July 2004", [], []),
    ("APPLICATION DEADLINE:  N/A", [], []),
    ("Application Filing Date: Open Until Filled", [], []),
    ("Closing Date: Applications accepted on a rolling basis", [], []),
    ("Internship dates: June 1, 2026 - August 14, 2026", [], []),
    ("start date can be flexible, but no later than August 5, 2024).", [], []),
    ("Danish company founded on March 3, 2003 by three entrepreneurs", [], []),
    ("Ability to meet deadlines. Training on 3 May 2024", [], []),
    ("The position is posted at https://www.example.org/join-our-team.", [], []),
    # year missing or day/month order ambiguous: a guess, so nothing
    ("Steps for how to apply by midnight, April 19th", [], []),
    ("Closing date: 03/04/2024", [], []),
    # a posting date after the reference date cannot be right
    ("Posted on December 3, 2024", [], []),
    # other jobs' dates after "Similar Jobs" are not this posting's
    ("Similar Jobs at Dropbox\nPosted 3 days ago", [], []),
]


@pytest.mark.parametrize(("text", "posted", "deadline"), CASES)
def test_parse_dates(text: str, posted: list[str], deadline: list[str]) -> None:
    got_posted, got_deadline = parse_dates(text, REF)
    assert [f.value.isoformat() for f in got_posted] == posted
    assert [f.value.isoformat() for f in got_deadline] == deadline


def test_span_and_confidence() -> None:
    text = "Remote\nReposted 8 Days Ago\nDate posted: 2024-08-01"
    posted, _ = parse_dates(text, REF)
    assert [text[f.start:f.end] for f in posted] == ["Reposted 8 Days Ago",
                                                     "Date posted: 2024-08-01"]
    assert posted[0].confidence < posted[1].confidence == 1.0


@pytest.mark.parametrize(("text", "posted", "deadline"), [
    ("veröffentlicht am 12.03.2024", ["2024-03-12"], []),
    ("Eingestellt am 5. Februar 2024", ["2024-02-05"], []),
    ("Online seit: 12. März 2024", ["2024-03-12"], []),
    ("Veröffentlicht vor 3 Tagen", [(REF - dt.timedelta(days=3)).isoformat()], []),
    ("Stand: 02.01.2024", ["2024-01-02"], []),
    ("Bewerbungsfrist: 30.04.2024", [], ["2024-04-30"]),
    ("Bewerbung bis zum 30. April 2024", [], ["2024-04-30"]),
    ("Gegründet am 12.03.1999", [], []),
])
def test_german_posting_dates_and_deadlines(text, posted, deadline) -> None:
    got_posted, got_deadline = parse_dates(text, REF)
    assert [f.value.isoformat() for f in got_posted] == posted
    assert [f.value.isoformat() for f in got_deadline] == deadline


@pytest.mark.parametrize("byline", ["Leipzig, Sachsen · vor 3 Wochen · Über 100 Bewerber",
                                    "• München\n• vor 3 Wochen\n", "Boston, MA · 3 weeks ago"])
def test_a_relative_date_alone_in_the_header_byline_is_the_posting_date(byline) -> None:
    text = f"Teamleitung Kundenservice\n{byline}\n\nWir suchen dich.\n"
    assert [f.value for f in parse_dates(text, REF)[0]] == [REF - dt.timedelta(weeks=3)]
    assert parse_dates("We launched 3 weeks ago with a new product.\n", REF)[0] == []


def test_a_label_glued_to_the_line_before_is_still_a_label() -> None:
    text = "Pension plan with employer contributionApply by April 18, 2024 at acme.example"
    assert [f.value for f in parse_dates(text, REF)[1]] == [dt.date(2024, 4, 18)]
    assert parse_dates("the reapply by April 18, 2024", REF)[1] == []


def test_a_header_listing_other_postings_with_different_ages_dates_nothing() -> None:
    text = ("Also hiring\n\nData Analyst\nAcme · 1 day ago\n\nBI Developer\nBeta · 6 days ago\n\n"
            "Senior Data Engineer\nGamma\n\nAbout the role\n")
    assert parse_dates(text, REF)[0] == []
