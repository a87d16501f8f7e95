"""The case preparation sheet: one or two pages per case for the presenter and the board.

Overview, timeline, the readiness check, what the considerations engine found for the leading
options (each signal with its source, and facts that rest on a [verify] source visibly marked),
earlier options the board may return to, and the rest of the catalog in one compact table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from netboard.domain.catalog import Catalog, load_catalog
from netboard.domain.considerations import CaseAssessment, OptionAssessment, Signal, considerations
from netboard.domain.demo_data import any_demo
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.timeline import build_timeline
from netboard.domain.vocab import DiscussionStatus, SignalDirection
from netboard.domain.wording import fmt_date
from netboard.reports.case_text import case_as_of, esc, summary_rows
from netboard.reports.document import DEFAULT_PROGRAM, Frame, Progress, write_report
from netboard.reports.parts import bullets, label_table, para, timeline_chart
from netboard.reports.styles import WARN_HEX, Styles, make_styles

CONFIDENTIAL = (
    "Confidential: case preparation for the tumor board; decision support, not a decision."
)
DETAILED_OPTIONS = 4
_WORD = {
    SignalDirection.SUPPORTS: "for",
    SignalDirection.AGAINST: "against",
    SignalDirection.CAUTION: "caution",
    SignalDirection.INFORMATION: "note",
}
UNVERIFIED = f'<font color="{WARN_HEX}"><b>[unverified]</b></font>'


def build_case_sheets(
    cases: Sequence[CaseSnapshot],
    out: Path,
    *,
    today: date,
    assessments: Mapping[str, CaseAssessment] | None = None,
    catalog: Catalog | None = None,
    generated_at: datetime | None = None,
    program_name: str = DEFAULT_PROGRAM,
    progress: Progress | None = None,
    reproducible: bool = False,
    chart_engine: str = "direct",
) -> Path:
    """Write preparation sheets for ``cases`` (in order) to ``out``.

    ``assessments`` maps patient id to a precomputed assessment; missing ones are computed with
    ``considerations(case, today)``. Pure: no database, safe in a worker thread.
    """
    generated_at = generated_at or datetime.now().astimezone()
    catalog = catalog if catalog is not None else load_catalog()
    styles = make_styles(9.0)
    total = len(cases) + 1
    if progress:
        progress(0, total)
    story: list[Flowable] = []
    for n, case in enumerate(cases, start=1):
        if story:
            story.append(PageBreak())
        found = (assessments or {}).get(case.patient.id)
        assessment = found if found is not None else considerations(case, today, catalog)
        known = case_as_of(case, today, keep_planned=True)
        story += _sheet(known, assessment, today, catalog, styles, chart_engine)
        if progress:
            progress(n, total)
    if not story:
        story.append(para("No cases selected.", styles.body))
    subject = cases[0].patient.display_name if len(cases) == 1 else f"{len(cases)} cases"
    frame = Frame(
        header=f"{program_name} \u00b7 case preparation \u00b7 {subject} \u00b7 {fmt_date(today)}",
        footer=CONFIDENTIAL,
        generated_at=generated_at,
        title=f"Case preparation {today.isoformat()}",
        author=program_name,
        reproducible=reproducible,
        demo=any_demo(c.patient for c in cases),
    )
    return write_report(out, story, frame, progress, total)


def _sheet(
    case: CaseSnapshot,
    assessment: CaseAssessment,
    today: date,
    catalog: Catalog,
    styles: Styles,
    chart_engine: str,
) -> list[Flowable]:
    p = case.patient
    parts = (f"MRN {p.mrn}", f"born {fmt_date(p.birth_date)}", p.sex.label,
             p.treating_physician, p.home_institution)  # fmt: skip
    story: list[Flowable] = [
        Paragraph(esc(p.display_name), styles.h1),
        para(" \u00b7 ".join(part for part in parts if part), styles.muted),
    ]
    small = styles.base_size * 0.85
    question = assessment.question or _pending_question(case)
    story += [
        Paragraph("Question for the board", styles.h3),
        para(question or "No question recorded yet.", styles.body),
        label_table(summary_rows(case, today), styles),
        Spacer(1, 4),
        timeline_chart(build_timeline(case, today, catalog=catalog), engine=chart_engine),
    ]

    story.append(Paragraph("Readiness check", styles.h3))
    if assessment.ready:
        story.append(para("Nothing missing that the readiness rules look for.", styles.body))
    else:
        story += bullets([_signal(s, small) for s in assessment.readiness], styles, markup=True)
    if assessment.case_signals:
        story.append(Paragraph("About this case", styles.h3))
        story += bullets([_signal(s, small) for s in assessment.case_signals], styles, markup=True)
    if assessment.returns:
        story.append(Paragraph("Earlier options the board may return to", styles.h3))
        story += bullets([f"{r.option.name}: {r.reason}" for r in assessment.returns], styles)

    detailed = [o for o in assessment.options if o.signals][:DETAILED_OPTIONS]
    story.append(Paragraph("Considerations for the leading options", styles.h2))
    story.append(
        para(
            "Decision support: each line names its source. The board weighs; the ranking only "
            "orders options with support and no blocking signal first.",
            styles.muted,
        )
    )
    for option in detailed:
        story.append(KeepTogether(_option_block(option, styles)))
    rest = [o for o in assessment.options if o not in detailed]
    if rest:
        story.append(Paragraph("Other catalog options (rank, signals)", styles.h3))
        story.append(Paragraph(" \u00b7 ".join(_brief(o) for o in rest), styles.small))
    return story


def _brief(option: OptionAssessment) -> str:
    """'7. Everolimus (1 for, 1 caution) [unverified]' as markup."""
    counts = [
        f"{option.count(direction)} {word}"
        for direction, word in _WORD.items()
        if direction != SignalDirection.INFORMATION and option.count(direction)
    ]
    text = esc(f"{option.rank}. {option.option.name}")
    if counts:
        text += esc(f" ({', '.join(counts)})")
    if option.blocked:
        text += " <b>blocking</b>"
    if option.unverified:
        text += f" {UNVERIFIED}"
    return text


def _option_block(option: OptionAssessment, styles: Styles) -> list[Flowable]:
    name = esc(f"{option.rank}. {option.option.name}")
    marks = " blocking" if option.blocked else ""
    head = f"{name}{esc(marks)}" + (f" {UNVERIFIED}" if option.unverified else "")
    block: list[Flowable] = [Paragraph(head, styles.h3)]
    small = styles.base_size * 0.85
    block += bullets([_signal(s, small) for s in option.signals], styles, markup=True)
    for fact in option.option.unverified_facts:
        block.append(Paragraph(f"{UNVERIFIED} catalog: {esc(fact)}", styles.small))
    return block


def _signal(signal: Signal, size: float) -> str:
    """One signal as markup: direction, text, source in small print, unverified mark."""
    word = _WORD.get(signal.direction, signal.direction.value)
    blocking = " (blocking)" if signal.blocking else ""
    mark = f" {UNVERIFIED}" if signal.unverified else ""
    return (
        f"<b>{esc(word)}{blocking}</b>: {esc(signal.text)}{mark}"
        f'<br/><font size="{size:.1f}" color="#555555">Source: {esc(signal.source)}</font>'
    )


def _pending_question(case: CaseSnapshot) -> str:
    pending = [d for d in case.discussions if d.status == DiscussionStatus.PENDING and d.question]
    return pending[-1].question if pending else ""
