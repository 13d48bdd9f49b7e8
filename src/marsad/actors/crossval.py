"""Cross-validation of the NER recipe, scored on what the actors stage emits (`marsad train ner --cv 5`).

The CoNLL file is cut into K contiguous blocks of sentences (ANERcorp keeps its articles in order,
so a block holds whole articles, not neighbouring sentences of the articles it is tested on). For
each block a model is trained on the others and the held-out sentences are scored twice:

- the bare tagger, on the file's own words (`evaluate`, exact span and type);
- the whole actors stage, each sentence analyzed as one document (its words joined by spaces) by a
  pipeline whose model file is the block's: a word gets the type of an entity mention (`name` or
  `alias`) overlapping it, and consecutive words of one mention form a span. This is exactly how
  `../shared/eval/ner_conll.py FILE --cmd "marsad analyze --jsonl"` scores (checked to give the same
  counts on the same model).
"""
from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import MarsadError
from ..settings import Settings
from .tagger import MODEL_FILE, OUTPUT_TYPES, spans_from_bio
from .corpus_contexts import CONTEXTS_FILE, load_table
from .tagger import FeatureExtractor
from .train import (Evaluation, Sentence, TrainConfig, TypeScore, evaluate, fit, make_extractor, predict, read_conll,
                    score_spans, with_corpus_evidence)

# Mention kinds that are not names: ANERcorp tags names only.
NOT_NAMES = ("pronoun", "title", "label", "demonym")
STAGE_COMPONENTS = ("segment", "actors")


