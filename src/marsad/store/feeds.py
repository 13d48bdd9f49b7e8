"""RSS and Atom feed files as article records (parsed with feedparser).

A feed item becomes a `Record`: its full content (`content:encoded`, Atom
`content`) or else its summary, as plain text with paragraph breaks kept; its
title, link, publication date, and the feed's title as the publisher.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..doc import Record
from ..errors import BadRecord, InputError

_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]", re.S | re.I)
_BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/h[1-6]|/li|/blockquote)\s*>")


@dataclass
class FeedItem:
    locator: int                     # 1-based position of the item in the feed
    record: Record | None = None
    error: InputError | None = None


def is_feed(data: bytes) -> bool:
    return bool(_FEED_START.match(data[:4000]))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per paragraph."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html
    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n", fragment)
    try:
        text = lxml.html.fromstring(f"<div>{marked}</div>").text_content()
    except Exception:  # lxml raises several types on broken markup; the fallback strips tags
        text = re.sub(r"<[^>]+>", " ", marked)
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def iter_feed(data: bytes, what: str) -> Iterator[FeedItem]:
    """The items of a feed file; an item without text yields an error naming it."""
    import feedparser
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise InputError(f"{what}: a feed with no items" + (f" ({str(reason).splitlines()[0]})" if reason else ""))
    publisher = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, 1):
        html = ""
        if entry.get("content"):
            html = max((c.get("value") or "" for c in entry.content), key=len)
        if not html.strip():
            html = entry.get("summary") or entry.get("description") or ""
        text = html_to_text(html)
        if not text.strip():
            yield FeedItem(n, error=BadRecord(f"{what} item {n}", "no text"))
            continue
        yield FeedItem(n, record=Record(text=text, id=entry.get("id") or None, title=entry.get("title") or None,
                                        url=entry.get("link") or None, publisher=publisher,
                                        published=entry.get("published") or entry.get("updated") or None))
