"""Throughput of the attribution stage alone (quotes, speakers, chain, framing), over documents
already segmented and read by the actors stage, one process.

    .venv/bin/python benchmarks/bench_attribution.py [CORPUS.jsonl] [--limit N] [--repeat 3]

Default corpus: ../shared/corpus/ant-sample.jsonl (team-only; any JSONL of {id, text} works).
Prints a Markdown row for BENCHMARKS.md: articles, tokens, quotes found, articles/s, tokens/s
(median of --repeat runs), and the time to build the lexicon.
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
from marsad.attribution import analyze, load_lexicon  # noqa: E402
from marsad.errors import MarsadError  # noqa: E402
from marsad.text.read import iter_jsonl  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus" / "ant-sample.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    before = marsad.load(components=("segment", "actors"))
    docs = []
    for n, rec in enumerate(iter_jsonl(a.corpus)):
        if a.limit and n >= a.limit:
            break
        try:
            docs.append(before(rec.text or ""))
        except MarsadError:
            continue
    t0 = time.perf_counter()
    lex = load_lexicon(before.settings)
    build = time.perf_counter() - t0
    tokens = sum(len(d.tokens) for d in docs)
    times = []
    quotes = 0
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        quotes = sum(len(analyze(d, lex).quotes) for d in docs)
        times.append(time.perf_counter() - t0)
    t = statistics.median(times)
    print("| articles | tokens | quotes | articles/s | tokens/s | lexicon build |")
    print("|---|---|---|---|---|---|")
    print(f"| {len(docs):,} | {tokens:,} | {quotes:,} | {len(docs) / t:,.1f} | {tokens / t:,.0f} | {build:.2f} s |")


if __name__ == "__main__":
    main()
