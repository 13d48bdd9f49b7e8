import json

from marsad.doc import Doc
from marsad.schema import problems


def test_doc_record_validates_against_the_schema(seed_doc):
    assert problems(seed_doc.to_dict(tokens=True)) == []


def test_doc_every_span_holds_the_offset_invariant(seed_doc):
    for kind, start, end, text in seed_doc.spans():
        assert seed_doc.text[start:end] == text, kind


def test_doc_round_trips_through_json(seed_doc):
    record = seed_doc.to_dict(tokens=True)
    again = Doc.from_dict(json.loads(json.dumps(record, ensure_ascii=False)))
    assert again.to_dict(tokens=True) == record


def test_doc_id_is_the_sha256_of_the_input_text_unless_given(nlp):
    import hashlib
    given = "قال الوزير  إن المحادثات مثمرة."  # repaired: the double space goes
    doc = nlp(given)
    assert doc.text != given
    assert doc.id == hashlib.sha256(given.encode()).hexdigest()
    assert nlp("قال الوزير إن المحادثات مثمرة.", id="rec-7").id == "rec-7"


def test_doc_record_carries_metadata(nlp):
    doc = nlp("قال الوزير إن المحادثات مثمرة.", publisher="BBC", published="2018-04-14", title="عنوان")
    meta = doc.to_dict()["meta"]
    assert meta == {"title": "عنوان", "url": None, "publisher": "BBC", "published": "2018-04-14", "language": "ar"}


def test_doc_schema_catches_a_broken_span(seed_doc):
    record = seed_doc.to_dict()
    record["framing"] = [{"kind": "loaded_label", "start": 0, "end": 4, "text": "خطأ", "refers_to": None}]
    assert any("framing" in p for p in problems(record))


def test_doc_survives_pickling_for_worker_processes(seed_doc):
    import pickle
    again = pickle.loads(pickle.dumps(seed_doc))
    assert again.to_dict(tokens=True) == seed_doc.to_dict(tokens=True)
    assert again.tokens[5].stem == seed_doc.tokens[5].stem
