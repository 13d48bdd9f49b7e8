"""How the news uses a word: the labels a context-only tagger gives its occurrences in unlabeled news.

Most names a tagger meets on new text never occurred in its training data, but many of them occur in the
unlabeled news, in contexts that say what they are (`قال X`, `الرئيس X`, `في X`, `X ووزير خارجيته`). A
tagger trained on the labelled sentences that sees only a word's CONTEXT (the words around it, their
clusters, trigger classes, name-unit roles, knowledge-base hits, a title before or after it; nothing of
the word itself) labels every occurrence of every word in the unlabeled ANT news; per word (the stem,
clitics off) the counts of its labels are its corpus evidence, and the main tagger reads them as features
(`FeatureExtractor`: the share of the word's occurrences read as a name, per type, and as a name's first
word). This is the "extended prediction history" of Ratinov & Roth (CoNLL 2009), taken over a corpus
instead of one document, with a context-only first tagger so that a word's evidence comes from the news
and not from the labelled sentences it was trained on.

- `context_features`: the first tagger's features of each word of a sentence;
- `train_context_model`: fit it (python-crfsuite, same recipe as the main tagger);
- `corpus_sentences`: the unlabeled news cut into sentences of words (punctuation split off);
- `count_labels`: tag the corpus, count each stem's labels;
- `write_table` / `load_table`: `data/models/ner_contexts.tsv.gz` (`#` comment lines, the header
  `word<TAB>n<TAB>B-PER<TAB>I-PER<TAB>B-LOC<TAB>I-LOC<TAB>B-ORG<TAB>I-ORG`: occurrences and expected
  label counts, no text).

`marsad train ner --corpus NEWS` builds the table with the model's own training data before it trains the
tagger, and cross-validation (`--cv K --corpus NEWS`) builds one per fold, from that fold's training blocks
only. Not shipped: measured on 2026-12-07, it gains on ANERcorp cross-validation and loses on the dev articles
(data/models/README.md); without `--corpus` no table is built and none is read.
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..errors import ConfigError

CONTEXTS_FILE = "ner_contexts.tsv.gz"
COLUMNS = ("B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")
# A word with fewer occurrences than this says too little (and would bloat the table).
MIN_OCCURRENCES = 3
# ... and a word the first tagger never reads as a name in this share of its occurrences is left out:
# its absence says "no name" as well as a row of zeros.
MIN_NAME_SHARE = 0.02
CORPUS_TOKENS = 4_000_000
# A frequent word's evidence is settled after this many occurrences (the rest would cost time for nothing).
MAX_SAMPLES = 300
TOKEN = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+|[^\w\s]", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")
MAX_SENTENCE_WORDS = 80


def context_features(extractor, words: Sequence[str]) -> list[list[str]]:
    """The first tagger's features: for each word, everything the main tagger knows about its neighbours
    (+-2 words: stem, clusters, trigger class, name-unit role, demonym, KB hit), a title ending right before
    it or starting right after it, its own proclitic and article; never the word's own form."""
    infos = [extractor.word_info(w) for w in words]
    own_cache = extractor.context_cache
    norms, stems = [w.norm for w in infos], [w.stem for w in infos]
    gaz = extractor.gazetteer_tags(norms, stems)
    after_title, before_title = extractor.title_marks(norms, stems)
    n = len(infos)
    out: list[list[str]] = []
    for i, info in enumerate(infos):
        own = own_cache.get(info.norm)
        if own is None:
            own = own_cache[info.norm] = [f for f in info.own if f.startswith(("pre=", "sh=")) or f == "al"]
        feats = ["bias", *own]
        if after_title[i]:
            feats.append("ttl-")
        if before_title[i]:
            feats.append("ttl+")
        if i > 0:
            feats += infos[i - 1].prev1
            if gaz[i - 1]:
                feats.append("-1:g=" + gaz[i - 1])
            if i > 1:
                feats += infos[i - 2].prev2
        else:
            feats.append("BOS")
        if i + 1 < n:
            feats += infos[i + 1].next1
            if gaz[i + 1]:
                feats.append("+1:g=" + gaz[i + 1])
            if i + 2 < n:
                feats += infos[i + 2].next2
        else:
            feats.append("EOS")
        if 0 < i < n - 1:
            feats.append(f"ctx={norms[i - 1]}|{norms[i + 1]}")
        out.append(feats)
    return out


def train_context_model(sentences, extractor, out: Path, c1: float = 0.05, c2: float = 0.01,
                        iterations: int = 100) -> Path:
    """Fit the context-only tagger on labelled sentences (`train.Sentence`s) and write it to `out`."""
    import pycrfsuite
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(context_features(extractor, s.words), list(s.labels))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def corpus_sentences(path: Path, max_tokens: int = CORPUS_TOKENS) -> Iterator[list[str]]:
    """Sentences of words (punctuation split off, as ANERcorp writes them) from a JSONL(.gz) of articles
    with a `text` field, in file order, until `max_tokens` words have been read."""
    opener = gzip.open if str(path).endswith(".gz") else open
    seen = 0
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            for sent in SENTENCE_END.split(text):
                words = TOKEN.findall(sent)
                for k in range(0, len(words), MAX_SENTENCE_WORDS):
                    chunk = words[k:k + MAX_SENTENCE_WORDS]
                    if chunk:
                        yield chunk
                        seen += len(chunk)
            if seen >= max_tokens:
                return


