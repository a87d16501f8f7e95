"""One synthetic patient's disease course: the therapies from diagnosis to today (or death).

The simulation follows the program's practice (net-clinical-facts.md): localized disease goes to
surgery first and then surveillance; metastatic SSTR-positive low-grade disease starts with a
somatostatin analog, then PRRT, then targeted therapy or chemotherapy; NEC starts with platinum
and etoposide; liver-dominant disease may get embolization; a durable PRRT response may be
retreated; an SSA may be resumed after PRRT. Every value comes from the patient's own ``Random``.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from random import Random

from netboard.demo.case import Case, Course, Specimen, months, randint, round_ki67, weeks
from netboard.demo.lines import (
    TREATMENT_WEEKS,
    best_response,
    choose_line,
    course_details,
    intent_of,
    pfs_months,
    rng_lognormal,
)
from netboard.demo.therapy import OPTIONS, PRRT_IDS, SSA_IDS, TOXICITIES
from netboard.domain.vocab import (
    FunctionalSyndrome,
    HereditarySyndrome,
    Intent,
    PrimarySite,
    ReasonEnded,
    Response,
)

S = PrimarySite


def _agent(rng: Random, option_id: str) -> str:
    agents = OPTIONS[option_id].agents
    return agents[0] if len(agents) == 1 else rng.choice(agents)


def add_course(case: Case, option_id: str, start: date, end: date | None, intent: Intent | None,
               *, main: bool = True, agent: str = "", **extra: object) -> Course:
    """Append a course; an end after the record's horizon leaves it ongoing."""
    assert start <= case.horizon, f"{option_id} would start after today or death"
    rng = case.rng
    if end is not None and end > case.horizon:
        end = None
    course = Course(case.new_id(), option_id, agent or _agent(rng, option_id), start, end, intent,
                    main=main, **extra)  # type: ignore[arg-type]
    if end is None:
        course.reason = None
        course.progression = None
    if not course.site_of_care:
        shared = option_id in SSA_IDS and case.home_institution != case.main_site
        course.site_of_care = case.home_institution if shared else case.main_site
    table = TOXICITIES.get(option_id)
    if table and rng.random() < 0.3:
        term, lo, hi = rng.choice(table)
        until = (end or case.horizon).toordinal()
        when = date.fromordinal(randint(rng, start.toordinal(), max(start.toordinal(), until)))
        course.toxicities.append((term, randint(rng, lo, hi), when))
    case.courses.append(course)
    return course


def _surgery_agent(case: Case) -> str:
    rng, site = case.rng, case.site
    if site == S.RECTUM:
        return ("Endoscopic resection" if case.primary_size_mm < 20 else
                "Low anterior resection")
    if site == S.APPENDIX:
        return "Appendectomy" if case.primary_size_mm < 20 else "Right hemicolectomy"
    if site == S.STOMACH:
        return "Endoscopic resection"
    if site == S.PANCREAS:
        if case.functional == FunctionalSyndrome.INSULINOMA:
            return "Enucleation"
        return rng.choice(("Distal pancreatectomy", "Pancreaticoduodenectomy (Whipple)"))
    if site == S.LUNG:
        return rng.choice(("Lobectomy", "Lobectomy", "Segmentectomy"))
    if site == S.PARAGANGLIOMA:
        return rng.choice(("Adrenalectomy", "Resection of paraganglioma"))
    return "Small bowel resection with mesenteric lymphadenectomy"


def _recurrence_risk(case: Case) -> float:
    if case.is_nec:
        return 0.6
    if case.high_grade:
        return 0.5
    by_site = {S.RECTUM: 0.03, S.APPENDIX: 0.01, S.STOMACH: 0.04, S.LUNG: 0.1,
               S.SMALL_INTESTINE: 0.3, S.PARAGANGLIOMA: 0.1}
    risk = by_site.get(case.site, 0.12 if (case.ki67 or 0) < 3 else 0.22)
    if case.hereditary == HereditarySyndrome.SDHX:
        risk = 0.35
    return risk


