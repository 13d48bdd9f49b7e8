"""`SpanIndex`: the mentions overlapping a stretch of text, found by bisection (a scan of every mention for
every query would be quadratic in a long article)."""
from __future__ import annotations

from bisect import bisect_left

from .found import Found


class SpanIndex:
    """Mentions sorted by start; `overlapping(a, b)` returns those with start < b and end > a.

    >>> idx = SpanIndex([Found(0, 5, "kb", "a"), Found(10, 20, "kb", "b")])
    >>> [f.key for f in idx.overlapping(4, 12)]
    ['a', 'b']
    """

    def __init__(self, found: list[Found]):
        self.found = sorted(found, key=lambda f: f.start)
        self.starts = [f.start for f in self.found]
        self.longest = max((f.end - f.start for f in self.found), default=0)

    def overlapping(self, a: int, b: int) -> list[Found]:
        lo = bisect_left(self.starts, a - self.longest)
        hi = bisect_left(self.starts, b)
        return [f for f in self.found[lo:hi] if f.end > a and not f.drop]
