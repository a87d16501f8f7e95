"""Without limiting future options (reference §3, §7): forward-looking cautions when an option is
weighed now and PRRT is a likely later line, and the checks before PRRT (kidney, age of the SSTR
imaging that justifies it).
"""

from __future__ import annotations

from collections.abc import Sequence

from netboard.domain.rules import sources as src
from netboard.domain.rules.base import CAUTION, NOTHING, Finding, Kind, Strength, rule
from netboard.domain.rules.dates import add_months, day, whole_months
from netboard.domain.rules.facts import CHEMO_IDS, PRRT_IDS, CaseFacts
from netboard.domain.rules.texts import krenning_text, lab_text
from netboard.domain.wording import num

BOTH_PRRT = tuple(sorted(PRRT_IDS))
KIDNEY_MIN = 50.0
SSTR_MAX_AGE_MONTHS = 6
NETTER2_EXCLUDED = ("liver_chemoembolization", "liver_radioembolization", "ablation_rfa")


def prrt_likely_later(facts: CaseFacts) -> str:
    """Why PRRT is a likely later line (SSTR uptake above liver, well differentiated, no PRRT
    yet), or empty."""
    study = facts.sstr
    if facts.nec or facts.prrt_courses or study is None or study.krenning is None:
        return ""
    if study.krenning < 3 or facts.extent.without_advanced_disease:
        return ""
    return f"{krenning_text(study)}: PRRT is a likely later line"


@rule(
    "sequencing.liver_before_prrt",
    source=src.HEPATIC_RESERVE,
    options=("liver_radioembolization", "liver_chemoembolization", "liver_bland_embolization"),
    strength=Strength.SERIES,
    kind=Kind.CAUTION,
)
def liver_before_prrt(facts: CaseFacts) -> Sequence[Finding]:
    """Weighing liver-directed therapy when PRRT is a likely later line: liver reserve."""
    later = prrt_likely_later(facts)
    if not later or not facts.liver_mets:
        return NOTHING
    text = (
        f"{later}; cumulative liver-directed therapy and PRRT are weighed together (hepatic "
        "reserve), and radioembolization and PRRT together carry rare fatal liver toxicity"
    )
    return (Finding(CAUTION, text),)


@rule(
    "sequencing.chemo_before_prrt",
    source=f"{src.MARROW}; {src.NETTER_R}",
    options=tuple(sorted(CHEMO_IDS)),
    strength=Strength.SERIES,
    kind=Kind.CAUTION,
)
def chemo_before_prrt(facts: CaseFacts) -> Sequence[Finding]:
    """Marrow-toxic chemotherapy weighed when PRRT is a likely later line."""
    later = prrt_likely_later(facts)
    if not later:
        return NOTHING
    text = f"{later}; marrow-toxic chemotherapy before PRRT is a caution for marrow reserve"
    if facts.site is not None and facts.site.value == "pancreas":
        text += (
            " (in pancreatic NET, NETTER-R linked prior chemotherapy with shorter PFS after PRRT)"
        )
    return (Finding(CAUTION, text),)


@rule(
    "sequencing.netter2_naive",
    source=src.NETTER_2,
    options=NETTER2_EXCLUDED,
    strength=Strength.SERIES,
    kind=Kind.CAUTION,
)
def netter2_naive(facts: CaseFacts) -> Sequence[Finding]:
    """A NETTER-2 candidate: NETTER-2 excluded patients after TARE, TACE or RFA."""
    result = facts.ki67_result
    if not prrt_likely_later(facts) or not facts.gep or result is None or result.ki67 is None:
        return NOTHING
    if not 10 <= result.ki67 <= 55 or facts.prior_systemic:
        return NOTHING
    text = (
        f"Ki-67 {num(result.ki67)} % with SSTR-positive GEP-NET and no earlier systemic line: "
        "NETTER-2 (first-line PRRT) excluded patients with prior TARE, TACE or RFA, so this "
        "option now would leave that population"
    )
    return (Finding(CAUTION, text),)


@rule(
    "prrt.kidney",
    source=src.KIDNEY_PRRT,
    options=BOTH_PRRT,
    strength=Strength.GUIDELINE,
    kind=Kind.CAUTION,
)
def prrt_kidney(facts: CaseFacts) -> Sequence[Finding]:
    """Kidney function before PRRT: NETTER-1 required creatinine clearance >= 50 mL/min."""
    estimate = facts.kidney
    if estimate is None or estimate.egfr is None or estimate.egfr >= KIDNEY_MIN:
        return NOTHING
    text = (
        f"{lab_text(estimate.creatinine, 'Creatinine')}, {estimate.method} about "
        f"{estimate.egfr:.0f} {estimate.unit}: NETTER-1 required creatinine clearance of at "
        "least 50 mL/min"
    )
    return (Finding(CAUTION, text),)


@rule(
    "prrt.sstr_age",
    source=src.SSTR_AGE,
    options=BOTH_PRRT,
    unverified=True,
    strength=Strength.SERIES,
    kind=Kind.CAUTION,
)
def sstr_age(facts: CaseFacts) -> Sequence[Finding]:
    """The SSTR imaging that justifies PRRT is older than about 6 months [verify interval]."""
    study = facts.sstr
    if study is None or study.krenning is None or study.krenning < 2:
        return NOTHING
    if study.date >= add_months(facts.today, -SSTR_MAX_AGE_MONTHS):
        return NOTHING
    months = whole_months(study.date, facts.today)
    text = (
        f"The SSTR imaging behind PRRT is from {day(study.date)}, {months} months ago: the uptake "
        "that justifies PRRT is expected to be recent (about 6 months [verify])"
    )
    return (Finding(CAUTION, text),)


RULES = (liver_before_prrt, chemo_before_prrt, netter2_naive, prrt_kidney, sstr_age)
