"""Patient lists from CSV or XLSX (openpyxl): read, map columns to patient fields, check every row
(row number, column, problem), import the good rows in one transaction; and write lists
(patients, follow-up) to CSV or XLSX."""

from __future__ import annotations

import csv
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from netboard.db import queries
from netboard.db.bundle_apply import Step, apply_steps
from netboard.db.store import Store
from netboard.db.store_files import new_private_file
from netboard.domain.validation import ValidationError, coerce, label, validate

PATIENT_FIELDS = (
    "mrn",
    "family_name",
    "given_name",
    "birth_date",
    "sex",
    "status",
    "home_institution",
    "treating_physician",
    "nurse_navigator",
    "notes",
)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "mrn": ("mrn", "medical record number", "record number", "patient id", "hospital number"),
    "family_name": ("family name", "last name", "surname", "family", "name"),
    "given_name": ("given name", "first name", "forename", "given"),
    "birth_date": ("birth date", "date of birth", "dob", "born"),
    "sex": ("sex", "gender"),
    "status": ("status",),
    "home_institution": ("home institution", "institution", "hospital", "site of care"),
    "treating_physician": ("treating physician", "physician", "doctor", "oncologist"),
    "nurse_navigator": ("nurse navigator", "navigator", "nurse"),
    "notes": ("notes", "note", "comment", "comments"),
}


class SpreadsheetError(ValueError):
    """The file cannot be read as a table (one line)."""


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    """Data rows as text; row i is line/row i + 2 of the file (after the header)."""


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(path: Path) -> Table:
    """The first sheet of an .xlsx, or a .csv (comma, semicolon or tab), as text cells."""
    path = Path(path).expanduser()
    try:
        if path.suffix.lower() == ".xlsx":
            raw = _read_xlsx(path)
        elif path.suffix.lower() in (".csv", ".txt", ".tsv"):
            raw = _read_csv(path)
        else:
            raise SpreadsheetError(f"{path}: not a .csv or .xlsx file")
    except (OSError, csv.Error, UnicodeDecodeError, KeyError, ValueError) as exc:
        if isinstance(exc, SpreadsheetError):
            raise
        raise SpreadsheetError(f"{path} cannot be read as a table ({exc})") from exc
    raw = [row for row in raw if any(cell for cell in row)]
    if not raw:
        raise SpreadsheetError(f"{path} is empty (no header row)")
    width = len(raw[0])
    rows = tuple(tuple((list(r) + [""] * width)[:width]) for r in raw[1:])
    return Table(tuple(raw[0]), rows)


def _read_csv(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(text.splitlines(), dialect)]


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def guess_mapping(headers: Sequence[str]) -> dict[str, str]:
    """{patient field: header} for the headers that name a field (exact label or synonym)."""
    mapping: dict[str, str] = {}
    for name in PATIENT_FIELDS:
        words = {_key(name), _key(label("patient", name)), *SYNONYMS.get(name, ())}
        for header in headers:
            if _key(header) in words and header not in mapping.values():
                mapping[name] = header
                break
    return mapping


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    """The row number in the file (the header is row 1)."""
    column: str
    message: str

    def line(self) -> str:
        return f"row {self.row}, column '{self.column}': {self.message}"


@dataclass
class PatientImport:
    good: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def skipped_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})

    def report(self) -> list[str]:
        head = f"{len(self.good)} row(s) to import, {len(self.skipped_rows)} row(s) skipped"
        return [head] + [e.line() for e in self.errors]


def plan_patients(store: Store, table: Table, mapping: Mapping[str, str]) -> PatientImport:
    """Check every row; the rows that can be imported and, per bad row, each problem."""
    missing = [f for f in ("mrn", "family_name") if f not in mapping]
    if missing:
        names = ", ".join(label("patient", f) for f in missing)
        raise SpreadsheetError(f"no column is mapped to {names} (required)")
    index = {f: table.headers.index(h) for f, h in mapping.items() if h in table.headers}
    column_of = {f: table.headers[i] for f, i in index.items()}
    plan = PatientImport()
    seen: dict[str, int] = {}
    for n, row in enumerate(table.rows, start=2):
        raw = {f: row[i] for f, i in index.items() if row[i] != "" or f in ("mrn", "family_name")}
        problems = _row_problems(raw)
        mrn = str(raw.get("mrn", "")).strip()
        if mrn and mrn in seen:
            problems.append(("mrn", f"MRN: {mrn} is also in row {seen[mrn]}"))
        elif mrn and queries.find_patient(store, mrn) is not None:
            problems.append(("mrn", f"MRN: {mrn} is already a patient in this database"))
        if mrn:
            seen.setdefault(mrn, n)
        if problems:
            plan.errors += [RowError(n, column_of.get(f, f), msg) for f, msg in problems]
        else:
            plan.good.append((n, coerce("patient", raw)))
    return plan


