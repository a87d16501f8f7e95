"""The simulated case: the patient's biology, dated events and therapy courses being built.

``Case`` holds what the generator decides about one patient before any row is written; its
tumor-load curve (``knot`` / ``load_at``) drives marker values and lesion sizes in ``series``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from netboard.domain.vocab import (
    FunctionalSyndrome,
    HereditarySyndrome,
    Histology,
    Intent,
    PrimarySite,
    ReasonEnded,
    Response,
    Sex,
)

MIBG_LAST_DOSE = date(2024, 3, 1)
"""Commercial I-131 MIBG was discontinued (last doses Q1 2024): no MIBG course starts later."""


def randint(rng: Random, low: int, high: int) -> int:
    """A whole number in [low, high]: ``Random.randint`` without its argument checks (hot)."""
    return low + int(rng.random() * (high - low + 1))


def round_ki67(value: float) -> float:
    """Ki-67 as pathology reports give it: halves below 10 %, whole numbers above."""
    return round(value) if value >= 10 else round(value * 2) / 2


def months(n: float) -> timedelta:
    return timedelta(days=round(30.44 * n))


def weeks(n: float) -> timedelta:
    return timedelta(days=round(7 * n))


class IdSource:
    """UUID4 strings drawn from a seeded ``Random`` (the same seed gives the same ids)."""

    __slots__ = ("_bits",)

    def __init__(self, rng: Random) -> None:
        self._bits = rng.getrandbits

    def __call__(self) -> str:
        # The same text as str(uuid.UUID(int=bits, version=4)), without building the object.
        h = "%032x" % ((self._bits(128) & _CLEAR) | _SET)
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_CLEAR = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_SET = (0x8000 << 48) | (4 << 76)


@dataclass(slots=True)
class Course:
    """A therapy course while the history is built (becomes a therapy_course row)."""

    id: str
    option_id: str
    agent: str
    start: date
    end: date | None
    intent: Intent | None
    main: bool = True
    """A line of treatment (add-ons such as telotristat or palliative radiation are not)."""
    best_response: Response | None = None
    reason: ReasonEnded | None = None
    cycles: int | None = None
    site_of_care: str = ""
    trial_id: str = ""
    notes: str = ""
    progression: date | None = None
    """When the disease progressed on (or after) this course, if it did before today."""
    revisits: Course | None = None
    """An earlier course of the same kind that this one returns to."""
    decision_id: str | None = None
    planned: bool = False
    """Decided but not started by today (kept only when a board decision records it)."""
    toxicities: list[tuple[str, int, date]] = field(default_factory=list)


@dataclass(slots=True)
class Specimen:
    date: date
    site: str
    ki67: float | None
    mitoses: float | None
    necrosis: bool
    note: str = ""


@dataclass(slots=True)
class Case:
    """Everything the generator decides about one patient before writing rows."""

    rng: Random
    new_id: IdSource
    today: date
    index: int
    patient_id: str
    tumor_id: str
    sex: Sex
    birth_date: date
    site: PrimarySite
    histology: Histology
    ki67: float | None
    mitoses: float | None
    necrosis: bool
    diagnosis: date
    metastatic: bool
    sstr_positive: bool
    krenning: int
    functional: FunctionalSyndrome
    hereditary: HereditarySyndrome
    primary_size_mm: float
    liver_dominant: bool
    bone_metastases: bool
    long_history: bool
    home_institution: str
    main_site: str
    mibg_avid: bool = False
    navigator: str = ""
    """The patient's own nurse navigator (owns the navigator's action items)."""
    head_neck: bool = False
    metastatic_since: date | None = None
    recurrence: date | None = None
    death: date | None = None
    curative_surgery: date | None = None
    courses: list[Course] = field(default_factory=list)
    specimens: list[Specimen] = field(default_factory=list)
    progressions: list[date] = field(default_factory=list)
    drift_dates: list[date] = field(default_factory=list)
    restaging: list[date] = field(default_factory=list)
    knots_x: list[int] = field(default_factory=list)
    knots_y: list[float] = field(default_factory=list)

    @property
    def is_nec(self) -> bool:
        return self.histology in (Histology.NEC_SMALL_CELL, Histology.NEC_LARGE_CELL)

    @property
    def horizon(self) -> date:
        """The last day the record can describe: today, or the day of death."""
        return self.death if self.death is not None and self.death < self.today else self.today

    def knot(self, day: date, load: float) -> None:
        """Add a point of the tumor-load curve that drives markers and lesion sizes."""
        x = day.toordinal()
        if self.knots_x and x <= self.knots_x[-1]:
            self.knots_y[-1] = load
            return
        self.knots_x.append(x)
        self.knots_y.append(load)

    def load_at(self, day: date) -> float:
        x = day.toordinal()
        xs, ys = self.knots_x, self.knots_y
        if not xs:
            return 1.0
        i = bisect.bisect_right(xs, x)
        if i == 0:
            return ys[0]
        if i == len(xs):
            return ys[-1]
        x0, x1 = xs[i - 1], xs[i]
        return ys[i - 1] + (ys[i] - ys[i - 1]) * (x - x0) / (x1 - x0)

    @property
    def current_ki67(self) -> float | None:
        return self.specimens[-1].ki67 if self.specimens else self.ki67

    @property
    def followup_end(self) -> date:
        """Regular restaging and marker checks stop a month into best supportive care."""
        for course in self.courses:
            if course.option_id == "best_supportive_care":
                return min(self.horizon, course.start + timedelta(days=30))
        return self.horizon

    @property
    def initially_high_grade(self) -> bool:
        """High grade at diagnosis (before any re-biopsy)."""
        return self.is_nec or (self.ki67 is not None and self.ki67 > 20)

    @property
    def high_grade(self) -> bool:
        ki67 = self.current_ki67
        return self.is_nec or (ki67 is not None and ki67 > 20)
