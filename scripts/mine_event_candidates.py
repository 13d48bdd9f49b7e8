#!/usr/bin/env python3
"""Mine candidate event words from a corpus dump (`events_corpus_dump.py`): words that stand between
two actors (`اتهمت روسيا بريطانيا`، `روسيا تتهم بريطانيا`، `اتهام موسكو لبريطانيا`), by frequency, grouped
under a crude stem so that the inflections of one lemma are read together. Each group lists its
forms, its counts, whether the lexicon already covers it, and two example contexts.

The output is a review list for a person, not lexicon data: every entry written into
`data/events/lexicon.tsv` is reviewed by hand (see its README).

usage: python scripts/mine_event_candidates.py DUMP.jsonl.gz [DUMP2 ...] [--top 3000] [--uncovered] > candidates.tsv
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from marsad.events.lexicon import load_lexicon
from marsad.events.triggers import candidates
from marsad.settings import Settings
from marsad.text.words import load_function_words

from corpus_texts import read_dump

ACTOR_TYPES = ("PER", "ORG", "LOC")
BEFORE, AFTER, VSO = 5, 6, 8


def crude_stem(w: str) -> str:
    """A key that folds the commonest inflections of one lemma together (not a lemmatizer)."""
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    for suf in ("هما", "ها", "هم", "ات", "ون", "ين", "ان", "وا", "تم", "نا", "ه", "ت", "ا"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    if len(w) >= 4 and w[0] in "يتن" and w[1:] and not w.startswith("تم"):
        w = w[1:]
    return w


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dumps", nargs="+")
    ap.add_argument("--top", type=int, default=3000)
    ap.add_argument("--uncovered", action="store_true", help="only groups the lexicon does not cover")
    ap.add_argument("--vso", action="store_true",
                    help="only clause-initial words with an actor right after them (verbs in VSO order: `واتهمت روسيا`)")
    a = ap.parse_args()
    settings = Settings()
    index = load_lexicon(settings)
    function = load_function_words(settings.data_dir).of()
    between: Counter[str] = Counter()
    total: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for path in a.dumps:
        for r in read_dump(path):
                toks = r["t"]
                inside = set()
                starts = []
                for i, j, typ, sub, country in r["m"]:
                    if typ in ACTOR_TYPES and sub != "media":
                        starts.append((i, j))
                        inside.update(range(i, j + 1))
                ends = sorted(j for _, j in starts)
                firsts = sorted(i for i, _ in starts)
                for k, (w, prefix) in enumerate(toks):
                    if k in inside or len(w) < 3 or not w[0].isalpha():
                        continue
                    stem = w[len(prefix):] if prefix and w.startswith(prefix) else w
                    if stem in function or len(stem) < 3:
                        continue
                    total[stem] += 1
                    before = any(k - BEFORE <= e < k for e in ends)
                    after = [s for s in firsts if k < s <= k + AFTER]
                    vso = [s for s in firsts if k < s <= k + VSO]
                    if a.vso:
                        initial = k == 0 or prefix[:1] in ("و", "ف") or toks[k - 1][0] in ("،", ",", '"', ":")
                        hit = initial and any(k < s <= k + 3 for s in firsts)
                    else:
                        hit = (before and after) or len(vso) >= 2
                    if hit:
                        between[stem] += 1
                        if len(examples[stem]) < 2:
                            lo, hi = max(0, k - 6), min(len(toks), k + 9)
                            examples[stem].append(" ".join(t for t, _ in toks[lo:hi]))
    groups: dict[str, list[str]] = defaultdict(list)
    for stem in between:
        groups[crude_stem(stem)].append(stem)
    ranked = sorted(groups.items(), key=lambda kv: -sum(between[s] for s in kv[1]))
    print("group\tbetween\ttotal\tcovered\tforms\texamples")
    shown = 0
    for key, forms in ranked:
        forms.sort(key=lambda s: -between[s])
        covered = [s for s in forms if any(index.lookup(f) for f, *_ in candidates(s, ""))]
        if a.uncovered and covered:
            continue
        hits = {h.pattern.cameo for s in covered for f, *_ in candidates(s, "") for h in index.lookup(f)}
        print(f"{key}\t{sum(between[s] for s in forms)}\t{sum(total[s] for s in forms)}\t{','.join(sorted(hits)) or '-'}\t"
              f"{' '.join(f'{s}:{between[s]}' for s in forms[:8])}\t{' | '.join(examples[forms[0]])}")
        shown += 1
        if shown >= a.top:
            break


if __name__ == "__main__":
    main()
