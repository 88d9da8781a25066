"""Stage 1, loading: files, folders, stdin and strings in; `Document` or `LoadFailure` out.

Every input gives exactly one result per posting it holds (a JSONL line, a JSON array
item, an item of a job list inside an API envelope), so a batch can report each input
once. Nothing here raises for bad input: `iter_inputs` turns each problem into a
`LoadFailure` with a short `error_type`.

Text leaves this module in Unicode NFC (files, stdin, strings and JSON string values),
so a posting pasted in NFD ("Zu\\u0308rich") reads the same as its NFC twin. The string
values of JSON, CSV and Parquet rows also have their mojibake repaired (`repair_mojibake`:
"ZÃ³calo" -> "Zócalo"), since a row's fields reach the record as they are; the text of a
whole file is repaired by cleaning, after its markup and entities are read.

JSON shapes: a posting is the object that holds posting text (a description-like key, in
the languages users feed), searched breadth-first through envelopes (``{"data": {"job":
{...}}}``, ``{"result": {...}}``); among several, one with a title-like key wins, and a
company object or a section of a posting loses to any other. Other postings beside it
(``similarJobs``, ``recommendations``, ``avisos_relacionados``) are never read. Its title,
company and location (nested ``{"name": ...}`` objects and address parts too) become a
short header; an API answer's pay, employment type, workplace, level, experience,
education and dates follow them as header lines (see the header section below), which a
table's row keeps to the first three. Keys are matched in one form, case-folded, letters
and digits only ("Job Title", "job_title" and "jobTitle" are one key). A ``.json`` file
whose postings sit in a list inside an envelope (``{"jobs": [...]}``) gives one result per
item, as a top-level array does. A JSONL line or a string holds one posting: one that
holds several fails as ``multiple_postings`` rather than keep one of them silently. An
empty list is an ``empty_input`` failure, not a missing result.

CSV and Parquet files hold a row per posting, each read as a JSON row is (row N is
``FILE#N``, from 1, the header not counted; see the tables section below).

Sources: see `iter_inputs`; stdin is ``<stdin>``, read as bytes like a file.

Reference dates (what "Reposted 8 Days Ago" counts from): a posting may state its own,
in a JSON field (``REFERENCE_KEYS``: ``reference_date``, ``date_scraped``, ``scraped_at``,
``crawled_at``, ``fetched_at``...; an ISO date or datetime, or Unix seconds) or, for a
whole file, in a sidecar beside it, ``<file>.meta.json`` holding
``{"reference_date": "YYYY-MM-DD"}`` (the row's own field wins). A folder walk does not
read a sidecar as an input. Each file's modification day comes along as well
(`Document.modified`), which the pipeline uses only when asked (copying files changes it).
"""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import io
import json
import os
import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from html import escape, unescape
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any, Literal

from ftfy import fix_encoding
from ftfy.badness import is_bad

from extractor.codes import country_name, currency_code
from extractor.outputs import written_kind

__all__ = [
    "MAX_BYTES", "Document", "Kind", "LoadError", "LoadFailure", "company_column",
    "decode_bytes", "folder_root", "iter_inputs", "load_text", "looks_like_html",
    "repair_mojibake", "stdin_input", "text_input", "title_column", "url_column",
]

Kind = Literal["text", "markdown", "html", "json"]
MAX_BYTES = 20_000_000  # the largest file or stdin read, unless the caller says otherwise
STDIN_SOURCE = "<stdin>"

EXTENSION_KINDS: dict[str, Kind] = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "json",
    ".csv": "json", ".parquet": "json",  # a row per posting, read as a JSON row is
}
# JSON keys, in the one form `_key` gives them. The parts of a posting's text, joined in
# this order (EMSCAD splits one posting over four); a tuple is alternatives, first found
# wins (Ashby and Lever send the same description as HTML and as plain text).
BODY_KEYS: tuple[tuple[str, ...], ...] = (
    ("companyprofile",),
    ("description", "descriptionhtml", "jobdescription", "descriptiontext", "descriptionplain",
     "fulldescription", "jobpost", "jobdesc", "postdescription", "beschreibung",
     "stellenbeschreibung", "descricao", "descrição", "descricaodavaga", "descripcion",
     "descripción", "descripciondelpuesto", "descriptif", "descriptifduposte", "описание",
     "описаниевакансии", "职位描述", "岗位描述", "职位详情", "工作内容", "職缺描述", "工作內容"),
    ("requirements",), ("benefits",), ("skillsdesc",), ("additional",),
)
# each read alone, when no body key is found
WEAK_TEXT_KEYS = ("content", "text", "body", "summary", "desc")
# Keys of other postings beside the posting ("similarJobs", "recommendations",
# "avisos_relacionados", "recommendJobs"), holding lists or objects: never its text.
_OTHER_POSTINGS_RE = re.compile(
    r"similar|semelhant|relacionad|related|recommend|recomend|recommand|suggest|sugerid|"
    r"parecid|ähnlich|aehnlich|похож|рекоменд|相似|类似|類似|推荐|推薦|相关|相關|"
    r"^(?:other|more|weitere|andere|outras|otras|autres|другие)(?:jobs|postings|positions|"
    r"vacancies|offers|openings|vagas|ofertas|offres|stellen|вакансии)")
# Lists of headed parts: Lever's "lists" [{"text": heading, "content": html}], and
# SmartRecruiters' "jobAd": {"sections": {name: {"title": heading, "text": html}}}.
SECTION_KEYS = ("lists", "sections", "jobad")
# Shown to a reader of the posting itself; rendered as a short header. A table's label
# columns (salary_min, remote_allowed, fraudulent, Rating...) are never read (see the
# header section).
TITLE_KEYS = ("title", "jobtitle", "position", "positiontitle", "positionname", "jobname",
              "titel", "stellentitel", "stellenbezeichnung", "bezeichnung", "jobbezeichnung",
              "cargo", "titulo", "título", "puesto", "nombrepuesto", "função", "funcao",
              "poste", "intitulé", "intitule", "intituléduposte", "должность",
              "названиевакансии", "职位", "职位名称", "岗位", "岗位名称", "職稱", "職缺名稱")
COMPANY_KEYS = ("company", "companyname", "hiringorganization", "organization",
                "organizationname", "employer", "employername", "unternehmen", "firma",
                "arbeitgeber", "empresa", "nomeempresa", "nombreempresa", "compañía",
                "entreprise", "employeur", "société", "societe", "компания", "работодатель",
                "公司", "公司名称", "企业", "企业名称", "企業", "brand", "brandname", "custname")
LOCATION_KEYS = ("location", "joblocation", "locationname", "fulllocation", "locationstr",
                 "standort", "arbeitsort", "einsatzort", "dienstort", "ubicacion", "ubicación",
                 "localizacao", "localização", "localidad", "localidade", "lieu", "lieudetravail",
                 "местоработы", "地点", "工作地点", "工作城市", "工作地區", "地區")
# A posting's own date columns, shown in the header and read by the merge when they hold an
# ISO date; the first found. A bare "date" ("data", "fecha", "Datum") is not read: it does
# not say what it dates (a fetch, an update).
POSTED_KEYS = ("dateposted", "datepublished", "postedat", "postedon", "posteddate",
               "publishedat", "publishedon", "publisheddate", "publishdate", "publishtime",
               "published", "publicationdate", "firstpublished", "posttime",
               "fechapublicacion", "fechadepublicacion", "datapublicacao", "datadepublicacao",
               "publicado", "publicada", "publicadoem", "publicadaem", "publié", "publie",
               "datepublication", "datedepublication", "publiziert", "veröffentlicht",
               "veroeffentlicht", "veröffentlichtam", "опубликовано", "датапубликации",
               "发布时间", "发布日期")
DEADLINE_KEYS = ("validthrough", "expiresat", "expireson", "expires", "expirydate",
                 "expirationdate", "applicationdeadline", "deadline", "closingdate",
                 "closesat", "lastdatetoapply", "applyby", "fechacierre", "fechadecierre",
                 "fechalimite", "cierre", "dataencerramento", "datalimite", "datecloture",
                 "dateclôture", "bewerbungsschluss", "bewerbungsfrist", "截止日期", "截止时间")
