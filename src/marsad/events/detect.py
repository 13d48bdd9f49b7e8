"""Learned event detection: does the sentence report this candidate event as happening?

A trigger the lexicon finds is only a candidate: the sentence may mention the event as background
(`بعد اغتيال ... عام 2002`), as a participant role in another event (`اعتقال المتظاهرين`), as a
generic or hypothetical thing, or as something threatened, demanded or denied. A logistic
regression over features the stages already computed decides; candidates it scores below the
model's threshold are dropped. The model is a table of feature weights in
`data/events/detector.tsv`, written by `marsad train events` (`events/train.py`), which also
prints its cross-validated figures (README beside the model).

Features of a candidate (strings; the model gives each a weight):
- the trigger: entry lemma and code, CAMEO root, form kind (past, present, participle, noun),
  article, plural, possessive, proclitics, a light verb, a preposition or demonstrative before it;
- its sides: whether a source and a target were found and what they are (state, person, group);
- modality: negation, future or intention, attempt, denial within a few words before it; a quote
  around it and whether it is the quote's cue;
- time: a year (and whether it is before the publication year), a month, a weekday, a relative
  day (أمس، اليوم) in the sentence, and temporal words (بعد، منذ، إثر) right before it;
- casualty numbers: a number in the sentence, a casualty word (قتلى، جرحى، مصرع);
- the sentence's other triggers (their roots, and whether one comes right before it: an event
  named as the object of another, `استنكرت مصر الغارات`), and the words right around the trigger.
Each feature also has a copy for its family (protest, assault, other): one model whose weights may
differ between protest and assault.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..settings import Settings
from ..text.normalize import normalize

FILE = Path("events") / "detector.tsv"
# the model for the roots the GSR does not label (family O: statements, appeals, cooperation,
# criticism ...), learned from the dev gold (`marsad train events --other`)
FILE_OTHER = Path("events") / "detector_other.tsv"
FAMILIES = ("P", "A", "O")


def family(root: str) -> str:
    """The family of a CAMEO root: P protest (14), A assault (18-20), O the others."""
    return "P" if root == "14" else ("A" if root in ("18", "19", "20") else "O")
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
NUMBER = re.compile(r"\d")
WINDOW = 2
# words that put an event before or around another one: `بعد اغتيال`، `منذ احتلال`، `إثر هجوم`
TEMPORAL = frozenset(normalize(w) for w in "بعد قبل منذ إثر اثر عقب خلال أثناء اثناء جراء إبان عشية حين".split())
_RELATIVES = frozenset(normalize(w) for w in "الذي التي الذين اللذين اللتين".split())


@dataclass
class DetectorModel:
    """Feature weights of a logistic regression, its bias and, per family of CAMEO roots (protest,
    assault, other), the probability threshold above which a candidate is kept."""
    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    thresholds: dict[str, float] = field(default_factory=lambda: {f: 0.5 for f in FAMILIES})
    info: dict[str, str] = field(default_factory=dict)

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keeps(self, features: list[str], root: str) -> bool:
        return self.probability(features) >= self.thresholds.get(family(root), 0.5)

    def applies(self, root: str) -> bool:
        """Whether the model was trained on candidates of this CAMEO root (others are kept)."""
        roots = self.info.get("roots")
        return not roots or root in roots.split(",")


def load_detector(settings: Settings) -> DetectorModel | None:
    """The shipped model, or None if there is none (then every candidate is kept)."""
    path = Path(settings.data_dir) / FILE
    if not path.is_file():
        return None
    return read_model(path)


def load_other_detector(settings: Settings) -> DetectorModel | None:
    """The shipped model for family O (the roots other than protest and assault), or None."""
    path = Path(settings.data_dir) / FILE_OTHER
    return read_model(path) if path.is_file() else None


def thresholds_of(detector: DetectorModel | None, other: DetectorModel | None) -> DetectorModel | None:
    """A model holding the thresholds `assemble` keeps a happening by: family O's from `other`."""
    if detector is None and other is None:
        return None
    th = dict(detector.thresholds) if detector is not None else {f: 0.5 for f in FAMILIES}
    if other is not None:
        th["O"] = other.thresholds.get("O", 0.5)
    return DetectorModel(thresholds=th)


def read_model(path: Path) -> DetectorModel:
    model = DetectorModel()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            key, _, value = line[1:].strip().partition(" ")
            if key == "bias":
                model.bias = float(value)
            elif key.startswith("threshold_") and key[10:] in FAMILIES:
                model.thresholds[key[10:]] = float(value)
            elif key:
                model.info[key] = value
            continue
        feat, _, w = line.rpartition("\t")
        try:
            model.weights[feat] = float(w)
        except ValueError:
            raise ConfigError(f"{path.name}:{n}: expected 'feature<TAB>weight'") from None
    return model


