"""Recognition: where the text names an actor.

One Aho-Corasick automaton (pyahocorasick) holds every normalized knowledge-base surface and
every phrase of the actors lexicons (titles, institution heads, labels, anaphors, state
pronouns). It runs once over the document's normalized view; a hit counts when it ends at a
word boundary and starts at one or right after proclitics (و ف ب ل ك and pairs such as وب فل).
`لل` (ل + the article, whose alef is swallowed) is matched through a second key without the
alef: `للولايات المتحدة` finds `الولايات المتحدة`; that mention keeps the whole fused word,
since the article cannot be cut out of it. Elsewhere the mention span excludes the clitics
(`وإسرائيل` -> `إسرائيل`).

Overlapping hits are resolved longest first. Context rules (`find_names_near`) then find
unknown names next to titles (`وزير الزراعة آفي ديختر`, `مختار محمدوف سفير أذربيجان`).
"""
from __future__ import annotations

from bisect import bisect_left

from dataclasses import dataclass, field

import ahocorasick

from ..text.normalize import NormalizedView, strip_diacritics
from ..text.segment import PROCLITIC_1, PROCLITIC_2
from .found import Found
from .rules import ActorLexicon

# The proclitics a name may carry (the segmenter's, without the future marker س that only a verb takes):
# و ف, ب ل ك, and pairs such as وب فل.
PROCLITICS = frozenset({*PROCLITIC_1, *(c for c in PROCLITIC_2 if c != "س"),
                        *(a + b for a in PROCLITIC_1 for b in PROCLITIC_2 if b != "س")})
# Order of preference between sources when two hits cover exactly the same words.
SOURCE_RANK = {"kb": 0, "label": 1, "title": 2, "institution": 3, "anaphor": 4, "pronoun": 5}
# A hit after proclitics is refused when the whole word is a much more frequent word of its own
# (a name hidden inside an ordinary word), judged by the corpus word counts.
HIDDEN_WORD_RATIO = 3
HIDDEN_WORD_MIN = 50


@dataclass(frozen=True)
class Hit:
    """A raw match of one lexicon or KB key in the normalized view."""
    vstart: int       # view offset of the mention (after proclitics; at the ل of لل)
    vend: int
    wstart: int       # view offset where the word starts, proclitics included
    key: str          # the normalized key that matched (with its alef for لل hits)
    source: str       # kb | title | institution | label | anaphor | pronoun


