#!/usr/bin/env python3
"""Mine the outlets Arabic news cites, and the phrases that cite them, from a news corpus.

Two review lists (nothing here writes a data file):

  --phrases   the words right before a known outlet (a media or platform entry of the knowledge
              base): what says "to whom it was said / who relayed it" (في مقابلة مع، نقلا عن، لصحيفة ...)
  --fillers   what fills those slots and follows outlet nouns (صحيفة، وكالة، قناة ...): a quoted
              name, a Latin name, or the words after the noun; the ones the knowledge base lacks are
              candidates for src/marsad/data/kb/media.jsonl

    python scripts/mine_outlets.py ../shared/corpus/unlabeled/ant-news.jsonl.gz --phrases --top 150
    python scripts/mine_outlets.py ../shared/corpus/unlabeled/ant-news.jsonl.gz --fillers --top 400

A reviewed candidate goes into media.jsonl with its Arabic and Latin spellings; its corpus count
(how often it fills a slot here) goes into the entry's `source` field in src/marsad/data/kb/media.jsonl (`mined:ant-news outlet-slot count=N; reviewed`). Only the
ANT corpus may feed shipped counts (SaudiNewsNet is CC BY-NC-SA).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from marsad.attribution.lexicon import load_lexicon  # noqa: E402
from marsad.kb import load_kb  # noqa: E402
from marsad.settings import Settings  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402

from corpus_texts import articles  # noqa: E402

TOKEN = re.compile(r'[A-Za-z][A-Za-z0-9.&\'-]*|[\w\u0600-\u06ff]+|[«»“”"]|[:،,.؟?!؛;()]')
QUOTES = set('"«»“”')
PUNCT = set(":،,.؟?!؛;()")
MAX_NAME = 5


def peel(w: str) -> list[str]:
    """The word with و/ف and then ب/ل peeled, one group at a time (لصحيفة -> صحيفة)."""
    out = [w]
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
        out.append(w)
    if len(w) > 3 and w[0] in "بل":
        out.append(w[1:])
        if w.startswith("لل"):
            out.append("ا" + w[1:])
    return out


def outlet_surfaces(kb) -> dict[tuple[str, ...], str]:
    """Normalized token tuples of every media/platform surface -> kb id."""
    out = {}
    for e in kb.entries.values():
        if e.type == "ORG" and e.subtype in ("media", "company"):
            for s in (e.name, *e.aliases):
                out[tuple(normalize(s).split())] = e.id
    return out


def match_at(norms: list[str], i: int, surfaces, first_words) -> tuple[int, str] | None:
    """(tokens, kb id) of the longest outlet surface starting at token i (its first word may carry a clitic)."""
    for head in peel(norms[i]):
        for n in sorted(first_words.get(head, ()), reverse=True):
            cand = (head, *norms[i + 1:i + n])
            if cand in surfaces:
                return n, surfaces[cand]
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="+", type=Path)
    ap.add_argument("--phrases", action="store_true")
    ap.add_argument("--fillers", action="store_true")
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--limit", type=int)
    a = ap.parse_args()
    settings = Settings()
    kb = load_kb(settings)
    lex = load_lexicon(settings)
    surfaces = outlet_surfaces(kb)
    first_words: dict[str, set[int]] = defaultdict(set)
    for s in surfaces:
        first_words[s[0]].add(len(s))
    outlet_nouns = lex.words("outlet_noun") | lex.words("press_noun")
    slot_phrases = [p.words for ps in lex.phrases.values() for p in ps if p.role in ("said_to", "relayed_by")]
    contexts: Counter = Counter()
    fillers: Counter = Counter()
    filler_slot: dict[str, Counter] = defaultdict(Counter)
    known_fillers: Counter = Counter()
    n = 0
    for text in articles(a.corpus, a.limit):
        n += 1
        toks = TOKEN.findall(text)
        norms = [normalize(t) for t in toks]
        for i in range(len(norms)):
            if a.phrases:
                m = match_at(norms, i, surfaces, first_words)
                if m is not None:
                    prev = [w for w in norms[max(0, i - 3):i] if w not in QUOTES]
                    # the clitic written on the outlet's first word belongs to the context (لصحيفة)
                    clitic = norms[i][: len(norms[i]) - len(peel(norms[i])[-1])] if len(peel(norms[i])) > 1 else ""
                    for k in range(1, len(prev) + 1):
                        ctx = " ".join(prev[-k:]) + (" " + clitic + "+" if clitic else "")
                        if not any(w in PUNCT for w in prev[-k:]):
                            contexts[ctx.strip()] += 1
            if a.fillers:
                slot = None
                for words in slot_phrases:
                    if tuple(norms[i:i + len(words)]) == words:
                        slot, j = " ".join(words), i + len(words)
                        break
                if slot is None and any(f in outlet_nouns for f in peel(norms[i])):
                    slot, j = peel(norms[i])[-1], i + 1
                if slot is None or j >= len(norms):
                    continue
                if norms[j] in QUOTES:            # a quoted name
                    k = j + 1
                    while k < len(norms) and norms[k] not in QUOTES and k - j <= MAX_NAME:
                        k += 1
                    if k < len(norms) and norms[k] in QUOTES and k > j + 1:
                        name = " ".join(toks[j + 1:k])
                    else:
                        continue
                elif re.match(r"[A-Za-z]", toks[j]):
                    k = j
                    while k + 1 < len(toks) and re.match(r"[A-Za-z0-9]", toks[k + 1]) and k - j < 3:
                        k += 1
                    name = " ".join(toks[j:k + 1])
                else:
                    k = j
                    while k < len(norms) and norms[k] not in PUNCT and norms[k] not in QUOTES and k - j < 2:
                        k += 1
                    name = " ".join(toks[j:k])
                if not name:
                    continue
                key = tuple(normalize(name).split())
                if key in surfaces or any(key[:m] in surfaces for m in range(1, len(key))):
                    known_fillers[surfaces.get(key) or next(surfaces[key[:m]] for m in range(1, len(key)) if key[:m] in surfaces)] += 1
                    continue
                fillers[name] += 1
                filler_slot[name][slot] += 1
    print(f"# {n} articles from {', '.join(p.name for p in a.corpus)}")
    if a.phrases:
        print("## words before a known outlet (count, context)")
        for ctx, c in contexts.most_common(a.top):
            print(f"{c}\t{ctx}")
    if a.fillers:
        print("## slot fillers the knowledge base lacks (count, name, slots)")
        for name, c in fillers.most_common(a.top):
            slots = ", ".join(f"{s}:{k}" for s, k in filler_slot[name].most_common(3))
            print(f"{c}\t{name}\t{slots}")
        print("## known outlets filling slots (count, kb id)")
        for kb_id, c in known_fillers.most_common(a.top):
            print(f"{c}\t{kb_id}")


if __name__ == "__main__":
    main()
