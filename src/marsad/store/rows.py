"""A document record (marsad/document@1) as table rows: the one mapping both engines use.

`record_rows(record, pipeline_version)` gives the rows of every analysis table for
one article as plain dicts whose keys are the columns of db.py's tables. The local
ingest and the Spark job call the same function, so their rows are equal by
construction. Rows never depend on anything but the record and the version.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..text.dates import parse_date

# Tables filled from one record, in insertion order (articles is built separately: it
# also needs the ingest's decisions: seq and near-duplicate link).
CHILD_TABLES = ("entities", "mentions", "quotes", "chain_links", "events", "framing", "actor_articles")

# The cue stances an actor's quotes are counted by in actor_articles (the rest: quotes_other).
COUNTED_STANCES = ("neutral", "doubting", "pejorative", "affirming")
# The framing devices counted as applied to an actor in actor_articles.
ACTOR_FRAMING = {"loaded_label": "n_loaded_labels", "scare_quote": "n_scare_quotes"}


@dataclass
class ArticleRows:
    article: dict[str, Any]                     # the articles row without seq/duplicate_of/similarity/record
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def pipeline_version(settings) -> str:
    from .. import __version__
    return f"marsad {__version__} [{'+'.join(settings.components)}]"


def actor_key(entity: dict[str, Any] | None) -> str | None:
    """The identity of an actor across articles: its knowledge-base id, else TYPE:name."""
    if not entity:
        return None
    return entity.get("kb_id") or f"{entity.get('type') or 'UNK'}:{entity.get('name')}"


def chain_name(link: dict[str, Any], entity_name, meta: dict[str, Any]) -> str | None:
    """Who a chain link names: its entity's name, else the name the link carries, else (for the last
    link, `published_by`) the article's publisher: the outlet that published the quote."""
    return (entity_name(link.get("entity")) or link.get("name")
            or (meta.get("publisher") if link.get("role") == "published_by" else None))


def _sentence_of(starts: list[int], offset: int | None) -> int | None:
    if offset is None or not starts:
        return None
    from bisect import bisect_right
    return max(0, bisect_right(starts, offset) - 1)


def record_rows(record: dict[str, Any], content_hash: str, version: str) -> ArticleRows:
    aid = record["id"]
    meta = record.get("meta") or {}
    starts = [s["start"] for s in record.get("sentences") or []]
    ents = {e["id"]: e for e in record.get("entities") or []}

    def name(eid):
        e = ents.get(eid) if eid else None
        return e.get("name") if e else None

    def key(eid):
        return actor_key(ents.get(eid)) if eid else None

    from .search import fold
    published_date = parse_date(meta.get("published"))
    article = {
        "id": aid, "content_hash": content_hash, "title": meta.get("title"), "url": meta.get("url"),
        "publisher": meta.get("publisher"), "published": meta.get("published"), "published_date": published_date,
        "language": meta.get("language"), "text": record["text"], "n_chars": len(record["text"]),
        "n_sentences": len(starts), "n_entities": len(ents), "n_quotes": len(record.get("quotes") or []),
        "n_events": len(record.get("events") or []), "n_framing": len(record.get("framing") or []),
        "search_text": fold((meta.get("title") or "") + "\n" + record["text"]), "pipeline_version": version,
    }
    out = {t: [] for t in CHILD_TABLES}
    for e in ents.values():
        actor = e.get("actor") or {}
        mentions = e.get("mentions") or []
        out["entities"].append({
            "article_id": aid, "entity_id": e["id"], "type": e.get("type"), "subtype": e.get("subtype"),
            "name": e.get("name"), "name_en": e.get("name_en"), "kb_id": e.get("kb_id"), "actor_key": actor_key(e),
            "country": actor.get("country"), "role": actor.get("role"), "code": actor.get("code"),
            "n_mentions": len(mentions), "first_start": min((m["start"] for m in mentions), default=None),
            "pipeline_version": version})
        for m in mentions:
            out["mentions"].append({
                "article_id": aid, "entity_id": e["id"], "start_char": m["start"], "end_char": m["end"],
                "text": m.get("text"), "kind": m.get("kind"), "sentence": _sentence_of(starts, m["start"]),
                "pipeline_version": version})
    for q in record.get("quotes") or []:
        cue = q.get("cue") or {}
        speaker = ents.get(q.get("speaker")) if q.get("speaker") else None
        out["quotes"].append({
            "article_id": aid, "quote_id": q["id"], "start_char": q["start"], "end_char": q["end"],
            "text": q.get("text"), "kind": q.get("kind"), "sentence": _sentence_of(starts, q["start"]),
            "speaker_entity": q.get("speaker"), "speaker_name": name(q.get("speaker")),
            "speaker_key": key(q.get("speaker")), "speaker_kb_id": speaker.get("kb_id") if speaker else None,
            "speaker_country": (speaker.get("actor") or {}).get("country") if speaker else None,
            "speaker_description": q.get("speaker_description"),
            "cue_start": cue.get("start"), "cue_end": cue.get("end"), "cue_text": cue.get("text"),
            "cue_lemma": cue.get("lemma"), "stance": cue.get("stance"), "search_text": fold(q.get("text")),
            "pipeline_version": version})
        for pos, link in enumerate(q.get("chain") or []):
            out["chain_links"].append({
                "article_id": aid, "quote_id": q["id"], "position": pos, "role": link.get("role"),
                "entity_id": link.get("entity"), "entity_name": chain_name(link, name, meta),
                "entity_key": key(link.get("entity")), "pipeline_version": version})
    for v in record.get("events") or []:
        trig = v.get("trigger") or {}
        row = {"article_id": aid, "event_id": v["id"], "sentence": v.get("sentence"), "cameo": v.get("cameo"),
               "cameo_root": (v.get("cameo") or "")[:2] or None, "plover": v.get("plover"),
               "quad_class": v.get("quad_class"), "goldstein": v.get("goldstein"), "modality": v.get("modality"),
               "trigger_start": trig.get("start"), "trigger_end": trig.get("end"), "trigger_text": trig.get("text")}
        for side in ("source", "target"):
            s = v.get(side) or {}
            ent = ents.get(s.get("entity")) if s.get("entity") else None
            row[f"{side}_entity"] = s.get("entity")
            row[f"{side}_name"] = name(s.get("entity"))
            row[f"{side}_key"] = key(s.get("entity"))
            row[f"{side}_country"] = s.get("country") or ((ent.get("actor") or {}).get("country") if ent else None)
            row[f"{side}_role"] = s.get("role") or ((ent.get("actor") or {}).get("role") if ent else None)
            row[f"{side}_code"] = (ent.get("actor") or {}).get("code") if ent else None
        row.update({"location_entity": v.get("location"), "location_name": name(v.get("location")),
                    "date": v.get("date"), "event_date": parse_date(v.get("date")) or published_date,
                    "quote_id": v.get("quote"), "pipeline_version": version})
        out["events"].append(row)
    for pos, f in enumerate(record.get("framing") or []):
        out["framing"].append({
            "article_id": aid, "position": pos, "kind": f.get("kind"), "start_char": f["start"],
            "end_char": f["end"], "text": f.get("text"), "refers_to": f.get("refers_to"),
            "refers_to_name": name(f.get("refers_to")), "stance": f.get("stance"),
            "pipeline_version": version})
    out["actor_articles"] = actor_article_rows(aid, out, version)
    return ArticleRows(article=article, children=out)


