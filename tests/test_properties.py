"""Property-based: whatever the text, analysis either succeeds with a valid record or raises a
documented InputError; it never raises anything else."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.schema import problems
from marsad.text.read import read_bytes

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
MIXED = st.one_of(ARABIC, st.characters(), st.sampled_from(list(' \n\t."«»“”،؟!:-\u200f\u200e\u0640\ufeff\r')))


def analyze_or_input_error(nlp, text):
    try:
        doc = nlp(text)
    except InputError:
        return None
    record = doc.to_dict(tokens=True)
    assert problems(record) == []
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(MIXED, max_size=400))
def test_properties_random_mixed_script_text_never_crashes(nlp, text):
    analyze_or_input_error(nlp, text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["قال", "الرئيس", "إن", '"', "«", "»", "\n", "وأضاف:", "بـ", ".", "،", "إسرائيل",
                                 "أمس", "3.5", "د.", "  ", "\u200f", "ـ", "؟"]), max_size=80))
def test_properties_arabic_news_like_token_soup_gives_valid_records(nlp, words):
    analyze_or_input_error(nlp, " ".join(words))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=600))
def test_properties_random_bytes_give_text_or_an_input_error(data):
    try:
        read_bytes(data)
    except InputError:
        pass


def test_properties_a_five_megabyte_line_is_analyzed_or_refused_cleanly(nlp):
    line = ("قال الوزير إن المحادثات مثمرة وإن الجانبين اتفقا على مواصلة التنسيق، " * 80000)[:5_000_000]
    assert "\n" not in line
    try:
        doc = nlp(line)
    except InputError as exc:
        assert "over the limit" in str(exc)
        return
    assert doc.sentences and doc.tokens[-1].end <= len(doc.text)
