"""The open meeting and its cases follow change sets without reading anything again (no Qt)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from netboard.domain.board.open_meeting import MeetingCases, OpenCases, OpenMeeting
from netboard.domain.changes import ChangeSet, Touched
from netboard.domain.snapshot import (
    AgendaItem,
    CaseSnapshot,
    Decision,
    Meeting,
    MeetingSnapshot,
)
from netboard.domain.vocab import Agreement, Analyte, MeetingStatus
from tests.factories import discussion, lab, make_case

DAY = date(2025, 6, 2)


def _meeting() -> tuple[MeetingSnapshot, CaseSnapshot]:
    case = make_case()
    disc = replace(
        discussion("PRRT or everolimus?"),
        patient_id=case.patient.id,
        decision=Decision("dec-1", "", "Surveillance", Agreement.CONSENSUS, version=3),
    )
    case = replace(case, discussions=(disc,))
    meeting = Meeting(disc.meeting_id, datetime(2025, 6, 9, 16, tzinfo=UTC), "Fictional board")
    snapshot = MeetingSnapshot(meeting, agenda=(AgendaItem(disc, case.patient),))
    return snapshot, case


def _typed(case: CaseSnapshot, meeting_id: str, text: str, version: int = 4) -> ChangeSet:
    touched = Touched("decision", "dec-1", "update", version, {"recommendation": text})
    return ChangeSet((touched,), frozenset({case.patient.id}), frozenset({meeting_id}))


def test_a_decision_text_is_written_into_the_open_meeting() -> None:
    snapshot, case = _meeting()
    state = OpenMeeting(snapshot)
    assert state.concerns(_typed(case, snapshot.meeting.id, "PRRT"))
    assert state.apply(_typed(case, snapshot.meeting.id, "PRRT, 4 cycles"))
    decision = state.snapshot.agenda[0].discussion.decision
    assert decision is not None
    assert (decision.recommendation, decision.version) == ("PRRT, 4 cycles", 4)
    assert snapshot.agenda[0].discussion.decision.recommendation == "Surveillance"  # not mutated


def test_what_cannot_be_patched_asks_for_a_reread() -> None:
    snapshot, case = _meeting()
    state = OpenMeeting(snapshot)
    created = ChangeSet((Touched("action", "a-1", "create", 1),), frozenset({case.patient.id}))
    moved = ChangeSet((Touched("discussion", snapshot.agenda[0].discussion.id, "update", 2,
                               {"position": 0}),))  # fmt: skip
    clinical = ChangeSet((Touched("lab", "l-1", "update", 2, {"value": 3.0}),))
    unknown = ChangeSet((Touched("decision", "dec-1", "update", None, {"recommendation": "x"}),))
    for changes in (created, moved, clinical, unknown):
        assert not state.apply(changes), changes
    assert state.snapshot is snapshot


def test_cases_are_read_and_assessed_once_until_a_clinical_change() -> None:
    _snapshot, case = _meeting()
    reads: list[str] = []
    runs: list[str] = []

    def read(patient_id: str) -> CaseSnapshot:
        reads.append(patient_id)
        return case

    def assess(one: CaseSnapshot, today: date, question: str) -> tuple[str, int]:
        runs.append(question)
        return question, len(one.labs)

    cases = OpenCases(read, assess)
    pid = case.patient.id
    first = cases.assessment(pid, DAY, "q")
    assert cases.assessment(pid, DAY, "q") is first and (reads, runs) == ([pid], ["q"])
    cases.apply(_typed(case, "m", "PRRT"))
    patched = cases.get(pid)
    assert patched.discussions[0].decision.recommendation == "PRRT"
    assert cases.assessment(pid, DAY, "q") is first and (reads, runs) == ([pid], ["q"])
    cases.assessment(pid, DAY, "another question")
    assert runs == ["q", "another question"]
    lab = ChangeSet((Touched("lab", "l-1", "create", 1),), frozenset({pid}))
    cases.apply(lab)
    cases.assessment(pid, DAY, "q")
    assert (reads, runs) == ([pid, pid], ["q", "another question", "q"])


def _meeting_cases(case: CaseSnapshot) -> tuple[MeetingCases, list[str]]:
    reads: list[str] = []

    def read(patient_id: str) -> CaseSnapshot:
        reads.append(patient_id)
        return case

    return MeetingCases(read, lambda one, today, question: question), reads


def test_a_finalized_meeting_shows_each_case_as_it_stood_on_its_day() -> None:
    snapshot, case = _meeting()
    late_lab = replace(lab(date(2025, 7, 1), Analyte.CHROMOGRANIN_A, 90.0), id="late-lab")
    case = replace(case, labs=(*case.labs, late_lab))
    cases, reads = _meeting_cases(case)
    pid = case.patient.id
    cases.set_meeting(snapshot.meeting)
    assert "late-lab" in {lab.id for lab in cases.get(pid).labs}  # planned: as recorded now
    cases.set_meeting(snapshot.meeting)  # the same meeting, the same day: nothing read again
    cases.get(pid)
    assert reads == [pid]
    cases.set_meeting(replace(snapshot.meeting, status=MeetingStatus.FINALIZED))
    assert "late-lab" not in {lab.id for lab in cases.get(pid).labs}  # as of 09 Jun 2025
    assert reads == [pid, pid]
    cases.set_meeting(replace(snapshot.meeting, id="another"))
    cases.get(pid)
    assert len(reads) == 3


def test_a_change_forgets_only_the_cases_it_may_have_changed() -> None:
    _snapshot, case = _meeting()
    cases, reads = _meeting_cases(case)
    pid = case.patient.id
    cases.get(pid)
    cases.changed(None, "someone-else", lambda patient: patient == "someone-else")
    cases.changed(_typed(case, "m", "PRRT"), pid, lambda patient: True)  # patched in memory
    assert cases.get(pid).discussions[0].decision.recommendation == "PRRT"
    assert reads == [pid]
    cases.changed(ChangeSet(()), pid, lambda patient: True)  # named, but not in the change set
    cases.get(pid)
    cases.changed(None, None, lambda patient: patient == pid)  # not known: read again
    cases.get(pid)
    assert reads == [pid, pid, pid]
