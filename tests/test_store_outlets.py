"""Outlets side by side: the outlets list, names as a user writes them, profiles, and the comparison with
its test. Exact numbers on document records made by hand (two outlets that treat one actor differently);
the behaviour on real analyzed articles on the outlet fixture store."""
from __future__ import annotations

import json
import random

import pytest

from marsad.errors import InputError
from marsad.store import db, queries, significance
from marsad.store.ingest import store_records
from outlet_store import outlet_store
from test_store_queries import entity, span

FILLER = ("الحكومة البرلمان الميزانية المدينة المستشفى الجامعة الطريق الميناء المطار الشركة المصنع الحقل "
          "الموسم السوق المعرض الملعب المسرح الجسر السد النهر الوادي الجبل الساحل الصحراء القرية الحي المدرسة "
          "المكتبة المتحف الحديقة").split()
TRUMP = dict(kb_id="per:donald-trump", name_en="Donald Trump", country="USA", role="GOV", code="USAGOV",
             subtype="person")


def record(rid: str, outlet: str, date: str, mentions: bool, stance: str = "neutral", label: bool = False,
           quad: int = 3) -> dict:
    """An article of `outlet`; when `mentions`, Trump speaks once (a cue of `stance`), is the source of one
    event of quad class `quad`, and with `label` is called by a loaded label. Filler words keep articles
    apart for the near-duplicate check."""
    rng = random.Random(rid)
    filler = " ".join(rng.choice(FILLER) for _ in range(40)) + "."
    if mentions:
        text = (f"قال الرئيس الأمريكي دونالد ترامب إن \"المفاوضات مستمرة\" وهدد إيران بعقوبات. "
                + ("ويصفه معارضوه بالمستبد. " if label else "") + filler)
    else:
        text = "ناقش البرلمان مشروع القانون في جلسة مطولة. " + filler
    rec = {"schema": "marsad/document@1", "id": rid, "text": text, "repairs": [],
           "sentences": [{"start": 0, "end": len(text)}],
           "meta": {"title": rid, "url": None, "publisher": outlet, "published": date, "language": "ar"},
           "entities": [], "quotes": [], "events": [], "framing": []}
    if mentions:
        rec["entities"] = [entity(text, "E1", "PER", "دونالد ترامب", **TRUMP),
                           entity(text, "E2", "LOC", "إيران", "loc:country:IRN", "Iran", "IRN", subtype="country")]
        rec["quotes"] = [dict(span(text, "المفاوضات مستمرة"), id="Q1", kind="direct", speaker="E1",
                              cue=dict(span(text, "قال"), lemma="قال", stance=stance),
                              chain=[{"role": "published_by", "entity": None, "name": outlet}])]
        rec["events"] = [{"id": "V1", "sentence": 0, "source": {"entity": "E1", "country": "USA"},
                          "target": {"entity": "E2", "country": "IRN"}, "cameo": "138", "plover": "THREATEN",
                          "quad_class": quad, "goldstein": -7.0, "trigger": span(text, "وهدد"), "location": None,
                          "date": None, "modality": "asserted", "quote": None}]
        if label:
            rec["framing"] = [dict(span(text, "المستبد"), kind="loaded_label", refers_to="E1")]
    return rec


def corpus() -> list[dict]:
    """Alpha: 10 articles, 8 mention Trump, 6 of his 8 quotes doubting, 4 label him, his events verbal conflict.
    Beta: 10 articles, 2 mention Trump, both quotes neutral, no label, his events verbal cooperation."""
    out = []
    for i in range(10):
        m = i < 8
        out.append(record(f"alpha-{i}", "Alpha", f"2018-0{1 + i % 3}-1{i}", m,
                          stance="doubting" if i < 6 else "neutral", label=m and i % 2 == 0, quad=3))
    for i in range(10):
        out.append(record(f"beta-{i}", "Beta", f"2018-0{1 + i % 3}-2{i}", i < 2, quad=1))
    return out


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("outlets") / "o.duckdb"
    report = store_records(path, corpus())
    assert report.near_duplicates == 0
    c = db.connect(path, read_only=True)
    yield c
    c.close()


