"""The texts of a JSONL corpus (plain or gzipped), for the mining scripts beside this file.

    from corpus_texts import articles      # scripts/ is on sys.path when a script there runs
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
