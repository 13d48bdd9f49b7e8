"""The tagger's names and the knowledge base's: which spans become name mentions.

The trained tagger decides where a name starts and ends; the knowledge base decides who it is.
`merge_tagged(found, spans, ctx)` takes each tagger span (`TaggedSpan`) through `SPAN_RULES`, an
ordered list of small rules; the first that decides the span wins. Before them, `tidy_span`
takes function words and a leading title off the span's edges. What the knowledge base and the
lexicons found where the tagger read nothing stays as it is.

A rule takes the span and the `MergeContext` and returns True when it has decided the span
(kept, dropped, or turned into a mention); False passes the span to the next rule.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable
from dataclasses import dataclass, field

from ..doc import Doc, Token
from ..text.normalize import NormalizedView, normalize
from .found import Found
from .rules import ActorLexicon, fold_name
from .tagger import CLITIC_EVIDENCE_COUNT, TaggedSpan

# Tagger spans below this confidence (the lowest marginal probability of the span's labels) are not
# taken. Chosen by 5-fold cross-validation on ANERcorp (marsad train ner --cv 5), not on the dev set.
TAGGER_MIN_SCORE = 0.5
# A span around a known name of its type needs less confidence (the KB backs it).
BACKED_MIN_SCORE = 0.25
# Above this the tagger's ORG overrides the KB's city on the very same words (a club named after its city).
TAGGER_OVERRIDE_SCORE = 0.9
# The tagger reads a sentence only if some word no KB name covers is this rare (corpus count) or a given name.
TAGGER_RARE_WORD_COUNT = 50
# Mention kinds that are names (the others -- titles, labels, pronouns, demonyms -- describe or stand for one).
NAME_KINDS = ("name", "alias")


@dataclass
class MergeContext:
    """One document's merge: what was found, where, and the knowledge used to judge a span."""
    found: list[Found]
    doc: Doc
    view: NormalizedView
    kb: object
    lexicon: ActorLexicon
    function_words: frozenset[str]
    vocab: dict[str, int] = field(default_factory=dict)
    edge_keep: frozenset[str] = frozenset()   # function words a name may start with (conjunctions: أم)
    names: dict[str, str] = field(default_factory=dict)   # name units (tagger.load_person_names)
    added: list[Found] = field(default_factory=list)
    _tokens: dict[int, Token] | None = None
    # `found` by start: sorted (start, position in found), the positions indexed, and an upper bound
    # of a mention's length. A scan of every mention for every tagged span was quadratic in a long text.
    _by_start: list[tuple[int, int]] = field(default_factory=list)
    _position: dict[int, int] = field(default_factory=dict)   # id(mention) -> its position in found
    _indexed: int = 0
    _longest: int = 0

    def token_at(self, start: int) -> Token | None:
        if self._tokens is None:
            self._tokens = {t.start: t for t in self.doc.tokens}
        return self._tokens.get(start)

    def overlapping(self, start: int, end: int) -> list[Found]:
        """The mentions kept that overlap [start, end), in the order of `found`."""
        found = self.found
        for i in range(self._indexed, len(found)):   # mentions appended since the last call
            f = found[i]
            insort(self._by_start, (f.start, i))
            self._position[id(f)] = i
            self._longest = max(self._longest, f.end - f.start)
        self._indexed = len(found)
        # f.end > start needs f.start > start - longest
        lo = bisect_left(self._by_start, (start - self._longest + 1, -1))
        hi = bisect_left(self._by_start, (end, -1))
        hits = sorted(i for _, i in self._by_start[lo:hi])
        return [f for f in (found[i] for i in hits) if not f.drop and f.start < end and f.end > start]

    def move(self, f: Found, start: int, end: int) -> None:
        """Give a mention of `found` new bounds (keeping the index by start true)."""
        i = self._position.get(id(f))
        if i is not None and self.found[i] is f:
            del self._by_start[bisect_left(self._by_start, (f.start, i))]
            insort(self._by_start, (start, i))
            self._longest = max(self._longest, end - start)
        f.start, f.end = start, end

    def text(self, start: int, end: int) -> str:
        return self.doc.text[start:end]

    def mention(self, span: TaggedSpan, start: int | None = None, end: int | None = None) -> Found:
        s = span.start if start is None else start
        e = span.end if end is None else end
        f = Found(s, e, "tagger", normalize(self.doc.text[s:e]), kind="name", type=span.type, score=span.score,
                  wstart=self.view.to_view(s), vstart=self.view.to_view(s), vend=self.view.to_view(e))
        self.added.append(f)
        return f