def row(found: dict, measure: str) -> dict:
    return next(r for r in found["rows"] if r["measure"] == measure)


def kn(r: dict) -> list[tuple[int, int]]:
    return [(v["k"], v["n"]) for v in r["values"]]


def test_store_outlets_list_counts_articles_and_dates(con):
    got = {r["outlet"]: r for r in queries.outlets(con)}
    assert got["Alpha"]["n_articles"] == 10 and got["Beta"]["n_articles"] == 10
    assert got["Alpha"]["first_date"] == "2018-01-10" and got["Alpha"]["last_date"] == "2018-03-18"
    assert got["Alpha"]["n_quotes"] == 8 and got["Beta"]["n_events"] == 2


def test_store_outlets_names_as_a_user_writes_them(con):
    assert queries.resolve_outlet(con, "alpha") == "Alpha" and queries.resolve_outlet(con, "BET") == "Beta"
    with pytest.raises(InputError, match="outlets: Alpha, Beta"):
        queries.resolve_outlet(con, "Gamma")
    assert queries.resolve_actor(con, "ترمب")["key"] == "per:donald-trump"        # as another outlet writes it
    assert queries.resolve_actor(con, "donald trump")["key"] == "per:donald-trump"
    assert queries.resolve_actor(con, "ايران")["key"] == "loc:country:IRN"
    with pytest.raises(InputError, match="no actor"):
        queries.resolve_actor(con, "نابليون")


def test_store_outlets_compare_counts_each_share(con):
    found = queries.compare(con, ["alpha", "beta"], "ترامب")
    assert found["outlets"] == ["Alpha", "Beta"] and found["actor"]["key"] == "per:donald-trump"
    assert kn(row(found, "coverage")) == [(8, 10), (2, 10)]
    assert kn(row(found, "stance:doubting")) == [(6, 8), (0, 2)]
    assert kn(row(found, "stance:neutral")) == [(2, 8), (2, 2)]
    assert kn(row(found, "loaded_label")) == [(4, 8), (0, 2)]
    assert kn(row(found, "source:q3")) == [(8, 8), (0, 2)] and kn(row(found, "source:q1")) == [(0, 8), (2, 2)]
    assert kn(row(found, "share_of_quotes")) == [(8, 8), (2, 2)]
    assert found["stances"] == {"Alpha": {"doubting": 6, "neutral": 2}, "Beta": {"neutral": 2}}
    assert found["labels"]["Alpha"] == [{"label": "المستبد", "n": 4, "n_articles": 4}] and found["labels"]["Beta"] == []


def test_store_outlets_compare_tests_every_row_and_corrects_for_their_number(con):
    found = queries.compare(con, ["Alpha", "Beta"], "per:donald-trump")
    cov = row(found, "coverage")
    assert cov["test"] == "fisher" and cov["p_value"] == pytest.approx(significance.fisher_exact(8, 2, 2, 8))
    # Everything is a success (every quote in both outlets is his): nothing to test.
    assert row(found, "share_of_quotes")["p_value"] is None and row(found, "stance:pejorative")["test"] is None
    raw = [r["p_value"] for r in found["rows"]]
    assert [r["p_adjusted"] for r in found["rows"]] == significance.holm(raw)
    assert all(r["significant"] == (r["p_adjusted"] is not None and r["p_adjusted"] < 0.05) for r in found["rows"])
    # 8/10 against 2/10 is below 0.05 alone, but not once the table's other tested rows are counted.
    assert cov["p_value"] < 0.05 and cov["p_adjusted"] > 0.05 and not cov["significant"]
    assert "Holm" in found["test"]
    v = cov["values"][0]
    assert v["share"] == 0.8 and v["ci_low"] < 0.8 < v["ci_high"]


