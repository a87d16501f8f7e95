"""WHO grade from Ki-67 and mitoses (WHO 2019 GEP; lung carcinoid criteria) and grade drift."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from netboard.domain.snapshot import PathologyResult
from netboard.domain.vocab import GRADE_RANK, Differentiation, Grade, Histology, PrimarySite
from netboard.domain.wording import num


def _gep_grade_from_ki67(ki67: float) -> Grade:
    if ki67 < 3:
        return Grade.G1
    if ki67 <= 20:
        return Grade.G2
    return Grade.G3


def _gep_grade_from_mitoses(mitoses: float) -> Grade:
    if mitoses < 2:
        return Grade.G1
    if mitoses <= 20:
        return Grade.G2
    return Grade.G3


def grade_for(
    site: PrimarySite | None,
    ki67: float | None,
    mitoses: float | None,
    differentiation: Differentiation | None = None,
    necrosis: bool = False,
    histology: Histology | None = None,
) -> Grade:
    """The WHO grade category for one specimen.

    Poorly differentiated carcinoma is NEC whatever the counts. For GEP and other sites the higher
    of the Ki-67 and mitotic grades applies (WHO 2019). Lung carcinoids use mitoses and necrosis
    (typical < 2 mitoses/2 mm² without necrosis; atypical 2-10 and/or necrosis; > 10 is high grade).
    """
    if differentiation == Differentiation.POOR or histology in (
        Histology.NEC_SMALL_CELL,
        Histology.NEC_LARGE_CELL,
    ):
        return Grade.NEC
    if site in (PrimarySite.LUNG, PrimarySite.THYMUS):
        if mitoses is None:
            return Grade.ATYPICAL_CARCINOID if necrosis else Grade.UNKNOWN
        if mitoses > 10:
            return Grade.NEC
        if mitoses >= 2 or necrosis:
            return Grade.ATYPICAL_CARCINOID
        return Grade.TYPICAL_CARCINOID
    candidates = []
    if ki67 is not None:
        candidates.append(_gep_grade_from_ki67(ki67))
    if mitoses is not None:
        candidates.append(_gep_grade_from_mitoses(mitoses))
    if not candidates:
        return Grade.UNKNOWN
    order = [Grade.G1, Grade.G2, Grade.G3]
    return max(candidates, key=order.index)


def grade_basis(
    site: PrimarySite | None,
    ki67: float | None,
    mitoses: float | None,
    differentiation: Differentiation | None = None,
    necrosis: bool = False,
    histology: Histology | None = None,
) -> str:
    """One line saying which criterion decided the grade, e.g. 'Ki-67 25 % → G3; mitoses 4 → G2'."""
    grade = grade_for(site, ki67, mitoses, differentiation, necrosis, histology)
    if grade == Grade.NEC and (
        differentiation == Differentiation.POOR
        or histology in (Histology.NEC_SMALL_CELL, Histology.NEC_LARGE_CELL)
    ):
        return "poorly differentiated carcinoma: NEC whatever the counts (WHO 2019)"
    if site in (PrimarySite.LUNG, PrimarySite.THYMUS):
        parts = []
        if mitoses is not None:
            parts.append(f"mitoses {num(mitoses)}/2 mm²")
        if necrosis:
            parts.append("necrosis")
        counted = ", ".join(parts) or "no mitotic count"
        return f"{counted} → {grade.label} (lung criteria: < 2 typical, 2-10 or necrosis atypical)"
    parts = []
    if ki67 is not None:
        parts.append(f"Ki-67 {num(ki67)} % → {_gep_grade_from_ki67(ki67).label}")
    if mitoses is not None:
        parts.append(f"mitoses {num(mitoses)}/2 mm² → {_gep_grade_from_mitoses(mitoses).label}")
    if not parts:
        return "no Ki-67 or mitotic count: grade unknown"
    if len(parts) == 2:
        return "; ".join(parts) + f"; the higher applies: {grade.label}"
    return parts[0]


def effective_grade(result: PathologyResult, site: PrimarySite | None) -> Grade:
    """The stored grade, or the grade derived from the counts when none was stored."""
    if result.grade != Grade.UNKNOWN:
        return result.grade
    return grade_for(site, result.ki67, result.mitoses, result.differentiation, result.necrosis)


@dataclass(frozen=True, slots=True)
class GradeDrift:
    """A rise of the grade category between two specimens (earlier → later).

    The grades default to each specimen's effective grade (stored, else derived from its counts).
    """

    earlier: PathologyResult
    later: PathologyResult
    earlier_grade: Grade = Grade.UNKNOWN
    later_grade: Grade = Grade.UNKNOWN

    def __post_init__(self) -> None:
        if self.earlier_grade == Grade.UNKNOWN:
            object.__setattr__(self, "earlier_grade", effective_grade(self.earlier, None))
        if self.later_grade == Grade.UNKNOWN:
            object.__setattr__(self, "later_grade", effective_grade(self.later, None))

    @property
    def text(self) -> str:
        return (
            f"Grade rose from {self.earlier_grade.label} ({_describe(self.earlier)}) "
            f"to {self.later_grade.label} ({_describe(self.later)})"
        )


def _describe(result: PathologyResult) -> str:
    values = []
    if result.ki67 is not None:
        values.append(f"Ki-67 {num(result.ki67)} %")
    if result.mitoses is not None:
        values.append(f"mitoses {num(result.mitoses)}/2 mm²")
    site = result.specimen_site or "site not recorded"
    return ", ".join([*values, site, result.date.isoformat()])


def grade_drift(
    pathology: Iterable[PathologyResult], site: PrimarySite | None = None
) -> tuple[GradeDrift, ...]:
    """Each rise of the grade category over time, against the highest grade seen before it.

    Specimens are taken in date order; G1 → G2 → G3 gives two drifts, G2 → G1 → G2 gives none
    (no category above the earlier G2 was reached). Unknown grades are skipped.
    """
    drifts: list[GradeDrift] = []
    highest: tuple[PathologyResult, Grade] | None = None
    for result in sorted(pathology, key=lambda r: r.date):
        grade = effective_grade(result, site)
        rank = GRADE_RANK[grade]
        if rank == 0:
            continue
        if highest is not None and rank > GRADE_RANK[highest[1]]:
            drifts.append(GradeDrift(highest[0], result, highest[1], grade))
        if highest is None or rank > GRADE_RANK[highest[1]]:
            highest = (result, grade)
    return tuple(drifts)
