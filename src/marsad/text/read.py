"""Bytes to text: encodings, HTML pages, JSONL records, and the checks on what came in.

Arabic news arrives as UTF-8 (with or without a BOM), UTF-16, Windows-1256 or
ISO-8859-6, as plain text or as an HTML page. `read_bytes` turns any of these into
a `Record`; input that is empty, binary or not Arabic raises an `InputError` with a
one-line message.
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadRecord, BinaryInput, EmptyInput, InputError, NotArabic, UndecodableInput
from ..doc import Record
from .dates import parse_date

ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]")
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<!--|<div|<p[\s>]|<article)", re.I)

# File signatures of common binary formats, so they are named rather than "undecodable".
MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF": "a PDF document", b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "a gzip archive", b"\x7fELF": "an executable", b"RIFF": "a media file",
}


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: one byte of each pair is mostly NUL (ASCII) or 0x06 (Arabic)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    def share(bs: bytes) -> float:
        return sum(1 for b in bs if b in (0, 6)) / max(1, len(bs))
    if share(odd) > 0.7 and share(even) < 0.3:
        return "utf-16-le"
    if share(even) > 0.7 and share(odd) < 0.3:
        return "utf-16-be"
    return None


def _arabic_share(text: str) -> float:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 0.0
    return sum(1 for c in non_ascii if ARABIC_LETTER.match(c)) / len(non_ascii)


WORD = re.compile(r"[^\W\d_]+")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


def _plausible_arabic(text: str) -> float:
    """The share of the non-ASCII characters that are Arabic letters in words of Arabic letters alone: an
    Arabic letter inside a Latin word (`estل`, `ةTATS`) is a single-byte code page misreading Latin text."""
    non_ascii = sum(1 for c in text if ord(c) > 127)
    if not non_ascii:
        return 0.0
    good = 0
    for w in WORD.findall(text):
        if not LATIN_LETTER.search(w):
            good += sum(1 for c in w if ARABIC_LETTER.match(c))
    return good / non_ascii


def _plausible_latin(text: str) -> bool:
    """Latin-script text: mostly ASCII letters, and its accented letters sit inside words with ASCII letters
    (`étrangères`, `Genève`), where Arabic read as Windows-1252 gives words of accented letters only (`ÞÇá`)."""
    words = WORD.findall(text)
    letters = sum(len(w) for w in words)
    if not letters:
        return False
    ascii_letters = sum(1 for w in words for c in w if c.isascii())
    accented = [w for w in words if not w.isascii()]
    mixed = sum(1 for w in accented if any(c.isascii() for c in w))
    return ascii_letters / letters > 0.8 and (not accented or mixed / len(accented) > 0.6)


def decode(data: bytes, what: str = "input") -> str:
    """Decode bytes in the encodings Arabic news comes in; the choice between the two
    single-byte Arabic code pages goes to the one that reads more Arabic letters."""
    for sig, kind in MAGIC.items():
        if data.startswith(sig):
            raise BinaryInput(what, kind)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise UndecodableInput(what) from None
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UndecodableInput(what) from None
    enc16 = _looks_utf16(data[:4000])
    if enc16:
        try:
            return data.decode(enc16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise BinaryInput(what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in ("cp1256", "iso8859_6"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausible_arabic(text), enc == "cp1256", text))
    share, _, text = max(candidates) if candidates else (0.0, False, "")
    if share >= 0.5:
        return text
    # Windows-1256 reads every byte, so Latin-1 text "decodes" too (É as ة, á as ل): the reading that yields
    # plausible words decides, and Latin text is named for what it is rather than stored as Arabic.
    if _plausible_latin(data.decode("cp1252", errors="replace")):
        raise InputError(f"{what} is Western European text (Latin-1 / Windows-1252), not Arabic: "
                         "marsad analyzes Arabic text")
    raise UndecodableInput(what)


def is_html(data: bytes | str) -> bool:
    head = data[:2000] if isinstance(data, bytes) else data[:2000].encode("utf-8", "ignore")
    return bool(HTML_START.match(head)) or (head.count(b"</") >= 3 and head.count(b"<") > 10)


def extract_html(html: str, what: str = "input") -> Record:
    """The article body, title and date of an HTML page (trafilatura)."""
    import trafilatura
    body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    meta = trafilatura.extract_metadata(html)
    if not body or not body.strip():
        # lxml (under trafilatura) stops reading below 255 levels of nesting and returns nothing; such a page
        # is read by a parser without that limit. A page of ordinary depth without an article stays refused.
        deep = html_text(html)
        if deep.depth < LXML_MAX_DEPTH:
            raise InputError(f"{what}: no article text found in the HTML page")
        if not deep.text.strip():
            raise InputError(f"{what}: no article text found in the HTML page (nested {deep.depth} levels deep)")
        body = deep.text
    return Record(text=body, title=getattr(meta, "title", None) if meta else None,
                  url=getattr(meta, "url", None) if meta else None,
                  publisher=getattr(meta, "sitename", None) if meta else None,
                  published=getattr(meta, "date", None) if meta else None)


# libxml2's default nesting limit: lxml gives up on deeper documents (trafilatura then finds no text).
LXML_MAX_DEPTH = 250

# Elements whose text is not the page's text, and those that end a paragraph.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "nav", "iframe", "object"})
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                     "blockquote", "tr", "table", "header", "footer", "main", "figure", "figcaption", "pre", "hr"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class HtmlText:
    text: str
    depth: int     # deepest nesting of elements met


def html_text(html: str) -> HtmlText:
    r"""The visible text of an HTML page, a paragraph per block element, by the standard library's parser
    (no nesting limit, linear in the page's length): what is read when lxml cannot read a page.

    >>> html_text("<html><body><div><p>نص أول</p><p>نص ثان</p></div><script>x()</script></body></html>").text
    'نص أول\n\nنص ثان'
    """
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.depth = self.max_depth = 0
            self.skipping = 0          # inside a skipped element (counted, they may nest)

        def handle_starttag(self, tag, attrs):
            if tag in _BLOCKS:
                self.parts.append("\n\n")
            if tag in _VOID:
                return
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
            if tag in _SKIPPED or self.skipping:
                self.skipping += 1

        def handle_endtag(self, tag):
            if tag in _VOID:
                return
            self.depth = max(0, self.depth - 1)
            if self.skipping:
                self.skipping -= 1
            if tag in _BLOCKS:
                self.parts.append("\n\n")

        def handle_data(self, data):
            if not self.skipping:
                self.parts.append(data)

    c = Collect()
    c.feed(html)
    c.close()
    paragraphs = (" ".join(p.split()) for p in "".join(c.parts).split("\n\n"))
    return HtmlText("\n\n".join(p for p in paragraphs if p), c.max_depth)


# Letters of the Arabic script that Persian and Urdu write and Arabic does not (Farsi yeh and keheh, pe, che,
# zhe, gaf; Urdu's tteh, ddal, rreh, noon ghunna, yeh barree, heh goal, heh doachashmee), and the letters
# Arabic writes where they write those (yeh, kaf, alef maksura, ta marbuta).
PERSIAN_LETTERS = frozenset("\u06cc\u06a9\u067e\u0686\u0698\u06af")
URDU_LETTERS = frozenset("\u0679\u0688\u0691\u06ba\u06d2\u06d3\u06c1\u06be")
ARABIC_ONLY = frozenset("\u064a\u0643\u0649\u0629")
ARABIC_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3]+")


def other_arabic_script_language(text: str) -> str | None:
    """"Persian" or "Urdu" when the text is written in that language rather than Arabic, else None.

    By letters and the article: a Persian or Urdu text writes ی and ک where Arabic writes ي and ك, never ة
    or ى in its own words, and few words with the Arabic article ال; Arabic typed on a Persian keyboard
    (ی, ک throughout) keeps its ة and its ال, and an Arabic article quoting a Persian name keeps both.

    >>> other_arabic_script_language("تمام افراد بشر آزاد به دنیا می‌آیند و از لحاظ حیثیت و حقوق با هم برابرند.")
    'Persian'
    >>> other_arabic_script_language("قال وزير الخارجية إن بلاده ترفض أي محاولة لتهجير الفلسطينيين.") is None
    True
    """
    sample = text[:20000]
    # str.count per letter: a scan in C, where a generator over 20,000 characters was a third of make_doc
    fa = sum(map(sample.count, PERSIAN_LETTERS))
    ur = sum(map(sample.count, URDU_LETTERS))
    if fa + ur < 5:
        return None
    ar = sum(map(sample.count, ARABIC_ONLY))
    if fa + ur <= 2 * ar:
        return None
    words = ARABIC_WORD.findall(sample)
    if not words or sum(1 for w in words if w.startswith("ال") and len(w) > 3) / len(words) >= 0.08:
        return None
    return "Urdu" if ur >= 0.15 * (fa + ur) else "Persian"


def check_text(text: str, what: str = "input", max_chars: int | None = None) -> None:
    """Raise the InputError that fits text marsad cannot analyze; return None otherwise."""
    if not text or not text.strip():
        raise EmptyInput(what)
    if max_chars and len(text) > max_chars:
        raise InputError(f"{what} is {len(text):,} characters, over the limit of {max_chars:,}: split it into articles")
    sample = text[:20000]
    if len(CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise BinaryInput(what)
    if not ARABIC_LETTER.search(text):
        raise NotArabic(what)
    language = other_arabic_script_language(text)
    if language:   # refused, not analyzed as Arabic: the lexicons and models would read it wrongly
        raise InputError(f"{what} is {language} in the Arabic script, not Arabic: marsad analyzes Arabic text")


def read_bytes(data: bytes, what: str = "input") -> Record:
    """One article from raw bytes: plain text in any supported encoding, or an HTML page."""
    if not data or not data.strip():
        raise EmptyInput(what)
    text = decode(data, what)
    if is_html(text):
        rec = extract_html(text, what)
    else:
        rec = Record(text=text)
    check_text(rec.text, what)
    return rec


FILE_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_file_name(path: str | Path) -> str | None:
    """An ISO date written in a file's name (`BB-middleEast-1080-20181009.txt`, `2023-10-02-story.html`):
    corpora are often named by publication date."""
    m = FILE_NAME_DATE.search(Path(path).stem)
    if not m:
        return None
    from datetime import date
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def read_path(path: str | Path) -> Record:
    """One article from a file; its publication date, when the page itself gives none, from the file name."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{p} is a folder: give a file (or use `marsad ingest` for folders)") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    rec = read_bytes(data, what=str(p))
    if not rec.published:
        rec.published = date_in_file_name(p)
    return rec


