"""Finding triggers: tokens whose form is in the pattern dictionary, with their conditions.

A token matches after its proclitics are stripped as the segmenter split them (`وزارة` stays
whole), with the pattern's `with` words nearby and none of its `!` words; a light verb is
kept apart for the slot filler; a noun that a coded verb governs (`فرض عقوبات`) is left to
the verb.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import chain

from ..text.cache import WordCache
from ..text.normalize import normalize, strip_diacritics
from .lexicon import FormHit, LexiconIndex
from .patterns import ModalityCues
from .slots import PLACE_HEADS, ClauseWords, Found, SentenceContext

WITH_AFTER, WITH_BEFORE = 6, 3
WORD_CACHE_BYTES = 8_000_000
GOVERNED = ("بال", "لل", "كال")
EVAL_WINDOW = 8


def core(n: str) -> str:
    """A normalized word without its proclitics and article: وبالاتفاق -> اتفاق."""
    if len(n) > 3 and n[0] in "وف":
        n = n[1:]
    if len(n) > 3 and n[0] in "بلك":
        n = "ال" + n[2:] if n.startswith("لل") else n[1:]
    if len(n) > 4 and n.startswith("ال"):
        n = n[2:]
    return n


def candidates(n: str, prefix: str | None = None):
    """(form, verb allowed, noun allowed, future prefix) for a normalized token, least stripped first.
    `prefix` is the segmenter's proclitic split (which knows `وزارة` is not و + زارة); None when
    the segmenter could not judge (diacritics), and then every split is tried."""
    yield n, True, True, False
    if prefix is not None:
        if not prefix and len(n) > 3 and n[0] in "بلك":
            # the segmenter keeps frequent wholes (برصاص); a noun behind ب/ل/ك is still tried,
            # never a verb, and never behind و/ف (وزارة is not و + زارة)
            yield ("ال" + n[2:] if n.startswith("لل") else n[1:]), False, True, False
        if not prefix or not n.startswith(prefix):
            return
        if prefix.startswith("لل"):
            prefix = "ل"
    bases = [n]
    # a two-letter stem behind و/ف (`وحث`، `وشن`، `وتم`: doubled roots) only where the segmenter split it
    if n[:1] in ("و", "ف") and (len(n) > 3 and (prefix is None or prefix[:1] == n[0])
                          or len(n) == 3 and prefix is not None and prefix[:1] == n[0]):
        bases.append(n[1:])
        yield n[1:], True, True, False
    for b in bases:
        if prefix is not None and len(prefix) < 2 and (b is not n or prefix[:1] in "وف"):
            continue  # the segmenter split no second proclitic
        if (len(b) > 3 or prefix and b is n and prefix[-1:] == b[0]) and b[0] in "بلكس":   # (`بشن`: the segmenter split ب)
            if b.startswith("لل"):
                yield "ال" + b[2:], False, True, False
            present = b[1] in "يتنا"
            yield b[1:], b[0] in "لس" and present, b[0] != "س", b[0] == "س"


@lru_cache(maxsize=None)
def _with_words(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[tuple[str, str], ...], ...],
                                                 tuple[str, ...], tuple[str, ...]]:
    """An entry's with-words split once: single words, their cores, words of several parts, and
    the first parts of those (and their cores), which a word must begin before the rest are tried
    (an entry's tuple is the key: a few thousand of them, each computed once per process)."""
    single = tuple(w for w in words if " " not in w)
    # a with-word that carries its preposition (`بالإرهاب` in `اتهم ... بالإرهاب`) must be found with it
    single_cores = tuple(core(w) for w in single if not w.startswith(GOVERNED))
    multi = tuple(tuple((p, core(p)) for p in w.split()) for w in words if " " in w)
    return single, single_cores, multi, tuple(m[0][0] for m in multi), tuple(m[0][1] for m in multi)


def near_word(norms: list[str], cores: list[str], i: int, words: tuple[str, ...],
              after: int = WITH_AFTER, before: int = WITH_BEFORE) -> int | None:
    """The nearest word (six after i, three before) that one of `words` begins; a word of several
    parts (`عن العمل`) must begin that many words in a row."""
    single, single_cores, multi, firsts, first_cores = _with_words(words)
    size = len(norms)
    for j in chain(range(i + 1, min(size, i + 1 + after)), range(i - 1, max(-1, i - 1 - before), -1)):
        n, c = norms[j], cores[j]
        if single and ((single_cores and c.startswith(single_cores)) or n.startswith(single) or c.startswith(single)
                       or (n[:1] in "وف" and n[1:].startswith(single))):
            return j
        if multi and (n.startswith(firsts) or c.startswith(first_cores)):
            for parts in multi:
                if j + len(parts) <= size and all(
                        norms[j + k].startswith(p) or cores[j + k].startswith(pc) for k, (p, pc) in enumerate(parts)):
                    return j
    return None


class TriggerFinder:
    def __init__(self, index: LexiconIndex, modality: ModalityCues, words: ClauseWords):
        self.index = index
        self.modality = modality
        self.words = words
        # word -> (its normalized form, the hits of its least-stripped matching form, letters
        # stripped, its core); a pure function of the word, memoized like the segmenter's cache
        self._word_cache = WordCache(WORD_CACHE_BYTES)   # bounded in bytes: memory stays flat

    def find(self, ctx: SentenceContext) -> tuple[list[Found], list[int]]:
        """The triggers of a sentence, and the positions of its light verbs."""
        found: list[Found] = []
        lights: list[int] = []
        for i, n in enumerate(ctx.norms):
            if not ctx.hits[i][0] or i in ctx.covered:
                continue
            hit = self._trigger(ctx, i, n)
            if hit is None:
                continue
            fh, w, stripped = hit
            if fh.kind == "noun" and i > 0 and ctx.norms[i - 1] in self.words.demonstratives:
                continue  # `هذه التهديدات` points back to something already told
            if "by" in fh.pattern.flags and not n.lstrip("وف").startswith("ب"):
                continue  # an instrument is a doer's only in `برصاص`، `بنيران`
            if "neg" in fh.pattern.flags and not self._negated(ctx, i):
                continue  # `لا تستبعد شن هجوم` threatens; `تستبعد` alone does not
            if fh.pattern.pos == "light":
                lights.append(i)
                continue
            if fh.first_person and fh.kind != "noun" and ctx.quote_at[i] is None:
                continue  # `أشهر` outside anyone's words is months, not "I defame"; `نطالب` is said by someone
            if fh.kind == "eval" and not self._said_or_described(ctx, i, lights):
                continue  # an evaluation is a speech act only in someone's words: `"غير مقبول"`، `وصفه بالمخيب`
            if "oblige" in fh.pattern.flags and not self._obliged(ctx, i):
                continue
            found.append(Found(i, fh.pattern, fh.first_person, w, stripped=stripped, possessive=fh.possessive,
                               kind=fh.kind))
            if fh.kind != "eval" and ctx.quote_at[i] is not None and ctx.quote_at[i].kind != "fragment":
                # `"تركيا تحتل أراضي سورية"`: in someone's words a verb may also be their accusation
                ev = self._evaluation(ctx, i)
                if ev is not None:
                    found.append(Found(i, ev.pattern, ev.first_person, None, stripped=stripped, kind="eval"))
        # a verb whose `with` word is itself a trigger covers it: فرض عقوبات is one event, and it
        # takes the noun's code when that is a more specific one of the same root (قدم مساعدات
        # إنسانية is humanitarian aid, 073)
        governed: set[int] = set()
        for f in found:
            if not f.nominal and f.with_token is not None and ctx.norms[f.with_token] not in self.words.prepositions:
                # (a preposition as with-word, `بحث مع`، `سعى إلى`, governs no noun: `سعت إلى تحسين العلاقات`
                # is two events)
                span = range(f.token + 1, max(f.with_token, f.token) + 3)
                governed.update(span)
                for g in found:
                    if g.nominal and g.token in span and g.pattern.cameo[:2] == f.pattern.cameo[:2] \
                            and len(g.pattern.cameo) >= 3 and g.pattern.cameo[2:] != "0" \
                            and (f.pattern.cameo[2:] in ("", "0") or g.pattern.cameo.startswith(f.cameo)
                                 and len(g.pattern.cameo) > len(f.cameo)):
                        f.code = g.pattern.cameo
        return ([f for f in found if not (f.nominal and f.token in governed)],
                [L for L in lights if L not in governed])

    def _evaluation(self, ctx: SentenceContext, i: int) -> FormHit | None:
        """An evaluation entry that fits token i besides the trigger it already gave."""
        for h in ctx.hits[i][0]:
            if h.kind == "eval" and not (h.pattern.without_words and self._with(ctx, i, h.pattern.without_words) is not None) \
                    and (not h.pattern.with_words or self._with(ctx, i, h.pattern.with_words, wide=True) is not None):
                return h
        return None

    @staticmethod
    def _said_or_described(ctx: SentenceContext, i: int, lights: list[int]) -> bool:
        """Whether an evaluative word is someone's: inside a quote with a speaker, or after a verb of
        describing in its sentence (`اعتبر أردوغان العقوبات طعنة`)."""
        if ctx.quote_at[i] is not None and ctx.quote_at[i].kind != "fragment":
            return True   # (the speaker, if attribution found none, is the subject before the quote)
        return any(L < i and "describe" in (h.pattern.flags if (h := ctx.hits[L][0][0]) else ()) for L in lights)

    @staticmethod
    def _obliged(ctx: SentenceContext, i: int) -> bool:
        """`على الولايات المتحدة أن تفي`: على, an actor, then أن, in someone's words."""
        if ctx.speaker(i) is None:
            return False
        s = ctx.mention_at.get(i + 1)
        return s is not None and s.last + 1 < len(ctx) and ctx.norms[s.last + 1] in ("ان", "بان")

    def word(self, text: str, prefix: str) -> tuple[str, list[FormHit], int, str]:
        # keyed by the text alone: the segmenter's split is a function of the token's text (checked on
        # 200 sample articles, 12,349 token types: none had two splits), so no context is shared wrongly
        hit = self._word_cache.get(text)
        if hit is None:
            n = normalize(text)
            hit = (n, [], 0, core(n))
            split = normalize(prefix) if len(n) == len(text) else None
            # a final ta marbuta marks a noun: صادرة is not صادر + ه (confiscated it)
            nominal = strip_diacritics(text).endswith("ة")
            for form, verb_ok, noun_ok, _future in candidates(n, split):
                hits = self.index.lookup(form, verb_ok and not nominal, noun_ok)
                if hits:
                    stripped = len(n) - len(form) if n.endswith(form) else len(n) - len(form) + 1
                    hit = (n, hits, stripped, core(n))
                    break
            self._word_cache.put(text, hit)
        return hit

    def _trigger(self, ctx: SentenceContext, i: int, n: str) -> tuple[FormHit, int | None, int] | None:
        hits, stripped = ctx.hits[i]
        if i > 0 and ctx.norms[i - 1] in self.words.prepositions:
            # after a preposition a word is a noun: `في قصف إسرائيلي`، `في حذر` (cautiously) is no warning
            hits = [h for h in hits if h.kind == "noun"]
        best: tuple[int, FormHit, int] | None = None   # (length of the matched with-word, hit, its token)
        for h in hits:
            if h.pattern.without_words and self._with(ctx, i, h.pattern.without_words) is not None:
                continue
            if h.pattern.with_words:
                w = self._with(ctx, i, h.pattern.with_words, wide=h.kind == "eval")
                if w is not None:
                    # the entry whose with-word says most wins: استدعى سفيرها (recall, 161) over سفير (summon,
                    # 114), حظر التجول (curfew, 1723) over حظر; at a tie, the more specific code
                    size = self._with_size(ctx, w, h.pattern.with_words)
                    if best is None or size > best[0] or (size == best[0] and len(h.pattern.cameo) > len(best[1].pattern.cameo)):
                        best = (size, h, w)
                continue
            if best is not None:
                break   # entries with with-words come first; one of them fits
            if "place" in h.pattern.flags:
                if self._place_argument(ctx, i, h.pattern.args):
                    return h, None, stripped   # `سيطرت القوات على الحراك`: a named place is the object
                continue
            return h, None, stripped
        if best is not None:
            return best[1], best[2], stripped
        return None

    @staticmethod
    def _place_argument(ctx: SentenceContext, i: int, args: tuple[str, ...]) -> bool:
        """Whether a named place is the argument of one of the entry's prepositions (or its object)."""
        for j in range(i + 1, min(len(ctx), i + 12)):
            s = ctx.mention_at.get(j)
            if s is None or s.entity.type != "LOC":
                continue
            before = ctx.norms[j - 1]
            if before in args or s.clitic[-1:] in args or ("obj" in args and not s.clitic
                                                          and (j == i + 1 or before in PLACE_HEADS)):
                return True   # `استرجعت القوات الأفغانية مدينة قندوز`
        return False

    def _negated(self, ctx: SentenceContext, i: int) -> bool:
        return any(self.modality.by_word.get(ctx.norms[j]) == "negated" for j in range(max(0, i - 2), i))

    @staticmethod
    def _with_size(ctx: SentenceContext, w: int, words: tuple[str, ...]) -> int:
        """The length of the longest of `words` found at token w (a word of several parts counts whole)."""
        size = 1
        for x in words:
            parts = x.split()
            if w + len(parts) > len(ctx):
                continue
            n = 0
            for k, p in enumerate(parts):
                if ctx.norms[w + k].startswith(p) or ctx.norms[w + k][1:].startswith(p) and ctx.norms[w + k][:1] in "وف":
                    n += len(p)
                elif not p.startswith(GOVERNED) and ctx.cores[w + k].startswith(core(p)):
                    n += len(core(p))   # `السفير` found as `سفيرها` says no more than `سفير`
                else:
                    break
            else:
                size = max(size, n + len(parts) - 1)
        return size

    def _with(self, ctx: SentenceContext, i: int, words: tuple[str, ...], wide: bool = False) -> int | None:
        """A `with` word near token i; an evaluation's may be anywhere in its clause (`العلاقات مع مصر "ممتازة"`)."""
        if wide:
            return near_word(ctx.norms, ctx.cores, i, words, EVAL_WINDOW, EVAL_WINDOW)
        # a named actor counts as one word: `أدرجت الولايات المتحدة الحرس الثوري الإيراني على قائمة`
        after = ctx.with_after.get(i)
        if after is None:   # (once per token: a token's entries all ask)
            after, j, last = WITH_AFTER, i + 1, len(ctx) - 1
            while j <= min(last, i + after):
                m = ctx.mention_at.get(j)
                if m is not None and m.last > j:
                    after += m.last - j
                    j = m.last
                j += 1
            ctx.with_after[i] = after
        return near_word(ctx.norms, ctx.cores, i, words, after)

    # -- slots ------------------------------------------------------------------------
