"""Ingest identity by content: what is stored is known by the record's id and its text's hash, never by
its line. An edited or reordered file ingests exactly what is new, provenance (file, line) follows the
records, recorded failures are skipped unless retried, and a missing path is a failure, not an abort.
Real articles: the outlet fixture (tests/fixtures/outlets/articles.jsonl)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from marsad.settings import Settings
from marsad.store import db
from marsad.store.ingest import ingest

ARTICLES = Path(__file__).parent / "fixtures" / "outlets" / "articles.jsonl"


def records() -> list[dict]:
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip()]


def write(path: Path, recs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


def provenance(store: Path) -> dict[int, str]:
    """line -> the record id its source row names (and the article it points to must hold that record)."""
    con = db.connect(store, read_only=True)
    try:
        rows = con.execute("SELECT s.locator, s.record_id, a.id, s.content_hash = a.content_hash FROM sources s "
                           "JOIN articles a ON a.id = s.article_id ORDER BY s.locator").fetchall()
    finally:
        con.close()
    assert all(same for *_, same in rows)
    return {loc: rid for loc, rid, _, _ in rows}


def test_ingest_a_record_inserted_at_the_top_is_stored_and_lines_follow(tmp_path, nlp):
    recs = records()
    corpus, store = tmp_path / "news.jsonl", tmp_path / "m.duckdb"
    write(corpus, recs[1:6])
    first = ingest([corpus], store, nlp=nlp)
    assert first.articles == 5

    write(corpus, [recs[0], *recs[1:6]])           # one article inserted at the top
    again = ingest([corpus], store, nlp=nlp)
    assert again.articles == 1                     # the new one is stored (was: 0 new, 5 "already stored")
    assert provenance(store) == {n: r["id"] for n, r in enumerate(recs[:6], 1)}   # every line names its record

    write(corpus, list(reversed(recs[:6])))        # reordered: nothing new, provenance follows
    third = ingest([corpus], store, nlp=nlp)
    assert third.articles == 0 and third.relocated == 6
    assert provenance(store) == {n: r["id"] for n, r in enumerate(reversed(recs[:6]), 1)}

    write(corpus, recs[:3])                        # shortened: lines 4-6 exist no more
    fourth = ingest([corpus], store, nlp=nlp)
    assert fourth.articles == 0 and fourth.pruned == 3
    assert provenance(store) == {n: r["id"] for n, r in enumerate(recs[:3], 1)}
    con = db.connect(store, read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 6   # articles are never dropped
    con.close()


def test_ingest_unchanged_file_is_all_already_stored(tmp_path, nlp):
    corpus, store = write(tmp_path / "news.jsonl", records()[:4]), tmp_path / "m.duckdb"
    ingest([corpus], store, nlp=nlp)
    before = db.snapshot(db.connect(store, read_only=True))
    again = ingest([corpus], store, nlp=nlp)
    assert (again.articles, again.relocated, again.pruned, again.already_done) == (0, 0, 0, 4)
    assert db.snapshot(db.connect(store, read_only=True)) == before


def test_ingest_missing_path_is_a_failure_record_and_the_run_goes_on(tmp_path, nlp):
    corpus, store = write(tmp_path / "news.jsonl", records()[:2]), tmp_path / "m.duckdb"
    late = tmp_path / "late.jsonl"
    report = ingest([late, corpus], store, nlp=nlp)    # was: InputError, nothing stored
    assert report.articles == 2 and report.failed == 1
    con = db.connect(store, read_only=True)
    assert con.execute("SELECT origin, locator, stage, reason FROM failures").fetchall() == [
        (str(late.resolve()), 0, "read", "cannot read (no such file or folder)")]
    con.close()

    # Once there, the file is read and stored, and its failure row is gone.
    write(late, records()[2:4])
    fixed = ingest([late, corpus], store, nlp=nlp)
    assert fixed.articles == 2 and fixed.already_done == 2
    con = db.connect(store, read_only=True)
    assert con.execute("SELECT count(*) FROM failures").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM sources WHERE origin = ?", [str(late.resolve())]).fetchone()[0] == 2
    con.close()


def test_ingest_file_unreadable_once_is_stored_after_it_is_fixed(tmp_path, nlp):
    """A file that cannot be read (here a link to a file not yet there, which is what a permission error is to
    a root user's test too) fails once, and is read and stored once it can be: not "already stored"."""
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "a.jsonl", records()[:2])
    target = tmp_path / "b-target.jsonl"
    (folder / "b.jsonl").symlink_to(target)
    store = tmp_path / "m.duckdb"
    first = ingest([folder / "a.jsonl", folder / "b.jsonl"], store, nlp=nlp)
    assert first.articles == 2 and first.failed == 1
    again = ingest([folder / "a.jsonl", folder / "b.jsonl"], store, nlp=nlp)
    assert again.known_failures == 1 and again.failed == 0          # the same failure: counted, not re-recorded
    write(target, records()[2:5])
    fixed = ingest([folder / "a.jsonl", folder / "b.jsonl"], store, nlp=nlp)
    assert fixed.articles == 3 and fixed.pruned == 1
    con = db.connect(store, read_only=True)
    assert con.execute("SELECT count(*) FROM failures").fetchone()[0] == 0
    con.close()


def test_ingest_retry_failed_retries_recorded_analysis_failures(tmp_path, nlp):
    recs = records()[:4]
    longest = max(len(r["text"]) for r in recs)
    corpus, store = write(tmp_path / "news.jsonl", recs), tmp_path / "m.duckdb"
    strict = Settings(max_chars=longest - 1)        # the longest article is refused by this pipeline
    first = ingest([corpus], store, settings=strict)
    assert first.articles == 3 and first.failed == 1

    plain = ingest([corpus], store, nlp=nlp)        # a pipeline that would take it: the failure stays recorded
    assert plain.articles == 0 and plain.known_failures == 1

    retried = ingest([corpus], store, nlp=nlp, retry_failed=True)
    assert retried.articles == 1 and retried.failed == 0
    con = db.connect(store, read_only=True)
    assert con.execute("SELECT count(*) FROM failures").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    con.close()


def test_ingest_cli_missing_path_and_retry_flag(tmp_path):
    corpus, store = write(tmp_path / "news.jsonl", records()[:1]), tmp_path / "m.duckdb"
    run = subprocess.run([sys.executable, "-m", "marsad.cli", "ingest", str(tmp_path / "nowhere.jsonl"), str(corpus),
                          "--db", str(store), "--workers", "1", "--retry-failed"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert "nowhere.jsonl: skipped 1: cannot read (no such file or folder)" in run.stderr
    assert "1 new articles" in run.stderr
