"""Dates of events, resolved against the article's publication date.

Understood (in the normalized view of a sentence): أمس، اليوم، غدا، weekday names
(the last such day on or before publication), الأسبوع الماضي (an ISO week), الشهر
الماضي، العام الماضي، هذا العام، a bare year (في 2010), and month names of both the
Gregorian (يناير) and the Levantine (كانون الثاني) calendars, with or without a day
and a year. The result is an ISO date, `YYYY-MM`, `YYYY-Www` or `YYYY`; None when the
sentence names no time or there is nothing to resolve it against.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..text.normalize import normalize

MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}
WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
# longest month names first so كانون الثاني is not read as a bare word
_MONTH_RE = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
DAY_MONTH_YEAR = re.compile(rf"(?:(\d{{1,2}}) )?(?:من )?(?:شهر )?\b({_MONTH_RE})\b(?: (?:من )?(?:عام |العام )?(\d{{4}}))?")
YEAR = re.compile(r"(?:في|عام|العام|منذ|سنه) (\d{4})\b")
RELATIVE = (
    (re.compile(r"\bامس\b|البارحه"), "yesterday"),
    (re.compile(r"\bاليوم\b"), "today"),
    (re.compile(r"\bغدا\b"), "tomorrow"),
    (re.compile(r"الاسبوع الماضي"), "last_week"),
    (re.compile(r"الشهر الماضي"), "last_month"),
    (re.compile(r"(?:العام|السنه) الماضي"), "last_year"),
    (re.compile(r"(?:هذا العام|العام الجاري|هذه السنه|العام الحالي)"), "this_year"),
)
_WEEKDAY_RE = re.compile(r"(?:يوم )?\b(" + "|".join(WEEKDAYS) + r")\b")


def parse_iso(s: str | None) -> date | None:
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def resolve_date(sentence: str, published: date | None) -> str | None:
    """The time the sentence places its event at, or None. `sentence` may be raw text."""
    s = normalize(sentence)
    m = DAY_MONTH_YEAR.search(s)
    if m and m[2] == "اب" and not (m[1] or m[3]):
        m = None  # bare اب is "father" far more often than August
    if m and (m[1] or m[3] or published):
        month = MONTHS[m[2]]
        year = int(m[3]) if m[3] else (published.year - (month > published.month) if published else None)
        if year is None:
            return None
        if m[1] and 1 <= int(m[1]) <= 31:
            return f"{year:04d}-{month:02d}-{int(m[1]):02d}"
        return f"{year:04d}-{month:02d}"
    if published:
        for rx, kind in RELATIVE:
            if rx.search(s):
                return _relative(kind, published)
        w = _WEEKDAY_RE.search(s)
        if w:
            back = (published.weekday() - WEEKDAYS[w[1]]) % 7
            return (published - timedelta(days=back)).isoformat()
    y = YEAR.search(s)
    if y and 1900 <= int(y[1]) <= 2100:
        return y[1]
    return None


def _relative(kind: str, pub: date) -> str:
    if kind == "yesterday":
        return (pub - timedelta(days=1)).isoformat()
    if kind == "today":
        return pub.isoformat()
    if kind == "tomorrow":
        return (pub + timedelta(days=1)).isoformat()
    if kind == "last_week":
        y, w, _ = (pub - timedelta(days=7)).isocalendar()
        return f"{y:04d}-W{w:02d}"
    if kind == "last_month":
        first = pub.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if kind == "last_year":
        return f"{pub.year - 1:04d}"
    return f"{pub.year:04d}"
