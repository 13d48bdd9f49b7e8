"""Resumable ingest, for real: a subprocess killed with SIGKILL half-way, then run again,
leaves exactly the rows of an uninterrupted run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.store import db

PLACES = ["غزة", "رفح", "خان يونس", "جنين", "نابلس", "طولكرم", "الخليل", "بيت لحم", "رام الله", "القدس"]
ACTORS = ["وزارة الصحة", "الدفاع المدني", "الهلال الأحمر", "وكالة الأونروا", "منظمة الصحة العالمية"]


def articles(n: int) -> list[dict]:
    """n distinct short news items; many share wording, so near-duplicate links cross batch boundaries."""
    out = []
    for i in range(n):
        place, actor = PLACES[i % len(PLACES)], ACTORS[(i // len(PLACES)) % len(ACTORS)]
        text = (f"أعلنت {actor} في {place} اليوم أن عدد المصابين ارتفع إلى {100 + i} شخصا منذ صباح الأحد، "
                f"وأن فرقها تواصل العمل في ظروف صعبة رغم نقص الوقود والأدوية. وقال متحدث باسم {actor} "
                f"إن المستشفيات في {place} لم تعد قادرة على استقبال مزيد من الجرحى.")
        out.append({"id": f"r-{i:04d}", "text": text, "source": "وكالة وفا", "published": "2024-01-14"})
    out.insert(n // 2, {"id": "r-empty", "text": ""})            # a record that fails to read
    out.insert(n // 3, dict(out[5], id="r-repeat"))              # a repeated text: one more source
    return out


def run_ingest(corpus: Path, store: Path, workers: int = 1) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "marsad.cli", "ingest", str(corpus), "--db", str(store), "--workers", str(workers),
           "--batch-size", "3", "-v"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


@pytest.mark.parametrize("workers", [1, 2])
def test_store_resume_after_kill_gives_the_rows_of_an_uninterrupted_run(tmp_path, workers):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in articles(150)), encoding="utf-8")
    plain, killed = tmp_path / "plain.duckdb", tmp_path / "killed.duckdb"

    assert run_ingest(corpus, plain).wait(timeout=300) == 0

    proc = run_ingest(corpus, killed, workers)
    commits = 0
    for line in proc.stderr:
        if "committed batch" in line:
            commits += 1
            if commits == 5:
                os.kill(proc.pid, signal.SIGKILL)
                break
    assert proc.wait(timeout=60) == -signal.SIGKILL
    con = db.connect(killed, read_only=True)
    stored_midway = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert 0 < stored_midway < 150  # it really stopped half-way, with whole batches only

    assert run_ingest(corpus, killed, workers).wait(timeout=300) == 0
    a, b = db.connect(plain, read_only=True), db.connect(killed, read_only=True)
    assert db.snapshot(a) == db.snapshot(b)
    assert a.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0] > 0
