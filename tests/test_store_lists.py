"""The store's lists: totals, honest paging, sorts, facets, streaming, timelines with every period, chain
filters in SQL, and migration 0002 (search text, chain names) on a store written before it."""
from __future__ import annotations

import pytest

from marsad.errors import InputError
from marsad.store import db, lists, queries
from test_web_corpus import build_store as build_web_store


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    c = db.connect(build_web_store(tmp_path_factory.mktemp("lists") / "w.duckdb"), read_only=True)
    yield c
    c.close()


def test_store_lists_page_has_its_total_and_pages_honestly(con):
    first = lists.page(con, "quotes", {}, limit=4)
    assert first["total"] == 11 and len(first["rows"]) == 4 and first["offset"] == 0
    rest = lists.page(con, "quotes", {}, limit=4, offset=8)
    assert len(rest["rows"]) == 3 and rest["total"] == 11
    past = lists.page(con, "quotes", {}, limit=4, offset=400)
    assert past["rows"] == [] and past["total"] == 11
    every = [r["quote_id"] + r["article_id"] for r in lists.page(con, "quotes", {}, limit=0)["rows"]]
    paged = [r["quote_id"] + r["article_id"] for o in (0, 4, 8) for r in lists.page(con, "quotes", {}, limit=4, offset=o)["rows"]]
    assert paged == every and len(set(every)) == 11


def test_store_lists_refuse_a_huge_offset_in_one_line(con):
    with pytest.raises(InputError, match="offset"):
        lists.page(con, "articles", {}, limit=50, offset=185_000_000_000_000_000 * 50)


def test_store_lists_refuse_unknown_filters_and_sorts(con):
    with pytest.raises(InputError, match="unknown filter 'colour'"):
        lists.page(con, "events", {"colour": "red"})
    with pytest.raises(InputError, match="cannot sort on 'text'"):
        lists.page(con, "quotes", {}, sort="text")


def test_store_lists_sort_either_way(con):
    up = [r["goldstein"] for r in lists.page(con, "events", {}, sort="goldstein", limit=0)["rows"]]
    down = [r["goldstein"] for r in lists.page(con, "events", {}, sort="-goldstein", limit=0)["rows"]]
    assert up == sorted(up) and down == sorted(down, reverse=True) and up[0] == -9.0


def test_store_lists_facets_count_under_the_other_filters(con):
    f = lists.facets(con, "quotes", {"stance": "doubting"})
    # The stance facet ignores the stance filter (it shows what another choice gives) ...
    stances = {v["value"]: v["n"] for v in f["stance"]["values"]}
    assert stances["doubting"] == 2 and stances["neutral"] >= 5 and f["stance"]["selected"] == "doubting"
    # ... the outlet facet counts the doubting quotes alone.
    assert {v["value"]: v["n"] for v in f["outlet"]["values"]} == {"عربي21": 2}
    ev = lists.facets(con, "events", {})
    assert {v["value"] for v in ev["quad"]["values"]} == {1, 3, 4} and ev["outlet"]["n_values"] == 4


def test_store_lists_stream_every_row_in_order(con):
    cols, it = lists.stream(con, "events", {"quad": 1}, sort="-event_date")
    streamed = [dict(zip(cols, r)) for r in it]
    assert streamed == lists.page(con, "events", {"quad": 1}, sort="-event_date", limit=0)["rows"]
    assert "seq" not in cols and "publisher" in cols


def test_store_lists_chain_filters_run_in_sql(con):
    assert [q["quote_id"] for q in lists.page(con, "quotes", {"chain": "معاريف"})["rows"]] == ["Q7"]
    none = lists.page(con, "quotes", {"chain_role": "none"})
    assert none["total"] == 5 and all(not q["chain"] for q in none["rows"])
    with pytest.raises(InputError, match="chain role"):
        lists.page(con, "quotes", {"chain_role": "whispered"})


def test_store_lists_outlet_filter_on_every_list(con):
    assert {a["publisher"] for a in lists.page(con, "articles", {"outlet": "الجزيرة"})["rows"]} == {"الجزيرة"}
    assert lists.page(con, "events", {"outlet": "الجزيرة"})["total"] == 2
    actors = {a["key"] for a in lists.page(con, "actors", {"outlet": "الأناضول"}, limit=0)["rows"]}
    assert "per:recep-tayyip-erdogan" in actors and "per:yoav-gallant" not in actors
    assert {(r["source"], r["target"]) for r in queries.relations(con, outlet="الجزيرة")} == {("ISR", "IRN"), ("IRN", "ISR")}
    both = lists.page(con, "articles", {"outlet": ["الجزيرة", "الأناضول"]})
    assert both["total"] == 2


