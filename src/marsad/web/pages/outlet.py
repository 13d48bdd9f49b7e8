"""/outlets/{name}: one outlet: its articles over time (every month), the cue stances of the quotes it
carries, its framing and the loaded labels it uses most, and its profile: per actor, coverage, quotes by
stance, labels and scare quotes applied to it, events by quad class (sortable; each links to the
comparison of this outlet with the others on that actor)."""
from __future__ import annotations

from typing import Any

from . import PUBLISHED, Page, Param

SORTS = ("n_articles", "coverage", "n_mentions", "n_quotes", "n_loaded_labels", "n_scare_quotes")


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    from ...store import queries
    con = site.cursor()
    name = queries.resolve_outlet(con, args["name"])
    dates = {"date_from": args.get("date_from"), "date_to": args.get("date_to")}
    summary = queries.outlet(con, name, **dates)
    f = {"outlet": name, **{k: v for k, v in dates.items() if v}}
    return {
        "outlet": summary, "others": [r["outlet"] for r in queries.outlets(con) if r["outlet"] != name],
        "timeline": queries.timeline(con, "articles", f, "month"),
        "stances": queries.facets(con, "quotes", f, only=("stance",))["stance"]["values"],
        "framing": queries.outlet_framing(con, name, **dates),
        "profile": queries.profile(con, name, limit=args.get("limit") or 40, sort=args.get("sort") or "n_articles",
                                   **dates),
        "sort": args.get("sort") or "n_articles", **dates}


PAGE = Page("outlet", "/outlets/{name:path}", "outlet.html", load,
            summary="One outlet: articles over time, quote stances, framing, and its profile of actors",
            params=(*PUBLISHED,
                    Param("sort", str, "n_articles", "the profile's order: " + ", ".join(SORTS),
                          pattern="^(" + "|".join(SORTS) + ")$"),
                    Param("limit", int, 40, "actors in the profile", ge=1, le=500)))
