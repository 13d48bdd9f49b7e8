"""The entry model of the knowledge base: what one line of a `data/kb/*.jsonl` file holds.

`KBEntry` is one referent (a state, a city, a body, an outlet, a person); `Position` is an office a
person held between two dates. The vocabularies every file shares (types, subtypes, office keys,
mention kinds) live here too, so that the loader validates against them and the stages read them.
The schema is documented in `src/marsad/data/kb/README.md`.
"""
from __future__ import annotations

from dataclasses import dataclass

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

# How a surface names its entry, strongest first (the alias index keeps the strongest kind of a surface).
MENTION_KINDS = ("name", "alias", "demonym")


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
        """Whether the office was held on `date` (ISO; a year or year-month is read as its first day).

        >>> Position("head_of_state", "USA", None, "2017-01-20", "2021-01-20").covers("2018-04-08")
        True
        """
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
    source: str | None = None           # provenance of the entry when it differs from its file's header
    #                                     ("mined:ant-news count=812; reviewed", "universalpetrarch-ar; reviewed")
    file: str = ""                      # file the entry was read from (set by the loader)

    def surfaces(self) -> tuple[str, ...]:
        """The name and the aliases, as written (not the demonyms)."""
        return (self.name, *self.aliases)


__all__ = ["TYPES", "SUBTYPES", "POSITIONS", "MENTION_KINDS", "Position", "KBEntry"]
