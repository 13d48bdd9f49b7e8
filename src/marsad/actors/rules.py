"""The actors stage's lexicons: titles, institution patterns, labels, anaphors, pronouns, given names.

All knowledge lives in `data/actors/` (schema in data/actors/README.md); this module reads and
validates it once (`load_actor_lexicon(settings)`, shared through `resources`). Keys are
normalized (`marsad.text.normalize.normalize`) so they match the normalized view of a document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..settings import Settings
from ..text.normalize import normalize

ISO3 = re.compile(r"^[A-Z]{3}$")
ROLE = re.compile(r"^[A-Z]{3}$")
KB_ID = re.compile(r"^(per|org|loc):[A-Za-z0-9][A-Za-z0-9:._-]*$")
TITLE_COMPLEMENTS = ("country", "org", "any", "-")
INSTITUTION_KINDS = ("org", "state", "capital")
PERSONS = ("1s", "1p", "2s", "2p", "3ms", "3fs", "3p")
# Normalized start of the "counterpart" titles (نظيره، نظيرتها): definite by their pronoun, and their
# office is the office of the person named before them.
COUNTERPART = "نظير"
# How a definite word opens, with its proclitics (السياسة، للسياسة، والشؤون، بالكرة), normalized: a word that
# opens so is a definite noun a following adjective may qualify (`context`, `link`).
DEFINITE_OPENINGS = ("ال", "لل", "وال", "فال", "بال", "ولل", "كال")


@dataclass(frozen=True)
class Title:
    """A title or role phrase (الرئيس، وزير الخارجية، السفير، الحاخام)."""
    phrase: str
    position: str | None     # shared position key (kb.holders), None for an honorific
    role: str | None         # CAMEO-style role it gives its holder
    complement: str          # country | org | any | - : what may follow and qualify it


@dataclass(frozen=True)
class Institution:
    """A head phrase that, with a nationality adjective or a state's name, names an organ of that state."""
    head: str
    kind: str                # org | state | capital
    subtype: str | None
    role: str | None
    alone: bool = False      # names one body of the article's main state even without a state after it


@dataclass(frozen=True)
class Anaphor:
    """A definite description (المملكة) that refers back to a state already named."""
    phrase: str
    countries: tuple[str, ...]


@dataclass(frozen=True)
class StatePronoun:
    """A possessive form (بلاده) standing for the state of the speaker or subject."""
    form: str
    person: str


@dataclass(frozen=True)
class ActorLexicon:
    titles: dict[str, Title]              # normalized phrase -> title
    institutions: dict[str, Institution]  # normalized head -> pattern
    labels: dict[str, str]                # normalized label -> ISO3 of a state, or a KB id (org:idf)
    anaphors: dict[str, Anaphor]          # normalized phrase -> anaphor
    pronouns: dict[str, StatePronoun]     # normalized form -> pronoun
    given_names: frozenset[str]           # given names, folded by fold_name (ى kept apart from ي)
    connectors: frozenset[str]            # normalized name connectors (بن، أبو، عبد)
    modifiers: frozenset[str]             # normalized words between a title and its name (السابق)
    outlet_cues: frozenset[str]           # normalized words announcing a media outlet (صحيفة)
    not_name_words: frozenset[str] = frozenset()   # normalized words never inside a name (أمس، مسؤول)
    place_cues: frozenset[str] = frozenset()       # normalized words announcing a place (مدينة، البحر)
    org_cues: dict[str, frozenset[str]] = field(default_factory=dict)  # normalized word -> KB subtypes it announces
    org_heads: frozenset[str] = frozenset()        # normalized nouns that head an organization's name (مجلس)
    # words that announce a name and are not part of it (صحيفة، حركة، إقليم): the cue lists together
    descriptors: frozenset[str] = frozenset()
    epithets: frozenset[str] = frozenset()         # normalized words after a place's name, not part of it
    former: frozenset[str] = frozenset()           # normalized modifiers of an office no longer held (السابق)
    letter_names: frozenset[str] = frozenset()     # normalized Latin letter names (بي، سي) that spell acronyms
    facility_heads: dict[str, str] = field(default_factory=dict)   # normalized noun -> LOC | ORG | - (facilities.py)
    body_heads: frozenset[str] = frozenset()       # org_heads that name a body with a nationality alone (bodies.py)
    idioms: frozenset[str] = frozenset()           # normalized fixed phrases opening with a name's spelling (idioms.py)
    located_in: frozenset[str] = frozenset()       # normalized locative words (في، قرب) before a known place (placing.py)


def fold_name(s: str) -> str:
    """Normalization for given names that keeps alef maqsura apart (علي the name, على the preposition)."""
    return normalize(s.replace("ى", "\u0000")).replace("\u0000", "ى")


