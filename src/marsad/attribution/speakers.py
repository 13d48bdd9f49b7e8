"""Who said it: the speaker of a cue, as an entity id (or null with a description).

`resolve_speaker` tries the rules of `SPEAKER_RULES` in order; the first that decides wins:

1. `passive_has_no_speaker`: `قيل إن` names nobody.
2. `relay_subject_and_source`: `نقلت وكالة X عن مسؤول قوله` -> the official, relayed by X.
3. `relative_clause_antecedent`: `وفق المصادر التي قالت إن` -> the sources (not `الدول التي
   قال إنها`, where the pronoun after the complementizer is the noun and the speaker is the
   clause's subject, nor `الوكالات التي وصفها`, where the noun is the object); a title before
   it stands for the person it names or stands beside (`تشونغ، نائب رئيس فيفا السابق الذي
   كشف`); a thing is no speaker (`واصفا الجدل الذي خلص`: the clause's subject spoke).
4. `participle_shares_the_subject`: `، مؤكدا أن` has no subject of its own.
5. `coordinated_verb_keeps_the_subject`: `اعتبر أردوغان ...، وطمأن الشعب التركي بأن`: the noun
   after a verb joined to an earlier cue of the sentence, naming no one, is its object.
6. `overt_subject`: the words after the cue up to the first preposition, outlet (`لوكالة`),
   chain phrase, complementizer or quotation mark. A person named there wins over an
   organization, which wins over a place (`قال ولي العهد السعودي محمد بن سلمان`); an
   unnamed source (`قال مصدر مطلع`) gives speaker null and its words as
   `speaker_description`; a document names its issuer (`وأشار تقرير الصحيفة`); a role with
   no name stands for the person named with that role before (`قائد الشرطة مورفي بول` ...
   `وقال قائد الشرطة`), else for an unnamed person (not the body it serves, `نائب عام
   لويزيانا`); a title alone (`قال الأمير`) for the last person who spoke; a noun for a
   person (`الشاب`) for the last person named. A speaker the actors stage did not recognize
   becomes an entity when the clause names it: an office of a named body (`وقال مدير المرصد
   السوري لحقوق الإنسان`: a person, unnamed; not a spokesman), an organization headed by its
   noun (`وقالت المحكمة الدولية الخاصة بلبنان`; `وقال المكتب` -> the office named before), the
   first of two joined subjects (`أفادت شبكة أنباء سورية والمرصد السوري`).
7. `implicit_subject` (`وأضاف`، `وقالت إنها`): a name right before a finite cue (`لكن تشونغ
   رأى`; not one written onto a preposition, `يتصل ستيلر بدانيلز يسألها`), else the speaker of
   an earlier cue in the same sentence, else the subject right before the cue (`لكن الشرطة قالت`), else a name opening
   the sentence's clause (not one in a phrase, `وحول غياب سعود كريري`), else the last speaker
   -- always one whose verbs agreed in gender and number (`وأضافت` takes no speaker of `قال`,
   `لكنه قال` none of a plural verb).
"""
from __future__ import annotations

from bisect import bisect_left

from dataclasses import dataclass, field

from ..doc import Actor, Entity, Mention
from ..text.normalize import normalize
from .lexicon import bare_forms
from .lexicon import CueEntry
from .scan import CueHit, PhraseHit, Scan

TYPE_RANK = {"PER": 0, "ORG": 1, "LOC": 2}
DESCRIPTION_WORDS = 6
SOURCE_WORDS = 6        # words after `بحسب` where its source is named
TITLE_ALONE_WORDS = 2   # `قال الأمير`، `قال الرئيس الأمريكي`: a title standing for someone named before
SUBJECT_BEFORE_WORDS = 4
SUBJECT_BEFORE_MAX_WORDS = 10   # a title and a name before the cue (الخبير العسكري الروسي بافل فلغينهاور قال)
ROLE_APPOSITION_WORDS = 8
# the subject a relative pronoun agrees with: `الدول التي قال إنها` -- قال is not the subject of التي
RELATIVE_AGREEMENT = {"الذي": "m", "التي": "f", "الذين": "pl", "اللواتي": "pl", "اللاتي": "pl"}   # words between a role and the name it is given (قائد الشرطة مورفي بول)


@dataclass
class SpeakerState:
    """The speakers heard so far in a document (read by implicit subjects), with the agreement
    (m, f, pl) of the cues they spoke through."""
    history: list[tuple[int, str | None, str | None, str | None]] = field(default_factory=list)
    kinds: dict[str | None, set[str]] = field(default_factory=dict)   # entity id -> agreements seen

    def heard(self, entity: str | None, description: str | None, offset: int, agreement: str | None = None) -> None:
        self.history.append((offset, entity, description, agreement))
        if entity is not None and agreement:
            self.kinds.setdefault(entity, set()).add(agreement)

    def agrees(self, entity: str | None, agreement: str | None, heard_as: str | None = None) -> bool:
        """Whether a speaker can be the subject of a cue of this agreement: a person heard
        only through masculine cues is not the subject of `وأضافت`. Only gender counts: a
        verb before its subject stays singular (`تعهد زعماء الاتحاد ... لكنهم اعترفوا`)."""
        if agreement not in ("m", "f"):
            return True
        seen = (self.kinds.get(entity, set()) | ({heard_as} if heard_as else set())) & {"m", "f"}
        return not seen or agreement in seen

    def last(self, before: int, agreement: str | None = None, para_of=None) -> tuple[str | None, str | None] | None:
        """The speaker heard last before the offset (in text order) whose cues agree -- passing
        over the nearest one only for one in this paragraph or the one before (`وقال وزير
        الدولة جمانة غنيمات` ... `وأضافت`: the verb of a title may not show the person's gender)."""
        recent = sorted((h for h in self.history[-HISTORY_LOOKBACK:] if h[0] < before), key=lambda h: -h[0])
        if not recent:
            return None
        for off, ent, desc, agr in recent:
            if agreement in ("m", "f") and agr == "pl":
                continue   # `الذين ينتقدون خطة ماي، لكنه قال`: a plural verb's subject is not one person
            if _compatible(agr, agreement) and self.agrees(ent, agreement, agr):
                if off != recent[0][0] and para_of is not None and para_of(off) < para_of(before) - 1:
                    break
                return ent, desc
        return recent[0][1], recent[0][2]


