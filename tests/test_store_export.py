"""Exports: JSONL records, Parquet tables, GDELT-style event CSV."""
from __future__ import annotations

import csv
import io
import json

import duckdb

from marsad.store import export
from test_store_queries import build_store


def test_store_export_jsonl_gives_the_stored_records(tmp_path):
    con = build_store(tmp_path / "x.duckdb")
    out = io.StringIO()
    assert export.export_jsonl(con, out) == 2
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["visit-1", "strike-1"]
    assert records[0]["schema"] == "marsad/document@1" and records[0]["events"][0]["cameo"] == "042"
    assert export.export_jsonl(con, io.StringIO(), include_duplicates=True) == 3


def test_store_export_parquet_writes_every_table(tmp_path):
    con = build_store(tmp_path / "x.duckdb")
    assert export.export_parquet(con, tmp_path / "pq") == len(export.RESULT_TABLES)
    reader = duckdb.connect()
    for table in export.RESULT_TABLES:
        stored = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert reader.execute(f"SELECT count(*) FROM read_parquet('{tmp_path / 'pq' / table}.parquet')").fetchone()[0] == stored


def test_store_export_gdelt_has_gdelt_columns_and_codes(tmp_path):
    con = build_store(tmp_path / "x.duckdb")
    out = io.StringIO()
    assert export.export_gdelt(con, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(export.GDELT_COLUMNS) == 61 and list(rows[0]) == list(export.GDELT_COLUMNS)
    visit = rows[0]
    assert (visit["Actor1Code"], visit["Actor1CountryCode"], visit["Actor2Code"], visit["Actor2CountryCode"]) == \
        ("ISRGOV", "ISR", "AZE", "AZE")
    assert (visit["EventCode"], visit["EventBaseCode"], visit["EventRootCode"], visit["QuadClass"]) == ("042", "042", "04", "1")
    assert visit["GoldsteinScale"] == "1.9" and visit["SQLDATE"] == "20230329" and visit["Actor1Name"] == "ELI COHEN"
    assert visit["ActionGeo_FullName"] == "Baku" and visit["ActionGeo_Type"] == "4"
    assert visit["SOURCEURL"] == "https://example.org/v" and visit["NumSources"] == "1"
    assert rows[1]["EventRootCode"] == "19" and rows[1]["SQLDATE"] == "20230402"


def test_store_export_parquet_tables_open_as_a_store(tmp_path):
    from marsad.store import db, queries
    con = build_store(tmp_path / "x.duckdb")
    export.export_parquet(con, tmp_path / "pq")
    view = db.connect(tmp_path / "pq", read_only=True)
    assert queries.relations(view) == queries.relations(con)
    assert queries.get_article(view, "visit-1")["near_duplicates"][0]["id"] == "visit-2"
