"""The normalized view of Arabic text: a matching aid, never a replacement of the text.

`normalize(s)` folds a string for lookups (knowledge base keys, cue lexicons).
`NormalizedView(text)` does the same to a whole document and keeps an offset map,
so a match found at [i, j) in the view maps back to [view.to_text(i), view.to_text_end(j))
in the original text.

Folding (all one character to one character, so only deletions move offsets):
- diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and
  tatweel are removed;
- alef forms أ إ آ ٱ -> ا, alef maqsura ى -> ي, ta marbuta ة -> ه,
  hamza seats ؤ -> و, ئ -> ي;
- Persian and Maghrebi letters to the Arabic letter the press uses for the sound: پ -> ب, ڤ -> ف,
  چ -> ج, ژ -> ز, گ -> ك (البيشمرگة/البيشمركة), ڨ -> ق (ڨابس/قابس), and the Persian forms ک ی ھ;
- Arabic-Indic and Persian digits -> ASCII digits; ASCII letters lower-cased;
- typographic quotes “ ” « » -> ", and the Arabic comma/semicolon/question mark stay.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left

# Characters removed from the view: harakat, Quranic annotation marks, tatweel,
# and invisible direction/format marks that scraped text is full of.
DELETED = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad"
)
DELETED_RE = re.compile(f"[{DELETED}]")

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "″": '"',
    "ک": "ك", "ی": "ي", "ھ": "ه",
    "پ": "ب", "ڤ": "ف", "چ": "ج", "ژ": "ز", "گ": "ك", "ڨ": "ق",
}
_FOLD.update({chr(0x0660 + i): str(i) for i in range(10)})
_FOLD.update({chr(0x06F0 + i): str(i) for i in range(10)})
_FOLD.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})

TABLE: dict[int, int | None] = {ord(k): ord(v) for k, v in _FOLD.items()}
for _lo, _hi in re.findall(r"(.)(?:-(.))?", DELETED):
    for _c in range(ord(_lo), ord(_hi or _lo) + 1):
        TABLE[_c] = None


# Whole texts are folded with one `str.replace` per folded character present and one regex pass for the
# deletions: `str.translate` with a dict looks every character up (and makes an int of it) when the text
# is not ASCII, ~4 times slower on an article. The same result because no folded-to character is itself
# folded or deleted (checked here), so the order of the replacements does not matter.
_REPLACEMENTS = tuple(_FOLD.items())
assert not any(v in _FOLD or TABLE.get(ord(v), 0) is None for v in _FOLD.values()), "a fold chain"
LONG_TEXT = 200   # characters; below it `translate` is as fast (no per-replacement scans)


# Words are folded again and again (each stage, each token, ~1,300 calls an article), and `translate`
# with a dict costs ~1 us a word: a memo of short strings answers in a fifth of that. Bounded: at most
# MEMO_ENTRIES strings of at most MEMO_CHARS characters (keys and values under ~15 MB, ~5 MB with news
# words); when full it is emptied and fills again with the words in use.
MEMO_CHARS = 32
MEMO_ENTRIES = 50_000
_memo: dict[str, str] = {}


def normalize(s: str) -> str:
    """Fold a string for matching (see the module docstring).

    >>> normalize("إلى الرئاسةِ الـمصرية")
    'الي الرياسه المصريه'
    >>> normalize("إلى الرئاسةِ الـمصرية " * 20) == normalize("إلى الرئاسةِ الـمصرية ") * 20   # the long-text way
    True
    """
    folded = _memo.get(s)
    if folded is not None:
        return folded
    if len(s) <= MEMO_CHARS:
        folded = s.translate(TABLE)
        if len(_memo) >= MEMO_ENTRIES:
            _memo.clear()
        _memo[s] = folded
        return folded
    if len(s) < LONG_TEXT:
        return s.translate(TABLE)
    s = DELETED_RE.sub("", s)
    for folded, to in _REPLACEMENTS:
        if folded in s:
            s = s.replace(folded, to)
    return s


def strip_diacritics(s: str) -> str:
    return DELETED_RE.sub("", s)


class NormalizedView:
    """`view.text` is `normalize(text)`; offsets map back through `to_text`/`to_text_end`."""

    __slots__ = ("source", "text", "_kept")

    def __init__(self, source: str):
        self.source = source
        self.text = normalize(source)
        if len(self.text) == len(source):
            self._kept = None  # nothing deleted: the map is the identity
        else:
            kept = array("l")
            prev = 0
            for m in DELETED_RE.finditer(source):
                kept.extend(range(prev, m.start()))
                prev = m.end()
            kept.extend(range(prev, len(source)))
            self._kept = kept

    def to_text(self, i: int) -> int:
        """Offset in the source of the view's character i (i == len(view) maps to len(source))."""
        if self._kept is None:
            return i
        return self._kept[i] if i < len(self._kept) else len(self.source)

    def to_text_end(self, j: int) -> int:
        """Source offset just past the view's character j-1 (an exclusive end)."""
        if self._kept is None:
            return j
        if j == 0:
            return 0
        end = self._kept[j - 1] + 1
        # Keep diacritics that sit on the last letter inside the span.
        while end < len(self.source) and DELETED_RE.match(self.source, end) and self.source[end] not in "\u200b\u200c\u200d\u200e\u200f\ufeff":
            end += 1
        return end

    def to_view(self, i: int) -> int:
        """View offset of source offset i (the next kept character if i was deleted)."""
        if self._kept is None:
            return i
        return bisect_left(self._kept, i)

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.to_text(i), self.to_text_end(j)


__all__ = ["normalize", "strip_diacritics", "NormalizedView", "TABLE"]
