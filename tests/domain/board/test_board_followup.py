"""How an action item's follow-up reads (literal expected strings), and which steps follow a
plan once an addendum corrected it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from netboard.domain.board.followup import (
    due_text,
    next_steps,
    overdue_days,
    plan_correction,
    status_text,
)
from netboard.domain.snapshot import ActionItem, Addendum, CaseDiscussion, Decision

TODAY = date(2026, 12, 4)


def _item(
    due: date | None = None,
    done: bool = False,
    done_by: str | None = None,
    done_at: datetime | None = None,
) -> ActionItem:
    return ActionItem("a1", "d1", "Request urine 5-HIAA", "Dr F", due, done, 1, done_by, done_at)


def test_an_open_item_past_its_date_is_overdue_by_whole_days() -> None:
    late = _item(date(2026, 11, 29))
    assert overdue_days(late, TODAY) == 5
    assert due_text(late, TODAY) == "29 Nov 2026 (overdue 5 d)"


def test_due_today_undated_or_done_is_not_overdue() -> None:
    assert due_text(_item(TODAY), TODAY) == "04 Dec 2026"
    assert due_text(_item(), TODAY) == "no date"
    assert overdue_days(_item(date(2026, 11, 1), done=True), TODAY) == 0


def test_the_status_names_who_closed_it_and_when() -> None:
    assert status_text(_item()) == "open"
    closed = _item(done=True, done_by="dr-tester", done_at=datetime(2026, 12, 2, 12, tzinfo=UTC))
    assert status_text(closed) == "done by dr-tester on 02 Dec 2026"
    assert status_text(_item(done=True)) == "done (who and when not recorded)"


def _discussion(*addenda: Addendum) -> CaseDiscussion:
    decision = Decision("dec1", "d1", "Everolimus", next_review=date(2027, 3, 1))
    actions = (_item(date(2026, 12, 20)), replace(_item(), id="a2", done=True))
    return CaseDiscussion(
        "d1", "m1", "p1", 1, decision=decision, actions=actions, addenda=addenda
    )


def _addendum(key: str, day: int, option: str | None, case: str | None = "d1") -> Addendum:
    when = datetime(2026, 12, day, 9, tzinfo=UTC)
    return Addendum(key, "m1", case, "Dr F", when, "text", plan_option_id=option)


def test_a_standing_plan_keeps_its_review_and_open_actions() -> None:
    note = _addendum("n1", 6, None)  # a note that changes no plan
    steps = next_steps(_discussion(note))
    assert steps.review == date(2027, 3, 1)
    assert [a.id for a in steps.actions] == ["a1"]  # the done one is not a next step
    assert steps.replaced_by is None


def test_a_corrected_plan_has_none_of_the_meetings_steps_and_the_latest_correction_wins() -> None:
    first, latest = _addendum("c1", 6, "everolimus"), _addendum("c2", 8, "prrt_retreatment")
    other_case = _addendum("c3", 9, "sunitinib", case="d9")
    steps = next_steps(_discussion(latest, first, other_case))
    assert (steps.review, steps.actions) == (None, ())
    assert steps.replaced_by is latest
    assert plan_correction(_discussion(other_case)) is None
