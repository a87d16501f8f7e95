"""The engine as a whole: ranking, question, date cut-off, returns, custom catalogs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from netboard.domain.catalog import load_catalog, resources_dir
from netboard.domain.considerations import considerations
from netboard.domain.rules import ALL_RULES
from netboard.domain.vocab import (
    DiscussionStatus,
    PatientStatus,
    PrimarySite,
    ReasonEnded,
    Response,
    SignalDirection,
)
from tests.domain.checks import check_ranking, tier
from tests.factories import (
    TODAY,
    course,
    ct,
    discussion,
    make_case,
    months_ago,
    pathology,
    toxicity,
)


def test_ranking_puts_fitting_options_first_and_not_applicable_last() -> None:
    case = make_case(site=PrimarySite.PANCREAS, ki67=12, krenning=4)
    assessment = considerations(case, TODAY)
    check_ranking(assessment)
    first = assessment.options[0]
    assert first.supports > 0 and not first.blocked
    assert first.rank_reason.startswith("Fits this patient \u2014 for: ")
    last = assessment.options[-1]
    assert last.blocked and last.rank_reason.startswith("Not applicable now \u2014 ")
    silent = [a for a in assessment.options if tier(a) == 2]
    assert silent and all(a.rank_reason.startswith("Nothing specific on record") for a in silent)


def test_a_blocked_option_is_still_listed_with_its_reason() -> None:
    assessment = considerations(make_case(site=PrimarySite.LUNG, ki67=None, mitoses=1), TODAY)
    sunitinib = assessment.option("sunitinib")
    assert sunitinib.blocked and sunitinib.rank > len(assessment.options) - 8
    assert "studied in pancreatic NET" in sunitinib.rank_reason
    assert "sunitinib.population" not in sunitinib.rank_reason


def test_signals_in_an_option_read_supports_first() -> None:
    case = make_case(
        therapies=[
            course(
                "ssa_lanreotide",
                months_ago(30),
                months_ago(2),
                reason_ended=ReasonEnded.PROGRESSION,
            )
        ]
    )
    order = [s.direction for s in considerations(case, TODAY).option("ssa_lanreotide").signals]
    weights = {
        SignalDirection.SUPPORTS: 0,
        SignalDirection.AGAINST: 1,
        SignalDirection.CAUTION: 2,
        SignalDirection.INFORMATION: 3,
    }
    assert [weights[d] for d in order] == sorted(weights[d] for d in order)
    assert SignalDirection.AGAINST in order


def test_same_case_same_answer_whatever_the_record_order() -> None:
    case = make_case(
        ki67=15,
        therapies=[
            course(
                "ssa_lanreotide",
                months_ago(40),
                months_ago(20),
                best_response=Response.SD,
                reason_ended=ReasonEnded.PROGRESSION,
            ),
            course(
                "everolimus",
                months_ago(19),
                months_ago(4),
                best_response=Response.PR,
                reason_ended=ReasonEnded.PATIENT_CHOICE,
            ),
        ],
        extra_pathology=[pathology(months_ago(50), 2)],
        extra_imaging=[ct(months_ago(20), Response.PD)],
    )
    shuffled = replace(
        case,
        therapies=case.therapies[::-1],
        imaging=case.imaging[::-1],
        pathology=case.pathology[::-1],
    )
    assert considerations(case, TODAY) == considerations(shuffled, TODAY)


def test_question_from_latest_pending_discussion_or_explicit() -> None:
    talks = [
        discussion("Old question", DiscussionStatus.DISCUSSED, months_ago(6)),
        discussion("Is PRRT an option now?", DiscussionStatus.PENDING, months_ago(1)),
    ]
    case = make_case(question=None, discussions=talks)
    assert considerations(case, TODAY).question == "Is PRRT an option now?"
    assert not considerations(case, TODAY).readiness
    explicit = considerations(case, TODAY, question="  ")
    assert [s.rule_id for s in explicit.readiness] == ["readiness.question"]
    only_discussed = make_case(question=None, discussions=talks[:1])
    assert [s.rule_id for s in considerations(only_discussed, TODAY).readiness] == [
        "readiness.question"
    ]


def test_records_after_today_do_not_count() -> None:
    case = make_case(
        ki67=5,
        extra_pathology=[pathology(date(2026, 9, 1), 40)],
        extra_imaging=[ct(date(2026, 8, 1), Response.PD)],
    )
    now = considerations(case, TODAY)
    assert not now.drift
    assert all(s.rule_id != "grade.drift" for s in now.case_signals)
    later = considerations(case, date(2026, 10, 1))
    assert len(later.drift) == 1
    assert any(s.rule_id == "grade.drift" for s in later.case_signals)


def test_returns_qualify_and_exclude_as_described() -> None:
    case = make_case(
        therapies=[
            course(
                "ssa_octreotide_lar",
                months_ago(80),
                months_ago(60),
                best_response=Response.SD,
                reason_ended=ReasonEnded.PATIENT_CHOICE,
            ),
            course(
                "everolimus",
                months_ago(59),
                months_ago(50),
                best_response=Response.SD,
                reason_ended=ReasonEnded.TOXICITY,
            ),
            course(
                "captem",
                months_ago(49),
                months_ago(40),
                best_response=Response.PR,
                reason_ended=ReasonEnded.OTHER,
            ),
            course(
                "surgery_primary_resection",
                months_ago(39),
                months_ago(39),
                best_response=Response.CR,
                reason_ended=ReasonEnded.COMPLETED,
            ),
            course(
                "prrt_lu177_dotatate",
                months_ago(38),
                months_ago(32),
                best_response=Response.PD,
                reason_ended=ReasonEnded.COMPLETED,
            ),
            course(
                "liver_chemoembolization",
                months_ago(10),
                months_ago(10),
                best_response=Response.PR,
                reason_ended=ReasonEnded.COMPLETED,
                toxicities=[toxicity("hepatic pain", 3)],
            ),
            course("ssa_lanreotide", months_ago(9)),
        ],
        extra_imaging=[ct(months_ago(45), Response.PD)],
    )
    assessment = considerations(case, TODAY)
    returned = {r.option.id: r for r in assessment.returns}
    # octreotide: SD, stopped by choice -> yes; everolimus: toxicity -> no; CAPTEM: PD on
    # imaging during the course -> no; resection: one-time -> no; PRRT: 32 months without
    # progression after it -> offered as retreatment; TACE: controlled -> yes, with caution.
    assert set(returned) == {"ssa_octreotide_lar", "prrt_retreatment", "liver_chemoembolization"}
    prrt = returned["prrt_retreatment"]
    assert prrt.course.option_id == "prrt_lu177_dotatate"
    assert "at least 18 months" in prrt.reason and prrt.best_response == Response.PD
    octreotide = returned["ssa_octreotide_lar"]
    assert octreotide.reason.startswith(
        "Octreotide LAR (01 Oct 2019 to 01 Jun 2021): best response SD"
    )
    tace = assessment.option("liver_chemoembolization").signals
    assert any(s.rule_id == "returns.earlier_course" for s in tace)
    assert any(s.rule_id == "history.toxicity" and "hepatic pain grade 3" in s.text for s in tace)


def test_an_ongoing_option_is_not_offered_as_a_return() -> None:
    case = make_case(
        therapies=[
            course(
                "ssa_lanreotide",
                months_ago(60),
                months_ago(40),
                best_response=Response.SD,
                reason_ended=ReasonEnded.OTHER,
            ),
            course("ssa_lanreotide", months_ago(10)),
        ]
    )
    assert considerations(case, TODAY).returns == ()


def test_course_with_unknown_option_id_is_resolved_by_agent() -> None:
    odd = replace(
        course("prrt_lu177_dotatate", months_ago(30), months_ago(24)),
        option_id="legacy_code",
        agent="Lutathera 7.4 GBq x4",
    )
    assessment = considerations(make_case(therapies=[odd]), TODAY)
    retreat = assessment.option("prrt_retreatment").signals
    assert any(s.rule_id == "prrt_retreatment.first_pfs" and not s.blocking for s in retreat)


def test_custom_catalog_limits_the_options(tmp_path: Path) -> None:
    text = (resources_dir() / "catalog.toml").read_text(encoding="utf-8")
    start = text.index('[[option]]\nid = "sunitinib"')
    end = text.index("[[option]]", start + 5)
    path = tmp_path / "small.toml"
    path.write_text(text[start:end], encoding="utf-8")
    assessment = considerations(make_case(site=PrimarySite.PANCREAS), TODAY, load_catalog(path))
    assert [a.option.id for a in assessment.options] == ["sunitinib"]
    assert assessment.option("sunitinib").signals[0].rule_id == "sunitinib.population"


def test_unverified_flag_follows_the_rule() -> None:
    case = make_case(ki67=3, extra_imaging=[ct(months_ago(1), lesion_mm=20)])
    assessment = considerations(case, TODAY)
    ablation = assessment.option("ablation_rfa")
    assert all(s.unverified for s in ablation.signals if s.rule_id == "ablation.lesion_size")
    assert ablation.unverified
    prrt = assessment.option("prrt_lu177_dotatate").signals
    assert not any(s.unverified for s in prrt if s.rule_id == "prrt.sstr_uptake")


def test_rules_have_unique_ids_sources_and_summaries() -> None:
    ids = [r.id for r in ALL_RULES]
    assert len(ids) == len(set(ids))
    catalog = load_catalog()
    for rule in ALL_RULES:
        assert rule.source.strip() and rule.summary.strip(), rule.id
        assert rule.id.count(".") == 1, rule.id
        assert all(option in catalog for option in rule.options), rule.id
    assert {r.scope for r in ALL_RULES} == {"option", "case", "readiness"}


def test_option_lookup_of_unknown_id_raises() -> None:
    with pytest.raises(KeyError):
        considerations(make_case(), TODAY).option("nothing_like_it")


def test_patient_status_is_shown_on_the_case() -> None:
    case = make_case()
    deceased = replace(case, patient=replace(case.patient, status=PatientStatus.DECEASED))
    signals = considerations(deceased, TODAY).case_signals
    assert [s.text for s in signals if s.rule_id == "patient.status"] == [
        "Patient recorded as deceased"
    ]
    assert not any(s.rule_id == "patient.status" for s in considerations(case, TODAY).case_signals)


def test_latest_pending_question_is_chosen_by_meeting_date_not_list_order() -> None:
    talks = [
        discussion("Later meeting question", DiscussionStatus.PENDING, months_ago(0)),
        discussion("Earlier meeting question", DiscussionStatus.PENDING, months_ago(2)),
    ]
    case = make_case(question=None, discussions=talks)
    assert considerations(case, TODAY).question == "Later meeting question"


def test_a_death_recorded_after_the_day_assessed_is_not_known_that_day() -> None:
    """The case sheet of a past meeting said 'ended by death on 12 Apr 2025' on 25 Mar 2025: a
    record dated after the day assessed is left out, as every other record is."""
    end = date(2026, 6, 19)
    assert (end - TODAY).days == 18
    last = course("best_supportive_care", months_ago(2), end, reason_ended=ReasonEnded.DEATH)
    case = make_case(therapies=[last])
    case = replace(case, patient=replace(case.patient, status=PatientStatus.DECEASED))
    before = considerations(case, TODAY).case_signals
    assert not any(s.rule_id == "patient.status" for s in before)
    after = considerations(case, end).case_signals
    assert [s.text for s in after if s.rule_id == "patient.status"] == [
        "Patient recorded as deceased: Best supportive care / symptom management ended by death "
        "on 19 Jun 2026"
    ]
