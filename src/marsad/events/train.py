"""Training the event detector (`marsad train events`): data, cross-validation, the shipped model.

Training data are the candidates the coder finds (`Coder.candidates`), with the features the
detector reads, labelled from two sources:

- the GSR half (`../shared/data/events/gsr/`, openeventdata/arabic_event_gsr, MIT): each sentence
  is analyzed on its own; its candidates of the labelled type (ASSAULT: roots 18-20, PROTEST: 14)
  take the sentence's label (`yes` 1; `easy no`, `difficult no` 0; `ambiguous` left out);
- optionally the dev gold (`--dev`): a candidate is positive when its trigger lies in the trigger
  text of a gold event of the same quad class, negative otherwise.

Cross-validation is five-fold and grouped (a GSR article, a dev document never falls in two folds),
and is scored the way `../shared/eval/gsr.py` scores the pipeline: a sentence is predicted positive
for a type when one of its candidates of that type passes the threshold. The threshold is chosen on
the pooled out-of-fold predictions; the shipped model is then refit on all the data.

scikit-learn is needed here only (`pip install scikit-learn`); the shipped model is a table of
weights that `detect.py` reads without it.
"""
from __future__ import annotations

import csv
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError, InputError
from ..settings import Settings
from ..text.normalize import normalize
from .detect import FILE as MODEL_FILE, DetectorModel, family, write_model

ROOTS = {"ASSAULT": ("18", "19", "20"), "PROTEST": ("14",)}
LABELS = {"yes": 1, "easy no": 0, "difficult no": 0}
# chosen on the 5-fold figure among C 0.05-1.0 x example weight 0.1-0.6 (18 settings, macro-F1
# 0.517-0.552: the spread is mostly the protest folds' noise, a few dozen positive sentences)
DEFAULT_C = 0.5
# a lexicon example counts for less than a GSR sentence: enough that a plain report
# (`اختطف قراصنة صوماليون سفينة يونانية`) is not judged by the GSR's long casualty reports
# alone, not so much that the GSR's distinctions drown (5-fold macro-F1 at C 0.5: 0.526 at 0.6,
# 0.542 at 0.3, 0.552 at 0.1; 0.551 once the dev-derived lexicon examples were rewritten)
EXAMPLE_WEIGHT = 0.1


@dataclass
class Sample:
    features: list[str]
    label: int
    group: str          # the article: folds never split one
    unit: str           # the sentence (GSR) or the document (dev) the sample belongs to
    type: str           # ASSAULT | PROTEST for GSR samples, "dev" for dev ones
    root: str


@dataclass
class Unit:
    """A GSR sentence: its gold label for its type (sentence-level scoring)."""
    key: str
    group: str
    type: str
    label: int


@dataclass
class DevDoc:
    """A dev document: its gold record and its candidates (each with features and events)."""
    id: str
    gold: dict
    record: dict          # the document record without events (for the scorer)
    candidates: list      # coder.Candidate


@dataclass
class TrainData:
    samples: list[Sample] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    dev_docs: list[DevDoc] = field(default_factory=list)


def article_of(sentence_id: str) -> str:
    """`AAW_ARB_20081011.0036-10` -> `AAW_ARB_20081011.0036`; `e6874d..._36` -> `e6874d...`."""
    return re.sub(r"[-_]\d+$", "", sentence_id)


def _pipeline_without_events(settings: Settings):
    from ..pipeline import Pipeline
    names = tuple(c for c in settings.components if c != "events")
    return Pipeline(settings.with_(components=names))


def _coder(nlp_before, settings: Settings):
    from . import EventStage
    stage = EventStage(settings.with_(), nlp_before.resources)
    stage.coder.detector = None
    stage.coder.other_detector = None
    return stage.coder


