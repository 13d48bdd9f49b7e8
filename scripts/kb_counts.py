#!/usr/bin/env python
"""Corpus counts of knowledge-base entries: how often the ANT news names each entry, for `source` fields.

    .venv/bin/python scripts/kb_counts.py [--corpus ../shared/corpus/unlabeled/ant-news.jsonl.gz]
        [--check] [--write] [--below N]

An entry mined from the news carries `"source": "mined:ant-news count=N; reviewed"` (or
`"universalpetrarch-ar; ant-news count=N; reviewed"` for a candidate from the UniversalPetrarch Arabic actor
dictionary). N is reproducible: the number of places in the corpus (title and text, folded with
`marsad.kb.fold`, whole words) where one of the entry's written surfaces (name or alias) occurs, counting
overlapping surfaces of one entry once (the longest). `--check` reports entries whose stated count differs
from the recomputed one, `--write` rewrites the counts in the curated files, `--below N` lists mined entries
named fewer than N times (an entry earns its place by corpus frequency).
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "unlabeled" / "ant-news.jsonl.gz"
KB_DIR = REPO / "src" / "marsad" / "data" / "kb"
COUNT_RE = re.compile(r"ant-news count=(\d+)")


def entry_counts(corpus: Path, surfaces_of: dict[str, set[str]]) -> Counter:
    """id -> occurrences of its surfaces in the corpus (an entry's overlapping surfaces count once)."""
    import ahocorasick
    from marsad.text.normalize import normalize

    automaton = ahocorasick.Automaton()
    owners: dict[str, set[str]] = {}
    for kb_id, keys in surfaces_of.items():
        for k in keys:
            owners.setdefault(k, set()).add(kb_id)
    for k, ids in owners.items():
        automaton.add_word(k, (k, tuple(ids)))
    automaton.make_automaton()
    word = re.compile(r"\w")
    counts: Counter = Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = normalize((d.get("title") or "") + "\n" + (d.get("text") or ""))
            spans: dict[str, list[tuple[int, int]]] = {}
            for end, (k, ids) in automaton.iter(text):
                start = end - len(k) + 1
                if (start > 0 and word.match(text[start - 1])) or (end + 1 < len(text) and word.match(text[end + 1])):
                    continue
                for i in ids:
                    spans.setdefault(i, []).append((start, end + 1))
            for i, ss in spans.items():   # longest first, no overlaps within one entry
                taken: list[tuple[int, int]] = []
                for s, e in sorted(ss, key=lambda p: (p[0] - p[1], p[0])):
                    if all(e <= a or s >= b for a, b in taken):
                        taken.append((s, e))
                counts[i] += len(taken)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--check", action="store_true", help="report entries whose stated count differs")
    ap.add_argument("--write", action="store_true", help="rewrite the stated counts in the curated files")
    ap.add_argument("--below", type=int, default=0, help="list mined entries named fewer than N times")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_file():
        sys.exit(f"kb_counts: corpus {corpus} not found")

    from marsad.kb import fold
    files = [p for p in sorted(KB_DIR.glob("*.jsonl"))
             if '"curated": true' in p.open(encoding="utf-8").readline()]
    rows: dict[Path, list[dict]] = {}
    surfaces_of: dict[str, set[str]] = {}
    for p in files:
        rows[p] = [json.loads(line) for line in p.open(encoding="utf-8") if line.strip()]
        for obj in rows[p]:
            if "_meta" not in obj and COUNT_RE.search(obj.get("source") or ""):
                surfaces_of[obj["id"]] = {fold(s) for s in (obj["name"], *obj.get("aliases", ()))}
    counts = entry_counts(corpus, surfaces_of)
    differs = low = 0
    for p, objs in rows.items():
        changed = False
        for obj in objs:
            if obj.get("id") not in surfaces_of:
                continue
            stated = int(COUNT_RE.search(obj["source"]).group(1))
            n = counts[obj["id"]]
            if args.below and n < args.below:
                low += 1
                print(f"below {args.below}: {obj['id']} {n}")
            if stated != n:
                differs += 1
                if args.check:
                    print(f"count differs: {obj['id']} stated {stated}, corpus {n}")
                obj["source"] = COUNT_RE.sub(f"ant-news count={n}", obj["source"])
                changed = True
        if args.write and changed:
            with p.open("w", encoding="utf-8") as f:
                for obj in objs:
                    f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    print(f"entries with an ant-news count: {len(surfaces_of)}; stated count differs: {differs}"
          + (f"; below {args.below}: {low}" if args.below else ""))
    if args.check and differs:
        sys.exit(1)


if __name__ == "__main__":
    main()
