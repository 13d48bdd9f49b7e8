def sentences(nlp, text):
    doc = nlp(text)
    return [doc.text[s.start:s.end] for s in doc.sentences]


def test_segment_splits_on_arabic_punctuation_and_line_ends(nlp):
    got = sentences(nlp, "وصل الوزير إلى الرياض. هل ستنجح المحادثات؟ نعم!\nوقال المتحدث إن الأجواء إيجابية")
    assert got == ["وصل الوزير إلى الرياض.", "هل ستنجح المحادثات؟", "نعم!", "وقال المتحدث إن الأجواء إيجابية"]


def test_segment_keeps_quotations_whole(nlp):
    got = sentences(nlp, 'وقال: "لن نتراجع. سنواصل العمل." ثم غادر القاعة.')
    assert got == ['وقال: "لن نتراجع. سنواصل العمل."', "ثم غادر القاعة."]


def test_segment_keeps_abbreviations_and_decimals(nlp):
    got = sentences(nlp, "قال د. أحمد زويل إن النمو بلغ 3.5 في المئة. وأضاف أن الوضع مستقر.")
    assert got == ["قال د. أحمد زويل إن النمو بلغ 3.5 في المئة.", "وأضاف أن الوضع مستقر."]


def test_segment_splits_proclitics_and_keeps_offsets(nlp):
    doc = nlp("وبإسرائيل ولبنان قال وزير الخارجية لإيران")
    by = {t.text: t for t in doc.tokens}
    assert by["وبإسرائيل"].prefix == "وب" and by["وبإسرائيل"].stem == "إسرائيل"
    assert doc.text[by["وبإسرائيل"].stem_start:by["وبإسرائيل"].stem_end] == "إسرائيل"
    assert by["لإيران"].stem == "إيران"


def test_segment_guards_against_false_clitic_splits(nlp):
    doc = nlp("زار الوفد باكو ووالده في بكين")
    by = {t.text: t for t in doc.tokens}
    assert by["باكو"].prefix == "" and by["بكين"].prefix == ""
    assert by["ووالده"].stem.startswith("والد")


def test_segment_keeps_the_first_letter_of_a_word_that_takes_the_article(nlp):
    # كريم and كمال are no ك + ريم / ك + مال: the news also writes الكريم, الكمال; بسبب has no البسبب
    doc = nlp("وصل كريم بنزيمة وكمال الجنزوري إلى باب الملعب بسبب المباراة")
    by = {t.text: t for t in doc.tokens}
    assert by["كريم"].prefix == "" and by["باب"].prefix == ""
    assert by["وكمال"].prefix == "و" and by["وكمال"].stem == "كمال"
    assert by["بسبب"].prefix == "ب" and by["بسبب"].stem == "سبب"


def test_segment_splits_enclitic_pronouns(nlp):
    doc = nlp("رحبت الحكومة بعلاقاتها مع جيرانها")
    by = {t.text: t for t in doc.tokens}
    assert by["بعلاقاتها"].prefix == "ب" and by["بعلاقاتها"].suffix == "ها" and by["بعلاقاتها"].stem == "علاقات"


def test_segment_assigns_each_token_its_sentence(nlp):
    doc = nlp("غادر الرئيس. وصل الوزير.")
    assert [t.sentence for t in doc.tokens if t.is_word] == [0, 0, 1, 1]


def test_segment_splits_hashtag_words_at_underscores(nlp):
    doc = nlp("انفجار صاروخ قرب #قطاع_غزة دون إصابات")
    assert [t.text for t in doc.tokens][3:7] == ["#", "قطاع", "_", "غزة"]


def test_segment_cuts_an_overlong_run_at_clause_marks(nlp):
    from marsad.text.segment import MAX_SENTENCE_CHARS
    clause = "قال الوزير إن المحادثات مثمرة وإن الجانبين اتفقا على مواصلة التنسيق، "
    doc = nlp(clause * 200)
    assert len(doc.sentences) > 1
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in doc.sentences)
    assert all(doc.text[s.end - 1] == "،" for s in doc.sentences[:-1])
