"""Small parts of the main window: the workspace stack, the recent-database list, About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QStackedWidget

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
