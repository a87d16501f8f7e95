"""How the product writes dates, durations, numbers, staging and therapy courses: one place, so
the screens, the slides, the PDFs and the considerations engine read the same.

One display format for a date everywhere: '04 Dec 2027' (day first, English month, never the ISO
form, independent of the computer's locale). Patient letters alone spell the month out
('4 December 2027', ``fmt_long_date``).
"""

from __future__ import annotations

from datetime import date, datetime

from netboard.domain.snapshot import StagingAssessment, TherapyCourse
from netboard.domain.vocab import Vocab

DASH = "\u2014"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LONG_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# --- dates and times ---------------------------------------------------------------------------


def local(moment: datetime) -> datetime:
    """An aware time in the computer's time zone (meetings are stored in UTC); naive unchanged."""
    return moment.astimezone() if moment.tzinfo is not None else moment


def local_day(moment: datetime) -> date:
    """The calendar day of a moment where the reader is."""
    return local(moment).date()


def _day(value: date | datetime) -> date:
    return local_day(value) if isinstance(value, datetime) else value


def fmt_date(value: date | datetime | None, empty: str = DASH) -> str:
    """'04 Dec 2027'; a moment (datetime) by its local day; ``empty`` when unknown."""
    if value is None:
        return empty
    day = _day(value)
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def fmt_month(value: date | None) -> str:
    """'Dec 2027'."""
    return f"{MONTHS[value.month - 1]} {value.year}" if value is not None else DASH


def fmt_long_date(value: date | None) -> str:
    """'4 December 2027': the month spelled out, for letters to patients."""
    if value is None:
        return DASH
    return f"{value.day} {LONG_MONTHS[value.month - 1]} {value.year}"


def fmt_datetime(moment: datetime | None, empty: str = DASH, *, weekday: bool = False) -> str:
    """'04 Dec 2027, 16:00' in local time ('Sat 04 Dec 2027, 16:00' with ``weekday``)."""
    if moment is None:
        return empty
    here = local(moment)
    head = f"{WEEKDAYS[here.weekday()]} " if weekday else ""
    return f"{head}{fmt_date(here.date())}, {here:%H:%M}"