def _is_function_word(word: str, ctx: MergeContext) -> bool:
    """A function word at a name's edge, but not a given name its folding makes look like one (علي the name,
    على the preposition), nor a conjunction that also opens names (أم القرى، أم كلثوم)."""
    n = normalize(word)
    return n in ctx.function_words and n not in ctx.edge_keep and fold_name(word) not in ctx.lexicon.given_names


def _is_name(f: Found) -> bool:
    return f.kind in NAME_KINDS and f.type in ("PER", "ORG", "LOC")


def _entry_ids(ctx: MergeContext, surface: str) -> set[str]:
    """KB entries a surface names (not as a nationality adjective)."""
    return {k for k, kind in ctx.kb.alias_index().get(normalize(surface).strip(), ()) if kind != "demonym"}


def _surface_words(ctx: MergeContext, kb_id: str) -> set[str]:
    e = ctx.kb.get(kb_id)
    if e is None:
        return set()
    return {w for s in (e.name, *e.aliases) for w in normalize(s).split()}


# ------------------------------------------------------------------------------------------ span edges

def tidy_span(span: TaggedSpan, ctx: MergeContext) -> TaggedSpan | None:
    """The span without function words or punctuation at its edges or a title at its end, and a person's
    without a leading title or a last word carrying a preposition, grown over a hyphen that joins a part:
    `إلى باكو` -> `باكو`, `الملك محمد السادس` -> `محمد السادس`, `عمرو زكي للزمالك` -> `عمرو زكي`,
    `تشونج مون` -> `تشونج مون-جون`. None when nothing is left."""
    words = _words(ctx.doc.text, span.start, span.end)
    while words and (_is_function_word(words[0][2], ctx) or not words[0][2][:1].isalnum()):
        words.pop(0)
    while words and (_is_function_word(words[-1][2], ctx) or not words[-1][2][-1:].isalnum()):
        words.pop()
    while len(words) > 1 and normalize(words[-1][2]) in ctx.lexicon.titles:
        words.pop()   # مكتب التحقيقات الكابتن ...: a title starts the next name, it ends none
    if span.type == "PER":
        while len(words) > 1 and normalize(words[0][2]) in ctx.lexicon.titles:
            words.pop(0)
        while len(words) > 1 and _clitic_word(words[-1][0], ctx):
            words.pop()   # عبد الحفيظ لشرح -> عبد الحفيظ
    if not words:
        return None
    start, end = max(span.start, words[0][0]), words[-1][1]
    text = ctx.doc.text
    while end + 1 < len(text) and text[end] == "-" and text[end + 1].isalpha():
        end = _word_end(text, end + 1)   # تشونج مون-جون: a hyphen joins the parts of one name
    if (start, end) == (span.start, span.end):
        return span
    return TaggedSpan(start, end, span.type, span.score)


def split_at_conjunction(span: TaggedSpan, ctx: MergeContext) -> list[TaggedSpan]:
    """Two people joined by و are two names: `شافيز ولوكاشنكو` -> `شافيز`, `لوكاشنكو` (a name whose first
    letter is و, `وليد`, or a surname after a given name, `هنري وينكلر`, does not split)."""
    if span.type != "PER":
        return [span]
    out, start = [], span.start
    words = _words(ctx.doc.text, span.start, span.end)
    before = words[0][2]
    for k, (a, _b, w) in enumerate(words[1:], 1):
        if not _joined_by_wa(w, ctx.token_at(a), ctx, before):
            before = w
            continue
        before = w[1:]
        out.append(TaggedSpan(start, words[k - 1][1], span.type, span.score))
        start = a + 1
    out.append(TaggedSpan(start, span.end, span.type, span.score))
    return out


