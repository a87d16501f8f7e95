"""PDF export from the window: built in a worker thread, announced, never freezing the window."""

from __future__ import annotations

import threading
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QThread

from netboard.db import queries
from netboard.ui.actions import ActionId


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_meeting_summary_is_built_off_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store, ui_ids, tmp_path
):
    from netboard.reports import api

    exporter = main_window.exporter
    exporter.ask_after = False
    threads: list[int] = []
    progress: list[tuple[int, int]] = []
    exporter_progress = exporter._progress

    def build(path: Path, report) -> Path:  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return api.meeting_summary(ui_store, ui_ids.past_meeting, path, progress=report)

    exporter._progress = lambda done, total: (
        progress.append((done, total)),  # type: ignore[method-assign]
        exporter_progress(done, total),
    )
    target = tmp_path / "summary.pdf"
    with qtbot.waitSignal(exporter.exported, timeout=60_000) as done:
        assert exporter.start("Export meeting summary", target, build)
        assert exporter.busy
        assert not exporter.start("Second export", tmp_path / "other.pdf", build)
    assert done.args == [str(target)]
    assert threads and threads[0] != threading.get_ident()
    assert QThread.currentThread() is main_window.thread()
    alpha = queries.get_patient(ui_store, ui_ids.alpha)
    assert alpha.family_name in _text(target)
    qtbot.waitUntil(lambda: not exporter.busy)
    assert exporter.progress_dialog is None
    assert not (tmp_path / "other.pdf").exists()


def test_an_unwritable_folder_gives_a_message_and_no_file(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store, ui_ids, tmp_path
):
    from netboard.reports import api

    exporter = main_window.exporter
    target = tmp_path / "missing-folder" / "summary.pdf"
    with qtbot.waitSignal(exporter.failed, timeout=60_000) as failed:
        exporter.start(
            "Export meeting summary",
            target,
            lambda path, report: api.meeting_summary(ui_store, ui_ids.past_meeting, path),
        )
    assert "could not" in failed.args[0].lower()
    assert not target.exists()
    assert exporter.result_box is not None and exporter.result_box.isVisible()
    exporter.result_box.close()


def test_export_actions_are_in_the_file_menu_and_ask_for_context(  # type: ignore[no-untyped-def]
    qtbot, main_window
):
    file_menu = [a.text() for a in main_window.menu("File").actions()]
    for action_id in (
        ActionId.MEETING_SUMMARY_PDF,
        ActionId.MEETING_SUMMARY_DEIDENTIFIED_PDF,
        ActionId.PATIENT_HANDOUT_PDF,
        ActionId.CASE_SHEET_PDF,
    ):
        assert main_window.actions.action(action_id).text() in file_menu
    assert file_menu.index(main_window.actions.action(ActionId.CASE_SHEET_PDF).text()) < (
        file_menu.index(main_window.actions.action(ActionId.QUIT).text())
    )
    main_window.close_case()
    main_window.actions.action(ActionId.CASE_SHEET_PDF).trigger()
    assert "Open a patient's case first" in main_window.statusBar().currentMessage()
    assert not main_window.exporter.busy


def test_waiting_for_an_export_returns_without_the_event_loop(  # type: ignore[no-untyped-def]
    qtbot, main_window, tmp_path
):
    """Shutdown and the install self-check block in wait(); the worker thread must end by itself
    (its quit may not wait in the window's event queue, which nobody is running then)."""
    exporter = main_window.exporter
    exporter.ask_after = False

    def build(path: Path, report) -> Path:  # type: ignore[no-untyped-def]
        path.write_bytes(b"%PDF-1.4\n")
        return path

    assert exporter.start("Quick export", tmp_path / "quick.pdf", build)
    thread = exporter._thread
    assert thread is not None
    assert thread.wait(20_000), "the export thread only ends when the GUI loop runs"
    qtbot.waitUntil(lambda: not exporter.busy)


def test_from_the_meeting_screen_handouts_and_dated_summaries(  # type: ignore[no-untyped-def]
    qtbot, main_window, ui_store, ui_ids, monkeypatch
):
    """Issue 12: on the meeting screen 'Export handout' said 'Open a patient's case first', and
    the summary's default file name carried no date."""
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(main_window.exporter, "export",
                        lambda title, name, build: asked.append((title, name)))
    main_window.close_case()
    main_window.meetings.open_meeting(ui_ids.past_meeting)
    ws = main_window.meetings.workspace
    item = ws.snapshot.agenda[0]
    ws.open_discussion(item.discussion.id)
    main_window.actions.action(ActionId.PATIENT_HANDOUT_PDF).trigger()
    assert asked == [("Export patient plan handout", f"care-plan-{item.patient.mrn}.pdf")]
    main_window.actions.action(ActionId.MEETING_SUMMARY_PDF).trigger()
    day = ws.snapshot.meeting.starts_at.astimezone().date().isoformat()
    assert asked[-1] == ("Export meeting summary", f"meeting-summary-{day}.pdf")
