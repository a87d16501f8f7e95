"""Follow-up series of a simulated case: imaging with RECIST responses, tumor markers, ECOG.

Marker values and lesion sizes follow the case's tumor-load curve, so chromogranin A falls while a
therapy works and rises before a progression scan; restaging intervals follow the usual rhythm
(every 3 months on systemic therapy, 6-12 months in surveillance, closer for NEC).
"""

from __future__ import annotations

import bisect
import math
from datetime import date, timedelta
from random import Random
from typing import Any

from netboard.demo.case import MIBG_LAST_DOSE, Case, Course, randint
from netboard.demo.therapy import PRRT_IDS
from netboard.domain.vocab import (
    Analyte,
    Avidity,
    FunctionalSyndrome,
    ImagingModality,
    PrimarySite,
    Response,
    Sex,
)

Row = dict[str, Any]
S = PrimarySite
_SYSTEMIC_LAB_OPTIONS = frozenset(
    {"prrt_lu177_dotatate", "prrt_retreatment", "mibg_i131", "platinum_etoposide", "captem",
     "folfiri", "folfox", "everolimus", "sunitinib", "cabozantinib"}
)


def _main_course_at(courses: list[Course], day: date) -> Course | None:
    found = None
    for c in courses:
        if c.main and c.start <= day and (c.end is None or c.end >= day):
            found = c
    return found


def _restaging_days(case: Case) -> list[date]:
    """Dates of the regular cross-sectional scans (progression scans are added separately)."""
    rng = case.rng
    days: list[date] = []
    day = case.diagnosis + timedelta(days=randint(rng, 60, 120))
    horizon = case.followup_end
    while day < horizon:
        metastatic = case.metastatic_since is not None and day >= case.metastatic_since
        if case.long_history:
            step = 91
        elif metastatic:
            step = (61 if case.is_nec else 91 if case.initially_high_grade
                    else rng.choice((91, 91, 122, 183)))
        elif case.curative_surgery is None and case.courses:
            step = 183  # surveillance of a small tumor
        elif case.site in (S.RECTUM, S.APPENDIX) and case.primary_size_mm < 10:
            break  # no follow-up imaging after resection of a small rectal or appendiceal NET
        else:
            step = 183 if day - case.diagnosis < timedelta(days=3 * 365) else 365
        days.append(day)
        day += timedelta(days=step + randint(rng, -10, 10))
    return days


def imaging_rows(case: Case) -> list[Row]:
    """The imaging of one history: at diagnosis, before nuclear-medicine therapy and at grade
    drift, then regular restaging and the progression scans (date order)."""
    study = _Imaging(case)
    study.at_diagnosis()
    study.before_therapy_and_drift()
    study.restaging()
    study.rows.sort(key=lambda r: r["date"])
    return study.rows


