"""Each named rule of the attribution stage on a real sentence from the ANT news corpus (the
article id is in the comment), through the whole pipeline (segmenter, actors, attribution), so a
rule is tested with the entities it really gets."""
from __future__ import annotations

import pytest

from marsad.attribution import outlets, quotes, speakers


def quote_starting(doc, words):
    hits = [q for q in doc.quotes if q.text.startswith(words)]
    assert hits, [q.text[:40] for q in doc.quotes]
    return hits[0]


def name(doc, eid):
    e = doc.entity(eid)
    return e.name if e is not None else None


def chain(doc, q):
    return [(c.role, name(doc, c.entity) or c.name) for c in q.chain if c.role != "published_by"]


# ---- the rule lists are what the modules say they are ----

def test_rule_lists_are_ordered_and_documented():
    for rule in (*quotes.QUOTE_RULES, *speakers.SPEAKER_RULES, *outlets.OUTLET_RULES):
        assert rule.__doc__ and rule.__doc__.strip(), rule.__name__
    assert [r.__name__ for r in quotes.QUOTE_RULES][:2] == ["speech_after_cues", "source_phrase_heading"]
    assert speakers.SPEAKER_RULES[-1].__name__ == "implicit_subject"


# ---- quotes ----

def test_quotation_after_cue(nlp):
    # AL-culture-248-20180410
    doc = nlp('تقول طرابلسي لوكالة فرانس برس "أردت من خلال الفن أن أظهر أن القذيفة المدفعية التي تمثل التدمير '
              'والقتل والاحتلال، لا تستطيع أن تلغي الهوية".')
    q = quote_starting(doc, "أردت من خلال الفن")
    assert q.kind == "direct" and q.cue.lemma == "قال"
    assert ("said_to", "فرانس برس") in chain(doc, q)


def test_indirect_clause_starts_where_the_content_starts(nlp):
    # CN-middleEast-1595 style: a quoted part deep in the clause does not move the quote's start
    doc = nlp('وقالت الهيئة في بيانها إن العطار طالب بتشكيل لجنة ثانية لمشاهدة العرض في 19 مارس، رغبة في '
              'السماح بعرضه دون الاقتطاعات "المقترحة" من الرقابة.')
    q = quote_starting(doc, "العطار طالب بتشكيل لجنة")
    assert q.kind == "mixed"


def test_a_further_complementizer_opening_a_quotation_is_a_report_of_its_own(nlp):
    # SK-middleEast (Essebsi's speech): `أنه ... وأن "..."`
    doc = nlp('وذكر قايد السبسي، في خطاب بثه التلفزيون الرسمي، أنه لم يتبق من فترة حكمه سوى 20 شهرا '
              'وأن "هناك انتخابات ستجري في ديسمبر 2019".')
    first = quote_starting(doc, "لم يتبق من فترة حكمه")
    second = quote_starting(doc, "هناك انتخابات ستجري")
    assert first.kind == "indirect" and second.kind == "direct"
    assert first.cue.lemma == second.cue.lemma == "ذكر"


def test_qaelan_after_a_comma_starts_its_own_report(nlp):
    # BBC (Stormy Daniels): `قال إنه دفع ...، قائلا إن الهدف منه ...`
    doc = nlp('غير أن ترامب قال إنه دفع لمحاميه مايكل كوهين مقابل المبلغ، قائلا إن الهدف منه كان منعها من '
              'الإدلاء بتصريحات كاذبة.')
    assert quote_starting(doc, "الهدف منه كان منعها").cue.lemma == "قال"
    assert not quote_starting(doc, "دفع لمحاميه").text.endswith("بتصريحات كاذبة")


def test_a_cue_inside_another_cues_window_does_not_report_the_words_twice(nlp):
    # JA-internationalNews-262: `ولاحظ كما نقلت عنه صحيفة هافينغتون بوست أن ...`
    doc = nlp('ولاحظ النائب كما نقلت عنه صحيفة هافينغتون بوست أن "الرئيس بطبيعة ضغط العمل يحتاج من يراقب صحته".')
    starts = [q.start for q in doc.quotes]
    assert len(starts) == len(set(starts))


