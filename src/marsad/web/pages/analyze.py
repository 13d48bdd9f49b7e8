"""/analyze: a text pasted or a file uploaded, analyzed on the fly and shown as an article page, never
stored; POST /api/analyze is its JSON twin (the document record)."""
from __future__ import annotations

from typing import Any

from fastapi import File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from ...errors import InputError, MarsadError


class AnalyzeRequest(BaseModel):
    text: str = Field(description="the article text (Arabic)")
    title: str | None = None
    publisher: str | None = Field(None, description="the outlet that published it (ends every chain)")
    published: str | None = Field(None, description="publication date, ISO")
    url: str | None = None


class TooLarge(InputError):
    status = 413


def register(app, site) -> None:
    web = site.services.web

    def analyze_record(text: str, **meta: Any) -> dict[str, Any]:
        text = text or ""
        if len(text) > web.max_analyze_chars:
            raise TooLarge(f"the text has {len(text):,} characters; this page analyzes up to "
                           f"{web.max_analyze_chars:,} (use `marsad analyze` or `marsad ingest` for longer texts)")
        meta = {k: (v or None) for k, v in meta.items()}
        return site.services.analyze(text, **meta).to_dict()

    @app.post("/api/analyze", tags=["analyze"], summary="Analyze a text without storing it: the document record")
    def api_analyze(req: AnalyzeRequest) -> dict[str, Any]:
        return analyze_record(req.text, title=req.title, publisher=req.publisher, published=req.published,
                              url=req.url)

    @app.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
    def analyze_form(request: Request):
        return site.render(request, "analyze.html", json_url="/api", max_chars=web.max_analyze_chars, form={},
                           error=None)

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    async def analyze_post(request: Request, text: str = Form(""), title: str = Form(""), publisher: str = Form(""),
                           published: str = Form(""), file: UploadFile | None = File(None)):
        from ..errors import arabic
        from ..views import article_view
        form = {"text": text, "title": title, "publisher": publisher, "published": published}
        try:
            if file is not None and file.filename:
                from ...text.read import read_bytes
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
            return site.render(request, "analyze.html", status=getattr(exc, "status", 400), json_url="/api",
                               max_chars=web.max_analyze_chars, form=form, error=arabic(str(exc)),
                               error_detail=str(exc))
        view = article_view(record, site.cameo, stored=False, countries=site.countries)
        return site.render(request, "article.html", json_url="/api", v=view, record=record)
