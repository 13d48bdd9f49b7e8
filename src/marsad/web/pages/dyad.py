"""/dyads/{a}/{b}: two states (or two actors, level=actors), both directions: the timeline per day, week,
month or year (every period, empty ones as zeros) and the events, paged with their total."""
from __future__ import annotations

from typing import Any

from . import OUTLET, Page, Param, paging


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    from ...store import queries
    level = args.get("level") or "states"
    size, page_no = int(args.get("size") or site.page_size), int(args.get("page") or 1)
    con = site.cursor()
    d = queries.dyad(con, args["a"], args["b"], level=level, period=args.get("period") or "month",
                     outlet=args.get("outlet"), limit=size, offset=(page_no - 1) * size, sort=args.get("sort"))
    if level == "actors":
        names = queries.actor_names(con, [d["a"], d["b"]])
        d["a_name"] = (names.get(d["a"]) or {}).get("name") or d["a"]
        d["b_name"] = (names.get(d["b"]) or {}).get("name") or d["b"]
    else:
        d["a_name"], d["b_name"] = site.countries.ar(d["a"]), site.countries.ar(d["b"])
    for r in d["events"]:
        r["cameo_name"] = site.cameo.name(r.get("cameo"))
    pages = max(1, -(-d["total"] // size))
    d.update(page=page_no, size=size, pages=pages, has_next=page_no < pages, outlet=args.get("outlet"))
    return d


PAGE = Page(
    "dyad", "/dyads/{a}/{b}", "dyad.html", load,
    summary="A dyad's timeline (both directions, every period) and its events, paged",
    params=(Param("period", str, "month", "day | week | month | year", pattern="^(day|week|month|year)$"),
            Param("level", str, "states", "a and b are country codes (states) or actor keys (actors)",
                  pattern="^(states|actors)$"),
            OUTLET,
            *paging(100)))
