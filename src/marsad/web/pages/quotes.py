"""/quotes: quotes across the corpus by speaker, outlet, stance, kind, chain of transmission, words
(folded), dates; sorted, faceted (outlet, stance, kind), paged, exported whole."""
from __future__ import annotations

from typing import Any

from . import OUTLET, PUBLISHED, Page, Param, list_data, list_filters, paging

FILTERS = ("speaker", "speaker_key", "outlet", "stance", "kind", "chain", "chain_role", "q", "about",
           "article_id", "date_from", "date_to")


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    return list_data(site, "quotes", args, list_filters(args, FILTERS), "quotes")


PAGE = Page(
    "quotes", "/quotes", "quotes.html", load, listing="quotes", filters=FILTERS,
    summary="Quotes, filtered by speaker, outlet, stance, chain, text, dates",
    params=(Param("speaker", str, None, "speaker name (part), English name, kb_id or description"),
            Param("speaker_key", str, None, "the speaker's actor key, exactly"),
            OUTLET,
            Param("stance", str, None, "cue stance: neutral, doubting, pejorative, affirming, ..."),
            Param("kind", str, None, "direct | indirect | mixed | fragment"),
            Param("chain", str, None, "a name or key in the chain of transmission (part of a name)"),
            Param("chain_role", str, None, "said_to | relayed_by | published_by | none"),
            Param("q", str, None, "words in the quote (all, spelling folded)"),
            Param("about", str, None, "quotes that mention this actor (key), said by someone else"),
            Param("article_id", str, None, "the quotes of one article"),
            *PUBLISHED,
            *paging()))
