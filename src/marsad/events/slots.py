"""Filling the source and target slots of triggers from the entity mentions around them.

Rules, in the order they are tried: the speaker for first-person forms in a quote; the
subject before a verb (`روسيا تتهم`) or after it past titles (`زار وزير الزراعة آفي ديختر`);
`من قبل`/`على يد` for a passive; the direct object or the argument of the pattern's
prepositions for the target; for a noun, its genitive, the actor right before a masdar
(`محاولات إيران إيذاء`) or a demonym after it (`ضربات صاروخية أميركية`); a light verb lends
its clause to its noun (`شنت فرنسا غارات`); coordination gives one side per actor
(`روسيا وسوريا تتهمان`); and last the clause's subject. A reaction (deny, criticize,
reject) whose object is another event is aimed at that event's doer.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..doc import Entity, Quote, Token
from ..text.normalize import normalize
from .lexicon import Entry as Pattern, FormHit
from .patterns import SlotWords

PREPOSITIONS = frozenset(normalize(w) for w in (
    "على ضد مع إلى عن من في أمام نحو باتجاه تجاه قرب لدى بين حول بشأن حيال إزاء ضمن وسط داخل خارج منذ").split())
# Particles that may stand between a subject and its verb: `الولايات المتحدة لا تستبعد`.
# and the relative pronoun of `ماكرون الذي يقوم بزيارة`.
BETWEEN_SUBJECT_AND_VERB = frozenset(normalize(w) for w in "لا لم لن قد ما سوف كان كانت باتت الذي التي الذين اللذان اللتان".split())
# A noun after a demonstrative (`هذه التهديدات`) points back to something already told.
DEMONSTRATIVES = frozenset(normalize(w) for w in "هذا هذه ذلك تلك هذان هاتان هؤلاء أولئك".split())
PRONOUN_ON_PREPOSITION = frozenset(normalize(w) for w in "له لها لهم لهما عليه عليها بإمكانه بإمكانها".split())
# `من قبل`، `على يد`، `على أيدي`: what follows is the doer of a passive
AGENT_MARKERS = frozenset((normalize(a), normalize(b)) for a, b in (("من", "قبل"), ("على", "يد"), ("على", "أيدي")))
LATTER = frozenset(normalize(w) for w in "الأخير الأخيرة".split())
COMPLEMENTIZERS = frozenset(normalize(w) for w in "أن إن أنه إنه أنها إنها".split())
VERB_SUBJECT_WINDOW = 5
ARG_WINDOW = 12
SUBJECT_WINDOW = 10
NEXT_ACTOR_WINDOW = 8
RELATIVE_WINDOW = 12
CLAUSE_BREAKS = frozenset("، , . : ؛ ; ؟ ? ! ( )".split())
STRONG_BREAKS = frozenset(". : ؛ ; ؟ ? !".split())
REACTION_WINDOW = 16
REACTIONS = ("01", "11", "12")  # deny, criticize, reject: their object is often another event
LIGHT_VERB_WINDOW = 7
MODALITY_WINDOW = 3
# Entities of these subtypes report events; they are not parties to them.
NOT_A_PARTY = frozenset(("media",))
PROTEST_ROOT, FORCE_ROOTS = "14", ("15", "18", "19", "20")
FORCE_THREATS = ("138",)  # a threat of force is aimed at the place it names


@dataclass
class Slot:
    """An actor that fills a slot: an entity (or the speaker) reached through a mention."""
    entity: Entity
    first: int   # first token index of the mention
    last: int    # last token index of the mention
    clitic: str = ""  # what the mention's first token has before it: the ب of بإسرائيل
    adjective: bool = False  # a demonym used as an adjective: الإسرائيلي، أميركية
    # False for an adjective that qualifies a thing, not an actor (`الشراكة الإسرائيلية`): it may
    # name a noun's doer or a target, never a clause's subject
    subject: bool = True


@dataclass
class Found:
    """One trigger found in a sentence, before it becomes an Event."""
    token: int
    pattern: Pattern
    first_person: bool
    with_token: int | None
    sources: list[Slot] = field(default_factory=list)
    targets: list[Slot] = field(default_factory=list)
    light: int | None = None
    stripped: int = 0   # proclitic letters before the matched form
    possessive: str = ""   # the possessive pronoun on a noun trigger
    arg_target: bool = False  # the target was found through the pattern's own arguments


class SentenceContext:
    """What the coder knows about one sentence: its tokens, their forms, the mentions in it,
    and the quote (with its speaker) each token is in."""

    def __init__(self, tokens: list[Token], norms: list[str], mention_at: dict[int, Slot],
                 quote_at: list[Quote | None], speakers: dict[str, Entity]):
        self.tokens = tokens
        self.norms = norms
        self.mention_at = mention_at    # first token index -> Slot
        self.quote_at = quote_at
        self.speakers = speakers        # quote id -> speaker entity
        self.covered = {i for s in mention_at.values() for i in range(s.first, s.last + 1)}
        self.hits: list[tuple[list[FormHit], int]] = []
        self.cores: list[str] = []
        self.last_of = {s.last: s for s in mention_at.values()}

    def __len__(self) -> int:
        return len(self.tokens)

    def speaker(self, i: int) -> Entity | None:
        q = self.quote_at[i]
        return self.speakers.get(q.id) if q else None


def is_place(e: Entity) -> bool:
    """A place that is not a state (a city, a region): where things happen, not who acts."""
    return e.type == "LOC" and e.subtype not in (None, "country")


class SlotFiller:
    def __init__(self, words: SlotWords):
        self.words = words

    def fill(self, ctx: SentenceContext, found: list[Found], lights: list[int]) -> None:
        """Fill every trigger's sides; a light verb serves the nearest noun trigger only."""
        prev: Found | None = None
        stops = {f.token for f in found}
        for f in found:
            # a light verb serves the nearest noun trigger only, and never across another trigger
            free = [L for L in lights if not any(min(L, f.token) < g < max(L, f.token) for g in stops)]
            self._fill(ctx, f, free, prev, stops)
            if f.light is not None:
                lights.remove(f.light)
            prev = f
        for f, g in zip(found, found[1:]):
            # `استنكر ... تصريحات المالكي`: a reaction to another event is aimed at its doer
            if not f.arg_target and g.sources and g.pattern.pos == "noun" and g.token - f.token <= REACTION_WINDOW \
                    and f.pattern.cameo[:2] in REACTIONS and not any(ctx.norms[k] in STRONG_BREAKS for k in range(f.token, g.token)):
                f.targets = [s for s in g.sources if s.entity not in [x.entity for x in f.sources]]

    def governor(self, ctx: SentenceContext, slot: Slot) -> str | None:
        """The preposition governing a mention: a word before it, or a clitic ب/ل on its token."""
        if slot.clitic[-1:] in ("ب", "ل", "ك"):
            return slot.clitic[-1]
        if slot.first > 0 and ctx.norms[slot.first - 1] in PREPOSITIONS:
            return ctx.norms[slot.first - 1]
        p = ctx.norms[slot.first - 1] if slot.first > 0 else ""
        if len(p) > 2 and p[0] in "وف" and p[1:] in PREPOSITIONS:
            return p[1:]
        return None

    def _skip_titles(self, ctx: SentenceContext, j: int, limit: int = 4) -> int:
        """The first token at or after j that is not a title word (`الرئيس التركي`) or an adverb."""
        k = j
        while k < len(ctx) and k - j < limit and k not in ctx.mention_at:
            n = ctx.norms[k]
            bare = n[1:] if n[:1] == "و" and k == j else n
            if n in self.words.title or bare in self.words.title or n in self.words.skip or self._owned_title(n):
                k += 1
                continue
            if k > j and n in ("،", ",") and k + 1 < len(ctx) and k + 1 in ctx.mention_at:
                k += 1  # `وزير خارجيته، مايك بومبيو`
                continue
            break
        return k

    def _owned_title(self, n: str) -> bool:
        """A title with a possessive pronoun: خارجيته (its foreign ministry's), نظيرها."""
        for suffix in ("هما", "هم", "ها", "ه"):
            if n.endswith(suffix) and len(n) > len(suffix) + 2:
                base = n[: -len(suffix)]
                return base in self.words.title or (base.endswith("ت") and base[:-1] + "ه" in self.words.title)
        return False

    def _coordinated(self, ctx: SentenceContext, slot: Slot) -> list[Slot]:
        """The slot and the actors joined to it by و: `الولايات المتحدة وفرنسا`، `نتنياهو والرئيس التركي أردوغان`."""
        slot = self._apposition(ctx, slot)
        out = [slot]
        j = slot.last + 1
        while j < len(ctx):
            joined = ctx.norms[j] == "و"
            if joined:
                j += 1
            elif ctx.norms[j][:1] == "و" and j not in ctx.mention_at:
                joined = True  # وو-prefixed title: والرئيس التركي ...
            k = self._skip_titles(ctx, j) if j < len(ctx) else j
            nxt = ctx.mention_at.get(k)
            if nxt is None or not (joined or nxt.clitic[:1] == "و") or self.governor(ctx, nxt) or nxt.entity in [o.entity for o in out]:
                break
            nxt = self._apposition(ctx, nxt)
            out.append(nxt)
            j = nxt.last + 1
        return out

    def _mention_at(self, ctx: SentenceContext, j: int, allow_comma: bool = False, subject: bool = False) -> Slot | None:
        """A mention starting at j, after titles and adverbs, not governed by a preposition. For a
        subject, no skipped word may be accusative: in `اختطف مسلحون صحفيا فرنسيا` the French
        journalist is the object."""
        if allow_comma and j < len(ctx) and ctx.norms[j] in ("،", ","):
            j += 1
        k = self._skip_titles(ctx, j)
        s = ctx.mention_at.get(k)
        if s is None or self.governor(ctx, s) or not (s.subject or k > j):
            return None
        if subject and any(ctx.norms[t].endswith("ا") and len(ctx.norms[t]) > 3 and ctx.norms[t] not in self.words.skip
                           for t in range(j, k)):
            return None
        return self._apposition(ctx, s)

    def _apposition(self, ctx: SentenceContext, s: Slot) -> Slot:
        """Extend a slot over the mentions of the same entity right after it:
        `وزير الزراعة آفي ديختر`، `الرئيس التركي، رجب طيب أردوغان`."""
        while True:
            j = s.last + 1
            if j < len(ctx) and ctx.norms[j] in ("،", ","):
                j += 1
            nxt = ctx.mention_at.get(j)
            if nxt is not None and nxt.entity is not s.entity and j == s.last + 1 and s.entity.type == "LOC" \
                    and nxt.entity.type != "LOC" and nxt.entity.actor.country == s.entity.actor.country:
                # `وزير الخارجية الإسرائيلي إيلي كوهين`: the state's adjective qualifies the person after it
                s = Slot(nxt.entity, s.first, nxt.last, s.clitic)
                continue
            if nxt is None or nxt.entity is not s.entity:
                return s
            s = Slot(s.entity, s.first, nxt.last, s.clitic)

    def _subject_before(self, ctx: SentenceContext, i: int) -> list[Slot]:
        j = i - 1
        while j >= 0 and (ctx.norms[j] in BETWEEN_SUBJECT_AND_VERB or ctx.norms[j] in self.words.skip
                          or ctx.norms[j] == '"'):
            j -= 1
        s = ctx.last_of.get(j)
        if s is None or not s.subject or is_place(s.entity) or self.governor(ctx, s) or self._phrase_prep(ctx, -1, s.first):
            return []
        # walk back over coordinated actors to the first one
        first = s
        while True:
            k = first.first - 1
            joined = first.clitic[:1] == "و"
            if k >= 0 and ctx.norms[k] == "و":
                joined, k = True, k - 1
            prev = ctx.last_of.get(k)
            if not joined or prev is None or self.governor(ctx, prev):
                break
            first = prev
        return self._coordinated(ctx, self._apposition(ctx, first))

    def _prep_target(self, ctx: SentenceContext, i: int, args: tuple[str, ...], cross_commas: bool = True) -> list[Slot]:
        stop = min(len(ctx), i + 1 + ARG_WINDOW)
        best: tuple[int, int, Slot] | None = None
        for j in range(i + 1, stop):
            if not cross_commas and ctx.norms[j] in CLAUSE_BREAKS:
                break
            s = ctx.mention_at.get(j)
            if s is None:
                continue
            g = self.governor(ctx, s)
            if g is None:
                # a mention inside a prepositional phrase: `على الرئيس الروسي`، `من تصريحات المالكي`
                g = self._phrase_prep(ctx, i, s.first)
            if g is not None and g in args:
                rank = (args.index(g), j)
                if best is None or rank < best[:2]:
                    best = (rank[0], rank[1], s)
        return self._coordinated(ctx, best[2]) if best else []

    def _phrase_prep(self, ctx: SentenceContext, i: int, j: int) -> str | None:
        """The preposition that opens the phrase holding token j (at most three words back)."""
        for k in range(j - 1, max(i, j - 4), -1):
            n = ctx.norms[k]
            tok = ctx.tokens[k]
            if k in ctx.covered or not tok.is_word or n in COMPLEMENTIZERS:
                return None
            if n in PREPOSITIONS:
                return n
            if tok.prefix and tok.prefix[-1:] in "بل":
                return tok.prefix[-1]
        return None

    def _fill(self, ctx: SentenceContext, f: Found, lights: list[int], prev: Found | None, stops: set[int]) -> None:
        p = f.pattern
        prep_args = tuple(a for a in p.args if a != "obj")
        anchor = f.token
        speaker = ctx.speaker(f.token)
        if p.pos == "noun":
            near = [L for L in lights if 0 < f.token - L <= LIGHT_VERB_WINDOW or 0 < L - f.token <= 2]
            light = min(near, key=lambda L: abs(f.token - L), default=None)
            if light is None:
                # a relative clause naming the doer: `هجوم كيماوي شنه النظام`، `الهجوم الذي نفذه`
                light = next((L for L in lights if 0 < L - f.token <= RELATIVE_WINDOW
                              and ctx.norms[L].endswith(("ه", "ها"))), None)
            if light is not None:
                f.light = anchor = light
        verbal = p.pos == "verb" or f.light is not None
        shared: Found | None = None   # the earlier verb whose subject this one shares
        sources: list[Slot] = []
        targets: list[Slot] = []
        if verbal:
            if f.first_person and speaker is not None:
                sources = [Slot(speaker, anchor, anchor)]
            svo = False
            if prev is not None and prev.pattern.pos == "noun" and prev.sources and 0 < f.token - prev.token <= 3 \
                    and f.light is None:
                sources = list(prev.sources)  # `قصف إسرائيلي استهدف موقعا`: the noun is the verb's subject
                svo = True
            if not sources and prev is not None and prev.sources and prev.pattern.pos == "verb" \
                    and ctx.norms[f.token][:1] in "وف" and self._mention_at(ctx, anchor + 1) is None:
                sources = list(prev.sources)  # `اقتحمت قوات الاحتلال نابلس واعتقلت`: one subject
                svo = True
                shared = prev
            if not sources and not (f.light is not None and f.light > f.token):
                sources = self._subject_before(ctx, anchor)
                svo = bool(sources)
            if not sources and anchor >= 2 and ctx.norms[anchor - 1] in COMPLEMENTIZERS \
                    and ctx.norms[anchor - 2] in PRONOUN_ON_PREPOSITION:
                # `سبق له أن التقى X`: the pronoun, not the noun after the verb, is the doer
                sources = self._sentence_subject(ctx, anchor - 2) or self._nearest_subject(ctx, anchor - 2)
                svo = bool(sources)
            if not sources:
                after = self._mention_at(ctx, anchor + 1, subject=True)
                if after is not None and after.first != f.token:
                    sources = self._coordinated(ctx, after)
            agent = self._passive_agent(ctx, anchor)
            passive = f.light is None and self._passive_form(ctx.tokens[anchor], f.stripped)
            if f.light is None and "victim" in p.flags and not passive and sources and not svo and not agent:
                # unvocalized `قتل`: active only when a doer and a victim both follow it
                # (`قتلت قوات الاحتلال شابا`); `قتل 30 شخصا` names only victims
                obj = next((m for k in range(sources[-1].last + 1, min(len(ctx), sources[-1].last + 4))
                            if (m := ctx.mention_at.get(k)) and self.governor(ctx, m) is None), None)
                passive = obj is None
            elif f.light is None and "victim" in p.flags and not agent:
                passive = passive or svo or not sources
            if passive:
                # `قُتل الصحفي`: the one named with a passive verb is its object; `قتل 30 يمنيا`,
                # `فلسطينيين اثنين قتلا`: a count may stand between
                victims = sources or next((self._coordinated(ctx, m) for k in range(anchor + 1, min(len(ctx), anchor + 4))
                                           if (m := ctx.mention_at.get(k)) and self.governor(ctx, m) is None
                                           and self._phrase_prep(ctx, anchor, m.first) is None), None) \
                    or self._nearest_subject(ctx, anchor)
                f.targets, f.sources = victims, agent
                return
            if agent:
                sources = agent
            if "obj" in p.args:
                start = anchor + 1
                if sources and not svo and sources[-1].first > anchor:
                    start = sources[-1].last + 1
                if f.light is not None:
                    start = max(start, f.token + 1)
                obj = self._mention_at(ctx, start, allow_comma=True)
                if obj is not None:
                    targets = self._coordinated(ctx, obj)
        else:
            gen = self._mention_at(ctx, f.token + 1)
            if "by" in p.flags:
                # `قتل 8 فلسطينيين برصاص القوات الإسرائيلية`: the doer follows, the victim came before
                f.sources = self._coordinated(ctx, gen) if gen else []
                f.targets = self._nearest_subject(ctx, f.token, places=True)
                return
            elif gen is not None and is_place(gen.entity) and "obj" not in p.args:
                gen = None  # `هجوم دوما`: a town after the noun is where it happened, not who did it
            if gen is not None and "obj" in p.args and not gen.adjective:
                targets = self._coordinated(ctx, gen)
            elif gen is not None:
                sources = self._coordinated(ctx, gen)
            if not sources and "obj" in p.args:
                # `محاولات إيران إيذاء الإسرائيليين`: the actor right before a masdar is its doer
                before = ctx.last_of.get(f.token - 1)
                if before is not None and not is_place(before.entity) and self.governor(ctx, before) is None:
                    sources = [before]
            if not sources and not targets:
                # a demonym after the noun and its adjectives: `ضربات صاروخية أميركية`
                adj = next((ctx.mention_at[j] for j in range(f.token + 1, min(len(ctx), f.token + 4))
                            if j in ctx.mention_at), None)
                if adj is not None and not is_place(adj.entity) and self.governor(ctx, adj) is None \
                        and all(ctx.tokens[k].is_word for k in range(f.token + 1, adj.first)):
                    sources = [adj]
        if not verbal and not sources and (agent := self._passive_agent(ctx, f.token)):
            sources = agent  # `اعتقال الصحفي من قبل قوات الأمن`
        if not targets and prep_args:
            targets = self._prep_target(ctx, max(anchor, f.token), prep_args, cross_commas=verbal)
        f.arg_target = bool(targets)
        if not targets and shared is not None and p.cameo[:2] not in FORCE_ROOTS:
            # `زار ديختر باكو ووقع على خريطة طريق`: the partner is shared too
            targets = [t for t in shared.targets if not is_place(t.entity) or t.entity.subtype == "city"]
        if not sources and not targets and f.possessive == "هما":
            # `صفقاتهما العسكرية`: the dual pronoun stands for the last two states named
            pair = self._last_two_states(ctx, f.token)
            if pair:
                sources, targets = pair[:1], pair[1:]
        if not targets and p.cameo[:2] not in FORCE_ROOTS + (PROTEST_ROOT,):
            # (force and protest take their target from their own arguments or the place, never
            # from whoever is named next: `متظاهرين برصاص القوات الإسرائيلية`)
            inside = {k for s in sources for k in range(s.first, s.last + 1)}
            targets = self._next_actor(ctx, max(anchor, f.token), [s.entity for s in sources], stops | inside)
        if not sources and verbal and prev is not None and ctx.norms[f.token][:1] in "وف" and prev.sources:
            sources = list(prev.sources)  # `زار ... ووقع`: the second verb shares the subject
            targets = targets or [t for t in prev.targets if not is_place(t.entity) or t.entity.subtype == "city"]
        if p.pos == "noun" and f.light is None and prev is not None and prev.sources and self._circumstantial(ctx, f.token):
            # `وتحدى أردوغان السعودية، مطالبا إياها`: the participle's doer is the clause's subject
            sources = list(prev.sources)
            targets = targets or list(prev.targets)
        if not sources and p.pos == "noun" and f.first_person and speaker is not None:
            sources = [Slot(speaker, f.token, f.token)]  # `شراكتنا`: the speaker's side
        if not sources and f.possessive and not f.first_person:
            # `عبر ماكرون ... عن استعداده`: the pronoun stands for the clause's subject
            sources = self._sentence_subject(ctx, f.token) or self._nearest_subject(ctx, f.token)
        if not sources and (verbal or not self._in_phrase(ctx, f.token)):
            # the clause's subject; a noun inside a prepositional phrase (`في هجوم دوما`) refers
            # back to an event rather than reporting who acted
            sources = self._nearest_subject(ctx, min(anchor, f.token))
        if not sources and verbal and speaker is not None:
            sources = [Slot(speaker, anchor, anchor)]  # indirect speech: `أنه ... التقى`
        if not sources and (verbal or not self._in_phrase(ctx, f.token)):
            sources = self._sentence_subject(ctx, min(anchor, f.token))
        if "said" in p.flags:
            # `قال ترامب إن الأسد "سيدفع ثمنا باهظا"`: the one who says it threatens the subject
            speaker = ctx.speaker(f.token)
            targets = sources
            sources = [Slot(speaker, f.token, f.token)] if speaker is not None else self._speech_subject(ctx, f.token)
        if p.symmetric and not targets and len(sources) > 1:
            sources, targets = sources[:1], sources[1:]
        f.sources = [s for s in sources if not any(s.entity is t.entity for t in targets)]
        f.targets = targets

    @staticmethod
    def _speech(ctx: SentenceContext, i: int, j: int) -> bool:
        """Whether tokens i and j are on two sides of the edge of a quotation (not a quoted fragment)."""
        return any(q is not None and q.kind not in ("fragment", "mixed") for q in (ctx.quote_at[i], ctx.quote_at[j]))

    def _next_actor(self, ctx: SentenceContext, i: int, exclude: list[Entity], stops: set[int]) -> list[Slot]:
        """The first actor after the trigger, wherever it sits in the phrase (`ترحب بدفء علاقاتها مع
        إسرائيل`), before the next trigger or a quote's edge; never a place after في."""
        for j in range(i + 1, min(len(ctx), i + 1 + NEXT_ACTOR_WINDOW)):
            if j in stops and j in ctx.covered:
                continue  # inside the source's own phrase: `قوات الأمن المصرية`
            if j in stops or ctx.norms[j] in COMPLEMENTIZERS or ctx.norms[j] in CLAUSE_BREAKS \
                    or (ctx.quote_at[j] is not ctx.quote_at[i] and self._speech(ctx, i, j)):
                return []
            s = ctx.mention_at.get(j)
            if s is None or any(s.entity is x for x in exclude):
                continue
            if self.governor(ctx, s) == "في" or self._phrase_prep(ctx, i, s.first) == "في":
                continue
            return [s]
        return []

    @staticmethod
    def _circumstantial(ctx: SentenceContext, i: int) -> bool:
        """An indefinite accusative participle after a comma (a حال): `، مطالبا`، `، منوها`."""
        n = ctx.norms[i]
        return n.endswith("ا") and not n.startswith(("ال", "وال")) and i > 0 and ctx.norms[i - 1] in ("،", ",")

    @staticmethod
    def _passive_form(tok: Token, stripped: int) -> bool:
        """A vocalized passive: a damma on the first letter of the verb (قُتل، أُطلق، اُعتقل)."""
        letters = 0
        for k, ch in enumerate(tok.text):
            if normalize(ch):
                letters += 1
                if letters == stripped + 1:
                    return tok.text[k + 1:k + 2] == "\u064f"
        return False

    def _in_phrase(self, ctx: SentenceContext, i: int) -> bool:
        """Whether token i is the object of a preposition (a word before it or a ب/ل clitic)."""
        tok = ctx.tokens[i]
        if tok.prefix[-1:] in ("ب", "ل") and tok.prefix:
            return True
        k = i - 1
        while k >= 0 and ctx.norms[k] == '"':
            k -= 1  # `ردا على "الهجوم الكيماوي"`
        p = ctx.norms[k] if k >= 0 else ""
        return p in PREPOSITIONS or (p[:1] in "وف" and p[1:] in PREPOSITIONS) or p in ("ردا", "اثر", "بعد", "قبل", "خلال")

    def _passive_agent(self, ctx: SentenceContext, i: int) -> list[Slot]:
        for j in range(i + 1, min(len(ctx) - 1, i + 8)):
            if (ctx.norms[j], ctx.norms[j + 1]) in AGENT_MARKERS:
                s = next((ctx.mention_at[k] for k in range(j + 2, min(len(ctx), j + 5)) if k in ctx.mention_at), None)
                return self._coordinated(ctx, s) if s else []
        return []

    def _speech_subject(self, ctx: SentenceContext, i: int) -> list[Slot]:
        """The subject of the speech verb that introduces the clause of token i (`قال ترامب إن ...`)."""
        for j in range(i - 1, -1, -1):
            if ctx.norms[j] in COMPLEMENTIZERS:
                return self._nearest_subject(ctx, j)
        return []

    def _last_two_states(self, ctx: SentenceContext, i: int) -> list[Slot]:
        out: list[Slot] = []
        for j in sorted((j for j in ctx.mention_at if j < i), reverse=True):
            m = ctx.mention_at[j]
            if m.entity.actor.country and not is_place(m.entity) and all(o.entity.actor.country != m.entity.actor.country for o in out):
                out.append(m)
            if len(out) == 2:
                return out
        return []

    def _sentence_subject(self, ctx: SentenceContext, i: int) -> list[Slot]:
        """The subject of a sentence that opens with a verb (`استخدمت المملكة المتحدة ...`), for an
        event later in the same clause chain; never across reported speech."""
        if i < 2 or not ctx.tokens[0].is_word or ctx.quote_at[i] is not ctx.quote_at[0]:
            return []
        s = self._mention_at(ctx, 1)
        if s is None or s.last >= i or is_place(s.entity):
            return []
        if any(ctx.norms[k] in COMPLEMENTIZERS for k in range(s.last + 1, i)):
            return []
        return self._coordinated(ctx, s)

    def _nearest_subject(self, ctx: SentenceContext, i: int, places: bool = False) -> list[Slot]:
        """The nearest actor to the left not inside a prepositional phrase: the clause's subject."""
        for j in range(i - 1, max(-1, i - 1 - SUBJECT_WINDOW), -1):
            if ctx.quote_at[j] is not ctx.quote_at[i] and self._speech(ctx, i, j):
                break  # never across the edge of reported speech
            s = ctx.last_of.get(j)
            if s is not None and s.subject and (places or not is_place(s.entity)) and self.governor(ctx, s) is None \
                    and self._phrase_prep(ctx, -1, s.first) is None:
                return [s]
        return []

    # -- events -----------------------------------------------------------------------
