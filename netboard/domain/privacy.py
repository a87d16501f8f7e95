"""Privacy: the one accent fold (search and de-identification compare names through it).

NFKD splits most accented letters (é -> e + accent) and compatibility forms (ﬁ -> fi); the accents,
invisible characters (soft hyphen, zero-width space, direction marks) and case then go. The letters
NFKD does not split (ł ø đ ß æ œ þ, dotless i …) are mapped by hand. Typographic apostrophes and
dashes become ASCII ones, so "O'Brien" typed either way compares equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from netboard.domain.privacy_forms import (
    CLINICIAN_TITLES,
    HONORIFICS,
    PARTICLES,
    date_pattern,
    mrn_pattern,
)
from netboard.domain.snapshot import MeetingSnapshot, Patient

_LETTERS = {
    "ł": "l",
    "ŀ": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "\u0131": "i",
    "ȷ": "j",
    "ŧ": "t",
    "ŋ": "n",
    "ĸ": "k",
    "\u017f": "s",
    "ƀ": "b",
    "ɨ": "i",
    "ʉ": "u",
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
}
_DROPPED = frozenset({"Mn", "Me", "Cf"})
"""Accents (combining marks) and invisible format characters (soft hyphen, zero-width space...)."""


@lru_cache(maxsize=16384)
def fold_char(char: str) -> str:
    """One character folded: '' (accent, invisible), one letter, or a few ('ß' -> 'ss')."""
    out: list[str] = []
    for part in unicodedata.normalize("NFKD", char).casefold():
        part = _LETTERS.get(part, part)
        for piece in unicodedata.normalize("NFKD", part):
            if unicodedata.category(piece) not in _DROPPED:
                out.append(piece)
    return "".join(out)


def fold(text: str) -> str:
    """Lower case without accents or invisible characters: 'Żółć' -> 'zolc'."""
    return "".join(fold_char(c) for c in text)


def fold_with_origins(text: str) -> tuple[str, tuple[int, ...]]:
    """``fold(text)`` and, for each of its characters, the index in ``text`` it came from."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        chars.append(folded)
        origins.extend([index] * len(folded))
    return "".join(chars), tuple(origins)


# -- the de-identifier ------------------------------------------------------------------------

Scrub = Callable[[str], str]
"""A function from free text to the text a de-identified document may show."""

GENERIC_NAME = "[name]"
"""A name that may not be told to belong to one case: after "Dr.", or shared by two patients."""
MRN_STAND_IN = "[MRN]"
BIRTH_DATE_STAND_IN = "[date of birth]"

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_GAP_IN_NAME = re.compile(r"\s*[\-,]?\s*")
_GAP_AFTER_TITLE = re.compile(r"\.?\s*")


def keep(text: str) -> str:
    """The identity scrub: identified documents and staff fields print text as written."""
    return text


@dataclass(frozen=True, slots=True)
class _Subject:
    """One patient as the matcher knows them: the words of the name, and what stands in."""

    stand_in: str
    tokens: frozenset[str]
    """Name parts that identify on their own ('garcia', 'lindqvist', 'asa', 'obrien')."""
    particles: frozenset[str]
    """Part of the name only next to one of its tokens ('van', 'der', the 'o' of "O'Brien")."""
    initials: frozenset[str]
    """First letters of the name's words: part of the name when written as an initial ('M.')."""

    @classmethod
    def of(cls, patient: Patient, stand_in: str) -> _Subject:
        tokens: set[str] = set()
        particles: set[str] = set()
        for name in (patient.given_name, patient.family_name):
            parts = [
                part
                for word in _WORD.findall(fold(name))
                for part in {word, word.replace("'", ""), *word.split("'")}
            ]
            # a name made only of particle words ('De', 'St', 'Van') identifies on its own
            alone = all(part in PARTICLES or len(part) < 2 for part in parts)
            for part in parts:
                small = part in PARTICLES or len(part) < 2
                (tokens if (alone and len(part) >= 2) or not small else particles).add(part)
        initials = {word[:1] for word in tokens | particles}
        return cls(stand_in, frozenset(tokens), frozenset(particles - tokens), frozenset(initials))


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    """Span in the folded text."""
    text: str