def _compatible(a: str | None, b: str | None) -> bool:
    """Two cue agreements can share a subject: the same gender, or one says none (pl, None)."""
    return a not in ("m", "f") or b not in ("m", "f") or a == b


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
    if j < len(toks) and norms[j] in sc.lex.words("resumptive"):
        first = j = j + 1   # `الوقت الذي أكدت فيه مصادر صحفية أن`: the subject follows the pronoun
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
    """The speaker of a cue whose window (its subject's place) is tokens [first, stop)."""
    hit.resolved = True
    for rule in SPEAKER_RULES:
        if rule(sc, hit, first, stop, state, earlier):
            break
    _quoting_from(sc, hit, first, stop)


def passive_has_no_speaker(sc, hit, first, stop, state, earlier) -> bool:
    """`قيل إن`، `يقال إن`: reported speech with nobody named."""
    return hit.entry.role == "passive"


def relay_subject_and_source(sc, hit, first, stop, state, earlier) -> bool:
    """`ونقلت وكالة رويترز عن مسؤول قوله إن`: the subject relayed what the official said."""
    if hit.entry.role != "relay":
        return False
    _relay(sc, hit, first, stop, state, earlier)
    return True


def relative_clause_antecedent(sc, hit, first, stop, state, earlier) -> bool:
    """`وفق المصادر التي قالت إن`: the speaker is the noun before the relative pronoun."""
    return _relative_antecedent(sc, hit, state, earlier)


def participle_shares_the_subject(sc, hit, first, stop, state, earlier) -> bool:
    """`، مؤكدا أن`، `مشيدا بمدرب فريق الهلال`: a participle used as a circumstantial clause has
    no subject of its own; the noun after it is its object."""
    if hit.entry.form_kind != "participle" or _is_connector(hit):
        return False
    _implicit(sc, hit, state, earlier)
    return True


def coordinated_verb_keeps_the_subject(sc, hit, first, stop, state, earlier) -> bool:
    """`اعتبر الرئيس التركي أردوغان العقوبات "طعنة"، وطمأن الشعب التركي بأن`: a verb joined by
    و to an earlier cue of its sentence, followed by words naming no one, keeps that cue's
    speaker (the words are its object)."""
    t = sc.doc.tokens[hit.token]
    if not t.prefix.startswith("و") or hit.entry.form_kind not in ("past", "present"):
        return False
    prev = None
    for h in reversed(earlier):   # in text order: stop at the sentence before (a scan to the start was quadratic)
        if h.sentence < hit.sentence:
            break
        if h.sentence == hit.sentence and h.end <= hit.start and h.speaker is not None \
                and state.agrees(h.speaker, hit.entry.agreement, h.entry.agreement):
            prev = h
            break
    if prev is None:
        return False
    a, b = subject_region(sc, first, stop)
    words = [k for k in range(a, b) if sc.doc.tokens[k].is_word]
    if not words:
        return False
    s_off, e_off = sc.doc.tokens[words[0]].start, sc.doc.tokens[words[-1]].end
    if any(m.kind != "demonym" for _, _, m, _ in sc.mentions_in(s_off, e_off)):
        return False
    forms = {f for f, _ in bare_forms(sc.norms[words[0]])}
    if (forms | {f[2:] for f in forms if f.startswith("ال")}) & (sc.lex.unnamed | sc.lex.words("title")):
        return False   # `، وقال مصدر`، `، وأضاف الوزير`: a new subject
    hit.speaker, hit.description = prev.speaker, prev.description
    return True


def overt_subject(sc, hit, first, stop, state, earlier) -> bool:
    """The subject named after the cue (see the module's rule 6)."""
    hit.overt = _overt_subject(sc, hit, first, stop, state)
    return hit.overt


def implicit_subject(sc, hit, first, stop, state, earlier) -> bool:
    """No subject after the cue: from the sentence, else the last speaker (rule 7)."""
    _implicit(sc, hit, state, earlier)
    return True


SPEAKER_RULES = (passive_has_no_speaker, relay_subject_and_source, relative_clause_antecedent,
                 participle_shares_the_subject, coordinated_verb_keeps_the_subject, overt_subject,
                 implicit_subject)


def _is_connector(hit: CueHit) -> bool:
    """`قائلا` only introduces words after another verb (استرسل قائلا)."""
    return hit.entry.lemma == "قال" and hit.entry.form_kind in ("participle", "extra")


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
    if first < len(sc.doc.tokens) and sc.norms[first] in ("عنه", "عنها", "عنهم"):
        # `كما نقلت عنه صحيفة X أن`: the relayer follows, the speaker is the one spoken of
        relayer = CueHit(hit.token, hit.start, hit.end, hit.text, hit.entry, hit.sentence)
        if _overt_subject(sc, relayer, first + 1, stop, state):
            hit.relayer, hit.relayer_name = relayer.speaker, relayer.description
        _implicit(sc, hit, state, earlier)
        return
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


