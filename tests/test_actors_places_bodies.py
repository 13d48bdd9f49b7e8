"""A body or place the KB lacks, read with its state from the text around it: `actors.bodies` (a head noun,
its continuation and a nationality adjective), `actors.placing` (a locative phrase after the name), the
document pass's `bracketed_name_part`, the unknown body after a title, and a one-word institution head that
qualifies a definite noun. Real sentences, the shipped knowledge base and a stand-in tagger (fixed spans)."""
from __future__ import annotations

import pytest
from test_actors_merge import run  # noqa: F401  (the fixture: a text and the tagger's spans -> the actors stage's doc)

from marsad.actors import ActorStage
from marsad.doc import Doc
from marsad.pipeline import Resources
from marsad.settings import Settings
from marsad.text.segment import Segmenter


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


@pytest.fixture(scope="module")
def untagged():
    """The stage without a tagger: every sentence is read by the rules."""
    settings = Settings(use_tagger=False)
    resources = Resources(settings)
    segment, actors = Segmenter(settings, resources), ActorStage(settings, resources)
    return lambda text: actors(segment(Doc(text=text)))


def test_former_ends_an_unknown_body_after_a_title(untagged):
    doc = untagged("هذا ما قاله رئيس الاتحاد الكوري السابق ومالك القسم المهيمن من أسهم الشركة.")
    names = _names(doc)
    assert "الاتحاد الكوري" in names and not any("السابق" in n for n in names)


def test_institution_head_after_a_definite_noun_is_an_adjective(run):
    # للسياسة الخارجية: the foreign policy, not the foreign ministry
    doc = run("وقالت المتحدثة باسم الممثلة العليا للسياسة الخارجية الأوروبية في بيان إن الاتحاد يدين الهجوم.")
    assert not any(m.text == "الخارجية" for e in doc.entities for m in e.mentions)


def test_institution_head_as_subject_is_the_ministry(run):
    doc = run("زار الوفد إيران أمس. وقالت الخارجية في بيان إن إيران ترحب بالزيارة.")
    assert any(m.text == "الخارجية" and e.type == "ORG" for e in doc.entities for m in e.mentions)


def test_state_after_the_body_a_title_heads_is_its_holders(run):
    # a sentence the tagger read: its names stand, the state after في still reaches the person
    doc = run('وقال توران كشلاقجي، رئيس بيت الاعلاميين العرب في تركيا، لصحيفة "نيويورك تايمز" إن الضباط يعتقدون ذلك.',
              ("توران كشلاقجي", "PER"))
    assert _names(doc)["توران كشلاقجي"][2] == "TUR"


def test_a_head_inside_the_name_does_not_end_it(run):
    # الإذاعة is a head noun too; هيئة before it opens the name
    doc = run("وقال بوتن في مقابلة مع هيئة الإذاعة النمساوية، بثت الاثنين: نحن لا نسعى إلى تقسيم أوروبا.")
    assert _names(doc)["هيئة الإذاعة النمساوية"] == ("ORG", None, "AUT")


def test_country_name_after_a_feminine_definite_noun_is_an_adjective(run):
    doc = run("وأشار إلى أن المباراة فرصة جيدة للكرة السعودية عطفا على الإمكانيات المتاحة.")
    assert not any(e.type == "LOC" for e in doc.entities)



def test_place_name_opening_with_a_place_word_needs_no_other_support(run):
    doc = run("وتقول وكالة انترفاكس الروسية إن دوريات من طائرات ميغ مسلحة تسير حاليا فوق بحر قزوين.")
    assert _names(doc).get("بحر قزوين", (None,))[0] == "LOC"


def test_outlet_name_after_its_head_stands_and_takes_the_adjectives_state(run):
    doc = run("وهذا ما يجعله أمام ثلاثة اختيارات، وفقا لصحيفة هاآرتس الإسرائيلية.", ("هاآرتس", "ORG"))
    assert _names(doc) == {"هاآرتس": ("ORG", None, "ISR")}


def test_month_written_as_a_date_is_no_actor(run):
    doc = run("وكان أوربان فاز في نيسان/أبريل الماضي بولاية ثالثة على رأس الحكومة.", ("نيسان", "ORG"))
    assert "نيسان" not in _names(doc)


def test_month_name_alone_as_a_name_stays(run):
    doc = run("وأعلنت شركة نيسان اليابانية عن طراز جديد.", ("نيسان", "ORG"))
    assert "نيسان" in _names(doc)


def test_birthplace_idiom_is_no_capital(run):
    doc = run("ويقوم الرئيس بأول زيارة له إلى مسقط رأس والده منذ توليه الرئاسة.")
    assert not any(e.kb_id == "loc:city:muscat" for e in doc.entities)


def test_muscat_named_as_a_city_stays(run):
    doc = run("ووصل الوزير إلى مسقط أمس في زيارة رسمية.")
    assert any(e.kb_id == "loc:city:muscat" for e in doc.entities)


def test_institution_head_with_a_common_adjective_is_no_organ(run):
    doc = run("وتقول النمسا، التي تتولى الرئاسة الدورية للاتحاد الأوروبي في يوليو المقبل، إنها تريد أن تكون جسرا.")
    assert not any(m.text == "الرئاسة" for e in doc.entities for m in e.mentions)


def test_body_after_the_preposition_li_starts_at_its_article(run):
    # للبنك = ل + البنك: the name starts at the second ل, the preposition stays outside it
    doc = run("وقدمت الحكومة دعما للبنك المركزي المصري لتحرير سعر صرف النقد الأجنبي.")
    assert _names(doc)["لبنك المركزي المصري"] == ("ORG", None, "EGY")


def test_a_lone_conjunction_before_a_body_is_read_without_error(run):
    # a one-letter word (و written apart) among the words before a nationality adjective: an ant-sample
    # article raised IndexError here
    doc = run("ووقعت اشتباكات بين المحتجين و القوات المصرية أمس.")
    assert not any(e.type == "ORG" and "و القوات" in e.name for e in doc.entities)
