"""Helpers for the events tests: a Doc whose entities and quotes the test states itself,
so the event coder is tested apart from the actors and attribution stages."""
from __future__ import annotations

import re

from marsad.doc import Actor, Doc, Entity, Mention, Quote


def doc_with(nlp, text: str, actors: dict[str, tuple[str, str | None]], quotes=(), published: str | None = None,
             subtypes: dict[str, str] | None = None) -> Doc:
    """Segment `text`, then add one entity per `actors` item: surface -> (type, country).
    Every occurrence of the surface (after a proclitic or not) is a mention. `quotes` holds
    (quoted text, speaker surface or None)."""
    doc = nlp.make_doc(text, published=published)
    for c in nlp.components:
        if c.name == "segment":
            doc = c(doc)
    subtypes = subtypes or {}
    for n, (surface, (etype, country)) in enumerate(actors.items(), 1):
        mentions = [Mention(m.start(), m.end(), surface) for m in re.finditer(re.escape(surface), text)]
        doc.entities.append(Entity(id=f"E{n}", type=etype, name=surface, subtype=subtypes.get(surface),
                                   actor=Actor(country=country), mentions=mentions))
    by_name = {e.name: e.id for e in doc.entities}
    for n, (quoted, speaker) in enumerate(quotes, 1):
        start = text.index(quoted)
        doc.quotes.append(Quote(id=f"Q{n}", start=start, end=start + len(quoted), text=quoted,
                                speaker=by_name.get(speaker)))
    return doc


def code(nlp, doc: Doc, detector: bool = False) -> Doc:
    """Run the events stage alone; without its learned detectors unless asked (these tests are about
    triggers and sides, not about which mentions the model keeps)."""
    for c in nlp.components:
        if c.name == "events":
            saved = c.coder.detector, c.coder.other_detector
            if not detector:
                c.coder.detector = c.coder.other_detector = None
            try:
                return c(doc)
            finally:
                c.coder.detector, c.coder.other_detector = saved
    raise AssertionError("no events stage in the pipeline")


def triples(doc: Doc) -> set[tuple[str | None, str, str | None]]:
    """(source country, CAMEO root, target country) of every event."""
    return {(v.source.country, v.cameo[:2], v.target.country) for v in doc.events}


class without_detector:
    """`with without_detector(nlp): nlp(text)` runs the whole pipeline with every candidate the
    coder finds kept: for tests of triggers and sides in real sentences."""
    def __init__(self, nlp):
        self.stage = next(c for c in nlp.components if c.name == "events")

    def __enter__(self):
        self.saved, self.stage.coder.detector = self.stage.coder.detector, None
        return self

    def __exit__(self, *exc):
        self.stage.coder.detector = self.saved
