"""Sub-commands: ``netboard bundle export|import`` and ``netboard open BUNDLE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from netboard.db.store import Store


def register(commands: Any) -> None:
    bundle = commands.add_parser(
        "bundle",
        help="offline case bundles: take cases offline, bring the work back",
        description="Take a meeting's cases (or named patients) offline as one .nbx file, and "
        "merge the offline work back into this database (three-way merge by record).",
    )
    actions = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write a bundle of a meeting's or patients' cases")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", metavar="DATE|ID", help="the meeting (YYYY-MM-DD or its id)")
    which.add_argument("--patients", metavar="MRN[,MRN...]", help="patients by MRN")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.nbx")
    export.set_defaults(func=_cmd_export, existing=True)
    imp = actions.add_parser("import", help="merge a bundle's offline work into this database")
    imp.add_argument("path", type=Path, metavar="FILE.nbx")
    imp.add_argument(
        "--prefer",
        choices=("ours", "theirs"),
        help="resolve fields changed on both sides: ours = this database, theirs = the bundle",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="print what the import would do and change nothing"
    )
    imp.set_defaults(func=_cmd_import, existing=True)
    _register_fhir(commands)
    _register_lists(commands)
    opener = commands.add_parser(
        "open", help="open a bundle as a working database in the window (saved back on close)"
    )
    opener.add_argument("path", type=Path, metavar="FILE.nbx")
    opener.set_defaults(func=_cmd_open, no_store=True)


def _register_fhir(commands: Any) -> None:
    fhir = commands.add_parser(
        "fhir",
        help="mCODE FHIR R4: export a patient, import a Bundle",
        description="Export a patient's record as an mCODE-shaped FHIR R4 Bundle, or import a "
        "Bundle about one patient (created or updated by MRN) with a report per resource.",
    )
    actions = fhir.add_subparsers(dest="fhir_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write a patient's FHIR Bundle (JSON)")
    export.add_argument("mrn", metavar="MRN")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    export.set_defaults(func=_cmd_fhir_export, existing=True)
    imp = actions.add_parser("import", help="import a FHIR Bundle about one patient")
    imp.add_argument("path", type=Path, metavar="FILE.json")
    imp.add_argument("--dry-run", action="store_true", help="print the report, change nothing")
    imp.set_defaults(func=_cmd_fhir_import, existing=True)


def _cmd_fhir_export(args: argparse.Namespace, store: Store) -> int:
    from netboard.interchange.fhir_export import export_patient

    written = export_patient(store, args.mrn, args.output)
    print(f"Wrote {written}.")
    return 0


def _cmd_fhir_import(args: argparse.Namespace, store: Store) -> int:
    from netboard.interchange.fhir_import import import_fhir

    result = import_fhir(store, args.path, dry_run=args.dry_run)
    for line in result.report():
        print(line)
    if result.invalid:
        print(f"{len(result.invalid)} invalid resource(s): nothing was imported.", file=sys.stderr)
        return 1
    print(
        "Imported into " + store.display_url + "."
        if result.applied
        else "Dry run: nothing was changed."
    )
    return 0


def _register_lists(commands: Any) -> None:
    imp = commands.add_parser("import", help="import a patient list (CSV or XLSX)")
    kinds = imp.add_subparsers(dest="import_kind", metavar="WHAT", required=True)
    patients = kinds.add_parser(
        "patients",
        help="patients from a .csv or .xlsx with a header row",
        description="Columns are matched to patient fields by their header (MRN, Family name, "
        "Given name, Birth date, Sex, Status, ...). Rows with errors are skipped and listed "
        "(row, column, problem); the others are imported in one transaction.",
    )
    patients.add_argument("path", type=Path, metavar="FILE")
    patients.add_argument("--dry-run", action="store_true", help="check and list, change nothing")
    patients.set_defaults(func=_cmd_import_patients, existing=True)
    exp = commands.add_parser(
        "export", help="export lists (CSV/XLSX) or a meeting invitation (.ics)"
    )
    what = exp.add_subparsers(dest="export_kind", metavar="WHAT", required=True)
    for name, text in (
        ("patients", "the patient list"),
        ("followup", "open action items and overdue reviews"),
    ):
        sub = what.add_parser(name, help=f"{text} as .csv or .xlsx")
        sub.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
        sub.set_defaults(func=_cmd_export_list, existing=True)
    ics = what.add_parser("invitation", help="a meeting invitation (.ics) without patient data")
    ics.add_argument("--meeting", required=True, metavar="DATE|ID")
    ics.add_argument("--video", default="", metavar="URL", help="the video link")
    ics.add_argument("--minutes", type=int, default=60, help="duration (default 60)")
    ics.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ics")
    ics.set_defaults(func=_cmd_invitation, existing=True)


def _cmd_import_patients(args: argparse.Namespace, store: Store) -> int:
    from netboard.interchange import spreadsheet as ss

    table = ss.read_table(args.path)
    mapping = ss.guess_mapping(table.headers)
    plan = ss.plan_patients(store, table, mapping)
    columns = ", ".join(f"{h} -> {f}" for f, h in mapping.items())
    print(f"columns: {columns}")
    for line in plan.report():
        print(line)
    if args.dry_run:
        print("Dry run: nothing was changed.")
    else:
        done = ss.import_patients(store, plan, args.path.name) if plan.good else 0
        print(f"Imported {done} patient(s) into {store.display_url}.")
    return 0


def _cmd_export_list(args: argparse.Namespace, store: Store) -> int:
    from datetime import date

    from netboard.interchange import spreadsheet as ss

    written, count = ss.export_list(store, args.export_kind, args.output, date.today())
    print(f"Wrote {written} ({count} rows).")
    return 0


def _cmd_invitation(args: argparse.Namespace, store: Store) -> int:
    from netboard.db import queries
    from netboard.interchange.invitation import export_invitation

    meeting = queries.find_meeting(store, args.meeting)
    if meeting is None:
        raise ValueError(f"--meeting: no meeting '{args.meeting}' in {store.display_url}")
    written = export_invitation(
        store, meeting, args.output, minutes=args.minutes, video_url=args.video
    )
    print(f"Wrote {written}.")
    return 0


def _cmd_export(args: argparse.Namespace, store: Store) -> int:
    from netboard.db import queries
    from netboard.interchange.bundles import export_bundle

    meeting_id = None
    patient_ids: list[str] = []
    if args.meeting:
        meeting = queries.find_meeting(store, args.meeting)
        if meeting is None:
            raise ValueError(f"--meeting: no meeting '{args.meeting}' in {store.display_url}")
        meeting_id = meeting.id
    else:
        for mrn in (part.strip() for part in args.patients.split(",")):
            if not mrn:
                continue
            patient = queries.find_patient(store, mrn)
            if patient is None:
                raise ValueError(f"--patients: no patient with MRN '{mrn}'")
            patient_ids.append(patient.id)
    bundle = export_bundle(store, args.output, meeting_id=meeting_id, patient_ids=patient_ids)
    counts = {kind: len(rows) for kind, rows in bundle.base.items() if rows}
    print(
        f"Wrote {bundle.path}: {counts.get('patient', 0)} patients, {sum(counts.values())} records."
    )
    return 0


def _cmd_import(args: argparse.Namespace, store: Store) -> int:
    from netboard.interchange.bundles import import_bundle

    result = import_bundle(store, args.path, prefer=args.prefer, dry_run=args.dry_run)
    for line in result.report() or ["nothing changed in the bundle"]:
        print(line)
    if result.applied:
        print(f"Imported {args.path}: {result.steps} changes written to {store.display_url}.")
    else:
        print("Dry run: nothing was changed.")
    return 0


def _cmd_open(args: argparse.Namespace, _store: None) -> int:
    from netboard import cli, config
    from netboard.interchange.bundles import open_working_copy, save_working_copy

    store = open_working_copy(args.path, user=config.user_name())
    try:
        code = cli._run_gui(store, is_demo=False)
        saved = save_working_copy(store, args.path)
    finally:
        store.close()
    print(f"Saved the offline work into {saved}.", file=sys.stderr)
    return code
