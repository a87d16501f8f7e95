"""Disease extent: the fact, the texts it puts in signals, ranking after resection, returns."""

from __future__ import annotations

from dataclasses import replace

from netboard.domain.catalog import load_catalog
from netboard.domain.considerations import Signal, considerations
from netboard.domain.rules.dates import day
from netboard.domain.rules.extent import QUIET_NOTE
from netboard.domain.rules.extent_facts import Extent
from netboard.domain.rules.facts import build_facts
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.vocab import (
    ImagingModality,
    PrimarySite,
    ReasonEnded,
    Response,
    SignalDirection,
)
from tests.domain.cases_extent import (
    carcinoid_without_metastases,
    metastatic_pancreas_g2,
    prrt_durable,
    resected_stomach_g2,
)
from tests.factories import (
    TODAY,
    course,
    ct,
    imaging,
    make_case,
    months_ago,
    resection,
)


def _extent(case: CaseSnapshot) -> Extent:
    return build_facts(case, TODAY, load_catalog()).extent.kind


def _signal(case: CaseSnapshot, option: str, rule_id: str) -> Signal:
    signals = considerations(case, TODAY).option(option).signals
    return next(s for s in signals if s.rule_id == rule_id)


def test_extent_classes() -> None:
    assert _extent(resected_stomach_g2()) == Extent.NO_EVIDENCE
    assert _extent(carcinoid_without_metastases()) == Extent.LOCALIZED
    assert _extent(metastatic_pancreas_g2()) == Extent.ADVANCED
    assert _extent(make_case(metastatic_sites=None)) == Extent.UNKNOWN
    # Liver burden above 0 % counts as metastatic even without listed sites.
    assert _extent(make_case(metastatic_sites=(), liver_burden=5)) == Extent.ADVANCED
    # A progression after the resection: no longer 'no evidence'; not restaged: unknown.
    recurred = make_case(
        metastatic_sites=(),
        staging_date=months_ago(30),
        therapies=[resection(months_ago(29))],
        extra_imaging=[ct(months_ago(3), Response.PD)],
    )
    assert _extent(recurred) == Extent.UNKNOWN
    # A resection that is only planned (after today) is no resection yet.
    planned = make_case(metastatic_sites=(), therapies=[resection(TODAY.replace(day=20))])
    assert _extent(planned) == Extent.LOCALIZED


def test_stomach_after_resection_reads_as_a_clinician_expects() -> None:
    """Surveillance first; SSA against for extent with staging quoted; no ablation size."""
    assessment = considerations(resected_stomach_g2(), TODAY)
    assert assessment.options[0].option.id == "surveillance"
    follow_up = _signal(resected_stomach_g2(), "surveillance", "surveillance.after_resection")
    staging_day, resected_day = day(months_ago(62)), day(months_ago(61))
    assert f"Primary resected on {resected_day} (Endoscopic resection)" in follow_up.text
    assert (
        f'latest imaging CT on {day(months_ago(1))}: "No evidence of recurrence."' in follow_up.text
    )
    assert not follow_up.unverified
    lanreotide = assessment.option("ssa_lanreotide")
    assert lanreotide.rank > assessment.option("surveillance").rank
    against = next(s for s in lanreotide.signals if s.rule_id == "extent.advanced_trials")
    assert against.text.startswith(
        f"No metastatic or unresectable disease on record (staging {staging_day}: T2 N0 M0; "
        f"primary resected on {resected_day}, no progression since): CLARINET enrolled advanced"
    )
    assert "CLARINET" in against.source and against.blocking  # not applicable now
    uptake = next(s for s in lanreotide.signals if s.rule_id == "ssa.sstr_uptake")
    assert uptake.direction == SignalDirection.INFORMATION and uptake.text.endswith(QUIET_NOTE)
    for option in ("ablation_rfa", "ablation_microwave", "ablation_cryo"):
        rules = {s.rule_id for s in assessment.option(option).signals}
        assert rules == {"ablation.metastatic_target"}


def test_extent_makes_the_trial_options_not_applicable_and_names_each_trial() -> None:
    assessment = considerations(resected_stomach_g2(), TODAY)
    expected = {
        "ssa_octreotide_lar": "PROMID",
        "everolimus": "RADIANT-3 and RADIANT-4",
        "sunitinib": "sunitinib phase III",
        "cabozantinib": "CABINET",
        "captem": "E2211",
        "prrt_lu177_dotatate": "NETTER-1 and NETTER-2",
        "prrt_retreatment": "van der Zwan 2019",
        "pembrolizumab": "KEYNOTE-158",
    }
    for option, trial in expected.items():
        signal = next(
            s for s in assessment.option(option).signals if s.rule_id == "extent.advanced_trials"
        )
        assert trial in signal.text and signal.blocking, option
        assert assessment.option(option).rank_reason.startswith("Not applicable now"), option


