#!/usr/bin/env python3
"""Mine framing candidates from a news corpus: formulas in the writer's voice and labels beside
actor names. Two review lists; reviewed rows go into `src/marsad/data/attribution/editorial.tsv`
and `loaded_labels.tsv` with their corpus counts.

  --editorial  word sequences (two to four words) that open a sentence or a clause in the
               writer's voice -- no speech cue in the sentence -- and introduce a clause
               (أن/إن) or a judgement: `ومن المتوقع أن`، `على ما يبدو`، `لم يتسن التحقق`.
               Ranked by how many articles use them.
  --labels     words standing right before or after the name of an actor the knowledge base
               knows (a person, an armed group, a government, a state), with the share of the
               outlets (sources) that use them: a label one outlet uses and others do not
               (`ميليشيات الحوثي` beside `جماعة الحوثي`) has a stance built in.

    python scripts/mine_framing.py ../shared/corpus/unlabeled/ant-news.jsonl.gz --editorial --top 300
    python scripts/mine_framing.py ../shared/corpus/unlabeled/ant-news.jsonl.gz --labels --top 300

Only the ANT corpus may feed shipped counts (SaudiNewsNet is CC BY-NC-SA).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from corpus_texts import records  # noqa: E402
from marsad.attribution.lexicon import load_lexicon  # noqa: E402
from marsad.kb import load_kb  # noqa: E402
from marsad.settings import Settings  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402
from marsad.text.words import load_function_words  # noqa: E402

SENTENCE = re.compile(r"[^.!؟?\n]+")
CLAUSE = re.compile(r"[^،,؛;:]+")
WORD = re.compile(r"[\w\u0600-\u06ff]+")


def sourced_texts(paths: list[Path], limit: int | None):
    """(outlet, text) of each record: the record's `source`, else its id's prefix."""
    for r in records(paths, limit):
        yield r.get("source") or r.get("id", "").split("-")[0], r.get("text") or ""


def editorial(paths, lex, limit):
    comps = lex.words("complementizer")
    grams: Counter = Counter()
    docs: dict[str, set[int]] = defaultdict(set)
    n = 0
    for _, text in sourced_texts(paths, limit):
        n += 1
        for sent in SENTENCE.finditer(text):
            words = [normalize(w) for w in WORD.findall(sent.group())]
            if not words or any(lex.word(w).cue is not None for w in words):
                continue
            for clause in CLAUSE.finditer(sent.group()):
                cw = [normalize(w) for w in WORD.findall(clause.group())][:6]
                for k in range(2, 5):
                    if len(cw) < k:
                        break
                    g = cw[:k]
                    if g[-1] in comps or (k >= 3 and g[-2] in comps):
                        key = " ".join(g)
                        grams[key] += 1
                        docs[key].add(n)
    return grams, docs, n


def labels(paths, kb, fw, limit):
    """Words beside known actors' names, by outlet."""
    index = kb.alias_index()
    first: dict[str, set[int]] = defaultdict(set)
    for key, hits in index.items():
        if any(kb.get(i).type in ("PER", "ORG") or kb.get(i).subtype == "country" for i, _ in hits):
            toks = key.split()
            first[toks[0]].add(len(toks))
    stop = fw.of()
    beside: Counter = Counter()
    by_source: dict[str, Counter] = defaultdict(Counter)
    sources: Counter = Counter()
    n = 0
    for source, text in sourced_texts(paths, limit):
        n += 1
        sources[source] += 1
        words = [normalize(w) for w in WORD.findall(text)]
        for i, w in enumerate(words):
            bare = w[1:] if w[:1] in "وبل" and len(w) > 3 and w[1:] in first else w
            for m in sorted(first.get(bare, ()), reverse=True):
                if " ".join([bare] + words[i + 1:i + m]) in index:
                    for j in (i - 1, i + m):   # the word before and after the name
                        if 0 <= j < len(words) and words[j] not in stop and len(words[j]) > 2:
                            side = "before" if j < i else "after"
                            key = f"{side}\t{words[j]}"
                            beside[key] += 1
                            by_source[key][source] += 1
                    break
    return beside, by_source, sources, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="+", type=Path)
    ap.add_argument("--editorial", action="store_true")
    ap.add_argument("--labels", action="store_true")
    ap.add_argument("--top", type=int, default=300)
    ap.add_argument("--min-articles", type=int, default=10)
    ap.add_argument("--limit", type=int)
    a = ap.parse_args()
    settings = Settings()
    lex = load_lexicon(settings)
    if a.editorial:
        grams, docs, n = editorial(a.corpus, lex, a.limit)
        print(f"# {n} articles: clause openings in the writer's voice that introduce a clause")
        print("formula\tarticles\tcount")
        rows = sorted(((len(docs[g]), grams[g], g) for g in grams if len(docs[g]) >= a.min_articles), reverse=True)
        for d, c, g in rows[: a.top]:
            print(f"{g}\t{d}\t{c}")
    if a.labels:
        beside, by_source, sources, n = labels(a.corpus, load_kb(settings), load_function_words(settings.data_dir), a.limit)
        print(f"# {n} articles from {len(sources)} outlets: words beside known actors' names")
        print("side\tword\tcount\tmain outlet share\toutlets")
        rows = sorted(beside.items(), key=lambda kv: -kv[1])
        for key, c in rows[: a.top]:
            per = by_source[key]
            # share of uses from the outlet that uses it most, relative to that outlet's share of articles
            top, k = per.most_common(1)[0]
            print(f"{key}\t{c}\t{top} {k / c:.2f} (of articles {sources[top] / n:.2f})\t{len(per)}")


if __name__ == "__main__":
    main()
