"""/actors: actors across the corpus (one row per actor key) by type, country, name, outlet, dates;
sorted, faceted (type, country), paged, exported."""
from __future__ import annotations

from typing import Any

from . import OUTLET, PUBLISHED, Page, Param, list_data, list_filters, paging

FILTERS = ("name", "type", "country", "outlet", "date_from", "date_to")
BY = {"mentions": "-n_mentions", "quotes": "-n_quotes", "articles": "-n_articles", "events": "-n_events"}


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    from ...errors import InputError
    by = args.get("by") or "mentions"
    if by not in BY:
        raise InputError(f"actors by {by!r}: choose one of {', '.join(BY)}")
    data = list_data(site, "actors", {**args, "sort": args.get("sort") or BY[by]}, list_filters(args, FILTERS),
                     "actors")
    data["by"] = by
    return data


PAGE = Page(
    "actors", "/actors", "actors.html", load, listing="actors", filters=FILTERS,
    summary="Actors across the corpus: most mentioned, quoted, in most articles or events",
    params=(Param("name", str, None, "a name (part, spelling folded), English name, kb_id or key"),
            Param("type", str, None, "PER | ORG | LOC (several: PER,ORG)"),
            Param("country", str, None, "ISO 3166-1 alpha-3"),
            OUTLET, *PUBLISHED,
            Param("by", str, "mentions", "mentions | quotes | articles | events (the default order)"),
            *paging()))
