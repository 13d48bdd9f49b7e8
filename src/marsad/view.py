"""The readable terminal view of a Doc (`marsad analyze` without --json)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .doc import Doc


def quote_line(doc: Doc, q) -> str:
    """`مختار محمدوف ← إسرائيل اليوم ← عربي21  [زعم: doubting]`: speaker, then the chain."""
    speaker = doc.entity(q.speaker)
    names = [speaker.name if speaker else (q.speaker_description or "?")]
    for link in q.chain:
        e = doc.entity(link.entity)
        name = e.name if e else getattr(link, "name", None)
        if name:
            names.append(name)
    cue = f"  [{q.cue.text}: {q.cue.stance}]" if q.cue else ""
    return " ← ".join(names) + cue


def cameo_label(code: str, cameo=None) -> str:
    """A one-word label for a CAMEO code from its codebook name: 042 `make a visit` -> visit,
    040 `consult, not specified below` -> consult."""
    try:
        name = cameo.get(code).name if cameo is not None else ""
    except KeyError:
        name = ""
    words = name.split(",")[0].split()
    return words[-1].lower() if words else ""


def event_line(doc: Doc, v, cameo=None) -> str:
    """`ISR -042 visit-> AZE  (زار, باكو, asserted)`."""
    from_ = v.source.country or (doc.entity(v.source.entity).name if doc.entity(v.source.entity) else "?")
    to = v.target.country or (doc.entity(v.target.entity).name if doc.entity(v.target.entity) else "?")
    place = doc.entity(v.location).name if doc.entity(v.location) else None
    label = cameo_label(v.cameo, cameo) or (v.plover or "").lower()
    extras = ", ".join(x for x in (v.trigger.text, place, v.date, v.modality) if x)
    return f"{from_} -{v.cameo} {label}-> {to}  ({extras})"


def show(doc: Doc, console: Console | None = None) -> None:
    c = console or Console()
    m = doc.meta
    head = " · ".join(x for x in (m.publisher, m.published, m.title) if x)
    c.rule(f"[bold]marsad[/] {head or doc.id[:12]}")
    if doc.repairs:
        kinds: dict[str, int] = {}
        for r in doc.repairs:
            kinds[r.kind] = kinds.get(r.kind, 0) + 1
        c.print("repairs: " + ", ".join(f"{k} ×{n}" for k, n in kinds.items()), style="dim")
    c.print(f"[bold]{len(doc.sentences)} sentences[/], {sum(t.is_word for t in doc.tokens)} words")
    for i, s in enumerate(doc.sentences):
        c.print(f"{i:>3} {doc.text[s.start:s.end]}", markup=False, highlight=False)
    if doc.entities:
        t = Table(title="entities", show_lines=False)
        for col in ("id", "type", "name", "country", "role", "kb_id", "mentions"):
            t.add_column(col)
        for e in doc.entities:
            t.add_row(e.id, e.type, e.name, e.actor.country or "", e.actor.role or "", e.kb_id or "",
                      "، ".join(dict.fromkeys(m.text for m in e.mentions)))
        c.print(t)
    if doc.quotes:
        c.rule("quotes")
        for q in doc.quotes:
            c.print(f"{q.id} {q.kind}: {quote_line(doc, q)}", markup=False, highlight=False)
            c.print(f"     «{q.text[:160]}{'…' if len(q.text) > 160 else ''}»", markup=False, highlight=False)
    if doc.events:
        from .events.cameo import load_cameo
        from .settings import Settings
        cameo = load_cameo(Settings())
        c.rule("events")
        for v in doc.events:
            c.print(f"{v.id} {event_line(doc, v, cameo)}", markup=False, highlight=False)
    if doc.framing:
        c.rule("framing")
        for f in doc.framing:
            ref = doc.entity(f.refers_to)
            c.print(f"{f.kind}: {f.text}" + (f" → {ref.name}" if ref else ""), markup=False, highlight=False)
