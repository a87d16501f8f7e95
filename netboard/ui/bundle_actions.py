"""File → "Take cases offline…" and "Bring offline work back…"; a bundle's working copy saves
itself back into the bundle when its window closes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from netboard.interchange.bundle_file import SUFFIX, bundle_of_working_copy
from netboard.interchange.merge import RECORD, MergePlan, Side
from netboard.ui.actions import ActionId, ActionRegistry
from netboard.ui.bundle_dialogs import ConflictDialog, ImportReportDialog, show_message, value_text
from netboard.ui.change_bus import RELOAD_ALL
from netboard.ui.context import AppContext

FILTER = "NETboard case bundle (*.nbx)"


class BundleActions(QObject):
    """The check-out and check-in flows of the window (dialogs opened window-modal)."""

    def __init__(
        self,
        window: QWidget,
        context: AppContext,
        *,
        current_meeting: Callable[[], str | None],
        current_patient: Callable[[], str | None],
    ) -> None:
        super().__init__(window)
        self.window, self.context = window, context
        self.current_meeting, self.current_patient = current_meeting, current_patient
        self.conflict_dialog: ConflictDialog | None = None
        self.report_dialog: ImportReportDialog | None = None
        self.message_box: QMessageBox | None = None
        self.lists: Any = None
        """Patient-list import, list exports and the invitation (netboard.ui.list_actions)."""
        self.fhir: Any = None
        """The FHIR export/import flows (netboard.ui.fhir_actions), installed beside these."""

    # -- check out -------------------------------------------------------------------------

    def take_offline(self) -> None:
        from netboard.db import queries

        store = self.context.store
        choices: list[tuple[str, str | None, str | None]] = []
        meeting_id, patient_id = self.current_meeting(), self.current_patient()
        for meeting in queries.list_meetings(store, upcoming=True):
            if meeting.id == meeting_id or meeting_id is None:
                text = f"Meeting {meeting.starts_at.astimezone():%Y-%m-%d %H:%M}: {meeting.title}"
                choices.append((text, meeting.id, None))
        if patient_id is not None:
            patient = queries.get_patient(store, patient_id)
            choices.insert(
                0, (f"Case of {patient.family_name}, {patient.given_name}", None, patient_id)
            )
        if not choices:
            self._tell("Take cases offline", "Open a meeting or a case first.")
            return
        picked, ok = QInputDialog.getItem(
            self.window, "Take cases offline", "Take offline:", [c[0] for c in choices], 0, False
        )
        if not ok:
            return
        _text, chosen_meeting, chosen_patient = next(c for c in choices if c[0] == picked)
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Take cases offline", str(Path.home() / "board-prep.nbx"), FILTER
        )
        if path:
            self.export_to(Path(path), meeting_id=chosen_meeting, patient_id=chosen_patient)

    def export_to(self, path: Path, *, meeting_id: str | None, patient_id: str | None) -> Path:
        from netboard.interchange import bundles

        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        bundle = bundles.export_bundle(
            self.context.store,
            path,
            meeting_id=meeting_id,
            patient_ids=[patient_id] if patient_id else (),
        )
        patients = len(bundle.base.get("patient", []))
        self._tell(
            "Cases taken offline",
            f"Wrote {bundle.path} ({patients} patient(s)). On the laptop: File → Open that file "
            "(or `netboard open` it); bring the work back here with File → Bring offline work "
            "back\u2026",
        )
        return bundle.path

    # -- check in --------------------------------------------------------------------------

    def bring_back(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Bring offline work back", str(Path.home()), FILTER
        )
        if path:
            self.review(Path(path))

    def review(self, path: Path) -> None:
        """Plan the merge; show the conflicts to choose, or a preview to confirm."""
        from netboard.interchange import bundles

        try:
            bundle = bundles.read_bundle(path)
            plan = bundles.plan_import(self.context.store, bundle)
        except (bundles.BundleError, OSError) as exc:
            self._tell("Bundle refused", str(exc), warning=True, name="bundleRefused")
            return
        dialog: QDialog
        if plan.conflicts:
            conflicts = ConflictDialog(plan, path.name, self.window)
            conflicts.accepted.connect(lambda: self.apply(path, plan, conflicts.choices()))
            self.conflict_dialog = dialog = conflicts
        else:
            preview = ImportReportDialog(
                "Bring offline work back",
                f"Importing {path.name} will:",
                plan.report(),
                preview=True,
                parent=self.window,
            )
            preview.accepted.connect(lambda: self.apply(path, plan, {}))
            self.report_dialog = dialog = preview
        dialog.resize(1100, 600)
        dialog.open()

    def apply(self, path: Path, plan: MergePlan, choices: dict[str, dict[str, Side]]) -> None:
        from netboard.db.errors import DbError
        from netboard.domain.validation import ValidationError
        from netboard.interchange import bundles

        try:
            result = bundles.import_bundle(self.context.store, path, choices=choices)
        except (bundles.BundleError, ValidationError, DbError, ValueError) as exc:
            self._tell(
                "Import not done",
                f"Nothing was imported: {exc}",
                warning=True,
                name="bundleImportFailed",
            )
            return
        self.context.undo_stack.clear()  # earlier steps may no longer apply to the merged data
        self.context.bus.announce(RELOAD_ALL)
        summary = (
            f"Imported {path.name}: {result.steps} change(s) written in one transaction and "
            "recorded in the audit log."
        )
        dialog = ImportReportDialog(
            "Offline work brought back",
            summary,
            _resolved_report(result.plan, choices),
            preview=False,
            parent=self.window,
        )
        self.report_dialog = dialog
        dialog.open()

    def _tell(self, title: str, text: str, *, warning: bool = False, name: str = "") -> None:
        self.message_box = show_message(
            self.window, title, text, warning=warning, name=name or "bundleMessage"
        )


def _resolved_report(plan: MergePlan, choices: dict[str, dict[str, Side]]) -> list[str]:
    lines = [c.description for c in plan.changes]
    for conflict in plan.conflicts:
        picked = choices.get(conflict.key, {})
        lines.append(f"resolved {conflict.title}:")
        if conflict.deleted_by is not None:
            side = picked.get(RECORD, "ours")
            deleted = side == conflict.deleted_by
            lines.append(f"    the record: {'deleted' if deleted else 'kept'}")
            continue
        for d in conflict.fields:
            side = picked.get(d.field, "ours") if d.contested else (d.changed_by or "ours")
            value = d.theirs if side == "theirs" else d.ours
            where = "from the bundle" if side == "theirs" else "kept from the board"
            lines.append(f"    {d.label}: {value_text(value)} ({where})")
    return lines + list(plan.notes)


class _SaveOnClose(QObject):
    """Writes a working copy back into its bundle when the window closes."""

    def __init__(self, window: QWidget, context: AppContext, bundle_path: Path) -> None:
        super().__init__(window)
        self.context, self.bundle_path = context, bundle_path

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Close:
            save_back(self.context, self.bundle_path)
        return False


def save_back(context: AppContext, bundle_path: Path) -> None:
    from netboard.interchange import bundles

    bundles.save_working_copy(context.store, bundle_path)


def install_bundle_actions(
    actions: ActionRegistry,
    window: QWidget,
    context: AppContext,
    *,
    current_meeting: Callable[[], str | None],
    current_patient: Callable[[], str | None],
) -> BundleActions:
    flows = BundleActions(
        window, context, current_meeting=current_meeting, current_patient=current_patient
    )
    actions.register(ActionId.TAKE_OFFLINE, flows.take_offline)
    actions.register(ActionId.BRING_BACK, flows.bring_back)
    from netboard.ui.fhir_actions import install_fhir_actions
    from netboard.ui.list_actions import install_list_actions

    flows.fhir = install_fhir_actions(actions, window, context, current_patient)
    flows.lists = install_list_actions(actions, window, context, current_meeting)
    bundle_path = bundle_of_working_copy(context.store)  # the bundle code loads when used
    if bundle_path is not None:
        window.installEventFilter(_SaveOnClose(window, context, bundle_path))
    return flows
