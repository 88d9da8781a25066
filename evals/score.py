"""Type-aware scoring of extracted JobPosting records against labels.

Every field yields a ``FieldScore`` of true positives, false positives and false
negatives, counted honestly about "not stated":

* label null, prediction null: nothing is counted;
* label null, prediction has a value: fp;
* label has a value, prediction null: fn;
* both have values: tp when they match, else fp AND fn.

How values match depends on the field:

* exact (case-insensitive for strings): workplace_type, seniority, education_level,
  visa_sponsorship, language, remote_regions and employment_types items;
* names (title, company, location_city): casefolded, punctuation removed, gender markers
  such as "(m/w/d)" or "(H/F)" dropped, legal suffixes (Inc, LLC, Ltd, GmbH, ООО...)
  dropped for companies, then a token-set ratio (difflib) of at least 0.85. Unlike
  fuzzywuzzy's token_set_ratio there is no "subset scores 100" shortcut, so "Engineer"
  does not match "Senior Backend Engineer";
* dates: the same calendar day; experience_years_min: within 0.5 years;
* apply_url: equal after dropping the scheme, "www." and a trailing slash;
* salary: a range matches only when min, max (each within 1%, null only matches null),
  currency and period all agree;
* skills: casefolded, common aliases folded ("golang" -> "go"), difflib ratio >= 0.9;
* responsibilities, requirements, preferred_qualifications, benefits: token overlap
  (Dice coefficient of word sets) >= 0.6.

List fields are matched one-to-one, greedily by similarity: every unmatched prediction
is an fp (so a duplicated prediction costs an fp) and every unmatched label an fn.
Locations are scored as two list fields: ``location_country`` (the country of each
location that has one) and ``location_city`` (the city of each location that has one).
A location with the right country but the wrong city is a tp for location_country and
an fp plus an fn for location_city.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from extractor.fields import FIELDS, FieldSpec

NAME_THRESHOLD = 0.85
SKILL_THRESHOLD = 0.9
TEXT_THRESHOLD = 0.6
PAY_TOLERANCE = 0.01
YEARS_TOLERANCE = 0.5

LEGAL_SUFFIXES = frozenset("""
inc incorporated llc llp lp ltd limited plc gmbh mbh ag kg ug co corp corporation company
sa sas sasu sarl srl spa bv nv ab as asa oy oyj aps pty pvt private cjsc ojsc jsc pjsc cie
ооо оао зао пао ао ип
""".split())

SKILL_ALIASES = {
    "golang": "go", "js": "javascript", "ts": "typescript", "postgres": "postgresql",
    "k8s": "kubernetes", "nodejs": "node.js", "node": "node.js", "reactjs": "react",
    "react.js": "react", "vuejs": "vue.js", "vue": "vue.js", "c sharp": "c#",
    "amazon web services": "aws", "google cloud platform": "google cloud",
    "microsoft excel": "excel", "ms excel": "excel", "sklearn": "scikit-learn",
}

_GENDER_MARKER = re.compile(r"\(\s*[mwfhdx*](?:\s*/\s*[mwfhdx*]){1,3}\s*\)")
_NON_WORD = re.compile(r"[^\w+#]+")
_WORDS = re.compile(r"\w+")
_URL_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?")


@dataclass
class FieldScore:
    """Counts for one field: true positives, false positives, false negatives."""

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def __add__(self, other: FieldScore) -> FieldScore:
        return FieldScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Metrics:
    """Summed counts with precision, recall and F1 (None where the denominator is 0)."""

    tp: float
    fp: float
    fn: float
    precision: float | None
    recall: float | None
    f1: float | None

    @classmethod
    def from_score(cls, score: FieldScore) -> Metrics:
        """Precision, recall and F1 of the summed counts."""
        tp, fp, fn = score.tp, score.fp, score.fn
        return cls(tp, fp, fn, _ratio(tp, tp + fp), _ratio(tp, tp + fn),
                   _ratio(2 * tp, 2 * tp + fp + fn))


@dataclass(frozen=True)
class Aggregate:
    """Per-field metrics and the micro average over the same fields."""

    fields: dict[str, Metrics]
    micro: Metrics

    def as_dict(self) -> dict[str, Any]:
        """Plain dicts, ready for JSON."""
        return {"fields": {k: asdict(v) for k, v in self.fields.items()},
                "micro": asdict(self.micro)}


# --- normalisers -------------------------------------------------------------------


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _fold(text: str) -> str:
    """NFKC, casefold and accents removed."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def name_tokens(text: str, *, legal: bool = False) -> list[str]:
    """Tokens of a title or company name; with ``legal`` drop legal-form tokens at either end."""
    text = _GENDER_MARKER.sub(" ", _fold(text)).replace(".", "")
    tokens = _NON_WORD.sub(" ", text).split()
    while legal and len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
        tokens.pop()
    while legal and len(tokens) > 1 and tokens[0] in LEGAL_SUFFIXES:
        tokens.pop(0)
    return tokens


