import datetime
from types import SimpleNamespace

import pytest

from content.providers import hours


def test_the_import_text_becomes_one_row_per_day():
    rows = hours.parse("Monday to Friday, 9am to 5pm; Saturday, 9:30am to 1pm")
    assert [day for day, _, _ in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0][1:] == (datetime.time(9), datetime.time(17))
    assert rows[-1][1:] == (datetime.time(9, 30), datetime.time(13))
    assert [d for d, _, _ in hours.parse("Friday to Monday: 12pm to 12am")] == [5, 6, 7, 1]
    assert hours.parse("") == []


@pytest.mark.parametrize(
    "text", ["By appointment only", "Monday, 9am to 5pm (Pacific)", "Monday 13pm to 2pm"]
)
def test_text_we_cannot_read_is_an_error_not_dropped(text):
    with pytest.raises(ValueError, match="Could not read|12-hour clock"):
        hours.parse(text)


def test_rows_are_grouped_into_runs_for_display():
    rows = [
        SimpleNamespace(day=day, opens=datetime.time(9), closes=datetime.time(17))
        for day in (3, 1, 2)
    ] + [
        SimpleNamespace(day=5, opens=datetime.time(9), closes=datetime.time(17)),
        SimpleNamespace(day=6, opens=datetime.time(10), closes=datetime.time(0)),
    ]
    labels = [(s.day_label, s.time_label) for s in hours.spans(rows)]
    assert labels == [
        ("Monday to Wednesday", "9am to 5pm"),
        ("Friday", "9am to 5pm"),
        ("Saturday", "10am to midnight"),
    ]
    assert hours.format_time(datetime.time(12)) == "noon"
    assert hours.format_time(datetime.time(13, 30)) == "1:30pm"
