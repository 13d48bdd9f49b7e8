#!/usr/bin/env python3
"""How the event lexicon behaves on a corpus dump (`events_corpus_dump.py`): per entry, how often its
forms occur (and the commonest forms, for spotting a form that is mostly another word: مدينة is not
a participle of أدان), and per CAMEO root, how many tokens the lexicon covers.

    python scripts/event_lexicon_coverage.py /tmp/ev/ant.jsonl.gz --by-root        # coverage table
    python scripts/event_lexicon_coverage.py /tmp/ev/ant.jsonl.gz --forms > review.tsv
    python scripts/event_lexicon_coverage.py /tmp/ev/ant.jsonl.gz --write-counts   # fill the count column

Counts are matches of an entry's forms (after the segmenter's proclitics are stripped), with its
`with`/`!` words checked in the same window the coder uses; they are statistics of the ANT corpus
(Apache-2.0), the only corpus whose counts may ship (see NOTICE). Never run --write-counts on SNN.
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from marsad.events.lexicon import FILE, load_lexicon
from marsad.events.triggers import candidates, core, near_word
from marsad.settings import Settings

from corpus_texts import read_dump


def window_ok(entry, norms: list[str], cores: list[str], i: int) -> bool:
    """The entry's `with`/`!` words, checked as the trigger finder checks them."""
    if entry.without_words and near_word(norms, cores, i, entry.without_words) is not None:
        return False
    return not entry.with_words or near_word(norms, cores, i, entry.with_words) is not None or "place" in entry.flags


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--by-root", action="store_true")
    ap.add_argument("--forms", action="store_true")
    ap.add_argument("--write-counts", action="store_true")
    a = ap.parse_args()
    settings = Settings()
    index = load_lexicon(settings)
    per_entry: Counter[int] = Counter()
    forms: dict[int, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[int, str], str] = {}
    per_root: Counter[str] = Counter()
    tokens = 0
    cache: dict[tuple[str, str], tuple[str, list]] = {}
    for r in read_dump(a.dump):
        toks = r["t"]
        norms = [t for t, _ in toks]
        quoted = {k for qs, qe, *_ in r.get("q", []) for k in range(qs, qe + 1)}
        cores = [core(t) for t in norms]
        tokens += len(toks)
        for i, (w, prefix) in enumerate(toks):
            key = (w, prefix)
            hit = cache.get(key)
            if hit is None:
                hit = ("", [])
                for form, verb_ok, noun_ok, _ in candidates(w, prefix):
                    hs = index.lookup(form, verb_ok, noun_ok)
                    if hs:
                        hit = (form, hs)
                        break
                cache[key] = hit
            form, hits = hit
            if not hits:
                continue
            for h in hits:
                e = h.pattern
                if e.pos == "light" or not window_ok(e, norms, cores, i):
                    continue
                if e.pos == "eval" and i not in quoted:
                    continue   # an evaluation is an event only in someone's words
                per_entry[e.line] += 1
                forms[e.line][form] += 1
                if (e.line, form) not in examples:
                    examples[(e.line, form)] = " ".join(norms[max(0, i - 5): i + 6])
                per_root[e.cameo[:2]] += 1
                break   # one entry per token, the first that fits, as the coder does
    if a.by_root:
        print(f"tokens {tokens:,}")
        print("| root | entries | matches | per 10k tokens |")
        print("|---|---|---|---|")
        by_root_entries = Counter(e.cameo[:2] for e in index.patterns if e.pos != "light")
        for root in sorted(by_root_entries):
            print(f"| {root} | {by_root_entries[root]} | {per_root[root]:,} | {per_root[root] * 1e4 / max(1, tokens):.1f} |")
        print(f"| all | {sum(by_root_entries.values())} | {sum(per_root.values()):,} | {sum(per_root.values()) * 1e4 / max(1, tokens):.1f} |")
    if a.forms:
        print("line\tcode\tlemma\tpos\tcount\tforms (count: example)")
        for e in index.patterns:
            if e.pos == "light":
                continue
            top = forms[e.line].most_common(4)
            shown = " || ".join(f"{f}:{c}: {examples[(e.line, f)]}" for f, c in top)
            print(f"{e.line}\t{e.cameo}\t{e.lemma}\t{e.pos}\t{per_entry[e.line]}\t{shown}")
    if a.write_counts:
        path = Path(settings.data_dir) / FILE
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines, 1):
            if line.strip() and not line.startswith("#"):
                cols = line.split("\t")
                cols[6] = str(per_entry[n])
                lines[n - 1] = "\t".join(cols)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
