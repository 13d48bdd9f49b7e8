"""Linking: which knowledge-base entry a recognized name refers to, and the actor it makes.

An alias with several entries (`كوبا`: Cuba or the Azerbaijani town of Quba; `عمان`: Oman or
Amman; `الشرق الأوسط`: the region or the newspaper) is settled by the article: each candidate
scores its prior weight, its `context` words present in the article, and the presence of its
state among the states the article names unambiguously. A media outlet is read only where the
text announces one (`صحيفة`، `وكالة`, quote marks after لـ). A `weak` surface (also an ordinary
word, `صور`) is accepted only with such support.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.normalize import NormalizedView, normalize
from .found import Found
from .rules import DEFINITE_OPENINGS, ActorLexicon

CONTEXT_WORD_BONUS = 2.0
COUNTRY_IN_DOC_BONUS = 4.0
OUTLET_BONUS = 6.0
NOT_OUTLET_PENALTY = 8.0
QUOTES = "\"'"
WORD = re.compile(r"\w+")
# A small place (prior weight below this) is read only where the article supports it: its state
# named, a place word before it, or its context words (a town's name is often an ordinary word).
MIN_UNSUPPORTED_PLACE_WEIGHT = 4.0
# A media outlet whose name is this short is read only where the text announces an outlet.
MIN_UNANNOUNCED_OUTLET_CHARS = 5
# A place whose name is an ordinary word this frequent in news (corpus counts) needs a place word
# before it (مدينة كان); its state or context words being present is not enough (كان in France news).
ORDINARY_WORD_COUNT = 1000
MIN_PROMINENT_PLACE_WEIGHT = 5.0
# People at least this prominent (KB weight) are recognized by their surname alone everywhere.
PROMINENT_PERSON_WEIGHT = 7.0
# Less known people (below this weight) need their full name in the article when their one-word
# alias is a word seen this often (سلامة، الشاهد، جودة: also ordinary words or other people's names).
KNOWN_PERSON_WEIGHT = 5.0
COMMON_SURNAME_COUNT = 100


@dataclass(frozen=True)
class WeakSurfaces:
    """The KB's weak marks, normalized once: surfaces weak for some entry, and (surface, entry) pairs."""
    any_entry: frozenset[str]
    pairs: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, kb) -> "WeakSurfaces":
        pairs = frozenset((normalize(w), e.id) for e in kb.entries.values() for w in e.weak)
        return cls(frozenset(k for k, _ in pairs), pairs)


@dataclass(frozen=True)
class LinkContext:
    """What the article as a whole says, for disambiguation."""
    words: frozenset[str]          # normalized words of the article
    countries: dict[str, int]      # state -> how many unambiguous mentions point to it
    date: str | None               # publication date (ISO) for time-aware offices
    weak: WeakSurfaces
    placed: frozenset[str] = frozenset()   # KB keys that stand after a place word somewhere in the article


def article_words(view: NormalizedView) -> frozenset[str]:
    return frozenset(WORD.findall(view.text))


def placed_keys(found: list[Found], view: NormalizedView, lexicon: ActorLexicon) -> frozenset[str]:
    """Keys of KB hits that have a place word before them at least once (مدينة دوما ... دوما)."""
    return frozenset(f.key for f in found if f.source == "kb" and _place_context(view.text, f, lexicon.place_cues))


def unambiguous_countries(found: list[Found], kb, weak: WeakSurfaces) -> dict[str, int]:
    """States named without ambiguity: single-candidate names and demonyms."""
    out: dict[str, int] = {}
    for f in found:
        if f.source != "kb" or f.drop:
            continue
        ids = {k for k, _ in f.candidates}
        if len(ids) != 1 or f.key in weak.any_entry:
            continue
        e = kb.get(next(iter(ids)))
        if e is not None and e.country and not _small_place(e) and e.subtype != "media":
            out[e.country] = out.get(e.country, 0) + 1
    return out


# A byline or dateline opens the article: `عبدالله البرقاوي- سبق- الرياض:`، `عين اليوم – جاكرتا`،
# `الرياض 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس`. An outlet named there is the outlet.
DATELINE_CHARS = 160
DATELINE_DELIMITERS = "-–—:|"
DATELINE_AFTER_DATE = re.compile(r"\d+\s*(?:م|ه)$")


def _in_dateline(view: str, f: Found) -> bool:
    """Is the name a field of the article's opening byline or dateline: within its first characters and
    followed by a dash or colon, or right after the date's era mark (`2015 م واس`)?
    `عبدالله البرقاوي- سبق- الرياض` -> True; `الأخير- كان يجند` -> False."""
    if f.wstart >= DATELINE_CHARS or any(c in view[:f.wstart] for c in ".؟!"):
        return False   # past the opening (`الفوضى. وجاء في البيان:` quotes a statement, not the outlet)
    before = view[max(0, f.wstart - 30):f.wstart].rstrip()
    after = view[f.vend:f.vend + 3].lstrip()
    return after[:1] in DATELINE_DELIMITERS or bool(DATELINE_AFTER_DATE.search(before))


