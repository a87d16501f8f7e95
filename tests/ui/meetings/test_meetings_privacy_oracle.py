"""The shared screen with privacy on, checked by the independent oracle (tests/privacy_oracle.py).

Hypothesis makes hostile meetings (tests/privacy_meetings.py); one presentation window shows every
slide of each. Every widget's text and tooltip and every text the chart draws must be free of the
identifiers of every agenda patient, and the presenter's name must show exactly as written.
"""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace
from typing import Any

from hypothesis import HealthCheck, given, settings
from privacy_meetings import DAY, NO_SHRINK, HostileMeeting, hostile_meetings
from privacy_oracle import leaks, visible

from netboard.domain.catalog import load_catalog
from netboard.domain.snapshot import CaseSnapshot

SCREEN_MEETINGS = 100


class _Cases:
    """The window's case cache, over cases already in memory."""

    def __init__(self, cases: dict[str, CaseSnapshot]) -> None:
        self.cases = cases

    def get(self, patient_id: str) -> CaseSnapshot:
        return self.cases[patient_id]

    def assessment(self, patient_id: str, today: date, question: str) -> Any:
        from netboard.domain.considerations import considerations

        return considerations(self.cases[patient_id], today, load_catalog(), question=question)


def _window(qtbot: Any, meeting: HostileMeeting) -> Any:
    from netboard.ui.meetings.presentation import PresentationWindow

    context = SimpleNamespace(catalog=load_catalog(), today=lambda: DAY)
    window = PresentationWindow(context, meeting.snapshot, _Cases(meeting.cases))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1366, 768)
    return window


def test_privacy_screen_shows_no_identifier_of_any_agenda_patient(qtbot: Any) -> None:
    shown: dict[str, Any] = {}

    @settings(
        max_examples=SCREEN_MEETINGS,
        deadline=None,
        phases=NO_SHRINK,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(meeting=hostile_meetings())
    def check(meeting: HostileMeeting) -> None:
        window = shown.get("window")
        if window is None:
            window = shown["window"] = _window(qtbot, meeting)
        window.cases = _Cases(meeting.cases)
        window.set_snapshot(meeting.snapshot)
        assert window.private
        for index, item in enumerate(meeting.snapshot.agenda):
            window.show_case(index)
            texts = window.visible_texts()
            found = leaks(visible(texts, meeting.staff), meeting.patients)
            assert not found, (window.heading.text(), found)
            assert not any(re.search(r"\b(Dr|Prof)\.? case", t) for t in texts)
            presenter = item.discussion.presenter
            assert f"presented by {presenter}" in window.subheading.text()

    check()
    # the same check sees the names when privacy is off (it can fail)
    window = shown["window"]
    window.toggle_privacy()
    patients = [i.patient for i in window.snapshot.agenda]
    assert leaks(visible(window.visible_texts(), ()), patients)