def token_set_ratio(a: Sequence[str], b: Sequence[str]) -> float:
    """difflib ratio of 'shared tokens + own tokens' strings, order- and repeat-insensitive."""
    set_a, set_b = set(a), set(b)
    shared = sorted(set_a & set_b)
    left = " ".join(shared + sorted(set_a - set_b))
    right = " ".join(shared + sorted(set_b - set_a))
    if not left and not right:
        return 1.0
    return difflib.SequenceMatcher(None, left, right).ratio()


def _as_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return text


def _as_float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _skill_key(text: str) -> str:
    key = " ".join(_fold(text).strip(" .,;:").split())
    return SKILL_ALIASES.get(key, key)


# --- similarity of two values (1.0 = same) -----------------------------------------


def _exact(a: Any, b: Any) -> float:
    if isinstance(a, str) and isinstance(b, str):
        return float(_fold(a).strip() == _fold(b).strip())
    return float(a == b)


def _title(a: Any, b: Any) -> float:
    return token_set_ratio(name_tokens(str(a)), name_tokens(str(b)))


def _company(a: Any, b: Any) -> float:
    return token_set_ratio(name_tokens(str(a), legal=True), name_tokens(str(b), legal=True))


def _date(a: Any, b: Any) -> float:
    return float(_as_date(a) == _as_date(b))


def _years(a: Any, b: Any) -> float:
    x, y = _as_float(a), _as_float(b)
    return float(x is not None and y is not None and abs(x - y) <= YEARS_TOLERANCE)


def _url(a: Any, b: Any) -> float:
    def key(url: Any) -> str:
        return _URL_PREFIX.sub("", str(url).strip().casefold()).rstrip("/")

    return float(key(a) == key(b))


def _pay_close(a: Any, b: Any) -> bool:
    x, y = _as_float(a), _as_float(b)
    if x is None or y is None:
        return x is None and y is None and _blank(a) and _blank(b)
    return abs(x - y) <= PAY_TOLERANCE * max(abs(x), abs(y))


def _salary(a: Any, b: Any) -> float:
    if not isinstance(a, Mapping) or not isinstance(b, Mapping):
        return 0.0
    same_amounts = _pay_close(a.get("min"), b.get("min")) and _pay_close(a.get("max"), b.get("max"))
    same_units = all(_exact(a.get(k), b.get(k)) for k in ("currency", "period"))
    return float(same_amounts and same_units)


def _skill(a: Any, b: Any) -> float:
    return difflib.SequenceMatcher(None, _skill_key(str(a)), _skill_key(str(b))).ratio()


def _text_item(a: Any, b: Any) -> float:
    x, y = set(_WORDS.findall(_fold(str(a)))), set(_WORDS.findall(_fold(str(b))))
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 1.0


def _city(a: Any, b: Any) -> float:
    return token_set_ratio(name_tokens(str(a)), name_tokens(str(b)))


Similarity = Callable[[Any, Any], float]
Matcher = tuple[Similarity, float]  # similarity and the least that counts as a match

# a field's ``score`` (extractor.fields) -> how its values match; scalar fields are listed
# grouped in this order (record order within a group), list fields in record order
MATCHERS: dict[str, Matcher] = {
    "title": (_title, NAME_THRESHOLD),
    "company": (_company, NAME_THRESHOLD),
    "exact": (_exact, 1.0),
    "date": (_date, 1.0),
    "years": (_years, 1.0),
    "url": (_url, 1.0),
    "salary": (_salary, 1.0),
    "skill": (_skill, SKILL_THRESHOLD),
    "text": (_text_item, TEXT_THRESHOLD),
}
# a location is scored as two list fields: its country and its city
LOCATION_PARTS: dict[str, Matcher] = {
    "location_country": (_exact, 1.0),
    "location_city": (_city, NAME_THRESHOLD),
}


def _scored(spec: FieldSpec) -> dict[str, Matcher]:
    """The scored names of one record field and how each matches."""
    return LOCATION_PARTS if spec.score == "location" else {spec.name: MATCHERS[spec.score]}


def _scalar_order(spec: FieldSpec) -> int:
    return list(MATCHERS).index(spec.score)


SCALAR_FIELDS: dict[str, Matcher] = {
    name: matcher for spec in sorted((f for f in FIELDS if not f.many), key=_scalar_order)
    for name, matcher in _scored(spec).items()
}
LIST_FIELDS: dict[str, Matcher] = {
    name: matcher for spec in FIELDS if spec.many for name, matcher in _scored(spec).items()
}
ALL_FIELDS: tuple[str, ...] = (*SCALAR_FIELDS, *LIST_FIELDS)
# the headline table's rows, in each field's ``headline`` order
HEADLINE_FIELDS: tuple[str, ...] = tuple(
    name for spec in sorted((f for f in FIELDS if f.headline), key=lambda f: f.headline)
    for name in _scored(spec)
)


