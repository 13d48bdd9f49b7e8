"""Reported speech: which words were reported, by whom, through which cue.

The rules, in order:

1. Every speech cue (a verb, participle or noun from `cues.tsv`) opens a window of
   up to `WINDOW_WORDS` words in its sentence (`COLON_WINDOW_WORDS` when it ends in a colon
   and a quotation). The window ends at what introduces
   the reported words: a quotation mark (direct speech, `وأضاف: "..."`), a
   complementizer (indirect speech, `قال إن`، `أشار إلى أن`، `وصفه بأنه`), or a colon
   followed by unquoted speech. Quoted names (`صحيفة "الحياة"`) and chain phrases
   (`في مقابلة مع`) inside the window are stepped over; another cue ends it.
2. Indirect speech runs from the complementizer to the sentence end, cut before
   `، مضيفا ...` (a new cue), `، حسبما ...` (a source phrase), or the clause of a
   later cue with words of its own (`، في حين حث ...`). Quoted parts inside it make
   it `mixed` (the quote starts where the content starts); a further complementizer opening
   a quotation (`وأن "..."`، `، إلا أن ... "..."`) starts a report of its own.
   A source phrase heading a sentence reports its clause (`وبحسب X، فإن ...`،
   `وجاء في البيان أن ...`); a line `Name: words` is the named speaker's (headlines).
3. A quotation no cue introduced becomes a `fragment` (a quoted word or phrase in
   the writer's sentence) when a cue gives it a speaker, or a quote of its own when it is
   `UNCUED_QUOTE_WORDS` long; a short one nobody is reported saying is no quote (the framing
   rules read it), nor is a name; a cue or source phrase right after it
   (`"..."، قال`، `"..."، بحسب X`) or a reporting cue earlier in its sentence gives it a
   speaker. A quotation that opens a paragraph right after a quoted paragraph goes on
   with the same speaker.
4. A quotation left open at its paragraph end is used only when a cue introduces
   it, and then only to the paragraph end; if the next paragraph ends it with a lone
   closing mark, that part goes on with the same speaker.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..doc import ChainLink, Cue, Quote
from .chain import ChainState, chain_links, interviews_beside_speakers, lead_takes_later_interview, publisher_link
from .marks import QuotedSpan
from .scan import CueHit, Scan
from .speakers import SOURCE_WORDS, SpeakerState, resolve_source, resolve_speaker, source_hit

WINDOW_WORDS = 16
# ... and up to this many when they end in a colon and a quotation (`قال في كلمة وجهها إلى
# الجماهير التركية، الجمعة، في ولاية باليكسير: "..."`): the colon says the words follow
COLON_WINDOW_WORDS = 30
# A quotation no cue introduced is reported speech from this many words on; shorter, it is a
# word in marks (a name, a term, the writer's distance), not a quote
UNCUED_QUOTE_WORDS = 4
HEADING_WORDS = 8   # a quotation alone in its paragraph this short after indirect speech is a subheading
SENTENCE_END = frozenset(".؟?!…")
TRIM = " \t\n.،,:؛;\"'«»“”"


@dataclass
class Intro:
    kind: str                      # direct | indirect | colon
    token: int                     # the opening mark, complementizer or colon
    span: QuotedSpan | None = None


@dataclass
class SpanUse:
    """How a quotation was used (read by the framing rules)."""
    role: str                      # after_cue | cue_fragment | in_indirect | orphan | nested | name
    cue: CueHit | None = None


@dataclass
class QuoteResult:
    quotes: list[Quote] = field(default_factory=list)
    span_use: dict[int, SpanUse] = field(default_factory=dict)    # span.open -> use
    claimed: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of reported speech
    cues: list[CueHit] = field(default_factory=list)


def find_intro(sc: Scan, hit: CueHit) -> Intro | None:
    toks, norms = sc.doc.tokens, sc.norms
    comps, blocks = sc.lex.words("complementizer"), sc.lex.words("blocks_that")
    para_end = sc.para_end[hit.token]
    words = 0
    after_colon = False
    j = hit.token + 1
    prev_word = None
    while j < len(toks):
        t = toks[j]
        if t.start > para_end:
            return None
        span = sc.span_by_open.get(t.start)
        if span is not None and span.depth == 0:
            if sc.is_name_span(span):
                j = sc.token_after(span.close + 1)
                continue
            if span.end > span.start and (words <= WINDOW_WORDS or after_colon):
                return Intro("direct", j, span)
            return None
        if t.sentence != hit.sentence:
            return None
        if not t.is_word:
            if t.text == ":":
                nxt = j + 1
                if nxt < len(toks) and toks[nxt].start in sc.span_by_open:
                    after_colon = True
                    j = nxt
                    continue
                if nxt < len(toks) and toks[nxt].sentence == hit.sentence and toks[nxt].start <= para_end \
                        and words <= WINDOW_WORDS:
                    return Intro("colon", j)
                return None
            if t.text in SENTENCE_END:
                return None
            if t.text in ("،", ",") and j + 1 < len(toks) and (toks[j + 1].prefix.startswith("ف") or norms[j + 1] in ("فقد", "فان")):
                return None  # `، فقد سبق له أن`: a new clause, not the cue's complement
            if t.text in ("،", ",") and j + 1 < len(toks) and _and_that(sc, j + 1):
                return None  # `قد هدده، وأن "..."`: another complement of an earlier cue
            j += 1
            continue
        n = norms[j]
        if n in comps and (prev_word is None or norms[prev_word] not in blocks) and words <= WINDOW_WORDS:
            return Intro("indirect", j)
        ph = sc.phrase_at.get(j)
        if ph is not None and ph.phrase.role != "source":
            j = ph.last + 1
            prev_word = ph.last
            continue
        other = sc.cue_at.get(j)
        if other is not None and not _transparent(other) and not (other.entry.form_kind == "extra" and j == hit.token + 1):
            return None  # another cue ends the window, unless it is a noun right after the verb (وقال الادعاء إن)
        words += 1
        if words > COLON_WINDOW_WORDS:
            return None
        prev_word = j
        j += 1
    return None


def _and_that(sc: Scan, k: int) -> bool:
    """Token k is و + a complementizer (`وأن`، `وإنه`): a further complement of a cue."""
    n = sc.norms[k]
    return n[:1] == "و" and n[1:] in sc.lex.words("complementizer")


def _transparent(hit: CueHit) -> bool:
    """`قائلا` after a cue only introduces its words (استرسل قائلا "..."), as does `قوله`
    after a relay (نقلت الوكالة عن الوزير قوله إن)."""
    return hit.entry.lemma == "قال" and hit.entry.form_kind in ("participle", "extra")


def _words(text: str) -> int:
    return len(text.split())


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    # keep the closing mark of a quotation the content opens (`إن الأسد "سيدفع ثمنا باهظا"`)
    if e < len(text) and text[e] == '"' and text.count('"', s, e) % 2 == 1:
        e += 1
    elif e < len(text) and text[e] in "»”" and \
            text.count("«", s, e) + text.count("“", s, e) > text.count("»", s, e) + text.count("”", s, e):
        e += 1
    return s, e


def _clause_end(sc: Scan, first: int, sent: int) -> int:
    """End offset of indirect speech starting at token `first`: the sentence end, or before
    `، + cue` / `، + source phrase`, or before the clause of a later cue that reports words
    of its own (`، في حين حث الوزير ... على "..."`، `، إلا أن ترامب قال إن`)."""
    toks = sc.doc.tokens
    end = sc.doc.sentences[sent].end if sent < len(sc.doc.sentences) else len(sc.doc.text)
    j = first
    last_comma = None
    while j < len(toks) and toks[j].start < end:
        t = toks[j]
        span = sc.span_by_open.get(t.start)
        if span is not None and span.depth == 0:
            j = sc.token_after(span.close + 1)
            continue
        if t.text in ("،", ",", "؛", ";") and j + 1 < len(toks):
            k = j + 1
            nxt = sc.cue_at.get(k)
            ph = sc.phrase_at.get(k)
            if (nxt is not None and (not _transparent(nxt) or nxt.entry.form_kind == "participle")) \
                    or (ph is not None and ph.phrase.role in ("source", "relayed_by")):
                return t.start   # `، مضيفا ...`، `، قائلا: "..."`، `، حسبما ...`: a new report
            last_comma = j
        other = sc.cue_at.get(j)
        if other is not None and last_comma is not None and j > first and not _transparent(other) \
                and find_intro(sc, other) is not None:
            return toks[last_comma].start
        j += 1
    return end


def _spans_in(sc: Scan, s: int, e: int) -> list[QuotedSpan]:
    return [sp for sp in sc.top_spans_in(s, e) if not sc.is_name_span(sp) and sp.end > sp.start]


@dataclass
class Builder:
    """The state the quote rules share while they read one document: the quotes found so far
    (kept sorted by start, for bisection), the quotations and cues already used, who spoke last
    and through which outlets."""
    sc: Scan
    res: QuoteResult = field(default_factory=QuoteResult)
    speakers: SpeakerState = field(default_factory=SpeakerState)
    chains: ChainState = field(default_factory=ChainState)
    pub: ChainLink | None = None
    taken: set[int] = field(default_factory=set)        # opening offsets of quotations used
    introduced: set[int] = field(default_factory=set)   # ids of the cue hits that introduced words
    intros: set[int] = field(default_factory=set)       # tokens (mark, complementizer, colon) that opened words
    claimed_starts: list[int] = field(default_factory=list)
    claimed_quotes: list[Quote] = field(default_factory=list)

    def inside_claimed(self, i: int) -> bool:
        k = bisect_right(self.claimed_starts, i) - 1
        claimed = self.res.claimed
        # claims rarely nest: the few that start last before i are the only candidates
        return any(claimed[j][0] <= i < claimed[j][1] for j in range(k, max(-1, k - 4), -1))

    def inside_top_span(self, i: int) -> bool:
        s = self.sc.span_covering(i)
        return s is not None and s.start <= i < s.close and not self.sc.is_name_span(s)

    def quote_before(self, offset: int) -> Quote | None:
        """The quote starting last before offset, if it also ends before it."""
        k = bisect_right(self.claimed_starts, offset) - 1
        q = self.claimed_quotes[k] if k >= 0 else None
        return q if q is not None and q.end <= offset else None

    def use(self, span: QuotedSpan, role: str, hit: CueHit | None = None) -> None:
        self.taken.add(span.open)
        self.res.span_use[span.open] = SpanUse(role, hit)

    def emit(self, s: int, e: int, kind: str, hit: CueHit | None, win: tuple[int, int] | None, sent: int,
             inherit: Quote | None = None) -> Quote | None:
        """Record the quote text[s:e] (trimmed) with its cue, speaker and chain."""
        text = self.sc.doc.text
        s, e = _trim(text, s, e)
        if e <= s:
            return None
        q = Quote(id="", start=s, end=e, text=text[s:e], kind=kind)
        if inherit is not None:
            q.speaker, q.speaker_description, q.cue, q.chain = inherit.speaker, inherit.speaker_description, inherit.cue, list(inherit.chain)
        else:
            if hit is not None:
                q.cue = Cue(hit.start, hit.end, hit.text, hit.entry.lemma, hit.entry.stance)
                q.speaker, q.speaker_description = hit.speaker, hit.description
            links, reset = chain_links(self.sc, hit, win, sent, e)
            q.chain = self.chains.resolve(q.speaker, q.speaker_description, links, reset, s)
            if self.pub is not None and not any(c.entity and c.entity == self.pub.entity for c in q.chain):
                q.chain.append(ChainLink(self.pub.role, self.pub.entity, self.pub.name))
        if q.speaker is not None or q.speaker_description:
            agreement = hit.entry.agreement if (hit is not None and inherit is None) else None
            self.speakers.heard(q.speaker, q.speaker_description, s, agreement)
        self.res.quotes.append(q)
        k = bisect_right(self.claimed_starts, q.start)
        self.claimed_starts.insert(k, q.start)
        self.claimed_quotes.insert(k, q)
        self.res.claimed.insert(k, (q.start, q.end))
        return q


def build_quotes(sc: Scan) -> QuoteResult:
    """Run the quote rules in order (QUOTE_RULES) and number the quotes by position."""
    b = Builder(sc, pub=publisher_link(sc.doc))
    interviews_beside_speakers(sc, b.chains)
    for rule in QUOTE_RULES:
        rule(b)
    res = b.res
    res.quotes.sort(key=lambda q: (q.start, q.end))
    lead_end = sc.doc.text.find("\n")
    lead_takes_later_interview(res.quotes, lead_end if lead_end >= 0 else len(sc.doc.text))
    for n, q in enumerate(res.quotes, 1):
        q.id = f"Q{n}"
    return res


# ---- the rules, in the order they run ----

def speech_after_cues(b: Builder) -> None:
    """Every speech cue, in text order: its speaker, then the words it introduces (a quotation,
    a colon's words or an indirect clause), by one of the three rules below.

    `وقال الوزير: "لن نقبل بأي حل"` -> direct; `وأشار إلى أن المفاوضات ستستأنف` -> indirect."""
    sc, toks = b.sc, b.sc.doc.tokens
    for ti in sorted(sc.cue_at):
        hit = sc.cue_at[ti]
        if b.inside_top_span(toks[ti].start) or b.inside_claimed(toks[ti].start):
            continue
        intro = find_intro(sc, hit)
        win_to = intro.token if intro else min(len(toks), ti + 1 + WINDOW_WORDS)
        resolve_speaker(sc, hit, ti + 1, win_to, b.speakers, b.res.cues)
        b.res.cues.append(hit)
        if intro is None or (_transparent(hit) and _follows_cue(sc, ti, b.intros)):
            if intro is None and hit.speaker is not None and hit.overt:
                # `وينفي ترامب إقامة علاقة ...`: a named speaker with no words quoted is still
                # who a following `غير أنه قال` or `وأضاف` continues
                b.speakers.heard(hit.speaker, None, hit.start, hit.entry.agreement)
            if intro is None and hit.speaker is not None:   # an interview named with no words quoted
                links, _ = chain_links(sc, hit, (ti + 1, win_to), hit.sentence, toks[win_to - 1].end)
                if any(l.role == "said_to" for l in links):
                    b.chains.record(hit.speaker, None, hit.start, links)
            continue
        if intro.token in b.intros:
            continue   # `ولاحظ، كما نقلت عنه صحيفة X، أن`: the words are the first cue's, once
        b.intros.add(intro.token)
        b.introduced.add(id(hit))
        INTRO_RULES[intro.kind](b, hit, intro)


def quotation_after_cue(b: Builder, hit: CueHit, intro: Intro) -> None:
    """`وقال وزير الخارجية: "لن نقبل بأي حل"`: the quotation the cue's window ends at; a word
    or three in marks in the cue's clause (`وصفها بـ"المزدهرة"`) is a fragment. A quotation left
    open at its paragraph's end goes on in the next paragraph up to a lone closing mark."""
    sc, text = b.sc, b.sc.doc.text
    span = intro.span
    assert span is not None
    if span.open in b.taken:
        return
    end = span.end if span.closed else span.close
    right_after = _right_after_cue(sc, hit.token, intro.token)
    kind = "fragment" if _words(text[span.start:end]) <= 3 and not right_after else "direct"
    role = "after_cue" if right_after else "cue_fragment"
    b.use(span, "describe" if hit.entry.role == "describe" else role, hit)
    q = b.emit(span.start, end, kind, hit, (hit.token + 1, intro.token), hit.sentence)
    if q is not None and not span.closed:
        tail = _closing_in_next_paragraph(sc, span.close)
        if tail is not None:  # `قال: "...` / `... ."` : the quotation closes a paragraph later
            b.emit(tail[0], tail[1], "direct", None, None, sc.doc.sentence_of(tail[0]), inherit=q)


def words_after_colon(b: Builder, hit: CueHit, intro: Intro) -> None:
    """`وأضاف: الحكومة لن تتراجع عن قرارها`: unquoted words after a colon, to the clause end."""
    toks = b.sc.doc.tokens
    first = intro.token + 1
    end = _clause_end(b.sc, first, toks[intro.token].sentence)
    b.emit(toks[first].start, end, "direct", hit, (hit.token + 1, intro.token), hit.sentence)


def indirect_clause(b: Builder, hit: CueHit, intro: Intro) -> None:
    """`قال المتحدث باسم الجيش إن القوات سيطرت على المدينة`: from the complementizer to the
    clause end (the quote starts where the content starts); quoted parts make it `mixed`. A
    further complement that opens a quotation is a report of its own: `أنه لم يتبق من فترة
    حكمه سوى 20 شهرا وأن "هناك انتخابات ..."`، `أن تركيا كانت "تريد ..."، إلا أن بداية التحقيقات
    "أخذت بعض الوقت"`."""
    sc, toks = b.sc, b.sc.doc.tokens
    first = intro.token + 1
    if first >= len(toks):
        return
    end = _clause_end(sc, first, toks[intro.token].sentence)
    inner = _spans_in(sc, toks[first].start, end)
    for sp in inner:
        end = max(end, sp.end if sp.closed else end)
    parts, seg = [], toks[first].start
    for k in range(first + 1, len(toks)):
        if toks[k].start >= end:
            break
        cut = _further_complement(sc, k, end)
        if cut is not None:
            parts.append((seg, toks[cut].start))
            seg = toks[k + 1].start if k + 1 < len(toks) else end
    parts.append((seg, end))
    for s, e in parts:
        _emit_clause(b, hit, intro, s, e)


def _emit_clause(b: Builder, hit: CueHit, intro: Intro, start: int, end: int) -> None:
    sc, text = b.sc, b.sc.doc.text
    inner = _spans_in(sc, start, end)
    kind = "indirect"
    if inner:
        q0 = inner[0]
        if sc.doc.text[start:q0.open].strip() == "":
            start = q0.start
        kind = "direct" if start == q0.start and q0.close + 1 >= _trim(text, start, end)[1] else "mixed"
        for sp in inner:
            b.use(sp, "describe" if hit.entry.role == "describe" else "in_indirect", hit)
    b.emit(start, end, kind, hit, (hit.token + 1, intro.token), hit.sentence)


def _further_complement(sc: Scan, k: int, end: int) -> int | None:
    """Token k is a complementizer joined to the clause (`وأن`، `إلا أن`، `غير أن`، `لكن`) whose
    words open with a quotation within three tokens: the token where the first report ends."""
    toks = sc.doc.tokens
    n = sc.norms[k]
    if _and_that(sc, k):
        cut = k
    elif n in sc.lex.words("complementizer") and k > 0 and sc.norms[k - 1] in ("الا", "غير", "لكن", "بل"):
        cut = k - 1
    else:
        return None
    for j in range(k + 1, min(len(toks), k + 4)):
        if toks[j].start >= end:
            return None
        span = sc.span_by_open.get(toks[j].start)
        if span is not None and span.depth == 0 and not sc.is_name_span(span):
            return cut
    return None


INTRO_RULES = {"direct": quotation_after_cue, "colon": words_after_colon, "indirect": indirect_clause}


def source_phrase_heading(b: Builder) -> None:
    """A source phrase opening a sentence reports its clause: `وبحسب الوزارة، فإن عدد الضحايا
    ارتفع`، `وجاء في البيان أن ...`."""
    sc, doc, toks = b.sc, b.sc.doc, b.sc.doc.tokens
    for ph_tok in sorted(sc.phrase_at):
        ph = sc.phrase_at[ph_tok]
        if ph.phrase.role not in ("source", "content") or b.inside_claimed(ph.start) or b.inside_top_span(ph.start):
            continue
        sent = toks[ph_tok].sentence
        if ph_tok - sc.token_after(doc.sentences[sent].start) > 1:
            continue  # only at the head of its sentence
        comp = _fa_inna(sc, ph.last + 1, sent, plain=ph.phrase.role == "content")
        if comp is None or comp + 1 >= len(toks) or toks[comp + 1].sentence != sent:
            continue
        hit = source_hit(sc, ph)
        resolve_source(sc, hit, ph.last + 1, comp)
        end = _clause_end(sc, comp + 1, sent)
        b.emit(toks[comp + 1].start, end, "indirect", hit, (ph.last + 1, comp), sent)


def headline_speech(b: Builder) -> None:
    """A line `Name: words` is the named speaker's: `ترامب: قرارنا بشأن سوريا سيصدر قريبا`."""
    sc = b.sc
    for start, end, entity in _headline_speech(sc):
        if b.inside_claimed(start):
            continue
        q = b.emit(start, end, "direct", None, None, sc.doc.sentence_of(start))
        if q is not None:
            q.speaker = entity
            b.speakers.heard(entity, None, q.start)
            for sp in _spans_in(sc, q.start, q.end):
                b.use(sp, "in_indirect")


def uncued_quotations(b: Builder) -> None:
    """A quotation no cue introduced: a paragraph that opens with one right after quoted speech
    goes on with that speaker (`continued_paragraph`); otherwise it is a fragment, whose speaker
    is a cue or source phrase right after it (`"..."، قال`) or a reporting cue earlier in its
    sentence. Names in marks are marked as names, not quotes."""
    sc, text = b.sc, b.sc.doc.text
    reporting: dict[int, list[CueHit]] = {}   # by sentence: each span looks only at its own sentence's cues
    for h in b.res.cues:
        if id(h) in b.introduced:
            reporting.setdefault(h.sentence, []).append(h)
    for span in sc.top:
        if sc.is_name_span(span):
            b.res.span_use[span.open] = SpanUse("name")
            continue
        if span.open in b.taken or span.end <= span.start or not span.closed or b.inside_claimed(span.start):
            continue
        b.taken.add(span.open)
        sent = sc.doc.sentence_of(span.start)
        if continued_paragraph(b, span, sent):
            continue
        hit = _cue_after(sc, span, b.introduced) or _source_after(sc, span) or _cue_before(reporting.get(sent, []), sent, span.open)
        # `يصف الاتفاق بـ"الكارثة" و"الفظيع"`: a second object of a describing cue
        b.res.span_use[span.open] = SpanUse("describe" if hit is not None and hit.entry.role == "describe" else "orphan", hit)
        words = _words(text[span.start:span.end])
        if hit is None and words < UNCUED_QUOTE_WORDS:
            continue   # `"الحائرة"`، `"كوكا كولا"`: a word in marks nobody is reported saying (framing reads it)
        long_before_cue = words >= UNCUED_QUOTE_WORDS and hit is not None and hit.token > sc.token_after(span.close) - 1
        b.emit(span.start, span.end, "direct" if long_before_cue else "fragment", hit, None, sent)


def continued_paragraph(b: Builder, span: QuotedSpan, sent: int) -> bool:
    """A paragraph opening with a quotation right after a paragraph of reported speech goes on with
    the same speaker, cue and chain (the second paragraph of a long quotation; after `متعهدا بأنه
    ...` the speaker's own words) -- unless a cue follows it (`"..."، تقول مريم`)."""
    text = b.sc.doc.text
    prev_q = b.quote_before(span.open)
    if prev_q is None or not _opens_paragraph(text, span.open) or prev_q.kind not in ("direct", "mixed", "indirect") \
            or "\n" in text[prev_q.end:span.open].strip("\n \"»”") or text.count("\n", prev_q.end, span.open) != 1:
        return False
    if prev_q.kind == "indirect" and (_words(text[span.start:span.end]) < HEADING_WORDS
                                      or _cue_after(b.sc, span, b.introduced) is not None):
        return False   # a short one is a subheading (`"نتانياهو مغرم بالأزمة الزائفة"`), not more of the speech
    b.res.span_use[span.open] = SpanUse("after_cue", None)
    b.emit(span.start, span.end, "direct", None, None, sent, inherit=prev_q)
    return True


def nested_quotations(b: Builder) -> None:
    """Quotations inside quotations are marked as nested, for the framing rules."""
    for span in b.sc.spans:
        if span.depth > 0 and span.open not in b.res.span_use:
            b.res.span_use[span.open] = SpanUse("nested")


QUOTE_RULES = (speech_after_cues, source_phrase_heading, headline_speech, uncued_quotations, nested_quotations)


def _closing_in_next_paragraph(sc: Scan, para_end: int) -> tuple[int, int] | None:
    """(start, end) of the next paragraph's words up to a closing mark that pairs with no
    opening mark there: the rest of a quotation left open at `para_end`."""
    text = sc.doc.text
    start = text.find("\n", para_end)
    if start < 0:
        return None
    start += 1
    while start < len(text) and text[start] in " \t\n":
        start += 1
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    for i in range(start, stop):
        if text[i] in '"”»':
            if any(s.open <= i <= s.close for s in sc.top_spans_in(start, i + 1)):
                return None  # the mark belongs to a quotation of its own
            return start, i
        if text[i] in "«“":
            return None
    return None


def _follows_cue(sc: Scan, ti: int, intros: set[int] = frozenset()) -> bool:
    """A `قائلا` that is itself inside another cue's window (it was stepped over there), not
    one after that cue's words (`قال إنه دفع ...، قائلا إن الهدف منه ...`)."""
    for k in range(ti - 1, max(-1, ti - WINDOW_WORDS - 1), -1):
        if sc.doc.tokens[k].sentence != sc.doc.tokens[ti].sentence or k in intros:
            return False
        h = sc.cue_at.get(k)
        if h is not None and not _transparent(h):
            return True
    return False


def _right_after_cue(sc: Scan, cue_tok: int, mark_tok: int) -> bool:
    """The quotation mark follows the cue with only a subject, a colon or a comma between."""
    between = [k for k in range(cue_tok + 1, mark_tok) if sc.doc.tokens[k].is_word]
    if not between:
        return True
    punct = [sc.doc.tokens[k].text for k in range(cue_tok + 1, mark_tok) if not sc.doc.tokens[k].is_word]
    if ":" in punct:
        return True
    last = sc.norms[mark_tok - 1] if mark_tok - 1 > cue_tok else ""
    # `وأضاف ماكرون "...`: the word before the mark is a name in the subject
    return any(m_end >= sc.doc.tokens[mark_tok - 1].end for _, m_end, _, _ in sc.mentions_in(sc.doc.tokens[cue_tok].end, sc.doc.tokens[mark_tok].start)) \
        and not last.startswith("ب")


def _opens_paragraph(text: str, offset: int) -> bool:
    k = offset - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] == "\n"


