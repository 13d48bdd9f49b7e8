"""The article text as HTML: every annotation span becomes properly nested, escaped markup.

A document record (marsad/document@1) carries spans of several kinds that may
overlap freely: a quote contains mentions and triggers, a loaded label is also a
mention, a cue sits next to its quote. HTML needs a tree, so the text is cut at
every span boundary into pieces; each piece is wrapped in the spans that cover
it, outermost layer first (quote, framing, cue, mention, trigger). When a span
crosses the boundary of an outer one it is closed and reopened, and every piece
carries the span's id, so the browser highlights all of them together.

Every piece of text goes through `markupsafe.escape`: the article text is data,
never markup. Spans whose offsets do not match the text are skipped (and
counted), so one bad record cannot break a page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

# Outermost first: a quote holds mentions and triggers; a framing label wraps the mention it is.
LAYERS = ("quote", "framing", "cue", "mention", "trigger")
LAYER_RANK = {name: i for i, name in enumerate(LAYERS)}


@dataclass(frozen=True)
class Mark:
    """One annotation span to draw. `ref` is the id of the record it belongs to (E1, Q1, V1, F1)."""
    layer: str
    start: int
    end: int
    ref: str
    classes: tuple[str, ...] = ()
    # data-* attributes; values are escaped when written.
    data: tuple[tuple[str, str], ...] = ()

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        return (LAYER_RANK[self.layer], self.start, -self.end, self.ref)


@dataclass
class Rendered:
    html: Markup
    drawn: int = 0                      # marks drawn
    skipped: list[str] = field(default_factory=list)  # refs of marks whose offsets did not fit the text


def framing_ref(index: int) -> str:
    """Framing records have no id of their own; they are named by position, F1, F2 ..."""
    return f"F{index + 1}"


def marks_of(record: dict[str, Any]) -> list[Mark]:
    """Every span of a document record as a Mark, with the classes the stylesheet colours."""
    marks: list[Mark] = []
    for ent in record.get("entities") or []:
        etype = str(ent.get("type") or "UNK")
        for m in ent.get("mentions") or []:
            marks.append(Mark("mention", m["start"], m["end"], str(ent["id"]),
                              ("m", "m-ent", f"t-{etype}", f"k-{m.get('kind') or 'name'}"),
                              (("ent", str(ent["id"])),)))
    for q in record.get("quotes") or []:
        cue = q.get("cue") or {}
        stance = str(cue.get("stance") or "none")
        marks.append(Mark("quote", q["start"], q["end"], str(q["id"]),
                          ("m", "m-quote", f"qk-{q.get('kind') or 'direct'}", f"st-{stance}"),
                          (("quote", str(q["id"])),)))
        if cue and cue.get("start") is not None:
            marks.append(Mark("cue", cue["start"], cue["end"], str(q["id"]),
                              ("m", "m-cue", f"st-{stance}"), (("cue", str(q["id"])),)))
    for v in record.get("events") or []:
        trig = v.get("trigger") or {}
        if trig.get("start") is None:
            continue
        quad = v.get("quad_class")
        marks.append(Mark("trigger", trig["start"], trig["end"], str(v["id"]),
                          ("m", "m-ev", f"quad-{quad if quad else 0}", f"mod-{v.get('modality') or 'asserted'}"),
                          (("ev", str(v["id"])),)))
    for i, f in enumerate(record.get("framing") or []):
        ref = framing_ref(i)
        marks.append(Mark("framing", f["start"], f["end"], ref,
                          ("m", "m-frame", f"fr-{f.get('kind') or 'other'}"), (("frame", ref),)))
    return marks


def _fits(mark: Mark, text: str, expected: str | None) -> bool:
    if not (isinstance(mark.start, int) and isinstance(mark.end, int)):
        return False
    if not 0 <= mark.start < mark.end <= len(text):
        return False
    return expected is None or text[mark.start:mark.end] == expected


def _expected_texts(record: dict[str, Any]) -> dict[tuple[str, str, int, int], str]:
    """The span text each mark claims, to check the offset invariant before drawing."""
    out: dict[tuple[str, str, int, int], str] = {}
    for ent in record.get("entities") or []:
        for m in ent.get("mentions") or []:
            out[("mention", str(ent["id"]), m["start"], m["end"])] = m.get("text")
    for q in record.get("quotes") or []:
        out[("quote", str(q["id"]), q["start"], q["end"])] = q.get("text")
        cue = q.get("cue") or {}
        if cue.get("start") is not None:
            out[("cue", str(q["id"]), cue["start"], cue["end"])] = cue.get("text")
    for v in record.get("events") or []:
        t = v.get("trigger") or {}
        if t.get("start") is not None:
            out[("trigger", str(v["id"]), t["start"], t["end"])] = t.get("text")
    for i, f in enumerate(record.get("framing") or []):
        out[("framing", framing_ref(i), f["start"], f["end"])] = f.get("text")
    return out


def _open_tag(mark: Mark, first: bool) -> str:
    attrs = [f'class="{escape(" ".join(mark.classes))}"']
    for key, value in mark.data:
        attrs.append(f'data-{escape(key)}="{escape(value)}"')
    if first:
        # The first piece of a span is its anchor: /articles/ID#Q3 scrolls to quote Q3.
        attrs.append(f'id="{escape(anchor_id(mark))}"')
    return "<span " + " ".join(attrs) + ">"


def anchor_id(mark: Mark) -> str:
    return {"quote": "q-", "cue": "c-", "mention": "m-", "trigger": "v-", "framing": "f-"}[mark.layer] + \
        f"{mark.ref}-{mark.start}"


def render_text(record: dict[str, Any]) -> Rendered:
    """The record's text as escaped HTML with every span drawn (see the module doc)."""
    text: str = record.get("text") or ""
    expected = _expected_texts(record)
    marks: list[Mark] = []
    skipped: list[str] = []
    for mk in marks_of(record):
        if _fits(mk, text, expected.get((mk.layer, mk.ref, mk.start, mk.end))):
            marks.append(mk)
        else:
            skipped.append(mk.ref)
    marks = sorted(set(marks), key=lambda m: m.sort_key)

    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts_at: dict[int, list[Mark]] = {}
    for mk in marks:
        starts_at.setdefault(mk.start, []).append(mk)

    out: list[str] = []
    stack: list[Mark] = []   # open spans, outermost first
    active: list[Mark] = []  # spans covering the current piece
    opened: set[Mark] = set()
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starts_at.get(a, [])
        want = sorted(active, key=lambda m: m.sort_key)
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] is want[keep]:
            keep += 1
        out.extend("</span>" for _ in stack[keep:])
        stack = stack[:keep]
        for mk in want[keep:]:
            out.append(_open_tag(mk, first=mk not in opened))
            opened.add(mk)
            stack.append(mk)
        out.append(str(escape(text[a:b])))
    out.extend("</span>" for _ in stack)
    return Rendered(html=Markup("".join(out)), drawn=len(marks), skipped=skipped)
