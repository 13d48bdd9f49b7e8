"""Who said it: the speaker of a cue, as an entity id (or null with a description).

- Overt subject: the words after the cue up to the first preposition, outlet (`لوكالة`),
  chain phrase, complementizer or quotation mark. A person named there wins over an
  organization, which wins over a place (`قال ولي العهد السعودي محمد بن سلمان`).
- Unnamed source: the subject opens with a noun from `unnamed_sources.tsv` and names
  no person (`قال مصدر مطلع`، `أعرب مسؤولون أتراك`): speaker null, the words kept as
  `speaker_description`.
- Title alone (`قال الأمير`): the last person who spoke, else the last person named.
- No subject (`وأضاف`، `وقالت إنها`، `مشيرا`): the speaker of an earlier cue in the same
  sentence, else the subject named earlier in the sentence (`السعودية تنفي ذلك، وتقول`),
  else the last speaker.
"""
from __future__ import annotations

from bisect import bisect_left

from dataclasses import dataclass, field

from ..doc import Entity, Mention
from .lexicon import bare_forms
from .lexicon import CueEntry
from .scan import CueHit, PhraseHit, Scan

TYPE_RANK = {"PER": 0, "ORG": 1, "LOC": 2}
DESCRIPTION_WORDS = 6
SOURCE_WORDS = 6        # words after `بحسب` where its source is named
TITLE_ALONE_WORDS = 2   # `قال الأمير`، `قال الرئيس الأمريكي`: a title standing for someone named before
SUBJECT_BEFORE_WORDS = 4


@dataclass
class SpeakerState:
    """The speakers heard so far in a document (read by implicit subjects)."""
    history: list[tuple[int, str | None, str | None]] = field(default_factory=list)  # (offset, entity, description)

    def heard(self, entity: str | None, description: str | None, offset: int) -> None:
        self.history.append((offset, entity, description))

    def last(self, before: int) -> tuple[str | None, str | None] | None:
        for off, ent, desc in reversed(self.history):
            if off < before:
                return ent, desc
        return None


def _rank(m: Mention, e: Entity, pos: int) -> tuple:
    """A person's name before a title that may stand for someone else, then organizations,
    then places; demonyms and outlets last."""
    return (TYPE_RANK.get(e.type, 3), m.kind != "name", m.kind == "demonym", e.subtype == "media", pos)


def subject_region(sc: Scan, first: int, stop: int) -> tuple[int, int]:
    """Token range [first, end) of the overt subject after a cue."""
    toks, norms = sc.doc.tokens, sc.norms
    preps, name_nouns = sc.lex.words("preposition"), sc.lex.words("name_noun")
    comps, temporal = sc.lex.words("complementizer"), sc.lex.words("temporal")
    j = first
    while j < stop and j < len(toks):
        t = toks[j]
        span = sc.span_by_open.get(t.start)
        if span is not None:
            if not sc.is_name_span(span):
                break
            j = sc.token_after(span.close + 1)  # ونقلت "فرانس برس" عن ...: a quoted name is a subject
            continue
        if not t.is_word:
            if t.text in (":", ".", "؟", "!", "?") or (t.text in ("،", ",") and j == first):
                break  # `لافتا، فقد ...`: a comma right after the cue means no overt subject
            if t.text in ("،", ",") and j + 1 < stop and j + 1 < len(toks) and norms[j + 1] in sc.lex.words("relative"):
                break  # `، الذي دار بين ...`: a relative clause, not more of the subject
            j += 1
            continue
        n = norms[j]
        if n in preps or n in temporal or j in sc.phrase_at or n in comps:
            break
        if n.startswith("ل") and len(n) > 1 and (n[1:].lstrip("ـ") in name_nouns or any(f in name_nouns for f, _ in bare_forms(n)[1:])):
            break  # لوكالة، لصحيفة: the outlet, not the subject
        if n.startswith("ل") and any(m_s > t.start for m_s, _, _, _ in sc.mentions_in(t.start + 1, t.start + 3)):
            break  # `تقول لبي بي سي`: a name written onto ل is who it was said to
        if j in sc.cue_at:
            h = sc.cue_at[j]
            if h.entry.lemma == "قال" and h.entry.form_kind in ("participle", "extra") and j == first:
                first += 1  # `استرسل قائلا`: the connector is no subject
                j += 1
                continue
            if j != first:
                break
        j += 1
    return first, j


