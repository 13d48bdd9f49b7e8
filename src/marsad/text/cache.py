"""A memo of a pure function of a word, bounded in bytes rather than entries.

The stages memoize per-word work (segmentation, trigger lookup, tagger features). A news corpus
has an open vocabulary, so a memo that keeps every word grows with the corpus: a worker's memory
then depends on how much it has read. `WordCache` keeps two generations: new entries go to the
current one; when its estimated size passes the budget it becomes the old one (the previous old
one is dropped), and a word found only in the old generation is copied back into the current
one. Frequent words so stay cached, rare ones age out, and the memo never holds much more than
twice its budget.

>>> c = WordCache(budget_bytes=1_000, entry_bytes=lambda key, value: 300)
>>> for w in ("قال", "أعلن", "أكد", "الرئيس"):
...     c.put(w, len(w))
>>> len(c.current), len(c.old)          # the fourth entry passed the budget: a new generation
(0, 4)
>>> c.get("قال"), len(c.current)         # found in the old one, and kept
(3, 1)
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def key_bytes(key: str, value: Any, value_bytes: int = 200) -> int:
    """A cheap estimate of an entry's size: the key string, a dict slot, and `value_bytes` for the value."""
    return sys.getsizeof(key) + 100 + value_bytes


class WordCache:
    def __init__(self, budget_bytes: int, entry_bytes: Callable[[str, Any], int] = key_bytes):
        self.budget = budget_bytes
        self.entry_bytes = entry_bytes
        self.current: dict[str, Any] = {}
        self.old: dict[str, Any] = {}
        self.bytes = 0

    def get(self, key: str) -> Any:
        """The value memoized for `key`, or None."""
        value = self.current.get(key)
        if value is None and self.old:
            value = self.old.get(key)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key: str, value: Any) -> None:
        self.current[key] = value
        self.bytes += self.entry_bytes(key, value)
        if self.bytes > self.budget:
            self.old, self.current, self.bytes = self.current, {}, 0

    def __len__(self) -> int:
        return len(self.current) + len(self.old)
