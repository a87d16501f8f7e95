"""The patient search key: one normalised, lower-case text per patient for substring search.

Search is accent- and case-insensitive ("muller" finds "Müller", "lukasz" finds "Łukasz") because
the key and the typed words pass through the same fold (``netboard.domain.privacy.fold``, the one
the de-identifier uses) in Python, identically on SQLite and PostgreSQL. Bulk loaders (demo data,
import) use ``search_key_for`` to fill ``patient.search_key``; revision 0002 recomputed stored keys
when the fold learned the letters NFKD does not split.
"""

from __future__ import annotations

from netboard.domain.privacy import fold


def normalise(text: str) -> str:
    """Folded (lower case, no accents, no invisible characters), runs of white space made single."""
    return " ".join(fold(text).split())


def search_key_for(family_name: str, given_name: str, mrn: str) -> str:
    """The value of ``patient.search_key`` for these fields."""
    return normalise(f"{family_name} {given_name} {mrn}")[:300]


def search_words(text: str) -> list[str]:
    """The words of a search; a patient matches when the key contains every word."""
    return normalise(text.replace(",", " ")).split()