class Deidentifier:
    """Scrubs free text of the identifiers of every patient on a document.

    Call it on patient free text (questions, notes, findings, option ids, agent names …); never on
    staff fields (chair, attendance, presenter, owners, authors), which print as written. Matching
    is whole-word on folded text (case, accents and invisible characters do not matter), takes
    each part of a multi-part or hyphenated name, particles and titles with it, plurals and
    possessives; record numbers with or without prefix, separators and leading zeros; birth dates
    in every common form. It prefers removing too much to too little: a given name that is also a
    common word ("May", "Rose", "Will") goes wherever it appears in patient text. Full names of
    the document's staff are left alone inside free text ("Dr. Jonet Fenoell" stays whole even
    when a patient is called Jonet).
    """

    def __init__(self, patients: Iterable[tuple[Patient, str]], staff: Iterable[str] = ()) -> None:
        """``patients``: each patient on the document with its stand-in ("case 3")."""
        pairs = list(patients)
        self._subjects = tuple(_Subject.of(p, stand_in) for p, stand_in in pairs)
        owners: dict[str, set[int]] = {}
        for index, subject in enumerate(self._subjects):
            for token in subject.tokens:
                owners.setdefault(token, set()).add(index)
        self._owners = {token: frozenset(found) for token, found in owners.items()}
        self._forms = _forms_pattern(p for p, _ in pairs)
        self._staff = _staff_pattern(staff, self._subjects)
        self._memo: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if not text or not self._subjects:
            return text
        done = self._memo.get(text)
        if done is None:
            done = self._memo[text] = self._scrub(text)
        return done

    def _scrub(self, text: str) -> str:
        folded, origins = fold_with_origins(text)
        hits = (
            [
                _Hit(
                    m.start(),
                    m.end(),
                    MRN_STAND_IN if m.lastgroup == "mrn" else BIRTH_DATE_STAND_IN,
                )
                for m in self._forms.finditer(folded)
            ]
            if self._forms is not None
            else []
        )
        hits += self._name_hits(folded, [(h.start, h.end) for h in hits])
        parts: list[str] = []
        last = 0
        for hit in _without_overlaps(hits):
            start, end = origins[hit.start], origins[hit.end - 1] + 1
            parts += [text[last:start], hit.text]
            last = end
        return "".join(parts) + text[last:] if parts else text

    def _name_hits(self, folded: str, forms: list[tuple[int, int]]) -> list[_Hit]:
        """Name runs outside staff names and outside record numbers and birth dates (``forms``),
        so a name that is also an MRN's prefix ('AB' of 'AB-123') cannot swallow half the MRN."""
        protected = [m.span() for m in self._staff.finditer(folded)] if self._staff else []
        protected += forms
        words = [
            m for m in _WORD.finditer(folded) if not any(a <= m.start() < b for a, b in protected)
        ]
        hits: list[_Hit] = []
        i = 0
        while i < len(words):
            found = self._owner_of(words[i].group())
            if found is None:
                i += 1
                continue
            owners, possessive = found
            first, last, owners, possessive = self._extend(words, i, owners, possessive)
            first = self._extend_left(words, first, owners)
            hits.append(self._run_hit(words, first, last, owners, possessive))
            i = last + 1
        return hits

    def _owner_of(self, word: str) -> tuple[frozenset[int], bool] | None:
        """The patients whose name ``word`` is (or is the plural or possessive of)."""
        for base, possessive in (
            (word, False),
            (word[:-2], True) if word.endswith("'s") else ("", False),
            (word[:-1], False) if word.endswith("s") else ("", False),
            (word[:-2], False) if word.endswith("es") else ("", False),
        ):
            owners = self._owners.get(base)
            if owners:
                return owners, possessive
        return None

    def _joins(self, word: str, owners: frozenset[int], gap_after: str) -> bool:
        """Whether ``word`` belongs to a name of ``owners`` when it stands next to one."""
        dotted = gap_after.lstrip().startswith(".")
        return any(
            word in self._subjects[i].particles or (dotted and word in self._subjects[i].initials)
            for i in owners
        )

    def _extend(
        self, words: list[re.Match[str]], i: int, owners: frozenset[int], possessive: bool
    ) -> tuple[int, int, frozenset[int], bool]:
        """The run of name words from ``words[i]``: tokens of the same patient, with particles,
        initials, hyphens and a comma between them ('García-Lindqvist, Åsa M. María')."""
        last = k = i
        while k + 1 < len(words) and _joined(words[k], words[k + 1]):
            k += 1
            word = words[k].group()
            found = self._owner_of(word)
            if found is not None and owners & found[0]:
                owners, possessive, last = owners & found[0], found[1], k
            elif k + 1 >= len(words) or not self._joins(word, owners, _gap(words, k + 1)):
                break
        return i, last, owners, possessive

    def _extend_left(self, words: list[re.Match[str]], first: int, owners: frozenset[int]) -> int:
        """Take particles and initials before the run, then a form of address
        ('Mrs. van der Berg', 'Å. M. García')."""
        while (
            first > 0
            and _joined(words[first - 1], words[first])
            and self._joins(words[first - 1].group(), owners, _gap(words, first))
        ):
            first -= 1
        if first > 0 and words[first - 1].group() in HONORIFICS:
            if _GAP_AFTER_TITLE.fullmatch(_gap(words, first)):
                first -= 1
        return first

    def _run_hit(
        self,
        words: list[re.Match[str]],
        first: int,
        last: int,
        owners: frozenset[int],
        possessive: bool,
    ) -> _Hit:
        before = words[first - 1].group() if first > 0 else ""
        after_title = before in CLINICIAN_TITLES and _GAP_AFTER_TITLE.fullmatch(_gap(words, first))
        if after_title or len(owners) != 1:
            stand_in = GENERIC_NAME
        else:
            stand_in = self._subjects[next(iter(owners))].stand_in
        return _Hit(
            words[first].start(), words[last].end(), stand_in + ("'s" if possessive else "")
        )