# Where to apply: an apply column (a URL, or {"url": ...}), else the posting's own address.
APPLY_KEYS = ("applyurl", "applicationurl", "applylink", "applicationlink", "apply")
URL_KEYS = ("url", "joburl", "jobpostingurl", "postingurl", "absoluteurl", "hostedurl")
_ADDRESS_KEYS = ("city", "addresslocality", "cidade", "ciudad", "comuna", "ville", "stadt",
                 "ort", "город", "城市", "region", "state", "addressregion", "estado", "uf",
                 "provincia", "province", "région", "bundesland", "country", "addresscountry",
                 "pais", "país", "pays", "страна", "国家")
_COUNTRY_KEYS = frozenset(("country", "addresscountry", "pais", "país", "pays", "страна", "国家"))
# A company object's name; its legal name ("... S.L.") only when it has no other.
_COMPANY_NAME_KEYS = ("name", "nome", "nombre", "nom", "displayname", "nombrecomercial",
                      "nombrefantasia", "nomefantasia", "tradename", "legalname", "razonsocial")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)
_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff")
# Tie-break for charset-normalizer, which scores cp1250, cp1252 and cp775 (nearly) the same.
_COHERENCE_TIE = 0.1
_ENCODING_RANK = {name: rank for rank, name in enumerate((
    "cp1252", "cp1251", "latin_1", "iso8859_15", "cp1250", "koi8_r", "gb18030", "big5",
    "shift_jis", "euc_jp", "euc_kr", "cp1253", "cp1254", "cp1255", "cp1256", "iso8859_2",
))}
_SNIFF_BYTES = 65536
_MAX_UNPRINTABLE = 0.1
# UTF-16/32 without a byte-order mark and binary formats are NUL-dense; a stray NUL in a
# text (a bad paste, a C string's end) is not, and is dropped.
_MAX_NUL_SHARE = 0.01
# Control characters and U+FFFD; C1 controls (\x80-\x9f) are left out: mojibake has them.
_UNPRINTABLE_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_HTML_RE = re.compile(
    r"<(?:!doctype\s+html|html|body|p|div|br|ul|ol|li|h[1-6]|span|strong|b|em|a|table)\b[^<>]*>",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Document:
    """One posting's text, where it came from, and (for JSON input) the posting's object;
    the reference date it states (a JSON field or its file's sidecar) and its file's
    modification day, when it has them."""

    source: str
    content: str
    kind: Kind
    fields: dict[str, Any] | None = None
    reference_date: dt.date | None = None
    modified: dt.date | None = field(default=None, compare=False)  # the file's, not the text's


@dataclass(frozen=True)
class LoadFailure:
    """An input that could not be loaded; `error_type` is a short machine name."""

    source: str
    error_type: str
    message: str


class LoadError(Exception):
    """A load problem with its machine name; raised by `load_text`."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message


@dataclass(frozen=True)
class _Options:
    text_field: str | None
    max_bytes: int
    header: bool
    table: bool = False  # a table's rows (CSV, Parquet): their extra columns are labels


def iter_inputs(
    paths: Iterable[str | Path],
    *,
    text_field: str | None = None,
    max_bytes: int = MAX_BYTES,
    header: bool = True,
    stdin: IO[bytes] | IO[str] | None = None,
) -> Iterator[Document | LoadFailure]:
    """Yield one result per posting found in `paths` (files or folders), in a stable order.

    Folders are walked recursively in sorted order, skipping dot-entries, files with
    other extensions and symlink loops. `text_field` names the JSON key to read instead
    of the known ones; `header=False` leaves out the Title/Company/Location header.
    When `stdin` is given, a path ``"-"`` reads it (source ``<stdin>``, see `stdin_input`).

    Sources: a file named on its own keeps its path as given. A file found in a folder
    is named relative to that folder when the folder is the only input; with more than
    one input it keeps the folder as given in front ("a/p.txt" and "b/p.txt" for
    ``a/ b/``), so two folders holding the same name never share a source.
    """
    rest = iter(paths)
    first = list(islice(rest, 2))  # enough to tell one input from several, still streaming
    options = _Options(text_field, max_bytes, header)
    for raw in chain(first, rest):
        path = Path(raw)
        if stdin is not None and str(raw) == "-":
            yield stdin_input(stdin, max_bytes)
        elif path.is_dir():
            yield from _load_folder(path, folder_root(raw, several=len(first) > 1), options)
        elif path.exists():
            yield from _dated_file(path, path_source(raw), options)
        else:
            yield LoadFailure(path_source(raw), "not_found",
                              f"no such file or folder: {path_source(raw)}")


def folder_root(folder: str | Path, *, several: bool) -> Path | None:
    """What the sources of `folder`'s files are relative to (see `iter_inputs`).

    The folder itself when it is the only input; None (the folder stays in front of each
    source) when there are `several` inputs.
    """
    return None if several else Path(folder)


def path_source(path: str | Path, root: Path | None = None) -> str:
    """The ``source`` for a path: relative to ``root``, always valid UTF-8.

    A name whose bytes are not UTF-8 (the OS hands them over as surrogate escapes)
    is written with ``\\xNN`` escapes, the same each run, so resume finds it again.
    """
    name = Path(path).relative_to(root).as_posix() if root is not None else str(path)
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def load_text(text: str, source: str = "<text>", kind: Kind | None = None) -> Document:
    """Wrap a string as a `Document` (NFC), sniffing its kind (html, json or text) when not given.

    Raises:
        LoadError: empty text, or JSON without posting text or with several postings.
    """
    text = _nfc(text.removeprefix("\ufeff"))
    if not text.strip():
        raise LoadError("empty_input", "the text is empty")
    kind = kind or _sniff_kind(text)
    if kind != "json":
        return Document(source, text, kind)
    results = list(_load_json(text, source, _Options(None, len(text), True)))
    if len(results) != 1:
        raise LoadError("multiple_postings", f"the JSON holds {len(results)} postings; "
                        "load it with iter_inputs to get one result each")
    if isinstance(results[0], LoadFailure):
        raise LoadError(results[0].error_type, results[0].message)
    return results[0]


def text_input(text: str, source: str = "<text>") -> Document | LoadFailure:
    """``load_text`` for batch callers: a failure is returned, never raised."""
    try:
        return load_text(text, source)
    except LoadError as exc:
        return LoadFailure(source, exc.error_type, exc.message)


def stdin_input(stream: IO[bytes] | IO[str], max_bytes: int = MAX_BYTES,
                source: str = STDIN_SOURCE) -> Document | LoadFailure:
    """Read a stream (stdin) to its end as one posting, as a file is read.

    Its bytes (a text stream's ``buffer``) go through `decode_bytes`, so any encoding a
    file may have works here too, at most `max_bytes` of them; the kind is sniffed as
    `load_text` does. A failure is returned, never raised.
    """
    try:
        return load_text(decode_bytes(_read_stream(stream, max_bytes)), source)
    except LoadError as exc:
        return LoadFailure(source, exc.error_type, exc.message)


def _read_stream(stream: IO[bytes] | IO[str], max_bytes: int) -> bytes:
    binary = getattr(stream, "buffer", stream)
    try:
        data = binary.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: a closed stream
        raise LoadError("unreadable", f"cannot read standard input: {exc}") from exc
    if isinstance(data, str):  # a text stream with no bytes under it (io.StringIO)
        data = data.encode("utf-8", errors="surrogateescape")
    if len(data) > max_bytes:
        raise LoadError("too_large", f"over the {max_bytes}-byte limit")
    return data


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _field_text(text: str) -> str:
    """A row's string value: mojibake repaired, as NFC."""
    return _nfc(repair_mojibake(text))


# --- mojibake: UTF-8 once read as cp1252 or Latin-1 (Cyrillic: as cp1251) ----------------

# A UTF-8 lead byte read as Latin-1/cp1252 followed by a continuation byte read the same way.
_MOJIBAKE_HINT_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
    # Cyrillic UTF-8 read as cp1251: "Р"/"С" (a lead byte) before a continuation byte's
    # cp1251 sign ("РЎРёСЃ..." for "Сис..."); Russian spells no such pair
    "|[\u0420\u0421][\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030"
    "\u0409\u2039\u040a\u040c\u040b\u040f\u0452\u2018\u2019\u201c\u201d\u2022\u2013"
    "\u2014\u2122\u0459\u203a\u045a\u045c\u045b\u045f\u040e\u045e\u0408\u00a4\u0490"
    "\u00a6\u00a7\u0401\u00a9\u0404\u00ab\u00ac\u00ae\u0407\u00b0\u00b1\u0406\u0456"
    "\u0491\u00b5\u00b6\u00b7\u0451\u2116\u0454\u00bb\u0458\u0405\u0455\u0457]"
)
_STRAY_A_CIRCUMFLEX_RE = re.compile("\u00c2(?=[\u00a0-\u00bf])")
# A no-break space right before a misread run keeps ftfy from decoding the run
# ("Acmepay&nbsp;ðŸš€"); a plain space does not, and ftfy reads a space after a lead byte
# as the A0 byte it stood for ("Ã " -> "à"). "Â\u00a0" is a misread no-break space itself,
# which `_STRAY_A_CIRCUMFLEX_RE` mends where ftfy does not. A soft hyphen does the same
# harm; it is dropped where it is no byte of a UTF-8 sequence (after ASCII: "Ã\u00ad" is
# "í").
_LOOSE_SPACE_RE = re.compile("(?<!\u00c2)\u00a0")
_LOOSE_HYPHEN_RE = re.compile("(?<![^\x00-\x7f])\u00ad")


def repair_mojibake(text: str) -> str:
    """Fix UTF-8 read as Latin-1 ("donâ\\x80\\x99t" -> "don’t") on the lines that need it."""
    if not _MOJIBAKE_HINT_RE.search(text):  # a cheap scan; ftfy's own check is slower
        return text
    lines = [_repaired_line(line) if is_bad(line) else line for line in text.split("\n")]
    # ftfy leaves a lone "Â¥" alone (it could be real); "Â" before a Latin-1 sign never is.
    return _STRAY_A_CIRCUMFLEX_RE.sub("", "\n".join(lines))


def _repaired_line(line: str) -> str:
    return fix_encoding(_LOOSE_HYPHEN_RE.sub("", _LOOSE_SPACE_RE.sub(" ", line)))


def _sniff_kind(text: str) -> Kind:
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        try:
            value = json.loads(stripped)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, dict | list):
            return "json"
    return "html" if looks_like_html(text) else "text"