def _relative_antecedent(sc: Scan, hit: CueHit, state: SpeakerState | None = None, earlier: list[CueHit] | None = None) -> bool:
    """`وفق المصادر التي قالت إن`: the speaker is the noun before the relative pronoun."""
    k = hit.token - 1
    if k < 1 or sc.norms[k] not in sc.lex.words("relative"):
        return False
    toks = sc.doc.tokens
    rel = RELATIVE_AGREEMENT.get(sc.norms[k])
    agree = hit.entry.agreement
    nxt = hit.token + 1
    if nxt < len(toks) and sc.norms[nxt] in sc.lex.words("resumptive"):
        nxt += 1
    if nxt < len(toks) and toks[nxt].is_word and sc.norms[nxt] not in sc.lex.words("complementizer") \
            and sc.norms[nxt] not in sc.lex.words("preposition") and sc.norms[nxt] not in sc.lex.words("not_subject") \
            and not toks[nxt].prefix.strip("وف") and nxt not in sc.cue_at:
        return False   # `التي ترى وزارة الدفاع الروسية أن`، `التي اعتبرها كثيرون`: the verb names its own subject
    if toks[hit.token].suffix:
        # `الوكالات التي وصفها`: the noun is the object (ها); the clause's subject spoke
        if state is not None:
            _implicit(sc, hit, state, earlier or [])
            return True
        return False
    if rel in ("m", "f") and agree in ("m", "f") and rel != agree:
        return False   # `الدول التي قال إنها تحاول`: قال does not agree with التي, the noun is not its subject
    ante_k = k - 1
    if ante_k > 0 and toks[ante_k].text in ("،", ","):
        ante_k -= 1   # `وكالة الأنباء القطرية، التي أشارت إلى أن`
    ante = sc.doc.tokens[ante_k]
    if not ante.is_word:
        return False
    for m_s, m_e, m, e in sc.mentions_in(ante.start - 40 if ante.start > 40 else 0, ante.end):
        if m_e == ante.end and m.kind != "demonym":
            hit.speaker = e.id
            return True
    holder = _antecedent_phrase_entity(sc, ante_k)
    if holder is not None:
        hit.speaker = holder
        return True
    if agree in ("m", "f") and state is not None and sc.norms[ante_k].startswith("ال") and not _could_speak(sc, ante_k):
        # `واصفا الجدل الذي خلص إلى`: a thing is no speaker; the clause's subject spoke
        _implicit(sc, hit, state, earlier or [])
        return True
    hit.speaker, hit.description = None, ante.text
    return True


ANTECEDENT_WORDS = 5   # words of the noun phrase a relative pronoun follows (نائب رئيس فيفا السابق الذي)


def _antecedent_phrase_entity(sc: Scan, ante_k: int) -> str | None:
    """`ومن بينهم تشونغ، نائب رئيس فيفا السابق الذي كشف`: the antecedent's noun phrase is a title
    the actors stage gave a person (its mention inside the phrase), or stands in apposition to
    a name right before its comma."""
    toks = sc.doc.tokens
    stops = _union(sc, "preposition", "complementizer", "conjunction")
    k = ante_k
    while k > 0 and ante_k - k < ANTECEDENT_WORDS and toks[k - 1].is_word and sc.norms[k - 1] not in stops \
            and k - 1 not in sc.cue_at and not toks[k - 1].prefix.startswith("و"):
        k -= 1
    for m_s, m_e, m, e in sc.mentions_in(toks[k].start, toks[ante_k].end):
        if e.type == "PER" and m.kind in ("title", "name") and not _written_on_preposition(sc, m_s):
            return e.id
    if k > 1 and toks[k - 1].text in ("،", ","):
        end = toks[k - 2].end
        for m_s, m_e, m, e in sc.mentions_in(max(0, end - 60), end):
            if m_e == end and e.type == "PER" and m.kind != "demonym":
                return e.id
    return None


def _could_speak(sc: Scan, k: int) -> bool:
    """A definite noun that can say something (a bare word may be a name the actors stage missed): a source, a title, a person, a document, an organization
    or an outlet noun (`المصادر التي قالت`، `الشركة التي أعلنت`), or a plural (`الأطباء الذين`)."""
    forms = _bare(sc, k)
    if forms & sc.lex.unnamed or forms & _union(sc, "title", "person_noun", "document_noun", "org_head", "outlet_noun",
                                               "institution_noun", "back_reference", "spokesperson"):
        return True
    return sc.norms[k].endswith(("ون", "ين", "ات"))


