"""Whole-pipeline records on news sentences written for these tests: every record is valid and every
reference (speaker, chain, event side, place, framing referent) names an entity of the record."""
import pytest

from marsad.schema import problems

SENTENCES = [
    "اعترف ضابط كبير في الجيش الإسرائيلي أن سلاح الجو قصف قاعدة عسكرية بسورية، مستهدفا عناصر من الحرس الثوري.",
    "قال وزير الخارجية الروسي سيرغي لافروف في مقابلة مع وكالة رويترز إن بلاده لن تسمح بتكرار الهجوم.",
    "تظاهر آلاف الفلسطينيين في غزة احتجاجا على نقل السفارة الأمريكية إلى القدس، بحسب ما أوردت وكالة فرانس برس.",
    "وزعم المتحدث باسم النظام السوري أن \"المسلحين\" هم من استخدموا الأسلحة الكيماوية في دوما.",
    "استقبل العاهل الأردني الملك عبد الله الثاني في عمان أمس الرئيس الفلسطيني محمود عباس وبحثا آخر التطورات.",
    "وأضاف: \"لن نقبل بأي اتفاق لا يضمن حقوقنا\"، مشيرا إلى أن المفاوضات مع واشنطن متعثرة.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_end_to_end_records_are_valid_and_self_consistent(nlp, text):
    doc = nlp(text, publisher="BBC", published="2018-05-15")
    assert problems(doc.to_dict(tokens=True)) == []


def test_end_to_end_mixed_quote_keeps_the_closing_mark_its_content_opens(nlp):
    doc = nlp('قال الرئيس الأميركي دونالد ترامب إن الرئيس السوري بشار الأسد "سيدفع ثمنا باهظا".')
    [q] = doc.quotes
    assert q.kind == "mixed"
    assert q.text == 'الرئيس السوري بشار الأسد "سيدفع ثمنا باهظا"'
