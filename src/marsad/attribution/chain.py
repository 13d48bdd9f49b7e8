"""The chain of transmission (isnad): how the words reached the reader.

- `said_to`: the outlet the words were said to: a `said_to` phrase from `phrases.tsv`
  (`في مقابلة مع صحيفة X`، `في تصريحات لوكالة X`، `على صفحته في X`) or an outlet
  written with ل after the cue (`لوكالة بلومبرغ`، `لـCNN`، `لـ«الشرق الأوسط»`);
- `relayed_by`: who translated or relayed them (`ترجمتها X`، `نقلا عن X`،
  `حسبما أوردت X` anywhere in the sentence);
- a quote with no chain of its own inherits the chain of the same speaker's last
  quote (the same interview), until a new outlet or a setting with no outlet
  (`في بيان`، `في مؤتمر صحفي`) is introduced;
- every chain ends with the article's publisher (`published_by`): the entity that
  names it when the document mentions it, else its name alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..doc import ChainLink, Doc
from ..text.normalize import normalize
from .lexicon import bare_forms
from .scan import CueHit, Scan

OUTLET_REACH = 4  # tokens after a chain phrase where the outlet's name may start


@dataclass
class ChainState:
    by_speaker: dict[tuple[str | None, str | None], list[ChainLink]] = field(default_factory=dict)

    def resolve(self, speaker: str | None, description: str | None, links: list[ChainLink], reset: bool) -> list[ChainLink]:
        key = (speaker, description if speaker is None else None)
        if speaker is None and not description:
            return links
        if links or reset:
            self.by_speaker[key] = list(links)
            return links
        return list(self.by_speaker.get(key, []))


def _outlet_after(sc: Scan, j: int, role: str, stop: int | None = None, persons: bool = True) -> ChainLink | None:
    """The outlet named from token j on (before token `stop` and any complementizer): an
    entity mention, else a quoted name."""
    toks = sc.doc.tokens
    if j >= len(toks):
        return None
    last = min(len(toks) - 1, j + OUTLET_REACH, (stop if stop is not None else len(toks)) - 1)
    comps = sc.lex.words("complementizer")
    for k in range(j, last + 1):
        if sc.norms[k] in comps:
            last = k - 1
            break
    if last < j:
        return None
    limit = toks[last].end
    start = toks[j].start
    best = None
    for m_s, m_e, m, e in sc.mentions_in(start, limit):
        if e.type == "ORG" or e.subtype == "media" or (persons and e.type == "PER"):
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
    toks = sc.doc.tokens
    links: list[ChainLink] = []
    reset = False
    a, b = win if (hit is not None and win is not None) else (0, -1)
    outlets = sc.lex.words("outlet_noun")
    if hit is not None and (hit.relayer is not None or hit.relayer_name):
        links.append(ChainLink("relayed_by", hit.relayer, None if hit.relayer else hit.relayer_name))
    # a phrase opening the cue's sentence (`وفي مقابلة مع CNN، قال`), then phrases in the window
    sent_start = sc.doc.sentences[sent].start if sent < len(sc.doc.sentences) else 0
    j = sc.token_after(sent_start)
    while j < b:
        ph = sc.phrase_at.get(j)
        opens_sentence = j - sc.token_after(sent_start) <= 1
        if ph is not None and (j >= a or opens_sentence and ph.phrase.role in ("said_to", "context")):
            role = ph.phrase.role
            if role in ("said_to", "relayed_by") and not (hit is not None and ph is hit.relay_phrase):
                link = _outlet_after(sc, ph.last + 1, role, b if j >= a else None)
                if link is not None:
                    links.append(link)
            elif role == "context":
                reset = True
            j = ph.last + 1
            continue
        if j >= a and toks[j].is_word:
            n = sc.norms[j]
            if n.startswith("ل") and (n in ("ل", "لـ") or n[1:].lstrip("ـ") in outlets
                                       or any(f in outlets for f, _ in bare_forms(n)[1:])
                                       or _media_starts_in(sc, j)):
                link = _outlet_after(sc, j, "said_to", b, persons=False)
                if link is not None and not any(l.role == "said_to" for l in links):
                    links.append(link)
        j += 1
    # relays named later in the sentence (`، حسبما أوردت وكالة X`)
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
    seen, out = set(), []
    for l in links:
        key = (l.role, l.entity, l.name)
        if key not in seen:
            seen.add(key)
            out.append(l)
    return out, reset


def _media_starts_in(sc: Scan, j: int) -> bool:
    t = sc.doc.tokens[j]
    return any(e.subtype == "media" for _, _, _, e in sc.mentions_in(t.start + 1, t.end))


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
