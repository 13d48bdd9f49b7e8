"""The chain of transmission (isnad): how the words reached the reader.

- `said_to`: the outlet the words were said to or published in: a `said_to` phrase from
  `phrases.tsv` (`في مقابلة مع صحيفة X`، `في تصريحات لوكالة X`، `على صفحته في X`، `بثه التلفزيون`)
  anywhere in the cue's sentence before the reported words, or an outlet written with ل after the
  cue (`لوكالة بلومبرغ`، `لـCNN`، `لـ«الشرق الأوسط»`);
- `relayed_by`: who translated or relayed them: a relay cue's subject (`نقلت وكالة X عن`، also
  when it relays a statement whose speaker a later cue names: `ونقلت صحيفة "الأهرام" تصريح الملا
  الذي قال إن`), or a `relayed_by` phrase (`ترجمتها X`، `نقلا عن X`، `حسبما أوردت X`) after the
  words in their sentence or heading the next sentence of the paragraph (`... . كما نقلت «رويترز»`);
- a quote with no chain of its own inherits the chain its speaker had last (the same interview),
  until a new outlet or a setting with no outlet (`في بيان`، `في مؤتمر صحفي`) is named; an
  interview named beside a speaker with no quote of its own (`وعبر هاموند في مقابلة خاصة مع
  "العربية"`) sets it too, and a lead paragraph's quote takes the interview its speaker gives later;
- every chain ends with the article's publisher (`published_by`): the entity that names it when
  the document mentions it, else its name alone.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..doc import ChainLink, Doc
from ..text.normalize import normalize
from .lexicon import bare_forms
from .scan import CueHit, Scan

OUTLET_REACH = 4  # tokens after a chain phrase where the outlet's name may start
INTERVIEWEE_GAP = 2  # tokens between a speaker's name and the interview phrase after it (هاموند في مقابلة)


@dataclass
class ChainState:
    """The chain each speaker's words had, by offset: a quote with no chain of its own takes the
    one its speaker had last before it."""
    by_speaker: dict[tuple[str | None, str | None], list[tuple[int, list[ChainLink]]]] = field(default_factory=dict)

    @staticmethod
    def key(speaker: str | None, description: str | None) -> tuple[str | None, str | None] | None:
        """An entity, or an unnamed source by its head noun (`مصدر مقرب من التحقيق` ... `المصدر`)."""
        if speaker is None and not description:
            return None
        if speaker is not None:
            return speaker, None
        head = normalize(description.split()[0])
        return None, head[2:] if head.startswith("ال") and len(head) > 4 else head

    def record(self, speaker: str | None, description: str | None, offset: int, links: list[ChainLink]) -> None:
        key = self.key(speaker, description)
        if key is not None:
            events = self.by_speaker.setdefault(key, [])
            k = bisect_right([o for o, _ in events], offset)
            events.insert(k, (offset, list(links)))

    def last(self, speaker: str | None, description: str | None, offset: int) -> list[ChainLink] | None:
        events = self.by_speaker.get(self.key(speaker, description) or ("", ""), [])
        k = bisect_right([o for o, _ in events], offset) - 1
        return list(events[k][1]) if k >= 0 else None

    def resolve(self, speaker: str | None, description: str | None, links: list[ChainLink], reset: bool,
                offset: int) -> list[ChainLink]:
        if self.key(speaker, description) is None:
            return links
        if links or reset:
            self.record(speaker, description, offset, links)
            return links
        return self.last(speaker, description, offset) or []


def _outlet_after(sc: Scan, j: int, role: str, stop: int | None = None) -> ChainLink | None:
    """The outlet named from token j on (before token `stop` and any complementizer): an
    organization's mention (a media one first), else a quoted name."""
    toks = sc.doc.tokens
    if j >= len(toks):
        return None
    last = min(len(toks) - 1, j + OUTLET_REACH, (stop if stop is not None else len(toks)) - 1)
    comps = sc.lex.words("complementizer")
    for k in range(j, last + 1):
        if sc.norms[k] in comps or toks[k].sentence != toks[j].sentence:
            last = k - 1
            break
    if last < j:
        return None
    limit = toks[last].end
    start = toks[j].start
    best = None
    for m_s, m_e, m, e in sc.mentions_in(start, limit):
        if e.type == "ORG":
            if best is None or (e.subtype == "media") > (best[1].subtype == "media"):
                best = (m, e)
            if e.subtype == "media":
                break
    if best is not None:
        return ChainLink(role, best[1].id)
    for k in range(j, last + 1):
        span = sc.span_by_open.get(toks[k].start)
        if span is not None and sc.is_name_span(span):
            return ChainLink(role, None, sc.doc.text[span.start:span.end])
    return None


