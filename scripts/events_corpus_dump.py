#!/usr/bin/env python3
"""Analyze a corpus up to the events stage and dump, per sentence, its normalized tokens, their
proclitic splits and the actor mentions on them: the input of the lexicon mining and coverage
scripts (`mine_event_candidates.py`, `event_lexicon_coverage.py`). The dump is a work file, never
shipped: it holds corpus text.

usage: python scripts/events_corpus_dump.py CORPUS.jsonl[.gz] OUT.jsonl.gz [--skip-ids DIR] [--limit N]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from bisect import bisect_right
from pathlib import Path

import marsad
from marsad.settings import Settings
from marsad.text.normalize import normalize


def records(path: str):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--skip-ids", default="", help="a folder of *.gold.json whose docs are left out (the dev set)")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    skip = {json.loads(p.read_text(encoding="utf-8"))["doc"] for p in Path(a.skip_ids).glob("*.gold.json")} if a.skip_ids else set()
    settings = Settings(components=("segment", "actors", "attribution"))
    nlp = marsad.Pipeline(settings)
    n = 0
    with gzip.open(a.out, "wt", encoding="utf-8") as out:
        for rec in records(a.corpus):
            if rec.get("id") in skip or not rec.get("text"):
                continue
            try:
                doc = nlp(rec["text"], id=rec.get("id"), published=None)
            except Exception as exc:  # a bad record is reported and skipped
                print(f"{rec.get('id')}: {exc}", file=sys.stderr)
                continue
            starts = [t.start for t in doc.tokens]
            ments = []
            for e in doc.entities:
                for m in e.mentions:
                    i = max(0, bisect_right(starts, m.start) - 1)
                    j = max(i, bisect_right(starts, m.end - 1) - 1)
                    ments.append((i, j, e.type, e.subtype or "", e.actor.country or ""))
            sents: dict[int, list[int]] = {}
            for k, t in enumerate(doc.tokens):
                sents.setdefault(t.sentence, []).append(k)
            quotes = [(q.start, q.end, q.cue.lemma if q.cue else "", q.cue.stance if q.cue else "") for q in doc.quotes]
            for s, idx in sents.items():
                lo, hi = idx[0], idx[-1] + 1
                toks = [(normalize(doc.tokens[k].text), normalize(doc.tokens[k].prefix)) for k in range(lo, hi)]
                ms = [(i - lo, j - lo, *rest) for i, j, *rest in ments if lo <= i < hi]
                qs = [(max(0, bisect_right(starts, qs_) - 1) - lo, max(0, bisect_right(starts, qe - 1) - 1) - lo, lem, st)
                      for qs_, qe, lem, st in quotes if doc.tokens[lo].start <= qs_ < doc.tokens[hi - 1].end]
                out.write(json.dumps({"d": rec.get("id"), "c": rec.get("category"), "s": s, "t": toks, "m": ms, "q": qs},
                                     ensure_ascii=False) + "\n")
            n += 1
            if a.limit and n >= a.limit:
                break
            if n % 2000 == 0:
                print(f"{n} articles", file=sys.stderr, flush=True)
    print(f"{n} articles dumped", file=sys.stderr)


if __name__ == "__main__":
    main()
