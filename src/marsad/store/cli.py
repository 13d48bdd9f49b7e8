"""`marsad ingest | quotes | events | actors | relations | export`: the corpus commands.

Thin: parse arguments, call ingest/queries/export, print. Query results print as a
table in the terminal, or as JSON (`--json`) or CSV (`--csv`) for other tools.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import Any

from ..errors import InputError
from .db import DEFAULT_DB


def register(sub) -> None:
    def add(name: str, **kw) -> argparse.ArgumentParser | None:
        if name in sub.choices:  # another subsystem owns this name already: keep theirs
            return None
        return sub.add_parser(name, **kw)

    p = add("ingest", help="analyze files and folders into the corpus store (parallel, resumable)")
    if p:
        p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html/.jsonl(.gz) files, RSS/Atom feeds, folders")
        _db(p)
        p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="analysis processes (default: all cores)")
        p.add_argument("--batch-size", type=int, default=64, help="articles per transaction (default 64)")
        p.add_argument("--engine", choices=("local", "spark"), default="local",
                       help="local processes (default) or Apache Spark (writes Parquet tables)")
        p.add_argument("--out", default="marsad-parquet", help="with --engine spark: the Parquet output folder")
        p.add_argument("--spark-master", default=None, help="with --engine spark: master URL (default local[*])")
        p.add_argument("--retry-failed", action="store_true",
                       help="try again the inputs recorded as failed (by default they are skipped, and counted)")
        p.add_argument("-v", "--verbose", action="store_true", help="print a line per committed batch")
        from ..cli import add_max_chars
        add_max_chars(p)
        p.set_defaults(func=cmd_ingest)

    p = add("quotes", help="quotes in the store: by speaker, outlet, stance, text")
    if p:
        p.add_argument("--speaker", help="speaker name (part), English name, or kb_id")
        p.add_argument("--outlet", help="publisher of the article")
        p.add_argument("--stance", help="cue stance: neutral, affirming, doubting, pejorative, denying, ...")
        p.add_argument("--text", help="words in the quote (folded spelling, all of them)")
        p.add_argument("--chain", help="a name in the chain of transmission (part of it)")
        p.add_argument("--chain-role", choices=("said_to", "relayed_by", "published_by", "none"))
        _dates(p)
        _common(p, sorts="quotes")
        p.set_defaults(func=cmd_quotes)

    p = add("events", help="events in the store: by dyad (ISR-AZE), CAMEO root, quad class, dates")
    if p:
        p.add_argument("--dyad", help="SOURCE-TARGET country or actor codes, e.g. ISR-AZE")
        p.add_argument("--root", help="CAMEO root or code prefix, e.g. 04 or 042")
        p.add_argument("--quad", type=int, choices=(1, 2, 3, 4), help="quad class")
        p.add_argument("--actor", help="actor key (kb_id) as source or target")
        p.add_argument("--outlet", help="publisher of the article")
        _dates(p)
        _common(p, sorts="events")
        p.set_defaults(func=cmd_events)

    p = add("actors", help="actors in the store: most mentioned, most quoted")
    if p:
        p.add_argument("--by", choices=("mentions", "quotes", "articles", "events"), default="mentions")
        p.add_argument("--type", choices=("PER", "ORG", "LOC", "per", "org", "loc"))
        p.add_argument("--country", help="ISO 3166-1 alpha-3")
        p.add_argument("--name", help="name (part) or kb_id")
        p.add_argument("--outlet", help="only what the articles of this outlet say")
        _dates(p)
        _common(p)
        p.set_defaults(func=cmd_actors)

    p = add("relations", help="country-to-country event summary: counts by quad class, mean Goldstein")
    if p:
        _dates(p)
        p.add_argument("--min-events", type=int, default=1)
        p.add_argument("--limit", type=int, default=None, help="the N busiest edges")
        p.add_argument("--outlet", help="publisher of the article")
        _common(p, paged=False)
        p.set_defaults(func=cmd_relations)

    p = add("outlets", help="outlets in the store: articles, date range, quotes, events, framing")
    if p:
        _dates(p)
        _common(p, paged=False)
        p.set_defaults(func=cmd_outlets)

    p = add("profile", help="how one outlet covers actors: coverage, quotes by stance, labels, events by month")
    if p:
        p.add_argument("outlet", metavar="OUTLET", help="a publisher as written (BBC, or part of its name)")
        p.add_argument("--actor", help="one actor: a name as written (إيران, ترمب) or a key (loc:country:IRN)")
        p.add_argument("--monthly", action="store_true", help="a row per actor and month")
        p.add_argument("--limit", type=int, default=30, help="the N most covered actors (default 30; 0: all)")
        p.add_argument("--sort", default="n_articles",
                       choices=("n_articles", "coverage", "n_mentions", "n_quotes", "n_loaded_labels", "n_scare_quotes"))
        _dates(p)
        _common(p, paged=False)
        p.set_defaults(func=cmd_profile)

    p = add("compare", help="outlets side by side on one actor, with a significance test per row")
    if p:
        p.add_argument("outlets", nargs="+", metavar="OUTLET", help="two or more publishers as written (BBC CNN)")
        p.add_argument("--actor", required=True, help="a name as written (إيران, ترمب) or a key (loc:country:IRN)")
        p.add_argument("--alpha", type=float, default=0.05, help="significance level after Holm's correction (0.05)")
        _dates(p)
        _common(p, paged=False)
        p.set_defaults(func=cmd_compare)

    p = add("search", help="articles whose title or text has every word (Arabic spelling folded: ترمب = ترامب)")
    if p:
        p.add_argument("query", metavar="QUERY", help='words (all must occur) and "phrases"')
        p.add_argument("--outlet", help="publisher of the article")
        _dates(p)
        _common(p, sorts="articles")
        p.set_defaults(func=cmd_search)

    p = add("migrate", help="upgrade a store made by an older marsad to this version's tables")
    if p:
        _db(p)
        p.set_defaults(func=cmd_migrate)

    p = add("export", help="export the store: JSONL records, Parquet tables, GDELT-style event CSV")
    if p:
        _db(p)
        p.add_argument("format", choices=("jsonl", "parquet", "gdelt"))
        p.add_argument("output", help="a file (jsonl, gdelt) or a folder (parquet); - for standard output")
        p.add_argument("--include-duplicates", action="store_true", help="also near-duplicate articles")
        p.set_defaults(func=cmd_export)


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store file (default ./{DEFAULT_DB})")


def _dates(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", help="from date (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--to", dest="date_to", help="to date")


def _common(p: argparse.ArgumentParser, paged: bool = True, sorts: str | None = None) -> None:
    _db(p)
    if paged:
        p.add_argument("--limit", type=int, default=50, help="rows to print (default 50; 0: all)")
        p.add_argument("--offset", type=int, default=0)
        p.add_argument("--include-duplicates", action="store_true", help="also near-duplicate articles")
    if sorts:
        from .lists import get
        p.add_argument("--sort", metavar="COLUMN", help=f"sort on one of {', '.join(get(sorts).sorts)}; "
                       "-COLUMN for descending")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV")


# --- ingest ---------------------------------------------------------------------------------------------------

def cmd_migrate(args) -> int:
    from pathlib import Path

    from . import db
    from .db import StoreError
    path = Path(args.db)
    if not path.is_file():
        raise StoreError(f"{path}: no such store")
    con = db.connect(path)   # a writable connection checks the store, then applies what is pending
    con.close()
    con = db.connect(path, read_only=True)
    n = con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
    con.close()
    print(f"marsad: {path}: up to date ({n} migrations applied)", file=sys.stderr)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    if args.engine == "spark":
        from .spark import ingest_spark
        summary = ingest_spark(args.paths, args.out, workers=args.workers, master=args.spark_master)
        print(f"marsad: spark: {summary['articles']} articles, {summary['failures']} failed, "
              f"tables written to {args.out}/", file=sys.stderr)
        return 0
    from ..cli import settings_overrides
    from ..settings import Settings
    from .ingest import ingest
    settings = Settings().with_(**settings_overrides(args))
    progress = _Progress() if sys.stderr.isatty() else None

    def committed(report):
        if args.verbose:
            print(f"marsad: committed batch {report.batches} ({report.articles} articles, "
                  f"{report.failed} failed so far)", file=sys.stderr, flush=True)

    try:
        report = ingest(args.paths, args.db, settings=settings, workers=args.workers, batch_size=args.batch_size,
                        on_progress=progress.update if progress else None, on_commit=committed,
                        retry_failed=args.retry_failed)
    finally:
        if progress:
            progress.stop()
    for origin, reasons in sorted(report.problems.items()):
        shown = "; ".join(reasons[:3]) + (f"; ... {len(reasons) - 3} more" if len(reasons) > 3 else "")
        print(f"marsad: {origin}: skipped {len(reasons)}: {shown}", file=sys.stderr)
    extra = "".join([f", {report.relocated} places now holding another record updated" if report.relocated else "",
                     f", {report.pruned} places no longer in the inputs removed" if report.pruned else "",
                     f", {report.known_failures} failed before and skipped (--retry-failed to try again)"
                     if report.known_failures else ""])
    print(f"marsad: {report.articles} new articles ({report.rate:.1f}/s), {report.exact_duplicates} repeated texts "
          f"added as sources, {report.near_duplicates} near-duplicates linked, {report.failed} failed, "
          f"{report.already_done} already stored{extra}; {report.items} inputs in {report.seconds:.1f}s -> {args.db}",
          file=sys.stderr)
    if report.stopped:
        print(f"marsad: stopped by {report.stopped}: the {report.batches} batches committed are kept; "
              "run the same command again to resume", file=sys.stderr)
        return 128 + _signal_number(report.stopped)
    return 0


def _signal_number(name: str) -> int:
    import signal
    return int(getattr(signal, name, signal.SIGTERM))


class _Progress:
    """A progress bar with articles/s on standard error (only when it is a terminal)."""

    def __init__(self):
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
        self.bar = Progress(TextColumn("[bold]ingest"), BarColumn(), TextColumn("{task.fields[articles]} articles"),
                            TextColumn("{task.fields[rate]:.1f}/s"), TextColumn("{task.fields[failed]} failed"),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task("ingest", total=None, articles=0, rate=0.0, failed=0)
        self.started = False   # the bar's refresh thread starts with the first article, after the
        import time            # workers are forked (fork is safe only from a process with one thread)
        self.clock = time.perf_counter
        self.t0 = self.clock()

    def update(self, report) -> None:
        if not self.started:
            self.bar.start()
            self.started = True
        elapsed = max(1e-6, self.clock() - self.t0)
        self.bar.update(self.task, articles=report.articles, rate=report.articles / elapsed, failed=report.failed)

    def stop(self) -> None:
        self.bar.stop()


# --- queries --------------------------------------------------------------------------------------------------

def _open(args):
    from .db import connect
    return connect(args.db, read_only=True)


def _page(args) -> dict[str, Any]:
    return {"limit": args.limit, "offset": args.offset}


def _listed(args, name: str, filters: dict[str, Any], sort: str | None = None) -> tuple[list[dict[str, Any]], str]:
    """A page of a store list and the line that says which part of the whole it is."""
    from . import lists
    found = lists.page(_open(args), name, {**filters, "include_duplicates": getattr(args, "include_duplicates", False)},
                       sort or getattr(args, "sort", None), **_page(args))
    n, total, start = len(found["rows"]), found["total"], found["offset"]
    shown = f"{start + 1:,}-{start + n:,} of {total:,}" if n else f"none of {total:,}"
    return found["rows"], shown


def cmd_quotes(args) -> int:
    rows, shown = _listed(args, "quotes", {"speaker": args.speaker, "outlet": args.outlet, "stance": args.stance,
                                           "q": args.text, "date_from": args.date_from, "date_to": args.date_to,
                                           "chain": args.chain, "chain_role": args.chain_role})
    for r in rows:  # an unnamed source is shown by its description ("مصدر أمني")
        r.setdefault("_speaker", r.get("speaker_name") or r.get("speaker_description"))
    return _print(args, rows, (("_speaker", "speaker"), ("cue_lemma", "cue"), ("stance", "stance"), ("text", "quote"),
                               ("publisher", "outlet"), ("published_date", "date"), ("article_id", "article")),
                  f"quotes: {shown}")


def cmd_events(args) -> int:
    rows, shown = _listed(args, "events", {"dyad": args.dyad, "root": args.root, "quad": args.quad,
                                           "actor": args.actor, "outlet": args.outlet, "date_from": args.date_from,
                                           "date_to": args.date_to})
    return _print(args, rows, (("event_date", "date"), ("source_name", "source"), ("source_country", "src"),
                               ("cameo", "cameo"), ("quad_class", "quad"), ("goldstein", "goldstein"),
                               ("target_name", "target"), ("target_country", "tgt"), ("trigger_text", "trigger"),
                               ("publisher", "outlet"), ("article_id", "article")), f"events: {shown}")


def cmd_actors(args) -> int:
    from .queries import _ACTOR_ORDER
    rows, shown = _listed(args, "actors", {"type": args.type, "country": args.country, "name": args.name,
                                           "outlet": args.outlet, "date_from": args.date_from,
                                           "date_to": args.date_to}, sort="-" + _ACTOR_ORDER[args.by])
    return _print(args, rows, (("name", "name"), ("name_en", "English"), ("type", "type"), ("country", "country"),
                               ("n_mentions", "mentions"), ("n_quotes", "quotes"), ("n_articles", "articles"),
                               ("n_events", "events"), ("key", "key")), f"actors: {shown}")


def cmd_relations(args) -> int:
    from . import queries
    rows = queries.relations(_open(args), date_from=args.date_from, date_to=args.date_to, min_events=args.min_events,
                             limit=args.limit, outlet=args.outlet)
    return _print(args, rows, (("source", "source"), ("target", "target"), ("n_events", "events"),
                               ("quad1", "verbal coop."), ("quad2", "material coop."), ("quad3", "verbal conflict"),
                               ("quad4", "material conflict"), ("mean_goldstein", "mean Goldstein")),
                  f"relations ({len(rows):,})")


def cmd_outlets(args) -> int:
    from . import outlets
    rows = outlets.outlets(_open(args), date_from=args.date_from, date_to=args.date_to)
    return _print(args, rows, (("outlet", "outlet"), ("n_articles", "articles"), ("first_date", "from"),
                               ("last_date", "to"), ("n_quotes", "quotes"), ("n_events", "events"),
                               ("n_framing", "framing")), f"outlets ({len(rows):,})")


def cmd_profile(args) -> int:
    from . import outlets
    rows = outlets.profile(_open(args), args.outlet, actor=args.actor, date_from=args.date_from, date_to=args.date_to,
                           by_month=args.monthly, limit=args.limit or None, sort=args.sort)
    for r in rows:
        r["_coverage"] = _percent(r["coverage"])
        r["_stance"] = " ".join(f"{s[:3]}:{r['quotes_' + s]}" for s in (*outlets.STANCES, "other") if r["quotes_" + s])
        r["_src"] = "/".join(str(r[f"source_q{q}"]) for q in (1, 2, 3, 4))
        r["_tgt"] = "/".join(str(r[f"target_q{q}"]) for q in (1, 2, 3, 4))
    columns = ((("month", "month"),) if args.monthly else ()) + (
        ("name", "actor"), ("actor_key", "key"), ("n_articles", "articles"), ("_coverage", "coverage"),
        ("n_quotes", "quotes"), ("_stance", "quotes by cue stance"), ("n_loaded_labels", "loaded labels"),
        ("n_scare_quotes", "scare quotes"), ("_src", "as source q1/2/3/4"), ("_tgt", "as target q1/2/3/4"))
    outlet = rows[0]["outlet"] if rows else args.outlet
    total = rows[0]["outlet_articles"] if rows else 0
    return _print(args, rows, columns, f"profile of {outlet} ({total:,} articles): {len(rows):,} rows")


def _percent(share: float | None) -> str:
    return "" if share is None else f"{100 * share:.1f}%"


def cmd_compare(args) -> int:
    from . import outlets
    found = outlets.compare(_open(args), args.outlets, args.actor, date_from=args.date_from, date_to=args.date_to,
                            alpha=args.alpha)
    rows = found["rows"]
    if args.json:
        return _print(args, rows, (), "")
    if args.csv:
        return _print(args, [outlets.compare_flat(r) for r in rows], (), "")
    from rich.console import Console
    from rich.table import Table
    who = found["actor"]
    table = Table(title=f"{who['name']} ({who['key']}) in {', '.join(found['outlets'])}", show_lines=False)
    table.add_column("measure")
    for name in found["outlets"]:
        table.add_column(f"{name}\nshare (k/n) [95% CI]", justify="right")
    for h in ("test", "p", "p (Holm)", ""):
        table.add_column(h, justify="right")
    for r in rows:
        cells = [f"{_percent(v['share']) or '-'} ({v['k']}/{v['n']})"
                 + (f" [{_percent(v['ci_low'])}-{_percent(v['ci_high'])}]" if v["n"] else "") for v in r["values"]]
        test = (r["test"] or "none") + ("~" if r["approximate"] else "")
        table.add_row(r["measure"], *cells, test, _p(r["p_value"]), _p(r["p_adjusted"]),
                      "*" if r["significant"] else "")
    console = Console()
    console.print(table)
    console.print(f"* = adjusted p < {found['alpha']}; ~ = approximate (an expected count below 5).\n{found['test']}",
                  soft_wrap=True, highlight=False)
    return 0


def _p(p: float | None) -> str:
    if p is None:
        return "-"
    return "<0.0001" if p < 1e-4 else f"{p:.4f}"


def cmd_search(args) -> int:
    from . import queries
    found = queries.search(_open(args), args.query, outlet=args.outlet, date_from=args.date_from,
                           date_to=args.date_to, include_duplicates=args.include_duplicates, sort=args.sort,
                           **_page(args))
    rows, start, n = found["rows"], found["offset"], len(found["rows"])
    spelled = "; ".join(" | ".join(t["spellings"]) for t in found["query"])
    shown = f"{start + 1:,}-{start + n:,} of {found['total']:,}" if n else f"none of {found['total']:,}"
    return _print(args, rows, (("published_date", "date"), ("publisher", "outlet"), ("title", "title"),
                               ("snippet", "text"), ("id", "article")), f"search [{spelled}]: {shown}")


def _print(args, rows: list[dict[str, Any]], columns: tuple[tuple[str, str], ...], title: str) -> int:
    """Rows as JSON, CSV (every field), or a terminal table of the chosen (field, header) columns.
    Fields named `_...` are for the table only."""
    if args.json:
        plain = [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]
        sys.stdout.write(json.dumps(plain, ensure_ascii=False, indent=1) + "\n")
        return 0
    if args.csv:
        fields = [k for k in rows[0] if not k.startswith("_")] if rows else [c for c, _ in columns]
        w = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in r.items()})
        return 0
    from rich.console import Console
    from rich.table import Table
    table = Table(title=title, show_lines=False)
    for field_, header in columns:
        table.add_column(header, overflow="fold", max_width=60 if field_ in ("text", "snippet") else None)
    for r in rows:
        table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c, _ in columns))
    Console().print(table)
    return 0


# --- export ---------------------------------------------------------------------------------------------------

def cmd_export(args) -> int:
    from . import export
    con = _open(args)
    if args.format == "parquet":
        if args.output == "-":
            raise InputError("parquet export needs a folder, not standard output")
        n = export.export_parquet(con, args.output)
        print(f"marsad: wrote {n} tables to {args.output}/", file=sys.stderr)
        return 0
    fn = export.export_jsonl if args.format == "jsonl" else export.export_gdelt
    if args.output == "-":
        n = fn(con, sys.stdout, include_duplicates=args.include_duplicates)
    else:
        with open(args.output, "w", encoding="utf-8", newline="") as fh:
            n = fn(con, fh, include_duplicates=args.include_duplicates)
    print(f"marsad: wrote {n} {'records' if args.format == 'jsonl' else 'events'} to {args.output}", file=sys.stderr)
    return 0
