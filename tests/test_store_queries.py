"""The read API over the store (queries.py), on document records made by hand, so these tests
do not depend on what the analysis stages find."""
from __future__ import annotations

import pytest

from marsad.errors import InputError
from marsad.store import db, queries
from marsad.store.ingest import store_records

VISIT = ('زار وزير الخارجية الإسرائيلي إيلي كوهين العاصمة الأذربيجانية باكو أمس، وقال إن العلاقات مع '
         'أذربيجان "استراتيجية وتتجاوز التعاون الأمني". وتعد أذربيجان من أكبر موردي النفط إلى إسرائيل، '
         'وتشتري منها أسلحة متطورة منذ سنوات، وفق تقارير صحفية متطابقة.')
STRIKE = ('قصفت طائرات إسرائيلية فجر الأحد مواقع في قطاع غزة، ووصفت حركة حماس القصف بأنه "عدوان همجي" '
          'على المدنيين، فيما قال الجيش الإسرائيلي إنه استهدف مواقع عسكرية.')


def span(text: str, part: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "text": part}


def entity(text, eid, type_, name, kb_id=None, name_en=None, country=None, role=None, code=None, subtype=None,
           mentions=()):
    return {"id": eid, "type": type_, "subtype": subtype, "name": name, "name_en": name_en, "kb_id": kb_id,
            "actor": {"country": country, "role": role, "code": code},
            "mentions": [dict(span(text, *(m if isinstance(m, tuple) else (m,))), kind="name")
                         for m in (mentions or [name])]}


def visit_record(text=VISIT, rid="visit-1", publisher="Arabi21", published="2023-03-30", url="https://example.org/v"):
    quote = span(text, "استراتيجية وتتجاوز التعاون الأمني")
    return {
        "schema": "marsad/document@1", "id": rid, "text": text, "repairs": [], "sentences": [{"start": 0, "end": len(text)}],
        "meta": {"title": "كوهين في باكو", "url": url, "publisher": publisher, "published": published, "language": "ar"},
        "entities": [
            entity(text, "E1", "PER", "إيلي كوهين", "per:eli-cohen", "Eli Cohen", "ISR", "GOV", "ISRGOV", "person"),
            entity(text, "E2", "LOC", "باكو", "loc:city:baku", "Baku", "AZE", subtype="city"),
            entity(text, "E3", "LOC", "أذربيجان", "loc:country:AZE", "Azerbaijan", "AZE", code="AZE", subtype="country",
                   mentions=[("أذربيجان", 0), ("أذربيجان", 1)]),
        ],
        "quotes": [dict(quote, id="Q1", kind="direct", speaker="E1",
                        cue=dict(span(text, "وقال"), lemma="قال", stance="neutral"),
                        chain=[{"role": "published_by", "entity": None}])],
        "events": [{"id": "V1", "sentence": 0, "source": {"entity": "E1", "country": "ISR"},
                    "target": {"entity": "E3", "country": "AZE"}, "cameo": "042", "plover": "CONSULT",
                    "quad_class": 1, "goldstein": 1.9, "trigger": span(text, "زار"), "location": "E2",
                    "date": "2023-03-29", "modality": "asserted", "quote": None}],
        "framing": [],
    }


def strike_record():
    text = STRIKE
    return {
        "schema": "marsad/document@1", "id": "strike-1", "text": text, "repairs": [],
        "sentences": [{"start": 0, "end": len(text)}],
        "meta": {"title": "قصف على غزة", "url": "https://example.org/s", "publisher": "Al Jazeera",
                 "published": "2023-04-02", "language": "ar"},
        "entities": [
            entity(text, "E1", "LOC", "إسرائيل", "loc:country:ISR", "Israel", "ISR", code="ISR", subtype="country",
                   mentions=["إسرائيلية"]),
            entity(text, "E2", "LOC", "قطاع غزة", "loc:region:gaza", "Gaza Strip", "PSE", subtype="region"),
            entity(text, "E3", "ORG", "حماس", "org:hamas", "Hamas", "PSE", "REB", "PSEREB", "armed_group"),
        ],
        "quotes": [dict(span(text, "عدوان همجي"), id="Q1", kind="fragment", speaker="E3",
                        cue=dict(span(text, "ووصفت"), lemma="وصف", stance="pejorative"), chain=[])],
        "events": [{"id": "V1", "sentence": 0, "source": {"entity": "E1", "country": "ISR"},
                    "target": {"entity": "E2", "country": "PSE"}, "cameo": "195", "plover": "ASSAULT",
                    "quad_class": 4, "goldstein": -10.0, "trigger": span(text, "قصفت"), "location": "E2",
                    "date": None, "modality": "asserted", "quote": None}],
        "framing": [dict(span(text, "عدوان همجي"), kind="scare_quote", refers_to=None)],
    }


