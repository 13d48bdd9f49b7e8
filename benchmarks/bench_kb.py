"""Knowledge base: load time, index build time and size per family.

    .venv/bin/python benchmarks/bench_kb.py [--repeat 5]

Prints the median of `repeat` fresh loads (target: load + alias index < 0.5 s on one core), as CPU time of
this process (the machines are shared: wall time counts other people's work) and as wall time.
"""
from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from marsad.kb import load_kb
    from marsad.settings import Settings

    loads, indexes, walls = [], [], []
    for _ in range(args.repeat):
        w0, t0 = time.perf_counter(), time.process_time()
        kb = load_kb(Settings())
        t1 = time.process_time()
        index = kb.alias_index()
        kb.country_of_demonym("x")
        kb.is_weak("x")
        t2, w2 = time.process_time(), time.perf_counter()
        loads.append(t1 - t0)
        indexes.append(t2 - t1)
        walls.append(w2 - w0)
    families = Counter(e.file for e in kb.entries.values())
    subtypes = Counter(f"{e.type}/{e.subtype}" for e in kb.entries.values())
    print(f"entries {len(kb)}  " + "  ".join(f"{k.removesuffix('.jsonl')} {v}" for k, v in sorted(families.items())))
    print("by type: " + ", ".join(f"{k} {v}" for k, v in subtypes.most_common()))
    print(f"surfaces (normalized keys) {len(index)}, (key, entry) pairs {sum(len(v) for v in index.values())}, "
          f"demonym forms {len(kb._demonyms())}, people with offices "
          f"{sum(1 for e in kb.entries.values() if e.positions)}, offices "
          f"{sum(len(e.positions) for e in kb.entries.values())}")
    report = kb.variant_report
    print(f"generated spellings {len(report.origin)} (written surface kept over a generated one {len(report.shadowed)}, "
          f"ambiguous generated spelling dropped {len(report.ambiguous)}); entries grown from the news "
          f"{sum(1 for e in kb.entries.values() if e.source)}")
    print(f"CPU: load {statistics.median(loads):.3f} s, indexes {statistics.median(indexes):.3f} s; "
          f"wall: both {statistics.median(walls):.3f} s (median of {args.repeat})")


if __name__ == "__main__":
    main()
