"""Who did it and to whom: the sides of a trigger, from the structure of its clause.

The sides are filled by an ordered list of small named rules (`RULES`, read top to bottom):
each looks at the trigger, its clause and what earlier rules found, and fills the source or the
target when it is still empty. A side no rule can fill stays empty: the event is kept with a
null side, never dropped and never guessed.

In outline: a noun first borrows the clause of the light verb that governs it (`شنت فرنسا غارات`);
the speaker of a quote is the source of the cue that introduces it (`واتهم أردوغان أوروبا ...`)
and of first-person verbs inside it; a verb's subject stands before it (SVO, `روسيا تتهم`) or after
it past titles (VSO, `زار وزير الزراعة آفي ديختر`), and a passive names its victim and, through
`من قبل`/`على يد`, its doer; the target is the direct object or the argument of the entry's
prepositions; a verbal noun's genitive is its doer unless the entry takes an object (`اعتقال
الصحفي`), and then a following `ل` names the object and the genitive the doer (`اتهام موسكو
لبريطانيا`); a demonym after the noun is its doer (`غارات إسرائيلية`); a possessive pronoun, a
circumstantial participle (`، مطالبا`) or a bare verb take the clause's subject; and last, a
reaction (deny, criticize, reject) whose object is another event is aimed at that event's doer.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..doc import Entity, Quote, Token
from ..text.normalize import normalize
from .lexicon import Entry, FormHit
from .patterns import SlotWords

PRONOUN_ON_PREPOSITION = frozenset(normalize(w) for w in "له لها لهم لهما عليه عليها بإمكانه بإمكانها".split())
# `من قبل`، `على يد`، `على أيدي`: what follows is the doer of a passive
AGENT_MARKERS = frozenset((normalize(a), normalize(b)) for a, b in (("من", "قبل"), ("على", "يد"), ("على", "أيدي")))
LATTER = frozenset(normalize(w) for w in "الأخير الأخيرة".split())
# `إياها`: the object pronoun of a participle (`مطالبا إياها`) stands for the clause's target
OBJECT_PRONOUNS = frozenset(normalize(w) for w in "إياه إياها إياهم إياهما".split())
# nouns that head a place's name: the object of `دخل`، `استرجع` after its subject; `في مدينة دوما`
PLACE_HEADS = frozenset(normalize(w) for w in "مدينة بلدة قرية منطقة ولاية محافظة مديرية إقليم العاصمة ميناء مطار معبر حي مخيم جزيرة".split())
CLAUSE_BREAKS = frozenset("، , . : ؛ ; ؟ ? ! ( )".split())
STRONG_BREAKS = frozenset(". : ؛ ; ؟ ? !".split())
ARG_WINDOW = 12
SUBJECT_WINDOW = 10
NEXT_ACTOR_WINDOW = 8
RELATIVE_WINDOW = 12
REACTION_WINDOW = 16
REACTIONS = ("01", "11", "12")  # deny, criticize, reject: their object is often another event
LIGHT_VERB_WINDOW = 7
MODALITY_WINDOW = 3
# Entities of these subtypes report events; they are not parties to them.
NOT_A_PARTY = frozenset(("media",))
PROTEST_ROOT, FORCE_ROOTS = "14", ("15", "17", "18", "19", "20")
FORCE_THREATS = ("138",)  # a threat of force is aimed at the place it names


@dataclass(frozen=True)
class ClauseWords:
    """The closed-class words the rules read, from `marsad.text.words` (one home) and the
    events stage's own slot words."""
    prepositions: frozenset[str]
    complementizers: frozenset[str]
    demonstratives: frozenset[str]
    between_subject_and_verb: frozenset[str]   # negation, particles, auxiliaries, relatives
    first_person: frozenset[str]               # نحن، إننا، بلادنا: the speaker's side in a quote
    title: frozenset[str]
    skip: frozenset[str]                       # adverbs and day names between a verb and its subject
    # verbs of intending, trying, threatening and asking (the modality cues), and of succeeding
    # (slot words `achieve`): the verbal noun they govern is done by their subject (`يستعد الرئيس
    # الروسي لزيارة النمسا`، `نجحت طائرات التحالف في تدمير مواقع`)
    control: frozenset[str] = frozenset()
    despite: frozenset[str] = frozenset()     # رغم، وسط: a reaction beside what it reacts to


def clause_words(function_words, slot_words: SlotWords, dates=None, control: frozenset[str] = frozenset()) -> ClauseWords:
    """Build the rules' word sets from the function-word lexicon and the slot words."""
    fw = function_words
    pronouns = fw.of("pronoun", "complementizer")
    first = frozenset(w for w in pronouns if w in ("انا", "نحن") or w.endswith(("نا", "ني")))
    days = frozenset(dates.weekdays) | frozenset(w[2:] for w in dates.weekdays if w.startswith("ال")) if dates else frozenset()
    return ClauseWords(
        prepositions=fw.of("preposition"),
        complementizers=fw.of("complementizer"),
        demonstratives=fw.of("demonstrative"),
        between_subject_and_verb=fw.of("negation", "particle", "auxiliary", "relative"),
        first_person=first | slot_words.first_person,
        title=slot_words.title,
        skip=slot_words.skip | days,
        control=control | slot_words.achieve,
        despite=slot_words.despite)


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
    pattern: Entry
    first_person: bool
    with_token: int | None
    sources: list[Slot] = field(default_factory=list)
    targets: list[Slot] = field(default_factory=list)
    light: int | None = None
    stripped: int = 0   # proclitic letters before the matched form
    possessive: str = ""   # the possessive pronoun on a noun trigger
    arg_target: bool = False  # the target was found through the entry's own arguments
    kind: str = "noun"     # past | present | participle | noun (the form's kind)
    passive: bool = False
    cue_of: Quote | None = None   # the quote this trigger introduces as its cue
    content_of: "Found | None" = None   # the event whose content this one is (`وافقت على بيع`، `طالبت بوقف`)
    rules: dict[str, str] = field(default_factory=dict)   # side -> the rule that filled it
    code: str | None = None   # a more specific code of the same root, from a noun the verb governs

    @property
    def cameo(self) -> str:
        return self.code or self.pattern.cameo

    @property
    def nominal(self) -> bool:
        return self.kind in ("noun", "eval")


class SentenceContext:
    """What the coder knows about one sentence: its tokens, their forms, the mentions in it,
    and the quote (with its speaker) each token is in."""

    def __init__(self, tokens: list[Token], norms: list[str], mention_at: dict[int, Slot],
                 quote_at: list[Quote | None], speakers: dict[str, Entity], cue_at: dict[int, Quote] | None = None):
        self.tokens = tokens
        self.norms = norms
        self.mention_at = mention_at    # first token index -> Slot
        self.quote_at = quote_at
        self.speakers = speakers        # quote id -> speaker entity
        self.cue_at = cue_at or {}      # token index -> the quote whose cue it is
        self.covered = {i for s in mention_at.values() for i in range(s.first, s.last + 1)}
        self.carried: Entity | None = None   # the subject earlier sentences were about
        self.recent: list[Entity] = []       # the actors of earlier sentences, latest first
        self.hits: list[tuple[list[FormHit], int]] = []
        self.cores: list[str] = []
        self.last_of = {s.last: s for s in mention_at.values()}
        self.with_after: dict[int, int] = {}   # token -> how far its with-words are looked for (triggers._with)

    def __len__(self) -> int:
        return len(self.tokens)

    def speaker(self, i: int) -> Entity | None:
        q = self.quote_at[i]
        return self.speakers.get(q.id) if q else None


