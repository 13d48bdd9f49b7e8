"""Coreference in one document: one entity per real-world referent.

Every `Found` ends with a cluster key (`refers`): `kb:<id>` for what the knowledge base knows,
`per:<name>` / `org:<head>:<state>` / `<type>:<name>` for what it does not. The rules:
- a title next to a name is a mention of that person (`سفير أذربيجان` of `مختار محمدوف`);
- a title alone names the person of the document who holds that office (`الرئيس الأمريكي` ->
  `دونالد ترامب` named earlier), else the office holder at the article's date (kb.holders);
- a later short form of a name is the same person (`محمدوف` -> `مختار محمدوف`);
- labels (`دولة الاحتلال`) are their state; anaphors (`المملكة`) the last state named that fits;
  `بلاده/بلادنا` the state of the nearest person before them (the speaker or the subject),
  else of the nearest state;
- a bare institution head (`الوزارة`, `وزارة الخارجية`) is the last one named with that head;
- a nationality noun (`الأتراك`) is a mention of its state when the state is named too.
"""
from __future__ import annotations

from bisect import bisect_left

from ..doc import Actor, Entity, Mention
from ..text.normalize import normalize
from .context import body_key
from .found import Found
from .rules import COUNTERPART, ActorLexicon

PRONOUN_LOOKBACK_SENTENCES = 2
# A word seen with the article ال at least this share of its own count is a noun (الوقت، البيت), not a verb.
NOUN_ARTICLE_SHARE = 0.25
# A last name this frequent as an ordinary word is not searched for alone (corpus counts).
SHORT_NAME_MAX_COUNT = 3500
COUNTRY_SUBTYPES = ("country", "territory")
# Offices a state (or organization) fills with one person at a time: a title alone names the holder
# at the article's date. A state has many spokespeople, ambassadors, envoys and ministers.
SINGLE_HOLDER_OFFICES = frozenset({
    "head_of_state", "head_of_government", "king", "crown_prince", "supreme_leader", "vice_president",
    "foreign_minister", "defence_minister", "interior_minister", "finance_minister", "army_chief",
    "intelligence_chief", "speaker_of_parliament", "secretary_general",
})


def _country_key(kb, iso3: str | None) -> str | None:
    if not iso3:
        return None
    e = kb.country(iso3)
    return "kb:" + e.id if e is not None else None


def _person_offices(f: Found, kb) -> set[tuple[str, str | None]]:
    out: set[tuple[str, str | None]] = set()
    if f.kb_id:
        e = kb.get(f.kb_id)
        if e is not None:
            out |= {(p.position, p.country) for p in e.positions}
    return out


