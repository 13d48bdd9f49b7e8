"""The corpus commands: tables, --json, --csv, one-line errors."""
from __future__ import annotations

import json

from marsad.cli import main
from test_store_queries import build_store


def test_store_cli_events_as_json(tmp_path, capsys):
    build_store(tmp_path / "c.duckdb").close()
    assert main(["events", "--db", str(tmp_path / "c.duckdb"), "--dyad", "ISR-AZE", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert [(e["source_country"], e["target_country"], e["cameo"]) for e in events] == [("ISR", "AZE", "042")]


def test_store_cli_relations_as_csv(tmp_path, capsys):
    build_store(tmp_path / "c.duckdb").close()
    assert main(["relations", "--db", str(tmp_path / "c.duckdb"), "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("source,target,n_events,quad1") and len(lines) == 3


def test_store_cli_quotes_as_a_table(tmp_path, capsys):
    build_store(tmp_path / "c.duckdb").close()
    assert main(["quotes", "--db", str(tmp_path / "c.duckdb"), "--stance", "pejorative"]) == 0
    out = capsys.readouterr().out
    assert "حماس" in out and "quotes: 1-1 of 1" in out


def test_store_cli_actors_most_quoted(tmp_path, capsys):
    build_store(tmp_path / "c.duckdb").close()
    assert main(["actors", "--db", str(tmp_path / "c.duckdb"), "--by", "quotes", "--json", "--limit", "1"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["n_quotes"] == 1


def test_store_cli_missing_store_is_a_one_line_error(tmp_path, capsys):
    assert main(["quotes", "--db", str(tmp_path / "none.duckdb")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such store" in err


def test_store_cli_bad_dyad_is_a_one_line_error(tmp_path, capsys):
    build_store(tmp_path / "c.duckdb").close()
    assert main(["events", "--db", str(tmp_path / "c.duckdb"), "--dyad", "ISRAZE"]) == 2
    assert "dyad" in capsys.readouterr().err


def test_store_cli_export_gdelt_to_a_file(tmp_path, capsys):
    build_store(tmp_path / "c.duckdb").close()
    out = tmp_path / "events.csv"
    assert main(["export", "gdelt", str(out), "--db", str(tmp_path / "c.duckdb")]) == 0
    assert out.read_text(encoding="utf-8").startswith("GLOBALEVENTID,SQLDATE,")
    assert "wrote 2 events" in capsys.readouterr().err


def test_store_cli_ingest_prints_a_summary(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("أعلنت الحكومة المغربية اليوم عن خطة جديدة لدعم المزارعين المتضررين من الجفاف.", encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(tmp_path / "i.duckdb"), "--workers", "1"]) == 0
    assert "1 new articles" in capsys.readouterr().err
