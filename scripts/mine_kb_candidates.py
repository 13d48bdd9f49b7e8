#!/usr/bin/env python
"""Candidates for the knowledge base: the names the news uses most that the KB does not link, with context.

    .venv/bin/python scripts/mine_kb_candidates.py CORPUS.jsonl[.gz] --out candidates.tsv
        [--every 1] [--limit N] [--min-docs 5]

Runs the `segment` and `actors` stages over the corpus and gathers every entity the stage finds but does
not link (`kb_id` null): its canonical name (folded), type, the surfaces it is named by, the titles that
name it (`وزير الخارجية الإيراني`), the state and role the stage read from them, and a few words of
context before its first mention. Rows are sorted by the number of articles naming the entity.

Output columns (TSV): docs, mentions, type votes, folded name, surfaces, countries, roles, titles, years,
context. The list is for review: an entry is written by hand (public knowledge: who the person is, the
offices and dates) and added with `"source": "mined:<corpus> count=<mentions>; reviewed"`.

Licences: candidates mined from ANT (`ant-news.jsonl.gz`) may cite their ANT counts in an entry's source;
from SaudiNewsNet (`snn-news.jsonl.gz`, CC BY-NC-SA) nothing derived may ship: use it to find names only.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--out", required=True)
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--min-docs", type=int, default=3)
    ap.add_argument("--linked-out", help="also write how often each KB entry is linked (kb_id, docs, mentions)")
    args = ap.parse_args()

    import marsad
    from marsad.errors import MarsadError
    from marsad.kb import fold
    from marsad.text.dates import parse_date
    from marsad.text.read import iter_jsonl

    nlp = marsad.load(components=("segment", "actors"))
    records = (r for i, r in enumerate(iter_jsonl(args.corpus)) if i % args.every == 0 and not isinstance(r, MarsadError))
    if args.limit:
        records = itertools.islice(records, args.limit)

    docs: Counter = Counter()
    mentions: Counter = Counter()
    types: dict[str, Counter] = defaultdict(Counter)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    countries: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, Counter] = defaultdict(Counter)
    titles: dict[str, Counter] = defaultdict(Counter)
    years: dict[str, Counter] = defaultdict(Counter)
    context: dict[str, Counter] = defaultdict(Counter)
    linked_docs: Counter = Counter()
    linked_mentions: Counter = Counter()
    n = 0
    for doc in nlp.pipe(records):
        if isinstance(doc, MarsadError):
            continue
        n += 1
        day = parse_date(doc.meta.published, partial=True) if doc.meta.published else None
        year = (day or "")[:4]
        for e in doc.entities:
            names = [m for m in e.mentions if m.kind in ("name", "alias")]
            if e.kb_id is not None:
                linked_docs[e.kb_id] += 1
                linked_mentions[e.kb_id] += len(names)
                continue
            if not names or e.type not in ("PER", "ORG", "LOC"):
                continue
            key = fold(e.name)
            docs[key] += 1
            mentions[key] += len(names)
            types[key][e.type] += 1
            for m in names:
                surfaces[key][m.text] += 1
            for m in e.mentions:
                if m.kind == "title":
                    titles[key][fold(m.text)] += 1
            if e.actor.country:
                countries[key][e.actor.country] += 1
            if e.actor.role:
                roles[key][e.actor.role] += 1
            if year:
                years[key][year] += 1
            first = min(names, key=lambda m: m.start)
            before = " ".join(doc.text[max(0, first.start - 60):first.start].split()[-4:])
            context[key][fold(before)] += 1
        if n % 2000 == 0:
            print(f"{n} articles", file=sys.stderr, flush=True)

    def top(c: Counter, k: int = 4) -> str:
        return "; ".join(f"{w} {n}" for w, n in c.most_common(k))

    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# docs\tmentions\ttypes\tname\tsurfaces\tcountries\troles\ttitles\tyears\tcontext\n")
        for key, d in docs.most_common():
            if d < args.min_docs:
                break
            out.write("\t".join([str(d), str(mentions[key]), top(types[key], 3), key, top(surfaces[key], 5),
                                 top(countries[key], 3), top(roles[key], 3), top(titles[key], 4),
                                 top(years[key], 3), top(context[key], 3)]) + "\n")
    if args.linked_out:
        with open(args.linked_out, "w", encoding="utf-8") as out:
            for k, d in linked_docs.most_common():
                out.write(f"{k}\t{d}\t{linked_mentions[k]}\n")
    print(f"{n} articles; {sum(1 for d in docs.values() if d >= args.min_docs)} candidates with >= {args.min_docs} "
          f"articles -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