def resolve(found: list[Found], doc, kb, lexicon: ActorLexicon, date: str | None, vocab: dict[str, int],
            function_words: frozenset[str] = frozenset()) -> None:
    """Set `refers` on every mention that is kept; drop the ones that refer to nothing."""
    sentence_of = doc.sentence_of
    # persons the rules or the tagger found
    for f in found:
        if f.drop:
            continue
        if f.type == "PER" and f.source in ("rule", "tagger") and not f.refers:
            f.refers = "per:" + normalize(doc.text[f.start:f.end])
        elif f.source == "tagger" and not f.refers:
            f.refers = f"{f.type.lower()}:" + normalize(doc.text[f.start:f.end])
    _short_names(found, doc, lexicon, vocab)
    _nationality_before_names(found, doc, kb)
    # titles with a holder next to them; an unknown person with a title and no state is of the
    # article's main state (`رئيس الوزراء حيدر العبادي` in an article about Iraq)
    main_state = dominant_state(found, kb)
    offices: dict[str, set[tuple[str, str | None]]] = {}
    for f in found:
        if not f.drop and f.type == "PER" and f.refers and f.source != "title":
            offices.setdefault(f.refers, set()).update(_person_offices(f, kb))
    for f in found:
        if f.drop or f.source != "title" or f.holder is None:
            continue
        h = f.holder
        f.refers = h.refers
        if not (f.country or f.position or f.org):
            f.drop = True   # a bare honorific (الأمير، الدكتور) next to the name adds no mention
        if f.position:
            offices.setdefault(h.refers, set()).add((f.position, f.country))
        if not h.kb_id:
            h.country = h.country or f.country or main_state
            h.role = h.role or f.role
    # titles alone; the people who can hold an office do not change in this loop, so they are listed once
    people = [j for j, g in enumerate(found) if not g.drop and g.type == "PER" and g.refers and g.source != "title"]
    for i, f in enumerate(found):
        if f.drop or f.source != "title" or f.holder is not None:
            continue
        if not f.position and f.key.startswith(COUNTERPART):
            f.position = _counterpart_office(found[:i], offices)
        f.refers = _holder_in_doc(f, found, people, i, offices)
        if f.refers is None and f.former:
            # "the former minister": the person of the sentence it describes, never today's holder
            f.refers = next((g.refers for g in reversed(found[:i]) if not g.drop and g.type == "PER" and g.refers
                             and g.source != "title" and sentence_of(g.start) == sentence_of(f.start)), None)
        elif f.refers is None and f.position in SINGLE_HOLDER_OFFICES and (f.country or f.org):
            holders = kb.holders(f.position, country=f.country, org=f.org, date=date)
            if holders:
                f.refers, f.kb_id = "kb:" + holders[0].id, holders[0].id
        if f.refers is None:
            f.drop = True
    _capitals_for_governments(found, doc, kb, vocab, function_words)
    _nationality_inside_names(found, doc, kb)
    # what the KB does not know and nothing placed (a person, a town, a body named in an article about
    # one state) is taken to be of the article's main state
    if main_state:
        placed = _cluster_countries(found)
        for f in found:
            if not f.drop and not f.kb_id and f.source in ("tagger", "rule") and not placed.get(f.refers):
                f.country = main_state
    # labels, anaphors, institutions without a state, pronouns, nationality nouns
    last_org: dict[str, str] = {}
    for i, f in enumerate(found):
        if f.drop:
            continue
        if f.source == "label":
            if f.kb_id and kb.get(f.kb_id) is not None:
                e = kb.get(f.kb_id)
                f.refers, f.type, f.country = "kb:" + e.id, e.type, e.country
            else:
                f.refers = _country_key(kb, f.country)
        elif f.source == "anaphor":
            f.refers = _last_state(found[:i], kb, set(lexicon.anaphors[f.key].countries))
        elif f.source == "institution" and f.type == "ORG":
            head = body_key(f.key)
            if f.refers:
                last_org[head] = f.refers
            else:
                f.refers = last_org.get(head)
                if f.refers is None and main_state and lexicon.institutions[f.key].alone:
                    f.country = main_state
                    f.refers = last_org[head] = f"org:{head}:{main_state}"
        elif f.source == "pronoun":
            f.refers = _pronoun_state(found[:i], kb, sentence_of(f.start), sentence_of, _cluster_countries(found))
        elif f.source == "kb" and f.kind == "demonym":
            f.refers = _nationality_noun(f, doc, kb, found)
        if f.refers is None:
            f.drop = True


def _feminine_verb(word: str, kb, vocab: dict[str, int], function_words: frozenset[str]) -> bool:
    """`قالت`، `ترفض`: a third-person feminine verb form; not a function word (تحت), a name the KB knows
    (بيروت) or a noun (وقت، بيت: nouns also take the article ال, verbs never)."""
    if len(word) < 3 or not (word.endswith("ت") or (word.startswith("ت") and len(word) >= 4)):
        return False
    if word in function_words or word in kb.alias_index():
        return False
    return vocab.get("ال" + word, 0) < NOUN_ARTICLE_SHARE * vocab.get(word, 0) or not vocab.get(word, 0)


# What may stand between a nationality adjective and the name it describes: spaces, an apposition comma
# (`الممثل الأمريكي، جيم كاري`) and the quotes around a nickname-like adjective (`"اليوناني" جورجيوس دونيس`).
NATIONALITY_NAME_GAP = " \u00a0،,\"'«»“”"
NATIONALITY_NAME_GAP_CHARS = 4


