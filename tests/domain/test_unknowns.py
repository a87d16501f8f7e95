"""Property: an unknown fact never raises an option's standing above what a known value of that
fact would give (reference §6: an option whose population is unknown ranks below one that fits).

For a generated case, one fact is made unknown (Ki-67, Krenning score, ECOG, staging, diagnosis
date, creatinine). Each option's rank key (tier, then score) with the fact unknown must be no
better than its best key over the fact's possible values, the rest of the case unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netboard.domain.considerations import CaseAssessment, considerations
from netboard.domain.vocab import Analyte, PrimarySite, ReasonEnded, Response, Sex
from tests.factories import TODAY, course, ct, lab, make_case, months_ago

SITES = [
    PrimarySite.SMALL_INTESTINE,
    PrimarySite.PANCREAS,
    PrimarySite.RECTUM,
    PrimarySite.LUNG,
    PrimarySite.APPENDIX,
    PrimarySite.UNKNOWN_PRIMARY,
]
KI67 = [1.0, 4.0, 8.0, 12.0, 25.0, 40.0, 60.0]
KRENNING = [0, 1, 2, 3, 4]
ECOG = [0, 1, 2, 3, 4]
STAGING: list[tuple[str, ...]] = [(), ("liver",), ("liver", "bone"), ("lung",)]
DIAGNOSED = [months_ago(2), months_ago(40)]
CREATININE = [0.7, 1.4, 3.0]


def _history(kind: int) -> list[Any]:
    if kind == 1:
        ended = ReasonEnded.PROGRESSION
        return [course("ssa_octreotide_lar", months_ago(20), months_ago(2), reason_ended=ended)]
    if kind == 2:
        return [course("ssa_lanreotide", months_ago(10), None, best_response=Response.SD)]
    if kind == 3:
        ended = ReasonEnded.PROGRESSION
        return [course("everolimus", months_ago(14), months_ago(1), reason_ended=ended)]
    return []


base = st.fixed_dictionaries(
    {
        "site": st.sampled_from(SITES),
        "ki67": st.sampled_from(KI67),
        "krenning": st.sampled_from(KRENNING),
        "ecog_value": st.sampled_from(ECOG),
        "metastatic_sites": st.sampled_from(STAGING),
        "diagnosed": st.sampled_from(DIAGNOSED),
        "history": st.integers(min_value=0, max_value=3),
        "creatinine": st.sampled_from(CREATININE),
        "progressing": st.booleans(),
    }
)
FACTS: dict[str, list[Any]] = {
    "ki67": KI67,
    "krenning": KRENNING,
    "ecog_value": ECOG,
    "metastatic_sites": STAGING,
    "diagnosed": DIAGNOSED,
    "creatinine": CREATININE,
}


def _build(values: dict[str, Any]) -> Any:
    labs = []
    if values["creatinine"] is not None:
        labs = [lab(months_ago(1), Analyte.CREATININE, values["creatinine"], "mg/dL")]
    imaging = [ct(months_ago(3), response=Response.PD)] if values["progressing"] else []
    return make_case(
        site=values["site"],
        ki67=values["ki67"],
        krenning=values["krenning"],
        ecog_value=values["ecog_value"],
        metastatic_sites=values["metastatic_sites"],
        diagnosed=values["diagnosed"],
        therapies=_history(values["history"]),
        labs=labs,
        extra_imaging=imaging,
        sex=Sex.FEMALE,
    )


Key = tuple[int, float]


def _keys(assessment: CaseAssessment) -> dict[str, Key]:
    return {a.option.id: (a.tier, -a.score if a.applicable else 0.0) for a in assessment.options}


def _unknown_case(values: dict[str, Any], fact: str) -> Any:
    if fact == "diagnosed":
        case = _build(values)
        tumor = case.tumors[0]
        from dataclasses import replace

        return replace(case, tumors=(replace(tumor, diagnosis_date=None),))
    return _build({**values, fact: None})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=base, fact=st.sampled_from(sorted(FACTS)))
def test_an_unknown_never_ranks_an_option_above_its_best_known_value(
    values: dict[str, Any], fact: str
) -> None:
    today: date = TODAY
    unknown = _keys(considerations(_unknown_case(values, fact), today))
    known: list[dict[str, Key]] = [
        _keys(considerations(_build({**values, fact: value}), today)) for value in FACTS[fact]
    ]
    for option_id, key in unknown.items():
        best = min(k[option_id] for k in known)
        assert key >= best, (fact, option_id, key, best, values)


def test_the_property_can_fail() -> None:
    """Sanity check of the oracle: a Krenning of 4 gives PRRT a better key than no score."""
    values = {
        "site": PrimarySite.SMALL_INTESTINE,
        "ki67": 4.0,
        "krenning": 4,
        "ecog_value": 1,
        "metastatic_sites": ("liver",),
        "diagnosed": months_ago(40),
        "history": 1,
        "creatinine": 0.7,
        "progressing": False,
    }
    keyed: Callable[[Any], Key] = lambda case: _keys(considerations(case, TODAY))[  # noqa: E731
        "prrt_lu177_dotatate"
    ]
    assert keyed(_build(values)) < keyed(_unknown_case(values, "krenning"))
