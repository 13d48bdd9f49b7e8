from marsad.text.repair import repair, unbalanced_quotes


def test_repair_glues_a_quote_mark_cut_from_its_outlet_name(seed_text):
    text, repairs = repair(seed_text)
    assert 'صحيفة "إسرائيل اليوم"' in text
    assert 'صحيفة "معاريف"' in text
    glued = [r for r in repairs if r.kind == "joined_line" and "quote" in (r.detail or "")]
    assert len(glued) == 2
    for r in glued:
        assert text[r.at - 7:r.at + 1] == 'صحيفة "' or text[r.at - 1] == '"'


def test_repair_joins_a_line_broken_mid_sentence(seed_text):
    text, repairs = repair(seed_text)
    assert "لإيذاء إيران، رغم أن" in text
    assert any(r.kind == "joined_line" and text[r.at] == " " and text[r.at + 1:r.at + 6] == "إيران" for r in repairs)


def test_repair_keeps_paragraphs_that_start_with_waw():
    src = ("وأكد الوزير أن بلاده تدعم الحل السياسي للأزمة في سوريا وتعمل مع الشركاء الإقليميين على ذلك\n"
           "وقال المتحدث باسم الخارجية إن الاجتماع المقبل سيعقد في جنيف.")
    text, repairs = repair(src)
    assert text == src and repairs == []


def test_repair_keeps_short_headline_lines():
    src = "اقرأ أيضا: روسيا تتهم بريطانيا\nاقرأ أيضا: ترامب يتحدث عن سوريا"
    assert repair(src)[0] == src


def test_repair_collapses_spaces_and_removes_direction_marks():
    text, repairs = repair("قال\u200f  الرئيس\t\tإن\u00a0البلاد  \r\nبخير")
    assert text == "قال الرئيس إن البلاد\nبخير"
    kinds = {r.kind for r in repairs}
    assert {"removed_control", "collapsed_spaces", "line_endings"} <= kinds
    assert all(0 <= r.at <= len(text) for r in repairs)


def test_repair_reports_an_unbalanced_closing_quote_without_removing_it(seed_text):
    text, repairs = repair(seed_text)
    stray = [r.at for r in repairs if r.kind == "unbalanced_quote"]
    assert len(stray) == 1
    assert text[stray[0]] == '"' and text[stray[0] - 7:stray[0]] == "والزراعة"[-7:]


def test_unbalanced_quotes_pairs_clitic_attached_openers():
    assert unbalanced_quotes('واصفا العلاقات بـ"المزدهرة"، ووصفها بـ "الدافئة".') == []
    assert unbalanced_quotes('قال إن "الوضع صعب، وأضاف أن الحل قريب.') == [7]


def test_unbalanced_quotes_leaves_nested_and_misspaced_pairs_alone():
    assert unbalanced_quotes('وقال إن "الحرب على تنظيم "الدولة الإسلامية" لم تنته بعد".') == []
    assert unbalanced_quotes('أكدت عزمها على استئناف التخصيب بـ"قوة "إذا تخلت واشنطن عن الاتفاق.') == []
