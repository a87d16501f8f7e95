"""What each column of the patient list shows (no Qt): its title, the query's sort key, and
each cell's text and tooltip for a ``PatientRow``. The list's table model only displays them."""

from __future__ import annotations

from dataclasses import dataclass

from netboard.domain.snapshot import PatientRow
from netboard.domain.wording import DASH, fmt_date, fmt_label, fmt_percent


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    sort_key: str | None
    align_right: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("Name", "name"),
    Column("MRN", "mrn"),
    Column("Primary site", "site"),
    Column("Grade", "grade"),
    Column("Ki-67", "ki67", align_right=True),
    Column("Next review", "next_review"),
    Column("Born", "birth_date"),
    Column("Status", "status"),
    Column("Agenda", None),
)
(NAME, MRN, SITE, GRADE, KI67, REVIEW, BORN, STATUS, AGENDA) = range(len(COLUMNS))


def cell_text(item: PatientRow, column: int) -> str:
    """What the list shows of ``item`` in ``column`` (a dash for a column it does not know)."""
    if column == NAME:
        return item.display_name
    if column == MRN:
        return item.mrn
    if column == BORN:
        return fmt_date(item.birth_date)
    if column == SITE:
        return fmt_label(item.primary_site)
    if column == GRADE:
        return fmt_label(item.grade)
    if column == KI67:
        return fmt_percent(item.ki67)
    if column == REVIEW:
        return fmt_date(item.next_review)
    if column == STATUS:
        return item.status.label
    if column == AGENDA:
        return "\u25cf next" if item.on_next_agenda else ""
    return DASH


def cell_tooltip(item: PatientRow, column: int) -> str | None:
    """The hover text of a cell (None: no tooltip)."""
    if column == AGENDA and item.on_next_agenda:
        return "On the agenda of the next board meeting"
    if column == NAME:
        return f"{item.display_name} \u00b7 MRN {item.mrn} \u2014 double-click or Enter to open"
    return None
