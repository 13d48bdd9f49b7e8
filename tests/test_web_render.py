"""The article text as HTML (marsad.web.render): spans nest properly, text is escaped, offsets hold."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from marsad.web.render import render_text

SENTENCE = "قال وزير الخارجية الأردني أيمن الصفدي إن \"عمّان ترفض أي تهجير\" للفلسطينيين."


def _record(text=SENTENCE, entities=(), quotes=(), events=(), framing=()):
    return {"text": text, "entities": list(entities), "quotes": list(quotes), "events": list(events),
            "framing": list(framing)}


def _span(text: str, needle: str, nth: int = 0) -> dict:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return {"start": at, "end": at + len(needle), "text": needle}


def _entity(eid, etype, *mentions):
    return {"id": eid, "type": etype, "name": mentions[0]["text"], "actor": {},
            "mentions": [{**m, "kind": "name"} for m in mentions]}


class _Tree(HTMLParser):
    """Checks the markup is a proper tree and collects the text and the spans' data-* ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(str(html))
    tree.close()
    assert tree.stack == []
    return tree


def test_web_render_keeps_the_text_exactly():
    rec = _record(entities=[_entity("E1", "PER", _span(SENTENCE, "أيمن الصفدي"))])
    assert "".join(_parse(render_text(rec).html).text) == SENTENCE


def test_web_render_wraps_a_mention_in_a_span_coloured_by_type():
    rec = _record(entities=[_entity("E1", "PER", _span(SENTENCE, "أيمن الصفدي")),
                            _entity("E2", "LOC", _span(SENTENCE, "عمّان"))])
    html = str(render_text(rec).html)
    assert re.search(r'<span class="m m-ent t-PER k-name" data-ent="E1"[^>]*>أيمن الصفدي</span>', html)
    assert re.search(r'<span class="m m-ent t-LOC k-name" data-ent="E2"[^>]*>عمّان</span>', html)


def test_web_render_nests_a_mention_inside_its_quote():
    quote = {"id": "Q1", **_span(SENTENCE, "عمّان ترفض أي تهجير"), "kind": "direct", "speaker": "E1",
             "cue": {**_span(SENTENCE, "قال"), "lemma": "قال", "stance": "neutral"}, "chain": []}
    rec = _record(entities=[_entity("E2", "LOC", _span(SENTENCE, "عمّان"))], quotes=[quote])
    html = str(render_text(rec).html)
    outer = html.index('data-quote="Q1"')
    inner = html.index('data-ent="E2"')
    assert outer < inner < html.index("</span>", inner) < html.index("تهجير")


def test_web_render_splits_a_span_that_crosses_another_and_keeps_both_ids():
    # A mention that starts inside a quote and ends after it: two pieces, both carrying E1.
    text = "قال إن \"الحكومة ستعلن\" القرار غدا."
    quote = {"id": "Q1", **_span(text, "الحكومة ستعلن"), "kind": "direct", "speaker": None, "cue": None, "chain": []}
    crossing = {"start": text.index("ستعلن"), "end": text.index("القرار") + len("القرار"),
                "text": text[text.index("ستعلن"):text.index("القرار") + len("القرار")]}
    rec = _record(text=text, entities=[_entity("E1", "ORG", crossing)], quotes=[quote])
    tree = _parse(render_text(rec).html)
    pieces = [a for tag, a in tree.tags if a.get("data-ent") == "E1"]
    assert len(pieces) == 2
    assert "".join(tree.text) == text
    # Only the first piece is the anchor, so ids stay unique.
    assert sum(1 for p in pieces if "id" in p) == 1


def test_web_render_escapes_markup_in_the_text():
    text = "قال المتحدث <script>alert(1)</script> إن \"><img src=x onerror=alert(2)> الحكومة ترفض."
    rec = _record(text=text, entities=[_entity("E1", "PER", _span(text, "المتحدث"))])
    html = str(render_text(rec).html)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "".join(_parse(html).text) == text


def test_web_render_escapes_hostile_ids_in_attributes():
    rec = _record(entities=[{**_entity("E1", "PER", _span(SENTENCE, "أيمن الصفدي")), "id": '"><b onclick=x>',
                             "type": 'PER" onmouseover="x'}])
    html = str(render_text(rec).html)
    tags = _parse(html).tags
    assert [t for t, _ in tags] == ["span"]
    assert "onmouseover" not in tags[0][1] and "onclick" not in tags[0][1]


def test_web_render_skips_a_span_whose_offsets_do_not_match_the_text():
    bad = {"start": 4, "end": 8, "text": "غير موجود"}
    good = _span(SENTENCE, "أيمن الصفدي")
    out = render_text(_record(entities=[_entity("E1", "PER", bad), _entity("E2", "PER", good)]))
    assert out.skipped == ["E1"] and out.drawn == 1
    assert 'data-ent="E1"' not in str(out.html)


def test_web_render_skips_a_span_past_the_end_of_the_text():
    past = {"start": len(SENTENCE) - 2, "end": len(SENTENCE) + 5, "text": None}
    out = render_text(_record(events=[{"id": "V1", "trigger": past, "quad_class": 3}]))
    assert out.skipped == ["V1"]


def test_web_render_marks_event_triggers_with_their_quad_class():
    text = "هددت إيران بضرب القواعد الأمريكية في المنطقة."
    ev = {"id": "V1", "trigger": _span(text, "هددت"), "quad_class": 3, "modality": "asserted"}
    html = str(render_text(_record(text=text, events=[ev])).html)
    assert re.search(r'class="m m-ev quad-3 mod-asserted" data-ev="V1"[^>]*>هددت<', html)


def test_web_render_flags_framing_with_its_kind():
    text = "وقالت دولة الاحتلال إنها ستواصل عملياتها."
    fr = {"kind": "loaded_label", **_span(text, "دولة الاحتلال"), "refers_to": None}
    html = str(render_text(_record(text=text, framing=[fr])).html)
    assert 'class="m m-frame fr-loaded_label" data-frame="F1"' in html


def test_web_render_puts_a_framing_label_outside_the_mention_it_also_is():
    text = "وقالت دولة الاحتلال إنها ستواصل عملياتها."
    label = _span(text, "دولة الاحتلال")
    rec = _record(text=text, entities=[_entity("E1", "LOC", label)],
                  framing=[{"kind": "loaded_label", **label, "refers_to": "E1"}])
    html = str(render_text(rec).html)
    assert html.index('data-frame="F1"') < html.index('data-ent="E1"')
    assert len(_parse(html).tags) == 2


def test_web_render_draws_the_seed_article_with_every_span():
    from test_web_corpus import seed_record
    rec = seed_record()
    out = render_text(rec)
    tree = _parse(out.html)
    assert out.skipped == []
    assert "".join(tree.text) == rec["text"]
    assert {a["data-ent"] for _, a in tree.tags if "data-ent" in a} == {e["id"] for e in rec["entities"]}