def _overt_subject(sc: Scan, hit: CueHit, first: int, stop: int, state: SpeakerState) -> bool:
    """Resolve from the words after the cue; False when there is no overt subject."""
    toks = sc.doc.tokens
    a, b = subject_region(sc, first, stop)
    words = [k for k in range(a, b) if toks[k].is_word]
    if not words or sc.norms[words[0]] in sc.lex.words("not_subject"):
        return False  # `نفى أي علاقات`، `تقول لي`: an object or a complement, no overt subject
    s_off, e_off = toks[words[0]].start, toks[words[-1]].end
    found = [(m, e) for m_s, m_e, m, e in sc.mentions_in(s_off, e_off) if m.kind != "demonym"]
    # `الكاتبة العامة للهيئة ... بسوسة`، `رئيس لجنة الانتخابات في تونس`: a name in a phrase
    # inside the subject is not who spoke
    found = [(m, e) for m, e in found if m.start <= s_off + 1 or not _complement(sc, m.start, words[0])]
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
    if first_forms & sc.lex.words("document_noun") and found:
        # `وأشار تقرير الصحيفة إلى أن`، `قال بيان الوزارة`: the document's issuer
        hit.speaker = min(found, key=lambda x: _rank(x[0], x[1], x[0].start))[1].id
        return True
    if first_forms & sc.lex.unnamed and not persons:
        hit.speaker = None
        hit.description = _description(sc, words)
        return True
    if _speaks_for_a_person(sc, words):
        # `قال المتحدث باسم الرئيس التركي رجب طيب أردوغان`: the name is the one he speaks for
        hit.speaker = None
        hit.description = _description(sc, words)
        return True
    role = bool(first_forms & sc.lex.words("title")) and not any(m.start <= s_off for m, _ in found)
    if role and not persons and all(e.kb_id is not None for _, e in found):
        # a role with no name: the person given that role before, else an unnamed person
        # (`نائب عام لويزيانا` is not Louisiana, `المتحدث باسم الجيش` not the army)
        hit.speaker = _person_with_role(sc, words, hit.start)
        if hit.speaker is None and len(words) <= TITLE_ALONE_WORDS and not found:
            hit.speaker = _last_person(sc, state, hit.start)
        if hit.speaker is None:
            hit.speaker = _office_holder(sc, words, b, bool(found))
        if hit.speaker is None:
            hit.description = _description(sc, words)
        return True
    first_conjunct = _first_conjunct_organization(sc, words, b, found)
    if first_conjunct is not None:
        hit.speaker = first_conjunct
        return True
    if found:
        best = min(((m, e) for m, e in found), key=lambda x: _rank(x[0], x[1], x[0].start))
        hit.speaker = best[1].id
        return True
    if first_forms & sc.lex.words("person_noun") and len(words) <= TITLE_ALONE_WORDS:
        # `ودعا الشاب في الفيديو`: the person named last
        hit.speaker = _last_person(sc, None, hit.start)
        if hit.speaker is None:
            hit.description = _description(sc, words)
        return True
    named = _named_before(sc, words, hit.start)
    if named is not None:
        hit.speaker = named
        return True
    if _names_a_subject(sc, hit, words[0]):
        # a subject the actors stage did not recognize: an organization (قالت المحكمة الدولية
        # الخاصة بلبنان، وقال المكتب), else its words (قال موقع ويكيليكس، قالت دراسة)
        hit.speaker = _organization(sc, words, b)
        if hit.speaker is not None:
            return True
        hit.description = _description(sc, words)
        return True
    return False


# ---- speakers the actors stage did not recognize ----

NP_WORDS = 6        # words of an organization's or an office's name read from the text
BACK_REFERENCE_REACH = 3   # earlier writings of a head noun `وقال المكتب` looks back through


def _union(sc: Scan, *classes: str) -> frozenset[str]:
    """The words of several grammar classes together (built once per lexicon)."""
    key = "+".join(classes)
    words = sc.lex.grammar.get(key)
    if words is None:
        words = sc.lex.grammar[key] = frozenset().union(*(sc.lex.words(c) for c in classes))
    return words


def _bare(sc: Scan, k: int) -> set[str]:
    """Token k's forms without clitics, with and without the article."""
    forms = {f for f, _ in bare_forms(sc.norms[k])}
    return forms | {f[2:] for f in forms if f.startswith("ال")}


def _noun_phrase(sc: Scan, k: int, limit: int) -> list[int]:
    """The word tokens of the noun phrase opening at token k (before token `limit`): up to
    punctuation, a preposition, a conjunct (و), a cue, a word that never opens a subject, an
    indefinite word after a definite one (`مكتب تحقيقات الطيران بياناً`: the object), or a word
    written with ب/ل/ك -- which ends it, taken in when it opens a place's or an organization's
    name (`المحكمة الدولية الخاصة بلبنان`، `مكتب تحقيقات الطيران بالمملكة العربية السعودية`)."""
    toks, norms = sc.doc.tokens, sc.norms
    stops = _union(sc, "preposition", "not_subject", "complementizer", "temporal", "relative")
    out: list[int] = []
    definite = False
    j = k
    while j < min(limit, len(toks)) and len(out) < NP_WORDS:
        t, n = toks[j], norms[j]
        if not t.is_word or (out and (j in sc.cue_at or j in sc.phrase_at or n in stops or _opens_a_date(sc, j)
                                      or (t.prefix.startswith("و") and not _joined_in_the_name(sc, j, out)))):
            break
        if out and any(c in t.prefix for c in "بلك"):
            for m_s, m_e, m, e in sc.mentions_in(t.start, t.end):
                if e.type in ("LOC", "ORG") and m.kind == "name":
                    while j < len(toks) and toks[j].end <= m_e and len(out) < NP_WORDS:
                        out.append(j)
                        j += 1
                    break
            break
        if out and definite and not n.removeprefix("و").startswith("ال"):
            break
        out.append(j)
        definite = definite or n.startswith(("ال", "لل"))
        j += 1
        # a name the phrase holds is read whole (مدير المرصد السوري لحقوق الإنسان)
        for m_s, m_e, m, e in sc.mentions_in(t.start, t.end):
            while m.kind == "name" and j < min(limit, len(toks)) and toks[j].end <= m_e and len(out) < NP_WORDS:
                out.append(j)
                j += 1
    return out


def _joined_in_the_name(sc: Scan, j: int, out: list[int]) -> bool:
    """A definite word joined by و inside a construct's genitive is part of the name (`هيئة
    الأوراق المالية والبورصات الأمريكية`، `هيئة الجوازات والسجل المدني`); a name the actors
    stage found there is a second subject (`شبكة أنباء سورية والمرصد السوري`)."""
    t = sc.doc.tokens[j]
    if not sc.norms[j][1:].startswith("ال") or not any(sc.norms[k].startswith("ال") for k in out[1:]):
        return False
    return not any(True for _ in sc.mentions_in(t.start, t.end))


def _opens_a_date(sc: Scan, k: int) -> bool:
    """Token k opens a time expression (`وأكدت المجموعة الأسبوع الماضي`، `في يناير`)."""
    n = sc.norms[k]
    if n in sc.lex.months:
        return True
    two = n + " " + sc.norms[k + 1] if k + 1 < len(sc.norms) else n
    return any(p.match(two) for p in sc.lex.date_phrases)


