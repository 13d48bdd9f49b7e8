"""Read functions over the store: the one API the CLI and the web UI share.

Every function takes an open connection (`db.connect(path, read_only=True)`: a store
file, or a folder of its Parquet tables as the Spark engine writes them) and returns
plain dicts (JSON-ready: dates as ISO strings), never tuples. Lists take `limit`/`offset`. Near-duplicates (`articles.duplicate_of` set) are left out of every
count and list unless `include_duplicates=True`, so a story is not counted twice.

Contract (stable; add keyword arguments, never rename):

    stats(con) -> {"articles", "duplicates", "sources", "entities", "mentions", "quotes", "events", "framing", "failures"}
    get_article(con, id) -> document record dict + "sources", "duplicate_of", "near_duplicates"; or None
    list_articles(con, publisher=, text=, date_from=, date_to=, include_duplicates=, limit=, offset=) -> [article summary]
    quotes(con, speaker=, outlet=, stance=, text=, article_id=, date_from=, date_to=, limit=, offset=) -> [quote]
    actors(con, by="mentions"|"quotes"|"articles", type=, country=, name=, limit=, offset=) -> [actor summary]
    actor(con, key) -> actor summary + "articles", "quotes", "events"; key is a kb_id, actor_key or name; or None
    events(con, dyad=, root=, quad=, date_from=, date_to=, actor=, article_id=, limit=, offset=) -> [event]
    relations(con, date_from=, date_to=, min_events=, limit=) -> [edge: source, target, n_events, quad1..quad4, mean_goldstein]
    dyad_timeline(con, a, b, period="month", both_directions=True) -> [{period, n_events, quad1..quad4, mean_goldstein}]
    framing(con, kind=, article_id=, limit=, offset=) -> [framing row]
    failures(con, stage=, limit=, offset=) -> [failure]
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..errors import InputError
from ..text.dates import date_bound

DEFAULT_LIMIT = 50


def _rows(con, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [{c: _plain(v) for c, v in zip(cols, row)} for row in cur.fetchall()]


def _plain(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


def _page(limit: int | None, offset: int | None) -> str:
    lim = DEFAULT_LIMIT if limit is None else int(limit)
    off = 0 if offset is None else int(offset)
    if lim < 0 or off < 0:
        raise InputError("limit and offset must be zero or more")
    return f" LIMIT {lim} OFFSET {off}" if lim else f" OFFSET {off}"


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class _Where:
    """Collects WHERE clauses and their parameters side by side."""

    def __init__(self):
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _originals(w: _Where, include_duplicates: bool, alias: str = "a") -> None:
    if not include_duplicates:
        w.add(f"{alias}.duplicate_of IS NULL")


# --- articles -------------------------------------------------------------------------------------------------

def stats(con) -> dict[str, int]:
    out = {}
    for table in ("articles", "sources", "entities", "mentions", "quotes", "events", "framing", "failures"):
        out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    out["duplicates"] = con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
    return out


def get_article(con, article_id: str) -> dict[str, Any] | None:
    """The full document record, with where it was read from and its near-duplicates.
    `article_id` is the article's id, its content hash, or the id a source gave it."""
    row = con.execute(
        "SELECT id, record, duplicate_of, similarity FROM articles WHERE id = ? OR content_hash = ? "
        "OR id = (SELECT article_id FROM sources WHERE record_id = ? LIMIT 1) LIMIT 1",
        [article_id, article_id, article_id]).fetchone()
    if row is None:
        return None
    aid, record, duplicate_of, similarity = row
    doc = json.loads(record)
    doc["duplicate_of"] = duplicate_of
    doc["similarity"] = similarity
    doc["sources"] = _rows(con, "SELECT origin, locator, record_id, title, url, publisher, published FROM sources "
                                "WHERE article_id = ? ORDER BY origin, locator", [aid])
    doc["near_duplicates"] = _rows(con, "SELECT id, title, publisher, similarity FROM articles "
                                        "WHERE duplicate_of = ? ORDER BY seq", [aid])
    return doc


def list_articles(con, publisher: str | None = None, text: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, include_duplicates: bool = False, limit: int | None = DEFAULT_LIMIT,
                  offset: int | None = 0) -> list[dict[str, Any]]:
    """Article summaries, newest first: id, title, publisher, published, published_date, url, counts."""
    w = _Where()
    _originals(w, include_duplicates)
    if publisher:
        w.add("a.publisher = ?", publisher)
    if text:
        w.add("(a.text LIKE ? ESCAPE '\\' OR a.title LIKE ? ESCAPE '\\')", _like(text), _like(text))
    if date_from:
        w.add("a.published_date >= ?", date_bound(date_from, "date_from"))
    if date_to:
        w.add("a.published_date <= ?", date_bound(date_to, "date_to"))
    return _rows(con, "SELECT a.id, a.title, a.publisher, a.published, a.published_date, a.url, a.n_chars, "
                      "a.n_entities, a.n_quotes, a.n_events, a.n_framing, a.duplicate_of FROM articles a"
                      + w.sql() + " ORDER BY a.published_date DESC NULLS LAST, a.seq" + _page(limit, offset), w.params)


