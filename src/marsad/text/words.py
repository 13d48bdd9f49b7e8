"""Function words, one home: `data/lexicon/function_words.tsv`, loaded once and read by every stage.

    >>> from marsad.settings import DATA_DIR
    >>> words = load_function_words(DATA_DIR)
    >>> "علي" in words.of("preposition")        # normalized forms: على -> علي
    True
    >>> words.classes_of("الذي")
    frozenset({'relative'})

A stage asks for the classes it reads (`words.of("preposition", "conjunction")`); it keeps no list of
its own, so a word added to the file reaches every stage.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError
from .normalize import normalize

FILE = Path("lexicon") / "function_words.tsv"
CLASSES = frozenset({"preposition", "conjunction", "negation", "particle", "auxiliary", "complementizer",
                     "relative", "demonstrative", "pronoun", "interrogative"})


@dataclass(frozen=True)
class FunctionWords:
    by_class: dict[str, frozenset[str]]   # class -> normalized words

    def of(self, *classes: str) -> frozenset[str]:
        """The normalized words of these classes (all classes when none is named)."""
        unknown = set(classes) - CLASSES
        if unknown:
            raise ValueError(f"unknown function-word class {sorted(unknown)}; known: {sorted(CLASSES)}")
        names = classes or tuple(self.by_class)
        return frozenset().union(*(self.by_class.get(c, frozenset()) for c in names))

    def classes_of(self, word: str) -> frozenset[str]:
        key = normalize(word)
        return frozenset(c for c, ws in self.by_class.items() if key in ws)

    def __contains__(self, word: str) -> bool:
        return bool(self.classes_of(word))


@lru_cache(maxsize=8)
def load_function_words(data_dir: Path | str) -> FunctionWords:
    """Read and validate the file once per data folder (the result is immutable, so a process shares it)."""
    path = Path(data_dir) / FILE
    if not path.is_file():
        raise ConfigError(f"function-word list missing: {path}")
    by_class: dict[str, set[str]] = {}
    header_seen = False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols[:2] == ["word", "class"]:
                continue
        if len(cols) != 2 or not cols[0].strip() or cols[1] not in CLASSES:
            raise ConfigError(f"{path.name}:{n}: expected 'word<TAB>class' with a class of {sorted(CLASSES)}")
        by_class.setdefault(cols[1], set()).add(normalize(cols[0].strip()))
    return FunctionWords({c: frozenset(ws) for c, ws in by_class.items()})