@dataclass
class AliasMatcher:
    """The automaton over KB surfaces and lexicon phrases, built once per pipeline."""
    automaton: ahocorasick.Automaton
    kb_index: dict[str, list[tuple[str, str]]]
    lexicon: ActorLexicon
    vocab: dict[str, int] = field(default_factory=dict)
    place_keys: frozenset[str] = frozenset()   # surfaces of countries and cities
    group_keys: frozenset[str] = frozenset()   # surfaces of armed groups

    @classmethod
    def build(cls, kb_index: dict[str, list[tuple[str, str]]], lexicon: ActorLexicon,
              vocab: dict[str, int] | None = None, place_keys: frozenset[str] = frozenset(),
              group_keys: frozenset[str] = frozenset()) -> "AliasMatcher":
        keys: dict[str, list[tuple[str, str, bool]]] = {}

        def add(key: str, source: str) -> None:
            if len(key) < 2:
                return
            keys.setdefault(key, []).append((key, source, False))
            if key.startswith("ال") and len(key) > 3:
                keys.setdefault(key[1:], []).append((key, source, True))

        for key in kb_index:
            add(key, "kb")
        for source, table in (("title", lexicon.titles), ("institution", lexicon.institutions),
                              ("label", lexicon.labels), ("anaphor", lexicon.anaphors),
                              ("pronoun", lexicon.pronouns)):
            for key in table:
                add(key, source)
        automaton = ahocorasick.Automaton()
        for k, entries in keys.items():
            automaton.add_word(k, tuple(entries))
        automaton.make_automaton()
        return cls(automaton, kb_index, lexicon, vocab or {}, place_keys, group_keys)

    def hits(self, view: str) -> list[Hit]:
        """Every valid hit in the view, overlapping ones included."""
        out: list[Hit] = []
        n = len(view)
        for last, entries in self.automaton.iter(view):
            end = last + 1
            if end < n and view[end].isalnum():
                continue
            for key, source, elided in entries:
                length = len(key) - 1 if elided else len(key)
                start = end - length
                if elided:
                    # ل + (ال)key: the preposition ل sits right before; و/ف may precede it
                    if start < 1 or view[start - 1] != "ل":
                        continue
                    wstart = start - 1
                    if wstart > 0 and view[wstart - 1] in "وف":
                        wstart -= 1
                    if wstart > 0 and view[wstart - 1].isalnum():
                        continue
                    out.append(Hit(start - 1, end, wstart, key, source))
                    continue
                if start == 0 or not view[start - 1].isalnum():
                    out.append(Hit(start, end, start, key, source))
                    continue
                for plen in (1, 2):
                    wstart = start - plen
                    if wstart < 0:
                        break
                    if view[wstart:start] in PROCLITICS and (wstart == 0 or not view[wstart - 1].isalnum()):
                        if not self._hidden_in_word(view[wstart:end], key):
                            out.append(Hit(start, end, wstart, key, source))
                        break
        return out

    def _hidden_in_word(self, whole: str, key: str) -> bool:
        if " " in key or not self.vocab:
            return False
        whole_count = self.vocab.get(whole, 0)
        return whole_count >= HIDDEN_WORD_MIN and whole_count > HIDDEN_WORD_RATIO * self.vocab.get(key, 0)

    def select(self, hits: list[Hit]) -> list[Hit]:
        """Non-overlapping hits, longest first (word with its clitics), then without clitics, then by source."""
        ranked = sorted(hits, key=lambda h: (-(h.vend - h.wstart), h.vstart != h.wstart, SOURCE_RANK[h.source], h.wstart))
        taken: list[Hit] = []
        used = bytearray(max((h.vend for h in hits), default=0) + 1)
        for h in ranked:
            if any(used[h.wstart:h.vend]):
                continue
            used[h.wstart:h.vend] = b"\x01" * (h.vend - h.wstart)
            taken.append(h)
        taken.sort(key=lambda h: h.vstart)
        return taken

    def find(self, view: NormalizedView) -> list[Hit]:
        hits = self.hits(view.text)
        taken = self.select(hits)
        return sorted(taken + self.nested_places(hits, taken, view.text), key=lambda h: (h.vstart, -h.vend))

    def nested_places(self, hits: list[Hit], taken: list[Hit], view: str) -> list[Hit]:
        """Actors named inside a longer KB name are mentions too: a place after في (`مؤتمر ... في
        الولايات المتحدة`) and a group the name ends with (`التحالف الدولي لمحاربة تنظيم داعش`)."""
        outer = sorted((h for h in taken if h.source == "kb" and " " in h.key), key=lambda h: h.vstart)
        if not outer:
            return []
        # taken hits do not overlap, so at most one outer name holds a hit: the last to start before it
        # (found by bisection; a scan of every outer name for every hit was quadratic in a long text)
        starts = [o.vstart for o in outer]
        out: list[Hit] = []
        inside: dict[int, list[Hit]] = {}   # outer name (its index) -> the hits kept inside it
        for h in hits:
            if h.source != "kb" or h.wstart != h.vstart:
                continue
            place = h.key in self.place_keys and view[h.vstart - 3:h.vstart] == "في "
            group = h.key in self.group_keys
            if not (place or group):
                continue
            k = bisect_left(starts, h.vstart) - 1
            if k < 0:
                continue
            o = outer[k]
            if h.vend <= o.vend and (place or h.vend == o.vend):
                kept = inside.setdefault(k, [])
                if not any(x.vstart <= h.vstart and h.vend <= x.vend for x in kept):
                    kept.append(h)
                    out.append(h)
        return out


# ------------------------------------------------------------------------------------ hits -> mentions

