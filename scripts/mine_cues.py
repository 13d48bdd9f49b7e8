#!/usr/bin/env python3
"""Mine speech-cue candidates from a news corpus: words that open a clause (sentence start, or
written with و/ف) and introduce reported words -- a complementizer (إن، أن، بأن ...) within the
next few words, or a colon/quotation mark -- and participles after a comma that do the same
(`، مؤكدا أن`).

The output is a review list, not a lexicon: one row per candidate lemma (forms grouped by the
verb patterns the cue loader inflects: قال/قالت، يقول/تقول، مؤكدا/مؤكدة), with how often it
introduces words, how often it occurs at all, and its most frequent forms. A person reads the
list, keeps the verbs of speech, gives each a stance and a role, and writes the rows of
`src/marsad/data/attribution/cues.tsv` with the corpus count in its `count` column.

    python scripts/mine_cues.py ../shared/corpus/unlabeled/ant-news.jsonl.gz --top 300 > /tmp/cue_candidates.tsv

Only the ANT corpus may feed shipped counts (SaudiNewsNet is CC BY-NC-SA: mine to compare, ship
nothing derived from it).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from marsad.attribution.lexicon import load_lexicon  # noqa: E402
from marsad.settings import Settings  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402
from marsad.text.words import load_function_words  # noqa: E402

from corpus_texts import articles  # noqa: E402

TOKEN = re.compile(r'[\w\u0600-\u06ff]+|[«»“”"]|[:،,.؟?!؛;]')
COMPLEMENTIZERS = {normalize(w) for w in "إن أن إنه أنه إنها أنها إنهم أنهم إننا أننا بأن بأنه بأنها بأنهم".split()}
QUOTE = set('«“"')
CLAUSE_END = set(".؟?!؛;")
REACH = 5  # words between the cue and what it introduces (the subject, VSO)


def lemma_key(form: str) -> tuple[str, str]:
    """(guessed base, pattern) of a 3rd person verb or participle form, on normalized text."""
    if form.startswith("م") and len(form) > 3 and form[-1] in "اه" or form.endswith(("ين", "ون")) and form.startswith("م"):
        base = form[:-2] if form.endswith(("ين", "ون")) else form[:-1]
        return base, "participle"
    if form[:1] in "يت" and len(form) > 3:
        return form[1:].removesuffix("ون"), "present"
    if form.endswith(("وا", "تا")) and len(form) > 4:
        return form[:-2], "past"
    if form.endswith("ت") and len(form) > 3:
        return form[:-1], "past"
    return form, "past"


def mine(paths: list[Path], limit: int | None):
    """Counts per surface form (with its clitic): how often it opens a clause or follows a
    comma, how often it then introduces words, and how often the word occurs at all."""
    introduces: Counter = Counter()
    total: Counter = Counter()
    unigram: Counter = Counter()
    n = 0
    for text in articles(paths, limit):
        n += 1
        toks = TOKEN.findall(text)
        norms = [normalize(t) for t in toks]
        unigram.update(norms)
        for i, w in enumerate(norms):
            if len(w) < 3 or not ("\u0600" <= w[0] <= "\u06ff"):
                continue
            prev = norms[i - 1] if i else "."
            if not (prev in CLAUSE_END or prev in (":", "،", ",") or w[0] in "وف"):
                continue
            total[w] += 1
            for j in range(i + 1, min(len(norms), i + 2 + REACH)):
                t = norms[j]
                if t in COMPLEMENTIZERS or t in QUOTE or (t == ":" and j + 1 < len(norms) and norms[j + 1] in QUOTE):
                    introduces[w] += 1
                    break
                if t in CLAUSE_END or t in ("،", ","):
                    break
    return introduces, total, unigram, n


def bare(w: str, unigram: Counter) -> str:
    """The form without a leading و/ف when that form is a word of its own in the corpus
    (وقال -> قال; وزير stays: زير is no word)."""
    if w[0] in "وف" and len(w) > 3 and unigram[w[1:]] >= 0.05 * unigram[w]:
        return w[1:]
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="+", type=Path, help="JSONL(.gz) files with a `text` field")
    ap.add_argument("--top", type=int, default=300)
    ap.add_argument("--min-ratio", type=float, default=0.15, help="share of occurrences that introduce words")
    ap.add_argument("--min-count", type=int, default=20)
    ap.add_argument("--limit", type=int, help="read only this many articles")
    ap.add_argument("--all", action="store_true", help="also list lemmas the cue lexicon already has")
    ap.add_argument("--lexicon-counts", action="store_true",
                    help="instead: for each lemma of cues.tsv, how often its forms introduce words (the count column)")
    a = ap.parse_args()
    lex = load_lexicon(Settings())
    known_forms = set(lex.cues)
    introduces, total, unigram, n = mine(a.corpus, a.limit)
    if a.lexicon_counts:
        per_lemma: Counter = Counter()
        for w, k in introduces.items():
            entry = lex.cues.get(bare(w, unigram)) or lex.cues.get(w)
            if entry is not None:
                per_lemma[entry.lemma] += k
        print(f"# {n} articles from {', '.join(p.name for p in a.corpus)}")
        for lemma in dict.fromkeys(e.lemma for e in lex.cues.values()):
            print(f"{lemma}\t{per_lemma[lemma]}")
        return
    skip = load_function_words(Settings().data_dir).of()
    intro_k: Counter = Counter()
    total_k: Counter = Counter()
    by_key: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for w, t in total.items():
        b = bare(w, unigram)
        if b.startswith("ال") or b in skip or len(b) < 3:
            continue
        key = lemma_key(b)
        intro_k[key] += introduces[w]
        total_k[key] += t
        by_key[key][b] += t
    print(f"# {n} articles from {', '.join(p.name for p in a.corpus)}")
    print("base\tpattern\tintroduces\ttotal\tratio\tknown\tforms")
    rows = []
    for key, k in intro_k.items():
        if k < a.min_count or k / total_k[key] < a.min_ratio:
            continue
        forms = by_key[key].most_common(4)
        is_known = any(f in known_forms for f, _ in forms)
        if is_known and not a.all:
            continue
        rows.append((k, key, total_k[key], forms, is_known))
    rows.sort(key=lambda r: -r[0])
    for k, (base, pattern), tot, forms, is_known in rows[: a.top]:
        print(f"{base}\t{pattern}\t{k}\t{tot}\t{k / tot:.2f}\t{'yes' if is_known else ''}\t"
              + " ".join(f"{f}:{c}" for f, c in forms))


if __name__ == "__main__":
    main()
