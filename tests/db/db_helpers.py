"""Synthetic, obviously fictional records for the database tests (every field set)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from netboard.db import operations as ops
from netboard.db.store import Store
from netboard.domain import vocab as v


def patient_values(
    mrn: str = "ZZ-TEST-0001", family: str = "Testperson", **over: object
) -> dict[str, object]:
    return {
        "mrn": mrn,
        "family_name": family,
        "given_name": "Ada",
        "birth_date": date(1961, 4, 12),
        "sex": v.Sex.FEMALE,
        "status": v.PatientStatus.FOLLOW_UP,
        "home_institution": "Fictional General Hospital",
        "treating_physician": "Dr. Example",
        "nurse_navigator": "Nurse Placeholder",
        "notes": "Synthetic test patient.",
        **over,
    }


def soon(days: int = 3) -> datetime:
    return (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)


SAMPLES: dict[str, dict[str, object]] = {
    "tumor": {
        "primary_site": v.PrimarySite.PANCREAS,
        "histology": v.Histology.NET,
        "diagnosis_date": date(2019, 3, 1),
        "functional_syndrome": v.FunctionalSyndrome.INSULINOMA,
        "hereditary_syndrome": v.HereditarySyndrome.MEN1,
        "primary_size_mm": 23.5,
        "notes": "Tail of pancreas.",
    },
    "pathology": {
        "date": date(2019, 3, 10),
        "specimen_site": "pancreas tail",
        "ki67": 7.5,
        "mitoses": 1.0,
        "differentiation": v.Differentiation.WELL,
        "necrosis": True,
        "notes": "Core biopsy.",
    },
    "staging": {
        "date": date(2019, 3, 20),
        "t": "T2",
        "n": "N1",
        "m": "M1a",
        "stage_group": "IV",
        "metastatic_sites": ("liver", "bone"),
        "liver_burden_pct": 15.0,
    },
    "imaging": {
        "date": date(2019, 3, 15),
        "modality": v.ImagingModality.SSTR_PET,
        "krenning": 3,
        "avidity": v.Avidity.POSITIVE,
        "response": v.Response.SD,
        "finding": "Uptake above liver in two liver lesions.",
        "largest_lesion_mm": 31.0,
    },
    "lab": {
        "date": date(2019, 3, 16),
        "analyte": v.Analyte.CHROMOGRANIN_A,
        "value": 240.0,
        "unit": "ng/mL",
    },
    "performance": {"date": date(2019, 3, 16), "ecog": 1},
    "therapy": {
        "option_id": "ssa_lanreotide",
        "agent": "Lanreotide",
        "modality": v.Modality.SOMATOSTATIN_ANALOG,
        "intent": v.Intent.DISEASE_CONTROL,
        "start_date": date(2019, 4, 1),
        "end_date": date(2021, 6, 30),
        "dose": "120 mg",
        "schedule": "every 28 days",
        "cycles": 26,
        "site_of_care": "Fictional General Hospital",
        "best_response": v.Response.SD,
        "reason_ended": v.ReasonEnded.PROGRESSION,
        "trial_id": "NCT00000000",
        "notes": "Synthetic course.",
    },
    "toxicity": {"term": "Diarrhea", "grade": 2, "date": date(2019, 6, 1)},
    "meeting": {
        "title": "NET tumor board (test)",
        "chair": "Dr. Chair Example",
        "location": "Room 0",
    },
    "attendance": {"person": "Dr. Path Example", "discipline": v.Discipline.PATHOLOGY},
    "discussion": {
        "presenter": "Dr. Example",
        "question": "Progression on SSA: PRRT or everolimus?",
        "timing": v.CaseTiming.PROSPECTIVE,
        "triage": v.Triage.FULL_DISCUSSION,
        "stage_discussed": "IV",
        "guideline_cited": "Test guideline 1.0",
        "trial_eligibility_discussed": True,
        "patient_preferences": "Prefers fewer hospital visits.",
        "notes": "Synthetic discussion.",
        "time_spent_s": 420,
        "status": v.DiscussionStatus.DISCUSSED,
    },
    "option": {
        "option_id": "prrt_lu177_dotatate",
        "details": "4 cycles",
        "stance": v.Stance.RECOMMENDED,
        "rationale": "SSTR-positive, progression on SSA.",
    },
    "decision": {
        "recommendation": "PRRT discussed as the preferred next option.",
        "agreement": v.Agreement.DISSENT,
        "dissent_note": "One member preferred everolimus.",
        "follow_up_weeks": 12,
        "next_review": date(2026, 9, 1),
    },
    "action": {
        "description": "Request renal function tests.",
        "owner": "Nurse Placeholder",
        "due_date": date(2026, 8, 1),
        "done": False,
    },
}


@dataclass
class CaseIds:
    patient: str
    tumor: str
    pathology: str
    staging: str
    imaging: str
    lab: str
    performance: str
    therapy: str
    toxicity: str
    meeting: str
    attendance: str
    discussion: str
    option: str
    decision: str
    action: str


def make_case(store: Store, mrn: str = "ZZ-TEST-0001", *, meeting_days: int = 3) -> CaseIds:
    """One patient with one record of every kind, on the agenda of a meeting ``meeting_days`` on."""
    pid = ops.create(store, "patient", patient_values(mrn))
    tid = ops.create(store, "tumor", {**SAMPLES["tumor"], "patient_id": pid})
    path = ops.create(store, "pathology", {**SAMPLES["pathology"], "tumor_id": tid})
    stage = ops.create(store, "staging", {**SAMPLES["staging"], "tumor_id": tid})
    img = ops.create(store, "imaging", {**SAMPLES["imaging"], "patient_id": pid})
    lab = ops.create(store, "lab", {**SAMPLES["lab"], "patient_id": pid})
    perf = ops.create(store, "performance", {**SAMPLES["performance"], "patient_id": pid})
    course = ops.create(store, "therapy", {**SAMPLES["therapy"], "patient_id": pid})
    tox = ops.create(store, "toxicity", {**SAMPLES["toxicity"], "course_id": course})
    mid = ops.create(store, "meeting", {**SAMPLES["meeting"], "starts_at": soon(meeting_days)})
    att = ops.create(store, "attendance", {**SAMPLES["attendance"], "meeting_id": mid})
    did = ops.create(
        store, "discussion", {**SAMPLES["discussion"], "meeting_id": mid, "patient_id": pid}
    )
    opt = ops.create(
        store, "option", {**SAMPLES["option"], "discussion_id": did, "revisits_course_id": course}
    )
    dec = ops.create(store, "decision", {**SAMPLES["decision"], "discussion_id": did})
    act = ops.create(store, "action", {**SAMPLES["action"], "discussion_id": did})
    return CaseIds(pid, tid, path, stage, img, lab, perf, course, tox, mid, att, did, opt, dec, act)
