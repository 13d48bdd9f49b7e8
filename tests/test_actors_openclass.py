"""Open-class names (`marsad.actors.openclass.RULES`): Latin-script names and spelled-out acronyms, on real
sentences through the actors stage with the shipped knowledge base (tagger off: these rules stand alone);
quoted outlet names after an outlet word."""
from __future__ import annotations

import pytest

import marsad
from marsad.actors.openclass import RULES


@pytest.fixture(scope="module")
def nlp():
    return marsad.load(components=("segment", "actors"), use_tagger=False)


def _names(doc):
    return {m.text: (e.type, e.kb_id) for e in doc.entities for m in e.mentions if m.kind == "name"}


def test_openclass_rules_are_small_documented_functions():
    assert all(rule.__doc__ for rule in RULES)


def test_openclass_latin_acronym_glued_to_a_proclitic_is_linked(nlp):
    names = _names(nlp("كشف مصدر مطلع لـCNN تفاصيل اللقاء الذي جمع الوزيرين."))
    assert names == {"CNN": ("ORG", "org:media:cnn")}


def test_openclass_latin_name_the_kb_lacks_is_an_organization(nlp):
    names = _names(nlp("وقال معهد TsNIIMash الروسي إن الصاروخ جاهز."))
    assert names["TsNIIMash"] == ("ORG", None)


def test_openclass_web_address_is_no_name(nlp):
    assert "www" not in str(_names(nlp("وللمزيد زوروا الموقع www.Example.com اليوم.")))


def test_openclass_unit_after_a_number_is_no_name(nlp):
    assert _names(nlp("وتبلغ سعة الذاكرة 64 GB في الطراز الجديد.")) == {}


def test_openclass_spelled_acronym_grows_over_all_its_letters(nlp):
    names = _names(nlp("وقالت شبكة سي جي تي أن الصينية إن المحادثات انتهت."))
    assert "سي جي تي أن" in names and names["سي جي تي أن"][0] == "ORG"


def test_openclass_known_acronym_in_quotes_after_a_conjunction(nlp):
    names = _names(nlp('ونقلت رويترز و"بي بي سي" الخبر عن مصادر رسمية.'))
    assert names["بي بي سي"] == ("ORG", "org:media:bbc")


def test_openclass_two_letters_without_a_cue_are_no_name(nlp):
    assert _names(nlp("واشترى الطالب سي دي جديدا من المتجر.")) == {}


def test_openclass_a_latin_phrase_in_lower_case_is_no_name(nlp):
    assert _names(nlp("وهي لحظة الاقتران الفلكية ( Nwe moon ) قبل غروب الشمس.")) == {}


def test_quoted_name_after_an_outlet_word_is_an_outlet_with_its_places_state(nlp):
    doc = nlp('وفق ما أعلن المرصد السوري لحقوق الإنسان وشبكة "السويداء 24" المحلية للأنباء الأحد.')
    outlet = [e for e in doc.entities if any(m.text == "السويداء 24" for m in e.mentions)]
    assert len(outlet) == 1 and outlet[0].type == "ORG" and outlet[0].actor.country == "SYR"
    assert not any(e.type == "LOC" for e in doc.entities)   # the town names the outlet here


def test_quoted_words_without_an_outlet_word_are_no_outlet(nlp):
    doc = nlp('مضيفا أنه سيواصل عمله لـ"تعزيز الأمن" في المنطقة.')
    assert not any(m.text == "تعزيز الأمن" for e in doc.entities for m in e.mentions)