def _rows(path: Path, ncols: int):
    """(line number, fields) of a TSV data file, skipping comments and blank lines."""
    if not path.is_file():
        raise ConfigError(f"{path}: missing actors data file")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != ncols or not all(f.strip() for f in fields):
            raise ConfigError(f"{path}:{n}: expected {ncols} tab-separated fields, got {line!r}")
        yield n, [f.strip() for f in fields]


def _opt(v: str) -> str | None:
    return None if v == "-" else v


def load_actor_lexicon(settings: Settings) -> ActorLexicon:
    base = Path(settings.data_dir) / "actors"
    titles: dict[str, Title] = {}
    path = base / "titles.tsv"
    for n, (phrase, position, role, complement) in _rows(path, 4):
        if complement not in TITLE_COMPLEMENTS or (role != "-" and not ROLE.match(role)):
            raise ConfigError(f"{path}:{n}: bad role {role!r} or complement {complement!r}")
        titles[normalize(phrase)] = Title(phrase, _opt(position), _opt(role), complement)
    institutions: dict[str, Institution] = {}
    path = base / "institutions.tsv"
    for n, (head, kind, subtype, role, alone) in _rows(path, 5):
        if kind not in INSTITUTION_KINDS or (role != "-" and not ROLE.match(role)) or alone not in ("yes", "no"):
            raise ConfigError(f"{path}:{n}: bad kind {kind!r}, role {role!r} or alone {alone!r}")
        institutions[normalize(head)] = Institution(head, kind, _opt(subtype), _opt(role), alone == "yes")
    labels: dict[str, str] = {}
    path = base / "labels.tsv"
    for n, (label, referent) in _rows(path, 2):
        if not (ISO3.match(referent) or KB_ID.match(referent)):
            raise ConfigError(f"{path}:{n}: {referent!r} is neither an ISO 3166-1 alpha-3 code nor a knowledge-base id")
        labels[normalize(label)] = referent
    anaphors: dict[str, Anaphor] = {}
    path = base / "anaphors.tsv"
    for n, (phrase, countries) in _rows(path, 2):
        codes = tuple(countries.split())
        if not all(ISO3.match(c) for c in codes):
            raise ConfigError(f"{path}:{n}: countries must be ISO alpha-3 codes, got {countries!r}")
        anaphors[normalize(phrase)] = Anaphor(phrase, codes)
    pronouns: dict[str, StatePronoun] = {}
    path = base / "pronouns.tsv"
    for n, (form, person) in _rows(path, 2):
        if person not in PERSONS:
            raise ConfigError(f"{path}:{n}: person must be one of {', '.join(PERSONS)}, got {person!r}")
        pronouns[normalize(form)] = StatePronoun(form, person)
    path = base / "given_names.txt"
    names = frozenset(fold_name(w) for _, (w,) in _rows(path, 1))
    path = base / "name_parts.tsv"
    parts: dict[str, set[str]] = {"connector": set(), "modifier": set(), "stop": set(), "epithet": set(),
                                  "former": set()}
    for n, (word, use) in _rows(path, 2):
        if use not in parts:
            raise ConfigError(f"{path}:{n}: use must be connector, modifier, former, stop or epithet, got {use!r}")
        parts[use].add(normalize(word))
    cues = frozenset(normalize(w) for _, (w,) in _rows(base / "outlet_cues.txt", 1))
    places = frozenset(normalize(w) for _, (w,) in _rows(base / "place_cues.txt", 1))
    org_cues = {normalize(w): frozenset(subtypes.split()) for _, (w, subtypes) in _rows(base / "org_cues.tsv", 2)}
    heads = frozenset(h for _, (w,) in _rows(base / "org_heads.txt", 1)
                      for h in (normalize(w), "ال" + normalize(w)) if not normalize(w).startswith("ال"))
    letters = frozenset(normalize(w) for _, (w,) in _rows(base / "letter_names.txt", 1))
    facilities: dict[str, str] = {}
    path = base / "facility_heads.tsv"
    for n, (word, kind) in _rows(path, 2):
        if kind not in ("LOC", "ORG", "-"):
            raise ConfigError(f"{path}:{n}: type must be LOC, ORG or -, got {kind!r}")
        facilities[normalize(word)] = kind
    located_in = frozenset(normalize(w) for _, (w,) in _rows(base / "located_in.txt", 1))
    idioms = frozenset(normalize(w) for _, (w,) in _rows(base / "idioms.txt", 1))
    generic = frozenset(normalize(w) for _, (w,) in _rows(base / "generic_heads.txt", 1))
    body_heads = frozenset(h for h in heads if h.removeprefix("ال") not in generic)
    return ActorLexicon(titles, institutions, labels, anaphors, pronouns, names,
                        frozenset(parts["connector"]), frozenset(parts["modifier"] | parts["former"]), cues, frozenset(parts["stop"]), places, org_cues, heads,
                        cues | frozenset(org_cues) | places, frozenset(parts["epithet"]), frozenset(parts["former"]), letters,
                        facilities, body_heads, idioms, located_in)