def test_store_outlets_compare_needs_two_outlets(con):
    with pytest.raises(InputError, match="two or more"):
        queries.compare(con, ["Alpha", "alpha"], "ترامب")


def test_store_outlets_coverage_over_time_has_every_month(con):
    found = queries.compare(con, ["Alpha", "Beta"], "ترامب")
    months = [r["month"] for r in found["coverage_timeline"]]
    assert months == ["2018-01-01", "2018-02-01", "2018-03-01"]
    jan = found["coverage_timeline"][0]["outlets"]
    assert jan["Alpha"]["n"] == 4 and jan["Alpha"]["k"] == 3


def test_store_outlets_profile_per_actor_and_month(con):
    rows = queries.profile(con, "alpha")
    trump = next(r for r in rows if r["actor_key"] == "per:donald-trump")
    assert trump["n_articles"] == 8 and trump["coverage"] == 0.8 and trump["quotes_doubting"] == 6
    assert trump["n_loaded_labels"] == 4 and trump["source_q3"] == 8 and trump["outlet_articles"] == 10
    monthly = queries.profile(con, "alpha", actor="ترمب", by_month=True)
    assert [r["month"] for r in monthly] == ["2018-01-01", "2018-02-01", "2018-03-01"]
    assert sum(r["n_articles"] for r in monthly) == 8
    assert all(r["coverage"] == round(r["n_articles"] / r["outlet_articles"], 6) for r in monthly)


def test_store_outlets_cli_compare_prints_the_table_and_its_test(con, tmp_path, capsys):
    from marsad.cli import main
    path = tmp_path / "o.duckdb"
    store_records(path, corpus())
    assert main(["compare", "Alpha", "Beta", "--actor", "ترمب", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "coverage" in out and "80.0% (8/10)" in out and "Fisher's exact" in out and "Holm" in out
    assert main(["compare", "Alpha", "Beta", "--actor", "ترمب", "--db", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == queries.compare(con, ["Alpha", "Beta"], "ترمب")["rows"] and all("p_value" in r for r in rows)
    assert main(["compare", "Alpha", "Beta", "--actor", "ترمب", "--db", str(path), "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("measure,description,Alpha_k,Alpha_n,Alpha_share") and "p_value" in lines[0]
    assert lines[1].startswith("coverage,") and len(lines) == 1 + len(rows)


def test_store_outlets_cli_outlets_and_profile(con, tmp_path, capsys):
    from marsad.cli import main
    path = tmp_path / "o.duckdb"
    store_records(path, corpus())
    assert main(["outlets", "--db", str(path), "--json"]) == 0
    assert [r["outlet"] for r in json.loads(capsys.readouterr().out)] == ["Alpha", "Beta"]
    assert main(["profile", "beta", "--db", str(path), "--csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("outlet,actor_key,name")
    assert main(["profile", "Gamma", "--db", str(path)]) == 2
    assert "no outlet 'Gamma'" in capsys.readouterr().err


def test_store_outlets_on_articles_the_pipeline_read(tmp_path):
    """The outlet fixture analyzed for real: whatever the stages find, the comparison is consistent."""
    c = db.connect(outlet_store(tmp_path), read_only=True)
    try:
        assert [r["outlet"] for r in queries.outlets(c)] == ["Sabah", "Wadi", "Nile"]
        found = queries.compare(c, ["sabah", "wadi"], "ترمب")
        assert found["actor"]["key"] == "per:donald-trump"
        cov = row(found, "coverage")
        assert [v["n"] for v in cov["values"]] == [6, 6]           # every article of each outlet
        assert all(v["k"] >= 4 for v in cov["values"])             # he is in most of them
        for r in found["rows"]:
            assert 0 <= (r["p_value"] if r["p_value"] is not None else 0) <= 1
            assert all(v["k"] <= v["n"] for v in r["values"])
    finally:
        c.close()
