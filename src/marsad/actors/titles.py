"""Titles and the names next to them: `رئيس الوزراء بنيامين نتنياهو`, `مختار محمدوف سفير أذربيجان`.

`TitleReader(kb, lexicon, vocab, given_automaton)(found, doc, view)` links each title mention to
the person it describes: a known person right after it (or before it, in apposition), else a name
the rules read from the words there (`context.name_after` / `name_before`). A title with an
organization complement the KB lacks heads an unknown body (`_unknown_body`). Given names followed
by rare words make people without any title (`context.standalone_names`).
"""
from __future__ import annotations

from ..doc import Doc
from ..text.normalize import NormalizedView, normalize
from .context import (TokenIndex, body_after_title, given_name_tokens, is_person, name_after, name_before,
                      standalone_names)
from .found import Found
from .rules import COUNTERPART, ActorLexicon


# The rules read unknown names only where the tagger did not (5-fold CV on ANERcorp: beside the
# tagger they read 52 wrong names for 11 right ones on two folds).
READ_NAMES_IN_TAGGED_SENTENCES = False


class TitleReader:
    """Reads the person (or body) each title mention describes; built once per stage."""

    def __init__(self, kb, lexicon: ActorLexicon, vocab: dict[str, int], given_automaton,
                 body_stop: frozenset[str] = frozenset(), dates=None):
        self.kb, self.lexicon, self.vocab, self.given_automaton = kb, lexicon, vocab, given_automaton
        self.body_stop, self.dates = body_stop, dates   # words and date phrases that end a body's name

    def __call__(self, found: list[Found], doc: Doc, view: NormalizedView, tagged: frozenset[int] = frozenset()) -> list[Found]:
        """Link each title to the name after it (or before it, in apposition), reading unknown names in
        the sentences the tagger did not read (`tagged`: it reads names better than these rules)."""
        text, kb, lexicon = doc.text, self.kb, self.lexicon
        idx = TokenIndex.of(doc.tokens)
        blocked = bytearray(len(text) + 1)
        for f in found:
            # the tagger's people do not block the rules: a name read next to a title is surer
            if not f.drop and f.kind != "demonym" and not (f.source == "tagger" and f.type == "PER"):
                blocked[f.start:f.end] = b"\x01" * (f.end - f.start)
        by_start = {f.start: f for f in found if not f.drop and f.kind != "demonym"}
        by_end = {f.end: f for f in found if not f.drop and f.kind != "demonym"}
        added: list[Found] = []
        for f in found:
            if f.drop or f.source != "title":
                continue
            sentence = doc.sentence_of(f.start)
            if f.position == "minister" and not f.country:
                _take_portfolio(f, text, idx, blocked)
            if f.key.endswith("باسم") and f.tail < 0:
                f.tail = _phrase_end(f.end, text, idx)
                if not f.country:
                    f.country = self._state_within(found, f.end, f.tail)
            reads = READ_NAMES_IN_TAGGED_SENTENCES or sentence not in tagged
            if f.tail < 0 and not f.country and lexicon.titles[f.key].complement in ("org", "any"):
                if reads:
                    self._unknown_body(f, found, added, view, text, idx, blocked)
                else:
                    f.country = self._state_after_body(f, by_start, text, idx, blocked)
            pos = _skip_modifiers(max(f.end, f.tail), text, idx, lexicon)
            f.former = any(normalize(w) in lexicon.former for w in text[max(f.end, f.tail):pos].split())
            nxt = _at(by_start, text, pos)
            if nxt is not None and nxt.source == "title" and not nxt.position and not nxt.country:
                # an honorific between the office and the name: الأمين العام ... الشيخ خميس الخنجر
                pos = nxt.end
                nxt = _at(by_start, text, pos)
            if reads and nxt is not None and nxt.source == "tagger" and nxt.type == "PER":
                span = name_after(pos, text, idx, lexicon, self.vocab, blocked, sentence)
                if span and span[1] > nxt.end:
                    nxt.drop = True   # the rules read more of the name (خميس الخنجر, not خميس)
                    nxt = None
            if nxt is not None and is_person(nxt, kb) and _agrees(f, nxt):
                f.holder = nxt
                continue
            if nxt is None and reads:
                span = name_after(pos, text, idx, lexicon, self.vocab, blocked, sentence)
                if span:
                    f.holder = self._rule_person(span, view, added, blocked, by_start, doc.text)
                    continue
            prev = _ending_at(by_end, text, f.start)
            if prev is not None and is_person(prev, kb) and _agrees(f, prev):
                f.holder = prev
                continue
            if prev is None and reads:
                span = name_before(f.start, text, idx, lexicon, self.vocab, blocked, sentence)
                if span:
                    f.holder = self._rule_person(span, view, added, blocked, by_start, doc.text)
                    continue
            if not f.position and not (f.key.startswith(COUNTERPART) and f.country):
                f.drop = True   # an honorific alone (الشيخ، الدكتور) names nobody
        for g in found:   # without a title, the tagger's own reading of a name stands
            if not g.drop and g.source == "tagger":
                blocked[g.start:g.end] = b"\x01" * (g.end - g.start)
        candidates = given_name_tokens(view, idx, self.given_automaton)
        if not READ_NAMES_IN_TAGGED_SENTENCES:
            candidates = [k for k in candidates if k < len(idx.tokens) and idx.tokens[k].sentence not in tagged]
        for span in standalone_names(text, idx, lexicon, self.vocab, blocked, candidates):
            self._rule_person(span, view, added, blocked, by_start, doc.text)
        return sorted(found + added, key=lambda f: (f.start, -f.end))

    def _unknown_body(self, f: Found, found: list[Found], added: list[Found], view: NormalizedView, text: str,
                      idx: TokenIndex, blocked: bytearray) -> None:
        """`رئيس بيت الإعلاميين العرب في تركيا`، `الأمين العام للمشروع العربي في العراق`: the body a title
        heads, when the KB lacks it, is an organization of the state named after في."""
        span = body_after_title(f.end, text, idx, self.lexicon, self.vocab, blocked, self.body_stop, self.dates)
        if span is None:
            return
        start, short_end, place_at = span
        person = min((g.start for g in found if not g.drop and g.type == "PER" and start < g.start < short_end),
                     default=None)
        if person is not None:   # the name after the body (إدارة الحماية المدنية أنجيلو بوريللي)
            short_end, place_at = len(text[:person].rstrip()), None
            if len(text[start:short_end].split()) < 2:
                return
        place = next((g for g in found if g.start == place_at and not g.drop and g.type == "LOC"), None)
        full_end = place.end if place is not None else short_end
        country = place.country if place is not None else None
        org = Found(start, short_end, "rule", "", kind="name", type="ORG", country=country,
                    wstart=view.to_view(start), vstart=view.to_view(start), vend=view.to_view(short_end))
        org.name = text[start:full_end]
        org.refers = "org:" + normalize(text[start:short_end])
        blocked[start:short_end] = b"\x01" * (short_end - start)
        added.append(org)
        f.country, f.tail = country, full_end
        if f.position is not None:
            f.role = None   # the office of a body the KB does not know: its role is unknown too

    def _state_after_body(self, f: Found, by_start: dict[int, Found], text: str, idx: TokenIndex,
                          blocked: bytearray) -> str | None:
        """`توران كشلاقجي، رئيس بيت الاعلاميين العرب في تركيا` in a sentence the tagger read: the tagger's reading
        of the names stands (no body is added), but the state after في is the title's (and so its holder's)."""
        span = body_after_title(f.end, text, idx, self.lexicon, self.vocab, blocked, self.body_stop, self.dates)
        if span is None or span[2] is None:
            return None
        place = by_start.get(span[2])
        return place.country if place is not None and not place.drop and place.type == "LOC" else None

    def _state_within(self, found: list[Found], start: int, end: int) -> str | None:
        """The state named or qualified in a body's description (باسم البرلمان الإيراني -> IRN)."""
        for g in found:
            if g.start < start or g.end > end:
                continue
            if g.kind == "demonym" and g.source == "kb":
                iso = self.kb.country_of_demonym(g.key)
                if iso:
                    return iso
            elif not g.drop and g.country:
                return g.country
        return None

    def _rule_person(self, span: tuple[int, int], view: NormalizedView, added: list[Found], blocked: bytearray,
                     by_start: dict[int, Found], text: str) -> Found:
        """A person read by the rules; first names right before a known surname join that person
        (`جان إيف` + `لودريان` -> `جان إيف لودريان`)."""
        s, e = span
        known = _at(by_start, text, e, commas=False)
        if known is not None and known.source == "kb" and known.type == "PER":
            known.start, known.wstart, known.vstart = s, view.to_view(s), view.to_view(s)
            blocked[s:e] = b"\x01" * (e - s)
            return known
        for g in by_start.values():   # tagger spans inside the rule's name give way to it
            if g.source == "tagger" and g.start < e and g.end > s:
                g.drop = True
        p = Found(s, e, "rule", "", kind="name", type="PER", subtype="person",
                  wstart=view.to_view(s), vstart=view.to_view(s), vend=view.to_view(e))
        blocked[s:e] = b"\x01" * (e - s)
        added.append(p)
        return p


