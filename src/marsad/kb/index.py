"""The index and lookups: a loaded knowledge base and the questions the stages ask it.

`KnowledgeBase` holds the entries by id and builds, once and lazily, the indexes the stages read:
the alias index (folded surface -> entries, with the spelling variants of `marsad.kb.fold`), the
demonym index (nisba adjective -> state), the weak surfaces, and the offices (`marsad.kb.offices`).
"""
from __future__ import annotations

import re

from ..text.normalize import normalize
from dataclasses import dataclass, field
from pathlib import Path

from .fold import (ARAB_STATES, GENERATED_PLACES, Surface, VariantData, WordShapes, demonym_bases, fold,
                   may_vary, read_variant_data, variants_of)
from .model import MENTION_KINDS, KBEntry, Position
from .offices import OfficeIndex

# Proclitics a word may carry in front of a demonym (و ف ب ك ل), and ل + ال -> لل.
_PROCLITIC_RE = re.compile(r"^(?:[وف]?[بكل]?)")


def _foreign(e: KBEntry) -> bool:
    """Whether transliteration variants apply to an entry's names: from outside the Arab states, and not one
    of the gazetteer's generated towns."""
    return e.country not in ARAB_STATES and e.file != GENERATED_PLACES


@dataclass
class VariantReport:
    """What the spelling rules added to the alias index and which collisions were settled."""
    added: dict[str, int] = field(default_factory=dict)          # rule -> (key, entry) pairs added
    origin: dict[str, tuple[str, str]] = field(default_factory=dict)   # generated key -> (written key, rule)
    shadowed: list[tuple[str, list[str], list[str]]] = field(default_factory=list)   # variant = another entry's surface
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)   # variant reached by several entries


