"""The event data files: the CAMEO table and the Arabic event lexicon are valid and consistent."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.events.cameo import load_cameo, quad_class
from marsad.events.lexicon import load_lexicon, parse_entry
from marsad.events.patterns import load_modality, load_slot_words
from marsad.settings import Settings


@pytest.fixture(scope="module")
def cameo():
    return load_cameo(Settings())


@pytest.fixture(scope="module")
def index():
    return load_lexicon(Settings())


def test_events_cameo_table_has_all_twenty_roots(cameo):
    assert {f"{r:02d}" for r in range(1, 21)} <= set(cameo.codes)


def test_events_cameo_quad_class_follows_root():
    assert [quad_class(c) for c in ("042", "057", "064", "112", "141", "163", "195", "204")] == [1, 1, 2, 3, 3, 4, 4, 4]


def test_events_cameo_goldstein_in_range(cameo):
    assert all(-10 <= c.goldstein <= 10 for c in cameo.codes.values())


def test_events_every_pattern_code_is_in_the_cameo_table(index, cameo):
    missing = [(p.line, p.cameo) for p in index.patterns if p.pos != "light" and p.cameo not in cameo]
    assert missing == []


def test_events_patterns_cover_all_twenty_roots(index):
    roots = {p.cameo[:2] for p in index.patterns if p.pos != "light"}
    assert {f"{r:02d}" for r in range(1, 21)} <= roots


def test_events_no_form_gives_two_codes_under_the_same_condition(index):
    clashes = []
    for form, hits in index.forms.items():
        by_condition = defaultdict(set)
        for h in hits:
            by_condition[(h.pattern.pos, h.pattern.with_words)].add(h.pattern.cameo)
        clashes += [(form, codes) for codes in by_condition.values() if len(codes) > 1]
    assert clashes == []


def test_events_no_duplicate_lexicon_entries():
    path = Path(Settings().data_dir) / "events" / "lexicon.tsv"
    lines = [tuple(l.split("\t")[:6]) for l in path.read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    assert len(lines) == len(set(lines))


def test_events_verb_inflections_are_generated(index):
    for form in ("اتهم", "اتهمت", "يتهم", "تتهمان", "يتهمون", "اتهموه", "اتهمها"):
        assert any(h.pattern.cameo == "112" for h in index.forms.get(form, [])), form


def test_events_noun_forms_take_article_and_pronouns(index):
    for form in ("الزياره", "زيارته", "زيارات", "الغارات"):
        assert index.forms.get(form), form


def test_events_first_person_forms_are_marked(index):
    assert any(h.first_person for h in index.forms["زرنا"])
    assert not any(h.first_person for h in index.forms["زار"])


def test_events_bad_lexicon_line_is_a_config_error():
    with pytest.raises(ConfigError):
        parse_entry(["042", "زار", "verb"], 1, "lexicon.tsv")   # a hollow verb needs its present: زار/يزور
    with pytest.raises(ConfigError):
        parse_entry(["042", "زيارة", "nown"], 1, "lexicon.tsv")


def test_events_modality_and_slot_words_load():
    assert load_modality(Settings()).by_word["لم"] == "negated"
    assert "نحن" in load_slot_words(Settings()).first_person
