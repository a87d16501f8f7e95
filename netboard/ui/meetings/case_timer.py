"""How long the board spends on each case: a running clock per agenda item.

Time is added to ``CaseDiscussion.time_spent_s`` when the board moves to another case or stops.
This is a measurement rather than an edit, so it is written straight through ``db.operations``
(not onto the undo stack: Ctrl+Z should undo typing, not the clock) and announced on the bus.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from netboard.ui.change_bus import Change
from netboard.ui.context import AppContext
from netboard.ui.meetings.common import STORE_ERRORS

TICK_MS = 1000


class CaseTimer(QObject):
    """Runs for one discussion at a time; ``tick`` carries the case's total seconds so far."""

    tick = Signal(str, int)
    """(discussion id, total seconds including earlier sessions)"""
    recorded = Signal(str, int)
    failed = Signal(str)

    def __init__(
        self,
        context: AppContext,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self._started = 0.0
        self.context = context
        self.discussion_id: str | None = None
        self.patient_id: str | None = None
        self.meeting_id: str | None = None
        self.base_s = 0
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._emit_tick)

    @property
    def running(self) -> bool:
        return self.discussion_id is not None

    def elapsed_s(self) -> int:
        return int(self.clock() - self._started) if self.running else 0

    def total_s(self) -> int:
        return self.base_s + self.elapsed_s()

    def start(self, discussion_id: str, patient_id: str, meeting_id: str, base_s: int) -> None:
        """Time ``discussion_id`` (recording the case timed before, if another)."""
        if self.discussion_id == discussion_id:
            return
        self.stop()
        self.discussion_id, self.patient_id, self.meeting_id = discussion_id, patient_id, meeting_id
        self.base_s = base_s
        self._started = self.clock()
        self._ticker.start()
        self._emit_tick()

    def stop(self) -> int:
        """Record the time of the running case; returns the seconds added."""
        if self.discussion_id is None:
            return 0
        added = self.elapsed_s()
        disc_id, patient_id, meeting_id = self.discussion_id, self.patient_id, self.meeting_id
        self.discussion_id = None
        self._ticker.stop()
        if added > 0:
            self._record(disc_id, patient_id, meeting_id, added)
        return added

    def _record(
        self, disc_id: str, patient_id: str | None, meeting_id: str | None, added: int
    ) -> None:
        from netboard.db import operations as db_ops
        from netboard.db import queries

        store = self.context.store
        try:
            snapshot = queries.get_meeting(store, meeting_id) if meeting_id else None
            disc = next(
                (
                    i.discussion
                    for i in (snapshot.agenda if snapshot else ())
                    if i.discussion.id == disc_id
                ),
                None,
            )
            if disc is None:
                return
            total = disc.time_spent_s + added
            with db_ops.tracked() as log:
                db_ops.update(store, "discussion", disc_id, {"time_spent_s": total},
                              expected_version=disc.version)  # fmt: skip
        except STORE_ERRORS as exc:
            self.failed.emit(f"The time on this case was not recorded: {exc}")
            return
        self.context.bus.announce(
            Change("discussion", disc_id, "update", patient_id, meeting_id, log.result)
        )
        self.recorded.emit(disc_id, total)

    def _emit_tick(self) -> None:
        if self.discussion_id is not None:
            self.tick.emit(self.discussion_id, self.total_s())
