"""Event dates resolved against the publication date."""
from __future__ import annotations

from datetime import date

from marsad.events.when import resolve_date

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