def test_source_phrase_heading_a_sentence(nlp):
    doc = nlp("وبحسب وزارة الصحة، فإن عدد ضحايا الانفجار ارتفع إلى 12 قتيلا.")
    q = quote_starting(doc, "عدد ضحايا الانفجار")
    assert q.kind == "indirect" and "وزارة الصحة" in (name(doc, q.speaker) or q.speaker_description or "")


def test_headline_speech(nlp):
    doc = nlp("ترامب: قرارنا بشأن سوريا سيصدر قريبا\nقال الرئيس الأمريكي إن القرار سيصدر خلال أيام.")
    assert "ترامب" in (name(doc, quote_starting(doc, "قرارنا بشأن سوريا").speaker) or "")


def test_uncued_short_quotation_is_no_quote_and_a_long_one_continues_a_paragraph(nlp):
    # AL-culture-175: `"فل" التي قالتها العرب` is a word in marks, not reported speech
    doc = nlp('وقال الشاعر: "الكلمات تتغير مع الزمن".\n"لكن المعنى يبقى في القلوب مهما تغير الزمان".')
    assert quote_starting(doc, "لكن المعنى يبقى").cue.lemma == "قال"
    doc = nlp('ويبدو الاتفاق "هشا" في ظل التصعيد.')
    assert not doc.quotes


# ---- speakers ----

def test_a_long_quotation_opening_the_paragraph_after_indirect_speech_goes_on_with_it(nlp):
    # BB-middleEast-579-20180604: the speaker's own words after `وتروي لنا فضيلة كيف أنها ...`
    doc = nlp('فضيلة السوسي، ربة بيت تونسية، تواجه شهر رمضان صعبا مثل آلاف العائلات التونسية الأخرى.\n'
              'وتروي لنا فضيلة كيف أنها حريصة على مقارنة أسعار السلع المعروضة في مختلف المتاجر والمحال.\n'
              '"هناك أسواق ومراكز تجارية وبقالات، وفارق السعر يكون أحيانا مبالغا فيه. لهذا أختار بعد تدقيق في '
              'الأسعار بين مختلف المتاجر".')
    before, words = quote_starting(doc, "حريصة"), quote_starting(doc, "هناك أسواق")
    assert words.kind == "direct" and words.cue.lemma == "روى"
    assert (words.speaker, words.speaker_description) == (before.speaker, before.speaker_description)


def test_a_short_quotation_alone_after_indirect_speech_is_a_subheading(nlp):
    # FR-internationalNews-378-20180312: the subheading quotes the next speaker, not the one before
    doc = nlp('لكن أعضاء في الائتلاف اليميني يقولون إن نتانياهو له أهداف أخرى، وتزايدت التكهنات خلال اليوم بأن '
              'إسرائيل ربما تتوجه إلى الانتخابات قريبا.\n"نتانياهو مغرم بالأزمة الزائفة"\n'
              'وقال وزير التعليم نافتالي بنيت للصحافيين قبل اجتماع الحكومة الأحد "خلال الأسبوع الماضي أعددنا حلا '
              'جيدا لمشروع القانون".')
    heading = [q for q in doc.quotes if q.text.startswith("نتانياهو مغرم")]
    assert all(q.speaker_description is None for q in heading)


def test_participle_shares_the_subject(nlp):
    # AL-culture-327-20180507
    doc = nlp('من جانبه، أكد فنان العرب محمد عبده أنه سعيد بالتواجد في مصر، مشيداً بالقرارات التي اتخذها '
              'ولي العهد الأمير محمد بن سلمان، ومؤكداً أنه أقدم على الأمر بجرأة وشجاعة.')
    q = quote_starting(doc, "أقدم على الأمر")
    assert "عبده" in (name(doc, q.speaker) or "")


