"""The meeting summary's page rules (issue 12): a visible DEMO marker on PDFs of demo patients,
a first page that is not mostly empty, and one rule for records dated after the meeting (as of
the meeting day once finalized, as recorded now before), printed on the summary. Read back with
pypdf and rendered with pdftoppm."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from PIL import Image
from report_checks import GENERATED, TODAY, page_texts, render_all

from netboard.domain.snapshot import CaseSnapshot, MeetingSnapshot
from netboard.reports.meeting_summary import build_meeting_summary
from tests.factories import sample_meeting

Meeting = tuple[MeetingSnapshot, dict[str, CaseSnapshot]]
LATE_KI67 = 77.0
"""A Ki-67 no sample record has, on a specimen dated after the meeting."""


def as_demo(meeting: Meeting) -> Meeting:
    """The same meeting with the MRNs the demo database gives its synthetic patients."""
    snapshot, cases = meeting
    mrns = {pid: f"DEMO-{n:06d}" for n, pid in enumerate(cases, start=1)}
    new_cases = {pid: replace(c, patient=replace(c.patient, mrn=mrns[pid]))
                 for pid, c in cases.items()}
    agenda = tuple(replace(i, patient=new_cases[i.patient.id].patient) for i in snapshot.agenda)
    return replace(snapshot, agenda=agenda), new_cases


def with_late_specimen(meeting: Meeting) -> Meeting:
    """Case 1 gains a specimen dated five days after the meeting."""
    snapshot, cases = meeting
    first = snapshot.agenda[0].patient.id
    case = cases[first]
    late = replace(case.pathology[-1], id="path-late", date=TODAY + timedelta(days=5),
                   ki67=LATE_KI67)
    return snapshot, {**cases, first: replace(case, pathology=(*case.pathology, late))}


def build(tmp_path: Path, meeting: Meeting, name: str) -> Path:
    snapshot, cases = meeting
    return build_meeting_summary(snapshot, cases, tmp_path / name, generated_at=GENERATED)


def test_a_summary_of_demo_patients_says_demo_on_every_page(tmp_path: Path) -> None:
    demo = build(tmp_path, as_demo(sample_meeting(2, TODAY)), "demo.pdf")
    pages = page_texts(demo)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert "DEMO" in text and "synthetic" in text.lower(), f"page {number}"
    real = build(tmp_path, sample_meeting(2, TODAY), "real.pdf")
    assert not [t for t in page_texts(real) if "DEMO" in t]


def lowest_ink(png: Path) -> float:
    """How far down the page (0 top, 1 bottom) the lowest non-white pixel row above the footer
    band (the last 12 % of the page) sits."""
    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.load()
    for y in range(int(height * 0.88), 0, -1):
        if any(pixels[x, y] < 200 for x in range(0, width, 2)):  # type: ignore[index]
            return y / height
    return 0.0


def test_page_one_is_not_mostly_empty(tmp_path: Path) -> None:
    """Page 1 used to hold the header and agenda only, then a page break before case 1."""
    for cases in (1, 3):
        pdf = build(tmp_path, sample_meeting(cases, TODAY), f"summary-{cases}.pdf")
        (tmp_path / f"png-{cases}").mkdir()
        first = render_all(pdf, tmp_path / f"png-{cases}", dpi=40)[0]
        assert lowest_ink(first) > 0.6, f"{cases} cases: page 1 ends at {lowest_ink(first):.0%}"
    assert "Case 1 of 1" in page_texts(tmp_path / "summary-1.pdf")[0]


def test_a_finalized_meeting_shows_each_case_as_of_its_day_and_says_so(tmp_path: Path) -> None:
    pdf = build(tmp_path, with_late_specimen(sample_meeting(2, TODAY)), "finalized.pdf")
    pages = page_texts(pdf)
    text = " ".join(" ".join(pages).split())
    assert "Records: each case as it stood on the meeting day, 20 Nov 2025" in text
    assert "records dated after that day are left out" in text
    assert "Ki-67 77" not in text


def test_a_meeting_not_yet_finalized_shows_records_as_now_and_says_so(tmp_path: Path) -> None:
    snapshot, cases = with_late_specimen(sample_meeting(2, TODAY, finalized=False))
    pdf = build(tmp_path, (snapshot, cases), "draft.pdf")
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "Records: each case as recorded when this was made" in text
    assert "after the meeting day (20 Nov 2025)" in text
    assert "Ki-67 77" in text


def test_handouts_and_case_sheets_of_demo_patients_say_demo_too(tmp_path: Path) -> None:
    from netboard.reports.case_sheet import build_case_sheets
    from netboard.reports.handout import build_handout

    snapshot, cases = as_demo(sample_meeting(1, TODAY))
    case = next(iter(cases.values()))
    handout = build_handout(case, tmp_path / "handout.pdf", meeting_id=snapshot.meeting.id,
                            generated_at=GENERATED)
    sheet = build_case_sheets([case], tmp_path / "sheet.pdf", today=TODAY,
                              generated_at=GENERATED)
    for pdf in (handout, sheet):
        assert all("DEMO" in text for text in page_texts(pdf)), pdf.name


def test_a_consensus_nobody_chose_is_not_printed(tmp_path: Path) -> None:
    """Issue 12: 'Consensus' was the form's silent default and the summary printed it."""
    snapshot, cases = sample_meeting(2, TODAY)
    first = snapshot.agenda[0]
    assert first.discussion.decision is not None
    unchosen = replace(first.discussion.decision, agreement=None, dissent_note="")
    agenda = (replace(first, discussion=replace(first.discussion, decision=unchosen)),
              *snapshot.agenda[1:])
    pdf = build(tmp_path, (replace(snapshot, agenda=agenda), cases), "unchosen.pdf")
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert text.count("Agreement of the board: not recorded") == 1
    assert text.count("Consensus of the board") + text.count("Dissent recorded") == 1  # case 2
