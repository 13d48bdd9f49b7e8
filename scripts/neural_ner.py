"""Experiment: a small neural NER tagger (character CNN + BiLSTM-CRF) against the shipped CRF recipe.

Not part of marsad: it measures whether a neural tagger on the same data beats the feature CRF by
enough (two points of entity F1 on the same contiguous folds) to be worth its dependency (torch) and
its run time. Inputs per word: a word vector from the unlabeled ANT news (PPMI-SVD, built by
`scripts/build_clusters.py --vectors`), a character CNN over the normalized word, and the CRF's
knowledge features as small embeddings (KB gazetteer tag, name-unit role, title before it, shape,
clitic prefix). Decoding is a linear-chain CRF (Viterbi); training maximises its likelihood.

    .venv/bin/pip install torch==2.13.0 numpy scipy
    .venv/bin/python scripts/build_clusters.py ../shared/corpus/unlabeled/ant-news.jsonl.gz \\
        --out /tmp/clusters.tsv.gz --vectors /tmp/ant
    .venv/bin/python scripts/neural_ner.py --vectors /tmp/ant --folds 1,2 --epochs 12

Prints the entity-level F1 per fold (exact span and type, PER/LOC/ORG, conlleval-style) and the
tagging speed, beside the CRF's on the same folds when `--crf-workdir` holds its fold models.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from marsad.actors.crossval import contiguous_folds  # noqa: E402
from marsad.actors.train import evaluate, make_extractor, predict, read_conll  # noqa: E402
from marsad.settings import Settings  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
L2I = {l: i for i, l in enumerate(LABELS)}
MAX_CHARS = 20


class CRF(nn.Module):
    def __init__(self, n: int):
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, emis: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        # emis B x T x N, tags B x T, mask B x T (bool)
        B, T, N = emis.shape
        score = self.start[tags[:, 0]] + emis[:, 0].gather(1, tags[:, :1]).squeeze(1)
        alpha = self.start + emis[:, 0]
        for t in range(1, T):
            m = mask[:, t]
            step = emis[:, t].gather(1, tags[:, t:t + 1]).squeeze(1) + self.trans[tags[:, t - 1], tags[:, t]]
            score = score + step * m
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans + emis[:, t].unsqueeze(1), dim=1)
            alpha = torch.where(m.unsqueeze(1), nxt, alpha)
        lengths = mask.sum(1) - 1
        last = tags.gather(1, lengths.unsqueeze(1)).squeeze(1)
        score = score + self.end[last]
        return (torch.logsumexp(alpha + self.end, dim=1) - score).mean()

    def decode(self, emis: torch.Tensor) -> list[int]:
        # one sentence: T x N
        T, N = emis.shape
        v = self.start + emis[0]
        back = []
        for t in range(1, T):
            s = v.unsqueeze(1) + self.trans
            best, idx = s.max(0)
            back.append(idx)
            v = best + emis[t]
        v = v + self.end
        path = [int(v.argmax())]
        for idx in reversed(back):
            path.append(int(idx[path[-1]]))
        return path[::-1]


class Tagger(nn.Module):
    def __init__(self, vectors: np.ndarray, n_chars: int, n_feats: list[int], hidden: int = 128):
        super().__init__()
        self.words = nn.Embedding.from_pretrained(torch.tensor(vectors, dtype=torch.float32), freeze=False, padding_idx=0)
        self.chars = nn.Embedding(n_chars, 32, padding_idx=0)
        self.cnn = nn.Conv1d(32, 64, 3, padding=1)
        self.feats = nn.ModuleList(nn.Embedding(n, 8) for n in n_feats)
        dim = vectors.shape[1] + 64 + 8 * len(n_feats)
        self.drop = nn.Dropout(0.4)
        self.lstm = nn.LSTM(dim, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, len(LABELS))
        self.crf = CRF(len(LABELS))

    def emissions(self, w, c, f):
        B, T, C = c.shape
        ch = self.chars(c.view(B * T, C)).transpose(1, 2)
        ch = torch.relu(self.cnn(ch)).max(2).values.view(B, T, -1)
        x = torch.cat([self.words(w), ch, *(e(f[..., i]) for i, e in enumerate(self.feats))], -1)
        h, _ = self.lstm(self.drop(x))
        return self.out(self.drop(h))


def load_vectors(prefix: str) -> tuple[dict[str, int], np.ndarray]:
    words = Path(prefix + ".words.txt").read_text(encoding="utf-8").split("\n")
    vec = np.load(prefix + ".npy").astype(np.float32)
    index = {w: i + 2 for i, w in enumerate(words) if w}
    out = np.zeros((len(index) + 2, vec.shape[1]), dtype=np.float32)
    out[2:] = vec[:len(index)]
    out[1] = np.random.default_rng(0).normal(0, 0.1, vec.shape[1])   # unknown word
    return index, out


class Encoder:
    """Words -> ids (word, stem), character ids and the CRF's knowledge features as small categorical ids."""

    def __init__(self, index: dict[str, int]):
        self.index = index
        self.chars: dict[str, int] = {}
        self.extractor = make_extractor(Settings())
        self.feat_vocab = [dict() for _ in range(5)]

    def _feat(self, k: int, value: str, grow: bool) -> int:
        d = self.feat_vocab[k]
        if value not in d:
            if not grow:
                return 0
            d[value] = len(d) + 1
        return d[value]

    def encode(self, words, grow: bool):
        infos = [self.extractor.word_info(w) for w in words]
        feats = self.extractor.features_of(infos)
        w_ids, c_ids, f_ids = [], [], []
        for word, info, fs in zip(words, infos, feats):
            n = info.norm
            w_ids.append(self.index.get(n) or self.index.get(info.stem) or 1)
            cs = [self._char(ch, grow) for ch in normalize(word)[:MAX_CHARS]]
            c_ids.append(cs + [0] * (MAX_CHARS - len(cs)))
            get = lambda p: next((f[len(p):] for f in fs if f.startswith(p)), "-")
            f_ids.append([self._feat(0, get("g="), grow), self._feat(1, get("pn="), grow),
                          self._feat(2, "ttl" if "ttl-" in fs else "-", grow), self._feat(3, get("sh="), grow),
                          self._feat(4, get("pre="), grow)])
        return w_ids, c_ids, f_ids

    def _char(self, ch: str, grow: bool) -> int:
        if ch not in self.chars:
            if not grow:
                return 0
            self.chars[ch] = len(self.chars) + 1
        return self.chars[ch]