# --- quotes ---------------------------------------------------------------------------------------------------

def quotes(con, speaker: str | None = None, outlet: str | None = None, stance: str | None = None,
           text: str | None = None, article_id: str | None = None, date_from: str | None = None,
           date_to: str | None = None, include_duplicates: bool = False, limit: int | None = DEFAULT_LIMIT,
           offset: int | None = 0) -> list[dict[str, Any]]:
    """Quotes with speaker, cue and outlet. `speaker` matches the speaker's name, English name, kb_id or
    actor key (substring for names); `outlet` the article's publisher; `text` a substring of the quote."""
    w = _Where()
    _originals(w, include_duplicates)
    if speaker:
        w.add("(q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_kb_id = ? OR q.speaker_key = ? "
              "OR e.name_en ILIKE ? ESCAPE '\\' OR q.speaker_description LIKE ? ESCAPE '\\')",
              _like(speaker), speaker, speaker, _like(speaker), _like(speaker))
    if outlet:
        w.add("a.publisher ILIKE ?", outlet)
    if stance:
        w.add("q.stance = ?", stance)
    if text:
        w.add("q.text LIKE ? ESCAPE '\\'", _like(text))
    if article_id:
        w.add("q.article_id = ?", article_id)
    if date_from:
        w.add("a.published_date >= ?", date_bound(date_from, "date_from"))
    if date_to:
        w.add("a.published_date <= ?", date_bound(date_to, "date_to"))
    return _rows(con, "SELECT q.article_id, q.quote_id, q.text, q.kind, q.speaker_entity, q.speaker_name, "
                      "e.name_en AS speaker_name_en, q.speaker_kb_id, q.speaker_key, q.speaker_country, "
                      "q.speaker_description, q.cue_text, q.cue_lemma, q.stance, q.start_char, q.end_char, "
                      "a.publisher, a.published_date, a.title, a.url, "
                      "(SELECT list(c.role || ':' || coalesce(c.entity_name, '?') ORDER BY c.position) "
                      " FROM chain_links c WHERE c.article_id = q.article_id AND c.quote_id = q.quote_id) AS chain "
                      "FROM quotes q JOIN articles a ON a.id = q.article_id "
                      "LEFT JOIN entities e ON e.article_id = q.article_id AND e.entity_id = q.speaker_entity"
                      + w.sql() + " ORDER BY a.published_date DESC NULLS LAST, a.seq, q.start_char"
                      + _page(limit, offset), w.params)


# --- actors ---------------------------------------------------------------------------------------------------

_ACTOR_ORDER = {"mentions": "n_mentions", "quotes": "n_quotes", "articles": "n_articles", "events": "n_events"}


def actors(con, by: str = "mentions", type: str | None = None, country: str | None = None,
           name: str | None = None, include_duplicates: bool = False, limit: int | None = DEFAULT_LIMIT,
           offset: int | None = 0) -> list[dict[str, Any]]:
    """Actors across the corpus (one row per actor_key): most mentioned, quoted, in most articles or events."""
    if by not in _ACTOR_ORDER:
        raise InputError(f"actors by {by!r}: choose one of {', '.join(_ACTOR_ORDER)}")
    w = _Where()
    _originals(w, include_duplicates)
    if type:
        w.add("e.type = ?", type.upper())
    if country:
        w.add("e.country = ?", country.upper())
    if name:
        w.add("(e.name LIKE ? ESCAPE '\\' OR e.name_en ILIKE ? ESCAPE '\\' OR e.kb_id = ?)",
              _like(name), _like(name), name)
    return _rows(con, _ACTOR_SQL.format(where=w.sql()) + f" ORDER BY {_ACTOR_ORDER[by]} DESC, key"
                 + _page(limit, offset), w.params)


