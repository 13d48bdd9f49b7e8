"""The web UI and its JSON API, read-only over the corpus store.

Every page has a JSON twin under /api (the page at /quotes?stance=doubting is
/api/quotes?stance=doubting as data); /openapi.json describes the API and /api
lists it. The app never writes: the store is opened read-only, every query is
parameterized, article text is escaped wherever it is shown, request bodies are
capped, and `marsad serve` listens on loopback unless told otherwise.

    from marsad.web.app import create_app
    app = create_app(WebSettings(db="marsad.duckdb"))
"""
from __future__ import annotations

import functools
import json
import logging
import threading
from collections import OrderedDict
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import BaseModel, Field

from ..errors import InputError, MarsadError
from ..settings import Settings
from . import data
from .labels import CameoLabels, CountryNames
from .views import MODALITY_AR, QUAD_NAMES, QUAD_NAMES_AR, STANCE_AR, article_view

HERE = Path(__file__).parent
PAGE_SIZE = 50


@dataclass(frozen=True)
class WebSettings:
    """What `marsad serve` passes to the app. `db=None` serves the analyze page alone."""
    db: str | Path | None = None
    # Largest request body accepted, in bytes (uploads and pasted text included).
    max_body_bytes: int = 2_000_000
    # Longest text the analyze page analyzes, in characters; longer text gets a clear message.
    max_analyze_chars: int = 100_000
    page_size: int = PAGE_SIZE
    # Store query results kept per app (least recently used dropped first). The store is opened
    # read-only, and DuckDB lets no process write it while it is open, so a result cannot go stale.
    cache_entries: int = 512
    pipeline: Settings = field(default_factory=Settings)


class AnalyzeRequest(BaseModel):
    text: str = Field(description="the article text (Arabic)")
    title: str | None = None
    publisher: str | None = Field(None, description="the outlet that published it (ends every chain)")
    published: str | None = Field(None, description="publication date, ISO")
    url: str | None = None


class TooLarge(InputError):
    status = 413


class BodyLimit:
    """ASGI middleware: refuses request bodies over `limit` bytes with 413, whether the size is
    declared (Content-Length) or only found while reading (chunked). The body is read here, up to
    the limit, and handed on whole: bodies are small, and the app never sees a truncated one."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(scope, send)
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.limit:
                return await self._refuse(scope, send)
            chunks.append(body)
            if not message.get("more_body"):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope, send):
        msg = f"request too large: the limit is {self.limit:,} bytes"
        if str(scope.get("path", "")).startswith("/api"):
            body, kind = json.dumps({"error": msg}, ensure_ascii=False).encode(), b"application/json"
        else:  # a form post from a page: answer with a page the browser shows
            body = (f'<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><title>413</title>'
                    f'<link rel="stylesheet" href="/static/marsad.css"><main class="page"><p class="error-msg">'
                    f'الطلب أكبر من المسموح ({self.limit:,} بايت). {msg}.</p><p><a href="/analyze">عودة</a></p>'
                    f'</main></html>').encode()
            kind = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


SECURITY_HEADERS = {
    # Scripts and styles come from the app alone; nothing inline runs even if markup slipped through.
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class Services:
    """What the app holds for its lifetime: the read-only store connection, the pipeline (built on
    the first analyze request, once), and the label tables. One per app, never module-global."""

    def __init__(self, web: WebSettings):
        self.web = web
        self.con = None
        if web.db is not None:
            from ..store import db as store_db
            self.con = store_db.connect(web.db, read_only=True)
        self.cameo = CameoLabels.load(web.pipeline.data_dir)
        self.countries = CountryNames.load(web.pipeline.data_dir)
        self._nlp = None
        self._nlp_lock = threading.Lock()
        self._memo: OrderedDict[tuple, Any] = OrderedDict()
        self._memo_lock = threading.Lock()

    def memo(self, key: tuple, compute) -> Any:
        """The result of `compute()` for `key`, computed once while it stays among the recent ones."""
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()
        with self._memo_lock:
            self._memo[key] = value
            while len(self._memo) > self.web.cache_entries:
                self._memo.popitem(last=False)
        return value

    def cursor(self):
        """A cursor per request: DuckDB connections are not shared between threads, cursors are cheap."""
        if self.con is None:
            raise HTTPException(503, "no corpus store: start `marsad serve --db FILE` to browse a corpus")
        return self.con.cursor()

    def analyze(self, text: str, **meta: Any):
        with self._nlp_lock:  # one pipeline per app, built once; analysis is CPU-bound anyway
            if self._nlp is None:
                from ..pipeline import load
                self._nlp = load(self.web.pipeline)
            return self._nlp(text, **meta)

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None


def _json_blob(value: Any) -> Markup:
    """JSON safe to put inside <script type="application/json">: no character can close the element."""
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _safe_url(url: Any) -> str | None:
    """Links to an article's source only over http(s): a `javascript:` URL in a record is not a link."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _fmt_gs(v: Any) -> str:
    return "" if v is None else f"{float(v):+.1f}"


