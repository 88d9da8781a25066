"""Visa sponsorship parser: stated offers and refusals from the corpus, and sponsor
words that are not about visas."""

from __future__ import annotations

import pytest

from extractor.parse.visa import parse_visa_sponsorship

CASES = [
    ("Visa sponsorship available.", [True]),
    ("H-1B sponsorship is available for this role.", [True]),
    ("We sponsor H-1B visas for qualified candidates.", [True]),
    ("We offer relocation and visa support.", [True]),
    ("We are not able to offer relocation, but visa sponsorship is available.", [True]),
    ("Мы предоставляем визовую поддержку.", [True]),
    ("We are unable to sponsor visas for this role.", [False]),
    ("No visa sponsorship.", [False]),
    ("We do not offer visa sponsorship.", [False]),
    ("Visa sponsorship is not available for this position", [False]),
    ("Must be authorized to work in the US without sponsorship.", [False]),
    ("Applicants must be currently authorized to work in the United States on a full-time "
     "basis. We will not sponsor applicants for work visas.", [False]),
    ("Propoint is currently seeking candidates authorized to work in the US and cannot "
     "provide sponsorship for work.", [False]),
    ("Long term. 6 months contract to hire. Open to candidates who do not require "
     "sponsorship. Selected candidates should be ready", [False]),
    ("At this time, we're not considering candidates that need any type of immigration "
     "sponsorship (additional work authorization or permanent work authorization) now or in "
     "the future.", [False]),
    ("All candidates must be currently eligible to\nwork in the US. Sponsorship and "
     "relocation are not available.", [False]),
    ("We will not\nsponsor visas for this role.", [False]),
    # nothing stated
    ("Authorized to work in the United States with or without sponsorship now or in the "
     "future.", []),
    ("Will you require Visa Sponsorship now, or in the future?", []),
    ("- The working hours would be 9-5 Mon-Fri. - Can provide visa assistance in the "
     "futureSalary $2500-$3000 per month.", []),
    ("Offer technical leadership to government sponsors and internally", []),
    ("Company sponsored outings, including go-kart races", []),
    ("Sponsored by Zeit-Stiftung, the internships carry a scholarship award", []),
    ("You will be responsible for selling sponsorship of PEI books", []),
    ("Reviews non-immigrant visa applications and checks documentation", []),
    ("US citizens only. We offer company-sponsored events.", []),
    ("Competitive salary and equity.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_visa_sponsorship(text: str, expected: list[bool]) -> None:
    assert [f.value for f in parse_visa_sponsorship(text)] == expected


def test_span_is_the_sentence() -> None:
    text = "Great team. We are unable to sponsor visas.  Apply now."
    (found,) = parse_visa_sponsorship(text)
    assert text[found.start:found.end] == "We are unable to sponsor visas."
