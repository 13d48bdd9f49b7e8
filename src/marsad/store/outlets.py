"""Outlets side by side: how each outlet covers an actor, and whether two outlets differ by more than chance.

    outlets(con) -> [{outlet, n_articles, first_date, last_date, n_quotes, n_events, n_framing}]
    profile(con, outlet, actor=None, date_from=, date_to=, by_month=False) -> [row per actor (and month)]
    compare(con, [outlet, outlet, ...], actor, date_from=, date_to=) -> {"rows": [...], "test": ..., ...}

Outlets and actors are taken as a user writes them: `BBC` or `bbc` (a publisher, or a unique part of
one), `إيران`, `ايران`, `ترمب` or `loc:country:IRN` (a key, a name, or a name as the articles write it,
folded, with its spellings: search.py). Near-duplicate articles are left out.

What is counted for an actor in an outlet's articles (the profile's columns):

- `n_articles`: articles that mention it; `coverage`: that share of the outlet's articles;
- `n_quotes`: quotes it gives as the speaker, by the stance of their cue (neutral, doubting,
  pejorative, affirming, other);
- `n_loaded_labels`, `n_scare_quotes`: framing applied to it: a device whose `refers_to` is one of
  its entities, or whose span overlaps one of its mentions (a loaded label is often itself the
  mention: دولة الاحتلال); `n_articles_labelled`, `n_articles_scare_quoted` count the articles;
- `source_q1..4`, `target_q1..4`: events where it is the source or the target, by quad class.

`compare` turns these into shares and tests each share across the outlets (significance.py; the
statement of the test travels with every answer).
"""
from __future__ import annotations

from typing import Any

from ..errors import InputError
from . import search, significance
from .sql import date_param, rows

STANCES = ("neutral", "doubting", "pejorative", "affirming")


# --- outlets --------------------------------------------------------------------------------------------------

def outlets(con, date_from: str | None = None, date_to: str | None = None,
            include_duplicates: bool = False) -> list[dict[str, Any]]:
    """Every outlet (publisher) with its article count, date range and what was found in its articles."""
    where, params = _article_where(None, date_from, date_to, include_duplicates)
    return rows(con, f"""
WITH arts AS (SELECT a.id, a.publisher, a.published_date, a.n_quotes, a.n_events, a.n_framing FROM articles a {where})
SELECT publisher AS outlet, count(*) AS n_articles, min(published_date) AS first_date, max(published_date) AS last_date,
       sum(n_quotes)::BIGINT AS n_quotes, sum(n_events)::BIGINT AS n_events, sum(n_framing)::BIGINT AS n_framing
FROM arts WHERE publisher IS NOT NULL GROUP BY 1 ORDER BY n_articles DESC, outlet""", params)


def resolve_outlet(con, text: str) -> str:
    """The publisher a user means: exact (any case), else the one publisher whose name contains it (folded)."""
    return _pick_outlet(_publishers(con), text)


def _publishers(con) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT publisher FROM articles WHERE publisher IS NOT NULL "
                                      "ORDER BY 1").fetchall()]


def _pick_outlet(names: list[str], text: str) -> str:
    wanted = (text or "").strip()
    if not wanted:
        raise InputError("give an outlet name")
    exact = [n for n in names if n.lower() == wanted.lower()]
    if exact:
        return exact[0]
    folded = search.fold(wanted).lower()
    partial = [n for n in names if folded in search.fold(n).lower()]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise InputError(f"outlet {wanted!r} is ambiguous: {', '.join(partial)}")
    raise InputError(f"no outlet {wanted!r} in the store; outlets: {', '.join(names) or 'none'}")


def outlet(con, name: str, date_from: str | None = None, date_to: str | None = None) -> dict[str, Any]:
    """One outlet's summary row, by the name a user gives."""
    found = resolve_outlet(con, name)
    row = [r for r in outlets(con, date_from, date_to) if r["outlet"] == found]
    if not row:
        return {"outlet": found, "n_articles": 0, "first_date": None, "last_date": None, "n_quotes": 0,
                "n_events": 0, "n_framing": 0}
    return row[0]


