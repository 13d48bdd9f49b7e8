"""A body or place the KB lacks, read with its state from the text around it: `actors.bodies` (a head noun,
its continuation and a nationality adjective), `actors.placing` (a locative phrase after the name), the
document pass's `bracketed_name_part`, and the unknown body after a title in a tagged sentence. Real
sentences, the shipped knowledge base and a stand-in tagger (fixed spans)."""
from __future__ import annotations

from test_actors_merge import run  # noqa: F401  (the fixture: a text and the tagger's spans -> the actors stage's doc)


def _names(doc):
    return {m.text: (e.type, e.kb_id, e.actor.country) for e in doc.entities for m in e.mentions if m.kind == "name"}


def test_bank_named_with_a_nationality_is_one_body_of_that_state(run):
    doc = run("ووافق الصندوق على منح مصر القرض بعد ما قام البنك المركزي المصري بتحرير سعر صرف النقد الأجنبي.")
    assert _names(doc)["البنك المركزي المصري"] == ("ORG", None, "EGY")


def test_long_body_name_takes_its_genitive_continuation(run):
    doc = run("وتلقى المكتب بلاغاً من مكتب تحقيقات حوادث الطيران البريطاني، يفيد بوقوع حادثة تحطم طائرة.")
    assert _names(doc)["مكتب تحقيقات حوادث الطيران البريطاني"] == ("ORG", None, "GBR")


def test_tagger_short_reading_gives_way_to_the_whole_body(run):
    doc = run("يذكر أن البنك الوطني السويسري حذر من المخاطر.", ("البنك الوطني", "ORG"))
    names = _names(doc)
    assert names["البنك الوطني السويسري"] == ("ORG", None, "CHE") and "البنك الوطني" not in names


def test_head_and_adjective_alone_describe_and_do_not_name(run):
    # الصحيفة الإسرائيلية refers to a paper named elsewhere; البرنامج is a generic head (generic_heads.txt)
    doc = run("وقالت الصحيفة الإسرائيلية إن البرنامج النووي الإيراني يقلق تل أبيب.")
    assert "الصحيفة الإسرائيلية" not in _names(doc) and "البرنامج النووي الإيراني" not in _names(doc)


def test_place_after_b_gives_an_unknown_town_its_state(run):
    doc = run("قضت محكمة في مدينة يانجون بميانمار بسجن اثنين من الصحفيين.", ("يانجون", "LOC"))
    assert _names(doc)["يانجون"][2] == "MMR"


def test_place_in_a_description_after_the_name(run):
    doc = run("ومقرها في وزيرستان، وهي منطقة قبلية في باكستان، وتعمل عبر الحدود.", ("وزيرستان", "LOC"))
    assert _names(doc)["وزيرستان"][2] == "PAK"


def test_person_is_not_placed_where_he_spoke(run):
    doc = run("وقال جون ستيفنز في تركيا إن الوفد سيصل غدا.", ("جون ستيفنز", "PER"))
    assert _names(doc)["جون ستيفنز"][2] != "TUR"


def test_bracketed_given_name_is_the_person_it_completes(run):
    doc = run('وأضاف "لو التزم (باراك) أوباما بالخط الأحمر الذي رسمه، لانتهت الحرب".', ("باراك", "PER"))
    obama = [e for e in doc.entities if e.kb_id == "per:barack-obama"]
    assert len(obama) == 1 and {m.text for m in obama[0].mentions} >= {"باراك", "أوباما"}
    assert len([e for e in doc.entities if e.type == "PER"]) == 1


def test_unknown_body_after_a_title_is_read_in_a_tagged_sentence(run):
    doc = run('وقال توران كشلاقجي، رئيس بيت الاعلاميين العرب في تركيا، لصحيفة "نيويورك تايمز" إن الضباط يعتقدون ذلك.',
              ("توران كشلاقجي", "PER"))
    names = _names(doc)
    assert names["بيت الاعلاميين العرب"][0] == "ORG" and names["توران كشلاقجي"][2] == "TUR"


def test_former_ends_an_unknown_body_after_a_title(run):
    doc = run("هذا ما قاله رئيس الاتحاد الكوري السابق ومالك القسم المهيمن من أسهم الشركة.")
    names = _names(doc)
    assert "الاتحاد الكوري" in names and not any("السابق" in n for n in names)
