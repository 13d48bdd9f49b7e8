"""Offices and their holders over time: who was `الرئيس الأميركي` on the article's date.

`OfficeIndex` groups every person's `Position`s by office key once; `holders` answers "who held this
office (of this state or body) on this date", `offices` "which offices did this person hold then".
Dates are read by `marsad.text.dates.parse_date` (ISO dates, year-months, years, timestamps, RSS dates).
"""
from __future__ import annotations

import re

from ..text.dates import parse_date
from .model import KBEntry, Position

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class OfficeIndex:
    """Every office of the knowledge base's people, by office key. Read-only."""

    def __init__(self, entries: dict[str, KBEntry]):
        self.entries = entries
        self.by_position: dict[str, list[tuple[KBEntry, Position]]] = {}
        for e in entries.values():
            for p in e.positions:
                self.by_position.setdefault(p.position, []).append((e, p))

    def holders(self, position: str, country: str | None = None, org: str | None = None,
                date: str | None = None) -> list[KBEntry]:
        """People holding `position` (of `country` and/or `org`) on `date`; date None -> the most recent
        holder(s). Heaviest first. The third positional argument may be the date (org ids start with "org:",
        dates with a digit).

        >>> kb.holders("head_of_state", "USA", "2018-04-08")      # doctest: +SKIP
        [KBEntry(id='per:donald-trump', ...)]
        """
        if org is not None and date is None and _DATE_RE.match(org[:10]):
            org, date = None, org
        date = parse_date(date, partial=True)
        candidates = [(e, p) for e, p in self.by_position.get(position, ())
                      if (country is None or p.country == country) and (org is None or p.org == org)]
        if date is None:
            current = [(e, p) for e, p in candidates if p.end is None]
            if current:
                chosen = current
            else:
                latest = max((p.end or "" for _, p in candidates), default=None)
                chosen = [(e, p) for e, p in candidates if p.end == latest]
        else:
            chosen = [(e, p) for e, p in candidates if p.covers(date)]
        seen: dict[str, KBEntry] = {}
        for e, _ in chosen:
            seen.setdefault(e.id, e)
        return sorted(seen.values(), key=lambda e: -e.weight)

    def offices(self, kb_id: str, date: str | None = None) -> list[Position]:
        """The offices a person held on `date` (any form `holders` reads); all of them when date is None."""
        e = self.entries.get(kb_id)
        if e is None:
            return []
        day = parse_date(date, partial=True)
        return [p for p in e.positions if day is None or p.covers(day)]


__all__ = ["OfficeIndex"]
