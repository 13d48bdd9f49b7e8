"""Names that are not the person they name: a facility named after a person (`marsad.actors.facilities`), and a
person's KB alias that opens with a title (`recognize._title_length`), on real sentences with the shipped
knowledge base and a stand-in tagger (fixed spans) so that retraining the model does not change them."""
from __future__ import annotations

from test_actors_merge import run  # noqa: F401  (the fixture: a text and the tagger's spans -> the actors stage's doc)


def _mentions(doc):
    return {m.text: (e.type, e.kb_id, m.kind) for e in doc.entities for m in e.mentions}


def test_facility_named_after_a_king_is_no_mention_of_the_king(run):
    doc = run("تخرج في جامعة الملك فهد للبترول والمعادن عام 1990.")
    assert _mentions(doc) == {"جامعة الملك فهد": ("ORG", None, "name")}


def test_facility_named_after_an_unknown_person_is_a_place(run):
    doc = run("هبطت الطائرة في مطار جون كينيدي بنيويورك.", ("جون كينيدي", "PER"))
    assert _mentions(doc)["مطار جون كينيدي"][0] == "LOC"
    assert "جون كينيدي" not in _mentions(doc)


def test_prize_named_after_a_person_names_nobody(run):
    doc = run("وفاز الكاتب بجائزة الملك فيصل العالمية.")
    assert not any(e.type == "PER" for e in doc.entities)


def test_person_after_a_facility_word_with_the_article_stays_a_person(run):
    # المطار with the article is no construct: the king is the subject of the next clause
    doc = run("وصل إلى المطار الملك سلمان بن عبدالعزيز.")
    assert any(e.type == "PER" and e.kb_id for e in doc.entities)


def test_title_opening_a_known_alias_is_a_title_mention(run):
    doc = run("وقال الأمير محمد بن سلمان إن المملكة ماضية في الإصلاح.")
    names = {m.text for e in doc.entities for m in e.mentions if m.kind == "name"}
    assert "محمد بن سلمان" in names and "الأمير محمد بن سلمان" not in names


def test_armed_group_named_after_a_person_is_an_organization(run):
    doc = run("وأعلن جيش خالد بن الوليد المبايع لتنظيم الدولة الإسلامية مسؤوليته عن الهجوم.", ("خالد بن الوليد", "PER"))
    names = {m.text: e.type for e in doc.entities for m in e.mentions}
    assert names.get("جيش خالد بن الوليد") == "ORG" and "خالد بن الوليد" not in names
