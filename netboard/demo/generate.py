"""The demo generator: deterministic synthetic patients, meetings and board records.

``generate`` yields rows per table: first the meeting calendar (meetings and attendance), then one
chunk per patient (the patient, the clinical record, and the patient's board discussions). The same
``(n_patients, seed, today)`` always yields the same rows, ids included.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from random import Random
from typing import Any

from netboard.db.queries_search import search_key_for
from netboard.demo import board, questions, rows, series
from netboard.demo.case import Case
from netboard.demo.history import simulate
from netboard.demo.names import INSTITUTIONS, family_name, given_name, staff
from netboard.demo.patient import new_case
from netboard.domain.demo_data import DEMO_MRN_PREFIX
from netboard.domain.grading import grade_for
from netboard.domain.vocab import (
    Discipline,
    FunctionalSyndrome,
    ImagingModality,
    PatientStatus,
    SymptomControl,
)

Row = dict[str, Any]
Chunk = dict[str, list[Row]]

DEMO_TODAY = date(2026, 11, 27)
"""A fixed reference day for reproducible demos (tests, screenshots, example PDFs, benchmarks);
`netboard demo` and the window's first `--demo` use the real day unless `--today` says otherwise."""
GENERATOR_VERSION = 5
"""Bump when the generated data changes (benchmark caches are keyed by it)."""

DEFECTS = ("no_sstr", None, "stale_imaging", None, "no_ki67", None, "no_ecog", None, None, None)
"""Missing information planted on the upcoming agenda, by position (for the readiness check)."""


def mrn(index: int) -> str:
    return f"{DEMO_MRN_PREFIX}{index + 1:06d}"


def generate(n_patients: int, seed: int, today: date = DEMO_TODAY) -> Iterator[Chunk]:
    """Yield the meeting calendar, then one chunk of rows per patient."""
    if n_patients < 0:
        raise ValueError("n_patients must not be negative")
    run = Run(seed, today)
    yield run.calendar.rows
    for index, patient_seed in enumerate(run.seeds(n_patients)):
        left = n_patients - index
        draft = run.draft(index, patient_seed)
        yield run.finish(draft, run.quota(left, draft.planned), left)


@dataclass(frozen=True, slots=True)
class Outlook:
    """What decides whether a patient that no past meeting discussed joins the next agenda."""

    eligible: bool
    """Alive, still followed here, diagnosed more than ten days ago."""
    review: float
    """The chance that the case is worth reviewing now (``board.review_chance``)."""
    weight: float
    """``board.agenda_weight``."""


@dataclass(slots=True)
class Draft:
    """One patient before the board's part: the case, its clinical rows, its physician."""

    index: int
    case: Case
    chunk: Chunk
    physician: str
    planned: bool
    """A course is planned (only a board decision makes one, so a past meeting discusses it)."""
    outlook: Outlook | None = None
    """Set by ``Run.finish``."""


class Run:
    """One demo: the calendar, the staff, and the allocation of agenda places to patients.

    A patient's own rows come from its own seed (``draft``); only the agenda places are shared,
    handed out patient by patient in order (``quota``, ``finish``, ``joins``). ``finish`` with
    ``wanted=0`` and ``joins=False`` gives the patient's rows when no meeting takes it up, and
    touches nothing shared, so drafts can be made anywhere (``pipeline`` uses worker processes)
    and only patients that a meeting takes up are made again in order.
    """

    def __init__(self, seed: int, today: date) -> None:
        self.master = Random(seed)
        self.today = today
        team = staff(Random(self.master.getrandbits(64)))
        self.calendar = board.build_calendar(Random(self.master.getrandbits(64)), today, team)
        self.allocation = Random(self.master.getrandbits(64))
        self.meeting_start = {m["id"]: m["starts_at"] for m in self.calendar.rows["meeting"]}
        self.physicians = team[Discipline.MEDICAL_ONCOLOGY] + team[Discipline.ENDOCRINOLOGY]
        self.navigators = team[Discipline.NURSE_NAVIGATOR]

    def seeds(self, n_patients: int) -> Iterator[int]:
        """Each patient's seed, in order (drawn once per run)."""
        for _ in range(n_patients):
            yield self.master.getrandbits(64)

    def draft(self, index: int, seed: int) -> Draft:
        rng = Random(seed)
        case = new_case(rng, index, self.today, INSTITUTIONS)
        simulate(case)
        physician = rng.choice(self.physicians)
        case.navigator = rng.choice(self.navigators)
        chunk = _clinical(case, physician, case.navigator, self.navigators.index(case.navigator))
        return Draft(index, case, chunk, physician, any(c.planned for c in case.courses))

    def quota(self, left: int, planned: bool) -> int:
        """How many past meetings discuss the next patient (``left``: patients still to come)."""
        wanted = _draw_quota(self.allocation, self.calendar.free / left)
        return max(wanted, 1) if planned else wanted  # a planned course needs its decision

    def joins(self, outlook: Outlook, left: int) -> bool:
        """Whether the next patient joins the planned meeting's agenda."""
        slot, rng = self.calendar.upcoming, self.allocation
        if slot.used >= slot.capacity or not outlook.eligible:
            return False
        if not board.drawn(outlook.review, rng):
            return False
        return rng.random() < (slot.capacity - slot.used) / left * outlook.weight

    def finish(self, draft: Draft, wanted: int, left: int, joins: bool | None = None) -> Chunk:
        """The patient's rows with its board discussions (``joins``: already decided)."""
        case, chunk, today = draft.case, draft.chunk, self.today
        picked = board.choose_meetings(case, self.calendar, wanted, self.allocation)
        chunk.update(board.discussions(case, picked, self.calendar, today, draft.physician))
        case.courses = [c for c in case.courses if not c.planned or c.decision_id]
        status = chunk["patient"][0]["status"]
        draft.outlook = Outlook(
            status not in (PatientStatus.DECEASED, PatientStatus.TRANSFERRED)
            and case.diagnosis <= today - timedelta(days=10),
            board.review_chance(case, today), board.agenda_weight(case, today),
        )
        if joins if joins is not None else self.joins(draft.outlook, left):
            _upcoming(case, self.calendar.upcoming, chunk, today, draft.physician)
        chunk["therapy_course"], chunk["toxicity"] = rows.therapy_rows(case)
        _denormalise(chunk, self.meeting_start)
        return chunk


