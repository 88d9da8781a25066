"""The eval report as one self-contained HTML page, to review each document by eye.

Per document: the posting text with the expected values and each system's values marked
in it, beside a table of every scored field (expected, then one column per system).
The documents, the fields and each document's rows sort on a click on a column header;
a field box, a document box and "only disagreements" filter them (also read from and
written to the address: ``eval.html#field=salary&doc=synthetic/0&only=1&sys=1``).

Where the marks come from. The text is the cleaned posting text the pipeline read (the
runner carries it per document; reports made before it did show no text).

* expected (dashed outline): the label's value searched in the text, first occurrence,
  case-insensitive, whole words (a location's country by the location's raw text);
* a system's value (a fill in that system's colour, the one chosen under "highlight"):
  the system's evidence span for it when the span reads the same in this text, else the
  value searched like an expected one;
* red fill: that value is wrong (a scalar field with fp or fn; a list item the scorer
  matched to no label), so where the outline and the fill differ, the page shows it.

Fields whose value is not text (``language``: its evidence is the whole posting) and
values not written in the text (dates, enum codes) are not marked; the table has them.
Everything from a posting, a label or a record is escaped; the script reads no data, it
only sorts and hides what the page already holds, so no posting text can run as code.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from evals.score import ALL_FIELDS, LIST_FIELDS, LOCATION_PARTS, match_one_to_one

NOT_MARKED = frozenset({"language"})
MAX_MARK_CHARS = 2000  # a longer evidence span covers the posting rather than a value
COLOURS = ("#bfdbfe", "#ddd6fe", "#bbf7d0", "#fde68a", "#fbcfe8", "#a5f3fc")
_RANK = {"bad": 0, "none": 1, "ok": 2}  # a system column sorts wrong rows first


def esc(value: Any) -> str:
    """Text for HTML content and quoted attributes."""
    return html.escape(str(value), quote=True)


def fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


# --- values as the scorer reads them ------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One value of a field: what the table shows and the string searched in the text."""

    value: Any
    needle: str | None


def shown_value(record: Mapping[str, Any] | None, field: str) -> Any:
    """A scored field's value; a location part is that part of each location, as scored."""
    record = record or {}
    if field in LOCATION_PARTS:
        key = field.removeprefix("location_")
        return [loc.get(key) for loc in record.get("locations") or [] if isinstance(loc, Mapping)]
    return record.get(field)


def items(record: Mapping[str, Any] | None, field: str) -> list[Item]:
    """The field's non-blank values, each with the text to look for."""
    if field in LOCATION_PARTS:
        return _location_items(record or {}, field.removeprefix("location_"))
    value = shown_value(record, field)
    values = value if isinstance(value, list) else [value]
    return [Item(v, _needle(v)) for v in values if not _blank(v)]


