"""The Arabic pattern dictionary: trigger words (with their inflections) -> CAMEO codes.

Read from `data/events/patterns.tsv` (format in the README beside it). Every verb and
noun is expanded once, at load time, into the surface forms it takes (person, number,
gender, article, pronoun suffixes), all normalized, so matching a token is a dictionary
lookup after stripping its proclitics.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..settings import Settings
from ..text.normalize import normalize

ARG_MARKERS = frozenset(normalize(w) for w in "obj على ضد مع إلى ب ل من عن في أمام نحو باتجاه تجاه قرب لدى".split())
FLAGS = frozenset(("sym", "weak", "neg", "target", "by", "said", "victim"))
PAST_SUFFIXES = ("", "ت", "ا", "تا", "وا", "نا", "تم", "ن")
PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
PRESENT_SUFFIXES = ("", "ان", "ون", "ين", "ن", "ا", "وا")
OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ني")
POSSESSIVES = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ي")


@dataclass(frozen=True)
class Pattern:
    cameo: str                  # "-" for a light verb
    pos: str                    # verb | noun | light
    lemma: str                  # the first form as written, for people reading output
    with_words: tuple[str, ...]  # normalized; one must begin a nearby word
    args: tuple[str, ...]       # normalized argument markers, in order of preference
    flags: frozenset[str] = frozenset()
    without_words: tuple[str, ...] = ()  # normalized; none may begin a nearby word
    line: int = 0

    @property
    def symmetric(self) -> bool:
        return "sym" in self.flags

    @property
    def weak(self) -> bool:
        return "weak" in self.flags


@dataclass(frozen=True)
class FormHit:
    """One surface form of a pattern: `first_person` for نا/ن-/أ- forms (the speaker's side)."""
    pattern: Pattern
    first_person: bool = False
    possessive: str = ""   # a noun's possessive pronoun: ه in استعداده، نا in شراكتنا


@dataclass
class PatternIndex:
    """Normalized surface form -> the patterns it may trigger (constrained ones first)."""
    forms: dict[str, list[FormHit]] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)

    def add(self, form: str, hit: FormHit) -> None:
        hits = self.forms.setdefault(form, [])
        if any(h.pattern is hit.pattern for h in hits):
            return
        hits.append(hit)
        hits.sort(key=lambda h: not h.pattern.with_words)

    def lookup(self, word: str, verb_ok: bool = True, noun_ok: bool = True) -> list[FormHit]:
        hits = self.forms.get(word)
        if not hits:
            return []
        return [h for h in hits if (verb_ok if h.pattern.pos in ("verb", "light") else noun_ok)]


def verb_forms(past: list[str], present: list[str]) -> list[tuple[str, bool]]:
    """(form, first_person) for the listed past and present stems of one verb."""
    out: list[tuple[str, bool]] = []
    for p in past:
        bases = [p]
        if p.endswith(("ي", "ا")):  # defective: نفى -> نفت، نفوا، نفيت
            out += [(p[:-1] + s, s in ("ينا",)) for s in ("ت", "تا", "وا", "يت", "يا", "ينا", "ونا", "وت")]
        for b in bases:
            for s in PAST_SUFFIXES:
                out.append((b + s, s == "نا"))
    for y in present:
        stem = y[1:] if y.startswith("ي") else y
        stems = [(stem, PRESENT_SUFFIXES)]
        if stem.endswith(("ي", "و", "ا")):
            stems.append((stem[:-1], ("ون", "ن", "ين", "وا", "ان", "يان", "يا")))
        for st, sufs in stems:
            for pre in PRESENT_PREFIXES:
                for s in sufs:
                    out.append((pre + st + s, pre in ("ن", "ا")))
    with_pronouns = []
    for f, first in out:
        base = f[:-1] if f.endswith("وا") else f
        with_pronouns += [(base + e, first) for e in OBJECT_PRONOUNS]
    return out + with_pronouns


