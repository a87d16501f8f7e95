"""The words of a board discussion that depend on the case: questions and rationales.

A question is what the presenter asks the board on a given day, from where the case stands then
(new case, progression, toxicity, restaging, follow-up). Nothing here instructs.
"""

from __future__ import annotations

from datetime import date, timedelta

from netboard.demo import wording as w
from netboard.demo.case import Case, Course
from netboard.demo.therapy import OPTIONS, PRRT_IDS, SSA_IDS
from netboard.domain.vocab import PrimarySite


def active_course(case: Case, day: date) -> Course | None:
    """The line of treatment running on ``day`` (the latest started, if two overlap)."""
    found = None
    for c in case.courses:
        if c.main and c.start <= day and (c.end is None or c.end >= day) and not c.planned:
            found = c
    return found


def months_text(n: int) -> str:
    return "1 month" if n == 1 else f"{n} months"


def cap(text: str) -> str:
    """First letter upper case, the rest as written (keeps 'PRRT', 'LAR')."""
    return text[:1].upper() + text[1:]


_SITE_ADJECTIVE = {
    PrimarySite.SMALL_INTESTINE: "small-intestinal", PrimarySite.PANCREAS: "pancreatic",
    PrimarySite.RECTUM: "rectal", PrimarySite.APPENDIX: "appendiceal",
    PrimarySite.STOMACH: "gastric", PrimarySite.UNKNOWN_PRIMARY: "primary-unknown",
    PrimarySite.COLON: "colonic", PrimarySite.DUODENUM: "duodenal",
}


def new_case_text(case: Case) -> str:
    """'small-intestinal NET, Ki-67 2 %' / 'paraganglioma (PPGL)' for a question."""
    if case.site == PrimarySite.PARAGANGLIOMA:
        return "paraganglioma (PPGL)"
    site = _SITE_ADJECTIVE.get(case.site, case.site.label.lower())
    kind = "NEC" if case.is_nec else "NET"
    return f"{site} {kind}, Ki-67 {ki67_text(case)}"


LOCAL_ONCE = ("surgery_", "ablation_", "radiation_", "liver_transplant")


def option_name(option_id: str) -> str:
    return OPTIONS[option_id].name


def ki67_text(case: Case) -> str:
    ki67 = case.current_ki67
    return f"{ki67:g} %" if ki67 is not None else "not reported"


def _burden_text(case: Case) -> str:
    return "liver-dominant" if case.liver_dominant else "limited liver disease"


def had_prrt_before(case: Case, day: date) -> bool:
    return any(c.option_id in PRRT_IDS and c.start < day and not c.planned for c in case.courses)


def rationale(case: Case, option_id: str, day: date, *, months_: int = 0) -> str:
    """Why an option was considered at ``day``, in words that fit the case as it stood then."""
    lines = sum(1 for c in case.courses if c.main)
    text = w.RATIONALE[option_id]
    if option_id in SSA_IDS and case.krenning < 2:
        text = w.LOW_UPTAKE_SSA
    elif option_id in w.AFTER_PRRT and had_prrt_before(case, day):
        text = w.AFTER_PRRT[option_id]
    return text.format(
        krenning=case.krenning, ki67=ki67_text(case), burden=_burden_text(case),
        months=months_, trial="an open trial was found", ecog="2-3", lines=lines)


def main_before(case: Case, day: date) -> Course | None:
    found = None
    for c in case.courses:
        if c.main and c.start < day:
            found = c
    return found


