"""Small parts of the main window: the workspace stack, the recent-database list, About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QResizeEvent, QScreen
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QStackedWidget, QWidget

if TYPE_CHECKING:
    from netboard.ui.context import AppContext

RECENT_KEY = "recent_databases"
MAX_RECENT = 8


class CurrentPageStack(QStackedWidget):
    """A stack sized by the page on show: a wide hidden page must not widen the window."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        current = self.currentWidget()
        return current.sizeHint() if current is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        current = self.currentWidget()
        return current.minimumSizeHint() if current is not None else super().minimumSizeHint()


PREFERRED_SIZE = QSize(1600, 1000)
"""The first-run window size on a screen large enough for it."""
SCREEN_SHARE = 0.94
"""On a smaller screen the first-run window takes this share of the available area."""


def available_area(screen: QScreen | None) -> QRect:
    """The screen area a window may use (without task bars); the primary screen if unknown."""
    chosen = screen or QApplication.primaryScreen()
    return chosen.availableGeometry() if chosen is not None else QRect(0, 0, 1366, 768)


def default_window_size(screen: QScreen | None) -> QSize:
    """1600x1000, or less on a screen that cannot hold it (a 1366x768 laptop)."""
    area = available_area(screen).size()
    return PREFERRED_SIZE.boundedTo(
        QSize(int(area.width() * SCREEN_SHARE), int(area.height() * SCREEN_SHARE)))


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move ``window`` so that all of it (frame included) lies inside the available
    area of its screen: a size remembered on the board's big screen must not leave the window
    hanging off a laptop's."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = available_area(window.screen())
    frame = window.frameGeometry()
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    size = window.size().boundedTo(area.size() - extra)
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


class _Fit(QWidget):
    """Holds one page at its own size: the area's size, but never below the page's minimum.

    No layout on purpose: a layout with a word-wrapping label reports height-for-width, and a
    scroll area then sizes the page by its preferred height instead of its minimum."""

    def __init__(self, page: QWidget, *, wrap: bool) -> None:
        super().__init__()
        self.page = page
        self.wrap = wrap
        page.setParent(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        size = self.page.minimumSizeHint().expandedTo(self.page.minimumSize())
        viewport = self.parentWidget()
        if self.wrap and viewport is not None and self.page.hasHeightForWidth():
            # wrapped text needs its full height at this width: scroll rather than clip it
            width = max(size.width(), viewport.width())
            size.setHeight(max(size.height(), self.page.heightForWidth(width)))
        return size

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.page.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.page.setGeometry(0, 0, self.width(), self.height())
        if self.wrap and event.oldSize().width() != event.size().width():
            self.updateGeometry()  # another width: another wrapped height

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the page's minimum changed: the scroll area re-measures
        return super().event(event)


def fitting_scroll_area(
    page: QWidget, name: str = "workspaceScroll", *, wrap: bool = False
) -> QScrollArea:
    """``page`` in a frameless scroll area: it fills the area, and scrolls only when the area is
    smaller than the page's minimum size (the page never forces the window past the screen).
    ``wrap``: the page is mostly wrapped text, whose full height at the area's width counts as
    its minimum."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no invisible Tab stop; what Tab reaches shows
    area.setWidgetResizable(True)
    holder = _Fit(page, wrap=wrap)
    area.setWidget(holder)
    if wrap:  # text on the slide's own background, not a panel
        area.viewport().setAutoFillBackground(False)
        holder.setAutoFillBackground(False)
    return area


def program_version() -> str:
    """The installed package's version ('development' when running from a plain checkout)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("netboard")
    except PackageNotFoundError:
        return "development"


def about_html(context: AppContext) -> str:
    """The About box: what NETboard is, that considerations support (not make) decisions."""
    return (
        f"<h3>NETboard {program_version()}</h3>"
        "<p>A case manager for neuroendocrine tumor boards: therapy timelines, board "
        "history and meeting records.</p>"
        "<p>The considerations it lists are decision support: each explains itself and "
        "cites its source. The board decides.</p>"
        f"<p>Database: {context.store.url}<br>User: {context.store.user}</p>"
    )


def recent_databases(settings: object) -> list[str]:
    """Recently opened database files, newest first (from QSettings)."""
    assert isinstance(settings, QSettings)
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):
        return [value] if value else []
    if not isinstance(value, list | tuple):
        return []
    return [str(v) for v in value if v]


def remember_database(settings: object, path: str) -> None:
    """Put ``path`` at the top of the recent databases list."""
    assert isinstance(settings, QSettings)
    recent = [p for p in recent_databases(settings) if p != path]
    settings.setValue(RECENT_KEY, [path, *recent][:MAX_RECENT])
