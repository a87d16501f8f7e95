"""Draw one synthetic patient's biology: site, histology, Ki-67, stage, syndromes, SSTR status.

Site shares follow the program's mix (small intestine and pancreas about 30 % each, lung 12 %,
rectum 7 %, unknown primary 6 %, appendix, stomach and paraganglioma 5 % each); grades are mostly
G1/G2 with some G3 and NEC, consistent with the WHO 2019 table (net-clinical-facts.md, section 1).
"""

from __future__ import annotations

import bisect
import itertools
from datetime import date, timedelta
from random import Random

from netboard.demo.case import Case, IdSource, randint, round_ki67
from netboard.domain.vocab import (
    FunctionalSyndrome,
    HereditarySyndrome,
    Histology,
    PrimarySite,
    Sex,
)

S = PrimarySite
SITE_WEIGHTS: tuple[tuple[PrimarySite, int], ...] = (
    (S.SMALL_INTESTINE, 30), (S.PANCREAS, 30), (S.LUNG, 12), (S.RECTUM, 7), (S.APPENDIX, 5),
    (S.STOMACH, 5), (S.UNKNOWN_PRIMARY, 6), (S.PARAGANGLIOMA, 5),
)
_SITES = tuple(site for site, _ in SITE_WEIGHTS)
_CUM_WEIGHTS = tuple(itertools.accumulate(w for _, w in SITE_WEIGHTS))

NEC_SHARE = {S.LUNG: 0.12, S.PANCREAS: 0.04, S.STOMACH: 0.12, S.RECTUM: 0.10,
             S.UNKNOWN_PRIMARY: 0.22, S.SMALL_INTESTINE: 0.01}
G3_SHARE = {S.PANCREAS: 0.09, S.STOMACH: 0.05, S.UNKNOWN_PRIMARY: 0.06, S.SMALL_INTESTINE: 0.02}
METASTATIC_AT_DIAGNOSIS = {S.SMALL_INTESTINE: 0.55, S.PANCREAS: 0.45, S.LUNG: 0.2,
                           S.RECTUM: 0.06, S.APPENDIX: 0.02, S.STOMACH: 0.12,
                           S.UNKNOWN_PRIMARY: 1.0, S.PARAGANGLIOMA: 0.15}


def _draw_ki67(rng: Random, site: PrimarySite, histology: Histology, g3: bool) -> float:
    if histology in (Histology.NEC_SMALL_CELL, Histology.NEC_LARGE_CELL):
        return float(randint(rng, 45, 90))
    if g3:
        return float(randint(rng, 21, 55))
    if site == S.LUNG:
        return round_ki67(rng.uniform(0.5, 12))
    if rng.random() < 0.45:
        return round_ki67(rng.uniform(0.5, 2.5))
    return round_ki67(min(20.0, 3 + rng.expovariate(1 / 5)))


def _draw_mitoses(rng: Random, site: PrimarySite, ki67: float, nec: bool) -> tuple[float, bool]:
    """Mitoses per 2 mm² and necrosis, consistent with the grade the Ki-67 gives."""
    if nec:
        return float(randint(rng, 25, 80)), rng.random() < 0.8
    if site == S.LUNG:
        atypical = ki67 >= 5 or rng.random() < 0.2
        if atypical:
            return float(randint(rng, 2, 9)), rng.random() < 0.4
        return float(randint(rng, 0, 1)), False
    if ki67 < 3:
        return float(randint(rng, 0, 1)), False
    if ki67 <= 20:
        return float(randint(rng, 0, 6)), False
    return float(randint(rng, 5, 20)), rng.random() < 0.3


LONG_HISTORY_EVERY = 160
"""One patient in 160 has a long, dense record (10+ years of labs and imaging, ~300 rows)."""