def _location_items(record: Mapping[str, Any], key: str) -> list[Item]:
    found = []
    for loc in record.get("locations") or []:
        if isinstance(loc, Mapping) and not _blank(loc.get(key)):
            # a posting rarely writes the country code; it writes the location's own text
            needle = loc.get(key) if key == "city" else loc.get("raw") or loc.get(key)
            found.append(Item(loc.get(key), _needle(needle)))
    return found


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _needle(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("raw")
    if isinstance(value, str) and len(value.strip()) >= 2:
        return value.strip()
    return None


def status(doc: Mapping[str, Any] | None, field: str) -> str:
    """"bad" (fp or fn), "ok" (tp only) or "none" (nothing counted) for one system."""
    tp, fp, fn = (doc or {}).get("scores", {}).get(field) or (0, 0, 0)
    return "bad" if fp or fn else "ok" if tp else "none"


def matched(expected: list[Item], got: list[Item], field: str,
            doc: Mapping[str, Any]) -> list[bool]:
    """Per got item: is it right? A scalar by its score; list items as the scorer pairs
    them (worked out again only when some are right and some wrong)."""
    tp, fp, _fn = doc.get("scores", {}).get(field) or (0, 0, 0)
    if field not in LIST_FIELDS or not (tp and fp):
        return [not fp] * len(got)
    similarity, threshold = LIST_FIELDS[field]
    pairs = match_one_to_one([e.value for e in expected], [g.value for g in got],
                             similarity, threshold)
    right = {j for _i, j in pairs}
    return [j in right for j in range(len(got))]


# --- finding values in the text ----------------------------------------------------


def find(text: str, needle: str | None) -> tuple[int, int] | None:
    """The first whole-word occurrence of ``needle`` in ``text``: case-insensitive unless it
    is one or two characters ("US" is not "us"), any run of spaces matching any other."""
    if not needle:
        return None
    short = len(needle) <= 2
    hay = text if short else _lowered(text)
    if len(hay) == len(text):  # lowering kept every offset, so plain find() will do
        spot = _whole_word(hay, needle if short else " ".join(needle.split()).lower())
        if spot or len(needle.split()) == 1:
            return spot
    hit = _pattern(needle).search(text)  # other spacing, or a text lower() changed in length
    return hit.span() if hit else None


@lru_cache(maxsize=8)
def _lowered(text: str) -> str:
    return text.lower()


def _whole_word(hay: str, probe: str) -> tuple[int, int] | None:
    start = hay.find(probe)
    while start >= 0:
        end = start + len(probe)
        if _edge(hay, start - 1) and _edge(hay, end):
            return start, end
        start = hay.find(probe, start + 1)
    return None


def _edge(text: str, index: int) -> bool:
    """No word character at ``index`` (as regex ``\\w``: letters, digits, underscore)."""
    return not 0 <= index < len(text) or not (text[index].isalnum() or text[index] == "_")


@lru_cache(maxsize=1024)
def _pattern(needle: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in needle.split())
    flags = 0 if len(needle) <= 2 else re.IGNORECASE
    return re.compile(rf"(?<!\w){words}(?!\w)", flags)


Span = tuple[int, int, str]  # start, end and the text between them


def evidence_spans(text: str, evidence: Mapping[str, Any], field: str) -> list[Span]:
    """The field's evidence spans that still read the same in ``text``."""
    key = "locations" if field in LOCATION_PARTS else field
    spans = []
    for span in evidence.get(key) or []:
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int)):
            continue
        if 0 <= start < end <= len(text) and end - start <= MAX_MARK_CHARS:
            said = span.get("text")
            if said is None or text[start:end] == said:
                spans.append((start, end, text[start:end]))
    return spans


def item_span(text: str, item: Item, spans: list[Span],
              scalar: bool) -> tuple[int, int] | None:
    """Where ``item`` is in the text: its evidence span, else its value searched."""
    fold = (item.needle or "").casefold()
    for start, end, said in spans:
        if scalar or said.casefold() == fold:
            return start, end
    for start, end, said in spans:
        if fold and fold in said.casefold():
            return start, end
    return find(text, item.needle)


# --- the marked posting text -------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    field: str
    who: str  # "expected" or a system's label
    css: str  # "e", or "g<i>" with " x<i>" when the value is wrong


def expected_marks(text: str, expected: Mapping[str, Any], field: str) -> list[Mark]:
    spots = (find(text, item.needle) for item in items(expected, field))
    return [Mark(a, b, field, "expected", "e") for a, b in filter(None, spots)]


def system_marks(text: str, expected: Mapping[str, Any], doc: Mapping[str, Any], field: str,
                 index: int, label: str) -> list[Mark]:
    """One system's values of one field in the text, each marked right or wrong."""
    got = items(doc.get("got"), field)
    right = matched(items(expected, field), got, field, doc)
    spans = evidence_spans(text, doc.get("evidence") or {}, field)
    marks = []
    for item, ok in zip(got, right, strict=True):
        spot = item_span(text, item, spans, scalar=field not in LIST_FIELDS)
        if spot:
            css = f"g{index}" if ok else f"g{index} x{index}"
            marks.append(Mark(spot[0], spot[1], field, label, css))
    return marks


