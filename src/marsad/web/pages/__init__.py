"""Pages: each defined once (its parameters, its query, its template) and mounted twice, as the HTML
page and as its JSON twin under /api (as datasette does); a list page also as its whole export,
streamed, under /api/export/LIST.csv and .json.

    PAGE = Page("quotes", "/quotes", "quotes.html", load, params=(...), summary="...")

`load(site, args)` returns the JSON-ready data both twins show; `view(site, data, args)` may add what
only the HTML needs (rendered text, label names). Results are cached per app (the store is read-only
while served). The modules of this package are the pages, one each; `PAGES` lists them in mount order.
"""
from __future__ import annotations

import csv
import importlib
import inspect
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse

MAX_PAGE = 10_000_000
MAX_SIZE = 500


@dataclass(frozen=True)
class Param:
    """A query parameter: its type (str, int, float or list for a repeated one), default and help."""
    name: str
    type: type = str
    default: Any = None
    help: str = ""
    ge: float | None = None
    le: float | None = None
    pattern: str | None = None

    def annotation(self):
        if self.type is list:
            return list[str] | None
        return self.type | None if self.default is None else self.type

    def query(self):
        kw: dict[str, Any] = {"description": self.help or None}
        if self.ge is not None:
            kw["ge"] = self.ge
        if self.le is not None:
            kw["le"] = self.le
        if self.pattern:
            kw["pattern"] = self.pattern
        return Query(self.default, **kw)


@dataclass(frozen=True)
class Page:
    name: str
    path: str                                   # "/quotes", "/actors/{key:path}"
    template: str
    load: Callable[["Site", dict[str, Any]], dict[str, Any]]
    params: tuple[Param, ...] = ()
    summary: str = ""
    api_path: str | None = None                 # default "/api" + path
    view: Callable[["Site", dict[str, Any], dict[str, Any]], dict[str, Any]] | None = None
    listing: str | None = None                  # the store list it pages through (exports)
    filters: tuple[str, ...] = ()               # its parameters that are the list's filters
    needs_store: bool = True

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"{(\w+)(?::\w+)?}", self.path)

    @property
    def twin(self) -> str:
        return self.api_path or "/api" + self.path


OUTLET = Param("outlet", list, None, "the publisher (repeat for several)")
PUBLISHED = (Param("date_from", str, None, "published on or after (YYYY-MM-DD, YYYY-MM or YYYY)"),
             Param("date_to", str, None, "published on or before"))
EVENT_DATES = (Param("date_from", str, None, "event date on or after (YYYY-MM-DD, YYYY-MM or YYYY)"),
               Param("date_to", str, None, "event date on or before"))


def paging(default_size: int = 50, sort_help: str = "") -> tuple[Param, ...]:
    """page, size and sort: how every list page pages."""
    return (Param("page", int, 1, "page number (1 = first)", ge=1, le=MAX_PAGE),
            Param("size", int, default_size, f"rows per page (1-{MAX_SIZE})", ge=1, le=MAX_SIZE),
            Param("sort", str, None, sort_help or "a column to sort on; -column for descending"))