def _row_problems(raw: dict[str, str]) -> list[tuple[str, str]]:
    try:
        typed = coerce("patient", raw)
        validate("patient", typed)
    except ValidationError as exc:
        return [(e.field, e.message) for e in exc.errors]
    return []


def import_patients(store: Store, plan: PatientImport, source: str) -> int:
    """Create the good rows' patients in one transaction (audited); returns how many."""
    steps = [Step("add", "patient", str(uuid.uuid4()), values) for _n, values in plan.good]
    summary = {
        "file": source,
        "rows_imported": [n for n, _ in plan.good],
        "rows_skipped": plan.skipped_rows,
    }
    apply_steps(store, str(uuid.uuid4()), steps, summary, entity="patient list")
    return len(steps)


# --- writing lists ------------------------------------------------------------------------------


def write_table(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    """A .csv (UTF-8 with BOM, for spreadsheet programs) or .xlsx, written whole or not at all."""
    path = Path(path).expanduser()
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise SpreadsheetError(f"{path}: choose a .csv or .xlsx file name")
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    new_private_file(partial)  # patient data: owner only (0600)
    try:
        if suffix == ".csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(headers)
                writer.writerows([[_cell(v) for v in row] for row in rows])
        else:
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            assert sheet is not None
            sheet.append(list(headers))
            for row in rows:
                sheet.append([v if isinstance(v, int | float | date) else _cell(v) for v in row])
            book.save(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


LISTS = {"patients": "patient list", "followup": "follow-up lists"}
"""The lists ``export_list`` writes: name -> what the audit log calls the document."""


def export_list(store: Store, which: str, path: Path, today: date) -> tuple[Path, int]:
    """Write the patient list or the follow-up lists to ``path`` (.csv/.xlsx) and note the export
    in the audit log, one entry per patient in it; the file written and its number of rows."""
    from netboard.db.operations import record_export

    if which == "patients":
        headers, rows, ids = _patient_list(store)
    else:
        headers, rows, ids = _followup(store, today)
    written = write_table(path, headers, rows)
    record_export(store, ids, f"{LISTS[which]} ({written.suffix.lstrip('.')})", written)
    return written, len(rows)


def patient_list_rows(store: Store) -> tuple[list[str], list[list[object]]]:
    """The patient list as the window shows it (all patients, by name)."""
    headers, rows, _ids = _patient_list(store)
    return headers, rows


def followup_rows(store: Store, today: date) -> tuple[list[str], list[list[object]]]:
    """Open action items and overdue reviews, one row each."""
    headers, rows, _ids = _followup(store, today)
    return headers, rows


def _patient_list(store: Store) -> tuple[list[str], list[list[object]], list[str]]:
    names = ("mrn", "family_name", "given_name", "birth_date", "sex", "status")
    headers = [label("patient", f) for f in names] + ["Primary site", "Grade", "Next review"]
    rows: list[list[object]] = []
    ids: list[str] = []
    offset = 0
    while True:
        page = queries.list_patients(store, offset=offset, limit=1000)
        for r in page.rows:
            ids.append(r.id)
            rows.append(
                [_plain(getattr(r, f)) for f in names]
                + [_plain(r.primary_site), _plain(r.grade), r.next_review or ""]
            )
        offset += len(page.rows)
        if not page.rows or offset >= page.total:
            return headers, rows, ids


def _followup(store: Store, today: date) -> tuple[list[str], list[list[object]], list[str]]:
    headers = ["List", "Patient", "MRN", "What", "Owner", "Due / review date", "Meeting"]
    rows: list[list[object]] = []
    ids: list[str] = []
    for item, patient, meeting in queries.open_action_items(store):
        ids.append(patient.id)
        rows.append(
            [
                "Open action",
                f"{patient.family_name}, {patient.given_name}",
                patient.mrn,
                item.description,
                item.owner,
                item.due_date or "",
                f"{meeting.starts_at.astimezone():%Y-%m-%d} {meeting.title}",
            ]
        )
    for patient, review in queries.overdue_reviews(store, today):
        ids.append(patient.id)
        rows.append(
            [
                "Overdue review",
                f"{patient.family_name}, {patient.given_name}",
                patient.mrn,
                "Review date passed",
                "",
                review,
                "",
            ]
        )
    return headers, rows, ids


def _plain(value: object) -> object:
    label_of = getattr(value, "label", None)
    return label_of if isinstance(label_of, str) else ("" if value is None else value)
