"""Throughput of the NER tagger alone (features + CRF decoding + span scores), one core.

    .venv/bin/python benchmarks/bench_tagger.py [CORPUS.jsonl] [--limit N] [--repeat 3]

Default corpus: ../shared/corpus/ant-sample.jsonl (team-only; any JSONL of {id, text} works).
Articles are segmented first (not timed); the timed part is `NerTagger.tag(doc)` over every
article. The first run starts with an empty word-feature cache (cold), later runs reuse it
(warm), as a long-running process does. Prints wall and CPU time (the machines are shared:
CPU time is the figure that does not depend on what else runs) as a Markdown table.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import marsad  # noqa: E402
from marsad.actors.tagger import NerTagger  # noqa: E402
from marsad.errors import MarsadError  # noqa: E402
from marsad.text.read import iter_jsonl  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared/corpus/ant-sample.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    records = [r for r in iter_jsonl(a.corpus) if not isinstance(r, MarsadError)]
    if a.limit:
        records = records[: a.limit]
    nlp = marsad.load(components=("segment",))
    docs = [d for d in nlp.pipe(records) if not isinstance(d, MarsadError)]
    tokens = sum(len(d.tokens) for d in docs)
    tagger = NerTagger(nlp.settings, nlp.resources)
    walls, cpus = [], []
    spans = 0
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        spans = sum(len(tagger.tag(d)) for d in docs)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    print(f"corpus: {a.corpus} — {len(docs)} articles, {tokens} tokens, {spans} spans; "
          f"{platform.machine()}, Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    print()
    print("| run | wall s | CPU s | tokens/s (wall) | tokens/s (CPU) |")
    print("|---|---|---|---|---|")
    print(f"| cold (first run) | {walls[0]:.2f} | {cpus[0]:.2f} | {tokens / walls[0]:,.0f} | {tokens / cpus[0]:,.0f} |")
    if len(walls) > 1:
        w, c = statistics.median(walls[1:]), statistics.median(cpus[1:])
        print(f"| warm (median of {len(walls) - 1}) | {w:.2f} | {c:.2f} | {tokens / w:,.0f} | {tokens / c:,.0f} |")


if __name__ == "__main__":
    main()