def test_hormone_syndrome_keeps_ssa_support_and_says_why_extent_differs() -> None:
    case = carcinoid_without_metastases()
    support = _signal(case, "ssa_octreotide_lar", "ssa.hormone_syndrome")
    assert support.direction == SignalDirection.SUPPORTS
    against = _signal(case, "ssa_octreotide_lar", "extent.advanced_trials")
    assert "symptom control of the carcinoid syndrome is weighed separately" in against.text


def test_ablation_size_comes_from_a_metastasis_after_the_resection() -> None:
    size = _signal(metastatic_pancreas_g2(), "ablation_rfa", "ablation.lesion_size")
    assert size.text.startswith(f"Largest lesion 18 mm on {day(months_ago(1))} CT")
    # Only the pre-operative primary has a size: no size signal at all.
    pre_op_only = make_case(
        site=PrimarySite.PANCREAS,
        liver_burden=15,
        extra_imaging=[ct(months_ago(42), lesion_mm=22)],
        therapies=[resection(months_ago(40))],
    )
    signals = considerations(pre_op_only, TODAY).option("ablation_rfa").signals
    assert not any(s.rule_id == "ablation.lesion_size" for s in signals)
    # Endoscopic ultrasound measures the primary, not a metastasis.
    eus = make_case(
        site=PrimarySite.PANCREAS,
        liver_burden=15,
        with_ct=False,
        extra_imaging=[
            ct(months_ago(3), lesion_mm=19),
            imaging(months_ago(1), ImagingModality.ENDOSCOPIC_ULTRASOUND, lesion_mm=26),
        ],
    )
    size = _signal(eus, "ablation_rfa", "ablation.lesion_size")
    assert size.text.startswith(f"Largest lesion 19 mm on {day(months_ago(3))} CT")


def test_prrt_return_is_retreatment_with_the_original_course() -> None:
    returns = considerations(prrt_durable(), TODAY).returns
    assert [r.option.id for r in returns] == ["prrt_retreatment"]
    assert returns[0].course.option_id == "prrt_lu177_dotatate"
    assert "24 months without progression after it" in returns[0].reason


def test_control_window_is_six_months_after_the_end() -> None:
    def case(progression_months_after_end: int) -> CaseSnapshot:
        return make_case(
            therapies=[
                course(
                    "ssa_octreotide_lar",
                    months_ago(40),
                    months_ago(20),
                    best_response=Response.SD,
                    reason_ended=ReasonEnded.OTHER,
                )
            ],
            extra_imaging=[ct(months_ago(20 - progression_months_after_end), Response.PD)],
        )

    assert considerations(case(6), TODAY).returns == ()
    assert [r.option.id for r in considerations(case(7), TODAY).returns] == ["ssa_octreotide_lar"]


def test_prrt_ended_for_progression_is_not_durable() -> None:
    ended = course(
        "prrt_lu177_dotatate",
        months_ago(40),
        months_ago(34),
        best_response=Response.SD,
        reason_ended=ReasonEnded.PROGRESSION,
    )
    assessment = considerations(make_case(therapies=[ended]), TODAY)
    assert assessment.returns == ()
    retreat = next(
        s
        for s in assessment.option("prrt_retreatment").signals
        if s.rule_id == "prrt_retreatment.first_pfs"
    )
    assert retreat.direction == SignalDirection.AGAINST
    assert "progression during the course" in retreat.text


def test_unresectable_note_makes_the_disease_advanced() -> None:
    base = make_case(site=PrimarySite.PANCREAS, metastatic_sites=())
    assert _extent(base) == Extent.LOCALIZED
    tumor = replace(base.tumors[0], notes="Locally advanced; inoperable per surgical review.")
    assert _extent(replace(base, tumors=(tumor,))) == Extent.ADVANCED


def test_a_completed_proton_course_is_not_offered_as_a_return() -> None:
    """Proton therapy to one site is a one-time course (re-irradiation is no return)."""
    proton = course(
        "radiation_proton",
        months_ago(20),
        months_ago(18),
        best_response=Response.SD,
        reason_ended=ReasonEnded.COMPLETED,
    )
    case = make_case(site=PrimarySite.PARAGANGLIOMA, metastatic_sites=(), therapies=[proton])
    assert considerations(case, TODAY).returns == ()