def outlet_framing(con, name: str, date_from: str | None = None, date_to: str | None = None,
                   most: int = 20) -> dict[str, Any]:
    """What framing an outlet's articles carry: counts by kind, and the loaded labels it uses most (folded
    text as written most often), with the actor each is applied to most (refers_to, or the mention it
    overlaps)."""
    where, params = _article_where([resolve_outlet(con, name)], date_from, date_to)
    kinds = {r["kind"]: r["n"] for r in rows(con, f"SELECT f.kind, count(*) AS n FROM framing f JOIN articles a "
                                                  f"ON a.id = f.article_id {where} GROUP BY 1 ORDER BY n DESC", params)}
    folded, fp = search.fold_sql("f.text")
    # The most used labels first (their text alone), then whom those few are applied to.
    labels = rows(con, f"""
SELECT {folded} AS folded, mode(f.text) AS label, count(*) AS n, count(DISTINCT f.article_id) AS n_articles
FROM framing f JOIN articles a ON a.id = f.article_id {where} AND f.kind = 'loaded_label'
GROUP BY 1 ORDER BY n DESC, label LIMIT {int(most)}""", fp + params)
    applied = dict(con.execute(f"""
WITH labelled AS (
    SELECT f.article_id, f.position, f.start_char, f.end_char, {folded} AS folded, x.actor_key
    FROM framing f JOIN articles a ON a.id = f.article_id
    LEFT JOIN entities x ON x.article_id = f.article_id AND x.entity_id = f.refers_to
    {where} AND f.kind = 'loaded_label' AND {folded} IN (SELECT unnest(?::VARCHAR[]))
), overlapped AS (
    SELECT l.article_id, l.position, min(y.actor_key) AS actor_key FROM labelled l
    JOIN mentions m ON m.article_id = l.article_id AND m.start_char < l.end_char AND m.end_char > l.start_char
    JOIN entities y ON y.article_id = m.article_id AND y.entity_id = m.entity_id
    WHERE l.actor_key IS NULL GROUP BY 1, 2
)
SELECT l.folded, mode(coalesce(l.actor_key, o.actor_key)) FROM labelled l
LEFT JOIN overlapped o ON o.article_id = l.article_id AND o.position = l.position GROUP BY 1""",
        fp + params + fp + [[r["folded"] for r in labels]]).fetchall()) if labels else {}
    for r in labels:
        r["actor_key"] = applied.get(r.pop("folded"))
    from .graph import actor_names
    names = actor_names(con, [r["actor_key"] for r in labels if r["actor_key"]])
    for r in labels:
        r["actor_name"] = (names.get(r["actor_key"]) or {}).get("name") if r["actor_key"] else None
    return {"kinds": kinds, "labels": labels}


# --- actors as a user writes them -----------------------------------------------------------------------------

def resolve_actor(con, text: str) -> dict[str, Any]:
    """The actor a user means: {"key", "name", "name_en", "matched"}. Tried in order: a key or kb id;
    a canonical name (Arabic, or English in any case); a name or mention as the articles write it,
    folded, in any of its spellings (ترمب finds the actor written ترامب); a name the knowledge base
    knows; every word among the words of a name (ترمب: دونالد ترامب). The most mentioned wins."""
    wanted = (text or "").strip()
    if not wanted:
        raise InputError("give an actor: a name as written (إيران, ترمب) or a key (loc:country:IRN)")
    tries = (
        ("key", "SELECT e.actor_key, count(*) AS n FROM entities e WHERE e.actor_key = ? OR e.kb_id = ? "
                "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1", [wanted, wanted]),
        ("name", "SELECT e.actor_key, count(*) AS n FROM entities e WHERE e.name = ? OR lower(e.name_en) = lower(?) "
                 "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1", [wanted, wanted]),
    )
    for how, sql, params in tries:
        hit = con.execute(sql, params).fetchone()
        if hit:
            return _actor_answer(con, hit[0], how)
    forms = set(search.spellings(search.fold(wanted)))
    # Names and mentions as written, folded here (one pass over their distinct spellings, not the table).
    counts: dict[str, int] = {}
    for surface, key, n in con.execute(
            "SELECT e.name, e.actor_key, count(*) FROM entities e GROUP BY 1, 2 UNION ALL "
            "SELECT m.text, e.actor_key, count(*) FROM mentions m JOIN entities e ON e.article_id = m.article_id "
            "AND e.entity_id = m.entity_id WHERE m.kind IN ('name', 'alias') GROUP BY 1, 2").fetchall():
        if surface and search.fold(surface) in forms:
            counts[key] = counts.get(key, 0) + n
    if counts:
        return _actor_answer(con, min(counts, key=lambda k: (-counts[k], k)), "written")
    known = _kb_keys(wanted)  # a name the knowledge base knows (its aliases), for an actor in the store
    if known:
        hit = con.execute("SELECT actor_key FROM entities WHERE actor_key IN (SELECT unnest(?::VARCHAR[])) "
                          "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", [known]).fetchone()
        if hit:
            return _actor_answer(con, hit[0], "knowledge base")
    # Every word, in one of its spellings, among the words of a name as written (ترمب: دونالد ترامب).
    words = [set(search.spellings(w)) for w in search.fold(wanted).split(" ")]
    counts = {}
    for surface, key, n in con.execute("SELECT e.name, e.actor_key, count(*) FROM entities e GROUP BY 1, 2").fetchall():
        have = set(search.fold(surface or "").split(" "))
        if all(forms & have for forms in words):
            counts[key] = counts.get(key, 0) + n
    if counts:
        return _actor_answer(con, min(counts, key=lambda k: (-counts[k], k)), "words of a name")
    first = search.fold(wanted)
    near: dict[str, int] = {}
    for name, n in con.execute("SELECT mode(name), count(*) FROM entities GROUP BY actor_key").fetchall():
        if name and first in search.fold(name):
            near[name] = n
    hint = sorted(near, key=lambda k: -near[k])[:5]
    raise InputError(f"no actor {wanted!r} in the store" + (f"; did you mean {', '.join(hint)}?" if hint else ""))


