"""Title candidates: where a posting's own title is, and what a title line loses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from extractor.candidates.base import (
    MAX_CANDIDATES,
    TOP_CHARS,
    Candidate,
    IsPlace,
    add_candidate,
    by_rank,
    jsonld_value,
    squashed,
    text_lines,
)
from extractor.candidates.names import company_tail, names_company
from extractor.candidates.reading import (
    glued_parts,
    is_glued,
    is_place_text,
    is_tag,
    labels_in,
    strip_marks,
    without_agency_header,
    without_people,
)
from extractor.candidates.words import (
    AT_COMPANY,
    BULLET,
    CHROME_LINE,
    CJK,
    FIRST_PART,
    GENDER,
    GLUED_LABEL,
    HIRING_VERB,
    LAST_PART,
    MD_HEADING,
    META_LINE,
    NOT_TITLE_LINE,
    ROLE_LEAD,
    ROLE_SENTENCE,
    SENTENCE_ZH,
    TITLE_HEAD,
    TITLE_LABELS,
    TITLE_TAIL,
    TITLE_WORD,
    UP,
    label_key,
)
from extractor.load import title_column


def title_candidates(
    text: str, jsonld: list[dict[str, Any]], fields: dict[str, Any] | None, hint: str | None,
    *, is_place: IsPlace | None = None,
) -> list[Candidate]:
    """Possible titles of THE posting, most reliable first."""
    out: list[Candidate] = []
    add_candidate(out, text, _clean_any(jsonld_value(jsonld, "title"), is_place), "jsonld")
    add_candidate(out, text, _clean_any(title_column(fields), is_place), "field")
    for line, origin, start in _title_lines(text, hint):
        title = clean_title(_title_part(line, text), is_place)
        if title and not is_tag(title, is_place):
            add_candidate(out, text, title, origin, start)
    return by_rank(out)[:MAX_CANDIDATES]


def _title_lines(text: str, hint: str | None) -> Iterator[tuple[str, str, int]]:
    """(line, origin, start) of each line that may state the title, outside a recruiter's
    card and an agency's own header."""
    own = without_agency_header(without_people(text))
    for _, value, start in labels_in(own, TITLE_LABELS):
        yield value, "labelled", start
    if hint:
        yield hint, "heading", text.find(hint)
    for line, start in _heading_lines(own):
        yield line, "heading", start
    for line, start in _leading_lines(own):
        yield line, "line", start
    for title, start in _sentence_titles(own):
        yield title, "sentence", start
    for title, start in _paragraph_heads(own):
        yield title, "sentence", start


def clean_title(line: str, is_place: IsPlace | None = None) -> str:
    """The title a line states: without a markdown mark, an emoji, a leading tag
    ("【实习】", "Stage –", "远程兼职｜"), gender markers, a company after "at", or trailing
    pay, contract, schedule, workplace and place tags."""
    title = TITLE_HEAD.sub("", GLUED_LABEL.split(strip_marks(line), maxsplit=1)[0])
    first = FIRST_PART.match(title)
    if first and is_tag(first.group(1), is_place):
        title = title[first.end():]
    for _ in range(2):  # "Koch (m/w/d) in Teilzeit": the tag, then the marker before it
        title = TITLE_TAIL.sub("", title).strip(" -–—|,")
        title = GENDER.sub("", _strip_tail_tags(title, is_place))
    return title.strip(" -–—|,:") or line.strip()


def _title_part(line: str, text: str) -> str:
    """"Data Engineer at Acme" -> "Data Engineer"; "数据分析实习生 - 米粒科技" -> the title."""
    at = AT_COMPANY.match(strip_marks(line))
    if at and names_company(at, text):
        return at.group("t")
    parts = re.split(r"\s+[-–—]\s+", line.strip())
    if len(parts) > 1 and company_tail(parts[-1]):
        return line.strip()[: -len(parts[-1])].rstrip(" -–—")
    return line


def _clean_any(value: Any, is_place: IsPlace | None) -> Any:
    return clean_title(value, is_place) if isinstance(value, str) else value


def _strip_tail_tags(title: str, is_place: IsPlace | None) -> str:
    """Drop trailing parts that are tags ("(Remoto - LATAM)", "– Lisboa", "（北京）")."""
    for _ in range(4):
        part = LAST_PART.search(title)
        if part is None or part.start() == 0:
            return title
        body = part.group(0).strip(" ,–—-")
        if not (is_tag(body.strip("()（）"), is_place) or is_place_text(body, is_place)):
            return title
        title = title[: part.start()].rstrip()
    return title


def _heading_lines(text: str) -> Iterator[tuple[str, int]]:
    """Markdown headings near the top that read like a title, and the line a job board
    puts above "City · 3 days ago · 40 applicants"."""
    top = text[:TOP_CHARS * 2]
    for match in MD_HEADING.finditer(top):
        if TITLE_WORD.search(match.group("v")) and not HIRING_VERB.search(match.group("v")):
            yield match.group("v"), match.start("v")
    lines = [item for item in text_lines(top) if item[0].strip()]
    for i, (after, _) in enumerate(lines):
        if not META_LINE.search(after) or BULLET.match(after):
            continue
        # the title, or (boards that put the company between them) the line above it
        above = [item for item in lines[max(i - 2, 0):i][::-1]
                 if not BULLET.match(item[0]) and not META_LINE.search(item[0])]
        title = next((item for item in above if TITLE_WORD.search(item[0])), None)
        if title:
            yield title


