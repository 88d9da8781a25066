"""One heading vocabulary and one tail of other postings, shared by the cleaner and the
parsers (clean/headings.py)."""

from __future__ import annotations

import pytest

from extractor.clean import clean
from extractor.clean.headings import GLUED_HEADINGS, SUBLABEL_HEADINGS
from extractor.load import Document
from extractor.parse.base import posting_end
from extractor.parse.location import parse_locations
from extractor.parse.salary import parse_salaries
from extractor.parse.sections import parse_sections
from extractor.parse.skills import parse_skills

POSTING = "Data Engineer\nLocation: Austin, TX\nWe use Python and SQL.\n\n"
OTHER_JOB = "Game Programmer (C++), Remote (Mexico), $130,000 - $160,000 USD per year"
TAILS = ["Similar jobs", "Similar Jobs you may like", "More jobs at Acme", "Jobs at Acme",
         "Other openings", "More openings at Acme", "Related positions", "Recommended jobs for you",
         "People also viewed", "Похожие вакансии", "Offres similaires"]


@pytest.mark.parametrize("tail", TAILS)
def test_the_cleaner_and_every_parser_stop_at_the_same_tail_line(tail):
    text = f"{POSTING}{tail}\n{OTHER_JOB}\n"
    assert text[posting_end(text):].startswith(tail)
    assert parse_salaries(text) == []
    assert [f.value.city for f in parse_locations(text)] == ["Austin"]
    assert "C++" not in [f.value for f in parse_skills(text)]
    cleaned = clean(Document("p.txt", text, "text"))
    assert "similar_jobs" in cleaned.removed and OTHER_JOB not in cleaned.text


def _stays_in(base: str, heading: str) -> bool:
    """Whether an item under ``heading`` still belongs to the section ``base`` started."""
    text = f"{base}\n• Build the data pipeline\n{heading}:\n• Write the quarterly report\n"
    items = parse_sections(text)[base.lower()]
    return "Write the quarterly report" in [f.value for f in items]


@pytest.mark.parametrize("heading", GLUED_HEADINGS)
def test_a_glued_heading_is_a_section_heading_unless_named_a_sublabel(heading):
    """The cleaner's glued list and the section phrases are one vocabulary: a glued heading
    under a section starts another one (or ends it), except the named sub-labels. A heading
    has one section, so it cannot continue both of these."""
    stays = _stays_in("Responsibilities", heading) and _stays_in("Benefits", heading)
    assert stays == (heading in SUBLABEL_HEADINGS)
