"""Cross-validation of the NER recipe (`marsad.actors.crossval`) and training on gold articles (`goldtrain`)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from marsad.actors.crossval import analyze_sentences, contiguous_folds, gold_spans, score_spans
from marsad.actors.goldtrain import gold_sentences, without_missing
from marsad.actors.train import read_conll
from marsad.settings import Settings


def test_crossval_folds_are_contiguous_blocks_covering_every_sentence():
    folds = contiguous_folds(11, 5)
    assert [len(f) for f in folds] == [2, 2, 3, 2, 2]
    assert [i for f in folds for i in f] == list(range(11))


def test_crossval_scores_the_stage_exactly_as_ner_conll_does(shared_dir, tmp_path):
    """The in-process score of the stage equals ../shared/eval/ner_conll.py --cmd "marsad analyze --jsonl"."""
    lines, count = [], 0
    for line in (shared_dir / "data" / "ner" / "anercorp-train.txt").read_text(encoding="utf-8").splitlines():
        lines.append(line)
        count += not line.strip()
        if count == 60:
            break
    sample = tmp_path / "sample.txt"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sentences = read_conll(sample)
    ours = score_spans([gold_spans(s.labels) for s in sentences], analyze_sentences(sentences, Settings()))
    marsad = Path(sys.executable).parent / "marsad"
    out = subprocess.run([sys.executable, str(shared_dir / "eval" / "ner_conll.py"), str(sample),
                          "--cmd", f"{marsad} analyze --jsonl"], capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout.splitlines()[0])
    assert round(ours.overall.f1, 6) == round(theirs["f1"], 6)
    assert {t.type: round(t.f1, 4) for t in ours.per_type} == theirs["per_type"]


def test_goldtrain_labels_names_and_leaves_descriptions_out(tmp_path):
    text = "وقال الرئيس السوري بشار الأسد إن وزارة الخارجية السورية ستصدر بيانا في دمشق.\nووصل الوفد إلى وبيروت أمس."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    gold = {"doc": "a", "text_file": "a.txt", "entities": [
        {"key": "assad", "type": "PER", "surface": ["بشار الأسد", "الرئيس السوري"]},
        {"key": "mofa", "type": "ORG", "surface": ["وزارة الخارجية السورية"]},
        {"key": "dam", "type": "LOC", "surface": ["دمشق"]},
        {"key": "bey", "type": "LOC", "surface": ["بيروت"], "optional": True}]}
    (tmp_path / "a.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    sentences = gold_sentences(tmp_path)
    labelled = {w: lab for s in sentences for w, lab in zip(s.words, s.labels)}
    assert (labelled["بشار"], labelled["الأسد"], labelled["دمشق."]) == ("B-PER", "I-PER", "B-LOC")
    assert labelled["الرئيس"] == labelled["وزارة"] == "O"
    assert labelled["وبيروت"] == "-"                       # an optional entity: left out of training
    assert len(without_missing(sentences)) == 1