def _extended_person(sc: Scan, b: int, stop: int, apposition: bool = False):
    """A person named after a preposition inside a title (`الأمين العام للمشروع العربي في
    العراق الشيخ خميس الخنجر`), before the window's end and before any chain phrase or outlet;
    with `apposition`, only a name set off by a comma."""
    toks = sc.doc.tokens
    _, end = subject_region(sc, b + 1, stop) if b < stop else (b, b)
    if end <= b:
        return None
    for m_s, m_e, m, e in sc.mentions_in(toks[b].start, toks[end - 1].end):
        if e.type == "PER" and m.kind == "name":
            k = sc.token_after(m_s) - 1   # the token before the name
            if apposition and not (k >= 0 and toks[k].text in ("،", ",")):
                continue
            return m, e
    return None


def resolve_speaker(sc: Scan, hit: CueHit, first: int, stop: int, state: SpeakerState, earlier: list[CueHit]) -> None:
    hit.resolved = True
    if hit.entry.role == "passive":
        return  # `قيل إن`: nobody is named
    if hit.entry.role == "relay":
        _relay(sc, hit, first, stop, state, earlier)
        return
    if _relative_antecedent(sc, hit):
        return
    if not _overt_subject(sc, hit, first, stop, state):
        _implicit(sc, hit, state, earlier)
    _quoting_from(sc, hit, first, stop)


def _quoting_from(sc: Scan, hit: CueHit, first: int, stop: int) -> None:
    """`وقالت وكالة رويترز، نقلا عن مصادر، إن`: the subject relayed what the sources said.
    (`نقلا عن وكالة بترا` names an outlet instead: the chain reads it.)"""
    for k in range(first, min(stop, len(sc.doc.tokens))):
        ph = sc.phrase_at.get(k)
        if ph is None or ph.phrase.role != "relayed_by" or not ph.phrase.words[-1] == "عن":
            continue
        nxt = ph.last + 1
        if nxt >= len(sc.doc.tokens) or _names_outlet(sc, nxt):
            return
        source = CueHit(hit.token, hit.start, hit.end, hit.text, hit.entry, hit.sentence)
        resolve_source(sc, source, nxt, min(stop, nxt + SOURCE_WORDS))
        if source.speaker is None and not source.description:
            return
        hit.relayer, hit.relayer_name = hit.speaker, (hit.description if hit.speaker is None else None)
        hit.speaker, hit.description = source.speaker, source.description
        hit.relay_phrase = ph
        return


def _names_outlet(sc: Scan, k: int) -> bool:
    """Token k opens an outlet's name: a media entity, an outlet noun, or a quoted name."""
    t = sc.doc.tokens[k]
    if sc.span_by_open.get(t.start) is not None:
        return True
    if {f for f, _ in bare_forms(sc.norms[k])} & sc.lex.words("outlet_noun"):
        return True
    return any(e.subtype == "media" for m_s, _, _, e in sc.mentions_in(t.start, t.end + 1))


def _relay(sc: Scan, hit: CueHit, first: int, stop: int, state: SpeakerState, earlier: list[CueHit]) -> None:
    """`نقلت وكالة رويترز عن مسؤول قوله إن`، `ونقلت وكالة الأناضول على لسان أردوغان قوله`: the
    subject relayed, the speaker follows عن or على لسان. With neither (`ونقلت صحيفة "الأهرام"
    تصريح الملا الذي قال إن`) the subject relayed what a later cue reports."""
    an = None
    for k in range(first, min(stop, len(sc.doc.tokens))):
        ph = sc.phrase_at.get(k)
        if sc.norms[k] == "عن":
            an = k
        elif ph is not None and ph.phrase.words == ("علي", "لسان"):
            an = ph.last
        if an is not None:
            break
    relayer = CueHit(hit.token, hit.start, hit.end, hit.text, hit.entry, hit.sentence)
    if an is None:
        if _overt_subject(sc, relayer, first, stop, state):
            hit.relayer, hit.relayer_name = relayer.speaker, relayer.description
            hit.relay_object = True
        else:
            _implicit(sc, hit, state, earlier)
        return
    if _overt_subject(sc, relayer, first, an, state):
        hit.relayer = relayer.speaker
        hit.relayer_name = relayer.description
    else:
        for k in range(first, an):
            span = sc.span_by_open.get(sc.doc.tokens[k].start)
            if span is not None and sc.is_name_span(span):  # ونقلت "فرانس برس" عن
                inside = [e for _, _, _, e in sc.mentions_in(span.start, span.end)]
                hit.relayer = inside[0].id if inside else None
                hit.relayer_name = None if inside else sc.doc.text[span.start:span.end]
                break
    if not _overt_subject(sc, hit, an + 1, stop, state):
        _implicit(sc, hit, state, earlier)


