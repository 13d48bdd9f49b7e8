"""The ingest: idempotent by content hash, near-duplicates linked, bad inputs recorded, never fatal."""
from __future__ import annotations

import json

import pytest

from marsad.store import db, queries
from marsad.store.ingest import ingest

JORDAN = ("قال وزير الخارجية الأردني أيمن الصفدي إن بلاده ترفض أي محاولة لتهجير الفلسطينيين من قطاع غزة، "
          "مؤكدا أن عمان ستواصل جهودها الدبلوماسية مع الشركاء الأوروبيين لوقف الحرب.")
RUSSIA = ("أعلنت وزارة الدفاع الروسية اليوم الاثنين أن دفاعاتها الجوية أسقطت طائرتين مسيرتين حاولتا مهاجمة "
          "قاعدة حميميم الجوية في ريف اللاذقية غربي سوريا. وأضافت الوزارة في بيان أن الهجوم لم يسفر عن "
          "إصابات أو أضرار في معدات القاعدة، وأن الطائرتين أطلقتا من منطقة خفض التصعيد في إدلب. "
          "ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن، فيما تتهم موسكو فصائل المعارضة المسلحة بتكرار "
          "هذه الهجمات على القاعدة منذ مطلع العام.")
# The same wire story as RUSSIA, re-published by another outlet with a changed last sentence.
RUSSIA_AGAIN = RUSSIA.replace("منذ مطلع العام.", "خلال الأشهر الماضية بحسب مصادر عسكرية روسية.")
TURKEY = ("استقبل الرئيس التركي رجب طيب أردوغان في أنقرة رئيس الوزراء العراقي، وبحث الجانبان ملفات المياه "
          "والأمن على الحدود المشتركة والتبادل التجاري بين البلدين.")


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path):
    return write_jsonl(tmp_path / "news.jsonl", [
        {"id": "jo-1", "text": JORDAN, "source": "Petra", "published": "2024-02-05"},
        {"id": "ru-1", "text": RUSSIA, "source": "RT Arabic", "published": "2024-02-05"},
        {"id": "jo-1-copy", "text": JORDAN, "source": "Roya", "published": "2024-02-06"},
        {"id": "ru-2", "text": RUSSIA_AGAIN, "source": "Sputnik", "published": "2024-02-05"},
        {"id": "tr-1", "text": TURKEY, "source": "Anadolu", "published": "Tue, 06 Feb 2024 10:00:00 +0300"},
    ])


def test_store_ingest_same_text_twice_is_one_article_with_two_sources(tmp_path, corpus, nlp):
    store = tmp_path / "m.duckdb"
    report = ingest([corpus], store, nlp=nlp)
    con = db.connect(store, read_only=True)
    assert report.articles == 4 and report.exact_duplicates == 1
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    sources = con.execute("SELECT record_id, publisher FROM sources WHERE article_id = 'jo-1' ORDER BY locator").fetchall()
    assert sources == [("jo-1", "Petra"), ("jo-1-copy", "Roya")]


def test_store_ingest_second_run_adds_nothing(tmp_path, corpus, nlp):
    store = tmp_path / "m.duckdb"
    ingest([corpus], store, nlp=nlp)
    before = db.snapshot(db.connect(store, read_only=True))
    again = ingest([corpus], store, nlp=nlp)
    assert again.articles == 0 and again.sources == 0 and again.already_done == 5
    assert db.snapshot(db.connect(store, read_only=True)) == before


def test_store_ingest_links_near_duplicate_and_counts_it_once(tmp_path, corpus, nlp):
    store = tmp_path / "m.duckdb"
    report = ingest([corpus], store, nlp=nlp)
    con = db.connect(store, read_only=True)
    assert report.near_duplicates == 1
    dup, sim = con.execute("SELECT duplicate_of, similarity FROM articles WHERE id = 'ru-2'").fetchone()
    assert dup == "ru-1" and sim >= 0.5
    assert con.execute("SELECT duplicate_of FROM articles WHERE id = 'tr-1'").fetchone()[0] is None
    listed = {a["id"] for a in queries.list_articles(con)}
    assert "ru-2" not in listed and "ru-1" in listed
    assert queries.get_article(con, "ru-1")["near_duplicates"][0]["id"] == "ru-2"


