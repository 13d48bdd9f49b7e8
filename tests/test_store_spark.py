"""The Spark engine (local mode) writes the rows the local ingest stores."""
from __future__ import annotations

import json
import shutil

import pytest

from marsad.store import db
from marsad.store.ingest import ingest

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'marsad[spark]')")
if shutil.which("java") is None:
    pytest.skip("no Java runtime for Spark (scripts/system-deps.sh installs one)", allow_module_level=True)

STORIES = [
    "قال وزير الخارجية الأردني أيمن الصفدي إن بلاده ترفض أي محاولة لتهجير الفلسطينيين من قطاع غزة.",
    "أعلنت وزارة الدفاع الروسية أن دفاعاتها الجوية أسقطت طائرتين مسيرتين حاولتا مهاجمة قاعدة حميميم في ريف "
    "اللاذقية غربي سوريا، وأضافت أن الهجوم لم يسفر عن إصابات أو أضرار في معدات القاعدة الجوية الروسية.",
    "استقبل الرئيس التركي رجب طيب أردوغان في أنقرة رئيس الوزراء العراقي، وبحث الجانبان ملفات المياه والأمن.",
]


@pytest.mark.slow
def test_store_spark_local_mode_gives_the_rows_of_a_local_ingest(tmp_path):
    from marsad.store.spark import ingest_spark
    records = [{"id": f"s-{i}", "text": t, "source": "وكالة", "published": "2024-03-0%d" % (i + 1)}
               for i, t in enumerate(STORIES)]
    records.append({"id": "s-copy", "text": STORIES[0], "source": "أخرى"})                       # exact duplicate
    records.append({"id": "s-near", "text": STORIES[1].replace("الجوية الروسية.", "الجوية في سوريا.")})  # near one
    records.append({"id": "s-en", "text": "No Arabic here at all."})                             # analysis fails
    corpus = tmp_path / "in" / "news.jsonl"
    corpus.parent.mkdir()
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "{broken\n",
                      encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(STORIES[2].replace("أنقرة", "إسطنبول"), encoding="utf-8")

    store = tmp_path / "local.duckdb"
    ingest([tmp_path / "in"], store)
    out = tmp_path / "parquet"
    counts = ingest_spark([tmp_path / "in"], out, workers=2)

    local = db.snapshot(db.connect(store, read_only=True))
    import duckdb
    spark_rows = db.snapshot(duckdb.connect(), relation=f"read_parquet('{out}/{{table}}.parquet/*.parquet')")
    assert counts["articles"] == len(local["articles"]) == 5
    for table in local:
        assert spark_rows[table] == local[table], table
    # The Parquet folder opens as a (read-only) store for the queries, the CLI and the web UI.
    from marsad.store import queries
    assert queries.stats(db.connect(out, read_only=True))["duplicates"] == 1
