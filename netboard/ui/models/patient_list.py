"""The patient list: a table model that holds only the pages of rows the view has looked at.

Rows come from ``queries.list_patients`` a page at a time (``PAGE_SIZE``); at most ``MAX_PAGES``
pages stay cached, so a million patients cost a few hundred rows of memory. Each page after the
first continues after the last row of the page before it (keyset paging: deep pages cost what the
first costs); the last row of every page read is kept as the way back to the next one.

The query counts matches only up to ``queries.COUNT_LIMIT``. When more match (``capped``), the
model holds the rows read so far and reads the next page as the view scrolls to the end
(``canFetchMore`` / ``fetchMore``), and the count says "more than N". Search, filters and sorting
are parameters of the query, never Python-side filtering.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from netboard.db import queries
from netboard.domain.patient_list_text import (
    AGENDA,
    COLUMNS,
    NAME,
    REVIEW,
    cell_text,
    cell_tooltip,
)
from netboard.domain.snapshot import PatientPage, PatientRow
from netboard.domain.vocab import Grade, PatientStatus, PrimarySite
from netboard.ui.models.table_base import TitledTableModel

if TYPE_CHECKING:
    from netboard.db.store import Store

PAGE_SIZE = 100
MAX_PAGES = 12
ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The patient id of a row."""

LIST_KINDS = frozenset(
    {"patient", "tumor", "pathology", "decision", "discussion", "meeting", "database"}
)
"""Change kinds that can alter what a list row shows (name, site, grade, review, agenda)."""

AnyIndex = QModelIndex | QPersistentModelIndex
TITLES = tuple(c.title for c in COLUMNS)


@dataclass(frozen=True, slots=True)
class PatientFilter:
    """What the list shows: the query parameters except paging and sort."""

    search: str = ""
    site: PrimarySite | None = None
    grade: Grade | None = None
    status: PatientStatus | None = None
    on_next_agenda: bool = False