def _relative_antecedent(sc: Scan, hit: CueHit) -> bool:
    """`وفق المصادر التي قالت إن`: the speaker is the noun before the relative pronoun."""
    k = hit.token - 1
    if k < 1 or sc.norms[k] not in sc.lex.words("relative"):
        return False
    if sc.doc.tokens[hit.token].suffix:
        return False  # `تصنيفات الوكالات التي وصفها بـ"المحتالة"`: the noun is the object (ها), not who spoke
    ante = sc.doc.tokens[k - 1]
    if not ante.is_word:
        return False
    for m_s, m_e, m, e in sc.mentions_in(ante.start - 40 if ante.start > 40 else 0, ante.end):
        if m_e == ante.end and m.kind != "demonym":
            hit.speaker = e.id
            return True
    hit.speaker, hit.description = None, ante.text
    return True


def _overt_subject(sc: Scan, hit: CueHit, first: int, stop: int, state: SpeakerState) -> bool:
    """Resolve from the words after the cue; False when there is no overt subject."""
    toks = sc.doc.tokens
    a, b = subject_region(sc, first, stop)
    words = [k for k in range(a, b) if toks[k].is_word]
    if words and sc.norms[words[0]] in sc.lex.words("not_subject"):
        return False  # `نفى أي علاقات`، `تقول لي`: an object or a complement, no overt subject
    if words:
        s_off, e_off = toks[words[0]].start, toks[words[-1]].end
        found = [(m, e) for m_s, m_e, m, e in sc.mentions_in(s_off, e_off) if m.kind != "demonym"]
        persons = [x for x in found if x[1].type == "PER"]
        first_forms = {f for f, _ in bare_forms(sc.norms[words[0]])}
        first_forms |= {f[2:] for f in first_forms if f.startswith("ال")}
        if not any(m.kind == "name" for m, _ in persons) and b < stop and sc.norms[b] in sc.lex.words("preposition"):
            # a title alone in the core; the name may follow its complement -- after an unnamed
            # source's head only in apposition (`مسؤول الأمن في بلدية الكاب، جي بي سميث`, not
            # `مسؤول في حملة ترامب`)
            ext = _extended_person(sc, b, stop, apposition=bool(first_forms & sc.lex.unnamed))
            if ext is not None:
                found.append(ext)
                persons.append(ext)
        if first_forms & sc.lex.unnamed and not persons:
            hit.speaker = None
            hit.description = _description(sc, words)
            return True
        if found:
            best = min(((m, e) for m, e in found), key=lambda x: _rank(x[0], x[1], x[0].start))
            hit.speaker = best[1].id
            return True
        if first_forms & sc.lex.words("title") and len(words) <= TITLE_ALONE_WORDS:
            hit.speaker = _last_person(sc, state, hit.start)
            if hit.speaker is None:
                hit.description = _description(sc, words)
            return True
        named = _named_before(sc, words, hit.start)
        if named is not None:
            hit.speaker = named
            return True
        if _names_a_subject(sc, hit, words[0]):
            # a subject the actors stage did not recognize (قال موقع ويكيليكس، قالت دراسة)
            hit.speaker = None
            hit.description = _description(sc, words)
            return True
    return False


def _named_before(sc: Scan, words: list[int], before: int) -> str | None:
    """A short form of a name already in the text (`وقال سلمان` after `محمد بن سلمان`,
    `وأضافت الوزارة` after `وزارة الدفاع البريطانية`): the latest entity mentioned before
    the cue whose name holds the subject's first word."""
    if not words:
        return None
    head = sc.norms[words[0]]
    head = head[2:] if head.startswith("ال") and len(head) > 4 else head
    if len(head) < 3 or head in sc.lex.words("not_subject") or sc.norms[words[0]] in sc.lex.words("title"):
        return None
    return sc.named_entity_with(head, before)