def load_gsr(folder: Path, nlp, coder, log: Callable[[str], None], data: TrainData) -> None:
    if not (folder / "assault_gsr.csv").is_file():
        raise InputError(f"{folder}: no assault_gsr.csv (the GSR folder, e.g. ../shared/data/events/gsr)")
    for typ in ROOTS:
        rows = list(csv.DictReader((folder / f"{typ.lower()}_gsr.csv").open(encoding="utf-8")))
        for n, r in enumerate(rows):
            label = LABELS.get(r["label"])
            if label is None or not r["text"].strip():
                continue
            key = f"{typ}:{r['id']}"
            group = f"gsr:{article_of(r['id'])}"
            data.units.append(Unit(key, group, typ, label))
            doc = nlp(r["text"])
            for c in coder.candidates(doc):
                root = c.found.pattern.cameo[:2]
                if root in ROOTS[typ] and c.events:
                    data.samples.append(Sample(c.features, label, group, key, typ, root))
            if n % 500 == 0:
                log(f"  {typ}: {n}/{len(rows)} sentences")


def load_examples(nlp, coder, data: TrainData, log: Callable[[str], None]) -> None:
    """The lexicon's example sentences, each a plain report of its entry's event as happening:
    positive candidates (an entry's own trigger) that keep the detector from learning only the GSR's
    style (long casualty reports) as what a reported attack looks like."""
    from .lexicon import parse_example
    n = 0
    for e in coder.index.patterns:
        if e.pos == "light" or not e.example:
            continue
        doc = nlp(parse_example(e.example).text)
        for c in coder.candidates(doc):
            if c.found.pattern is e and c.events:
                data.samples.append(Sample(c.features, 1, f"lex:{e.line}", f"lex:{e.line}", "lex", e.cameo[:2]))
                n += 1
                break
    log(f"  lexicon examples: {n} positive candidates")


def trigger_matches(trigger: str, gold_trigger: str) -> bool:
    """Whether a candidate's trigger word is part of a gold event's trigger text."""
    t = normalize(trigger)
    t = t[1:] if t[:1] in "وف" and len(t) > 3 else t
    g = normalize(gold_trigger)
    return len(t) >= 3 and t in g


def load_dev(folder: Path, nlp, coder, log: Callable[[str], None], data: TrainData, train: bool,
             families: str = "PAO") -> None:
    for path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / gold["text_file"]).read_text(encoding="utf-8")
        doc = nlp(text, id=gold["doc"], publisher=gold.get("publisher"), published=gold.get("published"))
        cands = [c for c in coder.candidates(doc) if c.events]
        record = doc.to_dict()
        record["events"] = []
        data.dev_docs.append(DevDoc(gold["doc"], gold, record, cands))
        if not train:
            continue
        for c in cands:
            if family(c.found.pattern.cameo[:2]) not in families:
                continue
            v = c.events[0]
            label = int(any(g.get("quad") == v.quad_class and trigger_matches(v.trigger.text, g.get("trigger") or "")
                            for g in gold["events"]))
            data.samples.append(Sample(c.features, label, f"dev:{gold['doc']}", gold["doc"], "dev",
                                       c.found.pattern.cameo[:2]))
    log(f"  dev: {len(data.dev_docs)} documents")


def dev_events(d: DevDoc, model: DetectorModel | None, other: DetectorModel | None = None) -> list[dict]:
    """The events the coder would output for a dev document with these models (`other`: family O's)."""
    import copy
    from .coder import Coder, assemble
    from .detect import thresholds_of
    mentions = []
    for c in d.candidates:
        root = c.found.pattern.cameo[:2]
        judge = None
        if not Coder._between_named_sides(c.found):   # (as the coder judges: Coder._judge)
            if model is not None and model.applies(root):
                judge = model
            elif other is not None and family(root) == "O" and other.applies(root):
                judge = other
        prob = judge.probability(c.features) if judge is not None else None
        mentions.append(([copy.deepcopy(v) for v in c.events], c.found.kind, prob))
    return [v.to_dict() for v in assemble(mentions, thresholds_of(model, other))]