def noun_forms(nouns: list[str]) -> list[tuple[str, str]]:
    """(form, possessive pronoun or "") for the listed nouns."""
    out: list[tuple[str, str]] = []
    for n in nouns:
        bare = n[2:] if n.startswith("ال") and len(n) > 4 else n
        stem = bare[:-1] + "ت" if bare.endswith("ه") else bare  # ta marbuta: زيارة -> زيارته، زيارتان
        plain = [bare, bare + "ا", stem + "ان", stem + "ين"] + (["ال" + bare, "ال" + stem + "ان", "ال" + stem + "ين"])
        if bare.endswith("ه"):
            plain.append(stem + "ا")
        out += [(f, "") for f in plain] + [(stem + e, e) for e in POSSESSIVES]
    return out


def parse_line(cols: list[str], n: int, where: str) -> tuple[Pattern, list[tuple[str, bool | str]]]:
    if len(cols) < 3:
        raise ConfigError(f"{where}:{n}: expected 'cameo<TAB>pos<TAB>forms<TAB>with<TAB>args<TAB>flags'")
    cols = cols + [""] * (6 - len(cols))
    cameo, pos, forms, with_col, args_col, flags_col = (c.strip() for c in cols[:6])
    if pos not in ("verb", "noun", "light"):
        raise ConfigError(f"{where}:{n}: pos must be verb, noun or light, not {pos!r}")
    args = tuple(normalize(a) for a in args_col.split(",") if a)
    bad = [a for a in args if a not in ARG_MARKERS]
    flags = frozenset(f for f in flags_col.split(",") if f)
    if bad or not flags <= FLAGS:
        raise ConfigError(f"{where}:{n}: unknown argument marker or flag: {', '.join(bad + sorted(flags - FLAGS))}")
    if pos in ("verb", "light"):
        if forms.count("/") != 1:
            raise ConfigError(f"{where}:{n}: verb forms must be 'PAST/PRESENT'")
        past, present = ([normalize(w) for w in side.split(",") if w] for side in forms.split("/"))
        surface = verb_forms(past, present)
    else:
        surface = [(f, pos_) for f, pos_ in noun_forms([normalize(w) for w in forms.split(",") if w])]
    lemma = forms.split("/")[0].split(",")[0]
    items = [w for w in with_col.split("|") if w]
    pattern = Pattern(cameo=cameo, pos=pos, lemma=lemma,
                      with_words=tuple(normalize(w) for w in items if not w.startswith("!")),
                      without_words=tuple(normalize(w[1:]) for w in items if w.startswith("!")),
                      args=args, flags=flags, line=n)
    return pattern, surface


def load_patterns(settings: Settings) -> PatternIndex:
    path = Path(settings.data_dir) / "events" / "patterns.tsv"
    index = PatternIndex()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        pattern, surface = parse_line(line.split("\t"), n, str(path))
        index.patterns.append(pattern)
        for form, mark in surface:
            if pattern.pos == "noun":  # mark is the possessive pronoun, if any
                index.add(form, FormHit(pattern, first_person=mark == "نا", possessive=str(mark)))
            else:
                index.add(form, FormHit(pattern, first_person=bool(mark)))
    return index


@dataclass(frozen=True)
class ModalityCues:
    by_word: dict[str, str]  # normalized word -> negated | intended | attempted | denied_cue


def load_modality(settings: Settings) -> ModalityCues:
    path = Path(settings.data_dir) / "events" / "modality.tsv"
    by_word: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, words = line.partition("\t")
        if kind not in ("negated", "intended", "attempted", "denied_cue") or not words:
            raise ConfigError(f"{path}:{n}: expected 'negated|intended|attempted|denied_cue<TAB>words'")
        for w in words.split(","):
            by_word[normalize(w.strip())] = kind
    return ModalityCues(by_word)


@dataclass(frozen=True)
class SlotWords:
    """Word lists the slot filler uses (data/events/slot_words.tsv), normalized."""
    title: frozenset[str]
    skip: frozenset[str]
    first_person: frozenset[str]


def load_slot_words(settings: Settings) -> SlotWords:
    path = Path(settings.data_dir) / "events" / "slot_words.tsv"
    kinds: dict[str, set[str]] = {"title": set(), "skip": set(), "first_person": set()}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, words = line.partition("\t")
        if kind not in kinds or not words:
            raise ConfigError(f"{path}:{n}: expected 'title|skip|first_person<TAB>words'")
        kinds[kind].update(normalize(w.strip()) for w in words.split(",") if w.strip())
    return SlotWords(**{k: frozenset(v) for k, v in kinds.items()})