def test_store_lists_timeline_has_every_period_and_one_row_a_year(con):
    monthly = lists.timeline(con, "events", {"states": ("ISR", "IRN")}, "month")
    assert [(t["period"], t["n_events"]) for t in monthly] == [("2023-08-01", 2), ("2023-09-01", 0),
                                                               ("2023-10-01", 1)]
    assert monthly[1]["quad3"] == 0 and monthly[1]["mean_goldstein"] is None
    yearly = queries.dyad_timeline(con, "ISR", "IRN", period="year")
    assert [(t["period"], t["n_events"]) for t in yearly] == [("2023-01-01", 3)]
    weekly = lists.timeline(con, "events", {"states": ("ISR", "IRN")}, "week")
    assert len(weekly) == len({t["period"] for t in weekly}) == 8 and sum(t["n_events"] for t in weekly) == 3
    with pytest.raises(InputError, match="period"):
        lists.timeline(con, "events", {}, "decade")


def test_store_lists_actor_graph_keeps_people_and_organizations(con):
    g = queries.relations_graph(con, level="actors")
    assert g["nodes"] and all(n["id"].split(":")[0].upper() in ("PER", "ORG") for n in g["nodes"])
    states = queries.relations_graph(con, level="states")
    assert states["n_edges_total"] == len(states["edges"]) and states["min_events"] == 1


def test_store_lists_actor_graph_raises_its_threshold_to_fit(con):
    g = queries.relations_graph(con, level="actors", max_edges=1)
    assert len(g["edges"]) <= 1 and g["min_events"] > 1 and g["n_edges_total"] > 1


def _strip_0002_and_0003(path) -> None:
    """Make `path` look like a store written before migrations 0002 and 0003 (so before every later one too:
    the store checks on open that the applied migrations are a prefix of the known ones)."""
    import duckdb
    c = duckdb.connect(str(path))
    c.execute("ALTER TABLE articles DROP COLUMN search_text")
    c.execute("ALTER TABLE quotes DROP COLUMN search_text")
    c.execute("UPDATE chain_links SET entity_name = NULL WHERE entity_id IS NULL")
    c.execute("DROP TABLE actor_articles")
    c.execute("ALTER TABLE framing DROP COLUMN stance")   # 0004
    c.execute("DELETE FROM schema_migrations WHERE name >= '0002'")
    c.close()


def test_store_lists_migrations_0002_and_0003_fill_an_older_store_as_an_ingest_would(tmp_path, con):
    """The SQL that fills an older store gives the rows the ingest writes (rows.py): the same folded text,
    chain names and actor_articles."""
    tables = ("articles", "quotes", "chain_links", "actor_articles")
    path = build_web_store(tmp_path / "old.duckdb")
    before = db.snapshot(db.connect(path, read_only=True), tables=tables)
    _strip_0002_and_0003(path)
    db.connect(path).close()  # a writable connection applies what is missing
    after = db.snapshot(db.connect(path, read_only=True), tables=tables)
    assert after == before and before["actor_articles"]


def test_store_lists_parquet_tables_from_before_0002_and_0003_still_work(tmp_path, con):
    import duckdb

    from marsad.store.export import export_parquet
    export_parquet(con, tmp_path / "pq")
    rewrite = duckdb.connect()
    for table in ("articles", "quotes"):
        target = tmp_path / "pq" / f"{table}.parquet"
        rewrite.execute(f"COPY (SELECT * EXCLUDE (search_text) FROM read_parquet('{target}')) TO '{target}.tmp' "
                        "(FORMAT parquet)")
        (tmp_path / "pq" / f"{table}.parquet.tmp").replace(target)
    (tmp_path / "pq" / "actor_articles.parquet").unlink()   # written before the table existed
    view = db.connect(tmp_path / "pq", read_only=True)
    assert [a["id"] for a in queries.list_articles(view, text="عقوبات")] == ["news-sanctions"]
    assert queries.search(view, "ايران")["total"] == queries.search(con, "إيران")["total"]
    assert queries.actors(view, limit=0) == queries.actors(con, limit=0)


@pytest.mark.parametrize("name, filters", [("quotes", {}), ("quotes", {"stance": "doubting"}),
                                           ("quotes", {"stance": "doubting", "outlet": "عربي21", "kind": "direct"}),
                                           ("events", {"quad": 3}), ("actors", {"type": "PER"}),
                                           ("articles", {"q": "إيران"})])
def test_store_lists_facets_and_total_in_one_pass_agree_with_count(con, name, filters):
    found, total = lists.facets_and_total(con, name, filters)
    assert total == lists.count(con, name, filters) and found == lists.facets(con, name, filters)