def is_place(e: Entity) -> bool:
    """A place that is not a state (a city, a region): where things happen, not who acts."""
    return e.type == "LOC" and e.subtype not in (None, "country")


@dataclass
class Filling:
    """What the rules have found so far for one trigger."""
    f: Found
    prev: Found | None
    stops: set[int]
    lights: list[int]
    anchor: int
    verbal: bool
    sources: list[Slot] = field(default_factory=list)
    targets: list[Slot] = field(default_factory=list)
    svo: bool = False          # the subject stands before the verb
    shared: Found | None = None   # the earlier verb whose subject this one shares
    agent: list[Slot] = field(default_factory=list)   # من قبل / على يد
    done: bool = False
    event_subject: bool = False   # the verb's subject is another event (`استهدف هجوم آخر`): its doer is unknown here


Rule = Callable[["SlotFiller", SentenceContext, Filling], None]


class SlotFiller:
    def __init__(self, words: ClauseWords):
        self.words = words

    def fill(self, ctx: SentenceContext, found: list[Found], lights: list[int]) -> None:
        """Fill every trigger's sides; a light verb serves the nearest noun trigger only."""
        prev: Found | None = None
        stops = {f.token for f in found}
        for f in found:
            # a light verb serves the nearest noun trigger only, and never across another trigger
            free = [L for L in lights if not any(min(L, f.token) < g < max(L, f.token) for g in stops)]
            st = Filling(f, prev, stops, free, f.token, verbal=not f.nominal)
            for name, rule in RULES:
                had_source, had_target = bool(st.sources), bool(st.targets)
                rule(self, ctx, st)
                if not had_source and st.sources and "source" not in f.rules:
                    f.rules["source"] = name
                if not had_target and st.targets and "target" not in f.rules:
                    f.rules["target"] = name
                if st.done:
                    break
            if st.event_subject and "source" in f.rules and f.rules["source"] not in EVENT_SUBJECT_KEEPS:
                st.sources = []   # never guessed: the subject named an event, not who did it
                del f.rules["source"]
            f.sources = [s for s in st.sources if not any(s.entity is t.entity for t in st.targets)]
            f.targets = st.targets
            if f.light is not None and f.light in lights:
                lights.remove(f.light)
            prev = f
        for f, g in zip(found, found[1:]):
            react_to_the_doer_of_the_next_event(self, ctx, f, g)

    # -- the structure helpers the rules share ------------------------------------------
    def governor(self, ctx: SentenceContext, slot: Slot) -> str | None:
        """The preposition governing a mention: a word before it, or a clitic ب/ل on its token."""
        g = self.governor_of(ctx.norms, slot)
        k = slot.first - 1
        if g is not None and k >= 0 and ctx.norms[k] != g and not slot.clitic and ctx.hits:
            hits, stripped = ctx.hits[k]
            if hits and (not stripped or any(h.kind in ("past", "present") for h in hits)):
                return None   # `فتحت` is a verb (opened), not ف + تحت; `وعبر` (and expressed), not و + عبر
        return g

    def governor_of(self, norms: list[str], slot: Slot) -> str | None:
        if slot.clitic[-1:] in ("ب", "ل", "ك"):
            return slot.clitic[-1]
        if slot.first > 0 and norms[slot.first - 1] in self.words.prepositions:
            return norms[slot.first - 1]
        p = norms[slot.first - 1] if slot.first > 0 else ""
        if len(p) > 2 and p[0] in "وف" and p[1:] in self.words.prepositions:
            return p[1:]
        return None

    def skip_titles(self, ctx: SentenceContext, j: int, limit: int = 4) -> int:
        """The first token at or after j that is not a title word (`الرئيس التركي`) or an adverb."""
        k = j
        while k < len(ctx) and k - j < limit and k not in ctx.mention_at:
            n = ctx.norms[k]
            bare = n[1:] if n[:1] == "و" and k == j else n
            if bare.startswith("ال") and len(bare) > 4 and bare[2:] in self.words.title:
                bare = bare[2:]   # `المحتجون` as `محتجون`
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

    def coordinated(self, ctx: SentenceContext, slot: Slot) -> list[Slot]:
        """The slot and the actors joined to it by و: `الولايات المتحدة وفرنسا`، `نتنياهو والرئيس التركي أردوغان`."""
        slot = self.apposition(ctx, slot)
        out = [slot]
        j = slot.last + 1
        while j < len(ctx):
            joined = ctx.norms[j] == "و"
            if joined:
                j += 1
            elif ctx.norms[j][:1] == "و" and j not in ctx.mention_at:
                joined = True  # وو-prefixed title: والرئيس التركي ...
            k = self.skip_titles(ctx, j) if j < len(ctx) else j
            nxt = ctx.mention_at.get(k)
            if nxt is None or not (joined or nxt.clitic[:1] == "و") or self.governor(ctx, nxt) or nxt.entity in [o.entity for o in out]:
                break
            nxt = self.apposition(ctx, nxt)
            out.append(nxt)
            j = nxt.last + 1
        return out

    def mention_at(self, ctx: SentenceContext, j: int, allow_comma: bool = False, subject: bool = False) -> Slot | None:
        """A mention starting at j, after titles and adverbs, not governed by a preposition. For a
        subject, no skipped word may be accusative: in `اختطف مسلحون صحفيا فرنسيا` the French
        journalist is the object."""
        if allow_comma and j < len(ctx) and ctx.norms[j] in ("،", ","):
            j += 1
        k = self.skip_titles(ctx, j)
        s = ctx.mention_at.get(k)
        if s is None or self.governor(ctx, s) or not (s.subject or k > j):
            return None
        if subject and any(ctx.norms[t].endswith("ا") and len(ctx.norms[t]) > 3 and ctx.norms[t] not in self.words.skip
                           for t in range(j, k)):
            return None
        if subject and self.place_after_a_definite_title(ctx, j, k, s):
            return None
        return self.apposition(ctx, s)

    @staticmethod
    def place_after_a_definite_title(ctx: SentenceContext, j: int, k: int, s: Slot) -> bool:
        """`زار الرئيس سوريا`: a title with the article is a whole noun phrase (no construct state),
        so a place named right after it is the verb's object, not the title's country; `زار رئيس
        سوريا لبنان` (no article) is Syria's president."""
        if k <= j or s.entity.type != "LOC" or s.clitic or s.adjective:
            return False
        if is_nisba(ctx.norms[s.first]) and ctx.norms[s.first].startswith("ال"):
            return False   # `وزير الخارجية الإسرائيلي`: a nisba agreeing with the title
        last = ctx.norms[k - 1]
        return last.lstrip("وف").startswith("ال") and ctx.tokens[k - 1].is_word

    def pronoun_object_of_the_describing_verb(self, ctx: SentenceContext, light: int, sources: list[Slot]) -> list[Slot]:
        """`ورد المتحدث على بيان شومر، ووصفه بالمخيب`: the pronoun on the describing verb stands for
        what was named just before it, whose author (the last actor before the verb, not its
        subject) is the one evaluated."""
        n = ctx.norms[light]
        if not n.endswith(("ه", "ها", "هم")) or len(n) < 5:
            return []
        doers = [s.entity for s in sources]
        for j in range(light - 1, max(-1, light - 8), -1):
            if ctx.norms[j] in (".", "؟", "!"):
                break
            m = ctx.last_of.get(j)
            if m is not None and not is_place(m.entity) and m.entity not in doers:
                return [m]
        return []

    def apposition(self, ctx: SentenceContext, s: Slot) -> Slot:
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

    def phrase_prep(self, ctx: SentenceContext, i: int, j: int) -> str | None:
        """The preposition that opens the phrase holding token j (at most three words back)."""
        for k in range(j - 1, max(i, j - 4), -1):
            n = ctx.norms[k]
            tok = ctx.tokens[k]
            if k in ctx.covered or not tok.is_word or n in self.words.complementizers:
                return None
            if n in self.words.prepositions:
                return n
            if tok.prefix and tok.prefix[-1:] in "بل":
                return tok.prefix[-1]
        return None

    def prep_target(self, ctx: SentenceContext, i: int, args: tuple[str, ...], cross_commas: bool = True) -> list[Slot]:
        stop = min(len(ctx), i + 1 + ARG_WINDOW)
        best: tuple[int, int, Slot] | None = None
        for j in range(i + 1, stop):
            if not cross_commas and ctx.norms[j] in CLAUSE_BREAKS:
                break
            if ctx.norms[j] in STRONG_BREAKS:
                break
            s = ctx.mention_at.get(j)
            if s is None:
                continue
            g = self.governor(ctx, s)
            if g is None:
                # a mention inside a prepositional phrase: `على الرئيس الروسي`، `من تصريحات المالكي`
                g = self.phrase_prep(ctx, i, s.first)
            if g is not None and g in args:
                rank = (args.index(g), j)
                if best is None or rank < best[:2]:
                    best = (rank[0], rank[1], s)
        return self.coordinated(ctx, best[2]) if best else []

    @staticmethod
    def speech_edge(ctx: SentenceContext, i: int, j: int) -> bool:
        """Whether tokens i and j are on two sides of the edge of a quotation (not a quoted fragment)."""
        return any(q is not None and q.kind not in ("fragment", "mixed") for q in (ctx.quote_at[i], ctx.quote_at[j]))

    def next_actor(self, ctx: SentenceContext, i: int, exclude: list[Entity], stops: set[int]) -> list[Slot]:
        """The first actor after the trigger, wherever it sits in the phrase (`ترحب بدفء علاقاتها مع
        إسرائيل`), before the next trigger or a quote's edge; never a place after في."""
        for j in range(i + 1, min(len(ctx), i + 1 + NEXT_ACTOR_WINDOW)):
            if j in stops and j in ctx.covered:
                continue  # inside the source's own phrase: `قوات الأمن المصرية`
            if j in stops or ctx.norms[j] in self.words.complementizers or ctx.norms[j] in CLAUSE_BREAKS \
                    or (ctx.quote_at[j] is not ctx.quote_at[i] and self.speech_edge(ctx, i, j)):
                return []
            s = ctx.mention_at.get(j)
            if s is None or any(s.entity is x for x in exclude):
                continue
            if self.governor(ctx, s) == "في" or self.phrase_prep(ctx, i, s.first) == "في":
                continue
            return [s]
        return []

    def in_phrase(self, ctx: SentenceContext, i: int) -> bool:
        """Whether token i is the object of a preposition (a word before it or a ب/ل clitic)."""
        tok = ctx.tokens[i]
        if tok.prefix[-1:] in ("ب", "ل") and tok.prefix:
            return True
        k = i - 1
        while k >= 0 and ctx.norms[k] == '"':
            k -= 1  # `ردا على "الهجوم الكيماوي"`
        p = ctx.norms[k] if k >= 0 else ""
        preps = self.words.prepositions
        return p in preps or (p[:1] in "وف" and p[1:] in preps) or p in ("ردا", "اثر")

    def passive_agent(self, ctx: SentenceContext, i: int) -> list[Slot]:
        for j in range(i + 1, min(len(ctx) - 1, i + 8)):
            if (ctx.norms[j], ctx.norms[j + 1]) in AGENT_MARKERS:
                s = next((ctx.mention_at[k] for k in range(j + 2, min(len(ctx), j + 5)) if k in ctx.mention_at), None)
                return self.coordinated(ctx, s) if s else []
        return []

    def speech_subject(self, ctx: SentenceContext, i: int) -> list[Slot]:
        """The subject of the speech verb that introduces the clause of token i (`قال ترامب إن ...`)."""
        for j in range(i - 1, -1, -1):
            if ctx.norms[j] in self.words.complementizers:
                return self.nearest_subject(ctx, j)
        return []

    def last_two_states(self, ctx: SentenceContext, i: int) -> list[Slot]:
        out: list[Slot] = []
        for j in sorted((j for j in ctx.mention_at if j < i), reverse=True):
            m = ctx.mention_at[j]
            if m.entity.actor.country and not is_place(m.entity) and all(o.entity.actor.country != m.entity.actor.country for o in out):
                out.append(m)
            if len(out) == 2:
                return out
        return []

    def sentence_subject(self, ctx: SentenceContext, i: int) -> list[Slot]:
        """The subject of a sentence that opens with a verb (`استخدمت المملكة المتحدة ...`), for an
        event later in the same clause chain; never across reported speech."""
        if i < 2 or not ctx.tokens[0].is_word or ctx.quote_at[i] is not ctx.quote_at[0]:
            return []
        s = self.mention_at(ctx, 1)
        if s is None or s.last >= i or is_place(s.entity):
            return []
        if any(ctx.norms[k] in self.words.complementizers for k in range(s.last + 1, i)):
            return []
        return self.coordinated(ctx, s)

    def nearest_subject(self, ctx: SentenceContext, i: int, places: bool = False) -> list[Slot]:
        """The nearest actor to the left not inside a prepositional phrase: the clause's subject."""
        for j in range(i - 1, max(-1, i - 1 - SUBJECT_WINDOW), -1):
            if ctx.quote_at[j] is not ctx.quote_at[i] and self.speech_edge(ctx, i, j):
                break  # never across the edge of reported speech
            s = ctx.last_of.get(j)
            if s is not None and s.subject and (places or not is_place(s.entity)) and self.governor(ctx, s) is None \
                    and self.phrase_prep(ctx, -1, s.first) is None and not genitive_of_a_verbal_noun(ctx, s):
                return [s]
        return []

    def subject_before(self, ctx: SentenceContext, i: int) -> list[Slot]:
        j = i - 1
        while j >= 0 and (ctx.norms[j] in self.words.between_subject_and_verb or ctx.norms[j] in self.words.skip
                          or ctx.norms[j] == '"'):
            j -= 1
        s = ctx.last_of.get(j)
        if s is None or not s.subject or is_place(s.entity) or self.governor(ctx, s) or self.phrase_prep(ctx, -1, s.first):
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
        return self.coordinated(ctx, self.apposition(ctx, first))

    @staticmethod
    def passive_form(tok: Token, stripped: int) -> bool:
        """A vocalized passive: a damma on the first letter of the verb (قُتل، أُطلق، اُعتقل)."""
        letters = 0
        for k, ch in enumerate(tok.text):
            if normalize(ch):
                letters += 1
                if letters == stripped + 1:
                    return tok.text[k + 1:k + 2] == "\u064f"
        return False

    @staticmethod
    def circumstantial(ctx: SentenceContext, f: Found) -> bool:
        """A participle in the accusative after a clause (a حال): `، مطالبا`، `، منوها`، `متهما`."""
        i = f.token
        n = ctx.norms[i]
        if f.kind == "participle":
            return True
        return n.endswith("ا") and not n.startswith(("ال", "وال")) and i > 0 and ctx.norms[i - 1] in ("،", ",")

    def main_actor(self, ctx: SentenceContext, lo: int, hi: int, exclude: list[Entity]) -> list[Slot]:
        """The main actor of a stretch of reported content: its first actor that is not governed
        by a preposition and not a place (`أن النظام الإيراني يشعل الصراعات`: Iran)."""
        for j in range(lo, min(hi, len(ctx))):
            s = ctx.mention_at.get(j)
            if s is None or is_place(s.entity) or any(s.entity is x for x in exclude):
                continue
            if self.governor(ctx, s) is None:
                return [self.apposition(ctx, s)]
        return []


