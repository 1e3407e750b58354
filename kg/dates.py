"""Dates in text to XSD values, as precise as the text allows and never more.

"May 20" has no year, so it becomes ``--05-20`` (xsd:gMonthDay), not a guessed full date.
Relative and vague phrases ("last month", "early March") take their year from an anchor, the
document's own date, and stay unresolved when the anchor does not give it.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import NamedTuple

from kg.model import Date

XSD = "http://www.w3.org/2001/XMLSchema#"
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_FORMS = [
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),
    re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}$"),
    re.compile(rf"^{_MONTH}\s+{_DAY}$"),
    re.compile(rf"^{_DAY}\s+{_MONTH}$"),
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),
    re.compile(rf"^{_YEAR}$"),
    re.compile(r"^(?P<year>(?:19|20)\d{2})[-/](?P<mnum>\d{1,2})[-/](?P<day>\d{1,2})$"),
]
_WEEKDAY = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+",
    re.I,
)
_TIME = re.compile(
    r"(?:T|[\s,]+(?:at\s+)?|^)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:Z|UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?|\s*Z|\s+\(?[A-Z]{2,5}\)?)?"
)
_PREPOSITION = re.compile(r"^(?:on|in|since|by)\s+", re.I)
# "end of 2020", "early March", "mid-2019", "earlier this year": a part of the period that follows
_QUALIFIER = re.compile(
    r"^(?:(?:end|beginning|start|middle|(?:first|second) half"
    r"|(?:first|second|third|fourth) quarter)\s+of\s+"
    r"|(?:earlier|later|early|mid|late)(?:\s+in)?[-\s]+)"
)
_PERIODS = {XSD + "gYear", XSD + "gYearMonth"}
_YEAR_SHIFTS = {
    "this year": 0,
    "last year": -1,
    "previous year": -1,
    "a year ago": -1,
    "next year": 1,
}
_MONTH_SHIFTS = {"this month": 0, "last month": -1, "previous month": -1, "next month": 1}
_DAY_SHIFTS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ANCHOR_FORMS = {
    XSD + "gYear": re.compile(r"[0-9]{4}"),
    XSD + "gYearMonth": re.compile(r"[0-9]{4}-[0-9]{2}"),
    XSD + "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
}


class _Anchor(NamedTuple):
    """What a document's date gives to resolve against: always a year, maybe a month and day."""

    year: int
    month: int | None
    day: datetime.date | None


def parse_date(text: str, anchor: Date | None = None) -> Date | None:
    """An XSD date for an English date expression, or None when it names no calendar date.

    A relative, month-only or day-and-month phrase resolves against ``anchor`` (the document's
    date) when the anchor gives the year it needs; a month or day later in the year than the
    anchor's is left unresolved, since it may be the previous year's.

    >>> anchor = Date("2020-03-15", XSD + "date", "15 March 2020")
    >>> parse_date("by the end of February", anchor).value
    '2020-02'
    >>> parse_date("on March 9", anchor).value
    '2020-03-09'
    >>> parse_date("late October", anchor) is None
    True
    >>> parse_date("October 9", anchor).value
    '--10-09'
    >>> parse_date("on Friday", anchor).value  # 15 March 2020 is a Sunday
    '2020-03-13'
    """
    read = _read_anchor(anchor)
    date = _explicit(text) or _vague(_normalise(text), read)
    if date is not None and date.datatype == XSD + "gMonthDay" and read is not None:
        date = _in_anchor_year(date, read)
    return dataclasses.replace(date, text=text) if date is not None else None


def _in_anchor_year(date: Date, anchor: _Anchor) -> Date:
    """A day and month (``--MM-DD``) in the anchor's year, when it is not after the anchor's own
    day (or month, for an anchor without a day)."""
    month, day = int(date.value[2:4]), int(date.value[5:7])
    if anchor.month is None or (month, day) > (anchor.month, anchor.day.day if anchor.day else 31):
        return date
    try:
        datetime.date(anchor.year, month, day)
    except ValueError:  # --02-29 in a year without one
        return date
    return Date(f"{anchor.year:04d}-{month:02d}-{day:02d}", XSD + "date", date.text)


