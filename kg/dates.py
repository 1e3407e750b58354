"""Dates in text to XSD values, as precise as the text allows and never more.

"May 20" has no year, so it becomes ``--05-20`` (xsd:gMonthDay), not a guessed full date.
"""

from __future__ import annotations

import dataclasses
import datetime
import re

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


def parse_date(text: str) -> Date | None:
    """An XSD date for an English date expression, or None when it names no calendar date."""
    clean = " ".join(text.replace("the ", "").split()).strip(" .,")
    clean = re.sub(r"^(?:on|in|since|by)\s+", "", clean, flags=re.I)
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
