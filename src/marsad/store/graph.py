"""Relations over time: the graph of states or of actors, a dyad's timeline and events, and how
often an actor is mentioned per period. Filters are the events list's (lists.py), so an outlet,
a date range or near-duplicates narrow a graph exactly as they narrow the events list.
"""
from __future__ import annotations

from typing import Any

from ..errors import InputError
from . import lists
from .sql import QUADS, Where, check_period, date_param, rows

LEVELS = ("states", "actors")
# Actors drawn at the actor level: people and organizations (an actor key is a kb id, "per:...",
# "org:...", or "TYPE:name": its type is what comes before the first colon, in any case).
GRAPH_TYPES = ("PER", "ORG")
# The most links an actor graph shows by default: beyond a few hundred lines no label can be read.
# The threshold is raised until the graph fits, and the answer says which threshold it took.
MAX_ACTOR_EDGES = 150


def _directed(con, level: str, filters: dict[str, Any]) -> list[dict[str, Any]]:
    base, params = lists.get("events").base(lists.get("events").check(filters))
    if level == "states":
        src, tgt, keep = "source_country", "target_country", ""
    else:
        src, tgt = "source_key", "target_key"
        types = ", ".join(f"'{t}'" for t in GRAPH_TYPES)
        keep = (f" AND upper(split_part(source_key, ':', 1)) IN ({types})"
                f" AND upper(split_part(target_key, ':', 1)) IN ({types})")
    return rows(con, f"SELECT {src} AS source, {tgt} AS target, count(*) AS n_events, {QUADS} FROM ({base}) AS v "
                     f"WHERE {src} IS NOT NULL AND {tgt} IS NOT NULL{keep} GROUP BY 1, 2", params)


def relations_graph(con, date_from: str | None = None, date_to: str | None = None, min_events: int | None = None,
                    level: str = "states", outlet: str | list[str] | None = None,
                    max_edges: int | None = None) -> dict[str, Any]:
    """Nodes (states, or people and organizations with level="actors", with their event counts) and
    undirected edges (both directions added up: counts by quad class, mean Goldstein weighted by events).

    `min_events` keeps edges with at least that many events. Left out at the actor level, the
    threshold is the smallest that leaves at most `max_edges` (MAX_ACTOR_EDGES) edges. The answer
    says how many edges there were in all (`n_edges_total`) and which threshold it applied."""
    if level not in LEVELS:
        raise InputError(f"level {level!r}: choose one of {', '.join(LEVELS)}")
    if min_events is not None and int(min_events) < 1:
        raise InputError("min_events must be 1 or more")
    date_param(date_from, "date_from")
    date_param(date_to, "date_to")
    directed = _directed(con, level, {"date_from": date_from, "date_to": date_to, "outlet": outlet})
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
    every = sorted(pairs.values(), key=lambda e: (-e["n_events"], e["a"], e["b"]))
    threshold = int(min_events) if min_events is not None else 1
    if min_events is None and level == "actors":
        cap = max_edges or MAX_ACTOR_EDGES
        while sum(1 for e in every if e["n_events"] >= threshold) > cap:
            threshold += 1
    edges = []
    for e in every:
        if e["n_events"] < threshold:
            continue
        gn, gs = e.pop("goldstein_n"), e.pop("goldstein_sum")
        e["mean_goldstein"] = round(gs / gn, 3) if gn else None
        edges.append(e)
    degree: dict[str, int] = {}
    for e in edges:
        degree[e["a"]] = degree.get(e["a"], 0) + e["n_events"]
        degree[e["b"]] = degree.get(e["b"], 0) + e["n_events"]
    nodes = [{"id": k, "n_events": v} for k, v in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    if level == "actors":
        names = actor_names(con, [n["id"] for n in nodes])
        for n in nodes:
            known = names.get(n["id"], {})
            n.update(name=known.get("name") or n["id"], name_en=known.get("name_en"), type=known.get("type"),
                     country=known.get("country"))
    return {"level": level, "nodes": nodes, "edges": edges, "n_edges_total": len(every), "min_events": threshold}


def actor_names(con, keys: list[str]) -> dict[str, dict[str, Any]]:
    """Display name, English name, type and country of each actor key (the most used name)."""
    if not keys:
        return {}
    found = rows(con, "SELECT actor_key AS key, mode(name) AS name, max(name_en) AS name_en, mode(type) AS type, "
                      "mode(country) AS country FROM entities WHERE actor_key IN (SELECT unnest(?::VARCHAR[])) "
                      "GROUP BY 1", [list(keys)])
    return {r["key"]: r for r in found}


def dyad(con, a: str, b: str, level: str = "states", period: str = "month", outlet: str | list[str] | None = None,
         date_from: str | None = None, date_to: str | None = None, limit: int | None = 100,
         offset: int | None = 0, sort: str | None = None) -> dict[str, Any]:
    """Events between two states (country or actor codes) or two actors (keys), both directions: the
    timeline per period (every period, empty ones as zeros) and a page of the events with its total."""
    check_period(period)
    if level == "states":
        a, b = a.strip().upper(), b.strip().upper()
        f: dict[str, Any] = {"states": (a, b)}
    elif level == "actors":
        f = {"pair": (a, b)}
    else:
        raise InputError(f"level {level!r}: choose one of {', '.join(LEVELS)}")
    f.update(outlet=outlet, date_from=date_from, date_to=date_to)
    found = lists.page(con, "events", f, sort, limit, offset)
    return {"a": a, "b": b, "level": level, "period": period, "timeline": lists.timeline(con, "events", f, period),
            "events": found["rows"], "total": found["total"], "limit": found["limit"], "offset": found["offset"]}


def actor_dyad(con, a: str, b: str, period: str = "month", limit: int = 200) -> dict[str, Any]:
    """Events between two actors (actor keys), both directions: a timeline per period and the events."""
    d = dyad(con, a, b, level="actors", period=period, limit=limit)
    return {"timeline": d["timeline"], "events": d["events"], "total": d["total"]}


def mentions_timeline(con, key: str, period: str = "month", outlet: str | list[str] | None = None) -> list[dict[str, Any]]:
    """How often an actor (its actor_key) is mentioned per period of publication: mentions and articles,
    every period from the first to the last."""
    check_period(period)
    w = Where()
    lists.article_filters(w, {"outlet": outlet})
    w.add("e.actor_key = ?", key)
    w.add("a.published_date IS NOT NULL")
    found = rows(con, f"""
WITH t AS (
    SELECT date_trunc('{period}', a.published_date)::DATE AS period, sum(e.n_mentions)::BIGINT AS n_mentions,
           count(DISTINCT e.article_id) AS n_articles
    FROM entities e JOIN articles a ON a.id = e.article_id {w.sql()} GROUP BY 1
), s AS (
    SELECT unnest(generate_series(min(period)::TIMESTAMP, max(period)::TIMESTAMP, INTERVAL 1 {period}))::DATE AS period
    FROM t
)
SELECT s.period, coalesce(t.n_mentions, 0) AS n_mentions, coalesce(t.n_articles, 0) AS n_articles
FROM s LEFT JOIN t ON t.period = s.period ORDER BY 1""", w.params)
    return found
