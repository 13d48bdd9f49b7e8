"""Bodies the knowledge base lacks, named by a head noun and a nationality adjective.

`البنك المركزي المصري`، `البنك الوطني السويسري`، `رابطة المصرفيين السويسريين`، `مكتب تحقيقات حوادث الطيران
البريطاني`: an organization's head noun (`data/actors/org_heads.txt` less `generic_heads.txt`: بنك، رابطة،
مكتب ...) followed, word after word with nothing between them, by one to three words of its genitive or
adjectival continuation and closed by a nationality adjective is one organization of that state (the head
and the adjective alone, `الصحيفة الإسرائيلية`, describe a body named elsewhere). The whole phrase is the name (the tagger and the KB often
read only a part of it, or nothing). Names read already (a KB body, an institution such as `وزارة الخارجية
الإيرانية`) are left as they are.
"""
from __future__ import annotations

from ..text.normalize import NormalizedView, normalize
from .found import Found
from .rules import ActorLexicon
from .spans import SpanIndex

# at most this many words between the head noun and the nationality adjective
MAX_CONTINUATION_WORDS = 3
PROCLITICS = ("و", "ف", "ب", "ل")
# words of the continuation are ordinary content words: not this frequent in the news (corpus count; a
# function word or a verb slipping in would be far above it)
CONTINUATION_MAX_COUNT = 200_000


def _head(word: str, heads: frozenset[str]) -> int | None:
    """Offset in `word` where an organization head noun starts (after و/ب/ل...), or None.

    >>> heads = frozenset({"البنك"})
    >>> _head("والبنك", heads), _head("للبنك", heads), _head("و", heads)    # للبنك: ل + البنك, its alef dropped
    (1, 1, None)
    """
    n = normalize(word)
    for lead in range(0, min(3, len(n))):
        if lead and n[lead - 1] not in PROCLITICS:
            break
        rest = n[lead:]
        if rest in heads:
            return lead
        if lead and n[lead - 1] == "ل" and rest.startswith("ل") and "ا" + rest in heads:
            return lead   # للبنك: the span starts at the second ل, read as ال
    return None


def bodies_with_a_nationality(found: list[Found], text: str, view: NormalizedView, kb, lexicon: ActorLexicon,
                              function_words: frozenset[str], vocab: dict[str, int]) -> list[Found]:
    """`قام البنك المركزي المصري بتحرير سعر الصرف` -> ORG `البنك المركزي المصري`, EGY."""
    demonyms = [f for f in found if not f.drop and f.source == "kb" and f.kind == "demonym"]
    if not demonyms:
        return found
    live = SpanIndex([f for f in found if not f.drop and f.kind != "demonym"])
    aliases = kb.alias_index()
    added: list[Found] = []
    for d in demonyms:
        surface = normalize(text[d.start:d.end])
        iso = kb.country_of_demonym(d.key)
        if not iso or not surface.startswith("ال") or text[d.start - 1:d.start] not in (" ", "\u00a0"):
            continue
        span = _body_before(text, d.start, lexicon.body_heads, function_words, vocab)
        if span is None:
            continue
        start = span
        inside = live.overlapping(start, d.end)
        if any(g.source != "tagger" or g.type != "ORG" or g.kb_id or g.country or g.start < start
               or normalize(text[g.start:g.end]) in aliases for g in inside):
            continue   # a name read already (a KB body, an institution, a person, هاآرتس) is left as it is
        if inside and all(g.start > start for g in inside):
            for g in inside:   # صحيفة هاآرتس الإسرائيلية: the outlet's own name stands, the adjective places it
                g.country = iso
            continue
        for g in inside:
            g.drop = True   # the tagger's shorter reading (البنك المركزي) gives way to the whole name
        key = normalize(text[start:d.end])
        org = Found(start, d.end, "rule", key, kind="name", type="ORG", country=iso,
                    wstart=view.to_view(start), vstart=view.to_view(start), vend=view.to_view(d.end))
        org.refers = "org:" + key
        d.drop = True
        added.append(org)
    if not added:
        return found
    return sorted(found + added, key=lambda f: (f.start, -f.end))


def _body_before(text: str, pos: int, heads: frozenset[str], function_words: frozenset[str],
                 vocab: dict[str, int]) -> int | None:
    """Start of `head continuation...` ending right before `pos` (the nationality adjective), or None."""
    end = pos
    for n_words in range(0, MAX_CONTINUATION_WORDS + 1):
        j = end
        while j > 0 and text[j - 1] in " \u00a0":
            j -= 1
        if j == end and n_words:
            return None
        k = j
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        word = text[k:j]
        if not word or (k > 0 and not text[k - 1].isspace()):
            return None   # punctuation or a digit: the phrase ends
        lead = _head(word, heads)
        if lead is not None and n_words:
            return k + lead
        # a head right before the adjective (الصحيفة الإسرائيلية) describes a body named elsewhere, unless a
        # head before it opens the name (هيئة الإذاعة النمساوية): read on
        n = normalize(word)
        if n in function_words or vocab.get(n, 0) > CONTINUATION_MAX_COUNT:
            return None
        end = k
    return None
