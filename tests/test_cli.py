"""The command line as a user runs it: a real subprocess, real files."""
import json
import subprocess
import sys

import pytest

from marsad.schema import problems


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], input=stdin, capture_output=True, timeout=300)


def test_cli_analyze_json_prints_a_valid_record_with_the_repairs(repo_dir):
    out = run("analyze", "--json", "--publisher", "Arabi21", str(repo_dir / "examples" / "seed.txt"))
    assert out.returncode == 0, out.stderr.decode()
    record = json.loads(out.stdout)
    assert problems(record) == []
    assert sum(r["kind"] == "joined_line" for r in record["repairs"]) == 3
    assert record["meta"]["publisher"] == "Arabi21"


def test_cli_windows_1256_file_gives_the_same_record(tmp_path, seed_text, repo_dir):
    p = tmp_path / "seed-1256.txt"
    p.write_bytes(seed_text.encode("cp1256"))
    a = run("analyze", "--json", str(p))
    b = run("analyze", "--json", str(repo_dir / "examples" / "seed.txt"))
    assert a.returncode == 0 and json.loads(a.stdout) == json.loads(b.stdout)


def test_cli_reads_standard_input():
    out = run("analyze", "--json", "-", stdin="قال الوزير إن المحادثات مثمرة.".encode())
    assert out.returncode == 0 and json.loads(out.stdout)["text"] == "قال الوزير إن المحادثات مثمرة."


@pytest.mark.parametrize("content,message", [
    (b"", "is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
    ("Le président a rencontré son homologue mardi à Paris.".encode(), "no Arabic script"),
    (bytes(range(128, 256)) * 8, "encoding"),
])
def test_cli_bad_input_exits_2_with_one_line(tmp_path, content, message):
    p = tmp_path / "input.bin"
    p.write_bytes(content)
    out = run("analyze", "--json", str(p))
    err = out.stderr.decode().strip()
    assert out.returncode == 2
    assert message in err and "\n" not in err and "Traceback" not in err


def test_cli_missing_file_exits_2():
    out = run("analyze", "/nonexistent/article.txt")
    assert out.returncode == 2 and "cannot read" in out.stderr.decode()


def test_cli_html_page_is_analyzed_by_its_body(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><title>خبر</title></head><body><nav>الرئيسية رياضة اقتصاد</nav><article>"
                 "<p>وصل وزير الخارجية الأردني إلى دمشق اليوم في أول زيارة منذ سنوات لبحث ملف اللاجئين.</p>"
                 "<p>وقال الوزير إن المحادثات كانت صريحة وبناءة.</p></article></body></html>", encoding="utf-8")
    out = run("analyze", "--json", str(p))
    record = json.loads(out.stdout)
    assert record["text"].startswith("وصل وزير الخارجية الأردني") and "الرئيسية" not in record["text"]


def test_cli_jsonl_batch_skips_bad_records_by_id_and_keeps_order(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text('{"id": "a", "text": "وصل الرئيس إلى القاهرة."}\n{"id": "b", "text": "English only"}\n'
                 'garbage\n{"id": "c", "text": "غادر الوزير عمان."}\n', encoding="utf-8")
    out = run("analyze", "--jsonl", str(p))
    assert out.returncode == 0
    ids = [json.loads(line)["id"] for line in out.stdout.decode().splitlines()]
    assert ids == ["a", "c"]
    err = out.stderr.decode()
    assert "record b" in err and "batch.jsonl:3" in err and "2 analyzed, 2 skipped" in err


def test_cli_jsonl_reads_standard_input_and_names_its_bad_lines():
    lines = '{"id": "a", "text": "وصل الرئيس إلى القاهرة."}\ngarbage\n{"id": "c", "text": "غادر الوزير عمان."}\n'
    out = run("analyze", "--jsonl", "-", stdin=lines.encode())
    assert out.returncode == 0
    assert [json.loads(line)["id"] for line in out.stdout.decode().splitlines()] == ["a", "c"]
    assert "stdin:2" in out.stderr.decode() and "2 analyzed, 1 skipped" in out.stderr.decode()
    assert run("analyze", "--jsonl", stdin=lines.encode()).stdout == out.stdout   # no file: stdin


def test_cli_readable_view_lists_sentences(repo_dir):
    out = run("analyze", str(repo_dir / "examples" / "seed.txt"))
    assert out.returncode == 0 and "9 sentences" in out.stdout.decode()


def test_cli_max_chars_skips_a_long_article_by_its_id_and_goes_on(tmp_path):
    long_text = "قال وزير الخارجية إن المحادثات مع الجانب الإيراني كانت صريحة. " * 40   # 2,520 characters
    p = tmp_path / "batch.jsonl"
    p.write_text(json.dumps({"id": "long", "text": long_text}, ensure_ascii=False) + "\n"
                 '{"id": "short", "text": "غادر الوزير عمان متوجها إلى القاهرة."}\n', encoding="utf-8")
    out = run("analyze", "--jsonl", "--max-chars", "2000", str(p))
    assert out.returncode == 0
    assert [json.loads(line)["id"] for line in out.stdout.decode().splitlines()] == ["short"]
    err = out.stderr.decode()
    assert "record long" in err and "over the limit of 2,000" in err and "1 analyzed, 1 skipped" in err
    both = run("analyze", "--jsonl", str(p))   # the default limit takes both
    assert len(both.stdout.decode().splitlines()) == 2


def test_cli_max_chars_must_be_positive(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"id": "a", "text": "غادر الوزير عمان."}\n', encoding="utf-8")
    out = run("analyze", "--jsonl", "--max-chars", "0", str(p))
    assert out.returncode == 2 and out.stderr.decode().strip() == "marsad: --max-chars must be 1 or more"
