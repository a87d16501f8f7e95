"""Concordance in words: each recommended option's fate, written out by hand (the oracle)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from netboard.domain.board import concordance as cc
from netboard.domain.snapshot import Decision, Meeting, TherapyCourse
from netboard.domain.vocab import Agreement, Stance
from tests.factories.board import course, discussion, option, person

TODAY = date(2024, 6, 1)
BOARD = datetime(2024, 3, 5, 12, 0)  # naive: read as local time, the board's day is 05 Mar 2024
MEETING = Meeting("m1", BOARD, "Synthetic board")


def _decided(*stances: tuple[str, Stance], courses: tuple[TherapyCourse, ...] = ()) -> cc.Decided:
    who = person()
    disc = discussion(who.id, BOARD, disc_id="d1")
    decision = Decision("dec-1", disc.id, "As discussed", Agreement.CONSENSUS)
    options = tuple(option(disc.id, o, s) for o, s in stances)
    return MEETING, who, replace(disc, options=options, decision=decision), courses


def _rows(entry: cc.Decided) -> list[tuple[str | None, str, str]]:
    rows = cc.concordance([entry], TODAY, str.upper, lambda o: o == "watch")
    return [(r.option_id, r.status, r.detail) for r in rows]


def test_each_fate_reads_as_written() -> None:
    pid = "p"
    entry = _decided(
        ("ssa", Stance.RECOMMENDED), ("prrt", Stance.RECOMMENDED), ("evero", Stance.RECOMMENDED),
        ("watch", Stance.RECOMMENDED), ("sunitinib", Stance.ALTERNATIVE),
        courses=(
            course(pid, "ssa", "Lanreotide", date(2023, 1, 10)),
            course(pid, "prrt", "Lu-177", date(2024, 7, 1), decision_id="dec-1"),
            course(pid, "capecitabine", "CAPTEM", date(2024, 3, 20)),
        ),
    )
    assert _rows(entry) == [
        ("ssa", cc.STARTED,
         "Lanreotide running since 10 Jan 2023 (continued; not linked to the decision)"),
        ("prrt", cc.PLANNED, "Lu-177 starts 01 Jul 2024 (118 days after the board; linked to "
                             "this decision)"),
        ("evero", cc.OTHER, "CAPTEM started 20 Mar 2024 instead"),
        ("watch", cc.WATCHFUL, "Followed by imaging and review, not a course"),
    ]  # fmt: skip
    rows = cc.concordance([entry], TODAY, str.upper, lambda o: o == "watch")
    assert cc.concordance_summary(rows) == (
        "1 of 3 recommended options became a started therapy course (33 %); 1 planned."
    )


def test_no_recommended_option_and_nothing_started() -> None:
    assert _rows(_decided(("ssa", Stance.ALTERNATIVE))) == [
        (None, cc.NO_OPTION, "The decision names no option as recommended")
    ]
    assert _rows(_decided(("ssa", Stance.RECOMMENDED))) == [
        ("ssa", cc.NOT_STARTED, "No therapy course recorded since the board")
    ]
