"""The corpus sample end to end: ingested with two workers, then again (nothing added)."""
from __future__ import annotations

import json

import pytest

from marsad.store import db, queries
from marsad.store.ingest import ingest


@pytest.mark.slow
@pytest.mark.shared
def test_store_corpus_sample_ingests_once_with_duplicates_linked(shared_dir, tmp_path):
    sample = shared_dir / "corpus" / "ant-sample.jsonl"
    lines = sample.read_text(encoding="utf-8").splitlines()
    distinct_texts = len({json.loads(line)["text"] for line in lines})
    store = tmp_path / "ant.duckdb"

    first = ingest([sample], store, workers=2)
    assert first.items == len(lines) and first.failed == 0
    assert first.articles == distinct_texts and first.exact_duplicates == len(lines) - distinct_texts
    assert first.near_duplicates >= 1  # the same wire story from two outlets is in the sample

    con = db.connect(store, read_only=True)
    before = db.snapshot(con)
    stats = queries.stats(con)
    assert stats["sources"] == len(lines) and stats["articles"] == distinct_texts
    con.close()

    again = ingest([sample], store, workers=2)
    assert again.articles == 0 and again.sources == 0 and again.already_done == len(lines)
    assert db.snapshot(db.connect(store, read_only=True)) == before