class _Imaging:
    """Collects one patient's imaging rows; draws from the case's random source in order."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.rng = case.rng
        mri = self.rng.random() < 0.3 and case.site in (S.PANCREAS, S.SMALL_INTESTINE, S.RECTUM)
        self.cross = ImagingModality.MRI if mri else ImagingModality.CT
        self.rows: list[Row] = []

    def lesion_mm(self, day: date) -> float:
        return float(round(9 + 10 * self.case.load_at(day) ** 0.5))

    def add(self, day: date, modality: ImagingModality, finding: str, **extra: Any) -> None:
        self.rows.append({"id": self.case.new_id(), "patient_id": self.case.patient_id,
                          "date": day, "modality": modality, "krenning": extra.get("krenning"),
                          "avidity": extra.get("avidity"), "response": extra.get("response"),
                          "finding": finding, "largest_lesion_mm": extra.get("mm")})

    def sstr(self, day: date) -> None:
        k = self.case.krenning
        if k >= 3:
            where = "above spleen" if k == 4 else "above liver"
            self.add(day, ImagingModality.SSTR_PET,
                     f"Ga-68 DOTATATE PET: uptake {where} in the known lesions (Krenning {k}).",
                     krenning=k, avidity=Avidity.POSITIVE)
        else:
            self.add(day, ImagingModality.SSTR_PET,
                     f"Ga-68 DOTATATE PET: uptake at most equal to liver (Krenning {k}).",
                     krenning=k, avidity=Avidity.NEGATIVE if k < 2 else Avidity.EQUIVOCAL)

    def at_diagnosis(self) -> None:
        case, rng, add, size0 = self.case, self.rng, self.add, self.case.primary_size_mm
        d0 = case.diagnosis - timedelta(days=randint(rng, 5, 25))
        if case.metastatic:
            mm = self.lesion_mm(case.diagnosis)
            add(d0, self.cross, f"Liver metastases, largest {mm:.0f} mm; primary "
                + ("not identified." if case.site == S.UNKNOWN_PRIMARY else f"{size0:.0f} mm."),
                mm=mm)
        else:
            add(d0, self.cross, f"Primary tumor {size0:.0f} mm; no distant metastases.", mm=size0)
        if case.site in (S.PANCREAS, S.RECTUM, S.STOMACH) and rng.random() < 0.5:
            add(d0 + timedelta(days=3), ImagingModality.ENDOSCOPIC_ULTRASOUND,
                f"Hypoechoic lesion {size0:.0f} mm.", mm=size0)
        if not case.is_nec or rng.random() < 0.3:
            self.sstr(d0 + timedelta(days=randint(rng, 4, 12)))
        if case.initially_high_grade:
            add(d0 + timedelta(days=6), ImagingModality.FDG_PET, "FDG-avid disease (SUVmax "
                f"{rng.uniform(6, 18):.1f}).", avidity=Avidity.POSITIVE)
        if case.site == S.PARAGANGLIOMA:
            add(d0 + timedelta(days=9), ImagingModality.MIBG_SCAN,
                "I-123 MIBG: uptake in the known lesions." if case.mibg_avid
                else "I-123 MIBG: no relevant uptake.",
                avidity=Avidity.POSITIVE if case.mibg_avid else Avidity.NEGATIVE)

    def before_therapy_and_drift(self) -> None:
        case, rng = self.case, self.rng
        for c in case.courses:
            if c.option_id in PRRT_IDS:
                day = c.start - timedelta(days=randint(rng, 14, 40))
                if day < case.horizon:
                    self.sstr(day)
            elif c.option_id == "mibg_i131" and c.start < MIBG_LAST_DOSE:
                self.add(c.start - timedelta(days=randint(rng, 14, 30)),
                         ImagingModality.MIBG_SCAN, "I-123 MIBG: uptake in the known lesions.",
                         avidity=Avidity.POSITIVE)
        for day in case.drift_dates:
            self.add(day - timedelta(days=randint(rng, 3, 10)), ImagingModality.FDG_PET,
                     f"New FDG-avid liver lesion (SUVmax {rng.uniform(5, 14):.1f}).",
                     avidity=Avidity.POSITIVE)

    def restaging(self) -> None:
        case, rng = self.case, self.rng
        progressions = sorted(set(case.progressions + ([case.recurrence] if case.recurrence
                                                        else [])))
        for day in progressions:
            mm = self.lesion_mm(day)
            new = rng.random() < 0.5
            self.add(day, self.cross, (f"Progression: new liver lesions; largest {mm:.0f} mm."
                                       if new else
                                       f"Progression: enlarging lesions, largest {mm:.0f} mm."),
                     response=Response.PD, mm=mm)
        near = [d.toordinal() for d in progressions]
        for day in _restaging_days(case):
            if not any(abs(day.toordinal() - p) < 45 for p in near):
                self.restaging_scan(day)

    def restaging_scan(self, day: date) -> None:
        case, size0 = self.case, self.case.primary_size_mm
        metastatic = case.metastatic_since is not None and day >= case.metastatic_since
        if not metastatic:
            self.add(day, self.cross, "No evidence of recurrence." if case.curative_surgery
                     else f"Stable lesion, {size0:.0f} mm.", mm=None if case.curative_surgery
                     else size0)
            return
        mm = self.lesion_mm(day)
        course = _main_course_at(case.courses, day)
        response = Response.SD
        if course is not None and course.best_response is not None:
            if (day - course.start).days > 100 and course.best_response != Response.PD:
                response = course.best_response
        text = {
            Response.SD: f"Stable disease; largest lesion {mm:.0f} mm.",
            Response.PR: f"Partial response; largest lesion {mm:.0f} mm.",
            Response.CR: "No measurable disease.",
        }.get(response, f"Largest lesion {mm:.0f} mm.")
        self.add(day, self.cross, text, response=response,
                 mm=None if response == Response.CR else mm)


_UNITS = {
    Analyte.CHROMOGRANIN_A: "ng/mL", Analyte.URINE_5HIAA: "mg/24 h", Analyte.NSE: "ng/mL",
    Analyte.METANEPHRINES: "pg/mL", Analyte.GASTRIN: "pg/mL", Analyte.INSULIN: "µU/mL",
    Analyte.PLATELETS: "10⁹/L", Analyte.CREATININE: "mg/dL", Analyte.NEUTROPHILS: "10⁹/L",
}


def _marker_panel(case: Case) -> list[tuple[Analyte, float, float]]:
    """(analyte, value at no disease, rise per unit of tumor load) for this patient's markers."""
    panel = []
    if case.histology.value != "ppgl" or case.rng.random() < 0.5:
        panel.append((Analyte.CHROMOGRANIN_A, 50.0, 120.0))
    syndrome = case.functional
    if case.site in (S.SMALL_INTESTINE, S.UNKNOWN_PRIMARY) or (
            syndrome == FunctionalSyndrome.CARCINOID_SYNDROME):
        rise = 9.0 if syndrome == FunctionalSyndrome.CARCINOID_SYNDROME else 2.5
        panel.append((Analyte.URINE_5HIAA, 4.0, rise))
    if case.initially_high_grade:
        panel.append((Analyte.NSE, 11.0, 9.0))
    if case.site == S.PARAGANGLIOMA:
        panel.append((Analyte.METANEPHRINES, 90.0, 260.0))
    if syndrome == FunctionalSyndrome.GASTRINOMA:
        panel.append((Analyte.GASTRIN, 70.0, 220.0))
    if syndrome == FunctionalSyndrome.INSULINOMA:
        panel.append((Analyte.INSULIN, 9.0, 12.0))
    return panel


