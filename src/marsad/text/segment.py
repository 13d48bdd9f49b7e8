"""Sentences and tokens, with clitic segmentation that keeps surface offsets.

Sentences end at `.` `؟` `?` `!` `…` and at line ends. A quotation opened and
closed within its paragraph is never split; abbreviations (`د.`, `م.`) and numbers
(`3.5`) stay whole.

Tokens are words, numbers and single punctuation marks. Each word is segmented into
proclitics (و ف, then ب ل ك or the future س, and ل before an article whose alef
it swallowed: لل), a stem, and an enclitic pronoun (ه ها هم هما هن ك كم نا ي).
A split is made only when the word list (frequencies from a news corpus, see
`data/lexicon/`) says the remainder is a word at least as common as the whole:
`وإسرائيل` -> و + إسرائيل, but `باكو` stays باكو and `والده` stays والده.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

from ..doc import Doc, Sentence, Token
from ..settings import Settings
from .cache import WordCache
from .normalize import normalize
from .repair import unbalanced_quotes

# Words (letters, digits, harakat, tatweel) and single marks; `_` splits words (`#قطاع_غزة`).
TOKEN = re.compile(r"(?:[^\W_]|[\u064b-\u065f\u0670\u0640])+|[^\w\s]|_", re.UNICODE)
SENT_END = re.compile(r"(?:\.{1,3}|[؟?!…]+)(?=[\s\"'»”)\]]|$)")
# One-letter abbreviations and titles that take a full stop: د. (doctor), م. (engineer).
ABBREV = re.compile(r"(?:^|[\s(])[\u0621-\u064a]\.$")
PROCLITIC_1 = "وف"
PROCLITIC_2 = "بلكس"
ENCLITICS = ("هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ك", "ي")
QUOTE_PAIRS = {'"': '"', "«": "»", "“": "”"}
# No real sentence is this long; a longer run (a scraped page without stops, a pasted table) is cut
# at its clause marks so that no later stage's work on a sentence grows without bound.
# the segmentation memo's budget (two generations of it at most; ~60k words)
SEGMENT_CACHE_BYTES = 8_000_000
MAX_SENTENCE_CHARS = 1500
MIN_PIECE_CHARS = 300
CLAUSE_MARK = re.compile(r"[،,؛;:]\s")
# A word seen with the article ال at least this often (and this share of its own count) keeps its first
# letter ب ل ك: it is a word, not a preposition + word (`Segmenter._takes_article`).
ARTICLE_EVIDENCE_MIN = 10
ARTICLE_EVIDENCE_SHARE = 0.02


def load_no_split(settings: Settings) -> frozenset[str]:
    path = Path(settings.data_dir) / "lexicon" / "no_split.txt"
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#"))


def load_vocab(settings: Settings) -> dict[str, int]:
    path = Path(settings.data_dir) / "lexicon" / "vocab.tsv.gz"
    vocab: dict[str, int] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            w, _, c = line.rstrip("\n").partition("\t")
            vocab[w] = int(c)
    return vocab


class Segmenter:
    """Component `segment`: adds sentences and tokens."""
    name = "segment"
    needs: tuple[str, ...] = ()
    adds = ("sentences", "tokens")

    def __init__(self, settings: Settings, resources):
        self.vocab: dict[str, int] = resources.get("vocab", load_vocab)
        self.no_split: frozenset[str] = resources.get("no_split", load_no_split)
        # word -> its segmentation, bounded in bytes (memory stays flat however much is read)
        self._cache = WordCache(SEGMENT_CACHE_BYTES)

    def __call__(self, doc: Doc) -> Doc:
        # repair already found the unbalanced quote marks: reuse them rather than search again
        stray = {r.at for r in doc.repairs if r.kind == "unbalanced_quote"}
        doc.sentences = split_sentences(doc.text, stray)
        doc.tokens = self.tokenize(doc.text, doc.sentences)
        return doc

    def tokenize(self, text: str, sentences: list[Sentence]) -> list[Token]:
        tokens: list[Token] = []
        append = tokens.append
        cache, segment = self._cache.current, self.segment_word
        ends = [s.end for s in sentences] or [len(text)]
        s_idx, s_end, last = 0, ends[0], len(ends) - 1
        for m in TOKEN.finditer(text):
            start, end = m.span()
            while start >= s_end and s_idx < last:
                s_idx += 1
                s_end = ends[s_idx]
            word = m.group()
            if word[0].isalpha():
                hit = cache.get(word) or segment(word)
                append(Token(start, end, word, start + hit[0], end - hit[1], hit[2], hit[3], s_idx, True))
            else:
                append(Token(start, end, word, start, end, "", "", s_idx, word[0].isdigit()))
        return tokens

    def segment_word(self, word: str) -> tuple[int, int, str, str]:
        """(chars of proclitics, chars of enclitic, proclitic string, enclitic string) for one word."""
        hit = self._cache.get(word)
        if hit is None:
            hit = self._segment(word)
            self._cache.put(word, hit)
        return hit

    def _count(self, w: str) -> int:
        return self.vocab.get(w, 0)

    def _takes_article(self, word: str, rest: str) -> bool:
        """A word starting with ب ل ك that the news also writes with the article ال is a word of its own,
        not a preposition + word: كريم (الكريم), كمال, باب, بحر, كأس, لسان. (A preposition + noun never takes
        the article in front: بسبب, بشكل, لكرة have no البسبب.) Remainders with the article (بالقرب) and
        ل + ل are the clitic for sure."""
        if word[:1] not in "بلك" or rest.startswith("ال") or (word[0] == "ل" and rest.startswith("ل")):
            return False
        with_article = self._count("ال" + word)
        return with_article >= max(ARTICLE_EVIDENCE_MIN, ARTICLE_EVIDENCE_SHARE * self._count(word))

    def _segment(self, word: str) -> tuple[int, int, str, str]:
        n = normalize(word)
        if len(n) != len(word) or not re.fullmatch(r"[\u0621-\u064a]+", n):
            # diacritics or mixed scripts: segment the folded form only when offsets line up
            if len(n) != len(word):
                return 0, 0, "", ""
        if n in self.no_split:
            return 0, 0, "", ""
        whole = self._count(n)
        best = (0, 0, "", "")
        best_score = whole
        for pre in _proclitic_splits(n):
            rest = n[len(pre):]
            if len(rest) < 2:
                continue
            score = self._count(rest)
            if pre.endswith("ل") and rest.startswith("ل"):
                score = max(score, self._count("ا" + rest))  # لل = ل + ال
            if "س" in pre and not rest[:1] in "يتنا":
                continue  # the future marker only comes before an imperfect verb
            if self._takes_article(n[len(pre) - 1:], rest):
                continue
            # A remainder seen often on its own is a word: `وقال` is و + قال even though
            # وقال itself is frequent; `والده` is not و + الده, which is rare.
            if score > best_score or (score >= 20 and score * (50 if pre in PROCLITIC_1 else 10) >= whole and len(pre) <= len(best[2]) + 1 and best_score == whole):
                best, best_score = (len(pre), 0, pre, ""), score
        pre_len = best[0]
        core = n[pre_len:]
        core_count = max(best_score, 1)
        for enc in ENCLITICS:
            if core.endswith(enc) and len(core) - len(enc) >= 2:
                stem = core[: -len(enc)]
                stem_count = self._count(stem) + self._count(stem[:-1] + "ه") if stem.endswith("ت") else self._count(stem)
                if stem_count >= core_count * 2 and not self._count(core) > stem_count:
                    return pre_len, len(enc), best[2], enc
                break
        return best


def _proclitic_splits(n: str):
    """Candidate proclitic strings at the start of normalized word n, longest last."""
    outs = []
    i = 0
    if n[:1] in PROCLITIC_1:
        outs.append(n[:1])
        i = 1
    if n[i:i + 1] in PROCLITIC_2 and n[i:i + 1]:
        outs.append(n[: i + 1])
    return outs


def split_sentences(text: str, stray: set[int] | None = None) -> list[Sentence]:
    """Sentences of the text; line ends always end one, quotations inside a paragraph never do.
    `stray`: offsets of unbalanced quote marks, if already known (found here otherwise)."""
    sentences: list[Sentence] = []
    if stray is None:
        stray = set(unbalanced_quotes(text))
    pos = 0
    for para in text.split("\n"):
        base = pos
        pos += len(para) + 1
        if not para.strip():
            continue
        protected = _quoted_ranges(para, base, stray)
        start = 0
        for m in SENT_END.finditer(para):
            cut = m.end()
            inside = next(((a, b) for a, b in protected if a < base + m.start() < b), None)
            if inside and base + m.end() != inside[1]:
                continue  # a stop inside a quotation; one that ends the quotation ends the sentence
            if m.group() == "." and ABBREV.search(para[: m.end()]):
                continue
            # a closing quote right after the stop belongs to this sentence
            while cut < len(para) and para[cut] in "\"'»”)":
                cut += 1
            _add(sentences, base, para, start, cut)
            start = cut
        _add(sentences, base, para, start, len(para))
    return sentences


def _add(sentences: list[Sentence], base: int, para: str, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE_CHARS:
        cut = _overlong_cut(para, start)
        _add_one(sentences, base, para, start, cut)
        start = cut
    _add_one(sentences, base, para, start, end)


def _overlong_cut(para: str, start: int) -> int:
    """Where to cut a sentence over MAX_SENTENCE_CHARS: after the last clause mark, else the last space."""
    window = para[start + MIN_PIECE_CHARS:start + MAX_SENTENCE_CHARS]
    marks = [m.end() for m in CLAUSE_MARK.finditer(window)]
    if marks:
        return start + MIN_PIECE_CHARS + marks[-1]
    space = window.rfind(" ")
    return start + MIN_PIECE_CHARS + (space + 1 if space >= 0 else len(window))


def _add_one(sentences: list[Sentence], base: int, para: str, start: int, end: int) -> None:
    seg = para[start:end]
    if not seg.strip():
        return
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    sentences.append(Sentence(base + start + lead, base + end - trail))


QUOTE_MARK = re.compile('["«»“”]')


def _quoted_ranges(para: str, base: int, stray: set[int]) -> list[tuple[int, int]]:
    """Spans (in text offsets) of quotations opened and closed within the paragraph."""
    out = []
    open_at: int | None = None
    closer = ""
    for m in QUOTE_MARK.finditer(para):
        i, ch = m.start(), m.group()
        if base + i in stray:
            continue
        if open_at is None:
            if ch in QUOTE_PAIRS:
                open_at, closer = i, QUOTE_PAIRS[ch]
        elif ch == closer:
            out.append((base + open_at, base + i))
            open_at = None
    return out
