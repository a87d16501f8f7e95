"""The patient plan handout: plain words, large print, only this patient, nothing internal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from report_checks import GENERATED, all_text, font_sizes, image_xobjects, page_texts, render_all

from netboard.domain.catalog import load_catalog
from netboard.domain.snapshot import CaseSnapshot, MeetingSnapshot
from netboard.reports.handout import build_handout, choose_discussion

Meeting = tuple[MeetingSnapshot, dict[str, CaseSnapshot]]
DISSENTING = 3  # sample case 3 (0-based) records a dissent


@pytest.fixture(scope="module")
def handout(
    tmp_path_factory: pytest.TempPathFactory, meeting: Meeting
) -> tuple[Path, CaseSnapshot]:
    _snapshot, cases = meeting
    case = list(cases.values())[DISSENTING]
    out = tmp_path_factory.mktemp("handout") / "plan.pdf"
    return build_handout(case, out, generated_at=GENERATED), case


def test_recommendation_in_plain_words_with_what_happens_next(
    handout: tuple[Path, CaseSnapshot],
) -> None:
    path, case = handout
    text = all_text(path)
    everolimus = load_catalog().get("everolimus")
    for expected in (
        "Your care plan",
        f"For {case.patient.given_name} {case.patient.family_name}",
        "What the team recommends",
        everolimus.name,
        everolimus.plain_language,
        "What happens next",
        "12 February 2026",
        "Book CT chest/abdomen/pelvis",
        "Radiology desk",
        "Who to call",
        "Nurse Navigator Demo, phone 555-0100",
        "Words used in this plan",
    ):
        assert expected in text, expected


def test_glossary_explains_only_words_that_appear(handout: tuple[Path, CaseSnapshot]) -> None:
    text = all_text(handout[0])
    assert "CT scan: An X-ray scan" in text
    assert "Side effect:" in text  # "side effects" in the everolimus text
    assert "Ablation:" not in text and "MRI:" not in text and "Clinical trial:" not in text


def test_nothing_internal_no_dissent_no_rationale_no_other_options(
    handout: tuple[Path, CaseSnapshot], meeting: Meeting
) -> None:
    path, case = handout
    text = all_text(path)
    discussion = choose_discussion(case)
    assert discussion.decision is not None and discussion.decision.dissent_note
    assert discussion.decision.dissent_note not in text
    assert "Dissent" not in text and "dissent" not in text
    for option in discussion.options:
        if option.rationale:
            assert option.rationale not in text
    assert "Internal note" not in text and discussion.notes not in text
    catalog = load_catalog()
    assert catalog.get("captem").name not in text  # weighed as "not now"
    assert catalog.get("prrt_retreatment").plain_language not in text  # "later"
    assert "MRN" not in text and case.patient.mrn not in text


def test_no_other_patient_appears(handout: tuple[Path, CaseSnapshot], meeting: Meeting) -> None:
    path, case = handout
    text = all_text(path)
    _snapshot, cases = meeting
    for other in cases.values():
        if other.patient.id == case.patient.id:
            continue
        for secret in (other.patient.family_name, other.patient.given_name, other.patient.mrn):
            assert secret not in text


def test_large_print(handout: tuple[Path, CaseSnapshot]) -> None:
    sizes = font_sizes(handout[0])
    footer_words = ("Personal health information", "Generated", "page ", "care plan")
    body = [(t, s) for t, s in sizes if not any(w in t for w in footer_words)]
    assert body, sizes
    assert min(s for _, s in body) >= 14 - 0.01, [b for b in body if b[1] < 14]


def test_unicode_patient_name_prints(tmp_path: Path, meeting: Meeting) -> None:
    _snapshot, cases = meeting
    for case in list(cases.values())[:5]:
        out = build_handout(case, tmp_path / f"{case.patient.id}.pdf", generated_at=GENERATED)
        assert case.patient.family_name in all_text(out)


def test_paging_vector_and_rendering(handout: tuple[Path, CaseSnapshot], tmp_path: Path) -> None:
    pages = page_texts(handout[0])
    for number, page in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in page
    assert image_xobjects(handout[0]) == 0
    assert len(render_all(handout[0], tmp_path)) == len(pages)


def test_no_decision_is_a_clear_error(tmp_path: Path, meeting: Meeting) -> None:
    _snapshot, cases = meeting
    case = next(iter(cases.values()))
    undecided = replace(
        case, discussions=tuple(replace(d, decision=None) for d in case.discussions)
    )
    with pytest.raises(ValueError, match="no board decision yet"):
        build_handout(undecided, tmp_path / "x.pdf")
    with pytest.raises(ValueError, match="not on the agenda of meeting nope"):
        build_handout(case, tmp_path / "x.pdf", meeting_id="nope")
    assert not (tmp_path / "x.pdf").exists()


def test_a_chosen_meeting_is_used(tmp_path: Path, meeting: Meeting) -> None:
    _snapshot, cases = meeting
    case = next(iter(cases.values()))
    out = build_handout(case, tmp_path / "early.pdf", meeting_id="mtg-earlier")
    text = all_text(out)
    assert "Resection of the primary, then somatostatin analog." in text
    assert "Everolimus 10 mg daily" not in text