def _outlet_context(view: str, f: Found, lexicon: ActorLexicon) -> bool:
    """Is the name presented as an outlet: after صحيفة/وكالة..., in quote marks after ل/لـ, or in the byline?"""
    if _in_dateline(view, f):
        return True
    before = view[max(0, f.wstart - 30):f.wstart].rstrip()
    quoted = before.endswith(tuple(QUOTES)) or before.endswith("ل")
    words = before.strip(QUOTES + " ـ").split()
    if words and (words[-1] in lexicon.outlet_cues or " ".join(words[-2:]) in lexicon.outlet_cues):
        return True
    if words and words[-1].startswith(("و", "ل", "ب")) and words[-1][1:] in lexicon.outlet_cues:
        return True
    after = view[f.vend:f.vend + 2]
    return quoted and after[:1] in QUOTES and (before.endswith(tuple(QUOTES)))


def _previous_word(view: str, pos: int) -> str:
    """The word before `pos`, past brackets and quote marks (لحزبه (الدعوة) -> لحزبه)."""
    for w in reversed(view[max(0, pos - 30):pos].split()):
        w = w.strip("()[]\"'،,«»")
        if w:
            return w
    return ""


def _org_cue(view: str, f: Found, cues: dict[str, frozenset[str]]) -> frozenset[str]:
    """Subtypes announced by the word before the name (حزب الدعوة، لحزبه (الدعوة)، وحركة أمل)."""
    w = _previous_word(view, f.wstart)
    for form in (w, w[1:], w[:-1], w[1:-1], w[:-2], w[1:-2]):
        if form in cues:
            return cues[form]
    return frozenset()


def _place_context(view: str, f: Found, cues: frozenset[str]) -> bool:
    """Is the name announced as a place (مدينة صور، (البحر) المتوسط، وشمال كوبا)?"""
    w = _previous_word(view, f.wstart)
    return bool(w) and (w in cues or w[1:] in cues)


def link_kb(found: list[Found], kb, lexicon: ActorLexicon, view: NormalizedView, ctx: LinkContext,
            vocab: dict[str, int]) -> None:
    """Choose the entry of every KB hit (or drop the hit); demonym-only hits are left for the rules."""
    # entries the article names without any doubt (one candidate, not weak): they support their weak
    # short forms elsewhere (حركة أمل ... أمل; حزب الله ... الحزب)
    named = set()
    for f in found:
        if f.source == "kb" and len(f.candidates) == 1 and f.kind != "demonym" and f.key not in ctx.weak.any_entry:
            e = kb.get(f.candidates[0][0])
            if e is not None and not (_small_place(e) or _ordinary_word(e, f.key, vocab) or e.subtype == "media"):
                named.add(e.id)
    for f in found:
        if f.source != "kb" or f.drop or f.kind == "demonym":
            continue
        names = [(k, kind) for k, kind in f.candidates if kind != "demonym"]
        entries = [kb.get(k) for k, _ in names]
        entries = [e for e in entries if e is not None]
        if not entries:
            f.drop = True
            continue
        if len(entries) == 1 and names[0][1] == "alias" and entries[0].subtype in ("country", "territory") \
                and not f.key.startswith("ال") and kb.country_of_demonym(f.key) == entries[0].country:
            f.kind = "demonym"   # تركية: an old name of Turkey, and the adjective "Turkish" (مصادر تركية)
            continue
        if len(entries) == 1 and entries[0].subtype in ("country", "territory") \
                and qualifies_a_feminine_noun(view.text, f, kb.country_of_demonym(f.key) == entries[0].country):
            f.kind = "demonym"   # للكرة السعودية: the Saudi football, no mention of the state
            continue
        weak = f.key in ctx.weak.any_entry
        only = entries[0]
        if len(entries) == 1 and not weak and only.subtype != "media" and not _small_place(only) \
                and not _ordinary_word(only, f.key, vocab):
            apply_entry(f, entries[0])
            continue
        outlet = any(e.subtype == "media" for e in entries) and _outlet_context(view.text, f, lexicon)
        best, best_score, supported = None, float("-inf"), False
        for e in entries:
            score = e.weight
            support = False
            ordinary = _ordinary_word(e, f.key, vocab)
            hits = sum(1 for w in e.context if w in ctx.words or normalize(w) in ctx.words)
            if hits:
                score += CONTEXT_WORD_BONUS * hits
                support = not ordinary
            if e.country and ctx.countries.get(e.country, 0) > 0:
                score += COUNTRY_IN_DOC_BONUS
                # an organization's ordinary-word alias (أمل) needs more than its state being named
                support = support or not (ordinary or e.type == "ORG")
            if e.id in named:
                score += COUNTRY_IN_DOC_BONUS
                support = True
            if e.subtype == "media":
                if outlet:
                    score += OUTLET_BONUS
                    support = True
                else:
                    score -= NOT_OUTLET_PENALTY
            elif e.type == "LOC" and (_place_context(view.text, f, lexicon.place_cues) or f.key in ctx.placed
                                      or names_its_kind(f.key, lexicon.place_cues)):
                support = True
            elif e.type == "ORG" and e.subtype in _org_cue(view.text, f, lexicon.org_cues):
                support = True
            if score > best_score:
                best, best_score, supported = e, score, support
        assert best is not None
        if best.subtype == "media" and not outlet and (weak or len(entries) > 1 or len(f.key) < MIN_UNANNOUNCED_OUTLET_CHARS):
            f.drop = True
            continue
        # a weak surface needs support, unless its only rival is an outlet the text does not announce
        # (الشرق الأوسط the region, not the newspaper)
        rivals_are_outlets = len(entries) > 1 and all(e.subtype == "media" for e in entries if e is not best)
        needs_support = ((f.key, best.id) in ctx.weak.pairs and not rivals_are_outlets) or _small_place(best) or _ordinary_word(best, f.key, vocab)
        if needs_support and not supported:
            f.drop = True
            continue
        apply_entry(f, best)


