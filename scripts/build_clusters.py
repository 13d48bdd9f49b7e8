"""Build word clusters for the NER tagger from the unlabeled ANT news corpus.

Distributional features are what lets a CRF trained on 130k tokens recognise names it
never saw: a word in the same cluster as known person names is probably a name too.

Method (Levy, Goldberg & Dagan 2015): count co-occurrences of normalized words in a
+-2 word window, weight them by positive PMI with context-distribution
smoothing (0.75), reduce to DIM dimensions by truncated SVD, then run spherical k-means
at several granularities (CLUSTERINGS), giving each word one cluster id per column.

Output: src/marsad/data/models/clusters.tsv.gz: `#` comment lines, the column header
`word<TAB>c64<TAB>c256<TAB>c1024`, then one line per normalized word
with its cluster ids. Ids only,
no text from the corpus. Needs numpy and scipy at build time only (not at run time):

    .venv/bin/pip install numpy scipy
    .venv/bin/python scripts/build_clusters.py ../shared/corpus/unlabeled/ant-news.jsonl.gz
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from marsad.text.normalize import normalize  # noqa: E402

WORD = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+", re.UNICODE)
DIGITS = re.compile(r"\d")
OUT = Path(__file__).resolve().parents[1] / "src" / "marsad" / "data" / "models" / "clusters.tsv.gz"


def words(text: str) -> list[str]:
    out = (DIGITS.sub("0", normalize(w)) for w in WORD.findall(text))
    return [w for w in out if w]  # a word of diacritics or tatweel only folds to nothing


def spherical_kmeans(x: np.ndarray, k: int, iters: int, rng: np.random.Generator) -> np.ndarray:
    centers = x[rng.choice(len(x), k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        assign = np.concatenate([np.argmax(x[i:i + 20000] @ centers.T, axis=1) for i in range(0, len(x), 20000)])
        sums = np.zeros_like(centers)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        centers = np.where(empty[:, None], x[rng.choice(len(x), k)], sums / np.maximum(norms, 1e-9))
    return assign


# (column name, window, clusters). A +-1 window (syntactic classes, columns n256/n1024) was tried
# and scored no better on the held-out ANERcorp sentences, so only the +-2 window ships.
CLUSTERINGS = (("c64", 2, 64), ("c256", 2, 256), ("c1024", 2, 1024))


def word_vectors(docs: list[list[str]], index: dict[str, int], n_ctx: int, window: int, dim: int) -> np.ndarray:
    """Unit-length SVD vectors of the PPMI co-occurrence matrix (+-window words, smoothed contexts)."""
    rows, cols = [], []
    for ws in docs:
        ids = np.fromiter((index.get(w, -1) for w in ws), dtype=np.int64, count=len(ws))
        for d in range(1, window + 1):
            a, b = ids[:-d], ids[d:]
            for u, v in ((a, b), (b, a)):
                keep = (u >= 0) & (v >= 0) & (v < n_ctx)
                rows.append(u[keep])
                cols.append(v[keep])
    r, c = np.concatenate(rows), np.concatenate(cols)
    m = sparse.coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(index), n_ctx)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    w_sum = np.asarray(m.sum(axis=1)).ravel()
    c_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    c_prob = c_sum / c_sum.sum()
    coo = m.tocoo()
    pmi = np.log(coo.data / total) - np.log(w_sum[coo.row] / total) - np.log(c_prob[coo.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    u, s, _ = svds(ppmi, k=dim)
    vec = u * np.sqrt(s)
    return vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", help="JSONL(.gz) with a `text` field per line")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--vocab", type=int, default=80000, help="words to cluster (most frequent)")
    ap.add_argument("--contexts", type=int, default=30000, help="context words (most frequent)")
    ap.add_argument("--dim", type=int, default=160)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--vectors", help="also write the unit word vectors (+-2 window) here: WORDS.txt + .npy (float16)")
    ap.add_argument("--from-vectors", help="cluster vectors written before by --vectors instead of reading the corpus")
    ap.add_argument("--k", default=",".join(str(k) for _, _, k in CLUSTERINGS),
                    help="cluster counts, one column each (default: %(default)s)")
    args = ap.parse_args()
    t0 = time.time()
    clusterings = [(f"c{k}", 2, int(k)) for k in args.k.split(",")]
    rng = np.random.default_rng(13)
    vectors: dict[int, np.ndarray] = {}
    if args.from_vectors:
        vocab = Path(args.from_vectors + ".words.txt").read_text(encoding="utf-8").split("\n")[:-1]
        vectors[2] = np.load(args.from_vectors + ".npy").astype(np.float32)
    else:
        opener = gzip.open if args.corpus.endswith(".gz") else open
        docs: list[list[str]] = []
        counts: Counter[str] = Counter()
        with opener(args.corpus, "rt", encoding="utf-8") as fh:
            for line in fh:
                ws = words(json.loads(line).get("text") or "")
                counts.update(ws)
                docs.append(ws)
        print(f"read {len(docs)} docs, {sum(counts.values())} tokens in {time.time() - t0:.0f}s", file=sys.stderr)
        vocab = [w for w, c in counts.most_common(args.vocab) if c >= args.min_count]
        index = {w: i for i, w in enumerate(vocab)}
        n_ctx = min(args.contexts, len(vocab))
        vectors[2] = word_vectors(docs, index, n_ctx, 2, args.dim)
        print(f"vectors in {time.time() - t0:.0f}s", file=sys.stderr)
    columns: list[np.ndarray] = []
    for name, _window, k in clusterings:
        columns.append(spherical_kmeans(vectors[2], k, 15, rng))
        print(f"{name} in {time.time() - t0:.0f}s", file=sys.stderr)
    if args.vectors:
        np.save(args.vectors + ".npy", vectors[2].astype(np.float16))
        Path(args.vectors + ".words.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
        print(f"wrote {len(vocab)} vectors to {args.vectors}.npy", file=sys.stderr)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# Word clusters for the NER tagger: k-means over SVD of PPMI co-occurrence vectors of normalized\n"
                  "# words in the ANT corpus (Chouigui et al., Apache-2.0); ids only, no text. Column cN: N clusters\n"
                  "# over a +-2 word window. Built by scripts/build_clusters.py.\n")
        out.write("\t".join(["word", *(name for name, _, _ in clusterings)]) + "\n")
        for i, w in enumerate(vocab):
            out.write("\t".join([w, *(str(col[i]) for col in columns)]) + "\n")
    print(f"wrote {len(vocab)} words to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
