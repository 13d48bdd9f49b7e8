"""Loading and validation: the `data/kb/*.jsonl` files -> checked `KBEntry` objects -> a `KnowledgeBase`.

Every `*.jsonl` file in `settings.data_dir / "kb"` holds one entry per line; a line whose object has a
`_meta` key is the file's header (source, license, how it was made) and is not an entry. `parse_entry`
checks one object (known fields, id form, type and subtype, ISO codes, Arabic surfaces, weak marks among
the surfaces, office keys and dates); `load_kb` reads every file once and checks what spans files (ids
unique, capital/parent/office references resolvable). A bad line is a `ConfigError` naming `file:line`.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..settings import Settings
from ..text.normalize import normalize
from .index import KnowledgeBase
from .model import POSITIONS, SUBTYPES, TYPES, KBEntry, Position

VARIANTS_FILE = "name_variants.tsv"   # words bodies' names use interchangeably (see fold.py)

_ID_RE = re.compile(r"^(per|org|loc):[A-Za-z0-9][A-Za-z0-9:._-]*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ARABIC_RE = re.compile(r"[\u0621-\u064a]")

_FIELDS = {f for f in KBEntry.__dataclass_fields__ if f != "file"}
_REQUIRED = ("id", "type", "subtype", "name")
_POS_FIELDS = set(Position.__dataclass_fields__)


def _tuple_of_str(value: Any, what: str) -> tuple[str, ...]:
    if not value:
        if value is None or value == []:
            return ()
        raise ValueError(f"{what} must be a list of non-empty strings")
    if type(value) is not list:
        raise ValueError(f"{what} must be a list of non-empty strings")
    for v in value:
        if type(v) is not str or not v.strip():
            raise ValueError(f"{what} must be a list of non-empty strings")
    return tuple(value)


def _position(obj: Any) -> Position:
    if not isinstance(obj, dict):
        raise ValueError("each position must be an object")
    unknown = set(obj) - _POS_FIELDS
    if unknown:
        raise ValueError(f"unknown position field(s) {', '.join(sorted(unknown))}")
    p = Position(position=obj.get("position"), country=obj.get("country"), org=obj.get("org"),
                 start=obj.get("start"), end=obj.get("end"), portfolio=obj.get("portfolio"))
    if p.position not in POSITIONS:
        raise ValueError(f"unknown position {p.position!r}")
    if p.country is not None and not _ISO3_RE.match(p.country):
        raise ValueError(f"position country {p.country!r} is not ISO alpha-3")
    for d in (p.start, p.end):
        if d is not None and not (isinstance(d, str) and _DATE_RE.match(d)):
            raise ValueError(f"position date {d!r} is not an ISO date")
    if p.start and p.end and p.end <= p.start:
        raise ValueError(f"position ends ({p.end}) before it starts ({p.start})")
    return p


def parse_entry(obj: Any, source: str = "") -> KBEntry:
    """One JSON object -> a checked KBEntry; raises ValueError saying what is wrong.
    `source`: the file the object comes from (kept as `KBEntry.file`)."""
    if not isinstance(obj, dict):
        raise ValueError("an entry must be a JSON object")
    if not _FIELDS.issuperset(obj):
        raise ValueError(f"unknown field(s) {', '.join(sorted(set(obj) - _FIELDS))}")
    for k in _REQUIRED:
        if not isinstance(obj.get(k), str) or not obj[k].strip():
            raise ValueError(f"missing or empty {k!r}")
    provenance = obj.get("source")
    if provenance is not None and (type(provenance) is not str or not provenance.strip()):
        raise ValueError("source must be a non-empty string")
    # Filled through __dict__: the frozen dataclass's __init__ (one object.__setattr__ per field) is a third of
    # the load time for ~8,000 entries; the instance is just as immutable afterwards.
    e = object.__new__(KBEntry)
    e.__dict__.update(
        id=obj["id"], type=obj["type"], subtype=obj["subtype"], name=obj["name"],
        name_en=obj.get("name_en"), country=obj.get("country"), role=obj.get("role"), code=obj.get("code"),
        aliases=_tuple_of_str(obj.get("aliases"), "aliases"),
        demonyms=_tuple_of_str(obj.get("demonyms"), "demonyms"),
        capital=obj.get("capital"),
        positions=tuple(_position(p) for p in obj.get("positions") or ()),
        context=_tuple_of_str(obj.get("context"), "context"),
        weight=float(obj.get("weight", 1.0)),
        weak=_tuple_of_str(obj.get("weak"), "weak"),
        parent=obj.get("parent"),
        source=provenance,
        file=source,
    )
    if not _ID_RE.match(e.id):
        raise ValueError(f"id {e.id!r} is not of the form per:|org:|loc: + a slug")
    if e.type not in TYPES:
        raise ValueError(f"type {e.type!r} is not one of {', '.join(sorted(TYPES))}")
    if not e.id.startswith(e.type.lower() + ":"):
        raise ValueError(f"id {e.id!r} does not start with its type {e.type.lower()}:")
    if e.subtype not in SUBTYPES[e.type]:
        raise ValueError(f"subtype {e.subtype!r} is not valid for {e.type}")
    if e.country is not None and not (isinstance(e.country, str) and _ISO3_RE.match(e.country)):
        raise ValueError(f"country {e.country!r} is not ISO alpha-3")
    for s in (e.name, *e.aliases, *e.demonyms):
        if not _ARABIC_RE.search(s):
            raise ValueError(f"surface {s!r} has no Arabic letter")
    if e.weak:
        surfaces = {normalize(s) for s in (e.name, *e.aliases, *e.demonyms)}
        for w in e.weak:
            if normalize(w) not in surfaces:
                raise ValueError(f"weak surface {w!r} is not among the entry's name, aliases or demonyms")
    for w in e.context:
        if " " in w.strip():
            raise ValueError(f"context {w!r} is more than one word (context is matched word by word)")
    if e.positions and e.type != "PER":
        raise ValueError("only people hold positions")
    return e


def read_kb_file(path: Path) -> list[KBEntry]:
    """Entries of one JSONL file; raises ConfigError naming file:line on a bad line."""
    entries: list[KBEntry] = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
                if isinstance(obj, dict) and "_meta" in obj:
                    continue
                entries.append(parse_entry(obj, source=path.name))
            except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
                raise ConfigError(f"{path}:{lineno}: bad knowledge-base entry: {exc}") from None
    return entries


def load_kb(settings: Settings | None = None) -> KnowledgeBase:
    """Read and validate every `*.jsonl` file of the knowledge base (ids unique, references resolvable)."""
    kb_dir = Path((settings or Settings()).data_dir) / "kb"
    if not kb_dir.is_dir():
        raise ConfigError(f"knowledge-base directory {kb_dir} is missing")
    entries: dict[str, KBEntry] = {}
    for path in sorted(kb_dir.glob("*.jsonl")):
        for e in read_kb_file(path):
            if e.id in entries:
                raise ConfigError(f"{path}: duplicate knowledge-base id {e.id!r} (also in {entries[e.id].file})")
            entries[e.id] = e
    for e in entries.values():
        for ref, what in ((e.capital, "capital"), (e.parent, "parent"), *((p.org, "position org") for p in e.positions)):
            if ref is not None and ref not in entries:
                raise ConfigError(f"{kb_dir / e.file}: {e.id}: {what} {ref!r} is not in the knowledge base")
    data_dir = Path((settings or Settings()).data_dir)
    return KnowledgeBase(entries, variants_path=kb_dir / VARIANTS_FILE,
                         word_counts_path=data_dir / "lexicon" / "vocab.tsv.gz")


__all__ = ["parse_entry", "read_kb_file", "load_kb"]