def test_coordinated_verb_keeps_the_subject(nlp):
    # CN-middleEast-1200-20180813
    doc = nlp('اعتبر الرئيس التركي رجب طيب أردوغان، العقوبات الأمريكية على بلاده "طعنة بالظهر"، وطمأن الشعب '
              'التركي بأن الليرة ستعود إلى مستواها الطبيعي قريبا.')
    assert "أردوغان" in (name(doc, quote_starting(doc, "الليرة ستعود").speaker) or "")


def test_relative_clause_antecedent_and_its_agreement(nlp):
    # AL-economy-1050-20180719: `مع لوبيز أوبرادور، الذي قال إنه يريد علاقات جيدة`
    doc = nlp('واجتمع وزير الخارجية الأميركي مايك بومبيو الأسبوع الماضي، مع لوبيز أوبرادور، الذي قال إنه يريد '
              'علاقات جيدة مع الولايات المتحدة.')
    q = quote_starting(doc, "يريد علاقات جيدة")
    assert "أوبرادور" in (name(doc, q.speaker) or "")


def test_a_relative_verb_with_its_own_subject(nlp):
    # SK-internationalNews-936: `وهو القانون الذي تقول المعارضة إنه ...`
    doc = nlp("احتجاجا على تمديد حالة الطوارئ، وهو القانون الذي تقول المعارضة إنه أتاح للسلطات قمع الحريات.")
    q = quote_starting(doc, "أتاح للسلطات")
    assert q.speaker is None and q.speaker_description == "المعارضة"


def test_a_pronoun_on_lakin_is_the_topic_speaking(nlp):
    # AL-internationalNews-1413-20180601
    doc = nlp("ومن المتوقع أن يؤدي سانتشيث اليمين بحلول يوم الاثنين. وتعهد ببدء محادثات مع كتالونيا، لكنه قال "
              "إنه لن يسمح لسكانها بإجراء استفتاء على الاستقلال.")
    q = quote_starting(doc, "لن يسمح لسكانها")
    assert q.speaker is None or doc.entity(q.speaker).type == "PER"


def test_a_document_names_its_issuer(nlp):
    doc = nlp("وقالت صحيفة كوميرسانت إن موظفي المنشأة تحت الشبهات.\nوأشار تقرير الصحيفة إلى أن المشتبه بهم قد يحاكمون.")
    assert name(doc, quote_starting(doc, "المشتبه بهم").speaker) == "كوميرسانت"


def test_a_role_stands_for_the_person_named_with_it(nlp):
    doc = nlp("وقال قائد الشرطة مورفي بول إن الضابط طرد من عمله.\nوقال قائد الشرطة إن ضابطا آخر أوقف عن العمل.")
    assert "مورفي" in (name(doc, quote_starting(doc, "ضابطا آخر").speaker) or "")


def test_a_role_without_a_name_is_not_the_body_in_its_complement(nlp):
    doc = nlp("وقال المتحدث باسم وزارة الصحة إن الحصيلة ارتفعت إلى عشرة قتلى.")
    q = quote_starting(doc, "الحصيلة ارتفعت")
    assert q.speaker is None and q.speaker_description.startswith("المتحدث")


def test_an_organization_the_actors_missed_is_an_entity_and_its_noun_refers_back(nlp):
    # SK-internationalNews-1751-20180524: `لجنة تحقيق هولندية` ... `وذكرت اللجنة`
    doc = nlp('خلصت لجنة تحقيق هولندية، الخميس، إلى أن الجيش الروسي يقف وراء تدمير طائرة ماليزية.\n'
              'وذكرت اللجنة في أكتوبر 2015 أن صاروخ "بوك" روسي الصنع أطلق من الأراضي الأوكرانية.')
    first, later = quote_starting(doc, "الجيش الروسي"), quote_starting(doc, 'صاروخ')
    assert name(doc, first.speaker) == "لجنة تحقيق هولندية" and doc.entity(first.speaker).type == "ORG"
    assert later.speaker == first.speaker


