"""A meeting's defaults, what is undecided, and the option cards in order (no Qt)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from types import SimpleNamespace

from netboard.domain.board.meetings import (
    default_due,
    review_date,
    stage_on_record,
    undecided,
)
from netboard.domain.board.option_entries import build_entries
from netboard.domain.catalog import load_catalog
from netboard.domain.snapshot import Decision, Meeting, MeetingSnapshot
from netboard.domain.vocab import Agreement, DiscussionStatus, Stance
from tests.factories.board import agenda_item, history_case, option

# 10:00 UTC is the same calendar day in every time zone from UTC-10 to UTC+13
MEETING = Meeting("m-1", datetime(2025, 6, 3, 10, tzinfo=UTC), "Synthetic board")


def test_undecided_cases_are_the_pending_and_those_without_a_recommendation() -> None:
    case, current = history_case()
    decision = Decision("dec", current.id, "PRRT", Agreement.CONSENSUS)
    statuses = [
        (DiscussionStatus.PENDING, None),  # 1: still to discuss
        (DiscussionStatus.DISCUSSED, None),  # 2: discussed, nothing recommended
        (DiscussionStatus.DISCUSSED, decision),  # 3: decided
        (DiscussionStatus.DEFERRED, None),  # 4: deferred to a later board
        (DiscussionStatus.PENDING, decision),  # 5: a decision typed, not marked discussed
    ]
    agenda = tuple(
        agenda_item(case, replace(current, status=status, decision=made))
        for status, made in statuses
    )
    assert undecided(MeetingSnapshot(MEETING, agenda=agenda)) == [1, 2, 5]


def test_due_dates_and_reviews_count_from_the_meeting_day() -> None:
    assert default_due(MEETING, date(2025, 5, 1)) == date(2025, 6, 17)
    assert default_due(None, date(2025, 5, 1)) == date(2025, 5, 15)
    assert review_date(MEETING, 12) == date(2025, 8, 26)
    assert review_date(MEETING, None) is None and review_date(MEETING, 0) is None


def test_the_stage_on_record_as_the_decision_takes_it() -> None:
    case, _current = history_case()
    assert stage_on_record(case) == "stage IV, T2 N1 M1"
    staging = replace(case.staging[0], stage_group="")
    assert stage_on_record(replace(case, staging=(staging,))) == "T2 N1 M1"
    assert stage_on_record(replace(case, staging=())) == ""
    assert stage_on_record(None) == ""


def test_option_cards_follow_the_engine_then_what_the_board_added() -> None:
    catalog = load_catalog()
    _case, current = history_case()
    prrt = option(current.id, "prrt_lu177_dotatate", Stance.RECOMMENDED, "Krenning 3")
    own = option(current.id, "not_in_catalog", Stance.ALTERNATIVE)
    disc = replace(current, options=(own, prrt))
    ranked = [SimpleNamespace(option=catalog.get(i), rank=n, rank_reason=f"reason {n}")
              for n, i in enumerate(("everolimus", "prrt_lu177_dotatate"), start=1)]  # fmt: skip
    assessment = SimpleNamespace(options=ranked, own_signals=lambda assessed: ("s",))
    entries = build_entries(assessment, disc, lambda option_id: f"name of {option_id}", catalog)
    assert [(e.option_id, e.rank, e.considered) for e in entries] == [
        ("everolimus", 1, None), ("prrt_lu177_dotatate", 2, prrt), ("not_in_catalog", None, own)]
    assert entries[1].reason == "reason 2" and entries[1].signals == ("s",)
    assert entries[2].name == "name of not_in_catalog" and entries[2].group_text == ""
    assert entries[0].key == "everolimus" and entries[2].key == own.id
    assert [e.option_id for e in build_entries(None, disc, str, catalog)] == [
        "not_in_catalog", "prrt_lu177_dotatate"]
