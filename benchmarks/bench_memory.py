"""Peak memory of one analysis process as the corpus grows: does it stay flat?

    .venv/bin/python benchmarks/bench_memory.py CORPUS.jsonl[.gz] [--limit 10000] [--at 1000,2000,5000,10000]

Analyzes the records in order (as one `marsad analyze --jsonl` or one ingest worker does, the
document record serialized each time, MinHash signature included) and prints, at each checkpoint,
the peak resident memory of the process (ru_maxrss) and its current RSS. Default corpus: the first
--limit articles of ../shared/corpus/unlabeled/ant-news.jsonl.gz (team-only).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def rss_now_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:")) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared/corpus/unlabeled/ant-news.jsonl.gz"))
    ap.add_argument("--limit", type=int, default=10_000)
    ap.add_argument("--at", default="1000,2000,5000,10000")
    ap.add_argument("--tracemalloc", action="store_true",
                    help="trace Python allocations made after marsad.load(): at each checkpoint the traced total, and "
                         "at the end the 15 source lines whose live memory grew most since the first checkpoint")
    a = ap.parse_args()
    checkpoints = sorted(int(x) for x in a.at.split(","))
    import marsad
    from marsad.errors import MarsadError
    try:
        from marsad.cli import _dump_line
    except ImportError:   # a checkout from before it (for paired runs against an older commit)
        import json

        def _dump_line(doc, tokens=False):
            return json.dumps(doc.to_dict(tokens=tokens), ensure_ascii=False) + "\n"
    from marsad.store import dedup
    from marsad.text.read import iter_jsonl
    nlp = marsad.load()
    print(f"corpus {a.corpus}; after marsad.load(): peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if a.tracemalloc:
        import tracemalloc
        tracemalloc.start(1)
    first_snapshot = None
    print("| articles | peak RSS (MB) | RSS now (MB) | CPU s |" + (" traced now (MB) |" if a.tracemalloc else ""))
    print("|---:|---:|---:|---:|" + ("---:|" if a.tracemalloc else ""))
    done = 0
    t0 = time.process_time()
    for r in iter_jsonl(a.corpus):
        if isinstance(r, MarsadError):
            continue
        try:
            doc = nlp(r.text, id=r.id, title=r.title, url=r.url, publisher=r.publisher, published=r.published)
        except MarsadError:
            continue
        _dump_line(doc)
        dedup.signature(doc.text)
        done += 1
        if checkpoints and done == checkpoints[0]:
            checkpoints.pop(0)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            traced = ""
            if a.tracemalloc:
                traced = f" {tracemalloc.get_traced_memory()[0] / 2**20:.1f} |"
                if first_snapshot is None:
                    first_snapshot = tracemalloc.take_snapshot()
            print(f"| {done:,} | {peak:.0f} | {rss_now_mb():.0f} | {time.process_time() - t0:.0f} |{traced}", flush=True)
        if done >= a.limit:
            break
    if a.tracemalloc and first_snapshot is not None:
        grown = tracemalloc.take_snapshot().compare_to(first_snapshot, "lineno")
        print(f"largest growth of live Python memory since the first checkpoint (after {done:,} articles):")
        for stat in grown[:15]:
            print(f"  {stat.size_diff / 2**20:+8.2f} MB {stat.count_diff:+9,d} blocks  {stat.traceback[0]}")


if __name__ == "__main__":
    main()