def _localized(case: Case) -> date | None:
    """Surgery first, then surveillance; returns the recurrence date if it came before today."""
    rng = case.rng
    t = case.diagnosis + timedelta(days=randint(rng, 14, 50))
    if t >= case.horizon:
        if case.death is None and t <= case.today + PLANNING_HORIZON and not case.head_neck:
            t = max(t, case.today + timedelta(days=randint(rng, 3, 14)))
            case.courses.append(Course(
                case.new_id(), "surgery_primary_resection", _surgery_agent(case), t, None,
                Intent.CURATIVE, site_of_care=case.main_site, planned=True,
                notes="Planned; not done yet."))
        return None
    small_pnet = (case.site == S.PANCREAS and case.primary_size_mm < 20 and not case.high_grade
                  and case.functional == FunctionalSyndrome.NONE)
    if small_pnet and rng.random() < 0.4:
        watch = add_course(case, "surveillance", t, None, None,
                           notes="Non-functioning pancreatic NET under 2 cm (ENETS).")
        if rng.random() < 0.12:
            grew = t + months(rng.uniform(12, 48))
            if grew < case.horizon:
                watch.end, watch.reason, watch.progression = grew, ReasonEnded.PROGRESSION, grew
                case.restaging.append(grew)
                case.primary_size_mm = 21.0
                t = grew + weeks(rng.uniform(4, 10))
                if t > case.horizon:
                    return None
            else:
                return None
        else:
            return None
    if case.head_neck and rng.random() < 0.7:
        add_course(case, "radiation_proton", t, t + weeks(6), Intent.CURATIVE, cycles=28,
                   best_response=Response.SD, reason=ReasonEnded.COMPLETED)
    else:
        add_course(case, "surgery_primary_resection", t, t, Intent.CURATIVE,
                   agent=_surgery_agent(case), reason=ReasonEnded.COMPLETED)
        case.curative_surgery = t
        case.specimens.append(_resection_specimen(case, t))
    case.knot(t, 0.05)
    after = t + weeks(rng.uniform(3, 6))
    if case.is_nec and after < case.horizon:
        cycles = rng.choice((4, 4, 6))
        add_course(case, "platinum_etoposide", after, after + weeks(3 * cycles),
                   Intent.ADJUVANT, cycles=cycles, reason=ReasonEnded.COMPLETED)
        after += weeks(3 * cycles + 2)
    tiny = case.site in (S.RECTUM, S.APPENDIX) and case.primary_size_mm < 10
    recurs = rng.random() < _recurrence_risk(case)
    recurrence = (after + months(rng.lognormvariate(math.log(8 if case.high_grade else 36), 0.5))
                  if recurs else None)
    if not tiny and after <= case.horizon:
        add_course(case, "surveillance", after, recurrence, None,
                   reason=ReasonEnded.PROGRESSION if recurrence else None,
                   progression=recurrence)
    if recurrence is not None and recurrence < case.horizon:
        case.knot(recurrence - months(6), 0.2)
        case.knot(recurrence, case.rng.uniform(1.5, 3.0))
        return recurrence
    return None


def _resection_specimen(case: Case, day: date) -> Specimen:
    rng = case.rng
    ki67 = case.ki67
    if ki67 is not None:
        ki67 = round_ki67(min(95.0, max(0.5, ki67 * rng.uniform(0.8, 1.25))))
    names = {S.RECTUM: "Rectum, resection", S.APPENDIX: "Appendix, resection",
             S.STOMACH: "Stomach, endoscopic resection", S.PANCREAS: "Pancreas, resection",
             S.LUNG: "Lung, resection", S.PARAGANGLIOMA: "Paraganglioma, resection",
             S.SMALL_INTESTINE: "Ileum, resection"}
    return Specimen(day, names.get(case.site, "Primary tumor, resection"), ki67, case.mitoses,
                    case.necrosis)


PLANNING_HORIZON = timedelta(days=60)


