"""The inputs of an ingest: files and folders -> Items, one per article, in a stable order.

Every Item has a key, (origin, locator): the file's absolute path and the JSONL line
number, the feed item number, or 0 for a file holding one article. The key is how
a re-run knows what is already stored. A file or line that cannot be read becomes
an Item with the reason instead of a record: reported, stored in `failures`,
never fatal.
"""
from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..doc import Record
from ..errors import InputError
from ..text.read import parse_record, read_bytes
from .feeds import is_feed, iter_feed

# How the reason of an input that could not be read at all begins (a missing path, a permission, a
# truncated archive): its place keeps what an earlier reading stored.
UNREADABLE = "cannot read"

# File name endings an ingest reads when it walks a folder (a file named explicitly is read whatever its name).
KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl", ".json": "json", ".txt": "article", ".html": "article",
         ".htm": "article", ".rss": "feed", ".atom": "feed", ".xml": "feed"}


@dataclass
class Item:
    origin: str
    locator: int
    record: Record | None = None
    error: str | None = None       # why there is no record
    record_id: str | None = None
    content_hash: str | None = None  # when already computed (the Spark engine reads and hashes on executors)


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    for ending, kind in sorted(KINDS.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(ending):
            return kind
    return None


def iter_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """(file, kind) for every input file, folders walked in sorted order, hidden files left out; a path that
    does not exist is kind "missing" (a failure of its own, not the end of the run)."""
    for p in paths:
        if not p.exists():
            yield p, "missing"
        elif p.is_dir():
            for f in sorted(q for q in p.rglob("*") if q.is_file()):
                rel = f.relative_to(p).parts
                if any(part.startswith(".") for part in rel):
                    continue
                kind = kind_of(f)
                if kind:
                    yield f, kind
        else:
            yield p, kind_of(p) or "article"


def iter_items(paths: Iterable[Path]) -> Iterator[Item]:
    for path, kind in iter_files(paths):
        origin = str(path.resolve())
        if kind == "missing":
            yield Item(origin, 0, error=f"{UNREADABLE} (no such file or folder)")
            continue
        if kind == "jsonl":
            yield from _jsonl(path, origin)
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield Item(origin, 0, error=f"{UNREADABLE} ({exc.strerror or exc})")
            continue
        if kind == "feed" or is_feed(data):
            yield from _feed(data, origin)
            continue
        if kind == "json":
            yield from _json(data, origin)
            continue
        try:
            yield Item(origin, 0, record=read_bytes(data, what=path.name))
        except InputError as exc:
            yield Item(origin, 0, error=str(exc))


def _jsonl(path: Path, origin: str) -> Iterator[Item]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    any_line = False
    try:
        with opener(path, "rb") as fh:
            for n, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                any_line = True
                where = f"line {n}"
                try:
                    line = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    yield Item(origin, n, error=f"{where}: not UTF-8")
                    continue
                try:
                    yield Item(origin, n, record=parse_record(line, where))
                except InputError as exc:
                    yield Item(origin, n, error=_with_line(str(exc), where), record_id=_id_of(line))
    except (OSError, EOFError) as exc:  # unreadable file, truncated gzip
        yield Item(origin, 0, error=f"{UNREADABLE} ({getattr(exc, 'strerror', None) or exc})")
        return
    if not any_line:
        yield Item(origin, 0, error="empty file: no records")


def _json(data: bytes, origin: str) -> Iterator[Item]:
    """A .json file: one record object, or an array of them (locator = position, from 1)."""
    import json
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        yield Item(origin, 0, error=f"not valid JSON ({str(exc).splitlines()[0]})")
        return
    objs = obj if isinstance(obj, list) else [obj]
    if not objs:
        yield Item(origin, 0, error="empty JSON array: no records")
    for n, o in enumerate(objs, 1):
        where = f"record {n}"
        try:
            yield Item(origin, n, record=parse_record(json.dumps(o, ensure_ascii=False), where))
        except InputError as exc:
            yield Item(origin, n, error=_with_line(str(exc), where),
                       record_id=str(o["id"]) if isinstance(o, dict) and o.get("id") is not None else None)


def _with_line(message: str, where: str) -> str:
    return message if message.startswith(where) else f"{where}: {message}"


def _id_of(line: str) -> str | None:
    import json
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    rid = obj.get("id") if isinstance(obj, dict) else None
    return None if rid is None else str(rid)


def _feed(data: bytes, origin: str) -> Iterator[Item]:
    try:
        for fi in iter_feed(data, what=Path(origin).name):
            if fi.record is not None:
                yield Item(origin, fi.locator, record=fi.record)
            else:
                yield Item(origin, fi.locator, error=str(fi.error))
    except InputError as exc:
        yield Item(origin, 0, error=str(exc))
