"""How an action item's follow-up reads (literal expected strings)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from netboard.domain.board.followup import due_text, overdue_days, status_text
from netboard.domain.snapshot import ActionItem

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
