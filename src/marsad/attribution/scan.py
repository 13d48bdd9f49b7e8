"""One pass over a Doc's tokens that the quote, speaker, chain and framing rules share:
normalized word forms with clitics peeled, cue and phrase hits, quotations, and the
entity mentions by position."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..doc import Doc, Entity, Mention
import re

from ..text.normalize import DELETED_RE, normalize, strip_diacritics
from .lexicon import PROCLITICS_1, AttributionLexicon, CueEntry, Phrase, bare_forms
from .marks import QuotedSpan, quoted_spans



def raw_offset(raw: str, n_chars: int) -> int:
    """Index in `raw` after its first n_chars normalized characters (diacritics are skipped)."""
    kept = 0
    for k, ch in enumerate(raw):
        if kept == n_chars:
            return k
        if not DELETED_RE.match(ch):
            kept += 1
    return len(raw)


LATIN_LETTER = re.compile(r"[A-Za-z]")


@dataclass
class CueHit:
    token: int           # index into doc.tokens
    start: int           # the cue's span without و/ف (offsets into doc.text)
    end: int
    text: str
    entry: CueEntry
    sentence: int
    # filled by the quote rules
    speaker: str | None = None
    description: str | None = None
    resolved: bool = False
    relayer: str | None = None   # a relay cue's subject (نقلت وكالة X عن ...): entity id
    relayer_name: str | None = None  # ... or its words, when no entity stands for it
    relay_phrase: "PhraseHit | None" = None  # `نقلا عن Y` that named the speaker, not an outlet
    relay_object: bool = False   # a relay cue with an object, not عن (نقلت الصحيفة تصريح الملا الذي قال)
    overt: bool = False          # the speaker was named after or right before the cue


@dataclass
class PhraseHit:
    first: int           # first token index
    last: int            # last token index (inclusive)
    phrase: Phrase
    start: int
    end: int
    open_l: bool = False  # the phrase ends in ل written onto the next word (لوكالة)


@dataclass
class Scan:
    doc: Doc
    lex: AttributionLexicon
    norms: list[str] = field(default_factory=list)
    infos: list = field(default_factory=list)             # per token: the lexicon's WordInfo
    starts: dict[str, list[int]] = field(default_factory=dict)  # WordInfo flag -> tokens that have it
    has_latin: bool = False
    cue_at: dict[int, CueHit] = field(default_factory=dict)
    phrase_at: dict[int, PhraseHit] = field(default_factory=dict)
    spans: list[QuotedSpan] = field(default_factory=list)
    span_by_open: dict[int, QuotedSpan] = field(default_factory=dict)
    names: set[int] = field(default_factory=set)        # opening offsets of spans that are names
    token_at: dict[int, int] = field(default_factory=dict)  # start offset -> token index
    mentions: list[tuple[int, int, Mention, Entity]] = field(default_factory=list)
    _mention_starts: list[int] = field(default_factory=list)
    para_end: list[int] = field(default_factory=list)     # per token: offset of its paragraph end
    tok_starts: list[int] = field(default_factory=list)
    top: list[QuotedSpan] = field(default_factory=list)      # top-level quotations, by opening
    top_opens: list[int] = field(default_factory=list)
    _name_words: dict | None = None
    kb: object | None = None   # the knowledge base, when the stage has one (nationality words, outlets)
    role_people: dict = field(default_factory=dict)   # speakers._role_people, per role words
    made: dict = field(default_factory=dict)          # speakers._made_entity: normalized words -> Entity
    made_at: dict = field(default_factory=dict)       # ... and token start offset -> the id of the entity it names
    _positions: dict[str, list[int]] | None = None

    def positions_of(self, bare: str) -> list[int]:
        """The word tokens whose normalized form, without the article ال, is `bare`, in text order."""
        if self._positions is None:
            self._positions = {}
            for k, t in enumerate(self.doc.tokens):
                if t.is_word:
                    self._positions.setdefault(self.norms[k].removeprefix("ال"), []).append(k)
        return self._positions.get(bare, [])

    # ---- building ----
    @classmethod
    def build(cls, doc: Doc, lex: AttributionLexicon) -> "Scan":
        sc = cls(doc, lex)
        sc.norms = [normalize(t.text) for t in doc.tokens]
        word = lex.word
        sc.infos = [word(n) for n in sc.norms]   # what the lexicons say of each token, looked up once
        # the few tokens each later pass needs to look at (most tokens start nothing)
        sc.starts = {kind: [i for i, info in enumerate(sc.infos) if getattr(info, kind)]
                     for kind in ("starts_phrase", "starts_label", "starts_editorial", "outletish")}
        sc.has_latin = LATIN_LETTER.search(doc.text) is not None
        sc.token_at = {t.start: i for i, t in enumerate(doc.tokens)}
        sc.tok_starts = [t.start for t in doc.tokens]
        stray = {r.at for r in doc.repairs if r.kind == "unbalanced_quote"}
        sc.spans = quoted_spans(doc.text, stray)
        sc.span_by_open = {s.open: s for s in sc.spans}
        sc.top = [s for s in sc.spans if s.depth == 0]
        sc.top_opens = [s.open for s in sc.top]
        sc.index_mentions()
        text = doc.text
        ends, pos = [], 0
        for para in text.split("\n"):
            ends.append(pos + len(para))
            pos += len(para) + 1
        k = 0
        for t in doc.tokens:
            while k < len(ends) - 1 and t.start > ends[k]:
                k += 1
            sc.para_end.append(ends[k])
        sc._find_cues()
        sc._find_names()
        sc._find_phrases()
        return sc

    def index_mentions(self) -> None:
        """(Re)build the index of entity mentions by position (after the outlet rules add some)."""
        self.mentions = sorted(((m.start, m.end, m, e) for e in self.doc.entities for m in e.mentions),
                               key=lambda x: (x[0], -x[1]))
        self._mention_starts = [m[0] for m in self.mentions]
        self._name_words = None
        self.role_people = {}

    def _find_names(self) -> None:
        """Quoted spans that are names (صحيفة "الحياة"، لـ«الشرق الأوسط»، («تويتر» و«فيسبوك»))."""
        name_nouns = self.lex.words("name_noun")
        for s in self.spans:
            content = self.doc.text[s.start:s.end]
            prev = self.word_before(s.open)
            is_name = False
            if prev is not None:
                is_name = self._classified(prev, name_nouns)
                relay = self.cue_at.get(prev)
                is_name = is_name or (relay is not None and relay.entry.role == "relay")  # ونقلت "فرانس برس"
            before = self.doc.text[max(0, s.open - 2):s.open].strip()
            if before.endswith("(") or before.endswith("لـ"):
                is_name = True
            if prev is not None and self.norms[prev] == "و" and prev > 0:
                # «تويتر» و«فيسبوك»: a name joined to a name
                before_and = self.doc.tokens[prev - 1]
                prior = next((t for t in self.spans if t.close == before_and.start), None)
                if prior is not None and prior.open in self.names:
                    is_name = True
            if not is_name and s.closed and content and len(content.split()) <= 4:
                is_name = self._is_entity_name(s.start, s.end)
            if is_name and s.closed:
                self.names.add(s.open)
        # the same words in marks elsewhere are the same name (سفينة "لايف لاين" ... مهاجرو "لايف لاين")
        named = {normalize(self.doc.text[s.start:s.end]) for s in self.spans if s.open in self.names}
        for s in self.spans:
            if s.closed and s.open not in self.names and normalize(self.doc.text[s.start:s.end]) in named:
                self.names.add(s.open)

    def _classified(self, prev: int, name_nouns: frozenset[str]) -> bool:
        """A noun that classes what follows as a name stands right before the quotation, or two
        or three words before it with only adjectives between (`المسلسل الدرامي "كوانتيكو"`،
        `الحصان الإيرلندي "مندلسون"`، `شركة المشروبات الشهيرة "كوكا كولا"`)."""
        toks = self.doc.tokens
        for k in range(prev, max(-1, prev - 3), -1):
            if not toks[k].is_word or toks[k].sentence != toks[prev].sentence:
                return False
            n = self.norms[k]
            forms = {f for f, _ in bare_forms(n)}
            forms |= {f[2:] for f in forms if f.startswith("ال")}
            forms |= {f[: -len(enc)] for f in forms for enc in ("ها", "ه") if f.endswith(enc)}  # فيلمه "شوها"
            if forms & name_nouns or n.rstrip("ـ") in name_nouns:
                return True
            if k < prev or not n.startswith("ال"):
                # only a definite word (an adjective or the genitive of a construct) may stand between
                if not n.startswith("ال"):
                    return False
        return False

    def _is_entity_name(self, start: int, end: int) -> bool:
        """The span holds exactly one entity mention of an organization or place (a name in marks)."""
        for m_start, m_end, m, e in self.mentions_in(start, end):
            if e.type in ("ORG", "LOC") and m_start - start <= 2 and end - m_end <= 1:
                return True
        return False

    def _find_cues(self) -> None:
        preps, background = self.lex.words("preposition"), self.lex.words("background")
        not_cue = self.lex.words("not_cue")
        for i, t in enumerate(self.doc.tokens):
            if not t.is_word:
                continue
            info = self.infos[i]
            if info.cue is None:
                continue
            entry, peeled = info.cue
            if i > 0 and self.norms[i - 1] in preps and entry.form_kind != "extra":
                continue  # مع توقع، في إشارة: a verbal noun in a phrase, not a cue
            if self.norms[i] in background:
                continue  # يذكر أن: the writer's background, not a report
            if not_cue and strip_diacritics(t.text) in not_cue:
                continue  # وتدعى هوليا: "is called", not "claims"
            if entry.form_kind in ("past", "present") and entry.lemma[:1] == "أ" \
                    and strip_diacritics(t.text)[peeled:peeled + 1] == "إ":
                continue  # وإضافته: a verbal noun (إفعال) spelled with إ, not the verb أضاف
            keep = peeled if self.norms[i][:1] in PROCLITICS_1 and peeled == 1 else 0
            start = t.start + raw_offset(t.text, keep)
            self.cue_at[i] = CueHit(i, start, t.end, self.doc.text[start:t.end], entry, t.sentence)

    def _find_phrases(self) -> None:
        toks = self.doc.tokens
        for i in self.starts["starts_phrase"]:
            t = toks[i]
            if not t.is_word or i in self.phrase_at:
                continue
            for form, peeled in bare_forms(self.norms[i]):
                cands = self.lex.phrases.get(form)
                if not cands:
                    continue
                hit = None
                nxt = self.norms[i + 1] if i + 1 < len(toks) else ""
                for ph in cands:
                    if len(ph.words) > 1 and ph.words[1] != nxt and ph.words[1] != "ل" and nxt != "ـ":
                        continue  # the second word rules most candidates out cheaply
                    hit = self._match_phrase(i, ph)
                    if hit:
                        break
                if hit:
                    keep = 1 if peeled and self.norms[i][0] in PROCLITICS_1 else 0
                    hit.start = t.start + raw_offset(t.text, keep)
                    self.phrase_at[i] = hit
                    break

    def _match_phrase(self, i: int, ph: Phrase) -> PhraseHit | None:
        toks, words = self.doc.tokens, ph.words
        j = i
        for k, w in enumerate(words):
            if k == 0:
                j = i
                continue
            j += 1
            while j < len(toks) and toks[j].text in ("ـ", "\u0640"):
                j += 1
            if j >= len(toks):
                return None
            n = self.norms[j]
            if n == w:
                continue
            if k == len(words) - 1 and w == "ل" and n.startswith("ل") and len(n) > 1:
                # the ل is written onto the outlet's name (لوكالة): the phrase ends before that word
                return PhraseHit(i, j - 1, ph, 0, toks[j - 1].end, open_l=True)
            if k == len(words) - 1 and w == "ل" and n == "لـ":
                continue
            return None
        return PhraseHit(i, j, ph, 0, toks[j].end)

    # ---- queries ----
    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph (line) holding the offset."""
        starts = self.doc.cache.get("_paragraph_starts")
        if starts is None:
            starts = [0] + [i + 1 for i, ch in enumerate(self.doc.text) if ch == "\n"]
            self.doc.cache["_paragraph_starts"] = starts
        return bisect_right(starts, offset) - 1

    def word_before(self, offset: int) -> int | None:
        """Index of the last word token ending at or before offset, skipping tatweel."""
        return self._word_back(bisect_right(self.tok_starts, offset) - 1, offset)

    def _word_back(self, k: int, offset: int) -> int | None:
        toks = self.doc.tokens
        while k >= 0 and (toks[k].end > offset or toks[k].text in ("ـ", "\u0640")):
            k -= 1
        if k >= 0 and toks[k].is_word and offset - toks[k].end <= 2:
            return k
        return None

    def token_after(self, offset: int) -> int:
        """Index of the first token starting at or after offset."""
        return bisect_right(self.tok_starts, offset - 1)

    def mentions_in(self, start: int, end: int):
        """Mentions starting inside [start, end)."""
        k = bisect_right(self._mention_starts, start - 1)
        while k < len(self.mentions) and self.mentions[k][0] < end:
            yield self.mentions[k]
            k += 1

    def span_covering(self, offset: int, top_only: bool = True) -> QuotedSpan | None:
        """The top-level quotation holding offset (top-level ones never overlap in a paragraph)."""
        k = bisect_right(self.top_opens, offset) - 1
        if k >= 0 and self.top[k].open <= offset <= self.top[k].close:
            return self.top[k]
        return None

    def top_spans_in(self, start: int, end: int) -> list[QuotedSpan]:
        """Top-level quotations opening in [start, end)."""
        k = bisect_right(self.top_opens, start - 1)
        out = []
        while k < len(self.top) and self.top[k].open < end:
            out.append(self.top[k])
            k += 1
        return out

    def named_entity_with(self, head: str, before: int) -> str | None:
        """The person or organization mentioned last before offset whose name holds the word."""
        if self._name_words is None:
            index: dict[str, list[tuple[int, str]]] = {}
            for m_s, _, m, e in self.mentions:
                if e.type not in ("PER", "ORG") or m.kind == "pronoun":
                    continue
                for w in set(normalize(e.name).split()):
                    w = w[2:] if w.startswith("ال") else w
                    index.setdefault(w, []).append((m_s, e.id))
            self._name_words = index
        hits = self._name_words.get(head)
        if not hits:
            return None
        k = bisect_right(hits, (before, "")) - 1
        while k >= 0 and hits[k][0] >= before:
            k -= 1
        return hits[k][1] if k >= 0 else None

    def is_name_span(self, s: QuotedSpan) -> bool:
        return s.open in self.names

    def speech_span(self, s: QuotedSpan) -> bool:
        return s.open not in self.names and s.end > s.start
