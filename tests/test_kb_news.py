"""Entries grown from the news: their provenance, their frequency bar, and what they link on real sentences."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.kb import load_kb, read_kb_file
from marsad.settings import Settings

KB_DIR = Settings().data_dir / "kb"
SOURCE_RE = re.compile(r"^(?:mined:|candidate from snn-news; |universalpetrarch-ar candidate; )"
                       r"ant-news count=(\d+); reviewed$")
MIN_ANT_MENTIONS = 8


@pytest.fixture(scope="module")
def kb():
    return load_kb(Settings())


def _grown():
    for path in sorted(KB_DIR.glob("*.jsonl")):
        for e in read_kb_file(path):
            if e.source:
                yield e


def test_grown_entries_state_their_source_in_the_documented_form():
    grown = list(_grown())
    assert len(grown) >= 600
    for e in grown:
        assert SOURCE_RE.match(e.source), (e.id, e.source)


def test_grown_entries_earn_their_place_by_frequency():
    # at least 8 mentions in the ANT corpus, or (officials of 2015) a SaudiNewsNet candidate
    for e in _grown():
        count = int(SOURCE_RE.match(e.source).group(1))
        assert count >= MIN_ANT_MENTIONS or e.source.startswith("candidate from snn-news"), (e.id, count)


def test_grown_entries_are_in_the_curated_files_only():
    for e in _grown():
        assert e.file in ("people.jsonl", "orgs.jsonl", "places.jsonl", "media.jsonl"), (e.id, e.file)


@pytest.mark.parametrize("surface, kb_id", [
    ("أنطوان غريزمان", "per:antoine-griezmann"),
    ("خديجة جنكيز", "per:hatice-cengiz"),
    ("ستورمي دانييلز", "per:stormy-daniels"),
    ("ستيفاني كليفورد", "per:stormy-daniels"),     # the same person under her legal name
    ("الهيئة العليا المستقلة للانتخابات", "org:isie"),
    ("منظمة حظر الأسلحة الكيمياوية", "org:opcw"),
    ("الدريهمي", "loc:district:ad-durayhimi"),
    ("قاعدة العديد", "loc:site:al-udeid"),
    ("سالزبري", "loc:city:salisbury"),
    ("سالزبوري", "loc:city:salisbury"),
    ("مطار التيفور", "loc:site:t4-airbase"),
])
def test_grown_entries_are_found_under_the_spellings_the_news_uses(kb, surface, kb_id):
    assert kb_id in [e.id for e in kb.lookup(surface)], surface


def test_grown_people_hold_their_offices_at_the_right_dates(kb):
    assert [e.id for e in kb.holders("interior_minister", "TUN", "2017-01-01")] == ["per:hedi-majdoub"]
    assert [e.id for e in kb.holders("foreign_minister", "JPN", "2018-05-01")] == ["per:taro-kono"]
    assert [e.id for e in kb.holders("head_of_state", "COL", "2018-06-01")] == ["per:juan-manuel-santos"]
    assert [e.id for e in kb.holders("head_of_state", "COL", "2018-09-01")] == ["per:ivan-duque"]
    assert [e.id for e in kb.holders("group_leader", org="org:fifa", date="2018-06-14")] == ["per:gianni-infantino"]


def test_gazetteer_town_overridden_by_a_curated_place_appears_once(kb):
    # Jendouba was a generated town with a population weight and a weak mark; the reviewed entry replaces it
    e = kb.get("loc:city:jendouba")
    assert e.file == "places.jsonl" and not e.weak and e.weight >= 4
    generated = [e.id for e in read_kb_file(KB_DIR / "cities.jsonl")]
    assert "loc:city:jendouba" not in generated


def test_famous_one_word_names_are_prominent_enough_to_link_alone(kb):
    # the linker drops a frequent one-word person name below weight 5 (7 for very frequent words)
    for surface in ("نيمار", "ميسي", "كيم"):
        assert kb.lookup(surface)[0].weight >= 7, surface


def test_stage_links_a_minister_from_the_news(nlp_actors):
    doc = nlp_actors("قال وزير الداخلية التونسي الهادي مجدوب إن الوضع الأمني مستقر.", published="2017-03-01")
    linked = {e.kb_id for e in doc.entities}
    assert "per:hedi-majdoub" in linked


def test_stage_links_a_respelled_name(nlp_actors):
    # ترمب and سكريبل are spellings the rules generate (ترامب، سكريبال)
    doc = nlp_actors("وقال الرئيس دونالد ترمب إن تسميم الجاسوس سيرغي سكريبل عمل خطير.", published="2018-03-20")
    linked = {e.kb_id for e in doc.entities}
    assert {"per:donald-trump", "per:sergei-skripal"} <= linked


@pytest.fixture(scope="module")
def nlp_actors():
    import marsad
    return marsad.load(components=("segment", "actors"))


def test_coverage_script_reports_name_tokens(tmp_path: Path, repo_dir):
    corpus = tmp_path / "two.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (
        {"id": "a", "text": "قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن روسيا سترد."},
        {"id": "b", "text": "التقى الرئيس إيمانويل ماكرون رئيس الوزراء البريطانية تيريزا ماي في باريس."},
    )) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(repo_dir / "scripts" / "kb_coverage.py"), "--corpus", str(corpus),
                          "--every", "1", "--dump", str(tmp_path / "d.jsonl")], capture_output=True, text=True, check=True)
    assert "articles 2" in out.stdout
    m = re.search(r"name tokens (\d+), linked (\d+) \(coverage ([\d.]+)%\)", out.stdout)
    assert m and int(m.group(1)) >= 6 and int(m.group(2)) >= 6
    cmp = subprocess.run([sys.executable, str(repo_dir / "scripts" / "kb_coverage.py"), "--compare",
                          str(tmp_path / "d.jsonl"), str(tmp_path / "d.jsonl")], capture_output=True, text=True, check=True)
    assert "newly linked 0" in cmp.stdout


def test_coverage_script_refuses_a_missing_corpus(tmp_path: Path, repo_dir):
    out = subprocess.run([sys.executable, str(repo_dir / "scripts" / "kb_coverage.py"), "--corpus",
                          str(tmp_path / "none.jsonl")], capture_output=True, text=True)
    assert out.returncode != 0 and "not found" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.slow
def test_stated_counts_match_the_corpus(shared_dir, repo_dir):
    """Every `ant-news count=N` in a source is what scripts/kb_counts.py recomputes from the corpus."""
    out = subprocess.run([sys.executable, str(repo_dir / "scripts" / "kb_counts.py"), "--check", "--corpus",
                          str(shared_dir / "corpus" / "unlabeled" / "ant-news.jsonl.gz")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-2000:]
