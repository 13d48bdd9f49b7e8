from marsad.text.normalize import LONG_TEXT, TABLE, NormalizedView, normalize


def test_normalize_folds_alef_ya_ta_marbuta_and_hamza_seats():
    assert normalize("أإآٱ") == "اااا"
    assert normalize("مستشفى المدينة") == "مستشفي المدينه"
    assert normalize("مسؤول رئيس") == "مسوول رييس"


def test_normalize_folds_persian_and_maghrebi_letters_to_the_press_spelling():
    # ترامپ (Persian pe) is ترامب, البيشمرگة (gaf) is البيشمركة, ڨابس (Tunisian g) is قابس
    assert normalize("ترامپ") == normalize("ترامب")
    assert normalize("البيشمرگة") == normalize("البيشمركة")
    assert normalize("ڨابس") == normalize("قابس")
    assert normalize("ڤولفو چين ژ") == "فولفو جين ز"


def test_normalize_keeps_length_so_offsets_map_one_to_one():
    text = "ترامپ في ڨابس"
    assert len(normalize(text)) == len(text)


def test_normalize_removes_diacritics_and_tatweel():
    assert normalize("قَالَ الرَّئِيسُ") == "قال الرييس"
    assert normalize("بـ\"المزدهرة\"") == 'ب"المزدهره"'


def test_normalize_maps_arabic_indic_digits_and_quotes():
    assert normalize("عام ٢٠٢٣ و۱۴") == "عام 2023 و14"
    assert normalize("«دفء» “سلام”") == '"دفء" "سلام"'


def test_view_maps_offsets_back_to_the_text_across_deleted_marks():
    text = "أَعْلَنَ السَّفِيرُ مُخْتَار"
    view = NormalizedView(text)
    i = view.text.index("مختار")
    s, e = view.span(i, i + len("مختار"))
    assert text[s:e] == "مُخْتَار"
    s, e = view.span(0, 4)
    assert text[s:e] == "أَعْلَنَ"


def test_view_is_identity_when_nothing_is_deleted():
    text = "قال الرئيس إن إسرائيل"
    view = NormalizedView(text)
    assert len(view.text) == len(text)
    assert view.to_text(5) == 5 and view.to_view(5) == 5


def test_a_long_text_folds_as_its_sentences_do():
    # a text of LONG_TEXT characters or more takes the str.replace way: the same result as word by word
    sentence = "قالَ الرئيسُ الأمريكيّ إنّ «الإتفاقيّة» ستُوقَّع في ٢٠٢٤ مع ڤنزويلا ــ وأكّد ذلك. "
    text = sentence * 10
    assert len(text) >= LONG_TEXT
    assert normalize(text) == normalize(sentence) * 10 == text.translate(TABLE)


def test_the_word_memo_answers_as_translate_and_stays_bounded(monkeypatch):
    # short strings are memoized: the same fold as `translate`, asked once or many times, and the memo is
    # emptied when full rather than growing with the corpus
    from marsad.text import normalize as module
    monkeypatch.setattr(module, "MEMO_ENTRIES", 3)
    monkeypatch.setattr(module, "_memo", {})
    words = ["أعلنَ", "الرئاسةِ", "المصرية", "ڤنزويلا", "مسؤول", "أعلنَ"]
    for _ in range(2):
        assert [normalize(w) for w in words] == [w.translate(TABLE) for w in words]
        assert len(module._memo) <= 3
    longer = "إ" * (module.MEMO_CHARS + 1)
    assert normalize(longer) == "ا" * (module.MEMO_CHARS + 1) and longer not in module._memo