_ACTOR_SQL = """
WITH ents AS (
    SELECT e.* FROM entities e JOIN articles a ON a.id = e.article_id {where}
), quoted AS (
    SELECT q.speaker_key AS key, count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id
    WHERE q.speaker_key IS NOT NULL AND a.duplicate_of IS NULL GROUP BY 1
), evented AS (
    SELECT key, count(*) AS n FROM (
        SELECT source_key AS key FROM events v JOIN articles a ON a.id = v.article_id WHERE a.duplicate_of IS NULL
        UNION ALL
        SELECT target_key FROM events v JOIN articles a ON a.id = v.article_id WHERE a.duplicate_of IS NULL
    ) WHERE key IS NOT NULL GROUP BY 1
)
SELECT ents.actor_key AS key, mode(ents.name) AS name, max(ents.name_en) AS name_en, max(ents.kb_id) AS kb_id,
       mode(ents.type) AS type, mode(ents.subtype) AS subtype, mode(ents.country) AS country,
       mode(ents.code) AS code, count(DISTINCT ents.article_id) AS n_articles,
       sum(ents.n_mentions)::BIGINT AS n_mentions, coalesce(max(quoted.n), 0) AS n_quotes,
       coalesce(max(evented.n), 0) AS n_events
FROM ents LEFT JOIN quoted ON quoted.key = ents.actor_key LEFT JOIN evented ON evented.key = ents.actor_key
GROUP BY ents.actor_key
"""


def actor(con, key: str, limit: int | None = DEFAULT_LIMIT) -> dict[str, Any] | None:
    """One actor by kb_id, actor_key or exact name (Arabic or English): summary, articles, quotes, events."""
    row = con.execute("SELECT actor_key FROM entities WHERE kb_id = ? OR actor_key = ? OR name = ? OR name_en = ? "
                      "GROUP BY actor_key ORDER BY count(*) DESC LIMIT 1", [key, key, key, key]).fetchone()
    if row is None:
        return None
    akey = row[0]
    w = _Where()
    _originals(w, False)
    w.add("e.actor_key = ?", akey)
    found = _rows(con, _ACTOR_SQL.format(where=w.sql()), w.params)
    if not found:  # known only from near-duplicate articles
        w = _Where()
        w.add("e.actor_key = ?", akey)
        found = _rows(con, _ACTOR_SQL.format(where=w.sql()), w.params)
    out = found[0]
    out["names"] = [r["name"] for r in _rows(con, "SELECT name, count(*) n FROM entities WHERE actor_key = ? "
                                                  "GROUP BY name ORDER BY n DESC, name", [akey])]
    out["articles"] = _rows(con, "SELECT a.id, a.title, a.publisher, a.published_date, e.n_mentions FROM entities e "
                                 "JOIN articles a ON a.id = e.article_id WHERE e.actor_key = ? AND a.duplicate_of IS NULL "
                                 "ORDER BY a.published_date DESC NULLS LAST, a.seq" + _page(limit, 0), [akey])
    out["quotes"] = _rows(con, "SELECT q.article_id, q.quote_id, q.text, q.cue_lemma, q.stance, a.publisher, "
                               "a.published_date FROM quotes q JOIN articles a ON a.id = q.article_id "
                               "WHERE q.speaker_key = ? AND a.duplicate_of IS NULL "
                               "ORDER BY a.published_date DESC NULLS LAST, a.seq, q.start_char" + _page(limit, 0), [akey])
    out["events"] = events(con, actor=akey, limit=limit)
    return out


# --- events ---------------------------------------------------------------------------------------------------

def _dyad(dyad: str) -> tuple[str, str]:
    parts = [p.strip().upper() for p in dyad.replace(">", "-").split("-")]
    if len(parts) != 2 or not all(parts):
        raise InputError(f"dyad {dyad!r}: give two actor or country codes, e.g. ISR-AZE")
    return parts[0], parts[1]


def events(con, dyad: str | None = None, root: str | None = None, quad: int | None = None,
           date_from: str | None = None, date_to: str | None = None, actor: str | None = None,
           article_id: str | None = None, include_duplicates: bool = False, limit: int | None = DEFAULT_LIMIT,
           offset: int | None = 0) -> list[dict[str, Any]]:
    """Events. `dyad` "SRC-TGT" matches source then target by country or CAMEO actor code (ISR-AZE also
    matches ISRGOV-AZE); `root` a CAMEO root ("04") or code prefix; `quad` 1-4; dates on event_date."""
    w = _Where()
    _originals(w, include_duplicates)
    if dyad:
        src, tgt = _dyad(dyad)
        w.add("(v.source_country = ? OR starts_with(v.source_code, ?))", src, src)
        w.add("(v.target_country = ? OR starts_with(v.target_code, ?))", tgt, tgt)
    if root:
        r = str(root).strip()
        if not r.isdigit():
            raise InputError(f"CAMEO root {root!r}: give digits, e.g. 04 or 042")
        w.add("starts_with(v.cameo, ?)", r.zfill(2) if len(r) < 2 else r)
    if quad is not None:
        q = int(quad)
        if q not in (1, 2, 3, 4):
            raise InputError(f"quad class {quad!r}: give 1, 2, 3 or 4")
        w.add("v.quad_class = ?", q)
    if date_from:
        w.add("v.event_date >= ?", date_bound(date_from, "date_from"))
    if date_to:
        w.add("v.event_date <= ?", date_bound(date_to, "date_to"))
    if actor:
        w.add("(v.source_key = ? OR v.target_key = ?)", actor, actor)
    if article_id:
        w.add("v.article_id = ?", article_id)
    return _rows(con, "SELECT v.article_id, v.event_id, v.cameo, v.cameo_root, v.plover, v.quad_class, v.goldstein, "
                      "v.modality, v.trigger_text, v.trigger_start, v.trigger_end, v.source_name, v.source_country, "
                      "v.source_code, v.source_key, v.target_name, v.target_country, v.target_code, v.target_key, "
                      "v.location_name, v.date, v.event_date, v.quote_id, a.publisher, a.title, a.url "
                      "FROM events v JOIN articles a ON a.id = v.article_id" + w.sql()
                      + " ORDER BY v.event_date DESC NULLS LAST, a.seq, v.trigger_start" + _page(limit, offset), w.params)


