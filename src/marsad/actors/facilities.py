"""Places, bodies and prizes named after a person: `مطار الملك خالد`، `جامعة الملك فهد`، `جائزة نوبل`.

A person's name in construct after a facility noun (`data/actors/facility_heads.tsv`: مطار، جامعة، مستشفى،
جائزة ...) names the facility, not the person: the person is no actor of the article. `named_after_people`
turns such a person mention (and a title right before it: `مطار **الملك** خالد`) into a mention of the
facility: a place or an organization, or nothing for a prize or a medal. The span is the one NER corpora
mark: the head noun and the name (`جامعة الملك فهد`); after a place word (`مدينة الصدر`) only the name,
as for any place after its descriptor. The facility is taken to lie in the person's state.
"""
from __future__ import annotations

from ..doc import Doc
from ..text.normalize import NormalizedView, normalize
from .found import Found
from .rules import ActorLexicon

PROCLITIC_LETTERS = "وفبل"


def _head_before(text: str, pos: int, heads: dict[str, str]) -> tuple[int, str] | None:
    """(start of the head noun, its type) when the word right before `pos` (only spaces between) is a facility
    noun in construct, with proclitics or not (بمطار، ولجامعة); None otherwise."""
    j = pos
    while j > 0 and text[j - 1] in " \u00a0":
        j -= 1
    if j == pos:
        return None
    k = j
    while k > 0 and not text[k - 1].isspace() and text[k - 1] not in "\"'«»()،,.:؛":
        k -= 1
    word = text[k:j]
    for lead in range(0, 3):
        if lead and (len(word) <= lead or word[lead - 1] not in PROCLITIC_LETTERS):
            break
        kind = heads.get(normalize(word[lead:]))
        if kind is not None:
            return k + lead, kind
    return None


def named_after_people(found: list[Found], doc: Doc, view: NormalizedView, lexicon: ActorLexicon) -> list[Found]:
    """`هبطت الطائرة في مطار الملك خالد`: the person mention after a facility noun becomes the facility's."""
    heads = lexicon.facility_heads
    if not heads:
        return found
    text = doc.text
    live = [f for f in found if not f.drop]
    title_ending = {f.end: f for f in live if f.source == "title"}
    added: list[Found] = []
    for f in live:
        if f.drop or f.type != "PER" or f.kind != "name":
            continue
        start = f.start
        j = start
        while j > 0 and text[j - 1] in " \u00a0":
            j -= 1
        title = title_ending.get(j)
        if title is not None and not title.drop:
            start = title.start
        head = _head_before(text, start, heads)
        if head is None:
            continue
        head_start, kind = head
        if any(g is not f and g is not title and not g.drop and g.kind == "name" and g.start < start and g.end > head_start
               for g in live):
            continue   # the head is part of a name read already
        f.drop = True
        if title is not None:
            title.drop = True
        if kind == "-":
            continue
        span_start = start if normalize(text[head_start:start].strip()) in lexicon.place_cues else head_start
        key = normalize(text[span_start:f.end])
        g = Found(span_start, f.end, "rule", key, kind="name", type=kind, country=f.country,
                  wstart=view.to_view(span_start), vstart=view.to_view(span_start), vend=view.to_view(f.end))
        g.refers = f"{kind.lower()}:{key}"
        added.append(g)
    if not added:
        return found
    return sorted(found + added, key=lambda f: (f.start, -f.end))
