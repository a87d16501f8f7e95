"""The written forms of a patient's identifiers, as regular expressions over folded text.

Helpers of ``netboard.domain.privacy``: every pattern here runs on text already passed through
``privacy.fold`` (lower case, no accents), so month names and prefixes are plain ASCII.
"""

from __future__ import annotations

import re
from datetime import date

PARTICLES = frozenset(
    "van von der den de del della dei di da das dos du la le les el al bin ibn ben ter ten "
    "zu zum zur af av y e st".split()
)
"""Name particles: part of a name next to it ("van der Berg"), but no identifier on their own."""

HONORIFICS = frozenset(
    "mr mrs ms miss mx mister madam frau herr fr hr mme mlle madame monsieur sr sra srta "
    "senor senora signor signora sig pan pani fru".split()
)
"""Forms of address a patient's name may carry; they go with the name ("Mrs García" -> "case 3")."""

CLINICIAN_TITLES = frozenset("dr doctor prof professor pd priv-doz nurse".split())
"""Titles that mark a clinician: a patient's name after one reads "Dr. [name]", not "Dr. case 3"."""

_MONTHS: tuple[tuple[str, ...], ...] = (
    ("january", "jan", "januar", "janvier", "enero", "gennaio", "janner"),
    ("february", "feb", "februar", "fevrier", "febrero", "febbraio"),
    ("march", "mar", "marz", "maerz", "mars", "marzo"),
    ("april", "apr", "avril", "abril", "aprile"),
    ("may", "mai", "mayo", "maggio"),
    ("june", "jun", "juni", "juin", "junio", "giugno"),
    ("july", "jul", "juli", "juillet", "julio", "luglio"),
    ("august", "aug", "aout", "agosto"),
    ("september", "sep", "sept", "septembre", "septiembre", "settembre"),
    ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre"),
    ("november", "nov", "novembre", "noviembre"),
    ("december", "dec", "dezember", "dez", "decembre", "diciembre", "dicembre"),
)

_NUM_SEP = r"(?:\s*[./\-]\s*|\s+)"
_WORD_SEP = r"[\s./\-]*"
_ORDINAL = r"(?:st|nd|rd|th|er|e)?\.?"
_DIGIT_GAP = r"[\-_./ ]?"
_PREFIX_GAP = r"[\-_.:#/]{0,2}"
_OWN_PREFIX_GAP = r"[\-_.:#/ ]{0,2}"
_LABEL = r"(?:(?:mrn|pid|id|patient\s+id|(?:hospital|record)\s+(?:number|no\.?))\s*[:#.]?\s*)?"
"""A label written before a record number ("MRN: 20491"): removed with the number."""


def _number(value: int, width: int) -> str:
    """'0?4' for 4: the number with or without its leading zero."""
    text = str(value)
    return f"0?{text}" if len(text) < width else text


def date_pattern(day: date) -> str:
    """Every common form of ``day``: ISO, 12 Apr 1961, April 12, 1961, 12.4.1961, 19610412 …"""
    d, m = _number(day.day, 2), _number(day.month, 2)
    y4 = str(day.year)
    y = f"(?:{y4}|{day.year % 100:02d})"
    month = "(?:" + "|".join(re.escape(n) for n in _MONTHS[day.month - 1]) + r")\.?"
    s, w = _NUM_SEP, _WORD_SEP
    dd, mm = f"{day.day:02d}", f"{day.month:02d}"
    forms = [
        f"{d}{s}{m}{s}{y}",
        f"{m}{s}{d}{s}{y}",
        f"{y4}{s}{m}{s}{d}",
        f"{y4}{mm}{dd}",
        f"{dd}{mm}{y4}",
        f"{mm}{dd}{y4}",
        rf"{d}{_ORDINAL}{w}(?:of\s+)?{month}{w},?{w}{y}",
        rf"{month}{w}{d}{_ORDINAL},?{w}{y}",
        rf"{y4}{w}{month}{w}{d}",
    ]
    return r"(?<![0-9])(?:" + "|".join(forms) + r")(?![0-9])"


def mrn_pattern(mrn: str, folded: str) -> str | None:
    """The record number ``mrn`` (``folded`` is its fold) with or without prefix, label, separators
    and leading zeros: 'MRN20491', '20491', 'pt 020491', 'id_20491'. ``None`` for an empty MRN."""
    compact = re.sub(r"[\s\-_./:#]", "", folded)
    if not compact:
        return None
    parts = re.fullmatch(r"([^\W\d_]*)(\d+)", compact)
    if parts is None:  # letters after digits: the characters in order, separators optional
        body = _DIGIT_GAP.join(re.escape(c) for c in compact)
        return rf"(?<![^\W_]){_LABEL}{body}(?![^\W_])"
    prefix, digits = parts.groups()
    core = digits.lstrip("0") or "0"
    spaced = _DIGIT_GAP.join(core)
    forms = []
    if len(core) >= 4:  # distinctive alone: any letters before it count as its prefix
        forms.append(rf"(?:[^\W\d_]+{_PREFIX_GAP})?0*{spaced}")
    if prefix:
        forms.append(rf"{re.escape(prefix)}{_OWN_PREFIX_GAP}0*{spaced}")
    if len(digits) > len(core):
        forms.append(rf"(?:[^\W\d_]+{_PREFIX_GAP})?{_DIGIT_GAP.join(digits)}")
    if not forms:  # a short number with neither prefix nor zeros: only as written
        forms.append(spaced)
    return rf"(?<![^\W_]){_LABEL}(?:" + "|".join(forms) + r")(?![0-9])"
