"""Exports: JSONL document records, Parquet tables, and a GDELT-style event CSV.

The GDELT file has the 61 columns of the GDELT 2.0 event table, in GDELT's order and
with GDELT's names, as CSV with a header row, so tools written for GDELT read it
(fields marsad has no value for are empty). Codes are CAMEO; country codes are
ISO 3166-1 alpha-3 as in CAMEO actor codes (GDELT's *Geo_CountryCode fields use FIPS,
so marsad leaves those empty rather than mislabel them).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TextIO

from .db import RESULT_TABLES

# Sort keys that make every export byte-for-byte reproducible.
TABLE_ORDER = {
    "articles": "seq", "sources": "origin, locator", "entities": "article_id, entity_id",
    "mentions": "article_id, start_char, end_char, entity_id", "quotes": "article_id, quote_id",
    "chain_links": "article_id, quote_id, position", "events": "article_id, event_id",
    "framing": "article_id, position", "actor_articles": "article_id, actor_key", "failures": "origin, locator",
}

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{f}" for f in _ACTOR_FIELDS) + tuple(f"Actor2{f}" for f in _ACTOR_FIELDS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
       "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{f}" for f in _GEO_FIELDS) + tuple(f"Actor2Geo_{f}" for f in _GEO_FIELDS)
    + tuple(f"ActionGeo_{f}" for f in _GEO_FIELDS) + ("DATEADDED", "SOURCEURL")
)


def _where(include_duplicates: bool) -> str:
    return "" if include_duplicates else " WHERE a.duplicate_of IS NULL"


def export_jsonl(con, out: TextIO, include_duplicates: bool = False) -> int:
    """One document record per line, in ingest order."""
    n = 0
    cur = con.execute("SELECT a.record FROM articles a" + _where(include_duplicates) + " ORDER BY a.seq")
    while rows := cur.fetchmany(500):
        for (record,) in rows:
            out.write(json.dumps(json.loads(record), ensure_ascii=False) + "\n")
            n += 1
    return n


def export_parquet(con, folder: str | Path) -> int:
    """Every result table as FOLDER/TABLE.parquet (the layout the Spark engine writes)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for table in RESULT_TABLES:
        target = str(out / f"{table}.parquet")
        con.execute(f"COPY (SELECT * FROM {table} ORDER BY {TABLE_ORDER[table]}) TO '{_sql_str(target)}' (FORMAT parquet)")
    return len(RESULT_TABLES)


def _sql_str(s: str) -> str:
    return s.replace("'", "''")


_GDELT_SQL = """
SELECT row_number() OVER (ORDER BY a.seq, v.trigger_start, v.event_id) AS id,
       v.event_date, v.sentence, v.cameo, v.quad_class, v.goldstein,
       coalesce(v.source_code, v.source_country) AS a1_code, upper(coalesce(se.name_en, v.source_name)) AS a1_name,
       v.source_country AS a1_country, v.source_role AS a1_role,
       coalesce(v.target_code, v.target_country) AS a2_code, upper(coalesce(te.name_en, v.target_name)) AS a2_name,
       v.target_country AS a2_country, v.target_role AS a2_role,
       coalesce(le.name_en, v.location_name) AS place, le.subtype AS place_kind,
       (SELECT count(*) FROM sources s WHERE s.article_id = a.id) AS n_sources,
       a.ingested_at, a.url
FROM events v JOIN articles a ON a.id = v.article_id
LEFT JOIN entities se ON se.article_id = v.article_id AND se.entity_id = v.source_entity
LEFT JOIN entities te ON te.article_id = v.article_id AND te.entity_id = v.target_entity
LEFT JOIN entities le ON le.article_id = v.article_id AND le.entity_id = v.location_entity
{where}
ORDER BY id
"""

# GDELT geo types: 1 country, 3 US city, 4 world city, 5 world state/province.
_GEO_TYPE = {"country": 1, "city": 4, "region": 5}


def export_gdelt(con, out: TextIO, include_duplicates: bool = False) -> int:
    """Events as a GDELT 2.0-layout CSV with a header row."""
    w = csv.writer(out)
    w.writerow(GDELT_COLUMNS)
    n = 0
    cur = con.execute(_GDELT_SQL.format(where=_where(include_duplicates)))
    cols = [d[0] for d in cur.description]
    while rows := cur.fetchmany(1000):
        for raw in rows:
            r = dict(zip(cols, raw))
            row = dict.fromkeys(GDELT_COLUMNS, "")
            day = r["event_date"]
            if day is not None:
                row.update(SQLDATE=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"), Year=day.year,
                           FractionDate=f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}")
            cameo = r["cameo"] or ""
            row.update(
                GLOBALEVENTID=r["id"], Actor1Code=r["a1_code"] or "", Actor1Name=r["a1_name"] or "",
                Actor1CountryCode=r["a1_country"] or "", Actor1Type1Code=r["a1_role"] or "",
                Actor2Code=r["a2_code"] or "", Actor2Name=r["a2_name"] or "",
                Actor2CountryCode=r["a2_country"] or "", Actor2Type1Code=r["a2_role"] or "",
                IsRootEvent=1 if r["sentence"] == 0 else 0, EventCode=cameo, EventBaseCode=cameo[:3],
                EventRootCode=cameo[:2], QuadClass=r["quad_class"] if r["quad_class"] is not None else "",
                GoldsteinScale=r["goldstein"] if r["goldstein"] is not None else "",
                NumMentions=1, NumSources=r["n_sources"], NumArticles=1,
                ActionGeo_Type=_GEO_TYPE.get(r["place_kind"] or "", "") if r["place"] else "",
                ActionGeo_FullName=r["place"] or "",
                DATEADDED=r["ingested_at"].strftime("%Y%m%d%H%M%S") if r["ingested_at"] else "",
                SOURCEURL=r["url"] or "")
            w.writerow(row[c] for c in GDELT_COLUMNS)
            n += 1
    return n
