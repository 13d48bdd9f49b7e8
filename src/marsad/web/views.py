"""View models: what the templates show, computed from document records and store rows.

The templates only lay out what is here; they never compute. Everything is built
from the document record (marsad/document@1), so the analyze page (a record made
on the fly) and the article page (a record from the store) are one view.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .labels import CameoLabels, CountryNames
from .render import framing_ref, render_text

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_NAMES_AR = {1: "تعاون لفظي", 2: "تعاون مادي", 3: "نزاع لفظي", 4: "نزاع مادي"}
TYPE_NAMES_AR = {"PER": "أشخاص", "ORG": "منظمات", "LOC": "أماكن"}
STANCE_AR = {
    "neutral": "محايد", "affirming": "مؤكِّد", "doubting": "مشكِّك", "pejorative": "مستخفّ",
    "denying": "نافٍ", "conceding": "مُقِرّ", "warning": "محذِّر",
}
MODALITY_AR = {
    "asserted": "مؤكَّد", "reported": "منقول", "intended": "مُزمَع", "attempted": "محاولة",
    "negated": "منفي", "denied": "مُنكَر",
}
FRAMING_AR = {
    "loaded_label": "تسمية مشحونة", "doubting_attribution": "إسناد مشكِّك",
    "pejorative_attribution": "إسناد مستخفّ", "scare_quote": "علامات تحفّظ", "editorial_voice": "صوت تحريري",
}
CHAIN_AR = {"said_to": "قيل لـ", "relayed_by": "نقلته", "published_by": "نشرته"}


def actor_key(entity: dict[str, Any]) -> str:
    """How the corpus names an actor across articles: its kb id, else TYPE:name (as the store keys it)."""
    return entity.get("kb_id") or f"{entity.get('type') or 'UNK'}:{entity.get('name') or ''}"


@dataclass
class EntityRow:
    id: str
    type: str
    subtype: str | None
    name: str
    name_en: str | None
    kb_id: str | None
    country: str | None
    role: str | None
    code: str | None
    n_mentions: int
    key: str
    surfaces: list[str]


@dataclass
class ChainRow:
    role: str
    role_ar: str
    name: str


@dataclass
class QuoteRow:
    id: str
    kind: str
    text: str
    speaker: str | None
    speaker_name: str
    speaker_key: str | None
    cue: str
    cue_lemma: str
    stance: str
    stance_ar: str
    chain: list[ChainRow]
    start: int


@dataclass
class SideRow:
    entity: str | None
    name: str
    country: str | None
    key: str | None


@dataclass
class EventRow:
    id: str
    cameo: str
    cameo_name: str
    plover: str | None
    quad_class: int | None
    quad_name: str
    goldstein: float | None
    source: SideRow
    target: SideRow
    trigger: str
    location: str | None
    date: str | None
    modality: str
    modality_ar: str
    quote: str | None
    start: int | None


@dataclass
class FramingRow:
    ref: str
    kind: str
    kind_ar: str
    text: str
    refers_to: str | None
    refers_to_name: str | None
    start: int


@dataclass
class ArticleView:
    id: str
    meta: dict[str, Any]
    html: Any
    n_chars: int
    entities: dict[str, list[EntityRow]]
    quotes: list[QuoteRow]
    events: list[EventRow]
    framing: list[FramingRow]
    skipped: int
    stored: bool
    card_data: dict[str, Any] = field(default_factory=dict)

    @property
    def n_entities(self) -> int:
        return sum(len(v) for v in self.entities.values())


def article_view(record: dict[str, Any], labels: CameoLabels, stored: bool = True,
                 countries: CountryNames | None = None) -> ArticleView:
    ents = {e["id"]: e for e in record.get("entities") or []}

    def ename(eid: str | None) -> str:
        e = ents.get(eid) if eid else None
        return e["name"] if e else ""

    groups: dict[str, list[EntityRow]] = {"PER": [], "ORG": [], "LOC": []}
    for e in record.get("entities") or []:
        actor = e.get("actor") or {}
        mentions = e.get("mentions") or []
        surfaces = list(dict.fromkeys(m.get("text") or "" for m in mentions))
        row = EntityRow(id=e["id"], type=e.get("type") or "UNK", subtype=e.get("subtype"), name=e.get("name") or "",
                        name_en=e.get("name_en"), kb_id=e.get("kb_id"), country=actor.get("country"),
                        role=actor.get("role"), code=actor.get("code"), n_mentions=len(mentions),
                        key=actor_key(e), surfaces=surfaces)
        groups.setdefault(row.type, []).append(row)
    for rows in groups.values():
        rows.sort(key=lambda r: (-r.n_mentions, r.name))

    quotes = []
    for q in record.get("quotes") or []:
        cue = q.get("cue") or {}
        spk = ents.get(q.get("speaker")) if q.get("speaker") else None
        stance = cue.get("stance") or "neutral"
        quotes.append(QuoteRow(
            id=q["id"], kind=q.get("kind") or "direct", text=q.get("text") or "", speaker=q.get("speaker"),
            speaker_name=(spk["name"] if spk else (q.get("speaker_description") or "")),
            speaker_key=actor_key(spk) if spk else None, cue=cue.get("text") or "", cue_lemma=cue.get("lemma") or "",
            stance=stance, stance_ar=STANCE_AR.get(stance, stance),
            chain=[ChainRow(c.get("role") or "", CHAIN_AR.get(c.get("role") or "", c.get("role") or ""),
                            ename(c.get("entity")) or c.get("name") or (c.get("entity") or ""))
                   for c in q.get("chain") or []],
            start=q.get("start") or 0))

    def side(s: dict[str, Any] | None) -> SideRow:
        s = s or {}
        e = ents.get(s.get("entity")) if s.get("entity") else None
        return SideRow(entity=s.get("entity"), name=e["name"] if e else "", country=s.get("country"),
                       key=actor_key(e) if e else None)

    events = []
    for v in record.get("events") or []:
        quad = v.get("quad_class")
        modality = v.get("modality") or "asserted"
        trig = v.get("trigger") or {}
        events.append(EventRow(
            id=v["id"], cameo=str(v.get("cameo") or ""), cameo_name=labels.name(v.get("cameo")), plover=v.get("plover"),
            quad_class=quad, quad_name=QUAD_NAMES_AR.get(quad, "") if quad else "", goldstein=v.get("goldstein"),
            source=side(v.get("source")), target=side(v.get("target")), trigger=trig.get("text") or "",
            location=ename(v.get("location")) or v.get("location"), date=v.get("date"), modality=modality,
            modality_ar=MODALITY_AR.get(modality, modality), quote=v.get("quote"), start=trig.get("start")))

    framing = []
    for i, f in enumerate(record.get("framing") or []):
        kind = f.get("kind") or ""
        framing.append(FramingRow(ref=framing_ref(i), kind=kind, kind_ar=FRAMING_AR.get(kind, kind),
                                  text=f.get("text") or "", refers_to=f.get("refers_to"),
                                  refers_to_name=ename(f.get("refers_to")) or None, start=f.get("start") or 0))

    rendered = render_text(record)
    return ArticleView(
        id=str(record.get("id") or ""), meta=dict(record.get("meta") or {}), html=rendered.html,
        n_chars=len(record.get("text") or ""), entities={k: v for k, v in groups.items() if v},
        quotes=quotes, events=events, framing=framing, skipped=len(rendered.skipped), stored=stored,
        card_data=card_data(record, labels, countries))


def card_data(record: dict[str, Any], labels: CameoLabels, countries: CountryNames | None = None) -> dict[str, Any]:
    """What the hover cards show, keyed by record id. Sent to the page as JSON and read
    with textContent only, so nothing in it is ever parsed as HTML."""
    ents = {e["id"]: e for e in record.get("entities") or []}

    def name(eid):
        e = ents.get(eid) if eid else None
        return e["name"] if e else None

    out: dict[str, Any] = {"ent": {}, "quote": {}, "ev": {}, "frame": {}}
    for e in record.get("entities") or []:
        actor = e.get("actor") or {}
        out["ent"][e["id"]] = {
            "name": e.get("name"), "name_en": e.get("name_en"), "type": e.get("type"), "subtype": e.get("subtype"),
            "country": actor.get("country"),
            "country_name": countries.ar(actor.get("country")) if countries and actor.get("country") else None,
            "role": actor.get("role"), "code": actor.get("code"),
            "kb_id": e.get("kb_id"), "key": actor_key(e), "n": len(e.get("mentions") or [])}
    for q in record.get("quotes") or []:
        cue = q.get("cue") or {}
        out["quote"][q["id"]] = {
            "speaker": name(q.get("speaker")) or q.get("speaker_description"), "kind": q.get("kind"),
            "cue": cue.get("lemma"), "stance": cue.get("stance"),
            "stance_ar": STANCE_AR.get(cue.get("stance") or "", cue.get("stance")),
            "chain": [{"role": CHAIN_AR.get(c.get("role") or "", c.get("role")),
                       "name": name(c.get("entity")) or c.get("name")}
                      for c in q.get("chain") or []]}
    for v in record.get("events") or []:
        src, tgt = v.get("source") or {}, v.get("target") or {}
        out["ev"][v["id"]] = {
            "cameo": v.get("cameo"), "label": labels.name(v.get("cameo")), "plover": v.get("plover"),
            "quad": v.get("quad_class"), "quad_name": QUAD_NAMES_AR.get(v.get("quad_class")),
            "goldstein": v.get("goldstein"),
            "source": name(src.get("entity")), "source_country": src.get("country"),
            "target": name(tgt.get("entity")), "target_country": tgt.get("country"),
            "location": name(v.get("location")) or v.get("location"), "date": v.get("date"),
            "modality": MODALITY_AR.get(v.get("modality") or "", v.get("modality")), "quote": v.get("quote")}
    for i, f in enumerate(record.get("framing") or []):
        out["frame"][framing_ref(i)] = {"kind": FRAMING_AR.get(f.get("kind") or "", f.get("kind")),
                                        "refers_to": name(f.get("refers_to"))}
    return out
