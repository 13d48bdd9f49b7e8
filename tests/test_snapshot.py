"""The resource snapshot: a pipeline started from it reads an article exactly as a built one does."""
from __future__ import annotations

import json

import marsad
from marsad import snapshot
from marsad.settings import Settings


def _record(nlp, text):
    return json.dumps(nlp(text, id="seed", publisher="BBC").to_dict(), ensure_ascii=False, sort_keys=True)


def test_a_pipeline_from_the_snapshot_reads_as_a_built_one(tmp_path, monkeypatch, seed_text):
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    built = marsad.load()                        # builds and writes the snapshot
    files = list(tmp_path.glob("resources-*.pickle"))
    assert len(files) == 1
    assert snapshot.load(built.settings) is not None
    from_snapshot = marsad.load()
    # the snapshot's objects were used, not rebuilt: the KB is a different object with the same content
    assert from_snapshot.resources._cache["kb"] is not built.resources._cache["kb"]
    assert _record(from_snapshot, seed_text) == _record(built, seed_text)


def test_an_unreadable_snapshot_is_rebuilt(tmp_path, monkeypatch, seed_text):
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    settings = Settings()
    path = snapshot._path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x80\x05not a pickle")   # a truncated or foreign file
    assert snapshot.load(settings) is None
    nlp = marsad.load()
    assert nlp(seed_text).tokens
    assert snapshot.load(settings) is not None   # written anew


def test_no_snapshot_for_other_data_or_when_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE_DIR", "off")
    assert snapshot._path(Settings()) is None
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    assert snapshot._path(Settings(data_dir=tmp_path)) is None
    assert snapshot._path(Settings()) is not None


def test_the_key_follows_the_settings_and_the_package_files(tmp_path, monkeypatch):
    a = snapshot.snapshot_key(Settings())
    assert snapshot.snapshot_key(Settings()) == a
    assert snapshot.snapshot_key(Settings(use_tagger=False)) != a
    monkeypatch.setattr(snapshot, "PACKAGE_DIR", tmp_path)
    (tmp_path / "kb.jsonl").write_text("{}\n")
    before = snapshot.snapshot_key(Settings())
    (tmp_path / "kb.jsonl").write_text('{"id": 1}\n')   # another size: another key
    assert snapshot.snapshot_key(Settings()) != before


def test_share_equal_makes_equal_words_and_cluster_rows_one_object_and_keeps_types():
    words = "قال الرئيس المصري قال الرئيس".split()          # equal strings, distinct objects
    assert words[0] is not words[3]
    table = {"ids": {w + str(n): (words[n % 2], words[2]) for n, w in enumerate(words)}, "nums": [(1,), (1.0,)]}
    order = list(table["ids"])
    shared = snapshot.share_equal(table)
    rows = list(shared["ids"].values())
    assert rows[0] is rows[2] and rows[1] is rows[3]       # equal tuples of strings: one object
    assert list(shared["ids"]) == order                     # a dict keeps its order
    assert type(shared["nums"][1][0]) is float              # (1.0,) never becomes (1,)


def test_the_written_snapshot_shares_the_word_clusters_ids(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    marsad.load()
    clusters = snapshot.load(Settings())["ner_resources"].clusters.ids
    rows = list(clusters.values())
    assert len({id(r) for r in rows}) == len(set(rows))    # one object per distinct row of cluster ids


def test_the_taggers_feature_tables_come_from_the_snapshot_equal_to_built_ones(tmp_path, monkeypatch):
    # the model's attribute names and what the feature extractor derives from them are read from the
    # snapshot (the C model itself is opened in each process), and equal what a build makes
    from marsad.actors.tagger import FeatureTables
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    built = marsad.load()
    data = snapshot.load(Settings())
    assert "ner_model" not in data
    fresh = FeatureTables.build(built.resources._cache["ner_resources"], built.resources._cache["ner_model"].attributes)
    assert data["ner_attributes"] == built.resources._cache["ner_model"].attributes
    assert data["ner_feature_tables"] == fresh
    assert fresh.attr["bias"] == b"bias" and fresh.bigrams[0] and fresh.gaz_first
    from_snapshot = marsad.load()
    assert from_snapshot.resources._cache["ner_model"].attributes == data["ner_attributes"]