def _cue_after(sc: Scan, span: QuotedSpan, introduced: set[int]) -> CueHit | None:
    """`"..."، قال الوزير`: a cue within three tokens after the closing mark, in the sentence,
    that introduces no words of its own."""
    j = sc.token_after(span.close + 1)
    toks = sc.doc.tokens
    for k in range(j, min(len(toks), j + 3)):
        if toks[k].start > sc.para_end[k - 1 if k else 0]:
            return None
        h = sc.cue_at.get(k)
        if h is not None:
            return h if h.resolved and id(h) not in introduced else None
        if toks[k].is_word:
            return None
    return None


def _source_after(sc: Scan, span: QuotedSpan) -> CueHit | None:
    """`"..."، بحسب المتحدث عدنان أبو حسنة`: a source phrase right after the closing mark."""
    j = sc.token_after(span.close + 1)
    toks = sc.doc.tokens
    for k in range(j, min(len(toks), j + 3)):
        ph = sc.phrase_at.get(k)
        if ph is not None and ph.phrase.role == "source":
            hit = source_hit(sc, ph)
            resolve_source(sc, hit, ph.last + 1, min(len(toks), ph.last + 1 + SOURCE_WORDS))
            return hit
        if toks[k].is_word:
            return None
    return None


def _fa_inna(sc: Scan, j: int, sent: int, plain: bool = False) -> int | None:
    """The token of `فإن`/`فان` (with its pronoun forms) after a source phrase, in the sentence;
    with `plain`, also a bare complementizer (`وجاء في البيان أن`)."""
    toks = sc.doc.tokens
    comps = sc.lex.words("complementizer")
    for k in range(j, min(len(toks), j + SOURCE_WORDS + 2)):
        if toks[k].sentence != sent:
            return None
        n = sc.norms[k]
        if (n.startswith("ف") and n[1:] in comps) or (plain and n in comps):
            return k
    return None


def _cue_before(cues: list[CueHit], sent: int, offset: int) -> CueHit | None:
    best = None
    for h in cues:
        if h.sentence == sent and h.end <= offset:
            best = h
    return best


HEADLINE_MIN_WORDS = 3


def _headline_speech(sc: Scan):
    """(start, end, entity id) of `Name: words` lines: a named speaker, a colon, and what they
    said, at the start of a line or after a line's own label (`اقرأ أيضا: ترامب: ...`)."""
    doc = sc.doc
    for m_s, m_e, m, e in sc.mentions:
        if e.type not in ("PER", "ORG", "LOC") or m.kind == "pronoun":
            continue
        line_start = doc.text.rfind("\n", 0, m_s) + 1
        before = doc.text[line_start:m_s].strip()
        if before and not before.endswith(":"):
            continue
        after = doc.text[m_e:m_e + 2]
        if not after.startswith(":") and not after.startswith(" :"):
            continue
        colon = doc.text.index(":", m_e)
        line_end = doc.text.find("\n", colon)
        line_end = len(doc.text) if line_end < 0 else line_end
        if _words(doc.text[colon + 1:line_end]) < HEADLINE_MIN_WORDS:
            continue
        yield colon + 1, line_end, e.id
