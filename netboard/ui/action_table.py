"""The one table of the window's commands: text, keys, menu, toolbar, tip (declarative).

Every part of the window binds its slots to these ids (``ActionRegistry.register(id, slot)``);
what a command is called, which keys reach it and where it sits is read from here only. Menus
fill in the order the parts register (main window, then the open case, then meetings).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QKeySequence

Shortcut = str | QKeySequence | QKeySequence.StandardKey
STD = QKeySequence.StandardKey
ELLIPSIS = "\u2026"


class ActionId(Enum):
    """Every command the window offers."""

    # File
    OPEN_DATABASE = auto()
    TAKE_OFFLINE = auto()
    BRING_BACK = auto()
    FHIR_EXPORT = auto()
    FHIR_IMPORT = auto()
    IMPORT_PATIENT_LIST = auto()
    EXPORT_PATIENT_LIST = auto()
    EXPORT_FOLLOWUP = auto()
    MEETING_INVITATION = auto()
    RESTORE_BACKUP = auto()
    QUIT = auto()
    # Edit
    UNDO = auto()
    REDO = auto()
    FIND = auto()
    # Patient / case
    NEW_PATIENT = auto()
    EDIT_PATIENT = auto()
    ADD_TUMOR = auto()
    ADD_THERAPY = auto()
    ADD_PATHOLOGY = auto()
    ADD_STAGING = auto()
    ADD_IMAGING = auto()
    ADD_LAB = auto()
    ADD_ECOG = auto()
    EDIT_SELECTED = auto()
    DELETE_SELECTED = auto()
    RELOAD_CASE = auto()
    CLOSE_CASE = auto()
    AUDIT_HISTORY = auto()
    # View
    SHOW_PATIENTS = auto()
    SHOW_MEETINGS = auto()
    TOGGLE_NAVIGATOR = auto()
    TIMELINE_FIT = auto()
    TIMELINE_ZOOM_IN = auto()
    TIMELINE_ZOOM_OUT = auto()
    # Meetings
    NEW_MEETING = auto()
    OPEN_NEXT_MEETING = auto()
    ADD_TO_AGENDA = auto()
    START_MEETING = auto()
    FINALIZE_MEETING = auto()
    ADD_ADDENDUM = auto()
    FOLLOW_UP = auto()
    MEETING_SUMMARY_PDF = auto()
    MEETING_SUMMARY_DEIDENTIFIED_PDF = auto()
    MEETING_PAPERS_PDF = auto()
    PATIENT_HANDOUT_PDF = auto()
    CASE_SHEET_PDF = auto()
    PRESENTATION_MODE = auto()
    NEXT_CASE = auto()
    PREVIOUS_CASE = auto()
    TOGGLE_PRIVACY = auto()
    TOGGLE_TIMER = auto()
    EXIT_PRESENTATION = auto()
    # Help
    SHORTCUTS = auto()
    ABOUT = auto()


MENU_ORDER = ("File", "Edit", "Patient", "View", "Meeting", "Help")
"""Menus in the order the menu bar shows them."""


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One command: its text, keys, menu (None: none, keys only), toolbar, separator, tip."""

    text: str
    menu: str | None = None
    keys: tuple[Shortcut, ...] = ()
    tip: str = ""
    toolbar: bool = False
    separator_before: bool = False
    enabled: bool = True


