"""/outlets: every outlet (publisher) with its articles, date range, quotes, events and framing, and the
form that puts two or more of them side by side on one actor."""
from __future__ import annotations

from typing import Any

from . import PUBLISHED, Page


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    from ...store import queries
    con = site.cursor()
    return {"outlets": queries.outlets(con, date_from=args.get("date_from"), date_to=args.get("date_to")),
            "date_from": args.get("date_from"), "date_to": args.get("date_to")}


PAGE = Page("outlets", "/outlets", "outlets.html", load,
            summary="Outlets: articles, date range, quotes, events and framing of each",
            params=PUBLISHED)
