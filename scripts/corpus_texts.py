"""Reading corpora for the mining scripts beside this file: the texts of a JSONL corpus (plain or
gzipped), and the sentence records of an events dump (scripts/events_corpus_dump.py).

    from corpus_texts import articles, read_dump      # scripts/ is on sys.path when a script there runs
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path


def articles(path: Path):
    """Each record's text, in file order (blank lines skipped)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line).get("text") or ""


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
