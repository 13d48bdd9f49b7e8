"""Throughput of the events stage alone (trigger lookup, slot filling, merging), one process.

    .venv/bin/python benchmarks/bench_events.py [CORPUS.jsonl] [--limit N] [--repeat 3]

Default corpus: ../shared/corpus/ant-sample.jsonl (team-only; any JSONL of {id, text} works).
Runs the stages before events on every article first (CPU time recorded, for the whole pipeline's
figure), then times only the events component; prints articles/s and events per article (median of
--repeat runs) for BENCHMARKS.md. Rates are per CPU second of this process (`time.process_time`), so
that they hold on a machine shared with other work; wall-clock rates are printed beside them.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import marsad  # noqa: E402
from marsad.errors import MarsadError  # noqa: E402
from marsad.text.read import iter_jsonl  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus" / "ant-sample.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()

    t0 = time.perf_counter()
    nlp = marsad.load()
    build = time.perf_counter() - t0
    *before, events = nlp.components
    docs = []
    cpu_before = 0.0
    for n, rec in enumerate(iter_jsonl(a.corpus)):
        if a.limit and n >= a.limit:
            break
        if isinstance(rec, MarsadError) or not rec.text:
            continue
        c0 = time.process_time()
        try:
            doc = nlp.make_doc(rec.text, id=rec.id, published=rec.published)
        except MarsadError:
            continue
        for c in before:
            doc = c(doc)
        cpu_before += time.process_time() - c0
        docs.append(doc)
    tokens = sum(len(d.tokens) for d in docs)
    times, cpus = [], []
    for _ in range(a.repeat):
        t, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            events(d)
        times.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c0)
    sec, cpu = statistics.median(times), statistics.median(cpus)
    found = sum(len(d.events) for d in docs)
    n = max(1, len(docs))
    print(f"| events stage | {len(docs)} articles | {tokens:,} tokens | {tokens / cpu:,.0f} tokens/CPU-s | "
          f"{n / cpu:,.1f} articles/CPU-s ({n / sec:,.1f}/s wall) | {1000 * cpu / n:.2f} ms/article | "
          f"{found / n:.2f} events/article | pipeline build {build:.2f} s |")
    whole = cpu_before + cpu
    print(f"| whole pipeline (stages before events + events, one process) | {n / whole:,.1f} articles/CPU-s | "
          f"{1000 * whole / n:.1f} ms/article |")


if __name__ == "__main__":
    main()
