"""The attribution stage: reported speech (quotes, speakers, cues with stance, the chain of
transmission) and the writer's framing (loaded labels, doubting and pejorative cues,
scare quotes, editorial voice).

    marks.py     which quotation marks pair up (per paragraph, nested, unbalanced)
    lexicon.py   the cue, phrase, label and grammar lists in data/attribution/
    scan.py      one pass over the tokens: cue and phrase hits, quoted names, mentions
    outlets.py   the outlets cited, as entities (known to the KB or not) and their back-references
    quotes.py    direct, indirect, mixed speech and fragments
    speakers.py  who said it
    chain.py     to whom it was said, who relayed it, who published it
    framing.py   how the writer frames it

It reads the entities the actors stage wrote (speakers, outlets and label referents
are entity ids) and adds the outlets the knowledge base lacks (ORG, subtype media) and the
mentions that refer back to outlets (`الصحيفة`).
"""
from __future__ import annotations

from ..doc import Doc
from .framing import find_framing
from .lexicon import AttributionLexicon, load_lexicon
from .outlets import find_outlets, latin_index_of
from .quotes import build_quotes
from .scan import Scan

__all__ = ["AttributionStage", "analyze", "load_lexicon"]


def analyze(doc: Doc, lex: AttributionLexicon, kb=None, latin_index: dict[str, str] | None = None) -> Doc:
    """Fill doc.quotes and doc.framing from the sentences, tokens and entities (adding the
    outlets cited); `kb` lets a Latin name or a nationality adjective name a known outlet's
    entry and country."""
    sc = Scan.build(doc, lex)
    sc.kb = kb
    find_outlets(sc, kb, latin_index if latin_index is not None else latin_index_of(kb))
    qr = build_quotes(sc)
    doc.quotes = qr.quotes
    doc.framing = find_framing(sc, qr)
    return doc


class AttributionStage:
    """Component `attribution`: adds quotes and framing."""
    name = "attribution"
    needs = ("sentences", "tokens", "entities")
    adds = ("quotes", "framing")

    def __init__(self, settings, resources):
        from ..kb import load_kb
        self.settings = settings
        self.lexicon: AttributionLexicon = resources.get("attribution_lexicon", load_lexicon)
        self.kb = resources.get("kb", load_kb)
        self.latin_outlets: dict[str, str] = resources.get("latin_outlets", lambda s: latin_index_of(self.kb))

    def __call__(self, doc: Doc) -> Doc:
        return analyze(doc, self.lexicon, self.kb, self.latin_outlets)