def new_case(rng: Random, index: int, today: date, institutions: tuple[str, ...]) -> Case:
    """Draw the patient's biology and diagnosis (no therapy yet)."""
    new_id = IdSource(rng)
    long_history = index % LONG_HISTORY_EVERY == 7
    site, histology = _draw_site_histology(rng, long_history)
    nec = histology != Histology.NET and histology != Histology.PPGL
    g3 = histology == Histology.NET and not long_history and rng.random() < G3_SHARE.get(site, 0.0)
    ki67, mitoses, necrosis = _draw_grading(rng, site, histology, g3, long_history)
    diagnosis, birth = _draw_dates(rng, today, site, nec, long_history)
    sex = Sex.FEMALE if rng.random() < 0.5 else Sex.MALE
    metastatic = long_history or rng.random() < (
        0.75 if nec else 0.6 if g3 else METASTATIC_AT_DIAGNOSIS[site]
    )
    functional = _draw_functional(rng, site, histology, metastatic or long_history, long_history)
    hereditary = _draw_hereditary(rng, site, functional)
    if functional == FunctionalSyndrome.INSULINOMA:
        metastatic = False
    sstr, krenning = _draw_sstr(rng, site, nec, g3, long_history)
    size = _draw_size(rng, site, functional)
    home = institutions[0] if rng.random() < 0.6 else rng.choice(institutions[1:])
    case = Case(
        rng=rng, new_id=new_id, today=today, index=index, patient_id=new_id(),
        tumor_id=new_id(), sex=sex, birth_date=birth, site=site, histology=histology, ki67=ki67,
        mitoses=mitoses, necrosis=necrosis, diagnosis=diagnosis, metastatic=metastatic,
        sstr_positive=sstr, krenning=krenning, functional=functional, hereditary=hereditary,
        primary_size_mm=size, liver_dominant=metastatic and rng.random() < 0.45,
        bone_metastases=metastatic and rng.random() < (0.3 if nec else 0.12),
        long_history=long_history, home_institution=home, main_site=institutions[0],
        mibg_avid=site == S.PARAGANGLIOMA and rng.random() < 0.6,
        head_neck=site == S.PARAGANGLIOMA and rng.random() < 0.25,
    )
    if long_history:
        case.liver_dominant = True
    return case


def _draw_site_histology(rng: Random, long_history: bool) -> tuple[PrimarySite, Histology]:
    if long_history:
        site = S.SMALL_INTESTINE
    else:
        site = _SITES[bisect.bisect_right(_CUM_WEIGHTS, rng.random() * _CUM_WEIGHTS[-1])]
    if site == S.PARAGANGLIOMA:
        return site, Histology.PPGL
    if not long_history and rng.random() < NEC_SHARE.get(site, 0.0):
        large = rng.random() < (0.5 if site == S.LUNG else 0.6)
        return site, Histology.NEC_LARGE_CELL if large else Histology.NEC_SMALL_CELL
    return site, Histology.NET


def _draw_grading(
    rng: Random, site: PrimarySite, histology: Histology, g3: bool, long_history: bool
) -> tuple[float | None, float | None, bool]:
    """Ki-67, mitoses and necrosis (none for a paraganglioma)."""
    if histology == Histology.PPGL:
        return None, None, False
    ki67 = _draw_ki67(rng, site, histology, g3)
    if long_history:
        ki67 = round_ki67(rng.uniform(0.5, 6))
    nec = histology != Histology.NET
    mitoses, necrosis = _draw_mitoses(rng, site, ki67, nec)
    return ki67, mitoses, necrosis


def _draw_dates(
    rng: Random, today: date, site: PrimarySite, nec: bool, long_history: bool
) -> tuple[date, date]:
    """The day of diagnosis and the birth date."""
    if long_history:
        years_ago = rng.uniform(11, 15)
    elif nec:
        years_ago = rng.uniform(0.1, 3.5)
    else:
        years_ago = min(14.0, rng.expovariate(1 / 4.5))  # steady referrals, fewer long survivors
    diagnosis = today - timedelta(days=max(20, round(years_ago * 365.25)))
    age_mean = {S.APPENDIX: 42, S.PARAGANGLIOMA: 47, S.RECTUM: 55}.get(site, 61)
    age = max(19.0, min(88.0, rng.gauss(age_mean, 11)))
    return diagnosis, diagnosis - timedelta(days=round(age * 365.25))