def describes(ctx: SentenceContext, L: int) -> bool:
    """Whether the light verb at L is a verb of describing (`وصف`، `اعتبر`): it serves evaluations only."""
    hits = ctx.hits[L][0]
    return bool(hits) and "describe" in hits[0].pattern.flags


def effective_distance(ctx: SentenceContext, i: int, j: int) -> int:
    """Words from i to j (i < j), a named actor counting as one: `قام ولي العهد السعودي الأمير محمد
    بن سلمان بزيارة` puts the noun two words from its light verb."""
    if j <= i:
        return 0
    d, k = 0, i + 1
    while k < j:
        s = ctx.mention_at.get(k)
        # punctuation is no word, and a hashtag `#الأمير_محمد_بن_سلمان` is one
        if ctx.tokens[k].is_word and not (k > 0 and ctx.norms[k - 1] == "_"):
            d += 1
        k = (s.last + 1) if s is not None else k + 1
    return d + 1


# -- the rules, in the order they are tried -------------------------------------------------

def borrow_light_verb_clause(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """A noun governed by a light verb takes that verb's clause: `شنت فرنسا غارات على سوريا`,
    `هجوم كيماوي شنه النظام` (a relative clause after the noun)."""
    f = st.f
    if not f.nominal:
        return
    lights = [L for L in st.lights if describes(ctx, L) == (f.kind == "eval")]
    near = [L for L in lights if 0 < effective_distance(ctx, L, f.token) <= LIGHT_VERB_WINDOW or 0 < L - f.token <= 2]
    light = min(near, key=lambda L: abs(f.token - L), default=None)
    if light is None and f.kind != "eval":
        light = next((L for L in lights if 0 < L - f.token <= RELATIVE_WINDOW
                      and ctx.norms[L].endswith(("ه", "ها"))), None)
    if light is not None:
        f.light = st.anchor = light
        st.verbal = True


def speaker_of_the_cue(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """The cue of a quote is said by its speaker, whom attribution found (with coreference and
    implicit speakers): `واتهم أردوغان أوروبا بأنها ...`، `وأضاف محذرا من ...`."""
    f = st.f
    q = ctx.cue_at.get(f.token) or (ctx.cue_at.get(f.light) if f.light is not None else None)
    if q is None:
        return
    f.cue_of = q
    speaker = ctx.speakers.get(q.id)
    if speaker is not None and not st.sources:
        # the speaker named right after the cue (`وطلبت تركيا من السعودية أن ...`) is the verb's subject
        # there, so the object is looked for after it, not on it
        after = sf.mention_at(ctx, st.anchor + 1, subject=True)
        if after is not None and after.entity is speaker:
            st.sources = [after]
        else:
            st.sources = [Slot(speaker, st.anchor, st.anchor)]


def speaker_of_first_person(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """Inside a quote, a first-person form is the speaker's side: `"زرنا القاهرة"`، `شراكتنا`."""
    speaker = ctx.speaker(st.f.token)
    if not st.sources and st.f.first_person and speaker is not None:
        st.sources = [Slot(speaker, st.anchor, st.anchor)]


def noun_before_verb_is_its_subject(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`قصف إسرائيلي استهدف موقعا`: a noun event right before a verb is the verb's subject."""
    f, prev = st.f, st.prev
    if st.sources or f.nominal or f.light is not None or prev is None:
        return
    if prev.nominal and prev.kind != "eval" and 0 < f.token - prev.token <= 3:
        if prev.sources:
            st.sources, st.svo = list(prev.sources), True
        else:
            # `الغارات على سوريا أوقعت قتلى`: the attack's doer is unknown here, and no one else is it
            st.targets, st.done = list(prev.targets), True


def conjoined_verb_shares_the_subject(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`اقتحمت قوات الاحتلال نابلس واعتقلت ...`: a verb joined by و to the last one shares its subject."""
    f, prev = st.f, st.prev
    if st.sources or f.nominal or prev is None or not prev.sources or prev.nominal:
        return
    if ctx.norms[f.token][:1] in "وف" and sf.mention_at(ctx, st.anchor + 1) is None:
        st.sources, st.svo, st.shared = list(prev.sources), True, prev


def subject_before_the_verb(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """SVO: `روسيا وسوريا تتهمان إسرائيل`، `الولايات المتحدة لا تستبعد`."""
    f = st.f
    if st.sources or not st.verbal or f.kind == "participle" or (f.light is not None and f.light > f.token):
        return
    st.sources = sf.subject_before(ctx, st.anchor)
    st.svo = bool(st.sources)


def pronoun_on_a_preposition(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`سبق له أن التقى X`: the pronoun, not the noun after the verb, is the doer."""
    a = st.anchor
    if st.sources or not st.verbal or a < 2:
        return
    if ctx.norms[a - 1] in sf.words.complementizers and ctx.norms[a - 2] in PRONOUN_ON_PREPOSITION:
        st.sources = sf.sentence_subject(ctx, a - 2) or sf.nearest_subject(ctx, a - 2)
        st.svo = bool(st.sources)


def subject_after_the_verb(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """VSO: `زار وزير الزراعة آفي ديختر باكو`; an unnamed doer of a named group counts as the
    group (`هاجم مسلحون من حركة الشباب`). When the subject is an event (`استهدف هجوم آخر ...
    حاجزا`، `أوقع الهجوم قتلى`), the doer is that event's, unknown here."""
    f = st.f
    if st.sources or not st.verbal or f.kind == "participle":
        return
    k = st.anchor + 1
    if f.light is None and k < len(ctx) and k in st.stops and k not in ctx.mention_at:
        st.event_subject = True
        return
    after = sf.mention_at(ctx, st.anchor + 1, subject=True)
    if after is not None and after.first != f.token:
        st.sources = sf.coordinated(ctx, after)
        return
    j = st.anchor + 1
    if j + 2 < len(ctx) and ctx.tokens[j].is_word and j not in ctx.mention_at and ctx.norms[j + 1] == "من":
        group = ctx.mention_at.get(j + 2)
        if group is not None and not is_place(group.entity):
            st.sources = [group]   # `مسلحون من حركة الشباب`، `عناصر من حزب الله`


def voice_of_the_verb(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """A passive names its victim (the subject slot) and, after `من قبل`/`على يد`, its doer:
    `قُتل الصحفي على يد مسلحين`. Unvocalized `قتل` (a `victim` entry) is active only when a doer
    and a victim both follow it (`قتلت قوات الاحتلال شابا`); `قتل 30 شخصا` names only victims."""
    f, p = st.f, st.f.pattern
    if not st.verbal or f.kind == "participle":
        return
    a = st.anchor
    st.agent = sf.passive_agent(ctx, a)
    passive = f.light is None and sf.passive_form(ctx.tokens[a], f.stripped)
    if f.light is None and "victim" in p.flags and not passive and st.sources and not st.svo and not st.agent:
        obj = next((m for k in range(st.sources[-1].last + 1, min(len(ctx), st.sources[-1].last + 4))
                    if (m := ctx.mention_at.get(k)) and sf.governor(ctx, m) is None), None)
        passive = obj is None
    elif f.light is None and "victim" in p.flags and not st.agent:
        passive = passive or st.svo or not st.sources
    if passive:
        # a count may stand between: `قتل 30 يمنيا`، `فلسطينيين اثنين قتلا`
        victims = st.sources or next((sf.coordinated(ctx, m) for k in range(a + 1, min(len(ctx), a + 4))
                                      if (m := ctx.mention_at.get(k)) and sf.governor(ctx, m) is None
                                      and sf.phrase_prep(ctx, a, m.first) is None), None) \
            or sf.nearest_subject(ctx, a)
        st.targets, st.sources = victims, st.agent
        f.passive = st.done = True
        return
    if st.agent:
        st.sources = st.agent


def speaker_evaluates(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """An evaluation in a quote is the speaker's (attribution's speaker, else the clause's subject
    before the quote: `قال المتحدث العراقي إن ...`), aimed at the actor it is said of: the nearest
    actor before it, back to the speaker, else the first one after it in the quote
    (`"الهجوم على زعامة ماي غير مقبول"`، `وصفت الخارجية المصرية الهجوم الإسرائيلي بأنه همجي`)."""
    f = st.f
    if f.kind != "eval" or f.light is not None:
        return
    q = ctx.quote_at[f.token]
    if q is None:
        return
    q_start = next(j for j in range(len(ctx)) if ctx.quote_at[j] is q)
    speaker = ctx.speaker(f.token)
    sources = [Slot(speaker, f.token, f.token)] if speaker is not None else sf.nearest_subject(ctx, max(0, q_start - 1))
    if not sources:
        return
    st.sources = sources
    prep_args = tuple(a for a in f.pattern.args if a != "obj")
    if prep_args:
        # `"يجب على إيران احترام الاتفاق"`: the entry's own argument names whom it is aimed at
        st.targets = sf.prep_target(ctx, f.token, prep_args, cross_commas=False)
        f.arg_target = bool(st.targets)
        if st.targets:
            st.done = True
            return
    me = [s.entity for s in sources]
    mine = {e.actor.country for e in me if e.actor.country}
    floor = max((j for j, m in ctx.mention_at.items() if m.entity in me and j < f.token), default=-1)
    before = [j for j in ctx.mention_at if floor < j < f.token]
    after = [j for j in ctx.mention_at if j > f.token and ctx.quote_at[j] is q]
    for j in sorted(before, reverse=True) + sorted(after):
        m = ctx.mention_at[j]
        own_state = m.entity.actor.country in mine and (not m.entity.id or m.entity.subtype == "country")
        if m.entity not in me and not is_place(m.entity) and not own_state:   # (`على بلاده`: the speaker's own state)
            st.targets = [m]
            break
    st.done = True


def object_of_the_describing_verb(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`اعتبر أردوغان العقوبات الأمريكية طعنة`: the describing verb's subject evaluates the actor
    named between it and the evaluation."""
    f = st.f
    if f.kind != "eval" or f.light is None:
        return
    start = max([s.last for s in st.sources if s.first > f.light], default=f.light) + 1
    for j in range(start, f.token):
        m = ctx.mention_at.get(j)
        if m is not None and not is_place(m.entity) and m.entity not in [s.entity for s in st.sources]:
            st.targets = [m]
            break
    else:
        st.targets = sf.pronoun_object_of_the_describing_verb(ctx, f.light, st.sources)
    st.done = True


def direct_object(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """The direct object of a verb (or participle) whose entry takes one, after its subject in
    VSO: `اتهمت روسيا بريطانيا`; `مطالبا إياها` points back to the clause's target."""
    f = st.f
    if st.targets or not st.verbal or "obj" not in f.pattern.args:
        return
    start = st.anchor + 1
    if st.sources and not st.svo and st.sources[-1].first > st.anchor:
        start = st.sources[-1].last + 1
    if f.light is not None:
        start = max(start, f.token + 1)
    if start < len(ctx) and ctx.norms[start] in OBJECT_PRONOUNS and st.prev is not None and st.prev.targets:
        st.targets = list(st.prev.targets)
        return
    obj = sf.mention_at(ctx, start, allow_comma=True)
    doers = [s.entity for s in st.sources]
    while obj is not None and obj.entity in doers and obj.last + 1 < len(ctx):
        # the subject named again in apposition (`العاهل الأردني الملك عبدالله الثاني`) is not its object
        obj = sf.mention_at(ctx, obj.last + 1, allow_comma=True)
    if obj is not None and obj.entity not in doers:
        st.targets = sf.coordinated(ctx, obj)


def after_the_verb_and_its_subject(st: Filling) -> int:
    """Where the trigger's object begins: the token after the trigger, or after its subject when the subject
    follows it (VSO: `دمرت طائرات التحالف مواقع` -> `مواقع`)."""
    if st.sources and st.sources[-1].first > st.f.token:
        return st.sources[-1].last + 1
    return st.f.token + 1


def owner_of_the_object(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`دمرت طائرات التحالف مواقع للحوثيين`، `تدمير بعض المواقع للحوثيين`: the object is a thing, and
    the actor after it with the ل of possession owns it, so the act falls on that actor."""
    f = st.f
    if st.targets or "obj" not in f.pattern.args:
        return
    start = after_the_verb_and_its_subject(st)
    for j in range(start + 1, min(len(ctx), start + 3)):
        n = ctx.norms[j - 1]
        if j - 1 in ctx.mention_at or j - 1 in st.stops or n in CLAUSE_BREAKS or n in sf.words.prepositions \
                or not ctx.tokens[j - 1].is_word:
            return   # the object must be a thing (no actor, no other event), in the clause
        owner = ctx.mention_at.get(j)
        if owner is not None:
            country = owner.entity.actor.country if owner.entity.actor else None
            # (an owner of no known state, `مواقع لتنظيم داعش في دير الزور`, says less than the place)
            if owner.clitic[-1:] == "ل" and country and not is_place(owner.entity) \
                    and owner.entity not in [s.entity for s in st.sources]:
                st.targets = sf.coordinated(ctx, owner)
            return


def is_nisba(n: str) -> bool:
    """A normalized word shaped like a relative adjective: الإسرائيلية، إيرانية، فلسطينيين."""
    return len(n) > 4 and n.endswith(("ي", "يه", "يين", "يون"))


def genitive_of_a_verbal_noun(ctx: SentenceContext, s: Slot) -> bool:
    """`لا يريد تقسيم الاتحاد الأوروبي`: an actor right after a word the lexicon knows only as a noun
    is that noun's genitive (its object or doer), not the subject of the clause."""
    k = s.first - 1
    if k < 0 or s.clitic or s.adjective or not s.entity.id or not ctx.hits or is_nisba(ctx.norms[s.first]):
        return False   # (`قوات إيرانية`، `القوات الإسرائيلية`: a demonym after a noun qualifies it)
    hits = ctx.hits[k][0]
    return bool(hits) and all(h.kind == "noun" for h in hits)


def in_a_place_phrase(ctx: SentenceContext, m: Slot) -> bool:
    """`في منطقة جنوب غرب سوريا`: a state named as the genitive of a place phrase (after a word that
    is neither an actor nor a trigger, with no و joining it to the words before)."""
    k = m.first - 1
    return k >= 0 and not m.clitic[:1] in ("و", "ف") and k not in ctx.mention_at and ctx.tokens[k].is_word \
        and not (ctx.hits and ctx.hits[k][0])


def place_named_again(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`المعارك مستمرة في منطقة جنوب غرب سوريا حيث يواصل النظام وروسيا قصف المنطقة`: an attack on
    `المنطقة`/`المدينة` (a bare place noun) falls on the place named last before it in the sentence."""
    f = st.f
    if st.targets or f.pattern.cameo[:2] not in FORCE_ROOTS or "obj" not in f.pattern.args:
        return
    j = after_the_verb_and_its_subject(st)
    if j >= len(ctx) or not ctx.norms[j].startswith("ال") or ctx.norms[j][2:] not in PLACE_HEADS or j in ctx.mention_at:
        return
    place = max((k for k, m in ctx.mention_at.items() if k < f.token and m.entity.type == "LOC"
                 and m.entity.actor and m.entity.actor.country and m.entity not in [s.entity for s in st.sources]
                 and (is_place(m.entity) or sf.governor(ctx, m) or in_a_place_phrase(ctx, m))), default=None)
    if place is not None:
        m = ctx.mention_at[place]
        st.targets = [Slot(m.entity, j, j)]


def instrument_names_doer_and_victim(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`قتل 8 فلسطينيين برصاص القوات الإسرائيلية`: the instrument's genitive is the doer and the
    actor before it the victim."""
    f = st.f
    if not f.nominal or st.verbal or "by" not in f.pattern.flags:
        return
    gen = sf.mention_at(ctx, f.token + 1)
    st.sources = sf.coordinated(ctx, gen) if gen else []
    st.targets = sf.nearest_subject(ctx, f.token, places=True)
    st.done = True


def genitive_of_the_verbal_noun(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """The genitive after a verbal noun: its doer (`زيارة الرئيس`), or its object when the entry
    takes one (`اعتقال الصحفي`) -- unless a `ل` phrase names the object, and then the genitive is
    the doer: `اتهام موسكو لبريطانيا` is Moscow accusing Britain."""
    f = st.f
    if not f.nominal or st.verbal or st.sources or st.targets or f.possessive:
        return   # (`زيارته للسعودية`: after a pronoun suffix there is no genitive)
    gen = sf.mention_at(ctx, f.token + 1)
    if gen is None:
        return
    if is_place(gen.entity) and "obj" not in f.pattern.args:
        return  # `هجوم دوما`: a town after the noun is where it happened, not who did it
    if gen.entity.type == "LOC" and normalize("إلى") in f.pattern.args and not gen.adjective:
        st.targets = sf.coordinated(ctx, gen)   # `لزيارة النمسا`: a visit's genitive state is where it goes
        return
    if "obj" in f.pattern.args and not gen.adjective:
        gen_all = sf.coordinated(ctx, gen)
        j = gen_all[-1].last + 1
        obj = ctx.mention_at.get(j) if j < len(ctx) else None
        if obj is not None and sf.governor(ctx, obj) == "ل" and not is_place(obj.entity):
            st.sources, st.targets = gen_all, sf.coordinated(ctx, obj)
        elif j < len(ctx) and ctx.norms[j] in PRONOUN_ON_PREPOSITION:
            # `رفضت الصين اتهام الولايات المتحدة لها`: the pronoun is the object, and the clause's subject
            st.sources, st.targets = gen_all, sf.nearest_subject(ctx, f.token)
        else:
            st.targets = gen_all
    else:
        st.sources = sf.coordinated(ctx, gen)


def actor_before_the_masdar(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`محاولات إيران إيذاء الإسرائيليين`: the actor right before a masdar that takes an object is its doer."""
    f = st.f
    if not f.nominal or st.verbal or st.sources or "obj" not in f.pattern.args:
        return
    if ctx.norms[f.token].startswith(("ال", "وال")) or ctx.tokens[f.token].prefix:
        return  # `نفت السعودية الاتهامات`: a definite noun after an actor is the verb's object, not its action
    before = ctx.last_of.get(f.token - 1)
    if before is not None and not is_place(before.entity) and sf.governor(ctx, before) is None:
        st.sources = [before]


def demonym_after_the_noun(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """A demonym after the noun and its adjectives is its doer: `ضربات صاروخية أميركية`."""
    f = st.f
    if not f.nominal or st.verbal or st.sources or st.targets or f.possessive:
        return
    adj = next((ctx.mention_at[j] for j in range(f.token + 1, min(len(ctx), f.token + 4)) if j in ctx.mention_at), None)
    if adj is not None and not is_place(adj.entity) and sf.governor(ctx, adj) is None \
            and all(ctx.tokens[k].is_word for k in range(f.token + 1, adj.first)):
        st.sources = [adj]


ADDRESSEE_DOES = ("02", "10", "11")
# the rules that may still name the doer when a verb's subject is an event: its own agent phrase
EVENT_SUBJECT_KEEPS = ("voice_of_the_verb", "agent_of_the_noun", "instrument_names_doer_and_victim")   # appeal, demand, accuse: what follows is done by the one addressed


def complement_of_the_previous_trigger(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """A verbal noun right after another event's clause is what that event is about, done by its
    subject (`وافقت الولايات المتحدة على بيع أسلحة`، `اتفقت قطر وتركيا على الارتقاء بالعلاقات`) or,
    after an appeal, demand or accusation, by the one addressed (`دعت ألمانيا روسيا إلى الإفراج`،
    `اتهمت واشنطن دمشق بشن هجوم`)."""
    f, prev = st.f, st.prev
    if not f.nominal or f.kind == "eval" or st.sources or prev is None or not prev.sources:
        return
    if f.possessive and ctx.norms[f.token][:1] == "و":
        return   # `تنديدات الولايات المتحدة وتحذيراتها`: joined to the event before, not its content
    # (only sides between the two count: a side found beyond the noun, `غارات ردا على هجوم على دوما`,
    # does not make the noun follow the clause)
    end = max([prev.token] + [s.last for s in prev.sources + prev.targets if prev.token < s.first < f.token])
    # (the noun's own light verb may stand between: `اتهمت واشنطن دمشق بشن هجوم`)
    between = [k for k in range(end + 1, f.token) if ctx.tokens[k].is_word and k != f.light]
    if len(between) > 1 or any(ctx.norms[k] not in sf.words.prepositions for k in between):
        return
    if prev.pattern.cameo[:2] in ADDRESSEE_DOES:
        st.sources = list(prev.targets)
    else:
        st.sources = list(prev.sources)
    f.content_of = prev


def complement_of_a_control_verb(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`يستعد الرئيس الروسي لزيارة النمسا`، `تعتزم تركيا شراء`: a verbal noun governed by a verb
    of intending, trying or asking (no event itself) is done by that verb's subject."""
    f = st.f
    if not f.nominal or f.kind == "eval" or st.sources:
        return
    for c in range(f.token - 1, max(-1, f.token - 8), -1):
        n = ctx.norms[c]
        if n in sf.words.control or (n[:1] in "وف" and n[1:] in sf.words.control):
            break
        if ctx.norms[c] in CLAUSE_BREAKS or c in st.stops:
            return
    else:
        return
    subject = sf.mention_at(ctx, c + 1, subject=True)
    end = subject.last if subject is not None else c
    between = [k for k in range(end + 1, f.token) if ctx.tokens[k].is_word and k != f.light]
    if len(between) > 1 or any(ctx.norms[k] not in sf.words.prepositions for k in between):
        return
    st.sources = sf.coordinated(ctx, subject) if subject is not None else sf.subject_before(ctx, c)


def agent_of_the_noun(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`اعتقال الصحفي من قبل قوات الأمن`: a noun's doer after `من قبل`."""
    if st.f.nominal and not st.verbal and not st.sources:
        st.sources = sf.passive_agent(ctx, st.f.token)


def prepositional_target(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """The argument of one of the entry's prepositions, in the entry's order of preference:
    `ألقى باللوم على روسيا`، `تظاهروا أمام السفارة الإسرائيلية`."""
    f = st.f
    prep_args = tuple(a for a in f.pattern.args if a != "obj")
    if not st.targets and prep_args:
        st.targets = sf.prep_target(ctx, max(st.anchor, f.token), prep_args, cross_commas=st.verbal)
    f.arg_target = bool(st.targets)


def between_two_actors(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """A joint action between two actors: `التعاون بين مصر والأردن`، `اشتباكات بين الجيش والمتمردين`."""
    f = st.f
    joint = f.pattern.symmetric or any(a in ("مع", "بين") for a in f.pattern.args)   # done with someone
    if not joint or (st.sources and st.targets):
        return
    for j in range(st.anchor + 1, min(len(ctx), st.anchor + 6)):
        if ctx.norms[j] in CLAUSE_BREAKS:
            return
        if ctx.norms[j] == "بين":
            first = ctx.mention_at.get(sf.skip_titles(ctx, j + 1))   # governed by بين itself
            if first is None:
                return
            pair = sf.coordinated(ctx, first)
            if len(pair) >= 2:
                if st.sources:
                    st.targets = [p for p in pair if p.entity not in [s.entity for s in st.sources]]
                else:
                    st.sources, st.targets = pair[:1], pair[1:]
            elif not st.sources and not st.targets:
                st.sources = pair   # `بين الجيش المالي والمتمردين`: the other side is no named actor
            return


def partner_of_the_shared_subject(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`زار ديختر باكو ووقع على خريطة طريق`: the verb that shares a subject shares the partner too."""
    if not st.targets and st.shared is not None and st.f.pattern.cameo[:2] not in FORCE_ROOTS:
        st.targets = [t for t in st.shared.targets if not is_place(t.entity) or t.entity.subtype == "city"]


def dual_pronoun_stands_for_two_states(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`صفقاتهما العسكرية`: the dual pronoun stands for the last two states named."""
    if not st.sources and not st.targets and st.f.possessive == "هما":
        pair = sf.last_two_states(ctx, st.f.token)
        if pair:
            st.sources, st.targets = pair[:1], pair[1:]


def next_actor_is_the_target(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """A verbal or cooperative event aims at the first actor after it (`ترحب بدفء علاقاتها مع
    إسرائيل`); force and protest never do (`متظاهرين برصاص القوات الإسرائيلية`)."""
    f = st.f
    if st.targets or f.pattern.cameo[:2] in FORCE_ROOTS + (PROTEST_ROOT,):
        return
    inside = {k for s in st.sources for k in range(s.first, s.last + 1)}
    st.targets = sf.next_actor(ctx, max(st.anchor, f.token), [s.entity for s in st.sources], st.stops | inside)


def conjoined_verb_shares_the_partner(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`زار ... ووقع`: a verb joined by و shares the subject (and, lacking one, the partner) of the last one."""
    f, prev = st.f, st.prev
    if st.sources or not st.verbal or prev is None or not prev.sources or ctx.norms[f.token][:1] not in "وف":
        return
    st.sources = list(prev.sources)
    st.targets = st.targets or [t for t in prev.targets if not is_place(t.entity) or t.entity.subtype == "city"]


def circumstantial_participle(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`وتحدى أردوغان السعودية، مطالبا إياها`: a participle after a clause has the clause's subject."""
    f, prev = st.f, st.prev
    if f.light is not None or not sf.circumstantial(ctx, f):
        return
    if prev is not None and prev.sources:
        st.sources = list(prev.sources)
        st.targets = st.targets or list(prev.targets)
    elif not st.sources:
        st.sources = sf.sentence_subject(ctx, f.token) or sf.nearest_subject(ctx, f.token)


def first_person_noun_is_the_speakers(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`شراكتنا` in a quote: the speaker's side."""
    speaker = ctx.speaker(st.f.token)
    if not st.sources and st.f.nominal and st.f.first_person and speaker is not None:
        st.sources = [Slot(speaker, st.f.token, st.f.token)]


def possessive_pronoun_is_the_subject(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`عبر ماكرون ... عن استعداده`: a noun's pronoun stands for the clause's subject."""
    f = st.f
    if not st.sources and f.possessive and not f.first_person:
        i = f.token
        genitive = ctx.mention_at.get(i - 1) if i > 0 else None
        if genitive is None and i > 1:
            genitive = next((m for m in ctx.mention_at.values() if m.last == i - 1), None)
        if ctx.norms[i][:1] == "و" and genitive is not None and not is_place(genitive.entity):
            # `تنديدات الولايات المتحدة وتحذيراتها`: a noun joined to the one before it, whose genitive
            # is an actor, has that actor for its pronoun
            st.sources = [genitive]
            return
        st.sources = sf.sentence_subject(ctx, f.token) or sf.nearest_subject(ctx, f.token)


def modifies_a_phrase_noun(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> bool:
    """`ردا على هجوم كيماوي`: a noun trigger right after another one inside a prepositional phrase
    describes that noun (the chemical attack), and refers back to an event as it does."""
    i = st.f.token
    return i > 0 and (i - 1) in st.stops and sf.in_phrase(ctx, i - 1)


TRIP = "042"   # CAMEO: make a visit


def subject_of_the_clause(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """The nearest subject to the left; a noun inside a prepositional phrase (`في هجوم دوما`)
    refers back to an event rather than reporting who acted, and gets none."""
    f = st.f
    if not st.sources and (st.verbal or not sf.in_phrase(ctx, f.token) and not modifies_a_phrase_noun(sf, ctx, st)):
        st.sources = sf.nearest_subject(ctx, min(st.anchor, f.token))


def traveller_of_the_trip(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`قال أردوغان خلال زيارة إلى إندونيسيا`، `يستعد لزيارة النمسا`: a visit named in a phrase, with no
    doer of its own, is the trip of the clause's subject (of the sentence's, or of the subject the last
    sentences were about); a visit is made by someone, unlike `في هجوم دوما`, which recalls an event."""
    f = st.f
    if st.sources or st.verbal or f.pattern.cameo != TRIP or not sf.in_phrase(ctx, f.token):
        return
    st.sources = sf.nearest_subject(ctx, f.token) or sf.sentence_subject(ctx, f.token)
    if not st.sources and ctx.carried is not None and ctx.quote_at[f.token] is None:
        st.sources = [Slot(ctx.carried, st.anchor, st.anchor)]


def speaker_of_indirect_speech(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`قال إنه التقى ...`: a verb with no subject inside reported speech is the speaker's."""
    speaker = ctx.speaker(st.f.token)
    if not st.sources and st.verbal and speaker is not None:
        st.sources = [Slot(speaker, st.anchor, st.anchor)]


def subject_of_the_sentence(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`استخدمت المملكة المتحدة ... وأطلقت`: the subject of a sentence that opens with a verb."""
    if not st.sources and (st.verbal or not sf.in_phrase(ctx, st.f.token) and not modifies_a_phrase_noun(sf, ctx, st)):
        st.sources = sf.sentence_subject(ctx, min(st.anchor, st.f.token))


def subject_carried_over(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`ودعا إلى إجراء استفتاء ثان`: a verb with no subject of its own, opening its sentence, is
    about the subject the last sentences were about (or their speaker)."""
    f = st.f
    if st.sources or f.kind not in ("past", "present") or ctx.carried is None or ctx.quote_at[f.token] is not None:
        return
    opening = all(not ctx.tokens[k].is_word or ctx.norms[k] in sf.words.between_subject_and_verb for k in range(0, st.anchor))
    if opening:
        st.sources = [Slot(ctx.carried, st.anchor, st.anchor)]


def reaction_to_what_was_said(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`لكن السعودية تنفي ذلك`: a denial, criticism or rejection of `ذلك` (what was just told) is
    aimed at the last actor of earlier sentences on another side."""
    f = st.f
    if st.targets or f.pattern.cameo[:2] not in REACTIONS or not st.sources:
        return
    after = [ctx.norms[k] for k in range(f.token + 1, min(len(ctx), f.token + 3))]
    if not any(n in sf.words.demonstratives for n in after):
        return
    mine = {s.entity.actor.country for s in st.sources}
    other = next((e for e in ctx.recent if e not in [s.entity for s in st.sources]
                  and (e.actor.country is None or e.actor.country not in mine)), None)
    if other is not None:
        st.targets = [Slot(other, f.token, f.token)]


def reaction_to_the_act_named_again(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`تنصلتا من تصريحات أطلقها المالكي ضد السعودية، بينما استنكرت منظمة التعاون الإسلامي التصريحات`:
    a reaction whose object repeats, definite, the noun of the sentence's previous event is aimed at
    that event's doer."""
    f, prev = st.f, st.prev
    if st.targets or f.pattern.cameo[:2] not in REACTIONS or prev is None or not prev.sources:
        return
    j = after_the_verb_and_its_subject(st)
    if j >= len(ctx) or not ctx.norms[j].startswith("ال"):
        return
    if prev.token < f.token and ctx.cores[j] == ctx.cores[prev.token]:
        doers = [s.entity for s in st.sources]
        st.targets = [s for s in prev.sources if s.entity not in doers]


def target_of_a_speech_act(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """A speech act with no object of its own is aimed at the main actor of what it introduces:
    `وحذر ترامب من أن إيران ستواجه ...` is a warning to Iran."""
    f = st.f
    q = f.cue_of
    if st.targets or q is None or "speech" not in f.pattern.flags:
        return
    lo = next((j for j in range(f.token + 1, len(ctx)) if ctx.quote_at[j] is q), None)
    if lo is None:
        return
    hi = next((j for j in range(lo, len(ctx)) if ctx.quote_at[j] is not q), len(ctx))
    st.targets = sf.main_actor(ctx, lo, hi, [s.entity for s in st.sources])


def reaction_beside_the_clause(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`ومضى الأسد في الهجوم برغم تنديدات الولايات المتحدة`، `وسط انتقادات من الحلف`: a reaction noun
    with no target of its own, after `رغم` or `وسط`, is aimed at the subject of the clause it stands beside."""
    f = st.f
    if st.targets or not f.nominal or f.pattern.cameo[:2] not in REACTIONS + ("10", "13"):
        return
    prev = st.prev
    if ctx.norms[f.token][:1] == "و" and prev is not None and prev.nominal and prev.targets and \
            [s.entity for s in prev.sources] == [s.entity for s in st.sources]:
        st.targets = list(prev.targets)   # `تنديدات الولايات المتحدة وتحذيراتها`: the same aim
        return
    k = next((k for k in range(f.token - 1, max(-1, f.token - 3), -1) if ctx.norms[k] in sf.words.despite), None)
    if k is None or k == 0:
        return
    mine = [s.entity for s in st.sources]
    subject = [s for s in sf.sentence_subject(ctx, k) or sf.nearest_subject(ctx, k) if s.entity not in mine]
    if subject:
        st.targets = subject


def whoever_says_the_idiom(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """`قال ترامب إن الأسد "سيدفع ثمنا باهظا"`: whoever says it threatens the verb's subject."""
    if "said" not in st.f.pattern.flags:
        return
    speaker = ctx.speaker(st.f.token)
    st.targets = st.sources
    st.sources = [Slot(speaker, st.f.token, st.f.token)] if speaker is not None else sf.speech_subject(ctx, st.f.token)


def joint_action_splits_its_doers(sf: SlotFiller, ctx: SentenceContext, st: Filling) -> None:
    """A joint action (meet, clash) with two coordinated doers and no target: the second is the target."""
    if st.f.pattern.symmetric and not st.targets and len(st.sources) > 1:
        st.sources, st.targets = st.sources[:1], st.sources[1:]


def react_to_the_doer_of_the_next_event(sf: SlotFiller, ctx: SentenceContext, f: Found, g: Found) -> None:
    """`استنكر ... تصريحات المالكي`: a reaction to another event is aimed at its doer."""
    if "eval" in (f.kind, g.kind):
        return   # an evaluation is aimed at whom it is said of, not at the next event's doer
    if not f.arg_target and g.sources and g.nominal and g.token - f.token <= REACTION_WINDOW \
            and f.pattern.cameo[:2] in REACTIONS and not any(ctx.norms[k] in STRONG_BREAKS for k in range(f.token, g.token)):
        doers = [s for s in g.sources if s.entity not in [x.entity for x in f.sources]]
        if doers:
            f.targets = doers
            f.rules["target"] = "react_to_the_doer_of_the_next_event"


RULES: tuple[tuple[str, Rule], ...] = tuple((r.__name__, r) for r in (
    borrow_light_verb_clause,
    speaker_of_the_cue,
    speaker_of_first_person,
    noun_before_verb_is_its_subject,
    conjoined_verb_shares_the_subject,
    subject_before_the_verb,
    pronoun_on_a_preposition,
    subject_after_the_verb,
    voice_of_the_verb,
    speaker_evaluates,
    object_of_the_describing_verb,
    direct_object,
    instrument_names_doer_and_victim,
    genitive_of_the_verbal_noun,
    actor_before_the_masdar,
    demonym_after_the_noun,
    complement_of_the_previous_trigger,
    complement_of_a_control_verb,
    agent_of_the_noun,
    owner_of_the_object,
    place_named_again,
    between_two_actors,
    prepositional_target,
    partner_of_the_shared_subject,
    dual_pronoun_stands_for_two_states,
    next_actor_is_the_target,
    conjoined_verb_shares_the_partner,
    circumstantial_participle,
    first_person_noun_is_the_speakers,
    possessive_pronoun_is_the_subject,
    subject_of_the_clause,
    traveller_of_the_trip,
    speaker_of_indirect_speech,
    subject_of_the_sentence,
    subject_carried_over,
    reaction_to_what_was_said,
    reaction_to_the_act_named_again,
    target_of_a_speech_act,
    reaction_beside_the_clause,
    whoever_says_the_idiom,
    joint_action_splits_its_doers,
))
