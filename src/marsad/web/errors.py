"""Errors as the user meets them: one line of JSON under /api (`error`, in English as the library
says it, and `error_ar`), an Arabic page elsewhere (the Arabic message first, the English line
under it for a bug report). Never a traceback.

The library's messages are English one-liners; ARABIC maps the ones a user can cause to Arabic.
A message without a mapping still gets an Arabic heading, and its English line.
"""
from __future__ import annotations

import logging
import re
from typing import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import MarsadError

# (pattern over the English message, Arabic message: {1}, {2} ... are the pattern's groups)
ARABIC: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), ar) for p, ar in (
    (r"^(?:date_from|date_to) '(.*)' is not a date", "التاريخ «{1}» غير صالح: اكتبه سنة-شهر-يوم (2018-05-08) أو سنة-شهر أو سنة."),
    (r"^dyad '(.*)'", "الثنائي «{1}» غير صالح: اكتب رمزي دولتين بينهما شرطة، مثل ISR-AZE."),
    (r"^CAMEO root '(.*)'", "رمز CAMEO «{1}» غير صالح: اكتب أرقامًا، مثل 04 أو 042."),
    (r"^quad class", "فئة الحدث إما 1 أو 2 أو 3 أو 4."),
    (r"^chain role '(.*)'", "«{1}» ليس دورًا في سلسلة النقل: اختر قيل لـ أو نقلته أو نشرته أو دون سلسلة."),
    (r"^period '(.*)'", "الفترة «{1}» غير معروفة: يومية أو أسبوعية أو شهرية أو سنوية."),
    (r"^level '(.*)'", "المستوى «{1}» غير معروف: الدول أو الفاعلون."),
    (r"^actor type '(.*)'", "النوع «{1}» غير معروف: أشخاص (PER) أو منظمات (ORG) أو أماكن (LOC)."),
    (r"^actors by '(.*)'", "لا ترتيب باسم «{1}»."),
    (r"^no outlet '(.*)' in the store", "لا وسيلة إعلام باسم «{1}» في المخزن."),
    (r"^outlet '(.*)' is ambiguous: (.*)", "الاسم «{1}» يطابق أكثر من وسيلة: {2}. اكتب الاسم كاملًا."),
    (r"^give an outlet", "اختر وسيلة إعلام."),
    (r"^no actor '(.*)' in the store; did you mean (.*)\?", "لا فاعل باسم «{1}» في المخزن. هل تقصد: {2}؟"),
    (r"^no actor '(.*)' in the store", "لا فاعل باسم «{1}» في المخزن."),
    (r"^no actor '(.*)'", "لا فاعل بالمعرّف «{1}» في المخزن."),
    (r"^give an actor", "اكتب اسم فاعل (إيران، ترمب) أو معرّفه (loc:country:IRN)."),
    (r"^no article '(.*)'", "لا مقال بالمعرّف «{1}» في المخزن."),
    (r"^compare: give two or more", "اختر وسيلتين مختلفتين أو أكثر للمقارنة."),
    (r"^search: give", "اكتب كلمة أو أكثر للبحث."),
    (r"cannot sort on '(.*)'", "لا يمكن الترتيب حسب «{1}»."),
    (r"unknown filter '(.*)'", "لا مرشّح باسم «{1}»."),
    (r"^offset .* is past", "رقم الصفحة أكبر من أي قائمة في المخزن."),
    (r"^min_events", "أقل عدد أحداث يجب أن يكون 1 أو أكثر."),
    (r"^no corpus store", "لا يوجد مخزن مقالات: شغّل marsad serve --db FILE لتصفح مجموعة مقالات."),
    (r"^the text has ([\d,]+) characters; this page analyzes up to ([\d,]+)",
     "النص من {1} حرفًا، وهذه الصفحة تحلل حتى {2} حرف. استعمل marsad analyze أو marsad ingest للنصوص الأطول."),
    (r"^paste an Arabic text", "الصق نصًا عربيًا أو اختر ملفًا لتحليله."),
    (r"Arabic", "النص لا يحوي حروفًا عربية، فلا شيء لتحليله."),
    (r"^Not Found$", "لا صفحة بهذا العنوان."),
    (r"^Method Not Allowed$", "هذا العنوان لا يقبل هذا النوع من الطلبات."),
    (r"^internal error", "خطأ داخلي في الخادم؛ سجلّ الخادم فيه التفاصيل."),
    (r"^request line too long", "العنوان أطول من المسموح."),
))

# Query parameters by their Arabic names, for validation messages.
PARAM_AR = {
    "page": "رقم الصفحة", "size": "حجم الصفحة", "quad": "فئة الحدث", "min_events": "أقل عدد أحداث",
    "period": "الفترة", "level": "المستوى", "date_from": "من تاريخ", "date_to": "إلى تاريخ", "alpha": "مستوى الدلالة",
}


def arabic(message: str) -> str:
    for pattern, ar in ARABIC:
        m = pattern.search(message)
        if m:
            return re.sub(r"\{(\d)\}", lambda g: m.group(int(g.group(1))) or "", ar)
    return "تعذّر تنفيذ الطلب."


def _validation_message(exc: RequestValidationError) -> tuple[str, str]:
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
    english = f"{where}: {first.get('msg', 'invalid')}"
    ctx = first.get("ctx") or {}
    name = PARAM_AR.get(where, f"«{where}»")
    kind = first.get("type", "")
    if kind in ("less_than_equal", "less_than"):
        ar = f"{name}: القيمة أكبر من المسموح (الحد {ctx.get('le', ctx.get('lt'))})."
    elif kind in ("greater_than_equal", "greater_than"):
        ar = f"{name}: القيمة أصغر من المسموح (الحد الأدنى {ctx.get('ge', ctx.get('gt'))})."
    elif kind.startswith("int"):
        ar = f"{name}: اكتب عددًا صحيحًا."
    elif kind == "string_pattern_mismatch" or kind == "enum" or kind == "literal_error":
        ar = f"{name}: قيمة غير مقبولة."
    elif kind == "missing":
        ar = f"{name}: مطلوب."
    else:
        ar = f"{name}: قيمة غير صالحة."
    return english, ar


def install(app: FastAPI, page: Callable[..., object]) -> None:
    """Exception handlers: `page(request, template, status, **context)` renders the error page."""

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/api" or \
            request.url.path.startswith("/export/")

    def answer(request: Request, status: int, english: str, ar: str | None = None):
        ar = ar or arabic(english)
        if wants_json(request):
            return JSONResponse({"error": english, "error_ar": ar}, status_code=status)
        return page(request, "error.html", status=status, message=ar, detail=english, json_url=None)

    @app.exception_handler(MarsadError)
    async def marsad_error(request: Request, exc: MarsadError):
        return answer(request, getattr(exc, "status", 400), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return answer(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        english, ar = _validation_message(exc)
        # A bad address (a query parameter out of range, not a number, not a choice) is a bad request: 400.
        # A form whose fields do not validate keeps FastAPI's 422.
        in_body = any((e.get("loc") or ("",))[0] == "body" for e in exc.errors())
        return answer(request, 422 if in_body else 400, english, ar)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        # A bug, not bad input: logged with its traceback for the operator, one line for the user.
        logging.getLogger("marsad.web").exception("internal error on %s", request.url.path)
        return answer(request, 500, f"internal error ({type(exc).__name__}); the server log has the details")
