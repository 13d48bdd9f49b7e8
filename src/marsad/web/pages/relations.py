"""/relations: the graph of relations between states, or between people and organizations
(level=actors), with an outlet and a date filter. At the actor level the graph keeps the links with
the most events, as many as can be read, and says how many it left out and at which threshold."""
from __future__ import annotations

from typing import Any

from . import EVENT_DATES, OUTLET, Page, Param
from ..views import QUAD_NAMES

# Larger than any store's count of events: a bigger number is out of range (400), not a query.
MAX_EVENTS = 1_000_000_000


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    from ...store import queries
    level = args.get("level") or "states"
    graph = queries.relations_graph(site.cursor(), date_from=args.get("date_from"), date_to=args.get("date_to"),
                                    min_events=args.get("min_events"), level=level, outlet=args.get("outlet"))
    if level == "states":
        for n in graph["nodes"]:
            n["name"] = site.countries.ar(n["id"])
            n["name_en"] = site.countries.en(n["id"])
    label = {n["id"]: n["name"] for n in graph["nodes"]}
    for e in graph["edges"]:
        e["a_name"], e["b_name"] = label.get(e["a"], e["a"]), label.get(e["b"], e["b"])
    graph["quad_names"] = {str(k): v for k, v in QUAD_NAMES.items()}
    graph["date_from"], graph["date_to"] = args.get("date_from"), args.get("date_to")
    graph["outlet"] = args.get("outlet")
    return graph


PAGE = Page(
    "relations", "/relations", "relations.html", load,
    summary="The relations graph of states (or of people and organizations): edges with counts by quad class "
            "and mean Goldstein",
    params=(*EVENT_DATES,
            Param("min_events", int, None, "keep links with at least this many events (at the actor level, "
                  "left out: the smallest threshold that keeps the graph readable)", ge=1, le=MAX_EVENTS),
            Param("level", str, "states", "states (countries) or actors (people and organizations)",
                  pattern="^(states|actors)$"),
            OUTLET))
