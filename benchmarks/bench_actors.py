"""Throughput of the actors stage alone (recognition, linking, coreference), one process.

    .venv/bin/python benchmarks/bench_actors.py [CORPUS.jsonl] [--limit N] [--repeat 3] [--no-tagger]

Default corpus: ../shared/corpus/ant-sample.jsonl (team-only; any JSONL of {id, text} works).
Segments every article first (not timed), then times only the actors component over the
segmented documents; prints tokens/s and articles/s (the median of --repeat runs) and the time
to build the stage (knowledge base, lexicons, automaton) for BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import copy
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
    ap.add_argument("--no-tagger", action="store_true", help="knowledge base and rules only")
    a = ap.parse_args()

    t0 = time.perf_counter()
    nlp = marsad.load(components=("segment", "actors"), use_tagger=not a.no_tagger)
    build = time.perf_counter() - t0
    segment, actors = nlp.components
    docs = []
    for n, rec in enumerate(iter_jsonl(a.corpus)):
        if a.limit and n >= a.limit:
            break
        if isinstance(rec, MarsadError) or not rec.text:
            continue
        try:
            docs.append(segment(nlp.make_doc(rec.text, id=rec.id, published=rec.published)))
        except MarsadError:
            continue
    tokens = sum(len(d.tokens) for d in docs)
    times = []
    for _ in range(a.repeat):
        batch = [copy.copy(d) for d in docs]
        t = time.perf_counter()
        for d in batch:
            d.cache = {}
            actors(d)
        times.append(time.perf_counter() - t)
    sec = statistics.median(times)
    tagger = "without tagger" if a.no_tagger or actors.tagger is None else "with tagger"
    print(f"| actors stage ({tagger}) | {len(docs)} articles | {tokens:,} tokens | "
          f"{tokens / sec:,.0f} tokens/s | {len(docs) / sec:,.1f} articles/s | build {build:.2f} s |")


if __name__ == "__main__":
    main()
