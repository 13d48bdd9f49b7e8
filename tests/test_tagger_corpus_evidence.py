"""Corpus evidence features of the NER tagger (`marsad.actors.corpus_contexts`): how the unlabeled news uses a word."""
from __future__ import annotations

import gzip
import json

import pytest

from marsad.actors.corpus_contexts import (COLUMNS, CONTEXTS_FILE, corpus_sentences, evidence_features, load_table,
                                           write_table)
from marsad.cli import main
from marsad.errors import ConfigError

# test_tagger's two sentences: no I-LOC among their labels, so the context-only tagger trained on them lacks that label.
from test_tagger import CONLL  # noqa: E402

NEWS = ["قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن الحكومة ستعلن خطة جديدة.",
        "وقال الرئيس الفرنسي إيمانويل ماكرون أمس في مؤتمر صحفي إن الزيارة ناجحة.",
        "وأعلنت وزارة الخارجية المصرية عن زيارة الرئيس الفرنسي إيمانويل ماكرون إلى القاهرة."]


def _news(path, texts):
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
    return path


def test_corpus_evidence_sentences_split_punctuation_and_stop_at_the_budget(tmp_path):
    news = _news(tmp_path / "news.jsonl.gz", NEWS)
    first = next(corpus_sentences(news))
    assert first[:5] == ["قال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون"] and first[-1] == "."
    assert sum(1 for _ in corpus_sentences(news, max_tokens=5)) == 1


def test_corpus_evidence_train_command_writes_the_table_beside_the_model(tmp_path, capsys):
    """`marsad train ner --corpus`: a context-only tagger trained on two sentences (it has no I-LOC label)
    labels the news; the words it reads as a person's first name get their counts in the table."""
    data = tmp_path / "ner.txt"
    data.write_text(CONLL * 3, encoding="utf-8")
    news = _news(tmp_path / "news.jsonl.gz", NEWS)
    out = tmp_path / "models" / "ner.crfsuite"
    code = main(["train", "ner", "--data", str(data), "--out", str(out), "--holdout", "0", "--iterations", "5",
                 "--corpus", str(news)])
    assert code == 0, capsys.readouterr().err
    table = load_table(out.with_name(CONTEXTS_FILE))
    n, b_per, i_per, b_loc, i_loc, b_org, i_org = table["ايمانويل"]
    assert n == 3 and b_per > max(b_loc, b_org) and i_loc == 0.0


def test_corpus_evidence_training_without_a_corpus_removes_a_stale_table(tmp_path):
    data = tmp_path / "ner.txt"
    data.write_text(CONLL * 3, encoding="utf-8")
    out = tmp_path / "ner.crfsuite"
    stale = write_table({"ماكرون": [5.0, 4.0, 0, 0, 0, 0, 0]}, out.with_name(CONTEXTS_FILE), "news")
    assert stale == 1
    assert main(["train", "ner", "--data", str(data), "--out", str(out), "--holdout", "0", "--iterations", "5"]) == 0
    assert out.is_file() and not out.with_name(CONTEXTS_FILE).exists()


def test_corpus_evidence_train_command_names_a_missing_corpus(tmp_path, capsys):
    data = tmp_path / "ner.txt"
    data.write_text(CONLL, encoding="utf-8")
    code = main(["train", "ner", "--data", str(data), "--corpus", str(tmp_path / "nope.jsonl.gz")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "nope.jsonl.gz" in err


def test_corpus_evidence_table_keeps_names_and_drops_rare_or_nameless_words(tmp_path):
    path = tmp_path / CONTEXTS_FILE
    rows = write_table({"ماكرون": [10.0, 2.0, 7.0, 0, 0, 0, 0],     # read as a person 9 times in 10
                        "زيارة": [50.0, 0, 0, 0, 0, 0.2, 0],        # a common noun: no name evidence
                        "تيفور": [2.0, 0, 0, 2.0, 0, 0, 0]},         # too rare to say anything
                       path, "news")
    assert rows == 1
    assert load_table(path) == {"ماكرون": (10.0, 2.0, 7.0, 0.0, 0.0, 0.0, 0.0)}


def test_corpus_evidence_table_names_a_bad_header(tmp_path):
    path = tmp_path / CONTEXTS_FILE
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("word\tn\tPER\n")
    with pytest.raises(ConfigError, match="header"):
        load_table(path)


def test_corpus_evidence_features_bucket_the_shares():
    # 9 of 10 occurrences read as a person (the top bucket), 2 of those 9 as a name's first word
    own, near = evidence_features((10.0, 2.0, 7.0, 0.0, 0.0, 0.0, 0.0))
    assert own == ["cx=6", "cxPER=6", "cxB=1"]
    assert near == ["cxPER=3"]
    assert evidence_features(None) == (["cx=none"], [])
    assert len(COLUMNS) == 6
