"""/articles/{id}: one article, its text with every span drawn, and its record (the JSON twin). The
places it was read from are shown by file name only: the server's folders are nobody else's business."""
from __future__ import annotations

from pathlib import PurePath
from typing import Any

from fastapi import HTTPException

from . import Page


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    from ...store import queries
    rec = queries.get_article(site.cursor(), args["article_id"])
    if rec is None:
        raise HTTPException(404, f"no article {args['article_id']!r} in the store")
    for s in rec.get("sources") or []:
        s["origin"] = PurePath(str(s.get("origin") or "")).name
    return rec


def view(site, rec: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    from ..views import article_view
    return {"v": article_view(rec, site.cameo, countries=site.countries), "record": rec}


PAGE = Page("article", "/articles/{article_id:path}", "article.html", load, view=view,
            summary="One article: the full document record, with the file names it was read from")
