"""The actors stage on a tiny in-test knowledge base: recognition, linking, coreference, one behaviour each."""
from __future__ import annotations

import pytest

from marsad.actors import ActorStage
from marsad.doc import Doc, Meta
from marsad.kb import KBEntry, KnowledgeBase, Position
from marsad.pipeline import Resources
from marsad.settings import Settings
from marsad.text.segment import Segmenter


def _country(iso, name, en, demonyms=(), weight=6.0, aliases=(), weak=()):
    return KBEntry(id=f"loc:country:{iso}", type="LOC", subtype="country", name=name, name_en=en, country=iso,
                   role=None, code=iso, aliases=tuple(aliases), demonyms=tuple(demonyms), weight=weight,
                   weak=tuple(weak))


def _nisba(stem):
    """All the inflections of a nisba adjective, with and without ال."""
    forms = [stem + "ي", stem + "ية", stem + "يون", stem + "يين", stem + "يات"]
    return tuple(forms + ["ال" + f for f in forms])


ENTRIES = [
    _country("ISR", "إسرائيل", "Israel", _nisba("إسرائيل")),
    KBEntry(id="loc:country:AZE", type="LOC", subtype="country", name="أذربيجان", name_en="Azerbaijan", country="AZE",
            role=None, code="AZE", demonyms=_nisba("أذر") + _nisba("أذربيجان"), capital="loc:city:baku", weight=6.0),
    _country("USA", "الولايات المتحدة", "United States", _nisba("أمريك") + _nisba("أميرك"), aliases=("أمريكا",)),
    _country("IRN", "إيران", "Iran", _nisba("إيران")),
    _country("CUB", "كوبا", "Cuba", _nisba("كوب"), weight=5.0, weak=("كوبا",)),
    _country("FRA", "فرنسا", "France", _nisba("فرنس")),
    KBEntry(id="loc:city:quba", type="LOC", subtype="city", name="قوبا", name_en="Quba", country="AZE", role=None,
            code=None, aliases=("كوبا",), context=("أذربيجان", "باكو"), weight=3.0, weak=("كوبا",)),
    KBEntry(id="loc:city:baku", type="LOC", subtype="city", name="باكو", name_en="Baku", country="AZE", role=None,
            code=None, weight=5.5),
    KBEntry(id="loc:city:cannes", type="LOC", subtype="city", name="كان", name_en="Cannes", country="FRA",
            role=None, code=None, weight=3.4),
    KBEntry(id="per:donald-trump", type="PER", subtype="person", name="دونالد ترامب", name_en="Donald Trump",
            country="USA", role="GOV", code="USAGOV", aliases=("ترامب", "ترمب"), weight=9.0,
            positions=(Position("head_of_state", "USA", None, "2017-01-20", "2021-01-20"),
                       Position("head_of_state", "USA", None, "2025-01-20", None))),
    KBEntry(id="per:emmanuel-macron", type="PER", subtype="person", name="إيمانويل ماكرون", name_en="Emmanuel Macron",
            country="FRA", role="GOV", code="FRAGOV", aliases=("ماكرون",), weight=8.0,
            positions=(Position("head_of_state", "FRA", None, "2017-05-14", None),)),
    KBEntry(id="per:joe-biden", type="PER", subtype="person", name="جو بايدن", name_en="Joe Biden",
            country="USA", role="GOV", code="USAGOV", aliases=("بايدن",), weight=8.0,
            positions=(Position("head_of_state", "USA", None, "2021-01-20", "2025-01-20"),)),
]


@pytest.fixture(scope="module")
def analyze():
    settings = Settings(use_tagger=False)
    resources = Resources(settings)
    kb = KnowledgeBase({e.id: e for e in ENTRIES})
    resources.get("kb", lambda s: kb)
    segment = Segmenter(settings, resources)
    actors = ActorStage(settings, resources)

    def run(text: str, published: str | None = None) -> Doc:
        return actors(segment(Doc(text=text, meta=Meta(published=published))))
    return run


