"""The JSON API (every endpoint) and the pages' JSON twins, over a store of the hand-annotated corpus."""
from __future__ import annotations

import re

import pytest

from test_web_corpus import build_store, seed_record


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from marsad.web.app import WebSettings, create_app
    db = build_store(tmp_path_factory.mktemp("web-api") / "corpus.duckdb")
    with TestClient(create_app(WebSettings(db=db))) as c:
        yield c


def get(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, r.text[:300]
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def test_web_api_health_says_a_store_is_open(client):
    health = get(client, "/api/health")
    assert health == {"ok": True, "version": health["version"], "store": True, "warm": health["warm"]}


def test_web_api_stats_count_the_corpus(client):
    d = get(client, "/api/stats")
    assert d["stats"]["articles"] == 5 and d["stats"]["quotes"] == 11 and d["stats"]["events"] == 13
    assert d["articles"] and d["actors"]


def test_web_api_articles_filter_by_publisher(client):
    d = get(client, "/api/articles?publisher=الأناضول")
    assert [a["id"] for a in d["articles"]] == ["news-meeting"]


def test_web_api_articles_filter_by_text_and_dates(client):
    assert [a["id"] for a in get(client, "/api/articles?q=عقوبات")["articles"]] == ["news-sanctions"]
    ids = {a["id"] for a in get(client, "/api/articles?date_from=2023-09-01&date_to=2023-09-30")["articles"]}
    assert ids == {"news-meeting"}


def test_web_api_articles_refuse_a_bad_date_with_a_message(client):
    d = get(client, "/api/articles?date_from=yesterday", status=400)
    assert "not a date" in d["error"]


def test_web_api_article_is_the_document_record(client):
    d = get(client, "/api/articles/seed-arabi21")
    rec = seed_record()
    assert d["schema"] == "marsad/document@1" and d["text"] == rec["text"]
    assert [(e["id"], e["mentions"]) for e in d["entities"]] == [(e["id"], e["mentions"]) for e in rec["entities"]]
    assert [(v["id"], v["trigger"], v["cameo"]) for v in d["events"]] == \
        [(v["id"], v["trigger"], v["cameo"]) for v in rec["events"]]


def test_web_api_unknown_article_is_404(client):
    assert "no article" in get(client, "/api/articles/nothing-here", status=404)["error"]


def test_web_api_quotes_filter_by_speaker(client):
    d = get(client, "/api/quotes?speaker=غالانت")
    assert [q["quote_id"] for q in d["quotes"]] == ["Q1"] and d["quotes"][0]["article_id"] == "news-threat"


def test_web_api_quotes_filter_by_stance(client):
    d = get(client, "/api/quotes?stance=doubting")
    assert {q["quote_id"] for q in d["quotes"]} == {"Q5", "Q6"}


def test_web_api_quotes_filter_by_outlet(client):
    d = get(client, "/api/quotes?outlet=الأناضول")
    assert [(q["article_id"], q["quote_id"]) for q in d["quotes"]] == [("news-meeting", "Q1")]


def test_web_api_quotes_filter_by_an_outlet_in_the_chain(client):
    d = get(client, "/api/quotes?chain=معاريف")
    assert [q["quote_id"] for q in d["quotes"]] == ["Q7"]


def test_web_api_quotes_filter_by_chain_role(client):
    relayed = get(client, "/api/quotes?chain_role=relayed_by")["quotes"]
    assert len(relayed) == 6 and all(any(c.startswith("relayed_by:") for c in q["chain"]) for q in relayed)
    bare = get(client, "/api/quotes?chain_role=none")["quotes"]
    assert all(not q["chain"] for q in bare) and len(bare) == 5


def test_web_api_quotes_chain_filter_pages(client):
    first = get(client, "/api/quotes?chain_role=relayed_by&page=1")
    assert first["has_next"] is False and first["page"] == 1


def test_web_api_quotes_refuse_an_unknown_chain_role(client):
    assert "chain role" in get(client, "/api/quotes?chain_role=whispered", status=400)["error"]


def test_web_api_quotes_filter_by_text(client):
    d = get(client, "/api/quotes?q=الاتجاه الصحيح")
    assert [q["article_id"] for q in d["quotes"]] == ["news-meeting"]


def test_web_api_actors_list_by_type(client):
    d = get(client, "/api/actors?type=PER")
    assert d["actors"] and all(a["type"] == "PER" for a in d["actors"])
    assert "per:mukhtar-mammadov" in {a["key"] for a in d["actors"]}


def test_web_api_actors_refuse_an_unknown_order(client):
    assert "actors by" in get(client, "/api/actors?by=fame", status=400)["error"]


def test_web_api_actor_has_timeline_quotes_and_events(client):
    d = get(client, "/api/actors/per:recep-tayyip-erdogan")
    assert d["n_articles"] == 2
    assert [q["quote_id"] for q in d["quotes"]] == ["Q1"]
    assert {e["event_id"] for e in d["events_as_source"]} == {"V1", "V2"}
    assert [(t["period"], t["n_articles"]) for t in d["mentions_timeline"]] == [("2023-09-01", 1), ("2023-10-01", 1)]
    assert get(client, "/api/actors/per:benjamin-netanyahu")["events_as_target"]


def test_web_api_state_actor_counts_events_of_its_officials(client):
    d = get(client, "/api/actors/loc:country:ISR")
    assert {(e["article_id"], e["event_id"]) for e in d["events_as_source"]} >= {("news-threat", "V1")}
    about = {(q["article_id"], q["quote_id"]) for q in d["quotes_about"]}
    assert ("news-meeting", "Q1") in about and ("seed-arabi21", "Q5") in about


def test_web_api_unknown_actor_is_404(client):
    assert "no actor" in get(client, "/api/actors/per:nobody", status=404)["error"]


def test_web_api_events_filter_by_dyad_and_quad(client):
    d = get(client, "/api/events?dyad=USA-IRN")
    assert [(e["event_id"], e["cameo"]) for e in d["events"]] == [("V1", "163")]
    assert d["events"][0]["cameo_name"]
    assert {e["quad_class"] for e in get(client, "/api/events?quad=4")["events"]} == {4}


def test_web_api_events_refuse_a_quad_out_of_range(client):
    assert get(client, "/api/events?quad=7", status=400)["error"]


def test_web_api_relations_are_state_dyads_with_quads_and_goldstein(client):
    d = get(client, "/api/relations")
    edge = next(e for e in d["edges"] if (e["a"], e["b"]) == ("IRN", "ISR"))
    assert edge["n_events"] == 3 and edge["quad3"] == 2 and edge["quad4"] == 1
    assert edge["mean_goldstein"] == pytest.approx((-9.0 - 7.0 - 4.4) / 3, abs=1e-3)
    assert {n["id"] for n in d["nodes"]} >= {"ISR", "IRN", "AZE", "TUR", "USA"}
    assert next(n for n in d["nodes"] if n["id"] == "ISR")["name"] == "إسرائيل"


def test_web_api_relations_time_filter(client):
    d = get(client, "/api/relations?date_from=2023-11-01&date_to=2023-11-30")
    assert {(e["a"], e["b"]) for e in d["edges"]} == {("IRN", "USA")}


def test_web_api_relations_min_events(client):
    d = get(client, "/api/relations?min_events=3")
    assert {(e["a"], e["b"]) for e in d["edges"]} == {("IRN", "ISR"), ("ISR", "TUR")}


def test_web_api_dyad_timeline_counts_both_directions(client):
    d = get(client, "/api/dyads/ISR/IRN")
    # Every month from the first to the last: September had no event and is a row of zeros.
    assert [(t["period"], t["n_events"]) for t in d["timeline"]] == [("2023-08-01", 2), ("2023-09-01", 0),
                                                                     ("2023-10-01", 1)]
    assert len(d["events"]) == 3 and d["total"] == 3 and d["a_name"] == "إسرائيل"


def test_web_api_dyad_refuses_an_unknown_period(client):
    assert get(client, "/api/dyads/ISR/IRN?period=decade", status=400)["error"]


def test_web_api_analyze_returns_a_record_it_does_not_store(client):
    text = "أعلنت وزارة الصحة في غزة ارتفاع عدد الضحايا، وقالت إن المستشفيات تعمل فوق طاقتها."
    r = client.post("/api/analyze", json={"text": text, "publisher": "الجزيرة"})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["text"] == text and rec["meta"]["publisher"] == "الجزيرة"
    assert get(client, f"/api/articles/{rec['id']}", status=404)


def test_web_api_analyze_refuses_text_without_arabic(client):
    r = client.post("/api/analyze", json={"text": "no Arabic here at all"})
    assert r.status_code == 400 and "Arabic" in r.json()["error"]


def test_web_api_analyze_needs_a_text_field(client):
    r = client.post("/api/analyze", json={"title": "no text"})
    assert r.status_code == 422 and "text" in r.json()["error"]


def test_web_api_openapi_describes_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert paths >= {"/api/health", "/api/stats", "/api/articles", "/api/articles/{article_id}", "/api/analyze",
                     "/api/quotes", "/api/actors", "/api/actors/{key}", "/api/events", "/api/relations",
                     "/api/dyads/{a}/{b}"}
    assert not [p for p in paths if not p.startswith("/api")]


def test_web_api_index_page_lists_the_endpoints(client):
    r = client.get("/api")
    assert r.status_code == 200 and "/api/quotes" in r.text and "/api/relations" in r.text


@pytest.mark.parametrize("page", [
    "/", "/articles?publisher=عربي21", "/articles/seed-arabi21", "/quotes?stance=doubting", "/actors?type=PER",
    "/actors/per:mukhtar-mammadov", "/events?quad=1", "/relations?date_from=2023-09-01", "/dyads/ISR/AZE",
])
def test_web_api_every_page_links_its_json_twin(client, page):
    r = client.get(page)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    m = re.search(r'<a class="json-twin" href="([^"]+)"', r.text)
    assert m, "no JSON link on " + page
    twin = client.get(m.group(1).replace("&amp;", "&"))
    assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json")


def test_web_api_results_are_cached_and_the_cache_is_bounded(tmp_path):
    from fastapi.testclient import TestClient

    from marsad.web.app import WebSettings, create_app
    app = create_app(WebSettings(db=build_store(tmp_path / "c.duckdb"), cache_entries=3))
    with TestClient(app) as c:
        first = c.get("/api/articles/news-meeting").json()
        assert c.get("/api/articles/news-meeting").json() == first
        for page in ("/api/quotes", "/api/actors", "/api/events", "/api/relations"):
            assert c.get(page).status_code == 200
        assert len(app.state.services._memo) == 3


def test_web_api_analyze_page_reads_an_uploaded_html_file(client):
    page = ("<html><head><meta charset='windows-1256'><title>خبر</title></head><body><article><p>"
            "أكد رئيس الوزراء العراقي أن بغداد ستستضيف القمة العربية المقبلة.</p></article></body></html>")
    r = client.post("/analyze", files={"file": ("news.html", page.encode("cp1256"), "text/html")})
    assert r.status_code == 200
    assert "بغداد ستستضيف القمة العربية" in r.text and "<article>" not in r.text


def test_web_api_analyze_page_refuses_a_binary_upload_with_its_reason(client):
    r = client.post("/analyze", files={"file": ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "image/png")})
    assert r.status_code == 400 and "PNG image" in r.text