def chain_links(sc: Scan, hit: CueHit | None, win: tuple[int, int] | None, sent: int, quote_end: int) -> tuple[list[ChainLink], bool]:
    """Links found around one quote, and whether a setting with no outlet was named."""
    links: list[ChainLink] = []
    reset = False
    if hit is not None and (hit.relayer is not None or hit.relayer_name):
        links.append(ChainLink("relayed_by", hit.relayer, None if hit.relayer else hit.relayer_name))
    if hit is not None and win is not None:
        window_links, reset = _links_before_words(sc, hit, win, sent)
        links += window_links
        relay = _relay_before(sc, hit)
        if relay is not None:
            links.append(relay)
    links += _relays_after(sc, quote_end, sent)
    seen, out = set(), []
    for l in links:
        key = (l.role, l.entity, l.name)
        if key not in seen:
            seen.add(key)
            out.append(l)
    return out, reset


def _links_before_words(sc: Scan, hit: CueHit, win: tuple[int, int], sent: int) -> tuple[list[ChainLink], bool]:
    """Chain phrases from the sentence start up to the reported words (`وفي مقابلة تلفزيونية
    على قناة "فرنسا 24" قال`، `قال في حديث لوكالة X إن`), and an outlet written with ل in the
    cue's window (`قال لـCNN`). A phrase before the cue belongs to it unless another cue stands
    between them."""
    toks = sc.doc.tokens
    a, b = win
    links: list[ChainLink] = []
    before: list[ChainLink] = []
    reset = False
    outlets = sc.lex.words("outlet_noun")
    sent_start = sc.doc.sentences[sent].start if sent < len(sc.doc.sentences) else 0
    j = sc.token_after(sent_start)
    while j < b:
        ph = sc.phrase_at.get(j)
        if ph is not None and (j >= a or _heads_clause(sc, j) and not _cue_between(sc, ph.last, hit.token)):
            role = ph.phrase.role
            if role in ("said_to", "relayed_by") and ph is not hit.relay_phrase:
                link = _outlet_after(sc, ph.last + 1, role, b if j >= a else hit.token)
                if link is not None:
                    (links if j >= a else before).append(link)
            elif role == "context":
                reset = True
            j = ph.last + 1
            continue
        if j >= a and toks[j].is_word:
            n = sc.norms[j]
            if n.startswith("ل") and (n in ("ل", "لـ") or n[1:].lstrip("ـ") in outlets
                                       or any(f in outlets for f, _ in bare_forms(n)[1:])
                                       or _media_starts_in(sc, j)):
                link = _outlet_after(sc, j, "said_to", b)
                if link is not None and not any(l.role == "said_to" for l in links):
                    links.append(link)
        j += 1
    # what the cue's own window names wins over a phrase heading the sentence
    return (links or before), reset


def _cue_between(sc: Scan, first: int, last: int) -> bool:
    return any(k in sc.cue_at for k in range(first + 1, last))


def _heads_clause(sc: Scan, j: int) -> bool:
    """The phrase at token j opens its clause (`وفي مقابلة ...`، `، في حديث ...`), rather than
    qualifying a noun before it (`دعوة المالكي عبر قناة «آفاق»`)."""
    toks = sc.doc.tokens
    if j == 0 or toks[j - 1].sentence != toks[j].sentence or toks[j].prefix[:1] in ("و", "ف"):
        return True
    return not toks[j - 1].is_word


