"""Where to apply: a URL the posting itself gives for applications.

Only a URL written in the input counts, never one made up from the page's address:

* a line that says where to apply: "Apply: https://...", "Apply at https://...",
  "To apply, send your portfolio through https://...", "[Apply here](https://...)",
  "Postulez sur ...", "Bewerbung: ...", "Откликнуться: ..." (the apply word first,
  the URL after it in the same sentence, within ``_REACH`` characters);
  a bare "jobs.acme.example/apply/12" counts there too, as written, when it has a path;
* a link whose own text says apply ("Apply now", "Je postule", "Jetzt bewerben"), from
  the page's visible anchors (``extractor.clean.Cleaned.links``); absolute http(s) only.

A JSON row's apply or URL column reaches this parser as the loader's "Apply: ..." header
line (``extractor.load``); a page's JSON-LD ``url`` is page data, which the merge uses when
the text gives none. The first URL in the text wins, then the first apply link.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.parse.base import Found, posting_end

# words that say "apply here" (or "send your CV there"), in the languages postings come in
APPLY_WORDS = (
    r"apply(?:ing)?|applications?|sign[\s-]?up|postul\w*|candidat(?:ure|ura|er|ez|ar|e-se)\w*|"
    r"inscri[bpçc]\w*|inscr[ií]b\w*|bewerb\w*|bewirb|solliciteer\w*|candidati|"
    r"r[ée]sum[ée]s?|cvs?|curr[ií]cul(?:um|o)|lebenslauf|откликн\w*|отклик|резюме"
)
_CJK_APPLY_WORDS = r"投递|申请|应聘|简历"  # no spaces between words to look for
# a word of its own, or glued to the text before it by a lost line break ("Full-timeApply",
# "EinsatzzeitenBewerbung")
_APPLY = re.compile(rf"(?i)(?:(?<![^\W\d_])|(?<=[a-zß-ÿа-я])(?-i:(?=[A-ZÀ-ÞА-Я])))"
                    rf"(?:{APPLY_WORDS})(?![^\W\d_])|{_CJK_APPLY_WORDS}")
_URL = re.compile(
    r"https?://[^\s<>\"'`\]\[)(]+"
    r"|(?<![\w@./:-])(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}"
    r"/[^\s<>\"'`\]\[)(]*",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?'\"-"  # "-": the next bullet, glued by a lost line break
_REACH = 100  # characters from the apply word to the URL
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")
_MAX_LINK_TEXT = 60


# a word glued to the URL's end by a lost line break: ".../irrigation-designerBrindle"
_GLUED_WORD = re.compile(r"(?<=[a-z0-9])[A-Z][a-z]+$")


def _url_at(match: re.Match[str]) -> tuple[str, int, int]:
    url = match.group().rstrip(_TRAILING)
    path = url.split("://", 1)[-1].partition("/")[2]
    glued = _GLUED_WORD.search(path)
    if glued and not any(char.isupper() for char in path[:glued.start()]):
        url = url[: len(url) - len(glued.group())]
    return url, match.start(), match.start() + len(url)


def _says_apply(before: str) -> bool:
    """Whether the text just before a URL asks for applications there, in one sentence."""
    words = list(_APPLY.finditer(before))
    if not words:
        return False
    return _SENTENCE_END.search(before, words[-1].end()) is None


def _in_text(text: str) -> list[Found[str]]:
    out: list[Found[str]] = []
    for match in _URL.finditer(text):
        url, start, end = _url_at(match)
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - _REACH):start]
        if _says_apply(before):
            out.append(Found(url, start, end, 0.9))
    return out


def _from_links(text: str, links: Sequence[tuple[str, str]]) -> list[Found[str]]:
    """Visible anchors whose own text says apply; spanned at that text when it is shown."""
    out: list[Found[str]] = []
    for label, href in links:
        if len(label) <= _MAX_LINK_TEXT and _APPLY.search(label) and _absolute(href):
            start = text.find(label)
            out.append(Found(href, start, start + len(label) if start >= 0 else -1, 0.85))
    return out


def _absolute(href: str) -> bool:
    return re.match(r"(?i)https?://[^\s/]+\.[^\s/]+", href) is not None


def parse_apply_url(text: str, links: Sequence[tuple[str, str]] = ()) -> list[Found[str]]:
    """Apply URLs the posting states, in the text first, then as apply links."""
    body = text[:posting_end(text)]
    return _in_text(body) + _from_links(body, links)