A = ActionId
ACTIONS: dict[ActionId, ActionSpec] = {
    # -- File ----------------------------------------------------------------------------------
    A.OPEN_DATABASE: ActionSpec(
        f"&Open database{ELLIPSIS}", "File", (STD.Open,),
        tip="Open another NETboard database file"),
    A.MEETING_SUMMARY_PDF: ActionSpec(
        f"Export meeting &summary (PDF){ELLIPSIS}", "File", separator_before=True,
        tip="The record of the open meeting, with every case, as a PDF"),
    A.MEETING_SUMMARY_DEIDENTIFIED_PDF: ActionSpec(
        f"Export de-identified meeting summary (PDF){ELLIPSIS}", "File",
        tip="Initials and agenda numbers only: no names, MRNs or birth dates"),
    A.MEETING_PAPERS_PDF: ActionSpec(
        f"Export meeting summary and all &handouts (PDF){ELLIPSIS}", "File",
        tip="The summary and the plan handout of every decided case, into one folder"),
    A.PATIENT_HANDOUT_PDF: ActionSpec(
        f"Export patient plan &handout (PDF){ELLIPSIS}", "File",
        tip="The plain-language plan for the open patient, in large print"),
    A.CASE_SHEET_PDF: ActionSpec(
        f"Export case &preparation sheet (PDF){ELLIPSIS}", "File",
        tip="Overview, timeline, readiness check and considerations of the open case"),
    A.TAKE_OFFLINE: ActionSpec(
        f"Take cases &offline{ELLIPSIS}", "File", separator_before=True,
        tip="Write a meeting's or a case's records to one file to prepare offline"),
    A.BRING_BACK: ActionSpec(
        f"&Bring offline work back{ELLIPSIS}", "File",
        tip="Merge the work done in an offline bundle into this database"),
    A.FHIR_EXPORT: ActionSpec(
        f"Export patient as &FHIR{ELLIPSIS}", "File",
        tip="Write the open patient's record as an mCODE FHIR R4 Bundle"),
    A.FHIR_IMPORT: ActionSpec(
        f"&Import FHIR bundle{ELLIPSIS}", "File",
        tip="Create or update a patient from a FHIR Bundle"),
    A.IMPORT_PATIENT_LIST: ActionSpec(
        f"Import patient &list{ELLIPSIS}", "File", separator_before=True,
        tip="Patients from a CSV or Excel file, with a preview and per-row errors"),
    A.EXPORT_PATIENT_LIST: ActionSpec(f"Export patient list{ELLIPSIS}", "File"),
    A.EXPORT_FOLLOWUP: ActionSpec(f"Export follow-up lists{ELLIPSIS}", "File"),
    A.MEETING_INVITATION: ActionSpec(
        f"Meeting invitation (.ics){ELLIPSIS}", "File",
        tip="A calendar invitation with title, time and place, without patient data"),
    A.RESTORE_BACKUP: ActionSpec(
        f"Restore from &backup{ELLIPSIS}", "File",
        tip="Put a backup in place of this database (the current file is kept aside)"),
    A.QUIT: ActionSpec("&Quit", "File", (STD.Quit,), separator_before=True),
    # -- Edit ----------------------------------------------------------------------------------
    A.UNDO: ActionSpec("&Undo", "Edit", ("Ctrl+Z",), toolbar=True, enabled=False),
    A.REDO: ActionSpec("&Redo", "Edit", ("Ctrl+Shift+Z", "Ctrl+Y"), toolbar=True,
                       enabled=False),
    A.FIND: ActionSpec("&Find patient", "Edit", ("Ctrl+F",), separator_before=True,
                       tip="Search patients by name or MRN"),
    # -- Patient -------------------------------------------------------------------------------
    A.AUDIT_HISTORY: ActionSpec(
        f"Audit &history{ELLIPSIS}", "Patient",
        tip="Who changed, exported or printed the open record, and when"),
    A.NEW_PATIENT: ActionSpec(f"&New patient{ELLIPSIS}", "Patient", ("Ctrl+N",), toolbar=True),
    A.EDIT_PATIENT: ActionSpec(f"&Edit patient{ELLIPSIS}", "Patient", ("Ctrl+E",)),
    A.ADD_THERAPY: ActionSpec(f"Add therapy course{ELLIPSIS}", "Patient", ("Ctrl+Shift+T",),
                              separator_before=True),
    A.ADD_PATHOLOGY: ActionSpec(f"Add pathology result{ELLIPSIS}", "Patient",
                                ("Ctrl+Shift+P",)),
    A.ADD_STAGING: ActionSpec(f"Add staging assessment{ELLIPSIS}", "Patient", ("Ctrl+Shift+S",)),
    A.ADD_IMAGING: ActionSpec(f"Add imaging study{ELLIPSIS}", "Patient", ("Ctrl+Shift+I",)),
    A.ADD_LAB: ActionSpec(f"Add lab result{ELLIPSIS}", "Patient", ("Ctrl+Shift+L",)),
    A.ADD_ECOG: ActionSpec(f"Add ECOG performance status{ELLIPSIS}", "Patient",
                           ("Ctrl+Shift+E",)),
    A.ADD_TUMOR: ActionSpec(f"Add tumor{ELLIPSIS}", "Patient"),
    A.EDIT_SELECTED: ActionSpec(f"Edit selected record{ELLIPSIS}", "Patient", ("F2",),
                                separator_before=True),
    A.DELETE_SELECTED: ActionSpec(f"Delete selected record{ELLIPSIS}", "Patient", (STD.Delete,)),
    A.RELOAD_CASE: ActionSpec("Reload case", "Patient", ("Ctrl+R",), separator_before=True),
    A.CLOSE_CASE: ActionSpec("Close case", "Patient", ("Ctrl+W",)),
    # -- View ----------------------------------------------------------------------------------
    A.SHOW_PATIENTS: ActionSpec("&Patients", "View", ("Ctrl+1",)),
    A.SHOW_MEETINGS: ActionSpec("&Meetings", "View", ("Ctrl+2",)),
    A.TOGGLE_NAVIGATOR: ActionSpec(
        "Show/hide the &navigator", "View", ("F9",), separator_before=True,
        tip="Hide the patient and meeting lists to give the case or meeting the full width"),
    A.TIMELINE_FIT: ActionSpec("Timeline: fit all", "View", ("Ctrl+0",), separator_before=True),
    A.TIMELINE_ZOOM_IN: ActionSpec("Timeline: zoom in", "View", ("Ctrl++", "Ctrl+=")),
    A.TIMELINE_ZOOM_OUT: ActionSpec("Timeline: zoom out", "View", ("Ctrl+-",)),
    # -- Meeting -------------------------------------------------------------------------------
    A.NEW_MEETING: ActionSpec("&New meeting", "Meeting", ("Ctrl+Shift+N",),
                              tip="Plan a meeting: next weekday 16:00, you as chair"),
    A.OPEN_NEXT_MEETING: ActionSpec("Open ne&xt meeting", "Meeting", ("Ctrl+Shift+M",)),
    A.ADD_TO_AGENDA: ActionSpec(
        f"&Add to agenda{ELLIPSIS}", "Meeting", ("Ctrl+Shift+A",), separator_before=True,
        tip="Put the open case (or patients you choose) on the open meeting's agenda"),
    A.START_MEETING: ActionSpec("&Start meeting", "Meeting", separator_before=True),
    A.FINALIZE_MEETING: ActionSpec(f"&Finalize meeting{ELLIPSIS}", "Meeting"),
    A.ADD_ADDENDUM: ActionSpec(f"Add a&ddendum{ELLIPSIS}", "Meeting"),
    A.PRESENTATION_MODE: ActionSpec(
        "&Presentation mode", "Meeting", ("F5",), toolbar=True, separator_before=True,
        tip="Show the agenda on the shared screen, one case at a time"),
    A.FOLLOW_UP: ActionSpec("Follow-&up", "Meeting"),
    # -- Presentation (keys of the presentation window only: no menu) --------------------------
    A.NEXT_CASE: ActionSpec("Next case", None, ("Right", "Down", "PgDown", "Space")),
    A.PREVIOUS_CASE: ActionSpec("Previous case", None, ("Left", "Up", "PgUp", "Backspace")),
    A.TOGGLE_PRIVACY: ActionSpec("Privacy on/off", None, ("P",)),
    A.TOGGLE_TIMER: ActionSpec("Show/hide the clock", None, ("T",)),
    A.EXIT_PRESENTATION: ActionSpec("Leave presentation", None, ("Esc",)),
    # -- Help ----------------------------------------------------------------------------------
    A.SHORTCUTS: ActionSpec("&Keyboard shortcuts", "Help", ("F1",)),
    A.ABOUT: ActionSpec("&About NETboard", "Help"),
}

PRESENTATION_ACTIONS = (
    A.NEXT_CASE, A.PREVIOUS_CASE, A.TOGGLE_PRIVACY, A.TOGGLE_TIMER, A.EXIT_PRESENTATION,
)
"""Keys of the presentation window: registered without a place in the main window, so that
arrows and space keep working in the main window's tables and text fields."""
