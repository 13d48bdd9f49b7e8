"""The web UI and its JSON API, read-only over the corpus store.

Every page has a JSON twin under /api (the page at /quotes?stance=doubting is
/api/quotes?stance=doubting as data), every list its whole export under /api/export;
/openapi.json describes the API and /api lists it. The app never writes: the store is opened
read-only, every query is parameterized (the store's), text is escaped wherever it is shown,
request bodies are capped, and `marsad serve` listens on loopback unless told otherwise.

    from marsad.web.app import create_app
    app = create_app(WebSettings(db="marsad.duckdb"))

This module wires; the pages are `pages/` (one module each), the middleware `middleware.py`, the
error answers `errors.py`, what the app holds `services.py`.
"""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from . import errors, templating
from .middleware import SECURITY_HEADERS, BodyLimit, HeadAsGet, SecurityHeaders, TargetLimit  # noqa: F401  (SECURITY_HEADERS: API)
from .pages import Site, mount_all
from .services import PAGE_SIZE, Services, WebSettings  # noqa: F401  (the app's settings live there)

HERE = Path(__file__).parent


def create_app(web: WebSettings | None = None) -> FastAPI:
    services = Services(web or WebSettings())

    stop = threading.Event()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        warming = None
        if services.has_store:  # the knowledge base's spellings and the costliest pages, before users ask
            warming = threading.Thread(target=_warm, args=(site, stop), daemon=True, name="marsad-warm")
            warming.start()
        else:
            services.warmed.set()
        yield
        stop.set()
        if warming is not None:   # it stops after the page at hand; the connection closes after it
            warming.join(timeout=30)
        services.close()

    app = FastAPI(title="marsad", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Arabic news as structured, source-linked data: articles, quotes, actors, events, "
                              "relations, outlets side by side. Read-only. Every page of the UI has its JSON twin "
                              "here; every list its whole export under /api/export.")
    app.state.services = services
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templating.configure(templates.env, services)
    site = Site(services, templates)
    errors.install(app, site.render)
    mount_all(app, site)
    # Outermost first: headers on every answer (413s and 414s included), the target limit, HEAD as GET, then
    # the body limit.
    app.add_middleware(BodyLimit, limit=services.web.max_body_bytes)
    app.add_middleware(HeadAsGet)
    app.add_middleware(TargetLimit)
    app.add_middleware(SecurityHeaders)
    return app


def _warm(site: Site, stop: threading.Event) -> None:
    """At startup, in the background: read the knowledge base's spellings (the first search needs them), build
    the comparisons' index (store.outlets.CompareIndex: every outlet and actor's counts in one pass, ~0.4 s of
    CPU on the 1,977-article sample; a comparison then costs ~13 ms instead of ~90), then
    compute the pages that cost most when cold and that every visit reaches: each outlet's page (one per
    outlet, ~100-200 ms of CPU each on the 1,977-article sample) and the page of each actor on the first page
    of the actors list. The app's result cache then answers them; the store cannot change while it is open
    read-only, so they cannot go stale. Nothing here is needed for correctness: a failure is only logged."""
    import logging
    import os
    from ..store.queries import warm
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)  # requests first (Linux: per thread)
    except (AttributeError, OSError):
        pass
    try:
        warm()
        if not site.services.web.warm_pages:
            return
        from ..store.queries import CompareIndex
        site.services.compare_index = CompareIndex(site.cursor())   # every comparison's counts, in one pass
        for outlet in site.warm("outlets").get("outlets", []):
            if stop.is_set():
                return
            site.warm("outlet", name=outlet["outlet"])
        for actor in site.warm("actors").get("actors", []):
            if stop.is_set():
                return
            site.warm("actor", key=actor["key"])
    except Exception:  # the store closed under it (shutdown), or a page's bug: the request will say it
        if not stop.is_set():
            logging.getLogger("marsad.web").warning("warming the page cache stopped", exc_info=True)
    finally:
        site.services.warmed.set()


def _version() -> str:
    from .. import __version__
    return __version__
