"""Dates, one home: every date marsad reads is parsed here.

- `parse_date(value)`: an article's or a feed's date as an ISO day (`YYYY-MM-DD`), from ISO 8601 or
  RFC 2822 (`Mon, 19 Feb 2018 00:16:11 +0400`, as in RSS); `partial=True` also keeps a bare `YYYY`
  or `YYYY-MM` (office dates in the knowledge base). None when the value is no date.
- `to_date(iso)`: a `datetime.date` from the first ten characters of an ISO value, or None.
- `date_bound(value, what)`: a user's `--from`/`--to` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) as an ISO
  day, or an `InputError` that says what to give.
- `DateResolver(words).resolve(sentence, published)`: the time a sentence places its event at, from the
  month, weekday and relative words of `data/lexicon/date_words.tsv`:

      >>> from marsad.settings import DATA_DIR
      >>> r = load_date_resolver(DATA_DIR)
      >>> r.resolve("وصل الوزير إلى دمشق أمس", date(2018, 4, 14))
      '2018-04-13'
      >>> r.resolve("في 12 كانون الثاني 2017", None)
      '2017-01-12'

  The result is an ISO day, `YYYY-MM`, `YYYY-Www` or `YYYY`; None when the sentence names no time or
  there is nothing to resolve it against.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError, InputError
from .normalize import normalize

WORDS_FILE = Path("lexicon") / "date_words.tsv"
KINDS = ("month", "weekday", "relative", "year_marker")
RELATIVE_KINDS = frozenset({"yesterday", "today", "tomorrow", "last_week", "last_month", "last_year", "this_year"})
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_date(value: object, *, partial: bool = False) -> str | None:
    """`2018-04-08T10:00:00Z` -> `2018-04-08`; `Mon, 19 Feb 2018 00:16:11 +0400` -> `2018-02-19`;
    `2018` -> None, or `2018` with partial=True; `yesterday` -> None."""
    if value is None:
        return None
    text = str(value).strip()
    m = _ISO.match(text)
    if m:
        if m[3]:
            try:
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                return None
        if not partial or (m[2] and not 1 <= int(m[2]) <= 12):
            return None
        return m[0]
    # imported here: `email.utils` brings `socket`, `urllib` and `ipaddress`, a sixth of marsad's start-up,
    # for the RFC 2822 dates of feeds only
    from email.utils import parsedate_to_datetime
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat() if parsed else None


def to_date(value: str | None) -> date | None:
    """A `date` from an ISO day (anything after the tenth character is ignored), else None."""
    day = parse_date(value[:10]) if value else None
    return date.fromisoformat(day) if day else None


def date_bound(value: str | None, what: str) -> str | None:
    """A query bound: `2018` -> `2018-01-01`, `2018-04` -> `2018-04-01`, `2018-04-08` as is; empty -> None."""
    if value is None or value == "":
        return None
    text = str(value)
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        if len(text) == size:
            try:
                return dt.datetime.strptime(text, fmt).date().isoformat()
            except ValueError:
                break
    raise InputError(f"{what} {value!r} is not a date: give YYYY-MM-DD, YYYY-MM or YYYY")


@dataclass(frozen=True)
class DateResolver:
    months: dict[str, int]        # normalized month name -> 1..12
    weekdays: dict[str, int]      # normalized weekday name -> 0..6
    relative: tuple[tuple[re.Pattern, str], ...]
    day_month_year: re.Pattern
    year: re.Pattern
    weekday: re.Pattern

    def resolve(self, sentence: str, published: date | None) -> str | None:
        """The time the sentence places its event at, or None. `sentence` may be raw text."""
        s = normalize(sentence)
        m = self.day_month_year.search(s)
        if m and len(m[2]) <= 2 and not (m[1] or m[3]):
            m = None  # a two-letter month name alone (آب) is an ordinary word (أب, father) far more often
        if m and (m[1] or m[3] or published):
            month = self.months[m[2]]
            year = int(m[3]) if m[3] else (published.year - (month > published.month) if published else None)
            if year is None:
                return None
            if m[1] and 1 <= int(m[1]) <= 31:
                return f"{year:04d}-{month:02d}-{int(m[1]):02d}"
            return f"{year:04d}-{month:02d}"
        if published:
            for rx, kind in self.relative:
                if rx.search(s):
                    return _relative(kind, published)
            w = self.weekday.search(s)
            if w:
                back = (published.weekday() - self.weekdays[w[1]]) % 7
                return (published - timedelta(days=back)).isoformat()
        y = self.year.search(s)
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


def _alternation(words) -> str:
    # longest first, so كانون الثاني is not read as a shorter name
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@lru_cache(maxsize=8)
def load_date_resolver(data_dir: Path | str) -> DateResolver:
    """Read `data/lexicon/date_words.tsv` once per data folder."""
    path = Path(data_dir) / WORDS_FILE
    if not path.is_file():
        raise ConfigError(f"date word list missing: {path}")
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    relative: list[tuple[str, str]] = []
    markers: list[str] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("phrase\t"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or cols[1] not in KINDS:
            raise ConfigError(f"{path.name}:{n}: expected 'phrase<TAB>kind<TAB>value' with a kind of {KINDS}")
        phrase, kind, value = normalize(cols[0].strip()), cols[1], cols[2].strip()
        try:
            if kind == "month":
                months[phrase] = int(value)
                assert 1 <= months[phrase] <= 12
            elif kind == "weekday":
                weekdays[phrase] = int(value)
                assert 0 <= weekdays[phrase] <= 6
            elif kind == "relative":
                assert value in RELATIVE_KINDS
                relative.append((phrase, value))
            else:
                markers.append(phrase)
        except (ValueError, AssertionError):
            raise ConfigError(f"{path.name}:{n}: bad value {value!r} for a {kind}") from None
    return DateResolver(
        months=months, weekdays=weekdays,
        relative=tuple((re.compile(rf"(?<!\w){re.escape(p)}(?!\w)"), kind) for p, kind in relative),
        day_month_year=re.compile(rf"(?:(\d{{1,2}}) )?(?:من )?(?:شهر )?\b({_alternation(months)})\b"
                                  rf"(?: (?:من )?(?:عام |العام )?(\d{{4}}))?"),
        year=re.compile(rf"(?:{_alternation(markers)}) (\d{{4}})\b"),
        weekday=re.compile(rf"(?:يوم )?\b({_alternation(weekdays)})\b"),
    )
