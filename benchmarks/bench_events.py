"""Throughput of the events stage alone (trigger lookup, slot filling, merging), one process.

    .venv/bin/python benchmarks/bench_events.py [CORPUS.jsonl] [--limit N] [--repeat 3]

Default corpus: ../shared/corpus/ant-sample.jsonl (team-only; any JSONL of {id, text} works).
Runs the stages before events on every article first (not timed), then times only the events
component; prints articles/s and events per article (median of --repeat runs) for BENCHMARKS.md.
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
    for n, rec in enumerate(iter_jsonl(a.corpus)):
        if a.limit and n >= a.limit:
            break
        if isinstance(rec, MarsadError) or not rec.text:
            continue
        try:
            doc = nlp.make_doc(rec.text, id=rec.id, published=rec.published)
        except MarsadError:
            continue
        for c in before:
            doc = c(doc)
        docs.append(doc)
    tokens = sum(len(d.tokens) for d in docs)
    times = []
    for _ in range(a.repeat):
        t = time.perf_counter()
        for d in docs:
            events(d)
        times.append(time.perf_counter() - t)
    sec = statistics.median(times)
    found = sum(len(d.events) for d in docs)
    print(f"| events stage | {len(docs)} articles | {tokens:,} tokens | {tokens / sec:,.0f} tokens/s | "
          f"{len(docs) / sec:,.1f} articles/s | {found / max(1, len(docs)):.2f} events/article | "
          f"pipeline build {build:.2f} s |")


if __name__ == "__main__":
    main()