def _by_name(doc: Doc, name: str):
    hits = [e for e in doc.entities if e.name == name]
    assert hits, f"no entity named {name!r} in {[e.name for e in doc.entities]}"
    return hits[0]


def _mention_texts(doc: Doc) -> set[str]:
    return {m.text for e in doc.entities for m in e.mentions}


def test_actors_mention_excludes_proclitics(analyze):
    doc = analyze("وقعت الحكومة اتفاقا مع باكو وإسرائيل أمس.")
    assert "إسرائيل" in {m.text for m in _by_name(doc, "إسرائيل").mentions}


def test_actors_lam_lam_matches_the_article(analyze):
    doc = analyze("وجه الوزير رسالة للولايات المتحدة بشأن الاتفاق.")
    assert _by_name(doc, "الولايات المتحدة").actor.country == "USA"


def test_actors_name_inside_a_longer_word_is_not_matched(analyze):
    doc = analyze("كانت هذه باكورة أعمال المعرض في كانون الثاني.")
    assert doc.entities == []


def test_actors_unknown_name_after_title_takes_its_state(analyze):
    doc = analyze("وزار وزير الزراعة الإسرائيلي آفي ديختر العاصمة باكو الأسبوع الماضي.")
    person = _by_name(doc, "آفي ديختر")
    assert (person.type, person.actor.country, person.actor.role, person.kb_id) == ("PER", "ISR", "GOV", None)


def test_actors_apposition_gives_the_person_a_title_mention(analyze):
    doc = analyze("أعلن مختار محمدوف سفير أذربيجان في إسرائيل أن العلاقات قوية.")
    person = _by_name(doc, "مختار محمدوف")
    assert person.actor.country == "AZE" and person.actor.role == "DIP"
    assert any(m.kind == "title" and m.text.startswith("سفير أذربيجان") for m in person.mentions)


def test_actors_short_name_is_the_same_person(analyze):
    doc = analyze("أعلن مختار محمدوف سفير أذربيجان أن العلاقات قوية. وقال محمدوف إن التعاون سيتسع.")
    assert "محمدوف" in {m.text for m in _by_name(doc, "مختار محمدوف").mentions}


def test_actors_country_pronoun_refers_to_the_speakers_state(analyze):
    doc = analyze("أعلن مختار محمدوف سفير أذربيجان أن بلاده ترحب بالتعاون مع إسرائيل.")
    mentions = _by_name(doc, "أذربيجان").mentions
    assert any(m.text == "بلاده" and m.kind == "pronoun" for m in mentions)


def test_actors_loaded_label_is_a_mention_of_its_state(analyze):
    doc = analyze("ويبدي السفير نشاطا لافتا في دولة الاحتلال منذ تعيينه.")
    assert any(m.text == "دولة الاحتلال" for m in _by_name(doc, "إسرائيل").mentions)


def test_actors_nationality_adjective_is_no_entity(analyze):
    doc = analyze("تتحدث التقارير عن استخدام الأراضي الأذرية للعمل ضد إيران.")
    assert "الأذرية" not in _mention_texts(doc)
    assert all(e.kb_id != "loc:country:AZE" for e in doc.entities)


def test_actors_institution_with_nationality_is_an_organization_of_that_state(analyze):
    doc = analyze("ونددت وزارة الخارجية الإيرانية بالهجوم.")
    org = _by_name(doc, "وزارة الخارجية الإيرانية")
    assert (org.type, org.actor.country, org.actor.role, org.actor.code) == ("ORG", "IRN", "GOV", "IRNGOV")


def test_actors_title_alone_is_the_office_holder_at_publication(analyze):
    assert _by_name(analyze("وقال الرئيس الأمريكي إن الاتفاق سيئ.", "2018-04-24"), "دونالد ترامب")
    assert _by_name(analyze("وقال الرئيس الأمريكي إن الاتفاق سيئ.", "2022-03-01"), "جو بايدن")


