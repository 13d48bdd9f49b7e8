"""How the writer frames what is reported.

- `loaded_label`: a term from `loaded_labels.tsv` (`دولة الاحتلال`، `النظام السوري`),
  its span without clitics; `refers_to` is the entity with a mention over the label,
  else the state the label names (its `refers_to` country).
- `doubting_attribution` / `pejorative_attribution`: every cue of that stance
  (`زعم`، `بزعم`، `الادعاء`، `متباهيا`), also inside quotation marks, where the
  writer's paraphrase often sits.
- `scare_quote`: a word or two in quote marks that nobody is reported as saying in
  them: a quotation with no cue, nested in a quotation, or inside indirect speech
  with more of the clause after it (`ترحب بـ"دفء" علاقاتها`; a quoted clause ending,
  `أن صور الحدث "مروعة"`, is the speaker's own words); not a name and not the object
  of a describing cue (`وصفها بـ"المزدهرة"`).
- `editorial_voice`: a phrase from `editorial.tsv` outside reported speech, spanning
  to the end of its clause (`يمكن القول إن ...`، `وبدا ترامب كأنه تراجع ...`).
"""
from __future__ import annotations

from ..doc import Framing
from .quotes import QuoteResult
from .lexicon import bare_forms
from .scan import Scan, raw_offset

SCARE_MAX_WORDS = 2
SCARE_ROLES = frozenset({"in_indirect", "orphan", "nested", "cue_fragment"})
CLAUSE_END = frozenset({"،", ",", ".", "؟", "?", "!", "؛", ";", ":"})


def find_framing(sc: Scan, qr: QuoteResult) -> list[Framing]:
    out: list[Framing] = []
    out += _labels(sc)
    out += _attribution_cues(sc, qr)
    out += _scare_quotes(sc, qr)
    out += _editorial(sc, qr)
    out.sort(key=lambda f: (f.start, f.end))
    return out


def _match_words(sc: Scan, i: int, words: tuple[str, ...]) -> tuple[int, int] | None:
    """(chars peeled from token i, last token index) if words match from token i on."""
    toks = sc.doc.tokens
    for form, peeled in bare_forms(sc.norms[i]):
        if form != words[0]:
            continue
        j = i
        ok = True
        for w in words[1:]:
            j += 1
            if j >= len(toks) or sc.norms[j] != w:
                ok = False
                break
        if ok:
            return peeled, j
    return None


def _labels(sc: Scan) -> list[Framing]:
    out = []
    toks = sc.doc.tokens
    for i, t in enumerate(toks):
        if not t.is_word or not sc.lex.word(sc.norms[i]).starts_label:
            continue
        for form, _ in bare_forms(sc.norms[i]):
            cands = sc.lex.labels.get(form)
            if not cands:
                continue
            for lb in cands:
                m = _match_words(sc, i, lb.words)
                if m is None:
                    continue
                peeled, j = m
                start = t.start + raw_offset(t.text, peeled)
                end = toks[j].end
                ref = _referent(sc, start, end, lb.country)
                if ref is None and lb.needs_referent:
                    break
                out.append(Framing("loaded_label", start, end, sc.doc.text[start:end], ref))
                break
            else:
                continue
            break
    # a label inside a longer label (الاحتلال inside دولة الاحتلال) is one label
    out.sort(key=lambda f: (f.start, -f.end))
    kept: list[Framing] = []
    for f in out:
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    return kept


def _referent(sc: Scan, start: int, end: int, country: str | None) -> str | None:
    """The entity under the label, else the state the label names, else the entity it
    qualifies (`ميليشيات الحوثي`، `جماعة الإخوان الإرهابية`)."""
    if country:
        best = None
        for e in sc.doc.entities:
            if e.actor.country == country and e.type == "LOC":
                if best is None or (e.subtype == "country") > (best.subtype == "country"):
                    best = e
        if best is not None:
            return best.id  # `نظام الأسد` names the state, not the man in it
    for m_s, m_e, m, e in sc.mentions_in(start - 2, end):
        if m_s < end and m_e > start:
            return e.id
    if country:
        return None
    k = sc.token_after(end)
    after = sc.doc.tokens[k].start if k < len(sc.doc.tokens) else end
    for m_s, m_e, m, e in sc.mentions_in(after, after + 1):
        if e.type in ("ORG", "PER") and after - end <= 2:
            return e.id  # the second term of a construct: ميليشيات الحوثي
    k = sc.token_after(start)
    if k > 0:
        prev = sc.doc.tokens[k - 1]
        for m_s, m_e, m, e in sc.mentions_in(max(0, prev.start - 60), prev.end + 1):
            if m_e == prev.end and e.type in ("ORG", "PER"):
                return e.id  # an adjective after its noun: تنظيم داعش الإرهابي
    return None


