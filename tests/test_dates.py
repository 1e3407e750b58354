import pytest

from kg.dates import XSD, parse_date, parse_date_time


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