def _made_entity(sc: Scan, words: list[int], type_: str, kind: str, also: list[int] | None = None) -> str:
    """The entity for a speaker named by these words that the actors stage did not recognize
    (one per name in a document), with a mention for them -- and for `also`, a shorter
    reference to it (`المكتب`)."""
    toks, text = sc.doc.tokens, sc.doc.text
    first = toks[words[0]]
    start = first.stem_start if first.prefix[:1] in ("و", "ف") else first.start
    end = toks[words[-1]].end
    key = normalize(text[start:end])
    e = sc.made.get(key)
    if e is None:
        e = Entity(f"E{len(sc.doc.entities) + 1}", type_, text[start:end], subtype="person" if type_ == "PER" else None,
                   actor=Actor(_country_in(sc, words)))
        sc.doc.entities.append(e)
        sc.made[key] = e
    spans = [(start, end, kind if type_ == "PER" else "name")]
    if also:
        spans.append((toks[also[0]].stem_start if toks[also[0]].prefix[:1] in ("و", "ف") else toks[also[0]].start,
                      toks[also[-1]].end, "title"))
    for s, t_end, k in spans:
        if not any(m.start == s for m in e.mentions):
            e.mentions.append(Mention(s, t_end, text[s:t_end], k))
        sc.made_at[toks[sc.token_after(s) - (0 if s in sc.token_at else 1)].start] = e.id
    return e.id


def _country_in(sc: Scan, words: list[int]) -> str | None:
    """The state a name read from the text belongs to: the first place or body named in it
    with a country (`مكتب تحقيقات الطيران بالمملكة العربية السعودية`), else a nationality
    adjective or a state's name (`وزير الاقتصاد السويسري`، `شبكة أنباء سورية`)."""
    toks = sc.doc.tokens
    for _, _, m, e in sc.mentions_in(toks[words[0]].start, toks[words[-1]].end):
        if e.actor.country and m.kind != "title":
            return e.actor.country
    alias = sc.kb.alias_index() if sc.kb is not None else {}
    for k in words:
        for form, _ in bare_forms(sc.norms[k]):
            for kb_id, kind in alias.get(form, ()):
                entry = sc.kb.get(kb_id)
                # a nationality, or a state's name the actors stage did not read (`شبكة أنباء سورية`)
                if entry is not None and entry.country and (kind == "demonym" or entry.subtype == "country"):
                    return entry.country
    return None


def _office_holder(sc: Scan, words: list[int], limit: int, names_a_body: bool) -> str | None:
    """`وقال مدير المرصد السوري لحقوق الإنسان`، `أوضح مدرب الهلال`، `وقال نائب عام لويزيانا`: a
    role no name goes with, of a body the text names, is one person, unnamed -- an entity of its
    own (not the body, and not an unnamed source; a spokesman, `المتحدث باسم الجيش`, stays words)."""
    if _bare(sc, words[0]) & sc.lex.words("spokesperson"):
        return None
    np = _noun_phrase(sc, words[0], limit)
    if len(np) < 2 or not (names_a_body or any(sc.norms[k].startswith("ال") for k in np[1:])):
        return None
    nxt = np[-1] + 1
    if nxt < len(sc.doc.tokens) and sc.doc.tokens[nxt].is_word and not _closes_a_name(sc, nxt):
        # `وقال رئيس المنظمة رائد الصالح`: a name the actors stage missed follows the role;
        # `القائد العام لجبهة الساحل الغربي`: the role goes on
        return None
    return _made_entity(sc, np, "PER", "title")


def _closes_a_name(sc: Scan, k: int) -> bool:
    """Token k, right after a name read from the text, ends it: a complementizer, a preposition
    word, a time word, a cue or attribution phrase, a word that never opens a subject."""
    n = sc.norms[k]
    return k in sc.cue_at or k in sc.phrase_at or _opens_a_date(sc, k) or n in sc.lex.words("complementizer") \
        or n in sc.lex.words("preposition") or n in sc.lex.words("not_subject") or n in sc.lex.words("temporal")


def _organization(sc: Scan, words: list[int], limit: int) -> str | None:
    """A subject headed by an organization's noun that the actors stage did not recognize:
    `وقالت المحكمة الدولية الخاصة بلبنان أيضا، إن` -> an ORG entity for those words; the noun
    alone with the article (`وقال المكتب`) stands for the organization last named with it
    (`أصدر مكتب تحقيقات الطيران بالمملكة العربية السعودية بياناً`)."""
    heads = _bare(sc, words[0]) & sc.lex.words("org_head")
    if not heads:
        return None
    np = _noun_phrase(sc, words[0], limit)
    nxt = np[-1] + 1 if np else len(sc.doc.tokens)
    if nxt < len(sc.doc.tokens) and sc.span_by_open.get(sc.doc.tokens[nxt].start) is not None:
        return None   # `وقالت دار النشر "بيكادور"`: its name is the quoted one
    if len(np) >= 2 and _names_one(sc, np):
        return _made_entity(sc, np, "ORG", "name")
    if not sc.norms[words[0]].startswith("ال"):
        return None
    head = sc.norms[words[0]][2:]
    earlier = [k for k in sc.positions_of(head) if k < words[0]]
    reach = BACK_REFERENCE_REACH
    for k in reversed(earlier):
        t = sc.doc.tokens[k]
        span = sc.span_covering(t.start)
        if span is not None and sc.speech_span(span):
            continue   # a body named in someone's quoted words (`تلقى المكتب بلاغاً من مكتب ...`) is theirs
        reach -= 1
        if reach < 0:
            break
        made = sc.made_at.get(t.start)
        if made is not None:
            return made   # `وقال المكتب` again: the body it stood for before
        np = _noun_phrase(sc, k, len(sc.doc.tokens))
        if len(np) < 2 or not _names_one(sc, np):
            continue
        after = np[-1] + 1
        if after < len(sc.doc.tokens) and sc.span_by_open.get(sc.doc.tokens[after].start) is not None:
            continue   # `شركة المشروبات الشهيرة "كوكا كولا"`: its name is the quoted one
        known = [e for m_s, m_e, m, e in sc.mentions_in(t.start, t.end) if e.type == "ORG"]
        if known:
            return known[0].id
        return _made_entity(sc, np, "ORG", "name", also=words[:1])
    return None


