"""The meeting logic that needs no window: privacy, layout, revisit, key facts, slides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from privacy_oracle import leaks, visible

from netboard.domain.board import presentation_layout as pl
from netboard.domain.board import privacy, revisit_logic
from netboard.domain.board.key_facts import key_facts
from netboard.domain.board.meetings import coverage_note, default_start, missing_core
from netboard.domain.board.slide import build_slide
from netboard.domain.catalog import load_catalog
from netboard.domain.vocab import Stance
from netboard.domain.wording import clock_text
from tests.factories.board import TODAY, agenda_item, history_case, person


def test_case_label_hides_name_in_privacy_mode() -> None:
    who = person()
    assert privacy.case_label(3, who, private=True) == "Case 3 · MQ"
    assert privacy.case_label(3, who, private=False) == "Case 3 · Quillfeather, Marisol"


def test_age_text_groups_the_oldest_in_privacy_mode() -> None:
    old = person(birth=date(1930, 1, 1))
    assert privacy.age_text(old, TODAY, private=True) == "90+ y"
    assert privacy.age_text(old, TODAY, private=False) == "95 y"
    line = privacy.patient_line(person(), TODAY, private=True)
    assert "ZZ-40417" not in line and "1958" not in line and "66 y" in line


def test_type_scale_grows_with_the_screen() -> None:
    hd, uhd = pl.type_scale(1920, 1080), pl.type_scale(3840, 2160)
    assert hd.body == 27 and uhd.body == 54
    assert hd.heading > hd.question > hd.body > hd.small
    assert pl.type_scale(640, 480).body >= 16


def test_presentation_goes_to_a_screen_that_is_not_the_chairs() -> None:
    assert pl.choose_screen(1, 0) == 0
    assert pl.choose_screen(2, 0) == 1
    assert pl.choose_screen(2, 1) == 0
    assert pl.choose_screen(3, None, primary=2) == 0


def test_step_clamps_and_visible_options_keep_stanced_first() -> None:
    assert pl.step(0, 3, -1) == 0 and pl.step(2, 3, 1) == 2 and pl.step(1, 3, 1) == 2
    shown = pl.visible_options(["c"], ["a", "b", "c", "d"], limit=3)
    assert shown == ["c", "a", "b"]


def test_core_disciplines_missing_are_named_with_their_source() -> None:
    from netboard.domain.snapshot import Attendance
    from netboard.domain.vocab import Discipline

    present = [
        Attendance("1", "m", "Dr Onc", Discipline.MEDICAL_ONCOLOGY),
        Attendance("2", "m", "Dr Cut", Discipline.SURGERY),
        Attendance("3", "m", "Dr Nuc", Discipline.NUCLEAR_MEDICINE),
    ]
    missing = missing_core(present)
    assert missing == (Discipline.RADIATION_ONCOLOGY, Discipline.PATHOLOGY, Discipline.RADIOLOGY)
    note = coverage_note(missing)
    assert "Radiation oncology" in note and "Commission on Cancer" in note
    assert "should" not in note.lower() and "must" not in note.lower()


def test_revisit_lists_earlier_options_with_their_fate() -> None:
    case, current = history_case()
    found = revisit_logic.earlier_options(case, current)
    fates = {(e.option.option_id, e.fate) for e in found}
    assert fates == {
        ("everolimus", "Alternative"),
        ("ssa_lanreotide", "Chosen"),
        ("prrt_lu177_dotatate", "Deferred"),
        ("sunitinib", "Not now"),
    }
    assert found[0].option.option_id == "everolimus"  # newest board first
    chosen = next(e for e in found if e.fate == "Chosen")
    assert "progression" in chosen.outcome and "best SD" in chosen.outcome


def test_bringing_back_a_deferred_option_links_and_carries_history() -> None:
    case, current = history_case()
    deferred = next(e for e in revisit_logic.earlier_options(case, current) if e.fate == "Deferred")
    catalog = load_catalog()
    values = revisit_logic.revisit_option_values(
        deferred, current.id, lambda o: catalog.get(o).name
    )
    assert values["revisits_option_id"] == deferred.option.id
    assert values["option_id"] == "prrt_lu177_dotatate"
    assert "Keep for progression" in str(values["details"])
    assert "board of 04 May 2021" in str(values["details"])
    # once brought back, the entry says so
    brought = replace(
        current,
        options=(
            replace(
                deferred.option,
                id="new",
                discussion_id=current.id,
                revisits_option_id=deferred.option.id,
            ),
        ),
    )
    again = next(e for e in revisit_logic.earlier_options(case, brought) if e.fate == "Deferred")
    assert again.brought_back and not again.can_return


def test_earlier_course_values_revisit_the_course() -> None:
    case, current = history_case()
    courses = revisit_logic.earlier_courses(case, current)
    values = revisit_logic.revisit_course_values(courses[0], current.id, lambda o: o)
    assert values["revisits_course_id"] == case.therapies[0].id
    assert "lanreotide" in str(values["details"])


def test_key_facts_name_what_is_missing() -> None:
    case, _current = history_case()
    facts = dict(key_facts(case, TODAY))
    assert facts["Grade"].startswith("G2 · Ki-67 12 %")
    assert "Krenning 3" in facts["SSTR imaging"]
    assert facts["ECOG"] == "not recorded"
    assert "lanreotide" in facts["Earlier therapy (1)"]


def test_slide_in_privacy_mode_carries_no_identifier() -> None:
    case, current = history_case()
    current = replace(current, question="Is Quillfeather (ZZ-40417) fit for PRRT?")
    item = agenda_item(case, current)
    slide = build_slide(item, 2, 4, case, None, lambda o: o, TODAY, private=True)
    assert not leaks(visible(slide.texts(), [slide.presenter]), [case.patient])
    assert slide.question == "Is case 2 ([MRN]) fit for PRRT?"
    assert slide.heading == "Case 2 · MQ" and slide.chart_label == "Case 2 · MQ"
    assert "fit for PRRT" in slide.question
    open_slide = build_slide(item, 2, 4, case, None, lambda o: o, TODAY, private=False)
    assert "Quillfeather" in open_slide.heading and "ZZ-40417" in open_slide.subheading


def test_new_meeting_defaults_to_next_weekday_at_four() -> None:
    from datetime import datetime

    friday = datetime(2025, 6, 6, 9, 0).astimezone()
    start = default_start(friday)
    assert start.weekday() == 0 and start.hour == 16 and start.minute == 0
    assert clock_text(125) == "02:05" and clock_text(3725) == "1:02:05"


def test_stance_order_is_the_vocabulary_order() -> None:
    assert [s.value for s in Stance] == ["recommended", "alternative", "later", "not_now"]