def hits_to_found(hits: list[Hit], view: NormalizedView, kb_index: dict[str, list[tuple[str, str]]],
                  lexicon: ActorLexicon) -> list[Found]:
    """One `Found` per selected hit, with text offsets (the normalized view maps back to the text)."""
    out: list[Found] = []
    for h in hits:
        vstart, vend = h.vstart, h.vend
        if h.source == "kb" and " " in h.key:
            vstart += _descriptor_length(h.key, kb_index, lexicon)
            vend -= _epithet_length(h.key, kb_index, lexicon)
            title = _title_length(h.key, kb_index, lexicon)
            if title:
                out.append(_title_found(h, view, lexicon, title))
                vstart += title
        start, end = view.span(vstart, vend)
        f = Found(start, end, h.source, h.key, wstart=h.wstart, vstart=vstart, vend=vend)
        if h.source == "kb":
            f.candidates = kb_index.get(h.key, [])
            if f.candidates and f.candidates[-1][1] == "demonym" and all(kind == "demonym" for _, kind in f.candidates):
                f.kind = "demonym"
            elif h.key in lexicon.labels:
                f.kind = "label"   # the KB knows the label too (دولة الاحتلال): still a label, not a name
        elif h.source == "title":
            t = lexicon.titles[h.key]
            f.kind, f.type, f.position, f.role = "title", "PER", t.position, t.role
        elif h.source == "institution":
            f.kind = "name"
        elif h.source in ("label", "anaphor"):
            f.kind, f.type = "label", "LOC"
            if h.source == "label":
                referent = lexicon.labels[h.key]
                if ":" in referent:
                    f.kb_id = referent     # an organ of the state (جيش الاحتلال -> org:idf)
                else:
                    f.country = referent
        elif h.source == "pronoun" and strip_diacritics(view.source[start:end]).endswith("ة"):
            continue   # بلدة (a town), not بلده (his country): the view folds ة into ه
        elif h.source == "pronoun":
            # the pronoun is the whole word: بلاده, not its stem
            f.kind, f.type = "pronoun", "LOC"
        out.append(f)
    return out


def _descriptor_length(key: str, kb_index: dict[str, list[tuple[str, str]]], lexicon: ActorLexicon) -> int:
    """Characters of a leading descriptor word the mention leaves out: `حركة حماس` -> `حماس`, `وكالة
    رويترز` -> `رويترز`, `إقليم دارفور` -> `دارفور`, when the rest alone names the same entry (the way
    annotators and NER corpora mark names). `حزب الله` and `قطاع غزة` keep theirs."""
    word, _, rest = key.partition(" ")
    if word not in lexicon.descriptors or rest not in kb_index:
        return 0
    ids = {k for k, kind in kb_index[key] if kind != "demonym"}
    return len(word) + 1 if ids & {k for k, kind in kb_index[rest] if kind != "demonym"} else 0


def _title_length(key: str, kb_index: dict[str, list[tuple[str, str]]], lexicon: ActorLexicon) -> int:
    """Characters of a leading title a person's KB alias starts with (`الأمير محمد بن سلمان`, `البابا فرنسيس`,
    `العقيد القذافي`): the name mention leaves it out, as annotators and NER corpora do, and the title becomes
    a mention of its own that the title reader links to the name. Only when the rest is a full name (two
    words or more) or alone names the same person: `الأمير الوالد` stays whole."""
    ids = {k for k, kind in kb_index.get(key, ()) if kind != "demonym"}
    if not ids or not all(k.startswith("per:") for k in ids):
        return 0
    words = key.split(" ")
    for n in range(min(3, len(words) - 1), 0, -1):
        phrase = " ".join(words[:n])
        if phrase not in lexicon.titles:
            continue
        rest = " ".join(words[n:])
        if len(words) - n >= 2 or ids & {k for k, kind in kb_index.get(rest, ()) if kind != "demonym"}:
            return len(phrase) + 1
        return 0
    return 0


def _title_found(h: Hit, view: NormalizedView, lexicon: ActorLexicon, length: int) -> Found:
    """The title a KB alias starts with, as a title mention of its own."""
    key = h.key[:length - 1]
    start, end = view.span(h.vstart, h.vstart + length - 1)
    t = lexicon.titles[key]
    return Found(start, end, "title", key, kind="title", type="PER", position=t.position, role=t.role,
                 wstart=h.wstart, vstart=h.vstart, vend=h.vstart + length - 1)


def _epithet_length(key: str, kb_index: dict[str, list[tuple[str, str]]], lexicon: ActorLexicon) -> int:
    """Characters of a trailing epithet the mention leaves out (`مكة المكرمة` -> `مكة`, `القدس المحتلة`
    -> `القدس`) when the name alone is the same entry."""
    rest, _, word = key.rpartition(" ")
    if word not in lexicon.epithets or rest not in kb_index:
        return 0
    ids = {k for k, kind in kb_index[key] if kind != "demonym"}
    return len(word) + 1 if ids & {k for k, kind in kb_index[rest] if kind != "demonym"} else 0


def gap(view: str, a: int, b: int) -> str:
    """The view text between two hits (a = end of the first, b = word start of the second)."""
    return view[a:b] if b >= a else "\0"


def words_between(view: str, a: int, b: int) -> list[str]:
    g = gap(view, a, b)
    return g.split() if g.strip() else []