def batches(data, size, shuffle, rng):
    order = rng.permutation(len(data)) if shuffle else np.arange(len(data))
    for i in range(0, len(data), size):
        chunk = [data[j] for j in order[i:i + size]]
        T = max(len(x[0]) for x in chunk)
        w = torch.zeros(len(chunk), T, dtype=torch.long)
        c = torch.zeros(len(chunk), T, MAX_CHARS, dtype=torch.long)
        f = torch.zeros(len(chunk), T, 5, dtype=torch.long)
        y = torch.zeros(len(chunk), T, dtype=torch.long)
        m = torch.zeros(len(chunk), T, dtype=torch.bool)
        for b, (wi, ci, fi, yi) in enumerate(chunk):
            n = len(wi)
            w[b, :n], c[b, :n], f[b, :n], y[b, :n], m[b, :n] = torch.tensor(wi), torch.tensor(ci), torch.tensor(fi), torch.tensor(yi), True
        yield w, c, f, y, m


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared/data/ner/anercorp-train.txt"))
    ap.add_argument("--vectors", required=True, help="prefix of PREFIX.npy and PREFIX.words.txt")
    ap.add_argument("--folds", default="1")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--crf-workdir", help="fold models of the CRF (fold1.crfsuite ...) to score beside")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(13)
    rng = np.random.default_rng(13)
    sentences = read_conll(Path(args.data))
    folds = contiguous_folds(len(sentences), 5)
    index, vectors = load_vectors(args.vectors)
    for k in [int(x) - 1 for x in args.folds.split(",")]:
        held = [sentences[j] for j in folds[k]]
        train = [s for j, s in enumerate(sentences) if j not in folds[k]]
        enc = Encoder(index)
        tr = [(*enc.encode(s.words, True), [L2I.get(l, 0) for l in s.labels]) for s in train]
        te = [(*enc.encode(s.words, False), [0] * len(s.words)) for s in held]
        model = Tagger(vectors, len(enc.chars) + 1, [len(d) + 1 for d in enc.feat_vocab])
        opt = torch.optim.Adam(model.parameters(), lr=2e-3)
        t0 = time.time()
        for epoch in range(args.epochs):
            model.train()
            total = 0.0
            for w, c, f, y, m in batches(tr, 16, True, rng):
                opt.zero_grad()
                loss = model.crf.nll(model.emissions(w, c, f), y, m)
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), 5.0)
                opt.step()
                total += float(loss)
            print(f"fold {k + 1} epoch {epoch + 1}: loss {total:.1f} ({time.time() - t0:.0f}s)", file=sys.stderr, flush=True)
        model.eval()
        t1 = time.time()
        pred = []
        with torch.no_grad():
            for w, c, f, _y, m in batches(te, 1, False, rng):
                pred.append([LABELS[i] for i in model.crf.decode(model.emissions(w, c, f)[0])])
        secs = time.time() - t1
        ev = evaluate([s.labels for s in held], pred)
        tokens = sum(len(s.words) for s in held)
        print(f"fold {k + 1}: neural BiLSTM-CRF F1 {ev.overall.f1:.4f} "
              f"({', '.join(f'{t.type} {t.f1:.3f}' for t in ev.per_type)}); tagging {tokens / secs:.0f} tokens/s")
        if args.crf_workdir:
            model_path = Path(args.crf_workdir) / f"fold{k + 1}.crfsuite"
            ex = make_extractor(Settings())
            crf = evaluate([s.labels for s in held], predict(model_path, held, ex))
            print(f"fold {k + 1}: CRF F1 {crf.overall.f1:.4f} ({', '.join(f'{t.type} {t.f1:.3f}' for t in crf.per_type)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
