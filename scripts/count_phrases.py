#!/usr/bin/env python3
"""Count how often the phrases of a lexicon file occur in a news corpus (the `count` column of
`src/marsad/data/attribution/editorial.tsv`, `loaded_labels.tsv` and `scare_terms.tsv`).

Counts are of whole-word matches on the normalized text (a leading و/ف/ب/ل allowed), over the
articles of the corpus; `--write` fills the file's `count` column in place (other columns kept).

    python scripts/count_phrases.py src/marsad/data/attribution/editorial.tsv \\
        ../shared/corpus/unlabeled/ant-news.jsonl.gz --write

Only the ANT corpus may feed shipped counts (SaudiNewsNet is CC BY-NC-SA).
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from marsad.text.normalize import normalize  # noqa: E402


def rows(path: Path):
    """(line number, cells) of the data rows, and the header's cells."""
    header, out = None, []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        out.append((n, cells))
    return header, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lexicon", type=Path)
    ap.add_argument("corpus", nargs="+", type=Path)
    ap.add_argument("--write", action="store_true", help="fill the count column in place")
    a = ap.parse_args()
    header, data = rows(a.lexicon)
    phrases = {normalize(cells[0]).strip() for _, cells in data}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        w = tuple(p.split())
        by_first.setdefault(w[0], []).append(w)
    counts: Counter = Counter()
    word = re.compile(r"[\w\u0600-\u06ff]+")
    for path in a.corpus:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                words = word.findall(normalize(json.loads(line).get("text") or ""))
                for i, w in enumerate(words):
                    for form in (w, w[1:] if len(w) > 3 and w[0] in "وفبل" else None,
                                 "ا" + w[1:] if w.startswith("لل") else None):
                        for cand in by_first.get(form or "", ()):
                            if tuple(words[i + 1:i + len(cand)]) == cand[1:]:
                                counts[" ".join(cand)] += 1
    if not a.write:
        for _, cells in data:
            print(f"{cells[0]}\t{counts[normalize(cells[0]).strip()]}")
        return
    col = header.index("count")
    lines = a.lexicon.read_text(encoding="utf-8").splitlines()
    for n, cells in data:
        cells[col] = str(counts[normalize(cells[0]).strip()])
        lines[n] = "\t".join(cells)
    a.lexicon.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
