"""An oracle for de-identification, written apart from ``netboard.domain.privacy``.

It shares no code with the product: its own way to fold letters, its own list of what a patient's
identifier tokens are, and its own way to find them in a text (words, digit runs, dates parsed
back to days). A de-identified text leaks when any agenda patient's name part, record number or
birth date can be read from it. Staff names are taken out of the text first: they must come back
exactly as written, even where they share a word with a patient.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netboard.domain.snapshot import Patient

_UNSPLIT = {
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th",
    "\u0131": "i", "ħ": "h",
}  # fmt: skip
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"
_NOT_A_NAME = {
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le",
    "ter", "ten", "al", "bin", "y", "e", "zu",
}  # fmt: skip
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip


def plain(text: str) -> str:
    """Lower case ASCII-ish letters: the oracle's own fold."""
    for char in _INVISIBLE:
        text = text.replace(char, "")
    out = []
    for char in unicodedata.normalize("NFKD", text.lower()):
        if unicodedata.combining(char):
            continue
        out.append(_UNSPLIT.get(char, char))
    return "".join(out).replace("\u03c2", "\u03c3")  # Greek final sigma reads as sigma


@dataclass(frozen=True)
class Identity:
    """What identifies one patient, as the oracle reads it."""

    names: frozenset[str]
    mrn_digits: str
    mrn_prefix: str
    birth: date | None

    @classmethod
    def of(cls, patient: Patient) -> Identity:
        words = re.split(r"[\s\-'\u2019,.]+", plain(f"{patient.given_name} {patient.family_name}"))
        names = frozenset(w for w in words if len(w) >= 2 and w not in _NOT_A_NAME)
        compact = re.sub(r"[^0-9a-z]", "", plain(patient.mrn))
        prefix = compact.rstrip("0123456789")
        return cls(names, compact[len(prefix) :], prefix, patient.birth_date)


def visible(texts: Iterable[str], staff: Iterable[str]) -> str:
    """The texts as one string, rich text made plain, white space single, staff names taken out
    (also where a chart label cuts one short with an ellipsis)."""
    joined = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", t)) for t in texts)
    joined = " ".join(joined.split())
    for name in sorted(staff, key=len, reverse=True):
        whole = " ".join(name.split())
        joined = joined.replace(whole, " ")
        for cut in range(len(whole) - 1, 3, -1):  # a chart label cut short: 'Dr Jonet…'
            joined = joined.replace(whole[:cut].rstrip() + "\u2026", " ")
    return joined


def leaks(text: str, patients: Iterable[Patient]) -> list[str]:
    """Every identifier of ``patients`` that can be read in ``text`` (empty: nothing leaks)."""
    flat = plain(text)
    words = re.findall(r"[^\W\d_]+", flat)
    found: list[str] = []
    for patient in patients:
        who = Identity.of(patient)
        for word in words:
            plural = word[:-1] if word.endswith("s") else ""
            for stem in (word, plural, word[:-2] if word.endswith("es") else ""):
                if stem in who.names:
                    found.append(f"name {word!r}")
        found += _mrn_leaks(flat, who)
        if who.birth is not None and who.birth in dates_in(flat):
            found.append(f"birth date {who.birth}")
    return found


def _mrn_leaks(flat: str, who: Identity) -> list[str]:
    joined = re.sub(r"(?<=\d)[\s\-./_](?=\d)", "", flat)
    core = who.mrn_digits.lstrip("0") or "0"
    found = []
    for run in re.findall(r"\d+", joined):
        if len(core) >= 4 and run.lstrip("0") == core:
            found.append(f"record number {run}")
        elif run == who.mrn_digits:
            found.append(f"record number {run}")
    if who.mrn_prefix and re.search(
        rf"(?<![a-z]){who.mrn_prefix}[\W_]{{0,2}}0*{core}(?!\d)", joined
    ):
        found.append(f"record number {who.mrn_prefix}{core}")
    return found


def dates_in(flat: str) -> set[date]:
    """Every day a reader could take from the text (both readings of 04/12/1961)."""
    found: set[date] = set()

    def add(year: str, month: int | str, day: int | str) -> None:
        y = int(year)
        y = y + 1900 if y < 100 else y
        try:
            found.add(date(y, int(month), int(day)))
        except ValueError:
            pass

    for a, b, c in re.findall(
        r"(?<!\d)(\d{1,2})\s*[./\-]\s*(\d{1,2})\s*[./\-]\s*(\d{4}|\d{2})(?!\d)", flat
    ):
        add(c, b, a)
        add(c, a, b)
    for a, b, c in re.findall(
        r"(?<!\d)(\d{4})\s*[./\-]\s*(\d{1,2})\s*[./\-]\s*(\d{1,2})(?!\d)", flat
    ):
        add(a, b, c)
    for run in re.findall(r"(?<!\d)\d{8}(?!\d)", flat):
        add(run[:4], run[4:6], run[6:])
        add(run[4:], run[2:4], run[:2])
        add(run[4:], run[:2], run[2:4])
    month = "|".join(sorted(_MONTHS, key=len, reverse=True))
    for d, m, y in re.findall(
        rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({month})\.?,?\s+(\d{{4}})", flat
    ):
        add(y, _MONTHS[m], d)
    for m, d, y in re.findall(rf"\b({month})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", flat):
        add(y, _MONTHS[m], d)
    return found
