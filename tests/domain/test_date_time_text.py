"""A meeting's start typed as a chair types it (issue 12: the meeting's date-time box took no typed
date). Expected moments are written out by hand; the box showed Fri 04 Dec 2026, 16:00 and today
is Sat 05 Dec 2026."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netboard.domain.date_text import DateTextError
from netboard.domain.date_time_text import parse_date_time_text

TODAY = date(2026, 12, 5)
SHOWN = datetime(2026, 12, 4, 16, 0)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Fri 04 Dec 2026, 14:00", datetime(2026, 12, 4, 14, 0)),  # as the box shows it
        ("2026-12-04 14:00", datetime(2026, 12, 4, 14, 0)),
        ("2026-12-04T14:00", datetime(2026, 12, 4, 14, 0)),
        ("04 Dec 2026", datetime(2026, 12, 4, 16, 0)),  # the hour stays
        ("11/12/2026 8:30", datetime(2026, 12, 11, 8, 30)),
        ("11.12.2026 14.15", datetime(2026, 12, 11, 14, 15)),
        ("11 Dec 2026 at 2 pm", datetime(2026, 12, 11, 14, 0)),
        ("11 Dec 2026 2:30pm", datetime(2026, 12, 11, 14, 30)),
        ("11 Dec 2026 12am", datetime(2026, 12, 11, 0, 0)),
        ("11 Dec 2026 14h", datetime(2026, 12, 11, 14, 0)),
        ("11 Dec 2026 14h30", datetime(2026, 12, 11, 14, 30)),
        ("4/12", datetime(2026, 12, 4, 16, 0)),  # no year: the nearest 4 December
        ("18/12 15:00", datetime(2026, 12, 18, 15, 0)),
        ("12.10", datetime(2026, 10, 12, 16, 0)),  # a date (12 Oct), not a time
        ("8 Jan", datetime(2027, 1, 8, 16, 0)),  # nearer next January than last
        ("Jan 8 9:00", datetime(2027, 1, 8, 9, 0)),
        ("20/11", datetime(2026, 11, 20, 16, 0)),  # two weeks ago, not next year
        ("14:30", datetime(2026, 12, 4, 14, 30)),  # the time only: same day
        ("tomorrow", datetime(2026, 12, 6, 16, 0)),
        ("tomorrow 8am", datetime(2026, 12, 6, 8, 0)),
        ("today 17:00", datetime(2026, 12, 5, 17, 0)),
        ("Friday 11 Dec 2026", datetime(2026, 12, 11, 16, 0)),
    ],
)
def test_a_meeting_start_typed_as_a_chair_types_it(typed: str, expected: datetime) -> None:
    assert parse_date_time_text(typed, today=TODAY, shown=SHOWN) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "no date typed; type it as 3/4/2024"),
        ("31/2", "\u201c31/2\u201d is not a date: February 2026 has 28 days"),
        ("31/02/2027 14:00", "\u201c31/02/2027 14:00\u201d is not a date: February 2027 has 28"),
        ("next week", "\u201cnext week\u201d is not a date; type it as 3/4/2024"),
        ("3 Mzr 14:00", "\u201cmzr\u201d is not a month"),
        ("04 Dec 2026 25:00", "is not a time: a day has hours 0 to 23"),
        ("04 Dec 2026 13 pm", "is not a time: 13 pm"),
        ("Thu 04 Dec 2026, 14:00", "is not a date: 04 Dec 2026 is a Friday"),
    ],
)
def test_a_text_that_is_no_moment_says_why_as_the_date_fields_do(typed: str, says: str) -> None:
    with pytest.raises(DateTextError) as caught:
        parse_date_time_text(typed, today=TODAY, shown=SHOWN)
    assert says in str(caught.value)
