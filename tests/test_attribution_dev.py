"""Attribution end to end: the bundled seed article (must-find / must-not-find), and quality
floors on the team's dev gold set (skipped where ../shared is absent). Never lower a floor
without saying why in the commit."""
from __future__ import annotations


# Pinned on the whole dev set (37 articles) as ../shared/eval/score.py --jsonl-cmd measures it, a little
# under what the attribution branch measured (quotes R 0.943 P 0.954, speaker 0.955, chain 0.971, framing
# R 0.730 P 0.730; speaker was 0.883 before the speakers the actors stage misses became entities, and
# R 0.90 P 0.93, 0.77, 0.78, 0.52, 0.45 before the outlets, speaker and framing work).
FLOORS = {"quote_r": 0.94, "quote_p": 0.95, "speaker_acc": 0.95, "chain_acc": 0.97, "framing_r": 0.73, "framing_p": 0.73}


def _quote(doc, starts):
    hits = [q for q in doc.quotes if q.text.startswith(starts)]
    assert hits, f"no quote starts with {starts!r}: {[q.text[:30] for q in doc.quotes]}"
    return hits[0]


def _name(doc, eid):
    e = doc.entity(eid)
    return e.name if e else None


def test_seed_interview_quotes_with_speaker_cue_and_chain(seed_doc):
    q = _quote(seed_doc, "بلاده \"لا تسمح لدول أخرى")
    assert q.cue.lemma == "استدرك"
    assert "محمدوف" in (_name(seed_doc, q.speaker) or "")
    chain = [(c.role, _name(seed_doc, c.entity) or c.name) for c in q.chain]
    assert chain[0][0] == "said_to" and "إسرائيل اليوم" in chain[0][1]
    assert chain[1][0] == "relayed_by" and "عربي21" in chain[1][1]


def test_seed_later_quotes_carry_the_interview(seed_doc):
    for starts, lemma in (("لدينا تعاون طويل", "أضاف"), ("من المهم بالنسبة لنا", "أشار"),
                          ("الموقف الأذري من تطبيع", "أوضح"), ("علاقات إسرائيل وأذربيجان", "زعم")):
        q = _quote(seed_doc, starts)
        assert q.cue.lemma == lemma
        assert "إسرائيل اليوم" in (_name(seed_doc, q.chain[0].entity) or q.chain[0].name or "")


def test_seed_second_interview_changes_the_outlet(seed_doc):
    q = _quote(seed_doc, "فور تعيينه سفيرا")
    assert "معاريف" in (_name(seed_doc, q.chain[0].entity) or q.chain[0].name or "")


def test_seed_doubting_cue_has_its_stance(seed_doc):
    assert _quote(seed_doc, "علاقات إسرائيل وأذربيجان").cue.stance == "doubting"


def test_seed_fragments(seed_doc):
    assert any("دفء" in q.text for q in seed_doc.quotes)
    assert _quote(seed_doc, "المزدهرة").kind == "fragment"


def test_seed_names_in_quote_marks_are_not_quotes(seed_doc):
    texts = {q.text for q in seed_doc.quotes}
    for name in ("عربي21", "معاريف", "إسرائيل اليوم"):
        assert name not in texts


def test_seed_last_paragraph_is_editorial_not_a_quote(seed_doc):
    assert all(not q.text.startswith("تفعيل التنسيق") for q in seed_doc.quotes)
    assert any(f.kind == "editorial_voice" and f.text.startswith("يمكن القول") for f in seed_doc.framing)


def test_seed_framing(seed_doc):
    got = {(f.kind, f.text) for f in seed_doc.framing}
    for want in (("loaded_label", "دولة الاحتلال"), ("doubting_attribution", "بزعم"),
                 ("doubting_attribution", "زاعما"), ("pejorative_attribution", "متباهيا")):
        assert want in got
    label = next(f for f in seed_doc.framing if f.kind == "loaded_label")
    assert label.refers_to is not None and seed_doc.entity(label.refers_to).actor.country == "ISR"
    assert label.stance == "hostile"


def test_seed_a_word_the_ambassador_is_reported_saying_is_his_not_a_scare_quote(seed_doc):
    # `أعلن ... أن بلاده ترحب بـ "دفء" علاقاتها`: inside reported speech the marks are the
    # speaker's word (a quote fragment); on unseen articles such words were half of the false
    # scare quotes, so only terms the press keeps at a distance in its own voice count there
    assert any('"دفء"' in q.text for q in seed_doc.quotes)
    assert ("scare_quote", "دفء") not in {(f.kind, f.text) for f in seed_doc.framing}


def test_seed_chains_end_with_the_publisher(seed_doc):
    for q in seed_doc.quotes:
        assert q.chain and q.chain[-1].role in ("published_by", "relayed_by")


def test_seed_spans_hold(seed_doc):
    for q in seed_doc.quotes:
        assert seed_doc.text[q.start:q.end] == q.text
        assert seed_doc.text[q.cue.start:q.cue.end] == q.cue.text
    for f in seed_doc.framing:
        assert seed_doc.text[f.start:f.end] == f.text


def test_dev_set_floors(dev_summary):
    low = {k: round(dev_summary[k], 3) for k, floor in FLOORS.items() if dev_summary[k] < floor}
    assert not low, f"below the floor: {low}"
