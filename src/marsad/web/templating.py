"""What the templates may call: filters that format (numbers, shares, Goldstein, countries), make data
safe to embed (JSON in <script>, http(s) links only), and build the URL of the same view with one
thing changed (a page, a sort, a facet). Templates lay out; they do not compute."""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from .views import CHAIN_AR, FRAMING_AR, MODALITY_AR, QUAD_NAMES_AR, STANCE_AR, TYPE_NAMES_AR


def json_blob(value: Any) -> Markup:
    """JSON safe to put inside <script type="application/json">: no character can close the element."""
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def safe_url(url: Any) -> str | None:
    """Links to an article's source only over http(s): a `javascript:` URL in a record is not a link."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def gs(v: Any) -> str:
    return "" if v is None else f"{float(v):+.1f}"


def num(v: Any) -> str:
    return "" if v is None else f"{int(v):,}"


def pct(v: Any, digits: int = 1) -> str:
    return "—" if v is None else f"{100 * float(v):.{digits}f}%"


def pvalue(p: Any) -> str:
    if p is None:
        return "—"
    return "<0.0001" if p < 1e-4 else f"{p:.4f}"


def url_with(request, **changes: Any) -> str:
    """The current URL with some query parameters changed (None removes one; a list repeats it). Any change
    but the page number itself sends the user back to page 1."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    if "page" not in changes:
        items = [(k, v) for k, v in items if k != "page"]
    for k, v in changes.items():
        if v is None or v == "":
            continue
        items += [(k, x) for x in v] if isinstance(v, (list, tuple)) else [(k, v)]
    query = urlencode(items)
    return request.url.path + ("?" + query if query else "")


def sort_url(request, column: str, current: str | None) -> str:
    """Sort on `column`: descending first (the biggest numbers, the newest dates), then ascending."""
    return url_with(request, sort=column if current == f"-{column}" else f"-{column}")


def export_url(request, listing: str, fmt: str) -> str:
    """The whole filtered list (every page) as CSV or JSON."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "size")]
    return f"/api/export/{listing}.{fmt}" + ("?" + urlencode(items) if items else "")


def selected_values(selected: Any) -> list[str]:
    """A facet's chosen value(s) as strings (a filter may hold one value or several)."""
    if selected in (None, ""):
        return []
    return [str(v) for v in selected] if isinstance(selected, (list, tuple)) else [str(selected)]


def configure(env, services) -> None:
    env.filters.update(gs=gs, num=num, pct=pct, pvalue=pvalue, json_blob=json_blob, safe_url=safe_url,
                       country=services.countries.ar)
    env.globals.update(QUAD_NAMES_AR=QUAD_NAMES_AR, STANCE_AR=STANCE_AR, MODALITY_AR=MODALITY_AR, CHAIN_AR=CHAIN_AR,
                       TYPE_NAMES_AR=TYPE_NAMES_AR, FRAMING_AR=FRAMING_AR, has_store=services.has_store,
                       version=_version(), url_with=url_with, sort_url=sort_url, export_url=export_url,
                       selected_values=selected_values)


def _version() -> str:
    from .. import __version__
    return __version__
