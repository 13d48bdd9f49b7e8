"""A real store of the outlet fixture (tests/fixtures/outlets/articles.jsonl): the 15 articles analyzed
by the real pipeline and ingested as `marsad ingest` does, once per test process.

The tests on it assert what does not depend on how well the pipeline reads (which outlet wrote what,
how search folds spelling, that the CLI and the web give the same numbers), so they hold while the
analysis stages improve.
"""
from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path

ARTICLES = Path(__file__).parent / "fixtures" / "outlets" / "articles.jsonl"


@functools.cache
def _built() -> Path:
    from marsad.store.ingest import ingest
    folder = Path(tempfile.mkdtemp(prefix="marsad-outlets-"))
    db = folder / "outlets.duckdb"
    report = ingest([ARTICLES], db, workers=1)
    assert report.failed == 0 and report.articles == 15, report
    return db


def outlet_store(where: Path) -> Path:
    """A copy of the outlet store in `where` (tests may open it as they like; the original stays clean)."""
    target = Path(where) / "outlets.duckdb"
    shutil.copy(_built(), target)
    return target
