"""End to end: the events of the seed article (must find / must not find), and a quality
floor on the dev gold set (skipped without ../shared)."""
from __future__ import annotations

import pytest


def triples(doc):
    return {(v.source.country, v.cameo[:2], v.target.country) for v in doc.events}


def test_events_seed_must_find(seed_doc):
    found = triples(seed_doc)
    assert ("ISR", "04", "AZE") in found           # زار وزير الزراعة آفي ديختر، باكو
    assert ("ISR", "04", "TUR") in found           # لقاء نتنياهو وأردوغان
    assert ("AZE", "05", "ISR") in found           # بلاده ترحب بدفء علاقاتها مع إسرائيل
    assert any(v.cameo.startswith("18") and v.source.country == "IRN" and v.modality == "attempted"
               for v in seed_doc.events)           # محاولات إيران إيذاء الإسرائيليين ... وتم إحباطها


def test_events_seed_must_not_find(seed_doc):
    triggers = {v.trigger.text for v in seed_doc.events}
    assert not triggers & {"أعلن", "وأضاف", "وأشار", "وأوضح", "وزعم", "قال"}   # speech verbs are not events
    assert not any(v.quad_class == 4 and v.source.country == "AZE" for v in seed_doc.events)
    assert all(v.source.entity != v.target.entity or v.source.entity is None for v in seed_doc.events)


def test_events_seed_one_event_per_happening(seed_doc):
    keys = [(v.cameo[:2], v.source.entity or v.source.country, v.target.entity or v.target.country)
            for v in seed_doc.events]
    assert len(keys) == len(set(keys))


def test_events_seed_reported_events_point_to_their_quote(seed_doc):
    quotes = {q.id: q for q in seed_doc.quotes}
    for v in seed_doc.events:
        if v.quote is not None:
            q = quotes[v.quote]
            assert q.start <= v.trigger.start < q.end


# Pinned on the whole dev set (37 articles) as ../shared/eval/score.py --jsonl-cmd measures it.
# Raise them as the coder improves; never lower one without saying why in the commit.
# (Since the detector of family O learns from the dev gold, its precision here is in-sample:
# its 5-fold figure, core-R 0.704 P 0.712, is in data/events/README.md.)
# cameo_root_acc is a share of the matched core events: 0.80 -> 0.79 when the domestic sides and the
# trip rule matched 5 more core events, 3 of them with another root (root-correct core events 69 -> 72).
# 0.79 -> 0.78 when the merge rules (two towns, two kinds of force), the clause sides (succeeding verbs, the
# owner of the object, a place named again) and the domestic parties matched 10 more core events, 7 of them
# with the gold's root (root-correct core events 72 -> 79).
FLOORS = {"event_core_r": 0.71, "event_p": 0.73, "cameo_root_acc": 0.78}


@pytest.mark.shared
def test_events_dev_floor(dev_summary):
    low = {k: round(dev_summary[k], 3) for k, floor in FLOORS.items() if dev_summary[k] < floor}
    assert not low, f"below the floor: {low}"