def _plan_next_line(case: Case, done: list[str], last: Course | None, t: date) -> None:
    """Progressed recently and the next line starts after today: a planned course."""
    if case.death is not None or t > case.today + PLANNING_HORIZON:
        return
    option = choose_line(case, done, last, t)
    if option in ("best_supportive_care", "surveillance"):
        return
    cycles, trial_id = course_details(case, option, timedelta(days=180))
    t = max(t, case.today + timedelta(days=randint(case.rng, 3, 14)))
    course = Course(case.new_id(), option, _agent(case.rng, option), t, None,
                    intent_of(case, option), cycles=cycles, trial_id=trial_id,
                    site_of_care=case.main_site, planned=True,
                    notes="Planned; not started yet.")
    case.courses.append(course)


def _surgery_with_metastases(case: Case, t: date, load: float) -> tuple[date, float]:
    """Surgery first where it helps despite spread: small-bowel primary, debulking, liver."""
    rng = case.rng
    if case.site == S.SMALL_INTESTINE and not case.curative_surgery and rng.random() < 0.55:
        add_course(case, "surgery_primary_resection", t, t, Intent.DISEASE_CONTROL,
                   agent=_surgery_agent(case), reason=ReasonEnded.COMPLETED)
        case.specimens.append(_resection_specimen(case, t))
        return t + weeks(rng.uniform(4, 8)), load
    if case.liver_dominant and not case.high_grade and rng.random() < 0.12:
        option = "surgery_cytoreduction" if rng.random() < 0.6 else "surgery_liver_resection"
        add_course(case, option, t, t, Intent.DISEASE_CONTROL, reason=ReasonEnded.COMPLETED)
        case.knot(t, load * 0.3)
        return t + weeks(rng.uniform(4, 8)), load * 0.3
    return t, load


def _metastatic(case: Case, start: date) -> None:
    """Walk the lines of treatment from ``start`` until today or death."""
    rng = case.rng
    if case.metastatic_since is None:
        case.metastatic_since = start
    load = case.load_at(start) if case.knots_x else rng.uniform(3, 8)
    case.knot(start, load)
    t = start + timedelta(days=randint(rng, 14, 40))
    if t < case.horizon:
        t, load = _surgery_with_metastases(case, t, load)
    done: list[str] = []
    last: Course | None = None
    while t < case.horizon:
        option = choose_line(case, done, last, t)
        done.append(option)
        if option == "best_supportive_care":
            _supportive_care(case, t, load)
            break
        pfs = months(pfs_months(case, option))
        progression = t + pfs
        cycles, trial_id = course_details(case, option, pfs)
        end, reason = _course_end(case, option, t, pfs, cycles)
        response = _response(case, option, t, end, reason)
        same = next((c for c in case.courses if c.option_id == option), None)
        course = add_course(case, option, t, end, intent_of(case, option), best_response=response,
                            reason=reason, revisits=same, cycles=cycles, trial_id=trial_id)
        last = course
        if reason == ReasonEnded.TOXICITY and course.end is not None:
            if not any(g >= 3 for _, g, _ in course.toxicities):
                course.toxicities.append((TOXICITIES[option][0][0], 3, course.end))
            t = course.end + timedelta(days=randint(rng, 14, 35))
            continue
        factor = {Response.CR: 0.1, Response.PR: 0.55, Response.SD: 0.95, Response.PD: 1.3,
                  Response.NE: 1.0}[response]
        mid = t + min(months(4), (progression - t) / 2)
        if mid < case.horizon:
            case.knot(mid, load * factor)
        _adjuncts(case, course, progression)
        if option in PRRT_IDS and course.end is not None:
            _resume_ssa(case, course, progression)
        if progression >= case.horizon:
            case.knot(case.horizon, load * factor)
            break
        course.progression = progression
        case.progressions.append(progression)
        load = load * factor * rng.uniform(1.3, 1.7)
        case.knot(progression, load)
        _after_progression(case, progression)
        t = progression + timedelta(days=randint(rng, 14, 45))
    else:
        _plan_next_line(case, done, last, t)


