"""Function words: one data file, one loader, read by every stage."""
from __future__ import annotations

import pytest

from marsad.errors import ConfigError
from marsad.settings import DATA_DIR
from marsad.text.normalize import normalize
from marsad.text.words import load_function_words


def test_words_classes_hold_normalized_forms():
    words = load_function_words(DATA_DIR)
    assert normalize("على") in words.of("preposition")
    assert normalize("إلى") in words.of("preposition")
    assert "الذي" in words.of("relative") and "الذي" not in words.of("preposition")


def test_words_a_word_may_have_several_classes():
    assert {"conjunction", "complementizer"} <= load_function_words(DATA_DIR).classes_of("لأن")


def test_words_membership_folds_spelling():
    words = load_function_words(DATA_DIR)
    assert "إن" in words and "ان" in words and "دمشق" not in words


def test_words_an_unknown_class_is_an_error():
    with pytest.raises(ValueError, match="unknown function-word class"):
        load_function_words(DATA_DIR).of("adjective")


def test_words_a_malformed_file_is_a_config_error(tmp_path):
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "function_words.tsv").write_text("word\tclass\nفي\tpreposition\nعلى\tadverb\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="function_words.tsv:3"):
        load_function_words(tmp_path)