def _leading_lines(text: str, limit: int = 12) -> list[tuple[str, int]]:
    """Short lines near the top that read like a job title."""
    found: list[tuple[str, int]] = []
    label, labels = "", 0  # the label line just above; how many label lines so far
    for raw, start in text_lines(text[:TOP_CHARS]):
        line = squashed(raw)
        if not raw.strip():
            continue
        under, label = label, line if raw.rstrip().endswith((":", "：")) else ""
        labels += bool(label)
        if under and labels >= 2 and label_key(under) not in TITLE_LABELS:
            continue  # a form's "Job Family:" / "Scientists": that label's value
        if reads_as_title(raw, line):
            found.append((line, start + max(raw.find(line), 0)))
        elif is_glued(raw) and not found:
            glued = glued_parts(raw)
            if len(glued) > 1 and reads_as_title(glued[0], glued[0]):
                found.append((glued[0], start))
        if len(found) >= limit:
            break
    return found


_SENTENCE_CHARS = 3000  # a body-only posting names its role in its first paragraphs
_CAPITAL = re.compile(f"[{UP}]")
_JOINER = re.compile(r"of|and|&|/|-|–")  # between a role's capitalised words
_ARTICLE_END = re.compile(r"(?i)\b(?:an?|the)\s+$")


def _sentence_titles(text: str, limit: int = 2) -> Iterator[tuple[str, int]]:
    """The capitalised role a sentence names ("a full-time role for a Fire Sprinkler
    Designer located in", "seeking a passionate and hands-on Vice President of Sales to
    lead"): its adjectives skipped, then its capitalised words; one with a job noun."""
    found = 0
    for match in ROLE_SENTENCE.finditer(text[:_SENTENCE_CHARS]):
        rest = text[match.end(): match.end() + 120]
        lead = ROLE_LEAD.match(rest)
        if lead is None:
            continue
        words = _role_words(rest[lead.end():])
        bare = _ARTICLE_END.search(match.group(0)) is None  # no article before the role
        if (words and TITLE_WORD.search(words) and len(words.split()) <= 8
                and not (bare and _plural_role(words))):
            yield words, match.end() + lead.end()
            found += 1
            if found >= limit:
                return


_PARAGRAPH = re.compile(r"(?:^|\n[ \t]*\n)[ \t]*(?=\S)")


def _paragraph_heads(text: str, limit: int = 2) -> Iterator[tuple[str, int]]:
    """A title glued to the paragraph it opens, lower down than the top lines ("Senior Widget
    DesignerAs a member of the team, you"): a row's description after its company profile."""
    found = 0
    for match in _PARAGRAPH.finditer(text[:_SENTENCE_CHARS]):
        line = text[match.end():].split("\n", 1)[0]
        parts = glued_parts(line)
        if (len(parts) > 1 and len(parts[1].split()) >= 5  # a sentence runs on after it
                and _ends_in_job_noun(parts[0]) and reads_as_title(parts[0], parts[0])):
            yield parts[0], match.end()
            found += 1
            if found >= limit:
                return


def _ends_in_job_noun(words: str) -> bool:
    """"Senior Widget Designer": the glue cut after a job noun, not inside a name ("As a
    Designer at ChowNow" cut at "Chow|Now")."""
    last = words.split()[-1] if words.split() else ""
    return TITLE_WORD.fullmatch(last) is not None


def _plural_role(words: str) -> bool:
    """"AI Specialists", "Engineers": a role named without an article is many people."""
    last = words.split()[-1]
    return last.endswith("s") and TITLE_WORD.fullmatch(last[:-1]) is not None


def _role_words(rest: str) -> str:
    """The run of capitalised words (with "of", "and", "&" between them) opening ``rest``."""
    words: list[str] = []
    for word in rest.split("\n")[0].split()[:12]:
        bare = word.rstrip(".,;:!?)")
        if not (_CAPITAL.match(bare) or (words and _JOINER.fullmatch(bare))):
            break
        words.append(bare)
        if bare != word:
            break
    while words and not _CAPITAL.match(words[-1]):
        words.pop()
    return " ".join(words)


def reads_as_title(raw: str, line: str) -> bool:
    """Whether a line (``raw``, and ``line`` its squashed text) reads like a job title: short,
    no bullet, sentence, hiring verb, label, hashtag or address, and a job noun in it."""
    words = line.split()
    if not (1 <= len(words) <= 14) or len(line) > 120 or CHROME_LINE.match(line):
        return False
    if BULLET.match(raw) or line.endswith((".", "?", "!", ":", "：")):
        return False
    if HIRING_VERB.search(TITLE_HEAD.sub("", line)):  # "Se busca camarero/a" is a title
        return False
    if NOT_TITLE_LINE.search(line):
        return False
    cjk = re.search(f"[{CJK}]", line)
    if cjk and (SENTENCE_ZH.search(line) or len(line) > 30):
        return False
    return bool(TITLE_WORD.search(line))
