"""Follow-up of a board's action items: what is overdue, and how an item's status reads.

Which items are open is one database query (``db.queries.open_action_items``: ``done`` is
false), so the follow-up screen, the spreadsheet export and the meeting agree.
"""

from __future__ import annotations

from datetime import date

from netboard.domain.snapshot import ActionItem
from netboard.domain.wording import fmt_date


def overdue_days(action: ActionItem, today: date) -> int:
    """Days past the due date of an open item (0 when not overdue, done, or undated)."""
    if action.done or action.due_date is None:
        return 0
    return max(0, (today - action.due_date).days)


def due_text(action: ActionItem, today: date) -> str:
    """'04 Dec 2026', '04 Dec 2026 (overdue 5 d)' or 'no date'."""
    if action.due_date is None:
        return "no date"
    late = overdue_days(action, today)
    return fmt_date(action.due_date) + (f" (overdue {late} d)" if late else "")


def status_text(action: ActionItem) -> str:
    """'open', 'done by Dr Fictus on 04 Dec 2026', or 'done (who and when not recorded)'."""
    if not action.done:
        return "open"
    if action.done_by is None or action.done_at is None:
        return "done (who and when not recorded)"
    return f"done by {action.done_by} on {fmt_date(action.done_at.astimezone())}"
