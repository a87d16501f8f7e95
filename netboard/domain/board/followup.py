"""Follow-up of a board's action items: what is overdue, how an item's status reads, and which
steps still follow a case's plan.

Which items are open is one database query (``db.queries.open_action_items``: ``done`` is
false), so the follow-up screen, the spreadsheet export and the meeting agree.

The rule for a corrected plan (``next_steps``): a finalized meeting's record never changes, so an
addendum that corrects a case's plan cannot change its action items or review date. Those steps
were arranged for the plan the correction replaced; after a correction they are not the plan's
next steps any more (the patient handout does not list them and says so). They stay in the
meeting's record and on the follow-up list, where the team closes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netboard.domain.snapshot import ActionItem, Addendum, CaseDiscussion
from netboard.domain.wording import fmt_date

REPLACED_STEPS = (
    "Your plan was updated after the meeting, so the steps first arranged for it are not listed "
    "here. Your care team will contact you about the next steps of the updated plan."
)
"""What the handout says instead of the replaced plan's steps."""


@dataclass(frozen=True, slots=True)
class NextSteps:
    """What follows a case's plan: the review date and the open actions, or neither."""

    review: date | None
    actions: tuple[ActionItem, ...]
    replaced_by: Addendum | None = None
    """The addendum that corrected the plan (then ``review`` and ``actions`` are empty)."""


def plan_correction(discussion: CaseDiscussion) -> Addendum | None:
    """The latest addendum of this case that corrects its plan (names the option now chosen)."""
    found = [a for a in discussion.addenda if a.plan_option_id and a.discussion_id == discussion.id]
    return max(found, key=lambda a: a.created_at) if found else None


def next_steps(discussion: CaseDiscussion) -> NextSteps:
    """The steps of the plan in force: the meeting's own while its plan stands (open actions in
    their recorded order), none once an addendum corrected the plan (see the module's rule)."""
    corrected = plan_correction(discussion)
    if corrected is not None:
        return NextSteps(None, (), corrected)
    review = discussion.decision.next_review if discussion.decision is not None else None
    return NextSteps(review, tuple(a for a in discussion.actions if not a.done))


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
