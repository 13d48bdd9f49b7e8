"""Near-duplicate detection: MinHash over word shingles of the normalized text, with LSH bands.

The same story is often re-published with small edits (another category, another
outlet, a changed headline line). Exact duplicates share a content hash; near
ones share most of their 5-word shingles. A MinHash signature estimates the
Jaccard similarity of two shingle sets; LSH bands make the candidate search cheap.

Everything here is deterministic across processes and machines (no Python `hash`),
so a Spark executor computes the same signature as a local worker.
"""
from __future__ import annotations

import functools
import hashlib
import random
import re
from dataclasses import dataclass

from ..text.normalize import normalize

NUM_PERM = 96
BANDS = 32           # 32 bands x 3 rows: a pair at Jaccard 0.5 is a candidate with p ~ 0.99, at 0.1 with p ~ 0.03
ROWS = NUM_PERM // BANDS
SHINGLE = 5          # words per shingle
# Estimated Jaccard at or above which two articles are near-duplicates. In the ANT sample, the
# same wire story rewritten by two outlets scores 0.5-0.7; unrelated articles sharing an outlet's
# boilerplate stay under 0.45.
THRESHOLD = 0.5

_MERSENNE = (1 << 61) - 1
_MASK32 = (1 << 32) - 1
PERMUTATION_SEED = 20240613  # fixed: the permutations are part of what a stored signature means


@functools.cache
def _perms() -> tuple[tuple[int, int], ...]:
    rng = random.Random(PERMUTATION_SEED)
    return tuple((rng.randrange(1, _MERSENNE), rng.randrange(0, _MERSENNE)) for _ in range(NUM_PERM))

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Signature:
    values: tuple[int, ...]          # NUM_PERM unsigned 32-bit minimums
    buckets: tuple[int, ...]         # BANDS unsigned 64-bit band hashes


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    words = _WORD.findall(normalize(text))
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _h64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


@functools.cache
def _numpy_perms():
    """numpy, the permutations' a split in 32-bit halves (for the product in `_minhash_values`) and b."""
    import numpy as np
    a = np.array([p[0] for p in _perms()], dtype=np.uint64)[:, None]
    b = np.array([p[1] for p in _perms()], dtype=np.uint64)[:, None]
    return np, a >> np.uint64(32), a & np.uint64(_MASK32), b


def _mod61(np, x):
    """x mod 2^61-1, for uint64 x below 2^63: 2^61 = 1 (mod 2^61-1), so the high bits fold onto the low
    ones, leaving x < 2p; then min(x, x-p) in wrapping unsigned arithmetic is the one below p."""
    x = (x & np.uint64(_MERSENNE)) + (x >> np.uint64(61))
    return np.minimum(x, x - np.uint64(_MERSENNE))


def _minhash_values(hashes) -> tuple[int, ...]:
    """min over hashes of ((a*h + b) mod 2^61-1) & 0xffffffff for each permutation (a, b), exactly as
    the integer formula gives it, in 64-bit numpy arithmetic: the product a*h (122 bits) is taken in
    32-bit halves, with 2^61 = 1 and so 2^64 = 8 (mod 2^61-1); every partial sum stays below 2^63.
    Several times faster than Python integers; the (permutations x shingles) arrays are updated in
    place (two scratch arrays instead of one new array per operation)."""
    np, a1, a0, b = _numpy_perms()                               # a1 < 2^29, a0 < 2^32 (columns)
    u64 = np.uint64
    low61, low29, low32 = u64(_MERSENNE), u64((1 << 29) - 1), u64(_MASK32)
    h = _mod61(np, np.asarray(hashes, dtype=np.uint64))                                            # < 2^61 + 7 before the fold: below p after
    h1, h0 = h >> u64(32), h & low32                             # h1 < 2^29, h0 < 2^32
    x = a1 * h1                                                  # a1*h1*2^64 = a1*h1*8, < 2^61
    x <<= u64(3)
    mid = a1 * h0                                                # mid = a1*h0 + a0*h1 < 2^62
    t = a0 * h1
    mid += t
    np.right_shift(mid, u64(29), out=t)                          # mid*2^32 = (mid>>29) + (mid&(2^29-1))*2^32
    x += t
    mid &= low29
    mid <<= u64(32)
    x += mid                                                     # + < 2^61 + 2^33
    low = np.multiply(a0, h0, out=mid)                           # < 2^64: its 61 low bits and the rest (< 8)
    np.bitwise_and(low, low61, out=t)
    x += t
    low >>= u64(61)
    x += low                                                     # x < 2^63
    _mod61_in_place(np, x, t)
    x += b                                                       # < 2^62
    _mod61_in_place(np, x, t)
    x &= low32
    return tuple(x.min(axis=1).tolist())


def _mod61_in_place(np, x, scratch) -> None:
    """`_mod61` of x into x, with `scratch` (same shape) for the intermediate."""
    p = np.uint64(_MERSENNE)
    np.right_shift(x, np.uint64(61), out=scratch)
    x &= p
    x += scratch
    np.subtract(x, p, out=scratch)
    np.minimum(x, scratch, out=x)


def _shingle_hashes(text: str):
    """`_h64` of every shingle, as one uint64 array: the 8-byte digests joined and read little-endian at
    once (no Python int per shingle, no list to convert); [0] when the text has no word."""
    import numpy as np
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(s.encode("utf-8"), digest_size=8).digest() for s in shingles(text)])
    return np.frombuffer(digests, dtype="<u8").astype(np.uint64) if digests else np.zeros(1, dtype=np.uint64)


def signature(text: str) -> Signature:
    values = _minhash_values(_shingle_hashes(text))
    buckets = tuple(_h64(f"{band}:" + ",".join(map(str, values[band * ROWS:(band + 1) * ROWS])))
                    for band in range(BANDS))
    return Signature(values=values, buckets=buckets)


def similarity(a: tuple[int, ...] | list[int], b: tuple[int, ...] | list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


class NearDuplicateIndex:
    """The articles seen so far, by LSH bucket; `link` names the earliest near-duplicate of a new one.

    "Earliest" is by ingest order (`seq`), so the answer does not depend on how the
    corpus was split into batches, processes or Spark partitions.
    """

    def __init__(self):
        self._buckets: dict[tuple[int, int], list[str]] = {}
        self._articles: dict[str, tuple[int, tuple[int, ...]]] = {}

    def add(self, article_id: str, seq: int, sig_values, buckets) -> None:
        self._articles[article_id] = (seq, tuple(sig_values))
        for band, bucket in enumerate(buckets):
            self._buckets.setdefault((band, bucket), []).append(article_id)

    def link(self, sig: Signature) -> tuple[str, float] | None:
        candidates = {aid for band, bucket in enumerate(sig.buckets) for aid in self._buckets.get((band, bucket), ())}
        best = None
        for aid in candidates:
            seq, values = self._articles[aid]
            sim = similarity(sig.values, values)
            if sim >= THRESHOLD and (best is None or seq < best[0]):
                best = (seq, aid, sim)
        return (best[1], round(best[2], 4)) if best else None

    def __len__(self) -> int:
        return len(self._articles)
