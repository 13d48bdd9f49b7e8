"""Read functions over the store: the one API the CLI and the web UI share.

Every function takes an open connection (`db.connect(path, read_only=True)`: a store
file, or a folder of its Parquet tables as the Spark engine writes them) and returns
plain dicts (JSON-ready: dates as ISO strings), never tuples. Lists take `limit`/`offset`.
Near-duplicates (`articles.duplicate_of` set) are left out of every count and list unless
`include_duplicates=True`, so a story is not counted twice.

The lists are `lists.py`'s (filtered in SQL, with totals, sorts, facets, streaming);
outlets, profiles and comparisons are `outlets.py`'s; the relations graph, dyads and
timelines `graph.py`'s; search `search.py`'s. This module keeps the stable contract below
and re-exports the rest, so callers import one module.

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
    framing(con, kind=, article_id=, stance=, limit=, offset=) -> [framing row]
    failures(con, stage=, limit=, offset=) -> [failure]

and, for lists a user pages through: `page(con, list, filters, sort, limit, offset)` ->
{"rows", "total", ...}, `facets(con, list, filters)`, `stream(con, list, filters, sort)`,
`timeline(con, list, filters, period)`.
"""
from __future__ import annotations

import json
from typing import Any

from ..errors import InputError
from . import lists
from .graph import actor_dyad, actor_names, dyad, mentions_timeline, relations_graph  # noqa: F401  (the API)
from .lists import CHAIN_ROLES, count, facets, facets_and_total, first, page, stream, timeline  # noqa: F401
from .outlets import (CompareIndex, compare, compare_flat, outlet, outlet_framing, outlets, profile, resolve_actor,  # noqa: F401
                      resolve_outlet)
from .search import parse as parse_search  # noqa: F401  (the API)
from .sql import DEFAULT_LIMIT, QUADS, Where, check_period, date_param, like, originals, rows
from .sql import page as _page

# The names this module had before its helpers moved to sql.py (kept for code written against them).
_rows, _like, _Where, _originals, _QUADS, _date = rows, like, Where, originals, QUADS, date_param


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
    row = None
    # One condition at a time: `id` is the primary key (an index lookup); an OR of the three scans the table.
    for where in ("id = ?", "content_hash = ?", "id = (SELECT article_id FROM sources WHERE record_id = ? LIMIT 1)"):
        row = con.execute(f"SELECT id, record, duplicate_of, similarity FROM articles WHERE {where} LIMIT 1",
                          [article_id]).fetchone()
        if row is not None:
            break
    if row is None:
        return None
    aid, record, duplicate_of, similarity = row
    doc = json.loads(record)
    doc["duplicate_of"] = duplicate_of
    doc["similarity"] = similarity
    doc["sources"] = rows(con, "SELECT origin, locator, record_id, title, url, publisher, published FROM sources "
                               "WHERE article_id = ? ORDER BY origin, locator", [aid])
    doc["near_duplicates"] = rows(con, "SELECT id, title, publisher, similarity FROM articles "
                                       "WHERE duplicate_of = ? ORDER BY seq", [aid])
    return doc


def list_articles(con, publisher: str | None = None, text: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, include_duplicates: bool = False, limit: int | None = DEFAULT_LIMIT,
                  offset: int | None = 0, outlet: str | None = None, actor: str | None = None,
                  sort: str | None = None) -> list[dict[str, Any]]:
    """Article summaries, newest first: id, title, publisher, published, published_date, url, counts.
    `text` is a search (search.py: folded words, all of them)."""
    return lists.page(con, "articles", {"outlet": outlet or publisher, "q": text, "date_from": date_from,
                                        "date_to": date_to, "include_duplicates": include_duplicates,
                                        "actor": actor}, sort, limit, offset)["rows"]


def search(con, query: str, outlet: str | list[str] | None = None, date_from: str | None = None,
           date_to: str | None = None, include_duplicates: bool = False, limit: int | None = DEFAULT_LIMIT,
           offset: int | None = 0, sort: str | None = None) -> dict[str, Any]:
    """Articles whose title or text contains every word of `query` (folded, with spelling variants):
    {"rows": [article summary + "snippet"], "total", "query": [{"term", "spellings"}], ...}."""
    parsed = parse_search(query)
    found = lists.page(con, "articles", {"q": query, "outlet": outlet, "date_from": date_from, "date_to": date_to,
                                         "include_duplicates": include_duplicates}, sort, limit, offset)
    add_snippets(con, found["rows"], query)
    found["query"] = parsed.describe()
    return found


