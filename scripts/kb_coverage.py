#!/usr/bin/env python
"""The knowledge base's coverage of the news: the share of name tokens that the actors stage links.

    .venv/bin/python scripts/kb_coverage.py [--corpus ../shared/corpus/unlabeled/ant-news.jsonl.gz]
        [--every 4] [--data-dir DIR] [--dump FILE] [--top 50]
    .venv/bin/python scripts/kb_coverage.py --compare BEFORE.jsonl AFTER.jsonl

Definition (reproducible): the corpus is read in file order and every `--every`-th article is analyzed by
the `segment` and `actors` stages. A *name token* is a whitespace-separated word inside a mention of
kind `name` or `alias` (what the stage itself marks as a proper name: knowledge-base names, tagger
names, names read next to titles; not titles, labels, pronouns or demonyms). A name token is *linked*
when the mention's entity has a `kb_id`. Coverage = linked name tokens / name tokens.

Since a larger knowledge base also makes the stage find more names, two runs are compared on the same
denominator with `--dump` and `--compare`: the name tokens marked by either run, and the share of
them each run links. `--top` lists the most frequent unlinked name surfaces (candidates for the KB).

`--no-variants` leaves the spelling rules of `marsad.kb.fold` out of the alias index (written surfaces only),
to measure what they link.

`--data-dir` reads the knowledge base (and every other data file) from another data directory, e.g.
a copy of an earlier `src/marsad/data`. To measure earlier *code* too, run an earlier checkout's copy
of this script.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "unlabeled" / "ant-news.jsonl.gz"
NAME_KINDS = ("name", "alias")
WORD = re.compile(r"\S+")


def name_spans(doc) -> list[tuple[int, int, str, bool, str | None]]:
    """(start, end, type, linked, kb_id) of every name/alias mention of the document."""
    out = []
    for e in doc.entities:
        for m in e.mentions:
            if m.kind in NAME_KINDS:
                out.append((m.start, m.end, e.type, e.kb_id is not None, e.kb_id))
    return out


def tokens_of(text: str, spans) -> dict[int, tuple[str, bool, str]]:
    """token start offset -> (type, linked, word) for every word inside a name span."""
    out: dict[int, tuple[str, bool, str]] = {}
    for start, end, typ, linked, _ in spans:
        for m in WORD.finditer(text, start, end):
            out[m.start()] = (typ, linked or out.get(m.start(), ("", False, ""))[1], m.group())
    return out


def run(args) -> None:
    sys.path.insert(0, str(REPO / "src"))
    import marsad
    from marsad.errors import MarsadError
    from marsad.text.read import iter_jsonl

    if args.no_variants:   # measure what the spelling rules of marsad.kb.fold add: index written surfaces only
        import marsad.kb.index
        marsad.kb.index.variants_of = lambda surface, shapes, data: {}
    settings = marsad.Settings(components=("segment", "actors"))
    if args.data_dir:
        settings = settings.with_(data_dir=Path(args.data_dir))
    nlp = marsad.load(settings)
    records = (r for i, r in enumerate(iter_jsonl(args.corpus)) if i % args.every == 0)
    if args.limit:
        import itertools
        records = itertools.islice(records, args.limit)
    totals: Counter = Counter()
    unlinked: Counter = Counter()
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    docs = 0
    for doc in nlp.pipe(r for r in records if not isinstance(r, MarsadError)):
        if isinstance(doc, MarsadError):
            continue
        docs += 1
        spans = name_spans(doc)
        toks = tokens_of(doc.text, spans)
        for typ, linked, _ in toks.values():
            totals["tokens"] += 1
            totals["tokens " + typ] += 1
            if linked:
                totals["linked"] += 1
                totals["linked " + typ] += 1
        for start, end, typ, linked, _ in spans:
            totals["mentions"] += 1
            totals["linked mentions"] += linked
            if not linked:
                unlinked[(doc.text[start:end], typ)] += 1
        if dump:
            mentions = [[s, e, t, k, doc.text[max(0, s - 40):s] + "[" + doc.text[s:e] + "]" + doc.text[e:e + 40]]
                        for s, e, t, _, k in spans]
            dump.write(json.dumps({"id": doc.id, "tokens": {str(k): [t, int(ln)] for k, (t, ln, _) in toks.items()},
                                   "mentions": mentions}, ensure_ascii=False) + "\n")
    if dump:
        dump.close()
    print(f"articles {docs} (every {args.every}th of {args.corpus}), data {settings.data_dir}")
    print(f"name mentions {totals['mentions']:,}, linked {totals['linked mentions']:,} "
          f"({totals['linked mentions'] / max(1, totals['mentions']):.1%})")
    print(f"name tokens {totals['tokens']:,}, linked {totals['linked']:,} "
          f"(coverage {totals['linked'] / max(1, totals['tokens']):.1%})")
    for typ in ("PER", "ORG", "LOC"):
        n = totals["tokens " + typ]
        print(f"  {typ}: name tokens {n:,}, linked {totals['linked ' + typ]:,} ({totals['linked ' + typ] / max(1, n):.1%})")
    if args.top:
        print(f"most frequent unlinked name surfaces (top {args.top}):")
        for (surface, typ), n in unlinked.most_common(args.top):
            print(f"  {n:6d}  {typ}  {surface}")


def compare(before_path: str, after_path: str, sample: int = 0, seed: int = 13) -> None:
    mentions: dict[str, dict] = {"b": {}, "a": {}}

    def read(path, which):
        out = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                out[d["id"]] = {int(k): (t, ln) for k, (t, ln) in d["tokens"].items()}
                mentions[which][d["id"]] = {(m[0], m[1]): m for m in d.get("mentions", ())}
        return out
    before, after = read(before_path, "b"), read(after_path, "a")
    ids = before.keys() & after.keys()
    union = linked_b = linked_a = only_b = only_a = 0
    by_type: Counter = Counter()
    for i in ids:
        b, a = before[i], after[i]
        for k in b.keys() | a.keys():
            union += 1
            lb, la = b.get(k, ("", 0))[1], a.get(k, ("", 0))[1]
            typ = (a.get(k) or b.get(k))[0]
            by_type[typ] += 1
            by_type[typ + " b"] += lb
            by_type[typ + " a"] += la
            linked_b += lb
            linked_a += la
            only_b += k not in a
            only_a += k not in b
    print(f"articles in both runs {len(ids):,}; name tokens marked by either run {union:,} "
          f"(only before {only_b:,}, only after {only_a:,})")
    print(f"linked: before {linked_b:,} ({linked_b / max(1, union):.1%}), after {linked_a:,} ({linked_a / max(1, union):.1%})")
    for typ in ("PER", "ORG", "LOC"):
        n = by_type[typ]
        print(f"  {typ}: {n:,} tokens, before {by_type[typ + ' b'] / max(1, n):.1%}, after {by_type[typ + ' a'] / max(1, n):.1%}")
    # mentions linked after and not before (or linked elsewhere): what the change did, to check by hand
    gained, changed, lost = [], [], []
    for i in ids:
        b, a = mentions["b"].get(i, {}), mentions["a"].get(i, {})
        for span, m in a.items():
            old = b.get(span)
            if m[3] and (old is None or not old[3]):
                gained.append((i, m))
            elif m[3] and old is not None and old[3] and old[3] != m[3]:
                changed.append((i, m, old[3]))
        for span, m in b.items():
            if m[3] and (span not in a or not a[span][3]):
                lost.append((i, m))
    print(f"name mentions newly linked {len(gained):,}, linked to another entry {len(changed):,}, "
          f"no longer linked {len(lost):,}")
    if sample:
        import random
        rng = random.Random(seed)
        for title, rows in (("newly linked", gained), ("linked to another entry", changed), ("no longer linked", lost)):
            print(f"-- sample of {title} (seed {seed}):")
            for row in sorted(rng.sample(rows, min(sample, len(rows)))):
                m = row[1]
                extra = f"  (was {row[2]})" if len(row) > 2 else ""
                print(f"  {row[0]}  {m[3]}{extra}  {m[4]}".replace("\n", " "))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--every", type=int, default=4, help="analyze every N-th article (default 4)")
    ap.add_argument("--limit", type=int, default=0, help="stop after this many articles")
    ap.add_argument("--data-dir", help="data directory to read the knowledge base from")
    ap.add_argument("--dump", help="write the name tokens of every article here (JSONL) for --compare")
    ap.add_argument("--no-variants", action="store_true",
                    help="index only the written surfaces (to measure the spelling rules of marsad.kb.fold)")
    ap.add_argument("--top", type=int, default=0, help="list the most frequent unlinked name surfaces")
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="compare two --dump files")
    ap.add_argument("--sample", type=int, default=0, help="with --compare: print this many changed links of each kind")
    args = ap.parse_args()
    if args.compare:
        compare(*args.compare, sample=args.sample)
    else:
        if not Path(args.corpus).is_file():
            sys.exit(f"kb_coverage: corpus {args.corpus} not found")
        run(args)


if __name__ == "__main__":
    main()
