"""Render the meeting screenshots offscreen from a fresh demo database (synthetic data only).

    python -m netboard.ui.meetings.screenshots docs/screenshots

Writes meeting-agenda.png (agenda, readiness and attendance), meeting-discussion.png (the live
discussion of one case: options with stances, a revisited option, the decision, actions) and
presentation-privacy.png (presentation mode with privacy on), all at 1920x1080, plus
meeting-followup.png (open actions, overdue reviews, concordance).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

SCREENSHOTS = (
    "meeting-agenda.png",
    "meeting-discussion.png",
    "presentation-privacy.png",
    "meeting-followup.png",
)
SIZE = (1920, 1080)


def _settle(app: Any) -> None:
    for _ in range(5):
        app.processEvents()


def _save(widget: Any, path: Path, app: Any) -> Path:
    _settle(app)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _case_with_history(ws: Any) -> str:
    """An agenda item asking about progression, with the most options weighed at earlier boards."""
    from netboard.ui.meetings.revisit_logic import earlier_options

    def weight(item: Any) -> tuple[bool, int]:
        case = ws.cases.get(item.discussion.patient_id)
        asks = "progress" in item.discussion.question.lower()
        return asks, len(earlier_options(case, item.discussion)) + len(case.therapies)

    return str(max(ws.snapshot.agenda, key=weight).discussion.id)


def _run_discussion(ws: Any, app: Any) -> None:
    """Weigh options, bring one back from an earlier board, decide and assign an action."""
    from netboard.domain.vocab import Stance

    panel = ws.discussion
    panel.show_discussion(_case_with_history(ws))
    revisit = panel.revisit
    candidates = [e for e in revisit.options if e.can_return and e.fate in ("Deferred", "Not now")]
    if not candidates:
        candidates = [e for e in revisit.options if e.can_return]
    if candidates:
        revisit.bring_back_option(candidates[0])
    entries = panel.options.visible_entries()
    stances = (Stance.RECOMMENDED, Stance.ALTERNATIVE, Stance.LATER)
    for entry, stance in zip(entries[:3], stances, strict=False):
        panel.options.set_stance(entry.key, stance)
    _settle(app)
    first = panel.options.visible_entries()[0]
    card = panel.options.cards[first.key]
    card.rationale.setText("Keeps later options open; tolerable at the current ECOG")
    card.saver.stage("rationale", card.rationale.text())
    dec = panel.decision
    dec.recommendation.setPlainText(
        f"{first.name}; restaging imaging afterwards, then back to the board."
    )
    dec.follow_up.setValue(12)
    dec.guideline.setCurrentText("ENETS guidance")
    dec.trial.setChecked(True)
    dec.preferences.setPlainText("Wishes to be treated close to home where possible.")
    actions = panel.actions_editor
    due = actions.due.date()
    actions.add("Request renal function and blood counts", "Nurse navigator", due.toPython())
    panel.flush()
    panel.left_tabs.setCurrentWidget(revisit)
    dec.recommendation.setFocus()


def render(out_dir: Path, *, patients: int = 300, seed: int = 1) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from netboard.db import queries
    from netboard.db.store import Store
    from netboard.demo import DEMO_TODAY, write_demo
    from netboard.ui.app import apply_style, build_main_window
    from netboard.ui.context import build_context

    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_style(app)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'demo.sqlite'}", user="demo-chair")
        write_demo(store, patients, seed)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        context = build_context(store, is_demo=True, settings=settings, today=lambda: DEMO_TODAY)
        window = build_main_window(context)
        window.resize(*SIZE)
        window.show()
        now = datetime.combine(DEMO_TODAY, time(9, 0), tzinfo=UTC)
        meeting = queries.next_meeting(store, now)
        if meeting is None:
            raise RuntimeError("the demo database has no upcoming meeting")
        controller = window.meetings  # type: ignore[attr-defined]
        controller.open_meeting(meeting.id)
        ws = controller.workspace
        window.navigator.setCurrentWidget(controller.navigator)
        ws.tabs.setCurrentIndex(0)
        ws.attendance.copy_previous()
        ws.agenda.view.setFocus()
        written.append(_save(window, out_dir / SCREENSHOTS[0], app))

        ws.editor.start_meeting()
        window.toggle_navigator()  # the board's view: the meeting, full width
        ws.tabs.setCurrentIndex(1)
        _settle(app)
        _run_discussion(ws, app)
        written.append(_save(window, out_dir / SCREENSHOTS[1], app))

        slides = ws.present(show=False)
        slides.resize(*SIZE)
        slides.show()
        _settle(app)
        slides.show_case(slides.index, restart_timer=False)
        written.append(_save(slides, out_dir / SCREENSHOTS[2], app))
        slides.close()

        window.toggle_navigator()
        controller.show_followup()
        controller.followup.tabs.setCurrentIndex(2)
        written.append(_save(window, out_dir / SCREENSHOTS[3], app))
        window.close()
        store.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default="docs/screenshots", type=Path)
    parser.add_argument("--patients", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for path in render(args.out_dir, patients=args.patients, seed=args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
