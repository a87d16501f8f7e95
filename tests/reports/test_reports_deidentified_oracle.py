"""The de-identified meeting summary, read back with pypdf and checked by the independent oracle.

Hypothesis makes hostile meetings (tests/privacy_meetings.py): every free text names the agenda
patients in the ways people write them, and the clinicians share given and family names with
them. The PDF's text must hold no identifier of any agenda patient (tests/privacy_oracle.py, which
shares no code with netboard.domain.privacy), and every clinician's name must print unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from privacy_meetings import DAY, NO_SHRINK, HostileMeeting, hostile_meetings
from privacy_oracle import leaks, plain, visible
from report_checks import GENERATED, all_text

from netboard.domain.catalog import load_catalog
from netboard.reports.case_sheet import build_case_sheets
from netboard.reports.handout import build_handout
from netboard.reports.meeting_summary import build_meeting_summary

PDF_MEETINGS = 100
CATALOG = load_catalog()


def _summary(meeting: HostileMeeting, out: Path, *, deidentified: bool) -> str:
    build_meeting_summary(
        meeting.snapshot,
        meeting.cases,
        out,
        deidentified=deidentified,
        generated_at=GENERATED,
        catalog=CATALOG,
        reproducible=True,
    )
    return all_text(out)


def _initials(meeting: HostileMeeting) -> set[str]:
    return {
        plain(p.given_name[:1] + p.family_name[:1]) for p in meeting.patients if p.given_name
    } | {plain(p.family_name[:1] + p.given_name[:1]) for p in meeting.patients if p.given_name}


def test_deidentified_summary_holds_no_identifier_and_keeps_clinicians(
    tmp_path_factory: object,
) -> None:
    folder = tmp_path_factory.mktemp("oracle")  # type: ignore[attr-defined]

    @settings(
        max_examples=PDF_MEETINGS,
        deadline=None,
        phases=NO_SHRINK,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(meeting=hostile_meetings())
    def check(meeting: HostileMeeting) -> None:
        text = _summary(meeting, folder / "summary.pdf", deidentified=True)
        found = leaks(visible([text], meeting.staff), meeting.patients)
        # the summary shows each case by its initials by design; two initials that happen to spell
        # another patient's two-letter name ('ŁO' beside a patient called 'Lø') are not a leak
        printed = {f"name {initials!r}" for initials in _initials(meeting)}
        found = [f for f in found if f not in printed]
        assert not found, found
        for name in meeting.staff:  # chair, attendance, presenters, owners, authors
            assert " ".join(name.split()) in text, name
        assert not re.search(r"\b(Dr|Prof)\.? case", text)

    check()


@settings(max_examples=2, deadline=None, phases=NO_SHRINK)
@given(meeting=hostile_meetings())
def test_identified_summary_prints_the_hostile_names(meeting: HostileMeeting) -> None:
    """The oracle can fail: the identified summary of such a meeting is full of identifiers,
    and prints every patient's name and record number as stored."""
    with TemporaryDirectory() as folder:
        text = _summary(meeting, Path(folder) / "summary.pdf", deidentified=False)
    assert leaks(visible([text], meeting.staff), meeting.patients)
    for patient in meeting.patients:
        assert patient.display_name in text and patient.mrn in text


@settings(max_examples=2, deadline=None, phases=NO_SHRINK)
@given(meeting=hostile_meetings())
def test_handout_and_case_sheet_print_the_hostile_names_as_stored(meeting: HostileMeeting) -> None:
    """Identified paper keeps every letter of a patient's name (Greek, Cyrillic, ł, ø, ß …)."""
    item = meeting.snapshot.agenda[0]
    case = meeting.cases[item.patient.id]
    with TemporaryDirectory() as folder:
        handout = build_handout(
            case, Path(folder) / "h.pdf", meeting_id=item.discussion.meeting_id, catalog=CATALOG
        )
        sheet = build_case_sheets([case], Path(folder) / "s.pdf", today=DAY, catalog=CATALOG)
        texts = [all_text(handout), all_text(sheet)]
    given, family = item.patient.given_name, item.patient.family_name
    for text in texts:
        assert f"{given} {family}" in text or item.patient.display_name in text, text[:300]
