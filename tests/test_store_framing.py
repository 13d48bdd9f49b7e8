"""Framing markers keep their stance in the store (migration 0004), from a real analysis."""
from __future__ import annotations

import json
import subprocess
import sys

import duckdb

from marsad.store import db, queries
from marsad.store.ingest import ingest

# A sentence of the kind Arabi21 writes: a loaded label for Israel and a doubting cue.
TEXT = ("قال وزير الخارجية الإيراني إن دولة الاحتلال تواصل اعتداءاتها على الفلسطينيين، "
        "فيما زعم المتحدث باسم جيش الاحتلال أن العملية استهدفت مسلحين.")


def test_store_framing_rows_keep_the_stance_the_analysis_gives(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a1", "text": TEXT, "publisher": "Arabi21"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    store = tmp_path / "s.duckdb"
    assert ingest([src], store).articles == 1
    con = db.connect(store, read_only=True)
    rows = queries.framing(con)
    assert {(r["kind"], r["text"], r["stance"]) for r in rows} >= {
        ("loaded_label", "دولة الاحتلال", "hostile"), ("doubting_attribution", "زعم", "doubting")}
    hostile = queries.framing(con, stance="hostile")
    assert "دولة الاحتلال" in {r["text"] for r in hostile} and {r["stance"] for r in hostile} == {"hostile"}


def test_store_a_store_made_before_the_stance_column_gains_it(tmp_path):
    path = tmp_path / "old.duckdb"
    _store_before_stance(path)
    con = db.connect(path)
    cols = {r[0] for r in con.execute("DESCRIBE framing").fetchall()}
    assert "stance" in cols
    assert "0004_framing_stance" in {r[0] for r in con.execute("SELECT name FROM schema_migrations").fetchall()}


def _store_before_stance(path):
    """A store as a marsad before migration 0004 left it."""
    con = duckdb.connect(str(path))
    db.migrate(con, upto=[m.name for m in db.MIGRATIONS].index("0004_framing_stance"))
    con.close()


def test_store_an_older_store_opened_to_read_says_how_to_upgrade_and_stays_as_it_was(tmp_path):
    path = tmp_path / "old.duckdb"
    _store_before_stance(path)
    before = path.read_bytes()
    out = subprocess.run([sys.executable, "-m", "marsad.cli", "outlets", "--db", str(path)],
                         capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "older marsad" in out.stderr and "marsad migrate" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
    up = subprocess.run([sys.executable, "-m", "marsad.cli", "migrate", "--db", str(path)],
                        capture_output=True, text=True)
    assert up.returncode == 0 and "up to date" in up.stderr
    again = subprocess.run([sys.executable, "-m", "marsad.cli", "outlets", "--db", str(path)],
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
