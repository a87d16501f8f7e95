"""Choosing the next line of treatment and its expected course (PFS, response, intent).

The order follows the program's practice and the cited trials (net-clinical-facts.md, sections 2
and 3): SSA first for SSTR-positive low-grade disease, PRRT first line for Ki-67 10-55 %
(NETTER-2), PRRT after SSA progression, then targeted therapy or CAPTEM (pancreas), cabozantinib
only after a prior non-SSA systemic therapy (CABINET), platinum-etoposide first for NEC.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from random import Random

from netboard.demo.case import MIBG_LAST_DOSE, Case, Course, months
from netboard.demo.names import TRIAL_IDS
from netboard.demo.therapy import OPTIONS, PRRT_IDS, SSA_IDS
from netboard.domain.vocab import GEP_SITES, FunctionalSyndrome, Intent, PrimarySite, Response

S = PrimarySite


def pfs_months(case: Case, option_id: str) -> float:
    ki67 = case.current_ki67 or 2.0
    median = {
        "surveillance": 14, "ssa_lanreotide_escalated": 7, "prrt_lu177_dotatate": 28,
        "prrt_retreatment": 14.6, "everolimus": 11, "sunitinib": 11.4, "cabozantinib": 13,
        "captem": 20, "platinum_etoposide": 5.5, "folfiri": 4, "folfox": 4, "mibg_i131": 20,
        "pembrolizumab": 3, "clinical_trial": 8, "liver_bland_embolization": 16,
        "liver_chemoembolization": 18, "liver_radioembolization": 18,
    }.get(option_id, 12.0)
    if option_id in SSA_IDS and option_id != "ssa_lanreotide_escalated":
        median = 48 if ki67 < 3 else 24 if ki67 < 10 else 12
    if case.high_grade and not case.is_nec and option_id not in ("platinum_etoposide",):
        median *= 0.6
    if case.long_history:
        median *= 1.5
    return max(2.0, rng_lognormal(case.rng, median, 0.55))


def rng_lognormal(rng: Random, median: float, sigma: float) -> float:
    return rng.lognormvariate(math.log(median), sigma)


TREATMENT_WEEKS = {"prrt_lu177_dotatate": 24, "prrt_retreatment": 8, "mibg_i131": 13,
                    "liver_bland_embolization": 6, "liver_chemoembolization": 6,
                    "liver_radioembolization": 4}


def choose_line(case: Case, done: list[str], last: Course | None, start: date) -> str:
    """The next line of treatment for metastatic disease, as the program's practice orders it."""
    if case.is_nec:
        return _nec_line(case, done)
    if case.site == S.PARAGANGLIOMA:
        return _paraganglioma_line(case, done, start)
    if case.high_grade:
        return _high_grade_line(case, set(done))
    return _well_differentiated_line(case, done, last)


def _nec_line(case: Case, done: list[str]) -> str:
    rng, had = case.rng, set(done)
    if not done:
        return "platinum_etoposide"
    if not had & {"folfiri", "folfox"} and rng.random() < 0.75:
        return "folfiri" if rng.random() < 0.6 else "folfox"
    if "clinical_trial" not in had and "pembrolizumab" not in had and rng.random() < 0.3:
        return "clinical_trial" if rng.random() < 0.6 else "pembrolizumab"
    return "best_supportive_care"


def _paraganglioma_line(case: Case, done: list[str], start: date) -> str:
    rng, had = case.rng, set(done)
    if not done and rng.random() < 0.4:
        return "surveillance"
    if case.mibg_avid and "mibg_i131" not in had and start < MIBG_LAST_DOSE - months(2):
        return "mibg_i131"
    if case.sstr_positive and "prrt_lu177_dotatate" not in had:
        return "prrt_lu177_dotatate"
    if "captem" not in had:
        return "captem"
    if "clinical_trial" not in had and rng.random() < 0.4:
        return "clinical_trial"
    return "best_supportive_care"


def _high_grade_line(case: Case, had: set[str]) -> str:
    rng, ki67 = case.rng, case.current_ki67 or 2.0
    pool = []
    if case.sstr_positive and ki67 <= 55:
        pool.append("prrt_lu177_dotatate")
    if case.site == S.PANCREAS or rng.random() < 0.3:
        pool.append("captem")
    if ki67 > 40 or rng.random() < 0.3:
        pool.append("platinum_etoposide")
    pool += ["everolimus", "cabozantinib", "clinical_trial"]
    for option in pool:
        if option not in had and (option != "clinical_trial" or rng.random() < 0.4):
            return option
    return "best_supportive_care"


