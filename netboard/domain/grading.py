"""WHO grade from Ki-67 and mitoses (WHO 2019 GEP table; lung carcinoid criteria)."""

from __future__ import annotations

from netboard.domain.vocab import Differentiation, Grade, Histology, PrimarySite


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