def _names_a_subject(sc: Scan, hit: CueHit, k: int) -> bool:
    """The first word after a finite speech verb is its subject, not its object: no pronoun
    suffix (أكدت عزمها), not a number alone, not after a participle (مؤكدا) or a describing verb."""
    if hit.entry.role == "describe" or hit.entry.form_kind not in ("past", "present"):
        return False
    t = sc.doc.tokens[k]
    if (t.suffix and not t.text.endswith("ة")) or t.text[:1].isdigit() or len(sc.norms[k]) < 2 or sc.norms[k] in sc.lex.words("not_subject"):
        return False
    if any(c in t.prefix for c in "بلك"):
        return False  # `وأضافت لنواب`: a complement, not a subject
    # subject-first (`لكن السعودية تنفي ذلك`): a name earlier in the clause is the subject
    toks = sc.doc.tokens
    j = hit.token - 1
    while j >= 0 and toks[j].sentence == hit.sentence and toks[j].text not in ("،", ",", "؛", ";", ":"):
        j -= 1
    clause_start = toks[j + 1].start if j + 1 < len(toks) else hit.start
    return not any(m.kind != "demonym" for _, _, m, _ in sc.mentions_in(clause_start, hit.start))


def _description(sc: Scan, words: list[int]) -> str:
    toks = sc.doc.tokens
    keep = []
    stop = sc.lex.words("not_subject")
    for k in words[:DESCRIPTION_WORDS]:
        if keep and sc.norms[k] in stop:
            break  # `الوزارة اليوم الأربعاء`: the time is not part of who spoke
        keep.append(k)
        if k + 1 < len(toks) and toks[k + 1].text in ("،", ","):
            break
    return sc.doc.text[toks[keep[0]].start:toks[keep[-1]].end]


# How many earlier speakers `وأضاف` looks back through for a person: enough for any article, and
# a bound that keeps a pathological document (thousands of quotes, no person) linear.
HISTORY_LOOKBACK = 64


def _last_person(sc: Scan, state: SpeakerState, before: int) -> str | None:
    for n, (off, ent, _) in enumerate(reversed(state.history)):
        if n >= HISTORY_LOOKBACK:
            break
        e = sc.doc.entity(ent)
        if off < before and e is not None and e.type == "PER":
            return ent
    starts, ids = _person_mentions(sc)
    k = bisect_left(starts, before) - 1
    return ids[k] if k >= 0 else None


def _person_mentions(sc: Scan) -> tuple[list[int], list[str]]:
    """Starts and entity ids of the person mentions, in text order (built once per document)."""
    cached = sc.doc.cache.get("_person_mentions")
    if cached is None:
        people = [(m_s, e.id) for m_s, _, _, e in sc.mentions if e.type == "PER"]
        cached = ([s for s, _ in people], [i for _, i in people])
        sc.doc.cache["_person_mentions"] = cached
    return cached


def _implicit(sc: Scan, hit: CueHit, state: SpeakerState, earlier: list[CueHit]) -> None:
    for h in reversed(earlier):
        if h.sentence == hit.sentence and h.end <= hit.start and (h.speaker is not None or h.description):
            hit.speaker, hit.description = h.speaker, h.description
            return
        if h.sentence < hit.sentence:
            break
    subject = _subject_before(sc, hit)
    if subject is not None:
        hit.speaker, hit.description = subject
        return
    sent = sc.doc.sentences[hit.sentence] if hit.sentence < len(sc.doc.sentences) else None
    if sent is not None:
        cands = []
        for m_s, m_e, m, e in sc.mentions_in(sent.start, hit.start):
            if m_e > hit.start or m.kind == "demonym":
                continue
            if sc.span_covering(m_s) is not None:
                continue
            k = sc.token_at.get(m_s)
            if k is None:
                k = sc.token_after(m_s) - 1
            if k is not None and 0 <= k < len(sc.doc.tokens):
                t = sc.doc.tokens[k]
                if t.prefix.strip("وف") or (k > 0 and _after_preposition(sc, k)):
                    continue  # بلبنان، في موسكو، مع صحيفة X: in a phrase, not a subject
            cands.append((TYPE_RANK.get(e.type, 3) > 1, m_s, e.id))
        if cands:
            hit.speaker = min(cands)[2]
            return
    before = _unnamed_before(sc, hit)
    if before is not None:
        hit.speaker, hit.description = None, before
        return
    last = state.last(hit.start)
    if last is not None:
        hit.speaker, hit.description = last