def test_actors_title_alone_prefers_the_holder_named_in_the_article(analyze):
    doc = analyze("التقى دونالد ترامب نظراءه. وقال الرئيس الأمريكي إن الاتفاق سيئ.", "2023-01-01")
    trump = _by_name(doc, "دونالد ترامب")
    assert any(m.text == "الرئيس الأمريكي" for m in trump.mentions)
    assert all(e.name != "جو بايدن" for e in doc.entities)


def test_actors_context_settles_an_ambiguous_place(analyze):
    doc = analyze("توجد معابد يهودية في أذربيجان: ثلاثة في باكو ومثلها في كوبا.")
    assert _by_name(doc, "قوبا").actor.country == "AZE"


def test_actors_ordinary_word_is_no_small_place(analyze):
    doc = analyze("كان الرئيس الفرنسي في فرنسا حين كان الاجتماع.")
    assert all(e.kb_id != "loc:city:cannes" for e in doc.entities)


def test_actors_offsets_and_ids_are_consistent(analyze):
    doc = analyze("أعلن مختار محمدوف سفير أذربيجان في دولة الاحتلال أن بلاده ترحب بالعلاقات مع إسرائيل وباكو.")
    assert [e.id for e in doc.entities] == [f"E{i}" for i in range(1, len(doc.entities) + 1)]
    firsts = [e.mentions[0].start for e in doc.entities]
    assert firsts == sorted(firsts)
    for e in doc.entities:
        assert [(m.start, m.end) for m in e.mentions] == sorted((m.start, m.end) for m in e.mentions)
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text


def test_actors_known_given_name_without_title_makes_a_person(analyze):
    doc = analyze("وشارك في الندوة حسين الفردان إلى جانب عدد من الباحثين.")
    assert _by_name(doc, "حسين الفردان").type == "PER"


def test_actors_given_name_before_an_ordinary_word_is_no_person(analyze):
    doc = analyze("يعد هذا المعبد أكبر المعابد اليهودية في أوروبا، وقال سعيد إن الزيارة مهمة.")
    assert all(e.type != "PER" for e in doc.entities)


def test_actors_counterpart_is_the_same_office_of_the_other_state(analyze):
    doc = analyze("وقال ماكرون في مؤتمر صحفي مع نظيره الأمريكي إن الاتفاق قائم.", "2018-04-24")
    assert any(m.text == "نظيره الأمريكي" for m in _by_name(doc, "دونالد ترامب").mentions)


class _FixedTagger:
    """A stand-in for the CRF tagger that returns fixed spans (found by searching the text)."""

    def __init__(self, *spans):
        self.spans = spans

    def tag(self, doc, probes=frozenset()):
        from marsad.actors.tagger import TaggedSpan
        out = []
        for surface, typ in self.spans:
            at = doc.text.find(surface)
            out.append(TaggedSpan(at, at + len(surface), typ, 0.9))
        return out


@pytest.fixture()
def analyze_with_tagger():
    settings = Settings(use_tagger=False)
    resources = Resources(settings)
    kb = KnowledgeBase({e.id: e for e in ENTRIES})
    resources.get("kb", lambda s: kb)
    segment = Segmenter(settings, resources)
    actors = ActorStage(settings, resources)

    def run(text: str, *spans) -> Doc:
        actors.tagger = _FixedTagger(*spans)
        return actors(segment(Doc(text=text)))
    return run


def test_actors_tagger_span_overlapping_nothing_becomes_an_unlinked_entity(analyze_with_tagger):
    doc = analyze_with_tagger("وصل فريق شركة النور للتقنية إلى باكو أمس.", ("شركة النور للتقنية", "ORG"))
    org = _by_name(doc, "شركة النور للتقنية")
    assert (org.type, org.kb_id) == ("ORG", None)


def test_actors_knowledge_base_wins_over_an_overlapping_tagger_span(analyze_with_tagger):
    doc = analyze_with_tagger("وصل الوفد إلى باكو أمس.", ("إلى باكو", "PER"))
    assert [(e.type, e.kb_id) for e in doc.entities] == [("LOC", "loc:city:baku")]