JSONL_FIELDS = ("id", "text", "title", "url", "publisher", "published")


def parse_record(line: str, where: str) -> Record:
    """One JSONL line `{id, text, title, url, publisher, published}` (extra keys ignored)."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(where, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise BadRecord(where, "a JSONL record must be an object")
    rid = obj.get("id")
    if rid is not None:
        rid = str(rid)
        where = f"record {rid}"
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRecord(where, "no text")
    # Outlets in the ANT corpus name themselves in `source`; keep it as the publisher.
    publisher = obj.get("publisher") or obj.get("source")
    return Record(text=text, id=rid, title=_str(obj.get("title")), url=_str(obj.get("url")),
                  publisher=_str(publisher), published=normalize_date(obj.get("published")))


def normalize_date(value) -> str | None:
    """An ISO day (`marsad.text.dates.parse_date`); other text is kept as given, so nothing the caller
    said is lost."""
    if value is None or not str(value).strip():
        return None
    return parse_date(value) or str(value).strip()


def _str(v) -> str | None:
    return None if v is None else str(v)


def iter_jsonl(path: str | Path) -> Iterator[Record | BadRecord]:
    """Records of a JSONL file (plain or .gz); a bad line yields a BadRecord naming it, and reading goes on."""
    p = Path(path)
    import gzip
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "rb") as fh:
        yield from iter_jsonl_stream(fh, p.name)


def iter_jsonl_stream(fh, name: str) -> Iterator[Record | BadRecord]:
    """Records of the JSONL lines of a binary stream (standard input); bad lines are named `name:N`."""
    for n, raw in enumerate(fh, 1):
        if not raw.strip():
            continue
        where = f"{name}:{n}"
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            yield BadRecord(where, "line is not UTF-8")
            continue
        try:
            yield parse_record(line, where)
        except BadRecord as exc:
            yield exc