def _relay_before(sc: Scan, hit: CueHit) -> ChainLink | None:
    """`ونقلت صحيفة "الأهرام" الحكومية تصريح الملا الذي قال إن`: a relay cue earlier in the
    sentence, whose object holds this cue, relayed its words."""
    toks = sc.doc.tokens
    for k in range(hit.token - 1, -1, -1):
        if toks[k].sentence != hit.sentence:
            return None
        other = sc.cue_at.get(k)
        if other is None:
            continue
        if other.entry.role == "relay" and other.relay_object and (other.relayer or other.relayer_name):
            return ChainLink("relayed_by", other.relayer, None if other.relayer else other.relayer_name)
        return None
    return None


def _relays_after(sc: Scan, quote_end: int, sent: int) -> list[ChainLink]:
    """`، حسبما أوردت وكالة X` later in the sentence, or `كما نقلت «رويترز».` heading the next
    sentence of the paragraph."""
    toks = sc.doc.tokens
    links: list[ChainLink] = []
    end = sc.doc.sentences[sent].end if sent < len(sc.doc.sentences) else len(sc.doc.text)
    j = sc.token_after(quote_end)
    while j < len(toks) and toks[j].start < end:
        ph = sc.phrase_at.get(j)
        if ph is not None and ph.phrase.role == "relayed_by":
            link = _outlet_after(sc, ph.last + 1, "relayed_by")
            if link is not None:
                links.append(link)
            j = ph.last + 1
            continue
        j += 1
    if j < len(toks) and toks[j].sentence == sent + 1 and toks[j].start <= sc.para_end[j - 1 if j else 0]:
        for k in (j, j + 1):   # the phrase may follow a conjunction (و كما نقلت)
            ph = sc.phrase_at.get(k)
            if ph is not None and ph.phrase.role == "relayed_by":
                link = _outlet_after(sc, ph.last + 1, "relayed_by")
                if link is not None:
                    links.append(link)
                break
    return links


def _media_starts_in(sc: Scan, j: int) -> bool:
    t = sc.doc.tokens[j]
    return any(e.subtype == "media" for _, _, _, e in sc.mentions_in(t.start + 1, t.end))


def interviews_beside_speakers(sc: Scan, state: ChainState) -> None:
    """`وعبر هاموند في مقابلة خاصة مع "العربية" ...`: an interview phrase right after a person's
    or organization's name sets the chain of that speaker's later quotes."""
    toks = sc.doc.tokens
    for p in sorted(sc.phrase_at):
        ph = sc.phrase_at[p]
        if ph.phrase.role != "said_to":
            continue
        link = _outlet_after(sc, ph.last + 1, "said_to")
        if link is None or link.entity is None:
            continue
        k = p - 1
        while k >= 0 and p - k <= INTERVIEWEE_GAP and toks[k].sentence == toks[p].sentence and not toks[k].is_word:
            k -= 1
        if k < 0 or toks[k].sentence != toks[p].sentence:
            continue
        for m_s, m_e, m, e in sc.mentions_in(max(0, toks[k].start - 60), toks[k].end):
            if m_e == toks[k].end and e.type in ("PER", "ORG") and e.subtype != "media" and m.kind != "demonym":
                state.record(e.id, None, toks[p].start, [link])
                break


def lead_takes_later_interview(quotes, lead_end: int) -> None:
    """A quote in the lead paragraph with no chain takes the interview its speaker gives later
    in the article (the lead sums the interview up)."""
    later: dict[str, list[ChainLink]] = {}
    for q in quotes:
        if q.start > lead_end and q.speaker and q.speaker not in later:
            own = [c for c in q.chain if c.role == "said_to"]
            if own:
                later[q.speaker] = own
    for q in quotes:
        if q.start <= lead_end and q.speaker in later and not any(c.role in ("said_to", "relayed_by") for c in q.chain):
            q.chain[:0] = [ChainLink(c.role, c.entity, c.name) for c in later[q.speaker]]


def publisher_link(doc: Doc) -> ChainLink | None:
    """`published_by` for the article's publisher (meta.publisher), if it is known."""
    name = (doc.meta.publisher or "").strip()
    if not name:
        return None
    key = normalize(name).replace(" ", "")
    for e in doc.entities:
        forms = {normalize(e.name), normalize(e.name_en or "")} | {normalize(m.text) for m in e.mentions}
        if key in {f.replace(" ", "") for f in forms if f}:
            return ChainLink("published_by", e.id)
    return ChainLink("published_by", None, name)
