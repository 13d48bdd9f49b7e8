"""Build word clusters for the NER tagger from the unlabeled ANT news corpus.

Distributional features are what lets a CRF trained on 130k tokens recognise names it
never saw: a word in the same cluster as known person names is probably a name too.

Method (Levy, Goldberg & Dagan 2015): count co-occurrences of normalized words in a
+-2 window, weight them by positive PMI with context-distribution smoothing (0.75),
reduce to DIM dimensions by truncated SVD, then run spherical k-means at three
granularities (coarse to fine), giving each word three cluster ids.

Output: src/marsad/data/models/clusters.tsv.gz, one line per word:
`word<TAB>c64<TAB>c256<TAB>c1024` (normalized word, cluster ids). Counts and ids only,
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
    return [DIGITS.sub("0", normalize(w)) for w in WORD.findall(text)]


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", help="JSONL(.gz) with a `text` field per line")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--vocab", type=int, default=80000, help="words to cluster (most frequent)")
    ap.add_argument("--contexts", type=int, default=30000, help="context words (most frequent)")
    ap.add_argument("--dim", type=int, default=160)
    ap.add_argument("--min-count", type=int, default=5)
    args = ap.parse_args()
    t0 = time.time()
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
    rows, cols = [], []
    for ws in docs:
        ids = np.fromiter((index.get(w, -1) for w in ws), dtype=np.int64, count=len(ws))
        for d in (1, 2):
            a, b = ids[:-d], ids[d:]
            for u, v in ((a, b), (b, a)):
                keep = (u >= 0) & (v >= 0) & (v < n_ctx)
                rows.append(u[keep])
                cols.append(v[keep])
    del docs
    r, c = np.concatenate(rows), np.concatenate(cols)
    m = sparse.coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(vocab), n_ctx)).tocsr()
    m.sum_duplicates()
    print(f"co-occurrence matrix {m.shape}, {m.nnz} cells in {time.time() - t0:.0f}s", file=sys.stderr)
    total = m.sum()
    w_sum = np.asarray(m.sum(axis=1)).ravel()
    c_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    c_prob = c_sum / c_sum.sum()
    coo = m.tocoo()
    pmi = np.log(coo.data / total) - np.log(w_sum[coo.row] / total) - np.log(c_prob[coo.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    u, s, _ = svds(ppmi, k=args.dim)
    vec = u * np.sqrt(s)
    vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)
    print(f"svd done in {time.time() - t0:.0f}s", file=sys.stderr)
    rng = np.random.default_rng(13)
    levels = [spherical_kmeans(vec, k, 15, rng) for k in (64, 256, 1024)]
    print(f"k-means done in {time.time() - t0:.0f}s", file=sys.stderr)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# word\tc64\tc256\tc1024  (clusters of normalized words from PPMI+SVD over the ANT corpus, "
                  "Chouigui et al.; derived ids only; built by scripts/build_clusters.py)\n")
        for i, w in enumerate(vocab):
            out.write(f"{w}\t{levels[0][i]}\t{levels[1][i]}\t{levels[2][i]}\n")
    print(f"wrote {len(vocab)} words to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
