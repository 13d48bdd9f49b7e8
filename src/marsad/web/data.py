"""Read queries the web UI needs beyond `marsad.store.queries` (which it uses for everything else).

Same conventions as queries.py: a read-only connection first, parameterized SQL
only, plain dicts out (dates as ISO strings), near-duplicates left out.
"""
from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..store import queries
from ..store.queries import _like, _page, _rows
from ..text.dates import date_bound  # the store's own helpers: one way to page and match

CHAIN_ROLES = ("said_to", "relayed_by", "published_by")
PERIODS = ("day", "week", "month", "year")


def facets(con) -> dict[str, list[Any]]:
    """The values the filter menus offer: outlets (publishers) and cue stances present in the corpus."""
    publishers = [r["publisher"] for r in _rows(
        con, "SELECT publisher, count(*) AS n FROM articles WHERE publisher IS NOT NULL AND duplicate_of IS NULL "
             "GROUP BY 1 ORDER BY n DESC, 1")]
    stances = [r["stance"] for r in _rows(
        con, "SELECT stance, count(*) AS n FROM quotes WHERE stance IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1")]
    return {"publishers": publishers, "stances": stances, "chain_roles": list(CHAIN_ROLES)}


def quotes(con, chain: str | None = None, chain_role: str | None = None, **filters: Any) -> list[dict[str, Any]]:
    """`queries.quotes` plus filters on the chain of transmission: `chain` matches the name or key of
    any entity in the chain (names by substring), `chain_role` is one of said_to | relayed_by |
    published_by, or "none" for quotes that reached the article with no chain at all."""
    if chain_role and chain_role not in (*CHAIN_ROLES, "none"):
        raise InputError(f"chain role {chain_role!r}: choose one of {', '.join(CHAIN_ROLES)} or none")
    if not chain and not chain_role:
        return queries.quotes(con, **filters)
    limit = filters.pop("limit", queries.DEFAULT_LIMIT)
    offset = filters.pop("offset", 0) or 0
    # The other filters go to queries.quotes unpaged; the chain narrows its rows, then the page is cut.
    rows = queries.quotes(con, **filters, limit=0)
    if chain_role == "none":
        with_chain = {(r["article_id"], r["quote_id"]) for r in _rows(
            con, "SELECT DISTINCT article_id, quote_id FROM chain_links")}
        keep = [r for r in rows if (r["article_id"], r["quote_id"]) not in with_chain]
    else:
        clauses, params = [], []
        if chain_role:
            clauses.append("role = ?")
            params.append(chain_role)
        if chain:
            clauses.append("(entity_name LIKE ? ESCAPE '\\' OR entity_key = ?)")
            params += [_like(chain), chain]
        hits = {(r["article_id"], r["quote_id"]) for r in _rows(
            con, "SELECT DISTINCT article_id, quote_id FROM chain_links WHERE " + " AND ".join(clauses), params)}
        keep = [r for r in rows if (r["article_id"], r["quote_id"]) in hits]
    return keep[offset:offset + limit] if limit else keep[offset:]


def mentions_timeline(con, key: str, period: str = "month") -> list[dict[str, Any]]:
    """How often an actor (its actor_key) is mentioned per period of publication."""
    if period not in PERIODS:
        raise InputError(f"period {period!r}: choose one of {', '.join(PERIODS)}")
    return _rows(con, f"SELECT date_trunc('{period}', a.published_date)::DATE AS period, "
                      "sum(e.n_mentions)::BIGINT AS n_mentions, count(DISTINCT e.article_id) AS n_articles "
                      "FROM entities e JOIN articles a ON a.id = e.article_id "
                      "WHERE e.actor_key = ? AND a.duplicate_of IS NULL AND a.published_date IS NOT NULL "
                      "GROUP BY 1 ORDER BY 1", [key])


