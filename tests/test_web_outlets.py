"""The web UI for outlets side by side, and the lists a researcher can trust, over real stores: the outlet
fixture analyzed by the pipeline (three outlets that spell names differently) and the hand-annotated
corpus. The CLI and the web give the same numbers for the same query."""
from __future__ import annotations

import html
import json
import re

import pytest

from marsad.cli import main
from outlet_store import outlet_store
from test_web_corpus import build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return outlet_store(tmp_path_factory.mktemp("web-outlets"))


@pytest.fixture(scope="module")
def client(store):
    from fastapi.testclient import TestClient

    from marsad.web.app import WebSettings, create_app
    with TestClient(create_app(WebSettings(db=store))) as c:
        yield c


@pytest.fixture(scope="module")
def corpus_client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from marsad.web.app import WebSettings, create_app
    db = build_store(tmp_path_factory.mktemp("web-lists") / "corpus.duckdb")
    with TestClient(create_app(WebSettings(db=db))) as c:
        yield c


def cli_json(capsys, *argv) -> list:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def shown_total(page_html: str) -> int:
    m = re.search(r'<span class="total"><b>([\d,]+)</b>', page_html)
    assert m, "no total on the page"
    return int(m.group(1).replace(",", ""))


# --- the comparison: CLI and web, the same numbers ------------------------------------------------------------

def test_web_outlets_compare_page_shows_the_numbers_the_cli_prints(client, store, capsys):
    rows = cli_json(capsys, "compare", "Sabah", "Wadi", "--actor", "ترمب", "--db", str(store), "--json")
    api = client.get("/api/compare", params={"outlet": ["Sabah", "Wadi"], "actor": "ترمب"}).json()
    assert api["result"]["rows"] == rows
    page = client.get("/compare", params={"outlet": ["Sabah", "Wadi"], "actor": "ترمب"}).text
    for row in rows:
        cells = re.search(rf'<tr[^>]*data-measure="{re.escape(row["measure"])}">(.*?)</tr>', page, re.S).group(1)
        shown = re.findall(r'data-outlet="([^"]+)" data-k="(\d+)" data-n="(\d+)"', cells)
        assert [(o, int(k), int(n)) for o, k, n in shown] == [(v["outlet"], v["k"], v["n"]) for v in row["values"]]
        p = "—" if row["p_value"] is None else ("<0.0001" if row["p_value"] < 1e-4 else f"{row['p_value']:.4f}")
        assert html.escape(p) in cells
    assert "Holm" in page and "Fisher" in page and "كيف تقرأ الجدول" in page


def test_web_outlets_compare_csv_is_the_cli_csv(client, store, capsys):
    assert main(["compare", "Sabah", "Wadi", "--actor", "ترمب", "--db", str(store), "--csv"]) == 0
    cli = capsys.readouterr().out.replace("\r\n", "\n")
    web = client.get("/api/export/compare.csv", params={"outlet": ["Sabah", "Wadi"], "actor": "ترمب"}).text
    assert web.replace("\r\n", "\n") == cli


def test_web_outlets_compare_page_without_a_choice_is_the_form(client):
    page = client.get("/compare").text
    assert 'name="outlet" value="Sabah"' in page and 'name="actor"' in page and "compare-table" not in page
    bad = client.get("/compare", params={"outlet": ["Sabah", "Wadi"], "actor": "نابليون"})
    assert bad.status_code == 400 and "لا فاعل باسم «نابليون»" in bad.text


def test_web_outlets_outlet_page_profiles_its_actors(client, store, capsys):
    page = client.get("/outlets/sabah")
    assert page.status_code == 200 and "<h1>Sabah</h1>" in page.text
    api = client.get("/api/outlets/Sabah").json()
    cli = cli_json(capsys, "profile", "Sabah", "--db", str(store), "--json", "--limit", "40")
    assert api["profile"] == cli
    assert api["outlet"]["n_articles"] == 6 and sum(t["n_articles"] for t in api["timeline"]) == 6
    assert 'href="/compare?outlet=Sabah&amp;outlet=' in page.text


def test_web_outlets_list_and_links(client, store, capsys):
    assert client.get("/api/outlets").json()["outlets"] == cli_json(capsys, "outlets", "--db", str(store), "--json")
    for page in ("/articles", "/quotes", "/events", "/outlets", "/"):
        assert 'href="/outlets/Sabah"' in client.get(page).text or 'href="/outlets/Wadi"' in client.get(page).text, page