def clock_text(seconds: float) -> str:
    """A running clock: '04:07' (minutes:seconds), '1:02:03' past an hour."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def age_on(birth: date | None, today: date) -> int | None:
    """Whole years between a birth date and ``today``."""
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def plural(count: int, unit: str) -> str:
    """'1 lesion', '3 lesions', '0 days'."""
    return f"{count} {unit}{'' if count == 1 else 's'}"


def duration(start: date, end: date) -> str:
    """How long something ran: '1 day', '3 weeks', '7 months', '2 years 4 months'."""
    days = (end - start).days
    if days < 0:
        return "not started yet"
    if days < 14:
        return plural(days, "day")
    if days < 61:
        return f"{days // 7} weeks"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} months"
    years, rest = divmod(months, 12)
    return plural(years, "year") + (f" {plural(rest, 'month')}" if rest else "")


def months_ago(day: date, today: date) -> str:
    """'05 Jan 2024, 4 mo ago': how old a finding is (the date alone within a month)."""
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    return fmt_date(day) if months < 1 else f"{fmt_date(day)}, {months} mo ago"


# --- numbers and vocabulary ----------------------------------------------------------------------


def num(value: float) -> str:
    """A number as a clinician writes it: 12, 2.5, 0.75 (no trailing zeros), 1,250,000."""
    return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"


def fmt_number(value: float | None, unit: str = "") -> str:
    """'12 mm', '2.5'; a dash when unknown."""
    return DASH if value is None else f"{num(value)} {unit}".strip()


def fmt_percent(value: float | None) -> str:
    """'18 %', '2.5 %'; a dash when unknown."""
    return DASH if value is None else f"{num(value)} %"


def ki67_text(value: float | None) -> str:
    """'Ki-67 11 %', or 'Ki-67 not recorded'."""
    return "Ki-67 not recorded" if value is None else f"Ki-67 {num(value)} %"


def fmt_label(value: Vocab | None) -> str:
    return value.label if value is not None else DASH


def diagnosis_line(site: Vocab | None, grade: Vocab | None) -> str:
    """'Small intestine · G2': the primary site and WHO grade (their vocabulary labels, e.g.
    'NEC (high grade)', 'Typical carcinoid'), what is known of them; '' when neither is."""
    return " \u00b7 ".join(p.label for p in (site, grade) if p is not None)


# --- staging -----------------------------------------------------------------------------------


def tnm_text(staging: StagingAssessment) -> str:
    """'T2 N1 M1' (the parts recorded), '' when none is."""
    return " ".join(p for p in (staging.t, staging.n, staging.m) if p)


def staging_parts(staging: StagingAssessment) -> list[str]:
    """['T2 N1 M1', 'stage IV', 'metastases: liver, bone', 'liver burden 30 %'] (what is
    recorded; the caller joins them with its own separator)."""
    parts = [tnm_text(staging)] if tnm_text(staging) else []
    if staging.stage_group:
        parts.append(f"stage {staging.stage_group}")
    if staging.metastatic_sites:
        parts.append("metastases: " + ", ".join(staging.metastatic_sites))
    if staging.liver_burden_pct is not None:
        parts.append(f"liver burden {fmt_percent(staging.liver_burden_pct)}")
    return parts


# --- therapy courses ---------------------------------------------------------------------------


def span_text(start: date, end: date | None, *, ongoing: bool, by_month: bool = False) -> str:
    """'since 05 Jan 2023' (ongoing), 'on 05 Jan 2023' (one day), '05 Jan 2023 to 01 Feb 2024';
    ``by_month``: 'since Jan 2023', 'Jan 2023 to Feb 2024' (a printed history: space counts)."""
    when = fmt_month if by_month else fmt_date
    if ongoing or end is None:
        return f"since {when(start)}"
    if end == start:
        return f"on {fmt_date(start)}"
    return f"{when(start)} to {when(end)}"


def course_span(course: TherapyCourse, today: date, *, by_month: bool = False) -> str:
    """When a course ran and for how long: 'planned from 05 Jan 2027', 'since 05 Jan 2023,
    ongoing (1 year 2 months)', 'on 05 Jan 2023', '05 Jan 2023 to 01 Feb 2024 (13 months)'."""
    if course.start_date > today:
        return f"planned from {fmt_date(course.start_date)}"
    if course.end_date is None:
        since = span_text(course.start_date, None, ongoing=True, by_month=by_month)
        return f"{since}, ongoing ({duration(course.start_date, today)})"
    span = span_text(course.start_date, course.end_date, ongoing=False, by_month=by_month)
    if course.end_date == course.start_date:
        return span
    return f"{span} ({duration(course.start_date, course.end_date)})"


def toxicity_text(course: TherapyCourse) -> str:
    """'diarrhoea G2, fatigue G1' ('' when none is recorded)."""
    return ", ".join(f"{t.term} G{t.grade}" for t in course.toxicities)


def course_outcome(course: TherapyCourse) -> list[str]:
    """['4 cycles', 'best PR', 'progression'] (what is recorded; the last is why it ended)."""
    facts = [plural(course.cycles, "cycle")] if course.cycles else []
    if course.best_response is not None:
        facts.append(f"best {course.best_response.label}")
    if course.reason_ended is not None:
        facts.append(course.reason_ended.label.lower())
    return facts


def dosing_text(course: TherapyCourse) -> str:
    """'120 mg, every 28 days' ('' when neither dose nor schedule is recorded)."""
    return ", ".join(p for p in (course.dose, course.schedule) if p)


def course_line(
    course: TherapyCourse,
    today: date,
    name: str = "",
    *,
    dosing: bool = True,
    by_month: bool = False,
) -> str:
    """'Lanreotide 120 mg, every 28 days: 05 Jun 2022 to 02 Feb 2024 (20 months), best SD,
    progression' — the one line for a course on screen, slide and paper (``by_month``: 'Jun 2022
    to Feb 2024', for the printed therapy history)."""
    label = course.agent or name or course.option_id
    head = f"{label} {dosing_text(course)}".strip() if dosing else label
    outcome = course_outcome(course)
    tail = "".join(f", {fact}" for fact in outcome)
    return f"{head}: {course_span(course, today, by_month=by_month)}{tail}"
