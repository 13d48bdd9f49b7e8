"""`Doc.to_dict` writes plain dicts by hand (for speed); it must equal what `dataclasses.asdict`
gives, keys in the same order, for every record kind, on a real analyzed article."""
from __future__ import annotations

import dataclasses
import json

from marsad.doc import Doc


def _asdict_reference(doc: Doc, tokens: bool) -> dict:
    """The record as the field-by-field `asdict` serialization wrote it before."""
    asdict = dataclasses.asdict
    d = {
        "schema": "marsad/document@1", "id": doc.id, "meta": asdict(doc.meta), "text": doc.text,
        "repairs": [r.to_dict() for r in doc.repairs],
        "sentences": [asdict(s) for s in doc.sentences],
        "entities": [{"id": e.id, "type": e.type, "subtype": e.subtype, "name": e.name, "name_en": e.name_en,
                      "kb_id": e.kb_id, "actor": asdict(e.actor), "mentions": [asdict(m) for m in e.mentions]}
                     for e in doc.entities],
        "quotes": [],
        "events": [{"id": v.id, "sentence": v.sentence, "source": asdict(v.source), "target": asdict(v.target),
                    "cameo": v.cameo, "plover": v.plover, "quad_class": v.quad_class, "goldstein": v.goldstein,
                    "trigger": asdict(v.trigger), "location": v.location, "date": v.date,
                    "modality": v.modality, "quote": v.quote} for v in doc.events],
        "framing": [asdict(f) for f in doc.framing],
    }
    for q in doc.quotes:
        qd = {"id": q.id, "start": q.start, "end": q.end, "text": q.text, "kind": q.kind, "speaker": q.speaker,
              "cue": asdict(q.cue) if q.cue else None, "chain": [c.to_dict() for c in q.chain]}
        if q.speaker_description:
            qd["speaker_description"] = q.speaker_description
        d["quotes"].append(qd)
    if tokens:
        d["tokens"] = [asdict(t) for t in doc.tokens]
    return d


def test_to_dict_equals_asdict_byte_for_byte(seed_doc):
    assert seed_doc.entities and seed_doc.quotes and seed_doc.events and seed_doc.framing
    assert any(q.cue for q in seed_doc.quotes)
    for tokens in (False, True):
        mine = json.dumps(seed_doc.to_dict(tokens=tokens), ensure_ascii=False)
        ref = json.dumps(_asdict_reference(seed_doc, tokens), ensure_ascii=False)
        assert mine == ref


def test_to_dict_round_trips(seed_doc):
    d = seed_doc.to_dict(tokens=True)
    assert Doc.from_dict(d).to_dict(tokens=True) == d