def _subject_before(sc: Scan, hit: CueHit) -> tuple[str | None, str | None] | None:
    """Subject-first order in the cue's own clause (`لكن الشرطة قالت إن`، `وكانت إيران أكدت`):
    an entity ending right before the cue, else a short definite noun phrase the actors stage
    did not name; conjunctions and auxiliaries are skipped."""
    toks = sc.doc.tokens
    j = hit.token - 1
    words: list[int] = []
    while j >= 0 and toks[j].sentence == hit.sentence and toks[j].is_word and len(words) < SUBJECT_BEFORE_WORDS + 2:
        words.append(j)
        j -= 1
    if j >= 0 and toks[j].sentence == hit.sentence and toks[j].is_word:
        return None  # the clause goes on further back: not a bare subject before the cue
    words.reverse()
    while words and (_is(sc, words[0], "auxiliary") or _is(sc, words[0], "conjunction")):
        words.pop(0)
    while words and _is(sc, words[-1], "auxiliary"):
        words.pop()
    if not words or len(words) > SUBJECT_BEFORE_WORDS:
        return None
    if any(sc.norms[k] in sc.lex.words("complementizer") for k in words):
        return None  # `إلا أنه استرسل`: a pronoun subject, resolved as implicit
    start, end = toks[words[0]].start, toks[words[-1]].end
    found = [(m, e) for _, m_e, m, e in sc.mentions_in(start, end) if m_e <= end and m.kind != "demonym"]
    if found:
        return min(found, key=lambda x: _rank(x[0], x[1], x[0].start))[1].id, None
    first = sc.norms[words[0]]
    if first.startswith("ال") and len(first) > 3 and first not in sc.lex.words("not_subject") and not toks[words[0]].suffix:
        return None, sc.doc.text[start:end]
    return None


def _unnamed_before(sc: Scan, hit: CueHit) -> str | None:
    """`وكان مصدر طبي قد قال إن`: an unnamed source right before the cue, in its clause."""
    toks = sc.doc.tokens
    j = hit.token - 1
    words = []
    while j >= 0 and toks[j].sentence == hit.sentence and toks[j].is_word and len(words) < DESCRIPTION_WORDS:
        words.append(j)
        j -= 1
    words.reverse()
    while words and _is(sc, words[0], "auxiliary"):
        words.pop(0)
    while words and _is(sc, words[-1], "auxiliary"):
        words.pop()
    if not words:
        return None
    forms = {f for f, _ in bare_forms(sc.norms[words[0]])}
    forms |= {f[2:] for f in forms if f.startswith("ال")}
    if forms & sc.lex.unnamed:
        return sc.doc.text[toks[words[0]].start:toks[words[-1]].end]
    return None


def _is(sc: Scan, k: int, cls: str) -> bool:
    """Token k is a word of the class, with or without و/ف before it (وكانت، فقد، ولكن)."""
    n, words = sc.norms[k], sc.lex.words(cls)
    return n in words or (len(n) > 2 and n[0] in "وف" and n[1:] in words)


def _after_preposition(sc: Scan, k: int) -> bool:
    """Token k follows a preposition, directly or through a name noun (مع صحيفة X، لوكالة X)."""
    preps, nouns = sc.lex.words("preposition"), sc.lex.words("name_noun")
    j = k - 1
    while j >= 0 and not sc.doc.tokens[j].is_word:
        j -= 1
    if j < 0:
        return False
    forms = {f for f, _ in bare_forms(sc.norms[j])}
    if sc.norms[j] in preps:
        return True
    if forms & nouns:
        if sc.norms[j][:1] == "ل" and sc.norms[j][1:] in nouns:
            return True
        return j > 0 and sc.norms[j - 1] in preps
    return False


def source_hit(sc: Scan, ph: PhraseHit) -> CueHit:
    """A cue standing for a source phrase (`بحسب`، `وفقا ل`، `حسبما قال`), with its lemma."""
    entry = CueEntry(ph.phrase.lemma or "قال", ph.phrase.stance or "neutral", "speech", "extra")
    end = sc.doc.tokens[ph.last].end
    return CueHit(ph.first, ph.start, end, sc.doc.text[ph.start:end], entry, sc.doc.tokens[ph.first].sentence)


def resolve_source(sc: Scan, hit: CueHit, first: int, stop: int) -> None:
    """The source named after a source phrase: a person, else an organization or place, else
    its words (`بحسب مصادر محلية`)."""
    toks = sc.doc.tokens
    hit.resolved = True
    words = []
    for k in range(first, min(stop, len(toks))):
        if not toks[k].is_word:
            if toks[k].text in ("،", ",", ".", ":", "؟", "!"):
                break
            continue
        if k in sc.phrase_at or sc.norms[k][1:] in sc.lex.words("complementizer"):
            break
        words.append(k)
    if not words:
        return
    found = [(m, e) for _, _, m, e in sc.mentions_in(toks[words[0]].start, toks[words[-1]].end) if m.kind != "demonym"]
    if found:
        hit.speaker = min(found, key=lambda x: _rank(x[0], x[1], x[0].start))[1].id
        return
    hit.description = _description(sc, words)