def test_an_organizations_name_takes_in_definite_words_joined_by_wa(nlp):
    # SK-middleEast-3712-20181003: `وأكدت الهيئة` is the body named with its whole name before
    doc = nlp('وقالت وكالة السودان للأنباء (سونا)، إن هيئة الجوازات والسجل المدني أقرت الإجراءات بالتنسيق مع '
              'الجانب المصري.\nوأكدت الهيئة أن "المبالغ المسموح بها للدخول أو الخروج هي 10 آلاف دولار فقط".')
    q = quote_starting(doc, "المبالغ")
    assert name(doc, q.speaker) == "هيئة الجوازات والسجل المدني"


def test_an_organization_named_in_quote_marks_is_not_read_from_its_noun(nlp):
    # CN-economy-241-20180901 (ANT): `الشركة الأم` does not make `شركة المشروبات الشهيرة` a name
    doc = nlp('اتفقت شركة المشروبات الشهيرة "كوكا كولا" على شراء سلسلة كوستا كوفي البريطانية، وذلك حسبما أعلنت '
              'الشركة الأم في واشنطن "ويتبريد".')
    assert not any(e.name.startswith("شركة المشروبات") for e in doc.entities)


def test_the_first_of_two_joined_subjects_speaks(nlp):
    # FR-middleEast-893-20180805 (ANT): the network, not the observatory named after و
    doc = nlp('أفادت شبكة أنباء سورية والمرصد السوري لحقوق الإنسان الأحد، أن تنظيم "الدولة الإسلامية" أعدم أحد '
              'الرهائن الذين خطفهم الشهر الماضي.')
    q = quote_starting(doc, "تنظيم")
    assert name(doc, q.speaker) == "شبكة أنباء سورية"


def test_an_office_of_a_named_body_is_a_person_of_its_own(nlp):
    # FR-internationalNews-2535-20180731
    doc = nlp('وأوضح وزير داخلية طاجيكستان أن أحد السائحين المصابين تعرض لـ"طعنة سكين" وهو موجود في المستشفى.')
    e = doc.entity(quote_starting(doc, "أحد السائحين").speaker)
    assert e is not None and e.type == "PER" and e.name == "وزير داخلية طاجيكستان"


def test_a_name_right_before_a_finite_cue_is_its_subject(nlp):
    # CN-middleEast-1579-20181017: not the earlier speaker of the sentence (أحد المصادر)
    doc = nlp('وقال أحد المصادر إن الضابط رفيع المستوى "مقرب من الدائرة الداخلية لولي العهد"، ولم يتضح ما إذا كان '
              'ولي العهد على علم بالعملية أم لا، لكن الرئيس الأمريكي دونالد ترامب قال إن الأمير محمد بن سلمان '
              'نفى أي علم له بما حدث في القنصلية.')
    assert "ترامب" in (name(doc, quote_starting(doc, "الأمير محمد").speaker) or "")


def test_a_name_written_onto_a_preposition_is_not_the_subject(nlp):
    # BB-internationalNews-471-20180506 (ANT)
    doc = nlp('وفي الفقرة، يتفق بالدوين مع محاميه ستيلر على الاتصال بدانيلز هاتفيا.\n'
              'وحين يتصل ستيلر بدانيلز يسألها إن كانت بمفردها.')
    assert "ستيلر" in (name(doc, quote_starting(doc, "كانت بمفردها").speaker) or "")


def test_a_relative_after_a_title_in_apposition_is_the_person(nlp):
    # JA-localNews-4638-20170617: `فتحي بسباس، نائب رئيس نادي الاجيال الذي أكد`
    doc = nlp('والتقى مراسلنا احد المشرفين على هذا التنظيم، فتحي بسباس، نائب رئيس نادي الاجيال الذي أكد أن '
              'التظاهرة من الإرث الثقافي.')
    assert "بسباس" in (name(doc, quote_starting(doc, "التظاهرة").speaker) or "")


