"""Scale-out on Apache Spark: the same analysis over partitions, the same tables, as Parquet.

    marsad ingest --engine spark corpus/ --out marsad-parquet/        # local[*] by default
    spark-submit -m marsad.store.spark corpus/ --out hdfs:///marsad   # see docs/spark.md

The work that costs (reading, hashing, analysis: ~all of the time) runs on the
executors. The decisions that depend on input order (which copy of a text is the
article, which id it gets, its `seq`, its earliest near-duplicate) are taken on
the driver by the very code the local ingest uses (`ingest.plan`, `ingest.Ledger`),
over metadata only (ids, hashes, MinHash signatures: a few hundred bytes an
article), so the rows equal the local run's whatever the partitioning:

    files ─flatMap(read, hash)─▶ items ─collect(metadata)─▶ plan (driver)
    items ─filter(first copies)─repartition─mapPartitions(analyze)─▶ outcomes (cached)
    outcomes ─collect(signatures)─▶ Ledger (driver): seq, near-duplicates, sources, failures
    outcomes + decisions ─▶ DataFrames with the store's column types ─▶ OUT/TABLE.parquet/

Each executor builds its pipeline once, from the Settings alone (shipped with the job).
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from ..settings import Settings
from .db import RESULT_TABLES
from .inputs import Item, iter_files, iter_items
from .rows import pipeline_version

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=2)
def _pipeline(settings: Settings):
    """One pipeline per executor process (and Settings), built on first use."""
    from ..pipeline import Pipeline
    return Pipeline(settings)


def table_columns() -> dict[str, list[tuple[str, str]]]:
    """The store's tables and column types, read from the migrations themselves (one source of truth)."""
    from .db import connect
    con = connect(":memory:")
    cols: dict[str, list[tuple[str, str]]] = {}
    for table, name, dtype in con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall():
        cols.setdefault(table, []).append((name, dtype))
    con.close()
    return cols


def _spark_schema(columns: list[tuple[str, str]]):
    from pyspark.sql import types as T
    kinds = {"VARCHAR": T.StringType(), "JSON": T.StringType(), "INTEGER": T.IntegerType(), "BIGINT": T.LongType(),
             "SMALLINT": T.ShortType(), "DOUBLE": T.DoubleType(), "DATE": T.DateType(), "TIMESTAMP": T.TimestampType()}
    return T.StructType([T.StructField(n, kinds[t], True) for n, t in columns])


def _convert(value: Any, dtype: str) -> Any:
    if value is None:
        return None
    if dtype == "DATE" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if dtype == "TIMESTAMP" and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if dtype == "DOUBLE":
        return float(value)
    return value


def _tuple(row: dict, columns: list[tuple[str, str]]) -> tuple:
    return tuple(_convert(row.get(n), t) for n, t in columns)


# --- the job's steps (plain functions: they run on executors) -------------------------------------------------

def _read_file(entry: tuple[int, str]) -> list[tuple[tuple[int, int], Item]]:
    """(file number, path) -> ((file number, position), Item) for each input in the file, hashed."""
    from .ingest import content_hash
    n, path = entry
    out = []
    for pos, it in enumerate(iter_items([Path(path)])):
        if it.record is not None:
            it.content_hash = content_hash(it.record.text)
        out.append(((n, pos), it))
    return out


def _metadata(kv):
    """An item without its text: what the driver needs to plan."""
    key, it = kv
    if it.record is not None:
        it = replace(it, record=replace(it.record, text=""))
    return key, it


def _analyze_partition(settings: Settings, version: str, rows):
    from .ingest import analyze_task
    for key, task in rows:
        yield key, analyze_task(_pipeline(settings), task, version)


def _decision_input(kv):
    """The part of an outcome the driver's ledger needs (no record, no rows)."""
    key, out = kv
    return key, replace(out, record_json=None, article=None, children={})


