"""What one case looks like on the shared screen, as plain data (no Qt; privacy applied here).

``build_slide`` gathers the question, the key facts, the options and the decision for one agenda
item. With ``private`` set, the patient is 'Case 3 · AB', and every free text on the slide (option
ids too) goes through ``scrub``: the meeting's de-identifier (``netboard.domain.privacy``), which
removes the names, MRNs and birth dates of every agenda patient. The presenter prints as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from netboard.domain.board.key_facts import key_facts
from netboard.domain.board.presentation_layout import visible_options
from netboard.domain.board.privacy import case_label, patient_line
from netboard.domain.board.signals_text import signal_counts
from netboard.domain.privacy import Scrub, patient_deidentifier
from netboard.domain.snapshot import AgendaItem, CaseSnapshot
from netboard.domain.vocab import Stance, Triage
from netboard.domain.wording import diagnosis_line

SLIDE_OPTIONS = 5
SLIDE_TEXT = 110
"""Characters of an option's details shown on a slide (the rationale is shown whole)."""


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class SlideOption:
    stance: Stance | None
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Slide:
    discussion_id: str
    number: int
    count: int
    heading: str
    subheading: str
    question: str
    presenter: str
    triage: str
    facts: tuple[tuple[str, str], ...]
    options: tuple[SlideOption, ...]
    recommendation: str
    chart_label: str
    private: bool

    def texts(self) -> list[str]:
        """Every string the slide shows (for tests and for checking privacy)."""
        found = [
            self.heading,
            self.subheading,
            self.question,
            self.presenter,
            self.triage,
            self.recommendation,
            self.chart_label,
        ]
        for label, value in self.facts:
            found += [label, value]
        for opt in self.options:
            found += [opt.name, opt.text]
        return [t for t in found if t]


def build_slide(
    item: AgendaItem,
    number: int,
    count: int,
    case: CaseSnapshot | None,
    assessment: Any,
    name: Callable[[str], str],
    today: date,
    *,
    private: bool,
    scrub: Scrub | None = None,
) -> Slide:
    """The slide for agenda item ``number`` (1-based) of ``count``; ``scrub`` is the meeting's
    de-identifier (without one, only this patient's identifiers are removed)."""
    patient = item.patient
    label = case_label(number, patient, private=private)
    initials = patient.initials or "patient"
    deidentify = scrub or patient_deidentifier(patient, f"case {number}")

    def clean(text: str) -> str:
        return deidentify(text) if private else text

    diag = diagnosis_line(item.primary_site, item.grade)
    sub = patient_line(patient, today, private=private) + (f" · {diag}" if diag else "")
    disc = item.discussion
    facts = tuple((k, clean(v)) for k, v in key_facts(case, today)) if case is not None else ()
    options = _options(disc, assessment, name, clean)
    decision = disc.decision
    return Slide(
        discussion_id=disc.id,
        number=number,
        count=count,
        heading=label,
        subheading=sub,
        question=clean(disc.question) or "No question recorded for this case",
        presenter=disc.presenter,
        triage="Standard-of-care confirmation"
        if disc.triage == Triage.STANDARD_OF_CARE
        else "Full discussion",
        facts=facts,
        options=options,
        recommendation=clean(decision.recommendation) if decision else "",
        chart_label=f"Case {number} · {initials}" if private else "",
        private=private,
    )


def _options(
    disc: Any, assessment: Any, name: Callable[[str], str], clean: Callable[[str], str]
) -> tuple[SlideOption, ...]:
    """Options the board gave a stance first (recommended first), then the engine's top ranks."""
    order = {s: i for i, s in enumerate(Stance)}
    considered = sorted(disc.options, key=lambda o: order[o.stance])
    ranked = list(assessment.options) if assessment is not None else []
    by_id = {a.option.id: a for a in ranked}
    keys = visible_options([o.option_id for o in considered], list(by_id), SLIDE_OPTIONS)
    found: list[SlideOption] = []
    seen: set[str] = set()
    for opt in considered:
        text = opt.rationale or _short(opt.details, SLIDE_TEXT)
        found.append(SlideOption(opt.stance, clean(name(opt.option_id)), clean(text)))
        seen.add(opt.option_id)
    for option_id in keys:
        if option_id in seen or option_id not in by_id:
            continue
        found.append(SlideOption(None, name(option_id), signal_counts(by_id[option_id].signals)))
    return tuple(found)