def test_store_ingest_reports_bad_inputs_per_file_and_goes_on(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"id": "ok", "text": TURKEY}, ensure_ascii=False) + "\n"
                                    '{"id": "broken", "text": \n'
                                    + json.dumps({"id": "english", "text": "The minister said nothing new."}) + "\n",
                                    encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "b.txt").write_bytes(b"\x80\x89\x8b\x99\xa9 " * 40)  # no encoding reads it as Arabic
    (folder / "empty.jsonl").write_bytes(b"\n\n")
    store = tmp_path / "m.duckdb"
    report = ingest([folder], store, nlp=nlp)
    con = db.connect(store, read_only=True)
    assert report.articles == 1
    failed = {(o.rsplit("/", 1)[1], loc): stage for o, loc, stage in
              con.execute("SELECT origin, locator, stage FROM failures").fetchall()}
    assert failed == {("a.jsonl", 2): "read", ("a.jsonl", 3): "analyze", ("empty.txt", 0): "read",
                      ("b.txt", 0): "read", ("empty.jsonl", 0): "read"}
    assert set(report.problems) == {str((folder / n).resolve()) for n in ("a.jsonl", "empty.txt", "b.txt", "empty.jsonl")}
    assert "not valid JSON" in report.problems[str((folder / "a.jsonl").resolve())][0]


def test_store_ingest_reads_text_html_and_feed_files_in_a_folder(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(JORDAN, encoding="utf-8")
    (folder / "two.html").write_text(
        "<html><head><title>أردوغان يستقبل السوداني</title></head><body><article><h1>أردوغان يستقبل السوداني</h1>"
        f"<p>{TURKEY}</p><p>{TURKEY.replace('أنقرة', 'إسطنبول')}</p></article></body></html>", encoding="utf-8")
    (folder / "feed.rss").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>وكالة الأنباء</title>'
        f"<item><title>مسيرات فوق حميميم</title><link>https://example.org/a</link><description>{RUSSIA}</description>"
        "<pubDate>Mon, 05 Feb 2024 09:00:00 +0000</pubDate></item></channel></rss>", encoding="utf-8")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    store = tmp_path / "m.duckdb"
    report = ingest([folder], store, nlp=nlp)
    con = db.connect(store, read_only=True)
    assert report.articles == 3 and report.failed == 0
    feed = con.execute("SELECT publisher, url, published_date FROM articles WHERE url = 'https://example.org/a'").fetchone()
    assert feed[0] == "وكالة الأنباء" and str(feed[2]) == "2024-02-05"


def test_store_ingest_reads_a_json_array_of_records(tmp_path, nlp):
    src = tmp_path / "batch.json"
    src.write_text(json.dumps([{"id": "a", "text": JORDAN}, {"id": "b"}, {"id": "c", "text": TURKEY}],
                              ensure_ascii=False), encoding="utf-8")
    store = tmp_path / "m.duckdb"
    report = ingest([src], store, nlp=nlp)
    assert report.articles == 2 and report.failed == 1
    assert "record 2" in report.problems[str(src.resolve())][0]


def test_store_ingest_keeps_a_new_text_under_a_taken_id_apart(tmp_path, nlp):
    a = write_jsonl(tmp_path / "a.jsonl", [{"id": "n-1", "text": JORDAN}])
    b = write_jsonl(tmp_path / "b.jsonl", [{"id": "n-1", "text": TURKEY}])
    store = tmp_path / "m.duckdb"
    ingest([a, b], store, nlp=nlp)
    ids = sorted(r[0] for r in db.connect(store, read_only=True).execute("SELECT id FROM articles").fetchall())
    assert ids[0] == "n-1" and ids[1].startswith("n-1~") and len(ids) == 2


