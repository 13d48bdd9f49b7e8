"""The trained NER tagger: a linear-chain CRF (python-crfsuite) over words, for names the KB lacks.

`NerTagger(settings, resources).tag(doc)` labels `doc.tokens` sentence by sentence with
BIO tags over PER/LOC/ORG (and MISC, which is learned but never output) and returns
`TaggedSpan`s with offsets into `doc.text`. A span starts at the stem of its first word
(`وبغداد` -> `بغداد`) and ends at the end of its last word.

Features of a word (see `FeatureExtractor`): its normalized form and clitic-stripped stem
(the Segmenter's segmentation), proclitic and enclitic, stem prefixes and suffixes, shape,
the article ال, word clusters learned from unlabeled news (`data/models/clusters.tsv.gz`,
built by scripts/build_clusters.py), trigger-word classes (`data/models/ner_triggers.tsv`:
titles before a person, heads of organization and place names), knowledge-base hits when
the KB is available, and the same for the neighbouring words (+-2).

The model file is `data/models/ner.crfsuite`, trained by `marsad train ner` (see
`marsad.actors.train` and data/models/README.md).
"""
from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Sequence
from typing import Any
from dataclasses import dataclass, field
from pathlib import Path

from ..doc import Doc, Token
from ..errors import ConfigError
from ..settings import Settings
from ..text.cache import WordCache
from ..text.normalize import normalize
from .corpus_contexts import evidence_features

MODEL_FILE = "ner.crfsuite"
CLUSTERS_FILE = "clusters.tsv.gz"
TRIGGERS_FILE = "ner_triggers.tsv"
PERSON_NAMES_FILE = "person_names.tsv.gz"
MAX_TITLE_WORDS = 3
OUTPUT_TYPES = ("PER", "LOC", "ORG")
MAX_GAZETTEER_WORDS = 6
# the word-feature memo's budget in bytes (two generations at most: marsad.text.cache)
CACHE_BYTES = 20_000_000
# entries of the neighbour-feature memo (`_near_forms`), emptied when full: it gains one entry per distinct
# stem (`s=...`), ~34,000 over the 1,977 sample articles and still growing, ~200 bytes each
NEAR_MEMO_MAX = 100_000

