"""The knowledge base: who and what the news talks about, as data.

Every `*.jsonl` file in `settings.data_dir / "kb"` holds one `KBEntry` per line
(the schema is documented in `src/marsad/data/kb/README.md`). A line whose object
has a `_meta` key is the file's header (source, license, how it was made) and is
not an entry. `load_kb(settings)` reads and validates every file once; the pipeline
shares one knowledge base per process through `resources.get("kb", load_kb)`.

Lookups go through the normalized form of a surface (`marsad.text.normalize`), so
`الأمريكية`, `الامريكيه` and `الأمريكيّة` find the same entry.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..settings import Settings
from ..text.dates import parse_date
from ..text.normalize import normalize

TYPES = frozenset({"PER", "ORG", "LOC"})

SUBTYPES: dict[str, frozenset[str]] = {
    "LOC": frozenset({"country", "territory", "city", "province", "region", "district", "site", "body_of_water"}),
    "ORG": frozenset({"igo", "gov", "mil", "party", "armed_group", "media", "company", "religious", "ngo",
                      "academic", "sports", "agency", "court", "legislature", "police", "intelligence"}),
    "PER": frozenset({"person"}),
}

# The shared vocabulary of office keys (agreed with the actors stage).
POSITIONS = frozenset({
    "head_of_state", "head_of_government", "king", "crown_prince", "supreme_leader", "vice_president",
    "foreign_minister", "defence_minister", "interior_minister", "finance_minister", "minister", "spokesperson",
    "ambassador", "army_chief", "intelligence_chief", "speaker_of_parliament", "secretary_general", "envoy",
    "opposition_leader", "group_leader",
})

MENTION_KINDS = ("name", "alias", "demonym")

_ID_RE = re.compile(r"^(per|org|loc):[A-Za-z0-9][A-Za-z0-9:._-]*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ARABIC_RE = re.compile(r"[\u0621-\u064a]")
# Spelling variants of Arabic name connectors, on normalized text: عبد الله/عبدالله, أبو زيد/أبوزيد,
# محمد بن سلمان/محمد ابن سلمان. The index holds every variant of a surface, so the data lists one.
_VARIANT_RULES = (
    (re.compile(r"(?<!\S)عبد (\S)"), r"عبد\1"),          # عبد الله -> عبدالله, عبد ربه -> عبدربه
    (re.compile(r"(?<!\S)عبدال(\S)"), r"عبد ال\1"),      # عبدالعزيز -> عبد العزيز
    (re.compile(r"(?<!\S)ابو (\S)"), r"ابو\1"),          # ابو زيد -> ابوزيد
    (re.compile(r"(?<=\S) بن (?=\S)"), " ابن "),          # محمد بن سلمان -> محمد ابن سلمان
    (re.compile(r"(?<=\S) ابن (?=\S)"), " بن "),
)


# States of the Arab League: their names are Arabic, so the transliteration variants below do not apply.
ARAB_STATES = frozenset("DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM".split())
GENERATED_PLACES = "cities.jsonl"   # the gazetteer's towns get no extra spellings (too many, too noisy)


def foreign_variants(normalized: str) -> set[str]:
    """Transliterations of a foreign name with the other letter for a hard g: the Egyptian press writes ج
    (جوتيريش، جانتس، جوجل) where the Levant and the Gulf write غ (غوتيريش، غانتس، غوغل)."""
    return {v for v in (normalized.replace("غ", "ج"), normalized.replace("ج", "غ")) if v != normalized}


def spelling_variants(normalized: str) -> set[str]:
    """Other spellings of a normalized name (connector joined or split), not including the name itself."""
    if "عبد" not in normalized and "ابو" not in normalized and " بن " not in normalized \
            and " ابن " not in normalized:
        return set()
    out: set[str] = set()
    frontier = {normalized}
    for _ in range(2):   # a name may carry two connectors: عبد الله بن عبد العزيز
        new: set[str] = set()
        for form in frontier:
            for rule, repl in _VARIANT_RULES:
                v = rule.sub(repl, form)
                if v != form and v != normalized and v not in out:
                    new.add(v)
        out |= new
        frontier = new
    return out


# Proclitics a word may carry in front of a demonym (و ف ب ك ل), and ل + ال -> لل.
_PROCLITIC_RE = re.compile(r"^(?:[وف]?[بكل]?)")


@dataclass(frozen=True)
class Position:
    """An office held, for time-aware linking: `الرئيس الأميركي` in 2018 is Trump."""
    position: str            # key from POSITIONS
    country: str | None      # ISO alpha-3 of the state (None for an international body)
    org: str | None          # kb id of the organization, for org offices (e.g. "org:un")
    start: str | None        # ISO date, inclusive
    end: str | None          # ISO date, exclusive; None = still in office
    portfolio: str | None = None   # for `minister`: the portfolio in English ("agriculture")

    def covers(self, date: str | None) -> bool:
        """Whether the office was held on `date` (ISO; a year or year-month is read as its first day)."""
        if date is None:
            return self.end is None
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(frozen=True)
class KBEntry:
    id: str                  # "loc:country:AZE", "loc:city:baku", "org:un", "org:media:reuters", "per:donald-trump"
    type: str                # PER | ORG | LOC
    subtype: str             # see SUBTYPES
    name: str                # canonical Arabic name
    name_en: str | None
    country: str | None      # ISO alpha-3
    role: str | None         # CAMEO-style role: GOV MIL DIP MED REB IGO NGO BUS EDU REL OPP PTY COP JUD LEG ...
    code: str | None         # CAMEO-style actor code: "AZEGOV", "USA", "IGOUNO", "ISRMED"
    aliases: tuple[str, ...] = ()       # every surface form, as written
    demonyms: tuple[str, ...] = ()      # (countries) nisba forms in all inflections, with and without ال
    capital: str | None = None          # (countries) kb id of the capital city
    positions: tuple[Position, ...] = ()  # (people) offices with dates
    context: tuple[str, ...] = ()       # single words whose presence in the article supports this reading
    weight: float = 1.0                 # prior prominence; higher wins ambiguity
    # Surfaces (among name/aliases/demonyms) that are also ordinary words or another referent's usual name
    # (مالي "financial", عمان Oman/Amman): a recognizer should accept them only with supporting context.
    weak: tuple[str, ...] = ()
    parent: str | None = None           # kb id of the containing body (a ministry's government, a city's province)
    source: str = ""                    # file the entry was read from (set by the loader)


class KnowledgeBase:
    """Entries by id plus lazily built, cached indexes. Read-only once loaded."""

    def __init__(self, entries: dict[str, KBEntry]):
        self.entries = entries
        self._alias_index: dict[str, list[tuple[str, str]]] | None = None
        self._demonym_index: dict[str, str] | None = None
        self._weak: frozenset[str] | None = None
        self._by_position: dict[str, list[tuple[KBEntry, Position]]] | None = None
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
                foreign = e.country not in ARAB_STATES and e.source != GENERATED_PLACES
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

    def _positions(self) -> dict[str, list[tuple[KBEntry, Position]]]:
        if self._by_position is None:
            index: dict[str, list[tuple[KBEntry, Position]]] = {}
            for e in self.entries.values():
                for p in e.positions:
                    index.setdefault(p.position, []).append((e, p))
            self._by_position = index
        return self._by_position

    def holders(self, position: str, country: str | None = None, org: str | None = None,
                date: str | None = None) -> list[KBEntry]:
        """People holding `position` (of `country` and/or `org`) on `date` (ISO date, year-month or year, or an
        ISO timestamp or RSS date, see `marsad.text.dates.parse_date`); date None (or no date) -> the most recent holder(s). Heaviest
        first. The third positional argument may be the date
        (`holders("head_of_state", "USA", "2018-04-08")`): org ids start with "org:", dates with a digit."""
        if org is not None and date is None and _DATE_RE.match(org[:10]):
            org, date = None, org
        date = parse_date(date, partial=True)
        candidates = [(e, p) for e, p in self._positions().get(position, ())
                      if (country is None or p.country == country) and (org is None or p.org == org)]
        if date is None:
            current = [(e, p) for e, p in candidates if p.end is None]
            if current:
                chosen = current
            else:
                latest = max((p.end or "" for _, p in candidates), default=None)
                chosen = [(e, p) for e, p in candidates if p.end == latest]
        else:
            chosen = [(e, p) for e, p in candidates if p.covers(date)]
        seen: dict[str, KBEntry] = {}
        for e, _ in chosen:
            seen.setdefault(e.id, e)
        return sorted(seen.values(), key=lambda e: -e.weight)

    def offices(self, kb_id: str, date: str | None = None) -> list[Position]:
        """The offices a person held on `date` (any form `holders` reads); all of them when date is None."""
        e = self.entries.get(kb_id)
        if e is None:
            return []
        day = parse_date(date, partial=True)
        return [p for p in e.positions if day is None or p.covers(day)]

    def country(self, iso3: str) -> KBEntry | None:
        return self._countries.get(iso3)

    def capital_of(self, iso3: str) -> KBEntry | None:
        c = self._countries.get(iso3)
        return self.entries.get(c.capital) if c and c.capital else None

    def countries(self) -> list[KBEntry]:
        return list(self._countries.values())


# ----------------------------------------------------------------------------------------------- loading

_FIELDS = {f for f in KBEntry.__dataclass_fields__ if f != "source"}
_REQUIRED = ("id", "type", "subtype", "name")
_POS_FIELDS = set(Position.__dataclass_fields__)


def _tuple_of_str(value: Any, what: str) -> tuple[str, ...]:
    if not value:
        if value is None or value == []:
            return ()
        raise ValueError(f"{what} must be a list of non-empty strings")
    if type(value) is not list:
        raise ValueError(f"{what} must be a list of non-empty strings")
    for v in value:
        if type(v) is not str or not v.strip():
            raise ValueError(f"{what} must be a list of non-empty strings")
    return tuple(value)


def _position(obj: Any) -> Position:
    if not isinstance(obj, dict):
        raise ValueError("each position must be an object")
    unknown = set(obj) - _POS_FIELDS
    if unknown:
        raise ValueError(f"unknown position field(s) {', '.join(sorted(unknown))}")
    p = Position(position=obj.get("position"), country=obj.get("country"), org=obj.get("org"),
                 start=obj.get("start"), end=obj.get("end"), portfolio=obj.get("portfolio"))
    if p.position not in POSITIONS:
        raise ValueError(f"unknown position {p.position!r}")
    if p.country is not None and not _ISO3_RE.match(p.country):
        raise ValueError(f"position country {p.country!r} is not ISO alpha-3")
    for d in (p.start, p.end):
        if d is not None and not (isinstance(d, str) and _DATE_RE.match(d)):
            raise ValueError(f"position date {d!r} is not an ISO date")
    if p.start and p.end and p.end <= p.start:
        raise ValueError(f"position ends ({p.end}) before it starts ({p.start})")
    return p


def parse_entry(obj: Any, source: str = "") -> KBEntry:
    """One JSON object -> a checked KBEntry; raises ValueError saying what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError("an entry must be a JSON object")
    if not _FIELDS.issuperset(obj):
        raise ValueError(f"unknown field(s) {', '.join(sorted(set(obj) - _FIELDS))}")
    for k in _REQUIRED:
        if not isinstance(obj.get(k), str) or not obj[k].strip():
            raise ValueError(f"missing or empty {k!r}")
    # Filled through __dict__: the frozen dataclass's __init__ (one object.__setattr__ per field) is a third of
    # the load time for ~8,000 entries; the instance is just as immutable afterwards.
    e = object.__new__(KBEntry)
    e.__dict__.update(
        id=obj["id"], type=obj["type"], subtype=obj["subtype"], name=obj["name"],
        name_en=obj.get("name_en"), country=obj.get("country"), role=obj.get("role"), code=obj.get("code"),
        aliases=_tuple_of_str(obj.get("aliases"), "aliases"),
        demonyms=_tuple_of_str(obj.get("demonyms"), "demonyms"),
        capital=obj.get("capital"),
        positions=tuple(_position(p) for p in obj.get("positions") or ()),
        context=_tuple_of_str(obj.get("context"), "context"),
        weight=float(obj.get("weight", 1.0)),
        weak=_tuple_of_str(obj.get("weak"), "weak"),
        parent=obj.get("parent"),
        source=source,
    )
    if not _ID_RE.match(e.id):
        raise ValueError(f"id {e.id!r} is not of the form per:|org:|loc: + a slug")
    if e.type not in TYPES:
        raise ValueError(f"type {e.type!r} is not one of {', '.join(sorted(TYPES))}")
    if not e.id.startswith(e.type.lower() + ":"):
        raise ValueError(f"id {e.id!r} does not start with its type {e.type.lower()}:")
    if e.subtype not in SUBTYPES[e.type]:
        raise ValueError(f"subtype {e.subtype!r} is not valid for {e.type}")
    if e.country is not None and not (isinstance(e.country, str) and _ISO3_RE.match(e.country)):
        raise ValueError(f"country {e.country!r} is not ISO alpha-3")
    for s in (e.name, *e.aliases, *e.demonyms):
        if not _ARABIC_RE.search(s):
            raise ValueError(f"surface {s!r} has no Arabic letter")
    if e.weak:
        surfaces = {normalize(s) for s in (e.name, *e.aliases, *e.demonyms)}
        for w in e.weak:
            if normalize(w) not in surfaces:
                raise ValueError(f"weak surface {w!r} is not among the entry's name, aliases or demonyms")
    for w in e.context:
        if " " in w.strip():
            raise ValueError(f"context {w!r} is more than one word (context is matched word by word)")
    if e.positions and e.type != "PER":
        raise ValueError("only people hold positions")
    return e


