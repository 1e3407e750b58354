"""A news article's header: title, byline, publisher, date and URL from its first lines.

Only the lines before the body are read: the first few non-empty lines, up to the first one that
reads as prose. A header line may hold several fields separated by ``|`` (``By A | Paper |
Updated: 2020-05-21 10:32``). Nothing is guessed: a field the text does not give stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.dates import XSD, parse_date_time
from kg.model import Date

MAX_HEADER_LINES = 8
MAX_TITLE_WORDS = 25
_MAX_NAME_WORDS = 5
_MAX_PUBLISHER_WORDS = 8
# A segment longer than this is no date: the longest timestamps ("Thursday, 21 May 2020
# 10:32:00 GMT+08:00") are about 40 characters. Prose lines are not parsed as dates.
_MAX_DATE_CHARS = 64

_LABELS = {
    "by": "byline",
    "author": "byline",
    "authors": "byline",
    "byline": "byline",
    "reporter": "byline",
    "reporters": "byline",
    "writer": "byline",
    "written by": "byline",
    "source": "publisher",
    "publisher": "publisher",
    "published by": "publisher",
    "date": "date",
    "dated": "date",
    "published": "date",
    "published on": "date",
    "publication date": "date",
    "posted": "date",
    "posted on": "date",
    "updated": "date",
    "last updated": "date",
    "released": "date",
    "release date": "date",
    "release time": "date",
    "released on": "date",
    "publish time": "date",
    "published time": "date",
    "publication time": "date",
    "posted time": "date",
    "update time": "date",
    "updated on": "date",
    "time": "date",
    "publish date": "date",
    "issue date": "date",
    "url": "url",
    "link": "url",
    "source url": "url",
}
# Labels that may stand without a colon before their value ("By A", "Updated 2020-05-21").
_BARE_LABELS = ("written by", "published by", "by", "published on", "published", "posted on")
_BARE_LABELS += ("posted", "last updated", "updated", "released", "dated")
_ROLES = {"reporter", "reporters", "correspondent", "correspondents", "writer", "writers"}
_ROLES |= {"editor", "editors", "staff", "contributor", "columnist", "journalist"}
_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "al", "el"}
# Datatypes a bare date line may have; a labelled one may also be a year or day without year.
_LINE_DATATYPES = {XSD + "date", XSD + "gYearMonth"}

# "PLACE, [Region,] DATE /Agency/ --" or "PLACE, [Region,] DATE (Agency) --" opening a line
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z'.\- ]{1,40},(?: [A-Z][A-Za-z.\- ]{1,30},)? (?P<date>[^/()]{6,40}?),?"
    r" (?:/[^/]{2,40}/|\([^()]{2,40}\)) ?(?:--|—|–)"
)
_SEGMENTS = re.compile(r"\s*\|\s*|\s{2,}|\t")
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{0,24}?)\s*:\s*(?P<value>.*)$")
_BARE = re.compile(rf"^(?P<label>{'|'.join(_BARE_LABELS)})\s+(?P<value>.+)$", re.I)
_URL = re.compile(r"^<?(?P<url>https?://[^\s<>]+)>?$")
_LOCATION = re.compile(r"\s+(?:in|at|from)\s+\S.*$")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.I)


@dataclass(frozen=True)
class Header:
    """What an article's header says about it; None where the header does not say."""

    title: str | None = None
    byline: str | None = None
    publisher: str | None = None
    date: Date | None = None
    url: str | None = None

    def metadata(self) -> tuple[tuple[str, str], ...]:
        """The header as sorted (key, value) pairs for ``Document.metadata``."""
        pairs = {"byline": self.byline, "publisher": self.publisher, "url": self.url}
        if self.date is not None:
            pairs |= {"date": self.date.value, "date_datatype": self.date.datatype}
        return tuple(sorted((k, v) for k, v in pairs.items() if v is not None))


def read_header(text: str) -> Header:
    """The header of an article: fields from its first lines, never from its body.

    The title is the first line that is no header field, when it reads like a headline.

    >>> h = read_header("Ports reopen\\nBy Ana Ruiz | Updated: 2021-03-04 09:15\\n\\nBody.")
    >>> (h.title, h.byline, h.date.value)
    ('Ports reopen', 'Ana Ruiz', '2021-03-04')
    """
    title: str | None = None
    found: dict[str, str | Date] = {}
    first_plain = True
    for line in header_lines(text):
        fields = line_fields(line)
        if fields:
            for key, value in fields:
                found.setdefault(key, value)
            continue
        if first_plain and is_headline(line):
            title = line
        elif is_prose(line):
            if (dated := dateline_date(line)) is not None:
                found.setdefault("date", dated)
            break
        first_plain = False
    date = found.get("date")
    return Header(
        title=title,
        byline=_text(found.get("byline")),
        publisher=_text(found.get("publisher")),
        date=date if isinstance(date, Date) else None,
        url=_text(found.get("url")),
    )


