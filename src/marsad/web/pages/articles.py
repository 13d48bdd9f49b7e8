"""/articles: articles, newest first; `q` searches title and text with Arabic spelling folded (ترمب finds
ترامب), every word; filtered by outlet, dates and actor; sorted, faceted, paged, exported."""
from __future__ import annotations

from typing import Any

from . import OUTLET, PUBLISHED, Page, Param, list_data, list_filters, paging

FILTERS = ("outlet", "q", "date_from", "date_to", "actor")


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    from ...store import queries
    filters = list_filters({**args, "outlet": args.get("outlet") or args.get("publisher")}, FILTERS)
    data = list_data(site, "articles", args, filters, "articles")
    if args.get("q"):
        data["query"] = queries.parse_search(args["q"]).describe()
        queries.add_snippets(site.cursor(), data["articles"], args["q"])
    return data


PAGE = Page(
    "articles", "/articles", "articles.html", load, listing="articles", filters=FILTERS,
    summary="Articles, newest first: search (folded Arabic spelling, every word), outlet, dates, actor",
    params=(OUTLET,
            Param("publisher", str, None, "the same as outlet (older name)"),
            Param("q", str, None, "words in the title or text: all of them, spelling folded (ترمب = ترامب)"),
            *PUBLISHED,
            Param("actor", str, None, "articles that mention this actor (its key)"),
            *paging()))