def test_actors_tagged_organization_takes_the_state_it_names(analyze_with_tagger):
    doc = analyze_with_tagger("وحضر ممثلو اتحاد طلاب أذربيجان الجلسة.", ("اتحاد طلاب أذربيجان", "ORG"))
    org = _by_name(doc, "اتحاد طلاب أذربيجان")
    assert (org.type, org.actor.country) == ("ORG", "AZE")


def test_actors_lexicon_in_the_repo_loads():
    from marsad.actors.rules import load_actor_lexicon
    lex = load_actor_lexicon(Settings())
    assert lex.titles["سفير"].position == "ambassador" and lex.labels["دوله الاحتلال"] == "ISR"


def test_actors_bad_lexicon_line_is_a_config_error_naming_the_line(tmp_path):
    import shutil

    from marsad.actors.rules import load_actor_lexicon
    from marsad.errors import ConfigError
    data = tmp_path / "data"
    shutil.copytree(Settings().data_dir / "actors", data / "actors")
    with (data / "actors" / "labels.tsv").open("a", encoding="utf-8") as fh:
        fh.write("الكيان الغاصب\tIsrael\n")
    with pytest.raises(ConfigError, match=r"labels\.tsv:\d+"):
        load_actor_lexicon(Settings(data_dir=data))


def test_actors_bare_ministry_is_the_one_named_before(analyze):
    doc = analyze("ونددت وزارة الخارجية الإيرانية بالهجوم. وقالت الخارجية إن إيران سترد.")
    ministry = _by_name(doc, "وزارة الخارجية الإيرانية")
    assert "الخارجية" in {m.text for m in ministry.mentions}


def test_actors_country_name_after_an_institution_is_its_adjective(analyze):
    doc = analyze("وقالت الحكومة الإيرانية إن إيران لن تقبل.")
    assert _by_name(doc, "الحكومة الإيرانية").actor.country == "IRN"


def test_actors_capital_acting_stands_for_its_state_but_not_as_a_place(analyze):
    kb_capital = analyze("وقالت باكو إن أذربيجان سترد. وعقد الاجتماع في باكو.")
    state = _by_name(kb_capital, "أذربيجان")
    assert {m.text for m in state.mentions} == {"باكو", "أذربيجان"}
    assert _by_name(kb_capital, "باكو").type == "LOC"


def test_actors_unknown_body_after_a_title_is_an_organization_of_the_state_after_fi(analyze):
    doc = analyze("وقال مختار محمدوف، رئيس بيت الإعلاميين العرب في أذربيجان، إن الوضع صعب.")
    body = _by_name(doc, "بيت الإعلاميين العرب في أذربيجان")
    assert (body.type, body.actor.country, body.kb_id) == ("ORG", "AZE", None)
    assert _by_name(doc, "مختار محمدوف").actor.country == "AZE"


def test_actors_words_after_a_title_that_start_no_body_are_no_organization(analyze):
    doc = analyze("وقال رئيس الوزراء المنتهية ولايته إن الوضع صعب.")
    assert all(e.type != "ORG" for e in doc.entities)


def test_actors_unknown_person_is_of_the_articles_main_state(analyze):
    doc = analyze("زار وفد إسرائيلي مدينة باكو. وقال حسين الفردان إن أذربيجان تدعم التعاون، وإن باكو مستعدة.")
    assert _by_name(doc, "حسين الفردان").actor.country == "AZE"


def test_actors_pronoun_after_a_short_name_takes_the_persons_state(analyze):
    doc = analyze("أعلن مختار محمدوف سفير أذربيجان أن العلاقات قوية. وقال محمدوف إن بلاده تدعم التعاون مع إسرائيل.")
    assert any(m.text == "بلاده" for m in _by_name(doc, "أذربيجان").mentions)


def test_actors_former_office_holder_is_not_todays_holder(analyze):
    doc = analyze("وقال الرئيس الأمريكي السابق إن الاتفاق سيئ.", "2022-03-01")
    assert all(e.name != "جو بايدن" for e in doc.entities)