def test_store_ingest_every_row_points_into_its_article_text(tmp_path, corpus, nlp):
    store = tmp_path / "m.duckdb"
    ingest([corpus], store, nlp=nlp)
    con = db.connect(store, read_only=True)
    checks = {"mentions": ("start_char", "end_char", "text"), "quotes": ("start_char", "end_char", "text"),
              "events": ("trigger_start", "trigger_end", "trigger_text"), "framing": ("start_char", "end_char", "text")}
    seen = 0
    for table, (s, e, t) in checks.items():
        rows = con.execute(f"SELECT a.text, x.{s}, x.{e}, x.{t}, x.pipeline_version FROM {table} x "
                           "JOIN articles a ON a.id = x.article_id").fetchall()
        for text, start, end, span, version in rows:
            assert text[start:end] == span and version.startswith("marsad ")
            seen += 1
    assert seen > 0
    # The stored record is the document record itself.
    rec = json.loads(con.execute("SELECT record FROM articles WHERE id = 'tr-1'").fetchone()[0])
    assert rec["schema"] == "marsad/document@1" and rec["id"] == "tr-1" and rec["meta"]["publisher"] == "Anadolu"


def test_store_ingest_two_workers_give_the_rows_of_one(tmp_path, corpus, nlp):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest([corpus], one, workers=1, batch_size=2, nlp=nlp)
    ingest([corpus], two, workers=2, batch_size=3)
    assert db.snapshot(db.connect(one, read_only=True)) == db.snapshot(db.connect(two, read_only=True))


def test_store_ingest_a_file_named_twice_is_read_once(tmp_path, corpus, nlp):
    store = tmp_path / "m.duckdb"
    report = ingest([corpus, corpus.parent], store, nlp=nlp)
    assert report.articles == 4 and report.already_done == 5
    assert db.connect(store, read_only=True).execute("SELECT count(*) FROM sources").fetchone()[0] == 5


def test_store_ingest_records_a_missing_path_as_a_failure(tmp_path, nlp):
    # Bad inputs are skipped, a path that does not exist too (issue 15): recorded, never an abort.
    report = ingest([tmp_path / "nowhere.jsonl"], tmp_path / "m.duckdb", nlp=nlp)
    assert report.failed == 1 and report.problems == {
        str((tmp_path / "nowhere.jsonl").resolve()): ["cannot read (no such file or folder)"]}


class _StageBug:
    """A pipeline whose stage has a bug for one article."""

    def __init__(self, nlp):
        self.nlp, self.settings = nlp, nlp.settings

    def __call__(self, text, **meta):
        if "أردوغان" in text:
            raise RuntimeError("index out of range in a stage")
        return self.nlp(text, **meta)


def test_store_ingest_a_stage_bug_fails_one_article_not_the_run(tmp_path, corpus, nlp):
    store = tmp_path / "m.duckdb"
    report = ingest([corpus], store, nlp=_StageBug(nlp))
    assert report.articles == 3 and report.failed == 1
    reason = db.connect(store, read_only=True).execute("SELECT reason FROM failures").fetchone()[0]
    assert reason == "internal error: RuntimeError: index out of range in a stage"


def test_store_ingest_max_chars_records_a_long_article_as_a_failure(tmp_path):
    import json as _json
    import subprocess
    import sys
    src = tmp_path / "in.jsonl"
    src.write_text(_json.dumps({"id": "long", "text": "قال الوزير إن المحادثات كانت صريحة وبناءة. " * 60},
                               ensure_ascii=False) + "\n" +
                   '{"id": "short", "text": "غادر وزير الخارجية الأردني عمان متوجها إلى القاهرة."}\n', encoding="utf-8")
    store = tmp_path / "m.duckdb"
    out = subprocess.run([sys.executable, "-m", "marsad.cli", "ingest", str(src), "--db", str(store), "--workers", "1",
                          "--max-chars", "1000"], capture_output=True, timeout=300)
    assert out.returncode == 0, out.stderr.decode()
    con = db.connect(store, read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    reason = con.execute("SELECT reason FROM failures").fetchone()[0]
    assert "over the limit of 1,000" in reason
