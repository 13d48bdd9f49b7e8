"""The tagger's names and the knowledge base's: which spans become mentions.

`merge_tagged(found, spans, doc, view)` adds the trained tagger's spans to what the knowledge base
and the lexicons found (`recognize`): a span that overlaps nothing found becomes an unlinked entity;
an ORG span may hold the places it names (`اتحاد طلاب أذربيجان` -> an organization of AZE).
"""
from __future__ import annotations

from ..doc import Doc
from ..text.normalize import NormalizedView, normalize
from .context import TAGGER_MIN_SCORE, TAGGER_OVERRIDE_SCORE, TAGGER_RARE_WORD_COUNT
from .found import Found
from .rules import fold_name


def merge_tagged(found: list[Found], spans, doc: Doc, view: NormalizedView) -> list[Found]:
    """Tagger spans that overlap nothing found become entities; an ORG span may hold a place."""
    covered = covered_by(found, len(doc.text))
    added: list[Found] = []
    for span in spans:
        if span.score < TAGGER_MIN_SCORE:
            continue
        inside = [f for f in found if not f.drop and f.start < span.end and f.end > span.start] \
            if any(covered[span.start:span.end]) else []
        if len(inside) == 1 and _club_named_after_its_city(span, inside[0]):
            g = inside[0]   # برشلونة the club, not the city: an organization of the city's state
            g.type, g.subtype, g.kb_id, g.role, g.refers = "ORG", None, None, None, "org:" + normalize(doc.text[g.start:g.end])
            continue
        if inside:
            if span.type != "ORG" or not all(
                    span.start <= f.start and f.end <= span.end and f.type == "LOC" for f in inside) \
                    or inside[0].start == span.start:
                continue
        f = Found(span.start, span.end, "tagger", "", kind="name", type=span.type, score=span.score,
                  wstart=view.to_view(span.start), vstart=view.to_view(span.start), vend=view.to_view(span.end))
        countries = [g.country for g in inside if g.country]
        if countries:
            f.country = countries[-1]
        added.append(f)
    return sorted(found + added, key=lambda f: (f.start, -f.end))


def covered_by(found: list[Found], length: int) -> bytearray:
    covered = bytearray(length + 1)
    for f in found:
        if not f.drop:
            covered[f.start:f.end] = b"\x01" * (f.end - f.start)
    return covered


def sentences_to_tag(doc: Doc, found: list[Found], vocab: dict[str, int], given: frozenset[str]) -> Doc:
    """The tagger is the stage's slowest part and only adds names the KB and lexicons lack: it reads
    only sentences with a word nothing covers that is rare in the news or a given name."""
    covered = covered_by(found, len(doc.text))
    keep: set[int] = set()
    for t in doc.tokens:
        if t.sentence in keep or not t.is_word or covered[t.stem_start] or not t.text[:1].isalpha():
            continue
        if vocab.get(normalize(t.text), 0) < TAGGER_RARE_WORD_COUNT or fold_name(t.text) in given:
            keep.add(t.sentence)
    return Doc(text=doc.text, id=doc.id or "-", tokens=[t for t in doc.tokens if t.sentence in keep])


def _club_named_after_its_city(span, f: Found) -> bool:
    """The tagger, sure of itself, reads an organization exactly where the KB has a city: a club or
    company named after its city (ليون، برشلونة) in this context."""
    return span.type == "ORG" and span.score >= TAGGER_OVERRIDE_SCORE and f.source == "kb" and f.type == "LOC" \
        and f.subtype == "city" and (span.start, span.end) == (f.start, f.end)
