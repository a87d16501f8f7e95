"""Render the considerations of three demo patients offscreen at 1920x1080 (synthetic data only).

    python -m netboard.ui.considerations_screenshots docs/screenshots --today 2026-11-27

For a patient resected and on surveillance, an SSTR-positive midgut NET after progression on an
SSA, and a metastatic NEC (chosen from the demo database by those features), writes
considerations-<name>.png (the case workspace: overview and considerations panel) and
discussion-<name>.png (the same patient on the next meeting's agenda: the live-discussion options).
The demo database and the assessments are made for one fixed day (``--today``, default the demo's
own fixed day), so docs/considerations.md's worked examples and these screenshots show the same
patients on the same date; the chosen patients and their first options are printed as a summary.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

SIZE = (1920, 1080)
KINDS = ("surveillance", "midgut-after-ssa", "metastatic-nec")
QUESTIONS = {
    "surveillance": "Resected, no evidence of disease: follow-up interval?",
    "midgut-after-ssa": "Progression on the somatostatin analog: next line?",
    "metastatic-nec": "Metastatic NEC: next systemic line?",
}


def _kind(assessment: Any, facts: Any) -> str:
    """Which of the three situations a living patient's case shows (empty when none)."""
    if facts.status.value == "deceased" or any(
        c.reason_ended is not None and c.reason_ended.value == "death" for c in facts.courses
    ):
        return ""
    first = assessment.options[0].option.id
    rules = {s.rule_id for s in assessment.option(first).signals if s.direction.value == "supports"}
    if first == "surveillance" and "surveillance.after_resection" in rules:
        return "surveillance"
    if first == "prrt_lu177_dotatate" and "prrt.netter1_midgut" in rules:
        return "midgut-after-ssa"
    if facts.nec and facts.extent.advanced:
        return "metastatic-nec"
    return ""


def pick_patients(store: Any, today: date, catalog: Any) -> dict[str, str]:
    """One patient id per situation: the first by MRN that shows it (for NEC, the first whose
    list opens with platinum-etoposide when there is one)."""
    from netboard.db import queries
    from netboard.domain.considerations import considerations
    from netboard.domain.rules.facts import build_facts

    found: dict[str, str] = {}
    page = queries.list_patients(store, sort="mrn", limit=1000)
    for row in page.rows:
        case = queries.get_case(store, row.id)
        assessment = considerations(case, today, catalog)
        kind = _kind(assessment, build_facts(case, today, catalog))
        platinum = assessment.options[0].option.id == "platinum_etoposide"
        if kind and (kind not in found or (kind == "metastatic-nec" and platinum)):
            if kind == "metastatic-nec" and kind in found and not platinum:
                continue
            found[kind] = row.id
    return found


def render(
    out_dir: Path, *, patients: int = 300, seed: int = 1, today: date | None = None
) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from netboard.db.store import Store
    from netboard.demo import DEMO_TODAY, write_demo

    day = today or DEMO_TODAY
    from netboard.ui.app import apply_style, build_main_window
    from netboard.ui.context import build_context

    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_style(app)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'demo.sqlite'}", user="demo-chair")
        write_demo(store, patients, seed, day)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        context = build_context(store, is_demo=True, settings=settings, today=lambda: day)
        chosen = pick_patients(store, day, context.catalog)
        _print_summary(store, chosen, day, context.catalog)
        missing = [k for k in KINDS if k not in chosen]
        if missing:
            raise RuntimeError(f"no demo patient shows: {', '.join(missing)}")
        window = build_main_window(context)
        window.resize(*SIZE)
        window.show()
        window.toggle_navigator()  # the board's view: the case, full width
        for kind in KINDS:
            workspace = window.open_case(chosen[kind])
            workspace.body.setSizes([1000, 920])  # room for the considerations
            workspace.left_split.setSizes([180, 900])
            written.append(_save(window, out_dir / f"considerations-{kind}.png", app))
        window.toggle_navigator()
        written += _discussions(window, store, chosen, out_dir, app, day)
        window.close()
        store.close()
    return written


def _print_summary(store: Any, chosen: dict[str, str], day: date, catalog: Any) -> None:
    """Who was chosen and their first options (what docs/considerations.md describes)."""
    from netboard.db import queries
    from netboard.domain.considerations import considerations

    print(f"assessed on {day.isoformat()}")
    for kind in KINDS:
        case = queries.get_case(store, chosen[kind])
        assessment = considerations(case, day, catalog)
        print(f"{kind}: {case.patient.mrn} ({case.patient.display_name})")
        for assessed in assessment.options[:4]:
            print(f"  {assessed.rank}. {assessed.option.name}: {assessed.rank_reason}")
        folded = sum(1 for a in assessment.options if not a.applicable)
        print(f"  not applicable now: {folded} of {len(assessment.options)}")


def _discussions(
    window: Any, store: Any, chosen: dict[str, str], out_dir: Path, app: Any, day: date
) -> list[Path]:
    """Put the three patients on the next meeting's agenda and shoot each live discussion."""
    from netboard.db import operations, queries

    now = datetime.combine(day, time(9, 0), tzinfo=UTC)
    meeting = queries.next_meeting(store, now)
    if meeting is None:
        raise RuntimeError("the demo database has no upcoming meeting")
    on_agenda = {item.discussion.patient_id: item.discussion.id for item in
                 queries.get_meeting(store, meeting.id).agenda}  # fmt: skip
    items = {}
    for kind in KINDS:
        patient_id = chosen[kind]
        items[kind] = on_agenda.get(patient_id) or operations.add_to_agenda(
            store, meeting.id, patient_id, question=QUESTIONS[kind]
        )
    controller = window.meetings
    controller.open_meeting(meeting.id)
    ws = controller.workspace
    window.toggle_navigator()
    ws.tabs.setCurrentIndex(1)
    written = []
    for kind in KINDS:
        ws.discussion.show_discussion(items[kind])
        panel = ws.discussion
        panel.left_tabs.setCurrentWidget(panel.options)
        written.append(_save(window, out_dir / f"discussion-{kind}.png", app))
    return written


def _save(widget: Any, path: Path, app: Any) -> Path:
    for _ in range(6):
        app.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default="docs/screenshots", type=Path)
    parser.add_argument("--patients", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: demo day)"
    )
    args = parser.parse_args(argv)
    for path in render(args.out_dir, patients=args.patients, seed=args.seed, today=args.today):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