def test_a_thing_before_a_relative_is_no_speaker(nlp):
    # BB-internationalNews-1107-20180929 (ANT): `واصفا الجدل الذي خلص`: the debate says nothing
    doc = nlp('وقال ميجور إن الناخب البريطاني ينبغي أن يحصل على فرصة ثانية، واصفا الجدل الذي خلص إلى أهمية '
              'خروج بريطانيا من الاتحاد الأوروبي بأنه "فانتازيا".\nوقال إن "كل ما قيل في إطار ذلك الجدل مخالف للواقع."')
    q = quote_starting(doc, "كل ما قيل")
    assert q.speaker is not None and "ميجور" in name(doc, q.speaker)


def test_a_singular_continuation_skips_a_plural_verbs_subject():
    # `أعضاء البرلمان الذين ينتقدون خطة ماي، لكنه قال`: the plural verb's subject is not `ـه`
    state = speakers.SpeakerState()
    state.heard("E1", None, 10, "m")
    state.heard("E2", None, 50, "pl")
    assert state.last(80, "m") == ("E1", None)
    assert state.last(80, "pl") == ("E2", None)


def test_a_spokesman_for_an_office_holder_is_not_the_office_holder(nlp):
    # SK-middleEast-304-20180315
    doc = nlp('قال المتحدث باسم الرئيس التركي رجب طيب أردوغان، الخميس، إن بلاده ليست لديها نية لتسليم عفرين '
              'للنظام السوري بعد السيطرة عليها.')
    q = quote_starting(doc, "بلاده")
    assert q.speaker is None and q.speaker_description.startswith("المتحدث باسم الرئيس")


def test_a_continuation_cue_takes_a_speaker_of_its_gender(nlp):
    doc = nlp("وقال الوزير أحمد خالد إن المفاوضات مستمرة.\nوقالت المتحدثة باسم الحكومة إن الاجتماع تأجل.\n"
              "وأضافت أن موعدا جديدا سيحدد قريبا.")
    q = quote_starting(doc, "موعدا جديدا")
    assert q.speaker is None and q.speaker_description.startswith("المتحدثة")


# ---- outlets and the chain ----

def test_outlet_after_press_noun_and_its_back_reference(nlp):
    # BBC (Kommersant): an outlet the knowledge base may lack, then `الصحيفة`
    doc = nlp("وقالت صحيفة كوميرسانت الروسية إن عشرة موظفين تحت الشبهات.\nوتقول الصحيفة إن مؤسسة أخرى تتولى المشروع.")
    e = next(e for e in doc.entities if e.name == "كوميرسانت")
    assert e.type == "ORG" and e.subtype == "media"
    assert "الصحيفة" in [m.text for m in e.mentions]
    assert quote_starting(doc, "مؤسسة أخرى").speaker == e.id


def test_a_broadcasters_definite_name_is_an_outlet(nlp):
    doc = nlp('وقال بوتن في مقابلة مع هيئة الإذاعة النمساوية، بثت الاثنين: "نحن لا نسعى وراء هدف تقسيم أي شيء".')
    q = quote_starting(doc, "نحن لا نسعى")
    assert ("said_to", "هيئة الإذاعة النمساوية") in chain(doc, q)


def test_outlet_in_slot_latin_name(nlp):
    # CN-economy-179-20180813
    doc = nlp('وقال الرئيس التنفيذي لمجلس التنمية الرواندي، كلير أكامانزي، لـCNN: "تدور التخمينات الإعلامية حول '
              '30 مليون جنيه استرليني".')
    q = quote_starting(doc, "تدور التخمينات")
    assert [r for r, _ in chain(doc, q)] == ["said_to"]
    assert doc.entity(q.chain[0].entity).subtype == "media"


def test_latin_outlet_known_by_its_english_name(nlp):
    # CN-economy-1-20180213 (the dateline)
    doc = nlp("دبي، الإمارات العربية المتحدة (CNN) -- سيحصل عشاق السينما في المملكة العربية السعودية قريباً على فرصة ذهبية.")
    assert any(e.kb_id == "org:media:cnn" for e in doc.entities)