def count_labels(model_path: Path, extractor, sentences: Iterator[list[str]],
                 log: Callable[[str], None] = lambda _m: None) -> dict[str, list[float]]:
    """Tag every sentence with the context-only model; per stem, [occurrences, then the expected count of each
    of COLUMNS] (the sum of the label's marginal probability over the stem's occurrences: a context that
    only leans towards a name still counts, as much as it leans)."""
    import pycrfsuite
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    counts: dict[str, list[float]] = {}
    done = 0
    width = len(COLUMNS) + 1
    # a model trained on few sentences may lack a label (no I-LOC in them): its count stays 0
    present = set(tagger.labels())
    columns = [(c, lab) for c, lab in enumerate(COLUMNS, 1) if lab in present]
    for words in sentences:
        tagger.set(context_features(extractor, words))
        marginal = tagger.marginal
        for k, w in enumerate(words):
            if not w[:1].isalpha():
                continue
            stem = extractor.word_info(w).stem
            row = counts.get(stem)
            if row is None:
                row = counts[stem] = [0.0] * width
            elif row[0] >= MAX_SAMPLES:
                continue
            row[0] += 1
            for c, lab in columns:
                row[c] += marginal(lab, k)
        done += len(words)
        if done // 1_000_000 != (done - len(words)) // 1_000_000:
            log(f"corpus evidence: {done // 1_000_000}M words tagged")
    return counts


def write_table(counts: dict[str, list[int]], out: Path, source: str) -> int:
    """Write the rows worth keeping; returns how many."""
    rows = [(w, r) for w, r in counts.items()
            if r[0] >= MIN_OCCURRENCES and sum(r[1:]) >= MIN_NAME_SHARE * r[0]]
    rows.sort(key=lambda x: -x[1][0])
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# Corpus evidence for the NER tagger (marsad.actors.corpus_contexts): per normalized stem, its\n"
                 f"# occurrences in {source} and the expected count of each name label a context-only tagger gives\n"
                 "# them (sum of marginal probabilities). Counts only, no text. Built by `marsad train ner --corpus`.\n")
        fh.write("\t".join(("word", "n", *COLUMNS)) + "\n")
        for w, r in rows:
            fh.write("\t".join((w, str(int(r[0])), *(f"{x:.1f}" for x in r[1:]))) + "\n")
    return len(rows)


def load_table(path: Path) -> dict[str, tuple[float, ...]]:
    """stem -> (occurrences, B-PER, I-PER, B-LOC, I-LOC, B-ORG, I-ORG); empty when the file is missing."""
    if not path.is_file():
        return {}
    out: dict[str, tuple[int, ...]] = {}
    header = None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if header is None:
                if tuple(parts) != ("word", "n", *COLUMNS):
                    raise ConfigError(f"{path}:{n}: expected the header word<TAB>n<TAB>{'<TAB>'.join(COLUMNS)}")
                header = parts
                continue
            try:
                row = tuple(float(p) for p in parts[1:])
            except ValueError:
                row = ()
            if len(parts) != len(COLUMNS) + 2 or len(row) != len(COLUMNS) + 1 or row[0] <= 0:
                raise ConfigError(f"{path}:{n}: expected a word, its occurrences and {len(COLUMNS)} expected counts")
            out[parts[0]] = row
    return out


# Shares of a word's occurrences, as feature buckets.
SHARE_EDGES = (0.05, 0.15, 0.3, 0.5, 0.7, 0.9)
TYPES = ("PER", "LOC", "ORG")


def evidence_features(row: tuple[float, ...] | None) -> tuple[list[str], list[str]]:
    """(own features, features as a neighbour) of a word's corpus evidence: the share of its occurrences
    read as a name (`cx=`), as each type (`cxPER=`), and how often a name's first word (`cxB=`)."""
    if row is None:
        return ["cx=none"], []
    from .tagger import _bucket
    n = row[0]
    names = sum(row[1:])
    own = ["cx=" + _bucket(names / n, SHARE_EDGES)]
    near = []
    best, best_share = None, 0.0
    for k, t in enumerate(TYPES):
        share = (row[1 + 2 * k] + row[2 + 2 * k]) / n
        if share >= SHARE_EDGES[0]:
            own.append(f"cx{t}=" + _bucket(share, SHARE_EDGES))
        if share > best_share:
            best, best_share = t, share
    if names:
        first = sum(row[1 + 2 * k] for k in range(len(TYPES))) / names
        own.append("cxB=" + _bucket(first, (0.2, 0.5, 0.8)))
    if best is not None and best_share >= SHARE_EDGES[1]:
        near.append(f"cx{best}=" + _bucket(best_share, SHARE_EDGES[1::2]))
    return own, near
