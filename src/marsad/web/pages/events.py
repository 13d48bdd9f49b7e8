"""/events: CAMEO/PLOVER events by dyad, root, quad class, actor, country, outlet, dates, with their
timeline (every month, by quad class); sorted, faceted, paged, exported."""
from __future__ import annotations

from typing import Any

from . import EVENT_DATES, OUTLET, Page, Param, frozen, list_data, list_filters, paging

AUTO_MONTHS = 72   # the timeline is monthly up to six years, yearly beyond (period=auto)
FILTERS = ("dyad", "root", "quad", "actor", "source", "target", "source_country", "target_country", "country",
           "outlet", "date_from", "date_to")


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    from ...store import queries
    filters = list_filters(args, FILTERS)
    data = list_data(site, "events", args, filters, "events")
    period = args.get("period") or "auto"

    def timeline(p: str) -> list[dict[str, Any]]:   # per filter set: every page and order of them shares it
        return site.services.memo(("events timeline", p, frozen(filters)),
                                  lambda: queries.timeline(site.cursor(), "events", filters, p))
    rows = timeline("month" if period == "auto" else period)
    if period == "auto" and len(rows) > AUTO_MONTHS:  # events dated decades back: a bar a year reads better
        period, rows = "year", timeline("year")
    data["period"], data["timeline"] = "month" if period == "auto" else period, rows
    for r in data["events"]:
        r["cameo_name"] = site.cameo.name(r.get("cameo"))
    return data


PAGE = Page(
    "events", "/events", "events.html", load, listing="events", filters=FILTERS,
    summary="Events (CAMEO/PLOVER), filtered by dyad, root, quad, actor, outlet, dates, with their timeline",
    params=(Param("dyad", str, None, "SRC-TGT country or actor codes, e.g. ISR-AZE"),
            Param("root", str, None, "CAMEO root or code prefix, e.g. 04 or 042"),
            Param("quad", int, None, "quad class 1-4", ge=1, le=4),
            Param("actor", str, None, "an actor key as source or target"),
            Param("source", str, None, "the source's actor key"), Param("target", str, None, "the target's actor key"),
            Param("source_country", str, None, "the source's country (ISO alpha-3)"),
            Param("target_country", str, None, "the target's country"),
            Param("country", str, None, "a country on either side"),
            OUTLET, *EVENT_DATES,
            Param("period", str, "auto", "the timeline's period: auto (monthly up to six years, else yearly), day, "
                  "week, month or year", pattern="^(auto|day|week|month|year)$"),
            *paging()))
