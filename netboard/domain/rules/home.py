"""Care close to home: which options a site near the patient's home can give.

The program weighs quality of life and the patient's priorities and shares care with sites closer
to home. When the patient's stated preferences ask for care near home (or less travel), or the
patient's home institution is not where earlier treatment was given, these rules say for each
option whether it is available near home or only at a specialized center, from the catalog's
burden table (netboard.domain.burden). They inform; they never change the ranking.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from netboard.domain.burden import Setting
from netboard.domain.rules.base import INFORMATION, NOTHING, Finding, Kind, rule
from netboard.domain.rules.dates import day
from netboard.domain.rules.facts import CaseFacts

SOURCE = (
    "NET program description: weighs quality of life and the patient's priorities; care can be "
    "split with a site closer to home (catalog burden: where each option is available)"
)
_NEAR_HOME = re.compile(
    r"\b(clos(e|er)|near(er)?|nearby)\b[^.;]{0,20}\bhome\b|\blocal(ly)?\b|\btravel|\bdistance"
    r"|\bfar (away )?from\b|\bdriv(e|ing)\b|\bjourney|\bhospital visits\b|\bcommut",
    re.IGNORECASE,
)
"""Words of stated preferences that ask for care near home or for less travel."""


@dataclass(frozen=True, slots=True)
class HomeCare:
    """Why care close to home is asked for, in the patient's own record."""

    reason: str
    home: str
    """The home institution (may be empty)."""


def close_to_home(facts: CaseFacts) -> HomeCare | None:
    """The reason, from stated preferences or the home institution, or None."""
    home = facts.patient.home_institution.strip()
    stated = facts.preferences
    if stated is not None and _NEAR_HOME.search(stated.patient_preferences):
        when = f" ({day(stated.meeting_date.date())})" if stated.meeting_date else ""
        quoted = " ".join(stated.patient_preferences.split())
        return HomeCare(f'Patient preferences{when}: "{quoted}"', home)
    if not home:
        return None
    elsewhere = [
        c.site_of_care.strip()
        for c in facts.courses
        if c.site_of_care.strip() and c.site_of_care.strip().casefold() != home.casefold()
    ]
    if elsewhere:
        return HomeCare(
            f"Home institution {home}; earlier treatment took place at {elsewhere[-1]}", home
        )
    return None


@rule("care.close_to_home", source=SOURCE, scope="case", kind=Kind.INFORMATION)
def case_close_to_home(facts: CaseFacts) -> Sequence[Finding]:
    """When preferences or the home institution ask for care near home: which options are
    available near home and which only at a specialized center."""
    asked = close_to_home(facts)
    if asked is None:
        return NOTHING
    near = [o.label for o in facts.catalog if o.burden and o.burden.where == Setting.NEAR_HOME]
    center = [o.label for o in facts.catalog if o.burden and o.burden.where == Setting.CENTER]
    text = (
        f"{asked.reason}. Available near home: {', '.join(near)}. "
        f"Specialized center only: {', '.join(center)}"
    )
    return (Finding(INFORMATION, text),)


@rule("care.where_available", source=SOURCE, kind=Kind.INFORMATION)
def where_available(facts: CaseFacts) -> Sequence[Finding]:
    """When care close to home is asked for: where each option is available, and how often
    (center-only options mean travel for each session)."""
    asked = close_to_home(facts)
    if asked is None:
        return NOTHING
    found = []
    for option in facts.catalog:
        burden = option.burden
        if burden is None:
            continue
        flagged = burden.flagged("where")
        if burden.where == Setting.NEAR_HOME:
            place = f" ({asked.home})" if asked.home else ""
            text = f"Available near home{place}: {burden.where_note}"
        else:
            text = f"Specialized center only: {burden.where_note} {burden.schedule}"
            flagged = flagged or burden.flagged("schedule")
        found.append(
            Finding(INFORMATION, text.rstrip("."), options=(option.id,), unverified=flagged or None)
        )
    return tuple(found)


CASE_RULES = (case_close_to_home,)
RULES = (where_available,)