def quotes_about(con, key: str, limit: int | None = queries.DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Quotes that mention the actor (a mention inside the quote's span) said by someone else."""
    return _rows(con, "SELECT DISTINCT q.article_id, q.quote_id, q.text, q.speaker_name, q.speaker_key, "
                      "q.cue_lemma, q.stance, q.start_char, a.publisher, a.published_date, a.seq "
                      "FROM quotes q JOIN articles a ON a.id = q.article_id "
                      "JOIN entities e ON e.article_id = q.article_id AND e.actor_key = ? "
                      "JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id "
                      " AND m.start_char >= q.start_char AND m.end_char <= q.end_char "
                      "WHERE a.duplicate_of IS NULL AND (q.speaker_key IS NULL OR q.speaker_key <> ?) "
                      "ORDER BY a.published_date DESC NULLS LAST, a.seq, q.start_char" + _page(limit, 0), [key, key])


def actor_events(con, key: str, side: str, country: str | None = None,
                 limit: int | None = queries.DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Events where the actor is the source (side="source") or the target (side="target"). For a
    state (`country` given), every event whose source or target is that state counts: a threat by
    its defence minister is the state's act in CAMEO terms."""
    if side not in ("source", "target"):
        raise InputError(f"side {side!r}: choose source or target")
    if country:
        return _rows(con, f"SELECT {_EVENT_COLUMNS} FROM events v JOIN articles a ON a.id = v.article_id "
                          f"WHERE a.duplicate_of IS NULL AND (v.{side}_key = ? OR v.{side}_country = ?) "
                          "ORDER BY v.event_date DESC NULLS LAST, a.seq, v.trigger_start" + _page(limit, 0),
                     [key, country])
    rows = queries.events(con, actor=key, limit=0)
    picked = [r for r in rows if r.get(f"{side}_key") == key]
    return picked[:limit] if limit else picked


# The columns queries.events returns, so both kinds of event lists render alike.
_EVENT_COLUMNS = ("v.article_id, v.event_id, v.cameo, v.cameo_root, v.plover, v.quad_class, v.goldstein, v.modality, "
                  "v.trigger_text, v.trigger_start, v.trigger_end, v.source_name, v.source_country, v.source_code, "
                  "v.source_key, v.target_name, v.target_country, v.target_code, v.target_key, v.location_name, "
                  "v.date, v.event_date, v.quote_id, a.publisher, a.title, a.url")


LEVELS = ("states", "actors")


def _actor_relations(con, date_from: str | None, date_to: str | None) -> list[dict[str, Any]]:
    """Directed actor-to-actor edges (actor keys), as queries.relations gives them for states."""
    where = ["a.duplicate_of IS NULL", "v.source_key IS NOT NULL", "v.target_key IS NOT NULL"]
    params: list[Any] = []
    if date_from:
        where.append("v.event_date >= ?")
        params.append(date_bound(date_from, "date_from"))
    if date_to:
        where.append("v.event_date <= ?")
        params.append(date_bound(date_to, "date_to"))
    return _rows(con, f"SELECT v.source_key AS source, v.target_key AS target, count(*) AS n_events, {queries._QUADS} "
                      "FROM events v JOIN articles a ON a.id = v.article_id WHERE " + " AND ".join(where) +
                      " GROUP BY 1, 2 ORDER BY n_events DESC, source, target", params)


def actor_names(con, keys: list[str]) -> dict[str, dict[str, Any]]:
    """Display name, English name, type and country of each actor key (the most used name)."""
    if not keys:
        return {}
    rows = _rows(con, "SELECT actor_key AS key, mode(name) AS name, max(name_en) AS name_en, mode(type) AS type, "
                      "mode(country) AS country FROM entities WHERE actor_key IN (SELECT unnest(?::VARCHAR[])) "
                      "GROUP BY 1", [list(keys)])
    return {r["key"]: r for r in rows}


def relations_graph(con, date_from: str | None = None, date_to: str | None = None,
                    min_events: int = 1, level: str = "states") -> dict[str, Any]:
    """The relations graph: nodes (states, or actors with level="actors", with their event counts)
    and undirected edges (both directions added up: counts by quad class, mean Goldstein weighted
    by events)."""
    if level not in LEVELS:
        raise InputError(f"level {level!r}: choose one of {', '.join(LEVELS)}")
    date_bound(date_from, "date_from")
    date_bound(date_to, "date_to")
    if level == "states":
        directed = queries.relations(con, date_from=date_from, date_to=date_to, min_events=1)
    else:
        directed = _actor_relations(con, date_from, date_to)
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for r in directed:
        a, b = sorted((r["source"], r["target"]))
        if a == b:
            continue
        e = pairs.setdefault((a, b), {"a": a, "b": b, "n_events": 0, "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 0,
                                      "goldstein_sum": 0.0, "goldstein_n": 0, "a_to_b": 0, "b_to_a": 0})
        n = int(r["n_events"])
        e["n_events"] += n
        for q in ("quad1", "quad2", "quad3", "quad4"):
            e[q] += int(r[q] or 0)
        if r.get("mean_goldstein") is not None:
            e["goldstein_sum"] += float(r["mean_goldstein"]) * n
            e["goldstein_n"] += n
        e["a_to_b" if r["source"] == a else "b_to_a"] += n
    edges = []
    for e in pairs.values():
        if e["n_events"] < min_events:
            continue
        gn = e.pop("goldstein_n")
        gs = e.pop("goldstein_sum")
        e["mean_goldstein"] = round(gs / gn, 3) if gn else None
        edges.append(e)
    edges.sort(key=lambda e: (-e["n_events"], e["a"], e["b"]))
    degree: dict[str, int] = {}
    for e in edges:
        degree[e["a"]] = degree.get(e["a"], 0) + e["n_events"]
        degree[e["b"]] = degree.get(e["b"], 0) + e["n_events"]
    nodes = [{"id": k, "n_events": v} for k, v in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"level": level, "nodes": nodes, "edges": edges}


def actor_dyad(con, a: str, b: str, period: str = "month", limit: int = 200) -> dict[str, Any]:
    """Events between two actors (actor keys), both directions: a timeline per period and the events."""
    if period not in PERIODS:
        raise InputError(f"period {period!r}: choose one of {', '.join(PERIODS)}")
    pair = "((v.source_key = ? AND v.target_key = ?) OR (v.source_key = ? AND v.target_key = ?))"
    timeline = _rows(con, f"SELECT date_trunc('{period}', v.event_date)::DATE AS period, count(*) AS n_events, "
                          f"{queries._QUADS} FROM events v JOIN articles a ON a.id = v.article_id "
                          f"WHERE a.duplicate_of IS NULL AND v.event_date IS NOT NULL AND {pair} GROUP BY 1 ORDER BY 1",
                     [a, b, b, a])
    events = _rows(con, f"SELECT {_EVENT_COLUMNS} FROM events v JOIN articles a ON a.id = v.article_id "
                        f"WHERE a.duplicate_of IS NULL AND {pair} "
                        "ORDER BY v.event_date DESC NULLS LAST, a.seq, v.trigger_start" + _page(limit, 0), [a, b, b, a])
    return {"timeline": timeline, "events": events}