def score_dev(docs: list[DevDoc], models: dict[str, DetectorModel | None], score_py: Path,
              others: dict[str, DetectorModel | None] | None = None) -> dict:
    """../shared/eval/score.py's event figures over these documents, each scored with its model(s)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("marsad_dev_score", score_py)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    total = score.Tally()
    for d in docs:
        rec = dict(d.record)
        rec["events"] = dev_events(d, models.get(d.id), (others or {}).get(d.id))
        score.score_doc(d.gold, rec, total, False, [])
    return score.summarize(total)


def folds(groups: list[str], k: int = 5) -> list[int]:
    """A fold per sample, whole groups at a time, balanced by size (deterministic)."""
    sizes: dict[str, int] = defaultdict(int)
    for g in groups:
        sizes[g] += 1
    load = [0] * k
    fold_of: dict[str, int] = {}
    for g in sorted(sizes, key=lambda g: (-sizes[g], g)):
        f = min(range(k), key=lambda i: (load[i], i))
        fold_of[g] = f
        load[f] += sizes[g]
    return [fold_of[g] for g in groups]


def fit(samples: list[Sample], c: float, weights: dict[str, float] | None = None):
    """Logistic regression; `weights` by sample type (`dev`, `lex`), a GSR sample weighing 1."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vec = DictVectorizer()
    x = _int32(vec.fit_transform([{f: 1 for f in s.features} for s in samples]))
    y = [s.label for s in samples]
    weights = weights or {}
    w = [weights.get(s.type, 1.0) for s in samples]
    clf = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", max_iter=1000)
    clf.fit(x, y, sample_weight=w)
    return vec, clf


def _int32(x):
    """liblinear wants 32-bit sparse indices."""
    x.indices = x.indices.astype("int32")
    x.indptr = x.indptr.astype("int32")
    return x


def to_model(vec, clf, thresholds: dict[str, float], info: dict[str, str]) -> DetectorModel:
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, clf.coef_[0])}
    return DetectorModel(weights, float(clf.intercept_[0]), dict(thresholds), info)


@dataclass
class GsrScore:
    per_type: dict[str, tuple[float, float, float]]   # type -> P, R, F1
    macro_f1: float

    def table(self) -> str:
        lines = [f"{'type':8} {'P':>6} {'R':>6} {'F1':>6}"]
        for t, (p, r, f) in self.per_type.items():
            lines.append(f"{t:8} {p:6.3f} {r:6.3f} {f:6.3f}")
        lines.append(f"{'macro':8} {'':>6} {'':>6} {self.macro_f1:6.3f}")
        return "\n".join(lines)


TYPE_FAMILY = {"ASSAULT": "A", "PROTEST": "P"}


def type_score(units: list[Unit], probs: dict[str, float], typ: str, threshold: float) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for u in units:
        if u.type != typ:
            continue
        pred = u.key in probs and probs[u.key] >= threshold
        tp += pred and u.label == 1
        fp += pred and u.label == 0
        fn += (not pred) and u.label == 1
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gsr_score(units: list[Unit], probs: dict[str, float], thresholds: dict[str, float]) -> GsrScore:
    """Sentence-level P/R/F1 per type, as gsr.py scores them: a sentence is positive when one of its
    candidates of the type passes its family's threshold (`probs`: unit -> its best candidate's probability)."""
    per = {t: type_score(units, probs, t, thresholds[TYPE_FAMILY[t]]) for t in ROOTS}
    return GsrScore(per, sum(v[2] for v in per.values()) / len(per))


