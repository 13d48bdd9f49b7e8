"""The attribution stage (being built: see the issue tracker). Until it lands it adds nothing."""
from __future__ import annotations

from ..doc import Doc


class AttributionStage:
    name = "attribution"
    needs = ("sentences", "tokens")
    adds = tuple("quotes,framing".split(","))

    def __init__(self, settings, resources):
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        return doc
