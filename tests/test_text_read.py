import codecs

import pytest

from marsad.errors import BadRecord, BinaryInput, EmptyInput, NotArabic, UndecodableInput
from marsad.text.read import decode, iter_jsonl, read_bytes

ARTICLE = "أعلنت وزارة الخارجية المصرية أمس أن الوزير سيزور عمّان الأسبوع المقبل لبحث العلاقات الثنائية."


def test_read_utf8_with_and_without_bom():
    assert read_bytes(ARTICLE.encode("utf-8")).text == ARTICLE
    assert read_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8")).text == ARTICLE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "cp1256", "iso8859_6"])
def test_read_detects_arabic_encodings(encoding):
    text = ARTICLE.replace("عمّان", "عمان")  # iso-8859-6 has no shadda-free form issue, but keep it plain
    assert decode(text.encode(encoding)) == text


def test_read_windows_1256_seed_equals_utf8(seed_text):
    assert decode(seed_text.encode("cp1256")) == seed_text


def test_read_html_page_extracts_article_body_and_title():
    html = f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
    <title>الخارجية المصرية تعلن زيارة الوزير</title></head><body>
    <nav><a href="/">الرئيسية</a> | <a href="/sport">رياضة</a></nav>
    <article><h1>الخارجية المصرية تعلن زيارة الوزير</h1>
    <p>{ARTICLE}</p><p>وقال المتحدث باسم الوزارة إن الزيارة تأتي في إطار التنسيق المستمر بين البلدين.</p></article>
    <footer>جميع الحقوق محفوظة</footer></body></html>"""
    rec = read_bytes(html.encode("utf-8"))
    assert "لبحث العلاقات الثنائية" in rec.text
    assert "جميع الحقوق محفوظة" not in rec.text
    assert rec.title == "الخارجية المصرية تعلن زيارة الوزير"


def test_read_refuses_empty_input():
    with pytest.raises(EmptyInput):
        read_bytes(b"  \n\t ")


def test_read_names_a_png_as_binary():
    with pytest.raises(BinaryInput, match="PNG"):
        read_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))


def test_read_refuses_text_without_arabic_script():
    with pytest.raises(NotArabic):
        read_bytes("Le président français a rencontré son homologue américain mardi.".encode("utf-8"))


def test_read_refuses_undecodable_bytes():
    with pytest.raises((UndecodableInput, BinaryInput)):
        read_bytes(bytes([0xFF, 0xFE, 0xFD, 0x81, 0x8D, 0x8E, 0x8F, 0x90]) * 20 + b"\x81")


def test_read_accepts_a_one_line_headline():
    assert read_bytes("ترامب يهدد إيران".encode()).text == "ترامب يهدد إيران"


def test_iter_jsonl_reports_bad_lines_by_position_and_goes_on(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text(
        '{"id": "a1", "text": "قال الوزير إن المحادثات مثمرة."}\n'
        '{not json\n'
        '{"id": "a3", "text": ""}\n'
        '{"id": "a4", "text": "وصل الرئيس إلى بغداد.", "source": "BBC"}\n', encoding="utf-8")
    out = list(iter_jsonl(p))
    assert [getattr(r, "id", None) for r in out if not isinstance(r, BadRecord)] == ["a1", "a4"]
    bad = [str(r) for r in out if isinstance(r, BadRecord)]
    assert bad[0].startswith("batch.jsonl:2") and "record a3" in bad[1]
    assert out[-1].publisher == "BBC"


def test_read_normalizes_publication_dates_to_iso():
    from marsad.text.read import normalize_date
    assert normalize_date("Mon, 19 Feb 2018 00:16:11 +0400") == "2018-02-19"
    assert normalize_date("2023-10-02T08:00:00Z") == "2023-10-02"
    assert normalize_date("autumn 2023") == "autumn 2023"
    assert normalize_date("") is None


def test_read_takes_the_publication_date_from_the_file_name(tmp_path):
    from marsad.text.read import read_path
    p = tmp_path / "BB-middleEast-1080-20181009.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    assert read_path(p).published == "2018-10-09"
    q = tmp_path / "story-2023-02-30.txt"  # no such day: no date
    q.write_text(ARTICLE, encoding="utf-8")
    assert read_path(q).published is None