def _skip_modifiers(pos: int, text: str, idx: TokenIndex, lexicon: ActorLexicon) -> int:
    k = idx.first_at_or_after(pos)
    while k < len(idx.tokens) and not text[pos:idx.tokens[k].start].strip() \
            and normalize(idx.tokens[k].text) in lexicon.modifiers:
        pos = idx.tokens[k].end
        k += 1
    return pos


def _take_portfolio(f: Found, text: str, idx: TokenIndex, blocked: bytearray) -> None:
    """`وزير الزراعة`: a bare minister title takes the definite word after it as its portfolio."""
    k = idx.first_at_or_after(f.end)
    if k < len(idx.tokens) and not text[f.end:idx.tokens[k].start].strip():
        t = idx.tokens[k]
        if not blocked[t.start] and not t.prefix and normalize(t.text).startswith("ال") and normalize(f.key).startswith("وزير"):
            f.end = t.end


def _phrase_end(pos: int, text: str, idx: TokenIndex, limit: int = 8) -> int:
    """End of the words after `pos` up to the next punctuation (the body a spokesperson speaks for)."""
    k = idx.first_at_or_after(pos)
    end = pos
    for t in idx.tokens[k:k + limit]:
        if not t.is_word:
            break
        end = t.end
    return end


def _at(by_start: dict[int, Found], text: str, pos: int, commas: bool = True) -> Found | None:
    """The found mention starting right after `pos` (only spaces, and commas if allowed, between)."""
    j = pos
    while j < len(text) and text[j] in (" \u00a0،," if commas else " \u00a0"):
        j += 1
    return by_start.get(j)


def _ending_at(by_end: dict[int, Found], text: str, pos: int) -> Found | None:
    j = pos
    while j > 0 and text[j - 1] in " \u00a0،,":
        j -= 1
    return by_end.get(j)


def _agrees(title: Found, person: Found) -> bool:
    """A title fits a person unless the person's known state contradicts the title's."""
    return not (title.country and person.country and title.country != person.country and person.kb_id)