def _supportive_care(case: Case, t: date, load: float) -> None:
    """The last line: best supportive care until death (months later)."""
    survival = months(case.rng.uniform(1, 9))
    if case.death is None or case.death > t + survival:
        case.death = t + survival
    end = case.death if case.death < case.today else None
    add_course(case, "best_supportive_care", t, end, Intent.SYMPTOM_CONTROL,
               reason=ReasonEnded.DEATH if end else None)
    case.knot(t, load * 1.2)


def _course_end(
    case: Case, option: str, t: date, pfs: timedelta, cycles: int | None
) -> tuple[date, ReasonEnded]:
    """When and why a line ends: completed, stopped for toxicity, progression or death."""
    rng = case.rng
    progression = t + pfs
    treat = TREATMENT_WEEKS.get(option)
    if option == "platinum_etoposide":
        treat = 3 * (cycles or 4)
    elif option in ("folfiri", "folfox"):
        treat = min(pfs.days // 7, 24)
    end = progression
    reason = ReasonEnded.PROGRESSION
    toxic_stop = (option in ("everolimus", "sunitinib", "cabozantinib", "captem")
                  and rng.random() < 0.15)
    if treat is not None and t + weeks(treat) < progression:
        end, reason = t + weeks(treat), ReasonEnded.COMPLETED
    elif toxic_stop:
        end = t + months(rng.uniform(1.5, min(6.0, pfs.days / 30.44)))
        reason = ReasonEnded.TOXICITY
    if case.death is not None and end >= case.death:
        end, reason = case.death, ReasonEnded.DEATH
    return end, reason


def _response(case: Case, option: str, t: date, end: date, reason: ReasonEnded) -> Response:
    response = best_response(case, option)
    if reason == ReasonEnded.PROGRESSION and (end - t).days < 75:
        return Response.PD
    if response == Response.PD and (end - t).days > 120:
        return Response.SD  # disease controlled for months: not primary progression
    return response


def _after_progression(case: Case, progression: date) -> None:
    """Sometimes a re-biopsy (grade drift), sometimes an extra restaging scan."""
    rng = case.rng
    if (not case.is_nec and case.site != S.PARAGANGLIOMA and len(case.progressions) >= 2
            and not case.drift_dates and rng.random() < 0.3):
        _rebiopsy(case, progression + timedelta(days=randint(rng, 7, 21)))
    elif rng.random() < 0.25:
        case.restaging.append(progression + timedelta(days=randint(rng, 3, 20)))


def _adjuncts(case: Case, course: Course, progression: date) -> None:
    """Add-ons during a line: telotristat for carcinoid syndrome, radiation, ablation."""
    rng = case.rng
    syndrome = case.functional == FunctionalSyndrome.CARCINOID_SYNDROME
    has_telotristat = any(c.option_id == "telotristat" for c in case.courses)
    if course.option_id in SSA_IDS and syndrome and rng.random() < 0.35 and not has_telotristat:
        start = course.start + months(rng.uniform(4, 14))
        if start < case.horizon:
            end = None if rng.random() < 0.7 else start + months(rng.uniform(3, 12))
            add_course(case, "telotristat", start, end, Intent.SYMPTOM_CONTROL, main=False,
                       reason=ReasonEnded.PATIENT_CHOICE if end else None)
    if case.bone_metastases and rng.random() < 0.2:
        start = course.start + months(rng.uniform(1, 6))
        if start < min(progression, case.horizon):
            option = "radiation_sbrt" if rng.random() < 0.3 else "radiation_photon"
            add_course(case, option, start, start + timedelta(days=randint(rng, 5, 12)),
                       Intent.PALLIATIVE, main=False, reason=ReasonEnded.COMPLETED,
                       notes="Painful bone metastasis.")
    if (not case.high_grade and course.option_id in SSA_IDS and case.liver_dominant
            and rng.random() < 0.08):
        start = course.start + months(rng.uniform(2, 10))
        if start < min(progression, case.horizon):
            option = "ablation_microwave" if rng.random() < 0.6 else "ablation_rfa"
            add_course(case, option, start, start, Intent.DISEASE_CONTROL, main=False,
                       reason=ReasonEnded.COMPLETED, notes="Single liver lesion under 3 cm.")


def _resume_ssa(case: Case, prrt: Course, progression: date) -> None:
    """A return to an earlier option: the SSA resumed after PRRT until the next progression."""
    rng = case.rng
    earlier = next((c for c in case.courses if c.option_id in SSA_IDS), None)
    if earlier is None or prrt.end is None or rng.random() > 0.5:
        return
    start = prrt.end + weeks(rng.uniform(2, 6))
    if start >= min(progression, case.horizon):
        return
    option = "ssa_lanreotide" if earlier.option_id == "ssa_lanreotide_escalated" else (
        earlier.option_id)
    end = progression if progression < case.horizon else None
    add_course(case, option, start, end, intent_of(case, option), best_response=Response.SD,
               reason=ReasonEnded.PROGRESSION if end else None, revisits=earlier,
               progression=end, notes="Resumed after PRRT.")


def _rebiopsy(case: Case, day: date) -> None:
    """A re-biopsy at progression that finds a higher Ki-67: the grade drift the board re-checks."""
    rng = case.rng
    if day >= case.horizon:
        return
    old = case.current_ki67 or 2.0
    new = round_ki67(min(60.0, max(old + 2.0, old * rng.uniform(2.0, 4.5))))
    mitoses = case.mitoses
    necrosis = case.necrosis
    if case.site == S.LUNG:
        mitoses, necrosis = float(randint(rng, 3, 9)), rng.random() < 0.5
    elif mitoses is not None:
        mitoses = min(mitoses + randint(rng, 0, 4), 20.0 if new > 20 else 19.0)
    case.specimens.append(Specimen(day, "Liver metastasis, core biopsy", new, mitoses, necrosis,
                                   "Re-biopsy at progression to re-check the grade."))
    case.drift_dates.append(day)


def simulate(case: Case) -> None:
    """Fill in the patient's therapy history up to today (or death)."""
    rng = case.rng
    if case.is_nec:
        os_months = rng_lognormal(rng, 14, 0.6)
    elif case.high_grade:
        os_months = rng_lognormal(rng, 40, 0.6)
    elif case.metastatic:
        os_months = rng_lognormal(rng, 140, 0.5)
    else:
        os_months = 10_000.0
    if not case.long_history:
        case.death = case.diagnosis + months(os_months) if os_months < 1000 else None
    case.specimens.append(_diagnostic_specimen(case))
    if case.metastatic:
        case.knot(case.diagnosis, rng.uniform(3, 8))
        _metastatic(case, case.diagnosis)
    else:
        case.knot(case.diagnosis, rng.uniform(0.5, 1.5))
        recurrence = _localized(case)
        if recurrence is not None:
            case.recurrence = recurrence
            case.restaging.append(recurrence)
            case.bone_metastases = rng.random() < 0.1
            case.liver_dominant = rng.random() < 0.4
            _metastatic(case, recurrence)
    if case.death is not None and case.death >= case.today:
        case.death = None
    if case.death is not None:
        for course in case.courses:
            if course.end is None or course.end > case.death:
                course.end, course.reason = case.death, ReasonEnded.DEATH


def _diagnostic_specimen(case: Case) -> Specimen:
    rng = case.rng
    if case.metastatic and rng.random() < 0.7:
        where = "Liver metastasis, core biopsy"
    else:
        where = {S.PANCREAS: "Pancreas, EUS-guided biopsy", S.LUNG: "Bronchus, biopsy",
                 S.RECTUM: "Rectum, endoscopic biopsy", S.STOMACH: "Stomach, endoscopic biopsy",
                 S.APPENDIX: "Appendix, appendectomy specimen",
                 S.SMALL_INTESTINE: "Ileum, biopsy",
                 S.PARAGANGLIOMA: "Paraganglioma, resection",
                 S.UNKNOWN_PRIMARY: "Lymph node, core biopsy"}[case.site]
    return Specimen(case.diagnosis, where, case.ki67, case.mitoses, case.necrosis)