def test_web_api_relations_between_actors(client):
    d = get(client, "/api/relations?level=actors")
    assert d["level"] == "actors"
    edge = next(e for e in d["edges"] if {e["a"], e["b"]} == {"per:benjamin-netanyahu", "per:recep-tayyip-erdogan"})
    assert edge["n_events"] == 3 and edge["quad1"] == 3
    names = {n["id"]: n["name"] for n in d["nodes"]}
    assert names["per:recep-tayyip-erdogan"] == "رجب طيب أردوغان"


def test_web_api_relations_refuse_an_unknown_level(client):
    assert get(client, "/api/relations?level=planets", status=400)["error"]


def test_web_api_dyad_between_actors(client):
    d = get(client, "/api/dyads/per:recep-tayyip-erdogan/per:benjamin-netanyahu?level=actors")
    assert {(e["article_id"], e["event_id"]) for e in d["events"]} == {
        ("news-meeting", "V1"), ("news-meeting", "V2"), ("seed-arabi21", "V4")}
    assert sum(t["n_events"] for t in d["timeline"]) == 3 and d["b_name"] == "بنيامين نتنياهو"


def test_web_api_actor_relations_page_links_actor_dyads(client):
    r = client.get("/relations?level=actors")
    assert r.status_code == 200 and "?level=actors" in r.text and "العلاقات بين الأشخاص والمنظمات" in r.text


def test_web_api_article_id_with_slashes_is_reachable(tmp_path):
    from fastapi.testclient import TestClient

    from marsad.store.ingest import store_records
    from marsad.web.app import WebSettings, create_app
    from test_web_corpus import threat_record
    rec = {**threat_record(), "id": "feeds/aljazeera/2023-08-14/1"}
    store_records(tmp_path / "slash.duckdb", [rec])
    with TestClient(create_app(WebSettings(db=tmp_path / "slash.duckdb"))) as c:
        assert c.get("/api/articles/feeds/aljazeera/2023-08-14/1").json()["id"] == rec["id"]
        assert c.get("/articles/feeds/aljazeera/2023-08-14/1").status_code == 200


def test_web_api_without_a_store_only_analyze_works():
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app
    with TestClient(create_app()) as c:
        assert c.get("/api/health").json()["store"] is False
        r = c.get("/api/quotes")
        assert r.status_code == 503 and "marsad serve --db" in r.json()["error"]
        home = c.get("/")
        assert home.status_code == 200 and "لا يوجد مخزن مقالات" in home.text
        assert c.get("/analyze").status_code == 200