class KnowledgeBase:
    """Entries by id plus lazily built, cached indexes. Read-only once loaded.

    `variants_path` (`data/kb/name_variants.tsv`) and `word_counts_path` (`data/lexicon/vocab.tsv.gz`) feed
    the spelling rules; without them the index holds the connector and demonym variants only."""

    def __init__(self, entries: dict[str, KBEntry], variants_path: Path | None = None,
                 word_counts_path: Path | None = None):
        self.entries = entries
        self.variants_path = variants_path
        self.word_counts_path = word_counts_path
        self.variant_report: VariantReport | None = None
        self._alias_index: dict[str, list[tuple[str, str]]] | None = None
        self._demonym_index: dict[str, str] | None = None
        self._weak: frozenset[str] | None = None
        self._offices: OfficeIndex | None = None
        self._countries: dict[str, KBEntry] = {
            e.country: e for e in entries.values() if e.type == "LOC" and e.subtype in ("country", "territory") and e.country
        }

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, kb_id: str) -> KBEntry | None:
        return self.entries.get(kb_id)

    def alias_index(self) -> dict[str, list[tuple[str, str]]]:
        """folded surface -> [(kb_id, mention_kind)], kind in name | alias | demonym; heavier entries first.

        Every written name, alias and demonym is a key; so is every other spelling of a name or alias that
        the rules of `marsad.kb.fold` generate (عبدالعزيز for عبد العزيز, ترمب for ترامب, المخابرات for
        الاستخبارات in a body's name). A generated key points to the entries whose written surfaces made
        it. Collisions are settled here: a written surface is never overridden by a generated one, and a
        generated key that two entries reach from surfaces they do not share is left out (both counted in
        `variant_report`). Weak surfaces (also ordinary words) make no variants."""
        if self._alias_index is None:
            self._alias_index = self._build_alias_index()
        return self._alias_index

    def _build_alias_index(self) -> dict[str, list[tuple[str, str]]]:
        index: dict[str, list[tuple[str, str]]] = {}
        seen: set[tuple[str, str]] = set()
        written: list[tuple[KBEntry, str, Surface]] = []   # (entry, kind, folded surface) that may vary
        for e in self.entries.values():
            weak = {fold(w) for w in e.weak} if e.weak else ()
            foreign = _foreign(e)
            for kind, surfaces in (("name", (e.name,)), ("alias", e.aliases), ("demonym", e.demonyms)):
                for s in surfaces:
                    key = fold(s)
                    if (key, e.id) in seen:   # the first (strongest) kind of a surface wins
                        continue
                    seen.add((key, e.id))
                    index.setdefault(key, []).append((e.id, kind))
                    if kind != "demonym" and key not in weak and may_vary(key, foreign, e.type):
                        written.append((e, kind, Surface(key, foreign, e.type, e.subtype, e.weight)))
        shapes = self._word_shapes()
        data = self._variant_data()
        proposed: dict[str, dict[str, tuple[str, str, str]]] = {}   # variant -> id -> (kind, written key, rule)
        for e, kind, s in written:
            for v, rule in variants_of(s, shapes, data).items():
                proposed.setdefault(v, {}).setdefault(e.id, (kind, s.key, rule))
        report = VariantReport()
        for v, by_id in proposed.items():
            ids = set(by_id)
            if v in index:
                if not ids <= {k for k, _ in index[v]}:
                    report.shadowed.append((v, sorted(ids), [k for k, _ in index[v]]))
                continue
            if len(ids) > 1 and not any(ids <= {k for k, _ in index[src]} for _, src, _ in by_id.values()):
                report.ambiguous.append((v, sorted(ids)))
                continue
            index[v] = [(k, kind) for k, (kind, _, _) in by_id.items()]
            for k, (_, src, rule) in by_id.items():
                report.added[rule.split("+")[0]] = report.added.get(rule.split("+")[0], 0) + 1
                report.origin.setdefault(v, (src, rule))
        for hits in index.values():
            if len(hits) > 1:
                hits.sort(key=lambda h: (-self.entries[h[0]].weight, MENTION_KINDS.index(h[1]), h[0]))
        self.variant_report = report
        return index

    def _variant_data(self) -> VariantData:
        synonyms = {} if self.variants_path is None else read_variant_data(self.variants_path)
        countries = [(e.country, e.demonyms) for e in self.entries.values()
                     if e.subtype in ("country", "territory") and e.country and e.demonyms]
        return VariantData(synonyms, demonym_bases(countries))

    def _word_shapes(self) -> WordShapes:
        """The corpus vocabulary, for the transliteration rules' test of an ordinary word."""
        return WordShapes() if self.word_counts_path is None else WordShapes.load(self.word_counts_path)

    def lookup(self, surface: str) -> list[KBEntry]:
        """Entries a surface (as written or normalized) may refer to, heaviest first."""
        return [self.entries[k] for k, _ in self.alias_index().get(fold(surface), ())]

    def is_weak(self, surface: str, kb_id: str | None = None) -> bool:
        """Whether a surface is also an ordinary word or another place's name (needs context to accept).
        With `kb_id`, whether that entry marks it weak; without, whether any entry does."""
        if kb_id is not None:
            e = self.entries.get(kb_id)
            key = normalize(surface)
            return e is not None and any(normalize(w) == key for w in e.weak)
        if self._weak is None:
            self._weak = frozenset(normalize(s) for e in self.entries.values() for s in e.weak)
        return normalize(surface) in self._weak

    def _demonyms(self) -> dict[str, str]:
        if self._demonym_index is None:
            index: dict[str, tuple[float, str]] = {}
            for e in self.entries.values():
                if not e.country or not e.demonyms:
                    continue
                weak = {normalize(w) for w in e.weak}
                for d in e.demonyms:
                    key = normalize(d)
                    if key in weak:   # المالية is "financial" far more often than "Malian"
                        continue
                    if key not in index or index[key][0] < e.weight:
                        index[key] = (e.weight, e.country)
            self._demonym_index = {k: iso for k, (_, iso) in index.items()}
        return self._demonym_index

    def country_of_demonym(self, normalized_word: str) -> str | None:
        """"الامريكيه" -> "USA": the state a nisba adjective (any inflection, with or without ال,
        with a leading و/ف/ب/ك/ل clitic) refers to, or None. Demonyms marked weak (المالية "financial",
        not "Malian") are left out: use alias_index() to see them."""
        index = self._demonyms()
        word = normalize(normalized_word)
        hit = index.get(word)
        if hit:
            return hit
        # ل + ال is written لل: للامريكيين -> الامريكيين (try before stripping a bare ل)
        for lead in ("لل", "ولل", "فلل"):
            if word.startswith(lead) and len(word) > len(lead) + 2:
                hit = index.get("ال" + word[len(lead):])
                if hit:
                    return hit
        stripped = _PROCLITIC_RE.sub("", word, count=1)
        if stripped != word and len(stripped) > 2:
            return index.get(stripped)
        return None

    def _office_index(self) -> OfficeIndex:
        if self._offices is None:
            self._offices = OfficeIndex(self.entries)
        return self._offices

    def _positions(self) -> dict[str, list[tuple[KBEntry, Position]]]:
        return self._office_index().by_position

    def holders(self, position: str, country: str | None = None, org: str | None = None,
                date: str | None = None) -> list[KBEntry]:
        """People holding `position` (of `country` and/or `org`) on `date` (see `OfficeIndex.holders`)."""
        return self._office_index().holders(position, country, org, date)

    def offices(self, kb_id: str, date: str | None = None) -> list[Position]:
        """The offices a person held on `date`; all of them when date is None (see `OfficeIndex.offices`)."""
        return self._office_index().offices(kb_id, date)

    def country(self, iso3: str) -> KBEntry | None:
        return self._countries.get(iso3)

    def capital_of(self, iso3: str) -> KBEntry | None:
        c = self._countries.get(iso3)
        return self.entries.get(c.capital) if c and c.capital else None

    def countries(self) -> list[KBEntry]:
        return list(self._countries.values())


__all__ = ["KnowledgeBase"]