def best_probs(samples: list[Sample], probs: list[float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for s, p in zip(samples, probs):
        if s.type in ROOTS:
            out[s.unit] = max(out.get(s.unit, 0.0), p)
    return out


def cross_validate(data: TrainData, c: float, weights: dict[str, float] | None = None, k: int = 5) -> tuple[list[float], list]:
    """Out-of-fold probabilities for every sample (folds grouped by article), and the fold models
    with the groups each was not trained on."""
    fold = folds([s.group for s in data.samples], k)
    probs = [0.0] * len(data.samples)
    fitted = []
    for f in range(k):
        train = [s for s, g in zip(data.samples, fold) if g != f]
        test = [i for i, g in enumerate(fold) if g == f]
        vec, clf = fit(train, c, weights)
        x = _int32(vec.transform([{ft: 1 for ft in data.samples[i].features} for i in test]))
        for i, p in zip(test, clf.predict_proba(x)[:, 1]):
            probs[i] = float(p)
        fitted.append((vec, clf, {data.samples[i].group for i in test}))
    return probs, fitted


GRID = [t / 100 for t in range(5, 96)]


TOLERANCE = 0.01


def choose_gsr_thresholds(units: list[Unit], best: dict[str, float]) -> dict[str, float]:
    """Per type, the lowest threshold whose F1 on the out-of-fold predictions is within TOLERANCE of
    the best: the detector drops no more than it must (the dev gold, unlike the GSR, counts an
    attack told as background as an event)."""
    out = {}
    for typ, fam in TYPE_FAMILY.items():
        f1 = {t: type_score(units, best, typ, t)[2] for t in GRID}
        top = max(f1.values())
        out[fam] = min(t for t in GRID if f1[t] >= top - TOLERANCE)
    return out


@dataclass
class TrainResult:
    model: Path
    cv: GsrScore
    ceiling: GsrScore
    thresholds: dict[str, float]
    samples: int
    positives: int
    seconds: float
    dev_cv: str | None = None


def _fold_models(fitted, dev_docs, thresholds: dict[str, float], info: dict) -> dict:
    """Each dev document's model: the cross-validation fold's that never saw it."""
    models = {}
    for vec_f, clf_f, held in fitted:
        m = to_model(vec_f, clf_f, thresholds, info)
        for d in dev_docs:
            if f"dev:{d.id}" in held:
                models[d.id] = m
    return models


def _analysis_for_training(settings: Settings):
    """The pipeline up to the events stage and the coder whose candidates a detector learns from;
    scikit-learn is checked first, so a missing dependency is one line."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise ConfigError("`marsad train events` needs scikit-learn: pip install scikit-learn") from None
    nlp = _pipeline_without_events(settings)
    return nlp, _coder(nlp, settings)


def train_events(gsr: Path, dev: Path | None, out: Path | None, settings: Settings, c: float = DEFAULT_C,
                 use_dev: bool = False, dev_weight: float = 1.0, example_weight: float = EXAMPLE_WEIGHT,
                 dev_families: str = "PAO", log: Callable[[str], None] = print) -> TrainResult:
    t0 = time.time()
    nlp, coder = _analysis_for_training(settings)
    data = TrainData()
    log("analyzing the GSR half ...")
    load_gsr(gsr, nlp, coder, log, data)
    log("analyzing the lexicon's example sentences ...")
    load_examples(nlp, coder, data, log)
    if use_dev and dev is not None:
        log("analyzing the dev gold ...")
        load_dev(dev, nlp, coder, log, data, train=True, families=dev_families)
    log(f"{len(data.samples)} candidates ({sum(s.label for s in data.samples)} positive) "
        f"from {len(data.units)} GSR sentences; 5-fold cross-validation by article ...")
    weights = {"dev": dev_weight, "lex": example_weight}
    probs, fitted = cross_validate(data, c, weights)
    best = best_probs(data.samples, probs)
    thresholds = {"O": 0.5, **choose_gsr_thresholds(data.units, best)}
    cv = gsr_score(data.units, best, thresholds)
    ceiling = gsr_score(data.units, best, {"A": -1.0, "P": -1.0})
    roots = sorted({s.root for s in data.samples if s.type != "lex"})   # judged only where it saw negatives
    info = {"roots": ",".join(roots)}
    dev_cv = None
    if use_dev and dev is not None:
        score_py = dev.parent / "eval" / "score.py"

        def dev_figures(th: dict[str, float]) -> dict:
            return score_dev(data.dev_docs, _fold_models(fitted, data.dev_docs, th, info), score_py)

        def f1(s: dict) -> float:
            return 2 * s["event_core_r"] * s["event_p"] / max(1e-9, s["event_core_r"] + s["event_p"])
        thresholds["O"] = max(GRID[::5], key=lambda t: (round(f1(dev_figures({**thresholds, "O": t})), 4), -t))
        with_cv = dev_figures(thresholds)
        without = score_dev(data.dev_docs, {}, score_py)
        dev_cv = (f"dev, each document scored by the fold model that never saw it: core-R {with_cv['event_core_r']:.3f} "
                  f"P {with_cv['event_p']:.3f} (every candidate kept: core-R {without['event_core_r']:.3f} "
                  f"P {without['event_p']:.3f})")
    vec, clf = fit(data.samples, c, weights)
    info.update({"trained": f"{len(data.samples)} candidates, GSR half{' + dev gold' if use_dev else ''}",
                 "cv_macro_f1": f"{cv.macro_f1:.3f}", "C": str(c), "dev_weight": str(dev_weight),
                 "example_weight": str(example_weight)})
    model = to_model(vec, clf, thresholds, info)
    path = out or Path(settings.data_dir) / MODEL_FILE
    write_model(model, path, ["The event detector (marsad.events.detect), written by `marsad train events`.",
                              "Logistic regression weights over candidate features; see data/events/README.md."])
    return TrainResult(path, cv, ceiling, thresholds, len(data.samples), sum(s.label for s in data.samples),
                       time.time() - t0, dev_cv)


# the model for family O (`--other`): C and threshold chosen on the dev cross-validation among C 0.1,
# 0.3, 1.0 x threshold 0.4-0.8 (core-R 0.56-0.62, P 0.69-0.77 against 0.641 / 0.610 unjudged)
OTHER_C = 1.0
OTHER_THRESHOLD = 0.5


def train_other(dev: Path, out: Path | None, settings: Settings, c: float = OTHER_C,
                threshold: float = OTHER_THRESHOLD, log: Callable[[str], None] = print) -> TrainResult:
    """The detector of family O (the roots other than protest and assault, which the GSR does not
    label), learned from the dev gold's candidates of those roots; 5-fold cross-validation by
    document: each dev document is scored with the fold model that never saw it (and the shipped
    GSR model for protest and assault), as `../shared/eval/score.py` scores the pipeline."""
    from .detect import FILE_OTHER, load_detector
    t0 = time.time()
    nlp, coder = _analysis_for_training(settings)
    data = TrainData()
    log("analyzing the dev gold ...")
    load_dev(dev, nlp, coder, log, data, train=True, families="O")
    weights = {"dev": 1.0}
    log(f"{len(data.samples)} candidates ({sum(s.label for s in data.samples)} positive); "
        f"5-fold cross-validation by document ...")
    _, fitted = cross_validate(data, c, weights)
    info = {"roots": ",".join(sorted({s.root for s in data.samples}))}
    th = {"O": threshold}
    gsr_model = load_detector(settings)
    score_py = dev.parent / "eval" / "score.py"
    others = _fold_models(fitted, data.dev_docs, th, info)
    ships = {d.id: gsr_model for d in data.dev_docs}
    with_cv = score_dev(data.dev_docs, ships, score_py, others)
    without = score_dev(data.dev_docs, ships, score_py)
    dev_cv = (f"dev, each document scored by the fold model that never saw it: core-R {with_cv['event_core_r']:.3f} "
              f"P {with_cv['event_p']:.3f} (family O unjudged: core-R {without['event_core_r']:.3f} "
              f"P {without['event_p']:.3f})")
    vec, clf = fit(data.samples, c, weights)
    info.update({"trained": f"{len(data.samples)} dev candidates of family O", "C": str(c)})
    model = to_model(vec, clf, th, info)
    path = out or Path(settings.data_dir) / FILE_OTHER
    write_model(model, path, ["The event detector of family O (marsad.events.detect), written by "
                              "`marsad train events --other` from the dev gold.",
                              "Logistic regression weights over candidate features; see data/events/README.md."])
    return TrainResult(path, None, None, th, len(data.samples), sum(s.label for s in data.samples),
                       time.time() - t0, dev_cv)