def looks_like_html(text: str) -> bool:
    """True when the text holds at least one common HTML block or inline tag."""
    return _HTML_RE.search(text) is not None


# --- folders -------------------------------------------------------------------------

_LIST_CHUNK = 8192  # names held at once while listing one folder


def _load_folder(folder: Path, root: Path | None,
                 options: _Options) -> Iterator[Document | LoadFailure]:
    for found in _walk(folder, root, set()):
        if isinstance(found, LoadFailure):
            yield found
        elif (kind := written_kind(found)) is not None:
            yield LoadFailure(path_source(found, root), "extractor_output",
                              f"skipped: this is extractor's own {kind} output, not postings "
                              "(read again, its lines would come back as doubled records); "
                              "move it out of the input folder, or name the file itself to "
                              "read it anyway")
        else:
            yield from _dated_file(found, path_source(found, root), options)


def _walk(folder: Path, root: Path | None, seen: set[Path]) -> Iterator[Path | LoadFailure]:
    """Yield loadable files under `folder`, sorted by name, each real folder once."""
    try:
        resolved = folder.resolve()
        if resolved in seen:
            return
        seen.add(resolved)
        for name in sorted_names(folder):
            entry = folder / name
            if entry.is_dir():
                yield from _walk(entry, root, seen)
            else:
                yield entry  # a broken link or a pipe is reported as unreadable, not skipped
    except (OSError, RuntimeError) as exc:
        yield LoadFailure(path_source(folder, root), "unreadable", f"cannot list folder: {exc}")


def sorted_names(folder: Path, chunk: int = _LIST_CHUNK) -> Iterator[str]:
    """The wanted entry names of `folder` in sorted order, holding at most `chunk` at once.

    Each pass lists the folder again and keeps the `chunk` smallest names after the
    last one yielded, so a folder of 100,000 files runs in the memory of 8,192 names
    (the price: one more listing per chunk, about 40 ms per 100,000 entries).
    """
    last: str | None = None
    while True:
        with os.scandir(folder) as listing:
            batch = heapq.nsmallest(chunk, (entry.name for entry in listing
                                            if (last is None or entry.name > last)
                                            and _wanted(entry)))
        yield from batch
        if len(batch) < chunk:
            return
        last = batch[-1]


def _wanted(entry: os.DirEntry[str]) -> bool:
    """A folder to walk or a file with a known extension; dot-entries and the sidecars of
    other files (``page.html.meta.json``) are skipped."""
    if entry.name.startswith(".") or _is_sidecar(entry.path):
        return False
    try:
        is_dir = entry.is_dir()
    except OSError:
        is_dir = False
    return is_dir or os.path.splitext(entry.name)[1].lower() in EXTENSION_KINDS


# --- files ---------------------------------------------------------------------------

SIDECAR_SUFFIX = ".meta.json"
_SIDECAR_MAX_BYTES = 65536
# JSON keys (in the one form `_key` gives them) that state the day a posting was read
REFERENCE_KEYS = ("referencedate", "datescraped", "scrapedat", "scrapeddate", "scrapedon",
                  "crawledat", "datecrawled", "crawldate", "fetchedat", "datefetched",
                  "retrievedat", "downloadedat", "savedat", "capturedat")


def _is_sidecar(path: str) -> bool:
    return path.endswith(SIDECAR_SUFFIX) and os.path.isfile(path[: -len(SIDECAR_SUFFIX)])


def _dated_file(path: Path, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
    """A file's postings, each with its sidecar's reference date (unless it states its
    own) and the file's modification day."""
    try:
        stated = _sidecar_date(path)
    except LoadError as exc:
        yield LoadFailure(source, exc.error_type, exc.message)
        return
    modified = _modified_day(path)
    for item in _load_file(path, source, options):
        if isinstance(item, Document):
            item = replace(item, reference_date=item.reference_date or stated,
                           modified=modified)
        yield item


def _sidecar_date(path: Path) -> dt.date | None:
    """The reference date ``<file>.meta.json`` states; None when there is no sidecar.

    Raises:
        LoadError: the sidecar is unreadable, not JSON, or states no date.
    """
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return None
    fix = 'write {"reference_date": "YYYY-MM-DD"} there, or remove the file'
    try:
        value = json.loads(decode_bytes(_read_bytes(sidecar, _SIDECAR_MAX_BYTES)))
    except (LoadError, ValueError) as exc:
        raise LoadError("bad_sidecar", f"{sidecar.name} cannot be read ({exc}); {fix}") from exc
    day = _stated_date(value) if isinstance(value, dict) else None
    if day is None:
        raise LoadError("bad_sidecar", f"{sidecar.name} states no reference date; {fix}")
    return day


def _modified_day(path: Path) -> dt.date | None:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError, OverflowError):
        return None


def _stated_date(obj: dict[str, Any]) -> dt.date | None:
    """The day a JSON object says it was read (``REFERENCE_KEYS``), else None."""
    keyed = _keyed(obj)
    return next((day for day in map(_as_day, map(keyed.get, REFERENCE_KEYS)) if day), None)


def _as_day(value: Any) -> dt.date | None:
    """An ISO date or datetime ("2024-03-12", "2024-03-12T09:30:00Z"), or Unix seconds
    (milliseconds past 10^11) as a UTC day."""
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    return None

