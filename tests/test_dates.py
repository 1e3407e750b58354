import pytest

from kg.dates import XSD, parse_date, parse_date_time
from kg.model import Date


@pytest.mark.parametrize(
    ("text", "value", "datatype"),
    [
        ("May 20", "--05-20", "gMonthDay"),
        ("on May 20", "--05-20", "gMonthDay"),
        ("20 May", "--05-20", "gMonthDay"),
        ("May 20, 2020", "2020-05-20", "date"),
        ("20 May 2020", "2020-05-20", "date"),
        ("Sept. 3, 2019", "2019-09-03", "date"),
        ("February 2020", "2020-02", "gYearMonth"),
        ("2019", "2019", "gYear"),
        ("2020-05-20", "2020-05-20", "date"),
        ("Feb 29", "--02-29", "gMonthDay"),
    ],
)
def test_dates_are_as_precise_as_the_text(text, value, datatype):
    date = parse_date(text)
    assert date is not None
    assert (date.value, date.datatype) == (value, XSD + datatype)


@pytest.mark.parametrize(
    "text", ["recent years", "the end of February", "Feb 30", "Maybe 20", "last year", "13/40/2020"]
)
def test_no_date_is_invented(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2020-05-21 10:32", "2020-05-21"),
        ("2020-05-21T10:32:00Z", "2020-05-21"),
        ("Thu, 21 May 2020 10:32:00 +0800", "2020-05-21"),
        ("May 21, 2020, 9:05 p.m. (EDT)", "2020-05-21"),
        ("10:32, May 21, 2020", "2020-05-21"),
        ("Thursday, May 21, 2020", "2020-05-21"),
        ("May 2020", "2020-05"),
    ],
)
def test_timestamps_keep_only_their_date(text, value):
    date = parse_date_time(text)
    assert date is not None
    assert (date.value, date.text) == (value, text)


@pytest.mark.parametrize("text", ["10:32", "Thursday", "Thursday 10:32", "2020-13-01 10:32"])
def test_a_time_without_a_date_is_no_date(text):
    assert parse_date_time(text) is None


def _anchor(value: str, datatype: str) -> Date:
    return Date(value, XSD + datatype, value)


MID_MARCH = _anchor("2020-03-15", "date")


@pytest.mark.parametrize(
    ("text", "value", "datatype"),
    [
        ("the end of 2020", "2020", "gYear"),
        ("end of 2020", "2020", "gYear"),
        ("The end of 2020", "2020", "gYear"),
        ("early 2021", "2021", "gYear"),
        ("mid-2019", "2019", "gYear"),
        ("the first half of 2020", "2020", "gYear"),
        ("the third quarter of 2019", "2019", "gYear"),
        ("by the end of 2021", "2021", "gYear"),
        ("the end of June 2020", "2020-06", "gYearMonth"),
        ("late Sept. 2019", "2019-09", "gYearMonth"),
        ("in early March 2020", "2020-03", "gYearMonth"),
    ],
)
def test_a_part_of_a_year_the_text_gives_needs_no_anchor(text, value, datatype):
    date = parse_date(text)
    assert date is not None
    assert (date.value, date.datatype, date.text) == (value, XSD + datatype, text)


@pytest.mark.parametrize(
    "text",
    [
        "early March",
        "the end of last year",
        "this year",
        "next year",
        "this month",
        "last month",
        "in February",
        "today",
        "yesterday",
        "early 2020s",
        "the end of May 20, 2020",
    ],
)
def test_without_an_anchor_a_relative_phrase_is_no_date(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "value", "datatype"),
    [
        ("this year", "2020", "gYear"),
        ("last year", "2019", "gYear"),
        ("the previous year", "2019", "gYear"),
        ("a year ago", "2019", "gYear"),
        ("next year", "2021", "gYear"),
        ("earlier this year", "2020", "gYear"),
        ("the end of last year", "2019", "gYear"),
        ("this month", "2020-03", "gYearMonth"),
        ("last month", "2020-02", "gYearMonth"),
        ("next month", "2020-04", "gYearMonth"),
        ("the end of February", "2020-02", "gYearMonth"),
        ("end of February", "2020-02", "gYearMonth"),
        ("by the end of February", "2020-02", "gYearMonth"),
        ("in February", "2020-02", "gYearMonth"),
        ("the beginning of March", "2020-03", "gYearMonth"),
        ("early March", "2020-03", "gYearMonth"),
        ("mid-March", "2020-03", "gYearMonth"),
        ("late March", "2020-03", "gYearMonth"),
        ("late Jan.", "2020-01", "gYearMonth"),
        ("today", "2020-03-15", "date"),
        ("yesterday", "2020-03-14", "date"),
        ("tomorrow", "2020-03-16", "date"),
        ("May 20", "--05-20", "gMonthDay"),
        ("the end of 2018", "2018", "gYear"),
        ("May 20, 2019", "2019-05-20", "date"),
    ],
)
def test_a_relative_phrase_resolves_against_the_anchor(text, value, datatype):
    date = parse_date(text, MID_MARCH)
    assert date is not None
    assert (date.value, date.datatype, date.text) == (value, XSD + datatype, text)


