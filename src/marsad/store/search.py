"""Search that folds Arabic spelling: what `marsad search`, the article and quote lists' `q`
filter and the web UI's search box share.

Folding is the project's normalizer (`marsad.text.normalize.normalize`: hamza and alef forms,
alef maqsura, ta marbuta, tatweel, diacritics, digits) plus one step of its own: runs of
whitespace become one space, so a phrase matches however the article spaced it. The store keeps
each article's folded title and text (`articles.search_text`) and each quote's folded text
(`quotes.search_text`), written at ingest; a query is folded the same way, so `الاسد` finds
`الأسد` and `ايران` finds `إيران`.

Transliterated names are spelled several ways (`ترامب`/`ترمب`, `بوتين`/`بوتن`,
`الأمريكية`/`الأميركية`). The rule: two words of the names of ONE knowledge-base entry (its
name and aliases, `src/marsad/data/kb/`) that are equal once the long-vowel letters ا و ي
inside them (not the first or last letter) are dropped are spellings of one word; a query word that is one of them
also matches the others. The variants are the knowledge base's own (its README asks curators to
list the press variants they see), so there is no second list to keep.

A query is words (all must occur, in any order) and "quoted phrases" (must occur as written,
folded). A word matches inside longer words, so `ترمب` also finds `وترمب` and `لترمب` (clitics).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..text.normalize import TABLE, NormalizedView, normalize

# Whitespace, ASCII and Unicode (no-break, thin, ideographic ...), as one character class both
# Python and DuckDB's regular expressions read the same way.
_SPACE_CLASS = "[\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
_SPACES = re.compile(_SPACE_CLASS)
# Punctuation a user may leave on a query word ("ترامب،"): stripped from its ends.
_EDGE_PUNCT = "\"'«»“”‘’.,،؛;:!?؟()[]{}<>-–—…"
LONG_VOWELS = "اوي"


def fold(text: str | None) -> str:
    """The folded form of a text, as the store keeps it for search.

    >>> fold("قال  الرئيسُ الأمريكيّ")     # hamza seats fold too: ئ -> ي
    'قال الرييس الامريكي'
    """
    if not text:
        return ""
    return _SPACES.sub(" ", normalize(text)).strip()


def fold_sql(expr: str) -> tuple[str, list[str]]:
    """The same folding as SQL over `expr` (for stores written before the search columns, and the
    migration that fills them): translate() with the normalizer's own table, then the spaces.
    Returns the SQL and its parameters."""
    src, dst, deleted = [], [], []
    for code, to in TABLE.items():
        if to is None:
            deleted.append(chr(code))
        else:
            src.append(chr(code))
            dst.append(chr(to))
    # translate(): characters of `from` past the length of `to` are deleted, as the normalizer deletes them.
    sql = f"trim(regexp_replace(translate({expr}, ?, ?), ?, ' ', 'g'))"
    return sql, ["".join(src + deleted), "".join(dst), _SPACE_CLASS]


def skeleton(word: str) -> str:
    """A folded word without the long-vowel letters inside it: what two transliterations share. The
    first and last letters stay, so an ending (شرق/شرقي, الامن/الامني) is not a spelling.

    >>> skeleton("ترامب") == skeleton("ترمب"), skeleton("شرقي") == skeleton("شرق")
    (True, False)
    """
    if len(word) < 3:
        return word
    return word[0] + "".join(c for c in word[1:-1] if c not in LONG_VOWELS) + word[-1]


@functools.cache
def kb_variants() -> dict[str, frozenset[str]]:
    """folded word -> its other spellings, from the knowledge base's names (see the module doc)."""
    try:
        from ..kb import load_kb
        kb = load_kb()
    except Exception:  # a broken KB is reported by the pipeline; search then folds without variants
        return {}
    out: dict[str, set[str]] = {}
    for entry in kb.entries.values():
        groups: dict[str, set[str]] = {}
        for surface in (entry.name, *entry.aliases):
            for word in fold(surface).split(" "):
                if len(word) >= 4:  # shorter words collide (علي, علاوي)
                    groups.setdefault(skeleton(word), set()).add(word)
        for words in groups.values():
            if len(words) > 1:
                for w in words:
                    out.setdefault(w, set()).update(words - {w})
    return {w: frozenset(v) for w, v in out.items()}


def spellings(word: str) -> tuple[str, ...]:
    """A folded query word and its other spellings (the word itself first).

    >>> spellings("ترمب")[:1]
    ('ترمب',)
    """
    return (word, *sorted(kb_variants().get(word, ())))


@dataclass(frozen=True)
class Term:
    """One thing a match must contain: any of its folded spellings."""
    text: str                      # as the user wrote it
    spellings: tuple[str, ...]


@dataclass(frozen=True)
class SearchQuery:
    text: str
    terms: tuple[Term, ...]

    def where(self, column: str) -> tuple[str, list[Any]]:
        """SQL (and its parameters) true where the folded `column` contains every term."""
        parts, params = [], []
        for term in self.terms:
            parts.append("(" + " OR ".join(f"contains({column}, ?)" for _ in term.spellings) + ")")
            params.extend(term.spellings)
        return " AND ".join(parts), params

    def describe(self) -> list[dict[str, Any]]:
        return [{"term": t.text, "spellings": list(t.spellings)} for t in self.terms]


_PHRASE = re.compile(r'"([^"]+)"|«([^»]+)»|(\S+)')


def parse(query: str | None) -> SearchQuery:
    """Words and "phrases" of a query, folded, each with its spellings.

    >>> [t.spellings[0] for t in parse('الأسد "مجلس الأمن"').terms]
    ['الاسد', 'مجلس الامن']
    """
    text = (query or "").strip()
    terms: list[Term] = []
    for m in _PHRASE.finditer(text.replace("“", '"').replace("”", '"')):
        raw = m.group(1) or m.group(2) or m.group(3)
        words = [w for w in (fold(x.strip(_EDGE_PUNCT)) for x in fold(raw).split(" ")) if w]
        if not words:
            continue
        if len(words) == 1:
            terms.append(Term(raw, spellings(words[0])))
        else:
            terms.append(Term(raw, _phrase_spellings(words)))
    if not terms:
        raise InputError("search: give one or more words to look for")
    return SearchQuery(text, tuple(dict.fromkeys(terms)))


def _phrase_spellings(words: list[str], most: int = 16) -> tuple[str, ...]:
    """A phrase with each word in each of its spellings (at most `most` combinations)."""
    combos = [""]
    for word in words:
        combos = [f"{c} {s}".strip() for c in combos for s in spellings(word)][:most]
    return tuple(combos)


def snippet(text: str, query: SearchQuery, width: int = 90) -> str | None:
    """The article text around the first place a term matches (None if none does: a title match)."""
    view = NormalizedView(text)
    best: tuple[int, int] | None = None
    for term in query.terms:
        for s in term.spellings:
            i = view.text.find(s) if " " not in s else _find_phrase(view.text, s)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, i + len(s))
    if best is None:
        return None
    start, end = view.span(*best)
    a, b = max(0, start - width), min(len(text), end + width)
    out = text[a:b].replace("\n", " ")
    return ("…" if a > 0 else "") + out + ("…" if b < len(text) else "")


def _find_phrase(haystack: str, phrase: str) -> int:
    m = re.search(_SPACE_CLASS.join(re.escape(w) for w in phrase.split(" ")), haystack)
    return m.start() if m else -1