def _load_file(path: Path, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
    if path.suffix.lower() == ".parquet":  # binary, read by pyarrow in batches
        yield from _load_parquet(path, source, options)
        return
    try:
        text = decode_bytes(_read_bytes(path, options.max_bytes))
    except LoadError as exc:
        yield LoadFailure(source, exc.error_type, exc.message)
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _load_jsonl(text, source, options)
    elif suffix == ".json":
        yield from _load_json(text, source, options)
    elif suffix == ".csv":
        yield from _load_csv(text, source, options)
    else:
        yield Document(source, text, EXTENSION_KINDS.get(suffix, "text"))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read at most max_bytes; a larger file is refused without being read whole."""
    try:
        if not path.is_file():
            raise LoadError("unreadable", f"not a regular file: {path_source(path)}")
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError("too_large", f"{size} bytes is over the {max_bytes}-byte limit")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise LoadError("unreadable", f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise LoadError("too_large", f"over the {max_bytes}-byte limit")
    return data


def decode_bytes(data: bytes) -> str:
    """Bytes to NFC text: BOM first, then UTF-8, then charset-normalizer's best guess.

    Binary is told by magic numbers and by proportion: NUL-dense data (a binary format,
    UTF-16 without a byte-order mark) is refused, a stray NUL in a text is dropped.

    Raises:
        LoadError: empty_input, binary_input or decode_error.
    """
    if not data.strip():
        raise LoadError("empty_input", "the input is empty or holds only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_with(data[len(bom):], encoding))
    if data.startswith(_BINARY_MAGIC) or _nul_dense(data[:_SNIFF_BYTES]):
        raise LoadError("binary_input", "the input looks binary (not text)")
    data = data.replace(b"\x00", b"")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _checked(_guess_decode(data))


def _nul_dense(sample: bytes) -> bool:
    nuls = sample.count(0)
    return nuls > 1 and nuls > _MAX_NUL_SHARE * len(sample)


def _decode_with(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError("decode_error", f"invalid {encoding} after its byte-order mark") from exc


def _guess_decode(data: bytes) -> str:
    """charset-normalizer's best guess; among near-equal guesses, the most common code page."""
    from charset_normalizer import from_bytes

    # NUL-dense data stopped earlier, so UTF-16/32 without a byte-order mark is not plausible.
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        raise LoadError("decode_error", "cannot tell the text encoding; save the file as UTF-8")
    best = matches[0]
    tied = [m for m in matches if m.chaos == best.chaos
            and m.coherence >= best.coherence - _COHERENCE_TIE]
    return str(min(tied, key=lambda m: _ENCODING_RANK.get(m.encoding, len(_ENCODING_RANK))))


def _checked(text: str) -> str:
    """Refuse text that is blank or mostly unprintable once decoded; give the rest as NFC."""
    sample = text[:_SNIFF_BYTES]
    if len(_UNPRINTABLE_RE.findall(sample)) > _MAX_UNPRINTABLE * len(sample):
        raise LoadError("binary_input", "the input is mostly unprintable characters")
    text = text.replace("\x00", "")
    if not text.strip():
        raise LoadError("empty_input", "the input is empty or holds only whitespace")
    return _nfc(text)


# --- tables: CSV and Parquet, a row per posting ------------------------------------------
# Each row is read as a JSON row is (`_posting`): its text from `text_field` or the known
# text columns, column names in any case and spelling, every column kept in the fields.
# Row N (from 1, the header not counted) is "FILE#N"; an empty cell is null.

_CSV_DELIMITERS = ",;\t|"
PARQUET_BATCH_ROWS = 1024  # rows read from a Parquet file at a time


def _load_csv(text: str, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
    # a posting's text may be longer than csv's 128 KiB default; the file was size-checked
    csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text))
    rows = 0
    try:
        header = next(reader, None)
        for rows, cells in enumerate(reader, start=1):
            yield _csv_row(header or [], cells, f"{source}#{rows}", options)
    except csv.Error as exc:
        yield LoadFailure(f"{source}#{rows + 1}", "malformed_csv",
                          f"unreadable CSV at line {reader.line_num}: {exc}")
        return
    if rows == 0:
        yield LoadFailure(source, "empty_input", "the CSV holds a header and no rows")


def _csv_delimiter(text: str) -> str:
    """The header line's delimiter (, ; tab or |); a comma when it cannot be told. Quoting
    stays the usual (excel) one: a header line has too few quotes to tell it."""
    try:
        return csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=_CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _csv_row(header: list[str], cells: list[str], source: str,
             options: _Options) -> Document | LoadFailure:
    if len(cells) > len(header):
        return LoadFailure(source, "malformed_csv", f"the row has {len(cells)} cells and "
                           f"the header {len(header)}: quote cells that hold the delimiter")
    row = {_nfc(name): _field_text(cell) if cell.strip() else None
           for name, cell in zip(header, cells, strict=False)}
    return _posting(row, source, replace(options, table=True))


