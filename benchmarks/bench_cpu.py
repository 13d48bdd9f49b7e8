"""CPU time of the whole analysis in one process, by stage: the figures of issue 15.

    .venv/bin/python benchmarks/bench_cpu.py [CORPUS.jsonl] [--limit 1000] [--profile out.prof]

CPU time (user + sys of this process, `time.process_time`), not wall time, so the figures hold on a
shared machine. Reported: start-up (`marsad.load()`, imports included), then for the analysis of
--limit articles: each pipeline stage's CPU per article and share, serialization (`Doc.to_dict` and
the JSON line, as `marsad analyze --jsonl` writes it), articles/s per core, and peak RSS.
`--profile FILE` writes a cProfile of the analysis loop (start-up excluded) for `python -m pstats`.
Default corpus: ../shared/corpus/ant-sample.jsonl (team-only; any JSONL of {id, text} works).
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared/corpus/ant-sample.jsonl"))
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--profile", help="write a cProfile of the analysis loop to this file")
    a = ap.parse_args()

    t0 = time.process_time()
    import marsad
    from marsad.errors import MarsadError
    try:
        from marsad.cli import _dump_line
    except ImportError:   # a checkout from before it (for paired runs against an older commit)
        import json

        def _dump_line(doc, tokens=False):
            return json.dumps(doc.to_dict(tokens=tokens), ensure_ascii=False) + "\n"
    nlp = marsad.load()
    startup = time.process_time() - t0

    from marsad.text.read import iter_jsonl
    records = [r for r in iter_jsonl(a.corpus) if not isinstance(r, MarsadError)]
    if a.limit:
        records = records[: a.limit]

    stage_cpu = {c.name: 0.0 for c in nlp.components}
    stage_cpu = {"make_doc": 0.0, **stage_cpu, "serialize": 0.0}
    clock = time.process_time

    def analyze_one(r):
        t = clock()
        doc = nlp.make_doc(r.text, id=r.id, title=r.title, url=r.url, publisher=r.publisher, published=r.published)
        t1 = clock()
        stage_cpu["make_doc"] += t1 - t
        for c in nlp.components:
            doc = c(doc)
            t2 = clock()
            stage_cpu[c.name] += t2 - t1
            t1 = t2
        doc.cache.clear()
        _dump_line(doc, tokens=False)
        stage_cpu["serialize"] += clock() - t1
        return doc

    prof = None
    if a.profile:
        import cProfile
        prof = cProfile.Profile()
    t0 = clock()
    if prof:
        prof.enable()
    failed = tokens = 0
    for r in records:
        try:
            tokens += len(analyze_one(r).tokens)
        except MarsadError:
            failed += 1
    if prof:
        prof.disable()
        prof.dump_stats(a.profile)
    total = clock() - t0
    n = len(records) - failed
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    import os
    print(f"corpus {a.corpus}: {n} articles ({failed} failed), {tokens:,} tokens; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"start-up (imports + marsad.load()), CPU: {startup:.2f} s")
    print(f"analysis CPU: {total:.2f} s = {1000 * total / n:.2f} ms/article = {n / total:.1f} articles/s per core; "
          f"peak RSS {rss:.0f} MB")
    print()
    print("| stage | CPU ms/article | share |")
    print("|---|---:|---:|")
    for name, secs in stage_cpu.items():
        print(f"| {name} | {1000 * secs / n:.2f} | {100 * secs / total:.1f}% |")


if __name__ == "__main__":
    main()