def _names_one(sc: Scan, np: list[int]) -> bool:
    """An organization's words name one body when its noun heads a construct (`مكتب تحقيقات
    الطيران`، `شبكة أنباء سورية`), or they hold a place or a body (`المحكمة الدولية الخاصة
    بلبنان`), or run to three words; `الشركة الأم` only refers back to one."""
    toks = sc.doc.tokens
    return not sc.norms[np[0]].startswith("ال") or len(np) >= 3 \
        or any(True for _ in sc.mentions_in(toks[np[1]].start, toks[np[-1]].end))


def _first_conjunct_organization(sc: Scan, words: list[int], limit: int, found) -> str | None:
    """`أفادت شبكة أنباء سورية والمرصد السوري لحقوق الإنسان أن`: two subjects joined by و, the
    first an organization the actors stage did not recognize: the first speaks (the verb agrees
    with it), not the one named after و."""
    if not found or not _bare(sc, words[0]) & sc.lex.words("org_head"):
        return None
    toks = sc.doc.tokens
    if any(m.start <= toks[words[0]].end for m, _ in found):
        return None
    np = _noun_phrase(sc, words[0], limit)
    nxt = np[-1] + 1 if np else None
    if len(np) < 2 or nxt is None or nxt >= len(toks) or not toks[nxt].prefix.startswith("و") \
            or not any(m.start >= toks[nxt].start for m, _ in found):
        return None   # (a place in its name is part of it: شبكة أنباء سورية)
    return _made_entity(sc, np, "ORG", "name")


def _speaks_for_a_person(sc: Scan, words: list[int]) -> bool:
    """`المتحدث باسم الرئيس الروسي فلاديمير بوتن`، `الناطق باسم رئيسة الوزراء تيريزا ماي`: a
    spokesman for an office-holder; the person named is the office-holder, not the speaker."""
    if len(words) < 3 or not _bare(sc, words[0]) & sc.lex.words("spokesperson") or sc.norms[words[1]] != "باسم":
        return False
    forms = _bare(sc, words[2])
    forms |= {f[:-1] for f in forms if f.endswith("ه")}   # رئيسة، المستشارة
    return bool(forms & sc.lex.words("title"))


def _complement(sc: Scan, start: int, first: int) -> bool:
    """The mention starting at `start` is in a prepositional phrase inside the subject (written
    with ب/ل/ك, or after a preposition word since the subject's first word)."""
    k = sc.token_at.get(start)
    if k is None:
        k = sc.token_after(start) - 1
    if not 0 <= k < len(sc.doc.tokens):
        return False
    if any(c in sc.doc.tokens[k].prefix for c in "بلك") and start > sc.doc.tokens[k].start:
        return True
    return any(sc.norms[j] in sc.lex.words("preposition") for j in range(first, k))


def _person_with_role(sc: Scan, words: list[int], before: int) -> str | None:
    """`وقال قائد الشرطة` after `قائد الشرطة مورفي بول`: the person named right after the same
    role words (its first two) the last time they were written before the cue."""
    head = sc.norms[words[0]].removeprefix("ال")
    second = sc.norms[words[1]] if len(words) > 1 else None
    named = _role_people(sc, head, second)
    k = bisect_left(named, (before,))
    # the latest writing of the role before the cue whose person is named before the cue too
    while k > 0:
        k -= 1
        _role_start, person_start, person = named[k]
        if person_start < before:
            return person
    return None


def _role_people(sc: Scan, head: str, second: str | None) -> list[tuple[int, int, str]]:
    """Every place the role words are written with a person's name within a few words after them (no
    cue between): (role offset, name offset, entity id), in text order. Built once per role and
    article, so a long article with many cues stays linear."""
    key = (head, second)
    cached = sc.role_people.get(key)
    if cached is not None:
        return cached
    toks = sc.doc.tokens
    out = []
    for k in sc.positions_of(head):
        if second is not None and (k + 1 >= len(toks) or sc.norms[k + 1] != second):
            continue
        for j in range(k + 1, min(len(toks) - 1, k + ROLE_APPOSITION_WORDS) + 1):
            if j in sc.cue_at:
                break
            hits = [e for m_s, _, m, e in sc.mentions_in(toks[j].start, toks[j].end)
                    if m_s == toks[j].start and e.type == "PER" and m.kind == "name"]
            if hits:
                out.append((toks[k].start, toks[j].start, hits[0].id))
                break
    sc.role_people[key] = out
    return out


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
    # subject-first (`لكن السعودية تنفي ذلك`): a subject right before the cue is the subject
    before = _subject_before(sc, hit)
    return before is None or before[0] is None


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


