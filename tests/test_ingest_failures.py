"""Every ingest failure is one line: a full disk, SIGTERM (stop cleanly, keep whole batches, say so), and a
rerun resumes. Real articles (the outlet fixture), a real filesystem that fills up (a small tmpfs, in a
private mount namespace so nothing outlives the test)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.store import db

from outlet_store import ARTICLES

INGEST = [sys.executable, "-m", "marsad.cli", "ingest", str(ARTICLES), "--workers", "1", "--batch-size", "2"]


def count(store: Path, table: str = "articles") -> int:
    con = db.connect(store, read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def private_mounts() -> bool:
    """Can this test mount a tmpfs of its own (root, in a private mount namespace)?"""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs $d"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def ingest_on_a_small_disk(tmp_path, size: str) -> str:
    """In one mount namespace: ingest onto a tmpfs of `size` (its exit code to tmp_path/rc), grow the disk
    and run the same command again (its stderr to tmp_path/again.err), and copy the store out to
    tmp_path/copy.duckdb. Returns the first run's stderr."""
    if not private_mounts():
        pytest.skip("needs root and unshare -m to mount a small tmpfs")
    disk = tmp_path / "disk"
    disk.mkdir()
    store = disk / "m.duckdb"
    cmd = " ".join(f"'{a}'" for a in [*INGEST, "--db", str(store)])
    script = (f"mount -t tmpfs -o size={size} tmpfs '{disk}' && {cmd} 2> '{tmp_path}/full.err'; echo $? > '{tmp_path}/rc'; "
              f"mount -o remount,size=64m '{disk}' && {cmd} 2> '{tmp_path}/again.err' && "
              f"cp '{store}' '{tmp_path}/copy.duckdb' && "
              f"if [ -e '{store}.wal' ]; then cp '{store}.wal' '{tmp_path}/copy.duckdb.wal'; fi")
    run = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=600,
                         env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert run.returncode == 0, run.stderr
    return (tmp_path / "full.err").read_text()


def test_ingest_disk_full_is_one_line_and_a_rerun_resumes(tmp_path):
    full = ingest_on_a_small_disk(tmp_path, "120k")
    assert (tmp_path / "rc").read_text().strip() == "1"
    assert "Traceback" not in full
    assert full.strip().splitlines() == [full.strip().splitlines()[-1]]          # one line
    assert "cannot write (the disk is full)" in full and "run the same command to resume" in full
    again = (tmp_path / "again.err").read_text()
    assert "Traceback" not in again
    assert count(tmp_path / "copy.duckdb") == 15 and count(tmp_path / "copy.duckdb", "sources") == 15


def test_ingest_disk_full_at_the_final_checkpoint_is_one_line_not_success(tmp_path):
    """A disk with room for the write-ahead log (~0.2 MB) but not for folding it into the store (~4 MB):
    every commit succeeds and closing the store fails. It exited 0 with the success line and the log left
    behind; now it says the disk is full, exits 1, and a rerun with space finishes the store."""
    full = ingest_on_a_small_disk(tmp_path, "2m")
    assert (tmp_path / "rc").read_text().strip() == "1"                          # was 0
    assert "Traceback" not in full and len(full.strip().splitlines()) == 1
    assert "cannot write (the disk is full)" in full and "15 new articles" not in full
    assert "Traceback" not in (tmp_path / "again.err").read_text()
    assert count(tmp_path / "copy.duckdb") == 15 and count(tmp_path / "copy.duckdb", "sources") == 15


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ingest_sigterm_stops_after_a_whole_batch_and_says_so(tmp_path, workers):
    store = tmp_path / "m.duckdb"
    cmd = [*INGEST, "--db", str(store), "-v"]
    cmd[cmd.index("--workers") + 1] = workers
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if "committed batch 2 " in line:
            proc.send_signal(signal.SIGTERM)
            break
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == 128 + signal.SIGTERM     # was: killed by the signal, without a word
    assert "Traceback" not in rest
    assert "stopped by SIGTERM" in rest and "run the same command again to resume" in rest
    stored = count(store)
    assert 4 <= stored < 15          # batches 1 and 2, and at most what was analyzed when the signal came
    assert count(store, "sources") == stored and count(store, "mentions") > 0   # each article whole

    resumed = subprocess.run([*INGEST, "--db", str(store)], capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert count(store) == 15 and count(store, "sources") == 15


def test_ingest_sigterm_to_the_process_group_stops_the_parent_cleanly(tmp_path, shared_dir):
    """`kill -TERM -PGID` (a service manager, `timeout`, a shell's job control) reached the workers too: they
    died of it, and a parent with no result in hand reported "a worker process died (out of memory?)" (or
    waited for ever). Now the workers leave the signal to the parent, which finishes the article at hand,
    commits it, says so and exits 128+15. The first article is long (40 sample articles joined), so the
    signal comes while the workers are busy and the parent has nothing yet."""
    import json
    import time
    with open(shared_dir / "corpus" / "ant-sample.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for _, line in zip(range(60), fh)]
    long = {"id": "joined", "text": "\n\n".join(r["text"] for r in records[:40])}
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [long, *records[40:]]),
                      encoding="utf-8")
    store = tmp_path / "m.duckdb"
    cmd = [sys.executable, "-m", "marsad.cli", "ingest", str(sample), "--workers", "2", "--batch-size", "1",
           "--db", str(store)]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(children.read_text().split()) < 2:
            time.sleep(0.05)
        time.sleep(1.0)                                  # the workers are analyzing the long article
        os.killpg(proc.pid, signal.SIGTERM)              # the whole group: the parent and its workers
        rest = proc.stderr.read()
        code = proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert "Traceback" not in rest and "worker process died" not in rest, rest
    assert code == 128 + signal.SIGTERM
    assert "stopped by SIGTERM" in rest and "run the same command again to resume" in rest
    stored = count(store)
    assert 1 <= stored < 21
    assert count(store, "sources") == stored and count(store, "mentions") > 0