def marked_text(text: str, marks: Sequence[Mark]) -> str:
    """The escaped text with every mark; overlapping marks split it into segments."""
    opens: dict[int, list[Mark]] = defaultdict(list)
    closes: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        opens[mark.start].append(mark)
        closes[mark.end].append(mark)
    cuts = sorted({0, len(text), *opens, *closes})
    active: list[Mark] = []
    out = []
    for start, end in pairwise(cuts):
        active = [m for m in active if m not in closes[start]] + opens[start]
        out.append(_segment(text[start:end], active))
    return "".join(out)


def _segment(piece: str, active: Sequence[Mark]) -> str:
    if not active:
        return esc(piece)
    css = sorted({c for m in active for c in m.css.split()})
    fields = sorted({m.field for m in active})
    notes = sorted({f"{m.who}: {m.field}{' (wrong)' if ' x' in m.css else ''}" for m in active})
    return (f'<mark class="{" ".join(css)}" data-f="{esc(" ".join(fields))}" '
            f'title="{esc("; ".join(notes))}">{esc(piece)}</mark>')


# --- the page ----------------------------------------------------------------------


@dataclass(frozen=True)
class DocView:
    """One document across systems: ``docs`` holds each system's entry (None if absent)."""

    number: int
    doc_id: str
    docs: list[dict[str, Any] | None]
    text: str | None

    @property
    def expected(self) -> dict[str, Any]:
        return next(d for d in self.docs if d is not None)["expected"]

    @property
    def fields(self) -> list[str]:
        return [f for f in ALL_FIELDS if any(d is not None and f in d["scores"] for d in self.docs)]

    def wrong(self, doc: dict[str, Any] | None) -> int:
        return sum(status(doc, f) == "bad" for f in self.fields)


def documents(report: Mapping[str, Any], labels: list[str]) -> list[DocView]:
    """Every document id across systems, in the order the systems met them."""
    by_id: dict[str, dict[str, dict[str, Any]]] = {}
    for label in labels:
        for doc in report["documents"].get(label, []):
            by_id.setdefault(doc["id"], {})[label] = doc
    texts = report.get("texts") or {}
    return [DocView(n, doc_id, [docs.get(label) for label in labels], texts.get(doc_id))
            for n, (doc_id, docs) in enumerate(by_id.items())]


def render_page(report: Mapping[str, Any]) -> str:
    """The whole page: header, controls, system and field tables, then every document."""
    labels = [s["label"] for s in report["systems"]]
    docs = documents(report, labels)
    return "\n".join([
        _head(report, labels), _controls(labels), LEGEND, _systems_table(report),
        _fields_table(report), _index_table(docs, labels), "<div id=docs>",
        *(_document(doc, labels) for doc in docs), "</div>", f"<script>{JS}</script>",
    ])


def _head(report: Mapping[str, Any], labels: list[str]) -> str:
    return (f"<!doctype html><html lang=en><meta charset=utf-8><title>extractor eval</title>"
            f"<style>{CSS}{_system_css(len(labels))}</style><body class=s0>"
            f"<h1>extractor evaluation</h1><p>{esc(report['created'])} · code "
            f"{esc(report['code_version'])} · {esc(report['machine'])} · sets "
            f"{esc(', '.join(report['fixture_sets']))}</p>")


def _system_css(count: int) -> str:
    rules = []
    for i in range(count):
        colour = COLOURS[i % len(COLOURS)]
        rules.append(f".s{i} mark.g{i},.s{i} .legend mark.demo{{background:{colour}}}"
                     f".s{i} mark.x{i}{{background:#fca5a5;text-decoration:underline wavy "
                     f"#b91c1c}}th.c{i}{{border-top:4px solid {colour}}}")
    return "".join(rules)


def _controls(labels: list[str]) -> str:
    options = "".join(f"<option value={i}>{esc(label)}</option>" for i, label in enumerate(labels))
    return ("<div id=controls><label>field <input id=f-field type=search "
            "placeholder='e.g. salary'></label> <label>document <input id=f-doc type=search "
            "placeholder='id contains'></label> <label><input id=f-bad type=checkbox> only "
            "disagreements</label> <label>highlight <select id=f-sys>"
            f"{options}</select></label> <output id=shown></output></div>")


