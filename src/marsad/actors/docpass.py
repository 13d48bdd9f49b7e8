"""The document's second pass: a name read confidently once keeps its span and type throughout the article.

`second_pass(found, doc, view, vocab)` runs after the tagger, the open-class rules and the title rules,
before coreference. In order (`RULES`):

- `same_name_same_actor`: an unlinked name written as a name the KB linked elsewhere in the article is
  that actor.
- `clitic_seen_elsewhere`: `لروسكوسموس` where the article also writes `روسكوسموس` is ل + the name.
- `bracketed_name_part`: `(باراك) أوباما`: a name part the editor added in brackets before a person's name
  is that person, not an actor of its own.
- `one_type_per_name`: the same unlinked name read with two types (the tagger's `ليون` ORG here, LOC
  there) takes the type read with the most confidence in all.
- `every_occurrence`: each occurrence of a name read confidently somewhere (a tagger span scored at least
  ANCHOR_SCORE, a name the rules or the open-class readers found) that nothing else covers becomes a
  mention of the same actor (`بنسون كيبوي` ... `وبنسون كيبوي`); a one-word name only when it is rare
  in the news (an ordinary word elsewhere in the article is not the name).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..doc import Doc
from ..text.normalize import NormalizedView, normalize
from .found import Found

# A tagger span at least this sure anchors its name for the whole article.
ANCHOR_SCORE = 0.8
# A one-word name is looked for elsewhere only if it is this rare in the news (corpus count).
ONE_WORD_MAX_COUNT = 200
MIN_NAME_CHARS = 3
PROCLITIC_LETTERS = "وفبلك"
CLITIC_LETTERS = "بلك"
ANCHOR_SOURCES = ("tagger", "rule")


@dataclass
class DocContext:
    found: list[Found]
    doc: Doc
    view: NormalizedView
    vocab: dict[str, int]


def _surface(ctx: DocContext, f: Found) -> str:
    return normalize(ctx.doc.text[f.start:f.end])


def same_name_same_actor(ctx: DocContext) -> None:
    """`بي بي سي` read by the tagger where the KB linked `بي بي سي` elsewhere in the article: an unlinked
    name written as a linked one is the same actor."""
    linked: dict[str, Found] = {}
    for f in ctx.found:
        if not f.drop and f.kb_id and f.kind == "name" and f.refers:
            linked.setdefault(_surface(ctx, f), f)
    if not linked:
        return
    for f in ctx.found:
        if f.drop or f.kb_id or f.kind != "name" or f.source not in ANCHOR_SOURCES:
            continue
        g = linked.get(_surface(ctx, f))
        if g is not None and g.type == f.type:
            f.kb_id, f.refers, f.subtype, f.country, f.role = g.kb_id, g.refers, g.subtype, g.country, g.role


def clitic_seen_elsewhere(ctx: DocContext) -> None:
    """`روسكوسموس ... لروسكوسموس`: a name whose first letter was kept (too rare to tell it from a proclitic)
    loses it when the article writes the name without it elsewhere."""
    names = {_surface(ctx, f) for f in ctx.found if not f.drop and f.kind == "name" and f.type}
    for f in ctx.found:
        if f.drop or f.kind != "name" or f.source not in ANCHOR_SOURCES or f.end - f.start < MIN_NAME_CHARS + 1:
            continue
        name = _surface(ctx, f)
        if name[:1] in CLITIC_LETTERS and name[1:] in names:
            f.start += 1
            f.wstart, f.vstart = ctx.view.to_view(f.start), ctx.view.to_view(f.start)


def one_type_per_name(ctx: DocContext) -> None:
    """`فاز ليون ... وقال مدرب ليون`: an unlinked name read with several types takes the surest one."""
    by_name: dict[str, list[Found]] = {}
    for f in ctx.found:
        if not f.drop and f.source == "tagger" and f.kind == "name" and not f.kb_id:
            by_name.setdefault(_surface(ctx, f), []).append(f)
    for group in by_name.values():
        if len({f.type for f in group}) < 2:
            continue
        weight: dict[str, float] = {}
        for f in group:
            weight[f.type] = weight.get(f.type, 0.0) + f.score
        best = max(weight, key=weight.get)
        for f in group:
            f.type = best


def every_occurrence(ctx: DocContext) -> None:
    """`التقى بنسون كيبوي ... وقال كيبوي`: an anchored name is a mention wherever else it is written."""
    covered = bytearray(len(ctx.doc.text) + 1)
    for f in ctx.found:
        if not f.drop:
            covered[f.start:f.end] = b"\x01" * (f.end - f.start)
    anchors: dict[str, Found] = {}
    for f in ctx.found:
        if f.drop or f.kind != "name" or f.source not in ANCHOR_SOURCES or f.kb_id or not f.type:
            continue
        if f.source == "tagger" and f.score < ANCHOR_SCORE:
            continue
        name = _surface(ctx, f)
        if len(name) < MIN_NAME_CHARS or (" " not in name and ctx.vocab.get(name, 0) > ONE_WORD_MAX_COUNT):
            continue
        anchors.setdefault(name, f)
    v = ctx.view.text
    added: list[Found] = []
    for name, anchor in anchors.items():
        at = v.find(name)
        while at >= 0:
            end = at + len(name)
            lead = at
            while lead > 0 and at - lead < 2 and v[lead - 1] in PROCLITIC_LETTERS:
                lead -= 1
            if (end == len(v) or not v[end].isalnum()) and (lead == 0 or not v[lead - 1].isalnum()):
                s, e = ctx.view.span(at, end)
                if not any(covered[s:e]):
                    g = Found(s, e, anchor.source, name, kind="name", type=anchor.type, score=anchor.score,
                              subtype=anchor.subtype, country=anchor.country, wstart=ctx.view.to_view(s),
                              vstart=at, vend=end)
                    g.refers = anchor.refers
                    added.append(g)
                    covered[s:e] = b"\x01" * (e - s)
            at = v.find(name, end)
    ctx.found.extend(added)


def bracketed_name_part(ctx: DocContext) -> None:
    """`لو التزم (باراك) أوباما بالخط الأحمر`: the bracketed given name before a person's name completes that
    name; it takes the person's identity (or, when the person is not linked yet, is dropped into it)."""
    text = ctx.doc.text
    people = {f.start: f for f in ctx.found if not f.drop and f.type == "PER" and f.kind == "name"}
    for f in ctx.found:
        if f.drop or f.kb_id or f.type != "PER" or f.source not in ANCHOR_SOURCES:
            continue
        if f.start == 0 or text[f.start - 1] != "(" or text[f.end:f.end + 1] != ")":
            continue
        after = f.end + 1
        while after < len(text) and text[after] in " \u00a0":
            after += 1
        g = people.get(after)
        if g is None or g is f:
            continue
        if g.kb_id:
            f.kb_id, f.refers, f.subtype, f.country, f.role = g.kb_id, g.refers, g.subtype, g.country, g.role
        else:
            f.drop = True


Rule = Callable[[DocContext], None]
RULES: tuple[Rule, ...] = (clitic_seen_elsewhere, same_name_same_actor, bracketed_name_part, one_type_per_name,
                           every_occurrence)


def second_pass(found: list[Found], doc: Doc, view: NormalizedView, vocab: dict[str, int]) -> list[Found]:
    ctx = DocContext(found, doc, view, vocab)
    for rule in RULES:
        rule(ctx)
    return sorted(ctx.found, key=lambda f: (f.start, -f.end))
