"""Context rules: what the words around a hit add.

- A title or institution head takes the nationality adjective or state name after it
  (`الرئيس التركي`, `سفير أذربيجان`, `وزارة الخارجية الإيرانية`, `مخابرات السعودية`), or an
  organization after ل / باسم (`الأمين العام لمجلس التعاون`); the adjective is absorbed
  (`الأذرية` in `الأراضي الأذرية` is no entity), a state's name stays a mention of its own.
- A title introduces the name after it (`رئيس الوزراء بنيامين نتنياهو`, `وزير الزراعة آفي ديختر`)
  or describes the name before it (`مختار محمدوف سفير أذربيجان`); a name the knowledge base
  lacks is read from the words there: a given name or a rare word, then rare words and
  connectors (بن، أبو، عبد).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..doc import Token
from ..text.normalize import NormalizedView, normalize
from .found import Found
from .rules import COUNTERPART, DEFINITE_OPENINGS, ActorLexicon, fold_name

# Corpus counts (data/lexicon/vocab.tsv.gz) below which a word is rare enough to be a name.
FIRST_NAME_MAX_COUNT = 100
NAME_PART_MAX_COUNT = 3500
LONE_NAME_MAX_COUNT = 3
RARE_WORD_COUNT = 50
PREFIXED_NAME_MAX_COUNT = 20
# A word after a given name this rare (corpus count) makes the pair a name without any title;
# rarer still after a given name that is an ordinary word too.
STANDALONE_PART_MAX_COUNT = 50
ORDINARY_NAME_SURNAME_COUNT = 10
# A given name whose normalized form is this frequent is mostly another word (علي = على unpointed).
FUNCTION_WORD_COUNT = 50_000
# Given names seen this often are ordinary words as well (حسن، صالح، عمر).
ORDINARY_GIVEN_NAME_COUNT = 2000
ACCUSATIVE_STEM_RATIO = 2
MAX_NAME_WORDS = 4
COUNTRY_SUBTYPES = ("country", "territory")
# An unknown body's name after a title: at most this many words, none this frequent (corpus count),
# none of these function words.
MAX_BODY_WORDS = 5
BODY_WORD_MAX_COUNT = 20_000
# Function words (marsad.text.words) that end an unknown body's name: `رئيس مجلس الإدارة في الشركة`.
BODY_STOP_CLASSES = ("preposition", "relative", "demonstrative", "complementizer", "particle")
# A nationality adjective agreeing with a singular head or a non-human plural (normalized endings):
# الجيش الإسرائيلي، القوات الإسرائيلية; not the plural nouns الإسرائيليون، الأتراك.
SINGULAR_NISBA = ("ي", "يه")


@dataclass
class TokenIndex:
    tokens: list[Token]
    starts: list[int]

    @classmethod
    def of(cls, tokens: list[Token]) -> "TokenIndex":
        return cls(tokens, [t.start for t in tokens])

    def first_at_or_after(self, pos: int) -> int:
        return bisect_left(self.starts, pos)


def _country_entry(f: Found, kb):
    for k, kind in f.candidates:
        e = kb.get(k)
        if e is not None and kind != "demonym" and e.subtype in COUNTRY_SUBTYPES:
            return e
    return None


def _org_entry(f: Found, kb):
    if f.type == "ORG":
        return f
    for k, kind in f.candidates:
        e = kb.get(k)
        if e is not None and e.type == "ORG":
            return e
    return None


def _next(found: list[Found], i: int) -> int | None:
    j = i + 1
    while j < len(found) and found[j].drop:
        j += 1
    return j if j < len(found) else None


def attach_complements(found: list[Found], view: NormalizedView, kb, lexicon: ActorLexicon,
                       sources: tuple[str, ...]) -> None:
    """Give titles/institutions (per `sources`) the state or organization that follows them."""
    v = view.text
    for i, f in enumerate(found):
        if f.drop or f.source not in sources:
            continue
        j = _next(found, i)
        if j is None:
            _bare(f, lexicon)
            continue
        g = found[j]
        between = v[f.vend:g.wstart]
        words = between.split()
        construct = not f.key.split()[-1].startswith("ال") and not f.key.startswith(COUNTERPART)
        complement = lexicon.titles[f.key].complement if f.source == "title" else "country"
        portfolio = (f.source == "title" and f.position == "minister" and len(words) <= 2
                     and all(w.startswith("ال") for w in words))
        adjacent = not words
        attached = False
        if complement in ("country", "any") and (adjacent or portfolio):
            definite = not construct or bool(words)
            # a nationality adjective; السعودية is also the country's name, and an adjective after a head
            adjective = g.kind == "demonym" or (g.source == "kb" and not construct
                                                and kb.country_of_demonym(g.key) is not None)
            if g.source == "kb" and adjective and g.wstart == g.vstart \
                    and (v[g.wstart:g.wstart + 2] == "ال") == definite and g.key.endswith(SINGULAR_NISBA) \
                    and _agrees_in_gender(f, g.key):
                iso = kb.country_of_demonym(g.key)
                if iso:
                    f.country, f.end, f.vend = iso, g.end, g.vend
                    g.drop = attached = True
            elif g.source == "kb" and adjacent and construct and _country_entry(g, kb) is not None and g.wstart == g.vstart:
                f.country = _country_entry(g, kb).country
                f.end, f.vend = g.end, g.vend
                attached = True
            elif g.source == "label" and adjacent and construct:
                f.country = g.country
                f.end, f.vend = g.end, g.vend
                attached = True
        if not attached and complement in ("org", "any"):
            via = words == ["باسم"] or (adjacent and v[g.wstart:g.vstart] in ("ل", "لل"))
            via = via or (adjacent and construct and g.wstart == g.vstart)
            org = _org_entry(g, kb) if via else None
            if org is not None:
                f.country = org.country
                f.org = getattr(org, "id", None) or getattr(org, "kb_id", None)
                f.tail = g.end
                if f.position is None and getattr(org, "role", None):
                    f.role = org.role
                elif getattr(org, "role", None) == "IGO":
                    f.role = "IGO"
                attached = True
        if not attached:
            _bare(f, lexicon)


def _agrees_in_gender(head: Found, adjective: str) -> bool:
    """An institution's adjective agrees with its head: الجيش الإسرائيلي, الحكومة الإسرائيلية,
    السلطات الإسرائيلية (a non-human plural takes the feminine); in a construct the first noun rules
    (قوات الأمن العراقية). `جهاز الاستخبارات الروسي` is not الاستخبارات + الروسي. Titles are left alone (رئيسة الوزراء البريطانية agrees with رئيسة)."""
    if head.source != "institution":
        return True
    noun = head.key.split()[0]   # the construct's head: وزارة الخارجية، قوات الأمن، جهاز المخابرات
    feminine = noun.endswith(("ه", "ات"))
    return adjective.endswith("يه") == feminine


def _bare(f: Found, lexicon: ActorLexicon) -> None:
    """A head with no state after it: an institution kind other than org means nothing alone."""
    if f.source == "institution":
        inst = lexicon.institutions[f.key]
        if inst.kind != "org" or not (f.key.startswith("ال") or inst.alone):
            f.drop = True


def body_key(head: str) -> str:
    """One key per kind of body, however its head is written: وزارة الخارجية، الخارجية، وزارة خارجية
    -> خارجيه (a coreference key, never shown)."""
    words = head.split()
    if len(words) > 1 and words[0] == "وزاره":
        words = words[1:]
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words)


def describe_known_institutions(found: list[Found], kb, lexicon: ActorLexicon) -> None:
    """A KB alias that is an institution's head and a nationality adjective (`الجيش الإسرائيلي` for the
    IDF) describes the body as `وزارة الخارجية الإيرانية` does: a mention of kind label, not a name."""
    for f in found:
        if f.drop or f.source != "kb" or f.kind != "name" or f.type != "ORG":
            continue
        head, _, adjective = f.key.rpartition(" ")
        if head in lexicon.institutions and kb.country_of_demonym(adjective):
            f.kind = "label"


def adjective_after_a_definite_noun(f: Found, doc_text: str) -> bool:
    """`للسياسة الخارجية`، `للشؤون الخارجية`: a one-word institution head (الخارجية) right after a definite noun
    qualifies that noun; it names no ministry. `قالت الخارجية`، `باسم الخارجية` stay the ministry."""
    if " " in f.key or not f.key.startswith("ال"):
        return False
    words = doc_text[max(0, f.start - 30):f.start].split()
    if not words or doc_text[f.start - 1:f.start] not in (" ", "\u00a0"):
        return False
    return normalize(words[-1]).startswith(DEFINITE_OPENINGS)


def qualified_by_a_common_adjective(f: Found, doc_text: str, kb) -> bool:
    """`تتولى الرئاسة الدورية للاتحاد الأوروبي`: a one-word institution head followed by a nisba adjective
    that names no state (الدورية، الانتقالية) is a common noun phrase (the rotating presidency), no organ of
    the article's state. `الرئاسة الفلسطينية` (a state's adjective) was given its state before."""
    if " " in f.key or not f.key.startswith("ال") or doc_text[f.end:f.end + 1] != " ":
        return False
    after = doc_text[f.end + 1:f.end + 30].split()
    if not after:
        return False
    word = normalize(after[0].strip("،,.:\"'()«»"))
    return word.startswith("ال") and word.endswith(("يه", "ي")) and len(word) > 5 and kb.country_of_demonym(word) is None


def finish_institutions(found: list[Found], doc_text: str, kb, lexicon: ActorLexicon) -> None:
    """Institutions with their state become ORG mentions, state mentions or capital mentions."""
    for f in found:
        if f.drop or f.source != "institution":
            continue
        if not f.country and (adjective_after_a_definite_noun(f, doc_text) or qualified_by_a_common_adjective(f, doc_text, kb)):
            f.drop = True
            continue
        inst = lexicon.institutions[f.key]
        if inst.kind == "org":
            # a body described by its head and its state (الخارجية الأميركية، الحكومة المصرية) is an entity,
            # but the phrase is a description, not a name: a mention of kind label, as NER corpora mark it
            f.type, f.subtype, f.role, f.kind = "ORG", inst.subtype, inst.role, "label"
            if f.country:
                f.refers = f"org:{body_key(f.key)}:{f.country}"
                f.name = doc_text[f.start:f.end]
            else:
                f.refers = None   # resolved to an earlier same-head institution, or dropped
        elif inst.kind == "state" and f.country:
            f.type, f.kind = "LOC", "label"
            e = kb.country(f.country)
            f.refers = "kb:" + e.id if e is not None else f"state:{f.country}"
        elif inst.kind == "capital" and f.country:
            cap = kb.capital_of(f.country)
            if cap is None:
                f.drop = True
                continue
            f.type, f.kind, f.kb_id = "LOC", "title", cap.id
            f.refers = "kb:" + cap.id
        else:
            f.drop = True


# ---------------------------------------------------------------------------------- names near titles

def _is_word(t: Token, vocab: dict[str, int], given_names: frozenset[str] = frozenset()) -> bool:
    """A bare word: names carry no proclitic (والرئيس) or enclitic pronoun (نفسه); a rare word's
    segmentation is not trusted (آفي is no آف + ي)."""
    if not (t.is_word and t.text[:1].isalpha()):
        return False
    if fold_name(t.text) in given_names:
        return True
    if t.suffix not in ("", "ي"):
        return False
    if not (t.prefix or t.suffix):
        return True
    # a rare word whose split-off stem is rare too (بنحاس, آفي), not a preposition on a word (لعبور)
    n = normalize(t.text)
    if not t.prefix:
        return vocab.get(n, 0) < RARE_WORD_COUNT
    # بنحاس (a name that starts like ب + word) is rare whole and split; بثبات (ب + ثبات) is a word
    return vocab.get(n, 0) < PREFIXED_NAME_MAX_COUNT and vocab.get(n[len(t.prefix):], 0) < PREFIXED_NAME_MAX_COUNT


def _count(vocab: dict[str, int], t: Token) -> int:
    return vocab.get(normalize(t.text), 0)


TANWEEN = frozenset("\u064b\u064c\u064d")


def _accusative(t: Token, vocab) -> bool:
    """`مديرا`، `سابقا`، `مخيماً`: an indefinite accusative of an ordinary word, never a name."""
    if any(c in TANWEEN for c in t.text):
        return True
    n = normalize(t.text)
    return n.endswith("ا") and len(n) > 3 and vocab.get(n[:-1], 0) >= ACCUSATIVE_STEM_RATIO * (vocab.get(n, 0) + 1)


def _name_start(t: Token, lexicon: ActorLexicon, vocab) -> bool:
    if _accusative(t, vocab):
        return False
    n = normalize(t.text)
    if n in lexicon.not_name_words:
        return False
    if fold_name(t.text) in lexicon.given_names or n in lexicon.connectors - {"ال"}:
        return True
    return len(n) >= 3 and not n.startswith("ال") and _count(vocab, t) < FIRST_NAME_MAX_COUNT and n not in lexicon.titles


def _name_part(t: Token, lexicon: ActorLexicon, vocab) -> bool:
    n = normalize(t.text)
    if n in lexicon.titles or n in lexicon.modifiers or n in lexicon.institutions or n in lexicon.not_name_words \
            or _accusative(t, vocab):
        return False
    return fold_name(t.text) in lexicon.given_names or n in lexicon.connectors or \
        (len(n) >= 2 and _count(vocab, t) < NAME_PART_MAX_COUNT)


def _rare_part(t: Token, lexicon: ActorLexicon, vocab) -> bool:
    n = normalize(t.text)
    return n in lexicon.connectors or fold_name(t.text) in lexicon.given_names or _count(vocab, t) < RARE_WORD_COUNT


def name_after(pos: int, text: str, idx: TokenIndex, lexicon: ActorLexicon, vocab, blocked: bytearray,
               sentence: int) -> tuple[int, int] | None:
    """Text span of an unknown name starting at `pos` (after a title), or None."""
    k = idx.first_at_or_after(pos)
    toks = idx.tokens
    if k < len(toks) and toks[k].text in "،," and not text[pos:toks[k].start].strip():
        pos, k = toks[k].end, k + 1   # apposition between commas: ...، مالكولم هاينلين،
    if k >= len(toks) or text[pos:toks[k].start].strip() or toks[k].sentence != sentence:
        return None
    if not _is_word(toks[k], vocab, lexicon.given_names) or blocked[toks[k].start] or not _name_start(toks[k], lexicon, vocab):
        return None
    last = k
    while last + 1 < len(toks) and last + 1 - k < MAX_NAME_WORDS:
        t = toks[last + 1]
        if text[toks[last].end:t.start].strip() or t.sentence != sentence or not _is_word(t, vocab, lexicon.given_names) or blocked[t.start]:
            break
        if not _name_part(t, lexicon, vocab):
            break
        if last + 1 - k >= 2 and not _rare_part(t, lexicon, vocab):
            break   # a third word must be rare (or a connector): ميلوس زيمان، not ميلوس زيمان معروف
        last += 1
    while last > k and normalize(toks[last].text) in lexicon.connectors:
        last -= 1
    if last == k:
        t = toks[k]
        n = normalize(t.text)
        if n in lexicon.connectors or _count(vocab, t) > LONE_NAME_MAX_COUNT or n.startswith("ال") or len(n) < 4:
            return None
    return toks[k].start, toks[last].end


def name_before(pos: int, text: str, idx: TokenIndex, lexicon: ActorLexicon, vocab, blocked: bytearray,
                sentence: int) -> tuple[int, int] | None:
    """Text span of an unknown name ending just before `pos` (before a title in apposition), or None."""
    toks = idx.tokens
    k = idx.first_at_or_after(pos) - 1
    if k > 0 and toks[k].text in "،," and not text[toks[k].end:pos].strip():
        pos, k = toks[k].start, k - 1   # apposition after a comma: مختار محمدوف، رئيس ...
    if k < 0 or text[toks[k].end:pos].strip() or toks[k].sentence != sentence:
        return None
    first = k
    while first >= 0 and k - first < MAX_NAME_WORDS:
        t = toks[first]
        if not _is_word(t, vocab, lexicon.given_names) or blocked[t.start] or not _name_part(t, lexicon, vocab):
            break
        if first < k and text[t.end:toks[first + 1].start].strip():
            break
        first -= 1
    first += 1
    while first <= k and not _name_start(toks[first], lexicon, vocab):
        first += 1
    if k - first < 1:
        return None   # one word before a title is too weak a clue
    rare = all(_count(vocab, toks[j]) < RARE_WORD_COUNT for j in range(first, k + 1))
    if fold_name(toks[first].text) not in lexicon.given_names and not rare:
        return None
    return toks[first].start, toks[k].end


def is_person(f: Found, kb) -> bool:
    if f.type == "PER":
        return f.source != "title"
    return f.source == "kb" and any((kb.get(k) is not None and kb.get(k).type == "PER") for k, _ in f.candidates)


def given_name_tokens(view: NormalizedView, idx: TokenIndex, automaton) -> list[int]:
    """Indexes of tokens whose word (after proclitics) may be a given name: the given-name automaton
    over the normalized view, so only the few candidates are checked word by word."""
    v = view.text
    out: list[int] = []
    for last, _ in automaton.iter(v):
        end = last + 1
        if end < len(v) and v[end].isalnum():
            continue
        k = idx.first_at_or_after(view.to_text(end)) - 1
        if k >= 0 and (not out or out[-1] != k):
            out.append(k)
    return out


def standalone_names(text: str, idx: TokenIndex, lexicon: ActorLexicon, vocab, blocked: bytearray,
                     candidates: list[int]) -> list[tuple[int, int]]:
    """Unknown names without a title: a given name followed by rare name words (`طلعت زكريا`,
    `وحسين الفردان`; the span starts after the proclitics). The tagger finds more; this catches
    the clearest ones when it is absent or misses them."""
    toks = idx.tokens
    out: list[tuple[int, int]] = []
    done = -1
    for k in candidates:
        if k <= done or k >= len(toks) - 1:
            continue
        t = toks[k]
        start = t.stem_start if t.prefix else t.start
        if not t.is_word or blocked[t.start] or blocked[start] or t.suffix \
                or fold_name(text[start:t.end]) not in lexicon.given_names \
                or vocab.get(normalize(text[start:t.end]), 0) > FUNCTION_WORD_COUNT:
            continue
        last = k
        while last + 1 < len(toks) and last + 1 - k < MAX_NAME_WORDS:
            u = toks[last + 1]
            if text[toks[last].end:u.start].strip() or u.sentence != t.sentence or blocked[u.start] \
                    or not _is_word(u, vocab, lexicon.given_names) or _accusative(u, vocab):
                break
            if not _name_part(u, lexicon, vocab) or not (
                    normalize(u.text) in lexicon.connectors or fold_name(u.text) in lexicon.given_names
                    or _count(vocab, u) < STANDALONE_PART_MAX_COUNT):
                break
            last += 1
        while last > k and normalize(toks[last].text) in lexicon.connectors:
            last -= 1
        parts = [toks[j] for j in range(k + 1, last + 1)]
        # a given name that is also an ordinary word (حسن "good", صالح, توفيق, عمر "age") needs a very
        # rare word after it; so does any given name before a definite word (حسين الإفصاح)
        ordinary = vocab.get(normalize(text[start:t.end]), 0) >= ORDINARY_GIVEN_NAME_COUNT

        def surname(u: Token) -> bool:
            limit = ORDINARY_NAME_SURNAME_COUNT if ordinary else STANDALONE_PART_MAX_COUNT
            return _count(vocab, u) < limit and fold_name(u.text) not in lexicon.given_names

        if parts and any(surname(u) for u in parts):
            out.append((start, toks[last].end))
            done = last
    return out


def body_after_title(pos: int, text: str, idx: TokenIndex, lexicon: ActorLexicon, vocab,
                     blocked: bytearray, stop: frozenset[str] = frozenset(), dates=None) -> tuple[int, int, int | None] | None:
    """(start, end, start of the place after في or None) of an unknown body's name right after a title: two to five
    words, one of them definite, up to punctuation, a name or a place after في
    (`رئيس بيت الإعلاميين العرب في تركيا` -> بيت الإعلاميين العرب, ... في تركيا)."""
    toks = idx.tokens
    k = idx.first_at_or_after(pos)
    if k >= len(toks) or text[pos:toks[k].start].strip() or not toks[k].is_word:
        return None
    first = toks[k]
    # لـ before the body (الأمين العام للمشروع): the body starts after it; لل keeps its article
    start = first.start if not first.prefix else (first.start if normalize(first.text).startswith("لل") else first.stem_start)
    if first.prefix and first.prefix != "ل":
        return None
    last = k - 1
    while last + 1 < len(toks) and last + 1 - k < MAX_BODY_WORDS:
        t = toks[last + 1]
        if last >= k and text[toks[last].end:t.start].strip():
            break
        n = normalize(t.text)
        if not t.is_word or blocked[t.start] or n in lexicon.titles or fold_name(t.text) in lexicon.given_names \
                or n in stop or n in lexicon.former or vocab.get(n, 0) > BODY_WORD_MAX_COUNT or (last >= k and t.prefix) \
                or (dates is not None and dates.year.match(normalize(text[t.start:t.start + 12]))):
            break
        last += 1
    if last - k < 1 or not any(normalize(toks[j].text).startswith(("ال", "لل")) for j in range(k, last + 1)):
        return None
    head = normalize(text[start:first.end])
    if head.startswith("لل"):
        head = "ال" + head[2:]
    if head not in lexicon.org_heads:
        return None   # مجلس، هيئة، مركز ... start a body's name; المنتهية ولايته does not
    short_end = toks[last].end
    place = None
    if last + 2 < len(toks) and normalize(toks[last + 1].text) == "في" and blocked[toks[last + 2].start]:
        place = toks[last + 2].start
    return start, short_end, place
