"""The events stage: CAMEO/PLOVER coding of who did what to whom.

Reads tokens, and the entities and quotes earlier stages wrote, from the Doc; adds
`doc.events`. The knowledge is data
in `data/events/` (pattern dictionary, CAMEO table, modality cues, slot words; see its
README); the mechanism is in `triggers.py` (finding), `slots.py` (who and whom), `coder.py`
(attributes and merging), `cameo.py`; dates are read by `marsad.text.dates`.
"""
from __future__ import annotations

from ..doc import Doc
from ..text.dates import load_date_resolver
from ..text.words import load_function_words
from .cameo import load_cameo
from .coder import Coder
from .detect import load_detector, load_other_detector
from .lexicon import load_lexicon
from .patterns import load_modality, load_slot_words
from .slots import clause_words


def _demonyms(resources):
    """The knowledge base's nisba index (shared with the actors stage, loaded once), if present."""
    try:
        from ..kb import load_kb
    except ImportError:
        return None
    return resources.get("kb", load_kb).country_of_demonym


CONTROL_CUES = ("intended", "attempted", "threatened", "demanded")


class EventStage:
    name = "events"
    needs = ("sentences", "tokens", "entities", "quotes")
    adds = ("events",)

    def __init__(self, settings, resources):
        self.settings = settings
        dates = load_date_resolver(settings.data_dir)
        slot_words = resources.get("event_slot_words", load_slot_words)
        modality = resources.get("event_modality", load_modality)
        control = frozenset(w for w, k in modality.by_word.items() if k in CONTROL_CUES)
        words = clause_words(load_function_words(settings.data_dir), slot_words, dates, control)
        self.coder = Coder(resources.get("event_lexicon", load_lexicon),
                           resources.get("cameo", load_cameo),
                           modality,
                           words, dates, _demonyms(resources),
                           detector=resources.get("event_detector", load_detector),
                           other_detector=resources.get("event_detector_other", load_other_detector),
                           casualty=slot_words.casualty, domestic=slot_words.domestic,
                           abroad=slot_words.abroad)

    def __call__(self, doc: Doc) -> Doc:
        doc.events = self.coder.code(doc)
        return doc