def _nationality_before_names(found: list[Found], doc, kb) -> None:
    """`اللاعب البرازيلي نيمار`، `الكونغولي شاباني نوندا`، `الممثل الكوميدي الأمريكي، جيم كاري`: a nationality
    adjective right before a name the KB does not know (in apposition after a comma, or in quotes) gives the
    person its state (the text says it)."""
    by_end = {f.end: f for f in found if not f.drop and f.source == "kb" and f.kind == "demonym"}
    if not by_end:
        return
    text = doc.text
    for f in found:
        if f.drop or f.kb_id or f.country or f.type != "PER" or f.source not in ("tagger", "rule"):
            continue
        j = f.start
        while j > 0 and f.start - j < NATIONALITY_NAME_GAP_CHARS and text[j - 1] in NATIONALITY_NAME_GAP:
            j -= 1
        while j > 0 and text[j - 1] in " \u00a0":
            j -= 1
        g = by_end.get(j)
        if g is not None and normalize(text[g.start:g.end]).endswith("ي"):
            f.country = kb.country_of_demonym(g.key)


def _nationality_inside_names(found: list[Found], doc, kb) -> None:
    """`البنك الوطني السويسري`، `وكالة الفضاء الأمريكية ناسا`: a body the KB does not know whose name
    qualifies itself with a nationality adjective (a definite word after the first) is of that state (the text
    says it). The first such adjective counts: `حزب الشعب الديموقراطي التركي الموالي للاكراد` -> TUR. Not a
    place: `المحيط الهندي` is no Indian place."""
    text = doc.text
    for f in found:
        if f.drop or f.kb_id or f.country or f.type != "ORG" or f.source not in ("tagger", "rule"):
            continue
        for word in text[f.start:f.end].split()[1:]:
            w = normalize(word)
            iso = kb.country_of_demonym(w) if w.startswith("ال") and w.endswith(("ي", "يه")) else None
            if iso:
                f.country = iso
                break


def _capitals_for_governments(found: list[Found], doc, kb, vocab: dict[str, int] = {},
                              function_words: frozenset[str] = frozenset()) -> None:
    """`قالت موسكو`، `ترفض واشنطن`: a capital acting (the subject of a feminine verb right before it)
    stands for its state's government: a mention of the state. `في موسكو` stays the city."""
    text = doc.text
    for f in found:
        if f.drop or not f.kb_id or f.type != "LOC" or f.subtype != "city" or not f.country:
            continue
        capital = kb.capital_of(f.country)
        if capital is None or capital.id != f.kb_id or normalize(text[f.start - 1:f.start]) in ("ب", "ل", "ك"):
            continue
        words = text[max(0, f.start - 30):f.start].split()
        if not words:
            continue
        verb = normalize(words[-1]).lstrip("وف")
        if _feminine_verb(verb, kb, vocab, function_words):
            state = _country_key(kb, f.country)
            if state:
                f.refers, f.kind = state, "alias"


