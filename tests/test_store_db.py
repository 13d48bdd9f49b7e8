"""The store file: named migrations applied once; clear errors for a missing or foreign file."""
from __future__ import annotations

import duckdb
import pytest

from marsad.store import db


def test_store_db_migrations_are_applied_once_and_recorded(tmp_path):
    path = tmp_path / "m.duckdb"
    con = db.connect(path)
    names = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
    assert names == [m.name for m in db.MIGRATIONS]
    con.close()
    con = db.connect(path)
    assert db.migrate(con) == []
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(db.TABLES) <= tables


def test_store_db_every_analysis_table_has_provenance_columns(tmp_path):
    con = db.connect(tmp_path / "m.duckdb")
    for table in ("entities", "mentions", "quotes", "chain_links", "events", "framing"):
        cols = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
        assert {"article_id", "pipeline_version"} <= cols, table


def test_store_db_read_only_open_of_a_missing_file_fails_clearly(tmp_path):
    with pytest.raises(db.StoreError, match="no such store"):
        db.connect(tmp_path / "none.duckdb", read_only=True)


def test_store_db_a_foreign_duckdb_file_is_not_a_store(tmp_path):
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).execute("CREATE TABLE t (x INTEGER)").close()
    with pytest.raises(db.StoreError, match="not a marsad store"):
        db.connect(path, read_only=True)


def test_store_db_a_text_file_is_not_a_store(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("قائمة المهام", encoding="utf-8")
    with pytest.raises(db.StoreError):
        db.connect(path)