def read_kb_file(path: Path) -> list[KBEntry]:
    """Entries of one JSONL file; raises ConfigError naming file:line on a bad line."""
    entries: list[KBEntry] = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
                if isinstance(obj, dict) and "_meta" in obj:
                    continue
                entries.append(parse_entry(obj, source=path.name))
            except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
                raise ConfigError(f"{path}:{lineno}: bad knowledge-base entry: {exc}") from None
    return entries


def load_kb(settings: Settings | None = None) -> KnowledgeBase:
    """Read and validate every `*.jsonl` file of the knowledge base (ids unique, references resolvable)."""
    kb_dir = Path((settings or Settings()).data_dir) / "kb"
    if not kb_dir.is_dir():
        raise ConfigError(f"knowledge-base directory {kb_dir} is missing")
    entries: dict[str, KBEntry] = {}
    for path in sorted(kb_dir.glob("*.jsonl")):
        for e in read_kb_file(path):
            if e.id in entries:
                raise ConfigError(f"{path}: duplicate knowledge-base id {e.id!r} (also in {entries[e.id].source})")
            entries[e.id] = e
    for e in entries.values():
        for ref, what in ((e.capital, "capital"), (e.parent, "parent"), *((p.org, "position org") for p in e.positions)):
            if ref is not None and ref not in entries:
                raise ConfigError(f"{kb_dir / e.source}: {e.id}: {what} {ref!r} is not in the knowledge base")
    return KnowledgeBase(entries)


__all__ = ["Position", "KBEntry", "KnowledgeBase", "load_kb", "parse_entry", "read_kb_file", "spelling_variants",
           "foreign_variants", "POSITIONS", "TYPES", "SUBTYPES", "MENTION_KINDS"]