def _last_person(sc: Scan, state: SpeakerState | None, before: int) -> str | None:
    """The last person who spoke before the offset, else the last person named (with no
    state: the last person named)."""
    for n, (off, ent, _, _) in enumerate(reversed(state.history if state is not None else [])):
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
    """No overt subject (`وأضاف`، `وقالت إنها`، `مشيرا`): see the module's rule 7."""
    agreement = hit.entry.agreement
    pronoun = _pronoun_subject(sc, hit)
    named_before = hit.entry.form_kind in ("past", "present") and _name_right_before(sc, hit)
    subject = _subject_before(sc, hit) if named_before else None
    if subject is not None and subject[0] is not None:
        # `لكن تشونغ رأى بأن`: a name right before the cue is its subject, whoever spoke
        # earlier in the sentence (`بلاتيني يعتبر المنافس الأبرز لتشونغ`)
        hit.speaker, hit.description = subject
        return
    for h in reversed(earlier):
        if h.sentence == hit.sentence and h.end <= hit.start and (h.speaker is not None or h.description) \
                and _same_kind(state, h, pronoun or agreement) and not (pronoun and _in_relative(sc, h)):
            hit.speaker, hit.description = h.speaker, h.description
            return
        if h.sentence < hit.sentence:
            break
    if not named_before:
        subject = _subject_before(sc, hit)
    if subject is not None:
        hit.speaker, hit.description = subject
        return
    if pronoun is None:
        named = _clause_opening_name(sc, hit)
        if named is not None:
            hit.speaker = named
            return
    else:
        agreement = pronoun   # `لكنه قال`: the pronoun says who (masculine, one)
    topic = _previous_sentence_subject(sc, hit, state)
    if topic is not None:
        hit.speaker = topic
        return
    before = _unnamed_before(sc, hit)
    if before is not None:
        hit.speaker, hit.description = None, before
        return
    last = state.last(hit.start, agreement, sc.paragraph_of)
    if last is not None:
        hit.speaker, hit.description = last


def _in_relative(sc: Scan, h: CueHit) -> bool:
    """The cue is the verb of a relative clause (`أعضاء البرلمان الذين ينتقدون خطة ماي`)."""
    return h.token > 0 and sc.norms[h.token - 1] in sc.lex.words("relative")


def _same_kind(state: SpeakerState, h: CueHit, agreement: str | None) -> bool:
    """An earlier cue of the sentence has this cue's subject only if their verbs agree (or
    one does not say): `تعد سرية ...، كما لفت` are two subjects."""
    return _compatible(h.entry.agreement, agreement)


def _pronoun_subject(sc: Scan, hit: CueHit) -> str | None:
    """`لكنه قال`، `غير أنه قال`، `إلا أنها أكدت`: a pronoun on the word before the cue is its
    subject, the topic already speaking -- not a name elsewhere in the sentence. Returns the
    pronoun's agreement (ه m, ها f, هم pl), or None."""
    k = hit.token - 1
    if k < 0 or not sc.doc.tokens[k].is_word or sc.doc.tokens[k].sentence != hit.sentence:
        return None
    n = sc.norms[k]
    for end in PRONOUN_ENDINGS:
        if n.endswith(end) and len(n) > len(end) + 1:
            base = n[: -len(end)]
            base = base[1:] if base[:1] in "وف" and len(base) > 2 else base
            if base in sc.lex.words("conjunction") or base in ("ان", "لكن"):
                return PRONOUN_AGREEMENT.get(end)
    return None


def _previous_sentence_subject(sc: Scan, hit: CueHit, state: SpeakerState) -> str | None:
    """`ونسب رئيس الوزراء أحمد داود أوغلو الهجوم إلى التنظيم. وقال أمام الصحافيين`: with nobody
    heard in this paragraph or the one before, the person the previous sentence of the paragraph
    opens with (a verb, then its subject) is the one who goes on."""
    if hit.sentence == 0:
        return None
    para = sc.paragraph_of(hit.start)
    if any(off < hit.start and sc.paragraph_of(off) >= para - 1 for off, *_ in state.history[-HISTORY_LOOKBACK:]):
        return None
    prev = sc.doc.sentences[hit.sentence - 1]
    if sc.paragraph_of(prev.start) != para:
        return None
    first = sc.token_after(prev.start)
    toks = sc.doc.tokens
    for m_s, m_e, m, e in sc.mentions_in(prev.start, prev.end):
        k = sc.token_after(m_s) - (0 if sc.token_at.get(m_s) is not None else 1)
        if k - first > PREVIOUS_SUBJECT_REACH:
            break
        if e.type == "PER" and m.kind != "demonym" and not _in_phrase(sc, max(k, 0)) and toks[first].is_word:
            return e.id
    return None


PRONOUN_ENDINGS = ("هما", "هم", "هن", "ها", "ه", "نا", "ني")
PRONOUN_AGREEMENT = {"ه": "m", "ها": "f", "هم": "pl", "هما": "pl", "هن": "pl"}
PREVIOUS_SUBJECT_REACH = 5   # tokens from a sentence's start to the subject of its opening verb


def _clause_opening_name(sc: Scan, hit: CueHit) -> str | None:
    """`السعودية تنفي ذلك، وتقول إن`: a name opening a clause of the sentence before the cue --
    not inside a phrase (`وحول غياب سعود كريري`، `في موسكو`). People first, then
    organizations, places."""
    sent = sc.doc.sentences[hit.sentence] if hit.sentence < len(sc.doc.sentences) else None
    if sent is None:
        return None
    toks = sc.doc.tokens
    cands = []
    for m_s, m_e, m, e in sc.mentions_in(sent.start, hit.start):
        if m_e > hit.start or m.kind == "demonym" or sc.span_covering(m_s) is not None:
            continue
        k = sc.token_at.get(m_s)
        if k is None:
            k = sc.token_after(m_s) - 1
        if not 0 <= k < len(toks):
            continue
        if toks[k].prefix.strip("وف") or _in_phrase(sc, k) or (k > 0 and toks[k - 1].text == "("):
            continue   # بلبنان، في موسكو، وحول غياب X: in a phrase; (CNN): an aside, not a subject
        cands.append((TYPE_RANK.get(e.type, 3) > 1, m_s, e.id))
    return min(cands)[2] if cands else None