def _gap(words: list[re.Match[str]], k: int) -> str:
    """The text between ``words[k - 1]`` and ``words[k]``."""
    return words[k].string[words[k - 1].end() : words[k].start()]


def _joined(left: re.Match[str], right: re.Match[str]) -> bool:
    """Two words that may be one name: apart by space, hyphen, comma, or an initial's dot."""
    gap = left.string[left.end() : right.start()]
    if _GAP_IN_NAME.fullmatch(gap):
        return True
    return len(left.group()) == 1 and _GAP_AFTER_TITLE.fullmatch(gap) is not None


def _without_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """Hits in text order; where two overlap, the one that starts first (then the longer) wins."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def _forms_pattern(patients: Iterable[Patient]) -> re.Pattern[str] | None:
    """One pattern for every patient's record number (group 'mrn') and birth date ('dob')."""
    mrns: list[str] = []
    dates: list[str] = []
    for patient in patients:
        found = mrn_pattern(patient.mrn, fold(patient.mrn))
        if found:
            mrns.append(found)
        if patient.birth_date is not None:
            dates.append(date_pattern(patient.birth_date))
    groups = [
        f"(?P<{name}>{'|'.join(found)})" for name, found in (("dob", dates), ("mrn", mrns)) if found
    ]
    return re.compile("|".join(groups)) if groups else None


def _staff_pattern(staff: Iterable[str], subjects: tuple[_Subject, ...]) -> re.Pattern[str] | None:
    """Full names of the document's staff as they may be written in free text (titles aside)."""
    forms: list[str] = []
    for name in set(staff):
        words = [w for w in _WORD.findall(fold(name)) if w not in CLINICIAN_TITLES | HONORIFICS]
        names = [w for w in words if w not in PARTICLES and len(w) > 1]
        if len(names) < 2 or any(set(names) <= s.tokens | s.particles for s in subjects):
            continue  # one word, or the name of a patient on the document: not protected
        forms.append(r"[\s\-]+".join(re.escape(w) for w in words))
        forms.append(
            re.escape(words[-1]) + r",?\s+" + r"\s+".join(re.escape(w) for w in words[:-1])
        )
    if not forms:
        return None
    return re.compile(
        r"(?<![^\W_])(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")(?![^\W_])"
    )


def meeting_staff(snapshot: MeetingSnapshot) -> tuple[str, ...]:
    """Everyone who works the meeting: chair, attendance, presenters, owners, authors, and the
    agenda patients' physicians and nurse navigators (their names are never rewritten)."""
    people = [snapshot.meeting.chair, *(a.person for a in snapshot.attendance)]
    people += [a.author for a in snapshot.addenda]
    for item in snapshot.agenda:
        d = item.discussion
        people += [d.presenter, item.patient.treating_physician, item.patient.nurse_navigator]
        people += [a.owner for a in d.actions] + [a.author for a in d.addenda]
    return tuple(dict.fromkeys(p for p in people if p.strip()))


def case_numbers(snapshot: MeetingSnapshot) -> dict[str, int]:
    """Discussion id -> the case's number on the agenda (1-based, in agenda order)."""
    agenda = sorted(snapshot.agenda, key=lambda item: item.discussion.position)
    return {item.discussion.id: n for n, item in enumerate(agenda, start=1)}


def meeting_deidentifier(snapshot: MeetingSnapshot) -> Deidentifier:
    """The de-identifier of a meeting's documents: every agenda patient is 'case N'."""
    numbers = case_numbers(snapshot)
    subjects = [(item.patient, f"case {numbers[item.discussion.id]}") for item in snapshot.agenda]
    return Deidentifier(subjects, meeting_staff(snapshot))


def patient_deidentifier(patient: Patient, stand_in: str = "the patient") -> Deidentifier:
    """The de-identifier of a document about one patient."""
    staff = (patient.treating_physician, patient.nurse_navigator)
    return Deidentifier([(patient, stand_in)], [s for s in staff if s])
