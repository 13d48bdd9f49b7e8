"""A bounded local load test of `marsad serve`: N requests, C at a time, loopback only.

    .venv/bin/python benchmarks/bench_web.py [--db STORE] [--corpus JSONL --limit 0]
                                             [--requests 3000] [--concurrency 8]

Without --db, a store is built first by ingesting the first --limit articles (0: all) of --corpus
(default ../shared/corpus/ant-sample.jsonl, team-only: 1,977 articles, 5 outlets) into a temporary
file. The server runs as its own process (`python -m marsad.cli serve`) on a free loopback port;
the client threads draw from a fixed mix of every page and its JSON twin (articles, search,
article, quotes, actors, actor, events, relations, dyads, outlets, outlet, compare) with filters,
sorts and pages taken from the store's own ids and outlets. The load starts once the server says its
startup warming is over (/api/health "warm"); the cold costs are measured on a server started with
--no-warm, so they are what a page costs with nothing cached. Prints a Markdown table for
BENCHMARKS.md (p50/p95/p99/max latency per kind of request, errors, requests/s), the time of
whole exports (one request each), and exits 1 on any error or on a page kind whose p95 is over
--target ms (default 300).
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
            if limit and n >= limit:
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


def start_server(db: Path, port: int, workers: int = 1, warm: bool = True) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", str(db), "--port", str(port),
                             "--workers", str(workers), *(() if warm else ("--no-warm",))],
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


def wait_warm(port: int, limit: float = 120.0) -> float:
    """Wait until the server says its startup warming is over (/api/health "warm"); the seconds it took.
    A server that does not say (an older marsad) counts as warm."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("GET", "/api/health")
        if json.loads(c.getresponse().read()).get("warm", True):
            break
        time.sleep(0.5)
    return time.monotonic() - t0


def request_mix(db: Path) -> list[tuple[str, str]]:
    """(kind, path) pairs from the store's own ids, so every request hits real rows."""
    from marsad.store import db as store_db
    from marsad.store import queries
    con = store_db.connect(db, read_only=True)
    try:
        articles = [a["id"] for a in queries.list_articles(con, limit=200)]
        actors = [a["key"] for a in queries.actors(con, limit=40)]
        people = [a["key"] for a in queries.actors(con, type="PER", limit=10)]
        edges = queries.relations(con, limit=20)
        speakers = [q["speaker_name"] for q in queries.quotes(con, limit=40) if q.get("speaker_name")]
        outlets = [o["outlet"] for o in queries.outlets(con)]
    finally:
        con.close()
    if not articles:
        raise SystemExit("the store has no articles")
    q = urllib.parse.quote
    mix: list[tuple[str, str]] = [("page /", "/"), ("api health", "/api/health"), ("page outlets", "/outlets"),
                                  ("page relations", "/relations"), ("page relations", "/relations?level=actors"),
                                  ("api relations", "/api/relations"), ("page compare", "/compare")]
    for o in outlets:
        mix += [("page articles", f"/articles?outlet={q(o)}"), ("page quotes", f"/quotes?outlet={q(o)}"),
                ("page quotes", f"/quotes?outlet={q(o)}&stance=doubting"), ("page events", f"/events?outlet={q(o)}"),
                ("page actors", f"/actors?outlet={q(o)}"), ("page outlet", f"/outlets/{q(o)}"),
                ("api quotes", f"/api/quotes?chain={q(o)}"), ("page relations", f"/relations?outlet={q(o)}")]
    for page_no in (1, 2, 5):
        mix += [("page articles", f"/articles?page={page_no}"), ("page quotes", f"/quotes?page={page_no}"),
                ("page events", f"/events?page={page_no}"), ("page actors", f"/actors?page={page_no}")]
    for sort in ("-n_quotes", "n_events", "-published_date"):
        mix.append(("page articles", f"/articles?sort={sort}"))
    mix += [("page actors", "/actors?type=PER"), ("page actors", "/actors?type=ORG&sort=-n_quotes"),
            ("page events", "/events?quad=4"), ("page events", "/events?quad=1&sort=-goldstein"),
            ("page quotes", "/quotes?chain_role=relayed_by"), ("api quotes", "/api/quotes?stance=doubting")]
    for word in ("ترمب", "ترامب", "الاسد", "ايران", "مجلس الامن", '"الأمم المتحدة"', "روسيا سوريا", "نتنياهو"):
        mix.append(("page search", f"/articles?q={q(word)}"))
    for a in articles[:60]:
        mix.append(("page article", f"/articles/{q(a)}"))
        mix.append(("api article", f"/api/articles/{q(a)}"))
    for k in actors[:20]:
        mix.append(("page actor", f"/actors/{q(k, safe=':')}"))
        mix.append(("api actor", f"/api/actors/{q(k, safe=':')}"))
    for s_ in speakers[:10]:
        mix.append(("api quotes", f"/api/quotes?speaker={q(s_)}"))
    for e in edges[:10]:
        mix.append(("api dyad", f"/api/dyads/{q(e['source'])}/{q(e['target'])}"))
        mix.append(("page dyad", f"/dyads/{q(e['source'])}/{q(e['target'])}?period=week"))
    pairs = [(a, b) for i, a in enumerate(outlets) for b in outlets[i + 1:]]
    for (a, b), who in zip(pairs * 3, (people + actors)[:24]):
        mix.append(("page compare", f"/compare?outlet={q(a)}&outlet={q(b)}&actor={q(who, safe=':')}"))
    mix.append(("page compare", "/compare?" + "&".join(f"outlet={q(o)}" for o in outlets) + "&actor=" + q("إيران")))
    return mix