def build_store(path):
    near = VISIT.replace("وفق تقارير صحفية متطابقة.", "بحسب تقارير إعلامية.")
    store_records(path, [visit_record(), strike_record(),
                         visit_record(near, rid="visit-2", publisher="RT Arabic", url="https://example.org/v2")])
    return db.connect(path, read_only=True)


@pytest.fixture
def con(tmp_path):
    return build_store(tmp_path / "q.duckdb")


def test_store_queries_quotes_by_speaker_name_and_stance(con):
    by_name = queries.quotes(con, speaker="كوهين")
    assert [q["text"] for q in by_name] == ["استراتيجية وتتجاوز التعاون الأمني"]
    assert by_name[0]["speaker_name_en"] == "Eli Cohen" and by_name[0]["chain"] == ["published_by:Arabi21"]
    assert [q["speaker_name"] for q in queries.quotes(con, stance="pejorative")] == ["حماس"]


def test_store_queries_quotes_by_outlet_and_text(con):
    assert [q["article_id"] for q in queries.quotes(con, outlet="al jazeera")] == ["strike-1"]
    assert [q["article_id"] for q in queries.quotes(con, text="همجي")] == ["strike-1"]
    assert queries.quotes(con, text="لا يوجد") == []


def test_store_queries_events_by_dyad_leave_out_the_near_duplicate(con):
    evs = queries.events(con, dyad="ISR-AZE")
    assert [(e["article_id"], e["cameo"]) for e in evs] == [("visit-1", "042")]
    assert len(queries.events(con, dyad="ISR-AZE", include_duplicates=True)) == 2
    assert queries.events(con, dyad="AZE-ISR") == []


def test_store_queries_events_by_root_quad_and_dates(con):
    assert [e["cameo"] for e in queries.events(con, root="19")] == ["195"]
    assert [e["cameo"] for e in queries.events(con, quad=1)] == ["042"]
    # The strike has no date of its own: it takes the article's publication date.
    assert [e["event_date"] for e in queries.events(con, date_from="2023-04", date_to="2023-04-30")] == ["2023-04-02"]


def test_store_queries_relations_count_quads_and_mean_goldstein(con):
    edges = {(r["source"], r["target"]): r for r in queries.relations(con)}
    assert set(edges) == {("ISR", "AZE"), ("ISR", "PSE")}
    assert edges[("ISR", "AZE")]["quad1"] == 1 and edges[("ISR", "AZE")]["n_events"] == 1
    assert edges[("ISR", "PSE")]["quad4"] == 1 and edges[("ISR", "PSE")]["mean_goldstein"] == -10.0


def test_store_queries_dyad_timeline_by_month(con):
    assert queries.dyad_timeline(con, "AZE", "ISR") == [
        {"period": "2023-03-01", "n_events": 1, "quad1": 1, "quad2": 0, "quad3": 0, "quad4": 0, "mean_goldstein": 1.9}]
    assert queries.dyad_timeline(con, "AZE", "ISR", both_directions=False) == []


def test_store_queries_actors_most_mentioned_and_one_actor(con):
    top = queries.actors(con, by="mentions", limit=2)
    assert top[0]["key"] == "loc:country:AZE" and top[0]["n_mentions"] == 2
    cohen = queries.actor(con, "per:eli-cohen")
    assert cohen["name"] == "إيلي كوهين" and cohen["n_quotes"] == 1 and cohen["n_events"] == 1
    assert [a["id"] for a in cohen["articles"]] == ["visit-1"] and len(cohen["events"]) == 1
    assert queries.actor(con, "Eli Cohen")["key"] == "per:eli-cohen"
    assert queries.actor(con, "nobody") is None


def test_store_queries_get_article_gives_the_record_its_sources_and_duplicates(con):
    doc = queries.get_article(con, "visit-1")
    assert doc["schema"] == "marsad/document@1" and doc["text"] == VISIT
    assert doc["sources"][0]["record_id"] == "visit-1" and doc["near_duplicates"][0]["id"] == "visit-2"
    assert queries.get_article(con, "visit-2")["duplicate_of"] == "visit-1"
    assert queries.get_article(con, "missing") is None


def test_store_queries_list_articles_filters(con):
    assert [a["id"] for a in queries.list_articles(con)] == ["strike-1", "visit-1"]
    assert len(queries.list_articles(con, include_duplicates=True)) == 3
    assert [a["id"] for a in queries.list_articles(con, publisher="Arabi21")] == ["visit-1"]
    assert [a["id"] for a in queries.list_articles(con, text="حماس")] == ["strike-1"]
    assert queries.stats(con)["duplicates"] == 1


def test_store_queries_refuse_a_malformed_date_or_dyad(con):
    with pytest.raises(InputError, match="not a date"):
        queries.events(con, date_from="last week")
    with pytest.raises(InputError, match="dyad"):
        queries.events(con, dyad="ISR")