def _joined_by_wa(word: str, token: Token | None, ctx: MergeContext, before: str) -> bool:
    """Does this word of a person's span start with the conjunction و? Yes when the segmenter split it off, or
    when the word is too rare to know (`شافيز ولوكاشنكو`); but a rare word right after a given name, whose rest
    is no likelier word nor a name unit, is that name's surname (`هنري وينكلر`, Winkler), whatever the
    segmenter made of it."""
    n = normalize(word)
    if not n.startswith("و") or len(n) < 4 or n in ctx.names or n in ctx.lexicon.connectors:
        return False
    rest = n[1:]
    whole, alone = ctx.vocab.get(n, 0), ctx.vocab.get(rest, 0)
    if (whole < CLITIC_EVIDENCE_COUNT and alone <= whole and rest not in ctx.names
            and ctx.names.get(normalize(before)) == "given"):
        return False
    return bool(token is not None and token.prefix.startswith("و")) or whole < CLITIC_EVIDENCE_COUNT


def _clitic_word(start: int, ctx: MergeContext) -> bool:
    """A word carrying a preposition ب ل ك (لشرح، للزمالك): no inner or last word of a person's name."""
    t = ctx.token_at(start)
    return t is not None and bool(t.prefix.lstrip("وف")) and normalize(t.text) not in ctx.names


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos].isalnum() or "\u064b" <= text[pos] <= "\u0652"):
        pos += 1
    return pos


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out, pos = [], start
    for w in text[start:end].split():
        at = text.index(w, pos)
        out.append((at, at + len(w), w))
        pos = at + len(w)
    return out


# ------------------------------------------------------------------------------------------ the rules

def too_unsure(span: TaggedSpan, ctx: MergeContext) -> bool:
    """A span the tagger is not sure of (lowest label marginal under TAGGER_MIN_SCORE) is dropped, unless a
    known name of its type lies inside it: the KB backs the reading (`غالي شكري` around the KB's `شكري`)."""
    if span.score >= TAGGER_MIN_SCORE:
        return False
    backed = span.score >= BACKED_MIN_SCORE and any(
        span.start <= f.start and f.end <= span.end and (f.start, f.end) != (span.start, span.end)
        and f.type == span.type and _is_name(f) for f in ctx.overlapping(span.start, span.end))
    return not backed


def not_a_name(span: TaggedSpan, ctx: MergeContext) -> bool:
    """A function word or pronoun alone is never a name (`انا` read as ORG)."""
    words = ctx.text(span.start, span.end).split()
    return len(words) == 1 and _is_function_word(words[0], ctx)


def beside_a_description(span: TaggedSpan, ctx: MergeContext) -> bool:
    """A span over a title, a label, a pronoun or a nationality adjective the lexicons read is theirs:
    `دولة الاحتلال` stays a label of its state, `الأمريكية` an adjective. But a body's name may qualify
    itself with a nationality adjective after its first word (`البنك الوطني السويسري`): that adjective is
    part of an organization's name the KB does not know (coreference gives it the state)."""
    inside = ctx.overlapping(span.start, span.end)
    if inside and all(_adjective_of_a_body(f, span) for f in inside):
        return False   # nothing but its own adjective: an organization the KB does not know
    return any(not _is_name(f) for f in inside)


def _adjective_of_a_body(f: Found, span: TaggedSpan) -> bool:
    return span.type == "ORG" and f.kind == "demonym" and span.start < f.start and f.end <= span.end


def club_named_after_its_city(span: TaggedSpan, ctx: MergeContext) -> bool:
    """`فاز ليون على مرسيليا`: the tagger, sure of itself, reads an organization exactly where the KB
    has a city: a club or company named after its city, an organization of the city's state."""
    if span.type != "ORG" or span.score < TAGGER_OVERRIDE_SCORE:
        return False
    same = [f for f in ctx.overlapping(span.start, span.end) if (f.start, f.end) == (span.start, span.end)]
    if len(same) != 1 or same[0].source != "kb" or same[0].type != "LOC" or same[0].subtype != "city":
        return False
    g = same[0]
    g.type, g.subtype, g.kb_id, g.role, g.refers = "ORG", None, None, None, "org:" + normalize(ctx.text(g.start, g.end))
    return True


def same_words_as_a_known_name(span: TaggedSpan, ctx: MergeContext) -> bool:
    """`قال بوتين`: the KB's mention on the very same words stands (it is linked)."""
    return any((f.start, f.end) == (span.start, span.end) for f in ctx.overlapping(span.start, span.end))


