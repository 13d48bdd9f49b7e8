"""The store checks itself on open: another program's DuckDB file, a SQLite file, a store from a newer marsad,
a store missing a column are each refused with one line that says what is wrong, and the file is left byte for
byte as it was. No extension is installed or loaded implicitly."""
from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from marsad.store import db
from marsad.store.db import StoreError

from outlet_store import ARTICLES, outlet_store


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ingest_cli(store: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli", "ingest", str(ARTICLES), "--db", str(store),
                           "--workers", "1", *args], capture_output=True, text=True, timeout=300)


def quotes_cli(store: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli", "quotes", "--db", str(store), "--json"],
                          capture_output=True, text=True, timeout=120)


def assert_refused(run: subprocess.CompletedProcess, *words: str) -> None:
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
    for w in words:
        assert w in lines[0], lines[0]


@pytest.fixture
def foreign(tmp_path) -> Path:
    """Another program's DuckDB file: a table of its own, no schema_migrations."""
    path = tmp_path / "sales.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE orders (id INTEGER, total DOUBLE)")
    con.execute("INSERT INTO orders VALUES (1, 9.5), (2, 12.0)")
    con.close()
    return path


def test_store_refuses_another_programs_duckdb_file_and_leaves_it_untouched(foreign):
    before = digest(foreign)
    with pytest.raises(StoreError, match="not a marsad store .*orders"):
        db.connect(foreign)
    assert_refused(ingest_cli(foreign), "not a marsad store", "orders")
    assert_refused(quotes_cli(foreign), "not a marsad store")
    assert digest(foreign) == before
    con = duckdb.connect(str(foreign), read_only=True)
    assert {r[0] for r in con.execute("SHOW TABLES").fetchall()} == {"orders"}   # no marsad table added
    con.close()


def test_store_refuses_a_sqlite_file_without_trying_an_extension(tmp_path):
    path = tmp_path / "news.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE articles (id TEXT, text TEXT)")
    con.execute("INSERT INTO articles VALUES ('a', 'نص')")
    con.commit()
    con.close()
    before = digest(path)
    for run in (ingest_cli(path), quotes_cli(path)):
        assert_refused(run, "a SQLite database, not a marsad store")
        assert "extension" not in run.stderr.lower()
    assert digest(path) == before


def test_store_connections_never_autoload_extensions(tmp_path):
    con = db.connect(tmp_path / "m.duckdb")
    settings = dict(con.execute("SELECT name, value FROM duckdb_settings() WHERE name IN "
                                "('autoinstall_known_extensions', 'autoload_known_extensions')").fetchall())
    con.close()
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


def test_store_refuses_a_store_from_a_newer_marsad(tmp_path):
    store = outlet_store(tmp_path)
    con = duckdb.connect(str(store))
    con.execute("INSERT INTO schema_migrations VALUES ('0099_from_the_future', now()::TIMESTAMP)")
    con.close()
    before = digest(store)
    with pytest.raises(StoreError, match="newer marsad .*0099_from_the_future"):
        db.connect(store, read_only=True)
    assert_refused(ingest_cli(store), "newer marsad")
    assert_refused(quotes_cli(store), "newer marsad")
    assert digest(store) == before


def test_store_refuses_a_store_missing_a_column(tmp_path):
    store = outlet_store(tmp_path)
    con = duckdb.connect(str(store))
    con.execute("ALTER TABLE quotes DROP COLUMN cue_lemma")
    con.close()
    before = digest(store)
    assert_refused(ingest_cli(store), "damaged store", "quotes lacks column cue_lemma")
    assert_refused(quotes_cli(store), "damaged store", "quotes lacks column cue_lemma")   # was: a traceback
    assert digest(store) == before


def test_store_refuses_a_truncated_file(tmp_path):
    store = outlet_store(tmp_path)
    data = store.read_bytes()
    store.write_bytes(data[:len(data) // 3])
    before = digest(store)
    run = quotes_cli(store)
    assert run.returncode == 2 and "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert digest(store) == before


def test_store_a_good_store_and_a_new_one_open(tmp_path):
    store = outlet_store(tmp_path)
    db.connect(store, read_only=True).close()
    db.connect(store).close()
    fresh = tmp_path / "fresh.duckdb"
    db.connect(fresh).close()
    con = db.connect(fresh, read_only=True)
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(db.MIGRATIONS)
    con.close()
