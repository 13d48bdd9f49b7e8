"""/compare?outlet=A&outlet=B&actor=X: outlets side by side on one actor, every measure a share with its
95% interval, tested across the outlets (Fisher's exact test, or chi-square for three or more), Holm's
correction over the table; the same numbers as `marsad compare` (one store function gives both). With
charts: cue stance per outlet, the labels each applies, coverage over time. Without two outlets and an
actor, the form."""
from __future__ import annotations

from typing import Any

from . import PUBLISHED, Page, Param


def load(site, args: dict[str, Any]) -> dict[str, Any]:
    from ...store import queries
    con = site.cursor()
    chosen = [o for o in (args.get("outlet") or []) if o]
    out: dict[str, Any] = {"all_outlets": [r["outlet"] for r in queries.outlets(con)], "chosen": chosen,
                           "actor_query": args.get("actor") or "", "result": None,
                           "suggestions": site.services.memo(("actor suggestions",), lambda: [
                               {"key": a["key"], "name": a["name"]} for a in queries.actors(con, by="articles", limit=40)])}
    if len(chosen) >= 2 and args.get("actor"):
        # The app's CompareIndex (built at startup) answers an undated comparison without queries.
        out["result"] = queries.compare(con, chosen, args["actor"], date_from=args.get("date_from"),
                                        date_to=args.get("date_to"), alpha=args.get("alpha") or 0.05,
                                        index=site.services.compare_index)
    return out


MEASURES_AR = {
    "coverage": "نسبة مقالاتها التي تذكره",
    "share_of_quotes": "حصته من اقتباساتها (هو المتحدث)",
    "loaded_label": "من مقالاتها التي تذكره: ما يطلق عليه تسمية مشحونة",
    "scare_quote": "من مقالاتها التي تذكره: ما يضعه بين علامات تحفّظ",
}


def measure_ar(measure: str) -> str:
    from ..views import QUAD_NAMES_AR, STANCE_AR
    kind, _, value = measure.partition(":")
    if kind == "stance":
        return f"من اقتباساته: بفعل قول {STANCE_AR.get(value, value)}"
    if kind in ("source", "target"):
        side = "مصدرها" if kind == "source" else "هدفها"
        return f"من الأحداث التي هو {side}: {QUAD_NAMES_AR.get(int(value[1:]), value)}"
    return MEASURES_AR.get(measure, measure)


def _link(measure: str, outlet: str, key: str, dates: dict[str, Any]) -> str | None:
    """The list behind one cell of the table: the rows its k counts."""
    from urllib.parse import urlencode
    kind, _, value = measure.partition(":")
    base = {"outlet": outlet, **{k: v for k, v in dates.items() if v}}
    if kind in ("coverage", "loaded_label", "scare_quote"):
        return "/articles?" + urlencode({**base, "actor": key})
    if kind == "share_of_quotes":
        return "/quotes?" + urlencode({**base, "speaker_key": key})
    if kind == "stance":
        return "/quotes?" + urlencode({**base, "speaker_key": key, "stance": value})
    if kind in ("source", "target"):
        return "/events?" + urlencode({**base, kind: key, "quad": value[1:]})
    return None


def view(site, data: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    result = data.get("result")
    if not result:
        return {}
    key, dates = result["actor"]["key"], {"date_from": result["date_from"], "date_to": result["date_to"]}
    return {"labels_ar": {r["measure"]: measure_ar(r["measure"]) for r in result["rows"]},
            "links": {r["measure"]: {v["outlet"]: _link(r["measure"], v["outlet"], key, dates) for v in r["values"]}
                      for r in result["rows"]}}


PAGE = Page("compare", "/compare", "compare.html", load,
            view=view, summary="Outlets side by side on one actor: shares with Wilson intervals, Fisher/chi-square tests "
                    "per row, Holm-adjusted p-values (the rows of `marsad compare --json`)",
            params=(Param("outlet", list, None, "two or more outlets (repeat the parameter)"),
                    Param("actor", str, None, "a name as written (إيران, ترمب) or a key (loc:country:IRN)"),
                    *PUBLISHED,
                    Param("alpha", float, 0.05, "significance level after Holm's correction", ge=0.0001, le=0.5)))


def register(app, site) -> None:
    """The page, its JSON twin, and the table as CSV (one flat row per measure, as `marsad compare --csv`)."""
    from fastapi import Request
    from fastapi.responses import StreamingResponse

    from . import _csv, _signature, mount
    mount(app, site, PAGE)

    def export(request: Request, **args: Any):
        from ...errors import InputError
        from ...store import queries
        data = site.data(PAGE, args)
        if data["result"] is None:
            raise InputError("compare: give two or more different outlets and an actor")
        flat = [queries.compare_flat(r) for r in data["result"]["rows"]]
        columns = list(flat[0]) if flat else []
        return StreamingResponse(_csv(columns, (tuple(r.values()) for r in flat)), media_type="text/csv; charset=utf-8",
                                 headers={"content-disposition": 'attachment; filename="marsad-compare.csv"'})
    export.__signature__ = _signature(PAGE)
    app.add_api_route("/api/export/compare.csv", export, methods=["GET"], tags=["export"], name="export_compare_csv",
                      summary="The comparison table as CSV: a row per measure, OUTLET_k/_n/_share/_ci per outlet, "
                              "the test, p_value, p_adjusted, significant")
