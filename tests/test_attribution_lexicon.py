"""The attribution lexicons load, validate, and generate the inflections the rules rely on."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from marsad.attribution.lexicon import LexiconError, inflect_participle, inflect_past, inflect_present, load_lexicon
from marsad.settings import DATA_DIR, Settings
from marsad.text.normalize import normalize


@pytest.fixture(scope="module")
def lex():
    return load_lexicon(Settings())


def test_lexicon_files_are_documented_in_the_readme():
    readme = (DATA_DIR / "attribution" / "README.md").read_text(encoding="utf-8")
    for f in (DATA_DIR / "attribution").glob("*.tsv"):
        assert f.name in readme, f.name
        assert "Apache-2.0" in f.read_text(encoding="utf-8").split("\n", 3)[1] + readme


def test_inflections_of_a_sound_verb():
    assert inflect_past("اكد") == ["اكد", "اكدت", "اكدوا", "اكدتا"]
    assert inflect_present("يوكد") == ["يوكد", "توكد", "يوكدون"]
    assert inflect_participle("موكد") == ["موكدا", "موكده", "موكدين", "موكدون"]


def test_inflections_of_a_defective_verb():
    assert inflect_past(normalize("ادعى")) == ["ادعي", "ادعت", "ادعوا", "ادعتا"]
    assert "يدعون" in inflect_present("يدعي")
    assert inflect_participle("مدعي")[0] == "مدعيا"


@pytest.mark.parametrize("form, lemma, stance", [
    ("قالت", "قال", "neutral"), ("يقولون", "قال", "neutral"), ("قائلا", "قال", "neutral"),
    ("مؤكدة", "أكد", "affirming"), ("زاعما", "زعم", "doubting"), ("بزعم", "زعم", "doubting"),
    ("ادعت", "ادعى", "doubting"), ("بدعوى", "ادعى", "doubting"), ("متباهيا", "تباهى", "pejorative"),
    ("نفت", "نفى", "denying"), ("اعترفت", "اعترف", "conceding"), ("محذرا", "حذر", "warning"),
    ("واصفا", "وصف", "neutral"), ("معتبرة", "اعتبر", "neutral"),
])
def test_cue_forms(lex, form, lemma, stance):
    entry = lex.cues[normalize(form)]
    assert (entry.lemma, entry.stance) == (lemma, stance)


def test_every_lemma_is_listed_once(lex):
    rows = [l.split("\t")[0] for l in (DATA_DIR / "attribution" / "cues.tsv").read_text(encoding="utf-8").splitlines()
            if l and not l.startswith("#")]
    assert len(rows) == len(set(rows))


def test_phrases_labels_and_grammar_are_indexed(lex):
    assert any(p.role == "said_to" for p in lex.phrases["في"])
    assert lex.labels[normalize("دولة")][0].country == "ISR"
    assert normalize("أن") in lex.words("complementizer")
    assert "مصدر" in lex.unnamed


def test_a_bad_row_names_its_file_and_line(tmp_path: Path):
    for folder in ("attribution", "lexicon"):
        shutil.copytree(DATA_DIR / folder, tmp_path / folder)
    p = tmp_path / "attribution" / "cues.tsv"
    p.write_text(p.read_text(encoding="utf-8") + "قال\tcheerful\tspeech\tقال\tيقول\t-\t-\thand\t1\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"cues.tsv:\d+: unknown stance"):
        load_lexicon(Settings(data_dir=tmp_path))
