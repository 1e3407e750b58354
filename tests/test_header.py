import pytest

from kg.dates import XSD
from kg.header import Header, read_header

BODY = "\n\nThe harbour authority said the quay would reopen after repairs.\n"


@pytest.mark.parametrize(
    ("line", "byline", "publisher"),
    [
        ("By Ana Ruiz", "Ana Ruiz", None),
        ("By Ana Ruiz and Tomas Berg | Harbour Times", "Ana Ruiz, Tomas Berg", "Harbour Times"),
        ("BY ANA RUIZ AND TOMAS BERG in Lisbon", "ANA RUIZ, TOMAS BERG", None),
        ("Author: Ana Ruiz, Staff Reporter", "Ana Ruiz", None),
        ("Reporter: Mei-Lin Okafor", "Mei-Lin Okafor", None),
        ("Written by Jan van der Berg", "Jan van der Berg", None),
        ("Source: Coastal Wire", None, "Coastal Wire"),
        ("By Ana Ruiz | Staff Reporter | Harbour Times", "Ana Ruiz", "Harbour Times"),
    ],
)
def test_bylines_give_names_and_sources_give_publishers(line, byline, publisher):
    header = read_header(f"Quay reopens after storm\n{line}{BODY}")
    assert (header.title, header.byline, header.publisher) == (
        "Quay reopens after storm",
        byline,
        publisher,
    )


@pytest.mark.parametrize(
    ("line", "value", "datatype"),
    [
        ("2020-05-21", "2020-05-21", "date"),
        ("Updated: 2020-05-21 10:32", "2020-05-21", "date"),
        ("May 21, 2020", "2020-05-21", "date"),
        ("21 May 2020", "2020-05-21", "date"),
        ("Published: 2021/03/04", "2021-03-04", "date"),
        ("Date:2021/3/4", "2021-03-04", "date"),
        ("Posted on Thursday, May 21, 2020 at 9:05 a.m. GMT", "2020-05-21", "date"),
        ("2020-05-21T10:32:00+08:00", "2020-05-21", "date"),
        ("Lisbon, 21 May 2020", "2020-05-21", "date"),
        ("May 2020", "2020-05", "gYearMonth"),
        ("Published: 2020", "2020", "gYear"),
        ("By Ana Ruiz | Harbour Times | Updated: 2020-05-21 10:32", "2020-05-21", "date"),
        ("Release date: 2024-03-15    Source: Harbour Office", "2024-03-15", "date"),
        ("Release time: 2024-03-15 16:08    Views: 2317", "2024-03-15", "date"),
        ("Source: Harbour Office    Publish time: 2024-03-15", "2024-03-15", "date"),
        ("Time: 2024-03-15 09:30", "2024-03-15", "date"),
    ],
)
def test_datelines_give_dates_never_times(line, value, datatype):
    date = read_header(f"Quay reopens\n{line}{BODY}").date
    assert date is not None
    assert (date.value, date.datatype) == (value, XSD + datatype)


@pytest.mark.parametrize(
    "line", ["https://news.example.org/quay", "URL: https://news.example.org/quay"]
)
def test_urls(line):
    header = read_header(f"Quay reopens\n{line}{BODY}")
    assert (header.title, header.url) == ("Quay reopens", "https://news.example.org/quay")


def test_a_leading_url_or_byline_is_not_the_title():
    header = read_header("https://news.example.org/quay\nQuay reopens?\nBy Ana Ruiz" + BODY)
    assert header == Header(
        title="Quay reopens?", byline="Ana Ruiz", url="https://news.example.org/quay"
    )


def test_metadata_pairs_are_sorted_and_typed():
    header = read_header(
        "Quay reopens\nBy Ana Ruiz | Harbour Times\nMay 2020\nURL: http://x.example/q" + BODY
    )
    assert header.metadata() == (
        ("byline", "Ana Ruiz"),
        ("date", "2020-05"),
        ("date_datatype", XSD + "gYearMonth"),
        ("publisher", "Harbour Times"),
        ("url", "http://x.example/q"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "The harbour authority said the quay would reopen after repairs.\nBy Ana Ruiz\n2020-05-21",
        "By taking these steps, the harbour authority reopened the quay.\n",
        "Dear Readers,\n\nThe quay reopened.",
        "  \n\n",
    ],
)
def test_no_header_gives_nothing(text):
    assert read_header(text) == Header()


def test_a_sentence_starting_with_by_is_no_byline():
    header = read_header("Quay reopens\nBy Monday, the port expects to open to all ships\n")
    assert header == Header(title="Quay reopens")


def test_body_dates_and_bylines_are_not_the_documents():
    text = (
        "Quay reopens\n\nThe quay reopened on May 21, 2020, officials said.\n"
        "2020-05-22\nBy Ana Ruiz\nSource: Coastal Wire\n"
    )
    assert read_header(text) == Header(title="Quay reopens")


@pytest.mark.parametrize(
    "line", ["May 21", "2020", "Updated: yesterday", "Published by the ministry of ports"]
)
def test_no_year_or_date_is_invented(line):
    header = read_header(f"Quay reopens\n{line}{BODY}")
    assert (header.date, header.publisher) == (None, None)


def test_a_long_sentence_is_not_a_title():
    words = " ".join(["word"] * 30)
    assert read_header(f"{words}\n2020-05-21").title is None
    assert read_header("Quay reopens.\n2020-05-21").title is None


def test_a_wire_dateline_with_a_full_date_dates_the_article():
    text = (
        "H3C partners with Yinchuan on a computing center\n\n"
        "YINCHUAN, China, March 26, 2025 /PRNewswire/ -- H3C today signed an agreement.\n"
    )
    assert read_header(text).date.value == "2025-03-26"
    wire = "Ports reopen\n\nBEIJING, Nov. 25, 2024 (Xinhua) -- China's ports reopened.\n"
    assert read_header(wire).date.value == "2024-11-25"
    # a dateline without a year dates nothing; a line stating its own date is no dateline
    assert (
        read_header("Ports reopen\n\nBEIJING, Nov. 25 (Xinhua) -- Ports reopened.\n").date is None
    )
    said = "Ports reopen\n\nThe ministry said on March 4, 2021 (Monday) -- that ports reopened.\n"
    assert read_header(said).date is None
