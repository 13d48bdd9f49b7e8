"""The event lexicon: Arabic verbs and verbal nouns -> CAMEO codes, with their argument frames.

Read from `data/events/lexicon.tsv` (format, sources and counts in the README beside it). One
line is one lemma-code entry; every surface form of the lemma is generated once, at load time,
by `morph` (past, present, participle, noun with article, dual, plural and pronouns), so matching
a token is one dictionary lookup after its proclitics are stripped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..settings import Settings
from ..text.normalize import normalize
from ..text.words import load_function_words
from . import morph

FILE = Path("events") / "lexicon.tsv"
COLUMNS = ("code", "lemma", "pos", "frame", "with", "flags", "count", "source", "example")
ARG_MARKERS = frozenset(normalize(w) for w in "obj على ضد مع إلى ب ل من عن في أمام نحو باتجاه تجاه قرب لدى بين بحق إزاء حيال".split())
FLAGS = frozenset(("sym", "weak", "neg", "target", "by", "said", "victim", "II", "part", "speech", "place", "noun",
                   "describe", "oblige"))
POS = ("verb", "noun", "light", "eval")
SOURCES = frozenset(("marsad", "corpus", "upetr"))


@dataclass(frozen=True)
class Entry:
    """One lemma-code entry of the lexicon."""
    cameo: str                   # "-" for a light verb
    pos: str                     # verb | noun | light
    lemma: str                   # the lemma as written (its first form), for people reading output
    with_words: tuple[str, ...]  # normalized; one must begin a nearby word
    args: tuple[str, ...]        # normalized argument markers of the target, in order of preference
    flags: frozenset[str] = frozenset()
    without_words: tuple[str, ...] = ()  # normalized; none may begin a nearby word
    line: int = 0
    count: int = 0               # occurrences of its forms in the unlabeled ANT corpus
    source: str = "marsad"
    example: str = ""            # a sentence that codes this entry; ` => SRC>TGT` gives the sides

    @property
    def symmetric(self) -> bool:
        return "sym" in self.flags

    @property
    def weak(self) -> bool:
        return "weak" in self.flags

    @property
    def key(self) -> str:
        """The lemma's first form, normalized: the trigger lemma a model or a report reads."""
        return normalize(self.lemma)


@dataclass(frozen=True)
class FormHit:
    """One surface form of an entry. `kind`: past | present | participle | noun; `first_person` for
    نا/ن-/أ- forms (the speaker's side); `possessive` a noun's pronoun (ه in استعداده)."""
    pattern: Entry
    first_person: bool = False
    possessive: str = ""
    kind: str = "noun"


@dataclass
class LexiconIndex:
    """Normalized surface form -> the entries it may trigger (entries with `with` words first)."""
    forms: dict[str, list[FormHit]] = field(default_factory=dict)
    patterns: list[Entry] = field(default_factory=list)

    def add(self, form: str, hit: FormHit) -> None:
        hits = self.forms.get(form)
        if hits is None:
            self.forms[form] = [hit]
        elif not any(h.pattern is hit.pattern for h in hits):
            hits.append(hit)
            hits.sort(key=lambda h: not h.pattern.with_words)

    def lookup(self, word: str, verb_ok: bool = True, noun_ok: bool = True) -> list[FormHit]:
        hits = self.forms.get(word)
        if not hits:
            return []
        return [h for h in hits if (verb_ok if h.kind in ("past", "present") else noun_ok)]


@dataclass(frozen=True)
class Example:
    """An entry's example sentence and the sides it should get: `source`/`target` are ISO codes,
    or None where the example does not say (`=> RUS>GBR` both, `=> RUS` the source, `=> >GBR` the
    target, `=> -` neither)."""
    text: str
    source: str | None
    target: str | None


def parse_example(example: str) -> Example:
    """`اتهمت روسيا بريطانيا بالتدخل. => RUS>GBR` -> the sentence and the sides it should get."""
    text, _, sides = example.partition(" => ")
    sides = sides.strip()
    src, _, tgt = sides.partition(">")
    return Example(text.strip(), src if src not in ("", "-") else None, tgt or None)