def contiguous_folds(n: int, k: int) -> list[range]:
    """K contiguous blocks covering range(n), sizes differing by at most one."""
    bounds = [round(i * n / k) for i in range(k + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(k)]


def gold_spans(labels: Sequence[str]) -> set[tuple[int, int, str]]:
    return {s for s in spans_from_bio(labels) if s[2] in OUTPUT_TYPES}


def word_offsets(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Each word's (start, end) in the analyzed text, found left to right (as ner_conll.py does)."""
    offs, pos = [], 0
    for w in words:
        k = text.find(w, pos)
        if k < 0:
            k = pos
        offs.append((k, k + len(w)))
        pos = k + len(w)
    return offs


def stage_spans(doc, words: Sequence[str]) -> set[tuple[int, int, str]]:
    """(first word, last word + 1, type) of every name mention of the document's entities."""
    offs = word_offsets(doc.text, words)
    out = set()
    for e in doc.entities:
        typ = e.type
        if typ not in OUTPUT_TYPES:
            continue
        for m in e.mentions:
            if m.kind in NOT_NAMES:
                continue
            idx = [i for i, (a, b) in enumerate(offs) if a < m.end and m.start < b]
            if idx:
                out.add((idx[0], idx[-1] + 1, typ))
    return out


def fold_data_dir(base: Path, model: Path, where: Path, contexts: Path | None = None) -> Path:
    """A data directory that is `base` with `model` as the NER model and `contexts` as its corpus evidence
    (none when None: the shipped table was built with every sentence), by symbolic links, nothing copied."""
    where.mkdir(parents=True, exist_ok=True)
    replaced = {MODEL_FILE: model, CONTEXTS_FILE: contexts}
    for item in base.iterdir():
        link = where / item.name
        if item.name == "models":
            link.mkdir(exist_ok=True)
            for m in item.iterdir():
                (link / m.name).unlink(missing_ok=True)
                target = replaced.get(m.name, m) if m.name in replaced else m
                if target is not None:
                    (link / m.name).symlink_to(target.resolve())
            for name, target in replaced.items():
                if target is not None and not (link / name).exists():
                    (link / name).symlink_to(target.resolve())
        elif not link.exists():
            link.symlink_to(item.resolve())
    return where


def analyze_sentences(sentences: Sequence[Sentence], settings: Settings) -> list[set[tuple[int, int, str]]]:
    """The stage's name spans of each sentence, analyzed as a document of its own."""
    from ..pipeline import Pipeline
    nlp = Pipeline(settings.with_(components=STAGE_COMPONENTS))
    out = []
    for s in sentences:
        words = [w.lstrip("\u200e") for w in s.words]
        try:
            doc = nlp(" ".join(words))
        except MarsadError:   # a sentence without Arabic script: `marsad analyze` emits no record for it
            out.append(set())
            continue
        out.append(stage_spans(doc, words))
    return out


@dataclass
class FoldResult:
    fold: int
    sentences: range
    tagger: Evaluation
    stage: Evaluation


@dataclass
class CVResult:
    folds: list[FoldResult]
    tagger: Evaluation
    stage: Evaluation

    def table(self) -> str:
        lines = ["tagger alone (file's own words):", self.tagger.table(), "",
                 "actors stage (names it emits, as ner_conll.py scores them):", self.stage.table(), "",
                 "per fold (tagger F1 / stage F1): " + ", ".join(
                     f"{f.fold + 1}: {f.tagger.overall.f1:.3f} / {f.stage.overall.f1:.3f}" for f in self.folds)]
        return "\n".join(lines)


def _pool(evals: Sequence[Evaluation]) -> Evaluation:
    types = [s.type for s in evals[0].per_type]
    per = tuple(TypeScore(t, *(sum(getattr(e.per_type[i], a) for e in evals) for a in ("gold", "predicted", "correct")))
                for i, t in enumerate(types))
    return Evaluation(per, TypeScore("overall", *(sum(getattr(e.overall, a) for e in evals)
                                                  for a in ("gold", "predicted", "correct"))))


def cross_validate(data: Path, k: int = 5, config: TrainConfig = TrainConfig(), settings: Settings | None = None,
                   workdir: Path | None = None, reuse: bool = False, only: Sequence[int] | None = None,
                   errors: Path | None = None, log: Callable[[str], None] = lambda _m: None,
                   gold: Path | None = None, corpus: Path | None = None) -> CVResult:
    """Train on K-1 contiguous blocks, score the held-out block (tagger and stage), for each block. `gold`:
    gold-annotated articles added to every block's training data (never scored). `corpus`: unlabeled news
    for the corpus evidence, built per block from its training blocks only (none without it)."""
    settings = settings or Settings()
    workdir = Path(workdir or tempfile.mkdtemp(prefix="marsad-cv-"))
    workdir.mkdir(parents=True, exist_ok=True)
    sentences = read_conll(data)
    base = make_extractor(settings)
    extra: list[Sentence] = []
    if gold is not None:
        from .goldtrain import gold_sentences, without_missing
        extra = without_missing(gold_sentences(gold, settings))
    results: list[FoldResult] = []
    err_fh = errors.open("w", encoding="utf-8") if errors else None
    for i, block in enumerate(contiguous_folds(len(sentences), k)):
        if only and i not in only:
            continue
        held = [sentences[j] for j in block]
        train = [s for j, s in enumerate(sentences) if j not in block] + extra
        model = workdir / f"fold{i + 1}.crfsuite"
        table = workdir / f"fold{i + 1}.{CONTEXTS_FILE}" if corpus is not None else None
        extractor = base
        if table is not None:
            if reuse and table.is_file():
                extractor = FeatureExtractor(base.segment_word, replace(base.res, contexts=load_table(table)))
            else:
                extractor = with_corpus_evidence(train, base, corpus, table, config, log)
        if not (reuse and model.is_file()):
            log(f"fold {i + 1}/{k}: training on {len(train)} sentences")
            fit(train, extractor, model, config)
        tagged = predict(model, held, extractor)
        tagger_eval = evaluate([s.labels for s in held], tagged)
        fold_settings = settings.with_(data_dir=fold_data_dir(Path(settings.data_dir), model, workdir / f"data{i + 1}",
                                                                 table))
        gold_sets = [gold_spans(s.labels) for s in held]
        pred = analyze_sentences(held, fold_settings)
        stage_eval = score_spans(gold_sets, pred)
        log(f"fold {i + 1}/{k}: tagger F1 {tagger_eval.overall.f1:.4f}, stage F1 {stage_eval.overall.f1:.4f}")
        results.append(FoldResult(i, block, tagger_eval, stage_eval))
        if err_fh:
            for j, s, g, p, t in zip(block, held, gold_sets, pred, tagged):
                tg = gold_spans(t)
                if g != p or g != tg:
                    err_fh.write(json.dumps({"sentence": j, "fold": i + 1, "words": list(s.words),
                                             "gold": sorted(g), "stage": sorted(p), "tagger": sorted(tg)},
                                            ensure_ascii=False) + "\n")
    if err_fh:
        err_fh.close()
    return CVResult(results, _pool([r.tagger for r in results]), _pool([r.stage for r in results]))