def ingest_spark(paths, out: str | Path, settings: Settings | None = None, workers: int | None = None,
                 master: str | None = None, spark=None) -> dict[str, int]:
    """Run the ingest on Spark and write every result table as OUT/TABLE.parquet/. Returns row counts."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError("--engine spark needs pyspark: pip install 'marsad[spark]'") from None
    settings = settings or Settings()
    version = pipeline_version(settings)
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
    files = [str(f.resolve()) for f, _ in iter_files(paths)]
    own = spark is None
    if own:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        try:
            spark = (SparkSession.builder.appName("marsad-ingest")
                     .master(master or f"local[{workers or os.cpu_count() or 1}]")
                     .config("spark.ui.enabled", "false")
                     .config("spark.ui.showConsoleProgress", "false")
                     .getOrCreate())
        except Exception as exc:  # py4j/pyspark raise several types when the JVM cannot start
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise ConfigError(f"Spark could not start ({first}): is a Java 17+ runtime installed?") from None
        spark.sparkContext.setLogLevel("ERROR")
    try:
        return _job(spark, files, str(out), settings, version)
    finally:
        if own:
            spark.stop()


def _job(spark, files: list[str], out: str, settings: Settings, version: str) -> dict[str, int]:
    from .ingest import IngestReport, KnownState, Ledger, Outcome, plan
    sc = spark.sparkContext
    clock = time.perf_counter()

    def step(what: str) -> None:
        log.info("spark ingest: %s (%.1fs)", what, time.perf_counter() - clock)
    # 1. Read and hash on the executors; plan on the driver from the metadata alone (no text).
    items = sc.parallelize(list(enumerate(files)), max(1, min(len(files), sc.defaultParallelism * 4))) \
        .flatMap(_read_file).cache()
    meta = sorted(items.map(_metadata).collect(), key=lambda kv: kv[0])
    step(f"read {len(meta)} inputs")
    report = IngestReport()
    keys = [k for k, _ in meta]
    tasks = list(plan((it for _, it in meta), KnownState(), report))
    # plan() yields one task per item, in order (nothing is stored yet, so nothing is skipped).
    keyed = dict(zip(keys, tasks))
    to_analyze = sc.broadcast({k: t.article_id for k, t in keyed.items() if t.kind == "analyze"})

    # 2. Analyze the first copy of every text, spread over all cores / executors.
    from .ingest import Task
    analyzed = (items.filter(lambda kv: kv[0] in to_analyze.value)
                .map(lambda kv: (kv[0], Task("analyze", kv[1].origin, kv[1].locator, record=kv[1].record,
                                             content_hash=kv[1].content_hash, article_id=to_analyze.value[kv[0]])))
                .repartition(max(2, sc.defaultParallelism * 4))
                .mapPartitions(lambda rows: _analyze_partition(settings, version, rows))
                .cache())
    outcomes = dict(analyzed.map(_decision_input).collect())
    step(f"analyzed {len(outcomes)} articles")

    # 3. The ledger takes the order-dependent decisions, exactly as the local writer does.
    ledger = Ledger(KnownState(), report, version)
    ledger.now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%S.%f")
    small_rows: dict[str, list[dict]] = {"sources": [], "failures": []}
    placed: dict[str, dict] = {}
    for key in keys:
        task = keyed[key]
        decision = ledger.add(outcomes.get(key) or Outcome(task))
        for table, row in decision.rows:
            small_rows[table].append(row)
        if decision.article is not None:
            placed[task.article_id] = decision.article
    placed_b = sc.broadcast(placed)
    now = ledger.now

    # 4. Write every table with the store's column types. The analysis rows make one pass through
    # Python (as JSON lines tagged with their table); the split by table and the typing run in the JVM.
    from pyspark.sql import functions as F

    def lines(o):
        article = dict(o.article, **placed_b.value[o.task.article_id], ingested_at=now, record=o.record_json)
        yield "articles", json.dumps(article, ensure_ascii=False)
        for t, text in o.children.items():
            for line in text.splitlines():
                yield t, line

    tagged = spark.createDataFrame(
        analyzed.filter(lambda kv: kv[1].reason is None).flatMap(lambda kv: lines(kv[1])), "tbl string, row string"
    ).coalesce(sc.defaultParallelism).cache()  # few output files per table: each write is one small job
    columns = table_columns()
    counts = {}
    for table in RESULT_TABLES:
        cols = columns[table]
        schema = _spark_schema(cols)
        if table in small_rows:
            df = spark.createDataFrame([_tuple(r, cols) for r in small_rows[table]], schema)
        else:
            df = (tagged.where(F.col("tbl") == table)
                  .select(F.from_json("row", schema, {"timestampFormat": _SPARK_TIMESTAMP}).alias("r")).select("r.*"))
        df.write.mode("overwrite").parquet(f"{out}/{table}.parquet")
        counts[table] = len(small_rows[table]) if table in small_rows else None
        step(f"wrote {table}")
    counts["articles"] = len(placed)
    tagged.unpersist()
    analyzed.unpersist()
    items.unpersist()
    return {t: c for t, c in counts.items() if c is not None}


# How the ledger writes timestamps, for Spark's JSON reader.
_SPARK_TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS"


def main(argv: list[str] | None = None) -> int:
    """`spark-submit -m marsad.store.spark PATH... --out DIR`: the entry point for a real cluster."""
    import argparse
    ap = argparse.ArgumentParser(prog="marsad.store.spark", description="marsad ingest on Apache Spark")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--out", required=True, help="output folder or URI for the Parquet tables")
    args = ap.parse_args(argv)
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.appName("marsad-ingest").getOrCreate()
    try:
        counts = ingest_spark(args.paths, args.out, spark=spark)
    finally:
        spark.stop()
    print(json.dumps(counts), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
