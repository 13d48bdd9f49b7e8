"""A bounded local load test of `marsad serve`: N requests, C at a time, loopback only.

    .venv/bin/python benchmarks/bench_web.py [--db STORE] [--corpus JSONL --limit 200]
                                             [--requests 2000] [--concurrency 8]

Without --db, a store is built first by ingesting the first --limit articles of --corpus
(default ../shared/corpus/ant-sample.jsonl, team-only) into a temporary file. The server runs
as its own process (`python -m marsad.cli serve`) on a free loopback port; the client threads
cycle through a fixed mix of pages and JSON endpoints (articles, quotes, actors, events,
relations, dyads) drawn from the store's own ids. Prints a Markdown table for BENCHMARKS.md
(p50/p95/p99/max latency per kind of request, errors, requests/s) and exits 1 on any error.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def build_store(corpus: Path, limit: int, where: Path) -> Path:
    from marsad.store.ingest import ingest
    from marsad.text.read import iter_jsonl
    sample = where / "sample.jsonl"
    with sample.open("w", encoding="utf-8") as out:
        n = 0
        for rec in iter_jsonl(corpus):
            if n >= limit:
                break
            if hasattr(rec, "text"):
                out.write(json.dumps({k: getattr(rec, k) for k in ("id", "text", "title", "url", "publisher",
                                                                   "published")}, ensure_ascii=False) + "\n")
                n += 1
    db = where / "bench.duckdb"
    t0 = time.perf_counter()
    report = ingest([sample], db, workers=2)
    print(f"built store: {n} articles in {time.perf_counter() - t0:.0f}s ({report})", file=sys.stderr)
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("marsad serve exited: " + proc.stderr.read().decode(errors="replace")[-500:])
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/api/health")
            if c.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("marsad serve did not answer within 60 s")


def request_mix(db: Path) -> list[tuple[str, str]]:
    """(kind, path) pairs from the store's own ids, so every request hits real rows."""
    from marsad.store import db as store_db
    from marsad.store import queries
    con = store_db.connect(db, read_only=True)
    try:
        articles = [a["id"] for a in queries.list_articles(con, limit=200)]
        actors = [a["key"] for a in queries.actors(con, limit=40)]
        edges = queries.relations(con, limit=20)
        speakers = [q["speaker_name"] for q in queries.quotes(con, limit=40) if q.get("speaker_name")]
    finally:
        con.close()
    if not articles:
        raise SystemExit("the store has no articles")
    q = urllib.parse.quote
    mix: list[tuple[str, str]] = [("page /", "/"), ("api health", "/api/health"), ("page articles", "/articles"),
                                  ("page quotes", "/quotes"), ("api quotes", "/api/quotes?stance=doubting"),
                                  ("page actors", "/actors"), ("api actors", "/api/actors?type=PER"),
                                  ("page events", "/events"), ("api relations", "/api/relations"),
                                  ("page relations", "/relations")]
    for a in articles[:60]:
        mix.append(("page article", f"/articles/{q(a)}"))
        mix.append(("api article", f"/api/articles/{q(a)}"))
    for k in actors[:20]:
        mix.append(("page actor", f"/actors/{q(k, safe=':')}"))
        mix.append(("api actor", f"/api/actors/{q(k, safe=':')}"))
    for s in speakers[:10]:
        mix.append(("api quotes", f"/api/quotes?speaker={q(s)}"))
    for e in edges[:10]:
        mix.append(("api dyad", f"/api/dyads/{q(e['source'])}/{q(e['target'])}"))
    return mix


def load(port: int, mix: list[tuple[str, str]], total: int, concurrency: int, seed: int = 7):
    rng = random.Random(seed)
    plan = [rng.choice(mix) for _ in range(total)]
    lock = threading.Lock()
    next_index = 0
    timings: dict[str, list[float]] = defaultdict(list)
    first_hits: list[float] = []   # the first request of each URL: the app's result cache is cold
    seen: set[str] = set()
    errors: list[str] = []

    def worker():
        nonlocal next_index
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if next_index >= len(plan):
                    break
                kind, path = plan[next_index]
                next_index += 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
                status = resp.status
            except (OSError, http.client.HTTPException) as exc:
                ok, status = False, type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            dt = time.perf_counter() - t0
            with lock:
                timings[kind].append(dt)
                if path not in seen:
                    seen.add(path)
                    first_hits.append(dt)
                if not ok:
                    errors.append(f"{status} {path}")
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, timings, first_hits, errors


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, help="an existing store (default: build one from --corpus)")
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "ant-sample.jsonl")
    ap.add_argument("--limit", type=int, default=200, help="articles to ingest when building the store")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="marsad-bench-web-") as tmp:
        db = args.db or build_store(args.corpus, args.limit, Path(tmp))
        mix = request_mix(db)
        port = free_port()
        server = start_server(db, port)
        try:
            load(port, [("api health", "/api/health")], 50, 4)  # warm-up: imports, threads, connections
            seconds, timings, first_hits, errors = load(port, mix, args.requests, args.concurrency)
        finally:
            server.terminate()
            server.wait(timeout=10)
    every = [t for ts in timings.values() for t in ts]
    load_avg = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.requests} requests ({len(set(p for _, p in mix))} distinct URLs), {args.concurrency} concurrent, "
          f"loopback; {len(errors)} errors; {args.requests / seconds:.0f} requests/s; {os.cpu_count()} cores, "
          f"load average after the run {load_avg}; {platform.machine()}, Python {platform.python_version()}\n")
    print("| request | n | p50 ms | p95 ms | p99 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind in sorted(timings):
        ts = timings[kind]
        print(f"| {kind} | {len(ts)} | {pct(ts, 50):.1f} | {pct(ts, 95):.1f} | {pct(ts, 99):.1f} | "
              f"{max(ts) * 1000:.1f} |")
    print(f"| **all** | {len(every)} | {pct(every, 50):.1f} | {pct(every, 95):.1f} | {pct(every, 99):.1f} | "
          f"{max(every) * 1000:.1f} |")
    print(f"| first request of a URL (cache cold) | {len(first_hits)} | {pct(first_hits, 50):.1f} | "
          f"{pct(first_hits, 95):.1f} | {pct(first_hits, 99):.1f} | {max(first_hits) * 1000:.1f} |")
    print(f"\nmean {statistics.mean(every) * 1000:.1f} ms")
    for e in errors[:10]:
        print("error:", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