EXPORTS = ("/api/export/quotes.csv", "/api/export/quotes.json", "/api/export/events.csv", "/api/export/articles.csv",
           "/api/export/actors.csv")


def time_exports(port: int) -> list[tuple[str, float, int]]:
    """Each whole export once: seconds and bytes."""
    out = []
    for path in EXPORTS:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        t0 = time.perf_counter()
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        out.append((path, time.perf_counter() - t0, len(body)))
        conn.close()
    return out


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


def server_cpu(pid: int) -> float:
    """CPU seconds the server process has used (all its threads, DuckDB's included): /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cold_costs(port: int, pid: int, mix: list[tuple[str, str]], per_kind: int = 10) -> dict[str, tuple[int, float, float]]:
    """One request at a time, each URL for the first time (a fresh server: nothing cached), `per_kind` URLs of
    each kind in a row: (n, mean wall seconds, mean server CPU seconds) per kind. CPU time (all the server's
    threads, DuckDB's included, from /proc) is what a request costs whatever else the machine runs; it is
    summed over a kind's requests because the kernel counts it in 10 ms ticks."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, path in mix:
        if len(by_kind[kind]) < per_kind + 1 and path not in by_kind[kind]:
            by_kind[kind].append(path)
    out: dict[str, tuple[int, float, float]] = {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for paths in by_kind.values():   # one URL of each kind first, not measured: the store's pages read from disk
        conn.request("GET", paths.pop(0))
        conn.getresponse().read()
    by_kind = {k: v for k, v in by_kind.items() if v}
    for kind, paths in sorted(by_kind.items()):
        c0, t0 = server_cpu(pid), time.perf_counter()
        for path in paths:
            conn.request("GET", path)
            conn.getresponse().read()
        out[kind] = (len(paths), (time.perf_counter() - t0) / len(paths), (server_cpu(pid) - c0) / len(paths))
    conn.close()
    return out


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, help="an existing store (default: build one from --corpus)")
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "ant-sample.jsonl")
    ap.add_argument("--limit", type=int, default=0, help="articles to ingest when building the store (0: all)")
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--workers", type=int, default=1, help="marsad serve --workers")
    ap.add_argument("--target", type=float, default=300.0, help="p95 per page kind, ms (exit 1 above it)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="marsad-bench-web-") as tmp:
        db = args.db or build_store(args.corpus, args.limit, Path(tmp))
        mix = request_mix(db)
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            load(port, [("api health", "/api/health")], 50, 4)  # warm-up: imports, threads, connections
            warm_seconds = wait_warm(port)   # the server's own startup warming (the costliest pages)
            seconds, timings, first_hits, errors = load(port, mix, args.requests, args.concurrency)
            exports = time_exports(port)
        finally:
            server.terminate()
            server.wait(timeout=10)
        port = free_port()
        # A fresh server that warms nothing: every request below is its URL's first, and costs what it costs cold.
        server = start_server(db, port, warm=False)
        try:
            load(port, [("api health", "/api/health")], 20, 1)
            wait_warm(port)  # the knowledge base's spellings are read in the background at startup
            costs = cold_costs(port, server.pid, random.Random(11).sample(mix, len(mix)))
        finally:
            server.terminate()
            server.wait(timeout=10)
    every = [t for ts in timings.values() for t in ts]
    load_avg = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.requests} requests ({len(set(p for _, p in mix))} distinct URLs), {args.concurrency} concurrent, "
          f"loopback; {len(errors)} errors; {args.requests / seconds:.0f} requests/s; {os.cpu_count()} cores, "
          f"load average after the run {load_avg}; {platform.machine()}, Python {platform.python_version()}; "
          f"server warm after {warm_seconds:.1f} s\n")
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
    print("\n| cold request, one at a time (a fresh server) | n | wall mean ms | server CPU mean ms |")
    print("| --- | ---: | ---: | ---: |")
    for kind, (n, wall, cpu) in sorted(costs.items()):
        print(f"| {kind} | {n} | {wall * 1000:.0f} | {cpu * 1000:.0f} |")
    print("\n| whole export (one request, alone) | seconds | bytes |\n| --- | ---: | ---: |")
    for path, sec, size in exports:
        print(f"| `{path}` | {sec:.2f} | {size:,} |")
    over = [k for k, ts in timings.items() if k.startswith("page") and pct(ts, 95) > args.target]
    if over:
        print(f"\npage kinds over the p95 target of {args.target:.0f} ms: {', '.join(sorted(over))}")
    for e in errors[:10]:
        print("error:", e, file=sys.stderr)
    return 1 if errors or over else 0


if __name__ == "__main__":
    sys.exit(main())
