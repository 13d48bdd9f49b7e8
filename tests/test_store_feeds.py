"""RSS/Atom feed files as records; MinHash near-duplicate signatures."""
from __future__ import annotations

import pytest

from marsad.errors import InputError
from marsad.store import dedup
from marsad.store.feeds import html_to_text, is_feed, iter_feed

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>الجزيرة نت</title>
<entry><id>urn:aj:1</id><title>قمة عربية في الرياض</title><link href="https://example.org/1"/>
<updated>2024-05-16T08:00:00Z</updated>
<content type="html">&lt;p&gt;افتتحت في الرياض اليوم القمة العربية.&lt;/p&gt;&lt;p&gt;وناقش القادة الوضع في غزة.&lt;/p&gt;</content>
</entry>
<entry><id>urn:aj:2</id><title>بلا نص</title><content type="html"></content></entry>
</feed>"""


def test_store_feeds_atom_items_become_records_with_paragraphs():
    data = ATOM.encode("utf-8")
    assert is_feed(data)
    items = list(iter_feed(data, "aj.atom"))
    first = items[0].record
    assert first.text == "افتتحت في الرياض اليوم القمة العربية.\nوناقش القادة الوضع في غزة."
    assert (first.title, first.url, first.publisher, first.id) == ("قمة عربية في الرياض", "https://example.org/1",
                                                                    "الجزيرة نت", "urn:aj:1")
    assert items[1].record is None and "no text" in str(items[1].error)


def test_store_feeds_a_feed_without_items_is_an_error():
    with pytest.raises(InputError, match="no items"):
        list(iter_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', "x.rss"))


def test_store_feeds_html_fragment_to_text():
    assert html_to_text("<div>قال <b>الوزير</b>:<br>لا تعليق</div>") == "قال الوزير:\nلا تعليق"


def test_store_dedup_signature_is_deterministic_and_similarity_tracks_overlap():
    a = ("أعلنت وزارة الصحة الفلسطينية في غزة ارتفاع عدد الضحايا منذ بدء الحرب إلى أكثر من ثلاثين ألفا، "
         "وقالت إن معظم الضحايا من النساء والأطفال، وإن المستشفيات تعمل فوق طاقتها بكثير.")
    b = a.replace("بكثير.", "بكثير منذ أسابيع.")
    c = "فاز المنتخب المغربي على نظيره البرتغالي بهدف نظيف وتأهل إلى نصف نهائي كأس العالم في قطر."
    assert dedup.signature(a) == dedup.signature(a)
    assert dedup.similarity(dedup.signature(a).values, dedup.signature(b).values) >= dedup.THRESHOLD
    assert dedup.similarity(dedup.signature(a).values, dedup.signature(c).values) < 0.2
