"""Word lists of the events stage: modality cues and slot words (`data/events/*.tsv`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..settings import Settings
from ..text.normalize import normalize

@dataclass(frozen=True)
class ModalityCues:
    by_word: dict[str, str]  # normalized word -> one of KINDS


KINDS = ("negated", "intended", "attempted", "threatened", "demanded", "declined", "denied_cue")


def load_modality(settings: Settings) -> ModalityCues:
    path = Path(settings.data_dir) / "events" / "modality.tsv"
    by_word: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, words = line.partition("\t")
        if kind not in KINDS or not words:
            raise ConfigError(f"{path}:{n}: expected '{'|'.join(KINDS)}<TAB>words'")
        for w in words.split(","):
            by_word[normalize(w.strip())] = kind
    return ModalityCues(by_word)


@dataclass(frozen=True)
class SlotWords:
    """Word lists the slot filler uses (data/events/slot_words.tsv), normalized."""
    title: frozenset[str]
    skip: frozenset[str]
    first_person: frozenset[str]
    casualty: frozenset[str] = frozenset()
    despite: frozenset[str] = frozenset()
    domestic: frozenset[str] = frozenset()
    achieve: frozenset[str] = frozenset()
    abroad: frozenset[str] = frozenset()


def load_slot_words(settings: Settings) -> SlotWords:
    path = Path(settings.data_dir) / "events" / "slot_words.tsv"
    kinds: dict[str, set[str]] = {"title": set(), "skip": set(), "first_person": set(), "casualty": set(), "despite": set(),
                                  "domestic": set(), "achieve": set(), "abroad": set()}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, words = line.partition("\t")
        if kind not in kinds or not words:
            raise ConfigError(f"{path}:{n}: expected 'title|skip|first_person|casualty|despite|domestic|achieve|abroad<TAB>words'")
        kinds[kind].update(normalize(w.strip()) for w in words.split(",") if w.strip())
    return SlotWords(**{k: frozenset(v) for k, v in kinds.items()})