DIGIT = re.compile(r"\d")
ARABIC = re.compile(r"[\u0621-\u064a]")
LATIN = re.compile(r"[a-z]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class TaggedSpan:
    start: int      # offset into doc.text (the first word's stem, after proclitics)
    end: int
    type: str       # PER | LOC | ORG
    score: float    # the lowest marginal probability of the span's labels


@dataclass(frozen=True)
class ClusterTable:
    """Cluster ids of normalized words, one column per clustering (`c256`: 256 clusters), named by
    the file's column header. Neighbouring words use the 256-cluster columns."""
    columns: tuple[str, ...]
    ids: dict[str, tuple[str, ...]]

    @property
    def neighbour_columns(self) -> tuple[int, ...]:
        return tuple(i for i, c in enumerate(self.columns) if c.endswith("256"))


@dataclass(frozen=True)
class NerResources:
    """Everything the features read besides the words themselves, loaded once."""
    clusters: ClusterTable
    triggers: dict[str, str]                 # normalized word -> trigger class
    gazetteer: dict[str, str]                # normalized phrase -> PER|LOC|ORG (+ ".weak"), may be empty
    vocab: dict[str, int]                    # normalized word -> corpus count (data/lexicon/vocab.tsv.gz)
    names: dict[str, str] = field(default_factory=dict)        # normalized name unit -> given|surname|both
    demonyms: frozenset[str] = frozenset()   # normalized nationality adjectives (KB demonyms)
    titles: frozenset[str] = frozenset()     # normalized title phrases (data/actors/titles.tsv)
    contexts: dict[str, tuple[int, ...]] = field(default_factory=dict)   # stem -> corpus evidence (corpus_contexts)


def models_dir(settings: Settings) -> Path:
    return Path(settings.data_dir) / "models"


def load_clusters(path: Path) -> ClusterTable:
    """`word<TAB>id...` after `#` comment lines and one column-header line (`word<TAB>c64<TAB>...`)."""
    if not path.is_file():
        return ClusterTable((), {})
    ids: dict[str, tuple[str, ...]] = {}
    columns: tuple[str, ...] | None = None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if columns is None:
                if parts[0] != "word" or len(parts) < 2:
                    raise ConfigError(f"{path}:{n}: expected the column header word<TAB>c64<TAB>...")
                columns = tuple(parts[1:])
                continue
            if len(parts) != len(columns) + 1 or not parts[0]:
                raise ConfigError(f"{path}:{n}: expected a word and {len(columns)} cluster ids")
            ids[parts[0]] = tuple(parts[1:])
    return ClusterTable(columns or (), ids)


def load_triggers(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise ConfigError(f"{path}:{n}: expected word<TAB>class")
        out[normalize(parts[0].strip())] = parts[1].strip()
    return out


def load_person_names(settings: Settings) -> dict[str, str]:
    """Name units -> `given`, `surname` or `both`: `data/models/person_names.tsv.gz` (Wikidata, built by
    scripts/build_person_names.py) and the given names of `data/actors/given_names.txt`."""
    out: dict[str, str] = {}
    path = models_dir(settings) / PERSON_NAMES_FILE
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.startswith("#") or line.startswith("word\t"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 3 or parts[1] not in ("given", "surname", "both"):
                    raise ConfigError(f"{path}:{n}: expected word<TAB>given|surname|both<TAB>people")
                out[parts[0]] = parts[1]
    given = Path(settings.data_dir) / "actors" / "given_names.txt"
    if given.is_file():
        for line in given.read_text(encoding="utf-8").splitlines():
            w = normalize(line.strip())
            if w and not line.startswith("#"):
                out[w] = "given" if out.get(w, "given") == "given" else "both"
    return out


def load_titles(settings: Settings) -> frozenset[str]:
    path = Path(settings.data_dir) / "actors" / "titles.tsv"
    if not path.is_file():
        return frozenset()
    return frozenset(normalize(line.split("\t")[0].strip()) for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def load_demonyms(kb) -> frozenset[str]:
    if kb is None:
        return frozenset()
    return frozenset(s for s, hits in kb.alias_index().items() if " " not in s and any(k == "demonym" for _, k in hits))


# A one-word KB surface whose form with the article toggled is seen this often in the news is also a common
# noun (الأسد: أسد the lion; مالي: المالي financial): its gazetteer feature says so (`.weak`), and the tagger
# learns how far to trust it in context.
COMMON_SURFACE_COUNT = 200


def _toggle_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else "ال" + word


def load_gazetteer(settings: Settings, kb=None, vocab: dict[str, int] | None = None) -> dict[str, str]:
    """Normalized KB names and aliases -> their type (`LOC`, or `LOC.weak` for an alias that is also a
    common word); empty when the KB is not installed. `kb`: an already loaded KnowledgeBase."""
    if kb is None:
        try:
            from ..kb import load_kb
        except ImportError:
            return {}
        kb = load_kb(settings)
    out: dict[str, str] = {}
    for surface, hits in kb.alias_index().items():
        if len(surface.split()) > MAX_GAZETTEER_WORDS:
            continue
        for kb_id, kind in hits:
            if kind == "demonym":
                continue
            entry = kb.get(kb_id)
            if entry is not None and entry.type in OUTPUT_TYPES:
                # an alias that is also an ordinary word (مالي، عمان) gets its own, weaker feature
                weak = kb.is_weak(surface) or (vocab is not None and " " not in surface
                                               and vocab.get(_toggle_article(surface), 0) >= COMMON_SURFACE_COUNT)
                out.setdefault(surface, entry.type + (".weak" if weak else ""))
                break
    return out


def load_ner_resources(settings: Settings, vocab: dict[str, int] | None = None, kb=None) -> NerResources:
    """The feature resources; `vocab` and `kb` let a pipeline share what it has already loaded."""
    from ..text.segment import load_vocab
    d = models_dir(settings)
    if kb is None:
        try:
            from ..kb import load_kb
            kb = load_kb(settings)
        except ImportError:
            kb = None
    vocab = load_vocab(settings) if vocab is None else vocab
    from .corpus_contexts import CONTEXTS_FILE, load_table
    return NerResources(clusters=load_clusters(d / CLUSTERS_FILE), triggers=load_triggers(d / TRIGGERS_FILE),
                        gazetteer=load_gazetteer(settings, kb, vocab) if kb is not None else {},
                        vocab=vocab,
                        names=load_person_names(settings), demonyms=load_demonyms(kb), titles=load_titles(settings),
                        contexts=load_table(d / CONTEXTS_FILE))


def _bucket(x: float, edges: Sequence[float]) -> str:
    for i, e in enumerate(edges):
        if x < e:
            return str(i)
    return str(len(edges))


FREQ_EDGES = (1, 3, 10, 30, 100, 300, 1000, 5000, 30000)
RATIO_EDGES = (0.01, 0.05, 0.2, 0.5, 1.0, 3.0)


def _shape(n: str) -> str:
    if DIGIT.search(n):
        return "digit" if n.isdigit() else "alnum"
    if ARABIC.search(n):
        return "latin-ar" if LATIN.search(n) else "arabic"
    if LATIN.search(n):
        return "latin"
    return "punct"


# A feature as the CRF takes it: a string when training (no model yet), the model's attribute name as
# UTF-8 bytes at run time (crfsuite copies bytes as they are, a string it encodes on every call).
Attr = str | bytes


@dataclass(frozen=True)
class WordInfo:
    """The cached, context-free part of a word's features, with ready-made neighbour features."""
    norm: str
    stem: str
    own: tuple[Attr, ...]         # features of the word at the current position
    prev1: tuple[Attr, ...]       # what it contributes as the word before (-1) ...
    next1: tuple[Attr, ...]       # ... after (+1)
    prev2: tuple[Attr, ...]       # ... two before (-2)
    next2: tuple[Attr, ...]       # ... two after (+2)


def _info_bytes(word: str, info: WordInfo) -> int:
    """About what a memoized WordInfo holds, cheaply: its five tuples (the feature strings are the model's,
    shared) and its own strings."""
    return 4 * len(word) + 700 + 8 * (len(info.own) + len(info.prev1) + len(info.next1) + len(info.prev2)
                                      + len(info.next2))


@dataclass
class FeatureTables:
    """What `FeatureExtractor` derives from the model's attributes and the resources, built once."""
    attr: dict[str, bytes] | None           # run time: each attribute the model knows -> its UTF-8 name
    # run time: word pairs `a|b` the model knows as bigram features (before: `b-=a|b`, after: `b+=a|b`)
    bigrams: tuple[dict[str, bytes], dict[str, bytes]]
    title_firsts: frozenset[str]
    gaz_first: dict[str, int]               # longest KB phrase (in words) starting with each first word

    @classmethod
    def build(cls, res: NerResources, known: frozenset[str] | None) -> FeatureTables:
        attr = None if known is None else {f: f.encode("utf-8") for f in known}
        bigrams: tuple[dict[str, bytes], dict[str, bytes]] = ({}, {})
        for f, a in (attr or {}).items():
            if f.startswith(("b-=", "b+=")):
                bigrams[f[1] == "+"][f[3:]] = a
        gaz_first: dict[str, int] = {}   # to skip hopeless lookups
        for phrase in res.gazetteer:
            first, *rest = phrase.split(" ")
            gaz_first[first] = max(gaz_first.get(first, 0), len(rest) + 1)
        return cls(attr, bigrams, frozenset(t.split(" ")[0] for t in res.titles), gaz_first)


class FeatureExtractor:
    """Turns the words of a sentence into CRF features (same code at training and run time).

    Without `known` (training) the features are strings. With `known`, the attributes the model has weights
    for (run time), only those are kept, as the model's names in UTF-8 bytes, encoded once per feature
    (`Attr`): the CRF gets the same attributes in the same order, without the rest and without re-encoding.
    """

    def __init__(self, segment_word: Callable[[str], tuple[int, int, str, str]], res: NerResources,
                 known: frozenset[str] | None = None, tables: FeatureTables | None = None):
        self.segment_word = segment_word
        self.res = res
        # At run time, the features the model has weights for: the rest would cost time for nothing.
        self.known = known
        # built once per model and resources (a pipeline keeps them in its start-up snapshot)
        tables = tables or FeatureTables.build(res, known)
        self._attr: dict[str, bytes] | None = tables.attr
        self._bias, self._bos, self._eos = (self._as_attr(f) for f in ("bias", "BOS", "EOS"))
        # a neighbour feature -> its (-1, +1, -2, +2) forms, None for one the model lacks: shared by every word
        self._near: dict[str, tuple[Attr | None, ...]] = {}
        self._gaz_tags: dict[str, tuple[Attr | None, ...]] = {}   # the same for a KB phrase tag (`_gaz_forms`)
        self._ttl = (self._if_known("ttl-"), self._if_known("ttl+"))
        self._bigrams = tables.bigrams
        self._cache = WordCache(CACHE_BYTES, _info_bytes)
        self.context_cache: dict[str, list[str]] = {}   # corpus_contexts.context_features: a word's own part
        self._title_firsts = tables.title_firsts
        self._gaz_first = tables.gaz_first

    def word_info(self, word: str, segmentation: tuple[int, int, str, str] | None = None) -> WordInfo:
        """Features of one word; `segmentation` (as `Segmenter.segment_word` gives it) saves redoing it."""
        hit = self._cache.get(word)
        if hit is None:
            hit = self._word_info(word, segmentation)
            self._cache.put(word, hit)
        return hit

    def _word_info(self, word: str, segmentation: tuple[int, int, str, str] | None) -> WordInfo:
        n = DIGIT.sub("0", normalize(word))
        if ARABIC.match(word):
            pre_len, suf_len, prefix, suffix = segmentation or self.segment_word(word)
            stem = n[pre_len:len(n) - suf_len] if len(n) == len(word) else n
        else:
            prefix = suffix = ""
            stem = n
        own = ["w=" + n, "s=" + stem, "sh=" + _shape(n)]
        if prefix:
            own.append("pre=" + prefix)
        if suffix:
            own.append("suf=" + suffix)
        core = stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem
        if core is not stem:
            own.append("al")
        own += ["a1=" + core[:1], "a2=" + core[:2], "a3=" + core[:3],
                "z1=" + core[-1:], "z2=" + core[-2:], "z3=" + core[-3:], "len=" + str(min(len(core), 9))]
        # Corpus statistics that separate names from common words: names are rarer, and a
        # common noun also appears with the article ال while a name (ترامب) almost never does.
        vocab = self.res.vocab
        count = vocab.get(core, 0)
        own.append("f=" + _bucket(count, FREQ_EDGES))
        with_al = vocab.get("ال" + core, 0)
        own.append("r=" + _bucket(with_al / (count + 1), RATIO_EDGES) if count + with_al else "r=unseen")
        near = ["s=" + stem]
        table = self.res.clusters
        cl = table.ids.get(n) or table.ids.get(stem)
        if cl is None and core is not stem:
            cl = table.ids.get(core)
        if cl is None:
            own.append("c=none")
            near.append("c=none")
        else:
            own += [f"{name}={cid}" for name, cid in zip(table.columns, cl)]
            near += [f"{table.columns[i]}={cl[i]}" for i in table.neighbour_columns]
        trig = self.res.triggers.get(stem) or self.res.triggers.get(n)
        if trig:
            own.append("t=" + trig)
            near.append("t=" + trig)
        role = self.res.names.get(stem) or self.res.names.get(core)
        if role:
            own.append("pn=" + role)
            near.append("pn=" + role)
        if stem in self.res.demonyms or n in self.res.demonyms:
            own.append("dem")
            near.append("dem")
        if self.res.contexts:
            ev_own, ev_near = evidence_features(self.res.contexts.get(stem))
            own += ev_own
            near += ev_near
        forms = [self._near.get(f) or self._near_forms(f) for f in near]
        return WordInfo(n, stem, self._useful(own), *(tuple([f[k] for f in forms if f[k] is not None])
                                                      for k in range(4)))

    def _as_attr(self, feature: str) -> Attr:
        return feature if self._attr is None else self._attr.get(feature) or feature.encode("utf-8")

    def _if_known(self, feature: str) -> Attr | None:
        """The feature as the CRF takes it, None if the model has no weight for it."""
        return feature if self._attr is None else self._attr.get(feature)

    def _near_forms(self, feature: str) -> tuple[Attr | None, ...]:
        """`s=بغداد` -> the useful ones of `-1:s=بغداد`, `+1:s=بغداد`, `-2:s=بغداد`, `+2:s=بغداد`, memoized."""
        forms = tuple(self._if_known(p + feature) for p in ("-1:", "+1:", "-2:", "+2:"))
        if len(self._near) >= NEAR_MEMO_MAX:
            self._near.clear()
        self._near[feature] = forms
        return forms

    def _useful(self, feats: list[str]) -> tuple[Attr, ...]:
        """The features the model has weights for, as the model's own attributes: the memoized words then
        share them instead of holding a copy each (one dict lookup filters and shares)."""
        if self._attr is None:
            return tuple(feats)
        return tuple([f for f in map(self._attr.get, feats) if f is not None])

    def gazetteer_tags(self, norms: Sequence[str], stems: Sequence[str]) -> list[str | None]:
        """Per word, `B-TYPE`/`I-TYPE` from the longest KB phrase covering it (first word may carry clitics)."""
        first_len = self._gaz_first
        out: list[str | None] = [None] * len(norms)
        if not first_len:
            return out
        gaz = self.res.gazetteer
        n = len(norms)
        i = 0
        while i < n:
            norm, stem = norms[i], stems[i]
            if norm not in first_len and stem not in first_len:   # most words start no KB phrase
                i += 1
                continue
            best = 0
            best_type = ""
            for first in (norm, stem) if stem != norm else (norm,):
                longest = first_len.get(first)
                if not longest:
                    continue
                for j in range(min(n, i + longest), i + best, -1):
                    t = gaz.get(" ".join((first, *norms[i + 1:j])) if j > i + 1 else first)
                    if t:
                        best, best_type = j - i, t
                        break
            if best:
                out[i] = "B-" + best_type
                for k in range(i + 1, i + best):
                    out[k] = "I-" + best_type
                i += best
            else:
                i += 1
        return out

    def sentence_features(self, words: Sequence[str]) -> list[list[str]]:
        return self.features_of([self.word_info(w) for w in words])

    def token_features(self, tokens: Sequence[Token]) -> list[list[str]]:
        """Features of segmented tokens: the same as `sentence_features` of their words, reusing the
        segmentation the Segmenter already made."""
        infos = []
        cache = self._cache
        for t in tokens:
            info = cache.get(t.text)
            if info is None:
                seg = (t.stem_start - t.start, t.end - t.stem_end, t.prefix, t.suffix) if t.is_word else None
                info = self._word_info(t.text, seg)
                cache.put(t.text, info)
            infos.append(info)
        return self.features_of(infos)

    def title_marks(self, norms: Sequence[str], stems: Sequence[str]) -> tuple[list[bool], list[bool]]:
        """Per word: does a title phrase (titles.tsv, up to MAX_TITLE_WORDS words) end right before it,
        does one start right after it (`وزير الخارجية الأميركي` ... / ... `سفير أذربيجان`)."""
        titles, firsts = self.res.titles, self._title_firsts
        n = len(norms)
        after, before = [False] * n, [False] * n
        if not titles:
            return after, before
        for i in range(n):
            if stems[i] not in firsts and norms[i] not in firsts:
                continue
            for k in range(1, MAX_TITLE_WORDS + 1):
                if i + k > n:
                    break
                words = [stems[i], *norms[i + 1:i + k]]
                if " ".join(words) in titles or " ".join(norms[i:i + k]) in titles:
                    if i + k < n:
                        after[i + k] = True
                    if i > 0:
                        before[i - 1] = True
        return after, before

    def _gaz_forms(self, tag: str) -> tuple[Attr | None, ...]:
        """`B-LOC` -> the useful ones of `g=B-LOC`, `-1:g=B-LOC`, `+1:g=B-LOC`, memoized."""
        forms = self._gaz_tags.get(tag)
        if forms is None:
            forms = self._gaz_tags[tag] = tuple(self._if_known(p + "g=" + tag) for p in ("", "-1:", "+1:"))
        return forms

    def features_of(self, infos: Sequence[WordInfo]) -> list[list[Attr]]:
        """Per word: `bias`, its own features, the neighbours' (-1, -2 or BOS; +1, +2 or EOS), then the ones
        of its position in this sentence: KB phrase tag, title phrase before or after, word bigrams, the
        neighbours' KB phrase tags."""
        norms, stems = [w.norm for w in infos], [w.stem for w in infos]
        gaz = [self._gaz_forms(g) if g else None for g in self.gazetteer_tags(norms, stems)]
        after_title, before_title = self.title_marks(norms, stems)
        n = len(infos)
        pairs = [f"{a}|{b}" for a, b in zip(norms, norms[1:])]
        if self._attr is None:
            bigram_before, bigram_after = ["b-=" + p for p in pairs], ["b+=" + p for p in pairs]
        else:   # the pairs the model knows, without building their feature names
            bigram_before, bigram_after = (list(map(self._bigrams[0].get, pairs)),
                                           list(map(self._bigrams[1].get, pairs)))
        bias, bos, eos = self._bias, self._bos, self._eos
        ttl_after, ttl_before = self._ttl
        out: list[list[Attr]] = []
        for i, info in enumerate(infos):
            feats = [bias, *info.own]
            if i > 0:
                feats += infos[i - 1].prev1
                if i > 1:
                    feats += infos[i - 2].prev2
            else:
                feats.append(bos)
            if i + 1 < n:
                feats += infos[i + 1].next1
                if i + 2 < n:
                    feats += infos[i + 2].next2
            else:
                feats.append(eos)
            g = gaz[i]
            if g is not None and g[0] is not None:
                feats.append(g[0])
            if after_title[i] and ttl_after is not None:
                feats.append(ttl_after)
            if before_title[i] and ttl_before is not None:
                feats.append(ttl_before)
            if i > 0:
                if bigram_before[i - 1] is not None:
                    feats.append(bigram_before[i - 1])
                g = gaz[i - 1]
                if g is not None and g[1] is not None:
                    feats.append(g[1])
            if i + 1 < n:
                if bigram_after[i] is not None:
                    feats.append(bigram_after[i])
                g = gaz[i + 1]
                if g is not None and g[2] is not None:
                    feats.append(g[2])
            out.append(feats)
        return out


def spans_from_bio(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last+1, type) chunks of a BIO sequence, conlleval-style (a stray I- starts a chunk)."""
    out: list[tuple[int, int, str]] = []
    start, cur = -1, ""
    for i, lab in enumerate(list(labels) + ["O"]):
        tag, _, typ = lab.partition("-")
        if cur and (tag != "I" or typ != cur):
            out.append((start, i, cur))
            cur = ""
        if tag == "B" or (tag == "I" and typ != cur):
            start, cur = i, typ
    return out


@dataclass(frozen=True)
class NerModel:
    tagger: Any                   # pycrfsuite.Tagger, opened on the model file
    attributes: frozenset[str]    # the features the model has weights for


def model_attributes_of(settings: Settings) -> frozenset[str] | None:
    """The attributes of the model file as read from it; None if it is missing or not readable that way
    (`load_model` then asks the opened model)."""
    from .crf_model import model_attributes
    path = models_dir(settings) / MODEL_FILE
    try:
        return model_attributes(path)
    except (OSError, ValueError):
        return None


def load_model(settings: Settings, attributes: frozenset[str] | None = None) -> NerModel | None:
    """The crfsuite model, opened once; None if the model file is missing. `attributes`: its attribute
    names when already known (`model_attributes_of`), read from the file otherwise."""
    import pycrfsuite
    path = models_dir(settings) / MODEL_FILE
    if not path.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except Exception as exc:  # crfsuite raises a bare ValueError/IOError with no file name
        raise ConfigError(f"{path}: not a crfsuite model ({exc}); rebuild it with `marsad train ner`") from None
    if attributes is None:
        # read from the file: `tagger.info()` dumps the whole model
        attributes = model_attributes_of(settings)
    if attributes is None:
        attributes = frozenset(attr for attr, _label in tagger.info().state_features)
    return NerModel(tagger, attributes)


class NerTagger:
    """Tags PER/LOC/ORG spans over a segmented Doc."""

    def __init__(self, settings: Settings, resources):
        from ..text.segment import Segmenter, load_vocab
        # the C model is opened in each process; its attribute names (picklable) come with the resources
        attributes = resources.get("ner_attributes", model_attributes_of)
        model = resources.get("ner_model", lambda s: load_model(s, attributes))
        if model is None:
            raise ConfigError(f"no NER model at {models_dir(settings) / MODEL_FILE}; build it with `marsad train ner`")
        segmenter = Segmenter(settings, resources)
        vocab = resources.get("vocab", load_vocab)
        try:
            from ..kb import load_kb
            kb = resources.get("kb", load_kb)
        except ImportError:
            kb = None
        self.model = model.tagger
        res = resources.get("ner_resources", lambda s: load_ner_resources(s, vocab, kb))
        tables = resources.get("ner_feature_tables", lambda s: FeatureTables.build(res, model.attributes))
        self.features = FeatureExtractor(segmenter.segment_word, res, model.attributes, tables)

    def tag(self, doc: Doc, probes: frozenset[int] = frozenset()) -> list[TaggedSpan]:
        """The names of the doc's tokens; `probes` (token start offsets) also get how sure the tagger is that
        the word there is no name, in `self.outside` (start -> marginal probability of O)."""
        spans: list[TaggedSpan] = []
        self.outside: dict[int, float] = {}
        sentence: list[Token] = []
        for tok in doc.tokens:
            if sentence and tok.sentence != sentence[-1].sentence:
                spans += self._tag_sentence(sentence, probes)
                sentence = []
            sentence.append(tok)
        if sentence:
            spans += self._tag_sentence(sentence, probes)
        return spans

    def _tag_sentence(self, tokens: list[Token], probes: frozenset[int] = frozenset()) -> list[TaggedSpan]:
        labels = self.model.tag(self.features.token_features(tokens))
        out = []
        for first, last, typ in spans_from_bio(labels):
            if typ not in OUTPUT_TYPES:
                continue
            score = min(self.model.marginal(labels[k], k) for k in range(first, last))
            start = name_start(tokens[first], self.features.res.vocab, self.features.res.names)
            out.append(TaggedSpan(start, tokens[last - 1].end, typ, round(score, 4)))
        if probes:
            for k, t in enumerate(tokens):
                if t.start in probes or t.stem_start in probes:
                    self.outside[t.stem_start] = self.model.marginal("O", k)
        return out


# A stem seen fewer times than this in the news is too rare to prove that a name's first letter is a
# proclitic (سافين is not س + افين).
CLITIC_EVIDENCE_COUNT = 20


def name_start(token: Token, vocab: dict[str, int], names: dict[str, str]) -> int:
    """Where a name starting with this token starts: after its proclitics, except a letter that belongs to
    the name: the whole word is a known name unit (`وليد`، `فادي`), or after و/ف the rest is a name unit,
    at least as frequent as its stem, or its stem is too rare to tell (`كريم` is no ك + ريم, `سافين` no
    س + افين)."""
    latin = LATIN_LETTER.search(token.text)
    if latin and latin.start() > 0 and ARABIC.match(token.text):
        return token.start + latin.start()   # لـCNN
    if not token.prefix:
        return token.stem_start
    if normalize(token.text) in names:
        return token.start   # وليد، فادي: a name whose first letter looks like و or ف
    conj = len(token.prefix) - len(token.prefix.lstrip("وف"))
    if conj == len(token.prefix):
        return token.stem_start
    whole = normalize(token.text[conj:])
    stem = normalize(token.stem)
    if whole in names or vocab.get(whole, 0) >= vocab.get(stem, 0) or vocab.get(stem, 0) < CLITIC_EVIDENCE_COUNT:
        return token.start + conj
    return token.stem_start


def load_tagger(settings: Settings, resources=None) -> NerTagger | None:
    """A tagger, or None if the model file is missing. Pass the pipeline's `resources` to share its
    vocabulary and knowledge base; without them the tagger loads its own."""
    from ..pipeline import Resources
    if not (models_dir(settings) / MODEL_FILE).is_file():
        return None
    return NerTagger(settings, resources if resources is not None else Resources(settings))
