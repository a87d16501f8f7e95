"""Pieces of the case workspace on their own: the considerations list, the overview, run_gui."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from netboard.db import queries
from netboard.domain.board.considerations_html import burden_html, signal_html
from netboard.domain.board.overview_html import overview_html
from netboard.domain.catalog import load_catalog
from netboard.domain.considerations import Signal
from netboard.domain.vocab import SignalDirection
from netboard.ui.views.considerations import ConsiderationsView
from tests.ui.conftest import TODAY


def test_signal_shows_its_source_and_the_unverified_mark(qapp) -> None:
    verified = Signal("x.rule", SignalDirection.SUPPORTS, "SSTR uptake above liver", "NETTER-1")
    flagged = Signal(
        "y.rule",
        SignalDirection.CAUTION,
        "Ki-67 cut-off",
        "Small series",
        unverified=True,
        blocking=False,
    )
    view = ConsiderationsView()
    view.setHtml(f"<ul>{signal_html(verified)}{signal_html(flagged)}</ul>")
    text = view.toPlainText()
    assert "for SSTR uptake above liver" in text and "Source: NETTER-1" in text
    assert "caution Ki-67 cut-off" in text and "unverified" in text
    assert "unverified" not in signal_html(verified)


def test_each_option_says_what_it_asks_of_the_patient_and_where(qapp) -> None:
    """Route, how often, side effects, where; only the facts the reference lacks are flagged."""
    view = ConsiderationsView()
    catalog = load_catalog()
    view.setHtml(f"<p>x{burden_html(catalog.get('ssa_lanreotide'))}</p>")
    text = " ".join(view.toPlainText().split())
    assert text == (
        "x For the patient: An injection deep under the skin. Every 28 days, for as long as it "
        "keeps the disease under control. Side effects: Stomach cramps, loose or fatty stools "
        "and wind, mostly in the first weeks; gallstones over time. unverified Available near "
        "home: A nurse at a clinic near home, or at home, does the injection."
    )
    view.setHtml(f"<p>x{burden_html(catalog.get('prrt_lu177_dotatate'))}</p>")
    prrt = " ".join(view.toPlainText().split())
    assert "Specialized center only: Nuclear medicine at the specialized center" in prrt
    assert "unverified" not in prrt  # every PRRT burden fact is in the reference


def test_case_considerations_list_every_signal_with_a_source(
    qapp, ui_store, ui_ids, ui_context
) -> None:
    """Options that apply show their own reasons with sources; reasons alike for several options
    are said once; options not applicable now are folded with one reason each; rule ids appear
    only in the details view."""
    from netboard.domain.considerations import considerations

    case = queries.get_case(ui_store, ui_ids.alpha)
    assessment = considerations(case, TODAY, ui_context.catalog)
    view = ConsiderationsView()
    view.set_assessment(assessment)
    text = view.toPlainText()
    shown = [a for a in assessment.options if a.applicable and a.tier != 2]
    own = [s for a in shown for s in assessment.own_signals(a)]
    assert own, "the engine found nothing to say about this case"
    expected = len(own) + len(assessment.shared)
    expected += len(assessment.case_signals) + len(assessment.readiness)
    assert text.count("Source:") == expected
    first = assessment.options[0]
    assert f"1. {first.option.name}" in text and first.rank_reason in text
    folded = [a for a in assessment.options if not a.applicable]
    assert folded and f"Not applicable now ({len(folded)})" in text
    for assessed in folded:
        assert text.count(f"{assessed.option.name} \u2014 ") == 1
    rule_ids = {s.rule_id for a in assessment.options for s in a.signals}
    assert not any(rule_id in text for rule_id in rule_ids)
    if any(s.unverified for s in own):
        assert "unverified" in text
    assert "Grade drift" in text  # G1 -> G2 in this synthetic history
    view.set_details(True)
    detailed = view.toPlainText()
    assert all(f"rule {s.rule_id}" in detailed for s in own)


def test_overview_of_a_deceased_patient_has_no_overdue_review(
    qapp, ui_store, ui_ids, ui_context
) -> None:
    case = queries.get_case(ui_store, ui_ids.delta)
    html = overview_html(case, TODAY, ui_context.catalog)
    assert html["review"] == "none (patient deceased)"
    assert html["therapy"] == "none recorded"
    assert html["sstr"] == "not done"


def test_run_gui_shows_the_window_and_returns_on_quit(
    qapp, ui_store, ui_ids, tmp_path, monkeypatch
) -> None:
    from netboard.db.store import Store
    from netboard.ui import app as ui_app
    from netboard.ui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    seen: list[str] = []

    def look_and_quit() -> None:
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        seen.extend(w.windowTitle() for w in windows)
        for window in windows:
            window.close()
        QApplication.quit()

    QTimer.singleShot(0, look_and_quit)
    store = Store.open(ui_store.url, user="dr-gui")
    assert ui_app.run_gui(store, is_demo=True) == 0
    # Qt shows "ui.sqlite (demo) — NETboard": it appends the application display name itself.
    assert seen == ["ui.sqlite (demo)"]


def test_welcome_page_lists_overdue_reviews_and_follows_changes(
    qtbot, main_window, ui_store, ui_ids
) -> None:
    from datetime import UTC, datetime, timedelta

    from netboard.db import operations as db_ops
    from netboard.domain.vocab import MeetingStatus, PatientStatus

    # A finalized board set Delta's review for ten days ago; Delta is recorded as deceased.
    meeting = db_ops.create(
        ui_store,
        "meeting",
        {"starts_at": datetime.now(UTC) - timedelta(days=90), "title": "Earlier board"},
    )
    discussion = db_ops.add_to_agenda(ui_store, meeting, ui_ids.delta, question="Review?")
    db_ops.create(
        ui_store,
        "decision",
        {
            "discussion_id": discussion,
            "recommendation": "Surveillance",
            "next_review": TODAY - timedelta(days=10),
        },
    )
    db_ops.set_meeting_status(ui_store, meeting, MeetingStatus.IN_SESSION)
    db_ops.set_meeting_status(ui_store, meeting, MeetingStatus.FINALIZED)
    welcome = main_window.welcome
    assert main_window.workspace.currentWidget() is welcome
    welcome.refresh()
    assert welcome.due_list.count() == 0  # deceased patients have no reviews due
    assert welcome.due_title.text() == "<b>No reviews are past their date.</b>"

    delta = queries.get_case(ui_store, ui_ids.delta).patient
    main_window.context.operations.update(
        "patient",
        delta.id,
        {"status": PatientStatus.FOLLOW_UP},
        expected_version=delta.version,
        text="Status",
        patient_id=delta.id,
        before={"status": delta.status},
    )
    assert welcome.due_list.count() == 1
    assert welcome.due_list.item(0).text().startswith("Mockname, Delta")
    assert "review was due 23 May 2025" in welcome.due_list.item(0).text()
    with qtbot.waitSignal(main_window.case_opened, timeout=5000) as opened:
        welcome.due_list.itemActivated.emit(welcome.due_list.item(0))
    assert opened.args == [ui_ids.delta]
