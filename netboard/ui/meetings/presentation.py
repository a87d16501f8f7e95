"""Presentation mode: the shared screen, one case at a time, large type, privacy on by default.

Next / previous by arrow keys, Page Up / Page Down (what presentation clickers send) and space;
P switches privacy, T shows or hides the clock, Esc returns to the workspace at the same case.
The keys come from the action registry (ActionId.NEXT_CASE, ...), so Help lists them. The window
goes full screen on a screen other than the chair's when there is one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from netboard.db.errors import DbError
from netboard.domain.board.open_meeting import MeetingCases
from netboard.domain.board.presentation_layout import TypeScale, choose_screen, step, type_scale
from netboard.domain.board.presentation_style import BACKGROUND, INK, options_html, style_sheet
from netboard.domain.board.slide import Slide, build_slide
from netboard.domain.privacy import Deidentifier, meeting_deidentifier
from netboard.domain.snapshot import MeetingSnapshot
from netboard.domain.vocab import MeetingStatus
from netboard.domain.wording import clock_text
from netboard.ui.action_table import ACTIONS, PRESENTATION_ACTIONS
from netboard.ui.actions import ActionId, ActionRegistry
from netboard.ui.context import AppContext
from netboard.ui.meetings.case_timer import CaseTimer
from netboard.ui.theme import surface_colours
from netboard.ui.window_parts import fitting_scroll_area


class PresentationWindow(QWidget):
    """The slides. ``closed_at`` carries the discussion shown when the window closed."""

    closed_at = Signal(str)
    case_changed = Signal(str)
    privacy_changed = Signal(bool)

    def __init__(
        self,
        context: AppContext,
        snapshot: MeetingSnapshot,
        cases: MeetingCases,
        *,
        start_discussion_id: str | None = None,
        timer: CaseTimer | None = None,
        registry: ActionRegistry | None = None,
        private: bool = True,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presentationWindow")
        self.setWindowTitle("NETboard — presentation")
        self.context = context
        self.snapshot = snapshot
        self.cases = cases
        self.timer = timer
        self.registry = registry
        self.private = private
        self.index = 0
        self.slide: Slide | None = None
        self._scrub: tuple[MeetingSnapshot, Deidentifier] | None = None
        self.timer_visible = True
        self._closing = False
        ids = [i.discussion.id for i in snapshot.agenda]
        if start_discussion_id in ids:
            self.index = ids.index(start_discussion_id)
        self.setStyleSheet(style_sheet(type_scale(1920, 1080)))
        self.setAutoFillBackground(True)

        self._build_labels()
        self._build_chart()
        self._lay_out()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if timer is not None:
            timer.tick.connect(self._tick)
        self.scale = type_scale(1920, 1080)
        self.facts_size = self.scale.body
        """The facts' type size that shows all of them (``fit_facts``)."""
        self.apply_scale(self.scale)
        self.show_case(self.index)

    def _build_labels(self) -> None:
        """Heading, position, clock, privacy badge, question, facts, options, footer."""
        self.heading = self._label("slideHeading")
        self.position = self._label("slidePosition")
        self.clock = self._label("slideTimer")
        self.privacy_badge = self._label("privacyBadge")
        self.subheading = self._label("slideSubheading")
        self.question = self._label("slideQuestion")
        self.question.setFrameShape(QFrame.Shape.StyledPanel)
        self.facts_box = QWidget()
        self.facts = QGridLayout(self.facts_box)
        self.facts.setColumnStretch(1, 1)
        self.options = self._label("slideOptions")
        self.options.setTextFormat(Qt.TextFormat.RichText)
        self.recommendation = self._label("slideRecommendation")
        self.footer = self._label("slideFooter")

    def _build_chart(self) -> None:
        # matplotlib loads with the first presentation, not with the window.
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(dpi=96)
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setObjectName("slideChart")
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.privacy_badge)
        top.addSpacing(24)
        top.addWidget(self.position)
        top.addSpacing(24)
        top.addWidget(self.clock)
        # Facts that do not fit a small screen scroll in their column; they never push the
        # options, the recommendation or the keys line below the bottom of the screen.
        facts_page = QWidget()
        left = QVBoxLayout(facts_page)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.facts_box)
        left.addStretch(1)
        self.facts_scroll = fitting_scroll_area(facts_page, "slideFacts", wrap=True)
        self.facts_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.facts_scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        middle = QHBoxLayout()
        middle.addWidget(self.facts_scroll, 38)
        middle.addWidget(self.canvas, 62)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 24, 36, 16)
        layout.addLayout(top)
        layout.addWidget(self.subheading)
        layout.addWidget(self.question)
        layout.addLayout(middle, 1)
        layout.addWidget(self.options)
        layout.addWidget(self.recommendation)
        layout.addWidget(self.footer)

    @staticmethod
    def _label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return label

    # -- placement and size -------------------------------------------------------------------

    def present(self, chair_window: QWidget | None = None) -> None:
        """Full screen on a screen other than the chair's window when there is one."""
        screens = QGuiApplication.screens()
        chair_screen = chair_window.screen() if chair_window is not None else None
        main_index = screens.index(chair_screen) if chair_screen in screens else None
        primary = QGuiApplication.primaryScreen()
        primary_index = screens.index(primary) if primary in screens else 0
        target = (
            screens[choose_screen(len(screens), main_index, primary_index)] if screens else None
        )
        if target is not None:
            self.setScreen(target)
            self.setGeometry(target.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        scale = type_scale(event.size().width(), event.size().height())
        if scale != self.scale:
            self.apply_scale(scale)
            self.show_case(self.index)
        self.fit_facts()

    def apply_scale(self, scale: TypeScale) -> None:
        """Set every font size from the screen's size (large type that grows with the screen)."""
        self.scale = scale
        self.setStyleSheet(style_sheet(scale))
        self.figure.set_dpi(max(72.0, 96.0 * scale.body / 27.0))

    # -- content ------------------------------------------------------------------------------

    @property
    def count(self) -> int:
        return len(self.snapshot.agenda)

    @property
    def discussion_id(self) -> str | None:
        if not self.snapshot.agenda:
            return None
        return self.snapshot.agenda[self.index].discussion.id

    def name(self, option_id: str) -> str:
        found = self.context.catalog.find(option_id)
        return found.name if found is not None else option_id

    def set_snapshot(self, snapshot: MeetingSnapshot) -> None:
        """New data for the same meeting (keeps the current case when it is still there)."""
        current = self.discussion_id
        self.snapshot = snapshot
        ids = [i.discussion.id for i in snapshot.agenda]
        self.index = ids.index(current) if current in ids else min(self.index, max(0, len(ids) - 1))
        self.show_case(self.index, restart_timer=False)

    def show_case(self, index: int, *, restart_timer: bool = True) -> None:
        """Render agenda item ``index`` (0-based)."""
        if not self.snapshot.agenda:
            self.heading.setText("The agenda is empty")
            return
        self.index = index
        item = self.snapshot.agenda[index]
        disc = item.discussion
        today = self.context.today()
        try:
            case = self.cases.get(disc.patient_id)
        except DbError:  # e.g. deleted meanwhile: the slide shows what the agenda knows
            case = None
        assessment = self._assess(case, disc.question)
        scrub = self._deidentifier()
        slide = build_slide(
            item,
            index + 1,
            self.count,
            case,
            assessment,
            self.name,
            today,
            private=self.private,
            scrub=scrub,
        )
        self.slide = slide
        self.heading.setText(slide.heading)
        last = slide.number == slide.count
        self.position.setText(f"{slide.number} / {slide.count}" + (" · last case" if last else ""))
        self.subheading.setText(
            f"{slide.subheading} · {slide.triage}"
            + (f" · presented by {slide.presenter}" if slide.presenter else "")
        )
        self.privacy_badge.setText("● Privacy on" if self.private else "Names shown")
        self.question.setText(slide.question)
        self._fill_facts(slide)
        self.options.setText(options_html(slide))
        self.recommendation.setText(
            f"Recommendation: {slide.recommendation}" if slide.recommendation else ""
        )
        self.recommendation.setVisible(bool(slide.recommendation))
        self.footer.setText(self._footer())
        self._draw_chart(case, slide, scrub)
        self.fit_facts()
        self.clock.setVisible(self.timer_visible and self.timer is not None)
        if self.timer is not None and restart_timer:
            if self.snapshot.meeting.status != MeetingStatus.FINALIZED:
                self.timer.start(disc.id, disc.patient_id, disc.meeting_id, disc.time_spent_s)
            self._tick(disc.id, self.timer.total_s() if self.timer.running else disc.time_spent_s)
        self.case_changed.emit(disc.id)

    def _assess(self, case: Any, question: str) -> Any:
        if case is None:
            return None
        disc = self.snapshot.agenda[self.index].discussion
        return self.cases.assessment(disc.patient_id, self.context.today(), question)

    def _fill_facts(self, slide: Slide) -> None:
        while self.facts.count():
            taken = self.facts.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # deleteLater alone leaves it drawn until the event loop runs
                widget.setParent(None)
                widget.deleteLater()
        for row, (label, value) in enumerate(slide.facts):
            name = QLabel(label)
            name.setProperty("role", "factName")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            text = QLabel(value)
            text.setProperty("role", "factValue")
            text.setWordWrap(True)
            self.facts.addWidget(name, row, 0)
            self.facts.addWidget(text, row, 1)

    def fit_facts(self) -> None:
        """The facts in the largest type, down to the small size, that shows all of them: a
        projected slide cannot be scrolled (only below the small size does the column scroll)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the options and recommendation of this slide take their room first
        viewport = self.facts_scroll.viewport()
        for size in range(self.scale.body, self.scale.small - 1, -1):
            self.facts_size = size
            self.facts_box.setStyleSheet(f'QLabel[role="factValue"] {{ font-size:{size}px; }}')
            for label in self.facts_box.findChildren(QLabel):
                label.ensurePolished()  # new labels take their type size before they are measured
                label.show()  # (the layout shows a new label later: until then it is not counted)
            if self.facts_box.heightForWidth(viewport.width()) <= viewport.height():
                return

    def _deidentifier(self) -> Deidentifier:
        """The meeting's de-identifier (every agenda patient), made once per snapshot."""
        if self._scrub is None or self._scrub[0] is not self.snapshot:
            self._scrub = (self.snapshot, meeting_deidentifier(self.snapshot))
        return self._scrub[1]

    def _draw_chart(self, case: Any, slide: Slide, scrub: Deidentifier) -> None:
        from netboard.charts.timeline_figure import draw_timeline
        from netboard.domain.timeline import build_timeline

        if case is None:
            self.figure.clear()
            self.canvas.draw_idle()  # type: ignore[no-untyped-call]
            return
        timeline = build_timeline(
            case,
            self.context.today(),
            catalog=self.context.catalog,
            deidentify=scrub if self.private else False,
        )
        draw_timeline(
            self.figure,
            timeline,
            style="screen",
            privacy_label=slide.chart_label or None,
            colours=surface_colours(BACKGROUND, INK),
        )
        self.canvas.draw()  # type: ignore[no-untyped-call]

    def _footer(self) -> str:
        def keys(action_id: ActionId) -> str:
            return " / ".join(self._keys_of(action_id)) or "—"

        return (
            f"Next: {keys(ActionId.NEXT_CASE)}   ·   "
            f"Previous: {keys(ActionId.PREVIOUS_CASE)}   ·   "
            f"Privacy: {keys(ActionId.TOGGLE_PRIVACY)}   ·   "
            f"Clock: {keys(ActionId.TOGGLE_TIMER)}   ·   "
            f"Back: {keys(ActionId.EXIT_PRESENTATION)}"
        )

    def _tick(self, discussion_id: str, seconds: int) -> None:
        if discussion_id == self.discussion_id:
            self.clock.setText(f"◷ {clock_text(seconds)}")

    # -- keys ---------------------------------------------------------------------------------

    def _keys_of(self, action_id: ActionId) -> list[str]:
        if self.registry is not None and self.registry.has(action_id):
            found = [
                s.toString(QKeySequence.SequenceFormat.NativeText)
                for s in self.registry.action(action_id).shortcuts()
            ]
            if found:
                return found
        return [str(key) for key in ACTIONS[action_id].keys]

    def handlers(self) -> dict[ActionId, Callable[[], None]]:
        return {
            ActionId.NEXT_CASE: lambda: self.step(1),
            ActionId.PREVIOUS_CASE: lambda: self.step(-1),
            ActionId.TOGGLE_PRIVACY: self.toggle_privacy,
            ActionId.TOGGLE_TIMER: self.toggle_timer,
            ActionId.EXIT_PRESENTATION: self._exit,
        }

    def action_for(self, event: QKeyEvent) -> ActionId | None:
        """The presentation action whose keys (from the registry) match ``event``."""
        combo = event.keyCombination()
        mods = combo.keyboardModifiers() & ~Qt.KeyboardModifier.KeypadModifier
        pressed = QKeySequence(combo.key() | mods)
        for action_id in PRESENTATION_ACTIONS:
            for text in self._keys_of(action_id):
                if QKeySequence(text) == pressed:
                    return action_id
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        action_id = self.action_for(event)
        if action_id is None:
            super().keyPressEvent(event)
            return
        event.accept()
        if self.registry is not None and self.registry.has(action_id):
            self.registry.action(action_id).trigger()
        else:
            self.handlers()[action_id]()

    def _exit(self) -> None:
        self.close()

    def step(self, delta: int) -> None:
        target = step(self.index, self.count, delta)
        if target != self.index:
            self.show_case(target)
        elif delta > 0 and self.count:  # past the last case: say so instead of doing nothing
            self.footer.setText(
                f"End of the agenda: all {self.count} cases shown.   ·   "
                f"Back to the meeting: {' / '.join(self._keys_of(ActionId.EXIT_PRESENTATION))}"
            )

    def toggle_privacy(self) -> None:
        self.private = not self.private
        self.show_case(self.index, restart_timer=False)
        self.privacy_changed.emit(self.private)

    def set_private(self, private: bool) -> None:
        if private != self.private:
            self.toggle_privacy()

    def toggle_timer(self) -> None:
        self.timer_visible = not self.timer_visible
        self.clock.setVisible(self.timer_visible and self.timer is not None)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.timer is not None:
            self.timer.stop()
        if not self._closing:
            self._closing = True
            self.closed_at.emit(self.discussion_id or "")
        super().closeEvent(event)

    # -- privacy check ------------------------------------------------------------------------

    def visible_texts(self) -> list[str]:
        """Every text the window shows: labels, tooltips, the window title and the chart's text."""
        from matplotlib.text import Text

        found = [self.windowTitle()]
        for widget in [self, *self.findChildren(QWidget)]:
            for getter in ("text", "toolTip", "windowTitle", "placeholderText"):
                value = getattr(widget, getter, None)
                if callable(value):
                    try:
                        result = value()
                    except TypeError:
                        continue
                    if isinstance(result, str) and result:
                        found.append(result)
        found += [t.get_text() for t in self.figure.findobj(Text) if t.get_text()]
        return found
