"""A month's name is no actor: `فاز في نيسان/أبريل الماضي` (Nissan the carmaker), `في 25 آذار`.

The Levantine month names (نيسان، تموز، آب) are also names (a company, a god, a person). Written as a date,
with the Gregorian name after a slash (`نيسان/أبريل`), a day number before it (`25 نيسان`) or a year after
it (`نيسان 2018`), the word is the month: its mention is dropped. The month names are the date words'
(`data/lexicon/date_words.tsv`, read by `marsad.text.dates`), not a list of this stage.
"""
from __future__ import annotations

import re

from ..text.normalize import normalize
from .found import Found

_DAY_BEFORE = re.compile(r"\d{1,2}\s*$")
_YEAR_AFTER = re.compile(r"^\s*\d{4}\b")
_SLASH_AFTER = re.compile(r"^\s*/\s*(\S+)")


def months_are_no_actors(found: list[Found], text: str, months: dict[str, int]) -> None:
    """`وكان أوربان فاز في نيسان/أبريل الماضي`: drop the name mention that is a month written as a date."""
    for f in found:
        if f.drop or f.kind != "name" or normalize(text[f.start:f.end]) not in months:
            continue
        after = text[f.end:f.end + 12]
        slash = _SLASH_AFTER.match(after)
        if (slash and normalize(slash.group(1)) in months) or _DAY_BEFORE.search(text[max(0, f.start - 4):f.start]) \
                or _YEAR_AFTER.match(after):
            f.drop = True