def _draw_quota(rng: Random, expected: float) -> int:
    """How many past meetings discuss this patient, ``expected`` on average.

    When places are scarce (large demos) they go to fewer patients, two or three times each:
    boards re-discuss the same cases, and revisits need a patient seen more than once.
    """
    if expected < 2:
        return (2 if rng.random() < 0.6 else 3) if rng.random() < expected / 2.4 else 0
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def navigator_phone(index: int) -> str:
    """A fictional number per navigator (555-01xx is reserved for fiction)."""
    return f"555-01{10 + index:02d}"


def _clinical(case: Case, physician: str, navigator: str, navigator_index: int) -> Chunk:
    rng = case.rng
    family = family_name(rng)
    given = given_name(rng, case.sex)
    pathology = rows.pathology_rows(case)
    patient: Row = {
        "id": case.patient_id, "mrn": mrn(case.index), "family_name": family,
        "given_name": given, "birth_date": case.birth_date, "sex": case.sex,
        "status": rows.patient_status(case), "home_institution": case.home_institution,
        "treating_physician": physician, "nurse_navigator": navigator,
        "navigator_phone": navigator_phone(navigator_index),
        "notes": "Synthetic demo patient (fictional).",
    }
    tumor: Row = {
        "id": case.tumor_id, "patient_id": case.patient_id, "primary_site": case.site,
        "histology": case.histology, "diagnosis_date": case.diagnosis,
        "functional_syndrome": case.functional, "hereditary_syndrome": case.hereditary,
        "primary_size_mm": case.primary_size_mm or None, "notes": "",
        "symptom_control": None if case.functional == FunctionalSyndrome.NONE
        else SymptomControl.CONTROLLED,
    }
    return {
        "patient": [patient], "tumor": [tumor], "pathology_result": pathology,
        "staging_assessment": rows.staging_rows(case, pathology),
        "imaging_study": series.imaging_rows(case), "lab_result": series.lab_rows(case),
        "performance_status": series.performance_rows(case),
    }


def _upcoming(case: Case, slot: board.Slot, chunk: Chunk, today: date, presenter: str) -> None:
    """Put the patient on the planned meeting's agenda (with planted gaps for some)."""
    defect = DEFECTS[slot.used % len(DEFECTS)]
    if defect == "no_sstr" and not case.sstr_positive:
        defect = None
    question = questions.upcoming_question(case, today, defect)
    chunk["case_discussion"].append(board.upcoming_discussion(case, slot, question, presenter))
    if defect == "no_sstr":
        chunk["imaging_study"] = [r for r in chunk["imaging_study"]
                                  if r["modality"] != ImagingModality.SSTR_PET]
    elif defect == "stale_imaging":
        cutoff = today - timedelta(days=200)
        chunk["imaging_study"] = [r for r in chunk["imaging_study"] if r["date"] < cutoff]
    elif defect == "no_ecog":
        cutoff = today - timedelta(days=400)
        chunk["performance_status"] = [r for r in chunk["performance_status"]
                                       if r["date"] < cutoff]
    elif defect == "no_ki67" and chunk["pathology_result"]:
        latest = max(chunk["pathology_result"], key=lambda r: r["date"])
        latest.update(ki67=None, mitoses=None, notes="Ki-67 not reported on this specimen.")
        latest["grade"] = grade_for(case.site, None, None, latest["differentiation"],
                                    latest["necrosis"], case.histology)


def _search_key(family: str, given: str, mrn_: str) -> str:
    """``search_key_for``, with a shortcut for plain ASCII names (no accents to strip)."""
    text = f"{family} {given} {mrn_}"
    if text.isascii():
        return " ".join(text.casefold().split())[:300]
    return search_key_for(family, given, mrn_)


def _denormalise(chunk: Chunk, meeting_start: dict[str, datetime]) -> None:
    """Fill the patient-list columns exactly as ``db.operations_lists`` derives them.

    Site: the first tumor. Grade and Ki-67: the latest specimen (date, then id, as the database
    breaks ties between rows of one load). Next review: the decision of the latest discussion.
    """
    patient = chunk["patient"][0]
    pathology = chunk["pathology_result"]
    latest = max(pathology, key=lambda r: (r["date"], r["id"])) if pathology else None
    discussed = {d["id"]: d for d in chunk["case_discussion"]}
    decisions = [
        ((meeting_start[discussed[d["discussion_id"]]["meeting_id"]],
          discussed[d["discussion_id"]]["position"], d["discussion_id"]), d["next_review"])
        for d in chunk["decision"]
    ]
    patient.update(
        list_site=chunk["tumor"][0]["primary_site"],
        list_grade=latest["grade"] if latest else None,
        list_ki67=latest["ki67"] if latest else None,
        list_next_review=max(decisions)[1] if decisions else None,
        search_key=_search_key(patient["family_name"], patient["given_name"], patient["mrn"]),
    )
