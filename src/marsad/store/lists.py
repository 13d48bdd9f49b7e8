"""The store's lists (articles, quotes, events, actors) as one kind of thing: filtered in SQL,
counted, paged, sorted, faceted and streamed whole, the same way for the CLI, the web pages,
their JSON twins and the exports.

    page(con, "quotes", {"outlet": "BBC", "stance": "doubting"}, sort="-published_date", limit=50, offset=0)
        -> {"rows": [...], "total": 73, "limit": 50, "offset": 0, "sort": "-published_date"}
    facets(con, "quotes", {"outlet": "BBC"}) -> {"outlet": [{"value": "BBC", "n": 1870}, ...], "stance": [...]}
    stream(con, "quotes", {"outlet": "BBC"}) -> (columns, iterator over every row)

A list is a query that yields one row per item with every filter applied (`Listing.base`); the
rest is generic. A facet counts the values of one column under every filter but its own (as
faceted search does: the counts say what choosing another value would give). Unknown filters,
sorts and facets are refused with a one-line InputError, never ignored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..errors import InputError
from . import search
from .sql import DEFAULT_LIMIT, QUADS, Where, check_period, date_param, like, originals, page as page_sql, plain, rows
from .sql import scalar
from .sql import stream as stream_sql

CHAIN_ROLES = ("said_to", "relayed_by", "published_by")
FACET_SIZE = 30   # values shown per facet (the biggest); the facet says when there are more


Base = Callable[[dict[str, Any]], tuple[str, list[Any]]]


@dataclass(frozen=True)
class Listing:
    name: str
    # (filters) -> (SQL yielding one row per item, params). Filters are already validated.
    base: Base
    filters: dict[str, str]             # name -> what it does (help text, and the whitelist)
    order: str                          # default ORDER BY (also every sort's tie-breaker)
    sorts: tuple[str, ...]              # columns a user may sort on
    facets: dict[str, str] = field(default_factory=dict)   # facet name (= its filter) -> column
    hidden: tuple[str, ...] = ("seq",)  # columns used for ordering only, left out of the output
    # Columns added to the rows shown only (a page, an export batch) by one query over those rows: what is
    # costly and needed neither to filter, count, sort nor facet (a quote's chain, an actor's names).
    decorate: Callable[[Any, list[dict[str, Any]]], None] | None = None
    decorate_columns: tuple[str, ...] = ()
    counter: Base | None = None         # a cheaper query of the same rows' count, as "SELECT count(*) ..."
    facet_base: Base | None = None      # a cheaper query of the rows facets count (with `facet_key`)
    facet_key: str | None = None        # count distinct values of this column in a facet, not rows

    def check(self, filters: dict[str, Any]) -> dict[str, Any]:
        unknown = [k for k, v in filters.items() if k not in self.filters and v not in (None, "", [], False)]
        if unknown:
            raise InputError(f"{self.name}: unknown filter {unknown[0]!r}; filters are {', '.join(self.filters)}")
        return {k: v for k, v in filters.items() if v not in (None, "", [])}

    def order_by(self, sort: str | None) -> str:
        if not sort:
            return self.order
        column = sort.lstrip("-")
        if column not in self.sorts:
            raise InputError(f"{self.name}: cannot sort on {column!r}; sortable columns are {', '.join(self.sorts)}")
        direction = "DESC NULLS LAST" if sort.startswith("-") else "ASC NULLS LAST"
        return f'"{column}" {direction}, {self.order}'

    def rows_sql(self, filters: dict[str, Any], sort: str | None, paging: str = "",
                 extra: str = "") -> tuple[str, list[Any]]:
        """The rows in order (a page of them with `paging`), without the hidden columns (`extra`: more
        columns, as SQL)."""
        sql, params = self.base(self.check(filters))
        hide = f" EXCLUDE ({', '.join(self.hidden)})" if self.hidden else ""
        return f"SELECT *{hide}{extra} FROM ({sql}) AS p ORDER BY {self.order_by(sort)}{paging}", params

    def count_sql(self, filters: dict[str, Any]) -> tuple[str, list[Any]]:
        checked = self.check(filters)
        if self.counter:
            return self.counter(checked)
        sql, params = self.base(checked)
        return f"SELECT count(*) FROM ({sql}) AS c", params


def page(con, name: str, filters: dict[str, Any] | None = None, sort: str | None = None,
         limit: int | None = DEFAULT_LIMIT, offset: int | None = 0, total: int | None = None) -> dict[str, Any]:
    """One page of a list and the total it is a page of (pass `total` when it is known already)."""
    listing = get(name)
    filters = filters or {}
    paging = page_sql(limit, offset)  # checks limit/offset before any query runs
    if total is None:   # a count reads only the filter columns: cheaper than a window over whole rows
        total = scalar(con, *listing.count_sql(filters))
    found = rows(con, *listing.rows_sql(filters, sort, paging)) if total else []
    if found and listing.decorate:
        listing.decorate(con, found)
    return {"rows": found, "total": int(total or 0), "limit": DEFAULT_LIMIT if limit is None else int(limit),
            "offset": int(offset or 0), "sort": sort or None}


def first(con, name: str, filters: dict[str, Any], n: int, sort: str | None = None) -> dict[str, Any]:
    """The first `n` rows of a list and its total in one query (a window over the filtered rows): for the
    short previews of a page (an actor's quotes, its events), where the filters leave few rows."""
    listing = get(name)
    found = rows(con, *listing.rows_sql(filters, sort, page_sql(n, 0), ", count(*) OVER () AS total_rows"))
    total = found[0]["total_rows"] if found else 0
    for r in found:
        r.pop("total_rows")
    if found and listing.decorate:
        listing.decorate(con, found)
    return {"rows": found, "total": int(total), "limit": n, "offset": 0, "sort": sort}


def count(con, name: str, filters: dict[str, Any] | None = None) -> int:
    return int(scalar(con, *get(name).count_sql(filters or {})) or 0)


def facets(con, name: str, filters: dict[str, Any] | None = None, size: int = FACET_SIZE,
           only: tuple[str, ...] | None = None) -> dict[str, dict[str, Any]]:
    """Per facet (all of the list's, or `only` these): its values with counts (most first) under every filter
    but its own, and how many distinct values there are."""
    return facets_and_total(con, name, filters, size, only)[0]


def facets_and_total(con, name: str, filters: dict[str, Any] | None = None, size: int = FACET_SIZE,
                     only: tuple[str, ...] | None = None) -> tuple[dict[str, dict[str, Any]], int]:
    """The facets and the list's total, in as few passes as possible: the facets whose own filter is not
    set share one query (grouping sets), and its empty grouping set is the total."""
    listing = get(name)
    filters = listing.check(filters or {})
    counted = f'count(DISTINCT "{listing.facet_key}")' if listing.facet_key else "count(*)"
    wanted = {k: v for k, v in listing.facets.items() if only is None or k in only}
    groups: dict[tuple, list[str]] = {(): []}
    for facet in wanted:   # the facets that ignore the same filter share a base
        groups.setdefault(tuple(sorted(k for k in filters if k == facet)), []).append(facet)
    out: dict[str, dict[str, Any]] = {}
    total: int | None = None
    for ignored, names in groups.items():
        whole = not ignored   # the base with every filter: its empty grouping set is the total
        if not names:   # every facet has its own filter set: the total is counted on its own below
            continue
        others = {k: v for k, v in filters.items() if k not in ignored}
        sql, params = (listing.facet_base or listing.base)(others)
        columns = [f'"{wanted[f]}"' for f in names] or ["NULL"]
        sets = [f"({c})" for c in columns[:len(names)]] + (["()"] if whole and not listing.facet_base else [])
        which = ", ".join(columns)
        found = con.execute(f"SELECT {which}, grouping_id({which}) AS g, {counted} AS n FROM ({sql}) AS t "
                            f"GROUP BY GROUPING SETS ({', '.join(sets)})", params).fetchall()
        everything = (1 << len(columns)) - 1
        for r in found:
            if whole and r[-2] == everything:
                total = int(r[-1])
        for i, facet in enumerate(names):
            mask = everything - (1 << (len(columns) - 1 - i))   # grouping_id of this facet's set
            values = sorted(((r[i], r[-1]) for r in found if r[-2] == mask and r[i] is not None),
                            key=lambda vn: (-vn[1], str(vn[0])))
            out[facet] = {"values": [{"value": plain(v), "n": n} for v, n in values[:size]],
                          "n_values": len(values), "selected": filters.get(facet)}
    if total is None:
        total = count(con, name, filters)
    return {f: out[f] for f in wanted}, total


def stream(con, name: str, filters: dict[str, Any] | None = None,
           sort: str | None = None) -> tuple[list[str], Iterator[tuple]]:
    """Every row of a filtered list, in order, read in batches: for CSV and JSON exports."""
    listing = get(name)
    columns, found = stream_sql(con, *listing.rows_sql(filters or {}, sort))
    if not listing.decorate:
        return columns, found
    extra = [c for c in listing.decorate_columns if c not in columns]
    decor = con.cursor()  # the export's cursor is busy reading: the decoration asks on its own

    def decorated() -> Iterator[tuple]:
        batch: list[dict[str, Any]] = []
        for row in found:
            batch.append(dict(zip(columns, row)))
            if len(batch) == 1000:
                yield from _decorated(batch)
                batch = []
        if batch:
            yield from _decorated(batch)

    def _decorated(batch: list[dict[str, Any]]) -> Iterator[tuple]:
        listing.decorate(decor, batch)
        for r in batch:
            yield tuple(r.get(c) for c in columns + extra)
    return columns + extra, decorated()


# What a timeline of each list counts per period, and on which date.
TIMELINES = {
    "articles": ("published_date", "count(*) AS n_articles"),
    "quotes": ("published_date", "count(*) AS n_quotes"),
    "events": ("event_date", "count(*) AS n_events, " + QUADS),
}


def timeline(con, name: str, filters: dict[str, Any] | None = None, period: str = "month") -> list[dict[str, Any]]:
    """Counts per period (day, week, month, year) of a filtered list, every period from the first to the
    last included: a period with nothing is a row of zeros, so a chart's time axis is true."""
    check_period(period)
    if name not in TIMELINES:
        raise InputError(f"no timeline for {name!r}: choose one of {', '.join(TIMELINES)}")
    column, measures = TIMELINES[name]
    base, params = get(name).base(get(name).check(filters or {}))
    found = rows(con, f"""
WITH t AS (
    SELECT date_trunc('{period}', {column})::DATE AS period, {measures}
    FROM ({base}) AS b WHERE {column} IS NOT NULL GROUP BY 1
), s AS (
    SELECT unnest(generate_series(min(period)::TIMESTAMP, max(period)::TIMESTAMP, INTERVAL 1 {period}))::DATE AS period
    FROM t
)
SELECT s.period, t.* EXCLUDE (period) FROM s LEFT JOIN t ON t.period = s.period ORDER BY 1""", params)
    for r in found:
        for k, v in r.items():
            if v is None and (k.startswith("n_") or k.startswith("quad")):
                r[k] = 0
    return found


# --- filters shared by the lists ---------------------------------------------------------------------------

def article_filters(w: Where, f: dict[str, Any], alias: str = "a", dates_on: str | None = None) -> None:
    """Filters on the article a row comes from: outlet, dates, near-duplicates."""
    originals(w, bool(f.get("include_duplicates")), alias)
    outlet = f.get("outlet") or f.get("publisher")
    if outlet:
        outlets = outlet if isinstance(outlet, (list, tuple)) else [outlet]
        w.add(f"lower({alias}.publisher) IN (SELECT lower(unnest(?::VARCHAR[])))", list(outlets))
    on = dates_on or f"{alias}.published_date"
    if f.get("date_from"):
        w.add(f"{on} >= ?", date_param(f["date_from"], "date_from"))
    if f.get("date_to"):
        w.add(f"{on} <= ?", date_param(f["date_to"], "date_to"))


def _search(w: Where, text: str | None, column: str) -> None:
    if text:
        clause, params = search.parse(text).where(column)
        w.add(clause, *params)


_ARTICLE_FILTERS = {
    "outlet": "the publisher (exact, any case; several allowed)",
    "date_from": "published on or after (YYYY-MM-DD, YYYY-MM or YYYY)",
    "date_to": "published on or before",
    "include_duplicates": "also near-duplicate articles",
}


# --- articles ------------------------------------------------------------------------------------------------

def _articles(f: dict[str, Any]) -> tuple[str, list[Any]]:
    w = Where()
    article_filters(w, f)
    _search(w, f.get("q") or f.get("text"), "a.search_text")
    if f.get("actor"):
        w.add("EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND e.actor_key = ?)", f["actor"])
    return ("SELECT a.id, a.title, a.publisher, a.published, a.published_date, a.url, a.n_chars, a.n_entities, "
            "a.n_quotes, a.n_events, a.n_framing, a.duplicate_of, a.seq FROM articles a" + w.sql(), w.params)


ARTICLES = Listing(
    "articles", _articles,
    filters={**_ARTICLE_FILTERS, "publisher": "the same as outlet", "q": "words in the title or text (folded)",
             "text": "the same as q", "actor": "articles that mention this actor (its key)"},
    order="published_date DESC NULLS LAST, seq",
    sorts=("published_date", "title", "publisher", "n_chars", "n_entities", "n_quotes", "n_events", "n_framing"),
    facets={"outlet": "publisher"})


# --- quotes --------------------------------------------------------------------------------------------------

def _quotes(f: dict[str, Any]) -> tuple[str, list[Any]]:
    w = Where()
    article_filters(w, f)
    speaker = f.get("speaker")
    if speaker:
        w.add("(q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_kb_id = ? OR q.speaker_key = ? "
              "OR q.speaker_description LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM entities e "
              "WHERE e.article_id = q.article_id AND e.entity_id = q.speaker_entity AND e.name_en ILIKE ? ESCAPE '\\'))",
              like(speaker), speaker, speaker, like(speaker), like(speaker))
    if f.get("speaker_key"):
        w.add("q.speaker_key = ?", f["speaker_key"])
    if f.get("stance"):
        w.add("q.stance = ?", f["stance"])
    if f.get("kind"):
        w.add("q.kind = ?", f["kind"])
    _search(w, f.get("q") or f.get("text"), "q.search_text")
    if f.get("article_id"):
        w.add("q.article_id = ?", f["article_id"])
    if f.get("about"):  # a mention of the actor inside the quote, said by someone else
        # From the actor's few entities to their mentions to the quotes around them (not every quote first).
        w.add("(q.article_id, q.quote_id) IN (SELECT q2.article_id, q2.quote_id FROM entities x "
              "JOIN mentions m ON m.article_id = x.article_id AND m.entity_id = x.entity_id "
              "JOIN quotes q2 ON q2.article_id = m.article_id AND m.start_char >= q2.start_char "
              "AND m.end_char <= q2.end_char WHERE x.actor_key = ?) "
              "AND (q.speaker_key IS NULL OR q.speaker_key <> ?)", f["about"], f["about"])
    role, chain = f.get("chain_role"), f.get("chain")
    if role and role not in (*CHAIN_ROLES, "none"):
        raise InputError(f"chain role {role!r}: choose one of {', '.join(CHAIN_ROLES)} or none")
    if role == "none":
        w.add("NOT EXISTS (SELECT 1 FROM chain_links c WHERE c.article_id = q.article_id AND c.quote_id = q.quote_id)")
        role = None
    if role or chain:
        clauses, params = ["c.article_id = q.article_id", "c.quote_id = q.quote_id"], []
        if role:
            clauses.append("c.role = ?")
            params.append(role)
        if chain:
            clauses.append("(c.entity_name ILIKE ? ESCAPE '\\' OR c.entity_key = ?)")
            params += [like(chain), chain]
        w.add("EXISTS (SELECT 1 FROM chain_links c WHERE " + " AND ".join(clauses) + ")", *params)
    return ("SELECT q.article_id, q.quote_id, q.text, q.kind, q.speaker_entity, q.speaker_name, "
            "q.speaker_kb_id, q.speaker_key, q.speaker_country, q.speaker_description, "
            "q.cue_text, q.cue_lemma, q.stance, q.start_char, q.end_char, a.publisher, a.published_date, a.title, "
            "a.url, a.seq FROM quotes q JOIN articles a ON a.id = q.article_id" + w.sql(), w.params)


def _quote_details(con, found: list[dict[str, Any]]) -> None:
    """Each quote's chain of transmission as "role:name" strings (nearest the speaker first), and its
    speaker's English name."""
    articles = list({r["article_id"] for r in found})
    chains = {(a, q): c for a, q, c in con.execute(
        "SELECT article_id, quote_id, list(role || ':' || coalesce(entity_name, '?') ORDER BY position) "
        "FROM chain_links WHERE article_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1, 2", [articles]).fetchall()}
    english = {(a, e): n for a, e, n in con.execute(
        "SELECT article_id, entity_id, name_en FROM entities WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
        "AND name_en IS NOT NULL", [articles]).fetchall()}
    for r in found:
        r["speaker_name_en"] = english.get((r["article_id"], r["speaker_entity"]))
        r["chain"] = chains.get((r["article_id"], r["quote_id"])) or []


QUOTES = Listing(
    "quotes", _quotes,
    filters={**_ARTICLE_FILTERS, "speaker": "speaker name (part), English name, kb_id or description",
             "speaker_key": "the speaker's actor key, exactly", "stance": "cue stance (neutral, doubting, ...)",
             "kind": "direct | indirect | mixed | fragment", "q": "words in the quote (folded)", "text": "the same as q",
             "article_id": "quotes of one article", "about": "quotes that mention this actor (key), said by another",
             "chain": "a name or key in the chain of transmission (part of a name)",
             "chain_role": "said_to | relayed_by | published_by, or none (no chain)"},
    order="published_date DESC NULLS LAST, seq, start_char",
    sorts=("published_date", "publisher", "speaker_name", "stance", "cue_lemma", "kind"),
    facets={"outlet": "publisher", "stance": "stance", "kind": "kind"},
    decorate=_quote_details, decorate_columns=("speaker_name_en", "chain"))


# --- events --------------------------------------------------------------------------------------------------

def _dyad(dyad: str) -> tuple[str, str]:
    parts = [p.strip().upper() for p in dyad.replace(">", "-").split("-")]
    if len(parts) != 2 or not all(parts):
        raise InputError(f"dyad {dyad!r}: give two actor or country codes, e.g. ISR-AZE")
    return parts[0], parts[1]


def _events(f: dict[str, Any]) -> tuple[str, list[Any]]:
    w = Where()
    article_filters(w, f, dates_on="v.event_date")
    if f.get("dyad"):
        src, tgt = _dyad(f["dyad"])
        w.add("(v.source_country = ? OR starts_with(v.source_code, ?))", src, src)
        w.add("(v.target_country = ? OR starts_with(v.target_code, ?))", tgt, tgt)
    if f.get("root"):
        r = str(f["root"]).strip()
        if not r.isdigit():
            raise InputError(f"CAMEO root {f['root']!r}: give digits, e.g. 04 or 042")
        w.add("starts_with(v.cameo, ?)", r.zfill(2) if len(r) < 2 else r)
    if f.get("quad") is not None:
        try:
            q = int(f["quad"])
        except (TypeError, ValueError):
            q = 0
        if q not in (1, 2, 3, 4):
            raise InputError(f"quad class {f['quad']!r}: give 1, 2, 3 or 4")
        w.add("v.quad_class = ?", q)
    if f.get("actor"):
        w.add("(v.source_key = ? OR v.target_key = ?)", f["actor"], f["actor"])
    for side in ("source", "target"):
        if f.get(side):
            w.add(f"v.{side}_key = ?", f[side])
        if f.get(f"{side}_country"):
            w.add(f"v.{side}_country = ?", str(f[f"{side}_country"]).upper())
    if f.get("country"):
        c = str(f["country"]).upper()
        w.add("(v.source_country = ? OR v.target_country = ?)", c, c)
    if f.get("article_id"):
        w.add("v.article_id = ?", f["article_id"])
    if f.get("pair"):  # two actor keys, either direction
        a, b = f["pair"]
        w.add("((v.source_key = ? AND v.target_key = ?) OR (v.source_key = ? AND v.target_key = ?))", a, b, b, a)
    if f.get("states"):  # two country (or actor) codes, either direction
        a, b = (s.upper() for s in f["states"])
        side = "(v.{s}_country = ? OR starts_with(v.{s}_code, ?))"
        fwd = f"({side.format(s='source')} AND {side.format(s='target')})"
        w.add(f"({fwd} OR {fwd})", a, a, b, b, b, b, a, a)
    return ("SELECT v.article_id, v.event_id, v.cameo, v.cameo_root, v.plover, v.quad_class, v.goldstein, "
            "v.modality, v.trigger_text, v.trigger_start, v.trigger_end, v.source_name, v.source_country, "
            "v.source_code, v.source_key, v.target_name, v.target_country, v.target_code, v.target_key, "
            "v.location_name, v.date, v.event_date, v.quote_id, a.publisher, a.title, a.url, a.seq "
            "FROM events v JOIN articles a ON a.id = v.article_id" + w.sql(), w.params)


EVENTS = Listing(
    "events", _events,
    filters={**_ARTICLE_FILTERS, "date_from": "event date on or after", "date_to": "event date on or before",
             "dyad": "SOURCE-TARGET country or actor codes, e.g. ISR-AZE", "root": "CAMEO root or code prefix",
             "quad": "quad class 1-4", "actor": "an actor key as source or target",
             "source": "the source's actor key", "target": "the target's actor key",
             "source_country": "the source's country (ISO alpha-3)", "target_country": "the target's country",
             "country": "a country on either side", "article_id": "events of one article",
             "pair": "two actor keys, either direction", "states": "two country codes, either direction"},
    order="event_date DESC NULLS LAST, seq, trigger_start",
    sorts=("event_date", "goldstein", "quad_class", "cameo", "publisher", "source_country", "target_country"),
    facets={"outlet": "publisher", "quad": "quad_class", "root": "cameo_root", "source_country": "source_country",
            "target_country": "target_country"})


# --- actors --------------------------------------------------------------------------------------------------

ACTOR_TYPES = ("PER", "ORG", "LOC")


def _actor_where(f: dict[str, Any]) -> Where:
    """The filters of the actors list, over actor_articles `x` joined with their articles `a`."""
    w = Where()
    article_filters(w, f)
    types = f.get("type")
    if types:
        types = [t.strip().upper() for t in (types if isinstance(types, (list, tuple)) else str(types).split(","))]
        bad = [t for t in types if t not in ACTOR_TYPES]
        if bad:
            raise InputError(f"actor type {bad[0]!r}: choose PER, ORG or LOC")
        w.add("x.type IN (SELECT unnest(?::VARCHAR[]))", types)
    if f.get("country"):
        w.add("x.country = ?", str(f["country"]).upper())
    if f.get("name"):
        name = f["name"]
        folded, params = search.fold_sql("e.name")
        w.add(f"x.actor_key IN (SELECT e.actor_key FROM entities e WHERE contains({folded}, ?) "
              "OR e.name_en ILIKE ? ESCAPE '\\' OR e.kb_id = ? OR e.actor_key = ?)",
              *params, search.fold(name), like(name), name, name)
    if f.get("key"):   # one actor (its page)
        w.add("x.actor_key = ?", f["key"])
    return w


_ACTOR_FROM = "FROM actor_articles x JOIN articles a ON a.id = x.article_id"


def _actors(f: dict[str, Any]) -> tuple[str, list[Any]]:
    """One row per actor key, summed over the articles the filters keep (actor_articles: what each article
    does with each of its actors)."""
    w = _actor_where(f)
    return (f"SELECT x.actor_key AS key, min(x.type) AS type, min(x.country) AS country, count(*) AS n_articles, "
            f"sum(x.n_mentions)::BIGINT AS n_mentions, sum(x.n_quotes)::BIGINT AS n_quotes, "
            f"sum(x.source_events + x.target_events)::BIGINT AS n_events {_ACTOR_FROM}{w.sql()} GROUP BY 1",
            w.params)


def _actors_count(f: dict[str, Any]) -> tuple[str, list[Any]]:
    w = _actor_where(f)
    return f"SELECT count(DISTINCT x.actor_key) {_ACTOR_FROM}{w.sql()}", w.params


def _actors_facet_rows(f: dict[str, Any]) -> tuple[str, list[Any]]:
    w = _actor_where(f)
    return f"SELECT DISTINCT x.actor_key AS key, x.type, x.country {_ACTOR_FROM}{w.sql()}", w.params


def _actor_names(con, found: list[dict[str, Any]]) -> None:
    """An actor's names as most of its entities give them (over every article: a name is not a filter)."""
    names = {r[0]: r[1:] for r in con.execute(
        "SELECT actor_key, mode(name), max(name_en), max(kb_id), mode(subtype), mode(code) FROM entities "
        "WHERE actor_key IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1", [[r["key"] for r in found]]).fetchall()}
    for r in found:
        for col, value in zip(("name", "name_en", "kb_id", "subtype", "code"), names.get(r["key"], (None,) * 5)):
            r[col] = value

ACTORS = Listing(
    "actors", _actors,
    filters={**_ARTICLE_FILTERS, "type": "PER, ORG or LOC (several: PER,ORG)", "country": "ISO alpha-3",
             "name": "a name (part, folded), English name, kb_id or key", "key": "one actor key, exactly"},
    order="n_mentions DESC, key",
    sorts=("n_mentions", "n_quotes", "n_articles", "n_events", "key", "type", "country"),
    facets={"type": "type", "country": "country"}, hidden=(), decorate=_actor_names,
    decorate_columns=("name", "name_en", "kb_id", "subtype", "code"),
    counter=_actors_count, facet_base=_actors_facet_rows, facet_key="key")


LISTINGS = {x.name: x for x in (ARTICLES, QUOTES, EVENTS, ACTORS)}


def get(name: str) -> Listing:
    try:
        return LISTINGS[name]
    except KeyError:
        raise InputError(f"no list {name!r}: choose one of {', '.join(LISTINGS)}") from None
