"""Throughput of `marsad analyze` on a corpus: the text layer alone and the whole pipeline,
with one and two processes.

    .venv/bin/python benchmarks/bench_analyze.py [CORPUS.jsonl] [--limit N] [--repeat 3]

Default corpus: ../shared/corpus/ant-sample.jsonl (team-only; any JSONL of {id, text} works).
Prints a Markdown table (the median of --repeat runs) for BENCHMARKS.md: articles/s, tokens/s,
MB of Arabic text/s (UTF-8 bytes), and peak resident memory of the parent and of one worker.
"""
from __future__ import annotations

import argparse
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import marsad  # noqa: E402
from marsad.errors import MarsadError  # noqa: E402
from marsad.text.read import iter_jsonl  # noqa: E402


def run(records, components, n_process):
    nlp = marsad.load(components=components)
    t0 = time.perf_counter()
    docs = tokens = failed = 0
    for d in nlp.pipe(records, n_process=n_process, chunksize=16):
        if isinstance(d, MarsadError):
            failed += 1
            continue
        docs += 1
        tokens += len(d.tokens)
    return time.perf_counter() - t0, docs, tokens, failed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared/corpus/ant-sample.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    records = [r for r in iter_jsonl(a.corpus) if not isinstance(r, MarsadError)]
    if a.limit:
        records = records[: a.limit]
    mb = sum(len(r.text.encode("utf-8")) for r in records) / 1e6
    full = marsad.Settings().components
    print(f"corpus: {a.corpus} — {len(records)} articles, {mb:.1f} MB UTF-8; "
          f"{platform.processor() or platform.machine()}, {__import__('os').cpu_count()} cores, Python {platform.python_version()}")
    print()
    print("| stage | processes | articles/s | tokens/s | MB/s | peak RSS parent / worker (MB) |")
    print("|---|---|---|---|---|---|")
    for label, comps in (("text layer (read+repair+segment)", ("segment",)), ("whole pipeline", full)):
        for n in (1, 2):
            times = []
            for _ in range(a.repeat):
                secs, docs, tokens, failed = run(records, comps, n)
                times.append(secs)
            secs = statistics.median(times)
            parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"| {label} | {n} | {docs / secs:,.0f} | {tokens / secs:,.0f} | {mb / secs:.2f} | "
                  f"{parent:.0f} / {child:.0f} |", flush=True)


if __name__ == "__main__":
    main()