LEGEND = (
    "<p class=legend><mark class=e>dashed outline</mark> the expected value, found by "
    "searching the label in the text · <mark class=demo>fill</mark> the highlighted "
    "system's value (its evidence span, else its value searched) · <mark class=x0>"
    "red</mark> that value is wrong · table cells: <span class=ok>right</span>, <span "
    "class=bad>&ne; wrong or missing</span>, plain: both null. Click a header to sort, a "
    "row to pick out its field in the text.</p>"
)


def _systems_table(report: Mapping[str, Any]) -> str:
    head = ("system", "backend", "model", "strategy", "prompt", "schema", "micro F1", "errors",
            "median s", "tokens in/out", "cost $")
    rows = []
    for s in report["systems"]:
        cells = [s["label"], s.get("backend"), s.get("model"), s.get("strategy"),
                 s.get("prompt"), s.get("schema"), fmt(s["headline"]["micro"]["f1"]),
                 f"{s['errors']}/{s['documents']}", fmt(s["latency_s"]["median"]),
                 f"{s['tokens']['prompt']}/{s['tokens']['completion']}",
                 "-" if s["cost_usd"] is None else f"{s['cost_usd']:.4f}"]
        rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
    return _table("systems", [esc(h) for h in head], rows)


def _fields_table(report: Mapping[str, Any]) -> str:
    systems = report["systems"]
    head = ["field", *(f"{esc(s['label'])} F1 (P/R)" for s in systems)]
    rows = []
    for name in ALL_FIELDS:
        cells = "".join(_f1_cell(s["all_fields"]["fields"][name]) for s in systems)
        rows.append(f'<tr data-field="{esc(name)}"><td>{esc(name)}</td>{cells}</tr>')
    return _table("fields", head, rows)


def _f1_cell(m: Mapping[str, Any]) -> str:
    key = -1 if m["f1"] is None else m["f1"]
    return (f"<td data-sort={key}>{fmt(m['f1'])} ({fmt(m['precision'])}/"
            f"{fmt(m['recall'])})</td>")


def _index_table(docs: list[DocView], labels: list[str]) -> str:
    head = ["document", "fields", *(f"{esc(label)} wrong" for label in labels)]
    rows = []
    for doc in docs:
        cells = "".join(_wrong_cell(doc, d) for d in doc.docs)
        rows.append(f'<tr data-doc="{esc(doc.doc_id)}" data-target=d{doc.number}><td>'
                    f'<a href="#d{doc.number}">{esc(doc.doc_id)}</a></td>'
                    f"<td>{len(doc.fields)}</td>{cells}</tr>")
    return "<h2>Documents</h2>" + _table("index", head, rows)