# --- scoring -----------------------------------------------------------------------


def score_scalar(expected: Any, got: Any, similarity: Similarity, threshold: float) -> FieldScore:
    """Score one value: tp on a match, fp+fn on a mismatch, nothing when both are null."""
    if _blank(expected) and _blank(got):
        return FieldScore()
    if _blank(expected):
        return FieldScore(fp=1)
    if _blank(got):
        return FieldScore(fn=1)
    if similarity(expected, got) >= threshold:
        return FieldScore(tp=1)
    return FieldScore(fp=1, fn=1)


def match_one_to_one(
    expected: Sequence[Any], got: Sequence[Any], similarity: Similarity, threshold: float
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (expected index, got index), most similar pairs first."""
    pairs = sorted(
        ((similarity(e, g), i, j) for i, e in enumerate(expected) for j, g in enumerate(got)),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    used_e: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for sim, i, j in pairs:
        if sim >= threshold and i not in used_e and j not in used_g:
            used_e.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def score_list(
    expected: Sequence[Any], got: Sequence[Any], similarity: Similarity, threshold: float
) -> FieldScore:
    """Score two lists item by item after one-to-one matching."""
    expected = [x for x in expected if not _blank(x)]
    got = [x for x in got if not _blank(x)]
    tp = len(match_one_to_one(expected, got, similarity, threshold))
    return FieldScore(tp=tp, fp=len(got) - tp, fn=len(expected) - tp)


def _as_mapping(record: Any) -> Mapping[str, Any]:
    if record is None:
        return {}
    if hasattr(record, "model_dump"):
        return record.model_dump(mode="json")
    return record


def _list_values(record: Mapping[str, Any], field: str) -> list[Any]:
    if field in ("location_country", "location_city"):
        key = field.removeprefix("location_")
        locations = record.get("locations") or []
        return [loc.get(key) for loc in locations if isinstance(loc, Mapping)]
    value = record.get(field)
    return list(value) if isinstance(value, list | tuple) else []


def score_record(
    expected: Mapping[str, Any],
    got: Mapping[str, Any] | None,
    fields: Iterable[str] | None = None,
) -> dict[str, FieldScore]:
    """Score one predicted record (None = extraction failed) against its labels, per field.

    ``fields`` limits scoring to those fields (for labels that state only some); by
    default every field is scored and a field absent from ``expected`` counts as null.
    """
    exp, pred = _as_mapping(expected), _as_mapping(got)
    chosen = _known_fields(fields)
    scores: dict[str, FieldScore] = {}
    for field in chosen:
        if field in SCALAR_FIELDS:
            sim, threshold = SCALAR_FIELDS[field]
            scores[field] = score_scalar(exp.get(field), pred.get(field), sim, threshold)
        else:
            sim, threshold = LIST_FIELDS[field]
            scores[field] = score_list(
                _list_values(exp, field), _list_values(pred, field), sim, threshold
            )
    return scores


def _known_fields(fields: Iterable[str] | None) -> list[str]:
    """The chosen fields in scoring order ("locations" means both location fields).

    Unknown names are an error rather than a silent zero.
    """
    if fields is None:
        return list(ALL_FIELDS)
    chosen = set(fields)
    if "locations" in chosen:
        chosen = (chosen - {"locations"}) | {"location_country", "location_city"}
    unknown = chosen - set(ALL_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}; known: {', '.join(ALL_FIELDS)}")
    return [f for f in ALL_FIELDS if f in chosen]


def aggregate(
    records: Iterable[Mapping[str, FieldScore]], fields: Iterable[str] | None = None
) -> Aggregate:
    """Sum per-record scores into per-field and micro precision/recall/F1.

    ``fields`` picks a subset (for example ``HEADLINE_FIELDS``); by default all of
    ``ALL_FIELDS``. The micro average sums the counts of the chosen fields only.
    """
    totals: dict[str, FieldScore] = {f: FieldScore() for f in _known_fields(fields)}
    for record in records:
        for field in totals:
            totals[field] = totals[field] + record.get(field, FieldScore())
    micro = sum(totals.values(), FieldScore())
    return Aggregate({f: Metrics.from_score(s) for f, s in totals.items()},
                     Metrics.from_score(micro))


__all__ = [
    "ALL_FIELDS", "HEADLINE_FIELDS", "Aggregate", "FieldScore", "Metrics", "aggregate",
    "match_one_to_one", "name_tokens", "score_list", "score_record", "score_scalar",
    "token_set_ratio",
]
