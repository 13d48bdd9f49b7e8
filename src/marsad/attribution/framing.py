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
from ..text.normalize import normalize
from .quotes import QuoteResult
from .lexicon import bare_forms
from .scan import Scan, raw_offset

SCARE_MAX_WORDS = 2
CLAUSE_END = frozenset({"،", ",", ".", "؟", "?", "!", "؛", ";", ":"})
WHAT = frozenset({"ما", "مما", "لما", "بما", "وما"})   # `ما وصفه`: what someone called it
NAMING_LEMMAS = frozenset({"وصف", "نعت"})               # not `ما يعد جزءا`: what counts as
QUOTE_CLOSERS = frozenset({'"', "»", "”", "“"})


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
    """Loaded labels from `loaded_labels.tsv`: a `name` label wherever it stands; a `beside`
    label (`الإرهابي`، `المتطرف`) only next to the actor it labels, its span taking in that
    actor's name (`داعش المتطرف`, `«داعش» الارهابي`); a `before` label (`ما يسمى`) only with an
    actor after it. Labels that overlap are one marker (`جيش النظام` + `النظام السوري`)."""
    out = []
    toks = sc.doc.tokens
    for i in sc.starts["starts_label"]:
        t = toks[i]
        if not t.is_word:
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
                if lb.kind == "before":
                    ref = _actor_after(sc, end)
                    if ref is None:
                        break
                elif lb.kind == "beside":
                    named = _name_before(sc, i)
                    ref = named[0] if named else _referent(sc, start, end, lb.country)
                    if ref is None:
                        break
                    if named:
                        start = named[1]   # the label takes in the name it qualifies
                else:
                    ref = _referent(sc, start, end, lb.country)
                out.append(Framing("loaded_label", start, end, sc.doc.text[start:end], ref, lb.stance))
                break
            else:
                continue
            break
    out.sort(key=lambda f: (f.start, -f.end))
    kept: list[Framing] = []
    for f in out:
        if kept and f.start < kept[-1].end:
            last = kept[-1]
            if f.end > last.end:   # overlapping labels are one marker spanning both
                kept[-1] = Framing("loaded_label", last.start, f.end, sc.doc.text[last.start:f.end],
                                   last.refers_to or f.refers_to, last.stance)
            continue
        kept.append(f)
    return kept


def _name_before(sc: Scan, i: int) -> tuple[str | None, int] | None:
    """(entity id or None, start offset) of the name right before token i: an organization's or
    person's mention, or a name in quotation marks (`تنظيم «داعش»`، `“حركة الشباب”`)."""
    toks = sc.doc.tokens
    k = i - 1
    while k >= 0 and toks[k].text in QUOTE_CLOSERS:
        k -= 1
    if k < 0 or toks[k].sentence != toks[i].sentence:
        return None
    prev = toks[k]
    for m_s, m_e, m, e in sc.mentions_in(max(0, prev.start - 60), prev.end + 1):
        if m_e == prev.end and e.type in ("ORG", "PER"):
            return e.id, m_s
    if k < i - 1:   # a quoted name with no entity: the quotation itself
        span = sc.span_covering(prev.start)
        if span is not None and sc.is_name_span(span):
            inside = [e for _, _, _, e in sc.mentions_in(span.start, span.end)]
            return (inside[0].id if inside else None), span.start
    return None


def _actor_after(sc: Scan, end: int) -> str | None:
    """An organization or person named within two tokens after the offset (`ما تسمى حزب الله`)."""
    k = sc.token_after(end)
    toks = sc.doc.tokens
    for j in range(k, min(len(toks), k + 2)):
        for m_s, m_e, m, e in sc.mentions_in(toks[j].start, toks[j].end + 1):
            if e.type in ("ORG", "PER") and m.kind != "demonym":
                return e.id
    return None


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
    """Every doubting or pejorative cue (`زعم`، `بزعم`، `المزعومة`، `بذريعة`، `متباهيا`); and
    `ما` before a describing verb (`لما وصفته بجيل جديد`، `مما أسماه`): what someone called it,
    the writer's distance from the name."""
    out = []
    for i, hit in sorted(sc.cue_at.items()):
        kind = {"doubting": "doubting_attribution", "pejorative": "pejorative_attribution"}.get(hit.entry.stance)
        if kind is None and hit.entry.lemma in NAMING_LEMMAS and i > 0 and sc.norms[i - 1] in WHAT:
            prev = sc.doc.tokens[i - 1]
            start = prev.end - 2   # `لما وصفته`: the span opens at ما, not its clitic
            out.append(Framing("doubting_attribution", start, hit.end, sc.doc.text[start:hit.end], stance="doubting"))
            continue
        if kind is None:
            continue
        before = sc.cue_at.get(i - 1)
        if hit.entry.form_kind == "extra" and before is not None and before.entry.form_kind != "extra":
            continue  # `وقال الادعاء إن`: the prosecution speaking, not a doubted claim
        if hit.entry.form_kind == "extra" and _prosecution(sc, i):
            continue
        out.append(Framing(kind, hit.start, hit.end, hit.text, stance=hit.entry.stance))
    return out


