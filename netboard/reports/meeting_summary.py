"""The meeting summary: attendance and accreditation fields, then every case as it was discussed.

A de-identified variant prints each patient as initials and agenda number only: every free text
(questions, notes, addenda, option ids, the charts' agents and findings) goes through the meeting's
de-identifier (``netboard.domain.privacy``), which removes the names, MRNs and birth dates of every
agenda patient. Staff fields (chair, attendance, presenter, owners, authors) print as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from netboard.domain.catalog import Catalog, load_catalog
from netboard.domain.demo_data import any_demo
from netboard.domain.meeting_records import case_for_meeting, records_rule
from netboard.domain.privacy import Scrub, keep, meeting_deidentifier
from netboard.domain.snapshot import (
    Addendum,
    AgendaItem,
    CaseDiscussion,
    CaseSnapshot,
    Decision,
    Meeting,
    MeetingSnapshot,
)
from netboard.domain.timeline import build_timeline
from netboard.domain.vocab import (
    CORE_DISCIPLINES,
    Agreement,
    CaseTiming,
    Discipline,
    DiscussionStatus,
    MeetingStatus,
    Stance,
)
from netboard.domain.wording import fmt_date, fmt_datetime, local_day
from netboard.reports.case_text import esc, summary_rows
from netboard.reports.document import DEFAULT_PROGRAM, Frame, Progress, write_report
from netboard.reports.parts import bullets, grid, label_table, para, timeline_chart
from netboard.reports.styles import WARN_HEX, Styles, make_styles

CONFIDENTIAL = "Confidential: patient health information for the treating team only."
CONFIDENTIAL_DEID = "De-identified summary: patients appear as initials and case number only."
STANCE_ORDER = (Stance.RECOMMENDED, Stance.ALTERNATIVE, Stance.LATER, Stance.NOT_NOW)
FIRST_CASE_ROOM = 200
"""Points left on page 1 below the agenda for the first case to start there (its heading, facts
and chart begin on the page instead of leaving most of it empty)."""


def build_meeting_summary(
    meeting: MeetingSnapshot,
    cases: Mapping[str, CaseSnapshot],
    out: Path,
    *,
    deidentified: bool = False,
    generated_at: datetime | None = None,
    program_name: str = DEFAULT_PROGRAM,
    catalog: Catalog | None = None,
    progress: Progress | None = None,
    reproducible: bool = False,
    chart_engine: str = "direct",
    demo: bool | None = None,
) -> Path:
    """Write the summary of ``meeting`` to ``out``; ``cases`` maps patient id to its case.

    Pure: reads nothing but its arguments, so it runs in a worker thread and in tests without a
    database. Returns the absolute path written. Each case shows the records the meeting's rule
    gives (``domain.meeting_records``), and page 1 prints that rule. ``demo``: mark every page
    DEMO (None: when any patient on the agenda is a demo patient).
    """
    generated_at = generated_at or datetime.now().astimezone()
    catalog = catalog if catalog is not None else load_catalog()
    styles = make_styles(9.0)
    agenda = sorted(meeting.agenda, key=lambda item: item.discussion.position)
    scrub: Scrub = meeting_deidentifier(meeting) if deidentified else keep
    total = len(agenda) + 1
    if progress:
        progress(0, total)
    story: list[Flowable] = _header(meeting, agenda, styles, scrub, program_name, deidentified)
    for n, item in enumerate(agenda, start=1):
        # each case on a new page; the first one right after the agenda when there is room
        story.append(CondPageBreak(FIRST_CASE_ROOM) if n == 1 else PageBreak())
        case = cases.get(item.patient.id)
        story += _case(item, n, len(agenda), case, meeting, styles, scrub, catalog,
                       deidentified, chart_engine)  # fmt: skip
        if progress:
            progress(n, total)
    general = [a for a in meeting.addenda if a.discussion_id is None]
    if general:
        story += [CondPageBreak(120), Paragraph("Addenda to the meeting", styles.h2)]
        story += [_addendum(a, styles, scrub) for a in general]
    day = local_day(meeting.meeting.starts_at)
    title = scrub(meeting.meeting.title) or "Tumor board"
    frame = Frame(
        header=f"{program_name} \u00b7 {title} \u00b7 {fmt_date(day)}"
        + (" \u00b7 de-identified" if deidentified else ""),
        demo=demo if demo is not None else any_demo(i.patient for i in agenda),
        footer=CONFIDENTIAL_DEID if deidentified else CONFIDENTIAL,
        generated_at=generated_at,
        title=f"Meeting summary {day.isoformat()}" + (" (de-identified)" if deidentified else ""),
        author=program_name,
        reproducible=reproducible,
    )
    return write_report(out, story, frame, progress, total)


def _header(
    snapshot: MeetingSnapshot,
    agenda: list[AgendaItem],
    styles: Styles,
    scrub: Scrub,
    program_name: str,
    deidentified: bool,
) -> list[Flowable]:
    m = snapshot.meeting
    story: list[Flowable] = [
        para(program_name, styles.muted),
        Paragraph("Tumor board meeting summary", styles.h1),
        para(scrub(m.title), styles.h3),
    ]
    story.append(label_table(_meeting_facts(m, scrub, deidentified), styles))
    story.append(Spacer(1, 3))
    story.append(para(records_rule(m, fmt_date), styles.muted))
    if m.status != MeetingStatus.FINALIZED:
        story.append(Spacer(1, 4))
        story.append(
            Paragraph(
                f'<font color="{WARN_HEX}">Draft: this meeting is not finalized; its record '
                "may still change.</font>",
                styles.body,
            )
        )

    story.append(Paragraph("Attendance by discipline", styles.h2))
    by_discipline: dict[Discipline, list[str]] = {}
    for a in snapshot.attendance:
        by_discipline.setdefault(a.discipline, []).append(a.person)
    rows = [[d.label, ", ".join(by_discipline[d])] for d in Discipline if d in by_discipline]
    rows = rows or [["\u2014", "No attendance recorded"]]
    story.append(grid(["Discipline", "Present"], rows, styles, [1, 3]))

    story.append(Paragraph("Accreditation record", styles.h2))
    story.append(
        label_table(_accreditation(snapshot, agenda, by_discipline), styles, label_width=150)
    )

    story.append(Paragraph("Agenda", styles.h2))
    agenda_rows = [
        [
            str(n),
            _identity(item, n, deidentified),
            scrub(item.discussion.question) or "\u2014",
            item.discussion.status.label,
        ]
        for n, item in enumerate(agenda, start=1)
    ]
    story.append(
        grid(["#", "Patient", "Question", "Status"], agenda_rows, styles, [0.3, 1.7, 4, 1])
    )
    return story


def _meeting_facts(m: Meeting, scrub: Scrub, deidentified: bool) -> list[tuple[str, str]]:
    """Date, place, chair and status of the meeting (and how patients are shown)."""
    facts = [("Date", fmt_datetime(m.starts_at))]
    if m.location:
        facts.append(("Location", scrub(m.location)))
    facts.append(("Chair", m.chair or "not recorded"))
    status = m.status.label
    if m.status == MeetingStatus.FINALIZED and m.finalized_at:
        status += f" ({fmt_datetime(m.finalized_at)})"
    facts.append(("Status", status))
    if deidentified:
        facts.append(("Patients", "Shown as initials and case number only."))
    return facts


def _accreditation(
    snapshot: MeetingSnapshot,
    agenda: list[AgendaItem],
    by_discipline: Mapping[Discipline, list[str]],
) -> list[tuple[str, str]]:
    presented = [i.discussion for i in agenda if i.discussion.status == DiscussionStatus.DISCUSSED]
    prospective = sum(1 for d in presented if d.timing == CaseTiming.PROSPECTIVE)
    share = f" ({round(100 * prospective / len(presented))} %)" if presented else ""
    present = [d.label for d in CORE_DISCIPLINES if d in by_discipline]
    absent = [d.label for d in CORE_DISCIPLINES if d not in by_discipline]

    def counted(flag: str) -> str:
        n = sum(1 for d in presented if getattr(d, flag))
        return f"{n} of {len(presented)}"

    return [
        ("Cases presented", f"{len(presented)} of {len(agenda)} on the agenda"),
        ("Prospective cases", f"{prospective} of {len(presented)}{share}"),
        ("Core disciplines present", ", ".join(present) or "none"),
        ("Core disciplines absent", ", ".join(absent) or "none"),
        ("Stage discussed", counted("stage_discussed")),
        ("Guideline referenced", counted("guideline_cited")),
        ("Trial eligibility discussed", counted("trial_eligibility_discussed")),
    ]


def _identity(item: AgendaItem, n: int, deidentified: bool) -> str:
    p = item.patient
    if deidentified:
        return f"Case {n} \u00b7 {p.initials or '?'}"
    born = f", born {fmt_date(p.birth_date)}" if p.birth_date else ""
    return f"{p.display_name} (MRN {p.mrn}{born})"


def _case(
    item: AgendaItem,
    n: int,
    count: int,
    case: CaseSnapshot | None,
    snapshot: MeetingSnapshot,
    styles: Styles,
    scrub: Scrub,
    catalog: Catalog,
    deidentified: bool,
    chart_engine: str,
) -> list[Flowable]:
    d = item.discussion
    day = local_day(snapshot.meeting.starts_at)
    heading = f"Case {n} of {count}: " + (
        f"{item.patient.initials or '?'}" if deidentified else item.patient.display_name
    )
    story: list[Flowable] = [Paragraph(esc(heading), styles.h2)]
    if not deidentified:
        p = item.patient
        line = f"MRN {p.mrn} \u00b7 born {fmt_date(p.birth_date)} \u00b7 {p.sex.label}"
        story.append(para(line, styles.muted))
    if d.presenter or d.timing:
        meta = [f"{d.timing.label} case", d.triage.label]
        if d.presenter:
            meta.insert(0, f"Presented by {d.presenter}")
        story.append(para(" \u00b7 ".join(meta), styles.muted))
    story.append(Spacer(1, 4))
    if case is None:
        story.append(
            para("The case record was not available when this summary was made.", styles.body)
        )
    else:
        known = case_for_meeting(case, snapshot.meeting)
        story.append(label_table([(k, scrub(v)) for k, v in summary_rows(known, day)], styles))
        story.append(Spacer(1, 4))
        timeline = build_timeline(
            known, day, catalog=catalog, deidentify=scrub if deidentified else False
        )
        story.append(timeline_chart(timeline, today_label="Meeting", engine=chart_engine))
    story += _discussion(d, styles, scrub, catalog)
    addenda = {a.id: a for a in (*d.addenda, *snapshot.addenda) if a.discussion_id == d.id}
    if addenda:
        story.append(Paragraph("Addenda", styles.h3))
        story += [
            _addendum(a, styles, scrub)
            for a in sorted(addenda.values(), key=lambda a: a.created_at)
        ]
    return story


def _discussion(
    d: CaseDiscussion, styles: Styles, scrub: Scrub, catalog: Catalog
) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph("Question for the board", styles.h3),
        para(scrub(d.question) or "No question recorded.", styles.body),
    ]
    if d.status != DiscussionStatus.DISCUSSED:
        story.append(para(f"Status: {d.status.label}.", styles.body))
    facts = []
    if d.stage_discussed:
        facts.append(f"Stage discussed: {scrub(d.stage_discussed)}")
    if d.guideline_cited:
        facts.append(f"Guideline: {scrub(d.guideline_cited)}")
    facts.append(
        "Trial eligibility discussed"
        if d.trial_eligibility_discussed
        else "Trial eligibility not discussed"
    )
    if d.patient_preferences:
        facts.append(f"Patient preferences: {scrub(d.patient_preferences)}")
    story.append(para(" \u00b7 ".join(facts), styles.muted))

    if d.options:
        story.append(_options_weighed(d, styles, scrub, catalog))
    story += _recommendation(d.decision, styles, scrub)
    if d.actions:
        rows = [
            [
                scrub(a.description),
                a.owner or "\u2014",
                fmt_date(a.due_date),
                "done" if a.done else "open",
            ]
            for a in d.actions
        ]
        story.append(
            KeepTogether(
                [
                    Paragraph("Actions", styles.h3),
                    grid(["Action", "Owner", "Due", ""], rows, styles, [3.4, 1.6, 1.0, 0.6]),
                ]
            )
        )
    if d.notes:
        story += [Paragraph("Notes", styles.h3), para(scrub(d.notes), styles.body)]
    return story


def _options_weighed(
    d: CaseDiscussion, styles: Styles, scrub: Scrub, catalog: Catalog
) -> Flowable:
    rows = []
    for option in sorted(d.options, key=lambda o: STANCE_ORDER.index(o.stance)):
        found = catalog.find(option.option_id)
        name = found.name if found else scrub(option.option_id)
        details = scrub(option.details)
        text = f"{name}\n{details}" if details and details != name else name
        rows.append([text, option.stance.label, scrub(option.rationale) or "\u2014"])
    table = grid(["Option", "Stance", "Rationale"], rows, styles, [2.2, 0.9, 3.4])
    return KeepTogether([Paragraph("Options weighed", styles.h3), table])


def _recommendation(decision: Decision | None, styles: Styles, scrub: Scrub) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("Recommendation", styles.h3)]
    if decision is None:
        return [*story, para("No recommendation recorded.", styles.body)]
    story.append(para(scrub(decision.recommendation) or "\u2014", styles.body))
    story.append(para(_agreement(decision.agreement, scrub(decision.dissent_note)), styles.body))
    review = fmt_date(decision.next_review) if decision.next_review else "not set"
    weeks = f" (follow-up in {decision.follow_up_weeks} weeks)" if decision.follow_up_weeks else ""
    story.append(para(f"Next review: {review}{weeks}", styles.body))
    return story


def _agreement(agreement: Agreement | None, note: str) -> str:
    """Consensus or dissent only when the board chose it; never assumed."""
    if agreement == Agreement.CONSENSUS:
        return "Consensus of the board."
    if agreement == Agreement.DISSENT:
        return "Dissent recorded" + (f": {note}" if note else ".")
    return "Agreement of the board: not recorded (neither consensus nor dissent was chosen)."


def _addendum(a: Addendum, styles: Styles, scrub: Scrub) -> Flowable:
    head = f"Addendum by {a.author or 'unknown'} on {fmt_datetime(a.created_at)}"
    return KeepTogether(
        bullets([f"<b>{esc(head)}</b><br/>{esc(scrub(a.text))}"], styles, markup=True)
    )