# --- search that folds spelling ---------------------------------------------------------------------------------

def test_web_outlets_search_finds_both_spellings_as_the_cli_does(client, store, capsys):
    one = client.get("/api/articles", params={"q": "ترمب", "size": 100}).json()
    other = client.get("/api/articles", params={"q": "ترامب", "size": 100}).json()
    assert one["total"] == other["total"] == 11
    assert {a["id"] for a in one["articles"]} == {a["id"] for a in other["articles"]}
    cli = cli_json(capsys, "search", "ترامب", "--db", str(store), "--json", "--limit", "0")
    assert {a["id"] for a in cli} == {a["id"] for a in one["articles"]}
    page = client.get("/articles", params={"q": "ترمب"}).text
    assert shown_total(page) == 11 and "ترمب | ترامب" in page and 'class="snippet"' in page


# --- lists a researcher can trust ---------------------------------------------------------------------------------

@pytest.mark.parametrize("listing", ["articles", "quotes", "events", "actors"])
def test_web_outlets_every_list_shows_its_total(corpus_client, listing):
    api = corpus_client.get(f"/api/{listing}", params={"size": 2}).json()
    page = corpus_client.get(f"/{listing}", params={"size": 2}).text
    assert shown_total(page) == api["total"] and api["pages"] == -(-api["total"] // 2)
    assert f"/api/export/{listing}.csv" in page and "الصفحة 1 من" in page


def test_web_outlets_exporting_all_quotes_is_one_request(corpus_client):
    total = corpus_client.get("/api/quotes").json()["total"]
    csv_text = corpus_client.get("/api/export/quotes.csv").text
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert len(rows) == total == 11 and "chain" in rows[0] and "publisher" in rows[0]
    doubting = corpus_client.get("/api/export/quotes.json", params={"stance": "doubting"})
    assert doubting.headers["content-disposition"].startswith("attachment")
    assert {q["quote_id"] for q in doubting.json()} == {"Q5", "Q6"}


def test_web_outlets_facets_and_sort(corpus_client):
    d = corpus_client.get("/api/quotes", params={"stance": "doubting"}).json()
    stances = {v["value"]: v["n"] for v in d["facets"]["stance"]["values"]}
    assert stances["doubting"] == 2 and len(stances) > 1
    page = corpus_client.get("/quotes", params={"stance": "doubting"}).text
    assert 'class="facets"' in page and "sort=-published_date" in page
    gs = [e["goldstein"] for e in corpus_client.get("/api/events", params={"sort": "goldstein", "size": 100}).json()["events"]]
    assert gs == sorted(gs)


def test_web_outlets_outlet_filter_on_every_list(corpus_client):
    for listing, key in (("articles", "articles"), ("quotes", "quotes"), ("events", "events"), ("actors", "actors")):
        d = corpus_client.get(f"/api/{listing}", params={"outlet": "الجزيرة"}).json()
        assert 0 < d["total"] < corpus_client.get(f"/api/{listing}").json()["total"], listing
    rel = corpus_client.get("/api/relations", params={"outlet": "الجزيرة"}).json()
    assert {(e["a"], e["b"]) for e in rel["edges"]} == {("IRN", "ISR")}
    dyad = corpus_client.get("/api/dyads/ISR/IRN", params={"outlet": "الجزيرة"}).json()
    assert dyad["total"] == 2


def test_web_outlets_chain_names_the_publishing_outlet(corpus_client, tmp_path):
    from fastapi.testclient import TestClient

    from marsad.store.ingest import store_records
    from marsad.web.app import WebSettings, create_app
    from test_store_queries import visit_record
    store_records(tmp_path / "v.duckdb", [visit_record()])   # its chain: published_by, no entity, no name
    with TestClient(create_app(WebSettings(db=tmp_path / "v.duckdb"))) as c:
        q = c.get("/api/quotes").json()["quotes"][0]
        assert q["chain"] == ["published_by:Arabi21"]
        assert c.get("/api/quotes", params={"chain": "arabi21"}).json()["total"] == 1
        assert "نشرته</span> <span class=\"link-name\">Arabi21" in c.get("/quotes").text


def test_web_outlets_a_huge_page_number_is_a_clear_400_and_a_far_page_is_empty(corpus_client):
    r = corpus_client.get("/articles", params={"page": 185_000_000_000_000_000})
    assert r.status_code == 400 and "رقم الصفحة" in r.text and "Traceback" not in r.text
    api = corpus_client.get("/api/articles", params={"page": 185_000_000_000_000_000})
    assert api.status_code == 400 and api.json()["error"].startswith("page")
    far = corpus_client.get("/api/articles", params={"page": 99}).json()
    assert far["articles"] == [] and far["total"] == 5
    assert "آخر صفحة هي 1" in corpus_client.get("/articles", params={"page": 99}).text


@pytest.mark.parametrize("url", ["/", "/quotes", "/api/quotes", "/actors/per:mukhtar-mammadov", "/static/marsad.css",
                                 "/api/export/events.csv"])
def test_web_outlets_head_is_get_without_a_body(corpus_client, url):
    get = corpus_client.get(url)
    head = corpus_client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    if "content-length" in get.headers:
        assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-security-policy"] == get.headers["content-security-policy"]


def test_web_outlets_article_page_shows_no_server_path(corpus_client, store, client):
    html_text = corpus_client.get("/articles/seed-arabi21").text
    assert "web-test-corpus" in html_text
    rec = client.get("/api/articles/sabah-2018-05-08-nuclear").json()
    assert rec["sources"][0]["origin"] == "articles.jsonl"
    page = client.get("/articles/sabah-2018-05-08-nuclear").text
    assert str(store.parent) not in page and "/fixtures/" not in page and "articles.jsonl" in page


def test_web_outlets_errors_are_arabic_with_the_english_line_under_them(corpus_client):
    r = corpus_client.get("/events", params={"date_from": "yesterday"})
    assert r.status_code == 400 and "التاريخ «yesterday» غير صالح" in r.text
    assert 'class="error-detail" dir="ltr" lang="en"' in r.text and "is not a date" in r.text
    api = corpus_client.get("/api/events", params={"dyad": "ISR"}).json()
    assert "dyad" in api["error"] and "الثنائي" in api["error_ar"]
    missing = corpus_client.get("/actors/per:nobody")
    assert missing.status_code == 404 and "لا فاعل باسم «per:nobody»" in missing.text
    assert "لا صفحة بهذا العنوان" in corpus_client.get("/no-such-page").text


def test_web_outlets_events_page_has_a_timeline(corpus_client):
    d = corpus_client.get("/api/events").json()
    assert d["timeline"] and sum(t["n_events"] for t in d["timeline"]) == d["total"]
    assert 'id="events-data"' in corpus_client.get("/events").text


def test_web_outlets_dyad_periods(corpus_client):
    yearly = corpus_client.get("/api/dyads/ISR/IRN", params={"period": "year"}).json()["timeline"]
    assert [t["period"] for t in yearly] == ["2023-01-01"]
    weekly = corpus_client.get("/api/dyads/ISR/IRN", params={"period": "week"}).json()["timeline"]
    periods = [t["period"] for t in weekly]
    assert len(periods) == len(set(periods)) == 8 and sum(t["n_events"] for t in weekly) == 3


def test_web_outlets_actor_graph_is_people_and_organizations_with_its_threshold(corpus_client):
    g = corpus_client.get("/api/relations", params={"level": "actors"}).json()
    assert g["nodes"] and all(n["id"].split(":")[0].upper() in ("PER", "ORG") for n in g["nodes"])
    assert g["n_edges_total"] >= len(g["edges"]) and g["min_events"] >= 1
    page = corpus_client.get("/relations", params={"level": "actors"}).text
    assert 'id="graph-search"' in page and 'data-zoom="in"' in page


def test_web_outlets_actor_page_says_how_many_of_each(corpus_client):
    d = corpus_client.get("/api/actors/loc:country:ISR").json()
    assert d["n_quotes_about"] >= len(d["quotes_about"]) and d["n_events_as_source"] >= len(d["events_as_source"])
    assert {o["outlet"] for o in d["outlets"]} >= {"عربي21", "الجزيرة"}
    page = corpus_client.get("/actors/loc:country:ISR").text
    assert "/quotes?about=loc%3Acountry%3AISR" in page