def _scare_quotes(sc: Scan, qr: QuoteResult) -> list[Framing]:
    """Words in marks the writer keeps at a distance (see the module docstring)."""
    out = []
    for span in sc.spans:
        use = qr.span_use.get(span.open)
        if use is None or not span.closed:
            continue
        content = sc.doc.text[span.start:span.end]
        words = content.split()
        if not words or len(words) > SCARE_MAX_WORDS:
            continue
        if not _is_scare_quote(sc, span, use, content):
            continue
        s, e = span.start, span.end
        while e > s and sc.doc.text[e - 1] in ".،,:؛ ":
            e -= 1
        if e > s:
            out.append(Framing("scare_quote", s, e, sc.doc.text[s:e], stance="distancing"))
    return out


def _is_scare_quote(sc: Scan, span, use, content: str) -> bool:
    """The scare-quote rules, in order: a term the press keeps at a distance in its own voice
    (`scare_terms.tsv`: an armed group's self-name, a contested term) is one wherever it stands;
    otherwise only a word in marks in the writer's own sentence whose clause goes on after it
    (`تركيا «الحائرة» بين`) -- not a name, a nationality, or a word someone is reported saying
    (inside reported speech, after a cue, in a quotation: the speaker's own word)."""
    key = normalize(content).strip()
    if key in sc.lex.scare_terms:
        return True
    if use.role != "orphan" or use.cue is not None:
        return False
    if not _clause_goes_on(sc.doc.text, span.close + 1):
        return False   # `ستكون "مفصلية".`: a last word in marks, not a distance kept mid-sentence
    if _nationality_word(sc, key) or any("A" <= c <= "z" for c in content) or key in sc.lex.quoted_names:
        return False   # `مدربا النصر "الأرجوياني"`، `"MBC"`، `"الشياطين الحمر"`: an identification, a name
    return not any(e.type in ("ORG", "PER") or m.kind != "demonym"
                   for _, _, m, e in sc.mentions_in(span.start, span.end))


def _nationality_word(sc: Scan, key: str) -> bool:
    """A nationality adjective (الأرجوياني، اليوناني): a demonym in the knowledge base."""
    kb = sc.kb
    return kb is not None and any(kind == "demonym" for _, kind in kb.alias_index().get(key, ()))


# Editorial formulas the writer inserts even into reported speech it paraphrases (`طلبت أن
# تثبت أنه غادر - رغم عدم تقديم أدلة على الادعاء`): outside quotation marks they are the
# writer's, wherever they stand. The other kinds count only outside reported speech.
WRITER_EVEN_IN_PARAPHRASE = frozenset({"unsupported_claim", "hedge"})


def _editorial(sc: Scan, qr: QuoteResult) -> list[Framing]:
    """Formulas of `editorial.tsv` outside reported speech, each spanning to the end of its
    clause (`يمكن القول إن ...`، `ومن المتوقع أن ...`، `على ما يبدو`)."""
    out = []
    toks = sc.doc.tokens
    claimed = [(q.start, q.end) for q in qr.quotes if q.kind != "fragment"]
    done = 0   # tokens before this one are inside a marker already found
    for i in sc.starts["starts_editorial"]:
        t = toks[i]
        if i < done or not t.is_word:
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
        if hit is None or sc.span_covering(t.start) is not None:
            continue
        peeled, j = hit
        kind = _editorial_kind(sc, i, j)
        if kind not in WRITER_EVEN_IN_PARAPHRASE and any(a <= t.start < b for a, b in claimed):
            continue
        start = t.start + raw_offset(t.text, peeled if sc.norms[i][:1] in "وف" and peeled == 1 else 0)
        k = j + 1
        while k < len(toks) and toks[k].sentence == t.sentence and toks[k].text not in CLAUSE_END:
            k += 1
        out.append(Framing("editorial_voice", start, toks[k - 1].end, sc.doc.text[start:toks[k - 1].end]))
        done = k
    return out


def _editorial_kind(sc: Scan, i: int, j: int) -> str | None:
    """The kind of the formula matched on tokens i..j (the first word with or without its clitic)."""
    rest = tuple(sc.norms[k] for k in range(i + 1, j + 1))
    for form, _ in bare_forms(sc.norms[i]):
        kind = sc.lex.editorial_kind.get((form,) + rest)
        if kind is not None:
            return kind
    return None


def _clause_goes_on(text: str, i: int) -> bool:
    """More words of the same clause follow offset i (no punctuation or line end first)."""
    while i < len(text) and text[i] in " \t":
        i += 1
    return i < len(text) and (text[i].isalnum() or "\u0600" <= text[i] <= "\u06ff") and text[i] not in "،؛؟"


def _prosecution(sc: Scan, i: int) -> bool:
    """`ممثلي الادعاء`، `الادعاء العام`، `الادعاء الأمريكي`: the prosecution, not a claim."""
    if not sc.norms[i].lstrip("وف").startswith("ال"):
        return False
    if i > 0 and {f for f, _ in bare_forms(sc.norms[i - 1])} & sc.lex.words("institution_noun"):
        return True   # ممثلو الادعاء، لهيئة الادعاء
    nxt = sc.norms[i + 1] if i + 1 < len(sc.norms) else ""
    return nxt == "العام" or (nxt.startswith("ال") and (nxt.endswith("ي") or nxt.endswith("يه")))
