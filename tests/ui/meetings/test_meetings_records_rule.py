"""The meeting's screen shows each case by the same rule as its summary (issue 12): once the
meeting is finalized, records dated after the meeting day are left out; before, they show."""

from __future__ import annotations

from datetime import timedelta

from netboard.db import operations as ops
from netboard.db import queries
from netboard.domain.vocab import Analyte, MeetingStatus


def test_a_finalized_meeting_shows_each_case_as_of_its_day(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store, ui_ids
) -> None:
    meeting = queries.get_meeting(ui_store, ui_ids.past_meeting).meeting
    day = meeting.starts_at.astimezone().date()
    later = ops.create(ui_store, "lab", {
        "patient_id": ui_ids.alpha, "analyte": Analyte.CHROMOGRANIN_A, "value": 432.0,
        "unit": "ng/mL", "date": day + timedelta(days=10)})
    controller = main_window.meetings
    controller.open_meeting(ui_ids.past_meeting)
    ws = controller.workspace
    assert later in {lab.id for lab in ws.cases.get(ui_ids.alpha).labs}  # not finalized: now
    ops.set_meeting_status(ui_store, ui_ids.past_meeting, MeetingStatus.FINALIZED)
    ws.reload(queries.get_meeting(ui_store, ui_ids.past_meeting))
    labs = ws.cases.get(ui_ids.alpha).labs
    assert later not in {lab.id for lab in labs}
    assert labs and all(lab.date <= day for lab in labs)