def _attribution_cues(sc: Scan, qr: QuoteResult) -> list[Framing]:
    out = []
    for i, hit in sorted(sc.cue_at.items()):
        kind = {"doubting": "doubting_attribution", "pejorative": "pejorative_attribution"}.get(hit.entry.stance)
        if kind is None:
            continue
        before = sc.cue_at.get(i - 1)
        if hit.entry.form_kind == "extra" and before is not None and before.entry.form_kind != "extra":
            continue  # `وقال الادعاء إن`: the prosecution speaking, not a doubted claim
        if hit.entry.form_kind == "extra" and _prosecution(sc, i):
            continue
        out.append(Framing(kind, hit.start, hit.end, hit.text))
    return out


def _scare_quotes(sc: Scan, qr: QuoteResult) -> list[Framing]:
    out = []
    for span in sc.spans:
        use = qr.span_use.get(span.open)
        if use is None or use.role not in SCARE_ROLES or not span.closed:
            continue
        content = sc.doc.text[span.start:span.end]
        words = content.split()
        if not words or len(words) > SCARE_MAX_WORDS:
            continue
        if use.role == "cue_fragment" and (use.cue is None or len(words) > 1 and use.cue.entry.role != "speech"):
            continue
        if use.role in ("in_indirect", "cue_fragment") and not _clause_goes_on(sc.doc.text, span.close + 1):
            continue  # `أن صور الحدث "مروعة"،`: the speaker's own last words, quoted in part
        s, e = span.start, span.end
        while e > s and sc.doc.text[e - 1] in ".،,:؛ ":
            e -= 1
        if e > s:
            out.append(Framing("scare_quote", s, e, sc.doc.text[s:e]))
    return out


def _editorial(sc: Scan, qr: QuoteResult) -> list[Framing]:
    out = []
    toks = sc.doc.tokens
    claimed = [(q.start, q.end) for q in qr.quotes if q.kind != "fragment"]
    i = 0
    while i < len(toks):
        t = toks[i]
        if not t.is_word or not sc.lex.word(sc.norms[i]).starts_editorial:
            i += 1
            continue
        hit = None
        nxt = sc.norms[i + 1] if i + 1 < len(toks) else ""
        for form, _ in bare_forms(sc.norms[i]):
            for words in sc.lex.editorial.get(form, ()):
                if len(words) > 1 and words[1] != nxt:
                    continue
                m = _match_words(sc, i, words)
                if m is not None:
                    hit = m
                    break
            if hit:
                break
        if hit is None or any(a <= t.start < b for a, b in claimed) or sc.span_covering(t.start) is not None:
            i += 1
            continue
        peeled, j = hit
        start = t.start + raw_offset(t.text, peeled if sc.norms[i][:1] in "وف" and peeled == 1 else 0)
        k = j + 1
        while k < len(toks) and toks[k].sentence == t.sentence and toks[k].text not in CLAUSE_END:
            k += 1
        end = toks[k - 1].end
        out.append(Framing("editorial_voice", start, end, sc.doc.text[start:end]))
        i = k
    return out


def _clause_goes_on(text: str, i: int) -> bool:
    """More words of the same clause follow offset i (no punctuation or line end first)."""
    while i < len(text) and text[i] in " \t":
        i += 1
    return i < len(text) and (text[i].isalnum() or "\u0600" <= text[i] <= "\u06ff") and text[i] not in "،؛؟"


def _prosecution(sc: Scan, i: int) -> bool:
    """`ممثلي الادعاء`، `الادعاء العام`، `الادعاء الأمريكي`: the prosecution, not a claim."""
    if not sc.norms[i].lstrip("وف").startswith("ال"):
        return False
    if i > 0 and sc.norms[i - 1] in sc.lex.words("institution_noun"):
        return True
    nxt = sc.norms[i + 1] if i + 1 < len(sc.norms) else ""
    return nxt == "العام" or (nxt.startswith("ال") and (nxt.endswith("ي") or nxt.endswith("يه")))
