"""The store's SQL helpers, shared by its read modules (queries, lists, outlets, graph, search).

Private to `marsad.store`: the CLI and the web UI call the read functions, never these.
Every value reaches SQL as a parameter; the only text spliced into SQL is the store's own
(column names from a whitelist, LIMIT/OFFSET integers checked here).
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from ..errors import InputError
from ..text.dates import date_bound

DEFAULT_LIMIT = 50
# The largest offset a list accepts: past it DuckDB's 64-bit arithmetic is not the limit, the user's
# patience is; a larger page number is a mistake, and says so instead of failing inside the database.
MAX_OFFSET = 10**12


def plain(v: Any) -> Any:
    """A value as JSON carries it: dates as ISO strings."""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


def rows(con, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [{c: plain(v) for c, v in zip(cols, row)} for row in cur.fetchall()]


def scalar(con, sql: str, params: list[Any] | None = None) -> Any:
    row = con.execute(sql, params or []).fetchone()
    return plain(row[0]) if row else None


def stream(con, sql: str, params: list[Any] | None = None, batch: int = 1000) -> tuple[list[str], Iterator[tuple]]:
    """The column names and an iterator over every row, read `batch` rows at a time (for exports)."""
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]

    def gen() -> Iterator[tuple]:
        while chunk := cur.fetchmany(batch):
            for row in chunk:
                yield tuple(plain(v) for v in row)
    return cols, gen()


def page(limit: int | None, offset: int | None) -> str:
    """LIMIT/OFFSET as SQL: `limit` 0 means no limit; None means DEFAULT_LIMIT."""
    lim = DEFAULT_LIMIT if limit is None else int(limit)
    off = 0 if offset is None else int(offset)
    if lim < 0 or off < 0:
        raise InputError("limit and offset must be zero or more")
    if off > MAX_OFFSET or lim > MAX_OFFSET:
        raise InputError(f"offset {off:,} is past any list the store can hold (at most {MAX_OFFSET:,})")
    return f" LIMIT {lim} OFFSET {off}" if lim else f" OFFSET {off}"


def like(text: str) -> str:
    """A LIKE pattern (ESCAPE '\\') that finds `text` anywhere."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def date_param(value: str | None, what: str) -> str | None:
    """A date filter (YYYY-MM-DD, YYYY-MM or YYYY) as an ISO date, or None; InputError if malformed.
    Dates are parsed in marsad.text.dates only."""
    return date_bound(value, what)


class Where:
    """WHERE clauses and their parameters, side by side."""

    def __init__(self):
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""

    def copy(self) -> "Where":
        w = Where()
        w.clauses, w.params = list(self.clauses), list(self.params)
        return w


def originals(w: Where, include_duplicates: bool, alias: str = "a") -> None:
    """Leave near-duplicate articles out (a story is counted once) unless asked for."""
    if not include_duplicates:
        w.add(f"{alias}.duplicate_of IS NULL")


QUADS = ("count(*) FILTER (WHERE quad_class = 1) AS quad1, count(*) FILTER (WHERE quad_class = 2) AS quad2, "
         "count(*) FILTER (WHERE quad_class = 3) AS quad3, count(*) FILTER (WHERE quad_class = 4) AS quad4, "
         "round(avg(goldstein), 3) AS mean_goldstein")

PERIODS = ("day", "week", "month", "year")


def check_period(period: str) -> str:
    if period not in PERIODS:
        raise InputError(f"period {period!r}: choose one of {', '.join(PERIODS)}")
    return period
