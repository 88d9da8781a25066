"""Where to apply: a URL the posting gives for applications, in the text or as an apply
link; never a URL that is only mentioned, nor a relative or made-up one."""

from __future__ import annotations

import pytest

from extractor.parse.apply import parse_apply_url

STATED = [
    ("Apply: https://jobs.fernhill.example/backend/41", "https://jobs.fernhill.example/backend/41"),
    ("Apply at https://careers.oak.example/jobs/qa.", "https://careers.oak.example/jobs/qa"),
    ("To apply, send your portfolio through https://studio.example/jobs/designer.",
     "https://studio.example/jobs/designer"),
    ("Apply in person at the depot or online at https://depot.example/seasonal",
     "https://depot.example/seasonal"),
    ("[Apply here](https://ledger.example/careers/platform)",
     "https://ledger.example/careers/platform"),
    ("Job Type: Full-timeApply at https://vale.example/careers/designerVale & Sons is",
     "https://vale.example/careers/designer"),
    ("Apply by April 18, 2025 at mapleton.example/careers/crc-onc",
     "mapleton.example/careers/crc-onc"),
    ("Postulez sur https://recrutement.example/offres/data",
     "https://recrutement.example/offres/data"),
    ("Bewerbung: https://personal.example/positionen/FIBU-03",
     "https://personal.example/positionen/FIBU-03"),
    ("Feste ArbeitszeitenBewerbung per Telefon oder unter https://glanz.example/jobs",
     "https://glanz.example/jobs"),
    ("Postular: https://minas.example/busquedas/CH-11", "https://minas.example/busquedas/CH-11"),
    ("Откликнуться: https://aragats.example/careers/qa", "https://aragats.example/careers/qa"),
    ("简历投递：https://hr.example/jobs/88", "https://hr.example/jobs/88"),
    # a lost line break glued the next bullet's dash to the URL
    ('How to apply- Follow this link: https://jobs.example/Post.aspx?Id=4257- Click "Apply"',
     "https://jobs.example/Post.aspx?Id=4257"),
]


@pytest.mark.parametrize(("text", "url"), STATED)
def test_a_url_the_text_gives_for_applications_is_the_apply_url(text: str, url: str) -> None:
    found = parse_apply_url(text)
    assert [f.value for f in found][:1] == [url]
    assert text[found[0].start:found[0].end] == url


NOT_APPLY = [
    "Learn more about our products at https://acme.example/products",
    "Send your CV to jobs@acme.example",
    "Applications close on 3 May. Our blog: https://acme.example/blog/culture",
    "Apply today! Read about us at www.acme.example",
    "Candidates must hold B.Sc./M.Sc. degrees",
]


@pytest.mark.parametrize("text", NOT_APPLY)
def test_a_url_not_given_for_applications_is_not_the_apply_url(text: str) -> None:
    assert parse_apply_url(text) == []


def test_an_apply_link_gives_its_target_and_other_links_do_not() -> None:
    text = "Backend Engineer\nApply for this job\nOur blog"
    links = [("Our blog", "https://acme.example/blog"), ("Apply for this job",
             "https://jobs.acme.example/apply/4821"), ("Jetzt bewerben", "/apply/relative")]
    found = parse_apply_url(text, links)
    assert [f.value for f in found] == ["https://jobs.acme.example/apply/4821"]
    assert text[found[0].start:found[0].end] == "Apply for this job"


def test_a_url_in_the_text_comes_before_an_apply_link() -> None:
    text = "Apply: https://ats.example/jobs/7\nApply now"
    found = parse_apply_url(text, [("Apply now", "https://site.example/apply")])
    assert found[0].value == "https://ats.example/jobs/7"