_QUADS = ("count(*) FILTER (WHERE quad_class = 1) AS quad1, count(*) FILTER (WHERE quad_class = 2) AS quad2, "
          "count(*) FILTER (WHERE quad_class = 3) AS quad3, count(*) FILTER (WHERE quad_class = 4) AS quad4, "
          "round(avg(goldstein), 3) AS mean_goldstein")


def relations(con, date_from: str | None = None, date_to: str | None = None, min_events: int = 1,
              include_duplicates: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """Directed country-to-country edges: event counts by quad class and mean Goldstein score."""
    w = _Where()
    _originals(w, include_duplicates)
    w.add("v.source_country IS NOT NULL")
    w.add("v.target_country IS NOT NULL")
    if date_from:
        w.add("v.event_date >= ?", date_bound(date_from, "date_from"))
    if date_to:
        w.add("v.event_date <= ?", date_bound(date_to, "date_to"))
    sql = (f"SELECT v.source_country AS source, v.target_country AS target, count(*) AS n_events, {_QUADS} "
           "FROM events v JOIN articles a ON a.id = v.article_id" + w.sql() +
           " GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY n_events DESC, source, target")
    return _rows(con, sql + (_page(limit, 0) if limit else ""), w.params + [int(min_events)])


_PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}


def dyad_timeline(con, a: str, b: str, period: str = "month", both_directions: bool = True,
                  include_duplicates: bool = False) -> list[dict[str, Any]]:
    """Events between countries (or actor codes) a and b per period: counts by quad class, mean Goldstein."""
    if period not in _PERIODS:
        raise InputError(f"period {period!r}: choose one of {', '.join(_PERIODS)}")
    a, b = a.strip().upper(), b.strip().upper()
    w = _Where()
    _originals(w, include_duplicates)
    w.add("v.event_date IS NOT NULL")
    side = "(v.{s}_country = ? OR starts_with(v.{s}_code, ?))"
    fwd = f"({side.format(s='source')} AND {side.format(s='target')})"
    if both_directions:
        w.add(f"({fwd} OR {fwd})", a, a, b, b, b, b, a, a)
    else:
        w.add(fwd, a, a, b, b)
    sql = (f"SELECT date_trunc('{_PERIODS[period]}', v.event_date)::DATE AS period, count(*) AS n_events, {_QUADS} "
           "FROM events v JOIN articles a ON a.id = v.article_id" + w.sql() + " GROUP BY 1 ORDER BY 1")
    return _rows(con, sql, w.params)


# --- framing and failures -------------------------------------------------------------------------------------

def framing(con, kind: str | None = None, article_id: str | None = None, include_duplicates: bool = False,
            limit: int | None = DEFAULT_LIMIT, offset: int | None = 0) -> list[dict[str, Any]]:
    w = _Where()
    _originals(w, include_duplicates)
    if kind:
        w.add("f.kind = ?", kind)
    if article_id:
        w.add("f.article_id = ?", article_id)
    return _rows(con, "SELECT f.article_id, f.kind, f.text, f.start_char, f.end_char, f.refers_to, f.refers_to_name, "
                      "a.publisher, a.published_date FROM framing f JOIN articles a ON a.id = f.article_id" + w.sql()
                 + " ORDER BY a.published_date DESC NULLS LAST, a.seq, f.start_char" + _page(limit, offset), w.params)


def failures(con, stage: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int | None = 0) -> list[dict[str, Any]]:
    w = _Where()
    if stage:
        w.add("stage = ?", stage)
    return _rows(con, "SELECT origin, locator, record_id, stage, reason, failed_at FROM failures" + w.sql()
                 + " ORDER BY origin, locator" + _page(limit, offset), w.params)
