"""The document's second pass (`marsad.actors.docpass.RULES`) on real sentences, with a stand-in tagger."""
from __future__ import annotations

from marsad.actors.docpass import RULES

from test_actors_merge import run  # noqa: F401  (the module fixture: the stage with a fixed tagger)


def _mentions(doc, name):
    return [(m.text, e.type) for e in doc.entities for m in e.mentions if e.name == name]


def test_docpass_rules_are_small_documented_functions():
    assert all(rule.__doc__ for rule in RULES)


def test_docpass_a_confident_name_is_a_mention_wherever_it_is_written(run):
    doc = run("فاز العداء بنسون كيبوي بالسباق. وكان وبنسون كيبوي قد فاز العام الماضي.", ("بنسون كيبوي", "PER", 0.95))
    assert [t for t, _ in _mentions(doc, "بنسون كيبوي")] == ["بنسون كيبوي", "بنسون كيبوي"]


def test_docpass_one_type_per_unlinked_name():
    text = "فاز نادي سانتوس على منافسه. وقال مدرب سانتوس إن الفوز مستحق."
    first = text.index("سانتوس")
    second = text.index("سانتوس", first + 1)

    class TwoReadings:
        def tag(self, doc, probes=frozenset()):
            from marsad.actors.tagger import TaggedSpan
            return [TaggedSpan(first, first + 6, "ORG", 0.95), TaggedSpan(second, second + 6, "LOC", 0.6)]
    stage_doc = _analyze_with(TwoReadings(), text)
    assert {e.type for e in stage_doc.entities if e.name == "سانتوس"} == {"ORG"}


def _analyze_with(tagger, text):
    from marsad.actors import ActorStage
    from marsad.doc import Doc
    from marsad.pipeline import Resources
    from marsad.settings import Settings
    from marsad.text.segment import Segmenter
    settings = Settings(use_tagger=False)
    resources = Resources(settings)
    segment, actors = Segmenter(settings, resources), ActorStage(settings, resources)
    actors.tagger = tagger
    return actors(segment(Doc(text=text)))


def test_docpass_a_kept_first_letter_goes_when_the_name_is_written_without_it(run):
    doc = run("وقالت روسكوسموس إن الإطلاق تأجل. وأكد مصدر لروسكوسموس الخبر.", ("روسكوسموس", "ORG", 0.9),
              ("لروسكوسموس", "ORG", 0.9))
    texts = sorted(m.text for e in doc.entities for m in e.mentions)
    assert texts == ["روسكوسموس", "روسكوسموس"] and len(doc.entities) == 1


def test_docpass_an_unlinked_name_written_as_a_linked_one_is_that_actor(run):
    doc = run("ونقلت بي بي سي عن مصادر. وقالت بي بي سي إن الوضع هادئ.", ("بي بي سي", "ORG", 0.9))
    assert [e.kb_id for e in doc.entities] == ["org:media:bbc"]


def test_coref_a_nationality_before_an_unknown_name_gives_its_state(run):
    doc = run("وانضم اللاعب البرازيلي فابينيو سانتوس إلى الفريق.", ("فابينيو سانتوس", "PER", 0.9))
    assert [(e.name, e.actor.country) for e in doc.entities if e.type == "PER"] == [("فابينيو سانتوس", "BRA")]


def test_coref_a_nationality_reaches_the_name_across_an_apposition_comma(run):
    doc = run("علق الممثل الكوميدي الأمريكي، جيم كاري، السبت، على الهجوم.", ("جيم كاري", "PER", 0.9))
    assert [(e.name, e.actor.country) for e in doc.entities if e.type == "PER"] == [("جيم كاري", "USA")]


def test_coref_a_quoted_nationality_before_a_name_gives_its_state(run):
    doc = run('وتحدث مدرب الهلال "اليوناني" جورجيوس دونيس عن المباراة.', ("جورجيوس دونيس", "PER", 0.9))
    assert [(e.name, e.actor.country) for e in doc.entities if e.type == "PER"] == [("جورجيوس دونيس", "GRC")]


def test_link_an_outlet_in_the_opening_byline_is_the_outlet(run):
    doc = run("عبدالله البرقاوي- سبق- الرياض: أصدر مكتب التحقيقات بيانا.")
    assert "org:media:sabq" in {e.kb_id for e in doc.entities}
    doc = run("الرياض 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس  اتفق المدربان على صعوبة المواجهة.")
    assert "org:media:spa" in {e.kb_id for e in doc.entities}


def test_link_an_outlet_word_later_in_the_text_needs_its_cue(run):
    doc = run("وقال المتحدث إن الحادث وقع أمس. وجاء في البيان: إن التحقيق مستمر.")
    assert all(e.kb_id is None or "media" not in e.kb_id for e in doc.entities)
    doc = run("التنظيم -كما جاء في بيان الوزارة الأخير- كان يجند الصبية.")
    assert all(e.kb_id is None or "media" not in e.kb_id for e in doc.entities)


def test_merge_a_body_named_with_its_nationality_adjective_is_an_organization_of_that_state(run):
    doc = run("يذكر أن البنك الوطني السويسري حذر من المخاطر.", ("البنك الوطني السويسري", "ORG", 0.9))
    assert [(e.name, e.type, e.actor.country) for e in doc.entities] == [("البنك الوطني السويسري", "ORG", "CHE")]


def test_merge_a_known_name_with_an_adjective_keeps_its_link(run):
    doc = run("ونقلت وكالة انترفاكس الروسية عن مصدر قوله.", ("انترفاكس الروسية", "ORG", 0.9))
    assert "org:media:interfax" in {e.kb_id for e in doc.entities}