def _draw_functional(
    rng: Random, site: PrimarySite, histology: Histology, spread: bool, long_history: bool
) -> FunctionalSyndrome:
    """``spread``: metastatic (or a long history) at diagnosis."""
    r = rng.random()
    if site in (S.SMALL_INTESTINE, S.UNKNOWN_PRIMARY) and spread:
        if long_history or r < 0.4:
            return FunctionalSyndrome.CARCINOID_SYNDROME
    elif site == S.LUNG and spread and r < 0.05:
        return FunctionalSyndrome.CARCINOID_SYNDROME
    elif site == S.PANCREAS and histology == Histology.NET:
        for limit, syndrome in PANCREATIC_SYNDROMES:
            if r < limit:
                return syndrome
    elif site == S.PARAGANGLIOMA and r < 0.6:
        return FunctionalSyndrome.CATECHOLAMINE_EXCESS
    return FunctionalSyndrome.NONE


PANCREATIC_SYNDROMES = (
    (0.05, FunctionalSyndrome.INSULINOMA), (0.08, FunctionalSyndrome.GASTRINOMA),
    (0.09, FunctionalSyndrome.VIPOMA), (0.10, FunctionalSyndrome.GLUCAGONOMA),
)
"""Cumulative shares of the functional pancreatic NETs."""


def _draw_hereditary(
    rng: Random, site: PrimarySite, functional: FunctionalSyndrome
) -> HereditarySyndrome:
    r = rng.random()
    if site == S.PANCREAS:
        if functional == FunctionalSyndrome.GASTRINOMA and r < 0.25:
            return HereditarySyndrome.MEN1
        return (HereditarySyndrome.MEN1 if r < 0.06 else HereditarySyndrome.VHL if r < 0.08
                else HereditarySyndrome.NONE)
    if site == S.STOMACH and r < 0.04:
        return HereditarySyndrome.MEN1
    if site == S.PARAGANGLIOMA:
        return (HereditarySyndrome.SDHX if r < 0.25 else HereditarySyndrome.VHL if r < 0.3
                else HereditarySyndrome.NF1 if r < 0.33 else HereditarySyndrome.NONE)
    return HereditarySyndrome.NONE


def _draw_sstr(
    rng: Random, site: PrimarySite, nec: bool, g3: bool, long_history: bool
) -> tuple[bool, int]:
    """SSTR imaging positive or not, and the Krenning score (3-4 when positive, else 0-2)."""
    if nec:
        sstr, krenning = rng.random() < 0.2, rng.choice((0, 1, 2, 3))
    elif g3:
        sstr = rng.random() < 0.6
        krenning = rng.choice((3, 4)) if sstr else rng.choice((0, 1, 2))
    elif site == S.LUNG:
        sstr = rng.random() < 0.7
        krenning = rng.choice((3, 3, 4)) if sstr else rng.choice((0, 1, 2))
    else:
        sstr = long_history or rng.random() < 0.86
        krenning = rng.choice((3, 4, 4)) if sstr else rng.choice((1, 2))
    return sstr, max(krenning, 3) if sstr else min(krenning, 2)


SIZE_BY_SITE = {S.RECTUM: (4, 26), S.APPENDIX: (5, 30), S.STOMACH: (4, 20),
                S.PANCREAS: (8, 60), S.LUNG: (9, 45), S.SMALL_INTESTINE: (8, 30),
                S.PARAGANGLIOMA: (20, 80), S.UNKNOWN_PRIMARY: (0, 0)}
"""Primary tumor size range in mm (none for an unknown primary)."""


def _draw_size(rng: Random, site: PrimarySite, functional: FunctionalSyndrome) -> float:
    lo, hi = SIZE_BY_SITE[site]
    size = float(randint(rng, lo, hi)) if hi else 0.0
    if functional == FunctionalSyndrome.INSULINOMA:
        size = float(randint(rng, 8, 19))
    return size