def _well_differentiated_line(case: Case, done: list[str], last: Course | None) -> str:
    """Surveillance or an SSA first, liver-directed therapy or PRRT next, then the rest."""
    rng, had, ki67 = case.rng, set(done), case.current_ki67 or 2.0
    if not done and ki67 < 3 and not case.liver_dominant and rng.random() < 0.15:
        return "surveillance"
    if case.sstr_positive and not had & SSA_IDS:
        gep = case.site in GEP_SITES or case.site == S.UNKNOWN_PRIMARY
        if gep and ki67 >= 10 and rng.random() < 0.4 and "prrt_lu177_dotatate" not in had:
            return "prrt_lu177_dotatate"
        if case.site == S.LUNG and rng.random() < 0.3:
            return "everolimus"
        return "ssa_lanreotide" if rng.random() < 0.55 else "ssa_octreotide_lar"
    if (last is not None and last.option_id == "ssa_lanreotide"
            and "ssa_lanreotide_escalated" not in had and rng.random() < 0.25):
        return "ssa_lanreotide_escalated"
    liver_done = any(o.startswith("liver_") for o in had)
    if (case.liver_dominant and not liver_done and "prrt_lu177_dotatate" not in had
            and rng.random() < 0.35):
        r = rng.random()
        return ("liver_bland_embolization" if r < 0.45 else "liver_chemoembolization" if r < 0.8
                else "liver_radioembolization")
    if case.sstr_positive and "prrt_lu177_dotatate" not in had and rng.random() < 0.85:
        return "prrt_lu177_dotatate"
    return _later_line(case, had)


def _later_line(case: Case, had: set[str]) -> str:
    """PRRT retreatment, targeted therapy or chemotherapy, a trial, supportive care."""
    rng, pancreas = case.rng, case.site == S.PANCREAS
    first_prrt = next((c for c in case.courses if c.option_id == "prrt_lu177_dotatate"), None)
    if (first_prrt is not None and first_prrt.progression is not None
            and "prrt_retreatment" not in had
            and (first_prrt.progression - first_prrt.start).days >= 18 * 30.44
            and rng.random() < 0.6):
        return "prrt_retreatment"
    if pancreas:
        targeted = ["captem", "sunitinib", "everolimus", "cabozantinib"]
        rng.shuffle(targeted)
    else:
        targeted = ["everolimus", "cabozantinib"] if rng.random() < 0.7 else [
            "cabozantinib", "everolimus"]
    for option in targeted:
        if option not in had:
            if option == "cabozantinib" and not had - SSA_IDS - {"surveillance"}:
                continue  # CABINET: after at least one prior non-SSA systemic therapy
            return option
    if "clinical_trial" not in had and rng.random() < 0.4:
        return "clinical_trial"
    return "best_supportive_care"


def intent_of(case: Case, option_id: str) -> Intent | None:
    if option_id == "surveillance":
        return None
    if option_id == "best_supportive_care" or option_id == "telotristat":
        return Intent.SYMPTOM_CONTROL
    if option_id in SSA_IDS and case.functional == FunctionalSyndrome.CARCINOID_SYNDROME:
        return Intent.SYMPTOM_CONTROL
    if OPTIONS[option_id].modality.value == "chemotherapy":
        return Intent.PALLIATIVE
    return Intent.DISEASE_CONTROL


def best_response(case: Case, option_id: str) -> Response:
    r = case.rng.random()
    if option_id in SSA_IDS or option_id in ("surveillance", "telotristat"):
        return Response.PR if r < 0.05 else Response.SD if r < 0.92 else Response.PD
    if option_id in PRRT_IDS or option_id == "mibg_i131":
        return Response.CR if r < 0.02 else Response.PR if r < 0.22 else (
            Response.SD if r < 0.92 else Response.PD)
    if option_id in ("platinum_etoposide", "captem") or option_id.startswith("liver_"):
        return Response.PR if r < 0.45 else Response.SD if r < 0.8 else Response.PD
    return Response.PR if r < 0.1 else Response.SD if r < 0.8 else Response.PD


def course_details(case: Case, option: str, pfs: timedelta) -> tuple[int | None, str]:
    """Cycles and trial id of a line of treatment."""
    rng = case.rng
    if option == "platinum_etoposide":
        return rng.choice((4, 4, 6)), ""
    if option in ("folfiri", "folfox"):
        return max(1, min(pfs.days // 14, 12)), ""
    if option == "prrt_lu177_dotatate":
        return 4, ""
    if option in ("prrt_retreatment", "mibg_i131"):
        return 2, ""
    if option.startswith("liver_"):
        return rng.choice((1, 2)), ""
    if option == "clinical_trial":
        return None, rng.choice(TRIAL_IDS[:3])
    return None, ""
