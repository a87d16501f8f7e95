"""The main window: navigator (patients | meetings) on the left, workspace in the middle.

Menus and the toolbar are built from the action registry; the window's size, layout and the
navigator width are remembered in the context's QSettings. The meetings part
(``MainWindow.meetings``, a ``MeetingsController``) is built with the window and places itself
through ``set_meetings_navigator`` / ``add_workspace_page``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from netboard.ui.actions import MENU_ORDER, ActionId, ActionRegistry
from netboard.ui.change_bus import Change
from netboard.ui.meetings.controller import MeetingsController
from netboard.ui.views.patient_list import PatientListView
from netboard.ui.views.welcome import WelcomePage
from netboard.ui.window_parts import (
    CurrentPageStack,
    about_html,
    default_window_size,
    fitting_scroll_area,
    keep_on_screen,
    recent_databases,
)

if TYPE_CHECKING:
    from netboard.ui.context import AppContext
    from netboard.ui.views.case_workspace import CaseWorkspace

DEMO_BANNER = (
    "DEMO DATABASE \u2014 every patient here is synthetic and fictional. Not for clinical use."
)


class MainWindow(QMainWindow):
    """The window a physician prepares cases in and the board looks at."""

    case_opened = Signal(str)
    """A case was shown in the workspace (patient id)."""

    actions: ActionRegistry  # type: ignore[assignment]
    """The action registry. It hides QWidget.actions(); use QWidget.actions(window) for that."""

    def __init__(
        self,
        context: AppContext,
        *,
        open_database: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self._open_database_cb = open_database
        self.case_workspace: CaseWorkspace | None = None
        self._menus: dict[str, QMenu] = {}
        self._remembered_geometry = False
        self.setObjectName("mainWindow")
        self.setWindowTitle(self._title())

        self._build_bars()
        self._build_central()
        self._build_status_bar()
        self._register_actions()
        self._wire_undo()
        context.bus.changed.connect(self._on_change)
        context.operations.failed.connect(self._replay_failed)
        self.meetings = MeetingsController(self, context)
        self.resize(default_window_size(self.screen()))
        self.restore_layout()

    def _build_bars(self) -> None:
        """The action registry, the toolbar and the menus in their order."""
        self.actions = ActionRegistry(self)
        self.actions.registered.connect(self._place_action)
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        for name in MENU_ORDER:
            self.menu(name)

    def _build_central(self) -> None:
        """Demo banner over the navigator (patients | meetings) beside the workspace."""
        self.demo_banner = QLabel(DEMO_BANNER)
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.setVisible(self.context.is_demo)

        self.navigator = QTabWidget()
        self.navigator.setObjectName("navigator")
        self.patient_list = PatientListView(self.context)
        self.patient_list.patient_activated.connect(self.open_case)
        self.patient_list.new_patient_requested.connect(self.new_patient)
        self.navigator.addTab(self.patient_list, "&Patients")

        self.workspace = CurrentPageStack()
        self.workspace.setObjectName("workspace")
        self.welcome = WelcomePage(self.context)
        self.welcome.patient_requested.connect(self.open_case)
        self.workspace.addWidget(self.welcome)

        # A page wider or taller than the screen scrolls instead of growing the window past it.
        self.workspace_scroll = fitting_scroll_area(self.workspace)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.workspace_scroll)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        width = default_window_size(self.screen()).width()
        self.splitter.setSizes([min(460, width * 3 // 10), width - min(460, width * 3 // 10)])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        self._database_label = QLabel()
        self._database_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self._database_label)
        self._update_database_label()

    # -- public API ---------------------------------------------------------------------------

    def open_case(self, patient_id: str) -> CaseWorkspace:
        """Show the case of ``patient_id`` (the workspace and matplotlib load on first use)."""
        from netboard.ui.views.case_workspace import CaseWorkspace

        if self.case_workspace is None:
            self.case_workspace = CaseWorkspace(self.context, self.actions)
            self.case_workspace.closed.connect(self.close_case)
            self.case_workspace.patient_edit_requested.connect(self.edit_patient)
            self.workspace.addWidget(self.case_workspace)
        self.case_workspace.show_patient(patient_id)
        self.workspace.setCurrentWidget(self.case_workspace)
        self.patient_list.show_selected(patient_id)
        self._set_case_actions_enabled(True)
        self.case_opened.emit(patient_id)
        return self.case_workspace

    def close_case(self) -> None:
        self.workspace.setCurrentWidget(self.welcome)
        self._set_case_actions_enabled(False)

    @property
    def current_patient_id(self) -> str | None:
        if (
            self.case_workspace is not None
            and self.workspace.currentWidget() is self.case_workspace
        ):
            return self.case_workspace.patient_id
        return None

    def open_meeting(self, meeting_id: str) -> None:
        """Show a meeting in the meetings workspace."""
        self.navigator.setCurrentIndex(1)
        self.meetings.open_meeting(meeting_id)

    def set_meetings_navigator(self, widget: QWidget) -> None:
        """Put the meetings list in the navigator's second tab."""
        self.navigator.insertTab(1, widget, "&Meetings")

    def add_workspace_page(self, widget: QWidget) -> None:
        self.workspace.addWidget(widget)

    def show_workspace_page(self, widget: QWidget) -> None:
        if self.workspace.indexOf(widget) < 0:
            self.workspace.addWidget(widget)
        self.workspace.setCurrentWidget(widget)
        self._set_case_actions_enabled(widget is self.case_workspace)

    def menu(self, name: str) -> QMenu:
        """The menu called ``name`` (created at the end of the menu bar if new)."""
        found = self._menus.get(name)
        if found is None:
            found = self.menuBar().addMenu(f"&{name}")
            found.setObjectName(f"menu{name}")
            self._menus[name] = found
        return found

    def new_patient(self) -> None:
        from netboard.ui.dialogs.patient_form import PatientForm

        form = PatientForm(self.context, None, parent=self)
        form.saved.connect(self.open_case)
        form.open()

    def edit_patient(self, patient_id: str | None = None) -> None:
        from netboard.db import queries
        from netboard.ui.dialogs.patient_form import PatientForm

        patient_id = patient_id or self.current_patient_id
        if patient_id is None:
            self.statusBar().showMessage("Open a patient first, then edit them.", 5000)
            return
        patient = queries.get_case(self.context.store, patient_id).patient
        PatientForm(self.context, patient, parent=self).open()

    def open_database_file(self, path: str) -> MainWindow | None:
        """Ask the application to switch to another database (remembered in recent files);
        the new window, or None when the file could not be opened."""
        if self._open_database_cb is None:
            QMessageBox.information(
                self,
                "Open database",
                "Opening another database is not "
                "possible from here; restart NETboard with that file.",
            )
            return None
        if path.endswith(".nbx"):  # an offline bundle opens as its working copy
            from netboard.interchange.bundles import BundleError, prepare_working_copy

            try:
                path = str(prepare_working_copy(Path(path), user=self.context.store.user))
            except (BundleError, OSError) as exc:
                box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open bundle", str(exc),
                                  QMessageBox.StandardButton.Ok, self)
                box.setObjectName("openBundleError")
                box.open()
                return None
        opened = self._open_database_cb(path)
        return opened if isinstance(opened, MainWindow) else None

    # -- layout memory ------------------------------------------------------------------------

    def save_layout(self) -> None:
        settings = self.context.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/navigator_tab", self.navigator.currentIndex())
        if self.case_workspace is not None:
            self.case_workspace.save_layout(settings)
        settings.sync()

    def restore_layout(self) -> None:
        settings = self.context.settings
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
            keep_on_screen(self)  # remembered on another (larger) screen: brought inside this one
            self._remembered_geometry = True
        state = settings.value("window/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray | bytes):
            self.splitter.restoreState(QByteArray(splitter))
        tab = str(settings.value("window/navigator_tab", 0))
        self.navigator.setCurrentIndex(int(tab) if tab.isdigit() else 0)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._remembered_geometry:  # again now that the frame (title bar, borders) is known
            self._remembered_geometry = False
            keep_on_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.exporter.wait()  # a PDF being written is finished, never left half-written
        self.save_layout()
        super().closeEvent(event)

    # -- actions and menus --------------------------------------------------------------------

    def _install_export(self) -> None:
        """File → Export: PDFs of the open meeting or case, built off the GUI thread."""
        from netboard.ui.export import PdfExporter, install_export_actions

        self.exporter = PdfExporter(self, self.context)

        install_export_actions(
            self.actions,
            self.exporter,
            current_meeting=self._current_meeting,
            current_patient=self._patient_for_export,
            show_message=lambda text: self.statusBar().showMessage(text, 6000),
        )

    def _patient_for_export(self) -> str | None:
        """The open case's patient, or on the meeting screen the patient of the case shown."""
        if self.current_patient_id is not None:
            return self.current_patient_id
        workspace = self.meetings.built_workspace
        if workspace is None or self.workspace.currentWidget() is not workspace:
            return None
        item = workspace.discussion.item
        return str(item.patient.id) if item is not None else None

    def _install_bundles(self) -> None:
        """File → Take cases offline / Bring offline work back (netboard.ui.bundle_actions)."""
        from netboard.ui.bundle_actions import install_bundle_actions

        self.bundles = install_bundle_actions(
            self.actions, self, self.context,
            current_meeting=self._current_meeting,
            current_patient=self._patient_for_export,
        )

    def _current_meeting(self) -> str | None:
        """The meeting open in the meetings workspace (None before the part exists or any
        meeting was opened)."""
        meetings: MeetingsController | None = getattr(self, "meetings", None)
        workspace = None if meetings is None else meetings.built_workspace
        return None if workspace is None else workspace.meeting_id

    def _register_actions(self) -> None:
        reg = self.actions
        reg.register(ActionId.OPEN_DATABASE, self._choose_database)
        self._recent_menu = QMenu("Open &recent", self)
        self._recent_menu.setObjectName("menuRecent")
        self._recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.menu("File").addMenu(self._recent_menu)
        self._install_export()
        self._install_bundles()
        from netboard.ui.store_actions import install_store_actions

        install_store_actions(self)
        undo = self.context.undo_stack
        for action_id, slot in (
            (ActionId.QUIT, self.close),
            (ActionId.UNDO, undo.undo),
            (ActionId.REDO, undo.redo),
            (ActionId.FIND, self._focus_search),
            (ActionId.NEW_PATIENT, self.new_patient),
            (ActionId.EDIT_PATIENT, lambda: self.edit_patient(None)),
            (ActionId.SHOW_PATIENTS, lambda: self._show_navigator(0)),
            (ActionId.SHOW_MEETINGS, lambda: self._show_navigator(1)),
            (ActionId.TOGGLE_NAVIGATOR, self.toggle_navigator),
            (ActionId.SHORTCUTS, self._show_shortcuts),
            (ActionId.ABOUT, self._show_about),
        ):
            reg.register(action_id, slot)
        self._set_case_actions_enabled(False)

    def _place_action(self, action_id: ActionId) -> None:
        spec = self.actions.spec(action_id)
        action = self.actions.action(action_id)
        self.addAction(action)  # shortcuts work even when the action sits in no menu
        if spec.menu is not None:
            menu = self.menu(spec.menu)
            if action not in menu.actions():
                if spec.separator_before and menu.actions():
                    menu.addSeparator()
                menu.addAction(action)
        if spec.toolbar and action not in self.toolbar.actions():
            self.toolbar.addAction(action)

    def _set_case_actions_enabled(self, enabled: bool) -> None:
        case_ids = (ActionId.EDIT_PATIENT,)
        for action_id in case_ids:
            if self.actions.has(action_id):
                self.actions.action(action_id).setEnabled(enabled)
        if self.case_workspace is not None:
            self.case_workspace.set_actions_enabled(enabled)

    def _wire_undo(self) -> None:
        # Bound methods (not lambdas): the stack belongs to the context and may outlive this
        # window; Qt drops connections to a destroyed receiver, but never to a lambda.
        stack = self.context.undo_stack
        stack.canUndoChanged.connect(self.actions.action(ActionId.UNDO).setEnabled)
        stack.canRedoChanged.connect(self.actions.action(ActionId.REDO).setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)

    def _undo_text_changed(self, text: str) -> None:
        self.actions.action(ActionId.UNDO).setText(f"&Undo {text}" if text else "&Undo")

    def _redo_text_changed(self, text: str) -> None:
        self.actions.action(ActionId.REDO).setText(f"&Redo {text}" if text else "&Redo")

    def _replay_failed(self, failure: object) -> None:
        from netboard.ui.dialogs.messages import show_replay_failure

        show_replay_failure(self, failure)  # type: ignore[arg-type]

    def toggle_navigator(self) -> None:
        self.navigator.setVisible(not self.navigator.isVisible())

    def _focus_search(self) -> None:
        self.navigator.setVisible(True)
        self._show_navigator(0)
        self.patient_list.focus_search()

    def _show_navigator(self, index: int) -> None:
        self.navigator.setCurrentIndex(index)
        self.navigator.currentWidget().setFocus()

    def _choose_database(self) -> None:
        start = str(Path(self._database_path() or Path.home()).parent)
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Open NETboard database",
            start,
            "NETboard database or case bundle (*.db *.sqlite *.nbx);;All files (*)",
        )
        if path:
            self.open_database_file(path)

    def _fill_recent_menu(self) -> None:
        self._recent_menu.clear()
        recent = recent_databases(self.context.settings)
        if not recent:
            none = self._recent_menu.addAction("(none yet)")
            none.setEnabled(False)
            return
        for path in recent:
            action = self._recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_database_file(p))

    def _show_shortcuts(self) -> None:
        from netboard.ui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog(self.actions.shortcut_table(), parent=self).open()

    def _show_about(self) -> None:
        QMessageBox.about(self, "About NETboard", about_html(self.context))

    # -- status ---------------------------------------------------------------------------------

    def _database_path(self) -> str | None:
        url = self.context.store.url
        if url.startswith("sqlite:///"):
            return url.removeprefix("sqlite:///")
        return None

    def _title(self) -> str:
        name = Path(self._database_path() or "").name or self.context.store.url
        suffix = " (demo)" if self.context.is_demo else ""
        # Qt appends the application display name ("— NETboard") itself.
        return f"{name}{suffix}"

    def _update_database_label(self) -> None:
        path = self._database_path()
        where = Path(path).name if path else self.context.store.url.split("@")[-1]
        self._database_label.setText(f"{where}  \u00b7  {self.context.store.user}")
        self._database_label.setToolTip(path or self.context.store.url)

    def _on_change(self, change: Change) -> None:
        if change.action == "reload":
            self.statusBar().showMessage("Reloaded from the database.", 4000)