def drop_unsupported_surnames(found: list[Found], kb, vocab: dict[str, int]) -> None:
    """A person's one-word alias that is also an ordinary word (جودة، الشاهد) counts only where the
    article names the person in full too, unless the person is prominent (ترامب)."""
    named_in_full = {f.kb_id for f in found if not f.drop and f.kb_id and f.end - f.start > 0 and " " in f.key}
    for f in found:
        if f.drop or f.type != "PER" or not f.kb_id or " " in f.key or f.kb_id in named_in_full:
            continue
        e = kb.get(f.kb_id)
        if e is None:
            continue
        count = vocab.get(f.key, 0)
        if (count >= ORDINARY_WORD_COUNT and e.weight < PROMINENT_PERSON_WEIGHT) or \
                (count >= COMMON_SURNAME_COUNT and e.weight < KNOWN_PERSON_WEIGHT):
            f.drop = True


def names_its_kind(key: str, place_cues: frozenset[str]) -> bool:
    """`بحر قزوين`، `جزيرة القرم`: a place's name that opens with a place word says itself what it is; it needs
    no other support in the article (`قزوين` alone may be the Iranian town)."""
    words = key.split()
    return len(words) > 1 and words[0] in place_cues


def _small_place(e) -> bool:
    return e.type == "LOC" and e.subtype not in ("country", "territory", "region") and e.weight < MIN_UNSUPPORTED_PLACE_WEIGHT


def _ordinary_word(e, key: str, vocab: dict[str, int]) -> bool:
    """A small place, or a definite place name, whose name is a frequent ordinary word (كان، البلد)."""
    if e.type != "LOC" or e.subtype in ("country", "territory", "region") or " " in key:
        return False
    count = vocab.get(key, 0)
    if count < ORDINARY_WORD_COUNT:
        return False
    if e.weight < MIN_UNSUPPORTED_PLACE_WEIGHT:
        return True
    # a definite noun (البلد، الجديدة) or a verb (ذكر: ذكرت، يذكر are frequent too) is rarely a town
    verb = vocab.get(key + "ت", 0) + vocab.get("ي" + key, 0) >= count // 2
    return (key.startswith("ال") or verb) and e.weight < MIN_PROMINENT_PLACE_WEIGHT


def qualifies_a_feminine_noun(v: str, f: Found, is_adjective: bool) -> bool:
    """`فرصة جيدة للكرة السعودية`: a country's name that is also its feminine nisba adjective (السعودية),
    right after a definite feminine noun (ة), qualifies that noun. `زار الرئيس السعودية` (a masculine noun
    before it) names the state. `v` is the normalized view, where ة is written ه."""
    if not is_adjective or not f.key.startswith("ال") or f.wstart != f.vstart:
        return False
    before = v[max(0, f.vstart - 30):f.vstart]
    if not before.endswith(" "):
        return False
    words = before.split()
    # العربية السعودية without المملكة is still the kingdom's name
    return bool(words) and words[-1].startswith(DEFINITE_OPENINGS) and words[-1].endswith("ه") and len(words[-1]) > 4 \
        and not words[-1].endswith("العربيه")


def apply_entry(f: Found, e) -> None:
    f.kb_id, f.type, f.subtype = e.id, e.type, e.subtype
    f.country, f.role = e.country, e.role
    f.refers = "kb:" + e.id


def person_positions(e, date: str | None = None) -> list:
    """The offices of a KB person (all of them when date is None)."""
    return [p for p in e.positions if date is None or p.covers(date)]
