"""The demo generator: deterministic synthetic patients, meetings and board records.

``generate`` yields rows per table: first the meeting calendar (meetings and attendance), then one
chunk per patient (the patient, the clinical record, and the patient's board discussions). The same
``(n_patients, seed, today)`` always yields the same rows, ids included.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    master = Random(seed)
    team = staff(Random(master.getrandbits(64)))
    calendar = board.build_calendar(Random(master.getrandbits(64)), today, team)
    allocation = Random(master.getrandbits(64))
    yield calendar.rows
    meeting_start = {m["id"]: m["starts_at"] for m in calendar.rows["meeting"]}
    physicians = team[Discipline.MEDICAL_ONCOLOGY] + team[Discipline.ENDOCRINOLOGY]
    navigators = team[Discipline.NURSE_NAVIGATOR]
    for index in range(n_patients):
        rng = Random(master.getrandbits(64))
        case = new_case(rng, index, today, INSTITUTIONS)
        simulate(case)
        left = n_patients - index
        wanted = _draw_quota(allocation, calendar.free / left)
        if any(c.planned for c in case.courses):
            wanted = max(wanted, 1)  # a planned course exists only through a board decision
        physician = rng.choice(physicians)
        picked = board.choose_meetings(case, calendar, wanted, allocation)
        case.navigator = rng.choice(navigators)
        chunk = _clinical(case, physician, case.navigator, navigators.index(case.navigator))
        talk = board.discussions(case, picked, calendar, today, physician)
        chunk.update(talk)
        case.courses = [c for c in case.courses if not c.planned or c.decision_id]
        _upcoming(case, calendar, chunk, allocation, left, today, physician)
        chunk["therapy_course"], chunk["toxicity"] = rows.therapy_rows(case)
        _denormalise(chunk, meeting_start)
        yield chunk


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


def _upcoming(case: Case, calendar: board.Calendar, chunk: Chunk, rng: Random, left: int,
              today: date, presenter: str) -> None:
    """Maybe put the patient on the planned meeting's agenda (with planted gaps for some)."""
    slot = calendar.upcoming
    status = chunk["patient"][0]["status"]
    if slot.used >= slot.capacity or status in (PatientStatus.DECEASED, PatientStatus.TRANSFERRED):
        return
    if case.diagnosis > today - timedelta(days=10) or not board.worth_reviewing(case, today, rng):
        return
    if rng.random() >= (slot.capacity - slot.used) / left * board.agenda_weight(case, today):
        return
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
