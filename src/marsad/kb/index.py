"""The index and lookups: a loaded knowledge base and the questions the stages ask it.

`KnowledgeBase` holds the entries by id and builds, once and lazily, the indexes the stages read:
the alias index (folded surface -> entries, with the spelling variants of `marsad.kb.fold`), the
demonym index (nisba adjective -> state), the weak surfaces, and the offices (`marsad.kb.offices`).
"""
from __future__ import annotations

import re

from ..text.normalize import normalize
from .fold import ARAB_STATES, GENERATED_PLACES, fold, foreign_variants, spelling_variants
from .model import MENTION_KINDS, KBEntry, Position
from .offices import OfficeIndex

# Proclitics a word may carry in front of a demonym (و ف ب ك ل), and ل + ال -> لل.
_PROCLITIC_RE = re.compile(r"^(?:[وف]?[بكل]?)")


class KnowledgeBase:
    """Entries by id plus lazily built, cached indexes. Read-only once loaded."""

    def __init__(self, entries: dict[str, KBEntry]):
        self.entries = entries
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
        """normalized surface -> [(kb_id, mention_kind)], kind in name | alias | demonym; heavier entries first.
        People and organizations are also found under the connector spellings of their names
        (`spelling_variants`: عبدالله for عبد الله, أبوزيد for أبو زيد, ابن for بن), and names from outside the
        Arab states under the other transliteration of a hard g (`foreign_variants`: جوتيريش for غوتيريش)."""
        if self._alias_index is None:
            index: dict[str, list[tuple[str, str]]] = {}
            seen: set[tuple[str, str]] = set()
            keys_of: dict[str, tuple[tuple[str, list[str]], ...]] = {}   # id -> (kind, normalized surfaces)
            for e in self.entries.values():
                names = [normalize(e.name).strip()]
                aliases = [normalize(s).strip() for s in e.aliases]
                keys_of[e.id] = (("name", names), ("alias", aliases))
                for kind, keys in (("name", names), ("alias", aliases),
                                   ("demonym", [normalize(s).strip() for s in e.demonyms])):
                    for key in keys:
                        if (key, e.id) in seen:   # the first (strongest) kind of a surface wins
                            continue
                        seen.add((key, e.id))
                        hits = index.get(key)
                        if hits is None:
                            index[key] = [(e.id, kind)]
                        else:
                            hits.append((e.id, kind))
            for e in self.entries.values():   # other spellings, after every surface as written
                foreign = e.country not in ARAB_STATES and e.file != GENERATED_PLACES
                if e.type == "LOC" and not foreign:
                    continue
                for kind, normalized in keys_of[e.id]:
                    for key0 in normalized:
                        keys = spelling_variants(key0) if e.type != "LOC" else set()
                        if foreign:
                            keys |= foreign_variants(key0)
                        for key in keys:
                            if (key, e.id) not in seen:
                                seen.add((key, e.id))
                                index.setdefault(key, []).append((e.id, kind))
            for hits in index.values():
                if len(hits) > 1:
                    hits.sort(key=lambda h: (-self.entries[h[0]].weight, MENTION_KINDS.index(h[1]), h[0]))
            self._alias_index = index
        return self._alias_index

    def lookup(self, surface: str) -> list[KBEntry]:
        """Entries a surface (as written or normalized) may refer to, heaviest first."""
        return [self.entries[k] for k, _ in self.alias_index().get(normalize(surface).strip(), ())]

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