def known_names_inside(span: TaggedSpan, ctx: MergeContext) -> bool:
    """A known name never cuts a longer tagged name: `حزب العمال الكردستاني` (KB: العمال الكردستاني),
    `تنظيم القاعدة`, `بنك فرنسا المركزي` (not فرنسا). One known name of the span's type inside it is the
    same actor named in full, and keeps its link (a person only when the span's first word is one of the
    entry's own name words: `جيب بوش` is not George W. Bush); other names inside give the new
    mention their state."""
    inner = ctx.overlapping(span.start, span.end)
    if not inner or not all(span.start <= f.start and f.end <= span.end for f in inner):
        return False
    same = {(f.start, f.end, f.kb_id) for f in inner}   # one name may have been found twice (a nested group)
    if len(same) == 1 and inner[0].type == span.type and inner[0].source != "rule":
        f = inner[0]
        first = normalize(ctx.text(span.start, span.end).split()[0])
        if span.type != "PER" or not f.kb_id or first in _surface_words(ctx, f.kb_id):
            ctx.move(f, span.start, span.end)
            f.wstart = f.vstart = ctx.view.to_view(span.start)
            f.vend = ctx.view.to_view(span.end)
            for g in inner[1:]:
                g.drop = True
            return True
    new = ctx.mention(span)
    countries = [f.country for f in inner if f.country and f.type == "LOC"]
    if countries and span.type != "PER":
        new.country = countries[-1]
    for f in inner:
        f.drop = True
    return True


# KB subtypes of places whose name holds another place's name without lying in it (بحر قزوين، خليج عدن)
NAMED_AFTER_A_PLACE = ("body_of_water",)


def inside_a_known_name(span: TaggedSpan, ctx: MergeContext) -> bool:
    """A tagged name inside a longer known one: the known name stands (`الولايات المتحدة`, not
    `الولايات`), unless the tagged words alone name the same entry, or name a place of their own the
    longer name only situates (`جنوب لبنان` -> `لبنان`, `شمال أفريقيا` -> `أفريقيا`, `دولة قطر` ->
    `قطر`: the words around it are place words), which then is the name; a different entry the longer
    name links (the region `جنوب لبنان`) stays as a description of kind label around it."""
    outer = [f for f in ctx.overlapping(span.start, span.end) if f.start <= span.start and span.end <= f.end]
    if not outer:
        return False
    f = outer[0]
    inner_ids = _entry_ids(ctx, ctx.text(span.start, span.end))
    if not f.kb_id or not inner_ids:
        return True
    if f.kb_id not in inner_ids:
        extra = (ctx.text(f.start, span.start) + " " + ctx.text(span.end, f.end)).split()
        if not extra or not all(_place_word(w, ctx) for w in extra):
            return True
        known = ctx.kb.get(f.kb_id)
        if known is not None and known.subtype in NAMED_AFTER_A_PLACE:
            return True   # بحر قزوين is the sea, not a part of the town قزوين
        entries = [e for e in (ctx.kb.get(k) for k in inner_ids) if e is not None and e.type == span.type]
        if not entries:
            return True
        # the place named is the name; the known place it situates (a region of it) stays, described
        from .link import apply_entry
        inner = ctx.mention(span)
        inner.source = "kb"
        apply_entry(inner, max(entries, key=lambda e: e.weight))
        f.kind = "label"
        return True
    ctx.move(f, span.start, span.end)
    f.wstart = f.vstart = ctx.view.to_view(span.start)
    f.vend = ctx.view.to_view(span.end)
    return True


def _place_word(word: str, ctx: MergeContext) -> bool:
    """A word that situates a place (جنوب، شمالي، دولة، منطقة), with its proclitics and article off."""
    w = normalize(word).strip("\"'()،,")
    forms = {w, w[1:], w[2:]}
    forms |= {x[2:] for x in forms if x.startswith("ال")}
    forms |= {x[:-1] for x in forms if x.endswith(("ي", "ه"))}   # شمالي، الجنوبية
    return bool(forms & ctx.lexicon.place_cues)


def across_a_known_name(span: TaggedSpan, ctx: MergeContext) -> bool:
    """A span that crosses a known name's edge is dropped: the known name stands."""
    return bool(ctx.overlapping(span.start, span.end))


