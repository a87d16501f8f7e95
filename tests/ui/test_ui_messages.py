"""What a change from the window says when the store refuses it: the same sentence for a
finalized meeting in a form and on the meeting screen; a conflict names the field when known."""

from __future__ import annotations

from netboard.db.errors import ConflictError, FieldConflictError, FinalizedError
from netboard.ui.dialogs.messages import FINALIZED_TEXT, explain
from netboard.ui.meetings.common import describe_error


def test_a_finalized_meeting_is_explained_once() -> None:
    refused = FinalizedError("m-1")
    assert describe_error(refused) == explain(refused) == FINALIZED_TEXT
    assert "Add an addendum" in FINALIZED_TEXT


def test_a_conflict_names_who_and_the_field_when_the_database_said() -> None:
    record = describe_error(ConflictError("decision", "d-1", "Dr Ames", None))
    field = describe_error(
        FieldConflictError("decision", "d-1", "recommendation", "Recommendation", "x", None, None)
    )
    assert record.startswith("Not saved: Dr Ames changed this record meanwhile")
    assert field.startswith("Not saved: someone else changed Recommendation meanwhile")
    assert record.endswith("open the case again to see their version.") and field.endswith(
        "open the case again to see their version.")
