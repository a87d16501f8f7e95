"""The meeting screenshots, at 1920x1080: meeting-agenda.png (agenda, readiness, attendance),
meeting-discussion.png (the live discussion of one case: options with stances, a revisited
option, the decision, actions), presentation-privacy.png (presentation mode with privacy on),
meeting-followup.png (open actions, overdue reviews, concordance); and on a 1366x768 laptop
screen, sized by the program itself: laptop-main-window.png, laptop-meeting.png (in session,
navigator hidden with F9) and laptop-presentation.png."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tools.screenshots.session import Session, demo_window, longest_history

SCREENSHOTS = (
    "meeting-agenda.png",
    "meeting-discussion.png",
    "presentation-privacy.png",
    "meeting-followup.png",
)
LAPTOP_SCREENSHOTS = ("laptop-main-window.png", "laptop-meeting.png", "laptop-presentation.png")
SIZE = (1920, 1080)
PATIENTS = 300


def render(
    out_dir: Path, *, patients: int = PATIENTS, seed: int = 1, today: date | None = None
) -> list[Path]:
    with demo_window(out_dir, patients=patients, seed=seed, user="demo-chair", size=SIZE,
                     today=today) as s:  # fmt: skip
        window = s.window
        controller = window.meetings
        controller.open_meeting(s.next_meeting().id)
        ws = controller.workspace
        window.navigator.setCurrentWidget(controller.navigator)
        ws.tabs.setCurrentIndex(0)
        ws.attendance.copy_previous()
        ws.agenda.view.setFocus()
        s.save(window, SCREENSHOTS[0])

        ws.editor.start_meeting()
        window.toggle_navigator()  # the board's view: the meeting, full width
        ws.tabs.setCurrentIndex(1)
        s.settle()
        run_discussion(s, ws)
        s.save(window, SCREENSHOTS[1])
        _presentation(s, ws, SCREENSHOTS[2], geometry=None)

        window.toggle_navigator()
        controller.show_followup()
        controller.followup.tabs.setCurrentIndex(2)
        s.save(window, SCREENSHOTS[3])
        return s.written


def render_laptop(
    out_dir: Path, *, patients: int = PATIENTS, seed: int = 1, today: date | None = None
) -> list[Path]:
    """Needs a process whose offscreen screen is 1366x768 (``use_offscreen_screen``)."""
    from netboard.ui.actions import ActionId

    with demo_window(out_dir, patients=patients, seed=seed, user="demo-chair",
                     today=today) as s:  # fmt: skip
        window = s.window
        window.open_case(longest_history(s.store, living=True))
        s.save(window, LAPTOP_SCREENSHOTS[0])

        controller = window.meetings
        controller.open_meeting(s.next_meeting().id)
        ws = controller.workspace
        ws.attendance.copy_previous()
        ws.editor.start_meeting()
        window.actions.action(ActionId.TOGGLE_NAVIGATOR).trigger()  # F9: full width
        ws.tabs.setCurrentIndex(1)
        s.settle()
        run_discussion(s, ws)
        s.save(window, LAPTOP_SCREENSHOTS[1])
        _presentation(s, ws, LAPTOP_SCREENSHOTS[2], geometry=window.screen().geometry())
        return s.written


def _presentation(s: Session, ws: Any, name: str, *, geometry: Any) -> None:
    """Presentation mode at the full-HD size, or over ``geometry`` (the whole screen)."""
    slides = ws.present(show=False)
    if geometry is None:
        slides.resize(*SIZE)
    else:
        slides.setGeometry(geometry)
    slides.show()
    s.settle()
    slides.show_case(slides.index, restart_timer=False)
    s.save(slides, name)
    slides.close()


def _case_with_history(ws: Any) -> str:
    """An agenda item asking about progression, with the most options weighed at earlier boards."""
    from netboard.domain.board.revisit_logic import earlier_options

    def weight(item: Any) -> tuple[bool, int]:
        case = ws.cases.get(item.discussion.patient_id)
        asks = "progress" in item.discussion.question.lower()
        return asks, len(earlier_options(case, item.discussion)) + len(case.therapies)

    return str(max(ws.snapshot.agenda, key=weight).discussion.id)


def run_discussion(s: Session, ws: Any) -> None:
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
    s.settle()
    first = panel.options.visible_entries()[0]
    card = panel.options.cards[first.key]
    card.rationale.setText("Keeps later options open; tolerable at the current ECOG")
    card.saver.stage("rationale", card.rationale.text())
    dec = panel.decision
    dec.recommendation.setPlainText(
        f"{first.name}; restaging imaging afterwards, then back to the board."
    )
    dec.consensus.setChecked(True)  # chosen by the chair (never a default)
    dec.follow_up.setValue(12)
    dec.guideline.setCurrentText("ENETS guidance")
    dec.trial.setChecked(True)
    dec.preferences.setPlainText("Wishes to be treated close to home where possible.")
    actions = panel.actions_editor
    actions.add("Request renal function and blood counts", "Nurse navigator",
                actions.due.date().toPython())
    panel.flush()
    panel.left_tabs.setCurrentWidget(revisit)
    dec.recommendation.setFocus()
