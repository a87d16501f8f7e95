"""The considerations of three demo patients at 1920x1080. For a patient resected and on
surveillance, an SSTR-positive midgut NET after progression on an SSA, and a metastatic NEC
(chosen from the demo database by those features), writes
considerations-<name>.png (the case workspace: overview and considerations panel) and
discussion-<name>.png (the same patient on the next meeting's agenda: the live-discussion options).
The demo database and the assessments are made for one fixed day (``--today``, default the demo's
own fixed day), so docs/considerations.md's worked examples and these screenshots show the same
patients on the same date; the chosen patients and their first options are printed as a summary.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tools.screenshots.session import Session, demo_window

SIZE = (1920, 1080)
PATIENTS = 300
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
    out_dir: Path, *, patients: int = PATIENTS, seed: int = 1, today: date | None = None
) -> list[Path]:
    with demo_window(out_dir, patients=patients, seed=seed, user="demo-chair", size=SIZE,
                     today=today) as s:  # fmt: skip
        chosen = pick_patients(s.store, s.day, s.context.catalog)
        _print_summary(s.store, chosen, s.day, s.context.catalog)
        missing = [k for k in KINDS if k not in chosen]
        if missing:
            raise RuntimeError(f"no demo patient shows: {', '.join(missing)}")
        window = s.window
        window.toggle_navigator()  # the board's view: the case, full width
        for kind in KINDS:
            workspace = window.open_case(chosen[kind])
            workspace.body.setSizes([1000, 920])  # room for the considerations
            workspace.left_split.setSizes([180, 900])
            s.save(window, f"considerations-{kind}.png")
        window.toggle_navigator()
        _discussions(s, chosen)
        return s.written


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


def _discussions(s: Session, chosen: dict[str, str]) -> None:
    """Put the three patients on the next meeting's agenda and shoot each live discussion."""
    from netboard.db import operations, queries

    meeting = s.next_meeting()
    on_agenda = {item.discussion.patient_id: item.discussion.id for item in
                 queries.get_meeting(s.store, meeting.id).agenda}  # fmt: skip
    items = {}
    for kind in KINDS:
        patient_id = chosen[kind]
        items[kind] = on_agenda.get(patient_id) or operations.add_to_agenda(
            s.store, meeting.id, patient_id, question=QUESTIONS[kind]
        )
    controller = s.window.meetings
    controller.open_meeting(meeting.id)
    ws = controller.workspace
    s.window.toggle_navigator()
    ws.tabs.setCurrentIndex(1)
    for kind in KINDS:
        ws.discussion.show_discussion(items[kind])
        panel = ws.discussion
        panel.left_tabs.setCurrentWidget(panel.options)
        s.save(s.window, f"discussion-{kind}.png")
