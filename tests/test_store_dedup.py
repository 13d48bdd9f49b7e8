"""The numpy MinHash gives exactly the integer formula's values: stored signatures keep their meaning."""
from __future__ import annotations

import random

from marsad.store import dedup


def _reference(hashes: list[int]) -> tuple[int, ...]:
    """The signature's definition in Python integers (what earlier stores hold)."""
    return tuple(min(((a * h + b) % dedup._MERSENNE) & dedup._MASK32 for h in hashes) for a, b in dedup._perms())


def test_numpy_minhash_equals_the_integer_formula():
    rng = random.Random(7)
    edges = [0, 1, 2**64 - 1, 2**61 - 1, 2**61, 2**61 - 2, 2**63, 2**62 + 5, 2**32 - 1, 2**32]
    for n in (1, 2, 50, 400):
        hashes = [rng.randrange(2**64) for _ in range(n)] + edges
        assert dedup._minhash_values(hashes) == _reference(hashes)


def test_signature_of_an_arabic_article_equals_the_reference(seed_text):
    hashes = [dedup._h64(s) for s in dedup.shingles(seed_text)]
    sig = dedup.signature(seed_text)
    assert sig.values == _reference(hashes)
    edited = seed_text.replace("قال", "أضاف", 1)
    assert dedup.similarity(sig.values, dedup.signature(edited).values) > dedup.THRESHOLD
