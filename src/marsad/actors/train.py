"""Training and held-out evaluation of the NER tagger (`marsad train ner`).

Reads a CoNLL-style file (`token TAG` per line, a blank line between sentences, BIO tags
over PERS/LOC/ORG/MISC, as in ANERcorp), holds out the LAST fraction of its sentences,
trains a CRF on the rest and scores the held-out part at entity level (exact span and
type, conlleval-style) on PER/LOC/ORG. Then, unless told not to, it refits on every
sentence with the same settings and writes that model: the held-out figures describe
the recipe, the shipped model has seen all the data.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ConfigError, InputError
from ..settings import Settings
from .tagger import OUTPUT_TYPES, FeatureExtractor, load_ner_resources, models_dir, spans_from_bio, MODEL_FILE

TAG_MAP = {"PERS": "PER"}   # ANERcorp spells persons PERS
DEFAULT_C1 = 0.05
DEFAULT_C2 = 0.01
DEFAULT_ITERATIONS = 150
CONTEXT_ITERATIONS = 100   # the context-only tagger of the corpus evidence (corpus_contexts)


@dataclass(frozen=True)
class Sentence:
    words: tuple[str, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class TypeScore:
    type: str
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Evaluation:
    per_type: tuple[TypeScore, ...]
    overall: TypeScore

    def table(self) -> str:
        lines = [f"{'type':8} {'gold':>6} {'pred':>6} {'P':>7} {'R':>7} {'F1':>7}"]
        for s in (*self.per_type, self.overall):
            lines.append(f"{s.type:8} {s.gold:6d} {s.predicted:6d} {s.precision:7.4f} {s.recall:7.4f} {s.f1:7.4f}")
        return "\n".join(lines)


@dataclass(frozen=True)
class TrainConfig:
    c1: float = DEFAULT_C1
    c2: float = DEFAULT_C2
    max_iterations: int = DEFAULT_ITERATIONS
    extra: dict = field(default_factory=dict, hash=False, compare=False)


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a `token TAG` file; raises InputError naming the first bad line."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    out: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; expected `token TAG` lines") from None
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            if words:
                out.append(Sentence(tuple(words), tuple(labels)))
                words, labels = [], []
            continue
        if len(parts) != 2:
            raise InputError(f"{path}:{n}: expected `token TAG`, got {line.strip()[:60]!r}")
        tag = parts[1]
        if tag != "O":
            prefix, _, typ = tag.partition("-")
            if prefix not in ("B", "I") or not typ:
                raise InputError(f"{path}:{n}: tag {tag!r} is not O, B-TYPE or I-TYPE")
            tag = f"{prefix}-{TAG_MAP.get(typ, typ)}"
        words.append(parts[0])
        labels.append(tag)
    if words:
        out.append(Sentence(tuple(words), tuple(labels)))
    if not out:
        raise InputError(f"{path}: no sentences")
    return out


def split_holdout(sentences: Sequence[Sentence], holdout: float) -> tuple[list[Sentence], list[Sentence]]:
    """(training part, held-out part): the held-out part is the last `holdout` fraction, in file order."""
    if not 0 <= holdout < 1:
        raise InputError(f"--holdout must be in [0, 1), got {holdout}")
    cut = len(sentences) - round(len(sentences) * holdout)
    return list(sentences[:cut]), list(sentences[cut:])


def evaluate(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]],
             types: Sequence[str] = OUTPUT_TYPES) -> Evaluation:
    """Entity-level exact-match scores per type and micro-averaged over `types`."""
    return score_spans([set(spans_from_bio(g)) for g in gold], [set(spans_from_bio(p)) for p in predicted], types)


def score_spans(gold: Sequence[set], predicted: Sequence[set], types: Sequence[str] = OUTPUT_TYPES) -> Evaluation:
    """Exact-match scores of (start, end, type) span sets, sentence by sentence; spans of other types ignored."""
    counts = {t: [0, 0, 0] for t in types}
    for g, p in zip(gold, predicted, strict=True):
        gs = {s for s in g if s[2] in counts}
        ps = {s for s in p if s[2] in counts}
        for s in gs:
            counts[s[2]][0] += 1
        for s in ps:
            counts[s[2]][1] += 1
        for s in gs & ps:
            counts[s[2]][2] += 1
    per_type = tuple(TypeScore(t, *counts[t]) for t in types)
    overall = TypeScore("overall", *(sum(c[i] for c in counts.values()) for i in range(3)))
    return Evaluation(per_type, overall)


def make_extractor(settings: Settings, contexts: bool = False) -> FeatureExtractor:
    """The feature extractor of the shipped resources; without the shipped corpus evidence unless `contexts`
    (training builds its own: `with_corpus_evidence`)."""
    from ..pipeline import Resources
    from ..text.segment import Segmenter, load_vocab
    resources = Resources(settings)
    vocab = resources.get("vocab", load_vocab)
    res = load_ner_resources(settings, vocab)
    if not contexts:
        res = replace(res, contexts={})
    return FeatureExtractor(Segmenter(settings, resources).segment_word, res)


def with_corpus_evidence(sentences: Sequence[Sentence], extractor: FeatureExtractor, corpus: Path, table: Path,
                         config: TrainConfig, log: Callable[[str], None] = lambda _msg: None) -> FeatureExtractor:
    """Build the corpus evidence table from these training sentences (`corpus_contexts`: a context-only tagger
    trained on them labels the unlabeled `corpus`), write it to `table`, and return an extractor that reads
    it. `extractor` must carry no evidence of its own."""
    from .corpus_contexts import corpus_sentences, count_labels, load_table, train_context_model, write_table
    model = table.with_name(table.name + ".context.crfsuite")
    log(f"corpus evidence: training the context-only tagger on {len(sentences)} sentences")
    train_context_model(sentences, extractor, model, config.c1, config.c2, CONTEXT_ITERATIONS)
    counts = count_labels(model, extractor, corpus_sentences(corpus), log)
    rows = write_table(counts, table, corpus.name)
    model.unlink()
    log(f"corpus evidence: {rows} stems in {table}")
    return FeatureExtractor(extractor.segment_word, replace(extractor.res, contexts=load_table(table)))


def fit(sentences: Sequence[Sentence], extractor: FeatureExtractor, out: Path, config: TrainConfig) -> None:
    import pycrfsuite
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(extractor.sentence_features(s.words), list(s.labels))
    trainer.set_params({"c1": config.c1, "c2": config.c2, "max_iterations": config.max_iterations,
                        "feature.possible_transitions": True, **config.extra})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def predict(model_path: Path, sentences: Sequence[Sentence], extractor: FeatureExtractor) -> list[list[str]]:
    import pycrfsuite
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return [tagger.tag(extractor.sentence_features(s.words)) for s in sentences]


@dataclass(frozen=True)
class TrainResult:
    model: Path
    heldout: Evaluation | None
    train_sentences: int
    heldout_sentences: int
    seconds: float


def train_ner(data: Path, out: Path | None = None, holdout: float = 0.1, config: TrainConfig = TrainConfig(),
              settings: Settings | None = None, refit: bool = True,
              log: Callable[[str], None] = lambda _msg: None, gold: Path | None = None,
              corpus: Path | None = None) -> TrainResult:
    """Train, score on the held-out tail, then (refit) train on everything and write `out`. `gold`: a folder
    of gold-annotated articles whose sentences are added to the training part (never to the held-out one).
    `corpus`: unlabeled news for the corpus evidence (`corpus_contexts`), built from the same training
    sentences as the model and written beside it (`ner_contexts.tsv.gz`; without `corpus`, a table beside it is
    removed)."""
    from .corpus_contexts import CONTEXTS_FILE
    settings = settings or Settings()
    out = out or models_dir(settings) / MODEL_FILE
    t0 = time.time()
    sentences = read_conll(data)
    train, held = split_holdout(sentences, holdout)
    if gold is not None:
        from .goldtrain import gold_sentences, without_missing
        extra = without_missing(gold_sentences(gold, settings))
        log(f"adding {len(extra)} sentences of the gold articles in {gold}")
        train, sentences = train + extra, sentences + extra
    base = make_extractor(settings)
    evaluation = None
    if held:
        probe = out.with_name(out.name + ".heldout.tmp")
        extractor = base
        if corpus is not None:
            extractor = with_corpus_evidence(train, base, corpus, out.with_name(CONTEXTS_FILE + ".heldout.tmp"), config, log)
        log(f"training on {len(train)} sentences, holding out {len(held)} (c1={config.c1}, c2={config.c2})")
        fit(train, extractor, probe, config)
        evaluation = evaluate([s.labels for s in held], predict(probe, held, extractor))
        log(f"held-out overall F1 {evaluation.overall.f1:.4f}")
        if refit:
            probe.unlink()
            out.with_name(CONTEXTS_FILE + ".heldout.tmp").unlink(missing_ok=True)
        else:
            probe.replace(out)
            if corpus is not None:
                out.with_name(CONTEXTS_FILE + ".heldout.tmp").replace(out.with_name(CONTEXTS_FILE))
    if refit or not held:
        extractor = base
        if corpus is not None:
            extractor = with_corpus_evidence(sentences, base, corpus, out.with_name(CONTEXTS_FILE), config, log)
        log(f"training the shipped model on all {len(sentences)} sentences")
        fit(sentences, extractor, out, config)
    if not out.is_file():
        raise ConfigError(f"{out}: crfsuite wrote no model")
    if corpus is None:
        # a table left beside a model trained without it would be read with the model, for nothing
        out.with_name(CONTEXTS_FILE).unlink(missing_ok=True)
    return TrainResult(out, evaluation, len(train), len(held), time.time() - t0)
