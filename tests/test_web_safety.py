"""Safety of the web UI: hostile article text renders as text, the store is read-only, request
bodies are capped, responses carry a strict content policy, and `marsad serve` stays on loopback
unless told otherwise and refuses bad options with one line."""
from __future__ import annotations

import pytest

from test_web_corpus import HOSTILE_IMG, HOSTILE_SCRIPT, build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("web-safety") / "corpus.duckdb")


@pytest.fixture(scope="module")
def client(store):
    from fastapi.testclient import TestClient

    from marsad.web.app import WebSettings, create_app
    with TestClient(create_app(WebSettings(db=store, max_body_bytes=200_000, max_analyze_chars=5_000))) as c:
        yield c


def test_web_safety_hostile_article_page_has_no_markup_from_the_article(client):
    html = client.get("/articles/hostile").text
    assert HOSTILE_SCRIPT not in html and "<img" not in html and "onerror=\"window" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "<svg onload" not in html
    # The only scripts are the app's own files and JSON data blocks.
    import re
    assert set(re.findall(r"<script([^>]*)>", html)) <= {' type="application/json" id="card-data"',
                                                         ' src="/static/article.js" defer'}


def test_web_safety_card_data_cannot_close_its_script_element(client):
    html = client.get("/articles/hostile").text
    blob = html.split('id="card-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in blob and ">" not in blob
    assert "\\u003cimg src=x" in blob


def test_web_safety_hostile_strings_in_lists_are_escaped(client):
    for page in ("/articles", "/quotes", "/actors?type=PER", "/events", "/"):
        html = client.get(page).text
        assert "<img" not in html and "<script>window" not in html, page


def test_web_safety_javascript_source_url_is_not_a_link(client):
    html = client.get("/articles/hostile").text
    assert 'href="javascript:' not in html


def test_web_safety_hostile_text_survives_the_json_api_unchanged(client):
    rec = client.get("/api/articles/hostile").json()
    assert HOSTILE_SCRIPT in rec["text"] and HOSTILE_IMG in rec["text"]


def test_web_safety_responses_carry_a_strict_content_security_policy(client):
    r = client.get("/articles/hostile")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_web_safety_quote_filter_input_is_a_parameter_not_sql(client):
    r = client.get("/api/quotes", params={"speaker": "' OR 1=1 --", "outlet": "x'); DROP TABLE quotes; --"})
    assert r.status_code == 200 and r.json()["quotes"] == []
    assert client.get("/api/stats").json()["stats"]["quotes"] == 11


def test_web_safety_store_connection_is_read_only(store):
    from marsad.web.app import Services, WebSettings
    services = Services(WebSettings(db=store))
    try:
        import duckdb
        with pytest.raises(duckdb.Error):
            services.cursor().execute("DELETE FROM quotes")
    finally:
        services.close()


def test_web_safety_oversized_request_body_is_refused_with_413(client):
    r = client.post("/api/analyze", content=b'{"text": "' + "ا".encode() * 150_000 + b'"}',
                    headers={"content-type": "application/json"})
    assert r.status_code == 413 and "200,000 bytes" in r.json()["error"]


def test_web_safety_oversized_chunked_body_is_refused_with_413(client):
    def chunks():
        for _ in range(50):
            yield b"x" * 10_000
    r = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_web_safety_analyze_text_past_the_limit_gets_a_clear_message(client):
    r = client.post("/analyze", data={"text": "خبر " * 2_000})
    assert r.status_code == 413
    assert "5,000" in r.text and "marsad analyze" in r.text


def test_web_safety_analyze_limit_above_the_pipeline_default_is_honoured():
    """`serve --max-analyze-chars` above the pipeline's own default analyzes what it lets in."""
    from fastapi.testclient import TestClient

    from marsad.settings import Settings
    from marsad.web.app import WebSettings, create_app
    text = "وصل وزير الخارجية الأردني إلى دمشق اليوم لبحث ملف اللاجئين. " * 40   # 2,440 characters
    web = WebSettings(max_analyze_chars=3_000, pipeline=Settings(max_chars=2_000))
    with TestClient(create_app(web)) as c:
        r = c.post("/api/analyze", json={"text": text})
    assert r.status_code == 200, r.text
    assert r.json()["text"].startswith("وصل وزير الخارجية")


def test_web_safety_analyze_page_escapes_pasted_markup(client):
    text = f"قال المسؤول {HOSTILE_SCRIPT} إن الاجتماع انتهى {HOSTILE_IMG}."
    html = client.post("/analyze", data={"text": text}).text
    assert HOSTILE_SCRIPT not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_web_safety_serve_listens_on_loopback_by_default():
    from marsad.cli import build_parser
    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000


def test_web_safety_serve_refuses_a_missing_store_in_one_line(tmp_path, capsys):
    from marsad.cli import main
    assert main(["serve", "--db", str(tmp_path / "absent.duckdb")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("marsad: ") and "no such store" in err and "\n" not in err


def test_web_safety_serve_refuses_a_bad_port_in_one_line(store, capsys):
    from marsad.cli import main
    assert main(["serve", "--db", str(store), "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err


def test_web_safety_serve_refuses_a_file_that_is_not_a_store(tmp_path, capsys):
    from marsad.cli import main
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("هذا ليس مخزنا")
    assert main(["serve", "--db", str(bogus)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("marsad: ") and "\n" not in err


def test_web_safety_oversized_upload_from_the_analyze_page_gets_a_page(client):
    r = client.post("/analyze", files={"file": ("big.txt", "خبر ".encode() * 60_000)})
    assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
    assert "200,000" in r.text


def test_web_safety_a_bug_gives_a_one_line_500_not_a_traceback(store, monkeypatch):
    from fastapi.testclient import TestClient

    from marsad.store import queries
    from marsad.web.app import WebSettings, create_app

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(queries, "relations_graph", broken)
    with TestClient(create_app(WebSettings(db=store)), raise_server_exceptions=False) as c:
        r = c.get("/api/relations")
        assert r.status_code == 500 and r.json() == {
            "error": "internal error (ZeroDivisionError); the server log has the details",
            "error_ar": "خطأ داخلي في الخادم؛ سجلّ الخادم فيه التفاصيل."}
        page = c.get("/relations")
        assert page.status_code == 500 and "Traceback" not in page.text and "ZeroDivisionError" in page.text


def test_web_safety_serve_refuses_a_port_in_use_in_one_line(store, capsys):
    import socket

    from marsad.cli import main
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert main(["serve", "--db", str(store), "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("marsad: cannot listen on 127.0.0.1:") and "\n" not in err


def test_web_safety_analyze_result_embeds_its_record_safely(client):
    text = f"قال المسؤول {HOSTILE_SCRIPT} إن الاجتماع انتهى."
    html = client.post("/analyze", data={"text": text}).text
    blob = html.split('id="record-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in blob and "\\u003cscript\\u003e" in blob
    import json
    assert json.loads(blob)["text"] == text


def test_web_safety_serve_refuses_no_workers_in_one_line(store, capsys):
    from marsad.cli import main
    assert main(["serve", "--db", str(store), "--workers", "0"]) == 2
    assert "--workers must be 1 or more" in capsys.readouterr().err