def _explicit(text: str) -> Date | None:
    """The date a text gives in full, without any anchor."""
    clean = " ".join(text.replace("the ", "").split()).strip(" .,")
    clean = _PREPOSITION.sub("", clean)
    for form in _FORMS:
        m = form.match(clean)
        if not m:
            continue
        parts = m.groupdict()
        month = (
            int(parts["mnum"])
            if parts.get("mnum")
            else MONTHS.get((parts.get("month") or "").lower())
        )
        if parts.get("month") and month is None:
            continue
        day = int(parts["day"]) if parts.get("day") else None
        year = parts.get("year")
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None:
            try:  # 2000 is a leap year, so --02-29 stays valid without a year
                datetime.date(int(year) if year else 2000, month, day)
            except ValueError:
                return None
        if year and month and day:
            return Date(f"{year}-{month:02d}-{day:02d}", XSD + "date", text)
        if month and day:
            return Date(f"--{month:02d}-{day:02d}", XSD + "gMonthDay", text)
        if year and month:
            return Date(f"{year}-{month:02d}", XSD + "gYearMonth", text)
        if year:
            return Date(year, XSD + "gYear", text)
    return None


def _normalise(text: str) -> str:
    """Lower case, single spaces, without "the" or a leading preposition."""
    clean = re.sub(r"\bthe\s+", "", " ".join(text.lower().split())).strip(" .,")
    return _PREPOSITION.sub("", clean)


def _read_anchor(anchor: Date | None) -> _Anchor | None:
    """The year, month and day of a well-formed anchor; None when it has no year."""
    form = _ANCHOR_FORMS.get(anchor.datatype) if anchor is not None else None
    if anchor is None or form is None or not form.fullmatch(anchor.value):
        return None
    year, month, day = ([int(p) for p in anchor.value.split("-")] + [0, 0])[:3]
    try:
        full = datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return _Anchor(year, month or None, full if day else None)


def _vague(phrase: str, anchor: _Anchor | None) -> Date | None:
    """The year or month a qualified phrase ("end of 2020") names, or a relative phrase's date."""
    qualifier = _QUALIFIER.match(phrase)
    if qualifier is None:
        return _relative(phrase, anchor)
    rest = phrase[qualifier.end() :]
    date = _explicit(rest) or _relative(rest, anchor)
    return date if date is not None and date.datatype in _PERIODS else None


def _relative(phrase: str, anchor: _Anchor | None) -> Date | None:
    """The date a phrase names relative to the anchor, when the anchor is precise enough."""
    if anchor is None:
        return None
    if phrase in _YEAR_SHIFTS:
        return Date(f"{anchor.year + _YEAR_SHIFTS[phrase]:04d}", XSD + "gYear", phrase)
    if anchor.month is None:
        return None
    if phrase in _MONTH_SHIFTS:
        return _year_month(anchor.year, anchor.month + _MONTH_SHIFTS[phrase], phrase)
    month = MONTHS.get(phrase)
    if month is not None:
        return _year_month(anchor.year, month, phrase) if month <= anchor.month else None
    if phrase in _DAY_SHIFTS and anchor.day is not None:
        day = anchor.day + datetime.timedelta(days=_DAY_SHIFTS[phrase])
        return Date(day.isoformat(), XSD + "date", phrase)
    if phrase in _WEEKDAYS and anchor.day is not None:
        # news reports what happened: "said Tuesday" is the last Tuesday on or before its date
        back = (anchor.day.weekday() - _WEEKDAYS.index(phrase)) % 7
        day = anchor.day - datetime.timedelta(days=back)
        return Date(day.isoformat(), XSD + "date", phrase)
    return None


def _year_month(year: int, month: int, text: str) -> Date:
    """The gYearMonth of a month counted from January of ``year`` (0 is the December before)."""
    year, index = divmod(year * 12 + month - 1, 12)
    return Date(f"{year:04d}-{index + 1:02d}", XSD + "gYearMonth", text)


def parse_date_time(text: str) -> Date | None:
    """The date of a timestamp such as "2020-05-21 10:32" or "Thu, 21 May 2020 10:32 GMT".

    A leading weekday and one time of day (with its zone) are dropped: the result is never
    finer than a date. Without a time this is :func:`parse_date`.

    >>> parse_date_time("2020-05-21T10:32:00+08:00").value
    '2020-05-21'
    """
    clean = _TIME.sub(" ", " ".join(text.split()), count=1)
    date = parse_date(_WEEKDAY.sub("", clean.strip(" ,")))
    return dataclasses.replace(date, text=text) if date is not None else None
