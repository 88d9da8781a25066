"""Render a training row the way real pages and feeds show a posting.

Each layout returns the raw input a user would feed (text, HTML or a JSON envelope);
the builder then runs it through the project's own loader and cleaner. Layouts add
header and meta lines, site chrome, "similar jobs" blocks made from OTHER rows (hard
negatives), lost line breaks, JSON-LD and API envelopes; some leave out the title or
the company, so the model learns to answer null. Choices come from a seeded RNG.
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from extractor.finetune.rows import Row

_NAV = ["Home | Jobs | Companies | Salaries | Sign in", "Find jobs  Company reviews  Post a job",
        "Menu\nSearch jobs\nMy applications\nLog in", "Jobs > Engineering > Listing",
        "Skip to main content\nJobs\nPeople\nLearning"]
_COOKIE = ["We use cookies to improve your experience. Accept all cookies",
           "This site uses cookies. By continuing you agree to our Cookie Policy. OK",
           "Cookie settings: Accept | Reject"]
_FOOTER = ["© 2024 JobBoard Inc. All rights reserved. Privacy | Terms | Contact",
           "About us · Careers · Help Center · Privacy Policy",
           "Report this job\nTerms of Service\nPrivacy"]
_SIMILAR = ["Similar jobs", "People also viewed", "More jobs like this", "Similar Jobs",
            "Recommended jobs"]
_AGO = ["Posted 3 days ago", "2 weeks ago", "Reposted 1 week ago", "30+ days ago",
        "Posted today", "1 day ago"]
_DATE_FORMATS = ["%B %d, %Y", "%Y-%m-%d", "%d %B %Y", "%b %d, %Y"]
_DATE_LEADS = ["Posted on", "Date posted:", "Published:", "Posted:"]
_POSTERS = ["jsmith_hr", "Maria Lopez · Talent Partner", "recruiter.anna", "Posted by Tom K.",
            "hiring_team_22"]


@dataclass
class Shown:
    """What a render put on the page, beyond the body (targets read this)."""

    date_text: str | None = None
    employment_text: str | None = None
    seniority_text: str | None = None


@dataclass
class Rendered:
    layout: str
    content: str
    shown: Shown


@dataclass
class _Ctx:
    rng: random.Random
    row: Row
    others: list[Row]
    shown: Shown
    title: str | None
    company: str | None


def _date_line(ctx: _Ctx) -> str | None:
    date = ctx.row.date_posted
    if date is None or ctx.rng.random() < 0.4:
        return None
    text = date.strftime(ctx.rng.choice(_DATE_FORMATS))
    ctx.shown.date_text = text
    return f"{ctx.rng.choice(_DATE_LEADS)} {text}"


def _meta_lines(ctx: _Ctx) -> list[str]:
    lines = []
    if ctx.row.employment_label and ctx.rng.random() < 0.6:
        ctx.shown.employment_text = ctx.row.employment_label
        lines.append(ctx.row.employment_label)
    if ctx.row.seniority_label and ctx.rng.random() < 0.5:
        ctx.shown.seniority_text = ctx.row.seniority_label
        lines.append(f"Seniority level: {ctx.row.seniority_label}")
    if ctx.row.remote and ctx.rng.random() < 0.5:
        lines.append("Remote")
    date = _date_line(ctx)
    return lines + ([date] if date else [ctx.rng.choice(_AGO)] if ctx.rng.random() < 0.3 else [])


def _header(ctx: _Ctx) -> list[str]:
    lines = [ctx.title] if ctx.title else []
    if ctx.company:
        lines.append(ctx.company)
    if ctx.row.location_raw and ctx.rng.random() < 0.85:
        lines.append(ctx.row.location_raw)
    return lines + _meta_lines(ctx)


def _similar(ctx: _Ctx) -> list[str]:
    picks = ctx.rng.sample(ctx.others, k=min(len(ctx.others), ctx.rng.randint(2, 4)))
    lines = [ctx.rng.choice(_SIMILAR)]
    for other in picks:
        lines += [x for x in (other.title, other.company, other.location_raw) if x]
        lines.append(ctx.rng.choice(_AGO))
    return lines


def _lose_breaks(text: str, rng: random.Random) -> str:
    joiner = rng.choice(["", " ", "  "])
    return re.sub(r"\s*\n\s*", joiner or " ", text) if joiner else re.sub(r"\n+", "", text)


def _plain(ctx: _Ctx) -> str:
    return ctx.row.body


def _meta(ctx: _Ctx) -> str:
    return "\n".join(_header(ctx)) + "\n\n" + ctx.row.body


def _board(ctx: _Ctx) -> str:
    parts = [ctx.rng.choice(_NAV), ctx.rng.choice(_COOKIE)]
    if ctx.rng.random() < 0.5:
        parts.append("\n".join(_similar(ctx)))  # a sidebar before the posting
    parts += ["\n".join(_header(ctx)), ctx.row.body, "\n".join(_similar(ctx)),
              ctx.rng.choice(_FOOTER)]
    return "\n\n".join(parts)


def _flat(ctx: _Ctx) -> str:
    return _lose_breaks(" ".join(_header(ctx)) + " " + ctx.row.body, ctx.rng)


def _linkedin(ctx: _Ctx) -> str:
    place = ctx.row.location_raw or ""
    top = [ctx.rng.choice(_POSTERS)] + ([ctx.title] if ctx.title else [])
    line = " · ".join(x for x in (ctx.company, place) if x)
    top += [line] if line else []
    top += [" · ".join([ctx.rng.choice(_AGO), f"{ctx.rng.randint(3, 200)} applicants"])]
    top += _meta_lines(ctx)
    return "\n".join(top + ["About the job", ctx.row.body, "Show more", *_similar(ctx)])


def _paragraphs(body: str) -> str:
    blocks = [b for b in re.split(r"\n\s*\n", body) if b.strip()]
    return "\n".join("<p>" + html.escape(b).replace("\n", "<br>") + "</p>" for b in blocks)


def _jsonld(ctx: _Ctx) -> str:
    data: dict[str, object] = {"@context": "https://schema.org", "@type": "JobPosting"}
    if ctx.title:
        data["title"] = ctx.title
    if ctx.company:
        data["hiringOrganization"] = {"@type": "Organization", "name": ctx.company}
    if ctx.row.date_posted and ctx.shown.date_text:
        data["datePosted"] = ctx.row.date_posted.isoformat()
    script = json.dumps(data, ensure_ascii=False)
    return f'<script type="application/ld+json">{script}</script>'


def _html(ctx: _Ctx) -> str:
    head = _header(ctx)
    header_html = ""
    if ctx.title and head and head[0] == ctx.title:
        header_html = f"<h1>{html.escape(head.pop(0))}</h1>"
    header_html += "".join(f"<div>{html.escape(x)}</div>" for x in head)
    similar = "".join(f"<li>{html.escape(x)}</li>" for x in _similar(ctx)[1:])
    ld = _jsonld(ctx) if ctx.rng.random() < 0.4 else ""
    return (f"<!doctype html><html><head><title>{html.escape(ctx.title or 'Job')}</title>{ld}"
            f"</head><body><nav>{html.escape(ctx.rng.choice(_NAV))}</nav><main>{header_html}"
            f"{_paragraphs(ctx.row.body)}</main><aside><h2>Similar jobs</h2><ul>{similar}"
            f"</ul></aside><footer>{html.escape(ctx.rng.choice(_FOOTER))}</footer></body></html>")


def _api_json(ctx: _Ctx) -> str:
    job: dict[str, object] = {"id": ctx.row.row_id}
    if ctx.title:
        job[ctx.rng.choice(["title", "position"])] = ctx.title
    if ctx.company:
        job["company"] = ctx.company if ctx.rng.random() < 0.6 else {"name": ctx.company}
    if ctx.row.location_raw:
        job["location"] = ctx.row.location_raw
    if ctx.row.date_posted and ctx.rng.random() < 0.5:
        job["created_at"] = ctx.row.date_posted.isoformat() + "T09:00:00Z"
    job["description"] = ctx.row.body
    envelope = ctx.rng.choice([lambda j: j, lambda j: {"data": j},
                               lambda j: {"status": "ok", "results": [j]},
                               lambda j: {"job": j, "meta": {"page": 1}}])
    return json.dumps(envelope(job), ensure_ascii=False)


LAYOUTS: dict[str, Callable[[_Ctx], str]] = {
    "plain": _plain, "meta": _meta, "board": _board, "flat": _flat, "linkedin": _linkedin,
    "html": _html, "api_json": _api_json,
}
_WEIGHTS = {"plain": 2, "meta": 3, "board": 3, "flat": 1, "linkedin": 2, "html": 2,
            "api_json": 2}


def render(row: Row, others: list[Row], rng: random.Random, layout: str | None = None) -> Rendered:
    """One rendering of ``row``; ``others`` feed the similar-jobs blocks."""
    names = list(_WEIGHTS)
    layout = layout or rng.choices(names, weights=[_WEIGHTS[n] for n in names])[0]
    title = row.title if rng.random() > 0.12 else None
    company = row.company if rng.random() > 0.2 else None
    ctx = _Ctx(rng, row, [o for o in others if o.row_id != row.row_id] or [row], Shown(),
               title, company)
    return Rendered(layout, LAYOUTS[layout](ctx), ctx.shown)


def _own_html(ctx: _Ctx) -> str:
    items = "".join(f"<li>{html.escape(x)}</li>" for x in _similar(ctx)[1:])
    aside = f"<aside><h2>{ctx.rng.choice(_SIMILAR)}</h2><ul>{items}</ul></aside>"
    body = ctx.row.body
    at = body.lower().rfind("</body>")
    return body[:at] + aside + body[at:] if at >= 0 else body + aside


def _own_text(ctx: _Ctx) -> str:
    before = [ctx.rng.choice(_NAV), ctx.rng.choice(_COOKIE)]
    after = ["\n".join(_similar(ctx)), ctx.rng.choice(_FOOTER)]
    body = ctx.row.body if ctx.rng.random() < 0.7 else _lose_breaks(ctx.row.body, ctx.rng)
    return "\n\n".join(before + [body] + after)


def render_own(row: Row, others: list[Row], rng: random.Random, copy: int) -> Rendered | None:
    """Own postings: first as written, then with other rows' "similar jobs" and chrome
    added (HTML and text formats; a JSON posting is used once)."""
    if copy == 0:
        return Rendered(f"own_{row.own_format}", row.body, Shown())
    ctx = _Ctx(rng, row, [o for o in others if o.row_id != row.row_id] or [row], Shown(),
               None, None)
    if row.own_format in {"html", "htm"}:
        return Rendered("own_html_similar", _own_html(ctx), Shown())
    if row.own_format in {"text", "txt", "markdown", "md"}:
        return Rendered("own_board", _own_text(ctx), Shown())
    return None
