"""Everything a window part needs, passed in explicitly (there is no global application object)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack

from netboard.ui.change_bus import ChangeBus

if TYPE_CHECKING:
    from netboard.db.store import Store
    from netboard.domain.catalog import Catalog
    from netboard.ui.operations import UiOperations


@dataclass
class AppContext:
    """The open store and the window-wide services built around it."""

    store: Store
    undo_stack: QUndoStack
    bus: ChangeBus
    operations: UiOperations
    settings: QSettings
    is_demo: bool = False
    today: Callable[[], date] = field(default=date.today)
    given_catalog: Catalog | None = field(default=None, repr=False)
    """The catalog the context was built with; None: the shipped one, read on first use."""

    @property
    def catalog(self) -> Catalog:
        """The therapy catalog (the shipped file is read when a case or meeting first needs
        it, not at start-up: the patient list does not)."""
        if self.given_catalog is None:
            from netboard.domain.catalog import load_catalog

            self.given_catalog = load_catalog()
        return self.given_catalog

    def now(self) -> datetime:
        """The local time now on the context's day (tests and screenshots fix the day): what
        counts as upcoming, past or the next meeting follows ``today`` like every other date."""
        return datetime.combine(self.today(), datetime.now().time()).astimezone()


def build_context(
    store: Store,
    *,
    is_demo: bool = False,
    settings: QSettings | None = None,
    catalog: Catalog | None = None,
    today: Callable[[], date] = date.today,
) -> AppContext:
    """A context for ``store``: a fresh undo stack, bus and operations runner.

    Tests pass ``settings`` (an INI file under tmp_path) so they never touch the user's settings.
    """
    from netboard.ui.operations import UiOperations

    bus = ChangeBus()
    undo_stack = QUndoStack()
    operations = UiOperations(store, undo_stack, bus)
    return AppContext(
        store=store,
        undo_stack=undo_stack,
        bus=bus,
        operations=operations,
        settings=settings if settings is not None else QSettings(),
        is_demo=is_demo,
        today=today,
        given_catalog=catalog,
    )
