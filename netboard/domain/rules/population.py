"""Criteria the trial populations share, judged against one case, and the population finding.

Each builder returns a Criterion with the patient's value ('Ki-67 30 % (liver biopsy, 02 Apr
2026)') or what is missing. ``population()`` turns a trial's criteria into one finding (see
netboard.domain.rules.criteria for how met / not met / unknown read).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from netboard.domain.rules.base import AGAINST, INFORMATION, NOTHING, SUPPORTS, Finding, Strength
from netboard.domain.rules.criteria import Criterion, Fit, Met, judge, listed
from netboard.domain.rules.dates import add_months, day
from netboard.domain.rules.extent_facts import Extent
from netboard.domain.rules.facts import SSA_IDS, CaseFacts
from netboard.domain.rules.texts import course_text, ki67_text, krenning_text, lab_text
from netboard.domain.snapshot import TherapyCourse
from netboard.domain.vocab import Grade, PrimarySite, SignalDirection
from netboard.domain.wording import num

LOW_GRADES = frozenset({Grade.G1, Grade.G2, Grade.TYPICAL_CARCINOID, Grade.ATYPICAL_CARCINOID})


def population(
    trial: str,
    criteria: Iterable[Criterion],
    *,
    strength: Strength = Strength.PHASE_III,
    outside: Strength = Strength.OUTSIDE,
    blocking: bool = False,
    options: tuple[str, ...] = (),
    source: str = "",
) -> Finding:
    """One finding for a trial population: supports when every key criterion is met (one step
    weaker when a secondary one is not), information while a key one is unknown, against (weak:
    the trial gives no evidence here; ``blocking`` when the option cannot apply) when not met."""
    fit = Fit(tuple(criteria))

    def make(direction: SignalDirection, text: str, power: Strength, **extra: bool) -> Finding:
        return Finding(
            direction,
            text,
            partial=extra.get("partial", False),
            blocking=extra.get("blocking", False),
            options=options,
            unverified=True if extra.get("unverified") else None,
            source=source,
            strength=power,
            criteria=fit.criteria,
        )

    if fit.met == Met.NOT_MET:
        text = f"Outside the {trial} population: {listed(fit.not_met)}"
        return make(AGAINST, text, outside, blocking=blocking)
    if fit.met == Met.UNKNOWN:
        text = f"{trial} population not assessable yet: to find out {listed(fit.unknown_key)}"
        return make(INFORMATION, text, strength)
    text = f"{trial} population: {listed(fit.criteria)}"
    if fit.unknown_other:
        names = ", ".join(c.name for c in fit.unknown_other)
        text += f" (weaker: {names} not met or not on record)"
        return make(SUPPORTS, text, strength, unverified=fit.unverified, partial=True)
    return make(SUPPORTS, text, strength, unverified=fit.unverified)


def advanced(facts: CaseFacts) -> Criterion:
    """Metastatic or unresectable disease on record (the pivotal trials' setting)."""
    extent = facts.extent
    name = "advanced (metastatic or unresectable) disease"
    if extent.kind == Extent.ADVANCED:
        where = f"staging {day(extent.staging.date)}" if extent.staging else "note"
        value = extent.unresectable_note or f"metastatic on {where}"
        return Criterion(name, Met.MET, value)
    if extent.without_advanced_disease:
        assert extent.staging is not None
        value = f"no metastases on staging {day(extent.staging.date)}"
        return Criterion(name, Met.NOT_MET, value)
    if extent.staging is None:
        return Criterion(name, Met.UNKNOWN, "no staging on record")
    return Criterion(name, Met.UNKNOWN, "progression since the latest staging, not restaged")


def well_differentiated(facts: CaseFacts, grades: Collection[Grade] = LOW_GRADES) -> Criterion:
    """Well-differentiated NET of the given grades (never NEC)."""
    names = "/".join(
        g.label for g in sorted(grades, key=lambda g: g.value) if "carcinoid" not in g.value
    )
    name = f"well-differentiated NET {names}"
    if facts.nec:
        return Criterion(name, Met.NOT_MET, facts.grade.label)
    if facts.grade == Grade.UNKNOWN:
        return Criterion(name, Met.UNKNOWN, "grade not on record")
    return judge(name, facts.grade in grades, f"grade {facts.grade.label}")


def nec_text(facts: CaseFacts, enrolled: str) -> str:
    """'NEC (small cell): NETTER-1 and NETTER-2 enrolled well-differentiated NET'."""
    return f"{facts.grade.label}: {enrolled} well-differentiated NET"


def nec_outside(facts: CaseFacts, enrolled: str) -> tuple[Finding, ...]:
    """Against in NEC: the trials (``enrolled``: 'NETTER-1 and NETTER-2 enrolled') took
    well-differentiated NET only; nothing otherwise."""
    if not facts.nec:
        return NOTHING
    return (Finding(AGAINST, nec_text(facts, enrolled)),)


def ki67_between(facts: CaseFacts, low: float | None, high: float | None, name: str) -> Criterion:
    result = facts.ki67_result
    if result is None or result.ki67 is None:
        return Criterion(name, Met.UNKNOWN, "Ki-67 not on record")
    value = result.ki67
    ok = (low is None or value >= low) and (high is None or value <= high)
    return judge(name, ok, ki67_text(result))


def site_in(facts: CaseFacts, sites: Collection[PrimarySite], name: str) -> Criterion:
    if facts.site is None:
        return Criterion(name, Met.UNKNOWN, "primary site not on record")
    return judge(name, facts.site in sites, f"{facts.site.label.lower()} primary")


def sstr_positive(facts: CaseFacts, minimum: int = 2) -> Criterion:
    name = "SSTR uptake at least as high as liver" if minimum >= 2 else "SSTR-positive"
    study = facts.sstr
    if study is None or study.krenning is None:
        return Criterion(name, Met.UNKNOWN, "no Krenning score on record")
    return judge(name, study.krenning >= minimum, krenning_text(study))


def ecog_0_2(facts: CaseFacts) -> Criterion:
    """ECOG 0-2 (secondary while unknown, key once recorded)."""
    name = "ECOG 0-2"
    if facts.ecog is None:
        return Criterion(name, Met.UNKNOWN, "no ECOG on record", key=False)
    value = f"ECOG {facts.ecog.ecog} on {day(facts.ecog.date)}"
    return judge(name, facts.ecog.ecog <= 2, value)


def progression_on_ssa(facts: CaseFacts, name: str, within_years: int | None = None) -> Criterion:
    """Progression during a somatostatin-analog course (optionally within some years)."""
    since = add_months(facts.today, -12 * within_years) if within_years else None
    for course in reversed(facts.courses_of(*SSA_IDS)):
        event = facts.progression_during(course)
        if event is not None and (since is None or event.date >= since):
            return Criterion(name, Met.MET, f"{event.text} ({course_text(facts, course)})")
    if facts.courses_of(*SSA_IDS):
        return Criterion(name, Met.NOT_MET, "no progression recorded on an SSA")
    return Criterion(name, Met.NOT_MET, "no SSA course on record")


def no_progression_on_ssa(facts: CaseFacts, name: str) -> Criterion:
    found = progression_on_ssa(facts, name)
    if found.met == Met.MET:
        return Criterion(name, Met.NOT_MET, found.value)
    return Criterion(name, Met.MET, "none recorded")


def progressive(facts: CaseFacts, months: int) -> Criterion:
    """Progression recorded within ``months`` (unknown without imaging in that window)."""
    name = f"progression within {months} months"
    since = add_months(facts.today, -months)
    recent = [p for p in facts.progressions if p.date >= since]
    if recent:
        return Criterion(name, Met.MET, recent[-1].text)
    imaged = facts.latest_imaging is not None and facts.latest_imaging.date >= since
    if imaged:
        return Criterion(name, Met.NOT_MET, "no progression recorded in that time")
    return Criterion(name, Met.UNKNOWN, f"no imaging in the last {months} months")


def newly_diagnosed(facts: CaseFacts, months: int = 6) -> Criterion:
    name = f"newly diagnosed (within about {months} months)"
    diagnosed = facts.tumor.diagnosis_date if facts.tumor is not None else None
    if diagnosed is None:
        return Criterion(name, Met.UNKNOWN, "diagnosis date not on record")
    return judge(name, diagnosed >= add_months(facts.today, -months), f"diagnosed {day(diagnosed)}")


def none_of(facts: CaseFacts, courses: Sequence[TherapyCourse], name: str) -> Criterion:
    """Met when ``courses`` is empty; else not met, naming the latest of them."""
    if courses:
        return Criterion(name, Met.NOT_MET, course_text(facts, courses[-1]))
    return Criterion(name, Met.MET, "none recorded")


def no_prior_systemic(
    facts: CaseFacts, name: str = "no earlier non-SSA systemic therapy"
) -> Criterion:
    return none_of(facts, facts.prior_systemic, name)


def no_course_of(facts: CaseFacts, option_ids: Collection[str], name: str) -> Criterion:
    return none_of(facts, facts.courses_of(*option_ids), name)


def progressive_pancreatic(facts: CaseFacts) -> tuple[Criterion, ...]:
    """What the pancreatic NET trials (RADIANT-3, SUN-1111, E2211) share: advanced, G1-G2,
    pancreatic primary, progression within 12 months."""
    return (
        advanced(facts),
        well_differentiated(facts),
        site_in(facts, (PrimarySite.PANCREAS,), "pancreatic primary"),
        progressive(facts, 12),
    )


def kidney_clearance(facts: CaseFacts, minimum: float = 50.0) -> Criterion:
    """Creatinine clearance >= 50 mL/min (estimated GFR); secondary while unknown."""
    name = f"creatinine clearance at least {num(minimum)} mL/min"
    estimate = facts.kidney
    if estimate is None:
        return Criterion(name, Met.UNKNOWN, "no creatinine on record", key=False)
    said = lab_text(estimate.creatinine, "creatinine")
    if estimate.egfr is None:
        return Criterion(name, Met.UNKNOWN, f"{said} ({estimate.why_missing})", key=False)
    value = f"{said}, {estimate.method} about {estimate.egfr:.0f} {estimate.unit}"
    return judge(name, estimate.egfr >= minimum, value)