def dateline_date(line: str) -> Date | None:
    """The full date a wire dateline opening the body gives: "YINCHUAN, China, March 26, 2025
    /PRNewswire/ --", "BEIJING, Nov. 25, 2024 (Xinhua) --" (a date without its year, the usual
    "Nov. 25", is none).

    >>> dateline_date("PARIS, March 4, 2021 /PRNewswire/ -- Ports reopen.").value
    '2021-03-04'
    """
    match = _DATELINE.match(line)
    if match is None:
        return None
    date = parse_date_time(match["date"])
    return date if date is not None and date.datatype == XSD + "date" else None


def header_lines(text: str) -> list[str]:
    """The first non-empty lines of a text, stripped: where a header can be."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line][:MAX_HEADER_LINES]


def is_field_line(line: str) -> bool:
    """Whether a line is a header field (byline, dateline, source, URL) and not a headline."""
    return bool(line_fields(line.strip()))


def is_headline(line: str) -> bool:
    """A short line with letters and no closing full stop, colon, semicolon or comma."""
    return (
        any(c.isalpha() for c in line)
        and len(line) <= 200
        and len(line.split()) <= MAX_TITLE_WORDS
        and not line.endswith((".", ":", ";", ","))
    )


def is_prose(line: str) -> bool:
    """A line of body text: a sentence ending with a full stop, or a paragraph."""
    return line.endswith(".") or len(line.split()) > MAX_TITLE_WORDS


def line_fields(line: str) -> list[tuple[str, str | Date]]:
    """The header fields of one line; empty when the line is not a header line.

    Plain words beside a byline on the same line are its publisher (``By A | Paper``).
    """
    fields: list[tuple[str, str | Date]] = []
    plain: list[str] = []
    for segment in _SEGMENTS.split(line):
        if not segment:
            continue
        found = segment_fields(segment)
        fields += found
        if not found:
            plain.append(segment)
    if any(key == "byline" for key, _ in fields):
        fields += [("publisher", p) for p in map(_publisher, plain) if p][:1]
    return fields


def segment_fields(segment: str) -> list[tuple[str, str | Date]]:
    """The fields of one segment of a header line: ``Author: A``, ``May 2020``, ``Paris, May
    2020`` (a place and a date), a bare URL."""
    url = _URL.match(segment)
    if url:
        return [("url", url["url"])]
    date = parse_date_time(segment) if len(segment) <= _MAX_DATE_CHARS else None
    if date is not None and date.datatype in _LINE_DATATYPES:
        return [("date", date)]
    head, date = _trailing_date(segment)
    if date is not None:
        fields = segment_fields(head) if head else []
        if fields or _names(head):
            return [*fields, ("date", date)]
    match = _LABELLED.match(segment) or _BARE.match(segment)
    if match is None:
        return []
    kind = _LABELS.get(" ".join(match["label"].lower().split()))
    value = match["value"].strip()
    url = _URL.match(value)
    if kind == "url" or (kind == "publisher" and url):
        return [("url", url["url"])] if url else []
    field = {"byline": _names, "publisher": _publisher, "date": parse_date_time}.get(kind or "")
    result = field(value) if field is not None and value else None
    return [(kind, result)] if kind and result else []


def _trailing_date(segment: str) -> tuple[str, Date | None]:
    """A segment split before a date that ends it after a comma: ``Paris, 4 March 2021``."""
    for m in re.finditer(",", segment):
        if len(segment) - m.end() > _MAX_DATE_CHARS:
            continue
        date = parse_date_time(segment[m.end() :].strip())
        if date is not None and date.datatype in _LINE_DATATYPES:
            return segment[: m.start()].strip(), date
    return segment, None


def _names(value: str) -> str | None:
    """The personal names of a byline, comma-separated; None unless every part is a name.

    Places (``in Paris``) and roles (``Staff Reporter``) are dropped.
    """
    names = []
    for part in _NAME_SPLIT.split(value.strip().rstrip(".")):
        part = _LOCATION.sub("", part).strip()
        words = part.split()
        if not words or any(_is_role(w) for w in words):
            continue
        if len(words) > _MAX_NAME_WORDS or not all(map(_name_word, words)):
            return None
        names.append(part)
    return ", ".join(names) or None


def _name_word(word: str) -> bool:
    return word.lower() in _PARTICLES or (word[0].isupper() and not any(c.isdigit() for c in word))


#: the labels of a header field that names the publisher ("Source: China Daily")
PUBLISHER_LABELS = frozenset(label for label, kind in _LABELS.items() if kind == "publisher")


def _publisher(value: str) -> str | None:
    """A publisher's name: a few words, at least one capitalised, no role and no sentence."""
    words = value.strip().split()
    if (
        not words
        or len(words) > _MAX_PUBLISHER_WORDS
        or ":" in value
        or value.rstrip().endswith((".", ";"))
        or not any(w[0].isupper() for w in words)
        or any(_is_role(w) for w in words)
    ):
        return None
    return " ".join(words)


def _is_role(word: str) -> bool:
    return word.lower().strip(".,;:()") in _ROLES


def _text(value: str | Date | None) -> str | None:
    return value if isinstance(value, str) else None
