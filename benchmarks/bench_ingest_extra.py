"""What an ingest worker does per article beyond the analysis, in one process, CPU time.

    .venv/bin/python benchmarks/bench_ingest_extra.py [CORPUS.jsonl] [--limit 150] [--repeat 5]

Analyzes the first --limit articles once, then times `store.ingest.analyze_task` on each with the
analysis taken out (a pipeline that hands back the document already made): the record's dict and
JSON, the store rows (`record_rows`) and their JSON lines, the MinHash signature. Prints the median
over --repeat passes, in ms an article, and the analysis's own ms an article for scale. Run it with
another checkout's `src` first on PYTHONPATH to compare (the script imports whatever `marsad` is found).
Default corpus: ../shared/corpus/ant-sample.jsonl (team-only).
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.append(str(REPO / "src"))   # after PYTHONPATH, so another checkout can be measured


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared/corpus/ant-sample.jsonl"))
    ap.add_argument("--limit", type=int, default=150)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    import marsad
    from marsad.errors import MarsadError
    from marsad.store import ingest
    from marsad.text.read import iter_jsonl
    nlp = marsad.load()
    records = [r for r in iter_jsonl(a.corpus) if not isinstance(r, MarsadError)][:a.limit]
    t0 = time.process_time()
    docs = {r.id: nlp(r.text, id=r.id, title=r.title, url=r.url, publisher=r.publisher, published=r.published)
            for r in records}
    analysis = (time.process_time() - t0) / len(records) * 1000

    def made(text, id=None, **meta):   # the analysis, already done
        return docs[id]

    tasks = [ingest.Task("analyze", "bench", n, record=r, content_hash=hashlib.sha1(r.text.encode()).hexdigest(),
                         article_id=r.id) for n, r in enumerate(records)]
    version = "bench"
    passes = []
    for _ in range(a.repeat):
        t0 = time.process_time()
        for task in tasks:
            ingest.analyze_task(made, task, version)
        passes.append((time.process_time() - t0) / len(tasks) * 1000)
    print(f"marsad from {Path(marsad.__file__).parent}; {len(tasks)} articles")
    print(f"analysis {analysis:.2f} ms an article; the worker's extra (record JSON, rows, their JSON, MinHash): "
          f"median {statistics.median(passes):.2f} ms (passes {', '.join(f'{p:.2f}' for p in passes)})")


if __name__ == "__main__":
    main()