def _load_parquet(path: Path, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
    try:
        import pyarrow.parquet as pq  # lazy: an optional dependency (extractor[parquet])
    except ImportError:
        yield LoadFailure(source, "unsupported_input", "reading .parquet needs pyarrow: "
                          "pip install 'extractor[parquet]'")
        return
    number = 0
    table = replace(options, table=True)
    try:
        for number, row in enumerate(_parquet_rows(pq, path), start=1):
            yield _posting(_json_value(row), f"{source}#{number}", table)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield LoadFailure(f"{source}#{number + 1}" if number else source, "unreadable",
                          f"cannot read Parquet: {exc}")
        return
    if number == 0:
        yield LoadFailure(source, "empty_input", "the Parquet file holds no rows")


def _parquet_rows(pq: Any, path: Path) -> Iterator[dict[str, Any]]:
    with pq.ParquetFile(path) as table:
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            yield from batch.to_pylist()


def _json_value(value: Any) -> Any:
    """A Parquet value as a JSON row would hold it: dates as ISO text, text repaired, NFC."""
    if isinstance(value, str):
        return _field_text(value)
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return _field_text(value.decode("utf-8", errors="replace"))
    if isinstance(value, Decimal):
        return float(value)
    return value


# --- JSON ----------------------------------------------------------------------------

def _load_jsonl(text: str, source: str, options: _Options) -> Iterator[Document | LoadFailure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield from _load_json(line, f"{source}#{number}", options, line_number=number)


def _load_json(
    text: str, source: str, options: _Options, line_number: int | None = None
) -> Iterator[Document | LoadFailure]:
    try:
        value = json.loads(text, object_pairs_hook=_field_object)
    except json.JSONDecodeError as exc:
        line = line_number or exc.lineno
        yield LoadFailure(source, "malformed_json",
                          f"invalid JSON at line {line} column {exc.colno}: {exc.msg}")
        return
    except RecursionError:
        yield LoadFailure(source, "malformed_json", "JSON nested too deeply to read")
        return
    items = _posting_list(value, options.text_field)
    if items == []:
        yield LoadFailure(source, "empty_input", "the JSON list holds no postings")
    elif items is None:
        yield _posting(value, source, options)
    elif line_number is None:
        for number, item in enumerate(items, start=1):
            yield _posting(item, f"{source}#{number}", options)
    elif len(items) == 1:
        yield _posting(items[0], source, options)
    else:
        yield LoadFailure(source, "multiple_postings",
                          f"line {line_number} holds {len(items)} postings; write one posting "
                          "per line, or save the list as a .json file to get one result each")


def _field_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json's object hook: keys as NFC; string values and strings in list values repaired
    (`_field_text`)."""
    return {_nfc(key): _field_value(value) for key, value in pairs}


def _field_value(value: Any) -> Any:
    if isinstance(value, str):
        return _field_text(value)
    if isinstance(value, list):
        return [_field_text(item) if isinstance(item, str) else item for item in value]
    return value


def _posting(value: Any, source: str, options: _Options) -> Document | LoadFailure:
    """One JSON value to one posting: a plain string, or the dict that holds the posting."""
    if isinstance(value, str) and value.strip():
        value = _nfc(value)
        return Document(source, value, "html" if looks_like_html(value) else "text")
    found = _find_posting(value, options.text_field) or _readable_posting(value, options)
    if found is None:
        return LoadFailure(source, "no_text_field", _missing_text_message(value, options))
    body = _unescaped(found.body)
    kind: Kind = "html" if looks_like_html(body) else "json"
    fields = _states_fields(value, found, options)
    header = _header_lines(found, fields) if options.header else []
    day = _stated_date(found.obj) or (_stated_date(value) if isinstance(value, dict) else None)
    return Document(source, _with_header(header, body, kind), kind, fields=found.obj,
                    reference_date=day)


def _unescaped(body: str) -> str:
    """HTML sent entity-escaped (Greenhouse's "content": "&lt;p&gt;...") as HTML."""
    if "&lt;" in body and not looks_like_html(body):
        html = unescape(body)
        if looks_like_html(html):
            return html
    return body


# --- finding the posting in a JSON value -----------------------------------------------

@dataclass(frozen=True)
class _Found:
    obj: dict[str, Any]  # the posting's own object
    aside: bool  # it sits in a company object or a posting's section: no title of its own
    body: str


def _key(name: Any) -> str:
    """A JSON key in the one form compared: case-folded, letters and digits only."""
    return "".join(char for char in str(name).casefold() if char.isalnum())


def _keyed(obj: dict[str, Any]) -> dict[str, Any]:
    keyed: dict[str, Any] = {}
    for name, value in obj.items():
        keyed.setdefault(_key(name), value)
    return keyed


def _find_posting(value: Any, text_field: str | None) -> _Found | None:
    """The dict holding the posting: breadth-first (no recursion) over every dict.

    Ranked by: not a company object or a section of a posting; a title-like key; body
    keys before generic ones; more posting signals (company, place); the first met.
    """
    best: tuple[tuple[bool, int, int, int, int], _Found] | None = None
    for index, (aside, obj) in enumerate(_dicts_breadth_first(value)):
        keyed = _keyed(obj)
        text = _text_of(keyed, text_field)
        if text is None:
            continue
        strength, body = text
        weight = 3 if _is_jobposting(obj) else _title_weight(keyed, aside)
        signals = (_company(keyed) != "") + (_location(keyed) != "")
        rank = (aside, -weight, strength, -signals, index)
        if best is None or rank < best[0]:
            best = (rank, _Found(obj, aside, body))
    return None if best is None else best[1]


def _posting_list(value: Any, text_field: str | None) -> list[Any] | None:
    """The items of a JSON value that is a list of postings, or holds one in an envelope.

    None when the value is one posting: it, or a dict reached without entering a list,
    holds posting text ({"data": {"job": {...}}}), or no list in it holds postings.
    """
    if isinstance(value, list):
        return value
    lists: list[list[Any]] = []
    for _, obj in _dicts_breadth_first(value, into_lists=False):
        keyed = _keyed(obj)
        if _text_of(keyed, text_field) is not None:
            return None
        lists.extend(item for name, item in obj.items()
                     if isinstance(item, list) and not _other_postings(name, item))
    return next((items for items in lists if _lists_postings(items, text_field)), None)


def _lists_postings(items: list[Any], text_field: str | None) -> bool:
    """True for a list of dicts most of which read as postings."""
    if not items or not all(isinstance(item, dict) for item in items):
        return False
    postings = sum(_posting_like(item, text_field) for item in items)
    return 2 * postings > len(items)


def _posting_like(obj: dict[str, Any], text_field: str | None) -> bool:
    """Posting text, or a title with a company or a place (a job list without bodies)."""
    if obj.get("@type") is not None and not _is_jobposting(obj):  # Organization, WebPage...
        return False
    keyed = _keyed(obj)
    if _text_of(keyed, text_field) is not None:
        return True
    return _title(keyed, False) != "" and any(key in keyed for key in (*COMPANY_KEYS,
                                                                       *LOCATION_KEYS))


def _is_jobposting(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    return kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind)


def _dicts_breadth_first(
    value: Any, into_lists: bool = True
) -> Iterator[tuple[bool, dict[str, Any]]]:
    """Every dict in `value`, shallowest first, each with its `_Found.aside` flag."""
    queue: deque[tuple[bool, Any]] = deque([(False, value)])
    while queue:
        aside, item = queue.popleft()
        if isinstance(item, dict):
            yield aside, item
            queue.extend((aside or _key(name) in _ASIDE_KEYS, child)
                         for name, child in item.items()
                         if (into_lists or not isinstance(child, list))
                         and not _other_postings(name, child) and _key(name) not in PAY_KEYS)
        elif isinstance(item, list) and into_lists:
            queue.extend((aside, child) for child in item)


_ASIDE_KEYS = frozenset((*COMPANY_KEYS, *SECTION_KEYS))


def _other_postings(name: Any, child: Any) -> bool:
    return isinstance(child, dict | list) and _OTHER_POSTINGS_RE.search(_key(name)) is not None


def _text_of(keyed: dict[str, Any], text_field: str | None) -> tuple[int, str] | None:
    """(strength, text): 0 for `text_field` or the body keys joined, then each weak key."""
    if text_field:
        text = _as_text(keyed.get(_key(text_field)))
        return (0, text) if text else None
    body = "\n\n".join(part for part in (_part(keyed, keys) for keys in _BODY_PARTS) if part)
    if body:
        return 0, body
    for strength, key in enumerate(WEAK_TEXT_KEYS, start=1):
        text = _as_text(keyed.get(key))
        if text:
            return strength, text
    return None


# The body's parts: BODY_KEYS, with the headed sections after the description.
_BODY_PARTS = (*BODY_KEYS[:2], SECTION_KEYS, *BODY_KEYS[2:])


def _part(keyed: dict[str, Any], keys: tuple[str, ...]) -> str:
    """The first of `keys` that holds text (headed sections for SECTION_KEYS)."""
    for key in keys:
        value = keyed.get(key)
        text = _sections_text(value) if key in SECTION_KEYS else _as_text(value)
        if not text and isinstance(value, dict) and key not in SECTION_KEYS:
            text = _parts_text(value)
        if text:
            return text
    return ""


_MAX_BODY_PARTS = 20


def _parts_text(value: dict[str, Any]) -> str:
    """A body given as an object of parts ({"responsibilities": [...], "requirements":
    "..."}): each part's text under its key as a heading."""
    parts = [f"{_heading(name)}\n{text}" for name, item in islice(value.items(), _MAX_BODY_PARTS)
             if (text := _as_text(item))]
    return "\n\n".join(parts)


def _heading(name: str) -> str:
    """A key as a heading: "niceToHave" and "nice_to_have" as "Nice to have"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(name)).replace("_", " ").strip().capitalize()


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(v.strip() for v in value if v.strip())
    return ""


def _sections_text(value: Any) -> str:
    """Headed parts ([{"text": "Requirements", "content": "<li>.."}, ...]) as one text."""
    if isinstance(value, dict):
        inner = _keyed(value).get("sections")  # SmartRecruiters: "jobAd": {"sections": ...}
        value = inner if isinstance(inner, dict | list) else value
    if isinstance(value, dict):
        value = list(value.values())
    if not isinstance(value, list):
        return ""
    parts = [_section(_keyed(item)) for item in value if isinstance(item, dict)]
    return "\n\n".join(part for part in parts if part)


def _section(keyed: dict[str, Any]) -> str:
    body_key = next((k for k in ("content", "description", "body", "text")
                     if _as_text(keyed.get(k))), None)
    if body_key is None:
        return ""
    body = _as_text(keyed[body_key])
    heading = next((_single_line(keyed.get(k)) for k in ("title", "name", "text")
                    if k != body_key and _single_line(keyed.get(k))), "")
    if not heading:
        return body
    return f"<h3>{escape(heading)}</h3>\n{body}" if looks_like_html(body) else f"{heading}\n{body}"


# --- the header ------------------------------------------------------------------------

def _header_lines(found: _Found, fields: bool) -> list[str]:
    """Title, company and location lines from the posting's own object; with `fields`,
    the lines of its structured fields after them (`_field_lines`)."""
    keyed = _keyed(found.obj)
    values = (("Title", _title(keyed, found.aside)), ("Company", _company(keyed)),
              ("Location", _location(keyed)))
    lines = [f"{label}: {value}" for label, value in values if value]
    return lines + _field_lines(found.obj) if fields else lines


def _single_line(value: Any) -> str:
    text = _as_text(value)
    return "" if "\n" in text else text


def _title_weight(keyed: dict[str, Any], aside: bool) -> int:
    """How surely the dict names a job: 2 a title key, 1 another name for one."""
    if not _title(keyed, aside):
        return 0
    return 2 if any(_single_line(keyed.get(key)) for key in TITLE_KEYS) else 1


def _title(keyed: dict[str, Any], aside: bool) -> str:
    """The job's title; a company's or a section's own name is none."""
    if aside:
        return ""
    title = next((t for t in map(_single_line, map(keyed.get, TITLE_KEYS)) if t), "")
    if not title:  # SmartRecruiters calls the title "name"
        title = _single_line(keyed.get("name"))
    if not title and isinstance(keyed.get("categories"), dict):  # Lever calls it "text"
        title = _single_line(keyed.get("text"))
    return title


def title_column(obj: dict[str, Any] | None) -> str:
    """A JSON posting's title column, read as its header line is ("" when it has none);
    column names in any case or spelling ("Job Title", "job_title", "JobTitle")."""
    return _title(_keyed(obj), False) if obj else ""


def company_column(obj: dict[str, Any] | None) -> str:
    """A JSON posting's company column, read as its header line is ("" when it has none)."""
    return _company(_keyed(obj)) if obj else ""


def url_column(obj: dict[str, Any] | None, keys: tuple[str, ...]) -> tuple[str, str] | None:
    """(column name, absolute http(s) URL) of the first of ``keys`` (``APPLY_KEYS``,
    ``URL_KEYS``) that holds one in a JSON posting; ``{"url": ...}`` objects too."""
    names: dict[str, str] = {}
    for name in obj or {}:
        names.setdefault(_key(name), name)
    for key in keys:
        value = (obj or {}).get(names.get(key, ""))
        if isinstance(value, dict):
            value = _keyed(value).get("url")
        if isinstance(value, str) and re.match(r"(?i)https?://\S+$", value.strip()):
            return names[key], value.strip()
    return None


def _company(keyed: dict[str, Any]) -> str:
    """The company's name; none where the posting hides it ("Confidencial", or a company
    object flagged ``"confidential": true``)."""
    for key in COMPANY_KEYS:
        value = keyed.get(key)
        if isinstance(value, dict):  # "company": {"name": ...}, "hiringOrganization"
            named = _keyed(value)
            hidden = any(named.get(flag) is True for flag in _HIDDEN_FLAGS)
            value = "" if hidden else next(filter(None, map(_single_line, map(
                named.get, _COMPANY_NAME_KEYS))), "")
        if isinstance(value, str) and value.strip():
            name = value.strip().splitlines()[0].strip()  # Glassdoor adds "\n4.4", a rating
            return "" if _HIDDEN_EMPLOYER_RE.fullmatch(name) else name
    return ""


_HIDDEN_FLAGS = ("confidential", "confidencial", "confidentiel", "anonymous", "anonymized",
                 "hidden", "ishidden", "isconfidential", "isanonymous")
# A name that says the employer is not named
_HIDDEN_EMPLOYER_RE = re.compile(
    r"(?i)(?:(?:empresa|entreprise|company|employer|unternehmen|компания|client|cliente)\s+)?"
    r"(?:confidencial|confidential|confidentiel(?:le)?|vertraulich|anonym(?:e|ous)?|"
    r"an[óo]nim[ao]|конфиденциально|保密|匿名)(?:\s+(?:company|employer|client))?")


def _location(keyed: dict[str, Any]) -> str:
    values = [keyed.get(key) for key in LOCATION_KEYS]
    categories = keyed.get("categories")
    if isinstance(categories, dict):  # Lever
        values.append(_keyed(categories).get("location"))
    place = next((place for place in map(_place, values) if place), "")
    return place or _address(keyed)  # a feed row's own "city", "region", "country"


def _place(value: Any) -> str:
    """A place as written: a string, {"name": ...}, an address's parts, or a list of them."""
    names = [_place_name(item) for item in (value if isinstance(value, list) else [value])]
    return "; ".join(dict.fromkeys(name for name in names if name))


_PLACE_NAME_KEYS = ("name", "label", "displayname", "display", "formattedaddress",
                    *LOCATION_KEYS[2:])


def _place_name(value: Any) -> str:
    if not isinstance(value, dict):
        return _single_line(value)
    keyed = _keyed(value)
    name = next((n for n in map(_single_line, map(keyed.get, _PLACE_NAME_KEYS)) if n), "")
    address = keyed.get("address")  # schema.org jobLocation: {"address": {...}}
    if name:
        return name
    if isinstance(address, dict):
        return _address(_keyed(address)) or _address(keyed)
    return _address(keyed) or _single_line(address)  # {"city": ..., "address": "Rua X, 10"}


def _address(keyed: dict[str, Any]) -> str:
    """An address's parts as written, city first ("Bristol, England, United Kingdom"); a
    country field's ISO code as the country's name ("ES" is Spain there, not a state)."""
    parts = [(key, _single_line(keyed.get(key))) for key in _ADDRESS_KEYS]
    return ", ".join(dict.fromkeys((country_name(part) if key in _COUNTRY_KEYS else None) or part
                                   for key, part in parts if part))


# --- the header: an API answer's structured fields ---------------------------------------
# An API answer (an applicant-tracking system's, a job board's, a feed's) states pay, the
# employment type, the workplace and the level in fields of its own. They become header
# lines under English labels ("Salary: 5000-7000 BRL per month", "Employment type: Full
# time", "Remote: yes"), so the parsers, the model and grounding all read them as a reader
# of the page does. Only the posting's own object is read (never "similarJobs" beside it,
# nor its company object), at a fixed depth, each value one short line.
#
# A table's row (CSV, Parquet, or a JSON object whose values are all text, as a data set
# exported from a table is) keeps its header to title, company and location: a data set's
# other columns are labels (LinkedIn's salary columns, EMSCAD's form fields), which the
# posting's text may not state.

PAY_KEYS = ("salary", "salaries", "salaryrange", "salaryranges", "salaryinfo", "salarytext",
            "salarydesc", "salarydescription", "salarydisplay", "compensation", "basesalary",
            "pay", "payrange", "payranges", "payinputranges", "wage", "remuneration",
            "rémunération", "remuneracao", "remuneração", "salario", "salário", "sueldo",
            "renta", "salaire", "tauxhoraire", "gehalt", "lohn", "зарплата", "заработнаяплата",
            "оклад", "薪资", "薪酬", "薪水", "工资", "待遇", "月薪")
PAY_MIN_KEYS = ("salarymin", "minsalary", "salaryfrom", "minimumsalary", "paymin", "minpay")
PAY_MAX_KEYS = ("salarymax", "maxsalary", "salaryto", "maximumsalary", "paymax", "maxpay")
CURRENCY_KEYS = ("currency", "salarycurrency", "currencycode", "currencytype", "moneda", "moeda",
                 "devise", "währung", "waehrung", "валюта")
PERIOD_KEYS = ("period", "salaryperiod", "payperiod", "interval", "unit", "unittext", "periodo",
               "período", "periodosalario", "période")
EMPLOYMENT_KEYS = ("employmenttype", "employmenttypes", "employment", "jobtype", "jobtypes",
                   "jobtypename", "contracttype", "contract", "contrato", "tipocontrato",
                   "tipodecontrato", "tipodeempleo", "jornada", "typecontrat",
                   "typedecontrat", "contrat", "statut", "tempstravail", "commitment", "timetype",
                   "schedule", "jobnature", "vertragsart", "anstellungsart", "beschäftigungsart",
                   "arbeitszeit", "pensum", "wochenstunden", "beschäftigungsausmaß",
                   "beschaeftigungsausmass", "horario", "horaire", "cargahoraria",
                   "cargahorária", "dureehebdo", "duréehebdo", "duréehebdomadaire",
                   "workinghours", "weeklyhours", "hoursperweek", "занятость", "типзанятости",
                   "工作性质", "工作性質", "用工形式", "职位类型")
WORKPLACE_KEYS = ("workplacetype", "workplace", "locationtype", "joblocationtype", "workmode",
                  "workmodel", "worksetting", "workarrangement", "workformat", "remotetype",
                  "remotepolicy", "modalidade", "modalidad", "modalidaddetrabajo", "modalité",
                  "télétravail", "teletravail", "форматработы", "工作方式", "办公方式")
# A true flag is "Remote: yes"; false says nothing (APIs send it when nothing is stated).
REMOTE_FLAG_KEYS = ("remote", "isremote", "remoteok", "isremotework", "fullyremote")
SENIORITY_KEYS = ("seniority", "senioritylevel", "experiencelevel", "level", "joblevel",
                  "careerlevel", "positionlevel", "nivel", "nível", "niveau", "级别", "职级",
                  "уровень")
EXPERIENCE_KEYS = ("experience", "experiencename", "workexperience", "workexp", "workyears",
                   "yearsofexperience", "experiencia", "experiência", "expérience",
                   "berufserfahrung", "опыт", "опытработы", "经验", "工作经验", "经验要求")
EDUCATION_KEYS = ("education", "educationlevel", "degree", "degreename", "escolaridad",
                  "escolaridade", "образование", "学历", "學歷")
# (label, keys). A bare "type" is often something else ("vacancy_type_effective"): "Type:".
# LinkedIn's "work_type" is FULL_TIME where another board's is 远程, a "regime" is CLT or
# Remoto: both the employment and the workplace parsers read a "Work type:" label.
_FIELD_LABELS = (
    ("Employment type", EMPLOYMENT_KEYS), ("Type", ("type", "tipo")),
    ("Work type", ("worktype", "regime")),
    ("Workplace", WORKPLACE_KEYS), ("Seniority", SENIORITY_KEYS),
    ("Experience", EXPERIENCE_KEYS), ("Education", EDUCATION_KEYS),
)
# Inside a pay object: {"min", "max", "currency", "period"}, schema.org's MonetaryAmount
# ({"currency", "value": {"minValue", "maxValue", "unitText"}}), hh.ru's {"from", "to",
# "mode": {"id": "HOUR"}}, Greenhouse's {"min_cents", "max_cents", "currency_type"}.
_PAY_MIN = ("min", "minvalue", "minimum", "minamount", "from", "lower", "low")
_PAY_MAX = ("max", "maxvalue", "maximum", "maxamount", "to", "upper", "high")
_PAY_ONE = ("value", "amount", "monto", "valor", "montant", "betrag")
_PAY_SHOWN = ("display", "label", "text", "texto", "formatted", "summary", "displayvalue",
              "compensationtiersummary", "salarysummary")
_PAY_PERIOD = (*PERIOD_KEYS, "mode")
_NAME_KEYS = ("name", "label", "displayname", "display", "text", "value", "title")
_ID_KEYS = frozenset(("id", "uuid", "code", "slug", "key", "typename"))
_PERIOD_WORDS = {word: period for period, words in (
    ("hour", ("hour", "hourly", "hr", "h", "hora", "horas", "heure", "horaire", "stunde",
              "stündlich", "час", "小时", "时")),
    ("day", ("day", "daily", "dia", "diario", "diaria", "día", "jour", "journalier", "tag",
             "täglich", "день", "天", "日")),
    ("week", ("week", "weekly", "semana", "semanal", "semaine", "hebdomadaire", "woche",
              "wöchentlich", "неделя", "неделю", "周")),
    ("month", ("month", "monthly", "mes", "mês", "mensal", "mensual", "mensuales", "mois",
               "mensuel", "monat", "monatlich", "месяц", "月")),
    ("year", ("year", "yearly", "annual", "annually", "annum", "ano", "anual", "año", "an",
              "annuel", "jahr", "jährlich", "год", "年")),
) for word in words}
_PERIOD_AFFIX_RE = re.compile(r"^(?:1|per|por|par|pro|за|в)|(?:salary|wage|rate)$")
_MAX_CURRENCY_CHARS = 20
_BARE_PAY_RE = re.compile(r"\d[\d.,\s]*(?:[-–—]\s*\d[\d.,\s]*)?")
_NUMBER_TEXT_RE = re.compile(r"\d{1,12}(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?")
_ENUM_RE = re.compile(r"[A-Za-z]+(?:_[A-Za-z]+)+")
_MAX_SHOWN_CHARS = 120  # longer is prose, not a field's value
_MAX_SHOWN_ITEMS = 3  # values read from one list, lines per label, pay ranges
_MAX_CUSTOM_FIELDS = 30  # [{"name": ..., "value": ...}] items read
_MAX_AMOUNT = 1e10


def _states_fields(value: Any, found: _Found, options: _Options) -> bool:
    """True for an API answer: the posting sits in an envelope, or its object holds a
    number, a flag, a list or an object (a table's row holds text only)."""
    if options.table or found.aside:
        return False
    return found.obj is not value or any(not isinstance(item, str | None)
                                         for item in found.obj.values())


def _field_lines(obj: dict[str, Any]) -> list[str]:
    """Pay, employment type, workplace, level, experience, education, remote and date
    lines, each field at most `_MAX_SHOWN_ITEMS` times."""
    view = _field_view(obj)
    lines = [f"Salary: {pay}" for pay in _pay(view)]
    for label, keys in _FIELD_LABELS:
        values = dict.fromkeys(shown for key in keys for shown in _shown(view.get(key)))
        lines += [f"{label}: {value}" for value in islice(values, _MAX_SHOWN_ITEMS)]
    return lines + _remote_lines(view) + _date_lines(obj)


_MAX_DATE_CHARS = 40


def _date_lines(obj: dict[str, Any]) -> list[str]:
    """The posting and closing dates under their own keys ("publicado: há 6 dias",
    "fecha_cierre: 20/12/2025"): the dates parser reads API field names, and their language
    tells it a numeric date's order."""
    names: dict[str, str] = {}
    for name in obj:
        names.setdefault(_key(name), str(name))
    lines = []
    for keys in (POSTED_KEYS, DEADLINE_KEYS):
        found = ((names[key], _single_line(obj[names[key]])) for key in keys if key in names)
        lines += [f"{name}: {day}" for name, day in found
                  if 0 < len(day) <= _MAX_DATE_CHARS][:1]
    return lines


def _field_view(obj: dict[str, Any]) -> dict[str, Any]:
    """The posting's keys, then Lever's ``categories`` and custom fields given as
    ``[{"name": "Employment Type", "value": "Full-time"}]`` (Greenhouse's ``metadata``)."""
    view = _keyed({name: item for name, item in obj.items() if not str(name).startswith("@")})
    categories = view.get("categories")
    for name, item in (_keyed(categories) if isinstance(categories, dict) else {}).items():
        view.setdefault(name, item)
    for key in ("metadata", "customfields"):
        items = view.get(key)
        for item in items[:_MAX_CUSTOM_FIELDS] if isinstance(items, list) else []:
            named = _keyed(item) if isinstance(item, dict) else {}
            name = _single_line(named.get("name") or named.get("label"))
            if name and "value" in named:
                view.setdefault(_key(name), named["value"])
    return view


def _shown(value: Any, depth: int = 0) -> list[str]:
    """A field's value as a reader sees it: short text, an object's name (hh.ru's
    ``{"id": "part", "name": "Частичная занятость"}``) or its short texts, a list's items.
    Numbers and flags are not words."""
    if isinstance(value, str):
        text = _single_line(value)
        return [_humanised(text)] if 0 < len(text) <= _MAX_SHOWN_CHARS else []
    if isinstance(value, list) and depth == 0:
        return [shown for item in value[:_MAX_SHOWN_ITEMS] for shown in _shown(item, 1)]
    if isinstance(value, dict) and depth < 2:
        keyed = _keyed(value)
        named = next((shown for key in _NAME_KEYS for shown in _shown(keyed.get(key), 2)), "")
        if named:
            return [named]
        texts = [shown for key, item in islice(keyed.items(), 8) if key not in _ID_KEYS
                 for shown in _shown(item, 2)]  # {"type": "CLT", "hours": "FULL_TIME"}
        return [", ".join(texts[:_MAX_SHOWN_ITEMS])] if texts else []
    return []


def _humanised(text: str) -> str:
    """An enum's name as words ("FULL_TIME" -> "Full time"); other text as written."""
    return text.replace("_", " ").capitalize() if _ENUM_RE.fullmatch(text) else text


def _remote_lines(view: dict[str, Any]) -> list[str]:
    """"Remote: yes" for a true remote flag (the posting's or its location's); a flag
    given as other text is the workplace as written."""
    place = next((_keyed(view[key]) for key in LOCATION_KEYS if isinstance(view.get(key), dict)),
                 {})
    flags = [view.get(key) for key in REMOTE_FLAG_KEYS] + [place.get(key) for key in
                                                           REMOTE_FLAG_KEYS]
    if any(flag is True or _key(flag) in ("true", "yes", "1", "10") for flag in flags
           if isinstance(flag, bool | str)):
        return ["Remote: yes"]
    texts = [shown for flag in flags if isinstance(flag, str)
             and _key(flag) not in ("false", "no", "0", "00") for shown in _shown(flag)]
    return [f"Workplace: {text}" for text in dict.fromkeys(texts)][:1]


def _pay(view: dict[str, Any]) -> list[str]:
    """The posting's pay as header values, the best kind found: ranges with a currency and
    a period (from a pay field or the posting's flat min/max columns), else a pay field's
    text as written, else ranges with a currency alone."""
    found = [pay for key in PAY_KEYS for item in _pay_items(view.get(key))
             if (pay := _pay_item(item, view))]
    flat = _pay_range([view], view, PAY_MIN_KEYS, PAY_MAX_KEYS, ())
    found += [flat] if flat else []
    best = min((rank for rank, _ in found), default=None)
    return list(dict.fromkeys(text for rank, text in found if rank == best))[:_MAX_SHOWN_ITEMS]


def _pay_items(value: Any) -> list[Any]:
    return value[:_MAX_SHOWN_ITEMS] if isinstance(value, list) else [value]


# How surely a pay value reads as pay: a range with its period, text as written, a range
# without a period (the text may state that range with one).
_WITH_PERIOD, _WRITTEN, _NO_PERIOD = range(3)
_Pay = tuple[int, str]


def _pay_item(value: Any, view: dict[str, Any], depth: int = 0) -> _Pay | None:
    """One pay value: a number or bare figures with the posting's currency, text as
    written (with the period a field beside it states), or a pay object."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = _amount(value)
    if isinstance(value, str):
        text = _single_line(value)
        if _BARE_PAY_RE.fullmatch(text):  # "28000-32000" beside "salary_currency": "GBP"
            return _priced(text, _currency(view, []), _period(view, []))
        return _written(text, _period(view, []))
    return _pay_object(_keyed(value), view, depth) if isinstance(value, dict) else None


def _pay_object(keyed: dict[str, Any], view: dict[str, Any], depth: int) -> _Pay | None:
    """{"min", "max", "currency", "period"}, a MonetaryAmount's "value" object, or a pay
    object inside (Ashby's "summaryComponents": [{...}]); else its text as written."""
    parts = [keyed, *(_keyed(inner) for inner in (keyed.get("value"),) if isinstance(inner, dict))]
    found = _pay_range(parts, view, _PAY_MIN, _PAY_MAX, _PAY_ONE)
    children = (item for item in keyed.values() if isinstance(item, dict | list))
    for child in islice(children, _MAX_SHOWN_ITEMS) if found is None and depth < 1 else ():
        found = next(filter(None, (_pay_item(item, view, depth + 1)
                                   for item in _pay_items(child))), None)
    shown = next(filter(None, (_single_line(keyed.get(key)) for key in _PAY_SHOWN)), "")
    written = _written(shown, _period(view, parts))
    if found is None or (found[0] == _NO_PERIOD and written is not None):
        return written
    return found


def _written(text: str, period: str) -> _Pay | None:
    if not 0 < len(text) <= _MAX_SHOWN_CHARS:
        return None
    return _WRITTEN, f"{text} per {period}" if period else text


def _pay_range(parts: list[dict[str, Any]], view: dict[str, Any], low_keys: tuple[str, ...],
               high_keys: tuple[str, ...], one_keys: tuple[str, ...]) -> _Pay | None:
    """"5000-7000 BRL per month" from amounts in `parts`; None without an amount or a
    currency (in `parts`, else the posting's own)."""
    low = _first_amount(parts, low_keys, "mincents")
    high = _first_amount(parts, high_keys, "maxcents")
    if not low and not high:
        low = high = _first_amount(parts, one_keys, "")
    if not low and not high:
        return None
    text = low if low == high else f"{low}-{high}" if low and high else (
        f"from {low}" if low else f"up to {high}")
    return _priced(text, _currency(view, parts), _period(view, parts))


def _priced(amounts: str, currency: str, period: str) -> _Pay | None:
    if not currency:
        return None
    amounts = f"{amounts} {currency}"
    return (_WITH_PERIOD, f"{amounts} per {period}") if period else (_NO_PERIOD, amounts)


def _first_amount(parts: list[dict[str, Any]], keys: tuple[str, ...], cents_key: str) -> str:
    for part in parts:
        for key in keys:
            amount = _amount(part.get(key))
            if amount:
                return amount
        cents = part.get(cents_key) if cents_key else None
        if isinstance(cents, int | float) and not isinstance(cents, bool):
            return _amount(cents / 100)
    return ""


def _amount(value: Any) -> str:
    """A positive amount as plain digits ("5000", "29.81"); text as written ("5.000")."""
    if isinstance(value, str):
        text = value.strip()
        digits = _NUMBER_TEXT_RE.fullmatch(text) and any(c in "123456789" for c in text)
        return text if digits else ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    if not 0 < value < _MAX_AMOUNT:  # also NaN
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def _currency(view: dict[str, Any], parts: list[dict[str, Any]]) -> str:
    """The ISO code of a currency field ("BRL", "R$", hh.ru's old "RUR"), from `parts` or
    the posting."""
    for part in (*parts, view):
        for key in CURRENCY_KEYS:
            value = part.get(key)
            text = _single_line(_keyed(value).get("code") if isinstance(value, dict) else value)
            code = currency_code(text) if 0 < len(text) <= _MAX_CURRENCY_CHARS else None
            if code:
                return code
    return ""


def _period(view: dict[str, Any], parts: list[dict[str, Any]]) -> str:
    """hour / day / week / month / year from a period field ("YEAR", "per-hour-wage",
    "mensual", {"id": "HOUR", "name": "За час"}); "" when none says which."""
    for part in (*parts, view):
        for key in _PAY_PERIOD if part is not view else PERIOD_KEYS:
            value = part.get(key)
            names = [_keyed(value).get(k) for k in ("id", "name")] if isinstance(value, dict) \
                else [value]
            period = next(filter(None, map(_period_word, names)), "")
            if period:
                return period
    return ""


def _period_word(name: Any) -> str:
    """The period `name` says, whole ("per-year-salary") or in its first words ("в месяц,
    до вычета налогов")."""
    if not isinstance(name, str):
        return ""
    words = [_key(name), *(_key(word) for word in re.split(r"[\W_]+", name)[:3])]
    return next((_PERIOD_WORDS[w] for w in (_PERIOD_AFFIX_RE.sub("", w) for w in words)
                 if w in _PERIOD_WORDS), "")


def _with_header(header: list[str], body: str, kind: Kind) -> str:
    if not header:
        return body
    if kind == "html":
        return "<p>" + "<br>".join(escape(line) for line in header) + "</p>\n" + body
    return "\n".join(header) + "\n\n" + body


# An object with none of the known text keys ({"puesto": ..., "funciones": [...]}, keys in
# another language) is read as a person reading the API answer would: its text values,
# each under its key. Only when it holds this much text, so a bare record is still refused.
_READABLE_MIN_CHARS = 200
_READABLE_MAX_DEPTH = 8


def _readable_posting(value: Any, options: _Options) -> _Found | None:
    """The whole object as "key: value" lines, when no text key is found anywhere; the
    posting's own object (the first with a title, for the header) is the one inside an
    envelope ({"result": {"puesto": ...}})."""
    if options.text_field or not isinstance(value, dict):
        return None
    lines = _readable_lines(value, 0)
    body = "\n".join(lines)
    if sum(len(line) for line in lines) < _READABLE_MIN_CHARS:
        return None
    titled = (obj for aside, obj in _dicts_breadth_first(value) if _title(_keyed(obj), aside))
    return _Found(next(titled, value), False, body)


def _readable_lines(value: Any, depth: int) -> list[str]:
    """Text and numbers under their keys, lists as items, nested objects indented."""
    if depth > _READABLE_MAX_DEPTH or not isinstance(value, dict):
        return []
    lines: list[str] = []
    indent = "  " * depth
    for name, child in value.items():
        if _other_postings(name, child):
            continue
        if isinstance(child, str | int | float) and not isinstance(child, bool):
            text = str(child).strip()
            if text:
                lines.append(f"{indent}{name}: {text}")
        elif isinstance(child, list):
            items = [str(item).strip() for item in child if isinstance(item, str | int | float)]
            lines += [f"{indent}{name}:"] + [f"{indent}- {item}" for item in items if item]
            for item in child:
                lines += _readable_lines(item, depth + 1)
        elif isinstance(child, dict):
            lines += [f"{indent}{name}:", *_readable_lines(child, depth + 1)]
    return lines


def _missing_text_message(value: Any, options: _Options) -> str:
    wanted = options.text_field or "description-like"
    if isinstance(value, dict):
        keys = ", ".join(sorted(map(str, value))[:12])
        return (f"no {wanted} text field found (top-level keys: {keys}); "
                "name the field to read with text_field")
    return f"no {wanted} text field found in a JSON {type(value).__name__}"
