"""The state of a place or body the knowledge base does not know, read from the words right after it.

`مدينة يانجون بميانمار`، `بلدة دوما قرب نابلس`، `وزيرستان، وهي منطقة قبلية في باكستان`، `نادي كوينز بارك
ريجينز في العاصمة البريطانية لندن`: a place or an organization the KB lacks, followed in its own clause by a
locative word (`data/actors/located_in.txt`: في، قرب، داخل, or ب glued to the place) and a place whose state is
known, lies in that state. The text says it, so it is taken before the article's main state (the
coreference step's last resort). Persons are left alone: `قال فلان في تركيا` says where he spoke, not
whose he is.
"""
from __future__ import annotations

import re

from ..text.normalize import normalize
from .found import Found

# `X، وهي منطقة قبلية في باكستان`: an apposition that describes the name (هو/هي, at most this many words
# before the locative word)
DESCRIPTION_OPENERS = ("وهي", "وهو")
MAX_DESCRIPTION_WORDS = 3
# how far after the name the locative phrase may start (characters)
LOOKAHEAD_CHARS = 80
GLUED_LOCATIVE = "ب"

_WORD = re.compile(r"[^\s\"'«»“”()\[\]]+")
_CLAUSE_END = re.compile(r"[.!?؟:؛;\n]")


def placed_by_the_text(found: list[Found], text: str, located_in: frozenset[str]) -> None:
    """Give an unplaced place/organization (not in the KB) the state of the known place the text puts it in:
    `مدينة يانجون بميانمار` -> يانجون, MMR (tests/test_actors_places_bodies.py runs it)."""
    places = {f.start: f for f in found if not f.drop and f.type == "LOC" and f.country
              and (f.kb_id or f.source in ("label", "institution"))}
    if not places:
        return
    for f in found:
        if f.drop or f.kb_id or f.country or f.type not in ("LOC", "ORG") or f.source not in ("tagger", "rule"):
            continue
        place = _place_after(text, f.end, places, located_in)
        if place is not None:
            f.country = place.country


def _place_after(text: str, pos: int, places: dict[int, Found], located_in: frozenset[str]) -> Found | None:
    """The known place of a locative phrase starting right after `pos` (or after a short هي/هو description)."""
    window = text[pos:pos + LOOKAHEAD_CHARS]
    end = _CLAUSE_END.search(window)
    if end is not None:
        window = window[:end.start()]
    words = [(pos + m.start(), m.group()) for m in _WORD.finditer(window)]
    if words and words[0][1] == "،":
        words = words[1:]
    elif words and words[0][1].startswith("،"):
        words[0] = (words[0][0] + 1, words[0][1][1:])
    if words and normalize(words[0][1]) in DESCRIPTION_OPENERS and text[pos:words[0][0]].strip() == "،":
        for k in range(1, min(len(words), MAX_DESCRIPTION_WORDS + 2)):
            if "،" in words[k][1] or "," in words[k][1]:
                return None
            place = _locative_at(words, k, places, located_in)
            if place is not None:
                return place
        return None
    if words and text[pos:words[0][0]].strip():
        return None   # punctuation between the name and the next word: another phrase
    return _locative_at(words, 0, places, located_in)


def _locative_at(words: list[tuple[int, str]], k: int, places: dict[int, Found],
                 located_in: frozenset[str]) -> Found | None:
    """`في باكستان` (a locative word, then a known place) or `بميانمار` (ب glued to it) at word k."""
    if k >= len(words):
        return None
    start, word = words[k]
    if normalize(word) in located_in and k + 1 < len(words):
        return places.get(words[k + 1][0])
    if word.startswith(GLUED_LOCATIVE):
        return places.get(start + len(GLUED_LOCATIVE))
    return None