def dominant_state(found: list[Found], kb) -> str | None:
    """The state the article is mostly about: named (or its places, adjectives) clearly most often."""
    counts: dict[str, int] = {}
    for f in found:
        if f.source == "kb" and f.kind == "demonym":
            iso = kb.country_of_demonym(f.key)
        elif f.type == "LOC" and f.country and (f.kb_id or f.source in ("label", "institution")):
            iso = f.country
        else:
            continue
        if iso:
            counts[iso] = counts.get(iso, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    return ranked[0][0]


def _counterpart_office(before: list[Found], offices: dict[str, set[tuple[str, str | None]]]) -> str | None:
    """`نظيره الأمريكي`: the counterpart holds the office of the person named last before it."""
    for g in reversed(before):
        if not g.drop and g.type == "PER" and g.refers and g.source != "title" and offices.get(g.refers):
            return sorted(p for p, _ in offices[g.refers])[0]
    return None


def _holder_in_doc(f: Found, found: list[Found], people: list[int], i: int,
                   offices: dict[str, set[tuple[str, str | None]]]) -> str | None:
    """The person of the document holding the title's office: the nearest before it, else after.
    `people` are the indices in `found` of the persons who can hold an office, in order."""
    if not f.position:
        return None

    def fits(key: str) -> bool:
        held = offices.get(key, ())
        if f.country:
            return (f.position, f.country) in held
        return any(p == f.position for p, _ in held)

    k = bisect_left(people, i)
    for j in (*reversed(people[:k]), *people[k:]):
        g = found[j]
        if j != i and fits(g.refers):
            if not f.country and len({k for k in offices if any(p == f.position for p, _ in offices[k])}) > 1:
                return None   # two holders of a title with no state: too ambiguous
            return g.refers
    return None


def _last_state(before: list[Found], kb, allowed: set[str]) -> str | None:
    for g in reversed(before):
        if g.drop or not g.refers or not g.refers.startswith("kb:"):
            continue
        e = kb.get(g.refers[3:])
        if e is not None and e.subtype in COUNTRY_SUBTYPES and e.country in allowed:
            return g.refers
    return None


def _cluster_countries(found: list[Found]) -> dict[str, str]:
    """The state of each cluster so far: its names' before its titles'."""
    out: dict[str, str] = {}
    for f in sorted(found, key=lambda f: f.source == "title"):
        if not f.drop and f.refers and f.country:
            out.setdefault(f.refers, f.country)
    return out


def _pronoun_state(before: list[Found], kb, sentence: int, sentence_of, countries: dict[str, str]) -> str | None:
    """The state of the nearest person before the pronoun, else the nearest state, within a few sentences."""
    for g in reversed(before):
        if sentence - sentence_of(g.start) > PRONOUN_LOOKBACK_SENTENCES:
            break
        if g.drop or not g.refers:
            continue
        if g.type == "PER" and g.source != "title":
            country = countries.get(g.refers) or g.country
            return _country_key(kb, country) if country else None
    for g in reversed(before):
        if sentence - sentence_of(g.start) > PRONOUN_LOOKBACK_SENTENCES:
            break
        if not g.drop and g.type == "LOC" and g.refers and g.refers.startswith("kb:loc:country:"):
            return g.refers
    return None


def _nationality_noun(f: Found, doc, kb, found: list[Found]) -> str | None:
    """`الأتراك` standing as a noun (not after a definite noun it would qualify) is its state, if named."""
    text = doc.text
    surface = normalize(text[f.start:f.end])
    if not surface.startswith("ال") or surface.endswith(("ي", "يه")):
        return None   # singular nisba forms are adjectives (الموقف الأذري); nouns are plural (الأتراك)
    words = text[max(0, f.start - 40):f.start].split()
    if words and normalize(words[-1]).strip("\"'«»“”(").startswith(("ال", "وال", "بال", "فال", "لل")):
        return None
    iso = kb.country_of_demonym(f.key)
    key = _country_key(kb, iso)
    if key and any(not g.drop and g.refers == key and g.kind == "name" for g in found):
        f.kind = "demonym"
        return key
    return None


def _short_names(found: list[Found], doc, lexicon: ActorLexicon, vocab: dict[str, int]) -> None:
    """Add later one-word mentions of multi-word names the KB lacks (`محمدوف` -> `مختار محمدوف`)."""
    last_words: dict[str, str] = {}
    for f in found:
        if f.drop or f.type != "PER" or f.kb_id or not f.refers or f.source == "title":
            continue
        parts = normalize(doc.text[f.start:f.end]).split()
        if len(parts) >= 2 and len(parts[-1]) >= 3 and parts[-1] not in lexicon.connectors \
                and vocab.get(parts[-1], 0) < SHORT_NAME_MAX_COUNT:
            last_words.setdefault(parts[-1], f.refers)
        if len(parts) >= 3 and parts[-2] in lexicon.connectors:
            last_words.setdefault(parts[-2] + parts[-1], f.refers)   # عبد الجواد written عبدالجواد
    known_last = {}
    for f in found:   # people the KB knows, named in full in the article
        if not f.drop and f.type == "PER" and f.kb_id and f.refers and " " in f.key:
            known_last.setdefault(normalize(doc.text[f.start:f.end]).split()[-1], f.refers)
    for f in found:   # one-word names the tagger or the rules found on their own
        if not f.drop and f.type == "PER" and not f.kb_id and f.source in ("tagger", "rule"):
            ref = known_last.get(normalize(doc.text[f.start:f.end]))
            if ref and " " not in normalize(doc.text[f.start:f.end]):
                f.refers, f.kind = ref, "alias"
    if not last_words:
        return
    for f in found:   # one-word names the tagger or the rules found on their own
        if not f.drop and f.type == "PER" and not f.kb_id and f.source in ("tagger", "rule"):
            ref = last_words.get(normalize(doc.text[f.start:f.end]))
            if ref:
                f.refers, f.kind = ref, "alias"
    covered = bytearray(len(doc.text) + 1)
    for f in found:
        if not f.drop:
            covered[f.start:f.end] = b"\x01" * (f.end - f.start)
    view = doc.cache.get("normalized_view")
    if view is None:
        from ..text.normalize import NormalizedView
        view = doc.cache["normalized_view"] = NormalizedView(doc.text)
    v = view.text
    for word, ref in last_words.items():
        at = v.find(word)
        while at >= 0:
            end = at + len(word)
            lead = at
            while lead > 0 and at - lead < 2 and v[lead - 1] in "وفبلك":
                lead -= 1
            if (end == len(v) or not v[end].isalnum()) and (lead == 0 or not v[lead - 1].isalnum()):
                s, e = view.span(at, end)
                if not covered[s]:
                    found.append(Found(s, e, "alias", word, kind="alias", type="PER", refers=ref))
            at = v.find(word, end)
    found.sort(key=lambda f: f.start)


# ------------------------------------------------------------------------------------------ entities

def build_entities(found: list[Found], doc, kb) -> list[Entity]:
    clusters: dict[str, list[Found]] = {}
    for f in found:
        if not f.drop and f.refers:
            clusters.setdefault(f.refers, []).append(f)
    entities: list[Entity] = []
    for key, members in clusters.items():
        if all(f.kind == "pronoun" for f in members):
            continue   # بلاده for a state the article never names: no entity of its own
        members.sort(key=lambda f: (f.start, f.end))
        ent = _entity(key, members, doc, kb)
        if ent is not None:
            entities.append(ent)
    entities.sort(key=lambda e: (e.mentions[0].start, e.mentions[0].end))
    for n, e in enumerate(entities, 1):
        e.id = f"E{n}"
    return entities


def _mentions(members: list[Found], text: str) -> list[Mention]:
    seen: set[tuple[int, int]] = set()
    out: list[Mention] = []
    for f in members:
        if (f.start, f.end) in seen or f.end <= f.start:
            continue
        seen.add((f.start, f.end))
        out.append(Mention(f.start, f.end, text[f.start:f.end], f.kind))
    return out


def _entity(key: str, members: list[Found], doc, kb) -> Entity | None:
    mentions = _mentions(members, doc.text)
    if not mentions:
        return None
    if key.startswith("kb:"):
        e = kb.get(key[3:])
        if e is None:
            return None
        role = e.role
        code = e.code or _code(e.country, role)
        return Entity(id="", type=e.type, name=e.name, subtype=e.subtype, name_en=e.name_en, kb_id=e.id,
                      actor=Actor(e.country, role, code), mentions=mentions)
    # an entity the knowledge base lacks: named by its longest name mention
    names = [f for f in members if f.kind == "name"] or members
    # prefer a mention whose article is intact (الحكومة الإيطالية over للحكومة الإيطالية)
    best = max(names, key=lambda f: (not normalize(doc.text[f.start:f.start + 2]) == "لل", f.end - f.start, -f.start))
    typ = best.type or next((f.type for f in members if f.type), None)
    if typ not in ("PER", "ORG", "LOC"):
        return None
    country = next((f.country for f in members if f.country and f.source != "title"), None) \
        or next((f.country for f in members if f.country), None)
    role = next((f.role for f in members if f.role and f.source != "title"), None) \
        or next((f.role for f in members if f.role), None)
    subtype = best.subtype or ("person" if typ == "PER" else None)
    name = best.name or doc.text[best.start:best.end]
    if normalize(name[:2]) == "لل":
        name = "ال" + name[2:]   # ل + ال written لل: the name gets its article back
    return Entity(id="", type=typ, name=name, subtype=subtype, name_en=None, kb_id=None,
                  actor=Actor(country, role, _code(country, role)), mentions=mentions)


def _code(country: str | None, role: str | None) -> str | None:
    if country and role:
        return country + role
    if country:
        return country
    if role == "IGO":
        return "IGO"
    return None