def lab_rows(case: Case) -> list[Row]:
    rng = case.rng
    pid = case.patient_id
    rows: list[Row] = []
    panel = _marker_panel(case)
    horizon = case.followup_end
    rare_followup = case.site in (S.RECTUM, S.APPENDIX) and not case.metastatic
    nse_from = case.drift_dates[0] if case.drift_dates and not case.initially_high_grade else None
    day = case.diagnosis - timedelta(days=randint(rng, 3, 20))
    first = True
    new_id, add, random, gauss, exp = case.new_id, rows.append, rng.random, rng.gauss, math.exp
    while day < horizon:
        metastatic = case.metastatic_since is not None and day >= case.metastatic_since
        load = case.load_at(day)
        for i, (analyte, base, rise) in enumerate(panel):
            if case.long_history and i == 1 and random() < 0.5:
                continue  # 5-HIAA about every other month
            value = (base + rise * load) * exp(gauss(0.0, 0.15))
            add({"id": new_id(), "patient_id": pid, "date": day, "analyte": analyte,
                 "value": round(value, 1), "unit": _UNITS[analyte]})
        if nse_from is not None and day >= nse_from:  # followed once the grade has risen
            add({"id": new_id(), "patient_id": pid, "date": day, "analyte": Analyte.NSE,
                 "value": round((11.0 + 9.0 * load) * exp(gauss(0.0, 0.15)), 1),
                 "unit": _UNITS[Analyte.NSE]})
        if rare_followup and not first:
            break
        first = False
        if case.long_history:
            step = 30
        elif metastatic:  # markers with restaging: every 6 weeks (NEC) to 3-6 months
            step = 45 if case.is_nec else rng.choice((91, 122, 183))
        else:
            step = 183
        day += timedelta(days=step + int(random() * 15) - 7)

    for c in case.courses:
        if c.option_id not in _SYSTEMIC_LAB_OPTIONS:
            continue
        for offset in (-7, 60):
            when = c.start + timedelta(days=offset)
            if when >= horizon:
                continue
            dip = 0.7 if offset > 0 and c.option_id != "everolimus" else 1.0
            rows.append({"id": case.new_id(), "patient_id": pid, "date": when,
                         "analyte": Analyte.PLATELETS,
                         "value": float(round(rng.uniform(170, 320) * dip)),
                         "unit": _UNITS[Analyte.PLATELETS]})
            rows.append({"id": case.new_id(), "patient_id": pid, "date": when,
                         "analyte": Analyte.CREATININE,
                         "value": round(rng.uniform(0.7, 1.2), 2),
                         "unit": _UNITS[Analyte.CREATININE]})
    rows.sort(key=lambda r: (r["date"], r["analyte"].value))
    return rows


def performance_rows(case: Case) -> list[Row]:
    rng = case.rng
    base = 0 if rng.random() < 0.6 else 1 if rng.random() < 0.9 else 2
    days = {case.diagnosis}
    days.update(c.start for c in case.courses if c.main)
    day = case.diagnosis + timedelta(days=365)
    while day < case.horizon:
        days.add(day)
        day += timedelta(days=365 + randint(rng, -30, 30))
    rows = []
    own = _body_weight(case)
    usual = own.uniform(58, 92) if case.sex == Sex.MALE else own.uniform(50, 82)
    weights = (own, usual)
    main_starts = sorted(c.start for c in case.courses if c.main and c.option_id != "surveillance")
    for day in sorted(days):
        if day >= case.horizon:
            continue
        lines = bisect.bisect_right(main_starts, day)
        ecog = base + (1 if lines >= 3 else 0)
        course = _main_course_at(case.courses, day)
        if course is not None and course.option_id == "best_supportive_care":
            ecog += 2
        if case.death is not None and (case.death - day).days < 120:
            ecog += 1
        rows.append({"id": case.new_id(), "patient_id": case.patient_id, "date": day,
                     "ecog": min(4, ecog), "weight_kg": _weight(weights, ecog)})
    return rows


def _body_weight(case: Case) -> Random:
    """A patient's own weight stream (seeded by the patient id: the demo's main random stream,
    and so every other generated value, stays as it was)."""
    return Random(case.patient_id)


def _weight(weights: tuple[Random, float], ecog: int) -> float:
    """Body weight at an ECOG assessment: the patient's usual weight, lower when ECOG is worse."""
    rng, usual = weights
    return round(usual * (1 - 0.04 * max(0, ecog - 1)) + rng.uniform(-1.5, 1.5), 1)