def parse_entry(cols: list[str], n: int, where: str) -> tuple[Entry, list[morph.Form]]:
    if len(cols) < 3:
        raise ConfigError(f"{where}:{n}: expected {len(COLUMNS)} tab-separated columns: {' '.join(COLUMNS)}")
    cols = [c.strip() for c in cols] + [""] * (len(COLUMNS) - len(cols))
    code, lemma, pos, frame, with_col, flags_col, count, source, example = cols[:len(COLUMNS)]
    if pos not in POS:
        raise ConfigError(f"{where}:{n}: pos must be one of {', '.join(POS)}, not {pos!r}")
    if pos != "light" and not (code.isdigit() and 2 <= len(code) <= 4):
        raise ConfigError(f"{where}:{n}: bad CAMEO code {code!r}")
    args = tuple(normalize(a) for a in frame.split(",") if a)
    bad = [a for a in args if a not in ARG_MARKERS]
    flags = frozenset(f for f in flags_col.split(",") if f)
    if bad or not flags <= FLAGS:
        raise ConfigError(f"{where}:{n}: unknown argument marker or flag: {', '.join(bad + sorted(flags - FLAGS))}")
    if source and source not in SOURCES:
        raise ConfigError(f"{where}:{n}: source must be one of {', '.join(sorted(SOURCES))}, not {source!r}")
    if count and not count.isdigit():
        raise ConfigError(f"{where}:{n}: count must be a number, not {count!r}")
    if pos == "verb" or pos == "light" and "noun" not in flags:
        if lemma.count("/") > 1:
            raise ConfigError(f"{where}:{n}: a verb lemma is 'PAST' or 'PAST/PRESENT'")
        past_side, _, present_side = lemma.partition("/")
        pasts = [normalize(w) for w in past_side.split(",") if w]
        presents = [normalize(w) for w in present_side.split(",") if w]
        if not pasts:
            raise ConfigError(f"{where}:{n}: empty verb lemma")
        if not presents:
            if morph.needs_present(pasts[0]):
                raise ConfigError(f"{where}:{n}: the present of {past_side!r} cannot be derived; write 'PAST/PRESENT'")
            presents = [morph.present_of(pasts[0])]
        surface = morph.verb_forms(pasts, presents, objects="obj" in args or pos == "light")
        if pos == "verb" and "part" in flags:
            part = morph.participle_of(pasts[0], presents[0], form_two="II" in flags)
            if part:
                surface += morph.participle_forms(part)
    else:
        nouns = [normalize(w) for w in lemma.split(",") if w]
        if not nouns:
            raise ConfigError(f"{where}:{n}: empty noun lemma")
        plural = morph.plural_of(nouns[0]) if pos == "noun" else None
        if plural and plural not in nouns:
            nouns.append(plural)
        surface = morph.noun_forms(nouns)
        if pos == "eval":
            surface = [(t, "eval", first, poss) for t, _, first, poss in surface]
    items = [w for w in with_col.split("|") if w]
    entry = Entry(cameo=code if pos != "light" else "-", pos=pos, lemma=lemma.split("/")[0].split(",")[0],
                  with_words=tuple(normalize(w) for w in items if not w.startswith("!")),
                  without_words=tuple(normalize(w[1:]) for w in items if w.startswith("!")),
                  args=args, flags=flags, line=n, count=int(count or 0), source=source or "marsad",
                  example=example)
    return entry, surface


def load_lexicon(settings: Settings) -> LexiconIndex:
    path = Path(settings.data_dir) / FILE
    if not path.is_file():
        raise ConfigError(f"event lexicon missing: {path}")
    index = LexiconIndex()
    forms = index.forms
    # a generated form that spells a function word is that word far more often than the lemma
    # (هنأ + ك = هناك, هنأ + ا = هنا; أنهى + ن = انهن): only a lemma's own written form may be one (قبل)
    function_words = frozenset().union(*load_function_words(settings.data_dir).by_class.values())
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        entry, surface = parse_entry(line.split("\t"), n, path.name)
        index.patterns.append(entry)
        hits: dict[tuple[bool, str, str], FormHit] = {}
        seen: set[str] = set()
        written = {normalize(w) for w in line.split("\t")[1].replace("/", ",").split(",") if w}
        for text, kind, first, possessive in surface:
            if text in seen:
                continue   # the first (least marked) reading of a form wins: نفوا past, not a pronoun form
            seen.add(text)
            if text in function_words and text not in written:
                continue
            key = (first, possessive, kind)
            hit = hits.get(key)
            if hit is None:
                hit = hits[key] = FormHit(entry, first, possessive, kind)
            forms.setdefault(text, []).append(hit)
    for text, hs in forms.items():
        if len(hs) > 1:
            hs.sort(key=lambda h: not h.pattern.with_words)   # constrained entries are tried first
    return index


@dataclass(frozen=True)
class ExampleResult:
    entry: Entry
    coded: bool      # an event with the entry's code, on a trigger that is one of its forms
    sides_ok: bool   # and (if the example states them) with the stated sides
    got: str         # what was coded, for a person reading a failure


def check_examples(nlp, entries: list[Entry]) -> list[ExampleResult]:
    """Analyze each entry's example with the whole pipeline `nlp` and check the entry codes it."""
    todo = [e for e in entries if e.pos != "light" and e.example]
    docs = (nlp(parse_example(e.example).text) for e in todo)
    out = []
    for e, doc in zip(todo, docs):
        ex = parse_example(e.example)
        generic = len(e.cameo) == 2 or e.cameo.endswith("0") and len(e.cameo) == 3
        # a more specific code of the same family is the entry's event told more precisely
        # (`طالب برحيل`: 1041 for the entry 104; `سحب سفيره`: 161 for a generic 160)
        mine = [v for v in doc.events if v.cameo.startswith(e.cameo) or (generic and v.cameo[:2] == e.cameo[:2])]
        ok = [v for v in mine if (ex.source is None or v.source.country == ex.source)
              and (ex.target is None or v.target.country == ex.target)]
        got = "; ".join(f"{v.cameo} {v.trigger.text} {v.source.country}>{v.target.country}" for v in doc.events) or "nothing"
        out.append(ExampleResult(e, bool(mine), bool(ok), got))
    return out
