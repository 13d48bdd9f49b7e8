#!/usr/bin/env python
"""What the spelling rules of `marsad.kb.fold` add to the knowledge base's alias index, and the collisions.

    .venv/bin/python scripts/kb_variants.py [--corpus ../shared/corpus/unlabeled/ant-news.jsonl.gz] [--show 20]

Prints, for the shipped KB: the keys each rule adds; the collisions the index settles (a generated
spelling that is another entry's written surface: the written one is kept; a generated spelling that
two entries reach from surfaces they do not share: dropped), every one listed; and how many distinct
entries share a key under the folding alone (written surfaces that fold together).
With --corpus it also counts, in that corpus (folded, whole words), how often each generated key
occurs: the spellings the rules find in real text, per rule, with the most frequent ones listed for
review.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "unlabeled" / "ant-news.jsonl.gz"


def corpus_counts(path: Path, keys: set[str]) -> Counter:
    """Occurrences of each key as whole folded words in the corpus (title and text)."""
    import ahocorasick
    from marsad.text.normalize import normalize
    automaton = ahocorasick.Automaton()
    for k in keys:
        automaton.add_word(k, k)
    automaton.make_automaton()
    counts: Counter = Counter()
    boundary = re.compile(r"\w")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = normalize((d.get("title") or "") + "\n" + (d.get("text") or ""))
            for end, k in automaton.iter(text):
                start = end - len(k) + 1
                if (start == 0 or not boundary.match(text[start - 1])) and \
                        (end + 1 == len(text) or not boundary.match(text[end + 1])):
                    counts[k] += 1
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="?", const=str(DEFAULT_CORPUS), help="count generated keys in this corpus")
    ap.add_argument("--show", type=int, default=15, help="generated keys to list per rule (with --corpus)")
    args = ap.parse_args()

    from marsad.kb import fold, load_kb
    kb = load_kb()
    index = kb.alias_index()
    report = kb.variant_report
    written = {fold(s) for e in kb.entries.values() for s in (*e.surfaces(), *e.demonyms)}
    print(f"entries {len(kb):,}; alias index keys {len(index):,} (written surfaces {len(written):,}, "
          f"generated {len(report.origin):,})")
    print("keys added, per rule (a key counts once per entry it points to):")
    for rule, n in sorted(report.added.items(), key=lambda kv: -kv[1]):
        print(f"  {rule:20s} {n:6,}")

    # folding alone: written surfaces of different entries that fold to one key
    shared = [(k, hits) for k, hits in index.items() if k in written and len({i for i, kind in hits if kind != "demonym"}) > 1]
    print(f"written surfaces shared by two entries or more after folding: {len(shared):,} "
          "(ambiguity left to the linker: weight, context, the article's states)")

    print(f"collisions settled: {len(report.shadowed)} generated spellings equal another entry's written surface "
          f"(kept as written), {len(report.ambiguous)} reached by entries that share no surface (dropped)")
    for v, ids, owners in report.shadowed:
        print(f"  kept as written  {v}: generated for {', '.join(ids)}; written for {', '.join(owners)}")
    for v, ids in report.ambiguous:
        print(f"  dropped          {v}: generated for {', '.join(ids)}")

    if args.corpus:
        path = Path(args.corpus)
        if not path.is_file():
            sys.exit(f"kb_variants: corpus {path} not found")
        counts = corpus_counts(path, set(report.origin))
        by_rule: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for k, (src, rule) in report.origin.items():
            if counts[k]:
                by_rule[rule.split("+")[0]].append((counts[k], k))
        print(f"generated keys found in {path.name}: {sum(len(v) for v in by_rule.values()):,} keys, "
              f"{sum(n for v in by_rule.values() for n, _ in v):,} occurrences")
        for rule, rows in sorted(by_rule.items(), key=lambda kv: -sum(n for n, _ in kv[1])):
            rows.sort(reverse=True)
            print(f"  {rule}: {len(rows):,} keys, {sum(n for n, _ in rows):,} occurrences")
            for n, k in rows[:args.show]:
                src = report.origin[k][0]
                ids = ", ".join(i for i, _ in index[k])
                print(f"    {n:6,}  {k}  <- {src}  [{ids}]")


if __name__ == "__main__":
    main()
