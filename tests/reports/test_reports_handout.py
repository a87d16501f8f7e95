"""The patient plan handout: plain words, large print, only this patient, nothing internal."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from report_checks import GENERATED, all_text, font_sizes, image_xobjects, page_texts, render_all

from netboard.domain.catalog import load_catalog
from netboard.domain.snapshot import Addendum, CaseSnapshot, MeetingSnapshot
from netboard.reports.glossary import TERMS
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
        # its burden, in the catalog's plain words (every fact of it is in the reference)
        "How it is given: A tablet by mouth.",
        "How often and how long: Once a day, every day, for as long as it helps and is tolerated.",
        "Common side effects: Mouth sores, rash and diarrhea; it can raise blood sugar.",
        "Where: Near your home (your home institution: Synthetic General Hospital). Tablets "
        "taken at home; check-ups can be at a clinic near home.",
        "What happens next",
        "12 February 2026",
        "Book CT chest/abdomen/pelvis",
        "Radiology desk",
        "Who to call",
        "Your nurse navigator: Nurse Ilsa Demoworth, phone 555-0120. Questions "
        "about this plan are welcome.",
        "Words used in this plan",
    ):
        assert expected in text, expected
    assert "*" not in text  # nothing unverified in this plan: no star, no footnote


def test_never_the_boards_own_decision_text(handout: tuple[Path, CaseSnapshot]) -> None:
    """The decision is written for colleagues; the handout uses the plain-language plan."""
    path, case = handout
    text = all_text(path)
    decision = choose_discussion(case).decision
    assert decision is not None
    assert decision.recommendation not in text
    assert "continue octreotide" not in text and "In the team's words" not in text


def test_internal_decision_text_never_printed_even_without_a_catalog_option(
    tmp_path: Path, meeting: Meeting
) -> None:
    _snapshot, cases = meeting
    case = list(cases.values())[DISSENTING]
    internal = "PRRT if Krenning >= 3 and marrow reserve adequate"
    talks = tuple(
        replace(d, options=(), decision=replace(d.decision, recommendation=internal))
        if d.decision is not None
        else d
        for d in case.discussions
    )
    out = build_handout(
        replace(case, discussions=talks), tmp_path / "x.pdf", generated_at=GENERATED
    )
    text = all_text(out)
    assert "Krenning" not in text and "marrow reserve" not in text
    assert "The team agreed on a plan that your care team will explain to you in person." in text


def test_each_patient_sees_their_own_navigator_and_phone(tmp_path: Path, meeting: Meeting) -> None:
    _snapshot, cases = meeting
    patients = list(cases.values())[:3]
    assert len({c.patient.nurse_navigator for c in patients}) == 3  # three different navigators
    for case in patients:
        text = all_text(build_handout(case, tmp_path / f"{case.patient.id}.pdf"))
        own = case.patient
        assert f"Your nurse navigator: {own.nurse_navigator}, phone {own.navigator_phone}" in text
        for other in patients:
            if other is not case:
                assert other.patient.nurse_navigator not in text
                assert other.patient.navigator_phone not in text


def test_navigator_without_a_phone_says_where_to_get_it(tmp_path: Path, meeting: Meeting) -> None:
    _snapshot, cases = meeting
    first = next(iter(cases.values()))
    case = replace(first, patient=replace(first.patient, navigator_phone=""))
    text = all_text(build_handout(case, tmp_path / "x.pdf"))
    assert (
        f"Your nurse navigator: {case.patient.nurse_navigator} (the clinic can give you the "
        "direct number)." in text
    )


def test_an_addendum_that_corrects_the_plan_is_followed(tmp_path: Path, meeting: Meeting) -> None:
    _snapshot, cases = meeting
    case = list(cases.values())[DISSENTING]
    chosen = choose_discussion(case)
    fix = Addendum(
        "add-fix",
        chosen.meeting_id,
        chosen.id,
        "Dr. Example Chair",
        datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        "Correction: PRRT retreatment now, everolimus later (internal wording).",
        plan_option_id="prrt_retreatment",
    )
    note = replace(
        fix,
        id="add-note",
        text="Typo in the minutes.",
        plan_option_id=None,
        created_at=datetime(2026, 11, 21, 9, 0, tzinfo=UTC),
    )
    talks = tuple(
        replace(d, addenda=(fix, note)) if d.id == chosen.id else d for d in case.discussions
    )
    text = all_text(build_handout(replace(case, discussions=talks), tmp_path / "fixed.pdf"))
    retreat = load_catalog().get("prrt_retreatment")
    assert (
        "This plan was updated on 20 November 2026, after the meeting; it replaces what was "
        "first agreed." in text
    )
    assert retreat.name in text and retreat.plain_language in text
    assert "Where: At a specialized center. Nuclear medicine at the specialized center." in text
    assert "How often and how long: 2 doses in one series." in text
    assert load_catalog().get("everolimus").plain_language not in text
    assert "internal wording" not in text and "Typo" not in text


def test_after_a_plan_correction_what_happens_next_drops_the_replaced_plans_steps(
    tmp_path: Path, meeting: Meeting
) -> None:
    """Issue 12: the steps arranged at the meeting (its open actions, its review date) were made
    for the plan an addendum replaced; the handout no longer lists them and says why."""
    _snapshot, cases = meeting
    case = list(cases.values())[DISSENTING]
    chosen = choose_discussion(case)
    original = build_handout(case, tmp_path / "original.pdf")
    assert "Book CT chest/abdomen/pelvis" in all_text(original)  # the oracle: steps before
    assert "12 February 2026" in all_text(original)
    fix = Addendum(
        "add-fix",
        chosen.meeting_id,
        chosen.id,
        "Dr. Example Chair",
        datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        "Correction: PRRT retreatment now.",
        plan_option_id="prrt_retreatment",
    )
    talks = tuple(replace(d, addenda=(fix,)) if d.id == chosen.id else d for d in case.discussions)
    text = all_text(build_handout(replace(case, discussions=talks), tmp_path / "fixed.pdf"))
    after = text.split("What happens next", 1)[1].split("Who to call", 1)[0]
    assert "Book CT chest/abdomen/pelvis" not in text and "Radiology desk" not in text
    assert "12 February 2026" not in text
    assert (
        "Your plan was updated after the meeting, so the steps first arranged for it are not "
        "listed here. Your care team will contact you about the next steps of the updated plan."
        in " ".join(after.split())
    )


def test_unverified_burden_facts_carry_a_star_and_a_footnote(
    tmp_path: Path, meeting: Meeting
) -> None:
    _snapshot, cases = meeting
    case = list(cases.values())[DISSENTING]
    chosen = choose_discussion(case)
    talks = tuple(
        replace(d, options=tuple(replace(o, option_id="ssa_lanreotide") for o in d.options[:1]))
        if d.id == chosen.id
        else d
        for d in case.discussions
    )
    text = all_text(build_handout(replace(case, discussions=talks), tmp_path / "lan.pdf"))
    assert (
        "Common side effects: Stomach cramps, loose or fatty stools and wind, mostly in the first "
        "weeks; gallstones over time. *" in text
    )
    assert "How it is given: An injection deep under the skin. How" in text  # no star: stated
    assert (
        "* Your care team will confirm the points marked with a star: the program's reference "
        "does not state them." in text
    )
    assert (
        "Where: Near your home (your home institution: Synthetic General Hospital). A nurse "
        "at a clinic near home, or at home, does the injection." in text
    )


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
    # That meeting recorded no catalog option: the decision text stays internal.
    assert "Resection of the primary, then somatostatin analog." not in text
    assert "your care team will explain to you in person" in text
    assert load_catalog().get("everolimus").name not in text


def test_the_glossary_is_never_split_from_its_heading(
    tmp_path: Path, handout: tuple[Path, CaseSnapshot]
) -> None:
    """A glossary entry alone on a page (the example handout left 'Nurse navigator' by itself on
    page 2) reads as a stray line: the heading and its entries stay on one page. The plan above it
    is lengthened word by word so that the glossary crosses the page end at some length."""
    _path, case = handout
    crossed = False
    for words in range(0, 160, 8):
        home = " ".join(["Longname"] * words) + " Hospital"
        longer = replace(case, patient=replace(case.patient, home_institution=home))
        pages = page_texts(build_handout(longer, tmp_path / f"plan-{words}.pdf",
                                         generated_at=GENERATED))  # fmt: skip
        with_heading = [i for i, text in enumerate(pages) if "Words used in this plan" in text]
        assert len(with_heading) == 1, words
        crossed |= with_heading[0] > 0
        for later in pages[with_heading[0] + 1 :]:
            strays = [t.term for t in TERMS if re.search(rf"^{re.escape(t.term)}:", later, re.M)]
            assert not strays, (words, strays)
    assert crossed, "the sweep never moved the glossary to another page: lengthen it"
