"""ASGI middleware: request bodies capped, request targets capped (414), HEAD answered as GET without a
body, security headers on every response. The HTTP protocol beneath (`LimitedH11Protocol`) answers 414
too when a request line is too long even to be parsed."""
from __future__ import annotations

import json

SECURITY_HEADERS = {
    # Scripts and styles come from the app alone; nothing inline runs even if markup slipped through.
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response (those a response already sets are kept)."""

    def __init__(self, app):
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [(k, v) for k, v in self.headers
                                                                         if k not in have]
            await send(message)
        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """HEAD is GET without the body (RFC 9110): every page and endpoint answers it with the headers GET
    would send, including Content-Length."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message):
            if message["type"] == "http.response.body":
                if not message.get("more_body"):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)
        await self.app({**scope, "method": "GET"}, receive, headers_only)


class BodyLimit:
    """Refuses request bodies over `limit` bytes with 413, whether the size is declared (Content-Length)
    or only found while reading (chunked). The body is read here, up to the limit, and handed on whole:
    bodies are small, and the app never sees a truncated one."""

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
                    f'الطلب أكبر من المسموح ({self.limit:,} بايت).</p><p class="error-detail" dir="ltr" lang="en">'
                    f'{msg}.</p><p><a href="/analyze">عودة</a></p></main></html>').encode()
            kind = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


# Longest request target (path and query) the app takes. The longest legitimate one, a comparison of many
# outlets with filters, is under 2 KB; a search query of a few hundred words fits too.
MAX_TARGET_BYTES = 16 * 1024
# Longest request head (request line and headers) the HTTP parser buffers before it answers 414 or 431.
MAX_HEAD_BYTES = 64 * 1024


def _too_long(path: str) -> tuple[bytes, bytes]:
    msg = f"request line too long: the limit is {MAX_TARGET_BYTES:,} bytes"
    if path.startswith("/api"):
        return json.dumps({"error": msg, "error_ar": "العنوان أطول من المسموح."}, ensure_ascii=False).encode(), \
            b"application/json"
    body = (f'<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><title>414</title>'
            f'<link rel="stylesheet" href="/static/marsad.css"><main class="page"><p class="error-msg">'
            f'العنوان أطول من المسموح ({MAX_TARGET_BYTES:,} بايت).</p><p class="error-detail" dir="ltr" lang="en">'
            f'{msg}.</p><p><a href="/">الصفحة الرئيسية</a></p></main></html>').encode()
    return body, b"text/html; charset=utf-8"


class TargetLimit:
    """Refuses a request whose target (path and query string) is over MAX_TARGET_BYTES with 414 URI Too Long."""

    def __init__(self, app, limit: int = MAX_TARGET_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        size = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(scope.get("query_string") or b"")
        if size <= self.limit:
            return await self.app(scope, receive, send)
        body, kind = _too_long(str(scope.get("path", "")))
        await send({"type": "http.response.start", "status": 414,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else body})


def limited_h11_protocol():
    """uvicorn's h11 protocol answering 414 (request line too long) or 431 (headers too large) where it
    answers a bare 400 to any head over its buffer, and closes the connection cleanly either way."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class LimitedH11Protocol(H11Protocol):
        def send_400_response(self, msg: str) -> None:
            buffered = getattr(self.conn, "_receive_buffer", None)
            head = bytes(buffered)[:MAX_HEAD_BYTES + 1] if buffered is not None else b""
            if len(head) <= MAX_HEAD_BYTES:
                return super().send_400_response(msg)
            line_ended = b"\r\n" in head or b"\n" in head
            status, text = (431, b"request headers too large") if line_ended else \
                (414, f"request line too long: the limit is {MAX_TARGET_BYTES:,} bytes".encode())
            headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]
            for event in (h11.Response(status_code=status, headers=headers, reason=b"URI Too Long" if status == 414 else b"Request Header Fields Too Large"), h11.Data(data=text), h11.EndOfMessage()):
                self.transport.write(self.conn.send(event))
            self.transport.close()

    return LimitedH11Protocol
