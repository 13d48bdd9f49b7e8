"""/actors/{key}: one actor: its names, mentions over time (every month), the outlets that cover it, and
the first rows of what it said, what was said about it, the events it is the source or target of and
the articles that mention it, each with its total and a link to the whole filtered list."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import HTTPException

from . import Page

FIRST = 20   # rows of each list shown here; the list page has them all


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    from ...errors import InputError
    from ...store import queries
    con = site.cursor()
    key = queries.find_actor_key(con, args["key"])
    if key is None:
        try:
            key = queries.resolve_actor(con, args["key"])["key"]
        except InputError:
            raise HTTPException(404, f"no actor {args['key']!r} in the store") from None
    found = queries.actor_summary(con, key)
    state = found.get("country") if found.get("subtype") == "country" else None
    found["mentions_timeline"] = queries.mentions_timeline(con, key)
    found["links"] = links = {}

    def first(name: str, filters: dict[str, Any], out: str, sort: str | None = None) -> None:
        got = queries.first(con, name, filters, FIRST, sort)
        found[out], found[f"n_{out}"] = got["rows"], got["total"]
        links[out] = f"/{name}?" + urlencode(filters)

    first("quotes", {"speaker_key": key}, "quotes")
    first("quotes", {"about": key}, "quotes_about")
    # A state acts through its officials: its events are those whose side is the state (CAMEO's view).
    first("events", {"source_country": state} if state else {"source": key}, "events_as_source")
    first("events", {"target_country": state} if state else {"target": key}, "events_as_target")
    first("articles", {"actor": key}, "articles")
    totals = {r["outlet"]: r["n_articles"] for r in queries.outlets(con)}
    by_outlet = queries.facets(con, "articles", {"actor": key})["outlet"]["values"]
    found["outlets"] = [{"outlet": v["value"], "n_articles": v["n"], "outlet_articles": totals.get(v["value"], 0),
                         "coverage": round(v["n"] / totals[v["value"]], 6) if totals.get(v["value"]) else None}
                        for v in by_outlet]
    for r in found["events_as_source"] + found["events_as_target"]:
        r["cameo_name"] = site.cameo.name(r.get("cameo"))
    return found


PAGE = Page("actor", "/actors/{key:path}", "actor.html", load,
            summary="One actor: mentions over time, outlets, quotes by and about, events as source and target")
