"""Open-class names the knowledge base and the tagger do not read: Latin-script names and acronyms.

`OpenClassReader(kb, lexicon)(found, doc, view)` adds, in order (`RULES`):

- `latin_names`: a run of Latin-script words in Arabic text is a name (`شبكة CNN`, `لـCNN`, `معهد
  TsNIIMash`): glued to a proclitic it starts at its first Latin letter. The knowledge base links it by
  an entry's English name or that name's initials (`AP` for Associated Press); else the word before it
  says what it is (an outlet or organization cue, a place cue, a title), else it is an organization.
- `quoted_outlet_names`: a short quoted name after an outlet word (`شبكة "السويداء 24"`) is a media outlet.
- `spelled_acronyms`: letters spelled out in Arabic (`سي جي تي أن`, `إن بي سي`) form one name; a known
  name that covers only some of them (`سي جي تي`) grows to all of them.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..doc import Doc, Token
from ..text.normalize import NormalizedView, normalize
from .found import Found
from .rules import ActorLexicon
from .spans import SpanIndex

ANY_LATIN = re.compile(r"[A-Za-z]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.&'’-][A-Za-z0-9]+)*\.?")
# A longer run of Latin words is a quoted title or sentence, not a name.
MAX_LATIN_WORDS = 5
# A run of two spelled letters (سي دي: a compact disc) is a name only after an outlet or organization cue.
MIN_SPELLED_LETTERS = 2
MAX_LETTER_CHARS = 7   # the longest letter name (دبليو) with a proclitic and diacritics


@dataclass(frozen=True)
class LatinIndex:
    """English names of KB entries (lower-cased) and their initials -> entry ids."""
    names: dict[str, str]
    initials: dict[str, str]

    @classmethod
    def of(cls, kb) -> "LatinIndex":
        names: dict[str, str] = {}
        initials: dict[str, set[str]] = {}
        for e in kb.entries.values():
            if not e.name_en:
                continue
            names.setdefault(e.name_en.lower(), e.id)
            words = [w for w in re.split(r"[\s-]+", e.name_en) if w[:1].isupper()]
            if len(words) >= 2:
                initials.setdefault("".join(w[0] for w in words).lower(), set()).add(e.id)
        return cls(names, {k: next(iter(v)) for k, v in initials.items() if len(v) == 1})

    def get(self, surface: str) -> str | None:
        key = surface.lower().replace(".", "") if surface.replace(".", "").isupper() else surface.lower()
        return self.names.get(surface.lower()) or self.names.get(key) or self.initials.get(key)


@dataclass
class OpenClassContext:
    found: list[Found]
    doc: Doc
    view: NormalizedView
    kb: object
    lexicon: ActorLexicon
    latin: LatinIndex
    covered: bytearray
    function_words: frozenset[str] = frozenset()

    def add(self, start: int, end: int, type_: str, source: str = "rule") -> Found:
        f = Found(start, end, source, normalize(self.doc.text[start:end]), kind="name", type=type_,
                  wstart=self.view.to_view(start), vstart=self.view.to_view(start), vend=self.view.to_view(end))
        self.found.append(f)
        self.covered[start:end] = b"\x01" * (end - start)
        return f


def _cue_type(ctx: OpenClassContext, start: int) -> tuple[str, str | None] | None:
    """What the word before a name announces: an outlet, an organization, a place or a person (title)."""
    before = ctx.doc.text[max(0, start - 40):start].replace("ـ", " ").split()
    if not before:
        return None
    w = normalize(before[-1]).strip("\"'()")
    lex = ctx.lexicon
    for form in (w, w[1:], w[2:]):
        if form in lex.outlet_cues:
            return "ORG", "media"
        if form in lex.org_cues:
            return "ORG", None
        if form in lex.place_cues:
            return "LOC", None
        if form in lex.titles:
            return "PER", "person"
    return None


def latin_names(ctx: OpenClassContext) -> None:
    """`وقال مسؤول لـCNN`، `بحسب شبكة CNN`، `معهد TsNIIMash الروسي`: Latin-script names are entities."""
    text = ctx.doc.text
    if not ANY_LATIN.search(text):
        return
    tokens = ctx.doc.tokens
    k = 0
    while k < len(tokens):
        t = tokens[k]
        m = LATIN_WORD.search(t.text) if t.text.isascii() or ANY_LATIN.search(t.text) else None
        if m is None or not t.is_word or not any(c.isupper() for c in m.group()) or _in_address(text, t):
            k += 1
            continue
        start = t.start + m.start()
        first = last = k
        while last + 1 < len(tokens) and last + 1 - k < MAX_LATIN_WORDS + 1:
            u = tokens[last + 1]
            gap = text[tokens[last].end:u.start]
            if gap.strip(" .-&") or u.sentence != t.sentence:
                break
            if not (LATIN_WORD.fullmatch(u.text) or (u.text in ".-&" and last + 2 < len(tokens)
                                                      and LATIN_WORD.fullmatch(tokens[last + 2].text))):
                break
            last += 1
        while last > k and not tokens[last].text[-1:].isalnum():
            last -= 1
        end = tokens[last].end
        k = last + 1
        if last - first + 1 > MAX_LATIN_WORDS or any(ctx.covered[start:end]) or _after_number(text, tokens, first - 1):
            continue
        surface = text[start:end]
        if len(surface) < 2 or not _capitalized(surface):
            continue
        kb_id = ctx.latin.get(surface)
        entry = ctx.kb.get(kb_id) if kb_id else None
        if entry is not None:
            f = ctx.add(start, end, entry.type, "kb")
            f.kb_id, f.subtype, f.country, f.role, f.refers = entry.id, entry.subtype, entry.country, entry.role, "kb:" + entry.id
            continue
        cue = _cue_type(ctx, t.start)
        typ, subtype = cue if cue else ("ORG", None)
        f = ctx.add(start, end, typ)
        f.subtype = subtype
        f.refers = f"{typ.lower()}:{surface.lower()}"


# Lower-case words that may stand between the capitalized words of a name (News of the World, Grêmio de Porto).
NAME_LINKS = frozenset({"of", "the", "de", "del", "della", "di", "da", "du", "la", "le", "el", "al", "and", "for", "von", "van"})


def _capitalized(surface: str) -> bool:
    """Every word of a Latin name is capitalized or a linking word (`Nwe moon` is no name)."""
    words = [w for w in surface.replace("-", " ").replace(".", " ").split() if w]
    return bool(words) and words[0][:1].isupper() and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in NAME_LINKS
                                                          for w in words)


def _in_address(text: str, t: Token) -> bool:
    """Part of a web or e-mail address, or a hashtag."""
    around = text[max(0, t.start - 1):t.end + 4]
    return "@" in around or "/" in around or "#" in around or ".com" in around.lower() or t.text.lower().startswith("www")


def _after_number(text: str, tokens: list[Token], k: int) -> bool:
    """`5 GB`, `100 km`: a unit after a number."""
    return 0 <= k < len(tokens) and tokens[k].text[:1].isdigit()


def spelled_acronyms(ctx: OpenClassContext) -> None:
    """`شبكة سي جي تي أن`، `قناة إن بي سي`: letter names spelled out in Arabic form one name; a known name
    covering only some of the letters grows to all of them."""
    text = ctx.doc.text
    if not _letter_pair(ctx):
        return
    tokens = ctx.doc.tokens
    k = 0
    while k < len(tokens):
        if not _letter(tokens[k], ctx.lexicon.letter_names):
            k += 1
            continue
        last = k
        while last + 1 < len(tokens) and _letter(tokens[last + 1], ctx.lexicon.letter_names) and tokens[last + 1].sentence == tokens[k].sentence \
                and not text[tokens[last].end:tokens[last + 1].start].strip(" ."):
            last += 1
        run = tokens[k:last + 1]
        k = last + 1
        words = [normalize(t.stem if t is run[0] else t.text) for t in run]
        cue = _cue_type(ctx, run[0].start)
        if len(run) < MIN_SPELLED_LETTERS or all(w in ctx.function_words for w in words) \
                or (len(run) == MIN_SPELLED_LETTERS and not (cue and cue[0] == "ORG")):
            continue
        start, end = run[0].stem_start, run[-1].end
        inside = [f for f in ctx.found if not f.drop and f.start < end and f.end > start]
        if any(f.start < start or f.end > end for f in inside):
            continue   # part of a longer known name
        known = [f for f in inside if f.kind == "name" and f.type]
        if len(known) == 1 and (known[0].start, known[0].end) != (start, end):
            f = known[0]   # سي جي تي أن, where the KB knows سي جي تي
            f.start, f.end = start, end
            f.wstart = f.vstart = ctx.view.to_view(start)
            f.vend = ctx.view.to_view(end)
            ctx.covered[start:end] = b"\x01" * (end - start)
            continue
        if inside:
            continue
        typ = cue[0] if cue and cue[0] != "PER" else "ORG"
        f = ctx.add(start, end, typ)
        f.subtype = cue[1] if cue else None
        f.refers = f"{typ.lower()}:" + normalize(text[start:end])


_PAIRS: dict[frozenset[str], re.Pattern] = {}


def _letter_pair(ctx: OpenClassContext) -> bool:
    """Does the article have two letter names in a row anywhere (one scan of the normalized view)?"""
    letters = ctx.lexicon.letter_names
    rx = _PAIRS.get(letters)
    if rx is None:
        alt = "|".join(sorted(map(re.escape, letters), key=len, reverse=True))
        rx = _PAIRS[letters] = re.compile(rf"(?<![^\W\d_])[وبل]?(?:{alt})[ .]+(?:{alt})(?![^\W\d_])")
    return rx.search(ctx.view.text) is not None


def _letter(t: Token, letters: frozenset[str]) -> bool:
    return t.is_word and len(t.text) <= MAX_LETTER_CHARS and (normalize(t.text) in letters or (t.prefix in ("و", "ل", "ب") and normalize(t.stem) in letters))


# `شبكة "السويداء 24"`، `موقع «ميدل إيست آي»`: an outlet's name in quotes after an outlet word
QUOTED_NAME = re.compile(r"[\"«“]([^\"«»“”\n.،,:؛!?؟]{2,40})[\"»”]")
MAX_QUOTED_NAME_WORDS = 4


def quoted_outlet_names(ctx: OpenClassContext) -> None:
    """`وفق ما أعلن المرصد السوري وشبكة "السويداء 24" المحلية للأنباء`: a short quoted name right after an
    outlet word (صحيفة، شبكة، موقع, `data/actors/outlet_cues.txt`) is a media outlet the KB lacks; a known place
    inside its name gives its state."""
    text = ctx.doc.text
    live = None
    for m in QUOTED_NAME.finditer(text):
        start, end = m.start(1), m.end(1)
        inner = m.group(1).strip()
        if inner != m.group(1) or not 1 <= len(inner.split()) <= MAX_QUOTED_NAME_WORDS:
            continue
        if all(normalize(w) in ctx.function_words for w in inner.split()):
            continue
        before = text[max(0, m.start() - 30):m.start()].replace("ـ", " ").split()
        if not before or normalize(before[-1]).strip("\"'()") not in _outlet_cue_forms(ctx.lexicon.outlet_cues):
            continue
        if live is None:
            live = SpanIndex([f for f in ctx.found if not f.drop])
        inside = live.overlapping(start, end)
        if any(f.start < start or f.end > end or f.type != "LOC" or not f.country for f in inside):
            continue   # a name read already (the KB's outlet, a person) is left as it is
        for g in inside:
            g.drop = True   # the place names the outlet here, it is no mention of the place
        f = ctx.add(start, end, "ORG")
        f.subtype, f.role = "media", "MED"
        f.country = inside[0].country if inside else None
        f.refers = "org:" + normalize(inner)


def _outlet_cue_forms(cues: frozenset[str]) -> frozenset[str]:
    """The outlet words with the article and the proclitics they take (وشبكة، لصحيفة، والموقع، للصحيفة)."""
    forms = _CUE_FORMS.get(cues)
    if forms is None:
        base = set(cues) | {"ال" + c for c in cues if not c.startswith("ال")}
        forms = _CUE_FORMS[cues] = frozenset(base | {p + c for c in base for p in ("و", "ف", "ب", "ل", "وب", "ول")}
                                             | {"لل" + c for c in cues} | {"ولل" + c for c in cues})
    return forms


_CUE_FORMS: dict[frozenset[str], frozenset[str]] = {}


Rule = Callable[[OpenClassContext], None]
RULES: tuple[Rule, ...] = (latin_names, spelled_acronyms, quoted_outlet_names)


class OpenClassReader:
    def __init__(self, kb, lexicon: ActorLexicon, function_words: frozenset[str] = frozenset()):
        self.kb, self.lexicon, self.function_words = kb, lexicon, function_words
        self.latin = LatinIndex.of(kb)

    def __call__(self, found: list[Found], doc: Doc, view: NormalizedView) -> list[Found]:
        covered = bytearray(len(doc.text) + 1)
        for f in found:
            if not f.drop:
                covered[f.start:f.end] = b"\x01" * (f.end - f.start)
        ctx = OpenClassContext(found, doc, view, self.kb, self.lexicon, self.latin, covered, self.function_words)
        for rule in RULES:
            rule(ctx)
        return sorted(ctx.found, key=lambda f: (f.start, -f.end))