def write_model(model: DetectorModel, path: Path, header: list[str]) -> None:
    lines = [f"# {h}" for h in header]
    lines += [f"# {k} {v}" for k, v in model.info.items()]
    lines += [f"# bias {model.bias:.6f}"] + [f"# threshold_{k} {v:.4f}" for k, v in model.thresholds.items()]
    lines += [f"{f}\t{w:.6f}" for f, w in sorted(model.weights.items(), key=lambda kv: (-abs(kv[1]), kv[0])) if abs(w) >= 1e-6]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class SentenceFacts:
    """What the detector reads about a whole sentence, computed once per sentence."""
    year: str            # none | past | current | future (against the publication year)
    month: bool
    weekday: bool
    relative: bool
    number: bool
    casualty: bool
    roots: frozenset[str]
    length: int


def sentence_facts(text: str, norms: list[str], roots: set[str], dates, casualty: frozenset[str],
                   published_year: int | None) -> SentenceFacts:
    years = [int(y) for y in YEAR.findall(text)]
    if not years:
        year = "none"
    elif published_year is None:
        year = "some"
    else:
        y = max(years)
        year = "past" if y < published_year else ("current" if y == published_year else "future")
    bare = {n[1:] if n[:1] in "وبل" and len(n) > 3 else n for n in norms}
    month = any(n in dates.months for n in bare)
    weekday = any(n in dates.weekdays for n in norms) or any(("ال" + n) in dates.weekdays for n in bare)
    relative = any(rx.search(text) for rx, _ in dates.relative[:6])
    return SentenceFacts(year, month, weekday, relative, bool(NUMBER.search(text)),
                         any(n in casualty or n[1:] in casualty for n in norms), frozenset(roots), len(norms))


def candidate_features(ctx, f, facts: SentenceFacts, modality: str, core: str, cores: list[str],
                       prepositions: frozenset[str], demonstratives: frozenset[str], others=()) -> list[str]:
    """The features of one candidate trigger (see the module docstring); `others` are the sentence's
    other candidates (a candidate right after another one's trigger is often its argument:
    `استنكرت مصر ... غارات`)."""
    p = f.pattern
    i = f.token
    n = ctx.norms[i]
    tok = ctx.tokens[i]
    root = f.cameo[:2]
    feats = [f"root={root}", f"code={f.cameo}", f"lemma={p.key}|{f.cameo}", f"kind={f.kind}", f"root_kind={root}|{f.kind}",
             f"mod={modality}", f"root_mod={root}|{modality}"]

    if n.startswith(("ال", "وال", "فال", "بال", "لل")):
        feats.append("definite")
    if f.kind == "noun" and n.endswith(("ات", "اتها", "اته", "اتهم")):
        feats.append("plural")
    if f.possessive:
        feats.append("possessive")
    if tok.prefix:
        feats.append(f"prefix={normalize(tok.prefix)}")
    if f.light is not None:
        feats.append("light")
        feats.append(f"light={ctx.cores[f.light]}")
    prev = ctx.norms[i - 1] if i > 0 else "^"
    if prev in prepositions:
        feats.append("after_prep")
        feats.append(f"after_prep={prev}")
    if prev in demonstratives:
        feats.append("after_demonstrative")
    for k in range(max(0, i - 4), i):
        if ctx.norms[k] in TEMPORAL or ctx.norms[k][1:] in TEMPORAL:
            feats.append(f"temporal_before={ctx.cores[k]}")
    before = [g for g in others if g is not f and g.token < i]
    if not before:
        feats.append("first_trigger")
    else:
        g = max(before, key=lambda g: g.token)
        groot = g.pattern.cameo[:2]
        near = "near" if i - g.token <= 6 else "far"
        feats.append(f"after_trigger={near}|{'same' if groot == root else groot}")
        feats.append(f"after_trigger_kind={near}|{g.kind}")
    rel = [k for k in range(max(0, i - 3), i) if ctx.norms[k] in _RELATIVES]
    if rel:
        feats.append("after_relative")
    feats.append("source" if f.sources else "no_source")
    feats.append("target" if f.targets else "no_target")
    feats.append(f"root_sides={root}|{int(bool(f.sources))}{int(bool(f.targets))}")
    for side, slots in (("src", f.sources), ("tgt", f.targets)):
        for s in slots[:1]:
            e = s.entity
            kind = "state" if e.type == "LOC" and e.subtype in (None, "country") else (e.subtype or e.type)
            feats.append(f"{side}_kind={kind}")
    if f.passive:
        feats.append("passive")
    q = ctx.quote_at[i]
    if q is not None:
        feats.append(f"quote={q.kind}")
    if f.cue_of is not None:
        feats.append("cue")
    if facts.month:
        feats.append("month")
    if facts.weekday:
        feats.append("weekday")
    if facts.relative:
        feats.append("relative_day")
    if facts.number:
        feats.append("number")
        feats.append(f"root_number={root}")
    if facts.casualty:
        feats.append("casualty")
        feats.append(f"root_casualty={root}")
    for r in facts.roots:
        if r != root:
            feats.append(f"other_root={r}")
    for k in range(max(0, i - WINDOW), min(len(cores), i + WINDOW + 1)):
        if k != i and ctx.tokens[k].is_word:
            feats.append(f"w{k - i:+d}={cores[k]}")
    # every feature also in a copy for its family (protest, assault, other): one model, weights per family
    fam = family(root)
    return feats + [f"{fam}:{x}" for x in feats]
