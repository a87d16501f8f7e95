"""The number of metastatic lesions, weighed for liver resection and ablation.

The reference (§2 and the program's own description) places ablation for *small* metastases and
surgery for *complete removal where possible*; a count of lesions bears on both. It gives no
number, so the thresholds here (a few lesions: at most 3; many: 10 or more) are marked unverified.
"""

from __future__ import annotations

from collections.abc import Sequence

from netboard.domain.rules import sources as src
from netboard.domain.rules.base import CAUTION, NOTHING, SUPPORTS, Finding, Strength, rule
from netboard.domain.rules.facts import ABLATION_IDS, CaseFacts
from netboard.domain.rules.texts import staging_text

FEW_LESIONS = 3
MANY_LESIONS = 10
LIVER_RESECTION = "surgery_liver_resection"
SOURCE = f"{src.ABLATION}; {src.PROGRAM} (complete removal where possible)"


@rule(
    "local.lesion_count",
    source=SOURCE,
    options=(LIVER_RESECTION, *sorted(ABLATION_IDS)),
    unverified=True,
    strength=Strength.PLAUSIBILITY,
)
def lesion_count(facts: CaseFacts) -> Sequence[Finding]:
    """A few metastatic lesions (at most 3) speak for liver resection and ablation; many (10 or
    more) are a caution: each lesion is treated one by one, and complete removal is less likely
    [verify thresholds]."""
    staging = facts.staging
    if staging is None or staging.lesion_count is None or not facts.metastatic:
        return NOTHING
    count = staging.lesion_count
    said = f"{count} metastatic lesion{'s' if count != 1 else ''} counted on {staging_text(facts)}"
    options = tuple(sorted(ABLATION_IDS)) + ((LIVER_RESECTION,) if facts.liver_mets else ())
    if 0 < count <= FEW_LESIONS:
        text = f"{said}: few lesions, each within reach of removal or ablation [verify threshold]"
        return (Finding(SUPPORTS, text, options=options),)
    if count >= MANY_LESIONS:
        text = (
            f"{said}: many lesions; ablation treats them one by one and complete removal is "
            "less likely [verify threshold]"
        )
        return (Finding(CAUTION, text, options=options),)
    return NOTHING


RULES = (lesion_count,)
