"""Build the word-frequency list that guards clitic segmentation against false splits.

    python scripts/build_vocab.py ../shared/corpus/unlabeled/ant-news.jsonl.gz

Writes src/marsad/data/lexicon/vocab.tsv.gz: `word<TAB>count`, normalized words
(marsad.text.normalize) seen at least MIN_COUNT times in the ANT corpus. Only counts
ship, no text (see NOTICE).
"""
from __future__ import annotations

import collections
import gzip
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from marsad.text.normalize import normalize  # noqa: E402

MIN_COUNT = 3
WORD = re.compile(r"[\u0621-\u064a]+")
OUT = Path(__file__).resolve().parents[1] / "src/marsad/data/lexicon/vocab.tsv.gz"


def main(path: str) -> None:
    counts: collections.Counter[str] = collections.Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            counts.update(WORD.findall(normalize(text)))
    rows = sorted(((w, c) for w, c in counts.items() if c >= MIN_COUNT), key=lambda x: (-x[1], x[0]))
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# word\tcount (normalized; ANT corpus v1.1+v2.1, Chouigui et al., derived counts only)\n")
        for w, c in rows:
            out.write(f"{w}\t{c}\n")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/unlabeled/ant-news.jsonl.gz")
