"""The one accent fold (netboard.domain.privacy.fold): search and de-identification use it."""

from __future__ import annotations

import pytest

from netboard.domain.privacy import fold, fold_with_origins


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łukasz", "lukasz"),
        ("Żółć", "zolc"),
        ("Straße", "strasse"),
        ("Ørsted Æbelø", "orsted aebelo"),
        ("Œdipe", "oedipe"),
        ("Đorđe", "dorde"),
        ("Þórður", "thordur"),
        ("Y\u0131ld\u0131z", "yildiz"),
        ("İpek", "ipek"),
        ("Jo\u00adnet", "jonet"),  # soft hyphen
        ("Ma\u200brí\u200da", "maria"),  # zero-width space and joiner
        ("O\u2019Brien", "o'brien"),
        ("García\u2011Lindqvist", "garcia-lindqvist"),
        ("Ελένη Παπαδοπούλου", "ελενη παπαδοπουλου"),
        ("Йорданов Ёлкин", "иорданов елкин"),
        ("ﬁne", "fine"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_origins_point_back_into_the_text() -> None:
    text = "Ms Strau\u00dfe-\u00adZ\u0307"
    folded, origins = fold_with_origins(text)
    assert folded == "ms strausse-z"
    assert len(origins) == len(folded)
    assert [text[i] for i in origins[8:10]] == ["\u00df", "\u00df"]
    assert text[origins[-1]] == "Z"
