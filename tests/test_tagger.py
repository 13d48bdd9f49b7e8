"""The trained NER tagger: features, BIO decoding, scoring, training command, runtime spans."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import marsad
from marsad.actors.cli import register
from marsad.actors.tagger import (CLUSTERS_FILE, TRIGGERS_FILE, ClusterTable, FeatureExtractor, NerResources,
                                  TaggedSpan, load_clusters, load_model, load_tagger, load_triggers, models_dir,
                                  spans_from_bio)
from marsad.actors.train import evaluate, read_conll, split_holdout
from marsad.cli import main
from marsad.errors import ConfigError, InputError
from marsad.pipeline import Resources
from marsad.settings import Settings
from marsad.text.segment import Segmenter

TRIGGER_CLASSES = {"title", "name_part", "org_head", "loc_head", "speech"}

CONLL = """\
قال O
الرئيس O
الفرنسي O
إيمانويل B-PERS
ماكرون I-PERS
في O
باريس B-LOC
. O

وأعلنت O
وزارة B-ORG
الخارجية I-ORG
المصرية I-ORG
عن O
زيارة O
. O
"""


@pytest.fixture(scope="module")
def segmenter_nlp():
    return marsad.load(components=("segment",))


@pytest.fixture(scope="module")
def tagger():
    t = load_tagger(Settings())
    assert t is not None, "the shipped model data/models/ner.crfsuite is missing"
    return t


@pytest.fixture(scope="module")
def extractor():
    settings = Settings()
    resources = Resources(settings)
    res = NerResources(clusters=ClusterTable((), {}), triggers=load_triggers(models_dir(settings) / TRIGGERS_FILE),
                       gazetteer={}, vocab={})
    return FeatureExtractor(Segmenter(settings, resources).segment_word, res)


def test_tagger_bio_decoding_follows_conlleval():
    labels = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "B-ORG", "I-PER"]
    assert spans_from_bio(labels) == [(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "ORG"), (6, 7, "ORG"), (7, 8, "PER")]


def test_tagger_evaluation_counts_only_exact_spans_of_output_types():
    gold = [["B-PER", "I-PER", "O", "B-LOC", "B-MISC"]]
    pred = [["B-PER", "O", "O", "B-LOC", "B-MISC"]]
    ev = evaluate(gold, pred)
    per = {s.type: s for s in ev.per_type}
    assert (per["PER"].gold, per["PER"].predicted, per["PER"].correct) == (1, 1, 0)
    assert per["LOC"].f1 == 1.0
    assert (ev.overall.gold, ev.overall.correct) == (2, 1)


def test_tagger_reads_conll_and_maps_pers_to_per(tmp_path):
    path = tmp_path / "ner.txt"
    path.write_text(CONLL, encoding="utf-8")
    sentences = read_conll(path)
    assert len(sentences) == 2
    assert sentences[0].labels[3:5] == ("B-PER", "I-PER")
    assert sentences[1].words[1] == "وزارة"


def test_tagger_conll_reader_names_the_bad_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("قال O\nماكرون B-PERS extra\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.txt:2:"):
        read_conll(path)


def test_tagger_conll_reader_refuses_binary_data(tmp_path):
    path = tmp_path / "model.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(InputError, match="not UTF-8"):
        read_conll(path)


def test_tagger_holdout_is_the_tail_of_the_file(tmp_path):
    path = tmp_path / "ner.txt"
    path.write_text(CONLL, encoding="utf-8")
    train, held = split_holdout(read_conll(path), 0.5)
    assert [s.words[0] for s in held] == ["وأعلنت"]
    assert [s.words[0] for s in train] == ["قال"]


def test_tagger_features_strip_proclitics_to_the_stem(extractor):
    feats = extractor.sentence_features(["وصل", "الوفد", "إلى", "وبغداد"])
    assert "s=بغداد" in feats[3]
    assert "pre=و" in feats[3]
    assert "-1:s=الي" in feats[3]


def test_tagger_token_features_equal_word_features(extractor, segmenter_nlp):
    doc = segmenter_nlp("وأكد للصحفيين في بيروت أن حكومته ستواصل دعمها للمبادرة الفرنسية.")
    fresh = FeatureExtractor(extractor.segment_word, extractor.res)
    assert fresh.token_features(doc.tokens) == extractor.sentence_features([t.text for t in doc.tokens])


def test_tagger_neighbour_memo_is_bounded_and_emptying_it_changes_no_feature(extractor, monkeypatch):
    import marsad.actors.tagger as tagger_module
    words = "قال وزير الخارجية الفرنسي في باريس إن بلاده تدعم المبادرة العربية للسلام في المنطقة".split()
    expected = FeatureExtractor(extractor.segment_word, extractor.res).sentence_features(words)
    monkeypatch.setattr(tagger_module, "NEAR_MEMO_MAX", 5)
    small = FeatureExtractor(extractor.segment_word, extractor.res)
    assert small.sentence_features(words) == expected
    assert 0 < len(small._near) <= 5


def test_tagger_features_mark_a_title_before_a_name(extractor):
    feats = extractor.sentence_features(["وقال", "الرئيس", "عبد", "المجيد", "تبون"])
    assert "-1:t=title" in feats[2]
    assert "t=name_part" in feats[2]


def test_tagger_trigger_file_uses_known_classes():
    path = models_dir(Settings()) / TRIGGERS_FILE
    triggers = load_triggers(path)
    assert len(triggers) > 100
    assert set(triggers.values()) <= TRIGGER_CLASSES


def test_tagger_trigger_file_rejects_a_line_without_class(tmp_path):
    bad = tmp_path / "t.tsv"
    bad.write_text("# header\nالرئيس\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"t.tsv:2:"):
        load_triggers(bad)


def test_tagger_clusters_file_groups_leaders_and_capitals():
    table = load_clusters(models_dir(Settings()) / CLUSTERS_FILE)
    assert len(table.ids) > 50_000
    c256 = table.columns.index("c256")
    assert table.ids["ترامب"][c256] == table.ids["بوتين"][c256] == table.ids["ماكرون"][c256]
    assert table.ids["بغداد"][c256] == table.ids["القاهره"][c256]
    assert table.ids["بغداد"][c256] != table.ids["ترامب"][c256]
    assert all(w and "\t" not in w for w in table.ids)


def test_tagger_clusters_file_header_names_its_source():
    with gzip.open(models_dir(Settings()) / CLUSTERS_FILE, "rt", encoding="utf-8") as fh:
        header = "".join(line for line in fh.readlines()[:10] if line.startswith("#"))
    assert "ANT corpus" in header


def test_tagger_clusters_loader_rejects_a_short_line(tmp_path):
    bad = tmp_path / "c.tsv.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as fh:
        fh.write("# test\nword\tc64\tc256\nبغداد\t3\n")
    with pytest.raises(ConfigError, match=r"c.tsv.gz:3:"):
        load_clusters(bad)


def test_tagger_finds_person_place_and_organization(tagger, segmenter_nlp):
    text = "وقال وزير الخارجية المصري سامح شكري في القاهرة إن منظمة الصحة العالمية حذرت من انتشار المرض."
    doc = segmenter_nlp(text)
    found = {(doc.text[s.start:s.end], s.type) for s in tagger.tag(doc)}
    assert ("سامح شكري", "PER") in found
    assert ("القاهرة", "LOC") in found
    assert any(t == "ORG" and "الصحة العالمية" in s for s, t in found)


def test_tagger_span_excludes_the_proclitic_of_its_first_word(tagger, segmenter_nlp):
    text = "وصل الوفد الفلسطيني إلى القاهرة ومنها توجه إلى لبنان وبغداد في جولة تستمر أسبوعا."
    doc = segmenter_nlp(text)
    spans = tagger.tag(doc)
    assert all(isinstance(s, TaggedSpan) and 0 <= s.start < s.end <= len(text) for s in spans)
    assert "بغداد" in {doc.text[s.start:s.end] for s in spans}


def test_tagger_never_outputs_misc_and_scores_are_probabilities(tagger, segmenter_nlp):
    doc = segmenter_nlp("وأعلن رئيس الوزراء العراقي مصطفى الكاظمي في بغداد عن خطة جديدة للإسلام والمسلمين.")
    spans = tagger.tag(doc)
    assert spans
    assert all(s.type in {"PER", "LOC", "ORG"} and 0.0 < s.score <= 1.0 for s in spans)


def test_tagger_is_none_without_a_model(tmp_path):
    assert load_tagger(Settings(data_dir=tmp_path)) is None


def test_tagger_corrupt_model_is_a_config_error(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "ner.crfsuite").write_bytes(b"not a model at all")
    with pytest.raises(ConfigError, match="ner.crfsuite"):
        load_model(Settings(data_dir=tmp_path))


def test_tagger_train_command_rejects_a_missing_file(tmp_path, capsys):
    code = main(["train", "ner", "--data", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "m.crfsuite")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "nope.txt" in err


def test_tagger_train_command_writes_a_model_and_prints_scores(tmp_path, capsys):
    data = tmp_path / "ner.txt"
    data.write_text(CONLL * 5, encoding="utf-8")
    out = tmp_path / "m.crfsuite"
    code = main(["train", "ner", "--data", str(data), "--out", str(out), "--holdout", "0.2", "--iterations", "5"])
    printed = capsys.readouterr().out
    assert code == 0
    assert out.is_file() and not Path(str(out) + ".heldout.tmp").exists()
    assert "overall" in printed and "PER" in printed


def test_tagger_cli_registers_train_ner():
    import argparse
    ap = argparse.ArgumentParser()
    register(ap.add_subparsers(dest="command"))
    args = ap.parse_args(["train", "ner", "--holdout", "0.2"])
    assert args.holdout == 0.2 and args.model == "ner"


@pytest.fixture(scope="module")
def knowing_extractor():
    """The features with the knowledge the shipped tagger reads: name units, demonyms, title phrases."""
    from marsad.actors.tagger import load_ner_resources
    settings = Settings()
    resources = Resources(settings)
    return FeatureExtractor(Segmenter(settings, resources).segment_word, load_ner_resources(settings))


def test_tagger_features_know_name_units_demonyms_and_title_phrases(knowing_extractor):
    words = ["وقال", "وزير", "الخارجية", "الأمريكي", "جون", "كيري"]
    feats = knowing_extractor.sentence_features(words)
    assert "dem" in feats[3]                    # الأمريكي: a nationality adjective
    assert "pn=given" in feats[4]               # جون: a given name (Wikidata units)
    assert "ttl-" in feats[3]                   # right after the title phrase وزير الخارجية


def test_tagger_name_keeps_a_first_letter_that_looks_like_a_clitic(segmenter_nlp):
    from marsad.actors.tagger import load_person_names, name_start
    from marsad.text.segment import load_vocab
    vocab, names = load_vocab(Settings()), load_person_names(Settings())
    for text, name in (("كريم بنزيمة", "كريم"), ("سافين أحمد", "سافين"), ("وكريم", "كريم"), ("لـCNN", "CNN"),
                       ("لبغداد", "بغداد")):
        t = segmenter_nlp(text + " قال").tokens[0]
        assert t.text[name_start(t, vocab, names) - t.start:] == name


def test_tagger_person_names_file_is_wikidata_units(repo_dir):
    with gzip.open(models_dir(Settings()) / "person_names.tsv.gz", "rt", encoding="utf-8") as fh:
        head = [next(fh) for _ in range(5)]
    assert "Wikidata" in "".join(head) and "word\trole\tpeople\n" in head


def test_model_attributes_read_from_the_file_equal_the_dumped_ones(repo_dir):
    """The feature names read from the crfsuite file are exactly those the model dump lists."""
    import pycrfsuite

    from marsad.actors.crf_model import model_attributes
    from marsad.actors.tagger import MODEL_FILE, models_dir
    from marsad.settings import Settings
    path = models_dir(Settings()) / MODEL_FILE
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    dumped = frozenset(attr for attr, _label in tagger.info().state_features)
    assert model_attributes(path) == dumped
    assert any(a.startswith("w=") for a in dumped)


def test_model_attributes_refuse_a_file_that_is_no_model(tmp_path):
    import pytest

    from marsad.actors.crf_model import model_attributes
    bad = tmp_path / "ner.crfsuite"
    bad.write_bytes("ليس نموذجا".encode() * 10)
    with pytest.raises(ValueError):
        model_attributes(bad)


def test_tagger_run_time_features_are_the_known_training_features_in_bytes(knowing_extractor, segmenter_nlp):
    """At run time the extractor keeps only what the model knows, in the same order, as UTF-8 bytes; the
    result must be exactly the training features filtered (bias, BOS and EOS always go through)."""
    doc = segmenter_nlp("وقال وزير الخارجية الأمريكي جون كيري في بغداد إن الولايات المتحدة ستدعم العراق. "
                        "وأكد للصحفيين في بيروت أن حكومته ستواصل دعمها للمبادرة الفرنسية.")
    words = [t.text for t in doc.tokens]
    training = knowing_extractor.sentence_features(words)
    known = frozenset(f for feats in training for f in feats[1::2])   # a model that knows half of them
    run_time = FeatureExtractor(knowing_extractor.segment_word, knowing_extractor.res, known)
    expected = [[f.encode("utf-8") for f in feats if f in known or f in ("bias", "BOS", "EOS")] for feats in training]
    assert run_time.token_features(doc.tokens) == expected
    assert run_time.sentence_features(words) == expected
    assert any(f.startswith(b"b-=") for feats in expected for f in feats)   # the bigrams are checked too