@pytest.mark.parametrize(
    "text",
    [
        "the end of October",
        "in April",
        "late December",
        "last week",
        "this week",
        "recent years",
        "the past few years",
        "yesterday evening",
        "two years ago",
        "the end of yesterday",
    ],
)
def test_a_later_month_or_a_vague_phrase_stays_unresolved(text):
    assert parse_date(text, MID_MARCH) is None


@pytest.mark.parametrize(
    ("anchor", "text", "value"),
    [
        (_anchor("2021-01-10", "date"), "last month", "2020-12"),
        (_anchor("2021-01", "gYearMonth"), "last month", "2020-12"),
        (_anchor("2020-12-31", "date"), "next month", "2021-01"),
        (_anchor("2020-03-01", "date"), "yesterday", "2020-02-29"),
        (_anchor("2021-03-01", "date"), "yesterday", "2021-02-28"),
        (_anchor("2020-12-31", "date"), "tomorrow", "2021-01-01"),
        (_anchor("2021-01-10", "date"), "the end of last year", "2020"),
    ],
)
def test_relative_phrases_roll_over(anchor, text, value):
    date = parse_date(text, anchor)
    assert date is not None
    assert date.value == value


@pytest.mark.parametrize(
    ("anchor", "text", "value"),
    [
        (_anchor("2020-03", "gYearMonth"), "last year", "2019"),
        (_anchor("2020-03", "gYearMonth"), "this month", "2020-03"),
        (_anchor("2020-03", "gYearMonth"), "early February", "2020-02"),
        (_anchor("2020-03", "gYearMonth"), "today", None),
        (_anchor("2020", "gYear"), "next year", "2021"),
        (_anchor("2020", "gYear"), "last month", None),
        (_anchor("2020", "gYear"), "the end of February", None),
        (_anchor("2020", "gYear"), "yesterday", None),
        (_anchor("--03-15", "gMonthDay"), "last year", None),
        (_anchor("--03-15", "gMonthDay"), "today", None),
        (_anchor("2020-02-30", "date"), "today", None),
        (_anchor("2020-03", "date"), "last month", None),
        (_anchor("2020-03-15", "dateTime"), "this year", None),
    ],
)
def test_an_anchor_resolves_only_what_it_is_precise_enough_for(anchor, text, value):
    date = parse_date(text, anchor)
    assert (date.value if date is not None else None) == value


@pytest.mark.parametrize(
    ("anchor", "text", "value"),
    [
        (_anchor("2024-04-18", "date"), "April 18", "2024-04-18"),
        (_anchor("2024-04-18", "date"), "on March 3", "2024-03-03"),
        (_anchor("2024-04", "gYearMonth"), "April 30", "2024-04-30"),
        # later than the anchor: maybe last year's, so no year
        (_anchor("2024-04-18", "date"), "April 19", "--04-19"),
        (_anchor("2024-01-16", "date"), "December 20", "--12-20"),
        (_anchor("2023-03-01", "date"), "February 29", "--02-29"),
        (_anchor("2024", "gYear"), "March 3", "--03-03"),
    ],
)
def test_a_day_and_month_take_the_year_of_the_documents_date_up_to_it(anchor, text, value):
    assert parse_date(text, anchor).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("Sunday", "2020-03-15"), ("on Friday", "2020-03-13"), ("Monday", "2020-03-09")],
)
def test_a_weekday_is_the_last_one_on_or_before_the_documents_day(text, value):
    date = parse_date(text, MID_MARCH)  # 15 March 2020 is a Sunday
    assert (date.value, date.datatype) == (value, XSD + "date")
    assert parse_date(text) is None  # and no date without one
    assert parse_date(text, _anchor("2020-03", "gYearMonth")) is None