def _in_phrase(sc: Scan, k: int) -> bool:
    """Token k is inside a prepositional phrase: a preposition stands between it and its
    clause's start (a cue or a conjunction)."""
    toks = sc.doc.tokens
    if _after_preposition(sc, k):
        return True
    j = k - 1
    while j >= 0 and toks[j].sentence == toks[k].sentence and toks[j].is_word:
        n = sc.norms[j]
        if n in sc.lex.words("preposition") or any(f in sc.lex.words("preposition") for f, _ in bare_forms(n)[1:2]):
            return True
        if j in sc.cue_at or _is(sc, j, "conjunction") or _is(sc, j, "auxiliary"):
            return False
        j -= 1
    return False


def _subject_before(sc: Scan, hit: CueHit) -> tuple[str | None, str | None] | None:
    """Subject-first order in the cue's own clause (`لكن الشرطة قالت إن`، `وكانت إيران أكدت`،
    `بيد أن الخبير العسكري الروسي بافل فلغينهاور قال`): a name ending right before the cue (with
    the title before it), else a short definite noun phrase the actors stage did not name;
    conjunctions, complementizers and auxiliaries opening the clause are skipped."""
    toks = sc.doc.tokens
    j = hit.token - 1
    if j > 0 and toks[j].text == ")":   # `وكانت وكالة الأنباء السورية (سانا) ذكرت`
        close = toks[j].start
        while j >= 0 and toks[j].text != "(" and hit.token - j < 8:
            j -= 1
        inside = [e for m_s, m_e, m, e in sc.mentions_in(toks[j].end, close) if e.type in ("ORG", "PER")]
        if inside and j > 0 and toks[j - 1].sentence == hit.sentence and toks[j - 1].is_word:
            return inside[0].id, None   # the name in brackets stands for the subject before it
        j -= 1
    words: list[int] = []
    while j >= 0 and toks[j].sentence == hit.sentence and toks[j].is_word and len(words) < SUBJECT_BEFORE_MAX_WORDS:
        words.append(j)
        j -= 1
    clause_open = not (j >= 0 and toks[j].sentence == hit.sentence and toks[j].is_word)
    words.reverse()
    while words and _is(sc, words[-1], "auxiliary"):
        words.pop()
    if not words:
        return None
    # a name ending right before the cue is its subject when the clause opens before it
    end = toks[words[-1]].end
    found = [(m, e) for m_s, m_e, m, e in sc.mentions_in(toks[words[0]].start, end)
             if m_e == end and m.kind != "demonym" and not _written_on_preposition(sc, m_s)]
    if found:
        m, e = min(found, key=lambda x: _rank(x[0], x[1], x[0].start))
        k = sc.token_after(m.start)
        lead = [w for w in words if w < k]
        while lead and (_is(sc, lead[0], "auxiliary") or _is(sc, lead[0], "conjunction")
                        or _is(sc, lead[0], "complementizer") or sc.norms[lead[0]] in ("بيد", "غير")):
            lead.pop(0)
        if clause_open and not any(_is(sc, w, "preposition") or w in sc.cue_at for w in lead):
            return e.id, None
    comps = [n for n, k in enumerate(words) if sc.norms[k] in sc.lex.words("complementizer")]
    if comps and comps[-1] < len(words) - 1 and not sc.doc.tokens[words[comps[-1]]].suffix:
        # `يُشار إلى أن مصادر عدة أكدت أن`: the cue's clause opens after the complementizer
        words, clause_open = words[comps[-1] + 1:], True
    if not clause_open:
        return None  # the clause goes on further back: not a bare subject before the cue
    while words and (_is(sc, words[0], "auxiliary") or _is(sc, words[0], "conjunction")):
        words.pop(0)
    if not words or len(words) > SUBJECT_BEFORE_WORDS:
        return None
    if any(sc.norms[k] in sc.lex.words("complementizer") for k in words):
        return None  # `إلا أنه استرسل`: a pronoun subject, resolved as implicit
    start, end = toks[words[0]].start, toks[words[-1]].end
    found = [(m, e) for m_s, m_e, m, e in sc.mentions_in(start, end)
             if m_e <= end and m.kind != "demonym" and not _written_on_preposition(sc, m_s)]
    if found:
        return min(found, key=lambda x: _rank(x[0], x[1], x[0].start))[1].id, None
    first = sc.norms[words[0]]
    forms = {f for f, _ in bare_forms(first)}
    if (first.startswith("ال") and len(first) > 3 or forms & sc.lex.unnamed) \
            and first not in sc.lex.words("not_subject") and not toks[words[0]].suffix:
        return None, sc.doc.text[start:end]   # `لكن الشرطة قالت`، `أن مصادر عدة أكدت`
    return None


def _name_right_before(sc: Scan, hit: CueHit) -> bool:
    """A name (not written onto a preposition) ends right before the cue (`لكن تشونغ رأى`)."""
    k = hit.token - 1
    while k >= 0 and not sc.doc.tokens[k].is_word and sc.doc.tokens[k].text != "(" and hit.token - k < 3:
        k -= 1   # `وكانت وكالة الأنباء السورية (سانا) ذكرت`
    if k < 0 or not sc.doc.tokens[k].is_word and sc.doc.tokens[k].text != ")":
        return False
    end = sc.doc.tokens[k].end
    return any(m_e == end and not _written_on_preposition(sc, m_s)
               for m_s, m_e, m, e in sc.mentions_in(max(0, end - 80), end))


def _written_on_preposition(sc: Scan, start: int) -> bool:
    """The name starting at `start` is written onto ب/ل/ك (`يتصل ستيلر بدانيلز يسألها`): a
    complement, not a subject."""
    k = sc.token_after(start) - (0 if start in sc.token_at else 1)
    t = sc.doc.tokens[k] if 0 <= k < len(sc.doc.tokens) else None
    return t is not None and start > t.start and any(c in t.prefix for c in "بلك")


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
