"""Typed dates as a clinician types them (issue 12: typing a date took four tries).

The expected dates are written out by hand, not computed with the parser's rules."""

from __future__ import annotations

from datetime import date

import pytest

from netboard.domain.date_text import DateTextError, parse_date_text

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3/4/2024", date(2024, 4, 3)),
        ("03/04/2024", date(2024, 4, 3)),
        ("3.4.2024", date(2024, 4, 3)),
        ("3-4-2024", date(2024, 4, 3)),
        ("3 4 2024", date(2024, 4, 3)),
        ("03042024", date(2024, 4, 3)),
        ("12/25/2024", date(2024, 12, 25)),
        ("2024-03-03", date(2024, 3, 3)),
        ("2024/3/3", date(2024, 3, 3)),
        ("03 Mar 2024", date(2024, 3, 3)),
        ("3 mar 2024", date(2024, 3, 3)),
        ("3-Mar-2024", date(2024, 3, 3)),
        ("3 March 2024", date(2024, 3, 3)),
        ("March 3, 2024", date(2024, 3, 3)),
        ("Sept 9 2025", date(2025, 9, 9)),
        ("3rd March 2024", date(2024, 3, 3)),
        ("  29 Feb 2024 ", date(2024, 2, 29)),
        ("3/4/24", date(2024, 4, 3)),
        ("12/4/61", date(1961, 4, 12)),
        ("1/1/36", date(2036, 1, 1)),
        ("1/1/37", date(1937, 1, 1)),
        ("today", TODAY),
    ],
)
def test_typed_dates_read_as_a_clinician_means_them(typed: str, expected: date) -> None:
    assert parse_date_text(typed, today=TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "no date typed"),
        ("31/02/2024", "February 2024 has 29 days"),
        ("29 Feb 2023", "February 2023 has 28 days"),
        ("13/13/2024", "no month 13"),
        ("2024-13-01", "no month 13"),
        ("3 Mzr 2024", "\u201cmzr\u201d is not a month"),
        ("3 Ma 2024", "is not a month"),
        ("yesterday", "\u201cyesterday\u201d is not a date"),
        ("3/4", "is not a date"),
        ("3/4/202", "is not a date"),
        ("3 Mar 202", "a year has 4 digits"),
    ],
)
def test_a_text_that_is_not_a_date_says_why_and_how_to_type_one(typed: str, says: str) -> None:
    with pytest.raises(DateTextError) as caught:
        parse_date_text(typed, today=TODAY)
    assert says in str(caught.value)
    assert typed.strip() in str(caught.value) or not typed