class PatientListModel(TitledTableModel):
    """Patients matching a filter, fetched lazily in pages from the store."""

    applied = Signal()
    """The filter, search or sort was applied and the rows are current (tests wait for this)."""

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._filter = PatientFilter()
        self._sort_column = NAME
        self._descending = False
        self._total = 0
        self._matches = 0
        self._more = False
        self._pages: OrderedDict[int, tuple[PatientRow, ...]] = OrderedDict()
        self._ends: dict[int, PatientRow] = {}
        """The last row of each page read: the next page continues after it."""
        self.today = date.today()
        self._load()

    # -- what to show ---------------------------------------------------------------------------

    @property
    def filter(self) -> PatientFilter:
        return self._filter

    def set_filter(self, patient_filter: PatientFilter) -> None:
        if patient_filter == self._filter:
            self.applied.emit()
            return
        self._filter = patient_filter
        self._reset()

    def set_search(self, text: str) -> None:
        self.set_filter(replace(self._filter, search=text.strip()))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort_key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending):
            return
        self._sort_column, self._descending = column, descending
        self._reset()

    def refresh(self, *, rows_changed: bool) -> None:
        """Reread after a change: a reset when rows came or went, else repaint with fresh data."""
        if rows_changed:
            self._reset()
            return
        self._pages.clear()
        if self._more or self._matches != self._total:
            # A list read by scrolling: keep its length and the ways to each page; rows are
            # read again as they are shown.
            if self._total:
                last = self.index(self._total - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            self.applied.emit()
            return
        self._ends.clear()
        total = self._load()
        if total != self._total:
            self._reset()
            return
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, len(COLUMNS) - 1))
        self.applied.emit()

    # -- lookups --------------------------------------------------------------------------------

    def row_at(self, row: int) -> PatientRow | None:
        if not 0 <= row < self._total:
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._page(page_no)
        else:
            self._pages.move_to_end(page_no)
        offset = row - page_no * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def patient_id(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.id if found is not None else None

    def row_of(self, patient_id: str) -> int | None:
        """The row of ``patient_id`` among the pages already loaded (None if not seen)."""
        for page_no, page in self._pages.items():
            for offset, item in enumerate(page):
                if item.id == patient_id:
                    return page_no * PAGE_SIZE + offset
        return None

    @property
    def total(self) -> int:
        """The rows the list holds now (all that match unless ``capped``)."""
        return self._total

    @property
    def capped(self) -> bool:
        """More patients match than were counted: the list grows as it is scrolled."""
        return self._more

    @property
    def counted(self) -> int:
        """How many matches the query counted (a lower bound when ``capped``)."""
        return self._matches

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: N802, B008
        """Read the next page after the rows held (the view calls this at the end)."""
        if parent.isValid() or not self._more:
            return
        page_no = self._total // PAGE_SIZE
        rows = self._page(page_no)
        if len(rows) < PAGE_SIZE:
            self._more = False
        if rows:
            self.beginInsertRows(QModelIndex(), self._total, self._total + len(rows) - 1)
            self._total += len(rows)
            self.endInsertRows()
        self.applied.emit()

    def cached_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    # -- Qt model API ---------------------------------------------------------------------------

    def row_total(self) -> int:
        return self._total

    def titles(self) -> tuple[str, ...]:
        return TITLES

    def header_tip(self, section: int) -> str | None:
        if COLUMNS[section].sort_key is None:
            return "On the agenda of the next board meeting"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A repaint asks each visible cell for about ten roles: answer the unused ones before
        # looking the row up, and reuse one font and brushes (this runs on every keystroke).
        if role not in _ROLES or not index.isValid() or index.column() >= len(COLUMNS):
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(item, column)
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGNMENT.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(item, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.status == PatientStatus.DECEASED:
                return _style().deceased
            if column == REVIEW and item.next_review is not None and item.next_review < self.today:
                return _style().overdue
            return None
        if role == Qt.ItemDataRole.FontRole and column == NAME:
            return _style().name_font
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- internals ------------------------------------------------------------------------------

    def _reset(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._ends.clear()
        self._load()
        self.endResetModel()
        self.applied.emit()

    def _load(self) -> int:
        """Fetch page 0 (which also says how many rows match) and return the total."""
        page = self._fetch(0)
        self._more = page.capped and len(page.rows) == PAGE_SIZE
        self._total = len(page.rows) if page.capped else page.total
        self._matches = page.total
        return self._total

    def _page(self, page_no: int) -> tuple[PatientRow, ...]:
        return self._fetch(page_no).rows

    def _fetch(self, page_no: int) -> PatientPage:
        f = self._filter
        after = self._ends.get(page_no - 1) if page_no > 0 else None
        page = queries.list_patients(
            self._store,
            search=f.search,
            site=f.site,
            grade=f.grade,
            status=f.status,
            on_next_agenda=f.on_next_agenda,
            sort=COLUMNS[self._sort_column].sort_key or "name",
            descending=self._descending,
            offset=0 if after is not None else page_no * PAGE_SIZE,
            limit=PAGE_SIZE,
            after=after,
        )
        if page.rows:
            self._ends[page_no] = page.rows[-1]
        self._pages[page_no] = page.rows
        self._pages.move_to_end(page_no)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        ID_ROLE,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
    }
)
_ALIGNMENT = {
    **{
        column: int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for column, spec in enumerate(COLUMNS)
        if spec.align_right
    },
    AGENDA: int(Qt.AlignmentFlag.AlignCenter),
}


@dataclass(frozen=True)
class _Style:
    name_font: QFont
    deceased: QBrush
    overdue: QBrush


@cache
def _style() -> _Style:
    """Font and brushes, made once (they need the QApplication, so not at import)."""
    font = QFont()
    font.setBold(True)
    return _Style(font, QBrush(QColor("#6b6b6b")), QBrush(QColor("#b00020")))
