"""Is the analysis linear in an article's length? One long article against the same text as articles.

    .venv/bin/python benchmarks/bench_linear.py WHOLE.jsonl SPLIT.jsonl

WHOLE.jsonl holds one record whose text is the articles of SPLIT.jsonl joined by blank lines (make
them with `--make N CORPUS.jsonl OUT_PREFIX`: the first N articles of CORPUS). Prints the CPU seconds of
the analysis (start-up excluded; `time.process_time`) of each and their ratio; issue 15's target is
a ratio of at most 2. `max_chars` is raised so the long article is let in.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def make(n: int, corpus: str, prefix: str) -> None:
    recs = []
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("text"):
                recs.append({"id": r["id"], "text": r["text"]})
            if len(recs) == n:
                break
    with open(f"{prefix}-split.jsonl", "w", encoding="utf-8") as out:
        for r in recs:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(f"{prefix}.jsonl", "w", encoding="utf-8") as out:
        whole = {"id": Path(prefix).name, "text": "\n\n".join(r["text"] for r in recs)}
        out.write(json.dumps(whole, ensure_ascii=False) + "\n")


def cpu_of(nlp, path: str, profile: str | None = None) -> tuple[float, dict[str, float]]:
    """CPU seconds of the analysis of the file's records, and of each stage."""
    recs = [json.loads(line) for line in open(path, encoding="utf-8")]
    clock = time.process_time
    stages = {"make_doc": 0.0, **{c.name: 0.0 for c in nlp.components}}
    prof = None
    if profile:
        import cProfile
        prof = cProfile.Profile()
        prof.enable()
    start = clock()
    for r in recs:
        t = clock()
        doc = nlp.make_doc(r["text"], id=r["id"])
        stages["make_doc"] += clock() - t
        for c in nlp.components:
            t = clock()
            doc = c(doc)
            stages[c.name] += clock() - t
        doc.cache.clear()
    total = clock() - start
    if prof:
        prof.disable()
        prof.dump_stats(profile)
    return total, stages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--make", nargs=3, metavar=("N", "CORPUS", "PREFIX"))
    ap.add_argument("--profile", help="write cProfiles of the two runs to PROFILE.split and PROFILE.whole")
    a = ap.parse_args()
    if a.make:
        make(int(a.make[0]), a.make[1], a.make[2])
        return
    import marsad
    nlp = marsad.load(max_chars=100_000_000)
    whole, split = a.files
    t_split, by_stage_split = cpu_of(nlp, split, a.profile and a.profile + ".split")
    print(f"{split}: {t_split:.1f} s CPU as separate articles", flush=True)
    t_whole, by_stage_whole = cpu_of(nlp, whole, a.profile and a.profile + ".whole")
    print(f"{whole}: {t_whole:.1f} s CPU as one article", flush=True)
    for name, cpu in by_stage_split.items():
        print(f"  {name:12s} {cpu:7.1f} s split, {by_stage_whole[name]:7.1f} s whole "
              f"({by_stage_whole[name] / max(cpu, 1e-9):.2f}x)")
    print(f"ratio {t_whole / t_split:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
