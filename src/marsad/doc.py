"""The document model: one `Doc` per article, every annotation a span into `Doc.text`.

The records mirror the document JSON (`marsad/document@1`, see docs/schema.md and
`marsad/schema/document.schema.json`). `to_dict()` writes exactly that shape and
`from_dict()` reads it back; nothing is a positional tuple.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_ID = "marsad/document@1"


def content_id(text: str) -> str:
    """The id of an article without one of its own: sha256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Meta:
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str = "ar"

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Meta":
        d = d or {}
        return cls(**{k: d.get(k) for k in ("title", "url", "publisher", "published")}, language=d.get("language") or "ar")


@dataclass
class Repair:
    kind: str  # joined_line | collapsed_spaces | removed_control | balanced_quote
    at: int    # offset in the repaired text where the repair took effect
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"kind": self.kind, "at": self.at}
        if self.detail:
            d["detail"] = self.detail
        return d


@dataclass
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Token:
    """A whitespace/punctuation token, with its clitic segmentation.

    `stem_start`/`stem_end` bound the word without attached proclitics (و ف ب ل ك س
    and the article's ل in لل) and enclitic pronouns; `prefix`/`suffix` name what
    was split off. All offsets are into `Doc.text`.
    """
    start: int
    end: int
    text: str
    stem_start: int
    stem_end: int
    prefix: str = ""
    suffix: str = ""
    sentence: int = 0
    is_word: bool = True

    @property
    def stem(self) -> str:
        return self.text[self.stem_start - self.start:self.stem_end - self.start]


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"  # name | alias | title | label | pronoun | demonym

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}


@dataclass
class Actor:
    country: str | None = None
    role: str | None = None
    code: str | None = None


@dataclass
class Entity:
    id: str
    type: str  # PER | ORG | LOC
    name: str
    subtype: str | None = None
    name_en: str | None = None
    kb_id: str | None = None
    actor: Actor = field(default_factory=Actor)
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        a = self.actor
        return {
            "id": self.id, "type": self.type, "subtype": self.subtype, "name": self.name,
            "name_en": self.name_en, "kb_id": self.kb_id,
            "actor": {"country": a.country, "role": a.role, "code": a.code},
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(id=d["id"], type=d["type"], name=d["name"], subtype=d.get("subtype"),
                   name_en=d.get("name_en"), kb_id=d.get("kb_id"), actor=Actor(**(d.get("actor") or {})),
                   mentions=[Mention(**m) for m in d.get("mentions") or []])


@dataclass
class Cue:
    start: int
    end: int
    text: str
    lemma: str
    stance: str = "neutral"  # neutral | affirming | doubting | pejorative | denying | conceding | warning

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "lemma": self.lemma, "stance": self.stance}


@dataclass
class ChainLink:
    role: str  # said_to | relayed_by | published_by
    entity: str | None
    name: str | None = None  # the outlet's name when no entity in the document stands for it

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"role": self.role, "entity": self.entity}
        if self.name:
            d["name"] = self.name
        return d


@dataclass
class Quote:
    id: str
    start: int
    end: int
    text: str
    kind: str = "direct"  # direct | indirect | mixed | fragment
    speaker: str | None = None
    cue: Cue | None = None
    chain: list[ChainLink] = field(default_factory=list)
    speaker_description: str | None = None  # for unnamed sources: "مصدر مطلع"

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
             "speaker": self.speaker, "cue": self.cue.to_dict() if self.cue else None,
             "chain": [c.to_dict() for c in self.chain]}
        if self.speaker_description:
            d["speaker_description"] = self.speaker_description
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Quote":
        return cls(id=d["id"], start=d["start"], end=d["end"], text=d["text"], kind=d.get("kind", "direct"),
                   speaker=d.get("speaker"), cue=Cue(**d["cue"]) if d.get("cue") else None,
                   chain=[ChainLink(**c) for c in d.get("chain") or []],
                   speaker_description=d.get("speaker_description"))


@dataclass
class EventSide:
    entity: str | None = None
    country: str | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "country": self.country, "role": self.role}


@dataclass
class Trigger:
    start: int
    end: int
    text: str


@dataclass
class Event:
    id: str
    sentence: int
    cameo: str
    trigger: Trigger
    source: EventSide = field(default_factory=EventSide)
    target: EventSide = field(default_factory=EventSide)
    plover: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    location: str | None = None
    date: str | None = None
    modality: str = "asserted"  # asserted | reported | intended | attempted | negated | denied
    quote: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "sentence": self.sentence, "source": self.source.to_dict(), "target": self.target.to_dict(),
            "cameo": self.cameo, "plover": self.plover, "quad_class": self.quad_class, "goldstein": self.goldstein,
            "trigger": {"start": self.trigger.start, "end": self.trigger.end, "text": self.trigger.text},
            "location": self.location, "date": self.date,
            "modality": self.modality, "quote": self.quote,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        return cls(id=d["id"], sentence=d["sentence"], cameo=d["cameo"], trigger=Trigger(**d["trigger"]),
                   source=EventSide(**(d.get("source") or {})), target=EventSide(**(d.get("target") or {})),
                   plover=d.get("plover"), quad_class=d.get("quad_class"), goldstein=d.get("goldstein"),
                   location=d.get("location"), date=d.get("date"), modality=d.get("modality", "asserted"),
                   quote=d.get("quote"))


