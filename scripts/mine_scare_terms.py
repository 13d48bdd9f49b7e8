#!/usr/bin/env python3
"""Mine the words the press habitually puts in quotation marks in its own voice (scare quotes).

For every short quotation (one or two words) in a corpus, count how often it stands in a sentence
with no speech cue (the writer's voice: `ونسفت هذه الحملة اتفاق "خفض التصعيد"`) and how often in
total. A term quoted mostly in the writer's voice, across many articles, is one writers keep at a
distance (`الدولة الإسلامية`، `مصالحة`، `الهجوم الكيماوي`); a term quoted only inside reported
speech is the speaker's own word. The output is a review list; reviewed rows go into
`src/marsad/data/attribution/scare_terms.tsv` with their counts.

    python scripts/mine_scare_terms.py ../shared/corpus/unlabeled/ant-news.jsonl.gz --top 300

Only the ANT corpus may feed shipped counts (SaudiNewsNet is CC BY-NC-SA).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from marsad.attribution.lexicon import bare_forms, load_lexicon  # noqa: E402
from marsad.settings import Settings  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402

from corpus_texts import articles  # noqa: E402

QUOTED = re.compile(r'(?:(?<=\s)|(?<=^)|(?<=[بلـ]))["«“]\s*([^"«»“”\n]{2,40}?)\s*["»”]')
SENTENCE = re.compile(r"[^.!؟?\n]+")
WORD = re.compile(r"[\w\u0600-\u06ff]+")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="+", type=Path)
    ap.add_argument("--top", type=int, default=300)
    ap.add_argument("--min-writer", type=int, default=5, help="quoted in the writer's voice at least this often")
    ap.add_argument("--min-articles", type=int, default=3)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--classifiers", action="store_true",
                    help="instead: the nouns that stand right before a quotation (up to two words back, "
                         "through adjectives), the candidates for grammar.tsv's name_noun class")
    a = ap.parse_args()
    lex = load_lexicon(Settings())
    names = lex.words("name_noun")
    before_quote: Counter = Counter()
    total: Counter = Counter()
    writer: Counter = Counter()
    docs: dict[str, set[int]] = defaultdict(set)
    surface: dict[str, Counter] = defaultdict(Counter)
    n = 0
    for text in articles(a.corpus, a.limit):
        n += 1
        for sent in SENTENCE.finditer(text):
            s = sent.group()
            norms = [normalize(w) for w in WORD.findall(s)]
            has_cue = any(lex.word(w).cue is not None for w in norms)
            for m in QUOTED.finditer(s):
                words = m.group(1).split()
                if not 1 <= len(words) <= 2:
                    continue
                prev_words = WORD.findall(s[:m.start()])[-3:] if m.start() else []
                for w in prev_words[-2:]:
                    before_quote[normalize(w)] += 1
                before = prev_words[-1:]
                if before and {f for f, _ in bare_forms(normalize(before[0]))} & names:
                    continue   # صحيفة "الحياة": a name
                key = normalize(m.group(1)).strip()
                total[key] += 1
                surface[key][m.group(1).strip()] += 1
                docs[key].add(n)
                if not has_cue:
                    writer[key] += 1
    print(f"# {n} articles from {', '.join(p.name for p in a.corpus)}")
    if a.classifiers:
        print("word_before_quotation\tcount\tknown")
        for w, c in before_quote.most_common(a.top):
            print(f"{w}\t{c}\t{'yes' if {f for f, _ in bare_forms(w)} & names else ''}")
        return
    print("term\twriter_voice\ttotal\tarticles\tshare")
    rows = [(writer[k], k) for k in writer if writer[k] >= a.min_writer and len(docs[k]) >= a.min_articles]
    rows.sort(reverse=True)
    for w, k in rows[: a.top]:
        print(f"{surface[k].most_common(1)[0][0]}\t{w}\t{total[k]}\t{len(docs[k])}\t{w / total[k]:.2f}")


if __name__ == "__main__":
    main()