def _kb_keys(text: str) -> list[str]:
    try:
        from ..kb import load_kb
        return [e.id for e in load_kb().lookup(text)]
    except Exception:  # no usable knowledge base: the other ways still work
        return []


def _actor_answer(con, key: str, how: str) -> dict[str, Any]:
    row = con.execute("SELECT mode(name), max(name_en), mode(type), mode(country) FROM entities WHERE actor_key = ?",
                      [key]).fetchone()
    return {"key": key, "name": row[0], "name_en": row[1], "type": row[2], "country": row[3], "matched": how}


# --- the counts behind profiles and comparisons -----------------------------------------------------------------

def _article_where(names: list[str] | None, date_from: str | None, date_to: str | None,
                   include_duplicates: bool = False) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if not include_duplicates:
        clauses.append("a.duplicate_of IS NULL")
    if names is not None:
        clauses.append("a.publisher IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(names))
    if date_from:
        clauses.append("a.published_date >= ?")
        params.append(date_param(date_from, "date_from"))
    if date_to:
        clauses.append("a.published_date <= ?")
        params.append(date_param(date_to, "date_to"))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _counts(con, names: list[str], keys: list[str] | None, date_from: str | None, date_to: str | None,
            by_month: bool) -> list[dict[str, Any]]:
    """Per outlet, actor (and month): the profile's counts (see the module doc) from actor_articles, with
    the outlet's own totals (`outlet_articles`, `outlet_quotes`) for the same outlet (and month); of the
    actors `keys` only, or of every actor."""
    where, params = _article_where(names, date_from, date_to)
    month = ", month" if by_month else ""
    month_col = ", date_trunc('month', a.published_date)::DATE AS month" if by_month else ""
    only = "WHERE x.actor_key IN (SELECT unnest(?::VARCHAR[]))" if keys is not None else ""
    sums = ", ".join(f"sum(x.{c})::BIGINT AS {c}" for c in (
        "n_mentions", "n_quotes", *(f"quotes_{s}" for s in (*STANCES, "other")), "n_loaded_labels",
        "n_scare_quotes", *(f"{side}_q{q}" for side in ("source", "target") for q in (1, 2, 3, 4))))
    found = rows(con, f"""
WITH arts AS (SELECT a.id, a.publisher, a.n_quotes{month_col} FROM articles a {where}),
totals AS (SELECT publisher{month}, count(*) AS outlet_articles, sum(n_quotes)::BIGINT AS outlet_quotes
           FROM arts GROUP BY ALL)
SELECT arts.publisher AS outlet{", arts.month" if by_month else ""}, x.actor_key, min(x.type) AS type,
       min(x.country) AS country, min(totals.outlet_articles) AS outlet_articles,
       min(totals.outlet_quotes) AS outlet_quotes, count(*) AS n_articles, {sums},
       count(*) FILTER (WHERE x.n_loaded_labels > 0) AS n_articles_labelled,
       count(*) FILTER (WHERE x.n_scare_quotes > 0) AS n_articles_scare_quoted
FROM actor_articles x JOIN arts ON arts.id = x.article_id JOIN totals USING (publisher{month})
{only} GROUP BY arts.publisher{", arts.month" if by_month else ""}, x.actor_key""",
                 params + ([list(keys)] if keys is not None else []))
    return found


def _with_shares(r: dict[str, Any]) -> dict[str, Any]:
    r["coverage"] = round(r["n_articles"] / r["outlet_articles"], 6) if r["outlet_articles"] else None
    return r


def profile(con, outlet_name: str, actor: str | None = None, date_from: str | None = None,
            date_to: str | None = None, by_month: bool = False, limit: int | None = 50,
            sort: str = "n_articles") -> list[dict[str, Any]]:
    """Per actor (the one given, else the `limit` most covered), what the outlet's articles do with it
    (see the module doc); with `by_month`, a row per actor and month (a month with no article that
    mentions it has no row)."""
    name = resolve_outlet(con, outlet_name)
    allowed = ("n_articles", "n_mentions", "n_quotes", "n_loaded_labels", "n_scare_quotes", "coverage")
    if sort not in allowed:
        raise InputError(f"profile: cannot sort on {sort!r}; choose one of {', '.join(allowed)}")
    keys = [resolve_actor(con, actor)["key"]] if actor else None
    found = [_with_shares(r) for r in _counts(con, [name], keys, date_from, date_to, by_month)]
    totals: dict[str, int] = {}
    for r in found:
        totals[r["actor_key"]] = totals.get(r["actor_key"], 0) + (r[sort] or 0)
    top = sorted(totals, key=lambda k: (-totals[k], k))
    if limit:
        top = top[:int(limit)]
    rank = {k: i for i, k in enumerate(top)}
    found = [r for r in found if r["actor_key"] in rank]
    found.sort(key=lambda r: (rank[r["actor_key"]], r.get("month") or ""))
    from .graph import actor_names
    names_of = actor_names(con, top)
    order = ("outlet", *(("month",) if by_month else ()), "actor_key", "name", "type", "country", "outlet_articles",
             "outlet_quotes", "n_articles")
    return [{**{k: r.get(k) for k in order}, "name": (names_of.get(r["actor_key"]) or {}).get("name"),
             **{k: v for k, v in r.items() if k not in order}} for r in found]


# --- comparison ---------------------------------------------------------------------------------------------------

# (measure, what it is the share of, numerator column, denominator column)
_MEASURES = (
    ("coverage", "articles of the outlet that mention the actor", "n_articles", "outlet_articles"),
    ("share_of_quotes", "quotes in the outlet whose speaker is the actor", "n_quotes", "outlet_quotes"),
    *((f"stance:{s}", f"the actor's quotes with a {s} cue", f"quotes_{s}", "n_quotes") for s in STANCES),
    ("loaded_label", "articles mentioning the actor that apply a loaded label to it", "n_articles_labelled",
     "n_articles"),
    ("scare_quote", "articles mentioning the actor that put it in scare quotes", "n_articles_scare_quoted",
     "n_articles"),
    *((f"source:q{q}", f"events with the actor as source that are quad class {q}", f"source_q{q}", "source_events")
      for q in (1, 2, 3, 4)),
    *((f"target:q{q}", f"events with the actor as target that are quad class {q}", f"target_q{q}", "target_events")
      for q in (1, 2, 3, 4)),
)


def compare(con, outlet_names: list[str], actor: str, date_from: str | None = None, date_to: str | None = None,
            alpha: float = significance.ALPHA, index: "CompareIndex | None" = None) -> dict[str, Any]:
    """Two or more outlets side by side on one actor: every measure as a share per outlet (with its
    Wilson interval), tested across the outlets, p-values adjusted by Holm over the table's rows.

    {"actor": {...}, "outlets": [names], "test": statement, "alpha", "rows": [{"measure", "description",
    "values": [{"outlet", "k", "n", "share", "ci_low", "ci_high"}], "test", "statistic", "df", "approximate",
    "p_value", "p_adjusted", "significant"}], "stances": {outlet: {stance: n}}, "labels": {outlet: [...]},
    "coverage_timeline": [{"month", outlet: share, ...}]}"""
    fast = index if index is not None and not date_from and not date_to else None
    names = list(dict.fromkeys(_pick_outlet(fast.publishers, n) if fast else resolve_outlet(con, n)
                               for n in outlet_names))
    if len(names) < 2:
        raise InputError("compare: give two or more different outlets")
    who = fast.resolve_actor(con, actor) if fast else resolve_actor(con, actor)
    key = who["key"]
    if fast:
        counts = {n: fast.counts[(n, key)] for n in names if (n, key) in fast.counts}
        outlet_totals = {n: fast.totals[n] for n in names if n in fast.totals}
    else:
        counts = {r["outlet"]: r for r in _counts(con, names, [key], date_from, date_to, False)}
        where, params = _article_where(names, date_from, date_to)
        outlet_totals = {r["publisher"]: r for r in rows(
            con, f"SELECT publisher, count(*) AS outlet_articles, sum(n_quotes)::BIGINT AS outlet_quotes "
                 f"FROM articles a {where} GROUP BY 1", params)}
    per: dict[str, dict[str, Any]] = {}
    for name in names:
        base = {"outlet_articles": 0, "outlet_quotes": 0, **outlet_totals.get(name, {})}
        c = {**{m[2]: 0 for m in _MEASURES}, "n_articles": 0, "n_quotes": 0, **base, **counts.get(name, {})}
        c["source_events"] = sum(c[f"source_q{q}"] for q in (1, 2, 3, 4))
        c["target_events"] = sum(c[f"target_q{q}"] for q in (1, 2, 3, 4))
        per[name] = c
    table = []
    for measure, description, num, den in _MEASURES:
        values = []
        for name in names:
            k, n = int(per[name][num] or 0), int(per[name][den] or 0)
            lo, hi = significance.wilson(k, n)
            values.append({"outlet": name, "k": k, "n": n, "share": round(k / n, 6) if n else None,
                           "ci_low": None if lo is None else round(lo, 6),
                           "ci_high": None if hi is None else round(hi, 6)})
        result = significance.compare_shares([v["k"] for v in values], [v["n"] for v in values])
        table.append({"measure": measure, "description": description, "values": values, "test": result.test,
                      "statistic": result.statistic, "df": result.df, "approximate": result.approximate,
                      "p_value": None if result.p_value is None else round(result.p_value, 12)})
    for row, adjusted in zip(table, significance.holm([r["p_value"] for r in table])):
        row["p_adjusted"] = adjusted
        row["significant"] = adjusted is not None and adjusted < alpha
    return {"actor": who, "outlets": names, "date_from": date_from, "date_to": date_to, "alpha": alpha,
            "test": significance.STATEMENT.format(alpha=alpha), "rows": table,
            "totals": {n: {"articles": per[n]["outlet_articles"], "quotes": per[n]["outlet_quotes"],
                           "articles_with_actor": per[n]["n_articles"], "quotes_by_actor": per[n]["n_quotes"]}
                       for n in names},
            "stances": fast.stances_of(names, key) if fast else _stances(con, names, key, date_from, date_to),
            "labels": fast.labels_of(names, key) if fast else _labels(con, names, key, date_from, date_to),
            "coverage_timeline": fast.coverage_of(names, key) if fast else
            _coverage_timeline(con, names, key, date_from, date_to)}


def compare_flat(row: dict[str, Any]) -> dict[str, Any]:
    """A comparison row as one flat record (CSV): the outlets' values as OUTLET_k, OUTLET_n, OUTLET_share ..."""
    out: dict[str, Any] = {"measure": row["measure"], "description": row["description"]}
    for v in row["values"]:
        for k in ("k", "n", "share", "ci_low", "ci_high"):
            out[f"{v['outlet']}_{k}"] = v[k]
    for k in ("test", "statistic", "df", "approximate", "p_value", "p_adjusted", "significant"):
        out[k] = row[k]
    return out


def _stances(con, names, key, date_from, date_to) -> dict[str, dict[str, int]]:
    """Per outlet, the actor's quotes by cue stance (every stance, unknown as "none")."""
    where, params = _article_where(names, date_from, date_to)
    out: dict[str, dict[str, int]] = {n: {} for n in names}
    for r in rows(con, f"SELECT a.publisher, coalesce(q.stance, 'none') AS stance, count(*) AS n FROM quotes q "
                       f"JOIN articles a ON a.id = q.article_id {where} AND q.speaker_key = ? GROUP BY 1, 2 "
                       "ORDER BY 1, n DESC, 2", params + [key]):
        out[r["publisher"]][r["stance"]] = r["n"]
    return out


def _labels(con, names, key, date_from, date_to, most: int = 12) -> dict[str, list[dict[str, Any]]]:
    """Per outlet, the loaded labels it applies to the actor (folded text, as written most often), most first."""
    where, params = _article_where(names, date_from, date_to)
    folded, fp = search.fold_sql("text")
    found = rows(con, f"""
WITH framed AS (
    SELECT DISTINCT a.publisher, f.article_id, f.position, f.text FROM framing f JOIN articles a ON a.id = f.article_id
    JOIN entities x ON x.article_id = f.article_id AND x.entity_id = f.refers_to
    {where} AND f.kind = 'loaded_label' AND x.actor_key = ?
    UNION
    SELECT DISTINCT a.publisher, f.article_id, f.position, f.text FROM framing f JOIN articles a ON a.id = f.article_id
    JOIN mentions m ON m.article_id = f.article_id AND m.start_char < f.end_char AND m.end_char > f.start_char
    JOIN entities x ON x.article_id = m.article_id AND x.entity_id = m.entity_id
    {where} AND f.kind = 'loaded_label' AND x.actor_key = ?
)
SELECT publisher, mode(text) AS label, count(*) AS n, count(DISTINCT article_id) AS n_articles
FROM (SELECT *, {folded} AS folded FROM framed) GROUP BY publisher, folded
ORDER BY publisher, n DESC, label""", params + [key] + params + [key] + fp)
    out: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    for r in found:
        if len(out[r["publisher"]]) < most:
            out[r["publisher"]].append({"label": r["label"], "n": r["n"], "n_articles": r["n_articles"]})
    return out


def _coverage_timeline(con, names, key, date_from, date_to) -> list[dict[str, Any]]:
    """Per month (every month from the first to the last), per outlet: the share of its articles that
    month that mention the actor, with the counts behind it."""
    where, params = _article_where(names, date_from, date_to)
    found = rows(con, f"""
WITH arts AS (SELECT a.id, a.publisher, date_trunc('month', a.published_date)::DATE AS month FROM articles a {where}
              AND a.published_date IS NOT NULL),
per AS (
    SELECT month, publisher, count(*) AS n,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM entities e WHERE e.article_id = arts.id AND e.actor_key = ?)) AS k
    FROM arts GROUP BY 1, 2
), months AS (
    SELECT unnest(generate_series(min(month)::TIMESTAMP, max(month)::TIMESTAMP, INTERVAL 1 MONTH))::DATE AS month
    FROM per
)
SELECT months.month, per.publisher, per.n, per.k FROM months LEFT JOIN per ON per.month = months.month
ORDER BY 1, 2""", params + [key])
    series: dict[str, dict[str, Any]] = {}
    for r in found:
        row = series.setdefault(r["month"], {"month": r["month"], "outlets": {n: {"k": 0, "n": 0, "share": None}
                                                                               for n in names}})
        if r["publisher"]:
            row["outlets"][r["publisher"]] = {"k": r["k"], "n": r["n"],
                                              "share": round(r["k"] / r["n"], 6) if r["n"] else None}
    return list(series.values())


# --- comparisons from one pass over the store ----------------------------------------------------------------------

class CompareIndex:
    """What `compare` reads, for every outlet and every actor at once, over the whole store (no date filter):
    built in one pass of a few grouped queries (a server builds it at startup, in the background), after
    which a comparison of any outlets on any actor is dictionary lookups instead of five queries. The same
    numbers as the queries give (tests/test_store_compare_index.py checks it); a comparison with dates still
    runs its queries. Only for a store that does not change while the index lives (the web app's, read-only)."""

    LABELS = 12   # labels kept per outlet and actor, as _labels keeps

    def __init__(self, con):
        self.publishers = _publishers(con)
        self._resolved: dict[str, dict[str, Any]] = {}
        self.counts = {(r["outlet"], r["actor_key"]): r for r in _counts(con, self.publishers, None, None, None, False)}
        where, params = _article_where(self.publishers, None, None)
        self.totals = {r["publisher"]: r for r in rows(
            con, f"SELECT publisher, count(*) AS outlet_articles, sum(n_quotes)::BIGINT AS outlet_quotes "
                 f"FROM articles a {where} GROUP BY 1", params)}
        self.stances: dict[tuple[str, str], dict[str, int]] = {}
        for r in rows(con, f"SELECT a.publisher, q.speaker_key, coalesce(q.stance, 'none') AS stance, count(*) AS n "
                           f"FROM quotes q JOIN articles a ON a.id = q.article_id {where} AND q.speaker_key IS NOT NULL "
                           "GROUP BY 1, 2, 3 ORDER BY 1, 2, n DESC, 3", params):
            self.stances.setdefault((r["publisher"], r["speaker_key"]), {})[r["stance"]] = r["n"]
        folded, fp = search.fold_sql("text")
        self.labels: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in rows(con, f"""
WITH framed AS (
    SELECT DISTINCT a.publisher, f.article_id, f.position, f.text, x.actor_key FROM framing f
    JOIN articles a ON a.id = f.article_id JOIN entities x ON x.article_id = f.article_id AND x.entity_id = f.refers_to
    {where} AND f.kind = 'loaded_label' AND x.actor_key IS NOT NULL
    UNION
    SELECT DISTINCT a.publisher, f.article_id, f.position, f.text, x.actor_key FROM framing f
    JOIN articles a ON a.id = f.article_id
    JOIN mentions m ON m.article_id = f.article_id AND m.start_char < f.end_char AND m.end_char > f.start_char
    JOIN entities x ON x.article_id = m.article_id AND x.entity_id = m.entity_id
    {where} AND f.kind = 'loaded_label' AND x.actor_key IS NOT NULL
)
SELECT publisher, actor_key, mode(text) AS label, count(*) AS n, count(DISTINCT article_id) AS n_articles
FROM (SELECT *, {folded} AS folded FROM framed) GROUP BY publisher, actor_key, folded
ORDER BY publisher, actor_key, n DESC, label""", params + params + fp):
            found = self.labels.setdefault((r["publisher"], r["actor_key"]), [])
            if len(found) < self.LABELS:
                found.append({"label": r["label"], "n": r["n"], "n_articles": r["n_articles"]})
        dated = f"{where} AND a.published_date IS NOT NULL"
        self.month_articles: dict[tuple[str, str], int] = {
            (r["month"], r["publisher"]): r["n"] for r in rows(
                con, f"SELECT date_trunc('month', a.published_date)::DATE AS month, a.publisher, count(*) AS n "
                     f"FROM articles a {dated} GROUP BY 1, 2", params)}
        self.month_mentions: dict[tuple[str, str, str], int] = {
            (r["month"], r["publisher"], r["actor_key"]): r["k"] for r in rows(
                con, f"SELECT date_trunc('month', a.published_date)::DATE AS month, a.publisher, e.actor_key, "
                     f"count(*) AS k FROM articles a JOIN (SELECT DISTINCT article_id, actor_key FROM entities "
                     f"WHERE actor_key IS NOT NULL) e ON e.article_id = a.id {dated} GROUP BY 1, 2, 3", params)}

    def resolve_actor(self, con, text: str) -> dict[str, Any]:
        if text not in self._resolved:
            self._resolved[text] = resolve_actor(con, text)
        return dict(self._resolved[text])

    def stances_of(self, names: list[str], key: str) -> dict[str, dict[str, int]]:
        return {n: dict(self.stances.get((n, key), {})) for n in names}

    def labels_of(self, names: list[str], key: str) -> dict[str, list[dict[str, Any]]]:
        return {n: [dict(x) for x in self.labels.get((n, key), [])] for n in names}

    def coverage_of(self, names: list[str], key: str) -> list[dict[str, Any]]:
        """As _coverage_timeline: every month from the first to the last in which one of the outlets has a dated
        article, per outlet the share of its articles that month mentioning the actor."""
        import datetime as dt
        months = sorted({m for (m, p) in self.month_articles if p in names})
        if not months:
            return []
        first, last = dt.date.fromisoformat(months[0]), dt.date.fromisoformat(months[-1])
        out = []
        y, mo = first.year, first.month
        while (y, mo) <= (last.year, last.month):
            month = dt.date(y, mo, 1).isoformat()
            row = {"month": month, "outlets": {n: {"k": 0, "n": 0, "share": None} for n in names}}
            for n in names:
                total = self.month_articles.get((month, n))
                if total:
                    k = self.month_mentions.get((month, n, key), 0)
                    row["outlets"][n] = {"k": k, "n": total, "share": round(k / total, 6)}
            out.append(row)
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
        return out
