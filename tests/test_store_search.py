"""Search that folds Arabic spelling: the fold, the knowledge base's spelling variants, and search over a
real store of articles from outlets that spell names differently (tests/fixtures/outlets)."""
from __future__ import annotations

import json

import pytest

from marsad.errors import InputError
from marsad.store import db, queries, search
from marsad.text.normalize import normalize
from outlet_store import ARTICLES, outlet_store


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    c = db.connect(outlet_store(tmp_path_factory.mktemp("search")), read_only=True)
    yield c
    c.close()


def texts() -> list[str]:
    return [json.loads(line)["text"] for line in ARTICLES.read_text(encoding="utf-8").splitlines()]


def ids(rows) -> set[str]:
    return {r["id"] for r in rows}


def test_store_search_fold_is_the_normalizer_with_spaces_collapsed():
    text = "أعلن الرئيسُ الأميركيّ  دونالد ترمب\nانسحابَ بلاده"
    assert search.fold(text) == " ".join(normalize(text).split())
    assert search.fold("إيران") == search.fold("ايران") and search.fold("الأسد") == search.fold("الاسد")


def test_store_search_fold_in_sql_is_the_same_as_in_python():
    import duckdb
    con = duckdb.connect()
    sql, params = search.fold_sql("?")
    for text in texts() + ["«مرحبًا»  بكم\u00a0في ١٢٣ ABC"]:
        assert con.execute(f"SELECT {sql}", [text, *params]).fetchone()[0] == search.fold(text)


def test_store_search_spellings_come_from_the_knowledge_base_names():
    assert set(search.spellings("ترمب")) == {"ترمب", "ترامب"}
    assert set(search.spellings("ترامب")) == {"ترمب", "ترامب"}
    assert "بوتن" in search.spellings("بوتين")
    # An ending is not a spelling, and short words are never expanded.
    assert search.skeleton("شرقي") != search.skeleton("شرق")
    assert search.spellings("علي") == ("علي",)


def test_store_search_query_has_words_and_phrases():
    q = search.parse('الأسد "مجلس  الأمن" ترامب،')
    assert [t.spellings[0] for t in q.terms] == ["الاسد", "مجلس الامن", "ترامب"]
    assert "ترمب" in q.terms[2].spellings
    with pytest.raises(InputError, match="search"):
        search.parse('  ، " "  ')


def test_store_search_trump_finds_both_spellings_both_ways(con):
    one, other = queries.search(con, "ترمب", limit=0), queries.search(con, "ترامب", limit=0)
    assert ids(one["rows"]) == ids(other["rows"]) and one["total"] == other["total"] == 11
    assert {r["publisher"] for r in one["rows"]} == {"Sabah", "Wadi", "Nile"}
    assert one["query"] == [{"term": "ترمب", "spellings": ["ترمب", "ترامب"]}]


def test_store_search_folds_hamza_and_alef(con):
    assert ids(queries.search(con, "الاسد", limit=0)["rows"]) == {"wadi-2018-09-26-assad", "nile-2018-09-03-idlib"}
    assert ids(queries.search(con, "ايران", limit=0)["rows"]) == ids(queries.search(con, "إيران", limit=0)["rows"])
    assert queries.search(con, "ايران", limit=0)["total"] >= 9


def test_store_search_every_word_must_occur(con):
    assert ids(queries.search(con, "ترمب كيم", limit=0)["rows"]) == {"sabah-2018-06-12-summit",
                                                                   "wadi-2018-06-12-summit"}
    assert queries.search(con, "ترمب زلزال", limit=0)["total"] == 0


def test_store_search_phrase_and_outlet_filter(con):
    found = queries.search(con, '"الاتفاق النووي"', outlet="wadi", limit=0)
    assert ids(found["rows"]) == {"wadi-2018-05-08-nuclear"}


def test_store_search_snippet_shows_the_text_as_written(con):
    hit = queries.search(con, "ترمب", outlet="Wadi", limit=1)["rows"][0]
    assert "ترامب" in hit["snippet"]


def test_store_search_pages_with_its_total(con):
    first = queries.search(con, "ترمب", limit=4)
    second = queries.search(con, "ترمب", limit=4, offset=4)
    assert len(first["rows"]) == 4 and first["total"] == 11
    assert not ids(first["rows"]) & ids(second["rows"])


def test_store_search_quotes_by_folded_text(con):
    assert queries.quotes(con, text="الاتفاق كارثي") == queries.quotes(con, text="الإتفاق كارثى")
    assert queries.quotes(con, text="الاتفاق كارثي")


def test_store_search_cli_prints_rows_and_the_spellings(tmp_path, capsys):
    from marsad.cli import main
    store = outlet_store(tmp_path)
    assert main(["search", "ترامب", "--db", str(store), "--json", "--limit", "0"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 11 and all(r["snippet"] for r in rows)
    assert main(["search", "ترمب", "--db", str(store), "--outlet", "Wadi"]) == 0
    out = capsys.readouterr().out
    assert "ترمب | ترامب" in out and "of 4" in out