def decision_question(case: Case, course: Course | None, day: date) -> str:
    """The clinical question the presenter put to the board at ``day``."""
    if course is None:
        return review_question(case, day)
    before = main_before(case, day)
    option = course.option_id
    if option == "telotristat":
        return "Carcinoid-syndrome diarrhea persists on SSA: add-on treatment?"
    if option in ("radiation_photon", "radiation_sbrt"):
        return "Painful bone metastasis: local treatment?"
    if option.startswith("ablation_"):
        return "Single small liver lesion: ablation?"
    if course.revisits is not None and option in SSA_IDS:
        return "PRRT completed: SSA again as maintenance?"
    if before is None:
        return f"New {new_case_text(case)}: first treatment?"
    if before.end is None:
        return f"On {option_name(before.option_id)}: time for a change of treatment?"
    if option == "surveillance":
        return f"After {option_name(before.option_id)}: follow-up plan?"
    if before.reason is not None and before.reason.value == "toxicity":
        return f"{cap(option_name(before.option_id))} stopped for toxicity: alternatives?"
    if before.progression is not None:
        months_ = max(1, (before.progression - before.start).days // 30)
        name = option_name(before.option_id)
        return (f"Progression {months_text(months_)} after beginning {name}: options for the "
                "next line?")
    if before.option_id.startswith(LOCAL_ONCE):
        return f"After {option_name(before.option_id)}: treatment of the remaining disease?"
    return f"After {option_name(before.option_id)}: next step?"


def review_question(case: Case, day: date) -> str:
    """The question of a restaging review (no change of treatment decided)."""
    current = active_course(case, day)
    before = main_before(case, day)
    site = case.site.label.lower()
    if current is None:
        if before is None:
            return f"New {site} case under work-up: staging complete, first treatment?"
        if before.intent is not None and before.intent.value == "curative":
            return f"{cap(option_name(before.option_id))} done: pathology reviewed, follow-up plan?"
        months_ = max(1, (day - (before.end or before.start)).days // 30)
        name = option_name(before.option_id)
        return (f"Restaging {months_text(months_)} after {name}: observation, or maintenance "
                "treatment?")
    option = current.option_id
    name = option_name(option)
    months_ = max(1, (day - current.start).days // 30)
    if option == "surveillance":
        if case.curative_surgery is not None and current.start > case.curative_surgery:
            since = (day - case.curative_surgery).days
            years = since // 365
            span = (months_text(max(1, since // 30)) if years < 1 else
                    "1 year" if years == 1 else f"{years} years")
            return f"Follow-up {span} after resection: imaging interval, or end of follow-up?"
        return f"Under surveillance for {months_text(months_)}: still suited to surveillance?"
    if option in SSA_IDS:
        trend = "rising" if case.load_at(day) > case.load_at(day - timedelta(days=120)) else (
            "stable")
        return (f"On {name} for {months_text(months_)}, chromogranin A {trend}: continue the "
                "current plan?")
    if option in ("prrt_lu177_dotatate", "prrt_retreatment"):
        return "Interim restaging during PRRT: continue to the remaining cycles?"
    if option in ("captem", "platinum_etoposide", "folfiri", "folfox"):
        return f"Restaging after {months_text(months_)} of {name}: continue, or pause?"
    if option in ("everolimus", "sunitinib", "cabozantinib"):
        return f"Restaging on {name} ({months_text(months_)}): tolerability and continuation?"
    if option == "clinical_trial":
        return f"On trial {current.trial_id or 'protocol'}: restaging reviewed for the record?"
    return f"Restaging after {months_text(months_)} of {name}: continue the current plan?"


def upcoming_question(case: Case, today: date, defect: str | None) -> str:
    """The question for the planned meeting, from where the case stands today."""
    if defect == "no_sstr":
        return "Candidate for PRRT after progression: uptake and marrow reserve adequate?"
    if case.drift_dates and (today - case.drift_dates[-1]).days < 240:
        return "Re-biopsy shows a higher Ki-67: does the next line change with the new grade?"
    planned = next((c for c in case.courses if c.planned and c.decision_id), None)
    if planned is not None:
        return (f"{cap(option_name(planned.option_id))} planned from {planned.start:%d %b}: "
                "pre-treatment checks complete?")
    before = main_before(case, today + timedelta(days=1))
    if before is None:
        return f"New referral, {new_case_text(case)}: staging complete, first treatment?"
    if before.end is not None and before.reason is not None and (
            before.reason.value in ("progression", "toxicity")):
        months_ = max(1, (before.end - before.start).days // 30)
        name = option_name(before.option_id)
        return (f"Progression on {name} after {months_text(months_)}: options for the next "
                "line?")
    return review_question(case, today)
