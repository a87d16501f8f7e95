"""Hostile but ordinary meetings for the de-identification tests (every name is invented).

A Hypothesis strategy makes a meeting of two or three patients whose names are multi-part,
hyphenated, with particles and diacritics, Greek or Cyrillic, or common words; whose record
numbers carry prefixes and leading zeros; and whose clinicians share a given or family name with a
patient. Every free-text field of the meeting, its cases and their charts' sources then mentions
the patients in the ways people write them (parts of names, folded spellings, possessives,
plurals, invisible characters, record numbers and birth dates in every common form).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from hypothesis import Phase
from hypothesis import strategies as st
from privacy_oracle import plain

from netboard.domain.snapshot import (
    ActionItem,
    Addendum,
    AgendaItem,
    Attendance,
    CaseDiscussion,
    CaseSnapshot,
    Decision,
    ImagingStudy,
    Meeting,
    MeetingSnapshot,
    OptionConsidered,
    PathologyResult,
    Patient,
    TherapyCourse,
    Tumor,
)
from netboard.domain.vocab import (
    Agreement,
    Discipline,
    DiscussionStatus,
    Grade,
    Histology,
    ImagingModality,
    MeetingStatus,
    Modality,
    PatientStatus,
    PrimarySite,
    Response,
    Sex,
    Stance,
)

DAY = date(2025, 11, 20)
"""The meeting day; every clinical date is after 2000, every birth date before 1966."""

GIVEN = ("Åsa María", "Łukasz", "Jonet", "Zoë", "Ørjan", "Þóra", "Ægir", "Y\u0131ld\u0131z",
         "Ελένη", "Δημήτρης", "Анастасия", "Йордан", "Đurđica", "Siân")  # fmt: skip
COMMON_WORDS = ("Rose", "Will", "Hope", "Grace", "Iris", "Ivy", "Dawn", "Joy", "Amber", "Faith")
"""Given names that are common words (month names stay out: the product prints dates)."""
FAMILY = ("García-Lindqvist", "van der Berg", "de la Cruz", "Żółć-Brandt", "Eldaovic",
          "Quillfeather", "Παπαδοπούλου", "Йорданова", "O'Rourke-Ndiaye", "Đorđević", "Strauß",
          "Æbeltoft", "Ng", "Lø")  # fmt: skip
SYLLABLES = ("zó", "łe", "qua", "vri", "ndø", "xe", "bå", "ryl", "wen", "þo", "kæ", "ïs", "đu",
             "ça", "mø", "tsi", "olv", "ühr")  # fmt: skip
CLINICIANS = ("Fenoell", "Halenmont", "Ulmerby", "Vantongeren", "Okafor-Lisle", "Brixhame")
TITLES = ("Dr.", "Prof.", "Dr", "Nurse")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)
"""For the tests that render whole meetings: a failing meeting is reported as found (shrinking one
costs minutes of rendering), and every mention in it is in the failure message anyway."""
_ids = itertools.count(1)


def _id(kind: str) -> str:
    return f"{kind}-{next(_ids)}"


@dataclass(frozen=True)
class Record:
    """A patient with the parts of the record number the mentions are made from."""

    patient: Patient
    prefix: str
    digits: str

    @property
    def core(self) -> str:
        return self.digits.lstrip("0")


@dataclass(frozen=True)
class HostileMeeting:
    snapshot: MeetingSnapshot
    cases: dict[str, CaseSnapshot]
    staff: tuple[str, ...]
    """Every staff name as written in a staff field: it must come back unchanged."""

    @property
    def patients(self) -> list[Patient]:
        return [item.patient for item in self.snapshot.agenda]


_invented = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map(
    lambda parts: "".join(parts).capitalize()
)
_given = st.one_of(
    st.sampled_from(GIVEN),
    st.sampled_from(COMMON_WORDS),
    _invented,
    st.tuples(st.sampled_from(COMMON_WORDS), _invented).map(" ".join),
)
_family = st.one_of(
    st.sampled_from(FAMILY),
    _invented,
    st.tuples(_invented, _invented).map("-".join),
    st.tuples(st.sampled_from(("van der", "de la", "von", "da")), _invented).map(" ".join),
)


@st.composite
def records(draw: st.DrawFn) -> Record:
    """A patient: invented name, record number with a prefix and leading zeros, old birth date."""
    prefix = draw(st.sampled_from(("", "MRN", "MRN-", "DEMO", "PT", "ZZ-")))
    if prefix and draw(st.booleans()):  # 'DEMO000022': short, only distinctive with its zeros
        digits = str(draw(st.integers(10, 999))).zfill(6)
    else:
        digits = "0" * draw(st.integers(0, 2)) + str(draw(st.integers(10_000, 9_999_999)))
    patient = Patient(
        id=_id("pat"),
        mrn=prefix + digits,
        family_name=draw(_family),
        given_name=draw(_given),
        birth_date=draw(st.dates(date(1930, 1, 1), date(1965, 12, 31))),
        sex=draw(st.sampled_from(list(Sex))),
        status=PatientStatus.ACTIVE,
    )
    return Record(patient, prefix.rstrip("-"), digits)


def name_parts(patient: Patient) -> list[str]:
    """The parts of a name as a person would pick them out (particles aside)."""
    words = re.split(r"[\s\-]+", f"{patient.given_name} {patient.family_name}")
    return [w for w in words if w and w.lower() not in {"van", "der", "de", "la", "von", "da"}]


def mentions(record: Record) -> list[str]:
    """Ways people write this patient into free text."""
    p = record.patient
    parts = name_parts(p)
    found = [
        f"{p.given_name} {p.family_name}",
        f"{p.family_name}, {p.given_name}",
        f"Mrs {p.family_name}",
        f"Ms. {p.family_name}",
        f"{p.given_name[:1]}. {p.family_name}",
        f"Mr {parts[-1]}",
        f"Dr. {parts[0]}",
        f"{p.family_name}\u2019s liver",
        p.family_name.upper(),
    ]
    for part in parts:
        found += [part, f"{part}'s", f"the {part}s agreed", plain(part).capitalize(), plain(part)]
        if len(part) > 2:
            found += [f"{part[:2]}\u00ad{part[2:]}", f"{part[:1]}\u200b{part[1:]}"]
    found += [p.mrn, f"MRN: {p.mrn}", f"{record.prefix} {record.digits}".strip()]
    if len(record.core) >= 4:
        core = record.core
        found += [f"MRN{core}", core, f"pt{core}", f"id_{core}", f"{core[:2]}-{core[2:]}"]
    if p.birth_date is not None:
        found += birth_forms(p.birth_date)
    return found


def birth_forms(day: date) -> list[str]:
    month = MONTHS[day.month - 1]
    return [
        day.isoformat(),
        f"{day.day} {month[:3]} {day.year}",
        f"{day.day} {month} {day.year}",
        f"{month} {day.day}, {day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day:%d/%m/%Y}",
        f"{day:%m/%d/%Y}",
        f"{day:%Y/%m/%d}",
        f"{day:%Y%m%d}",
    ]


@st.composite
def staff_names(draw: st.DrawFn, records: list[Record]) -> list[str]:
    """Clinicians, some sharing a given or family name with a patient ('Dr. Jonet Fenoell')."""
    names = []
    for k, family in enumerate(CLINICIANS[: draw(st.integers(3, 5))]):
        title = TITLES[k % len(TITLES)]
        patient = records[k % len(records)].patient
        shared = draw(st.sampled_from(name_parts(patient)))
        names.append(f"{title} {shared} {family}" if k % 2 == 0 else f"{title} Ilse {shared}")
    return names


def _text(draw: st.DrawFn, pool: list[str]) -> str:
    picked = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
    glue = draw(st.sampled_from((" and ", "; ", " said ", " (", ", seen with ")))
    return "Re " + glue.join(picked) + ": fit for PRRT?"


@st.composite
def hostile_meetings(draw: st.DrawFn) -> HostileMeeting:
    """A meeting whose every free text names its patients (and its clinicians) in hostile ways."""
    recs = draw(st.lists(records(), min_size=2, max_size=3, unique_by=lambda r: r.core))
    staff = draw(staff_names(recs))
    pool = [m for r in recs for m in mentions(r)] + staff

    def text() -> str:
        return _text(draw, pool)

    meeting = Meeting(
        id=_id("mtg"),
        starts_at=datetime.combine(DAY, time(16, 0), tzinfo=UTC),
        title=f"Tumor board {text()}",
        chair=staff[0],
        location=text(),
        status=MeetingStatus.FINALIZED,
        finalized_at=datetime.combine(DAY, time(18, 0), tzinfo=UTC),
    )
    attendance = tuple(
        Attendance(_id("att"), meeting.id, person, discipline)
        for person, discipline in zip(staff, Discipline, strict=False)
    )
    agenda: list[AgendaItem] = []
    cases: dict[str, CaseSnapshot] = {}
    for position, rec in enumerate(recs, start=1):
        disc = _discussion(meeting, rec.patient, position, staff, text)
        agenda.append(AgendaItem(disc, rec.patient, PrimarySite.PANCREAS, Grade.G2))
        cases[rec.patient.id] = _case(rec.patient, disc, text)
    addenda = (Addendum(_id("add"), meeting.id, None, staff[-1], _moment(19), text()),)
    snapshot = MeetingSnapshot(meeting, attendance, tuple(agenda), addenda)
    return HostileMeeting(snapshot, cases, tuple(staff))


def _moment(hour: int) -> datetime:
    return datetime.combine(DAY, time(hour, 0), tzinfo=UTC)


def _discussion(
    meeting: Meeting, patient: Patient, position: int, staff: list[str], write: Callable[[], str]
) -> CaseDiscussion:
    did = _id("disc")
    options = (
        OptionConsidered(_id("opt"), did, "prrt_lu177_dotatate", write(), Stance.RECOMMENDED,
                         write()),
        OptionConsidered(_id("opt"), did, f"trial {write()}", write(), Stance.ALTERNATIVE,
                         write()),
    )  # fmt: skip
    return CaseDiscussion(
        id=did,
        meeting_id=meeting.id,
        patient_id=patient.id,
        position=position,
        presenter=staff[position % len(staff)],
        question=write(),
        stage_discussed=write(),
        guideline_cited=write(),
        patient_preferences=write(),
        notes=write(),
        status=DiscussionStatus.DISCUSSED,
        meeting_date=meeting.starts_at,
        meeting_title=meeting.title,
        meeting_status=meeting.status,
        options=options,
        decision=Decision(
            _id("dec"), did, write(), Agreement.DISSENT, write(), 12, date(2026, 2, 3)
        ),
        actions=(ActionItem(_id("act"), did, write(), staff[1], date(2025, 12, 1)),),
        addenda=(Addendum(_id("add"), meeting.id, did, staff[2], _moment(18), write()),),
    )


def _case(patient: Patient, disc: CaseDiscussion, write: Callable[[], str]) -> CaseSnapshot:
    tumor = Tumor(_id("tum"), patient.id, PrimarySite.PANCREAS, Histology.NET, date(2019, 3, 4))
    return CaseSnapshot(
        patient=patient,
        tumors=(tumor,),
        pathology=(
            PathologyResult(
                _id("path"),
                tumor.id,
                date(2019, 3, 1),
                write(),
                12.0,
                None,
                None,
                Grade.G2,
                notes=write(),
            ),
        ),
        imaging=(
            ImagingStudy(
                _id("img"),
                patient.id,
                date(2024, 9, 9),
                ImagingModality.CT,
                response=Response.SD,
                finding=write(),
            ),
        ),
        therapies=(
            TherapyCourse(
                _id("ther"),
                patient.id,
                "ssa_lanreotide",
                f"lanreotide {write()}",
                Modality.SOMATOSTATIN_ANALOG,
                None,
                date(2020, 1, 15),
                date(2024, 10, 1),
                notes=write(),
            ),
            TherapyCourse(
                _id("ther"),
                patient.id,
                f"study {write()}",
                write(),
                Modality.TARGETED,
                None,
                date(2024, 11, 1),
                None,
                trial_id=write(),
            ),
        ),
        discussions=(disc,),
    )