def _wrong_cell(doc: DocView, entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "<td data-sort=-1>-</td>"
    if entry["error"]:
        return f"<td class=bad data-sort=999>error, {doc.wrong(entry)}</td>"
    wrong = doc.wrong(entry)
    return f"<td class={'bad' if wrong else 'ok'} data-sort={wrong}>{wrong}</td>"


def _table(table_id: str, head: list[str], rows: list[str]) -> str:
    """A sortable table; ``head`` is already HTML."""
    cells = "".join(f"<th>{h}</th>" for h in head)
    return (f"<table id={table_id} class=sortable><thead><tr>{cells}</tr></thead><tbody>"
            + "\n".join(rows) + "</tbody></table>")


def _document(doc: DocView, labels: list[str]) -> str:
    heads = "<th>field</th><th>expected</th>" + "".join(
        f"<th class=c{i}>{esc(label)}</th>" for i, label in enumerate(labels))
    rows = "".join(_field_row(doc, field) for field in doc.fields)
    summary = " · ".join(f"{esc(label)} {_wrong_words(doc, entry)}"
                         for label, entry in zip(labels, doc.docs, strict=True))
    return (f'<section class=doc id=d{doc.number} data-doc="{esc(doc.doc_id)}"><h3>'
            f'<a href="#d{doc.number}">{esc(doc.doc_id)}</a> <small>{summary}</small></h3>'
            f"{_errors(doc, labels)}<div class=pair><pre class=text>{_posting(doc, labels)}</pre>"
            f"<table class=sortable><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody>"
            f"</table></div></section>")


def _wrong_words(doc: DocView, entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "not run"
    return f"{doc.wrong(entry)} wrong" + (", failed" if entry["error"] else "")


def _errors(doc: DocView, labels: list[str]) -> str:
    failed = [(label, d["error"]) for label, d in zip(labels, doc.docs, strict=True)
              if d is not None and d["error"]]
    return "".join(f"<p class=bad>{esc(label)} failed: "
                   f"{esc(json.dumps(error, ensure_ascii=False))}</p>" for label, error in failed)


def _posting(doc: DocView, labels: list[str]) -> str:
    if doc.text is None:
        return "<i>no posting text in this report (made before reports carried it)</i>"
    marks: list[Mark] = []
    for field in (f for f in doc.fields if f not in NOT_MARKED):
        marks += expected_marks(doc.text, doc.expected, field)
        for i, (label, entry) in enumerate(zip(labels, doc.docs, strict=True)):
            if entry is not None and entry["got"] is not None:
                marks += system_marks(doc.text, doc.expected, entry, field, i, label)
    return marked_text(doc.text, marks)


def _field_row(doc: DocView, field: str) -> str:
    states = [status(d, field) for d in doc.docs]
    cells = "".join(_got_cell(d, field, s) for d, s in zip(doc.docs, states, strict=True))
    return (f'<tr data-field="{esc(field)}" data-bad={int("bad" in states)}><td>{esc(field)}'
            f"</td><td>{value_html(shown_value(doc.expected, field))}</td>{cells}</tr>")


def _got_cell(entry: dict[str, Any] | None, field: str, state: str) -> str:
    if entry is None:
        return "<td data-sort=1>-</td>"
    tp, fp, fn = entry["scores"].get(field) or (0, 0, 0)
    sign = "<b>&ne;</b> " if state == "bad" else ""
    return (f'<td class={state} data-sort={_RANK[state]} title="tp {tp:g} fp {fp:g} fn {fn:g}">'
            f"{sign}{value_html(shown_value(entry['got'], field))}</td>")


def value_html(value: Any) -> str:
    """A value for a table cell: null in italics, a list one item a line, escaped."""
    if value is None or value == []:
        return f"<i>{'null' if value is None else '[]'}</i>"
    if isinstance(value, list):
        return "".join(f"<div>{value_html(v)}</div>" for v in value)
    if isinstance(value, str):
        return esc(value)
    return esc(json.dumps(value, ensure_ascii=False))


CSS = """body{font:14px system-ui,sans-serif;margin:1.5em;max-width:1500px}
table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:3px 7px;
vertical-align:top}th{background:#f4f4f4;cursor:pointer;user-select:none;text-align:left}
th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
.bad{background:#fde2e2}.ok{background:#e2f5e2}[hidden]{display:none!important}
#controls{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ccc;
z-index:1}#controls input[type=search]{width:12em}#shown{margin-left:1em;color:#555}
section.doc{border-top:2px solid #999;margin-top:1.2em;content-visibility:auto;
contain-intrinsic-size:auto 500px}.pair{display:grid;grid-template-columns:minmax(0,1fr)
minmax(0,1.2fr);gap:1em;align-items:start}pre.text{white-space:pre-wrap;background:#f8f8f8;
padding:.6em;max-height:40em;overflow:auto;margin:.6em 0;font:13px/1.45 ui-monospace,monospace}
mark{background:none;color:inherit;border-radius:2px}mark.e{outline:1.5px dashed #1d4ed8;
outline-offset:1px}.legend mark.x0{background:#fca5a5}
.focused mark:not(.on){background:none!important;outline:none;text-decoration:none}
mark.on{box-shadow:0 0 0 2px #111}tr.focus td{box-shadow:inset 0 0 0 2px #111}
section.doc tbody tr{cursor:pointer}td div+div{border-top:1px dotted #ccc}h3 small{
font-weight:normal;color:#555}"""

JS = r"""(function(){
const $=id=>document.getElementById(id);
const all=(sel,root)=>Array.from((root||document).querySelectorAll(sel));
const field=$('f-field'),doc=$('f-doc'),bad=$('f-bad'),sys=$('f-sys'),shown=$('shown');
const sections=all('section.doc'),index={};
all('#index tbody tr').forEach(tr=>{index[tr.dataset.target]=tr;});
sections.forEach(s=>{s._rows=all('tbody tr',s);});
function readHash(){const p=new URLSearchParams(location.hash.slice(1));
 field.value=p.get('field')||'';doc.value=p.get('doc')||'';bad.checked=p.get('only')==='1';
 if(p.get('sys')&&sys.querySelector('option[value="'+CSS.escape(p.get('sys'))+'"]'))
  sys.value=p.get('sys');}
function writeHash(){const p=new URLSearchParams();if(field.value)p.set('field',field.value);
 if(doc.value)p.set('doc',doc.value);if(bad.checked)p.set('only','1');
 if(sys.value!=='0')p.set('sys',sys.value);
 history.replaceState(null,'',p.toString()?'#'+p.toString():location.pathname);}
function apply(){const f=field.value.trim().toLowerCase(),d=doc.value.trim().toLowerCase();
 const only=bad.checked;let docs=0,rows=0;
 for(const s of sections){const docOk=!d||s.dataset.doc.toLowerCase().includes(d);let n=0;
  for(const tr of s._rows){const ok=docOk&&(!f||tr.dataset.field.includes(f))&&
   (!only||tr.dataset.bad==='1');tr.hidden=!ok;if(ok)n++;}
  const show=docOk&&(n>0||(!f&&!only));s.hidden=!show;
  if(index[s.id])index[s.id].hidden=!show;if(show){docs++;rows+=n;}}
 all('#fields tbody tr').forEach(tr=>{tr.hidden=!!f&&!tr.dataset.field.includes(f);});
 document.body.className='s'+sys.value;
 shown.textContent=docs+' of '+sections.length+' documents, '+rows+' field rows';}
function key(td){const v=td.dataset.sort!==undefined?td.dataset.sort:td.textContent.trim();
 return v!==''&&!isNaN(v)?Number(v):v.toLowerCase();}
function cmp(a,b){return typeof a==='number'&&typeof b==='number'?a-b:
 String(a).localeCompare(String(b));}
function sortBy(th){const t=th.closest('table'),i=th.cellIndex;
 const asc=th.getAttribute('aria-sort')!=='ascending';
 all('th',t.tHead).forEach(h=>h.removeAttribute('aria-sort'));
 th.setAttribute('aria-sort',asc?'ascending':'descending');
 const body=t.tBodies[0],rows=Array.from(body.rows);
 rows.sort((a,b)=>cmp(key(a.cells[i]),key(b.cells[i]))*(asc?1:-1));body.append(...rows);
 if(t.id==='index'){const box=$('docs');rows.forEach(r=>box.append($(r.dataset.target)));}}
all('table.sortable thead').forEach(h=>h.addEventListener('click',e=>{
 const th=e.target.closest('th');if(th)sortBy(th);}));
function focus(tr){const s=tr.closest('section'),f=tr.dataset.field;
 const on=!tr.classList.contains('focus');
 all('tr.focus',s).forEach(r=>r.classList.remove('focus'));
 if(on)tr.classList.add('focus');s.classList.toggle('focused',on);let first=null;
 all('mark',s).forEach(m=>{const hit=on&&m.dataset.f.split(' ').includes(f);
  m.classList.toggle('on',hit);if(hit&&!first)first=m;});
 if(first)first.scrollIntoView({block:'nearest'});}
$('docs').addEventListener('click',e=>{const tr=e.target.closest('tbody tr');
 if(tr&&tr.closest('section.doc'))focus(tr);});
[field,doc].forEach(x=>x.addEventListener('input',()=>{apply();writeHash();}));
[bad,sys].forEach(x=>x.addEventListener('change',()=>{apply();writeHash();}));
window.addEventListener('hashchange',()=>{readHash();apply();});
readHash();apply();document.body.dataset.ready='1';
})();"""