def test_relay_with_ala_lisan_and_relays_after_the_words(nlp):
    doc = nlp('ونقلت وكالة أنباء الأناضول على لسان اردوغان قوله في كلمة: "لا يمكن للغرب أن يخيفنا".\n'
              "وأشار أردوغان إلى أن الحكومة التركية تسير بحزم، وفقا لما نقلته الأناضول.")
    for start in ("لا يمكن للغرب", "الحكومة التركية تسير"):
        q = quote_starting(doc, start)
        assert "أردوغان" in (name(doc, q.speaker) or "") and ("relayed_by", "الأناضول") in chain(doc, q)


def test_a_relay_of_a_statement_whose_speaker_a_later_cue_names(nlp):
    doc = nlp('ونقلت صحيفة "الأهرام" الحكومية تصريح الوزير الذي قال إن رفع الأسعار يهدف إلى تصحيح المنظومة.')
    assert ("relayed_by", "الأهرام") in chain(doc, quote_starting(doc, "رفع الأسعار"))


def test_an_interview_named_beside_a_speaker_sets_his_later_quotes(nlp):
    doc = nlp('وعبر هاموند في مقابلة خاصة مع "العربية" عن رغبة بلاده في علاقات جيدة.\n'
              "وقال هاموند إن بلاده تدعم بقوة المملكة.")
    assert ("said_to", "العربية") in chain(doc, quote_starting(doc, "بلاده تدعم"))


# ---- framing ----

def test_loaded_label_kinds_and_stance(nlp):
    doc = nlp("وتكبدت مليشيا الحوثي خسائر فادحة في المعارك.\nوأعلن تنظيم داعش المتطرف مسؤوليته عن الهجوم.")
    got = {f.text: f.stance for f in doc.framing if f.kind == "loaded_label"}
    assert got.get("مليشيا") == "delegitimizing"   # a noun that stands for the actor it names
    assert "تنظيم داعش المتطرف" in got or "داعش المتطرف" in got


def test_an_adjective_label_needs_an_actor(nlp):
    # AL-culture-28: `لليمين المتطرف` names no actor the knowledge base knows
    doc = nlp("كذلك نشر ناشطون خصوصاً من الداعمين لليمين المتطرف صورا عبر وسائل التواصل الاجتماعي.")
    assert not [f for f in doc.framing if f.kind == "loaded_label"]


def test_editorial_formulas_in_the_writers_voice(nlp):
    # AL-culture-192-20180323, AL-culture-230-20180406
    doc = nlp('وألغت النجمة الحفلات المقررة. ومن المتوقع أن تستأنف حفلاتها في 22 أيار/مايو.\n'
              'يقضي الممثل الأميركي براد بيت معظم وقته الآن مع صديقة جديدة على ما يبدو.')
    texts = [f.text for f in doc.framing if f.kind == "editorial_voice"]
    assert any(t.startswith("ومن المتوقع أن") or t.startswith("من المتوقع أن") for t in texts)
    assert any(t.startswith("على ما يبدو") for t in texts)


def test_a_doubting_noun_and_an_alleged_act(nlp):
    # BB-economy-258-20180920, AL-economy-383-20180406
    doc = nlp("منعت الإدارة الأمريكية صفقة الاستحواذ بذريعة دواعي الأمن القومي.\n"
              "ردا على سرقة بكين المزعومة للملكية الفكرية الأميركية.")
    got = {(f.kind, f.text, f.stance) for f in doc.framing}
    assert ("doubting_attribution", "بذريعة", "doubting") in got
    assert ("doubting_attribution", "المزعومة", "doubting") in got


def test_names_habitually_in_marks_are_no_scare_quotes(nlp):
    doc = nlp('ورغم الخسارة القاسية أمام "الشياطين الحمر" السبت الماضي، شدد المدرب على قوة فريقه.')
    assert not [f for f in doc.framing if f.kind == "scare_quote"]