def list_filters(args: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {n: args.get(n) for n in names if args.get(n) not in (None, "", [])}


def list_data(site: "Site", name: str, args: dict[str, Any], filters: dict[str, Any],
              rows_key: str, facets: bool = True) -> dict[str, Any]:
    """One page of a store list, its total and facets, as every list page gives them. The total and the
    facets depend on the filters alone: kept once for every page and order of the same filters."""
    from ...store import queries
    con = site.cursor()
    size, page_no = int(args.get("size") or site.page_size), int(args.get("page") or 1)
    key = frozen(filters)
    if facets:
        found_facets, total = site.services.memo(("facets", name, key),
                                                 lambda: queries.facets_and_total(con, name, filters))
    else:
        found_facets, total = {}, site.services.memo(("total", name, key), lambda: queries.count(con, name, filters))
    found = queries.page(con, name, filters, args.get("sort"), size, (page_no - 1) * size, total=total)
    pages = max(1, -(-found["total"] // size))
    return {rows_key: found["rows"], "total": found["total"], "page": page_no, "size": size, "pages": pages,
            "has_next": page_no < pages, "sort": args.get("sort"), "filters": filters, "facets": found_facets}


def frozen(values: dict[str, Any]) -> tuple:
    """Query arguments as a cache key."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))


@dataclass
class Site:
    """What a page's code sees: the services, and the app-wide settings."""
    services: Any
    templates: Any = None
    pages: dict[str, Page] = field(default_factory=dict)

    def cursor(self):
        return self.services.cursor()

    @property
    def page_size(self) -> int:
        return self.services.web.page_size

    @property
    def cameo(self):
        return self.services.cameo

    @property
    def countries(self):
        return self.services.countries

    def render(self, request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        if "json_url" not in ctx:
            ctx["json_url"] = "/api" + request.url.path + (("?" + request.url.query) if request.url.query else "")
        return self.templates.TemplateResponse(request, template, ctx, status_code=status)

    def default_args(self, page_name: str, /, **path_args: Any) -> dict[str, Any]:
        """The arguments a request for a page without a query string gets (its parameters' defaults)."""
        return {**{p.name: p.default for p in self.pages[page_name].params}, **path_args}

    def warm(self, page_name: str, /, **path_args: Any) -> dict[str, Any]:
        """Compute (and cache) a page as a request without a query string would get it."""
        return self.data(self.pages[page_name], self.default_args(page_name, **path_args))

    def data(self, page: Page, args: dict[str, Any]) -> dict[str, Any]:
        key = (page.name, frozen(args))
        if page.needs_store:
            self.cursor()  # no store: 503 before any query
        return self.services.memo(key, lambda: page.load(self, args))


def _signature(page: Page, extra: tuple[Param, ...] = ()) -> inspect.Signature:
    params = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    params += [inspect.Parameter(p, inspect.Parameter.KEYWORD_ONLY, annotation=str) for p in page.path_params]
    params += [inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=p.query(), annotation=p.annotation())
               for p in (*page.params, *extra)]
    return inspect.Signature(params)


def mount(app: FastAPI, site: Site, page: Page) -> None:
    """The page at page.path (HTML), its twin at /api... (JSON), and a list's exports."""
    site.pages[page.name] = page

    def html(request: Request, **args: Any):
        data = site.data(page, args)
        extra = page.view(site, data, args) if page.view else {}
        twin = (page.api_path or "/api" + request.url.path) + (("?" + request.url.query) if request.url.query else "")
        return site.render(request, page.template, **data, **extra, d=data, args=args, f=_form(args), page_def=page,
                           json_url=twin)

    def as_json(request: Request, **args: Any):
        return JSONResponse(site.data(page, args))

    html.__signature__ = _signature(page)
    as_json.__signature__ = _signature(page)
    app.add_api_route(page.twin, as_json, methods=["GET"], summary=page.summary, tags=["corpus"],
                      name=f"api_{page.name}")
    app.add_api_route(page.path, html, methods=["GET"], response_class=HTMLResponse, include_in_schema=False,
                      name=page.name)
    if page.listing:
        _mount_exports(app, site, page)


def _form(args: dict[str, Any]) -> dict[str, Any]:
    """The arguments as a form shows them back: None as empty."""
    return {k: ("" if v is None else v) for k, v in args.items()}


# --- exports ----------------------------------------------------------------------------------------------------

def _mount_exports(app: FastAPI, site: Site, page: Page) -> None:
    keep = tuple(p for p in page.params if p.name in page.filters or p.name == "sort")

    def export(fmt: str):
        def endpoint(request: Request, **args: Any):
            from ...store import queries
            filters = list_filters(args, page.filters)
            columns, rows = queries.stream(site.cursor(), page.listing, filters, args.get("sort"))
            body = _csv(columns, rows) if fmt == "csv" else _json(columns, rows)
            kind = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
            return StreamingResponse(body, media_type=kind, headers={
                "content-disposition": f'attachment; filename="marsad-{page.listing}.{fmt}"'})
        endpoint.__signature__ = _signature(Page(page.name, page.path, page.template, page.load, keep))
        return endpoint

    for fmt in ("csv", "json"):
        app.add_api_route(f"/api/export/{page.listing}.{fmt}", export(fmt), methods=["GET"], tags=["export"],
                          summary=f"Every row of the filtered {page.listing} list as {fmt.upper()}, streamed",
                          name=f"export_{page.listing}_{fmt}")


def _cell(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v


def _csv(columns: list[str], rows: Iterator[tuple]) -> Iterator[str]:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    n = 0
    for row in rows:
        w.writerow([_cell(v) for v in row])
        n += 1
        if n % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _json(columns: list[str], rows: Iterator[tuple]) -> Iterator[str]:
    """A JSON array of objects, sent 500 rows at a time."""
    chunk, sep = ["["], "\n"
    for row in rows:
        chunk.append(sep + json.dumps(dict(zip(columns, row)), ensure_ascii=False))
        sep = ",\n"
        if len(chunk) >= 500:
            yield "".join(chunk)
            chunk = []
    chunk.append("\n]\n")
    yield "".join(chunk)


# The page modules, in mount order (a fixed path before a {path} one that would swallow it).
PAGES = ("home", "articles", "article", "quotes", "actors", "actor", "events", "relations", "dyad", "outlets",
         "outlet", "compare", "analyze", "api_index")


def mount_all(app: FastAPI, site: Site) -> None:
    for name in PAGES:
        module = importlib.import_module(f"{__name__}.{name}")
        if hasattr(module, "register"):   # a page with more than GET (the analyze form)
            module.register(app, site)
        else:
            mount(app, site, module.PAGE)