def create_app(web: WebSettings | None = None) -> FastAPI:
    web = web or WebSettings()
    services = Services(web)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        services.close()

    app = FastAPI(title="marsad", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Arabic news as structured, source-linked data: articles, quotes, actors, events, "
                              "relations. Read-only. Every page of the UI has its JSON twin here.")
    app.state.services = services
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.filters["gs"] = _fmt_gs
    env.filters["country"] = services.countries.ar
    env.filters["json_blob"] = _json_blob
    env.filters["safe_url"] = _safe_url
    env.globals.update(QUAD_NAMES_AR=QUAD_NAMES_AR, STANCE_AR=STANCE_AR, MODALITY_AR=MODALITY_AR,
                       has_store=services.con is not None, version=_version())

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    app.add_middleware(BodyLimit, limit=web.max_body_bytes)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/api"

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("json_url", "/api" + request.url.path + (("?" + request.url.query) if request.url.query else ""))
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    @app.exception_handler(MarsadError)
    async def marsad_error(request: Request, exc: MarsadError):
        status = getattr(exc, "status", 400)
        if wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=status)
        return page(request, "error.html", status=status, message=str(exc), json_url=None)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if wants_json(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", status=exc.status_code, message=str(exc.detail), json_url=None)

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        msg = f"{where}: {first.get('msg', 'invalid')}"
        if wants_json(request):
            return JSONResponse({"error": msg}, status_code=422)
        return page(request, "error.html", status=422, message=msg, json_url=None)

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException):
        if wants_json(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        message = "لا صفحة بهذا العنوان" if exc.status_code == 404 and exc.detail == "Not Found" else str(exc.detail)
        return page(request, "error.html", status=exc.status_code, message=message, json_url=None)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        # A bug, not bad input: logged with its traceback for the operator, one line for the user.
        logging.getLogger("marsad.web").exception("internal error on %s", request.url.path)
        msg = f"internal error ({type(exc).__name__}); the server log has the details"
        if wants_json(request):
            return JSONResponse({"error": msg}, status_code=500)
        return page(request, "error.html", status=500, message=msg, json_url=None)

    # --- data functions shared by each page and its JSON twin --------------------------------------------------

    def cached(fn):
        @functools.wraps(fn)
        def wrapper(*args):
            if services.con is None:
                return fn(*args)
            return services.memo((fn.__name__, *args), lambda: fn(*args))
        return wrapper

    def pager(page_no: int) -> tuple[int, int]:
        if page_no < 1:
            raise InputError("page must be 1 or more")
        return web.page_size, (page_no - 1) * web.page_size

    @cached
    def home_data() -> dict[str, Any]:
        if services.con is None:
            return {"stats": None, "articles": [], "actors": []}
        from ..store import queries
        con = services.cursor()
        return {"stats": queries.stats(con), "articles": queries.list_articles(con, limit=12),
                "actors": queries.actors(con, limit=12)}

    @cached
    def articles_data(publisher, q, date_from, date_to, page_no) -> dict[str, Any]:
        from ..store import queries
        limit, offset = pager(page_no)
        con = services.cursor()
        rows = queries.list_articles(con, publisher=publisher or None, text=q or None, date_from=date_from or None,
                                     date_to=date_to or None, limit=limit + 1, offset=offset)
        return {"articles": rows[:limit], "page": page_no, "has_next": len(rows) > limit,
                "facets": data.facets(con)}

    @cached
    def article_data(article_id: str) -> dict[str, Any]:
        from ..store import queries
        rec = queries.get_article(services.cursor(), article_id)
        if rec is None:
            raise HTTPException(404, f"no article {article_id!r} in the store")
        return rec

    @cached
    def quotes_data(speaker, outlet, stance, chain, chain_role, q, date_from, date_to, page_no) -> dict[str, Any]:
        limit, offset = pager(page_no)
        con = services.cursor()
        rows = data.quotes(con, chain=chain or None, chain_role=chain_role or None, speaker=speaker or None,
                           outlet=outlet or None, stance=stance or None, text=q or None, date_from=date_from or None,
                           date_to=date_to or None, limit=limit + 1, offset=offset)
        return {"quotes": rows[:limit], "page": page_no, "has_next": len(rows) > limit, "facets": data.facets(con)}

    @cached
    def actors_data(name, type_, country, by, page_no) -> dict[str, Any]:
        from ..store import queries
        limit, offset = pager(page_no)
        rows = queries.actors(services.cursor(), by=by or "mentions", type=type_ or None, country=country or None,
                              name=name or None, limit=limit + 1, offset=offset)
        return {"actors": rows[:limit], "page": page_no, "has_next": len(rows) > limit}

    @cached
    def actor_data(key: str) -> dict[str, Any]:
        from ..store import queries
        con = services.cursor()
        found = queries.actor(con, key)
        if found is None:
            raise HTTPException(404, f"no actor {key!r} in the store")
        akey = found["key"]
        found["mentions_timeline"] = data.mentions_timeline(con, akey)
        found["quotes_about"] = data.quotes_about(con, akey)
        state = found.get("country") if found.get("subtype") == "country" else None
        found["events_as_source"] = data.actor_events(con, akey, "source", country=state)
        found["events_as_target"] = data.actor_events(con, akey, "target", country=state)
        for r in found["events_as_source"] + found["events_as_target"]:
            r["cameo_name"] = services.cameo.name(r.get("cameo"))
        return found

    @cached
    def events_data(dyad, root, quad, actor, date_from, date_to, page_no) -> dict[str, Any]:
        from ..store import queries
        limit, offset = pager(page_no)
        rows = queries.events(services.cursor(), dyad=dyad or None, root=root or None, quad=quad, actor=actor or None,
                              date_from=date_from or None, date_to=date_to or None, limit=limit + 1, offset=offset)
        for r in rows:
            r["cameo_name"] = services.cameo.name(r.get("cameo"))
        return {"events": rows[:limit], "page": page_no, "has_next": len(rows) > limit}

    @cached
    def relations_data(date_from, date_to, min_events, level="states") -> dict[str, Any]:
        con = services.cursor()
        graph = data.relations_graph(con, date_from=date_from or None, date_to=date_to or None,
                                     min_events=min_events, level=level)
        if level == "states":
            for n in graph["nodes"]:
                n["name"] = services.countries.ar(n["id"])
                n["name_en"] = services.countries.en(n["id"])
        else:
            names = data.actor_names(con, [n["id"] for n in graph["nodes"]])
            for n in graph["nodes"]:
                known = names.get(n["id"], {})
                n.update(name=known.get("name") or n["id"], name_en=known.get("name_en"), type=known.get("type"),
                         country=known.get("country"))
        label = {n["id"]: n["name"] for n in graph["nodes"]}
        for e in graph["edges"]:
            e["a_name"], e["b_name"] = label.get(e["a"], e["a"]), label.get(e["b"], e["b"])
        graph["quad_names"] = {str(k): v for k, v in QUAD_NAMES.items()}
        graph["date_from"], graph["date_to"] = date_from or None, date_to or None
        return graph

    @cached
    def dyad_data(a: str, b: str, period: str, level: str = "states") -> dict[str, Any]:
        from ..store import queries
        con = services.cursor()
        if level == "actors":
            found = data.actor_dyad(con, a, b, period=period)
            names = data.actor_names(con, [a, b])
            timeline, evs = found["timeline"], found["events"]
            a_name = (names.get(a) or {}).get("name") or a
            b_name = (names.get(b) or {}).get("name") or b
        elif level == "states":
            a, b = a.upper(), b.upper()
            timeline = queries.dyad_timeline(con, a, b, period=period)
            evs = queries.events(con, dyad=f"{a}-{b}", limit=100) + queries.events(con, dyad=f"{b}-{a}", limit=100)
            evs.sort(key=lambda r: (r.get("event_date") or ""), reverse=True)
            a_name, b_name = services.countries.ar(a), services.countries.ar(b)
        else:
            raise InputError(f"level {level!r}: choose states or actors")
        for r in evs:
            r["cameo_name"] = services.cameo.name(r.get("cameo"))
        return {"a": a, "b": b, "a_name": a_name, "b_name": b_name, "level": level, "period": period,
                "timeline": timeline, "events": evs}

    def analyze_record(text: str, **meta: Any) -> dict[str, Any]:
        text = text or ""
        if len(text) > web.max_analyze_chars:
            raise TooLarge(f"the text has {len(text):,} characters; this page analyzes up to "
                           f"{web.max_analyze_chars:,} (use `marsad analyze` or `marsad ingest` for longer texts)")
        meta = {k: (v or None) for k, v in meta.items()}
        return services.analyze(text, **meta).to_dict()

    # --- JSON API ------------------------------------------------------------------------------------------

    @app.get("/api/health", tags=["meta"], summary="Is the server up, and does it have a store?")
    def api_health() -> dict[str, Any]:
        return {"ok": True, "version": _version(), "store": services.con is not None}

    @app.get("/api/stats", tags=["corpus"], summary="Corpus counts, recent articles and top actors (the home page)")
    def api_home() -> dict[str, Any]:
        return home_data()

    @app.get("/api/articles", tags=["corpus"], summary="Articles, newest first, with filters")
    def api_articles(publisher: str | None = None, q: str | None = Query(None, description="text or title contains"),
                     date_from: str | None = None, date_to: str | None = None, page: int = 1) -> dict[str, Any]:
        return articles_data(publisher, q, date_from, date_to, page)

    @app.get("/api/articles/{article_id:path}", tags=["corpus"], summary="One article: the full document record")
    def api_article(article_id: str) -> dict[str, Any]:
        return article_data(article_id)

    @app.post("/api/analyze", tags=["analyze"], summary="Analyze a text without storing it: the document record")
    def api_analyze(req: AnalyzeRequest) -> dict[str, Any]:
        return analyze_record(req.text, title=req.title, publisher=req.publisher, published=req.published,
                              url=req.url)

    @app.get("/api/quotes", tags=["corpus"], summary="Quotes, filtered by speaker, outlet, stance, chain, text, dates")
    def api_quotes(speaker: str | None = None, outlet: str | None = None, stance: str | None = None,
                   chain: str | None = Query(None, description="an entity in the chain of transmission (name)"),
                   chain_role: str | None = Query(None, description="said_to | relayed_by | published_by | none"),
                   q: str | None = Query(None, description="quote text contains"), date_from: str | None = None,
                   date_to: str | None = None, page: int = 1) -> dict[str, Any]:
        return quotes_data(speaker, outlet, stance, chain, chain_role, q, date_from, date_to, page)

    @app.get("/api/actors", tags=["corpus"], summary="Actors across the corpus")
    def api_actors(name: str | None = None, type: str | None = Query(None, description="PER | ORG | LOC"),
                   country: str | None = None,
                   by: str = Query("mentions", description="mentions|quotes|articles|events"),
                   page: int = 1) -> dict[str, Any]:
        return actors_data(name, type, country, by, page)

    @app.get("/api/actors/{key:path}", tags=["corpus"],
             summary="One actor: mentions over time, quotes by and about, events as source and target")
    def api_actor(key: str) -> dict[str, Any]:
        return actor_data(key)

    @app.get("/api/events", tags=["corpus"],
             summary="Events (CAMEO/PLOVER), filtered by dyad, root, quad, actor, dates")
    def api_events(dyad: str | None = Query(None, description="SRC-TGT, e.g. ISR-AZE"), root: str | None = None,
                   quad: int | None = Query(None, ge=1, le=4), actor: str | None = None,
                   date_from: str | None = None, date_to: str | None = None, page: int = 1) -> dict[str, Any]:
        return events_data(dyad, root, quad, actor, date_from, date_to, page)

    @app.get("/api/relations", tags=["corpus"],
             summary="The relations graph of states: edges with counts by quad class and mean Goldstein")
    def api_relations(date_from: str | None = None, date_to: str | None = None,
                      min_events: int = Query(1, ge=1),
                      level: str = Query("states", pattern="^(states|actors)$",
                                         description="states (countries) or actors (persons, organizations...)")
                      ) -> dict[str, Any]:
        return relations_data(date_from, date_to, min_events, level)

    @app.get("/api/dyads/{a}/{b}", tags=["corpus"], summary="A dyad's timeline (both directions) and its events")
    def api_dyad(a: str, b: str, period: str = Query("month", pattern="^(day|week|month|year)$"),
                 level: str = Query("states", pattern="^(states|actors)$",
                                    description="a and b are country codes (states) or actor keys (actors)")
                 ) -> dict[str, Any]:
        return dyad_data(a, b, period, level)

    @app.get("/api", tags=["meta"], summary="This list of endpoints", response_class=HTMLResponse)
    def api_index(request: Request):
        spec = app.openapi()
        endpoints = [{"method": m.upper(), "path": p, "summary": op.get("summary", ""),
                      "params": [x["name"] for x in op.get("parameters", [])]}
                     for p, ops in spec["paths"].items() for m, op in ops.items() if p.startswith("/api")]
        return page(request, "api.html", endpoints=endpoints, json_url="/openapi.json")

    # --- pages ---------------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        return page(request, "home.html", json_url="/api/stats", **home_data())

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles(request: Request, publisher: str | None = None, q: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, page_no: int = Query(1, alias="page")):
        d = articles_data(publisher, q, date_from, date_to, page_no)
        return page(request, "articles.html", **d, f={"publisher": publisher or "", "q": q or "",
                                                       "date_from": date_from or "", "date_to": date_to or ""})

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str):
        rec = article_data(article_id)
        view = article_view(rec, services.cameo, countries=services.countries)
        return page(request, "article.html", v=view, record=rec)

    @app.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
    def analyze_form(request: Request):
        return page(request, "analyze.html", json_url="/api", max_chars=web.max_analyze_chars, form={}, error=None)

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_post(request: Request, text: str = Form(""), title: str = Form(""), publisher: str = Form(""),
                           published: str = Form(""), file: UploadFile | None = File(None)):
        form = {"text": text, "title": title, "publisher": publisher, "published": published}
        try:
            if file is not None and file.filename:
                from ..text.read import read_bytes
                rec = read_bytes(await file.read(), what=file.filename)
                text = rec.text
                title = title or (rec.title or "")
                publisher = publisher or (rec.publisher or "")
                published = published or (rec.published or "")
            if not text.strip():
                raise InputError("paste an Arabic text or choose a file to analyze")
            from starlette.concurrency import run_in_threadpool
            record = await run_in_threadpool(analyze_record, text, title=title, publisher=publisher,
                                             published=published)
        except MarsadError as exc:
            return page(request, "analyze.html", status=getattr(exc, "status", 400), json_url="/api",
                        max_chars=web.max_analyze_chars, form=form, error=str(exc))
        view = article_view(record, services.cameo, stored=False, countries=services.countries)
        return page(request, "article.html", json_url="/api", v=view, record=record)

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(request: Request, speaker: str | None = None, outlet: str | None = None,
                    stance: str | None = None, chain: str | None = None, chain_role: str | None = None,
                    q: str | None = None, date_from: str | None = None, date_to: str | None = None,
                    page_no: int = Query(1, alias="page")):
        d = quotes_data(speaker, outlet, stance, chain, chain_role, q, date_from, date_to, page_no)
        f = {"speaker": speaker or "", "outlet": outlet or "", "stance": stance or "", "chain": chain or "",
             "chain_role": chain_role or "", "q": q or "", "date_from": date_from or "", "date_to": date_to or ""}
        return page(request, "quotes.html", **d, f=f)

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, name: str | None = None, type: str | None = None, country: str | None = None,
                    by: str = "mentions", page_no: int = Query(1, alias="page")):
        d = actors_data(name, type, country, by, page_no)
        return page(request, "actors.html", **d, f={"name": name or "", "type": type or "", "country": country or "",
                                                     "by": by})

    @app.get("/actors/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, key: str):
        return page(request, "actor.html", a=actor_data(key))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, dyad: str | None = None, root: str | None = None,
                    quad: int | None = Query(None, ge=1, le=4), actor: str | None = None,
                    date_from: str | None = None, date_to: str | None = None, page_no: int = Query(1, alias="page")):
        d = events_data(dyad, root, quad, actor, date_from, date_to, page_no)
        return page(request, "events.html", **d, f={"dyad": dyad or "", "root": root or "", "quad": quad or "",
                                                     "actor": actor or "", "date_from": date_from or "",
                                                     "date_to": date_to or ""})

    @app.get("/relations", response_class=HTMLResponse, include_in_schema=False)
    def relations_page(request: Request, date_from: str | None = None, date_to: str | None = None,
                       min_events: int = Query(1, ge=1), level: str = Query("states", pattern="^(states|actors)$")):
        return page(request, "relations.html", g=relations_data(date_from, date_to, min_events, level),
                    f={"date_from": date_from or "", "date_to": date_to or "", "min_events": min_events,
                       "level": level})

    @app.get("/dyads/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, a: str, b: str, period: str = Query("month", pattern="^(day|week|month|year)$"),
                  level: str = Query("states", pattern="^(states|actors)$")):
        return page(request, "dyad.html", d=dyad_data(a, b, period, level))

    return app


def _version() -> str:
    from .. import __version__
    return __version__
