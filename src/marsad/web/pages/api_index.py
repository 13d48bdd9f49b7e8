"""/api: the list of JSON endpoints (from the OpenAPI description the app builds), and /api/health."""
from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse


def register(app, site) -> None:
    from ... import __version__

    @app.get("/api/health", tags=["meta"], summary="Is the server up, and does it have a store?")
    def api_health() -> dict[str, Any]:
        # "warm": the startup pass over the costliest pages is done (a readiness signal for load tests)
        return {"ok": True, "version": __version__, "store": site.services.has_store,
                "warm": site.services.warmed.is_set()}

    @app.get("/api", tags=["meta"], summary="This list of endpoints", response_class=HTMLResponse)
    def api_index(request: Request):
        spec = app.openapi()
        endpoints = [{"method": m.upper(), "path": p, "summary": op.get("summary", ""),
                      "params": [x["name"] for x in op.get("parameters", [])]}
                     for p, ops in spec["paths"].items() for m, op in ops.items() if p.startswith("/api")]
        return site.render(request, "api.html", endpoints=endpoints, json_url="/openapi.json")
