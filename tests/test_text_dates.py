"""Dates, parsed in one place: event dates resolved against the publication date, article and feed
dates, query bounds."""
from __future__ import annotations

from datetime import date

import pytest

from marsad.errors import InputError
from marsad.settings import DATA_DIR
from marsad.text.dates import date_bound, load_date_resolver, parse_date, to_date

resolve_date = load_date_resolver(DATA_DIR).resolve

PUBLISHED = date(2023, 10, 2)  # a Monday


def test_events_when_yesterday():
    assert resolve_date("زار وزير الخارجية باكو أمس", PUBLISHED) == "2023-10-01"


def test_events_when_weekday_is_the_last_one_before_publication():
    assert resolve_date("قصفت الطائرات المدينة يوم الخميس", PUBLISHED) == "2023-09-28"


def test_events_when_last_week_is_an_iso_week():
    assert resolve_date("وقع الهجوم الأسبوع الماضي", PUBLISHED) == "2023-W39"


def test_events_when_this_year():
    assert resolve_date("لقد أنشأنا هذا العام مركزا", PUBLISHED) == "2023"


def test_events_when_bare_year():
    assert resolve_date("وقد تم افتتاح كنيس جديد في 2010", PUBLISHED) == "2010"


def test_events_when_levantine_month_with_day_and_year():
    assert resolve_date("وقعت الاتفاقية في 15 كانون الثاني 2022", PUBLISHED) == "2022-01-15"


def test_events_when_gregorian_month_without_year_is_the_last_one():
    assert resolve_date("التقى الوزيران في نوفمبر", PUBLISHED) == "2022-11"


def test_events_when_nothing_to_resolve():
    assert resolve_date("زار الوزير باكو", PUBLISHED) is None
    assert resolve_date("زار الوزير باكو أمس", None) is None


def test_dates_levantine_month_with_day_and_year():
    assert resolve_date("في 12 كانون الثاني 2017 وصل الوفد", None) == "2017-01-12"


def test_dates_a_two_letter_month_alone_is_an_ordinary_word():
    assert resolve_date("وقال الأب إن ابنه", PUBLISHED) is None
    assert resolve_date("في 3 آب 2014", None) == "2014-08-03"


def test_dates_parse_iso_and_rss():
    assert parse_date("2018-04-08T10:00:00Z") == "2018-04-08"
    assert parse_date("Mon, 19 Feb 2018 00:16:11 +0400") == "2018-02-19"
    assert parse_date("2018-02-30") is None
    assert parse_date("yesterday") is None


def test_dates_partial_dates_only_when_asked():
    assert parse_date("2018") is None
    assert parse_date("2018", partial=True) == "2018"
    assert parse_date("2018-04", partial=True) == "2018-04"
    assert parse_date("2018-13", partial=True) is None


def test_dates_to_date_reads_the_day_of_a_timestamp():
    assert to_date("2018-04-08T10:00:00Z") == date(2018, 4, 8)
    assert to_date(None) is None and to_date("soon") is None


def test_dates_query_bounds_and_their_error():
    assert date_bound("2018", "--from") == "2018-01-01"
    assert date_bound("2018-04", "--from") == "2018-04-01"
    assert date_bound("", "--from") is None
    with pytest.raises(InputError, match="--to '2018/04/08' is not a date"):
        date_bound("2018/04/08", "--to")
