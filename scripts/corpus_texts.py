"""Reading corpora for the mining scripts beside this file: the texts of a JSONL corpus (plain or
gzipped), and the sentence records of an events dump (scripts/events_corpus_dump.py).

    from corpus_texts import articles, records, read_dump   # scripts/ is on sys.path when a script there runs
"""
from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path


def _records_of(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def records(paths: list[Path], limit: int | None = None):
    """Each record (a dict) of the corpora in turn, in file order (blank lines skipped); at most
    `limit` records over all of them together."""
    every = itertools.chain.from_iterable(_records_of(p) for p in paths)
    return itertools.islice(every, limit or None)


def articles(paths: list[Path], limit: int | None = None):
    """Each record's text, as `records` reads them."""
    return ((r.get("text") or "") for r in records(paths, limit))


def read_dump(path: str):
    """The sentence records of a dump; a dump still being written ends mid-line or mid-stream."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        try:
            for line in f:
                try:
                    yield json.loads(line)
                except ValueError:
                    return
        except EOFError:
            return
