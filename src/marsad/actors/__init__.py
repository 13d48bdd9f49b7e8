"""The actors stage: every person, organization and place an article names, one entity per referent.

In order, each step a module of its own:

1. `recognize`: knowledge-base aliases and the lexicons of `data/actors/` (titles, institutions,
   labels, pronouns) in one automaton over the normalized view, clitic-aware; `link` chooses the
   entry of each KB hit; `context` gives institutions their state.
2. `tagger` + `merge`: the trained tagger (a CRF whose features include the KB, the name-unit
   lists and word clusters) is the primary source of names: it decides where a name starts and ends,
   the KB decides who it is (`merge.SPAN_RULES`).
3. `openclass`: Latin-script names, spelled-out acronyms and quoted outlet names. `bodies`: a body the KB
   lacks named by a head noun and a nationality adjective (`البنك المركزي المصري`).
4. `titles`: titles linked to the person they describe; unknown names after titles are read by rule
   only where the tagger did not read the sentence. `facilities`: a person named after a facility noun
   (`مطار الملك خالد`) names the facility.
   `placing`: a place or body the KB lacks lies in the known place after في/قرب/ب (`يانجون بميانمار`).
5. `docpass`: a name read confidently once keeps its span and type throughout the article. `months`: a
   month written as a date (`نيسان/أبريل`) is no actor; `idioms`: nor a name's spelling opening a fixed
   phrase (`مسقط رأسه`).
6. `coref`: one entity per referent (short names, titles alone, anaphors, pronouns).

Reads `doc.tokens` and `doc.sentences`, writes `doc.entities`.
"""
from __future__ import annotations

from ..doc import Doc
from ..text.normalize import NormalizedView
from ..text.dates import load_date_resolver
from ..text.words import load_function_words
from .bodies import bodies_with_a_nationality
from .context import BODY_STOP_CLASSES, attach_complements, describe_known_institutions, finish_institutions
from .coref import build_entities, resolve
from .docpass import second_pass
from .facilities import named_after_people
from .link import LinkContext, WeakSurfaces, article_words, drop_unsupported_surnames, link_kb, placed_keys, unambiguous_countries
from .months import months_are_no_actors
from .idioms import idioms_are_no_actors
from .merge import MergeContext, drop_common_words, known_words_to_probe, merge_tagged, sentences_to_tag
from .openclass import OpenClassReader
from .placing import placed_by_the_text
from .recognize import AliasMatcher, hits_to_found
from .rules import ActorLexicon, load_actor_lexicon
from .tagger import load_person_names, load_tagger
from .titles import TitleReader


class ActorStage:
    name = "actors"
    needs = ("sentences", "tokens")
    adds = ("entities",)

    def __init__(self, settings, resources):
        from ..kb import load_kb
        from ..text.segment import load_vocab
        self.settings = settings
        self.kb = resources.get("kb", load_kb)
        self.lexicon: ActorLexicon = resources.get("actor_lexicon", load_actor_lexicon)
        self.vocab: dict[str, int] = resources.get("vocab", load_vocab)
        self.matcher: AliasMatcher = resources.get(
            "actor_matcher", lambda s: AliasMatcher.build(self.kb.alias_index(), self.lexicon, self.vocab,
                                                          _keys_of(self.kb, ("country", "territory", "city")),
                                                          _keys_of(self.kb, ("armed_group",))))
        self.given_automaton = resources.get("actor_given_names", lambda s: _automaton(self.lexicon.given_names))
        self.weak: WeakSurfaces = resources.get("actor_weak_surfaces", lambda s: WeakSurfaces.of(self.kb))
        # the tagger shares the pipeline's resources (vocabulary, knowledge base) rather than loading its own
        self.tagger = resources.get("ner_tagger", lambda s: load_tagger(s, resources)) if settings.use_tagger else None
        self.person_names = resources.get("person_names", load_person_names)
        words = load_function_words(settings.data_dir)
        self.function_words = words.of()
        self.conjunctions = words.of("conjunction")
        self.open_class = resources.get("actor_open_class", lambda s: OpenClassReader(self.kb, self.lexicon, self.function_words))
        dates = load_date_resolver(settings.data_dir)
        self.months = dates.months
        self.titles = TitleReader(self.kb, self.lexicon, self.vocab, self.given_automaton,
                                  words.of(*BODY_STOP_CLASSES), dates)

    def __call__(self, doc: Doc) -> Doc:
        doc.entities = self.entities(doc)
        return doc

    def entities(self, doc: Doc):
        view = doc.cache.get("normalized_view")
        if view is None:
            view = doc.cache["normalized_view"] = NormalizedView(doc.text)
        kb, lexicon = self.kb, self.lexicon
        found = hits_to_found(self.matcher.find(view), view, self.matcher.kb_index, lexicon)
        date = doc.meta.published or self.settings.default_date
        ctx = LinkContext(article_words(view), unambiguous_countries(found, kb, self.weak), date, self.weak,
                          placed_keys(found, view, lexicon))
        link_kb(found, kb, lexicon, view, ctx, self.vocab)
        drop_unsupported_surnames(found, kb, self.vocab)
        attach_complements(found, view, kb, lexicon, ("institution",))
        finish_institutions(found, doc.text, kb, lexicon)
        describe_known_institutions(found, kb, lexicon)
        tagged: frozenset[int] = frozenset()
        if self.tagger is not None:
            to_tag = sentences_to_tag(doc, found, self.vocab, lexicon.given_names)
            tagged = frozenset(t.sentence for t in to_tag.tokens)
            spans = self.tagger.tag(to_tag, known_words_to_probe(found, self.vocab))
            drop_common_words(found, getattr(self.tagger, "outside", {}))
            found = merge_tagged(spans, MergeContext(found, doc, view, kb, lexicon, self.function_words, self.vocab,
                                                     self.conjunctions, self.person_names))
        found = self.open_class(found, doc, view)
        found = bodies_with_a_nationality(found, doc.text, view, kb, lexicon, self.function_words, self.vocab)
        attach_complements(found, view, kb, lexicon, ("title",))
        found = self.titles(found, doc, view, tagged)
        found = named_after_people(found, doc, view, lexicon)
        placed_by_the_text(found, doc.text, lexicon.located_in)
        found = second_pass(found, doc, view, self.vocab)
        months_are_no_actors(found, doc.text, self.months)
        idioms_are_no_actors(found, view.text, lexicon.idioms)
        resolve(found, doc, kb, lexicon, date, self.vocab, self.function_words)
        return build_entities(found, doc, kb)


def _automaton(words):
    """An Aho-Corasick automaton over normalized words (for a quick scan of the view)."""
    import ahocorasick
    from ..text.normalize import normalize
    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(normalize(w), w)
    a.make_automaton()
    return a


def _keys_of(kb, subtypes: tuple[str, ...]) -> frozenset[str]:
    """Surfaces of entries of these subtypes (kept as mentions when named inside a longer name)."""
    keys = set()
    for key, cands in kb.alias_index().items():
        for k, kind in cands:
            e = kb.get(k)
            if kind != "demonym" and e is not None and e.subtype in subtypes:
                keys.add(key)
                break
    return frozenset(keys)


__all__ = ["ActorStage"]