def actor_article_rows(aid: str, rows: dict[str, list[dict[str, Any]]], version: str) -> list[dict[str, Any]]:
    """One row per actor (actor_key) of an article: what the article does with it. Its mentions; the quotes
    it gives as the speaker, by cue stance; the loaded labels and scare quotes applied to it (a device
    whose `refers_to` is one of its entities, or whose span overlaps one of its mentions); the events it
    is the source or target of, by quad class. Made from the article's other rows, so the migration that
    fills it for an older store (db.ACTOR_ARTICLES_SQL) computes the same rows in SQL."""
    key_of = {e["entity_id"]: e["actor_key"] for e in rows["entities"]}
    out: dict[str, dict[str, Any]] = {}

    def row(key: str) -> dict[str, Any]:
        if key not in out:
            out[key] = {"article_id": aid, "actor_key": key, "type": None, "country": None, "n_mentions": 0,
                        "n_quotes": 0, **{f"quotes_{s}": 0 for s in (*COUNTED_STANCES, "other")},
                        **dict.fromkeys(ACTOR_FRAMING.values(), 0), "source_events": 0, "target_events": 0,
                        **{f"{side}_q{q}": 0 for side in ("source", "target") for q in (1, 2, 3, 4)},
                        "pipeline_version": version}
        return out[key]

    for e in rows["entities"]:
        r = row(e["actor_key"])
        r["n_mentions"] += e["n_mentions"] or 0
        for col in ("type", "country"):   # the least, as SQL's min(): one value however entities are ordered
            if e[col] is not None and (r[col] is None or e[col] < r[col]):
                r[col] = e[col]
    for q in rows["quotes"]:
        if q["speaker_key"]:
            r = row(q["speaker_key"])
            r["n_quotes"] += 1
            r["quotes_" + (q["stance"] if q["stance"] in COUNTED_STANCES else "other")] += 1
    for f in rows["framing"]:
        if f["kind"] not in ACTOR_FRAMING:
            continue
        keys = {key_of[f["refers_to"]]} if f["refers_to"] in key_of else set()
        keys |= {key_of[m["entity_id"]] for m in rows["mentions"]
                 if m["start_char"] < f["end_char"] and m["end_char"] > f["start_char"] and m["entity_id"] in key_of}
        for k in keys:
            row(k)[ACTOR_FRAMING[f["kind"]]] += 1
    for v in rows["events"]:
        for side in ("source", "target"):
            if v[f"{side}_key"]:
                r = row(v[f"{side}_key"])
                r[f"{side}_events"] += 1
                if v["quad_class"] in (1, 2, 3, 4):
                    r[f"{side}_q{v['quad_class']}"] += 1
    return [out[k] for k in sorted(out)]
