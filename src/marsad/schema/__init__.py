"""The JSON Schema of the document record, and a validator that also checks the offset invariant."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def document_schema() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("document.schema.json").read_text(encoding="utf-8"))


def record_spans(record: dict[str, Any]):
    """(where, start, end, text) for every span of a document record."""
    for e in record.get("entities", []):
        for m in e.get("mentions", []):
            yield f"entity {e['id']} mention", m["start"], m["end"], m["text"]
    for q in record.get("quotes", []):
        yield f"quote {q['id']}", q["start"], q["end"], q["text"]
        if q.get("cue"):
            yield f"quote {q['id']} cue", q["cue"]["start"], q["cue"]["end"], q["cue"]["text"]
    for v in record.get("events", []):
        yield f"event {v['id']} trigger", v["trigger"]["start"], v["trigger"]["end"], v["trigger"]["text"]
    for f in record.get("framing", []):
        yield f"framing {f['kind']}", f["start"], f["end"], f["text"]
    for t in record.get("tokens", []) or []:
        yield "token", t["start"], t["end"], t["text"]


def problems(record: dict[str, Any]) -> list[str]:
    """Every way the record breaks the schema or the offset invariant (empty list: valid)."""
    import jsonschema
    validator = jsonschema.Draft202012Validator(document_schema())
    out = [f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in validator.iter_errors(record)]
    text = record.get("text", "")
    for where, s, e, t in record_spans(record):
        if not (0 <= s <= e <= len(text)) or text[s:e] != t:
            out.append(f"{where}: text[{s}:{e}] != {t[:40]!r}")
    ids = {e["id"] for e in record.get("entities", [])}
    for q in record.get("quotes", []):
        for ref in [q.get("speaker")] + [c.get("entity") for c in q.get("chain", [])]:
            if ref is not None and ref not in ids:
                out.append(f"quote {q['id']}: refers to unknown entity {ref}")
    for v in record.get("events", []):
        for ref in (v["source"].get("entity"), v["target"].get("entity"), v.get("location")):
            if ref is not None and ref not in ids:
                out.append(f"event {v['id']}: refers to unknown entity {ref}")
    for f in record.get("framing", []):
        if f.get("refers_to") is not None and f["refers_to"] not in ids:
            out.append(f"framing: refers to unknown entity {f['refers_to']}")
    return out
