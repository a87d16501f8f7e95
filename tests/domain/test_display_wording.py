"""The one wording of dates, durations, numbers, staging and courses (domain.wording).

Every expectation is a literal string written by hand: the form a reader sees on screen, on the
slides, in the PDFs and in the engine's texts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from netboard.domain import wording as w
from netboard.domain.rules.dates import day
from netboard.domain.snapshot import StagingAssessment, TherapyCourse, Toxicity
from netboard.domain.validation import day_text
from netboard.domain.vocab import Grade, Modality, PrimarySite, ReasonEnded, Response

TODAY = date(2026, 12, 4)


def test_one_date_format_everywhere() -> None:
    assert w.fmt_date(date(2027, 12, 4)) == "04 Dec 2027"
    assert w.fmt_date(date(2024, 3, 3)) == "03 Mar 2024"
    assert w.fmt_date(None) == "\u2014" and w.fmt_date(None, empty="no date") == "no date"
    assert day_text(date(2027, 12, 4)) == "04 Dec 2027"  # messages
    assert day(date(2026, 4, 2)) == "02 Apr 2026"  # the engine's texts
    assert w.fmt_month(date(2024, 3, 3)) == "Mar 2024"
    assert w.fmt_long_date(date(2027, 12, 4)) == "4 December 2027"  # letters to patients


def test_a_moment_reads_in_local_time() -> None:
    here = datetime(2026, 12, 1, 15, 30).astimezone()  # 15:30 where the test runs
    assert w.fmt_datetime(here) == "01 Dec 2026, 15:30"
    assert w.fmt_datetime(here, weekday=True) == "Tue 01 Dec 2026, 15:30"
    assert w.fmt_datetime(None) == "\u2014"
    late = datetime(2026, 12, 1, 23, 30, tzinfo=timezone(timedelta(hours=-12)))
    assert w.fmt_date(late) == f"{late.astimezone().day:02d} Dec 2026"
    assert w.local_day(datetime(2026, 12, 1, 9, 0)) == date(2026, 12, 1)  # naive: as it is
    assert w.fmt_date(datetime(2026, 12, 1, 12, 0, tzinfo=UTC).astimezone()) == "01 Dec 2026"


@pytest.mark.parametrize(
    ("days", "text"),
    [(-3, "not started yet"), (0, "0 days"), (1, "1 day"), (13, "13 days"), (20, "2 weeks"),
     (60, "8 weeks"), (61, "2 months"), (400, "13 months"), (731, "2 years"),
     (760, "2 years 1 month"), (800, "2 years 2 months")],
)  # fmt: skip
def test_durations(days: int, text: str) -> None:
    assert w.duration(date(2020, 1, 1), date(2020, 1, 1) + timedelta(days=days)) == text


def test_clock_age_and_how_long_ago() -> None:
    assert w.clock_text(247) == "04:07" and w.clock_text(3723) == "1:02:03"
    assert w.clock_text(-5) == "00:00"
    assert w.age_on(date(1958, 12, 5), TODAY) == 67 and w.age_on(date(1958, 12, 4), TODAY) == 68
    assert w.age_on(None, TODAY) is None
    assert w.months_ago(date(2026, 8, 1), TODAY) == "01 Aug 2026, 4 mo ago"
    assert w.months_ago(date(2026, 11, 20), TODAY) == "20 Nov 2026"


def test_numbers() -> None:
    assert [w.num(12.0), w.num(2.5), w.num(0.75), w.num(1_250_000)] == [
        "12", "2.5", "0.75", "1,250,000"]  # fmt: skip
    assert w.fmt_number(12.0, "mm") == "12 mm" and w.fmt_number(None) == "\u2014"
    assert w.fmt_percent(18.0) == "18 %" and w.fmt_percent(2.5) == "2.5 %"
    assert w.ki67_text(11.0) == "Ki-67 11 %" and w.ki67_text(None) == "Ki-67 not recorded"


def test_grades_and_the_diagnosis_line() -> None:
    """The WHO grade reads as its vocabulary label wherever it is printed."""
    assert [g.label for g in (Grade.G1, Grade.G2, Grade.G3, Grade.NEC)] == [
        "G1", "G2", "G3", "NEC (high grade)"]  # fmt: skip
    assert Grade.TYPICAL_CARCINOID.label == "Typical carcinoid"
    assert w.diagnosis_line(PrimarySite.SMALL_INTESTINE, Grade.G2) == "Small intestine \u00b7 G2"
    assert w.diagnosis_line(PrimarySite.PANCREAS, None) == "Pancreas"
    assert w.diagnosis_line(None, Grade.NEC) == "NEC (high grade)"
    assert w.diagnosis_line(None, None) == ""


def test_staging() -> None:
    full = StagingAssessment("s", "t", date(2026, 1, 2), "T2", "N1", "M1", "IV", ("liver", "bone"),
                             30.0)  # fmt: skip
    assert w.tnm_text(full) == "T2 N1 M1"
    assert w.staging_parts(full) == [
        "T2 N1 M1", "stage IV", "metastases: liver, bone", "liver burden 30 %"]  # fmt: skip
    partial = StagingAssessment("s", "t", date(2026, 1, 2), t="T1", stage_group="")
    assert w.staging_parts(partial) == ["T1"]
    assert w.staging_parts(StagingAssessment("s", "t", date(2026, 1, 2))) == []


def _course(start: date, end: date | None, **more: object) -> TherapyCourse:
    return TherapyCourse("c", "p", "ssa_lanreotide", "Lanreotide", Modality.SOMATOSTATIN_ANALOG,
                         None, start, end, **more)  # type: ignore[arg-type]  # fmt: skip


def test_course_words() -> None:
    harms = (Toxicity("x", "c", "diarrhoea", 2), Toxicity("y", "c", "fatigue", 1))
    ended = _course(date(2022, 6, 5), date(2024, 2, 2), dose="120 mg", schedule="every 28 days",
                    cycles=4, best_response=Response.SD, reason_ended=ReasonEnded.PROGRESSION,
                    toxicities=harms)  # fmt: skip
    assert w.course_span(ended, TODAY) == "05 Jun 2022 to 02 Feb 2024 (20 months)"
    assert w.course_outcome(ended) == ["4 cycles", "best SD", "progression"]
    assert w.toxicity_text(ended) == "diarrhoea G2, fatigue G1"
    assert w.course_line(ended, TODAY) == (
        "Lanreotide 120 mg, every 28 days: 05 Jun 2022 to 02 Feb 2024 (20 months), 4 cycles, "
        "best SD, progression"
    )
    assert w.course_line(ended, TODAY, by_month=True) == (
        "Lanreotide 120 mg, every 28 days: Jun 2022 to Feb 2024 (20 months), 4 cycles, best SD, "
        "progression"
    )
    assert w.course_line(ended, TODAY, dosing=False).startswith("Lanreotide: 05 Jun 2022 to")
    running = _course(date(2025, 10, 1), None)
    assert w.course_line(running, TODAY) == "Lanreotide: since 01 Oct 2025, ongoing (14 months)"
    assert w.course_span(_course(date(2027, 1, 5), None), TODAY) == "planned from 05 Jan 2027"
    one_day = _course(date(2024, 8, 1), date(2024, 8, 1))
    assert w.course_span(one_day, TODAY) == "on 01 Aug 2024"
    assert w.span_text(date(2023, 1, 5), date(2024, 2, 1), ongoing=True) == "since 05 Jan 2023"
    assert w.span_text(date(2023, 1, 5), None, ongoing=True, by_month=True) == "since Jan 2023"