def unknown_name(span: TaggedSpan, ctx: MergeContext) -> bool:
    """`وقال المتحدث جون كيربي`: a name nothing else found becomes an entity without a KB link."""
    ctx.mention(span)
    return True


SpanRule = Callable[[TaggedSpan, MergeContext], bool]
SPAN_RULES: tuple[SpanRule, ...] = (too_unsure, not_a_name, beside_a_description, club_named_after_its_city,
                                    same_words_as_a_known_name, known_names_inside, inside_a_known_name,
                                    across_a_known_name, unknown_name)


def join_adjacent(spans: list[TaggedSpan], ctx: MergeContext) -> list[TaggedSpan]:
    """`بنسون كيبوي` tagged as two names of one type with a single space between: one name (the tagger
    began a second name where the first went on), when neither overlaps a name found already (`روسيا
    الولايات المتحدة` in a list is two) and the second has no proclitic (`روسيا للقرم`)."""
    text = ctx.doc.text
    out: list[TaggedSpan] = []

    def unknown(span: TaggedSpan) -> bool:
        return not ctx.overlapping(span.start, span.end)

    for span in sorted(spans, key=lambda s: s.start):
        last = out[-1] if out else None
        if last is not None and last.type == span.type and text[last.end:span.start] == " " \
                and not _clitic_word(span.start, ctx) and unknown(last) and unknown(span):
            out[-1] = TaggedSpan(last.start, span.end, last.type, min(last.score, span.score))
        else:
            out.append(span)
    return out


def merge_tagged(spans: list[TaggedSpan], ctx: MergeContext) -> list[Found]:
    """The found mentions with the tagger's spans merged in, in text order."""
    for whole in join_adjacent(spans, ctx):
        for part in split_at_conjunction(whole, ctx):
            span = tidy_span(part, ctx)
            if span is None:
                continue
            for rule in SPAN_RULES:
                if rule(span, ctx):
                    break
            if ctx.added:
                ctx.found.extend(ctx.added)
                ctx.added = []
    return sorted(ctx.found, key=lambda f: (f.start, -f.end))


# A known one-word name that is also a common word (الأسد the lion, نجد "we find") is dropped where the
# tagger, which knows the KB, reads the word as no name with at least this probability.
COMMON_WORD_OUTSIDE = 0.9
COMMON_WORD_COUNT = 1000


def known_words_to_probe(found: list[Found], vocab: dict[str, int]) -> frozenset[int]:
    """Start offsets of the known one-word people and places that are common words too: the tagger is asked
    about them. (An outlet or organization the linker accepted had a cue in the text: العربية after مقابلة مع.)"""
    return frozenset(f.start for f in found if not f.drop and f.source == "kb" and f.kind == "name" and f.type in ("PER", "LOC")
                     and " " not in f.key and vocab.get(f.key, 0) >= COMMON_WORD_COUNT)


def drop_common_words(found: list[Found], outside: dict[int, float]) -> None:
    """`مقالة عن حيوان الأسد`: a known name that is a common word too, where the tagger reads a common word."""
    for f in found:
        if not f.drop and f.source == "kb" and outside.get(f.start, 0.0) >= COMMON_WORD_OUTSIDE:
            f.drop = True


def covered_by(found: list[Found], length: int) -> bytearray:
    covered = bytearray(length + 1)
    for f in found:
        if not f.drop:
            covered[f.start:f.end] = b"\x01" * (f.end - f.start)
    return covered


def sentences_to_tag(doc: Doc, found: list[Found], vocab: dict[str, int], given: frozenset[str]) -> Doc:
    """The tagger is the stage's slowest part: it reads only sentences with a word nothing covers that is
    rare in the news or a given name (a sentence of known names and common words has no name to add)."""
    covered = covered_by(found, len(doc.text))
    keep: set[int] = set()
    for t in doc.tokens:
        if t.sentence in keep or not t.is_word or covered[t.stem_start] or not t.text[:1].isalpha():
            continue
        if vocab.get(normalize(t.text), 0) < TAGGER_RARE_WORD_COUNT or fold_name(t.text) in given:
            keep.add(t.sentence)
    return Doc(text=doc.text, id=doc.id or "-", tokens=[t for t in doc.tokens if t.sentence in keep])
