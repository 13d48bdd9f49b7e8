"""Outlets are an open class: the news outlets an article cites become entities whether or not the
knowledge base knows them, and the nouns that stand for them later (`الصحيفة`، `الوكالة`) point
back to them.

The rules, in order (`OUTLET_RULES`):

1. `outlet_after_press_noun`: a newspaper, magazine, radio or television noun names an outlet with
   the words after it: a quoted name (`صحيفة "هافنجتون بوست"`), a Latin name (`شبكة Fox News`), a
   name the actors stage found, or its own words (`صحيفة كوميرسانت الروسية` -> كوميرسانت; a
   broadcaster's definite phrase is its name: `التلفزيون الرسمي`، `هيئة الإذاعة النمساوية`). A noun
   that also means something else (`وكالة الفضاء`، `قناة السويس`، `موقع الانفجار`) names an outlet
   only with a quoted or Latin name, a media entity, or `أنباء` (`وكالة أنباء الأناضول`).
2. `outlet_in_slot`: what fills a said-to or relayed-by slot (`قال لـCNN`، `في مقابلة مع "العربية"`،
   `نقلت "فرانس برس" عن`، `عبر موقع "تويتر"`) is an outlet when it is a quoted or Latin name.
3. `latin_outlet`: a Latin name the knowledge base knows as an outlet (`(CNN)`, `AFP`), by its
   English name or the initials of it.
4. `outlet_back_references`: `الصحيفة`، `الوكالة`، `القناة` ... with no name of their own stand for
   the outlet last named before them whose noun agrees (a newspaper for `الصحيفة`), and become
   mentions of it.

An outlet the document already has (from the actors stage) keeps its entity; a new one is an ORG
entity of subtype `media` (its country from a nationality adjective after it), and every other
place its name is written becomes a mention of it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate

from ..doc import Actor, Entity, Mention
from ..text.normalize import normalize
from .lexicon import WORD_CACHE_SIZE, bare_forms
from .scan import Scan, raw_offset

LATIN = re.compile(r"[A-Za-z][A-Za-z0-9.&'’-]*")
LATIN_IN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9.&'’ -]*[A-Za-z0-9]|[A-Za-z]")
NAME_WORDS = 3          # words of an unquoted outlet name after its noun
BROADCAST_WORDS = 3     # adjectives of a broadcaster's definite name (التلفزيون السوري الرسمي)
ACRONYM_MIN = 3         # initials of an English name that name it (AFP, BBC; not "AJ")
CLAUSE_PUNCT = frozenset("،,.:؛;؟?!()[]«»\"“”-–—/")


@dataclass
class Outlets:
    """The outlets of one document, as the rules find them."""
    sc: Scan
    kb: object | None
    latin_index: dict[str, str]
    by_key: dict[str, Entity] = field(default_factory=dict)   # normalized name -> entity
    noun_of: dict[int, str] = field(default_factory=dict)     # id(entity) -> the noun that named it
    named_at: list[tuple[int, Entity]] = field(default_factory=list)  # where an outlet is named (new ones have no id yet)
    new: list[Entity] = field(default_factory=list)

    # ---- entities ----
    def existing(self, start: int, end: int) -> Entity | None:
        """An ORG entity with a mention inside [start, end) (a name the actors stage found)."""
        for m_s, m_e, m, e in self.sc.mentions_in(start - 1, end):
            if m_s >= start - 1 and m_e <= end + 1 and e.type == "ORG":
                return e
        return None

    def outlet(self, start: int, end: int, noun: str | None = None, kb_id: str | None = None) -> Entity | None:
        """The entity for the outlet named by text[start:end]: one the document has, else a new one."""
        text = self.sc.doc.text
        while end > start and text[end - 1] in " \t":
            end -= 1
        if end <= start:
            return None
        e = self.existing(start, end)
        if e is None:
            e = self._entity_for(text[start:end], kb_id)
            if not any(m.start < end and start < m.end for m in e.mentions):
                e.mentions.append(Mention(start, end, text[start:end], "name"))
        if e.subtype is None and e.kb_id is None:
            e.subtype = "media"
        if noun:
            self.noun_of.setdefault(id(e), noun)
        self.named_at.append((start, e))
        return e

    def _entity_for(self, surface: str, kb_id: str | None) -> Entity:
        key = kb_id or normalize(surface).replace(" ", "")
        e = self.by_key.get(key)
        if e is not None:
            return e
        if kb_id is not None:
            e = next((x for x in self.sc.doc.entities if x.kb_id == kb_id), None)
        if e is None:
            entry = self.kb.get(kb_id) if (kb_id and self.kb is not None) else None
            if entry is not None:
                e = Entity("", "ORG", entry.name, subtype=entry.subtype, name_en=entry.name_en, kb_id=entry.id,
                           actor=Actor(entry.country, entry.role, entry.code))
            else:
                e = Entity("", "ORG", surface.strip(), subtype="media")
            self.new.append(e)
        self.by_key[key] = e
        return e

    def country_after(self, tok: int) -> str | None:
        """The state of a nationality adjective right after token `tok` (صحيفة كوميرسانت الروسية)."""
        if self.kb is None or tok + 1 >= len(self.sc.doc.tokens):
            return None
        for form, _ in bare_forms(self.sc.norms[tok + 1]):
            for kb_id, kind in self.kb.alias_index().get(form, ()):
                if kind == "demonym":
                    entry = self.kb.get(kb_id)
                    return entry.country if entry is not None else None
        return None


def find_outlets(sc: Scan, kb=None, latin_index: dict[str, str] | None = None) -> list[Entity]:
    """Run the outlet rules; new entities are added to the document (ids after the actors' ones)
    and the scan's mention index is rebuilt. Returns the new entities."""
    o = Outlets(sc, kb, latin_index or {})
    for rule in OUTLET_RULES:
        rule(o)
    if o.new:
        _mention_other_occurrences(o)
        n = len(sc.doc.entities)
        for k, e in enumerate(o.new, 1):
            e.id = f"E{n + k}"
            e.mentions.sort(key=lambda m: (m.start, m.end))
            sc.doc.entities.append(e)
    outlet_back_references(o)
    for e in sc.doc.entities:
        e.mentions.sort(key=lambda m: (m.start, m.end))
    sc.index_mentions()
    return o.new


# ---- helpers over tokens ----

def _noun(sc: Scan, i: int, cls: str) -> tuple[str, int] | None:
    """(the noun, clitic characters peeled) if token i is a word of the class, with و ف ب ل peeled
    (memoized per word and class on the lexicon, like its other word lookups)."""
    if not sc.infos[i].outletish:
        return None
    n = sc.norms[i]
    memo = sc.lex.noun_memo
    key = (n, cls)
    if key in memo:
        return memo[key]
    words = sc.lex.words(cls)
    found = None
    for form, peeled in bare_forms(n):
        if form in words or (form.startswith("ال") and form[2:] in words):
            found = (form, peeled)   # الصحيفة keeps its article: a back-reference or a definite name
            break
    if found is None and n[:1] == "ل" and n[1:] in words:   # لوكالة: ل + noun
        found = (n[1:], 1)
    if len(memo) < WORD_CACHE_SIZE:
        memo[key] = found
    return found


def _definite(sc: Scan, k: int) -> bool:
    """Token k is a definite noun or adjective (`الرسمي`), not a function word spelled with ال
    once folded (`إلى` -> الي، `الذي`)."""
    n = sc.norms[k]
    return n.startswith("ال") and len(n) > 3 and n not in sc.lex.words("preposition") \
        and n not in sc.lex.words("relative")


def _is_latin(text: str) -> bool:
    return bool(LATIN.fullmatch(text))


def _latin_run(sc: Scan, j: int) -> int:
    """Index of the last token of the Latin name starting at token j (Fox News, Sky News Arabia)."""
    toks = sc.doc.tokens
    k = j
    while k + 1 < len(toks) and (_is_latin(toks[k + 1].text) or toks[k + 1].text.isdigit()) \
            and toks[k + 1].start - toks[k].end <= 1 and k - j < 4:
        k += 1
    return k


def _skip_tatweel(sc: Scan, j: int) -> int:
    toks = sc.doc.tokens
    while j < len(toks) and toks[j].text in ("ـ", "\u0640"):
        j += 1
    return j


def _quoted_name_at(sc: Scan, j: int):
    """The closed quotation opening at token j, if it holds a short name (four words at most)."""
    if j >= len(sc.doc.tokens):
        return None
    span = sc.span_by_open.get(sc.doc.tokens[j].start)
    if span is None or not span.closed or span.end <= span.start:
        return None
    if len(sc.doc.text[span.start:span.end].split()) > 4:
        return None
    return span


def _stops_name(sc: Scan, k: int) -> bool:
    """Token k ends an outlet's name: punctuation, a function word, a cue, a time word, a
    descriptor (الرسمية، المحلية) or a nationality adjective."""
    t = sc.doc.tokens[k]
    if not t.is_word or t.text in CLAUSE_PUNCT:
        return True
    n = sc.norms[k]
    lex = sc.lex
    if n in lex.words("preposition") or n in lex.words("conjunction") or n in lex.words("complementizer") \
            or n in lex.words("relative") or n in lex.words("not_subject") or n in lex.words("temporal"):
        return True
    if k in sc.cue_at or k in sc.phrase_at:
        return True
    forms = {f for f, _ in bare_forms(n)}
    if forms & lex.words("outlet_descriptor"):
        return True
    return False


def _nationality(o: Outlets, k: int) -> bool:
    return o.country_after(k - 1) is not None


# ---- the rules ----

def outlet_after_press_noun(o: Outlets) -> None:
    """`وقالت صحيفة كوميرسانت إن`، `علقت صحيفة "هافنجتون بوست"`، `في مقابلة مع هيئة الإذاعة
    النمساوية`، `ونقلت وكالة أنباء الأناضول`: the name after an outlet noun."""
    sc = o.sc
    toks = sc.doc.tokens
    candidates = [i for i in sc.starts["outletish"] if toks[i].is_word]
    if not candidates:
        return
    slots = _slot_tokens(sc)
    for i in candidates:
        t = toks[i]
        press = _noun(sc, i, "press_noun")
        noun = press or _noun(sc, i, "outlet_noun")
        if noun is None:
            continue
        inside = [e for m_s, m_e, m, e in sc.mentions_in(t.start, t.end) if e.type == "ORG" and m_s >= t.start]
        if inside:   # the noun opens a name the actors stage found (وكالة الأنباء السعودية)
            o.noun_of.setdefault(id(inside[0]), noun[0].removeprefix("ال"))
            o.named_at.append((t.start, inside[0]))
            continue
        _read_name(o, i, noun[0], strong=press is not None, in_slot=i in slots)


def _slot_tokens(sc: Scan) -> set[int]:
    """Tokens where an outlet's words may stand in reported speech: a cue's subject (`وقالت
    صحيفة X`، `صحيفة X قالت`), the words after a chain or source phrase (`في مقابلة مع`، `بحسب`)
    or after عن, and a word written with ل in a cue's window (`قال لصحيفة X`)."""
    toks = sc.doc.tokens
    out: set[int] = set()
    for k, hit in sc.cue_at.items():
        out.update((k + 1, k + 2))
        for j in range(max(0, k - 8), k):   # subject first (وكانت وكالة الأنباء الرسمية السورية (سانا) ذكرت)
            if toks[j].sentence == hit.sentence:
                out.add(j)
        for j in range(k + 1, min(len(toks), k + 12)):
            if toks[j].sentence != hit.sentence:
                break
            n = sc.norms[j]
            if n[:1] == "ل" or n == "عن":
                out.update((j, j + 1))
    for k, ph in sc.phrase_at.items():
        out.update(range(ph.last, ph.last + 3))   # في مقابلة مع هيئة الإذاعة النمساوية
    return out


def _read_name(o: Outlets, i: int, noun: str, strong: bool, in_slot: bool = True) -> Entity | None:
    """The outlet named after the noun at token i (see `outlet_after_press_noun`); outside the
    places reported speech names outlets (`in_slot`), only a quoted or Latin name or a media
    entity counts (`مجلة الأحوال الشخصية` is a legal code, `تلفزيون الواقع` a genre)."""
    sc = o.sc
    toks, norms = sc.doc.tokens, sc.norms
    head = noun.removeprefix("ال")
    j = _skip_tatweel(sc, i + 1)
    if j >= len(toks):
        return None
    span = _quoted_name_at(sc, j)
    if span is not None:                                   # صحيفة "الأهرام"
        return o.outlet(span.start, span.end, head)
    if toks[j].sentence != toks[i].sentence:
        return None
    if _is_latin(toks[j].text):                            # شبكة Fox News
        return o.outlet(toks[j].start, toks[_latin_run(sc, j)].end, head)
    e = o.existing(toks[j].start, toks[j].end)
    if e is not None:                                      # صحيفة نيويورك تايمز (a name the KB has)
        if strong or e.subtype == "media":
            o.noun_of.setdefault(id(e), head)
            o.named_at.append((toks[j].start, e))
            return e
        return None
    if not in_slot:
        return None
    if norms[j] in sc.lex.words("news_noun"):              # وكالة أنباء الأناضول، وكالة الأنباء القطرية
        if norms[j].startswith("ال"):
            return _definite_name(o, i, head)
        return _read_name(o, j, noun, True) if not noun.startswith("ال") else None
    if not strong:
        return None
    if noun.startswith("ال"):                              # التلفزيون الرسمي; الصحيفة is a back-reference
        return _definite_name(o, i, head) if _broadcaster(sc, i) else None
    # an indefinite noun and a name of its own: صحيفة كوميرسانت الروسية، صحيفة الوطن
    k = j
    while k < len(toks) and k - j < NAME_WORDS and not _stops_name(sc, k) and not _nationality(o, k) \
            and not (k > j and toks[k].prefix.startswith("و")):   # `شبكة أنباء سورية والمرصد`: a second subject
        k += 1
    if k == j:
        return None
    return o.outlet(toks[j].start, toks[k - 1].end, head)


def _broadcaster(sc: Scan, i: int) -> bool:
    return _noun(sc, i, "broadcast_noun") is not None


def _definite_name(o: Outlets, i: int, head: str) -> Entity | None:
    """A broadcaster's definite name from its noun on: `التلفزيون الرسمي`، `الإذاعة الإسرائيلية`،
    `وكالة الأنباء القطرية`, with the noun heading it (`هيئة الإذاعة النمساوية`). The noun
    alone is no name."""
    sc = o.sc
    toks = sc.doc.tokens
    k = i + 1
    while k < len(toks) and k - i <= BROADCAST_WORDS and toks[k].is_word and _definite(sc, k) \
            and k not in sc.cue_at and k not in sc.phrase_at and sc.norms[k] not in sc.lex.words("not_subject"):
        k += 1
    if k == i + 1:
        return None
    first = i
    if i > 0 and toks[i - 1].is_word and toks[i - 1].sentence == toks[i].sentence \
            and _noun(sc, i - 1, "outlet_head") is not None and not sc.norms[i - 1].startswith("ال"):
        first = i - 1   # هيئة الإذاعة النمساوية: the construct's head is part of the name
    t = toks[first]
    noun = _noun(sc, first, "outlet_head") or _noun(sc, first, "outlet_noun") or _noun(sc, first, "press_noun")
    peeled = noun[1] if noun else 0
    if sc.norms[first][:2] == "لل":
        peeled = 1   # للتلفزيون: ل + ال, the span keeps the article's lam
    return o.outlet(t.start + raw_offset(t.text, peeled), toks[k - 1].end, head)


def outlet_in_slot(o: Outlets) -> None:
    """`قال لـCNN`، `في مقابلة خاصة مع "العربية"`، `ونقلت "فرانس برس" عن`، `على حسابه في "تويتر"`:
    a quoted or Latin name filling a said-to or relayed-by slot is an outlet."""
    sc = o.sc
    toks = sc.doc.tokens
    starts: list[int] = []
    for k, ph in sc.phrase_at.items():
        if ph.phrase.role in ("said_to", "relayed_by"):
            starts.append(ph.last + 1)
    for k, hit in sc.cue_at.items():
        if hit.entry.role == "relay":
            starts.append(k + 1)
    for k, n in enumerate(sc.norms):   # لـCNN، لـ"الشرق الأوسط" after a speech cue
        if n == "ل":
            starts.append(k + 1)
        elif sc.has_latin and n[:1] == "ل" and n[-1:].isascii() and _is_latin(toks[k].text.lstrip("لـ\u0640")):
            starts.append(k)
    for j in starts:
        j = _skip_tatweel(sc, j)
        if j >= len(toks):
            continue
        span = _quoted_name_at(sc, j)
        if span is not None and span.open in sc.names:
            o.outlet(span.start, span.end)
            continue
        latin = toks[j].text
        bare = latin.lstrip("لـ\u0640")
        if _is_latin(bare):
            start = toks[j].start + (len(latin) - len(bare))
            end = toks[_latin_run(sc, j)].end if bare == latin else toks[j].end
            o.outlet(start, end, kb_id=o.latin_index.get(_latin_key(sc.doc.text[start:end])))


def latin_outlet(o: Outlets) -> None:
    """`أتلانتا (CNN) --`، `وكالة AFP`: a Latin name the knowledge base knows as an outlet."""
    sc = o.sc
    if not o.latin_index or not sc.has_latin:
        return
    for t in sc.doc.tokens:
        if not t.is_word or t.text.isascii() is False and not LATIN.search(t.text):
            continue
        for m in LATIN_IN_TOKEN.finditer(t.text):
            kb_id = o.latin_index.get(_latin_key(m.group()))
            s, e = t.start + m.start(), t.start + m.end()
            if kb_id is not None and o.existing(s, e) is None:
                o.outlet(s, e, kb_id=kb_id)


def _latin_key(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower().removeprefix("the "))


def latin_index_of(kb) -> dict[str, str]:
    """Latin key -> kb id for the knowledge base's outlets: the English name (`Reuters`, `CNN`)
    and the initials of a name of several words (`Agence France-Presse` -> afp)."""
    out: dict[str, str] = {}
    if kb is None:
        return out
    for entry in kb.entries.values():
        if entry.type != "ORG" or entry.subtype not in ("media", "company") or not entry.name_en:
            continue
        name = re.sub(r"\(.*?\)", "", entry.name_en).strip()
        out.setdefault(_latin_key(name), entry.id)
        words = [w for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
        if len(words) >= ACRONYM_MIN and entry.subtype == "media":
            out.setdefault("".join(w[0] for w in words).lower(), entry.id)
    return out


def outlet_back_references(o: Outlets) -> None:
    """`وأضافت الصحيفة`، `وتقول الصحيفة إن`، `ونقلت الصحيفة عن`: an outlet noun with the article
    and no name of its own is the outlet last named before it whose noun agrees (`الصحيفة` a
    newspaper, `الوكالة` an agency; an outlet named without a noun agrees with any)."""
    sc = o.sc
    if not o.named_at:
        return
    named = sorted(o.named_at, key=lambda x: x[0])
    toks = sc.doc.tokens
    for i in sc.starts["outletish"]:
        t = toks[i]
        if not t.is_word:
            continue
        noun = _noun(sc, i, "outlet_noun") or _noun(sc, i, "press_noun")
        if noun is None or not noun[0].startswith("ال"):
            continue
        if any(m_s <= t.start < m_e for m_s, m_e, _, _ in sc.mentions_in(t.start - 40, t.end)):
            continue   # الوكالة الفرنسية: a name of its own
        prev = i - 1
        if prev >= 0 and toks[prev].is_word and (_noun(sc, prev, "outlet_noun") or _noun(sc, prev, "press_noun")
                                                 or any(m_e == toks[prev].end for _, m_e, _, _ in
                                                        sc.mentions_in(toks[prev].start - 40, toks[prev].end))):
            continue   # قناة سكاي نيوز الفضائية: an adjective, not a back-reference
        nxt = i + 1
        if nxt < len(toks) and toks[nxt].is_word and _definite(sc, nxt) and o.country_after(i) is None \
                and sc.norms[nxt] not in sc.lex.words("outlet_descriptor"):
            continue   # التلفزيون الرسمي was read as a name; القناة الثانية is another outlet
        head = _family(noun[0].removeprefix("ال"))
        target = None
        for off, e in reversed(named):
            if off >= t.start:
                continue
            have = o.noun_of.get(id(e))
            # an outlet named with no noun agrees with the nouns that name nothing else
            # (الصحيفة، الوكالة); `الموقع`، `الشبكة` only with an outlet that noun named
            if _family(have or "") == head or have is None and noun[0][2:] in sc.lex.words("back_reference"):
                target = e
                break
        if target is None:
            continue
        peeled = noun[1]
        start = t.start + raw_offset(t.text, peeled)
        if sc.norms[i][:2] == "لل":
            start = t.start + raw_offset(t.text, 1)
        if not any(m.start == start for m in target.mentions):
            target.mentions.append(Mention(start, t.end, sc.doc.text[start:t.end], "title"))


def _family(noun: str) -> str:
    """Nouns that name the same kind of outlet: a newspaper is a صحيفة or a جريدة."""
    return "صحيفه" if noun in ("صحيفه", "جريده", "صحيفتي") else noun


def _mention_other_occurrences(o: Outlets) -> None:
    """A new outlet's name written elsewhere in the text (`كوميرسانت` again) is a mention of it."""
    sc = o.sc
    text = sc.doc.text
    # the mentions already taken, by start, with the furthest end of each prefix: one of them overlaps
    # [at, end) if and only if the furthest end among those starting before `end` passes `at` (a
    # bisection, not a scan of every mention for every occurrence: a long text has thousands of both)
    taken = sorted((m.start, m.end) for e in sc.doc.entities for m in e.mentions)
    taken_starts = [s for s, _ in taken]
    furthest = list(accumulate((e_ for _, e_ in taken), max))
    for e in o.new:
        for m in list(e.mentions):
            surface = m.text
            at = text.find(surface)
            while at >= 0:
                end = at + len(surface)
                before = text[at - 1] if at else " "
                after = text[end] if end < len(text) else " "
                clean = (before in " \n\t\"«“(ـلبو" and (after in " \n\t\"»”).،,:؛" or not after.isalnum()))
                below = bisect_left(taken_starts, end)
                if clean and not (below and furthest[below - 1] > at) \
                        and not any(x.start < end and at < x.end for x in e.mentions):
                    e.mentions.append(Mention(at, end, surface, "name"))
                at = text.find(surface, end)


OUTLET_RULES = (outlet_after_press_noun, outlet_in_slot, latin_outlet)
