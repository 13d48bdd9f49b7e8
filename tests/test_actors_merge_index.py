"""`MergeContext.overlapping` answers through an index by start (a scan per span was quadratic in a long
text): it must give exactly what the scan gives, in the same order, as mentions are added, moved and dropped."""
from __future__ import annotations

import random

from marsad.actors.found import Found
from marsad.actors.merge import MergeContext
from marsad.doc import Doc
from marsad.text.normalize import NormalizedView


def _scan(found, start, end):
    return [f for f in found if not f.drop and f.start < end and f.end > start]


def test_overlapping_equals_a_scan_of_every_mention():
    text = "قال وزير الخارجية الأردني أيمن الصفدي إن المحادثات في عمان كانت صريحة. " * 30
    rng = random.Random(3)
    found = []
    for _ in range(60):
        s = rng.randrange(len(text) - 40)
        found.append(Found(s, s + rng.randrange(1, 40), "kb", "x"))
    ctx = MergeContext(found, Doc(text=text), NormalizedView(text), kb=None, lexicon=None, function_words=frozenset())
    for step in range(400):
        s = rng.randrange(len(text) - 30)
        e = s + rng.randrange(1, 30)
        assert ctx.overlapping(s, e) == _scan(found, s, e)
        move = rng.random()
        if move < 0.2:                       # a mention added (as merge_tagged extends `found`)
            a = rng.randrange(len(text) - 60)
            found.append(Found(a, a + rng.randrange(1, 60), "tagger", "y"))
        elif move < 0.35:                    # a mention given new bounds (a known name grown to the span)
            f = rng.choice(found)
            a = max(0, f.start - rng.randrange(0, 50))
            ctx.move(f, a, a + rng.randrange(1, 120))
        elif move < 0.45:
            rng.choice(found).drop = True
