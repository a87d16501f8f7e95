"""Table-driven: care close to home, the lesion count, readiness in NEC and small rectal NET
(tests/domain/cases_home.py), plus the checks a table cannot express."""

from __future__ import annotations

from dataclasses import replace

import pytest

from netboard.domain.considerations import considerations
from netboard.domain.vocab import DiscussionStatus
from tests.domain.cases_home import HOME_CASES, _lesions, _with_preferences
from tests.domain.cases_ranking import RankCase
from tests.domain.test_considerations_ranking import check_case
from tests.factories import TODAY, discussion, make_case


@pytest.mark.parametrize("case", HOME_CASES, ids=[c.name for c in HOME_CASES])
def test_home_case(case: RankCase) -> None:
    check_case(considerations(case.build(), TODAY), case)


def _where(option_id: str, preferences: str = "Prefers treatment closer to home.") -> str:
    assessment = considerations(_with_preferences(preferences), TODAY)
    [signal] = [
        s for s in assessment.option(option_id).signals if s.rule_id == "care.where_available"
    ]
    return signal.text


def test_where_each_option_is_available_in_plain_words() -> None:
    assert _where("ssa_lanreotide") == (
        "Available near home (Fictional Valley Clinic): A nurse at a clinic near home, or at "
        "home, does the injection"
    )
    assert _where("prrt_lu177_dotatate") == (
        "Specialized center only: Nuclear medicine at the specialized center, one day for each "
        "dose. 4 doses, 8 weeks apart (about 7 months); a long-acting somatostatin analog is "
        "paused at least 4 weeks before each dose"
    )


def test_the_case_says_which_options_fit_care_close_to_home() -> None:
    assessment = considerations(_with_preferences("Prefers treatment closer to home."), TODAY)
    [said] = [s for s in assessment.case_signals if s.rule_id == "care.close_to_home"]
    near, center = said.text.split("Available near home: ")[1].split(". Specialized center only: ")
    assert said.text.startswith('Patient preferences (01 Jun 2026): "Prefers treatment closer')
    assert {"Octreotide LAR", "Lanreotide", "Everolimus", "CAPTEM"} <= set(near.split(", "))
    assert {"Lu-177 PRRT", "I-131 MIBG", "Liver resection", "TARE"} <= set(center.split(", "))
    assert not set(near.split(", ")) & set(center.split(", "))


def test_unverified_setting_is_flagged_and_verified_one_is_not() -> None:
    assessment = considerations(_with_preferences("Prefers treatment closer to home."), TODAY)

    def flag(option_id: str) -> bool:
        [s] = [x for x in assessment.option(option_id).signals if x.rule_id.startswith("care.")]
        return s.unverified

    assert not flag("ssa_lanreotide") and not flag("prrt_lu177_dotatate")
    assert flag("platinum_etoposide") and flag("ablation_rfa")  # setting not in the reference


def test_care_close_to_home_never_reorders_the_options() -> None:
    plain = considerations(make_case(question=None), TODAY)
    asked = considerations(_with_preferences("Prefers treatment closer to home."), TODAY)
    assert [a.option.id for a in plain.options] == [a.option.id for a in asked.options]


def test_preferences_of_a_meeting_after_today_are_not_read() -> None:
    later = replace(
        discussion("Next line?", status=DiscussionStatus.DISCUSSED, day=TODAY.replace(year=2027)),
        patient_preferences="Prefers treatment closer to home.",
    )
    assessment = considerations(make_case(discussions=[later]), TODAY)
    assert not [s for s in assessment.case_signals if s.rule_id == "care.close_to_home"]


def test_few_lesions_rank_liver_resection_above_many() -> None:
    few = considerations(_lesions(2), TODAY).option("surgery_liver_resection")
    many = considerations(_lesions(12), TODAY).option("surgery_liver_resection")
    assert few.score > many.score and few.rank <= many.rank