@dataclass
class Framing:
    kind: str  # loaded_label | doubting_attribution | pejorative_attribution | scare_quote | editorial_voice
    start: int
    end: int
    text: str
    refers_to: str | None = None
    # the stance the marker carries: a loaded label's (hostile | delegitimizing | glorifying |
    # belittling), a cue's (doubting | pejorative), a scare quote's (distancing); null for editorial voice
    stance: str | None = None


@dataclass
class Doc:
    """One article. `text` never changes after repair; every annotation points into it."""
    text: str
    id: str = ""
    meta: Meta = field(default_factory=Meta)
    repairs: list[Repair] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    # Working state shared between stages (e.g. the normalized view); never serialized.
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    def __getstate__(self) -> dict[str, Any]:
        # Tokens cross process boundaries (nlp.pipe with n_process > 1) as plain tuples: pickling
        # hundreds of objects per article costs more than analysing it in the text layer.
        state = self.__dict__.copy()
        state["tokens"] = [(t.start, t.end, t.text, t.stem_start, t.stem_end, t.prefix, t.suffix, t.sentence, t.is_word)
                           for t in self.tokens]
        state["cache"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["tokens"] = [Token(*t) for t in state["tokens"]]
        self.__dict__.update(state)

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id (an index rebuilt whenever the entity list has changed)."""
        if entity_id is None:
            return None
        index = self.cache.get("_entity_index")
        if index is None or index[0] is not self.entities or index[1] != len(self.entities):
            index = (self.entities, len(self.entities), {e.id: e for e in self.entities})
            self.cache["_entity_index"] = index
        e = index[2].get(entity_id)
        if e is not None and e.id == entity_id:
            return e
        # not found, or ids were changed in place since the index was built: rebuild and look again
        index = (self.entities, len(self.entities), {x.id: x for x in self.entities})
        self.cache["_entity_index"] = index
        return index[2].get(entity_id)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding `offset` (the last one before it if between sentences)."""
        lo, hi = 0, len(self.sentences) - 1
        best = 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].start <= offset:
                best = mid
                lo = mid + 1
            else:
                hi = mid - 1
        return best

    def spans(self):
        """Every (kind, start, end, text) span in the record: the offset invariant's subject."""
        for m in (m for e in self.entities for m in e.mentions):
            yield "mention", m.start, m.end, m.text
        for q in self.quotes:
            yield "quote", q.start, q.end, q.text
            if q.cue:
                yield "cue", q.cue.start, q.cue.end, q.cue.text
        for v in self.events:
            yield "trigger", v.trigger.start, v.trigger.end, v.trigger.text
        for f in self.framing:
            yield "framing", f.start, f.end, f.text
        for t in self.tokens:
            yield "token", t.start, t.end, t.text

    def to_dict(self, tokens: bool = False) -> dict[str, Any]:
        # plain dicts written out (not dataclasses.asdict, which copies deeply and costs ~4% of the analysis);
        # the keys and their order are the dataclasses' fields, checked by tests/test_doc_serialize.py
        m = self.meta
        d = {
            "schema": SCHEMA_ID,
            "id": self.id,
            "meta": {"title": m.title, "url": m.url, "publisher": m.publisher, "published": m.published,
                     "language": m.language},
            "text": self.text,
            "repairs": [r.to_dict() for r in self.repairs],
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [v.to_dict() for v in self.events],
            "framing": [{"kind": f.kind, "start": f.start, "end": f.end, "text": f.text, "refers_to": f.refers_to,
                         "stance": f.stance} for f in self.framing],
        }
        if tokens:
            d["tokens"] = [{name: getattr(t, name) for name in _TOKEN_FIELDS} for t in self.tokens]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Doc":
        return cls(
            text=d["text"], id=d["id"], meta=Meta.from_dict(d.get("meta")),
            repairs=[Repair(**r) for r in d.get("repairs") or []],
            sentences=[Sentence(**s) for s in d.get("sentences") or []],
            tokens=[Token(**t) for t in d.get("tokens") or []],
            entities=[Entity.from_dict(e) for e in d.get("entities") or []],
            quotes=[Quote.from_dict(q) for q in d.get("quotes") or []],
            events=[Event.from_dict(v) for v in d.get("events") or []],
            framing=[Framing(**f) for f in d.get("framing") or []],
        )


_TOKEN_FIELDS = tuple(f.name for f in fields(Token))


@dataclass
class Record:
    """One article to analyze, with its metadata (the JSONL record format)."""
    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
