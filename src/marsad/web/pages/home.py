"""/ (JSON: /api/stats): corpus counts, the outlets, the latest articles and the most mentioned actors."""
from __future__ import annotations

from typing import Any

from . import Page


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    if not site.services.has_store:
        return {"stats": None, "articles": [], "actors": [], "outlets": []}
    from ...store import queries
    con = site.cursor()
    return {"stats": queries.stats(con), "articles": queries.list_articles(con, limit=12),
            "actors": queries.actors(con, limit=12), "outlets": queries.outlets(con)}


PAGE = Page("home", "/", "home.html", load, summary="Corpus counts, outlets, recent articles and top actors "
            "(the home page)", api_path="/api/stats", needs_store=False)
