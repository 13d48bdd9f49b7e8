import pytest

import marsad
from marsad.errors import ConfigError, EmptyInput, NotArabic
from marsad.pipeline import Record


def test_pipeline_refuses_a_misordered_configuration():
    with pytest.raises(ConfigError, match="needs"):
        marsad.load(components=("actors", "segment"))


def test_pipeline_refuses_a_stage_whose_input_no_earlier_stage_adds():
    # events read the entities and quotes; without actors they would silently code nothing
    with pytest.raises(ConfigError, match="events.*needs.*entities"):
        marsad.load(components=("segment", "events"))
    with pytest.raises(ConfigError, match="attribution.*needs.*entities"):
        marsad.load(components=("segment", "attribution"))


def test_pipeline_refuses_an_unknown_component():
    with pytest.raises(ConfigError, match="unknown pipeline component"):
        marsad.load(components=("segment", "sentiment"))


def test_pipeline_raises_input_errors_for_single_articles(nlp):
    with pytest.raises(EmptyInput):
        nlp("   ")
    with pytest.raises(NotArabic):
        nlp("The minister said talks were fruitful.")


def test_pipe_keeps_input_order_and_reports_bad_records_by_id(nlp):
    recs = [Record(text="وصل الرئيس إلى القاهرة.", id="r1"), Record(text="", id="r2"),
            {"id": "r3", "text": "غادر الوزير عمان."}]
    out = list(nlp.pipe(recs))
    assert out[0].id == "r1" and out[2].id == "r3"
    assert isinstance(out[1], EmptyInput) and out[1].record_id == "r2"


def test_pipe_with_two_processes_equals_one(nlp, seed_text):
    recs = [Record(text=seed_text, id="seed"), Record(text="وصل الرئيس إلى القاهرة.", id="r2"),
            Record(text="no arabic here", id="bad")] * 2
    one = [d.to_dict() if hasattr(d, "to_dict") else str(d) for d in nlp.pipe(recs)]
    two = [d.to_dict() if hasattr(d, "to_dict") else str(d) for d in nlp.pipe(recs, n_process=2)]
    assert one == two
