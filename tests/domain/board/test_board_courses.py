"""Which course came from a recommendation: one answer for concordance and revisit.

Expected answers are written out by hand per situation (the oracle), not computed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from netboard.domain.board.courses import course_from
from netboard.domain.wording import local_day
from tests.factories.board import course

BOARD = date(2024, 3, 5)
PID = "patient-1"


def test_a_course_linked_to_the_decision_wins_even_if_it_started_before() -> None:
    earlier = course(PID, "ssa", "octreotide", date(2023, 1, 1), decision_id="dec-1")
    later = course(PID, "ssa", "lanreotide", date(2024, 3, 20))
    found = course_from("dec-1", "ssa", (later, earlier), BOARD)
    assert found is not None
    assert (found.course.agent, found.linked, found.continued) == ("octreotide", True, False)


def test_the_earliest_unlinked_course_after_the_board_is_the_one() -> None:
    second = course(PID, "ssa", "lanreotide", date(2024, 6, 1))
    first = course(PID, "ssa", "octreotide", date(2024, 3, 5))
    found = course_from("dec-1", "ssa", (second, first), BOARD)
    assert found is not None
    assert (found.course.agent, found.linked, found.continued) == ("octreotide", False, False)


def test_a_course_that_a_later_board_decided_does_not_count_for_this_one() -> None:
    theirs = course(PID, "ssa", "lanreotide", date(2024, 6, 1), decision_id="dec-2")
    assert course_from("dec-1", "ssa", (theirs,), BOARD) is None


def test_a_course_running_on_the_board_day_was_continued() -> None:
    old = course(PID, "ssa", "octreotide", date(2020, 1, 1), date(2021, 1, 1))
    running = course(PID, "ssa", "lanreotide", date(2022, 5, 1))
    found = course_from(None, "ssa", (old, running), BOARD)
    assert found is not None
    assert (found.course.agent, found.linked, found.continued) == ("lanreotide", False, True)


def test_another_option_or_a_course_ended_before_the_board_is_no_answer() -> None:
    ended = course(PID, "ssa", "octreotide", date(2020, 1, 1), date(2024, 3, 4))
    other = course(PID, "prrt", "Lu-177", date(2024, 4, 1))
    assert course_from("dec-1", "ssa", (ended, other), BOARD) is None
    assert course_from("dec-1", "ssa", (ended,), None) is None


def test_the_board_day_is_the_local_calendar_day() -> None:
    moment = datetime(2024, 3, 5, 15, 0, tzinfo=UTC)
    assert local_day(moment) == moment.astimezone().date()
    assert local_day(datetime(2024, 3, 5, 23, 30)) == date(2024, 3, 5)