def warm() -> None:
    """Read now what the first search would read (the knowledge base's spellings): for a server at startup."""
    from .search import kb_variants
    kb_variants()


def add_snippets(con, articles: list[dict[str, Any]], query: str) -> None:
    """Each article summary gets `snippet`: its text around the first place the query matches."""
    from .search import snippet
    parsed = parse_search(query)
    texts = dict(con.execute("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                             [[r["id"] for r in articles]]).fetchall()) if articles else {}
    for r in articles:
        r["snippet"] = snippet(texts.get(r["id"]) or "", parsed)


# --- quotes ---------------------------------------------------------------------------------------------------

def quotes(con, speaker: str | None = None, outlet: str | None = None, stance: str | None = None,
           text: str | None = None, article_id: str | None = None, date_from: str | None = None,
           date_to: str | None = None, include_duplicates: bool = False, limit: int | None = DEFAULT_LIMIT,
           offset: int | None = 0, chain: str | None = None, chain_role: str | None = None,
           sort: str | None = None) -> list[dict[str, Any]]:
    """Quotes with speaker, cue and outlet. `speaker` matches the speaker's name, English name, kb_id or
    actor key (substring for names); `outlet` the article's publisher; `text` searches the quote (folded);
    `chain` a name or key in the chain of transmission, `chain_role` a role in it (or "none")."""
    return lists.page(con, "quotes", {"speaker": speaker, "outlet": outlet, "stance": stance, "q": text,
                                      "article_id": article_id, "date_from": date_from, "date_to": date_to,
                                      "include_duplicates": include_duplicates, "chain": chain,
                                      "chain_role": chain_role}, sort, limit, offset)["rows"]


# --- actors ---------------------------------------------------------------------------------------------------

_ACTOR_ORDER = {"mentions": "n_mentions", "quotes": "n_quotes", "articles": "n_articles", "events": "n_events"}


def actors(con, by: str = "mentions", type: str | None = None, country: str | None = None,
           name: str | None = None, include_duplicates: bool = False, limit: int | None = DEFAULT_LIMIT,
           offset: int | None = 0, outlet: str | None = None) -> list[dict[str, Any]]:
    """Actors across the corpus (one row per actor_key): most mentioned, quoted, in most articles or events."""
    if by not in _ACTOR_ORDER:
        raise InputError(f"actors by {by!r}: choose one of {', '.join(_ACTOR_ORDER)}")
    return lists.page(con, "actors", {"type": type, "country": country, "name": name, "outlet": outlet,
                                      "include_duplicates": include_duplicates},
                      "-" + _ACTOR_ORDER[by], limit, offset)["rows"]


def find_actor_key(con, key: str) -> str | None:
    """The actor key of a kb_id, actor key or exact name (Arabic or English), the most mentioned first."""
    row = con.execute("SELECT actor_key FROM entities WHERE kb_id = ? OR actor_key = ? OR name = ? OR name_en = ? "
                      "GROUP BY actor_key ORDER BY count(*) DESC, actor_key LIMIT 1", [key, key, key, key]).fetchone()
    return row[0] if row else None


def actor_summary(con, key: str, include_duplicates: bool = False) -> dict[str, Any] | None:
    """One actor's row of the actors list (names, type, country, counts), by its exact actor key, and
    every name it goes by (most used first)."""
    found = lists.first(con, "actors", {"key": key, "include_duplicates": include_duplicates}, 1)["rows"]
    if not found and not include_duplicates:  # known only from near-duplicate articles
        found = lists.first(con, "actors", {"key": key, "include_duplicates": True}, 1)["rows"]
    if not found:
        return None
    out = found[0]
    out["names"] = [r["name"] for r in rows(con, "SELECT name, count(*) n FROM entities WHERE actor_key = ? "
                                                 "GROUP BY name ORDER BY n DESC, name", [key])]
    return out


def actor(con, key: str, limit: int | None = DEFAULT_LIMIT) -> dict[str, Any] | None:
    """One actor by kb_id, actor_key or exact name (Arabic or English): summary, articles, quotes, events."""
    akey = find_actor_key(con, key)
    if akey is None:
        return None
    out = actor_summary(con, akey)
    out["articles"] = rows(con, "SELECT a.id, a.title, a.publisher, a.published_date, e.n_mentions FROM entities e "
                                "JOIN articles a ON a.id = e.article_id WHERE e.actor_key = ? AND a.duplicate_of IS NULL "
                                "ORDER BY a.published_date DESC NULLS LAST, a.seq" + _page(limit, 0), [akey])
    out["quotes"] = lists.page(con, "quotes", {"speaker_key": akey}, limit=limit)["rows"]
    out["events"] = events(con, actor=akey, limit=limit)
    return out


# --- events ---------------------------------------------------------------------------------------------------

def events(con, dyad: str | None = None, root: str | None = None, quad: int | None = None,
           date_from: str | None = None, date_to: str | None = None, actor: str | None = None,
           article_id: str | None = None, include_duplicates: bool = False, limit: int | None = DEFAULT_LIMIT,
           offset: int | None = 0, outlet: str | None = None, sort: str | None = None) -> list[dict[str, Any]]:
    """Events. `dyad` "SRC-TGT" matches source then target by country or CAMEO actor code (ISR-AZE also
    matches ISRGOV-AZE); `root` a CAMEO root ("04") or code prefix; `quad` 1-4; dates on event_date."""
    return lists.page(con, "events", {"dyad": dyad, "root": root, "quad": quad, "date_from": date_from,
                                      "date_to": date_to, "actor": actor, "article_id": article_id,
                                      "include_duplicates": include_duplicates, "outlet": outlet},
                      sort, limit, offset)["rows"]


def relations(con, date_from: str | None = None, date_to: str | None = None, min_events: int = 1,
              include_duplicates: bool = False, limit: int | None = None,
              outlet: str | None = None) -> list[dict[str, Any]]:
    """Directed country-to-country edges: event counts by quad class and mean Goldstein score."""
    base, params = lists.get("events").base({"date_from": date_from, "date_to": date_to, "outlet": outlet,
                                             "include_duplicates": include_duplicates})
    sql = (f"SELECT source_country AS source, target_country AS target, count(*) AS n_events, {QUADS} "
           f"FROM ({base}) AS v WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
           "GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY n_events DESC, source, target")
    return rows(con, sql + (_page(limit, 0) if limit else ""), params + [int(min_events)])


def dyad_timeline(con, a: str, b: str, period: str = "month", both_directions: bool = True,
                  include_duplicates: bool = False, outlet: str | None = None) -> list[dict[str, Any]]:
    """Events between countries (or actor codes) a and b per period: counts by quad class, mean Goldstein;
    every period from the first to the last, empty ones as zeros."""
    check_period(period)
    a, b = a.strip().upper(), b.strip().upper()
    f: dict[str, Any] = {"include_duplicates": include_duplicates, "outlet": outlet}
    if both_directions:
        f["states"] = (a, b)
    else:
        f["dyad"] = f"{a}-{b}"
    return lists.timeline(con, "events", f, period)


# --- framing and failures -------------------------------------------------------------------------------------

def framing(con, kind: str | None = None, article_id: str | None = None, include_duplicates: bool = False,
            stance: str | None = None,
            limit: int | None = DEFAULT_LIMIT, offset: int | None = 0) -> list[dict[str, Any]]:
    w = Where()
    originals(w, include_duplicates)
    if kind:
        w.add("f.kind = ?", kind)
    if article_id:
        w.add("f.article_id = ?", article_id)
    if stance:
        w.add("f.stance = ?", stance)
    return rows(con, "SELECT f.article_id, f.kind, f.stance, f.text, f.start_char, f.end_char, f.refers_to, f.refers_to_name, "
                      "a.publisher, a.published_date FROM framing f JOIN articles a ON a.id = f.article_id" + w.sql()
                 + " ORDER BY a.published_date DESC NULLS LAST, a.seq, f.start_char" + _page(limit, offset), w.params)


def failures(con, stage: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int | None = 0) -> list[dict[str, Any]]:
    w = Where()
    if stage:
        w.add("stage = ?", stage)
    return rows(con, "SELECT origin, locator, record_id, stage, reason, failed_at FROM failures" + w.sql()
                 + " ORDER BY origin, locator" + _page(limit, offset), w.params)
